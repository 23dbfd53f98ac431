"""Every chapter's ledger checks, registered.

Core's registry (:data:`distillbook.core.ledger.CHECKS`) fills as chapter modules are imported:
each check registers itself with ``@check``. Importing this module imports every chapter module
that defines checks, so whoever runs the whole ledger imports it first. It is the only chapter
module that imports other chapters.
"""

from __future__ import annotations

from distillbook.chapters import counting, definitions, double_standards, index, proxies, safety_paradox
from distillbook.core.ledger import CHECKS

#: The modules whose checks the ledger runs, by ledger ``chapter`` value.
MODULES = {
    "index": index,
    "definitions": definitions,
    "counting": counting,
    "safety-paradox": safety_paradox,
    "proxies": proxies,
    "double-standards": double_standards,
}


def registered() -> list[str]:
    """The names of every registered check (``<chapter module>.<function>``), sorted."""
    return sorted(CHECKS)
