"""Frame codebooks: the model (:class:`Frame`, :class:`Codebook`), loading and validating a codebook
file with errors that name its line, the crosswalk between codebooks, and the codebook linter.

A *codebook* (``kit/codebooks/<name>.yml``) lists frames, each with dictionary patterns in the kit's
one pattern language (:mod:`kit.patterns`). Codebooks shipped with the kit:

- ``mfc``: the 15 frame dimensions of the Media Frames Corpus policy-frames codebook
  (Boydstun, Gross, Resnik & Smith 2014; Card, Boydstun, Gross, Resnik & Smith 2015). Default.
- ``generic``: Semetko & Valkenburg's (2000) five generic news frames.
- ``crosswalk.yml``: MFC dimensions mapped to the generic frames and to Entman's (1993) four
  framing functions, where such a mapping is defensible.

Coding a text with a codebook is :mod:`kit.framing`'s step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from kit import paths, safe_yaml
from kit.errors import CodebookError, parse_yaml, suggestion, unknown_key_fix
from kit.patterns import PATTERN_FIX, Matcher, Pattern, make_pattern, parse_pattern

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
FRAME_ID_RE = re.compile(r"^[a-z][a-z0-9_]*\Z")  # \Z: a trailing line break is no part of an id
#: Hits a frame needs in a unit to be its dominant frame, unless the codebook sets ``min_hits``.
DEFAULT_MIN_HITS = 1
CROSSWALK_COLUMNS = ["mfc_frame", "generic_frame", "entman_function", "note"]
ENTMAN_FUNCTIONS = ("problem_definition", "causal_interpretation", "moral_evaluation", "treatment_recommendation")


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
        raise CodebookError(
            candidate, "codebook file not found", f"check the path; shipped codebooks: {list_codebooks()}"
        )
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
    """Read, check and compile one codebook file, in the order its checks are listed here."""
    text = _read_codebook_text(path)
    data = _parse_codebook(text, path)
    top_lines, frame_lines, frame_key_lines = _node_lines(text)
    _check_top_level_keys(data, path, top_lines)
    min_hits = _check_min_hits(data, path, top_lines)
    frames_raw = _check_frame_list(data, path, top_lines)
    compiled: list[Pattern] = []
    seen: dict[str, int] = {}
    frames = [
        _read_frame(raw, _FrameSite.of(path, i, frame_lines, frame_key_lines), seen, compiled)
        for i, raw in enumerate(frames_raw)
    ]
    return _build_codebook(data, path, frames, compiled, min_hits)


def _read_codebook_text(path: Path) -> str:
    """The file's text; a file that is not UTF-8 is refused with the offset of its first bad byte."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CodebookError(path, f"not UTF-8 (byte offset {exc.start})", "re-save the file as UTF-8") from None


def _parse_codebook(text: str, path: Path) -> dict:
    """The file's YAML, which must be a mapping of keys."""
    data = parse_yaml(
        text,
        path,
        CodebookError,
        "check the indentation and quote patterns that contain ':' or start with '*', e.g. - \"drone*\"",
    )
    if not isinstance(data, dict):
        raise CodebookError(f"{path}:1", "a codebook must be a mapping of keys", "start from kit/codebooks/mfc.yml")
    return data


def _check_top_level_keys(data: dict, path: Path, top_lines: dict[str, int]) -> None:
    """No key outside :data:`CODEBOOK_KEYS`, and every required one present and not empty."""
    for key in data:
        if key not in CODEBOOK_KEYS:
            fix = unknown_key_fix(key, CODEBOOK_KEYS, f"use only {list(CODEBOOK_KEYS)}")
            raise CodebookError(f"{path}:{top_lines.get(str(key), 1)}", f"unknown key '{key}'", fix)
    for key, required in CODEBOOK_KEYS.items():
        if required and (key not in data or data[key] in (None, "")):
            raise CodebookError(path, f"missing top-level key '{key}'", f"add '{key}: ...' at the top of the file")


def _check_min_hits(data: dict, path: Path, top_lines: dict[str, int]) -> int:
    """The codebook's ``min_hits`` (default :data:`DEFAULT_MIN_HITS`), a positive whole number."""
    min_hits = data.get("min_hits", DEFAULT_MIN_HITS)
    if isinstance(min_hits, bool) or not isinstance(min_hits, int) or min_hits < 1:
        raise CodebookError(
            f"{path}:{top_lines.get('min_hits', 1)}",
            f"min_hits {min_hits!r} is not a positive whole number",
            "write min_hits: 1 (any hit can make a frame dominant) or a larger whole number such as 3",
        )
    return min_hits


