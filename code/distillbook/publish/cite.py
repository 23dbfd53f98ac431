"""Citation metadata of the book, built by small pure functions from one record.

The record (:class:`BookMeta`) comes from ``_config.yml`` alone: the title, the authors (the
book's contributors, credited collectively), ``html.baseurl``, and ``book_version`` /
``book_date`` under ``sphinx: config:``. An empty ``book_date`` means the commit's date
(``SOURCE_DATE_EPOCH``, which ``make book`` sets from ``git log``). From it and a page's title
come: Highwire ``citation_*`` and Open Graph meta tags, a BibTeX entry, a CSL-JSON record, an APA
line, the "Cite this chapter" box, schema.org ``ClaimReview`` JSON-LD for the page's rated claims,
and the sitemap. Nothing here reads files or the clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
from collections.abc import Iterable

#: Pages that are chapters for citing: the introduction and every page under ``chapters/``.
CHAPTER_PREFIX = "chapters/"
#: Where the per-chapter files are published, relative to the site's root.
CITE_DIR = "_static/cite"
PDF_DIR = "_static/pdf"
#: Google's advice for ``claimReviewed``: a short text.
CLAIM_REVIEWED_LIMIT = 75
#: Open Graph description length, in characters.
DESCRIPTION_LIMIT = 200


@dataclasses.dataclass(frozen=True)
class BookMeta:
    """The book's citation record: title, collective author, base URL (ending in ``/``),
    version, and publication date."""

    title: str
    author: str
    baseurl: str
    version: str
    date: dt.date


def resolve_date(pinned: str, source_date_epoch: str | None) -> dt.date:
    """The book's date: ``pinned`` (ISO ``YYYY-MM-DD``) when given, else the day (UTC) of
    ``source_date_epoch`` (seconds since 1970). Raises ValueError when neither is usable."""
    if pinned:
        return dt.date.fromisoformat(str(pinned))
    if source_date_epoch:
        return dt.datetime.fromtimestamp(int(source_date_epoch), tz=dt.UTC).date()
    raise ValueError("no book date: set book_date under sphinx: config: in _config.yml, or SOURCE_DATE_EPOCH")


def normalise_baseurl(url: str) -> str:
    """The base URL with exactly one trailing slash."""
    return url.rstrip("/") + "/"


def is_chapter(docname: str, root_doc: str = "index") -> bool:
    """True for the pages that get citation metadata, a cite box and a PDF."""
    return docname == root_doc or docname.startswith(CHAPTER_PREFIX)


def page_slug(docname: str) -> str:
    """The file stem of a chapter's citation files and PDF: ``chapters/counting`` -> ``counting``."""
    return docname.rsplit("/", 1)[-1]


def page_url(meta: BookMeta, docname: str) -> str:
    """The public URL of a page (Sphinx's ``.html`` file names)."""
    return f"{meta.baseurl}{docname}.html"


def file_url(meta: BookMeta, folder: str, docname: str, suffix: str) -> str:
    """The public URL of one of a chapter's files, e.g. its PDF."""
    return f"{meta.baseurl}{folder}/{page_slug(docname)}.{suffix}"


def relative_file(docname: str, folder: str, suffix: str) -> str:
    """A chapter's file as a link relative to the page itself (``../_static/...`` under chapters/)."""
    up = "../" * docname.count("/")
    return f"{up}{folder}/{page_slug(docname)}.{suffix}"


def cite_key(meta: BookMeta, docname: str) -> str:
    """A BibTeX / CSL key: the page's slug and the book's year, e.g. ``counting-2026``."""
    return f"{page_slug(docname)}-{meta.date.year}"


# -------------------------------------------------------------------------------------------------
# Records and strings
# -------------------------------------------------------------------------------------------------


