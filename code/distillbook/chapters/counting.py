"""The article's section 2: counting exchanges.

The report never says what one "exchange" is, so every count here takes the unit as a parameter,
one of :data:`READINGS`:

* ``call``: one model call (one API request). This is the article's own reading: its worked
  example numbers each round trip of a tool-using agent as one exchange.
* ``turn``: one user turn (a user message and everything the model does before it answers).
* ``conversation``: one whole conversation (a task from its first message to its end).

A benchmark run is modelled as conversations x user turns per conversation x model calls per turn,
where conversations = tasks x runs x models. SWE-bench has one user turn per task (the issue), so
its model calls per turn are its calls per task.

Pure functions first (numbers in, numbers out, units in the docstrings); then the inputs read from
``data/`` (:class:`Inputs`); then one *judge* per ledger claim, which applies the claim's rule under
any reading; then the ``@check`` functions the ledger runs (the verdict under the article's own
reading, with sensitivities); then the chapter's chart builders.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import altair as alt
import pandas as pd

from distillbook.core import reported
from distillbook.core import searches as search_rule
from distillbook.core.allegation import LABS, per_lab_exchanges
from distillbook.core.charts import OKABE_ITO
from distillbook.core.ledger import CheckResult, DataAccess, Edit, Move, Sensitivity, check, threshold
from distillbook.core.params import Range, parameter
from distillbook.core.units import MINUTES_PER_DAY, per_day, runs_bought

#: The three readings of "exchange", with the words the page uses for them.
READINGS: dict[str, str] = {
    "call": "one model call",
    "turn": "one user turn",
    "conversation": "one whole conversation",
}
#: The reading the article itself uses (its worked example counts each model call).
ARTICLE_READING = "call"
#: What the article's words mean as numbers: "dozens" is at least two dozen, "hundreds" at least
#: two hundred.
DOZENS = threshold(
    "dozens",
    24,
    "model calls per task",
    "The book's judgement: the plural of a dozen is at least two dozen, the smallest count the word covers.",
)
HUNDREDS = threshold(
    "hundreds",
    200,
    "model calls per task",
    "The book's judgement: the plural of a hundred is at least two hundred, the smallest count the word covers.",
)
A_DOZEN = threshold(
    "a-dozen",
    12,
    "model calls per task",
    "The book's judgement: at least one dozen calls a task is amplification by an order of magnitude, "
    "short of the plural “dozens”: a detail off rather than wrong.",
)
#: Days in the month over which the API's spend limits run (a calendar month, rounded).
DAYS_PER_MONTH = threshold(
    "days-per-month",
    30,
    "days",
    "The spend limits are monthly; a month is taken as thirty days, a calendar month rounded.",
)
#: How far the article's count of benchmark runs may fall short of the runs actually needed and
#: still count as "a detail off": needing up to half as many runs again leaves its point (a few
#: dozen full runs reach the volume) standing.
RUNS_SLACK = threshold(
    "runs-slack",
    1.5,
    "runs needed per run the article counts",
    "The book's judgement: needing up to half as many runs again as the article says leaves its point "
    "(a few dozen full runs reach the volume) standing, so the count is a detail off; beyond that the "
    "count of runs is wrong.",
)


# ---------------------------------------------------------------------------------------------
# Pure arithmetic
# ---------------------------------------------------------------------------------------------


def exchanges(tasks: float, calls_per_task: float, runs: float = 1, models: float = 1) -> float:
    """Model calls made by ``runs`` runs of ``tasks`` tasks against ``models`` models at
    ``calls_per_task`` calls each (exchanges, in the model-call reading)."""
    if min(tasks, calls_per_task, runs, models) < 0:
        raise ValueError("counts cannot be negative")
    return tasks * calls_per_task * runs * models


def exchanges_per_run(
    conversations: float, turns_per_conversation: float, calls_per_turn: float, reading: str
) -> float:
    """Exchanges in one full benchmark run under a reading of "exchange".

    ``conversations``: conversations per run (tasks x runs x models); ``turns_per_conversation``:
    user messages per conversation; ``calls_per_turn``: model calls per user message.
    Returns exchanges per run (calls, turns or conversations, as the reading says)."""
    if reading == "call":
        return conversations * turns_per_conversation * calls_per_turn
    if reading == "turn":
        return conversations * turns_per_conversation
    if reading == "conversation":
        return float(conversations)
    raise ValueError(f"unknown reading {reading!r}; use one of {', '.join(READINGS)}")


def swebench_run(tasks: float, calls_per_task: float, reading: str = ARTICLE_READING) -> float:
    """Exchanges in one run of a SWE-bench subset (one user turn per task) under a reading."""
    return exchanges_per_run(tasks, 1, calls_per_task, reading)


def snitchbench_conversations(tests: int, runs_per_test: int, models: int) -> int:
    """Conversations in one full SnitchBench run: tests x runs per test x models (conversations)."""
    return tests * runs_per_test * models


def daily_capacity(requests_per_minute: float, organisations: float = 1) -> float:
    """Most requests a day that ``organisations`` organisations can send at a per-minute limit
    (requests/day), ignoring token limits."""
    return requests_per_minute * MINUTES_PER_DAY * organisations


def tier_number(tier: str | int) -> int:
    """The number of a usage tier named as the documentation does ("Tier 2" -> 2)."""
    match = re.search(r"\d+", str(tier))
    if match is None:
        raise ValueError(f"no tier number in {tier!r}")
    return int(match.group())


def by_tier(rate_limits: pd.DataFrame) -> pd.DataFrame:
    """The rate-limit table in tier order, with a ``number`` column (tier number)."""
    frame = rate_limits.assign(number=[tier_number(t) for t in rate_limits["tier"]])
    return frame.sort_values("number").reset_index(drop=True)


def lowest_tier(daily_requests: float, rate_limits: pd.DataFrame) -> int | None:
    """The lowest rate-limit tier whose request limit allows ``daily_requests`` requests a day from
    one organisation (tier number), or None when no tier does."""
    for row in by_tier(rate_limits).itertuples():
        if daily_capacity(row.requests_per_minute) >= daily_requests:
            return int(row.number)
    return None


def cost_usd(
    volume: float, input_tokens: float, output_tokens: float, input_price: float, output_price: float
) -> float:
    """List-price cost of ``volume`` exchanges (US dollars): tokens per exchange times prices in
    US dollars per million tokens. Caching and batch discounts are not applied."""
    return volume * (input_tokens * input_price + output_tokens * output_price) / 1_000_000


def cheapest_request(prices: pd.DataFrame, input_tokens: float, output_tokens: float) -> tuple[float, str]:
    """The list price of one request on the cheapest model in ``prices`` at the given tokens
    (US dollars per request), and that model's name."""
    per_request = (
        prices["input_usd_per_mtok"].astype(float) * input_tokens
        + prices["output_usd_per_mtok"].astype(float) * output_tokens
    ) / 1_000_000
    row = per_request.idxmin()
    return float(per_request[row]), str(prices.loc[row, "model"])


