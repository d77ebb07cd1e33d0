"""The Document model: a text from ``texts/`` as paragraphs, sentences and word tokens.

Every unit carries a stable id (``p03`` for a paragraph, ``p03.s2`` for its second sentence)
and exact character offsets into ``Document.body``, so ``doc.body[u.start:u.end] == u.text``
always holds and every number the kit reports can be traced back to the words behind it.

Sentences are split with NLTK's Punkt algorithm (Kiss & Strunk 2006, *Computational
Linguistics* 32(4)) run *untrained*, with an abbreviation list shipped in
``kit/data/abbreviations.txt``: nothing is downloaded (the ``punkt_tab`` model is never used),
so the same text gives the same sentences on every machine.

Text format: UTF-8 Markdown with YAML front matter; see ``texts/README.md``.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as _dt
import functools
import gc
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import pandas as pd
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from kit import paths
from kit.errors import KitError, TextError, close_matches, parse_yaml, suggestion, unknown_key_fix
from kit.recent import Recent

DATA_DIR = Path(__file__).resolve().parent / "data"

#: Word tokens: numbers with inner separators ("2,000", "3.5"), or runs of letters/digits
#: joined by apostrophes or hyphens ("Hlaing’s", "make-shift", "Ukraine-Russia").
WORD_RE = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:[’'\-]\w+)*")

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
SLUG_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")


class Token(NamedTuple):
    """A word token with its character span in the body.

    A named tuple rather than a dataclass: a long text has a million of them, and a tuple is
    made in a third less time (immutable all the same).
    """

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence: id ``pNN.sK``, its paragraph, span and word tokens."""

    id: str
    paragraph_id: str
    paragraph_index: int
    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = field(repr=False)

    @property
    def n_words(self) -> int:
        return len(self.tokens)


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: id ``pNN`` (1-based, zero-padded), span and its sentences."""

    id: str
    index: int
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...] = field(repr=False)

    # Derived from the frozen fields, so computed once (cached_property stores the value in the
    # instance's __dict__, which a frozen dataclass allows; fields, equality and repr are unchanged).
    @functools.cached_property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(t for s in self.sentences for t in s.tokens)

    @functools.cached_property
    def n_words(self) -> int:
        return sum(s.n_words for s in self.sentences)


@dataclass(frozen=True)
class Document:
    """A text as data. Build one with :func:`load_text` or :func:`from_string`.

    >>> doc = from_string("Gen. Smith spoke. “We won,” he said.", title="Demo")
    >>> [s.id for s in doc.sentences]
    ['p01.s1', 'p01.s2']
    >>> s = doc.sentences[1]; doc.body[s.start:s.end] == s.text
    True
    """

    slug: str
    path: Path | None
    metadata: Mapping[str, Any] = field(repr=False)
    body: str = field(repr=False)
    paragraphs: tuple[Paragraph, ...] = field(repr=False)

    @property
    def title(self) -> str:
        return str(self.metadata.get("title", self.slug))

    # Derived properties are computed on first use and kept (the Document is frozen, so they
    # cannot go stale): a loop that asks for doc.sentences or doc.n_words per row stays linear.
    @functools.cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)

    @functools.cached_property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(t for p in self.paragraphs for t in p.tokens)

    @functools.cached_property
    def n_words(self) -> int:
        return sum(p.n_words for p in self.paragraphs)

    @functools.cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @functools.cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def units(self, unit: str = "sentence") -> tuple[Sentence, ...] | tuple[Paragraph, ...]:
        """Return the sentences or the paragraphs (``unit`` is ``"sentence"`` or ``"paragraph"``)."""
        if unit == "sentence":
            return self.sentences
        if unit == "paragraph":
            return self.paragraphs
        raise TextError(None, f"unknown unit {unit!r}", "use unit='sentence' or unit='paragraph'")

    def unit(self, unit_id: str) -> Paragraph | Sentence:
        """Return the paragraph or sentence with this id (``p03`` or ``p03.s2``)."""
        if not isinstance(unit_id, str):
            raise TextError(self.slug, f"a unit id is text, got {type(unit_id).__name__} {unit_id!r}",
                            "use an id from doc.table() such as 'p03' or 'p03.s2'")
        index = self._index()
        if unit_id not in index:
            close = close_matches(unit_id, index, n=3)
            hint = f"did you mean {', '.join(close)}? " if close else ""
            span = f"ids run p01..{self.paragraphs[-1].id}" if self.paragraphs else "the text has no paragraphs"
            raise TextError(
                self.slug,
                f"no unit {unit_id!r} ({span})",
                f"{hint}use an id from doc.table() such as 'p03' or 'p03.s2'",
            )
        return index[unit_id]

    def _index(self) -> dict[str, Paragraph | Sentence]:
        return _unit_index(self)

    def sentence_at(self, offset: int) -> Sentence | None:
        """Return the sentence whose span contains the character ``offset`` (or None).

        A binary search over the sentence starts (sentences are in text order and do not overlap).

        >>> doc = from_string("One. Two.")
        >>> doc.sentence_at(5).id, doc.sentence_at(4)
        ('p01.s2', None)
        """
        return _unit_at(self.sentences, self._sentence_starts, offset)

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """Return the paragraph whose span contains the character ``offset`` (or None, e.g. between paragraphs)."""
        return _unit_at(self.paragraphs, self._paragraph_starts, offset)

    def table(self) -> pd.DataFrame:
        """One row per sentence: unit (the sentence id), paragraph id, start, end, n_words, text."""
        rows = [
            {
                "unit": s.id,
                "paragraph_id": s.paragraph_id,
                "start": s.start,
                "end": s.end,
                "n_words": s.n_words,
                "text": s.text,
            }
            for s in self.sentences
        ]
        return pd.DataFrame(rows, columns=["unit", "paragraph_id", "start", "end", "n_words", "text"])

    def paragraph_table(self) -> pd.DataFrame:
        """One row per paragraph: unit (the paragraph id), start, end, n_sentences, n_words, text."""
        rows = [
            {
                "unit": p.id,
                "start": p.start,
                "end": p.end,
                "n_sentences": len(p.sentences),
                "n_words": p.n_words,
                "text": p.text,
            }
            for p in self.paragraphs
        ]
        return pd.DataFrame(rows, columns=["unit", "start", "end", "n_sentences", "n_words", "text"])

    def metadata_table(self) -> pd.DataFrame:
        """The front matter as a two-column table (``key``, ``value``); lists and mappings are summarised."""
        rows = []
        for key, value in self.metadata.items():
            if isinstance(value, list):
                value = f"{len(value)} item(s)"
            elif isinstance(value, Mapping):
                value = ", ".join(str(k) for k in value)
            rows.append({"key": key, "value": str(value)})
        return pd.DataFrame(rows, columns=["key", "value"])

    def structure(self) -> pd.DataFrame:
        """The parts of the text, body and non-body, in reading order, with word counts."""
        meta = self.metadata
        rows: list[dict[str, Any]] = []

        def add(part: str, text: str, where: str) -> None:
            rows.append({"part": part, "where": where, "n_words": len(WORD_RE.findall(text)), "text": text})

        for key in ("dateline", "label", "title", "standfirst"):
            if meta.get(key):
                add(key, str(meta[key]), "front matter")
        captions = {}
        for cap in meta.get("captions", []) or []:
            captions.setdefault(cap["after"], []).append(cap)
        for p in self.paragraphs:
            n = len(p.sentences)
            add("paragraph", p.text, f"body {p.id} ({n} sentence{'' if n == 1 else 's'})")
            for cap in captions.get(p.id, []):
                credit = f" [credit: {cap['credit']}]" if cap.get("credit") else ""
                add("caption", cap["text"] + credit, f"after {p.id}")
        if meta.get("outlet"):
            add("outlet", str(meta["outlet"]), "front matter")
        return pd.DataFrame(rows, columns=["part", "where", "n_words", "text"])


def _unit_at(units: Sequence[Any], starts: list[int], offset: int) -> Any:
    """The unit of ``units`` (sorted, non-overlapping, with these ``starts``) whose span holds ``offset``."""
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < units[i].end:
        return units[i]
    return None


@lru_cache(maxsize=64)
def _unit_index(doc: Document) -> dict[str, Paragraph | Sentence]:
    index: dict[str, Paragraph | Sentence] = {}
    for p in doc.paragraphs:
        index[p.id] = p
        for s in p.sentences:
            index[s.id] = s
    return index


# Documents are hashed by identity: the metadata mapping is not hashable.
Document.__hash__ = object.__hash__  # type: ignore[method-assign]
Document.__eq__ = lambda self, other: self is other  # type: ignore[method-assign]


# ---------------------------------------------------------------- sentence splitting


def _read_list(name: str) -> list[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def sentence_splitter() -> PunktSentenceTokenizer:
    """Punkt with the kit's shipped parameters (no training data, nothing downloaded)."""
    params = PunktParameters()
    params.abbrev_types = set(_read_list("abbreviations.txt"))
    return PunktSentenceTokenizer(params)


