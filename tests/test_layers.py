"""The package's modules form layers: no cycle among their module-level imports.

A cycle (as when ``Doc`` lived in the pipeline that imports the registry that imported it)
makes import order matter and hides which module depends on which.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import cleanup

PACKAGE = Path(cleanup.__file__).resolve().parent


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Package modules imported at module level (imports inside functions are deferred)."""
    name = _module(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            target = f"{base}.{node.module}" if node.module else base
            for alias in node.names:  # "from . import stages" names a module
                candidate = f"{target}.{alias.name}"
                found.add(candidate if _exists(candidate) else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("cleanup"))
    return {m for m in found if m != name}


def _exists(module: str) -> bool:
    rel = Path(*module.split(".")[1:])
    return (PACKAGE / rel).with_suffix(".py").is_file() or (PACKAGE / rel / "__init__.py").is_file()


def test_module_level_imports_have_no_cycle():
    graph = {_module(p): _imports(p) for p in PACKAGE.rglob("*.py")}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None
    assert order.index("cleanup.document") < order.index("cleanup.registry") < order.index("cleanup.pipeline")


def test_modules_import_one_by_one_in_layer_order():
    """Each module imports cleanly on its own (run in order, lowest layer first)."""
    import importlib

    graph = {_module(p): _imports(p) for p in PACKAGE.rglob("*.py")}
    for module in TopologicalSorter(graph).static_order():
        if module != "cleanup.__main__":  # running it is the command line
            importlib.import_module(module)
