"""Pre-execution of the pages this build reads, before Sphinx reads them.

Sphinx decides which pages to read (their inputs changed, :mod:`.freshness`); just before it
reads them (``env-before-read-docs``), those whose results are missing from the execution cache
are executed in warm workers, one per core (:func:`distillbook.publish.build.preexecute`), and
cached under the key myst-nb looks up. A build that reads no page executes nothing and starts no
worker. ``BOOK_JOBS=1`` leaves every page to Jupyter Book (a kernel per page, one at a time).
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def jobs() -> int:
    """How many warm workers pre-execute pages: ``BOOK_JOBS``, else one per core."""
    return int(os.environ.get("BOOK_JOBS", os.cpu_count() or 1))


def preexecute_read_pages(app: Sphinx, env, docnames: list[str]) -> None:
    """Execute, in warm workers, the pages about to be read whose results are not cached."""
    from distillbook.core import pages
    from distillbook.publish import build

    if jobs() < 2 or getattr(app.config, "nb_execution_mode", "cache") != "cache":
        return
    notebooks = [Path(env.doc2path(d)) for d in docnames]
    notebooks = [p for p in notebooks if p.suffix == ".md" and pages.is_notebook(p.read_text(encoding="utf-8"))]
    if not notebooks:
        return
    ran, cached = build.preexecute(
        Path(app.srcdir),
        jobs(),
        timeout=getattr(app.config, "nb_execution_timeout", 120),
        env=dict(os.environ),
        only=notebooks,
        cache_path=getattr(app.config, "nb_execution_cache_path", "") or None,
    )
    logger.info(
        f"pre-executed {ran} page(s) in {min(jobs(), ran) if ran else 0} warm worker(s); {cached} already cached"
    )
