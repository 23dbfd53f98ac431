"""Loading and validating ``data/``.

The tables are described by ``data/datapackage.json`` (a Frictionless Data Package). Validation
is Frictionless's own (types, required fields, enums, minimums, unique and foreign keys,
malformed rows), plus two rules Frictionless cannot express: a table's name is its path inside
``data/`` without ``.csv`` (``counting/agent_calls``), and no date may lie after the date of the
commit being built (:func:`distillbook.core.dates.build_date`).

Any problem raises :class:`DataError` with one message that names file, row and field.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from distillbook.core import dates, paths

if TYPE_CHECKING:  # imported where tables are read: fingerprints and table lists need no pandas
    import pandas as pd


class DataError(Exception):
    """Bad input in ``data/``: the message names file, row and field."""


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------


def _resource_file(descriptor: dict, resource_name: str, base: Path) -> str:
    for res in descriptor.get("resources", []):
        if res.get("name") == resource_name:
            return str((base / res["path"]).relative_to(base.parent))
    return resource_name


def _describe_error(file: str, error) -> str:
    """One line per Frictionless error: file, row (data row and file line), field, problem."""
    row = getattr(error, "row_number", None)
    field = getattr(error, "field_name", None) or ", ".join(getattr(error, "field_names", None) or []) or None
    if field is None and getattr(error, "field_number", None):
        field = f"column {error.field_number}"
    where = [file]
    if row:
        where.append(f"row {row - 1} (line {row})")
    if field:
        where.append(f'field "{field}"')
    elif row:
        where.append("whole row")
    note = getattr(error, "note", "") or error.message
    cell = getattr(error, "cell", None)
    shown = f" (value {cell!r})" if cell not in (None, "") and error.type != "foreign-key" else ""
    return f"{', '.join(where)}: {error.type}: {note}{shown}"


def table_name(path: str) -> str:
    """The name of the table stored at ``path`` (relative to ``data/``): the path without ``.csv``."""
    return path.removesuffix(".csv")


def _misnamed(descriptor: dict) -> list[str]:
    """Resources whose name is not derived from their path, as error lines."""
    return [
        f'datapackage.json, resource {res.get("name")!r}, field "name": name-not-path: a table is named '
        f"by its path; use {table_name(res['path'])!r}"
        for res in descriptor.get("resources", [])
        if res.get("name") != table_name(res.get("path", ""))
    ]


def _date_fields(resource: dict) -> list[str]:
    return [f["name"] for f in resource.get("schema", {}).get("fields", []) if f.get("type") == "date"]


def _late_dates(descriptor: dict, base: Path, latest: dt.date) -> list[str]:
    """Every date cell later than ``latest``, as error lines."""
    problems = []
    for res in descriptor.get("resources", []):
        fields = _date_fields(res)
        if not fields:
            continue
        import pandas as pd

        frame = pd.read_csv(base / res["path"], dtype=str, keep_default_na=False)
        for field in fields:
            for i, text in enumerate(frame.get(field, [])):
                if text and dt.date.fromisoformat(text) > latest:
                    file = str(Path(base.name) / res["path"])
                    problems.append(
                        f'{file}, row {i + 1} (line {i + 2}), field "{field}": date-in-future: '
                        f"{text} is after the build date {latest.isoformat()}"
                    )
    return problems


#: Resources found valid, by what their validity depends on (see :func:`_resource_key`): a
#: table that did not change since it was last found valid is not validated again in this process.
_VALID: set[str] = set()


def known_valid() -> set[str]:
    """The keys of the tables found valid in this process (:data:`_VALID`). A key is a digest of
    what the table's validity depends on, so the set may be carried into a fresh import of this
    module: the build's warm workers import the package afresh for each page and keep it."""
    return _VALID


def _resource_key(descriptor: dict, resource: dict, base: Path) -> str:
    """What one table's validity depends on: its schema, its file's bytes, and the files of the
    tables its foreign keys point to."""
    named = {res["name"]: res for res in descriptor.get("resources", [])}
    referenced = sorted({fk["reference"]["resource"] for fk in resource.get("schema", {}).get("foreignKeys", [])})
    files = [base / resource["path"], *(base / named[name]["path"] for name in referenced if name in named)]
    digest = hashlib.sha256(json.dumps(resource, sort_keys=True).encode())
    for path in files:
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


def _frictionless_problems(descriptor_path: Path, descriptor: dict) -> list[str]:
    """Frictionless's findings, one line each: the whole package on a first validation, then only
    the tables whose key (:func:`_resource_key`) changed, each validated in the package's context
    so that its foreign keys are checked against the current tables."""
    base = descriptor_path.parent
    keys = {res["name"]: _resource_key(descriptor, res, base) for res in descriptor.get("resources", [])}
    changed = [name for name, key in keys.items() if key not in _VALID]
    if not changed:
        return []
    import frictionless  # here, not at the top: only validation needs it, and it is slow to import

    if len(changed) == len(keys):
        report = frictionless.validate(str(descriptor_path))
        package_errors, tasks = report.errors, report.tasks
    else:
        package = frictionless.Package(str(descriptor_path))
        package_errors, tasks = [], [package.get_resource(name).validate().tasks[0] for name in changed]
    problems = [f"{descriptor_path.name}: {e.type}: {e.message}" for e in package_errors]
    for task in tasks:
        file = _resource_file(descriptor, task.name, base)
        problems += [_describe_error(file, e) for e in task.errors]
        if not task.errors and not package_errors:
            _VALID.add(keys[task.name])
    return problems


