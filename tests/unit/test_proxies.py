"""The proxies chapter: account arithmetic, the signals and searches tables, the simulation's parts,
and the section-4 checks, each check pushed across its rule's threshold. Expectations are worked
out by hand in the tests."""

from __future__ import annotations

import csv
import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from conftest import set_cell
from distillbook.chapters import counting, proxies
from distillbook.chapters.proxies import simulation
from distillbook.core import data, units
from distillbook.core.ledger import LedgerError, run_check
from distillbook.core.params import Range, parameter


def params() -> pd.DataFrame:
    return data.load_table("proxies/parameters")


def window() -> Range:
    return parameter(data.load_table("counting/parameters"), "campaign-days")


# ---------------------------------------------------------------------------------------------
# account arithmetic
# ---------------------------------------------------------------------------------------------


def test_network_bound_by_hand():
    assert proxies.network_share(20_000, 24_000, 1.0) == pytest.approx(20_000 / 24_000)  # about 83%
    assert proxies.network_share(20_000, 24_000, 0.0) == 0.0
    assert proxies.network_share(30_000, 24_000, 1.0) == 1.0  # capped
    assert proxies.accounts_outside_network(20_000, 24_000, 1.0) == 24_000 - 20_000
    assert proxies.accounts_outside_network(20_000, 24_000, 0.5) == 24_000 - 10_000
    with pytest.raises(ValueError):
        proxies.network_share(20_000, 24_000, 1.5)


def test_per_account_numbers_by_hand():
    out = proxies.per_account_numbers(
        {"DeepSeek": 150_000, "Moonshot": 3_400_000, "MiniMax": 13_000_000},
        24_000,
        Range(500, 200, 999),
        20_000,
        Range(1, 0, 1),
    )
    assert out["others_exchanges"] == 13_150_000
    assert out["others_accounts"] == 23_500
    assert out["others_per_account"] == pytest.approx(13_150_000 / 23_500)  # about 560
    assert out["network_share_high"] == pytest.approx(20_000 / 24_000)
    assert out["outside_accounts_high"] == 4_000


def test_accounts_needed_rounds_up():
    # 460 minutes for each of 24,000 accounts is 11,040,000 minutes; a month of 30 days is 43,200
    assert proxies.accounts_needed(460, 24_000, 30) == math.ceil(11_040_000 / 43_200)  # 256 (255.6)
    assert proxies.accounts_needed(1_440, 10, 1) == 10  # exactly ten days of sending: ten accounts


def test_words():
    assert proxies.compared(1, 2) == "fewer than"
    assert proxies.compared(2, 2) == "as many as"
    assert proxies.compared(3, 2) == "more than"
    assert proxies.days_text(1) == "1 day" and proxies.days_text(30) == "30 days"
    names = {"requests": "the request limit", "input tokens": "the input-token limit"}
    assert proxies.binding_phrase(["input tokens", "input tokens"], names) == "the input-token limit"
    assert proxies.binding_phrase(["requests", "input tokens"], names) == "a different limit at different tiers"


def test_tier_rows_by_hand():
    times = pd.DataFrame(
        {
            "tier": ["Tier 1", "Tier 1", "Tier 4", "Tier 4"],
            "case": [proxies.AVERAGE_CASE, proxies.MOONSHOT_CASE] * 2,
            "requests_per_minute": [1.5, 1.5, 100.0, 100.0],
            "binding": ["input tokens"] * 4,
            "minutes": [600.0, 6_000.0, 9.0, 90.0],
        }
    )
    table = proxies.tier_rows(times, Range(6_800, 3_400, 17_000))
    assert list(table["tier"]) == ["Tier 1", "Tier 4"]
    assert table.loc[0, "average_hours"] == 10.0  # 600 minutes
    assert table.loc[0, "moonshot_hours"] == 100.0
    assert table.loc[0, "moonshot_fewest_hours"] == pytest.approx(100.0 * 17_000 / 6_800)  # 250 hours
    assert table.loc[1, "requests_per_minute"] == 100.0


