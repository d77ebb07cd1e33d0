"""Output folders the kit owns (kit/outdir.py): refused targets, the swap, the lock, all-or-nothing files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kit import outdir, paths
from kit.errors import OutputError


def _built(target: Path, files: dict[str, str], inputs=()) -> None:
    with outdir.building(target, inputs) as staging:
        for name, content in files.items():
            (staging / name).write_text(content, encoding="utf-8")


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (lambda: paths.notebooks_dir(), "refusing to write into notebooks/"),
        (lambda: paths.texts_dir(), "refusing to write into texts/"),
        (lambda: paths.texts_dir() / "news", "refusing to write into texts/"),
        (lambda: paths.exercises_dir() / "student", "refusing to write into exercises/"),
        (lambda: paths.repo_root(), "refusing to replace a folder that holds the kit's texts/"),
        (lambda: paths.PACKAGE_DIR / "out", "refusing to write into kit/"),
    ],
    ids=["notebooks", "texts", "texts-sub", "exercises", "repo-root", "package"],
)
def test_the_kits_sources_are_refused(where, message):
    with pytest.raises(OutputError, match=message) as info:
        outdir.check_target(where())
    assert "Fix: choose another --out folder" in str(info.value)


def test_a_relative_path_into_the_sources_is_refused_too(monkeypatch):
    monkeypatch.chdir(paths.repo_root())
    with pytest.raises(OutputError, match="notebooks/"):
        outdir.check_target("notebooks/../notebooks")


def test_a_folder_holding_an_input_is_refused(tmp_path):
    source = tmp_path / "article.md"
    source.write_text("Body.\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"holds an input of this run \(article\.md\)"):
        outdir.check_target(tmp_path, inputs=[source])


def test_a_folder_with_foreign_files_is_refused_and_left_alone(tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "thesis.docx").write_text("years of work", encoding="utf-8")
    with pytest.raises(OutputError, match=r"not empty and was not written by the kit.*Fix: .*or empty it first"):
        _built(target, {"index.html": "x"})
    assert [p.name for p in target.iterdir()] == ["thesis.docx"]


@pytest.mark.parametrize("kind", ["file", "under-a-file", "proc"])
def test_places_that_cannot_be_written_get_one_line(tmp_path, kind):
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    target = {"file": a_file, "under-a-file": a_file / "sub", "proc": Path("/proc/kit-out")}[kind]
    with pytest.raises(OutputError) as info:
        _built(target, {"index.html": "x"})
    assert "\n" not in str(info.value) and "Fix:" in str(info.value)
    if kind == "under-a-file":
        assert "a-file is a file, not a folder" in str(info.value)
    assert a_file.read_text(encoding="utf-8") == "x"


def test_a_new_folder_is_built_and_marked(tmp_path):
    target = tmp_path / "build" / "oped"
    _built(target, {"index.html": "one"})
    assert sorted(p.name for p in target.iterdir()) == [outdir.MARKER, "index.html"]
    assert outdir.is_owned(target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["oped"], "no staging, old or lock files left"


def test_a_rerun_replaces_the_whole_folder(tmp_path):
    target = tmp_path / "out"
    _built(target, {"index.html": "one", "05_old_lesson.html": "stale"})
    _built(target, {"index.html": "two"})
    assert sorted(p.name for p in target.iterdir()) == [outdir.MARKER, "index.html"], "no file of the earlier run survives"
    assert (target / "index.html").read_text(encoding="utf-8") == "two"


def test_the_marker_lists_what_the_kit_wrote(tmp_path):
    target = tmp_path / "out"
    _built(target, {"index.html": "one", "01_the_text.html": "x"})
    marker = (target / outdir.MARKER).read_text(encoding="utf-8")
    assert marker.endswith(f"{outdir.MANIFEST_HEADING}\n01_the_text.html\nindex.html\n")
    assert outdir.foreign_entries(target) == []


@pytest.mark.parametrize("yours", ["01_the_text-Copy1.ipynb", "notes.txt", ".ipynb_checkpoints"])
def test_a_marked_folder_holding_a_file_the_kit_did_not_write_is_refused_and_left_alone(tmp_path, yours):
    target = tmp_path / "out"
    _built(target, {"index.html": "one"})
    (target / yours).write_text("my work", encoding="utf-8")
    with pytest.raises(OutputError, match=rf"holds 1 file\(s\) the kit did not write \({re.escape(yours)}\)\. "
                                          r"Fix: move them out of it, or choose another --out"):
        _built(target, {"index.html": "two"})
    assert (target / yours).read_text(encoding="utf-8") == "my work"
    assert (target / "index.html").read_text(encoding="utf-8") == "one"


def test_a_marker_from_before_the_list_vouches_for_the_whole_folder(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / outdir.MARKER).write_text(outdir.MARKER_TEXT, encoding="utf-8")  # no list of names yet
    (target / "index.html").write_text("old", encoding="utf-8")
    _built(target, {"index.html": "new"})
    assert (target / "index.html").read_text(encoding="utf-8") == "new"


def test_the_generated_folder_of_a_command_is_allowed_and_nothing_else(tmp_path):
    student = paths.exercises_dir() / "student"
    assert outdir.check_target(student, generated=student) == student.resolve()
    for refused in (student / "sub", paths.exercises_dir(), paths.notebooks_dir()):
        with pytest.raises(OutputError, match="refusing to"):
            outdir.check_target(refused, generated=student)


def test_an_empty_existing_folder_is_accepted(tmp_path):
    (tmp_path / "empty-but-there").mkdir()
    _built(tmp_path / "empty-but-there", {"index.html": "x"})
    assert (tmp_path / "empty-but-there" / "index.html").is_file()


@pytest.mark.parametrize("failure", [RuntimeError("lesson crashed"), KeyboardInterrupt()])
def test_a_failed_or_interrupted_build_leaves_the_previous_output(tmp_path, failure):
    target = tmp_path / "out"
    _built(target, {"index.html": "complete"})
    with pytest.raises(type(failure)), outdir.building(target) as staging:
        (staging / "index.html").write_text("half", encoding="utf-8")
        raise failure
    assert (target / "index.html").read_text(encoding="utf-8") == "complete"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "the partial folder is removed"


def test_a_failed_first_build_leaves_nothing(tmp_path):
    with pytest.raises(RuntimeError), outdir.building(tmp_path / "out") as staging:
        (staging / "index.html").write_text("half", encoding="utf-8")
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_leftovers_of_a_killed_run_are_cleaned_up(tmp_path):
    (tmp_path / ".out.partial-abc123").mkdir()
    (tmp_path / ".out.old-def456").mkdir()
    _built(tmp_path / "out", {"index.html": "x"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_second_writer_in_the_same_process_fails_at_once(tmp_path):
    target = tmp_path / "out"
    with outdir.building(target), pytest.raises(OutputError, match="another run of the kit is writing this folder"):
        _built(target, {"index.html": "second"})
    _built(target, {"index.html": "third"})  # the lock is released afterwards
    assert (target / "index.html").read_text(encoding="utf-8") == "third"


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kit import outdir
    with outdir.building(Path(sys.argv[1])) as staging:
        (staging / "index.html").write_text("first", encoding="utf-8")
        print("holding", flush=True)
        while not Path(sys.argv[2]).exists():  # hold the folder until the test says so
            time.sleep(0.05)
    """
)


def test_a_second_process_fails_clearly_while_the_first_one_writes(tmp_path):
    target, release = tmp_path / "out", tmp_path / "release"
    first = subprocess.Popen([sys.executable, "-c", HOLDER, str(target), str(release)], stdout=subprocess.PIPE, text=True)
    try:
        assert first.stdout.readline().strip() == "holding"
        release_at_once = tmp_path / "released"
        release_at_once.touch()
        second = subprocess.run(
            [sys.executable, "-c", HOLDER, str(target), str(release_at_once)], capture_output=True, text=True, check=False
        )
        assert second.returncode != 0
        assert "another run of the kit is writing this folder right now" in second.stderr
    finally:
        release.touch()
        first.wait(timeout=60)
    assert first.returncode == 0
    assert (target / "index.html").read_text(encoding="utf-8") == "first"


def test_replace_file_is_all_or_nothing(tmp_path):
    path = tmp_path / "lesson.ipynb"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o640)
    outdir.replace_file(path, "new")
    assert path.read_text(encoding="utf-8") == "new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["lesson.ipynb"]


def test_not_a_path_is_a_kit_error():
    with pytest.raises(OutputError, match="an output folder is a path, got int"):
        outdir.check_target(5)
