"""Never stale: what each page depends on, and how the build finds out that it changed.

* **Execution.** Each executable page gets a hidden last cell holding a fingerprint of what its
  results depend on: the tables its front matter declares, the data package descriptor, the
  package's core, every ``distillbook`` module its code cells import (and what those import),
  the lock file, and ``_config.yml`` for a page that reads it (:data:`CONFIG_READERS`). jupyter-cache keys on the code cells, so a changed fingerprint is a cache
  miss and the page executes again. An edit to ``publish/`` or to a chapter module the page does
  not import changes nothing.
* **Reading.** A page is read again (content hash, not modification time) when its execution
  inputs change or when an input of a claim it shows changes: the ledger, the tables the claim's
  check read, and the check's module with everything it imports.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from distillbook.core import data, pages
from distillbook.publish import imports

FINGERPRINT_CELL = """

```{{code-cell}} ipython3
:tags: [remove-cell]
# Fingerprint of this page's inputs (declared data, the package's core and the modules the page
# imports, the lock file), added at build time so that the execution cache can never serve a
# result of older inputs.
_book_inputs_fingerprint = "{fingerprint}"
```
"""

#: A claim box in a page's source: ```{claim} <id>```.
CLAIM_DIRECTIVE = re.compile(r"^\s*[`:]{3,}\{claim\}\s+([a-z0-9-]+)\s*$", re.M)


#: Modules that read ``_config.yml`` (the repository's URL, the version): a page that imports
#: one shows what the configuration says, so the configuration is one of its inputs.
CONFIG_READERS = {"distillbook.chapters.about"}


def package_dir(root: Path) -> Path:
    """The book's package inside the book (``code/distillbook``): fingerprints read the code a
    copy of the book holds, not the copy Python imported."""
    return root / "code" / "distillbook"


def core_files(root: Path) -> list[Path]:
    """The package's core and its top-level ``__init__``: what every page's results depend on."""
    package = package_dir(root)
    return sorted((package / "core").rglob("*.py")) + [package / "__init__.py"]


def page_modules(root: Path, text: str) -> set[str]:
    """The ``distillbook`` modules a page's code cells import, with everything those import."""
    imported: set[str] = set()
    for cell in pages.code_cells(text):
        try:
            imported |= imports.imports_in_source(cell)
        except SyntaxError:
            continue  # IPython syntax; the build reports it when the cell runs
    return imports.closure(imported, package_dir(root))


def execution_inputs(root: Path, source_path: Path, text: str | None = None) -> list[Path]:
    """The files a page's executed results depend on (see the module's docstring)."""
    text = source_path.read_text(encoding="utf-8") if text is None else text
    descriptor = root / "data" / "datapackage.json"
    declared = pages.declared_reads(source_path)
    names = data.table_names(descriptor) if declared == [pages.EVERY_TABLE] else declared
    tables = [data.table_file(name, descriptor) for name in names]
    modules = page_modules(root, text)
    code = sorted({*core_files(root), *imports.files(modules, package_dir(root))})
    config = [root / "_config.yml"] if modules & CONFIG_READERS else []
    return [descriptor, *tables, *code, root / "requirements.txt", *config]


def execution_fingerprint(root: Path, source_path: Path, text: str | None = None) -> str:
    """SHA-256 of everything :func:`execution_inputs` lists."""
    return data.fingerprint(execution_inputs(root, source_path, text))


def fingerprinted_text(root: Path, source_path: Path) -> str:
    """A notebook page's text as the build executes it: with its fingerprint cell appended."""
    text = source_path.read_text(encoding="utf-8")
    return text.rstrip("\n") + FINGERPRINT_CELL.format(fingerprint=execution_fingerprint(root, source_path, text))


def claim_inputs(app: Sphinx, claim_ids: list[str]) -> list[Path]:
    """The files the claims shown on a page depend on: the ledger, the tables each claim's check
    read in this build, and each check's module with what it imports."""
    root = Path(app.srcdir)
    descriptor = root / "data" / "datapackage.json"
    inputs = getattr(app.env, "distillbook_check_inputs", {})
    files: set[Path] = {data.table_file("ledger/claims", descriptor)}
    for claim_id in claim_ids:
        tables, modules = inputs.get(claim_id, ((), ()))
        files |= {data.table_file(name, descriptor) for name in tables}
        files |= set(imports.files(imports.closure(set(modules), package_dir(root)), package_dir(root)))
    return sorted(files)


def read_inputs(app: Sphinx, source_path: Path) -> list[Path]:
    """Everything a page's output depends on: its execution inputs (notebook pages) and the
    inputs of the claims it shows."""
    text = source_path.read_text(encoding="utf-8")
    root = Path(app.srcdir)
    files = execution_inputs(root, source_path, text) if pages.is_notebook(text) else []
    claims = CLAIM_DIRECTIVE.findall(text)
    return [*files, *(claim_inputs(app, claims) if claims else [])]


def add_fingerprint(app: Sphinx, docname: str, source: list[str]) -> None:
    """Append the fingerprint cell to an executable page; remember what the page was read from."""
    path = Path(app.env.doc2path(docname))
    root = Path(app.srcdir)
    try:
        if pages.is_notebook(source[0]):
            fingerprint = execution_fingerprint(root, path, source[0])
            source[0] = source[0].rstrip("\n") + FINGERPRINT_CELL.format(fingerprint=fingerprint)
        inputs = read_inputs(app, path)
    except data.DataError as exc:
        raise ExtensionError(f"{path.name}: {exc}") from None
    read = getattr(app.env, "distillbook_fingerprints", {})
    read[docname] = data.fingerprint(inputs)
    app.env.distillbook_fingerprints = read  # type: ignore[attr-defined]
    for dependency in inputs:
        app.env.note_dependency(str(dependency))


def outdated_pages(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Pages whose inputs changed since they were last read (content hash, not mtime)."""
    stored = getattr(env, "distillbook_fingerprints", {})
    stale = []
    for docname, fingerprint in stored.items():
        path = Path(env.doc2path(docname))
        if path.exists() and data.fingerprint(read_inputs(app, path)) != fingerprint:
            stale.append(docname)
    return stale


def rewrite_every_page(app: Sphinx, env) -> list[str]:
    """Every page is written again on every build (reading stays incremental). A page's sidebar,
    previous/next links and citation box show other pages' titles, which Sphinx does not track:
    without this, renaming one page would leave the others showing the old name."""
    return sorted(env.found_docs)


def forget_page(app: Sphinx, env, docname: str) -> None:
    getattr(env, "distillbook_fingerprints", {}).pop(docname, None)


def merge_fingerprints(app: Sphinx, env, docnames, other) -> None:
    env.distillbook_fingerprints = {  # type: ignore[attr-defined]
        **getattr(env, "distillbook_fingerprints", {}),
        **{d: f for d, f in getattr(other, "distillbook_fingerprints", {}).items() if d in docnames},
    }
