"""Every quotation of the article is verbatim: the ledger's quotes and the {article} roles."""

from __future__ import annotations

import pytest

from conftest import ROOT, read_csv, required
from distillbook.core import paths
from distillbook.publish import lint


@pytest.fixture(scope="module")
def article() -> str:
    if not paths.ARTICLE.exists():
        if required("BOOK_REQUIRE_ARTICLE"):
            pytest.fail(f"the article's text is required here but missing at {paths.ARTICLE}")
        pytest.skip(
            f"the article's text is not at {paths.ARTICLE}; set DISTILLBOOK_ARTICLE to its path to run this test"
        )
    return paths.ARTICLE.read_text(encoding="utf-8")


def test_every_ledger_quote_is_verbatim_in_the_article(article):
    missing = [row["id"] for row in read_csv("ledger/claims.csv") if row["quote"] not in article]
    assert missing == []


def test_every_article_role_on_a_page_is_verbatim(article):
    # make lint runs the same scan; here it must find nothing (ledger quotes and {article} roles)
    assert lint.quote_findings(ROOT, article) == []


def test_a_changed_quote_would_be_caught(article):
    quote = read_csv("ledger/claims.csv")[0]["quote"]
    assert quote in article and quote.replace("Moonshot", "Zhipu") not in article
