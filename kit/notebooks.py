"""Running the lesson notebooks: refresh stored outputs, and the main job ``python -m kit run``.

All the lessons for one text run in **one kernel**, one after the other: kernel start, teardown and
the lessons' imports are paid once instead of once per lesson (about half of the time of a run). Before
each lesson the kernel's namespace is reset (``InteractiveShell.reset(new_session=True)``: variables
gone, execution counter back to 1) and open figures are closed, so every lesson sees what a fresh
kernel would show it; a test compares the outputs with one kernel per lesson, byte for byte.

Parameters are injected the way papermill injects them (a cell tagged ``injected-parameters`` after the
``parameters`` cell); executed notebooks are stripped of volatile metadata (timestamps, timings) so a
refresh on another machine changes nothing that nbval compares.

A lesson that fails is reported in one line (the lesson, the error's own message, the fix); the other
lessons still run, ``index.html`` marks the failure, and :func:`run` raises :class:`LessonError` once
everything is written. Output folders are written through :mod:`kit.outdir` (temporary sibling,
swapped in whole, under a lock). With several texts, :func:`run_many` runs them in parallel processes.
"""

from __future__ import annotations

import copy
import html
import os
import re
import subprocess
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from kit import outdir, paths, validation
from kit.errors import KitError, LessonError, TextError
from kit.text import SLUG_RE, Document, load_text

KERNEL_NAME = "python3"
#: Metadata keys papermill and JupyterLab write that change on every run.
VOLATILE_NOTEBOOK_KEYS = ("papermill", "widgets", "toc-autonumbering")
VOLATILE_CELL_KEYS = ("papermill", "execution", "collapsed", "scrolled")
#: Code run (silently, storing nothing) between two lessons in the shared kernel: close figures, then
#: empty the namespace and restart the execution counter, as a fresh kernel would have them.
RESET_BETWEEN_LESSONS = (
    "import sys as _kit_sys\n"
    "if 'matplotlib.pyplot' in _kit_sys.modules:\n"
    "    _kit_sys.modules['matplotlib.pyplot'].close('all')\n"
    "del _kit_sys\n"
    "get_ipython().reset(new_session=True)\n"
)


def lesson_paths(folder: Path | None = None) -> list[Path]:
    """The numbered lesson notebooks (``NN_name.ipynb``), in order."""
    folder = folder or paths.notebooks_dir()
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if p.is_file())


def coalesce_streams(outputs: list) -> list:
    """Adjacent ``stream`` outputs of the same stream (stdout, stderr) joined into one.

    The kernel flushes printed text in chunks whose boundaries depend on timing, so one ``print`` can
    arrive as one output or as two; joined, the stored outputs are the same on every run and machine.
    """
    joined: list = []
    for out in outputs:
        prev = joined[-1] if joined else None
        if (
            out.get("output_type") == "stream"
            and prev is not None
            and prev.get("output_type") == "stream"
            and prev.get("name") == out.get("name")
        ):
            prev["text"] = prev["text"] + out["text"]
        else:
            joined.append(out)
    return joined


def strip_volatile(nb: nbformat.NotebookNode, keep_injected: bool = True) -> nbformat.NotebookNode:
    """Remove run-specific metadata in place and return the notebook (outputs are kept, streams joined)."""
    for key in VOLATILE_NOTEBOOK_KEYS:
        nb.metadata.pop(key, None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL_NAME}
    nb.metadata.setdefault("language_info", {}).pop("version", None)
    cells = []
    for cell in nb.cells:
        for key in VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
        if not keep_injected and "injected-parameters" in cell.metadata.get("tags", []):
            continue
        if cell.cell_type == "code":
            cell.outputs = coalesce_streams(cell.outputs)
        cells.append(cell)
    nb.cells = cells
    return nb


def parameters_of(nb_path: Path) -> dict[str, Any]:
    """The parameters a notebook declares (papermill's view of its ``parameters`` cell)."""
    import papermill

    return dict(papermill.inspect_notebook(str(nb_path)))


