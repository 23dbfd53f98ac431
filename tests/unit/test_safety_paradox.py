"""The safety-paradox experiment, its sentence checks, the open-weight helpers and the ledger
checks of the article's section 3 (each pushed across its rule's threshold)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import read_csv, set_cell
from distillbook.chapters import safety_paradox as safety
from distillbook.chapters.safety_paradox import experiment
from distillbook.core.ledger import LedgerError, run_check


def params(**changes) -> experiment.Params:
    rows = read_csv("safety-paradox/parameters.csv")
    frame = pd.DataFrame(rows)
    return experiment.parameter_table(frame).with_(**changes)


# --- small pure functions, by hand -------------------------------------------------------------


def test_query_grid_is_log_spaced_by_hand():
    assert experiment.query_grid(10, 1000, 3) == [10, 100, 1000]  # 10 * 10 = 100, 100 * 10 = 1000
    assert experiment.query_grid(20, 20_000, 4) == [20, 200, 2000, 20_000]  # ratio (20000/20)^(1/3) = 10
    with pytest.raises(ValueError):
        experiment.query_grid(100, 10, 3)


def test_variance_explained_by_hand():
    # 1 - ((1-1)^2 + (2-3)^2) / (1^2 + 3^2) = 1 - 1/10
    assert experiment.variance_explained(np.array([1.0, 2.0]), np.array([1.0, 3.0])) == pytest.approx(0.9)
    # answering zero scores exactly zero
    assert experiment.variance_explained(np.zeros(2), np.array([1.0, 3.0])) == 0.0


def test_ridge_leaves_a_never_seen_column_at_exactly_zero():
    x = np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])  # second column never non-zero
    y = np.array([2.0, 4.0, 6.0])
    coef = experiment.fit_ridge(x.T @ x, x.T @ y, 0.001)
    assert coef[1] == 0.0
    assert coef[0] == pytest.approx(2 * 14 / (14 + 0.001))  # x'y = 28, x'x = 14


def test_parameter_table_reads_defaults_and_ends_as_whole_numbers():
    frame = pd.DataFrame(read_csv("safety-paradox/parameters.csv"))
    p = experiment.parameter_table(frame)
    assert isinstance(p.refused_topics, int) and isinstance(p.answer_noise, float)
    assert p.items == p.topics * p.items_per_topic
    low = experiment.parameter_table(frame, "low")
    assert low.seed_offset == 0 and low.refused_topics >= 1


def test_features_one_hot_by_hand():
    f = experiment.features(np.array([[0.5, -1.0]]), np.array([2]), 4)
    assert f.tolist() == [[0.5, -1.0, 0.0, 0.0, 1.0, 0.0]]


# --- the experiment ----------------------------------------------------------------------------


def test_experiment_is_deterministic_and_refused_knowledge_is_exactly_zero():
    p = params(n_largest=2000, n_points=4, replicates=2)
    first, second = experiment.run_experiment(p), experiment.run_experiment(p)
    pd.testing.assert_frame_equal(first, second)
    assert (first["knowledge_inside"] == 0.0).all()
    # 2 replicates x 4 query counts
    assert len(first) == 2 * 4
    # another seed gives another draw
    other = experiment.run_experiment(p.with_(seed_offset=p.seed_offset + 1))
    assert not np.allclose(first["skill_inside"], other["skill_inside"])


def test_sentences_hold_at_both_ends_of_the_seed_and_query_ranges():
    frame = pd.DataFrame(read_csv("safety-paradox/parameters.csv")).set_index("id")
    lo = lambda name: int(float(frame.loc[name, "low"]))  # noqa: E731
    hi = lambda name: int(float(frame.loc[name, "high"]))  # noqa: E731
    for changes in (
        {"seed_offset": hi("seed_offset"), "n_smallest": lo("n_smallest"), "n_largest": hi("n_largest")},
        {"seed_offset": lo("seed_offset"), "n_smallest": hi("n_smallest"), "n_largest": lo("n_largest")},
    ):
        experiment.assert_sentences(experiment.run_experiment(params(**changes)))


def fake_results(skill_last=0.99, knowledge=0.0, outside_last=0.9, skill_first=0.5):
    return pd.DataFrame(
        {
            "replicate": [0, 0],
            "queries": [10, 100],
            "kept": [9, 90],
            "refused_topics": [2, 2],
            "skill_inside": [skill_first, skill_last],
            "knowledge_inside": [0.0, knowledge],
            "knowledge_outside": [0.1, outside_last],
        }
    )


def test_each_sentence_check_flips_and_is_named_when_it_fails():
    assert all(ok for ok, _ in experiment.sentence_checks(fake_results()).values())
    cases = {
        "skill_transfers": {"skill_last": 0.89},
        "refused_knowledge_stays_out": {"knowledge": 0.01},
        "shown_knowledge_learned": {"outside_last": 0.49},
        "skill_grows_with_queries": {"skill_first": 0.995},
    }
    for name, change in cases.items():
        checks = experiment.sentence_checks(fake_results(**change))
        assert not checks[name][0], name
        with pytest.raises(experiment.SentenceError, match=name):
            experiment.assert_sentences(fake_results(**change))


# --- open weights ------------------------------------------------------------------------------


def test_first_releases_keeps_the_earliest_before_the_cutoff():
    labs = pd.DataFrame({"lab": ["A", "B", "C"], "group": ["us-frontier", "china", "china"]})
    releases = pd.DataFrame(
        {
            "lab": ["A", "A", "B"],
            "model": ["a2", "a1", "b1"],
            "precision": ["day"] * 3,
            "released": pd.to_datetime(["2024-01-01", "2019-01-01", "2027-01-01"]),
        }
    )
    first = safety.first_releases(releases, labs, pd.Timestamp("2026-02-28"))
    assert first.set_index("lab").loc["A", "model"] == "a1"
    assert safety.labs_without_release(first) == ["B", "C"]  # B only after the cutoff


# --- ledger checks, pushed across their thresholds ----------------------------------------------


def test_paradox_verdict_flips_with_the_literature_and_the_safeguards(data_copy):
    result = run_check("safety_paradox.paradox_argument", data_copy)
    assert result.verdict == "misleading"
    assert result.numbers["distilled_studies"] == 1 and result.numbers["distilled_models"] == 6  # China Unicom
    # classifiers and ASL-3 measures; account enforcement protects the service, not users
    assert (result.numbers["safeguards_outside"], result.numbers["safeguards_total"]) == (2, 3)
    # the toy is an illustration: a distiller that learns nothing does not move the verdict
    for row_id, value in {"n_smallest": "3", "n_largest": "6", "n_points": "2", "answer_noise": "30"}.items():
        set_cell(data_copy.parent / "safety-paradox" / "parameters.csv", row_id, "default", value)
        set_cell(data_copy.parent / "safety-paradox" / "parameters.csv", row_id, "low", value)
    assert run_check("safety_paradox.paradox_argument", data_copy).verdict == "misleading"
    # every safety safeguard inside the model: still misleading, the distilled students lost safety
    for row_id in ("constitutional-classifiers", "asl3-deployment"):
        set_cell(data_copy.parent / "safety-paradox" / "safeguards.csv", row_id, "layer", "in-model")
    assert run_check("safety_paradox.paradox_argument", data_copy).verdict == "misleading"
    # ... and if that study had found no loss of safety, the argument would stand
    set_cell(data_copy.parent / "safety-paradox" / "findings.csv", "unicom-distilled", "safety_lost", "false")
    flipped = run_check("safety_paradox.paradox_argument", data_copy)
    assert (flipped.numbers["distilled_studies"], flipped.numbers["safeguards_outside"]) == (0, 0)
    assert flipped.verdict == "accurate"
    # account enforcement sits outside the model but is not a safety safeguard: no effect
    set_cell(data_copy.parent / "safety-paradox" / "safeguards.csv", "account-enforcement", "layer", "outside-model")
    assert run_check("safety_paradox.paradox_argument", data_copy).verdict == "accurate"
    set_cell(data_copy.parent / "safety-paradox" / "safeguards.csv", "asl3-deployment", "layer", "outside-model")
    assert run_check("safety_paradox.paradox_argument", data_copy).verdict == "misleading"


def test_only_lab_verdict_flips(data_copy):
    result = run_check("safety_paradox.only_lab_without_open_weights", data_copy)
    assert result.verdict == "accurate"
    assert result.numbers["labs_checked"] == 11 and result.numbers["labs_with_release"] == 11 - 1
    releases = data_copy.parent / "safety-paradox" / "open_weights.csv"
    set_cell(releases, "mistral-7b", "lab", "Alibaba")  # Mistral (Europe) left without a release
    assert run_check("safety_paradox.only_lab_without_open_weights", data_copy).verdict == "mostly-accurate"
    set_cell(releases, "xai-grok1", "lab", "Anthropic")  # Anthropic with a release, xAI without
    assert run_check("safety_paradox.only_lab_without_open_weights", data_copy).verdict == "inaccurate"


def test_others_open_verdict_flips_with_the_cutoff_and_the_chinese_count(data_copy):
    result = run_check("safety_paradox.others_released_open_models", data_copy)
    assert result.verdict == "accurate"
    # GPT-1 (June 2018) and BERT (November 2018) are the earliest releases found
    assert (result.numbers["openai_first_year"], result.numbers["google_first_year"]) == (2018, 2018)
    assert (result.numbers["openai_first_model"], result.numbers["google_first_model"]) == (
        "GPT-1",
        "BERT-Base and BERT-Large",
    )
    releases = data_copy.parent / "safety-paradox" / "open_weights.csv"
    for row_id in ("deepseek-coder", "alibaba-qwen", "zhipu-glm130b"):  # 5 - 3 = 2 Chinese labs left
        set_cell(releases, row_id, "released", "2026-06-01")
    assert run_check("safety_paradox.others_released_open_models", data_copy).verdict == "mostly-accurate"
    set_cell(data_copy.parent / "ledger" / "claims.csv", "safety-others-open", "as_of", "2019-01-01")
    assert run_check("safety_paradox.others_released_open_models", data_copy).verdict == "inaccurate"


def test_deepseek_methods_verdict_flips_when_a_search_finds_the_paper(data_copy):
    result = run_check("safety_paradox.deepseek_methods_paper", data_copy)
    assert result.verdict == "unsupported"
    # three searches recorded; the third looked for the video's summary, not the paper: two count
    assert (result.numbers["searches"], result.numbers["searches_recorded"], result.numbers["searches_found"]) == (
        2,
        3,
        0,
    )
    set_cell(data_copy.parent / "ledger" / "searches.csv", "sp-deepseek-1", "found", "true")
    assert run_check("safety_paradox.deepseek_methods_paper", data_copy).verdict == "accurate"
    set_cell(data_copy.parent / "ledger" / "searches.csv", "sp-deepseek-1", "found", "false")
    set_cell(data_copy.parent / "ledger" / "searches.csv", "sp-deepseek-2", "claim_id", "safety-only-lab")
    with pytest.raises(LedgerError, match="unsupported needs at least 2 distinct searches"):
        run_check("safety_paradox.deepseek_methods_paper", data_copy)


def test_normal_equations_equal_the_explicit_product():
    rng = np.random.default_rng(1)
    x, items, y = rng.normal(size=(7, 3)), np.array([0, 2, 2, 1, 0, 2, 3]), rng.normal(size=7)
    full = experiment.features(x, items, 5)  # item 4 never asked
    gram, moment = experiment.normal_equations(x, items, y, 5)
    np.testing.assert_allclose(gram, full.T @ full)
    np.testing.assert_allclose(moment, full.T @ y)
    assert gram[3 + 2, 3 + 2] == 3  # item 2 asked three times
