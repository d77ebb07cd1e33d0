"""One paragraph as the extractor reads it: its text, sentence bounds and paired quotation marks."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from kit.quotes.cues import CueSet
from kit.quotes.marks import QUOTE_CHARACTERS, Quotation, opens_with_quote, quotation_spans
from kit.quotes.model import Draft
from kit.quotes.subjects import WordIndex
from kit.text import Document

_NON_SPACE = re.compile(r"\S")


@dataclass
class ParagraphView:
    """A paragraph's text (offsets local to it; ``base`` is its start in the body) and its quotations."""

    index: int
    text: str
    base: int
    sentence_starts: list[int]
    sentence_ends: list[int]
    spans: list[Quotation]
    consumed: set[int] = field(default_factory=set)  # local cue starts used by direct attributions
    attributed: dict[int, Draft] = field(default_factory=dict)  # span index -> its direct quote
    # local start of a participle clause (", calling ...") -> the reported statement it follows, whose
    # speaker it shares
    clause_owners: dict[int, Draft] = field(default_factory=dict)
    # local start of a sentence -> the latest reported statement in it with a subject of its own, whose
    # speaker a coordinated verb later in the sentence shares ("X called it ... and said ...")
    sentence_speakers: dict[int, Draft] = field(default_factory=dict)
    cues: CueSet | None = None
    _words: WordIndex | None = None
    _match_starts: dict[re.Pattern[str], list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._firsts = [sp.first for sp in self.spans]
        self._closes = [sp.close_mark for sp in self.spans if sp.close_mark >= 0]

    @property
    def words(self) -> WordIndex:
        """The paragraph's words and offsets, built on first use."""
        if self._words is None:
            self._words = WordIndex(self.text, self.cues)
        return self._words

    def match_starts(self, pattern: re.Pattern[str]) -> list[int]:
        """Ascending local starts of the matches of ``pattern`` in the paragraph (found on first use)."""
        starts = self._match_starts.get(pattern)
        if starts is None:
            starts = self._match_starts[pattern] = [m.start() for m in pattern.finditer(self.text)]
        return starts

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Local start and end of the sentence holding local offset ``i``."""
        k = max(bisect_right(self.sentence_starts, i) - 1, 0)
        return self.sentence_starts[k], self.sentence_ends[k]

    def has_text(self, a: int, b: int) -> bool:
        """Is there anything but white space in ``text[a:b]``? (Stops at the first such character.)"""
        return _NON_SPACE.search(self.text, a, max(a, b)) is not None

    def inside(self, i: int) -> bool:
        """Is local offset ``i`` inside the content of a quotation?"""
        k = bisect_right(self._firsts, i) - 1
        return k >= 0 and self.spans[k].start <= i < self.spans[k].end

    def last_close_before(self, i: int) -> int:
        """The local offset of the last closing mark before ``i``, or -1."""
        k = bisect_left(self._closes, i)
        return self._closes[k - 1] if k else -1

    def spans_from(self, a: int) -> Iterator[Quotation]:
        """The quotations from the one that may hold local offset ``a`` onwards, in order."""
        for k in range(max(bisect_right(self._firsts, a) - 1, 0), len(self.spans)):
            yield self.spans[k]


def read_paragraph(doc: Document, index: int, cues: CueSet) -> ParagraphView:
    """The :class:`ParagraphView` of paragraph ``index`` of ``doc``."""
    p = doc.paragraphs[index]
    text = p.text
    paragraphs = doc.paragraphs
    next_opens = index + 1 < len(paragraphs) and opens_with_quote(paragraphs[index + 1].text)
    has_marks = any(ch in text for ch in QUOTE_CHARACTERS)
    spans = quotation_spans(text, next_opens, cues.min_words) if has_marks else []
    return ParagraphView(
        index=index,
        text=text,
        base=p.start,
        sentence_starts=[s.start - p.start for s in p.sentences],
        sentence_ends=[s.end - p.start for s in p.sentences],
        spans=spans,
        cues=cues,
    )
