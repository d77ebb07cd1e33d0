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
import functools
import gc
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import pandas as pd
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from kit.errors import TextError, close_matches

DATA_DIR = Path(__file__).resolve().parent / "data"

#: Word tokens: numbers with inner separators ("2,000", "3.5"), or runs of letters/digits
#: joined by apostrophes or hyphens ("Hlaing’s", "make-shift", "Ukraine-Russia").
WORD_RE = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:[’'\-]\w+)*")

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

    def row(self) -> dict[str, Any]:
        """The sentence as a table row: unit (its id), paragraph_id, start, end, n_words, text."""
        return {
            "unit": self.id,
            "paragraph_id": self.paragraph_id,
            "start": self.start,
            "end": self.end,
            "n_words": self.n_words,
            "text": self.text,
        }


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
        rows = [s.row() for s in self.sentences]
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


def build_document(slug: str, path: Path | None, metadata: Mapping[str, Any], paragraph_texts: list[str]) -> Document:
    """A Document of these paragraphs (split into sentences and tokens), with this slug, path and metadata."""
    # A Document is millions of small objects that all live as long as it does: the cyclic
    # garbage collector would scan them again and again while they are made (about a third of the
    # build time on a long text) and find nothing to free.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _make_document(slug, path, metadata, paragraph_texts)
    finally:
        if collecting:
            gc.enable()


def _make_document(slug: str, path: Path | None, metadata: Mapping[str, Any], paragraph_texts: list[str]) -> Document:
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


def split_paragraphs(body_text: str) -> list[str]:
    """Paragraphs are separated by blank lines; lines inside a paragraph are joined by a space."""
    blocks = re.split(r"\n[ \t]*\n", body_text)
    paragraphs = []
    for block in blocks:
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if lines:
            paragraphs.append(re.sub(r"[ \t]+", " ", " ".join(lines)))
    return paragraphs


#: Invisible characters that web pages and word processors leave inside words and that mean nothing in
#: running text: zero-width space, word joiner, a byte-order mark inside the text, soft hyphen. (Zero-width
#: joiner and non-joiner are kept: emoji sequences and some scripts need them.)
_INVISIBLE_RE = re.compile("[\u200b\u2060\ufeff\u00ad]")


def normalised_text(text: str) -> str:
    r"""Text as the kit reads it: one kind of line end, invisible characters removed (``An\u200bn Lee``
    would split a name in two), Unicode NFC (``e`` + combining acute is ``é``). Offsets refer to this.

    >>> normalised_text("Me\u0301nard\u200b said\r\n")
    'Ménard said\n'
    """
    text = _INVISIBLE_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return unicodedata.normalize("NFC", text)


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
    paragraph_texts = split_paragraphs(normalised_text(text))
    metadata.setdefault("title", slug)
    return build_document(slug, None, metadata, paragraph_texts)
