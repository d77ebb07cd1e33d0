"""One paragraph as the extractor reads it: its text, sentence bounds and paired quotation marks."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from kit.quotes.cues import CueSet
from kit.quotes.marks import QUOTE_CHARACTERS, Quotation, opens_with_quote, quotation_spans
from kit.quotes.model import Draft
from kit.text import Document


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

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Local start and end of the sentence holding local offset ``i``."""
        k = max(bisect_right(self.sentence_starts, i) - 1, 0)
        return self.sentence_starts[k], self.sentence_ends[k]


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
    )
