"""Every number the safety-paradox chapter glues, recomputed from the CSVs (read with the csv
module, not the package's loader) and compared with what the built page glued. The experiment is
re-run from the same seed and parameters and must reproduce the glued figures (to the last bits
of floating point)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import built_page, glued, read_csv
from distillbook.chapters.safety_paradox import experiment

DOC = "chapters/safety-paradox"


@pytest.fixture(scope="module")
def values():
    return glued(DOC)


@pytest.fixture(scope="module")
def parameters():
    return {row["id"]: row for row in read_csv("safety-paradox/parameters.csv")}


@pytest.fixture(scope="module")
def findings():
    return {row["id"]: row for row in read_csv("safety-paradox/findings.csv")}


def number(text: str) -> float:
    return float(text)


def same(value: float):
    """The re-run's value, up to the last bits of floating point (a linear solve's result can
    differ in them between a threaded and a single-threaded linear-algebra library)."""
    return pytest.approx(value, rel=1e-9, abs=1e-12)


SETTINGS = {
    "exp_topics",
    "exp_items_per_topic",
    "exp_items",
    "exp_refused_topics",
    "exp_refused_share",
    "exp_skill_dims",
    "exp_noise",
    "exp_replicates",
    "exp_unknowns",
    "exp_queries_min",
    "exp_queries_max",
    "exp_size_low",
    "exp_size_high",
    "exp_share_default",
    "exp_share_default_variance",
    "exp_share_low",
    "exp_share_high",
}
EXPERIMENT = {
    "exp_skill_first",
    "exp_skill_last",
    "exp_skill_last_low",
    "exp_skill_last_high",
    "exp_skill_trend",
    "exp_skill_against_silence",
    "exp_answers_last",
    "exp_answers_reproduction",
    "exp_answers_last_low",
    "exp_answers_last_high",
    "exp_answers_full_low",
    "exp_answers_full_high",
    "exp_skill_share_high",
    "exp_skill_share_low",
    "exp_share_low_against_silence",
    "exp_breakeven",
    "exp_knowledge_inside_max",
    "exp_outside_last",
    "exp_kept_share",
    "exp_runs",
}
LITERATURE = {
    "lit_qi_examples": ("qi-finetune", "examples", 1),
    "lit_qi_cost": ("qi-finetune", "cost_usd_max", 1),
    "lit_badllama_cost": ("badllama", "cost_usd_max", 1),
    "lit_lora_cost": ("lora-undo", "cost_usd_max", 1),
    "lit_lora_gpus": ("lora-undo", "gpus", 1),
    "lit_lora_refusal": ("lora-undo", "value", 100),
    "lit_direction_models": ("refusal-direction", "models_tested", 1),
    "lit_unicom_models": ("unicom-distilled", "models_tested", 1),
    "lit_caisi_deepseek": ("caisi-jailbreak", "value", 100),
    "lit_caisi_us": ("caisi-jailbreak", "comparison", 100),
    "lit_caisi_hijack": ("caisi-hijacking", "value", 1),
    "lit_cc_hours": ("classifier-redteam", "value", 1),
    "lit_cc_refusals": ("classifier-refusals", "value", 1),
    "lit_cc_overhead": ("classifier-overhead", "value", 100),
    "lit_cc_demo_jailbreaks": ("classifier-demo", "value", 1),
    "lit_filter_reduction": ("filtering-cbrn", "value", 100),
    "lit_elicit_share": ("elicitation-chem", "value", 100),
    "lit_campaign_low": ("cyber-campaign", "value", 100),
    "lit_campaign_high": ("cyber-campaign", "comparison", 100),
}
OTHERS = {
    "lit_removal_studies",
    "lit_removal_cost_max",
    "lit_removal_no_cost",
    "lit_students",
    "lit_students_from_base",
    "lit_filter_kept",
    "sg_total",
    "sg_outside",
    "sg_inside",
    "sg_service",
    "paradox_direct_share",
    "paradox_share_low",
    "paradox_share_high",
    "paradox_bypasses",
    "paradox_universal_jailbreaks",
    "paradox_material",
    "paradox_low_verdict",
    "ow_labs_checked",
    "ow_labs_with",
    "ow_frontier",
    "ow_china",
    "ow_releases",
    "dm_recorded",
    "dm_counted",
    "dm_found",
    "dm_places",
}


def test_every_glued_key_is_checked_here(values):
    checked = SETTINGS | EXPERIMENT | set(LITERATURE) | OTHERS
    shown_elsewhere = {
        "chart_safety_experiment",
        "chart_safety_shares",
        "chart_open_weights",
        "table_safeguards",
        "table_open_weights",
    }
    claims = {key for key in values if key.startswith("claim-")}
    assert set(values) - claims - shown_elsewhere == checked


def test_experiment_settings(values, parameters):
    default = {name: number(row["default"]) for name, row in parameters.items()}
    assert values["exp_topics"] == default["topics"]
    assert values["exp_items_per_topic"] == default["items_per_topic"]
    assert values["exp_items"] == default["topics"] * default["items_per_topic"]
    assert values["exp_unknowns"] == default["skill_dims"] + default["topics"] * default["items_per_topic"]
    assert values["exp_refused_topics"] == default["refused_topics"]
    assert values["exp_refused_share"] == pytest.approx(default["refused_topics"] / default["topics"])
    assert values["exp_skill_dims"] == default["skill_dims"]
    assert values["exp_noise"] == default["answer_noise"]
    assert values["exp_replicates"] == default["replicates"]
    assert values["exp_queries_min"] == default["n_smallest"]
    assert values["exp_queries_max"] == default["n_largest"]
    # more answers kept than unknowns even when the largest refused region drops its share
    largest = number(parameters["refused_topics"]["high"])
    assert values["exp_queries_min"] * (1 - largest / default["topics"]) > values["exp_unknowns"]
    low, high = number(parameters["refused_topics"]["low"]), number(parameters["refused_topics"]["high"])
    assert (values["exp_size_low"], values["exp_size_high"]) == (low, high)
    assert values["exp_share_default"] == default["shared_skill"]
    assert values["exp_share_default_variance"] == pytest.approx(default["shared_skill"] ** 2)
    assert (values["exp_share_low"], values["exp_share_high"]) == (
        number(parameters["shared_skill"]["low"]),
        number(parameters["shared_skill"]["high"]),
    )
    assert values["exp_runs"] == (high - low + 1) * default["replicates"]


def test_experiment_reproduces_the_glued_numbers(values, parameters):
    kwargs = {name: number(row["default"]) for name, row in parameters.items()}
    p = experiment.Params(
        **{name: int(v) if name in experiment.INTEGER_PARAMETERS else v for name, v in kwargs.items()}
    )
    low, high = int(number(parameters["refused_topics"]["low"])), int(number(parameters["refused_topics"]["high"]))
    share_low, share_high = number(parameters["shared_skill"]["low"]), number(parameters["shared_skill"]["high"])
    shares = [round(share_low + i / 10, 6) for i in range(int(round((share_high - share_low) * 10)) + 1)]
    results = experiment.run_region_sizes(p, list(range(low, high + 1)), shares)
    mine = results[
        (results["refused_topics"] == p.refused_topics) & ((results["shared"] - p.shared_skill).abs() < 1e-9)
    ]
    grid = sorted(results["queries"].unique())
    first, last = mine[mine["queries"] == grid[0]], mine[mine["queries"] == grid[-1]]
    assert values["exp_skill_first"] == same(float(first["skill_inside"].mean()))
    assert values["exp_skill_last"] == same(float(last["skill_inside"].mean()))
    assert values["exp_skill_last_low"] == same(float(last["skill_inside"].min()))
    assert values["exp_skill_last_high"] == same(float(last["skill_inside"].max()))
    assert values["exp_skill_trend"] == ("rises" if values["exp_skill_last"] > values["exp_skill_first"] else "falls")
    assert values["exp_skill_against_silence"] == ("better than" if values["exp_skill_last"] > 0 else "worse than")
    assert values["exp_answers_last"] == same(float(last["answers_inside"].mean()))
    answers = values["exp_answers_last"]
    assert values["exp_answers_reproduction"] == (
        "reproduced" if answers >= 1 else "only partly reproduced" if answers > 0 else "not reproduced"
    )
    assert values["exp_answers_last_low"] == same(float(last["answers_inside"].min()))
    assert values["exp_answers_last_high"] == same(float(last["answers_inside"].max()))
    at_max = results[(results["refused_topics"] == p.refused_topics) & (results["queries"] == grid[-1])]
    full = at_max[at_max["shared"] == shares[-1]]
    assert values["exp_answers_full_low"] == same(float(full["answers_inside"].min()))
    assert values["exp_answers_full_high"] == same(float(full["answers_inside"].max()))
    means = at_max.groupby("shared")["skill_inside"].mean()
    assert values["exp_skill_share_high"] == same(float(means[shares[-1]]))
    assert values["exp_skill_share_low"] == same(float(means[shares[0]]))
    assert values["exp_share_low_against_silence"] == ("worse than" if means[shares[0]] < 0 else "better than")
    # where the mean skill score crosses zero, by linear interpolation between neighbouring shares
    pairs = list(means.items())
    crossing = next(
        s0 + (s1 - s0) * (-v0) / (v1 - v0) for (s0, v0), (s1, v1) in zip(pairs, pairs[1:], strict=False) if v0 < 0 <= v1
    )
    assert values["exp_breakeven"] == pytest.approx(crossing)
    assert values["exp_knowledge_inside_max"] == 0.0 == float(results["knowledge_inside"].max())
    assert values["exp_outside_last"] == same(float(last["knowledge_outside"].mean()))
    assert values["exp_kept_share"] == same(float((last["kept"] / last["queries"]).mean()))


def test_literature_figures(values, findings):
    for key, (row_id, column, divisor) in LITERATURE.items():
        assert values[key] == pytest.approx(number(findings[row_id][column]) / divisor), key
    removal = [row for row in findings.values() if row["kind"] == "removal"]
    assert values["lit_removal_studies"] == len(removal)
    assert values["lit_removal_cost_max"] == max(number(r["cost_usd_max"]) for r in removal if r["cost_usd_max"])
    assert values["lit_removal_no_cost"] == sum(not r["cost_usd_max"] for r in removal)
    students = read_csv("safety-paradox/distilled_students.csv")
    assert values["lit_students"] == len(students)
    assert values["lit_students_from_base"] == sum(r["base_kind"] == "base" for r in students)
    assert values["lit_filter_kept"] == pytest.approx(1 - number(findings["filtering-cbrn"]["value"]) / 100)


def test_paradox_figures(values, findings):
    direct = [number(r["value"]) / 100 for r in findings.values() if r["kind"] == "elicitation"]
    kept = [1 - number(r["value"]) / 100 for r in findings.values() if r["kind"] == "capability-without-refusal"]
    readings = direct + kept
    assert values["paradox_direct_share"] == pytest.approx(min(direct))
    assert values["paradox_share_low"] == pytest.approx(min(readings))
    assert values["paradox_share_high"] == pytest.approx(max(readings))
    assert values["paradox_bypasses"] == sum(r["bypass"] == "true" for r in findings.values())
    assert values["paradox_universal_jailbreaks"] == number(findings["classifier-demo"]["value"])
    assert values["paradox_material"] == 0.2  # the book's judgement: a fifth
    # at the low end the direct share is below a fifth, so the verdict turns on the bypasses
    low = "misleading" if min(readings) >= 0.2 else "mostly accurate" if values["paradox_bypasses"] else "accurate"
    assert values["paradox_low_verdict"] == low
    page = built_page(DOC)
    assert "Depends on an assumption" in page and "The verdict changes at about 20%" in page


def test_safeguard_counts_and_table(values):
    rows = read_csv("safety-paradox/safeguards.csv")
    against_harm = [r for r in rows if r["protects"] == "harmful-content"]
    assert values["sg_total"] == len(against_harm)
    assert values["sg_outside"] == sum(r["layer"] == "outside-model" for r in against_harm)
    assert values["sg_inside"] == sum(r["layer"] == "in-model" for r in against_harm)
    assert values["sg_service"] == sum(r["protects"] == "service" for r in rows)
    page = built_page(DOC)
    for row in rows:
        assert row["safeguard"].replace("'", "&#8217;").split(" (")[0].split(",")[0] in page.replace("’", "&#8217;")


def test_open_weight_counts(values):
    labs = read_csv("shared/labs.csv")
    releases = read_csv("safety-paradox/open_weights.csv")
    as_of = {row["id"]: row["as_of"] for row in read_csv("ledger/claims.csv")}["safety-only-lab"]
    cutoff = dt.date.fromisoformat(as_of)
    released = {r["lab"] for r in releases if dt.date.fromisoformat(r["released"]) <= cutoff}
    assert values["ow_labs_checked"] == len(labs)
    assert values["ow_labs_with"] == len([lab for lab in labs if lab["lab"] in released])
    assert values["ow_frontier"] == sum(lab["group"] == "us-frontier" for lab in labs)
    assert values["ow_china"] == sum(lab["group"] == "china" for lab in labs)
    assert values["ow_releases"] == len(releases)
    page = built_page(DOC)
    for row in releases:
        assert row["model"] in page


def test_deepseek_method_searches(values):
    mine = [row for row in read_csv("ledger/searches.csv") if row["claim_id"] == "safety-deepseek-methods"]
    targeted = {" ".join(row["query"].casefold().split()) for row in mine if row["kind"] == "targeted"}
    assert values["dm_recorded"] == len(mine)
    assert values["dm_counted"] == len(targeted)
    assert values["dm_found"] == sum(row["found"] == "true" for row in mine if row["kind"] == "targeted")
    places = sorted({row["searched_in"] for row in mine if row["kind"] == "targeted"})
    assert values["dm_places"] == " and ".join(places)  # two places: web pages and code repositories


def test_the_charts_are_on_the_page_with_both_sliders():
    page = built_page(DOC)
    for key in ("chart_safety_experiment", "chart_safety_shares", "chart_open_weights"):
        assert f'data-chart-key="{key}"' in page, key
    assert "Skill shared by both regions" in page and "Refused topics (region size)" in page
