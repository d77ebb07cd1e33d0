"""Frame codebooks, dictionary coding of a Document with evidence, and frame salience.

A *codebook* (``kit/codebooks/<name>.yml``) lists frames, each with dictionary patterns. Coding
is dictionary-based content analysis (Krippendorff 2004, ch. 12; the glob convention of LIWC and
quanteda): every match of a frame's pattern in the text is one *hit* that carries its unit id and
character span, so every number can be traced back to the words that produced it.

Codebooks shipped with the kit:

- ``mfc``: the 15 frame dimensions of the Media Frames Corpus policy-frames codebook
  (Boydstun, Gross, Resnik & Smith 2014; Card, Boydstun, Gross, Resnik & Smith 2015). Default.
- ``generic``: Semetko & Valkenburg's (2000) five generic news frames.
- ``crosswalk.yml``: MFC dimensions mapped to the generic frames and to Entman's (1993) four
  framing functions, where such a mapping is defensible.

Patterns are written in the kit's one pattern language (:mod:`kit.patterns`, the same for every
codebook, for segment keywords and for keywords in context): ``drone*`` matches every token starting
with ``drone``, ``military`` also matches ``military’s``, ``fighter jet*`` matches consecutive tokens,
and within one frame a token counts at most once. Two codebook-only rules:

- ``exclude`` patterns remove a frame's hits that overlap them (``ethnic armed group*`` keeps
  ``ethnic`` out of cultural identity when it names an armed actor).
- The same token may count for several frames.

A unit's *dominant* frame is the frame with most hits, if it has at least the codebook's
``min_hits`` (a top-level setting, default 1; Field et al. 2018 required at least 3 lexicon hits
for a frame to count). A unit below the threshold has no dominant frame (``""``, coded ``"none"``): the
dictionary abstains rather than guessing ``other``.

Dictionary coding counts words; it does not read. A frame is a way of defining a problem,
interpreting causes, judging and recommending (Entman 1993), and a count of frame words is
only evidence for a frame, to be checked against human coding (see :mod:`kit.agreement`).
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from kit import paths, pins, safe_yaml
from kit.errors import AnnotationError, CodebookError, did_you_mean_unit, parse_yaml, suggestion, unknown_key_fix
from kit.patterns import PATTERN_FIX, Matcher, Pattern, make_pattern, parse_pattern
from kit.text import Document, load_text

CODEBOOK_DIR = Path(__file__).resolve().parent / "codebooks"
CROSSWALK_FILE = CODEBOOK_DIR / "crosswalk.yml"
DEFAULT_CODEBOOK = "mfc"

#: Top-level keys of a codebook file: key -> required?
CODEBOOK_KEYS = {
    "name": True,
    "version": True,
    "description": True,
    "source": True,
    "citation": True,
    "licence": True,
    "frames": True,
    "min_hits": False,
}
#: Keys of one frame: key -> required?
FRAME_KEYS = {"id": True, "label": True, "description": True, "patterns": True, "exclude": False, "examples": False}
FRAME_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
#: Shortest stem allowed before a ``*``: shorter stems match far too many words.
TIE_BREAK_RULE = "first frame in codebook order"
#: Hits a frame needs in a unit to be its dominant frame, unless the codebook sets ``min_hits``.
DEFAULT_MIN_HITS = 1
UNIT_LEVELS = ("sentence", "paragraph", "document")

HIT_COLUMNS = ["unit", "paragraph_id", "frame", "label", "pattern", "matched", "start", "end"]
SALIENCE_COLUMNS = ["unit", "start", "end", "n_words", "frame", "label", "hits", "per_100_words", "dominant"]
DOMINANT_COLUMNS = ["unit", "start", "end", "n_words", "dominant_frame", "hits", "tied_with", "tie_break"]
PROFILE_COLUMNS = ["frame", "label", "hits", "share", "n_words", "per_100_words"]
CROSSWALK_COLUMNS = ["mfc_frame", "generic_frame", "entman_function", "note"]
ENTMAN_FUNCTIONS = ("problem_definition", "causal_interpretation", "moral_evaluation", "treatment_recommendation")
CODING_COLUMNS = ["unit", "start", "end", "coder", "frame"]
#: The code of a unit where no frame applies, in codings (kit_coding, human coding mapped to another codebook).
NO_FRAME = "none"
HUMAN_FRAME_FILE_COLUMNS = ["unit", "primary", "secondary", "coder", "note"]
#: Optional column of a human frame file: the fingerprint of the paragraph's words when it was coded
#: (:mod:`kit.pins`), so that a coding of another version of the text is caught, not misread.
FINGERPRINT_COLUMN = "fingerprint"


# ---------------------------------------------------------------- codebook model


@dataclass(frozen=True)
class Frame:
    """One frame of a codebook: id, label, description, patterns, exclude patterns, examples."""

    id: str
    label: str
    description: str
    patterns: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Codebook:
    """A validated frame codebook, compiled once into a single matcher (see :func:`load_codebook`)."""

    name: str
    version: str
    description: str
    citation: str
    licence: str
    path: Path | None
    frames: tuple[Frame, ...]
    source: str = ""
    min_hits: int = DEFAULT_MIN_HITS
    matcher: Matcher | None = field(default=None, repr=False, compare=False)

    @property
    def frame_ids(self) -> list[str]:
        """Frame ids in codebook order."""
        return [f.id for f in self.frames]

    def frame(self, frame_id: str) -> Frame:
        """The frame with this id (a :class:`CodebookError` names the ids that exist)."""
        for f in self.frames:
            if f.id == frame_id:
                return f
        hint = suggestion(frame_id, self.frame_ids)
        raise CodebookError(self.path or self.name, f"no frame {frame_id!r}", f"{hint}use one of {self.frame_ids}")

    def table(self) -> pd.DataFrame:
        """One row per frame: frame (the id), label, description, n_patterns, patterns, exclude."""
        rows = [
            {
                "frame": f.id,
                "label": f.label,
                "description": f.description,
                "n_patterns": len(f.patterns),
                "patterns": ", ".join(f.patterns),
                "exclude": ", ".join(f.exclude),
            }
            for f in self.frames
        ]
        return pd.DataFrame(rows, columns=["frame", "label", "description", "n_patterns", "patterns", "exclude"])


# ---------------------------------------------------------------- loading and validation


def _node_lines(text: str) -> tuple[dict[str, int], list[int], list[dict[str, int]]]:
    """Line numbers (1-based) of top-level keys, of each frame, and of each frame's keys."""
    top: dict[str, int] = {}
    frame_lines: list[int] = []
    frame_keys: list[dict[str, int]] = []
    try:
        root = safe_yaml.compose(text)
    except yaml.YAMLError:  # pragma: no cover - parsed successfully just before
        return top, frame_lines, frame_keys
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            top[str(key.value)] = key.start_mark.line + 1
            if key.value == "frames" and isinstance(value, yaml.SequenceNode):
                for item in value.value:
                    frame_lines.append(item.start_mark.line + 1)
                    keys = {}
                    if isinstance(item, yaml.MappingNode):
                        keys = {str(k.value): k.start_mark.line + 1 for k, _ in item.value}
                    frame_keys.append(keys)
    return top, frame_lines, frame_keys


