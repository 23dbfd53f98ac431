"""The corrections page: versions, the log, and what counts as a moved verdict."""

from __future__ import annotations

import pandas as pd

from conftest import ledger_rows
from distillbook.chapters import corrections as corrections_page


def test_versions_sort_as_numbers():
    assert sorted(["0.10.0", "0.2.0", "0.9.1"], key=corrections_page.version_key) == ["0.2.0", "0.9.1", "0.10.0"]


def test_corrections_log_newest_first_with_moved_verdicts():
    claims = ledger_rows(("b", "counting", 2, "misleading"))
    corrections = pd.DataFrame(
        {
            "version": ["0.1.0", "0.2.0", "0.10.0"],
            "date": pd.to_datetime(["2026-11-29", "2026-12-05", "2027-01-10"]),
            "claim_id": [None, "b", "b"],
            "change": ["First edition.", "Reworded.", "New source."],
            "verdict_before": [None, None, "accurate"],
            "verdict_after": [None, None, "misleading"],
            "reason": ["First.", "Clearer.", "A later source."],
        }
    )
    frame = corrections_page.corrections_table(corrections, claims)
    assert frame["version"].tolist() == ["0.10.0", "0.2.0", "0.1.0"]
    assert frame["verdict moved"].tolist() == ["accurate → misleading", "none", "none"]
    assert frame["claim"].iloc[2] == "the whole book"
    assert frame["claim"].iloc[0] == '<a href="../chapters/counting.html#claim-b">b</a>'
    assert frame["date"].iloc[0] == "2027-01-10"
    assert corrections_page.moved_count(corrections) == 1
    assert corrections_page.claims_corrected(corrections) == 1
    assert corrections_page.latest_version(corrections) == "0.10.0"


def test_a_verdict_restated_unchanged_has_not_moved():
    assert not corrections_page.verdict_moved("accurate", "accurate")
    assert not corrections_page.verdict_moved(None, "accurate")
    assert corrections_page.verdict_moved("accurate", "inaccurate")
