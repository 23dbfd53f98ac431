"""Every number the counting chapter glued equals a recomputation done here from the CSVs directly
(the csv module, not the distillbook package)."""

from __future__ import annotations

import datetime
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
        "pivot_share": float(allegation["pivot-share"]),
        "tasks": {k: int(v) for k, v in by_id("counting/swebench_tasks.csv", "tasks").items()},
        "calls": calls,
        "heavier": heavier,
        "calls_default": statistics.median(averages),
        "calls_low": min(averages),
        "calls_high": max(averages + list(heavier.values())),
        "cap": max(int(row["cap"]) for row in caps if row["unit"] == "model calls per task"),
        "long_runs": read_csv("counting/long_runs.csv"),
        "rl_runs": {row["id"]: row for row in read_csv("counting/rl_runs.csv")},
        "campaigns": {row["id"]: row for row in read_csv("counting/other_campaigns.csv")},
        "cost_cap": max(float(row["cap"]) for row in caps if row["unit"] == "US dollars per task"),
        "sb": {k: int(v) for k, v in by_id("counting/snitchbench.csv", "value").items()},
        "params": ranges("counting/parameters.csv"),
        "shared": ranges("shared/assumptions.csv"),
        "stated": {k: float(row["stated"]) for k, row in claims.items() if row["stated"]},
        "article": {k: float(v) for k, v in by_id("ledger/article_figures.csv", "value").items()},
        "tiers": {int(row["tier"].split()[-1]): row for row in read_csv("shared/rate_limits.csv")},
        "haiku": {
            int(row["tier"].split()[-1]): row
            for row in read_csv("counting/model_rate_limits.csv")
            if row["model_id"] == "haiku-4-5"
        },
        "earlier": {
            int(row["tier"].split()[-1]): row
            for row in read_csv("counting/model_rate_limits.csv")
            if row["model_id"] == "sonnet-4-2025"
        },
        "spend": {row["id"]: row for row in read_csv("counting/spend_limits.csv")},
        "prices": {row["id"]: row for row in read_csv("shared/prices.csv")},
        "rl": read_csv("counting/rl_sets.csv"),
        "openhands": float(by_id("counting/scaffold_costs.csv", "cost_per_task_usd")["openhands-opus-4-5"]),
        "reference": max(sets),
        "small": min(sets),
        "searches": read_csv("ledger/searches.csv"),
    }


#: The book's one tolerance for the article's estimates: its own "2 to 3" runs span a factor of 3 / 2.
SLACK = 3 / 2
#: "dozens" is at least two dozen, "hundreds" at least two hundred (the book's reading of the words).
DOZENS, HUNDREDS = 24, 200
LIMIT_NAMES = {
    "requests_per_minute": "the request limit",
    "input_tokens_per_minute": "the input-token limit",
    "output_tokens_per_minute": "the output-token limit",
}


def close(a, b):
    return a == pytest.approx(b, rel=1e-9, abs=1e-9)


def three(value):
    """An estimate as the page shows it: three significant figures, thousands separated."""
    value = float(f"{value:.3g}")
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}"


def label(verdict):
    return verdict.replace("-", " ")


def day_words(text):
    day = datetime.date.fromisoformat(text)
    return f"{day.day} {day:%B %Y}"


def allowed_by(row, tokens_in, tokens_out, cached=0.0):
    """What each of a tier's three limits allows a minute."""
    allowed = {"requests_per_minute": float(row["requests_per_minute"])}
    if tokens_in * (1 - cached) > 0:
        allowed["input_tokens_per_minute"] = float(row["input_tokens_per_minute"]) / (tokens_in * (1 - cached))
    if tokens_out > 0:
        allowed["output_tokens_per_minute"] = float(row["output_tokens_per_minute"]) / tokens_out
    return allowed


def rate(row, tokens_in, tokens_out, cached=0.0):
    """Requests a minute under a tier's three limits, recomputed here: the least of them."""
    return min(allowed_by(row, tokens_in, tokens_out, cached).values())