def test_account_numbers_use_the_least_of_the_limits():
    allegation = data.load_table("shared/allegation")
    shared = data.load_table("shared/assumptions")
    rate_limits = data.load_table("shared/rate_limits")
    rpe = parameter(params(), "requests-per-exchange")
    moon = counting.moonshot_exchanges_per_account(allegation, shared)
    times = proxies.capped_tier_minutes(
        counting.account_tier_minutes(allegation, shared, rate_limits, requests_per_exchange=rpe),
        rate_limits,
        parameter(shared, "input-tokens"),
        parameter(shared, "output-tokens"),
        parameter(shared, "cached-input-share"),
        moon,
        16_550_000 / 24_000,
        rpe,
    )
    # Tier 1 at 20,000 input and 1,000 output tokens a request, none cached:
    # min(50 requests, 30,000 / 20,000 = 1.5, 8,000 / 1,000 = 8) = 1.5 requests a minute
    many = counting.minutes_per_account(17_000, 1.5, 10)
    out = proxies.account_numbers(times, moon, 24_000, Range(30, 1, 365), many)
    average = 16_550_000 / 24_000  # 689.6 exchanges
    assert out["entry_average_hours"] == pytest.approx(average / 1.5 / 60)  # 7.7 hours
    assert out["top_average_minutes"] == pytest.approx(average / 100)  # Tier 4: 2,000,000 / 20,000
    assert out["entry_moonshot_fewest_days"] == pytest.approx(17_000 / 1.5 / 1_440)  # 7.9 days
    assert out["many_requests_days"] == pytest.approx(17_000 * 10 / 1.5 / 1_440)  # 78.7 days
    # the slow end: 100,000 input tokens exceed Tier 1's 30,000-token bucket, so the heaviest
    # request admitted carries 30,000 (and 4,000 output): min(50, 30,000 / 30,000, 8,000 / 4,000) = 1
    assert out["slow_entry_tokens"] == 30_000
    assert out["slowest_days"] == pytest.approx(17_000 * 10 / 1 / 1_440)  # 118 days
    assert out["needed_month"] == math.ceil(average / 1.5 * 24_000 / (30 * 1_440))  # 256
    assert out["needed_short"] == math.ceil(average / 1.5 * 24_000 / 1_440)  # 7,663
    assert out["needed_slow_month"] == math.ceil(average * 10 / 1 * 24_000 / (30 * 1_440))  # 3,832
    assert out["needed_slow_short_vs_report"] == "more than"
    assert out["window_low_text"] == "1 day"


def test_account_numbers_guard_their_sentences():
    allegation = data.load_table("shared/allegation")
    shared = data.load_table("shared/assumptions")
    rate_limits = data.load_table("shared/rate_limits")
    moon = counting.moonshot_exchanges_per_account(allegation, shared)
    times = counting.account_tier_minutes(allegation, shared, rate_limits)  # one request an exchange
    # at one request an exchange the slowest Moonshot case takes about 39 days: with a default
    # window of 400 days, "at the slow end a Moonshot account needs more than the window" is wrong
    with pytest.raises(proxies.ProseGuardError):
        proxies.account_numbers(times, moon, 24_000, Range(400, 1, 400), 0.0)


# ---------------------------------------------------------------------------------------------
# signals, the prompt and searches
# ---------------------------------------------------------------------------------------------


def signals_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "signal": ["a", "b", "c", "d"],
            "kind": ["attribution", "attribution", "attribution", "coordination"],
            "lab": ["DeepSeek"] * 4,
            "report_wording": ["w"] * 4,
            "public_part": ["p"] * 4,
            "withheld_part": ["x|y"] * 4,
            "indicators_published": [False, True, False, False],
            "names_lab_staff": [True, True, False, True],
            "confirmed_publicly": [False, False, True, False],
        }
    )


def test_signal_counts_keep_coordination_apart():
    counts = proxies.signal_counts(signals_frame())
    # the coordination row names staff in this frame, but is not an attribution signal
    # every row of this frame is about DeepSeek alone, so none is a kind named for all three labs
    assert counts == {
        "signals": 3,
        "general": 0,
        "lab_specific": 3,
        "published": 1,
        "staff_signals": 2,
        "confirmed": 1,
        "coordination": 1,
    }
    table = proxies.signals_markdown(signals_frame())
    assert table.count("\n") == 2 + 4  # header, rule, four rows
    assert "x/y" in table  # a pipe inside a cell would break the table
    assert table.count(proxies.SIGNAL_KINDS["coordination"]) == 1


