"""The lessons: structure, hygiene, and papermill runs on another text (kit/notebooks.py).

nbval re-executes the stored notebooks and compares outputs (configured in pyproject.toml); these
tests check what nbval does not: that every lesson teaches in the agreed order, that its parameters
really drive it, and that the main job (``python -m kit run``) works from any folder.
"""

from __future__ import annotations

import json
import os
import re

import nbformat
import pytest

from kit import outdir, paths
from kit.errors import TextError
from kit.notebooks import (
    coalesce_streams,
    execute_lessons,
    lesson_paths,
    parameters_of,
    run,
    run_many,
    segment_parameters,
    strip_volatile,
)
from kit.text import list_texts, load_text

LESSONS = lesson_paths()
EXPECTED = ["01_the_text", "02_sentiment", "03_framing", "04_voices", "05_two_parts", "06_comparing_texts"]


def _read(path):
    return nbformat.read(str(path), as_version=4)


def test_the_six_lessons_exist():
    assert [p.stem for p in LESSONS] == EXPECTED


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_opens_with_title_parameters_goals_and_construct(path):
    cells = _read(path).cells
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# "), "first cell: the title"
    assert cells[1].cell_type == "code" and cells[1].metadata.get("tags") == ["parameters"]
    assert re.match(r"^text = ", cells[1].source), "the parameters cell starts with the text parameter"
    first_code = next(i for i, c in enumerate(cells[2:], start=2) if c.cell_type == "code")
    before = "\n".join(c.source for c in cells[2:first_code])
    assert "## Learning goals" in before
    assert "## What are we measuring?" in before


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_ends_with_discussion_and_limits(path):
    # the last markdown cells; a teaching-notes cell may sit between the two sections
    tail = "\n".join(c.source for c in _read(path).cells[-3:] if c.cell_type == "markdown")
    assert "## Discussion questions" in tail
    assert "## Limits of the method" in tail


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_hygiene(path):
    nb = _read(path)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert not re.search(r"^\s*[!%]", cell.source, re.MULTILINE), "no shell or magic commands"
        assert "../" not in cell.source, "no hard-coded relative paths: the kit resolves them"
        assert not cell.source.rstrip().endswith(";"), "nbval does not suppress output with ';'"
        assert cell.execution_count is not None, "committed executed"
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"stored error in {path.name}"
            if output.output_type == "stream":
                assert output.name == "stdout", f"stray stderr output in {path.name}: {output.text[:200]}"
            assert not re.search(r"0x[0-9a-f]{8,}", str(output.get("data", output.get("text", "")))), "memory address"
    assert "papermill" not in nb.metadata, "volatile metadata: run python -m kit refresh"
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_code_cell_shows_something(path):
    """A cell that computes silently hides its result from readers of the stored notebook."""
    cells = [c for c in _read(path).cells if c.cell_type == "code"][1:]  # after the parameters cell
    silent = [c.source.splitlines()[0] for c in cells if not c.outputs]
    assert not silent, f"{path.name}: cells with no output on the op-ed: {silent}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_parameters_are_declared(path):
    declared = parameters_of(path)
    assert declared["text"]["default"] in ('"oped"', "'oped'")


def test_printed_text_split_by_the_kernel_is_stored_as_one_output():
    """One print can reach the client in two chunks (flush timing); the stored notebook must not show it."""
    out = nbformat.v4.new_output
    chunks = [
        out("stream", name="stdout", text="4 actor groups from"),
        out("stream", name="stdout", text=" the names\n"),
        out("stream", name="stderr", text="a warning\n"),
        out("execute_result", data={"text/plain": "1"}, execution_count=3),
        out("stream", name="stdout", text="after\n"),
    ]
    joined = coalesce_streams(chunks)
    assert [(o.output_type, o.get("name"), o.get("text")) for o in joined] == [
        ("stream", "stdout", "4 actor groups from the names\n"),
        ("stream", "stderr", "a warning\n"),
        ("execute_result", None, None),
        ("stream", "stdout", "after\n"),
    ]


