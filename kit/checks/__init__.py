"""Self-checks for the exercises: feedback that says what is right, what is wrong, and a hint.

A student calls a check in a cell, for example ``check_coding(my_codes)``. When the answer is
complete the check returns a :class:`Feedback` (shown as a short list of ticks). When it is not,
the check raises :class:`NotYet`, whose message lists what is already right, what is still wrong and
one hint; in Jupyter it is shown *without* a traceback. Every problem with the answer, including the
wrong shape (a list where a dict or DataFrame was expected, a missing column, an unknown frame or
sentence id), is reported this way, never as a bare ``AssertionError`` or a deep library error.

Checks compare the answer with *properties* (ids that exist, codes that are frame ids of the
codebook, numbers recomputed from the student's own data with the kit's public functions) and never
print the answer. Everything works offline.

One module per exercise, in exercise order, over shared plumbing:

| module | exercise |
|---|---|
| ``feedback`` | ``Feedback``, ``NotYet`` and the helpers that describe an answer and suggest a fix |
| ``exercise1`` | coding sentences by hand, Krippendorff's alpha, disagreements |
| ``exercise2`` | extending a codebook: the hits it adds, removes, and spills outside the segment |
| ``exercise3`` | voices: direct and reported speakers, a fixed attribution, absent voices |
| ``exercise4`` | when the lexicons disagree |
| ``exercise5`` | bringing your own article |

The data the checks use (which sentences exercise 1 codes, the partner's coding) lives in
``exercises/data/``, not here.
"""

from kit.checks.exercise1 import (
    EXERCISE1_SENTENCES,
    check_alpha,
    check_coding,
    check_disagreements,
    exercise1_sentences,
    nominal_alpha,
    reveal_kit_codes,
)
from kit.checks.exercise2 import (
    SHIPPED_CODEBOOKS,
    check_changes,
    check_codebook_extension,
    check_spillover,
    codebook_changes,
)
from kit.checks.exercise3 import annotated_speakers, check_absent_voices, check_attribution_fix, check_voices
from kit.checks.exercise4 import NEUTRAL_BAND, check_both_wrong, check_lexicon_choice, check_word_explanations
from kit.checks.exercise5 import check_new_text, check_profile_comparison
from kit.checks.feedback import CROSS, TICK, Feedback, NotYet, describe

# Shown as ``kit.checks.NotYet`` in tracebacks and doctests, wherever the class is defined.
for _public in (Feedback, NotYet):
    _public.__module__ = "kit.checks"

__all__ = [
    "CROSS",
    "EXERCISE1_SENTENCES",
    "NEUTRAL_BAND",
    "SHIPPED_CODEBOOKS",
    "TICK",
    "Feedback",
    "NotYet",
    "annotated_speakers",
    "check_absent_voices",
    "check_alpha",
    "check_attribution_fix",
    "check_both_wrong",
    "check_changes",
    "check_codebook_extension",
    "check_coding",
    "check_disagreements",
    "check_lexicon_choice",
    "check_new_text",
    "check_profile_comparison",
    "check_spillover",
    "check_voices",
    "check_word_explanations",
    "codebook_changes",
    "describe",
    "exercise1_sentences",
    "nominal_alpha",
    "reveal_kit_codes",
]
