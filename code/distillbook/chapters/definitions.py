"""The definitions chapter (article section 1): what distillation is, whether "distillation attack"
is a coined term, who hid reasoning traces when, how much data distillation needs, and Cursor.

Pure functions take tables (pandas DataFrames as :func:`distillbook.core.data.load_table` returns them)
and return numbers or tables; the ``@check`` functions read ``data/`` through a
:class:`~distillbook.core.ledger.DataAccess` and apply the rule written in their docstrings.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from distillbook.core import searches as search_rule
from distillbook.core.allegation import per_lab_exchanges
from distillbook.core.charts import OKABE_ITO
from distillbook.core.ledger import CheckResult, DataAccess, Edit, LedgerError, Move, check
from distillbook.core.params import Range

#: The companies on the timeline, in the order the chart lists them.
ACTORS = ["OpenAI", "DeepSeek", "Anthropic", "Google"]
#: Timeline kinds that release a reasoning model or change how its reasoning is shown.
REASONING_KINDS = ("reasoning-release", "reasoning-change")


# ---------------------------------------------------------------------------------------------
# Dates and the order of events
# ---------------------------------------------------------------------------------------------


def days_between(earlier: pd.Timestamp, later: pd.Timestamp) -> int:
    """Whole days (calendar days) from ``earlier`` to ``later``; negative if ``later`` comes first."""
    return int((pd.Timestamp(later) - pd.Timestamp(earlier)).days)


def event_date(timeline: pd.DataFrame, event_id: str) -> pd.Timestamp:
    """The date of one timeline event (a timestamp at midnight); LedgerError if the id is unknown."""
    match = timeline.loc[timeline["id"] == event_id, "date"]
    if match.empty:
        raise LedgerError(f"data/definitions/timeline.csv: no event with id {event_id!r}")
    return pd.Timestamp(match.iloc[0])


def event_order(timeline: pd.DataFrame) -> pd.DataFrame:
    """The events sorted by date (ties by id), with ``rank`` (1 = earliest) and
    ``days_from_first`` (days since the earliest event). The order is computed, never typed."""
    frame = timeline.sort_values(["date", "id"]).reset_index(drop=True)
    frame["rank"] = range(1, len(frame) + 1)
    first = frame["date"].min()
    frame["days_from_first"] = [days_between(first, d) for d in frame["date"]]
    return frame


def first_reasoning_event(timeline: pd.DataFrame, actor: str) -> pd.Series:
    """The actor's earliest event that released or changed how a reasoning model shows its
    reasoning (kinds ``reasoning-release`` and ``reasoning-change``)."""
    rows = timeline[(timeline["actor"] == actor) & timeline["kind"].isin(REASONING_KINDS)]
    if rows.empty:
        raise LedgerError(f"data/definitions/timeline.csv: no reasoning event for {actor!r}")
    return event_order(rows).iloc[0]


# ---------------------------------------------------------------------------------------------
# Distillation data: datasets, labs' volumes as trajectories
# ---------------------------------------------------------------------------------------------


def trajectories(exchanges: float, exchanges_per_trajectory: float) -> float:
    """Training trajectories (count) that ``exchanges`` (count) could make if every trajectory
    spans ``exchanges_per_trajectory`` exchanges. An exchange is not a training example: this is
    the most the volume could yield before any filtering."""
    if exchanges_per_trajectory <= 0:
        raise ValueError("exchanges_per_trajectory must be positive")
    return exchanges / exchanges_per_trajectory


def lab_trajectory_range(allegation: pd.DataFrame, per_trajectory: Range) -> pd.DataFrame:
    """Each lab's exchanges (the report's lower bound) as a range of trajectories (counts).

    ``fewest`` divides by the parameter's high end, ``most`` by its low end, ``central`` by the
    default. Columns: lab, exchanges, fewest, central, most."""
    frame = per_lab_exchanges(allegation)[["lab", "exchanges"]].copy()
    frame["fewest"] = [trajectories(x, per_trajectory.high) for x in frame["exchanges"]]
    frame["central"] = [trajectories(x, per_trajectory.default) for x in frame["exchanges"]]
    frame["most"] = [trajectories(x, per_trajectory.low) for x in frame["exchanges"]]
    return frame


def datasets_from_teachers(datasets: pd.DataFrame) -> pd.DataFrame:
    """The datasets built from a stronger model's outputs (``teacher_kind == "stronger model"``)."""
    return datasets[datasets["teacher_kind"] == "stronger model"].reset_index(drop=True)


