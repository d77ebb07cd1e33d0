"""Actors: the groups a text talks about (patterns from an actor file), their mentions, and whether they speak."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from kit import paths
from kit.errors import WordListError, parse_yaml
from kit.quotes.cues import compiled_cues, word_list
from kit.quotes.extraction import extract, run_extraction, unit_of
from kit.quotes.model import ACTOR_COLUMNS, MENTION_COLUMNS
from kit.quotes.names import NameIndex
from kit.text import Document, accepts_text

#: The op-ed's actor groups, beside its annotations (the default of :func:`load_actors`).
ACTORS_PATH = paths.annotations_dir() / "oped_actors.yml"
#: At most this many people and organisations are listed when a text names no actor groups.
MAX_FOUND_ACTORS = 12


def actors_file(slug: str) -> Path:
    """Where the actor groups of text ``slug`` may live: ``texts/annotations/<slug>_actors.yml``."""
    return paths.annotations_dir() / f"{slug}_actors.yml"


def load_actors(path: str | Path | None = None) -> list[dict[str, Any]]:
    """The actor groups of an actor file (default: the op-ed's), validated: id, label, patterns."""
    p = Path(path) if path is not None else ACTORS_PATH
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WordListError(
            p, "actor file not found", "pass an existing file (format: texts/annotations/oped_actors.yml)"
        ) from None
    data = parse_yaml(raw, p, WordListError, "check the indentation of the lists", what="actor file is not valid YAML")
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list) or not data["actors"]:
        raise WordListError(
            p, "the file needs a non-empty list under 'actors'", "see the header of texts/annotations/oped_actors.yml"
        )
    seen: set[str] = set()
    out = []
    for i, group in enumerate(data["actors"], start=1):
        where = f"{p}: actors[{i}]"
        if not isinstance(group, dict) or set(group) != {"id", "label", "patterns"}:
            raise WordListError(
                where, "each group needs exactly id, label and patterns", "write - id: ..., label: ..., patterns: [...]"
            )
        if not isinstance(group["id"], str) or not re.fullmatch(r"[a-z][a-z0-9_]*", group["id"]):
            raise WordListError(where, f"id {group['id']!r} must be lower-case letters, digits and _", "e.g. id: junta")
        if group["id"] in seen:
            raise WordListError(where, f"id {group['id']!r} is used twice", "give every group its own id")
        seen.add(group["id"])
        if not isinstance(group["label"], str) or not group["label"].strip():
            raise WordListError(where, "label must be a non-empty string", "write label: <what the group is>")
        patterns = word_list(p, f"actors[{i}].patterns", group["patterns"])
        out.append({"id": group["id"], "label": group["label"].strip(), "patterns": patterns})
    return out


