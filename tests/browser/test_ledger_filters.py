"""The verdict page's ledger in a real browser: the filters appear, work from the keyboard, count
what they show, and a claim's permalink opens that claim and brings it into view."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import DATA


def claims() -> list[dict[str, str]]:
    with open(DATA / "ledger" / "claims.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def visible_items(page) -> list[str]:
    return page.eval_on_selector_all(
        ".ledger-item", "items => items.filter(i => !i.hidden).map(i => i.dataset.verdict)"
    )


@pytest.mark.browser
def test_ledger_filters_work_from_the_keyboard(browser, site_url):
    counts = Counter(row["verdict"] for row in claims())
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/chapters/verdict.html", wait_until="load")
        form = page.locator("form.ledger-filters")
        assert form.is_visible(), "the script shows the filters"
        assert len(visible_items(page)) == sum(counts.values())
        # untick the first verdict with the keyboard: focus its box, press Space
        first = page.locator('form.ledger-filters input[name="verdict"]').first
        verdict = first.get_attribute("value")
        first.focus()
        page.keyboard.press("Space")
        shown = visible_items(page)
        assert verdict not in shown and len(shown) == sum(counts.values()) - counts[verdict]
        status = page.locator(".ledger-status").inner_text()
        assert status == f"{len(shown)} of {sum(counts.values())} claims shown"
        # a section chosen from the keyboard narrows the list to that section
        page.locator('form.ledger-filters select[name="section"]').select_option("2")
        sections = page.eval_on_selector_all(
            ".ledger-item", "items => items.filter(i => !i.hidden).map(i => i.dataset.section)"
        )
        assert sections and set(sections) == {"2"}
        # no sideways scrolling on a phone
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


@pytest.mark.browser
def test_a_claim_permalink_opens_its_claim_in_view(browser, site_url):
    claim_id = claims()[-1]["id"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/chapters/verdict.html#verdict-{claim_id}", wait_until="load")
        item = page.locator(f"#verdict-{claim_id}")
        # the theme scrolls smoothly, so the item arrives over a second or so: wait for it (up to
        # 5 s) rather than a fixed pause, then check where it settled
        in_view = (
            "id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.top < 900; }"
        )
        try:
            page.wait_for_function(in_view, arg=f"verdict-{claim_id}", timeout=5000)
        except PlaywrightTimeout:
            pass  # the assertion below then says where the item stopped
        assert item.locator("details").get_attribute("open") is not None
        top = item.evaluate("el => el.getBoundingClientRect().top")
        assert 0 <= top < 900, f"the claim is at {top}px, not in view"
    finally:
        context.close()
