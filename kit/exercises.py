"""Exercises: student notebooks generated from solution notebooks (one source, two versions).

The solution notebooks in ``exercises/solutions/`` are the source of truth (the habit of Allen
Downey's *Think* books and of nbgrader, without a grading server). Inside them:

- a code cell's solution sits between a ``### BEGIN SOLUTION`` line and a ``### END SOLUTION`` line;
  text after ``BEGIN SOLUTION`` (``### BEGIN SOLUTION Exercise 1a: code the ten sentences``) becomes
  the placeholder's message;
- a markdown answer sits between the same two lines;
- a cell tagged ``hidden-check`` (an extra check that would give the answer away) is dropped.

:func:`build` writes the student versions to ``exercises/student/``: each code solution becomes
``# YOUR CODE HERE`` followed by ``raise NotImplementedError("Exercise 1a: ...")``, each markdown
answer becomes ``_YOUR ANSWER HERE_``, outputs and execution counts are cleared and volatile metadata
is stripped, so rebuilding gives byte-identical files.

Data the exercises use (a partner's coding file) lives in ``exercises/data/`` with a header saying
where it comes from.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pandas as pd

from kit import outdir, paths
from kit.errors import KitError
from kit.notebooks import strip_volatile

BEGIN_MARK = "### BEGIN SOLUTION"
END_MARK = "### END SOLUTION"
HIDDEN_TAG = "hidden-check"
CODE_PLACEHOLDER = "# YOUR CODE HERE"
MARKDOWN_PLACEHOLDER = "_YOUR ANSWER HERE_"
#: Columns of a coding file (the codings format of ``kit.agreement``) plus a free-text note.
CODING_COLUMNS = ["unit", "coder", "frame", "note"]


def solutions_dir() -> Path:
    """Folder of the solution notebooks (the source)."""
    return paths.exercises_dir() / "solutions"


def student_dir() -> Path:
    """Folder of the generated student notebooks."""
    return paths.exercises_dir() / "student"


def data_dir() -> Path:
    """Folder of the data files the exercises read (e.g. a partner's coding)."""
    return paths.exercises_dir() / "data"


def solution_paths(folder: Path | None = None) -> list[Path]:
    """The solution notebooks, sorted by name."""
    folder = Path(folder) if folder else solutions_dir()
    return sorted(p for p in folder.glob("*.ipynb") if p.is_file())


def _placeholder_message(marker_line: str, where: str) -> str:
    label = marker_line.strip()[len(BEGIN_MARK) :].strip(" :-\u2013")
    return label or f"{where}: write your solution here"


def _blocks(source: str, where: str) -> list[tuple[int, int, str]]:
    """(begin line index, end line index, begin line) of every solution block; checks the markers."""
    blocks = []
    open_at: int | None = None
    lines = source.split("\n")
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith(BEGIN_MARK):
            if open_at is not None:
                raise KitError(where, f"line {i + 1}: '{BEGIN_MARK}' inside an open solution block",
                               f"close the block opened on line {open_at + 1} with '{END_MARK}' first")
            open_at = i
        elif stripped.startswith(END_MARK):
            if open_at is None:
                raise KitError(where, f"line {i + 1}: '{END_MARK}' without a matching '{BEGIN_MARK}'",
                               f"add a '{BEGIN_MARK}' line before it or delete it")
            blocks.append((open_at, i, lines[open_at]))
            open_at = None
    if open_at is not None:
        raise KitError(where, f"line {open_at + 1}: '{BEGIN_MARK}' is never closed",
                       f"add a '{END_MARK}' line after the solution")
    return blocks


def replace_solutions(source: str, cell_type: str, where: str = "cell") -> str:
    """Return ``source`` with every solution block replaced by the student placeholder.

    >>> src = "x = 0\\n### BEGIN SOLUTION Exercise 9: set x\\nx = 42\\n### END SOLUTION\\nprint(x)"
    >>> print(replace_solutions(src, "code"))
    x = 0
    # YOUR CODE HERE
    raise NotImplementedError("Exercise 9: set x")
    print(x)
    >>> replace_solutions("Why?\\n### BEGIN SOLUTION\\nBecause.\\n### END SOLUTION", "markdown")
    'Why?\\n_YOUR ANSWER HERE_'
    """
    blocks = _blocks(source, where)
    if not blocks:
        return source
    lines = source.split("\n")
    out: list[str] = []
    cursor = 0
    for begin, end, marker in blocks:
        out.extend(lines[cursor:begin])
        indent = marker[: len(marker) - len(marker.lstrip())]
        if cell_type == "code":
            message = _placeholder_message(marker, where).replace("\\", "\\\\").replace('"', '\\"')
            out.append(f"{indent}{CODE_PLACEHOLDER}")
            out.append(f'{indent}raise NotImplementedError("{message}")')
        else:
            out.append(MARKDOWN_PLACEHOLDER)
        cursor = end + 1
    out.extend(lines[cursor:])
    return "\n".join(out)


def solution_lines(nb: nbformat.NotebookNode) -> list[str]:
    """Every non-blank, non-comment line inside a solution block (stripped), in notebook order."""
    found = []
    for index, cell in enumerate(nb.cells):
        lines = cell.source.split("\n")
        for begin, end, _ in _blocks(cell.source, f"cell {index}"):
            for line in lines[begin + 1 : end]:
                stripped = line.strip()
                if stripped and not (cell.cell_type == "code" and stripped.startswith("#")):
                    found.append(stripped)
    return found


def student_version(nb: nbformat.NotebookNode, name: str = "notebook") -> nbformat.NotebookNode:
    """Return the student version of a solution notebook (the input is not modified)."""
    student = copy.deepcopy(nb)
    cells = []
    for index, cell in enumerate(student.cells):
        tags = list(cell.metadata.get("tags", []))
        if HIDDEN_TAG in tags:
            continue
        cell.source = replace_solutions(cell.source, cell.cell_type, f"{name}, cell {index}")
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    student.cells = cells
    strip_volatile(student, keep_injected=False)
    student.metadata.pop("language_info", None)
    return student


def _check_solution(nb: nbformat.NotebookNode, path: Path) -> None:
    kernel = nb.metadata.get("kernelspec", {}).get("name")
    if kernel != "python3":
        raise KitError(path, f"kernelspec name is {kernel!r}", "set the notebook's kernel to 'python3'")
    if not any(_blocks(c.source, f"{path.name}, cell {i}") for i, c in enumerate(nb.cells)):
        raise KitError(path, "has no solution block", f"mark the answers with '{BEGIN_MARK}' / '{END_MARK}' lines")


def build(solutions: Path | None = None, out_dir: Path | None = None) -> list[Path]:
    """Generate the student notebooks from the solutions; return the written paths.

    The folder is written through :mod:`kit.outdir`: every solution is checked before anything is
    written, the student notebooks are built in a sibling folder that replaces ``out_dir`` whole (so it
    always mirrors the solutions, and an interrupted build leaves the previous one), and a folder holding
    files the kit did not write, or the solutions themselves, is refused. Writing is deterministic: same
    solutions, same bytes.
    """
    sources = solution_paths(solutions)
    if not sources:
        raise KitError(solutions or solutions_dir(), "no solution notebooks found",
                       "put the solution notebooks (*.ipynb) in exercises/solutions/")
    students = []
    for path in sources:
        nb = nbformat.read(str(path), as_version=4)
        _check_solution(nb, path)
        students.append((path.name, student_version(nb, path.name)))
    out_dir = Path(out_dir) if out_dir else student_dir()
    fix = "move your own files out of that folder (each build replaces it whole), or build into another one"
    with outdir.building(out_dir, inputs=sources, generated=student_dir(), fix_elsewhere=fix) as staging:
        for name, student in students:
            (staging / name).write_text(nbformat.writes(student) + "\n", encoding="utf-8")
    return [out_dir / name for name, _ in students]


def read_coding(path: str | Path) -> pd.DataFrame:
    """Read a coding file (CSV, ``#`` header lines, columns unit, coder, frame, note) as codings.

    Returns the codings format of ``kit.agreement`` (``unit``, ``coder``, ``frame``) plus ``note``,
    sorted by unit then coder. Used for the partner's coding in exercise 1 (Krippendorff 2004 needs
    the same units from every coder).
    """
    path = Path(path)
    if not path.is_file():
        raise KitError(path, "coding file not found", "check the path; exercise data is in exercises/data/")
    table = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    missing = [c for c in CODING_COLUMNS if c not in table.columns]
    if missing:
        raise KitError(path, f"missing column(s) {missing}; found {list(table.columns)}",
                       f"write a header line '{','.join(CODING_COLUMNS)}'")
    for i, row in table.iterrows():
        for column in ("unit", "coder", "frame"):
            if not str(row[column]).strip():
                raise KitError(f"{path}:row {i + 1}", f"empty '{column}'", "fill in every unit, coder and frame")
    duplicated = table[table.duplicated(["unit", "coder"], keep=False)]
    if not duplicated.empty:
        raise KitError(path, f"unit(s) coded twice by the same coder: {sorted(set(duplicated['unit']))}",
                       "keep one row per unit and coder")
    return table[CODING_COLUMNS].sort_values(["unit", "coder"]).reset_index(drop=True)


def partner_coding() -> pd.DataFrame:
    """The partner's coding of the ten exercise-1 sentences (``exercises/data/partner_coding.csv``)."""
    return read_coding(data_dir() / "partner_coding.csv")

