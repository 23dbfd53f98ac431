"""Where the book's files are. One place, so that nothing else builds paths by hand."""

from __future__ import annotations

import os
from pathlib import Path


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``_config.yml`` and ``data/``."""
    for folder in [start, *start.parents]:
        if (folder / "_config.yml").exists() and (folder / "data" / "datapackage.json").exists():
            return folder
    return None


#: The book's root folder. ``DISTILLBOOK_ROOT`` overrides it; otherwise the book that contains
#: the working directory (a chapter executes in its own folder, so a copy of the book reads its
#: own data); otherwise the repository this package was installed from.
ROOT = Path(
    os.environ.get("DISTILLBOOK_ROOT") or find_root(Path.cwd().resolve()) or Path(__file__).resolve().parents[3]
).resolve()
DATA_DIR = ROOT / "data"
DATAPACKAGE = DATA_DIR / "datapackage.json"
CODE_DIR = ROOT / "code"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
ASSETS_DIR = PACKAGE_DIR / "assets"

#: The reviewed article. It is not republished in this repository; CI provides it beside the clone.
ARTICLE = Path(os.environ.get("DISTILLBOOK_ARTICLE", ROOT.parent / "shared" / "source" / "article.txt"))


def doc_path(docname: str, root: Path = ROOT) -> Path:
    """The MyST source file of a page, from its Sphinx docname (``"chapters/counting"``)."""
    return root / f"{docname}.md"
