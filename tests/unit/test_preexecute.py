"""Pre-execution never fails the build by accident: a page whose pre-execution fails for any
reason (an error raised while executing, a worker process that dies) is left to the build, and
the other pages are unaffected. Fake executors stand in for kernels, so no kernel starts here."""

from __future__ import annotations

import os

import pytest

from conftest import ROOT
from distillbook.publish import build


def succeed(job):
    page, notebook, _timeout = job
    return page, notebook, 0.01, True


def kernel_dies_on_counting(job):
    page, notebook, _timeout = job
    if page.endswith("chapters/counting.md"):
        raise RuntimeError("Kernel died before replying to kernel_info")
    return page, notebook, 0.01, True


def worker_dies_on_proxies(job):
    page, notebook, _timeout = job
    if page.endswith("chapters/proxies.md"):
        os._exit(1)  # the worker process vanishes, as when a kernel takes it down at start
    return page, notebook, 0.01, True


@pytest.fixture()
def book(tmp_path):
    return build.copy_book(ROOT, tmp_path / "book")


def cached_pages(book) -> int:
    from jupyter_cache import get_cache

    return len(get_cache(str(build.work_dir(book) / "_build" / ".jupyter_cache")).list_cache_records())


def test_every_page_runs_and_is_cached(book, capsys):
    ran, cached = build.preexecute(book, jobs=2, execute=succeed)
    assert ran > 0 and cached == 0
    assert cached_pages(book) == ran
    assert capsys.readouterr().out.count("pre-executed in") == ran


def test_an_error_while_executing_leaves_that_page_to_the_build(book, capsys):
    ran, _ = build.preexecute(book, jobs=2, execute=kernel_dies_on_counting)
    out = capsys.readouterr().out
    assert (
        "chapters/counting.md: pre-execution failed (RuntimeError: Kernel died before replying to kernel_info); left to the build"
        in out
    )
    assert cached_pages(book) == ran - 1  # every other page was cached
    # the next build finds the others cached and tries counting again
    assert build.preexecute(book, jobs=2, execute=succeed) == (1, ran - 1)


def test_a_worker_that_dies_fails_no_build(book, capsys):
    ran, _ = build.preexecute(book, jobs=2, execute=worker_dies_on_proxies)  # returns: nothing raised
    out = capsys.readouterr().out
    assert "chapters/proxies.md: pre-execution failed (BrokenProcessPool" in out
    failed = out.count("left to the build")
    assert failed >= 1 and cached_pages(book) == ran - failed