def test_the_report_signals_table_splits_payment_from_timing():
    signals = data.load_table("proxies/attribution_signals").set_index("id")
    assert signals.loc["shared-payment", "kind"] == "coordination"
    assert signals.loc["synchronised-traffic", "kind"] == "coordination"
    assert "payment" not in signals.loc["synchronised-traffic", "signal"].lower()


def test_prompt_numbers():
    rows = pd.DataFrame(
        {
            "role": ["prompt", "disclosure", "concession", "pattern", "pattern"],
            "documented": [False, False, False, True, False],
        }
    )
    assert proxies.prompt_numbers(rows) == {"prompt_concessions": 1, "prompt_patterns": 2, "prompt_documented": 1}


def searches_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["s1", "s2", "s3", "s4"],
            "claim_id": ["a", "b", "b", "b"],
            "kind": ["targeted", "targeted", "other document", "targeted"],
            "query": ["q1", "q|2", "q3", "Q|2"],
            "searched_in": ["x"] * 4,
            "date": [pd.Timestamp("2026-11-29")] * 4,
            "found": [False, False, False, True],
            "result": ["r"] * 4,
        }
    )


def test_searches_count_only_distinct_targeted_ones():
    # s2 and s4 have the same words (case aside), so only s2 counts; s3 looked for another document
    assert proxies.search_counts(searches_frame(), "b") == {"recorded": 3, "counted": 1, "found": 0}
    table = proxies.searches_markdown(searches_frame(), "b")
    assert table.count("\n") == 2 + 3
    assert "`q/2`" in table and "2026-11-29" in table
    assert "| no: looked for a different document" in table


def test_evidence_rows_drop_rows_published_after_the_date():
    evidence = pd.DataFrame(
        {
            "topic": ["t", "t", "t", "u"],
            "supports_claim": [True, True, False, True],
            "date": [pd.Timestamp("2026-01-01"), pd.NaT, pd.Timestamp("2026-01-01"), pd.Timestamp("2026-01-01")],
        }
    )
    assert len(proxies.evidence_rows(evidence, "t", dt.date(2026, 2, 28))) == 2  # dated and undated
    assert len(proxies.evidence_rows(evidence, "t", dt.date(2025, 12, 31))) == 1  # only the undated one
    assert proxies.evidence_verdict(1, 1) == "accurate"
    assert proxies.evidence_verdict(0, 2) == "mostly-accurate"
    assert proxies.evidence_verdict(0, 0) == "unsupported"
    assert proxies.reason_verdict(2, 1, 1) == "accurate"
    assert proxies.reason_verdict(2, 1, 0) == "mostly-accurate"  # one reason among others
    assert proxies.reason_verdict(0, 1, 1) == "mostly-accurate"  # not documented by Anthropic
    assert proxies.reason_verdict(0, 0, 0) == "unsupported"


def test_accusation_volume():
    accusations = pd.DataFrame({"id": ["google-gtig"], "volume": [100_000]})
    assert proxies.accusation_volume(accusations, "google-gtig") == 100_000
    with pytest.raises(LedgerError):
        proxies.accusation_volume(accusations, "nobody")


# ---------------------------------------------------------------------------------------------
# the simulation's parts
# ---------------------------------------------------------------------------------------------


def test_percentile_multiple_by_hand():
    # the 99th percentile of a standard normal is 2.3263...; exp(2.3263 * 1) is about 10.2
    assert simulation.percentile_multiple(1.0) == pytest.approx(10.24, abs=0.01)
    assert simulation.percentile_multiple(2.0) == pytest.approx(10.24**2, rel=1e-3)
    assert simulation.percentile_multiple(1.5, 0.5) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        simulation.percentile_multiple(1.0, 1.0)


def test_campaign_arithmetic_by_hand():
    # mixing as spreading: a quarter unrelated traffic needs a third more accounts
    assert simulation.accounts_used(24_000, 0.0) == 24_000
    assert simulation.accounts_used(24_000, 0.5) == 48_000
    assert simulation.accounts_used(24_000, 0.75) == 96_000
    assert simulation.accounts_used(3, 0.25) == 4
    with pytest.raises(ValueError):
        simulation.accounts_used(10, 1.0)
    # a 30-day campaign sends 7/30 of its exchanges in the observed week; a short one all of them
    assert simulation.weekly_exchanges(16_550_000, 30) == pytest.approx(16_550_000 * 7 / 30)
    assert simulation.weekly_exchanges(16_550_000, 7) == 16_550_000
    assert simulation.weekly_exchanges(16_550_000, 1) == 16_550_000
    cfg = small_config(window_days=14, mix_share=0.5)
    weekly = 1_000_000 / 2  # half of a 14-day campaign
    unrelated = weekly  # as much again at a mix of one half
    assert simulation.campaign_share(cfg, 1_000_000, 500_000) == pytest.approx(weekly / (weekly + unrelated + 500_000))


