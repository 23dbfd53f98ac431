"""The introduction's numbers: the allegation in numbers, and the checks of the article's
untitled introduction (ledger rows with ``article_section`` 0)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from distillbook.core import reported
from distillbook.core.allegation import LABS, allegation_value, per_lab_exchanges
from distillbook.core.charts import VERDICT_COLOURS, VERDICT_STYLE
from distillbook.core.ledger import (
    PENDING,
    SECTION_NAMES,
    VERDICTS,
    CheckResult,
    DataAccess,
    Edit,
    Move,
    check,
    verdict_label,
)


@check(
    rule=(
        "Accurate when the labs the article names are exactly the labs that have their own "
        "exchange figure in Anthropic's report; inaccurate otherwise."
    ),
    moves=(
        Move(
            "If the report had given one of its three exchange figures to a fourth lab.",
            (Edit("shared/allegation", "exchanges-deepseek", "lab", "Zhipu"),),
        ),
    ),
)
def three_labs_named(data: DataAccess) -> CheckResult:
    """Rule: accurate when the labs the article names are exactly the labs with their own
    exchange figure in the report; inaccurate otherwise."""
    allegation = data.table("shared/allegation")
    named = set(allegation.loc[allegation["quantity"] == "exchanges", "lab"]) - {"all three labs"}
    verdict = "accurate" if named == set(LABS) else "inaccurate"
    return CheckResult(verdict, {"lab_count_named": len(named)})


@check(
    rule=(
        "The book's rule for figures reported with a hedge (see above), applied to the article's "
        "account figure and its “more than” against Anthropic's report, the document the article "
        "credits; the wording of Anthropic's announcement on X is the other document compared."
    ),
    moves=(
        Move(
            "If the report, which the article credits, had said “over”, as Anthropic’s announcement on X did.",
            (Edit("shared/allegation", "accounts-total", "qualifier", "over"),),
        ),
    ),
)
def account_figure(data: DataAccess) -> CheckResult:
    """Rule: the reported-figure rule (:mod:`distillbook.core.reported`): the article's figure and
    hedge ("more than") against the document it credits, Anthropic's report; the wording of
    Anthropic's announcement on X is the other document compared."""
    judged = reported.judge_claim(
        data, "intro-accounts", "shared/allegation", ["accounts-total", "accounts-total-xpost"]
    )
    allegation = data.table("shared/allegation").set_index("id")
    return CheckResult(
        judged.verdict,
        {
            "report_accounts": int(allegation.loc["accounts-total", "value"]),
            "report_hedge": str(allegation.loc["accounts-total", "qualifier"]),
            "xpost_accounts": int(allegation.loc["accounts-total-xpost", "value"]),
            "xpost_hedge": str(allegation.loc["accounts-total-xpost", "qualifier"]),
            "slip": judged.direction,
        },
    )


@check(
    rule=(
        "The book's rule for figures reported with a hedge (see above), applied to the article's "
        "total of exchanges against the total in Anthropic's report. In addition, the report's "
        "figures for the individual labs must add up to at least the article's total; otherwise "
        "the claim is inaccurate, since the total would contradict its own parts."
    ),
    moves=(
        Move(
            "If MiniMax’s figure were 12 million rather than 13 million, the per-lab figures would add up to less than the total.",
            (Edit("shared/allegation", "exchanges-minimax", "value", "12000000"),),
        ),
    ),
)
def exchange_total(data: DataAccess) -> CheckResult:
    """Rule: the reported-figure rule (:mod:`distillbook.core.reported`) for the article's "over 16
    million" against the report's total; and the report's three per-lab lower bounds must add up
    to at least the total (inaccurate otherwise: the total would contradict its own parts)."""
    judged = reported.judge_claim(data, "intro-exchanges", "shared/allegation", ["exchanges-total"])
    allegation = data.table("shared/allegation")
    stated = float(data.claim("intro-exchanges")["stated"])
    per_lab_sum = int(per_lab_exchanges(allegation)["exchanges"].sum())
    verdict = judged.verdict if per_lab_sum >= stated else "inaccurate"
    return CheckResult(
        verdict, {"report_total": int(allegation_value(allegation, "exchanges-total")), "per_lab_sum": per_lab_sum}
    )


# ---------------------------------------------------------------------------------------------
# The ledger at a glance (the front page's chart)
# ---------------------------------------------------------------------------------------------


def section_verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per article section and verdict, stacked in the scale's order, for the index chart.

    One row per (section, verdict) with at least one claim. Columns: ``section`` (0 to 5),
    ``section_name``, ``verdict``, ``verdict_label``, ``claims`` (count), and ``start``, ``end``,
    ``middle`` (the segment's position along the stacked bar, in claims)."""
    judged = claims[claims["verdict"] != PENDING]
    rows = []
    for section in sorted(int(s) for s in judged["article_section"].unique()):
        in_section = judged[judged["article_section"] == section]
        start = 0
        for verdict in VERDICTS:
            count = int((in_section["verdict"] == verdict).sum())
            if count == 0:
                continue
            rows.append(
                {
                    "section": section,
                    "section_name": SECTION_NAMES.get(section, f"§{section}"),
                    "verdict": verdict,
                    "verdict_label": verdict_label(verdict),
                    "claims": count,
                    "start": start,
                    "end": start + count,
                    "middle": start + count / 2,
                }
            )
            start += count
    return pd.DataFrame(
        rows, columns=["section", "section_name", "verdict", "verdict_label", "claims", "start", "end", "middle"]
    )


def verdicts_chart(frame: pd.DataFrame, description: str) -> alt.LayerChart:
    """Stacked horizontal bars of verdicts per section, each segment labelled with its count.

    Colour (the book's verdict colours) and the order of the segments both follow the verdict
    scale, and the count is written on each segment in the verdict's text colour, so the chart reads
    without telling colours apart."""
    order = list(VERDICTS)
    labels = [verdict_label(v) for v in order]
    sections = [SECTION_NAMES[s] for s in sorted(SECTION_NAMES) if SECTION_NAMES[s] in set(frame["section_name"])]
    y = alt.Y("section_name:N", title="Section of the article", sort=sections)
    base = alt.Chart(frame, description=description)
    bars = base.mark_bar(stroke="white", strokeWidth=1.5).encode(
        y=y,
        x=alt.X("start:Q", title="Claims in the ledger (count)", axis=alt.Axis(tickMinStep=1, format="d")),
        x2="end:Q",
        color=alt.Color(
            "verdict_label:N",
            title="Verdict",
            scale=alt.Scale(domain=labels, range=[VERDICT_COLOURS[v] for v in order]),
            legend=alt.Legend(orient="bottom", columns=3, symbolType="square", columnPadding=24, labelLimit=200),
        ),
        tooltip=[
            alt.Tooltip("section_name:N", title="section"),
            alt.Tooltip("verdict_label:N", title="verdict"),
            alt.Tooltip("claims:Q", title="claims"),
        ],
    )
    counts = base.mark_text(fontSize=12, fontWeight="bold").encode(
        y=y,
        x=alt.X("middle:Q", title="Claims in the ledger (count)"),
        text=alt.Text("claims:Q", format="d"),
        color=alt.Color(
            "verdict_label:N", scale=alt.Scale(domain=labels, range=[VERDICT_STYLE[v][1] for v in order]), legend=None
        ),
    )
    return alt.layer(bars, counts, description=description).properties(
        width=420, height=alt.Step(34), padding={"left": 5, "top": 5, "bottom": 5, "right": 20}
    )
