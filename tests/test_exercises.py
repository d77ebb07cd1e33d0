"""Exercises (kit/exercises.py, exercises/): the CI checks of issue 7.

- every solution notebook executes with no error, so every check in it passes;
- every student notebook executes, and its only errors are the placeholders' NotImplementedError
  or the checks' NotYet;
- no solution line appears in any student notebook;
- regenerating the student versions gives the committed files, byte for byte.

Notebooks run in temporary copies (nothing is written into exercises/), all ten at once on one
event loop so kernel start-up overlaps (about 25 s on two cores).
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

from kit import exercises, outdir, paths
from kit.checks import EXERCISE1_SENTENCES
from kit.errors import KitError, OutputError
from kit.exercises import BEGIN_MARK, END_MARK, build, replace_solutions, solution_lines, student_version

SOLUTIONS = exercises.solution_paths()
STUDENTS = sorted(exercises.student_dir().glob("*.ipynb"))
ALLOWED_STUDENT_ERRORS = {"NotImplementedError", "NotYet"}


# ---------------------------------------------------------------- generation (fast)


def _nb(*cells: tuple[str, str, list[str]]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for i, (kind, source, tags) in enumerate(cells):
        cell = nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)
        cell.id = f"c{i}"
        if tags:
            cell.metadata["tags"] = tags
        if kind == "code":
            cell.outputs = [nbformat.v4.new_output("stream", text="42\n")]
            cell.execution_count = 3
        nb.cells.append(cell)
    return nb


@pytest.mark.parametrize(
    ("source", "kind", "expected"),
    [
        ("x = 0\n### BEGIN SOLUTION Exercise 9: set x\nx = 42\n### END SOLUTION\nprint(x)", "code",
         'x = 0\n# YOUR CODE HERE\nraise NotImplementedError("Exercise 9: set x")\nprint(x)'),
        ("def f():\n    ### BEGIN SOLUTION Exercise 9b\n    return 1\n    ### END SOLUTION", "code",
         'def f():\n    # YOUR CODE HERE\n    raise NotImplementedError("Exercise 9b")'),
        ("### BEGIN SOLUTION\na = 1\n### END SOLUTION\nb = 2\n### BEGIN SOLUTION: Exercise 9c: \"q\"\nc = 3\n### END SOLUTION",
         "code",
         '# YOUR CODE HERE\nraise NotImplementedError("cell: write your solution here")\nb = 2\n'
         '# YOUR CODE HERE\nraise NotImplementedError("Exercise 9c: \\"q\\"")'),
        ("Why?\n\n### BEGIN SOLUTION\nBecause.\nReally.\n### END SOLUTION\n", "markdown", "Why?\n\n_YOUR ANSWER HERE_\n"),
        ("no markers here", "code", "no markers here"),
    ],
)
def test_replace_solutions(source, kind, expected):
    assert replace_solutions(source, kind) == expected


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (f"{BEGIN_MARK}\nx = 1", "is never closed"),
        (f"x = 1\n{END_MARK}", "without a matching"),
        (f"{BEGIN_MARK}\n{BEGIN_MARK}\n{END_MARK}\n{END_MARK}", "inside an open solution block"),
    ],
)
def test_unbalanced_markers_are_reported_with_the_line(source, problem):
    with pytest.raises(KitError) as info:
        replace_solutions(source, "code", "demo.ipynb, cell 4")
    assert problem in str(info.value)
    assert "demo.ipynb, cell 4: line" in str(info.value)


def test_student_version_drops_hidden_checks_clears_outputs_and_keeps_the_source_intact():
    nb = _nb(
        ("markdown", "# Title", []),
        ("code", f"x = 0\n{BEGIN_MARK} Ex 1\nx = 7\n{END_MARK}", []),
        ("code", "assert x == 7", ["hidden-check"]),
        ("code", "print(x)", ["keep-me"]),
    )
    nb.metadata["papermill"] = {"start_time": "2025-01-01"}
    before = nbformat.writes(nb)
    student = student_version(nb, "demo")
    assert nbformat.writes(nb) == before  # the solution is not modified
    assert [c.id for c in student.cells] == ["c0", "c1", "c3"]
    assert all(c.outputs == [] and c.execution_count is None for c in student.cells if c.cell_type == "code")
    assert "papermill" not in student.metadata
    assert student.cells[2].metadata["tags"] == ["keep-me"]
    assert "x = 7" not in nbformat.writes(student)
    assert solution_lines(nb) == ["x = 7"]


def _one_solution(folder: Path, name: str = "a.ipynb") -> Path:
    folder.mkdir(exist_ok=True)
    nbformat.write(_nb(("code", f"{BEGIN_MARK}\ny = 1\n{END_MARK}", [])), str(folder / name))
    return folder / name


def test_build_writes_deterministically_and_removes_stale_notebooks(tmp_path):
    src, out = tmp_path / "solutions", tmp_path / "student"
    _one_solution(src)
    _one_solution(src, "b.ipynb")
    assert build(src, out) == [out / "a.ipynb", out / "b.ipynb"]
    (src / "b.ipynb").unlink()
    first = build(src, out)
    assert first == [out / "a.ipynb"]
    assert sorted(p.name for p in out.iterdir()) == [outdir.MARKER, "a.ipynb"], "b.ipynb went with its solution"
    data = (out / "a.ipynb").read_bytes()
    assert build(src, out) == first
    assert (out / "a.ipynb").read_bytes() == data


def test_build_refuses_a_folder_with_files_the_kit_did_not_write_and_leaves_it_alone(tmp_path):
    src, out = tmp_path / "solutions", tmp_path / "student"
    _one_solution(src)
    out.mkdir()
    (out / "my_answers.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(OutputError, match=r"not empty and was not written by the kit.*Fix: move your own files"):
        build(src, out)
    assert [p.name for p in out.iterdir()] == ["my_answers.ipynb"]


def test_build_never_writes_over_its_solutions(tmp_path):
    src = tmp_path / "solutions"
    solution = _one_solution(src)
    before = solution.read_bytes()
    with pytest.raises(OutputError, match=r"holds an input of this run \(a\.ipynb\)"):
        build(src, src)
    assert solution.read_bytes() == before


def test_a_bad_solution_leaves_the_previous_student_folder_whole(tmp_path):
    src, out = tmp_path / "solutions", tmp_path / "student"
    _one_solution(src)
    build(src, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    nbformat.write(_nb(("code", "x = 1", [])), str(src / "b.ipynb"))  # no solution block
    with pytest.raises(KitError, match="has no solution block"):
        build(src, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_students_saved_copy_stops_the_build_and_is_kept(tmp_path):
    src, out = tmp_path / "solutions", tmp_path / "student"
    _one_solution(src)
    build(src, out)
    (out / "a-Copy1.ipynb").write_text("my answers", encoding="utf-8")  # File > Save Notebook As ...
    with pytest.raises(OutputError, match=r"1 file\(s\) the kit did not write \(a-Copy1\.ipynb\)\. Fix: move your own"):
        build(src, out)
    assert (out / "a-Copy1.ipynb").read_text(encoding="utf-8") == "my answers"


def test_the_committed_student_folder_holds_only_what_exercises_build_wrote():
    assert outdir.is_owned(exercises.student_dir()), "commit exercises/student/.framing-kit-output"
    assert outdir.foreign_entries(exercises.student_dir()) == []


@pytest.mark.parametrize(
    ("cells", "kernel", "problem"),
    [
        ([("code", "x = 1", [])], "python3", "has no solution block"),
        ([("code", f"{BEGIN_MARK}\nx = 1\n{END_MARK}", [])], "ir", "kernelspec name is 'ir'"),
    ],
)
def test_build_refuses_bad_solution_notebooks(tmp_path, cells, kernel, problem):
    nb = _nb(*cells)
    nb.metadata["kernelspec"]["name"] = kernel
    nbformat.write(nb, str(tmp_path / "bad.ipynb"))
    with pytest.raises(KitError, match=problem):
        build(tmp_path, tmp_path / "out")


def test_build_with_no_solutions_says_where_to_put_them(tmp_path):
    with pytest.raises(KitError, match="no solution notebooks found"):
        build(tmp_path, tmp_path / "out")


# ---------------------------------------------------------------- the committed exercises


def test_there_are_at_least_five_exercises_each_with_a_student_version():
    assert len(SOLUTIONS) >= 5
    assert [p.name for p in STUDENTS] == [p.name for p in SOLUTIONS]


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_hidden_checks_exist_in_solutions_and_never_reach_students(solution):
    """Hidden checks keep the answer keys honest: they assert the facts the model answers cite."""
    tagged = [c for c in nbformat.read(str(solution), as_version=4).cells if "hidden-check" in c.metadata.get("tags", [])]
    assert tagged, f"{solution.name} has no cell tagged hidden-check"
    student = nbformat.read(str(exercises.student_dir() / solution.name), as_version=4)
    assert not any("hidden-check" in c.metadata.get("tags", []) for c in student.cells)
    assert not any(c.source == t.source for c in student.cells for t in tagged)


def test_student_versions_are_up_to_date(tmp_path):
    written = build(out_dir=tmp_path)
    assert [p.name for p in written] == [p.name for p in STUDENTS]
    for fresh in written:
        committed = exercises.student_dir() / fresh.name
        assert fresh.read_bytes() == committed.read_bytes(), (
            f"{committed} is out of date: run `python -m kit exercises build` and commit the result"
        )
    assert (tmp_path / outdir.MARKER).read_bytes() == (exercises.student_dir() / outdir.MARKER).read_bytes()


def test_cli_build_returns_the_written_paths(tmp_path, monkeypatch, capsys):
    from kit.cli import main

    monkeypatch.setattr(exercises, "student_dir", lambda: tmp_path)
    assert main(["exercises", "build"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == [f"wrote {tmp_path / p.name}" for p in SOLUTIONS]


def _meaningful(line: str) -> bool:
    """Lines that could leak an answer: not only brackets and punctuation (a lone ')' is everywhere)."""
    return any(ch.isalnum() for ch in line)


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_no_solution_line_appears_in_any_student_notebook(solution):
    lines = [ln for ln in solution_lines(nbformat.read(str(solution), as_version=4)) if _meaningful(ln)]
    assert lines, "a solution notebook without solution lines"
    student_text = "\n".join(
        ln.strip() for p in STUDENTS for c in nbformat.read(str(p), as_version=4).cells for ln in c.source.splitlines()
    )
    student_lines = set(student_text.splitlines())
    leaked = [ln for ln in lines if ln in student_lines]
    assert not leaked, f"solution lines of {solution.name} found in a student notebook: {leaked[:5]}"


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_every_solution_block_is_preceded_by_an_initialisation_or_is_markdown(solution):
    """So that later check cells in the student version get an empty answer, not a NameError."""
    nb = nbformat.read(str(solution), as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or BEGIN_MARK not in cell.source:
            continue
        before = cell.source.split(BEGIN_MARK)[0]
        assert "=" in before, f"{solution.name} cell {i}: initialise the answer variable before {BEGIN_MARK}"


def test_partner_coding_file_schema():
    from kit.framing import load_codebook

    header = (exercises.data_dir() / "partner_coding.csv").read_text(encoding="utf-8").splitlines()[:10]
    assert any(h.startswith("# Source:") for h in header)
    assert any(h.startswith("# Licence:") for h in header)
    assert any("Citation" in h for h in header)
    coding = exercises.partner_coding()
    assert list(coding.columns) == exercises.CODING_COLUMNS
    assert sorted(coding["unit"]) == sorted(EXERCISE1_SENTENCES)
    assert set(coding["coder"]) == {"partner"}
    assert set(coding["frame"]) <= {f.id for f in load_codebook("mfc").frames}
    assert coding["note"].str.len().min() > 10


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("unit,coder,frame\np01.s1,a,economic\n", "missing column(s) ['note']"),
        ("unit,coder,frame,note\np01.s1,a,,x\n", "empty 'frame'"),
        ("unit,coder,frame,note\np01.s1,a,economic,x\np01.s1,a,political,y\n", "coded twice"),
    ],
)
def test_read_coding_rejects_bad_files(tmp_path, content, problem):
    path = tmp_path / "coding.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KitError, match=problem.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        exercises.read_coding(path)


def test_read_coding_missing_file(tmp_path):
    with pytest.raises(KitError, match="coding file not found"):
        exercises.read_coding(tmp_path / "nope.csv")


def test_instructor_guide_covers_the_issue():
    guide = (paths.exercises_dir() / "INSTRUCTOR.md").read_text(encoding="utf-8")
    for needed in ("Learning objectives", "90-minute", "Discussion prompts", "answer keys",
                   "python -m kit run --text", "Binder", "JupyterLab", "offline", "Common student errors"):
        assert needed in guide, needed
    for lesson in ("01_the_text", "02_sentiment", "03_framing", "04_voices", "05_two_parts"):
        assert lesson in guide, lesson
    for solution in SOLUTIONS:
        assert solution.stem in guide, solution.stem
    assert (paths.exercises_dir() / "README.md").is_file()


# ---------------------------------------------------------------- execution (slow)


async def _run_all(paths_: list[Path], workdir: Path, allow_errors: bool) -> dict[str, nbformat.NotebookNode]:
    async def one(path: Path) -> tuple[str, nbformat.NotebookNode]:
        copy = workdir / path.parent.name / path.name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, copy)
        nb = nbformat.read(str(copy), as_version=4)
        client = NotebookClient(
            nb, kernel_name="python3", timeout=180, allow_errors=allow_errors,
            resources={"metadata": {"path": str(copy.parent)}},
        )
        try:
            await client.async_execute()
        except Exception as exc:  # report which notebook failed and why
            return path.name, exc
        return path.name, nb

    done = await asyncio.gather(*(one(p) for p in paths_))
    return dict(done)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Run every solution (errors stop it) and every student notebook (errors allowed) once."""
    workdir = tmp_path_factory.mktemp("exercise-runs")
    os.environ.setdefault("MPLBACKEND", "Agg")

    async def both():
        return await asyncio.gather(
            _run_all(SOLUTIONS, workdir, allow_errors=False), _run_all(STUDENTS, workdir, allow_errors=True)
        )

    solutions, students = asyncio.run(both())
    return solutions, students


