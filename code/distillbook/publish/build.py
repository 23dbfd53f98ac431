"""The build driver behind ``make book``.

It runs Jupyter Book 1 with warnings as errors into a work folder that keeps Sphinx's and
jupyter-cache's state between builds, then publishes the result to ``_build/html`` by swapping
folders. A failed build removes ``_build/html`` so that nothing stale or half-built can be
published. Where Chromium is installed (:func:`distillbook.publish.pdf.available`), each chapter's PDF is
printed into the built site before it is published (only chapters whose page changed), so the
PDF links the pages carry are never dead.
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


def publish(built: Path, site: Path) -> None:
    """Replace ``site`` with a copy of ``built`` (copy, then rename: the swap is atomic enough
    that a reader never sees a mix of two builds)."""
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


# -------------------------------------------------------------------------------------------------
# Parallel pre-execution
# -------------------------------------------------------------------------------------------------
#
# Jupyter Book executes pages one after another, each in a new kernel (about a second of start-up
# and imports before any work). Before the build, pages whose results are not in the execution
# cache are executed here in parallel and stored in the same cache, keyed exactly as myst-nb keys
# them (the page's code cells, including the fingerprint cell the book's extension adds). The build
# then finds them there. A page that fails here is left to the build, which reports the error.


def page_notebook(root: Path, page: Path):
    """The notebook myst-nb will read for ``page``: its text plus the fingerprint cell."""
    from myst_nb.core.read import read_myst_markdown_notebook
    from myst_parser.config.main import MdParserConfig

    from distillbook.publish.sphinx.freshness import fingerprinted_text

    text = fingerprinted_text(root, page)
    return read_myst_markdown_notebook(text, config=MdParserConfig(), add_source_map=True, path=str(page))


def _execute(job: tuple[str, object, int]):
    """Execute one notebook in its page's folder (runs in a worker process)."""
    from jupyter_cache.executors.utils import single_nb_execution

    page, notebook, timeout = job
    result = single_nb_execution(
        notebook, cwd=str(Path(page).parent), allow_errors=False, timeout=timeout, meta_override=True
    )
    return page, notebook, result.time, result.err is None


def pages_to_execute(root: Path, cache, timeout: int) -> tuple[list[tuple[str, object, int]], int]:
    """The executable pages missing from the cache (as jobs), and how many are already cached."""
    todo, cached = [], 0
    for page in pages.book_pages(root):
        if not pages.is_notebook(page.read_text(encoding="utf-8")):
            continue
        notebook = page_notebook(root, page)
        try:
            cache.match_cache_notebook(notebook)
            cached += 1
        except KeyError:
            todo.append((str(page), notebook, timeout))
    return todo, cached


def preexecute(root: Path, jobs: int = 2, timeout: int = 120, execute=_execute) -> tuple[int, int]:
    """Execute, in ``jobs`` processes, every executable page missing from the cache; return
    (pages executed, pages already cached). A page that fails here for any reason (an error in a
    cell, a kernel or a worker that dies) is left to the build, which executes it again and
    reports the error; the other pages are unaffected."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(str(work_dir(root) / "_build" / ".jupyter_cache"))
    todo, cached = pages_to_execute(root, cache, timeout)
    if not todo:
        return 0, cached
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
        futures = {pool.submit(execute, job): job[0] for job in todo}
        for future in as_completed(futures):
            page = futures[future]
            try:
                _, notebook, seconds, ok = future.result()
            except Exception as exc:  # noqa: BLE001 - any failure leaves the page to the build
                print(f"{page}: pre-execution failed ({type(exc).__name__}: {exc}); left to the build")
                continue
            print(f"{page}: pre-executed in {seconds:.2f} seconds" + ("" if ok else " (failed: left to the build)"))
            if ok:
                cache.cache_notebook_bundle(
                    CacheBundleIn(notebook, page, data={"execution_seconds": seconds}),
                    check_validity=False,
                    overwrite=True,
                )
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

    ``jobs`` processes pre-execute the pages (default: ``BOOK_JOBS`` or the number of cores; 1
    leaves all execution to Jupyter Book)."""
    env = build_environment(root)
    jobs = jobs or int(os.environ.get("BOOK_JOBS", os.cpu_count() or 1))
    if jobs > 1:
        os.environ.update(env)  # the kernels that pre-execute pages start from this process
        ran, cached = preexecute(root, jobs)
        print(f"pre-executed {ran} page(s) in {jobs} processes; {cached} already cached")
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
    publish(built, site)
    print(f"\nbuilt: {site.relative_to(root)}")
    return 0
