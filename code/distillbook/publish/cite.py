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

from distillbook.core import pages

#: Pages that are chapters for citing: the introduction and every page under ``chapters/``.
CHAPTER_PREFIX = "chapters/"
#: Where the per-chapter files are published, relative to the site's root.
CITE_DIR = "_static/cite"
PDF_DIR = "_static/pdf"
#: The preview card a shared link shows (drawn by :mod:`distillbook.publish.preview`): where it
#: is published, its size in pixels and its description.
CARD_PATH = "_static/og-image.png"
CARD_SIZE = (1200, 630)
CARD_ALT = "The book's title and version, and a bar of how many of the article's claims got each verdict."
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


#: Closing quotation marks that may follow a sentence's own punctuation.
_CLOSING = "”’\"')"


def ends_sentence(text: str) -> bool:
    """True when ``text`` already ends a sentence: in ``.``, ``?`` or ``!``, also before closing
    quotation marks (``attack”?`` and ``“lying to us.”`` need no full stop after them)."""
    return text.rstrip().rstrip(_CLOSING).endswith((".", "?", "!"))


def sentence(text: str) -> str:
    """``text`` with one full stop at its end, unless it ends a sentence already."""
    return text if ends_sentence(text) else text + "."


#: The BibTeX months, as the macros every style knows.
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

#: An empty span that the page's script fills with the reader's date of access (``cite.js``):
#: a citation of a web page carries the date it was read, which only the reader's browser knows.
ACCESSED_APA = '<span class="cite-accessed" data-style="apa"></span>'
ACCESSED_BIBTEX = '<span class="cite-accessed" data-style="bibtex"></span>'


def _bibtex_entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    """One BibTeX entry; each value is written as given (braced text, or a month macro)."""
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _braced(text: str, double: bool = False) -> str:
    escaped = _bibtex_escape(text)
    return "{{" + escaped + "}}" if double else "{" + escaped + "}"


def bibtex(meta: BookMeta, docname: str, title: str) -> str:
    """An ``@incollection`` entry for one chapter, with only the fields BibTeX defines for the type
    (and ``url``): the version in ``note``, once; the collective author double-braced so that
    BibTeX does not split it into a first and last name; the publisher is the same collective
    (the book is published by those who write it)."""
    fields = [
        ("author", _braced(meta.author, double=True)),
        ("title", _braced(title, double=True)),
        ("booktitle", _braced(meta.title, double=True)),
        ("publisher", _braced(meta.author, double=True)),
        ("year", "{" + str(meta.date.year) + "}"),
        ("month", MONTHS[meta.date.month - 1]),
        ("note", "{" + _bibtex_escape(f"Version {meta.version}") + "}"),
        ("url", "{" + page_url(meta, docname) + "}"),
    ]
    return _bibtex_entry("incollection", cite_key(meta, docname), fields)


def claim_key(meta: BookMeta, claim_id: str) -> str:
    """A claim's BibTeX / CSL key: ``claim-<id>-<year>``."""
    return f"claim-{claim_id}-{meta.date.year}"


def claim_url(meta: BookMeta, docname: str, claim_id: str) -> str:
    """The public URL of a claim's box: its page and the anchor ``#claim-<id>``."""
    return f"{page_url(meta, docname)}#claim-{claim_id}"


def claim_bibtex(meta: BookMeta, docname: str, claim_id: str, claim_title: str) -> str:
    """A ``@misc`` entry for one claim's review (only the fields BibTeX defines for ``@misc``,
    and ``url``)."""
    fields = [
        ("author", _braced(meta.author, double=True)),
        ("title", _braced(f"{claim_title} [Claim review]", double=True)),
        ("howpublished", "{" + _bibtex_escape(f"In {meta.title}") + "}"),
        ("year", "{" + str(meta.date.year) + "}"),
        ("month", MONTHS[meta.date.month - 1]),
        ("note", "{" + _bibtex_escape(f"Version {meta.version}") + "}"),
        ("url", "{" + claim_url(meta, docname, claim_id) + "}"),
    ]
    return _bibtex_entry("misc", claim_key(meta, claim_id), fields)


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
            "publisher": meta.author,
            "issued": {"date-parts": [[day.year, day.month, day.day]]},
            "version": meta.version,
            "URL": page_url(meta, docname),
        }
    ]


def _apa_date(meta: BookMeta) -> str:
    day = meta.date
    return f"{day.year}, {day.strftime('%B')} {day.day}"


