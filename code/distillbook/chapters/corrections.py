"""The corrections page: every change to a verdict or a conclusion since the first edition, from
``data/ledger/corrections.csv``."""

from __future__ import annotations

import pandas as pd

from distillbook.core import ledger
from distillbook.core.pages import claim_href
from distillbook.core.tables import html_link


def version_key(version: str) -> tuple[int, ...]:
    """``"0.10.1"`` -> ``(0, 10, 1)``, so versions sort as numbers, not as text."""
    return tuple(int(part) for part in str(version).split("."))


def verdict_moved(before, after) -> bool:
    """True when a correction changed a verdict (both given and different)."""
    given = [v for v in (before, after) if isinstance(v, str) and v]
    return len(given) == 2 and before != after


CORRECTIONS_COLUMNS = ["version", "date", "claim", "what changed", "verdict moved", "why"]


def corrections_table(
    corrections: pd.DataFrame, claims: pd.DataFrame, from_docname: str = "appendices/corrections"
) -> pd.DataFrame:
    """The corrections log, newest version first: the claim (linked to its box, HTML), what
    changed, the verdict's move (``before → after`` or ``none``) and why."""
    chapters = dict(zip(claims["id"], claims["chapter"], strict=True))
    frame = corrections.assign(_order=range(len(corrections)))
    frame = frame.assign(_key=[version_key(v) for v in frame["version"]])
    frame = frame.sort_values(["_key", "_order"], ascending=[False, True], kind="stable")
    rows = []
    for _, row in frame.iterrows():
        claim_id = row["claim_id"] if isinstance(row["claim_id"], str) else ""
        claim = (
            html_link(claim_href(chapters[claim_id], claim_id, from_docname), claim_id)
            if claim_id
            else "the whole book"
        )
        moved = (
            f"{ledger.verdict_label(row['verdict_before'])} → {ledger.verdict_label(row['verdict_after'])}"
            if verdict_moved(row["verdict_before"], row["verdict_after"])
            else "none"
        )
        date = row["date"].strftime("%Y-%m-%d") if hasattr(row["date"], "strftime") else str(row["date"])
        rows.append([str(row["version"]), date, claim, row["change"], moved, row["reason"]])
    return pd.DataFrame(rows, columns=CORRECTIONS_COLUMNS)


def moved_count(corrections: pd.DataFrame) -> int:
    """How many corrections moved a verdict."""
    return sum(
        verdict_moved(b, a) for b, a in zip(corrections["verdict_before"], corrections["verdict_after"], strict=True)
    )


def claims_corrected(corrections: pd.DataFrame) -> int:
    """How many distinct ledger claims the corrections concern (entries for the whole book aside)."""
    ids = [c for c in corrections["claim_id"] if isinstance(c, str) and c]
    return len(set(ids))


def latest_version(corrections: pd.DataFrame) -> str:
    return str(max(corrections["version"], key=version_key))
