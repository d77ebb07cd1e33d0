"""The human quote annotation (``texts/annotations/<slug>_quotes.yml``): its reader and its checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from kit import paths, safe_yaml
from kit.errors import AnnotationError, parse_yaml
from kit.quotes.model import KINDS
from kit.text import Document, load_text

ANNOTATION_COLUMNS = [
    "id",
    "kind",
    "unit",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_mention",
    "cue",
    "mention_kind",
    "continuation",
]
_REQUIRED_QUOTE_KEYS = ("id", "kind", "unit", "start", "end", "text", "speaker")


def annotation_path(slug: str = "oped") -> Path:
    """Where the quote annotation of text ``slug`` lives: ``texts/annotations/<slug>_quotes.yml``."""
    return paths.annotations_dir() / f"{slug}_quotes.yml"


#: Value types of the keys of a quote record: key -> (allowed types, what to write).
_QUOTE_KEY_TYPES: dict[str, tuple[tuple[type, ...], str]] = {
    "id": ((str,), "id: q01"),
    "kind": ((str,), "kind: direct"),
    "unit": ((str,), "unit: p01.s1 (the sentence id from doc.table())"),
    "start": ((int,), "start: 120 (a character offset)"),
    "end": ((int,), "end: 140 (a character offset)"),
    "text": ((str,), 'text: "the quoted words"'),
    "speaker": ((str, type(None)), "speaker: Ann Lee"),
    "speaker_mention": ((str, type(None)), "speaker_mention: she"),
    "cue": ((str, type(None)), "cue: said"),
    "mention_kind": ((str, type(None)), "mention_kind: name"),
    "speaker_type": ((str, type(None)), "speaker_type: person"),
    "role": ((str, type(None)), "role: transport minister"),
    "continuation": ((bool,), "continuation: false"),
    "note": ((str, type(None)), 'note: "why"'),
}
_TERM_KEY_TYPES = {k: _QUOTE_KEY_TYPES[k] for k in ("unit", "start", "end", "text")}
_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", type(None): "empty"}


def _read(p: Path) -> tuple[str, dict[str, Any]]:
    """The raw text and the parsed mapping of an annotation file; AnnotationError if unreadable."""
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnnotationError(
            p,
            "annotation file not found",
            f"create {p.name} in texts/annotations/ (format: texts/annotations/README.md)",
        ) from None
    except UnicodeDecodeError:
        raise AnnotationError(p, "annotation file is not UTF-8", "re-save it as UTF-8") from None
    data = parse_yaml(
        raw, p, AnnotationError, "check quoting and indentation", what="annotation file is not valid YAML"
    )
    if not isinstance(data, dict) or not isinstance(data.get("quotes"), list):
        raise AnnotationError(p, "the file needs a 'quotes' list", "see the format in texts/annotations/README.md")
    return raw, data


def _root(raw: str) -> yaml.MappingNode | None:
    """The top mapping of an annotation file's node tree (the kit's strict composer), or None."""
    try:
        root = safe_yaml.compose(raw)
    except yaml.YAMLError:
        return None
    return root if isinstance(root, yaml.MappingNode) else None


def key_line(raw: str, key: str) -> int | None:
    """The 1-based line of the top-level ``key`` of an annotation file, or None."""
    root = _root(raw)
    lines = [k.start_mark.line + 1 for k, _ in (root.value if root else []) if getattr(k, "value", None) == key]
    return lines[0] if lines else None


def record_lines(raw: str, section: str) -> list[dict[str, int]]:
    """For each record of the list ``section`` (``quotes`` or ``terms``): ``{"": line of the record,
    key: line of the key}``, 1-based, read from the YAML node tree (empty if it cannot be read)."""
    root = _root(raw)
    if root is None:
        return []
    out: list[dict[str, int]] = []
    for key, value in root.value:
        if key.value != section or not isinstance(value, yaml.SequenceNode):
            continue
        for item in value.value:
            lines = {"": item.start_mark.line + 1}
            if isinstance(item, yaml.MappingNode):
                lines.update({k.value: k.start_mark.line + 1 for k, _ in item.value if isinstance(k, yaml.ScalarNode)})
            out.append(lines)
    return out


def _line(lines: list[dict[str, int]], i: int, key: str = "") -> str:
    """``:<line>`` of record ``i`` (0-based) or of its ``key``, or ``""`` when unknown."""
    if i >= len(lines):
        return ""
    line = lines[i].get(key, lines[i][""])
    return f":{line}"


def _check_types(rec: dict[str, Any], types: dict[str, tuple[tuple[type, ...], str]], where: Any) -> None:
    """Every known key of ``rec`` holds a value of its type; ``where(key)`` names the place."""
    for key, (allowed, example) in types.items():
        if key not in rec:
            continue
        value = rec[key]
        ok = isinstance(value, allowed) and not (isinstance(value, bool) and bool not in allowed)
        if not ok:
            wanted = " or ".join(_TYPE_NAMES[t] for t in allowed)
            raise AnnotationError(
                where(key),
                f"key '{key}' must be {wanted}, got {value!r} ({type(value).__name__})",
                f"write {example}",
            )


def _quote_row(
    rec: Any, i: int, p: Path, lines: list[dict[str, int]], doc: Document, by_id: dict[str, Any], seen: set[str]
) -> dict[str, Any]:
    """One validated quote record as a table row; AnnotationError naming file, line, quote and key."""
    qid = rec.get("id") if isinstance(rec, dict) and isinstance(rec.get("id"), str) else f"#{i + 1}"

    def where(key: str = "") -> str:
        return f"{p}{_line(lines, i, key)}: quote {qid}"

    if not isinstance(rec, dict):
        raise AnnotationError(where(), "each quote must be a mapping", "write - id: q01\\n    kind: direct ...")
    missing = [k for k in _REQUIRED_QUOTE_KEYS if k not in rec]
    if missing:
        raise AnnotationError(where(), f"missing key(s) {missing}", f"add {', '.join(missing)}")
    _check_types(rec, _QUOTE_KEY_TYPES, where)
    if qid in seen:
        raise AnnotationError(where("id"), "id used twice", "give every quote its own id")
    seen.add(qid)
    if rec["kind"] not in KINDS:
        raise AnnotationError(
            where("kind"), f"kind {rec['kind']!r} is not one of {list(KINDS)}", "use direct, indirect or mixed"
        )
    body = doc.body
    start, end = rec["start"], rec["end"]
    if not 0 <= start < end <= len(body):
        raise AnnotationError(
            where("start"),
            f"start/end {start!r}/{end!r} are not offsets into the body (0..{len(body)})",
            "recompute them",
        )
    if rec["text"] != body[start:end]:
        raise _mismatch(where("text"), rec["text"], start, end, doc, "recompute the offsets from the text "
                        "(texts/annotations/make_offsets.py)")
    unit = by_id.get(rec["unit"])
    if unit is None or not unit.start <= start < unit.end:
        raise AnnotationError(
            where("unit"),
            f"unit {rec['unit']!r} is not the sentence where the quote starts",
            "use the sentence id from doc.table()",
        )
    row = {k: rec[k] for k in _REQUIRED_QUOTE_KEYS}
    row.update({k: rec.get(k) or "" for k in ("speaker", "speaker_mention", "cue", "mention_kind")})
    row["continuation"] = bool(rec.get("continuation", False))
    return {k: row[k] for k in ANNOTATION_COLUMNS}


def _term(rec: Any, i: int, p: Path, lines: list[dict[str, int]], doc: Document) -> dict[str, Any]:
    """One validated quoted-term record; AnnotationError naming file, line and key."""

    def where(key: str = "") -> str:
        return f"{p}{_line(lines, i, key)}: term {i + 1}"

    if not isinstance(rec, dict) or not {"start", "end", "text"} <= set(rec):
        raise AnnotationError(
            where(), "each term needs start, end and text", "write - {unit: ..., start: ..., end: ..., text: ...}"
        )
    _check_types(rec, _TERM_KEY_TYPES, where)
    if rec["text"] != doc.body[rec["start"] : rec["end"]]:
        raise _mismatch(where("text"), rec["text"], rec["start"], rec["end"], doc, "recompute the offsets")
    return dict(rec)


def _text_named(doc: Document) -> str:
    """The text an annotation was checked against, for a message: its slug and, if it has one, its file."""
    if doc.path is None:
        return f"text '{doc.slug}'"
    path = Path(doc.path)
    shown = path.relative_to(paths.repo_root()).as_posix() if path.is_relative_to(paths.repo_root()) else path
    return f"text '{doc.slug}' ({shown})"


def _mismatch(where: str, text: str, start: int, end: int, doc: Document, recompute: str) -> AnnotationError:
    """The annotated words are not at start..end of the body: say which body, what is there, and where the
    words are now if the body has them (the occurrence nearest the old start)."""
    found, at = [], doc.body.find(text) if text else -1
    while at >= 0:
        found.append(at)
        at = doc.body.find(text, at + 1)
    problem = (
        f"text {text[:40]!r} does not match body[{start}:{end}] of {_text_named(doc)}, "
        f"which holds {doc.body[start:end][:40]!r}"
    )
    if not found:
        return AnnotationError(where, problem + "; the words are nowhere in this body", recompute)
    new_start = min(found, key=lambda i: (abs(i - start), i))
    new_end = new_start + len(text)
    sentence = doc.sentence_at(new_start)
    unit = f" (sentence {sentence.id})" if sentence is not None else ""
    return AnnotationError(
        where,
        f"{problem}; the words are found at {new_start}..{new_end}{unit}",
        f"write start: {new_start}, end: {new_end}" + (f", unit: {sentence.id}" if sentence is not None else ""),
    )


def load_quote_annotation(
    slug: str = "oped", path: str | Path | None = None, doc: Document | None = None
) -> pd.DataFrame:
    """Read and validate a human quote annotation; one row per annotated quote, sorted by start.

    Checks every record's keys and value types, and every record against the Document
    (``text == body[start:end]``, the unit exists and contains ``start``); raises
    :class:`~kit.errors.AnnotationError` naming the file, the line, the quote id and the key.
    The annotated quoted terms are in ``table.attrs["terms"]`` (a list of dicts).
    """
    p = Path(path) if path is not None else annotation_path(slug)
    raw, data = _read(p)
    if doc is None:
        text_slug = data.get("text", slug)
        if not isinstance(text_slug, str):
            raise AnnotationError(f"{p}:{key_line(raw, 'text') or 1}", f"key 'text' must be the slug of the annotated text, "
                                  f"got {text_slug!r} ({type(text_slug).__name__})", "write text: oped")
        doc = load_text(text_slug)
    by_id = {s.id: s for s in doc.sentences}
    quote_lines, term_lines = record_lines(raw, "quotes"), record_lines(raw, "terms")
    seen: set[str] = set()
    rows = [_quote_row(rec, i, p, quote_lines, doc, by_id, seen) for i, rec in enumerate(data["quotes"])]
    terms_raw = data.get("terms")
    if terms_raw is None:  # no key, or `terms:` with nothing after it: the text has no quoted terms
        terms_raw = []
    if not isinstance(terms_raw, list):
        empty = "an empty " if not terms_raw else ""
        raise AnnotationError(
            f"{p}:{key_line(raw, 'terms') or 1}",
            f"key 'terms' must be a list, got {empty}{type(terms_raw).__name__}",
            "write terms: [] when the text has no quoted terms, or one '- {unit: ..., start: ..., end: ..., text: ...}'"
            " line per term",
        )
    terms = [_term(rec, i, p, term_lines, doc) for i, rec in enumerate(terms_raw)]
    table = pd.DataFrame(rows, columns=ANNOTATION_COLUMNS).sort_values("start", kind="stable").reset_index(drop=True)
    table.attrs["terms"] = terms
    return table