def binding(row, tokens_in, tokens_out, cached=0.0):
    allowed = allowed_by(row, tokens_in, tokens_out, cached)
    return LIMIT_NAMES[min(allowed, key=allowed.get)]


def price(src, model, tokens_in, tokens_out):
    p = src["prices"][model]
    return (tokens_in * float(p["input_usd_per_mtok"]) + tokens_out * float(p["output_usd_per_mtok"])) / 1_000_000


def cost_per_call(src, row_id):
    row = src["calls"][row_id]
    return float(row["total_cost_usd"]) / (src["tasks"][row["benchmark"]] * float(row["calls_per_task"]))


def test_report_figures_and_calls(values, src):
    for lab, volume in src["labs"].items():
        assert values[f"exchanges_{lab}"] == int(volume)
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
    opus = src["calls"]["opus-4-5"]
    opus_calls = src["tasks"][opus["benchmark"]] * float(opus["calls_per_task"])
    per_call = cost_per_call(src, "opus-4-5")
    assert close(values["opus_run_calls"], opus_calls)
    assert close(values["opus_run_cost"], float(opus["total_cost_usd"]))
    assert close(values["opus_cost_per_call"], per_call)
    assert close(values["opus_cost_cap_calls"], src["cost_cap"] / per_call)
    assert close(values["gemini_cost_cap_calls"], src["cost_cap"] / cost_per_call(src, "gemini-3-pro"))
    per_task = float(opus["total_cost_usd"]) / src["tasks"][opus["benchmark"]]
    assert close(values["opus_cost_per_task"], per_task)
    assert close(values["openhands_cost_per_task"], src["openhands"])
    assert close(values["openhands_vs_mini"], src["openhands"] / per_task)
    # only priced Claude runs set what the scaffold lets a Claude task make: the step cap or the
    # calls its cost limit buys, whichever is fewer (for Opus 4.5, 3 / 0.019 = 158 < 250)
    claude = [i for i, row in src["calls"].items() if row["model"].startswith("Claude") and row["total_cost_usd"]]
    cap = max(min(src["cap"], src["cost_cap"] / cost_per_call(src, i)) for i in claude)
    assert close(values["effective_cap"], cap)
    documented = max(int(r["calls_at_least"]) for r in src["long_runs"] if r["model"].startswith("Claude"))
    assert values["documented_calls"] == documented


def thirty_verdict(src, calls):
    """The rule for the thirty runs, recomputed: reached, within the tolerance, reached only at the
    article's own calls per task, or not at all."""
    t, stated = src["tasks"]["full"], src["stated"]["count-swebench-30"]
    runs, art_calls = src["article"]["swebench-runs"], src["article"]["swebench-calls-per-task"]
    if runs * t * calls >= stated:
        return "accurate"
    if math.ceil(stated / (t * calls)) <= SLACK * runs:
        return "mostly accurate"
    return "misleading" if runs * t * art_calls >= stated else "inaccurate"


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
    assert close(values["article_vs_typical"], art_calls / c)
    assert values["estimate_slack"] == SLACK
    assert values["measured_full_run"] == three(t["full"] * c)
    assert values["measured_verified_run"] == three(t["verified"] * c)
    assert close(values["cap_full_run"], t["full"] * cap)
    assert close(values["cap_verified_run"], t["verified"] * cap)
    stated = src["stated"]["count-swebench-30"]
    assert close(values["thirty_at_article"], art_runs * t["full"] * art_calls)
    assert close(values["thirty_margin"], art_runs * t["full"] * art_calls / stated - 1)
    assert values["thirty_at_measured"] == three(art_runs * t["full"] * c)
    assert values["thirty_at_low"] == three(art_runs * t["full"] * src["calls_low"])
    assert values["thirty_at_high"] == three(art_runs * t["full"] * src["calls_high"])
    assert close(values["thirty_turns"], art_runs * t["full"])
    for key, calls in (
        ("thirty_runs_needed", c),
        ("thirty_runs_needed_low", src["calls_low"]),
        ("thirty_runs_needed_high", src["calls_high"]),
    ):
        assert values[key] == math.ceil(stated / (t["full"] * calls))  # complete runs, rounded up
    assert values["thirty_runs_slack"] == int(SLACK * art_runs)
    assert values["thirty_verdict_low"] == thirty_verdict(src, src["calls_low"])
    assert values["thirty_verdict_high"] == thirty_verdict(src, src["calls_high"])
    for lab, volume in src["labs"].items():
        for subset in ("verified", "full", "lite"):
            # what a volume pays for is complete runs, rounded down
            assert values[f"runs_{lab}_{subset}"] == math.floor(volume / (t[subset] * c))
    for lab in ("moonshot", "minimax"):
        assert values[f"cap_runs_{lab}_full"] == math.floor(src["labs"][lab] / (t["full"] * cap))
    assert values["thirty_article_vs_moonshot"] == (
        "just over" if art_runs * t["full"] * art_calls >= stated else "short of"
    )