def _apa(meta: BookMeta, title_html: str, url: str, accessed: bool) -> str:
    return (
        f"{html.escape(meta.author)}. ({_apa_date(meta)}). {title_html} In <i>{html.escape(meta.title)}</i> "
        f"(Version {html.escape(meta.version)}). {ACCESSED_APA if accessed else ''}"
        f'<a href="{html.escape(url)}">{html.escape(url)}</a>'
    )


def apa(meta: BookMeta, docname: str, title: str, accessed: bool = True) -> str:
    """An APA-style reference as HTML (the book's title in italics; no full stop after a title
    that ends in its own punctuation). With ``accessed``, an empty span before the URL that the
    page's script fills with "Retrieved <the reader's date>, from"."""
    return _apa(meta, html.escape(sentence(title)), page_url(meta, docname), accessed)


def claim_apa(meta: BookMeta, docname: str, claim_id: str, claim_title: str) -> str:
    """An APA-style reference to one claim's review, as HTML."""
    described = f"{html.escape(claim_title)} [Claim review]."
    return _apa(meta, described, claim_url(meta, docname, claim_id), accessed=True)


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
    """Open Graph tags as (property, content) pairs, the book's preview card among them."""
    return [
        ("og:title", title),
        ("og:type", "article"),
        ("og:url", page_url(meta, docname)),
        ("og:description", description),
        ("og:site_name", meta.title),
        ("og:image", f"{meta.baseurl}{CARD_PATH}"),
        ("og:image:type", "image/png"),
        ("og:image:width", str(CARD_SIZE[0])),
        ("og:image:height", str(CARD_SIZE[1])),
        ("og:image:alt", CARD_ALT),
    ]


def social_tags() -> list[tuple[str, str]]:
    """``name=`` tags for the sites that read their own: a large preview card."""
    return [("twitter:card", "summary_large_image")]


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


def citation_blocks(apa_html: str, bibtex_text: str) -> str:
    """The APA and BibTeX texts of one citation, each a block the page's script gives a copy
    button (``cite-block``; ``data-copy-label`` names what the button copies)."""
    bibtex_html = html.escape(bibtex_text)
    note = re.compile(r"(  note = \{[^\n]*?)(\},?\n)")
    bibtex_html = note.sub(lambda m: m.group(1) + ACCESSED_BIBTEX + m.group(2), bibtex_html, count=1)
    return (
        f'<p class="cite-apa cite-block" data-copy-label="APA">{apa_html}</p>\n'
        f'<pre class="cite-bibtex cite-block" data-copy-label="BibTeX" tabindex="0">{bibtex_html}</pre>\n'
    )


def cite_box(meta: BookMeta, docname: str, title: str, pdf: bool) -> str:
    """The visible "Cite this chapter" box: APA text, BibTeX (each with a copy button and the
    reader's access date, added by the page's script), and links to the ``.bib``, CSL-JSON and
    (when it exists) PDF files."""
    links = [
        f'<a href="{relative_file(docname, CITE_DIR, "bib")}" download>BibTeX (.bib)</a>',
        f'<a href="{relative_file(docname, CITE_DIR, "json")}" download>CSL-JSON (.json)</a>',
    ]
    if pdf:
        links.append(f'<a href="{relative_file(docname, PDF_DIR, "pdf")}">PDF of this chapter</a>')
    return (
        '<div class="cite-box" id="cite-this-chapter">\n'
        '<h2 class="cite-box-title">Cite this chapter</h2>\n'
        + citation_blocks(apa(meta, docname, title), bibtex(meta, docname, title))
        + f'<p class="cite-files">Download: {" · ".join(links)}</p>\n'
        "</div>\n"
    )


def claim_cite_id(claim_id: str) -> str:
    """The anchor of a claim's citation (a disclosure at the end of its box)."""
    return pages.claim_cite_anchor(claim_id)


def claim_cite_block(meta: BookMeta, docname: str, claim_id: str, claim_title: str) -> str:
    """A claim's citation, folded: APA and BibTeX with copy buttons, opened by "cite this claim"."""
    return (
        f'<details class="claim-cite-block" id="{claim_cite_id(claim_id)}">\n'
        "<summary>Cite this claim</summary>\n"
        + citation_blocks(
            claim_apa(meta, docname, claim_id, claim_title), claim_bibtex(meta, docname, claim_id, claim_title)
        )
        + "</details>\n"
    )


def print_header(meta: BookMeta, docname: str, title: str) -> str:
    """A block shown only in print (the PDF's first page): how to cite this chapter."""
    return f'<div class="cite-print"><p>Cite as: {apa(meta, docname, title, accessed=False)}</p></div>\n'


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
