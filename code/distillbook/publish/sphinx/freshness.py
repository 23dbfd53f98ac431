"""Never stale: what each page depends on, and how the build finds out that it changed.

* **Execution.** Each executable page gets a hidden last cell holding a fingerprint of what its
  results depend on: the tables its front matter declares, the data package descriptor, the
  package's core, every ``distillbook`` module its code cells import (and what those import),
  the book's own files those modules declare they read (``BOOK_FILES``, as the about page's
  module reads ``_config.yml``), and the lock file. jupyter-cache keys on the code cells, so a changed fingerprint is a cache
  miss and the page executes again. An edit to ``publish/`` or to a chapter module the page does
  not import changes nothing.
* **Reading.** A page is read again (content hash, not modification time) when its execution
  inputs change or when an input of a claim it shows (or whose ClaimReview it carries: every claim
  of its chapter) changes: the ledger, the tables the claim's check read, and the check's module
  with everything it imports. The hash is computed only for pages one of whose files was touched
  since the page was read (modification time, size or inode differ, as git's index does): a build
  where nothing was touched hashes nothing.
* **Writing.** A page read again is written again; no other page is, unless what every page shows
  of the others changed (:func:`site_digest`: titles, the table of contents, section headings,
  labels and numbers, cited sources): then every page is written, so that sidebars, previous/next
  links and cross-references never show an old title. A page that glues a value from another page
  is written again when that page is read again.
"""

from __future__ import annotations

import csv
import hashlib
import re
import time
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from distillbook.core import data, pages
from distillbook.publish import imports

FINGERPRINT_CELL = """

```{{code-cell}} ipython3
:tags: [remove-cell]
# Fingerprint of this page's inputs (declared data, the package's core and the modules the page
# imports, the lock file), added at build time so that the execution cache can never serve a
# result of older inputs.
_book_inputs_fingerprint = "{fingerprint}"
```
"""

#: A claim box in a page's source: ```{claim} <id>```.
CLAIM_DIRECTIVE = re.compile(r"^\s*[`:]{3,}\{claim\}\s+([a-z0-9-]+)\s*$", re.M)


def package_dir(root: Path) -> Path:
    """The book's package inside the book (``code/distillbook``): fingerprints read the code a
    copy of the book holds, not the copy Python imported."""
    return root / "code" / "distillbook"


def core_files(root: Path) -> list[Path]:
    """The package's core and its top-level ``__init__``: what every page's results depend on."""
    package = package_dir(root)
    return sorted((package / "core").rglob("*.py")) + [package / "__init__.py"]


def page_modules(root: Path, text: str) -> set[str]:
    """The ``distillbook`` modules a page's code cells import, with everything those import."""
    imported: set[str] = set()
    for cell in pages.code_cells(text):
        try:
            imported |= imports.imports_in_source(cell)
        except SyntaxError:
            continue  # IPython syntax; the build reports it when the cell runs
    return imports.closure(imported, package_dir(root))


def execution_inputs(root: Path, source_path: Path, text: str | None = None) -> list[Path]:
    """The files a page's executed results depend on (see the module's docstring)."""
    text = source_path.read_text(encoding="utf-8") if text is None else text
    descriptor = root / "data" / "datapackage.json"
    declared = pages.declared_reads(source_path)
    names = data.listed_tables(descriptor) if declared == [pages.EVERY_TABLE] else declared
    tables = [data.table_file(name, descriptor) for name in names]
    modules = page_modules(root, text)
    code = sorted({*core_files(root), *imports.files(modules, package_dir(root))})
    book_files = [root / name for name in sorted(imports.book_files(modules, package_dir(root)))]
    return [descriptor, *tables, *code, *book_files, root / "requirements.txt"]


def execution_fingerprint(root: Path, source_path: Path, text: str | None = None) -> str:
    """SHA-256 of everything :func:`execution_inputs` lists."""
    return data.fingerprint(execution_inputs(root, source_path, text))


def fingerprinted_text(root: Path, source_path: Path) -> str:
    """A notebook page's text as the build executes it: with its fingerprint cell appended."""
    text = source_path.read_text(encoding="utf-8")
    return text.rstrip("\n") + FINGERPRINT_CELL.format(fingerprint=execution_fingerprint(root, source_path, text))


