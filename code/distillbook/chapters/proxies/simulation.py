"""The proxies chapter's simulation: a provider's view of many accounts, per-account versus
cross-account detection of a campaign spread over them. Deterministic from
:mod:`distillbook.core.seeds`; units in each docstring.
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
from distillbook.core.params import parameter
from distillbook.core.units import decades

#: Stream offset of this chapter's simulation in :func:`distillbook.core.seeds.generator`.
SEED_OFFSET = 400
#: The simulated signals, in the order the chapter discusses them.
SIGNALS = ["per-account volume", "shared infrastructure", "synchronised timing", "narrow content"]

# ---------------------------------------------------------------------------------------------
# The simulation
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SimConfig:
    """The simulation's assumptions (see ``proxy_parameters``; units there)."""

    ordinary_accounts: int
    ordinary_median: float
    ordinary_spread: float
    window_hours: int
    shared_exit_share: float
    proxy_exits: int
    active_share: float
    topics: int
    campaign_topics: int
    false_positive: float
    hot_z: float
    primary_share: float
    burst: float


def sim_config(params: pd.DataFrame, **overrides) -> SimConfig:
    """The simulation's configuration at the parameters' defaults (``overrides`` replace fields)."""
    get = lambda pid: parameter(params, pid).default  # noqa: E731 - a one-line accessor
    values = dict(
        ordinary_accounts=int(get("sim-ordinary-accounts")),
        ordinary_median=get("sim-ordinary-median"),
        ordinary_spread=get("sim-ordinary-spread"),
        window_hours=int(get("sim-window-hours")),
        shared_exit_share=get("sim-shared-exit-share"),
        proxy_exits=int(get("sim-proxy-exits")),
        active_share=get("sim-active-share"),
        topics=int(get("sim-topics")),
        campaign_topics=int(get("sim-campaign-topics")),
        false_positive=get("sim-false-positive"),
        hot_z=get("sim-hot-z"),
        primary_share=get("sim-primary-topic-share"),
        burst=get("sim-burst-ratio"),
    )
    values.update(overrides)
    return SimConfig(**values)


def diurnal_profile(hours: int) -> np.ndarray:
    """Share of ordinary traffic in each hour of the window (fractions summing to 1): a daily
    cycle peaking mid-afternoon, ten times busier at the peak than at night."""
    hour_of_day = np.arange(hours) % 24
    weight = 1.0 + 0.818 * np.cos(2 * np.pi * (hour_of_day - 14) / 24)
    return weight / weight.sum()


def topic_shares(topics: int) -> np.ndarray:
    """Population share of each content topic (fractions summing to 1), a Zipf-like long tail."""
    weight = 1.0 / (np.arange(topics) + 1.0) ** 0.8
    return weight / weight.sum()


