"""The article's section 2: counting exchanges.

The report never says what one "exchange" is, so every count here takes the unit as a parameter,
one of :data:`READINGS`:

* ``call``: one model call (one API request). The Messages API is stateless and meters requests,
  so this is the unit API telemetry records natively; it is also the article's own reading.
* ``turn``: one user turn (a user message and everything the model does before it answers).
* ``conversation``: one whole conversation (a task from its first message to its end).

A benchmark run is modelled as conversations x user turns per conversation x model calls per turn,
where conversations = tasks x runs x models. SWE-bench has one user turn per task (the issue), so
its model calls per turn are its calls per task.

Time and rate always go through :func:`distillbook.core.units.throughput`: the least of the
request limit and what the input- and output-token limits allow at a given number of tokens per
request and share of input read from the prompt cache.

**The account arithmetic** lives here, once, for this chapter and the proxies chapter (which calls
it from its page). Stable names, documented below:

* :func:`exchanges_per_account` - the three labs' exchanges over the report's accounts;
* :func:`moonshot_exchanges_per_account` - Moonshot's exchanges per account over the shared
  ``moonshot-accounts`` range;
* :func:`tier_requests_per_minute` - what one organisation at a tier may send a minute;
* :func:`binding_limit` - which of its limits binds;
* :func:`minutes_per_account` - nonstop minutes to send a share at a rate;
* :func:`account_tier_minutes` - both shares at every tier, with their ranges.

Order of the module: pure arithmetic; the account arithmetic; the inputs read from ``data/``
(:class:`Inputs`); one *judge* per ledger claim, which applies the claim's rule under any reading;
the ``@check`` functions the ledger runs; the numbers, words and sentence guards of each page
section; tables and charts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable, Mapping

import altair as alt
import pandas as pd

from distillbook.core import charts, reported
from distillbook.core import searches as search_rule
from distillbook.core.allegation import LABS, allegation_value, per_lab_exchanges
from distillbook.core.charts import OKABE_ITO
from distillbook.core.ledger import (
    CheckResult,
    DataAccess,
    Edit,
    Move,
    Sensitivity,
    check,
    threshold,
    verdict_label,
)
from distillbook.core.numbers import rounded
from distillbook.core.params import Range, parameter
from distillbook.core.units import MINUTES_PER_DAY, log_grid, per_account, per_day, runs_bought, runs_needed, throughput

#: The three readings of "exchange", with the words the page uses for them.
READINGS: dict[str, str] = {
    "call": "one model call",
    "turn": "one user turn",
    "conversation": "one whole conversation",
}
#: The reading the claim boxes use: what API telemetry counts natively, and the article's own.
ARTICLE_READING = "call"
#: In the table of verdicts by reading: a statement that is about model calls, true or not, says
#: nothing about the count when an exchange is a turn or a conversation.
NOT_APPLICABLE = "not-applicable"
#: Claims about model calls alone: under the other readings they do not bear on the count.
CALL_ONLY_CLAIMS = ("count-amplification", "count-swebench-run")
#: The ledger claim of each lab's exchange figure.
PER_LAB_CLAIMS = {"DeepSeek": "count-per-lab", "Moonshot": "count-per-lab-moonshot", "MiniMax": "count-per-lab-minimax"}
#: The usage tier whose spend limit caps what any self-serve account may spend (the top one).
TOP_TIER = "Tier 4"
#: The model id under which ``counting/model_rate_limits`` keeps the limits of mid-2025 (Claude
#: Sonnet 4), for windows that reach back before the later tables.
EARLIER_LIMITS = "sonnet-4-2025"
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
#: Days in the month over which the API's spend limits run (a calendar month, rounded).
DAYS_PER_MONTH = threshold(
    "days-per-month",
    30,
    "days",
    "The spend limits are monthly; a month is taken as thirty days, a calendar month rounded.",
)
#: The one tolerance for the article's own estimates (runs, calls per task, the counts behind
#: "dozens"): an estimate is "a detail off" while the evidence's figure is within this factor of
#: it, either way. Figures the article repeats from a source are held to the reported-figure rule
#: (:data:`distillbook.core.reported.CLOSE`) instead.
ESTIMATE_SLACK = threshold(
    "estimate-slack",
    1.5,
    "ratio of the evidence's figure to the article's estimate",
    "The book's judgement, set by the article's own precision: its estimate of SnitchBench runs, "
    "“2 to 3”, spans a factor of one and a half, so an estimate of the article's that the evidence "
    "puts within that factor of the truth is as precise as the article claims to be, a detail off; "
    "beyond it the estimate is a different figure. The same factor applies to every estimate the "
    "chapter judges; figures repeated from a source are held to the far tighter reported-figure rule.",
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


def snitchbench_conversations(tests: int, runs_per_test: float, models: int) -> float:
    """Conversations in one full SnitchBench run: tests x runs per test x models (conversations)."""
    return tests * runs_per_test * models


def complete_runs(volume: float, per_run: float) -> int:
    """Complete runs ``volume`` exchanges pay for at ``per_run`` exchanges a run (runs, rounded
    down: what is left over does not make another full run). The counterpart of
    :func:`distillbook.core.units.runs_needed`, which rounds up."""
    return math.floor(runs_bought(volume, per_run) + 1e-9)


def cost_per_call(total_cost_usd: float, tasks: float, calls_per_task: float) -> float:
    """Average cost of one model call in a benchmark run (US dollars per call)."""
    calls = exchanges(tasks, calls_per_task)
    if calls <= 0:
        raise ValueError("a run makes at least one call")
    return total_cost_usd / calls


def calls_within_cost(cost_limit_usd: float, usd_per_call: float) -> float:
    """Model calls a per-task cost limit allows at an average cost per call (calls per task). Each
    call resends a longer history, so on long tasks the limit binds sooner than this average says."""
    if usd_per_call <= 0:
        raise ValueError("a call costs something")
    return cost_limit_usd / usd_per_call


def _limit(row, name: str) -> float:
    """One limit of a rate-limit row (a Series, a mapping or a named tuple)."""
    value = row[name] if isinstance(row, (Mapping, pd.Series)) else getattr(row, name)
    return float(value)


def tier_requests_per_minute(row, input_tokens: float, output_tokens: float, cached_share: float = 0.0) -> float:
    """Requests a minute one organisation may send under a tier's limits (a row with
    ``requests_per_minute``, ``input_tokens_per_minute`` and ``output_tokens_per_minute``), at
    ``input_tokens`` and ``output_tokens`` per request with ``cached_share`` (fraction) of the input
    read from the prompt cache: :func:`distillbook.core.units.throughput` (requests / minute)."""
    return throughput(
        _limit(row, "requests_per_minute"),
        _limit(row, "input_tokens_per_minute"),
        input_tokens,
        cached_share,
        _limit(row, "output_tokens_per_minute"),
        output_tokens,
    )


def binding_limit(row, input_tokens: float, output_tokens: float, cached_share: float = 0.0) -> str:
    """Which of a tier's limits binds first at these tokens: ``requests``, ``input tokens`` or
    ``output tokens`` (the request limit wins a tie)."""
    allowed = {"requests": _limit(row, "requests_per_minute")}
    counted = input_tokens * (1 - cached_share)
    if counted > 0:
        allowed["input tokens"] = _limit(row, "input_tokens_per_minute") / counted
    if output_tokens > 0:
        allowed["output tokens"] = _limit(row, "output_tokens_per_minute") / output_tokens
    least = min(allowed.values())
    return next(name for name, value in allowed.items() if value == least)


#: How the page names each limit of :func:`binding_limit`.
LIMIT_NAMES = {
    "requests": "the request limit",
    "input tokens": "the input-token limit",
    "output tokens": "the output-token limit",
}


def request_limit_binds_below(row) -> float:
    """Uncached input tokens per request below which the request limit, not the input-token limit,
    binds (tokens per request): the input-token limit divided by the request limit."""
    return _limit(row, "input_tokens_per_minute") / _limit(row, "requests_per_minute")


def request_limit_output_below(row) -> float:
    """Output tokens per request below which the request limit, not the output-token limit, binds
    (tokens per request): the output-token limit divided by the request limit. At more output
    tokens than this the request limit cannot bind, however the input is cached."""
    return _limit(row, "output_tokens_per_minute") / _limit(row, "requests_per_minute")


def request_limit_cache_share(row, input_tokens: float) -> float:
    """Share of the input read from the cache (fraction) above which the request limit binds at
    ``input_tokens`` per request; zero when it binds even with nothing cached."""
    if input_tokens <= 0:
        raise ValueError("a request carries input")
    return max(0.0, 1 - request_limit_binds_below(row) / input_tokens)


def daily_capacity(
    row, input_tokens: float, output_tokens: float, cached_share: float = 0.0, organisations: float = 1
) -> float:
    """Most requests a day ``organisations`` organisations at a tier can send at these tokens
    (requests / day)."""
    return tier_requests_per_minute(row, input_tokens, output_tokens, cached_share) * MINUTES_PER_DAY * organisations


def minutes_per_account(exchanges_: float, requests_per_minute: float, requests_per_exchange: float = 1.0) -> float:
    """Minutes one account needs to send ``exchanges_`` exchanges of ``requests_per_exchange``
    requests each at ``requests_per_minute``, sending nonstop (minutes)."""
    if requests_per_minute <= 0:
        raise ValueError("requests_per_minute must be positive")
    return exchanges_ * requests_per_exchange / requests_per_minute


def tier_number(tier: str | int) -> int:
    """The number of a usage tier named as the documentation does ("Tier 2" -> 2)."""
    match = re.search(r"\d+", str(tier))
    if match is None:
        raise ValueError(f"no tier number in {tier!r}")
    return int(match.group())


def by_tier(rate_limits: pd.DataFrame) -> pd.DataFrame:
    """A rate-limit table in tier order, with a ``number`` column (tier number)."""
    frame = rate_limits.assign(number=[tier_number(t) for t in rate_limits["tier"]])
    return frame.sort_values("number").reset_index(drop=True)


def lowest_tier(
    daily_requests: float, limits: pd.DataFrame, input_tokens: float, output_tokens: float, cached_share: float = 0.0
) -> int | None:
    """The lowest tier whose limits let one organisation send ``daily_requests`` requests a day at
    these tokens (tier number), or None when no published tier does."""
    for row in by_tier(limits).itertuples():
        if daily_capacity(row, input_tokens, output_tokens, cached_share) >= daily_requests:
            return int(row.number)
    return None


def most_input_tokens(daily_requests: float, limits: pd.DataFrame, cached_share: float = 0.0) -> float:
    """The most input tokens per request at which some tier's input-token limit still allows
    ``daily_requests`` requests a day (tokens per request)."""
    rate = daily_requests / MINUTES_PER_DAY
    return max(_limit(row, "input_tokens_per_minute") for _, row in limits.iterrows()) / rate / (1 - cached_share)


def cost_usd(
    volume: float, input_tokens: float, output_tokens: float, input_price: float, output_price: float
) -> float:
    """List-price cost of ``volume`` exchanges (US dollars): tokens per exchange times prices in
    US dollars per million tokens. Caching and batch discounts are not applied."""
    return volume * (input_tokens * input_price + output_tokens * output_price) / 1_000_000


def per_request_costs(prices: pd.DataFrame, input_tokens: float, output_tokens: float) -> pd.Series:
    """List price of one request on each model of ``prices`` (US dollars per request), by row."""
    return (
        prices["input_usd_per_mtok"].astype(float) * input_tokens
        + prices["output_usd_per_mtok"].astype(float) * output_tokens
    ) / 1_000_000


def cheapest_model(prices: pd.DataFrame, input_tokens: float, output_tokens: float) -> pd.Series:
    """The row of ``prices`` whose request is cheapest at these tokens."""
    return prices.loc[per_request_costs(prices, input_tokens, output_tokens).idxmin()]


def cheapest_request(prices: pd.DataFrame, input_tokens: float, output_tokens: float) -> tuple[float, str]:
    """The list price of one request on the cheapest model in ``prices`` at the given tokens
    (US dollars per request), and that model's name."""
    costs = per_request_costs(prices, input_tokens, output_tokens)
    row = costs.idxmin()
    return float(costs[row]), str(prices.loc[row, "model"])


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


