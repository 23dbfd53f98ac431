"""Every number glued on chapters/proxies, recomputed from the CSVs with the csv module.

The arithmetic is redone here by hand. The simulation's outputs cannot be recomputed without the
simulation, so they are checked by rerunning the individual runs they come from (each run's seed
depends only on its size and mixing share) and by checking the relations the prose states."""

from __future__ import annotations

import math
import statistics

import pytest

from conftest import glued, read_csv

PAGE = "chapters/proxies"
#: The assumptions the page reruns at both ends of their ranges: (glue name, parameter id).
SENSITIVITY = [("median", "sim-ordinary-median"), ("spread", "sim-ordinary-spread"), ("exits", "sim-proxy-exits")]


@pytest.fixture(scope="module")
def values() -> dict:
    return glued(PAGE)


def rows_by_id(name: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in read_csv(name)}


def param(pid: str, table: str = "proxies/parameters.csv") -> tuple[float, float, float]:
    row = rows_by_id(table)[pid]
    return float(row["default"]), float(row["low"]), float(row["high"])


def expected_numbers() -> dict[str, object]:
    allegation = rows_by_id("shared/allegation.csv")
    deepseek = float(allegation["exchanges-deepseek"]["value"])
    moonshot = float(allegation["exchanges-moonshot"]["value"])
    minimax = float(allegation["exchanges-minimax"]["value"])
    total = deepseek + moonshot + minimax
    accounts = float(allegation["accounts-total"]["value"])
    network = float(allegation["proxy-network-accounts"]["value"])
    m_default, m_low, m_high = param("moonshot-accounts", "shared/assumptions.csv")
    overlap_default, overlap_low, overlap_high = param("network-overlap")
    rpe, rpe_low, rpe_high = param("requests-per-exchange")
    mix_default, _, mix_high = param("sim-mix-share")

    out: dict[str, object] = {
        "exchanges_sum": int(total),
        "accounts_total": int(accounts),
        "network_accounts": int(network),
        "exchanges_moonshot": int(moonshot),
        "per_account_avg": total / accounts,
        "moonshot_accounts_default": int(m_default),
        "moonshot_accounts_low": int(m_low),
        "moonshot_accounts_high": int(m_high),
        "moonshot_per_account": moonshot / m_default,
        "moonshot_per_account_low": moonshot / m_high,
        "moonshot_per_account_high": moonshot / m_low,
        "others_exchanges": int(deepseek + minimax),
        "others_accounts": int(accounts - m_default),
        "others_per_account": (deepseek + minimax) / (accounts - m_default),
        "network_share_high": min(1.0, overlap_high * network / accounts),
        "network_share_low": min(1.0, overlap_low * network / accounts),
        "outside_accounts_high": int(accounts - overlap_high * network),
        "rpe_default": int(rpe),
        "rpe_high": int(rpe_high),
    }
    average = total / accounts
    moon_default, moon_max = moonshot / m_default, moonshot / m_low
    highest = 0.0
    for i, tier in enumerate(read_csv("shared/rate_limits.csv"), start=1):
        rpm = float(tier["requests_per_minute"])
        out[f"tier{i}_rpm"] = int(rpm)
        out[f"tier{i}_spend"] = int(float(tier["monthly_spend_limit_usd"]))
        out[f"tier{i}_avg_minutes"] = average * rpe / rpm
        out[f"tier{i}_moon_minutes"] = moon_default * rpe / rpm
        out[f"tier{i}_moon_max_minutes"] = moon_max * rpe_high / rpm
        highest = max(highest, moon_max * rpe_high / rpm, average * rpe_high / rpm)
        if tier["tier"] == "Tier 4":
            out["tier4_avg_seconds"] = 60 * average * rpe / rpm
    out["moon_max_hours"] = highest / 60

    signals = read_csv("proxies/attribution_signals.csv")
    out["signals_total"] = len(signals)
    out["signals_published"] = sum(r["indicators_published"] == "true" for r in signals)
    out["signals_staff"] = sum(r["names_lab_staff"] == "true" for r in signals)
    prompt = read_csv("proxies/report_prompt.csv")
    out["prompt_concessions"] = sum(r["role"] == "concession" for r in prompt)
    out["prompt_patterns"] = sum(r["role"] == "pattern" for r in prompt)
    searches = [r for r in read_csv("ledger/searches.csv") if r["claim_id"] == "proxy-resellers-train"]
    out["reseller_searches"] = len(searches)
    out["reseller_searches_found"] = sum(r["found"] == "true" for r in searches)

    out["sim_ordinary_accounts"] = int(param("sim-ordinary-accounts")[0])
    out["sim_ordinary_median"] = int(param("sim-ordinary-median")[0])
    out["sim_window_days"] = int(param("sim-window-hours")[0]) // 24
    out["sim_proxy_exits"] = int(param("sim-proxy-exits")[0])
    out["sim_topics"] = int(param("sim-topics")[0])
    out["sim_campaign_topics"] = int(param("sim-campaign-topics")[0])
    out["sim_active_share"] = param("sim-active-share")[0]
    out["sim_false_positive"] = param("sim-false-positive")[0]
    out["sim_mix_default"] = mix_default
    out["sim_mix_high"] = mix_high
    out["sim_accounts_min"] = 10
    out["sim_accounts_max"] = int(accounts)
    out["sim_campaign_per_account_max"] = total / accounts
    out["sim_total_per_account_max"] = total / accounts / (1 - mix_default)
    for name, pid in SENSITIVITY:
        _, low, high = param(pid)
        out[f"sens_{name}_low_value"] = low
        out[f"sens_{name}_high_value"] = high
        if name == "spread":
            # top percentile over the median for a log-normal: exp(z99 * sigma)
            z99 = statistics.NormalDist().inv_cdf(0.99)
            out["sens_spread_low_top"] = math.exp(z99 * low)
            out["sens_spread_high_top"] = math.exp(z99 * high)
    return out


