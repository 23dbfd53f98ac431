"""Assumptions: named values with a default and a plausible range.

Every assumption a page or a check varies (calls per task, tokens per exchange, campaign length)
is a row of a parameters table in ``data/`` with the columns ``id``, ``default``, ``low``,
``high`` and ``unit``, plus a source or a reason. :func:`parameter` reads one row as a
:class:`Range`; a row whose default lies outside its range stops the build with a message that
names the file, the row and the field.
"""

from __future__ import annotations

import dataclasses
import math

import pandas as pd

from distillbook.core.data import DataError


class ParameterError(DataError):
    """A parameter that is missing, or whose default lies outside its range."""


@dataclasses.dataclass(frozen=True)
class Range:
    """An assumption: its default and the ends of its plausible range, in one ``unit``."""

    default: float
    low: float
    high: float
    unit: str = ""

    def __post_init__(self) -> None:
        values = (self.default, self.low, self.high)
        if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in values):
            raise ValueError(f"default, low and high must be finite numbers, got {values}")
        if not self.low <= self.default <= self.high:
            raise ValueError(
                f"need low <= default <= high, got low {self.low}, default {self.default}, high {self.high}"
            )

    @property
    def ends(self) -> tuple[float, float]:
        """(low, high)."""
        return self.low, self.high

    def as_tuple(self) -> tuple[float, float, float]:
        """(default, low, high)."""
        return self.default, self.low, self.high

    def as_int(self) -> Range:
        """The same range with each value rounded to a whole number (for counts)."""
        return Range(round(self.default), round(self.low), round(self.high), self.unit)


def table_label(frame: pd.DataFrame) -> str:
    """The file a loaded table came from (``data/<path>``), as :func:`data.load_table` records it."""
    return frame.attrs.get("file", "a parameters table")


def parameter(frame: pd.DataFrame, row_id: str) -> Range:
    """The row ``row_id`` of a parameters table as a :class:`Range` (its ``unit`` column if any).

    Raises :class:`ParameterError` naming file, row and field when the row is missing or its
    default lies outside [low, high]."""
    positions = [i for i, value in enumerate(frame["id"]) if value == row_id]
    if not positions:
        raise ParameterError(f"{table_label(frame)}: no parameter with id {row_id!r}")
    row = frame.iloc[positions[0]]
    where = f"{table_label(frame)}, row {positions[0] + 1} (line {positions[0] + 2}, id {row_id!r})"
    try:
        values = {key: float(row[key]) for key in ("default", "low", "high")}
    except (TypeError, ValueError) as exc:
        raise ParameterError(f"{where}: default, low and high must be numbers ({exc})") from None
    try:
        return Range(**values, unit=str(row["unit"]) if "unit" in row.index else "")
    except ValueError as exc:
        raise ParameterError(f'{where}, field "default": {exc}') from None