def _errors(nb: nbformat.NotebookNode) -> list[tuple[int, str, str]]:
    return [
        (i, out.ename, out.evalue)
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.output_type == "error"
    ]


@pytest.mark.slow
@pytest.mark.parametrize("name", [p.name for p in SOLUTIONS])
def test_solution_notebook_runs_and_every_check_passes(executed, name):
    result = executed[0][name]
    assert not isinstance(result, Exception), f"{name} failed: {str(result)[-2000:]}"
    assert _errors(result) == []
    check_cells = [c for c in result.cells if c.cell_type == "code" and c.source.startswith("check_")]
    assert check_cells, "a solution notebook without checks"
    for cell in check_cells:
        text = "".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in cell.outputs)
        assert text.startswith("Well done ("), f"{name}: {cell.source!r} printed {text!r}"


@pytest.mark.slow
@pytest.mark.parametrize("name", [p.name for p in STUDENTS])
def test_student_notebook_runs_and_only_placeholders_or_not_yet_fail(executed, name):
    result = executed[1][name]
    assert not isinstance(result, Exception), f"{name} could not run: {result}"
    errors = _errors(result)
    unexpected = [e for e in errors if e[1] not in ALLOWED_STUDENT_ERRORS]
    assert not unexpected, f"{name}: errors other than placeholders / NotYet: {unexpected}"
    kinds = {e[1] for e in errors}
    assert kinds == ALLOWED_STUDENT_ERRORS, f"{name}: expected both placeholders and NotYet checks, got {kinds}"
    # every check cell answers "Not yet" (the answers are still empty), and its message is the feedback
    for i, cell in enumerate(result.cells):
        if cell.cell_type == "code" and cell.source.startswith("check_"):
            errs = [o for o in cell.outputs if o.output_type == "error"]
            assert errs and errs[0].ename == "NotYet", f"{name} cell {i} should say Not yet"
            assert errs[0].traceback[0].startswith("Not yet ("), errs[0].traceback[:2]


def test_checks_are_pandas_free_of_side_effects_on_answers():
    """A check never modifies what the student passes (the DataFrame is the same afterwards)."""
    from kit.checks import NotYet, check_alpha

    table = pd.DataFrame({"unit": ["a", "b"], "coder": ["me", "me"], "frame": ["x", "y"]})
    before = table.copy()
    with pytest.raises(NotYet):
        check_alpha(table, 0.0)
    pd.testing.assert_frame_equal(table, before)