def resolve_codebook(name_or_path: str | Path) -> Path:
    """Turn a codebook name (``mfc``) or a path into the path of its YAML file."""
    if not isinstance(name_or_path, (str, Path)):
        raise CodebookError(
            None,
            f"a codebook is a name, a path or a Codebook, got {type(name_or_path).__name__}",
            f"use one of {list_codebooks()} or the path of a .yml file",
        )
    candidate = Path(name_or_path)
    if candidate.suffix in (".yml", ".yaml") or candidate.is_file():
        for path in (candidate, paths.repo_root() / candidate, CODEBOOK_DIR / candidate):
            if path.is_file():
                return path
        raise CodebookError(candidate, "codebook file not found", f"check the path; shipped codebooks: {list_codebooks()}")
    path = CODEBOOK_DIR / f"{name_or_path}.yml"
    if str(name_or_path) in list_codebooks():
        return path
    hint = suggestion(name_or_path, list_codebooks())
    raise CodebookError(
        name_or_path, "no such codebook", f"{hint}use one of {list_codebooks()} or the path of a .yml file"
    )


def list_codebooks() -> list[str]:
    """Names of the codebooks shipped in ``kit/codebooks/`` (the crosswalk is not a codebook).

    >>> list_codebooks()
    ['generic', 'mfc']
    """
    return sorted(p.stem for p in CODEBOOK_DIR.glob("*.yml") if p.stem != CROSSWALK_FILE.stem)


def load_codebook(name_or_path: str | Path | Codebook = DEFAULT_CODEBOOK) -> Codebook:
    """Load, validate and compile a codebook by name (``"mfc"``, ``"generic"``) or path.

    Validation follows the schema in the module docstring; any problem raises one
    :class:`~kit.errors.CodebookError` naming the file and line, the frame and the fix. Loading is
    cached per file and modification time, so an edited YAML file is picked up.

    >>> cb = load_codebook("mfc")
    >>> len(cb.frames), cb.frames[7].id
    (15, 'security_and_defense')
    """
    if isinstance(name_or_path, Codebook):
        return name_or_path
    path = resolve_codebook(name_or_path).resolve()
    stat = path.stat()
    return _load_codebook_file(path, stat.st_mtime_ns, stat.st_size)


def clear_codebook_cache() -> None:
    """Forget every compiled codebook, so the next :func:`load_codebook` reads and compiles afresh.

    Edited files are picked up without this (the cache is keyed on modification time); it exists for
    timing a cold load, as ``bench/bench_framing.py`` does.
    """
    _load_codebook_file.cache_clear()