def test_campaign_targets_and_phrase():
    assert list(simulation.campaign_targets(100, 1, 3)) == [0, 1, 2]
    assert list(simulation.campaign_targets(100, 40, 3)) == [39, 40, 41]
    assert list(simulation.campaign_targets(50, 45, 10)) == list(range(40, 50))  # moved up to fit
    with pytest.raises(ValueError):
        simulation.campaign_targets(10, 1, 11)
    assert simulation.targets_phrase(1, 3) == "the 3 most common topics"
    assert simulation.targets_phrase(40, 3) == "3 topics from the topic of rank 40 down"


def test_spread_evenly_and_cells():
    rng = np.random.default_rng(0)
    rows, cols, counts = simulation.spread_evenly(rng, np.array([7, 0, 5]), np.array([3, 1, 5]), np.ones(4) / 4)
    assert list(rows) == [0, 0, 0, 1, 2, 2, 2, 2, 2]
    assert list(counts) == [3, 2, 2, 0, 1, 1, 1, 1, 1]  # 7 = 3 + 2 + 2; 5 over five cells
    cells = simulation.Cells.summed(np.array([0, 0, 1]), np.array([2, 2, 0]), np.array([1.0, 4.0, 3.0]), (2, 3))
    assert list(cells.rows) == [0, 1] and list(cells.cols) == [2, 0] and list(cells.counts) == [5.0, 3.0]
    assert list(cells.volume()) == [5.0, 3.0] and list(cells.per_cell()) == [3.0, 0.0, 5.0]
    dense = simulation.Cells.dense(np.array([[0, 2], [1, 0]]))
    assert list(dense.volume()) == [2.0, 1.0]


def test_leaning_hot_cells_and_scores_by_hand():
    usual = np.array([0.25, 0.25, 0.25, 0.25])
    # account 0 spreads evenly; account 1 sends 30 of its 40 exchanges to cell 0
    counts = simulation.Cells.dense(np.array([[10, 10, 10, 10], [30, 10, 0, 0]]))
    volume = counts.volume()
    # leaning: more than 1.5 x volume x usual share, i.e. more than 15 exchanges in a cell
    assert list(simulation.leaning(counts, volume, usual, 1.5)) == [1, 0, 0, 0]
    ordinary_lean = np.array([100.0, 100.0, 100.0, 100.0])
    assert not simulation.hot_cells(ordinary_lean, np.array([10.0, 10.0, 10.0, 10.0]), 3).any()  # everywhere alike
    hot = simulation.hot_cells(ordinary_lean, np.array([300.0, 0.0, 0.0, 0.0]), 3)
    assert list(hot) == [True, False, False, False]
    scores = simulation.concentration(counts, volume, hot, usual)
    # account 1: 30 of 40 in a cell whose usual share is a quarter: (30 - 10) / sqrt(40 x 0.25 x 0.75)
    assert scores[1] == pytest.approx(20 / math.sqrt(7.5))
    assert scores[0] == pytest.approx(0.0)
    assert not simulation.concentration(counts, volume, np.zeros(4, dtype=bool), usual).any()


def test_flag_rate_keeps_the_false_alarm_budget():
    ordinary = np.arange(100, dtype=float)  # the 99% quantile (method higher) is 99
    assert simulation.flag_rate(ordinary, np.array([50.0, 1_000.0]), 0.01) == 0.5


def small_config(**overrides) -> simulation.SimConfig:
    ranges = simulation.assumption_ranges(params(), window())
    return simulation.sim_config(ranges, **{"ordinary_accounts": 2_000, **overrides})


def test_assumption_ranges_cover_the_four_campaign_choices():
    ranges = simulation.assumption_ranges(params(), window())
    for field in ("window_days", "topic_rank", "schedule_share", "accounts_per_exit"):
        assert ranges[field].low < ranges[field].high, field
    assert ranges["window_days"] == window()
    assert ranges["accounts_per_exit"].low == 1  # one exit per account
    assert isinstance(small_config().topics, int)


