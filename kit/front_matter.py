"""A text file's front matter: reading it, checking it, and naming the line of a key in a message.

A text file is UTF-8 Markdown with YAML front matter between ``---`` lines (see ``texts/README.md``).
:func:`read_front_matter` decodes the file's bytes (NFC, one kind of line end), splits the front
matter from the body and checks every key the kit understands (:data:`FRONT_MATTER_KEYS`); any
problem is one :class:`~kit.errors.TextError` naming the file, the line or byte offset, and the fix.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from kit.document import Document, normalised_text
from kit.errors import KitError, TextError, parse_yaml, unknown_key_fix

#: Front-matter keys the kit understands: key -> (allowed types, what it holds).
FRONT_MATTER_KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "title": ((str,), "headline, or a descriptive title if none was received"),
    "slug": ((str,), "short name used wherever a path is accepted (letters, digits, - and _)"),
    "outlet": ((str,), "publication that ran the text"),
    "author": ((str,), "byline"),
    "date": ((_dt.date,), "publication date, YYYY-MM-DD"),
    "genre": ((str,), "news, op-ed, feature, constructed, ..."),
    "url": ((str,), "where the text was published"),
    "language": ((str,), "ISO 639-1 code, e.g. en"),
    "dateline": ((str,), "the dateline as printed"),
    "standfirst": ((str,), "the summary under the headline (not body text)"),
    "label": ((str,), "a section label printed before the body, e.g. OP-ED"),
    "captions": ((list,), "image captions: list of {text, credit, after: paragraph id}"),
    "constructed": ((bool,), "true for teaching material written for the kit"),
    "intended_frame": ((str,), "for constructed texts: the frame the text was written to lead with"),
    "source": ((str,), "where this transcription comes from"),
    "licence": ((str,), "licence or terms of use of the text"),
    "editorial_notes": ((list,), "decisions taken when transcribing, one string each"),
    "segments": ((dict,), "named parts of the text for comparison, see kit/segment.py"),
    "attribution": ((str,), "the credit line the licence asks for (authors, outlet, licence, link)"),
    "split": ((str,), "for the development corpus: 'dev' (used to build the kit) or 'heldout' (evaluation only)"),
    "teaching_notes": ((dict,), "commentary, examples and questions about this text, keyed by lesson"),
    "actors": ((dict,), "actor groups for the voices lesson: group name -> list of names or patterns"),
}
CAPTION_KEYS = {"text", "credit", "after"}
#: The values of ``split``: texts the kit was built on (``dev``) and texts kept for evaluation (``heldout``).
SPLITS = ("dev", "heldout")
SLUG_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*\Z")  # \Z, not $: "ok\n" is no slug


def read_front_matter(path: Path, raw: bytes) -> tuple[dict[str, Any], list[str], str]:
    """A text file's bytes as (checked metadata, front-matter lines, body text).

    The bytes are decoded (:func:`_decode`), the front matter is split from the body and every key is
    checked; ``path`` only names the file in a message.
    """
    text = _decode(path, raw)
    meta, front_lines, body_text, _ = _split_front_matter(path, text)
    return _validate_metadata(path, meta, front_lines), front_lines, body_text


#: Characters a text file may not contain: C0 controls other than tab and line breaks, DEL, C1 controls.
#: They come from a wrong encoding (UTF-16 read as bytes, a binary file) or a broken copy-and-paste.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _decode(path: Path, raw: bytes) -> str:
    """The file as text: UTF-8 (a byte-order mark is dropped), line ends unified, invisible characters
    dropped, normalised to NFC (:func:`kit.document.normalised_text`).

    NFC (canonical composition) makes ``e`` + combining acute one character ``é``, as most editors
    write it, so a word is one token however the file was typed; offsets refer to the normalised text.
    A file that is not UTF-8 text (another encoding, UTF-16 without BOM, NUL or control characters) is
    refused with the byte offset of the first bad byte.
    """
    fix = "re-save the file as UTF-8 (in most editors: Save As > Encoding > UTF-8)"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TextError(path, "the file is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8", fix)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TextError(
            path, f"not UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {exc.start} (line {line})", fix
        ) from None
    bad = CONTROL_RE.search(text)
    if bad:
        offset = len(text[: bad.start()].encode("utf-8"))
        line = text.count("\n", 0, bad.start()) + 1
        code = ord(bad.group())
        if code == 0:
            utf16 = raw.count(b"\x00") * 3 > len(raw)  # ASCII in UTF-16: every other byte is NUL
            problem = f"NUL byte at byte offset {offset} (line {line})" + (
                "; the file looks like UTF-16 without a byte-order mark" if utf16 else ""
            )
        else:
            problem = f"control character U+{code:04X} at byte offset {offset} (line {line})"
        raise TextError(
            path, f"not a UTF-8 text file: {problem}", fix if code == 0 else "delete the character, or " + fix
        )
    return normalised_text(text)


def key_line(front_lines: list[str], key: str) -> int:
    """The file line (1-based) of the top-level ``key`` in the front matter, else 1.

    A plain key is found on its line; a quoted one (``"bad\tkey": 1``) through the composed YAML.
    """
    for i, line in enumerate(front_lines):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return i + 2  # 1-based, after the opening ---
    return _key_lines(front_lines).get((key,), 1)


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], list[str], str, int]:
    """Return (metadata, front-matter lines, body text, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        for i, line in enumerate(lines[:40]):
            if (
                line.strip() == "---"
                and i > 0
                and all(
                    re.match(r"^[A-Za-z_][\w\-]*\s*:", ln) or not ln.strip() or ln.startswith((" ", "-"))
                    for ln in lines[:i]
                )
            ):
                raise TextError(
                    f"{path}:1",
                    "front matter is missing its opening '---' line",
                    "add a line containing only --- at the very top of the file",
                )
        return {}, [], text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            front_lines = lines[1:i]
            break
    else:
        raise TextError(
            f"{path}:1",
            "front matter opened with '---' is never closed",
            "add a line containing only --- after the last metadata line",
        )
    meta = (
        parse_yaml(
            "\n".join(front_lines),
            path,
            TextError,
            "write one 'key: value' per line, dates as real YYYY-MM-DD dates; quote values that contain ': '",
            what="front matter is not valid YAML",
            first_line=2,
        )
        or {}
    )
    if not isinstance(meta, dict):
        raise TextError(f"{path}:2", "front matter must be a mapping of 'key: value' lines", "see texts/README.md")
    return meta, front_lines, "\n".join(lines[i + 1 :]), i + 2


def _validate_metadata(path: Path, meta: dict[str, Any], front_lines: list[str]) -> dict[str, Any]:
    meta = dict(meta)
    for key, value in meta.items():
        where = f"{path}:{key_line(front_lines, str(key))}"
        if key not in FRONT_MATTER_KEYS:
            fix = unknown_key_fix(key, FRONT_MATTER_KEYS, f"use one of: {', '.join(FRONT_MATTER_KEYS)}")
            raise TextError(where, f"unknown front-matter key '{key}'", fix + " (keys are listed in texts/README.md)")
        types, meaning = FRONT_MATTER_KEYS[key]
        if key == "date" and isinstance(value, str):
            with contextlib.suppress(ValueError):  # a wrong date is reported just below
                value = meta[key] = _dt.date.fromisoformat(value)
        if isinstance(value, _dt.datetime):
            value = meta[key] = value.date()
        if not isinstance(value, types):
            expected = " or ".join("YYYY-MM-DD date" if t is _dt.date else t.__name__ for t in types)
            raise TextError(
                where,
                f"front-matter key '{key}' should be a {expected} ({meaning}), got {value!r}",
                f"write e.g. {key}: {'2025-03-18' if key == 'date' else '...'}",
            )
    slug = meta.get("slug")
    if slug is not None and not SLUG_RE.match(slug):
        raise TextError(
            f"{path}:{key_line(front_lines, 'slug')}",
            f"slug {slug!r} contains characters other than letters, digits, - and _",
            "choose a short name such as 'oped' or 'security-report'",
        )
    split = meta.get("split")
    if split is not None and split not in SPLITS:
        raise TextError(
            f"{path}:{key_line(front_lines, 'split')}",
            f"split {split!r} is neither 'dev' nor 'heldout', so the text would be left out of both",
            "write split: dev (a text the kit is tuned on) or split: heldout (evaluation only), or drop the key",
        )
    item_lines = functools.cache(lambda: _item_lines(front_lines))  # composed again only to name a line
    for i, cap in enumerate(meta.get("captions", []) or []):
        _check_caption(path, i, cap, lambda i=i: _line(item_lines(), front_lines, "captions", i))
    for i, note in enumerate(meta.get("editorial_notes", []) or []):
        if not isinstance(note, str):
            raise TextError(
                f"{path}:{_line(item_lines(), front_lines, 'editorial_notes', i)}",
                f"editorial note {i + 1} should be text, got {_kind(note)}",
                'write each note as one quoted line: - "Moved the headline to the front matter."',
            )
    key_lines = functools.cache(lambda: _key_lines(front_lines))
    for name, segment in (meta.get("segments") or {}).items():
        _check_segment(path, name, segment, lambda keys: _deepest_line(key_lines(), keys, front_lines))
    return meta


#: Segment keys whose value is a list in front matter (the Python API also takes one string).
SEGMENT_LIST_KEYS = {"units": "p01, p03.s2", "keywords": '"drone*", "rat king*"'}


def _check_segment(path: Path, name: Any, segment: Any, line_of: Callable[[tuple[Any, ...]], int]) -> None:
    """One front-matter segment has the shape kit/segment.py reads: a name over a mapping, lists as lists."""
    if not isinstance(name, str) or not isinstance(segment, dict):
        raise TextError(
            f"{path}:{line_of(('segments', name))}",
            f"segment {name!r} should be a name with a mapping under it, got {_kind(segment)}",
            "write e.g. segments: {first_part: {description: ..., units: [p01]}} (see texts/README.md)",
        )
    for key, example in SEGMENT_LIST_KEYS.items():
        value = segment.get(key)
        if key in segment and not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
            shown = f"{key}: [{value}]" if isinstance(value, str) and value.strip() else f"{key}: [{example}]"
            raise TextError(
                f"{path}:{line_of(('segments', name, key))}",
                f"segments.{name}.{key} should be a list of {'unit ids' if key == 'units' else 'keywords'}"
                f" in square brackets, got {_kind(value)}",
                f"write {shown}",
            )


def _key_lines(front_lines: list[str]) -> dict[tuple[Any, ...], int]:
    """File lines (1-based) of every key of the front matter's nested mappings, by key path.

    ``("segments", "rat_king", "units")`` is the line of ``units:`` under ``rat_king:`` under
    ``segments:``. Composed again from the front-matter lines only to name a line in a message.
    """
    import yaml

    from kit import safe_yaml

    lines: dict[tuple[Any, ...], int] = {}
    try:
        root = safe_yaml.compose("\n".join(front_lines))
    except yaml.YAMLError:  # already parsed once; a failure here only costs the precise line
        return lines

    def walk(node: Any, prefix: tuple[Any, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = (*prefix, key.value)
                lines[here] = key.start_mark.line + 2  # +2: 1-based, after the opening ---
                walk(value, here)

    walk(root, ())
    return lines


def _deepest_line(lines: dict[tuple[Any, ...], int], keys: tuple[Any, ...], front_lines: list[str]) -> int:
    """The line of ``keys`` in the front matter, else of its longest prefix that is there."""
    text_keys = tuple(str(k) for k in keys)
    for n in range(len(text_keys), 0, -1):
        if text_keys[:n] in lines:
            return lines[text_keys[:n]]
    return key_line(front_lines, text_keys[0]) if text_keys else 1


@lru_cache(maxsize=8)
def _file_key_lines(path: str, _mtime_ns: int, _size: int) -> tuple[dict[tuple[Any, ...], int], tuple[str, ...]]:
    """The key lines of a text file's front matter (cached per version of the file)."""
    text = _decode(Path(path), Path(path).read_bytes())
    _, front_lines, _, _ = _split_front_matter(Path(path), text)
    return _key_lines(front_lines), tuple(front_lines)


def front_matter_line(doc: Document, *keys: Any) -> int | None:
    """The file line of the front-matter key at ``keys`` (a path such as ``"segments", "rat_king", "units"``),
    else of the deepest of its parents the file has; None for a text not read from a file.

    For messages: the file is read again (once per version of it), so a message can name the line.

    >>> from kit.text import load_text
    >>> front_matter_line(load_text("oped"), "segments", "rat_king") > front_matter_line(load_text("oped"), "segments")
    True
    """
    if doc.path is None:
        return None
    try:
        stat = Path(doc.path).stat()
        lines, front_lines = _file_key_lines(str(doc.path), stat.st_mtime_ns, stat.st_size)
    except (OSError, KitError):
        return None
    if not front_lines:
        return None
    return _deepest_line(lines, keys, list(front_lines))


def _kind(value: Any) -> str:
    """``value`` named for a message: its YAML type and, if short, the value itself."""
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}
    shown = repr(value)
    kind = "nothing (null)" if value is None else names.get(type(value), type(value).__name__)
    return kind if value is None or len(shown) > 40 else f"{kind} {shown}"


def _item_lines(front_lines: list[str]) -> dict[str, list[int]]:
    """File lines (1-based) of the items of each top-level list in the front matter."""
    import yaml

    from kit import safe_yaml

    lines: dict[str, list[int]] = {}
    try:
        root = safe_yaml.compose("\n".join(front_lines))
    except yaml.YAMLError:  # already parsed once; a failure here only costs the precise line
        return lines
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(value, yaml.SequenceNode):
                lines[str(key.value)] = [item.start_mark.line + 2 for item in value.value]  # +2: after the ---
    return lines


def _line(item_lines: dict[str, list[int]], front_lines: list[str], key: str, i: int) -> int:
    items = item_lines.get(key, [])
    return items[i] if i < len(items) else key_line(front_lines, key)


def _check_caption(path: Path, i: int, cap: Any, line_of: Callable[[], int]) -> None:
    def where() -> str:  # the line is looked up only for a message
        return f"{path}:{line_of()}"

    example = "write - {text: ..., credit: ..., after: p02}"
    if not isinstance(cap, dict) or "text" not in cap or "after" not in cap:
        raise TextError(where(), f"caption {i + 1} needs 'text' and 'after'", example)
    extra = set(map(str, cap)) - CAPTION_KEYS
    if extra:
        raise TextError(where(), f"caption {i + 1} has unknown key(s) {sorted(extra)}", "use text, credit, after")
    if not isinstance(cap["text"], str) or not cap["text"].strip():
        raise TextError(
            where(), f"caption {i + 1}: 'text' should be the caption's text, got {_kind(cap['text'])}", example
        )
    if cap.get("credit") is not None and not isinstance(cap["credit"], str):
        raise TextError(where(), f"caption {i + 1}: 'credit' should be text, got {_kind(cap['credit'])}", example)
    if not isinstance(cap["after"], str):
        raise TextError(
            where(),
            f"caption {i + 1}: 'after' should be one paragraph id such as p02, got {_kind(cap['after'])}",
            "write after: p02 (the paragraph the caption follows)",
        )
