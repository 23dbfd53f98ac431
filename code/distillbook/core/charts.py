"""Charts: one Altair theme, a few builders, and the offline renderer.

Every chart is drawn to SVG at build time with vl-convert, so a page shows it with no JavaScript
and prints it as a vector image. A chart that lets the reader change an assumption (a Vega-Lite
parameter bound to a slider or a menu) also carries its spec, and the page loads the locally
served Vega runtime to make it live. Nothing is fetched from a CDN.

Accessibility: every chart must have a ``description`` (it becomes the SVG's ``aria-label``) and
comes with its data as a table the reader can open.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass

import altair as alt
import pandas as pd
import vl_convert as vlc

# the palette lives in core.palette (read without Altair by the build); charts take it from there
from distillbook.core.palette import OKABE_ITO as OKABE_ITO
from distillbook.core.palette import VERDICT_COLOURS as VERDICT_COLOURS
from distillbook.core.palette import VERDICT_STYLE as VERDICT_STYLE
from distillbook.core.palette import contrast_ratio as contrast_ratio
from distillbook.core.palette import verdict_css as verdict_css

#: Vega-Lite version the SVGs are rendered with; Altair 6.3 writes this schema.
VEGA_LITE = "6.4"

#: The charts' font. A static chart is laid out once, by vl-convert, with the widths of the font it
#: finds, and then drawn by the reader's browser in the font the browser finds: when the two differ,
#: labels run into axis titles and off the chart's edge. vl-convert measured ``system-ui`` as
#: Liberation Sans while Chromium on Debian draws it as DejaVu Sans, about 12% wider (a 12-px label
#: of 230 px became 260 px), which put a SnitchBench category over its axis title and a cost label
#: outside its chart. Arial has the same metrics as Liberation Sans (the font Linux gives for it)
#: and is present on Windows, macOS and iOS, so the layout holds wherever the page is read.
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"


class ChartError(ValueError):
    """A chart that lacks what a reader needs (a description, axis titles)."""


@alt.theme.register("book", enable=True)
def book_theme() -> alt.theme.ThemeConfig:
    """The book's one theme: Okabe–Ito categories, cividis scales, readable type."""
    return {
        "config": {
            "font": FONT,
            "range": {"category": OKABE_ITO, "ordinal": {"scheme": "cividis"}, "ramp": {"scheme": "cividis"}},
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 13,
                "titleFontWeight": "normal",
                "labelLimit": 260,
                "labelOverlap": "greedy",
                "labelSeparation": 8,
                # Vega sets an axis title this far from its labels as it measured them; a reader's
                # font a few per cent wider than the build's closes a gap of 8 px (measured: a
                # 205-px category label ran 3 px into the title), so leave room for it
                "titlePadding": 12,
            },
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "columnPadding": 16, "rowPadding": 4},
            "title": {"fontSize": 15, "anchor": "start", "fontWeight": "normal"},
            "view": {"stroke": None},
            "background": "white",
        }
    }


def _axis_titles_missing(spec: dict) -> list[str]:
    """Positional encodings of a (layer of) chart(s) whose axis has no title."""
    missing = []
    for layer in [spec, *spec.get("layer", []), *spec.get("hconcat", []), *spec.get("vconcat", [])]:
        for channel in ("x", "y"):
            enc = layer.get("encoding", {}).get(channel)
            if (
                enc
                and "title" not in enc
                and not (enc.get("axis") or {}).get("title")
                and enc.get("axis", {}) is not None
            ):
                missing.append(channel)
    return missing


