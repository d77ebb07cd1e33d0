"""Self-checks for the exercises: feedback that says what is right, what is wrong, and a hint.

A student calls a check in a cell, for example ``check_coding(my_codes)``. When the answer is
complete the check returns a :class:`Feedback` (shown as a short list of ticks). When it is not,
the check raises :class:`NotYet`, whose message lists what is already right, what is still wrong and
one hint; in Jupyter it is shown *without* a traceback. Every problem with the answer, including the
wrong shape (a list where a dict or DataFrame was expected, a missing column, an unknown frame or
sentence id), is reported this way, never as a bare ``AssertionError`` or a deep library error.

Checks compare the answer with *properties* (ids that exist, codes that are frame ids of the
codebook, numbers recomputed from the student's own data) and never print the answer. Everything
works offline.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from kit import paths
from kit.errors import KitError
from kit.text import Document, load_text

#: The ten op-ed sentences coded by hand in exercise 1 (chosen to span several frames).
EXERCISE1_SENTENCES: tuple[str, ...] = (
    "p01.s2", "p02.s2", "p03.s1", "p04.s1", "p09.s2",
    "p11.s1", "p14.s1", "p20.s2", "p23.s2", "p27.s1",
)
#: |score| below this counts as neutral, for both lexicons (VADER's conventional cut-off,
#: Hutto & Gilbert 2014, applied to TextBlob too so the two are judged alike).
NEUTRAL_BAND = 0.05
TICK, CROSS = "\u2713", "\u2717"
#: The kit's own codebooks: exercise answers must never be written here.
SHIPPED_CODEBOOKS = paths.PACKAGE_DIR / "codebooks"


# ---------------------------------------------------------------- feedback


@dataclass(frozen=True)
class Feedback:
    """The result of a check: what is right, what is wrong, and a hint for the next step."""

    exercise: str
    right: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    hint: str = ""

    @property
    def passed(self) -> bool:
        return not self.wrong

    def __str__(self) -> str:
        head = f"Well done ({self.exercise})." if self.passed else f"Not yet ({self.exercise})."
        lines = [head]
        lines += [f"  {TICK} {line}" for line in self.right]
        lines += [f"  {CROSS} {line}" for line in self.wrong]
        if self.hint and not self.passed:
            lines.append(f"  Hint: {self.hint}")
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # IPython display
        printer.text(str(self))


class NotYet(Exception):
    """Raised by a check whose answer is not complete; its message is the whole feedback.

    >>> err = NotYet(Feedback("Exercise 0", right=("one thing",), wrong=("another",), hint="look again"))
    >>> print(err)
    Not yet (Exercise 0).
      ✓ one thing
      ✗ another
      Hint: look again
    """

    def __init__(self, feedback: Feedback):
        self.feedback = feedback
        super().__init__(str(feedback))

    def _render_traceback_(self) -> list[str]:
        """Jupyter shows these lines instead of a traceback: the feedback is the message."""
        return str(self.feedback).split("\n")


class _Report:
    """Collects right and wrong findings of one check, then passes or raises NotYet."""

    def __init__(self, exercise: str):
        self.exercise = exercise
        self.right: list[str] = []
        self.wrong: list[str] = []

    def ok(self, message: str) -> None:
        self.right.append(message)

    def bad(self, message: str) -> None:
        self.wrong.append(message)

    def stop(self, message: str, hint: str = "") -> NotYet:
        """A problem that makes the rest of the check meaningless (wrong shape, nothing yet)."""
        self.wrong.append(message)
        return NotYet(Feedback(self.exercise, tuple(self.right), tuple(self.wrong), hint))

    def finish(self, hint: str = "") -> Feedback:
        feedback = Feedback(self.exercise, tuple(self.right), tuple(self.wrong), hint)
        if not feedback.passed:
            raise NotYet(feedback)
        return feedback


def describe(value: Any) -> str:
    """A short description of what a student passed: type, size and columns, never the content.

    >>> describe([1, 2, 3]), describe({}), describe(None)
    ('a list of 3 items', 'an empty dict', 'None')
    >>> describe(pd.DataFrame({"unit": [], "label": []}))
    "a DataFrame with 0 rows and columns ['unit', 'label']"
    """
    if value is None:
        return "None"
    if isinstance(value, pd.DataFrame):
        return f"a DataFrame with {len(value)} rows and columns {list(map(str, value.columns))}"
    if isinstance(value, pd.Series):
        return f"a Series of {len(value)} values"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"a string {shown!r}"
    if isinstance(value, bool):
        return f"a bool ({value})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, Path):
        return f"a path '{value}'"
    name = type(value).__name__
    try:
        n = len(value)
    except TypeError:
        return f"a {name}"
    if n == 0:
        return f"an empty {name}"
    return f"a {name} of {n} item{'s' if n != 1 else ''}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _closest(value: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(value), list(options), n=1, cutoff=0.5)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _listing(items: Iterable[Any], limit: int = 5) -> str:
    items = [str(i) for i in items]
    shown = ", ".join(repr(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _suggest_unit(given: str, known: Iterable[str]) -> str:
    """Suggest the id a student probably meant: zero padding first ('p3.s1' -> 'p03.s1'), then spelling."""
    known = list(known)
    m = re.fullmatch(r"\s*[pP]?(\d+)(?:\s*[.\-_ ]\s*[sS]?(\d+))?\s*", str(given))
    if m:
        width = max((len(k.split(".")[0]) - 1 for k in known), default=2)
        guess = f"p{int(m.group(1)):0{width}d}" + (f".s{int(m.group(2))}" if m.group(2) else "")
        if guess in known:
            return f" (did you mean '{guess}'?)"
    return _closest(given, known)


def _doc(doc: Document | str | None) -> Document:
    return load_text(doc if doc is not None else "oped")


def _frame_ids(codebook: Any) -> tuple[str, tuple[str, ...]]:
    """(name, frame ids) of a codebook given by name, path, Codebook, or a plain collection of ids."""
    if isinstance(codebook, list | tuple | set | frozenset):
        return "given", tuple(sorted(map(str, codebook)))
    from kit.framing import load_codebook

    cb = load_codebook(codebook)
    return cb.name, tuple(f.id for f in cb.frames)


def _sentence_ids(doc: Document) -> list[str]:
    return [s.id for s in doc.sentences]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(float(value))


def _sign(value: float) -> int:
    return 0 if abs(value) < NEUTRAL_BAND else (1 if value > 0 else -1)


# ---------------------------------------------------------------- exercise 1: coding and agreement


def _codes_mapping(my_codes: Any, report: _Report) -> dict[Any, Any]:
    """Accept {sentence id: frame id}, a Series, or a DataFrame with unit and label columns."""
    expected = "a dict {sentence id: frame id}, e.g. {'p01.s2': 'political', ...}"
    if isinstance(my_codes, Mapping):
        return dict(my_codes)
    if isinstance(my_codes, pd.Series):
        return my_codes.to_dict()
    if isinstance(my_codes, pd.DataFrame):
        missing = [c for c in ("unit", "label") if c not in my_codes.columns]
        if missing:
            raise report.stop(f"expected {expected} or a DataFrame with columns 'unit' and 'label'; "
                              f"got {describe(my_codes)} (missing {missing})")
        if my_codes["unit"].duplicated().any():
            dup = sorted(set(my_codes.loc[my_codes["unit"].duplicated(), "unit"]))
            raise report.stop(f"sentence(s) {_listing(dup)} appear more than once", "give one code per sentence")
        return dict(zip(my_codes["unit"], my_codes["label"], strict=True))
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
    report = _Report("Exercise 1a")
    document = _doc(doc)
    wanted = list(sentences)
    codes = _codes_mapping(my_codes, report)
    if not codes:
        raise report.stop(f"you have coded 0 of the {len(wanted)} sentences",
                          "fill in my_codes with one frame id per sentence id")
    name, frame_ids = _frame_ids(codebook)
    known = set(_sentence_ids(document))
    bad_type = [k for k in codes if not isinstance(k, str)]
    unknown = [k for k in codes if isinstance(k, str) and k not in known]
    extra = [k for k in codes if isinstance(k, str) and k in known and k not in wanted]
    coded = [s for s in wanted if s in codes]
    missing = [s for s in wanted if s not in codes]
    if bad_type:
        report.bad(f"keys must be sentence ids (strings such as 'p01.s2'); got {_listing(bad_type)}")
    for k in unknown:
        report.bad(f"{k!r} is not a sentence id of '{document.slug}'{_suggest_unit(k, known)}; ids look like 'p03.s1'")
    if extra:
        report.bad(f"{_listing(extra)} {'is' if len(extra) == 1 else 'are'} not among the sentences to code; "
                   "remove them")
    if missing:
        report.bad(f"you coded {len(coded)} of the {len(wanted)} sentences; still to code: {_listing(missing, 10)}")
    else:
        report.ok(f"all {len(wanted)} sentences are coded")
    labels = {k: v for k, v in codes.items() if k in wanted}
    not_str = [v for v in labels.values() if not isinstance(v, str)]
    several = [v for v in labels.values() if isinstance(v, str) and re.search(r"[;,|/]", v)]
    unknown_frames = [v for v in labels.values() if isinstance(v, str) and v not in frame_ids and v not in several]
    if not_str:
        report.bad(f"codes must be frame ids (strings); got {_listing(not_str)}")
    if several:
        report.bad(f"give one primary frame per sentence; {_listing(several)} holds several")
    if unknown_frames:
        shown = ", ".join(f"{v!r}{_closest(v, frame_ids)}" for v in unknown_frames[:5])
        report.bad(f"{len(unknown_frames)} of your codes {'is' if len(unknown_frames) == 1 else 'are'} not "
                   f"{'a frame id' if len(unknown_frames) == 1 else 'frame ids'} of the {name} codebook: {shown}")
    elif labels and not not_str and not several:
        report.ok(f"every code is a frame id of the {name} codebook ({len(set(labels.values()))} different frames)")
    return report.finish('frame ids are the \'id\' values of load_codebook("mfc").frames, written in lower case '
                         "with underscores")


def _codings_frame(codings: Any, report: _Report) -> pd.DataFrame:
    expected = "a DataFrame with columns 'unit', 'coder', 'label' (one row per unit and coder)"
    if not isinstance(codings, pd.DataFrame):
        raise report.stop(f"expected {expected}; got {describe(codings)}",
                          "build it with pd.DataFrame({'unit': [...], 'coder': [...], 'label': [...]}) or pd.concat")
    missing = [c for c in ("unit", "coder", "label") if c not in codings.columns]
    if missing:
        raise report.stop(f"expected {expected}; got {describe(codings)} (missing {missing})",
                          "rename your columns, e.g. df.rename(columns={'sentence': 'unit'})")
    if codings.empty:
        raise report.stop("the codings table is empty", "concatenate your codes with the other coder's")
    dup = codings[codings.duplicated(["unit", "coder"], keep=False)]
    if not dup.empty:
        raise report.stop(f"{_plural(dup['unit'].nunique(), 'unit')} coded twice by the same coder: "
                          f"{_listing(sorted(set(dup['unit'])))}", "keep one row per (unit, coder)")
    return codings


def nominal_alpha(codings: pd.DataFrame) -> float:
    """Krippendorff's alpha, nominal metric (Krippendorff 2004), via NLTK's AnnotationTask.

    Returns NaN when alpha is undefined (fewer than two labels in the whole table).

    >>> toy = pd.DataFrame({"unit": ["a", "a", "b", "b", "c", "c"], "coder": ["x", "y"] * 3,
    ...                     "label": ["p", "p", "q", "q", "p", "q"]})
    >>> round(nominal_alpha(toy), 4)
    0.4444
    """
    from nltk.metrics.agreement import AnnotationTask

    if codings["label"].nunique() < 2:
        return float("nan")
    triples = [(str(c), str(u), str(lab)) for u, c, lab in codings[["unit", "coder", "label"]].itertuples(index=False)]
    return float(AnnotationTask(data=triples).alpha())


def check_alpha(codings: Any, alpha: Any, coders: Iterable[str] | None = None) -> Feedback:
    """Exercise 1b/1c: the codings table is well formed and ``alpha`` is its Krippendorff's alpha.

    ``coders`` names the coders that must be in the table (e.g. ``["me", "kit"]``). The value is
    recomputed from the student's own table (nominal alpha, Krippendorff 2004), so nothing is revealed.
    """
    report = _Report("Exercise 1: agreement")
    table = _codings_frame(codings, report)
    present = sorted(map(str, table["coder"].unique()))
    required = list(coders) if coders is not None else []
    lacking = [c for c in required if c not in present]
    if lacking:
        report.bad(f"coder(s) {_listing(lacking)} missing from the table; found coders {_listing(present)}")
    if len(present) < 2:
        raise report.stop(f"agreement needs at least two coders; the table has {_listing(present)}",
                          "pd.concat the two codings (each with its own 'coder' value)")
    report.ok(f"{len(present)} coders and {table['unit'].nunique()} units in the table")
    units = {c: set(table.loc[table["coder"] == c, "unit"]) for c in present}
    everyone = set.union(*units.values())
    for c in present:
        gap = sorted(everyone - units[c])
        if gap:
            report.bad(f"coder {c!r} has no code for {_listing(gap)} that another coder coded")
    if not _is_number(alpha):
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
    report = _Report("Exercise 1d")
    table = _codings_frame(codings, report)
    if isinstance(units, str) or not isinstance(units, Iterable) or isinstance(units, Mapping):
        raise report.stop(f"expected a list of unit ids such as ['p03.s1', 'p14.s1']; got {describe(units)}")
    listed = list(units)
    for coder in (coder_a, coder_b):
        if coder not in set(table["coder"]):
            raise report.stop(f"coder {coder!r} is not in the codings; found {_listing(sorted(set(table['coder'])))}")
    a = table[table["coder"] == coder_a].set_index("unit")["label"]
    b = table[table["coder"] == coder_b].set_index("unit")["label"]
    shared = a.index.intersection(b.index)
    differ = {u for u in shared if a[u] != b[u]}
    if not listed and differ:
        raise report.stop(f"you listed no unit; {coder_a!r} and {coder_b!r} disagree on some",
                          "compare the two label columns unit by unit")
    wrongly = [u for u in listed if u not in differ]
    not_coded = [u for u in wrongly if u not in shared]
    agree = [u for u in wrongly if u in shared]
    found = [u for u in listed if u in differ]
    if not_coded:
        report.bad(f"{_listing(not_coded)}: not coded by both coders")
    if agree:
        report.bad(f"{_listing(agree)}: the two coders chose the same frame there")
    if found:
        report.ok(f"{_plural(len(found), 'unit')} where the coders disagree")
    if len(set(found)) < len(differ):
        report.bad(f"{_plural(len(differ) - len(set(found)), 'more unit')} where they disagree "
                   f"{'is' if len(differ) - len(set(found)) == 1 else 'are'} missing from your list")
    if not differ and not listed:
        report.ok("the two coders agree everywhere, and your list is empty")
    return report.finish("merge the two codings on 'unit' and keep the rows where the labels differ")


# ---------------------------------------------------------------- exercise 3: voices


_NAME_NOISE = {"a", "an", "the", "one", "some", "mr", "ms", "dr", "professor", "president", "general", "senior",
               "russian", "myanmar"}


def _name_words(name: str) -> frozenset[str]:
    words = re.findall(r"\w+", str(name).lower())
    return frozenset(w for w in words if w not in _NAME_NOISE)


def _same_speaker(given: str, canonical: str) -> bool:
    a, b = _name_words(given), _name_words(canonical)
    return bool(a) and bool(b) and (a <= b or b <= a)


def annotated_speakers(slug: str = "oped") -> dict[str, set[str]]:
    """Speakers of the human quote annotation (``texts/annotations/<slug>_quotes.yml``) by kind.

    Returns ``{"direct": {...}, "indirect": {...}}`` (``mixed`` counts as both).
    """
    path = paths.annotations_dir() / f"{slug}_quotes.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise KitError(path, "no quote annotation for this text", "use slug 'oped' or write the annotation") from None
    kinds: dict[str, set[str]] = {"direct": set(), "indirect": set()}
    for quote in data.get("quotes", []) or []:
        kind, speaker = quote.get("kind"), quote.get("speaker")
        if not speaker:
            continue
        if kind in ("direct", "mixed"):
            kinds["direct"].add(speaker)
        if kind in ("indirect", "mixed"):
            kinds["indirect"].add(speaker)
    return kinds


def _names(value: Any, what: str, report: _Report) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Iterable) or isinstance(value, Mapping | pd.DataFrame):
        raise report.stop(f"expected {what} as a list of names, e.g. ['Jane Doe', 'the ministry']; "
                          f"got {describe(value)}")
    names = list(value)
    bad = [n for n in names if not isinstance(n, str) or not _name_words(n)]
    if bad:
        raise report.stop(f"every name in {what} should be a non-empty string; got {_listing(bad)}")
    return names


def _compare_names(given: list[str], truth: set[str], what: str, report: _Report, hint_wrong: str) -> None:
    wrong = [g for g in given if not any(_same_speaker(g, t) for t in truth)]
    covered = {t for t in truth if any(_same_speaker(g, t) for g in given)}
    if given and len(wrong) < len(given):
        n_right = len(given) - len(wrong)
        report.ok(f"{n_right} of your {len(given)} {what} {'is' if n_right == 1 else 'are'} right")
    if wrong:
        report.bad(f"{_listing(wrong)}: {hint_wrong}")
    if len(covered) < len(truth):
        n = len(truth) - len(covered)
        report.bad(f"{n} more {what if n > 1 else what[:-1]} {'is' if n == 1 else 'are'} missing from your list")
    elif not wrong:
        report.ok(f"you found every one of them ({len(truth)})")


def check_voices(direct: Any, reported: Any, slug: str = "oped") -> Feedback:
    """Exercise 3a: who is quoted directly and who is paraphrased, against the human annotation.

    Names match on their words, ignoring titles ("Putin" matches "Vladimir Putin"); group speakers
    ("junta officials", "rights groups") and unnamed ones ("one expert") count as speakers.
    """
    report = _Report("Exercise 3a")
    direct_names = _names(direct, "direct", report)
    reported_names = _names(reported, "reported", report)
    if not direct_names and not reported_names:
        raise report.stop("both lists are empty", "read the op-ed for quotation marks (direct) and cue verbs such "
                          "as 'told', 'hailed', 'according to' (reported)")
    truth = annotated_speakers(slug)
    _compare_names(direct_names, truth["direct"], "direct speakers", report,
                   "never quoted word for word inside quotation marks")
    _compare_names(reported_names, truth["indirect"], "reported speakers", report,
                   "nothing in the text is reported as said by them without quotation marks")
    return report.finish("a reported statement has a cue (told, hailed, revealed, asked, according to) but no "
                         "quotation marks; one speaker can be in both lists")


# ---------------------------------------------------------------- exercise 5: your own text


def check_new_text(path: Any, min_paragraphs: int = 3) -> Feedback:
    """Exercise 5a: a text file in the kit's format that loads, with metadata and two segments."""
    report = _Report("Exercise 5a")
    if not isinstance(path, str | Path) or not str(path).strip():
        raise report.stop(f"expected the path of your text file (a str or Path); got {describe(path)}")
    path = Path(path)
    if not path.is_file():
        raise report.stop(f"no file at '{path}'", "write your text to that path first (Path.write_text)")
    try:
        doc = load_text(path)
    except KitError as exc:
        raise report.stop(f"the kit cannot load it: {exc}") from None
    report.ok(f"it loads: {len(doc.paragraphs)} paragraphs, {len(doc.sentences)} sentences, {doc.n_words} words")
    if doc.slug == "oped" or doc.body == load_text("oped").body:
        report.bad("this is the op-ed itself; bring another article")
    meta = doc.metadata
    lacking = [k for k in ("title", "outlet", "date", "genre", "language") if not meta.get(k)]
    if "title" in lacking or meta.get("title") == path.stem.capitalize():
        lacking = sorted(set(lacking) | {"title"})
    if lacking:
        report.bad(f"front matter lacks {_listing(lacking)}")
    else:
        report.ok("front matter has title, outlet, date, genre and language")
    if len(doc.paragraphs) < min_paragraphs:
        report.bad(f"the body has {len(doc.paragraphs)} paragraph(s); the lessons need at least {min_paragraphs} "
                   "(separate paragraphs with a blank line)")
    segments = meta.get("segments") or {}
    known = {p.id for p in doc.paragraphs} | {s.id for s in doc.sentences}
    if len(segments) < 2:
        report.bad(f"{len(segments)} segment(s) defined; the comparison lesson needs two")
    for name, definition in segments.items():
        units = definition.get("units", []) if isinstance(definition, Mapping) else []
        bad = [u for u in units if u not in known]
        if bad:
            report.bad(f"segment {name!r} names unit(s) that do not exist: {_listing(bad)}")
    if len(segments) >= 2 and not any("segment" in w for w in report.wrong):
        report.ok(f"{len(segments)} segments: {_listing(segments)}")
    return report.finish("start from the template in texts/README.md; python -m kit summary --text PATH shows "
                         "the paragraph ids")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two spans as a fraction of the shorter one (the kit's quote-matching rule)."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return inter / shorter if inter > 0 and shorter > 0 else 0.0


FIX_KEYS = ("unit", "kind", "speaker", "start", "end")


def check_attribution_fix(fix: Any, doc: Document | str | None = None, min_overlap: float = 0.5) -> Feedback:
    """Exercise 3b: a statement the kit misses or misattributes, with its right speaker and kind.

    ``fix`` is a dict with ``unit`` (sentence id), ``kind`` ("direct" | "indirect"), ``speaker``,
    ``start`` and ``end`` (offsets of the quoted or reported content in ``doc.body``). It must match a
    statement of the human annotation (overlap >= ``min_overlap`` of the shorter span) that the kit
    does not already attribute to the same speaker.
    """
    from kit.quotes import quotes_table

    report = _Report("Exercise 3b")
    document = _doc(doc)
    example = "{'unit': 'p05.s1', 'kind': 'indirect', 'speaker': '...', 'start': 1312, 'end': 1430}"
    if not isinstance(fix, Mapping):
        raise report.stop(f"expected a dict like {example}; got {describe(fix)}")
    if not fix:
        raise report.stop("your fix is empty", "find a statement in quotes_table(doc) that is missing or "
                          "attributed to the wrong speaker")
    missing = [k for k in FIX_KEYS if k not in fix]
    if missing:
        raise report.stop(f"your fix lacks the key(s) {_listing(missing)}; expected {example}")
    start, end = fix["start"], fix["end"]
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(document.body):
        raise report.stop(f"start and end should be whole numbers with 0 <= start < end <= {len(document.body)}; "
                          f"got {start!r} and {end!r}", "take them from the sentence's start plus str.find()")
    sentence = document.sentence_at(start)
    if fix["unit"] != (sentence.id if sentence else None):
        where = f"sentence {sentence.id}" if sentence else "no sentence"
        report.bad(f"unit {fix['unit']!r} does not hold the start of your span (offset {start} is in {where})")
    report.ok(f"your span is {document.body[start:end][:50]!r}{'...' if end - start > 50 else ''}")
    gold = [q for q in _annotated_quotes(document.slug) if _overlap((start, end), (q["start"], q["end"])) >= min_overlap]
    if not gold:
        raise report.stop("no statement of the human annotation overlaps your span by half or more",
                          "a span covers what is said (inside the quotation marks, or after the cue verb)")
    truth = gold[0]
    kit = quotes_table(document)
    same = [
        r for r in kit.itertuples()
        if _overlap((start, end), (r.start, r.end)) >= min_overlap and _same_speaker(r.speaker or "", truth["speaker"])
    ]
    if same:
        report.bad("the kit already finds this statement and attributes it to the right speaker; choose another")
    else:
        report.ok("the kit misses this statement or gives it another speaker")
    if not isinstance(fix["speaker"], str) or not _same_speaker(fix["speaker"], truth["speaker"]):
        report.bad(f"{fix['speaker']!r} is not who the annotation says makes this statement")
    else:
        report.ok("the speaker is right")
    kind = truth["kind"] if truth["kind"] != "mixed" else fix["kind"]
    if fix["kind"] != kind:
        report.bad(f"kind {fix['kind']!r} is not right for this statement (direct = inside quotation marks)")
    return report.finish("compare quotes_table(doc) with the text sentence by sentence; the kit's cue list "
                         "(kit/data/quote_cues.yml) decides what it can see")


def _annotated_quotes(slug: str) -> list[dict[str, Any]]:
    path = paths.annotations_dir() / f"{slug}_quotes.yml"
    if not path.is_file():
        raise KitError(path, "no quote annotation for this text", "use the op-ed (slug 'oped')")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [q for q in data.get("quotes", []) or [] if q.get("speaker")]


def check_absent_voices(absent: Any, doc: Document | str | None = None) -> Feedback:
    """Exercise 3c: the actor groups the text talks about but never lets speak (``kit.quotes.actors``).

    Accepts actor ids or labels from ``kit/data/actors.yml``; compared with the groups that are
    mentioned at least once and have no quote attributed to them.
    """
    from kit.quotes import actors

    report = _Report("Exercise 3c")
    names = _names(absent, "absent", report)
    if not names:
        raise report.stop("your list is empty", "look at actors(doc): who is mentioned but never speaks?")
    table = actors(_doc(doc))
    lookup = {str(a).lower(): a for a in table["actor"]} | {str(lab).lower(): a for a, lab in
                                                              zip(table["actor"], table["label"], strict=True)}
    unknown = [n for n in names if n.lower() not in lookup]
    if unknown:
        report.bad(f"{_listing(unknown)}: not an actor id or label of kit/data/actors.yml"
                   f"{_closest(unknown[0].lower(), lookup)}")
    chosen = {lookup[n.lower()] for n in names if n.lower() in lookup}
    silent = set(table.loc[(table["mentions"] > 0) & ~table["speaks"].astype(bool), "actor"])
    speaking = sorted(chosen - silent)
    if speaking:
        report.bad(f"{_listing(speaking)}: a quote or reported statement is attributed to this group")
    found = chosen & silent
    if found:
        report.ok(f"{_plural(len(found), 'group')} mentioned but never heard")
    if len(found) < len(silent):
        n = len(silent) - len(found)
        report.bad(f"{_plural(n, 'more group')} {'is' if n == 1 else 'are'} mentioned but never heard")
    return report.finish("actors(doc) has a 'mentions' and a 'speaks' column")


# ---------------------------------------------------------------- exercise 4: lexicons


def _sentence_list(value: Any, n: int, report: _Report, document: Document) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Iterable) or isinstance(value, Mapping | pd.DataFrame):
        raise report.stop(f"expected a list of {n} sentence ids such as ['p01.s1', ...]; got {describe(value)}")
    ids = list(value)
    known = set(_sentence_ids(document))
    unknown = [i for i in ids if i not in known]
    for i in unknown:
        report.bad(f"{i!r} is not a sentence id{_suggest_unit(str(i), known)}")
    if len(set(ids)) != len(ids):
        report.bad("the same sentence appears twice")
    if len(set(ids)) < n:
        report.bad(f"you chose {len(set(ids))} of the {n} sentences")
    return [i for i in ids if i in known]


