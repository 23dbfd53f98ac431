"""The counting chapter's arithmetic, its account arithmetic, the numbers and guards of its page, and
the checks of the article's section 2.

Expectations are worked out by hand here; each check is pushed across its rule's threshold in a
private copy of data/ and must flip its verdict."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import set_cell
from distillbook.chapters import counting
from distillbook.core import data, units
from distillbook.core.ledger import LedgerError, run_check
from distillbook.core.params import Range

#: The shared table's rows for Claude Opus and Sonnet 4.x (requests, input tokens, output tokens a minute).
TIER1 = {"requests_per_minute": 50, "input_tokens_per_minute": 30_000, "output_tokens_per_minute": 8_000}
TIER4 = {"requests_per_minute": 4_000, "input_tokens_per_minute": 2_000_000, "output_tokens_per_minute": 400_000}


def inputs(descriptor=None) -> counting.Inputs:
    if descriptor is None:
        return counting.load_inputs(lambda name: data.load_table(name))
    return counting.load_inputs(lambda name: data.load_table(name, descriptor))


def csv_of(descriptor, name):
    return descriptor.parent / f"{name}.csv"


# ---------------------------------------------------------------------------------------------
# Pure arithmetic
# ---------------------------------------------------------------------------------------------


def test_the_article_arithmetic_by_hand():
    assert counting.exchanges(2_300, 50) == 115_000  # the article's single run
    assert counting.exchanges(2_294, 50) == 114_700  # with the source's task count
    assert counting.exchanges(2_294, 50, runs=30) == 3_441_000
    assert counting.exchanges(500, 38, runs=2, models=3) == 500 * 38 * 2 * 3
    with pytest.raises(ValueError):
        counting.exchanges(-1, 50)


def test_exchanges_per_run_under_each_reading():
    # SnitchBench's whole default roster: 4 tests x 20 runs x 10 models = 800 conversations
    assert counting.exchanges_per_run(800, 4, 10, "call") == 32_000
    assert counting.exchanges_per_run(800, 4, 10, "turn") == 3_200
    assert counting.exchanges_per_run(800, 4, 10, "conversation") == 800
    assert counting.swebench_run(500, 38) == 19_000
    assert counting.swebench_run(500, 38, "turn") == 500
    with pytest.raises(ValueError):
        counting.exchanges_per_run(1, 1, 1, "token")


def test_runs_needed_are_complete_runs():
    # 3,400,000 / 87,172 = 39.003: thirty-nine runs make 3,399,708, short of the volume, so forty
    assert 39 * 87_172 == 3_399_708 < 3_400_000
    assert units.runs_needed(3_400_000, 2_294 * 38) == 40
    assert units.runs_bought(3_400_000, 2_294 * 38) == pytest.approx(39.0033, abs=1e-4)
    assert units.runs_needed(150_000, 32_000) == 5  # 4.69 runs bought, five to reach it
    assert counting.snitchbench_conversations(4, 20, 10) == 800


def test_the_token_limit_binds_first_at_the_default_tokens():
    # Tier 1: 30,000 input tokens a minute / 20,000 a request = 1.5 requests, below the 50 allowed
    assert counting.tier_requests_per_minute(TIER1, 20_000, 1_000) == pytest.approx(1.5)
    assert counting.binding_limit(TIER1, 20_000, 1_000) == "input tokens"
    # Tier 4: 2,000,000 / 20,000 = 100 requests a minute against 4,000
    assert counting.tier_requests_per_minute(TIER4, 20_000, 1_000) == pytest.approx(100)
    assert counting.daily_capacity(TIER1, 20_000, 1_000) == pytest.approx(1.5 * 1_440)
    assert counting.daily_capacity(TIER1, 20_000, 1_000, organisations=24_000) == pytest.approx(1.5 * 1_440 * 24_000)


def test_pushing_input_tokens_across_the_point_where_the_token_limit_binds():
    # 30,000 / 50 = 600 tokens: below it the request limit binds, above it the input-token limit
    assert counting.request_limit_binds_below(TIER1) == 600
    assert counting.request_limit_binds_below(TIER4) == 500  # 2,000,000 / 4,000
    assert counting.tier_requests_per_minute(TIER1, 599, 100) == 50
    assert counting.binding_limit(TIER1, 599, 100) == "requests"
    assert counting.tier_requests_per_minute(TIER1, 601, 100) == pytest.approx(30_000 / 601)
    assert counting.binding_limit(TIER1, 601, 100) == "input tokens"
    # cached input does not count: with 97% of 20,000 tokens cached, 600 count, the break-even
    assert counting.request_limit_cache_share(TIER1, 20_000) == pytest.approx(0.97)
    assert counting.request_limit_cache_share(TIER4, 20_000) == pytest.approx(0.975)
    assert counting.tier_requests_per_minute(TIER1, 20_000, 100, cached_share=0.98) == 50
    # the output-token limit: 8,000 a minute / 4,000 a request = 2, below the input's 30,000/2,000 = 15
    assert counting.binding_limit(TIER1, 2_000, 4_000) == "output tokens"
    assert counting.request_limit_cache_share(TIER1, 500) == 0  # binds with nothing cached


def test_the_volumes_at_the_top_tier_by_hand():
    # DeepSeek at 100 requests a minute: 1,500 minutes, 25 hours (37.5 minutes at 4,000 a minute)
    assert counting.minutes_per_account(150_000, 100) / 60 == pytest.approx(25)
    assert counting.minutes_per_account(150_000, 4_000) == pytest.approx(37.5)
    # MiniMax: 130,000 minutes, 90.3 days; all 24,000 accounts at Tier 1: 16,550,000 / 36,000 a minute
    assert counting.minutes_per_account(13_000_000, 100) / 1_440 == pytest.approx(90.2778, abs=1e-4)
    assert counting.minutes_per_account(16_550_000, 1.5 * 24_000) / 60 == pytest.approx(7.662, abs=1e-3)
    assert counting.minutes_per_account(10, 2, requests_per_exchange=3) == 15
    with pytest.raises(ValueError):
        counting.minutes_per_account(1, 0)


def test_lowest_tier_and_most_input_tokens_by_hand():
    limits = pd.DataFrame(
        {
            "tier": ["Tier 2", "Tier 1"],
            "requests_per_minute": [1_000, 50],
            "input_tokens_per_minute": [450_000, 50_000],
            "output_tokens_per_minute": [90_000, 10_000],
        }
    )
    assert counting.tier_number("Tier 3") == 3
    # 160,000 a day is 111.1 a minute: Tier 1 allows 50; Tier 2 allows 450,000 / 2,000 = 225
    assert counting.lowest_tier(160_000, limits, 2_000, 200) == 2
    assert counting.lowest_tier(72_000, limits, 100, 10) == 1  # 50 a minute, exactly a Tier 1 day
    assert counting.lowest_tier(160_000, limits, 5_000, 200) is None  # 450,000 / 5,000 = 90 < 111.1
    assert counting.most_input_tokens(160_000, limits) == pytest.approx(450_000 / (160_000 / 1_440))


def test_cost_cheapest_model_and_training_examples_by_hand():
    # a million exchanges of 20,000 input and 1,000 output tokens at 3 and 15 dollars per million
    assert counting.cost_usd(1_000_000, 20_000, 1_000, 3, 15) == pytest.approx(20_000 * 3 + 1_000 * 15)
    assert counting.training_examples(13_000_000, 10, "call") == pytest.approx(1_300_000)
    assert counting.training_examples(13_000_000, 10, "turn") == 13_000_000
    with pytest.raises(ValueError):
        counting.training_examples(1, 0, "call")
    # 2,000 x 1 + 200 x 5 = 3,000 millionths of a dollar a request on the cheaper model
    prices = pd.DataFrame(
        {"id": ["a", "b"], "model": ["cheap", "dear"], "input_usd_per_mtok": [1, 3], "output_usd_per_mtok": [5, 15]}
    )
    assert counting.cheapest_request(prices, 2_000, 200) == (pytest.approx(0.003), "cheap")
    assert counting.cheapest_model(prices, 2_000, 200)["id"] == "a"


def test_cost_per_call_and_the_cost_limit_by_hand():
    # Opus 4.5: 360.62 dollars for 500 tasks x 38 calls = 0.01898 a call; 3 dollars buy 158 calls
    per_call = counting.cost_per_call(360.62, 500, 38)
    assert per_call == pytest.approx(360.62 / 19_000)
    assert counting.calls_within_cost(3, per_call) == pytest.approx(3 * 19_000 / 360.62)
    assert 158 < counting.calls_within_cost(3, per_call) < 159
    with pytest.raises(ValueError):
        counting.calls_within_cost(3, 0)


def test_calls_range_spans_the_evidence():
    measured = pd.DataFrame({"calls_per_task": [38.0, 40.3, 19.8]})
    heavier = pd.DataFrame({"steps_per_task": [78.0, 53.0]})
    assert counting.calls_range(measured) == Range(38.0, 19.8, 40.3, "model calls per task")
    assert counting.calls_range(measured, heavier) == Range(38.0, 19.8, 78.0, "model calls per task")


def test_spend_row_picks_the_latest_dated_figure_of_its_kind():
    frame = pd.DataFrame(
        {
            "tier": ["Tier 4"] * 3,
            "first_seen": ["2025-05-22", "2026-02-17", "2026-03-17"],
            "monthly": [True, False, True],
            "value_usd": [5_000, 5_000, 200_000],
        }
    )
    import datetime as dt

    assert counting.spend_row(frame, "Tier 4", dt.date(2026, 2, 28))["value_usd"] == 5_000
    assert counting.spend_row(frame, "Tier 4")["value_usd"] == 200_000
    assert counting.spend_row(frame, "Tier 4", dt.date(2026, 2, 28), monthly=False)["first_seen"] == "2026-02-17"
    with pytest.raises(ValueError):
        counting.spend_row(frame, "Tier 4", dt.date(2025, 1, 1))


# ---------------------------------------------------------------------------------------------
# The account arithmetic (the proxies chapter calls it)
# ---------------------------------------------------------------------------------------------


def test_account_arithmetic_by_hand():
    allegation = data.load_table("shared/allegation")
    assumptions = data.load_table("shared/assumptions")
    assert counting.exchanges_per_account(allegation) == pytest.approx(16_550_000 / 24_000)  # 689.6
    moon = counting.moonshot_exchanges_per_account(allegation, assumptions)
    assert moon == Range(3_400_000 / 500, 3_400_000 / 999, 3_400_000 / 200, "exchanges per account")
    assert moon.high == 17_000 and round(moon.low) == 3_403


def test_account_tier_minutes_by_hand():
    allegation = data.load_table("shared/allegation")
    assumptions = data.load_table("shared/assumptions")
    limits = pd.DataFrame([{"tier": "Tier 4", **TIER4}, {"tier": "Tier 1", **TIER1}])
    times = counting.account_tier_minutes(allegation, assumptions, limits).set_index(["tier", "case"])
    average = 16_550_000 / 24_000
    first = times.loc[("Tier 1", "average account, all three labs")]
    assert first["requests_per_minute"] == pytest.approx(1.5) and first["binding"] == "input tokens"
    assert first["minutes"] == pytest.approx(average / 1.5)
    moon = times.loc[("Tier 4", "Moonshot account")]
    assert moon["minutes"] == pytest.approx(6_800 / 100)
    # fastest: 2,000 tokens with nine tenths cached, 200 count: min(4,000, 10,000, 400,000 / 200 = 2,000)
    assert moon["minutes_low"] == pytest.approx(3_400_000 / 999 / 2_000)
    # slowest at Tier 1: 100,000 tokens, none cached: 30,000 / 100,000 = 0.3 a minute, for 17,000 exchanges
    assert times.loc[("Tier 1", "Moonshot account"), "minutes_high"] == pytest.approx(17_000 / 0.3)
    three = counting.account_tier_minutes(allegation, assumptions, limits, Range(1, 1, 3))
    slow = three.set_index(["tier", "case"]).loc[("Tier 1", "Moonshot account"), "minutes_high"]
    assert slow == pytest.approx(3 * 17_000 / 0.3)


# ---------------------------------------------------------------------------------------------
# Inputs and readings
# ---------------------------------------------------------------------------------------------


def test_inputs_read_from_data():
    inp = inputs()
    assert inp.moonshot_accounts == Range(500, 200, 999, "accounts")
    assert inp.exchanges_per_example == Range(10, 1, 50, "exchanges per example")
    assert inp.input_tokens == Range(20_000, 2_000, 100_000, "tokens")
    assert inp.output_tokens == Range(1_000, 200, 4_000, "tokens")
    assert inp.cached_share == Range(0, 0, 0.9, "fraction")
    own = set(data.load_table("counting/parameters")["id"])
    assert not own & {"moonshot-accounts", "input-tokens", "output-tokens", "exchanges-per-example"}
    assert (inp.reference_examples, inp.small_examples) == (800_000, 817)
    assert inp.tasks == {"full": 2_294, "verified": 500, "lite": 300}
    assert inp.snitch["models"] == 10 and inp.snitch["claude-models"] == 5
    assert inp.snitch["later-configurations"] == 12 and inp.snitch["later-analysed-runs"] == 880
    assert sum(inp.lab_exchanges.values()) == 150_000 + 3_400_000 + 13_000_000
    assert inp.calls == Range(38.0, 19.8, 78.0, "model calls per task")
    assert (inp.step_cap, inp.cost_cap) == (250, 3)
    # only Claude runs set the cap: Opus 4.5's 360.62 dollars over 500 x 38 calls is 0.01898 a
    # call, so 3 dollars stop a task at 158 calls, before the step cap of 250 (Gemini's cheaper
    # calls, 263 for 3 dollars, no longer count)
    assert counting.effective_cap(inp) == pytest.approx(3 / (360.62 / (500 * 38)))
    assert counting.longest_documented(inp) == 200  # Anthropic's "hundreds of turns", read at its smallest
    # the smallest whole set: R1's reinforcement-learning prompts, 146,000, below M1's 158,000 and 800,000
    assert counting.large_yardstick(inp) == (146_000, "DeepSeek-R1")
    assert counting.rl_run_outputs(inp) == 10_400 * 32 * 16
    assert counting.limits_for(inp, "haiku-4-5")["input_tokens_per_minute"].tolist() == [
        50_000,
        450_000,
        1_000_000,
        4_000_000,
    ]
    assert counting.limits_for(inp, "sonnet-4-6")["input_tokens_per_minute"].iloc[-1] == 2_000_000


def test_verdicts_depend_on_the_reading_of_exchange():
    inp = inputs()
    table = counting.verdicts_by_reading(inp, data.load_table("ledger/searches")).set_index("claim")
    # a user turn of an agentic task costs 38 calls: 150,000 x 38 = 5,700,000 requests > 160,000
    assert table.loc["count-160k-day", "turn"] == "misleading"
    # 30 runs of 2,294 tasks as user turns are 68,820 exchanges, far short of 3,400,000
    assert table.loc["count-swebench-30", "turn"] == "inaccurate"
    # 150,000 user turns are more than R1's 146,000 reinforcement-learning prompts, and every lab is above
    assert table.loc["count-negligible", "turn"] == "inaccurate"
    assert table.loc["count-swebench-tasks"].nunique() == 1
    # statements about model calls alone do not bear on a count of turns or conversations
    for claim in ("count-amplification", "count-swebench-run"):
        assert table.loc[claim, "call"] != counting.NOT_APPLICABLE
        assert table.loc[claim, "turn"] == table.loc[claim, "conversation"] == counting.NOT_APPLICABLE
    assert set(table.loc[["count-per-lab", "count-per-lab-moonshot", "count-per-lab-minimax"]].stack()) == {
        "mostly-accurate"
    }


# ---------------------------------------------------------------------------------------------
# The page's numbers and its sentence guards
# ---------------------------------------------------------------------------------------------


def test_time_numbers_by_hand():
    out = counting.time_numbers(inputs())
    assert out["tier_first_per_minute"] == pytest.approx(1.5)
    assert out["tier_top_per_minute"] == pytest.approx(100)
    assert out["tier_top_daily"] == pytest.approx(144_000)
    assert out["binding_default"] == "the input-token limit"
    assert (out["rpm_binds_below_first"], out["rpm_binds_below_top"]) == (600, 500)
    assert out["top_hours_deepseek"] == pytest.approx(25)
    assert out["top_minutes_deepseek_requests_only"] == pytest.approx(37.5)
    assert out["top_days_minimax"] == pytest.approx(13_000_000 / 100 / 1_440)
    assert out["top_hours_minimax_requests_only"] == pytest.approx(13_000_000 / 4_000 / 60)
    assert out["all_accounts_hours"] == pytest.approx(16_550_000 / (1.5 * 24_000) / 60)
    assert out["all_accounts_minutes_requests_only"] == pytest.approx(16_550_000 / (50 * 24_000))
    # the fastest case at Tier 4: 200 counted tokens and 200 output tokens, so 2,000 a minute
    assert out["top_hours_deepseek_fast"] == pytest.approx(150_000 / 2_000 / 60)
    assert out["top_hours_deepseek_slow"] == pytest.approx(150_000 / 20 / 60)  # 2,000,000 / 100,000
    assert out["deepseek_days_one_first_tier"] == pytest.approx(150_000 / 1.5 / 1_440)
    # the output-token limit: 8,000 / 200 = 40 a minute at Tier 1, 400,000 / 200 = 2,000 at Tier 4,
    # both below the request limits; the request limit binds only below 8,000 / 50 = 160 and
    # 400,000 / 4,000 = 100 output tokens a request
    assert (out["otpm_most_first"], out["otpm_most_top"]) == (40, 2_000)
    assert (out["rpm_output_below_first"], out["rpm_output_below_top"]) == (160, 100)
    # at nine tenths cached, 2,000 counted tokens allow 1,000 a minute, 1,000 output tokens 400: 6.25 hours
    assert out["binding_cached"] == "the output-token limit"
    assert out["top_hours_deepseek_cached"] == pytest.approx(150_000 / 400 / 60)
    # mid-2025: 200,000 / 20,000 = 10 a minute, 14,400 a day; MiniMax over a year, 35,616 a day, needs 3
    assert out["earlier_top_daily"] == pytest.approx(14_400)
    assert out["earlier_orgs_minimax_year"] == 3


def test_daily_numbers_by_hand():
    out = counting.daily_numbers(inputs())
    month = 160_000 * 30
    # 160,000 x (2,000 x 1 + 200 x 5) / 1e6 = 480 dollars a day on Haiku 4.5; 14,400 a month
    assert out["day_cost"] == "480" and out["day_month_cost"] == "14,400"
    assert out["month_haiku_4_5_default"] == pytest.approx(month * (20_000 * 1 + 1_000 * 5) / 1e6)  # 120,000
    assert out["month_sonnet_4_6_default"] == pytest.approx(month * (20_000 * 3 + 1_000 * 15) / 1e6)  # 360,000
    # 111.1 a minute x 20,000 tokens = 2,222,222 a minute, above Sonnet's 2,000,000, within Haiku's 4,000,000
    assert out["month_sonnet_4_6_default_allowed"] == "no"
    assert out["month_haiku_4_5_default_allowed"] == "yes"
    assert out["day_tier"] == 2 and out["day_most_input_tokens"] == pytest.approx(36_000)
    assert (out["spend_before"], out["spend_deposit"], out["spend_later"]) == (5_000, 5_000, 200_000)
    assert out["spend_later_deposit"] == 200_000
    assert out["spend_before_column"] == "Max Usage per Month"
    assert out["spend_deposit_column"] == "Max Credit Purchase"
    assert out["spend_later_date"] == "17 March 2026"
    assert out["spend_before_days"] == pytest.approx(5_000 / 480)
    assert out["deepseek_requests_turn"] == "5,700,000"  # 150,000 x 38
    # one request per turn: 150,000 / 160,000 of a day, and the comparison holds
    assert out["deepseek_days_turn_single"] == pytest.approx(150_000 / 160_000)
    assert (out["verdict_turn_single"], out["verdict_turn"]) == ("mostly accurate", "misleading")


def test_cost_and_snitchbench_numbers_by_hand():
    inp = inputs()
    cost = counting.cost_numbers(inp)
    assert cost["cost_deepseek_default"] == "11,200"  # 150,000 x (20,000 x 3 + 1,000 x 15) / 1e6 = 11,250
    assert cost["cost_deepseek_high"] == "90,000"  # 150,000 x (100,000 x 5 + 4,000 x 25) / 1e6, Opus 4.6
    assert cost["cost_deepseek_legacy"] == "270,000"  # the same on Opus 4.1, three times the price
    assert cost["legacy_price_ratio"] == 3
    assert cost["cost_deepseek_measured"] == "2,850"  # 150,000 x 360.62 / 19,000 = 2,847
    assert cost["cost_modest_most"] == "975,000"  # MiniMax at the default: 13,000,000 x 0.075
    frame = counting.cost_frame(inp).set_index("lab")
    assert frame.loc["DeepSeek", "low"] == pytest.approx(150_000 * (2_000 * 1 + 200 * 5) / 1e6)  # 450
    assert frame.loc["MiniMax", "measured"] == pytest.approx(13_000_000 * 360.62 / 19_000)
    sb = counting.snitchbench_numbers(inp)
    assert sb["sb_later_max"] == 12 * 4 * 20 * 4 * 10  # 38,400
    assert sb["sb_later_runs_max"] == 3  # 150,000 / 38,400 = 3.9: three complete runs
    assert sb["sb_later_runs_analysis"] == 4  # 150,000 / (880 x 4 x 10) = 4.26
    assert sb["sb_later_full_roster"] == 960
    assert sb["sb_runs_claude_max"] == 9  # 150,000 / (5 x 80 x 4 x 10) = 9.4
    assert sb["sb_runs_suite_max"] == 4  # 150,000 / 32,000 = 4.69
    assert sb["sb_runs_model_min"] == 468  # 150,000 / 320 = 468.75, rounded down
    assert (sb["sb_verdict"], sb["sb_verdict_roster"]) == ("inaccurate", "mostly accurate")
    calls = counting.calls_numbers(inp)
    assert calls["openhands_vs_mini"] == pytest.approx(1.82 / (360.62 / 500))
    assert calls["unchecked_runs"] == 1
    neg = counting.negligible_numbers(inp)
    assert neg["rl_deepseek_r1"] == 26_000 + 17_000 + 22_000 + 15_000 + 66_000
    assert neg["rl_minimax_m1"] == 50_000 + 53_000 + 30_000 + 25_000
    assert neg["yardstick"] == 146_000
    assert neg["rl_run_outputs"] == "5,320,000"  # 10,400 x 32 x 16 = 5,324,800
    assert neg["deepseek_share_of_rl_run"] == pytest.approx(150_000 / 5_324_800)
    assert neg["negligible_upper_breakeven"] == pytest.approx(13_000_000 / 146_000)  # 89
    assert neg["deepseek_vs_gtig"] == pytest.approx(1.5)
    swe = counting.swebench_numbers(inp)
    assert swe["thirty_at_measured"] == "2,620,000"  # 30 x 2,294 x 38 = 2,615,160
    assert swe["thirty_margin"] == pytest.approx(3_441_000 / 3_400_000 - 1)  # 1.2%
    assert swe["runs_moonshot_verified"] == 178  # 3,400,000 / 19,000 = 178.9, rounded down
    assert swe["runs_moonshot_full"] == 39  # 3,400,000 / 87,172 = 39.003
    assert swe["thirty_measured_vs_moonshot"].startswith("short of it at the median and at the lowest average")
    later = counting.since_numbers(inp)
    assert later["later_days"] == 45  # 22 April to 5 June inclusive
    assert later["later_per_day"] == "640,000"  # 28,800,000 / 45
    assert later["later_per_account"] == pytest.approx(28_800_000 / 25_000)


def test_a_sentence_guard_stops_the_page_when_the_data_no_longer_support_it(data_copy):
    heavier = csv_of(data_copy, "counting/heavier_scaffolds")
    set_cell(heavier, "gpt-5-swe-agent-pro", "steps_per_task", "30")  # below Gemini's 40.3
    with pytest.raises(counting.ProseGuardError, match="heavier scaffolds run longer"):
        counting.calls_numbers(inputs(data_copy))
    spend = csv_of(data_copy, "counting/spend_limits")
    set_cell(spend, "mar2026-tier4", "value_usd", "10000")  # no longer the later deposit cap
    with pytest.raises(counting.ProseGuardError, match="deposit cap equals the monthly limit"):
        counting.daily_numbers(inputs(data_copy))


def test_the_daily_charts_lines_are_throughput_and_close_labels_part():
    lines = counting.tier_lines(inputs(), 160_000).set_index("label")
    # at 20,000 tokens: Tier 1 1.5 a minute (2,160 a day), Tier 4 100 a minute (144,000 a day)
    assert lines.loc["Tier 1, one organisation", "per_day"] == pytest.approx(2_160)
    assert lines.loc["Tier 4, one organisation", "per_day"] == pytest.approx(144_000)
    # 144,000 lies within a factor 1.5 of the article's 160,000, so its label goes to the other end
    assert lines.loc["Tier 4, one organisation", "side"] == "left"
    assert lines.loc["Tier 1, one organisation", "side"] == "right"


# ---------------------------------------------------------------------------------------------
# Checks pushed across their thresholds
# ---------------------------------------------------------------------------------------------


def test_swebench_tasks_flips_with_the_task_count(data_copy):
    result = run_check("counting.swebench_tasks", data_copy)
    assert result.verdict == "accurate"
    assert result.numbers["difference_pct"] == pytest.approx(6 / 2_294)
    set_cell(csv_of(data_copy, "counting/swebench_tasks"), "full", "tasks", "2200")  # 100/2200 = 4.5%
    assert run_check("counting.swebench_tasks", data_copy).verdict == "mostly-accurate"
    set_cell(csv_of(data_copy, "counting/swebench_tasks"), "full", "tasks", "2100")  # 200/2100 = 9.5%
    assert run_check("counting.swebench_tasks", data_copy).verdict == "inaccurate"


def test_swebench_run_flips_with_the_measured_calls_and_the_tolerance(data_copy):
    result = run_check("counting.swebench_run_size", data_copy)
    assert result.verdict == "mostly-accurate"  # 38 < 50 <= 1.5 x 38 = 57
    assert result.numbers["measured_full_run"] == 2_294 * 38
    assert result.numbers["article_vs_typical"] == pytest.approx(50 / 38)
    (calls,) = result.sensitivity
    assert calls.verdict_at_low == "misleading"  # 19.8: 50 > 1.5 x 19.8 = 29.7
    assert calls.verdict_at_high == "accurate"  # 78 >= 50
    assert calls.breakeven.value == pytest.approx(50 / 1.5, rel=1e-4)  # 33.3, nearest the default
    calls_csv = csv_of(data_copy, "counting/agent_calls")
    set_cell(calls_csv, "opus-4-5", "calls_per_task", "30")
    set_cell(calls_csv, "gemini-3-pro", "calls_per_task", "30")  # median 30: 50 > 45
    assert run_check("counting.swebench_run_size", data_copy).verdict == "misleading"
    for row, value in (("gpt-5-2", "55"), ("opus-4-5", "52"), ("gemini-3-pro", "60")):
        set_cell(calls_csv, row, "calls_per_task", value)  # median 55 >= 50
    assert run_check("counting.swebench_run_size", data_copy).verdict == "accurate"
    set_cell(csv_of(data_copy, "counting/swebench_tasks"), "full", "tasks", "1500")  # 75,000 vs 115,000
    assert run_check("counting.swebench_run_size", data_copy).verdict == "inaccurate"


def test_swebench_thirty_flips_with_measured_calls_and_tasks(data_copy):
    result = run_check("counting.swebench_thirty_runs", data_copy)
    assert result.verdict == "mostly-accurate"
    assert result.numbers["at_measured"] == 30 * 2_294 * 38  # 2,615,160 < 3,400,000
    assert result.numbers["at_article"] == 30 * 2_294 * 50  # 3,441,000 >= 3,400,000
    assert result.numbers["runs_needed"] == 40  # 39.003 rounded up, <= 45
    (calls,) = result.sensitivity
    assert calls.verdict_at_low == "misleading"  # 19.8 calls: 75 complete runs > 45
    assert calls.verdict_at_high == "accurate"  # 78 calls: 30 x 2,294 x 78 = 5,367,960
    # forty-five complete runs reach the volume from 3,400,000 / (2,294 x 45) = 32.94 calls a task
    assert calls.breakeven.value == pytest.approx(3_400_000 / (2_294 * 45), rel=1e-4)
    assert calls.breakeven.inside
    table = csv_of(data_copy, "counting/agent_calls")
    set_cell(table, "opus-4-5", "calls_per_task", "60")
    set_cell(table, "gemini-3-pro", "calls_per_task", "60")  # median 60: 30 x 2,294 x 60 >= 3.4M
    assert run_check("counting.swebench_thirty_runs", data_copy).verdict == "accurate"
    for row in ("opus-4-5", "gemini-3-pro", "gpt-5-2"):
        set_cell(table, row, "calls_per_task", "25")  # 3.4M / (2,294 x 25) = 59.3, so 60 runs > 45
    assert run_check("counting.swebench_thirty_runs", data_copy).verdict == "misleading"
    set_cell(csv_of(data_copy, "counting/swebench_tasks"), "full", "tasks", "2000")  # 30 x 2,000 x 50 = 3.0M
    assert run_check("counting.swebench_thirty_runs", data_copy).verdict == "inaccurate"


def test_snitchbench_flips_with_the_models_counted(data_copy):
    result = run_check("counting.snitchbench_runs", data_copy)
    assert result.verdict == "inaccurate"
    # the five Claude models: 5 x 4 x 20 x 4 x 10 = 16,000 calls a run, 150,000 / 16,000 = 9.4: 9 runs > 4.5
    assert result.numbers["claude_exchanges"] == 16_000 and result.numbers["claude_runs"] == 9
    assert result.numbers["roster_runs"] == 4  # every model: 150,000 / 32,000 = 4.69
    assert result.numbers["later_runs"] == 3  # twelve configurations: 150,000 / 38,400 = 3.9
    steps, models = result.sensitivity
    assert steps.holds("inaccurate")  # one call a message: 93 runs
    assert models.verdict_at_high == "mostly-accurate"  # ten models: 4 runs <= 4.5
    # 150,000 / (320 x 10 x m) < 5 complete runs from m = 9.375 models
    assert models.breakeven.value == pytest.approx(150_000 / (3_200 * 5), rel=1e-4)
    snitch = csv_of(data_copy, "counting/snitchbench")
    set_cell(snitch, "claude-models", "value", "10")  # 4 runs: within 1.5 x 3
    assert run_check("counting.snitchbench_runs", data_copy).verdict == "mostly-accurate"
    set_cell(snitch, "claude-models", "value", "12")  # 150,000 / 38,400: 3 runs, inside "2 to 3"
    assert run_check("counting.snitchbench_runs", data_copy).verdict == "accurate"
    set_cell(snitch, "later-configurations", "value", "1")  # the later version does not decide
    assert run_check("counting.snitchbench_runs", data_copy).verdict == "accurate"


def test_daily_requests_flips_with_deepseek_and_the_rate_limits_not_the_spend_limit(data_copy):
    result = run_check("counting.daily_requests", data_copy)
    assert result.verdict == "mostly-accurate"
    assert result.numbers["tier_needed"] == 2  # Haiku 4.5: 1,000 a minute and 450,000 / 2,000 = 225 >= 111
    assert result.numbers["daily_cost"] == pytest.approx(480)
    assert result.numbers["monthly_cost"] == pytest.approx(14_400)
    assert result.numbers["spend_limit"] == 5_000 and result.numbers["spend_limit_later"] == 200_000
    tokens, days = result.sensitivity
    assert tokens.breakeven.value == pytest.approx(36_000, rel=1e-4)  # 4,000,000 / 111.1 a minute
    assert tokens.verdict_at_high == "inaccurate"
    assert days.holds("mostly-accurate")
    # the spend limit no longer decides: a month of 14,400 against 1,000 dollars is still mostly accurate
    set_cell(csv_of(data_copy, "counting/spend_limits"), "may2025-tier4", "value_usd", "1000")
    assert run_check("counting.daily_requests", data_copy).verdict == "mostly-accurate"
    set_cell(csv_of(data_copy, "shared/allegation"), "exchanges-deepseek", "value", "200000")  # > one day
    assert run_check("counting.daily_requests", data_copy).verdict == "misleading"
    set_cell(csv_of(data_copy, "shared/allegation"), "exchanges-deepseek", "value", "150000")
    limits = csv_of(data_copy, "counting/model_rate_limits")
    for tier in ("Tier 1", "Tier 2", "Tier 3", "Tier 4"):
        set_cell(limits, tier, "requests_per_minute", "100", key="tier")  # 144,000 a day at most
    assert run_check("counting.daily_requests", data_copy).verdict == "inaccurate"


def test_amplification_flips_with_calls_and_the_documented_runs(data_copy):
    result = run_check("counting.amplification", data_copy)
    assert result.verdict == "accurate"  # median 38 >= 24 and "hundreds of turns" >= 200
    assert result.numbers["documented_calls"] == 200
    assert result.numbers["effective_cap"] == pytest.approx(3 / (360.62 / 19_000))  # 158 for Claude
    (calls,) = result.sensitivity
    assert calls.verdict_at_low == "mostly-accurate"  # 19.8 < 24 but >= 24 / 1.5 = 16
    assert calls.breakeven.value == pytest.approx(24, rel=1e-4)
    # what a scaffold permits no longer decides: a step cap of 150 leaves the verdict
    set_cell(csv_of(data_copy, "counting/step_caps"), "mini-swe-agent-swebench", "cap", "150")
    assert run_check("counting.amplification", data_copy).verdict == "accurate"
    long_runs = csv_of(data_copy, "counting/long_runs")
    set_cell(long_runs, "claude-3-5-sonnet-anthropic-agent", "calls_at_least", "100")  # < 200
    assert run_check("counting.amplification", data_copy).verdict == "mostly-accurate"
    table = csv_of(data_copy, "counting/agent_calls")
    for row in ("opus-4-5", "gemini-3-pro", "gpt-5-2"):
        set_cell(table, row, "calls_per_task", "15")  # < 16
    assert run_check("counting.amplification", data_copy).verdict == "misleading"


def test_negligible_flips_with_the_yardsticks_and_the_shared_assumption(data_copy):
    result = run_check("counting.negligible", data_copy)
    assert result.verdict == "misleading"
    # ten exchanges an example: 15,000 < 146,000 (R1's RL prompts) <= 340,000 and 1,300,000
    assert result.numbers["yardstick"] == 146_000
    assert result.numbers["deepseek_examples"] == pytest.approx(15_000)
    assert result.numbers["moonshot_examples"] == pytest.approx(340_000)
    assert result.numbers["minimax_examples_high"] == pytest.approx(13_000_000 / 50)  # 260,000
    assert result.numbers["deepseek_small_multiple"] == pytest.approx(15_000 / 817)
    assert result.numbers["negligible_labs"] == 1
    per_example, whole = result.sensitivity
    assert per_example.verdict_at_low == "inaccurate"  # one exchange: 150,000 >= 146,000
    assert per_example.breakeven.value == pytest.approx(150_000 / 146_000, rel=1e-4)
    assert per_example.verdict_at_high == "misleading"  # fifty: 3,000 and 68,000 < 146,000 <= 260,000
    assert whole.holds("misleading")  # at 800,000 too: 15,000 and 340,000 below, 1,300,000 above
    rl = csv_of(data_copy, "counting/rl_sets")
    for row in ("deepseek-r1-math", "deepseek-r1-code", "deepseek-r1-stem", "deepseek-r1-logic", "deepseek-r1-general"):
        set_cell(rl, row, "prompts", "1000000")  # R1's RL set 5M: now M1's 158,000 is the smallest
    assert run_check("counting.negligible", data_copy).verdict == "misleading"
    for row in ("minimax-m1-math", "minimax-m1-logic", "minimax-m1-code", "minimax-m1-general"):
        set_cell(rl, row, "prompts", "1000000")
    set_cell(csv_of(data_copy, "shared/reference_sets"), "deepseek-r1-distill", "examples", "2000000")
    # smallest whole set 2,000,000 > 1,300,000: every lab below it
    assert run_check("counting.negligible", data_copy).verdict == "mostly-accurate"
    sets = csv_of(data_copy, "shared/reference_sets")
    set_cell(sets, "s1k", "examples", "1500000")
    set_cell(sets, "limo", "examples", "1500000")  # 1,300,000 < 1,500,000, the smallest set
    assert run_check("counting.negligible", data_copy).verdict == "accurate"
    set_cell(sets, "s1k", "examples", "1000")
    set_cell(sets, "limo", "examples", "817")
    for row in ("minimax-m1-math", "minimax-m1-logic", "minimax-m1-code", "minimax-m1-general"):
        set_cell(rl, row, "prompts", "1000")  # M1's RL set 4,000 < 15,000: no lab below it
    assert run_check("counting.negligible", data_copy).verdict == "inaccurate"


def test_negligible_reads_the_shared_exchanges_per_example(data_copy):
    shared = csv_of(data_copy, "shared/assumptions")
    set_cell(shared, "exchanges-per-example", "default", "1")  # 150,000 >= 146,000: none small
    set_cell(shared, "exchanges-per-example", "low", "1")
    assert run_check("counting.negligible", data_copy).verdict == "inaccurate"


@pytest.mark.parametrize(
    "check, claim_id, lab, words",
    [
        ("counting.per_lab_figure", "count-per-lab", "deepseek", "DeepSeek: accused of over 150,000 exchanges"),
        ("counting.per_lab_moonshot", "count-per-lab-moonshot", "moonshot", "Moonshot: accused of over 3.4 million"),
        ("counting.per_lab_minimax", "count-per-lab-minimax", "minimax", "MiniMax: accused of over 13 million"),
    ],
)
def test_each_labs_figure_flips_with_figure_and_hedge(data_copy, check, claim_id, lab, words):
    result = run_check(check, data_copy)
    assert result.verdict == "mostly-accurate"  # "about" for "over"
    assert result.numbers["slip"] == "understates"
    set_cell(csv_of(data_copy, "ledger/claims"), claim_id, "quote", words)
    assert run_check(check, data_copy).verdict == "accurate"
    # the check reads its own claim: a figure 40% above the report's is a different figure
    stated = float(data.load_table("ledger/claims", data_copy).set_index("id").loc[claim_id, "stated"])
    set_cell(csv_of(data_copy, "shared/allegation"), f"exchanges-{lab}", "value", str(int(stated / 1.4)))
    assert run_check(check, data_copy).verdict == "inaccurate"


@pytest.mark.parametrize(
    "claim_id, check, row",
    [
        ("count-minimax-products", "counting.minimax_products", "minimax-products-1"),
        ("count-pivot", "counting.pivot", "pivot-1"),
        ("count-pivot", "counting.pivot", "pivot-3"),
    ],
)
def test_unsupported_claims_rest_on_recorded_searches(data_copy, claim_id, check, row):
    assert run_check(check, data_copy).verdict == "unsupported"
    searches = csv_of(data_copy, "ledger/searches")
    set_cell(searches, row, "found", "true")
    assert run_check(check, data_copy).verdict == "mostly-accurate"
    rows = [line for line in searches.read_text(encoding="utf-8").splitlines() if f",{claim_id}," not in line]
    searches.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(LedgerError, match="unsupported needs at least 2 distinct searches"):
        run_check(check, data_copy)


def test_article_figures_are_quoted_verbatim_and_carry_their_value():
    from conftest import read_csv, required
    from distillbook.core import paths

    if not paths.ARTICLE.exists():
        if required("BOOK_REQUIRE_ARTICLE"):
            pytest.fail(f"the article's text is required here but missing at {paths.ARTICLE}")
        pytest.skip(f"the article's text is not at {paths.ARTICLE}; set DISTILLBOOK_ARTICLE to its path")
    article = paths.ARTICLE.read_text(encoding="utf-8")
    for row in read_csv("ledger/article_figures.csv"):
        assert row["quote"] in article, row["id"]
        assert f"{float(row['value']):g}" in row["quote"].replace(",", ""), row["id"]