def chart_spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec of a chart, checked for a description and axis titles."""
    spec = chart.to_dict()
    if not str(spec.get("description", "")).strip():
        raise ChartError("every chart needs a description (it is the chart's accessible label)")
    from distillbook.core.prose import numbers_in_text

    for part in ("title", "description"):
        text = spec.get(part, "")
        text = text.get("text", "") if isinstance(text, dict) else text
        typed = numbers_in_text(" ".join(text) if isinstance(text, list) else str(text))
        if typed:
            raise ChartError(
                f"chart {part} contains typed number(s) {typed}: describe what to see, or glue the figure into the caption"
            )
    missing = _axis_titles_missing(spec)
    if missing:
        raise ChartError(
            f"axis title missing on {', '.join(sorted(set(missing)))}: give every axis a title with its unit"
        )
    return spec


def _scoped_ids(svg: str, prefix: str) -> str:
    """Prefix every id in an SVG (and its references) so two charts on a page never share one."""
    ids = set(re.findall(r'id="([^"]+)"', svg))
    for ident in sorted(ids, key=len, reverse=True):
        svg = svg.replace(f'id="{ident}"', f'id="{prefix}-{ident}"').replace(f"#{ident})", f"#{prefix}-{ident})")
    return svg


def static_svg(spec: dict, key: str) -> str:
    """The chart as an accessible SVG: ``role="img"`` and the description as ``aria-label``."""
    svg = vlc.vegalite_to_svg(json.dumps(spec), vl_version=VEGA_LITE)
    label = html.escape(spec["description"], quote=True)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1)
    return _scoped_ids(svg, f"chart-{key}")


def formatted_cell(value) -> str:
    """A data-table cell as a reader reads it: thousands separators, floats to six significant
    figures (full precision stays in the data files), blanks for missing values."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return f"{int(value):,}"
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)


def data_summary(rows: int, interactive: bool) -> str:
    """What the table under a chart holds, said before it is opened."""
    plural = "row" if rows == 1 else "rows"
    if interactive:
        return f"Data behind this chart ({rows:,} {plural}: the values it is drawn from, from which the live chart's controls work out what they show)"
    return f"Data behind this chart ({rows:,} {plural}: every value it draws)"


def data_table(frame: pd.DataFrame, caption: str, interactive: bool = False) -> str:
    """The chart's data as an HTML table inside a closed ``<details>`` element: numbers formatted
    for reading, numeric columns right-aligned."""
    from distillbook.core.tables import mark_numeric

    numeric = [
        pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c]) for c in frame.columns
    ]
    shown = frame.copy().astype(object)
    for column in shown.columns:
        shown[column] = [formatted_cell(v.item() if hasattr(v, "item") else v) for v in frame[column]]
    table = mark_numeric(
        shown.to_html(index=False, border=0, classes="book-chart-data", na_rep="", justify="left"), numeric
    )
    table = re.sub(r"^<table[^>]*>", lambda m: f"{m.group(0)}<caption>{html.escape(caption)}</caption>", table)
    summary = html.escape(data_summary(len(frame), interactive))
    return f'<details class="book-chart-table"><summary>{summary}</summary>{table}</details>'


