"""The definitions chapter: event order, signals, uses of the term, volumes in trajectories, targets
and tokens, chart descriptions, and the checks of the article's section 1.

Expectations are computed by hand here; each check is pushed across its rule's threshold with a
private copy of data/ and must change its verdict."""

from __future__ import annotations

import pandas as pd
import pytest

import distillbook.chapters.checks  # noqa: F401 - every check, so that the whole ledger runs
from conftest import set_cell
from distillbook.chapters import definitions as d
from distillbook.core.ledger import LedgerError, run_check, run_ledger
from distillbook.core.params import Range


def timeline(**dates: str) -> pd.DataFrame:
    rows = {"o1-hidden": "2024-09-12", "r1-release": "2025-01-20", "openai-distill-claim": "2025-01-29"}
    rows.update(dates)
    return pd.DataFrame(
        {
            "id": list(rows),
            "date": pd.to_datetime(list(rows.values())),
            "actor": ["OpenAI", "DeepSeek", "OpenAI"],
            "kind": "reasoning-release",
            "label": ["o1 hides", "R1 out", "OpenAI alleges"],
            "source_id": ["a", "b", "a"],
        }
    )


def allegation() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "lab": ["DeepSeek", "Moonshot", "MiniMax"],
            "quantity": "exchanges",
            "value": [150_000.0, 3_400_000.0, 13_000_000.0],
        }
    )


# --- pure functions ---------------------------------------------------------------------------


def test_event_order_is_computed_from_the_dates():
    frame = d.event_order(timeline())
    assert list(frame["id"]) == ["o1-hidden", "r1-release", "openai-distill-claim"]
    assert list(frame["rank"]) == [1, 2, 3]
    # 12 Sep 2024 -> 20 Jan 2025: rest of September, October, November, December, 20 days of January
    assert frame["days_from_first"].iloc[1] == 18 + 31 + 30 + 31 + 20  # 130
    assert frame["days_from_first"].iloc[2] == 130 + 9
    moved = d.event_order(timeline(**{"o1-hidden": "2025-02-01"}))
    assert list(moved["id"]) == ["r1-release", "openai-distill-claim", "o1-hidden"]


def test_days_between_is_signed():
    assert d.days_between(pd.Timestamp("2026-02-12"), pd.Timestamp("2026-02-23")) == 23 - 12
    assert d.days_between(pd.Timestamp("2026-02-23"), pd.Timestamp("2026-02-12")) == -(23 - 12)


def test_order_table_shows_each_sources_reliability():
    sources = pd.DataFrame({"id": ["a", "b"], "reliability": ["primary", "secondary"]})
    frame = d.order_table(timeline(), sources)
    assert list(frame["source"]) == ["primary", "secondary", "primary"]
    assert list(frame["days"]) == ["0", "130", "139"]


def test_timeline_description_follows_the_order():
    text = d.timeline_description(timeline())
    assert "The first event is OpenAI's: o1 hides." in text
    assert "comes months before DeepSeek-R1" in text
    moved = d.timeline_description(timeline(**{"o1-hidden": "2025-02-01"}))
    assert "The first event is DeepSeek's: R1 out." in moved
    assert "comes not before DeepSeek-R1" in moved


def test_trajectories_divide_exchanges_by_the_assumption():
    assert d.trajectories(150_000, 50) == 150_000 / 50 == 3_000
    assert d.trajectories(13_000_000, 1) == 13_000_000
    with pytest.raises(ValueError):
        d.trajectories(1, 0)


def test_lab_trajectory_range_by_hand():
    labs = d.lab_trajectory_range(allegation(), Range(10.0, 1.0, 50.0)).set_index("lab")
    assert labs.loc["DeepSeek", "fewest"] == 150_000 / 50 == 3_000
    assert labs.loc["Moonshot", "central"] == 3_400_000 / 10 == 340_000
    assert labs.loc["MiniMax", "most"] == 13_000_000 / 1


def test_output_tokens_and_the_break_even_length_by_hand():
    tokens = d.lab_token_range(allegation(), Range(1_000.0, 200.0, 4_000.0)).set_index("lab")
    assert tokens.loc["DeepSeek", "tokens_low"] == 150_000 * 200 == 30_000_000
    assert tokens.loc["MiniMax", "tokens_high"] == 13_000_000 * 4_000 == 52_000_000_000
    # DeepSeek's default tokens spread over R1's 800,000 samples: 150,000,000 / 800,000 = 187.5 each
    assert d.tokens_per_example_to_match(150_000 * 1_000, 800_000) == 187.5
    assert d.three_figures(187.5) == 188.0
    assert d.three_figures(123_456) == 123_000
    with pytest.raises(ValueError):
        d.tokens_per_example_to_match(1, 0)
    with pytest.raises(ValueError):
        d.output_tokens(1, -1)


