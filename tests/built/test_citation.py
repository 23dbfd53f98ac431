"""The built site is citable: per chapter, meta tags, a cite box, .bib, CSL-JSON and a PDF; per
claim, a permalink and ClaimReview JSON-LD that match the ledger; a sitemap of every page; a
valid CITATION.cff that agrees with _config.yml. Expectations come from _config.yml, the CSVs and
git, read here directly (not through the package that wrote the pages)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import bibtex_types
import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import CHROMIUM, ROOT, SITE, built_page, read_csv, required
from distillbook.core import pages

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
BASEURL = CONFIG["html"]["baseurl"].rstrip("/") + "/"
BOOK_TITLE = CONFIG["title"]
AUTHOR = CONFIG["author"]
VERSION = CONFIG["sphinx"]["config"]["book_version"]
PINNED_DATE = CONFIG["sphinx"]["config"]["book_date"]
PAGES = [pages.docname(p, ROOT) for p in pages.book_pages(ROOT)]
CHAPTERS = [d for d in PAGES if d == "index" or d.startswith("chapters/")]
OTHER_PAGES = [d for d in PAGES if d not in CHAPTERS]
SCHEMA = json.loads((ROOT / "tests" / "schemas" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
#: CSL 1.0.2's item types that fit a part of a book.
CSL_TYPES = {"chapter", "book", "entry", "webpage", "report"}


def commit_date() -> dt.date:
    """The date the build gives the book when _config.yml pins none: the commit's, in UTC."""
    epoch = (
        os.environ.get("SOURCE_DATE_EPOCH")
        or subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()


BOOK_DATE = dt.date.fromisoformat(PINNED_DATE) if PINNED_DATE else commit_date()


def slug(docname: str) -> str:
    return docname.rsplit("/", 1)[-1]


@functools.cache
def soup(docname: str) -> BeautifulSoup:
    """The parsed page, parsed once per test session (tests only read it)."""
    return BeautifulSoup(built_page(docname), "html.parser")


def metas(page: BeautifulSoup, attribute: str, name: str) -> list[str]:
    return [tag["content"] for tag in page.find_all("meta", attrs={attribute: name})]


def heading(page: BeautifulSoup) -> str:
    """The page's title as a reader sees it (the h1 of the article, without its '#' link)."""
    h1 = page.select_one("article.bd-article h1")
    return "".join(h1.find_all(string=True, recursive=False)).strip()


def pdf_file(docname: str) -> Path:
    return SITE / "_static" / "pdf" / f"{slug(docname)}.pdf"


# ---------------------------------------------------------------------------------------------
# Meta tags
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("docname", CHAPTERS)
def test_highwire_and_open_graph_tags_match_the_chapter(docname):
    page = soup(docname)
    url = f"{BASEURL}{docname}.html"
    title = heading(page)
    assert metas(page, "name", "citation_title") == [title]
    assert metas(page, "name", "citation_author") == [AUTHOR]
    assert metas(page, "name", "citation_publication_date") == [BOOK_DATE.strftime("%Y/%m/%d")]
    assert metas(page, "name", "citation_inbook_title") == [BOOK_TITLE]
    assert metas(page, "name", "citation_public_url") == [url]
    assert metas(page, "property", "og:title") == [title]
    assert metas(page, "property", "og:url") == [url]
    assert metas(page, "property", "og:site_name") == [BOOK_TITLE]
    assert metas(page, "property", "og:type") == ["article"]
    description = metas(page, "property", "og:description")
    assert len(description) == 1 and 0 < len(description[0]) <= 200


@pytest.mark.parametrize("docname", CHAPTERS)
def test_pdf_url_and_link_are_there_exactly_when_the_pdf_exists(docname):
    page = soup(docname)
    exists = pdf_file(docname).exists()
    expected = [f"{BASEURL}_static/pdf/{slug(docname)}.pdf"] if exists else []
    assert metas(page, "name", "citation_pdf_url") == expected
    links = [a["href"] for a in page.select("article.bd-article a[href$='.pdf']")]
    assert bool(links) == exists
    for href in links:
        assert (SITE / docname).parent.joinpath(href).resolve() == pdf_file(docname).resolve()


@pytest.mark.parametrize("docname", OTHER_PAGES)
def test_appendices_carry_social_tags_but_no_chapter_citation(docname):
    page = soup(docname)
    assert metas(page, "property", "og:url") == [f"{BASEURL}{docname}.html"]
    assert metas(page, "name", "citation_title") == []
    assert page.find(id="cite-this-chapter") is None


# ---------------------------------------------------------------------------------------------
# The cite box and its files
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("docname", CHAPTERS)
def test_cite_box_shows_apa_and_bibtex_and_links_its_files(docname):
    page = soup(docname)
    box = page.find(id="cite-this-chapter")
    assert box is not None and box.find("h2").get_text() == "Cite this chapter"
    apa = " ".join(box.select_one(".cite-apa").get_text().split())
    title = heading(page)
    ended = title if title.rstrip("”’\"')").endswith(("?", "!", ".")) else f"{title}."
    assert apa.startswith(f"{AUTHOR}. ({BOOK_DATE.year}, {BOOK_DATE:%B} {BOOK_DATE.day}). {ended} In {BOOK_TITLE}")
    assert apa.endswith(f"{BASEURL}{docname}.html")
    assert f"@incollection{{{slug(docname)}-{BOOK_DATE.year}," in box.select_one("pre.cite-bibtex").get_text()
    for suffix in ("bib", "json"):
        hrefs = [a["href"] for a in box.find_all("a") if a["href"].endswith(f"{slug(docname)}.{suffix}")]
        assert len(hrefs) == 1
        assert (SITE / docname).parent.joinpath(hrefs[0]).resolve().is_file()


@pytest.mark.parametrize("docname", CHAPTERS)
def test_bibtex_file_parses_with_the_chapter_title_url_and_year(docname):
    from pybtex.database import parse_string

    text = (SITE / "_static" / "cite" / f"{slug(docname)}.bib").read_text(encoding="utf-8")
    database = parse_string(text, "bibtex")
    assert list(database.entries) == [f"{slug(docname)}-{BOOK_DATE.year}"]
    entry = database.entries[f"{slug(docname)}-{BOOK_DATE.year}"]
    assert entry.type == "incollection"
    assert entry.fields["title"].strip("{}") == heading(soup(docname))
    assert entry.fields["booktitle"].strip("{}") == BOOK_TITLE
    assert entry.fields["url"] == f"{BASEURL}{docname}.html"
    assert entry.fields["year"] == str(BOOK_DATE.year)
    authors = entry.persons["author"]
    assert len(authors) == 1 and str(authors[0]).strip("{}") == AUTHOR  # one collective author, not split
    # the cite box shows the same entry as the file
    shown = soup(docname).select_one("#cite-this-chapter pre.cite-bibtex").get_text()
    assert shown == text


@pytest.mark.parametrize("docname", CHAPTERS)
def test_csl_json_file_is_a_valid_chapter_record(docname):
    records = json.loads((SITE / "_static" / "cite" / f"{slug(docname)}.json").read_text(encoding="utf-8"))
    assert isinstance(records, list) and len(records) == 1
    record = records[0]
    for field in ("id", "type", "title", "author", "issued", "URL"):
        assert record.get(field), f"CSL-JSON without {field}"
    assert record["type"] in CSL_TYPES and record["type"] == "chapter"
    assert record["title"] == heading(soup(docname))
    assert record["container-title"] == BOOK_TITLE
    assert record["author"] == [{"literal": AUTHOR}]
    assert record["issued"] == {"date-parts": [[BOOK_DATE.year, BOOK_DATE.month, BOOK_DATE.day]]}
    assert record["URL"] == f"{BASEURL}{docname}.html"
    assert record["version"] == VERSION


# ---------------------------------------------------------------------------------------------
# Claims: permalinks and ClaimReview
# ---------------------------------------------------------------------------------------------


def ledger_rows(docname: str) -> list[dict[str, str]]:
    chapter = "index" if docname == "index" else slug(docname)
    return [row for row in read_csv("ledger/claims.csv") if row["chapter"] == chapter]


def json_ld(page: BeautifulSoup) -> list[dict]:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) <= 1, "one JSON-LD block per page"
    return json.loads(scripts[0].string) if scripts else []