@lru_cache(maxsize=32)
def _load_codebook_file(path: Path, mtime_ns: int, size: int) -> Codebook:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CodebookError(path, f"not UTF-8 (byte offset {exc.start})", "re-save the file as UTF-8") from None
    data = parse_yaml(
        text,
        path,
        CodebookError,
        "check the indentation and quote patterns that contain ':' or start with '*', e.g. - \"drone*\"",
    )
    if not isinstance(data, dict):
        raise CodebookError(f"{path}:1", "a codebook must be a mapping of keys", "start from kit/codebooks/mfc.yml")
    top_lines, frame_lines, frame_key_lines = _node_lines(text)

    for key in data:
        if key not in CODEBOOK_KEYS:
            fix = unknown_key_fix(key, CODEBOOK_KEYS, f"use only {list(CODEBOOK_KEYS)}")
            raise CodebookError(f"{path}:{top_lines.get(str(key), 1)}", f"unknown key '{key}'", fix)
    for key, required in CODEBOOK_KEYS.items():
        if required and (key not in data or data[key] in (None, "")):
            raise CodebookError(path, f"missing top-level key '{key}'", f"add '{key}: ...' at the top of the file")
    min_hits = data.get("min_hits", DEFAULT_MIN_HITS)
    if isinstance(min_hits, bool) or not isinstance(min_hits, int) or min_hits < 1:
        raise CodebookError(
            f"{path}:{top_lines.get('min_hits', 1)}",
            f"min_hits {min_hits!r} is not a positive whole number",
            "write min_hits: 1 (any hit can make a frame dominant) or a larger whole number such as 3",
        )
    frames_raw = data["frames"]
    if not isinstance(frames_raw, list) or not frames_raw:
        raise CodebookError(
            f"{path}:{top_lines.get('frames', 1)}", "'frames' must be a non-empty list", "write frames: then - id: ..."
        )

    frames: list[Frame] = []
    compiled: list[Pattern] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(frames_raw):
        line = frame_lines[i] if i < len(frame_lines) else 1
        key_lines = frame_key_lines[i] if i < len(frame_key_lines) else {}
        if not isinstance(raw, dict):
            raise CodebookError(f"{path}:{line}", f"frame {i + 1} is not a mapping", "write - id: ... then label: ...")
        name = f"frame {i + 1}" + (f" ('{raw['id']}')" if raw.get("id") else f" (label {raw.get('label')!r})")
        for key in raw:
            if key not in FRAME_KEYS:
                fix = unknown_key_fix(key, FRAME_KEYS, f"use only {list(FRAME_KEYS)}")
                raise CodebookError(f"{path}:{key_lines.get(str(key), line)}", f"{name}: unknown key '{key}'", fix)
        for key, required in FRAME_KEYS.items():
            if required and (key not in raw or raw[key] is None or raw[key] == ""):
                raise CodebookError(f"{path}:{line}", f"{name}: missing '{key}'", f"add '{key}: ...' to this frame")
        frame_id = raw["id"]
        if not isinstance(frame_id, str) or not FRAME_ID_RE.match(frame_id):
            raise CodebookError(
                f"{path}:{key_lines.get('id', line)}",
                f"{name}: id {frame_id!r} is not a lower-case identifier",
                "use lower-case letters, digits and _, e.g. security_and_defense",
            )
        if frame_id in seen:
            raise CodebookError(
                f"{path}:{key_lines.get('id', line)}",
                f"{name}: duplicate id '{frame_id}' (already used by frame {seen[frame_id] + 1})",
                "give every frame its own id",
            )
        seen[frame_id] = i
        for key in ("label", "description"):
            if not isinstance(raw[key], str):
                raise CodebookError(f"{path}:{key_lines.get(key, line)}", f"{name}: '{key}' must be text", "quote it")
        lists: dict[str, tuple[str, ...]] = {}
        for key in ("patterns", "exclude", "examples"):
            value = raw.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise CodebookError(
                    f"{path}:{key_lines.get(key, line)}",
                    f"{name}: '{key}' must be a list of text",
                    f'write {key}: ["drone*", "fighter jet*"] or one - "..." per line',
                )
            lists[key] = tuple(value)
        if not lists["patterns"]:
            raise CodebookError(
                f"{path}:{key_lines.get('patterns', line)}",
                f"{name}: the pattern list is empty",
                "give the frame at least one pattern, e.g. patterns: [\"drone*\"]",
            )
        normalised: dict[str, list[str]] = {"patterns": [], "exclude": []}
        for key in ("patterns", "exclude"):
            for raw_pattern in lists[key]:
                words = parse_pattern(raw_pattern)
                if isinstance(words, str):
                    raise CodebookError(
                        f"{path}:{key_lines.get(key, line)}",
                        f"{name}: {'pattern' if key == 'patterns' else 'exclude pattern'} {raw_pattern!r} {words}",
                        PATTERN_FIX,
                    )
                pattern = make_pattern(len(compiled), len(frames), key == "exclude", words)
                source = pattern.source
                if source in normalised["patterns"] or source in normalised["exclude"]:
                    raise CodebookError(
                        f"{path}:{key_lines.get(key, line)}",
                        f"{name}: pattern {raw_pattern!r} is listed twice",
                        "remove the duplicate (patterns are case-insensitive)",
                    )
                normalised[key].append(source)
                compiled.append(pattern)
        frames.append(
            Frame(
                id=frame_id,
                label=raw["label"].strip(),
                description=" ".join(raw["description"].split()),
                patterns=tuple(normalised["patterns"]),
                exclude=tuple(normalised["exclude"]),
                examples=tuple(lists["examples"]),
            )
        )
    return Codebook(
        name=str(data["name"]),
        version=str(data["version"]),
        description=" ".join(str(data["description"]).split()),
        citation=" ".join(str(data["citation"]).split()),
        licence=" ".join(str(data["licence"]).split()),
        path=path,
        frames=tuple(frames),
        source=" ".join(str(data["source"]).split()),
        min_hits=min_hits,
        matcher=Matcher(compiled, len(frames)),
    )


# ---------------------------------------------------------------- coding


def _typed(df: pd.DataFrame, ints: Sequence[str] = (), floats: Sequence[str] = (), bools: Sequence[str] = ()):
    for c in ints:
        df[c] = df[c].astype("int64")
    for c in floats:
        df[c] = df[c].astype("float64")
    for c in bools:
        df[c] = df[c].astype("bool")
    return df


