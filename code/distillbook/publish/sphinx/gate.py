"""The gate: before any page executes, validate ``data/``, regenerate ``references.bib`` and run
every check of the claims ledger. Bad input or a verdict that no longer holds stops the build
with one message naming file, row and field, or the claim. The results stay in the environment
for the claim boxes, the ClaimReview metadata and the freshness of the pages that show claims."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from distillbook.core import data, ledger
from distillbook.publish import bib


def gate(app: Sphinx) -> None:
    """Validate ``data/``, write ``references.bib``, run the ledger; keep results and inputs."""
    import distillbook.chapters.checks  # noqa: F401 - fills core's check registry

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
    app.env.distillbook_check_inputs = {  # type: ignore[attr-defined]
        row.id: (results[row.id].tables_read, (ledger.resolve(row.check).__module__,))
        for row in claims.itertuples()
        if row.id in results
    }
