"""Hostile and malformed input (issue 10): each finding is one row with the one-line message it must get.

A row names the kind of file, its content (text or bytes) and a regular expression the message must
match; the file is written to a temporary folder as ``bad.<ext>`` and loaded the way the kit loads that
kind of file. Every message is one line, names the file (and line where there is one) and says the fix.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kit import framing, outdir, paths, quotes, sentiment, words
from kit.errors import KitError, OutputError, TextError
from kit.framing import load_codebook, load_human_frames
from kit.quotes import load_quote_annotation
from kit.sentiment import load_overrides
from kit.text import from_string, list_texts, load_text
from tests.support.strategies import YAML_VALUES


@dataclass(frozen=True)
class Bad:
    id: str
    kind: str  # a key of LOADERS: "text", "codebook", "overrides", "frames" or "quotes"
    content: str | bytes
    message: str  # a regular expression the one-line message must match


def _front(*lines: str, body: str = "Body text here.") -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def _laughs(key: str, depth: int = 9) -> str:
    """A "billion laughs" value under ``key``: each level holds ten aliases of the one before."""
    lines = [f'{key}: &a0 ["lol"]']
    for i in range(1, depth):
        lines.append(f"x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines)


#: The body every quote-annotation row is checked against ("We" at 1, "masterstroke" at 38).
QUOTE_TEXT = "“We will win,” Ann Lee said. It was a masterstroke."


def _quotes(*lines: str) -> str:
    return "\n".join(["text: demo", *lines]) + "\n"


def _quote_record(start: int = 1, end: int = 13, text: str = "We will win,") -> str:
    return "\n".join(["  - id: q01", "    kind: direct", "    unit: p01.s1", f"    start: {start}", f"    end: {end}",
                      f"    text: {text}", "    speaker: Ann Lee"])


CODEBOOK = """\
name: toy
version: "1"
description: A toy codebook.
source: tests
citation: none
licence: MIT
frames:
  - id: war
    label: War
    description: Armed conflict.
    patterns: [drone*]