def test_stored_notebooks_are_stripped():
    for path in LESSONS:
        nb = _read(path)
        assert strip_volatile(nbformat.from_dict(nb)) == nb, f"{path.name}: run python -m kit refresh"


CONTRAST = list_texts().query("path.str.startswith('contrast/')").sort_values("slug")


def test_there_are_three_constructed_contrast_texts():
    assert len(CONTRAST) >= 3
    for slug in CONTRAST["slug"]:
        meta = load_text(slug).metadata
        assert meta["constructed"] is True and meta["genre"] == "constructed"


@pytest.fixture(scope="module")
def contrast_runs(tmp_path_factory):
    """The main job on the three constructed texts at once (texts in parallel, one kernel each),
    from an unrelated working directory, the texts given by repository-relative path."""
    root = tmp_path_factory.mktemp("runs")
    here = os.getcwd()
    os.chdir(root)
    try:
        results = run_many([f"texts/{p}" for p in CONTRAST["path"]], root / "out")
    finally:
        os.chdir(here)
    return {r.slug: r for r in results}


@pytest.mark.slow
@pytest.mark.parametrize("row", [r for _, r in CONTRAST.iterrows()], ids=list(CONTRAST["slug"]))
def test_run_every_lesson_on_a_contrast_text_from_another_folder(row, contrast_runs):
    """The main job on a constructed text, with its own segments, showing the parameters as given."""
    doc = load_text(row.slug)
    result = contrast_runs[doc.slug]
    assert result.failures == ()
    out = result.index.parent
    assert out.name == doc.slug and outdir.is_owned(out)
    page = result.index.read_text(encoding="utf-8")
    assert "lessons failed" not in page and 'class="failed"' not in page.split("</style>")[1]
    for stem in EXPECTED:
        assert f'href="{stem}.html"' in page
        executed = _read(out / f"{stem}.ipynb")
        injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert injected and f'text = "texts/{row.path}"' in injected[0].source, "the parameter as the user gave it"
        outputs = "\n".join(
            str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
            for c in executed.cells
            if c.cell_type == "code"
            for o in c.outputs
        )
        assert f"slug '{doc.slug}'" in outputs, f"{stem} does not name the text it ran on"
        assert "oped" not in outputs.replace(f"slug '{doc.slug}'", ""), f"{stem} still shows the op-ed"
        page_html = (out / f"{stem}.html").read_text(encoding="utf-8")
        assert "<img" in page_html, f"{stem}.html shows no figure"
        assert not re.search(r'src="https?://', page_html), "exported pages must load nothing from the web"
        assert str(paths.repo_root()) not in page_html, "no absolute path of this machine in the page"
    segments = list(doc.metadata["segments"])
    nb05 = _read(out / "05_two_parts.ipynb")
    injected = next(c for c in nb05.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert f'segment_a = "{segments[0]}"' in injected.source


def _outputs(nb):
    return [(c.execution_count, c.outputs) for c in nb.cells if c.cell_type == "code"]


@pytest.mark.slow
def test_one_kernel_gives_the_outputs_of_one_kernel_per_lesson(contrast_runs):
    """The lessons share one kernel in ``run``; each must still print exactly what a fresh kernel prints."""
    slug = CONTRAST["slug"].iloc[0]
    out = contrast_runs[slug].index.parent
    parameters = {"text": f"texts/{CONTRAST['path'].iloc[0]}", **segment_parameters(load_text(slug))}
    for lesson in LESSONS:
        (alone,) = execute_lessons([lesson], parameters, paths.repo_root())
        shared = _read(out / lesson.name)
        assert alone.ok
        assert json.dumps(_outputs(alone.notebook), sort_keys=True) == json.dumps(_outputs(shared), sort_keys=True), (
            f"{lesson.stem}: one kernel for all lessons changed its outputs"
        )


def test_run_stops_before_any_notebook_on_an_invalid_text(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: x\ndate: someday\n---\nBody.\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(TextError, match=r"bad\.md:3: front-matter key 'date'"):
        run(bad, out)
    assert not out.exists()


def test_build_folder_is_gitignored():
    assert "build/" in (paths.repo_root() / ".gitignore").read_text().splitlines()