def _slug(name: str, seen: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "actor"
    if not base[0].isalpha():
        base = f"a_{base}"
    slug, n = base, 2
    while slug in seen:
        slug, n = f"{base}_{n}", n + 1
    seen.add(slug)
    return slug


def front_matter_actors(doc: Document) -> list[dict[str, Any]]:
    """The actor groups of the text's front matter (``actors:`` group name -> list of names or patterns)."""
    value = doc.metadata.get("actors")
    where = f"{doc.path or doc.slug}: actors"
    if not isinstance(value, dict) or not value:
        raise WordListError(where, "must map group names to lists of names", "write actors: {Police: [police, officers]}")
    seen: set[str] = set()
    return [
        {"id": _slug(str(label), seen), "label": str(label), "patterns": word_list(where, str(label), patterns)}
        for label, patterns in value.items()
    ]


#: Endings that make a place's adjective of its name: "North Korea" -> "North Korean", "Sri Lanka" ->
#: "Sri Lankan", "South Africa" -> "South African", "New Zealand" -> "New Zealander".
_ADJECTIVE_ENDINGS = ("n", "an", "ian", "ese", "i", "ish", "er")
#: Words before a capitalised run that make it a thing or a place, not a person's name.
_NOT_A_PERSON_BEFORE = re.compile(r"(?<![\w’'\-])(?i:the|a|an|in|at|on|near|outside|inside)\s+\Z")


def _is_place_adjective(name: str, places: frozenset[str] | set[str]) -> bool:
    """Is ``name`` the adjective of a known place (``North Korean``, ``Saudi Arabian``)?"""
    return any(name.endswith(end) and name[: -len(end)] in places for end in _ADJECTIVE_ENDINGS)


def _named_as_person(name: str, offsets: list[int], names: NameIndex) -> bool:
    """Does the text write ``name`` (a capitalised run of two words or more, at ``offsets``) as a person's
    name? Not when every mention follows an article (a person's name takes none: "the Korean War", "a Nobel
    Prize") or a preposition of place ("in Jersey City", "on Streatham High Road"), nor when it is a place's
    adjective ("North Korean officials")."""
    body = names.body
    never_a_person = all(_NOT_A_PERSON_BEFORE.search(body, max(o - 12, 0), o) for o in offsets)
    return not never_a_person and not _is_place_adjective(name, names.cues.places)


def found_actors(doc: Document, cues: str | Path | None = None) -> list[dict[str, Any]]:
    """People and organisations the kit finds: every speaker with a name and every person named in full
    (:func:`_named_as_person`), in order of first mention (at most :data:`MAX_FOUND_ACTORS`); a person is
    also found by surname."""
    cue_set = compiled_cues(cues)
    names = NameIndex(doc.body, cue_set)
    first: dict[str, int] = {}
    spellings: dict[str, list[str]] = {}  # canonical name -> every spelling the text gives it ("Kim Jong-Un")
    for people in names.surnames().values():
        for full, (offsets, _) in people.items():
            if not _named_as_person(full, offsets, names):
                continue
            canonical = names.canonical(full)
            first[canonical] = min(first.get(canonical, offsets[0]), offsets[0])
            spellings.setdefault(canonical, []).append(full)
    found = run_extraction(doc, cues)
    for q in found.quotes:
        if q.speaker and q.mention_start >= 0 and found.kinds.get(q.speaker) in ("person", "group"):
            first.setdefault(q.speaker, q.mention_start)
    seen: set[str] = set()
    groups = []
    for name in sorted(first, key=lambda n: (first[n], n))[:MAX_FOUND_ACTORS]:
        patterns = [name] + [other for other in spellings.get(name, []) if other != name]
        words = name.split()
        if len(words) >= 2 and names.kind(name) == "person":
            patterns.extend(dict.fromkeys(spelling.split()[-1] for spelling in [name, *spellings.get(name, [])]))
        groups.append({"id": _slug(name, seen), "label": name, "patterns": patterns})
    return groups


def text_actors(doc: Document, cues: str | Path | None = None) -> tuple[list[dict[str, Any]], str]:
    """The actor groups for ``doc`` and where they come from: the front matter's ``actors:``, else
    ``texts/annotations/<slug>_actors.yml``, else the people and organisations the kit finds."""
    if "actors" in doc.metadata:
        return front_matter_actors(doc), "the text's front matter (actors:)"
    path = actors_file(doc.slug)
    if path.exists():
        return load_actors(path), f"texts/annotations/{path.name}"
    return found_actors(doc, cues), "the names the kit finds in the text"


def _groups(doc: Document, actors_path: str | Path | None, cues: str | Path | None) -> list[dict[str, Any]]:
    return load_actors(actors_path) if actors_path is not None else text_actors(doc, cues)[0]


@lru_cache(maxsize=4)
def _actor_regex(key: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    owner: dict[str, str] = {}
    parts = []
    for actor_id, patterns in key:
        for pat in patterns:
            owner.setdefault(pat if any(c.isupper() for c in pat) else pat.lower(), actor_id)
    for pat in sorted(owner, key=lambda w: (-len(w), w)):
        body = r"\s+".join(re.escape(piece) for piece in pat.split())
        parts.append(body if any(c.isupper() for c in pat) else f"(?i:{body})")
    rx = re.compile(rf"(?<![\w\-])(?:{'|'.join(parts)})(?![\w\-])")
    return rx, owner


def _actor_of(text: str, rx: re.Pattern[str], owner: Mapping[str, str]) -> str | None:
    m = rx.search(text)
    if not m:
        return None
    hit = " ".join(m.group().split())
    return owner.get(hit) or owner.get(hit.lower())


@accepts_text
def actor_mentions(
    doc: Document, actors_path: str | Path | None = None, cues: str | Path | None = None
) -> pd.DataFrame:
    """Every mention of an actor group in the body: ``actor``, ``unit``, ``text``, ``start``, ``end``.

    Whole-word matching, longest pattern first; a capitalised pattern is case-sensitive.

    >>> from kit.text import from_string
    >>> doc = from_string("Putin met the junta.", actors={"Russia": ["Putin"], "Junta": ["junta"]})
    >>> actor_mentions(doc)[["actor", "text"]].values.tolist()
    [['russia', 'Putin'], ['junta', 'junta']]
    """
    groups = _groups(doc, actors_path, cues)
    if not groups:
        return pd.DataFrame(columns=MENTION_COLUMNS).astype({"start": "int64", "end": "int64"})
    rx, owner = _actor_regex(tuple((g["id"], tuple(g["patterns"])) for g in groups))
    starts = [s.start for s in doc.sentences]
    ids = [s.id for s in doc.sentences]
    rows = []
    for m in rx.finditer(doc.body):
        hit = " ".join(m.group().split())
        actor = owner.get(hit) or owner.get(hit.lower())
        if actor is None:
            continue
        rows.append(
            {
                "actor": actor,
                "unit": unit_of(starts, ids, m.start()),
                "text": m.group(),
                "start": m.start(),
                "end": m.end(),
            }
        )
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).astype({"start": "int64", "end": "int64"})


@accepts_text
def actors(doc: Document, actors_path: str | Path | None = None, cues: str | Path | None = None) -> pd.DataFrame:
    """Who is talked about, and who speaks: one row per actor group of the text (:func:`text_actors`) or
    of the actor file ``actors_path``.

    ``mentions`` counts whole-word mentions anywhere in the body (first one in ``unit``/``start``/
    ``end``, ``-1`` if none); ``quotes`` counts quotes whose speaker (canonical name or mention)
    names the group; ``speaks`` is ``quotes > 0``. Groups keep the order of the file. In the op-ed,
    the junta, the resistance and civilians are mentioned often and never quoted (a sourcing
    pattern: Entman 1993 on salience; Asr et al. 2021 on who gets quoted).
    """
    groups = _groups(doc, actors_path, cues)
    if not groups:
        return pd.DataFrame(columns=ACTOR_COLUMNS).astype(
            {"mentions": "int64", "start": "int64", "end": "int64", "quotes": "int64", "speaks": "bool"}
        )
    rx, owner = _actor_regex(tuple((g["id"], tuple(g["patterns"])) for g in groups))
    mentions = actor_mentions(doc, actors_path, cues)
    quotes = extract(doc, cues)
    said: dict[str, list[str]] = {g["id"]: [] for g in groups}
    for q in quotes:
        if not q.speaker:
            continue
        actor = _actor_of(q.speaker, rx, owner) or _actor_of(q.speaker_mention, rx, owner)
        if actor is not None:
            said[actor].append(q.speaker)
    rows = []
    for g in groups:
        mine = mentions[mentions["actor"] == g["id"]]
        first = mine.iloc[0] if len(mine) else None
        rows.append(
            {
                "actor": g["id"],
                "label": g["label"],
                "mentions": len(mine),
                "unit": first["unit"] if first is not None else "",
                "start": int(first["start"]) if first is not None else -1,
                "end": int(first["end"]) if first is not None else -1,
                "quotes": len(said[g["id"]]),
                "speaks": bool(said[g["id"]]),
                "speakers": "; ".join(sorted(set(said[g["id"]]))),
            }
        )
    return pd.DataFrame(rows, columns=ACTOR_COLUMNS).astype(
        {"mentions": "int64", "start": "int64", "end": "int64", "quotes": "int64"}
    )