def test_count_smaller_position_and_words():
    sizes = pd.DataFrame({"examples": [817, 1_000, 17_000, 800_000]})
    assert d.count_smaller(sizes, 3_000) == 2  # 817 and 1,000
    assert d.count_smaller(sizes, 150_000) == 3
    assert d.position_in_range(800_000, 260_000, 13_000_000) == "inside"
    assert d.position_in_range(800_000, 1_000_000, 13_000_000) == "below"
    assert d.position_in_range(800_000, 1_000, 500_000) == "above"
    assert d.larger_everywhere(3_000, [817, 1_000]) == "larger than both at every point of the range"
    assert d.larger_everywhere(900, [817, 1_000]) == "not larger than both at every point of the range"


def test_volume_numbers_by_hand():
    datasets = pd.DataFrame(
        {
            "id": ["limo", "s1k", "bespoke-stratos", "r1-distill", "lima", "openthoughts3", "orca"],
            "name": ["LIMO", "s1K", "Bespoke", "R1 set", "LIMA", "OpenThoughts3", "Orca"],
            "examples": [817, 1_000, 17_000, 800_000, 1_000, 1_200_000, 6_000_000],
            "generated": [None, 59_000, None, None, None, None, None],
            "metric_value": [63.3, 57.0, 63.3, 72.6, 43.0, 53.0, 42.0],
            "teacher_kind": ["stronger model"] * 4 + ["human-curated"] + ["stronger model"] * 2,
        }
    )
    per_trajectory, tokens = Range(10.0, 1.0, 50.0), Range(1_000.0, 200.0, 4_000.0)
    labs = d.lab_trajectory_range(allegation(), per_trajectory)
    values = d.volume_numbers(datasets, labs, d.lab_token_range(allegation(), tokens), per_trajectory, tokens)
    assert values["traj_central_deepseek"] == 15_000
    assert values["exchanges_deepseek"] == 150_000
    assert values["mtokens_high_minimax"] == 13_000_000 * 4_000 / 1_000_000 == 52_000
    assert values["teacher_sets_total"] == 6  # LIMA is written by people
    assert values["teacher_sets_below_deepseek_fewest"] == 2  # 3,000 beats LIMO and s1K
    assert values["teacher_sets_below_deepseek_most"] == 3  # 150,000 beats LIMO, s1K and Bespoke
    assert values["largest_teacher_set"] == 6_000_000 and values["largest_teacher_name"] == "Orca"
    assert values["teacher_sets_above_r1"] == 2  # OpenThoughts3 and Orca are larger than R1's set
    assert values["deepseek_most_share_orca"] == pytest.approx(150_000 / 6_000_000)  # 2.5%
    assert values["deepseek_most_share_openthoughts3"] == pytest.approx(0.125)  # 150,000 of 1.2 million
    # s1 asked Gemini 59,000 questions: 150,000 is about 2.5 such pools, 15,000 about a quarter of one
    assert values["generated_s1k"] == 59_000
    assert values["deepseek_most_vs_s1k_pool"] == pytest.approx(150_000 / 59_000)
    assert values["deepseek_central_share_s1k_pool"] == pytest.approx(15_000 / 59_000)
    assert values["deepseek_central_share_r1"] == pytest.approx(15_000 / 800_000)
    assert values["r1_vs_moonshot"] == "inside"  # 68,000 <= 800,000 <= 3,400,000
    assert values["r1_vs_minimax"] == "inside"  # 260,000 <= 800,000 <= 13,000,000
    assert values["r1_match_high"] == 150_000 * 4_000 / 800_000 == 750
    assert values["s1k_match_low"] == 150_000 * 200 / 1_000 == 30_000
    assert values["deepseek_vs_smallest"] == "larger than both at every point of the range"


def test_volume_description_follows_the_data():
    datasets = pd.DataFrame({"examples": [817, 6_000_000], "teacher_kind": "stronger model"})
    labs = d.lab_trajectory_range(allegation(), Range(10.0, 1.0, 50.0))
    text = d.volume_description(labs, datasets)
    assert "DeepSeek's range overlaps" in text and "MiniMax's reaches past the largest set" in text
    bigger = pd.DataFrame({"examples": [817, 60_000_000], "teacher_kind": "stronger model"})
    assert "MiniMax's stays within the largest set" in d.volume_description(labs, bigger)


