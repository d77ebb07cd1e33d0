"""Words as data: frequency tables and keywords in context (KWIC) over a Document.

Frequencies count the Document's word tokens (``kit.text.WORD_RE``), lower-cased, with an
optional stopword list shipped in ``kit/data/stopwords_en.txt``. KWIC lines follow the
concordance tradition of corpus linguistics (e.g. Sinclair 1991, *Corpus, Concordance,
Collocation*): every match with a few words of left and right context and its character span.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

from kit.errors import KitError
from kit.patterns import compile_patterns, find
from kit.text import Document, Token, accepts_text

DATA_DIR = Path(__file__).resolve().parent / "data"
POSSESSIVE_RE = re.compile(r"[’']s$")


@lru_cache(maxsize=4)
def stopwords(language: str = "en") -> frozenset[str]:
    """The kit's stopword list for ``language`` (only ``"en"`` is shipped)."""
    path = DATA_DIR / f"stopwords_{language}.txt"
    if not path.is_file():
        raise KitError(language, "no stopword list for this language", "use language='en' or add kit/data/stopwords_<code>.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


@accepts_text
def word_frequencies(doc: Document, top: int | None = 20, remove_stopwords: bool = True, min_length: int = 2) -> pd.DataFrame:
    """Most frequent words: ``word``, ``count``, ``per_1000_words``, ``first_unit``, ``first_start``, ``first_end``.

    Words are lower-cased and a possessive ``’s``/``'s`` is folded into its word ("Myanmar’s" counts
    as "myanmar"). Ties are ordered alphabetically so the table is the same on every machine.

    >>> from kit.text import from_string
    >>> word_frequencies(from_string("Drones, drones and the drone."), top=2)[["word", "count"]].values.tolist()
    [['drones', 2], ['drone', 1]]
    """
    stop = stopwords() if remove_stopwords else frozenset()
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, Token]] = {}
    for sentence in doc.sentences:
        for token in sentence.tokens:
            word = token.text.lower()
            if word not in stop:
                word = POSSESSIVE_RE.sub("", word)
            if word in stop or len(word) < min_length or word.isdigit():
                continue
            counts[word] += 1
            first.setdefault(word, (sentence.id, token))
    n_words = doc.n_words
    rows = [
        {
            "word": w,
            "count": c,
            "per_1000_words": 1000 * c / n_words if n_words else 0.0,
            "first_unit": first[w][0],
            "first_start": first[w][1].start,
            "first_end": first[w][1].end,
        }
        for w, c in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    table = pd.DataFrame(rows, columns=["word", "count", "per_1000_words", "first_unit", "first_start", "first_end"])
    return table.head(top) if top else table


@accepts_text
def kwic(doc: Document, pattern: str, window: int = 6) -> pd.DataFrame:
    """Keywords in context: one row per match of ``pattern`` in the body (the kit's pattern language).

    ``pattern`` is written as in a codebook (:mod:`kit.patterns`): ``drone*``, ``military`` (which also
    finds ``military’s``), ``fighter jet*``.

    Columns ``unit`` (sentence id), ``start``, ``end`` (of the match in ``doc.body``), ``left``,
    ``match``, ``right`` (``window`` words of context each side, within the paragraph).

    >>> from kit.text import from_string
    >>> kwic(from_string("Russia sent drones. The drone war grew."), "drone*", window=2)[["left", "match", "right"]].values.tolist()
    [['Russia sent', 'drones', '. The drone'], ['drones. The', 'drone', 'war grew']]
    """
    if not isinstance(pattern, str):
        raise KitError(repr(pattern), f"a pattern is text, got {type(pattern).__name__}", "write e.g. 'drone*' or 'rat king'")
    matches = find(doc.body, compile_patterns([pattern], where=repr(pattern)))
    rows = []
    paragraph_starts = [p.start for p in doc.paragraphs]
    current, tokens, token_starts, token_ends = None, (), [], []
    for start, end, _ in matches:
        paragraph = doc.paragraphs[bisect.bisect_right(paragraph_starts, start) - 1]
        if paragraph is not current:  # only paragraphs with a match pay for their token offsets
            current, tokens = paragraph, paragraph.tokens
            token_starts = [t.start for t in tokens]
            token_ends = [t.end for t in tokens]
        n_before = bisect.bisect_right(token_ends, start)  # tokens ending at or before the match
        first_after = bisect.bisect_left(token_starts, end)  # first token starting at or after its end
        before = tokens[max(0, n_before - window) : n_before] if window > 0 else ()
        after = tokens[first_after : first_after + max(window, 0)]
        left = doc.body[before[0].start : start].strip() if before else ""
        right = doc.body[end : after[-1].end].strip() if after else ""
        sentence = doc.sentence_at(start)
        rows.append(
            {
                "unit": sentence.id if sentence else paragraph.id,
                "start": start,
                "end": end,
                "left": left,
                "match": doc.body[start:end],
                "right": right,
            }
        )
    table = pd.DataFrame(rows, columns=["unit", "start", "end", "left", "match", "right"])
    return table.astype({"start": "int64", "end": "int64"})  # integer offsets even when nothing matched
