"""``make bench`` (``python tools/bench.py``): build and page figures measured in one run on this
machine. A measurement script, not part of the book's package.

Times are wall-clock seconds on a shared machine, so read them as ratios measured in the same
run; the machine's load average is printed with them. Builds run in a private copy of the book
with PDFs off (``BOOK_PDF=0``), so the working tree and its ``_build`` are untouched.

* clean build; no-op rebuild; rebuild after a prose edit; rebuild after a data edit; a clean
  build with every page executed by Jupyter Book in a kernel, one at a time (``BOOK_JOBS=1``);
* Sphinx's own time: a forced full rebuild (``--all``, Sphinx's ``-E``) with every page served
  from the execution cache;
* the execution floor: the imports once, then every page's code cells as plain Python in one
  process; each page's overhead is the time its pre-execution took in the clean build less its
  plain-Python time (median and worst);
* the stock Jupyter Book 1 template (``jupyter-book create``): its clean build and its no-op
  rebuild, the reference for the book's no-op rebuild;
* what a reader sees, the same whichever way pages execute: every glued number and claim box of
  the clean build (warm workers) against those of the one-page-at-a-time build (kernels), as
  ``tools/dump_rendered.py`` dumps them;
* before, with ``BENCH_BEFORE=<folder>`` (an older checkout of the book, e.g. ``git worktree add
  /tmp/bs-before <commit>``): that tree's clean build, no-op rebuild and prose-edit rebuild, each
  with its own build code, in the same run (its pages are those of its commit);
* per page: bytes a reader downloads (gzip-compressed, as a server would send them), number of
  requests, and milliseconds until every chart has drawn (Chromium, over loopback).
"""

from __future__ import annotations

import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from distillbook.core import pages, paths
from distillbook.publish.build import copy_book

PREEXECUTED = re.compile(r"^(\S+\.md): pre-executed in ([0-9.]+) seconds$", re.M)


@dataclass
class Build:
    seconds: float
    log: str

    def preexecuted(self, book: Path) -> dict[str, float]:
        """Seconds each page took to pre-execute (pages that succeeded), by path in the book."""
        return {str(Path(page).relative_to(book)): float(s) for page, s in PREEXECUTED.findall(self.log)}


def timed_build(book: Path, jobs: int | None = None, extra: list[str] | None = None, own_code: bool = False) -> Build:
    """One ``python -m distillbook build`` of ``book`` with PDFs off (fails loudly); ``jobs``
    sets how many warm workers pre-execute the pages (default: one per core), ``extra`` is
    passed to Jupyter Book; ``own_code`` runs the build code of ``book`` itself (an older tree)
    rather than the installed one."""
    env = {**os.environ, "DISTILLBOOK_ROOT": str(book), "BOOK_PDF": "0"}
    if own_code:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(book / "code"), os.environ.get("PYTHONPATH", "")]))
    if jobs:
        env["BOOK_JOBS"] = str(jobs)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "distillbook", "build", *(extra or [])],
        cwd=book,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"bench build failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return Build(elapsed, result.stdout + result.stderr)


def warm_imports(root: Path) -> None:
    """What any execution of the pages does once: import the package and its dependencies, start
    the chart renderer, validate the data package (as a warm worker does before its first page)."""
    import altair as alt

    import distillbook.chapters.checks  # noqa: F401 - every chapter module and what it imports
    from distillbook.core import charts, data

    chart = alt.Chart(alt.Data(values=[{"x": 1}])).mark_point().encode(x="x:Q").properties(description="warm-up")
    charts.static_svg(chart.to_dict(), "warm-up")
    data.validate_package(root / "data" / "datapackage.json")


def execution_floor(root: Path) -> tuple[float, dict[str, float]]:
    """Seconds for the one-time imports, and seconds each page's code takes as plain Python
    after them (in one process, in the page's folder)."""
    start = time.perf_counter()
    warm_imports(root)
    imports = time.perf_counter() - start
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
    return imports, times


