"""The book's pages: their order (``_toc.yml``), their front matter, their code cells, and the
names that one slug gives each of them.

A page's *slug* is its file name without ``.md`` (``safety-paradox``). The same slug names the
ledger's ``chapter`` value, the page's data folder (``data/safety-paradox/``) and, with hyphens
as underscores, its module (``distillbook.chapters.safety_paradox``) and its tests.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import yaml

from distillbook.core import paths

#: Every page that judges claims, in reading order (the ledger's ``chapter`` values).
CLAIM_PAGES = ["index", "definitions", "counting", "safety-paradox", "proxies", "double-standards"]

_CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n((?::[\w-]+:[^\n]*\n)*)(.*?)^```", re.S | re.M)


def book_pages(root: Path = paths.ROOT) -> list[Path]:
    """Every MyST page of the book, in table-of-contents order (``_toc.yml``)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    docs = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                docs.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return [root / f"{doc}.md" for doc in docs]


def docname(page: Path, root: Path = paths.ROOT) -> str:
    """A page's Sphinx docname (``chapters/counting``) from its path."""
    return str(page.resolve().relative_to(root.resolve()).with_suffix(""))


def slug(docname_: str) -> str:
    """The last part of a docname: ``chapters/safety-paradox`` -> ``safety-paradox``."""
    return docname_.rsplit("/", 1)[-1]


def module_name(slug_: str) -> str:
    """The chapter module of a page slug: ``safety-paradox`` -> ``distillbook.chapters.safety_paradox``."""
    return f"distillbook.chapters.{slug_.replace('-', '_')}"


def claim_page_docname(chapter: str) -> str:
    """The docname of a ledger ``chapter`` value (``counting`` -> ``chapters/counting``)."""
    return "index" if chapter == "index" else f"chapters/{chapter}"


def front_matter_text(text: str) -> dict:
    """The YAML front matter of a MyST text (``{}`` when there is none)."""
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    return yaml.safe_load(text[3:end]) or {}


def front_matter(path: Path) -> dict:
    """The YAML front matter of a MyST file (``{}`` when there is none)."""
    return front_matter_text(path.read_text(encoding="utf-8"))


def is_notebook(text: str) -> bool:
    """True when a MyST text is an executable notebook (its front matter names a kernel)."""
    return text.startswith("---") and "kernelspec:" in text.split("\n---", 1)[0]


#: ``reads: ["*"]`` declares every table (a page that shows something of every table, such as
#: the digests of the data files or the whole ledger's checks).
EVERY_TABLE = "*"


def declared_reads(path: Path) -> list[str]:
    """The tables a page declares under ``book: reads:`` in its front matter (``["*"]``: all)."""
    return list((front_matter(path).get("book") or {}).get("reads") or [])


def code_cells(text: str) -> list[str]:
    """The source of each code cell of a MyST notebook text, in order (options removed)."""
    return [match.group(2).rstrip("\n") for match in _CODE_CELL.finditer(text)]


def every_claim_page_exists(root: Path = paths.ROOT) -> bool:
    """True once every page the ledger names exists and is not a draft (``book: status: draft``
    in its front matter marks a page still being written)."""
    for chapter in CLAIM_PAGES:
        path = paths.doc_path(claim_page_docname(chapter), root)
        if not path.exists() or (front_matter(path).get("book") or {}).get("status") == "draft":
            return False
    return True


def claim_href(chapter: str, claim_id: str, from_docname: str = "chapters/verdict") -> str:
    """The link from page ``from_docname`` to a claim's anchor on the page that argues it
    (``chapters/<chapter>.html#claim-<id>``, or ``index.html#claim-<id>``), relative to the page."""
    target = f"{claim_page_docname(chapter)}.html"
    here = posixpath.dirname(from_docname) or "."
    return f"{posixpath.relpath(target, here)}#claim-{claim_id}"


def claim_cite_anchor(claim_id: str) -> str:
    """The anchor of a claim's citation, folded at the end of its box (``cite-claim-<id>``)."""
    return f"cite-claim-{claim_id}"


def claim_cite_href(chapter: str, claim_id: str, from_docname: str = "chapters/verdict") -> str:
    """The link from page ``from_docname`` to a claim's citation on the page that argues it
    (``chapters/<chapter>.html#cite-claim-<id>``), relative to the page; opening it unfolds the
    citation."""
    page = claim_href(chapter, claim_id, from_docname).partition("#")[0]
    return f"{page}#{claim_cite_anchor(claim_id)}"