def lowest_sustaining_tier(
    daily_requests: float, daily_cost: float, rate_limits: pd.DataFrame, days: float = DAYS_PER_MONTH
) -> int | None:
    """The lowest tier whose request limit allows ``daily_requests`` requests a day from one
    organisation and whose monthly spend limit (US dollars) covers ``days`` such days at
    ``daily_cost`` dollars a day (tier number), or None when no published tier does."""
    for row in by_tier(rate_limits).itertuples():
        if (
            daily_capacity(row.requests_per_minute) >= daily_requests
            and float(row.monthly_spend_limit_usd) >= daily_cost * days
        ):
            return int(row.number)
    return None


def training_examples(volume: float, exchanges_per_example: float, reading: str) -> float:
    """Distinct training examples a volume of exchanges amounts to (examples).

    In the model-call reading the calls of one conversation or agentic trajectory make one example,
    so the volume is divided by ``exchanges_per_example`` (the shared assumption of that name); a
    user turn or a conversation is one example."""
    if reading == "call":
        if exchanges_per_example <= 0:
            raise ValueError("an example takes at least one exchange")
        return volume / exchanges_per_example
    if reading in READINGS:
        return float(volume)
    raise ValueError(f"unknown reading {reading!r}")


# ---------------------------------------------------------------------------------------------
# Inputs from data/
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Inputs:
    """Every figure the chapter's claims depend on, read from ``data/``."""

    tasks: dict[str, int]  # SWE-bench subset id -> tasks
    calls: Range  # model calls per SWE-bench task (median, min, max measured)
    step_cap: int  # most calls per task a scaffold allows
    snitch: dict[str, int]  # SnitchBench quantity id -> value
    lab_exchanges: dict[str, int]  # lab -> exchanges (report's lower bound)
    lab_qualifier: dict[str, str]  # lab -> the report's hedge word
    accounts_total: int
    moonshot_accounts: Range  # shared assumption (data/shared/assumptions.csv)
    reference_examples: int  # the largest published distillation set (examples)
    small_examples: int  # the smallest published set shown to move benchmarks
    exchanges_per_example: Range  # shared assumption (data/shared/assumptions.csv)
    input_tokens: Range  # shared assumption (data/shared/assumptions.csv), tokens
    output_tokens: Range  # shared assumption (data/shared/assumptions.csv), tokens
    prices: pd.DataFrame  # list prices (US dollars per million tokens)
    negligible_share: Range
    rate_limits: pd.DataFrame
    stated: dict[str, float]  # claim id -> the article's stated figure
    quotes: dict[str, str]  # claim id -> the article's words
    article: dict[str, float]  # article_figures id -> value
    pivot_hours: float
    pivot_share: float


def calls_range(agent_calls: pd.DataFrame) -> Range:
    """Model calls per task: the median of the measured averages as default, their minimum and
    maximum as the range (calls per task)."""
    values = agent_calls["calls_per_task"].astype(float)
    return Range(float(values.median()), float(values.min()), float(values.max()))


def load_inputs(table: Callable[[str], pd.DataFrame]) -> Inputs:
    """Read the chapter's inputs through ``table`` (a page's or a check's table reader)."""
    tasks = table("counting/swebench_tasks")
    snitch = table("counting/snitchbench")
    allegation = table("shared/allegation")
    params = table("counting/parameters")
    shared = table("shared/assumptions")
    sets = table("shared/reference_sets")["examples"].astype(int)
    claims = table("ledger/claims")
    article = table("ledger/article_figures")
    by_lab = per_lab_exchanges(allegation)
    report = allegation.set_index("id")
    return Inputs(
        tasks={row.id: int(row.tasks) for row in tasks.itertuples()},
        calls=calls_range(table("counting/agent_calls")),
        step_cap=int(table("counting/step_caps")["cap"].max()),
        snitch={row.id: int(row.value) for row in snitch.itertuples()},
        lab_exchanges={row.lab: int(row.exchanges) for row in by_lab.itertuples()},
        lab_qualifier={lab: str(report.loc[f"exchanges-{lab.lower()}", "qualifier"]) for lab in LABS},
        accounts_total=int(report.loc["accounts-total", "value"]),
        moonshot_accounts=parameter(shared, "moonshot-accounts"),
        reference_examples=int(sets.max()),
        small_examples=int(sets.min()),
        exchanges_per_example=parameter(shared, "exchanges-per-example"),
        input_tokens=parameter(shared, "input-tokens"),
        output_tokens=parameter(shared, "output-tokens"),
        prices=table("shared/prices"),
        negligible_share=parameter(params, "negligible-share"),
        rate_limits=by_tier(table("shared/rate_limits")),
        stated={row.id: float(row.stated) for row in claims.itertuples() if not pd.isna(row.stated)},
        quotes={row.id: str(row.quote) for row in claims.itertuples()},
        article={row.id: float(row.value) for row in article.itertuples()},
        pivot_hours=float(report.loc["pivot-hours", "value"]),
        pivot_share=float(report.loc["pivot-share", "value"]),
    )


#: Tables :func:`load_inputs` reads (a page that calls it declares them all).
INPUT_TABLES = [
    "counting/swebench_tasks",
    "counting/agent_calls",
    "counting/step_caps",
    "counting/snitchbench",
    "counting/parameters",
    "shared/allegation",
    "shared/assumptions",
    "shared/reference_sets",
    "shared/rate_limits",
    "shared/prices",
    "ledger/claims",
    "ledger/article_figures",
]


# ---------------------------------------------------------------------------------------------
# Derived figures shared by the judges and the page
# ---------------------------------------------------------------------------------------------


def snitchbench_run(inp: Inputs, reading: str, steps: float, models: int | None = None) -> float:
    """Exchanges in one full SnitchBench run of ``models`` models (default: the whole roster) at
    ``steps`` model calls per user message, under a reading."""
    models = inp.snitch["models"] if models is None else models
    conversations = snitchbench_conversations(inp.snitch["tests"], inp.snitch["runs-per-test"], models)
    return exchanges_per_run(conversations, inp.snitch["user-messages"], steps, reading)


