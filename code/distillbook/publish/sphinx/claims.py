"""The article's words on the page: claim boxes rendered from the ledger, and the ``{article}`` role.

A claim box is placed with one directive::

    ```{claim} count-snitchbench
    ```

It is rendered from the ledger row (``data/ledger/claims.csv``) and the result of the claim's
check in this build (the gate ran it before any page was read), so it is never older than the
data or the check: a page that shows a claim is read again when any input of that claim's check
changes (:mod:`.freshness`). The box is an admonition with the anchor ``#claim-<id>`` and the
classes ``claim`` and ``claim-<verdict>``; its parts carry their own classes so that they can be
styled or filled separately: ``claim-quote`` (the article's words, in the title),
``claim-verdict`` (the verdict), ``claim-conclusion`` (what the evidence shows, its figures filled
from the check through the numbers register) and ``claim-check`` (the check that recomputes it).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from distillbook.core import data, ledger
from distillbook.core.pages import claim_page_docname


def claim_row(srcdir: Path, claim_id: str):
    """The ledger row of ``claim_id``; ExtensionError naming the claim when there is none."""
    claims = data.load_table("ledger/claims", Path(srcdir) / "data" / "datapackage.json")
    match = claims[claims["id"] == claim_id]
    if match.empty:
        raise ExtensionError(f"claim directive: no claim {claim_id!r} in data/ledger/claims.csv")
    return match.iloc[0]


def claim_box(row, result: ledger.CheckResult | None) -> nodes.admonition:
    """The doctree of one claim box (see the module's docstring)."""
    verdict = row["verdict"]
    box = nodes.admonition(classes=["claim", f"claim-{verdict}"], ids=[f"claim-{row['id']}"])
    title = nodes.title()
    title += nodes.Text("The article: ")
    title += nodes.inline(text=f"“{row['quote']}”", classes=["claim-quote"])
    box += title
    paragraph = nodes.paragraph()
    paragraph += nodes.strong(text=f"Verdict: {ledger.verdict_label(verdict)}.", classes=["claim-verdict"])
    paragraph += nodes.Text(" ")
    if verdict == ledger.PENDING:
        body = "This claim is examined in a later version of the book."
    else:
        body = ledger.conclusion_text(row, result)
    paragraph += nodes.inline(text=body, classes=["claim-conclusion"])
    if row["check"]:
        check = nodes.inline(classes=["claim-check"])
        check += nodes.Text(" Check: ")
        check += nodes.literal(text=row["check"])
        check += nodes.Text(".")
        paragraph += check
    box += paragraph
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
        box = claim_box(row, result)
        self.state.document.note_explicit_target(box)
        return [box]


def claim_permalinks(app, doctree, docname: str) -> None:
    """Put a "link to this claim" permalink in the title of every claim box (``#claim-<id>``)."""
    for box in doctree.findall(nodes.Admonition):
        anchors = [i for i in box["ids"] if i.startswith("claim-")]
        titles = [child for child in box.children if isinstance(child, nodes.title)]
        if "claim" in box["classes"] and anchors and titles:
            link = nodes.reference("", "link to this claim", refuri=f"#{anchors[0]}", classes=["claim-permalink"])
            titles[0] += [nodes.Text(" "), link]


def article_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{article}`words``` shows the article's verbatim words in quotation marks."""
    node = nodes.inline(rawtext, f"“{text}”", classes=["article-quote"])
    return [node], []