def check_lexicon_choice(sentence_ids: Any, doc: Document | str | None = None, threshold: float = 0.5) -> Feedback:
    """Exercise 4a: three sentences where TextBlob and VADER disagree (``kit.sentiment.disagreements``)."""
    from kit.sentiment import disagreements, score

    report = _Report("Exercise 4a")
    document = _doc(doc)
    ids = _sentence_list(sentence_ids, 3, report, document)
    listed = set(disagreements(score(document), threshold=threshold)["unit"])
    agree = [i for i in ids if i not in listed]
    if agree:
        report.bad(f"{_listing(agree)}: the two lexicons do not disagree there (by the rules of disagreements())")
    if ids and not agree:
        report.ok(f"the lexicons disagree on all {len(ids)} sentences you chose")
    return report.finish("disagreements(score(doc)) lists the sentences to choose from")


def _contributions(document: Document, sentence_id: str) -> pd.DataFrame:
    from kit.sentiment import explain

    ex = explain(document.unit(sentence_id))
    return ex[ex["kind"].isin(["word", "phrase"]) & (ex["valence"] != 0)]


def check_word_explanations(words: Any, doc: Document | str | None = None) -> Feedback:
    """Exercise 4b: for each chosen sentence, the words that moved each lexicon's score.

    ``words`` maps a sentence id to ``{"textblob": [...], "vader": [...]}``. Each listed word must
    be a word (or a word of a phrase) with a non-zero valence in ``explain()`` for that lexicon, and
    the list must include the lexicon's strongest word (largest absolute valence).
    """
    report = _Report("Exercise 4b")
    document = _doc(doc)
    example = "{'p03.s1': {'textblob': ['...'], 'vader': ['...']}, ...}"
    if not isinstance(words, Mapping):
        raise report.stop(f"expected a dict like {example}; got {describe(words)}")
    if not words:
        raise report.stop("your dict is empty", "fill in the words for each of your three sentences")
    known = set(_sentence_ids(document))
    for sid, per_lexicon in words.items():
        if sid not in known:
            report.bad(f"{sid!r} is not a sentence id{_suggest_unit(str(sid), known)}")
            continue
        if not isinstance(per_lexicon, Mapping) or set(per_lexicon) != {"textblob", "vader"}:
            report.bad(f"{sid}: expected {{'textblob': [...], 'vader': [...]}}; got {describe(per_lexicon)}"
                       + (f" with keys {sorted(map(str, per_lexicon))}" if isinstance(per_lexicon, Mapping) else ""))
            continue
        rows = _contributions(document, sid)
        for lexicon in ("textblob", "vader"):
            given = per_lexicon[lexicon]
            if isinstance(given, str) or not isinstance(given, Iterable):
                report.bad(f"{sid} {lexicon}: expected a list of words; got {describe(given)}")
                continue
            given = [str(w).lower() for w in given]
            mine = rows[rows["lexicon"] == lexicon]
            tokens = [str(t).lower() for t in mine["token"]]
            vocabulary = set(tokens) | {w for t in tokens for w in t.split()}
            stray = [w for w in given if w not in vocabulary]
            if stray:
                report.bad(f"{sid} {lexicon}: {_listing(stray)} did not move {lexicon}'s score")
            if mine.empty:
                if not given:
                    report.ok(f"{sid} {lexicon}: no word moved the score, and your list is empty")
                continue
            top = str(mine.loc[mine["valence"].abs().idxmax(), "token"]).lower()
            if top in given or any(w in given for w in top.split()):
                if not stray:
                    report.ok(f"{sid} {lexicon}: your words all count, including the strongest one")
            else:
                report.bad(f"{sid} {lexicon}: the word with the largest effect is missing from your list")
    return report.finish("explain(doc.unit(sentence_id)) has one row per word; sort by the absolute valence")


