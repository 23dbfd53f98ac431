"""The rule for a figure the article reports from a source, with its hedge ("over", "about").

One rule for every such claim, so that the same slip gets the same verdict everywhere:

1. Compare the article's figure with the figure in the document the article credits (the ledger's
   ``credits`` column). Within :data:`MATCH` of it the figure *matches*; within :data:`CLOSE` it
   is *close*; beyond that it is *off*.
2. Compare the hedges by kind: a lower bound ("over", "more than"), an estimate ("about",
   "approximately", "nearly"), an upper bound ("under", "up to") or an exact figure (no hedge). An
   estimate of an exact figure is the same kind (rounding); every other change of kind is a slip:
   turning an estimate into a lower bound claims more than the source does, turning a lower bound
   into an estimate drops the source's "at least".
3. Verdict: **accurate** when the figure matches and the hedge is of the same kind;
   **mostly accurate** when the figure is close, or matches with a hedge of another kind, or
   matches only the wording of another document than the one credited; **inaccurate** when the
   figure is off. The direction of a slip (whether it makes the figure look larger or smaller
   than the credited source) is reported in the conclusion but does not change the verdict: a slip
   that happens to help the article and one that works against it are the same slip.
"""

from __future__ import annotations

import dataclasses
import re

from distillbook.core.ledger import DataAccess, LedgerError, threshold

#: The rule in words, for readers (the methods page); numbers through threshold placeholders.
RULE = (
    "When the article repeats a figure from a source, the book compares it with the figure in the "
    "document the article credits. Within {figure-match:.0%} of that figure it matches; within "
    "{figure-close:.0%} it is close; further off it is a different figure. The hedges are "
    "compared too: “over” or “more than” makes a lower bound; “about”, “approximately” or "
    "“nearly” an estimate (“nearly” stays below the figure, but the book counts it as an estimate: "
    "its judgement); “under” or “up to” an upper bound; no hedge an exact figure. An estimate of an "
    "exact figure is rounding; any other change of kind is a slip. Accurate when the figure matches "
    "with a hedge of the same kind; mostly accurate when it is only close, or matches with a hedge "
    "of another kind, or matches only another document’s wording; inaccurate when it is further "
    "off. The verdict is the same whichever way a slip goes; the conclusion says whether the "
    "article’s wording makes the figure larger or smaller than the source’s."
)


MATCH = threshold(
    "figure-match",
    0.01,
    "fraction of the source's figure",
    "The book's judgement: a figure given to three significant figures is within half a percent of the "
    "exact one, so within this margin it is the same figure. A figure rounded to two significant "
    "figures can be further off (up to about a twentieth) and then counts only as close.",
)
CLOSE = threshold(
    "figure-close",
    0.05,
    "fraction of the source's figure",
    "The book's judgement: within five percent a figure is off by a detail that leaves its order of "
    "magnitude and its use in the argument unchanged; beyond it the figure is a different figure.",
)

#: Hedge words by the kind of figure they make.
HEDGES: dict[str, tuple[str, ...]] = {
    "lower bound": ("more than", "at least", "in excess of", "over", "above"),
    "estimate": ("approximately", "about", "around", "roughly", "nearly", "almost", "close to", "some"),
    "upper bound": ("fewer than", "less than", "at most", "up to", "under", "below"),
}
EXACT = "exact"
#: How far each kind reaches above the figure, to tell the direction of a slip (higher reaches more).
_REACH = {"upper bound": 0, "estimate": 1, EXACT: 1, "lower bound": 2}


def hedge_kind(hedge: str) -> str:
    """The kind of figure a hedge word makes: lower bound, estimate, upper bound or exact."""
    word = hedge.strip().lower()
    for kind, words in HEDGES.items():
        if word in words:
            return kind
    if word in ("", "exactly"):
        return EXACT
    raise ValueError(f"unknown hedge {hedge!r}; known: {', '.join(w for ws in HEDGES.values() for w in ws)}")


def hedge_in(text: str) -> str:
    """The first hedge word in ``text`` (a quotation of the article), or "" when it has none."""
    lowered = text.lower()
    found = [
        (m.start(), word)
        for words in HEDGES.values()
        for word in words
        for m in [re.search(rf"\b{re.escape(word)}\b", lowered)]
        if m
    ]
    return min(found)[1] if found else ""


def same_kind(stated: str, source: str) -> bool:
    """True when the article's hedge kind says what the source's does (an estimate of an exact
    figure counts as the same: it is rounding)."""
    return stated == source or (stated == "estimate" and source == EXACT)


def direction(stated: str, source: str) -> str:
    """Whether the article's hedge makes the figure reach higher than the source's ("overstates"),
    lower ("understates") or the same ("same")."""
    difference = _REACH[stated] - _REACH[source]
    return "overstates" if difference > 0 else "understates" if difference < 0 else "same"


@dataclasses.dataclass(frozen=True)
class Reported:
    """A figure as one document gives it: value, hedge word and the document's source id."""

    value: float
    hedge: str
    source_id: str


@dataclasses.dataclass(frozen=True)
class Judged:
    """The rule's outcome for one reported figure (see the module's docstring)."""

    verdict: str
    off: float  # fraction of the credited figure
    stated_kind: str
    source_kind: str
    direction: str  # of the hedge slip: overstates, understates or same
    other_document: str  # a source id whose wording matches the article's, when the credited one does not


def judge_reported(stated: float, stated_hedge: str, credited: Reported, others: tuple[Reported, ...] = ()) -> Judged:
    """Apply the rule of the module's docstring to the article's ``stated`` figure and hedge."""
    if credited.value <= 0:
        raise ValueError("the credited figure must be positive")
    off = abs(stated - credited.value) / credited.value
    stated_kind, source_kind = hedge_kind(stated_hedge), hedge_kind(credited.hedge)
    slip = direction(stated_kind, source_kind) if not same_kind(stated_kind, source_kind) else "same"
    other = next(
        (
            doc.source_id
            for doc in others
            if abs(stated - doc.value) <= MATCH * doc.value and same_kind(stated_kind, hedge_kind(doc.hedge))
        ),
        "",
    )
    if off > CLOSE:
        verdict = "inaccurate"
    elif off <= MATCH and same_kind(stated_kind, source_kind):
        verdict = "accurate"
    else:
        verdict = "mostly-accurate"
    return Judged(verdict, off, stated_kind, source_kind, slip, other if verdict != "accurate" else "")


def judge_claim(data: DataAccess, claim_id: str, table: str, row_ids: list[str]) -> Judged:
    """The rule applied to a ledger claim: its stated figure and the hedge in its quote, against the
    rows ``row_ids`` of ``table`` (columns ``value``, ``qualifier``, ``source_id``), of which the
    one from the document the claim ``credits`` is the reference and the others are other
    documents' wordings."""
    claim = data.claim(claim_id)
    rows = data.table(table).set_index("id").loc[row_ids]
    documents = [Reported(float(row.value), str(row.qualifier), str(row.source_id)) for row in rows.itertuples()]
    credited = [doc for doc in documents if doc.source_id == claim["credits"]]
    if not credited:
        raise LedgerError(
            f"claim {claim_id!r} credits {claim['credits']!r}, but none of {row_ids} in data/{table}.csv comes from it"
        )
    others = tuple(doc for doc in documents if doc is not credited[0])
    return judge_reported(float(claim["stated"]), hedge_in(claim["quote"]), credited[0], others)
