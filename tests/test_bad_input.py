"""Hostile and malformed input (issue 10): each finding is one row with the one-line message it must get.

A row names the kind of file, its content (text or bytes) and a regular expression the message must
match; the file is written to a temporary folder as ``bad.<ext>`` and loaded the way the kit loads that
kind of file. Every message is one line, names the file (and line where there is one) and says the fix.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from kit.errors import KitError
from kit.framing import load_codebook
from kit.sentiment import load_overrides
from kit.text import load_text


@dataclass(frozen=True)
class Bad:
    id: str
    kind: str  # "text", "codebook" or "overrides"
    content: str | bytes
    message: str  # a regular expression the one-line message must match


def _front(*lines: str, body: str = "Body text here.") -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def _laughs(key: str, depth: int = 9) -> str:
    """A "billion laughs" value under ``key``: each level holds ten aliases of the one before."""
    lines = [f'{key}: &a0 ["lol"]']
    for i in range(1, depth):
        lines.append(f"x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines)


CODEBOOK = """\
name: toy
version: "1"
description: A toy codebook.
source: tests
citation: none
licence: MIT
frames:
  - id: war
    label: War
    description: Armed conflict.
    patterns: [drone*]
"""
OVERRIDES = "name: toy\ndescription: d\nsource: s\ncitation: c\nlicence: MIT\nvader:\n  attack: 0.0\n"

ROWS = [
    # ---- YAML that cannot hurt: aliases, duplicate keys, value errors on the right line
    Bad(
        "text-alias-bomb",
        "text",
        _front("title: t", "editorial_notes: [x]", _laughs("y0")),
        r"bad\.md:4: front matter is not valid YAML \(found anchor 'a0'.*Fix: write the value out in full",
    ),
    Bad("text-alias-only", "text", _front("title: &t T", "standfirst: *t"), r"bad\.md:2: .*found anchor 't'"),
    Bad(
        "text-duplicate-title",
        "text",
        _front("title: first", "outlet: o", "title: second"),
        r"bad\.md:4: .*duplicate key 'title', first on line 2\)\. Fix: keep one",
    ),
    Bad(
        "text-impossible-date-line",
        "text",
        _front("title: t", "date: 2025-02-30"),
        r"bad\.md:3: .*'2025-02-30' cannot be read \(day is out of range for month\)",
    ),
    Bad(
        "codebook-alias-citation",
        "codebook",
        CODEBOOK.replace("citation: none", _laughs("citation")),
        r"bad\.yml:5: .*found anchor 'a0'",
    ),
    Bad(
        "codebook-duplicate-patterns",
        "codebook",
        CODEBOOK + "    patterns: [jet*]\n",
        r"bad\.yml:12: .*duplicate key 'patterns', first on line 11",
    ),
    Bad(
        "overrides-duplicate-word",
        "overrides",
        OVERRIDES + "  attack: -1.0\n",
        r"bad\.yml:8: .*duplicate key 'attack', first on line 7",
    ),
    Bad(
        "overrides-name-not-text",
        "overrides",
        OVERRIDES.replace("name: toy", "name: 5"),
        r"bad\.yml:1: key 'name' should be text .*got int 5\. Fix: write it as text in quotes",
    ),
]

LOADERS = {"text": (load_text, "md"), "codebook": (load_codebook, "yml"), "overrides": (load_overrides, "yml")}


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_bad_input_gets_one_line_naming_file_and_fix(row, tmp_path):
    load, ext = LOADERS[row.kind]
    path = tmp_path / f"bad.{ext}"
    if isinstance(row.content, bytes):
        path.write_bytes(row.content)
    else:
        path.write_text(row.content, encoding="utf-8")
    t0 = time.perf_counter()
    with pytest.raises(KitError) as info:
        load(path)
    message = str(info.value)
    assert "\n" not in message, "one line"
    assert str(path) in message, "names the file"
    assert "Fix: " in message and info.value.fix, "says the fix"
    assert re.search(row.message, message), f"{message!r} does not match {row.message!r}"
    # a generous bound, not a timing assertion: an expanded alias bomb takes minutes and gigabytes
    assert time.perf_counter() - t0 < 30


def test_the_input_files_are_left_untouched(tmp_path):
    path = tmp_path / "bad.md"
    content = ROWS[0].content
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KitError):
        load_text(path)
    assert Path(path).read_text(encoding="utf-8") == content
