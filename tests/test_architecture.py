"""The architecture holds: the layers of ``[tool.importlinter]`` in pyproject.toml (``lint-imports``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sendemast

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(sendemast.__file__).resolve().parents[1]


def test_lint_imports_keeps_the_layers() -> None:
    """What ``make lint`` runs: every contract kept (the command exits 1 and names each broken import)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()",
         "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def _circles(imports: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative): each is a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(imports):
        if root in index:
            continue
        work = [(root, iter(sorted(imports[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(imports.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
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


def test_circles_are_found() -> None:
    imports = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _circles(imports) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles_between_modules() -> None:
    """No module of sendemast imports, directly or through others, a module that imports it back — imports
    inside functions count. Imports under TYPE_CHECKING do not: they are annotations, never run."""
    import grimp

    graph = grimp.build_graph("sendemast", exclude_type_checking_imports=True, cache_dir=None)
    imports = {module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules}
    circles = _circles(imports)
    lines = []
    for circle in circles:
        members = set(circle)
        lines.append(" <-> ".join(circle))
        for module in circle:
            for imported in sorted(imports[module] & members):
                for detail in graph.get_import_details(importer=module, imported=imported):
                    lines.append(f"    {module}:{detail['line_number']} {detail['line_contents']}")
    assert not circles, "import circles:\n" + "\n".join(lines)