def count_smaller(datasets: pd.DataFrame, volume: float) -> int:
    """How many datasets have fewer examples (count) than ``volume`` (count)."""
    return int((datasets["examples"].astype(float) < float(volume)).sum())


def position_in_range(value: float, low: float, high: float) -> str:
    """Where ``value`` lies relative to the range [low, high] (same unit): "below", "inside" or "above"."""
    if value < low:
        return "below"
    return "inside" if value <= high else "above"


def role_counts(signals: pd.DataFrame) -> dict[str, int]:
    """How many of the report's signals serve to detect a campaign (traffic patterns) and how many
    to attribute it to a lab: ``detection``, ``attribution`` (counts)."""
    counts = signals["role"].value_counts()
    return {key: int(counts.get(key, 0)) for key in ("detection", "attribution")}


def signal_counts(signals: pd.DataFrame) -> dict[str, int]:
    """How many of the report's signals an outsider can check: ``yes``, ``partly``, ``no`` (counts)."""
    counts = signals["outsider_check"].value_counts()
    return {key: int(counts.get(key, 0)) for key in ("yes", "partly", "no")}


# ---------------------------------------------------------------------------------------------
# Ledger checks
# ---------------------------------------------------------------------------------------------


@check(
    rule=(
        "A cause must come before its effect. The book compares the date OpenAI decided to hide "
        "its reasoning model's raw chain of thought with the dates of the release of DeepSeek's "
        "reasoning model and of OpenAI's first public accusation of distillation. Inaccurate when"
        " the decision came before both, so the DeepSeek episode cannot have caused it; otherwise"
        " unsupported, because the order would allow the story but no source states that motive."
    ),
    moves=(
        Move(
            "If OpenAI had hidden o1’s reasoning only after DeepSeek-R1 was released.",
            (Edit("definitions/timeline", "o1-hidden", "date", "2025-02-01"),),
        ),
    ),
)
def openai_hid_order(data: DataAccess) -> CheckResult:
    """Rule (a cause must come before its effect): the article says OpenAI hid o1's reasoning
    *because* it believed DeepSeek had used o1's data.

    * inaccurate: the decision to hide the raw chain of thought (event ``o1-hidden``) is dated
      before both DeepSeek-R1's release (``r1-release``) and OpenAI's first public distillation
      accusation (``openai-distill-claim``), so the DeepSeek episode cannot have caused it;
    * unsupported: otherwise; the order would then allow the story, but no source states that
      motive.

    Figures: days from the decision to each of the two later events (days)."""
    timeline = data.table("definitions/timeline")
    hidden = event_date(timeline, "o1-hidden")
    release = event_date(timeline, "r1-release")
    claim = event_date(timeline, "openai-distill-claim")
    before_r1, before_claim = days_between(hidden, release), days_between(hidden, claim)
    verdict = "inaccurate" if before_r1 > 0 and before_claim > 0 else "unsupported"
    return CheckResult(verdict, {"days_before_r1": before_r1, "days_before_claim": before_claim})


@check(
    rule=(
        "The book finds, in its timeline of events, Anthropic's earliest event that released a "
        "reasoning model or changed how its reasoning is shown. Accurate when that earliest event"
        " showed the reasoning in full, as the article says; inaccurate when it showed only a "
        "summary or nothing."
    ),
    moves=(
        Move(
            "If Claude 3.7 Sonnet had shown only a summary of its reasoning.",
            (Edit("definitions/timeline", "claude-37-visible", "reasoning_shown", "summary"),),
        ),
    ),
)
def anthropic_first_visible(data: DataAccess) -> CheckResult:
    """Rule: the article says that when Anthropic *initially* launched reasoning models it did not
    hide the reasoning.

    * accurate: Anthropic's earliest reasoning event in the timeline showed the reasoning raw;
    * inaccurate: it showed only a summary or nothing.

    Figures: days from that first launch to Anthropic's first event that summarised any reasoning
    (``reasoning_shown`` other than ``raw``; days), the share of thought processes that event
    summarised where its source states one (fraction, 0 if not stated), and the number of
    Anthropic reasoning events in the timeline (count)."""
    timeline = data.table("definitions/timeline")
    first = first_reasoning_event(timeline, "Anthropic")
    verdict = "accurate" if first["reasoning_shown"] == "raw" else "inaccurate"
    anthropic = timeline[(timeline["actor"] == "Anthropic") & timeline["kind"].isin(REASONING_KINDS)]
    summaries = anthropic[anthropic["reasoning_shown"] != "raw"]
    later = summaries[summaries["date"] >= first["date"]].sort_values("date")
    raw_days = days_between(first["date"], later["date"].iloc[0]) if not later.empty else 0
    share = later["summarised_share"].iloc[0] if not later.empty and "summarised_share" in later else None
    share = float(share) if share is not None and pd.notna(share) else 0.0
    return CheckResult(
        verdict, {"raw_days": raw_days, "summarised_share": share, "anthropic_events": int(len(anthropic))}
    )


