"""What a page depends on: its declared tables, the package's core, the modules its code imports
(and what those import), and the lock; nothing else. Tested in a private copy of the book."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT
from distillbook.core import page as page_module
from distillbook.publish.sphinx.freshness import execution_fingerprint

PAGE = """---
kernelspec:
  name: python3
book:
  reads: [shared/allegation]
---
# A page

```{code-cell} ipython3
from distillbook.chapters import counting
from distillbook.core.page import Page
```
"""


@pytest.fixture()
def book(tmp_path):
    root = tmp_path / "book"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(
        ROOT / "code" / "distillbook", root / "code" / "distillbook", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "requirements.txt", root / "requirements.txt")
    (root / "_config.yml").write_text("title: t\n")
    (root / "chapters").mkdir()
    (root / "chapters" / "x.md").write_text(PAGE)
    return root


def touch(path):
    path.write_text(path.read_text() + "\n# edited\n")


def test_fingerprint_is_deterministic(book):
    page = book / "chapters" / "x.md"
    assert execution_fingerprint(book, page) == execution_fingerprint(book, page)


@pytest.mark.parametrize(
    "edited",
    [
        "data/shared/allegation.csv",  # a table the page declares
        "code/distillbook/core/units.py",  # core
        "code/distillbook/chapters/counting.py",  # the chapter module the page imports
        "requirements.txt",  # the lock
    ],
)
def test_what_the_page_depends_on_changes_its_fingerprint(book, edited):
    page = book / "chapters" / "x.md"
    before = execution_fingerprint(book, page)
    touch(book / edited)
    assert execution_fingerprint(book, page) != before


@pytest.mark.parametrize(
    "edited",
    [
        "data/ledger/sources.csv",  # a table the page does not declare
        "code/distillbook/publish/build.py",  # publishing code
        "code/distillbook/publish/sphinx/citing.py",
        "code/distillbook/chapters/proxies/__init__.py",  # another chapter's module
        "code/distillbook/chapters/verdict.py",
    ],
)
def test_what_the_page_does_not_depend_on_leaves_its_fingerprint(book, edited):
    page = book / "chapters" / "x.md"
    before = execution_fingerprint(book, page)
    touch(book / edited)
    assert execution_fingerprint(book, page) == before


def test_a_chapter_module_imported_through_another_counts(book):
    page = book / "chapters" / "x.md"
    # the verdict page's way in: chapters.checks imports every chapter module
    page.write_text(PAGE.replace("from distillbook.chapters import counting", "import distillbook.chapters.checks"))
    before = execution_fingerprint(book, page)
    touch(book / "code" / "distillbook" / "chapters" / "proxies" / "__init__.py")
    assert execution_fingerprint(book, page) != before


def test_a_page_may_read_only_the_tables_it_declares(book):
    page = page_module.Page("chapters/x", root=book)
    assert page.table("shared/allegation")["id"].iloc[0] == "exchanges-total"
    with pytest.raises(
        page_module.UndeclaredRead, match="reads data table 'ledger/sources' but its front matter declares only"
    ):
        page.table("ledger/sources")


def test_a_page_declaring_an_unknown_table_is_refused(book):
    (book / "chapters" / "x.md").write_text(PAGE.replace("[shared/allegation]", "[shared/allegation, nosuch]"))
    with pytest.raises(page_module.UndeclaredRead, match="unknown table"):
        page_module.Page("chapters/x", root=book)


def test_a_page_may_run_only_checks_that_read_tables_it_declares(book):
    """A page shows what the checks it runs compute, so their tables are its inputs: the double
    standards page's scraping claim is checked against the search log (ledger/searches), which a
    page declaring only the ledger does not re-execute after."""
    import distillbook.chapters.checks  # noqa: F401 - the check registry, as the page fills it

    text = PAGE.replace("# A page", "# Double standards")
    (book / "chapters" / "double-standards.md").write_text(text.replace("[shared/allegation]", "[ledger/claims]"))
    page = page_module.Page("chapters/double-standards", root=book)
    with pytest.raises(page_module.UndeclaredRead, match=r"claim 'ds-scraping' .* reads \[.*'ledger/searches'"):
        page.check("ds-scraping")
    (book / "chapters" / "double-standards.md").write_text(text.replace("[shared/allegation]", '["*"]'))
    assert page_module.Page("chapters/double-standards", root=book).check("ds-scraping").verdict


def test_a_book_file_a_module_reads_is_an_input_of_the_pages_importing_it(book):
    """The about page shows the version and address ``_config.yml`` sets (its module reads the
    file): an edit there must execute that page again, and no page that does not import it."""
    page = book / "chapters" / "x.md"
    about = book / "chapters" / "about.md"
    about.write_text(
        PAGE.replace("from distillbook.chapters import counting", "from distillbook.chapters import about")
    )
    before = execution_fingerprint(book, about), execution_fingerprint(book, page)
    touch(book / "_config.yml")
    after = execution_fingerprint(book, about), execution_fingerprint(book, page)
    assert after[0] != before[0]
    assert after[1] == before[1]


def test_every_book_file_a_chapter_module_names_is_declared():
    """A chapter module that names one of the book's own files (a file name in a string) lists it
    in ``BOOK_FILES``, so that the pages importing it follow that file."""
    import ast

    from distillbook.publish import imports

    file_name = re.compile(r"^[\w.-]+\.(yml|yaml|cff|bib|toml|txt|json)$")
    for path in sorted((ROOT / "code" / "distillbook" / "chapters").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        named = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and file_name.match(node.value)
        }
        declared = imports.book_files({imports.module_of(path)})
        assert named <= declared, f"{path.name} names {sorted(named - declared)}: list them in BOOK_FILES"
