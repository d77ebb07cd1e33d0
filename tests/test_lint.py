"""ruff (rules pinned in pyproject.toml) is part of the test suite, so the README's one test command
also lints the kit, the tests, the benchmarks and the notebooks."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from kit import paths


def _ruff() -> list[str]:
    local = Path(sys.executable).with_name("ruff")
    if local.exists():
        return [str(local)]
    found = shutil.which("ruff")
    assert found, "ruff is not installed: install the test extras (pip install -c constraints.txt -e '.[test]')"
    return [found]


def test_ruff_check_is_clean():
    root = paths.repo_root()
    targets = [d for d in ("kit", "tests", "bench", "notebooks", "exercises", "conftest.py") if (root / d).exists()]
    result = subprocess.run(
        [*_ruff(), "check", "--no-cache", *targets], cwd=root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------- no private names across modules


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _is_kit_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _kit_module_names(tree: ast.Module) -> set[str]:
    """Names that a file binds to a kit module (``import kit.x``, ``from kit import x``, ``... as y``)."""
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            bound |= {a.asname or "kit" for a in node.names if a.name.split(".")[0] == "kit"}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "kit":
            bound |= {a.asname or a.name for a in node.names if _is_kit_module(f"{node.module}.{a.name}")}
    return bound


def private_uses(source: str) -> list[tuple[int, str]]:
    """(line, use) for every private name of a kit module that ``source`` imports, reads or patches.

    Caught: ``from kit.x import _name``, ``x._name`` / ``kit.x._name`` where ``x`` is a kit module,
    and ``setattr(x, "_name", ...)`` / ``monkeypatch.setattr(x, "_name", ...)``.

    >>> private_uses("from kit import sentiment\\nsentiment._sign(1)\\nfrom kit.framing import _x")
    [(2, 'sentiment._sign'), (3, 'from kit.framing import _x')]
    >>> private_uses("import pandas as pd\\npd._libs\\nfrom kit import sentiment\\nsentiment.score")
    []
    """
    tree = ast.parse(source)
    modules = _kit_module_names(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "kit":
            found += [(node.lineno, f"from {node.module} import {a.name}") for a in node.names if _is_private(a.name)]
        elif isinstance(node, ast.Attribute) and _is_private(node.attr):
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in modules:
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "setattr":
            target, name = (node.args + [None, None])[:2]
            if (isinstance(target, ast.Name) and target.id in modules and isinstance(name, ast.Constant)
                    and isinstance(name.value, str) and _is_private(name.value)):
                found.append((node.lineno, f"setattr({target.id}, {name.value!r})"))
    return sorted(found)


def test_no_private_name_is_used_across_modules():
    """kit/, bench/ and tests/ use the public names of other kit modules (a private one may change freely)."""
    root = paths.repo_root()
    files = sorted(f for d in ("kit", "bench", "tests") for f in (root / d).rglob("*.py"))
    uses = [f"{f.relative_to(root)}:{line}: {use}" for f in files for line, use in private_uses(f.read_text("utf-8"))]
    assert uses == [], "give these a public name or test through the public API:\n" + "\n".join(uses)
