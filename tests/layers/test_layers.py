"""The package's shape: no import cycles, and importing kadermodel loads no heavy dependency.

The one-way layers themselves are an import-linter contract (pyproject.toml, run by
``make test``); these tests add what that contract cannot see: cycles inside a layer, and the
cost of ``import kadermodel`` for projects that merely have it installed (it is a pytest
plugin and a hypothesis entry point, so Python loads it in every such project).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
HEAVY = ("lark", "networkx", "yaml")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.Module, modules: set[str]) -> set[str]:
    """Every kadermodel module imported anywhere in ``tree`` (functions included), except in
    ``if TYPE_CHECKING:`` blocks."""
    found: set[str] = set()
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
        stack.extend(ast.iter_child_nodes(node))
    return {m for m in found if m in modules}


def import_graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in SRC.rglob("*.py")}
    modules = set(files)
    return {
        name: _imports(ast.parse(path.read_text(encoding="utf-8")), modules) - {name}
        for name, path in files.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_scanner_finds_a_planted_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_the_scanner_sees_imports_inside_functions_but_not_type_checking() -> None:
    tree = ast.parse(
        textwrap.dedent(
            """
            from typing import TYPE_CHECKING
            if TYPE_CHECKING:
                from kadermodel.api import assess
            def f():
                from kadermodel.engine import graph
            """
        )
    )
    assert _imports(tree, {"kadermodel.api", "kadermodel.engine.graph"}) == {
        "kadermodel.engine.graph"
    }


def test_no_import_cycles_in_the_package() -> None:
    assert cycles(import_graph()) == []


def _loaded_after(code: str, cwd: Path | None = None) -> list[str]:
    probe = (
        f"{code}\nimport sys\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=cwd
    )
    return list(ast.literal_eval(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "code",
    [
        "import kadermodel",
        "import kadermodel; kadermodel.__version__",
        "import hypothesis",
        "import kadermodel.testing",
        "import kadermodel.testing.plugin",
    ],
)
def test_importing_loads_no_heavy_dependency(code: str) -> None:
    assert _loaded_after(code) == []


def test_a_feature_loads_what_it_needs() -> None:
    # (The bundled kader itself may come from the cache without lark: parse a text instead.)
    code = "import kadermodel; kadermodel.parse_kader('kader a { titel \"A\" }')"
    assert "lark" in _loaded_after(code)


def test_pytest_in_an_unrelated_project_loads_no_heavy_dependency(tmp_path: Path) -> None:
    (tmp_path / "test_x.py").write_text("def test_x():\n    pass\n", encoding="utf-8")
    (tmp_path / "conftest.py").write_text(
        textwrap.dedent(
            f"""
            import sys

            def pytest_collection_finish(session):
                heavy = sorted(m for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r})
                print("HEAVY", heavy)
                print("PLUGIN", session.config.pluginmanager.has_plugin("kadermodel"))
            """
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--co", "-q", "-s", "-p", "no:cacheprovider"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert "PLUGIN True" in done.stdout, done.stdout + done.stderr
    assert "HEAVY []" in done.stdout, done.stdout + done.stderr