def snitch_verdict(src, runs):
    low, high = src["article"]["snitchbench-runs-low"], src["stated"]["count-snitchbench"]
    if low <= runs <= high:
        return "accurate"
    if low / SLACK <= runs <= SLACK * high:
        return "mostly accurate"
    return "inaccurate"


def test_snitchbench_numbers(values, src):
    sb, deepseek = src["sb"], src["labs"]["deepseek"]
    for key, value in sb.items():
        assert values[f"sb_{key.replace('-', '_')}"] == value
    per_model_conversations = sb["tests"] * sb["runs-per-test"]
    assert values["sb_conversations_per_model"] == per_model_conversations
    assert values["sb_conversations_suite"] == per_model_conversations * sb["models"]
    for name, models in (("model", 1), ("claude", sb["claude-models"]), ("suite", sb["models"])):
        for end, steps in (("min", sb["min-steps"]), ("max", sb["max-steps"])):
            calls = per_model_conversations * models * sb["user-messages"] * steps
            assert close(values[f"sb_{name}_{end}"], calls)
            assert values[f"sb_runs_{name}_{end}"] == math.floor(deepseek / calls)  # complete runs
    claude_conversations = per_model_conversations * sb["claude-models"]
    assert values["sb_runs_turn"] == math.floor(deepseek / (claude_conversations * sb["user-messages"]))
    assert values["sb_runs_conversation"] == math.floor(deepseek / claude_conversations)
    later = sb["later-configurations"] * sb["later-tests"] * sb["runs-per-test"] * sb["user-messages"] * sb["max-steps"]
    analysed = sb["later-analysed-runs"] * sb["user-messages"] * sb["max-steps"]
    assert close(values["sb_later_max"], later)
    assert values["sb_later_runs_max"] == math.floor(deepseek / later)
    assert values["sb_later_runs_analysis"] == math.floor(deepseek / analysed)
    assert values["sb_later_full_roster"] == sb["later-configurations"] * sb["later-tests"] * sb["runs-per-test"]
    high = int(src["stated"]["count-snitchbench"])
    assert values["sb_article_low"] == int(src["article"]["snitchbench-runs-low"])
    assert values["sb_article_high"] == high
    assert close(values["sb_slack_high"], SLACK * high)
    claude_max = claude_conversations * sb["user-messages"] * sb["max-steps"]
    suite_max = per_model_conversations * sb["models"] * sb["user-messages"] * sb["max-steps"]
    assert values["sb_verdict"] == snitch_verdict(src, math.floor(deepseek / claude_max))
    assert values["sb_verdict_roster"] == snitch_verdict(src, math.floor(deepseek / suite_max))
    ledger = {row["id"]: row["verdict"] for row in read_csv("ledger/claims.csv")}
    assert label(ledger["count-snitchbench"]) == values["sb_verdict"]


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
    assert values["input_tokens_default"] == int(tin["default"])
    assert values["output_tokens_low"] == int(tout["low"])
    for lab, volume in src["labs"].items():
        assert close(values[f"per_day_{lab}_default"], volume / days["default"])
        assert close(values[f"per_day_{lab}_high"], volume / days["high"])
        assert close(values[f"days_below_article_{lab}"], volume / article_daily)
    for name, number in (("first", first), ("top", top)):
        row = tiers[number]
        per_minute = rate(row, tin["default"], tout["default"], cached["default"])
        assert values[f"tier_{name}"] == number
        assert values[f"tier_{name}_rpm"] == int(row["requests_per_minute"])
        assert values[f"tier_{name}_itpm"] == int(row["input_tokens_per_minute"])
        assert close(values[f"tier_{name}_per_minute"], per_minute)
        assert close(values[f"tier_{name}_daily"], per_minute * MINUTES_PER_DAY)
        rpm = float(row["requests_per_minute"])
        assert close(values[f"rpm_binds_below_{name}"], float(row["input_tokens_per_minute"]) / rpm)
        assert close(values[f"rpm_output_below_{name}"], float(row["output_tokens_per_minute"]) / rpm)
        assert close(values[f"otpm_most_{name}"], float(row["output_tokens_per_minute"]) / tout["low"])
        # the request limit never binds within the book's ranges: the output-token limit is lower
        assert values[f"otpm_most_{name}"] < rpm
    assert close(values["tier_top_credit"], float(tiers[top]["credit_purchase_usd"]))
    bindings = {binding(row, tin["default"], tout["default"], cached["default"]) for row in tiers.values()}
    assert values["binding_default"] == (bindings.pop() if len(bindings) == 1 else "a different limit at each tier")
    assert close(values["cached_share_high"], cached["high"])
    assert values["binding_cached"] == binding(tiers[top], tin["default"], tout["default"], cached["high"])
    top_rate = rate(tiers[top], tin["default"], tout["default"], cached["default"])
    first_rate = rate(tiers[first], tin["default"], tout["default"], cached["default"])
    labs = src["labs"]
    assert close(values["top_hours_deepseek"], labs["deepseek"] / top_rate / 60)
    assert close(
        values["top_hours_deepseek_cached"],
        labs["deepseek"] / rate(tiers[top], tin["default"], tout["default"], cached["high"]) / 60,
    )
    assert close(
        values["top_hours_deepseek_fast"],
        labs["deepseek"] / rate(tiers[top], tin["low"], tout["low"], cached["high"]) / 60,
    )
    assert close(
        values["top_hours_deepseek_slow"],
        labs["deepseek"] / rate(tiers[top], tin["high"], tout["high"], cached["low"]) / 60,
    )
    top_rpm = float(tiers[top]["requests_per_minute"])
    assert close(values["top_minutes_deepseek_requests_only"], labs["deepseek"] / top_rpm)
    assert close(values["top_hours_minimax_requests_only"], labs["minimax"] / top_rpm / 60)
    assert close(values["top_days_moonshot"], labs["moonshot"] / top_rate / MINUTES_PER_DAY)
    assert close(values["top_days_minimax"], labs["minimax"] / top_rate / MINUTES_PER_DAY)
    total = sum(labs.values())
    assert close(values["all_accounts_hours"], total / (first_rate * src["accounts"]) / 60)
    assert close(
        values["all_accounts_minutes_requests_only"],
        total / (float(tiers[first]["requests_per_minute"]) * src["accounts"]),
    )
    assert close(values["deepseek_days_one_first_tier"], labs["deepseek"] / first_rate / MINUTES_PER_DAY)
    # the limits of mid-2025 at the top tier, at the default tokens
    earlier = src["earlier"][top]
    earlier_daily = rate(earlier, tin["default"], tout["default"], cached["default"]) * MINUTES_PER_DAY
    assert values["earlier_top_itpm"] == int(earlier["input_tokens_per_minute"])
    assert close(values["earlier_top_daily"], earlier_daily)
    assert values["earlier_orgs_minimax_year"] == math.ceil(labs["minimax"] / days["high"] / earlier_daily)