# ---------------------------------------------------------------- executing lessons in one kernel


@dataclass
class LessonRun:
    """One executed lesson: the notebook (stripped) and, if a cell failed, the one-line reason."""

    source: Path
    notebook: nbformat.NotebookNode
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def stem(self) -> str:
        return self.source.stem


def notebook_text(nb: nbformat.NotebookNode) -> str:
    """The file content ``nbformat.write`` would produce (one final newline)."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def _kit_error_names() -> set[str]:
    names, todo = set(), [KitError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


def _one_line(ename: str, evalue: str, lesson: str) -> str:
    """The failure of a lesson in one line: the kit's own message, or the exception and where to look."""
    first = next((ln.strip() for ln in str(evalue).splitlines() if ln.strip()), "")
    if ename in _kit_error_names() and "Fix:" in first:
        return first
    return f"{ename}: {first}. Fix: this is a bug in the lesson or the kit; the failing cell is in {lesson}.html"


def _prepared(nb_path: Path, parameters: dict[str, Any] | None) -> nbformat.NotebookNode:
    """The lesson read from disk, outputs cleared, the parameters it declares injected papermill's way."""
    from papermill.parameterize import parameterize_notebook

    nb = nbformat.read(str(nb_path), as_version=4)
    nb.metadata["papermill"] = {}  # parameterize_notebook records the parameters there (stripped later)
    for cell in nb.cells:
        cell.metadata.setdefault("tags", [])  # as papermill's loader does, so stored notebooks stay as they were
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    if parameters:
        declared = parameters_of(nb_path)
        given = {k: v for k, v in parameters.items() if k in declared}
        if given:
            nb = parameterize_notebook(nb, given, kernel_name=KERNEL_NAME, language="python")
    return nb


