"""One PDF per chapter, printed from the built site by Debian's Chromium (``make pdf``).

Jupyter Book's own PDF routes need a browser download (pyppeteer) or TeX Live; this prints the
built chapter pages with Playwright and ``/usr/bin/chromium`` instead. The print stylesheet
(``assets/book.css``) hides the navigation and shows the chapter's citation at the top of the
first page; charts are the pages' SVGs, so they stay vector images.

Whether PDFs exist is decided once, by :func:`available`: the extension links a chapter's PDF and
emits ``citation_pdf_url`` only when it is true, and ``make book`` then prints the PDFs before it
publishes the site, so a PDF link is never dead.

``python -m distillbook.publish.pdf`` (``make pdf``) prints every chapter of ``_build/html`` again and reports the time
taken and each PDF's size.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

from distillbook.core import pages, paths
from distillbook.publish import cite

CHROMIUM = Path("/usr/bin/chromium")
#: As in the browser tests: no sandbox (containers), no GPU, no background traffic.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Page size and margins of every PDF.
PAGE = {"format": "A4", "margin": {"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}}


def available() -> bool:
    """True when PDFs will be printed: Chromium is installed, Playwright importable, and
    ``BOOK_PDF`` is not ``0``."""
    if os.environ.get("BOOK_PDF", "1") == "0" or not CHROMIUM.exists():
        return False
    return importlib.util.find_spec("playwright") is not None  # found, not imported: a rebuild stays light


def chapter_docnames(root: Path) -> list[str]:
    """The chapters of the book (introduction and ``chapters/*``), in table-of-contents order."""
    docs = [pages.docname(p, root) for p in pages.book_pages(root)]
    return [d for d in docs if cite.is_chapter(d)]


def pdf_path(site: Path, docname: str) -> Path:
    """Where a chapter's PDF is written inside the site."""
    return site / cite.PDF_DIR / f"{cite.page_slug(docname)}.pdf"


def page_digest(site: Path, docname: str) -> str:
    """SHA-256 of what a chapter's PDF is printed from: its HTML, the book's stylesheet, and this
    module (a change to how PDFs are printed reprints them all)."""
    digest = hashlib.sha256()
    for path in (site / f"{docname}.html", site / "_static" / "vendor" / "book.css", Path(__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def pdf_date(publication_date: str) -> str:
    """A PDF date string (``D:YYYYMMDD000000Z``) for the page's ``citation_publication_date``
    (``YYYY/MM/DD``)."""
    day = dt.datetime.strptime(publication_date, "%Y/%m/%d")
    return day.strftime("D:%Y%m%d000000Z")


def public_link(uri: str, local: str, baseurl: str) -> str:
    """A link of the printed page as a reader of the PDF needs it: the loopback server's
    address (``local``, ending in ``/``) replaced by the book's public base URL."""
    return baseurl + uri[len(local) :] if uri.startswith(local) else uri


def stamp(path: Path, title: str, author: str, publication_date: str, local: str, baseurl: str) -> None:
    """Point the PDF's links at the public site, replace Chromium's wall-clock dates with the
    chapter's date, and set title and author: the same page prints the same PDF, byte for byte."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(path))
    for page in writer.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                action[NameObject("/URI")] = TextStringObject(public_link(str(action["/URI"]), local, baseurl))
    writer.add_metadata(
        {
            "/Title": title,
            "/Author": author,
            "/Producer": "Chromium (distillbook.publish.pdf)",
            "/CreationDate": pdf_date(publication_date),
            "/ModDate": pdf_date(publication_date),
        }
    )
    with open(path, "wb") as handle:
        writer.write(handle)


def print_pages(site: Path, docnames: list[str], author: str) -> dict[str, Path]:
    """Print each page of ``site`` (served on loopback) to its PDF; return the PDFs by docname."""
    from playwright.sync_api import sync_playwright

    from distillbook.publish.serve import serve

    done = {}
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            context.route("**/*", _local_only)
            # paper gets the static charts drawn at build time (the default view), never live ones
            context.add_init_script("window.bookStaticCharts = true;")
            for docname in docnames:
                page = context.new_page()
                page.goto(f"{url}/{docname}.html", wait_until="load")
                page.emulate_media(media="print")
                target = pdf_path(site, docname)
                target.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(target), print_background=True, **PAGE)
                date = page.get_attribute('meta[name="citation_publication_date"]', "content")
                public = page.get_attribute('meta[name="citation_public_url"]', "content")
                baseurl = public[: len(public) - len(f"{docname}.html")]
                stamp(target, page.title(), author, date, f"{url}/", baseurl)
                page.close()
                done[docname] = target
        finally:
            browser.close()
    return done


def _local_only(route) -> None:
    """Abort any request that would leave the loopback server."""
    from urllib.parse import urlparse

    if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost") or route.request.url.startswith("data:"):
        route.continue_()
    else:
        route.abort()


def print_book(site: Path, root: Path, author: str, manifest: Path | None = None) -> list[str]:
    """Print the chapters whose page changed since the last print (all of them without a
    ``manifest``); return the docnames printed."""
    docnames = chapter_docnames(root)
    seen = json.loads(manifest.read_text(encoding="utf-8")) if manifest and manifest.exists() else {}
    digests = {d: page_digest(site, d) for d in docnames}
    todo = [d for d in docnames if manifest is None or seen.get(d) != digests[d] or not pdf_path(site, d).exists()]
    wanted = {pdf_path(site, d) for d in docnames}
    for old in (site / cite.PDF_DIR).glob("*.pdf"):
        if old not in wanted:  # a chapter no longer in the book
            old.unlink()
    if todo:
        print_pages(site, todo, author)
    if manifest is not None:
        manifest.write_text(json.dumps(digests, indent=1, sort_keys=True), encoding="utf-8")
    return todo


def book_author(root: Path) -> str:
    """The book's collective author, from ``_config.yml``."""
    import yaml

    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))["author"]


def main() -> int:
    """Print every chapter of the built site again; report time and sizes."""
    root = paths.ROOT
    site = root / "_build" / "html"
    if not available():
        print(f"make pdf needs Chromium at {CHROMIUM} (apt-get install chromium) and BOOK_PDF not 0", file=sys.stderr)
        return 1
    if not (site / "index.html").exists():
        print("the site is not built: run make book first", file=sys.stderr)
        return 1
    start = time.perf_counter()
    printed = print_book(site, root, book_author(root))
    seconds = time.perf_counter() - start
    for docname in printed:
        path = pdf_path(site, docname)
        print(f"{path.relative_to(root)}  {path.stat().st_size / 1024:,.0f} KiB")
    print(f"pdf: {len(printed)} chapter(s) printed in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
