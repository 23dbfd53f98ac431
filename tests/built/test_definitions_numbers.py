"""Every number glued on the definitions page, recomputed from the CSVs with the csv module (not the
package) and compared with what the built page shows."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import glued, read_csv

LABS = {"DeepSeek": "exchanges-deepseek", "Moonshot": "exchanges-moonshot", "MiniMax": "exchanges-minimax"}


def by_id(name: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in read_csv(name)}


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def expected() -> dict[str, object]:
    values: dict[str, object] = {}
    datasets = by_id("definitions/datasets.csv")
    teacher_sizes = [int(r["examples"]) for r in datasets.values() if r["teacher_kind"] == "stronger model"]
    values["datasets_total"] = len(datasets)
    values["teacher_datasets"] = values["teacher_sets_total"] = len(teacher_sizes)

    signals = read_csv("definitions/report_signals.csv")
    values["signals_total"] = len(signals)
    values["signals_detection"] = sum(1 for r in signals if r["role"] == "detection")
    values["signals_attribution"] = sum(1 for r in signals if r["role"] == "attribution")
    for answer in ("no", "partly", "yes"):
        values[f"signals_{answer}"] = sum(1 for r in signals if r["outsider_check"] == answer)

    uses = by_id("definitions/term_uses.csv")
    sources = by_id("ledger/sources.csv")
    report = day(uses["anthropic-2026"]["date"])
    earlier = [r for r in uses.values() if r["exact_term"] == "true" and day(r["date"]) < report]
    primary = sorted(day(r["date"]) for r in earlier if sources[r["source_id"]]["reliability"] == "primary")
    values["gtig_days_before"] = (report - primary[0]).days
    values["earlier_exact_uses"] = len(earlier)

    events = by_id("definitions/timeline.csv")
    hidden = day(events["o1-hidden"]["date"])
    values["days_hide_to_r1"] = (day(events["r1-release"]["date"]) - hidden).days
    values["days_hide_to_claim"] = (day(events["openai-distill-claim"]["date"]) - hidden).days
    values["anthropic_raw_days"] = (
        day(events["claude-4-summaries"]["date"]) - day(events["claude-37-visible"]["date"])
    ).days
    values["timeline_events"] = len(events)
    values["claude4_summarised_share"] = float(events["claude-4-summaries"]["summarised_share"])

    parameter = by_id("shared/assumptions.csv")["exchanges-per-example"]
    low, default, high = (float(parameter[k]) for k in ("low", "default", "high"))
    values.update(ept_low=int(low), ept_default=int(default), ept_high=int(high))
    allegation = by_id("shared/allegation.csv")
    ranges = {}
    for lab, row_id in LABS.items():
        exchanges = float(allegation[row_id]["value"])
        ranges[lab] = (exchanges / high, exchanges / low)
        values[f"traj_fewest_{lab.lower()}"] = round(exchanges / high)
        values[f"traj_most_{lab.lower()}"] = round(exchanges / low)
        values[f"traj_central_{lab.lower()}"] = round(exchanges / default)

    for dataset_id in ("limo", "s1k", "bespoke-stratos", "r1-distill", "lima"):
        key = dataset_id.replace("-", "_")
        values[f"examples_{key}"] = int(datasets[dataset_id]["examples"])
        values[f"result_{key}"] = float(datasets[dataset_id]["metric_value"])
    fewest, most = ranges["DeepSeek"]
    values["teacher_sets_below_deepseek_fewest"] = sum(1 for n in teacher_sizes if n < fewest)
    values["teacher_sets_below_deepseek_most"] = sum(1 for n in teacher_sizes if n < most)
    r1 = int(datasets["r1-distill"]["examples"])
    for lab in ("Moonshot", "MiniMax"):
        low_lab, high_lab = ranges[lab]
        values[f"r1_vs_{lab.lower()}"] = "below" if r1 < low_lab else ("inside" if r1 <= high_lab else "above")
    deepseek = float(allegation["exchanges-deepseek"]["value"])
    values["deepseek_central_share_r1"] = deepseek / default / r1
    values["deepseek_most_share_r1"] = deepseek / low / r1
    values["largest_teacher_set"] = max(teacher_sizes)

    as_of = day(next(r for r in read_csv("ledger/claims.csv") if r["id"] == "def-cursor")["as_of"])
    values["cursor_models_documented"] = sum(
        1 for r in read_csv("definitions/cursor_models.csv") if day(r["date"]) <= as_of
    )
    values["cursor_searches"] = sum(1 for r in read_csv("ledger/searches.csv") if r["claim_id"] == "def-cursor")
    values["cursor_models_distilled"] = sum(
        1
        for r in read_csv("definitions/cursor_models.csv")
        if day(r["date"]) <= as_of and r["third_party_outputs"] == "documented"
    )
    return values


def test_every_number_on_the_page_is_recomputed_here():
    shown = {
        key: value
        for key, value in glued("chapters/definitions").items()
        if not key.startswith(("claim-", "table_", "chart_"))
    }
    assert set(shown) == set(expected()), "a glued number without an independent recomputation (or the reverse)"


@pytest.mark.parametrize("key", sorted(expected()))
def test_glued_number_matches_the_data(key):
    want = expected()[key]
    got = glued("chapters/definitions")[key]
    if isinstance(want, float):
        assert got == pytest.approx(want)
    else:
        assert got == want