def article_snitch_range(inp: Inputs) -> tuple[int, int]:
    """The article's "2 to 3 times": (low, high) full runs."""
    return int(inp.article["snitchbench-runs-low"]), int(inp.stated["count-snitchbench"])


# ---------------------------------------------------------------------------------------------
# Judges: one per claim, any reading
# ---------------------------------------------------------------------------------------------

Judgement = tuple[str, dict]


def judge_per_lab(inp: Inputs, reading: str = ARTICLE_READING) -> Judgement:
    """Rule (the same under every reading): the reported-figure rule
    (:mod:`distillbook.core.reported`) for the article's DeepSeek figure and hedge against the
    report, the document the article credits."""
    judged = reported.judge_reported(
        inp.stated["count-per-lab"],
        reported.hedge_in(inp.quotes["count-per-lab"]),
        reported.Reported(inp.lab_exchanges["DeepSeek"], inp.lab_qualifier["DeepSeek"], "report"),
    )
    figures = {
        "stated_figure": int(inp.stated["count-per-lab"]),
        "report_figure": int(inp.lab_exchanges["DeepSeek"]),
        "report_hedge": inp.lab_qualifier["DeepSeek"],
        "slip": judged.direction,
    }
    return judged.verdict, figures


def judge_swebench_tasks(inp: Inputs, reading: str = ARTICLE_READING) -> Judgement:
    """Rule (every reading): the reported-figure rule (:mod:`distillbook.core.reported`) for the
    article's "about" task count against the full test split's exact count."""
    stated = inp.stated["count-swebench-tasks"]
    full = inp.tasks["full"]
    judged = reported.judge_reported(
        stated, reported.hedge_in(inp.quotes["count-swebench-tasks"]), reported.Reported(full, "", "SWE-bench")
    )
    figures = {
        "full_tasks": full,
        "verified_tasks": inp.tasks["verified"],
        "lite_tasks": inp.tasks["lite"],
        "difference_pct": float(judged.off),
    }
    return judged.verdict, figures


def judge_swebench_run(inp: Inputs, reading: str = ARTICLE_READING) -> Judgement:
    """Rule: a full run at the article's calls per task, counted in the reading, must come within 5%
    of the article's 115,000 or the claim is inaccurate. If it does, the article's calls per task
    ("conservatively") is weighed against the evidence on calls per task:

    * accurate when it is at or below the lowest measured average (truly conservative);
    * mostly-accurate when it is above that but no higher than a scaffold's step cap: the measured
      averages (few, from one minimal scaffold, on the Verified subset) put it on the high side,
      while longer-running scaffolds and Anthropic's report of runs taking hundreds of turns leave
      it within what agents do, so only the word "conservatively" is in doubt;
    * misleading when it is above the step cap (more calls than the scaffold permits a task)."""
    stated = inp.stated["count-swebench-run"]
    article_calls = inp.article["swebench-calls-per-task"]
    full, verified = inp.tasks["full"], inp.tasks["verified"]
    run_at_article = swebench_run(full, article_calls, reading)
    figures = {
        "stated": int(stated),
        "article_calls": float(article_calls),
        "article_tasks": int(inp.stated["count-swebench-tasks"]),
        "article_product": float(inp.stated["count-swebench-tasks"] * article_calls),
        "full_tasks": full,
        "source_product": float(run_at_article),
        "calls_default": inp.calls.default,
        "calls_low": inp.calls.low,
        "calls_high": inp.calls.high,
        "step_cap": inp.step_cap,
        "measured_full_run": float(swebench_run(full, inp.calls.default, reading)),
        "measured_verified_run": float(swebench_run(verified, inp.calls.default, reading)),
    }
    if abs(run_at_article - stated) > reported.CLOSE * stated:
        return "inaccurate", figures
    if article_calls <= inp.calls.low:
        return "accurate", figures
    if article_calls <= inp.step_cap:
        return "mostly-accurate", figures
    return "misleading", figures


def judge_swebench_thirty(inp: Inputs, reading: str = ARTICLE_READING, calls: float | None = None) -> Judgement:
    """Rule: thirty full runs (the article's number) are counted in the reading at the measured calls
    per task (default: the median measured average), and the full runs needed to reach the article's
    3.4 million at that rate are computed.

    * accurate when thirty runs reach it;
    * mostly-accurate when they fall short but the runs needed are at most ``RUNS_SLACK`` times
      thirty (a detail off: a few dozen full runs still reach the volume);
    * misleading when more runs than that are needed but thirty reach it at the article's own calls
      per task;
    * inaccurate when thirty fall short even at the article's calls per task."""
    calls = inp.calls.default if calls is None else calls
    stated = inp.stated["count-swebench-30"]
    article_calls = inp.article["swebench-calls-per-task"]
    runs = inp.article["swebench-runs"]
    full, verified = inp.tasks["full"], inp.tasks["verified"]
    at_measured = runs * swebench_run(full, calls, reading)
    at_article = runs * swebench_run(full, article_calls, reading)
    needed = runs_bought(stated, swebench_run(full, calls, reading))
    figures = {
        "stated": int(stated),
        "article_runs": int(runs),
        "article_calls": float(article_calls),
        "calls_default": float(calls),
        "at_measured": float(at_measured),
        "at_article": float(at_article),
        "runs_needed": float(needed),
        "runs_slack": float(RUNS_SLACK * runs),
        "verified_runs_needed": float(runs_bought(stated, swebench_run(verified, calls, reading))),
    }
    if at_measured >= stated:
        return "accurate", figures
    if needed <= RUNS_SLACK * runs:
        return "mostly-accurate", figures
    if at_article >= stated:
        return "misleading", figures
    return "inaccurate", figures


