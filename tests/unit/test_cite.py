"""The citation builders, on a small hand-made record."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import bibtex_types
import pytest
from pybtex.database import parse_string

from distillbook.publish import cite

META = cite.BookMeta(
    title="A Book",
    author="The book's contributors",
    baseurl="https://example.org/b/",
    version="1.2.3",
    date=dt.date(2026, 3, 4),
)
ARTICLE = cite.Reviewed(url="https://example.net/post", title="A post", author="Someone")


def test_date_is_pinned_or_the_commits_day_in_utc():
    assert cite.resolve_date("2025-12-31", "0") == dt.date(2025, 12, 31)  # pinned wins
    assert cite.resolve_date("", "0") == dt.date(1970, 1, 1)
    assert cite.resolve_date("", str(365 * 86_400 - 1)) == dt.date(1970, 12, 31)  # last second of 1970
    assert cite.resolve_date("", str(365 * 86_400)) == dt.date(1971, 1, 1)
    with pytest.raises(ValueError):
        cite.resolve_date("", None)


def test_urls_and_file_links():
    assert cite.normalise_baseurl("https://example.org/b") == "https://example.org/b/"
    assert cite.normalise_baseurl("https://example.org/b//") == "https://example.org/b/"
    assert cite.page_url(META, "chapters/counting") == "https://example.org/b/chapters/counting.html"
    assert (
        cite.file_url(META, cite.PDF_DIR, "chapters/counting", "pdf")
        == "https://example.org/b/_static/pdf/counting.pdf"
    )
    assert cite.relative_file("chapters/counting", cite.CITE_DIR, "bib") == "../_static/cite/counting.bib"
    assert cite.relative_file("index", cite.PDF_DIR, "pdf") == "_static/pdf/index.pdf"


def test_only_the_introduction_and_chapters_are_cited_as_chapters():
    assert cite.is_chapter("index") and cite.is_chapter("chapters/proxies")
    assert not cite.is_chapter("appendices/data")


def test_bibtex_entry_parses_and_keeps_the_collective_author_whole():
    entry = parse_string(cite.bibtex(META, "chapters/counting", "Counting & more"), "bibtex").entries["counting-2026"]
    assert entry.type == "incollection"
    assert entry.fields["title"] == "{Counting \\& more}"
    assert entry.fields["year"] == "2026"
    assert entry.fields["month"] == "March"  # the macro mar
    assert entry.fields["note"] == "Version 1.2.3"
    assert entry.fields["url"] == "https://example.org/b/chapters/counting.html"
    (author,) = entry.persons["author"]
    assert author.last_names == ["{The book's contributors}"] and author.first_names == []


def test_chapter_and_claim_entries_use_only_fields_bibtex_defines_for_their_type():
    chapter = parse_string(cite.bibtex(META, "chapters/counting", "Counting"), "bibtex").entries["counting-2026"]
    claim = parse_string(cite.claim_bibtex(META, "chapters/counting", "c-one", "“a quote”"), "bibtex").entries[
        "claim-c-one-2026"
    ]
    assert bibtex_types.problems(chapter) == []
    assert bibtex_types.problems(claim) == [] and claim.type == "misc"
    assert claim.fields["url"] == "https://example.org/b/chapters/counting.html#claim-c-one"
    # biblatex's own fields, and the version said twice, are what the check catches
    broken = parse_string(
        "@incollection{k, author={A}, title={T}, booktitle={B}, year={1}, date={2026-03-04}}", "bibtex"
    )
    assert bibtex_types.problems(broken.entries["k"]) == [
        "field 'date' is not defined for @incollection",
        "required field 'publisher' missing from @incollection",
    ]


def test_csl_json_record():
    (record,) = cite.csl_json(META, "chapters/counting", "Counting")
    assert record["type"] == "chapter" and record["id"] == "counting-2026"
    assert record["issued"] == {"date-parts": [[2026, 3, 4]]}
    assert record["author"] == [{"literal": "The book's contributors"}]


def test_apa_line():
    assert cite.apa(META, "index", "Intro") == (
        "The book&#x27;s contributors. (2026, March 4). Intro. In <i>A Book</i> (Version 1.2.3). "
        '<span class="cite-accessed" data-style="apa"></span>'
        '<a href="https://example.org/b/index.html">https://example.org/b/index.html</a>'
    )
    assert "cite-accessed" not in cite.apa(META, "index", "Intro", accessed=False)


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("What is a “distillation attack”?", "What is a “distillation attack”? In"),
        ("Summary of “Anthropic is lying to us.”", "Summary of “Anthropic is lying to us.” In"),
        ("Stop!", "Stop! In"),
        ("Counting exchanges", "Counting exchanges. In"),
        ("Ends in a quote “word”", "Ends in a quote “word”. In"),
    ],
)
def test_apa_puts_one_full_stop_after_the_title_unless_it_ends_a_sentence(title, shown):
    line = cite.apa(META, "chapters/x", title, accessed=False)
    assert html.unescape(line).split("). ", 1)[1].startswith(shown)
    for doubled in ("?.", "!.", ".”.", "?”.", ".."):
        assert doubled not in html.unescape(line).replace("https://", "")


def test_a_claim_is_cited_by_its_title_and_anchor():
    line = cite.claim_apa(META, "chapters/x", "x-one", "“over 16 million exchanges”")
    assert "“over 16 million exchanges” [Claim review]. In <i>A Book</i> (Version 1.2.3)." in line
    assert line.endswith("https://example.org/b/chapters/x.html#claim-x-one</a>")
    block = cite.claim_cite_block(META, "chapters/x", "x-one", "“q”")
    assert block.startswith('<details class="claim-cite-block" id="cite-claim-x-one">')
    assert block.count('class="cite-apa cite-block"') == 1 and block.count('class="cite-bibtex cite-block"') == 1


def test_the_bibtex_shown_on_the_page_is_the_entry_with_a_place_for_the_access_date():
    entry = cite.bibtex(META, "chapters/counting", "Counting")
    shown = cite.citation_blocks("apa", entry)
    assert '  note = {Version 1.2.3<span class="cite-accessed" data-style="bibtex"></span>},\n' in shown
    # without the script, the text a reader copies is the entry itself
    text = shown.split('tabindex="0">', 1)[1].split("</pre>", 1)[0]
    assert html.unescape(re.sub(r"<[^>]+>", "", text)) == entry


def test_highwire_tags_name_the_pdf_only_when_there_is_one():
    with_pdf = dict(cite.highwire_tags(META, "chapters/x", "X", pdf=True))
    without = dict(cite.highwire_tags(META, "chapters/x", "X", pdf=False))
    assert with_pdf["citation_pdf_url"] == "https://example.org/b/_static/pdf/x.pdf"
    assert "citation_pdf_url" not in without
    assert without["citation_publication_date"] == "2026/03/04"


def test_meta_html_escapes_quotes():
    assert (
        cite.meta_html([("citation_author", 'a "b"')], [])
        == '<meta name="citation_author" content="a &quot;b&quot;" />\n'
    )


def test_short_text_cuts_at_a_word():
    assert cite.short_text("one two  three", 20) == "one two three"
    assert cite.short_text("alpha beta gamma delta", 12) == "alpha beta…"
    assert len(cite.short_text("word " * 40, cite.CLAIM_REVIEWED_LIMIT)) <= cite.CLAIM_REVIEWED_LIMIT


def test_claim_review_carries_verdict_anchor_and_article():
    review = cite.claim_review(META, "chapters/x", "x-one", "a quote", "mostly accurate", "Because.", ARTICLE)
    assert review["url"] == "https://example.org/b/chapters/x.html#claim-x-one"
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "mostly accurate"}
    assert review["itemReviewed"]["firstAppearance"]["url"] == "https://example.net/post"
    assert review["datePublished"] == "2026-03-04"


def test_json_ld_script_cannot_close_its_own_tag():
    script = cite.json_ld_script([{"claimReviewed": "</script><b>"}])
    assert script.count("</script>") == 1
    body = script.split("\n", 1)[1].rsplit("</script>", 1)[0]
    assert json.loads(body) == [{"claimReviewed": "</script><b>"}]


def test_sitemap_lists_each_page_once():
    text = cite.sitemap(META, ["index", "chapters/x"])
    assert text.count("<url>") == 2
    assert "<loc>https://example.org/b/chapters/x.html</loc><lastmod>2026-03-04</lastmod>" in text


def test_open_graph_tags_name_the_preview_card():
    tags = dict(cite.open_graph_tags(META, "chapters/x", "X", "d"))
    assert tags["og:image"] == "https://example.org/b/_static/og-image.png"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"]
