"""Human frame coding of a text: ``texts/annotations/<slug>_frames.csv`` read and checked against the
body it was coded on (each row may carry the fingerprint of the paragraph's words, :mod:`kit.pins`).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

from kit import paths, pins
from kit.codebook import DEFAULT_CODEBOOK, Codebook, load_codebook
from kit.errors import AnnotationError, did_you_mean_unit, suggestion
from kit.text import Document, Paragraph, load_text
from kit.tidy import typed_columns

CODING_COLUMNS = ["unit", "start", "end", "coder", "frame"]
#: The code of a unit where no frame applies, in codings (kit_coding, human coding mapped to another codebook).
NO_FRAME = "none"
HUMAN_FRAME_FILE_COLUMNS = ["unit", "primary", "secondary", "coder", "note"]
#: Optional column of a human frame file: the fingerprint of the paragraph's words when it was coded
#: (:mod:`kit.pins`), so that a coding of another version of the text is caught, not misread.
FINGERPRINT_COLUMN = "fingerprint"


def has_human_frames(slug: str) -> bool:
    """Whether ``texts/annotations/<slug>_frames.csv`` exists (lessons skip agreement when it does not)."""
    return (paths.annotations_dir() / f"{slug}_frames.csv").is_file()


def _check_field_counts(file: Path) -> None:
    """Refuse a CSV row with more fields than the header, naming its line (pandas would shift the columns)."""
    with open(file, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, skipinitialspace=True)
        header = next(reader, None)
        for row in reader:
            if header is not None and len(row) > len(header):
                raise AnnotationError(
                    f"{file}:{reader.line_num}",
                    f"{len(row)} fields where the header has {len(header)}",
                    "remove the extra commas, or put a field that contains a comma in double quotes",
                )


def _frame_file(doc: Document, path: str | Path | None) -> Path:
    return Path(path) if path is not None else paths.annotations_dir() / f"{doc.slug}_frames.csv"


def stale_frame_codings(doc: Document | str, path: str | Path | None = None) -> dict[str, AnnotationError]:
    """Rows of a human frame file that do not fit this body, each an error naming ``file:line`` and the fix,
    keyed by unit id: a paragraph id the body does not have, or a pinned paragraph whose words changed
    since it was coded (the ``fingerprint`` column, :mod:`kit.pins`). Empty when the file fits.
    """
    doc = load_text(doc)
    file = _frame_file(doc, path)
    with open(file, encoding="utf-8", newline="") as handle:
        rows = [
            (i, {str(k).strip(): (v or "").strip() for k, v in row.items() if k is not None})
            for i, row in enumerate(csv.DictReader(handle, skipinitialspace=True), start=2)
        ]
    paragraph_ids = [p.id for p in doc.paragraphs]
    stale: dict[str, AnnotationError] = {}
    for line, row in rows:
        unit_id, pin = row.get("unit", ""), row.get(FINGERPRINT_COLUMN, "")
        if unit_id in stale:
            continue
        if not pin and unit_id not in paragraph_ids:
            stale[unit_id] = AnnotationError(
                f"{file}:{line}",
                f"unknown paragraph id {unit_id!r}{did_you_mean_unit(unit_id, paragraph_ids)}",
                f"use a paragraph id of this body ({paragraph_ids[0]}..{paragraph_ids[-1]}); a coding of another "
                "version of the text needs its changed paragraphs re-coded"
                if paragraph_ids
                else "add a body",
            )
            continue
        _, moved = pins.check(doc, [f"{unit_id}{pins.PIN_MARK}{pin}" if pin else unit_id])
        if moved:
            stale[unit_id] = AnnotationError(
                f"{file}:{line}",
                f"{moved[0].problem()} since it was coded",
                f"re-code the paragraph, or {moved[0].fix(doc.slug)}",
            )
    return stale


def load_human_frames(
    slug: str | Document = "oped",
    codebook: str | Path | Codebook = DEFAULT_CODEBOOK,
    path: str | Path | None = None,
    drop_stale: bool = False,
) -> pd.DataFrame:
    """Human frame coding of a text, from ``texts/annotations/<slug>_frames.csv``.

    The file has the columns ``unit,primary,secondary,coder,note`` (unit = paragraph id;
    ``secondary`` empty or frame ids joined by ";") and optionally ``fingerprint``, the paragraph's
    fingerprint when it was coded (:mod:`kit.pins`). Returns codings for :mod:`kit.agreement`:
    ``unit``, ``start``, ``end``, ``coder``, ``frame`` (= primary), ``secondary``, ``note``, sorted by
    coder then text order. Frame ids are checked against the codebook and unit ids (and fingerprints)
    against the text; a problem raises :class:`~kit.errors.AnnotationError` naming the file, line and
    fix. ``slug`` may be a Document (an edited copy of a text keeps its slug's annotations);
    ``drop_stale=True`` leaves out the rows :func:`stale_frame_codings` lists instead of raising.
    ``path`` reads another file (for tests or a second coder's file).
    """
    _check_path_argument(path)
    doc = load_text(slug)
    cb = load_codebook(codebook)
    file = _frame_file(doc, path)
    raw = _read_frame_csv(file)
    stale = stale_frame_codings(doc, file)
    if stale and not drop_stale:
        raise next(iter(stale.values()))
    return _codings_table(_coding_rows(raw, file, doc, cb, stale))


def _check_path_argument(path: object) -> None:
    """``path`` is left out or is the path of a file."""
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise AnnotationError(
            None,
            f"path is the path of a frame coding file, got {type(path).__name__}",
            "pass e.g. path='texts/annotations/oped_frames.csv', or leave it out",
        )


def _read_frame_csv(file: Path) -> pd.DataFrame:
    """The rows of a human frame file, every field as text: a readable UTF-8 CSV file with the file's columns."""
    if not file.is_file():
        raise AnnotationError(
            file, "no frame coding file", "write it with the columns " + ",".join(HUMAN_FRAME_FILE_COLUMNS)
        )
    try:
        _check_field_counts(file)
        raw = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8", skipinitialspace=True)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise AnnotationError(file, f"not a readable UTF-8 CSV file ({problem})", "save it as UTF-8 CSV") from None
    raw.columns = [str(c).strip() for c in raw.columns]
    missing = [c for c in HUMAN_FRAME_FILE_COLUMNS if c not in raw.columns]
    if missing:
        raise AnnotationError(
            f"{file}:1", f"missing column(s) {missing}", "the header line must be " + ",".join(HUMAN_FRAME_FILE_COLUMNS)
        )
    return raw


def _coding_rows(
    raw: pd.DataFrame, file: Path, doc: Document, cb: Codebook, stale: dict[str, AnnotationError]
) -> list[dict[str, object]]:
    """One coding per row of the file, in file order, leaving out the rows of ``stale`` units."""
    units = {p.id: p for p in doc.paragraphs}
    frame_ids = set(cb.frame_ids)
    rows = []
    seen: dict[tuple[str, str], int] = {}
    for i, r in enumerate(raw.itertuples(index=False)):
        line = i + 2
        where = f"{file}:{line}"
        unit_id, primary, coder = r.unit.strip(), r.primary.strip(), r.coder.strip()
        if unit_id in stale:
            continue
        if not coder:
            raise AnnotationError(where, "the coder column is empty", "write the coder's name or initials")
        secondary = [s.strip() for s in r.secondary.split(";") if s.strip()]
        _check_frame_ids(primary, secondary, frame_ids, cb.name, where)
        _check_coded_once(unit_id, coder, seen, where)
        seen[unit_id, coder] = line
        rows.append(_coding(units[unit_id], coder, primary, secondary, r.note.strip()))
    return rows


def _coding(paragraph: Paragraph, coder: str, primary: str, secondary: list[str], note: str) -> dict[str, object]:
    """One row of the codings table: the paragraph coded, where it stands in the body, and its codes."""
    return {
        "unit": paragraph.id,
        "start": paragraph.start,
        "end": paragraph.end,
        "coder": coder,
        "frame": primary,
        "secondary": ";".join(secondary),
        "note": note,
    }


def _check_frame_ids(primary: str, secondary: list[str], frame_ids: set[str], codebook: str, where: str) -> None:
    """The primary frame and every secondary frame of a row are frames of the codebook."""
    for value, what in [(primary, "primary"), *[(s, "secondary") for s in secondary]]:
        if value not in frame_ids:
            hint = suggestion(value, sorted(frame_ids))
            raise AnnotationError(
                where,
                f"{what} frame {value!r} is not in codebook '{codebook}'",
                f"{hint}use a frame id from kit/codebooks/{codebook}.yml",
            )


def _check_coded_once(unit_id: str, coder: str, seen: dict[tuple[str, str], int], where: str) -> None:
    """No earlier row has this paragraph and coder (``seen``: (unit, coder) -> line of its row)."""
    if (unit_id, coder) in seen:
        raise AnnotationError(
            where,
            f"{unit_id} is coded twice by {coder!r} (first on line {seen[unit_id, coder]})",
            "keep one row per paragraph and coder",
        )


def _codings_table(rows: list[dict[str, object]]) -> pd.DataFrame:
    """The codings as a table for :mod:`kit.agreement`, sorted by coder then text order."""
    cols = [*CODING_COLUMNS, "secondary", "note"]
    df = pd.DataFrame(rows, columns=cols)
    df = typed_columns(df, ints=("start", "end"))
    return df.sort_values(["coder", "start"], kind="stable").reset_index(drop=True)
