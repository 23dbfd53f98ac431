"""The double-standards chapter's computations, word choices and the checks of its ledger rows
(article section 5). Expectations are worked out by hand in each test."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import re

import pandas as pd
import pytest

from conftest import ROOT, set_cell
from distillbook.chapters import double_standards as standards
from distillbook.core import paths
from distillbook.core.ledger import LedgerError, run_check

# --- small helpers ----------------------------------------------------------------------------


def test_dates_read_as_day_month_year_and_days_count_calendar_days():
    assert standards.day_text(pd.Timestamp("2025-08-01")) == "1 August 2025"
    assert standards.day_text(dt.date(2026, 2, 23)) == "23 February 2026"
    # 13 January to 23 February 2026: 18 days to the end of January, then 23
    assert standards.days_between(pd.Timestamp("2026-01-13"), pd.Timestamp("2026-02-23")) == 18 + 23
    assert standards.days_between(pd.Timestamp("2026-02-23"), pd.Timestamp("2026-02-12")) == -11
    events = pd.DataFrame({"id": ["a"], "date": pd.to_datetime(["2025-09-04"])})
    assert standards.event_date(events, "a") == "4 September 2025"
    with pytest.raises(KeyError):
        standards.event_date(events, "b")


def test_words_agree_with_their_count():
    assert standards.agree(1, "names", "name") == "names"
    assert standards.agree(2, "names", "name") == "name"
    assert standards.agree(0, "names", "name") == "name"


def test_settlement_arithmetic_by_hand():
    assert standards.per_work_payment(1_500_000_000, 500_000) == 3_000
    with pytest.raises(ValueError):
        standards.per_work_payment(1, 0)
    figures = pd.DataFrame(
        {
            "id": ["bartz-settlement-amount", "bartz-settlement-works", "bartz-pirated-books", "kadrey-plaintiffs"],
            "value": [1_500_000_000.0, 500_000.0, 7_000_000.0, 13.0],
        }
    )
    assert standards.copyright_facts(figures) == {
        "settlement_bn": 1.5,
        "settlement_works": 500_000,
        "settlement_per_work": 3_000.0,
        "pirated_books": 7_000_000,
        "kadrey_authors": 13,
    }


def test_markdown_table_escapes_a_bar_in_a_cell():
    text = standards.markdown_table(["a", "b"], [["x|y", "z"]])
    assert text.splitlines() == ["| a | b |", "|---|---|", "| x\\|y | z |"]


# --- timing -------------------------------------------------------------------------------------


def accusations_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "accuser": ["Anthropic", "OpenAI", "Google"],
            "date": pd.to_datetime(["2026-02-23", "2026-02-12", "2026-02-12"]),
            "volume": [16_000_000.0, float("nan"), 100_000.0],
        }
    )


def test_accusation_gaps_count_calendar_days():
    gaps = standards.accusation_gaps(accusations_frame())
    assert list(gaps["accuser"]) == ["Google", "OpenAI", "Anthropic"]
    assert list(gaps["days_after_first"]) == [0, 0, 23 - 12]
    assert list(gaps["days_after_previous"]) == [0, 0, 11]


def test_accusation_facts_by_hand():
    assert standards.accusation_facts(accusations_frame()) == {
        "accusation_count": 3,
        "span_days": 11,
        "same_day_count": 2,
        "first_date": "12 February 2026",
        "report_date": "23 February 2026",
        "gtig_prompts": 100_000,
    }


def test_policy_timing_counts_days_from_the_rule_to_the_report():
    events = pd.DataFrame(
        {
            "id": ["h200-announced", "h200-rule", "davos-remark"],
            "date": pd.to_datetime(["2025-12-08", "2026-01-13", "2026-01-21"]),
        }
    )
    assert standards.policy_timing(events, accusations_frame()) == {
        "h200_announced": "8 December 2025",
        "h200_rule": "13 January 2026",
        "davos_date": "21 January 2026",
        "days_rule_to_report": 41,  # 18 days left in January, then 23 in February
    }


# --- copyright ----------------------------------------------------------------------------------


def test_practice_counts_separate_crawled_from_other_copyrighted_data():
    practices = pd.DataFrame(
        {
            "company": ["Anthropic", "OpenAI", "Anthropic", "OpenAI", "Anthropic", "Meta"],
            "acquisition": ["scraping", "scraping", "download", "scraping", "not-established", "scraping"],
            "copyrighted": ["statute", "not-stated", "court-record", "alleged", "alleged", "alleged"],
            "finding": ["self-reported", "self-reported", "court-finding", "allegation", "allegation", "allegation"],
        }
    )
    assert standards.practice_counts(practices) == {
        "labs_documented": 2,  # Meta is not one of the two labs the article names
        "copyrighted_scraped": 2,  # Anthropic's crawl (statute) and OpenAI's alleged articles
        "copyrighted_not_scraped": 2,  # downloaded books, lyrics obtained how is not established
        "suits": 2,
    }


# --- terms of service ---------------------------------------------------------------------------


def clauses_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e", "f"],
            "provider": ["Anthropic", "Anthropic", "Anthropic", "Anthropic", "Anthropic", "DeepSeek"],
            "document": ["Commercial", "Commercial", "Usage Policy", "Consumer", "Usage Policy", "Release note"],
            "clause": ["(a)", "(c)", "platform", "section", "platform", "licence"],
            "effective": pd.to_datetime(
                ["2025-06-17", "2025-06-17", "2025-09-15", "2025-10-08", "2025-09-15", "2025-01-20"]
            ),
            "wording": ["w1", "w2", "w3", "w4", "w5", "w6"],
            "forbids_training_on_outputs": [True, True, True, False, False, False],
            "turns_on_competing": [True, True, False, False, False, False],
            "names_distillation": [False, False, True, False, False, True],
            "permits_distillation": [False, False, False, False, False, True],
            "forbids_extraction": [False, False, False, True, False, False],
            "restricts_access_means": [False, False, False, False, True, False],
            "binds": ["customer", "customer", "users", "users", "users", "users"],
        }
    )


def test_clause_counts_by_hand():
    counts = standards.clause_counts(clauses_frame())
    # three Anthropic clauses forbid training, in two documents; one names distillation and is
    # the only one free of "competing"; one other forbids extraction, one restricts the means
    assert counts == {
        "forbidding": 3,
        "documents": 2,
        "naming": 1,
        "free_of_competing": 1,
        "extraction": 1,
        "means": 1,
    }
    assert standards.naming_documents(clauses_frame()) == "the Usage Policy"
    none = clauses_frame().assign(names_distillation=False)
    assert standards.naming_documents(none) == "none of its documents"


def test_the_clauses_table_has_a_dated_row_per_clause_and_says_what_each_does():
    lines = standards.clauses_markdown(clauses_frame()).splitlines()
    assert len(lines) == 2 + 6
    rows = lines[2:]
    assert rows[0].startswith("| Anthropic | Commercial, (a) (from 17 June 2025)")
    assert "restricts training on outputs, for competing products" in rows[0]
    assert "restricts training on outputs |" in rows[2]  # the Usage Policy does not turn on competing
    assert "restricts the means of access" in rows[3]  # the other Usage Policy row, same date
    assert "restricts harvesting or extracting outputs" in rows[4]
    assert rows[5].startswith("| DeepSeek |") and "allows training on outputs (distillation)" in rows[5]


def questions_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "question": ["core?", "parties?", "competing?", "bystander?"],
            "kind": ["conduct", "party", "conduct", "party"],
            "arises_for_alleged": [True, True, False, False],
            "core": [True, False, False, False],
            "status": ["answered", "open", "open", "open"],
            "reason": ["r1", "r2", "r3", "r4"],
        }
    )


def test_question_counts_by_hand():
    assert standards.question_counts(questions_frame()) == {
        "conduct_open": 0,
        "conduct_answered": 1,
        "party_open": 1,
        "edges_open": 2,
        "core_open": 0,
        "unanswered": 3,
    }
    disputed = questions_frame()
    disputed.loc[2, ["arises_for_alleged", "status"]] = [True, "disputed"]
    assert standards.question_counts(disputed)["conduct_open"] == 1
    core_open = questions_frame()
    core_open.loc[0, "status"] = "open"
    assert standards.question_counts(core_open)["core_open"] == 1


def test_the_questions_table_puts_those_that_arise_first():
    frame = questions_frame().iloc[::-1].reset_index(drop=True)
    rows = standards.questions_markdown(frame).splitlines()[2:]
    assert [row.split(" | ")[0] for row in rows] == ["| parties?", "| core?", "| bystander?", "| competing?"]
    assert rows[0].split(" | ")[1:4] == ["yes", "who is bound", "no"]


# --- uses of outputs ----------------------------------------------------------------------------


def uses_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "user": ["Stanford", "Microsoft", "ByteDance", "OpenAI", "Google", "Somebody", "Three labs"],
            "user_kind": ["academic", "partner", "company", "company", "company", "company", "company"],
            "provider": ["OpenAI", "OpenAI", "OpenAI", "Anthropic", "OpenAI", "Google", "Anthropic"],
            "what": ["w"] * 7,
            "training": [True, True, True, False, True, True, True],
            "date": pd.to_datetime(
                ["2023-03-13", "2023-06-20", "2023-12-15", "2025-08-01", "2023-03-30", "2026-02-12", "2026-02-23"]
            ),
            "concealment_alleged": [False, False, False, False, False, False, True],
            "provider_response": [
                "none-found",
                "none-found",
                "terms-violation",
                "terms-violation",
                "none-found",
                "attack",
                "attack",
            ],
            "label_words": ["", "", "usage policies", "terms", "", "IP theft", "illicitly extract"],
            "finding": [
                "documented",
                "documented",
                "allegation",
                "documented",
                "denied-allegation",
                "allegation",
                "allegation",
            ],
        }
    )


def test_use_counts_by_hand():
    # training uses: Stanford, Microsoft, ByteDance, Somebody, Three labs (OpenAI's is not training,
    # Google's was denied); labelled: Somebody (open) and the three labs (concealed)
    assert standards.use_counts(uses_frame()) == {
        "uses": 7,
        "training": 5,
        "labelled": 2,
        "labelled_concealed": 1,
        "labelled_open": 1,
        "open": 4,
        "open_unlabelled": 3,  # Stanford, Microsoft, ByteDance
        "lesser_company": 1,  # ByteDance; Microsoft is a partner, Stanford academic
        "lesser_response": 1,  # ByteDance's breach of terms
        "not_training": 1,
        "terms_violation": 2,
        "article_word": 0,
    }
    said_illegal = uses_frame()
    said_illegal.loc[5, "label_words"] = "Illegal extraction"
    assert standards.use_counts(said_illegal)["article_word"] == 1


def test_the_uses_table_marks_training_and_kind_of_user():
    rows = standards.uses_markdown(uses_frame().iloc[::-1]).splitlines()[2:]
    assert rows[0].startswith("| 13 March 2023 | Stanford (a research group) | OpenAI | yes | no |")
    assert "| Google | OpenAI | denied |" in rows[1]  # a company reads as its name alone
    assert "Microsoft (the provider's investor and partner)" in rows[2]
    assert "| OpenAI | Anthropic | no | no |" in rows[4]
    assert rows[6].endswith("| yes | yes | called an attack or illicit extraction |")


def test_what_the_label_follows_and_what_stays_open_are_worded_from_the_counts():
    counts = standards.use_counts(uses_frame())
    assert standards.label_follows(counts).startswith("the use of a provider's outputs without its permission")
    assert standards.label_follows(counts).endswith("though not every such use by a company has drawn it")
    assert standards.label_follows({**counts, "lesser_company": 0}).endswith("whether or not fraud is alleged")
    only_concealed = {**counts, "labelled_open": 0}
    assert standards.label_follows(only_concealed).startswith("the means and the pattern the report alleges")
    assert standards.label_follows({**only_concealed, "open_unlabelled": 0}) == "nothing the record can tell apart"
    asked = standards.question_counts(questions_frame())
    assert standards.what_stays_open(asked) == "who was bound"
    assert standards.what_stays_open({**asked, "conduct_open": 1}) == "both what was forbidden and who was bound"
    assert standards.what_stays_open({**asked, "party_open": 0}) == "nothing the terms leave unanswered"
    assert standards.what_stays_open({**asked, "conduct_open": 2, "party_open": 0}) == "what was forbidden"


def test_the_crawler_table_lists_shares_largest_first_as_percentages():
    consent = pd.DataFrame(
        {
            "id": ["headc4-google-search", "headc4-openai", "c4-tos", "headc4-anthropic"],
            "value": [0.01, 0.259, 0.45, 0.133],
        }
    )
    rows = standards.crawler_shares_markdown(consent).splitlines()[2:]
    assert rows == ["| OpenAI | 25.9% |", "| Anthropic | 13.3% |", "| Google Search | 1.0% |"]


# --- checks: push each input across its rule's threshold ----------------------------------------


def table_path(descriptor, name: str):
    return descriptor.parent / f"{name}.csv"


def no_search_found_anything(descriptor, claim_id: str) -> None:
    set_cell(table_path(descriptor, "ledger/searches"), claim_id, "found", "false", key="claim_id")


def test_scraping_claim_flips_on_who_is_documented_as_crawling(data_copy):
    practices = table_path(data_copy, "double-standards/training_practices")
    result = run_check("double_standards.scraping_claim", data_copy)
    assert result.verdict == "accurate"
    # both crawls (by statute), the New York Times's articles and the publishers' lyrics (alleged)
    assert (result.numbers["labs_documented"], result.numbers["copyrighted_scraped"]) == (2, 4)
    # downloaded and bought books, and the publishers' second suit (downloads)
    assert result.numbers["copyrighted_not_scraped"] == 3
    assert result.numbers["suits"] == 3  # the Times and the publishers twice; Reddit's is not about copyright
    assert result.numbers["pirated_books"] == 7_000_000
    # the move the rule names: Anthropic's crawl no longer documented, OpenAI's still is
    set_cell(practices, "anthropic-web-crawler", "finding", "allegation")
    assert run_check("double_standards.scraping_claim", data_copy).verdict == "mostly-accurate"
    set_cell(practices, "anthropic-web-crawler", "finding", "self-reported")
    # both documented, but no crawled data shown to hold copyrighted works
    set_cell(practices, "scraping", "copyrighted", "not-stated", key="acquisition")
    assert run_check("double_standards.scraping_claim", data_copy).verdict == "mostly-accurate"
    # neither documented: a search that found support must be recorded in the data first
    set_cell(practices, "self-reported", "finding", "allegation", key="finding")
    with pytest.raises(LedgerError, match="ds-scraping"):
        run_check("double_standards.scraping_claim", data_copy)
    no_search_found_anything(data_copy, "ds-scraping")
    assert run_check("double_standards.scraping_claim", data_copy).verdict == "unsupported"


def test_closing_web_claim_returns_every_verdict_its_evidence_could_support(data_copy):
    consent = table_path(data_copy, "double-standards/web_consent")
    result = run_check("double_standards.closing_web_claim", data_copy)
    assert result.verdict == "accurate"  # rise, aimed at the named labs, reasons stated by sites
    assert (result.numbers["tokens_share"], result.numbers["tokens_share_before"]) == (0.05, 0.01)
    assert (result.numbers["anthropic_share"], result.numbers["search_share"]) == (0.133, 0.01)
    assert result.numbers["stated_causes"] == 2  # Reddit and Cloudflare
    for row in ("reddit-api-2023", "cloudflare-default-2025"):
        set_cell(consent, row, "evidence", "observed-targeting")
    assert run_check("double_standards.closing_web_claim", data_copy).verdict == "mostly-accurate"
    set_cell(consent, "ai-specific-clauses", "evidence", "causal-estimate")
    assert run_check("double_standards.closing_web_claim", data_copy).verdict == "accurate"
    # Anthropic's crawler restricted no more than Google Search's: not aimed at the named labs
    set_cell(consent, "headc4-anthropic", "value", "0.01")
    assert run_check("double_standards.closing_web_claim", data_copy).verdict == "misleading"
    # no rise since mid-2023
    set_cell(consent, "c4-tokens-robots-2023", "value", "0.05")
    assert run_check("double_standards.closing_web_claim", data_copy).verdict == "inaccurate"
    set_cell(consent, "fraction", "value", "0", key="unit")  # every measured share to zero
    with pytest.raises(LedgerError, match="ds-closing-web"):  # the recorded searches did find the audit
        run_check("double_standards.closing_web_claim", data_copy)
    no_search_found_anything(data_copy, "ds-closing-web")
    assert run_check("double_standards.closing_web_claim", data_copy).verdict == "unsupported"


def test_immediately_labeled_returns_every_verdict_its_evidence_could_support(data_copy):
    uses = table_path(data_copy, "double-standards/output_uses")
    result = run_check("double_standards.immediately_labeled", data_copy)
    assert result.verdict == "mostly-accurate"
    # eleven rows; eight training uses (Bard's denied, OpenAI's and xAI's coding are not training);
    # labelled: the three labs (fraud alleged) and Google's unnamed actors (none alleged)
    assert (result.numbers["uses"], result.numbers["training"], result.numbers["not_training"]) == (11, 8, 2)
    assert (result.numbers["labelled_concealed"], result.numbers["labelled_open"]) == (1, 1)
    assert result.numbers["lesser_company"] == 2  # ByteDance and DeepSeek in 2025
    assert result.numbers["article_word"] == 0  # nobody said "illegal"
    # if every company's use had drawn the label and a provider had said "illegal": accurate
    for row in ("bytedance", "deepseek-2025"):
        set_cell(uses, row, "provider_response", "attack")
    set_cell(uses, "google-gtig", "label_words", "illegal extraction")
    assert run_check("double_standards.immediately_labeled", data_copy).verdict == "accurate"
    set_cell(uses, "bytedance", "provider_response", "terms-violation")
    set_cell(uses, "deepseek-2025", "provider_response", "distillation-alleged")
    # the move the rule names: Google calls it a breach, not an attack
    set_cell(uses, "google-gtig", "provider_response", "terms-violation")
    assert run_check("double_standards.immediately_labeled", data_copy).verdict == "misleading"
    set_cell(uses, "false", "concealment_alleged", "true", key="concealment_alleged")  # no open use left
    assert run_check("double_standards.immediately_labeled", data_copy).verdict == "mostly-accurate"
    # nobody labelled anything, while uses were answered otherwise: contradicted
    set_cell(uses, "attack", "provider_response", "terms-violation", key="provider_response")
    assert run_check("double_standards.immediately_labeled", data_copy).verdict == "inaccurate"
    # nobody answered anything at all
    for response in ("terms-violation", "distillation-alleged"):
        set_cell(uses, response, "provider_response", "none-found", key="provider_response")
    with pytest.raises(LedgerError, match="ds-immediately-labeled"):  # the report's label was found
        run_check("double_standards.immediately_labeled", data_copy)
    no_search_found_anything(data_copy, "ds-immediately-labeled")
    assert run_check("double_standards.immediately_labeled", data_copy).verdict == "unsupported"


def test_tos_vagueness_returns_every_verdict_its_evidence_could_support(data_copy):
    clauses = table_path(data_copy, "double-standards/tos_clauses")
    questions = table_path(data_copy, "double-standards/tos_questions")
    result = run_check("double_standards.tos_vagueness", data_copy)
    assert result.verdict == "misleading"
    # D.4(a), D.4(c), the consumer clause and the Usage Policy, in three documents
    assert (result.numbers["anthropic_forbidding"], result.numbers["anthropic_documents"]) == (4, 3)
    assert (result.numbers["anthropic_naming"], result.numbers["free_of_competing"]) == (1, 1)
    # account sharing, coordinated accounts, automated accounts, ban evasion, regions
    assert result.numbers["anthropic_means"] == 5
    assert (result.numbers["conduct_open"], result.numbers["party_open"], result.numbers["edges_open"]) == (0, 2, 4)
    assert result.numbers["core_open"] == 0
    assert result.numbers["accounts"] == 24_000
    for row, column, value in (
        ("benchmarking", "arises_for_alleged", "true"),
        ("grading", "status", "disputed"),
        ("which-terms", "kind", "conduct"),
    ):
        set_cell(questions, row, column, value)
        assert run_check("double_standards.tos_vagueness", data_copy).verdict == "mostly-accurate", row
    set_cell(questions, "benchmarking", "arises_for_alleged", "false")
    set_cell(questions, "grading", "status", "answered")
    set_cell(questions, "which-terms", "kind", "party")
    set_cell(clauses, "anthropic-usage-policy-distillation", "forbids_training_on_outputs", "false")
    assert run_check("double_standards.tos_vagueness", data_copy).verdict == "mostly-accurate"
    set_cell(questions, "core-training", "status", "open")
    assert run_check("double_standards.tos_vagueness", data_copy).verdict == "accurate"
    for status in ("open", "disputed"):
        set_cell(questions, status, "status", "answered", key="status")
    assert run_check("double_standards.tos_vagueness", data_copy).verdict == "inaccurate"


def test_every_unsupported_branch_goes_through_the_recorded_searches():
    """Only ``unsupported_after_search`` (which calls core.searches.unsupported) may name the
    verdict; every rule reaches it through that function."""
    tree = ast.parse(inspect.getsource(standards))
    naming = {
        function.name
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef)
        and any(isinstance(n, ast.Constant) and n.value == "unsupported" for n in ast.walk(function))
    }
    assert naming == {"unsupported_after_search"}
    source = inspect.getsource(standards.unsupported_after_search)
    assert "search_rule.unsupported(" in source


# --- quotations and data ------------------------------------------------------------------------


def test_every_article_quotation_on_the_page_and_in_the_ledger_is_verbatim():
    if not paths.ARTICLE.exists():
        pytest.skip(f"the article is not at {paths.ARTICLE}; set DISTILLBOOK_ARTICLE to check quotations")
    article = paths.ARTICLE.read_text(encoding="utf-8")
    page = (ROOT / "chapters" / "double-standards.md").read_text(encoding="utf-8")
    quotes = re.findall(r"\{article\}`([^`]+)`", page)
    claims = pd.read_csv(ROOT / "data" / "ledger" / "claims.csv", dtype=str)
    quotes += list(claims.loc[claims["chapter"] == "double-standards", "quote"])
    assert len(quotes) >= 10
    missing = [q for q in quotes if q not in article]
    assert not missing, missing


def test_the_page_links_the_counting_chapter_by_document_not_by_label():
    page = (ROOT / "chapters" / "double-standards.md").read_text(encoding="utf-8")
    assert "{doc}`counting chapter <counting>`" in page
    assert "counting.md#" not in page
