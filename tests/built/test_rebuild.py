"""End to end, in a private copy of the book: a rebuild with nothing changed does no work; a new
page title reaches every page's sidebar; an edit to a page's code or to its module executes that
page again and writes only its HTML; an edit to the core misses the cache for every page; a data
edit and a ledger edit reach every dependent number on the next build (no clean) and re-execute
only the pages that declare the edited tables; an edit to the publishing code re-executes
nothing; a claim box follows its check's inputs (a table only the check reads, then the check
function) on the chapter page and the verdict page; a bad edit stops the build with file, row
and field, and leaves no site behind."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SITE, set_cell
from distillbook.core import dates, pages
from distillbook.publish.build import copy_book


def build(book: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    # the copy has no .git: give it the commit's date, as the real build gets it
    env = {**os.environ, "DISTILLBOOK_ROOT": str(book), **(extra_env or {})}
    epoch = dates.commit_epoch(ROOT)
    if epoch:
        env.setdefault("SOURCE_DATE_EPOCH", epoch)
    return subprocess.run(
        [sys.executable, "-m", "distillbook", "build"], cwd=book, env=env, capture_output=True, text=True, timeout=900
    )


#: What must not differ between two builds: the pages, the citation files, the sitemap and the
#: chapter PDFs (printed where Chromium exists).
PUBLISHED = ("*.html", "_static/cite/*", "_static/pdf/*", "sitemap.xml")


def published(site: Path) -> dict[Path, bytes]:
    return {
        p.relative_to(site): p.read_bytes()
        for pattern in PUBLISHED
        for p in site.glob(pattern if "/" in pattern else f"**/{pattern}")
    }


def assert_build_stops(book: Path, message: str) -> None:
    """A build of ``book`` fails, its log contains ``message``, and no site is left behind."""
    result = build(book)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
    assert not (book / "_build" / "html").exists()


def shown_numbers(html: str) -> list[str]:
    return re.findall(r'<span class="pasted-text">([^<]*)</span>', html)


def executed_pages(log: str) -> set[str]:
    """The pages a build executed (pre-executed or executed by Jupyter Book), by docname."""
    return {path.split("/book/")[-1] for path in re.findall(r"(/\S+)\.md: (?:Executing notebook|pre-executed)", log)}


def written(book: Path) -> dict[str, int]:
    """Every file of the build's output and of the published site, with its modification time;
    left out: the theme's pygments.css, which the theme writes again at the end of every build."""
    folders = [book / "_build" / "work" / "_build" / "html", book / "_build" / "html"]
    return {
        str(p): p.stat().st_mtime_ns
        for folder in folders
        for p in folder.rglob("*")
        if p.is_file() and p.name != "pygments.css"
    }


