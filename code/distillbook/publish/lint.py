"""The fast checks behind ``make lint`` and ``make check``: everything that needs no build.

* ``make lint``: the data validate, the ledger holds, no number is typed into prose (pages and the
  text columns of ``data/``), every quotation of the article is verbatim, and ruff finds nothing.
* ``make check`` adds the format check and the unit tests (see the Makefile).

Both lint the pages' code cells too: each page's cells are written, in order, to a Python file
in a scratch folder (one file per page, cell boundaries marked), which ruff reads like any module.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from distillbook.core import data, ledger, pages, paths, prose


def data_prose_findings(root: Path) -> list[prose.Finding]:
    """Literal numbers in the text columns of ``data/`` (``"prose": true`` fields)."""
    descriptor = root / "data" / "datapackage.json"
    findings = []
    for table, fields in data.prose_fields(descriptor).items():
        if not fields:
            continue
        frame = data.load_table(table, descriptor)
        for i, row in frame.iterrows():
            for field in fields:
                label = f"{frame.attrs['file']} row {i + 1} field {field}"
                findings += prose.scan_text(label, str(row[field]), line=i + 2)
    return findings


def article_text(path: Path = paths.ARTICLE) -> str | None:
    """The reviewed article's text, or None where it is not available (it is not republished)."""
    return path.read_text(encoding="utf-8") if path.exists() else None


def quote_findings(root: Path, article: str) -> list[str]:
    """Ledger quotes and ``{article}`` roles that are not verbatim in the article's text."""
    problems = [
        f"data/ledger/claims.csv: claim {row['id']!r}: quote is not verbatim in the article"
        for _, row in data.load_table("ledger/claims", root / "data" / "datapackage.json").iterrows()
        if row["quote"] not in article
    ]
    for page in pages.book_pages(root):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            for quote in re.findall(r"\{article\}`([^`]+)`", line):
                if quote not in article:
                    problems.append(f"{page.relative_to(root)}:{number}: article quote not verbatim: {quote!r}")
    return problems


def page_cell_files(root: Path, folder: Path) -> dict[Path, Path]:
    """Write each executable page's code cells to ``folder/<docname>.py``; return {file: page}."""
    written = {}
    for page in pages.book_pages(root):
        text = page.read_text(encoding="utf-8")
        cells = pages.code_cells(text)
        if not cells:
            continue
        target = folder / f"{pages.docname(page, root)}.py"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(f"# %% cell {i}\n{cell}\n\n" for i, cell in enumerate(cells, 1)), encoding="utf-8")
        written[target] = page
    return written


def ruff(*args: str, root: Path) -> subprocess.CompletedProcess:
    """Run the environment's ruff (configuration in the root ``pyproject.toml``)."""
    return subprocess.run(
        [str(Path(sys.executable).with_name("ruff")), *args], cwd=root, capture_output=True, text=True
    )


def style_findings(root: Path) -> list[str]:
    """Ruff's findings on the package, the tests, the tools and the pages' code cells."""
    found = ruff(
        "check", "--quiet", "--output-format", "concise", "code", "tests", "tools", root=root
    ).stdout.splitlines()
    with tempfile.TemporaryDirectory() as scratch:
        cells = page_cell_files(root, Path(scratch))
        if cells:
            result = ruff("check", "--quiet", "--output-format", "concise", *map(str, cells), root=root)
            for line in result.stdout.splitlines():
                for file, page in cells.items():
                    line = line.replace(str(file), f"{page.relative_to(root)} (code cells)")
                found.append(line)
    return [line for line in found if line.strip()]


def lint_findings(root: Path) -> list[str]:
    """All problems the fast checks find, one line each."""
    import distillbook.chapters.checks  # noqa: F401 - fills core's check registry

    problems: list[str] = []
    descriptor = root / "data" / "datapackage.json"
    try:
        data.validate_package(descriptor)
        ledger.run_ledger(descriptor, root)
    except (data.DataError, ledger.LedgerError) as exc:
        return [str(exc)]
    for page in pages.book_pages(root):
        problems += [str(f) for f in prose.scan_page(page, root)]
    problems += [str(f) for f in data_prose_findings(root)]
    article = article_text()
    if article is not None:
        problems += quote_findings(root, article)
    problems += style_findings(root)
    return problems


def lint_notes() -> list[str]:
    """What the fast checks could not check here, one line each (not problems)."""
    if article_text() is None:
        return [
            f"note: quotations of the article were NOT checked: its text is not at {paths.ARTICLE} "
            "(set DISTILLBOOK_ARTICLE to its path)"
        ]
    return []
