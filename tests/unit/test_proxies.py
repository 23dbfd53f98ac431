"""The proxies chapter: account arithmetic, the simulation's parts, and the section-4 checks, each
check pushed across its rule's threshold."""

from __future__ import annotations

import csv
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from conftest import set_cell
from distillbook.chapters import proxies
from distillbook.chapters.proxies import simulation
from distillbook.core import data, units
from distillbook.core.ledger import LedgerError, run_check


def params() -> pd.DataFrame:
    return data.load_table("proxies/parameters")


def assumptions() -> pd.DataFrame:
    return data.load_table("shared/assumptions")


# ---------------------------------------------------------------------------------------------
# account arithmetic
# ---------------------------------------------------------------------------------------------


def test_per_account_and_network_bound_by_hand():
    assert units.per_account(16_550_000, 24_000) == pytest.approx(16_550_000 / 24_000)  # about 689.6
    assert proxies.network_share(20_000, 24_000, 1.0) == pytest.approx(20_000 / 24_000)  # about 83%
    assert proxies.network_share(20_000, 24_000, 0.0) == 0.0
    assert proxies.network_share(30_000, 24_000, 1.0) == 1.0  # capped
    assert proxies.accounts_outside_network(20_000, 24_000, 1.0) == 24_000 - 20_000
    assert proxies.accounts_outside_network(20_000, 24_000, 0.5) == 24_000 - 10_000
    with pytest.raises(ValueError):
        proxies.network_share(20_000, 24_000, 1.5)
    with pytest.raises(ValueError):
        units.per_account(1, 0)


def test_minutes_at_rate_by_hand():
    assert proxies.minutes_at_rate(690, 1, 50) == pytest.approx(690 / 50)  # 13.8 minutes at Tier 1
    assert proxies.minutes_at_rate(17_000, 10, 50) == pytest.approx(3_400)  # 170,000 requests / 50 RPM
    with pytest.raises(ValueError):
        proxies.minutes_at_rate(1, 1, 0)


def test_account_cases_use_the_moonshot_range():
    allegation = data.load_table("shared/allegation")
    shared = pd.DataFrame({"id": ["moonshot-accounts"], "default": [500.0], "low": [200.0], "high": [999.0]})
    cases = proxies.account_cases(allegation, shared).set_index("case")
    average = cases.loc["average account, all three labs"]
    assert average["exchanges"] == pytest.approx((150_000 + 3_400_000 + 13_000_000) / 24_000)
    moonshot = cases.loc["Moonshot account"]
    assert moonshot["exchanges"] == pytest.approx(3_400_000 / 500)  # 6,800 at the default
    assert moonshot["exchanges_low"] == pytest.approx(3_400_000 / 999)  # more accounts, fewer each
    assert moonshot["exchanges_high"] == pytest.approx(3_400_000 / 200)  # 17,000


def test_account_cases_read_the_shared_assumption_only():
    # the chapter's own copy is gone: the Moonshot count is defined once, in data/shared/assumptions.csv
    assert "moonshot-accounts" not in set(params()["id"])
    allegation = data.load_table("shared/allegation")
    cases = proxies.account_cases(allegation, assumptions()).set_index("case")
    row = assumptions().set_index("id").loc["moonshot-accounts"]
    assert cases.loc["Moonshot account", "exchanges_low"] == pytest.approx(3_400_000 / float(row["high"]))


def test_percentile_multiple_by_hand():
    # the 99th percentile of a standard normal is 2.3263...; exp(2.3263 * 1) is about 10.2
    assert simulation.percentile_multiple(1.0) == pytest.approx(10.24, abs=0.01)
    assert simulation.percentile_multiple(2.0) == pytest.approx(10.24**2, rel=1e-3)
    assert simulation.percentile_multiple(1.5, 0.5) == pytest.approx(1.0)  # the median is the median
    with pytest.raises(ValueError):
        simulation.percentile_multiple(1.0, 1.0)


def test_tier_times_by_hand():
    tiers = pd.DataFrame({"tier": ["Tier 1", "Tier 4"], "requests_per_minute": [50, 4_000]})
    cases = pd.DataFrame({"case": ["x"], "exchanges": [1_000.0], "exchanges_low": [500.0], "exchanges_high": [2_000.0]})
    times = proxies.tier_times(tiers, cases, params()).set_index("tier")
    assert times.loc["Tier 1", "minutes"] == pytest.approx(1_000 * 1 / 50)  # 20 minutes
    assert times.loc["Tier 1", "minutes_low"] == pytest.approx(500 * 1 / 50)
    assert times.loc["Tier 1", "minutes_high"] == pytest.approx(2_000 * 10 / 50)  # 400 minutes
    assert times.loc["Tier 4", "minutes"] == pytest.approx(1_000 / 4_000)  # 15 seconds


