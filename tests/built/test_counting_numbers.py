"""Every number the counting chapter glued equals a recomputation done here from the CSVs directly
(the csv module, not the distillbook package)."""

from __future__ import annotations

import math
import statistics

import pytest

from conftest import glued, read_csv

DOC = "chapters/counting"
MINUTES_PER_DAY = 24 * 60


@pytest.fixture(scope="module")
def values():
    return glued(DOC)


@pytest.fixture(scope="module")
def src():
    """The CSVs this page reads, as plain numbers keyed by id."""

    def by_id(name, column, key="id"):
        return {row[key]: row[column] for row in read_csv(name)}

    allegation = by_id("shared/allegation.csv", "value")
    params = {
        row["id"]: {k: float(row[k]) for k in ("default", "low", "high")} for row in read_csv("counting/parameters.csv")
    }
    shared = {
        row["id"]: {k: float(row[k]) for k in ("default", "low", "high")} for row in read_csv("shared/assumptions.csv")
    }
    sets = [int(row["examples"]) for row in read_csv("shared/reference_sets.csv")]
    claims = {row["id"]: row for row in read_csv("ledger/claims.csv")}
    calls = {row["id"]: row for row in read_csv("counting/agent_calls.csv")}
    averages = [float(row["calls_per_task"]) for row in calls.values()]
    return {
        "labs": {
            "deepseek": float(allegation["exchanges-deepseek"]),
            "moonshot": float(allegation["exchanges-moonshot"]),
            "minimax": float(allegation["exchanges-minimax"]),
        },
        "accounts": float(allegation["accounts-total"]),
        "pivot_hours": float(allegation["pivot-hours"]),
        "tasks": {k: int(v) for k, v in by_id("counting/swebench_tasks.csv", "tasks").items()},
        "calls": calls,
        "calls_default": statistics.median(averages),
        "calls_low": min(averages),
        "calls_high": max(averages),
        "cap": max(int(row["cap"]) for row in read_csv("counting/step_caps.csv")),
        "sb": {k: int(v) for k, v in by_id("counting/snitchbench.csv", "value").items()},
        "params": params,
        "shared": shared,
        "stated": {k: float(row["stated"]) for k, row in claims.items() if row["stated"]},
        "article": {k: float(v) for k, v in by_id("ledger/article_figures.csv", "value").items()},
        "tiers": {int(row["tier"].split()[-1]): row for row in read_csv("shared/rate_limits.csv")},
        "prices": {row["id"]: row for row in read_csv("shared/prices.csv")},
        "reference": max(sets),
        "small": min(sets),
        "searches": read_csv("ledger/searches.csv"),
    }


def close(a, b):
    return a == pytest.approx(b, rel=1e-9, abs=1e-9)


def test_report_figures_and_calls(values, src):
    for lab, volume in src["labs"].items():
        assert values[f"exchanges_{lab}"] == int(volume)
    assert values["exchanges_sum"] == int(sum(src["labs"].values()))
    assert values["accounts_total"] == int(src["accounts"])
    assert close(values["calls_default"], src["calls_default"])
    assert close(values["calls_low"], src["calls_low"])
    assert close(values["calls_high"], src["calls_high"])
    assert values["step_cap"] == src["cap"]
    assert values["measured_runs"] == len(src["calls"])
    for row_id, row in src["calls"].items():
        assert close(values[f"calls_{row_id.replace('-', '_')}"], float(row["calls_per_task"]))
    opus = src["calls"]["opus-4-5"]
    opus_calls = src["tasks"][opus["benchmark"]] * float(opus["calls_per_task"])
    assert close(values["opus_run_calls"], opus_calls)
    assert close(values["opus_run_cost"], float(opus["total_cost_usd"]))
    assert close(values["opus_cost_per_call"], float(opus["total_cost_usd"]) / opus_calls)