def test_signals_combine_this_chapters_detection_list_with_the_proxies_attribution_list():
    detection = pd.DataFrame(
        {
            "signal": ["volume", "repetition", "value"],
            "report_wording": ["a", "b", "c"],
            "outsider_check": ["no", "no", "partly"],
            "why": ["x", "y", "z"],
        }
    )
    attribution = pd.DataFrame(
        {
            "signal": ["IP", "staff", "payment"],
            "kind": ["attribution", "attribution", "coordination"],
            "lab": ["all three labs", "Moonshot", "DeepSeek"],
            "report_wording": ["d", "e", "f"],
            "public_part": ["p", "q", "r"],
            "indicators_published": [False, True, True],
        }
    )
    # the payment row links accounts, it does not tie them to a lab: counted apart
    assert d.signal_numbers(detection, attribution) == {
        "detection": 3,
        "detection_no": 2,
        "detection_partly": 1,
        "detection_yes": 0,
        "attribution": 2,
        "attribution_published": 1,
        "coordination": 1,
    }
    table = d.signals_table(detection, attribution)
    assert len(table) == 3 + 3
    assert table["check"].iloc[0] == "no, only Anthropic: x"
    assert table["check"].iloc[3] == "no indicators published; public: p"
    assert table["signal"].iloc[4] == "staff (Moonshot)"
    assert table["use"].tolist()[2:] == [
        "tells a campaign from ordinary use",
        "ties the traffic to a lab",
        "ties the traffic to a lab",
        "links accounts to one another",
    ]
    text = d.markdown_table(pd.DataFrame({"signal": ["a|b"]}), {"signal": "Signal"})
    assert text.splitlines() == ["| Signal |", "|---|", "| a\\|b |"]


def test_term_numbers_count_uses_before_the_report():
    uses = pd.DataFrame(
        {
            "date": pd.to_datetime(["2019-10-27", "2022-03-08", "2025-10-07", "2026-02-23", "2026-03-01"]),
            "exact_term": [False, False, True, True, True],
            "kind": ["academic", "academic", "academic", "anthropic-report", "academic"],
        }
    )
    assert d.term_numbers(uses) == {
        "works_before": 3,
        "exact_before": 1,
        "idea_only_before": 2,
        "first_year": 2019,
        "first_exact_year": 2025,
    }
    uses["id"] = ["a", "b", "c", "anthropic-2026", "e"]
    assert d.days_before_report(uses, "c") == (24 + 30 + 31 + 31 + 23)  # 7 Oct 2025 -> 23 Feb 2026: 139
    with pytest.raises(LedgerError):
        d.days_before_report(uses, "nobody")


def trace_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["s1k", "guide", "tune", "report", "cold", "grading", "late"],
            "date": pd.to_datetime(
                ["2025-01-31", "2025-01-20", "2025-08-29", "2026-02-23", "2025-01-22", "2026-02-23", "2026-03-01"]
            ),
            "use": ["distillation"] * 4 + ["reinforcement learning"] * 2 + ["distillation"],
            "reasoning_traces": [True, True, True, True, True, False, True],
            "others_traces": [True, False, True, True, False, True, True],
            "status": ["use", "statement", "use", "alleged", "use", "alleged", "use"],
            "description": ["a", "b", "c", "d", "e", "f", "g"],
            "source_id": ["p", "p", "s", "p", "p", "p", "p"],
        }
    )


def test_trace_use_counts_keep_uses_statements_and_allegations_apart():
    reliability = pd.Series({"p": "primary", "s": "secondary"})
    # documented uses of another's traces for distillation: s1K (primary) and the fine-tune
    # (secondary); the guide is a statement, the report an allegation, "late" is after the date
    assert d.trace_use_counts(trace_rows(), pd.Timestamp("2026-02-28"), reliability) == {
        "distillation_uses": 2,
        "distillation_primary": 1,
        "distillation_sources": 2,
        "rl_others": 0,
        "rl_own": 1,  # the cold start on a lab's own traces
        "alleged": 1,  # the report's elicitation; grading needs no traces
        "rl_without_traces": 1,
    }
    table = d.trace_table(trace_rows(), pd.DataFrame({"id": ["p", "s"], "reliability": ["primary", "secondary"]}))
    assert list(table["kind"]) == [
        "says traces serve it",
        "documents a use",
        "documents a use",
        "alleges a use",
        "documents a use",
        "documents a use",
        "alleges a use",
    ]
    assert table["whose"].iloc[0] == "its own model" and table["whose"].iloc[1] == "another organisation's model"
    header = d.trace_markdown(trace_rows(), pd.DataFrame({"id": ["p", "s"], "reliability": ["primary", "secondary"]}))
    assert header.splitlines()[0].startswith("| training | date | needs reasoning traces |")