"""
OVERRIDES = "name: toy\ndescription: d\nsource: s\ncitation: c\nlicence: MIT\nvader:\n  attack: 0.0\n"

ROWS = [
    # ---- YAML that cannot hurt: aliases, duplicate keys, value errors on the right line
    Bad(
        "text-alias-bomb",
        "text",
        _front("title: t", "editorial_notes: [x]", _laughs("y0")),
        r"bad\.md:4: front matter is not valid YAML \(found anchor 'a0'.*Fix: write the value out in full",
    ),
    Bad("text-alias-only", "text", _front("title: &t T", "standfirst: *t"), r"bad\.md:2: .*found anchor 't'"),
    Bad(
        "text-duplicate-title",
        "text",
        _front("title: first", "outlet: o", "title: second"),
        r"bad\.md:4: .*duplicate key 'title', first on line 2\)\. Fix: keep one",
    ),
    Bad(
        "text-impossible-date-line",
        "text",
        _front("title: t", "date: 2025-02-30"),
        r"bad\.md:3: .*'2025-02-30' cannot be read \(day is out of range for month\)",
    ),
    Bad(
        "codebook-alias-citation",
        "codebook",
        CODEBOOK.replace("citation: none", _laughs("citation")),
        r"bad\.yml:5: .*found anchor 'a0'",
    ),
    Bad(
        "codebook-duplicate-patterns",
        "codebook",
        CODEBOOK + "    patterns: [jet*]\n",
        r"bad\.yml:12: .*duplicate key 'patterns', first on line 11",
    ),
    Bad(
        "overrides-duplicate-word",
        "overrides",
        OVERRIDES + "  attack: -1.0\n",
        r"bad\.yml:8: .*duplicate key 'attack', first on line 7",
    ),
    Bad(
        "overrides-name-not-text",
        "overrides",
        OVERRIDES.replace("name: toy", "name: 5"),
        r"bad\.yml:1: key 'name' should be text .*got int 5\. Fix: write it as text in quotes",
    ),
    # ---- types and shapes checked at the boundary (front matter)
    Bad("caption-after-list", "text", _front("title: t", "captions: [{text: x, after: [p01]}]"),
        r"bad\.md:3: caption 1: 'after' should be one paragraph id such as p02, got a list \['p01'\]\. Fix: write after: p02"),
    Bad("caption-after-mapping", "text", _front("title: t", "captions:", "  - text: x", "    after: {a: 1}"),
        r"bad\.md:4: caption 1: 'after' should be one paragraph id such as p02, got a mapping \{'a': 1\}"),
    Bad("caption-text-null", "text", _front("title: t", "captions:", "  - {text: ok, after: p01}", "  - {text: null, after: p01}"),
        r"bad\.md:5: caption 2: 'text' should be the caption's text, got nothing \(null\)"),
    Bad("caption-text-number", "text", _front("title: t", "captions: [{text: 5, after: p01}]"),
        r"bad\.md:3: caption 1: 'text' should be the caption's text, got a number 5"),
    Bad("caption-credit-list", "text", _front("title: t", "captions: [{text: x, credit: [a], after: p01}]"),
        r"caption 1: 'credit' should be text, got a list"),
    Bad("caption-unknown-paragraph", "text", _front("title: t", "captions: [{text: x, after: p09}]"),
        r"bad\.md:3: caption placed after unknown paragraph 'p09'"),
    Bad("captions-not-a-list", "text", _front("title: t", "captions: {text: x}"),
        r"bad\.md:3: front-matter key 'captions' should be a list"),
    Bad("editorial-note-mapping", "text", _front("title: t", "editorial_notes:", "  - fine", "  - {moved: headline}"),
        r"bad\.md:5: editorial note 2 should be text, got a mapping"),
    Bad("segment-not-a-mapping", "text", _front("title: t", "segments:", "  first: {units: [p01]}", "  part: [p01]"),
        r"bad\.md:5: segment 'part' should be a name with a mapping under it, got a list"),
    # a bare string where front matter needs a list: refused on the line of the key (the API takes one)
    Bad("segment-units-a-string", "text", _front("title: t", "segments:", "  a:", "    description: d", "    units: p01"),
        r"bad\.md:6: segments\.a\.units should be a list of unit ids in square brackets, got text 'p01'\. "
        r"Fix: write units: \[p01\]$"),
    Bad("segment-keywords-a-string", "text", _front("title: t", "segments:", "  a: {keywords: drone*}"),
        r"bad\.md:4: segments\.a\.keywords should be a list of keywords in square brackets, got text 'drone\*'\. "
        r"Fix: write keywords: \[drone\*\]$"),
    Bad("segment-units-numbers", "text", _front("title: t", "segments:", "  a:", "    units: [1, 2]"),
        r"bad\.md:5: segments\.a\.units should be a list of unit ids.*got a list \[1, 2\]\. Fix: write units: \["),
    Bad("segment-units-empty", "text", _front("title: t", "segments:", "  a:", "    units: []"),
        r"bad\.md:5: segments\.a\.units should be a list of unit ids.*got a list \[\]"),
    Bad("title-number", "text", _front("title: 5"), r"bad\.md:2: front-matter key 'title' should be a str"),
    Bad("constructed-text", "text", _front("constructed: 'yes'"), r"bad\.md:2: front-matter key 'constructed' should be a bool"),
    Bad("split-unknown", "text", _front("title: t", "split: test"),
        r"bad\.md:3: split 'test' is neither 'dev' nor 'heldout'.*Fix: write split: dev"),
    # ---- files that are not UTF-8 text: one line with the byte offset
    Bad("utf16le-without-bom", "text", "Body text here.\n".encode("utf-16-le"),
        r"not a UTF-8 text file: NUL byte at byte offset 1 \(line 1\); the file looks like UTF-16 without a byte-order mark"),
    Bad("utf16-with-bom", "text", "Body text here.\n".encode("utf-16"), r"the file is UTF-16 .*not UTF-8"),
    Bad("nul-byte", "text", b"---\ntitle: t\n---\nBody\x00 text.\n", r"NUL byte at byte offset 21 \(line 4\)\. Fix: re-save"),
    Bad("control-character", "text", "---\ntitle: t\n---\nBé\x07ll.\n".encode(), r"control character U\+0007 at byte offset 20 \(line 4\)"),
    Bad("c1-control", "text", "Body \x85 text.\n".encode(), r"control character U\+0085 at byte offset 5 \(line 1\)"),
    Bad("latin-1", "text", "---\ntitle: Ménard\n---\nBody.\n".encode("latin-1"),
        r"not UTF-8: byte 0xe9 at byte offset 12 \(line 2\)"),
    Bad("empty-body", "text", _front("title: t", body=""), r"the body is empty"),
    Bad("frames-extra-field", "frames", "unit,primary,secondary,coder,note\np01,political,,coder-1,a note, unquoted\n",
        r"bad\.csv:2: 6 fields where the header has 5.*double quotes"),
    # ---- a quote annotation (texts/annotations/<slug>_quotes.yml) checked against QUOTE_TEXT
    Bad("quote-terms-empty-mapping", "quotes", _quotes("quotes: []", "terms: {}"),
        r"bad\.yml:3: key 'terms' must be a list, got an empty dict\. Fix: write terms: \[\] when the text has no"),
    Bad("quote-offsets-of-an-edited-body", "quotes", _quotes("quotes:", _quote_record(start=0, end=12)),
        r"bad\.yml:8: quote q01: text 'We will win,' does not match body\[0:12\] of text 'demo', which holds "
        r"'“We will win'; the words are found at 1\.\.13 \(sentence p01\.s1\)\. Fix: write start: 1, end: 13, unit: p01\.s1"),
    Bad("quote-words-not-in-the-body", "quotes", _quotes("quotes:", _quote_record(text="We will lose")),
        r"bad\.yml:8: quote q01: text 'We will lose' does not match body\[1:13\] of text 'demo'.*"
        r"the words are nowhere in this body\. Fix: recompute the offsets"),
    Bad("term-offsets-of-an-edited-body", "quotes",
        _quotes("quotes: []", "terms:", "  - {unit: p01.s1, start: 36, end: 48, text: masterstroke}"),
        r"bad\.yml:4: term 1: text 'masterstroke' does not match body\[36:48\] of text 'demo'.*"
        r"found at 38\.\.50 \(sentence p01\.s2\)\. Fix: write start: 38, end: 50, unit: p01\.s2"),
]

LOADERS = {"text": (load_text, "md"), "codebook": (load_codebook, "yml"), "overrides": (load_overrides, "yml"),
           "frames": (lambda path: load_human_frames("oped", path=path), "csv"),
           "quotes": (lambda path: load_quote_annotation(path=path, doc=from_string(QUOTE_TEXT, slug="demo")), "yml")}


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_bad_input_gets_one_line_naming_file_and_fix(row, tmp_path):
    load, ext = LOADERS[row.kind]
    path = tmp_path / f"bad.{ext}"
    if isinstance(row.content, bytes):
        path.write_bytes(row.content)
    else:
        path.write_text(row.content, encoding="utf-8")
    t0 = time.perf_counter()
    with pytest.raises(KitError) as info:
        load(path)
    message = str(info.value)
    assert "\n" not in message, "one line"
    assert str(path) in message, "names the file"
    assert "Fix: " in message and info.value.fix, "says the fix"
    assert re.search(row.message, message), f"{message!r} does not match {row.message!r}"
    # a generous bound, not a timing assertion: an expanded alias bomb takes minutes and gigabytes
    assert time.perf_counter() - t0 < 30


def test_the_input_files_are_left_untouched(tmp_path):
    path = tmp_path / "bad.md"
    content = ROWS[0].content
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KitError):
        load_text(path)
    assert Path(path).read_text(encoding="utf-8") == content


@pytest.mark.parametrize("given", [123, None, b"oped", ["oped"], 2.5, {"text": "oped"}], ids=repr)
def test_load_text_refuses_other_types_with_the_kits_error(given):
    with pytest.raises(TextError, match=r"a text is named by a slug or a path, got .*Fix: pass e\.g\. load_text\('oped'\)"):
        load_text(given)


def test_load_text_takes_a_path_object_as_a_path(tmp_path, monkeypatch):
    assert load_text(Path("texts/oped.md")).slug == "oped"
    assert load_text(paths.texts_dir() / "oped.md").slug == "oped"
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TextError, match=r"^oped: no file at this path\. Fix: 'oped' is the slug of texts/oped\.md: pass the string"):
        load_text(Path("oped"))


@pytest.mark.parametrize("given", ["", "   "])
def test_an_empty_name_is_refused(given):
    with pytest.raises(TextError, match="got an empty name"):
        load_text(given)


def test_one_bad_text_does_not_break_the_listing(tmp_path, monkeypatch):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "good.md").write_text(_front("title: Good"), encoding="utf-8")
    (tmp_path / "texts" / "bad.md").write_text(_front("title: t", "captions: [{text: x, after: [p01]}]"), encoding="utf-8")
    monkeypatch.setenv("FRAMING_KIT_ROOT", str(tmp_path))
    table = list_texts().set_index("slug")
    assert table.loc["good", "problem"] == ""
    assert "'after' should be one paragraph id" in table.loc["bad", "problem"]


# ---------------------------------------------------------------- YAML values of the wrong type (hypothesis)

CODEBOOK_KEYS = ["name", "version", "description", "source", "citation", "licence", "frames"]
FRAME_KEYS = ["id", "label", "description", "patterns"]
OVERRIDE_KEYS = ["name", "description", "source", "citation", "licence", "vader", "textblob"]


def _loads_or_one_line(load, path) -> None:
    """``load(path)`` succeeds or raises the kit's error in one line naming the file and the fix."""
    try:
        load(path)
    except KitError as exc:
        message = str(exc)
        assert "\n" not in message and str(path) in message and exc.fix, message


