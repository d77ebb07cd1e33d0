"""Exercise 5, your own article: a text file in the kit's format, and its frame profile beside the op-ed's."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from kit import pins
from kit.checks.feedback import Feedback, Report, describe, listing, plural
from kit.errors import KitError
from kit.framing import frame_profile, load_codebook
from kit.segment import resolve_segment
from kit.text import load_text


def check_new_text(path: Any, min_paragraphs: int = 3) -> Feedback:
    """Exercise 5a: a text file in the kit's format that loads, with metadata and two segments."""
    report = Report("Exercise 5a")
    if not isinstance(path, str | Path) or not str(path).strip():
        raise report.stop(f"expected the path of your text file (a str or Path); got {describe(path)}")
    path = Path(path)
    if not path.is_file():
        raise report.stop(f"no file at '{path}'", "write your text to that path first (Path.write_text)")
    try:
        doc = load_text(path)
    except KitError as exc:
        raise report.stop(f"the kit cannot load it: {exc}") from None
    report.ok(f"it loads: {len(doc.paragraphs)} paragraphs, {len(doc.sentences)} sentences, {doc.n_words} words")
    if doc.slug == "oped" or doc.body == load_text("oped").body:
        report.bad("this is the op-ed itself; bring another article")
    meta = doc.metadata
    lacking = [k for k in ("title", "outlet", "date", "genre", "language") if not meta.get(k)]
    if "title" in lacking or meta.get("title") == path.stem.capitalize():
        lacking = sorted(set(lacking) | {"title"})
    if lacking:
        report.bad(f"front matter lacks {listing(lacking)}")
    else:
        report.ok("front matter has title, outlet, date, genre and language")
    if len(doc.paragraphs) < min_paragraphs:
        report.bad(f"the body has {len(doc.paragraphs)} paragraph(s); the lessons need at least {min_paragraphs} "
                   "(separate paragraphs with a blank line)")
    segments = meta.get("segments") or {}
    if len(segments) < 2:
        report.bad(f"{len(segments)} segment(s) defined; the comparison lesson needs two")
    known = {p.id for p in doc.paragraphs} | {s.id for s in doc.sentences}
    for name, definition in segments.items():
        units = definition.get("units", []) if isinstance(definition, Mapping) else []
        bad = [u for u in units if isinstance(u, str) and pins.split_pin(u)[0] not in known]
        if bad:
            report.bad(f"segment {name!r} names unit(s) that do not exist: {listing(bad)}")
            continue
        try:
            dropped = resolve_segment(doc, name).dropped
        except KitError as exc:
            report.bad(f"segment {name!r} does not resolve: {exc}")
            continue
        if dropped:
            report.bad(f"segment {name!r} has pinned ids whose words changed: {dropped[0]}")
    if len(segments) >= 2 and not any("segment" in w for w in report.wrong):
        report.ok(f"{len(segments)} segments: {listing(segments)}")
    return report.finish("start from the template in texts/README.md; python -m kit summary --text PATH shows "
                         "the paragraph ids")


def check_profile_comparison(comparison: Any, my_text: Any, codebook: Any = "mfc") -> Feedback:
    """Exercise 5d: frame shares of the op-ed and of your text side by side.

    ``comparison`` has one row per frame of the codebook and the columns ``frame``, ``oped`` and
    ``mine`` holding ``frame_profile(...)["share"]`` (fractions; percentages are accepted too).
    """
    report = Report("Exercise 5d")
    needed = ["frame", "oped", "mine"]
    if not isinstance(comparison, pd.DataFrame):
        raise report.stop(f"expected a DataFrame with columns {needed}; got {describe(comparison)}")
    table = comparison.reset_index() if "frame" not in comparison.columns and comparison.index.name == "frame" \
        else comparison
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise report.stop(f"expected a DataFrame with columns {needed}; got {describe(comparison)} (missing {missing})")
    frames = [f.id for f in load_codebook(codebook).frames]
    given = list(map(str, table["frame"]))
    if table.empty:
        raise report.stop(f"your table is empty; expected one row per frame of the codebook ({len(frames)})",
                          "frame_profile() already has one row per frame")
    if sorted(given) != sorted(frames):
        lacking = [f for f in frames if f not in given]
        extra = [f for f in given if f not in frames]
        parts = ([f"missing {listing(lacking)}"] if lacking else []) + ([f"unexpected {listing(extra)}"] if extra else [])
        report.bad(f"expected one row per frame of the codebook ({len(frames)}); " + "; ".join(parts or ["duplicates"]))
        return report.finish("frame_profile() already has one row per frame")
    report.ok(f"one row for each of the {len(frames)} frames")
    try:
        mine = load_text(my_text)
    except KitError as exc:
        raise report.stop(f"cannot load your text: {exc}") from None
    table = table.set_index("frame")
    for column, document in (("oped", load_text("oped")), ("mine", mine)):
        want = frame_profile(document, codebook).set_index("frame")["share"]
        got = pd.to_numeric(table[column], errors="coerce")
        scale = 100.0 if got.max(skipna=True) > 1.0 + 1e-9 else 1.0
        diff = [(f) for f in frames if not (math.isnan(want[f]) and math.isnan(got[f]))
                and not abs(got[f] / scale - want[f]) < 1e-6]
        if diff:
            report.bad(f"column {column!r}: {plural(len(diff), 'share')} {'differs' if len(diff) == 1 else 'differ'} "
                       f"from frame_profile() of {'the op-ed' if column == 'oped' else 'your text'}")
        else:
            report.ok(f"column {column!r} holds the frame shares of {'the op-ed' if column == 'oped' else 'your text'}")
    return report.finish("use frame_profile(doc)['share'] for each text, aligned on 'frame'")