def test_range_numbers_give_the_far_ends_the_page_argues():
    ranges = {
        "window_days": Range(30, 1, 365),
        "topic_rank": Range(1, 1, 40),
        "accounts_per_exit": Range(10, 1, 100),
        "mix_share": Range(0, 0, 0.75),
    }
    assert simulation.range_numbers(ranges) == {
        "sim_window_high": 365,
        "sim_topic_rank_high": 40,
        "sim_accounts_per_exit_high": 100,
        "sim_mix_high": 0.75,
    }


def test_a_run_is_deterministic_and_repeats_alone():
    cfg = small_config()
    grid = simulation.simulate(cfg, 200_000, [10, 2_000])
    again = simulation.simulate(cfg, 200_000, [2_000])
    pd.testing.assert_frame_equal(grid[grid["accounts"] == 2_000].reset_index(drop=True), again)


def test_volume_fails_as_the_campaign_spreads():
    cfg = small_config(window_days=7.0)
    threshold = np.quantile(simulation.population(cfg).volume, 0.99, method="higher")
    # 200,000 exchanges in a week over 10 accounts is 20,000 each, far above the ordinary top
    # percentile; over 2,000 accounts it is 100 each, below it
    assert 200_000 / 10 > threshold > 200_000 / 2_000
    results = simulation.simulate(cfg, 200_000, [10, 2_000])
    assert simulation.recall_at(results, "per-account volume", 10) == 1.0
    assert simulation.recall_at(results, "per-account volume", 2_000) == 0.0


def test_each_campaign_choice_moves_its_detector():
    base = small_config(window_days=7.0)
    run = lambda **o: simulation.run(simulation.dataclasses.replace(base, **o), 200_000, 2_000)  # noqa: E731
    # one exit per account leaves nothing shared; a hundred per exit stands out
    assert run(accounts_per_exit=1.0)["shared infrastructure"] == 0.0
    assert run(accounts_per_exit=100.0)["shared infrastructure"] == 1.0
    # one shared schedule gives the accounts away; schedules of their own do not
    assert run(schedule_share=1.0)["synchronised timing"] > 0.9
    assert run(schedule_share=0.0)["synchronised timing"] < 0.1
    # rare topics stand out more than the most common ones
    assert run(topic_rank=40)["narrow content"] > run(topic_rank=1)["narrow content"]


def test_one_at_a_time_reuses_the_default_run_for_an_end_at_the_default():
    ranges = {
        **simulation.assumption_ranges(params(), window()),
        "ordinary_accounts": Range(2_000, 2_000, 2_000, "accounts"),
    }
    few = {k: ranges[k] for k in ("ordinary_accounts", "topic_rank", "accounts_per_exit")}
    rest = {k: Range(r.default, r.default, r.default) for k, r in ranges.items() if k not in few}
    sens = simulation.one_at_a_time({**few, **rest}, 200_000, 2_000)
    assert list(sens["end"][:1]) == ["default"]
    default = sens.iloc[0][simulation.SIGNALS]
    same = sens[(sens["field"] == "topic_rank") & (sens["end"] == "low")].iloc[0][simulation.SIGNALS]
    assert list(same) == list(default)  # the rank's low end is its default
    exits = sens[(sens["field"] == "accounts_per_exit") & (sens["end"] == "low")].iloc[0]
    assert exits["shared infrastructure"] == 0.0


def sens_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "field": ["", "window_days", "window_days", "topic_rank", "topic_rank"],
            "end": ["default", "low", "high", "low", "high"],
            "value": [float("nan"), 1.0, 365.0, 1.0, 40.0],
            "per-account volume": [0.0, 0.0, 0.0, 0.0, 0.0],
            "shared infrastructure": [1.0, 1.0, 0.05, 1.0, 1.0],
            "synchronised timing": [0.5, 1.0, 0.0, 0.5, 0.5],
            "narrow content": [0.0, 1.0, 0.0, 0.0, 0.9],
        }
    )


