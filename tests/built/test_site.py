"""The built site: glue resolved and formatted, claims anchored, charts drawn, nothing that
would make two builds differ or leak the build machine, no execution tracebacks published."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SITE, built_page, glued, read_csv
from distillbook.core import pages

PAGES = [pages.docname(p, ROOT) for p in pages.book_pages(ROOT)]


def soup(docname: str) -> BeautifulSoup:
    return BeautifulSoup(built_page(docname), "html.parser")


@pytest.mark.parametrize("docname", PAGES)
def test_every_page_is_built_without_python_reprs_or_paths(docname):
    html = built_page(docname)
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    for bad in ("np.float64", "np.int64", "Traceback", "nan%", str(ROOT)):
        assert bad not in text, f"{docname}: {bad!r} shows on the page"
    assert str(ROOT) not in html


def test_no_execution_tracebacks_are_published():
    assert not (SITE / "reports").exists()


def test_glued_numbers_show_formatted_on_the_index():
    page = soup("index")
    shown = [span.get_text() for span in page.select("span.pasted-text")]
    values = glued("index")
    assert f"{values['exchanges_sum']:,d}" in shown
    assert f"{values['share_minimax']:.1%}" in shown


def test_every_claim_has_its_anchor_on_its_chapter_page():
    missing = []
    for row in read_csv("ledger/claims.csv"):
        docname = "index" if row["chapter"] == "index" else f"chapters/{row['chapter']}"
        if soup(docname).find(id=f"claim-{row['id']}") is None:
            missing.append(f"{docname}#claim-{row['id']}")
    assert missing == []


def test_claim_boxes_show_the_verdict_from_the_ledger():
    page = soup("index")
    for row in read_csv("ledger/claims.csv"):
        if row["chapter"] != "index":
            continue
        box = page.find(id=f"claim-{row['id']}")  # the anchor sits on the claim box itself
        assert "claim" in box["class"] and f"claim-{row['verdict']}" in box["class"]
        assert box.find(class_="claim-verdict").get_text() == f"Verdict: {row['verdict'].replace('-', ' ')}"
        # the article's whole sentence, the rated words marked inside it
        assert box.find(class_="claim-context").get_text() == f"The article: “{row['context']}”"
        assert box.find("mark", class_="claim-quote").get_text() == row["quote"]


def test_index_chart_is_a_static_accessible_svg_with_its_data_table():
    chart = soup("index").find(id="chart-chart_exchanges_by_lab")
    svg = chart.find("svg")
    assert svg["role"] == "img" and svg["aria-label"].startswith("Bar chart of the exchanges")
    rows = chart.select("table.book-chart-data tbody tr")
    assert [r.find("td").get_text() for r in rows] == ["DeepSeek", "Moonshot", "MiniMax"]
    assert "book-chart--interactive" not in chart["class"]


def test_vega_runtime_is_served_locally_and_never_loaded_with_the_page():
    bundle = (SITE / "_static" / "vendor" / "vega-bundle.js").read_text(encoding="utf-8")
    # a classic script (it must load from disk too, where module scripts are refused)
    assert len(bundle) > 100_000 and bundle.startswith("(() => {") and "window.vegaEmbed" in bundle
    for docname in PAGES:
        page = soup(docname)
        assert not page.find("script", src=lambda s: s and "vega-bundle.js" in s), docname  # loaded on demand
        loader = page.find("script", src=lambda s: s and "book-charts.js" in s)
        assert bool(loader) == bool(page.select(".book-chart")), docname
        if loader:
            assert loader.has_attr("defer") and loader.get("type") != "module", docname


def test_no_page_loads_anything_from_another_host():
    offenders = {}
    for docname in PAGES:
        page = soup(docname)
        for tag in page.find_all(["script", "link", "img", "iframe"]):
            url = tag.get("src") or (
                tag.get("href") if tag.name == "link" and "stylesheet" in (tag.get("rel") or []) else None
            )
            if url and re.match(r"(https?:)?//", url):
                offenders.setdefault(docname, []).append(url)
    assert offenders == {}