def test_swebench_numbers(values, src):
    t, c, cap = src["tasks"], src["calls_default"], src["cap"]
    art_calls, art_runs = src["article"]["swebench-calls-per-task"], src["article"]["swebench-runs"]
    assert (values["full_tasks"], values["verified_tasks"], values["lite_tasks"]) == (
        t["full"],
        t["verified"],
        t["lite"],
    )
    assert values["article_calls"] == art_calls and values["article_runs"] == int(art_runs)
    assert close(values["article_product"], src["stated"]["count-swebench-tasks"] * art_calls)
    assert close(values["source_product"], t["full"] * art_calls)
    assert close(values["measured_full_run"], t["full"] * c)
    assert close(values["measured_verified_run"], t["verified"] * c)
    assert close(values["cap_full_run"], t["full"] * cap)
    assert close(values["cap_verified_run"], t["verified"] * cap)
    assert close(values["thirty_at_article"], art_runs * t["full"] * art_calls)
    assert close(values["thirty_at_measured"], art_runs * t["full"] * c)
    assert close(values["thirty_at_low"], art_runs * t["full"] * src["calls_low"])
    assert close(values["thirty_at_high"], art_runs * t["full"] * src["calls_high"])
    assert close(values["thirty_turns"], art_runs * t["full"])
    for lab, volume in src["labs"].items():
        for subset in ("verified", "full", "lite"):
            assert close(values[f"runs_{lab}_{subset}"], volume / (t[subset] * c))
    for lab in ("moonshot", "minimax"):
        assert close(values[f"cap_runs_{lab}_verified"], src["labs"][lab] / (t["verified"] * cap))
        assert close(values[f"cap_runs_{lab}_full"], src["labs"][lab] / (t["full"] * cap))
    stated = src["stated"]["count-swebench-30"]
    assert values["thirty_article_vs_moonshot"] == (
        "just over" if art_runs * t["full"] * art_calls >= stated else "short of"
    )


def test_snitchbench_numbers(values, src):
    sb, deepseek = src["sb"], src["labs"]["deepseek"]
    for key, value in sb.items():
        assert values[f"sb_{key.replace('-', '_')}"] == value
    per_model_conversations = sb["tests"] * sb["runs-per-test"]
    assert values["sb_conversations_per_model"] == per_model_conversations
    assert values["sb_conversations_suite"] == per_model_conversations * sb["models"]
    for label, models in (("model", 1), ("claude", sb["claude-models"]), ("suite", sb["models"])):
        for end, steps in (("min", sb["min-steps"]), ("max", sb["max-steps"])):
            calls = per_model_conversations * models * sb["user-messages"] * steps
            assert close(values[f"sb_{label}_{end}"], calls)
            assert close(values[f"sb_runs_{label}_{end}"], deepseek / calls)
    assert close(values["sb_runs_turn"], deepseek / (per_model_conversations * sb["models"] * sb["user-messages"]))
    assert close(values["sb_runs_conversation"], deepseek / (per_model_conversations * sb["models"]))
    assert values["sb_article_low"] == int(src["article"]["snitchbench-runs-low"])
    assert values["sb_article_high"] == int(src["stated"]["count-snitchbench"])