def test_every_claim_box_has_a_permalink_to_its_anchor():
    missing = []
    for row in read_csv("ledger/claims.csv"):
        docname = "index" if row["chapter"] == "index" else f"chapters/{row['chapter']}"
        box = soup(docname).find(id=f"claim-{row['id']}")
        link = box.select_one(".admonition-title a.claim-permalink") if box else None
        if link is None or link["href"] != f"#claim-{row['id']}":
            missing.append(row["id"])
    assert missing == []


@pytest.mark.parametrize("docname", CHAPTERS)
def test_claim_reviews_match_the_ledger(docname):
    page = soup(docname)
    rated = {row["id"]: row for row in ledger_rows(docname) if row["verdict"] not in ("opinion", "pending")}
    reviews = json_ld(page)
    url = f"{BASEURL}{docname}.html#claim-"
    assert sorted(r["url"] for r in reviews) == sorted(url + claim_id for claim_id in rated)
    article = next(row for row in read_csv("ledger/sources.csv") if row["id"] == "article2026")
    for review in reviews:
        row = rated[review["url"].removeprefix(url)]
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["reviewRating"]["@type"] == "Rating"
        assert review["reviewRating"]["alternateName"] == row["verdict"].replace("-", " ")
        claimed = review["claimReviewed"]
        assert len(claimed) <= 75 and row["quote"].startswith(claimed.removesuffix("…"))
        assert review["itemReviewed"]["@type"] == "Claim"
        assert review["itemReviewed"]["appearance"]["url"] == article["url"]
        assert review["author"] == {"@type": "Organization", "name": AUTHOR, "url": BASEURL}
        assert review["datePublished"] == BOOK_DATE.isoformat()
        assert page.find(id=f"claim-{row['id']}") is not None, "the review's anchor is on the page"


