"""Pre-execution in warm workers: a page produces what a kernel produces for it, sees nothing of
the pages executed before it in the same worker, and never fails the build by accident (a page
whose pre-execution fails for any reason, an error in a cell, a cell over the timeout, a worker
process that dies, is left to the build, and the other pages are unaffected).

The pages here are tiny pages written into a copy of the book, so the real workers run (no fake
executor) and the tests stay fast."""

from __future__ import annotations

import json
import re
import textwrap

from conftest import ROOT
from distillbook.publish import build

PAGE = """---
kernelspec:
  display_name: Python 3
  language: python
  name: python3
book:
  reads: [shared/allegation]
---

# {title}
{padding}
{cells}
"""

CELL = """
```{{code-cell}} ipython3
{code}
```
"""

#: A page that uses what real pages use: the numbers register (glue with its ``scrapbook``
#: metadata), a Markdown display value, a chart, a last expression (``execute_result``), printing,
#: IPython's ``display`` and an empty cell.
RICH = [
    """\
    import altair as alt
    import pandas as pd
    from IPython.display import Markdown, display

    from distillbook.core.page import Page

    page = Page("chapters/rich")
    allegation = page.table("shared/allegation")
    page.number("rows", len(allegation))
    page.register.add("table_md", "| a |\\n|---|\\n| b |", display_value=Markdown("| a |\\n|---|\\n| b |"))
    """,
    """\
    frame = pd.DataFrame({"x": [1, 2], "y": [3, 4]})
    chart = alt.Chart(frame, description="Two points").mark_point().encode(
        x=alt.X("x:Q", title="x (units)"), y=alt.Y("y:Q", title="y (units)")
    )
    page.chart("chart_points", chart, frame)
    print("to stdout")
    display(Markdown("**shown**"))
    2 + 3
    """,
    "",
    "page.number('share', 0.25)",
]


def write_book(tmp_path, pages: dict[str, list[str]]):
    """A copy of the book whose table of contents lists only ``pages`` (slug -> code cells)."""
    book = build.copy_book(ROOT, tmp_path / "book")
    (book / "index.md").write_text("# A test book\n", encoding="utf-8")
    for slug, cells in pages.items():
        body = "".join(CELL.format(code=textwrap.dedent(code).strip("\n")) for code in cells)
        padding = "\n" + "x" * (1000 * len(pages) - 1000 * list(pages).index(slug)) + "\n"  # size sets the order
        text = PAGE.format(title=slug, padding=padding, cells=body)
        (book / "chapters" / f"{slug}.md").write_text(text, encoding="utf-8")
    toc = "format: jb-book\nroot: index\nchapters:\n" + "".join(f"  - file: chapters/{slug}\n" for slug in pages)
    (book / "_toc.yml").write_text(toc, encoding="utf-8")
    return book


def cache(book):
    from jupyter_cache import get_cache

    return get_cache(str(build.work_dir(book) / "_build" / ".jupyter_cache"))


def cached_notebook(book, slug: str):
    for record in cache(book).list_cache_records():
        if record.uri.endswith(f"chapters/{slug}.md"):
            return cache(book).get_cache_bundle(record.pk).nb
    return None


def without_addresses(value) -> str:
    return re.sub(r" at 0x[0-9a-f]+", " at 0x...", json.dumps(value, sort_keys=True))