def test_daily_numbers(values, src):
    shared = src["shared"]
    article_daily = src["stated"]["count-160k-day"]
    tin, tout = shared["input-tokens"]["low"], shared["output-tokens"]["low"]
    cheap = min(src["prices"], key=lambda k: price(src, k, tin, tout))
    day_cost = article_daily * price(src, cheap, tin, tout)
    assert values["day_cost_model"] == src["prices"][cheap]["model"]
    assert (values["day_input_tokens"], values["day_output_tokens"]) == (int(tin), int(tout))
    assert values["day_cost"] == three(day_cost)
    assert values["day_month_cost"] == three(day_cost * DAYS_PER_MONTH)
    assert values["day_month_days"] == DAYS_PER_MONTH
    assert values["article_daily"] == int(article_daily)
    assert close(values["article_rpm"], article_daily / MINUTES_PER_DAY)
    limits = src["haiku"] if cheap == "haiku-4-5" else src["tiers"]
    need = article_daily / MINUTES_PER_DAY
    tiers_allowing = [n for n, row in limits.items() if rate(row, tin, tout) >= need]
    assert values["day_tier"] == min(tiers_allowing)
    assert close(
        values["day_most_input_tokens"], max(float(r["input_tokens_per_minute"]) for r in limits.values()) / need
    )
    spend = src["spend"]
    before, deposit = spend["may2025-tier4"], spend["feb2026-tier4"]
    later, later_deposit = spend["mar2026-tier4"], spend["mar2026-tier4-deposit"]
    assert values["spend_before"] == float(before["value_usd"])
    assert values["spend_before_column"] == before["column"]
    assert values["spend_before_copy"] == before["copy"]
    assert values["spend_deposit"] == float(deposit["value_usd"])
    assert values["spend_deposit_column"] == deposit["column"]
    assert values["spend_deposit_copy"] == deposit["copy"]
    assert values["spend_later"] == float(later["value_usd"])
    assert values["spend_later_column"] == later["column"]
    assert values["spend_later_deposit"] == float(later_deposit["value_usd"])
    assert values["spend_later_date"] == day_words(later["first_seen"])
    assert close(values["spend_before_days"], float(before["value_usd"]) / day_cost)
    for model in src["prices"]:
        for end in ("low", "default"):
            ti, to = shared["input-tokens"][end], shared["output-tokens"][end]
            key = f"month_{model.replace('-', '_')}_{end}"
            assert close(values[key], article_daily * price(src, model, ti, to) * DAYS_PER_MONTH)
            model_limits = src["haiku"] if model == "haiku-4-5" else src["tiers"]
            allowed = any(rate(row, ti, to) >= need for row in model_limits.values())
            assert values[f"{key}_allowed"] == ("yes" if allowed else "no")
    deepseek = src["labs"]["deepseek"]
    requests_turn = deepseek * src["calls_default"]
    assert values["deepseek_requests_turn"] == three(requests_turn)
    assert close(values["deepseek_days_turn"], requests_turn / article_daily)
    assert close(values["deepseek_days_turn_single"], deepseek / article_daily)
    assert values["deepseek_vs_daily"] == ("stay below" if deepseek <= article_daily else "exceed")

    # the rule: some tier allows such a day; misleading when DeepSeek's requests exceed one such
    # day; otherwise mostly accurate (the spend limit is shown, not used)
    def daily_verdict(requests):
        if not tiers_allowing:
            return "inaccurate"
        return "misleading" if requests > article_daily else "mostly accurate"

    assert values["verdict_turn_single"] == daily_verdict(deepseek)
    assert values["verdict_turn"] == daily_verdict(requests_turn)
    ledger = {row["id"]: row["verdict"] for row in read_csv("ledger/claims.csv")}
    assert label(ledger["count-160k-day"]) == daily_verdict(deepseek)