def check_both_wrong(sentence_id: Any, my_polarity: Any, doc: Document | str | None = None) -> Feedback:
    """Exercise 4d: a sentence where both lexicons miss your own reading of it.

    ``my_polarity`` is your judgement: -1 (negative), 0 (neutral) or +1 (positive). A lexicon's
    score counts as neutral when its absolute value is below 0.05 (NEUTRAL_BAND).
    """
    from kit.sentiment import score

    report = _Report("Exercise 4d")
    document = _doc(doc)
    known = set(_sentence_ids(document))
    if not isinstance(sentence_id, str) or sentence_id not in known:
        raise report.stop(f"expected one sentence id such as 'p27.s1'; got {describe(sentence_id)}"
                          f"{_suggest_unit(str(sentence_id), known) if isinstance(sentence_id, str) else ''}")
    if my_polarity not in (-1, 0, 1) or isinstance(my_polarity, bool):
        raise report.stop(f"my_polarity should be -1, 0 or 1 (your own reading); got {describe(my_polarity)}")
    row = score(document).set_index("unit").loc[sentence_id]
    verdicts = {"TextBlob": _sign(float(row["textblob_polarity"])), "VADER": _sign(float(row["vader_compound"]))}
    report.ok(f"you read {sentence_id} as {({-1: 'negative', 0: 'neutral', 1: 'positive'})[int(my_polarity)]}")
    for name, verdict in verdicts.items():
        if verdict == my_polarity:
            report.bad(f"{name} agrees with your reading of this sentence")
        else:
            report.ok(f"{name} does not agree with your reading")
    return report.finish("look for a sentence whose tone comes from facts, irony or quotation rather than from "
                         "emotional words")


