"""The verdict page, the index chart, the corrections log and the about page agree with the CSVs.

Every glued number is recomputed here from ``data/`` with the csv module; the built tables are
read back from the HTML and compared row by row with ``claims.csv``."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, built_page, glued, read_csv

SCALE = ["accurate", "mostly-accurate", "misleading", "inaccurate", "unsupported", "opinion"]
SECTION_NAMES = {
    0: "Introduction",
    1: "§1 Definitions",
    2: "§2 Counting",
    3: "§3 Safety paradox",
    4: "§4 Proxies",
    5: "§5 Double standards",
}


def label(verdict: str) -> str:
    return verdict.replace("-", " ")


@pytest.fixture(scope="module")
def claims():
    return read_csv("ledger/claims.csv")


@pytest.fixture(scope="module")
def values():
    return glued("chapters/verdict")


def soup(docname: str) -> BeautifulSoup:
    return BeautifulSoup(built_page(docname), "html.parser")


def html_table(docname: str, caption_start: str):
    """(header, rows) of the built table whose caption starts with ``caption_start``; cells as tags."""
    page = BeautifulSoup(built_page(docname), "html.parser")
    for tab in page.find_all("table"):
        caption = tab.find("caption")
        if caption and caption.get_text().startswith(caption_start):
            header = [th.get_text() for th in tab.select("thead th")]
            return header, [tr.find_all("td") for tr in tab.select("tbody tr")]
    pytest.fail(f"{docname}: no table captioned {caption_start!r}")


# ---------------------------------------------------------------------------------------------
# The verdict page's numbers
# ---------------------------------------------------------------------------------------------


def test_counts_by_verdict(values, claims):
    counts = Counter(row["verdict"] for row in claims)
    for verdict in SCALE:
        assert values[f"count_{verdict.replace('-', '_')}"] == counts.get(verdict, 0), verdict
    assert values["claims_total"] == len(claims)
    assert values["claims_rated"] == len(claims) - counts.get("opinion", 0)
    right = counts["accurate"] + counts["mostly-accurate"]
    wrong = counts["misleading"] + counts["inaccurate"]
    assert values["count_right"] == right
    assert values["count_wrong"] == wrong
    assert values["count_checked"] == sum(1 for row in claims if row["check"])


def in_words(part: int, whole: int) -> str:
    return f"all {whole}" if part == whole else f"none of the {whole}" if part == 0 else f"{part} of the {whole}"


def test_in_short_counts_by_role(values, claims):
    report = [row["verdict"] for row in claims if row["role"] == "restates the report"]
    case = [row["verdict"] for row in claims if row["role"] == "the article's case" and row["verdict"] != "opinion"]
    report_right = sum(v in ("accurate", "mostly-accurate") for v in report)
    case_wrong = sum(v in ("misleading", "inaccurate", "unsupported") for v in case)
    assert values["report_right"] == in_words(report_right, len(report))
    assert values["case_wrong"] == in_words(case_wrong, len(case))
    share = "most" if 2 * case_wrong > len(case) else "half" if 2 * case_wrong == len(case) else "a minority"
    assert values["case_wrong_share"] == ("all" if case_wrong == len(case) else share)
    front = glued("index")
    assert front["case_wrong"] == values["case_wrong"]
    assert front["count_wrong_or_unsupported"] == sum(
        row["verdict"] in ("misleading", "inaccurate", "unsupported") for row in claims
    )
    # the In short box comes before anything else the page says
    main = soup("chapters/verdict").select_one("main") or soup("chapters/verdict")
    first_box = main.select_one("div.admonition")
    assert first_box is not None and "in-short" in first_box["class"]


def test_role_table_counts_each_role(claims):
    header, rows = html_table("chapters/verdict", "The ledger's claims by the part each plays")
    assert header[:3] == ["part in the argument", "what it covers", "claims"]
    roles = [cells[0].get_text() for cells in rows]
    assert roles == ["restates the report", "context", "the article's case"]
    for cells in rows:
        role = cells[0].get_text()
        assert int(cells[2].get_text()) == sum(row["role"] == role for row in claims)
        unsupported = sum(row["role"] == role and row["verdict"] == "unsupported" for row in claims)
        assert int(cells[header.index("unsupported")].get_text()) == unsupported


def test_what_it_gets_wrong_names_every_claim_rated_wrong_or_unsupported(claims):
    section = soup("chapters/verdict").find(id="what-it-gets-wrong-or-leaves-unsupported")
    assert section is not None, "the verdict page has no section 'What it gets wrong or leaves unsupported'"
    links = section.select("a.claim-ref")
    named = {a["href"].removeprefix("#verdict-") for a in links}
    expected = {row["id"] for row in claims if row["verdict"] in ("misleading", "inaccurate", "unsupported")}
    assert named == expected, f"missing {sorted(expected - named)}, extra {sorted(named - expected)}"
    titles = {row["id"]: row["title"] for row in claims}
    for a in links:
        # Sphinx typesets the apostrophes of prose (smart quotes); the words are the ledger's
        assert a.get_text().replace("\u2019", "'") == titles[a["href"].removeprefix("#verdict-")]
    # every such link lands on an item of the ledger on the same page
    anchors = {li["id"] for li in ledger_items()}
    assert {a["href"].removeprefix("#") for a in links} <= anchors


def test_the_accused_labs_searches_are_counted_from_the_ledger(values):
    searches = read_csv("ledger/searches.csv")
    assert values["response_searches"] == sum(row["id"].startswith("verdict-labs-response-") for row in searches)


def ledger_items() -> list:
    return soup("chapters/verdict").select("div.ledger ol.ledger-list > li.ledger-item")


def test_the_ledger_lists_every_claim_in_section_order(claims):
    items = ledger_items()
    expected = sorted(claims, key=lambda row: int(row["article_section"]))  # stable: ledger order within a section
    assert [li["id"] for li in items] == [f"verdict-{row['id']}" for row in expected]
    for item, row in zip(items, expected, strict=True):
        assert item["data-verdict"] == row["verdict"] and item["data-section"] == row["article_section"]
        assert item.select_one("summary .verdict-badge").get_text() == label(row["verdict"])
        assert item.select_one(".ledger-section").get_text() == SECTION_NAMES[int(row["article_section"])]
        assert item.select_one("mark.claim-quote").get_text() == row["quote"]
        assert item.select_one(".claim-context").get_text() == f"The article: “{row['context'] or row['quote']}”"
        conclusion = item.select_one(".ledger-conclusion").get_text()
        assert conclusion and "{" not in conclusion and "}" not in conclusion, row["id"]
        target = "../index.html" if row["chapter"] == "index" else f"{row['chapter']}.html"
        assert item.select_one(".ledger-links a")["href"] == f"{target}#claim-{row['id']}"
        assert item.select_one("a.verdict-permalink")["href"] == f"#verdict-{row['id']}"
        assert item.select_one("a.verdict-cite")["href"] == f"{target}#cite-claim-{row['id']}"


def test_cite_this_claim_on_the_ledger_opens_a_citation_of_that_claim(claims):
    """Each ledger item's "cite this claim" leads to the folded citation in the claim's box, which
    cites that claim by its anchor."""
    pages: dict[str, BeautifulSoup] = {}
    missing = []
    for item in ledger_items():
        href = item.select_one("a.verdict-cite")["href"]
        page, _, anchor = href.partition("#")
        docname = "index" if page == "../index.html" else f"chapters/{page.removesuffix('.html')}"
        if docname not in pages:
            pages[docname] = soup(docname)
        folded = pages[docname].find("details", id=anchor)
        claim_anchor = anchor.replace("cite-claim-", "claim-", 1)
        if folded is None or f"#{claim_anchor}" not in folded.get_text():
            missing.append(href)
    assert not missing, f"'cite this claim' links without the claim's citation at their target: {missing}"


def test_the_ledger_filters_count_the_verdicts(claims):
    form = soup("chapters/verdict").select_one("div.ledger form.ledger-filters")
    assert form.has_attr("hidden")  # shown by the page's script; without it, the plain list
    counts = Counter(row["verdict"] for row in claims)
    shown = {
        box["value"]: int(box.find_parent("label").select_one(".ledger-count").get_text())
        for box in form.select("input")
    }
    assert shown == {verdict: n for verdict, n in counts.items() if n}


def test_an_opinion_keeps_its_conclusion_word_for_word(claims):
    shown = {li["id"].removeprefix("verdict-"): li.select_one(".ledger-conclusion").get_text() for li in ledger_items()}
    for row in claims:
        if not row["check"]:
            assert shown[row["id"]] == row["conclusion"]


def three_figures(value: float) -> str:
    """A number rounded to three significant figures as the book prints estimates (by hand)."""
    from decimal import Decimal

    rounded_ = float(f"{Decimal(repr(value)):.3g}")
    return f"{rounded_:,.0f}" if abs(rounded_) >= 100 else f"{rounded_:g}"


def test_robustness_table_ranges_come_from_the_data(values, claims):
    header, rows = html_table("chapters/verdict", "Each verdict that depends on an assumption")
    assert header[-2:] == ["verdict holds across the range", "verdict changes at"]
    verdicts = {row["id"]: row["verdict"] for row in claims}
    # a claim is named by its title, or by the first eight words of its quote and an ellipsis
    titles = {
        row["id"]: row.get("title")
        or (" ".join(row["quote"].split()[:8]) + ("…" if len(row["quote"].split()) > 8 else ""))
        for row in claims
    }
    measured = [float(row["calls_per_task"]) for row in read_csv("counting/agent_calls.csv")]
    heavier = [float(row["steps_per_task"]) for row in read_csv("counting/heavier_scaffolds.csv")]
    params = {row["id"]: row for row in read_csv("counting/parameters.csv")}
    snitch = {row["id"]: row for row in read_csv("counting/snitchbench.csv")}
    shared = {row["id"]: row for row in read_csv("shared/assumptions.csv")}
    days = params["campaign-days"]
    # whole post-training sets of the accused labs' models: R1's distillation set, and each
    # model's reinforcement-learning prompts summed over its domains
    rl_prompts: dict[str, float] = {}
    for row in read_csv("counting/rl_sets.csv"):
        rl_prompts[row["model"]] = rl_prompts.get(row["model"], 0.0) + float(row["prompts"])
    distill = next(
        float(r["examples"]) for r in read_csv("shared/reference_sets.csv") if r["id"] == "deepseek-r1-distill"
    )
    whole_sets = [distill, *rl_prompts.values()]

    def shown(low: float, high: float, unit: str = "") -> str:
        return f"{three_figures(low)} to {three_figures(high)}{' ' + unit if unit else ''}"

    # the safety paradox's share: from the lowest to the highest reading of its findings (kept or gained)
    readings = [
        float(r["value"]) / 100 if r["kind"] == "elicitation" else 1 - float(r["value"]) / 100
        for r in read_csv("safety-paradox/findings.csv")
        if r["kind"] in ("elicitation", "capability-without-refusal")
    ]
    expected_ranges = {
        # the counting chapter's range of calls per task spans the measured averages and the
        # heavier scaffolds' figures it cites
        "model calls per task": shown(min(measured), max(measured + heavier), "model calls per task"),
        "length of DeepSeek's campaign": shown(float(days["low"]), float(days["high"]), "days"),
        "size of a whole published training set, the large yardstick": shown(
            min(whole_sets), max(whole_sets), "examples or prompts"
        ),
        "models whose calls are counted as exchanges": shown(
            float(snitch["claude-models"]["value"]), float(snitch["models"]["value"]), "models"
        ),
        "model calls per user message": shown(
            float(snitch["min-steps"]["value"]), float(snitch["max-steps"]["value"]), "model calls per user message"
        ),
        "exchanges per training example": shown(
            float(shared["exchanges-per-example"]["low"]),
            float(shared["exchanges-per-example"]["high"]),
            "exchanges per example",
        ),
        "input tokens per request": shown(
            float(shared["input-tokens"]["low"]), float(shared["input-tokens"]["high"]), "tokens"
        ),
        "share of a dangerous capability a student gains from answers given without refusal": (
            f"{min(readings):.0%} to {max(readings):.0%}"
        ),
    }
    holds = []
    for cells in rows:
        claim, verdict, assumption, span, low, high, held, change = (c.get_text() for c in cells)
        claim_id = cells[0].find("a")["href"].removeprefix("#verdict-")
        assert claim == titles[claim_id]
        assert verdict == label(verdicts[claim_id])
        assert span == expected_ranges[assumption], assumption
        assert held == ("yes" if low == verdict and high == verdict else "no")
        # a verdict that moves inside the range changes at a value inside it, not "outside"
        assert (held == "no") <= ("outside the range" not in change), (claim_id, change)
        holds.append((claim_id, held))
    assert values["rob_tests"] == len(rows)
    assert values["rob_holds"] == [h for _, h in holds].count("yes")
    assert values["rob_moves"] == [h for _, h in holds].count("no")
    assert values["rob_claims"] == len({c for c, _ in holds})
    moving = [titles[c] for c in dict.fromkeys(c for c, h in holds if h == "no")]
    expected = "none" if not moving else moving[0] if len(moving) == 1 else f"{', '.join(moving[:-1])} and {moving[-1]}"
    assert values["rob_moving"] == expected


def test_the_verdict_page_depends_on_every_table_and_check_the_ledger_uses():
    """The page reruns every check, so a change to any table a check reads, or to any check's
    code, must re-execute it: both are in the page's execution fingerprint."""
    import distillbook.chapters.checks  # noqa: F401 - the registry the page fills the same way
    from distillbook.core import data, ledger
    from distillbook.publish import imports
    from distillbook.publish.sphinx.freshness import execution_inputs

    inputs = set(execution_inputs(ROOT, ROOT / "chapters" / "verdict.md"))
    for row in read_csv("ledger/claims.csv"):
        if row["check"]:
            result = ledger.run_check(row["check"])
            assert {data.table_file(name) for name in result.tables_read} <= inputs, row["id"]
            module = ledger.resolve(row["check"]).__module__
            assert imports.module_file(module) in inputs, row["id"]


