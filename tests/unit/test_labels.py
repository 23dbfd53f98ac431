"""Author-year labels name exactly one source: the rule on hand-made sources, and on the book's."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import read_csv
from distillbook.publish import bib, labels


def cited(key, author, year, title):
    return labels.Cited(key=key, author=author, year=year, title=title)


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("{Anthropic}", "Anthropic"),
        ("Kim and Rush", "Kim and Rush"),
        ("Hinton and Vinyals and Dean", "Hinton et al."),
        ("Zhou and others", "Zhou et al."),
        ("Dickson, Ben", "Dickson"),
        ("Banks, Jeanine and Warkentin, Tris", "Banks and Warkentin"),
        ("{Tsinghua University (KEG)} and {Zhipu}", "Tsinghua University (KEG) and Zhipu"),
        ("van der Berg, Jan", "van der Berg"),
        # an organisation with BibTeX's escaped ampersand, as references.bib writes it, or as the CSV does
        ("{Fenwick \\& West}", "Fenwick & West"),
        ("{Fenwick & West}", "Fenwick & West"),
    ],
)
def test_author_part(author, expected):
    assert labels.author_part(author) == expected


def test_an_empty_author_list_has_no_label():
    with pytest.raises(ValueError):
        labels.author_part("")


def test_same_author_and_year_get_letters_in_title_order():
    found = labels.labels(
        [
            cited("usage", "{Anthropic}", "2025", "Usage Policy"),
            cited("thinking", "{Anthropic}", "2025", "Claude's extended thinking"),
            cited("report", "{Anthropic}", "2026", "Detecting and preventing distillation attacks"),
            cited("rates", "{Anthropic}", "", "Rate limits"),
            cited("pricing", "{Anthropic}", "", "Pricing"),
            cited("hinton", "Hinton and Vinyals and Dean", "2015", "Distilling the Knowledge"),
        ]
    )
    # "Claude's ..." sorts before "Usage ...", "Pricing" before "Rate limits"
    assert found == {
        "thinking": "Anthropic, 2025a",
        "usage": "Anthropic, 2025b",
        "report": "Anthropic, 2026",
        "pricing": "Anthropic, n.d.-a",
        "rates": "Anthropic, n.d.-b",
        "hinton": "Hinton et al., 2015",
    }


def test_letters_go_on_past_z():
    found = labels.labels(cited(f"k{i:02d}", "{Org}", "2020", f"title {i:02d}") for i in range(28))
    assert found["k00"] == "Org, 2020a" and found["k25"] == "Org, 2020z"
    assert found["k26"] == "Org, 2020aa" and found["k27"] == "Org, 2020ab"


def test_an_undated_preprint_takes_its_year_and_month_from_its_arxiv_identifier():
    assert labels.publication_year(pd.NaT, "https://arxiv.org/abs/2310.20624") == "2023"
    assert labels.publication_month(pd.NaT, "https://arxiv.org/abs/2310.20624") == 10
    assert labels.publication_year(pd.Timestamp("2025-10-07"), "https://arxiv.org/abs/2410.11182v3") == "2025"
    assert labels.publication_year(pd.NaT, "https://example.org/post") == ""
    assert labels.publication_month(pd.NaT, "https://example.org/post") is None


def test_every_source_of_the_book_has_its_own_label():
    sources = read_csv("ledger/sources.csv")
    frame = pd.DataFrame(sources)
    frame["date_published"] = pd.to_datetime(frame["date_published"].replace("", None))
    found = bib.source_labels(frame)
    assert sorted(found) == sorted(row["id"] for row in sources)
    repeated = {label for label in found.values() if list(found.values()).count(label) > 1}
    assert repeated == set()


def test_no_arxiv_preprint_of_the_book_is_undated():
    undated = [
        row["id"]
        for row in read_csv("ledger/sources.csv")
        if "arxiv.org/abs/" in row["url"] and not row["date_published"]
    ]
    frame = pd.DataFrame(read_csv("ledger/sources.csv")).set_index("id")
    for key in undated:
        assert labels.publication_year(pd.NaT, frame.loc[key, "url"]) != "", key


def test_formatting_the_bibliography_does_not_look_up_a_plugin_per_entry(monkeypatch):
    """pybtex finds a plugin by reading every installed package's entry points; done for each name
    and title (``render_as``), it cost a rebuild 12 s. The book's style looks up its label and
    sorting styles once, whatever the number of entries."""
    import pybtex.plugin
    from pybtex.database import parse_file

    from conftest import ROOT
    from distillbook.publish.sphinx import bibstyle

    bibstyle.register()
    lookups = []
    real = pybtex.plugin.find_plugin
    monkeypatch.setattr(pybtex.plugin, "find_plugin", lambda *args, **kw: lookups.append(args) or real(*args, **kw))
    entries = list(parse_file(str(ROOT / "references.bib")).entries.values())
    formatted = list(bibstyle.Style().format_entries(entries))
    assert len(formatted) == len(entries) > 100
    assert len(lookups) <= 4, f"{len(lookups)} plugin lookups for {len(entries)} entries"