# ---------------------------------------------------------------- exercise 2: extending a codebook


def _codebook_path(value: Any, report: _Report) -> Path:
    if not isinstance(value, str | Path) or not str(value).strip():
        raise report.stop(f"expected the path of your YAML codebook (a str or Path); got {describe(value)}")
    path = Path(value)
    if not path.is_file():
        raise report.stop(f"no file at '{path}'", "write your YAML there first (yaml.safe_dump or Path.write_text)")
    return path


def _hit_keys(hits: pd.DataFrame) -> set[tuple[int, int, str]]:
    return {(int(s), int(e), str(f)) for s, e, f in zip(hits["start"], hits["end"], hits["frame"], strict=True)}


def codebook_changes(extended: Any, base: Any = "mfc", doc: Document | str | None = None) -> pd.DataFrame:
    """Frame hits added or removed by a changed codebook: ``unit``, ``frame``, ``matched``, ``start``, ``end``,
    ``change`` ("added" | "removed"), sorted by start then frame. Hits are compared by (start, end, frame)."""
    from kit.framing import code

    document = _doc(doc)
    new, old = code(document, extended), code(document, base)
    rows = []
    for label, a, b in (("added", new, old), ("removed", old, new)):
        keys = _hit_keys(a) - _hit_keys(b)
        part = a[[k in keys for k in zip(a["start"].astype(int), a["end"].astype(int), a["frame"].astype(str), strict=True)]]
        rows.append(part[["unit", "frame", "matched", "start", "end"]].assign(change=label))
    out = pd.concat(rows, ignore_index=True)
    return out.sort_values(["start", "frame", "change"]).reset_index(drop=True)


