"""Running the lesson notebooks: refresh stored outputs, and the main job ``python -m kit run``.

Notebooks are executed with papermill (Python API, one process, no progress bars) and then
stripped of volatile metadata (papermill timestamps, execution timings) so that a refresh on
another machine changes nothing that nbval compares.
"""

from __future__ import annotations

import html
import os
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import nbformat

from kit import paths
from kit.errors import KitError
from kit.text import Document, load_text

KERNEL_NAME = "python3"
#: Metadata keys papermill and JupyterLab write that change on every run.
VOLATILE_NOTEBOOK_KEYS = ("papermill", "widgets", "toc-autonumbering")
VOLATILE_CELL_KEYS = ("papermill", "execution", "collapsed", "scrolled")


def lesson_paths(folder: Path | None = None) -> list[Path]:
    """The numbered lesson notebooks (``NN_name.ipynb``), in order."""
    folder = folder or paths.notebooks_dir()
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if p.is_file())


def strip_volatile(nb: nbformat.NotebookNode, keep_injected: bool = True) -> nbformat.NotebookNode:
    """Remove run-specific metadata in place and return the notebook (outputs are kept)."""
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
        cells.append(cell)
    nb.cells = cells
    return nb


def parameters_of(nb_path: Path) -> dict[str, Any]:
    """The parameters a notebook declares (papermill's view of its ``parameters`` cell)."""
    import papermill

    return dict(papermill.inspect_notebook(str(nb_path)))


def execute(
    nb_path: Path,
    out_path: Path,
    parameters: dict[str, Any] | None = None,
    cwd: Path | None = None,
) -> nbformat.NotebookNode:
    """Execute one notebook with papermill and write the stripped result to ``out_path``."""
    import papermill

    os.environ.setdefault("MPLBACKEND", "Agg")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    nb = papermill.execute_notebook(
        str(nb_path),
        str(out_path),
        parameters=parameters or None,
        kernel_name=KERNEL_NAME,
        progress_bar=False,
        log_output=False,
        cwd=str(cwd or nb_path.parent),
        # the kernel's start-up warnings (e.g. about local TCP transport) are not for students
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    nb = strip_volatile(nb)
    nbformat.write(nb, str(out_path))
    return nb


def refresh(notebooks: Iterable[Path] | None = None, report: Callable[[str], None] = print) -> list[Path]:
    """Re-execute the lessons in place with their default parameters (maintainers, after a change)."""
    done = []
    todo = list(notebooks) if notebooks is not None else lesson_paths()
    for i, path in enumerate(todo, start=1):
        t0 = time.perf_counter()
        execute(path, path)
        done.append(path)
        report(f"[{i}/{len(todo)}] refreshed {path.name} in {time.perf_counter() - t0:.1f} s")
    return done


def segment_parameters(doc: Document) -> dict[str, str]:
    """Segment parameters for a text: its first two declared segments (the op-ed: rat_king, security_claims)."""
    names = list((doc.metadata.get("segments") or {}).keys())
    if len(names) < 2:
        return {}
    return {"segment_a": names[0], "segment_b": names[1]}


def _index_html(doc: Document, entries: list[tuple[str, str, str]]) -> str:
    items = "\n".join(
        f'<li><a href="{html.escape(href)}">{html.escape(title)}</a> '
        f'<small>(<a href="{html.escape(nb)}">notebook</a>)</small></li>'
        for title, href, nb in entries
    )
    meta = doc.metadata
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Framing lessons: {html.escape(doc.title)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;line-height:1.5;padding:0 1em}}
li{{margin:.4em 0}}</style></head>
<body>
<h1>Framing lessons: {html.escape(doc.title)}</h1>
<p>{html.escape(str(meta.get("outlet", "")))} {html.escape(str(meta.get("date", "")))} &middot;
slug <code>{html.escape(doc.slug)}</code> &middot; {len(doc.paragraphs)} paragraphs,
{len(doc.sentences)} sentences, {doc.n_words} words</p>
<ol>
{items}
</ol>
<p>Made by the media-framing teaching kit (<code>python -m kit run --text {html.escape(doc.slug)}</code>).
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


def run(text: str | Path = "oped", out_dir: Path | None = None, report: Callable[[str], None] = print) -> Path:
    """The main job: run every lesson on one text; write notebooks, HTML pages and ``index.html``.

    The text is validated first: a text that does not load stops the run before any notebook starts.
    Returns the path of ``index.html``.
    """
    from nbconvert import HTMLExporter

    doc = load_text(text)  # raises a one-line TextError before anything runs
    source = str(doc.path) if doc.path is not None else doc.slug
    out_dir = Path(out_dir) if out_dir else paths.build_dir() / doc.slug
    out_dir.mkdir(parents=True, exist_ok=True)
    lessons = lesson_paths()
    if not lessons:
        raise KitError(paths.notebooks_dir(), "no lesson notebooks found", "run from a checkout of the kit")
    parameters = {"text": source, **segment_parameters(doc)}
    exporter = HTMLExporter(template_name="lab")
    entries = []
    report(f"Running {len(lessons)} lessons on '{doc.slug}' ({doc.title}) -> {out_dir}")
    for i, nb_path in enumerate(lessons, start=1):
        t0 = time.perf_counter()
        report(f"[{i}/{len(lessons)}] {nb_path.stem} ...")
        declared = parameters_of(nb_path)
        nb = execute(nb_path, out_dir / nb_path.name, {k: v for k, v in parameters.items() if k in declared})
        body, _ = exporter.from_notebook_node(nb)
        html_name = nb_path.with_suffix(".html").name
        (out_dir / html_name).write_text(offline_html(body), encoding="utf-8")
        entries.append((_title_of(nb, nb_path.stem), html_name, nb_path.name))
        report(f"[{i}/{len(lessons)}] {nb_path.stem} done in {time.perf_counter() - t0:.1f} s")
    index = out_dir / "index.html"
    index.write_text(_index_html(doc, entries), encoding="utf-8")
    report(f"Open {index}")
    return index