def test_opinions_are_not_published_as_claim_reviews():
    opinions = [row for row in read_csv("ledger/claims.csv") if row["verdict"] == "opinion"]
    assert opinions, "the ledger has opinion rows; this test needs one"
    published = {r["url"].rsplit("#claim-", 1)[1] for d in CHAPTERS for r in json_ld(soup(d))}
    assert not published & {row["id"] for row in opinions}


# ---------------------------------------------------------------------------------------------
# PDFs
# ---------------------------------------------------------------------------------------------


def pdfs_expected() -> bool:
    from distillbook.publish import pdf

    return pdf.available()


@pytest.mark.parametrize("docname", CHAPTERS)
def test_each_chapter_pdf_opens_with_its_title_and_citation_on_page_one(docname):
    if not pdfs_expected():
        message = f"no Chromium at {CHROMIUM}: the book is built without PDFs (and without links to them)"
        if required("BOOK_REQUIRE_BROWSER"):
            pytest.fail(message + " (BOOK_REQUIRE_BROWSER=1: CI always builds the PDFs)")
        pytest.skip(message)
    from pypdf import PdfReader

    reader = PdfReader(pdf_file(docname))
    first = " ".join(reader.pages[0].extract_text().split())
    title = heading(soup(docname))
    assert title in first
    assert f"Cite as: {AUTHOR}. ({BOOK_DATE.year}" in first
    assert "Skip to main content" not in first, "navigation printed"
    assert reader.metadata.title.startswith(title)
    # charts are vector drawings: no raster image anywhere in the PDF
    assert sum(len(p.images) for p in reader.pages) == 0
    # its links lead to the public site, not to the loopback server it was printed from
    uris = [
        str(a.get_object()["/A"]["/URI"])
        for p in reader.pages
        for a in (p.get("/Annots") or [])
        if "/URI" in (a.get_object().get("/A") or {})
    ]
    assert uris and [u for u in uris if "127.0.0.1" in u or "localhost" in u] == []
    assert f"{BASEURL}{docname}.html" in uris  # the citation's URL is a live link


