"""The introduction's computations and the checks of the article's introduction (section 0)."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import SMALL, ledger_rows, set_cell
from distillbook.chapters import index
from distillbook.core import units
from distillbook.core.ledger import run_check


def allegation(**values: float) -> pd.DataFrame:
    rows = [
        ("exchanges-deepseek", "DeepSeek", values.get("deepseek", 150_000)),
        ("exchanges-moonshot", "Moonshot", values.get("moonshot", 3_400_000)),
        ("exchanges-minimax", "MiniMax", values.get("minimax", 13_000_000)),
    ]
    return pd.DataFrame(
        {
            "id": [r[0] for r in rows],
            "lab": [r[1] for r in rows],
            "quantity": "exchanges",
            "value": [float(r[2]) for r in rows],
        }
    )


def test_per_lab_exchanges_sum_and_shares_by_hand():
    frame = index.per_lab_exchanges(allegation())
    assert list(frame["lab"]) == ["DeepSeek", "Moonshot", "MiniMax"]
    assert int(frame["exchanges"].sum()) == 16_550_000  # 150,000 + 3,400,000 + 13,000,000
    assert frame["share"].iloc[2] == pytest.approx(13_000_000 / 16_550_000)  # about 78.5%
    assert frame["share"].sum() == pytest.approx(1.0)


def test_exchanges_per_account_by_hand():
    assert units.per_account(16_550_000, 24_000) == pytest.approx(689.583, abs=1e-3)
    with pytest.raises(ValueError):
        units.per_account(1, 0)


def test_exchange_total_flips_when_per_lab_figures_fall_below_the_total(data_copy):
    assert run_check("index.exchange_total", data_copy).verdict == "accurate"
    # MiniMax 13M -> 12M makes the three lower bounds add up to 15.55M < 16M
    set_cell(data_copy.parent / "shared" / "allegation.csv", "exchanges-minimax", "value", "12000000")
    result = run_check("index.exchange_total", data_copy)
    assert result.verdict == "inaccurate"
    assert result.numbers["per_lab_sum"] == 15_550_000


def test_account_figure_is_judged_against_the_document_the_article_credits(data_copy):
    allegation = data_copy.parent / "shared" / "allegation.csv"
    # the report, which the article credits, says "approximately"; "more than" is the X post's word
    result = run_check("index.account_figure", data_copy)
    assert result.verdict == "mostly-accurate" and result.numbers["slip"] == "overstates"
    # had the report itself said "over", the article's "more than" would be the same kind of hedge
    set_cell(allegation, "accounts-total", "qualifier", "over")
    assert run_check("index.account_figure", data_copy).verdict == "accurate"
    # 24,000 against 25,300: 1,300 / 25,300 = 5.1% off, a different figure
    set_cell(allegation, "accounts-total", "value", "25300")
    assert run_check("index.account_figure", data_copy).verdict == "inaccurate"
    set_cell(allegation, "accounts-total", "value", "24200")  # 200 / 24,200 = 0.8%: within 1%
    assert run_check("index.account_figure", data_copy).verdict == "accurate"


def test_three_labs_named_flips_when_the_report_names_another_lab(data_copy):
    assert run_check("index.three_labs_named", data_copy).numbers["lab_count_named"] == 3
    set_cell(data_copy.parent / "shared" / "allegation.csv", "exchanges-deepseek", "lab", "Zhipu")
    assert run_check("index.three_labs_named", data_copy).verdict == "inaccurate"


def test_section_segments_stack_in_scale_order():
    frame = index.section_verdict_counts(SMALL)
    counting = frame[frame["section"] == 2]
    # section 2 holds c (accurate) then b, d (misleading): accurate first, from 0 to 1, then 1 to 3
    assert list(counting["verdict"]) == ["accurate", "misleading"]
    assert list(counting["claims"]) == [1, 2]
    assert list(counting["start"]) == [0, 1] and list(counting["end"]) == [1, 3]
    assert list(counting["middle"]) == [0.5, 2.0]
    assert list(frame["section"].unique()) == [0, 1, 2, 5]
    assert frame["claims"].sum() == len(SMALL)
    assert frame.loc[frame["section"] == 2, "section_name"].iloc[0] == "§2 Counting"


def test_pending_rows_are_left_out_of_the_chart():
    rows = ledger_rows(("a", "index", 0, "accurate"), ("p", "index", 0, "pending"))
    frame = index.section_verdict_counts(rows)
    assert list(frame["verdict"]) == ["accurate"] and frame["claims"].sum() == 1


def test_the_chart_has_a_description_axis_titles_and_one_colour_per_verdict():
    from distillbook.core.charts import chart_spec

    spec = chart_spec(index.verdicts_chart(index.section_verdict_counts(SMALL), "Stacked bars of verdicts."))
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert scale["domain"] == ["accurate", "mostly accurate", "misleading", "inaccurate", "unsupported", "opinion"]
    assert len(set(scale["range"])) == 6  # six distinct Okabe–Ito colours
    assert spec["layer"][1]["mark"]["type"] == "text"  # the counts written on the segments
