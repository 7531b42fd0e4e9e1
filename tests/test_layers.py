"""The package's house rules, read from its own imports: layers flow one way, no cycles.

Each module belongs to a layer; a module may import only from layers below its own,
or from its own folder. ``casefile → engine → charts / export / ui``, with the
records, words and errors at the bottom. A private name (``_x``) is never imported
from another module, and a private module only from its own folder.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "workbook"

#: Layer of each top-level module or folder, lowest first. Same number: may not import each other.
LAYERS: dict[str, int] = {
    "errors": 0,
    "paths": 0,
    "vocabulary": 1,
    "models": 2,
    "scenario": 3,
    "cite": 3,
    "verification": 4,
    "casefile": 5,
    "engine": 6,
    "store": 7,
    "tables": 7,
    "exercises": 8,
    "charts": 9,
    "export": 9,
    "ui": 10,
    "__init__": 11,
    "__main__": 12,
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(("workbook", *parts))] = path
    return out


MODULES = _modules()


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module imported, names imported, line) for every ``workbook`` import in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "workbook" or node.module.startswith("workbook."):
                names = [a.name for a in node.names]
                # ``from workbook import charts`` imports a module
                subs = [f"{node.module}.{n}" for n in names if f"{node.module}.{n}" in MODULES]
                if subs:
                    found += [(s, [], node.lineno) for s in subs]
                else:
                    found.append((node.module, names, node.lineno))
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}:{node.lineno}: relative import; use workbook.…")
        elif isinstance(node, ast.Import):
            found += [
                (a.name, [], node.lineno) for a in node.names if a.name.startswith("workbook")
            ]
    return found


def _layer(module: str) -> tuple[str, int]:
    top = module.split(".")[1] if "." in module else "__init__"
    return top, LAYERS[top]


def test_every_module_has_a_layer() -> None:
    """A new top-level module or folder must be given a place in the house."""
    tops = {_layer(m)[0] for m in MODULES if m != "workbook"}
    assert tops <= set(LAYERS), f"give these a layer in LAYERS: {sorted(tops - set(LAYERS))}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_only_from_below_or_beside(module: str) -> None:
    """A module imports from lower layers or its own folder, never up or across."""
    if module == "workbook":
        return
    top, rank = _layer(module)
    for target, _, line in _imports(MODULES[module]):
        other, other_rank = _layer(target)
        if other == top:
            continue
        assert other_rank < rank, (
            f"{MODULES[module].name}:{line}: {module} (layer {top}={rank}) imports {target} "
            f"(layer {other}={other_rank}); imports must run down the layers"
        )


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_private_names_across_modules(module: str) -> None:
    """``_private`` names stay in their module; ``_private`` modules stay in their folder."""
    folder = module.rsplit(".", 1)[0] if MODULES[module].name != "__init__.py" else module
    for target, names, line in _imports(MODULES[module]):
        private = [n for n in names if n.startswith("_")]
        assert not private, f"{module}:{line} imports private {private} from {target}"
        leaf = target.rsplit(".", 1)
        if leaf[-1].startswith("_") and not leaf[-1].startswith("__"):
            assert leaf[0] == folder, f"{module}:{line} imports private module {target}"


def test_no_import_cycles() -> None:
    """No module imports itself through others (package ``__init__`` re-exports aside)."""
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        if path.name == "__init__.py":
            continue  # an __init__ only re-exports its own folder
        deps = set()
        for target, _, _ in _imports(path):
            if target in MODULES and MODULES[target].name != "__init__.py":
                deps.add(target)
        graph[module] = deps
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for d in sorted(graph.get(m, ())):
            if state.get(d) == 1:
                cycle = [*stack[stack.index(d) :], d]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if d not in state:
                visit(d)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


def test_the_rules_can_fail(tmp_path: Path) -> None:
    """The import reader sees an upward import (so the rules above can fail)."""
    bad = tmp_path / "bad.py"
    bad.write_text("from workbook.ui.workbench import build_workbench\n", encoding="utf-8")
    ((target, names, _),) = _imports(bad)
    assert target == "workbook.ui.workbench" and names == ["build_workbench"]
    assert _layer(target)[1] > LAYERS["engine"]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_modules_stay_small(path: Path) -> None:
    """No module grows past 450 lines (split it by what it does before then)."""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 450, f"{path.relative_to(PACKAGE)} has {lines} lines; split it"


def test_the_command_line_does_not_import_the_notebook_stack() -> None:
    """`import workbook` (what every command pays for) loads no pandas, Altair or widgets."""
    import subprocess
    import sys

    code = (
        "import sys, workbook, workbook.__main__; "
        "print(sorted(m for m in ('pandas', 'altair', 'ipywidgets') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_workbench_does_not_load_an_iri_grammar() -> None:
    """Altair's jsonschema stays below 4.25, whose rfc3987-syntax builds a grammar on import.

    That import took about 1.8 s of every kernel start before the workbench could show
    anything (pyproject.toml pins jsonschema for it).
    """
    import subprocess
    import sys

    code = (
        "import sys; from workbook.ui.workbench import build_workbench; "
        "print('rfc3987_syntax' in sys.modules, 'altair' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