def judge_snitchbench(inp: Inputs, reading: str = ARTICLE_READING, steps: float | None = None) -> Judgement:
    """Rule: the fewest full runs DeepSeek's exchanges could pay for is taken with every model of the
    default roster counted as if it were Claude and every user message using the step cap (the
    count most favourable to the article). Accurate when that number lies within the article's
    "2 to 3"; inaccurate otherwise."""
    steps = inp.snitch["max-steps"] if steps is None else steps
    volume = inp.lab_exchanges["DeepSeek"]
    low, high = article_snitch_range(inp)
    suite = snitchbench_run(inp, reading, steps)
    fewest = runs_bought(volume, suite)
    figures = {
        "deepseek": int(volume),
        "conversations": snitchbench_conversations(
            inp.snitch["tests"], inp.snitch["runs-per-test"], inp.snitch["models"]
        ),
        "messages": inp.snitch["user-messages"],
        "max_steps": int(steps),
        "models": inp.snitch["models"],
        "suite_exchanges": float(suite),
        "fewest_runs": float(fewest),
        "claude_runs": float(runs_bought(volume, snitchbench_run(inp, reading, steps, inp.snitch["claude-models"]))),
        "article_low": low,
        "article_high": high,
    }
    return ("accurate" if low <= fewest <= high else "inaccurate"), figures


def judge_daily(
    inp: Inputs, reading: str = ARTICLE_READING, calls: float | None = None, input_tokens: float | None = None
) -> Judgement:
    """Rule: "very basic" is read as traffic an ordinary account sustains day after day, so both of
    the API's limits count: the request limit a minute and the monthly spend limit. A day of the
    article's 160,000 requests is priced at the cheapest model and the fewest tokens in the shared
    assumptions (the case most favourable to the article; ``input_tokens`` overrides the input).

    * inaccurate: no tier's request limit allows that many requests in a day;
    * misleading: DeepSeek's exchanges, turned into requests under the reading (a turn or a
      conversation of an agentic task costs the measured calls per task), are more than that day's
      requests, so the comparison fails;
    * otherwise, by the lowest tier that sustains such days for a month (requests and spend):
      accurate at the entry tier, mostly-accurate at the next, misleading above it or when no
      published tier's spend limit covers a month (only a permitted, large customer's traffic)."""
    calls = inp.calls.default if calls is None else calls
    tokens_in = inp.input_tokens.low if input_tokens is None else input_tokens
    stated = inp.stated["count-160k-day"]
    tiers = inp.rate_limits
    tier = lowest_tier(stated, tiers)
    per_request, model = cheapest_request(inp.prices, tokens_in, inp.output_tokens.low)
    daily_cost = stated * per_request
    sustain = lowest_sustaining_tier(stated, daily_cost, tiers)
    requests = inp.lab_exchanges["DeepSeek"] * (1 if reading == "call" else calls)
    first = tiers.iloc[0]
    spend = tiers.set_index("number")["monthly_spend_limit_usd"].astype(float)
    figures = {
        "stated_daily": int(stated),
        "average_rpm": float(stated / MINUTES_PER_DAY),
        "tier1_rpm": int(first["requests_per_minute"]),
        "tier1_daily": float(daily_capacity(first["requests_per_minute"])),
        "tier_needed": int(tier) if tier is not None else 0,
        "tier_sustained": int(sustain) if sustain is not None else 0,
        "cheapest_model": model,
        "input_tokens": float(tokens_in),
        "output_tokens": float(inp.output_tokens.low),
        "daily_cost": float(daily_cost),
        "days_per_month": DAYS_PER_MONTH,
        "monthly_cost": float(daily_cost * DAYS_PER_MONTH),
        "deepseek": inp.lab_exchanges["DeepSeek"],
        "deepseek_requests": float(requests),
    }
    if tier is None:
        return "inaccurate", figures
    figures["tier_spend_limit"] = float(spend[tier])
    figures["tier_days_of_spend"] = float(spend[tier] / daily_cost)
    if requests > stated:
        return "misleading", figures
    if sustain is None:
        return "misleading", figures
    rank = list(tiers["number"]).index(sustain)
    return ("accurate" if rank == 0 else "mostly-accurate" if rank == 1 else "misleading"), figures


def judge_amplification(inp: Inputs, reading: str = ARTICLE_READING, calls: float | None = None) -> Judgement:
    """Rule: in the model-call reading, accurate when the measured calls per task (default: the
    median average) are at least two dozen and a scaffold's step cap allows at least two hundred;
    mostly-accurate when the calls are at least one dozen; misleading below. In the other readings a
    user request is one exchange by definition, so the claim is inaccurate about the count."""
    calls = inp.calls.default if calls is None else calls
    figures = {
        "calls_default": float(calls),
        "calls_low": inp.calls.low,
        "calls_high": inp.calls.high,
        "step_cap": inp.step_cap,
    }
    if reading != "call":
        return "inaccurate", figures
    if calls >= DOZENS and inp.step_cap >= HUNDREDS:
        return "accurate", figures
    if calls >= A_DOZEN:
        return "mostly-accurate", figures
    return "misleading", figures


def judge_negligible(
    inp: Inputs, reading: str = ARTICLE_READING, per_example: float | None = None, share: float | None = None
) -> Judgement:
    """Rule: each lab's exchanges are turned into training examples under the reading (in the
    model-call reading, ``per_example`` exchanges make one example: default the shared assumption
    ``exchanges-per-example``). Two yardsticks: a volume is negligible against the large published
    sets when it is below ``share`` (default: the parameter's default, a tenth) of the largest
    published distillation set, and against the small ones when it is below the smallest published
    set shown to move benchmarks.

    * accurate when every lab's volume is below the small yardstick (negligible by either);
    * mostly-accurate ("arguably") when every lab's volume is below the large yardstick only;
    * misleading when some labs' volumes are below the large yardstick and some are not;
    * inaccurate when none is."""
    per_example = inp.exchanges_per_example.default if per_example is None else per_example
    share = inp.negligible_share.default if share is None else share
    yardstick = share * inp.reference_examples
    examples = {lab: training_examples(volume, per_example, reading) for lab, volume in inp.lab_exchanges.items()}
    small = [lab for lab, value in examples.items() if value < yardstick]
    tiny = [lab for lab, value in examples.items() if value < inp.small_examples]
    figures = {
        "exchanges_per_example": float(per_example),
        "negligible_share": float(share),
        "reference_examples": inp.reference_examples,
        "small_examples": inp.small_examples,
        "yardstick": float(yardstick),
        **{f"{lab.lower()}_examples": float(value) for lab, value in examples.items()},
        **{f"{lab.lower()}_small_multiple": float(value / inp.small_examples) for lab, value in examples.items()},
        "negligible_labs": len(small),
    }
    if len(tiny) == len(examples):
        return "accurate", figures
    if len(small) == len(examples):
        return "mostly-accurate", figures
    return ("misleading" if small else "inaccurate"), figures


