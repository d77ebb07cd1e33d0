"""``kit validate`` checks everything ``kit run`` needs (kit/validation.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit import paths, validation
from kit.text import list_texts

FIXTURES = sorted(p for p in (Path(__file__).parent / "fixtures" / "texts").glob("*.md") if p.name != "README.md")
OPED = (paths.texts_dir() / "oped.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", list_texts()["path"].tolist())
def test_every_shipped_text_validates(path):
    assert validation.problems(paths.texts_dir() / path) == []


@pytest.mark.parametrize("path", list_texts()["path"].tolist())
def test_every_shipped_segment_id_is_pinned_to_its_words(path):
    from kit import pins
    from kit.text import load_text

    for name, definition in (load_text(paths.texts_dir() / path).metadata.get("segments") or {}).items():
        unpinned = [u for u in definition.get("units", []) if pins.split_pin(u)[1] is None]
        assert not unpinned, f"{path}: segments.{name} names {unpinned} without @fingerprint (python -m kit pin)"


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_every_edge_fixture_validates(path):
    assert validation.problems(path) == []


def _write(tmp_path, text, name="story.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _one_line(problems, *needles):
    assert len(problems) == 1, problems
    assert "\n" not in problems[0] and "Fix:" in problems[0]
    for needle in needles:
        assert needle in problems[0], problems[0]
    return problems[0]


def test_a_segment_naming_a_missing_id(tmp_path):
    path = _write(tmp_path, "---\nsegments:\n  a:\n    units: [p09]\n  b:\n    units: [p01]\n---\n\nOne. Two.\n")
    # the line is the one of the offending key (units: on line 4), as for every other front-matter error
    _one_line(validation.problems(path), f"{path.resolve()}:4: segments.a: unknown unit id 'p09'")


@pytest.mark.parametrize(
    ("definition", "line", "needle"),
    [  # the front matter starts on line 2 (title), segments: 3, a: 4, the definition's keys from line 5
        ("    description: d\n    keywords: [zzz]", 6, "segments.a: segment 'a' (keywords: zzz) matches no sentence"),
        ("    description: 5\n    units: [p01]", 5, "segments.a: 'description' must be a text"),
        ("    units: [p01]\n    frame: x", 6, "segments.a: segment definition has several (units, frame)"),
        ("    unit: [p01]", 5, "segments.a: unknown key 'unit'"),
        ("    description: d\n    frame: no_such_frame", 6, "segments.a: unknown frame 'no_such_frame'"),
    ],
)
def test_a_segment_problem_names_the_line_of_its_key(tmp_path, definition, line, needle):
    text = f"---\ntitle: t\nsegments:\n  a:\n{definition}\n  b:\n    units: [p01]\n---\n\nOne. Two.\n"
    path = _write(tmp_path, text)
    _one_line(validation.problems(path), f"{path.resolve()}:{line}: {needle}")


def test_a_segment_given_as_one_string_is_refused_in_front_matter_but_taken_by_the_api(tmp_path):
    from kit.errors import TextError
    from kit.segment import resolve_segment
    from kit.text import load_text

    bare = _write(tmp_path, "---\nsegments:\n  a:\n    units: p01\n---\n\nOne. Two.\n", "bare.md")
    message = _one_line(validation.problems(bare), f"{bare.resolve()}:4: segments.a.units should be a list")
    assert message.endswith("Fix: write units: [p01]")
    with pytest.raises(TextError, match=r"bare\.md:4: segments\.a\.units"):
        load_text(bare)
    doc = load_text(_write(tmp_path, "One. Two.\n", "plain.md"))
    assert resolve_segment(doc, {"units": "p01"}).sentence_ids == ("p01.s1", "p01.s2")


def test_a_text_of_one_sentence_has_no_two_parts(tmp_path):
    _one_line(validation.problems(_write(tmp_path, "Only one sentence here.\n")), "no two parts to compare")


def test_an_annotation_file_for_another_version_of_the_text(tmp_path):
    head, _, body = OPED.partition("\n---\n")
    paragraphs = body.strip().split("\n\n")
    shorter = head + "\n---\n\n" + "\n\n".join(paragraphs[:20]) + "\n"
    found = validation.problems(_write(tmp_path, shorter, "oped.md"))
    assert found and all("Fix:" in p and "\n" not in p for p in found)
    frames = [p for p in found if "oped_frames.csv:" in p]
    # one line per coded paragraph the shorter body lacks (p21..p28), each naming its line of the file
    assert [p.split("oped_frames.csv:")[1].split(":")[0] for p in frames] == [str(n) for n in range(22, 30)]
    assert all("the body has no such unit now" in p for p in frames)
    assert any("oped_quotes.yml" in p for p in found), found
    # the segments' pinned ids of p25..p27 are named too, not an unknown-id crash
    assert sum("segments.security_claims: 'p2" in p for p in found) == 4, found


def test_a_sentence_inserted_into_the_oped_names_the_moved_ids(tmp_path):
    from tests.support.edited_oped import with_sentence_inserted

    path = with_sentence_inserted(tmp_path)
    found = [p for p in validation.problems(path) if "segments." in p]
    assert len(found) == 2, found
    units_line = next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if "p25.s2@" in line)
    assert all(p.startswith(f"{path.resolve()}:{units_line}: segments.security_claims: ") for p in found), found
    assert "'p25.s2@" in found[0] and "its words are now p25.s3" in found[0] and "Fix: write p25.s3@" in found[0]
    assert "'p25.s3@" in found[1] and "its words are now p25.s4" in found[1]


def test_a_text_whose_slug_collides_with_another(tmp_path, monkeypatch):
    root = tmp_path / "kit-root"
    (root / "texts" / "annotations").mkdir(parents=True)
    (root / "texts" / "a.md").write_text("---\nslug: same\n---\n\nOne. Two.\n", encoding="utf-8")
    (root / "texts" / "b.md").write_text("---\nslug: same\n---\n\nThree. Four.\n", encoding="utf-8")
    monkeypatch.setenv("FRAMING_KIT_ROOT", str(root))
    _one_line(validation.problems(root / "texts" / "a.md"), "slug 'same' is also the slug of texts/a.md", "b.md")


@pytest.mark.parametrize(
    ("notes", "needle"),
    [("{}", "teaching_notes: 'teaching_notes' is empty"), ("{voicez: {discussion: [x]}}", "teaching_notes.voicez")],
)
def test_bad_teaching_notes(tmp_path, notes, needle):
    path = _write(tmp_path, f"---\nteaching_notes: {notes}\n---\n\nOne. Two.\n")
    _one_line(validation.problems(path), str(path.resolve()), needle)


@pytest.mark.parametrize(
    ("actors", "needle"),
    [
        ("\n  mayor: []", "actors: mayor: must be a non-empty list"),
        # a mapping per group is not what lesson 4 reads: validate must not accept it
        ("\n  mayor: {label: Mayor, patterns: [mayor]}", "actors: mayor: must be a non-empty list"),
        (" [mayor, police]", "front-matter key 'actors' should be a dict"),
    ],
)
def test_actor_groups_must_parse(tmp_path, actors, needle):
    path = _write(tmp_path, f"---\nactors:{actors}\n---\n\nOne. Two.\n")
    _one_line(validation.problems(path), needle)


def test_an_actor_file_beside_the_annotations_must_load(tmp_path, monkeypatch):
    root = tmp_path / "kit-root"
    (root / "texts" / "annotations").mkdir(parents=True)
    (root / "texts" / "story.md").write_text("One. Two.\n", encoding="utf-8")
    (root / "texts" / "annotations" / "story_actors.yml").write_text("actors:\n  - id: Mayor\n", encoding="utf-8")
    monkeypatch.setenv("FRAMING_KIT_ROOT", str(root))
    _one_line(validation.problems(root / "texts" / "story.md"), "story_actors.yml: actors[1]", "id, label and patterns")


def test_a_text_that_does_not_load_gives_its_loading_error_only(tmp_path):
    _one_line(validation.problems(_write(tmp_path, "---\ntitel: x\n---\n\nOne.\n")), "unknown front-matter key 'titel'")


def test_validation_never_writes_into_texts(tmp_path):
    before = sorted((p, p.stat().st_mtime_ns) for p in paths.texts_dir().rglob("*") if p.is_file())
    validation.problems("oped")
    assert sorted((p, p.stat().st_mtime_ns) for p in paths.texts_dir().rglob("*") if p.is_file()) == before


def test_the_command_prints_each_problem_on_one_line_and_exits_2(tmp_path, capsys):
    from kit.cli import main

    path = _write(tmp_path, "---\nteaching_notes: {voicez: {discussion: [x]}}\n---\n\nOne. Two.\n")
    assert main(["validate", "--text", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "teaching_notes.voicez" in err[0]
    assert main(["validate", "--text", "oped"]) == 0
    assert capsys.readouterr().out.startswith("OK: ")


# ---------------------------------------------------------------- validates => the analyses run (random texts)


#: Pieces news prose is made of, including the ones that have crashed lessons before: quotation marks of
#: every kind, cue verbs, names, titles, numbers, accents (NFC and NFD), TeX-like and HTML-like text.
PIECES = st.sampled_from([
    "The", "minister", "said", "told", "reporters", "according to", "Ann Lee", "Dr.", "José Núñez",
    "Jose\u0301", "police", "drones", "army", "prices", "court", "hospital", "“", "”", "‘", "’", '"', "'",
    ",", ".", ":", ";", "—", "(", ")", "$$", r"$\foo$", "<b>", "&amp;", "3,000", "2025", "U.S.", "e.g.",
    "he", "she", "they", "claimed", "added", "warned", "that", "rat king", "\u00a0",
])
PARAGRAPHS = st.lists(st.lists(PIECES, min_size=1, max_size=25).map(" ".join), min_size=1, max_size=5)


def _random_text(paragraphs: list[str], segments: bool) -> str:
    front = ["title: A random text", "outlet: Test"]
    if segments:
        last = f"p{len(paragraphs):02d}"
        front += ["segments:", "  first: {units: [p01]}", f"  second: {{units: [{last}]}}"]
    return "---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(paragraphs) + "\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraphs=PARAGRAPHS, segments=st.booleans())
def test_a_random_text_that_validates_runs_every_analysis(tmp_path, paragraphs, segments):
    """The in-process half of "validates => run never crashes" (the lessons themselves run on every
    shipped text in tests/test_lesson_matrix.py): every corpus analysis, the frame coding at both units,
    and lesson 5's segment pair run without an error on any random text that validates."""
    from kit import framing
    from kit.corpus.analyses import ANALYSES, Plan, analyse_document
    from kit.segment import default_pair
    from kit.text import load_text

    path = tmp_path / "random.md"
    path.write_text(_random_text(paragraphs, segments), encoding="utf-8")
    if validation.problems(path):
        return  # a text validate refuses is not promised anything beyond its one-line message
    doc = load_text(path)
    tables = analyse_document(doc, Plan(analyses=tuple(ANALYSES)))
    assert set(tables) == set(ANALYSES)
    for unit in ("sentence", "paragraph"):
        coded = framing.kit_coding(doc, "mfc", unit=unit)
        assert len(coded) == len(doc.units(unit))
    a, b, how = default_pair(doc)  # validate asks for the pair, so a text that validates has one
    assert a.sentence_ids and b.sentence_ids and how
