"""The methods page: how verdicts are made (the scale with an example from the ledger for each
verdict, every check's rule in words, every threshold with its basis, what the ledger covers of
the article), the software the book was built with, and a digest of every data file."""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import platform
from pathlib import Path

import pandas as pd

from distillbook.core import ledger, paths
from distillbook.core.numbers import rounded
from distillbook.core.pages import claim_href
from distillbook.core.tables import Table, html_link, table

#: This page's docname (links to claims are relative to it).
DOCNAME = "appendices/methods"

#: The packages whose versions readers most need to reproduce the book.
KEY_PACKAGES = [
    "jupyter-book",
    "sphinx",
    "myst-nb",
    "myst-parser",
    "sphinx-book-theme",
    "sphinxcontrib-bibtex",
    "jupyter-cache",
    "altair",
    "vl-convert-python",
    "pandas",
    "numpy",
    "frictionless",
    "distillbook",
]


def versions_table() -> Table:
    """Python and the key packages with their installed versions."""
    rows = [("Python", platform.python_version())]
    rows += [(name, importlib.metadata.version(name)) for name in KEY_PACKAGES]
    return table(pd.DataFrame(rows, columns=["software", "version"]))


def rebuild_commands(repository_url: str) -> str:
    """The commands that rebuild the book from its repository, as a Markdown code block: clone,
    enter the clone (named as the repository), build, serve."""
    folder = repository_url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    return (
        "```sh\n"
        f"git clone {repository_url}\n"
        f"cd {folder}\n"
        "make book    # installs the pinned environment (first time only), builds _build/html\n"
        "make serve   # serves the built book at http://127.0.0.1:8000\n"
        "```\n"
    )


def repository_links(repository_url: str) -> str:
    """The repository and its issue tracker as a Markdown list of links."""
    url = repository_url.rstrip("/")
    return f"* The repository: [{url}]({url})\n* Its issue tracker: [{url}/issues]({url}/issues)\n"


def data_hashes_table(data_dir: Path = paths.DATA_DIR) -> Table:
    """Every file of ``data/`` with its SHA-256 digest."""
    rows = [
        (str(path.relative_to(data_dir)), hashlib.sha256(path.read_bytes()).hexdigest())
        for path in sorted(data_dir.rglob("*"))
        if path.is_file()
    ]
    return table(pd.DataFrame(rows, columns=["file", "SHA-256"]))


# ---------------------------------------------------------------------------------------------
# How verdicts are made
# ---------------------------------------------------------------------------------------------


def claim_link(row: pd.Series) -> str:
    """An HTML link from this page to a claim's box, its text the claim's id."""
    return html_link(claim_href(row["chapter"], row["id"], DOCNAME), row["id"])


def scale_table(claims: pd.DataFrame) -> Table:
    """The verdict scale with, for each verdict, an example from the ledger: the first claim in
    the ledger's order that has it (its id linked to its box, and the article's words)."""
    rows = []
    for verdict, meaning in ledger.VERDICTS.items():
        examples = claims[claims["verdict"] == verdict]
        if examples.empty:
            example, words = "none in this edition", ""
        else:
            first = examples.iloc[0]
            example, words = claim_link(first), html.escape(f"“{first['quote']}”")
        rows.append(
            {
                "verdict": ledger.verdict_label(verdict),
                "meaning": meaning,
                "example": example,
                "the article says": words,
            }
        )
    return table(pd.DataFrame(rows), html_columns=("example", "the article says"))


def rules_table(claims: pd.DataFrame) -> Table:
    """Every check's rule in words, one row per check (in the ledger's order) with an anchor the
    claim boxes link to, the claims it decides, and where its code is."""
    rows = []
    for name, group in claims[claims["check"] != ""].groupby("check", sort=False):
        module, function = name.split(".", 1)
        anchor = f'<span id="{ledger.rule_anchor(name)}"></span>'
        rows.append(
            {
                "claim": anchor + ", ".join(claim_link(row) for _, row in group.iterrows()),
                "rule": html.escape(ledger.rule_text(ledger.RULES[name])),
                "code": html.escape(f"{function} in code/distillbook/chapters/{module}"),
            }
        )
    return table(pd.DataFrame(rows), html_columns=("claim", "rule"))


def thresholds_table(sources: pd.DataFrame) -> Table:
    """Every threshold a rule compares with: value and unit, and its basis (a source with a
    locator, or the book's judgement) with the reason."""
    titles = sources.set_index("id")["title"]
    rows = []
    for item in sorted(ledger.THRESHOLDS.values(), key=lambda t: t.name):
        unit = "fraction" if "fraction" in item.unit else item.unit
        basis = f"source: {titles[item.source_id]} ({item.locator})" if item.source_id else "the book's judgement"
        rows.append(
            {
                "threshold": item.name,
                "value": rounded(item.value, unit),
                "unit": item.unit,
                "basis": basis,
                "why": item.reason,
            }
        )
    return table(pd.DataFrame(rows))


def coverage_counts(claims: pd.DataFrame, coverage: pd.DataFrame) -> dict[str, int]:
    """How the article's sentences are accounted for: rated (the context of a claim), checkable
    but not rated, and not checkable; and how many claims the ledger rates."""
    return {
        "sentences": int(claims["context"].nunique() + len(coverage)),
        "rated_sentences": int(claims["context"].nunique()),
        "checkable_not_rated": int((coverage["status"] == "checkable-not-rated").sum()),
        "not_checkable": int((coverage["status"] == "not-checkable").sum()),
        "claims": int(len(claims)),
    }


def unrated_table(coverage: pd.DataFrame, status: str) -> Table:
    """The article's sentences of one ``status`` with their opening words and the reason."""
    rows = coverage[coverage["status"] == status]
    return table(
        pd.DataFrame(
            {
                "sentence": rows["sentence"].astype(int),
                "it begins": [f"“{words} …”" for words in rows["opening"]],
                "why it is not rated": rows["reason"],
            }
        )
    )
