"""Every check is a rule that can return more than one verdict: each registered check names at
least one move (edits of data/ within recorded or cited values) under which its verdict differs
from the ledger's, and applying the move here changes the verdict."""

from __future__ import annotations

import shutil

import pytest

import distillbook.chapters.checks  # noqa: F401 - every chapter's checks, registered
from conftest import DATA, read_csv, set_cell
from distillbook.core import data, ledger

RATED = [row for row in read_csv("ledger/claims.csv") if row["check"]]


@pytest.mark.parametrize("claim", RATED, ids=[row["id"] for row in RATED])
def test_every_check_names_a_move(claim):
    moves = ledger.MOVES.get(claim["check"])
    assert moves, f"check {claim['check']!r} names no move that would change its verdict"
    assert all(move.why.strip() and move.edits for move in moves)


CASES = [(row, i) for row in RATED for i in range(len(ledger.MOVES.get(row["check"], ())))]


@pytest.mark.parametrize("claim,index", CASES, ids=[f"{row['id']}-{i}" for row, i in CASES])
def test_each_move_changes_the_verdict(claim, index, tmp_path):
    move = ledger.MOVES[claim["check"]][index]
    shutil.copytree(DATA, tmp_path / "data")
    descriptor = tmp_path / "data" / "datapackage.json"
    assert ledger.run_check(claim["check"], descriptor).verdict == claim["verdict"]
    for edit in move.edits:
        set_cell(data.table_file(edit.table, descriptor), edit.row, edit.column, edit.value, key=edit.key)
    moved = ledger.run_check(claim["check"], descriptor).verdict
    assert moved != claim["verdict"], f"{claim['id']}: {move.why!r} leaves the verdict {moved!r}"


def test_a_check_without_moves_would_be_caught():
    @ledger.check
    def constant_rule(access):
        return ledger.CheckResult("accurate", {})

    try:
        assert ledger.MOVES["test_checks_move.constant_rule"] == ()
    finally:
        ledger.CHECKS.pop("test_checks_move.constant_rule")
        ledger.MOVES.pop("test_checks_move.constant_rule")
