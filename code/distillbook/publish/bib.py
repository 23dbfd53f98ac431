"""``references.bib``, generated from ``data/ledger/sources.csv`` (sources live once, in data).

Every source is a ``@misc`` entry with only the fields BibTeX defines for it (``author``,
``title``, ``howpublished``, ``month``, ``year``, ``note``) and ``url``: the access date and the
source type go into ``note``, once. The year of an undated arXiv preprint comes from its
identifier (:func:`distillbook.publish.labels.publication_year`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from distillbook.core import data, paths
from distillbook.publish import labels

HEADER = "% Generated from data/ledger/sources.csv by `python -m distillbook bib`. Do not edit by hand.\n"
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _escape(text: str, braces: bool = True) -> str:
    """Escape the characters LaTeX treats specially inside a braced field (``braces=False``
    keeps ``{`` and ``}``, which a name list uses to mark an organisation). ``$`` stays as it
    is: BibTeX does not mind it, and pybtex, which formats the bibliography, would show ``\\$``."""
    special = ("\\", "{", "}", "&", "%", "#", "_") if braces else ("&", "%", "#", "_")
    for char in special:
        text = text.replace(char, "\\" + char if char != "\\" else "\\textbackslash{}")
    return text


def day_text(day) -> str:
    """A date as the book writes it: ``2 August 2026``."""
    return f"{day.day} {day:%B %Y}"


def shown_author(author: str) -> str:
    """The author list as plain text (braces removed), to compare with the publisher."""
    return author.replace("{", "").replace("}", "").strip()


def entry(source: pd.Series) -> str:
    """One ``@misc`` entry (see the module's docstring). The publisher is ``howpublished`` unless
    it only repeats the author."""
    fields: dict[str, str] = {
        "author": "{" + _escape(source["author"], braces=False) + "}",
        "title": "{{" + _escape(source["title"]) + "}}",  # double-braced: keep its capitals
    }
    if source["publisher"] != shown_author(source["author"]):
        fields["howpublished"] = "{" + _escape(source["publisher"]) + "}"
    year = labels.publication_year(source["date_published"], source["url"])
    month = labels.publication_month(source["date_published"], source["url"])
    if year:
        fields["year"] = "{" + year + "}"
    if month:
        fields["month"] = MONTHS[month - 1]  # BibTeX's month macro
    fields["url"] = "{" + source["url"] + "}"
    accessed = day_text(source["date_accessed"].date())
    fields["note"] = "{" + _escape(f"Accessed {accessed}; source type: {source['reliability']}") + "}"
    body = ",\n".join(f"  {name} = {value}" for name, value in fields.items())
    return f"@misc{{{source['id']},\n{body}\n}}\n"


def bibliography(descriptor_path: Path = paths.DATAPACKAGE) -> str:
    """The whole ``references.bib`` text, entries in the order of ``sources.csv``."""
    sources = data.load_table("ledger/sources", descriptor_path)
    return HEADER + "\n".join(entry(row) for _, row in sources.iterrows())


def source_labels(sources: pd.DataFrame) -> dict[str, str]:
    """The in-text label of every source (``Anthropic, 2026a``), by id: what the book shows."""
    return labels.labels(
        labels.Cited(
            key=row["id"],
            author=row["author"],
            year=labels.publication_year(row["date_published"], row["url"]),
            title=row["title"],
        )
        for _, row in sources.iterrows()
    )


def write_bibliography(root: Path = paths.ROOT) -> bool:
    """Write ``references.bib`` if its text changed; return True when it was (re)written."""
    target = root / "references.bib"
    text = bibliography(root / "data" / "datapackage.json")
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True
