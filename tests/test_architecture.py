"""The package's shape: no import cycles, no giant modules, no private names across modules,
a model that imports nothing of ours but the two leaves below it. Read from the source with the
standard library's ``ast`` (the layer contract itself is checked by ``lint-imports``, see
pyproject.toml)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src"
MAX_LINES = 500


def module_files(root: Path, package: str) -> dict[str, Path]:
    """Every module of ``package`` under ``root``: dotted name -> file."""
    modules = {}
    for path in sorted((root / package.replace(".", "/")).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def imported_names(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[str, str]]:
    """``(module, name)`` for every ``from M import name`` and ``(M, "")`` for every
    ``import M`` anywhere in the file, in functions too (a lazy import is still an edge).
    Relative imports are resolved against ``module``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ""
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield base, alias.name


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module -> the modules of ``package`` it imports (a name that is a submodule counts as
    that submodule)."""
    modules = module_files(root, package)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for target, imported in imported_names(tree, name, path.name == "__init__.py"):
            submodule = f"{target}.{imported}" if imported else ""
            if submodule in modules:
                graph[name].add(submodule)
            elif target in modules:
                graph[name].add(target)
        graph[name].discard(name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def write_package(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_checker_finds_a_cycle_and_its_members(tmp_path: Path) -> None:
    write_package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg.b import thing\n",
            "pkg/b.py": "def f():\n    from pkg import c  # lazy, still an edge\n",
            "pkg/c.py": "from . import a\n",
            "pkg/d.py": "import pkg.a\n",
        },
    )
    graph = import_graph(tmp_path, "pkg")
    assert graph["pkg.b"] == {"pkg.c"} and graph["pkg.c"] == {"pkg.a"}
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]


def test_the_checker_passes_a_layered_package(tmp_path: Path) -> None:
    write_package(
        tmp_path,
        {
            "pkg/__init__.py": "from pkg.top import run\n",
            "pkg/top.py": "from pkg.low import x\nfrom pkg.sub import helper\n",
            "pkg/sub/__init__.py": "from .leaf import helper\n",
            "pkg/sub/leaf.py": "from pkg.low import x\n",
            "pkg/low.py": "import os\n",
        },
    )
    graph = import_graph(tmp_path, "pkg")
    assert graph["pkg.sub"] == {"pkg.sub.leaf"}
    assert cycles(graph) == []


def test_no_import_cycles_among_argmap_modules() -> None:
    graph = import_graph(SOURCE, "argmap")
    assert graph.get("argmap.draw.pipeline")
    assert cycles(graph) == []


def test_the_model_imports_nothing_of_ours_but_its_frozen_data_and_conveniences() -> None:
    graph = import_graph(SOURCE, "argmap")
    assert graph["argmap.model"] == {"argmap.frozen", "argmap.conveniences"}
    assert graph["argmap.frozen"] == set()
    assert graph["argmap.conveniences"] == set()


@pytest.mark.parametrize("module", sorted(module_files(SOURCE, "argmap")))
def test_no_module_over_500_lines(module: str) -> None:
    path = module_files(SOURCE, "argmap")[module]
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(SOURCE)} has {lines} lines"


def test_no_private_name_is_imported_across_modules() -> None:
    reaches = []
    for module, path in module_files(SOURCE, "argmap").items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for target, name in imported_names(tree, module, path.name == "__init__.py"):
            private = name.startswith("_") and not name.startswith("__")
            if target.startswith("argmap") and private:
                reaches.append(f"{module} imports {target}.{name}")
    assert reaches == []