def test_failures_rescues_and_sentences():
    sens = sens_frame()
    assert simulation.failures(sens, "shared infrastructure") == [("window_days", "high")]
    assert simulation.failures(sens, "narrow content") == []  # it misses at the defaults already
    assert simulation.rescues(sens, "narrow content") == [("window_days", "low"), ("topic_rank", "high")]
    assert simulation.rescues(sens, "per-account volume") == []
    assert simulation.detector_sentence(sens, "per-account volume") == (
        "Per-account volume flags 0% of the campaign's accounts at the defaults, and no rerun brings it to 50%."
    )
    assert simulation.detector_sentence(sens, "narrow content").endswith(
        "with campaign window (days) at 1; and popularity rank of the most common topic targeted at 40."
    )
    assert "at 365" in simulation.detector_sentence(sens, "shared infrastructure")


def test_sensitivity_table_has_a_row_per_assumption():
    sens = sens_frame()
    ranges = {"window_days": Range(30, 1, 365), "topic_rank": Range(1, 1, 40)}
    table = simulation.sensitivity_markdown(sens, ranges)
    assert table.count("\n") == 2 + 1 + 2  # header, rule, defaults, two assumptions
    assert "| campaign window (days) | 30 | 1 | 365 | 0% / 0% | 100% / 5% | 100% / 0% | 100% / 0% |" in table


def test_grids_and_summaries():
    assert simulation.sizes_grid(24_000) == [10, 30, 100, 300, 1_000, 3_000, 10_000, 24_000]
    assert simulation.sizes_grid(500) == [10, 30, 100, 300, 500]
    results = pd.DataFrame({"signal": ["s"] * 4, "accounts": [10, 100, 1_000, 10_000], "recall": [1.0, 1.0, 0.2, 0.6]})
    assert simulation.last_caught(results, "s") == 10_000
    assert simulation.first_caught(results.assign(recall=[0.0, 0.7, 1.0, 0.0]), "s") == 100
    assert simulation.first_caught(results.assign(recall=[0.0] * 4), "s") is None
    assert simulation.run_offset(24_000) == simulation.SEED_OFFSET + 1_000 + 24_000


def test_decades_span_the_values():
    assert units.decades([0.17, 3_400]) == [0.1, 1.0, 10.0, 100.0, 1_000.0, 10_000.0]


# ---------------------------------------------------------------------------------------------
# the checks, each pushed across its threshold
# ---------------------------------------------------------------------------------------------


def test_hydra_exists_needs_an_independent_source(data_copy):
    evidence = data_copy.parent / "proxies" / "evidence.csv"
    result = run_check("proxies.hydra_exists", data_copy)
    assert result.verdict == "accurate"
    assert result.numbers["network_accounts"] == 20_000
    set_cell(evidence, "relay-software-pools", "supports_claim", "false")
    assert run_check("proxies.hydra_exists", data_copy).verdict == "accurate"  # Google's report remains
    set_cell(evidence, "gtig-api-resale", "supports_claim", "false")
    assert run_check("proxies.hydra_exists", data_copy).verdict == "mostly-accurate"
    set_cell(evidence, "report-proxy-services", "supports_claim", "false")
    assert run_check("proxies.hydra_exists", data_copy).verdict == "unsupported"


def test_regional_blocking_needs_an_independent_source_naming_the_main_reason(data_copy):
    evidence = data_copy.parent / "proxies" / "evidence.csv"
    result = run_check("proxies.regional_blocking", data_copy)
    figures = (result.numbers["anthropic_rows"], result.numbers["independent_rows"], result.numbers["independent_main"])
    # the report and the 2025 policy; the relay software and Google's threat report, neither main
    assert (result.verdict, figures) == ("mostly-accurate", (2, 2, 0))
    set_cell(evidence, "relay-regional-motive", "main_reason", "true")
    assert run_check("proxies.regional_blocking", data_copy).verdict == "accurate"
    for row in ("report-no-china-access", "regions-policy-2025", "relay-regional-motive", "gtig-relay-users"):
        set_cell(evidence, row, "supports_claim", "false")
    assert run_check("proxies.regional_blocking", data_copy).verdict == "unsupported"


def test_resellers_train_counts_only_targeted_searches_and_evidence_from_before_the_article(data_copy):
    evidence = data_copy.parent / "proxies" / "evidence.csv"
    result = run_check("proxies.resellers_train", data_copy)
    # five searches recorded; one looked for the later article itself, so four count
    assert (result.verdict, result.numbers["searches"], result.numbers["searches_recorded"]) == ("unsupported", 4, 5)
    set_cell(evidence, "transfer-station-logs", "supports_claim", "true")
    assert run_check("proxies.resellers_train", data_copy).verdict == "unsupported"  # dated after the article
    set_cell(evidence, "transfer-station-logs", "date", "2026-02-01")
    assert run_check("proxies.resellers_train", data_copy).verdict == "mostly-accurate"