def code(doc: Document | str, codebook: str | Path | Codebook = DEFAULT_CODEBOOK) -> pd.DataFrame:
    """Code a text with a codebook: one row per frame hit, with its sentence and span.

    Dictionary-based frame coding (Krippendorff 2004, ch. 12) with the patterns of the codebook
    (default ``mfc``: Boydstun et al. 2014). Columns: ``unit`` (sentence id), ``paragraph_id``,
    ``frame``, ``label``, ``pattern``, ``matched``, ``start``, ``end``; ``doc.body[start:end] ==
    matched``. Sorted by start, then frame. Pattern rules: see the module docstring.

    >>> from kit.text import from_string
    >>> code(from_string("Drones and fighter jets flew."))[["unit", "frame", "matched"]].values.tolist()
    [['p01.s1', 'security_and_defense', 'Drones'], ['p01.s1', 'security_and_defense', 'fighter jets']]
    """
    doc = load_text(doc)
    cb = load_codebook(codebook)
    assert cb.matcher is not None
    hits = cb.matcher.hits(doc.body)
    if not hits:
        return _typed(pd.DataFrame({c: [] for c in HIT_COLUMNS}, columns=HIT_COLUMNS), ints=("start", "end"))
    # Order: start, then frame id (alphabetical), as one sort key in the C sort.
    alpha = {fid: r for r, fid in enumerate(sorted(cb.frame_ids))}
    frame_rank = [alpha[f.id] for f in cb.frames]
    n_frames = len(frame_rank)
    hits.sort(key=lambda h: h[0] * n_frames + frame_rank[h[2].frame])
    sentences = doc.sentences
    sent_starts = np.fromiter((s.start for s in sentences), dtype=np.int64, count=len(sentences))
    starts = np.fromiter((h[0] for h in hits), dtype=np.int64, count=len(hits))
    ends = np.fromiter((h[1] for h in hits), dtype=np.int64, count=len(hits))
    which = np.searchsorted(sent_starts, starts, side="right") - 1
    sent_ids = np.array([s.id for s in sentences], dtype=object)
    para_ids = np.array([s.paragraph_id for s in sentences], dtype=object)
    frame_ids = np.array([f.id for f in cb.frames], dtype=object)
    labels = np.array([f.label for f in cb.frames], dtype=object)
    frame_idx = np.fromiter((h[2].frame for h in hits), dtype=np.int64, count=len(hits))
    body = doc.body
    df = pd.DataFrame(
        {
            "unit": sent_ids[which],
            "paragraph_id": para_ids[which],
            "frame": frame_ids[frame_idx],
            "label": labels[frame_idx],
            "pattern": [h[2].source for h in hits],
            "matched": [body[s:e] for s, e, _ in hits],
            "start": starts,
            "end": ends,
        },
        columns=HIT_COLUMNS,
    )
    return df


def _units(doc: Document, unit: str) -> list[tuple[str, int, int, int]]:
    """(id, start, end, n_words) of every unit at this level."""
    if unit == "document":
        return [(doc.slug, 0, len(doc.body), doc.n_words)]
    if unit not in ("sentence", "paragraph"):
        raise CodebookError(None, f"unknown unit {unit!r}", f"use unit= one of {list(UNIT_LEVELS)}")
    return [(u.id, u.start, u.end, u.n_words) for u in doc.units(unit)]


def _hit_counts(doc: Document, cb: Codebook, unit: str) -> tuple[list[tuple[str, int, int, int]], np.ndarray]:
    """Units and a (units x frames) matrix of hit counts; a hit belongs to the unit holding its start."""
    units = _units(doc, unit)
    counts = np.zeros((len(units), len(cb.frames)), dtype=np.int64)
    hits = code(doc, cb)
    if units and len(hits):
        unit_starts = np.array([u[1] for u in units], dtype=np.int64)
        rows = np.searchsorted(unit_starts, hits["start"].to_numpy(), side="right") - 1
        col_of = {f.id: j for j, f in enumerate(cb.frames)}
        cols = hits["frame"].map(col_of).to_numpy()
        np.add.at(counts, (rows, cols), 1)
    return units, counts


def _dominant(counts_row: np.ndarray, min_hits: int = DEFAULT_MIN_HITS) -> tuple[int, list[int]]:
    """Index of the dominant frame (-1 if no frame has ``min_hits`` hits) and the indices it is tied with."""
    top = int(counts_row.max()) if counts_row.size else 0
    if top == 0 or top < min_hits:
        return -1, []
    tied = [int(j) for j in np.flatnonzero(counts_row == top)]
    return tied[0], tied[1:]


def salience(
    doc: Document | str, codebook: str | Path | Codebook = DEFAULT_CODEBOOK, unit: str = "paragraph"
) -> pd.DataFrame:
    """Frame salience per unit: hits and hits per 100 words, one row per (unit, frame).

    Salience as relative frequency of frame indicators (Boydstun et al. 2014 dimensions counted
    as in dictionary analysis, Krippendorff 2004). Every frame of the codebook gets a row, zeros
    included. ``unit`` is ``"sentence"``, ``"paragraph"`` or ``"document"`` (one unit whose id is the
    document's slug). ``dominant`` marks the frame with most hits in the unit; ties go to the
    first frame in codebook order (see :func:`dominant_frames`). Rows follow the text, then the
    codebook order of frames. ``per_100_words`` is NaN for a unit with no words.

    >>> from kit.text import from_string
    >>> s = salience(from_string("Troops and drones."), unit="document")
    >>> s.loc[s.dominant, ["frame", "hits", "per_100_words"]].values.tolist()
    [['security_and_defense', 2, 66.66666666666667]]
    """
    doc = load_text(doc)
    cb = load_codebook(codebook)
    units, counts = _hit_counts(doc, cb, unit)
    rows = []
    for i, (uid, start, end, n_words) in enumerate(units):
        dom, _ = _dominant(counts[i], cb.min_hits)
        for j, f in enumerate(cb.frames):
            hits = int(counts[i, j])
            rows.append(
                {
                    "unit": uid,
                    "start": start,
                    "end": end,
                    "n_words": n_words,
                    "frame": f.id,
                    "label": f.label,
                    "hits": hits,
                    "per_100_words": 100.0 * hits / n_words if n_words else float("nan"),
                    "dominant": j == dom,
                }
            )
    df = pd.DataFrame(rows, columns=SALIENCE_COLUMNS)
    return _typed(df, ints=("start", "end", "n_words", "hits"), floats=("per_100_words",), bools=("dominant",))