def test_every_arithmetic_number_matches_the_csvs(values):
    for key, expected in expected_numbers().items():
        assert key in values, f"{key} is not glued on {PAGE}"
        assert values[key] == pytest.approx(expected), key


SIMULATION_KEYS = {
    "sim_volume_threshold",
    "vol_recall_small",
    "vol_recall_large",
    "cross_recall_small_max",
    "cross_recall_large_min",
    "vol_recall_large_high_mix",
    "vol_last_caught_accounts",
    "cross_from_accounts",
    "sim_false_positive_max",
    "sens_cross_min",
} | {f"sens_{name}_{end}_{what}" for name, _ in SENSITIVITY for end in ("low", "high") for what in ("volume", "cross")}


def test_every_glued_number_is_checked(values):
    numbers = {k for k, v in values.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    unchecked = numbers - set(expected_numbers()) - SIMULATION_KEYS
    assert not unchecked, f"glued numbers without a recomputation: {sorted(unchecked)}"


def test_simulation_numbers_rerun_and_agree_with_the_prose(values):
    from distillbook.chapters.proxies import simulation
    from distillbook.core import data

    expected = expected_numbers()
    cfg = simulation.sim_config(data.load_table("proxies/parameters"))
    total, large, small = expected["exchanges_sum"], expected["sim_accounts_max"], expected["sim_accounts_min"]
    mix, high = expected["sim_mix_default"], expected["sim_mix_high"]
    runs = simulation.simulate(cfg, total, [small, large], sorted({0.0, mix, high}))
    assert values["sim_volume_threshold"] == int(simulation.volume_threshold(cfg))
    assert values["vol_recall_small"] == simulation.recall_at(runs, "per-account volume", small, mix) == 1.0
    assert values["vol_recall_large"] == simulation.recall_at(runs, "per-account volume", large, mix) == 0.0
    assert values["vol_recall_large_high_mix"] == simulation.recall_at(runs, "per-account volume", large, high) == 1.0
    cross = ["shared infrastructure", "synchronised timing", "narrow content"]
    assert (
        values["cross_recall_small_max"]
        == 0.0
        == max(simulation.recall_at(runs, s, small, m) for s in cross for m in (0.0, mix, high))
    )
    assert (
        values["cross_recall_large_min"]
        == 1.0
        == min(simulation.recall_at(runs, s, large, m) for s in cross for m in (0.0, mix, high))
    )
    # the prose: the volume threshold still catches the campaign at some size below the report's,
    # the cross-account signals catch it everywhere from a size no larger than that, and at the
    # report's size a campaign account (with its unrelated traffic) sends less than the threshold
    assert values["cross_from_accounts"] <= values["vol_last_caught_accounts"] < large
    assert expected["sim_total_per_account_max"] < values["sim_volume_threshold"]
    assert values["sim_false_positive_max"] <= cfg.false_positive


FIELDS = {"median": "ordinary_median", "spread": "ordinary_spread", "exits": "proxy_exits"}


def test_sensitivity_numbers_rerun_and_agree_with_the_prose(values):
    from distillbook.chapters.proxies import simulation
    from distillbook.core import data

    expected = expected_numbers()
    cfg = simulation.sim_config(data.load_table("proxies/parameters"))
    cross = ["shared infrastructure", "synchronised timing", "narrow content"]
    lowest = 1.0
    for name, _ in SENSITIVITY:
        ends = [expected[f"sens_{name}_low_value"], expected[f"sens_{name}_high_value"]]
        rerun = simulation.sensitivity(
            cfg,
            expected["exchanges_sum"],
            expected["sim_accounts_max"],
            expected["sim_mix_default"],
            FIELDS[name],
            ends,
        )
        for end, row in zip(("low", "high"), rerun.to_dict("records"), strict=True):
            assert values[f"sens_{name}_{end}_volume"] == row["per-account volume"]
            assert values[f"sens_{name}_{end}_cross"] == min(row[s] for s in cross)
            lowest = min(lowest, min(row[s] for s in cross))
    assert values["sens_cross_min"] == lowest >= 0.95
    # the prose: quieter or less spread-out ordinary accounts would let volume alone catch the campaign
    assert values["sens_median_low_volume"] == 1.0 and values["sens_median_high_volume"] == 0.0
    assert values["sens_spread_low_volume"] == 1.0 and values["sens_spread_high_volume"] == 0.0
