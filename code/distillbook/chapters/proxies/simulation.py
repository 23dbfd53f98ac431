"""The proxies chapter's simulation: what a provider can see in one week of traffic when a campaign
is spread over many accounts, by a detector that looks at accounts one at a time (volume) and by
three that look across accounts (shared exits, synchronised hours, shared topics).

It is an illustration, not a model of Anthropic's traffic: every assumption is a row of
``proxies/parameters`` (the campaign's window is the counting chapter's ``campaign-days``), and
the page reruns it with one assumption at a time at each end of its range. Deterministic from
:mod:`distillbook.core.seeds`; units in each docstring.

How it is kept fast enough to run on every build (well under three seconds): the ordinary
population is drawn once per set of population assumptions and cached; a campaign is simulated
through a random sample of at most :data:`SAMPLE_ACCOUNTS` of its accounts, and the counts of
accounts acting together are scaled up from the sample to the whole campaign.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import statistics

import altair as alt
import numpy as np
import pandas as pd

from distillbook.core import seeds
from distillbook.core.charts import OKABE_ITO
from distillbook.core.params import Range, parameter
from distillbook.core.units import decades

#: Stream offset of this chapter's simulation in :func:`distillbook.core.seeds.generator`.
SEED_OFFSET = 400
#: The detectors look at one week of traffic, in hourly bins.
DAYS_OBSERVED = 7
HOURS_PER_DAY = 24
HOURS = DAYS_OBSERVED * HOURS_PER_DAY
#: Campaigns larger than this are simulated through a random sample of this many accounts.
SAMPLE_ACCOUNTS = 1_000
#: The simulated signals, in the order the chapter discusses them.
SIGNALS = ["per-account volume", "shared infrastructure", "synchronised timing", "narrow content"]
#: The signals that look across accounts rather than at one account.
CROSS_SIGNALS = SIGNALS[1:]
#: A detector "catches" a campaign when it flags at least this share of its accounts (fraction)...
CAUGHT = 0.5
#: ... and "misses" it when it flags fewer than this share (fraction).
MISSED = 0.1

# ---------------------------------------------------------------------------------------------
# Assumptions
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SimConfig:
    """The simulation's assumptions (units in ``proxies/parameters``)."""

    # ordinary customers
    ordinary_accounts: int
    ordinary_median: float
    ordinary_spread: float
    shared_exit_share: float
    topics: int
    primary_share: float
    # the campaign
    window_days: float
    schedule_share: float
    active_share: float
    topic_rank: int
    campaign_topics: int
    accounts_per_exit: float
    mix_share: float
    # the detectors
    false_positive: float
    hot_z: float
    burst: float


#: Each field of :class:`SimConfig` and the row of ``proxies/parameters`` that sets it (the window
#: comes from the counting chapter's ``campaign-days``), in the order the page's table lists them.
FIELDS = {
    "window_days": "campaign-days",
    "topic_rank": "sim-topic-rank",
    "schedule_share": "sim-schedule-share",
    "accounts_per_exit": "sim-accounts-per-exit",
    "mix_share": "sim-mix-share",
    "campaign_topics": "sim-campaign-topics",
    "active_share": "sim-active-share",
    "ordinary_accounts": "sim-ordinary-accounts",
    "ordinary_median": "sim-ordinary-median",
    "ordinary_spread": "sim-ordinary-spread",
    "shared_exit_share": "sim-shared-exit-share",
    "topics": "sim-topics",
    "primary_share": "sim-primary-topic-share",
    "false_positive": "sim-false-positive",
    "hot_z": "sim-hot-z",
    "burst": "sim-burst-ratio",
}
#: Fields that are counts (rounded to whole numbers).
COUNT_FIELDS = {"ordinary_accounts", "topics", "topic_rank", "campaign_topics"}
#: The fields that shape the ordinary population (a change redraws it).
POPULATION_FIELDS = (
    "ordinary_accounts",
    "ordinary_median",
    "ordinary_spread",
    "shared_exit_share",
    "topics",
    "primary_share",
)


def assumption_ranges(params: pd.DataFrame, window: Range) -> dict[str, Range]:
    """Every assumption of the simulation as a :class:`Range`, keyed by :class:`SimConfig` field:
    the rows of ``params`` (``proxies/parameters``) and ``window`` (days, the counting chapter's
    ``campaign-days``)."""
    ranges = {}
    for field, pid in FIELDS.items():
        value = window if pid == "campaign-days" else parameter(params, pid)
        ranges[field] = value.as_int() if field in COUNT_FIELDS else value
    return ranges


def _typed(field: str, value: float) -> float | int:
    return int(round(value)) if field in COUNT_FIELDS else float(value)


def sim_config(ranges: dict[str, Range], **overrides) -> SimConfig:
    """The configuration at every assumption's default (``overrides`` replace fields)."""
    values = {field: _typed(field, r.default) for field, r in ranges.items()}
    values.update({field: _typed(field, v) for field, v in overrides.items()})
    return SimConfig(**values)


# ---------------------------------------------------------------------------------------------
# Shapes of ordinary traffic
# ---------------------------------------------------------------------------------------------


