"""The safety paradox's toy distillation experiment (article section 3), and its charts.

A *teacher* answers queries about items. Items are grouped into topics; each topic has its own
input distribution (a centre in a ``skill_dims``-dimensional space). The teacher's answer to a
query ``(x, item)`` is ``rule . x + k[item] + noise``:

* ``rule . x`` is the **skill**. Outside the refused region the rule is ``w``; inside it the rule
  is ``w_inside = s w + sqrt(1 - s^2) v``, where ``v`` is drawn like ``w`` and independently of
  it, and ``s`` is the ``shared_skill`` parameter: the correlation between the two rules (1: the
  same rule everywhere; 0: a rule inside the region that has nothing to do with the rule outside);
* ``k[item]`` is **item knowledge**: an arbitrary value that exists only for that item.

The teacher *refuses* every query about an item in the refused topics (the "refused region").
A distiller sends ``N`` queries spread evenly over all items, drops the refusals, and fits a
student (ridge regression on ``[x, one-hot(item)]``) to the rest. Because every refused answer is
dropped, the student's fit does not depend on ``s``: one fit per run is scored against the rule
inside the region at every value of ``s`` (a test checks that the fit is the same whatever ``s``).

The student is scored *inside the refused region*, on fresh inputs drawn from the refused topics:

(a) ``skill_inside``: how much of the teacher's skill ``w_inside . x`` it reproduces;
(b) ``answers_inside``: how much of the teacher's whole answer there (skill plus item knowledge,
    without noise) it reproduces;
(c) ``knowledge_inside``: how much of the refused items' own values ``k`` it reproduces. The
    student never sees an answer about those items, so ridge leaves their coefficients at exactly
    zero and this score is zero *by construction*: an assumption of the toy, not a finding;

and, for reference, (d) ``knowledge_outside``: the knowledge of items it was shown.

Every score is ``1 - sum((predicted - truth)^2) / sum(truth^2)``: one means the student matches the
teacher, zero that it does no better than answering zero ("saying nothing"), and a negative score
that its answers are further from the teacher's than saying nothing would be.

The toy's outcome follows from its assumptions: a linear rule that the student's model class
contains, skill and knowledge that add up and can be told apart, perfect refusals, refused
knowledge never stated in benign wording, and a student that starts from nothing. The page names
each and what it favours.

Everything is deterministic from :mod:`distillbook.core.seeds` plus the ``seed_offset`` parameter, and
uses numpy only. Scores are dimensionless fractions; query counts are queries sent to the teacher.
"""

from __future__ import annotations

import dataclasses
import math

import altair as alt
import numpy as np
import pandas as pd

from distillbook.core import charts, seeds
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
    "shared_skill",
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
#: Step of the shared-skill slider and of the share grid the page computes (a correlation).
SHARE_STEP = 0.1
#: Fresh test questions drawn inside the refused region per run.
TEST_QUERIES = 2000


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
    shared_skill: float

    @property
    def items(self) -> int:
        """Number of items (topics x items per topic)."""
        return self.topics * self.items_per_topic

    @property
    def unknowns(self) -> int:
        """Coefficients the student fits: one per skill input and one per item."""
        return self.skill_dims + self.items

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


def share_grid(low: float, high: float, step: float = SHARE_STEP) -> list[float]:
    """Values of the shared-skill correlation from ``low`` to ``high`` in steps of ``step``
    (rounded to the step's precision, both ends included)."""
    if not low <= high or step <= 0:
        raise ValueError("need low <= high and a positive step")
    count = int(round((high - low) / step))
    return [round(low + i * step, 6) for i in range(count + 1)]