def test_time_numbers(values, src):
    days = src["params"]["campaign-days"]
    tiers = src["tiers"]
    first, top = min(tiers), max(tiers)
    rpm_first, rpm_top = int(tiers[first]["requests_per_minute"]), int(tiers[top]["requests_per_minute"])
    article_daily = src["stated"]["count-160k-day"]
    assert (values["days_low"], values["days_default"], values["days_high"]) == (
        int(days["low"]),
        int(days["default"]),
        int(days["high"]),
    )
    for lab, volume in src["labs"].items():
        assert close(values[f"per_day_{lab}_default"], volume / days["default"])
        assert close(values[f"per_day_{lab}_high"], volume / days["high"])
        assert close(values[f"days_below_article_{lab}"], volume / article_daily)
    assert (values["tier_first"], values["tier_top"]) == (first, top)
    assert (values["tier_first_rpm"], values["tier_top_rpm"]) == (rpm_first, rpm_top)
    assert close(values["tier_first_daily"], rpm_first * MINUTES_PER_DAY)
    assert close(values["tier_top_daily"], rpm_top * MINUTES_PER_DAY)
    assert close(values["top_tier_minutes_deepseek"], src["labs"]["deepseek"] / rpm_top)
    assert close(values["top_tier_hours_minimax"], src["labs"]["minimax"] / rpm_top / 60)
    assert close(values["all_accounts_minutes"], sum(src["labs"].values()) / (rpm_first * src["accounts"]))
    assert values["article_daily"] == int(article_daily)
    assert close(values["article_rpm"], article_daily / MINUTES_PER_DAY)
    requests_turn = src["labs"]["deepseek"] * src["calls_default"]
    assert close(values["deepseek_requests_turn"], requests_turn)
    assert close(values["deepseek_days_turn"], requests_turn / article_daily)
    assert values["deepseek_vs_daily"] == ("stay below" if src["labs"]["deepseek"] <= article_daily else "exceed")
    # a day of the article's requests at the cheapest model and the fewest shared tokens
    tin, tout = src["shared"]["input-tokens"]["low"], src["shared"]["output-tokens"]["low"]
    per_request = {
        k: (tin * float(p["input_usd_per_mtok"]) + tout * float(p["output_usd_per_mtok"])) / 1_000_000
        for k, p in src["prices"].items()
    }
    cheap = min(per_request, key=per_request.get)
    day_cost = article_daily * per_request[cheap]
    assert values["day_cost_model"] == src["prices"][cheap]["model"]
    assert (values["day_input_tokens"], values["day_output_tokens"]) == (int(tin), int(tout))
    assert close(values["day_cost"], day_cost)
    assert close(values["day_month_cost"], day_cost * values["day_month_days"])
    tier = min(n for n, row in tiers.items() if int(row["requests_per_minute"]) * MINUTES_PER_DAY >= article_daily)
    assert values["day_tier"] == tier
    assert close(values["day_tier_spend"], float(tiers[tier]["monthly_spend_limit_usd"]))
    assert close(values["day_tier_days"], float(tiers[tier]["monthly_spend_limit_usd"]) / day_cost)
    sustained = min(
        n
        for n, row in tiers.items()
        if int(row["requests_per_minute"]) * MINUTES_PER_DAY >= article_daily
        and float(row["monthly_spend_limit_usd"]) >= day_cost * values["day_month_days"]
    )
    assert values["day_tier_sustained"] == sustained


def test_account_numbers(values, src):
    days = src["params"]["campaign-days"]
    per_account = sum(src["labs"].values()) / src["accounts"]
    assert close(values["per_account_total"], per_account)
    for label in ("low", "default", "high"):
        assert close(values[f"per_account_day_{label}"], per_account / days[label])
    moon = src["shared"]["moonshot-accounts"]
    assert (values["moonshot_accounts_low"], values["moonshot_accounts_high"]) == (int(moon["low"]), int(moon["high"]))
    most, least = src["labs"]["moonshot"] / moon["low"], src["labs"]["moonshot"] / moon["high"]
    assert close(values["moonshot_per_account_most"], most)
    assert close(values["moonshot_per_account_least"], least)
    assert close(values["moonshot_per_account_day_most"], most / days["default"])
    assert close(values["moonshot_per_account_day_least"], least / days["default"])


def test_cost_numbers(values, src):
    tin, tout = src["shared"]["input-tokens"], src["shared"]["output-tokens"]
    prices = {
        k: (float(p["input_usd_per_mtok"]), float(p["output_usd_per_mtok"]), p["model"])
        for k, p in src["prices"].items()
    }
    per_exchange = lambda key, end: (tin[end] * prices[key][0] + tout[end] * prices[key][1]) / 1_000_000  # noqa: E731
    cheap = min(prices, key=lambda k: per_exchange(k, "low"))
    dear = max(prices, key=lambda k: per_exchange(k, "high"))
    opus = src["calls"]["opus-4-5"]
    per_call = float(opus["total_cost_usd"]) / (src["tasks"][opus["benchmark"]] * float(opus["calls_per_task"]))
    for lab, volume in src["labs"].items():
        assert close(values[f"cost_{lab}_low"], volume * per_exchange(cheap, "low"))
        assert close(values[f"cost_{lab}_default"], volume * per_exchange("sonnet-4-6", "default"))
        assert close(values[f"cost_{lab}_high"], volume * per_exchange(dear, "high"))
        assert close(values[f"cost_{lab}_measured"], volume * per_call)
    assert (values["cost_low_model"], values["cost_default_model"], values["cost_high_model"]) == (
        prices[cheap][2],
        prices["sonnet-4-6"][2],
        prices[dear][2],
    )
    for end in ("low", "default", "high"):
        assert values[f"input_tokens_{end}"] == int(tin[end])
        assert values[f"output_tokens_{end}"] == int(tout[end])


