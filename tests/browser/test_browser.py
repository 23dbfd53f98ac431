"""Every built page in a real browser: nothing requested off the local server, no console error,
every chart drawn as SVG, and no serious or critical accessibility violation (axe-core)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ROOT
from distillbook.core import pages

PAGES = [pages.docname(p, ROOT) for p in pages.book_pages(ROOT)]
BASELINE = json.loads((Path(__file__).parent / "axe-baseline.json").read_text(encoding="utf-8"))


def visit(browser, url: str, color_scheme: str = "light"):
    """Load ``url`` with the reader's system set to ``color_scheme``; return the page and what it
    did: off-site requests, console errors, failed responses."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=color_scheme)
    seen = {"off_site": [], "errors": [], "failed": []}

    def route(request_route):
        host = urlparse(request_route.request.url).hostname
        if host not in ("127.0.0.1", "localhost") and not request_route.request.url.startswith(("data:", "blob:")):
            seen["off_site"].append(request_route.request.url)
            return request_route.abort()
        return request_route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda msg: seen["errors"].append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
    page.on("response", lambda resp: seen["failed"].append(f"{resp.status} {resp.url}") if resp.status >= 400 else None)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    return context, page, seen


@pytest.mark.browser
@pytest.mark.parametrize("docname", PAGES)
def test_page_is_clean_in_chromium(browser, site_url, docname):
    context, page, seen = visit(browser, f"{site_url}/{docname}.html")
    try:
        charts = page.locator(".book-chart")
        for i in range(charts.count()):
            chart = charts.nth(i)
            if "book-chart--interactive" in (chart.get_attribute("class") or ""):
                chart.scroll_into_view_if_needed()  # the runtime loads when a live chart comes near
                page.wait_for_selector(f"#{chart.get_attribute('id')}[data-rendered=true]", timeout=15_000)
            svg = chart.locator(".book-chart-view svg")
            assert svg.count() == 1, f"chart {chart.get_attribute('id')} is not drawn as SVG"
            assert (svg.get_attribute("aria-label") or "").strip(), "chart without an accessible label"
        assert seen["off_site"] == [], "requests off the local server"
        assert seen["errors"] == [], "console errors"
        assert seen["failed"] == [], "failed requests"
        assert_accessible(page)
    finally:
        context.close()


def assert_accessible(page) -> None:
    """No serious or critical axe-core violation, and nothing outside the recorded baseline."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    serious = [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], "serious or critical accessibility violations"
    unexpected = [f"{v['id']} ({v['impact']})" for v in violations if v["id"] not in BASELINE]
    assert unexpected == [], "accessibility findings not in tests/browser/axe-baseline.json"


@pytest.mark.browser
@pytest.mark.parametrize("docname", PAGES)
def test_page_is_accessible_in_dark_mode(browser, site_url, docname):
    """A reader whose system asks for dark mode gets it (the theme follows the system), and axe
    finds nothing new there: contrast of badges, links and glued numbers holds on dark too."""
    context, page, seen = visit(browser, f"{site_url}/{docname}.html", color_scheme="dark")
    try:
        assert page.evaluate("document.documentElement.dataset.theme") == "dark", (
            "the page ignores the system's dark mode"
        )
        assert_accessible(page)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("docname", PAGES)
def test_page_fits_a_phone_screen(browser, site_url, docname):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/{docname}.html", wait_until="load")
        page.wait_for_timeout(500)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 390, f"horizontal scroll on a phone: page is {scroll_width}px wide"
    finally:
        context.close()


@pytest.mark.browser
def test_the_404_page_is_clean_in_chromium(browser, site_url):
    context, page, seen = visit(browser, f"{site_url}/404.html")
    try:
        assert page.locator("h1").inner_text() == "Page not found"
        assert seen == {"off_site": [], "errors": [], "failed": []}
    finally:
        context.close()


def visit_to_copy(browser, url: str):
    """A page in a context that may read and write the clipboard (as a reader's click allows)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    origin = "/".join(url.split("/")[:3])
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url, wait_until="load")
    return context, page, errors


@pytest.mark.browser
def test_copy_buttons_copy_each_citation_with_the_readers_access_date(browser, site_url):
    import datetime as dt

    context, page, errors = visit_to_copy(browser, f"{site_url}/chapters/definitions.html")
    try:
        box = page.locator("#cite-this-chapter")
        assert box.locator("button.cite-copy").count() == 2  # APA and BibTeX
        today = dt.date.today()
        bibtex = box.locator("pre.cite-bibtex").inner_text()
        assert f"; accessed {today.isoformat()}}}," in bibtex
        apa = box.locator("p.cite-apa").inner_text()
        assert f"Retrieved {today:%B} {today.day}, {today.year}, from https://" in apa
        box.get_by_role("button", name="Copy the BibTeX citation").click()
        page.wait_for_function(
            "[...document.querySelectorAll('#cite-this-chapter .cite-copy-status')].some((s) => s.textContent)"
        )
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == bibtex.strip() + "\n"
        assert copied.startswith("@incollection{definitions-")
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_cite_this_claim_opens_the_claims_citation_with_copy_buttons(browser, site_url):
    context, page, errors = visit_to_copy(browser, f"{site_url}/chapters/definitions.html")
    try:
        link = page.locator("a.claim-cite").first
        target = link.get_attribute("href")
        folded = page.locator(target)
        assert folded.evaluate("element => element.open") is False
        link.click()
        assert folded.evaluate("element => element.open") is True
        assert folded.locator("button.cite-copy").count() == 2
        folded.get_by_role("button", name="Copy the APA citation").click()
        page.wait_for_function(
            f"[...document.querySelectorAll('{target} .cite-copy-status')].some((s) => s.textContent)"
        )
        copied = page.evaluate("navigator.clipboard.readText()")
        assert "[Claim review]" in copied and target.replace("#cite-claim-", "#claim-") in copied
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_data_digests_stay_inside_their_column(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/appendices/methods.html", wait_until="load")
        overflowing = page.evaluate(
            """() => {
                const table = [...document.querySelectorAll('table')].find(
                    (t) => [...t.querySelectorAll('th')].some((th) => th.textContent.trim() === 'SHA-256'));
                if (!table) { return ['no digest table']; }
                const container = table.closest('.output, .cell_output, div') || table.parentElement;
                const limit = container.getBoundingClientRect().right + 1;
                return [...table.querySelectorAll('td')]
                    .filter((td) => td.scrollWidth > td.clientWidth + 1 || td.getBoundingClientRect().right > limit)
                    .map((td) => td.textContent.trim().slice(0, 20));
            }"""
        )
        assert overflowing == []
    finally:
        context.close()