@settings(max_examples=80, deadline=None)
@given(where=st.sampled_from([("top", k) for k in CODEBOOK_KEYS] + [("frame", k) for k in FRAME_KEYS]),
       value=YAML_VALUES)
@example(where=("top", "frames"), value=[{"\n": None}])  # a key that is a line break: still one line
def test_a_codebook_value_of_any_type_loads_or_gets_one_line(tmp_path_factory, where, value):
    data = yaml.safe_load(CODEBOOK)
    level, key = where
    (data if level == "top" else data["frames"][0])[key] = value
    path = tmp_path_factory.mktemp("codebook") / "bad.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _loads_or_one_line(load_codebook, path)


@settings(max_examples=60, deadline=None)
@given(key=st.sampled_from(OVERRIDE_KEYS + ["vader-word", "textblob-word"]), value=YAML_VALUES)
@example(key="vader", value={"a\u2028b": 1.0})  # a word holding a line separator
def test_an_override_value_of_any_type_loads_or_gets_one_line(tmp_path_factory, key, value):
    data = yaml.safe_load(OVERRIDES)
    if key.endswith("-word"):
        data.setdefault(key.split("-")[0], {})["attack"] = value
    else:
        data[key] = value
    path = tmp_path_factory.mktemp("overrides") / "bad.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _loads_or_one_line(load_overrides, path)


