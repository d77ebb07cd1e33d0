"""Every lesson on texts that are not the op-ed: it runs, and it does not talk about the op-ed.

The op-ed itself is covered by nbval (the stored notebooks), the three contrast texts by the
``kit run`` test in ``tests/test_notebooks.py``; this matrix adds every real news article in
``texts/news/`` (dev and heldout) and the edge fixtures in ``tests/fixtures/texts/``.
Each text is one test that checks the text validates and then executes lessons 1-5, each as if in a
fresh kernel (the kernel is reset between lessons, as ``kit run`` does, and shared by the texts one
worker runs, so the matrix pays the kernel's start-up once per worker, not once per text):
together with ``tests/test_validation.py`` (every text in ``texts/`` validates) this is the proof,
on every shipped text, that a text ``kit validate`` accepts never crashes a lesson. The tests sit in
four classes so that ``pytest -n 2 --dist loadscope`` shares the matrix between the workers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from kit import teaching, validation
from kit.framing import DEFAULT_CODEBOOK, list_codebooks, load_codebook
from kit.notebooks import LessonKernel, execute_lessons, lesson_kernel, lesson_paths
from kit.text import list_texts, load_text

FIXTURES = Path(__file__).parent / "fixtures" / "texts"
#: Names and anecdotes of the op-ed that a lesson run on another text must not print or say.
OPED_WORDS = ("rat king", "Min Aung Hlaing", "junta", "Putin", "Abuza", "Tatmadaw", "Myanmar", "op-ed")


#: The lessons about one text (lesson 6 compares a corpus and is tested in tests/test_corpus.py).
ONE_TEXT_LESSONS = [p for p in lesson_paths() if p.stem[3:] in teaching.LESSON_SECTIONS]


def _mentions(word: str, text: str) -> bool:
    """Whole-word match ignoring case ("junta" is not found in "juntas", a codebook's general vocabulary)."""
    return re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text) is not None


def _news_texts() -> list[str]:
    """Every article of ``texts/news/`` by slug (the heldout ones too: running a lesson tunes nothing)."""
    texts = list_texts()
    return sorted(texts[texts["path"].str.startswith("news/")]["slug"])


def _split_of(slug: str) -> str | None:
    return load_text(slug).metadata.get("split")


NEWS_TEXTS = _news_texts()
FIXTURE_TEXTS = sorted(str(p) for p in FIXTURES.glob("*.md") if p.name != "README.md")
MATRIX = [*NEWS_TEXTS, *FIXTURE_TEXTS]


