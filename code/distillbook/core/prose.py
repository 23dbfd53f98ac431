"""Finding numbers typed into prose.

Every number a reader sees must be computed at build time and reach the text through glue. This
scanner finds the ones that did not: digits in the text of a MyST page, in a caption or alt text,
in a chart's title or description, or in a text column of ``data/``.

Allowed, because they are not results: years and dates; names that contain digits (models,
products, tiers); references to sections, figures and tables; list numbering; and everything
inside roles and code (glue values, citations, cross-references, verbatim article quotations
marked with the ``{article}`` role).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
#: Words after which a number is part of a name or a reference, not a result.
NAME_WORDS = (
    "Claude|Opus|Sonnet|Haiku|Gemini|Llama|LLaMA|GPT|Grok|Qwen|Phi|Gemma|Mistral|Composer|Kimi|"
    "MiniMax|DeepSeek|Tier|tier|Tiers|tiers|Python|Jupyter Book|Sphinx|Vega-Lite|Altair|Chromium|"
    "Section|section|Sections|sections|§|Table|table|Figure|figure|Chapter|chapter|Part|part|"
    "Appendix|appendix|version|Version|Anthropic's Usage Policy|step|Step|SWE-bench|Bench|ASL|Top|TLP"
)

_ROLE = re.compile(r"\{[a-zA-Z][\w:.-]*\}`[^`]*`")
_CODE = re.compile(r"`[^`]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
_PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_-]*(?::[^{}]*)?\}")
_HTML_TAG = re.compile(r"<[^>]+>")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
#: A time of day with its time zone (a date's companion, not a result): ``10:36 HKT``.
_TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}\s+(?:UTC|GMT|HKT|CET|CEST|EST|EDT|PST|PDT)\b")
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}(?:–\d{{1,2}})?\s+(?:{MONTHS})\b|\b(?:{MONTHS})\s+\d{{1,2}}\b")
_YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d{2}(?:s|–\d{2,4})?(?!\d|[,.]\d|%)")
_NAMED = re.compile(rf"(?:\b(?:{NAME_WORDS}))[\s-]+\d+(?:\.\d+)*[a-z]?\b")
_ATTACHED = re.compile(r"[A-Za-z][A-Za-z.]*-?\d+(?:\.\d+)*[A-Za-z]*|\d+[A-Za-z]+\b|\d+(?:\.\d+)*-[A-Za-z]+")
_LIST_MARKER = re.compile(r"^\s*\d+[.)]\s")
_NUMBER = re.compile(r"(?<![\w.])[-+−]?\d[\d,]*(?:\.\d+)?%?")

#: MyST directive options whose text readers see.
SEEN_OPTIONS = ("alt", "caption", "figclass-caption")


@dataclasses.dataclass(frozen=True)
class Finding:
    """A literal number in text a reader sees."""

    file: str
    line: int
    number: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: literal number {self.number!r} in prose (glue it): {self.text.strip()[:100]}"


def numbers_in_text(text: str) -> list[str]:
    """The literal numbers in one piece of reader-facing text, after removing what is allowed."""
    for pattern in (
        _ROLE,
        _CODE,
        _LINK_TARGET,
        _PLACEHOLDER,
        _HTML_TAG,
        _ISO_DATE,
        _TIME_OF_DAY,
        _DAY_MONTH,
        _NAMED,
        _ATTACHED,
        _YEAR,
    ):
        text = pattern.sub(" ", text)
    text = _LIST_MARKER.sub(" ", text)
    return _NUMBER.findall(text)


def _prose_lines(source: str):
    """(line number, text) for each line of a MyST page a reader sees as prose."""
    lines = source.splitlines()
    in_front = lines[:1] == ["---"]
    fence: str | None = None
    fence_kind = ""
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if in_front:
            if number > 1 and stripped == "---":
                in_front = False
            continue
        opener = re.match(r"^(\s*)(`{3,}|:{3,}|~{3,})(\{[\w:-]+\}|[\w-]*)?(.*)$", line)
        if fence is None and opener:
            marker, kind, rest = opener.group(2), opener.group(3) or "", opener.group(4)
            if kind in ("{code-cell}", "{raw}", "{math}", "{glue:md}", "{glue:figure}", "{glue}", "{claim}") or (
                marker.startswith(("`", "~")) and not kind.startswith("{")
            ):
                fence, fence_kind = marker, "code"
                if kind == "{glue:figure}":
                    fence_kind = "figure"  # its caption is prose
                continue
            # an admonition / figure / note: its title is prose, its body is parsed as prose
            if marker.startswith(":") or kind.startswith("{"):
                yield number, rest
                continue
        if fence is not None:
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
                continue
            if fence_kind == "code":
                continue
            if fence_kind == "figure":
                option = re.match(r"^\s*:(\w[\w-]*):\s*(.*)$", line)
                if option and option.group(1) not in SEEN_OPTIONS:
                    continue
                yield number, option.group(2) if option else line
                continue
        if re.match(r"^\s*\(.+\)=\s*$", line) or stripped.startswith("<!--") or stripped.startswith("%"):
            continue
        option = re.match(r"^\s*:(\w[\w-]*):\s*(.*)$", line)
        if option:
            if option.group(1) in SEEN_OPTIONS:
                yield number, option.group(2)
            continue
        yield number, line


def scan_page(path: Path, root: Path | None = None) -> list[Finding]:
    """Every literal number in the prose of one MyST page."""
    shown = str(path.relative_to(root)) if root else str(path)
    findings = []
    for number, text in _prose_lines(path.read_text(encoding="utf-8")):
        for literal in numbers_in_text(text):
            findings.append(Finding(shown, number, literal, text))
    return findings


def scan_text(label: str, text: str, line: int = 0) -> list[Finding]:
    """Literal numbers in one reader-facing string (a data cell, a chart title)."""
    return [Finding(label, line, literal, text) for literal in numbers_in_text(text)]
