"""The build driver behind ``make book``.

It runs Jupyter Book 1 with warnings as errors into a work folder that keeps Sphinx's and
jupyter-cache's state between builds, then publishes the result to ``_build/html`` by swapping
folders. A failed build removes ``_build/html`` so that nothing stale or half-built can be
published; a build whose output equals the published site leaves it untouched. Where Chromium is
installed (:func:`distillbook.publish.pdf.available`), each chapter's PDF is printed into the built
site before it is published (only chapters whose page changed), so the PDF links the pages carry
are never dead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from distillbook.core import dates, pages, paths
from distillbook.publish import pdf

#: What a private copy of the book leaves out (the environment, builds, caches, git).
COPY_IGNORED = shutil.ignore_patterns(
    ".venv", "_build", ".git", ".pytest_cache", ".ruff_cache", "__pycache__", "*.egg-info"
)


def copy_book(root: Path, target: Path) -> Path:
    """A private copy of the book's sources at ``target`` (for the benchmark and end-to-end tests)."""
    shutil.copytree(root, target, ignore=COPY_IGNORED)
    return target


def work_dir(root: Path) -> Path:
    return root / "_build" / "work"


def site_dir(root: Path) -> Path:
    return root / "_build" / "html"


def jupyter_book_command(root: Path, extra: list[str] | None = None) -> list[str]:
    """``jupyter-book build`` with warnings as errors, into the work folder."""
    executable = Path(sys.executable).parent / "jupyter-book"
    return [
        str(executable),
        "build",
        str(root),
        "--path-output",
        str(work_dir(root)),
        "-W",
        "--keep-going",
        *(extra or []),
    ]


#: What the build leaves in its output that is not part of the site.
NOT_PUBLISHED = ("reports", ".buildinfo")


def site_files(folder: Path, leave_out: tuple[str, ...] = ()) -> dict[str, Path]:
    """The files under ``folder`` by relative path (POSIX), leaving out top-level names."""
    return {
        path.relative_to(folder).as_posix(): path
        for path in folder.rglob("*")
        if path.is_file() and path.relative_to(folder).parts[0] not in leave_out
    }


def same_site(built: Path, site: Path) -> bool:
    """True when ``site`` already holds exactly what publishing ``built`` would put there: the
    same files, each with the same size and either the same modification time (a copy keeps it)
    or the same bytes."""
    if not site.is_dir():
        return False
    ours, theirs = site_files(built, NOT_PUBLISHED), site_files(site)
    if ours.keys() != theirs.keys():
        return False
    for name, path in ours.items():
        mine, other = path.stat(), theirs[name].stat()
        if mine.st_size != other.st_size:
            return False
        if mine.st_mtime_ns != other.st_mtime_ns and path.read_bytes() != theirs[name].read_bytes():
            return False
    return True


