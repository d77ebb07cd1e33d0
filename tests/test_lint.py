"""ruff (rules pinned in pyproject.toml) is part of the test suite, so the README's one test command
also lints the kit, the tests, the benchmarks and the notebooks."""

from __future__ import annotations

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
