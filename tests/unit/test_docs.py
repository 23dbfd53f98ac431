"""The maintainers' documents name paths that exist: every repository path README.md and
CONTRIBUTING.md name in code quotes (one that starts at a top-level folder of the repository, such
as `code/distillbook/core/params.py`) is a file or folder of the repository. Names given relative
to a folder the sentence has just named (`params.py`, `counting/agent_calls`) are not paths from
the root and are left alone."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

#: Paths that are outputs or outside the repository, not sources.
NOT_SOURCES = ("_build", ".venv", "../", "http")
PATH = re.compile(
    r"`([A-Za-z0-9_.\-]+(?:/[A-Za-z0-9_.\-<>*]*)+|[A-Za-z0-9_\-]+\.(?:py|md|csv|yml|toml|json|cff|bib|txt))`"
)


def top_level(root) -> set[str]:
    return {entry.name for entry in root.iterdir() if not entry.name.startswith((".", "_build"))}


def named_paths(document: str) -> list[str]:
    text = (ROOT / document).read_text(encoding="utf-8")
    roots = top_level(ROOT) | {"code", "data", "tests", "tools", "chapters", "appendices"}
    found = []
    for path in PATH.findall(text):
        if path.startswith(NOT_SOURCES) or "<" in path or "*" in path:
            continue  # an output, a placeholder or a pattern
        if path.split("/")[0] in roots:
            found.append(path)
    return found


@pytest.mark.parametrize("document", ["README.md", "CONTRIBUTING.md"])
def test_every_path_a_document_names_exists(document):
    paths = named_paths(document)
    assert len(paths) > 10  # the scan finds the paths these documents are full of
    missing = [path for path in paths if not (ROOT / path).exists()]
    assert missing == []


def test_the_scan_would_catch_a_stale_path(tmp_path, monkeypatch):
    (tmp_path / "README.md").write_text("See `code/distillbook/sphinxext.py` and `data/claims.csv`.\n")
    monkeypatch.setattr("test_docs.ROOT", tmp_path)
    assert named_paths("README.md") == ["code/distillbook/sphinxext.py", "data/claims.csv"]