@check(
    rule=(
        "“Coined by Anthropic” fails if someone used the exact term first. The book compares the "
        "dates of recorded uses of the exact term with the date of Anthropic's report. Inaccurate"
        " when a primary source used it earlier; unsupported when earlier uses appear only in "
        "secondary or unverified sources; accurate when no earlier use is recorded."
    ),
    moves=(
        Move(
            "If Google’s threat report had appeared after Anthropic’s, leaving only the secondary-read abstract as an earlier use.",
            (Edit("definitions/term_uses", "gtig-2026", "date", "2026-02-24"),),
        ),
    ),
)
def term_coined(data: DataAccess) -> CheckResult:
    """Rule: "coined by Anthropic" fails if someone used the term first.

    * inaccurate: at least one source rated ``primary`` used the exact term (``exact_term``)
      before the date of Anthropic's report (the ``anthropic-report`` row of ``term_uses``);
    * unsupported: earlier exact uses exist only in secondary or unverified sources;
    * accurate: no earlier exact use is recorded.

    Figures: days by which the earliest primary use precedes the report (days, 0 if none), its
    publisher, and the number of earlier exact uses of any reliability (count)."""
    uses = data.table("definitions/term_uses")
    sources = data.table("ledger/sources").set_index("id")
    report = uses.loc[uses["kind"] == "anthropic-report", "date"].min()
    earlier = uses[uses["exact_term"].astype(bool) & (uses["date"] < report)].sort_values("date")
    reliability = earlier["source_id"].map(sources["reliability"])
    primary = earlier[reliability == "primary"]
    if not primary.empty:
        verdict = "inaccurate"
    elif not earlier.empty:
        verdict = "unsupported"
    else:
        verdict = "accurate"
    first = primary.iloc[0] if not primary.empty else None
    return CheckResult(
        verdict,
        {
            "days_before": days_between(first["date"], report) if first is not None else 0,
            "first_publisher": str(first["publisher"]) if first is not None else "nobody",
            "earlier_uses": int(len(earlier)),
        },
    )


@check(
    rule=(
        "Only Cursor models documented by the date up to which evidence was weighed count. "
        "Accurate when a primary source documents a Cursor model trained on another company's "
        "model outputs; mostly accurate when such training is documented only by secondary or "
        "unverified sources; unsupported when none is documented and the searches meet the book's"
        " rule for unsupported verdicts (see above)."
    ),
    moves=(
        Move(
            "If Cursor’s own post, a primary source, were the source for the fast-apply model’s training data.",
            (Edit("definitions/cursor_models", "fast-apply", "outputs_source_id", "cursor2024instantapply"),),
        ),
    ),
)
def cursor_distills(data: DataAccess) -> CheckResult:
    """Rule: the article says Cursor trains its own code model on data generated by paying for
    another model's API. Only Cursor models documented on or before the claim's ``as_of`` count (a
    source dated later goes in a "since the article" note, not into the verdict).

    * accurate: a source rated ``primary`` (``outputs_source_id`` in ``sources``) documents a
      Cursor model trained on another company's model outputs (``third_party_outputs ==
      "documented"``);
    * mostly-accurate: such training is documented, but only by secondary or unverified sources
      (the substance is there; how firmly it is known is the detail off);
    * unsupported: none is documented, and ``searches.csv`` records the searches made for the claim.

    Figures: Cursor models documented up to ``as_of`` (count), how many of them are documented as
    trained on another company's outputs (count), and searches recorded (count)."""
    models = data.table("definitions/cursor_models")
    searches = data.table("ledger/searches")
    reliability = data.table("ledger/sources").set_index("id")["reliability"]
    as_of = pd.Timestamp(data.claim("def-cursor")["as_of"])
    known = models[models["date"] <= as_of]
    recorded = search_rule.counted(searches, "def-cursor")
    distilled = known[known["third_party_outputs"] == "documented"]
    firm = distilled["outputs_source_id"].map(reliability) == "primary"
    if firm.any():
        verdict = "accurate"
    elif not distilled.empty:
        verdict = "mostly-accurate"
    elif search_rule.unsupported(searches, "def-cursor")[0]:  # raises unless enough searches were made
        verdict = "unsupported"
    else:  # a search found what no data row records: the data must be completed first
        raise LedgerError("claim 'def-cursor': a recorded search found support that definitions/cursor_models lacks")
    return CheckResult(
        verdict,
        {"models_documented": int(len(known)), "models_distilled": int(len(distilled)), "searches": int(len(recorded))},
    )


