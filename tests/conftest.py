"""Shared test helpers: where the book and its build are, and how to read what a page glued."""

from __future__ import annotations

import ast
import csv
import importlib.metadata
import json
import os
import shutil
import subprocess
from pathlib import Path

import pandas
import pytest

from distillbook.publish.pdf import CHROMIUM, CHROMIUM_ARGS  # one definition of how Chromium runs
from distillbook.publish.serve import serve  # noqa: F401 - tests import it from here

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SITE = ROOT / "_build" / "html"
EXECUTED = ROOT / "_build" / "work" / "_build" / "jupyter_execute"


def read_csv(name: str) -> list[dict[str, str]]:
    """A data table as plain rows of strings, read with the csv module (not the package), so that
    tests recompute independently of the code they check."""
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def glued(docname: str) -> dict[str, object]:
    """The values a built page glued, as Python values (the numbers register of that page)."""
    path = EXECUTED / f"{docname}.glue.json"
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: build the book first (make book)")
    raw = json.loads(path.read_text(encoding="utf-8"))
    values = {}
    for key, bundle in raw.items():
        text = bundle["data"].get("text/plain", "")
        try:
            values[key] = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            values[key] = text
    return values


def built_page(docname: str) -> str:
    """The HTML of a built page."""
    path = SITE / f"{docname}.html"
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: build the book first (make book)")
    return path.read_text(encoding="utf-8")


def required(variable: str) -> bool:
    """True when CI demands a test that would otherwise skip (``BOOK_REQUIRE_*=1``)."""
    return os.environ.get(variable, "") == "1"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A private copy of ``data/`` (returns its ``datapackage.json``), for tests that edit data."""
    import shutil

    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target / "datapackage.json"


def set_cell(csv_path: Path, row_id: str, column: str, value: str, key: str = "id") -> None:
    """Rewrite one cell of a CSV in place (the row whose ``key`` column equals ``row_id``)."""
    with open(csv_path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0].keys()) if rows else []
    hits = [row for row in rows if row[key] == row_id]
    assert hits, f"no row {row_id!r} in {csv_path.name}"
    for row in hits:
        row[column] = value
    with open(csv_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# ---------------------------------------------------------------------------------------------
# Browser: the built site served on loopback, and Debian's Chromium driven by Playwright
# ---------------------------------------------------------------------------------------------


def chromium_version() -> str:
    if not CHROMIUM.exists():
        return "absent"
    return subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True).stdout.strip()


def pytest_report_header(config):
    return [f"browser tests: playwright {importlib.metadata.version('playwright')}, {chromium_version()} at {CHROMIUM}"]


@pytest.fixture(scope="session")
def site_url():
    if not (SITE / "index.html").exists():
        pytest.fail("the site is not built: run make book first")
    with serve(SITE) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        message = f"Chromium is not installed at {CHROMIUM}; run `apt-get install chromium` to enable the browser tests"
        if required("BOOK_REQUIRE_BROWSER"):
            pytest.fail(message + " (BOOK_REQUIRE_BROWSER=1: they may not skip here)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    print(f"\nplaywright {importlib.metadata.version('playwright')}, {chromium_version()}")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


# ---------------------------------------------------------------------------------------------
# A small ledger for unit tests of the pages that summarise verdicts
# ---------------------------------------------------------------------------------------------


def ledger_rows(*rows: tuple[str, str, int, str]) -> pandas.DataFrame:
    """A small ledger: (id, chapter, article_section, verdict) per row."""
    return pandas.DataFrame(
        {
            "id": [r[0] for r in rows],
            "chapter": [r[1] for r in rows],
            "article_section": [r[2] for r in rows],
            "verdict": [r[3] for r in rows],
            "quote": [f"words of {r[0]}" for r in rows],
            "conclusion": ["{n:,d} things" if r[3] != "opinion" else "A view." for r in rows],
            "check": ["m.f" if r[3] != "opinion" else "" for r in rows],
        }
    )


SMALL = ledger_rows(
    ("a", "index", 0, "accurate"),
    ("b", "counting", 2, "misleading"),
    ("c", "counting", 2, "accurate"),
    ("d", "counting", 2, "misleading"),
    ("e", "double-standards", 5, "opinion"),
    ("f", "definitions", 1, "inaccurate"),
)