def check_codebook_extension(path: Any, segment: str = "rat_king", base: Any = "mfc",
                             doc: Document | str | None = None) -> Feedback:
    """Exercise 2a: a valid codebook, outside the kit, that keeps the base frames and adds hits in the segment."""
    from kit.framing import load_codebook

    report = _Report("Exercise 2a")
    file = _codebook_path(path, report)
    if SHIPPED_CODEBOOKS in file.resolve().parents:
        report.bad("your file is inside kit/codebooks/: write it to a temporary folder and leave the kit's "
                   "codebooks unchanged")
    try:
        extended = load_codebook(file)
    except KitError as exc:
        raise report.stop(f"the kit cannot load your codebook: {exc}") from None
    report.ok(f"it loads: {len(extended.frames)} frames")
    old = load_codebook(base)
    dropped = [f.id for f in old.frames if f.id not in {g.id for g in extended.frames}]
    if dropped:
        report.bad(f"{_plural(len(dropped), 'frame')} of {old.name} {'is' if len(dropped) == 1 else 'are'} gone: "
                   f"{_listing(dropped)}; extend the codebook, do not shrink it")
    document = _doc(doc)
    units = (document.metadata.get("segments") or {}).get(segment, {}).get("units", [])
    spans = [(document.unit(u).start, document.unit(u).end) for u in units]
    changes = codebook_changes(file, base, document)
    added = changes[changes["change"] == "added"]
    inside = added[[any(s <= st < e for s, e in spans) for st in added["start"]]]
    if changes.empty:
        report.bad(f"your codebook codes the text exactly as {old.name} does")
    if inside.empty:
        report.bad(f"no new hit in the '{segment}' segment ({_listing(units)})")
    else:
        report.ok(f"{_plural(len(inside), 'new hit')} in the '{segment}' segment")
    return report.finish("add a frame (id, label, description, patterns) or patterns to a frame; words such as "
                         "the ones that mock the story are the target")


