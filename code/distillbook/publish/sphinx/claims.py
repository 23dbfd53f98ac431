"""The article's words on the page: claim boxes rendered from the ledger, and the ``{article}`` role.

A claim box is placed with one directive::

    ```{claim} count-snitchbench
    ```

It is rendered from the ledger row (``data/ledger/claims.csv``) and the result of the claim's
check in this build (the gate ran it before any page was read), so it is never older than the
data or the check: a page that shows a claim is read again when any input of that claim's check
changes (:mod:`.freshness`). The box is an admonition with the anchor ``#claim-<id>`` and the
classes ``claim`` and ``claim-<verdict>``. Its parts, each with a class of its own so that they
can be styled or filled separately:

* the title: the verdict (``claim-verdict``), then the permalink;
* ``claim-context``: the article's whole sentence, the rated words marked (``<mark class="claim-quote">``);
* ``claim-conclusion``: what the evidence shows, in one or two sentences;
* ``claim-numbers``: the numbers behind it, a list (from the ledger's ``numbers`` column);
* ``claim-sensitivity``: for a verdict that depends on an assumption, the verdict at both ends of
  its range and the value at which it changes;
* ``claim-meta``: the date up to which evidence was weighed, and a link to the rule in words on
  the methods page.

Every number in a box comes from the check's numbers through the numbers register
(:func:`distillbook.core.numbers.fill` and :func:`~distillbook.core.numbers.rounded`).
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from distillbook.core import data, ledger
from distillbook.core.numbers import fill, rounded, span, unit_suffix
from distillbook.core.pages import claim_page_docname
from distillbook.publish import cite
from distillbook.publish.sphinx.citing import book_meta

#: The page that states every check's rule in words.
METHODS_PAGE = "appendices/methods"
#: Separates the lines of the ledger's ``numbers`` column.
NUMBERS_SEPARATOR = " | "


def claim_row(srcdir: Path, claim_id: str):
    """The ledger row of ``claim_id``; ExtensionError naming the claim when there is none."""
    claims = data.load_table("ledger/claims", Path(srcdir) / "data" / "datapackage.json")
    match = claims[claims["id"] == claim_id]
    if match.empty:
        raise ExtensionError(f"claim directive: no claim {claim_id!r} in data/ledger/claims.csv")
    return match.iloc[0]


def context_paragraph(context: str, quote: str) -> nodes.paragraph:
    """The article's sentence with the rated words marked."""
    before, _, after = context.partition(quote)
    marked = f'{html.escape(before)}<mark class="claim-quote">{html.escape(quote)}</mark>{html.escape(after)}'
    paragraph = nodes.paragraph(classes=["claim-context"])
    paragraph += nodes.Text("The article: ")
    paragraph += nodes.raw("", f"“{marked}”", format="html")
    return paragraph


def number_lines(template: str, result: ledger.CheckResult | None) -> list[str]:
    """The ledger's ``numbers`` column as lines, filled from the check's numbers."""
    if not template.strip():
        return []
    filled = fill(template, result.numbers) if result is not None else template
    return [line.strip() for line in filled.split(NUMBERS_SEPARATOR.strip()) if line.strip()]


def sensitivity_text(sensitivity: ledger.Sensitivity) -> str:
    """One assumption's effect on the verdict, in words."""
    label = ledger.verdict_label
    unit = sensitivity.unit
    text = (
        f"Depends on an assumption, {sensitivity.parameter} "
        f"(plausible range {span(sensitivity.low, sensitivity.high, unit)}): "
        f"{label(sensitivity.verdict_at_low)} at the low end, {label(sensitivity.verdict_at_high)} at the high end."
    )
    breakeven = sensitivity.breakeven
    if breakeven is None:
        return text + " No value searched, far beyond the range, changes the verdict."
    where = "" if breakeven.inside else ", outside the range"
    return text + (
        f" The verdict changes at about {rounded(breakeven.value, unit)}{unit_suffix(unit)}{where}: "
        f"{label(breakeven.below)} below, {label(breakeven.above)} above."
    )


def relative_uri(from_docname: str, to_docname: str, anchor: str = "") -> str:
    """The link from one page to another (and an anchor on it), relative to the first page; an
    anchor on the same page is linked as ``#anchor`` alone."""
    if to_docname == from_docname and anchor:
        return f"#{anchor}"
    target = posixpath.relpath(f"{to_docname}.html", posixpath.dirname(from_docname) or ".")
    return f"{target}#{anchor}" if anchor else target


