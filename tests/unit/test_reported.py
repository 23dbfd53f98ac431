"""The one rule for figures reported with a hedge; expectations worked out by hand."""

from __future__ import annotations

import pytest

from distillbook.core import reported
from distillbook.core.reported import Reported, judge_reported

REPORT = Reported(24_000, "approximately", "report")
POST = Reported(24_000, "over", "post")


def test_hedges_have_kinds():
    assert reported.hedge_kind("over") == reported.hedge_kind("More than") == "lower bound"
    assert reported.hedge_kind("about") == reported.hedge_kind("nearly") == "estimate"
    assert reported.hedge_kind("") == "exact"
    with pytest.raises(ValueError):
        reported.hedge_kind("gazillions")


def test_the_first_hedge_in_a_quotation_is_found():
    assert reported.hedge_in("more than 24,000 fraudulent accounts") == "more than"
    assert reported.hedge_in("DeepSeek: accused of about 150,000 exchanges") == "about"
    assert reported.hedge_in("2,294 tasks") == ""


def test_a_changed_hedge_is_a_slip_whatever_its_direction():
    # "more than" for the report's "approximately": the figure matches, the hedge claims a floor
    up = judge_reported(24_000, "more than", REPORT, (POST,))
    assert (up.verdict, up.direction, up.other_document) == ("mostly-accurate", "overstates", "post")
    # "about" for a report's "over": the floor is dropped; the same verdict, the other direction
    down = judge_reported(150_000, "about", Reported(150_000, "over", "report"))
    assert (down.verdict, down.direction) == ("mostly-accurate", "understates")


def test_same_hedge_or_rounding_of_an_exact_figure_is_accurate():
    assert judge_reported(16_000_000, "over", Reported(16_000_000, "over", "report")).verdict == "accurate"
    # "about 2,300" for an exact 2,294: 6 / 2,294 = 0.26% off, an estimate of an exact figure
    assert judge_reported(2_300, "about", Reported(2_294, "", "dataset")).verdict == "accurate"
    # but an exact figure for an estimate claims precision the source does not have
    assert judge_reported(24_000, "", REPORT).verdict == "mostly-accurate"


def test_the_figure_itself_decides_first():
    # 24,300 is 1.25% off 24,000: close, a detail off, even with the same hedge
    assert judge_reported(24_300, "approximately", REPORT).verdict == "mostly-accurate"
    # 25,300 is 5.4% off: a different figure
    assert judge_reported(25_300, "approximately", REPORT).verdict == "inaccurate"
    assert reported.MATCH == 0.01 and reported.CLOSE == 0.05
