"""The gate: before any page executes, validate ``data/``, regenerate ``references.bib`` and run
every check of the claims ledger. Bad input or a verdict that no longer holds stops the build
with one message naming file, row and field, or the claim. The results stay in the environment
for the claim boxes, the ClaimReview metadata and the freshness of the pages that show claims.

The gate's results depend only on its inputs (:func:`gate_inputs_key`): every file under
``data/``, the package's code, the lock, ``references.bib``, the build's date and whether every
claim page exists yet. When the key is the one of the environment's stored results (the last
build that passed the gate), they are reused and nothing is validated or checked again: the
tables the gate found valid are handed to :func:`distillbook.core.data.known_valid`, so that the
steps after it that load a table (the preview card, the open data) do not validate ``data/`` again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from distillbook.core import data, dates, pages

logger = logging.getLogger(__name__)


def gate_inputs(root: Path) -> list[Path]:
    """The files the gate's results depend on: all of ``data/``, the package's code (core and
    chapters hold the checks, publish writes the bibliography and runs the gate), the lock, and
    ``references.bib`` (rewritten by the gate when it differs from its source)."""
    files = [p for p in (root / "data").rglob("*") if p.is_file()]
    files += (root / "code" / "distillbook").rglob("*.py")
    return sorted([*files, root / "requirements.txt", root / "references.bib"])


def gate_inputs_key(root: Path) -> str:
    """SHA-256 over the gate's input files (path and bytes), the build date (the data's dates
    may not pass it) and whether every claim page exists (pending verdicts are allowed until)."""
    digest = hashlib.sha256()
    for path in gate_inputs(root):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    digest.update(f"build date {dates.build_date(root).isoformat()}".encode())
    digest.update(f"every claim page {pages.every_claim_page_exists(root)}".encode())
    return digest.hexdigest()


def gate(app: Sphinx) -> None:
    """Validate ``data/``, write ``references.bib``, run the ledger; keep results and inputs.
    Skipped when its inputs are those of the results the environment holds."""
    root = Path(app.srcdir)
    key = gate_inputs_key(root)
    env = app.env
    if getattr(env, "distillbook_gate_key", None) == key and hasattr(env, "distillbook_ledger"):
        data.known_valid().update(getattr(env, "distillbook_valid_tables", ()))
        logger.info("distillbook: gate inputs unchanged; data validation and ledger results reused")
        return
    run_gate(app)
    env.distillbook_gate_key = gate_inputs_key(root)  # type: ignore[attr-defined]  # after references.bib


def run_gate(app: Sphinx) -> None:
    import distillbook.chapters.checks  # noqa: F401 - fills core's check registry
    from distillbook.core import ledger
    from distillbook.publish import bib

    root = Path(app.srcdir)
    descriptor = root / "data" / "datapackage.json"
    try:
        data.validate_package(descriptor)
        bib.write_bibliography(root)
        results = ledger.run_ledger(descriptor, root)
        claims = data.load_table("ledger/claims", descriptor)
    except (data.DataError, ledger.LedgerError) as exc:
        raise ExtensionError(str(exc)) from None
    app.env.distillbook_ledger = results  # type: ignore[attr-defined]
    # validity is keyed on each table's bytes and schema: safe to carry to the next build
    app.env.distillbook_valid_tables = sorted(data.known_valid())  # type: ignore[attr-defined]
    app.env.distillbook_check_inputs = {  # type: ignore[attr-defined]
        row.id: (results[row.id].tables_read, (ledger.resolve(row.check).__module__,))
        for row in claims.itertuples()
        if row.id in results
    }