_SENTENCE_END_RE = re.compile(r"[.?!]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences in ``text``.

    Punkt, then two repairs: a split followed by a lower-case word is undone, because a
    quotation closing after its full stop is usually followed by its cue
    (``“... the end.” he said.``), and news sentences do not start in lower case; and a piece
    with no letter or digit (the last "!" of "Not bad!!!") joins the sentence before it.
    """
    if text and not _SENTENCE_END_RE.search(text, 0, len(text) - 1) and text == text.strip():
        # Punkt only breaks after . ? or !: a text with none before its last character is one
        # sentence (a third of news paragraphs), and Punkt's set-up per call is not paid for it.
        return [(0, len(text))]
    spans = list(sentence_splitter().span_tokenize(text))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        piece = text[start:end]
        if merged and (piece[:1].islower() or not any(ch.isalnum() for ch in piece)):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Word tokens of ``text`` with spans shifted by ``offset`` (punctuation is not a token)."""
    make = tuple.__new__  # Token's own __new__ adds a Python-level call per token
    return tuple(make(Token, (m.group(), m.start() + offset, m.end() + offset)) for m in WORD_RE.finditer(text))


# ---------------------------------------------------------------- building documents


def _build(slug: str, path: Path | None, metadata: Mapping[str, Any], paragraph_texts: list[str]) -> Document:
    # A Document is millions of small objects that all live as long as it does: the cyclic
    # garbage collector would scan them again and again while they are made (about a third of the
    # build time on a long text) and find nothing to free.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build_document(slug, path, metadata, paragraph_texts)
    finally:
        if collecting:
            gc.enable()


def _build_document(slug: str, path: Path | None, metadata: Mapping[str, Any], paragraph_texts: list[str]) -> Document:
    width = max(2, len(str(len(paragraph_texts))))
    body = "\n\n".join(paragraph_texts)
    paragraphs = []
    cursor = 0
    for p_index, p_text in enumerate(paragraph_texts, start=1):
        p_id = f"p{p_index:0{width}d}"
        p_start = cursor
        sentences = []
        for s_index, (a, b) in enumerate(split_sentences(p_text), start=1):
            s_text = p_text[a:b]
            sentences.append(
                Sentence(
                    id=f"{p_id}.s{s_index}",
                    paragraph_id=p_id,
                    paragraph_index=p_index,
                    index=s_index,
                    start=p_start + a,
                    end=p_start + b,
                    text=s_text,
                    tokens=tokenize(s_text, p_start + a),
                )
            )
        paragraphs.append(Paragraph(p_id, p_index, p_start, p_start + len(p_text), p_text, tuple(sentences)))
        cursor = p_start + len(p_text) + 2
    return Document(slug, path, MappingProxyType(dict(metadata)), body, tuple(paragraphs))


def _paragraphs(body_text: str) -> list[str]:
    """Paragraphs are separated by blank lines; lines inside a paragraph are joined by a space."""
    blocks = re.split(r"\n[ \t]*\n", body_text)
    paragraphs = []
    for block in blocks:
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if lines:
            paragraphs.append(re.sub(r"[ \t]+", " ", " ".join(lines)))
    return paragraphs


def from_string(text: str, slug: str = "untitled", **metadata: Any) -> Document:
    """Build a Document from a string (paragraphs separated by blank lines), e.g. for tests.

    >>> from_string("One. Two.\\n\\nThree.").table()["unit"].tolist()
    ['p01.s1', 'p01.s2', 'p02.s1']
    """
    if not isinstance(text, str):
        raise TextError(
            None,
            f"from_string() needs a str, got {type(text).__name__}",
            "pass the text itself, e.g. from_string('One. Two.')",
        )
    paragraph_texts = _paragraphs(unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")))
    metadata.setdefault("title", slug)
    return _build(slug, None, metadata, paragraph_texts)


#: Characters a text file may not contain: C0 controls other than tab and line breaks, DEL, C1 controls.
#: They come from a wrong encoding (UTF-16 read as bytes, a binary file) or a broken copy-and-paste.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _decode(path: Path, raw: bytes) -> str:
    """The file as text: UTF-8 (a byte-order mark is dropped), line ends unified, normalised to NFC.

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
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _key_line(front_lines: list[str], key: str) -> int:
    for i, line in enumerate(front_lines):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return i + 2  # 1-based, after the opening ---
    return 1


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
        where = f"{path}:{_key_line(front_lines, str(key))}"
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
            f"{path}:{_key_line(front_lines, 'slug')}",
            f"slug {slug!r} contains characters other than letters, digits, - and _",
            "choose a short name such as 'oped' or 'security-report'",
        )
    split = meta.get("split")
    if split is not None and split not in SPLITS:
        raise TextError(
            f"{path}:{_key_line(front_lines, 'split')}",
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
    return _key_line(front_lines, text_keys[0]) if text_keys else 1


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
    return items[i] if i < len(items) else _key_line(front_lines, key)


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


def _slug_from_path(path: Path) -> str:
    return path.stem


def _title_from_path(path: Path) -> str:
    return re.sub(r"[_\-]+", " ", path.stem).strip().capitalize()


#: The last few Documents read from files, keyed by resolved path and the file's bytes (so an edited file
#: is read again, and an unchanged one is not rebuilt): the lessons of one ``kit run`` share one kernel
#: and each loads the text, which on a long text is seconds of sentence splitting every time.
_RECENT_DOCUMENTS: Recent[Document] = Recent(kept=4)


def forget_loaded_texts() -> None:
    """Drop the Documents kept from recent loads (benchmarks time a cold load with it)."""
    _RECENT_DOCUMENTS.clear()


def read_text_file(path: str | Path) -> Document:
    """Load one text file (Markdown body with optional YAML front matter) as a Document.

    A Document is immutable, so reading the same unchanged file again returns the Document already
    built (the last few are kept, compared by the file's bytes, not its modification time).
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TextError(None, f"read_text_file() needs a path, got {type(path).__name__}", "pass e.g. 'texts/oped.md'")
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TextError(path, "file not found", "check the path, or pass a slug from kit.list_texts()") from None
    except IsADirectoryError:
        raise TextError(path, "is a folder, not a text file", "pass the path of a .md file") from None
    except OSError as exc:
        raise TextError(path, f"cannot be read ({exc.strerror})", "check the file's permissions") from None
    key = (str(path.resolve()), len(raw), hashlib.blake2b(raw, digest_size=16).digest())
    return _RECENT_DOCUMENTS.get(key, lambda: _document_from_bytes(path, raw))


def _document_from_bytes(path: Path, raw: bytes) -> Document:
    text = _decode(path, raw)
    meta, front_lines, body_text, _ = _split_front_matter(path, text)
    meta = _validate_metadata(path, meta, front_lines)
    meta.setdefault("title", _title_from_path(path))
    paragraph_texts = _paragraphs(body_text)
    if not paragraph_texts or not any(WORD_RE.search(p) for p in paragraph_texts):
        raise TextError(
            path,
            "the body is empty (no words after the front matter)",
            "paste the text's paragraphs below the closing ---",
        )
    doc = _build(meta.get("slug") or _slug_from_path(path), path.resolve(), meta, paragraph_texts)
    ids = {p.id for p in doc.paragraphs}
    for cap in meta.get("captions", []) or []:
        if cap["after"] not in ids:
            raise TextError(
                f"{path}:{_key_line(front_lines, 'captions')}",
                f"caption placed after unknown paragraph {cap['after']!r}",
                f"use a paragraph id between p01 and {doc.paragraphs[-1].id}",
            )
    return doc


def _text_files() -> list[Path]:
    root = paths.texts_dir()
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.rglob("*.md")
        if p.name.lower() != "readme.md" and "annotations" not in p.relative_to(root).parts
    )


def _slug_of_file(path: Path) -> str:
    """The slug declared in the file's front matter, or the file name without extension."""
    try:
        head = path.read_text(encoding="utf-8-sig")[:4000]
    except (UnicodeDecodeError, OSError):
        return _slug_from_path(path)
    m = re.search(r"^slug:\s*['\"]?([A-Za-z0-9_\-]+)", head, re.MULTILINE) if head.startswith("---") else None
    return m.group(1) if m else _slug_from_path(path)


def list_texts() -> pd.DataFrame:
    """The texts in ``texts/``: slug, title, genre, date, constructed, path (relative), sorted by path."""
    rows = []
    for path in _text_files():
        row = {"slug": _slug_of_file(path), "path": str(path.relative_to(paths.texts_dir()))}
        try:
            doc = read_text_file(path)
            meta = doc.metadata
            row.update(
                title=doc.title,
                genre=meta.get("genre", ""),
                date=str(meta.get("date", "")),
                constructed=bool(meta.get("constructed", False)),
                n_paragraphs=len(doc.paragraphs),
                n_words=doc.n_words,
                problem="",
            )
        except KitError as exc:
            row.update(title="", genre="", date="", constructed=False, n_paragraphs=0, n_words=0, problem=str(exc))
        rows.append(row)
    cols = ["slug", "title", "genre", "date", "constructed", "n_paragraphs", "n_words", "path", "problem"]
    return pd.DataFrame(rows, columns=cols)


def resolve_text(path_or_slug: str | Path) -> Path:
    """Turn a slug (``"oped"``) or a path (``str`` or :class:`pathlib.Path`) into the path of a text file.

    A relative path is tried from the working directory, then from the checkout and from ``texts/``. A
    string may also be a slug; a ``Path`` is always a path. Anything else is one :class:`TextError`.
    """
    if isinstance(path_or_slug, bytes) or not isinstance(path_or_slug, (str, os.PathLike)):
        raise TextError(
            None,
            f"a text is named by a slug or a path, got {type(path_or_slug).__name__} {path_or_slug!r:.40}",
            "pass e.g. load_text('oped') or load_text(Path('texts/oped.md'))",
        )
    if not os.fspath(path_or_slug).strip():
        raise TextError(None, "a text is named by a slug or a path, got an empty name", "pass e.g. load_text('oped')")
    candidate = Path(path_or_slug)
    if candidate.is_file():
        return candidate
    if not candidate.is_absolute():  # relative to the checkout, whatever the working directory
        for base in (paths.repo_root(), paths.texts_dir()):
            if (base / candidate).is_file():
                return base / candidate
    files = _text_files()
    by_slug = {}
    for path in files:
        by_slug.setdefault(path.stem, path)
        by_slug[_slug_of_file(path)] = path
    name = os.fspath(path_or_slug)
    if isinstance(path_or_slug, str) and SLUG_RE.match(name) and name in by_slug:
        return by_slug[name]
    if name in by_slug:  # a Path that spells a slug: say how to ask for either
        relative = by_slug[name].relative_to(paths.repo_root()).as_posix()
        raise TextError(
            name,
            "no file at this path",
            f"'{name}' is the slug of {relative}: pass the string '{name}' or the path '{relative}'",
        )
    _refuse_folder(candidate)
    slugs = sorted({_slug_of_file(p) for p in files})
    hint = suggestion(name, slugs)
    raise TextError(
        name,
        "no such text file or slug",
        f"{hint}available texts: {', '.join(slugs) or '(none: texts/ is empty)'}",
    )


def _refuse_folder(candidate: Path) -> None:
    """One clear error when the name is a folder: say so and name the texts it holds."""
    bases = [] if candidate.is_absolute() else [paths.repo_root(), paths.texts_dir()]
    folders = [candidate] + [base / candidate for base in bases]
    folder = next((f for f in folders if f.is_dir()), None)
    if folder is None:
        return
    inside = sorted(p.name for p in folder.glob("*.md") if p.name.lower() != "readme.md")
    example = f"{os.fspath(candidate).rstrip('/')}/{inside[0]}" if inside else "texts/oped.md"
    raise TextError(
        os.fspath(candidate),
        "this is a folder, not a text file",
        f"pass one text file in it, e.g. load_text('{example}'); for every text in the folder use"
        f" kit.corpus.Corpus(['{os.fspath(candidate)}'])",
    )


def as_document(doc: Any, function: str, error: type[KitError] = TextError) -> Document:
    """``doc`` if it is a Document, a one-off Document if it is a string, else one clear error."""
    if isinstance(doc, Document):
        return doc
    if isinstance(doc, str):
        return from_string(doc)
    raise error(
        None,
        f"{function}() needs a Document (or a string), got {type(doc).__name__}",
        "load one with kit.load_text('oped') or kit.from_string('...')",
    )


def accepts_text(function: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator: the function's first argument may be a Document or a plain string."""

    @functools.wraps(function)
    def wrapper(doc: Any, *args: Any, **kwargs: Any) -> Any:
        return function(as_document(doc, function.__name__), *args, **kwargs)

    return wrapper


def load_text(path_or_slug: str | Path | Document) -> Document:
    """Load a text by slug (``"oped"``) or path (``str`` or ``Path``); a Document passes through unchanged.

    The file is read as UTF-8 and normalised to NFC (see ``texts/README.md``); any problem is one
    :class:`~kit.errors.TextError` naming the file, the line or byte offset, and the fix.

    >>> doc = load_text("oped")
    >>> doc.paragraphs[0].id, doc.sentences[0].id
    ('p01', 'p01.s1')
    """
    if isinstance(path_or_slug, Document):
        return path_or_slug
    return read_text_file(resolve_text(path_or_slug))
