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


def test_throughput_is_the_least_of_the_request_and_token_limits():
    # Tier 1 for Sonnet: 50 requests and 30,000 input tokens a minute; 20,000 tokens a request
    assert units.throughput(50, 30_000, 20_000) == 1.5  # 30,000 / 20,000: the token limit binds
    assert units.throughput(50, 30_000, 500) == 50  # 30,000 / 500 = 60 > 50: the request limit binds
    # the point where the token limit starts to bind: 30,000 / 50 = 600 input tokens a request
    assert units.throughput(50, 30_000, 599) == 50 and units.throughput(50, 30_000, 601) < 50
    # cache reads do not count: with 90% of the input cached, 2,000 tokens count of 20,000
    assert units.throughput(50, 30_000, 20_000, cached_share=0.9) == pytest.approx(15)
    assert units.throughput(50, None, 20_000) == 50  # no token limit given
    assert units.throughput(1_000, None, 0, output_tokens_per_minute=8_000, output_tokens_per_request=1_000) == 8
    with pytest.raises(ValueError):
        units.throughput(50, 30_000, 20_000, cached_share=1.5)
