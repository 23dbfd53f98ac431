"""Every number glued on chapters/proxies, recomputed from the CSVs with the csv module.

The arithmetic is redone here by hand, including the least of the three rate limits (requests,
input tokens, output tokens a minute). The simulation's outputs cannot be recomputed without the
simulation, so they are checked by rerunning the runs they come from (each run's seed depends only
on its size) and by checking the relations the prose states."""

from __future__ import annotations

import math

import pytest

from conftest import glued, read_csv

PAGE = "chapters/proxies"


@pytest.fixture(scope="module")
def values() -> dict:
    return glued(PAGE)


def rows_by_id(name: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in read_csv(name)}


def param(pid: str, table: str = "proxies/parameters.csv") -> tuple[float, float, float]:
    row = rows_by_id(table)[pid]
    return float(row["default"]), float(row["low"]), float(row["high"])


def rate(tier: dict[str, str], tokens_in: float, tokens_out: float, cached: float) -> float:
    """Requests a minute one organisation may send: the least of its three limits."""
    return min(
        float(tier["requests_per_minute"]),
        float(tier["input_tokens_per_minute"]) / (tokens_in * (1 - cached)),
        float(tier["output_tokens_per_minute"]) / tokens_out,
    )


def expected_numbers() -> dict[str, object]:
    allegation = rows_by_id("shared/allegation.csv")
    deepseek = float(allegation["exchanges-deepseek"]["value"])
    moonshot = float(allegation["exchanges-moonshot"]["value"])
    minimax = float(allegation["exchanges-minimax"]["value"])
    total = deepseek + moonshot + minimax
    accounts = float(allegation["accounts-total"]["value"])
    network = float(allegation["proxy-network-accounts"]["value"])
    shared = "shared/assumptions.csv"
    m_default, m_low, m_high = param("moonshot-accounts", shared)
    _, overlap_low, overlap_high = param("network-overlap")
    _, _, rpe_high = param("requests-per-exchange")
    tin, _, tin_high = param("input-tokens", shared)
    tout, _, tout_high = param("output-tokens", shared)
    cached, _, cached_high = param("cached-input-share", shared)
    days, days_low, days_high = param("campaign-days", "counting/parameters.csv")

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
        "input_tokens": int(tin),
        "output_tokens": int(tout),
        "input_tokens_high": int(tin_high),
        "cached_high": cached_high,
        "rpe_high": int(rpe_high),
        "window_default": int(days),
    }
    average, moon_default, moon_fewest = total / accounts, moonshot / m_default, moonshot / m_low
    tiers = sorted(read_csv("shared/rate_limits.csv"), key=lambda row: int(row["tier"].split()[-1]))
    for i, tier in enumerate(tiers, start=1):
        r = rate(tier, tin, tout, cached)
        out[f"tier{i}_rate"] = r
        out[f"tier{i}_avg_hours"] = average / r / 60
        out[f"tier{i}_moon_hours"] = moon_default / r / 60
        out[f"tier{i}_moon_fewest_hours"] = moon_fewest / r / 60
    entry, top = rate(tiers[0], tin, tout, cached), rate(tiers[-1], tin, tout, cached)
    # the most tokens, none cached, but no more than the entry tier's token buckets hold: a heavier
    # request is never admitted (the bucket is replenished only "up to your maximum limit")
    itpm, otpm = float(tiers[0]["input_tokens_per_minute"]), float(tiers[0]["output_tokens_per_minute"])
    slow = rate(tiers[0], min(tin_high, itpm), min(tout_high, otpm), 0.0)
    out["slow_entry_tokens"] = int(min(tin_high, itpm))
    out["entry_average_hours"] = average / entry / 60
    out["top_average_minutes"] = average / top
    out["entry_moonshot_days"] = moon_default / entry / 1_440
    out["entry_moonshot_fewest_days"] = moon_fewest / entry / 1_440
    out["many_requests_days"] = moon_fewest * rpe_high / entry / 1_440
    out["slowest_days"] = moon_fewest * rpe_high / slow / 1_440
    out["needed_month"] = math.ceil(average / entry * accounts / (days * 1_440))
    out["needed_short"] = math.ceil(average / entry * accounts / (days_low * 1_440))
    out["needed_slow_month"] = math.ceil(average * rpe_high / slow * accounts / (days * 1_440))
    out["needed_slow_short"] = math.ceil(average * rpe_high / slow * accounts / (days_low * 1_440))

    signals = read_csv("proxies/attribution_signals.csv")
    attribution = [r for r in signals if r["kind"] == "attribution"]
    out["signals_total"] = len(attribution)
    out["signals_published"] = sum(r["indicators_published"] == "true" for r in attribution)
    out["signals_staff"] = sum(r["names_lab_staff"] == "true" for r in attribution)
    out["signals_confirmed"] = sum(r["confirmed_publicly"] == "true" for r in attribution)
    out["signals_coordination"] = sum(r["kind"] == "coordination" for r in signals)
    out["signals_general"] = sum(r["lab"] == "all three labs" for r in attribution)
    out["signals_lab_specific"] = len(attribution) - out["signals_general"]
    out["gtig_prompts"] = int(rows_by_id("shared/accusations.csv")["google-gtig"]["volume"])
    prompt = read_csv("proxies/report_prompt.csv")
    out["prompt_concessions"] = sum(r["role"] == "concession" for r in prompt)
    out["prompt_patterns"] = sum(r["role"] == "pattern" for r in prompt)
    out["prompt_documented"] = sum(r["role"] == "pattern" and r["documented"] == "true" for r in prompt)
    searches = [r for r in read_csv("ledger/searches.csv") if r["claim_id"] == "proxy-resellers-train"]
    targeted = {" ".join(r["query"].casefold().split()): r for r in searches if r["kind"] == "targeted"}
    out["reseller_searches_recorded"] = len(searches)
    out["reseller_searches_counted"] = len(targeted)
    out["reseller_searches_found"] = sum(r["found"] == "true" for r in targeted.values())

    out["sim_ordinary_accounts"] = int(param("sim-ordinary-accounts")[0])
    out["sim_ordinary_median"] = int(param("sim-ordinary-median")[0])
    out["sim_window_days"] = int(days)
    out["sim_weekly_exchanges"] = total * min(1.0, 7 / days)
    out["sim_schedule_share"] = param("sim-schedule-share")[0]
    out["sim_accounts_per_exit"] = int(param("sim-accounts-per-exit")[0])
    out["sim_false_positive"] = param("sim-false-positive")[0]
    out["sim_per_account_week"] = total * min(1.0, 7 / days) / accounts
    out["sim_window_high"] = int(days_high)
    out["sim_topic_rank_high"] = int(param("sim-topic-rank")[2])
    out["sim_accounts_per_exit_high"] = int(param("sim-accounts-per-exit")[2])
    out["sim_mix_high"] = param("sim-mix-share")[2]
    return out


