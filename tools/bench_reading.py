"""``make bench`` (second part; ``python tools/bench_reading.py``): what a reader on a slow phone
waits for, and what every page looks like. A measurement script, not part of the book's package.

* Per page, DOMContentLoaded and load under a throttled phone profile (Chrome DevTools' "Fast 3G"
  network and a CPU four times slower), each the median of a few loads, reported as a ratio to
  the median of the pages without charts measured in the same run (target for chart pages: 1.2
  or less). A claim permalink is timed the same way, until its box is in view.
* Screenshots of every page at 1280 and 390 px into ``_build/screenshots/`` (first screen and
  whole page), for reading the site as a reader sees it.

Pages, styles and scripts are served gzip-compressed, as a web server sends them (the bytes
``tools/bench.py`` reports are counted the same way): throttled, an uncompressed page would be
timed on bytes no reader downloads.

Times are milliseconds on a shared machine: read the ratios, not the absolute values.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from distillbook.core import paths

#: Chrome DevTools' "Fast 3G" preset: 562.5 ms latency, about 1.44 Mbit/s down, 0.675 Mbit/s up.
FAST_3G = {"offline": False, "latency": 562.5, "downloadThroughput": 180_000, "uploadThroughput": 84_375}
#: How many times slower than this machine the phone's CPU is taken to be.
CPU_SLOWDOWN = 4
#: Loads per page; the median is reported.
REPEATS = 3
WIDTHS = (1280, 390)
SKIPPED = ("genindex.html", "search.html", "404.html")


def reader_pages(site: Path) -> list[str]:
    """The site's reading pages (paths relative to ``site``), without index and search pages."""
    return sorted(
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if str(p.relative_to(site)) not in SKIPPED and not str(p.relative_to(site)).startswith("_")
    )


def has_charts(site: Path, page: str) -> bool:
    """True when the page carries at least one chart."""
    return "book-chart" in (site / page).read_text(encoding="utf-8")


def first_claim(site: Path, page: str) -> str | None:
    """The anchor of the page's first claim box, or None."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    box = soup.select_one(".claim[id]")
    return box["id"] if box else None


def throttled_load(browser, url: str, anchor: str | None = None) -> tuple[float, float]:
    """(ms to DOMContentLoaded, ms to load, or to the claim box in view when ``anchor`` is given)
    for one cold load of ``url`` under the phone profile."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    session.send("Network.emulateNetworkConditions", FAST_3G)
    session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    try:
        page.goto(url + (f"#{anchor}" if anchor else ""), wait_until="load", timeout=120_000)
        timing = page.evaluate(
            "(() => { const t = performance.getEntriesByType('navigation')[0];"
            " return [t.domContentLoadedEventEnd, t.loadEventEnd]; })()"
        )
        if anchor:
            page.wait_for_function(
                "id => { const r = document.getElementById(id).getBoundingClientRect();"
                " return r.top >= 0 && r.top < innerHeight; }",
                arg=anchor,
                timeout=60_000,
            )
            in_view = page.evaluate("performance.now()")
            return timing[0], in_view
        return timing[0], timing[1]
    finally:
        context.close()


def median_load(browser, url: str, anchor: str | None = None) -> tuple[float, float]:
    """Median of ``REPEATS`` throttled loads."""
    loads = [throttled_load(browser, url, anchor) for _ in range(REPEATS)]
    return statistics.median(a for a, _ in loads), statistics.median(b for _, b in loads)


def screenshots(browser, base: str, pages: list[str], out: Path) -> int:
    """Save the first screen and the whole page of each page at each width; returns the count."""
    count = 0
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 844})
        page = context.new_page()
        for name in pages:
            page.goto(f"{base}/{name}", wait_until="load")
            page.evaluate(
                "document.querySelectorAll('.book-chart--interactive').forEach(c => c.dispatchEvent(new Event('pointerdown')))"
            )
            page.wait_for_timeout(500)
            stem = name.removesuffix(".html").replace("/", "-")
            page.screenshot(path=str(out / f"{stem}-{width}-first.png"))
            page.screenshot(path=str(out / f"{stem}-{width}-full.png"), full_page=True)
            count += 2
        context.close()
    return count


def main() -> int:
    from playwright.sync_api import sync_playwright

    from distillbook.publish.pdf import CHROMIUM, CHROMIUM_ARGS
    from distillbook.publish.serve import serve

    site = paths.ROOT / "_build" / "html"
    if not site.exists():
        print("no built site: run make book first")
        return 1
    pages = reader_pages(site)
    out = paths.ROOT / "_build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with serve(site, compress=True) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        timings = {name: median_load(browser, f"{base}/{name}") for name in pages}
        permalinks = {}
        for name in pages:
            anchor = first_claim(site, name)
            if anchor:
                permalinks[name] = (anchor, median_load(browser, f"{base}/{name}", anchor))
        shots = screenshots(browser, base, pages, out)
        browser.close()

    text_pages = [name for name in pages if not has_charts(site, name)]
    text_dcl = statistics.median(timings[name][0] for name in text_pages)
    print(
        f"\nThrottled phone profile (Fast 3G, CPU x{CPU_SLOWDOWN}), median of {REPEATS} cold loads; "
        f"ratio to the median of {len(text_pages)} pages without charts ({text_dcl:.0f} ms)\n"
    )
    print("| page | charts | DOMContentLoaded ms | ratio | load ms |\n|---|---|---:|---:|---:|")
    for name in pages:
        dcl, load = timings[name]
        print(
            f"| {name} | {'yes' if has_charts(site, name) else 'no'} | {dcl:.0f} | {dcl / text_dcl:.2f} | {load:.0f} |"
        )
    chart_ratios = [timings[n][0] / text_dcl for n in pages if has_charts(site, n)]
    if chart_ratios:
        print(
            f"\nChart pages: DOMContentLoaded at {max(chart_ratios):.2f} of the text pages' at worst (target 1.2 or less)."
        )
    print("\nA claim permalink, until the claim box is in view\n")
    print("| page | claim | DOMContentLoaded ms | in view ms |\n|---|---|---:|---:|")
    for name, (anchor, (dcl, in_view)) in permalinks.items():
        print(f"| {name} | {anchor} | {dcl:.0f} | {in_view:.0f} |")
    print(
        f"\n{shots} screenshots in {out.relative_to(paths.ROOT)}/ (first screen and whole page, at {WIDTHS[0]} and {WIDTHS[1]} px)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
