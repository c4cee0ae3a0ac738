"""The layering of docs/architecture.md holds: no import cycle; each package imports what it may.

The import graph is read from the source (the AST of ``src/crmcore``), so that
an import inside a function counts as much as one at the top of a module; only
imports under ``if TYPE_CHECKING:`` are left out, since they never run. A
module that loads modules by name (``importlib.import_module``) depends on the
crmcore modules its string constants name.

The allowed imports are read from the table "Packages and what they may
import" of docs/architecture.md, the one place that states them.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
TABLE_TITLE = "## Packages and what they may import"

Graph = dict[str, set[str]]


# --- the import graph -----------------------------------------------------------------


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_names(tree: ast.Module) -> set[str]:
    """Return the names ``typing.TYPE_CHECKING`` is bound to in a module (aliases too)."""
    names = {"TYPE_CHECKING"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "typing":
            names.update(a.asname or a.name for a in node.names if a.name == "TYPE_CHECKING")
    return names


def _is_type_checking(test: ast.expr, names: set[str]) -> bool:
    if isinstance(test, ast.Name):
        return test.id in names
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


class _Imports(ast.NodeVisitor):
    """Collect the modules a module imports when it runs, wherever the import is written."""

    def __init__(
        self, name: str, modules: set[str], checking: set[str], *, is_package: bool
    ) -> None:
        self.name = name
        self.package = name if is_package else name.rpartition(".")[0]
        self.modules = modules
        self.checking = checking
        self.found: set[str] = set()
        self.loads_by_name = False
        self.strings: set[str] = set()

    def visit_If(self, node: ast.If) -> None:
        if not _is_type_checking(node.test, self.checking):
            for child in node.body:
                self.visit(child)
        for child in node.orelse:
            self.visit(child)

    def visit_Import(self, node: ast.Import) -> None:
        self.found.update(alias.name for alias in node.names)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - (node.level - 1)]
            module = ".".join([*base, node.module] if node.module else base)
        else:
            module = node.module or ""
        self.loads_by_name |= module == "importlib" and "import_module" in (
            alias.name for alias in node.names
        )
        for alias in node.names:
            candidate = f"{module}.{alias.name}"
            self.found.add(candidate if candidate in self.modules else module)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self.loads_by_name |= node.attr == "import_module"
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and node.value in self.modules:
            self.strings.add(node.value)

    def targets(self) -> set[str]:
        named = self.found | (self.strings if self.loads_by_name else set())
        result = set()
        for target in named:
            module = target
            while module not in self.modules and "." in module:
                module = module.rpartition(".")[0]
            if module in self.modules and module != self.name:
                result.add(module)
        return result


@cache
def import_graph() -> Graph:
    """Return each crmcore module and the crmcore modules it imports when it runs."""
    paths = {_module_name(path): path for path in sorted((SRC / "crmcore").rglob("*.py"))}
    modules = set(paths)
    graph: Graph = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        checking = _type_checking_names(tree)
        visitor = _Imports(name, modules, checking, is_package=path.name == "__init__.py")
        visitor.visit(tree)
        graph[name] = visitor.targets()
    return graph


def _reachable(graph: Graph, start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(graph[node])
    return seen


def cycles(graph: Graph) -> list[list[str]]:
    """Return the groups of modules that import each other, directly or not."""
    reach = {node: _reachable(graph, node) for node in graph}
    groups = {
        frozenset(other for other in reach[node] if node in reach[other])
        for node in graph
        if node in reach[node]
    }
    return sorted(sorted(group) for group in groups)


def package_of(module: str) -> str:
    """Return the row a module belongs to: ``crmcore`` itself, or ``crmcore.<first part>``."""
    return ".".join(module.split(".")[:2])


# --- the table ------------------------------------------------------------------------

_TICKED = re.compile(r"`([^`]+)`")
_ASIDE = re.compile(r"\([^()]*\)")


@cache
def allowed_imports() -> dict[str, frozenset[str]]:
    """Return the table of docs/architecture.md: each package and the packages it may import.

    The first column names the package (``crmcore.model``, in backticks); the
    last lists the packages it may import by their short names in backticks
    (``errors``, ``ids``), or "nothing". Text in parentheses explains and is
    not read.
    """
    lines = ARCHITECTURE.read_text(encoding="utf-8").splitlines()
    start = lines.index(TABLE_TITLE)
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("## "):
            break
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    header, rule, *body = rows
    assert header[0] == "package", header
    assert header[-1] == "imports of ours", header
    assert set(rule[0]) <= {"-", ":", " "}, rule
    table: dict[str, frozenset[str]] = {}
    for row in body:
        (package,) = _TICKED.findall(row[0])
        named = _TICKED.findall(_ASIDE.sub("", row[-1]))
        table[package] = frozenset(
            "crmcore" if short == "crmcore" else f"crmcore.{short}" for short in named
        )
    return table


# --- the tests ------------------------------------------------------------------------


def test_the_graph_sees_imports_in_functions_and_by_name():
    graph = import_graph()
    # crmcore.storage._url opens a backend on first use, inside a function.
    assert "crmcore.storage._sql._sqlite" in graph["crmcore.storage._url"]
    # The model imports the standardisers it calls inside functions.
    assert "crmcore.standardize.addresses" in graph["crmcore.model._contacts"]
    assert "crmcore.standardize.emails" in graph["crmcore.model._contacts"]
    # The family table loads its modules by name.
    assert "crmcore.ids" in graph["crmcore.standardize._fields"]


def test_the_graph_leaves_out_imports_under_type_checking():
    tree = ast.parse(
        "from typing import TYPE_CHECKING as _TC\n"
        "import typing\n"
        "if _TC:\n    import crmcore.model\n"
        "if typing.TYPE_CHECKING:\n    import crmcore.ids\n"
        "else:\n    import crmcore.errors\n"
        "def f():\n    from crmcore import standardize\n"
    )
    modules = {"crmcore.model", "crmcore.ids", "crmcore.errors", "crmcore.standardize", "m"}
    visitor = _Imports("m", modules, _type_checking_names(tree), is_package=False)
    visitor.visit(tree)
    assert visitor.targets() == {"crmcore.errors", "crmcore.standardize"}


def test_there_is_no_import_cycle_in_crmcore():
    found = cycles(import_graph())
    assert found == [], "modules in a cycle:\n" + "\n".join(", ".join(c) for c in found)


def test_cycles_are_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_package_has_a_row_and_every_row_a_package():
    packages = {package_of(module) for module in import_graph()}
    assert set(allowed_imports()) == packages


def test_the_table_names_only_its_own_packages():
    table = allowed_imports()
    for package, allowed in table.items():
        assert allowed <= set(table), (package, sorted(allowed - set(table)))
        assert package not in allowed, package


@pytest.mark.parametrize("package", sorted(allowed_imports()))
def test_a_package_imports_only_what_its_row_allows(package):
    allowed = allowed_imports()[package]
    wrong = sorted(
        f"{module} -> {target}"
        for module, targets in import_graph().items()
        if package_of(module) == package
        for target in targets
        if package_of(target) != package and package_of(target) not in allowed
    )
    assert wrong == [], f"{package} may import only {sorted(allowed)}:\n" + "\n".join(wrong)


def test_the_errors_stay_at_the_bottom():
    # Widening these rows would let the errors import a capability again.
    table = allowed_imports()
    assert table["crmcore._i18n"] == frozenset()
    assert table["crmcore._localize"] == {"crmcore._i18n"}
    assert table["crmcore.errors"] <= {"crmcore._i18n", "crmcore._localize"}