def test_signal_counts_and_table():
    signals = pd.DataFrame(
        {
            "signal": ["a", "b", "c"],
            "lab": ["DeepSeek"] * 3,
            "report_wording": ["w"] * 3,
            "public_part": ["p"] * 3,
            "withheld_part": ["x|y"] * 3,
            "indicators_published": [False, True, False],
            "names_lab_staff": [True, True, False],
        }
    )
    assert proxies.signal_counts(signals) == {"signals": 3, "published": 1, "staff_signals": 2}
    table = proxies.signals_markdown(signals)
    assert table.count("\n") == 2 + 3  # header, rule, three rows
    assert "x/y" in table  # a pipe inside a cell would break the table


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


# ---------------------------------------------------------------------------------------------
# the simulation's parts
# ---------------------------------------------------------------------------------------------


def test_flag_keeps_the_false_alarm_budget():
    scores = np.arange(100, dtype=float)  # ordinary 0..99, then two campaign accounts
    scores = np.concatenate([scores, [50.0, 1_000.0]])
    ordinary = np.arange(102) < 100
    flagged = simulation.flag(scores, ordinary, 0.01)
    assert flagged[ordinary].sum() == 0  # the 99% quantile (method higher) is 99, nothing above it
    assert list(flagged[~ordinary]) == [False, True]


def test_concentration_scores_find_many_accounts_leaning_on_one_cell():
    history = np.ones((100, 4), dtype=np.int64)  # ordinary: one exchange in each of four cells
    now = np.ones((130, 4), dtype=np.int64)
    now[100:] = [40, 0, 0, 0]  # thirty new accounts all on cell 0
    scores = simulation.concentration_scores(now, history, hot_z=3)
    # cell 0 is hot: its usual share is 1/4; a campaign account puts 40 of 40 there:
    # z = (40 - 40 * 0.25) / sqrt(40 * 0.25 * 0.75)
    assert scores[-1] == pytest.approx((40 - 10) / np.sqrt(40 * 0.25 * 0.75))
    assert scores[0] == pytest.approx((1 - 4 * 0.25) / np.sqrt(4 * 0.25 * 0.75))  # zero
    assert not simulation.concentration_scores(history, history, hot_z=3).any()  # nothing hot


def small_config(**overrides) -> simulation.SimConfig:
    base = dict(ordinary_accounts=2_000)
    base.update(overrides)
    return simulation.sim_config(params(), **base)


def test_simulation_is_deterministic_and_runs_repeat_alone():
    cfg = small_config()
    grid = simulation.simulate(cfg, 200_000, [10, 2_000], [0.0, 0.5])
    again = simulation.simulate(cfg, 200_000, [2_000], [0.5])
    pd.testing.assert_frame_equal(
        grid[(grid["accounts"] == 2_000) & (grid["mix_share"] == 0.5)].reset_index(drop=True), again
    )


def test_volume_threshold_fails_as_the_campaign_spreads_and_shared_exits_appear():
    cfg = small_config()
    threshold = simulation.volume_threshold(cfg)
    # 200,000 exchanges over 10 accounts is 20,000 each, far above the ordinary top percentile;
    # over 2,000 accounts it is 100 each, below it
    assert 200_000 / 10 > threshold > 200_000 / 2_000
    results = simulation.simulate(cfg, 200_000, [10, 2_000], [0.0])
    assert simulation.recall_at(results, "per-account volume", 10, 0.0) == 1.0
    assert simulation.recall_at(results, "per-account volume", 2_000, 0.0) == 0.0
    # 10 accounts over 200 exits rarely share one; 2,000 accounts put about 2,000 / 200 = 10 on each
    assert simulation.recall_at(results, "shared infrastructure", 10, 0.0) == 0.0
    assert simulation.recall_at(results, "shared infrastructure", 2_000, 0.0) > 0.95  # a few exits draw only one or two
    assert (results["false_positive"] <= cfg.false_positive).all()


def test_grids_and_summaries():
    assert simulation.accounts_grid(24_000) == [10, 30, 100, 300, 1_000, 3_000, 10_000, 24_000]
    assert simulation.accounts_grid(500) == [10, 30, 100, 300, 500]
    assert simulation.mix_grid(params()) == [0.0, 0.25, 0.5, 0.75]
    results = pd.DataFrame(
        {
            "signal": ["s"] * 4,
            "mix_share": [0.5] * 4,
            "accounts": [10, 100, 1_000, 10_000],
            "recall": [1.0, 1.0, 0.2, 0.0],
        }
    )
    assert simulation.last_caught(results, "s", 0.5) == 100
    assert simulation.first_caught_everywhere(results.assign(recall=[0.0, 1.0, 1.0, 1.0]), "s") == 100
    assert simulation.run_offset(24_000, 0.5) == simulation.SEED_OFFSET + 1_000 + 100 * 24_000 + 50


# ---------------------------------------------------------------------------------------------
# the checks, each pushed across its threshold
# ---------------------------------------------------------------------------------------------


def test_hydra_exists_needs_an_independent_source(data_copy):
    evidence = data_copy.parent / "proxies" / "evidence.csv"
    result = run_check("proxies.hydra_exists", data_copy)
    assert result.verdict == "accurate"
    assert result.numbers["network_accounts"] == 20_000
    set_cell(evidence, "relay-software-pools", "supports_claim", "false")
    assert run_check("proxies.hydra_exists", data_copy).verdict == "mostly-accurate"
    set_cell(evidence, "report-proxy-services", "supports_claim", "false")
    assert run_check("proxies.hydra_exists", data_copy).verdict == "unsupported"


