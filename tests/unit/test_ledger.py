"""The ledger runner: what makes a check acceptable, and what stops the build."""

from __future__ import annotations

import pandas as pd
import pytest

import distillbook.chapters.checks  # noqa: F401 - the real ledger's checks, registered
from conftest import SMALL, set_cell
from distillbook.core import ledger, pages
from distillbook.core.ledger import CheckResult, LedgerError, Sensitivity


@ledger.check
def constant_only(data) -> CheckResult:
    """A bad check: it looks only at the claim, never at data."""
    data.claim("intro-accounts")
    return CheckResult("accurate", {})


@ledger.check
def reads_allegation(data) -> CheckResult:
    """Rule: accurate when DeepSeek's figure is at least 100,000."""
    value = data.value("shared/allegation", "exchanges-deepseek")
    return CheckResult("accurate" if value >= 100_000 else "inaccurate", {"deepseek": int(value)})


def test_a_check_that_reads_nothing_from_data_fails():
    with pytest.raises(LedgerError, match="read nothing from data/"):
        ledger.run_check("test_ledger.constant_only")


def test_a_check_that_reads_data_passes_and_flips_at_its_threshold(data_copy):
    assert ledger.run_check("test_ledger.reads_allegation", data_copy).verdict == "accurate"
    set_cell(data_copy.parent / "shared" / "allegation.csv", "exchanges-deepseek", "value", "99999")
    assert ledger.run_check("test_ledger.reads_allegation", data_copy).verdict == "inaccurate"


def test_unknown_check_names_are_errors():
    with pytest.raises(LedgerError, match="'nosuchmodule.anything': no function registered with @check"):
        ledger.resolve("nosuchmodule.anything")
    with pytest.raises(LedgerError, match="no function registered"):
        ledger.resolve("index.no_such_function")


def test_checks_register_under_their_chapter_module():
    # a check in a chapter's subpackage module is named after the chapter, not the submodule
    def f(data):
        return CheckResult("accurate", {})

    f.__module__ = "distillbook.chapters.safety_paradox.experiment"
    assert ledger.check_name(f) == "safety_paradox.f"
    f.__module__ = "distillbook.chapters.counting"
    assert ledger.check_name(f) == "counting.f"


def test_an_unknown_verdict_or_a_numpy_figure_is_refused():
    with pytest.raises(LedgerError, match="unknown verdict"):
        CheckResult("half-true", {})
    import numpy as np

    with pytest.raises(ValueError, match="numpy"):
        CheckResult("accurate", {"x": np.int64(3)})


def test_the_real_ledger_holds():
    results = ledger.run_ledger()
    assert "intro-exchanges" in results


def test_a_verdict_the_data_no_longer_supports_stops_the_build_naming_the_claim(data_copy):
    set_cell(data_copy.parent / "shared" / "allegation.csv", "exchanges-minimax", "value", "12000000")
    with pytest.raises(LedgerError) as caught:
        ledger.run_ledger(data_copy, root=data_copy.parent.parent)
    message = str(caught.value)
    assert (
        "claim 'intro-exchanges': the ledger says 'accurate' but check 'index.exchange_total' now gives 'inaccurate'"
        in message
    )


def test_a_conclusion_placeholder_that_is_not_a_figure_names_the_claim(data_copy):
    set_cell(data_copy.parent / "ledger" / "claims.csv", "intro-exchanges", "conclusion", "Over {no_such_figure:,d}.")
    with pytest.raises(LedgerError, match="claim 'intro-exchanges': conclusion placeholder 'no_such_figure'"):
        ledger.run_ledger(data_copy, root=data_copy.parent.parent)


def test_an_opinion_with_a_check_or_a_rated_claim_without_one_is_refused(data_copy):
    set_cell(data_copy.parent / "ledger" / "claims.csv", "intro-exchanges", "check", "")
    with pytest.raises(LedgerError, match="'intro-exchanges' \\(accurate\\) names no check"):
        ledger.run_ledger(data_copy, root=data_copy.parent.parent)


def test_pending_is_refused_once_every_chapter_exists(tmp_path, data_copy):
    root = data_copy.parent.parent
    row = pd.Series({"id": "x", "verdict": "pending", "check": "", "conclusion": ""})
    assert ledger._row_problems(row, every_chapter_exists=False) == []
    assert "still 'pending'" in ledger._row_problems(row, every_chapter_exists=True)[0]
    # a page exists for every chapter and none is a draft -> the book is complete
    (root / "chapters").mkdir()
    (root / "index.md").write_text("# index\n")
    for chapter in pages.CLAIM_PAGES[1:]:
        (root / "chapters" / f"{chapter}.md").write_text("---\nbook:\n  reads: []\n---\n# x\n")
    assert pages.every_claim_page_exists(root)
    (root / "chapters" / "proxies.md").write_text("---\nbook:\n  status: draft\n---\n# x\n")
    assert not pages.every_claim_page_exists(root)


def test_sensitivity_holds_only_when_both_ends_agree():
    assert Sensitivity("calls per task", 20, 50, "misleading", "misleading").holds("misleading")
    assert not Sensitivity("calls per task", 20, 50, "misleading", "accurate").holds("misleading")


def test_verdict_labels_read_as_words():
    assert ledger.verdict_label("mostly-accurate") == "mostly accurate"
    assert ledger.verdict_label("pending") == "not yet examined"


def test_sensitivity_across_evaluates_the_rule_at_both_ends():
    rule = lambda calls: "misleading" if calls >= 30 else "accurate"  # noqa: E731 - a one-line rule
    ends = Sensitivity.across("calls per task", 19.8, 40.3, rule)
    assert (ends.verdict_at_low, ends.verdict_at_high) == ("accurate", "misleading")
    assert not ends.holds("misleading")


def test_verdict_counts_follow_the_scale_with_zeros():
    counts = ledger.verdict_counts(SMALL)
    # two accurate (a, c), two misleading (b, d), one inaccurate (f), one opinion (e), nothing else
    assert counts == {
        "accurate": 2,
        "mostly-accurate": 0,
        "misleading": 2,
        "inaccurate": 1,
        "unsupported": 0,
        "opinion": 1,
    }
    assert list(counts) == ["accurate", "mostly-accurate", "misleading", "inaccurate", "unsupported", "opinion"]
