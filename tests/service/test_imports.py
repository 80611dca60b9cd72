"""The service's modules import at module level only, and never in a circle.

Every module's imports are read with `ast`. An import inside a function body fails the test (one under
`if TYPE_CHECKING:` is allowed: it never runs): such an import hides a dependency, usually one that dodges a
cycle, and a helper that needs it lives in the wrong module. Any cycle between service modules fails too: the
import graph's strongly connected components must all be single modules.

Importing by a name built at run time (`importlib.import_module`, `__import__`) fails as well: it hides a
dependency from this graph as surely as an import in a function does.

One shape is allowed, Flask's large-application pattern: a package's `__init__` makes `bp` and then imports the
modules that register their routes on it (which import `bp` back). Those imports of a package's own submodules,
written after `bp = ...`, are left out of the graph; any other import of `__init__` counts.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO_ROOT

Graph = dict[str, set[str]]


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    line: int
    names: tuple[tuple[str, str], ...]  # per name: (what it is if a module, else the module it comes from)
    in_function: bool
    blueprint_registration: bool  # a package's __init__ importing its own submodule after making `bp`

    def targets(self, modules: dict[str, Path]) -> set[str]:
        """The modules of `modules` this statement runs. A parent package runs before any of its submodules
        whoever imports them, so `from .. import signals` depends on service.signals, not on `service`."""
        return {name if name in modules else source for name, source in self.names} & set(modules)


def modules_under(root: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the package at `root`."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported_from(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module if is_package else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        base = base.rpartition(".")[0]
    return f"{base}.{node.module}" if node.module else base


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _bp_line(tree: ast.Module) -> int | None:
    """The line where a package's __init__ makes its blueprint (`bp = ...`), if it does."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "bp" for t in node.targets):
            return node.lineno
    return None


def imports_of(module: str, path: Path) -> Iterator[Import]:
    """Every import statement of a module that runs (those under `if TYPE_CHECKING:` never do)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    is_package = path.name == "__init__.py"
    bp_line = _bp_line(tree) if is_package else None

    def visit(node: ast.AST, in_function: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for branch in child.orelse:
                    yield from visit(branch, in_function)
                continue
            if isinstance(child, ast.Import):
                names = tuple((alias.name, alias.name) for alias in child.names)
                yield Import(module, child.lineno, names, in_function, False)
            elif isinstance(child, ast.ImportFrom):
                source = _imported_from(child, module, is_package)
                names = tuple((f"{source}.{alias.name}", source) for alias in child.names)
                own_submodule = child.level == 1 and child.module is None
                registration = (own_submodule and not in_function and bp_line is not None
                                and child.lineno > bp_line)
                yield Import(module, child.lineno, names, in_function, registration)
            else:
                inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                yield from visit(child, inside)

    yield from visit(tree, False)


def import_graph(modules: dict[str, Path]) -> tuple[Graph, list[Import]]:
    """Module -> the modules of the package it imports, leaving out blueprint registration; and every import."""
    graph: Graph = {name: set() for name in modules}
    every: list[Import] = []
    for name, path in modules.items():
        for found in imports_of(name, path):
            every.append(found)
            if not found.blueprint_registration:
                graph[name] |= found.targets(modules)
    return graph, every


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected components of more than one module, or of one that imports itself (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for following in sorted(graph[node]):
            if following not in index:
                connect(following)
                low[node] = min(low[node], low[following])
            elif following in on_stack:
                low[node] = min(low[node], index[following])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph[node]:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def imports_at_run_time(modules: dict[str, Path]) -> list[str]:
    """Where a module imports by a name it builds at run time."""
    found = []
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            called = node.func if isinstance(node, ast.Call) else None
            if (isinstance(called, ast.Attribute) and called.attr == "import_module") or (
                    isinstance(called, ast.Name) and called.id in {"__import__", "import_module"}):
                found.append(f"{name}:{node.lineno}")
    return found


def function_level(every: list[Import]) -> list[str]:
    return [f"{found.module}:{found.line} imports {found.names[0][0]}" for found in every if found.in_function]


SERVICE = modules_under(REPO_ROOT / "service", "service")


def test_no_service_module_imports_inside_a_function():
    _, every = import_graph(SERVICE)
    assert function_level(every) == []


def test_no_service_module_imports_a_module_named_at_run_time():
    assert imports_at_run_time(SERVICE) == []


def test_service_modules_import_one_another_without_a_cycle():
    graph, _ = import_graph(SERVICE)
    assert cycles(graph) == []


def test_the_graph_holds_the_services_real_dependencies():
    """The graph the checks read is the real one: a route module depends on its blueprint's package and the
    HTTP layer, the app on every concern, and the blueprints' registration edges are the only ones left out."""
    graph, every = import_graph(SERVICE)
    assert {"service.comments", "service.http.posted_fields", "service.signals"} <= graph["service.comments.views"]
    assert {"service.admin", "service.board", "service.comments", "service.events"} <= graph["service"]
    left_out = {(found.module, target) for found in every if found.blueprint_registration
                for target in found.targets(SERVICE)}
    assert ("service.comments", "service.comments.views") in left_out
    assert all(target.startswith(f"{package}.") for package, target in left_out)


def write_package(root: Path, files: dict[str, str]) -> dict[str, Path]:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return modules_under(root, "pkg")


def test_an_import_inside_a_function_is_found_and_one_for_type_checking_is_not(tmp_path):
    modules = write_package(tmp_path, {
        "__init__.py": "",
        "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import b\n"
                "def f():\n    from . import b\n    return b\n",
        "b.py": "class C:\n    def m(self):\n        import json\n",
        "c.py": "import importlib\nmodule = importlib.import_module('pkg.a')\n",
    })
    _, every = import_graph(modules)
    assert function_level(every) == ["pkg.a:5 imports pkg.b", "pkg.b:3 imports json"]
    assert imports_at_run_time(modules) == ["pkg.c:2"]


def test_a_cycle_is_found_and_the_blueprint_pattern_is_not_one(tmp_path):
    modules = write_package(tmp_path, {
        "__init__.py": "",
        "a.py": "from .b import x\n",
        "b.py": "from . import c\nx = 1\n",
        "c.py": "from .a import x\n",
        "concern/__init__.py": "from flask import Blueprint\nbp = Blueprint('concern', __name__)\n"
                               "from . import views\n",
        "concern/views.py": "from . import bp\n",
        "early/__init__.py": "from . import views\nbp = 1\n",
        "early/views.py": "from . import bp\n",
    })
    graph, _ = import_graph(modules)
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.c"], ["pkg.early", "pkg.early.views"]]