# ---------------------------------------------------------------------------------------------
# Sitemap
# ---------------------------------------------------------------------------------------------


def test_sitemap_lists_every_page_of_the_book():
    tree = ET.parse(SITE / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)]
    assert sorted(locations) == sorted(f"{BASEURL}{d}.html" for d in PAGES)
    assert {m.text for m in tree.getroot().findall("s:url/s:lastmod", ns)} == {BOOK_DATE.isoformat()}


# ---------------------------------------------------------------------------------------------
# CITATION.cff
# ---------------------------------------------------------------------------------------------


def citation_cff() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_is_valid_cff_1_2_0():
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(citation_cff())


def test_the_schema_rejects_a_citation_without_authors():
    broken = {key: value for key, value in citation_cff().items() if key != "authors"}
    with pytest.raises(jsonschema.ValidationError, match="authors"):
        jsonschema.Draft7Validator(SCHEMA).validate(broken)


def test_citation_cff_agrees_with_the_config():
    cff = citation_cff()
    for record in (cff, cff["preferred-citation"]):
        assert record["title"] == BOOK_TITLE
        assert record["authors"] == [{"name": AUTHOR}]
        assert record["version"] == VERSION
        assert record["url"] == BASEURL
        assert record["repository-code"] == CONFIG["repository"]["url"]
        assert record["license"] == "CC-BY-4.0"
        released = dt.date.fromisoformat(record["date-released"])
        # a pinned book date is the release date; otherwise the release precedes the commit built
        assert released == BOOK_DATE if PINNED_DATE else released <= BOOK_DATE
    assert cff["preferred-citation"]["type"] == "book"


def test_readme_says_how_to_cite():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^## How to cite$", readme, re.M)
    assert "CITATION.cff" in readme and "book_version" in readme and "baseurl" in readme


# ---------------------------------------------------------------------------------------------
# Labels in the text and the bibliography
# ---------------------------------------------------------------------------------------------

REFERENCES = "appendices/references"
LABEL = re.compile(r"^(?P<author>.+), (?P<year>\d{4}|n\.d\.)(?P<suffix>-?[a-z]{1,2})?$")


def bibliography() -> dict[str, str]:
    """The bibliography's entries: anchor id -> the label shown in front of the entry."""
    entries = {}
    for entry in soup(REFERENCES).select("div.citation"):
        label = entry.select_one("span.label").get_text().strip("[]")
        entries[entry["id"]] = label
    return entries


def test_the_bibliography_lists_every_source_once_under_its_own_label():
    entries = bibliography()
    sources = read_csv("ledger/sources.csv")
    assert sorted(entries) == sorted(f"source-{row['id']}" for row in sources)
    labels = list(entries.values())
    assert sorted(label for label in set(labels) if labels.count(label) > 1) == []


def test_each_label_is_author_and_year_of_its_source():
    entries = bibliography()
    for row in read_csv("ledger/sources.csv"):
        label = entries[f"source-{row['id']}"]
        match = LABEL.match(label)
        assert match, label
        arxiv = re.search(r"arxiv\.org/abs/(\d{2})\d{2}\.", row["url"])
        year = row["date_published"][:4] or (f"20{arxiv.group(1)}" if arxiv else "n.d.")
        assert match["year"] == year, (row["id"], label)
        first = row["author"].split(" and ")[0].split(",")[0].strip("{}")
        assert match["author"].startswith(first), (row["id"], label)
    # two hand-checked ones: three people, and an organisation with several dated sources
    assert entries["source-hinton2015distilling"] == "Hinton et al., 2015"
    assert re.fullmatch(r"Anthropic, 2026[a-z]", entries["source-anthropic2026distillation"])


def in_text_citations(docname: str) -> list[tuple[str, str]]:
    """(label, href) of every in-text citation on a built page."""
    return [(a.get_text(), a["href"]) for a in soup(docname).select("span.bibtex-citation a")]


