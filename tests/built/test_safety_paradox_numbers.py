"""Every number the safety-paradox chapter glues, recomputed from the CSVs (read with the csv
module, not the package's loader) and compared with what the built page glued. The experiment is
re-run from the same seed and parameters and must reproduce the glued figures exactly."""

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


def number(text: str) -> float:
    return float(text)


def test_every_glued_key_is_checked_here(values):
    checked = (
        set(EXPERIMENT)
        | set(LITERATURE)
        | {
            "exp_topics",
            "exp_items_per_topic",
            "exp_items",
            "exp_refused_topics",
            "exp_refused_share",
            "exp_skill_dims",
            "exp_noise",
            "exp_replicates",
            "exp_queries_min",
            "exp_queries_max",
            "exp_points",
            "exp_size_low",
            "exp_size_high",
            "exp_seed_low",
            "exp_seed_high",
            "exp_skill_threshold",
            "exp_outside_threshold",
            "exp_runs",
            "sg_total",
            "sg_outside",
            "sg_inside",
            "sg_service",
            "ow_labs_checked",
            "ow_labs_with",
            "ow_frontier",
            "ow_china",
            "ow_releases",
            "dm_searches",
            "dm_found",
            "lit_removal_studies",
            "lit_removal_cost_max",
        }
    )
    shown_elsewhere = {"chart_safety_experiment", "chart_open_weights", "table_safeguards", "table_open_weights"}
    claims = {key for key in values if key.startswith("claim-")}
    assert set(values) - claims - shown_elsewhere == checked


def test_experiment_settings(values, parameters):
    default = {name: number(row["default"]) for name, row in parameters.items()}
    assert values["exp_topics"] == default["topics"]
    assert values["exp_items_per_topic"] == default["items_per_topic"]
    assert values["exp_items"] == default["topics"] * default["items_per_topic"]
    assert values["exp_refused_topics"] == default["refused_topics"]
    assert values["exp_refused_share"] == pytest.approx(default["refused_topics"] / default["topics"])
    assert values["exp_skill_dims"] == default["skill_dims"]
    assert values["exp_noise"] == default["answer_noise"]
    assert values["exp_replicates"] == default["replicates"]
    assert values["exp_queries_min"] == default["n_smallest"]
    assert values["exp_queries_max"] == default["n_largest"]
    low, high = number(parameters["refused_topics"]["low"]), number(parameters["refused_topics"]["high"])
    assert (values["exp_size_low"], values["exp_size_high"]) == (low, high)
    assert (values["exp_seed_low"], values["exp_seed_high"]) == (
        number(parameters["seed_offset"]["low"]),
        number(parameters["seed_offset"]["high"]),
    )
    assert values["exp_runs"] == (high - low + 1) * default["replicates"]
    assert values["exp_skill_threshold"] == 0.9 and values["exp_outside_threshold"] == 0.5


EXPERIMENT = [
    "exp_skill_first",
    "exp_skill_last",
    "exp_skill_floor",
    "exp_knowledge_inside_max",
    "exp_outside_last",
    "exp_kept_share",
]


def test_experiment_reproduces_the_glued_numbers_exactly(values, parameters):
    kwargs = {name: number(row["default"]) for name, row in parameters.items()}
    p = experiment.Params(
        **{name: int(v) if name in experiment.INTEGER_PARAMETERS else v for name, v in kwargs.items()}
    )
    low, high = int(number(parameters["refused_topics"]["low"])), int(number(parameters["refused_topics"]["high"]))
    results = experiment.run_region_sizes(p, list(range(low, high + 1)))
    grid = sorted(results["queries"].unique())
    assert values["exp_points"] == len(grid)
    default = results[results["refused_topics"] == p.refused_topics]
    first, last = default[default["queries"] == grid[0]], default[default["queries"] == grid[-1]]
    assert values["exp_skill_first"] == float(first["skill_inside"].mean())
    assert values["exp_skill_last"] == float(last["skill_inside"].mean())
    assert values["exp_skill_floor"] == float(results.loc[results["queries"] == grid[-1], "skill_inside"].min())
    assert values["exp_knowledge_inside_max"] == 0.0 == float(results["knowledge_inside"].max())
    assert values["exp_outside_last"] == float(last["knowledge_outside"].mean())
    assert values["exp_kept_share"] == float((last["kept"] / last["queries"]).mean())


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
    "lit_cc_hours": ("classifier-redteam", "value", 1),
    "lit_cc_refusals": ("classifier-refusals", "value", 1),
    "lit_cc_overhead": ("classifier-overhead", "value", 100),
    "lit_cc_demo_jailbreaks": ("classifier-demo", "value", 1),
}


def test_literature_figures(values):
    rows = {row["id"]: row for row in read_csv("safety-paradox/findings.csv")}
    for key, (row_id, column, divisor) in LITERATURE.items():
        assert values[key] == pytest.approx(number(rows[row_id][column]) / divisor), key
    removal = [row for row in rows.values() if row["kind"] == "removal"]
    assert values["lit_removal_studies"] == len(removal)
    assert values["lit_removal_cost_max"] == max(number(r["cost_usd_max"]) for r in removal if r["cost_usd_max"])


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
    assert values["dm_searches"] == len(mine)
    assert values["dm_found"] == sum(row["found"] == "true" for row in mine)
