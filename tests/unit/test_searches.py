"""What an unsupported verdict rests on: distinct searches that targeted the claim."""

from __future__ import annotations

import pandas as pd
import pytest

from distillbook.core import searches
from distillbook.core.ledger import LedgerError


def table(*rows):
    return pd.DataFrame(rows, columns=["claim_id", "kind", "query", "found"])


def test_only_distinct_targeted_searches_count():
    rows = table(
        ("c", "targeted", "MiniMax agent uses Claude", False),
        ("c", "targeted", "minimax  AGENT uses claude", False),  # the same query again
        ("c", "research note", "dossier notes", False),
        ("c", "other document", "the later article", False),
        ("c", "targeted", "MiniMax 接入 Claude", False),
        ("d", "targeted", "something else", False),
    )
    assert list(searches.counted(rows, "c")["query"]) == ["MiniMax agent uses Claude", "MiniMax 接入 Claude"]
    none_found, numbers = searches.unsupported(rows, "c")
    assert none_found and numbers == {"searches": 2, "searches_found": 0, "searches_recorded": 5}


def test_too_few_searches_cannot_make_a_claim_unsupported():
    rows = table(("c", "targeted", "one query", False), ("c", "other document", "a later article", False))
    with pytest.raises(LedgerError, match="'c': unsupported needs at least 2 distinct searches"):
        searches.unsupported(rows, "c")


def test_a_search_that_found_support_means_the_claim_is_not_unsupported():
    rows = table(("c", "targeted", "one query", True))
    assert searches.unsupported(rows, "c")[0] is False
