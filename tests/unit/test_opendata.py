"""The open data of the verdicts, the preview card and the 404 page, on small hand-made inputs."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pandas as pd

from distillbook.chapters import methods
from distillbook.publish import cite, notfound, opendata, preview

META = cite.BookMeta(
    title="A Book",
    author="Some contributors",
    baseurl="https://example.org/b/",
    version="1.2.3",
    date=dt.date(2026, 3, 4),
)
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def claim(claim_id="c-one", chapter="counting", quote="over 16 million exchanges", verdict="misleading", **extra):
    row = {
        "id": claim_id,
        "chapter": chapter,
        "article_section": 2,
        "quote": quote,
        "context": f"They said {quote}.",
        "verdict": verdict,
        "as_of": pd.Timestamp("2026-02-28"),
    }
    return pd.Series({**row, **extra})


def test_a_claim_record_links_to_its_box():
    record = opendata.claim_record(META, claim(title="Exchanges counted"), "Because.")
    assert record["url"] == "https://example.org/b/chapters/counting.html#claim-c-one"
    assert record["as_of"] == "2026-02-28" and record["version"] == "1.2.3"
    assert record["verdict_label"] == "misleading" and record["title"] == "Exchanges counted"
    index = opendata.claim_record(META, claim(chapter="index"), "Because.")
    assert index["url"] == "https://example.org/b/index.html#claim-c-one"
    document = opendata.claims_document(META, [record])
    assert json.loads(opendata.claims_json(document))["claims"] == [record]


def corrections() -> pd.DataFrame:
    return pd.DataFrame(
        [
            # moved, moved, a rewording (same verdict), a whole-book entry
            {
                "version": "0.2.0",
                "date": pd.Timestamp("2026-11-30"),
                "claim_id": "c-one",
                "change": "Moved.",
                "verdict_before": "accurate",
                "verdict_after": "misleading",
                "reason": "New evidence.",
            },
            {
                "version": "0.3.0",
                "date": pd.Timestamp("2026-12-05"),
                "claim_id": "c-two",
                "change": "Moved back.",
                "verdict_before": "inaccurate",
                "verdict_after": "mostly-accurate",
                "reason": "A source found.",
            },
            {
                "version": "0.2.0",
                "date": pd.Timestamp("2026-11-30"),
                "claim_id": "c-one",
                "change": "Reworded.",
                "verdict_before": "misleading",
                "verdict_after": "misleading",
                "reason": "Clarity.",
            },
            {
                "version": "0.1.0",
                "date": pd.Timestamp("2026-11-29"),
                "claim_id": "",
                "change": "First edition.",
                "verdict_before": "",
                "verdict_after": "",
                "reason": "None before.",
            },
        ]
    )


def test_only_rows_that_move_a_verdict_are_verdict_changes():
    assert list(opendata.verdict_changes(corrections())["change"]) == ["Moved.", "Moved back."]


def test_the_feed_has_an_entry_per_change_newest_first_linking_to_the_claim():
    claims = pd.DataFrame(
        [
            claim(title="Exchanges counted"),
            claim("c-two", chapter="index", quote="a second claim", title="Second claim"),
        ]
    )
    root = ET.fromstring(opendata.feed(META, opendata.verdict_changes(corrections()), claims))
    assert root.find("a:id", ATOM).text == "https://example.org/b/feed.xml"
    assert root.find("a:updated", ATOM).text == "2026-12-05T00:00:00Z"  # the newest change
    entries = root.findall("a:entry", ATOM)
    assert [e.find("a:title", ATOM).text for e in entries] == [
        "Second claim: inaccurate → mostly accurate",
        "Exchanges counted: accurate → misleading",
    ]
    assert entries[0].find("a:link", ATOM).get("href") == "https://example.org/b/index.html#claim-c-two"
    assert entries[1].find("a:id", ATOM).text == "tag:example.org,2026-11-30:verdict-change/0.2.0/c-one"
    assert entries[1].find("a:content", ATOM).text == "Moved. Why: New evidence."


def test_a_feed_without_changes_is_dated_by_the_book():
    empty = opendata.verdict_changes(corrections()).iloc[0:0]
    root = ET.fromstring(opendata.feed(META, empty, pd.DataFrame([claim()])))
    assert root.find("a:updated", ATOM).text == "2026-03-04T00:00:00Z" and root.findall("a:entry", ATOM) == []


def test_the_preview_card_splits_one_bar_by_verdict():
    spec = preview.card_spec("A Book", "sub", "foot", {"accurate": 2, "misleading": 1, "opinion": 0})
    bars = [m["encode"]["enter"] for m in spec["marks"] if m["type"] == "rect"][1:]  # after the top band
    widths = [bar["width"]["value"] for bar in bars]
    inner = 1200 - 2 * 64  # the card's width inside its margins: 1072
    assert widths == [inner * 2 / 3, inner * 1 / 3]  # opinion has no claim and no segment
    assert [bar["x"]["value"] for bar in bars] == [64, 64 + inner * 2 / 3]
    texts = [m["encode"]["enter"]["text"]["value"] for m in spec["marks"] if m["type"] == "text"]
    assert "accurate 2 · misleading 1" in texts
    assert (spec["width"], spec["height"]) == (1200, 630)


def test_the_404_page_links_home_by_the_public_address():
    text = notfound.page(META, "<svg/>", "https://github.com/o/r")
    assert '<a href="https://example.org/b/" class="home">' in text
    assert '<a href="https://github.com/o/r/issues">' in text
    assert "<script" not in text and 'href="data:image/svg+xml,%3Csvg/%3E"' in text
    assert "issue tracker" not in notfound.page(META, "", "")


def test_rebuild_commands_clone_enter_build_and_serve():
    text = methods.rebuild_commands("https://github.com/o/r.git")
    lines = [line.split("#")[0].strip() for line in text.strip("`\n").splitlines()[1:] if line.strip("`")]
    assert lines == ["git clone https://github.com/o/r.git", "cd r", "make book", "make serve"]
    assert methods.repository_links("https://github.com/o/r/") == (
        "* The repository: [https://github.com/o/r](https://github.com/o/r)\n"
        "* Its issue tracker: [https://github.com/o/r/issues](https://github.com/o/r/issues)\n"
    )
