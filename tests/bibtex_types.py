"""The fields BibTeX defines for each entry type, written out by hand from BibTeX's own manual
(Oren Patashnik, "BibTeXing", 1988, section 3.1: required and optional fields per type), plus
``url``, which the natbib and biblatex styles print for every type. A citation the book offers
uses only these, so that any BibTeX style reads it."""

from __future__ import annotations

#: (required, optional) fields per entry type.
FIELDS: dict[str, tuple[set[str], set[str]]] = {
    "article": ({"author", "title", "journal", "year"}, {"volume", "number", "pages", "month", "note"}),
    "book": (
        {"author", "title", "publisher", "year"},
        {"editor", "volume", "number", "series", "address", "edition", "month", "note"},
    ),
    "incollection": (
        {"author", "title", "booktitle", "publisher", "year"},
        {"editor", "volume", "number", "series", "type", "chapter", "pages", "address", "edition", "month", "note"},
    ),
    "misc": (set(), {"author", "title", "howpublished", "month", "year", "note"}),
    "techreport": ({"author", "title", "institution", "year"}, {"type", "number", "address", "month", "note"}),
}
#: Allowed in every type.
EVERY_TYPE = {"url"}


def problems(entry) -> list[str]:
    """What is wrong with a pybtex entry for its type: a field the type does not define, or a
    required one missing (``author`` is in ``entry.persons``, not in ``entry.fields``)."""
    if entry.type not in FIELDS:
        return [f"entry type @{entry.type} is not one this table knows"]
    required, optional = FIELDS[entry.type]
    present = {name.lower() for name in entry.fields} | {role.lower() for role in entry.persons}
    found = [
        f"field {name!r} is not defined for @{entry.type}"
        for name in sorted(present - required - optional - EVERY_TYPE)
    ]
    found += [f"required field {name!r} missing from @{entry.type}" for name in sorted(required - present)]
    return found