def rendered(book: Path) -> set[tuple[str, ...]]:
    """What a reader sees of a built copy: its glued numbers and claim boxes (tools/dump_rendered.py)."""
    sys.path.insert(0, str(Path(__file__).parent))
    import dump_rendered

    executed = book / "_build" / "work" / "_build" / "jupyter_execute"
    return set(dump_rendered.number_rows(book, executed) + dump_rendered.claim_rows(book / "_build" / "html"))


def add_sentence(chapter: Path) -> None:
    """The prose edit: one sentence added at the end of a chapter."""
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\nA sentence added for the benchmark.\n", encoding="utf-8"
    )


def before_builds(before: Path, tmp: Path) -> dict[str, float]:
    """An older tree's clean build, no-op rebuild and prose-edit rebuild, with its own build code."""
    book = tmp / "before"
    copy_book(before, book)
    times = {"clean": timed_build(book, own_code=True).seconds}
    times["no-op rebuild"] = timed_build(book, own_code=True).seconds
    add_sentence(book / "chapters" / "counting.md")
    times["after a prose edit"] = timed_build(book, own_code=True).seconds
    return times


def gzipped_size(site: Path, url: str) -> int:
    """Bytes of the file behind a loopback URL once gzip-compressed (level 6, as servers do)."""
    from urllib.parse import unquote, urlparse

    path = site / unquote(urlparse(url).path).lstrip("/")
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0


def draw_charts(page) -> None:
    """Ask every live chart to draw (as a reader's pointer does) and wait until all have."""
    page.evaluate(
        "document.querySelectorAll('.book-chart--interactive').forEach(c => c.dispatchEvent(new Event('pointerdown')))"
    )
    page.wait_for_function(
        "[...document.querySelectorAll('.book-chart--interactive')].every(c => c.dataset.rendered === 'true')",
        timeout=20_000,
    )


def page_weights(site: Path) -> list[tuple[str, int, int, float]]:
    """(page, gzip bytes, requests, ms until charts drawn) for every page, in Chromium."""
    from playwright.sync_api import Error as PlaywrightError
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
            try:
                draw_charts(page)
            except PlaywrightError:  # a page that sends the reader on (the stock template's index.html)
                page.wait_for_load_state("load")
                draw_charts(page)
            drawn = (time.perf_counter() - start) * 1000
            page.wait_for_load_state("networkidle")
            sizes = [gzipped_size(site, url) for url in urls]
            rows.append((relative, sum(sizes), len(sizes), drawn))
            context.close()
        browser.close()
    return rows