def test_every_arithmetic_number_matches_the_csvs(values):
    for key, expected in expected_numbers().items():
        assert key in values, f"{key} is not glued on {PAGE}"
        assert values[key] == pytest.approx(expected), key


#: Glued numbers that come out of the simulation, checked by rerunning it below.
SIMULATION_KEYS = {
    "sim_campaign_share",
    "sim_campaign_share_short",
    "sim_sample",
    "sim_volume_threshold",
    "vol_last_caught",
    "vol_crossover",
    "moon_week_default",
    "moon_week_fewest",
    "content_first_caught",
    "sens_assumptions",
    "report_volume",
    "report_infrastructure",
    "report_timing",
    "report_content",
}


def test_every_glued_number_is_checked(values):
    numbers = {k for k, v in values.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    unchecked = numbers - set(expected_numbers()) - SIMULATION_KEYS
    assert not unchecked, f"glued numbers without a recomputation: {sorted(unchecked)}"


def test_simulation_numbers_rerun_and_agree_with_the_prose(values):
    from distillbook.chapters.proxies import simulation
    from distillbook.core import data
    from distillbook.core.params import parameter

    expected = expected_numbers()
    ranges = simulation.assumption_ranges(
        data.load_table("proxies/parameters"), parameter(data.load_table("counting/parameters"), "campaign-days")
    )
    assert values["sens_assumptions"] == len(ranges)
    cfg = simulation.sim_config(ranges)
    total, accounts = expected["exchanges_sum"], expected["accounts_total"]
    at_report = simulation.run(cfg, total, accounts)
    for signal in simulation.SIGNALS:
        assert values[f"report_{signal.split()[-1]}"] == at_report[signal], signal
    ordinary = simulation.population(cfg).volume
    weekly = total * min(1.0, 7 / cfg.window_days)
    assert values["sim_campaign_share"] == pytest.approx(weekly / (weekly + ordinary.sum()))  # no mixing by default
    assert values["sim_campaign_share_short"] == pytest.approx(total / (total + ordinary.sum()))
    assert values["sim_volume_threshold"] == pytest.approx(sorted(ordinary)[math.ceil(0.99 * (len(ordinary) - 1))])
    # the prose: volume catches the campaign up to some size below the report's and misses it at
    # the next size up and at the report's; narrow content catches it from some size on, yet
    # misses it at the report's size, where each account sends less than the busiest ordinary ones
    last, first = values["vol_last_caught"], values["content_first_caught"]
    grid = simulation.sizes_grid(accounts)
    above = grid[grid.index(last) + 1]
    assert simulation.run(cfg, total, last)["per-account volume"] >= 0.5
    assert simulation.run(cfg, total, above)["per-account volume"] < 0.5
    assert simulation.run(cfg, total, first)["narrow content"] >= 0.5
    assert first < accounts and values["report_content"] < 0.5
    assert expected["sim_per_account_week"] < values["sim_volume_threshold"]
    assert abs(values["report_timing"] - cfg.schedule_share) < 0.1
    # the volume crossover is the weekly campaign divided by the threshold, between two grid sizes
    assert values["vol_crossover"] == pytest.approx(weekly / values["sim_volume_threshold"])
    assert last <= values["vol_crossover"] < above
    # one Moonshot account's week: its exchanges over the window, a week of them
    moon_default = expected["exchanges_moonshot"] / expected["moonshot_accounts_default"]
    moon_fewest = expected["exchanges_moonshot"] / expected["moonshot_accounts_low"]
    assert values["moon_week_default"] == pytest.approx(moon_default * min(1.0, 7 / cfg.window_days))
    assert values["moon_week_fewest"] == pytest.approx(moon_fewest * min(1.0, 7 / cfg.window_days))
    assert values["moon_week_fewest"] > values["sim_volume_threshold"]


def test_the_detector_sentences_name_the_reruns_that_flip_them(values):
    from distillbook.chapters.proxies import simulation

    assert values["sentence_infrastructure"].endswith(f"{simulation.LABELS['accounts_per_exit']} at 1.")
    assert simulation.LABELS["schedule_share"] + " at 0%" in values["sentence_timing"]
    assert simulation.LABELS["topic_rank"] in values["sentence_content"]
