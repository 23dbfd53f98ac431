"""The safety paradox's toy distillation experiment (article section 3), and its chart.

A *teacher* answers queries about items. Items are grouped into topics; each topic has its own
input distribution (a centre in a ``skill_dims``-dimensional space). The teacher's answer to a
query ``(x, item)`` is ``w . x + k[item] + noise``:

* ``w . x`` is a **shared skill**: the same rule ``w`` applies in every topic;
* ``k[item]`` is **item knowledge**: an arbitrary value that exists only for that item.

The teacher *refuses* every query about an item in the refused topics (the "refused region").
A distiller sends ``N`` queries spread evenly over all items, drops the refusals, and fits a
student (ridge regression on ``[x, one-hot(item)]``) to the rest. The student is then scored
*inside the refused region* on

(a) the shared skill: fraction of the variance of ``w . x`` it reproduces on fresh inputs drawn
    from the refused topics (1 = perfect, 0 = no better than answering zero);
(b) the refused-only knowledge: fraction of the variance of ``k`` it reproduces for refused items.

and, for reference, on the knowledge of items outside the region (which it was shown).

Everything is deterministic from :mod:`distillbook.core.seeds` plus the ``seed_offset`` parameter, and
uses numpy only. Scores are dimensionless fractions; query counts are queries sent to the teacher.
"""

from __future__ import annotations

import dataclasses
import math

import altair as alt
import numpy as np
import pandas as pd

from distillbook.core import seeds
from distillbook.core.charts import OKABE_ITO

# ---------------------------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------------------------

#: The parameters the experiment reads from ``data/safety-paradox/parameters.csv`` (by ``id``).
PARAMETER_IDS = (
    "seed_offset",
    "n_smallest",
    "n_largest",
    "n_points",
    "topics",
    "items_per_topic",
    "refused_topics",
    "skill_dims",
    "answer_noise",
    "ridge",
    "replicates",
)
#: Parameters that must be whole numbers.
INTEGER_PARAMETERS = {
    "seed_offset",
    "n_smallest",
    "n_largest",
    "n_points",
    "topics",
    "items_per_topic",
    "refused_topics",
    "skill_dims",
    "replicates",
}


@dataclasses.dataclass(frozen=True)
class Params:
    """One setting of the experiment (see ``data/safety-paradox/parameters.csv`` for units and ranges)."""

    seed_offset: int
    n_smallest: int
    n_largest: int
    n_points: int
    topics: int
    items_per_topic: int
    refused_topics: int
    skill_dims: int
    answer_noise: float
    ridge: float
    replicates: int

    @property
    def items(self) -> int:
        """Number of items (topics x items per topic)."""
        return self.topics * self.items_per_topic

    def with_(self, **changes) -> Params:
        return dataclasses.replace(self, **changes)


def parameter_table(frame: pd.DataFrame, column: str = "default") -> Params:
    """The experiment's parameters from the parameters table, at ``column`` (default/low/high)."""
    values = frame.set_index("id")[column]
    missing = [name for name in PARAMETER_IDS if name not in values.index]
    if missing:
        raise ValueError(f"data/safety-paradox/parameters.csv: missing parameter(s) {missing}")
    kwargs = {}
    for name in PARAMETER_IDS:
        value = float(values[name])
        kwargs[name] = int(round(value)) if name in INTEGER_PARAMETERS else value
    return Params(**kwargs)


def parameter_range(frame: pd.DataFrame, name: str) -> tuple[float, float]:
    """(low, high) of one parameter."""
    row = frame.set_index("id").loc[name]
    return float(row["low"]), float(row["high"])


def query_grid(n_smallest: int, n_largest: int, n_points: int) -> list[int]:
    """``n_points`` query counts spaced evenly on a log scale from ``n_smallest`` to ``n_largest``
    (queries; rounded to whole queries, strictly increasing)."""
    if not 0 < n_smallest < n_largest or n_points < 2:
        raise ValueError("need 0 < n_smallest < n_largest and at least two points")
    grid = sorted({int(round(v)) for v in np.geomspace(n_smallest, n_largest, n_points)})
    return grid


# ---------------------------------------------------------------------------------------------
# The toy world
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class World:
    """The teacher's world: skill rule ``w``, topic centres, item topics and item knowledge."""

    w: np.ndarray  # (skill_dims,) the shared skill
    centres: np.ndarray  # (topics, skill_dims) where each topic's inputs lie
    item_topic: np.ndarray  # (items,) topic of each item
    knowledge: np.ndarray  # (items,) the item-only value k[item]
    refused: np.ndarray  # (items,) True for items the teacher refuses


