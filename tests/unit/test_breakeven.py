"""Break-even values: where a verdict changes as one assumption moves; worked out by hand."""

from __future__ import annotations

import pytest

from distillbook.core.ledger import Sensitivity, find_breakeven


def rule(calls: float) -> str:
    return "accurate" if calls >= 24 else "mostly-accurate" if calls >= 12 else "misleading"


def test_a_change_inside_the_range_is_found_nearest_the_default():
    point = find_breakeven(rule, 19.8, 40.3, default=38)
    assert point.value == pytest.approx(24, rel=1e-5)
    assert (point.below, point.above, point.inside) == ("mostly-accurate", "accurate", True)


def test_a_verdict_that_holds_across_the_range_reports_where_it_would_change():
    point = find_breakeven(rule, 30, 40, default=35)
    assert point.value == pytest.approx(24, rel=1e-5) and not point.inside


def test_a_rule_that_never_changes_has_no_breakeven():
    assert find_breakeven(lambda value: "misleading", 1, 50) is None


def test_sensitivity_keeps_both_ends_and_the_breakeven():
    s = Sensitivity.across("model calls per task", 19.8, 40.3, rule, default=38, unit="model calls per task")
    assert (s.verdict_at_low, s.verdict_at_high) == ("mostly-accurate", "accurate")
    assert not s.holds("accurate") and s.breakeven.value == pytest.approx(24, rel=1e-5)