def _check_frame_list(data: dict, path: Path, top_lines: dict[str, int]) -> list:
    """The codebook's ``frames``, a non-empty list."""
    frames_raw = data["frames"]
    if not isinstance(frames_raw, list) or not frames_raw:
        raise CodebookError(
            f"{path}:{top_lines.get('frames', 1)}", "'frames' must be a non-empty list", "write frames: then - id: ..."
        )
    return frames_raw


@dataclass(frozen=True)
class _FrameSite:
    """Where one frame stands in its codebook file, for its messages: the file, the frame's line, its keys' lines."""

    path: Path
    index: int
    line: int
    key_lines: dict[str, int]
    name: str = ""

    @classmethod
    def of(cls, path: Path, index: int, frame_lines: list[int], frame_key_lines: list[dict[str, int]]) -> _FrameSite:
        line = frame_lines[index] if index < len(frame_lines) else 1
        key_lines = frame_key_lines[index] if index < len(frame_key_lines) else {}
        return cls(path, index, line, key_lines)

    def here(self) -> str:
        """``file:line`` of the frame."""
        return f"{self.path}:{self.line}"

    def at(self, key: object) -> str:
        """``file:line`` of the frame's ``key`` (of the frame where the key's line is not known)."""
        return f"{self.path}:{self.key_lines.get(str(key), self.line)}"


def _read_frame(raw: object, site: _FrameSite, seen: dict[str, int], compiled: list[Pattern]) -> Frame:
    """One checked frame; its patterns are compiled onto ``compiled`` and its id is entered in ``seen``."""
    if not isinstance(raw, dict):
        raise CodebookError(site.here(), f"frame {site.index + 1} is not a mapping", "write - id: ... then label: ...")
    site = replace(site, name=_frame_name(raw, site.index))
    _check_frame_keys(raw, site)
    frame_id = _check_frame_id(raw["id"], site, seen)
    _check_frame_texts(raw, site)
    lists = _frame_lists(raw, site)
    patterns, exclude = _compile_frame_patterns(lists, site, compiled)
    return Frame(
        id=frame_id,
        label=raw["label"].strip(),
        description=" ".join(raw["description"].split()),
        patterns=patterns,
        exclude=exclude,
        examples=lists["examples"],
    )


def _frame_name(raw: dict, i: int) -> str:
    """How messages name the frame: ``frame 3 ('economic')``, or by its label when it has no id."""
    return f"frame {i + 1}" + (f" ('{raw['id']}')" if raw.get("id") else f" (label {raw.get('label')!r})")


def _check_frame_keys(raw: dict, site: _FrameSite) -> None:
    """No key outside :data:`FRAME_KEYS`, and every required one present and not empty."""
    for key in raw:
        if key not in FRAME_KEYS:
            fix = unknown_key_fix(key, FRAME_KEYS, f"use only {list(FRAME_KEYS)}")
            raise CodebookError(site.at(key), f"{site.name}: unknown key '{key}'", fix)
    for key, required in FRAME_KEYS.items():
        if required and (key not in raw or raw[key] is None or raw[key] == ""):
            raise CodebookError(site.here(), f"{site.name}: missing '{key}'", f"add '{key}: ...' to this frame")


def _check_frame_id(frame_id: object, site: _FrameSite, seen: dict[str, int]) -> str:
    """The frame's id: a lower-case identifier no earlier frame has (``seen``: id -> index of its frame)."""
    if not isinstance(frame_id, str) or not FRAME_ID_RE.match(frame_id):
        raise CodebookError(
            site.at("id"),
            f"{site.name}: id {frame_id!r} is not a lower-case identifier",
            "use lower-case letters, digits and _, e.g. security_and_defense",
        )
    if frame_id in seen:
        raise CodebookError(
            site.at("id"),
            f"{site.name}: duplicate id '{frame_id}' (already used by frame {seen[frame_id] + 1})",
            "give every frame its own id",
        )
    seen[frame_id] = site.index
    return frame_id


def _check_frame_texts(raw: dict, site: _FrameSite) -> None:
    """The frame's label and description are text."""
    for key in ("label", "description"):
        if not isinstance(raw[key], str):
            raise CodebookError(site.at(key), f"{site.name}: '{key}' must be text", "quote it")