def make_world(p: Params, rng: np.random.Generator) -> World:
    """Draw a world. Refused topics are the first ``refused_topics`` topics (topics are exchangeable)."""
    w = rng.normal(0.0, 1.0 / math.sqrt(p.skill_dims), p.skill_dims)
    centres = rng.normal(0.0, 1.0, (p.topics, p.skill_dims))
    item_topic = np.repeat(np.arange(p.topics), p.items_per_topic)
    knowledge = rng.normal(0.0, 1.0, p.items)
    refused = item_topic < p.refused_topics
    return World(w, centres, item_topic, knowledge, refused)


def draw_queries(world: World, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``n`` queries spread uniformly over items: (inputs x of shape (n, dims), item ids (n,))."""
    items = rng.integers(0, world.item_topic.size, n)
    x = world.centres[world.item_topic[items]] + rng.normal(0.0, 1.0, (n, world.w.size))
    return x, items


def teacher_answers(
    world: World, x: np.ndarray, items: np.ndarray, noise: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """The teacher's answers and which queries it refused (answers of refused queries are NaN)."""
    answers = x @ world.w + world.knowledge[items] + rng.normal(0.0, noise, items.size)
    refused = world.refused[items]
    return np.where(refused, np.nan, answers), refused


def features(x: np.ndarray, items: np.ndarray, n_items: int) -> np.ndarray:
    """The student's inputs: the skill inputs and a one-hot code of the item."""
    onehot = np.zeros((items.size, n_items))
    onehot[np.arange(items.size), items] = 1.0
    return np.hstack([x, onehot])


def normal_equations(x: np.ndarray, items: np.ndarray, y: np.ndarray, n_items: int) -> tuple[np.ndarray, np.ndarray]:
    """X'X and X'y for X = ``features(x, items, n_items)``, without building X: the one-hot block of
    X'X is the diagonal of per-item counts, and its cross block holds per-item sums of x."""
    dims = x.shape[1]
    counts = np.bincount(items, minlength=n_items).astype(float)
    sums = np.stack([np.bincount(items, weights=x[:, j], minlength=n_items) for j in range(dims)], axis=1)
    gram = np.zeros((dims + n_items, dims + n_items))
    gram[:dims, :dims] = x.T @ x
    gram[dims:, :dims] = sums
    gram[:dims, dims:] = sums.T
    gram[dims:, dims:] = np.diag(counts)
    moment = np.concatenate([x.T @ y, np.bincount(items, weights=y, minlength=n_items)])
    return gram, moment


def fit_ridge(gram: np.ndarray, moment: np.ndarray, ridge: float) -> np.ndarray:
    """Ridge coefficients from X'X and X'y. Columns never seen (all-zero rows of X'X) get exactly 0."""
    return np.linalg.solve(gram + ridge * np.eye(gram.shape[0]), moment)


def variance_explained(predicted: np.ndarray, truth: np.ndarray) -> float:
    """1 - sum((predicted - truth)^2) / sum(truth^2): 1 is perfect, 0 is no better than answering 0."""
    return float(1.0 - np.sum((predicted - truth) ** 2) / np.sum(truth**2))


def scores(world: World, coef: np.ndarray, test_x: np.ndarray) -> dict[str, float]:
    """The student's scores (fractions) for coefficients ``coef`` = [skill part, item part].

    ``test_x`` are fresh inputs drawn from the refused topics."""
    dims = world.w.size
    w_hat, k_hat = coef[:dims], coef[dims:]
    inside, outside = world.refused, ~world.refused
    return {
        "skill_inside": variance_explained(test_x @ w_hat, test_x @ world.w),
        "knowledge_inside": variance_explained(k_hat[inside], world.knowledge[inside]),
        "knowledge_outside": variance_explained(k_hat[outside], world.knowledge[outside]),
    }


def run_replicate(p: Params, replicate: int, grid: list[int]) -> list[dict]:
    """One distillation run: the first N queries of one query stream, for each N of ``grid``."""
    rng = seeds.generator(p.seed_offset * 1000 + replicate)
    world = make_world(p, rng)
    x, items = draw_queries(world, grid[-1], rng)
    answers, refused = teacher_answers(world, x, items, p.answer_noise, rng)
    test_items = rng.integers(0, p.refused_topics * p.items_per_topic, 2000)
    test_x = world.centres[world.item_topic[test_items]] + rng.normal(0.0, 1.0, (test_items.size, p.skill_dims))
    width = p.skill_dims + p.items
    gram, moment = np.zeros((width, width)), np.zeros(width)
    rows, start = [], 0
    for n in grid:
        kept = ~refused[start:n]
        block_gram, block_moment = normal_equations(
            x[start:n][kept], items[start:n][kept], answers[start:n][kept], p.items
        )
        gram += block_gram
        moment += block_moment
        start = n
        coef = fit_ridge(gram, moment, p.ridge)
        rows.append(
            {
                "replicate": replicate,
                "queries": n,
                "kept": int((~refused[:n]).sum()),
                "refused_topics": p.refused_topics,
                **scores(world, coef, test_x),
            }
        )
    return rows


def run_experiment(p: Params) -> pd.DataFrame:
    """Every replicate at every N of the query grid. One row per (replicate, N): ``queries`` sent,
    ``kept`` answers after dropping refusals, and the three scores (fractions)."""
    grid = query_grid(p.n_smallest, p.n_largest, p.n_points)
    rows = [row for r in range(p.replicates) for row in run_replicate(p, r, grid)]
    return pd.DataFrame(rows)


def run_region_sizes(p: Params, sizes: list[int]) -> pd.DataFrame:
    """The experiment once per number of refused topics in ``sizes`` (for the chart's slider)."""
    return pd.concat([run_experiment(p.with_(refused_topics=size)) for size in sizes], ignore_index=True)


def summarise(results: pd.DataFrame) -> pd.DataFrame:
    """Mean, min and max over replicates of each score, per (refused topics, queries)."""
    metrics = ["skill_inside", "knowledge_inside", "knowledge_outside"]
    grouped = results.groupby(["refused_topics", "queries"])[metrics]
    out = (
        grouped.mean().add_suffix("_mean").join(grouped.min().add_suffix("_min")).join(grouped.max().add_suffix("_max"))
    )
    return out.reset_index()


# ---------------------------------------------------------------------------------------------
# The page's sentences about the result, as checks
# ---------------------------------------------------------------------------------------------

#: Thresholds the sentences rely on (fractions of variance explained).
SKILL_TRANSFERS = 0.9  # "the shared skill transfers": at least this inside the region, at the largest N
KNOWLEDGE_ZERO = 1e-9  # "refused-only knowledge does not reach the student": no more than this, at every N
OUTSIDE_LEARNED = 0.5  # "the student learns the facts it was shown": at least this outside, at the largest N


class SentenceError(AssertionError):
    """A sentence of the chapter about the experiment is no longer true."""


def sentence_checks(results: pd.DataFrame) -> dict[str, tuple[bool, str]]:
    """Each sentence the chapter says about the experiment: (holds?, the figures behind it).

    * ``skill_transfers``: at the largest N, every replicate's shared-skill score inside the
      refused region is at least ``SKILL_TRANSFERS``;
    * ``skill_grows_with_queries``: the mean shared-skill score inside the region is higher at the
      largest N than at the smallest;
    * ``refused_knowledge_stays_out``: at every N and in every replicate, the knowledge score inside
      the region is at most ``KNOWLEDGE_ZERO``;
    * ``shown_knowledge_learned``: at the largest N, the mean knowledge score outside the region is
      at least ``OUTSIDE_LEARNED``."""
    largest, smallest = results["queries"].max(), results["queries"].min()
    at_max, at_min = results[results["queries"] == largest], results[results["queries"] == smallest]
    skill_min = float(at_max["skill_inside"].min())
    grow = (float(at_min["skill_inside"].mean()), float(at_max["skill_inside"].mean()))
    knowledge_max = float(results["knowledge_inside"].max())
    outside = float(at_max["knowledge_outside"].mean())
    return {
        "skill_transfers": (skill_min >= SKILL_TRANSFERS, f"lowest skill score at N={largest}: {skill_min:.4f}"),
        "skill_grows_with_queries": (grow[1] > grow[0], f"mean skill score {grow[0]:.4f} -> {grow[1]:.4f}"),
        "refused_knowledge_stays_out": (
            knowledge_max <= KNOWLEDGE_ZERO,
            f"highest knowledge score inside: {knowledge_max:.3g}",
        ),
        "shown_knowledge_learned": (
            outside >= OUTSIDE_LEARNED,
            f"mean knowledge score outside at N={largest}: {outside:.4f}",
        ),
    }


def assert_sentences(results: pd.DataFrame) -> None:
    """Raise :class:`SentenceError` naming every sentence check that fails."""
    failed = [f"{name} ({why})" for name, (ok, why) in sentence_checks(results).items() if not ok]
    if failed:
        raise SentenceError("the chapter's sentences about the experiment no longer hold: " + "; ".join(failed))


# ---------------------------------------------------------------------------------------------
# Tables and charts for the page
# ---------------------------------------------------------------------------------------------

#: Reader-facing names of the experiment's three scores, in the chart's order.
METRIC_LABELS = {
    "skill_inside": "Shared skill, inside the refused region",
    "knowledge_inside": "Refused-only knowledge, inside the refused region",
    "knowledge_outside": "Knowledge of items it was shown, outside the region (reference)",
}


def chart_frame(summary: pd.DataFrame) -> pd.DataFrame:
    """The summary in long form for the chart: one row per (refused topics, queries, score)."""
    rows = []
    for metric, label in METRIC_LABELS.items():
        part = summary[["refused_topics", "queries"]].copy()
        part["score"] = label
        part["mean"] = summary[f"{metric}_mean"].round(4)
        part["low"] = summary[f"{metric}_min"].round(4)
        part["high"] = summary[f"{metric}_max"].round(4)
        rows.append(part)
    return pd.concat(rows, ignore_index=True)


def experiment_chart(frame: pd.DataFrame, sizes: tuple[int, int], default_size: int, description: str):
    """Mean score (line and points) and the range over replicates (band) against queries sent, on a
    log axis, for the number of refused topics chosen with a slider."""

    slider = alt.param(
        name="refused",
        value=default_size,
        bind=alt.binding_range(min=sizes[0], max=sizes[1], step=1, name="Refused topics (region size) "),
    )
    labels = list(METRIC_LABELS.values())
    legend = alt.Legend(
        orient="bottom", direction="vertical", labelLimit=420, symbolSize=100, symbolOpacity=1, symbolStrokeWidth=0
    )
    colour = alt.Color(
        "score:N",
        title=None,
        legend=legend,
        scale=alt.Scale(domain=labels, range=[OKABE_ITO[4], OKABE_ITO[5], OKABE_ITO[0]]),
    )
    dash = alt.StrokeDash(
        "score:N", title=None, legend=legend, scale=alt.Scale(domain=labels, range=[[1, 0], [6, 3], [2, 2]])
    )
    shape = alt.Shape(
        "score:N", title=None, legend=legend, scale=alt.Scale(domain=labels, range=["circle", "square", "triangle-up"])
    )
    grid = sorted(frame["queries"].unique())
    x = alt.X(
        "queries:Q",
        title="Queries sent to the teacher (log scale)",
        scale=alt.Scale(type="log", domain=[int(grid[0]), int(grid[-1])], nice=False),
        axis=alt.Axis(values=[int(v) for v in grid], format=",d", labelOverlap=True),
    )
    y_title = "Student's score (how closely it matches the teacher)"
    y = lambda field: alt.Y(f"{field}:Q", title=y_title, axis=alt.Axis(format=".0%"))  # noqa: E731
    base = alt.Chart(frame).transform_filter(alt.datum.refused_topics == slider)
    fill = alt.Fill(
        "score:N",
        title=None,
        legend=legend,
        scale=alt.Scale(domain=labels, range=[OKABE_ITO[4], OKABE_ITO[5], OKABE_ITO[0]]),
    )
    band = base.mark_area(opacity=0.18).encode(x=x, y=y("low"), y2="high:Q", fill=fill)
    line = base.mark_line(strokeWidth=2.5).encode(x=x, y=y("mean"), color=colour, strokeDash=dash)
    points = base.mark_point(filled=True, size=45).encode(
        x=x,
        y=y("mean"),
        color=colour,
        shape=shape,
        tooltip=["score:N", "queries:Q", alt.Tooltip("mean:Q", format=".1%"), "refused_topics:Q"],
    )
    return alt.layer(line, band, points, description=description).add_params(slider).properties(width=560, height=320)