def test_every_in_text_label_on_every_page_names_exactly_one_bibliography_entry():
    entries = bibliography()
    by_label = {}
    for anchor, label in entries.items():
        by_label.setdefault(label, []).append(anchor)
    checked, wrong = 0, []
    for docname in PAGES:
        for label, href in in_text_citations(docname):
            checked += 1
            page, _, anchor = href.partition("#")
            target = (SITE / docname).parent.joinpath(page).resolve() if page else (SITE / f"{docname}.html")
            if target != (SITE / f"{REFERENCES}.html").resolve() or by_label.get(label) != [anchor]:
                wrong.append(f"{docname}: [{label}] -> {href}")
    assert wrong == []
    assert checked > 150  # the book cites its sources this often; a crawl that found none is broken


def test_several_sources_in_one_citation_are_separated_by_semicolons():
    for docname in PAGES:
        for span in soup(docname).select("span.bibtex-citation"):
            links = span.find_all("a")
            text = span.get_text()
            assert text.startswith("[") and text.endswith("]")
            if len(links) > 1:
                assert text.count("; ") == len(links) - 1, text


# ---------------------------------------------------------------------------------------------
# Every citation block: BibTeX that parses with valid fields, APA punctuation, a claim's citation
# ---------------------------------------------------------------------------------------------


def citation_blocks(docname: str) -> list:
    return soup(docname).select("pre.cite-bibtex")


def test_every_bibtex_block_parses_and_uses_only_fields_of_its_type():
    from pybtex.database import parse_string

    seen = 0
    for docname in CHAPTERS:
        for block in citation_blocks(docname):
            database = parse_string(block.get_text(), "bibtex")
            assert len(database.entries) == 1, docname
            (entry,) = database.entries.values()
            assert bibtex_types.problems(entry) == [], (docname, entry.key)
            assert [str(p).strip("{}") for p in entry.persons["author"]] == [AUTHOR]
            assert entry.fields["note"] == f"Version {VERSION}"  # the version once, nowhere else
            assert "version" not in entry.fields and "date" not in entry.fields
            page, _, anchor = entry.fields["url"].removeprefix(BASEURL).partition("#")
            assert (SITE / page).is_file()
            assert not anchor or soup(page.removesuffix(".html")).find(id=anchor) is not None
            seen += 1
    claims = len(read_csv("ledger/claims.csv"))
    assert seen == len(CHAPTERS) + claims  # one per chapter's box, one per claim


def test_apa_text_ends_the_title_with_one_mark():
    for docname in CHAPTERS:
        for block in soup(docname).select("p.cite-apa"):
            text = " ".join(block.get_text().split())
            for doubled in ("?.", "!.", ".”.", "?”.", "..", ",."):
                assert doubled not in text, (docname, text)
            assert text.startswith(f"{AUTHOR}. ({BOOK_DATE.year}, {BOOK_DATE:%B} {BOOK_DATE.day}). ")


def test_every_claim_box_has_cite_this_claim_beside_its_permalink():
    missing = []
    for row in read_csv("ledger/claims.csv"):
        docname = "index" if row["chapter"] == "index" else f"chapters/{row['chapter']}"
        box = soup(docname).find(id=f"claim-{row['id']}")
        title = box.select_one(".admonition-title")
        links = [a["class"][0] for a in title.find_all("a")]
        cite_link = title.select_one("a.claim-cite")
        folded = box.find("details", id=f"cite-claim-{row['id']}")
        if links[-2:] != ["claim-permalink", "claim-cite"] or cite_link["href"] != f"#cite-claim-{row['id']}":
            missing.append(row["id"])
        elif folded is None or f"#claim-{row['id']}" not in folded.select_one("p.cite-apa").get_text():
            missing.append(row["id"])
    assert missing == []


def test_every_page_carries_the_author_line_of_the_config():
    for docname in PAGES:
        footer = soup(docname).select_one("p.component-author")
        assert footer is not None and " ".join(footer.get_text().split()) == f"By {AUTHOR}"
