"""Loading texts by slug or path: the op-ed as received, listing, resolving, the kept Documents
(kit/text.py), and the names kit.text still gives for the Document model and front matter."""

from __future__ import annotations

import datetime as dt
import hashlib
import os

import pytest

from kit import paths
from kit.errors import TextError
from kit.text import forget_loaded_texts, list_texts, load_text

RAW = paths.texts_dir() / "raw" / "op-ed-asia-media-centre-2025-03-18.txt"


# ------------------------------------------------------------------ the op-ed


def test_oped_counts(oped):
    assert len(oped.paragraphs) == 28
    assert len(oped.sentences) == 46
    assert [p.id for p in oped.paragraphs][:3] == ["p01", "p02", "p03"]
    assert oped.paragraphs[-1].id == "p28"


def test_oped_body_is_the_raw_body_verbatim(oped):
    """Every body line of the received file, in order, minus the OP-ED label; nothing else."""
    lines = RAW.read_text(encoding="utf-8").split("\n")
    expected = [lines[2].removeprefix("OP-ED: ")] + [lines[3]] + lines[5:17] + lines[18:32]
    assert [p.text for p in oped.paragraphs] == expected
    assert "in in St Petersburg" in oped.body
    assert "has now came true" in oped.body
    assert "will made headlines" in oped.body


def test_oped_non_body_parts_are_metadata_not_body(oped):
    lines = RAW.read_text(encoding="utf-8").split("\n")
    meta = oped.metadata
    assert meta["dateline"] == lines[0] == "18 March 2025"
    assert meta["standfirst"] == lines[1]
    assert meta["label"] == "OP-ED"
    assert meta["outlet"] == lines[32] == "Asia Media Centre"
    assert meta["date"] == dt.date(2025, 3, 18)
    caption_1, caption_2 = meta["captions"]
    assert caption_1 == {"text": lines[4], "after": "p02"}
    assert caption_2["after"] == "p14"
    assert caption_2["credit"] == "Wikimedia Commons"
    assert f"{caption_2['text']}/{caption_2['credit']}" == lines[17]
    for part in (lines[0], lines[1], lines[4], "Wikimedia", "OP-ED", "Asia Media Centre"):
        assert part not in oped.body
    assert oped.sentences[0].text.startswith("It was Min Aung Hlaing’s fourth visit")


def test_oped_segments_are_declared(oped):
    assert set(oped.metadata["segments"]) == {"rat_king", "security_claims"}


def test_list_texts_lists_the_oped():
    table = list_texts()
    row = table.set_index("slug").loc["oped"]
    assert row["path"] == "oped.md"
    assert row["n_paragraphs"] == 28
    assert row["problem"] == ""


def test_path_and_slug_give_the_same_document(oped):
    by_path = load_text(paths.texts_dir() / "oped.md")
    assert by_path.body == oped.body
    assert by_path.slug == "oped"


# ------------------------------------------------------------------ slugs, paths and bad names


def test_unknown_slug_lists_available_texts():
    with pytest.raises(TextError, match=r"opedd: no such text file or slug.*did you mean 'oped'.*available texts: .*oped"):
        load_text("opedd")


def test_missing_path_is_a_text_error(tmp_path):
    with pytest.raises(TextError, match="no such text file or slug"):
        load_text(tmp_path / "missing.md")


def test_loading_every_text_never_modifies_texts():
    def snapshot():
        return {
            p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths.texts_dir().rglob("*")) if p.is_file()
        }

    before = snapshot()
    for slug in list_texts()["slug"]:
        load_text(slug).table()
    assert snapshot() == before


@pytest.mark.parametrize("bad", [None, 42, ["a list"]])
def test_functions_name_what_they_need(bad):
    from kit import quotes

    with pytest.raises(TextError, match=r"quotes_table\(\) needs a Document \(or a string\)"):
        quotes.quotes_table(bad)
    assert quotes.quotes_table("“We won,” Ann Lee said.")["speaker"].tolist() == ["Ann Lee"]


# ---------------------------------------------------------------- the Documents kept from recent loads


def test_an_unchanged_file_read_again_is_the_same_document(tmp_path):
    """The lessons of one run each load the text: the second load must not rebuild it."""
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\n---\nOne sentence here. Another one.\n", encoding="utf-8")
    first = load_text(path)
    assert load_text(str(path)) is first
    forget_loaded_texts()
    again = load_text(path)
    assert again is not first and [s.text for s in again.sentences] == [s.text for s in first.sentences]


def test_every_shipped_text_stays_loaded_after_a_pass_over_the_corpus():
    """A lesson that validates against the whole corpus, then loads its own text, must not rebuild either."""
    from kit.text import list_texts

    slugs = list(list_texts()["slug"])
    first = {slug: load_text(slug) for slug in slugs}
    assert all(load_text(slug) is first[slug] for slug in slugs)


def test_an_edited_file_is_read_again_even_with_the_same_modification_time(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\n---\nOne sentence here.\n", encoding="utf-8")
    before = load_text(path)
    stat = path.stat()
    path.write_text("---\ntitle: A\n---\nTwo sentences now. Yes.\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = load_text(path)
    assert after is not before
    assert [s.text for s in after.sentences] == ["Two sentences now.", "Yes."]


def test_a_file_that_fails_to_load_fails_every_time(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: x\ndate: someday\n---\nBody.\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(TextError, match="front-matter key 'date'"):
            load_text(path)


# ---------------------------------------------------------------- the names kit.text still gives


def test_kit_text_still_gives_the_names_of_document_and_front_matter():
    """Notebooks, exercises and instructors' code import these from kit.text; they are the very same objects."""
    from kit import document, front_matter, text
    from kit.text import (
        SLUG_RE,
        SPLITS,
        WORD_RE,
        Document,
        Paragraph,
        Sentence,
        Token,
        from_string,
        front_matter_line,
        sentence_splitter,
        split_sentences,
        tokenize,
    )

    assert (Document, Paragraph, Sentence, Token, WORD_RE, from_string, split_sentences, sentence_splitter,
            tokenize) == (document.Document, document.Paragraph, document.Sentence, document.Token,
                          document.WORD_RE, document.from_string, document.split_sentences,
                          document.sentence_splitter, document.tokenize)
    assert (front_matter_line, SLUG_RE, SPLITS) == (front_matter.front_matter_line, front_matter.SLUG_RE,
                                                    front_matter.SPLITS)
    for name in text.__all__:  # every name kit.text gives is its home module's own
        home = next((module for module in (document, front_matter) if hasattr(module, name)), text)
        assert getattr(text, name) is getattr(home, name), name