def diurnal_profile(hours: int = HOURS) -> np.ndarray:
    """Share of ordinary traffic in each hour of the window (fractions summing to 1): a daily
    cycle peaking mid-afternoon, ten times busier at the peak than at night."""
    hour_of_day = np.arange(hours) % HOURS_PER_DAY
    weight = 1.0 + 0.818 * np.cos(2 * np.pi * (hour_of_day - 14) / HOURS_PER_DAY)
    return weight / weight.sum()


def topic_shares(topics: int) -> np.ndarray:
    """Population share of each content topic, most common first (fractions summing to 1), a
    Zipf-like long tail: the topic of rank r has a share proportional to r to the power -0.8."""
    weight = 1.0 / (np.arange(topics) + 1.0) ** 0.8
    return weight / weight.sum()


def campaign_targets(topics: int, rank: int, count: int) -> np.ndarray:
    """Indices of the topics a campaign targets: ``count`` topics in a row of popularity, the most
    popular of them of rank ``rank`` (1 = the most common topic), moved up if the list would run
    past the last topic."""
    if count < 1 or count > topics or rank < 1:
        raise ValueError("a campaign targets between one topic and all of them, from rank one on")
    start = min(rank, topics - count + 1) - 1
    return np.arange(start, start + count)


def percentile_multiple(spread: float, percentile: float = 0.99) -> float:
    """How many times the median an ordinary account at ``percentile`` (fraction) sends, when
    volumes are log-normal with ``spread`` the standard deviation of their natural logarithm
    (dimensionless ratio: exp(z * spread), z the standard normal quantile)."""
    if not 0 < percentile < 1:
        raise ValueError("percentile is a fraction strictly between 0 and 1")
    return math.exp(statistics.NormalDist().inv_cdf(percentile) * spread)


def _draw(rng: np.random.Generator, shares: np.ndarray, size: int) -> np.ndarray:
    """``size`` indices drawn with probabilities ``shares`` (inverse of the cumulative shares)."""
    cumulative = np.cumsum(shares)
    return np.minimum(np.searchsorted(cumulative, rng.random(size) * cumulative[-1], side="right"), len(shares) - 1)


def spread_evenly(rng: np.random.Generator, volume: np.ndarray, cells: np.ndarray, shares: np.ndarray):
    """Each account's ``volume`` (exchanges) split as evenly as whole numbers allow over
    ``cells`` cells of its own (at least one), drawn with probabilities ``shares`` (with
    replacement, so an account may land twice on a popular cell). Returns (rows, cols, counts)."""
    volume = np.asarray(volume, dtype=np.int64)
    cells = np.maximum(np.asarray(cells, dtype=np.int64), 1)
    rows = np.repeat(np.arange(len(volume)), cells)
    first = np.repeat(np.cumsum(cells) - cells, cells)
    slot = np.arange(rows.size) - first
    base, extra = np.divmod(volume, cells)
    counts = base[rows] + (slot < extra[rows])
    return rows, _draw(rng, shares, rows.size), counts.astype(np.float64)


