"""A corpus: many texts named by folders, globs, slugs or paths, loaded lazily (one at a time).

A :class:`Corpus` holds file paths only. Documents are loaded where the analysis runs (in a worker
process, or on a dask worker), so a corpus of 100,000 articles costs a list of paths in memory, and
nothing is pickled but paths on the way out and tables on the way back.

Sources are resolved in order and each file is kept once (by its resolved path):

- a **folder** gives its ``*.md`` files, sorted by name (not recursive; ``README.md`` is documentation
  and is left out; hidden files are ignored; any other file is reported as not a text);
- a **glob** (``texts/news/*.md``, ``archive/**/*.md``) gives the files it matches, sorted;
- a **slug** (``oped``) or a **path** to a file gives that file.

Relative folders and globs are tried from the working directory first, then from the kit's checkout
(so ``texts/news/`` works from a notebook in ``notebooks/``). Sources that give nothing usable are not
an exception: they are listed in :attr:`Corpus.problems` with one line saying what is wrong and how to
fix it, and the rest of the corpus runs.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kit import paths
from kit.errors import KitError, TextError
from kit.text import Document, load_text, resolve_text

#: File suffix of a text in the kit's format (UTF-8 Markdown with YAML front matter, texts/README.md).
TEXT_SUFFIX = ".md"
GLOB_CHARS = set("*?[")
PROBLEM_COLUMNS = ["source", "problem"]


@dataclass(frozen=True)
class Problem:
    """A source (or a file found under one) that is not used, and the kit's one-line reason."""

    source: str
    problem: str


def _is_documentation(path: Path) -> bool:
    return path.name.lower() == "readme.md"


def _folder_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    files, problems = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir() or _is_documentation(path):
            continue
        if path.suffix.lower() == TEXT_SUFFIX:
            files.append(path)
        else:
            problems.append(_not_a_text(path))
    return files, problems


def _problem(source: str | Path, where: str | Path, problem: str, fix: str) -> Problem:
    return Problem(str(source), str(TextError(where, problem, fix)))


def _not_a_text(path: Path) -> Problem:
    return _problem(
        path,
        path,
        f"not a text file ({path.suffix or 'no suffix'})",
        "texts are UTF-8 Markdown files ending in .md (texts/README.md); move other files out of the folder",
    )


def _candidates(source: str) -> list[Path]:
    """Where a relative source may live: as given (working directory), then in the kit's checkout."""
    given = Path(source).expanduser()
    return [given] if given.is_absolute() else [given, paths.repo_root() / given]


def _glob(source: str) -> list[Path]:
    for base in _candidates(source):
        found = sorted(Path(p) for p in glob.glob(str(base), recursive=True))
        if found:
            return [p for p in found if p.is_file() and not _is_documentation(p)]
    return []


def resolve_sources(sources: str | Path | Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The text files the sources name (in order, each once) and the problems met on the way."""
    if isinstance(sources, (str, Path)):
        sources = [sources]
    files: list[Path] = []
    problems: list[Problem] = []
    for source in sources:
        text = str(source)
        if any(c in GLOB_CHARS for c in text):
            found = _glob(text)
            if not found:
                fix = "check the folder and the pattern, e.g. texts/news/*.md"
                problems.append(_problem(text, text, "the pattern matches no file", fix))
            files.extend(found)
            continue
        folder = next((c for c in _candidates(text) if c.is_dir()), None)
        if folder is not None:
            found, trouble = _folder_files(folder)
            if not found and not trouble:
                fix = "put the texts (one .md file each) in the folder"
                problems.append(_problem(text, folder, "the folder holds no .md text", fix))
            files.extend(found)
            problems.extend(trouble)
            continue
        try:
            path = resolve_text(source)
        except KitError as exc:
            problems.append(Problem(text, str(exc)))
            continue
        # a file named on its own is read as load_text reads it (a bare .txt article too); only a
        # folder's files are filtered by their suffix
        files.append(path)
    seen: set[Path] = set()
    unique = []
    for path in files:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(key)
    return unique, problems


class Corpus:
    """Texts to compare, named by folders, globs, slugs or paths; loaded lazily, one at a time.

    >>> corpus = Corpus(["texts/news/", "oped"])
    >>> len(corpus) == len(list(Path("texts/news").glob("*.md"))) - 1 + 1  # the folder's texts (not its README), the op-ed
    True
    >>> corpus.paths[-1].name, len(corpus.problems)
    ('oped.md', 0)
    """

    def __init__(self, sources: str | Path | Iterable[str | Path], name: str | None = None):
        if isinstance(sources, (str, Path)):
            sources = [sources]
        self.sources: tuple[str, ...] = tuple(str(s) for s in sources)
        found, problems = resolve_sources(self.sources)
        self.paths: tuple[Path, ...] = tuple(found)
        self._problems = problems
        self.name = name or ", ".join(self.sources)

    @property
    def problems(self) -> pd.DataFrame:
        """Sources (or files under them) that are not used: ``source`` and the one-line ``problem``."""
        return pd.DataFrame([vars(p) for p in self._problems], columns=PROBLEM_COLUMNS)

    def __len__(self) -> int:
        return len(self.paths)

    def __repr__(self) -> str:
        extra = f", {len(self._problems)} problem(s)" if self._problems else ""
        return f"Corpus({self.name!r}: {len(self.paths)} text file(s){extra})"

    def documents(self) -> Iterator[Document]:
        """Load the texts one by one (a text that does not load raises its one-line TextError)."""
        for path in self.paths:
            yield load_text(path)

    def __iter__(self) -> Iterator[Document]:
        return self.documents()
