"""The Document model: units, offsets, sentence boundaries, tokens, tables, lookups (kit/document.py)."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.document import from_string, sentence_splitter, split_sentences
from kit.errors import TextError


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


def test_oped_offsets_hold_for_every_unit_and_token(oped):
    _assert_offsets(oped)


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


def test_loading_needs_no_nltk_data(no_nltk_data):
    doc = from_string("Gen. Smith met Mr. Jones in the U.S. today. They talked.")
    assert len(doc.sentences) == 2


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


def test_unit_lookup_on_an_empty_document_explains():
    with pytest.raises(TextError, match="the text has no paragraphs"):
        from_string("").unit("p01")


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


# ---------------------------------------------------------------- Unicode normalisation

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
