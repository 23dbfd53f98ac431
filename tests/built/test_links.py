"""No broken internal link or anchor in the built site (LinkChecker, offline, over loopback).

LinkChecker drops root privileges to ``nobody``, so it reads the site over HTTP from a server
this test runs, not from ``file://`` paths that ``nobody`` may not be allowed to read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import SITE, serve

CONFIG = Path(__file__).with_name("linkchecker.ini")


def linkcheck(start_url: str) -> subprocess.CompletedProcess:
    executable = Path(sys.executable).with_name("linkchecker")
    return subprocess.run(
        [str(executable), "--config", str(CONFIG), "--no-status", "-o", "text", start_url],
        capture_output=True,
        text=True,
        timeout=300,
    )


#: The response header that lets LinkChecker check a host without pausing between requests
#: (a pause of 0.1 to 0.6 s each otherwise: over three minutes for the book's 875 links).
UNTHROTTLED = {"LinkChecker": "unthrottled"}


def test_no_broken_internal_link_or_anchor():
    with serve(SITE, headers=UNTHROTTLED) as url:
        result = linkcheck(f"{url}/index.html")
    assert result.returncode == 0, result.stdout[-3000:]
    # LinkChecker reports a missing #anchor as a warning, not an error: both must be zero
    assert " 0 warnings found. 0 errors found." in result.stdout, result.stdout[-3000:]
    checked = int(result.stdout.split("That's it. ")[1].split(" link")[0])
    assert checked > 50  # the crawl really went through the site


def test_a_broken_anchor_would_be_caught(tmp_path):
    (tmp_path / "a.html").write_text('<html><body><a href="b.html#claim-x">x</a></body></html>')
    (tmp_path / "b.html").write_text('<html><body><p id="claim-y">y</p></body></html>')
    with serve(tmp_path, headers=UNTHROTTLED) as url:
        result = linkcheck(f"{url}/a.html")
    assert "Anchor `claim-x' (decoded: `claim-x') not" in result.stdout
    assert " 0 warnings found." not in result.stdout