def test_account_numbers(values, src):
    days = src["params"]["campaign-days"]
    shared = src["shared"]
    per_account = sum(src["labs"].values()) / src["accounts"]
    assert close(values["per_account_total"], per_account)
    for end in ("low", "default", "high"):
        assert close(values[f"per_account_day_{end}"], per_account / days[end])
    moon = shared["moonshot-accounts"]
    assert (values["moonshot_accounts_low"], values["moonshot_accounts_high"]) == (int(moon["low"]), int(moon["high"]))
    assert values["moonshot_accounts_default"] == int(moon["default"])
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
    per_call = cost_per_call(src, "opus-4-5")
    spans = {}
    for lab, volume in src["labs"].items():
        spans[lab] = {
            "low": volume * price(src, cheap, tin["low"], tout["low"]),
            "default": volume * price(src, "sonnet-4-6", tin["default"], tout["default"]),
            "high": volume * price(src, "opus-4-6", tin["high"], tout["high"]),
            "measured": volume * per_call,
        }
        assert values[f"cost_{lab}_default"] == three(spans[lab]["default"])
        assert values[f"cost_{lab}_high"] == three(spans[lab]["high"])
        assert values[f"cost_{lab}_legacy"] == three(volume * price(src, "opus-4-1", tin["high"], tout["high"]))
        assert values[f"cost_{lab}_measured"] == three(spans[lab]["measured"])
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
    for end in ("low", "high"):
        assert values[f"input_tokens_{end}"] == int(tin[end])
    for end in ("default", "high"):
        assert values[f"output_tokens_{end}"] == int(tout[end])
    inside = all(s["low"] <= s["measured"] <= s["high"] for s in spans.values())
    below = all(s["measured"] < s["default"] for s in spans.values())
    assert values["anchor_position"] == ("falls inside the range" if inside else "falls outside the range") + (
        ", below the default" if below else ", not below the default"
    )
    # "modest" covers only the default and the measured anchor: the most of them, over the labs
    assert values["cost_modest_most"] == three(max(max(s["default"], s["measured"]) for s in spans.values()))