def dominant_frames(
    doc: Document | str, codebook: str | Path | Codebook = DEFAULT_CODEBOOK, unit: str = "paragraph"
) -> pd.DataFrame:
    """The dominant frame of each unit (most hits), with ties reported and broken deterministically.

    A tie goes to the first frame in codebook order; ``tied_with`` lists the other frames with as
    many hits (";"-joined) and ``tie_break`` names the rule ("" when there was no tie). A unit where
    no frame has the codebook's ``min_hits`` hits (default 1) has no dominant frame:
    ``dominant_frame == ""`` and ``hits == 0`` (never ``other``, which is a frame a coder chooses).
    Method: dominant-frame coding of
    units by frame-indicator counts (Boydstun et al. 2014 dimensions).

    >>> from kit.text import from_string
    >>> dominant_frames(from_string("The troops prayed at the temple."))[["dominant_frame", "tied_with"]].values.tolist()
    [['security_and_defense', 'cultural_identity']]
    """
    doc = load_text(doc)
    cb = load_codebook(codebook)
    units, counts = _hit_counts(doc, cb, unit)
    rows = []
    for i, (uid, start, end, n_words) in enumerate(units):
        dom, tied = _dominant(counts[i], cb.min_hits)
        rows.append(
            {
                "unit": uid,
                "start": start,
                "end": end,
                "n_words": n_words,
                "dominant_frame": cb.frames[dom].id if dom >= 0 else "",
                "hits": int(counts[i, dom]) if dom >= 0 else 0,
                "tied_with": ";".join(cb.frames[j].id for j in tied),
                "tie_break": TIE_BREAK_RULE if tied else "",
            }
        )
    df = pd.DataFrame(rows, columns=DOMINANT_COLUMNS)
    return _typed(df, ints=("start", "end", "n_words", "hits"))


def frame_profile(
    doc: Document | str, codebook: str | Path | Codebook = DEFAULT_CODEBOOK, units: Iterable[str] | None = None
) -> pd.DataFrame:
    """Hits and share of hits per frame, over the whole text or only the given unit ids.

    ``units`` may mix paragraph and sentence ids (``["p01", "p03.s2"]``); a hit counts if it
    starts inside any of them, and a word is counted once even if two ids cover it. ``share`` is
    the frame's fraction of all hits in the selection (NaN when there are none). Use it for
    ablations: the profile without the anecdote is ``units=[p.id for p in doc.paragraphs if
    p.id != "p03"]``. One row per frame, in codebook order.

    >>> from kit.text import from_string
    >>> doc = from_string("Troops and drones.\\n\\nA temple festival.")
    >>> prof = frame_profile(doc, units=["p02"]).set_index("frame")
    >>> int(prof.loc["cultural_identity", "hits"]), float(prof.loc["cultural_identity", "share"])
    (2, 1.0)
    """
    doc = load_text(doc)
    cb = load_codebook(codebook)
    hits = code(doc, cb)
    if units is None:
        spans = [(0, len(doc.body))] if doc.paragraphs else []
    else:
        if isinstance(units, str):
            units = [units]
        chosen = [doc.unit(u) for u in units]  # a TextError names an unknown id
        spans = []
        for s, e in sorted((u.start, u.end) for u in chosen):
            if spans and s <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], e))
            else:
                spans.append((s, e))

    def inside(pos: np.ndarray) -> np.ndarray:
        if not spans:
            return np.zeros(len(pos), dtype=bool)
        starts = np.array([s for s, _ in spans])
        ends = np.array([e for _, e in spans])
        k = np.searchsorted(starts, pos, side="right") - 1
        return (k >= 0) & (pos < ends[np.clip(k, 0, None)])

    token_starts = np.fromiter((t.start for t in doc.tokens), dtype=np.int64)
    n_words = int(inside(token_starts).sum())
    selected = hits[inside(hits["start"].to_numpy())] if len(hits) else hits
    per_frame = selected["frame"].value_counts()
    total = int(len(selected))
    rows = []
    for f in cb.frames:
        n = int(per_frame.get(f.id, 0))
        rows.append(
            {
                "frame": f.id,
                "label": f.label,
                "hits": n,
                "share": n / total if total else float("nan"),
                "n_words": n_words,
                "per_100_words": 100.0 * n / n_words if n_words else float("nan"),
            }
        )
    df = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    return _typed(df, ints=("hits", "n_words"), floats=("share", "per_100_words"))


# ---------------------------------------------------------------- crosswalk


@lru_cache(maxsize=1)
def _crosswalk_data(mtime_ns: int) -> pd.DataFrame:
    path = CROSSWALK_FILE
    data = parse_yaml(path.read_text(encoding="utf-8"), path, CodebookError, "fix the YAML syntax")
    mfc = load_codebook("mfc")
    generic = load_codebook("generic")
    if not isinstance(data, dict) or not isinstance(data.get("mappings"), list):
        raise CodebookError(path, "the crosswalk needs a 'mappings' list", "see the header of crosswalk.yml")
    rows = []
    for i, m in enumerate(data["mappings"]):
        where = f"{path} (mapping {i + 1})"
        if not isinstance(m, dict) or set(m) - set(CROSSWALK_COLUMNS) or "mfc_frame" not in m:
            raise CodebookError(where, "each mapping needs mfc_frame and optional generic_frame, entman_function, note",
                                f"use only the keys {CROSSWALK_COLUMNS}")
        row = {c: ("" if m.get(c) is None else str(m.get(c))) for c in CROSSWALK_COLUMNS}
        if row["mfc_frame"] not in mfc.frame_ids:
            raise CodebookError(where, f"unknown mfc frame {row['mfc_frame']!r}", f"use one of {mfc.frame_ids}")
        if row["generic_frame"] and row["generic_frame"] not in generic.frame_ids:
            raise CodebookError(where, f"unknown generic frame {row['generic_frame']!r}", f"use one of {generic.frame_ids}")
        if row["entman_function"] and row["entman_function"] not in ENTMAN_FUNCTIONS:
            raise CodebookError(where, f"unknown Entman function {row['entman_function']!r}",
                                f"use one of {list(ENTMAN_FUNCTIONS)} or leave it empty")
        rows.append(row)
    df = pd.DataFrame(rows, columns=CROSSWALK_COLUMNS)
    missing = sorted(set(mfc.frame_ids) - set(df["mfc_frame"]))
    dupes = sorted(set(df.loc[df["mfc_frame"].duplicated(), "mfc_frame"]))
    if missing or dupes:
        raise CodebookError(path, f"every mfc frame needs exactly one mapping (missing {missing}, twice {dupes})",
                            "add or remove mappings")
    order = {f: i for i, f in enumerate(mfc.frame_ids)}
    return df.sort_values("mfc_frame", key=lambda s: s.map(order)).reset_index(drop=True)


