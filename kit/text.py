"""Loading a text by slug or path: the files in ``texts/``, read into a :class:`~kit.document.Document`.

This module is the loading step. The Document model and how it is built from a string (paragraphs,
sentences, word tokens) are :mod:`kit.document`; reading and checking a text file's front matter is
:mod:`kit.front_matter`. Their public names are importable from here too, so
``from kit.text import Document, from_string`` keeps working.

Text format: UTF-8 Markdown with YAML front matter; see ``texts/README.md``.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from kit import paths
from kit.document import (
    DATA_DIR,
    WORD_RE,
    Document,
    Paragraph,
    Sentence,
    Token,
    build_document,
    from_string,
    sentence_splitter,
    split_paragraphs,
    split_sentences,
    tokenize,
)
from kit.errors import KitError, TextError, suggestion
from kit.front_matter import (
    CAPTION_KEYS,
    CONTROL_RE,
    FRONT_MATTER_KEYS,
    SEGMENT_LIST_KEYS,
    SLUG_RE,
    SPLITS,
    front_matter_line,
    key_line,
    read_front_matter,
)
from kit.recent import Recent

__all__ = [
    "CAPTION_KEYS",
    "CONTROL_RE",
    "DATA_DIR",
    "FRONT_MATTER_KEYS",
    "SEGMENT_LIST_KEYS",
    "SLUG_RE",
    "SPLITS",
    "WORD_RE",
    "Document",
    "Paragraph",
    "Sentence",
    "Token",
    "accepts_text",
    "as_document",
    "build_document",
    "forget_loaded_texts",
    "from_string",
    "front_matter_line",
    "key_line",
    "list_texts",
    "load_text",
    "read_front_matter",
    "read_text_file",
    "resolve_text",
    "sentence_splitter",
    "split_paragraphs",
    "split_sentences",
    "tokenize",
]


def _slug_from_path(path: Path) -> str:
    return path.stem


def _title_from_path(path: Path) -> str:
    return re.sub(r"[_\-]+", " ", path.stem).strip().capitalize()


#: The last few Documents read from files, keyed by resolved path and the file's bytes (so an edited file
#: is read again, and an unchanged one is not rebuilt): the lessons of one ``kit run`` share one kernel
#: and each loads the text, which on a long text is seconds of sentence splitting every time.
#: How many characters of text the kept Documents may hold together (a Document takes about 40 bytes
#: per character, so about 80 MB): every article of a corpus stays loaded, a long report replaces them.
KEPT_DOCUMENT_CHARS = 2_000_000
_RECENT_DOCUMENTS: Recent[Document] = Recent(kept=256, weigh=lambda doc: len(doc.body), budget=KEPT_DOCUMENT_CHARS)


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
    meta, front_lines, body_text = read_front_matter(path, raw)
    meta.setdefault("title", _title_from_path(path))
    paragraph_texts = split_paragraphs(body_text)
    if not paragraph_texts or not any(WORD_RE.search(p) for p in paragraph_texts):
        raise TextError(
            path,
            "the body is empty (no words after the front matter)",
            "paste the text's paragraphs below the closing ---",
        )
    doc = build_document(meta.get("slug") or _slug_from_path(path), path.resolve(), meta, paragraph_texts)
    ids = {p.id for p in doc.paragraphs}
    for cap in meta.get("captions", []) or []:
        if cap["after"] not in ids:
            raise TextError(
                f"{path}:{key_line(front_lines, 'captions')}",
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