def spend_row(spend_limits: pd.DataFrame, tier: str, as_of: dt.date | None = None, monthly: bool = True) -> pd.Series:
    """The figure of ``tier`` from the latest dated copy of the rate-limits page (optionally seen on
    or before ``as_of``) whose column states a monthly limit (``monthly``) or a deposit cap."""
    rows = spend_limits[(spend_limits["tier"] == tier) & (spend_limits["monthly"].astype(bool) == monthly)]
    seen = pd.to_datetime(rows["first_seen"]).dt.date
    if as_of is not None:
        rows = rows[seen <= as_of]
        seen = seen[rows.index]
    if rows.empty:
        raise ValueError(f"no {'monthly' if monthly else 'deposit'} figure for {tier} dated on or before {as_of}")
    return rows.loc[seen.idxmax()]


# ---------------------------------------------------------------------------------------------
# The account arithmetic (stable: the proxies chapter calls these from its page)
# ---------------------------------------------------------------------------------------------


def exchanges_per_account(allegation: pd.DataFrame) -> float:
    """The three labs' exchanges divided by the report's total of accounts (exchanges per
    account), from the shared allegation table. An average only: the report gives no
    distribution."""
    total = float(per_lab_exchanges(allegation)["exchanges"].sum())
    return per_account(total, allegation_value(allegation, "accounts-total"))


def moonshot_exchanges_per_account(allegation: pd.DataFrame, assumptions: pd.DataFrame) -> Range:
    """Moonshot's exchanges per account (exchanges per account) over the shared assumption
    ``moonshot-accounts`` (the report's "hundreds"): the default at its default count, the low end
    at the most accounts and the high end at the fewest."""
    by_lab = per_lab_exchanges(allegation).set_index("lab")["exchanges"]
    moonshot = float(by_lab["Moonshot"])
    accounts = parameter(assumptions, "moonshot-accounts")
    return Range(
        per_account(moonshot, accounts.default),
        per_account(moonshot, accounts.high),
        per_account(moonshot, accounts.low),
        "exchanges per account",
    )


def account_tier_minutes(
    allegation: pd.DataFrame,
    assumptions: pd.DataFrame,
    rate_limits: pd.DataFrame,
    requests_per_exchange: Range | None = None,
) -> pd.DataFrame:
    """Nonstop minutes one account needs for its share of the exchanges at each tier of
    ``rate_limits`` (the shared table), for the average account and a Moonshot account.

    Rates come from :func:`tier_requests_per_minute` with the shared assumptions ``input-tokens``,
    ``output-tokens`` and ``cached-input-share``. ``minutes`` uses every default; ``minutes_low``
    takes the fewest exchanges, the fewest tokens, the largest cached share and the fewest requests
    per exchange; ``minutes_high`` the opposite. ``requests_per_exchange`` defaults to one request
    per exchange (the model-call reading).

    Columns: tier, case, requests_per_minute (at the defaults), binding (the limit that binds at the
    defaults), minutes, minutes_low, minutes_high."""
    rpe = requests_per_exchange or Range(1.0, 1.0, 1.0, "requests per exchange")
    tokens_in = parameter(assumptions, "input-tokens")
    tokens_out = parameter(assumptions, "output-tokens")
    cached = parameter(assumptions, "cached-input-share")
    average = exchanges_per_account(allegation)
    cases = {
        "average account, all three labs": Range(average, average, average),
        "Moonshot account": moonshot_exchanges_per_account(allegation, assumptions),
    }
    rows = []
    for tier in by_tier(rate_limits).itertuples():
        rate = tier_requests_per_minute(tier, tokens_in.default, tokens_out.default, cached.default)
        fastest = tier_requests_per_minute(tier, tokens_in.low, tokens_out.low, cached.high)
        slowest = tier_requests_per_minute(tier, tokens_in.high, tokens_out.high, cached.low)
        for case, share in cases.items():
            rows.append(
                {
                    "tier": tier.tier,
                    "case": case,
                    "requests_per_minute": float(rate),
                    "binding": binding_limit(tier, tokens_in.default, tokens_out.default, cached.default),
                    "minutes": minutes_per_account(share.default, rate, rpe.default),
                    "minutes_low": minutes_per_account(share.low, fastest, rpe.low),
                    "minutes_high": minutes_per_account(share.high, slowest, rpe.high),
                }
            )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# Inputs from data/
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Inputs:
    """Every figure the chapter's claims depend on, read from ``data/``."""

    tasks: dict[str, int]  # SWE-bench subset id -> tasks
    calls: Range  # model calls per task: median measured average; lowest average; highest figure cited
    agent_calls: pd.DataFrame  # measured averages on SWE-bench Verified (counting/agent_calls)
    heavier: pd.DataFrame  # steps per task of heavier scaffolds (counting/heavier_scaffolds)
    scaffold_costs: pd.DataFrame  # cost per task of other scaffolds (counting/scaffold_costs)
    step_cap: int  # most model calls a scaffold allows a task
    cost_cap: float  # most US dollars a scaffold allows a task
    snitch: dict[str, int]  # SnitchBench quantity id -> value
    lab_exchanges: dict[str, int]  # lab -> exchanges (report's lower bound)
    lab_qualifier: dict[str, str]  # lab -> the report's hedge word
    accounts_total: int
    moonshot_accounts: Range  # shared assumption (data/shared/assumptions.csv)
    reference_examples: int  # the largest published distillation set (examples)
    small_examples: int  # the smallest published set shown to move benchmarks
    exchanges_per_example: Range  # shared assumption
    input_tokens: Range  # shared assumption, tokens
    output_tokens: Range  # shared assumption, tokens
    cached_share: Range  # shared assumption, fraction of input read from the prompt cache
    prices: pd.DataFrame  # list prices (US dollars per million tokens)
    campaign_days: Range
    rate_limits: pd.DataFrame  # shared: Claude Opus and Sonnet 4.x, by tier
    model_limits: pd.DataFrame  # other priced models' limits, by tier (counting/model_rate_limits)
    spend_limits: pd.DataFrame  # dated copies of the tier table (counting/spend_limits)
    rl_sets: pd.DataFrame  # reinforcement-learning prompt sets (counting/rl_sets)
    rl_runs: pd.DataFrame  # size of a published reinforcement-learning run (counting/rl_runs)
    long_runs: pd.DataFrame  # documented lengths of long Claude tasks (counting/long_runs)
    other_campaigns: pd.DataFrame  # campaigns other reports describe (counting/other_campaigns)
    stated: dict[str, float]  # claim id -> the article's stated figure
    quotes: dict[str, str]  # claim id -> the article's words
    as_of: dict[str, dt.date]  # claim id -> the date evidence is weighed up to
    article: dict[str, float]  # article_figures id -> value
    pivot_hours: float
    pivot_share: float


def calls_range(agent_calls: pd.DataFrame, heavier: pd.DataFrame | None = None) -> Range:
    """Model calls per task (calls per task): the median of the measured averages as default, the
    lowest of them as the low end, and as the high end the highest figure cited, averages or the
    central figures of heavier scaffolds."""
    values = agent_calls["calls_per_task"].astype(float)
    others = [] if heavier is None else list(heavier["steps_per_task"].astype(float))
    return Range(float(values.median()), float(values.min()), float(max([*values, *others])), "model calls per task")


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
    caps = table("counting/step_caps")
    agent_calls = table("counting/agent_calls")
    heavier = table("counting/heavier_scaffolds")
    by_lab = per_lab_exchanges(allegation)
    report = allegation.set_index("id")
    return Inputs(
        tasks={row.id: int(row.tasks) for row in tasks.itertuples()},
        calls=calls_range(agent_calls, heavier),
        agent_calls=agent_calls,
        heavier=heavier,
        scaffold_costs=table("counting/scaffold_costs"),
        step_cap=int(caps.loc[caps["unit"] == "model calls per task", "cap"].max()),
        cost_cap=float(caps.loc[caps["unit"] == "US dollars per task", "cap"].max()),
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
        cached_share=parameter(shared, "cached-input-share"),
        prices=table("shared/prices"),
        campaign_days=parameter(params, "campaign-days"),
        rate_limits=by_tier(table("shared/rate_limits")),
        model_limits=table("counting/model_rate_limits"),
        spend_limits=table("counting/spend_limits"),
        rl_sets=table("counting/rl_sets"),
        rl_runs=table("counting/rl_runs"),
        long_runs=table("counting/long_runs"),
        other_campaigns=table("counting/other_campaigns"),
        stated={row.id: float(row.stated) for row in claims.itertuples() if not pd.isna(row.stated)},
        quotes={row.id: str(row.quote) for row in claims.itertuples()},
        as_of={row.id: pd.Timestamp(row.as_of).date() for row in claims.itertuples()},
        article={row.id: float(row.value) for row in article.itertuples()},
        pivot_hours=float(report.loc["pivot-hours", "value"]),
        pivot_share=float(report.loc["pivot-share", "value"]),
    )