def claim_box(row, result: ledger.CheckResult | None, docname: str) -> nodes.admonition:
    """The doctree of one claim box (see the module's docstring)."""
    verdict = row["verdict"]
    box = nodes.admonition(classes=["claim", f"claim-{verdict}"], ids=[f"claim-{row['id']}"])
    title = nodes.title()
    title += nodes.inline(text=f"Verdict: {ledger.verdict_label(verdict)}", classes=["claim-verdict"])
    box += title
    box += context_paragraph(row["context"] or row["quote"], row["quote"])
    if verdict == ledger.PENDING:
        box += nodes.paragraph(
            text="This claim is examined in a later version of the book.", classes=["claim-conclusion"]
        )
        return box
    box += nodes.paragraph(text=ledger.conclusion_text(row, result), classes=["claim-conclusion"])
    lines = number_lines(row["numbers"], result)
    if lines:
        listing = nodes.bullet_list(classes=["claim-numbers"])
        for line in lines:
            listing += nodes.list_item("", nodes.paragraph(text=line))
        box += listing
    for sensitivity in result.sensitivity if result is not None else ():
        box += nodes.paragraph(text=sensitivity_text(sensitivity), classes=["claim-sensitivity"])
    meta = nodes.paragraph(classes=["claim-meta"])
    meta += nodes.Text(f"Evidence weighed up to {row['as_of']:%-d %B %Y}. ")
    if row["check"]:
        href = relative_uri(docname, METHODS_PAGE, ledger.rule_anchor(row["check"]))
        meta += nodes.reference("", "How this is judged", refuri=href, classes=["claim-rule"])
        meta += nodes.Text(".")
    else:
        meta += nodes.Text("An opinion: its reasoning is discussed, not rated.")
    box += meta
    return box


class ClaimDirective(SphinxDirective):
    """``{claim} <id>``: the claim box of one ledger row."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        claim_id = self.arguments[0]
        row = claim_row(self.env.srcdir, claim_id)
        chapter_page = claim_page_docname(row["chapter"])
        if chapter_page != self.env.docname:
            raise ExtensionError(
                f"{self.env.docname}: claim {claim_id!r} belongs to {chapter_page!r} (its ledger chapter); "
                "a claim box stands on the page that judges it"
            )
        result = getattr(self.env, "distillbook_ledger", {}).get(claim_id)
        box = claim_box(row, result, self.env.docname)
        self.state.document.note_explicit_target(box)
        return [box]


def claim_permalinks(app, doctree, docname: str) -> None:
    """Put "link to this claim" (``#claim-<id>``) and "cite this claim" in the title of every
    claim box; at the end of the box, the claim's citation (APA and BibTeX), folded. Done when
    the page is written, so the citation carries the book's current date and version."""
    boxes = [
        box
        for box in doctree.findall(nodes.Admonition)
        if "claim" in box["classes"] and any(i.startswith("claim-") for i in box["ids"])
    ]
    if not boxes:
        return
    meta = book_meta(app)
    claims = data.load_table("ledger/claims", Path(app.srcdir) / "data" / "datapackage.json").set_index("id")
    for box in boxes:
        anchor = next(i for i in box["ids"] if i.startswith("claim-"))
        titles = [child for child in box.children if isinstance(child, nodes.title)]
        if not titles:
            continue
        claim_id = anchor.removeprefix("claim-")
        link = nodes.reference("", "link to this claim", refuri=f"#{anchor}", classes=["claim-permalink"])
        cite_link = nodes.reference(
            "", "cite this claim", refuri=f"#{cite.claim_cite_id(claim_id)}", classes=["claim-cite"]
        )
        titles[0] += [nodes.Text(" "), link, nodes.Text(" "), cite_link]
        if claim_id in claims.index:
            title = ledger.claim_title(claims.loc[claim_id])
            box += nodes.raw("", cite.claim_cite_block(meta, docname, claim_id, title), format="html")


def article_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{article}`words``` shows the article's verbatim words in quotation marks."""
    node = nodes.inline(rawtext, f"“{text}”", classes=["article-quote"])
    return [node], []


#: The page whose ledger lists every claim, and the anchor of a claim's entry there.
VERDICT_PAGE = "chapters/verdict"


def claim_title_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{claim-title}`<id>``` names a claim by its short title (the ledger's ``title`` column)
    and links to its entry in the verdict page's ledger (``#verdict-<id>``); an unknown id stops
    the build with a message naming it."""
    env = inliner.document.settings.env
    claim_id = text.strip()
    row = claim_row(env.srcdir, claim_id)
    href = relative_uri(env.docname, VERDICT_PAGE, f"verdict-{claim_id}")
    node = nodes.reference(rawtext, ledger.claim_title(row), refuri=href, classes=["claim-ref"])
    node["claim_id"] = claim_id
    return [node], []
