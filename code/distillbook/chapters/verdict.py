"""The verdict page: the whole ledger as a list a reader can filter, the robustness table with
each verdict's break-even value, and the article's statements the book does not rate.

Every function here is pure: the ledger rows, check results and corrections come in as arguments
(the pages read them through :class:`distillbook.core.page.Page`), tables and numbers come out.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

from distillbook.core import ledger
from distillbook.core.numbers import rounded, span, unit_suffix
from distillbook.core.pages import claim_cite_href, claim_href
from distillbook.core.tables import html_link

#: The title of each page that argues claims (the ledger's ``chapter`` values).
CHAPTER_TITLES: dict[str, str] = {
    "index": "Introduction",
    "definitions": "What is a “distillation attack”?",
    "counting": "Counting exchanges",
    "safety-paradox": "The safety paradox",
    "proxies": "Proxies and hydra clusters",
    "double-standards": "Double standards",
}

# ---------------------------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------------------------


def claim_titles(claims: pd.DataFrame) -> dict[str, str]:
    """Each claim's short title (:func:`distillbook.core.ledger.claim_title`), by claim id."""
    return {row["id"]: ledger.claim_title(row) for _, row in claims.iterrows()}


def check_numbers(results: Mapping[str, ledger.CheckResult], wanted: list[tuple[str, str]]) -> dict[str, object]:
    """Numbers of checks that ran, for a page's prose: ``(claim id, number name)`` pairs become
    keys ``<claim_id with underscores>_<name>`` with the check's value."""
    return {f"{claim_id.replace('-', '_')}_{key}": results[claim_id].numbers[key] for claim_id, key in wanted}


def row_anchor(claim_id: str) -> str:
    """The anchor of a claim's row in the verdict table (``verdict-<id>``)."""
    return f"verdict-{claim_id}"


# ---------------------------------------------------------------------------------------------
# The ledger table
# ---------------------------------------------------------------------------------------------


def in_article_order(claims: pd.DataFrame) -> pd.DataFrame:
    """The ledger rows by article section, keeping the ledger's order within a section."""
    return claims.assign(_order=range(len(claims))).sort_values(["article_section", "_order"], kind="stable")


def marked_sentence(context: str, quote: str) -> str:
    """The article's whole sentence as HTML, the rated words in ``<mark>``."""
    before, _, after = context.partition(quote)
    return f'{html.escape(before)}<mark class="claim-quote">{html.escape(quote)}</mark>{html.escape(after)}'


def ledger_item(
    row: pd.Series,
    result: ledger.CheckResult | None,
    chapter_titles: Mapping[str, str] = CHAPTER_TITLES,
    from_docname: str = "chapters/verdict",
) -> str:
    """One claim of the ledger as a closed ``<details>`` element: the summary shows the verdict's
    badge, the claim's title and the article's section; opened, the article's sentence (the rated
    words marked), the conclusion with its figures filled in, and links to the claim's argument, to
    this item (anchor ``verdict-<id>``, with the ``data-`` attributes the filters read) and to the
    claim's citation in its box."""
    claim_id, verdict = row["id"], row["verdict"]
    anchor = row_anchor(claim_id)
    section = ledger.SECTION_NAMES.get(int(row["article_section"]), str(row["article_section"]))
    context = str(row.get("context", "") or "") or str(row["quote"])
    argued = html_link(claim_href(row["chapter"], claim_id, from_docname), chapter_titles[row["chapter"]])
    permalink = html_link(f"#{anchor}", "link to this claim", class_="verdict-permalink")
    cite_link = html_link(
        claim_cite_href(row["chapter"], claim_id, from_docname), "cite this claim", class_="verdict-cite"
    )
    return (
        f'<li class="ledger-item" id="{anchor}" data-verdict="{verdict}" data-section="{int(row["article_section"])}">'
        f"<details><summary>"
        f'<span class="verdict-badge verdict-{verdict}">{html.escape(ledger.verdict_label(verdict))}</span> '
        f'<span class="ledger-title">{html.escape(ledger.claim_title(row))}</span> '
        f'<span class="ledger-section">{html.escape(section)}</span>'
        f"</summary>"
        f'<p class="claim-context">The article: “{marked_sentence(context, str(row["quote"]))}”</p>'
        f'<p class="ledger-conclusion">{html.escape(ledger.conclusion_text(row, result))}</p>'
        f'<p class="ledger-links">Argued in {argued} · {permalink} · {cite_link}</p>'
        f"</details></li>"
    )


