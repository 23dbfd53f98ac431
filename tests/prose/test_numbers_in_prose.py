"""No number typed into prose: pages, captions, alt text, chart text and the text columns of data."""

from __future__ import annotations

import pytest

from conftest import ROOT
from distillbook.core import pages, prose
from distillbook.publish import lint


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("The report gives 24,000 accounts.", ["24,000"]),
        ("a share of 78.5% and 16 million", ["78.5%", "16"]),
        ("Claude 3.7 Sonnet, on 24 February 2025 and in 2026.", []),
        ("o1, R1, GPT-4o, Qwen2.5-32B, gpt-oss-120b and Kimi K2.5", []),
        ("see section 2, Table 1 and Figure 3", []),
        ("{glue:text}`runs:,d` runs and {cite:p}`anthropic2026distillation`", []),
        ("{article}`about 2,300 tasks`", []),
        ("1. a numbered list item", []),
        ("the years 2023–2025 and the 2020s", []),
        ("2,025 units and 20255 and 2025.5", ["2,025", "20255", "2025.5"]),
        ("Tier 4 allows more", []),
        ("Published 10:36 HKT; the TLP 2.0 labels", []),
        ("a ratio of 10:36 and 10:36 later", ["10", "36", "10", "36"]),
    ],
)
def test_the_scanner_finds_exactly_the_typed_numbers(text, numbers):
    assert prose.numbers_in_text(text) == numbers


def test_a_typed_number_in_a_page_is_reported_with_file_and_line(tmp_path):
    page = tmp_path / "chapters" / "x.md"
    page.parent.mkdir()
    page.write_text(
        "---\nkernelspec:\n  name: python3\n---\n\n# Title\n\nFine {glue:text}`n:,d`.\n\n"
        "```{code-cell} ipython3\nx = 150000\n```\n\nMiniMax sent 13 million.\n\n"
        "```{glue:figure} chart\n:name: fig-x\n:alt: Bars for 3 labs\n\nCaption with 42 bars.\n```\n\n"
        ":::{admonition} Note with 7 items\nBody with 9.\n:::\n",
        encoding="utf-8",
    )
    findings = prose.scan_page(page, tmp_path)
    assert [(f.file, f.line, f.number) for f in findings] == [
        ("chapters/x.md", 14, "13"),
        ("chapters/x.md", 18, "3"),
        ("chapters/x.md", 20, "42"),
        ("chapters/x.md", 23, "7"),
        ("chapters/x.md", 24, "9"),
    ]
    assert str(findings[0]).startswith("chapters/x.md:14: literal number '13' in prose")


def test_no_page_of_the_book_has_a_typed_number():
    findings = [str(f) for page in pages.book_pages(ROOT) for f in prose.scan_page(page, ROOT)]
    assert findings == []


def test_no_text_column_of_data_has_a_typed_number():
    assert [str(f) for f in lint.data_prose_findings(ROOT)] == []


def test_a_typed_number_in_a_conclusion_is_found(data_copy):
    from conftest import set_cell

    set_cell(data_copy.parent / "ledger" / "claims.csv", "intro-exchanges", "conclusion", "The report says 16 million.")
    findings = lint.data_prose_findings(data_copy.parent.parent)
    assert [(f.file, f.number) for f in findings] == [("data/ledger/claims.csv row 3 field conclusion", "16")]
