"""The verdict page's computations: links, the ledger and robustness tables. Expectations are
worked out by hand on small ledgers."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import SMALL, ledger_rows
from distillbook.chapters import verdict
from distillbook.core import pages
from distillbook.core.ledger import CheckResult, Sensitivity
from distillbook.core.tables import table


def test_claim_links_are_relative_to_the_page_that_holds_them():
    assert pages.claim_href("counting", "count-negligible") == "counting.html#claim-count-negligible"
    assert pages.claim_href("index", "intro-accounts") == "../index.html#claim-intro-accounts"
    assert pages.claim_href("proxies", "x", from_docname="index") == "chapters/proxies.html#claim-x"
    assert pages.claim_href("index", "x", from_docname="appendices/corrections") == "../index.html#claim-x"


def test_ledger_table_fills_conclusions_and_anchors_every_row():
    results = {cid: CheckResult("accurate", {"n": 1234}) for cid in SMALL["id"]}
    frame = verdict.ledger_table(SMALL, results)
    # in section order: a (0), f (1), b, c, d (2), e (5); ties keep the ledger's order
    ids = [cell.split('id="')[1].split('"')[0] for cell in frame["claim (link to this row)"]]
    assert ids == ["verdict-a", "verdict-f", "verdict-b", "verdict-c", "verdict-d", "verdict-e"]
    assert frame["what the evidence shows"].iloc[0] == "1,234 things"
    assert frame["what the evidence shows"].iloc[-1] == "A view."
    assert frame["argued in"].iloc[0] == '<a href="../index.html#claim-a">Introduction</a>'
    assert frame["verdict"].tolist() == ["accurate", "inaccurate", "misleading", "accurate", "misleading", "opinion"]


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
        "b": CheckResult("misleading", {}, (Sensitivity("negligible share", 0.05, 0.2, "misleading", "misleading"),)),
        "c": CheckResult(
            "accurate",
            {},
            (
                Sensitivity("model calls per task", 19.8, 40.3, "mostly-accurate", "accurate"),
                Sensitivity("unknown knob", 1, 2, "accurate", "accurate"),
            ),
        ),
    }
    frame = verdict.robustness_table(claims, results)
    assert frame["claim"].tolist() == ["b", "c", "c"]
    assert frame["range"].tolist() == ["5% to 20%", "19.8 to 40.3", "1 to 2"]
    assert frame["verdict at the low end"].tolist() == ["misleading", "mostly accurate", "accurate"]
    assert frame["verdict holds across the range"].tolist() == ["yes", "no", "yes"]
    assert frame["assumption"].iloc[2] == "unknown knob"  # no readable name known: shown as given
    assert verdict.robustness_counts(frame) == {"tests": 3, "claims": 2, "holds": 2, "moves": 1}
    assert verdict.moving_claims(frame) == ["c"]
    assert verdict.robustness_display(frame)["claim"].iloc[0] == '<a href="#verdict-b">b</a>'
