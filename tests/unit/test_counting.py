"""The counting chapter's arithmetic and the checks of the article's section 2.

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


def test_runs_rates_and_capacity_by_hand():
    assert counting.snitchbench_conversations(4, 20, 10) == 800
    assert units.runs_bought(150_000, 32_000) == pytest.approx(4.6875)
    assert units.runs_bought(3_400_000, 2_294 * 38) == pytest.approx(3_400_000 / 87_172)
    assert units.per_day(13_000_000, 30) == pytest.approx(433_333.333, abs=1e-3)
    assert units.per_account(16_550_000, 24_000) == pytest.approx(689.583, abs=1e-3)
    assert counting.daily_capacity(50) == 72_000  # 50 a minute x 1,440 minutes
    assert counting.daily_capacity(50, organisations=24_000) == 72_000 * 24_000
    with pytest.raises(ValueError):
        units.runs_bought(1, 0)
    with pytest.raises(ValueError):
        units.per_day(1, 0)


def test_lowest_sustaining_tier_by_hand():
    tiers = pd.DataFrame(
        {
            "tier": ["Tier 1", "Tier 2", "Tier 3", "Tier 4"],
            "requests_per_minute": [50, 1_000, 2_000, 4_000],
            "monthly_spend_limit_usd": [100, 500, 1_000, 200_000],
        }
    )
    # 160,000 a day at 480 dollars: 30 days cost 14,400, above Tier 2's 500 and Tier 3's 1,000
    assert counting.lowest_sustaining_tier(160_000, 480, tiers) == 4
    assert counting.lowest_sustaining_tier(160_000, 16, tiers) == 2  # 30 x 16 = 480 <= 500
    assert counting.lowest_sustaining_tier(160_000, 7_000, tiers) is None  # 210,000 > 200,000


def test_lowest_tier_by_hand():
    tiers = pd.DataFrame(
        {"tier": ["Tier 4", "Tier 1", "Tier 2", "Tier 3"], "requests_per_minute": [4_000, 50, 1_000, 2_000]}
    )
    assert counting.tier_number("Tier 3") == 3
    assert counting.lowest_tier(72_000, tiers) == 1  # exactly the Tier 1 day
    assert counting.lowest_tier(160_000, tiers) == 2  # 160,000 > 72,000 <= 1,440,000
    assert counting.lowest_tier(4_000 * 1_440 + 1, tiers) is None


def test_cost_and_training_examples_by_hand():
    # a million exchanges of 20,000 input and 1,000 output tokens at 3 and 15 dollars per million
    assert counting.cost_usd(1_000_000, 20_000, 1_000, 3, 15) == pytest.approx(20_000 * 3 + 1_000 * 15)
    assert counting.training_examples(13_000_000, 10, "call") == pytest.approx(1_300_000)
    assert counting.training_examples(13_000_000, 10, "turn") == 13_000_000
    with pytest.raises(ValueError):
        counting.training_examples(1, 0, "call")
    # Haiku-like prices (1 and 5 dollars per million) against dearer ones, 2,000 in and 200 out:
    # 2,000 x 1 + 200 x 5 = 3,000 millionths of a dollar a request
    prices = pd.DataFrame({"model": ["cheap", "dear"], "input_usd_per_mtok": [1, 3], "output_usd_per_mtok": [5, 15]})
    assert counting.cheapest_request(prices, 2_000, 200) == (pytest.approx(0.003), "cheap")
    grid = units.log_grid(1, 365, 25)
    assert grid[0] == pytest.approx(1) and grid[-1] == pytest.approx(365) and len(grid) == 25


def test_calls_range_is_median_min_max():
    frame = pd.DataFrame({"calls_per_task": [38.0, 40.3, 19.8]})
    assert counting.calls_range(frame) == Range(38.0, 19.8, 40.3)


# ---------------------------------------------------------------------------------------------
# Inputs and readings
# ---------------------------------------------------------------------------------------------


def test_inputs_read_from_data():
    inp = inputs()
    # the shared assumptions, and no copy of them left in the chapter's own parameters
    assert inp.moonshot_accounts == Range(500, 200, 999, "accounts")
    assert inp.exchanges_per_example == Range(10, 1, 50, "exchanges per example")
    assert inp.input_tokens == Range(20_000, 2_000, 100_000, "tokens")
    assert inp.output_tokens == Range(1_000, 200, 4_000, "tokens")
    own = set(data.load_table("counting/parameters")["id"])
    assert not own & {"moonshot-accounts", "input-tokens", "output-tokens", "exchanges-per-example"}
    assert (inp.reference_examples, inp.small_examples) == (800_000, 817)
    assert inp.tasks == {"full": 2_294, "verified": 500, "lite": 300}
    assert inp.snitch["models"] == 10 and inp.snitch["claude-models"] == 5
    assert sum(inp.lab_exchanges.values()) == 150_000 + 3_400_000 + 13_000_000


def test_verdicts_depend_on_the_reading_of_exchange():
    inp = inputs()
    table = counting.verdicts_by_reading(inp, data.load_table("ledger/searches")).set_index("claim")
    # a user turn of an agentic task costs 38 calls: 150,000 x 38 = 5,700,000 requests > 160,000
    assert table.loc["count-160k-day", "call"] == "misleading"  # only Tier 4 sustains it
    assert table.loc["count-160k-day", "turn"] == "misleading"
    # 30 runs of 2,294 tasks as user turns are 68,820 exchanges, far short of 3,400,000
    assert table.loc["count-swebench-30", "turn"] == "inaccurate"
    # 150,000 user turns are more than a tenth of 800,000 samples for every lab
    assert table.loc["count-negligible", "turn"] == "inaccurate"
    assert table.loc["count-swebench-tasks"].nunique() == 1


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


def test_swebench_run_flips_with_measured_calls_and_cap(data_copy):
    result = run_check("counting.swebench_run_size", data_copy)
    assert result.verdict == "mostly-accurate"  # 40.3 < 50 <= 250, the step cap
    assert result.numbers["measured_full_run"] == 2_294 * 38
    set_cell(csv_of(data_copy, "counting/step_caps"), "mini-swe-agent-swebench", "cap", "45")  # 50 > 45
    assert run_check("counting.swebench_run_size", data_copy).verdict == "misleading"
    calls = csv_of(data_copy, "counting/agent_calls")
    for row, value in (("gpt-5-2", "55"), ("opus-4-5", "52"), ("gemini-3-pro", "60")):
        set_cell(calls, row, "calls_per_task", value)  # now every average >= 50
    assert run_check("counting.swebench_run_size", data_copy).verdict == "accurate"
    set_cell(csv_of(data_copy, "counting/swebench_tasks"), "full", "tasks", "1500")  # 75,000 vs 115,000
    assert run_check("counting.swebench_run_size", data_copy).verdict == "inaccurate"


def test_swebench_thirty_flips_with_measured_calls_and_tasks(data_copy):
    result = run_check("counting.swebench_thirty_runs", data_copy)
    assert result.verdict == "mostly-accurate"
    assert result.numbers["at_measured"] == 30 * 2_294 * 38  # 2,615,160 < 3,400,000
    assert result.numbers["at_article"] == 30 * 2_294 * 50  # 3,441,000 >= 3,400,000
    assert result.numbers["runs_needed"] == pytest.approx(3_400_000 / (2_294 * 38))  # 39.0 <= 45
    (low,) = result.sensitivity
    assert low.verdict_at_low == "misleading"  # 19.8 calls: 74.9 runs > 45
    assert low.verdict_at_high == "mostly-accurate"  # 40.3 calls: 36.8 runs
    calls = csv_of(data_copy, "counting/agent_calls")
    set_cell(calls, "opus-4-5", "calls_per_task", "60")
    set_cell(calls, "gemini-3-pro", "calls_per_task", "60")  # median 60: 30 x 2,294 x 60 >= 3.4M
    assert run_check("counting.swebench_thirty_runs", data_copy).verdict == "accurate"
    for row in ("opus-4-5", "gemini-3-pro", "gpt-5-2"):
        set_cell(calls, row, "calls_per_task", "25")  # 3.4M / (2,294 x 25) = 59.3 runs > 45
    assert run_check("counting.swebench_thirty_runs", data_copy).verdict == "misleading"
    set_cell(csv_of(data_copy, "counting/swebench_tasks"), "full", "tasks", "2000")  # 30 x 2,000 x 50 = 3.0M
    assert run_check("counting.swebench_thirty_runs", data_copy).verdict == "inaccurate"


def test_snitchbench_flips_with_the_roster(data_copy):
    result = run_check("counting.snitchbench_runs", data_copy)
    assert result.verdict == "inaccurate"
    assert result.numbers["fewest_runs"] == 150_000 / (4 * 20 * 10 * 4 * 10)  # 4.6875
    assert result.numbers["claude_runs"] == 150_000 / (4 * 20 * 5 * 4 * 10)  # 9.375
    assert result.sensitivity[0].verdict_at_low == "inaccurate"  # 46.875 runs at one step
    # twenty models would make a run 64,000 calls: 150,000 / 64,000 = 2.34 runs, inside "2 to 3"
    set_cell(csv_of(data_copy, "counting/snitchbench"), "models", "value", "20")
    assert run_check("counting.snitchbench_runs", data_copy).verdict == "accurate"


def test_daily_requests_flips_with_tiers_spend_and_deepseek(data_copy):
    result = run_check("counting.daily_requests", data_copy)
    assert result.verdict == "misleading"
    assert result.numbers["tier_needed"] == 2  # 1,000 a minute >= 111
    # Claude Haiku 4.5 at 2,000 input and 200 output tokens: 160,000 x 0.003 = 480 dollars a day
    assert result.numbers["daily_cost"] == pytest.approx(480)
    assert result.numbers["tier_days_of_spend"] == pytest.approx(500 / 480)
    assert result.numbers["tier_sustained"] == 4  # 30 x 480 = 14,400 > 1,000
    assert result.numbers["average_rpm"] == pytest.approx(160_000 / 1_440)
    assert all(s.holds("misleading") for s in result.sensitivity)
    tiers = csv_of(data_copy, "shared/rate_limits")
    set_cell(tiers, "Tier 2", "monthly_spend_limit_usd", "20000", key="tier")  # 14,400 <= 20,000
    assert run_check("counting.daily_requests", data_copy).verdict == "mostly-accurate"
    set_cell(tiers, "Tier 1", "requests_per_minute", "200", key="tier")  # 288,000 a day
    set_cell(tiers, "Tier 1", "monthly_spend_limit_usd", "20000", key="tier")
    assert run_check("counting.daily_requests", data_copy).verdict == "accurate"
    set_cell(csv_of(data_copy, "shared/allegation"), "exchanges-deepseek", "value", "200000")
    assert run_check("counting.daily_requests", data_copy).verdict == "misleading"
    for tier in ("Tier 1", "Tier 2", "Tier 3", "Tier 4"):
        set_cell(tiers, tier, "requests_per_minute", "100", key="tier")  # 144,000 a day at most
    assert run_check("counting.daily_requests", data_copy).verdict == "inaccurate"


def test_amplification_flips_with_calls_and_cap(data_copy):
    result = run_check("counting.amplification", data_copy)
    assert result.verdict == "accurate"
    assert result.sensitivity[0].verdict_at_low == "mostly-accurate"  # 19.8 < 24
    set_cell(csv_of(data_copy, "counting/step_caps"), "mini-swe-agent-swebench", "cap", "150")  # < 200
    assert run_check("counting.amplification", data_copy).verdict == "mostly-accurate"
    for row in ("opus-4-5", "gemini-3-pro", "gpt-5-2"):
        set_cell(csv_of(data_copy, "counting/agent_calls"), row, "calls_per_task", "10")  # < 12
    assert run_check("counting.amplification", data_copy).verdict == "misleading"


def test_negligible_flips_with_the_yardsticks_and_the_shared_assumption(data_copy):
    result = run_check("counting.negligible", data_copy)
    assert result.verdict == "misleading"
    # ten exchanges an example: 15,000 < 80,000 (a tenth of 800,000) <= 340,000 and 1,300,000
    assert result.numbers["deepseek_examples"] == pytest.approx(15_000)
    assert result.numbers["moonshot_examples"] == pytest.approx(340_000)
    assert result.numbers["minimax_examples_high"] == pytest.approx(13_000_000 / 50)  # 260,000
    assert result.numbers["deepseek_small_multiple"] == pytest.approx(15_000 / 817)
    assert result.numbers["negligible_labs"] == 1
    per_example, share = result.sensitivity
    assert per_example.verdict_at_low == "inaccurate"  # one exchange: 150,000 >= 80,000
    assert per_example.verdict_at_high == "misleading"  # fifty: 3,000 and 68,000 < 80,000 <= 260,000
    assert share.holds("misleading")
    sets = csv_of(data_copy, "shared/reference_sets")
    set_cell(sets, "deepseek-r1-distill", "examples", "100000000")  # a tenth is 10M > 1,300,000
    assert run_check("counting.negligible", data_copy).verdict == "mostly-accurate"
    set_cell(sets, "s1k", "examples", "10000000")
    set_cell(sets, "limo", "examples", "10000000")  # 1,300,000 < 10M, the smallest set
    assert run_check("counting.negligible", data_copy).verdict == "accurate"
    for row, value in (("deepseek-r1-distill", "10000"), ("s1k", "1000"), ("limo", "817")):
        set_cell(sets, row, "examples", value)  # a tenth is 1,000 < 15,000
    assert run_check("counting.negligible", data_copy).verdict == "inaccurate"


def test_negligible_reads_the_shared_exchanges_per_example(data_copy):
    shared = csv_of(data_copy, "shared/assumptions")
    set_cell(shared, "exchanges-per-example", "default", "1")  # 150,000 >= 80,000: none small
    set_cell(shared, "exchanges-per-example", "low", "1")
    assert run_check("counting.negligible", data_copy).verdict == "inaccurate"


def test_per_lab_figure_flips_with_figure_and_hedge(data_copy):
    result = run_check("counting.per_lab_figure", data_copy)
    assert result.verdict == "mostly-accurate"  # "about" for "over"
    set_cell(
        csv_of(data_copy, "ledger/claims"), "count-per-lab", "quote", "DeepSeek: accused of over 150,000 exchanges"
    )
    assert run_check("counting.per_lab_figure", data_copy).verdict == "accurate"
    set_cell(csv_of(data_copy, "shared/allegation"), "exchanges-deepseek", "value", "200000")
    assert run_check("counting.per_lab_figure", data_copy).verdict == "inaccurate"


@pytest.mark.parametrize(
    "claim_id, check, row",
    [
        ("count-minimax-products", "counting.minimax_products", "minimax-products-1"),
        ("count-pivot", "counting.pivot", "pivot-1"),
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
