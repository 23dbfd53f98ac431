"""The book's colours, in one place and without importing a chart library: Okabe & Ito's palette
for categories and the verdicts' colours, with the stylesheet that gives pages the same verdict
colours as the charts (written by the build, which need not import Altair for it)."""

from __future__ import annotations

#: Okabe & Ito's colour-blind-safe palette (Wong, Nature Methods 2011), black last.
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
#: The verdicts' colours: an ordinal scale from accurate (dark blue) through mostly accurate
#: (light blue) and misleading (light orange) to inaccurate (dark orange), blue and orange being
#: told apart by every common form of colour blindness; unsupported and opinion take two different
#: neutral tones. Each is a pair (fill, text) whose contrast meets WCAG AA (4.5:1, tested). These
#: colours mean verdicts and nothing else, on every page: badges, the ledger, the charts.
VERDICT_STYLE: dict[str, tuple[str, str]] = {
    "accurate": ("#08519c", "#ffffff"),
    "mostly-accurate": ("#9ecae1", "#0b1f33"),
    "misleading": ("#fdae6b", "#2b1600"),
    "inaccurate": ("#a63603", "#ffffff"),
    "unsupported": ("#bdbdbd", "#1a1a1a"),
    "opinion": ("#e8dcc4", "#2a2418"),
}
#: The fill of each verdict (see :data:`VERDICT_STYLE`).
VERDICT_COLOURS: dict[str, str] = {verdict: fill for verdict, (fill, _) in VERDICT_STYLE.items()}


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def verdict_css() -> str:
    """The stylesheet of the verdict colours, written from :data:`VERDICT_STYLE` at build time so
    that the page colours and the chart colours have one source."""
    rules = [":root {"]
    rules += [
        f"  --verdict-{verdict}: {fill}; --verdict-{verdict}-text: {text};"
        for verdict, (fill, text) in VERDICT_STYLE.items()
    ]
    rules.append("}")
    for verdict in VERDICT_STYLE:
        rules.append(
            f".claim-{verdict} .claim-verdict, .verdict-badge.verdict-{verdict} "
            f"{{ background: var(--verdict-{verdict}); color: var(--verdict-{verdict}-text); }}"
        )
        rules.append(f".admonition.claim.claim-{verdict} {{ border-left-color: var(--verdict-{verdict}); }}")
    return "\n".join(rules) + "\n"