# ---------------------------------------------------------------------------------------------
# The toy world
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class World:
    """The teacher's world: the skill rule outside the region ``w``, the independent part ``v`` of
    the rule inside it, topic centres, item topics and item knowledge."""

    w: np.ndarray  # (skill_dims,) the skill rule outside the refused region
    v: np.ndarray  # (skill_dims,) the part of the inside rule that is not shared with w
    centres: np.ndarray  # (topics, skill_dims) where each topic's inputs lie
    item_topic: np.ndarray  # (items,) topic of each item
    knowledge: np.ndarray  # (items,) the item-only value k[item]
    refused: np.ndarray  # (items,) True for items the teacher refuses

    def rule_inside(self, shared: float) -> np.ndarray:
        """The skill rule inside the refused region at correlation ``shared`` with ``w``."""
        if not 0.0 <= shared <= 1.0:
            raise ValueError(f"the shared-skill correlation must lie between 0 and 1, got {shared}")
        return shared * self.w + math.sqrt(1.0 - shared**2) * self.v


def make_world(p: Params, rng: np.random.Generator) -> World:
    """Draw a world. Refused topics are the first ``refused_topics`` topics (topics are exchangeable)."""
    w = rng.normal(0.0, 1.0 / math.sqrt(p.skill_dims), p.skill_dims)
    centres = rng.normal(0.0, 1.0, (p.topics, p.skill_dims))
    item_topic = np.repeat(np.arange(p.topics), p.items_per_topic)
    knowledge = rng.normal(0.0, 1.0, p.items)
    refused = item_topic < p.refused_topics
    v = rng.normal(0.0, 1.0 / math.sqrt(p.skill_dims), p.skill_dims)
    return World(w, v, centres, item_topic, knowledge, refused)