def claim_inputs(app: Sphinx, claim_ids: list[str]) -> list[Path]:
    """The files the claims shown on a page depend on: the ledger, the tables each claim's check
    read in this build, and each check's module with what it imports."""
    root = Path(app.srcdir)
    descriptor = root / "data" / "datapackage.json"
    inputs = getattr(app.env, "distillbook_check_inputs", {})
    files: set[Path] = {data.table_file("ledger/claims", descriptor)}
    for claim_id in claim_ids:
        tables, modules = inputs.get(claim_id, ((), ()))
        files |= {data.table_file(name, descriptor) for name in tables}
        files |= set(imports.files(imports.closure(set(modules), package_dir(root)), package_dir(root)))
    return sorted(files)


def chapter_claims(root: Path, docname: str) -> list[str]:
    """The ids of the ledger's claims that a page argues (its ClaimReview metadata), read with the
    csv module (no validation: the gate validates)."""
    claims = root / "data" / "ledger" / "claims.csv"
    if not claims.exists():
        return []
    with claims.open(encoding="utf-8", newline="") as handle:
        return [row["id"] for row in csv.DictReader(handle) if pages.claim_page_docname(row["chapter"]) == docname]


def read_inputs(app: Sphinx, source_path: Path) -> list[Path]:
    """Everything a page's output depends on: its execution inputs (notebook pages) and the
    inputs of the claims it shows or argues."""
    text = source_path.read_text(encoding="utf-8")
    root = Path(app.srcdir)
    files = execution_inputs(root, source_path, text) if pages.is_notebook(text) else []
    docname = pages.docname(source_path, root)
    claims = sorted({*CLAIM_DIRECTIVE.findall(text), *chapter_claims(root, docname)})
    return [*files, *(claim_inputs(app, claims) if claims else [])]


def add_fingerprint(app: Sphinx, docname: str, source: list[str]) -> None:
    """Append the fingerprint cell to an executable page; remember what the page was read from."""
    path = Path(app.env.doc2path(docname))
    root = Path(app.srcdir)
    try:
        if pages.is_notebook(source[0]):
            fingerprint = execution_fingerprint(root, path, source[0])
            source[0] = source[0].rstrip("\n") + FINGERPRINT_CELL.format(fingerprint=fingerprint)
        inputs = read_inputs(app, path)
    except data.DataError as exc:
        raise ExtensionError(f"{path.name}: {exc}") from None
    read = getattr(app.env, "distillbook_fingerprints", {})
    read[docname] = data.fingerprint(inputs)
    app.env.distillbook_fingerprints = read  # type: ignore[attr-defined]
    stats = getattr(app.env, "distillbook_input_stats", {})
    stats[docname] = (time.time_ns(), file_stats([path, *inputs]))
    app.env.distillbook_input_stats = stats  # type: ignore[attr-defined]
    for dependency in inputs:
        app.env.note_dependency(str(dependency))


def file_stats(files: list[Path]) -> dict[str, tuple[int, int, int] | None]:
    """Each file's modification time, size and inode (None for a missing file)."""
    stats: dict[str, tuple[int, int, int] | None] = {}
    for path in files:
        try:
            stat = path.stat()
            stats[str(path)] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        except OSError:
            stats[str(path)] = None
    return stats


#: Nanoseconds before a page was read during which a file's modification time is not trusted to
#: tell an edit apart (timestamps are coarser than a nanosecond; as git does with "racy" files).
RACY_NS = 2_000_000_000


def untouched(record, now_ns: int | None = None) -> bool:
    """True when no file a page was read from was touched since (same modification time, size
    and inode), and none had been touched shortly before the page was read (:data:`RACY_NS`)."""
    if not record:
        return False
    read_at, before = record
    if any(stat is None or stat[0] >= read_at - RACY_NS for stat in before.values()):
        return False
    return file_stats([Path(name) for name in before]) == before


