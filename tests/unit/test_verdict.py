"""The verdict page's computations: links, the ledger and robustness tables. Expectations are
worked out by hand on small ledgers."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import SMALL, ledger_rows
from distillbook.chapters import verdict
from distillbook.core import pages
from distillbook.core.ledger import BreakEven, CheckResult, Sensitivity
from distillbook.core.tables import table


def test_claim_links_are_relative_to_the_page_that_holds_them():
    assert pages.claim_href("counting", "count-negligible") == "counting.html#claim-count-negligible"
    assert pages.claim_href("index", "intro-accounts") == "../index.html#claim-intro-accounts"
    assert pages.claim_href("proxies", "x", from_docname="index") == "chapters/proxies.html#claim-x"
    assert pages.claim_href("index", "x", from_docname="appendices/corrections") == "../index.html#claim-x"


def test_a_claims_citation_is_linked_on_the_page_that_argues_it():
    assert pages.claim_cite_href("counting", "count-negligible") == "counting.html#cite-claim-count-negligible"
    assert pages.claim_cite_href("index", "intro-accounts") == "../index.html#cite-claim-intro-accounts"
    assert pages.claim_cite_href("proxies", "x", from_docname="index") == "chapters/proxies.html#cite-claim-x"


def test_ledger_list_fills_conclusions_and_anchors_every_item():
    from bs4 import BeautifulSoup

    results = {cid: CheckResult("accurate", {"n": 1234}) for cid in SMALL["id"]}
    soup = BeautifulSoup(verdict.ledger_html(SMALL, results), "html.parser")
    items = soup.select("ol.ledger-list > li.ledger-item")
    # in section order: a (0), f (1), b, c, d (2), e (5); ties keep the ledger's order
    assert [li["id"] for li in items] == ["verdict-a", "verdict-f", "verdict-b", "verdict-c", "verdict-d", "verdict-e"]
    assert [li["data-verdict"] for li in items] == [
        "accurate",
        "inaccurate",
        "misleading",
        "accurate",
        "misleading",
        "opinion",
    ]
    assert [li["data-section"] for li in items] == ["0", "1", "2", "2", "2", "5"]
    first = items[0]
    assert first.select_one("summary .verdict-badge.verdict-accurate").get_text() == "accurate"
    assert first.select_one(".ledger-title").get_text() == "words of a"  # no title column: the quote's words
    assert first.select_one(".ledger-section").get_text() == "Introduction"
    assert first.select_one(".ledger-conclusion").get_text() == "1,234 things"
    assert items[-1].select_one(".ledger-conclusion").get_text() == "A view."
    assert first.select_one(".ledger-links a")["href"] == "../index.html#claim-a"
    assert first.select_one("a.verdict-permalink")["href"] == "#verdict-a"
    assert first.select_one("a.verdict-cite")["href"] == "../index.html#cite-claim-a"  # beside the permalink
    assert [a.get_text() for a in first.select(".ledger-links a")][1:] == ["link to this claim", "cite this claim"]
    assert first.select_one("mark.claim-quote").get_text() == "words of a"  # no context: the quote alone


def test_ledger_item_marks_the_rated_words_in_the_whole_sentence_and_escapes_text():
    from bs4 import BeautifulSoup

    row = SMALL.iloc[0].copy()
    row["context"] = "Before <b>, words of a, & after."
    row["title"] = "A & B"
    item = BeautifulSoup(verdict.ledger_item(row, CheckResult("accurate", {"n": 5})), "html.parser")
    context = item.select_one(".claim-context")
    assert context.get_text() == "The article: “Before <b>, words of a, & after.”"
    assert context.select_one("mark").get_text() == "words of a"
    assert item.select_one(".ledger-title").get_text() == "A & B"  # the ledger's title wins


def test_ledger_filters_count_each_verdict_present_and_hide_without_script():
    from bs4 import BeautifulSoup

    form = BeautifulSoup(verdict.ledger_filters(SMALL), "html.parser").form
    assert form.has_attr("hidden")  # the plain list is what a reader without JavaScript gets
    boxes = {i["value"]: i.find_parent("label").select_one(".ledger-count").get_text() for i in form.select("input")}
    assert boxes == {"accurate": "2", "misleading": "2", "inaccurate": "1", "opinion": "1"}
    assert [o["value"] for o in form.select("option")] == ["", "0", "1", "2", "5"]


def test_claim_title_falls_back_to_the_quotes_opening_words():
    from distillbook.core import ledger

    row = pd.Series({"quote": "one two three four five six seven eight nine ten", "title": ""})
    assert ledger.claim_title(row) == "one two three four five six seven eight…"
    assert ledger.claim_title(pd.Series({"quote": "short quote"})) == "short quote"
    assert ledger.claim_title(pd.Series({"quote": "q", "title": "SnitchBench runs"})) == "SnitchBench runs"


def test_coverage_table_lists_one_status_in_article_order():
    coverage = pd.DataFrame(
        {
            "sentence": [9, 2, 5],
            "opening": ["Nine", "Two", "Five"],
            "status": ["checkable-not-rated", "checkable-not-rated", "not-checkable"],
            "reason": ["r9", "r2", "r5"],
        }
    )
    shown = verdict.coverage_table(coverage)
    assert shown["sentence"].tolist() == [2, 9]
    assert shown["opens with"].tolist() == ["“Two…”", "“Nine…”"]
    assert shown["why it is not rated"].tolist() == ["r2", "r9"]


def test_table_escapes_text_but_keeps_the_html_columns():
    frame = pd.DataFrame({"link": ['<a href="#x">x</a>'], "text": ["a < b & c"]})
    shown = table(frame, html_columns=("link",))._repr_html_()
    assert '<a href="#x">x</a>' in shown and "a &lt; b &amp; c" in shown
    with pytest.raises(KeyError):
        table(frame, html_columns=("missing",))


def test_robustness_rows_say_whether_the_verdict_holds_at_both_ends():
    claims = ledger_rows(
        ("b", "counting", 2, "misleading"), ("c", "counting", 2, "accurate"), ("e", "double-standards", 5, "opinion")
    )
    results = {
        "b": CheckResult(
            "misleading", {}, (Sensitivity("negligible share", 0.05, 0.2, "misleading", "misleading", unit="fraction"),)
        ),
        "c": CheckResult(
            "accurate",
            {},
            (
                Sensitivity(
                    "model calls per task",
                    19.8,
                    40.3,
                    "mostly-accurate",
                    "accurate",
                    BreakEven(24.04, "mostly-accurate", "accurate", True),
                    "calls",
                ),
                Sensitivity("unknown knob", 1, 2, "accurate", "accurate"),
            ),
        ),
    }
    frame = verdict.robustness_table(claims, results)
    assert frame["claim"].tolist() == ["b", "c", "c"]
    assert frame["range"].tolist() == ["5% to 20%", "19.8 to 40.3 calls", "1 to 2"]
    # three significant figures and the unit; the verdicts either side of the change
    assert frame["verdict changes at"].tolist()[1] == "24 calls: mostly accurate below, accurate above"
    assert (
        frame["verdict changes at"].tolist()[0]
        == "nowhere from a 100th of the range's low end to 100 times its high end"
    )
    assert frame["verdict at the low end"].tolist() == ["misleading", "mostly accurate", "accurate"]
    assert frame["verdict holds across the range"].tolist() == ["yes", "no", "yes"]
    assert frame["assumption"].iloc[2] == "unknown knob"  # the check's own name for it
    assert verdict.robustness_counts(frame) == {"tests": 3, "claims": 2, "holds": 2, "moves": 1}
    assert verdict.moving_claims(frame) == ["c"]
    assert verdict.robustness_display(frame)["claim"].iloc[0] == '<a href="#verdict-b">b</a>'
    assert verdict.robustness_display(frame, claims)["claim"].iloc[0] == '<a href="#verdict-b">words of b</a>'


# ---------------------------------------------------------------------------------------------
# The verdicts by role, and the words the page takes from them
# ---------------------------------------------------------------------------------------------


def role_ledger() -> pd.DataFrame:
    """Seven claims: the report's two both right; the article's case one right, two wrong, one
    unsupported and one opinion; no context claim."""
    rows = [
        ("a", "restates the report", "accurate", 0),
        ("b", "restates the report", "mostly-accurate", 0),
        ("c", "the article's case", "mostly-accurate", 2),
        ("d", "the article's case", "misleading", 1),
        ("e", "the article's case", "inaccurate", 2),
        ("f", "the article's case", "unsupported", 1),
        ("g", "the article's case", "opinion", 5),
    ]
    return pd.DataFrame(
        [{"id": i, "role": r, "verdict": v, "article_section": s, "title": f"claim {i}"} for i, r, v, s in rows]
    )


def test_role_counts_separate_right_from_wrong_and_leave_opinions_unrated():
    claims = role_ledger()
    assert verdict.role_counts(claims, "restates the report") == {
        "claims": 2,
        "rated": 2,
        "right": 2,
        "wrong_or_unsupported": 0,
    }
    # c right; d, e, f wrong or unsupported; g an opinion, not rated
    assert verdict.role_counts(claims, "the article's case") == {
        "claims": 5,
        "rated": 4,
        "right": 1,
        "wrong_or_unsupported": 3,
    }
    assert verdict.role_counts(claims, "context") == {"claims": 0, "rated": 0, "right": 0, "wrong_or_unsupported": 0}


def test_role_table_has_a_row_per_role_whose_groups_add_up():
    table_ = verdict.role_table(role_ledger())
    assert table_["part in the argument"].to_list() == ["restates the report", "context", "the article's case"]
    case = table_.iloc[2]
    assert (case["claims"], case["accurate or mostly accurate"], case["misleading or inaccurate"]) == (5, 1, 2)
    assert (case["unsupported"], case["opinion (not rated)"]) == (1, 1)
    groups = list(verdict.VERDICT_GROUPS)
    assert (table_[groups].sum(axis=1) == table_["claims"]).all()


@pytest.mark.parametrize(
    "part, whole, words, share",
    [
        (6, 6, "all 6", "all"),
        (0, 3, "none of the 3", "none"),
        (9, 14, "9 of the 14", "most"),
        (7, 14, "7 of the 14", "half"),
        (5, 14, "5 of the 14", "a minority"),
        (1, 1_200, "1 of the 1,200", "a minority"),
    ],
)
def test_a_part_of_a_whole_in_words(part, whole, words, share):
    assert verdict.how_many(part, whole) == words
    assert verdict.share_word(part, whole) == share


@pytest.mark.parametrize("part, whole", [(4, 3), (-1, 3), (0, 0)])
def test_a_part_that_does_not_fit_its_whole_is_refused(part, whole):
    with pytest.raises(ValueError, match="does not fit"):
        verdict.how_many(part, whole)
    with pytest.raises(ValueError, match="does not fit"):
        verdict.share_word(part, whole)


def test_the_claims_the_page_must_call_wrong_are_every_misleading_inaccurate_or_unsupported_one():
    # article order: section 1 (d, f) before section 2 (e); right claims and the opinion left out
    assert verdict.wrong_or_unsupported(role_ledger()) == ["d", "f", "e"]


def test_titles_in_words_joins_with_commas_and_and():
    claims = role_ledger()
    assert verdict.titles_in_words([], claims) == "none"
    assert verdict.titles_in_words(["d"], claims) == "claim d"
    assert verdict.titles_in_words(["d", "e", "f"], claims) == "claim d, claim e and claim f"


def test_recorded_searches_refuse_a_question_with_no_search():
    from distillbook.core.ledger import LedgerError

    searches = pd.DataFrame({"id": ["verdict-labs-response-1", "verdict-labs-response-2", "other-1"]})
    assert verdict.recorded_searches(searches, "verdict-labs-response-")["id"].to_list() == [
        "verdict-labs-response-1",
        "verdict-labs-response-2",
    ]
    with pytest.raises(LedgerError, match="verdict-indicators-"):
        verdict.recorded_searches(searches, "verdict-indicators-")


def test_check_numbers_key_each_value_by_its_claim_and_name():
    results = {
        "count-pivot": CheckResult("unsupported", {"pivot_hours": 24, "searches": 4}),
        "def-coined": CheckResult("inaccurate", {"days_before": 388}),
    }
    wanted = [("count-pivot", "pivot_hours"), ("def-coined", "days_before")]
    assert verdict.check_numbers(results, wanted) == {"count_pivot_pivot_hours": 24, "def_coined_days_before": 388}
    with pytest.raises(KeyError):
        verdict.check_numbers(results, [("count-pivot", "missing")])