def test_training_examples_and_searches(values, src):
    share = src["params"]["negligible-share"]["default"]
    per = src["shared"]["exchanges-per-example"]
    assert values["reference_examples"] == src["reference"]
    assert values["small_examples"] == src["small"]
    assert close(values["negligible_share"], share)
    assert close(values["yardstick"], share * src["reference"])
    for end in ("default", "low", "high"):
        assert values[f"per_example_{end}"] == int(per[end])
        examples = {lab: volume / per[end] for lab, volume in src["labs"].items()}
        for lab, value in examples.items():
            assert close(values[f"examples_{lab}_{end}"], value)
        small = [lab for lab, value in examples.items() if value < share * src["reference"]]
        tiny = [lab for lab, value in examples.items() if value < src["small"]]
        verdict = (
            "accurate"
            if len(tiny) == 3
            else "mostly accurate"
            if len(small) == 3
            else "misleading"
            if small
            else "inaccurate"
        )
        assert values[f"negligible_verdict_{end}"] == verdict
    assert values["pivot_hours"] == int(src["pivot_hours"])
    assert values["searches_products"] == sum(
        1 for row in src["searches"] if row["claim_id"] == "count-minimax-products"
    )


def test_reading_table_matches_hand_rules(values, src):
    # SnitchBench: the fewest runs under every reading is above the article's upper figure of 3
    assert {values[f"reading_snitchbench_{r}"] for r in ("call", "turn", "conversation")} == {"inaccurate"}
    # the claim boxes use the model-call reading: the table's first column is the ledger's verdict
    ledger = {
        row["id"]: row["verdict"].replace("-", " ")
        for row in read_csv("ledger/claims.csv")
        if row["chapter"] == "counting"
    }
    for claim_id, verdict in ledger.items():
        assert values[f"reading_{claim_id.replace('count-', '').replace('-', '_')}_call"] == verdict
    assert not any(isinstance(v, float) and math.isnan(v) for v in values.values())


def test_glued_phrases_follow_the_numbers(values, src):
    low, cap = src["calls_low"], src["cap"]
    expected = "accurate" if low >= 24 and cap >= 200 else "mostly accurate" if low >= 12 else "misleading"
    assert values["amplification_at_low"] == expected
    t, stated = src["tasks"]["full"], src["stated"]["count-swebench-30"]
    runs = src["article"]["swebench-runs"]
    ends = [runs * t * c for c in (src["calls_default"], src["calls_low"], src["calls_high"])]
    phrase = (
        "short of it in every case"
        if max(ends) < stated
        else "reaching it in at least one case"
        if min(ends) < stated
        else "reaching it in every case"
    )
    assert values["thirty_measured_vs_moonshot"] == phrase
    for key, c in (
        ("thirty_runs_needed", src["calls_default"]),
        ("thirty_runs_needed_low", src["calls_low"]),
        ("thirty_runs_needed_high", src["calls_high"]),
    ):
        assert close(values[key], stated / (t * c))
    inside = all(
        values[f"cost_{lab}_low"] <= values[f"cost_{lab}_measured"] <= values[f"cost_{lab}_high"] for lab in src["labs"]
    )
    below = all(values[f"cost_{lab}_measured"] < values[f"cost_{lab}_default"] for lab in src["labs"])
    assert values["anchor_position"] == ("falls inside the range" if inside else "falls outside the range") + (
        ", below the default" if below else ", not below the default"
    )
