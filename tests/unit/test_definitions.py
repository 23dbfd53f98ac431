"""The definitions chapter: event order, trajectories, and the checks of the article's section 1.

Expectations are computed by hand here; each check is pushed across its rule's threshold with a
private copy of data/ and must change its verdict."""

from __future__ import annotations

import pandas as pd
import pytest

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


def test_trajectories_divide_exchanges_by_the_assumption():
    assert d.trajectories(150_000, 50) == 150_000 / 50 == 3_000
    assert d.trajectories(13_000_000, 1) == 13_000_000
    with pytest.raises(ValueError):
        d.trajectories(1, 0)


def test_lab_trajectory_range_by_hand():
    allegation = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "lab": ["DeepSeek", "Moonshot", "MiniMax"],
            "quantity": "exchanges",
            "value": [150_000.0, 3_400_000.0, 13_000_000.0],
        }
    )
    labs = d.lab_trajectory_range(allegation, Range(10.0, 1.0, 50.0)).set_index("lab")
    assert labs.loc["DeepSeek", "fewest"] == 150_000 / 50 == 3_000
    assert labs.loc["Moonshot", "central"] == 3_400_000 / 10 == 340_000
    assert labs.loc["MiniMax", "most"] == 13_000_000 / 1


def test_count_smaller_and_position_in_range():
    sizes = pd.DataFrame({"examples": [817, 1_000, 17_000, 800_000]})
    assert d.count_smaller(sizes, 3_000) == 2  # 817 and 1,000
    assert d.count_smaller(sizes, 150_000) == 3
    assert d.position_in_range(800_000, 260_000, 13_000_000) == "inside"
    assert d.position_in_range(800_000, 1_000_000, 13_000_000) == "below"
    assert d.position_in_range(800_000, 1_000, 500_000) == "above"


def test_signal_counts_and_markdown_table():
    signals = pd.DataFrame(
        {
            "outsider_check": ["no", "no", "partly"],
            "signal": ["a|b", "c", "d"],
            "role": ["detection", "attribution", "attribution"],
        }
    )
    assert d.signal_counts(signals) == {"yes": 0, "partly": 1, "no": 2}
    assert d.role_counts(signals) == {"detection": 1, "attribution": 2}
    text = d.markdown_table(signals, {"signal": "Signal"})
    assert text.splitlines() == ["| Signal |", "|---|", "| a\\|b |", "| c |", "| d |"]


# --- checks, pushed across their thresholds ---------------------------------------------------


def test_openai_hid_order_flips_when_the_decision_moves_after_the_accusation(data_copy):
    result = run_check("definitions.openai_hid_order", data_copy)
    assert result.verdict == "inaccurate"
    assert result.numbers == {"days_before_r1": 130, "days_before_claim": 130 + 9}
    set_cell(data_copy.parent / "definitions" / "timeline.csv", "o1-hidden", "date", "2025-02-01")
    moved = run_check("definitions.openai_hid_order", data_copy)
    assert moved.verdict == "unsupported"
    assert moved.numbers["days_before_r1"] == -12  # 1 Feb back to 20 Jan


def test_moving_a_date_past_another_fails_the_build_naming_the_claim(data_copy):
    run_ledger(data_copy)  # the ledger holds on the real data
    # o1's decision moved to the day after OpenAI's accusation: the two events swap order
    set_cell(data_copy.parent / "definitions" / "timeline.csv", "o1-hidden", "date", "2025-01-30")
    with pytest.raises(LedgerError, match="def-openai-hid"):
        run_ledger(data_copy)


def test_anthropic_first_visible_flips_when_summaries_come_first(data_copy):
    result = run_check("definitions.anthropic_first_visible", data_copy)
    assert result.verdict == "accurate"
    # 24 Feb -> 22 May 2025: rest of February (28 days), March, April, 22 days of May
    assert result.numbers["raw_days"] == (28 - 24) + 31 + 30 + 22  # 87
    assert result.numbers["summarised_share"] == pytest.approx(0.05)  # "about 5% of the time"
    set_cell(data_copy.parent / "definitions" / "timeline.csv", "claude-4-summaries", "date", "2025-02-01")
    assert run_check("definitions.anthropic_first_visible", data_copy).verdict == "inaccurate"


def test_anthropic_first_visible_flips_when_the_launch_showed_only_a_summary(data_copy):
    set_cell(data_copy.parent / "definitions" / "timeline.csv", "claude-37-visible", "reasoning_shown", "summary")
    assert run_check("definitions.anthropic_first_visible", data_copy).verdict == "inaccurate"


def test_term_coined_depends_on_dated_primary_uses(data_copy):
    result = run_check("definitions.term_coined", data_copy)
    assert result.verdict == "inaccurate"
    assert result.numbers["days_before"] == 23 - 12  # Google 12 Feb, Anthropic 23 Feb 2026
    assert result.numbers["earlier_uses"] == 2  # Google's report and the arXiv abstract
    uses = data_copy.parent / "definitions" / "term_uses.csv"
    # Google's report dated after Anthropic's: only the secondary-read abstract remains earlier
    set_cell(uses, "gtig-2026", "date", "2026-02-24")
    assert run_check("definitions.term_coined", data_copy).verdict == "unsupported"
    # and without that abstract no earlier use is left: the article would be right
    set_cell(uses, "solid-2025", "exact_term", "false")
    assert run_check("definitions.term_coined", data_copy).verdict == "accurate"


def test_cursor_distills_turns_on_dates_and_on_how_firmly_the_training_is_sourced(data_copy):
    result = run_check("definitions.cursor_distills", data_copy)
    # fast-apply (2024, outputs documented by a secondary summary), Tab and Composer; five searches
    assert result.verdict == "mostly-accurate"
    assert result.numbers == {"models_documented": 3, "models_distilled": 1, "searches": 5}
    models = data_copy.parent / "definitions" / "cursor_models.csv"
    # the post itself (primary) documenting the GPT-4 data would make the example exact
    set_cell(models, "fast-apply", "outputs_source_id", "cursor2024instantapply")
    assert run_check("definitions.cursor_distills", data_copy).verdict == "accurate"
    # a documented case published only after the article does not count
    set_cell(models, "fast-apply", "date", "2026-03-01")
    # ... and then a recorded search that found the post contradicts the data: the build stops
    with pytest.raises(LedgerError, match="a recorded search found support"):
        run_check("definitions.cursor_distills", data_copy)
    set_cell(data_copy.parent / "ledger" / "searches.csv", "def-cursor-5", "found", "false")
    assert run_check("definitions.cursor_distills", data_copy).verdict == "unsupported"
    set_cell(models, "fast-apply", "date", "2024-05-14")
    set_cell(models, "fast-apply", "third_party_outputs", "not documented")
    assert run_check("definitions.cursor_distills", data_copy).verdict == "unsupported"


def test_distillation_definition_turns_on_what_the_original_method_needed(data_copy):
    result = run_check("definitions.distillation_definition", data_copy)
    assert result.verdict == "mostly-accurate"
    assert result.numbers == {"original_year": 2015, "text_year": 2016, "teacher_datasets": 10 - 1}  # all but LIMA
    methods = data_copy.parent / "definitions" / "kd_methods.csv"
    set_cell(methods, "soft-targets", "needs_logits", "false")
    assert run_check("definitions.distillation_definition", data_copy).verdict == "accurate"
    for method in ("soft-targets", "sequence-level", "api-sft"):
        set_cell(methods, method, "needs_logits", "true")
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
