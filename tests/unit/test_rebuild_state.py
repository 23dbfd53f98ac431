"""What lets a rebuild with nothing changed do no work, decided without a build: the gate's key
follows its inputs and nothing else, a page whose files were not touched is not hashed again
(but a file touched just before the page was read always is), the files written from the ledger
(preview card, open data) are written again only when the gate's inputs or the book's settings
changed or a file is missing, and the published site is left alone when the build holds the same
files."""

from __future__ import annotations

import os
import shutil
import time
from types import SimpleNamespace

from conftest import ROOT
from distillbook.publish import build
from distillbook.publish.sphinx import citing, freshness, gate


def test_the_gate_key_follows_its_inputs_and_nothing_else(tmp_path):
    book = build.copy_book(ROOT, tmp_path / "book")
    key = gate.gate_inputs_key(book)
    assert gate.gate_inputs_key(book) == key
    chapter = book / "chapters" / "counting.md"  # prose is not an input of the ledger
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert gate.gate_inputs_key(book) == key
    table = book / "data" / "shared" / "allegation.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",13000000,", ",13100000,"), encoding="utf-8")
    assert gate.gate_inputs_key(book) != key
    key = gate.gate_inputs_key(book)
    module = book / "code" / "distillbook" / "chapters" / "counting.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert gate.gate_inputs_key(book) != key


def fake_app(outdir, gate_key: str, version: str = "0.2.0") -> SimpleNamespace:
    """What :func:`citing.written_from_same_inputs` reads of a Sphinx application."""
    config = SimpleNamespace(
        html_title="A book",
        project="book",
        author="Someone",
        html_baseurl="https://example.org/book/",
        book_version=version,
        distillbook_date="2026-11-30",
        distillbook_pdf=False,
    )
    return SimpleNamespace(env=SimpleNamespace(distillbook_gate_key=gate_key), config=config, outdir=str(outdir))


def test_files_written_from_the_ledger_are_written_again_only_when_their_inputs_changed(tmp_path):
    card = tmp_path / "card.png"
    app = fake_app(tmp_path, "key-1")
    assert not citing.written_from_same_inputs(app, "card", [card])  # never written
    card.write_bytes(b"png")
    assert citing.written_from_same_inputs(app, "card", [card])
    assert not citing.written_from_same_inputs(app, "feed", [card])  # another step keeps its own record
    app.env.distillbook_gate_key = "key-2"  # a table, the ledger or the package's code changed
    assert not citing.written_from_same_inputs(app, "card", [card])
    assert citing.written_from_same_inputs(app, "card", [card])
    app.config.book_version = "0.3.0"  # the card shows the version
    assert not citing.written_from_same_inputs(app, "card", [card])
    assert citing.written_from_same_inputs(app, "card", [card])
    card.unlink()  # the output is gone (a clean of the output folder)
    assert not citing.written_from_same_inputs(app, "card", [card])


def test_a_page_is_hashed_again_only_when_one_of_its_files_was_touched(tmp_path):
    files = [tmp_path / "page.md", tmp_path / "table.csv"]
    for path in files:
        path.write_text("a,b\n", encoding="utf-8")
    old = time.time_ns() - 3 * freshness.RACY_NS
    for path in files:
        os.utime(path, ns=(old, old))
    record = (time.time_ns(), freshness.file_stats(files))
    assert freshness.untouched(record)
    # same size, new bytes: the modification time tells
    files[1].write_text("a,c\n", encoding="utf-8")
    assert not freshness.untouched(record)
    # a file written just before the page was read is not trusted (a coarse clock could hide an edit)
    fresh = (time.time_ns(), freshness.file_stats(files))
    assert not freshness.untouched(fresh)
    # a file that disappeared
    files[0].unlink()
    assert not freshness.untouched(record)
    assert not freshness.untouched(None)


def test_the_site_is_published_again_only_when_the_build_differs(tmp_path):
    built = tmp_path / "built"
    (built / "chapters").mkdir(parents=True)
    (built / "index.html").write_text("<p>one</p>", encoding="utf-8")
    (built / "chapters" / "a.html").write_text("<p>a</p>", encoding="utf-8")
    (built / "reports").mkdir()
    (built / "reports" / "a.log").write_text("traceback", encoding="utf-8")
    (built / ".buildinfo").write_text("state", encoding="utf-8")
    site = tmp_path / "html"
    assert build.publish(built, site)
    assert not (site / "reports").exists() and not (site / ".buildinfo").exists()
    assert not build.publish(built, site)  # nothing changed: nothing copied
    (built / "index.html").write_text("<p>one</p>", encoding="utf-8")  # rewritten, same bytes
    assert not build.publish(built, site)
    (built / "index.html").write_text("<p>two</p>", encoding="utf-8")  # same size, new bytes
    assert build.publish(built, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "<p>two</p>"
    shutil.rmtree(built / "chapters")  # a page gone from the build goes from the site
    assert build.publish(built, site)
    assert not (site / "chapters").exists()
