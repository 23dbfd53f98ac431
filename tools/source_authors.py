"""Sources without an author: list them, with a suggested value, and optionally fill it in.

``data/ledger/sources.csv`` ends in an ``author`` column (a BibTeX name list: people as ``Last``
or ``Last, First`` joined by ``and``, an organisation in braces). Rows added by branches written
before the column existed lack it, and the build then stops naming the file, row and field. This
lists those rows::

    .venv/bin/python tools/source_authors.py          # list, with suggestions
    .venv/bin/python tools/source_authors.py --fill   # write the suggestions, then review the diff

The suggestion is only the publisher as an organisation, its bracketed remark dropped
(``Semafor (relaying the Financial Times)`` -> ``{Semafor}``); it never guesses a person. Where the
title, publisher or address names the people who wrote the source, write them instead.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[1] / "data" / "ledger" / "sources.csv"


def suggestion(publisher: str) -> str:
    """The publisher as an organisation author: ``{Name}``, without a bracketed remark."""
    name = re.sub(r"\s*\([^)]*\)\s*$", "", publisher).strip() or publisher.strip()
    return "{" + name.replace("{", "").replace("}", "") + "}"


def missing(path: Path = SOURCES) -> list[tuple[int, dict[str, str]]]:
    """The rows (data row number from 1, row) whose author is empty or absent."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(i, row) for i, row in enumerate(rows, start=1) if not (row.get("author") or "").strip()]


def _cell(value: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([value])
    return buffer.getvalue()


def fill(path: Path = SOURCES) -> int:
    """Write the suggestion into every row without an author, changing nothing else in the file
    (each row is one line); return how many rows were filled."""
    lines = path.read_text(encoding="utf-8").split("\n")
    header = next(csv.reader([lines[0]]))
    width = len(header)
    filled = 0
    for i, line in enumerate(lines[1:], start=1):
        if not line:
            continue
        cells = next(csv.reader([line]))
        if len(cells) == width and cells[-1].strip():
            continue
        value = _cell(suggestion(cells[header.index("publisher")]))
        lines[i] = (line[: -len(",")] if len(cells) == width else line) + "," + value
        filled += 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fill", action="store_true", help="write the suggested authors into the file")
    parser.add_argument("--file", type=Path, default=SOURCES)
    args = parser.parse_args(argv)
    rows = missing(args.file)
    for number, row in rows:
        print(f"{args.file.name}, row {number}, {row['id']}: no author; suggested {suggestion(row['publisher'])}")
    if args.fill and rows:
        print(f"filled {fill(args.file)} row(s); review the diff before committing")
    elif not rows:
        print("every source has an author")
    return 0


if __name__ == "__main__":
    sys.exit(main())
