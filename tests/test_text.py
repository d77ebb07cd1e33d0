"""The Document model: loading, offsets, sentence boundaries, bad input (kit/text.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit import paths
from kit.errors import TextError
from kit.text import (
    forget_loaded_texts,
    from_string,
    list_texts,
    load_text,
    read_text_file,
    sentence_splitter,
    split_sentences,
)
from tests.support.strategies import YAML_VALUES

RAW = paths.texts_dir() / "raw" / "op-ed-asia-media-centre-2025-03-18.txt"


def _assert_offsets(doc):
    for p in doc.paragraphs:
        assert doc.body[p.start : p.end] == p.text
        for s in p.sentences:
            assert doc.body[s.start : s.end] == s.text
            assert p.start <= s.start < s.end <= p.end
            for t in s.tokens:
                assert doc.body[t.start : t.end] == t.text
                assert s.start <= t.start < t.end <= s.end


# ------------------------------------------------------------------ the op-ed


def test_oped_counts(oped):
    assert len(oped.paragraphs) == 28
    assert len(oped.sentences) == 46
    assert [p.id for p in oped.paragraphs][:3] == ["p01", "p02", "p03"]
    assert oped.paragraphs[-1].id == "p28"


def test_oped_offsets_hold_for_every_unit_and_token(oped):
    _assert_offsets(oped)


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


@pytest.mark.parametrize(
    ("sentence_id", "starts", "ends"),
    [
        ("p01.s1", "It was Min Aung Hlaing’s", "Russian President Vladimir Putin."),
        ("p02.s1", "The outcome", "in in St Petersburg and Novosibirsk."),
        ("p03.s2", "The tale tells", "the reincarnated “rat king”."),
        ("p06.s1", "“The trip of Min Aung Hlaing", "disruption in international order."),
        ("p06.s2", "I believe", "with Putin,” he said."),
        ("p07.s1", "“It is obvious", "has sided to Russia."),
        ("p07.s2", "He secured", "including fighter jets,” he added."),
        ("p11.s1", "Min Aung Hlaing and his military", "heavily sanctioned by Western countries"),
        ("p15.s1", "“For Min Aung Hlaing", "said on the Russia talks."),
        ("p16.s4", "Licensed drone production", "cash strapped junta,” Abuza added."),
        ("p19.s2", "The world’s biggest drone supplier", "long-term ally of Myanmar."),
        ("p23.s2", "While so, such a strategy", "stabilize the military regime.”"),
        ("p28.s1", "For the Myanmar military", "it’s clear that the sky’s the limit."),
    ],
)
def test_oped_sentence_boundaries(oped, sentence_id, starts, ends):
    sentence = oped.unit(sentence_id)
    assert sentence.text.startswith(starts)
    assert sentence.text.endswith(ends)


def test_oped_sentences_per_paragraph(oped):
    per_paragraph = [len(p.sentences) for p in oped.paragraphs]
    assert per_paragraph == [2, 2, 2, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 4, 2, 1, 3, 2, 1, 1, 2, 1, 3, 2, 1, 1]


def test_oped_segments_are_declared(oped):
    assert set(oped.metadata["segments"]) == {"rat_king", "security_claims"}


def test_table_has_one_row_per_sentence(oped):
    table = oped.table()
    assert list(table.columns) == ["unit", "paragraph_id", "start", "end", "n_words", "text"]
    assert len(table) == 46
    assert table["n_words"].sum() == oped.n_words
    row = table.iloc[0]
    assert oped.body[row.start : row.end] == row.text


def test_document_is_frozen(oped):
    with pytest.raises(dataclasses.FrozenInstanceError):
        oped.body = "changed"
    with pytest.raises(TypeError):
        oped.metadata["title"] = "changed"


def test_unknown_unit_id_names_the_range(oped):
    with pytest.raises(TextError, match=r"no unit 'p99'.*p01\.\.p28"):
        oped.unit("p99")


def test_list_texts_lists_the_oped():
    table = list_texts()
    row = table.set_index("slug").loc["oped"]
    assert row["path"] == "oped.md"
    assert row["n_paragraphs"] == 28
    assert row["problem"] == ""


def test_loading_needs_no_nltk_data(no_nltk_data):
    doc = from_string("Gen. Smith met Mr. Jones in the U.S. today. They talked.")
    assert len(doc.sentences) == 2


def test_path_and_slug_give_the_same_document(oped):
    by_path = load_text(paths.texts_dir() / "oped.md")
    assert by_path.body == oped.body
    assert by_path.slug == "oped"


# ------------------------------------------------------------------ tricky text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gen. Min Aung Hlaing met Mr. Putin. Then he left.", ["Gen. Min Aung Hlaing met Mr. Putin.", "Then he left."]),
        ("Lt. Col. Aye flew to the U.S. on Jan. 5 with Dr. Lee. They met the U.N. envoy.", 2),
        ("He said: “We won.” Then he left.", ["He said: “We won.”", "Then he left."]),
        ("“We won,” he said. “It is over.”", ["“We won,” he said.", "“It is over.”"]),
        ("“We won.” he said.", ["“We won.” he said."]),
        ('"Done." She smiled.', ['"Done."', "She smiled."]),
        ("The deal — signed in Moscow — was small. Another followed.", 2),
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        ("Naypyidaw’s Ñoño Müller spoke. Aung San Suu Kyi did not.", 2),
        ("No full stop at the end", ["No full stop at the end"]),
    ],
)
def test_sentence_splitting(text, expected):
    spans = split_sentences(text)
    sentences = [text[a:b] for a, b in spans]
    if isinstance(expected, int):
        assert len(sentences) == expected, sentences
    else:
        assert sentences == expected


def test_tokens_keep_apostrophes_hyphens_numbers_and_non_ascii():
    doc = from_string("Hlaing’s make-shift drones cost 2,000 dollars; Müller’s 110MW plant.")
    assert [t.text for t in doc.tokens] == [
        "Hlaing’s", "make-shift", "drones", "cost", "2,000", "dollars", "Müller’s", "110MW", "plant",
    ]


def test_paragraphs_blank_lines_and_wrapped_lines():
    doc = from_string("\n\nFirst line\nwrapped here.\n\n\n\n  Second.  \n\n")
    assert [p.text for p in doc.paragraphs] == ["First line wrapped here.", "Second."]
    _assert_offsets(doc)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300))
def test_offsets_hold_on_arbitrary_text(text):
    doc = from_string(text)
    _assert_offsets(doc)


# ------------------------------------------------------------------ files and bad input

GOOD = "---\ntitle: A test\ndate: 2025-03-18\n---\n\nFirst paragraph. Second sentence.\n\nSecond paragraph.\n"


def _write(tmp_path, content, name="sample.md", encoding="utf-8"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode(encoding))
    return path


def test_crlf_and_bom_load_like_lf(tmp_path):
    lf = read_text_file(_write(tmp_path, GOOD, "lf.md"))
    crlf = read_text_file(_write(tmp_path, b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode(), "crlf.md"))
    assert crlf.body == lf.body
    assert [s.text for s in crlf.sentences] == [s.text for s in lf.sentences]
    assert crlf.metadata["title"] == "A test"


def test_no_front_matter_takes_title_from_file_name(tmp_path):
    doc = read_text_file(_write(tmp_path, "Just a body. Two sentences.\n", "my_first-text.md"))
    assert doc.title == "My first text"
    assert doc.slug == "my_first-text"
    assert len(doc.sentences) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"---\ntitle: x\n---\nCaf\xe9 au lait.\n", r"sample\.md: not UTF-8: byte 0xe9 at byte offset 20 \(line 4\).*UTF-8"),
        ("---\ntitle: x\nBody without closing.\n", r"sample\.md:1: front matter opened with '---' is never closed"),
        ("title: x\ndate: 2025-01-01\n---\nBody.\n", r"sample\.md:1: front matter is missing its opening '---'"),
        ("---\ntitle: x\ndate: [unclosed\n---\nBody.\n", r"sample\.md:\d+: front matter is not valid YAML"),
        ("---\ntitle: x\ntitel: y\n---\nBody.\n", r"sample\.md:3: unknown front-matter key 'titel'.*did you mean 'title'"),
        ("---\ntitle: x\ndate: 18 March 2025\n---\nBody.\n", r"sample\.md:3: front-matter key 'date' should be a YYYY-MM-DD"),
        ("---\ntitle: x\nconstructed: maybe\n---\nBody.\n", r"sample\.md:3: front-matter key 'constructed' should be a bool"),
        ("---\ntitle: x\n---\n\n \n", r"sample\.md: the body is empty"),
        ("---\n- a\n- b\n---\nBody.\n", r"sample\.md:2: front matter must be a mapping"),
        ("---\ncaptions:\n  - {text: Photo, after: p09}\n---\nBody.\n", r"caption placed after unknown paragraph 'p09'"),
        ("---\nslug: has space\n---\nBody.\n", r"slug 'has space' contains characters"),
    ],
)
def test_bad_files_give_one_actionable_line(tmp_path, content, message):
    path = _write(tmp_path, content)
    before = path.read_bytes()
    with pytest.raises(TextError, match=message) as info:
        read_text_file(path)
    text = str(info.value)
    assert "\n" not in text
    assert "Fix: " in text
    assert path.read_bytes() == before


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


def test_metadata_table_summarises_lists_and_mappings(oped):
    table = oped.metadata_table().set_index("key")["value"]
    assert table["outlet"] == "Asia Media Centre"
    assert table["captions"] == "2 item(s)"
    assert table["segments"] == "rat_king, security_claims"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Not bad!!!", ["Not bad!!!"]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        ("Yes!! No.", ["Yes!!", "No."]),
    ],
)
def test_repeated_end_punctuation_stays_with_its_sentence(text, expected):
    sentences = [text[a:b] for a, b in split_sentences(text)]
    if isinstance(expected, int):
        assert len(sentences) == expected, sentences
    else:
        assert sentences == expected


def test_impossible_date_is_a_one_line_error(tmp_path):
    path = _write(tmp_path, "---\ntitle: x\ndate: 2025-02-30\n---\nBody.\n")
    with pytest.raises(TextError, match=r"sample\.md:3: front matter is not valid YAML \(the value '2025-02-30' cannot be read \(day is out of range"):
        read_text_file(path)


def test_unit_lookup_on_an_empty_document_explains():
    with pytest.raises(TextError, match="the text has no paragraphs"):
        from_string("").unit("p01")


@pytest.mark.parametrize("bad", [None, 42, ["a list"]])
def test_functions_name_what_they_need(bad):
    from kit import quotes

    with pytest.raises(TextError, match=r"quotes_table\(\) needs a Document \(or a string\)"):
        quotes.quotes_table(bad)
    assert quotes.quotes_table("“We won,” Ann Lee said.")["speaker"].tolist() == ["Ann Lee"]


# ---------------------------------------------------------------- lookups and cached properties


def _multi_paragraph_doc():
    return from_string(
        "Gen. Smith spoke. “We won,” he said.\n\nA second paragraph! Is it?\n\nOne more. And the end.",
        title="Lookups",
    )


def test_sentence_at_and_paragraph_at_agree_with_a_scan_at_every_offset(oped):
    for doc in (_multi_paragraph_doc(), oped):
        for offset in range(-2, len(doc.body) + 2):
            sentence = next((s for s in doc.sentences if s.start <= offset < s.end), None)
            paragraph = next((p for p in doc.paragraphs if p.start <= offset < p.end), None)
            assert doc.sentence_at(offset) is sentence, offset
            assert doc.paragraph_at(offset) is paragraph, offset


def test_offsets_between_units_belong_to_none():
    doc = _multi_paragraph_doc()
    first, second = doc.paragraphs[0], doc.paragraphs[1]
    assert doc.body[first.end : second.start] == "\n\n"
    assert doc.paragraph_at(first.end) is None and doc.sentence_at(first.end) is None
    assert doc.paragraph_at(second.start) is second


def test_cached_properties_equal_recomputed_ones_and_are_computed_once(oped):
    doc = _multi_paragraph_doc()
    for d in (doc, oped):
        assert d.sentences == tuple(s for p in d.paragraphs for s in p.sentences)
        assert d.tokens == tuple(t for p in d.paragraphs for s in p.sentences for t in s.tokens)
        assert d.n_words == sum(len(s.tokens) for p in d.paragraphs for s in p.sentences) == len(d.tokens)
        assert d.sentences is d.sentences and d.tokens is d.tokens  # kept, not rebuilt per access
        for p in d.paragraphs:
            assert p.tokens == tuple(t for s in p.sentences for t in s.tokens)
            assert p.n_words == len(p.tokens)
    # caching changes neither the fields nor a copy's view of them
    assert [f.name for f in dataclasses.fields(doc)] == ["slug", "path", "metadata", "body", "paragraphs"]
    copy = dataclasses.replace(doc, paragraphs=doc.paragraphs[:1])
    assert copy.n_words == doc.paragraphs[0].n_words < doc.n_words


def test_building_a_document_leaves_the_garbage_collector_as_it_was():
    import gc

    assert gc.isenabled()
    from_string("One. Two.")
    assert gc.isenabled()
    gc.disable()
    try:
        from_string("One. Two.")
        assert not gc.isenabled()
    finally:
        gc.enable()


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab Z1,;:“”’'-()\u00e9\n"), min_size=1, max_size=80),
    st.sampled_from(["", ".", "!", "?", "”", "a", "...", ".”"]),
)
def test_a_text_without_inner_sentence_ends_is_one_sentence_as_punkt_says(middle, last):
    # split_sentences answers such texts without running Punkt; Punkt must agree
    text = (middle + last).strip()
    if not text or any(ch in text[:-1] for ch in ".?!"):
        return
    assert split_sentences(text) == list(sentence_splitter().span_tokenize(text)) == [(0, len(text))]


# ---------------------------------------------------------------- Unicode normalisation and hostile values

#: Letters with a canonical decomposition (base + combining mark), as macOS file names and some
#: copy-and-paste sources write them; NFC composes each back into one character.
ACCENTED = "éèêëáàâäãåíìîïóòôöõúùûüñçÉÈÁÍÓÚÑÇøŕśźżł"


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@st.composite
def accented_sentences(draw):
    """Sentences of words mixing plain and accented letters (e.g. 'Ménard', 'Núñez')."""
    words = draw(
        st.lists(
            st.text(alphabet=st.sampled_from("abcdefghijklmnoprstuvwyz" + ACCENTED), min_size=2, max_size=9),
            min_size=2,
            max_size=10,
        )
    )
    return " ".join(w.capitalize() if i == 0 else w for i, w in enumerate(words)) + "."


@settings(max_examples=60, deadline=None)
@given(st.lists(accented_sentences(), min_size=1, max_size=4))
def test_decomposed_text_gives_the_same_document_as_composed(sentences):
    composed = " ".join(unicodedata.normalize("NFC", s) for s in sentences)
    nfc, nfd = from_string(composed), from_string(_nfd(composed))
    assert nfd.body == nfc.body and unicodedata.is_normalized("NFC", nfd.body)
    assert [(t.text, t.start, t.end) for t in nfd.tokens] == [(t.text, t.start, t.end) for t in nfc.tokens]
    assert [s.id for s in nfd.sentences] == [s.id for s in nfc.sentences]


def test_a_decomposed_file_loads_normalised_and_the_file_is_untouched(tmp_path):
    sentence = "“We will rebuild the port,” José Núñez said in Ménard on Tuesday."
    raw = _nfd(f"---\ntitle: Núñez in Ménard\n---\n{sentence}\n").encode("utf-8")
    path = tmp_path / "nfd.md"
    path.write_bytes(raw)
    doc = read_text_file(path)
    assert doc.body == unicodedata.normalize("NFC", sentence)
    assert doc.metadata["title"] == "Núñez in Ménard"
    assert "Ménard" in [t.text for t in doc.tokens] and len(doc.tokens) == 12
    s = doc.sentences[0]
    assert doc.body[s.start : s.end] == s.text
    assert path.read_bytes() == raw, "the source file is never rewritten"
    from kit.quotes import extract

    nfc_quotes = [(q.text, q.speaker) for q in extract(from_string(doc.body))]
    assert [(q.text, q.speaker) for q in extract(doc)] == nfc_quotes and nfc_quotes, "the quote by José Núñez is kept"


@settings(max_examples=120, deadline=None)
@given(
    key=st.sampled_from(["title", "date", "captions", "constructed", "editorial_notes", "segments", "slug", "actors",
                         "split", "teaching_notes", "url"]),
    value=YAML_VALUES,
)
def test_any_value_under_a_known_key_loads_or_gets_one_line(tmp_path_factory, key, value):
    import yaml

    path = tmp_path_factory.mktemp("yaml") / "t.md"
    front = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=True)
    path.write_text(f"---\n{front}---\nBody text.\n", encoding="utf-8")
    try:
        doc = read_text_file(path)
    except TextError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc) and exc.fix
    else:
        doc.structure()  # what summary and lesson 1 show must not fail on a value that loaded
        doc.metadata_table()


def test_an_unchanged_file_read_again_is_the_same_document(tmp_path):
    """The lessons of one run each load the text: the second load must not rebuild it."""
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\n---\nOne sentence here. Another one.\n", encoding="utf-8")
    first = load_text(path)
    assert load_text(str(path)) is first
    forget_loaded_texts()
    again = load_text(path)
    assert again is not first and [s.text for s in again.sentences] == [s.text for s in first.sentences]


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
