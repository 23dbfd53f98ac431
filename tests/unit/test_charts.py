"""Charts carry what a reader needs, and render offline to accessible SVG."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from distillbook.core import charts
from distillbook.core.charts import BookChart, ChartError

FRAME = pd.DataFrame({"lab": ["DeepSeek", "MiniMax"], "exchanges": [150_000, 13_000_000]})


def bars(description="Bars of exchanges by lab.", x_title="Exchanges (count)"):
    return (
        alt.Chart(FRAME, description=description)
        .mark_bar()
        .encode(x=alt.X("exchanges:Q", title=x_title), y=alt.Y("lab:N", title="Lab"))
    )


def test_a_chart_without_description_is_refused():
    with pytest.raises(ChartError, match="description"):
        charts.chart_spec(bars(description=""))


def test_an_axis_without_title_is_refused():
    chart = alt.Chart(FRAME, description="d").mark_bar().encode(x="exchanges:Q", y=alt.Y("lab:N", title="Lab"))
    with pytest.raises(ChartError, match="axis title missing on x"):
        charts.chart_spec(chart)


def test_a_typed_number_in_a_description_is_refused():
    with pytest.raises(ChartError, match="typed number"):
        charts.chart_spec(bars(description="MiniMax sent 13 million exchanges."))


def test_static_svg_is_labelled_and_its_ids_are_scoped_to_the_chart():
    html = BookChart("exchanges", bars(), FRAME)._repr_html_()
    assert html.startswith('<div class="book-chart" id="chart-exchanges" data-chart-key="exchanges">')
    assert '<svg role="img" aria-label="Bars of exchanges by lab."' in html
    import re

    ids = re.findall(r'\sid="([^"]+)"', html)
    assert all(i.startswith("chart-exchanges") for i in ids)
    assert "<caption>Data for the chart: Bars of exchanges by lab.</caption>" in html
    assert "book-chart-spec" not in html  # no parameters: static only


def test_a_chart_with_a_parameter_carries_its_spec_for_the_browser():
    factor = alt.param(name="factor", value=1, bind=alt.binding_range(min=1, max=10, step=1, name="factor"))
    chart = bars().add_params(factor).transform_calculate(scaled="datum.exchanges * factor")
    html = BookChart("live", chart, FRAME)._repr_html_()
    assert "book-chart--interactive" in html and 'class="book-chart-spec"' in html


def test_log_scale_bars_start_at_the_power_of_ten_below_the_smallest_value():
    assert charts.log_floor([150_000, 3_400_000]) == 100_000
    assert charts.log_floor([0, 999, 12]) == 10


def test_log_axis_ticks_are_one_per_order_of_magnitude():
    assert charts.powers_of_ten(100_000, 13_000_000) == [100_000, 1_000_000, 10_000_000, 100_000_000]
    assert charts.powers_of_ten(10, 10) == [10]


def test_every_verdict_has_a_colour_pair_that_meets_aa_contrast():
    from distillbook.core import ledger
    from distillbook.core.charts import VERDICT_STYLE, contrast_ratio

    assert set(VERDICT_STYLE) == set(ledger.VERDICTS)
    for verdict, (fill, text) in VERDICT_STYLE.items():
        assert contrast_ratio(fill, text) >= 4.5, verdict
    assert len({fill for fill, _ in VERDICT_STYLE.values()}) == len(VERDICT_STYLE)  # six distinct colours


def test_contrast_ratio_by_hand():
    from distillbook.core.charts import contrast_ratio

    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert contrast_ratio("#777777", "#777777") == 1.0


def test_data_table_cells_read_as_prose_numbers():
    assert charts.formatted_cell(2615160) == "2,615,160"
    assert charts.formatted_cell(2615160.0) == "2,615,160"  # a float that is a whole number
    assert charts.formatted_cell(468.8123456) == "468.812"  # six significant figures
    assert charts.formatted_cell(0.0125) == "0.0125"
    assert charts.formatted_cell(float("nan")) == ""
    assert charts.formatted_cell("DeepSeek") == "DeepSeek"


def test_data_table_says_how_many_rows_and_what_they_hold():
    frame = pd.DataFrame({"lab": ["DeepSeek", "MiniMax"], "exchanges": [150000, 13000000]})
    static = charts.data_table(frame, "caption")
    assert "(2 rows: every value it draws)" in static
    assert '<td class="num">13,000,000</td>' in static  # formatted and right-aligned
    assert "<td>DeepSeek</td>" in static
    live = charts.data_table(frame.head(1), "caption", interactive=True)
    assert "(1 row: the values it is drawn from, from which the live chart" in live


def test_a_slider_carries_its_range_label_and_unit_to_the_live_chart():
    calls = charts.slider("calls", value=50, low=1, high=200, step=1, label="Model calls per task", unit="calls")
    spec = charts.chart_spec(charts.with_sliders(bars(), calls))
    assert spec["params"] == [
        {
            "name": "calls",
            "value": 50,
            "bind": {"input": "range", "min": 1, "max": 200, "step": 1, "name": "Model calls per task "},
        }
    ]
    assert spec["usermeta"] == {"sliders": {"calls": {"unit": "calls", "decimals": 0, "percent": False}}}
    assert "book-chart--interactive" in BookChart("live", charts.with_sliders(bars(), calls), FRAME)._repr_html_()


@pytest.mark.parametrize(
    ("low", "high", "value", "step", "problem"),
    [
        (10, 1, 5, 1, "must lie below"),
        (1, 10, 11, 1, "outside"),
        (1, 10, 5, 0, "positive"),
        # 1 + 2k never reaches 4: the reader could not set the default back by hand
        (1, 10, 4, 2, "not a stop"),
    ],
)
def test_a_slider_refuses_a_default_the_reader_could_not_reach(low, high, value, step, problem):
    with pytest.raises(ChartError, match=problem):
        charts.slider("s", value=value, low=low, high=high, step=step, label="S")


def test_a_tenth_step_slider_accepts_its_own_stops():
    # 0.1 * 5 is not exactly 0.5 in binary: the check must allow for rounding
    assert charts.slider("shared", value=0.5, low=0.0, high=1.0, step=0.1, label="Shared", decimals=1).name == "shared"


def test_slider_text_reads_as_prose():
    assert charts.slider_text(10, "exchanges", 0) == "10 exchanges"
    assert charts.slider_text(12500, "calls", 0) == "12,500 calls"
    assert charts.slider_text(0.5, "", 1) == "0.5"
    assert charts.slider_text(1234.5, "tokens", 1) == "1,234.5 tokens"
    assert charts.slider_text(0.25, "", 0, percent=True) == "25%"
    assert charts.slider_text(0.125, "of the traffic", 1, percent=True) == "12.5% of the traffic"


def test_a_share_slider_tells_the_script_to_write_a_percentage():
    mix = charts.slider("mix", value=0.25, low=0.0, high=0.75, step=0.25, label="Unrelated traffic", percent=True)
    assert mix.meta() == {"unit": "", "decimals": 0, "percent": True}
