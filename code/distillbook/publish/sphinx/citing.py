"""Citing (:mod:`distillbook.publish.cite`): per chapter, Highwire ``citation_*`` and Open Graph
tags, a "Cite this chapter" box, ``.bib`` and CSL-JSON files and, where Chromium prints them, a PDF
link; per rated claim, schema.org ``ClaimReview`` JSON-LD; a sitemap. All from ``_config.yml``
(title, author, ``html.baseurl``, ``book_version``, ``book_date``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from distillbook.core import data, ledger
from distillbook.core.pages import claim_page_docname
from distillbook.publish import cite, opendata, pdf, preview
from distillbook.publish.files import write_if_changed

logger = logging.getLogger(__name__)


def resolve_book_settings(app: Sphinx, config) -> None:
    """Fix, once per build, the book's date (``book_date`` if pinned, else the commit's date from
    ``SOURCE_DATE_EPOCH``) and whether chapter PDFs will be printed. Both are config values that
    rewrite every page when they change, so no page keeps an old date or a dead PDF link."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        day = cite.resolve_date(config.book_date, epoch)
    except ValueError:
        day = dt.datetime.now(dt.UTC).date()
        logger.info("distillbook: no commit date (SOURCE_DATE_EPOCH) and no book_date; dating the book %s", day)
    config.distillbook_date = day.isoformat()
    config.distillbook_pdf = pdf.available()
    if not config.html_baseurl:
        raise ExtensionError("_config.yml: html.baseurl is empty; citations, social tags and the sitemap need it")


def book_meta(app: Sphinx) -> cite.BookMeta:
    """The book's citation record from the configuration (``_config.yml``)."""
    config = app.config
    return cite.BookMeta(
        title=config.html_title or config.project,
        author=config.author,
        baseurl=cite.normalise_baseurl(config.html_baseurl),
        version=config.book_version,
        date=dt.date.fromisoformat(config.distillbook_date),
    )


def page_title(app: Sphinx, docname: str) -> str:
    """A page's title as plain text."""
    return app.env.titles[docname].astext()


def description(doctree) -> str:
    """The page's first paragraph of running text (outside admonitions and figures), shortened."""
    for paragraph in doctree.findall(nodes.paragraph):
        parent, inside = paragraph.parent, False
        while parent is not None:
            if isinstance(parent, (nodes.Admonition, nodes.figure, nodes.table, nodes.container)):
                inside = True
                break
            parent = parent.parent
        text = paragraph.astext().strip()
        if not inside and text:
            return cite.short_text(text, cite.DESCRIPTION_LIMIT)
    return ""


#: The reviewed article's row in ``data/ledger/sources.csv``.
ARTICLE_SOURCE = "article2026"


def claim_reviews(app: Sphinx, docname: str) -> list[dict]:
    """ClaimReview objects for the rated claims (not opinion, not pending) the page argues."""
    results = getattr(app.env, "distillbook_ledger", {})
    descriptor = Path(app.srcdir) / "data" / "datapackage.json"
    claims = data.load_table("ledger/claims", descriptor)
    sources = data.load_table("ledger/sources", descriptor).set_index("id")
    source = sources.loc[ARTICLE_SOURCE]
    published = source["date_published"]
    article = cite.Reviewed(
        url=source["url"],
        title=source["title"],
        author=source["publisher"],
        date_published="" if published is None or str(published) == "NaT" else published.date().isoformat(),
    )
    meta = book_meta(app)
    reviews = []
    for _, row in claims.iterrows():
        if claim_page_docname(row["chapter"]) != docname or row["verdict"] in ("opinion", ledger.PENDING):
            continue
        conclusion = ledger.conclusion_text(row, results.get(row["id"]))
        reviews.append(
            cite.claim_review(
                meta, docname, row["id"], row["quote"], ledger.verdict_label(row["verdict"]), conclusion, article
            )
        )
    return reviews


_FIRST_HEADING_END = re.compile(r"</h1>")


