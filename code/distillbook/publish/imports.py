"""Which modules of the ``distillbook`` package a piece of code imports, read statically.

A page's execution depends on the modules its code cells import and on everything those import
in turn; :func:`closure` follows that graph (imports inside functions included) so that a page's
fingerprint covers exactly the code that can change its results. The same graph is what the
layer test reads: core imports neither chapters nor publish; chapters import only core.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from distillbook.core import paths

PACKAGE = "distillbook"


def module_file(module: str, package_dir: Path = paths.PACKAGE_DIR) -> Path | None:
    """The source file of a ``distillbook`` module (its ``__init__.py`` for a package), or None."""
    if module != PACKAGE and not module.startswith(PACKAGE + "."):
        return None
    parts = module.split(".")[1:]
    base = package_dir.joinpath(*parts)
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


def module_of(path: Path, package_dir: Path = paths.PACKAGE_DIR) -> str:
    """The dotted name of a module file of the package."""
    parts = list(path.resolve().relative_to(package_dir.resolve()).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def _absolute(node: ast.ImportFrom, current: str, is_package: bool) -> str:
    """The absolute module an ``from ... import`` statement names."""
    if not node.level:
        return node.module or ""
    base = current.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_in_source(source: str, current: str = "", is_package: bool = False) -> set[str]:
    """Every ``distillbook`` module or name a source text imports (``from X import y`` gives both
    ``X`` and ``X.y``: :func:`closure` keeps those that are modules)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node, current, is_package)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {name for name in found if name == PACKAGE or name.startswith(PACKAGE + ".")}


@functools.cache
def _imports_of_file(path: Path, package_dir: Path, stamp: float) -> frozenset[str]:
    current = module_of(path, package_dir)
    return frozenset(imports_in_source(path.read_text(encoding="utf-8"), current, path.name == "__init__.py"))


def imports_of(module: str, package_dir: Path = paths.PACKAGE_DIR) -> set[str]:
    """The ``distillbook`` modules one module imports directly."""
    path = module_file(module, package_dir)
    if path is None:
        return set()
    return {m for m in _imports_of_file(path, package_dir, path.stat().st_mtime) if module_file(m, package_dir)}


def parents(module: str) -> list[str]:
    """The packages that importing ``module`` initialises first (``a.b.c`` -> ``a``, ``a.b``)."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def closure(modules: set[str], package_dir: Path = paths.PACKAGE_DIR) -> set[str]:
    """``modules`` and every ``distillbook`` module they import, directly or not, with the
    packages that each import initialises (names that are not modules are dropped)."""
    seen: set[str] = set()
    todo = list(modules)
    while todo:
        module = todo.pop()
        if module in seen or module_file(module, package_dir) is None:
            continue
        seen.add(module)
        todo += [*imports_of(module, package_dir), *parents(module)]
    return seen


#: The module-level name under which a module lists the book's own files (outside ``data/``) it
#: reads, as paths from the book's root: ``BOOK_FILES = ("_config.yml",)``.
BOOK_FILES = "BOOK_FILES"


@functools.cache
def _book_files_of_file(path: Path, stamp: float) -> tuple[str, ...]:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        if any(isinstance(t, ast.Name) and t.id == BOOK_FILES for t in targets) and node.value is not None:
            return tuple(ast.literal_eval(node.value))
    return ()


def book_files(modules: set[str], package_dir: Path = paths.PACKAGE_DIR) -> set[str]:
    """The book files (outside ``data/``, relative to the book's root) that ``modules`` declare
    they read (:data:`BOOK_FILES`), read statically."""
    found: set[str] = set()
    for path in files(modules, package_dir):
        found.update(_book_files_of_file(path, path.stat().st_mtime))
    return found


def files(modules: set[str], package_dir: Path = paths.PACKAGE_DIR) -> list[Path]:
    """The source files of ``modules``, sorted."""
    return sorted({path for module in modules if (path := module_file(module, package_dir)) is not None})