# ---------------------------------------------------------------------------------------------
# The introduction's chart
# ---------------------------------------------------------------------------------------------


def test_index_chart_data_agrees_with_the_ledger(claims):
    page = BeautifulSoup(built_page("index"), "html.parser")
    chart = page.find(id="chart-chart_verdicts_by_section")
    svg = chart.find("svg")
    assert svg["role"] == "img" and svg["aria-label"].startswith("Stacked bar chart of the claims ledger")
    shown = Counter()
    for tr in chart.select("table.book-chart-data tbody tr"):
        section, verdict, count = (td.get_text() for td in tr.find_all("td"))
        shown[(section, verdict)] += int(count)
    expected = Counter((SECTION_NAMES[int(row["article_section"])], label(row["verdict"])) for row in claims)
    assert shown == expected


def test_index_counts(claims):
    values = glued("index")
    counts = Counter(row["verdict"] for row in claims)
    for verdict in SCALE:
        assert values[f"count_{verdict.replace('-', '_')}"] == counts.get(verdict, 0)
    assert values["count_right"] == counts["accurate"] + counts["mostly-accurate"]
    assert values["count_wrong_or_unsupported"] == counts["misleading"] + counts["inaccurate"] + counts["unsupported"]
    sizes = Counter(int(row["article_section"]) for row in claims)
    assert values["sections_judged"] == len(sizes)
    largest = max(sizes.values())
    assert values["largest_section_claims"] == largest
    assert values["largest_section"] == SECTION_NAMES[min(s for s, n in sizes.items() if n == largest)]


