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


def repeated_entries(corrections) -> list[str]:
    """(version, claim) pairs with more than one entry: each edition says once what changed for a
    claim, so that two revisions' entries (merged line by line) cannot both stand, one stale."""
    seen: dict[tuple[str, str], int] = {}
    for row in corrections:
        if row["claim_id"]:
            key = (row["version"], row["claim_id"])
            seen[key] = seen.get(key, 0) + 1
    return sorted(f"{version} {claim}" for (version, claim), n in seen.items() if n > 1)


def test_each_edition_has_one_entry_per_claim():
    assert repeated_entries(read_csv("ledger/corrections.csv")) == []
    twice = [
        {"version": "0.2.0", "claim_id": "a"},
        {"version": "0.2.0", "claim_id": "a"},
        {"version": "0.2.0", "claim_id": ""},
    ]
    assert repeated_entries(twice) == ["0.2.0 a"]
