"""Dump what a build shows a reader: every page's glued numbers and every claim box.

Reads only the outputs of a build (the executed pages' glue files and the HTML), never the
``distillbook`` package, so the same script compares a build made before a refactoring with one
made after it::

    python tools/dump_rendered.py > before.tsv        # after `make book` on the old tree
    python tools/dump_rendered.py --map tools/rename-map.json > after.tsv
    diff before.tsv after.tsv                         # empty when nothing a reader sees moved

Output: tab-separated rows ``number <page> <key> <text>`` (the value as glue renders it with each
format spec the page's prose uses) and ``claim <id> <verdict> <check> <conclusion>`` (from the
claim box in the built HTML). ``--map`` renames keys, pages and check names of the new build back
to the old names.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
GLUE_REF = re.compile(r"\{glue(?::text)?\}`([a-z][a-z0-9_-]*)(?::([^`]*))?`")


def glued_values(executed: Path) -> dict[str, dict[str, object]]:
    """Per page (docname), the plain values its numbers register glued (charts and boxes left out)."""
    pages: dict[str, dict[str, object]] = {}
    for path in sorted(executed.rglob("*.glue.json")):
        docname = str(path.relative_to(executed)).removesuffix(".glue.json")
        values = {}
        for key, bundle in json.loads(path.read_text(encoding="utf-8")).items():
            text = bundle["data"].get("text/plain")
            if text is None or key.startswith("claim-"):
                continue
            try:
                values[key] = ast.literal_eval(text)
            except (ValueError, SyntaxError):
                continue  # a chart or another rich object, not a number
        pages[docname] = values
    return pages


def rendered(value: object, spec: str | None) -> str:
    """The value as ``{glue:text}`` shows it with ``spec`` (or as plain text without one)."""
    return format(value, spec) if spec else str(value)


def number_rows(root: Path, executed: Path) -> list[tuple[str, ...]]:
    rows = []
    for docname, values in glued_values(executed).items():
        source = (root / f"{docname}.md").read_text(encoding="utf-8")
        specs: dict[str, set[str]] = {}
        for key, spec in GLUE_REF.findall(source):
            specs.setdefault(key, set()).add(spec or "")
        for key, value in values.items():
            for spec in sorted(specs.get(key, {""})):
                rows.append(("number", docname, key, rendered(value, spec or None)))
    return rows


def claim_rows(site: Path) -> list[tuple[str, ...]]:
    rows = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for box in soup.select("[id^=claim-]"):
            if "claim" not in (box.get("class") or []):
                continue
            verdict = next((c.removeprefix("claim-") for c in box["class"] if c.startswith("claim-")), "")
            paragraph = box.find("p", class_=lambda c: c != "admonition-title")
            text = " ".join(paragraph.get_text(" ").split()) if paragraph else ""
            text = re.sub(r"^Verdict: [a-z ]+\. ", "", text)
            check = re.search(r" Check: (\S+) \.$", text)
            text = re.sub(r" Check: \S+ \.$", "", text)
            rows.append(("claim", box["id"].removeprefix("claim-"), verdict, check.group(1) if check else "", text))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--map", type=Path, help="rename map (JSON): new names back to old")
    args = parser.parse_args(argv)
    executed = args.root / "_build" / "work" / "_build" / "jupyter_execute"
    rows = number_rows(args.root, executed) + claim_rows(args.root / "_build" / "html")
    if args.map:
        renames = json.loads(args.map.read_text(encoding="utf-8"))
        keys = {new: old for old, new in renames.get("glue_keys", {}).items()}
        pages = {new: old for old, new in renames.get("pages", {}).items()}
        checks = {new: old for old, new in renames.get("checks", {}).items()}
        rows = [
            (r[0], pages.get(r[1], r[1]), keys.get(r[2], r[2]), *r[3:])
            if r[0] == "number"
            else (*r[:3], checks.get(r[3], r[3]), *r[4:])
            for r in rows
        ]
    for row in sorted(set(rows)):
        print("\t".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
