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


def three(value: float) -> float:
    return float(f"{value:.3g}")


def as_of(claim_id: str) -> dt.date:
    return day(next(r for r in read_csv("ledger/claims.csv") if r["id"] == claim_id)["as_of"])


def expected() -> dict[str, object]:
    values: dict[str, object] = {}
    sources = by_id("ledger/sources.csv")
    datasets = by_id("definitions/datasets.csv")
    teacher_sizes = [int(r["examples"]) for r in datasets.values() if r["teacher_kind"] == "stronger model"]
    values["teacher_sets_total"] = len(teacher_sizes)
    values["openai_top_candidates"] = int(by_id("definitions/api_outputs.csv")["openai-chat"]["top_candidates"])

    detection = read_csv("definitions/detection_signals.csv")
    attribution = read_csv("proxies/attribution_signals.csv")
    values["signals_detection"] = len(detection)
    values["signals_detection_no"] = sum(1 for r in detection if r["outsider_check"] == "no")
    values["signals_detection_partly"] = sum(1 for r in detection if r["outsider_check"] == "partly")
    ties = [r for r in attribution if r["kind"] == "attribution"]
    values["signals_attribution"] = len(ties)
    values["signals_attribution_published"] = sum(1 for r in ties if r["indicators_published"] == "true")
    values["signals_coordination"] = sum(1 for r in attribution if r["kind"] == "coordination")

    uses = by_id("definitions/term_uses.csv")
    report = day(uses["anthropic-2026"]["date"])
    before = [r for r in uses.values() if day(r["date"]) < report]
    earlier_exact = [r for r in before if r["exact_term"] == "true"]
    primary = sorted(day(r["date"]) for r in earlier_exact if sources[r["source_id"]]["reliability"] == "primary")
    values["term_first_exact_days"] = (report - primary[0]).days
    values["gtig_days_before"] = (report - day(uses["gtig-2026"]["date"])).days
    values["term_first_exact_year"] = min(day(r["date"]) for r in earlier_exact).year
    values["term_works_before"] = len(before)
    values["term_exact_before"] = len(earlier_exact)
    values["term_idea_only_before"] = len(before) - len(earlier_exact)
    values["term_first_year"] = min(day(r["date"]) for r in before).year

    events = by_id("definitions/timeline.csv")
    hidden = day(events["o1-hidden"]["date"])
    values["days_hide_to_r1"] = (day(events["r1-release"]["date"]) - hidden).days
    values["days_hide_to_claim"] = (day(events["openai-distill-claim"]["date"]) - hidden).days
    values["anthropic_raw_days"] = (
        day(events["claude-4-summaries"]["date"]) - day(events["claude-37-visible"]["date"])
    ).days
    values["timeline_events"] = len(events)
    retired = day(events["claude-37-retired"]["date"])
    values["claude37_days_after_claude4"] = (retired - day(events["claude-4-summaries"]["date"])).days
    values["claude37_retired_days_before_report"] = (day(events["anthropic-report"]["date"]) - retired).days
    values["claude4_summarised_share"] = float(events["claude-4-summaries"]["summarised_share"])
    guarding = [r for r in events.values() if r["guards"] == "true" and day(r["date"]) <= as_of("def-labs-wary")]
    values["wary_events"] = len(guarding)
    values["wary_labs_primary"] = len(
        {r["actor"] for r in guarding if sources[r["source_id"]]["reliability"] == "primary"}
    )

    assumptions = by_id("shared/assumptions.csv")
    low, default, high = (float(assumptions["exchanges-per-example"][k]) for k in ("low", "default", "high"))
    values.update(ept_low=int(low), ept_default=int(default), ept_high=int(high))
    out = {k: float(assumptions["output-tokens"][k]) for k in ("low", "default", "high")}
    values.update(out_low=int(out["low"]), out_default=int(out["default"]), out_high=int(out["high"]))
    allegation = by_id("shared/allegation.csv")
    ranges = {}
    for lab, row_id in LABS.items():
        exchanges = float(allegation[row_id]["value"])
        ranges[lab] = (exchanges / high, exchanges / low)
        values[f"traj_fewest_{lab.lower()}"] = round(exchanges / high)
        values[f"traj_most_{lab.lower()}"] = round(exchanges / low)
        values[f"traj_central_{lab.lower()}"] = round(exchanges / default)
        for end, tokens in out.items():
            values[f"mtokens_{end}_{lab.lower()}"] = three(exchanges * tokens / 1_000_000)
    deepseek = float(allegation["exchanges-deepseek"]["value"])
    values["exchanges_deepseek"] = int(deepseek)
    values["qualifier_deepseek"] = allegation["exchanges-deepseek"]["qualifier"]
    values["gtig_prompts"] = int(by_id("shared/accusations.csv")["google-gtig"]["volume"])

    for dataset_id in ("limo", "s1k", "bespoke-stratos", "r1-distill", "lima"):
        key = dataset_id.replace("-", "_")
        values[f"examples_{key}"] = int(datasets[dataset_id]["examples"])
        values[f"result_{key}"] = float(datasets[dataset_id]["metric_value"])
    fewest, most = ranges["DeepSeek"]
    values["teacher_sets_below_deepseek_fewest"] = sum(1 for n in teacher_sizes if n < fewest)
    values["teacher_sets_below_deepseek_most"] = sum(1 for n in teacher_sizes if n < most)
    smallest = [int(datasets[i]["examples"]) for i in ("limo", "s1k")]
    values["deepseek_vs_smallest"] = ("" if all(fewest > n for n in smallest) else "not ") + (
        "larger than both at every point of the range"
    )
    r1 = int(datasets["r1-distill"]["examples"])
    for lab in ("Moonshot", "MiniMax"):
        low_lab, high_lab = ranges[lab]
        values[f"r1_vs_{lab.lower()}"] = "below" if r1 < low_lab else ("inside" if r1 <= high_lab else "above")
    values["deepseek_central_share_r1"] = deepseek / default / r1
    values["deepseek_most_share_r1"] = deepseek / low / r1
    values["largest_teacher_set"] = max(teacher_sizes)
    teachers = [r for r in datasets.values() if r["teacher_kind"] == "stronger model"]
    values["largest_teacher_name"] = max(teachers, key=lambda r: int(r["examples"]))["name"]
    values["teacher_sets_above_r1"] = sum(1 for n in teacher_sizes if n > r1)
    values["deepseek_most_share_orca"] = deepseek / low / int(datasets["orca"]["examples"])
    values["deepseek_most_share_openthoughts3"] = deepseek / low / int(datasets["openthoughts3"]["examples"])
    pool = int(datasets["s1k"]["generated"])
    values["generated_s1k"] = pool
    values["deepseek_most_vs_s1k_pool"] = deepseek / low / pool
    values["deepseek_central_share_s1k_pool"] = deepseek / default / pool
    values["r1_match_default"] = three(deepseek * out["default"] / r1)
    values["r1_match_high"] = three(deepseek * out["high"] / r1)
    values["s1k_match_low"] = three(deepseek * out["low"] / int(datasets["s1k"]["examples"]))

    cursor = [r for r in read_csv("definitions/cursor_models.csv") if day(r["date"]) <= as_of("def-cursor")]
    values["cursor_models_documented"] = len(cursor)
    searches = read_csv("ledger/searches.csv")
    values["cursor_searches"] = len(
        {
            " ".join(r["query"].lower().split())
            for r in searches
            if r["claim_id"] == "def-cursor" and r["kind"] == "targeted"
        }
    )
    values["cursor_models_distilled"] = sum(1 for r in cursor if r["third_party_outputs"] == "documented")

    traces = [r for r in read_csv("definitions/trace_uses.csv") if day(r["date"]) <= as_of("def-traces-valuable")]
    values["trace_distillation_uses"] = sum(
        1
        for r in traces
        if r["status"] == "use"
        and r["use"] == "distillation"
        and r["reasoning_traces"] == "true"
        and r["others_traces"] == "true"
    )
    values["trace_alleged"] = sum(1 for r in traces if r["status"] == "alleged" and r["reasoning_traces"] == "true")
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