def test_index_no_longer_mentions_pending_claims():
    text = BeautifulSoup(built_page("index"), "html.parser").get_text(" ")
    assert "not yet examined" not in text


# ---------------------------------------------------------------------------------------------
# Corrections and about
# ---------------------------------------------------------------------------------------------


def config():
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def test_corrections_log_numbers_and_version():
    rows = read_csv("ledger/corrections.csv")
    values = glued("appendices/corrections")
    assert values["corrections_total"] == len(rows)
    assert values["versions_total"] == len({row["version"] for row in rows})
    moved = [
        row
        for row in rows
        if row["verdict_before"] and row["verdict_after"] and row["verdict_before"] != row["verdict_after"]
    ]
    assert values["verdicts_moved"] == len(moved)
    assert values["claims_corrected"] == len({row["claim_id"] for row in rows if row["claim_id"]})
    latest = max((row["version"] for row in rows), key=lambda v: tuple(int(p) for p in v.split(".")))
    assert values["latest_version"] == latest
    # the log must reach the version the book is published as
    assert latest == str(config()["sphinx"]["config"]["book_version"])
    first = rows[0]
    assert first["version"] == "0.1.0" and not first["verdict_before"] and not first["verdict_after"]


def test_corrections_table_lists_every_entry():
    rows = read_csv("ledger/corrections.csv")
    _, shown = html_table("appendices/corrections", "Corrections by version")
    assert sorted(cells[0].get_text() for cells in shown) == sorted(row["version"] for row in rows)
    by_change = {cells[3].get_text(): cells[4].get_text() for cells in shown}
    for row in rows:
        moved = row["verdict_before"] and row["verdict_after"] and row["verdict_before"] != row["verdict_after"]
        expected = f"{label(row['verdict_before'])} → {label(row['verdict_after'])}" if moved else "none"
        assert by_change[row["change"]] == expected


def test_about_page_takes_its_url_and_version_from_the_config():
    values = glued("appendices/about")
    assert values["repository_url"] == config()["repository"]["url"]
    assert values["book_version"] == str(config()["sphinx"]["config"]["book_version"])
    assert values["provenance_items"] == len(read_csv("ledger/article_provenance.csv"))
    page = BeautifulSoup(built_page("appendices/about"), "html.parser")
    links = [a["href"] for a in page.find_all("a", href=True)]
    assert f"{config()['repository']['url']}/issues" in links


def test_provenance_sources_are_labelled_as_the_sources_table_has_them():
    sources = {row["id"]: row for row in read_csv("ledger/sources.csv")}
    _, rows = html_table("appendices/about", "The article's public copy")
    provenance = read_csv("ledger/article_provenance.csv")
    assert [cells[3].get_text() for cells in rows] == [sources[row["source_id"]]["reliability"] for row in provenance]
    # the video is not confirmed, and nothing in the table may say otherwise
    assert sources["anthropiclying2026video"]["reliability"] == "unverified"