def publish(built: Path, site: Path) -> bool:
    """Replace ``site`` with a copy of ``built`` (copy, then rename: the swap is atomic enough
    that a reader never sees a mix of two builds); nothing when ``site`` already holds the same
    files. Returns whether the site was replaced."""
    if same_site(built, site):
        return False
    staging = site.with_name(site.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(built, staging)
    shutil.rmtree(staging / "reports", ignore_errors=True)
    (staging / ".buildinfo").unlink(missing_ok=True)  # Sphinx's build state, not part of the site
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return True


# -------------------------------------------------------------------------------------------------
# Parallel pre-execution in warm workers
# -------------------------------------------------------------------------------------------------
#
# Jupyter Book executes pages one after another, each in a new kernel (a process start and the
# imports of pandas, Altair and the rest before any work). When the build is about to read pages
# (the book's extension calls :func:`preexecute` with them), those whose results are not in the
# execution cache are executed in warm workers (one per core) that import those once
# (:mod:`distillbook.publish.warm`), and stored in the same cache, keyed exactly as myst-nb keys
# them (the page's code cells, including the fingerprint cell the book's extension adds). The
# build then finds them there. A page that fails here is left to the build, which executes it in
# a kernel and reports the error.


def page_notebook(root: Path, page: Path):
    """The notebook myst-nb will read for ``page``: its text plus the fingerprint cell."""
    from myst_nb.core.read import read_myst_markdown_notebook
    from myst_parser.config.main import MdParserConfig

    from distillbook.publish.sphinx.freshness import fingerprinted_text

    text = fingerprinted_text(root, page)
    return read_myst_markdown_notebook(text, config=MdParserConfig(), add_source_map=True, path=str(page))


def pages_to_execute(root: Path, cache, only: list[Path] | None = None) -> tuple[list[tuple[str, object]], int]:
    """The executable pages (of ``only``, else of the book) missing from the cache, as (page,
    notebook), and how many are cached."""
    todo, cached = [], 0
    for page in pages.book_pages(root) if only is None else only:
        if not pages.is_notebook(page.read_text(encoding="utf-8")):
            continue
        notebook = page_notebook(root, page)
        try:
            cache.match_cache_notebook(notebook)
            cached += 1
        except KeyError:
            todo.append((str(page), notebook))
    return todo, cached


def previous_seconds(cache) -> dict[str, float]:
    """How long each page took when it was last executed (from the cache's records)."""
    seconds: dict[str, float] = {}
    for record in sorted(cache.list_cache_records(), key=lambda r: r.created):
        if "execution_seconds" in (record.data or {}):
            seconds[record.uri] = float(record.data["execution_seconds"])
    return seconds


def merge_outputs(notebook, reply: dict) -> None:
    """Put a worker's outputs into the build's own copy of the notebook (whose code cells, and so
    whose cache key, are untouched), as nbclient leaves them after executing it."""
    from nbformat import from_dict

    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    if len(cells) != len(reply["outputs"]):
        raise ValueError(f"{len(reply['outputs'])} cell(s) executed for {len(cells)} code cell(s)")
    for cell, outputs, count in zip(cells, reply["outputs"], reply["counts"], strict=True):
        cell.outputs = [from_dict(output) for output in outputs]
        cell.execution_count = count
    notebook.metadata["language_info"] = from_dict(reply["language_info"])


def preexecute(
    root: Path,
    jobs: int = 2,
    timeout: int = 120,
    env: dict[str, str] | None = None,
    only: list[Path] | None = None,
    cache_path: str | None = None,
) -> tuple[int, int]:
    """Execute, in ``jobs`` warm workers, every executable page missing from the cache; return
    (pages executed, pages already cached). A page that fails here for any reason (an error in a
    cell, a worker that dies) is left to the build, which executes it again in a kernel and
    reports the error; the other pages are unaffected. Longest pages (by their last execution
    time, else their size) go first, so that the workers finish together. ``only`` limits it to
    some pages (the build passes those it is about to read); ``cache_path`` is the cache's folder
    (default: the work folder's)."""
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    from distillbook.publish.warm import Failure, WarmPool

    cache = get_cache(cache_path or str(work_dir(root) / "_build" / ".jupyter_cache"))
    todo, cached = pages_to_execute(root, cache, only)
    if not todo:
        return 0, cached
    before = previous_seconds(cache)
    todo.sort(key=lambda job: (before.get(job[0], 0.0), Path(job[0]).stat().st_size), reverse=True)
    notebooks = dict(todo)
    work = [
        {
            "page": page,
            "notebook": nbformat.writes(notebook),
            "timeout": timeout,
            "cells": sum(cell.cell_type == "code" for cell in notebook.cells),
        }
        for page, notebook in todo
    ]
    with WarmPool(min(jobs, len(work)), env or build_environment(root), root) as pool:
        for reply in pool.run(work):
            if isinstance(reply, Failure):
                print(f"{reply.page}: pre-execution failed ({reply.reason}); left to the build", flush=True)
                continue
            page, seconds = reply["page"], reply["seconds"]
            if not reply["ok"]:
                print(
                    f"{page}: pre-executed in {seconds:.2f} seconds (failed: {reply['error']}; left to the build)",
                    flush=True,
                )
                continue
            notebook = notebooks[page]
            merge_outputs(notebook, reply)
            cache.cache_notebook_bundle(
                CacheBundleIn(notebook, page, data={"execution_seconds": seconds}), check_validity=False, overwrite=True
            )
            print(f"{page}: pre-executed in {seconds:.2f} seconds", flush=True)
    return len(todo), cached


def build_environment(root: Path) -> dict[str, str]:
    """The environment the build and its kernels run in: the book's own package first on the
    import path (a copy of the book executes its own code, not the installed one), the commit's
    date (``SOURCE_DATE_EPOCH``, so dates on the pages come from the commit), and no debugger
    warnings on stderr (which the build treats as errors)."""
    env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root / "code"), os.environ.get("PYTHONPATH", "")]))
    epoch = dates.commit_epoch(root)
    if epoch:
        env.setdefault("SOURCE_DATE_EPOCH", epoch)
    return env


def build(root: Path = paths.ROOT, extra: list[str] | None = None, jobs: int | None = None) -> int:
    """Build the book; return Jupyter Book's exit code. On failure ``_build/html`` is removed.

    ``jobs`` warm workers pre-execute the pages the build reads (default: ``BOOK_JOBS`` or the
    number of cores; 1 leaves all execution to Jupyter Book): the book's extension starts them
    (:mod:`distillbook.publish.sphinx.execution`)."""
    env = build_environment(root)
    if jobs:
        env["BOOK_JOBS"] = str(jobs)
    result = subprocess.run(jupyter_book_command(root, extra), cwd=root, env=env)
    site = site_dir(root)
    if result.returncode != 0:
        shutil.rmtree(site, ignore_errors=True)
        print(f"\nbuild failed: {site.relative_to(root)} removed, nothing to publish", file=sys.stderr)
        return result.returncode
    built = work_dir(root) / "_build" / "html"
    if pdf.available():
        try:
            printed = pdf.print_book(built, root, pdf.book_author(root), work_dir(root) / "pdf-manifest.json")
        except Exception as exc:  # a PDF the pages link to could not be made: publish nothing
            shutil.rmtree(site, ignore_errors=True)
            print(
                f"\nbuild failed: printing the chapter PDFs failed ({exc}); {site.relative_to(root)} removed",
                file=sys.stderr,
            )
            return 1
        print(f"pdf: {len(printed)} chapter PDF(s) printed")
    else:  # the pages link no PDF: publish none (an earlier build's would be stale)
        shutil.rmtree(built / pdf.cite.PDF_DIR, ignore_errors=True)
        (work_dir(root) / "pdf-manifest.json").unlink(missing_ok=True)
    replaced = publish(built, site)
    print(f"\nbuilt: {site.relative_to(root)}" + ("" if replaced else " (unchanged)"))
    return 0
