"""Every number the counting chapter glued equals a recomputation done here from the CSVs directly
(the csv module, not the distillbook package)."""

from __future__ import annotations

import math
import statistics

import pytest

from conftest import glued, read_csv

DOC = "chapters/counting"
MINUTES_PER_DAY = 24 * 60
DAYS_PER_MONTH = 30


@pytest.fixture(scope="module")
def values():
    return glued(DOC)


def ranges(name):
    return {row["id"]: {k: float(row[k]) for k in ("default", "low", "high")} for row in read_csv(name)}


@pytest.fixture(scope="module")
def src():
    """The CSVs this page reads, as plain numbers keyed by id."""

    def by_id(name, column, key="id"):
        return {row[key]: row[column] for row in read_csv(name)}

    allegation = by_id("shared/allegation.csv", "value")
    sets = [int(row["examples"]) for row in read_csv("shared/reference_sets.csv")]
    claims = {row["id"]: row for row in read_csv("ledger/claims.csv")}
    calls = {row["id"]: row for row in read_csv("counting/agent_calls.csv")}
    heavier = {row["id"]: float(row["steps_per_task"]) for row in read_csv("counting/heavier_scaffolds.csv")}
    averages = [float(row["calls_per_task"]) for row in calls.values()]
    caps = read_csv("counting/step_caps.csv")
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
        "heavier": heavier,
        "calls_default": statistics.median(averages),
        "calls_low": min(averages),
        "calls_high": max(averages + list(heavier.values())),
        "cap": max(int(row["cap"]) for row in caps if row["unit"] == "model calls per task"),
        "cost_cap": max(float(row["cap"]) for row in caps if row["unit"] == "US dollars per task"),
        "sb": {k: int(v) for k, v in by_id("counting/snitchbench.csv", "value").items()},
        "params": ranges("counting/parameters.csv"),
        "shared": ranges("shared/assumptions.csv"),
        "stated": {k: float(row["stated"]) for k, row in claims.items() if row["stated"]},
        "article": {k: float(v) for k, v in by_id("ledger/article_figures.csv", "value").items()},
        "tiers": {int(row["tier"].split()[-1]): row for row in read_csv("shared/rate_limits.csv")},
        "haiku": {int(row["tier"].split()[-1]): row for row in read_csv("counting/model_rate_limits.csv")},
        "spend": {row["id"]: row for row in read_csv("counting/spend_limits.csv")},
        "prices": {row["id"]: row for row in read_csv("shared/prices.csv")},
        "rl": read_csv("counting/rl_sets.csv"),
        "openhands": float(by_id("counting/scaffold_costs.csv", "cost_per_task_usd")["openhands-opus-4-5"]),
        "reference": max(sets),
        "small": min(sets),
        "searches": read_csv("ledger/searches.csv"),
    }


def close(a, b):
    return a == pytest.approx(b, rel=1e-9, abs=1e-9)


def rate(row, tokens_in, tokens_out, cached=0.0):
    """Requests a minute under a tier's three limits, recomputed here."""
    allowed = [float(row["requests_per_minute"])]
    if tokens_in * (1 - cached) > 0:
        allowed.append(float(row["input_tokens_per_minute"]) / (tokens_in * (1 - cached)))
    if tokens_out > 0:
        allowed.append(float(row["output_tokens_per_minute"]) / tokens_out)
    return min(allowed)


def price(src, model, tokens_in, tokens_out):
    p = src["prices"][model]
    return (tokens_in * float(p["input_usd_per_mtok"]) + tokens_out * float(p["output_usd_per_mtok"])) / 1_000_000


