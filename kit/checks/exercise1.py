"""Exercise 1, coding and agreement: a hand coding of sentences, Krippendorff's alpha, disagreements."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from kit import paths
from kit.agreement import krippendorff_alpha
from kit.checks.feedback import (
    Feedback,
    NotYet,
    Report,
    closest,
    codebook_frame_ids,
    describe,
    document_of,
    is_number,
    listing,
    plural,
    sentence_ids,
    suggest_unit,
)
from kit.errors import AnnotationError, parse_yaml
from kit.framing import kit_coding
from kit.text import Document

#: Where the exercise's data lives: which sentences students code by hand, and a partner's coding.
EXERCISE1_DATA = paths.exercises_dir() / "data" / "exercise1_sentences.yml"


def exercise1_sentences(path=EXERCISE1_DATA) -> tuple[str, ...]:
    """The sentence ids students code by hand in exercise 1 (``exercises/data/exercise1_sentences.yml``)."""
    data = parse_yaml(path.read_text(encoding="utf-8"), path, AnnotationError, "write 'sentences: [p01.s1, ...]'")
    sentences = data.get("sentences") if isinstance(data, dict) else None
    if not isinstance(sentences, list) or not all(isinstance(s, str) for s in sentences):
        raise AnnotationError(path, "'sentences' should be a list of sentence ids", "write 'sentences: [p01.s1, ...]'")
    return tuple(sentences)


#: The op-ed sentences coded by hand in exercise 1 (chosen to span several frames).
EXERCISE1_SENTENCES: tuple[str, ...] = exercise1_sentences()


def _codes_mapping(my_codes: Any, report: Report) -> dict[Any, Any]:
    """Accept {sentence id: frame id}, a Series, or a DataFrame with unit and frame columns."""
    expected = "a dict {sentence id: frame id}, e.g. {'p01.s2': 'political', ...}"
    if isinstance(my_codes, Mapping):
        return dict(my_codes)
    if isinstance(my_codes, pd.Series):
        return my_codes.to_dict()
    if isinstance(my_codes, pd.DataFrame):
        missing = [c for c in ("unit", "frame") if c not in my_codes.columns]
        if missing:
            raise report.stop(f"expected {expected} or a DataFrame with columns 'unit' and 'frame'; "
                              f"got {describe(my_codes)} (missing {missing})")
        if my_codes["unit"].duplicated().any():
            dup = sorted(set(my_codes.loc[my_codes["unit"].duplicated(), "unit"]))
            raise report.stop(f"sentence(s) {listing(dup)} appear more than once", "give one code per sentence")
        return dict(zip(my_codes["unit"], my_codes["frame"], strict=True))
    raise report.stop(f"expected {expected}; got {describe(my_codes)}",
                      "a dict pairs each sentence id with the frame id you chose")


def check_coding(
    my_codes: Any,
    codebook: Any = "mfc",
    sentences: Iterable[str] = EXERCISE1_SENTENCES,
    doc: Document | str | None = None,
) -> Feedback:
    """Exercise 1a: every assigned sentence coded once with a frame id of the codebook.

    Validates the form of a hand coding (Boydstun et al. 2014 frame dimensions), not its content:
    there is no single right frame per sentence; agreement is measured in the next step.

    >>> ids = ["economic", "political"]
    >>> check_coding({"p01.s1": "political", "p01.s2": "economic"}, ids, ["p01.s1", "p01.s2"]).passed
    True
    >>> check_coding({"p01.s1": "politics"}, ids, ["p01.s1", "p01.s2"])
    Traceback (most recent call last):
    ...
    kit.checks.NotYet: Not yet (Exercise 1a).
      ✗ you coded 1 of the 2 sentences; still to code: 'p01.s2'
      ✗ 1 of your codes is not a frame id of the given codebook: 'politics' (did you mean 'political'?)
      Hint: frame ids are the 'id' values of load_codebook("mfc").frames, written in lower case with underscores
    """
    report = Report("Exercise 1a")
    document = document_of(doc)
    wanted = list(sentences)
    codes = _codes_mapping(my_codes, report)
    if not codes:
        raise report.stop(f"you have coded 0 of the {len(wanted)} sentences",
                          "fill in my_codes with one frame id per sentence id")
    name, frame_ids = codebook_frame_ids(codebook)
    known = set(sentence_ids(document))
    bad_type = [k for k in codes if not isinstance(k, str)]
    unknown = [k for k in codes if isinstance(k, str) and k not in known]
    extra = [k for k in codes if isinstance(k, str) and k in known and k not in wanted]
    coded = [s for s in wanted if s in codes]
    missing = [s for s in wanted if s not in codes]
    if bad_type:
        report.bad(f"keys must be sentence ids (strings such as 'p01.s2'); got {listing(bad_type)}")
    for k in unknown:
        report.bad(f"{k!r} is not a sentence id of '{document.slug}'{suggest_unit(k, known)}; ids look like 'p03.s1'")
    if extra:
        report.bad(f"{listing(extra)} {'is' if len(extra) == 1 else 'are'} not among the sentences to code; "
                   "remove them")
    if missing:
        report.bad(f"you coded {len(coded)} of the {len(wanted)} sentences; still to code: {listing(missing, 10)}")
    else:
        report.ok(f"all {len(wanted)} sentences are coded")
    labels = {k: v for k, v in codes.items() if k in wanted}
    not_str = [v for v in labels.values() if not isinstance(v, str)]
    several = [v for v in labels.values() if isinstance(v, str) and re.search(r"[;,|/]", v)]
    unknown_frames = [v for v in labels.values() if isinstance(v, str) and v not in frame_ids and v not in several]
    if not_str:
        report.bad(f"codes must be frame ids (strings); got {listing(not_str)}")
    if several:
        report.bad(f"give one primary frame per sentence; {listing(several)} holds several")
    if unknown_frames:
        shown = ", ".join(f"{v!r}{closest(v, frame_ids)}" for v in unknown_frames[:5])
        report.bad(f"{len(unknown_frames)} of your codes {'is' if len(unknown_frames) == 1 else 'are'} not "
                   f"{'a frame id' if len(unknown_frames) == 1 else 'frame ids'} of the {name} codebook: {shown}")
    elif labels and not not_str and not several:
        report.ok(f"every code is a frame id of the {name} codebook ({len(set(labels.values()))} different frames)")
    return report.finish('frame ids are the \'id\' values of load_codebook("mfc").frames, written in lower case '
                         "with underscores")


def _codings_frame(codings: Any, report: Report) -> pd.DataFrame:
    expected = "a DataFrame with columns 'unit', 'coder', 'frame' (one row per unit and coder)"
    if not isinstance(codings, pd.DataFrame):
        raise report.stop(f"expected {expected}; got {describe(codings)}",
                          "build it with pd.DataFrame({'unit': [...], 'coder': [...], 'frame': [...]}) or pd.concat")
    missing = [c for c in ("unit", "coder", "frame") if c not in codings.columns]
    if missing:
        raise report.stop(f"expected {expected}; got {describe(codings)} (missing {missing})",
                          "rename your columns, e.g. df.rename(columns={'sentence': 'unit'})")
    if codings.empty:
        raise report.stop("the codings table is empty", "concatenate your codes with the other coder's")
    dup = codings[codings.duplicated(["unit", "coder"], keep=False)]
    if not dup.empty:
        raise report.stop(f"{plural(dup['unit'].nunique(), 'unit')} coded twice by the same coder: "
                          f"{listing(sorted(set(dup['unit'])))}", "keep one row per (unit, coder)")
    return codings


def nominal_alpha(codings: pd.DataFrame) -> float:
    """Krippendorff's alpha, nominal metric (Krippendorff 2004): ``kit.agreement.krippendorff_alpha``.

    Returns NaN where alpha is undefined (fewer than two labels in the whole table), so a check can
    say so in words instead of raising.

    >>> toy = pd.DataFrame({"unit": ["a", "a", "b", "b", "c", "c"], "coder": ["x", "y"] * 3,
    ...                     "frame": ["p", "p", "q", "q", "p", "q"]})
    >>> round(nominal_alpha(toy), 4)
    0.4444
    """
    if codings["frame"].nunique() < 2:
        return float("nan")
    return krippendorff_alpha(codings)


def check_alpha(codings: Any, alpha: Any, coders: Iterable[str] | None = None) -> Feedback:
    """Exercise 1b/1c: the codings table is well formed and ``alpha`` is its Krippendorff's alpha.

    ``coders`` names the coders that must be in the table (e.g. ``["me", "kit"]``). The value is
    recomputed from the student's own table (nominal alpha, Krippendorff 2004), so nothing is revealed.
    """
    report = Report("Exercise 1: agreement")
    table = _codings_frame(codings, report)
    present = sorted(map(str, table["coder"].unique()))
    required = list(coders) if coders is not None else []
    lacking = [c for c in required if c not in present]
    if lacking:
        report.bad(f"coder(s) {listing(lacking)} missing from the table; found coders {listing(present)}")
    if len(present) < 2:
        raise report.stop(f"agreement needs at least two coders; the table has {listing(present)}",
                          "pd.concat the two codings (each with its own 'coder' value)")
    report.ok(f"{len(present)} coders and {table['unit'].nunique()} units in the table")
    units = {c: set(table.loc[table["coder"] == c, "unit"]) for c in present}
    everyone = set.union(*units.values())
    for c in present:
        gap = sorted(everyone - units[c])
        if gap:
            report.bad(f"coder {c!r} has no code for {listing(gap)} that another coder coded")
    if not is_number(alpha):
        finite = "a finite number" if isinstance(alpha, int | float) and not isinstance(alpha, bool) else "a number"
        raise report.stop(f"alpha should be {finite}; got {alpha if finite != 'a number' else describe(alpha)}",
                          "compute it with kit.agreement.krippendorff_alpha(codings)")
    expected = nominal_alpha(table)
    if math.isnan(expected):
        report.bad("alpha is undefined here: every code in the table is the same label")
    elif abs(float(alpha) - expected) > 1e-6:
        report.bad(f"your alpha ({float(alpha):.3f}) is not Krippendorff's alpha (nominal) of this table")
    else:
        report.ok(f"alpha = {float(alpha):.3f} is the nominal Krippendorff's alpha of this table")
    return report.finish("pass the whole table (all coders) to krippendorff_alpha; alpha uses every pair of codes "
                         "within each unit")


def check_disagreements(units: Any, codings: Any, coder_a: str, coder_b: str) -> Feedback:
    """Exercise 1d: ``units`` lists exactly the units where the two coders chose different frames."""
    report = Report("Exercise 1d")
    table = _codings_frame(codings, report)
    if isinstance(units, str) or not isinstance(units, Iterable) or isinstance(units, Mapping):
        raise report.stop(f"expected a list of unit ids such as ['p03.s1', 'p14.s1']; got {describe(units)}")
    listed = list(units)
    for coder in (coder_a, coder_b):
        if coder not in set(table["coder"]):
            raise report.stop(f"coder {coder!r} is not in the codings; found {listing(sorted(set(table['coder'])))}")
    a = table[table["coder"] == coder_a].set_index("unit")["frame"]
    b = table[table["coder"] == coder_b].set_index("unit")["frame"]
    shared = a.index.intersection(b.index)
    differ = {u for u in shared if a[u] != b[u]}
    if not listed and differ:
        raise report.stop(f"you listed no unit; {coder_a!r} and {coder_b!r} disagree on some",
                          "compare the two frame columns unit by unit")
    wrongly = [u for u in listed if u not in differ]
    not_coded = [u for u in wrongly if u not in shared]
    agree = [u for u in wrongly if u in shared]
    found = [u for u in listed if u in differ]
    if not_coded:
        report.bad(f"{listing(not_coded)}: not coded by both coders")
    if agree:
        report.bad(f"{listing(agree)}: the two coders chose the same frame there")
    if found:
        report.ok(f"{plural(len(found), 'unit')} where the coders disagree")
    if len(set(found)) < len(differ):
        report.bad(f"{plural(len(differ) - len(set(found)), 'more unit')} where they disagree "
                   f"{'is' if len(differ) - len(set(found)) == 1 else 'are'} missing from your list")
    if not differ and not listed:
        report.ok("the two coders agree everywhere, and your list is empty")
    return report.finish("merge the two codings on 'unit' and keep the rows where the frames differ")


def reveal_kit_codes(
    my_codes: Any,
    codebook: Any = "mfc",
    sentences: Iterable[str] = EXERCISE1_SENTENCES,
    doc: Document | str | None = None,
) -> pd.DataFrame:
    """Exercise 1b: the kit's codes of the sentences, shown only once your own coding is complete.

    Coding first and looking second keeps your judgement independent of the dictionary's. Until
    :func:`check_coding` passes, this raises :class:`NotYet` with what is still missing.
    """
    wanted = list(sentences)
    try:
        check_coding(my_codes, codebook, wanted, doc)
    except NotYet as not_yet:
        earlier = not_yet.feedback
        raise NotYet(Feedback(
            "Exercise 1b",
            earlier.right,
            ("the kit's codes stay hidden until your own coding (1a) is complete", *earlier.wrong),
            "finish 1a first: code every sentence, then run this cell again",
        )) from None
    coded = kit_coding(document_of(doc), codebook, unit="sentence")
    return coded[coded["unit"].isin(wanted)].reset_index(drop=True)
