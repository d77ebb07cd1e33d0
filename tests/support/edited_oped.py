"""Edited copies of the op-ed (same slug, so its segments and annotations apply): the issue's cases."""

from __future__ import annotations

from pathlib import Path

from kit import paths

#: A sentence of our own, inserted before the first sentence of a paragraph.
INSERTED = "A sentence added by an editor comes first here. "
#: A paragraph of our own, appended after the last one.
APPENDED = "An editor added this closing paragraph after the coding was done."


def _parts() -> tuple[str, list[str]]:
    head, _, body = (paths.texts_dir() / "oped.md").read_text(encoding="utf-8").partition("\n---\n")
    return head + "\n---\n\n", body.strip().split("\n\n")


def with_sentence_inserted(folder: Path, paragraph: int = 25) -> Path:
    """The op-ed with :data:`INSERTED` at the start of paragraph ``p<paragraph>``, written to ``folder/oped.md``."""
    head, paragraphs = _parts()
    paragraphs[paragraph - 1] = INSERTED + paragraphs[paragraph - 1]
    return _write(folder, head + "\n\n".join(paragraphs) + "\n")


def with_paragraph_appended(folder: Path) -> Path:
    """The op-ed with :data:`APPENDED` as one more paragraph, written to ``folder/oped.md``."""
    head, paragraphs = _parts()
    return _write(folder, head + "\n\n".join([*paragraphs, APPENDED]) + "\n")


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "oped.md"
    path.write_text(text, encoding="utf-8")
    return path
