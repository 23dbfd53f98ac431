"""The package's three layers, read from every module's imports: core imports neither chapters nor
publish (not even through importlib); a chapter module imports only core (``chapters.checks``,
which fills the check registry, is the one exception); nothing outside the command line imports
publish except publish; and no import cycle."""

from __future__ import annotations

from pathlib import Path

import pytest

from distillbook.core import paths
from distillbook.publish import imports

PACKAGE = paths.PACKAGE_DIR


def modules_in(folder: str) -> list[str]:
    return sorted(imports.module_of(path) for path in (PACKAGE / folder).rglob("*.py"))


def test_every_module_belongs_to_a_layer():
    top_level = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top_level == ["__init__.py", "__main__.py"]  # the command line and the package's docstring


@pytest.mark.parametrize("module", modules_in("core"))
def test_core_imports_neither_chapters_nor_publish(module):
    forbidden = {m for m in imports.imports_of(module) if m.startswith(("distillbook.chapters", "distillbook.publish"))}
    assert forbidden == set()
    source = imports.module_file(module).read_text(encoding="utf-8")
    assert "importlib" not in source and "__import__" not in source, "core may not import anything by name at run time"


@pytest.mark.parametrize("module", [m for m in modules_in("chapters") if m != "distillbook.chapters.checks"])
def test_a_chapter_imports_only_core(module):
    own = module.split(".")[:3]  # a chapter's subpackage may import its own parts
    outside_core = {
        m
        for m in imports.imports_of(module)
        if not m.startswith("distillbook.core") and m.split(".")[:3] != own and m != "distillbook"
    }
    assert outside_core == set()


@pytest.mark.parametrize("module", modules_in("core") + modules_in("chapters"))
def test_only_publish_and_the_command_line_import_publish(module):
    assert {m for m in imports.imports_of(module) if m.startswith("distillbook.publish")} == set()


def test_the_import_graph_has_no_cycle():
    every = modules_in("core") + modules_in("chapters") + modules_in("publish")
    graph = {m: {d for d in imports.imports_of(m) if d in every and d != m} for m in every}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            pytest.fail("import cycle: " + " -> ".join([*path[path.index(module) :], module]))
        if module in done:
            return
        for dependency in graph[module]:
            visit(dependency, [*path, module])
        done.add(module)

    for module in every:
        visit(module, [])


def test_the_layer_rule_would_catch_a_core_module_importing_a_chapter(tmp_path):
    package = tmp_path / "distillbook"
    (package / "core").mkdir(parents=True)
    (package / "chapters").mkdir()
    for init in (package / "__init__.py", package / "core" / "__init__.py", package / "chapters" / "__init__.py"):
        init.write_text("")
    (package / "chapters" / "counting.py").write_text("X = 1\n")
    (package / "core" / "bad.py").write_text("from distillbook.chapters import counting\n")
    found = imports.imports_of("distillbook.core.bad", package)
    assert "distillbook.chapters.counting" in found


def test_relative_imports_resolve_to_absolute_modules():
    source = "from . import simulation\nfrom ..counting import x\n"
    found = imports.imports_in_source(source, "distillbook.chapters.proxies", is_package=True)
    assert {"distillbook.chapters.proxies.simulation", "distillbook.chapters.counting"} <= found


def test_paths_of_the_package_are_the_installed_ones():
    assert Path(imports.module_file("distillbook.core.ledger")).name == "ledger.py"