def sidebar(site: Path, docname: str) -> list[str]:
    """The page titles in a page's navigation sidebar."""
    soup = BeautifulSoup((site / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    return [a.get_text(" ", strip=True) for a in soup.select("nav.bd-docs-nav a")]


def claim_box_text(site: Path, docname: str, claim_id: str) -> str:
    """The text of a claim's box on a page (its conclusion), or of its entry in the verdict page's
    ledger (an item of the list, which carries the id itself)."""
    soup = BeautifulSoup((site / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    box = soup.find(id=f"claim-{claim_id}") or soup.find(id=f"verdict-{claim_id}")
    return " ".join(box.get_text(" ").split())


#: A claim whose check reads a table its page does not read: the proxies page shows the
#: regional-blocking claim, whose check counts rows of proxies/evidence.csv. For the test its
#: conclusion is set to a marker that shows that count.
CLAIM, CLAIM_PAGE = "proxy-regional-blocking", "chapters/proxies"
MARKER = "Marker for the staleness test: {independent_rows:d} independent."
EXTRA_EVIDENCE = (
    "relay-readme-second-mention,regional-restriction,An independent source names the restriction on China again."
    ",false,true,false,,weishaw2025relay,README_EN.md\n"
)


@pytest.mark.slow
def test_data_edits_reach_the_pages_and_bad_edits_leave_no_site(tmp_path):
    book = copy_book(ROOT, tmp_path / "book")

    first = build(book)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]

    # reproducible: the same sources built in another folder give byte-identical pages
    # (make test builds the working tree first, so _build/html is the build of these sources)
    ours, theirs = published(SITE), published(book / "_build" / "html")
    assert sorted(ours) == sorted(theirs)
    differing = [str(name) for name in ours if ours[name] != theirs[name]]
    assert differing == [], f"pages that differ between two builds of the same sources: {differing}"
    index = (book / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "150,000" in shown_numbers(index) and "16,550,000" in shown_numbers(index)

    # a rebuild with nothing changed does no work: it executes nothing, runs no check again and
    # writes no page (Sphinx's output and the published site keep every file as it was)
    # and validates no table: neither Frictionless nor pandas is imported (the import log that
    # Python writes with PYTHONPROFILEIMPORTTIME, for the build and for Jupyter Book under it)
    before = written(book)
    noop = build(book, {"PYTHONPROFILEIMPORTTIME": "1"})
    log = noop.stdout + noop.stderr
    assert noop.returncode == 0, log[-3000:]
    assert executed_pages(log) == set()
    assert "gate inputs unchanged" in log
    imported = set(re.findall(r"^import time:.*\|\s*([\w.]+)$", noop.stderr, re.M))
    assert "sphinx" in imported, "the import log is missing: the test cannot see what was imported"
    assert {"frictionless", "pandas"} & imported == set()
    assert "no targets are out of date" in log
    assert written(book) == before

    # a page's new title reaches the sidebar of every other page; only that page is read again
    glossary = book / "appendices" / "glossary.md"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("# Glossary\n", "# Glossary of terms\n", 1), encoding="utf-8"
    )
    renamed = build(book)
    log = renamed.stdout + renamed.stderr
    assert renamed.returncode == 0, log[-3000:]
    assert "1 added, 0 changed" in log or "0 added, 1 changed" in log, log[-3000:]
    site = book / "_build" / "html"
    for docname in ("index", "chapters/counting", "appendices/references"):
        assert "Glossary of terms" in sidebar(site, docname), docname

    # an edit to a page's code and one to a page's module: exactly that page and the pages that
    # import the module execute again, and no other page is written
    counting = book / "chapters" / "counting.md"
    counting.write_text(
        counting.read_text(encoding="utf-8").replace(
            "from distillbook.chapters import counting\n",
            "from distillbook.chapters import counting\n\n_edited = 1\n",
            1,
        ),
        encoding="utf-8",
    )
    about = book / "code" / "distillbook" / "chapters" / "about.py"
    about.write_text(about.read_text(encoding="utf-8") + "\n# an edit to the about page's module\n", encoding="utf-8")
    before = written(book)
    edited = build(book)
    log = edited.stdout + edited.stderr
    assert edited.returncode == 0, log[-3000:]
    # the pages that import the about page's module, found here in the pages' own sources
    importers = {
        page.relative_to(book).with_suffix("").as_posix()
        for page in [*book.glob("chapters/*.md"), *book.glob("appendices/*.md"), book / "index.md"]
        if re.search(r"^from distillbook\.chapters import [^\n]*\babout\b", page.read_text(encoding="utf-8"), re.M)
    }
    assert "appendices/about" in importers
    assert executed_pages(log) == {"chapters/counting", *importers}
    after = written(book)
    rewritten = {
        Path(name).relative_to(book / "_build").as_posix() for name in after if after[name] != before.get(name)
    }
    # Sphinx writes those pages, its search and index pages, and the page whose table of contents
    # lists them (the root); no other page. Neither edit changes what a reader sees, so the
    # published site is left as it was.
    assert {name for name in rewritten if name.endswith(".html")} == {
        f"work/_build/html/{page}.html" for page in ("chapters/counting", *importers, "index", "genindex", "search")
    }
    assert not [name for name in rewritten if name.startswith("html/")]

    # an edit to the package's core: every executable page misses the execution cache (checked in
    # the cache the build looks up; building would execute every page, a clean build's work)
    from jupyter_cache import get_cache

    from distillbook.publish import build as driver

    cache = get_cache(str(driver.work_dir(book) / "_build" / ".jupyter_cache"))
    executable = {str(page) for page in pages.book_pages(book) if pages.is_notebook(page.read_text(encoding="utf-8"))}
    assert driver.pages_to_execute(book, cache)[0] == []
    units = book / "code" / "distillbook" / "core" / "units.py"
    source = units.read_text(encoding="utf-8")
    units.write_text(source + "\n# an edit to the core\n", encoding="utf-8")
    assert {page for page, _ in driver.pages_to_execute(book, cache)[0]} == executable
    units.write_text(source, encoding="utf-8")
    assert driver.pages_to_execute(book, cache)[0] == []

    # an edit that keeps every verdict valid: MiniMax 13,000,000 -> 13,100,000; and a conclusion that
    # shows a number only the claim's check computes, from a table only the check reads (below)
    set_cell(book / "data" / "shared" / "allegation.csv", "exchanges-minimax", "value", "13100000")
    set_cell(book / "data" / "ledger" / "claims.csv", CLAIM, "conclusion", MARKER)
    second = build(book)
    log = second.stdout + second.stderr
    assert second.returncode == 0, log[-3000:]
    index = (book / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    numbers = shown_numbers(index)
    assert "13,100,000" in numbers and "13,000,000" not in numbers
    assert "16,650,000" in numbers  # 150,000 + 3,400,000 + 13,100,000
    assert f"{13_100_000 / 16_650_000:.1%}" in numbers  # MiniMax's share, recomputed
    assert f"{16_650_000 / 24_000:,.0f}" in numbers  # exchanges per account (694)
    # exactly the pages that declare one of the tables (or every table) executed again, in warm workers
    declaring = {
        pages.docname(page, book)
        for page in pages.book_pages(book)
        if pages.is_notebook(page.read_text(encoding="utf-8"))
        and {"shared/allegation", "ledger/claims", pages.EVERY_TABLE} & set(pages.declared_reads(page))
    }
    assert "index" in declaring and "appendices/data" not in declaring  # it reads only sources.csv
    assert executed_pages(log) == declaring
    assert "Executing notebook" not in log  # the build found them cached

    # an edit to the publishing code re-executes no page (the pages are read and written again)
    citing = book / "code" / "distillbook" / "publish" / "sphinx" / "citing.py"
    citing.write_text(citing.read_text(encoding="utf-8") + "\n# an edit to the publishing code\n", encoding="utf-8")
    third = build(book)
    assert third.returncode == 0, (third.stdout + third.stderr)[-3000:]
    assert executed_pages(third.stdout + third.stderr) == set()

    # a claim box follows a table only its check reads: one more independent source counted for
    # the regional-blocking claim (n -> n + 1 independent sources), on the chapter and on the
    # verdict page; n counted here from the data (rows on the topic not from Anthropic)
    site = book / "_build" / "html"
    with open(book / "data" / "proxies" / "evidence.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    n = sum(r["topic"] == "regional-restriction" and r["from_anthropic"] == "false" for r in rows)
    assert f"{n} independent" in claim_box_text(site, CLAIM_PAGE, CLAIM)
    assert f"{n} independent" in claim_box_text(site, "chapters/verdict", CLAIM)
    evidence = book / "data" / "proxies" / "evidence.csv"
    evidence.write_text(evidence.read_text(encoding="utf-8") + EXTRA_EVIDENCE, encoding="utf-8")
    fourth = build(book)
    assert fourth.returncode == 0, (fourth.stdout + fourth.stderr)[-3000:]
    assert "chapters/proxies" not in executed_pages(fourth.stdout + fourth.stderr)  # read again, not executed
    assert f"{n + 1} independent" in claim_box_text(site, CLAIM_PAGE, CLAIM)
    assert f"{n + 1} independent" in claim_box_text(site, "chapters/verdict", CLAIM)

    # ... and its check function: the check now counts every independent source three times
    module = book / "code" / "distillbook" / "chapters" / "proxies" / "__init__.py"
    source = module.read_text(encoding="utf-8")
    edited = source.replace(
        'verdict, figures = _evidence_check(data, "proxy-regional-blocking", "regional-restriction")\n',
        'verdict, figures = _evidence_check(data, "proxy-regional-blocking", "regional-restriction")\n'
        '    figures["independent_rows"] *= 3\n',
    )
    assert edited != source
    module.write_text(edited, encoding="utf-8")
    fifth = build(book)
    assert fifth.returncode == 0, (fifth.stdout + fifth.stderr)[-3000:]
    assert f"{3 * (n + 1)} independent" in claim_box_text(site, CLAIM_PAGE, CLAIM)
    assert f"{3 * (n + 1)} independent" in claim_box_text(site, "chapters/verdict", CLAIM)
    module.write_text(source, encoding="utf-8")

    # an edit that breaks a verdict: DeepSeek 150,000 -> 160,000 makes the article's "about
    # 150,000" more than 1% off -> the build stops naming the claim, and leaves no site
    set_cell(book / "data" / "shared" / "allegation.csv", "exchanges-deepseek", "value", "160000")
    assert_build_stops(book, "claim 'count-per-lab': the ledger says 'mostly-accurate'")
    set_cell(book / "data" / "shared" / "allegation.csv", "exchanges-deepseek", "value", "150000")

    # a bad edit: a source loses its URL -> the build stops naming file, row and field
    set_cell(book / "data" / "ledger" / "sources.csv", "anthropic2026distillation", "url", "")
    assert_build_stops(book, 'data/ledger/sources.csv, row 1 (line 2), field "url"')
