"""Author-year labels that name exactly one source: ``Anthropic, 2026a``.

One function makes every label the book shows: in the text (``[Anthropic, 2026a]``) and in front
of each entry of the bibliography, so the two always agree. The rule, after APA's:

* the author part: one name (a person's surname, or an organisation as written); two names
  joined by "and"; three or more, or a list that ends in ``others``, the first name and "et al.";
* the year: the year of publication, or ``n.d.`` when the source shows no date;
* when two or more sources share an author part and a year, a letter follows the year, given in
  the alphabetical order of their titles (``2025a``, ``2025b``; ``n.d.-a``, ``n.d.-b``).

Names are read as BibTeX name lists (``Hinton and Vinyals and Dean``, ``Dickson, Ben``,
``{Anthropic}``), which is how ``data/ledger/sources.csv`` writes its ``author`` column.
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections import defaultdict
from collections.abc import Iterable

from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person
from pybtex.richtext import Text

#: A year shown for a source without a date.
NO_DATE = "n.d."
#: An arXiv identifier of the 2007 scheme: YYMM.NNNN(N), the year and month of first submission.
ARXIV_ID = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{2})(\d{2})\.\d{4,5}")


@dataclasses.dataclass(frozen=True)
class Cited:
    """What a label is made from: the source's key, its authors (a BibTeX name list), its year
    (empty when unknown) and its title (which orders sources that share author and year)."""

    key: str
    author: str
    year: str
    title: str


#: pybtex's plain-text backend, made once: ``Text.render_as("text")`` looks it up among every
#: installed package's entry points on each call, and a bibliography makes thousands of calls.
PLAIN_TEXT = PlainTextBackend()


def plain_text(text: Text) -> str:
    """Rich text (a formatted field or entry) as plain text."""
    return text.render(PLAIN_TEXT)


def from_latex(latex: str) -> str:
    """A BibTeX field's text as a reader sees it: braces removed and LaTeX escapes resolved
    (``{Fenwick \\& West}`` as it comes from ``references.bib`` is ``Fenwick & West``)."""
    return plain_text(Text.from_latex(latex))


def _unbrace(text: str) -> str:
    """A name as a reader sees it, as it is written in ``sources.csv`` (:func:`from_latex`, trimmed)."""
    return from_latex(text).strip()


def persons(author: str) -> list[Person]:
    """The people and organisations of a BibTeX name list, in order (``others`` included)."""
    return [Person(name) for name in split_name_list(author)]


def surname(person: Person) -> str:
    """A person's surname with its particles (``von``), or an organisation's whole name."""
    return _unbrace(" ".join(person.prelast_names + person.last_names))


def author_part(author: str) -> str:
    """The author part of a label: ``Anthropic``, ``Kim and Rush``, ``Hinton et al.``."""
    people = persons(author)
    others = bool(people) and surname(people[-1]) == "others"
    names = [surname(p) for p in people if surname(p) != "others"]
    if not names:
        raise ValueError(f"no author in {author!r}")
    if len(names) == 1 and not others:
        return names[0]
    if len(names) == 2 and not others:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


def _letters(index: int) -> str:
    """a, b, ..., z, aa, ab, ...: the suffix of the ``index``-th (from 0) source of a group."""
    letters = string.ascii_lowercase
    return (
        letters[index] if index < len(letters) else _letters(index // len(letters) - 1) + letters[index % len(letters)]
    )


def labels(cited: Iterable[Cited]) -> dict[str, str]:
    """Every source's label, by key. Labels are unique: sources that share an author part and a
    year get a letter after the year, in the alphabetical order of their titles (then keys)."""
    groups: dict[str, list[Cited]] = defaultdict(list)
    for item in cited:
        groups[f"{author_part(item.author)}, {item.year or NO_DATE}"].append(item)
    result = {}
    for base, members in groups.items():
        if len(members) == 1:
            result[members[0].key] = base
            continue
        hyphen = "-" if base.endswith(NO_DATE) else ""
        ordered = sorted(members, key=lambda m: (m.title.casefold(), m.key))
        for index, member in enumerate(ordered):
            result[member.key] = f"{base}{hyphen}{_letters(index)}"
    return result


def publication_year(date_published, url: str) -> str:
    """The year a source appeared: from its date; for an undated arXiv preprint, from its
    identifier (YYMM, the month of first submission); empty when neither is known."""
    if date_published is not None and str(date_published) not in ("", "NaT", "nan"):
        return str(date_published.year)
    match = ARXIV_ID.search(url or "")
    return f"20{match.group(1)}" if match else ""


def publication_month(date_published, url: str) -> int | None:
    """The month a source appeared (1-12), as :func:`publication_year` finds it; None if unknown."""
    if date_published is not None and str(date_published) not in ("", "NaT", "nan"):
        return int(date_published.month)
    match = ARXIV_ID.search(url or "")
    return int(match.group(2)) if match else None