QUOTE_KEYS = ["id", "kind", "unit", "start", "end", "text", "speaker", "speaker_mention", "cue", "continuation"]


@settings(max_examples=80, deadline=None)
@given(key=st.sampled_from(QUOTE_KEYS + ["term-start", "term-text", "term-unit"]), value=YAML_VALUES)
def test_a_quote_annotation_value_of_any_type_loads_or_gets_one_line(tmp_path_factory, key, value):
    doc = from_string("“We will win,” Ann Lee said. It was a masterstroke.", slug="demo")
    start = doc.body.index("We")
    quote = {"id": "q01", "kind": "direct", "unit": "p01.s1", "start": start, "end": start + 12,
             "text": "We will win,", "speaker": "Ann Lee", "speaker_mention": "Ann Lee", "cue": "said"}
    term_start = doc.body.index("masterstroke")
    term = {"unit": "p01.s2", "start": term_start, "end": term_start + 12, "text": "masterstroke"}
    if key.startswith("term-"):
        term[key[len("term-"):]] = value
    else:
        quote[key] = value
    data = {"text": "demo", "annotator": "test", "procedure": "none", "quotes": [quote], "terms": [term]}
    path = tmp_path_factory.mktemp("quotes") / "demo_quotes.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _loads_or_one_line(lambda p: load_quote_annotation(path=p, doc=doc), path)