def crosswalk() -> pd.DataFrame:
    """The MFC -> generic frames crosswalk: mfc_frame, generic_frame, entman_function, note.

    Maps Boydstun et al.'s (2014) dimensions to Semetko & Valkenburg's (2000) generic frames and,
    where one applies, to Entman's (1993) framing functions ("" where none does). One row per
    mfc frame, in codebook order.

    >>> crosswalk().set_index("mfc_frame").loc["economic", "generic_frame"]
    'economic_consequences'
    """
    return _crosswalk_data(CROSSWALK_FILE.stat().st_mtime_ns).copy()


def lint_codebook(codebook: str | Path | Codebook = DEFAULT_CODEBOOK) -> list[str]:
    """Problems a codebook that loads can still have, one line each naming file, line, key and fix.

    - the same pattern in two frames: its hits count for both, so it cannot tell them apart;
    - (``mfc`` only) a frame with no entry in ``crosswalk.yml``, or an entry for a frame the codebook
      lacks: :func:`to_generic` and lesson 3 need exactly one mapping per frame.

    Problems that make a codebook unusable (a ``min_hits`` that is not a positive whole number, a
    stem under three characters, a phrase across punctuation) already stop :func:`load_codebook`.

    >>> lint_codebook("mfc")
    []
    """
    cb = load_codebook(codebook)
    where = cb.path or cb.name
    frame_lines: list[int] = []
    key_lines: list[dict[str, int]] = []
    if cb.path is not None:
        _, frame_lines, key_lines = _node_lines(cb.path.read_text(encoding="utf-8"))
    problems = []
    first_frame: dict[str, str] = {}
    for i, f in enumerate(cb.frames):
        line = key_lines[i].get("patterns", frame_lines[i]) if i < len(key_lines) else 1
        for pattern in f.patterns:
            other = first_frame.setdefault(pattern, f.id)
            if other != f.id:
                problems.append(str(CodebookError(
                    f"{where}:{line}", f"frame '{f.id}': pattern '{pattern}' is also a pattern of frame '{other}'",
                    "keep it in the one frame it defines, or write each frame's own phrase")))
    if cb.name == DEFAULT_CODEBOOK:
        problems.extend(_crosswalk_gaps(cb, where, frame_lines))
    return problems


def _crosswalk_gaps(cb: Codebook, where: str | Path, frame_lines: list[int]) -> list[str]:
    """One line per mfc frame without a crosswalk entry, and per entry naming no frame of the codebook."""
    data = parse_yaml(CROSSWALK_FILE.read_text(encoding="utf-8"), CROSSWALK_FILE, CodebookError, "fix the YAML syntax")
    mapped = [m.get("mfc_frame") for m in (data or {}).get("mappings", []) if isinstance(m, dict)]
    problems = []
    for i, f in enumerate(cb.frames):
        if f.id not in mapped:
            line = frame_lines[i] if i < len(frame_lines) else 1
            problems.append(str(CodebookError(
                f"{where}:{line}", f"frame '{f.id}' has no entry in {CROSSWALK_FILE.name}",
                f"add '- mfc_frame: {f.id}' with generic_frame, entman_function and note to {CROSSWALK_FILE}")))
    for frame_id in mapped:
        if frame_id not in cb.frame_ids:
            problems.append(str(CodebookError(
                CROSSWALK_FILE, f"mfc_frame '{frame_id}' is not a frame of {where}",
                "remove the entry or add the frame to the codebook")))
    return problems


def to_generic(hits_or_salience: pd.DataFrame) -> pd.DataFrame:
    """Map mfc hits (from :func:`code`) or mfc salience (from :func:`salience`) to generic frames.

    Hits: each row's ``frame``/``label`` become the generic frame's, ``mfc_frame`` keeps the
    original; hits of mfc frames with no generic counterpart are dropped, and a span reached
    through two mfc frames that map to one generic frame counts once (a token counts once per
    frame). Salience: hits are summed per (unit, generic frame), so there a word hit by two
    such mfc frames counts twice; map the hits and recompute for exact counts. Crosswalk:
    Semetko & Valkenburg (2000) frames from Boydstun et al. (2014) dimensions.
    """
    df = hits_or_salience
    if not isinstance(df, pd.DataFrame) or "frame" not in df.columns:
        raise CodebookError(None, "to_generic() needs the table from code() or salience()",
                            "pass code(doc) or salience(doc), computed with the mfc codebook")
    cw = crosswalk().set_index("mfc_frame")
    unknown = sorted(set(df["frame"]) - set(cw.index))
    if unknown:
        raise CodebookError(None, f"frames {unknown} are not mfc frames",
                            "compute the table with codebook='mfc' before mapping it")
    generic = load_codebook("generic")
    labels = {f.id: f.label for f in generic.frames}
    mapped = df["frame"].map(cw["generic_frame"])
    if "hits" in df.columns:  # salience
        needed = set(SALIENCE_COLUMNS) - set(df.columns)
        if needed:
            raise CodebookError(None, f"salience table lacks {sorted(needed)}", "pass salience(doc) unchanged")
        units = df[["unit", "start", "end", "n_words"]].drop_duplicates("unit")
        rows = []
        sums = df.assign(generic=mapped).groupby(["unit", "generic"], sort=False)["hits"].sum()
        for u in units.itertuples(index=False):
            block = []
            for f in generic.frames:
                hits = int(sums.get((u.unit, f.id), 0))
                per = 100.0 * hits / u.n_words if u.n_words else float("nan")
                block.append({"unit": u.unit, "start": u.start, "end": u.end, "n_words": u.n_words, "frame": f.id,
                              "label": f.label, "hits": hits, "per_100_words": per, "dominant": False})
            top = max(b["hits"] for b in block)
            if top > 0 and top >= generic.min_hits:
                next(b for b in block if b["hits"] == top)["dominant"] = True
            rows.extend(block)
        out = pd.DataFrame(rows, columns=SALIENCE_COLUMNS)
        return _typed(out, ints=("start", "end", "n_words", "hits"), floats=("per_100_words",), bools=("dominant",))
    needed = set(HIT_COLUMNS) - set(df.columns)
    if needed:
        raise CodebookError(None, f"hits table lacks {sorted(needed)}", "pass code(doc) unchanged")
    out = df.assign(mfc_frame=df["frame"], frame=mapped)
    out = out[out["frame"] != ""]
    out = out.assign(label=out["frame"].map(labels))
    out = out.drop_duplicates(["start", "end", "frame"])
    cols = [*HIT_COLUMNS, "mfc_frame"]
    out = out[cols].sort_values(["start", "frame"], kind="stable").reset_index(drop=True)
    return _typed(out, ints=("start", "end"))