class LessonKernel:
    """One Jupyter kernel that executes lessons one after another, each as if in a fresh kernel."""

    def __init__(self, cwd: Path):
        self.cwd = Path(cwd)
        self.client: Any = None
        self.language_info: dict[str, Any] = {}
        self.used = False

    def start(self) -> None:
        from nbclient import NotebookClient

        os.environ.setdefault("MPLBACKEND", "Agg")
        self.client = NotebookClient(
            nbformat.v4.new_notebook(),
            kernel_name=KERNEL_NAME,
            resources={"metadata": {"path": str(self.cwd)}},
            # the kernel's start-up warnings (e.g. about local TCP transport) are not for students
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
        self.client.km = self.client.create_kernel_manager()
        # the kernel's own stderr ("KeyboardInterrupt caught in kernel" on Ctrl-C) is not for the terminal;
        # cell output reaches the notebook over the kernel protocol, not through this stream
        self.client.start_new_kernel(stderr=subprocess.DEVNULL)
        self.client.start_new_kernel_client()
        reply = self.client.wait_for_reply(self.client.kc.kernel_info())
        self.language_info = dict((reply or {}).get("content", {}).get("language_info", {}))
        self.used = False

    def stop(self) -> None:
        if self.client is not None and self.client.km is not None:
            self.client._cleanup_kernel()
        self.client = None

    def _reset(self) -> None:
        msg_id = self.client.kc.execute(RESET_BETWEEN_LESSONS, silent=True, store_history=False)
        self.client.wait_for_reply(msg_id)

    def execute(self, nb_path: Path, parameters: dict[str, Any] | None = None) -> LessonRun:
        """Execute one lesson; a failing cell ends the lesson (later cells stay unexecuted and empty)."""
        from nbclient.exceptions import CellExecutionError, DeadKernelError

        nb = _prepared(nb_path, parameters)
        if self.client is None:
            self.start()
        if self.used:
            self._reset()
        self.used = True
        client = self.client
        client.nb = nb
        client.reset_execution_trackers()
        nb.metadata["language_info"] = copy.deepcopy(self.language_info)
        error = None
        for index, cell in enumerate(nb.cells):
            try:
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            except CellExecutionError as exc:
                error = _one_line(exc.ename, exc.evalue, nb_path.stem)
                break
            except DeadKernelError:
                error = f"the kernel died in cell {index + 1}. Fix: check memory use; the run went on with a new kernel"
                self.stop()
                break
        return LessonRun(nb_path, strip_volatile(nb), error)


@contextmanager
def lesson_kernel(cwd: Path) -> Iterator[LessonKernel]:
    """A :class:`LessonKernel` that is shut down however the block ends (Ctrl-C included)."""
    kernel = LessonKernel(cwd)
    try:
        yield kernel
    finally:
        kernel.stop()


def execute_lessons(
    lessons: Sequence[Path],
    parameters: dict[str, Any] | None = None,
    cwd: Path | None = None,
    report: Callable[[str], None] | None = None,
) -> list[LessonRun]:
    """Execute ``lessons`` in order in one kernel; each lesson gets the ``parameters`` it declares."""
    runs = []
    with lesson_kernel(cwd or paths.notebooks_dir()) as kernel:
        for i, nb_path in enumerate(lessons, start=1):
            t0 = time.perf_counter()
            lesson = kernel.execute(nb_path, parameters)
            runs.append(lesson)
            if report:
                took = f"{time.perf_counter() - t0:.1f} s"
                status = f"done in {took}" if lesson.ok else f"FAILED after {took}: {lesson.error}"
                report(f"[{i}/{len(lessons)}] {nb_path.stem} {status}")
    return runs


def execute(
    nb_path: Path,
    out_path: Path,
    parameters: dict[str, Any] | None = None,
    cwd: Path | None = None,
) -> nbformat.NotebookNode:
    """Execute one notebook and write the stripped result to ``out_path``; a failure raises :class:`LessonError`.

    ``out_path`` may not lie in the kit's sources (``notebooks/``, ``texts/``, ``exercises/``, the
    package): the stored lessons are refreshed with :func:`refresh`, which keeps a failing lesson as stored.
    """
    outdir.check_file(out_path, "write the executed notebook elsewhere, e.g. build/NAME.ipynb (refresh the stored lessons with python -m kit refresh)")
    (lesson,) = execute_lessons([Path(nb_path)], parameters, cwd or Path(nb_path).parent)
    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    outdir.replace_file(Path(out_path), notebook_text(lesson.notebook))
    if not lesson.ok:
        raise LessonError(nb_path, f"the lesson failed: {lesson.error}", f"see the failing cell in {out_path}")
    return lesson.notebook


def refresh(notebooks: Iterable[Path] | None = None, report: Callable[[str], None] = print) -> list[Path]:
    """Re-execute the lessons in place with their default parameters, in one kernel (maintainers).

    A lesson that fails keeps its stored file (nothing half-written); :class:`LessonError` is raised at
    the end naming the failures, after the others were refreshed.
    """
    todo = list(notebooks) if notebooks is not None else lesson_paths()
    done, failed = [], []
    with outdir.locked(paths.notebooks_dir()):
        for lesson in execute_lessons(todo, None, paths.notebooks_dir(), report):
            if lesson.ok:
                outdir.replace_file(lesson.source, notebook_text(lesson.notebook))
                done.append(lesson.source)
            else:
                failed.append(f"{lesson.stem}: {lesson.error}")
    if failed:
        raise LessonError(
            paths.notebooks_dir(),
            f"{len(failed)} lesson(s) failed and were left as stored ({'; '.join(failed)})",
            "fix the failing cells, then run python -m kit refresh again",
        )
    return done


# ---------------------------------------------------------------- the main job


def segment_parameters(doc: Document) -> dict[str, str]:
    """Segment parameters for a text: its first two declared segments (the op-ed: rat_king, security_claims)."""
    names = list((doc.metadata.get("segments") or {}).keys())
    if len(names) < 2:
        return {}
    return {"segment_a": names[0], "segment_b": names[1]}


def text_parameter(given: str | Path, doc: Document) -> str:
    """The ``text`` parameter as the user gave it: a slug, or a path relative to the repository if the
    file is inside it; never the machine's absolute path unless the user typed one."""
    given_str = os.fspath(given)
    if SLUG_RE.match(given_str) and not Path(given_str).is_file():
        return given_str
    if doc.path is not None:
        try:
            return Path(doc.path).resolve().relative_to(paths.repo_root().resolve()).as_posix()
        except ValueError:
            pass
    return given_str


def _warnings_html(warnings: Sequence[str]) -> str:
    """The ``warning:`` lines of the run as a list on the index page (escaped: they quote the text)."""
    if not warnings:
        return ""
    items = "\n".join(f'<li class="warning">{html.escape(w)}</li>' for w in warnings)
    return (
        f'<section class="warnings"><h2>{len(warnings)} warning{"s" if len(warnings) != 1 else ""}</h2>\n'
        "<p>What <code>python -m kit validate</code> names for this text; the lessons ran anyway and "
        "left out what no longer fits.</p>\n"
        f"<ul>\n{items}\n</ul></section>\n"
    )


def _index_html(
    doc: Document, given: str, entries: list[tuple[str, str, str, str | None]], warnings: Sequence[str] = ()
) -> str:
    items = []
    for title, href, nb, error in entries:
        status = (
            f' <strong class="failed">failed:</strong> <span class="failed">{html.escape(error)}</span>'
            if error
            else ""
        )
        items.append(
            f'<li><a href="{html.escape(href)}">{html.escape(title)}</a> '
            f'<small>(<a href="{html.escape(nb)}">notebook</a>)</small>{status}</li>'
        )
    n_failed = sum(1 for *_, error in entries if error)
    summary = (
        f'<p class="failed"><strong>{n_failed} of {len(entries)} lessons failed</strong> on this text; '
        "their pages show the failing cell.</p>"
        if n_failed
        else ""
    )
    meta = doc.metadata
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Framing lessons: {html.escape(doc.title)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;line-height:1.5;padding:0 1em}}
li{{margin:.4em 0}} .failed{{color:#a00}} .warning{{color:#850}}</style></head>
<body>
<h1>Framing lessons: {html.escape(doc.title)}</h1>
<p>{html.escape(str(meta.get("outlet", "")))} {html.escape(str(meta.get("date", "")))} &middot;
slug <code>{html.escape(doc.slug)}</code> &middot; {len(doc.paragraphs)} paragraphs,
{len(doc.sentences)} sentences, {doc.n_words} words</p>
{summary}<ol>
{chr(10).join(items)}
</ol>
{_warnings_html(warnings)}<p>Made by the media-framing teaching kit (<code>python -m kit run --text {html.escape(given)}</code>).
Everything was computed offline on this machine.</p>
</body></html>
"""


#: Script tags nbconvert's HTML template points at a CDN (require.js, MathJax). The lessons use
#: neither, and an offline classroom cannot fetch them, so exported pages drop them.
REMOTE_SCRIPT_RE = re.compile(r'<script src="https?://[^"]*">\s*</script>\s*')


def offline_html(page: str) -> str:
    """Remove remote ``<script src=...>`` tags from an exported page, so it loads nothing from the web."""
    return REMOTE_SCRIPT_RE.sub("", page)


def _title_of(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


@dataclass(frozen=True)
class TextRun:
    """The outcome of running every lesson on one text: where ``index.html`` is, and what failed."""

    slug: str
    index: Path
    failures: tuple[str, ...]


def run_text(
    text: str | Path = "oped", out_dir: str | Path | None = None, report: Callable[[str], None] = print
) -> TextRun:
    """Run every lesson on one text into ``out_dir`` (default ``build/<slug>/``), failures and all.

    The text is loaded first (a text that does not load stops the run before any kernel starts), each
    problem ``kit validate`` would name is reported as one ``warning:`` line (the lessons still run:
    they leave out what no longer fits the body and say so, or fail with the kit's one-line error), and
    the output folder is checked (:func:`kit.outdir.check_target`) before anything is written.
    """
    from nbconvert import HTMLExporter

    if isinstance(text, Document) or not isinstance(text, (str, os.PathLike)):
        raise TextError(
            None,
            f"run() needs a slug or the path of a text file, got {type(text).__name__}",
            "pass e.g. 'oped' or 'texts/news/my-article.md' (a lesson kernel loads the text itself)",
        )
    doc = load_text(text)  # raises a one-line TextError before anything runs
    warnings = validation.problems(doc)  # what `kit validate` says; the lessons run anyway and degrade
    for problem in warnings:
        report(f"warning: {problem}")
    given = text_parameter(text, doc)
    target = Path(out_dir) if out_dir is not None else paths.build_dir() / doc.slug
    lessons = lesson_paths()
    if not lessons:
        raise KitError(paths.notebooks_dir(), "no lesson notebooks found", "run from a checkout of the kit")
    parameters = {"text": given, **segment_parameters(doc)}
    exporter = HTMLExporter(template_name="lab")
    with outdir.building(target, inputs=[doc.path] if doc.path else []) as staging:
        report(f"Running {len(lessons)} lessons on '{doc.slug}' ({doc.title}) -> {target}")
        entries, failures = [], []
        for lesson in execute_lessons(lessons, parameters, Path.cwd(), report):
            nbformat.write(lesson.notebook, str(staging / lesson.source.name))
            body, _ = exporter.from_notebook_node(lesson.notebook)
            html_name = lesson.source.with_suffix(".html").name
            (staging / html_name).write_text(offline_html(body), encoding="utf-8")
            entries.append((_title_of(lesson.notebook, lesson.stem), html_name, lesson.source.name, lesson.error))
            if not lesson.ok:
                failures.append(f"{lesson.stem}: {lesson.error}")
        (staging / "index.html").write_text(_index_html(doc, given, entries, warnings), encoding="utf-8")
    index = target / "index.html"
    if failures:
        report(f"{len(failures)} of {len(lessons)} lessons failed on '{doc.slug}'; the others were written.")
    report(f"Open {index}")
    return TextRun(doc.slug, index, tuple(failures))


def run(text: str | Path = "oped", out_dir: str | Path | None = None, report: Callable[[str], None] = print) -> Path:
    """The main job: run every lesson on one text; write notebooks, HTML pages and ``index.html``.

    Returns the path of ``index.html``. If a lesson failed, everything is still written (the failure
    marked in the index) and then :class:`LessonError` names the failed lessons.
    """
    result = run_text(text, out_dir, report)
    if result.failures:
        raise LessonError(
            result.index,
            f"{len(result.failures)} lesson(s) failed ({'; '.join(result.failures)})",
            "read the failing cell in the lesson's page; the other lessons were written",
        )
    return result.index


def _run_in_worker(text: str, out_dir: str | None) -> TextRun:
    return run_text(text, out_dir, report=print)


def run_many(
    texts: Sequence[str | Path],
    out_root: str | Path | None = None,
    workers: int | None = None,
    report: Callable[[str], None] = print,
) -> list[TextRun]:
    """Run every lesson on several texts, in parallel processes (one kernel each), one folder per text.

    Each text goes to ``out_root/<slug>/`` (default ``build/<slug>/``). A text that does not load is
    reported and the others still run; the results come back in the order of ``texts``.
    """
    docs = [load_text(t) for t in texts]  # every text loads before any kernel starts
    slugs = [d.slug for d in docs]
    repeated = sorted({s for s in slugs if slugs.count(s) > 1})
    if repeated:
        raise TextError(None, f"the same text is listed twice ({', '.join(repeated)})", "list each text once")
    root = Path(out_root) if out_root is not None else paths.build_dir()
    jobs = [(os.fspath(t), str(root / d.slug)) for t, d in zip(texts, docs, strict=True)]
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    if workers == 1:
        return [run_text(t, o, report) for t, o in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_run_in_worker, t, o) for t, o in jobs]
        return [f.result() for f in futures]
