"""The allegation in numbers, as every chapter reads it from ``data/shared/allegation.csv``: the
labs the report names and each one's exchange figure."""

from __future__ import annotations

import pandas as pd

#: The labs the report names, in the order the report discusses them.
LABS = ["DeepSeek", "Moonshot", "MiniMax"]

#: What each of the report's signals about who sent the traffic does (the ``kind`` column of
#: ``data/proxies/attribution_signals.csv``), as the pages name it.
SIGNAL_KINDS = {
    "attribution": "ties the traffic to a lab",
    "coordination": "links accounts to one another",
}


def per_lab_exchanges(allegation: pd.DataFrame) -> pd.DataFrame:
    """Each lab's exchange figure (exchanges, the report's lower bound) and its share of their sum.

    Columns: ``lab``, ``exchanges`` (int), ``share`` (fraction of the three labs' sum)."""
    rows = allegation[(allegation["quantity"] == "exchanges") & allegation["lab"].isin(LABS)]
    frame = rows[["lab", "value"]].rename(columns={"value": "exchanges"}).copy()
    frame["exchanges"] = frame["exchanges"].astype(int)
    frame["lab"] = pd.Categorical(frame["lab"], categories=LABS, ordered=True)
    frame = frame.sort_values("lab").reset_index(drop=True)
    frame["lab"] = frame["lab"].astype(str)
    frame["share"] = frame["exchanges"] / frame["exchanges"].sum()
    return frame


def allegation_value(allegation: pd.DataFrame, row_id: str) -> float:
    """The ``value`` of one row of the allegation table (in that row's unit)."""
    match = allegation.loc[allegation["id"] == row_id, "value"]
    if match.empty:
        raise KeyError(f"data/shared/allegation.csv: no row with id {row_id!r}")
    return float(match.iloc[0])