def outdated_pages(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Pages whose inputs changed since they were last read: by content hash, computed only for
    pages one of whose files (the page or an input) was touched since (:func:`untouched`)."""
    stored = getattr(env, "distillbook_fingerprints", {})
    stats = getattr(env, "distillbook_input_stats", {})
    stale = []
    for docname, fingerprint in stored.items():
        path = Path(env.doc2path(docname))
        if not path.exists() or untouched(stats.get(docname)):
            continue
        inputs = read_inputs(app, path)
        if data.fingerprint(inputs) != fingerprint:
            stale.append(docname)
        else:  # touched, not changed: remember the new times so that the next build looks no further
            stats[docname] = (time.time_ns(), file_stats([path, *inputs]))
    env.distillbook_input_stats = stats
    return stale


def site_digest(app: Sphinx, env) -> str:
    """SHA-256 of what a page shows of the other pages: every page's title and headings, the
    table of contents, section and figure numbers, the labels cross-references resolve to, and
    the sources cited anywhere (with the bibliography's text)."""
    digest = hashlib.sha256()

    def add(part: str, value) -> None:
        digest.update(f"{part}\0{value!r}\0".encode())

    for docname in sorted(env.found_docs):
        add("title", env.titles[docname].astext() if docname in env.titles else None)
        add("headings", env.tocs[docname].pformat() if docname in env.tocs else None)
    add("toctrees", sorted((doc, list(children)) for doc, children in env.toctree_includes.items()))
    add("section numbers", sorted(env.toc_secnumbers.items()))
    add("figure numbers", sorted(env.toc_fignumbers.items()))
    std = env.domaindata.get("std", {})
    add("labels", sorted(std.get("labels", {}).items()))
    add("anonymous labels", sorted(std.get("anonlabels", {}).items()))
    cited = env.domaindata.get("cite", {}).get("citation_refs", [])
    add("cited", sorted({target.key for ref in cited for target in ref.targets}))
    for bibfile in app.config.bibtex_bibfiles:
        path = Path(app.srcdir) / bibfile
        add("bibliography", hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None)
    return digest.hexdigest()


def pages_to_rewrite(app: Sphinx, env) -> list[str]:
    """The pages to write again besides those read in this build (see the module's docstring):
    every page when :func:`site_digest` changed, else the pages that glue from a page read now."""
    digest = site_digest(app, env)
    previous = getattr(env, "distillbook_site_digest", None)
    env.distillbook_site_digest = digest
    if digest != previous:
        return sorted(env.found_docs)
    read = getattr(env, "distillbook_read_now", set())
    refs = getattr(env, "distillbook_glue_refs", {})
    return sorted(doc for doc, sources in refs.items() if sources & read and doc in env.found_docs)


def note_glue_sources(app: Sphinx, doctree) -> None:
    """Remember which other pages a page glues values from (``{glue}`` with a ``doc`` option)."""
    from myst_nb.ext.glue.utils import PendingGlueReference

    docname = app.env.docname
    sources = {node["refdoc"] for node in doctree.findall(PendingGlueReference) if node.get("refdoc") != docname}
    refs = getattr(app.env, "distillbook_glue_refs", {})
    if sources:
        refs[docname] = sources
    else:
        refs.pop(docname, None)
    app.env.distillbook_glue_refs = refs  # type: ignore[attr-defined]


def start_reading(app: Sphinx, env, docnames) -> None:
    """Note the pages this build reads (env-before-read-docs)."""
    env.distillbook_read_now = set(docnames)


def bibliography_digest(app: Sphinx) -> str:
    digest = hashlib.sha256()
    for bibfile in app.config.bibtex_bibfiles:
        path = Path(app.srcdir) / bibfile
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


def format_citations_only_when_needed(app: Sphinx) -> None:
    """sphinxcontrib-bibtex formats every entry of the bibliography again at each build
    (env-updated), though the result only changes with the pages read or the bibliography: wrap
    its handler so that a build that read no page and whose bibliography is unchanged keeps the
    citations the environment holds. Nothing is changed if the handler is not found."""
    for listener in list(app.events.listeners.get("env-updated", [])):
        handler = listener.handler
        if getattr(handler, "__module__", "") != "sphinxcontrib.bibtex" or handler.__name__ != "env_updated":
            continue

        def guarded(app: Sphinx, env, handler=handler):
            digest = bibliography_digest(app)
            if (
                not getattr(env, "distillbook_read_now", True)
                and getattr(env, "distillbook_bib_digest", None) == digest
            ):
                return []
            env.distillbook_bib_digest = digest
            return handler(app, env)

        app.disconnect(listener.id)
        app.connect("env-updated", guarded, priority=listener.priority)


def forget_page(app: Sphinx, env, docname: str) -> None:
    getattr(env, "distillbook_fingerprints", {}).pop(docname, None)
    getattr(env, "distillbook_input_stats", {}).pop(docname, None)
    getattr(env, "distillbook_glue_refs", {}).pop(docname, None)


def merge_fingerprints(app: Sphinx, env, docnames, other) -> None:
    for name in ("distillbook_fingerprints", "distillbook_input_stats", "distillbook_glue_refs"):
        merged = {**getattr(env, name, {}), **{d: v for d, v in getattr(other, name, {}).items() if d in docnames}}
        setattr(env, name, merged)
