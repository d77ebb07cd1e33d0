"""The results of quote extraction (:class:`Quote`), the table columns, and a quote being built (:class:`Draft`)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

#: The kinds of speech the extractor finds and the annotations code.
KINDS = ("direct", "indirect", "mixed")

#: The speaker shown for speech the kit could not attribute (the one constant every table uses).
UNATTRIBUTED = "(unattributed)"

#: The speaker of a pronoun the text leaves ambiguous (two people agree with it): said, not guessed.
UNRESOLVED = "(unresolved)"


@dataclass(frozen=True)
class Quote:
    """One quote or reported statement, with the spans of its content, speaker mention and cue.

    Offsets are into ``Document.body``; ``-1`` marks a missing mention or cue.
    """

    kind: str
    text: str
    start: int
    end: int
    speaker: str
    speaker_mention: str
    mention_start: int
    mention_end: int
    cue: str
    cue_start: int
    cue_end: int
    unit: str
    rule: str
    flag: str = ""


QUOTE_COLUMNS = [f.name for f in fields(Quote)] + ["n_words"]
TERM_COLUMNS = ["unit", "text", "start", "end"]
SPEAKER_COLUMNS = ["speaker", "kind", "description", "first_mention", "unit", "start", "end"]
VOICE_COLUMNS = [
    "speaker",
    "kind",
    "description",
    "direct_quotes",
    "reported_statements",
    "words_quoted",
    "share_of_quoted_words",
]
SENTENCE_VOICE_COLUMNS = ["unit", "start", "end", "n_words", "quoted_words", "voice", "speakers"]
ACTOR_COLUMNS = ["actor", "label", "mentions", "unit", "start", "end", "quotes", "speaks", "speakers"]
MENTION_COLUMNS = ["actor", "unit", "text", "start", "end"]


@dataclass
class Draft:
    """A quote being built: offsets absolute, speaker resolved after every paragraph was read."""

    kind: str
    start: int
    end: int
    rule: str
    para: int
    flag: str = ""
    cue: str = ""
    cue_start: int = -1
    cue_end: int = -1
    mtype: str = ""  # name | pron | group | "" (no mention)
    mention: str = ""
    m_start: int = -1
    m_end: int = -1
    desc: str = ""
    speaker: str = ""
    pending: str = ""  # continuation | split
    link: Any = field(default=None, repr=False)

    @property
    def anchor(self) -> int:
        """Where the quote is attributed: its speaker mention, else its content."""
        return self.m_start if self.m_start >= 0 else self.start