def _hit_table(value: Any, what: str, report: _Report) -> pd.DataFrame:
    needed = ["unit", "frame", "start", "end"]
    if not isinstance(value, pd.DataFrame):
        raise report.stop(f"expected {what} as a DataFrame with columns {needed}; got {describe(value)}")
    missing = [c for c in needed if c not in value.columns]
    if missing:
        raise report.stop(f"expected {what} as a DataFrame with columns {needed}; got {describe(value)} "
                          f"(missing {missing})")
    return value


def check_changes(changes: Any, extended: Any, base: Any = "mfc", doc: Document | str | None = None) -> Feedback:
    """Exercise 2b: the table of hits your codebook added and removed (columns unit, frame, start, end, change)."""
    report = _Report("Exercise 2b")
    table = _hit_table(changes, "changes", report)
    if "change" not in table.columns:
        raise report.stop("changes needs a 'change' column saying 'added' or 'removed' for each hit")
    file = _codebook_path(extended, report)
    truth = codebook_changes(file, base, doc)
    for label in ("added", "removed"):
        want = _hit_keys(truth[truth["change"] == label])
        try:
            got = _hit_keys(table[table["change"] == label])
        except (TypeError, ValueError):
            raise report.stop("start and end should be whole numbers") from None
        extra, lacking = got - want, want - got
        if extra:
            report.bad(f"{_plural(len(extra), 'row')} marked '{label}' {'is not ' + ('an' if label[0] in 'aeiou' else 'a') if len(extra) == 1 else 'are not'} "
                       f"{label} hit{'' if len(extra) == 1 else 's'}")
        if lacking:
            report.bad(f"{_plural(len(lacking), label + ' hit')} missing from your table")
        if not extra and not lacking:
            report.ok(f"all {_plural(len(want), label + ' hit')}, and nothing else" if want
                      else f"no {label} hits, and none in your table")
    return report.finish("compare code(doc, 'mfc') with code(doc, your_file) on (start, end, frame)")