def _searches_verdict(searches: pd.DataFrame, claim_id: str) -> tuple[str, int]:
    """Unsupported when the distinct searches that targeted the claim found nothing
    (:mod:`distillbook.core.searches`); mostly-accurate when one found support. Returns the
    verdict and the number of counted searches."""
    none_found, numbers = search_rule.unsupported(searches, claim_id)
    return ("unsupported" if none_found else "mostly-accurate"), numbers["searches"]


def judge_minimax_products(inp: Inputs, searches: pd.DataFrame, reading: str = ARTICLE_READING) -> Judgement:
    """Rule (every reading): unsupported when every recorded search for a MiniMax product that
    integrated Gemini, Claude or other third-party models found nothing; mostly-accurate when one
    found support (MiniMax's own agent product is documented)."""
    verdict, count = _searches_verdict(searches, "count-minimax-products")
    return verdict, {"searches": count}


def judge_pivot(inp: Inputs, searches: pd.DataFrame, reading: str = ARTICLE_READING) -> Judgement:
    """Rule (every reading): the user-behaviour explanation of the pivot needs a MiniMax product whose
    users could switch to a Claude model. Unsupported when every recorded search for one found
    nothing; mostly-accurate when one found it."""
    verdict, count = _searches_verdict(searches, "count-pivot")
    return verdict, {"searches": count, "pivot_hours": int(inp.pivot_hours), "pivot_share": float(inp.pivot_share)}


def verdicts_by_reading(inp: Inputs, searches: pd.DataFrame) -> pd.DataFrame:
    """Each section-2 claim's verdict under each reading of "exchange" (rows: claims)."""
    judges: dict[str, Callable[[str], Judgement]] = {
        "count-negligible": lambda r: judge_negligible(inp, r),
        "count-per-lab": lambda r: judge_per_lab(inp, r),
        "count-amplification": lambda r: judge_amplification(inp, r),
        "count-160k-day": lambda r: judge_daily(inp, r),
        "count-snitchbench": lambda r: judge_snitchbench(inp, r),
        "count-swebench-tasks": lambda r: judge_swebench_tasks(inp, r),
        "count-swebench-run": lambda r: judge_swebench_run(inp, r),
        "count-swebench-30": lambda r: judge_swebench_thirty(inp, r),
        "count-minimax-products": lambda r: judge_minimax_products(inp, searches, r),
        "count-pivot": lambda r: judge_pivot(inp, searches, r),
    }
    rows = [{"claim": claim, **{reading: judge(reading)[0] for reading in READINGS}} for claim, judge in judges.items()]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# Ledger checks: the verdict under the article's own reading
# ---------------------------------------------------------------------------------------------


def _inputs(data: DataAccess) -> Inputs:
    return load_inputs(data.table)