def test_lab_qualifiers_accusation_volume_and_claude37_dates():
    frame = allegation()
    frame["qualifier"] = ["over", "over", "about"]
    assert d.lab_qualifiers(frame) == {"DeepSeek": "over", "Moonshot": "over", "MiniMax": "about"}
    accusations = pd.DataFrame({"id": ["google-gtig", "openai-memo"], "volume": [100_000.0, None]})
    assert d.accusation_volume(accusations, "google-gtig") == 100_000
    with pytest.raises(LedgerError):
        d.accusation_volume(accusations, "openai-memo")
    events = pd.DataFrame(
        {
            "id": ["claude-4-summaries", "claude-37-retired", "anthropic-report"],
            "date": pd.to_datetime(["2025-05-22", "2026-02-19", "2026-02-23"]),
        }
    )
    # 22 May 2025 -> 19 Feb 2026: 9 days of May, then June to January (245 days), then 19 of February
    assert d.claude37_numbers(events) == {
        "claude37_days_after_claude4": 9 + (30 + 31 + 31 + 30 + 31 + 30 + 31 + 31) + 19,
        "claude37_retired_days_before_report": 4,
    }


def test_methods_table_orders_by_year_and_says_what_is_needed():
    methods = pd.DataFrame(
        {
            "id": ["b", "a"],
            "year": [2015, 2006],
            "method": ["soft", "compression"],
            "teacher_signal": ["x", "y"],
            "teacher_probabilities": ["needed", "unknown"],
            "source_id": ["s", "s"],
        }
    )
    frame = d.methods_table(methods, pd.DataFrame({"id": ["s"], "reliability": ["primary"]}))
    assert list(frame["year"]) == [2006, 2015]
    assert list(frame["probabilities"]) == ["unknown", "needed"]
    text = d.methods_markdown(methods, pd.DataFrame({"id": ["s"], "reliability": ["primary"]}))
    assert text.splitlines()[2] == "| 2006 | compression | y | unknown | primary |"


# --- checks, pushed across their thresholds ---------------------------------------------------


def test_openai_hid_order_flips_when_the_decision_moves_after_the_accusation(data_copy):
    result = run_check("definitions.openai_hid_order", data_copy)
    assert result.verdict == "inaccurate"
    assert result.numbers == {"days_before_r1": 130, "days_before_claim": 130 + 9}
    set_cell(data_copy.parent / "definitions" / "timeline.csv", "o1-hidden", "date", "2025-02-01")
    moved = run_check("definitions.openai_hid_order", data_copy)
    # the order would then allow the story; no recorded search found a source for the motive
    assert moved.verdict == "unsupported"
    assert moved.numbers["days_before_r1"] == -12  # 1 Feb back to 20 Jan
    # a search that had found such a source would stop the build until the data recorded it
    set_cell(data_copy.parent / "ledger" / "searches.csv", "def-openai-hid-4", "found", "true")
    with pytest.raises(LedgerError, match="def-openai-hid"):
        run_check("definitions.openai_hid_order", data_copy)


def test_moving_a_date_past_another_fails_the_build_naming_the_claim(data_copy):
    run_ledger(data_copy)  # the ledger holds on the real data
    # o1's decision moved to the day after OpenAI's accusation: the two events swap order
    set_cell(data_copy.parent / "definitions" / "timeline.csv", "o1-hidden", "date", "2025-01-30")
    with pytest.raises(LedgerError, match="def-openai-hid"):
        run_ledger(data_copy)