def cite_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Open Graph tags on every page; on chapters also the Highwire tags, the ClaimReview JSON-LD,
    the print-only citation and PDF link under the title, and the cite box at the end."""
    if doctree is None or pagename not in app.env.titles:
        return
    meta, title = book_meta(app), page_title(app, pagename)
    extra = cite.meta_html(cite.social_tags(), cite.open_graph_tags(meta, pagename, title, description(doctree)))
    feed = context["pathto"](opendata.FEED_PATH, 1) if "pathto" in context else opendata.FEED_PATH
    extra += f'<link rel="alternate" type="application/atom+xml" title="Verdict changes" href="{feed}" />\n'
    if cite.is_chapter(pagename, app.config.root_doc):
        has_pdf = app.config.distillbook_pdf
        extra = cite.meta_html(cite.highwire_tags(meta, pagename, title, has_pdf), []) + extra
        reviews = claim_reviews(app, pagename)
        if reviews:
            extra += cite.json_ld_script(reviews)
        head = cite.print_header(meta, pagename, title) + (cite.pdf_link(pagename) if has_pdf else "")
        body = _FIRST_HEADING_END.sub(lambda m: m.group(0) + "\n" + head, context.get("body", ""), count=1)
        context["body"] = body + cite.cite_box(meta, pagename, title, has_pdf)
    context["metatags"] = context.get("metatags", "") + extra
    if "cite-block" in context.get("body", ""):
        # copy buttons and the reader's access date in each citation (book-cite.js)
        app.add_js_file("vendor/book-cite.js", loading_method="defer")


def write_cite_files(app: Sphinx, env) -> None:
    """Before pages are written: each chapter's ``.bib`` and CSL-JSON, and ``sitemap.xml``."""
    if app.builder.format != "html":
        return
    meta = book_meta(app)
    outdir = Path(app.outdir)
    folder = outdir / cite.CITE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    docnames = sorted(env.found_docs)
    files = {}
    for docname in docnames:
        if not cite.is_chapter(docname, app.config.root_doc):
            continue
        title, slug = page_title(app, docname), cite.page_slug(docname)
        record = json.dumps(cite.csl_json(meta, docname, title), ensure_ascii=False, indent=1, sort_keys=True)
        files[folder / f"{slug}.bib"] = cite.bibtex(meta, docname, title)
        files[folder / f"{slug}.json"] = record + "\n"
    for old in folder.iterdir():
        if old not in files:  # a chapter no longer in the book
            old.unlink()
    files[outdir / "sitemap.xml"] = cite.sitemap(meta, docnames)
    for path, text in files.items():
        write_if_changed(path, text.encode("utf-8"))
    write_preview_card(app, meta)


def written_from_same_inputs(app: Sphinx, step: str, outputs: list[Path]) -> bool:
    """True when an earlier build wrote ``outputs`` in ``step`` from the same inputs (the gate's
    inputs, which hold the ledger, and the book's settings) and they are all still there: the
    step has nothing to do. Otherwise notes the inputs now used, for the next build."""
    inputs = f"{getattr(app.env, 'distillbook_gate_key', None)} {book_meta(app)!r} {app.config.distillbook_pdf}"
    written = getattr(app.env, "distillbook_written_from", {})
    if written.get(step) == inputs and all(path.exists() for path in outputs):
        return True
    app.env.distillbook_written_from = {**written, step: inputs}  # type: ignore[attr-defined]
    return False


def write_preview_card(app: Sphinx, meta: cite.BookMeta) -> None:
    """The preview card of a shared link (``og:image``), drawn again only when its title,
    version or verdict counts changed (the digest of what it was drawn from stays in the
    environment between builds)."""
    if written_from_same_inputs(app, "preview card", [Path(app.outdir) / cite.CARD_PATH]):
        return
    claims = data.load_table("ledger/claims", Path(app.srcdir) / "data" / "datapackage.json")
    where = meta.baseurl.split("://", 1)[-1].rstrip("/")
    spec = preview.card_spec(
        meta.title,
        f"An executable critical analysis of one opinion article · version {meta.version}",
        f"{meta.author} · {where}",
        ledger.verdict_counts(claims),
    )
    drawn = getattr(app.env, "distillbook_card_digest", None)
    app.env.distillbook_card_digest = preview.write_card(  # type: ignore[attr-defined]
        spec, Path(app.outdir) / cite.CARD_PATH, drawn
    )


def write_open_data(app: Sphinx, env) -> None:
    """Before pages are written: the verdicts as open data (:mod:`distillbook.publish.opendata`):
    ``claims.json`` with its schema, and ``feed.xml`` of the verdict changes."""
    if app.builder.format != "html":
        return
    meta = book_meta(app)
    outdir = Path(app.outdir)
    written = [outdir / opendata.CLAIMS_PATH, outdir / opendata.SCHEMA_PATH, outdir / opendata.FEED_PATH]
    if written_from_same_inputs(app, "open data", written):
        return
    descriptor = Path(app.srcdir) / "data" / "datapackage.json"
    claims = data.load_table("ledger/claims", descriptor)
    corrections = data.load_table("ledger/corrections", descriptor)
    results = getattr(app.env, "distillbook_ledger", {})
    records = [
        opendata.claim_record(meta, row, ledger.conclusion_text(row, results.get(row["id"])))
        for _, row in claims.iterrows()
        if row["verdict"] != ledger.PENDING
    ]
    document = opendata.claims_document(meta, records)
    write_if_changed(outdir / opendata.CLAIMS_PATH, opendata.claims_json(document).encode("utf-8"))
    write_if_changed(outdir / opendata.SCHEMA_PATH, opendata.SCHEMA_FILE.read_bytes())
    feed = opendata.feed(meta, opendata.verdict_changes(corrections), claims)
    write_if_changed(outdir / opendata.FEED_PATH, feed.encode("utf-8"))
