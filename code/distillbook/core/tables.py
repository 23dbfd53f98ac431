"""Tables shown on pages: pandas frames as accessible HTML (no index column, a caption)."""

from __future__ import annotations

import html
import re

import pandas as pd

_CELL = re.compile(r"<(td|th)>")


def mark_numeric(text: str, numeric: list[bool]) -> str:
    """Give the cells of numeric columns the class ``num`` (right-aligned, tabular figures)."""

    def row(match: re.Match) -> str:
        position = iter(range(len(numeric)))
        return _CELL.sub(
            lambda cell: f'<{cell.group(1)} class="num">' if numeric[next(position, 0)] else cell.group(0),
            match.group(0),
        )

    return re.sub(r"<tr[^>]*>.*?</tr>", row, text, flags=re.S)


class Table:
    """A table ready to display in a page: no unnamed index column, an optional caption.

    ``html_columns`` names columns whose cells are already HTML (links, anchors), built by code
    that escaped their text itself; every other cell is escaped here."""

    def __init__(self, frame: pd.DataFrame, caption: str | None = None, html_columns: tuple[str, ...] = ()):
        self.frame = frame
        self.caption = caption
        self.html_columns = tuple(html_columns)
        unknown = [c for c in self.html_columns if c not in frame.columns]
        if unknown:
            raise KeyError(f"html_columns {unknown} are not columns of the table")

    def _repr_html_(self) -> str:
        if self.html_columns:
            shown = self.frame.copy()
            for column in shown.columns:
                if column not in self.html_columns:
                    shown[column] = [html.escape(str(v)) if not pd.isna(v) else "" for v in shown[column]]
            text = shown.to_html(index=False, border=0, classes="book-table", na_rep="", escape=False, justify="left")
        else:
            text = self.frame.to_html(
                index=False, border=0, classes="book-table", na_rep="", escape=True, justify="left"
            )
        numeric = [
            pd.api.types.is_numeric_dtype(self.frame[c]) and not pd.api.types.is_bool_dtype(self.frame[c])
            for c in self.frame.columns
        ]
        text = mark_numeric(text, numeric)
        if self.caption:
            text = text.replace(">", f"><caption>{html.escape(self.caption)}</caption>", 1)
        return text


def table(frame: pd.DataFrame, caption: str | None = None, html_columns: tuple[str, ...] = ()) -> Table:
    """Display ``frame`` as an HTML table without the index; ``html_columns`` hold ready HTML."""
    return Table(frame, caption, html_columns)


def html_link(href: str, text: str, **attributes: str) -> str:
    """An HTML link with escaped text and attributes (``class_="x"`` gives ``class="x"``)."""
    extra = "".join(f' {name.rstrip("_")}="{html.escape(value, quote=True)}"' for name, value in attributes.items())
    return f'<a href="{html.escape(href, quote=True)}"{extra}>{html.escape(text)}</a>'