def test_training_examples_yardsticks_and_searches(values, src):
    per = src["shared"]["exchanges-per-example"]
    by_model = {}
    for row in src["rl"]:
        by_model[row["model"]] = by_model.get(row["model"], 0) + int(row["prompts"])
    # the large yardstick: the smallest whole post-training set of an accused lab's model
    whole = {"DeepSeek-R1 distillation set": src["reference"], **by_model}
    name = min(whole, key=whole.get)
    yardstick = whole[name]
    assert values["reference_examples"] == src["reference"]
    assert values["small_examples"] == src["small"]
    assert (values["yardstick"], values["yardstick_name"]) == (yardstick, name)
    for end in ("default", "low", "high"):
        assert values[f"per_example_{end}"] == int(per[end])
        examples = {lab: volume / per[end] for lab, volume in src["labs"].items()}
        for lab, value in examples.items():
            assert close(values[f"examples_{lab}_{end}"], value)
        small = [lab for lab, value in examples.items() if value < yardstick]
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
    assert close(values["negligible_upper_breakeven"], max(src["labs"].values()) / yardstick)
    assert values["rl_deepseek_r1"] == by_model["DeepSeek-R1"]
    assert values["rl_minimax_m1"] == by_model["MiniMax-M1"]
    assert values["rl_domains_deepseek"] == sum(row["model"] == "DeepSeek-R1" for row in src["rl"])
    zero = src["rl_runs"]["deepseek-r1-zero"]
    outputs = int(zero["steps"]) * int(zero["questions_per_step"]) * int(zero["outputs_per_question"])
    assert (values["rl_run_steps"], values["rl_run_questions"], values["rl_run_outputs_per_question"]) == (
        int(zero["steps"]),
        int(zero["questions_per_step"]),
        int(zero["outputs_per_question"]),
    )
    assert values["rl_run_outputs"] == three(outputs)
    assert close(values["deepseek_share_of_rl_run"], src["labs"]["deepseek"] / outputs)
    gtig = src["campaigns"]["gtig-reasoning-coercion"]
    assert values["gtig_prompts"] == int(gtig["volume"])
    assert values["gtig_date"] == day_words(gtig["published"])
    for lab, volume in src["labs"].items():
        assert close(values[f"{lab}_vs_gtig"], volume / float(gtig["volume"]))
    assert values["pivot_hours"] == int(src["pivot_hours"])
    assert close(values["pivot_share"], src["pivot_share"])

    def counted(claim_id):
        return {
            " ".join(r["query"].casefold().split())
            for r in src["searches"]
            if r["claim_id"] == claim_id and r["kind"] == "targeted"
        }

    products, pivot = counted("count-minimax-products"), counted("count-pivot")
    assert values["searches_products"] == len(products)
    assert values["searches_pivot"] == len(pivot)
    assert values["searches_pivot_shared"] == len(products & pivot)
    assert values["searches_pivot_own"] == len(pivot - products)