def test_anthropic_first_visible_turns_on_the_stated_exception(data_copy):
    result = run_check("definitions.anthropic_first_visible", data_copy)
    assert result.verdict == "mostly-accurate"  # raw by default, harmful passages encrypted
    # 24 Feb -> 22 May 2025: rest of February (28 days), March, April, 22 days of May
    assert result.numbers["raw_days"] == (28 - 24) + 31 + 30 + 22  # 87
    assert result.numbers["summarised_share"] == pytest.approx(0.05)  # "about 5% of the time"
    # 22 May 2025 -> 19 Feb 2026, Claude 3.7 Sonnet still returning full thinking: 9 + 245 + 19 days
    assert result.numbers["raw_after_summaries_days"] == 9 + 245 + 19
    events = data_copy.parent / "definitions" / "timeline.csv"
    set_cell(events, "claude-37-visible", "exception", "")
    assert run_check("definitions.anthropic_first_visible", data_copy).verdict == "accurate"
    set_cell(events, "claude-4-summaries", "date", "2025-02-01")  # summaries before the raw launch
    assert run_check("definitions.anthropic_first_visible", data_copy).verdict == "inaccurate"


def test_anthropic_first_visible_flips_when_the_launch_showed_only_a_summary(data_copy):
    set_cell(data_copy.parent / "definitions" / "timeline.csv", "claude-37-visible", "reasoning_shown", "summary")
    assert run_check("definitions.anthropic_first_visible", data_copy).verdict == "inaccurate"


def test_labs_wary_counts_companies_that_guard_in_their_own_texts(data_copy):
    result = run_check("definitions.labs_wary", data_copy)
    assert result.verdict == "accurate"
    # OpenAI (o1 post), Google (threat report), Anthropic (report); Bloomberg's Microsoft story is about
    # OpenAI's outputs, so Microsoft guards nothing of its own; five events: o1 hidden, OpenAI's two
    # accusations, Google's report and Anthropic's
    assert result.numbers == {"labs_primary": 3, "labs_any": 3, "guarding_events": 5}
    events = data_copy.parent / "definitions" / "timeline.csv"
    set_cell(events, "gtig-report", "guards", "false")
    assert run_check("definitions.labs_wary", data_copy).verdict == "accurate"  # two still meet the plural
    set_cell(events, "anthropic-report", "guards", "false")
    assert run_check("definitions.labs_wary", data_copy).verdict == "mostly-accurate"  # OpenAI alone
    for event in ("o1-hidden", "openai-distill-claim", "openai-memo", "microsoft-exfiltration-report"):
        set_cell(events, event, "guards", "false")
    # nothing recorded, but recorded searches found support: the data must be completed first
    with pytest.raises(LedgerError, match="def-labs-wary"):
        run_check("definitions.labs_wary", data_copy)
    searches = data_copy.parent / "ledger" / "searches.csv"
    for row in (
        "def-labs-wary-1",
        "def-labs-wary-2",
        "def-labs-wary-5",
        "def-labs-wary-6",
        "def-labs-wary-7",
        "def-labs-wary-8",
    ):
        set_cell(searches, row, "found", "false")
    assert run_check("definitions.labs_wary", data_copy).verdict == "unsupported"


def test_traces_valuable_needs_another_companys_traces_in_both_kinds_of_training(data_copy):
    result = run_check("definitions.traces_valuable", data_copy)
    assert result.verdict == "mostly-accurate"
    # distillation: s1K from Gemini (primary) and the Claude 3.7 fine-tune (secondary); reinforcement
    # learning: only R1's cold start, on DeepSeek's own traces; alleged: Google's case and the report's two
    assert result.numbers == {
        "distillation_uses": 2,
        "distillation_primary": 1,
        "distillation_sources": 2,
        "rl_others": 0,
        "rl_own": 1,
        "alleged": 3,
        "rl_without_traces": 2,
    }
    uses = data_copy.parent / "definitions" / "trace_uses.csv"
    set_cell(uses, "r1-cold-start", "others_traces", "true")
    assert run_check("definitions.traces_valuable", data_copy).verdict == "accurate"
    set_cell(uses, "r1-cold-start", "date", "2026-03-01")  # a later source does not count
    assert run_check("definitions.traces_valuable", data_copy).verdict == "mostly-accurate"
    set_cell(uses, "s1k-gemini-traces", "status", "statement")  # then only a secondary use remains
    with pytest.raises(LedgerError, match="def-traces-valuable"):  # searches found support
        run_check("definitions.traces_valuable", data_copy)


