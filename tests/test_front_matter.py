"""Reading and checking a text file's front matter: encodings, line ends, keys and values, one-line
errors (kit/front_matter.py)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.document import from_string
from kit.errors import TextError
from kit.text import read_text_file
from tests.support.strategies import YAML_VALUES

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
        ('---\ntitle: x\nslug: s\n"unknown key": 1\n---\nBody.\n', r"sample\.md:4: unknown front-matter key 'unknown key'"),
        ('---\ntitle: x\n"bad\tkey": 1\n---\nBody.\n', r"sample\.md:3: unknown front-matter key 'bad\\tkey'"),
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


def test_impossible_date_is_a_one_line_error(tmp_path):
    path = _write(tmp_path, "---\ntitle: x\ndate: 2025-02-30\n---\nBody.\n")
    with pytest.raises(TextError, match=r"sample\.md:3: front matter is not valid YAML \(the value '2025-02-30' cannot be read \(day is out of range"):
        read_text_file(path)


# ---------------------------------------------------------------- Unicode normalisation and hostile values


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


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


@pytest.mark.parametrize("invisible", ["\u200b", "\u2060", "\ufeff", "\u00ad"], ids=["zwsp", "word-joiner", "bom", "soft-hyphen"])
def test_invisible_characters_inside_words_are_dropped_and_the_file_is_untouched(tmp_path, invisible):
    sentence = "“We will rebuild the port,” said Ann Lee, the mayor."
    typed = sentence.replace("Ann", f"An{invisible}n").replace("port", f"po{invisible}rt")
    raw = f"---\ntitle: Port\n---\n{typed}\n".encode()
    path = tmp_path / "zw.md"
    path.write_bytes(raw)
    doc = read_text_file(path)
    assert doc.body == sentence
    from kit.quotes import extract

    assert [(q.text, q.speaker) for q in extract(doc)] == [("We will rebuild the port,", "Ann Lee")]
    assert path.read_bytes() == raw


def test_zero_width_joiners_stay_for_emoji_sequences():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert from_string(f"A family {family} came.").body == f"A family {family} came."


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


def test_a_slug_with_a_trailing_line_break_is_refused(tmp_path):
    import pytest

    from kit.errors import TextError
    from kit.text import read_text_file

    path = tmp_path / "ok.md"
    path.write_text('---\ntitle: A text\nslug: "ok\\n"\n---\n\nOne sentence here.\n', encoding="utf-8")
    with pytest.raises(TextError, match="slug"):
        read_text_file(path)