def draw_queries(world: World, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``n`` queries spread uniformly over items: (inputs x of shape (n, dims), item ids (n,))."""
    items = rng.integers(0, world.item_topic.size, n)
    x = world.centres[world.item_topic[items]] + rng.normal(0.0, 1.0, (n, world.w.size))
    return x, items


def teacher_answers(
    world: World, x: np.ndarray, items: np.ndarray, noise: float, shared: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """The teacher's answers and which queries it refused (answers of refused queries are NaN).

    Inside the refused region the teacher would answer with the inside rule; it refuses there."""
    refused = world.refused[items]
    rule = np.where(refused[:, None], world.rule_inside(shared), world.w)
    answers = np.einsum("ij,ij->i", x, rule) + world.knowledge[items] + rng.normal(0.0, noise, items.size)
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
    """1 - sum((predicted - truth)^2) / sum(truth^2): 1 is perfect, 0 is no better than answering
    0, and below 0 is further from the truth than answering 0."""
    return float(1.0 - np.sum((predicted - truth) ** 2) / np.sum(truth**2))


def scores(
    world: World, coef: np.ndarray, test_x: np.ndarray, test_items: np.ndarray, shared: float
) -> dict[str, float]:
    """The student's scores (fractions) for coefficients ``coef`` = [skill part, item part], with
    the inside rule at correlation ``shared``. ``test_x``, ``test_items``: fresh questions about
    items of the refused topics."""
    dims = world.w.size
    w_hat, k_hat = coef[:dims], coef[dims:]
    inside, outside = world.refused, ~world.refused
    skill_truth = test_x @ world.rule_inside(shared)
    skill_student = test_x @ w_hat
    return {
        "skill_inside": variance_explained(skill_student, skill_truth),
        "answers_inside": variance_explained(
            skill_student + k_hat[test_items], skill_truth + world.knowledge[test_items]
        ),
        "knowledge_inside": variance_explained(k_hat[inside], world.knowledge[inside]),
        "knowledge_outside": variance_explained(k_hat[outside], world.knowledge[outside]),
    }


def expected_answers_kept(queries: int, p: Params) -> float:
    """Answers the distiller keeps, on average, out of ``queries`` spread evenly over the items, once
    the refused topics' share is dropped (answers): ``queries x (1 - refused_topics / topics)``."""
    return queries * (1 - p.refused_topics / p.topics)


def run_replicate(p: Params, replicate: int, grid: list[int], shares: list[float]) -> list[dict]:
    """One distillation run: the first N queries of one query stream, for each N of ``grid``,
    scored at every shared-skill correlation of ``shares``."""
    if expected_answers_kept(grid[0], p) <= p.unknowns:
        raise ValueError(
            f"data/safety-paradox/parameters.csv: n_smallest ({grid[0]}) keeps about "
            f"{expected_answers_kept(grid[0], p):.0f} answers once the {p.refused_topics} refused topics' "
            f"share is dropped; it must keep more than the student's unknowns "
            f"(skill_dims + topics x items_per_topic = {p.unknowns})"
        )
    rng = seeds.generator(p.seed_offset * 1000 + replicate)
    world = make_world(p, rng)
    x, items = draw_queries(world, grid[-1], rng)
    answers, refused = teacher_answers(world, x, items, p.answer_noise, p.shared_skill, rng)
    test_items = rng.integers(0, p.refused_topics * p.items_per_topic, TEST_QUERIES)
    test_x = world.centres[world.item_topic[test_items]] + rng.normal(0.0, 1.0, (test_items.size, p.skill_dims))
    gram, moment = np.zeros((p.unknowns, p.unknowns)), np.zeros(p.unknowns)
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
        for shared in shares:
            rows.append(
                {
                    "replicate": replicate,
                    "queries": n,
                    "kept": int((~refused[:n]).sum()),
                    "refused_topics": p.refused_topics,
                    "shared": shared,
                    **scores(world, coef, test_x, test_items, shared),
                }
            )
    return rows


def run_experiment(p: Params, shares: list[float] | None = None) -> pd.DataFrame:
    """Every replicate at every N of the query grid and every share of ``shares`` (default: the
    parameter's own value only). One row per (replicate, N, share): ``queries`` sent, ``kept``
    answers after dropping refusals, ``shared`` and the four scores (fractions)."""
    grid = query_grid(p.n_smallest, p.n_largest, p.n_points)
    shares = [p.shared_skill] if shares is None else shares
    rows = [row for r in range(p.replicates) for row in run_replicate(p, r, grid, shares)]
    return pd.DataFrame(rows)


def run_region_sizes(p: Params, sizes: list[int], shares: list[float] | None = None) -> pd.DataFrame:
    """The experiment once per number of refused topics in ``sizes`` (for the chart's slider)."""
    return pd.concat([run_experiment(p.with_(refused_topics=size), shares) for size in sizes], ignore_index=True)


METRICS = ["skill_inside", "answers_inside", "knowledge_inside", "knowledge_outside"]


def summarise(results: pd.DataFrame) -> pd.DataFrame:
    """Mean, min and max over replicates of each score, per (refused topics, share, queries)."""
    grouped = results.groupby(["refused_topics", "shared", "queries"])[METRICS]
    out = (
        grouped.mean().add_suffix("_mean").join(grouped.min().add_suffix("_min")).join(grouped.max().add_suffix("_max"))
    )
    return out.reset_index()


def select(results: pd.DataFrame, refused_topics: int, shared: float) -> pd.DataFrame:
    """The rows of one setting (region size and share; the share matched to the grid's precision)."""
    return results[(results["refused_topics"] == refused_topics) & np.isclose(results["shared"], shared)]


def ends(results: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows at the smallest and at the largest number of queries."""
    return results[results["queries"] == results["queries"].min()], results[
        results["queries"] == results["queries"].max()
    ]


def final_by_share(results: pd.DataFrame, refused_topics: int) -> pd.DataFrame:
    """At the largest number of queries and one region size: per share, the mean, min and max over
    the worlds of the skill score and of the whole-answer score inside the region."""
    at = results[(results["refused_topics"] == refused_topics) & (results["queries"] == results["queries"].max())]
    grouped = at.groupby("shared")[["skill_inside", "answers_inside"]]
    out = (
        grouped.mean().add_suffix("_mean").join(grouped.min().add_suffix("_min")).join(grouped.max().add_suffix("_max"))
    )
    return out.reset_index()


def zero_crossing(shares, values) -> float | None:
    """The share at which ``values`` (in the order of increasing ``shares``) first goes from below
    zero to zero or above, by linear interpolation between grid points; None if it never does."""
    pairs = sorted(zip((float(s) for s in shares), (float(v) for v in values), strict=True))
    for (s0, v0), (s1, v1) in zip(pairs, pairs[1:], strict=False):
        if v0 < 0 <= v1:
            return s0 + (s1 - s0) * (0 - v0) / (v1 - v0)
    return None


# ---------------------------------------------------------------------------------------------
# Words for the page's sentences about the result
# ---------------------------------------------------------------------------------------------


def trend(first: float, last: float) -> str:
    """``rises``, ``falls`` or ``stays`` (a score from the smallest to the largest query count)."""
    return "rises" if last > first else "falls" if last < first else "stays"


def against_silence(score: float) -> str:
    """How a score compares with saying nothing: ``better than``, ``worse than`` or ``no better than``."""
    return "better than" if score > 0 else "worse than" if score < 0 else "no better than"


def shared_variance(correlation: float) -> float:
    """The share of the variation of the rule inside the refused region that the rule outside also
    has, for a correlation between the two (a fraction): the correlation squared."""
    return correlation**2


def reproduction(score: float) -> str:
    """How far a score says the teacher's answers are reproduced: ``reproduced`` at one or above,
    ``only partly reproduced`` between zero and one, ``not reproduced`` at zero or below."""
    return "reproduced" if score >= 1 else "only partly reproduced" if score > 0 else "not reproduced"


class SentenceError(AssertionError):
    """A sentence of the chapter about the experiment cannot be written from the result."""


def against_reference(score: float, reference: float) -> str:
    """Where a score ends against the reference score of items the student was shown: ``below``
    or ``level with or above``."""
    return "below" if score < reference else "level with or above"


def experiment_description(figures: dict) -> str:
    """The experiment chart's description for screen readers, its comparisons worded from the
    figures of :func:`headline` (``skill_last``, ``answers_last``, ``outside_last``)."""
    reference = figures["outside_last"]
    return (
        "Line chart of a distilled student's scores against the number of queries sent to the teacher, on a "
        "logarithmic axis, with bands for the range over independent worlds. At the default setting the skill "
        f"score inside the refused region ends {against_reference(figures['skill_last'], reference)} the "
        "reference line of items the student was shown, and the score on the teacher's whole answers inside the "
        f"region ends {against_reference(figures['answers_last'], reference)} it. On the live page, two sliders set how "
        "many topics the teacher refuses and how much skill the refused region shares with the rest."
    )


def require_whole_answers_flatter(final: pd.DataFrame) -> None:
    """Guard of the shares chart's description ("the score on the teacher's whole answers lies above
    the skill score when little skill is shared and below it when most is"): at the lowest share
    the mean whole-answer score must exceed the mean skill score, and at the highest it must fall
    short of it; :class:`SentenceError` otherwise."""
    ordered = final.sort_values("shared")
    low, high = ordered.iloc[0], ordered.iloc[-1]
    if not (
        low["answers_inside_mean"] > low["skill_inside_mean"]
        and high["answers_inside_mean"] < high["skill_inside_mean"]
    ):
        raise SentenceError(
            "the whole-answer score does not lie above the skill score at the lowest share and below it at the "
            "highest: the shares chart's description no longer holds"
        )


def breakeven_share(final: pd.DataFrame) -> float:
    """The share at which the mean skill score inside the region, at the largest number of
    queries, reaches zero (:func:`zero_crossing`); :class:`SentenceError` if it does not cross zero
    within the shares computed (the page's sentence "it reaches zero at a share of about ..."
    would then be false)."""
    value = zero_crossing(final["shared"], final["skill_inside_mean"])
    if value is None:
        raise SentenceError(
            "the mean skill score inside the refused region does not cross zero over the shared-skill range: "
            "the page's sentence about where it reaches zero no longer holds"
        )
    return value


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------

#: Reader-facing names of the scores the charts show, in the chart's order.
METRIC_LABELS = {
    "skill_inside": "Skill, inside the refused region",
    "answers_inside": "The teacher's whole answers, inside the refused region",
    "knowledge_outside": "Knowledge of items it was shown, outside the region (reference)",
}
#: Lowest score drawn: a score of minus one is an error twice that of saying nothing. Lower values
#: (and the ends of bands below it) are drawn at this edge; the data table keeps them.
FLOOR = -1.0
COLOURS = [OKABE_ITO[4], OKABE_ITO[5], OKABE_ITO[0]]
DASHES = [[1, 0], [6, 3], [2, 2]]
SHAPES = ["circle", "square", "triangle-up"]
#: Two lines: on one, the title ran longer than the shares chart is tall and out of the chart.
Y_TITLE = ["Student's score", "(0% = no better than saying nothing)"]


#: Short keys of the scores in the chart's own data (the labels are added in the browser), so the
#: page carries less data.
SHORT = {"skill_inside": "skill", "answers_inside": "answers", "knowledge_outside": "shown"}


def chart_frame(summary: pd.DataFrame) -> pd.DataFrame:
    """The summary in long form for the chart: one row per (refused topics, share, queries, score),
    the score by its short key (:data:`SHORT`), and its ``mean``, ``low`` and ``high`` over the
    worlds (fractions, to three decimals)."""
    rows = []
    for metric in METRIC_LABELS:
        part = summary[["refused_topics", "shared", "queries"]].copy()
        part["score"] = SHORT[metric]
        part["mean"] = summary[f"{metric}_mean"].round(3)
        part["low"] = summary[f"{metric}_min"].round(3)
        part["high"] = summary[f"{metric}_max"].round(3)
        rows.append(part)
    return pd.concat(rows, ignore_index=True)


def table_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """:func:`chart_frame` for readers: the scores by name, columns named in words."""
    names = {SHORT[metric]: label for metric, label in METRIC_LABELS.items()}
    out = frame.assign(score=frame["score"].map(names))
    return out.rename(
        columns={
            "refused_topics": "refused topics",
            "shared": "skill shared (correlation)",
            "queries": "queries sent",
            "mean": "mean score",
            "low": "lowest score",
            "high": "highest score",
        }
    )


def _labelled(chart: alt.Chart) -> alt.Chart:
    """Add the score's label and its values clamped at :data:`FLOOR` (``*_drawn``) in the browser."""
    names = {SHORT[metric]: label for metric, label in METRIC_LABELS.items()}
    expression = " : ".join(
        [f'datum.score == "{key}" ? "{label}"' for key, label in list(names.items())[:-1]]
        + [f'"{list(names.values())[-1]}"']
    )
    return chart.transform_calculate(
        label=expression,
        mean_drawn=f"max(datum.mean, {FLOOR})",
        low_drawn=f"max(datum.low, {FLOOR})",
        high_drawn=f"max(datum.high, {FLOOR})",
    )


def _encodings(labels: list[str], field: str = "score"):
    legend = alt.Legend(
        orient="bottom", direction="vertical", labelLimit=460, symbolSize=100, symbolOpacity=1, symbolStrokeWidth=0
    )
    colour = alt.Color(f"{field}:N", title=None, legend=legend, scale=alt.Scale(domain=labels, range=COLOURS))
    fill = alt.Fill(f"{field}:N", title=None, legend=legend, scale=alt.Scale(domain=labels, range=COLOURS))
    dash = alt.StrokeDash(f"{field}:N", title=None, legend=legend, scale=alt.Scale(domain=labels, range=DASHES))
    shape = alt.Shape(f"{field}:N", title=None, legend=legend, scale=alt.Scale(domain=labels, range=SHAPES))
    return colour, fill, dash, shape


def _y(field: str):
    return alt.Y(
        f"{field}:Q",
        title=Y_TITLE,
        scale=alt.Scale(domain=[FLOOR, 1.0], nice=False),
        axis=alt.Axis(format=".0%"),
    )


def experiment_chart(
    frame: pd.DataFrame,
    sizes: tuple[int, int],
    default_size: int,
    shares: tuple[float, float],
    default_share: float,
    description: str,
):
    """Mean score (line and points) and the lowest-to-highest range over the worlds (band) against
    queries sent, on a log axis, for the region size and shared-skill correlation chosen with two
    sliders."""
    refused = charts.slider(
        "refused",
        value=default_size,
        low=sizes[0],
        high=sizes[1],
        step=1,
        label="Refused topics (region size)",
        unit="topics",
    )
    shared = charts.slider(
        "shared",
        value=default_share,
        low=shares[0],
        high=shares[1],
        step=SHARE_STEP,
        label="Skill shared by both regions (correlation)",
        decimals=1,
    )
    labels = list(METRIC_LABELS.values())
    colour, fill, dash, shape = _encodings(labels, "label")
    grid = sorted(frame["queries"].unique())
    x = alt.X(
        "queries:Q",
        title="Queries sent to the teacher (log scale)",
        scale=alt.Scale(type="log", domain=[int(grid[0]), int(grid[-1])], nice=False),
        axis=alt.Axis(values=[int(v) for v in grid], format=",d", labelOverlap=True),
    )
    base = _labelled(
        alt.Chart(frame)
        .transform_filter(alt.datum.refused_topics == refused.param)
        .transform_filter(f"abs(datum.shared - shared) < {SHARE_STEP / 2}")
    )
    band = base.mark_area(opacity=0.18).encode(x=x, y=_y("low_drawn"), y2="high_drawn:Q", fill=fill)
    line = base.mark_line(strokeWidth=2.5).encode(x=x, y=_y("mean_drawn"), color=colour, strokeDash=dash)
    points = base.mark_point(filled=True, size=45).encode(
        x=x,
        y=_y("mean_drawn"),
        color=colour,
        shape=shape,
        opacity=alt.condition(alt.datum.mean < FLOOR, alt.value(0.35), alt.value(1.0)),
        tooltip=[
            alt.Tooltip("label:N", title="score"),
            "queries:Q",
            alt.Tooltip("mean:Q", format=".1%"),
            alt.Tooltip("low:Q", format=".1%"),
            alt.Tooltip("high:Q", format=".1%"),
            "refused_topics:Q",
            "shared:Q",
        ],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#888888", strokeDash=[3, 3]).encode(y=_y("y"))
    chart = alt.layer(zero, band, line, points, description=description).properties(width=560, height=320)
    return charts.with_sliders(chart, refused, shared)


#: Reader-facing names of the scores of the shared-skill chart.
SHARE_LABELS = {
    "skill_inside": "Skill, inside the refused region",
    "answers_inside": "The teacher's whole answers, inside the refused region",
}


def share_frame(final: pd.DataFrame) -> pd.DataFrame:
    """:func:`final_by_share` in long form: one row per (share, score), with ``mean``, ``low``,
    ``high`` and their clamped ``*_drawn`` versions."""
    rows = []
    for metric, label in SHARE_LABELS.items():
        part = final[["shared"]].copy()
        part["score"] = label
        part["mean"] = final[f"{metric}_mean"].round(4)
        part["low"] = final[f"{metric}_min"].round(4)
        part["high"] = final[f"{metric}_max"].round(4)
        rows.append(part)
    out = pd.concat(rows, ignore_index=True)
    for column in ("mean", "low", "high"):
        out[f"{column}_drawn"] = out[column].clip(lower=FLOOR)
    return out


def share_chart(frame: pd.DataFrame, default_share: float, description: str):
    """The scores inside the refused region at the largest number of queries against the
    shared-skill correlation: mean over the worlds (line and points) and their range (band); a grey
    rule at zero and one at the page's default share."""
    labels = list(SHARE_LABELS.values())
    colour, fill, dash, shape = _encodings(labels)
    x = alt.X(
        "shared:Q",
        title="Skill shared by both regions (correlation of the two rules)",
        scale=alt.Scale(domain=[float(frame["shared"].min()), float(frame["shared"].max())], nice=False),
        axis=alt.Axis(format=".1f"),
    )
    base = alt.Chart(frame)
    band = base.mark_area(opacity=0.18).encode(x=x, y=_y("low_drawn"), y2="high_drawn:Q", fill=fill)
    line = base.mark_line(strokeWidth=2.5).encode(x=x, y=_y("mean_drawn"), color=colour, strokeDash=dash)
    points = base.mark_point(filled=True, size=45).encode(
        x=x,
        y=_y("mean_drawn"),
        color=colour,
        shape=shape,
        opacity=alt.condition(alt.datum.mean < FLOOR, alt.value(0.35), alt.value(1.0)),
        tooltip=[
            "score:N",
            "shared:Q",
            alt.Tooltip("mean:Q", format=".1%"),
            alt.Tooltip("low:Q", format=".1%"),
            alt.Tooltip("high:Q", format=".1%"),
        ],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#888888", strokeDash=[3, 3]).encode(y=_y("y"))
    default = (
        alt.Chart(pd.DataFrame({"x": [default_share]}))
        .mark_rule(color="#888888")
        .encode(x=alt.X("x:Q", title="Skill shared by both regions (correlation of the two rules)"))
    )
    return alt.layer(zero, default, band, line, points, description=description).properties(width=560, height=300)


# ---------------------------------------------------------------------------------------------
# The figures the page shows
# ---------------------------------------------------------------------------------------------


def settings(p: Params, sizes: tuple[int, int], shares: tuple[float, float]) -> dict:
    """The experiment's settings as the page shows them (counts, fractions; plain values)."""
    grid = query_grid(p.n_smallest, p.n_largest, p.n_points)
    return {
        "topics": p.topics,
        "items_per_topic": p.items_per_topic,
        "items": p.items,
        "refused_topics": p.refused_topics,
        "refused_share": p.refused_topics / p.topics,
        "skill_dims": p.skill_dims,
        "noise": p.answer_noise,
        "replicates": p.replicates,
        "unknowns": p.unknowns,
        "queries_min": grid[0],
        "queries_max": grid[-1],
        "size_low": sizes[0],
        "size_high": sizes[1],
        "share_default": p.shared_skill,
        "share_default_variance": shared_variance(p.shared_skill),
        "share_low": shares[0],
        "share_high": shares[1],
    }


def headline(results: pd.DataFrame, p: Params, shares: tuple[float, float]) -> dict:
    """The figures the page's sentences about the result cite (fractions, counts; plain values):

    at the default setting (region size and share of the parameters), the mean skill score at the
    smallest and largest query counts and its lowest and highest value over the worlds at the
    largest; the whole-answer score at the largest query count (mean, lowest, highest), and its
    lowest and highest with the whole skill shared (share ``shares[1]``); the mean skill score at
    the largest query count at both ends of the share range and the share where it reaches zero
    (:func:`breakeven_share`); the largest refused-only knowledge score in any run; the knowledge
    score outside the region and the share of queries kept, at the largest query count; and the
    number of runs (worlds times region sizes)."""
    mine = select(results, p.refused_topics, p.shared_skill)
    first, last = ends(mine)
    final = final_by_share(results, p.refused_topics).set_index("shared")
    full = select(results, p.refused_topics, shares[1])
    full_last = full[full["queries"] == full["queries"].max()]
    return {
        "skill_first": float(first["skill_inside"].mean()),
        "skill_last": float(last["skill_inside"].mean()),
        "skill_last_low": float(last["skill_inside"].min()),
        "skill_last_high": float(last["skill_inside"].max()),
        "skill_trend": trend(float(first["skill_inside"].mean()), float(last["skill_inside"].mean())),
        "skill_against_silence": against_silence(float(last["skill_inside"].mean())),
        "answers_last": float(last["answers_inside"].mean()),
        "answers_reproduction": reproduction(float(last["answers_inside"].mean())),
        "answers_last_low": float(last["answers_inside"].min()),
        "answers_last_high": float(last["answers_inside"].max()),
        "answers_full_low": float(full_last["answers_inside"].min()),
        "answers_full_high": float(full_last["answers_inside"].max()),
        "skill_share_high": float(final.loc[shares[1], "skill_inside_mean"]),
        "skill_share_low": float(final.loc[shares[0], "skill_inside_mean"]),
        "share_low_against_silence": against_silence(float(final.loc[shares[0], "skill_inside_mean"])),
        "breakeven": breakeven_share(final.reset_index()),
        "knowledge_inside_max": float(results["knowledge_inside"].max()),
        "outside_last": float(last["knowledge_outside"].mean()),
        "kept_share": float((last["kept"] / last["queries"]).mean()),
        "runs": int(results[["refused_topics", "replicate"]].drop_duplicates().shape[0]),
    }
