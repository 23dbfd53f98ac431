"""Units arithmetic shared by the chapters; expectations worked out by hand."""

from __future__ import annotations

import pytest

from distillbook.core import units


def test_rates_per_account_and_per_day():
    assert units.per_account(16_550_000, 24_000) == pytest.approx(689.583, abs=1e-3)  # 16,550,000 / 24,000
    assert units.per_day(150_000, 30) == 5_000
    with pytest.raises(ValueError):
        units.per_account(1, 0)
    with pytest.raises(ValueError):
        units.per_day(1, 0)


def test_runs_bought_is_a_fraction_runs_needed_rounds_up():
    # 3,400,000 calls at 87,172 a run: 39.0 runs bought (39 x 87,172 = 3,399,708 < 3,400,000), so 40 needed
    assert units.runs_bought(3_400_000, 87_172) == pytest.approx(39.0034, abs=1e-4)
    assert units.runs_needed(3_400_000, 87_172) == 40
    assert units.runs_needed(100, 50) == 2  # an exact multiple needs no extra run
    with pytest.raises(ValueError):
        units.runs_bought(1, 0)


def test_log_grid_and_decades():
    assert units.log_grid(1, 100, 3) == pytest.approx([1, 10, 100])
    assert units.decades([3, 450]) == [1, 10, 100, 1000]
    with pytest.raises(ValueError):
        units.log_grid(0, 10, 3)
