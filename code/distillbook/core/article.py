"""The reviewed article's text, split into the sentences the ledger accounts for.

The article is not republished in this repository (``paths.ARTICLE`` points beside it). Its text is
split into sentences at sentence ends and list items: a line of the text is a paragraph, a
heading or one list item (bullet or number); within a line, a sentence ends at ``.``, ``?`` or
``!`` (a closing quotation mark may follow) where the next sentence begins, after a space, with a
capital letter, a digit or an opening quotation mark. List markers are not part of a sentence.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from distillbook.core import paths

_LIST_MARKER = re.compile(r"^\s*(?:[•·\-*]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.?!])[”\"’)]?\s+(?=[“\"(A-Z0-9])")


@dataclasses.dataclass(frozen=True)
class Sentence:
    """One sentence of the article: its position (1 = the title) and its verbatim text."""

    number: int
    text: str


def read(path: Path = paths.ARTICLE) -> str | None:
    """The article's text, or None where it is not available here."""
    return path.read_text(encoding="utf-8") if path.exists() else None


def _split_line(line: str) -> list[str]:
    """The sentences of one line (a paragraph, a heading or a list item), verbatim."""
    text = _LIST_MARKER.sub("", line).strip()
    if not text:
        return []
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + len(match.group(0).rstrip())
        parts.append(text[start:end].strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [part for part in parts if part]


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the article, in order, numbered from 1 (the title)."""
    found = [part for line in text.splitlines() for part in _split_line(line)]
    return [Sentence(number, sentence) for number, sentence in enumerate(found, start=1)]


def sentence_of(quote: str, text: str) -> Sentence | None:
    """The sentence that contains ``quote`` (None when no one sentence does)."""
    for sentence in sentences(text):
        if quote in sentence.text:
            return sentence
    return None
