"""What a corpus run computes for each text: the single-text functions, plus two per-text summaries.

Each analysis is named (``"frame_profile"``, ``"quotes"``, ...) and maps a :class:`~kit.text.Document`
to one tidy DataFrame. The names are what travels to the workers (functions stay here), so any
``concurrent.futures.Executor`` can run them. Per-text results are exactly what the single-text
functions give: the corpus only adds a ``text`` column.

The two summaries are new single-text functions, one row per text (the unit is the whole text, so
``unit`` is the slug, ``start`` 0 and ``end`` the length of the body):

- :func:`sentiment_summary`: the sentence scores of :func:`kit.sentiment.score` averaged over the text;
- :func:`sourcing_summary`: who speaks, from :mod:`kit.quotes` (share of quoted words, distinct
  speakers, share of officials among them).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kit.errors import KitError, WordListError, parse_yaml
from kit.framing import DEFAULT_CODEBOOK, Codebook, code, frame_profile, salience
from kit.quotes import quotes_table, voices
from kit.quotes.extraction import run_extraction
from kit.sentiment import Overrides, score
from kit.text import Document, Token, load_text

OFFICIALS_PATH = Path(__file__).resolve().parent / "officials.yml"
#: VADER's own cut-offs for a positive or negative text (Hutto & Gilbert 2014, README of vaderSentiment).
VADER_POSITIVE, VADER_NEGATIVE = 0.05, -0.05

TEXT_COLUMNS = [
    "unit",
    "start",
    "end",
    "title",
    "outlet",
    "date",
    "genre",
    "path",
    "n_paragraphs",
    "n_sentences",
    "n_words",
]
SENTIMENT_SUMMARY_COLUMNS = [
    "unit",
    "start",
    "end",
    "n_words",
    "n_sentences",
    "scored_sentences",
    "textblob_polarity",
    "textblob_subjectivity",
    "vader_compound",
    "share_positive",
    "share_negative",
]
SOURCING_COLUMNS = [
    "unit",
    "start",
    "end",
    "n_words",
    "quotes",
    "direct_quotes",
    "reported_statements",
    "quoted_words",
    "share_quoted_words",
    "speakers",
    "officials",
    "share_officials",
    "official_speakers",
]


@dataclass(frozen=True)
class Plan:
    """What to compute for every text: the analyses by name, and the data files they read.

    ``codebook``, ``overrides`` and ``cues`` are what the single-text functions take (a name or a
    path); a plan is small and picklable, so it travels to any worker.
    """

    analyses: tuple[str, ...]
    codebook: str | Codebook = DEFAULT_CODEBOOK
    overrides: str | Overrides | None = None
    cues: str | None = None

    def __post_init__(self) -> None:
        unknown = [a for a in self.analyses if a not in ANALYSES]
        if unknown:
            raise KitError(None, f"unknown corpus analysis {unknown[0]!r}", f"use some of {sorted(ANALYSES)}")


# ---------------------------------------------------------------- per-text summaries


def text_row(doc: Document) -> pd.DataFrame:
    """One row describing the text: its unit columns, metadata, size and the file it came from."""
    meta = doc.metadata
    row = {
        "unit": doc.slug,
        "start": 0,
        "end": len(doc.body),
        "title": doc.title,
        "outlet": str(meta.get("outlet", "")),
        "date": str(meta.get("date", "")),
        "genre": str(meta.get("genre", "")),
        "path": str(doc.path) if doc.path is not None else "",
        "n_paragraphs": len(doc.paragraphs),
        "n_sentences": len(doc.sentences),
        "n_words": doc.n_words,
    }
    return pd.DataFrame([row], columns=TEXT_COLUMNS)


def sentiment_summary(doc: Document | str, overrides: str | Path | Overrides | None = None) -> pd.DataFrame:
    """Sentiment of the whole text in one row, from its sentence scores (:func:`kit.sentiment.score`).

    Polarity, subjectivity and VADER compound are means over the scored sentences weighted by their
    words (as :func:`~kit.sentiment.score` does for paragraphs: VADER saturates on long texts);
    ``share_positive`` / ``share_negative`` are the shares of scored sentences with a compound of at
    least 0.05 / at most -0.05, VADER's own cut-offs. Sentences that cannot be scored (see ``reason``
    in :func:`~kit.sentiment.score`) are left out; the numbers are NaN when none can be scored.

    >>> from kit.text import from_string
    >>> s = sentiment_summary(from_string("The book was good. The book was bad. It is a book."))
    >>> s[["share_positive", "share_negative"]].values.tolist()
    [[0.3333333333333333, 0.3333333333333333]]
    """
    doc = load_text(doc)
    scores = score(doc, overrides=overrides)
    scored = scores[scores["reason"] == ""]
    weights = scored["n_words"].to_numpy(dtype=float)

    def weighted(column: str) -> float:
        return float(np.average(scored[column], weights=weights)) if weights.sum() else float("nan")

    compound = scored["vader_compound"]
    n = len(scored)
    row = {
        "unit": doc.slug,
        "start": 0,
        "end": len(doc.body),
        "n_words": doc.n_words,
        "n_sentences": len(scores),
        "scored_sentences": n,
        "textblob_polarity": weighted("textblob_polarity"),
        "textblob_subjectivity": weighted("textblob_subjectivity"),
        "vader_compound": weighted("vader_compound"),
        "share_positive": float((compound >= VADER_POSITIVE).mean()) if n else float("nan"),
        "share_negative": float((compound <= VADER_NEGATIVE).mean()) if n else float("nan"),
    }
    return pd.DataFrame([row], columns=SENTIMENT_SUMMARY_COLUMNS)


@functools.lru_cache(maxsize=4)
def _official_regex(path: str, mtime_ns: int) -> re.Pattern[str]:
    text = Path(path).read_text(encoding="utf-8")
    data = parse_yaml(text, path, WordListError, "write official_roles: followed by a list of - role lines")
    roles = data.get("official_roles") if isinstance(data, dict) else None
    if not isinstance(roles, list) or not roles or not all(isinstance(r, str) and r.strip() for r in roles):
        raise WordListError(
            path,
            "'official_roles' must be a non-empty list of words or phrases",
            "see the header of kit/corpus/officials.yml",
        )
    words = sorted({" ".join(r.lower().split()) for r in roles}, key=lambda w: (-len(w), w))
    body = "|".join(r"\s+".join(re.escape(piece) for piece in w.split()) for w in words)
    return re.compile(rf"(?<![\w\-])(?:{body})(?![\w\-])", re.IGNORECASE)


def official_roles_regex(path: str | Path | None = None) -> re.Pattern[str]:
    """The compiled role words of ``kit/corpus/officials.yml`` (or ``path``): whole words, any case."""
    p = Path(path) if path is not None else OFFICIALS_PATH
    try:
        mtime = p.stat().st_mtime_ns
    except FileNotFoundError:
        raise WordListError(
            p, "officials file not found", "restore kit/corpus/officials.yml or pass an existing path"
        ) from None
    return _official_regex(str(p), mtime)


def is_official(speaker: str, description: str = "", officials: str | Path | None = None) -> bool:
    """Whether a speaker's name or description names a public office (``kit/corpus/officials.yml``).

    >>> is_official("Vladimir Putin", "Russian President"), is_official("Jason Tower", "Country Director")
    (True, False)
    """
    return bool(official_roles_regex(officials).search(f"{speaker} {description}"))


def sourcing_summary(
    doc: Document | str, cues: str | Path | None = None, officials: str | Path | None = None
) -> pd.DataFrame:
    """Who speaks in the text, in one row: quotes, quoted words, distinct speakers, share of officials.

    ``quoted_words`` counts the text's words inside direct or mixed quotes (the sum of the
    ``quoted_words`` of :func:`kit.quotes.sentence_voices`), and ``share_quoted_words`` divides by all the text's words.
    ``speakers`` counts distinct named speakers of any quote (unattributed quotes are not a speaker);
    ``officials`` counts those whose name or description holds a role word of
    ``kit/corpus/officials.yml`` (:func:`is_official`), listed in ``official_speakers`` (";"-joined);
    ``share_officials`` is ``officials / speakers`` (NaN with no speaker). The official rule is a
    visible word list, not a judgement: read ``official_speakers`` before trusting the share.

    >>> from kit.text import from_string
    >>> doc = from_string("“We will rebuild,” Mayor Ann Lee said. Bo Tan, a baker, said the road was shut.")
    >>> sourcing_summary(doc)[["quotes", "speakers", "officials", "official_speakers"]].values.tolist()
    [[2, 2, 1, 'Ann Lee']]
    """
    doc = load_text(doc)
    found = run_extraction(doc, cues)  # the pass quotes_table and voices read, made once per text
    quotes = found.quotes
    mentions: dict[str, set[str]] = {}
    for q in quotes:
        if q.speaker:
            mentions.setdefault(q.speaker, set()).add(q.speaker_mention)
    named = sorted(mentions)
    role_words = official_roles_regex(officials)
    official = [
        name
        for name in named
        if role_words.search(f"{name} {found.descriptions.get(name, '')} {' '.join(sorted(mentions[name]))}")
    ]
    quoted_words = words_inside_spans(doc.tokens, [(q.start, q.end) for q in quotes if q.kind != "indirect"])
    direct = sum(1 for q in quotes if q.kind == "direct")
    row = {
        "unit": doc.slug,
        "start": 0,
        "end": len(doc.body),
        "n_words": doc.n_words,
        "quotes": len(quotes),
        "direct_quotes": direct,
        "reported_statements": len(quotes) - direct,
        "quoted_words": quoted_words,
        "share_quoted_words": quoted_words / doc.n_words if doc.n_words else float("nan"),
        "speakers": len(named),
        "officials": len(official),
        "share_officials": len(official) / len(named) if named else float("nan"),
        "official_speakers": "; ".join(official),
    }
    return pd.DataFrame([row], columns=SOURCING_COLUMNS)


def words_inside_spans(tokens: Sequence[Token], spans: Iterable[tuple[int, int]]) -> int:
    """Tokens lying wholly inside at least one of ``spans`` (the words ``sentence_voices`` counts as quoted).

    One sweep in reading order: a token ``[s, e)`` lies inside some span ``[a, b)`` exactly when the
    furthest end ``b`` among the spans opening at or before ``s`` reaches ``e``. Spans are sorted
    once and may overlap or nest.

    >>> from kit.text import Token
    >>> words = [Token("a", 0, 1), Token("bc", 2, 5), Token("d", 6, 7)]
    >>> words_inside_spans(words, [(3, 7), (0, 3)]), words_inside_spans(words, [(0, 7), (2, 5)]), words_inside_spans(words, [])
    (2, 3, 0)
    """
    ordered = sorted(spans)
    if not ordered:
        return 0
    count, furthest, i = 0, -1, 0
    for t in sorted(tokens, key=lambda t: t.start):
        while i < len(ordered) and ordered[i][0] <= t.start:
            furthest = max(furthest, ordered[i][1])
            i += 1
        if t.end <= furthest:
            count += 1
    return count


# ---------------------------------------------------------------- the registry

ANALYSES: dict[str, Callable[[Document, Plan], pd.DataFrame]] = {
    "texts": lambda doc, plan: text_row(doc),
    "frame_profile": lambda doc, plan: frame_profile(doc, plan.codebook),
    "frame_salience": lambda doc, plan: salience(doc, plan.codebook, unit="paragraph"),
    "frame_hits": lambda doc, plan: code(doc, plan.codebook),
    "sentiment": lambda doc, plan: score(doc, overrides=plan.overrides),
    "sentiment_summary": lambda doc, plan: sentiment_summary(doc, plan.overrides),
    "quotes": lambda doc, plan: quotes_table(doc, plan.cues),
    "voices": lambda doc, plan: voices(doc, plan.cues),
    "sourcing": lambda doc, plan: sourcing_summary(doc, plan.cues),
}


def analyse_document(doc: Document, plan: Plan) -> dict[str, pd.DataFrame]:
    """Every analysis of the plan on one Document, by name (what a worker runs for each text)."""
    return {name: ANALYSES[name](doc, plan) for name in plan.analyses}
