"""The safety-paradox experiment (its pieces by hand, and its outcome as a consequence of its
assumptions), the page's figures and word choices, the open-weight helpers and the ledger checks of
the article's section 3 (each pushed across its rule's threshold)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from conftest import read_csv, set_cell
from distillbook.chapters import safety_paradox as safety
from distillbook.chapters.safety_paradox import experiment
from distillbook.core.ledger import LedgerError, run_check


def params(**changes) -> experiment.Params:
    frame = pd.DataFrame(read_csv("safety-paradox/parameters.csv"))
    return experiment.parameter_table(frame).with_(**changes)


def ranges() -> pd.DataFrame:
    return pd.DataFrame(read_csv("safety-paradox/parameters.csv")).set_index("id")


# --- small pure functions, by hand -------------------------------------------------------------


def test_query_grid_is_log_spaced_by_hand():
    assert experiment.query_grid(10, 1000, 3) == [10, 100, 1000]  # 10 * 10 = 100, 100 * 10 = 1000
    assert experiment.query_grid(20, 20_000, 4) == [20, 200, 2000, 20_000]  # ratio (20000/20)^(1/3) = 10
    with pytest.raises(ValueError):
        experiment.query_grid(100, 10, 3)


def test_share_grid_by_hand():
    assert experiment.share_grid(0, 1, 0.25) == [0, 0.25, 0.5, 0.75, 1]
    assert experiment.share_grid(0, 1) == [round(i / 10, 6) for i in range(11)]  # steps of a tenth
    with pytest.raises(ValueError):
        experiment.share_grid(1, 0)


def test_variance_explained_by_hand():
    # 1 - ((1-1)^2 + (2-3)^2) / (1^2 + 3^2) = 1 - 1/10
    assert experiment.variance_explained(np.array([1.0, 2.0]), np.array([1.0, 3.0])) == pytest.approx(0.9)
    # answering zero scores exactly zero; answering the negative scores 1 - 4 = -3
    assert experiment.variance_explained(np.zeros(2), np.array([1.0, 3.0])) == 0.0
    assert experiment.variance_explained(np.array([-1.0, -3.0]), np.array([1.0, 3.0])) == pytest.approx(-3.0)


def test_ridge_leaves_a_never_seen_column_at_exactly_zero():
    x = np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])  # second column never non-zero
    y = np.array([2.0, 4.0, 6.0])
    coef = experiment.fit_ridge(x.T @ x, x.T @ y, 0.001)
    assert coef[1] == 0.0
    assert coef[0] == pytest.approx(2 * 14 / (14 + 0.001))  # x'y = 28, x'x = 14


def test_parameter_table_reads_defaults_and_ends():
    frame = pd.DataFrame(read_csv("safety-paradox/parameters.csv"))
    p = experiment.parameter_table(frame)
    assert isinstance(p.refused_topics, int) and isinstance(p.answer_noise, float)
    assert isinstance(p.shared_skill, float) and 0 <= p.shared_skill <= 1
    assert p.items == p.topics * p.items_per_topic
    assert p.unknowns == p.skill_dims + p.topics * p.items_per_topic
    low = experiment.parameter_table(frame, "low")
    assert low.seed_offset == 0 and low.refused_topics >= 1 and low.shared_skill == 0


def test_expected_answers_kept_by_hand():
    p = params(topics=20, refused_topics=6)
    assert experiment.expected_answers_kept(200, p) == pytest.approx(140)  # 200 x (1 - 6/20)


def test_the_smallest_query_count_keeps_more_answers_than_unknowns_at_every_region_size():
    frame = ranges()
    p = params()
    largest = int(float(frame.loc["refused_topics", "high"]))
    for end in ("low", "high"):
        smallest = int(float(frame.loc["n_smallest", end]))
        # e.g. 160 x (1 - 6/20) = 112 answers kept > 8 + 20 x 5 = 108 unknowns
        assert smallest * (1 - largest / p.topics) > p.unknowns, end
    # queries sent above the unknowns are not enough when the refused share is dropped: 110 x 0.7 = 77
    with pytest.raises(ValueError, match="must keep more than the student's unknowns"):
        experiment.run_experiment(p.with_(n_smallest=p.unknowns + 2, refused_topics=largest, replicates=1))


def test_features_one_hot_by_hand():
    f = experiment.features(np.array([[0.5, -1.0]]), np.array([2]), 4)
    assert f.tolist() == [[0.5, -1.0, 0.0, 0.0, 1.0, 0.0]]


def test_normal_equations_equal_the_explicit_product():
    rng = np.random.default_rng(1)
    x, items, y = rng.normal(size=(7, 3)), np.array([0, 2, 2, 1, 0, 2, 3]), rng.normal(size=7)
    full = experiment.features(x, items, 5)  # item 4 never asked
    gram, moment = experiment.normal_equations(x, items, y, 5)
    np.testing.assert_allclose(gram, full.T @ full)
    np.testing.assert_allclose(moment, full.T @ y)
    assert gram[3 + 2, 3 + 2] == 3  # item 2 asked three times


def tiny_world() -> experiment.World:
    """One skill input; item 0 refused, item 1 not; outside rule 2, unshared part 1."""
    return experiment.World(
        w=np.array([2.0]),
        v=np.array([1.0]),
        centres=np.zeros((2, 1)),
        item_topic=np.array([0, 1]),
        knowledge=np.array([1.0, 0.5]),
        refused=np.array([True, False]),
    )


def test_the_inside_rule_by_hand():
    world = tiny_world()
    assert world.rule_inside(1.0).tolist() == [2.0]
    assert world.rule_inside(0.0).tolist() == [1.0]
    assert world.rule_inside(0.6) == pytest.approx([0.6 * 2 + 0.8 * 1])  # sqrt(1 - 0.36) = 0.8
    with pytest.raises(ValueError):
        world.rule_inside(1.5)


def test_scores_by_hand():
    world = tiny_world()
    coef = np.array([2.0, 0.0, 0.5])  # learned rule 2; item 0 never seen (0), item 1 learned exactly
    test_x, test_items = np.array([[1.0], [2.0]]), np.array([0, 0])
    full = experiment.scores(world, coef, test_x, test_items, 1.0)
    assert full["skill_inside"] == pytest.approx(1.0)
    # whole answers: truth 2 + 1 = 3 and 4 + 1 = 5, student 2 and 4: 1 - (1 + 1) / (9 + 25)
    assert full["answers_inside"] == pytest.approx(1 - 2 / 34)
    assert full["knowledge_inside"] == 0.0  # 1 - (0 - 1)^2 / 1^2
    assert full["knowledge_outside"] == 1.0
    # nothing shared: the rule inside is 1, the student applies 2: 1 - (1 + 4) / (1 + 4) = 0
    assert experiment.scores(world, coef, test_x, test_items, 0.0)["skill_inside"] == pytest.approx(0.0)


def test_the_refused_answers_and_so_the_fit_do_not_depend_on_the_share():
    p = params()
    world = experiment.make_world(p, np.random.default_rng(3))
    x, items = experiment.draw_queries(world, 500, np.random.default_rng(4))
    none, refused = experiment.teacher_answers(world, x, items, p.answer_noise, 0.0, np.random.default_rng(5))
    every, _ = experiment.teacher_answers(world, x, items, p.answer_noise, 1.0, np.random.default_rng(5))
    assert refused.any() and np.isnan(none[refused]).all()
    np.testing.assert_array_equal(none[~refused], every[~refused])


# --- the experiment: its outcome follows from its assumptions ----------------------------------


def test_experiment_is_deterministic_and_refused_knowledge_is_zero_by_construction():
    p = params(n_largest=2000, n_points=4, replicates=2)
    first, second = experiment.run_experiment(p), experiment.run_experiment(p)
    pd.testing.assert_frame_equal(first, second)
    assert (first["knowledge_inside"] == 0.0).all()
    assert len(first) == 2 * 4  # 2 replicates x 4 query counts, one share
    other = experiment.run_experiment(p.with_(seed_offset=p.seed_offset + 1))
    assert not np.allclose(first["skill_inside"], other["skill_inside"])


def test_the_skill_score_is_set_by_the_share_of_skill_in_common():
    p = params(n_points=3, replicates=3)
    results = experiment.run_experiment(p, [0.0, 0.5, 1.0])
    final = experiment.final_by_share(results, p.refused_topics).set_index("shared")
    # a student that can represent the rule learns it exactly outside: with all of it shared, it
    # reproduces the skill inside in every world
    assert final.loc[1.0, "skill_inside_min"] > 0.99
    # with nothing shared it applies the wrong rule: worse than saying nothing on average
    assert final.loc[0.0, "skill_inside_mean"] < 0
    assert final["skill_inside_mean"].is_monotonic_increasing
    # the refused items' own values are missing, so the whole answers are never fully reproduced
    assert final.loc[1.0, "answers_inside_max"] < 1


def headline_at(**changes) -> dict:
    p = params(**changes)
    frame = ranges()
    shares = experiment.share_grid(float(frame.loc["shared_skill", "low"]), float(frame.loc["shared_skill", "high"]))
    results = experiment.run_region_sizes(p, [p.refused_topics], shares)
    return experiment.headline(results, p, (shares[0], shares[-1]))


def test_the_pages_sentences_can_be_written_at_both_ends_of_the_seed_query_and_share_ranges():
    frame = ranges()
    lo = lambda name: float(frame.loc[name, "low"])  # noqa: E731
    hi = lambda name: float(frame.loc[name, "high"])  # noqa: E731
    for changes in (
        {"seed_offset": int(hi("seed_offset")), "n_smallest": int(lo("n_smallest")), "n_largest": int(hi("n_largest"))},
        {"seed_offset": int(lo("seed_offset")), "n_smallest": int(hi("n_smallest")), "n_largest": int(lo("n_largest"))},
        {"shared_skill": lo("shared_skill")},
        {"shared_skill": hi("shared_skill")},
    ):
        figures = headline_at(**changes)
        assert 0 < figures["breakeven"] < 1, changes  # the skill score crosses zero inside the range
        assert figures["skill_trend"] in {"rises", "falls", "stays"}
        assert figures["knowledge_inside_max"] == 0.0
        assert figures["skill_share_low"] < 0 < figures["skill_share_high"], changes


def test_zero_crossing_by_hand():
    # from -0.5 at 0.5 to 0.5 at 1: zero halfway, at 0.75
    assert experiment.zero_crossing([0, 0.5, 1], [-1, -0.5, 0.5]) == pytest.approx(0.75)
    assert experiment.zero_crossing([1, 0], [1, -1]) == pytest.approx(0.5)  # order of the shares does not matter
    assert experiment.zero_crossing([0, 1], [0.2, 0.9]) is None
    with pytest.raises(experiment.SentenceError):
        experiment.breakeven_share(pd.DataFrame({"shared": [0, 1], "skill_inside_mean": [0.2, 0.9]}))


def test_words_for_the_result():
    assert experiment.trend(0.4, 0.6) == "rises"
    assert experiment.trend(0.6, 0.4) == "falls"
    assert experiment.trend(0.5, 0.5) == "stays"
    assert experiment.against_silence(0.3) == "better than"
    assert experiment.against_silence(-0.3) == "worse than"
    assert experiment.against_silence(0.0) == "no better than"
    assert experiment.reproduction(0.48) == "only partly reproduced"
    assert experiment.reproduction(-0.1) == "not reproduced"
    assert experiment.reproduction(0.0) == "not reproduced"
    assert experiment.reproduction(1.0) == "reproduced"
    assert experiment.against_reference(0.5, 0.99) == "below"
    assert experiment.against_reference(1.0, 0.99) == "level with or above"


def test_shared_variance_is_the_correlation_squared():
    assert experiment.shared_variance(0.7) == pytest.approx(0.49)  # 0.7 x 0.7
    assert experiment.shared_variance(0.9) == pytest.approx(0.81)
    assert experiment.shared_variance(1.0) == 1.0


def test_the_chart_descriptions_follow_the_figures():
    below = experiment.experiment_description({"skill_last": 0.6, "answers_last": 0.48, "outside_last": 0.99})
    assert "skill score inside the refused region ends below" in below and "region ends below it" in below
    level = experiment.experiment_description({"skill_last": 1.0, "answers_last": 0.6, "outside_last": 0.99})
    assert "ends level with or above the reference line" in level
    flatter = pd.DataFrame({"shared": [0.0, 1.0], "skill_inside_mean": [-2.0, 1.0], "answers_inside_mean": [-1.0, 0.6]})
    experiment.require_whole_answers_flatter(flatter)
    with pytest.raises(experiment.SentenceError):
        experiment.require_whole_answers_flatter(flatter.assign(answers_inside_mean=[-3.0, 0.6]))
    with pytest.raises(experiment.SentenceError):
        experiment.require_whole_answers_flatter(flatter.assign(answers_inside_mean=[-1.0, 1.0]))


def test_chart_frames_keep_the_values_and_name_the_scores():
    summary = pd.DataFrame(
        {
            "refused_topics": [2],
            "shared": [0.9],
            "queries": [200],
            **{f"{m}_{s}": [v] for m in experiment.METRICS for s, v in (("mean", 0.5), ("min", -1.5), ("max", 0.8))},
        }
    )
    frame = experiment.chart_frame(summary)
    assert sorted(frame["score"]) == ["answers", "shown", "skill"]
    assert (frame["low"] == -1.5).all()  # the data keep values below the chart's floor
    shown = experiment.table_frame(frame)
    assert set(shown["score"]) == set(experiment.METRIC_LABELS.values())


# --- the page's figures ------------------------------------------------------------------------


def test_capability_readings_by_hand():
    findings = pd.DataFrame(
        {
            "id": ["filtering-cbrn", "deep-ignorance", "elicitation-chem", "cyber-campaign", "jones"],
            "kind": [
                "capability-without-refusal",
                "capability-without-refusal",
                "elicitation",
                "refusal-bypass",
                "misuse-without-malicious-output",
            ],
            "value": [33.0, 100.0, 40.0, 80.0, float("nan")],
            "bypass": [None, None, None, True, None],
        }
    )
    # kept: 1 - 33% = 0.67 and 1 - 100% = 0; gained: 40% as it is; other kinds are not read
    assert safety.capability_readings(findings) == {
        "filtering-cbrn": pytest.approx(0.67),
        "deep-ignorance": 0.0,
        "elicitation-chem": pytest.approx(0.4),
    }
    assert safety.direct_share(findings) == pytest.approx(0.4)
    # a second direct study finding less lowers the reading: the smallest counts
    more = pd.concat(
        [findings, pd.DataFrame({"id": ["other"], "kind": ["elicitation"], "value": [10.0], "bypass": [None]})]
    )
    assert safety.direct_share(more) == pytest.approx(0.1)
    assert safety.safeguard_bypasses(findings) == 1
    with pytest.raises(LedgerError, match="no direct measurement"):
        safety.direct_share(findings[findings["kind"] != "elicitation"])


def frame_of(name: str) -> pd.DataFrame:
    frame = pd.DataFrame(read_csv(name))
    for column in ("examples", "cost_usd_max", "gpus", "models_tested", "value", "comparison"):
        if column in frame:
            frame[column] = pd.to_numeric(frame[column])
    return frame


def test_literature_numbers_from_the_data():
    rows = {row["id"]: row for row in read_csv("safety-paradox/findings.csv")}
    students = pd.DataFrame(read_csv("safety-paradox/distilled_students.csv"))
    frame = frame_of("safety-paradox/findings.csv")
    removal = [r for r in rows.values() if r["kind"] == "removal"]
    numbers = safety.removal_numbers(frame)
    assert numbers["removal_no_cost"] == sum(r["cost_usd_max"] == "" for r in removal) == 1  # Arditi et al.
    assert numbers["lora_refusal"] == pytest.approx(0.01)  # "about 1%"
    students_numbers = safety.student_numbers(frame, students)
    assert students_numbers["students"] == 6 and students_numbers["students_from_base"] == 5  # one Instruct base
    assert students_numbers["caisi_us"] == pytest.approx(0.08)
    assert students_numbers["caisi_hijack"] == 12  # "12 times more likely"
    capability = safety.capability_numbers(frame)
    assert capability["filter_kept"] == pytest.approx(1 - float(rows["filtering-cbrn"]["value"]) / 100)
    assert capability["elicit_share"] == pytest.approx(0.4)  # "approximately 40% of the capability gap"
    assert (capability["campaign_low"], capability["campaign_high"]) == (pytest.approx(0.8), pytest.approx(0.9))
    assert safety.classifier_numbers(frame)["cc_demo_jailbreaks"] == 1


def test_safeguard_counts_by_hand():
    frame = pd.DataFrame(
        {
            "protects": ["harmful-content", "harmful-content", "harmful-content", "service"],
            "layer": ["in-model", "outside-model", "outside-model", "outside-model"],
        }
    )
    assert safety.safeguard_counts(frame) == {"total": 3, "inside": 1, "outside": 2, "service": 1}


def test_only_anthropic_without_a_release_is_guarded():
    ok = pd.DataFrame({"lab": ["Anthropic", "OpenAI"], "released": [pd.NaT, pd.Timestamp("2019-02-14")]})
    safety.require_only_anthropic_without(ok)
    with pytest.raises(safety.SentenceError):
        safety.require_only_anthropic_without(ok.assign(released=pd.NaT))


# --- open weights ------------------------------------------------------------------------------


def test_first_and_latest_releases_before_the_cutoff():
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
    latest = safety.latest_releases(releases, pd.Timestamp("2026-02-28"))
    assert latest.loc["A", "model"] == "a2" and latest.loc["A", "shown"] == "January 2024"
    assert "B" not in latest.index


# --- ledger checks, pushed across their thresholds ----------------------------------------------


def test_paradox_rule_by_hand():
    assert safety.paradox_verdict(0.2, 0) == "misleading"  # a fifth is material: misleading
    assert safety.paradox_verdict(0.19, 2) == "mostly-accurate"
    assert safety.paradox_verdict(0.19, 0) == "accurate"


def test_paradox_verdict_moves_with_the_evidence(data_copy):
    result = run_check("safety_paradox.paradox_argument", data_copy)
    assert result.verdict == "misleading"
    # the direct study: about 40%; the range from Deep Ignorance (1 - 100% = 0) to filtering (1 - 33% = 0.67)
    assert result.numbers["direct_share"] == pytest.approx(0.4)
    assert (result.numbers["share_low"], result.numbers["share_high"]) == (0.0, pytest.approx(0.67))
    # the demo's universal jailbreak and the campaign Anthropic calls a jailbreak
    assert result.numbers["bypasses"] == 2 and result.numbers["universal_jailbreaks"] == 1
    sensitivity = result.sensitivity[0]
    assert (sensitivity.verdict_at_low, sensitivity.verdict_at_high) == ("mostly-accurate", "misleading")
    assert result.numbers["low_verdict"] == "mostly accurate"
    assert sensitivity.breakeven.value == pytest.approx(0.2, abs=1e-4) and sensitivity.breakeven.inside
    findings = data_copy.parent / "safety-paradox" / "findings.csv"
    # the toy is an illustration: a distiller that learns nothing does not move the verdict
    parameters = data_copy.parent / "safety-paradox" / "parameters.csv"
    set_cell(parameters, "shared_skill", "default", "0")
    assert run_check("safety_paradox.paradox_argument", data_copy).verdict == "misleading"
    # neither do the distilled-students study nor the size of the campaign's share
    set_cell(findings, "unicom-distilled", "safety_lost", "false")
    set_cell(findings, "cyber-campaign", "value", "0")
    assert run_check("safety_paradox.paradox_argument", data_copy).verdict == "misleading"
    # independent counter-evidence can move it: the direct share at exactly a fifth, then just under
    set_cell(findings, "elicitation-chem", "value", "20")
    assert run_check("safety_paradox.paradox_argument", data_copy).verdict == "misleading"
    set_cell(findings, "elicitation-chem", "value", "19")
    assert run_check("safety_paradox.paradox_argument", data_copy).verdict == "mostly-accurate"
    # Anthropic's own filtering figure, however high, is a reading of the range, not the rule's input
    set_cell(findings, "filtering-cbrn", "value", "0")
    assert run_check("safety_paradox.paradox_argument", data_copy).verdict == "mostly-accurate"
    # with no bypass on record the premise holds in full
    set_cell(findings, "classifier-demo", "bypass", "false")
    assert run_check("safety_paradox.paradox_argument", data_copy).verdict == "mostly-accurate"
    set_cell(findings, "cyber-campaign", "bypass", "false")
    assert run_check("safety_paradox.paradox_argument", data_copy).verdict == "accurate"


def test_only_lab_verdict_flips(data_copy):
    result = run_check("safety_paradox.only_lab_without_open_weights", data_copy)
    assert result.verdict == "accurate"
    assert result.numbers["labs_checked"] == 11 and result.numbers["labs_with_release"] == 11 - 1
    releases = data_copy.parent / "safety-paradox" / "open_weights.csv"
    set_cell(releases, "mistral-7b", "lab", "Alibaba")  # Mistral (Europe) left without a release
    assert run_check("safety_paradox.only_lab_without_open_weights", data_copy).verdict == "mostly-accurate"
    set_cell(releases, "xai-grok1", "lab", "Anthropic")  # Anthropic with a release, xAI without
    assert run_check("safety_paradox.only_lab_without_open_weights", data_copy).verdict == "inaccurate"


def test_others_open_verdict_flips_and_leads_with_current_releases(data_copy):
    result = run_check("safety_paradox.others_released_open_models", data_copy)
    assert result.verdict == "accurate"
    # the releases the article means: gpt-oss (5 August 2025) and Gemma 3 (12 March 2025)
    assert (result.numbers["openai_latest_model"], result.numbers["openai_latest_date"]) == (
        "gpt-oss-120b and gpt-oss-20b",
        "August 2025",
    )
    assert (result.numbers["google_latest_model"], result.numbers["google_latest_date"]) == (
        "Gemma 3",
        "March 2025",
    )
    # GPT-1 (June 2018) and BERT (November 2018) are the earliest releases found
    assert (result.numbers["openai_first_year"], result.numbers["google_first_year"]) == (2018, 2018)
    releases = data_copy.parent / "safety-paradox" / "open_weights.csv"
    for row_id in ("deepseek-coder", "alibaba-qwen", "zhipu-glm130b"):  # 5 - 3 = 2 Chinese labs left
        set_cell(releases, row_id, "released", "2026-06-01")
    assert run_check("safety_paradox.others_released_open_models", data_copy).verdict == "mostly-accurate"
    set_cell(data_copy.parent / "ledger" / "claims.csv", "safety-others-open", "as_of", "2019-01-01")
    assert run_check("safety_paradox.others_released_open_models", data_copy).verdict == "inaccurate"


def test_deepseek_methods_verdict_flips_when_a_search_finds_the_paper(data_copy):
    result = run_check("safety_paradox.deepseek_methods_paper", data_copy)
    assert result.verdict == "unsupported"
    # nine searches recorded; the video summary, the 2025 paper and the public fork looked for other documents
    assert (result.numbers["searches"], result.numbers["searches_recorded"], result.numbers["searches_found"]) == (
        9 - 3,
        9,
        0,
    )
    searches = data_copy.parent / "ledger" / "searches.csv"
    set_cell(searches, "sp-deepseek-1", "found", "true")
    assert run_check("safety_paradox.deepseek_methods_paper", data_copy).verdict == "accurate"
    set_cell(searches, "sp-deepseek-1", "found", "false")
    for row_id in ("sp-deepseek-2", "sp-deepseek-4", "sp-deepseek-5", "sp-deepseek-8", "sp-deepseek-9"):
        set_cell(searches, row_id, "claim_id", "safety-only-lab")
    with pytest.raises(LedgerError, match="unsupported needs at least 2 distinct searches"):
        run_check("safety_paradox.deepseek_methods_paper", data_copy)


def test_search_counts_from_the_data():
    frame = pd.DataFrame(read_csv("ledger/searches.csv"))
    frame["found"] = frame["found"] == "true"
    assert safety.search_counts(frame, "safety-deepseek-methods") == {
        "recorded": 9,
        "counted": 6,
        "found": 0,
        # five counted searches ran in stored web pages, one in code repositories
        "places": "stored copies of public web pages and the files of public code repositories",
    }


def test_joined_by_hand():
    assert safety.joined(["a"]) == "a"
    assert safety.joined(["a", "b"]) == "a and b"
    assert safety.joined(["a", "b", "c"]) == "a, b and c"


def test_the_experiment_figures_are_fractions_and_counts():
    figures = headline_at()
    assert all(isinstance(v, (int, float, str)) for v in figures.values())
    assert -math.inf < figures["skill_last_low"] <= figures["skill_last"] <= figures["skill_last_high"] <= 1
    assert figures["answers_full_low"] <= figures["answers_full_high"] < 1