def validate_package(descriptor_path: Path = paths.DATAPACKAGE, latest: dt.date | None = None) -> None:
    """Validate every table of the data package; raise :class:`DataError` listing each problem.

    ``latest`` is the last allowed date (default: :func:`build_date` of the package's repo)."""
    descriptor_path = Path(descriptor_path)
    base = descriptor_path.parent
    if not descriptor_path.exists():
        raise DataError(f"{descriptor_path}: the data package descriptor is missing")
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{descriptor_path.name}: not valid JSON: {exc}") from exc
    problems = _frictionless_problems(descriptor_path, descriptor) + _misnamed(descriptor)
    if not problems:
        problems = _late_dates(descriptor, base, latest or dates.build_date(base.parent))
    if problems:
        more = f" (and {len(problems) - 1} more problem(s) below)" if len(problems) > 1 else ""
        raise DataError(f"bad input in data/: {problems[0]}{more}" + "".join(f"\n  - {p}" for p in problems[1:]))


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


def fingerprint(files: list[Path]) -> str:
    """SHA-256 over the names and bytes of ``files`` (sorted): what a cached result depends on."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(f"{path.parent.name}/{path.name}".encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


@functools.lru_cache(maxsize=4)
def _validated(descriptor_path: Path, stamp: str) -> dict:
    validate_package(descriptor_path)
    return json.loads(descriptor_path.read_text(encoding="utf-8"))


def descriptor(descriptor_path: Path = paths.DATAPACKAGE) -> dict:
    """The validated data package descriptor (validation runs once per content of ``data/``)."""
    files = sorted(descriptor_path.parent.rglob("*.csv")) + [descriptor_path]
    return _validated(descriptor_path, fingerprint(files))


def table_names(descriptor_path: Path = paths.DATAPACKAGE) -> list[str]:
    """The names of the tables the data package describes."""
    return [res["name"] for res in descriptor(descriptor_path)["resources"]]


def _typed(frame: pd.DataFrame, fields: list[dict]) -> pd.DataFrame:
    """Convert the CSV's strings to the schema's types (numbers as float, NaN when empty)."""
    import pandas as pd

    for field in fields:
        name, kind = field["name"], field.get("type", "string")
        if kind == "number":
            frame[name] = pd.to_numeric(frame[name].replace("", None)).astype(float)
        elif kind == "integer":
            frame[name] = pd.to_numeric(frame[name].replace("", None)).astype("Int64")
        elif kind == "date":
            frame[name] = pd.to_datetime(frame[name].replace("", None))
        elif kind == "boolean":
            frame[name] = frame[name].map({"true": True, "false": False, "True": True, "False": False})
    return frame


def load_table(name: str, descriptor_path: Path = paths.DATAPACKAGE) -> pd.DataFrame:
    """One validated table of the data package, typed by its schema.

    Strings stay strings (empty cells are ``""``); numbers are floats; dates are timestamps."""
    import pandas as pd

    desc = descriptor(descriptor_path)
    for res in desc["resources"]:
        if res["name"] == name:
            raw = pd.read_csv(descriptor_path.parent / res["path"], dtype=str, keep_default_na=False)
            frame = _typed(raw, res["schema"]["fields"])
            frame.attrs["file"] = f"data/{res['path']}"  # named in errors about its rows
            return frame
    raise DataError(
        f"data/datapackage.json: no table named {name!r} (known: {', '.join(table_names(descriptor_path))})"
    )


@functools.lru_cache(maxsize=8)
def _listing(descriptor_path: Path, stamp: tuple[int, int]) -> dict[str, str]:
    """Table name -> CSV path (relative to ``data/``) as the descriptor lists them, unvalidated;
    read once per version of the descriptor (``stamp``: its modification time and size)."""
    try:
        return {
            res["name"]: res["path"] for res in json.loads(descriptor_path.read_text(encoding="utf-8"))["resources"]
        }
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"{descriptor_path.name}: cannot list its tables ({type(exc).__name__}: {exc})") from None


def _listed(descriptor_path: Path) -> dict[str, str]:
    try:
        stat = descriptor_path.stat()
    except OSError as exc:
        raise DataError(f"{descriptor_path}: the data package descriptor is missing") from exc
    return _listing(descriptor_path, (stat.st_mtime_ns, stat.st_size))


def listed_tables(descriptor_path: Path = paths.DATAPACKAGE) -> list[str]:
    """The names of the tables the descriptor lists, read without validating the package: what a
    fingerprint needs (the build's gate validates; :func:`table_names` validates first)."""
    return list(_listed(descriptor_path))


def table_file(name: str, descriptor_path: Path = paths.DATAPACKAGE) -> Path:
    """The CSV file behind a table name."""
    listing = _listed(descriptor_path)
    if name not in listing:
        raise DataError(f"data/datapackage.json: no table named {name!r}")
    return descriptor_path.parent / listing[name]


def prose_fields(descriptor_path: Path = paths.DATAPACKAGE) -> dict[str, list[str]]:
    """For each table, the fields that readers see as text (``"prose": true`` in the schema)."""
    desc = json.loads(descriptor_path.read_text(encoding="utf-8"))
    return {res["name"]: [f["name"] for f in res["schema"]["fields"] if f.get("prose")] for res in desc["resources"]}
