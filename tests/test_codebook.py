"""Codebook files: the schema of the shipped YAML, and one clear error per malformed codebook (kit/codebooks/)."""

from __future__ import annotations

import re
import textwrap

import pytest
import yaml

from kit.errors import CodebookError, KitError
from kit.framing import (
    CODEBOOK_DIR,
    CROSSWALK_FILE,
    ENTMAN_FUNCTIONS,
    Codebook,
    crosswalk,
    dominant_frames,
    kit_coding,
    lint_codebook,
    list_codebooks,
    load_codebook,
)
from kit.text import WORD_RE, from_string
from tests.support.mfc import MFC_IDS

GENERIC_IDS = ["conflict", "human_interest", "economic_consequences", "morality", "responsibility"]


# ------------------------------------------------------------------ the shipped files


def test_list_codebooks_names_the_shipped_codebooks_but_not_the_crosswalk():
    assert list_codebooks() == ["generic", "mfc"]


@pytest.mark.parametrize(("name", "ids"), [("mfc", MFC_IDS), ("generic", GENERIC_IDS)])
def test_shipped_codebook_has_the_published_frame_ids_in_order(name, ids):
    cb = load_codebook(name)
    assert isinstance(cb, Codebook)
    assert cb.name == name
    assert cb.frame_ids == ids


@pytest.mark.parametrize("path", sorted(CODEBOOK_DIR.glob("*.yml")), ids=lambda p: p.name)
def test_every_data_file_has_a_header_with_source_citation_and_licence(path):
    header = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    text = "\n".join(header)
    for word in ("Source:", "Citation:", "Licence:"):
        assert word in text, f"{path.name}: header lacks {word}"
    assert re.search(r"\(\d{4}\)", text), f"{path.name}: header cites no dated work"


@pytest.mark.parametrize("name", ["mfc", "generic"])
def test_codebook_header_documents_globs_and_warns_about_over_broad_stems(name):
    text = (CODEBOOK_DIR / f"{name}.yml").read_text(encoding="utf-8")
    assert "longest match wins" in text
    assert "over-broad" in text.lower()
    assert "drone*" in text and "fighter jet*" in text


@pytest.mark.parametrize("name", ["mfc", "generic"])
def test_codebook_top_level_schema(name):
    data = yaml.safe_load((CODEBOOK_DIR / f"{name}.yml").read_text(encoding="utf-8"))
    assert set(data) == {"name", "version", "description", "source", "citation", "licence", "frames", "min_hits"}
    for frame in data["frames"]:
        assert {"id", "label", "description", "patterns"} <= set(frame) <= {
            "id", "label", "description", "patterns", "exclude", "examples",
        }
        assert len(frame["description"].split()) >= 12, f"{frame['id']}: describe the frame in a sentence or two"
        assert len(frame.get("examples", [])) >= 2, f"{frame['id']}: give at least two examples"
        assert frame["patterns"], frame["id"]


@pytest.mark.parametrize("name", ["mfc", "generic"])
def test_every_pattern_word_is_a_single_token_and_globs_have_real_stems(name):
    cb = load_codebook(name)
    for f in cb.frames:
        for pattern in f.patterns + f.exclude:
            for word in pattern.split():
                stem = word.rstrip("*")
                assert WORD_RE.fullmatch(stem), (f.id, pattern)
                assert "*" not in stem, (f.id, pattern)
                if word.endswith("*"):
                    assert len(stem) >= 3, (f.id, pattern)


@pytest.mark.parametrize(
    ("name", "frame_id", "example"),
    [
        (name, f.id, example)
        for name in ("mfc", "generic")
        for f in load_codebook(name).frames
        for example in f.examples
    ],
)
def test_each_frame_example_is_coded_with_its_own_frame_and_no_tie(name, frame_id, example):
    """The examples are the frame's rationale; the dictionary must agree with them, unambiguously."""
    row = dominant_frames(from_string(example), name, unit="document").iloc[0]
    assert row["dominant_frame"] == frame_id
    assert row["tied_with"] == ""


def test_no_pattern_names_people_or_places_of_the_oped():
    """Patterns are for news in general: no names from the op-ed (tuning to one text is not allowed)."""
    names = {"min", "aung", "hlaing", "putin", "abuza", "tower", "tatmadaw", "naypyidaw", "moscow", "kremlin",
             "myanmar", "russia", "china", "beijing", "rat", "rat king"}
    for name in ("mfc", "generic"):
        for f in load_codebook(name).frames:
            for pattern in f.patterns:
                assert pattern.rstrip("*") not in names, (name, f.id, pattern)


def test_crosswalk_file_schema():
    data = yaml.safe_load(CROSSWALK_FILE.read_text(encoding="utf-8"))
    assert set(data) == {"mappings"}
    for m in data["mappings"]:
        assert set(m) == {"mfc_frame", "generic_frame", "entman_function", "note"}
        assert m["note"].strip()