def _bibtex_escape(text: str) -> str:
    """Escape the characters BibTeX treats specially inside a braced field."""
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def bibtex(meta: BookMeta, docname: str, title: str) -> str:
    """A ``@incollection`` entry for one chapter; the collective author is double-braced so that
    BibTeX does not split it into a first and last name."""
    fields = [
        ("title", "{" + _bibtex_escape(title) + "}"),
        ("booktitle", "{" + _bibtex_escape(meta.title) + "}"),
        ("author", "{" + _bibtex_escape(meta.author) + "}"),
        ("year", str(meta.date.year)),
        ("date", meta.date.isoformat()),
        ("version", meta.version),
        ("url", page_url(meta, docname)),
        ("note", f"Version {meta.version}"),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@incollection{{{cite_key(meta, docname)},\n{body}\n}}\n"


def csl_json(meta: BookMeta, docname: str, title: str) -> list[dict]:
    """The chapter as a one-item CSL-JSON list (type ``chapter``; the author as a literal name)."""
    day = meta.date
    return [
        {
            "id": cite_key(meta, docname),
            "type": "chapter",
            "title": title,
            "container-title": meta.title,
            "author": [{"literal": meta.author}],
            "issued": {"date-parts": [[day.year, day.month, day.day]]},
            "version": meta.version,
            "URL": page_url(meta, docname),
        }
    ]


def apa(meta: BookMeta, docname: str, title: str) -> str:
    """An APA-style reference as HTML (the book's title in italics)."""
    day = meta.date
    when = f"{day.year}, {day.strftime('%B')} {day.day}"
    url = page_url(meta, docname)
    return (
        f"{html.escape(meta.author)}. ({when}). {html.escape(title)}. In <i>{html.escape(meta.title)}</i> "
        f'(Version {html.escape(meta.version)}). <a href="{html.escape(url)}">{html.escape(url)}</a>'
    )


def highwire_tags(meta: BookMeta, docname: str, title: str, pdf: bool) -> list[tuple[str, str]]:
    """Highwire Press ``citation_*`` tags (Google Scholar's preference) as (name, content) pairs."""
    tags = [
        ("citation_title", title),
        ("citation_author", meta.author),
        ("citation_publication_date", meta.date.strftime("%Y/%m/%d")),
        ("citation_inbook_title", meta.title),
        ("citation_public_url", page_url(meta, docname)),
        ("citation_language", "en"),
    ]
    if pdf:
        tags.append(("citation_pdf_url", file_url(meta, PDF_DIR, docname, "pdf")))
    return tags


def open_graph_tags(meta: BookMeta, docname: str, title: str, description: str) -> list[tuple[str, str]]:
    """Open Graph tags as (property, content) pairs."""
    return [
        ("og:title", title),
        ("og:type", "article"),
        ("og:url", page_url(meta, docname)),
        ("og:description", description),
        ("og:site_name", meta.title),
    ]


def meta_html(name_tags: Iterable[tuple[str, str]], property_tags: Iterable[tuple[str, str]]) -> str:
    """``<meta>`` elements: ``name=`` for Highwire, ``property=`` for Open Graph."""
    lines = [f'<meta name="{html.escape(n)}" content="{html.escape(c)}" />' for n, c in name_tags]
    lines += [f'<meta property="{html.escape(p)}" content="{html.escape(c)}" />' for p, c in property_tags]
    return "\n".join(lines) + "\n"


def short_text(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


# -------------------------------------------------------------------------------------------------
# The cite box
# -------------------------------------------------------------------------------------------------


def cite_box(meta: BookMeta, docname: str, title: str, pdf: bool) -> str:
    """The visible "Cite this chapter" box: APA text, BibTeX, and links to the ``.bib``,
    CSL-JSON and (when it exists) PDF files."""
    links = [
        f'<a href="{relative_file(docname, CITE_DIR, "bib")}" download>BibTeX (.bib)</a>',
        f'<a href="{relative_file(docname, CITE_DIR, "json")}" download>CSL-JSON (.json)</a>',
    ]
    if pdf:
        links.append(f'<a href="{relative_file(docname, PDF_DIR, "pdf")}">PDF of this chapter</a>')
    return (
        '<div class="cite-box" id="cite-this-chapter">\n'
        '<h2 class="cite-box-title">Cite this chapter</h2>\n'
        f'<p class="cite-apa">{apa(meta, docname, title)}</p>\n'
        f'<pre class="cite-bibtex" tabindex="0">{html.escape(bibtex(meta, docname, title))}</pre>\n'
        f'<p class="cite-files">Download: {" · ".join(links)}</p>\n'
        "</div>\n"
    )


def print_header(meta: BookMeta, docname: str, title: str) -> str:
    """A block shown only in print (the PDF's first page): how to cite this chapter."""
    return f'<div class="cite-print"><p>Cite as: {apa(meta, docname, title)}</p></div>\n'


def pdf_link(docname: str) -> str:
    """A short line under the chapter's title linking to its PDF."""
    return f'<p class="chapter-pdf-link"><a href="{relative_file(docname, PDF_DIR, "pdf")}">PDF of this chapter</a> · <a href="#cite-this-chapter">Cite this chapter</a></p>\n'


# -------------------------------------------------------------------------------------------------
# ClaimReview
# -------------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Reviewed:
    """The reviewed article: where it appears and who wrote it, as the sources table has it."""

    url: str
    title: str
    author: str
    date_published: str = ""


def claim_review(
    meta: BookMeta, docname: str, claim_id: str, quote: str, verdict_label: str, conclusion: str, article: Reviewed
) -> dict:
    """One schema.org ``ClaimReview``: the claim (short quote), the verdict as readers see it
    (``alternateName``), the page URL with the claim's anchor, the reviewed article."""
    appearance = {"@type": "CreativeWork", "url": article.url, "name": article.title}
    if article.date_published:
        appearance["datePublished"] = article.date_published
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{page_url(meta, docname)}#claim-{claim_id}",
        "claimReviewed": short_text(quote, CLAIM_REVIEWED_LIMIT),
        "reviewBody": conclusion,
        "reviewRating": {"@type": "Rating", "alternateName": verdict_label},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": article.author},
            "appearance": appearance,
            "firstAppearance": appearance,
        },
        "author": {"@type": "Organization", "name": meta.author, "url": meta.baseurl},
        "datePublished": meta.date.isoformat(),
    }


def json_ld_script(items: list[dict]) -> str:
    """A ``<script type="application/ld+json">`` holding ``items`` (``</`` escaped)."""
    text = json.dumps(items, ensure_ascii=False, indent=1, sort_keys=True).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


# -------------------------------------------------------------------------------------------------
# Sitemap
# -------------------------------------------------------------------------------------------------


def sitemap(meta: BookMeta, docnames: Iterable[str]) -> str:
    """``sitemap.xml`` listing every page, with the book's date as ``lastmod``."""
    entries = "".join(
        f"  <url><loc>{html.escape(page_url(meta, d))}</loc><lastmod>{meta.date.isoformat()}</lastmod></url>\n"
        for d in docnames
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n"
    )
