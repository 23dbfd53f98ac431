"""Every reviewed page has its review record in reviews/, in the format reviews/README.md sets:
a line-by-line read and, for a page that judges claims, one read from each side; each a table of
findings, every one resolved."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

#: Pages whose review is done; a page is added when its revision and review land.
REVIEWED: list[str] = [
    "index",
    "methods",
    "about",
    "glossary",
    "definitions",
    "counting",
    "safety-paradox",
    "double-standards",
    "proxies",
    "verdict",
]
SECTIONS = ["## Line by line", "## Read for the article", "## Read for the report"]
#: Pages that judge claims of the article: each is also read from both sides.
CLAIM_PAGES = {"index", "definitions", "counting", "safety-paradox", "proxies", "double-standards", "verdict"}
HEADER = "| # | where | source and locator read | finding | resolution |"
RESOLVED = re.compile(r"^(fixed|declined|noted): \S")


def findings(text: str, section: str) -> list[list[str]]:
    """The rows of a section's table, as lists of cells."""
    part = text.split(section, 1)[1].split("\n## ", 1)[0]
    assert HEADER in part, f"{section}: no findings table with the header {HEADER}"
    rows = [line for line in part.splitlines() if line.startswith("|")][2:]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


@pytest.mark.parametrize("slug", REVIEWED)
def test_a_reviewed_page_has_a_complete_record(slug):
    path = ROOT / "reviews" / f"{slug}.md"
    assert path.exists(), f"reviews/{slug}.md is missing"
    text = path.read_text(encoding="utf-8")
    for section in SECTIONS if slug in CLAIM_PAGES else SECTIONS[:1]:
        assert section in text, f"reviews/{slug}.md: no section {section!r}"
        reviewer = text.split(section, 1)[1].split("\n\n", 2)[1]
        assert reviewer.startswith("Reviewer: "), f"reviews/{slug}.md, {section}: who reviewed?"
        for row in findings(text, section):
            assert len(row) == 5 and all(row), f"reviews/{slug}.md, {section}: incomplete row {row}"
            assert RESOLVED.match(row[4]), f"reviews/{slug}.md, {section}: unresolved finding {row[0]}"


def test_an_unresolved_finding_would_be_caught():
    text = f"## Line by line\n\nReviewer: x\n\n{HEADER}\n|---|---|---|---|---|\n| 1 | here | none | wrong | |\n"
    assert findings(text, "## Line by line") == [["1", "here", "none", "wrong", ""]]