def check_spillover(spill: Any, extended: Any, segment: str = "rat_king", base: Any = "mfc",
                    doc: Document | str | None = None) -> Feedback:
    """Exercise 2c: the added hits that fall outside the segment (candidates for false positives)."""
    report = _Report("Exercise 2c")
    table = _hit_table(spill, "spill", report)
    document = _doc(doc)
    file = _codebook_path(extended, report)
    changes = codebook_changes(file, base, document)
    units = (document.metadata.get("segments") or {}).get(segment, {}).get("units", [])
    spans = [(document.unit(u).start, document.unit(u).end) for u in units]
    added = changes[changes["change"] == "added"]
    outside = added[[not any(s <= st < e for s, e in spans) for st in added["start"]]]
    want, got = _hit_keys(outside), _hit_keys(table)
    inside = got & (_hit_keys(added) - want)
    if inside:
        report.bad(f"{_plural(len(inside), 'row')} of yours {'lies' if len(inside) == 1 else 'lie'} inside the "
                   f"'{segment}' segment")
    other = got - want - inside
    if other:
        report.bad(f"{_plural(len(other), 'row')} of yours {'is' if len(other) == 1 else 'are'} not an added hit")
    if want - got:
        report.bad(f"{_plural(len(want - got), 'added hit')} outside the segment missing from your table")
    if not report.wrong:
        report.ok(f"all {_plural(len(want), 'added hit')} outside '{segment}'" if want else
                  f"your codebook adds no hit outside '{segment}', and your table is empty")
    return report.finish(f"keep the added hits whose start is not inside the units of '{segment}' ({_listing(units)})")


