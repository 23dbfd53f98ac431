"""The verdicts as open data, published by every build beside the pages:

* ``claims.json``: the claims ledger as the book publishes it, one object per claim (id, title,
  the article's words, verdict, conclusion, the link to the claim's box, the book's version),
  described by ``schemas/claims.schema.json`` (JSON Schema), which is published beside it;
* ``feed.xml``: an Atom feed (RFC 4287) with one entry per verdict change in the corrections
  log (``data/ledger/corrections.csv``), each linking to the claim's box.

Pure functions: records and text in, text out. The build writes them
(:func:`distillbook.publish.sphinx.citing.write_open_data`).
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

from distillbook.core import ledger
from distillbook.core.pages import claim_page_docname
from distillbook.publish import cite

if TYPE_CHECKING:  # pandas only in annotations: a build that writes no open data never imports it
    import pandas as pd

CLAIMS_PATH = "claims.json"
FEED_PATH = "feed.xml"
SCHEMA_PATH = "claims.schema.json"
#: The JSON Schema of ``claims.json``, kept with the code that writes it.
SCHEMA_FILE = Path(__file__).with_name("schemas") / SCHEMA_PATH
#: The page that lists every correction; the feed's alternate link.
CORRECTIONS_PAGE = "appendices/corrections"
ATOM = "http://www.w3.org/2005/Atom"
LICENCE = "CC-BY-4.0"


def _as_of(value) -> str:
    return value.date().isoformat() if hasattr(value, "date") else str(value)


def claim_record(meta: cite.BookMeta, row: pd.Series, conclusion: str) -> dict:
    """One claim as published: the ledger's row with its conclusion filled in from the check's
    figures, its title (:func:`distillbook.core.ledger.claim_title`) and the link to its box."""
    docname = claim_page_docname(row["chapter"])
    return {
        "id": row["id"],
        "title": ledger.claim_title(row),
        "quote": row["quote"],
        "context": row["context"] or row["quote"],
        "verdict": row["verdict"],
        "verdict_label": ledger.verdict_label(row["verdict"]),
        "conclusion": conclusion,
        "chapter": row["chapter"],
        "article_section": int(row["article_section"]),
        "as_of": _as_of(row["as_of"]),
        "url": cite.claim_url(meta, docname, row["id"]),
        "version": meta.version,
    }


def claims_document(meta: cite.BookMeta, records: list[dict]) -> dict:
    """``claims.json``: the book's title, version, date, author and licence, and the claims."""
    return {
        "$schema": f"{meta.baseurl}{SCHEMA_PATH}",
        "title": meta.title,
        "author": meta.author,
        "version": meta.version,
        "date": meta.date.isoformat(),
        "license": LICENCE,
        "url": f"{meta.baseurl}{CLAIMS_PATH}",
        "claims": records,
    }


def claims_json(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def verdict_changes(corrections: pd.DataFrame) -> pd.DataFrame:
    """The corrections log's rows that move a verdict (before and after given, and different)."""
    moved = (corrections["verdict_before"] != "") & (corrections["verdict_after"] != "")
    moved &= corrections["verdict_before"] != corrections["verdict_after"]
    return corrections[moved]


def _day(value) -> dt.date:
    return value.date() if hasattr(value, "date") else dt.date.fromisoformat(str(value))


def _timestamp(day: dt.date) -> str:
    """An RFC 3339 timestamp for a day (its start, in UTC), as Atom's date constructs need."""
    return f"{day.isoformat()}T00:00:00Z"


def entry_id(meta: cite.BookMeta, day: dt.date, version: str, claim_id: str) -> str:
    """A permanent id for one verdict change: a tag URI (RFC 4151) under the book's host."""
    host = meta.baseurl.split("://", 1)[-1].split("/", 1)[0]
    return f"tag:{host},{day.isoformat()}:verdict-change/{version}/{claim_id}"


def feed(meta: cite.BookMeta, changes: pd.DataFrame, claims: pd.DataFrame) -> str:
    """``feed.xml``: an Atom feed of the verdict changes, newest first; each entry's title names
    the claim and the move, its link goes to the claim's box, its content gives the reason."""
    ET.register_namespace("", ATOM)

    def sub(parent, tag: str, text: str | None = None, **attributes: str):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    by_id = claims.set_index("id")
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    sub(root, "id", f"{meta.baseurl}{FEED_PATH}")
    sub(root, "title", f"{meta.title}: verdict changes")
    sub(root, "subtitle", "Every change of a verdict in the book's claims ledger, from its corrections log.")
    days = [_day(value) for value in changes["date"]]
    sub(root, "updated", _timestamp(max(days, default=meta.date)))
    author = sub(root, "author")
    sub(author, "name", meta.author)
    sub(author, "uri", meta.baseurl)
    sub(root, "link", href=f"{meta.baseurl}{FEED_PATH}", rel="self", type="application/atom+xml")
    sub(root, "link", href=cite.page_url(meta, CORRECTIONS_PAGE), rel="alternate", type="text/html")
    sub(root, "rights", f"Text and data: {LICENCE}")
    ordered = sorted(zip(days, changes.to_dict("records"), strict=True), key=lambda pair: pair[0], reverse=True)
    for day, change in ordered:
        claim = by_id.loc[change["claim_id"]]
        before, after = ledger.verdict_label(change["verdict_before"]), ledger.verdict_label(change["verdict_after"])
        item = sub(root, "entry")
        sub(item, "id", entry_id(meta, day, change["version"], change["claim_id"]))
        sub(item, "title", f"{ledger.claim_title(claim)}: {before} → {after}")
        sub(item, "updated", _timestamp(day))
        sub(item, "published", _timestamp(day))
        url = cite.claim_url(meta, claim_page_docname(claim["chapter"]), change["claim_id"])
        sub(item, "link", href=url, rel="alternate", type="text/html")
        sub(item, "category", term=change["verdict_after"], label=after)
        sub(item, "summary", f"Version {change['version']}: {change['change']}")
        sub(item, "content", f"{change['change']} Why: {change['reason']}", type="text")
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
