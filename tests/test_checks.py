"""Self-checks (kit/checks/): they pass complete answers, and explain every incomplete one.

Inputs are made by hand here; the exercise notebooks themselves are run in tests/test_exercises.py.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from kit import checks
from kit.checks import EXERCISE1_SENTENCES, Feedback, NotYet
from kit.errors import KitError
from kit.quotes import same_speaker

FRAMES = ["economic", "political", "security_and_defense", "cultural_identity"]
TWO = ["p01.s1", "p01.s2"]


def _not_yet(call, *args, **kwargs) -> str:
    """Run a check that must say "not yet"; return its message."""
    with pytest.raises(NotYet) as info:
        call(*args, **kwargs)
    message = str(info.value)
    assert message.startswith("Not yet (")
    assert not isinstance(info.value, AssertionError)
    return message


# ---------------------------------------------------------------- Feedback and NotYet


def test_feedback_lists_right_wrong_and_hint():
    fb = Feedback("Exercise 0", right=("a",), wrong=("b", "c"), hint="h")
    text = str(fb)
    assert not fb.passed
    assert text.splitlines() == ["Not yet (Exercise 0).", "  ✓ a", "  ✗ b", "  ✗ c", "  Hint: h"]
    assert str(Feedback("Exercise 0", right=("a",), hint="h")).splitlines() == ["Well done (Exercise 0).", "  ✓ a"]


def test_not_yet_renders_without_traceback_in_jupyter():
    err = NotYet(Feedback("Exercise 0", wrong=("missing",), hint="try"))
    assert err._render_traceback_() == ["Not yet (Exercise 0).", "  ✗ missing", "  Hint: try"]
    assert err.feedback.wrong == ("missing",)


def test_feedback_pretty_repr_is_the_text():
    class Printer:
        def __init__(self):
            self.out = ""

        def text(self, s):
            self.out += s

    p = Printer()
    Feedback("Exercise 0", right=("fine",))._repr_pretty_(p, False)
    assert p.out == "Well done (Exercise 0).\n  ✓ fine"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ([1, 2], "a list of 2 items"),
        ((), "an empty tuple"),
        ({"a": 1}, "a dict of 1 item"),
        ("p01", "a string 'p01'"),
        (3, "a number (3)"),
        (True, "a bool (True)"),
        (None, "None"),
        (pd.DataFrame({"x": [1]}), "a DataFrame with 1 rows and columns ['x']"),
        (pd.Series([1, 2]), "a Series of 2 values"),
    ],
)
def test_describe_says_type_and_size(value, expected):
    assert checks.describe(value) == expected


# ---------------------------------------------------------------- exercise 1a: check_coding


def test_check_coding_passes_a_complete_coding():
    fb = checks.check_coding({"p01.s1": "political", "p01.s2": "economic"}, FRAMES, TWO)
    assert fb.passed
    assert any("all 2 sentences are coded" in line for line in fb.right)
    assert any("2 different frames" in line for line in fb.right)


def test_check_coding_accepts_a_dataframe_and_a_series():
    df = pd.DataFrame({"unit": TWO, "frame": ["political", "political"]})
    assert checks.check_coding(df, FRAMES, TWO).passed
    assert checks.check_coding(df.set_index("unit")["frame"], FRAMES, TWO).passed


def test_check_coding_on_the_op_ed_uses_the_ten_sentences_and_the_mfc_codebook():
    from kit.framing import load_codebook

    frame = load_codebook("mfc").frames[0].id
    assert checks.check_coding(dict.fromkeys(EXERCISE1_SENTENCES, frame)).passed
    assert len(set(EXERCISE1_SENTENCES)) == 10
    message = _not_yet(checks.check_coding, dict.fromkeys(EXERCISE1_SENTENCES[:7], frame))
    assert "you coded 7 of the 10 sentences" in message


@pytest.mark.parametrize(
    ("answer", "expected_parts"),
    [
        ({}, ["you have coded 0 of the 2 sentences"]),
        (["political", "economic"], ["expected a dict", "got a list of 2 items"]),
        ("political", ["expected a dict", "got a string 'political'"]),
        (None, ["expected a dict", "got None"]),
        (pd.DataFrame({"sentence": TWO, "frame": ["economic"] * 2}), ["missing ['unit']", "DataFrame with 2 rows"]),
        (pd.DataFrame({"unit": ["p01.s1"] * 2, "frame": ["economic"] * 2}), ["'p01.s1'", "more than once"]),
        ({"p01.s1": "economic"}, ["you coded 1 of the 2 sentences; still to code: 'p01.s2'"]),
        ({"p01.s1": "economic", "p01.s2": "security"}, ["1 of your codes is not a frame id", "'security' (did you mean 'security_and_defense'?)"]),
        ({"p01.s1": "Economic", "p01.s2": "politics"}, ["2 of your codes are not frame ids"]),
        ({"p01.s1": "economic", "p01.s2": "economic;political"}, ["one primary frame per sentence"]),
        ({"p01.s1": "economic", "p01.s2": 3}, ["codes must be frame ids (strings)"]),
        ({"p01.s1": "economic", "p01.s2": "economic", "p1.s1": "economic"}, ["'p1.s1' is not a sentence id of 'oped'", "did you mean 'p01.s1'"]),
        ({"p01.s1": "economic", "p01.s2": "economic", "p02.s1": "economic"}, ["'p02.s1' is not among the sentences to code"]),
        ({"p01.s1": "economic", "p01.s2": "economic", 7: "economic"}, ["keys must be sentence ids"]),
    ],
)
def test_check_coding_explains_what_is_wrong(answer, expected_parts):
    message = _not_yet(checks.check_coding, answer, FRAMES, TWO)
    assert message.startswith("Not yet (Exercise 1a).")
    for part in expected_parts:
        assert part in message


def test_check_coding_reports_right_parts_next_to_wrong_ones():
    message = _not_yet(checks.check_coding, {"p01.s1": "economic", "p01.s2": "economy"}, FRAMES, TWO)
    assert "✓ all 2 sentences are coded" in message
    assert "✗ 1 of your codes" in message
    assert "Hint:" in message


def test_check_coding_does_not_modify_the_answer():
    answer = {"p01.s1": "economic"}
    _not_yet(checks.check_coding, answer, FRAMES, TWO)
    assert answer == {"p01.s1": "economic"}


# ---------------------------------------------------------------- exercise 1b/1c: alpha


def _codings(rows):
    return pd.DataFrame(rows, columns=["unit", "coder", "frame"])


# Krippendorff (2004, p. 230-232) style toy, computed by hand (nominal):
# units a: (p, p), b: (q, q), c: (p, q); n = 6 pairable values, n_p = n_q = 3.
# Do = 2/6 (one disagreeing pair counted both ways); De = 2 * 3 * 3 / (6 * 5) = 0.6; alpha = 1 - (1/3)/0.6 = 4/9.
TOY = _codings(
    [("a", "me", "p"), ("a", "kit", "p"), ("b", "me", "q"), ("b", "kit", "q"), ("c", "me", "p"), ("c", "kit", "q")]
)


def test_nominal_alpha_matches_the_hand_computed_value():
    assert checks.nominal_alpha(TOY) == pytest.approx(4 / 9)
    assert checks.nominal_alpha(TOY.iloc[::-1]) == pytest.approx(4 / 9)  # row order does not matter
    one_label = TOY.assign(frame="p")
    assert math.isnan(checks.nominal_alpha(one_label))


def test_check_alpha_accepts_the_value_of_the_table():
    fb = checks.check_alpha(TOY, 4 / 9, coders=["me", "kit"])
    assert fb.passed
    assert any("alpha = 0.444" in line for line in fb.right)


@pytest.mark.parametrize(
    ("codings", "alpha", "coders", "expected_parts"),
    [
        (TOY, 0.5, None, ["your alpha (0.500) is not Krippendorff's alpha"]),
        (TOY, "0.44", None, ["alpha should be a number", "got a string '0.44'"]),
        (TOY, float("nan"), None, ["alpha should be a finite number; got nan"]),
        ([("a", "me", "p")], 0.0, None, ["expected a DataFrame with columns 'unit', 'coder', 'frame'", "got a list"]),
        (TOY.rename(columns={"frame": "label"}), 0.0, None, ["missing ['frame']"]),
        (TOY[TOY["coder"] == "me"], 0.0, None, ["at least two coders"]),
        (TOY.iloc[:0], 0.0, None, ["the codings table is empty"]),
        (TOY, 4 / 9, ["me", "partner"], ["coder(s) 'partner' missing from the table"]),
        (TOY.iloc[:-1], 0.0, None, ["coder 'kit' has no code for 'c'"]),
        (pd.concat([TOY, TOY.iloc[:1]]), 4 / 9, None, ["coded twice by the same coder: 'a'"]),
        (TOY.assign(frame="p"), 1.0, None, ["alpha is undefined here"]),
    ],
)
def test_check_alpha_explains_what_is_wrong(codings, alpha, coders, expected_parts):
    message = _not_yet(checks.check_alpha, codings, alpha, coders=coders)
    for part in expected_parts:
        assert part in message


# ---------------------------------------------------------------- exercise 1d: disagreements


@pytest.mark.parametrize(
    ("listed", "passes", "expected_parts"),
    [
        (["c"], True, ["1 unit where the coders disagree"]),
        ([], False, ["you listed no unit"]),
        (["a", "c"], False, ["'a': the two coders chose the same frame there"]),
        (["c", "z"], False, ["'z': not coded by both coders"]),
        (["a"], False, ["1 more unit where they disagree is missing"]),
        ("c", False, ["expected a list of unit ids", "got a string 'c'"]),
        ({"c": 1}, False, ["expected a list of unit ids"]),
    ],
)
def test_check_disagreements(listed, passes, expected_parts):
    if passes:
        fb = checks.check_disagreements(listed, TOY, "me", "kit")
        text = str(fb)
    else:
        text = _not_yet(checks.check_disagreements, listed, TOY, "me", "kit")
    for part in expected_parts:
        assert part in text


def test_check_disagreements_unknown_coder():
    message = _not_yet(checks.check_disagreements, ["c"], TOY, "me", "partner")
    assert "coder 'partner' is not in the codings" in message


# ---------------------------------------------------------------- exercise 3a: voices


def test_annotated_speakers_reads_the_human_annotation():
    speakers = checks.annotated_speakers("oped")
    assert {"Aung Thu Nyein", "Zachary Abuza", "Jason Tower"} <= speakers["direct"]
    assert "Vladimir Putin" in speakers["indirect"]
    assert "Vladimir Putin" not in speakers["direct"]


@pytest.mark.parametrize(
    ("given", "canonical", "same"),
    [
        ("Putin", "Vladimir Putin", True),
        ("President Putin", "Vladimir Putin", True),
        ("abuza", "Zachary Abuza", True),
        ("an expert", "one expert", True),
        ("the junta", "junta officials", True),
        ("Tower", "Zachary Abuza", False),
        ("the", "one expert", False),
        ("", "Jason Tower", False),
    ],
)
def test_speaker_names_match_on_their_words(given, canonical, same):
    assert same_speaker(given, canonical) is same


def test_check_voices_passes_a_full_answer():
    speakers = checks.annotated_speakers("oped")
    fb = checks.check_voices(sorted(speakers["direct"]), sorted(speakers["indirect"]))
    assert fb.passed


@pytest.mark.parametrize(
    ("direct", "reported", "expected_parts"),
    [
        ([], [], ["both lists are empty"]),
        ("Abuza", [], ["expected direct as a list of names", "got a string 'Abuza'"]),
        (["Abuza", 3], [], ["should be a non-empty string"]),
        (["Abuza", "Putin"], [], ["'Putin': never quoted word for word", "1 of your 2 direct speakers is right"]),
        (["Abuza"], [], ["2 more direct speakers are missing from your list"]),
        (["Abuza", "Tower"], [], ["1 more direct speaker is missing from your list"]),
        (["Abuza", "Tower", "Aung Thu Nyein"], ["Jason Tower"], ["'Jason Tower': nothing in the text is reported"]),
    ],
)
def test_check_voices_explains_without_naming_the_missing(direct, reported, expected_parts):
    message = _not_yet(checks.check_voices, direct, reported)
    for part in expected_parts:
        assert part in message
    if direct in (["Abuza"], ["Abuza", "Tower"]):
        assert "Tower" not in message and "Nyein" not in message  # the answer is not revealed


# ---------------------------------------------------------------- exercise 5a: a new text


GOOD_TEXT = """---
title: "Ministers meet on river dams"
slug: river-dams
outlet: Example Weekly
date: 2025-02-01
genre: news
language: en
segments:
  first_part:
    units: [p01]
  second_part:
    units: [p02, p03.s1]
