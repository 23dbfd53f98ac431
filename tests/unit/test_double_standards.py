"""The double-standards chapter's computations and the checks of its ledger rows (section 5)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from conftest import ROOT, set_cell
from distillbook.chapters import double_standards as standards
from distillbook.core import paths
from distillbook.core.ledger import run_check
from distillbook.core.params import Range


def test_exchanges_as_tokens_by_hand():
    assert standards.exchanges_as_tokens(16_550_000, 5_000) == 82_750_000_000  # 16.55M x 5,000
    assert standards.exchanges_as_tokens(150_000, 1_000) == 150_000_000
    with pytest.raises(ValueError):
        standards.exchanges_as_tokens(-1, 5_000)


def test_share_of_a_pretraining_corpus_by_hand():
    # 82.75 billion tokens against Llama 3's 15 trillion: 0.55%
    assert standards.share_of(82_750_000_000, 15_000_000_000_000) == pytest.approx(82_750 / 15_000_000)
    with pytest.raises(ValueError):
        standards.share_of(1, 0)


def test_per_work_payment_by_hand():
    assert standards.per_work_payment(1_500_000_000, 500_000) == 1_500_000_000 / 500_000 == 3_000
    with pytest.raises(ValueError):
        standards.per_work_payment(1, 0)


def test_accusation_gaps_count_calendar_days():
    frame = pd.DataFrame(
        {
            "accuser": ["Anthropic", "OpenAI", "Google"],
            "date": pd.to_datetime(["2026-02-23", "2026-02-12", "2026-02-12"]),
        }
    )
    gaps = standards.accusation_gaps(frame)
    assert list(gaps["accuser"]) == ["Google", "OpenAI", "Anthropic"]
    assert list(gaps["days_after_first"]) == [0, 0, 23 - 12]
    assert list(gaps["days_after_previous"]) == [0, 0, 11]


def test_scale_frame_converts_each_lab_at_both_ends_of_the_range():
    allegation = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "lab": ["DeepSeek", "Moonshot", "MiniMax"],
            "quantity": "exchanges",
            "value": [150_000.0, 3_400_000.0, 13_000_000.0],
        }
    )
    sets = pd.DataFrame(
        {"id": ["l3"], "name": ["Llama 3"], "stage": ["pre-training"], "unit": ["tokens"], "size": [15e12]}
    )
    frame = standards.scale_frame(allegation, sets, Range(5_000, 1_000, 20_000)).set_index("name")
    total = frame.loc["All three labs: alleged exchanges"]
    assert total["exchanges"] == 16_550_000
    assert total["tokens_low"] == 16_550_000 * 1_000
    assert total["tokens_high"] == 16_550_000 * 20_000
    assert frame.loc["Llama 3", "tokens_high"] == 15e12  # a corpus does not depend on the assumption


def test_token_range_counts_output_and_bounds_with_input_by_hand():
    output = Range(1_000.0, 200.0, 4_000.0)
    inputs = Range(20_000.0, 2_000.0, 100_000.0)
    assert standards.token_range(output, inputs) == Range(1_000.0, 200.0, 4_000.0 + 100_000.0)


def test_count_frame_converts_exchanges_to_examples_at_both_ends():
    allegation = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "lab": ["DeepSeek", "Moonshot", "MiniMax"],
            "quantity": "exchanges",
            "value": [150_000.0, 3_400_000.0, 13_000_000.0],
        }
    )
    sets = pd.DataFrame(
        {"id": ["r1"], "name": ["R1 set"], "stage": ["post-training"], "unit": ["examples"], "size": [800_000.0]}
    )
    frame = standards.count_frame(allegation, sets, Range(10.0, 1.0, 50.0)).set_index("name")
    deepseek = frame.loc["DeepSeek: alleged exchanges as examples"]
    assert (deepseek["count"], deepseek["count_low"], deepseek["count_high"]) == (15_000, 3_000, 150_000)
    assert frame.loc["R1 set", "count_low"] == frame.loc["R1 set", "count_high"] == 800_000
    with pytest.raises(ValueError):
        standards.examples_from_exchanges(1, 0)


def test_clauses_markdown_marks_who_allows_and_who_forbids():
    clauses = pd.DataFrame(
        {
            "provider": ["Anthropic", "DeepSeek"],
            "document": ["Usage Policy", "Licence"],
            "effective": pd.to_datetime(["2025-09-15", "2025-01-20"]),
            "wording": ["no", "yes"],
            "forbids_training_on_outputs": [True, False],
            "permits_distillation": [False, True],
        }
    )
    lines = standards.clauses_markdown(clauses).splitlines()
    assert lines[2].endswith("| restricted |") and "15 September 2025" in lines[2]
    assert lines[3].endswith("| allowed |")


# --- checks: push each input across its rule's threshold -------------------------------------------


def test_scraping_claim_flips_on_how_copyrighted_content_was_obtained(data_copy):
    practices = data_copy.parent / "double-standards" / "training_practices.csv"
    result = run_check("double_standards.scraping_claim", data_copy)
    assert result.verdict == "accurate"
    assert result.numbers["labs_documented"] == 2
    assert result.numbers["copyrighted_scraped"] == 1  # the New York Times's articles (alleged)
    assert result.numbers["pirated_books"] == 7_000_000
    # if the only copyrighted content on record had been downloaded, the "scraping" detail would be off
    set_cell(practices, "openai-nyt-articles", "acquisition", "download")
    assert run_check("double_standards.scraping_claim", data_copy).verdict == "mostly-accurate"
    # if OpenAI's web training were only alleged, one of the two labs would be undocumented
    set_cell(practices, "openai-gpt3-common-crawl", "finding", "allegation")
    assert run_check("double_standards.scraping_claim", data_copy).verdict == "unsupported"


def test_closing_web_claim_flips_on_the_strength_of_attribution(data_copy):
    consent = data_copy.parent / "double-standards" / "web_consent.csv"
    result = run_check("double_standards.closing_web_claim", data_copy)
    assert result.verdict == "mostly-accurate"
    assert result.numbers["tokens_share"] == pytest.approx(0.05)
    set_cell(consent, "ai-specific-clauses", "evidence", "causal-estimate")
    assert run_check("double_standards.closing_web_claim", data_copy).verdict == "accurate"
    for row in ("c4-tokens-robots", "c4-critical-robots", "c4-tos"):
        set_cell(consent, row, "value", "0")
    assert run_check("double_standards.closing_web_claim", data_copy).verdict == "unsupported"


def test_tos_vagueness_flips_when_the_terms_stop_naming_distillation(data_copy):
    clauses = data_copy.parent / "double-standards" / "tos_clauses.csv"
    result = run_check("double_standards.tos_vagueness", data_copy)
    assert result.verdict == "misleading"
    assert (result.numbers["anthropic_forbidding"], result.numbers["anthropic_naming"]) == (2, 1)
    assert result.numbers["accounts"] == 24_000
    set_cell(clauses, "anthropic-usage-policy-distillation", "names_distillation", "false")
    assert run_check("double_standards.tos_vagueness", data_copy).verdict == "mostly-accurate"
    for row in ("anthropic-commercial-use-restrictions", "anthropic-usage-policy-distillation"):
        set_cell(clauses, row, "forbids_training_on_outputs", "false")
    assert run_check("double_standards.tos_vagueness", data_copy).verdict == "accurate"


# --- quotations -----------------------------------------------------------------------------------


def test_every_article_quotation_on_the_page_and_in_the_ledger_is_verbatim():
    if not paths.ARTICLE.exists():
        pytest.skip(f"the article is not at {paths.ARTICLE}; set DISTILLBOOK_ARTICLE to check quotations")
    article = paths.ARTICLE.read_text(encoding="utf-8")
    page = (ROOT / "chapters" / "double-standards.md").read_text(encoding="utf-8")
    quotes = re.findall(r"\{article\}`([^`]+)`", page)
    claims = pd.read_csv(ROOT / "data" / "ledger" / "claims.csv", dtype=str)
    quotes += list(claims.loc[claims["chapter"] == "double-standards", "quote"])
    assert len(quotes) >= 8
    missing = [q for q in quotes if q not in article]
    assert not missing, missing