# ---------------------------------------------------------------- human coding and kit coding


def kit_coding(
    doc: Document | str, codebook: str | Path | Codebook = DEFAULT_CODEBOOK, unit: str = "paragraph"
) -> pd.DataFrame:
    """The kit's dominant frame per unit as a coding (coder ``"kit"``), for :mod:`kit.agreement`.

    Columns ``unit``, ``start``, ``end``, ``coder``, ``frame``; a unit where no frame reaches the
    codebook's ``min_hits`` gets :data:`NO_FRAME` (``"none"``). Compare with human coding (Krippendorff 2004) via :func:`kit.agreement.agreement_table`.

    >>> from kit.text import from_string
    >>> kit_coding(from_string("Troops.\\n\\nHello."))["frame"].tolist()
    ['security_and_defense', 'none']
    """
    dom = dominant_frames(doc, codebook, unit)
    out = pd.DataFrame(
        {
            "unit": dom["unit"],
            "start": dom["start"],
            "end": dom["end"],
            "coder": "kit",
            "frame": dom["dominant_frame"].where(dom["dominant_frame"] != "", NO_FRAME),
        },
        columns=CODING_COLUMNS,
    )
    return _typed(out, ints=("start", "end"))


def has_human_frames(slug: str) -> bool:
    """Whether ``texts/annotations/<slug>_frames.csv`` exists (lessons skip agreement when it does not)."""
    return (paths.annotations_dir() / f"{slug}_frames.csv").is_file()


def _check_field_counts(file: Path) -> None:
    """Refuse a CSV row with more fields than the header, naming its line (pandas would shift the columns)."""
    with open(file, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, skipinitialspace=True)
        header = next(reader, None)
        for row in reader:
            if header is not None and len(row) > len(header):
                raise AnnotationError(f"{file}:{reader.line_num}", f"{len(row)} fields where the header has {len(header)}",
                                      'remove the extra commas, or put a field that contains a comma in double quotes')


def _frame_file(doc: Document, path: str | Path | None) -> Path:
    return Path(path) if path is not None else paths.annotations_dir() / f"{doc.slug}_frames.csv"


def stale_frame_codings(doc: Document | str, path: str | Path | None = None) -> dict[str, AnnotationError]:
    """Rows of a human frame file that do not fit this body, each an error naming ``file:line`` and the fix,
    keyed by unit id: a paragraph id the body does not have, or a pinned paragraph whose words changed
    since it was coded (the ``fingerprint`` column, :mod:`kit.pins`). Empty when the file fits.
    """
    doc = load_text(doc)
    file = _frame_file(doc, path)
    with open(file, encoding="utf-8", newline="") as handle:
        rows = [(i, {str(k).strip(): (v or "").strip() for k, v in row.items() if k is not None})
                for i, row in enumerate(csv.DictReader(handle, skipinitialspace=True), start=2)]
    paragraph_ids = [p.id for p in doc.paragraphs]
    stale: dict[str, AnnotationError] = {}
    for line, row in rows:
        unit_id, pin = row.get("unit", ""), row.get(FINGERPRINT_COLUMN, "")
        if unit_id in stale:
            continue
        if not pin and unit_id not in paragraph_ids:
            stale[unit_id] = AnnotationError(
                f"{file}:{line}",
                f"unknown paragraph id {unit_id!r}{did_you_mean_unit(unit_id, paragraph_ids)}",
                f"use a paragraph id of this body ({paragraph_ids[0]}..{paragraph_ids[-1]}); a coding of another "
                "version of the text needs its changed paragraphs re-coded" if paragraph_ids else "add a body",
            )
            continue
        _, moved = pins.check(doc, [f"{unit_id}{pins.PIN_MARK}{pin}" if pin else unit_id])
        if moved:
            stale[unit_id] = AnnotationError(f"{file}:{line}", f"{moved[0].problem()} since it was coded",
                                             f"re-code the paragraph, or {moved[0].fix(doc.slug)}")
    return stale


