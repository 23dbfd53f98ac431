"""Writing the built site's files: a rebuild writes no file whose content is unchanged, so an
unchanged file keeps its modification time and an unchanged site is not published again."""

from __future__ import annotations

from pathlib import Path


def write_if_changed(target: Path, content: bytes) -> None:
    """Write ``content`` to ``target`` unless it already holds exactly that."""
    if not target.exists() or target.read_bytes() != content:
        target.write_bytes(content)
