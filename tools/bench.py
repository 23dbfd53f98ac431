"""``make bench`` (``python tools/bench.py``): build and page figures measured in one run on this
machine. A measurement script, not part of the book's package.

Times are wall-clock seconds on a shared machine, so read them as ratios to the clean build
measured in the same run. Builds run in a private copy of the book, so the working tree and its
``_build`` are untouched.

* clean build; no-op rebuild; rebuild after a prose edit; rebuild after a data edit;
* the execution floor: every page's code cells run as plain Python in one process;
* per page: bytes a reader downloads (gzip-compressed, as a server would send them), number of
  requests, and milliseconds until every chart has drawn (Chromium, over loopback).
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from distillbook.core import pages, paths
from distillbook.publish.build import copy_book


def timed_build(book: Path, jobs: int | None = None) -> float:
    """Seconds for one ``python -m distillbook build`` of ``book`` (fails loudly); ``jobs`` sets
    how many processes pre-execute the pages (default: one per core)."""
    env = {**os.environ, "DISTILLBOOK_ROOT": str(book)}
    if jobs:
        env["BOOK_JOBS"] = str(jobs)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "distillbook", "build"], cwd=book, env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"bench build failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed


def execution_floor(root: Path) -> dict[str, float]:
    """Seconds each page's code takes as plain Python (imports shared, so this is a floor)."""
    times = {}
    for page in pages.book_pages(root):
        cells = pages.code_cells(page.read_text(encoding="utf-8"))
        if not cells:
            continue
        namespace: dict = {}
        cwd = os.getcwd()
        os.chdir(page.parent)
        start = time.perf_counter()
        try:
            for cell in cells:
                exec(compile(cell, str(page), "exec"), namespace)  # noqa: S102 - the book's own code
        finally:
            os.chdir(cwd)
        times[str(page.relative_to(root))] = time.perf_counter() - start
    return times


def gzipped_size(site: Path, url: str) -> int:
    """Bytes of the file behind a loopback URL once gzip-compressed (level 6, as servers do)."""
    from urllib.parse import unquote, urlparse

    path = site / unquote(urlparse(url).path).lstrip("/")
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0


def page_weights(site: Path) -> list[tuple[str, int, int, float]]:
    """(page, gzip bytes, requests, ms until charts drawn) for every page, in Chromium."""
    from playwright.sync_api import sync_playwright

    from distillbook.publish.pdf import CHROMIUM, CHROMIUM_ARGS
    from distillbook.publish.serve import serve

    rows = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for html in sorted(site.rglob("*.html")):
            relative = str(html.relative_to(site))
            if relative in ("genindex.html", "search.html") or relative.startswith("_"):
                continue
            context = browser.new_context()
            page = context.new_page()
            urls: list[str] = []
            page.on("requestfinished", lambda request, urls=urls: urls.append(request.url))
            start = time.perf_counter()
            page.goto(f"{base}/{relative}", wait_until="load")
            page.evaluate(
                "document.querySelectorAll('.book-chart--interactive').forEach(c => c.dispatchEvent(new Event('pointerdown')))"
            )
            page.wait_for_function(
                "[...document.querySelectorAll('.book-chart--interactive')].every(c => c.dataset.rendered === 'true')",
                timeout=20_000,
            )
            drawn = (time.perf_counter() - start) * 1000
            page.wait_for_load_state("networkidle")
            sizes = [gzipped_size(site, url) for url in urls]
            rows.append((relative, sum(sizes), len(sizes), drawn))
            context.close()
        browser.close()
    return rows


def stock_site(tmp: Path) -> Path:
    """The stock Jupyter Book 1 template (``jupyter-book create``), built with its own defaults:
    the reference the book's page weight is compared with."""
    stock = tmp / "stock"
    executable = Path(sys.executable).with_name("jupyter-book")
    subprocess.run([str(executable), "create", str(stock)], check=True, capture_output=True)
    subprocess.run([str(executable), "build", str(stock)], check=True, capture_output=True)
    return stock / "_build" / "html"


def summary(rows: list[tuple[str, int, int, float]], pages: list[str]) -> tuple[float, float]:
    """Mean kB and requests over the named pages."""
    chosen = [r for r in rows if r[0] in pages]
    return sum(r[1] for r in chosen) / len(chosen) / 1000, sum(r[2] for r in chosen) / len(chosen)


def main() -> int:
    root = paths.ROOT
    with tempfile.TemporaryDirectory() as tmp:
        stock_rows = page_weights(stock_site(Path(tmp)))
        book = Path(tmp) / "book"
        copy_book(root, book)
        clean = timed_build(book)
        noop = timed_build(book)
        chapter = book / "chapters" / "counting.md"
        chapter.write_text(
            chapter.read_text(encoding="utf-8") + "\nA sentence added for the benchmark.\n", encoding="utf-8"
        )
        prose = timed_build(book)
        table = book / "data" / "shared" / "allegation.csv"
        # an edit that keeps every verdict: MiniMax's figure 13,000,000 -> 13,100,000
        table.write_text(table.read_text(encoding="utf-8").replace(",13000000,", ",13100000,"), encoding="utf-8")
        data_edit = timed_build(book)
        serial_book = Path(tmp) / "serial"
        copy_book(root, serial_book)
        serial = timed_build(serial_book, jobs=1)
        floor = execution_floor(root)
        weights = page_weights(root / "_build" / "html") if (root / "_build" / "html").exists() else []

    print("\nBuilds (a private copy of the book; seconds and ratio to the clean build)\n")
    print("| build | seconds | ratio |\n|---|---:|---:|")
    rows = [
        ("clean", clean),
        ("no-op rebuild", noop),
        ("after a prose edit", prose),
        ("after a data edit", data_edit),
        ("clean, pages executed one at a time (BOOK_JOBS=1)", serial),
    ]
    for name, seconds in rows:
        print(f"| {name} | {seconds:.1f} | {seconds / clean:.2f} |")
    total_floor = sum(floor.values())
    print(
        f"\nExecution floor: the pages' code as plain Python, {total_floor:.1f} s in all ({total_floor / clean:.2f} of the clean build)\n"
    )
    print("| page | seconds |\n|---|---:|")
    for name, seconds in floor.items():
        print(f"| {name} | {seconds:.2f} |")
    if weights:
        print("\nPages as a reader downloads them (Chromium over loopback; gzip-compressed bytes)\n")
        print("| page | kB (gzip) | requests | ms until charts drawn |\n|---|---:|---:|---:|")
        for name, size, requests, drawn in weights:
            print(f"| {name} | {size / 1000:.0f} | {requests} | {drawn:.0f} |")
    else:
        print("\n(no built site: run make book to measure pages)")
    print("\nReference: the stock Jupyter Book 1 template, built with its defaults\n")
    print("| page | kB (gzip) | requests |\n|---|---:|---:|")
    for name, size, requests, _ in stock_rows:
        print(f"| {name} | {size / 1000:.0f} | {requests} |")
    if weights:
        stock_kb, stock_requests = summary(stock_rows, [r[0] for r in stock_rows])
        print(f"\nStock page: {stock_kb:.0f} kB over {stock_requests:.0f} requests on average.")
        for name, size, requests, _ in weights:
            print(f"- {name}: {size / 1000 / stock_kb:.2f} of the stock page's bytes, {requests} requests")
    return 0


if __name__ == "__main__":
    sys.exit(main())
