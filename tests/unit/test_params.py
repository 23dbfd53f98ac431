"""Assumptions as ranges: one ``Range`` for the whole book, read from parameters tables."""

from __future__ import annotations

import pandas as pd
import pytest

from distillbook.core import data
from distillbook.core.params import ParameterError, Range, parameter


def table(**columns) -> pd.DataFrame:
    frame = pd.DataFrame(columns)
    frame.attrs["file"] = "data/counting/parameters.csv"
    return frame


def test_a_row_reads_as_a_range_with_its_unit():
    frame = table(id=["a", "p"], default=[1.0, 10.0], low=[0.5, 1.0], high=[2.0, 50.0], unit=["x", "calls"])
    assert parameter(frame, "p") == Range(10.0, 1.0, 50.0, "calls")
    assert parameter(frame, "p").ends == (1.0, 50.0)
    assert parameter(frame, "p").as_tuple() == (10.0, 1.0, 50.0)


def test_a_default_outside_its_range_names_file_row_and_field():
    frame = table(id=["a", "p"], default=[1.0, 60.0], low=[0.5, 1.0], high=[2.0, 50.0])
    with pytest.raises(ParameterError) as caught:
        parameter(frame, "p")
    message = str(caught.value)
    # p is the second data row: row 2, line 3 of the file (line 1 is the header)
    assert message.startswith("data/counting/parameters.csv, row 2 (line 3, id 'p'), field \"default\"")
    assert isinstance(caught.value, data.DataError)  # stops the build like any bad input


def test_a_missing_parameter_names_the_file():
    with pytest.raises(ParameterError, match=r"data/counting/parameters.csv: no parameter with id 'q'"):
        parameter(table(id=["p"], default=[1.0], low=[0.0], high=[2.0]), "q")


def test_a_range_refuses_low_above_high_and_non_numbers():
    with pytest.raises(ValueError):
        Range(5, 6, 4)
    with pytest.raises(ValueError):
        Range(float("nan"), 0, 1)


def test_a_loaded_table_knows_its_file():
    assert data.load_table("counting/parameters").attrs["file"] == "data/counting/parameters.csv"