---

Ministers met on Monday to discuss the dams. They signed an agreement.

Farmers fear the water will run short. The price of rice could rise.

Protesters gathered outside the hall. Police watched.
"""


def _write(tmp_path: Path, text: str, name: str = "mine.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_new_text_passes_a_good_file(tmp_path):
    fb = checks.check_new_text(_write(tmp_path, GOOD_TEXT))
    assert fb.passed
    assert any("3 paragraphs" in line for line in fb.right)


def test_check_new_text_accepts_pinned_ids_and_names_stale_ones(tmp_path):
    from kit import pins
    from kit.text import load_text

    doc = load_text(_write(tmp_path, GOOD_TEXT))
    pinned = GOOD_TEXT.replace("[p02, p03.s1]", f"[{pins.pinned(doc, 'p02')}, {pins.pinned(doc, 'p03.s1')}]")
    assert checks.check_new_text(_write(tmp_path, pinned)).passed
    stale = pinned.replace("Farmers fear", "Farmers now fear")
    message = _not_yet(checks.check_new_text, _write(tmp_path, stale))
    assert "segment 'second_part' has pinned ids whose words changed" in message and "'p02@" in message


@pytest.mark.parametrize(
    ("text", "expected_parts"),
    [
        (GOOD_TEXT.replace("outlet: Example Weekly\n", ""), ["front matter lacks 'outlet'"]),
        (GOOD_TEXT.replace("  second_part:\n    units: [p02, p03.s1]\n", ""), ["1 segment(s) defined"]),
        (GOOD_TEXT.replace("p03.s1", "p09"), ["segment 'second_part' names unit(s) that do not exist: 'p09'"]),
        (GOOD_TEXT.replace("\n\nProtesters", " Protesters"), ["the body has 2 paragraph(s)", "at least 3"]),
        (GOOD_TEXT.replace("outlet:", "outlett:"), ["the kit cannot load it", "unknown front-matter key 'outlett'"]),
        (GOOD_TEXT.split("---\n\n")[0] + "---\n\n", ["the kit cannot load it", "body is empty"]),
    ],
)
def test_check_new_text_explains_what_is_wrong(tmp_path, text, expected_parts):
    message = _not_yet(checks.check_new_text, _write(tmp_path, text))
    for part in expected_parts:
        assert part in message


@pytest.mark.parametrize(
    ("path", "expected"),
    [(None, "got None"), (["a.md"], "got a list of 1 item"), ("", "got a string ''"), ("/no/such/file.md", "no file at")],
)
def test_check_new_text_wrong_shape(path, expected):
    assert expected in _not_yet(checks.check_new_text, path)


def test_check_new_text_refuses_the_op_ed_itself():
    from kit import paths

    message = _not_yet(checks.check_new_text, paths.texts_dir() / "oped.md")
    assert "this is the op-ed itself" in message


# ---------------------------------------------------------------- exercise 2: codebook extension


def _extended_codebook(tmp_path: Path, patterns: list[str], name: str = "ext.yml", drop_first: bool = False) -> Path:
    import yaml

    from kit.framing import load_codebook

    data = yaml.safe_load(Path(load_codebook("mfc").path).read_text(encoding="utf-8"))
    data["name"] = "mfc_test"
    if drop_first:
        data["frames"] = data["frames"][1:]
    if patterns:
        data["frames"].append({"id": "ridicule", "label": "Ridicule", "description": "mockery", "patterns": patterns})
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_codebook_changes_are_the_set_difference_of_the_two_codings(tmp_path, oped):
    from kit.framing import code

    path = _extended_codebook(tmp_path, ["bizarre", "rat king*"])
    changes = checks.codebook_changes(path, "mfc", oped)
    assert set(changes["change"]) == {"added"}
    assert sorted(changes["matched"].str.lower()) == ["bizarre", "rat king", "rat king", "rat kings"]
    for row in changes.itertuples():
        assert oped.body[row.start:row.end] == row.matched
    assert len(code(oped, path)) == len(code(oped, "mfc")) + len(changes)


def test_check_codebook_extension_passes_and_counts_hits_in_the_segment(tmp_path):
    fb = checks.check_codebook_extension(_extended_codebook(tmp_path, ["bizarre", "obscure"]))
    assert fb.passed
    assert any("2 new hits in the 'rat_king' segment" in line for line in fb.right)


@pytest.mark.parametrize(
    ("patterns", "drop_first", "expected_parts"),
    [
        ([], False, ["codes the text exactly as mfc does", "no new hit in the 'rat_king' segment"]),
        (["drone*"], False, ["no new hit in the 'rat_king' segment"]),
        (["bizarre"], True, ["1 frame of mfc is gone: 'economic'"]),
    ],
)
def test_check_codebook_extension_explains_what_is_wrong(tmp_path, patterns, drop_first, expected_parts):
    message = _not_yet(checks.check_codebook_extension, _extended_codebook(tmp_path, patterns, drop_first=drop_first))
    for part in expected_parts:
        assert part in message


@pytest.mark.parametrize(
    ("path_text", "expected"),
    [(None, "got None"), (["x.yml"], "got a list"), ("/no/such/codebook.yml", "no file at")],
)
def test_check_codebook_extension_wrong_shape(path_text, expected):
    assert expected in _not_yet(checks.check_codebook_extension, path_text)


def test_check_codebook_extension_reports_an_invalid_codebook(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("name: x\nframes: [\n", encoding="utf-8")
    assert "the kit cannot load your codebook" in _not_yet(checks.check_codebook_extension, bad)


def test_check_codebook_extension_refuses_a_file_inside_the_kit(tmp_path, monkeypatch):
    shipped = tmp_path / "kit" / "codebooks"
    shipped.mkdir(parents=True)
    path = _extended_codebook(shipped, ["bizarre"])
    monkeypatch.setattr(checks.exercise2, "SHIPPED_CODEBOOKS", shipped.resolve())
    assert "inside kit/codebooks/" in _not_yet(checks.check_codebook_extension, path)


def test_check_changes_and_spillover(tmp_path, oped):
    path = _extended_codebook(tmp_path, ["bizarre", "rat king*"])
    truth = checks.codebook_changes(path, "mfc", oped)
    assert checks.check_changes(truth, path).passed
    message = _not_yet(checks.check_changes, truth.iloc[1:], path)
    assert "1 added hit missing from your table" in message
    doubled = truth.assign(change=["removed"] + ["added"] * (len(truth) - 1))
    message = _not_yet(checks.check_changes, doubled, path)
    assert "1 row marked 'removed' is not a removed hit" in message
    assert "1 added hit missing from your table" in message
    assert "missing ['change']" not in message
    assert "needs a 'change' column" in _not_yet(checks.check_changes, truth.drop(columns="change"), path)
    assert "got a list" in _not_yet(checks.check_changes, [1, 2], path)

    outside = truth[truth["unit"].str.startswith("p25")]
    assert len(outside) == 1  # "tales of rat kings" in p25.s1
    assert checks.check_spillover(outside, path).passed
    message = _not_yet(checks.check_spillover, truth, path)
    assert "3 rows of yours lie inside the 'rat_king' segment" in message
    assert "1 added hit outside the segment missing" in _not_yet(checks.check_spillover, outside.iloc[:0], path)


# ---------------------------------------------------------------- exercise 3b/3c: attribution and absent voices


P03_SAID = "the relations between Myanmar and Russia today mean a prophecy told by the Buddha thousands of years ago"


def _fix(oped, **changes):
    start = oped.body.index(P03_SAID)
    fix = {"unit": "p03.s1", "kind": "indirect", "speaker": "Min Aung Hlaing", "start": start,
           "end": start + len(P03_SAID)}
    fix.update(changes)
    return fix


def test_check_attribution_fix_passes_a_statement_the_kit_misses(oped):
    fb = checks.check_attribution_fix(_fix(oped))
    assert fb.passed
    assert any("the speaker is right" in line for line in fb.right)


@pytest.mark.parametrize(
    ("changes", "expected_parts"),
    [
        ({"speaker": "Vladimir Putin"}, ["is not who the annotation says makes this statement"]),
        ({"kind": "direct"}, ["kind 'direct' is not right"]),
        ({"unit": "p02.s1"}, ["unit 'p02.s1' does not hold the start of your span"]),
        ({"start": 5, "end": 40}, ["no statement of the human annotation overlaps your span"]),
        ({"start": -1}, ["start and end should be whole numbers"]),
        ({"end": "914"}, ["start and end should be whole numbers"]),
    ],
)
def test_check_attribution_fix_explains_what_is_wrong(oped, changes, expected_parts):
    message = _not_yet(checks.check_attribution_fix, _fix(oped, **changes))
    for part in expected_parts:
        assert part in message


def test_check_attribution_fix_refuses_what_the_kit_already_gets_right(oped):
    from kit.quotes import quotes_table

    q = quotes_table(oped)
    row = q[q["speaker"] == "Zachary Abuza"].iloc[0]
    fix = {"unit": row["unit"], "kind": "direct", "speaker": "Zachary Abuza", "start": int(row["start"]),
           "end": int(row["end"])}
    assert "already finds this statement" in _not_yet(checks.check_attribution_fix, fix)


@pytest.mark.parametrize(
    ("fix", "expected"),
    [({}, "your fix is empty"), ([1], "expected a dict"), ({"unit": "p03.s1"}, "lacks the key(s)")],
)
def test_check_attribution_fix_wrong_shape(fix, expected):
    assert expected in _not_yet(checks.check_attribution_fix, fix)


def test_check_absent_voices(oped):
    from kit.quotes import actors

    table = actors(oped)
    silent = table.loc[(table["mentions"] > 0) & ~table["speaks"], "actor"].tolist()
    speaking = table.loc[table["speaks"], "actor"].tolist()
    assert silent and speaking
    assert checks.check_absent_voices(silent).passed
    labels = table.set_index("actor").loc[silent, "label"].str.upper().tolist()
    assert checks.check_absent_voices(labels).passed  # labels work too, in any case
    assert "more group" in _not_yet(checks.check_absent_voices, silent[:-1])
    assert "is attributed to this group" in _not_yet(checks.check_absent_voices, silent + speaking[:1])
    assert "not an actor id or label" in _not_yet(checks.check_absent_voices, silent + ["the moon"])
    assert "your list is empty" in _not_yet(checks.check_absent_voices, [])
    assert "got a string" in _not_yet(checks.check_absent_voices, "civilians")


# ---------------------------------------------------------------- exercise 4: lexicons


def test_check_lexicon_choice(oped):
    from kit.sentiment import disagreements, score

    listed = disagreements(score(oped))["unit"].tolist()
    calm = [s.id for s in oped.sentences if s.id not in listed]
    assert checks.check_lexicon_choice(listed[:3]).passed
    assert "do not disagree there" in _not_yet(checks.check_lexicon_choice, listed[:2] + calm[:1])
    assert "you chose 2 of the 3" in _not_yet(checks.check_lexicon_choice, listed[:2])
    assert "the same sentence appears twice" in _not_yet(checks.check_lexicon_choice, listed[:2] + listed[:1])
    assert "did you mean 'p03.s1'" in _not_yet(checks.check_lexicon_choice, ["p3.s1"] + listed[:2])
    assert "expected a list of 3 sentence ids" in _not_yet(checks.check_lexicon_choice, "p03.s1")


def _words_of(oped, sid):
    from kit.sentiment import explain

    ex = explain(oped.unit(sid))
    ex = ex[ex["kind"].isin(["word", "phrase"]) & (ex["valence"] != 0)]
    return {lex: ex.loc[ex["lexicon"] == lex, "token"].str.lower().tolist() for lex in ("textblob", "vader")}


def test_check_word_explanations(oped):
    full = _words_of(oped, "p15.s1")
    assert sorted(full["vader"]) == ["war", "win"]  # "diplomatic win" and "National War College"
    assert checks.check_word_explanations({"p15.s1": full}).passed
    message = _not_yet(checks.check_word_explanations, {"p15.s1": {"textblob": full["textblob"], "vader": []}})
    assert "p15.s1 vader: the word with the largest effect is missing" in message
    assert "war" not in message.lower().replace("warfare", "")  # the missing word is not revealed
    stray = {"p15.s1": {"textblob": full["textblob"] + ["diplomatic"], "vader": full["vader"]}}
    assert "'diplomatic' did not move textblob's score" in _not_yet(checks.check_word_explanations, stray)
    assert "expected {'textblob'" in _not_yet(checks.check_word_explanations, {"p15.s1": ["win"]})
    assert "expected a list of words" in _not_yet(checks.check_word_explanations, {"p15.s1": {"textblob": "win", "vader": []}})
    assert "is not a sentence id" in _not_yet(checks.check_word_explanations, {"p99.s1": full})
    assert "your dict is empty" in _not_yet(checks.check_word_explanations, {})
    assert "expected a dict" in _not_yet(checks.check_word_explanations, ["p15.s1"])


def test_check_word_explanations_accepts_an_empty_list_when_a_lexicon_found_nothing(oped):
    empty = [s.id for s in oped.sentences if _words_of(oped, s.id)["vader"] == [] and _words_of(oped, s.id)["textblob"]]
    assert empty
    sid = empty[0]
    fb = checks.check_word_explanations({sid: _words_of(oped, sid)})
    assert any("no word moved the score, and your list is empty" in line for line in fb.right)


def test_check_both_wrong(oped):
    from kit.sentiment import score

    row = score(oped).set_index("unit").loc["p26.s2"]
    assert row["textblob_polarity"] > 0.05 and row["vader_compound"] > 0.05  # both read it as positive
    assert checks.check_both_wrong("p26.s2", -1).passed
    assert "TextBlob agrees with your reading" in _not_yet(checks.check_both_wrong, "p26.s2", 1)
    assert "my_polarity should be -1, 0 or 1" in _not_yet(checks.check_both_wrong, "p26.s2", "negative")
    assert "my_polarity should be -1, 0 or 1" in _not_yet(checks.check_both_wrong, "p26.s2", True)
    assert "did you mean 'p26.s2'" in _not_yet(checks.check_both_wrong, "p26.2", -1)
    assert "got None" in _not_yet(checks.check_both_wrong, None, -1)


# ---------------------------------------------------------------- exercise 5d: profile comparison


def _comparison(oped, mine):
    from kit.framing import frame_profile

    return pd.DataFrame({"frame": frame_profile(oped)["frame"], "oped": frame_profile(oped)["share"],
                         "mine": frame_profile(mine)["share"]})


def test_check_profile_comparison(tmp_path, oped):
    from kit.text import load_text

    path = _write(tmp_path, GOOD_TEXT)
    table = _comparison(oped, load_text(path))
    assert checks.check_profile_comparison(table, path).passed
    assert checks.check_profile_comparison(table.assign(oped=table["oped"] * 100), path).passed  # percentages
    assert checks.check_profile_comparison(table.set_index("frame"), path).passed
    swapped = table.rename(columns={"oped": "mine", "mine": "oped"})
    message = _not_yet(checks.check_profile_comparison, swapped, path)
    assert "column 'oped'" in message and "differ" in message
    assert "missing ['mine']" in _not_yet(checks.check_profile_comparison, table.drop(columns="mine"), path)
    assert "one row per frame" in _not_yet(checks.check_profile_comparison, table.iloc[:3], path)
    assert "got a dict" in _not_yet(checks.check_profile_comparison, table.to_dict(), path)
    assert "your table is empty" in _not_yet(checks.check_profile_comparison, table.iloc[:0], path)
    message = _not_yet(checks.check_profile_comparison, pd.concat([table, table.iloc[:1]]), path)
    assert "duplicates" in message and "unexpected" not in message


# ---------------------------------------------------------------- exercise 1b: the kit's codes come after yours


def test_kit_codes_stay_hidden_until_the_coding_is_complete():
    half = dict.fromkeys(EXERCISE1_SENTENCES[:5], "political")
    message = _not_yet(checks.reveal_kit_codes, half)
    assert "the kit's codes stay hidden until your own coding (1a) is complete" in message
    assert "still to code" in message
    full = dict.fromkeys(EXERCISE1_SENTENCES, "political")
    shown = checks.reveal_kit_codes(full)
    assert shown["unit"].tolist() == [u for u in EXERCISE1_SENTENCES if u in set(shown["unit"])]
    assert set(shown["unit"]) == set(EXERCISE1_SENTENCES) and set(shown["coder"]) == {"kit"}


def test_exercise1_sentences_come_from_the_data_file(tmp_path):
    assert checks.exercise1_sentences() == EXERCISE1_SENTENCES
    bad = tmp_path / "ex1.yml"
    bad.write_text("sentences: p01.s1\n", encoding="utf-8")
    with pytest.raises(KitError, match="'sentences' should be a list of sentence ids"):
        checks.exercise1_sentences(bad)