def test_resellers_train_refuses_unsupported_without_recorded_searches(data_copy):
    searches = data_copy.parent / "ledger" / "searches.csv"
    with open(searches, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames
        rows = [r for r in reader if r["claim_id"] != "proxy-resellers-train"]
    with open(searches, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(LedgerError, match="unsupported needs at least 2 distinct searches"):
        run_check("proxies.resellers_train", data_copy)


def test_attribution_verdict_follows_what_is_published_and_confirmed(data_copy):
    signals = data_copy.parent / "proxies" / "attribution_signals.csv"
    result = run_check("proxies.attribution_public", data_copy)
    # nothing published and nothing confirmed: the first clause holds of the public record
    assert result.verdict == "accurate"
    # seven attribution statements (four kinds named for all three labs, three about one lab)
    # and two coordination signals (synchronised traffic, shared payment)
    assert result.numbers == {
        "signals": 7,
        "general": 4,
        "lab_specific": 3,
        "published": 0,
        "staff_signals": 2,
        "confirmed": 0,
        "coordination": 2,
    }
    # links said to reach named people do not lower the verdict while unpublished
    set_cell(signals, "product-roadmap", "names_lab_staff", "true")
    assert run_check("proxies.attribution_public", data_copy).verdict == "accurate"
    set_cell(signals, "partner-corroboration", "confirmed_publicly", "true")
    assert run_check("proxies.attribution_public", data_copy).verdict == "misleading"
    set_cell(signals, "ip-correlation", "indicators_published", "true")
    assert run_check("proxies.attribution_public", data_copy).verdict == "inaccurate"


def test_prompt_rebuttal_follows_the_pattern_not_the_concession(data_copy):
    prompt = data_copy.parent / "proxies" / "report_prompt.csv"
    result = run_check("proxies.prompt_rebuttal", data_copy)
    assert (result.verdict, result.numbers) == (
        "accurate",
        {"concessions": 1, "pattern_statements": 3, "documented": 0},
    )
    # without the report's concession the sentence is no less right
    set_cell(prompt, "benign-alone", "role", "pattern")
    assert run_check("proxies.prompt_rebuttal", data_copy).verdict == "accurate"
    set_cell(prompt, "pattern-volume", "documented", "true")
    assert run_check("proxies.prompt_rebuttal", data_copy).verdict == "misleading"


def test_admitted_rate_caps_a_request_at_the_token_bucket():
    # Tier 1: 50 requests, 30,000 input and 8,000 output tokens a minute
    # 20,000 input, 1,000 output: min(50, 1.5, 8) = 1.5
    assert proxies.admitted_rate(50, 30_000, 8_000, 20_000, 1_000, 0.0) == pytest.approx(1.5)
    # 100,000 input is more than the bucket holds: cut to 30,000, so min(50, 1, 8) = 1
    assert proxies.admitted_rate(50, 30_000, 8_000, 100_000, 1_000, 0.0) == pytest.approx(1.0)
    # half of 100,000 cached leaves 50,000 counted, still cut to 30,000
    assert proxies.admitted_rate(50, 30_000, 8_000, 100_000, 1_000, 0.5) == pytest.approx(1.0)
    # 10,000 output tokens exceed the 8,000 output bucket: cut to 8,000, so min(50, 3, 1) = 1
    assert proxies.admitted_rate(50, 30_000, 8_000, 10_000, 10_000, 0.0) == pytest.approx(1.0)


def test_campaign_shape_compares_a_moonshot_week_with_the_threshold():
    from distillbook.chapters.proxies import simulation

    # 3,400,000 exchanges over 500 (default), 200 (fewest) accounts, a 30-day campaign
    out = simulation.campaign_shape(Range(6_800, 3_400, 17_000), 30, 1_738)
    assert out["moon_week_default"] == pytest.approx(6_800 * 7 / 30)  # 1,587
    assert out["moon_week_fewest"] == pytest.approx(17_000 * 7 / 30)  # 3,967
    assert (out["moon_week_default_vs"], out["moon_week_fewest_vs"]) == ("fewer than", "more than")
