"""The human quote annotation (``texts/annotations/<slug>_quotes.yml``): its reader and its checks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kit import paths
from kit.errors import AnnotationError, parse_yaml
from kit.quotes.model import KINDS
from kit.text import Document, load_text

ANNOTATION_COLUMNS = ["id", "kind", "unit", "start", "end", "text", "speaker", "speaker_mention", "cue"]
_REQUIRED_QUOTE_KEYS = ("id", "kind", "unit", "start", "end", "text", "speaker")


def annotation_path(slug: str = "oped") -> Path:
    """Where the quote annotation of text ``slug`` lives: ``texts/annotations/<slug>_quotes.yml``."""
    return paths.annotations_dir() / f"{slug}_quotes.yml"


def load_quote_annotation(
    slug: str = "oped", path: str | Path | None = None, doc: Document | None = None
) -> pd.DataFrame:
    """Read and validate a human quote annotation; one row per annotated quote, sorted by start.

    Checks every record against the Document (``text == body[start:end]``, the unit exists and
    contains ``start``) and raises :class:`~kit.errors.AnnotationError` naming the file and quote id.
    The annotated quoted terms are in ``table.attrs["terms"]`` (a list of dicts).
    """
    p = Path(path) if path is not None else annotation_path(slug)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnnotationError(
            p, "annotation file not found", f"create {p.name} in texts/annotations/ (format: kit/quotes.py)"
        ) from None
    except UnicodeDecodeError:
        raise AnnotationError(p, "annotation file is not UTF-8", "re-save it as UTF-8") from None
    data = parse_yaml(raw, p, AnnotationError, "check quoting and indentation", what="annotation file is not valid YAML")
    if not isinstance(data, dict) or not isinstance(data.get("quotes"), list):
        raise AnnotationError(
            p, "the file needs a 'quotes' list", "see the format in kit/quotes.py (load_quote_annotation)"
        )
    if doc is None:
        text_slug = data.get("text", slug)
        if not isinstance(text_slug, str):
            raise AnnotationError(f"{p}: text", f"'text' must be a slug, got {text_slug!r}", "write text: oped")
        doc = load_text(text_slug)
    body = doc.body
    sentences = doc.sentences
    by_id = {s.id: s for s in sentences}
    rows = []
    seen: set[str] = set()
    for i, rec in enumerate(data["quotes"], start=1):
        qid = rec.get("id", f"#{i}") if isinstance(rec, dict) else f"#{i}"
        where = f"{p}: quote {qid}"
        if not isinstance(rec, dict):
            raise AnnotationError(where, "each quote must be a mapping", "write - id: q01\\n    kind: direct ...")
        missing = [k for k in _REQUIRED_QUOTE_KEYS if k not in rec]
        if missing:
            raise AnnotationError(where, f"missing key(s) {missing}", f"add {', '.join(missing)}")
        if qid in seen:
            raise AnnotationError(where, "id used twice", "give every quote its own id")
        seen.add(qid)
        if rec["kind"] not in KINDS:
            raise AnnotationError(
                where, f"kind {rec['kind']!r} is not one of {list(KINDS)}", "use direct, indirect or mixed"
            )
        start, end = rec["start"], rec["end"]
        if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(body):
            raise AnnotationError(
                where, f"start/end {start!r}/{end!r} are not offsets into the body (0..{len(body)})", "recompute them"
            )
        if rec["text"] != body[start:end]:
            raise AnnotationError(
                where,
                f"text does not match body[{start}:{end}] ({body[start:end][:40]!r}...)",
                "recompute the offsets from the text (texts/annotations/make_offsets.py)",
            )
        unit = by_id.get(rec["unit"])
        if unit is None or not unit.start <= start < unit.end:
            raise AnnotationError(
                where,
                f"unit {rec['unit']!r} is not the sentence where the quote starts",
                "use the sentence id from doc.table()",
            )
        rows.append(
            {
                k: (rec.get(k) or "") if k in ("speaker_mention", "cue", "speaker") else rec[k]
                for k in ANNOTATION_COLUMNS
            }
        )
    terms = []
    for i, rec in enumerate(data.get("terms") or [], start=1):
        where = f"{p}: term {i}"
        if not isinstance(rec, dict) or not {"start", "end", "text"} <= set(rec):
            raise AnnotationError(
                where, "each term needs start, end and text", "write - {unit: ..., start: ..., end: ..., text: ...}"
            )
        if rec["text"] != body[rec["start"] : rec["end"]]:
            raise AnnotationError(
                where, f"text {rec['text']!r} does not match body[{rec['start']}:{rec['end']}]", "recompute the offsets"
            )
        terms.append(dict(rec))
    table = pd.DataFrame(rows, columns=ANNOTATION_COLUMNS).sort_values("start", kind="stable").reset_index(drop=True)
    table.attrs["terms"] = terms
    return table