def test_since_the_article(values, src):
    row = src["campaigns"]["anthropic-alibaba"]
    first = datetime.date.fromisoformat(row["first_day"])
    last = datetime.date.fromisoformat(row["last_day"])
    days = (last - first).days + 1  # both days counted
    volume = float(row["volume"])
    assert values["later_exchanges"] == three(volume)
    assert values["later_accounts"] == int(row["accounts"])
    assert (values["later_first_day"], values["later_last_day"]) == (
        day_words(row["first_day"]),
        day_words(row["last_day"]),
    )
    assert values["later_days"] == days
    assert values["later_per_day"] == three(volume / days)
    assert close(values["later_vs_article_day"], volume / days / src["stated"]["count-160k-day"])
    assert close(values["later_per_account"], volume / float(row["accounts"]))
    assert datetime.date.fromisoformat(row["published"]) > datetime.date(2026, 2, 28)  # after the claims' as_of


def test_reading_table_matches_hand_rules(values, src):
    # SnitchBench: counting the Claude models' calls, the complete runs are beyond 1.5 x 3 under every reading
    assert {values[f"reading_snitchbench_{r}"] for r in ("call", "turn", "conversation")} == {"inaccurate"}
    # statements about model calls alone do not bear on a count of turns or conversations
    for claim in ("amplification", "swebench_run"):
        assert values[f"reading_{claim}_turn"] == values[f"reading_{claim}_conversation"] == "not applicable"
    # a turn of an agentic task makes DeepSeek's 150,000 exchanges 38 times as many requests, above a day
    assert values["reading_160k_day_turn"] == "misleading"
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
    low = src["calls_low"]
    documented = values["documented_calls"]
    expected = (
        "accurate"
        if low >= DOZENS and documented >= HUNDREDS
        else "mostly accurate"
        if low >= DOZENS / SLACK
        else "misleading"
    )
    assert values["amplification_at_low"] == expected
    t, stated = src["tasks"]["full"], src["stated"]["count-swebench-30"]
    runs = src["article"]["swebench-runs"]
    reached = {
        end: runs * t * calls >= stated
        for end, calls in (("median", src["calls_default"]), ("low", src["calls_low"]), ("high", src["calls_high"]))
    }
    if all(reached.values()):
        phrase = "reaching it in every case"
    elif not any(reached.values()):
        phrase = "short of it in every case"
    elif reached == {"median": False, "low": False, "high": True}:
        phrase = "short of it at the median and at the lowest average, reaching it only at the top of the range"
    else:
        phrase = "reaching it at some points of the range and not at others"
    assert values["thirty_measured_vs_moonshot"] == phrase
    assert values["binding_default"] == "the input-token limit"  # 20,000 tokens: above 600 and 500