def test_crosswalk_maps_every_mfc_frame_once_to_valid_targets():
    cw = crosswalk()
    assert list(cw.columns) == ["mfc_frame", "generic_frame", "entman_function", "note"]
    assert cw["mfc_frame"].tolist() == MFC_IDS
    assert set(cw["generic_frame"]) <= set(GENERIC_IDS) | {""}
    assert set(cw["entman_function"]) <= set(ENTMAN_FUNCTIONS) | {""}


@pytest.mark.parametrize(
    ("mfc", "generic", "entman"),
    [
        ("economic", "economic_consequences", ""),
        ("morality", "morality", "moral_evaluation"),
        ("policy_prescription", "responsibility", "treatment_recommendation"),
        ("security_and_defense", "conflict", ""),
        ("quality_of_life", "human_interest", ""),
        ("public_opinion", "", ""),
        ("other", "", ""),
    ],
)
def test_crosswalk_rows(mfc, generic, entman):
    row = crosswalk().set_index("mfc_frame").loc[mfc]
    assert (row["generic_frame"], row["entman_function"]) == (generic, entman)


def test_crosswalk_returns_a_copy():
    cw = crosswalk()
    cw.loc[0, "generic_frame"] = "changed"
    assert crosswalk().loc[0, "generic_frame"] == "economic_consequences"


# ------------------------------------------------------------------ bad codebooks

# Line numbers in the expectations below are counted by hand in GOOD (frame 2 starts on line 13).
GOOD = textwrap.dedent(
    """\
    name: toy
    version: "1"
    description: A toy codebook.
    source: Written for the tests.
    citation: None (test data).
    licence: MIT
    frames:
      - id: war
        label: War
        description: Armed conflict.
        patterns: [drone*, fighter jet*]
        examples: ["Drones flew."]
      - id: faith
        label: Faith
        description: Belief.
        patterns: [prophecy, buddh*]
    """
)


def _write(tmp_path, text, name="toy.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_good_toy_codebook_loads(tmp_path):
    cb = load_codebook(_write(tmp_path, GOOD))
    assert cb.frame_ids == ["war", "faith"]
    assert cb.frame("faith").patterns == ("prophecy", "buddh*")


BAD = [
    # (name, replace this, with that, substrings the message must contain)
    ("missing id", "  - id: faith\n    label: Faith", "  - label: Faith", ["frame 2", "'Faith'", "missing 'id'", ".yml:13:"]),
    ("duplicate id", "id: faith", "id: war", ["frame 2 ('war')", "duplicate id 'war'", ".yml:13:"]),
    ("empty pattern list", "patterns: [prophecy, buddh*]", "patterns: []", ["frame 2 ('faith')", "pattern list is empty"]),
    ("missing patterns", "    patterns: [prophecy, buddh*]\n", "", ["frame 2 ('faith')", "missing 'patterns'"]),
    ("unknown frame key", "description: Belief.", "description: Belief.\n    colour: red", ["frame 2", "unknown key 'colour'", ".yml:16:"]),
    ("misspelt frame key", "patterns: [drone*", "pattern: [drone*", ["frame 1 ('war')", "did you mean 'patterns'"]),
    ("unknown top key", "licence: MIT", "licence: MIT\nlicense: MIT", ["unknown key 'license'", ".yml:7:"]),
    ("missing top key", "citation: None (test data).\n", "", ["missing top-level key 'citation'"]),
    ("invalid YAML", "patterns: [drone*, fighter jet*]", "patterns: [drone*, fighter jet*", ["not valid YAML", ".yml:12:"]),
    ("bad indentation", "    label: Faith", "      label: Faith", ["not valid YAML", ".yml:14:"]),
    ("only a wildcard", "patterns: [prophecy, buddh*]", "patterns: [prophecy, '*']", ["frame 2 ('faith')", "only a wildcard"]),
    ("wildcard inside", "buddh*]", "bu*ddh]", ["frame 2 ('faith')", "inside the word"]),
    ("stem too short", "buddh*]", "bu*]", ["frame 2 ('faith')", "shorter than 3"]),
    ("punctuation", "buddh*]", "buddh!]", ["frame 2 ('faith')", "not a single word token"]),
    ("duplicate pattern", "[prophecy, buddh*]", "[prophecy, Prophecy]", ["frame 2 ('faith')", "listed twice"]),
    ("pattern not text", "[prophecy, buddh*]", "[prophecy, 12]", ["frame 2 ('faith')", "list of text"]),
    ("bad id", "id: faith", "id: Faith Frame", ["frame 2", "not a lower-case identifier"]),
    ("frames empty", GOOD[GOOD.index("frames:"):], "frames: []\n", ["'frames' must be a non-empty list"]),
    ("phrase across punctuation", "fighter jet*]", "'fighter, jet*']", ["frame 1 ('war')", "not a single word token"]),
    ("threshold zero", "licence: MIT", "licence: MIT\nmin_hits: 0", ["min_hits 0", "positive whole number", ".yml:7:"]),
    ("threshold text", "licence: MIT", "licence: MIT\nmin_hits: three", ["min_hits 'three'", "positive whole number"]),
    ("threshold fraction", "licence: MIT", "licence: MIT\nmin_hits: 2.5", ["min_hits 2.5", "positive whole number"]),
    ("threshold yes", "licence: MIT", "licence: MIT\nmin_hits: true", ["min_hits True", "positive whole number"]),
    ("frame not mapping", "  - id: faith\n    label: Faith\n    description: Belief.\n    patterns: [prophecy, buddh*]\n",
     "  - faith\n", ["frame 2 is not a mapping"]),
]


@pytest.mark.parametrize(("case", "old", "new", "expected"), BAD, ids=[b[0] for b in BAD])
def test_bad_codebook_raises_one_clear_error(tmp_path, case, old, new, expected):
    assert old in GOOD, case
    path = _write(tmp_path, GOOD.replace(old, new, 1), name=f"{case.replace(' ', '_')}.yml")
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    message = str(info.value)
    assert str(path) in message, "the message names the file"
    assert "Fix:" in message and info.value.fix, "the message says how to fix it"
    assert "\n" not in message
    for part in expected:
        assert part in message, f"{part!r} not in {message!r}"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("mfcc", "did you mean 'mfc'"), ("generik", "did you mean 'generic'"), ("missing.yml", "not found")],
)
def test_unknown_codebook_name_or_path(name, expected):
    with pytest.raises(CodebookError, match=expected):
        load_codebook(name)


