"""What a reader meets on a screen, at 1280 and 390 px: chart text that is neither clipped nor
overlapping nor under 11 px, the book's title in view on a phone, tap targets of at least 24 px,
a visible focus ring, sliders that say their value with its unit and can be reset, live charts
that also work from disk, and the answer-first boxes readable on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import ROOT, SITE, read_csv
from distillbook.core import pages

PAGES = [pages.docname(p, ROOT) for p in pages.book_pages(ROOT)]
WIDTHS = [1280, 390]


def charts_on(docname: str) -> list[str]:
    """The ids of the charts on a built page, in page order."""
    path = SITE / f"{docname}.html"
    if not path.exists():
        return []
    return re.findall(r'<div class="book-chart[^"]*" id="([^"]+)"', path.read_text(encoding="utf-8"))


#: Charts whose text still fails at a width, each fixed in the chapter's own code (which another
#: engineer was editing when this test landed). Strict: a chart that passes turns its entry into
#: a failure, so the list only shrinks.
KNOWN = {}


def chart_cases():
    for width in WIDTHS:
        for docname in PAGES:
            for chart in charts_on(docname):
                reason = KNOWN.get((chart, width))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                yield pytest.param(docname, chart, width, marks=marks, id=f"{docname}-{chart}-{width}")


#: For every chart on the page, its visible text items that are clipped (outside the SVG), too
#: small (under 11 px) or overlapping another text item of the same chart (by more than 2 px).
CHART_TEXT_PROBLEMS = """
() => {
  const problems = [];
  for (const svg of document.querySelectorAll('.book-chart-view svg')) {
    const box = svg.getBoundingClientRect();
    const chart = svg.closest('.book-chart').id;
    const items = [];
    for (const text of svg.querySelectorAll('text')) {
      const content = (text.textContent || '').trim();
      const style = getComputedStyle(text);
      if (!content || style.visibility === 'hidden' || style.display === 'none' || parseFloat(style.opacity) === 0) continue;
      const r = text.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const size = parseFloat(style.fontSize);
      if (size < 11) problems.push(`${chart}: "${content}" is ${size}px`);
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        problems.push(`${chart}: "${content}" lies outside its chart`);
      items.push({content, r});
    }
    for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) {
      const a = items[i].r, b = items[j].r;
      // a halo: the same label drawn twice in one place, a white outline under the filled text
      const halo = items[i].content === items[j].content && Math.abs(a.left - b.left) < 2 && Math.abs(a.top - b.top) < 2
        && Math.abs(a.width - b.width) < 2 && Math.abs(a.height - b.height) < 2;
      if (halo) continue;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 2 && h > 2) problems.push(`${chart}: "${items[i].content}" overlaps "${items[j].content}"`);
    }
  }
  return problems;
}
"""


def open_page(browser, site_url, docname, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}/{docname}.html", wait_until="load")
    page.wait_for_timeout(300)
    return context, page


#: Each page is measured once per width; every chart's test reads its own lines from the result.
_MEASURED: dict[tuple[str, int], list[str]] = {}


def chart_text_problems(browser, site_url, docname: str, width: int) -> list[str]:
    if (docname, width) not in _MEASURED:
        context, page = open_page(browser, site_url, docname, width)
        try:
            for chart in page.locator(".book-chart--interactive").all():  # the live charts, drawn
                chart.scroll_into_view_if_needed()
                page.wait_for_function("c => c.dataset.rendered === 'true'", arg=chart.element_handle(), timeout=15_000)
            _MEASURED[docname, width] = page.evaluate(CHART_TEXT_PROBLEMS)
        finally:
            context.close()
    return _MEASURED[docname, width]


@pytest.mark.browser
@pytest.mark.parametrize(("docname", "chart", "width"), list(chart_cases()))
def test_chart_text_is_readable(browser, site_url, docname, chart, width):
    problems = chart_text_problems(browser, site_url, docname, width)
    assert [p for p in problems if p.startswith(f"{chart}: ")] == []


@pytest.mark.browser
def test_the_chart_text_probe_would_catch_a_clipped_label(browser):
    context = browser.new_context(viewport={"width": 600, "height": 400})
    page = context.new_page()
    page.set_content(
        '<div class="book-chart" id="c"><div class="book-chart-view"><svg width="200" height="100">'
        '<text x="150" y="50" font-size="14">a label that runs off</text>'
        '<text x="10" y="50" font-size="8">tiny</text><text x="12" y="52" font-size="12">over</text>'
        '<text x="10" y="90" font-size="12" stroke="white" stroke-width="4">halo</text>'
        '<text x="10" y="90" font-size="12">halo</text></svg></div></div>'
    )
    problems = page.evaluate(CHART_TEXT_PROBLEMS)
    context.close()
    assert 'c: "a label that runs off" lies outside its chart' in problems
    assert 'c: "tiny" is 8px' in problems
    assert 'c: "tiny" overlaps "over"' in problems
    # a label over its own white outline (a halo) is one label, not two that collide
    assert not any("halo" in p for p in problems)
    assert len(problems) == 3


def static_chart_problems(browser, font: str | None = None) -> list[str]:
    """The chart-text problems of a static chart drawn by vl-convert (category labels as long as
    the SnitchBench chart's beside an axis title) once the browser draws it in its own fonts."""
    import altair as alt
    import pandas as pd

    from distillbook.core import charts

    scopes = ["later version, whole roster", "later version, every model as if Claude", "first version"]
    frame = pd.DataFrame({"scope": scopes, "runs": [3.0, 30.0, 300.0]})
    chart = (
        alt.Chart(frame, description="Runs by scope.")
        .mark_point()
        .encode(x=alt.X("runs:Q", title="Runs"), y=alt.Y("scope:N", title="Models whose calls are counted"))
    )
    spec = charts.chart_spec(chart)
    if font:
        spec["config"]["font"] = font
    svg = charts.static_svg(spec, "probe")
    context = browser.new_context(viewport={"width": 1280, "height": 400})
    page = context.new_page()
    page.set_content(f'<div class="book-chart" id="c"><div class="book-chart-view">{svg}</div></div>')
    problems = page.evaluate(CHART_TEXT_PROBLEMS)
    context.close()
    return problems


@pytest.mark.browser
def test_a_static_chart_is_laid_out_in_the_widths_the_browser_draws(browser):
    """vl-convert lays a static chart out with the widths of the font it finds; the browser must
    draw it in a font of the same widths, or labels run into titles and off the edge (with the
    old system-ui font, two problems; with Arial's widths but titles 8 px from their labels, the
    longest label ran 3 px into its title)."""
    assert static_chart_problems(browser) == []


@pytest.mark.browser
@pytest.mark.parametrize("docname", ["index", "chapters/counting"])
def test_a_phone_shows_the_books_title(browser, site_url, docname):
    context, page = open_page(browser, site_url, docname, 390)
    try:
        title = page.locator(".book-title-mobile a")
        assert title.is_visible() and title.inner_text().strip() == "Counting the distillation allegation"
    finally:
        context.close()


@pytest.mark.browser
def test_tap_targets_are_at_least_24_px_tall(browser, site_url):
    context, page = open_page(browser, site_url, "chapters/counting", 390)
    try:
        heights = page.evaluate(
            "() => [...document.querySelectorAll('.claim-permalink, .claim-rule, .chapter-pdf-link a, .cite-files a')]"
            ".map(a => [a.textContent.trim(), a.getBoundingClientRect().height])"
        )
        assert heights and [h for h in heights if h[1] < 24] == []
    finally:
        context.close()


@pytest.mark.browser
def test_keyboard_focus_is_visible_on_the_header_controls(browser, site_url):
    context, page = open_page(browser, site_url, "index", 390)
    try:
        seen = []
        for _ in range(8):
            page.keyboard.press("Tab")
            seen.append(
                page.evaluate(
                    "() => { const e = document.activeElement; const s = getComputedStyle(e);"
                    " return [e.className || e.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; }"
                )
            )
        header = [s for s in seen if "toggle" in str(s[0]) or "search" in str(s[0]).lower() or "btn" in str(s[0])]
        assert header, f"no header control took the focus: {seen}"
        assert all(style != "none" and width >= 2 for _, style, width in header), header
    finally:
        context.close()


def live_chart(page, chart_id: str):
    """The live chart ``chart_id`` on ``page``, scrolled to and drawn by the Vega runtime."""
    chart = page.locator(f"#{chart_id}")
    chart.scroll_into_view_if_needed()
    page.wait_for_function("c => c.dataset.rendered === 'true'", arg=chart.element_handle(), timeout=15_000)
    return chart


def eventually(condition, seconds: float = 3.0) -> bool:
    """Whether ``condition()`` holds within ``seconds`` (the chart redraws asynchronously)."""
    import time

    end = time.monotonic() + seconds
    while True:
        if condition():
            return True
        if time.monotonic() > end:
            return False
        time.sleep(0.05)


def move_slider(slider, value) -> None:
    """Set a range input as a reader's drag would: the value, then an input event."""
    slider.evaluate("(s, v) => { s.value = v; s.dispatchEvent(new Event('input', {bubbles: true})); }", str(value))


@pytest.mark.browser
def test_a_slider_says_its_value_with_its_unit_and_the_reset_restores_it(browser, site_url):
    """The definitions chart's slider (exchanges per training example; default, low and high read
    here from data/shared/assumptions.csv): its value is written with the unit, follows the slider,
    and the reset button puts slider, label and chart back."""
    row = next(r for r in read_csv("shared/assumptions.csv") if r["id"] == "exchanges-per-example")
    default, high = int(row["default"]), int(row["high"])  # 10 and 50 as of this test
    context, page = open_page(browser, site_url, "chapters/definitions", 1280)
    try:
        chart = live_chart(page, "chart-chart_volumes")
        slider = chart.locator('input[type="range"][name="exchanges_per_trajectory"]')
        value = chart.locator("output.book-slider-value")
        assert value.inner_text() == f"{default} exchanges"
        assert slider.get_attribute("aria-valuetext") == f"{default} exchanges"
        drawn = chart.locator(".book-chart-view svg").inner_html()
        move_slider(slider, high)
        expect(value).to_have_text(f"{high} exchanges")
        assert eventually(lambda: chart.locator(".book-chart-view svg").inner_html() != drawn), (
            "the chart did not follow the slider"
        )
        chart.locator("button.book-chart-reset").click()
        expect(value).to_have_text(f"{default} exchanges")
        assert slider.input_value() == str(default)
        assert eventually(lambda: chart.locator(".book-chart-view svg").inner_html() == drawn), (
            "reset did not redraw the default"
        )
    finally:
        context.close()


@pytest.mark.browser
def test_thousands_and_decimals_in_a_slider_label(browser, site_url):
    """The safety-paradox chart's share slider is written with one decimal (no unit): 0.5, not
    0.50 or .5; the region slider with its unit."""
    context, page = open_page(browser, site_url, "chapters/safety-paradox", 1280)
    try:
        chart = live_chart(page, "chart-chart_safety_experiment")
        texts = chart.locator("output.book-slider-value").all_inner_texts()
        assert len(texts) == 2
        assert texts[0].endswith(" topics") and re.fullmatch(r"\d+ topics", texts[0])
        assert re.fullmatch(r"\d\.\d", texts[1])
        move_slider(chart.locator('input[type="range"][name="shared"]'), 1)
        expect(chart.locator("output.book-slider-value").nth(1)).to_have_text("1.0")
    finally:
        context.close()


@pytest.mark.browser
def test_the_chart_script_writes_slider_values_as_the_book_does(browser):
    """book-charts.js and core/charts.py's slider_text give the same text for the same value."""
    from distillbook.core import charts, paths

    cases = [
        (10, "exchanges", 0, False),
        (12500, "calls", 0, False),
        (0.5, "", 1, False),
        (1234.5, "tokens", 1, False),
        (0.25, "", 0, True),
        (0.125, "of the traffic", 1, True),
    ]
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<p>no charts</p>")
    page.add_script_tag(path=str(paths.ASSETS_DIR / "book-charts.js"))
    written = [
        page.evaluate(
            "([v, unit, decimals, percent]) => window.bookCharts.formatSlider(v, {unit, decimals, percent})",
            list(case),
        )
        for case in cases
    ]
    context.close()
    assert written == ["10 exchanges", "12,500 calls", "0.5", "1,234.5 tokens", "25%", "12.5% of the traffic"]
    assert written == [charts.slider_text(*case) for case in cases]


@pytest.mark.browser
@pytest.mark.parametrize("docname", ["chapters/definitions", "chapters/safety-paradox"])
def test_live_charts_draw_when_the_site_is_opened_from_disk(browser, docname):
    """Opened as a file (file://), where browsers refuse module scripts and fetches, the live
    charts still load their runtime, draw and take their controls."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        page.goto((SITE / f"{docname}.html").as_uri(), wait_until="load")
        live = page.locator(".book-chart--interactive")
        assert live.count() > 0
        for chart in live.all():
            live_chart(page, chart.get_attribute("id"))
            assert chart.locator('input[type="range"]').count() > 0
            assert chart.locator("output.book-slider-value").count() > 0
        assert errors == []
    finally:
        context.close()


#: The answer-first boxes issue 17 writes (the "In short" box, the front page's "what is checked").
ANSWER_BOXES = ".admonition.in-short, .admonition.what-is-checked"


@pytest.mark.browser
@pytest.mark.parametrize("docname", ["index", "chapters/verdict"])
def test_the_answer_boxes_are_readable_on_a_phone(browser, site_url, docname):
    """At 390 px each box fits the screen with nothing in it running past its edge, its text is
    at least 14 px, and the "In short" box begins within the first two screens."""
    context, page = open_page(browser, site_url, docname, 390)
    try:
        boxes = page.evaluate(
            """sel => [...document.querySelectorAll(sel)].map(box => {
                 const r = box.getBoundingClientRect();
                 const wide = [...box.querySelectorAll('*')].filter(e => {
                   const b = e.getBoundingClientRect();
                   return b.width > 0 && (b.right > r.right + 1 || b.left < r.left - 1);
                 }).map(e => e.tagName + ': ' + (e.textContent || '').trim().slice(0, 40));
                 const small = [...box.querySelectorAll('p, li, a, span')].filter(e => e.textContent.trim()
                   && parseFloat(getComputedStyle(e).fontSize) < 14).map(e => e.textContent.trim().slice(0, 40));
                 const text = box.querySelector(':scope > p:not(.admonition-title), :scope > ul');
                 const textWidth = text ? text.getBoundingClientRect().width : 0;
                 return {cls: box.className, left: r.left, right: r.right, top: r.top + window.scrollY,
                         text_width: textWidth, wide, small};
               })""",
            ANSWER_BOXES,
        )
        if not boxes:
            pytest.skip(f"no answer box on {docname} yet (issue 17's text is not merged here)")
        for box in boxes:
            assert box["left"] >= 0 and box["right"] <= 390, box
            assert box["wide"] == [], box
            assert box["small"] == [], box
        in_short = [b for b in boxes if "in-short" in b["cls"]]
        assert in_short and in_short[0]["top"] < 2 * 900, boxes
        # the theme's indent inside a box left the answer 287 px of a 358-px box (about 32
        # characters a line); with the phone indent it has 313
        assert all(b["text_width"] >= 300 for b in boxes), boxes
    finally:
        context.close()
