"""What an *unsupported* verdict rests on: the searches recorded in ``data/ledger/searches.csv``.

Only **distinct searches that targeted the claim** count: a row whose ``kind`` is ``targeted``
(it looked for what the claim asserts), and whose query, compared without case and spacing, was
not already counted for the claim. A repeated query, a research note (a summary of earlier
searches, not a search) and a search for a different document (the source of an argument, a
later article) are recorded for the reader but not counted. A claim is judged *unsupported* only
when at least :data:`MIN_SEARCHES` counted searches found nothing and no evidence was found.
"""

from __future__ import annotations

import pandas as pd

from distillbook.core.ledger import LedgerError, threshold

#: The rule in words, for readers (the methods page); numbers through threshold placeholders.
RULE = (
    "The book calls a claim unsupported only when searches for it all came back empty and no "
    "other evidence was found. Every search is recorded with its wording, where and when it was "
    "run, and what it found. Only searches that looked for what the claim asserts count, and a "
    "wording already counted is not counted again: a search rerun with the same words, a note "
    "summarising earlier searches, or a search for another document (such as the source of an "
    "argument or a later article) is shown to readers but not counted. At least "
    "{unsupported-searches:.0f} differently worded searches must all have found nothing; with "
    "fewer, the book refuses to build rather than give the verdict."
)


#: What a recorded search was, in the ``kind`` column; only ``targeted`` rows count.
KINDS = {
    "targeted": "looked for what the claim asserts",
    "repeat": "the same query as another row, run again",
    "research note": "a note summarising earlier searches, not a search",
    "other document": "looked for a different document (the source of an argument, a later article)",
}

MIN_SEARCHES = threshold(
    "unsupported-searches",
    2,
    "distinct targeted searches",
    "The book's judgement: one search can miss a source because of its wording or the place searched; "
    "a claim is called unsupported only when differently worded searches for it all came back empty.",
)


def normalised(query: str) -> str:
    """A query compared without case or repeated spaces."""
    return " ".join(query.casefold().split())


def counted(searches: pd.DataFrame, claim_id: str) -> pd.DataFrame:
    """The searches that count for ``claim_id``: targeted ones, each distinct query once."""
    mine = searches[(searches["claim_id"] == claim_id) & (searches["kind"] == "targeted")]
    return mine[~mine["query"].map(normalised).duplicated()].reset_index(drop=True)


def unsupported(searches: pd.DataFrame, claim_id: str) -> tuple[bool, dict[str, int]]:
    """Whether the counted searches make the claim unsupported (none found support) and the
    numbers a conclusion cites: ``searches`` (counted), ``searches_found`` (of them, found support),
    ``searches_recorded`` (every row for the claim). Raises :class:`LedgerError` naming the claim
    when none found support but fewer than :data:`MIN_SEARCHES` were counted."""
    rows = counted(searches, claim_id)
    found = int(rows["found"].astype(bool).sum())
    numbers = {
        "searches": int(len(rows)),
        "searches_found": found,
        "searches_recorded": int((searches["claim_id"] == claim_id).sum()),
    }
    if found == 0 and len(rows) < MIN_SEARCHES:
        raise LedgerError(
            f"claim {claim_id!r}: unsupported needs at least {MIN_SEARCHES:g} distinct searches that targeted it "
            f"in data/ledger/searches.csv; {len(rows)} counted"
        )
    return found == 0, numbers
