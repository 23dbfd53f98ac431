"""The introduction's glued numbers equal a recomputation done here from the CSVs directly."""

from __future__ import annotations

import pytest

from conftest import glued, read_csv


@pytest.fixture(scope="module")
def values():
    return glued("index")


@pytest.fixture(scope="module")
def report():
    return {row["id"]: row for row in read_csv("shared/allegation.csv")}


def test_per_lab_figures_and_shares(values, report):
    labs = {"deepseek": "exchanges-deepseek", "moonshot": "exchanges-moonshot", "minimax": "exchanges-minimax"}
    figures = {lab: int(float(report[row]["value"])) for lab, row in labs.items()}
    total = sum(figures.values())
    for lab, figure in figures.items():
        assert values[f"exchanges_{lab}"] == figure
        assert values[f"share_{lab}"] == pytest.approx(figure / total, rel=1e-12)
    assert values["exchanges_sum"] == total


def test_totals_and_exchanges_per_account(values, report):
    accounts = float(report["accounts-total"]["value"])
    assert values["accounts_total"] == int(accounts)
    assert values["exchanges_report_total"] == int(float(report["exchanges-total"]["value"]))
    assert values["exchanges_per_account"] == pytest.approx(values["exchanges_sum"] / accounts)
    assert values["proxy_network_accounts"] == int(float(report["proxy-network-accounts"]["value"]))
    assert values["lab_count"] == 3


def test_ledger_counts(values):
    claims = read_csv("ledger/claims.csv")
    assert values["claims_total"] == len(claims)
    assert all(row["verdict"] != "pending" for row in claims)