def load_human_frames(
    slug: str | Document = "oped",
    codebook: str | Path | Codebook = DEFAULT_CODEBOOK,
    path: str | Path | None = None,
    drop_stale: bool = False,
) -> pd.DataFrame:
    """Human frame coding of a text, from ``texts/annotations/<slug>_frames.csv``.

    The file has the columns ``unit,primary,secondary,coder,note`` (unit = paragraph id;
    ``secondary`` empty or frame ids joined by ";") and optionally ``fingerprint``, the paragraph's
    fingerprint when it was coded (:mod:`kit.pins`). Returns codings for :mod:`kit.agreement`:
    ``unit``, ``start``, ``end``, ``coder``, ``frame`` (= primary), ``secondary``, ``note``, sorted by
    coder then text order. Frame ids are checked against the codebook and unit ids (and fingerprints)
    against the text; a problem raises :class:`~kit.errors.AnnotationError` naming the file, line and
    fix. ``slug`` may be a Document (an edited copy of a text keeps its slug's annotations);
    ``drop_stale=True`` leaves out the rows :func:`stale_frame_codings` lists instead of raising.
    ``path`` reads another file (for tests or a second coder's file).
    """
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise AnnotationError(None, f"path is the path of a frame coding file, got {type(path).__name__}",
                              "pass e.g. path='texts/annotations/oped_frames.csv', or leave it out")
    doc = load_text(slug)
    cb = load_codebook(codebook)
    file = _frame_file(doc, path)
    if not file.is_file():
        raise AnnotationError(file, "no frame coding file", "write it with the columns " + ",".join(HUMAN_FRAME_FILE_COLUMNS))
    try:
        _check_field_counts(file)
        raw = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8", skipinitialspace=True)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise AnnotationError(file, f"not a readable UTF-8 CSV file ({problem})", "save it as UTF-8 CSV") from None
    raw.columns = [str(c).strip() for c in raw.columns]
    missing = [c for c in HUMAN_FRAME_FILE_COLUMNS if c not in raw.columns]
    if missing:
        raise AnnotationError(f"{file}:1", f"missing column(s) {missing}",
                              "the header line must be " + ",".join(HUMAN_FRAME_FILE_COLUMNS))
    stale = stale_frame_codings(doc, file)
    if stale and not drop_stale:
        raise next(iter(stale.values()))
    units = {p.id: p for p in doc.paragraphs}
    frame_ids = set(cb.frame_ids)
    rows = []
    seen: dict[tuple[str, str], int] = {}
    for i, r in enumerate(raw.itertuples(index=False)):
        line = i + 2
        where = f"{file}:{line}"
        unit_id, primary, coder = r.unit.strip(), r.primary.strip(), r.coder.strip()
        if unit_id in stale:
            continue
        if not coder:
            raise AnnotationError(where, "the coder column is empty", "write the coder's name or initials")
        secondary = [s.strip() for s in r.secondary.split(";") if s.strip()]
        for value, what in [(primary, "primary"), *[(s, "secondary") for s in secondary]]:
            if value not in frame_ids:
                hint = suggestion(value, sorted(frame_ids))
                raise AnnotationError(where, f"{what} frame {value!r} is not in codebook '{cb.name}'",
                                      f"{hint}use a frame id from kit/codebooks/{cb.name}.yml")
        if (unit_id, coder) in seen:
            raise AnnotationError(where, f"{unit_id} is coded twice by {coder!r} (first on line {seen[unit_id, coder]})",
                                  "keep one row per paragraph and coder")
        seen[unit_id, coder] = line
        p = units[unit_id]
        rows.append({"unit": unit_id, "start": p.start, "end": p.end, "coder": coder, "frame": primary,
                     "secondary": ";".join(secondary), "note": r.note.strip()})
    cols = [*CODING_COLUMNS, "secondary", "note"]
    df = pd.DataFrame(rows, columns=cols)
    df = _typed(df, ints=("start", "end"))
    return df.sort_values(["coder", "start"], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class ReferenceComparison:
    """The human reference coding beside the kit's, on the paragraphs both can be compared on.

    ``codings`` is None when the text has no reference coding in this codebook and unit; ``note``
    says what was compared; ``left_out`` has one line per paragraph left out (coded for another
    version of the body, or not coded by the human coder).
    """

    codings: pd.DataFrame | None
    note: str
    left_out: tuple[str, ...] = ()


def reference_comparison(
    doc: Document | str, codebook: str | Path | Codebook = DEFAULT_CODEBOOK, unit: str = "paragraph"
) -> ReferenceComparison:
    """The text's human frame coding and the kit's on the same paragraphs, for :mod:`kit.agreement`.

    Only paragraphs whose words are still those the human coded take part: a row of the file for
    another version of the body is left out (:func:`stale_frame_codings`), and so is a paragraph of
    the body the human did not code, each named in ``left_out``; the comparison never fails on them.
    """
    doc = load_text(doc)
    cb = load_codebook(codebook)
    if not has_human_frames(doc.slug) or cb.name != DEFAULT_CODEBOOK or unit != "paragraph":
        return ReferenceComparison(
            None, f"No reference coding of '{doc.slug}' with the mfc codebook by paragraph: agreement is skipped."
        )
    stale = stale_frame_codings(doc)
    human = load_human_frames(doc, cb, drop_stale=True)
    machine = kit_coding(doc, cb, unit="paragraph")
    uncoded = [u for u in machine["unit"] if u not in set(human["unit"]) and u not in stale]
    file = paths.annotations_dir() / f"{doc.slug}_frames.csv"
    left_out = tuple(str(e) for e in stale.values()) + tuple(
        f"{u}: not in {file.name}, so only the kit coded it" for u in uncoded
    )
    if human.empty:
        return ReferenceComparison(None, f"No paragraph of {file.name} fits this body: agreement is skipped.", left_out)
    machine = machine[machine["unit"].isin(set(human["unit"]))]
    codings = pd.concat([human, machine], ignore_index=True)
    note = f"{human['unit'].nunique()} paragraphs coded by {', '.join(sorted(codings['coder'].unique()))}"
    if left_out:
        note += f"; {len(left_out)} paragraph(s) left out, so agreement is measured on the shared ones:"
    return ReferenceComparison(codings, note, left_out)
