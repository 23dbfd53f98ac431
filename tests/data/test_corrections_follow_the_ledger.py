"""Corrections follow the ledger: every claim whose verdict differs from the last published
edition's has a corrections entry with that verdict before and the current one after."""

from __future__ import annotations

from conftest import read_csv


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def unlogged_moves(claims, editions, corrections) -> list[str]:
    latest = max({row["version"] for row in editions}, key=version_key)
    published = {row["claim_id"]: row["verdict"] for row in editions if row["version"] == latest}
    problems = []
    for claim in claims:
        before = published.get(claim["id"])
        if before is None or before == claim["verdict"]:
            continue
        moves = [
            c
            for c in corrections
            if c["claim_id"] == claim["id"] and c["verdict_after"] and version_key(c["version"]) > version_key(latest)
        ]
        if not moves:
            problems.append(f"{claim['id']}: {before} -> {claim['verdict']} with no corrections entry")
        elif moves[0]["verdict_before"] != before or moves[-1]["verdict_after"] != claim["verdict"]:
            problems.append(f"{claim['id']}: entries run {moves[0]['verdict_before']} -> {moves[-1]['verdict_after']}")
    return problems


def test_every_moved_verdict_is_in_the_corrections_log():
    claims, editions, corrections = (
        read_csv("ledger/claims.csv"),
        read_csv("ledger/edition_verdicts.csv"),
        read_csv("ledger/corrections.csv"),
    )
    assert unlogged_moves(claims, editions, corrections) == []


def test_a_silent_move_would_be_caught():
    editions = [{"version": "0.1.0", "claim_id": "a", "verdict": "accurate"}]
    claims = [{"id": "a", "verdict": "misleading"}]
    assert unlogged_moves(claims, editions, []) == ["a: accurate -> misleading with no corrections entry"]
    logged = [{"version": "0.2.0", "claim_id": "a", "verdict_before": "accurate", "verdict_after": "misleading"}]
    assert unlogged_moves(claims, editions, logged) == []


def test_the_first_edition_is_recorded_claim_by_claim():
    first = [row for row in read_csv("ledger/edition_verdicts.csv") if row["version"] == "0.1.0"]
    assert len(first) == 31  # the first edition's ledger (commit ba4c2e2) had 31 claims