def test_not_a_mapping_and_not_utf8(tmp_path):
    with pytest.raises(CodebookError, match="mapping"):
        load_codebook(_write(tmp_path, "- a\n- b\n", name="list.yml"))
    bad = tmp_path / "latin1.yml"
    bad.write_bytes(GOOD.replace("Belief", "Croyance é").encode("latin-1"))
    with pytest.raises(CodebookError, match="UTF-8"):
        load_codebook(bad)


def test_edited_codebook_is_reloaded(tmp_path):
    path = _write(tmp_path, GOOD)
    assert load_codebook(path).frame("war").patterns == ("drone*", "fighter jet*")
    import os

    path.write_text(GOOD.replace("[drone*, fighter jet*]", "[drone*, fighter jet*, missile*]"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000))
    assert load_codebook(path).frame("war").patterns == ("drone*", "fighter jet*", "missile*")


def test_codebook_errors_are_kit_errors():
    assert issubclass(CodebookError, KitError)
    with pytest.raises(CodebookError, match="did you mean 'security_and_defense'"):
        load_codebook("mfc").frame("security_and_defence")


def test_codebook_table_lists_frames():
    table = load_codebook("mfc").table()
    assert table["frame"].tolist() == MFC_IDS
    assert (table["n_patterns"] > 0).all()


@pytest.mark.parametrize("bad", [None, 42])
def test_codebook_argument_of_the_wrong_type(bad):
    with pytest.raises(CodebookError, match="a codebook is a name, a path or a Codebook"):
        load_codebook(bad)


# ------------------------------------------------------------------ the min_hits threshold and lints


def test_min_hits_leaves_units_below_the_threshold_without_a_dominant_frame(tmp_path):
    cb = load_codebook(_write(tmp_path, GOOD.replace("licence: MIT", "licence: MIT\nmin_hits: 2")))
    assert cb.min_hits == 2 and load_codebook(_write(tmp_path, GOOD, "default.yml")).min_hits == 1
    doc = from_string("Drones and fighter jets.\n\nOne drone and a prophecy.\n\nNothing here.")
    dom = dominant_frames(doc, cb)
    assert dom["dominant_frame"].tolist() == ["war", "", ""]
    assert dom["hits"].tolist() == [2, 0, 0]
    assert kit_coding(doc, cb)["frame"].tolist() == ["war", "none", "none"], "below the threshold is none, not other"


def test_shipped_codebooks_have_no_lint_problems():
    assert lint_codebook("mfc") == [] and lint_codebook("generic") == []


def test_lint_flags_a_pattern_shared_by_two_frames(tmp_path):
    path = _write(tmp_path, GOOD.replace("patterns: [prophecy, buddh*]", "patterns: [prophecy, drone*]"))
    problems = lint_codebook(path)
    assert len(problems) == 1
    assert f"{path}:16:" in problems[0] and "'drone*' is also a pattern of frame 'war'" in problems[0]
    assert "Fix:" in problems[0] and "\n" not in problems[0]


def test_lint_flags_an_mfc_frame_without_a_crosswalk_entry(tmp_path):
    text = (CODEBOOK_DIR / "mfc.yml").read_text(encoding="utf-8")
    text = text.replace("\n  - id: other\n", "\n  - id: sport\n    label: Sport\n    description: Games.\n"
                        "    patterns: [match report*]\n  - id: other\n")
    path = _write(tmp_path, text, "mfc.yml")
    problems = lint_codebook(path)
    assert len(problems) == 1 and "frame 'sport' has no entry in crosswalk.yml" in problems[0]
    line = text[: text.index("  - id: sport")].count("\n") + 1
    assert f"{path}:{line}:" in problems[0]
