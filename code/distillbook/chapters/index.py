"""The introduction's numbers: the allegation in numbers, and the checks of the article's
untitled introduction (ledger rows with ``article_section`` 0)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from distillbook.core.allegation import LABS, allegation_value, per_lab_exchanges
from distillbook.core.charts import VERDICT_COLOURS
from distillbook.core.ledger import PENDING, SECTION_NAMES, VERDICTS, CheckResult, DataAccess, check, verdict_label


@check
def three_labs_named(data: DataAccess) -> CheckResult:
    """Rule: accurate when the labs the article names are exactly the labs with their own
    exchange figure in the report; inaccurate otherwise."""
    allegation = data.table("shared/allegation")
    named = set(allegation.loc[allegation["quantity"] == "exchanges", "lab"]) - {"all three labs"}
    verdict = "accurate" if named == set(LABS) else "inaccurate"
    return CheckResult(verdict, {"lab_count_named": len(named)})


@check
def account_figure(data: DataAccess) -> CheckResult:
    """Rule: the article says "more than" the stated number of accounts.

    * accurate: the number matches an Anthropic statement (within 1%) and Anthropic itself put
      "over" or "more than" before it in one of its statements (the report or its announcement);
    * mostly-accurate: the number matches, but every Anthropic statement hedges it
      ("approximately"), so "more than" overstates it;
    * inaccurate: the number differs by more than 1% from every Anthropic statement."""
    stated = float(data.claim("intro-accounts")["stated"])
    allegation = data.table("shared/allegation").set_index("id")
    statements = allegation.loc[["accounts-total", "accounts-total-xpost"]]
    close = (statements["value"] - stated).abs() <= 0.01 * stated
    strong = statements["qualifier"].isin(["over", "more than"])
    if (close & strong).any():
        verdict = "accurate"
    elif close.any():
        verdict = "mostly-accurate"
    else:
        verdict = "inaccurate"
    return CheckResult(
        verdict,
        {
            "report_accounts": int(statements.loc["accounts-total", "value"]),
            "xpost_accounts": int(statements.loc["accounts-total-xpost", "value"]),
        },
    )


@check
def exchange_total(data: DataAccess) -> CheckResult:
    """Rule: the article's "over 16 million" is accurate when the report says "over" the same
    figure and the three per-lab lower bounds add up to at least that figure; inaccurate otherwise."""
    allegation = data.table("shared/allegation")
    stated = float(data.claim("intro-exchanges")["stated"])
    report_total = allegation_value(allegation, "exchanges-total")
    per_lab_sum = int(per_lab_exchanges(allegation)["exchanges"].sum())
    verdict = "accurate" if report_total == stated and per_lab_sum >= stated else "inaccurate"
    return CheckResult(verdict, {"report_total": int(report_total), "per_lab_sum": per_lab_sum})


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

    Colour (Okabe–Ito) and the order of the segments both follow the verdict scale, and the count
    is written on each segment, so the chart reads without telling colours apart."""
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
    counts = base.mark_text(fontSize=12, fontWeight="bold", color="black").encode(
        y=y, x=alt.X("middle:Q", title="Claims in the ledger (count)"), text=alt.Text("claims:Q", format="d")
    )
    return alt.layer(bars, counts, description=description).properties(
        width=420, height=alt.Step(34), padding={"left": 5, "top": 5, "bottom": 5, "right": 20}
    )