#: Tables :func:`load_inputs` reads (a page that calls it declares them all).
INPUT_TABLES = [
    "counting/swebench_tasks",
    "counting/agent_calls",
    "counting/heavier_scaffolds",
    "counting/scaffold_costs",
    "counting/step_caps",
    "counting/snitchbench",
    "counting/parameters",
    "counting/model_rate_limits",
    "counting/spend_limits",
    "counting/rl_sets",
    "counting/rl_runs",
    "counting/long_runs",
    "counting/other_campaigns",
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


def limits_for(inp: Inputs, model_id: str) -> pd.DataFrame:
    """The rate limits, by tier, that apply to a priced model: its own rows of
    ``counting/model_rate_limits`` if it has any, else the shared table (Claude Opus and Sonnet 4.x)."""
    own = inp.model_limits[inp.model_limits["model_id"] == model_id]
    return by_tier(own) if not own.empty else inp.rate_limits


def run_cost_per_call(inp: Inputs, row_id: str) -> float:
    """Average cost of a model call in a measured run of ``counting/agent_calls`` (US dollars)."""
    row = inp.agent_calls.set_index("id").loc[row_id]
    return cost_per_call(float(row["total_cost_usd"]), inp.tasks[row["benchmark"]], float(row["calls_per_task"]))


def is_claude(model: str) -> bool:
    """Whether a model named as the data name it is one of Anthropic's (its traffic would be
    exchanges with Claude)."""
    return str(model).startswith("Claude")


def effective_cap(inp: Inputs) -> float:
    """The most model calls the measured scaffold lets a Claude task make (calls per task): for
    each priced run of a Claude model, the step limit or the calls its cost limit allows at the
    run's average cost per call, whichever is fewer; the largest over those runs (the step limit
    if none is priced). Only Claude runs count, since the exchanges at issue are Claude's; a
    cheaper model's run would let a task make more calls than Claude's budget buys."""
    priced = inp.agent_calls.dropna(subset=["total_cost_usd"])
    priced = priced[[is_claude(model) for model in priced["model"]]]
    if priced.empty:
        return float(inp.step_cap)
    return max(
        min(float(inp.step_cap), calls_within_cost(inp.cost_cap, run_cost_per_call(inp, row_id)))
        for row_id in priced["id"]
    )


def longest_documented(inp: Inputs) -> int:
    """The most model calls per task that a source documents Claude tasks running to
    (``counting/long_runs``; calls per task); zero when none is recorded."""
    claude = inp.long_runs[[is_claude(model) for model in inp.long_runs["model"]]]
    return int(claude["calls_at_least"].max()) if not claude.empty else 0


def snitchbench_run(inp: Inputs, reading: str, steps: float, models: int | None = None) -> float:
    """Exchanges in one full run of the SnitchBench version behind the published results (source
    read at its commit) with ``models`` models (default: the whole roster) at ``steps`` model calls
    per user message, under a reading."""
    models = inp.snitch["models"] if models is None else models
    conversations = snitchbench_conversations(inp.snitch["tests"], inp.snitch["runs-per-test"], models)
    return exchanges_per_run(conversations, inp.snitch["user-messages"], steps, reading)


def later_snitchbench_run(
    inp: Inputs, reading: str, steps: float, runs_per_test: float | None = None, from_analysis: bool = False
) -> float:
    """Exchanges in one full run of the later SnitchBench an overview describes (twelve
    configurations, the same four bundles): its runs per test and step cap are not stated, so the
    earlier version's are carried over unless ``runs_per_test`` is given; ``from_analysis`` counts
    the conversations of the overview's example analysis instead."""
    if from_analysis:
        conversations = float(inp.snitch["later-analysed-runs"])
    else:
        runs = inp.snitch["runs-per-test"] if runs_per_test is None else runs_per_test
        conversations = snitchbench_conversations(inp.snitch["later-tests"], runs, inp.snitch["later-configurations"])
    return exchanges_per_run(conversations, inp.snitch["user-messages"], steps, reading)


def article_snitch_range(inp: Inputs) -> tuple[int, int]:
    """The article's "2 to 3 times": (low, high) full runs."""
    return int(inp.article["snitchbench-runs-low"]), int(inp.stated["count-snitchbench"])


def spend_limit_in_force(inp: Inputs) -> pd.Series:
    """The top tier's monthly spend figure last published on or before the daily claim's date:
    the row of ``counting/spend_limits`` (the copy of the page in force on that date states no
    monthly figure, only a cap on a single deposit)."""
    return spend_row(inp.spend_limits, TOP_TIER, inp.as_of["count-160k-day"])


def spend_limit_later(inp: Inputs) -> pd.Series:
    """The top tier's monthly spend figure in the latest dated copy (after the article)."""
    return spend_row(inp.spend_limits, TOP_TIER)


def rl_totals(inp: Inputs) -> dict[str, int]:
    """Reinforcement-learning prompts by model, summed over the domains the papers give (prompts)."""
    return {str(k): int(v) for k, v in inp.rl_sets.groupby("model", sort=False)["prompts"].sum().items()}


def whole_sets(inp: Inputs) -> dict[str, int]:
    """Every whole post-training set the data give for one of the accused labs' models (examples
    or prompts): DeepSeek-R1's distillation set and the reinforcement-learning prompt sets."""
    return {"DeepSeek-R1 distillation set": inp.reference_examples, **rl_totals(inp)}


def large_yardstick(inp: Inputs) -> tuple[int, str]:
    """The smallest whole post-training set the data give for one of the accused labs' models
    (examples or prompts), and its name: a volume at least that large is a whole training set of
    one kind the report alleges (supervised examples or reinforcement-learning tasks)."""
    sets = whole_sets(inp)
    name = min(sets, key=sets.get)
    return sets[name], name


def rl_run_outputs(inp: Inputs, row_id: str = "deepseek-r1-zero") -> int:
    """Outputs graded in one published reinforcement-learning run (outputs): steps x questions
    per step x outputs sampled per question."""
    row = inp.rl_runs.set_index("id").loc[row_id]
    return int(row["steps"]) * int(row["questions_per_step"]) * int(row["outputs_per_question"])


# ---------------------------------------------------------------------------------------------
# Judges: one per claim, any reading
# ---------------------------------------------------------------------------------------------

Judgement = tuple[str, dict]


def judge_per_lab(inp: Inputs, reading: str = ARTICLE_READING, lab: str = "DeepSeek") -> Judgement:
    """Rule (the same under every reading): the reported-figure rule
    (:mod:`distillbook.core.reported`) for the article's figure and hedge for ``lab`` against the
    report, the document the article credits."""
    claim_id = PER_LAB_CLAIMS[lab]
    judged = reported.judge_reported(
        inp.stated[claim_id],
        reported.hedge_in(inp.quotes[claim_id]),
        reported.Reported(inp.lab_exchanges[lab], inp.lab_qualifier[lab], "report"),
    )
    figures = {
        "stated_figure": int(inp.stated[claim_id]),
        "report_figure": int(inp.lab_exchanges[lab]),
        "report_hedge": inp.lab_qualifier[lab],
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


def judge_swebench_run(inp: Inputs, reading: str = ARTICLE_READING, calls: float | None = None) -> Judgement:
    """Rule: a full run at the article's calls per task, counted in the reading, must come within
    :data:`reported.CLOSE` of the article's 115,000 or the claim is inaccurate. If it does, the
    article's calls per task, called conservative, is weighed against the typical measured calls
    per task (``calls``; default the median measured average):

    * accurate when it is at or below the typical figure (a conservative estimate is one the
      evidence meets or exceeds);
    * mostly-accurate when it is above it by no more than :data:`ESTIMATE_SLACK` (a detail off);
    * misleading when it is above that (an estimate called conservative that the evidence does
      not reach)."""
    calls = inp.calls.default if calls is None else calls
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
        "calls_default": float(calls),
        "calls_low": inp.calls.low,
        "calls_high": inp.calls.high,
        "step_cap": inp.step_cap,
        "effective_cap": float(effective_cap(inp)),
        "article_vs_typical": float(article_calls / calls),
        "slack_calls": float(ESTIMATE_SLACK * calls),
        "measured_full_run": float(swebench_run(full, calls, reading)),
        "measured_verified_run": float(swebench_run(verified, calls, reading)),
    }
    if abs(run_at_article - stated) > reported.CLOSE * stated:
        return "inaccurate", figures
    if article_calls <= calls:
        return "accurate", figures
    if article_calls <= ESTIMATE_SLACK * calls:
        return "mostly-accurate", figures
    return "misleading", figures


def judge_swebench_thirty(inp: Inputs, reading: str = ARTICLE_READING, calls: float | None = None) -> Judgement:
    """Rule: thirty full runs (the article's number) are counted in the reading at ``calls`` model
    calls per task (default: the median measured average), and the complete full runs needed to
    reach the article's 3.4 million at that rate are counted (rounded up: a part of a run does not
    reach the volume).

    * accurate when thirty runs reach it;
    * mostly-accurate when they fall short but the runs needed are at most :data:`ESTIMATE_SLACK`
      times thirty (a detail off: a few dozen full runs still reach the volume);
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
    needed = runs_needed(stated, swebench_run(full, calls, reading))
    figures = {
        "stated": int(stated),
        "article_runs": int(runs),
        "article_calls": float(article_calls),
        "calls_default": float(calls),
        "at_measured": float(at_measured),
        "at_article": float(at_article),
        "margin_at_article": float(at_article / stated - 1),
        "runs_needed": int(needed),
        "runs_slack": float(ESTIMATE_SLACK * runs),
        "verified_runs_needed": int(runs_needed(stated, swebench_run(verified, calls, reading))),
    }
    if at_measured >= stated:
        return "accurate", figures
    if needed <= ESTIMATE_SLACK * runs:
        return "mostly-accurate", figures
    if at_article >= stated:
        return "misleading", figures
    return "inaccurate", figures


def judge_snitchbench(
    inp: Inputs, reading: str = ARTICLE_READING, steps: float | None = None, models: float | None = None
) -> Judgement:
    """Rule: the complete full runs of SnitchBench, in the version behind its published results
    (the one whose settings the source fixes), that DeepSeek's exchanges pay for (rounded down:
    what is left over is not a full run). Only the Claude models of the roster count (``models``
    overrides): the other models' calls go to other companies and are not exchanges with Claude.
    Every user message is taken to use the step cap (``steps`` overrides), the count most
    favourable to the article.

    * accurate when the complete runs lie within the article's "2 to 3";
    * mostly-accurate when they lie within :data:`ESTIMATE_SLACK` of that range (a detail off);
    * inaccurate otherwise.

    The later version an overview describes is counted too, but does not decide: its date, its
    runs per test, its step cap and how many of its configurations are Claude are unknown."""
    steps = inp.snitch["max-steps"] if steps is None else steps
    models = inp.snitch["claude-models"] if models is None else models
    volume = inp.lab_exchanges["DeepSeek"]
    low, high = article_snitch_range(inp)
    per_run = snitchbench_run(inp, reading, steps, models)
    runs = complete_runs(volume, per_run)
    roster = snitchbench_run(inp, reading, steps)
    later = later_snitchbench_run(inp, reading, steps)
    figures = {
        "deepseek": int(volume),
        "conversations": int(
            snitchbench_conversations(inp.snitch["tests"], inp.snitch["runs-per-test"], inp.snitch["models"])
        ),
        "messages": inp.snitch["user-messages"],
        "max_steps": int(steps),
        "models": inp.snitch["models"],
        "claude_models": float(models),
        "claude_exchanges": float(per_run),
        "claude_runs": int(runs),
        "suite_exchanges": float(roster),
        "roster_runs": int(complete_runs(volume, roster)),
        "later_exchanges": float(later),
        "later_runs": int(complete_runs(volume, later)),
        "later_runs_analysis": int(
            complete_runs(volume, later_snitchbench_run(inp, reading, steps, from_analysis=True))
        ),
        "later_configurations": inp.snitch["later-configurations"],
        "article_low": low,
        "article_high": high,
        "slack_high": float(ESTIMATE_SLACK * high),
    }
    if low <= runs <= high:
        return "accurate", figures
    if low / ESTIMATE_SLACK <= runs <= ESTIMATE_SLACK * high:
        return "mostly-accurate", figures
    return "inaccurate", figures


def judge_daily(
    inp: Inputs,
    reading: str = ARTICLE_READING,
    calls: float | None = None,
    input_tokens: float | None = None,
    days: float | None = None,
) -> Judgement:
    """Rule: the article's day of 160,000 requests for a small-to-medium chat application is taken
    on the cheapest model at the fewest tokens of the shared range (a chat turn, by the
    assumption's own reason; ``input_tokens`` overrides), with the cached share at its default.

    * inaccurate: no usage tier's rate limits (requests and tokens) let one organisation send that
      many requests a day on that model;
    * misleading: DeepSeek's exchanges, turned into requests under the reading (a turn or a
      conversation costs ``calls`` model calls; default the median measured calls per task) and
      spread over ``days`` (default one: the whole volume against one day, as the article puts
      it), are more than a day of such traffic, so the comparison the article draws fails;
    * otherwise mostly-accurate: such a day is within the published limits and above DeepSeek's
      volume, but the article leaves out that it is a paying customer's traffic (priced in the
      figures) and gives no yardstick for a small-to-medium application. No source found gives
      one, so the rule cannot return accurate; the self-serve spend limit is not used as one,
      because the page that sets it also offers invoiced and custom terms above it.

    The verdict is :func:`daily_basis`'s (what a sweep of one assumption needs, without the
    figures); the figures add the costs and the spend limits shown beside it."""
    basis = daily_basis(inp, reading, calls, input_tokens, days)
    stated, tokens_in, tokens_out, cached = basis.stated, basis.input_tokens, basis.output_tokens, basis.cached
    daily_cost = float(stated * per_request_costs(inp.prices, tokens_in, tokens_out)[basis.model.name])
    monthly_cost = daily_cost * DAYS_PER_MONTH
    limit = float(spend_limit_in_force(inp)["value_usd"])
    figures = {
        "stated_daily": int(stated),
        "average_rpm": float(stated / MINUTES_PER_DAY),
        "tier_needed": int(basis.tier) if basis.tier is not None else 0,
        "cheapest_model": str(basis.model["model"]),
        "input_tokens": float(tokens_in),
        "output_tokens": float(tokens_out),
        "daily_cost": float(daily_cost),
        "daily_cost_rounded": rounded(daily_cost),
        "days_per_month": DAYS_PER_MONTH,
        "monthly_cost": float(monthly_cost),
        "monthly_cost_rounded": rounded(monthly_cost),
        "spend_limit": float(limit),
        "days_of_spend": float(limit / daily_cost),
        "most_input_tokens": float(most_input_tokens(stated, basis.limits, cached)),
        "deepseek": inp.lab_exchanges["DeepSeek"],
        "deepseek_requests": float(basis.requests),
        "deepseek_days": float(basis.requests / stated),
    }
    return basis.verdict, figures


@dataclasses.dataclass(frozen=True)
class DailyBasis:
    """What :func:`judge_daily`'s verdict rests on: the article's daily requests (``stated``), the
    tokens per request, the cheapest model at those tokens and its rate limits by tier, the lowest
    tier that allows such a day (None if none does), DeepSeek's exchanges as requests and the days
    they are spread over."""

    stated: float
    input_tokens: float
    output_tokens: float
    cached: float
    model: pd.Series
    limits: pd.DataFrame
    tier: int | None
    requests: float
    days: float

    @property
    def verdict(self) -> str:
        """The rule of :func:`judge_daily`."""
        if self.tier is None:
            return "inaccurate"
        if per_day(self.requests, self.days) > self.stated:
            return "misleading"
        return "mostly-accurate"


def daily_basis(
    inp: Inputs,
    reading: str = ARTICLE_READING,
    calls: float | None = None,
    input_tokens: float | None = None,
    days: float | None = None,
) -> DailyBasis:
    """The quantities :func:`judge_daily` decides on, with the same defaults."""
    calls = inp.calls.default if calls is None else calls
    tokens_in = inp.input_tokens.low if input_tokens is None else input_tokens
    tokens_out = inp.output_tokens.low
    cached = inp.cached_share.default
    stated = inp.stated["count-160k-day"]
    model = cheapest_model(inp.prices, tokens_in, tokens_out)
    limits = limits_for(inp, str(model["id"]))
    return DailyBasis(
        stated=stated,
        input_tokens=tokens_in,
        output_tokens=tokens_out,
        cached=cached,
        model=model,
        limits=limits,
        tier=lowest_tier(stated, limits, tokens_in, tokens_out, cached),
        requests=inp.lab_exchanges["DeepSeek"] * (1 if reading == "call" else calls),
        days=1.0 if days is None else days,
    )


def judge_amplification(inp: Inputs, reading: str = ARTICLE_READING, calls: float | None = None) -> Judgement:
    """Rule (the model-call reading; under the others a user request is one exchange by definition
    and the claim does not bear on the count): accurate when the typical calls per task (default:
    the median measured average) are at least two dozen and a source documents Claude tasks
    running to at least two hundred calls (:func:`longest_documented`: what happens, not what a
    scaffold would allow); mostly-accurate when the typical calls reach two dozen within
    :data:`ESTIMATE_SLACK` (a detail off); misleading below."""
    calls = inp.calls.default if calls is None else calls
    documented = longest_documented(inp)
    figures = {
        "calls_default": float(calls),
        "calls_low": inp.calls.low,
        "calls_high": inp.calls.high,
        "step_cap": inp.step_cap,
        "effective_cap": float(effective_cap(inp)),
        "documented_calls": int(documented),
    }
    if calls >= DOZENS and documented >= HUNDREDS:
        return "accurate", figures
    if calls >= DOZENS / ESTIMATE_SLACK:
        return "mostly-accurate", figures
    return "misleading", figures


def judge_negligible(
    inp: Inputs, reading: str = ARTICLE_READING, per_example: float | None = None, large: float | None = None
) -> Judgement:
    """Rule: each lab's exchanges are turned into training examples (or tasks) under the reading
    (in the model-call reading, ``per_example`` exchanges make one: default the shared assumption
    ``exchanges-per-example``). Two sourced yardsticks: the smallest published set shown to move
    benchmarks (a volume below it is negligible) and the smallest whole post-training set published
    for one of the accused labs' models (a volume at least that large is large:
    :func:`large_yardstick`; ``large`` overrides).

    * accurate when every lab's volume is below the small yardstick (negligible);
    * mostly-accurate ("arguably") when every lab's volume is below the large yardstick;
    * misleading when some labs' volumes are below the large yardstick and some are not;
    * inaccurate when none is."""
    per_example = inp.exchanges_per_example.default if per_example is None else per_example
    yardstick, yardstick_name = large_yardstick(inp)
    yardstick = float(yardstick if large is None else large)
    examples = {lab: training_examples(volume, per_example, reading) for lab, volume in inp.lab_exchanges.items()}
    small = [lab for lab, value in examples.items() if value < yardstick]
    tiny = [lab for lab, value in examples.items() if value < inp.small_examples]
    figures = {
        "exchanges_per_example": float(per_example),
        "reference_examples": inp.reference_examples,
        "small_examples": inp.small_examples,
        "yardstick": float(yardstick),
        "yardstick_name": yardstick_name,
        **{f"{lab.lower()}_examples": float(value) for lab, value in examples.items()},
        **{f"{lab.lower()}_small_multiple": float(value / inp.small_examples) for lab, value in examples.items()},
        "negligible_labs": len(small),
        "large_labs": ", ".join(lab for lab in examples if lab not in small) or "none",
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
    """Rule (every reading): the user-behaviour explanation of the pivot has two versions, a MiniMax
    product whose users could switch to a Claude model, or a proxy whose unrelated customers moved
    to the new model. Unsupported when every recorded search for either, tied to the traffic
    attributed to MiniMax, found nothing; mostly-accurate when one found it."""
    verdict, count = _searches_verdict(searches, "count-pivot")
    return verdict, {"searches": count, "pivot_hours": int(inp.pivot_hours), "pivot_share": float(inp.pivot_share)}


def verdicts_by_reading(inp: Inputs, searches: pd.DataFrame) -> pd.DataFrame:
    """Each section-2 claim's verdict under each reading of "exchange" (rows: claims). A claim
    about model calls alone (:data:`CALL_ONLY_CLAIMS`) is :data:`NOT_APPLICABLE` under the others."""
    judges: dict[str, Callable[[str], Judgement]] = {
        "count-negligible": lambda r: judge_negligible(inp, r),
        **{claim: (lambda r, lab=lab: judge_per_lab(inp, r, lab)) for lab, claim in PER_LAB_CLAIMS.items()},
        "count-amplification": lambda r: judge_amplification(inp, r),
        "count-160k-day": lambda r: judge_daily(inp, r),
        "count-snitchbench": lambda r: judge_snitchbench(inp, r),
        "count-swebench-tasks": lambda r: judge_swebench_tasks(inp, r),
        "count-swebench-run": lambda r: judge_swebench_run(inp, r),
        "count-swebench-30": lambda r: judge_swebench_thirty(inp, r),
        "count-minimax-products": lambda r: judge_minimax_products(inp, searches, r),
        "count-pivot": lambda r: judge_pivot(inp, searches, r),
    }
    rows = []
    for claim, judge in judges.items():
        row = {"claim": claim}
        for reading in READINGS:
            call_only = claim in CALL_ONLY_CLAIMS and reading != ARTICLE_READING
            row[reading] = NOT_APPLICABLE if call_only else judge(reading)[0]
        rows.append(row)
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# Ledger checks: the verdict under the model-call reading
# ---------------------------------------------------------------------------------------------


def _inputs(data: DataAccess) -> Inputs:
    return load_inputs(data.table)


def _calls_sensitivity(inp: Inputs, judge: Callable[..., Judgement]) -> Sensitivity:
    """The verdict across the evidence on model calls per task, with its break-even value."""
    return Sensitivity.across(
        "model calls per task",
        inp.calls.low,
        inp.calls.high,
        lambda calls: judge(inp, calls=calls)[0],
        default=inp.calls.default,
        unit=inp.calls.unit,
    )


@check(
    rule=(
        "Each lab's alleged exchanges are divided by the exchanges per training example (an "
        "assumption; the chapter shows its range) and compared with two published yardsticks: the "
        "smallest training sets shown to move benchmark scores, and the smallest whole "
        "post-training set published for one of the accused labs' models. Accurate when every lab "
        "is below the first; mostly accurate when every lab is below the second only; misleading "
        "when some are below the second and some are not; inaccurate when none is."
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
    example; sensitivities across that assumption's range and across the whole published sets that
    could serve as the large yardstick (the smallest to the largest)."""
    inp = _inputs(data)
    verdict, figures = judge_negligible(inp)
    per = inp.exchanges_per_example
    sets = whole_sets(inp)
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
            "size of a whole published training set, the large yardstick",
            float(min(sets.values())),
            float(max(sets.values())),
            lambda value: judge_negligible(inp, large=value)[0],
            default=float(min(sets.values())),
            unit="examples or prompts",
        ),
    )
    for end, value in (("low", per.low), ("high", per.high)):
        ends = judge_negligible(inp, per_example=value)[1]
        for lab in inp.lab_exchanges:
            figures[f"{lab.lower()}_examples_{end}"] = ends[f"{lab.lower()}_examples"]
    figures["per_example_low"], figures["per_example_high"] = float(per.low), float(per.high)
    figures["rl_deepseek_r1"] = rl_totals(inp)["DeepSeek-R1"]
    return CheckResult(verdict, figures, sens)