# ---------------------------------------------------------------- exercise 5: frame profiles


def check_profile_comparison(comparison: Any, my_text: Any, codebook: Any = "mfc") -> Feedback:
    """Exercise 5d: frame shares of the op-ed and of your text side by side.

    ``comparison`` has one row per frame of the codebook and the columns ``frame``, ``oped`` and
    ``mine`` holding ``frame_profile(...)["share"]`` (fractions; percentages are accepted too).
    """
    from kit.framing import frame_profile, load_codebook

    report = _Report("Exercise 5d")
    needed = ["frame", "oped", "mine"]
    if not isinstance(comparison, pd.DataFrame):
        raise report.stop(f"expected a DataFrame with columns {needed}; got {describe(comparison)}")
    table = comparison.reset_index() if "frame" not in comparison.columns and comparison.index.name == "frame" \
        else comparison
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise report.stop(f"expected a DataFrame with columns {needed}; got {describe(comparison)} (missing {missing})")
    frames = [f.id for f in load_codebook(codebook).frames]
    given = list(map(str, table["frame"]))
    if table.empty:
        raise report.stop(f"your table is empty; expected one row per frame of the codebook ({len(frames)})",
                          "frame_profile() already has one row per frame")
    if sorted(given) != sorted(frames):
        lacking = [f for f in frames if f not in given]
        extra = [f for f in given if f not in frames]
        parts = ([f"missing {_listing(lacking)}"] if lacking else []) + ([f"unexpected {_listing(extra)}"] if extra else [])
        report.bad(f"expected one row per frame of the codebook ({len(frames)}); " + "; ".join(parts or ["duplicates"]))
        return report.finish("frame_profile() already has one row per frame")
    report.ok(f"one row for each of the {len(frames)} frames")
    try:
        mine = load_text(my_text)
    except KitError as exc:
        raise report.stop(f"cannot load your text: {exc}") from None
    table = table.set_index("frame")
    for column, document in (("oped", load_text("oped")), ("mine", mine)):
        want = frame_profile(document, codebook).set_index("frame")["share"]
        got = pd.to_numeric(table[column], errors="coerce")
        scale = 100.0 if got.max(skipna=True) > 1.0 + 1e-9 else 1.0
        diff = [(f) for f in frames if not (math.isnan(want[f]) and math.isnan(got[f]))
                and not abs(got[f] / scale - want[f]) < 1e-6]
        if diff:
            report.bad(f"column {column!r}: {_plural(len(diff), 'share')} {'differs' if len(diff) == 1 else 'differ'} "
                       f"from frame_profile() of {'the op-ed' if column == 'oped' else 'your text'}")
        else:
            report.ok(f"column {column!r} holds the frame shares of {'the op-ed' if column == 'oped' else 'your text'}")
    return report.finish("use frame_profile(doc)['share'] for each text, aligned on 'frame'")