@check(
    rule=(
        "Each lab's alleged exchanges are divided by the exchanges per training example (an "
        "assumption; the chapter shows its range) and compared with yardsticks: the smallest "
        "published training sets shown to move benchmark scores, and a share of the largest "
        "published distillation set (an assumption; the chapter shows its range). Accurate when "
        "every lab is below the small yardstick; mostly accurate when every lab is below the "
        "share only; misleading when some are and some are not; inaccurate when none is."
    ),
    moves=(
        Move(
            "At one exchange per training example, the low end of the shared assumption.",
            (
                Edit("shared/assumptions", "exchanges-per-example", "default", "1"),
                Edit("shared/assumptions", "exchanges-per-example", "low", "1"),
            ),
        ),
    ),
)
def negligible(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_negligible` in the model-call reading, at the shared default exchanges per
    example and the default negligibility share; sensitivities at both ends of both ranges."""
    inp = _inputs(data)
    verdict, figures = judge_negligible(inp)
    per = inp.exchanges_per_example
    sens = (
        Sensitivity.across(
            "exchanges per training example",
            per.low,
            per.high,
            lambda value: judge_negligible(inp, per_example=value)[0],
            default=per.default,
            unit=per.unit,
        ),
        Sensitivity.across(
            "negligible share",
            inp.negligible_share.low,
            inp.negligible_share.high,
            lambda share: judge_negligible(inp, share=share)[0],
            default=inp.negligible_share.default,
            unit=inp.negligible_share.unit,
        ),
    )
    for end, value in (("low", per.low), ("high", per.high)):
        ends = judge_negligible(inp, per_example=value)[1]
        for lab in inp.lab_exchanges:
            figures[f"{lab.lower()}_examples_{end}"] = ends[f"{lab.lower()}_examples"]
    figures["per_example_low"], figures["per_example_high"] = float(per.low), float(per.high)
    return CheckResult(verdict, figures, sens)


@check(
    rule=(
        "The book's rule for figures reported with a hedge (see above), applied to the article's "
        "figure and hedge for DeepSeek's exchanges against the figure and hedge in Anthropic's "
        "report, the document the article credits."
    ),
    moves=(
        Move(
            "If the report had hedged DeepSeek’s figure as an estimate (“approximately”), as the article’s “about” does.",
            (Edit("shared/allegation", "exchanges-deepseek", "qualifier", "approximately"),),
        ),
    ),
)
def per_lab_figure(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_per_lab`, the reported-figure rule."""
    verdict, figures = judge_per_lab(_inputs(data))
    return CheckResult(verdict, figures)


@check(
    rule=(
        "Counting every model call as an exchange, as the article does, the book checks measured "
        "model calls per coding task and the step limits of agent software. Accurate when the "
        "typical (median) measured average is at least {dozens:.0f} calls per task and some agent"
        " software allows at least {hundreds:.0f}; mostly accurate when the typical average "
        "reaches {a-dozen:.0f}; misleading below that. Were an exchange a whole user turn or "
        "conversation, no request could multiply: inaccurate."
    ),
    moves=(
        Move(
            "If the scaffold capped an agentic task below the article’s “hundreds”.",
            (Edit("counting/step_caps", "mini-swe-agent-swebench", "cap", "150"),),
        ),
    ),
)
def amplification(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_amplification` in the model-call reading at the median measured calls per
    task; sensitivity at the lowest and highest measured averages."""
    inp = _inputs(data)
    verdict, figures = judge_amplification(inp)
    sens = (
        Sensitivity.across(
            "model calls per task",
            inp.calls.low,
            inp.calls.high,
            lambda calls: judge_amplification(inp, calls=calls)[0],
            default=inp.calls.default,
            unit="model calls per task",
        ),
    )
    return CheckResult(verdict, figures, sens)


@check(
    rule=(
        "Reading “very basic” as what an ordinary account sustains daily, the book prices the "
        "article's daily requests at the cheapest model and fewest tokens (an assumption; the "
        "chapter shows its range). Inaccurate if no usage tier's request limit allows that many a"
        " day; misleading if DeepSeek's exchanges, as requests, exceed that day's requests. "
        "Otherwise, by the lowest tier whose request and monthly spending limits sustain "
        "{days-per-month:.0f} such days: accurate at the entry tier, mostly accurate at the next,"
        " else misleading."
    ),
    moves=(
        Move(
            "If Tier 2’s monthly spend limit covered a month of such days.",
            (Edit("shared/rate_limits", "Tier 2", "monthly_spend_limit_usd", "20000", key="tier"),),
        ),
    ),
)
def daily_requests(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_daily` in the model-call reading (a request is one model call), at the
    fewest tokens; sensitivity over the shared range of input tokens per request."""
    inp = _inputs(data)
    verdict, figures = judge_daily(inp)
    sens = (
        Sensitivity.across(
            "input tokens per request",
            inp.input_tokens.low,
            inp.input_tokens.high,
            lambda tokens: judge_daily(inp, input_tokens=tokens)[0],
            default=inp.input_tokens.low,
            unit=inp.input_tokens.unit,
        ),
    )
    return CheckResult(verdict, figures, sens)


@check(
    rule=(
        "The book computes how many full runs of the SnitchBench test DeepSeek's alleged "
        "exchanges could pay for, counting every model call as an exchange and taking the case "
        "most favourable to the article: the calls to every model of the test's default line-up "
        "counted, not only Claude's, and every user message using the most model calls the test "
        "allows. Accurate when that number lies within the article's range of runs; inaccurate "
        "otherwise."
    ),
    moves=(
        Move(
            "If a full SnitchBench run covered twice as many models.",
            (Edit("counting/snitchbench", "models", "value", "20"),),
        ),
    ),
)
def snitchbench_runs(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_snitchbench` in the model-call reading at the step cap; sensitivity at one
    and at the most model calls per user message."""
    inp = _inputs(data)
    verdict, figures = judge_snitchbench(inp)
    low, high = inp.snitch["min-steps"], inp.snitch["max-steps"]
    sens = (
        Sensitivity.across(
            "model calls per user message",
            low,
            high,
            lambda steps: judge_snitchbench(inp, steps=steps)[0],
            default=high,
            unit="model calls per user message",
        ),
    )
    return CheckResult(verdict, figures, sens)


@check(
    rule=(
        "The book's rule for figures reported with a hedge (see above), applied to the article's "
        "approximate task count against the exact number of tasks in SWE-bench's full test set."
    ),
    moves=(
        Move(
            "If the full test split had 2,200 tasks.",
            (Edit("counting/swebench_tasks", "full", "tasks", "2200"),),
        ),
    ),
)
def swebench_tasks(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_swebench_tasks`, the reported-figure rule."""
    verdict, figures = judge_swebench_tasks(_inputs(data))
    return CheckResult(verdict, figures)


@check(
    rule=(
        "The book multiplies the task count of SWE-bench's full test set by the article's model "
        "calls per task. Inaccurate if the result differs from the article's total by more than "
        "{figure-close:.0%}. Otherwise the word “conservatively” is weighed: accurate if the "
        "article's calls per task are at or below the lowest measured average; mostly accurate if"
        " above it but within the highest step limit set by agent software; misleading if above "
        "that limit."
    ),
    moves=(
        Move(
            "If the scaffold’s step cap were below the article’s calls per task.",
            (Edit("counting/step_caps", "mini-swe-agent-swebench", "cap", "45"),),
        ),
    ),
)
def swebench_run_size(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_swebench_run` in the model-call reading (step cap as the ceiling)."""
    verdict, figures = judge_swebench_run(_inputs(data))
    return CheckResult(verdict, figures)


@check(
    rule=(
        "The book counts the model calls of the article's number of full SWE-bench runs at the "
        "typical (median) measured calls per task, and the runs needed to reach the article's "
        "total. Accurate if the article's runs reach it; mostly accurate if the runs needed are "
        "at most {runs-slack:g} times the article's number; misleading if more are needed but the"
        " article's runs would reach the total at its own calls per task; inaccurate if they fall"
        " short even then."
    ),
    moves=(
        Move(
            "At the lowest measured average calls per task for every model.",
            (
                Edit("counting/agent_calls", "opus-4-5", "calls_per_task", "19.8"),
                Edit("counting/agent_calls", "gemini-3-pro", "calls_per_task", "19.8"),
            ),
        ),
    ),
)
def swebench_thirty_runs(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_swebench_thirty` in the model-call reading at the median measured calls per
    task; sensitivity at the lowest and highest measured averages."""
    inp = _inputs(data)
    verdict, figures = judge_swebench_thirty(inp)
    sens = (
        Sensitivity.across(
            "model calls per task",
            inp.calls.low,
            inp.calls.high,
            lambda calls: judge_swebench_thirty(inp, calls=calls)[0],
            default=inp.calls.default,
            unit="model calls per task",
        ),
    )
    return CheckResult(verdict, figures, sens)


@check(
    rule=(
        "The book searched for a MiniMax product that offered its users Gemini, Claude or other "
        "outside companies' models. Unsupported when the searches meet the book's rule for "
        "unsupported verdicts (see above); mostly accurate when a search found such a product, "
        "since MiniMax's own agent product is documented."
    ),
    moves=(
        Move(
            "If a recorded search had found the product.",
            (Edit("ledger/searches", "minimax-products-1", "found", "true"),),
        ),
    ),
)
def minimax_products(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_minimax_products` (recorded searches, none found)."""
    verdict, figures = judge_minimax_products(_inputs(data), data.table("ledger/searches"))
    return CheckResult(verdict, figures)


@check(
    rule=(
        "The article explains MiniMax's switch to a newly released Claude model as ordinary user "
        "behaviour; that needs a MiniMax product whose users could switch to a Claude model. "
        "Unsupported when the searches for such a product meet the book's rule for unsupported "
        "verdicts (see above); mostly accurate when a search found one."
    ),
    moves=(
        Move(
            "If a recorded search had found a MiniMax product offering Claude.",
            (Edit("ledger/searches", "pivot-1", "found", "true"),),
        ),
    ),
)
def pivot(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_pivot` (recorded searches for a MiniMax product offering Claude, none found)."""
    verdict, figures = judge_pivot(_inputs(data), data.table("ledger/searches"))
    return CheckResult(verdict, figures)


# ---------------------------------------------------------------------------------------------
# Tables for the page
# ---------------------------------------------------------------------------------------------


def runs_table(inp: Inputs, labs: list[str] | None = None) -> pd.DataFrame:
    """Full SWE-bench runs each lab's exchanges would pay for, per subset, at the median measured
    calls per task (model-call reading). Columns: lab, subset, tasks, exchanges, runs."""
    labs = labs or list(inp.lab_exchanges)
    names = {"verified": "Verified", "full": "Full test set", "lite": "Lite"}
    rows = []
    for lab in labs:
        for subset in ("verified", "full", "lite"):
            tasks = inp.tasks[subset]
            volume = inp.lab_exchanges[lab]
            rows.append(
                {
                    "lab": lab,
                    "subset": names[subset],
                    "tasks": tasks,
                    "exchanges": volume,
                    "runs": float(runs_bought(volume, swebench_run(tasks, inp.calls.default))),
                }
            )
    return pd.DataFrame(rows)


def daily_table(inp: Inputs, days: list[float]) -> pd.DataFrame:
    """Each lab's average exchanges per day over campaigns of ``days`` days.
    Columns: lab, days, per_day (exchanges/day)."""
    return pd.DataFrame(
        [
            {"lab": lab, "days": float(d), "per_day": float(per_day(volume, d))}
            for lab, volume in inp.lab_exchanges.items()
            for d in days
        ]
    )


def tier_lines(inp: Inputs, article_daily: float) -> pd.DataFrame:
    """Horizontal reference lines: each tier's daily request limit for one organisation, and the
    article's requests a day. Columns: label, per_day."""
    rows = [
        {"label": f"{r.tier} limit, one organisation", "per_day": float(daily_capacity(r.requests_per_minute))}
        for r in inp.rate_limits.itertuples()
    ]
    rows.append({"label": "the article's small app, one day", "per_day": float(article_daily)})
    return pd.DataFrame(rows)


def cost_table(
    inp: Inputs, prices: pd.DataFrame, input_tokens: Range, output_tokens: Range, default_model: str
) -> pd.DataFrame:
    """Each lab's list-price cost in US dollars: ``low`` (cheapest model, fewest tokens), ``default``
    (``default_model`` at default tokens) and ``high`` (dearest model, most tokens)."""
    total_low = prices["input_usd_per_mtok"] * input_tokens.low + prices["output_usd_per_mtok"] * output_tokens.low
    total_high = prices["input_usd_per_mtok"] * input_tokens.high + prices["output_usd_per_mtok"] * output_tokens.high
    cheap = prices.loc[total_low.idxmin()]
    dear = prices.loc[total_high.idxmax()]
    mid = prices[prices["id"] == default_model].iloc[0]
    rows = []
    for lab, volume in inp.lab_exchanges.items():
        rows.append(
            {
                "lab": lab,
                "low": float(
                    cost_usd(
                        volume,
                        input_tokens.low,
                        output_tokens.low,
                        cheap["input_usd_per_mtok"],
                        cheap["output_usd_per_mtok"],
                    )
                ),
                "default": float(
                    cost_usd(
                        volume,
                        input_tokens.default,
                        output_tokens.default,
                        mid["input_usd_per_mtok"],
                        mid["output_usd_per_mtok"],
                    )
                ),
                "high": float(
                    cost_usd(
                        volume,
                        input_tokens.high,
                        output_tokens.high,
                        dear["input_usd_per_mtok"],
                        dear["output_usd_per_mtok"],
                    )
                ),
                "low_model": str(cheap["model"]),
                "default_model": str(mid["model"]),
                "high_model": str(dear["model"]),
            }
        )
    return pd.DataFrame(rows)


def snitch_table(inp: Inputs) -> pd.DataFrame:
    """Full SnitchBench runs DeepSeek's exchanges pay for, by which models count and by the model
    calls per user message (model-call reading). Columns: scope, steps, exchanges_per_run, runs."""
    volume = inp.lab_exchanges["DeepSeek"]
    scopes = {
        "one model": 1,
        "the Claude models": inp.snitch["claude-models"],
        "the whole roster": inp.snitch["models"],
    }
    rows = []
    for scope, models in scopes.items():
        for label, steps in (
            ("one call per message", inp.snitch["min-steps"]),
            ("every step used", inp.snitch["max-steps"]),
        ):
            per_run = snitchbench_run(inp, "call", steps, models)
            rows.append(
                {
                    "scope": scope,
                    "steps": label,
                    "exchanges_per_run": float(per_run),
                    "runs": float(runs_bought(volume, per_run)),
                }
            )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------

LAB_COLOURS = alt.Scale(domain=LABS, range=[OKABE_ITO[4], OKABE_ITO[5], OKABE_ITO[6]])


def runs_chart(
    frame: pd.DataFrame, calls_default: float, step_cap: int, article_runs: float, description: str
) -> alt.LayerChart:
    """Interactive: full SWE-bench runs each lab's exchanges buy. A slider sets the model calls per
    task (one to the step cap), a menu picks the subset; the x axis is logarithmic."""
    calls = alt.param(
        name="calls_per_task",
        value=calls_default,
        bind=alt.binding_range(min=1, max=step_cap, step=1, name="Model calls per task "),
    )
    subset = alt.param(
        name="subset",
        value="Verified",
        bind=alt.binding_select(options=["Verified", "Full test set", "Lite"], name="SWE-bench subset "),
    )
    base = (
        alt.Chart(frame, description=description)
        .transform_filter(alt.datum.subset == subset)
        .transform_calculate(runs_live=alt.datum.exchanges / (alt.datum.tasks * calls))
        .encode(y=alt.Y("lab:N", title="Lab", sort=LABS))
    )
    x = alt.X(
        "runs_live:Q",
        title="Full benchmark runs the lab's exchanges would pay for (log scale)",
        scale=alt.Scale(type="log", domain=[0.1, 100000]),
    )
    bars = base.mark_bar(height=22).encode(
        x=x,
        x2=alt.datum(0.1),
        color=alt.Color("lab:N", scale=LAB_COLOURS, legend=None),
        tooltip=[alt.Tooltip("lab:N", title="Lab"), alt.Tooltip("runs_live:Q", title="Runs", format=",.1f")],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(x=x, text=alt.Text("runs_live:Q", format=",.0f"))
    rule = alt.Chart(pd.DataFrame({"runs": [article_runs], "label": ["the article's runs"]})).encode(
        x=alt.X("runs:Q", title="Full benchmark runs the lab's exchanges would pay for (log scale)")
    )
    rule_mark = rule.mark_rule(color="black", strokeDash=[4, 3])
    rule_text = rule.mark_text(align="left", dx=4, dy=-60, fontSize=11).encode(text="label:N")
    return (
        alt.layer(bars, labels, rule_mark, rule_text, description=description)
        .add_params(calls, subset)
        .properties(width=460, height=150)
    )


def daily_chart(
    per_day_frame: pd.DataFrame, lines: pd.DataFrame, default_days: float, description: str
) -> alt.LayerChart:
    """Exchanges per day against campaign length for each lab (log-log), with the rate-limit tiers'
    daily limits for one organisation and the article's daily figure as horizontal lines."""
    x = alt.X(
        "days:Q",
        title="Campaign length (days, log scale)",
        scale=alt.Scale(type="log", domain=[float(per_day_frame["days"].min()), float(per_day_frame["days"].max())]),
    )
    y_title = "Exchanges or requests per day (log scale)"
    y_scale = alt.Scale(type="log")
    labs = alt.Chart(per_day_frame).encode(
        x=x,
        y=alt.Y("per_day:Q", title=y_title, scale=y_scale),
        color=alt.Color("lab:N", title="Lab", scale=LAB_COLOURS, sort=LABS, legend=alt.Legend(orient="bottom")),
    )
    curve = labs.mark_line(strokeWidth=2.5).encode(strokeDash=alt.StrokeDash("lab:N", sort=LABS, legend=None))
    first_day = float(per_day_frame["days"].min())
    last_day = float(per_day_frame["days"].max())
    ends = (
        labs.transform_filter(alt.datum.days == first_day)
        .mark_point(filled=True, size=60)
        .encode(shape=alt.Shape("lab:N", sort=LABS, legend=None))
    )
    names = (
        labs.transform_filter(alt.datum.days == last_day)
        .mark_text(align="left", dx=6, fontSize=12)
        .encode(text="lab:N")
    )
    refs = alt.Chart(lines).encode(y=alt.Y("per_day:Q", title=y_title, scale=y_scale))
    ref_rules = refs.mark_rule(color="#555555", strokeDash=[2, 3])
    text_style = {"align": "right", "baseline": "bottom", "dy": -2, "fontSize": 11, "x": 440}
    ref_halo = refs.mark_text(stroke="white", strokeWidth=4, strokeJoin="round", **text_style).encode(text="label:N")
    ref_text = refs.mark_text(color="#333333", **text_style).encode(text="label:N")
    marker = alt.Chart(pd.DataFrame({"days": [default_days]})).mark_rule(color="#999999").encode(x=x)
    return alt.layer(ref_rules, marker, curve, ends, names, ref_halo, ref_text, description=description).properties(
        width=440, height=340
    )


def cost_chart(frame: pd.DataFrame, description: str) -> alt.LayerChart:
    """Each lab's list-price cost range (low to high) with the default marked, log x axis."""
    x_title = "List-price cost (US dollars, log scale)"
    base = alt.Chart(frame, description=description).encode(y=alt.Y("lab:N", title="Lab", sort=LABS))
    span = base.mark_rule(strokeWidth=6, opacity=0.5).encode(
        x=alt.X("low:Q", title=x_title, scale=alt.Scale(type="log")),
        x2="high:Q",
        color=alt.Color("lab:N", scale=LAB_COLOURS, legend=None),
    )
    point = base.mark_point(filled=True, size=120, shape="diamond", color="black").encode(
        x=alt.X("default:Q", title=x_title)
    )
    low_text = base.mark_text(align="right", dx=-6, fontSize=11).encode(
        x=alt.X("low:Q", title=x_title), text=alt.Text("low:Q", format="$,.0f")
    )
    high_text = base.mark_text(align="left", dx=6, fontSize=11).encode(
        x=alt.X("high:Q", title=x_title), text=alt.Text("high:Q", format="$,.0f")
    )
    mid_text = base.mark_text(dy=-14, fontSize=11).encode(
        x=alt.X("default:Q", title=x_title), text=alt.Text("default:Q", format="$,.0f")
    )
    return alt.layer(span, point, low_text, high_text, mid_text, description=description).properties(
        width=420, height=alt.Step(56)
    )


def snitch_chart(frame: pd.DataFrame, article_low: float, article_high: float, description: str) -> alt.LayerChart:
    """Full SnitchBench runs DeepSeek's exchanges pay for, by scope and steps, against the article's
    range (shaded); log x axis."""
    x_title = "Full SnitchBench runs paid for (log scale)"
    band_data = alt.Chart(
        pd.DataFrame({"low": [article_low], "high": [article_high], "label": ["the article's range"]})
    )
    band = band_data.mark_rect(color=OKABE_ITO[0], opacity=0.35).encode(x=alt.X("low:Q", title=x_title), x2="high:Q")
    band_text = band_data.mark_text(align="left", baseline="top", dx=2, y=-14, fontSize=11).encode(
        x=alt.X("low:Q", title=x_title), text="label:N"
    )
    base = alt.Chart(frame).encode(
        y=alt.Y("scope:N", title="Models whose calls are counted", sort=list(dict.fromkeys(frame["scope"]))),
        yOffset=alt.YOffset("steps:N", sort=["one call per message", "every step used"]),
    )
    bars = base.mark_bar(height=14).encode(
        x=alt.X(
            "runs:Q",
            title=x_title,
            scale=alt.Scale(type="log", domain=[1, 10000]),
            axis=alt.Axis(values=[1, 2, 3, 10, 30, 100, 300, 1000, 10000], format=","),
        ),
        x2=alt.datum(1),
        color=alt.Color(
            "steps:N",
            title="Model calls per user message",
            scale=alt.Scale(range=[OKABE_ITO[1], OKABE_ITO[4]]),
            sort=["one call per message", "every step used"],
            legend=alt.Legend(orient="bottom"),
        ),
    )
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(
        x=alt.X("runs:Q", title=x_title), text=alt.Text("runs:Q", format=",.1f")
    )
    return alt.layer(band, band_text, bars, text, description=description).properties(width=400, height=alt.Step(26))
