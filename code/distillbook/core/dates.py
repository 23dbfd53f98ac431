"""The date a build stands at: the checked-out commit's date. One place, so that the data's
future-date rule, the pages' dates and the citations all agree."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from distillbook.core import paths


def commit_epoch(root: Path = paths.ROOT) -> str:
    """The checked-out commit's time in seconds since 1970 (UTC), as text; empty outside a git
    checkout with commits."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return out.stdout.strip()


def epoch_date(epoch: str | int) -> dt.date:
    """The UTC day of a time in seconds since 1970."""
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()


def build_date(root: Path = paths.ROOT) -> dt.date:
    """The date the book is built as of: ``SOURCE_DATE_EPOCH`` (seconds, UTC) if set, else the
    date of the checked-out commit, else today (a tree that is not a git checkout)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or commit_epoch(root)
    return epoch_date(epoch) if epoch else dt.date.today()
