"""The definitions chapter (article section 1): what distillation is, whether "distillation attack"
is a coined term, who hid reasoning traces when, whether labs are wary of distillation, what
reasoning traces are worth to a trainer, how much data distillation needs, and Cursor.

Pure functions take tables (pandas DataFrames as :func:`distillbook.core.data.load_table` returns them)
and return numbers, words or tables; the ``@check`` functions read ``data/`` through a
:class:`~distillbook.core.ledger.DataAccess` and apply the rule written in their docstrings.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from distillbook.core import charts
from distillbook.core import searches as search_rule
from distillbook.core.allegation import SIGNAL_KINDS, per_lab_exchanges
from distillbook.core.charts import OKABE_ITO
from distillbook.core.ledger import CheckResult, DataAccess, Edit, LedgerError, Move, check, threshold
from distillbook.core.params import Range

#: The companies on the timeline, in the order the chart lists them.
ACTORS = ["OpenAI", "Microsoft", "DeepSeek", "Anthropic", "Google"]
#: Timeline kinds that release a reasoning model or change how its reasoning is shown.
REASONING_KINDS = ("reasoning-release", "reasoning-change")
#: Tokens in a million: the prose gives the labs' output tokens in millions.
TOKENS_PER_MILLION = 1_000_000
#: What the report's signals are used for, as the signals table names it.
#: What a detection signal does, beside the kinds of the report's other signals (:data:`SIGNAL_KINDS`).
DETECTION_USE = "tells a campaign from ordinary use"
#: What a source does with a use of reasoning traces, as the traces table names it.
TRACE_STATUS = {"use": "documents a use", "statement": "says traces serve it", "alleged": "alleges a use"}

WARY_LABS = threshold(
    "wary-labs",
    2,
    "companies",
    "The book's judgement: the article says major labs, in the plural, are wary, so at least two distinct "
    "companies must have guarded their own models' outputs against copying in a way their own texts record; "
    "one company alone would make the plural an overstatement.",
)


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


def claude37_numbers(timeline: pd.DataFrame) -> dict[str, int]:
    """How long Claude 3.7 Sonnet's full thinking stayed on sale through the API: days from Claude 4's
    summaries to Claude 3.7 Sonnet's retirement (``claude37_days_after_claude4``) and days from that
    retirement to Anthropic's report (``claude37_retired_days_before_report``). Days."""
    retired = event_date(timeline, "claude-37-retired")
    return {
        "claude37_days_after_claude4": days_between(event_date(timeline, "claude-4-summaries"), retired),
        "claude37_retired_days_before_report": days_between(retired, event_date(timeline, "anthropic-report")),
    }


def has_text(value) -> bool:
    """True for a non-empty text cell (an empty CSV cell loads as NaN or None)."""
    return isinstance(value, str) and bool(value.strip())


# ---------------------------------------------------------------------------------------------
# Distillation methods and what an API returns
# ---------------------------------------------------------------------------------------------


