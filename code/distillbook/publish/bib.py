"""``references.bib``, generated from ``data/ledger/sources.csv`` (sources live once, in data)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from distillbook.core import data, paths

HEADER = "% Generated from data/ledger/sources.csv by `python -m distillbook bib`. Do not edit by hand.\n"


def _escape(text: str) -> str:
    """Escape the characters BibTeX treats specially inside a braced field."""
    for char in ("\\", "{", "}", "&", "%", "$", "#", "_"):
        text = text.replace(char, "\\" + char if char != "\\" else "\\textbackslash{}")
    return text


def entry(source: pd.Series) -> str:
    """One ``@misc`` entry. The publisher stands as author (organisations, not people, publish
    most of these sources); reliability and access date go into ``note``."""
    fields = {
        "title": "{" + _escape(source["title"]) + "}",  # braced: keep its capitals
        "author": "{" + _escape(source["publisher"]) + "}",
        "url": source["url"],
        "urldate": source["date_accessed"].date().isoformat(),
        "note": _escape(f"Accessed {source['date_accessed'].date().isoformat()}; source type: {source['reliability']}"),
    }
    if pd.notna(source["date_published"]):
        fields["year"] = str(source["date_published"].year)
        fields["month"] = source["date_published"].strftime("%b").lower()
        fields["date"] = source["date_published"].date().isoformat()
    body = ",\n".join(
        f"  {name} = {{{value}}}" if name != "month" else f"  month = {value}" for name, value in fields.items()
    )
    return f"@misc{{{source['id']},\n{body}\n}}\n"


def bibliography(descriptor_path: Path = paths.DATAPACKAGE) -> str:
    """The whole ``references.bib`` text, entries in the order of ``sources.csv``."""
    sources = data.load_table("ledger/sources", descriptor_path)
    return HEADER + "\n".join(entry(row) for _, row in sources.iterrows())


def write_bibliography(root: Path = paths.ROOT) -> bool:
    """Write ``references.bib`` if its text changed; return True when it was (re)written."""
    target = root / "references.bib"
    text = bibliography(root / "data" / "datapackage.json")
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True
