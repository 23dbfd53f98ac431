"""The one place randomness takes its seed from. Change ``SEED`` to rerun every experiment with
another draw; each chapter's sentences about its experiment are checked at build time."""

from __future__ import annotations

import numpy as np

#: The book's seed for every experiment and simulation.
SEED = 20260223


def generator(offset: int = 0) -> np.random.Generator:
    """A NumPy generator seeded from ``SEED`` (plus ``offset`` for independent streams)."""
    return np.random.default_rng(SEED + offset)