class BookChart:
    """A chart ready to glue: static SVG, its data table and, if interactive, its live spec.

    It is drawn once, when it is made (the page's own work); glue and the cell's displayed value
    show that drawing rather than drawing it again. Its id derives from the glue key (never from a
    random number), so builds are reproducible."""

    def __init__(self, key: str, chart: alt.TopLevelMixin, data: pd.DataFrame, interactive: bool | None = None):
        self.key = key
        self.spec = chart_spec(chart)
        self.data = data
        has_params = bool(self.spec.get("params"))
        self.interactive = has_params if interactive is None else interactive
        self.html = self._draw()

    def _repr_html_(self) -> str:
        return self.html

    def _draw(self) -> str:
        chart_id = f"chart-{self.key}"
        svg = static_svg(self.spec, self.key)
        table = data_table(self.data, f"Data for the chart: {self.spec['description']}", self.interactive)
        live = ""
        classes = "book-chart"
        if self.interactive:
            classes += " book-chart--interactive"
            spec_json = json.dumps(self.spec, sort_keys=True).replace("</", "<\\/")
            live = f'<script type="application/json" class="book-chart-spec">{spec_json}</script>'
        return (
            f'<div class="{classes}" id="{chart_id}" data-chart-key="{self.key}">'
            f'<div class="book-chart-view">{svg}</div>{live}{table}</div>'
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/plain": f"<chart {self.key}>"}


# ---------------------------------------------------------------------------------------------
# Sliders: a reader's control over an assumption, labelled with its unit
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slider:
    """A slider bound to a Vega-Lite parameter, with what the page's chart script needs to label
    its value: the unit (a word after the number) and the decimals to show (thousands separated)."""

    param: alt.Parameter
    unit: str
    decimals: int
    percent: bool = False

    @property
    def name(self) -> str:
        return str(self.param.name)

    def meta(self) -> dict:
        """What the chart script reads from the spec's ``usermeta`` for this slider."""
        return {"unit": self.unit, "decimals": self.decimals, "percent": self.percent}


def slider(
    name: str,
    *,
    value: float,
    low: float,
    high: float,
    step: float,
    label: str,
    unit: str = "",
    decimals: int = 0,
    percent: bool = False,
) -> Slider:
    """A range slider from ``low`` to ``high`` in steps of ``step``, starting at ``value`` (the
    book's default, to which the chart's reset button returns). ``label`` names the assumption;
    ``unit`` follows the value as the reader reads it ("10 exchanges"); with ``percent`` a share
    (0.25) reads as a percentage ("25%"), ``decimals`` then counting places of the percentage. The
    default must lie in the range and on one of the slider's stops, or the reader could never set
    it back by hand."""
    if not low < high:
        raise ChartError(f"slider {name}: its low end {low} must lie below its high end {high}")
    if not low <= value <= high:
        raise ChartError(f"slider {name}: its default {value} lies outside {low} to {high}")
    if step <= 0:
        raise ChartError(f"slider {name}: its step must be positive")
    stops = (value - low) / step
    if abs(stops - round(stops)) > 1e-9:
        raise ChartError(f"slider {name}: its default {value} is not a stop of steps of {step} from {low}")
    if decimals < 0:
        raise ChartError(f"slider {name}: decimals must be zero or more")
    bind = alt.binding_range(min=low, max=high, step=step, name=f"{label.strip()} ")
    return Slider(alt.param(name=name, value=value, bind=bind), unit.strip(), decimals, percent)


def with_sliders(chart: alt.TopLevelMixin, *sliders: Slider) -> alt.TopLevelMixin:
    """``chart`` with the sliders' parameters added and, in its ``usermeta``, each slider's unit
    and decimals, which the chart script uses to write the value beside the slider."""
    meta = {s.name: s.meta() for s in sliders}
    return chart.add_params(*(s.param for s in sliders)).properties(usermeta={"sliders": meta})


def slider_text(value: float, unit: str, decimals: int, percent: bool = False) -> str:
    """A slider's value as the chart script writes it: thousands separated, ``decimals`` places,
    a percentage for a share, then the unit (the same rule as ``formatSlider`` in book-charts.js;
    the browser tests hold the script to the same texts)."""
    number = f"{value * 100:,.{decimals}f}%" if percent else f"{value:,.{decimals}f}"
    return f"{number} {unit}" if unit else number


# ---------------------------------------------------------------------------------------------
# Builders used by several chapters
# ---------------------------------------------------------------------------------------------


def log_floor(values) -> float:
    """The power of ten at or below the smallest positive value: where log-scale bars start."""
    smallest = min(float(v) for v in values if float(v) > 0)
    return float(10 ** math.floor(math.log10(smallest)))


def powers_of_ten(low: float, high: float) -> list[int]:
    """The powers of ten from ``low`` up to the first one at or above ``high``: tick marks of a
    log axis, one per order of magnitude, so that labels never crowd."""
    ticks = [int(10 ** math.floor(math.log10(low)))]
    while ticks[-1] < high:
        ticks.append(ticks[-1] * 10)
    return ticks


def bar_chart(
    frame: pd.DataFrame,
    *,
    category: str,
    value: str,
    category_title: str,
    value_title: str,
    description: str,
    log_scale: bool = False,
    label_format: str = ",d",
) -> alt.LayerChart:
    """Horizontal bars with the value written at the end of each bar (a redundant encoding).

    ``value_title`` must name the unit; with ``log_scale`` the axis title says so and the bars
    start at the power of ten below the smallest value (a log axis has no zero)."""
    title = f"{value_title} (log scale)" if log_scale else value_title
    if log_scale:
        baseline = log_floor(frame[value])
        ticks = powers_of_ten(baseline, float(frame[value].max()))
        x = alt.X(
            f"{value}:Q",
            title=title,
            scale=alt.Scale(type="log", domainMin=baseline),
            axis=alt.Axis(values=ticks, format=",d"),
        )
        extra = {"x2": alt.datum(baseline)}
    else:
        x = alt.X(f"{value}:Q", title=title, scale=alt.Scale(zero=True))
        extra = {}
    base = alt.Chart(frame, description=description).encode(
        y=alt.Y(f"{category}:N", title=category_title, sort=None), x=x
    )
    bars = base.mark_bar(color=OKABE_ITO[4]).encode(**extra)
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(text=alt.Text(f"{value}:Q", format=label_format))
    # room on the right for the longest value label
    return alt.layer(bars, labels, description=description).properties(
        width=420, height=alt.Step(34), padding={"left": 5, "top": 5, "bottom": 5, "right": 80}
    )
