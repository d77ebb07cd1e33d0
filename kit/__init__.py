"""media-framing-kit: sentiment, frames and voices in news texts, offline and reproducible.

One noun, the :class:`Document`, and one module per analysis; every function returns a tidy
pandas DataFrame whose rows carry unit ids and character offsets into ``Document.body``.

The table contract (checked for every public table function by ``tests/test_contract.py``):

- ``unit`` is a paragraph or sentence id (``p03``, ``p03.s2``); ``start`` and ``end`` are integer
  character offsets with ``doc.body[start:end]`` the spanned text (and equal to a ``text`` column
  where the table has one; corpus tables add ``text`` for the text's slug). ``-1`` (and unit ``""``)
  marks "no span", e.g. an actor the text never mentions.
- ``frame`` is always a codebook's frame id and ``label`` its readable name. Codings (the input of
  :mod:`kit.agreement`: ``unit``, ``coder``, ``frame``) mark a unit coded with no frame by
  ``kit.framing.NO_FRAME`` (``"none"``).
- Shares, proportions and rates run 0-1; percentages appear only where a display formats them.
- Quotes without a speaker are grouped under one constant, ``kit.quotes.UNATTRIBUTED``.
- Errors come from :mod:`kit.errors`.

>>> import kit
>>> doc = kit.load_text("oped")
>>> len(doc.paragraphs), len(doc.sentences)
(28, 46)
"""

from kit.agreement import agreement_table, cohen_kappa, confusion, krippendorff_alpha, percent_agreement
from kit.compare import ablation
from kit.errors import (
    AnnotationError,
    CodebookError,
    KitError,
    LessonError,
    OutputError,
    SegmentError,
    SentimentError,
    TextError,
    WordListError,
)
from kit.frame_validation import FrameValidation, human_agreement, validate_frames
from kit.framing import (
    Codebook,
    Frame,
    code,
    crosswalk,
    dominant_frames,
    frame_profile,
    kit_coding,
    list_codebooks,
    load_codebook,
    load_human_frames,
    salience,
    to_generic,
)
from kit.quotes import (
    Quote,
    actors,
    evaluate,
    extract,
    load_quote_annotation,
    quoted_terms,
    quotes_table,
    sentence_voices,
    speakers,
    voices,
)
from kit.segment import Segment, default_segments, resolve_segment, segments
from kit.sentiment import Overrides, disagreements, explain, load_overrides, override_effect, score
from kit.significance import difference_test
from kit.text import Document, Paragraph, Sentence, Token, from_string, list_texts, load_text
from kit.words import kwic, word_frequencies

__version__ = "0.1.0"

__all__ = [
    "AnnotationError",
    "Codebook",
    "CodebookError",
    "Document",
    "Frame",
    "FrameValidation",
    "KitError",
    "LessonError",
    "OutputError",
    "Overrides",
    "Paragraph",
    "Quote",
    "Segment",
    "SegmentError",
    "SentimentError",
    "Sentence",
    "TextError",
    "Token",
    "WordListError",
    "__version__",
    "ablation",
    "actors",
    "agreement_table",
    "code",
    "cohen_kappa",
    "confusion",
    "crosswalk",
    "default_segments",
    "difference_test",
    "disagreements",
    "dominant_frames",
    "evaluate",
    "explain",
    "extract",
    "frame_profile",
    "from_string",
    "human_agreement",
    "kit_coding",
    "krippendorff_alpha",
    "kwic",
    "list_codebooks",
    "list_texts",
    "load_codebook",
    "load_human_frames",
    "load_overrides",
    "load_quote_annotation",
    "load_text",
    "override_effect",
    "percent_agreement",
    "quoted_terms",
    "quotes_table",
    "resolve_segment",
    "salience",
    "score",
    "segments",
    "sentence_voices",
    "speakers",
    "to_generic",
    "validate_frames",
    "voices",
    "word_frequencies",
]
