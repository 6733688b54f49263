"""The layers hold: format -> engine -> outputs -> cli, data flowing one way (README, "For
developers"). A module may import its own layer and the layers below it, never one above,
and no modules import each other in a circle. Every import counts, also those written
inside functions (they hide circles, not remove them); only `if TYPE_CHECKING:` imports,
which never run, are left out of the circles (not out of the direction).

Read from the source with `ast`, so the test needs nothing imported and names the file
and line of each offending import."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cyclemap"
LAYERS = ("format", "engine", "outputs", "cli")


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = ["cyclemap", *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int | None:
    """The layer's rank (format 0 ... cli 3), or None for the package's own top modules
    (`cyclemap`, `cyclemap.start`, `cyclemap.templates`), which stand outside the layers."""
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def imports(path: Path, known: set[str], root: Path = PACKAGE) -> list[tuple[str, int, bool]]:
    """(imported module, line, only under TYPE_CHECKING) for every cyclemap import in the
    file, anywhere in it. `from a.b import c` is a module `a.b.c` when one exists, else `a.b`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    me = module_name(path, root)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for target in targets:
            while target not in known and "." in target:
                target = target.rpartition(".")[0]
            if target in known and target != me:
                found.append((target, node.lineno, id(node) in typing_only))
    return found


def import_graph(root: Path = PACKAGE) -> tuple[dict[str, list[tuple[str, int, bool]]], dict[str, Path]]:
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    known = set(files)
    return {name: imports(path, known, root) for name, path in files.items()}, files


def wrong_way(root: Path = PACKAGE) -> list[str]:
    graph, files = import_graph(root)
    return [f"{files[m].relative_to(root.parent)}:{line}: {m} ({LAYERS[layer(m)]}) imports {t} ({LAYERS[layer(t)]})"
            for m, edges in graph.items() for t, line, _ in edges
            if layer(m) is not None and layer(t) is not None and layer(t) > layer(m)]


def circles(root: Path = PACKAGE) -> list[list[str]]:
    """The strongly connected groups of modules (more than one) of the runtime imports."""
    graph, _ = import_graph(root)
    succ = {m: sorted({t for t, _, typing_only in edges if not typing_only}) for m, edges in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's algorithm
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in succ.get(v, []):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for v in sorted(succ):
        if v not in index:
            visit(v)
    return groups


def test_no_import_runs_from_a_lower_layer_to_a_higher_one():
    assert wrong_way() == []


def test_no_modules_import_each_other_in_a_circle():
    assert circles() == []


@pytest.fixture
def tree(tmp_path):
    def make(files: dict[str, str]) -> Path:
        root = tmp_path / "cyclemap"
        for name, text in {"__init__.py": "", "format/__init__.py": "", "engine/__init__.py": "",
                           "outputs/__init__.py": "", "cli/__init__.py": "", **files}.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        return root
    return make


def test_the_checks_catch_a_wrong_way_import_even_inside_a_function(tree):
    root = tree({"format/settings.py": "def f():\n    from cyclemap.engine.rules import all_rules\n",
                 "engine/rules.py": "",
                 "outputs/deliver.py": "from cyclemap.cli import usage\n", "cli/usage.py": "",
                 "engine/ok.py": "from cyclemap.format import settings\n"})
    found = wrong_way(root)
    assert len(found) == 2
    assert found[0].startswith("cyclemap/format/settings.py:2: cyclemap.format.settings (format) imports "
                               "cyclemap.engine.rules (engine)")
    assert "cyclemap/outputs/deliver.py:1:" in found[1]


def test_the_checks_catch_a_circle_but_not_a_typing_only_import(tree):
    root = tree({"outputs/client.py": "from cyclemap.outputs.dot import esc\n",
                 "outputs/dot.py": "def build():\n    from cyclemap.outputs import client\n",
                 "engine/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from cyclemap.engine.b import B\n",
                 "engine/b.py": "from cyclemap.engine import a\n"})
    assert circles(root) == [["cyclemap.outputs.client", "cyclemap.outputs.dot"]]


def test_importing_cyclemap_leaves_the_signal_handlers_alone():
    """Only the program (`cyclemap`, `python -m cyclemap`) takes over Ctrl-C; a library or a
    tool that imports cyclemap — even one whose name starts with "cyclemap" — keeps its own."""
    code = ("import signal, sys; sys.argv[0] = 'cyclemap-helper'; before = signal.getsignal(signal.SIGINT); "
            "import cyclemap, cyclemap.cli, cyclemap.engine.pipeline; "
            "print(signal.getsignal(signal.SIGINT) is before, signal.getsignal(signal.SIGTERM) == signal.SIG_DFL)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=PACKAGE.parent, timeout=60)
    assert done.stdout.split() == ["True", "True"], done.stderr
