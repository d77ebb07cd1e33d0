"""``python -m kit validate``: check everything ``kit run`` needs from a text, before any lesson runs.

A text that validates never crashes a lesson on input: the front matter and body load, the
teaching notes name real lessons and sections, every segment resolves to sentences, the comparison
lesson has two parts to compare, the human annotations match the body they were written for, the
actor groups parse, the shipped codebooks and override files load, and no other text in ``texts/``
claims the same slug. Each problem is one line naming the file, the key and the fix.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kit import paths
from kit.errors import KitError
from kit.text import Document, list_texts, load_text


def _problem(where: str | Path, problem: str, fix: str) -> str:
    return str(KitError(where, problem, fix))


def _catch(check: Callable[[], object]) -> list[str]:
    try:
        check()
    except KitError as exc:
        return [str(exc)]
    return []


def _source(doc: Document) -> str:
    return str(doc.path) if doc.path is not None else doc.slug


def teaching_note_problems(doc: Document) -> list[str]:
    """Problems of the text's ``teaching_notes`` (unknown lesson or section, empty note)."""
    from kit.teaching import teaching_problems

    return [str(e) for e in teaching_problems(doc)]


def segment_problems(doc: Document) -> list[str]:
    """Every front-matter segment resolves (known ids, matching keywords or frame), its pinned ids still
    name the words they were pinned to, and lesson 5 has two parts."""
    from kit.segment import default_pair, resolve_segment

    problems: list[str] = []
    for name in doc.metadata.get("segments") or {}:
        try:
            problems += resolve_segment(doc, str(name)).dropped
        except KitError as exc:
            problems.append(str(exc))
    if not problems:
        problems += _catch(lambda: default_pair(doc))
    return problems


def annotation_problems(doc: Document) -> list[str]:
    """The human annotations of the text's slug fit *this* body: every coded paragraph exists and still
    has the words it was coded for (one line per stale row), frame ids are in the codebook, and every
    quote's span holds its text."""
    from kit import framing
    from kit.quotes import annotation

    problems: list[str] = []
    if framing.has_human_frames(doc.slug):
        problems += _catch(lambda: framing.load_human_frames(doc, drop_stale=True))
        if not problems:
            problems += [str(e) for e in framing.stale_frame_codings(doc).values()]
    if annotation.annotation_path(doc.slug).is_file():
        problems += _catch(lambda: annotation.load_quote_annotation(doc.slug, doc=doc))
    return problems


def actor_problems(doc: Document) -> list[str]:
    """The actor groups lesson 4 reads parse: ``actors:`` in the front matter, else
    ``texts/annotations/<slug>_actors.yml`` (the first problem, in the words lesson 4 would use)."""
    from kit.quotes.actor_groups import actors_file, front_matter_actors, load_actors

    if "actors" in doc.metadata:
        return _catch(lambda: front_matter_actors(doc))
    path = actors_file(doc.slug)
    return _catch(lambda: load_actors(path)) if path.exists() else []


def resource_problems() -> list[str]:
    """The shipped codebooks and sentiment override files load."""
    from kit import framing, sentiment

    problems: list[str] = []
    for name in framing.list_codebooks():
        problems += _catch(lambda name=name: framing.load_codebook(name))
    for name in sentiment.list_overrides()["name"]:
        problems += _catch(lambda name=name: sentiment.load_overrides(name))
    return problems


def slug_problems(doc: Document) -> list[str]:
    """No two texts in ``texts/`` share the slug of this one."""
    texts = list_texts()
    same = texts[texts["slug"] == doc.slug]["path"].tolist()
    if len(same) < 2:
        return []
    return [
        _problem(
            paths.texts_dir() / same[1],
            f"slug '{doc.slug}' is also the slug of texts/{same[0]}",
            "give one of them another 'slug:' in its front matter (or rename the file)",
        )
    ]


def problems(text: str | Path | Document) -> list[str]:
    """Every problem that would stop ``kit run`` on this text, one line each; empty when it is ready.

    A text that does not load at all gives its loading error and nothing else.
    """
    try:
        doc = load_text(text)
    except KitError as exc:
        return [str(exc)]
    return (
        teaching_note_problems(doc)
        + segment_problems(doc)
        + annotation_problems(doc)
        + actor_problems(doc)
        + slug_problems(doc)
        + resource_problems()
    )
