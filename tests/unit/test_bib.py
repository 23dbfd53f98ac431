"""references.bib is generated from data/ledger/sources.csv, parses, and is in step with it."""

from __future__ import annotations

from pybtex.database import parse_string

from conftest import ROOT, read_csv
from distillbook.publish import bib


def test_committed_references_bib_is_the_generated_one():
    assert (ROOT / "references.bib").read_text(encoding="utf-8") == bib.bibliography(), (
        "references.bib is out of date: run `python -m distillbook bib` (make book does it)"
    )


def test_every_source_is_one_parseable_entry_with_its_url():
    entries = parse_string(bib.bibliography(), "bibtex").entries
    sources = read_csv("ledger/sources.csv")
    assert sorted(entries) == sorted(row["id"] for row in sources)
    for row in sources:
        entry = entries[row["id"]]
        assert entry.fields["url"] == row["url"]
        assert entry.fields["urldate"] == row["date_accessed"]
        assert row["reliability"] in entry.fields["note"]
        if row["date_published"]:
            assert entry.fields["year"] == row["date_published"][:4]
        else:
            assert "year" not in entry.fields


def test_special_characters_are_escaped():
    import pandas as pd

    row = pd.Series(
        {
            "id": "x",
            "title": "A & B 50% {raw}",
            "publisher": "P_Q",
            "url": "https://e.x/a_b",
            "date_accessed": pd.Timestamp("2026-01-02"),
            "date_published": pd.NaT,
            "reliability": "primary",
        }
    )
    parsed = parse_string(bib.entry(row), "bibtex").entries["x"]
    assert parsed.fields["title"] == "{A \\& B 50\\% \\{raw\\}}"
