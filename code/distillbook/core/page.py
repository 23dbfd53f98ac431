"""What a page's hidden preamble opens: ``page = Page("chapters/counting")``.

Claim boxes are not made here: a page places them with the ``{claim}`` directive, which the
build renders from the ledger.

A page declares in its front matter the tables it reads::

    book:
      reads: [shared/allegation, ledger/claims]

and :meth:`Page.table` refuses any other (``UndeclaredRead``), as :meth:`Page.check` refuses a
check that reads any other. The same list decides which pages
re-execute after a data edit, so an undeclared read would be a stale number waiting to happen.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from distillbook.core import data, ledger, paths
from distillbook.core.charts import BookChart
from distillbook.core.numbers import Register
from distillbook.core.pages import EVERY_TABLE, declared_reads, slug


class UndeclaredRead(Exception):
    """A page read a table its front matter does not declare."""


class Page:
    """One page's access to data, its numbers register, its charts and its claims."""

    def __init__(self, docname: str, root: Path = paths.ROOT):
        self.docname = docname
        self.source = paths.doc_path(docname, root)
        self.descriptor_path = root / "data" / "datapackage.json"
        known = data.table_names(self.descriptor_path)
        declared = declared_reads(self.source)
        self.reads = known if declared == [EVERY_TABLE] else declared
        unknown = [name for name in self.reads if name not in known]
        if unknown:
            raise UndeclaredRead(f"{self.source.name}: front matter declares unknown table(s) {unknown}")
        self.register = Register()
        self._results: dict[str, ledger.CheckResult] = {}

    # data ------------------------------------------------------------------------------------
    def table(self, name: str) -> pd.DataFrame:
        """A validated table; only those declared in the page's front matter."""
        if name not in self.reads:
            raise UndeclaredRead(
                f"{self.source.name} reads data table {name!r} but its front matter declares only "
                f"{self.reads}; add it under book: reads:"
            )
        return data.load_table(name, self.descriptor_path)

    # numbers -----------------------------------------------------------------------------------
    def number(self, key: str, value):
        """Register a plain value for ``{glue:text}`` and return it."""
        return self.register.add(key, value)

    def chart(self, key: str, chart, data_frame: pd.DataFrame, interactive: bool | None = None) -> BookChart:
        """Register a chart for ``{glue:figure}``; it is drawn to SVG now, offline."""
        book_chart = BookChart(key, chart, data_frame, interactive)
        self.register.add(key, book_chart, display_value=book_chart)
        return book_chart

    # claims ------------------------------------------------------------------------------------
    def claims(self) -> pd.DataFrame:
        """The ledger rows this page judges."""
        rows = self.table("ledger/claims")
        return rows[rows["chapter"] == slug(self.docname)].reset_index(drop=True)

    def check(self, claim_id: str) -> ledger.CheckResult | None:
        """The check result of a claim (recomputed here), or None for pending/opinion rows."""
        row = self._claim_row(claim_id)
        if not row["check"]:
            return None
        if claim_id not in self._results:
            result = ledger.run_check(row["check"], self.descriptor_path)
            # the page shows what the check computed: the tables it read are the page's inputs,
            # and only declared tables re-execute the page when they change
            undeclared = sorted(set(result.tables_read) - set(self.reads))
            if undeclared:
                raise UndeclaredRead(
                    f"{self.source.name}: the check of claim {claim_id!r} ({row['check']}) reads {undeclared}, "
                    "which its front matter does not declare; add them under book: reads:"
                )
            self._results[claim_id] = result
        return self._results[claim_id]

    def _claim_row(self, claim_id: str) -> pd.Series:
        rows = self.claims()
        match = rows[rows["id"] == claim_id]
        if match.empty:
            raise ledger.LedgerError(f"{self.source.name}: claim {claim_id!r} is not one of this page's claims")
        return match.iloc[0]