def test_a_page_gives_what_a_kernel_gives(tmp_path, monkeypatch, capsys):
    """The notebook a worker caches equals the one a kernel produces (outputs, their metadata,
    execution counts, language_info), under the key the build looks up."""
    from jupyter_cache.executors.utils import single_nb_execution

    book = write_book(tmp_path, {"rich": RICH})
    assert build.preexecute(book, jobs=2) == (1, 0)
    assert "chapters/rich.md: pre-executed in" in capsys.readouterr().out
    warm = cached_notebook(book, "rich")

    page = book / "chapters" / "rich.md"
    notebook = build.page_notebook(book, page)
    cache(book).match_cache_notebook(notebook)  # the key the build computes finds it
    monkeypatch.setenv("PYTHONPATH", str(book / "code"))
    result = single_nb_execution(notebook, cwd=str(page.parent), timeout=60, allow_errors=False)
    assert result.err is None, result.exc_string

    def code_cells(nb):
        return [(c.execution_count, c.outputs) for c in nb.cells if c.cell_type == "code"]

    assert without_addresses(code_cells(warm)) == without_addresses(code_cells(result.nb))
    assert warm.metadata["language_info"] == result.nb.metadata["language_info"]
    glue = [o for o in warm.cells[0].outputs if "scrapbook" in o.get("metadata", {})]
    assert [o.metadata.scrapbook.name for o in glue] == ["rows", "table_md"]
    assert "application/papermill.record/text/markdown" in glue[1].data


def test_a_page_sees_nothing_of_the_page_before(tmp_path, capsys):
    """One worker executes both pages, in this order; the second fails on anything the first left."""
    leaky = """\
    import os
    import altair as alt
    import pandas as pd
    from distillbook.core import numbers, paths
    from distillbook.chapters import counting  # registers its ledger checks

    leaked_variable = 1
    numbers.register("shared_key", 1)  # the module-wide register
    paths.LEAKED = True
    pd.set_option("display.max_rows", 3)
    alt.theme.enable("dark")
    os.environ["BOOK_LEAKED"] = "1"
    os.chdir("/")
    """
    careful = """\
    import os
    import altair as alt
    import pandas as pd
    from distillbook.core import ledger, numbers, paths

    assert "leaked_variable" not in globals()
    numbers.register("shared_key", 2)  # raises if the first page's registration survived
    assert not hasattr(paths, "LEAKED")
    assert not ledger.CHECKS, sorted(ledger.CHECKS)
    assert pd.get_option("display.max_rows") == 60
    assert alt.theme.active != "dark"
    assert "BOOK_LEAKED" not in os.environ
    assert os.getcwd().endswith("chapters"), os.getcwd()
    """
    book = write_book(tmp_path, {"leaky": [leaky], "careful": [careful]})
    assert build.preexecute(book, jobs=1) == (2, 0)
    out = capsys.readouterr().out
    assert "failed" not in out, out
    assert out.index("chapters/leaky.md") < out.index("chapters/careful.md")


def test_a_page_that_fails_is_left_to_the_build_and_the_others_go_on(tmp_path, capsys):
    """An error in a cell, a cell over the timeout, a worker that vanishes (as when compiled code
    takes the process down): each costs only its own page, which the next build tries again; a
    new worker takes over from the one that died."""
    pages = {
        "first": ["x = 1"],
        "broken": ["raise RuntimeError('no luck')"],
        "slow": ["import time\ntime.sleep(60)"],
        "dies": ["import os\nos._exit(1)"],
        "last": ["y = 2"],
    }
    book = write_book(tmp_path, pages)
    assert build.preexecute(book, jobs=2, timeout=2) == (5, 0)  # returns: nothing raised
    out = capsys.readouterr().out
    assert re.search(
        r"chapters/broken\.md: pre-executed in \S+ seconds \(failed: RuntimeError: no luck; left to the build\)", out
    )
    assert re.search(r"chapters/slow\.md: pre-executed in \S+ seconds \(failed: CellTimeout: ", out)
    assert "chapters/dies.md: pre-execution failed (WorkerDied: the worker executing it exited with code 1)" in out
    assert out.count("left to the build") == 3
    # the next build finds the others cached and tries the failed pages again
    todo, cached = build.pages_to_execute(book, cache(book))
    assert sorted(page.rsplit("/", 1)[-1] for page, _ in todo) == ["broken.md", "dies.md", "slow.md"]
    assert cached == 2