@check(
    rule=(
        "The book compares the article's definition with the earliest documented distillation "
        "method. Accurate when that method already trained the smaller model on the larger "
        "model's generated outputs; mostly accurate when it needed the larger model's "
        "probabilities instead, but a later method trains on its text and some dataset in the "
        "chapter was built from a stronger model's outputs; inaccurate otherwise."
    ),
    moves=(
        Move(
            "If the original method had needed only the teacher’s labels, not its probabilities (as earlier model-compression work did).",
            (Edit("definitions/kd_methods", "soft-targets", "needs_logits", "false"),),
        ),
    ),
)
def distillation_definition(data: DataAccess) -> CheckResult:
    """Rule: the article calls training a smaller model on a stronger model's *output data*
    "traditional model distillation".

    * accurate: the earliest documented distillation method (``kd_methods``) already trained on
      the teacher's generated outputs (``needs_logits`` false);
    * mostly-accurate: the earliest method needs the teacher's probabilities (logits), but a later
      method trains on its text and at least one dataset of this chapter was built that way
      (the practice is real; calling it the traditional form is a detail off);
    * inaccurate: no documented method or dataset trains on a teacher's text.

    Figures: year of the original method and of the first text-based method (years), and the
    number of datasets built from a stronger model's outputs (count)."""
    methods = data.table("definitions/kd_methods").sort_values("year")
    datasets = datasets_from_teachers(data.table("definitions/datasets"))
    original = methods.iloc[0]
    text_methods = methods[~methods["needs_logits"].astype(bool)]
    if not bool(original["needs_logits"]):
        verdict = "accurate"
    elif not text_methods.empty and len(datasets) > 0:
        verdict = "mostly-accurate"
    else:
        verdict = "inaccurate"
    return CheckResult(
        verdict,
        {
            "original_year": int(original["year"]),
            "text_year": int(text_methods["year"].min()) if not text_methods.empty else 0,
            "teacher_datasets": int(len(datasets)),
        },
    )


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------


#: Vertical offsets (pixels) of successive labels on one row of the timeline: below, above, further below.
LABEL_OFFSETS = (16, -14, 30)


def timeline_frame(timeline: pd.DataFrame) -> pd.DataFrame:
    """The chart's data: events in computed order, with a label offset (pixels) that cycles through
    :data:`LABEL_OFFSETS` along each company's row, so neighbouring labels stay apart."""
    frame = event_order(timeline)[["rank", "date", "actor", "label", "kind", "reasoning_shown"]].copy()
    position = frame.groupby("actor").cumcount()
    frame["label_dy"] = [LABEL_OFFSETS[step % len(LABEL_OFFSETS)] for step in position]
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    return frame