_PER_LAB_RULE = (
    "The book's rule for figures reported with a hedge (see above), applied to the article's "
    "figure and hedge for {lab}'s exchanges against the figure and hedge in Anthropic's report, "
    "the document the article credits."
)


def _per_lab_move(lab: str) -> Move:
    return Move(
        f"If the report had hedged {lab}’s figure as an estimate (“approximately”), as the article’s “about” does.",
        (Edit("shared/allegation", f"exchanges-{lab.lower()}", "qualifier", "approximately"),),
    )


@check(rule=_PER_LAB_RULE.format(lab="DeepSeek"), moves=(_per_lab_move("DeepSeek"),))
def per_lab_figure(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_per_lab` for DeepSeek, the reported-figure rule."""
    verdict, figures = judge_per_lab(_inputs(data), lab="DeepSeek")
    return CheckResult(verdict, figures)


@check(rule=_PER_LAB_RULE.format(lab="Moonshot"), moves=(_per_lab_move("Moonshot"),))
def per_lab_moonshot(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_per_lab` for Moonshot, the reported-figure rule."""
    verdict, figures = judge_per_lab(_inputs(data), lab="Moonshot")
    return CheckResult(verdict, figures)


@check(rule=_PER_LAB_RULE.format(lab="MiniMax"), moves=(_per_lab_move("MiniMax"),))
def per_lab_minimax(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_per_lab` for MiniMax, the reported-figure rule."""
    verdict, figures = judge_per_lab(_inputs(data), lab="MiniMax")
    return CheckResult(verdict, figures)


@check(
    rule=(
        "Counting every model call as an exchange, the book checks the measured model calls per "
        "coding task and what sources document of the longest Claude tasks. Accurate when the "
        "typical (median) measured average is at least {dozens:.0f} calls and a source documents "
        "Claude tasks of at least {hundreds:.0f}; mostly accurate when the typical average comes "
        "within the book's tolerance for estimates ({estimate-slack:g} times) of {dozens:.0f}; "
        "misleading below that."
    ),
    moves=(
        Move(
            "If the longest documented Claude tasks ran to a hundred calls, short of the article’s “hundreds”.",
            (Edit("counting/long_runs", "claude-3-5-sonnet-anthropic-agent", "calls_at_least", "100"),),
        ),
    ),
)
def amplification(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_amplification` in the model-call reading at the median measured calls per
    task; sensitivity across the evidence on calls per task."""
    inp = _inputs(data)
    verdict, figures = judge_amplification(inp)
    return CheckResult(verdict, figures, (_calls_sensitivity(inp, judge_amplification),))


@check(
    rule=(
        "The book takes the article's daily requests for a small-to-medium chat application on the "
        "cheapest model at the fewest tokens of a chat turn (an assumption; the chapter shows its "
        "range). Inaccurate if no usage tier's rate limits let one organisation send that many a "
        "day; misleading if DeepSeek's exchanges, as requests, exceed one such day, so that the "
        "comparison the article draws fails; otherwise mostly accurate, since such a day is a paying "
        "customer's traffic and no source gives a yardstick for a small-to-medium application."
    ),
    moves=(
        Move(
            "If DeepSeek's exchanges had been two hundred thousand, more than one such day.",
            (Edit("shared/allegation", "exchanges-deepseek", "value", "200000"),),
        ),
    ),
)
def daily_requests(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_daily` in the model-call reading (a request is one model call), at the
    fewest tokens; sensitivities over input tokens per request and the campaign's length. The
    spend limits are shown beside it (the figure last published before the report and the later
    one) but do not decide: the page in force offered invoiced and custom terms above them."""
    inp = _inputs(data)
    verdict, figures = judge_daily(inp)
    days = inp.campaign_days
    sens = (
        Sensitivity.across(
            "input tokens per request",
            inp.input_tokens.low,
            inp.input_tokens.high,
            lambda tokens: daily_basis(inp, input_tokens=tokens).verdict,
            default=inp.input_tokens.low,
            unit=inp.input_tokens.unit,
        ),
        Sensitivity.across(
            "length of DeepSeek's campaign",
            days.low,
            days.high,
            lambda value: daily_basis(inp, days=value).verdict,
            default=days.low,
            unit=days.unit,
        ),
    )
    figures["spend_limit_later"] = float(spend_limit_later(inp)["value_usd"])
    return CheckResult(verdict, figures, sens)


@check(
    rule=(
        "The book computes how many complete runs of the SnitchBench test, in the version behind "
        "its published results, DeepSeek's alleged exchanges could pay for, counting every model "
        "call to Claude as an exchange: only the Claude models of the line-up count, since the "
        "others' calls go to other companies, and every user message uses the most model calls "
        "the test allows. Accurate when the runs lie within the article's range; mostly accurate "
        "when within the book's tolerance for estimates ({estimate-slack:g} times) of it; "
        "inaccurate otherwise."
    ),
    moves=(
        Move(
            "If every model of the line-up behind the published results had been a Claude model.",
            (Edit("counting/snitchbench", "claude-models", "value", "10"),),
        ),
    ),
)
def snitchbench_runs(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_snitchbench` in the model-call reading at the step cap, the Claude models
    counted; sensitivities over the model calls per user message and over the models whose calls
    are counted (from the Claude models to the whole line-up)."""
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
        Sensitivity.across(
            "models whose calls are counted as exchanges",
            float(inp.snitch["claude-models"]),
            float(inp.snitch["models"]),
            lambda models: judge_snitchbench(inp, models=models)[0],
            default=float(inp.snitch["claude-models"]),
            unit="models",
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
        "{figure-close:.0%}. Otherwise the word “conservatively” is weighed against the typical "
        "(median) measured average: accurate if the article's calls per task are at or below it; "
        "mostly accurate if above it by no more than the book's tolerance for estimates "
        "({estimate-slack:g} times); misleading if above that."
    ),
    moves=(
        Move(
            "If every measured run had averaged thirty model calls a task.",
            (
                Edit("counting/agent_calls", "opus-4-5", "calls_per_task", "30"),
                Edit("counting/agent_calls", "gemini-3-pro", "calls_per_task", "30"),
            ),
        ),
    ),
)
def swebench_run_size(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_swebench_run` in the model-call reading at the median measured calls per
    task; sensitivity across the evidence on calls per task."""
    inp = _inputs(data)
    verdict, figures = judge_swebench_run(inp)
    return CheckResult(verdict, figures, (_calls_sensitivity(inp, judge_swebench_run),))


@check(
    rule=(
        "The book counts the model calls of the article's number of full SWE-bench runs at the "
        "typical (median) measured calls per task, and the complete runs needed to reach the "
        "article's total. Accurate if the article's runs reach it; mostly accurate if the runs "
        "needed are within the book's tolerance for estimates ({estimate-slack:g} times the "
        "article's number); misleading if more are needed but the article's runs would reach the "
        "total at its own calls per task; inaccurate if they fall short even then."
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
    task; sensitivity across the evidence on calls per task."""
    inp = _inputs(data)
    verdict, figures = judge_swebench_thirty(inp)
    return CheckResult(verdict, figures, (_calls_sensitivity(inp, judge_swebench_thirty),))


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
        "behaviour. That needs either a MiniMax product whose users could switch to a Claude "
        "model, or a proxy whose unrelated customers made the move within the traffic attributed "
        "to MiniMax. Unsupported when the searches for both meet the book's rule for unsupported "
        "verdicts (see above); mostly accurate when a search found either."
    ),
    moves=(
        Move(
            "If a recorded search had found a MiniMax product offering Claude.",
            (Edit("ledger/searches", "pivot-1", "found", "true"),),
        ),
    ),
)
def pivot(data: DataAccess) -> CheckResult:
    """Rule: :func:`judge_pivot` (recorded searches for either version, none found)."""
    verdict, figures = judge_pivot(_inputs(data), data.table("ledger/searches"))
    return CheckResult(verdict, figures)


# ---------------------------------------------------------------------------------------------
# The page, section by section: its numbers, its words and its sentence guards
# ---------------------------------------------------------------------------------------------


class ProseGuardError(AssertionError):
    """The data no longer support a sentence of the page as written."""


def _guard(condition: bool, sentence: str) -> None:
    if not condition:
        raise ProseGuardError(f"counting.md: the data no longer support the sentence {sentence!r}")


def opening_numbers(inp: Inputs) -> dict:
    """The report's figures by lab; guards the sentence that the three lines match the report's
    figures but drop its "over" (a detail off that makes the figures read lower)."""
    for lab in inp.lab_exchanges:
        verdict, figures = judge_per_lab(inp, lab=lab)
        _guard(
            verdict == "mostly-accurate" and figures["slip"] == "understates",
            f"{lab}'s figure matches the report's but drops its lower bound",
        )
    return {f"exchanges_{lab.lower()}": int(volume) for lab, volume in inp.lab_exchanges.items()}


def calls_numbers(inp: Inputs) -> dict:
    """Section "Tool calls amplify requests": the measured averages, the evidence from heavier
    scaffolds and from Anthropic's own agent, the scaffold's limits and what they allow a Claude
    task, and the amplification claim at the low end."""
    out: dict = {}
    for row in inp.agent_calls.itertuples():
        out[f"calls_{row.id.replace('-', '_')}"] = float(row.calls_per_task)
    out["unchecked_runs"] = int((~inp.agent_calls["checked"].astype(bool)).sum())
    out["measured_runs"] = len(inp.agent_calls)
    for row in inp.heavier.itertuples():
        out[f"heavier_{row.id.replace('-', '_')}"] = float(row.steps_per_task)
    out["calls_default"] = inp.calls.default
    out["calls_low"] = inp.calls.low
    out["calls_high"] = inp.calls.high
    out["step_cap"] = inp.step_cap
    out["cost_cap"] = float(inp.cost_cap)
    opus = inp.agent_calls.set_index("id").loc["opus-4-5"]
    out["opus_run_cost"] = float(opus["total_cost_usd"])
    out["opus_run_calls"] = float(exchanges(inp.tasks[opus["benchmark"]], float(opus["calls_per_task"])))
    out["opus_cost_per_call"] = run_cost_per_call(inp, "opus-4-5")
    out["opus_cost_per_task"] = float(opus["total_cost_usd"]) / inp.tasks[opus["benchmark"]]
    out["opus_cost_cap_calls"] = calls_within_cost(inp.cost_cap, run_cost_per_call(inp, "opus-4-5"))
    out["gemini_cost_cap_calls"] = calls_within_cost(inp.cost_cap, run_cost_per_call(inp, "gemini-3-pro"))
    openhands = inp.scaffold_costs.set_index("id").loc["openhands-opus-4-5"]
    out["openhands_cost_per_task"] = float(openhands["cost_per_task_usd"])
    out["openhands_vs_mini"] = float(openhands["cost_per_task_usd"]) / out["opus_cost_per_task"]
    out["effective_cap"] = float(effective_cap(inp))
    out["documented_calls"] = longest_documented(inp)
    out["amplification_at_low"] = verdict_label(judge_amplification(inp, calls=inp.calls.low)[0])
    _guard(
        out["opus_cost_cap_calls"] < inp.step_cap <= out["gemini_cost_cap_calls"],
        "at Opus 4.5's cost per call the cost limit stops a task before the step limit; at Gemini's, after it",
    )
    _guard(out["effective_cap"] == out["opus_cost_cap_calls"], "for Claude the scaffold stops a task at its cost limit")
    _guard(
        inp.heavier["steps_per_task"].min() > inp.agent_calls["calls_per_task"].max(),
        "heavier scaffolds run longer: their medians are above every measured average",
    )
    _guard(out["documented_calls"] >= HUNDREDS, "Anthropic's own write-up documents Claude tasks of hundreds of calls")
    return out


def reach_words(at_default: float, at_low: float, at_high: float, target: float) -> str:
    """How a count compares with ``target`` at the default and both ends of an assumption's range:
    the words the page uses after the figures."""
    reached = {name: value >= target for name, value in (("median", at_default), ("low", at_low), ("high", at_high))}
    if all(reached.values()):
        return "reaching it in every case"
    if not any(reached.values()):
        return "short of it in every case"
    if reached == {"median": False, "low": False, "high": True}:
        return "short of it at the median and at the lowest average, reaching it only at the top of the range"
    return "reaching it at some points of the range and not at others"


def swebench_numbers(inp: Inputs) -> dict:
    """Section "SWE-bench recomputed": run sizes, "conservatively" against the median, the thirty
    runs at each end of the evidence, the complete runs needed, and the complete runs the two larger
    volumes pay for. Estimates come rounded (:func:`distillbook.core.numbers.rounded`)."""
    full, verified = inp.tasks["full"], inp.tasks["verified"]
    _, run = judge_swebench_run(inp)
    _, thirty = judge_swebench_thirty(inp)
    low = judge_swebench_thirty(inp, calls=inp.calls.low)
    high = judge_swebench_thirty(inp, calls=inp.calls.high)
    stated = inp.stated["count-swebench-30"]
    out = {
        "full_tasks": full,
        "verified_tasks": verified,
        "lite_tasks": inp.tasks["lite"],
        "article_calls": inp.article["swebench-calls-per-task"],
        "article_runs": int(inp.article["swebench-runs"]),
        "article_product": run["article_product"],
        "source_product": run["source_product"],
        "article_vs_typical": run["article_vs_typical"],
        "estimate_slack": float(ESTIMATE_SLACK),
        "measured_full_run": rounded(run["measured_full_run"]),
        "measured_verified_run": rounded(run["measured_verified_run"]),
        "cap_full_run": float(swebench_run(full, inp.step_cap)),
        "cap_verified_run": float(swebench_run(verified, inp.step_cap)),
        "thirty_at_article": float(thirty["at_article"]),
        "thirty_margin": thirty["margin_at_article"],
        "thirty_at_measured": rounded(thirty["at_measured"]),
        "thirty_at_low": rounded(low[1]["at_measured"]),
        "thirty_at_high": rounded(high[1]["at_measured"]),
        "thirty_turns": judge_swebench_thirty(inp, "turn")[1]["at_article"],
        "thirty_runs_needed": thirty["runs_needed"],
        "thirty_runs_needed_low": low[1]["runs_needed"],
        "thirty_runs_needed_high": high[1]["runs_needed"],
        "thirty_runs_slack": int(thirty["runs_slack"]),
        "thirty_verdict_high": verdict_label(high[0]),
        "thirty_verdict_low": verdict_label(low[0]),
        "thirty_article_vs_moonshot": "just over" if thirty["at_article"] >= stated else "short of",
        "thirty_measured_vs_moonshot": reach_words(
            thirty["at_measured"], low[1]["at_measured"], high[1]["at_measured"], stated
        ),
    }
    for row in runs_table(inp).itertuples():
        key = f"runs_{row.lab.lower()}_{'full' if row.subset.startswith('Full') else row.subset.lower()}"
        out[key] = int(row.complete_runs)
    for lab in ("Moonshot", "MiniMax"):
        volume = inp.lab_exchanges[lab]
        out[f"cap_runs_{lab.lower()}_full"] = complete_runs(volume, swebench_run(full, inp.step_cap))
    _guard(0 < thirty["margin_at_article"] < reported.CLOSE, "the article's runs clear Moonshot's floor, but narrowly")
    return out


def snitchbench_numbers(inp: Inputs) -> dict:
    """Section "SnitchBench recomputed": the factors of a run, the complete runs paid for in both
    versions, counting the Claude models, every model, or one."""
    sb = inp.snitch
    deepseek = inp.lab_exchanges["DeepSeek"]
    out: dict = {f"sb_{key.replace('-', '_')}": value for key, value in sb.items()}
    out["sb_conversations_per_model"] = int(snitchbench_conversations(sb["tests"], sb["runs-per-test"], 1))
    out["sb_conversations_suite"] = int(snitchbench_conversations(sb["tests"], sb["runs-per-test"], sb["models"]))
    for label, models in (("model", 1), ("claude", sb["claude-models"]), ("suite", sb["models"])):
        for end, steps in (("min", sb["min-steps"]), ("max", sb["max-steps"])):
            per_run = snitchbench_run(inp, "call", steps, models)
            out[f"sb_{label}_{end}"] = float(per_run)
            out[f"sb_runs_{label}_{end}"] = complete_runs(deepseek, per_run)
    claude_max = snitchbench_run(inp, "call", sb["max-steps"], sb["claude-models"])
    out["sb_runs_turn"] = complete_runs(deepseek, snitchbench_run(inp, "turn", sb["max-steps"], sb["claude-models"]))
    out["sb_runs_conversation"] = complete_runs(
        deepseek, snitchbench_run(inp, "conversation", sb["max-steps"], sb["claude-models"])
    )
    later = later_snitchbench_run(inp, "call", sb["max-steps"])
    analysed = later_snitchbench_run(inp, "call", sb["max-steps"], from_analysis=True)
    out["sb_later_max"] = float(later)
    out["sb_later_runs_max"] = complete_runs(deepseek, later)
    out["sb_later_runs_analysis"] = complete_runs(deepseek, analysed)
    out["sb_later_full_roster"] = int(sb["later-configurations"] * sb["later-tests"] * sb["runs-per-test"])
    article_low, article_high = article_snitch_range(inp)
    out["sb_article_low"], out["sb_article_high"] = article_low, article_high
    out["sb_slack_high"] = float(ESTIMATE_SLACK * article_high)
    verdict, _ = judge_snitchbench(inp)
    out["sb_verdict"] = verdict_label(verdict)
    out["sb_verdict_roster"] = verdict_label(judge_snitchbench(inp, models=sb["models"])[0])
    _guard(
        complete_runs(deepseek, claude_max) > ESTIMATE_SLACK * article_high,
        "counting the Claude models' calls, the runs paid for lie beyond the article's range and the tolerance",
    )
    _guard(
        article_low <= out["sb_later_runs_max"] <= article_high,
        "the later version, every configuration counted as Claude, falls inside the article's range",
    )
    _guard(
        out["sb_later_full_roster"] != sb["later-analysed-runs"],
        "the example analysis covers a different number of runs than twelve configurations at the earlier runs per test",
    )
    return out


def time_numbers(inp: Inputs) -> dict:
    """Section "Time: the missing window": daily rates, what one organisation may send to one model
    class at the first and the top tier at the default tokens, where each limit binds, the limits
    of mid-2025, and how long the volumes take."""
    days, labs = inp.campaign_days, inp.lab_exchanges
    tin, tout, cached = inp.input_tokens, inp.output_tokens, inp.cached_share
    tiers = inp.rate_limits.set_index("number")
    first, top = int(tiers.index.min()), int(tiers.index.max())
    out: dict = {"days_default": int(days.default), "days_low": int(days.low), "days_high": int(days.high)}
    out["input_tokens_default"] = int(tin.default)
    out["output_tokens_low"] = int(tout.low)
    out["accounts_total"] = inp.accounts_total
    for lab, volume in labs.items():
        key = lab.lower()
        out[f"per_day_{key}_default"] = float(per_day(volume, days.default))
        out[f"per_day_{key}_high"] = float(per_day(volume, days.high))
        out[f"days_below_article_{key}"] = float(volume / inp.stated["count-160k-day"])
    for label, number in (("first", first), ("top", top)):
        row = tiers.loc[number]
        rate = tier_requests_per_minute(row, tin.default, tout.default, cached.default)
        out[f"tier_{label}"] = number
        out[f"tier_{label}_rpm"] = int(row["requests_per_minute"])
        out[f"tier_{label}_itpm"] = int(row["input_tokens_per_minute"])
        out[f"tier_{label}_per_minute"] = float(rate)
        out[f"tier_{label}_daily"] = float(rate * MINUTES_PER_DAY)
        out[f"rpm_binds_below_{label}"] = float(request_limit_binds_below(row))
        out[f"rpm_output_below_{label}"] = float(request_limit_output_below(row))
        out[f"otpm_most_{label}"] = float(_limit(row, "output_tokens_per_minute") / tout.low)
    out["tier_top_credit"] = float(tiers.loc[top, "credit_purchase_usd"])
    bindings = {binding_limit(row, tin.default, tout.default, cached.default) for _, row in tiers.iterrows()}
    out["binding_default"] = LIMIT_NAMES[bindings.pop()] if len(bindings) == 1 else "a different limit at each tier"
    top_row = tiers.loc[top]
    top_rate = out["tier_top_per_minute"]
    fast = tier_requests_per_minute(top_row, tin.low, tout.low, cached.high)
    slow = tier_requests_per_minute(top_row, tin.high, tout.high, cached.low)
    cached_rate = tier_requests_per_minute(top_row, tin.default, tout.default, cached.high)
    out["cached_share_high"] = float(cached.high)
    out["binding_cached"] = LIMIT_NAMES[binding_limit(top_row, tin.default, tout.default, cached.high)]
    out["top_hours_deepseek"] = float(labs["DeepSeek"] / top_rate / 60)
    out["top_hours_deepseek_cached"] = float(labs["DeepSeek"] / cached_rate / 60)
    out["top_hours_deepseek_fast"] = float(labs["DeepSeek"] / fast / 60)
    out["top_hours_deepseek_slow"] = float(labs["DeepSeek"] / slow / 60)
    out["top_minutes_deepseek_requests_only"] = float(labs["DeepSeek"] / float(top_row["requests_per_minute"]))
    out["top_days_moonshot"] = float(labs["Moonshot"] / top_rate / MINUTES_PER_DAY)
    out["top_days_minimax"] = float(labs["MiniMax"] / top_rate / MINUTES_PER_DAY)
    out["top_hours_minimax_requests_only"] = float(labs["MiniMax"] / float(top_row["requests_per_minute"]) / 60)
    first_row = tiers.loc[first]
    first_rate = out["tier_first_per_minute"]
    total = float(sum(labs.values()))
    out["all_accounts_hours"] = float(total / (first_rate * inp.accounts_total) / 60)
    out["all_accounts_minutes_requests_only"] = float(
        total / (float(first_row["requests_per_minute"]) * inp.accounts_total)
    )
    out["deepseek_days_one_first_tier"] = float(labs["DeepSeek"] / first_rate / MINUTES_PER_DAY)
    earlier = by_tier(inp.model_limits[inp.model_limits["model_id"] == EARLIER_LIMITS]).set_index("number")
    earlier_top = earlier.loc[top]
    earlier_daily = daily_capacity(earlier_top, tin.default, tout.default, cached.default)
    out["earlier_top_itpm"] = int(earlier_top["input_tokens_per_minute"])
    out["earlier_top_daily"] = float(earlier_daily)
    out["earlier_orgs_minimax_year"] = int(math.ceil(out["per_day_minimax_high"] / earlier_daily))
    _guard(
        tin.default > max(out["rpm_binds_below_first"], out["rpm_binds_below_top"]),
        "at the default tokens the token limit, not the request limit, binds",
    )
    _guard(
        tout.low > max(out["rpm_output_below_first"], out["rpm_output_below_top"]),
        "within the book's ranges the request limit never binds: the output-token limit binds first",
    )
    _guard(out["binding_cached"] == LIMIT_NAMES["output tokens"], "with heavy caching the output-token limit binds")
    _guard(
        out["earlier_orgs_minimax_year"] > 1,
        "under the mid-2025 limits a year-long average needed several organisations",
    )
    return out


def month_costs(inp: Inputs, daily_requests: float) -> pd.DataFrame:
    """A month of ``daily_requests`` requests a day on each priced model at the fewest and the
    default tokens: list-price cost (US dollars) and whether any tier's rate limits allow the rate
    for one organisation. Columns: id, model, end, input_tokens, monthly_cost, allowed."""
    rows = []
    for row in inp.prices.itertuples():
        limits = limits_for(inp, row.id)
        for end in ("low", "default"):
            tokens_in = getattr(inp.input_tokens, end)
            tokens_out = getattr(inp.output_tokens, end)
            daily = cost_usd(daily_requests, tokens_in, tokens_out, row.input_usd_per_mtok, row.output_usd_per_mtok)
            tier = lowest_tier(daily_requests, limits, tokens_in, tokens_out, inp.cached_share.default)
            rows.append(
                {
                    "id": row.id,
                    "model": row.model,
                    "end": end,
                    "input_tokens": float(tokens_in),
                    "monthly_cost": float(daily * DAYS_PER_MONTH),
                    "allowed": tier is not None,
                }
            )
    return pd.DataFrame(rows)


def yes_no(value: bool) -> str:
    """The word the page uses for a yes/no cell."""
    return "yes" if value else "no"


def daily_numbers(inp: Inputs) -> dict:
    """The article's 160,000 requests a day: rate, tier, cost, a month's cost across models and
    tokens, the dated spend limits and what they show, and DeepSeek's volume as requests under the
    turn reading at one call per turn and at the median calls per task."""
    _, daily = judge_daily(inp)
    stated = inp.stated["count-160k-day"]
    in_force, later = spend_limit_in_force(inp), spend_limit_later(inp)
    deposit = spend_row(inp.spend_limits, TOP_TIER, inp.as_of["count-160k-day"], monthly=False)
    later_deposit = spend_row(inp.spend_limits, TOP_TIER, monthly=False)
    turn = judge_daily(inp, "turn")[1]
    turn_single = judge_daily(inp, "turn", calls=1)
    out = {
        "article_daily": int(stated),
        "article_rpm": daily["average_rpm"],
        "day_tier": daily["tier_needed"],
        "day_cost_model": daily["cheapest_model"],
        "day_input_tokens": int(daily["input_tokens"]),
        "day_output_tokens": int(daily["output_tokens"]),
        "day_cost": daily["daily_cost_rounded"],
        "day_month_cost": daily["monthly_cost_rounded"],
        "day_month_days": int(daily["days_per_month"]),
        "day_most_input_tokens": daily["most_input_tokens"],
        "spend_before": float(in_force["value_usd"]),
        "spend_before_column": str(in_force["column"]),
        "spend_before_copy": str(in_force["copy"]),
        "spend_before_days": float(in_force["value_usd"]) / daily["daily_cost"],
        "spend_deposit": float(deposit["value_usd"]),
        "spend_deposit_column": str(deposit["column"]),
        "spend_deposit_copy": str(deposit["copy"]),
        "spend_later": float(later["value_usd"]),
        "spend_later_column": str(later["column"]),
        "spend_later_deposit": float(later_deposit["value_usd"]),
        "spend_later_date": f"{pd.Timestamp(later['first_seen']):%-d %B %Y}",
        "deepseek_vs_daily": "stay below" if inp.lab_exchanges["DeepSeek"] <= stated else "exceed",
        "deepseek_requests_turn": rounded(turn["deepseek_requests"]),
        "deepseek_days_turn": turn["deepseek_days"],
        "deepseek_days_turn_single": turn_single[1]["deepseek_days"],
        "verdict_turn_single": verdict_label(turn_single[0]),
        "verdict_turn": verdict_label(judge_daily(inp, "turn")[0]),
    }
    for row in month_costs(inp, stated).itertuples():
        key = f"month_{row.id.replace('-', '_')}_{row.end}"
        out[key] = row.monthly_cost
        out[f"{key}_allowed"] = yes_no(row.allowed)
    equal = spend_pairs_equal(inp)
    _guard(in_force["first_seen"] < deposit["first_seen"], "the last monthly figure predates the copy in force")
    _guard(in_force["value_usd"] == deposit["value_usd"], "the last monthly figure equals the deposit cap in force")
    _guard(equal, "in the later table the deposit cap equals the monthly limit at every tier")
    _guard(later_deposit["value_usd"] > deposit["value_usd"], "the later table raised the top tier's deposit cap")
    _guard(out["spend_before_days"] < DAYS_PER_MONTH, "such days exhaust the earlier limit within a month")
    return out


def spend_pairs_equal(inp: Inputs) -> bool:
    """Whether, in the latest dated copy of the tier table, every tier's deposit cap ("Max Credit
    Purchase") equals its monthly spend limit: the pattern that suggests the earlier copy's deposit
    cap was the monthly limit too."""
    rows = inp.spend_limits
    seen = pd.to_datetime(rows["first_seen"])
    latest = rows[seen == seen.max()]
    by_kind = {
        kind: part.set_index("tier")["value_usd"].astype(float)
        for kind, part in latest.groupby(latest["monthly"].astype(bool))
    }
    if set(by_kind) != {True, False}:
        return False
    monthly, deposit = by_kind[True], by_kind[False]
    return set(monthly.index) == set(deposit.index) and all(monthly[t] == deposit[t] for t in monthly.index)


def account_numbers(inp: Inputs, allegation: pd.DataFrame, assumptions: pd.DataFrame) -> dict:
    """Section "Accounts": the account arithmetic (:func:`exchanges_per_account`,
    :func:`moonshot_exchanges_per_account`, :func:`account_tier_minutes`) as the page shows it."""
    days = inp.campaign_days
    average = exchanges_per_account(allegation)
    moon = moonshot_exchanges_per_account(allegation, assumptions)
    out = {
        "per_account_total": float(average),
        "moonshot_accounts_low": int(inp.moonshot_accounts.low),
        "moonshot_accounts_high": int(inp.moonshot_accounts.high),
        "moonshot_per_account_least": float(moon.low),
        "moonshot_per_account_most": float(moon.high),
        "moonshot_per_account_day_least": float(per_day(moon.low, days.default)),
        "moonshot_per_account_day_most": float(per_day(moon.high, days.default)),
    }
    for label, d in (("low", days.low), ("default", days.default), ("high", days.high)):
        out[f"per_account_day_{label}"] = float(per_day(average, d))
    times = account_tier_minutes(allegation, assumptions, inp.rate_limits).set_index(["tier", "case"])
    first, top = inp.rate_limits["tier"].iloc[0], inp.rate_limits["tier"].iloc[-1]
    average_case, moonshot_case = "average account, all three labs", "Moonshot account"
    out["moonshot_per_account_default"] = float(moon.default)
    out["moonshot_accounts_default"] = int(inp.moonshot_accounts.default)
    out["avg_account_hours_first"] = float(times.loc[(first, average_case), "minutes"]) / 60
    out["avg_account_minutes_top"] = float(times.loc[(top, average_case), "minutes"])
    out["moon_account_days_first"] = float(times.loc[(first, moonshot_case), "minutes"]) / MINUTES_PER_DAY
    out["moon_account_hours_top"] = float(times.loc[(top, moonshot_case), "minutes"]) / 60
    out["moon_account_days_first_slowest"] = float(times.loc[(first, moonshot_case), "minutes_high"]) / MINUTES_PER_DAY
    out["moon_account_minutes_top_fastest"] = float(times.loc[(top, moonshot_case), "minutes_low"])
    return out


def cost_frame(inp: Inputs) -> pd.DataFrame:
    """The cost chart's data: each lab's list-price cost at the cheapest, default and dearest ends
    (:func:`cost_table`) and at the measured anchor, the Opus 4.5 run's average cost per call (US
    dollars). Columns: lab, low, default, high, measured."""
    costs = cost_table(inp, inp.prices, inp.input_tokens, inp.output_tokens, *COST_MODELS)
    per_call = run_cost_per_call(inp, "opus-4-5")
    return costs[["lab", "low", "default", "high"]].assign(
        measured=[float(inp.lab_exchanges[lab] * per_call) for lab in costs["lab"]]
    )


#: A million (US dollars): where the page's sums "run into millions".
MILLION = 1_000_000

#: The models of the cost span: the default, the dearest current one and a dearer older one.
COST_MODELS = ("sonnet-4-6", "opus-4-6", "opus-4-1")


def cost_numbers(inp: Inputs) -> dict:
    """Section "Cost at list prices": the spans, the models at each end, the legacy model, and the
    measured anchor with where it falls (estimates rounded)."""
    costs = cost_table(inp, inp.prices, inp.input_tokens, inp.output_tokens, *COST_MODELS)
    measured_frame = cost_frame(inp).set_index("lab")
    out: dict = {}
    for row in costs.itertuples():
        key = row.lab.lower()
        out[f"cost_{key}_default"] = rounded(float(row.default))
        out[f"cost_{key}_high"] = rounded(float(row.high))
        out[f"cost_{key}_legacy"] = rounded(float(row.legacy))
        out[f"cost_{key}_measured"] = rounded(float(measured_frame.loc[row.lab, "measured"]))
    for end in ("low", "high"):  # the default is first shown, and registered, with the time section
        out[f"input_tokens_{end}"] = int(getattr(inp.input_tokens, end))
    for end in ("default", "high"):  # the low end is registered with the time section
        out[f"output_tokens_{end}"] = int(getattr(inp.output_tokens, end))
    out["cost_low_model"] = str(costs["low_model"].iloc[0])
    out["cost_default_model"] = str(costs["default_model"].iloc[0])
    out["cost_high_model"] = str(costs["high_model"].iloc[0])
    out["cost_legacy_model"] = str(costs["legacy_model"].iloc[0])
    prices = inp.prices.set_index("id")
    out["legacy_price_ratio"] = float(
        prices.loc["opus-4-1", "input_usd_per_mtok"] / prices.loc["opus-4-6", "input_usd_per_mtok"]
    )
    modest = max(float(measured_frame[["default", "measured"]].max().max()), 0.0)
    out["cost_modest_most"] = rounded(modest)
    inside = all(row.low <= row.measured <= row.high for row in measured_frame.itertuples())
    cheaper = all(row.measured < row.default for row in measured_frame.itertuples())
    out["anchor_position"] = ("falls inside the range" if inside else "falls outside the range") + (
        ", below the default" if cheaper else ", not below the default"
    )
    _guard(inside and cheaper, "the measured circle sits below the default for every lab, inside its span")
    _guard(
        all(row.high > 100 * row.low for row in measured_frame.itertuples()),
        "each span covers more than two orders of magnitude",
    )
    _guard(
        modest < MILLION <= float(measured_frame["high"].max()),
        "at the default and the measured anchor the sums stay below a million; only the dearest cases run into millions",
    )
    return out


def negligible_numbers(inp: Inputs) -> dict:
    """Section "Amplification cuts both ways": examples at each end of the shared assumption, the
    verdict at each, the two yardsticks, the reinforcement-learning sets and a run's graded outputs,
    Google's campaign, and the value above which the verdict would move; guards the sentences
    under the table."""
    per = inp.exchanges_per_example
    _, negl = judge_negligible(inp)
    yardstick, yardstick_name = large_yardstick(inp)
    out: dict = {
        "reference_examples": inp.reference_examples,
        "small_examples": inp.small_examples,
        "yardstick": int(yardstick),
        "yardstick_name": yardstick_name,
    }
    for end in ("default", "low", "high"):
        value = getattr(per, end)
        verdict, figures = judge_negligible(inp, per_example=value)
        out[f"per_example_{end}"] = int(value)
        out[f"negligible_verdict_{end}"] = verdict_label(verdict)
        for lab in inp.lab_exchanges:
            out[f"examples_{lab.lower()}_{end}"] = figures[f"{lab.lower()}_examples"]
    rl = rl_totals(inp)
    out["rl_deepseek_r1"] = rl["DeepSeek-R1"]
    out["rl_minimax_m1"] = rl["MiniMax-M1"]
    out["rl_domains_deepseek"] = int((inp.rl_sets["model"] == "DeepSeek-R1").sum())
    zero = inp.rl_runs.set_index("id").loc["deepseek-r1-zero"]
    out["rl_run_steps"] = int(zero["steps"])
    out["rl_run_questions"] = int(zero["questions_per_step"])
    out["rl_run_outputs_per_question"] = int(zero["outputs_per_question"])
    out["rl_run_outputs"] = rounded(rl_run_outputs(inp))
    out["deepseek_share_of_rl_run"] = float(inp.lab_exchanges["DeepSeek"] / rl_run_outputs(inp))
    # the exchanges per example above which every lab falls below the large yardstick
    out["negligible_upper_breakeven"] = float(max(inp.lab_exchanges.values()) / yardstick)
    gtig = inp.other_campaigns.set_index("id").loc["gtig-reasoning-coercion"]
    out["gtig_prompts"] = int(gtig["volume"])
    out["gtig_date"] = f"{pd.Timestamp(gtig['published']):%-d %B %Y}"
    for lab in inp.lab_exchanges:
        out[f"{lab.lower()}_vs_gtig"] = float(inp.lab_exchanges[lab] / gtig["volume"])
    examples = {
        (lab, end): out[f"examples_{lab.lower()}_{end}"]
        for lab in inp.lab_exchanges
        for end in ("low", "default", "high")
    }
    small = {key: value < yardstick for key, value in examples.items()}
    _guard(all(value > inp.small_examples for value in examples.values()), "no lab falls below the smallest sets")
    _guard(
        small[("DeepSeek", "default")] and small[("DeepSeek", "high")] and not small[("DeepSeek", "low")],
        "DeepSeek's is small over the range except at its floor",
    )
    _guard(small[("Moonshot", "high")] and not small[("Moonshot", "default")], "Moonshot's only near its top")
    _guard(not any(small[("MiniMax", end)] for end in ("low", "default", "high")), "MiniMax's is small nowhere")
    _guard(out["negligible_upper_breakeven"] > per.high, "the verdict moves only above the top of the range")
    _guard(yardstick_name == "DeepSeek-R1", "the smallest whole set is R1's reinforcement-learning prompt set")
    _guard(
        min(rl.values()) < inp.lab_exchanges["DeepSeek"] * 2 and max(rl.values()) > inp.lab_exchanges["DeepSeek"] / 2,
        "DeepSeek's exchanges are about the size of a published reinforcement-learning prompt set",
    )
    _guard(out["deepseek_share_of_rl_run"] < 0.1, "DeepSeek's volume is a small share of one run's graded outputs")
    _guard(
        min(out[f"{lab.lower()}_vs_gtig"] for lab in inp.lab_exchanges) > 1,
        "every lab's volume exceeds Google's campaign",
    )
    return out


def pivot_numbers(inp: Inputs, searches: pd.DataFrame) -> dict:
    """Section "Products and the pivot": the report's figures and the counted searches, with how
    many of the pivot's are worded as the products claim's."""
    products = search_rule.counted(searches, "count-minimax-products")
    pivot_rows = search_rule.counted(searches, "count-pivot")
    shared = set(products["query"].map(search_rule.normalised)) & set(pivot_rows["query"].map(search_rule.normalised))
    return {
        "pivot_hours": int(inp.pivot_hours),
        "pivot_share": float(inp.pivot_share),
        "searches_products": int(len(products)),
        "searches_pivot": int(len(pivot_rows)),
        "searches_pivot_shared": int(len(shared)),
        "searches_pivot_own": int(len(pivot_rows) - len(shared)),
    }


def reading_numbers(inp: Inputs, searches: pd.DataFrame) -> dict:
    """Section "Every verdict under every reading": the table's labels; guards the closing
    paragraph (under the turn and conversation readings every claim about what the volumes amount
    to is rated misleading or worse, or does not bear on the count)."""
    table = verdicts_by_reading(inp, searches)
    out = {}
    for row in table.itertuples(index=False):
        slug = row.claim.replace("count-", "").replace("-", "_")
        for reading in READINGS:
            out[f"reading_{slug}_{reading}"] = verdict_label(getattr(row, reading))
    volumes = table[
        table["claim"].isin(
            [
                "count-negligible",
                "count-amplification",
                "count-160k-day",
                "count-snitchbench",
                "count-swebench-run",
                "count-swebench-30",
            ]
        )
    ]
    for reading in [r for r in READINGS if r != ARTICLE_READING]:
        _guard(
            set(volumes[reading]) <= {"misleading", "inaccurate", NOT_APPLICABLE},
            f"under the {reading} reading no claim about what the volumes amount to holds",
        )
    call = table.set_index("claim")[ARTICLE_READING]
    _guard(call["count-snitchbench"] == "inaccurate", "a full SnitchBench run is smaller than the article implies")
    _guard(
        call["count-swebench-run"] == call["count-swebench-30"] == "mostly-accurate",
        "the SWE-bench estimates are a detail off",
    )
    _guard(call["count-negligible"] == "misleading", "the claim that the volumes are negligible is rated misleading")
    _guard(call["count-160k-day"] == "mostly-accurate", "the small app's day is rated mostly accurate")
    _guard(
        set(table.set_index("claim").loc[["count-minimax-products", "count-pivot"]].stack()) == {"unsupported"},
        "the products and the pivot are unsupported under any reading",
    )
    return out


def since_numbers(inp: Inputs) -> dict:
    """The closing note "Since the article": the campaign Anthropic reportedly described in June
    2026, with its window, its daily rate and its exchanges per account."""
    row = inp.other_campaigns.set_index("id").loc["anthropic-alibaba"]
    days = (pd.Timestamp(row["last_day"]) - pd.Timestamp(row["first_day"])).days + 1
    _guard(
        pd.Timestamp(row["published"]).date() > max(inp.as_of.values()), "the later campaign is dated after the article"
    )
    return {
        "later_exchanges": rounded(float(row["volume"])),
        "later_accounts": int(row["accounts"]),
        "later_first_day": f"{pd.Timestamp(row['first_day']):%-d %B %Y}",
        "later_last_day": f"{pd.Timestamp(row['last_day']):%-d %B %Y}",
        "later_days": int(days),
        "later_per_day": rounded(per_day(float(row["volume"]), days)),
        "later_vs_article_day": float(per_day(float(row["volume"]), days) / inp.stated["count-160k-day"]),
        "later_per_account": float(per_account(float(row["volume"]), float(row["accounts"]))),
    }


# ---------------------------------------------------------------------------------------------
# Tables for the page
# ---------------------------------------------------------------------------------------------


def runs_table(inp: Inputs, labs: list[str] | None = None) -> pd.DataFrame:
    """SWE-bench runs each lab's exchanges would pay for, per subset, at the median measured calls
    per task (model-call reading): ``runs`` as a ratio (a fraction is part of a run) and
    ``complete_runs`` rounded down. Columns: lab, subset, tasks, exchanges, runs, complete_runs."""
    labs = labs or list(inp.lab_exchanges)
    names = {"full": "Full test set", "verified": "Verified", "lite": "Lite"}
    rows = []
    for lab in labs:
        for subset in ("full", "verified", "lite"):
            tasks = inp.tasks[subset]
            volume = inp.lab_exchanges[lab]
            rows.append(
                {
                    "lab": lab,
                    "subset": names[subset],
                    "tasks": tasks,
                    "exchanges": volume,
                    "runs": float(runs_bought(volume, swebench_run(tasks, inp.calls.default))),
                    "complete_runs": complete_runs(volume, swebench_run(tasks, inp.calls.default)),
                }
            )
    return pd.DataFrame(rows)


def daily_frame(inp: Inputs, points: int = 25) -> pd.DataFrame:
    """The daily chart's data: :func:`daily_table` on ``points`` campaign lengths spaced evenly on
    a log scale across the ``campaign-days`` range."""
    return daily_table(inp, log_grid(inp.campaign_days.low, inp.campaign_days.high, points))


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
    """Horizontal reference lines: what one organisation at each tier may send a day at the default
    tokens and cached share (the least of its request and token limits), and the article's
    requests a day. Columns: label, per_day, side (the end of the line its label sits at)."""
    tin, tout, cached = inp.input_tokens.default, inp.output_tokens.default, inp.cached_share.default
    rows = []
    for r in inp.rate_limits.itertuples():
        per_day_ = float(daily_capacity(r, tin, tout, cached))
        # a tier's label goes to the left end of its line when the article's line is close by
        near = article_daily / LABEL_GAP <= per_day_ <= article_daily * LABEL_GAP
        rows.append({"label": f"{r.tier}, one organisation", "per_day": per_day_, "side": "left" if near else "right"})
    rows.append({"label": "the article's small app, one day", "per_day": float(article_daily), "side": "right"})
    return pd.DataFrame(rows)


#: How close (a ratio) two reference lines of the daily chart may be before their labels go to
#: opposite ends of their lines.
LABEL_GAP = 1.5


def cost_table(
    inp: Inputs,
    prices: pd.DataFrame,
    input_tokens: Range,
    output_tokens: Range,
    default_model: str,
    high_model: str,
    legacy_model: str,
) -> pd.DataFrame:
    """Each lab's list-price cost in US dollars: ``low`` (cheapest model, fewest tokens),
    ``default`` (``default_model`` at default tokens), ``high`` (``high_model``, the dearest current
    model, at the most tokens) and ``legacy`` (``legacy_model``, a dearer older model, at the most
    tokens)."""
    by_id = prices.set_index("id")
    cheap = cheapest_model(prices, input_tokens.low, output_tokens.low)
    ends = {
        "low": (cheap, input_tokens.low, output_tokens.low),
        "default": (by_id.loc[default_model], input_tokens.default, output_tokens.default),
        "high": (by_id.loc[high_model], input_tokens.high, output_tokens.high),
        "legacy": (by_id.loc[legacy_model], input_tokens.high, output_tokens.high),
    }
    rows = []
    for lab, volume in inp.lab_exchanges.items():
        row: dict = {"lab": lab}
        for end, (model, tin, tout) in ends.items():
            row[end] = float(cost_usd(volume, tin, tout, model["input_usd_per_mtok"], model["output_usd_per_mtok"]))
            row[f"{end}_model"] = str(model["model"])
        rows.append(row)
    return pd.DataFrame(rows)


def snitch_table(inp: Inputs) -> pd.DataFrame:
    """SnitchBench runs DeepSeek's exchanges pay for, by version and which models' calls count, and
    by the model calls per user message (model-call reading): ``runs`` as a ratio and
    ``complete_runs`` rounded down. Columns: scope, steps, exchanges_per_run, runs, complete_runs."""
    volume = inp.lab_exchanges["DeepSeek"]
    scopes: dict[str, Callable[[float], float]] = {
        "one Claude model": lambda steps: snitchbench_run(inp, "call", steps, 1),
        "the Claude models": lambda steps: snitchbench_run(inp, "call", steps, inp.snitch["claude-models"]),
        "every model, as if Claude": lambda steps: snitchbench_run(inp, "call", steps),
        "later version, every model as if Claude": lambda steps: later_snitchbench_run(inp, "call", steps),
    }
    rows = []
    for scope, per_run_at in scopes.items():
        for label, steps in (
            ("one call per message", inp.snitch["min-steps"]),
            ("every step used", inp.snitch["max-steps"]),
        ):
            per_run = per_run_at(steps)
            rows.append(
                {
                    "scope": scope,
                    "steps": label,
                    "exchanges_per_run": float(per_run),
                    "runs": float(runs_bought(volume, per_run)),
                    "complete_runs": complete_runs(volume, per_run),
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
    """Interactive: SWE-bench runs each lab's exchanges buy, the bar at the exact ratio and the label
    at the complete runs (rounded down). A slider sets the model calls per task (one to the step
    cap), a menu picks the subset (the full test set first, the set the article counts); the x axis
    is logarithmic."""
    calls = charts.slider(
        "calls_per_task", value=calls_default, low=1, high=step_cap, step=1, label="Model calls per task", unit="calls"
    )
    subset = alt.param(
        name="subset",
        value="Full test set",
        bind=alt.binding_select(options=["Full test set", "Verified", "Lite"], name="SWE-bench subset "),
    )
    x_title = "Benchmark runs the lab's exchanges would pay for (log scale)"
    base = (
        alt.Chart(frame, description=description)
        .transform_filter(alt.datum.subset == subset)
        .transform_calculate(runs_live=alt.datum.exchanges / (alt.datum.tasks * calls.param))
        .transform_calculate(runs_whole=alt.expr.floor(alt.datum.runs_live + 1e-9))
        .encode(y=alt.Y("lab:N", title="Lab", sort=LABS))
    )
    x = alt.X("runs_live:Q", title=x_title, scale=alt.Scale(type="log", domain=[0.1, 100000]))
    bars = base.mark_bar(height=22).encode(
        x=x,
        x2=alt.datum(0.1),
        color=alt.Color("lab:N", scale=LAB_COLOURS, legend=None),
        tooltip=[
            alt.Tooltip("lab:N", title="Lab"),
            alt.Tooltip("runs_live:Q", title="Runs", format=",.1f"),
            alt.Tooltip("runs_whole:Q", title="Complete runs", format=",d"),
        ],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(x=x, text=alt.Text("runs_whole:Q", format=",d"))
    rule = alt.Chart(pd.DataFrame({"runs": [article_runs], "label": ["the article's runs of the full set"]})).encode(
        x=alt.X("runs:Q", title=x_title)
    )
    rule_mark = rule.mark_rule(color="black", strokeDash=[4, 3])
    rule_text = rule.mark_text(align="left", dx=4, dy=-60, fontSize=11).encode(text="label:N")
    chart = (
        alt.layer(bars, labels, rule_mark, rule_text, description=description)
        .add_params(subset)
        .properties(width=460, height=150)
    )
    return charts.with_sliders(chart, calls)


def daily_chart(
    per_day_frame: pd.DataFrame, lines: pd.DataFrame, default_days: float, description: str
) -> alt.LayerChart:
    """Exchanges per day against campaign length for each lab (log-log), with what one organisation
    at each tier may send a day and the article's daily figure as horizontal lines."""
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
    labels = []
    for side, style in (("right", {"align": "right", "x": 440}), ("left", {"align": "left", "x": 14})):
        placed = refs.transform_filter(alt.datum.side == side)
        text_style = {"baseline": "bottom", "dy": -2, "fontSize": 11, **style}
        labels.append(
            placed.mark_text(stroke="white", strokeWidth=4, strokeJoin="round", **text_style).encode(text="label:N")
        )
        labels.append(placed.mark_text(color="#333333", **text_style).encode(text="label:N"))
    marker = alt.Chart(pd.DataFrame({"days": [default_days]})).mark_rule(color="#999999").encode(x=x)
    return alt.layer(ref_rules, marker, curve, ends, names, *labels, description=description).properties(
        width=440, height=340
    )


def cost_chart(frame: pd.DataFrame, description: str) -> alt.LayerChart:
    """Each lab's list-price cost range (low to high) with the default marked by a diamond and the
    measured anchor by a circle; log x axis."""
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
    measured = base.mark_point(filled=False, size=110, shape="circle", color="black", strokeWidth=1.5).encode(
        x=alt.X("measured:Q", title=x_title)
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
    return alt.layer(span, point, measured, low_text, high_text, mid_text, description=description).properties(
        width=420, height=alt.Step(56)
    )


def snitch_chart(frame: pd.DataFrame, article_low: float, article_high: float, description: str) -> alt.LayerChart:
    """Full SnitchBench runs DeepSeek's exchanges pay for, by scope and steps, against the article's
    range (shaded); log x axis."""
    x_title = "SnitchBench runs paid for (log scale; labels: complete runs)"
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
        x=alt.X("runs:Q", title=x_title), text=alt.Text("complete_runs:Q", format=",d")
    )
    return alt.layer(band, band_text, bars, text, description=description).properties(width=400, height=alt.Step(26))
