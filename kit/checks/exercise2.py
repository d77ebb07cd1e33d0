"""Exercise 2, extending a codebook: a valid extension, the hits it adds and removes, its spill-over."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from kit import paths
from kit.checks.feedback import Feedback, Report, describe, document_of, listing, plural
from kit.errors import KitError
from kit.framing import code, load_codebook
from kit.segment import resolve_segment
from kit.text import Document

#: The kit's own codebooks: exercise answers must never be written here.
SHIPPED_CODEBOOKS = paths.PACKAGE_DIR / "codebooks"


def _codebook_path(value: Any, report: Report) -> Path:
    if not isinstance(value, str | Path) or not str(value).strip():
        raise report.stop(f"expected the path of your YAML codebook (a str or Path); got {describe(value)}")
    path = Path(value)
    if not path.is_file():
        raise report.stop(f"no file at '{path}'", "write your YAML there first (yaml.safe_dump or Path.write_text)")
    return path


def _segment_spans(document: Document, segment: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The units a segment is defined by (as the student sees them) and its sentences' spans."""
    resolved = resolve_segment(document, segment)
    units = list(resolved.definition.get("units", resolved.sentence_ids))
    sentences = [document.unit(sid) for sid in resolved.sentence_ids]
    return units, [(s.start, s.end) for s in sentences]


def _hit_keys(hits: pd.DataFrame) -> set[tuple[int, int, str]]:
    return {(int(s), int(e), str(f)) for s, e, f in zip(hits["start"], hits["end"], hits["frame"], strict=True)}


def codebook_changes(extended: Any, base: Any = "mfc", doc: Document | str | None = None) -> pd.DataFrame:
    """Frame hits added or removed by a changed codebook: ``unit``, ``frame``, ``matched``, ``start``, ``end``,
    ``change`` ("added" | "removed"), sorted by start then frame. Hits are compared by (start, end, frame)."""
    document = document_of(doc)
    new, old = code(document, extended), code(document, base)
    rows = []
    for label, a, b in (("added", new, old), ("removed", old, new)):
        keys = _hit_keys(a) - _hit_keys(b)
        part = a[[k in keys for k in zip(a["start"].astype(int), a["end"].astype(int), a["frame"].astype(str), strict=True)]]
        rows.append(part[["unit", "frame", "matched", "start", "end"]].assign(change=label))
    out = pd.concat(rows, ignore_index=True)
    return out.sort_values(["start", "frame", "change"]).reset_index(drop=True)


def check_codebook_extension(path: Any, segment: str = "rat_king", base: Any = "mfc",
                             doc: Document | str | None = None) -> Feedback:
    """Exercise 2a: a valid codebook, outside the kit, that keeps the base frames and adds hits in the segment."""
    report = Report("Exercise 2a")
    file = _codebook_path(path, report)
    if SHIPPED_CODEBOOKS in file.resolve().parents:
        report.bad("your file is inside kit/codebooks/: write it to a temporary folder and leave the kit's "
                   "codebooks unchanged")
    try:
        extended = load_codebook(file)
    except KitError as exc:
        raise report.stop(f"the kit cannot load your codebook: {exc}") from None
    report.ok(f"it loads: {len(extended.frames)} frames")
    old = load_codebook(base)
    dropped = [f.id for f in old.frames if f.id not in {g.id for g in extended.frames}]
    if dropped:
        report.bad(f"{plural(len(dropped), 'frame')} of {old.name} {'is' if len(dropped) == 1 else 'are'} gone: "
                   f"{listing(dropped)}; extend the codebook, do not shrink it")
    document = document_of(doc)
    units, spans = _segment_spans(document, segment)
    changes = codebook_changes(file, base, document)
    added = changes[changes["change"] == "added"]
    inside = added[[any(s <= st < e for s, e in spans) for st in added["start"]]]
    if changes.empty:
        report.bad(f"your codebook codes the text exactly as {old.name} does")
    if inside.empty:
        report.bad(f"no new hit in the '{segment}' segment ({listing(units)})")
    else:
        report.ok(f"{plural(len(inside), 'new hit')} in the '{segment}' segment")
    return report.finish("add a frame (id, label, description, patterns) or patterns to a frame; words such as "
                         "the ones that mock the story are the target")


def _hit_table(value: Any, what: str, report: Report) -> pd.DataFrame:
    needed = ["unit", "frame", "start", "end"]
    if not isinstance(value, pd.DataFrame):
        raise report.stop(f"expected {what} as a DataFrame with columns {needed}; got {describe(value)}")
    missing = [c for c in needed if c not in value.columns]
    if missing:
        raise report.stop(f"expected {what} as a DataFrame with columns {needed}; got {describe(value)} "
                          f"(missing {missing})")
    return value


def check_changes(changes: Any, extended: Any, base: Any = "mfc", doc: Document | str | None = None) -> Feedback:
    """Exercise 2b: the table of hits your codebook added and removed (columns unit, frame, start, end, change)."""
    report = Report("Exercise 2b")
    table = _hit_table(changes, "changes", report)
    if "change" not in table.columns:
        raise report.stop("changes needs a 'change' column saying 'added' or 'removed' for each hit")
    file = _codebook_path(extended, report)
    truth = codebook_changes(file, base, doc)
    for label in ("added", "removed"):
        want = _hit_keys(truth[truth["change"] == label])
        try:
            got = _hit_keys(table[table["change"] == label])
        except (TypeError, ValueError):
            raise report.stop("start and end should be whole numbers") from None
        extra, lacking = got - want, want - got
        if extra:
            report.bad(f"{plural(len(extra), 'row')} marked '{label}' {'is not ' + ('an' if label[0] in 'aeiou' else 'a') if len(extra) == 1 else 'are not'} "
                       f"{label} hit{'' if len(extra) == 1 else 's'}")
        if lacking:
            report.bad(f"{plural(len(lacking), label + ' hit')} missing from your table")
        if not extra and not lacking:
            report.ok(f"all {plural(len(want), label + ' hit')}, and nothing else" if want
                      else f"no {label} hits, and none in your table")
    return report.finish("compare code(doc, 'mfc') with code(doc, your_file) on (start, end, frame)")


def check_spillover(spill: Any, extended: Any, segment: str = "rat_king", base: Any = "mfc",
                    doc: Document | str | None = None) -> Feedback:
    """Exercise 2c: the added hits that fall outside the segment (candidates for false positives)."""
    report = Report("Exercise 2c")
    table = _hit_table(spill, "spill", report)
    document = document_of(doc)
    file = _codebook_path(extended, report)
    changes = codebook_changes(file, base, document)
    units, spans = _segment_spans(document, segment)
    added = changes[changes["change"] == "added"]
    outside = added[[not any(s <= st < e for s, e in spans) for st in added["start"]]]
    want, got = _hit_keys(outside), _hit_keys(table)
    inside = got & (_hit_keys(added) - want)
    if inside:
        report.bad(f"{plural(len(inside), 'row')} of yours {'lies' if len(inside) == 1 else 'lie'} inside the "
                   f"'{segment}' segment")
    other = got - want - inside
    if other:
        report.bad(f"{plural(len(other), 'row')} of yours {'is' if len(other) == 1 else 'are'} not an added hit")
    if want - got:
        report.bad(f"{plural(len(want - got), 'added hit')} outside the segment missing from your table")
    if not report.wrong:
        report.ok(f"all {plural(len(want), 'added hit')} outside '{segment}'" if want else
                  f"your codebook adds no hit outside '{segment}', and your table is empty")
    return report.finish(f"keep the added hits whose start is not inside the units of '{segment}' ({listing(units)})")