def test_report_figures_and_calls(values, src):
    for lab, volume in src["labs"].items():
        assert values[f"exchanges_{lab}"] == int(volume)
    assert values["exchanges_sum"] == int(sum(src["labs"].values()))
    assert values["accounts_total"] == int(src["accounts"])
    assert close(values["calls_default"], src["calls_default"])
    assert close(values["calls_low"], src["calls_low"])
    assert close(values["calls_high"], src["calls_high"])
    assert values["step_cap"] == src["cap"]
    assert close(values["cost_cap"], src["cost_cap"])
    assert values["measured_runs"] == len(src["calls"])
    assert values["unchecked_runs"] == sum(row["checked"] == "false" for row in src["calls"].values())
    for row_id, row in src["calls"].items():
        assert close(values[f"calls_{row_id.replace('-', '_')}"], float(row["calls_per_task"]))
    for row_id, steps in src["heavier"].items():
        assert close(values[f"heavier_{row_id.replace('-', '_')}"], steps)
    opus, gemini = src["calls"]["opus-4-5"], src["calls"]["gemini-3-pro"]
    opus_calls = src["tasks"][opus["benchmark"]] * float(opus["calls_per_task"])
    per_call = float(opus["total_cost_usd"]) / opus_calls
    gemini_per_call = float(gemini["total_cost_usd"]) / (
        src["tasks"][gemini["benchmark"]] * float(gemini["calls_per_task"])
    )
    assert close(values["opus_run_calls"], opus_calls)
    assert close(values["opus_run_cost"], float(opus["total_cost_usd"]))
    assert close(values["opus_cost_per_call"], per_call)
    assert close(values["opus_cost_cap_calls"], src["cost_cap"] / per_call)
    assert close(values["gemini_cost_cap_calls"], src["cost_cap"] / gemini_per_call)
    per_task = float(opus["total_cost_usd"]) / src["tasks"][opus["benchmark"]]
    assert close(values["openhands_vs_mini"], src["openhands"] / per_task)
    cap = max(min(src["cap"], src["cost_cap"] / p) for p in (per_call, gemini_per_call))
    assert close(values["effective_cap"], cap)


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
    stated = src["stated"]["count-swebench-30"]
    for key, calls in (
        ("thirty_runs_needed", c),
        ("thirty_runs_needed_low", src["calls_low"]),
        ("thirty_runs_needed_high", src["calls_high"]),
    ):
        assert values[key] == math.ceil(stated / (t["full"] * calls))  # complete runs, rounded up
    for lab, volume in src["labs"].items():
        for subset in ("verified", "full", "lite"):
            assert close(values[f"runs_{lab}_{subset}"], volume / (t[subset] * c))
    for lab in ("moonshot", "minimax"):
        assert close(values[f"cap_runs_{lab}_verified"], src["labs"][lab] / (t["verified"] * cap))
        assert close(values[f"cap_runs_{lab}_full"], src["labs"][lab] / (t["full"] * cap))
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
    later = sb["later-configurations"] * sb["later-tests"] * sb["runs-per-test"] * sb["user-messages"] * sb["max-steps"]
    analysed = sb["later-analysed-runs"] * sb["user-messages"] * sb["max-steps"]
    assert close(values["sb_later_max"], later)
    assert close(values["sb_later_runs_max"], deepseek / later)
    assert close(values["sb_later_runs_analysis"], deepseek / analysed)
    assert values["sb_later_full_roster"] == sb["later-configurations"] * sb["later-tests"] * sb["runs-per-test"]
    high = int(src["stated"]["count-snitchbench"])
    per_test_run = sb["later-configurations"] * sb["later-tests"] * sb["user-messages"] * sb["max-steps"]
    assert close(values["sb_later_breakeven_runs"], deepseek / (high * per_test_run))
    assert values["sb_article_low"] == int(src["article"]["snitchbench-runs-low"])
    assert values["sb_article_high"] == high


def test_time_numbers(values, src):
    days = src["params"]["campaign-days"]
    shared = src["shared"]
    tin, tout, cached = shared["input-tokens"], shared["output-tokens"], shared["cached-input-share"]
    tiers = src["tiers"]
    first, top = min(tiers), max(tiers)
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
    for label, number in (("first", first), ("top", top)):
        row = tiers[number]
        per_minute = rate(row, tin["default"], tout["default"], cached["default"])
        assert values[f"tier_{label}"] == number
        assert values[f"tier_{label}_rpm"] == int(row["requests_per_minute"])
        assert values[f"tier_{label}_itpm"] == int(row["input_tokens_per_minute"])
        assert close(values[f"tier_{label}_per_minute"], per_minute)
        assert close(values[f"tier_{label}_daily"], per_minute * MINUTES_PER_DAY)
        below = float(row["input_tokens_per_minute"]) / float(row["requests_per_minute"])
        assert close(values[f"rpm_binds_below_{label}"], below)
        assert close(values[f"cache_share_rpm_{label}"], max(0.0, 1 - below / tin["default"]))
    top_rate = rate(tiers[top], tin["default"], tout["default"], cached["default"])
    first_rate = rate(tiers[first], tin["default"], tout["default"], cached["default"])
    labs = src["labs"]
    assert close(values["top_hours_deepseek"], labs["deepseek"] / top_rate / 60)
    assert close(
        values["top_hours_deepseek_fast"],
        labs["deepseek"] / rate(tiers[top], tin["low"], tout["low"], cached["high"]) / 60,
    )
    assert close(
        values["top_hours_deepseek_slow"],
        labs["deepseek"] / rate(tiers[top], tin["high"], tout["high"], cached["low"]) / 60,
    )
    assert close(
        values["top_minutes_deepseek_requests_only"], labs["deepseek"] / float(tiers[top]["requests_per_minute"])
    )
    assert close(values["top_days_moonshot"], labs["moonshot"] / top_rate / MINUTES_PER_DAY)
    assert close(values["top_days_minimax"], labs["minimax"] / top_rate / MINUTES_PER_DAY)
    total = sum(labs.values())
    assert close(values["all_accounts_hours"], total / (first_rate * src["accounts"]) / 60)
    assert close(
        values["all_accounts_minutes_requests_only"],
        total / (float(tiers[first]["requests_per_minute"]) * src["accounts"]),
    )
    assert close(values["deepseek_days_one_first_tier"], labs["deepseek"] / first_rate / MINUTES_PER_DAY)