def _top_k_mask(rng: np.random.Generator, weights: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Per row, a boolean mask of ``k[row]`` columns drawn without replacement with probability
    proportional to ``weights`` (Gumbel top-k)."""
    keys = np.log(weights)[None, :] + rng.gumbel(size=(len(k), len(weights)))
    ranks = np.argsort(np.argsort(-keys, axis=1), axis=1)
    return ranks < k[:, None]


def percentile_multiple(spread: float, percentile: float = 0.99) -> float:
    """How many times the median an ordinary account at ``percentile`` (fraction) sends, when
    volumes are log-normal with ``spread`` the standard deviation of their natural logarithm
    (dimensionless ratio: exp(z * spread), z the standard normal quantile)."""
    if not 0 < percentile < 1:
        raise ValueError("percentile is a fraction strictly between 0 and 1")
    return math.exp(statistics.NormalDist().inv_cdf(percentile) * spread)


def ordinary_population(cfg: SimConfig, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Ordinary customers over the window: exchanges per account, per hour and per topic, and the
    network exit each account sends from (shared by some, e.g. offices). An account with ``v``
    exchanges is active in about the square root of ``v`` hours, drawn by the daily cycle, and
    sends ``primary_share`` of its traffic on one main topic and the rest across all topics."""
    n, hours = cfg.ordinary_accounts, cfg.window_hours
    volume = np.maximum(1, np.rint(rng.lognormal(math.log(cfg.ordinary_median), cfg.ordinary_spread, n))).astype(
        np.int64
    )
    active_hours = np.clip(np.ceil(np.sqrt(volume)), 1, hours).astype(np.int64)
    mask = _top_k_mask(rng, diurnal_profile(hours), active_hours)
    hourly = rng.multinomial(volume, mask / active_hours[:, None])
    shares = topic_shares(cfg.topics)
    primary = rng.choice(cfg.topics, size=n, p=shares)
    topic_p = (1 - cfg.primary_share) * shares[None, :] + cfg.primary_share * np.eye(cfg.topics)[primary]
    topical = rng.multinomial(volume, topic_p)
    shared = rng.random(n) < cfg.shared_exit_share
    pool = max(1, int(round(n * cfg.shared_exit_share / 2)))
    exits = np.where(shared, rng.integers(0, pool, n), pool + np.arange(n))
    return {"volume": volume, "hourly": hourly, "topical": topical, "exits": exits}


def campaign_accounts(
    cfg: SimConfig, exchanges: int, accounts: int, mix_share: float, rng: np.random.Generator, exit_offset: int
) -> dict[str, np.ndarray]:
    """A campaign of ``exchanges`` spread evenly over ``accounts``, each account also carrying
    unrelated customer traffic so that it makes up ``mix_share`` (fraction) of the account's
    traffic. Campaign traffic is load-balanced into the same scheduled hours on every account and
    targets a few topics; accounts send from a finite pool of proxy exits."""
    hours = cfg.window_hours
    campaign = rng.multinomial(exchanges, np.full(accounts, 1.0 / accounts))
    # unrelated traffic: a Poisson count per account and cell, with mean such that it makes up
    # mix_share of the account's traffic (a Poisson total split over cells is independent Poisson)
    unrelated = campaign * mix_share / (1.0 - mix_share)
    schedule = rng.choice(hours, size=max(1, int(round(cfg.active_share * hours))), replace=False)
    hourly = np.zeros((accounts, hours), dtype=np.int64)
    hourly[:, schedule] = rng.multinomial(campaign, np.full(len(schedule), 1.0 / len(schedule)))
    if mix_share > 0:
        hourly += rng.poisson(unrelated[:, None] * diurnal_profile(hours)[None, :])
    shares = topic_shares(cfg.topics)
    # a narrow capability: a few topics outside the most common ten
    targets = rng.choice(np.arange(10, cfg.topics), size=cfg.campaign_topics, replace=False)
    topical = np.zeros((accounts, cfg.topics), dtype=np.int64)
    topical[:, targets] = rng.multinomial(campaign, np.full(len(targets), 1.0 / len(targets)))
    if mix_share > 0:
        topical += rng.poisson(unrelated[:, None] * shares[None, :])
    exits = exit_offset + rng.integers(0, cfg.proxy_exits, accounts)
    return {"volume": hourly.sum(axis=1), "hourly": hourly, "topical": topical, "exits": exits}


def concentration_scores(counts: np.ndarray, history: np.ndarray, hot_z: float, burst: float = 1.5) -> np.ndarray:
    """Cross-account concentration score of each account (standard deviations).

    ``counts`` is accounts x cells (hours or topics) of exchanges now; ``history`` the same for a
    past period of ordinary traffic, which also gives each cell's usual share of traffic. An account
    *leans on* a cell when it sends there more than ``burst`` times its own volume times the cell's
    usual share. A cell is *hot* when the number of accounts leaning on it exceeds its history
    (scaled to today's number of accounts) by more than ``hot_z`` Poisson standard deviations. An
    account's score is how far its exchanges in hot cells exceed what the usual share of traffic in
    those cells predicts (a binomial z-score); zero everywhere when no cell is hot."""
    usual = history.sum(axis=0) / history.sum()

    def leaning(matrix: np.ndarray) -> np.ndarray:
        volume = matrix.sum(axis=1, keepdims=True)
        return ((matrix > burst * volume * usual[None, :]) & (matrix > 0)).sum(axis=0)

    expected = leaning(history) * len(counts) / len(history)
    hot = (leaning(counts) - expected) / np.sqrt(np.maximum(expected, 1)) > hot_z
    if not hot.any():
        return np.zeros(len(counts))
    p = float(usual[hot].sum())
    if p <= 0 or p >= 1:
        return np.zeros(len(counts))
    n = counts.sum(axis=1).astype(float)
    k = counts[:, hot].sum(axis=1)
    return (k - n * p) / np.sqrt(np.maximum(n * p * (1 - p), 1e-12))


def flag(scores: np.ndarray, ordinary: np.ndarray, false_positive: float) -> np.ndarray:
    """Accounts whose score exceeds the ``1 - false_positive`` quantile of ordinary accounts'
    scores (so at most that share of ordinary accounts is flagged)."""
    threshold = np.quantile(scores[ordinary], 1.0 - false_positive, method="higher")
    return scores > threshold


def detect(cfg: SimConfig, ordinary: dict, history: dict, campaign: dict) -> dict[str, tuple[float, float]]:
    """(recall, false-positive rate) of each signal: the share of campaign accounts flagged and the
    share of ordinary accounts flagged (fractions)."""
    merged = {key: np.concatenate([ordinary[key], campaign[key]]) for key in ordinary}
    is_ordinary = np.arange(len(merged["volume"])) < len(ordinary["volume"])
    _, exit_index, exit_counts = np.unique(merged["exits"], return_inverse=True, return_counts=True)
    scores = {
        "per-account volume": merged["volume"].astype(float),
        "shared infrastructure": exit_counts[exit_index].astype(float),
        "synchronised timing": concentration_scores(merged["hourly"], history["hourly"], cfg.hot_z, cfg.burst),
        "narrow content": concentration_scores(merged["topical"], history["topical"], cfg.hot_z, cfg.burst),
    }
    result = {}
    for name in SIGNALS:
        flagged = flag(scores[name], is_ordinary, cfg.false_positive)
        result[name] = (float(flagged[~is_ordinary].mean()), float(flagged[is_ordinary].mean()))
    return result


def sensitivity(
    cfg: SimConfig,
    exchanges: int,
    accounts: int,
    mix_share: float,
    field: str,
    values: list[float],
    seed_offset: int = SEED_OFFSET,
) -> pd.DataFrame:
    """One campaign run repeated with one assumption of ``cfg`` set to each of ``values``.

    Columns: ``value`` (the assumption's value, in its unit) and one column of recall (fraction of
    campaign accounts flagged) per signal."""
    rows = []
    for value in values:
        result = simulate(
            dataclasses.replace(cfg, **{field: type(getattr(cfg, field))(value)}),
            exchanges,
            [accounts],
            [mix_share],
            seed_offset,
        )
        rows.append({"value": value, **dict(zip(result["signal"], result["recall"], strict=True))})
    return pd.DataFrame(rows)


#: The fields of :class:`SimConfig` that shape the ordinary population.
POPULATION_FIELDS = (
    "ordinary_accounts",
    "ordinary_median",
    "ordinary_spread",
    "window_hours",
    "shared_exit_share",
    "topics",
    "primary_share",
)


def _population_key(cfg: SimConfig) -> tuple:
    return tuple((name, getattr(cfg, name)) for name in POPULATION_FIELDS)


@functools.lru_cache(maxsize=8)
def _population(key: tuple, seed_offset: int) -> dict[str, np.ndarray]:
    """The ordinary population for the population fields in ``key`` and a seed stream, computed
    once per process (it depends on nothing else, so a cached copy is never stale); its arrays are
    read-only."""
    cfg = SimConfig(**{**{f.name: 0 for f in dataclasses.fields(SimConfig)}, **dict(key)})
    population = ordinary_population(cfg, seeds.generator(seed_offset))
    for array in population.values():
        array.setflags(write=False)
    return population


def run_offset(accounts: int, mix_share: float, seed_offset: int = SEED_OFFSET) -> int:
    """The seed stream of one campaign run, derived from its size and mixing share (not from its
    position in a grid), so that any single run can be repeated on its own."""
    return seed_offset + 1000 + 100 * int(accounts) + int(round(100 * mix_share))


def volume_threshold(cfg: SimConfig, seed_offset: int = SEED_OFFSET) -> float:
    """The per-account volume threshold of the simulation (exchanges per account in the window):
    the ``1 - false_positive`` quantile of the ordinary accounts' volumes."""
    volume = _population(_population_key(cfg), seed_offset)["volume"]
    return float(np.quantile(volume, 1.0 - cfg.false_positive, method="higher"))


def simulate(
    cfg: SimConfig, exchanges: int, accounts_grid: list[int], mix_grid: list[float], seed_offset: int = SEED_OFFSET
) -> pd.DataFrame:
    """Run the campaign at every (accounts, mix share) pair against one ordinary population.

    Columns: ``accounts``, ``mix_share`` (fraction), ``signal``, ``recall`` (share of campaign
    accounts flagged), ``false_positive`` (share of ordinary accounts flagged),
    ``exchanges_per_account`` (campaign exchanges per account). Deterministic for a given seed: the
    ordinary population is the same in every run and each run's stream comes from
    :func:`run_offset`, so a run gives the same result alone or in a grid."""
    ordinary = _population(_population_key(cfg), seed_offset)
    history = _population(_population_key(cfg), seed_offset + 1)
    rows = []
    for accounts in accounts_grid:
        for mix in mix_grid:
            rng = seeds.generator(run_offset(accounts, mix, seed_offset))
            camp = campaign_accounts(cfg, exchanges, accounts, mix, rng, exit_offset=10 * cfg.ordinary_accounts)
            for name, (recall, fpr) in detect(cfg, ordinary, history, camp).items():
                rows.append(
                    {
                        "accounts": int(accounts),
                        "mix_share": float(mix),
                        "signal": name,
                        "recall": recall,
                        "false_positive": fpr,
                        "exchanges_per_account": exchanges / accounts,
                    }
                )
    return pd.DataFrame(rows)


def accounts_grid(report_accounts: int) -> list[int]:
    """Campaign sizes simulated (accounts): half-decades from ten up to the report's account count."""
    grid = [10, 30, 100, 300, 1_000, 3_000, 10_000]
    return [a for a in grid if a < report_accounts] + [int(report_accounts)]


def mix_grid(params: pd.DataFrame) -> list[float]:
    """Mixing shares simulated (fractions): quarter steps across the parameter's range."""
    low, high = parameter(params, "sim-mix-share").ends
    return [float(x) for x in np.round(np.arange(low, high + 1e-9, 0.25), 2)]


def recall_at(results: pd.DataFrame, signal: str, accounts: int, mix: float) -> float:
    """The recall (fraction) of one signal at one campaign size and mixing share."""
    row = results[
        (results["signal"] == signal) & (results["accounts"] == accounts) & np.isclose(results["mix_share"], mix)
    ]
    return float(row["recall"].iloc[0])


def last_caught(results: pd.DataFrame, signal: str, mix: float, level: float = 0.5) -> int | None:
    """The largest simulated campaign size (accounts) at which the signal still flags at least
    ``level`` (fraction) of the campaign's accounts, or None if it never does."""
    rows = results[(results["signal"] == signal) & np.isclose(results["mix_share"], mix) & (results["recall"] >= level)]
    return int(rows["accounts"].max()) if len(rows) else None


def first_caught_everywhere(results: pd.DataFrame, signal: str, level: float = 0.99) -> int | None:
    """The smallest simulated campaign size (accounts) from which the signal flags at least
    ``level`` (fraction) of the campaign's accounts at every larger size and every mixing share."""
    rows = results[results["signal"] == signal]
    for accounts in sorted(rows["accounts"].unique()):
        if (rows.loc[rows["accounts"] >= accounts, "recall"] >= level).all():
            return int(accounts)
    return None


# ---------------------------------------------------------------------------------------------
# Chart
# ---------------------------------------------------------------------------------------------


def simulation_chart(results: pd.DataFrame, default_mix: float, mixes: list[float]) -> alt.LayerChart:
    """Recall of each signal against campaign size (log axis), with a slider for the mixing share."""
    mix = alt.param(
        name="mix",
        value=default_mix,
        bind=alt.binding_range(
            min=min(mixes), max=max(mixes), step=0.25, name="Share of unrelated customer traffic on campaign accounts "
        ),
    )
    description = (
        "Share of the campaign's accounts that each detector flags, against the number of accounts the campaign "
        "is spread over, on a logarithmic axis, with every detector allowed the same small share of false alarms "
        "on ordinary accounts: at the default mix, the per-account volume threshold catches every account of a "
        "small campaign and none of a campaign spread over many accounts, while shared infrastructure, synchronised "
        "timing and narrow content miss small campaigns and catch large ones. A slider sets the share of unrelated "
        "customer traffic mixed into the campaign's accounts."
    )
    domain = SIGNALS
    base = alt.Chart(results, description=description).transform_filter(alt.datum.mix_share == mix)
    ticks = decades(results["accounts"])
    enc = dict(
        x=alt.X(
            "accounts:Q",
            title="Accounts the campaign is spread over (log scale)",
            scale=alt.Scale(type="log", domain=[float(results["accounts"].min()), float(results["accounts"].max())]),
            axis=alt.Axis(values=ticks + [float(results["accounts"].max())], format=",~r"),
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
            alt.Tooltip("exchanges_per_account:Q", format=",.0f", title="campaign exchanges per account"),
        ],
        **enc,
    )
    return alt.layer(lines, points, description=description).add_params(mix).properties(width=480, height=300)
