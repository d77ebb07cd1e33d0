"""Sentiment per sentence and paragraph with two lexicons, explained word by word.

What are we measuring? How positive or negative the *words* of a unit are, according to two
dictionaries of human ratings. Neither lexicon knows who is speaking, about whom, or why.

The two lexicons (both ship with their Python package; nothing is downloaded):

* **TextBlob** (``PatternAnalyzer``, from the Pattern library; De Smedt & Daelemans 2012,
  *Pattern for Python*, JMLR 13). A lexicon of about 2,900 English words, mostly **adjectives**
  from product reviews, each with a polarity in [-1, 1], a subjectivity in [0, 1] and an
  intensity (how strongly it modifies the next word: "very" x1.3). A unit's polarity is the
  **mean** of its assessed words or phrases ("very good", "not bad" = -0.5 x "bad", "!" x1.25);
  subjectivity is the mean of their subjectivities.
* **VADER** (Hutto & Gilbert 2014, ICWSM-14; the ``vaderSentiment`` package). About 7,500
  words, emoticons and slang rated from -4 to +4 by ten crowd workers each, tuned on **social
  media**, plus rules: negation ("not good" x-0.74), boosters ("very" +0.293), ALL CAPS
  (+0.733), contrastive "but" (before x0.5, after x1.5), "!" and "?" emphasis. ``compound`` is the
  normalised sum, x / sqrt(x^2 + 15), in [-1, 1]; ``pos``, ``neu``, ``neg`` are the shares of
  positive, neutral and negative words (they sum to 1).

Blind spots on news text, to teach rather than hide:

* **Negation and scope**: "not unlike", "less than half", "never have happened" are read word by
  word; VADER looks three words back, TextBlob one word.
* **Sarcasm, ridicule and irony**: a sneer built from positive words scores positive.
  Teaching fact: TextBlob rates "bizarre" **+0.4** (an "unusual, striking" adjective in its
  reviews), VADER rates it **-1.3** (crowd raters read it as negative). The rat-king anecdote
  (p03 of the op-ed) is ridicule, and both lexicons score it slightly positive.
* **Domain words**: "attack", "strike", "offensive", "fighter" are rated in their everyday
  (social media) sense; in military reporting they name operations and equipment. Re-score with
  an override set (``score(doc, overrides="military")``) to show how much a number depends on
  the lexicon; the output always says which set was used.
* **Who says it**: quoted praise ("a diplomatic win") counts as the author's sentiment.
* **Typography**: VADER strips only ASCII punctuation from word edges, so in text set with curly
  quotes a word like ``win,”`` is never looked up. The kit hands VADER the text with typographic
  quotes and apostrophes replaced one-for-one by ASCII ones (:func:`vader_input`), so offsets are
  unchanged; ``polarity_scores(vader_input(text))`` reproduces every VADER score here.
* **Length**: VADER's compound saturates on long texts, so paragraph scores here are
  word-weighted means of sentence scores, never one VADER call on the whole paragraph.

Public functions: :func:`score`, :func:`explain`, :func:`disagreements`,
:func:`load_overrides`, :func:`list_overrides`.
"""

from kit.errors import SentimentError
from kit.sentiment.analysers import UNKNOWN_SHARE_LIMIT
from kit.sentiment.disagreement import DISAGREEMENT_COLUMNS, disagreements, override_effect
from kit.sentiment.explanations import EXPLAIN_COLUMNS, explain
from kit.sentiment.overrides import OVERRIDES_DIR, VALENCE_RANGE, Overrides, list_overrides, load_overrides
from kit.sentiment.scores import SCORE_COLUMNS, SCORE_MEASURES, score
from kit.sentiment.vader import TYPOGRAPHIC_QUOTES, vader_input

__all__ = [
    "DISAGREEMENT_COLUMNS",
    "EXPLAIN_COLUMNS",
    "OVERRIDES_DIR",
    "SCORE_COLUMNS",
    "SCORE_MEASURES",
    "TYPOGRAPHIC_QUOTES",
    "UNKNOWN_SHARE_LIMIT",
    "VALENCE_RANGE",
    "Overrides",
    "SentimentError",
    "disagreements",
    "explain",
    "list_overrides",
    "load_overrides",
    "override_effect",
    "score",
    "vader_input",
]