def test_daily_numbers(values, src):
    shared = src["shared"]
    article_daily = src["stated"]["count-160k-day"]
    tin, tout = shared["input-tokens"]["low"], shared["output-tokens"]["low"]
    cheap = min(src["prices"], key=lambda k: price(src, k, tin, tout))
    day_cost = article_daily * price(src, cheap, tin, tout)
    assert values["day_cost_model"] == src["prices"][cheap]["model"]
    assert (values["day_input_tokens"], values["day_output_tokens"]) == (int(tin), int(tout))
    assert close(values["day_cost"], day_cost)
    assert close(values["day_month_cost"], day_cost * DAYS_PER_MONTH)
    assert close(values["article_rpm"], article_daily / MINUTES_PER_DAY)
    limits = src["haiku"] if cheap == "haiku-4-5" else src["tiers"]
    need = article_daily / MINUTES_PER_DAY
    assert values["day_tier"] == min(n for n, row in limits.items() if rate(row, tin, tout) >= need)
    assert close(
        values["day_most_input_tokens"], max(float(r["input_tokens_per_minute"]) for r in limits.values()) / need
    )
    spend = src["spend"]
    assert values["spend_before"] == float(spend["may2025-tier4"]["value_usd"])
    assert values["spend_before_column"] == spend["may2025-tier4"]["column"]
    assert values["spend_deposit"] == float(spend["feb2026-tier4"]["value_usd"])
    assert values["spend_later"] == float(spend["mar2026-tier4"]["value_usd"])
    assert close(values["spend_before_days"], float(spend["may2025-tier4"]["value_usd"]) / day_cost)
    for model in src["prices"]:
        for end in ("low", "default"):
            ti, to = shared["input-tokens"][end], shared["output-tokens"][end]
            key = f"month_{model.replace('-', '_')}_{end}"
            assert close(values[key], article_daily * price(src, model, ti, to) * DAYS_PER_MONTH)
            model_limits = src["haiku"] if model == "haiku-4-5" else src["tiers"]
            allowed = any(rate(row, ti, to) >= need for row in model_limits.values())
            assert values[f"{key}_allowed"] == ("yes" if allowed else "no")
    requests_turn = src["labs"]["deepseek"] * src["calls_default"]
    assert close(values["deepseek_requests_turn"], requests_turn)
    assert close(values["deepseek_days_turn"], requests_turn / article_daily)
    assert values["deepseek_vs_daily"] == ("stay below" if src["labs"]["deepseek"] <= article_daily else "exceed")
    # the rule: misleading when a month costs more than the limit, else mostly accurate
    for key, limit in (("verdict_before", values["spend_before"]), ("verdict_later", values["spend_later"])):
        assert values[key] == ("misleading" if day_cost * DAYS_PER_MONTH > limit else "mostly accurate")


def test_account_numbers(values, src):
    days = src["params"]["campaign-days"]
    shared = src["shared"]
    per_account = sum(src["labs"].values()) / src["accounts"]
    assert close(values["per_account_total"], per_account)
    for label in ("low", "default", "high"):
        assert close(values[f"per_account_day_{label}"], per_account / days[label])
    moon = shared["moonshot-accounts"]
    assert (values["moonshot_accounts_low"], values["moonshot_accounts_high"]) == (int(moon["low"]), int(moon["high"]))
    most, least = src["labs"]["moonshot"] / moon["low"], src["labs"]["moonshot"] / moon["high"]
    default = src["labs"]["moonshot"] / moon["default"]
    assert close(values["moonshot_per_account_most"], most)
    assert close(values["moonshot_per_account_least"], least)
    assert close(values["moonshot_per_account_default"], default)
    assert close(values["moonshot_per_account_day_most"], most / days["default"])
    assert close(values["moonshot_per_account_day_least"], least / days["default"])
    tin, tout, cached = shared["input-tokens"], shared["output-tokens"], shared["cached-input-share"]
    first, top = src["tiers"][min(src["tiers"])], src["tiers"][max(src["tiers"])]
    at = lambda row: rate(row, tin["default"], tout["default"], cached["default"])  # noqa: E731
    assert close(values["avg_account_hours_first"], per_account / at(first) / 60)
    assert close(values["avg_account_minutes_top"], per_account / at(top))
    assert close(values["moon_account_days_first"], default / at(first) / MINUTES_PER_DAY)
    assert close(values["moon_account_hours_top"], default / at(top) / 60)
    slowest = rate(first, tin["high"], tout["high"], cached["low"])
    fastest = rate(top, tin["low"], tout["low"], cached["high"])
    assert close(values["moon_account_days_first_slowest"], most / slowest / MINUTES_PER_DAY)
    assert close(values["moon_account_minutes_top_fastest"], least / fastest)