def _rendered(nb: nbformat.NotebookNode) -> str:
    """Everything a reader sees: markdown cells and every output (text, HTML, Markdown)."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        for output in cell.get("outputs", []):
            parts.append(str(output.get("text", "")))
            parts.extend(str(v) for k, v in output.get("data", {}).items() if k.startswith("text/"))
    return "\n".join(parts)


def _text_of(doc) -> str:
    meta = " ".join(str(v) for v in doc.metadata.values())
    return f"{doc.body} {meta}".lower()


@pytest.fixture(scope="module")
def kernel(tmp_path_factory) -> Iterator[LessonKernel]:
    """One kernel for the texts of the matrix that this worker runs; reset before every lesson."""
    with lesson_kernel(tmp_path_factory.mktemp("matrix")) as shared:
        yield shared


def _run_every_lesson(text: str, kernel: LessonKernel) -> None:
    assert validation.problems(text) == [], "the matrix runs texts that validate"
    doc = load_text(text)
    own = _text_of(doc)
    allowed = [w for w in OPED_WORDS if _mentions(w, own)]
    for nb_path in ONE_TEXT_LESSONS:
        lesson = kernel.execute(nb_path, {"text": text})
        nb = lesson.notebook
        assert lesson.ok, f"{nb_path.stem} failed on '{doc.slug}', a text that validates: {lesson.error}"
        rendered = _rendered(nb).lower()
        assert f"slug '{doc.slug}'" in rendered, f"{nb_path.stem} does not name the text it ran on"
        leaked = [w for w in OPED_WORDS if w not in allowed and _mentions(w, rendered)]
        assert not leaked, f"{nb_path.stem} on '{doc.slug}' still talks about the op-ed: {leaked}"


def _ids(texts):
    return [Path(t).stem for t in texts]


def _quarter(i: int) -> list[str]:
    return MATRIX[i::4]


def _quarter_class(i: int) -> type:
    """One class of the matrix: a quarter of the texts, so ``--dist loadscope`` shares them among workers."""
    texts = _quarter(i)

    @pytest.mark.slow
    class Quarter:
        TEXTS = texts

        @pytest.mark.parametrize("text", texts, ids=_ids(texts))
        def test_every_lesson_runs_and_reads_true(self, text, kernel):
            _run_every_lesson(text, kernel)

    return Quarter


TestFirstQuarter, TestSecondQuarter, TestThirdQuarter, TestFourthQuarter = (_quarter_class(i) for i in range(4))


def _printed(nb: nbformat.NotebookNode) -> str:
    return "\n".join(str(o.get("text", "")) for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stdout")


@pytest.mark.slow
class TestEditedOped:
    """The issue's edited op-ed: its segments and annotations were written for another version of the body."""

    def test_a_sentence_inserted_into_p25_is_named_not_misread(self, tmp_path):
        from tests.support.edited_oped import with_sentence_inserted

        text = str(with_sentence_inserted(tmp_path / "text"))
        lessons = [p for p in ONE_TEXT_LESSONS if p.stem in ("03_framing", "05_two_parts")]
        framing, two_parts = (_printed(r.notebook) for r in execute_lessons(lessons, {"text": text}, cwd=tmp_path))
        assert "27 paragraphs coded by coder-1, kit; 1 paragraph(s) left out" in framing
        assert "left out: " in framing and "oped_frames.csv:26: 'p25@" in framing
        left_out = [line for line in two_parts.splitlines() if line.strip().startswith("left out:")]
        assert len(left_out) == 2 and "its words are now p25.s3" in left_out[0], two_parts
        assert "p25.s2" not in two_parts.split("security_claims:")[1].split("\n")[0]

    def test_a_paragraph_appended_compares_the_shared_paragraphs_in_lesson_3(self, tmp_path):
        from tests.support.edited_oped import with_paragraph_appended

        text = str(with_paragraph_appended(tmp_path / "text"))
        lessons = [p for p in ONE_TEXT_LESSONS if p.stem == "03_framing"]
        (run,) = execute_lessons(lessons, {"text": text}, cwd=tmp_path)
        assert run.ok, run.error
        printed = _printed(run.notebook)
        assert "28 paragraphs coded by coder-1, kit; 1 paragraph(s) left out" in printed
        assert "left out: p29: not in oped_frames.csv, so only the kit coded it" in printed


@pytest.mark.slow
@pytest.mark.parametrize("codebook", [c for c in list_codebooks() if c != DEFAULT_CODEBOOK])
def test_the_frame_lessons_run_with_every_other_shipped_codebook(codebook, tmp_path):
    """Lessons 3 and 5 take the codebook as a parameter; the frame lesson 5 tests is one of its frames."""
    lessons = [p for p in ONE_TEXT_LESSONS if p.stem in ("03_framing", "05_two_parts")]
    runs = execute_lessons(lessons, {"text": "oped", "codebook": codebook}, cwd=tmp_path)
    assert all(r.ok for r in runs), [r.error for r in runs]
    tested = [line for line in _printed(runs[1].notebook).splitlines() if line.startswith("Frame tested: ")]
    assert len(tested) == 1 and tested[0].removeprefix("Frame tested: ") in load_codebook(codebook).frame_ids


def test_the_matrix_covers_news_and_every_edge_case():
    stems = {Path(t).stem for t in FIXTURE_TEXTS}
    assert {
        "no_front_matter",
        "no_quotes",
        "one_paragraph",
        "long_paragraph",
        "no_segments",
        "only_direct_speech",
    } <= stems
    assert {_split_of(slug) for slug in NEWS_TEXTS} == {"dev", "heldout"}
    quarters = [t for i in range(4) for t in _quarter(i)]
    assert sorted(quarters) == sorted(MATRIX), "every text is in exactly one class"