@dataclasses.dataclass(frozen=True)
class Cells:
    """A sparse table of exchanges, accounts x cells (hours or topics): one entry per account and
    cell with traffic (``rows``, ``cols``, ``counts``), and the table's ``shape``."""

    rows: np.ndarray
    cols: np.ndarray
    counts: np.ndarray
    shape: tuple[int, int]

    @classmethod
    def summed(cls, rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, shape: tuple[int, int]) -> Cells:
        """The table of ``weights`` summed by (row, column)."""
        keys, index = np.unique(rows * shape[1] + cols, return_inverse=True)
        return cls(keys // shape[1], keys % shape[1], np.bincount(index, weights=weights), shape)

    @classmethod
    def dense(cls, matrix: np.ndarray) -> Cells:
        """The table of a dense matrix."""
        rows, cols = np.nonzero(matrix)
        return cls(rows, cols, matrix[rows, cols].astype(np.float64), matrix.shape)

    def volume(self) -> np.ndarray:
        """Exchanges per account."""
        return np.bincount(self.rows, weights=self.counts, minlength=self.shape[0])

    def per_cell(self) -> np.ndarray:
        """Exchanges per cell."""
        return np.bincount(self.cols, weights=self.counts, minlength=self.shape[1])


# ---------------------------------------------------------------------------------------------
# The ordinary population and the provider's baseline
# ---------------------------------------------------------------------------------------------


def ordinary_hours(cfg: SimConfig, rng: np.random.Generator) -> Cells:
    """One week of ordinary customers' exchanges by hour. Volumes are log-normal (median
    ``ordinary_median``, spread ``ordinary_spread``); an account expecting ``v`` exchanges is active
    in about the square root of ``v`` hours, drawn by the daily cycle, and sends a Poisson number
    of exchanges in each."""
    n = cfg.ordinary_accounts
    expected = rng.lognormal(math.log(cfg.ordinary_median), cfg.ordinary_spread, n)
    active = np.clip(np.ceil(np.sqrt(expected)), 1, HOURS).astype(np.int64)
    owner = np.repeat(np.arange(n), active)
    hours = _draw(rng, diurnal_profile(), owner.size)
    counts = rng.poisson(np.repeat(expected / active, active))
    return Cells.summed(owner, hours, counts, (n, HOURS))


def ordinary_topics(cfg: SimConfig, volume: np.ndarray, rng: np.random.Generator) -> Cells:
    """The same exchanges by topic: ``primary_share`` of each account's traffic on one main topic
    (drawn by popularity), the rest spread evenly over about its square root in topics, also drawn
    by popularity."""
    n = len(volume)
    shares = topic_shares(cfg.topics)
    whole = volume.astype(np.int64)
    primary = _draw(rng, shares, n)
    on_primary = rng.binomial(whole, cfg.primary_share)
    rest = whole - on_primary
    rows, cols, counts = spread_evenly(rng, rest, np.ceil(np.sqrt(rest)), shares)
    return Cells.summed(
        np.concatenate([rows, np.arange(n)]),
        np.concatenate([cols, primary]),
        np.concatenate([counts, on_primary]),
        (n, cfg.topics),
    )


def ordinary_exits(accounts: int, shared_exit_share: float, rng: np.random.Generator) -> np.ndarray:
    """How many ordinary accounts share each account's network exit (accounts): most have one of
    their own; ``shared_exit_share`` of them sit behind an exit shared with others, two accounts
    per shared exit on average, as in an office."""
    shared = rng.random(accounts) < shared_exit_share
    pool = max(1, int(round(accounts * shared_exit_share / 2)))
    exits = np.where(shared, rng.integers(0, pool, accounts), pool + np.arange(accounts))
    _, index, sizes = np.unique(exits, return_inverse=True, return_counts=True)
    return sizes[index].astype(np.float64)


@dataclasses.dataclass(frozen=True)
class Population:
    """One week of ordinary customers: exchanges per account, by hour and by topic, how many
    accounts share each account's exit, and each hour's and topic's usual share of all traffic
    (the provider's baseline)."""

    volume: np.ndarray
    hours: Cells
    topics: Cells
    exit_count: np.ndarray
    usual_hours: np.ndarray
    usual_topics: np.ndarray


@functools.lru_cache(maxsize=16)
def _hours(accounts: int, median: float, spread: float, seed_offset: int) -> Cells:
    placeholder = {f.name: 0 for f in dataclasses.fields(SimConfig)}
    cfg = SimConfig(
        **{**placeholder, "ordinary_accounts": accounts, "ordinary_median": median, "ordinary_spread": spread}
    )
    return ordinary_hours(cfg, seeds.generator(seed_offset))


@functools.lru_cache(maxsize=16)
def _topics(hours_key: tuple, topics: int, primary_share: float, seed_offset: int) -> Cells:
    placeholder = {f.name: 0 for f in dataclasses.fields(SimConfig)}
    cfg = SimConfig(**{**placeholder, "topics": topics, "primary_share": primary_share})
    return ordinary_topics(cfg, _hours(*hours_key, seed_offset).volume(), seeds.generator(seed_offset + 1))


@functools.lru_cache(maxsize=16)
def _population(key: tuple, seed_offset: int) -> Population:
    """The ordinary population for the population fields in ``key`` and a seed stream, drawn once
    per process (it depends on nothing else, so a cached copy is never stale). Hours, topics and
    exits come from separate streams, so that an assumption about one leaves the others as they
    were."""
    placeholder = {f.name: 0 for f in dataclasses.fields(SimConfig)}
    cfg = SimConfig(**{**placeholder, **dict(key)})
    hours_key = (cfg.ordinary_accounts, cfg.ordinary_median, cfg.ordinary_spread)
    hours = _hours(*hours_key, seed_offset)
    volume = hours.volume()
    topics = _topics(hours_key, cfg.topics, cfg.primary_share, seed_offset)
    total = max(float(volume.sum()), 1.0)
    return Population(
        volume=volume,
        hours=hours,
        topics=topics,
        exit_count=ordinary_exits(cfg.ordinary_accounts, cfg.shared_exit_share, seeds.generator(seed_offset + 2)),
        usual_hours=hours.per_cell() / total,
        usual_topics=topics.per_cell() / total,
    )


def _population_key(cfg: SimConfig) -> tuple:
    return tuple((name, getattr(cfg, name)) for name in POPULATION_FIELDS)


def population(cfg: SimConfig, seed_offset: int = SEED_OFFSET) -> Population:
    """The ordinary population of ``cfg`` (cached)."""
    return _population(_population_key(cfg), seed_offset)


# ---------------------------------------------------------------------------------------------
# The campaign
# ---------------------------------------------------------------------------------------------


def accounts_used(accounts: int, mix_share: float) -> int:
    """Accounts a campaign of ``accounts`` accounts' worth of traffic runs through when each
    account also carries unrelated customer traffic making up ``mix_share`` (fraction) of it:
    mixing is modelled as spreading, each account keeping the load it would have carried
    unmixed, so the campaign needs 1 / (1 - mix_share) times as many accounts (accounts)."""
    if not 0 <= mix_share < 1:
        raise ValueError("the unrelated share is a fraction below 1")
    return int(math.ceil(accounts / (1 - mix_share) - 1e-9))


def weekly_exchanges(exchanges: float, window_days: float) -> float:
    """The campaign's exchanges in the week the detectors look at, spread evenly over a window of
    ``window_days`` days (exchanges); a window of a week or less puts all of them in it."""
    if window_days <= 0:
        raise ValueError("a campaign lasts some time")
    return exchanges * min(1.0, DAYS_OBSERVED / window_days)


def campaign_share(cfg: SimConfig, exchanges: float, ordinary_exchanges: float) -> float:
    """The campaign's share of all simulated traffic in the observed week (fraction): its weekly
    exchanges against those plus the unrelated traffic its accounts carry plus ordinary traffic."""
    campaign = weekly_exchanges(exchanges, cfg.window_days)
    unrelated = campaign * cfg.mix_share / (1 - cfg.mix_share)
    return campaign / (campaign + unrelated + ordinary_exchanges)


@dataclasses.dataclass(frozen=True)
class Campaign:
    """A sample of a campaign's accounts over the observed week: volume, exchanges by hour and by
    topic, exit sharing, and how many accounts the sample stands for (``accounts``)."""

    volume: np.ndarray
    hours: Cells
    topics: Cells
    exit_count: np.ndarray
    accounts: int


def campaign_accounts(cfg: SimConfig, exchanges: float, accounts: int, rng: np.random.Generator) -> Campaign:
    """A campaign of ``exchanges`` (over its whole window) spread evenly over ``accounts`` accounts,
    or over more with mixing (:func:`accounts_used`); at most :data:`SAMPLE_ACCOUNTS` of them are
    drawn. ``schedule_share`` of the accounts send in the same scheduled hours (``active_share`` of
    the hours the campaign spans in the week); the others send in hours of their own, drawn as an
    ordinary customer's are. The campaign's exchanges go evenly to ``campaign_topics`` topics in a
    row from rank ``topic_rank``; unrelated traffic follows ordinary customers' hours and topics;
    each exit carries ``accounts_per_exit`` accounts."""
    used = accounts_used(accounts, cfg.mix_share)
    size = min(used, SAMPLE_ACCOUNTS)
    per_account = weekly_exchanges(exchanges, cfg.window_days) / used
    own = rng.poisson(per_account, size)
    span = int(round(min(cfg.window_days, DAYS_OBSERVED) * HOURS_PER_DAY))
    profile = diurnal_profile()[:span]

    # the shared schedule: the same hours for every account on it, exchanges spread evenly
    on_schedule = int(round(cfg.schedule_share * size))
    active = max(1, int(round(cfg.active_share * span)))
    schedule = rng.choice(span, active, replace=False)
    per_slot = rng.multinomial(own[:on_schedule], np.full(active, 1.0 / active))
    rows = [np.repeat(np.arange(on_schedule), active)]
    cols = [np.tile(schedule, on_schedule)]
    weights = [per_slot.ravel()]
    # the others: like ordinary customers, each active in about the square root of its volume in
    # hours drawn by the daily cycle, its exchanges spread evenly over them
    others = np.arange(on_schedule, size)
    volume_others = own[others]
    r, c, w = spread_evenly(rng, volume_others, np.clip(np.ceil(np.sqrt(volume_others)), 1, span), profile)
    rows, cols, weights = np.concatenate(rows + [others[r]]), np.concatenate(cols + [c]), np.concatenate(weights + [w])
    hourly = np.bincount(rows * HOURS + cols, weights=weights, minlength=size * HOURS).reshape(size, HOURS)

    targets = campaign_targets(cfg.topics, cfg.topic_rank, cfg.campaign_topics)
    topical = np.zeros((size, cfg.topics))
    topical[:, targets] = rng.multinomial(own, np.full(len(targets), 1.0 / len(targets)))
    if cfg.mix_share > 0:
        unrelated = rng.poisson(per_account * cfg.mix_share / (1 - cfg.mix_share), size)
        hourly += rng.multinomial(unrelated, diurnal_profile())
        topical += rng.multinomial(unrelated, topic_shares(cfg.topics))

    return Campaign(
        volume=hourly.sum(axis=1),
        hours=Cells.dense(hourly),
        topics=Cells.dense(topical),
        exit_count=np.full(size, float(min(math.ceil(cfg.accounts_per_exit), used))),
        accounts=used,
    )


# ---------------------------------------------------------------------------------------------
# The detectors
# ---------------------------------------------------------------------------------------------


def leaning(cells: Cells, volume: np.ndarray, usual: np.ndarray, burst: float) -> np.ndarray:
    """How many accounts *lean on* each cell (accounts per cell): send there more than ``burst``
    times their own volume times the cell's usual share of traffic."""
    leans = cells.counts > burst * volume[cells.rows] * usual[cells.cols]
    return np.bincount(cells.cols[leans], minlength=cells.shape[1]).astype(np.float64)


def hot_cells(ordinary_lean: np.ndarray, campaign_lean: np.ndarray, hot_z: float) -> np.ndarray:
    """Cells on which more accounts lean than usual, relative to the other cells: a cell's share
    of all the accounts leaning today exceeds its usual share (the ordinary accounts') by more
    than ``hot_z`` binomial standard deviations (boolean per cell). Accounts that lean where
    ordinary customers do, however many, make no cell hot."""
    usual = ordinary_lean / max(ordinary_lean.sum(), 1.0)
    today = ordinary_lean + campaign_lean
    total = today.sum()
    return (today - total * usual) / np.sqrt(np.maximum(total * usual * (1 - usual), 1.0)) > hot_z


def concentration(cells: Cells, volume: np.ndarray, hot: np.ndarray, usual: np.ndarray) -> np.ndarray:
    """Each account's score (standard deviations): how far its exchanges in the hot cells exceed
    what the cells' usual share of traffic predicts (a binomial z-score); zero when no cell is hot
    or the hot cells are all the traffic."""
    p = float(usual[hot].sum())
    if not hot.any() or p <= 0 or p >= 1:
        return np.zeros(len(volume))
    k = np.bincount(cells.rows, weights=cells.counts * hot[cells.cols], minlength=len(volume))
    return (k - volume * p) / np.sqrt(np.maximum(volume * p * (1 - p), 1e-12))


def flag_rate(ordinary: np.ndarray, campaign: np.ndarray, false_positive: float) -> float:
    """Share of campaign accounts (fraction) whose score exceeds the ``1 - false_positive``
    quantile of the ordinary accounts' scores, so that at most that share of ordinary accounts
    is flagged."""
    threshold = np.quantile(ordinary, 1.0 - false_positive, method="higher")
    return float((campaign > threshold).mean())


@functools.lru_cache(maxsize=32)
def _ordinary_leaning(key: tuple, seed_offset: int, burst: float) -> tuple[np.ndarray, np.ndarray]:
    pop = _population(key, seed_offset)
    return (
        leaning(pop.hours, pop.volume, pop.usual_hours, burst),
        leaning(pop.topics, pop.volume, pop.usual_topics, burst),
    )


def detect(cfg: SimConfig, camp: Campaign, seed_offset: int = SEED_OFFSET) -> dict[str, float]:
    """Recall of each signal against the ordinary population of ``cfg``: the share of the
    campaign's accounts it flags (fraction). The campaign sample's counts of leaning accounts are
    scaled up to all its accounts."""
    pop = population(cfg, seed_offset)
    lean_hours, lean_topics = _ordinary_leaning(_population_key(cfg), seed_offset, cfg.burst)
    scale = camp.accounts / len(camp.volume)
    result = {
        "per-account volume": flag_rate(pop.volume, camp.volume, cfg.false_positive),
        "shared infrastructure": flag_rate(pop.exit_count, camp.exit_count, cfg.false_positive),
    }
    for name, own, theirs, usual, lean in (
        ("synchronised timing", pop.hours, camp.hours, pop.usual_hours, lean_hours),
        ("narrow content", pop.topics, camp.topics, pop.usual_topics, lean_topics),
    ):
        hot = hot_cells(lean, leaning(theirs, camp.volume, usual, cfg.burst) * scale, cfg.hot_z)
        result[name] = flag_rate(
            concentration(own, pop.volume, hot, usual),
            concentration(theirs, camp.volume, hot, usual),
            cfg.false_positive,
        )
    return result


# ---------------------------------------------------------------------------------------------
# Runs: campaign sizes at the defaults, and one assumption at a time
# ---------------------------------------------------------------------------------------------


def run_offset(accounts: int, seed_offset: int = SEED_OFFSET) -> int:
    """The seed stream of one campaign run, derived from its size only (not from its position in
    a grid), so that any run can be repeated on its own and runs that differ in one assumption
    share their random draws."""
    return seed_offset + 1000 + int(accounts)


def run(cfg: SimConfig, exchanges: float, accounts: int, seed_offset: int = SEED_OFFSET) -> dict[str, float]:
    """One campaign of ``exchanges`` over ``accounts`` accounts against the ordinary population:
    the recall of each signal (fractions)."""
    camp = campaign_accounts(cfg, exchanges, accounts, seeds.generator(run_offset(accounts, seed_offset)))
    return detect(cfg, camp, seed_offset)


def simulate(cfg: SimConfig, exchanges: float, sizes: list[int], seed_offset: int = SEED_OFFSET) -> pd.DataFrame:
    """The campaign at each size in ``sizes`` (accounts). Columns: ``accounts``, ``signal``,
    ``recall`` (share of campaign accounts flagged), ``exchanges_per_account`` (campaign exchanges
    per account in the observed week)."""
    rows = []
    for accounts in sizes:
        weekly = weekly_exchanges(exchanges, cfg.window_days) / accounts_used(accounts, cfg.mix_share)
        for signal, recall in run(cfg, exchanges, accounts, seed_offset).items():
            rows.append(
                {"accounts": int(accounts), "signal": signal, "recall": recall, "exchanges_per_account": weekly}
            )
    return pd.DataFrame(rows)


def one_at_a_time(
    ranges: dict[str, Range], exchanges: float, accounts: int, seed_offset: int = SEED_OFFSET
) -> pd.DataFrame:
    """The campaign at ``accounts`` accounts rerun with one assumption at a time at each end of its
    range, every other at its default (not a grid). An end equal to the default reuses the
    default run. Columns: ``field``, ``end`` (``default``, ``low`` or ``high``), ``value`` and one
    column of recall (fraction) per signal; the first row is the default."""
    base = sim_config(ranges)
    default = run(base, exchanges, accounts, seed_offset)
    rows = [{"field": "", "end": "default", "value": float("nan"), **default}]
    for field, r in ranges.items():
        for end, value in (("low", r.low), ("high", r.high)):
            recalls = (
                default
                if value == r.default
                else run(sim_config(ranges, **{field: value}), exchanges, accounts, seed_offset)
            )
            rows.append({"field": field, "end": end, "value": float(value), **recalls})
    return pd.DataFrame(rows)


def sizes_grid(report_accounts: int) -> list[int]:
    """Campaign sizes simulated (accounts): half-decades from ten up to the report's account count."""
    grid = [10, 30, 100, 300, 1_000, 3_000, 10_000]
    return [a for a in grid if a < report_accounts] + [int(report_accounts)]


# ---------------------------------------------------------------------------------------------
# Reading the runs
# ---------------------------------------------------------------------------------------------


def recall_at(results: pd.DataFrame, signal: str, accounts: int) -> float:
    """The recall (fraction) of one signal at one campaign size."""
    row = results[(results["signal"] == signal) & (results["accounts"] == accounts)]
    return float(row["recall"].iloc[0])


def last_caught(results: pd.DataFrame, signal: str, level: float = CAUGHT) -> int | None:
    """The largest simulated campaign size (accounts) at which the signal still flags at least
    ``level`` (fraction) of the campaign's accounts, or None if it never does."""
    rows = results[(results["signal"] == signal) & (results["recall"] >= level)]
    return int(rows["accounts"].max()) if len(rows) else None


def first_caught(results: pd.DataFrame, signal: str, level: float = CAUGHT) -> int | None:
    """The smallest simulated campaign size (accounts) at which the signal flags at least
    ``level`` (fraction) of the campaign's accounts, or None if it never does."""
    rows = results[(results["signal"] == signal) & (results["recall"] >= level)]
    return int(rows["accounts"].min()) if len(rows) else None


def _default(sens: pd.DataFrame, signal: str) -> float:
    return float(sens.loc[sens["end"] == "default", signal].iloc[0])


def failures(sens: pd.DataFrame, signal: str) -> list[tuple[str, str]]:
    """The (field, end) pairs at which ``signal`` misses the campaign (flags fewer than
    :data:`MISSED` of its accounts) although it catches it at the defaults (at least
    :data:`CAUGHT`); empty when it does not catch it at the defaults (see :func:`rescues`)."""
    if _default(sens, signal) < CAUGHT:
        return []
    rows = sens[(sens["end"] != "default") & (sens[signal] < MISSED)]
    return list(zip(rows["field"], rows["end"], strict=True))


def rescues(sens: pd.DataFrame, signal: str) -> list[tuple[str, str]]:
    """The (field, end) pairs at which ``signal`` catches the campaign (flags at least
    :data:`CAUGHT` of its accounts) although it does not at the defaults; empty when it already
    catches it at the defaults."""
    if _default(sens, signal) >= CAUGHT:
        return []
    rows = sens[(sens["end"] != "default") & (sens[signal] >= CAUGHT)]
    return list(zip(rows["field"], rows["end"], strict=True))


# ---------------------------------------------------------------------------------------------
# Words and tables for the page
# ---------------------------------------------------------------------------------------------

#: How the page names each assumption, in a sentence and in the table.
LABELS = {
    "window_days": "campaign window (days)",
    "topic_rank": "popularity rank of the most common topic targeted",
    "schedule_share": "share of campaign accounts on one shared schedule",
    "accounts_per_exit": "campaign accounts per network exit",
    "mix_share": "unrelated customer traffic on campaign accounts (share)",
    "campaign_topics": "topics the campaign targets",
    "active_share": "share of hours in a schedule",
    "ordinary_accounts": "ordinary accounts",
    "ordinary_median": "median ordinary account (exchanges a week)",
    "ordinary_spread": "spread of ordinary volumes (log units)",
    "shared_exit_share": "ordinary accounts behind a shared exit (share)",
    "topics": "content topics",
    "primary_share": "ordinary account's traffic on its main topic (share)",
    "false_positive": "ordinary accounts each detector may flag (share)",
    "hot_z": "excess that makes an hour or topic unusual (standard deviations)",
    "burst": "margin for leaning on an hour or topic (ratio)",
}


def value_text(field: str, value: float) -> str:
    """A value of an assumption as the page writes it: percentages for shares, whole numbers with
    separators for counts, one decimal otherwise."""
    unit = LABELS[field]
    if "(share)" in unit or field in {"schedule_share", "active_share"}:
        return f"{value:.0%}" if value >= 0.01 or value == 0 else f"{value:.1%}"
    if field in COUNT_FIELDS or field in {"window_days", "accounts_per_exit", "ordinary_median"}:
        return f"{value:,.0f}"
    return f"{value:,.1f}"


def condition_text(field: str, value: float) -> str:
    """One rerun as a phrase: the assumption and its value, e.g. "campaign window (days) at 365"."""
    return f"{LABELS[field]} at {value_text(field, value)}"


def conditions_text(sens: pd.DataFrame, pairs: list[tuple[str, str]]) -> str:
    """A list of reruns as words ("a, b and c"; "none of the reruns" when empty)."""
    phrases = []
    for field, end in pairs:
        row = sens[(sens["field"] == field) & (sens["end"] == end)].iloc[0]
        phrases.append(condition_text(field, float(row["value"])))
    if not phrases:
        return "none of the reruns"
    return phrases[0] if len(phrases) == 1 else "; ".join(phrases[:-1]) + "; and " + phrases[-1]


def detector_sentence(sens: pd.DataFrame, signal: str) -> str:
    """What the reruns say about one detector, as a sentence for the page: what it flags at the
    defaults, and either the reruns in which it misses (if it catches the campaign at the
    defaults) or those in which it catches it (if it does not)."""
    default = _default(sens, signal)
    name = signal[0].upper() + signal[1:]
    if default >= CAUGHT:
        pairs = failures(sens, signal)
        tail = (
            f"and it misses almost all of them (fewer than {MISSED:.0%}) with {conditions_text(sens, pairs)}"
            if pairs
            else f"and no rerun brings it below {MISSED:.0%}"
        )
    else:
        pairs = rescues(sens, signal)
        tail = (
            f"and it catches at least {CAUGHT:.0%} of them with {conditions_text(sens, pairs)}"
            if pairs
            else f"and no rerun brings it to {CAUGHT:.0%}"
        )
    return f"{name} flags {default:.0%} of the campaign's accounts at the defaults, {tail}."


def sensitivity_markdown(sens: pd.DataFrame, ranges: dict[str, Range]) -> str:
    """The reruns as a Markdown table: one row per assumption with its default and range, and for
    each signal the share of the campaign's accounts flagged at the low end and at the high end."""
    default = sens[sens["end"] == "default"].iloc[0]
    head = "| assumption | default | low end | high end | " + " | ".join(SIGNALS) + " |"
    lines = [head, "|---|---:|---:|---:|" + "---:|" * len(SIGNALS)]
    lines.append("| all at their defaults | | | | " + " | ".join(f"{default[s]:.0%}" for s in SIGNALS) + " |")
    for field, r in ranges.items():
        low = sens[(sens["field"] == field) & (sens["end"] == "low")].iloc[0]
        high = sens[(sens["field"] == field) & (sens["end"] == "high")].iloc[0]
        cells = [f"{low[s]:.0%} / {high[s]:.0%}" for s in SIGNALS]
        values = [value_text(field, v) for v in (r.default, r.low, r.high)]
        lines.append(f"| {LABELS[field]} | " + " | ".join(values) + " | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


class ProseGuardError(AssertionError):
    """A sentence of the page no longer matches the simulation's results."""


def _guard(condition: bool, sentence: str) -> None:
    if not condition:
        raise ProseGuardError(f"chapters/proxies: the page says {sentence!r}, which the simulation no longer shows")


def range_numbers(ranges: dict[str, Range]) -> dict:
    """The ends of the four campaign assumptions that decide the cross-account detectors, as the
    page states them where it argues their ranges: the window (days), the rank of the rarest
    topics targeted (rank), accounts per exit (accounts per exit), and the most unrelated traffic
    mixed in (fraction)."""
    return {
        "sim_window_high": int(ranges["window_days"].high),
        "sim_topic_rank_high": int(ranges["topic_rank"].high),
        "sim_accounts_per_exit_high": int(ranges["accounts_per_exit"].high),
        "sim_mix_high": float(ranges["mix_share"].high),
    }


def targets_phrase(rank: int, count: int) -> str:
    """The topics a campaign targets, in words: "the 3 most common topics" or "3 topics from the
    topic of rank 40 down"."""
    return (
        f"the {count:d} most common topics" if rank == 1 else f"{count:d} topics from the topic of rank {rank:d} down"
    )


def page_numbers(
    cfg: SimConfig, results: pd.DataFrame, sens: pd.DataFrame, exchanges: float, report_accounts: int
) -> dict:
    """Every number and phrase the simulation's section shows, with the guards on its sentences.

    ``results``: :func:`simulate` over :func:`sizes_grid`; ``sens``: :func:`one_at_a_time` at
    ``report_accounts``."""
    pop = population(cfg)
    ordinary = float(pop.volume.sum())
    volume_last = last_caught(results, "per-account volume")
    content_first = first_caught(results, "narrow content")
    weekly = weekly_exchanges(exchanges, cfg.window_days)
    out = {
        "sim_ordinary_accounts": int(cfg.ordinary_accounts),
        "sim_ordinary_median": int(cfg.ordinary_median),
        "sim_window_days": int(cfg.window_days),
        "sim_weekly_exchanges": float(weekly),
        "sim_campaign_share": campaign_share(cfg, exchanges, ordinary),
        "sim_campaign_share_short": campaign_share(
            dataclasses.replace(cfg, window_days=DAYS_OBSERVED), exchanges, ordinary
        ),
        "sim_schedule_share": float(cfg.schedule_share),
        "sim_targets": targets_phrase(cfg.topic_rank, cfg.campaign_topics),
        "sim_accounts_per_exit": int(math.ceil(cfg.accounts_per_exit)),
        "sim_false_positive": float(cfg.false_positive),
        "sim_sample": SAMPLE_ACCOUNTS,
        "sim_volume_threshold": float(np.quantile(pop.volume, 1.0 - cfg.false_positive, method="higher")),
        "sim_per_account_week": float(weekly / report_accounts),
        "vol_last_caught": int(volume_last),
        "vol_crossover": float(weekly / float(np.quantile(pop.volume, 1.0 - cfg.false_positive, method="higher"))),
        "content_first_caught": int(content_first),
        "sens_assumptions": int(sens.loc[sens["end"] != "default", "field"].nunique()),
    }
    for signal in SIGNALS:
        key = signal.split()[-1]
        out[f"report_{key}"] = recall_at(results, signal, report_accounts)
        out[f"sentence_{key}"] = detector_sentence(sens, signal)
    smaller = [a for a in results["accounts"].unique() if a > volume_last]
    _guard(
        volume_last <= out["vol_crossover"] < min(smaller, default=math.inf),
        "the volume detector's crossover lies between the last size caught and the next",
    )
    _guard(
        out["report_volume"] < MISSED and volume_last < report_accounts,
        "volume misses the campaign at the report's size",
    )
    _guard(
        out["sim_per_account_week"] < out["sim_volume_threshold"],
        "each account sends less than the busiest ordinary ones",
    )
    _guard(
        all(recall_at(results, "per-account volume", a) < CAUGHT for a in smaller),
        "volume misses from the next size up",
    )
    _guard(
        bool((results.loc[results["signal"] == "shared infrastructure", "recall"] >= CAUGHT).all()),
        "shared exits flag the campaign at every size",
    )
    _guard(
        abs(out["report_timing"] - cfg.schedule_share) < MISSED,
        "synchronised timing flags about the share of accounts on the shared schedule",
    )
    _guard(
        content_first < report_accounts and out["report_content"] < CAUGHT, "narrow content misses at the report's size"
    )
    _guard(bool(failures(sens, "shared infrastructure")), "shared exits can be defeated")
    _guard(bool(rescues(sens, "narrow content")), "narrow content can catch the campaign under other assumptions")
    return out


# ---------------------------------------------------------------------------------------------
# Chart
# ---------------------------------------------------------------------------------------------


def simulation_chart(results: pd.DataFrame) -> alt.LayerChart:
    """Recall of each signal against campaign size (log axis), at the defaults."""
    description = (
        "Share of the campaign's accounts that each of four detectors flags, against the number of accounts "
        "the campaign is spread over, on a logarithmic axis, at the simulation's default assumptions, with every "
        "detector allowed the same small share of false alarms on ordinary accounts."
    )
    domain = SIGNALS
    ticks = decades(results["accounts"])
    most = float(results["accounts"].max())
    enc = dict(
        x=alt.X(
            "accounts:Q",
            title="Accounts the campaign is spread over (log scale)",
            scale=alt.Scale(type="log", domain=[float(results["accounts"].min()), most]),
            axis=alt.Axis(values=[t for t in ticks if t <= most] + [most], format=",~r"),
        ),
        y=alt.Y(
            "recall:Q",
            title="Campaign accounts flagged (share)",
            axis=alt.Axis(format="%"),
            scale=alt.Scale(domain=[0, 1]),
        ),
        color=alt.Color(
            "signal:N",
            title="Detector",
            sort=domain,
            scale=alt.Scale(domain=domain, range=[OKABE_ITO[5], OKABE_ITO[2], OKABE_ITO[4], OKABE_ITO[0]]),
            legend=alt.Legend(orient="bottom", columns=2, labelLimit=300, columnPadding=40),
        ),
    )
    base = alt.Chart(results, description=description)
    lines = base.mark_line(strokeWidth=2.5).encode(
        strokeDash=alt.StrokeDash("signal:N", title="Detector", sort=domain, legend=None), **enc
    )
    points = base.mark_point(filled=True, size=80).encode(
        shape=alt.Shape(
            "signal:N",
            title="Detector",
            sort=domain,
            scale=alt.Scale(domain=domain),
            legend=alt.Legend(orient="bottom", columns=2, labelLimit=300, columnPadding=40),
        ),
        tooltip=[
            "signal",
            alt.Tooltip("accounts:Q", format=",d"),
            alt.Tooltip("recall:Q", format=".0%"),
            alt.Tooltip("exchanges_per_account:Q", format=",.0f", title="campaign exchanges per account in the week"),
        ],
        **enc,
    )
    return alt.layer(lines, points, description=description).properties(width=480, height=300)


def campaign_shape(per_account: Range, window_days: float, volume_threshold: float) -> dict:
    """Section "A simulation": what one Moonshot account would send in the week observed if its
    campaign ran evenly over ``window_days`` days, at the default account count and at the fewest
    accounts (``per_account``: exchanges per account, a Range whose high end is the fewest
    accounts), and how each compares with ``volume_threshold`` (exchanges a week), in words."""
    default = weekly_exchanges(per_account.default, window_days)
    fewest = weekly_exchanges(per_account.high, window_days)
    words = {True: "more than", False: "fewer than"}
    return {
        "moon_week_default": float(default),
        "moon_week_fewest": float(fewest),
        "moon_week_default_vs": words[default > volume_threshold],
        "moon_week_fewest_vs": words[fewest > volume_threshold],
    }