def methods_table(methods: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The distillation methods in order of publication, ready to show: year, method, what the
    student learns from, whether the teacher's probabilities are needed, and the source's reliability."""
    frame = methods.sort_values(["year", "id"]).reset_index(drop=True)
    frame["probabilities"] = list(frame["teacher_probabilities"])
    frame["reliability"] = frame["source_id"].map(sources.set_index("id")["reliability"])
    return frame


def api_candidates(api_outputs: pd.DataFrame, row_id: str) -> int:
    """The most candidate tokens per position whose probabilities one API returns (count)."""
    match = api_outputs.loc[api_outputs["id"] == row_id, "top_candidates"]
    if match.empty:
        raise LedgerError(f"data/definitions/api_outputs.csv: no row with id {row_id!r}")
    return int(match.iloc[0])


# ---------------------------------------------------------------------------------------------
# The report's signals (detection: this chapter's table; attribution: the proxies chapter's)
# ---------------------------------------------------------------------------------------------


def signal_numbers(detection: pd.DataFrame, attribution: pd.DataFrame) -> dict[str, int]:
    """Counts behind the signals paragraph: detection signals in all and by whether an outsider can
    check them (``detection``, ``detection_no``, ``detection_partly``, ``detection_yes``); of the
    signals the proxies chapter lists, those that tie the traffic to a lab, in all and with
    published indicators (``attribution``, ``attribution_published``), and those that only link
    accounts to one another (``coordination``). Counts."""
    checks = detection["outsider_check"].value_counts()
    ties = attribution[attribution["kind"] == "attribution"]
    return {
        "detection": int(len(detection)),
        "detection_no": int(checks.get("no", 0)),
        "detection_partly": int(checks.get("partly", 0)),
        "detection_yes": int(checks.get("yes", 0)),
        "attribution": int(len(ties)),
        "attribution_published": int(ties["indicators_published"].astype(bool).sum()),
        "coordination": int((attribution["kind"] == "coordination").sum()),
    }


def signals_table(detection: pd.DataFrame, attribution: pd.DataFrame) -> pd.DataFrame:
    """One list of every signal the report names: the detection signals (this chapter's table, with
    whether an outsider can check each) and the signals that tie traffic to a lab or link accounts
    (the proxies chapter's table, with what about each is public). Columns: signal, use, words,
    check."""
    answers = {"yes": "yes", "partly": "partly", "no": "no, only Anthropic"}
    rows = [
        {
            "signal": r.signal,
            "use": DETECTION_USE,
            "words": f"“{r.report_wording}”",
            "check": f"{answers[r.outsider_check]}: {r.why}",
        }
        for r in detection.itertuples()
    ]
    rows += [
        {
            "signal": f"{r.signal} ({r.lab})",
            "use": SIGNAL_KINDS[r.kind],
            "words": f"“{r.report_wording}”",
            "check": ("indicators published: " if bool(r.indicators_published) else "no indicators published; public: ")
            + r.public_part,
        }
        for r in attribution.itertuples()
    ]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# Uses of the term and of the idea
# ---------------------------------------------------------------------------------------------


def report_date(uses: pd.DataFrame) -> pd.Timestamp:
    """The date of Anthropic's report (the ``anthropic-report`` row of ``term_uses``)."""
    return pd.Timestamp(uses.loc[uses["kind"] == "anthropic-report", "date"].min())


def term_numbers(uses: pd.DataFrame) -> dict[str, int]:
    """How the idea and the term were used before Anthropic's report: works found that describe
    copying a model through its outputs before the report (``works_before``, count), of them those
    that use the exact term (``exact_before``) and those that do not (``idea_only_before``), and the
    year of the earliest (``first_year``)."""
    before = uses[uses["date"] < report_date(uses)]
    exact = before["exact_term"].astype(bool)
    return {
        "works_before": int(len(before)),
        "exact_before": int(exact.sum()),
        "idea_only_before": int((~exact).sum()),
        "first_year": int(before["date"].min().year) if not before.empty else 0,
        "first_exact_year": int(before.loc[exact, "date"].min().year) if exact.any() else 0,
    }


def days_before_report(uses: pd.DataFrame, use_id: str) -> int:
    """Days (calendar days) by which one recorded use precedes Anthropic's report; negative if later."""
    match = uses.loc[uses["id"] == use_id, "date"]
    if match.empty:
        raise LedgerError(f"data/definitions/term_uses.csv: no use with id {use_id!r}")
    return days_between(pd.Timestamp(match.iloc[0]), report_date(uses))


def uses_table(uses: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The recorded uses in date order, ready to show: date, who, their words, whether the exact
    term is used, and the reliability of the source read."""
    frame = uses.sort_values(["date", "id"]).reset_index(drop=True)
    frame["day"] = frame["date"].dt.strftime("%Y-%m-%d")
    frame["exact"] = ["yes" if bool(v) else "no" for v in frame["exact_term"]]
    frame["words"] = [f"“{w}”" for w in frame["wording"]]
    frame["reliability"] = frame["source_id"].map(sources.set_index("id")["reliability"])
    return frame


# ---------------------------------------------------------------------------------------------
# Distillation data: datasets, labs' volumes as trajectories, targets and tokens
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


def output_tokens(exchanges: float, tokens_per_exchange: float) -> float:
    """Tokens Claude wrote (count) in ``exchanges`` exchanges of ``tokens_per_exchange`` output
    tokens each: the text a distiller could train on, whatever the unit of an example."""
    if tokens_per_exchange < 0:
        raise ValueError("tokens_per_exchange must not be negative")
    return exchanges * tokens_per_exchange


def lab_token_range(allegation: pd.DataFrame, tokens: Range) -> pd.DataFrame:
    """Each lab's exchanges as output tokens (counts) at the low end, default and high end of the
    output-tokens assumption. Columns: lab, exchanges, tokens_low, tokens_default, tokens_high."""
    frame = per_lab_exchanges(allegation)[["lab", "exchanges"]].copy()
    for name, value in (("tokens_low", tokens.low), ("tokens_default", tokens.default), ("tokens_high", tokens.high)):
        frame[name] = [output_tokens(x, value) for x in frame["exchanges"]]
    return frame


def tokens_per_example_to_match(tokens: float, examples: float) -> float:
    """The average length (tokens per example) at which a dataset of ``examples`` examples would
    hold as many tokens as ``tokens``: above it the dataset holds more, below it fewer."""
    if examples <= 0:
        raise ValueError("examples must be positive")
    return tokens / examples


def three_figures(value: float) -> float:
    """``value`` rounded to three significant figures, as prose shows an estimate."""
    return float(f"{value:.3g}")


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


def larger_everywhere(fewest: float, sizes: list[float]) -> str:
    """Words for how a lab's range compares with two datasets: "larger than both at every point of
    the range" when even its fewest examples exceed each of ``sizes``, else "not larger than both at
    every point of the range" (counts)."""
    if all(fewest > s for s in sizes):
        return "larger than both at every point of the range"
    return "not larger than both at every point of the range"


def lab_qualifiers(allegation: pd.DataFrame) -> dict[str, str]:
    """The report's own word before each lab's exchange count ("over"), by lab, as the book repeats
    it: the count is a lower bound, and the prose keeps the report's word."""
    rows = allegation[
        (allegation["quantity"] == "exchanges") & allegation["lab"].isin(["DeepSeek", "Moonshot", "MiniMax"])
    ]
    return {row.lab: str(row.qualifier) for row in rows.itertuples()}


def accusation_volume(accusations: pd.DataFrame, row_id: str) -> int:
    """The volume (count, in the row's ``volume_unit``) another company gave for a campaign it
    describes; LedgerError if the row is unknown or has no volume."""
    match = accusations.loc[accusations["id"] == row_id, "volume"]
    if match.empty or pd.isna(match.iloc[0]):
        raise LedgerError(f"data/shared/accusations.csv: no volume for {row_id!r}")
    return int(match.iloc[0])


def volume_numbers(
    datasets: pd.DataFrame, labs: pd.DataFrame, tokens: pd.DataFrame, per_trajectory: Range, token_range: Range
) -> dict[str, int | float | str]:
    """Every number of the section on data volumes, by its glue key: the assumptions' ends, each
    lab's trajectories and output tokens, the datasets the section names, how DeepSeek's range
    compares with the distilled sets, and the average lengths at which R1's set and s1K would match
    DeepSeek's output tokens. Counts, tokens, fractions and words (for the comparisons)."""
    values: dict[str, int | float | str] = {
        "ept_default": int(per_trajectory.default),
        "ept_low": int(per_trajectory.low),
        "ept_high": int(per_trajectory.high),
        "out_default": int(token_range.default),
        "out_low": int(token_range.low),
        "out_high": int(token_range.high),
    }
    for row in labs.itertuples():
        key = row.lab.lower()
        values[f"traj_fewest_{key}"] = int(round(row.fewest))
        values[f"traj_most_{key}"] = int(round(row.most))
        values[f"traj_central_{key}"] = int(round(row.central))
    for row in tokens.itertuples():
        key = row.lab.lower()
        for end in ("low", "default", "high"):
            values[f"mtokens_{end}_{key}"] = three_figures(getattr(row, f"tokens_{end}") / TOKENS_PER_MILLION)
    by_id = datasets.set_index("id")
    for dataset_id in ("limo", "s1k", "bespoke-stratos", "r1-distill", "lima"):
        key = dataset_id.replace("-", "_")
        values[f"examples_{key}"] = int(by_id.loc[dataset_id, "examples"])
        values[f"result_{key}"] = float(by_id.loc[dataset_id, "metric_value"])
    teacher_sets = datasets_from_teachers(datasets)
    deepseek = labs.set_index("lab").loc["DeepSeek"]
    values["exchanges_deepseek"] = int(deepseek["exchanges"])
    r1_size = float(by_id.loc["r1-distill", "examples"])
    values["teacher_sets_total"] = int(len(teacher_sets))
    values["teacher_sets_below_deepseek_fewest"] = count_smaller(teacher_sets, deepseek["fewest"])
    values["teacher_sets_below_deepseek_most"] = count_smaller(teacher_sets, deepseek["most"])
    values["deepseek_vs_smallest"] = larger_everywhere(
        deepseek["fewest"], [float(by_id.loc[i, "examples"]) for i in ("limo", "s1k")]
    )
    values["deepseek_central_share_r1"] = float(deepseek["central"] / r1_size)
    values["deepseek_most_share_r1"] = float(deepseek["most"] / r1_size)
    values["largest_teacher_set"] = int(teacher_sets["examples"].max())
    values["largest_teacher_name"] = str(teacher_sets.loc[teacher_sets["examples"].idxmax(), "name"])
    values["teacher_sets_above_r1"] = int((teacher_sets["examples"].astype(float) > r1_size).sum())
    for dataset_id in ("openthoughts3", "orca"):
        size = float(by_id.loc[dataset_id, "examples"])
        values[f"deepseek_most_share_{dataset_id}"] = float(deepseek["most"] / size)
    pool = float(by_id.loc["s1k", "generated"])
    values["generated_s1k"] = int(pool)
    values["deepseek_most_vs_s1k_pool"] = float(deepseek["most"] / pool)
    values["deepseek_central_share_s1k_pool"] = float(deepseek["central"] / pool)
    for lab in ("Moonshot", "MiniMax"):
        row = labs.set_index("lab").loc[lab]
        values[f"r1_vs_{lab.lower()}"] = position_in_range(r1_size, row["fewest"], row["most"])
    deepseek_tokens = tokens.set_index("lab").loc["DeepSeek"]
    values["r1_match_default"] = three_figures(tokens_per_example_to_match(deepseek_tokens["tokens_default"], r1_size))
    values["r1_match_high"] = three_figures(tokens_per_example_to_match(deepseek_tokens["tokens_high"], r1_size))
    s1k_size = float(by_id.loc["s1k", "examples"])
    values["s1k_match_low"] = three_figures(tokens_per_example_to_match(deepseek_tokens["tokens_low"], s1k_size))
    return values


# ---------------------------------------------------------------------------------------------
# Reasoning traces as training data
# ---------------------------------------------------------------------------------------------


def trace_use_counts(uses: pd.DataFrame, as_of: pd.Timestamp, reliability: pd.Series) -> dict[str, int]:
    """What the sources dated up to ``as_of`` document about reasoning traces as training data.

    Counts: documented uses of *another* organisation's reasoning traces for distillation
    (``distillation_uses``) and how many of them a primary source documents
    (``distillation_primary``); the distinct sources behind those uses (``distillation_sources``);
    reinforcement-learning uses of another organisation's traces (``rl_others``) and of an
    organisation's own (``rl_own``); uses alleged by a party (``alleged``: the report's and
    Google's accounts of traces sought); and reinforcement-learning uses that need no traces
    (``rl_without_traces``). ``reliability`` maps source ids to their rating."""
    known = uses[uses["date"] <= as_of]
    traces = known["reasoning_traces"].astype(bool)
    others = known["others_traces"].astype(bool)
    used = known["status"] == "use"
    primary = known["source_id"].map(reliability) == "primary"
    distill = used & traces & others & (known["use"] == "distillation")
    rl = used & traces & (known["use"] == "reinforcement learning")
    return {
        "distillation_uses": int(distill.sum()),
        "distillation_primary": int((distill & primary).sum()),
        "distillation_sources": int(known.loc[distill, "source_id"].nunique()),
        "rl_others": int((rl & others & primary).sum()),
        "rl_own": int((rl & ~others).sum()),
        "alleged": int(((known["status"] == "alleged") & traces).sum()),
        "rl_without_traces": int(((known["use"] == "reinforcement learning") & ~traces).sum()),
    }


def trace_table(uses: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The recorded uses by kind of training and date, ready to show: date, kind of training,
    whether reasoning traces are needed, whose traces or answers, what the source does (documents
    a use, states a value, or alleges a use), what it says, and the reliability of the source."""
    frame = uses.sort_values(["use", "date", "id"]).reset_index(drop=True)
    frame["day"] = frame["date"].dt.strftime("%Y-%m-%d")
    frame["traces"] = ["yes" if bool(v) else "no" for v in frame["reasoning_traces"]]
    frame["whose"] = ["another organisation's model" if bool(v) else "its own model" for v in frame["others_traces"]]
    frame["kind"] = frame["status"].map(TRACE_STATUS)
    frame["reliability"] = frame["source_id"].map(sources.set_index("id")["reliability"])
    return frame


# ---------------------------------------------------------------------------------------------
# Ledger checks
# ---------------------------------------------------------------------------------------------


@check(
    rule=(
        "A cause must come before its effect. The article gives the DeepSeek episode as the reason"
        " OpenAI hid its reasoning model's raw chain of thought, so the book compares the date of "
        "that decision with the dates of DeepSeek's reasoning model and of OpenAI's first public "
        "accusation of distillation. Inaccurate when the decision came before both: whatever "
        "OpenAI's motives then or later, that episode cannot have caused it. Otherwise the order "
        "would allow the story, and the claim is unsupported when the searches for a source "
        "stating that motive meet the book's rule."
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
    * unsupported: otherwise, when the distinct targeted searches for a source stating that motive
      all found nothing (:func:`distillbook.core.searches.unsupported`); a recorded search that found
      one stops the build until the data records it.

    Figures: days from the decision to each of the two later events (days)."""
    timeline = data.table("definitions/timeline")
    hidden = event_date(timeline, "o1-hidden")
    release = event_date(timeline, "r1-release")
    claim = event_date(timeline, "openai-distill-claim")
    before_r1, before_claim = days_between(hidden, release), days_between(hidden, claim)
    if before_r1 > 0 and before_claim > 0:
        verdict = "inaccurate"
    elif search_rule.unsupported(data.table("ledger/searches"), "def-openai-hid")[0]:
        verdict = "unsupported"
    else:
        raise LedgerError("claim 'def-openai-hid': a recorded search found a source for the motive that the data lacks")
    return CheckResult(verdict, {"days_before_r1": before_r1, "days_before_claim": before_claim})


@check(
    rule=(
        "The book finds, in its timeline of events, Anthropic's earliest event that released a "
        "reasoning model or changed how its reasoning is shown. Accurate when that event showed "
        "the reasoning in full with no stated exception, as the article says; mostly accurate when"
        " it showed the reasoning in full by default but the source states an exception under "
        "which some of it is hidden, since the article says Anthropic did not choose to hide any; "
        "inaccurate when it showed only a summary or nothing."
    ),
    moves=(
        Move(
            "If Anthropic had announced no exception for potentially harmful thought processes.",
            (Edit("definitions/timeline", "claude-37-visible", "exception", ""),),
        ),
        Move(
            "If Claude 3.7 Sonnet had shown only a summary of its reasoning.",
            (Edit("definitions/timeline", "claude-37-visible", "reasoning_shown", "summary"),),
        ),
    ),
)
def anthropic_first_visible(data: DataAccess) -> CheckResult:
    """Rule: the article says that when Anthropic *initially* launched reasoning models it did not
    hide the reasoning.

    * accurate: Anthropic's earliest reasoning event in the timeline showed the reasoning raw and its
      source states no exception (``exception`` empty);
    * mostly-accurate: it showed the reasoning raw by default, but the source states an exception
      under which part of it is hidden (a detail the article leaves out);
    * inaccurate: it showed only a summary or nothing.

    Figures: days from that first launch to Anthropic's first event that summarised any reasoning
    (``reasoning_shown`` other than ``raw``; days), the share of *thought processes* (not of
    reasoning text) that event summarised where its source states one (fraction, 0 if not stated),
    days from that event to the retirement of the first model, whose API kept returning its full
    thinking (event ``claude-37-retired``; days, 0 if not recorded), and the number of Anthropic
    reasoning events in the timeline (count)."""
    timeline = data.table("definitions/timeline")
    first = first_reasoning_event(timeline, "Anthropic")
    if first["reasoning_shown"] != "raw":
        verdict = "inaccurate"
    else:
        verdict = "mostly-accurate" if has_text(first["exception"]) else "accurate"
    anthropic = timeline[(timeline["actor"] == "Anthropic") & timeline["kind"].isin(REASONING_KINDS)]
    summaries = anthropic[anthropic["reasoning_shown"] != "raw"]
    later = summaries[summaries["date"] >= first["date"]].sort_values("date")
    raw_days = days_between(first["date"], later["date"].iloc[0]) if not later.empty else 0
    share = later["summarised_share"].iloc[0] if not later.empty else None
    share = float(share) if share is not None and pd.notna(share) else 0.0
    retired = timeline[timeline["id"] == "claude-37-retired"]
    raw_after = (
        days_between(later["date"].iloc[0], retired["date"].iloc[0]) if not later.empty and not retired.empty else 0
    )
    return CheckResult(
        verdict,
        {
            "raw_days": raw_days,
            "summarised_share": share,
            "raw_after_summaries_days": raw_after,
            "anthropic_events": int(len(anthropic)),
        },
    )


@check(
    rule=(
        "The article says major labs are very wary of distillation. The book counts the companies "
        "that, by the date up to which evidence was weighed, guarded their own models' outputs "
        "against copying in a way their own texts record: hiding or summarising reasoning for a "
        "stated competitive reason, or accusing others of distilling their models. Accurate when at least "
        "{wary-labs:.0f} companies did; mostly accurate when fewer did, or only press reports say "
        "so; unsupported when none did and the searches meet the book's rule."
    ),
    moves=(
        Move(
            "If only OpenAI had acted before the article (Google's and Anthropic's reports not counted).",
            (
                Edit("definitions/timeline", "gtig-report", "guards", "false"),
                Edit("definitions/timeline", "anthropic-report", "guards", "false"),
            ),
        ),
    ),
)
def labs_wary(data: DataAccess) -> CheckResult:
    """Rule: "major labs are very wary of distillation behavior" (a plural, as of the article).

    * accurate: at least :data:`WARY_LABS` distinct companies have a timeline event that guards
      their own models' outputs (``guards``), dated up to the claim's ``as_of`` and documented by a
      source rated ``primary``;
    * mostly-accurate: fewer companies do, or such events are documented only by secondary sources;
    * unsupported: no such event is recorded, and the distinct targeted searches found nothing
      (:func:`distillbook.core.searches.unsupported`); a search that found support stops the build
      until the data records it.

    Figures: companies with a primary-documented guarding event (count), companies with any
    guarding event (count), and guarding events recorded (count)."""
    timeline = data.table("definitions/timeline")
    reliability = data.table("ledger/sources").set_index("id")["reliability"]
    as_of = pd.Timestamp(data.claim("def-labs-wary")["as_of"])
    guarding = timeline[timeline["guards"].astype(bool) & (timeline["date"] <= as_of)]
    primary = guarding[guarding["source_id"].map(reliability) == "primary"]
    firm, any_kind = int(primary["actor"].nunique()), int(guarding["actor"].nunique())
    if firm >= WARY_LABS:
        verdict = "accurate"
    elif any_kind > 0:
        verdict = "mostly-accurate"
    elif search_rule.unsupported(data.table("ledger/searches"), "def-labs-wary")[0]:
        verdict = "unsupported"
    else:
        raise LedgerError("claim 'def-labs-wary': a recorded search found support that definitions/timeline lacks")
    return CheckResult(verdict, {"labs_primary": firm, "labs_any": any_kind, "guarding_events": int(len(guarding))})


@check(
    rule=(
        "The article says visible reasoning made a model's data more valuable to those attempting "
        "reinforcement learning and distillation. The book lists uses of reasoning traces dated up"
        " to the evidence date and counts only documented uses, by a primary source, of another "
        "organisation's model's traces, since the article means others profiting from Claude's. "
        "Accurate when both kinds of training have one; mostly accurate when only one kind has; "
        "unsupported when neither has and the searches meet the book's rule."
    ),
    moves=(
        Move(
            "If DeepSeek-R1's reinforcement learning had started from reasoning traces written by another company's model.",
            (Edit("definitions/trace_uses", "r1-cold-start", "others_traces", "true"),),
        ),
    ),
)
def traces_valuable(data: DataAccess) -> CheckResult:
    """Rule: the article says visible reasoning "made their data more valuable to organizations
    attempting reinforcement learning and distillation training".

    * accurate: ``trace_uses`` records, dated up to the claim's ``as_of`` and documented by a
      source rated ``primary``, a use (``status`` "use") of another organisation's reasoning traces
      (``others_traces``) in distillation and one in reinforcement learning;
    * mostly-accurate: only one of the two kinds of training has such a use;
    * unsupported: neither has one, and the distinct targeted searches found nothing
      (:func:`distillbook.core.searches.unsupported`); a search that found support stops the build
      until the data records it.

    Statements and allegations are shown but do not count. Figures: :func:`trace_use_counts` (counts)."""
    uses = data.table("definitions/trace_uses")
    reliability = data.table("ledger/sources").set_index("id")["reliability"]
    counts = trace_use_counts(uses, pd.Timestamp(data.claim("def-traces-valuable")["as_of"]), reliability)
    documented = [counts["distillation_primary"] > 0, counts["rl_others"] > 0]
    if all(documented):
        verdict = "accurate"
    elif any(documented):
        verdict = "mostly-accurate"
    elif search_rule.unsupported(data.table("ledger/searches"), "def-traces-valuable")[0]:
        verdict = "unsupported"
    else:
        raise LedgerError(
            "claim 'def-traces-valuable': a recorded search found support that definitions/trace_uses lacks"
        )
    return CheckResult(verdict, counts)


@check(
    rule=(
        "“Coined by Anthropic” fails if someone used the exact term first. The book compares the "
        "dates of recorded uses of the exact term with the date of Anthropic's report. Inaccurate"
        " when a primary source used it earlier; unsupported when earlier uses appear only in "
        "secondary or unverified sources and the searches meet the book's rule for unsupported "
        "verdicts; accurate when no earlier use is recorded."
    ),
    moves=(
        Move(
            "If neither earlier text had used the exact term, only descriptions of the idea.",
            (
                Edit("definitions/term_uses", "gtig-2026", "exact_term", "false"),
                Edit("definitions/term_uses", "solid-2025", "exact_term", "false"),
            ),
        ),
    ),
)
def term_coined(data: DataAccess) -> CheckResult:
    """Rule: "coined by Anthropic" fails if someone used the term first.

    * inaccurate: at least one source rated ``primary`` used the exact term (``exact_term``)
      before the date of Anthropic's report (the ``anthropic-report`` row of ``term_uses``);
    * unsupported: earlier exact uses exist only in secondary or unverified sources, and the
      distinct targeted searches found nothing firmer (:func:`distillbook.core.searches.unsupported`);
      a search that found support stops the build until the data records it as primary;
    * accurate: no earlier exact use is recorded.

    Figures: days by which the earliest primary use precedes the report (days, 0 if none), its
    publisher, and the number of earlier exact uses of any reliability (count)."""
    uses = data.table("definitions/term_uses")
    sources = data.table("ledger/sources").set_index("id")
    report = report_date(uses)
    earlier = uses[uses["exact_term"].astype(bool) & (uses["date"] < report)].sort_values("date")
    reliability = earlier["source_id"].map(sources["reliability"])
    primary = earlier[reliability == "primary"]
    if not primary.empty:
        verdict = "inaccurate"
    elif earlier.empty:
        verdict = "accurate"
    elif search_rule.unsupported(data.table("ledger/searches"), "def-coined")[0]:
        verdict = "unsupported"
    else:
        raise LedgerError(
            "claim 'def-coined': a recorded search found an earlier use that term_uses records only as secondary"
        )
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
        "Distillation trains a model to produce what another model wrote, so the book asks where "
        "another company's outputs sit in the training data. Accurate when a primary source "
        "documents a Cursor model trained to reproduce another company's model outputs; mostly "
        "accurate when such outputs are documented only in the training inputs, or only by "
        "secondary sources; unsupported when none are documented and the searches meet the book's"
        " rule for unsupported verdicts."
    ),
    moves=(
        Move(
            "If Cursor's post had named GPT-4 as the model that wrote the rewritten files the fast-apply model learned to produce.",
            (Edit("definitions/cursor_models", "fast-apply", "outputs_role", "targets"),),
        ),
    ),
)
def cursor_distills(data: DataAccess) -> CheckResult:
    """Rule: the article says Cursor trains its own code model on data generated by paying for
    another model's API. Only Cursor models documented on or before the claim's ``as_of`` count (a
    source dated later goes in a "since the article" note, not into the verdict).

    * accurate: a source rated ``primary`` (``outputs_source_id`` in ``sources``) documents a
      Cursor model trained on another company's model outputs (``third_party_outputs ==
      "documented"``) as its training targets (``outputs_role == "targets"``);
    * mostly-accurate: such outputs are documented, but only in the training inputs, or only by
      secondary or unverified sources (the substance is there; what the teacher taught, or how
      firmly it is known, is the detail off);
    * unsupported: none is documented, and ``searches.csv`` records the searches made for the claim.

    Figures: Cursor models documented up to ``as_of`` (count), how many of them are documented as
    trained partly on another company's outputs (count), how many with those outputs as the targets,
    by a primary source (count), and searches recorded (count)."""
    models = data.table("definitions/cursor_models")
    searches = data.table("ledger/searches")
    reliability = data.table("ledger/sources").set_index("id")["reliability"]
    as_of = pd.Timestamp(data.claim("def-cursor")["as_of"])
    known = models[models["date"] <= as_of]
    recorded = search_rule.counted(searches, "def-cursor")
    distilled = known[known["third_party_outputs"] == "documented"]
    firm = distilled[
        (distilled["outputs_source_id"].map(reliability) == "primary") & (distilled["outputs_role"] == "targets")
    ]
    if not firm.empty:
        verdict = "accurate"
    elif not distilled.empty:
        verdict = "mostly-accurate"
    elif search_rule.unsupported(searches, "def-cursor")[0]:  # raises unless enough searches were made
        verdict = "unsupported"
    else:  # a search found what no data row records: the data must be completed first
        raise LedgerError("claim 'def-cursor': a recorded search found support that definitions/cursor_models lacks")
    return CheckResult(
        verdict,
        {
            "models_documented": int(len(known)),
            "models_distilled": int(len(distilled)),
            "models_targets": int(len(firm)),
            "searches": int(len(recorded)),
        },
    )


@check(
    rule=(
        "The book compares the article's definition with the earliest documented method of "
        "training a smaller model to imitate a larger one. Accurate when that method trained the "
        "smaller model on the larger model's outputs alone, without its probabilities; mostly "
        "accurate when it needed the probabilities, or its sources leave that open, but a later "
        "documented method trains on the larger model's text alone, so the practice the article "
        "describes is real and only “traditional” is in doubt; inaccurate when no documented "
        "method trains on text alone."
    ),
    moves=(
        Move(
            "If the 2006 paper had shown that its small networks learned from the ensemble’s class labels alone.",
            (Edit("definitions/kd_methods", "model-compression", "teacher_probabilities", "not needed"),),
        ),
    ),
)
def distillation_definition(data: DataAccess) -> CheckResult:
    """Rule: the article calls training a smaller model on a stronger model's *output data*
    "traditional model distillation".

    * accurate: the earliest documented method (``kd_methods``) trained on the teacher's outputs
      alone (``teacher_probabilities`` "not needed");
    * mostly-accurate: the earliest method needs the teacher's probabilities (logits) or its
      sources do not say ("needed" or "unknown"), but a later method trains on the teacher's text
      alone (the practice is real; calling it the traditional form is the detail in doubt);
    * inaccurate: no documented method trains on a teacher's text alone.

    Figures: year of the earliest method, of the soft-target method and of the first method that
    is documented to need only the teacher's outputs (years), and the number of methods that need
    only outputs (count)."""
    methods = data.table("definitions/kd_methods").sort_values(["year", "id"])
    original = methods.iloc[0]
    output_methods = methods[methods["teacher_probabilities"] == "not needed"]
    if original["teacher_probabilities"] == "not needed":
        verdict = "accurate"
    elif not output_methods.empty:
        verdict = "mostly-accurate"
    else:
        verdict = "inaccurate"
    soft = methods[methods["id"] == "soft-targets"]
    return CheckResult(
        verdict,
        {
            "original_year": int(original["year"]),
            "soft_year": int(soft["year"].iloc[0]) if not soft.empty else 0,
            "outputs_year": int(output_methods["year"].min()) if not output_methods.empty else 0,
            "output_methods": int(len(output_methods)),
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
    slider = charts.slider(
        "exchanges_per_trajectory",
        value=per_trajectory.default,
        low=per_trajectory.low,
        high=per_trajectory.high,
        step=1,
        label="Exchanges per training example",
        unit="exchanges",
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
    chart = alt.layer(ranges, datasets, values, moving, description=description).properties(
        width=560, height=alt.Step(26), padding={"left": 40, "right": 30, "top": 10, "bottom": 10}
    )
    return charts.with_sliders(chart, slider)


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


def order_table(timeline: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The timeline in computed order, ready to show: rank, ISO date, company, event, what users
    saw of the reasoning, days since the first event (days) and the reliability of each source."""
    frame = event_order(timeline)
    frame["day"] = frame["date"].dt.strftime("%Y-%m-%d")
    frame["days"] = [f"{d:,d}" for d in frame["days_from_first"]]
    frame["source"] = frame["source_id"].map(sources.set_index("id")["reliability"])
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
    frame["pool"] = [f"{int(g):,d}" if pd.notna(g) else "not stated" for g in frame["generated"]]
    frame["reliability"] = frame["source_id"].map(reliability)
    return frame


#: Column headers of the tables the page shows, by the column of the frame each function returns.
METHODS_HEADERS = {
    "year": "year",
    "method": "method",
    "teacher_signal": "what the small model learns from",
    "probabilities": "the large model's probabilities",
    "reliability": "source",
}
SIGNALS_HEADERS = {
    "signal": "signal the report names",
    "use": "used for",
    "words": "the report's words",
    "check": "can an outsider check it?",
}
USES_HEADERS = {
    "day": "date",
    "publisher": "who",
    "words": "their words",
    "exact": "exact term",
    "reliability": "source",
}
TIMELINE_HEADERS = {
    "rank": "order",
    "day": "date",
    "actor": "company",
    "event": "event",
    "reasoning_shown": "reasoning shown",
    "days": "days after the first event",
    "source": "source",
}
TRACE_HEADERS = {
    "use": "training",
    "day": "date",
    "traces": "needs reasoning traces",
    "whose": "whose model's output",
    "kind": "the source",
    "description": "what the source says",
    "reliability": "source",
}
DATASET_HEADERS = {
    "name": "dataset",
    "size": "examples",
    "pool": "generated before selection",
    "teacher": "teacher",
    "result": "headline figure",
    "reliability": "source",
}


def methods_markdown(methods: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The methods table as Markdown (:func:`methods_table`, :data:`METHODS_HEADERS`)."""
    return markdown_table(methods_table(methods, sources), METHODS_HEADERS)


def signals_markdown(detection: pd.DataFrame, attribution: pd.DataFrame) -> str:
    """The signals table as Markdown (:func:`signals_table`, :data:`SIGNALS_HEADERS`)."""
    return markdown_table(signals_table(detection, attribution), SIGNALS_HEADERS)


def uses_markdown(uses: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The table of uses of the term and the idea as Markdown (:func:`uses_table`)."""
    return markdown_table(uses_table(uses, sources), USES_HEADERS)


def timeline_markdown(timeline: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The timeline in computed order as Markdown (:func:`order_table`)."""
    return markdown_table(order_table(timeline, sources), TIMELINE_HEADERS)


def trace_markdown(uses: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The table of uses of reasoning traces as Markdown (:func:`trace_table`)."""
    return markdown_table(trace_table(uses, sources), TRACE_HEADERS)


def dataset_markdown(datasets: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The datasets table as Markdown (:func:`dataset_table`)."""
    return markdown_table(dataset_table(datasets, sources), DATASET_HEADERS)


def timeline_events(timeline: pd.DataFrame) -> int:
    """The number of events on the timeline (count)."""
    return int(len(timeline))


def glue_table(page, key: str, text: str) -> str:
    """Register a Markdown table (built from data by :func:`markdown_table`) on ``page`` under
    ``key``, for a ``{glue:md}`` directive with ``:format: myst``."""
    from IPython.display import Markdown

    return page.register.add(key, text, display_value=Markdown(text))


# ---------------------------------------------------------------------------------------------
# Chart descriptions (their wording follows the data)
# ---------------------------------------------------------------------------------------------


def timeline_description(timeline: pd.DataFrame) -> str:
    """The timeline chart's accessible description: which event comes first, and where DeepSeek-R1
    and OpenAI's accusation fall relative to OpenAI's decision to hide o1's reasoning."""
    ordered = event_order(timeline)
    first = ordered.iloc[0]
    hidden = event_date(timeline, "o1-hidden")
    later = [event_date(timeline, "r1-release"), event_date(timeline, "openai-distill-claim")]
    relation = "months before" if all(days_between(hidden, d) > 0 for d in later) else "not before"
    return (
        "Timeline of reasoning-trace decisions and distillation accusations by company. The first event "
        f"is {first['actor']}'s: {first['label']}. OpenAI's decision to hide o1's raw reasoning comes "
        f"{relation} DeepSeek-R1 and OpenAI's distillation accusation; Anthropic's raw thinking comes "
        "later, then Claude 4's summaries, and Google's summaries, the threat reports and Claude 3.7's "
        "retirement follow."
    )


def volume_description(labs: pd.DataFrame, datasets: pd.DataFrame) -> str:
    """The volume chart's accessible description: whether DeepSeek's range overlaps the distilled
    sets and whether MiniMax's reaches past the largest of them."""
    sizes = datasets_from_teachers(datasets)["examples"].astype(float)
    by_lab = labs.set_index("lab")
    overlaps = (
        "overlaps"
        if by_lab.loc["DeepSeek", "fewest"] <= sizes.max() and by_lab.loc["DeepSeek", "most"] >= sizes.min()
        else "misses"
    )
    reaches = "reaches past" if by_lab.loc["MiniMax", "most"] > sizes.max() else "stays within"
    return (
        "Dot plot on a logarithmic axis of training-set sizes for well-known distilled datasets and the "
        "human-curated LIMA, with each accused lab's alleged exchanges drawn as a range of possible "
        f"training examples. DeepSeek's range {overlaps} the distilled sets and MiniMax's {reaches} the largest set."
    )
