"""Quotes and voices: who speaks in a text, how, and who is talked about but never speaks.

The extractor is rule-based, in the tradition of the news quote extractors it is measured against
(the Gender Gap Tracker, Asr et al. 2021, PLOS ONE 16(1): e0245533; textacy's
``direct_quotations``), with attribution cues taken from Pareti's work on attribution relations
(Pareti et al. 2013, EMNLP; Pareti 2016, LREC). No model is used or downloaded: quotation marks,
a few patterns around them, and the cue lists in ``kit/quotes/cues.yml``.

One module per step, in the order they run:

* ``cue_patterns`` - the regexes built from the cue lists (a trie per word list);
* ``cues`` - the cue lists of ``cues.yml`` and ``places.yml``, checked, with their compiled patterns;
* ``marks`` - pairing quotation marks, unbalanced and run-on quotations;
* ``paragraph`` - one paragraph as the extractor reads it;
* ``names`` - names, titles, surnames resolved to full names; speaker mentions;
* ``mentions`` - people and groups named outside quotations, their gender, roles and ages; the
  antecedent of a pronoun or a role noun (word lists in ``kit/quotes/mentions.yml``);
* ``subjects`` - where a speaker mention before a cue may start (keeps attribution linear);
* ``direct`` - direct quotes and their cues; quotations with no cue;
* ``reported`` - reported and mixed speech;
* ``resolution`` - speakers: names, pronouns, source nouns, continuations;
* ``extraction`` - the pass over a Document: ``extract``, ``quotes_table``, ``quoted_terms``;
* ``voice`` - ``sentence_voices``, ``speakers``, ``voices``;
* ``actor_groups`` - ``actors`` and ``actor_mentions``;
* ``annotation`` - the human annotation reader;
* ``evaluation`` - ``evaluate``, ``evaluation_details``, ``corpus_evaluation`` over the news corpus
  (``python -m kit evaluate quotes``) and the speaker-match rule the self-checks share.

What counts as speech:

* **direct** - words inside double quotation marks (curly or straight) attributed by a cue next to
  them (``“...,” X said``, ``“...,” said X, <title>``, ``X said: “...”``, ``“...,” he added``), a
  sentence-long quotation after a clause that ends in a colon (``he praised the general: “...”``: its
  subject speaks, rule ``direct:<mention>-clause-colon-quote``), a
  paragraph that is only a quotation right after a paragraph quoting a named source (rule
  ``continuation:previous-speaker``), or a long sentence-opening quotation with no cue
  (``direct:unattributed``, speaker ``""``);
* **indirect** - reported speech with no quotation marks: ``X said/told me (that) ...``,
  ``X revealed/hailed/warned/asked ...``, ``..., according to X``;
* **mixed** - reported speech whose content contains a quoted fragment
  (``X said the ties were “stronger than ever”``).

Short quotations with no cue inside a clause (scare quotes, quoted terms: ``“rat king”``) are not
speech: :func:`quoted_terms` lists them. ``he``/``she`` resolve to the person of the nearest
sentence before them that agrees (a title such as Mr/Ms/Dame, a noun such as spokeswoman, or an
earlier pronoun for the same person; never a given name), its subject first, names inside quotations
left out; two coordinated people agreement cannot split give ``UNRESOLVED`` rather than a guess; with
no such person nearby, the most recent compatible *named source*. A role noun or an age (``the
minister``, ``the 48-year-old``) resolves to the person introduced with it. A surname alone is
resolved to the full name introduced earlier (``Abuza`` -> ``Zachary Abuza``).

Limits, said plainly: only double quotation marks are read (single marks are too often
apostrophes); names are capitalised runs of words (Latin script), so a lower-case particle (``de``,
``van``) ends a name, and a lone capitalised word opening a sentence counts as a speaker only if the
text introduced it in a full name (or with a title or role); a pronoun looks back no further than
the previous paragraph for a named person, and knows a gender only where the text states one; a speaker must be a name,
a pronoun or a source noun from the cue file (``officials``, ``one expert``), so "the tale tells" or
"a reader wrote" are not attributions; a statement attributed through a noun (``an obscure story
that ...``) or an agentless passive (``it was revealed that ...``) is not found, and "X reportedly
<verb>" counts only when the verb is a speech verb ("junta officials reportedly asked").
"""

from kit.quotes.actor_groups import ACTORS_PATH, actor_mentions, actors, found_actors, load_actors, text_actors
from kit.quotes.annotation import ANNOTATION_COLUMNS, annotation_path, load_quote_annotation
from kit.quotes.cues import CUES_PATH, load_cues, validate_cues
from kit.quotes.evaluation import (
    SPEAKER_NOISE_WORDS,
    corpus_evaluation,
    evaluate,
    evaluation_details,
    match_quotes,
    quote_corpus,
    same_speaker,
    span_overlap,
    speaker_words,
)
from kit.quotes.extraction import extract, quoted_terms, quotes_table
from kit.quotes.model import (
    ACTOR_COLUMNS,
    KINDS,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
    SPEAKER_COLUMNS,
    TERM_COLUMNS,
    UNATTRIBUTED,
    UNRESOLVED,
    VOICE_COLUMNS,
    Quote,
)
from kit.quotes.voice import sentence_voices, speakers, voices

__all__ = [
    "ACTORS_PATH",
    "ACTOR_COLUMNS",
    "ANNOTATION_COLUMNS",
    "CUES_PATH",
    "KINDS",
    "MENTION_COLUMNS",
    "QUOTE_COLUMNS",
    "SPEAKER_COLUMNS",
    "SPEAKER_NOISE_WORDS",
    "TERM_COLUMNS",
    "UNATTRIBUTED",
    "UNRESOLVED",
    "VOICE_COLUMNS",
    "Quote",
    "actor_mentions",
    "actors",
    "annotation_path",
    "corpus_evaluation",
    "evaluate",
    "evaluation_details",
    "extract",
    "found_actors",
    "load_actors",
    "load_cues",
    "load_quote_annotation",
    "match_quotes",
    "quote_corpus",
    "quoted_terms",
    "quotes_table",
    "same_speaker",
    "sentence_voices",
    "span_overlap",
    "speaker_words",
    "speakers",
    "text_actors",
    "validate_cues",
    "voices",
]