def stock_book(tmp: Path) -> tuple[Path, float, float]:
    """The stock Jupyter Book 1 template (``jupyter-book create``), built with its own defaults:
    its site (the reference for page weight), its clean build and its no-op rebuild in seconds."""
    stock = tmp / "stock"
    executable = Path(sys.executable).with_name("jupyter-book")
    subprocess.run([str(executable), "create", str(stock)], check=True, capture_output=True)
    times = []
    for _ in range(2):
        start = time.perf_counter()
        subprocess.run([str(executable), "build", str(stock)], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return stock / "_build" / "html", times[0], times[1]


def summary(rows: list[tuple[str, int, int, float]], pages: list[str]) -> tuple[float, float]:
    """Mean kB and requests over the named pages."""
    chosen = [r for r in rows if r[0] in pages]
    return sum(r[1] for r in chosen) / len(chosen) / 1000, sum(r[2] for r in chosen) / len(chosen)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def main() -> int:
    root = paths.ROOT
    loads = [("start", load())]
    with tempfile.TemporaryDirectory() as tmp:
        stock_html, stock_clean, stock_noop = stock_book(Path(tmp))
        stock_rows = page_weights(stock_html)
        book = Path(tmp) / "book"
        copy_book(root, book)
        clean = timed_build(book)
        warm_seen = rendered(book)
        noop = timed_build(book)
        add_sentence(book / "chapters" / "counting.md")
        prose = timed_build(book)
        table = book / "data" / "shared" / "allegation.csv"
        # an edit that keeps every verdict: MiniMax's figure 13,000,000 -> 13,100,000
        table.write_text(table.read_text(encoding="utf-8").replace(",13000000,", ",13100000,"), encoding="utf-8")
        data_edit = timed_build(book)
        sphinx = timed_build(book, extra=["--all"])  # every page from the cache: Sphinx's own time
        if sphinx.preexecuted(book) or "Executing notebook" in sphinx.log:
            raise RuntimeError("the forced full rebuild executed pages: it does not measure Sphinx alone")
        loads.append(("after the builds", load()))
        serial_book = Path(tmp) / "serial"
        copy_book(root, serial_book)
        serial = timed_build(serial_book, jobs=1)
        kernel_seen = rendered(serial_book)
        before_root = os.environ.get("BENCH_BEFORE")
        before = before_builds(Path(before_root), Path(tmp)) if before_root else {}
        imports, floor = execution_floor(root)
        weights = page_weights(root / "_build" / "html") if (root / "_build" / "html").exists() else []
    loads.append(("end", load()))

    print(
        f"\nMachine: {os.cpu_count()} cores; load average (1 / 5 / 15 min): " + "; ".join(f"{w}: {v}" for w, v in loads)
    )
    print("\nBuilds (a private copy of the book, BOOK_PDF=0; seconds and ratio to the clean build)\n")
    print("| build | seconds | ratio |\n|---|---:|---:|")
    rows = [
        ("clean", clean.seconds),
        ("no-op rebuild", noop.seconds),
        ("after a prose edit", prose.seconds),
        ("after a data edit", data_edit.seconds),
        ("forced full rebuild, every page from the cache (Sphinx's own time)", sphinx.seconds),
        ("clean, every page in a kernel one at a time (BOOK_JOBS=1)", serial.seconds),
        ("stock Jupyter Book template: clean", stock_clean),
        ("stock Jupyter Book template: no-op rebuild", stock_noop),
    ]
    for name, seconds in rows:
        print(f"| {name} | {seconds:.1f} | {seconds / clean.seconds:.2f} |")

    if before:
        print(f"\nBefore ({before_root}, its own pages and build code; same run)\n")
        print("| build | before (s) | now (s) | before: ratio to its clean | now: ratio to clean |")
        print("|---|---:|---:|---:|---:|")
        now = {"clean": clean.seconds, "no-op rebuild": noop.seconds, "after a prose edit": prose.seconds}
        for name, seconds in before.items():
            print(
                f"| {name} | {seconds:.1f} | {now[name]:.1f} | {seconds / before['clean']:.2f} "
                f"| {now[name] / clean.seconds:.2f} |"
            )

    differing = warm_seen ^ kernel_seen
    print(
        f"\nWhat a reader sees (glued numbers and claim boxes, tools/dump_rendered.py): {len(warm_seen)} rows "
        f"from warm workers, {len(kernel_seen)} from kernels; "
        + ("identical" if not differing else f"{len(differing)} differing, e.g. {sorted(differing)[:3]}")
    )

    total_floor = imports + sum(floor.values())
    print(
        f"\nExecution floor: {total_floor:.1f} s (imports once {imports:.1f} s + the pages' code as plain Python "
        f"{sum(floor.values()):.1f} s)"
    )
    print(f"Clean build / (execution floor + Sphinx's own time): {clean.seconds / (total_floor + sphinx.seconds):.2f}")
    print(f"No-op rebuild / the stock template's no-op rebuild: {noop.seconds / stock_noop:.2f}")
    executed = clean.preexecuted(book)
    print("\nPer page: pre-executed in the clean build (warm workers) against its code as plain Python\n")
    print("| page | pre-executed (s) | plain Python (s) | overhead (s) |\n|---|---:|---:|---:|")
    overheads = {}
    for name, seconds in floor.items():
        if name in executed:
            overheads[name] = executed[name] - seconds
            print(f"| {name} | {executed[name]:.2f} | {seconds:.2f} | {overheads[name]:.2f} |")
        else:
            print(f"| {name} | (not pre-executed) | {seconds:.2f} | |")
    if overheads:
        worst = max(overheads, key=overheads.get)
        print(
            f"\nPer-page overhead: median {statistics.median(overheads.values()):.2f} s, "
            f"worst {overheads[worst]:.2f} s ({worst})"
        )
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