def _frame_lists(raw: dict, site: _FrameSite) -> dict[str, tuple[str, ...]]:
    """The frame's patterns, exclude patterns and examples, each a list of text; patterns not empty."""
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("patterns", "exclude", "examples"):
        value = raw.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise CodebookError(
                site.at(key),
                f"{site.name}: '{key}' must be a list of text",
                f'write {key}: ["drone*", "fighter jet*"] or one - "..." per line',
            )
        lists[key] = tuple(value)
    if not lists["patterns"]:
        raise CodebookError(
            site.at("patterns"),
            f"{site.name}: the pattern list is empty",
            'give the frame at least one pattern, e.g. patterns: ["drone*"]',
        )
    return lists


def _compile_frame_patterns(
    lists: dict[str, tuple[str, ...]], site: _FrameSite, compiled: list[Pattern]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The frame's patterns and exclude patterns in normal form, each compiled onto ``compiled``; no pattern twice."""
    normalised: dict[str, list[str]] = {"patterns": [], "exclude": []}
    for key in ("patterns", "exclude"):
        for raw_pattern in lists[key]:
            words = parse_pattern(raw_pattern)
            if isinstance(words, str):
                raise CodebookError(
                    site.at(key),
                    f"{site.name}: {'pattern' if key == 'patterns' else 'exclude pattern'} {raw_pattern!r} {words}",
                    PATTERN_FIX,
                )
            pattern = make_pattern(len(compiled), site.index, key == "exclude", words)
            if pattern.source in normalised["patterns"] or pattern.source in normalised["exclude"]:
                raise CodebookError(
                    site.at(key),
                    f"{site.name}: pattern {raw_pattern!r} is listed twice",
                    "remove the duplicate (patterns are case-insensitive)",
                )
            normalised[key].append(pattern.source)
            compiled.append(pattern)
    return tuple(normalised["patterns"]), tuple(normalised["exclude"])


def _build_codebook(data: dict, path: Path, frames: list[Frame], compiled: list[Pattern], min_hits: int) -> Codebook:
    """The codebook of checked top-level keys and frames, its patterns compiled into one matcher."""
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
            raise CodebookError(
                where,
                "each mapping needs mfc_frame and optional generic_frame, entman_function, note",
                f"use only the keys {CROSSWALK_COLUMNS}",
            )
        row = {c: ("" if m.get(c) is None else str(m.get(c))) for c in CROSSWALK_COLUMNS}
        if row["mfc_frame"] not in mfc.frame_ids:
            raise CodebookError(where, f"unknown mfc frame {row['mfc_frame']!r}", f"use one of {mfc.frame_ids}")
        if row["generic_frame"] and row["generic_frame"] not in generic.frame_ids:
            raise CodebookError(
                where, f"unknown generic frame {row['generic_frame']!r}", f"use one of {generic.frame_ids}"
            )
        if row["entman_function"] and row["entman_function"] not in ENTMAN_FUNCTIONS:
            raise CodebookError(
                where,
                f"unknown Entman function {row['entman_function']!r}",
                f"use one of {list(ENTMAN_FUNCTIONS)} or leave it empty",
            )
        rows.append(row)
    df = pd.DataFrame(rows, columns=CROSSWALK_COLUMNS)
    missing = sorted(set(mfc.frame_ids) - set(df["mfc_frame"]))
    dupes = sorted(set(df.loc[df["mfc_frame"].duplicated(), "mfc_frame"]))
    if missing or dupes:
        raise CodebookError(
            path,
            f"every mfc frame needs exactly one mapping (missing {missing}, twice {dupes})",
            "add or remove mappings",
        )
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
                problems.append(
                    str(
                        CodebookError(
                            f"{where}:{line}",
                            f"frame '{f.id}': pattern '{pattern}' is also a pattern of frame '{other}'",
                            "keep it in the one frame it defines, or write each frame's own phrase",
                        )
                    )
                )
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
            problems.append(
                str(
                    CodebookError(
                        f"{where}:{line}",
                        f"frame '{f.id}' has no entry in {CROSSWALK_FILE.name}",
                        f"add '- mfc_frame: {f.id}' with generic_frame, entman_function and note to {CROSSWALK_FILE}",
                    )
                )
            )
    for frame_id in mapped:
        if frame_id not in cb.frame_ids:
            problems.append(
                str(
                    CodebookError(
                        CROSSWALK_FILE,
                        f"mfc_frame '{frame_id}' is not a frame of {where}",
                        "remove the entry or add the frame to the codebook",
                    )
                )
            )
    return problems
