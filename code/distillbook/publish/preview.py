"""The preview card a shared link shows (``og:image``): the book's title, its version, and how
many of the article's claims got each verdict, drawn at build time from ``_config.yml`` and the
claims ledger, offline, as a 1200 x 630 PNG (the size link previews expect).

The card is a Vega specification (:func:`card_spec`, pure) drawn by vl-convert
(:func:`card_png`); :func:`write_card` draws it again only when its specification changed.
"""

from __future__ import annotations

import hashlib
import json
import textwrap
from pathlib import Path

from distillbook.core import ledger
from distillbook.core.palette import VERDICT_COLOURS
from distillbook.publish.cite import CARD_SIZE

WIDTH, HEIGHT = CARD_SIZE
MARGIN = 64
FONT = "sans-serif"


def _text(x: float, y: float, text: str | list[str], size: int, colour: str, weight: str = "normal") -> dict:
    return {
        "type": "text",
        "encode": {
            "enter": {
                "x": {"value": x},
                "y": {"value": y},
                "text": {"value": text},
                "fontSize": {"value": size},
                "fontWeight": {"value": weight},
                "font": {"value": FONT},
                "fill": {"value": colour},
                "baseline": {"value": "alphabetic"},
                "lineHeight": {"value": round(size * 1.2)},
            }
        },
    }


def _rect(x: float, y: float, width: float, height: float, colour: str) -> dict:
    return {
        "type": "rect",
        "encode": {
            "enter": {
                "x": {"value": x},
                "y": {"value": y},
                "width": {"value": width},
                "height": {"value": height},
                "fill": {"value": colour},
            }
        },
    }


def card_spec(title: str, subtitle: str, footer: str, counts: dict[str, int]) -> dict:
    """The card as a Vega specification: the title (wrapped), a subtitle, one bar split by
    verdict in the book's verdict colours (widths proportional to ``counts``, verdicts with no
    claim left out), the verdicts with their counts in words below it, and a footer."""
    marks = [_rect(0, 0, WIDTH, 14, "#1557b0")]
    lines = textwrap.wrap(title, 30)
    marks.append(_text(MARGIN, 150, lines, 64, "#1a1a1a", "bold"))
    top = 150 + 77 * (len(lines) - 1) + 60
    marks.append(_text(MARGIN, top, subtitle, 30, "#4a4a4a"))
    total = sum(counts.values())
    marks.append(_text(MARGIN, top + 62, f"The ledger's {total} claims from the article, by verdict:", 26, "#1a1a1a"))
    bar_top, bar_width = top + 80, WIDTH - 2 * MARGIN
    x = MARGIN
    shown = []
    for verdict, count in counts.items():
        if count <= 0:
            continue
        width = bar_width * count / total
        marks.append(_rect(x, bar_top, width, 56, VERDICT_COLOURS[verdict]))
        x += width
        shown.append(f"{ledger.verdict_label(verdict)} {count}")
    marks.append(_text(MARGIN, bar_top + 96, " · ".join(shown), 26, "#1a1a1a"))
    marks.append(_text(MARGIN, HEIGHT - 48, footer, 24, "#4a4a4a"))
    return {
        "$schema": "https://vega.github.io/schema/vega/v5.json",
        "width": WIDTH,
        "height": HEIGHT,
        "padding": 0,
        "background": "#ffffff",
        "marks": marks,
    }


def card_png(spec: dict) -> bytes:
    """The card drawn as a PNG by vl-convert (offline)."""
    import vl_convert as vlc

    return vlc.vega_to_png(spec, scale=1)


def spec_digest(spec: dict) -> str:
    """A digest of the card's specification: the card needs drawing again only when it changes."""
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()


def write_card(spec: dict, target: Path, drawn_digest: str | None) -> str:
    """Draw the card to ``target`` unless it exists and was drawn from a specification with
    ``drawn_digest``; return the digest of the card now at ``target``."""
    digest = spec_digest(spec)
    if target.exists() and digest == drawn_digest:
        return digest
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(card_png(spec))
    return digest
