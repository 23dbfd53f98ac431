"""The about page: the book's settings as ``_config.yml`` states them (repository, version)."""

from __future__ import annotations

from pathlib import Path

import yaml

#: The book's files this module reads besides ``data/``: a page importing it executes again when
#: they change (read by the build's fingerprints, :func:`distillbook.publish.imports.book_files`).
BOOK_FILES = ("_config.yml",)


def config_value(config_text: str, *keys: str) -> str:
    """A value of ``_config.yml`` (its text given), by its path of keys: ``("repository", "url")``."""
    value = yaml.safe_load(config_text)
    for key in keys:
        value = value[key]
    return str(value)


def read_config(root: Path) -> str:
    """The text of the book's ``_config.yml`` (the one place its URL and version are set)."""
    return (root / BOOK_FILES[0]).read_text(encoding="utf-8")
