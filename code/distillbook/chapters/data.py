"""The data appendix: every table of the data package, and every source once."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from distillbook.core import paths
from distillbook.core.tables import Table, table


def tables_table(descriptor_path: Path = paths.DATAPACKAGE) -> Table:
    """One row per table of the data package: file, title and columns."""
    desc = json.loads(descriptor_path.read_text(encoding="utf-8"))
    rows = [
        (res["path"], res.get("title", ""), ", ".join(f["name"] for f in res["schema"]["fields"]))
        for res in desc["resources"]
    ]
    return table(pd.DataFrame(rows, columns=["file", "what it holds", "columns"]))


def sources_table(sources: pd.DataFrame) -> Table:
    """The sources as readers see them: key, title, publisher, dates and reliability."""
    shown = sources[["id", "title", "publisher", "date_published", "date_accessed", "reliability"]].copy()
    for column in ("date_published", "date_accessed"):
        shown[column] = shown[column].dt.strftime("%Y-%m-%d").fillna("not shown")
    return table(shown.rename(columns={"id": "key", "date_published": "published", "date_accessed": "read"}))
