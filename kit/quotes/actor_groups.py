"""Actors: the groups a text talks about (patterns from an actor file), their mentions, and whether they speak."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from kit.errors import CodebookError, parse_yaml
from kit.quotes.cues import word_list
from kit.quotes.extraction import extract, unit_of
from kit.quotes.model import ACTOR_COLUMNS, MENTION_COLUMNS
from kit.text import Document, accepts_text

ACTORS_PATH = Path(__file__).resolve().parent.parent / "data" / "actors.yml"


def load_actors(path: str | Path | None = None) -> list[dict[str, Any]]:
    """The actor groups of ``kit/data/actors.yml`` (or ``path``), validated: id, label, patterns."""
    p = Path(path) if path is not None else ACTORS_PATH
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CodebookError(p, "actor file not found", "restore kit/data/actors.yml or pass an existing path") from None
    data = parse_yaml(raw, p, CodebookError, "check the indentation of the lists", what="actor file is not valid YAML")
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list) or not data["actors"]:
        raise CodebookError(
            p, "the file needs a non-empty list under 'actors'", "see the header of kit/data/actors.yml"
        )
    seen: set[str] = set()
    out = []
    for i, group in enumerate(data["actors"], start=1):
        where = f"{p}: actors[{i}]"
        if not isinstance(group, dict) or set(group) != {"id", "label", "patterns"}:
            raise CodebookError(
                where, "each group needs exactly id, label and patterns", "write - id: ..., label: ..., patterns: [...]"
            )
        if not isinstance(group["id"], str) or not re.fullmatch(r"[a-z][a-z0-9_]*", group["id"]):
            raise CodebookError(where, f"id {group['id']!r} must be lower-case letters, digits and _", "e.g. id: junta")
        if group["id"] in seen:
            raise CodebookError(where, f"id {group['id']!r} is used twice", "give every group its own id")
        seen.add(group["id"])
        if not isinstance(group["label"], str) or not group["label"].strip():
            raise CodebookError(where, "label must be a non-empty string", "write label: <what the group is>")
        patterns = word_list(p, f"actors[{i}].patterns", group["patterns"])
        out.append({"id": group["id"], "label": group["label"].strip(), "patterns": patterns})
    return out


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
def actor_mentions(doc: Document, actors_path: str | Path | None = None) -> pd.DataFrame:
    """Every mention of an actor group in the body: ``actor``, ``unit``, ``text``, ``start``, ``end``.

    Whole-word matching, longest pattern first; a capitalised pattern is case-sensitive.

    >>> from kit.text import from_string
    >>> actor_mentions(from_string("Putin met the junta."))[["actor", "text"]].values.tolist()
    [['russia', 'Putin'], ['junta', 'junta']]
    """
    groups = load_actors(actors_path)
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
    """Who is talked about, and who speaks: one row per actor group of ``kit/data/actors.yml``.

    ``mentions`` counts whole-word mentions anywhere in the body (first one in ``unit``/``start``/
    ``end``, ``-1`` if none); ``quotes`` counts quotes whose speaker (canonical name or mention)
    names the group; ``speaks`` is ``quotes > 0``. Groups keep the order of the file. In the op-ed,
    the junta, the resistance and civilians are mentioned often and never quoted (a sourcing
    pattern: Entman 1993 on salience; Asr et al. 2021 on who gets quoted).
    """
    groups = load_actors(actors_path)
    rx, owner = _actor_regex(tuple((g["id"], tuple(g["patterns"])) for g in groups))
    mentions = actor_mentions(doc, actors_path)
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
