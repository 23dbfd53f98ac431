"""Every sentence of the article is accounted for: the whole sentence around a rated quote is in
the ledger (verbatim, holding the quote), and every other sentence is a row of the coverage table
with its status and reason. Needs the article's text (required in CI)."""

from __future__ import annotations

import pytest

from conftest import read_csv, required
from distillbook.core import article, paths


@pytest.fixture(scope="module")
def sentences() -> list[article.Sentence]:
    text = article.read()
    if text is None:
        if required("BOOK_REQUIRE_ARTICLE"):
            pytest.fail(f"the article's text is required here but missing at {paths.ARTICLE}")
        pytest.skip(f"the article's text is not at {paths.ARTICLE}; set DISTILLBOOK_ARTICLE to its path")
    return article.sentences(text)


def test_every_claims_context_is_one_whole_sentence_holding_its_quote(sentences):
    texts = {s.text for s in sentences}
    for row in read_csv("ledger/claims.csv"):
        assert row["context"] in texts, f"{row['id']}: context is not one sentence of the article"
        assert row["quote"] in row["context"], f"{row['id']}: the quote is not inside its context"


def assignments(sentences, claims, coverage) -> dict[int, list[str]]:
    """For each sentence number, what accounts for it (claim ids, or 'coverage')."""
    by_text = {s.text: s.number for s in sentences}
    found: dict[int, list[str]] = {s.number: [] for s in sentences}
    for row in claims:
        if row["context"] in by_text:
            found[by_text[row["context"]]].append(row["id"])
    for row in coverage:
        found.setdefault(int(row["sentence"]), []).append("coverage")
    return found


def test_every_sentence_is_rated_or_listed_with_a_reason_and_never_both(sentences):
    found = assignments(sentences, read_csv("ledger/claims.csv"), read_csv("ledger/coverage.csv"))
    missing = [number for number, what in found.items() if not what]
    both = [number for number, what in found.items() if "coverage" in what and len(what) > 1]
    assert missing == [] and both == []
    assert set(found) == {s.number for s in sentences}  # no coverage row points past the article


def test_coverage_rows_name_their_sentences_by_its_opening_words(sentences):
    by_number = {s.number: s.text for s in sentences}
    for row in read_csv("ledger/coverage.csv"):
        assert by_number[int(row["sentence"])].startswith(row["opening"]), row["sentence"]


def test_a_sentence_left_out_would_be_caught(sentences):
    coverage = read_csv("ledger/coverage.csv")
    found = assignments(sentences, read_csv("ledger/claims.csv"), coverage[1:])
    assert [number for number, what in found.items() if not what] == [int(coverage[0]["sentence"])]


def test_the_splitter_keeps_a_sentence_that_ends_in_a_quotation_whole():
    text = "He said “no.” Then he left.\n  • A list item.\n2. A heading"
    assert [s.text for s in article.sentences(text)] == ["He said “no.”", "Then he left.", "A list item.", "A heading"]