def test_regional_blocking_flips_without_the_independent_motive(data_copy):
    result = run_check("proxies.regional_blocking", data_copy)
    assert (result.verdict, result.numbers["anthropic_rows"], result.numbers["independent_rows"]) == ("accurate", 2, 1)
    set_cell(data_copy.parent / "proxies" / "evidence.csv", "relay-regional-motive", "supports_claim", "false")
    assert run_check("proxies.regional_blocking", data_copy).verdict == "mostly-accurate"


def test_resellers_train_counts_only_evidence_from_before_the_article(data_copy):
    evidence = data_copy.parent / "proxies" / "evidence.csv"
    result = run_check("proxies.resellers_train", data_copy)
    # four searches recorded; one looked for the later article itself, so three count
    assert (result.verdict, result.numbers["searches"], result.numbers["searches_found"]) == ("unsupported", 3, 0)
    # supporting evidence dated after the claim's as_of date does not move the verdict
    set_cell(evidence, "transfer-station-logs", "supports_claim", "true")
    assert run_check("proxies.resellers_train", data_copy).verdict == "unsupported"
    # the same evidence dated before the article would (one independent source)
    set_cell(evidence, "transfer-station-logs", "date", "2026-02-01")
    assert run_check("proxies.resellers_train", data_copy).verdict == "mostly-accurate"


def test_resellers_train_refuses_unsupported_without_recorded_searches(data_copy):
    searches = data_copy.parent / "ledger" / "searches.csv"
    with open(searches, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["claim_id"] != "proxy-resellers-train"]
    with open(searches, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle,
            fieldnames=["id", "claim_id", "kind", "query", "searched_in", "date", "found", "result"],
            lineterminator="\n",
        )
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(LedgerError, match="unsupported needs at least 2 distinct searches"):
        run_check("proxies.resellers_train", data_copy)


def test_attribution_verdict_follows_what_is_published(data_copy):
    signals = data_copy.parent / "proxies" / "attribution_signals.csv"
    result = run_check("proxies.attribution_public", data_copy)
    assert result.verdict == "mostly-accurate"
    assert result.numbers == {"signals": 8, "published": 0, "staff_signals": 2}
    # if no signal named lab staff, the attribution would rest on generic signals only
    set_cell(signals, "researchers-traced", "names_lab_staff", "false")
    set_cell(signals, "staff-profiles", "names_lab_staff", "false")
    assert run_check("proxies.attribution_public", data_copy).verdict == "accurate"
    # if any indicators were published, outsiders could check, and the claim would be wrong
    set_cell(signals, "ip-correlation", "indicators_published", "true")
    assert run_check("proxies.attribution_public", data_copy).verdict == "inaccurate"


def test_prompt_rebuttal_is_misleading_only_because_the_report_concedes(data_copy):
    prompt = data_copy.parent / "proxies" / "report_prompt.csv"
    result = run_check("proxies.prompt_rebuttal", data_copy)
    assert (result.verdict, result.numbers["concessions"], result.numbers["pattern_statements"]) == ("misleading", 2, 2)
    set_cell(prompt, "approximation", "role", "pattern")
    set_cell(prompt, "benign-alone", "role", "pattern")
    assert run_check("proxies.prompt_rebuttal", data_copy).verdict == "accurate"


def test_searches_table_lists_only_the_claims_searches():
    searches = pd.DataFrame(
        {
            "claim_id": ["a", "b"],
            "query": ["q1", "q|2"],
            "searched_in": ["x", "y"],
            "date": [pd.Timestamp("2026-11-29")] * 2,
            "found": [False, True],
            "result": ["r1", "r2"],
        }
    )
    table = proxies.searches_markdown(searches, "b")
    assert table.count("\n") == 2 + 1
    assert "`q/2`" in table and "| yes |" in table and "2026-11-29" in table


def test_sensitivity_flips_the_volume_result_when_ordinary_accounts_are_quiet():
    cfg = small_config()
    # 200,000 exchanges over 2,000 accounts is 100 each: below the top percentile of ordinary
    # accounts with a median of 50 a week, above it with a median of 1 (top percentile about
    # exp(1.5 * 2.33), some 33 exchanges)
    sens = simulation.sensitivity(cfg, 200_000, 2_000, 0.0, "ordinary_median", [1.0, 50.0]).set_index("value")
    assert sens.loc[1.0, "per-account volume"] == 1.0
    assert sens.loc[50.0, "per-account volume"] == 0.0
    assert list(sens.columns) == simulation.SIGNALS


def test_decades_span_the_values():
    assert units.decades([0.17, 3_400]) == [0.1, 1.0, 10.0, 100.0, 1_000.0, 10_000.0]
    assert units.decades([10, 24_000]) == [10.0, 100.0, 1_000.0, 10_000.0, 100_000.0]