def timeline_chart(frame: pd.DataFrame, description: str) -> alt.LayerChart:
    """Events on a time axis, one row per actor; colour and shape both encode the kind of event."""
    kinds = ["reasoning-release", "reasoning-change", "distillation-accusation"]
    kind_titles = ["reasoning model released", "reasoning display changed", "distillation alleged"]
    base = alt.Chart(frame).encode(
        x=alt.X(
            "date:T",
            title="Date (month and year)",
            axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=8),
            scale=alt.Scale(domain=_padded_domain(frame["date"])),
        ),
        y=alt.Y("actor:N", title="Company", sort=ACTORS, scale=alt.Scale(padding=0.8)),
    )
    legend = alt.Legend(
        orient="bottom", direction="vertical", labelExpr=_legend_expr(kinds, kind_titles), labelLimit=260
    )
    points = base.mark_point(size=140, filled=True, opacity=0.9).encode(
        color=alt.Color(
            "kind:N",
            title="Event",
            scale=alt.Scale(domain=kinds, range=[OKABE_ITO[4], OKABE_ITO[0], OKABE_ITO[5]]),
            legend=legend,
        ),
        shape=alt.Shape(
            "kind:N",
            title="Event",
            scale=alt.Scale(domain=kinds, range=["circle", "diamond", "triangle-up"]),
            legend=legend,
        ),
        tooltip=[
            alt.Tooltip("date:T", title="Date", format="%d %b %Y"),
            alt.Tooltip("label:N", title="Event"),
            alt.Tooltip("reasoning_shown:N", title="Reasoning shown"),
        ],
    )
    labels = [
        base.transform_filter(alt.datum.label_dy == dy)
        .mark_text(align="left", dx=6, dy=dy, fontSize=11)
        .encode(text="label:N")
        for dy in LABEL_OFFSETS
    ]
    return alt.layer(points, *labels, description=description).properties(
        width=640, height=alt.Step(70), padding={"left": 10, "right": 40, "top": 10, "bottom": 10}
    )


def _padded_domain(dates: pd.Series, before_days: int = 30, after_days: int = 120) -> list[str]:
    """A time-axis domain (ISO dates) from a month before the first date to about four months after
    the last, so that labels to the right of the last points fit."""
    parsed = pd.to_datetime(dates)
    start = parsed.min() - pd.Timedelta(days=before_days)
    end = parsed.max() + pd.Timedelta(days=after_days)
    return [start.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d")]


def _legend_expr(domain: list[str], titles: list[str]) -> str:
    """A Vega expression that shows ``titles`` in place of the legend's ``domain`` values."""
    mapping = ", ".join(f"'{key}': '{title}'" for key, title in zip(domain, titles, strict=True))
    return f"{{{mapping}}}[datum.label]"


def volume_frame(datasets: pd.DataFrame, labs: pd.DataFrame) -> pd.DataFrame:
    """The chart's data: one row per dataset (examples, count) and one per lab (exchanges and the
    range of trajectories, counts), sorted largest first."""
    rows = [
        {
            "label": r.name,
            "group": "built from a stronger model" if r.teacher_kind == "stronger model" else "human-curated",
            "teacher": r.teacher,
            "examples_or_central": float(r.examples),
            "fewest": float(r.examples),
            "most": float(r.examples),
            "exchanges": 0.0,
        }
        for r in datasets.itertuples()
    ]
    rows += [
        {
            "label": f"{r.lab}, alleged",
            "group": "alleged volume (range)",
            "teacher": "Claude",
            "examples_or_central": float(r.central),
            "fewest": float(r.fewest),
            "most": float(r.most),
            "exchanges": float(r.exchanges),
        }
        for r in labs.itertuples()
    ]
    return pd.DataFrame(rows).sort_values("most", ascending=False).reset_index(drop=True)


def volume_chart(frame: pd.DataFrame, per_trajectory: Range, description: str) -> alt.LayerChart:
    """Dataset sizes and the labs' alleged volumes on one log axis. Each lab's volume is a bar from
    its fewest to its most trajectories; a slider (exchanges per trajectory) moves the lab's point."""
    slider = alt.param(
        name="exchanges_per_trajectory",
        value=per_trajectory.default,
        bind=alt.binding_range(
            min=per_trajectory.low, max=per_trajectory.high, step=1, name="Exchanges per training example "
        ),
    )
    groups = ["built from a stronger model", "human-curated", "alleged volume (range)"]
    colours = alt.Scale(domain=groups, range=[OKABE_ITO[4], OKABE_ITO[2], OKABE_ITO[5]])
    order = list(frame["label"])
    x_title = "Training examples, or possible examples for the labs (count, log scale)"
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=320))
    lower = 10 ** (len(str(int(frame["fewest"].min()))) - 1)
    upper = 10 ** len(str(int(frame["most"].max())))
    x_scale = alt.Scale(type="log", domain=[lower, upper])
    ticks = [10**power for power in range(len(str(lower)) - 1, len(str(upper)))]
    x_axis = alt.Axis(values=ticks, format="~s", title=x_title)
    base = alt.Chart(frame).encode(y=y)
    ranges = (
        base.transform_filter(alt.datum.group == groups[2])
        .mark_rule(strokeWidth=9, opacity=0.45)
        .encode(
            x=alt.X("fewest:Q", title=x_title, scale=x_scale, axis=x_axis),
            x2="most:Q",
            color=alt.Color(
                "group:N",
                scale=colours,
                title=None,
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=320),
            ),
        )
    )
    datasets = (
        base.transform_filter(alt.datum.group != groups[2])
        .mark_point(size=110, filled=True)
        .encode(
            x=alt.X("examples_or_central:Q", title=x_title, scale=x_scale),
            color=alt.Color(
                "group:N",
                scale=colours,
                title=None,
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=320),
            ),
            shape=alt.Shape(
                "group:N", scale=alt.Scale(domain=groups, range=["circle", "square", "diamond"]), legend=None
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Dataset"),
                alt.Tooltip("teacher:N", title="Teacher"),
                alt.Tooltip("examples_or_central:Q", title="Examples", format=",d"),
            ],
        )
    )
    moving = (
        base.transform_filter(alt.datum.group == groups[2])
        .transform_calculate(at_slider=f"datum.exchanges / {slider.name}")
        .mark_point(size=150, filled=True, shape="diamond", color=OKABE_ITO[7])
        .encode(
            x=alt.X("at_slider:Q", title=x_title, scale=x_scale),
            tooltip=[
                alt.Tooltip("label:N", title="Lab"),
                alt.Tooltip("exchanges:Q", title="Exchanges", format=",d"),
                alt.Tooltip("at_slider:Q", title="Examples at the slider's value", format=",.0f"),
            ],
        )
    )
    values = (
        base.transform_filter(alt.datum.group != groups[2])
        .mark_text(align="left", dx=9, fontSize=11)
        .encode(
            x=alt.X("examples_or_central:Q", title=x_title, scale=x_scale),
            text=alt.Text("examples_or_central:Q", format=",d"),
        )
    )
    return (
        alt.layer(ranges, datasets, values, moving, description=description)
        .add_params(slider)
        .properties(width=560, height=alt.Step(26), padding={"left": 40, "right": 30, "top": 10, "bottom": 10})
    )