def test_term_coined_depends_on_dated_primary_uses(data_copy):
    result = run_check("definitions.term_coined", data_copy)
    assert result.verdict == "inaccurate"
    # Huang and others, second version, 31 Jan 2025 -> 23 Feb 2026: a year (365 days) and 23 days
    assert result.numbers["days_before"] == 365 + 23
    assert result.numbers["earlier_uses"] == 2  # Huang and others' abstract and Google's report
    uses = data_copy.parent / "definitions" / "term_uses.csv"
    set_cell(uses, "gtig-2026", "date", "2026-02-24")  # Google after Anthropic: Huang's use still decides
    assert run_check("definitions.term_coined", data_copy).verdict == "inaccurate"
    # with the paper known only through a secondary copy, recorded searches that found earlier uses
    # stop the build until the data says how firm they are
    set_cell(data_copy.parent / "ledger" / "sources.csv", "huang2025position", "reliability", "secondary")
    with pytest.raises(LedgerError, match="def-coined"):
        run_check("definitions.term_coined", data_copy)
    searches = data_copy.parent / "ledger" / "searches.csv"
    for number in (1, 2, 3, 4, 5, 7, 8, 9, 10, 12):
        set_cell(searches, f"def-coined-{number}", "found", "false")
    assert run_check("definitions.term_coined", data_copy).verdict == "unsupported"
    # and without that abstract no earlier use is left: the article would be right
    set_cell(uses, "solid-2025", "exact_term", "false")
    assert run_check("definitions.term_coined", data_copy).verdict == "accurate"


def test_cursor_distills_turns_on_what_the_other_model_wrote_and_how_firmly(data_copy):
    result = run_check("definitions.cursor_distills", data_copy)
    # fast-apply (2024): GPT-4 wrote the inputs, the post does not name the writer of the targets
    assert result.verdict == "mostly-accurate"
    assert result.numbers == {"models_documented": 3, "models_distilled": 1, "models_targets": 0, "searches": 7}
    models = data_copy.parent / "definitions" / "cursor_models.csv"
    set_cell(models, "fast-apply", "outputs_role", "targets")  # had the post named GPT-4 for the files
    assert run_check("definitions.cursor_distills", data_copy).verdict == "accurate"
    # known only through the secondary summary, the example would be right in substance only
    set_cell(models, "fast-apply", "outputs_source_id", "learnlater2024instantapply")
    assert run_check("definitions.cursor_distills", data_copy).verdict == "mostly-accurate"
    # a documented case published only after the article does not count ...
    set_cell(models, "fast-apply", "date", "2026-03-01")
    # ... and then recorded searches that found the post contradict the data: the build stops
    with pytest.raises(LedgerError, match="a recorded search found support"):
        run_check("definitions.cursor_distills", data_copy)
    searches = data_copy.parent / "ledger" / "searches.csv"
    for row in ("def-cursor-5", "def-cursor-7"):
        set_cell(searches, row, "found", "false")
    assert run_check("definitions.cursor_distills", data_copy).verdict == "unsupported"


def test_distillation_definition_turns_on_what_the_earliest_method_needed(data_copy):
    result = run_check("definitions.distillation_definition", data_copy)
    # the 2006 paper does not say whether its targets were labels or probabilities
    assert result.verdict == "mostly-accurate"
    assert result.numbers == {"original_year": 2006, "soft_year": 2015, "outputs_year": 2016, "output_methods": 2}
    methods = data_copy.parent / "definitions" / "kd_methods.csv"
    set_cell(methods, "model-compression", "teacher_probabilities", "not needed")
    moved = run_check("definitions.distillation_definition", data_copy)
    assert moved.verdict == "accurate"
    assert moved.numbers["outputs_year"] == 2006
    for method in ("model-compression", "sequence-level", "api-sft"):
        set_cell(methods, method, "teacher_probabilities", "needed")
    assert run_check("definitions.distillation_definition", data_copy).verdict == "inaccurate"


def test_quotes_of_the_article_on_this_page_are_verbatim(root):
    from distillbook.core import paths

    if not paths.ARTICLE.exists():
        pytest.skip(f"the article is not at {paths.ARTICLE}; set DISTILLBOOK_ARTICLE to check quotes")
    import re

    from conftest import read_csv

    article = paths.ARTICLE.read_text(encoding="utf-8")
    page = (root / "chapters" / "definitions.md").read_text(encoding="utf-8")
    quotes = re.findall(r"\{article\}`([^`]*)`", page)
    quotes += [row["quote"] for row in read_csv("ledger/claims.csv") if row["chapter"] == "definitions"]
    assert quotes
    assert [quote for quote in quotes if quote not in article] == []