def ledger_filters(claims: pd.DataFrame) -> str:
    """The filter controls above the ledger: a checkbox per verdict present (with its count) and a
    choice of section. Hidden until the page's script shows them, so that without JavaScript the
    reader gets the plain full list."""
    counts = ledger.verdict_counts(claims)
    boxes = "".join(
        f'<label class="ledger-filter"><input type="checkbox" name="verdict" value="{verdict}" checked> '
        f'<span class="verdict-badge verdict-{verdict}">{html.escape(ledger.verdict_label(verdict))}</span> '
        f'<span class="ledger-count">{count}</span></label>'
        for verdict, count in counts.items()
        if count
    )
    sections = sorted({int(s) for s in claims["article_section"]})
    options = '<option value="">every section</option>' + "".join(
        f'<option value="{s}">{html.escape(ledger.SECTION_NAMES.get(s, str(s)))}</option>' for s in sections
    )
    return (
        '<form class="ledger-filters" hidden aria-label="Filter the ledger">'
        f"<fieldset><legend>Verdicts shown</legend>{boxes}</fieldset>"
        f'<label class="ledger-section-filter">Section <select name="section">{options}</select></label>'
        '<button type="button" class="ledger-expand" aria-pressed="false">Open all</button>'
        '<p class="ledger-status" role="status" aria-live="polite"></p>'
        "</form>"
    )


def ledger_html(
    claims: pd.DataFrame,
    results: Mapping[str, ledger.CheckResult],
    chapter_titles: Mapping[str, str] = CHAPTER_TITLES,
    from_docname: str = "chapters/verdict",
) -> str:
    """The whole ledger in the article's order: filters, then one :func:`ledger_item` per claim."""
    items = "".join(
        ledger_item(row, results.get(row["id"]), chapter_titles, from_docname)
        for _, row in in_article_order(claims).iterrows()
    )
    return f'<div class="ledger">{ledger_filters(claims)}<ol class="ledger-list">{items}</ol></div>'


class RawHTML:
    """HTML built by this module (every text in it escaped where it was put together), for a
    page's output."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        return self.text


# ---------------------------------------------------------------------------------------------
# Robustness
# ---------------------------------------------------------------------------------------------

ROBUSTNESS_COLUMNS = [
    "claim",
    "verdict",
    "assumption",
    "range",
    "verdict at the low end",
    "verdict at the high end",
    "verdict holds across the range",
    "verdict changes at",
]


def breakeven_text(sensitivity: ledger.Sensitivity) -> str:
    """Where the verdict changes, in words: the value with its unit, the verdicts either side, and
    whether the value lies outside the assumption's plausible range."""
    breakeven = sensitivity.breakeven
    if breakeven is None:
        return f"nowhere from a {ledger.SEARCH_FACTOR:,.0f}th of the range's low end to {ledger.SEARCH_FACTOR:,.0f} times its high end"
    where = "" if breakeven.inside else " (outside the range)"
    value = f"{rounded(breakeven.value, sensitivity.unit)}{unit_suffix(sensitivity.unit)}"
    below, above = ledger.verdict_label(breakeven.below), ledger.verdict_label(breakeven.above)
    return f"{value}{where}: {below} below, {above} above"


def robustness_table(claims: pd.DataFrame, results: Mapping[str, ledger.CheckResult]) -> pd.DataFrame:
    """One row per (claim, assumption) for every check that reports a sensitivity: the claim's id,
    the ledger's verdict, the assumption, its range, the verdict at each end, ``yes`` when the
    verdict is the ledger's at both ends (``no`` otherwise), and the break-even value."""
    rows = []
    for _, row in claims.iterrows():
        result = results.get(row["id"])
        if result is None:
            continue
        for sens in result.sensitivity:
            rows.append(
                [
                    row["id"],
                    ledger.verdict_label(row["verdict"]),
                    sens.parameter,
                    span(sens.low, sens.high, sens.unit),
                    ledger.verdict_label(sens.verdict_at_low),
                    ledger.verdict_label(sens.verdict_at_high),
                    "yes" if sens.holds(row["verdict"]) else "no",
                    breakeven_text(sens),
                ]
            )
    return pd.DataFrame(rows, columns=ROBUSTNESS_COLUMNS)