# ---------------------------------------------------------------------------------------------
# Tables shown on the page
# ---------------------------------------------------------------------------------------------


def markdown_table(frame: pd.DataFrame, headers: dict[str, str]) -> str:
    """A Markdown pipe table of ``frame``'s columns named in ``headers`` (column -> header).
    Pipes inside cells are escaped; numbers are shown as they are formatted in the frame."""

    def cell(value) -> str:
        return str(value).replace("|", "\\|")

    lines = ["| " + " | ".join(headers.values()) + " |", "|" + "---|" * len(headers)]
    for _, row in frame.iterrows():
        lines.append("| " + " | ".join(cell(row[column]) for column in headers) + " |")
    return "\n".join(lines) + "\n"


def order_table(timeline: pd.DataFrame) -> pd.DataFrame:
    """The timeline in computed order, ready to show: rank, ISO date, company, event, what users
    saw of the reasoning, and days since the first event (days)."""
    frame = event_order(timeline)
    frame["day"] = frame["date"].dt.strftime("%Y-%m-%d")
    frame["days"] = [f"{d:,d}" for d in frame["days_from_first"]]
    return frame


def dataset_table(datasets: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The datasets, largest first, with examples formatted (count), the headline result as
    value and unit, and the reliability of each row's source."""
    frame = datasets.sort_values("examples", ascending=False).reset_index(drop=True)
    reliability = sources.set_index("id")["reliability"]
    frame["size"] = [f"{int(r.examples):,d} {r.example_unit}" for r in frame.itertuples()]
    frame["result"] = [
        f"{r.metric}: {r.metric_value:g}"
        + {"percent": "%", "US dollars": " US dollars", "comparisons": " comparisons"}[r.metric_unit]
        for r in frame.itertuples()
    ]
    frame["reliability"] = frame["source_id"].map(reliability)
    return frame


def glue_table(page, key: str, text: str) -> str:
    """Register a Markdown table (built from data by :func:`markdown_table`) on ``page`` under
    ``key``, for a ``{glue:md}`` directive with ``:format: myst``."""
    from IPython.display import Markdown

    return page.register.add(key, text, display_value=Markdown(text))