# ---------------------------------------------------------------- the Python API: wrong argument types

API_CALLS = [
    ("code-not-a-document", lambda doc: framing.code(123), r"a text is named by a slug or a path, got int"),
    ("codebook-number", lambda doc: framing.code(doc, codebook=5), r"a codebook is a name, a path or a Codebook, got int"),
    ("score-none", lambda doc: sentiment.score(None), r"score\(\) needs a Document \(or a string\), got NoneType"),
    ("overrides-number", lambda doc: sentiment.score(doc, overrides=5), r"overrides must be a name, a path or an Overrides"),
    ("extract-number", lambda doc: quotes.extract(5), r"extract\(\) needs a Document"),
    ("kwic-not-a-document", lambda doc: words.kwic(5, "drone*"), r"kwic\(\) needs a Document \(or a string\), got int"),
    ("kwic-pattern-number", lambda doc: words.kwic(doc, 5), r"a pattern is text, got int"),
    ("kwic-pattern-none", lambda doc: words.kwic(doc, None), r"a pattern is text, got NoneType"),
    ("word-frequencies-number", lambda doc: words.word_frequencies(5), r"word_frequencies\(\) needs a Document"),
    ("unit-id-list", lambda doc: doc.unit(["p01"]), r"a unit id is text, got list \['p01'\]"),
    ("human-frames-path-number", lambda doc: load_human_frames("oped", path=5),
     r"path is the path of a frame coding file, got int"),
    ("output-file-number", lambda doc: outdir.check_file(5), r"an output file is a path, got int"),
]


@pytest.mark.parametrize(("call", "message"), [c[1:] for c in API_CALLS], ids=[c[0] for c in API_CALLS])
def test_the_api_answers_a_wrong_argument_type_with_the_kits_error(call, message):
    with pytest.raises(KitError, match=message) as info:
        call(load_text("oped"))
    assert "\n" not in str(info.value) and info.value.fix


def test_word_tables_take_a_plain_string_like_the_other_analyses():
    assert words.word_frequencies("Drones, drones and the drone.", top=1)["word"].tolist() == ["drones"]
    assert words.kwic("Russia sent drones.", "drone*")["match"].tolist() == ["drones"]


@pytest.mark.parametrize("where", [lambda: paths.notebooks_dir() / "01_the_text.ipynb",
                                   lambda: paths.texts_dir() / "x.ipynb",
                                   lambda: paths.exercises_dir() / "student" / "01_code_and_agree.ipynb"],
                         ids=["notebooks", "texts", "exercises"])
def test_executing_a_notebook_into_the_kits_sources_is_refused_before_it_runs(where):
    from kit.notebooks import execute, lesson_paths

    target = where()
    before = target.read_bytes() if target.exists() else None
    with pytest.raises(OutputError, match=r"refusing to write into \w+/.*Fix: write the executed notebook elsewhere"):
        execute(lesson_paths()[0], target)
    assert (target.read_bytes() if target.exists() else None) == before


@pytest.mark.parametrize("given", ["texts/news", Path("texts/news/"), "news/"], ids=str)
def test_a_folder_is_named_as_a_folder_with_what_to_pass(given):
    with pytest.raises(TextError) as info:
        load_text(given)
    message = str(info.value)
    assert "\n" not in message
    assert "this is a folder, not a text file" in message
    assert re.search(r"load_text\('[^']*news/[^']+\.md'\)", message), message
    assert "README" not in message
    assert "kit.corpus.Corpus([" in message
