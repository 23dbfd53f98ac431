"""The verdict page: the whole ledger as a table and the robustness table.

Every function here is pure: the ledger rows, check results and corrections come in as arguments
(the pages read them through :class:`distillbook.core.page.Page`), tables and numbers come out.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from distillbook.core import ledger
from distillbook.core.pages import claim_href
from distillbook.core.tables import html_link

#: The title of each page that argues claims (the ledger's ``chapter`` values).
CHAPTER_TITLES: dict[str, str] = {
    "index": "Introduction",
    "definitions": "What is a “distillation attack”?",
    "counting": "Counting exchanges",
    "safety-paradox": "The safety paradox",
    "proxies": "Proxies and hydra clusters",
    "double-standards": "Double standards",
}

#: Readable names and display formats of the assumptions checks vary (``Sensitivity.parameter``).
ASSUMPTIONS: dict[str, tuple[str, str]] = {
    "model calls per task": ("model calls per agentic task", ",.1f"),
    "negligible share": ("share of a distillation set below which a volume is negligible", ".0%"),
    "model calls per user message": ("model calls per user message", ",.0f"),
    "exchanges per training example": ("exchanges per training example", ",.0f"),
    "input tokens per request": ("input tokens per request", ",.0f"),
    "share of a dangerous capability a student gains from answers given without refusal": (
        "share of a dangerous capability a student gains from answers given without refusal",
        ".0%",
    ),
}


# ---------------------------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------------------------


def row_anchor(claim_id: str) -> str:
    """The anchor of a claim's row in the verdict table (``verdict-<id>``)."""
    return f"verdict-{claim_id}"


# ---------------------------------------------------------------------------------------------
# The ledger table
# ---------------------------------------------------------------------------------------------

LEDGER_COLUMNS = [
    "claim (link to this row)",
    "section",
    "the article says",
    "verdict",
    "what the evidence shows",
    "argued in",
]

LEDGER_HTML = ("claim (link to this row)", "argued in")


def ledger_table(
    claims: pd.DataFrame,
    results: Mapping[str, ledger.CheckResult],
    chapter_titles: Mapping[str, str] = CHAPTER_TITLES,
    from_docname: str = "chapters/verdict",
) -> pd.DataFrame:
    """The whole ledger, one row per claim in section order: a permalink to the row itself
    (anchor ``verdict-<id>``), the section, the article's words, the verdict, the conclusion with
    its placeholders filled from the check's figures, and a link to the claim's box on its page.

    The two link columns hold HTML (see ``LEDGER_HTML``); the others are plain text."""
    ordered = claims.assign(_order=range(len(claims))).sort_values(["article_section", "_order"], kind="stable")
    rows = []
    for _, row in ordered.iterrows():
        claim_id = row["id"]
        anchor = row_anchor(claim_id)
        permalink = html_link(
            f"#{anchor}",
            claim_id,
            id=anchor,
            class_="verdict-permalink",
            title="Permanent link to this row: copy it to cite the claim",
        )
        rows.append(
            [
                permalink,
                ledger.SECTION_NAMES.get(int(row["article_section"]), str(row["article_section"])),
                f"“{row['quote']}”",
                ledger.verdict_label(row["verdict"]),
                ledger.conclusion_text(row, results.get(claim_id)),
                html_link(claim_href(row["chapter"], claim_id, from_docname), chapter_titles[row["chapter"]]),
            ]
        )
    return pd.DataFrame(rows, columns=LEDGER_COLUMNS)


def format_value(parameter: str, value: float) -> str:
    """One end of an assumption's range, in the assumption's display format."""
    spec = ASSUMPTIONS.get(parameter, (parameter, "g"))[1]
    return format(value, spec)


def assumption_name(parameter: str) -> str:
    return ASSUMPTIONS.get(parameter, (parameter, ""))[0]


# ---------------------------------------------------------------------------------------------
# Robustness
# ---------------------------------------------------------------------------------------------

ROBUSTNESS_COLUMNS = [
    "claim",
    "verdict",
    "assumption",
    "range",
    "verdict at the low end",
    "verdict at the high end",
    "verdict holds across the range",
]


def robustness_table(claims: pd.DataFrame, results: Mapping[str, ledger.CheckResult]) -> pd.DataFrame:
    """One row per (claim, assumption) for every check that reports a sensitivity: the claim's id,
    the ledger's verdict, the assumption, its range, the verdict at each end, and ``yes`` when the
    verdict is the ledger's at both ends (``no`` otherwise)."""
    rows = []
    for _, row in claims.iterrows():
        result = results.get(row["id"])
        if result is None:
            continue
        for sens in result.sensitivity:
            rows.append(
                [
                    row["id"],
                    ledger.verdict_label(row["verdict"]),
                    assumption_name(sens.parameter),
                    f"{format_value(sens.parameter, sens.low)} to {format_value(sens.parameter, sens.high)}",
                    ledger.verdict_label(sens.verdict_at_low),
                    ledger.verdict_label(sens.verdict_at_high),
                    "yes" if sens.holds(row["verdict"]) else "no",
                ]
            )
    return pd.DataFrame(rows, columns=ROBUSTNESS_COLUMNS)


def robustness_display(table: pd.DataFrame) -> pd.DataFrame:
    """The robustness table with each claim linked to its row of the ledger table (HTML)."""
    return table.assign(claim=[html_link(f"#{row_anchor(c)}", c) for c in table["claim"]])


def robustness_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many assumption tests the robustness table holds, for how many claims, how many hold."""
    holds = int((table["verdict holds across the range"] == "yes").sum())
    return {
        "tests": int(len(table)),
        "claims": int(table["claim"].nunique()),
        "holds": holds,
        "moves": int(len(table)) - holds,
    }


def moving_claims(table: pd.DataFrame) -> list[str]:
    """The claims whose verdict does not hold across some assumption's range, in table order."""
    moving = table.loc[table["verdict holds across the range"] == "no", "claim"]
    return list(dict.fromkeys(moving))
