"""The methods page's tables: the software the book was built with, and a digest of every data file."""

from __future__ import annotations

import hashlib
import importlib.metadata
import platform
from pathlib import Path

import pandas as pd

from distillbook.core import paths
from distillbook.core.tables import Table, table

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


def data_hashes_table(data_dir: Path = paths.DATA_DIR) -> Table:
    """Every file of ``data/`` with its SHA-256 digest."""
    rows = [
        (str(path.relative_to(data_dir)), hashlib.sha256(path.read_bytes()).hexdigest())
        for path in sorted(data_dir.rglob("*"))
        if path.is_file()
    ]
    return table(pd.DataFrame(rows, columns=["file", "SHA-256"]))