def test_cost_numbers(values, src):
    tin, tout = src["shared"]["input-tokens"], src["shared"]["output-tokens"]
    cheap = min(src["prices"], key=lambda k: price(src, k, tin["low"], tout["low"]))
    opus = src["calls"]["opus-4-5"]
    per_call = float(opus["total_cost_usd"]) / (src["tasks"][opus["benchmark"]] * float(opus["calls_per_task"]))
    for lab, volume in src["labs"].items():
        assert close(values[f"cost_{lab}_low"], volume * price(src, cheap, tin["low"], tout["low"]))
        assert close(values[f"cost_{lab}_default"], volume * price(src, "sonnet-4-6", tin["default"], tout["default"]))
        assert close(values[f"cost_{lab}_high"], volume * price(src, "opus-4-6", tin["high"], tout["high"]))
        assert close(values[f"cost_{lab}_legacy"], volume * price(src, "opus-4-1", tin["high"], tout["high"]))
        assert close(values[f"cost_{lab}_measured"], volume * per_call)
    names = {k: p["model"] for k, p in src["prices"].items()}
    assert (values["cost_low_model"], values["cost_default_model"], values["cost_high_model"]) == (
        names[cheap],
        names["sonnet-4-6"],
        names["opus-4-6"],
    )
    assert values["cost_legacy_model"] == names["opus-4-1"]
    ratio = float(src["prices"]["opus-4-1"]["input_usd_per_mtok"]) / float(
        src["prices"]["opus-4-6"]["input_usd_per_mtok"]
    )
    assert close(values["legacy_price_ratio"], ratio)
    for end in ("low", "default", "high"):
        assert values[f"input_tokens_{end}"] == int(tin[end])
        assert values[f"output_tokens_{end}"] == int(tout[end])
    inside = all(
        values[f"cost_{lab}_low"] <= values[f"cost_{lab}_measured"] <= values[f"cost_{lab}_high"] for lab in src["labs"]
    )
    below = all(values[f"cost_{lab}_measured"] < values[f"cost_{lab}_default"] for lab in src["labs"])
    assert values["anchor_position"] == ("falls inside the range" if inside else "falls outside the range") + (
        ", below the default" if below else ", not below the default"
    )


def test_training_examples_yardsticks_and_searches(values, src):
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
    by_model = {}
    for row in src["rl"]:
        by_model[row["model"]] = by_model.get(row["model"], 0) + int(row["prompts"])
    assert values["rl_deepseek_r1"] == by_model["DeepSeek-R1"]
    assert values["rl_minimax_m1"] == by_model["MiniMax-M1"]
    assert values["rl_domains_deepseek"] == sum(row["model"] == "DeepSeek-R1" for row in src["rl"])
    assert values["pivot_hours"] == int(src["pivot_hours"])

    def counted(claim_id):
        return len(
            {
                " ".join(r["query"].casefold().split())
                for r in src["searches"]
                if r["claim_id"] == claim_id and r["kind"] == "targeted"
            }
        )

    assert values["searches_products"] == counted("count-minimax-products")
    assert values["searches_pivot"] == counted("count-pivot")


def test_reading_table_matches_hand_rules(values, src):
    # SnitchBench: the fewest runs under every reading is above the article's upper figure of 3
    assert {values[f"reading_snitchbench_{r}"] for r in ("call", "turn", "conversation")} == {"inaccurate"}
    # statements about model calls alone do not bear on a count of turns or conversations
    for claim in ("amplification", "swebench_run"):
        assert values[f"reading_{claim}_turn"] == values[f"reading_{claim}_conversation"] == "not applicable"
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
    low, cap = src["calls_low"], values["effective_cap"]
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
    assert values["binding_default"] == "the input-token limit"  # 20,000 tokens: above 600 and 500
