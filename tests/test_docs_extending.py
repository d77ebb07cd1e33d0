"""docs/EXTENDING.md: every ``python`` block runs, in order, in an empty folder, and its asserts hold."""

from __future__ import annotations

import re

import pytest

from kit import paths

EXTENDING = paths.repo_root() / "docs" / "EXTENDING.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def python_blocks() -> list[str]:
    return BLOCK.findall(EXTENDING.read_text(encoding="utf-8"))


def test_the_guide_covers_the_five_extensions_with_code():
    text = EXTENDING.read_text(encoding="utf-8")
    for heading in ("A text", "A cue verb", "A codebook", "crosswalk entry", "An analysis"):
        assert re.search(rf"^## \d\. .*{heading}", text, re.M), heading
    assert len(python_blocks()) >= 6


def test_every_example_runs_in_an_empty_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "extending"}
    for number, block in enumerate(python_blocks(), start=1):
        try:
            exec(compile(block, f"{EXTENDING.name} block {number}", "exec"), namespace)
        except Exception as error:  # name the block, so the guide can be fixed where it is wrong
            pytest.fail(f"{EXTENDING.name} block {number} failed: {type(error).__name__}: {error}")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "broken.yml", "flood.md", "mfc_plus.yml", "my_cues.yml", "typo.md", "weather.yml",
    ]