def robustness_display(table: pd.DataFrame, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """The robustness table with each claim named by its title and linked to its ledger item (HTML)."""
    titles = claim_titles(claims) if claims is not None else {}
    return table.assign(claim=[html_link(f"#{row_anchor(c)}", titles.get(c, c)) for c in table["claim"]])


def robustness_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many assumption tests the robustness table holds, for how many claims, how many hold."""
    holds = int((table["verdict holds across the range"] == "yes").sum())
    return {
        "tests": int(len(table)),
        "claims": int(table["claim"].nunique()),
        "holds": holds,
        "moves": int(len(table)) - holds,
    }


def moving_claims(table: pd.DataFrame) -> list[str]:
    """The claims whose verdict does not hold across some assumption's range, in table order."""
    moving = table.loc[table["verdict holds across the range"] == "no", "claim"]
    return list(dict.fromkeys(moving))


# ---------------------------------------------------------------------------------------------
# What the book does not rate
# ---------------------------------------------------------------------------------------------

#: How the coverage list names each status of ``data/ledger/coverage.csv``.
COVERAGE_STATUS = {
    "checkable-not-rated": "checkable, not rated",
    "not-checkable": "not checkable",
}


def coverage_table(coverage: pd.DataFrame, status: str = "checkable-not-rated") -> pd.DataFrame:
    """The article's sentences of one coverage status, in the article's order: the sentence's
    number, its opening words and the reason the book gives for not rating it."""
    chosen = coverage[coverage["status"] == status].sort_values("sentence", kind="stable")
    return pd.DataFrame(
        {
            "sentence": chosen["sentence"].astype(int).to_list(),
            "opens with": [f"“{o}…”" for o in chosen["opening"]],
            "why it is not rated": chosen["reason"].to_list(),
        }
    )


# ---------------------------------------------------------------------------------------------
# The verdicts by the part each claim plays
# ---------------------------------------------------------------------------------------------

#: The part a claim plays in the article's argument (the ledger's ``role`` column), in the order
#: the page lists them, each with what it means. The assignment is the book's judgement.
ROLES: dict[str, str] = {
    "restates the report": "the article repeats a figure or fact from Anthropic's report",
    "context": "background the argument leans on: history, other labs, the law",
    "the article's case": "the claims that carry the article's rebuttal",
}

#: The groups the role table counts, each a set of verdicts.
VERDICT_GROUPS: dict[str, tuple[str, ...]] = {
    "accurate or mostly accurate": ledger.RIGHT,
    "misleading or inaccurate": ledger.WRONG,
    "unsupported": ("unsupported",),
    "opinion (not rated)": ("opinion",),
}


def role_counts(claims: pd.DataFrame, role: str) -> dict[str, int]:
    """For the claims of one role: how many there are, how many are rated (not opinion), how many
    are right (accurate or mostly accurate), and how many are wrong or unsupported."""
    verdicts = claims.loc[claims["role"] == role, "verdict"]
    right = int(verdicts.isin(ledger.RIGHT).sum())
    wrong_or_unsupported = int(verdicts.isin(ledger.WRONG_OR_UNSUPPORTED).sum())
    return {
        "claims": int(verdicts.size),
        "rated": int((verdicts != "opinion").sum()),
        "right": right,
        "wrong_or_unsupported": wrong_or_unsupported,
    }


def role_table(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per role, in :data:`ROLES` order: what the role means, its number of claims, and
    how many fall in each group of verdicts (the groups add up to the claims)."""
    rows = []
    for role, meaning in ROLES.items():
        verdicts = claims.loc[claims["role"] == role, "verdict"]
        groups = {name: int(verdicts.isin(members).sum()) for name, members in VERDICT_GROUPS.items()}
        rows.append({"part in the argument": role, "what it covers": meaning, "claims": int(verdicts.size), **groups})
    return pd.DataFrame(rows)


def how_many(part: int, whole: int) -> str:
    """A part of a whole in words: "all 6", "none of the 6", "9 of the 14"."""
    if whole <= 0 or not 0 <= part <= whole:
        raise ValueError(f"a part of {part} does not fit a whole of {whole}")
    if part == whole:
        return f"all {whole:,d}"
    if part == 0:
        return f"none of the {whole:,d}"
    return f"{part:,d} of the {whole:,d}"


def share_word(part: int, whole: int) -> str:
    """How large a part of a whole is, in one word or phrase: "all", "most", "half", "a minority", "none"."""
    if whole <= 0 or not 0 <= part <= whole:
        raise ValueError(f"a part of {part} does not fit a whole of {whole}")
    if part == whole:
        return "all"
    if part == 0:
        return "none"
    if 2 * part > whole:
        return "most"
    if 2 * part == whole:
        return "half"
    return "a minority"


def wrong_or_unsupported(claims: pd.DataFrame) -> list[str]:
    """The ids of the claims rated misleading, inaccurate or unsupported, in article order: the
    claims the page's account of what the article gets wrong must cover, every one."""
    chosen = in_article_order(claims)
    return chosen.loc[chosen["verdict"].isin(ledger.WRONG_OR_UNSUPPORTED), "id"].to_list()


def titles_in_words(claim_ids: list[str], claims: pd.DataFrame) -> str:
    """The claims' short titles as a list in words ("A", "A and B", "A, B and C"), or "none"."""
    titles = claim_titles(claims)
    named = [titles[c] for c in claim_ids]
    if not named:
        return "none"
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


def recorded_searches(searches: pd.DataFrame, id_prefix: str) -> pd.DataFrame:
    """The rows of ``searches.csv`` whose id starts with ``id_prefix``: the searches recorded for
    one question the page asks (e.g. ``verdict-labs-response-``); LedgerError when there are none,
    since the page would then report searches it never made."""
    chosen = searches[searches["id"].str.startswith(id_prefix)]
    if chosen.empty:
        raise ledger.LedgerError(f"data/ledger/searches.csv: no search with an id starting {id_prefix!r}")
    return chosen
