"""references.bib is generated from data/ledger/sources.csv, parses, uses only the fields BibTeX
defines for its entries, and states each source's access date once."""

from __future__ import annotations

import bibtex_types
import pandas as pd
from pybtex.database import parse_string

from conftest import ROOT, read_csv
from distillbook.publish import bib


def test_committed_references_bib_is_the_generated_one():
    assert (ROOT / "references.bib").read_text(encoding="utf-8") == bib.bibliography(), (
        "references.bib is out of date: run `python -m distillbook bib` (make book does it)"
    )


def test_every_source_is_one_valid_misc_entry_with_its_url_author_and_access_date():
    text = bib.bibliography()
    entries = parse_string(text, "bibtex").entries
    sources = read_csv("ledger/sources.csv")
    assert sorted(entries) == sorted(row["id"] for row in sources)
    for row in sources:
        entry = entries[row["id"]]
        assert entry.type == "misc" and bibtex_types.problems(entry) == [], row["id"]
        assert entry.fields["url"] == row["url"]
        year, month, day = (int(part) for part in row["date_accessed"].split("-"))
        accessed = f"{day} {pd.Timestamp(year=year, month=month, day=1):%B} {year}"
        assert entry.fields["note"] == f"Accessed {accessed}; source type: {row['reliability']}"
        # the author as written in the CSV, with BibTeX's one special character found there escaped
        written = row["author"].replace("&", r"\&")
        assert f"@misc{{{row['id']},\n  author = {{{written}}},\n" in text, row["id"]
        if row["date_published"]:
            assert entry.fields["year"] == row["date_published"][:4]


def test_the_access_date_is_stated_once():
    text = bib.bibliography()
    assert "urldate" not in text and "visited on" not in text
    assert text.count("Accessed ") == len(read_csv("ledger/sources.csv"))


def test_special_characters_are_escaped_and_organisations_stay_whole():
    row = pd.Series(
        {
            "id": "x",
            "title": "A & B 50% {raw} $5",
            "publisher": "P_Q",
            "author": "{R&D Lab}",
            "url": "https://e.x/a_b",
            "date_accessed": pd.Timestamp("2026-01-02"),
            "date_published": pd.NaT,
            "reliability": "primary",
        }
    )
    parsed = parse_string(bib.entry(row), "bibtex").entries["x"]
    assert parsed.fields["title"] == "{A \\& B 50\\% \\{raw\\} $5}"
    assert parsed.fields["howpublished"] == "P\\_Q"
    assert parsed.fields["note"] == "Accessed 2 January 2026; source type: primary"
    (author,) = parsed.persons["author"]
    assert author.last_names == ["{R\\&D Lab}"] and author.first_names == []
    assert "year" not in parsed.fields


def test_a_publisher_that_only_repeats_the_author_is_left_out():
    row = pd.Series(
        {
            "id": "y",
            "title": "T",
            "publisher": "Anthropic",
            "author": "{Anthropic}",
            "url": "https://arxiv.org/abs/2310.20624",
            "date_accessed": pd.Timestamp("2026-01-02"),
            "date_published": pd.NaT,
            "reliability": "primary",
        }
    )
    parsed = parse_string(bib.entry(row), "bibtex").entries["y"]
    assert "howpublished" not in parsed.fields
    assert parsed.fields["year"] == "2023" and parsed.fields["month"] == "October"  # from the arXiv id


def test_the_author_tool_fills_rows_added_without_the_column(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("source_authors", ROOT / "tools" / "source_authors.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    sources = tmp_path / "sources.csv"
    sources.write_text(
        "id,publisher,note,author\n"
        "a,Anthropic,Read.,{Anthropic}\n"
        'b,"Semafor (relaying the Financial Times)",Read.\n'  # appended without the column
        "c,Poynter,Read.,\n",
        encoding="utf-8",
    )
    assert [row["id"] for _, row in tool.missing(sources)] == ["b", "c"]
    assert tool.fill(sources) == 2
    assert sources.read_text(encoding="utf-8") == (
        "id,publisher,note,author\n"
        "a,Anthropic,Read.,{Anthropic}\n"
        'b,"Semafor (relaying the Financial Times)",Read.,{Semafor}\n'
        "c,Poynter,Read.,{Poynter}\n"
    )
    assert tool.missing(sources) == []
