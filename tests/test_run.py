"""``python -m kit run`` and ``refresh`` on a tiny checkout of their own: failures, concurrency, Ctrl-C.

``FRAMING_KIT_ROOT`` points the kit at a temporary folder with one text and three one-cell lessons, so
these tests exercise the real machinery (kernels, the output folder, the lock, the CLI) in a second or
two per run instead of the real lessons' ten.
"""

from __future__ import annotations

import html
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from kit import outdir
from kit.cli import main
from kit.errors import LessonError
from kit.notebooks import refresh, run, run_text


def _lesson(title: str, code: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('text = "tiny"')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}"), params, nbformat.v4.new_code_cell(code)]
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    return nb


FIRST = """\
import os, time
from kit import load_text
doc = load_text(text)
release, waited = os.environ.get("KIT_TEST_RELEASE"), 0.0
while release and not os.path.exists(release) and waited < 120:
    time.sleep(0.1)
    waited += 0.1
time.sleep(float(os.environ.get("KIT_TEST_PAUSE", "0")))
print(f"first lesson on slug '{doc.slug}'")"""
FAILS = """\
import os
from kit import load_text
if os.environ.get("KIT_TEST_FAIL"):
    load_text("no-such-text")
print("second lesson ran")"""


@pytest.fixture
def tiny_root(tmp_path, monkeypatch):
    root = tmp_path / "checkout"
    (root / "texts").mkdir(parents=True)
    (root / "notebooks").mkdir()
    (root / "texts" / "tiny.md").write_text("---\ntitle: A tiny text\n---\nOne short paragraph.\n", encoding="utf-8")
    for name, title, code in [
        ("01_first", "First lesson", FIRST),
        ("02_fails", "Second lesson", FAILS),
        ("03_last", "Last lesson", 'print("last lesson ran")'),
    ]:
        nbformat.write(_lesson(title, code), str(root / "notebooks" / f"{name}.ipynb"))
    monkeypatch.setenv("FRAMING_KIT_ROOT", str(root))
    monkeypatch.delenv("KIT_TEST_FAIL", raising=False)
    monkeypatch.delenv("KIT_TEST_PAUSE", raising=False)
    return root


def _kit(root: Path, *args: str, env: dict[str, str] | None = None, **kw) -> subprocess.Popen:
    environment = {**os.environ, "FRAMING_KIT_ROOT": str(root), **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "kit", *args], env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw
    )


def _earlier_run(out: Path) -> None:
    """What an earlier complete run left (written the way run writes, without running kernels)."""
    with outdir.building(out) as staging:
        for name in ("01_first.html", "02_fails.html", "03_last.html", "index.html"):
            (staging / name).write_text(f"earlier {name}", encoding="utf-8")


@pytest.mark.slow
def test_a_failing_lesson_is_one_line_and_the_others_still_run(tiny_root, monkeypatch, capsys):
    out = tiny_root.parent / "out"
    _earlier_run(out)
    (tiny_root / "notebooks" / "03_last.ipynb").rename(tiny_root / "notebooks" / "03_renamed.ipynb")
    monkeypatch.setenv("KIT_TEST_FAIL", "1")
    assert main(["run", "--text", "tiny", "--out", str(out)]) == 1, "non-zero exit when a lesson failed"
    captured = capsys.readouterr()
    failed = [line for line in captured.out.splitlines() if "FAILED" in line]
    assert len(failed) == 1 and failed[0].startswith("[2/3] 02_fails FAILED")
    assert "no-such-text: no such text file or slug. Fix: " in failed[0], "the kit's own message, with the fix"
    assert "Traceback" not in captured.out + captured.err
    assert captured.err.strip().splitlines() == [f"failed: tiny 02_fails: {failed[0].split(': ', 1)[1]}"]
    names = sorted(p.name for p in out.iterdir())
    assert "03_last.html" not in names, "no file of the earlier run survives"
    assert {"01_first.html", "02_fails.html", "03_renamed.html", "index.html"} <= set(names)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<li>") == 3, "every lesson is listed"
    assert "1 of 3 lessons failed" in index and "no such text file or slug" in index
    second = nbformat.read(str(out / "02_fails.ipynb"), as_version=4)
    assert any(o.output_type == "error" for o in second.cells[-1].outputs), "the page shows the failing cell"
    third = nbformat.read(str(out / "03_renamed.ipynb"), as_version=4)
    assert third.cells[-1].outputs[0].text == "last lesson ran\n", "the lesson after the failure ran"
    with pytest.raises(LessonError, match=r"1 lesson\(s\) failed \(02_fails: "):
        run("tiny", out, report=lambda _: None)


@pytest.mark.slow
def test_run_names_each_problem_validate_would_name_and_still_runs(tiny_root):
    # a file name with HTML's special characters: the warning quotes it, the index page must escape it
    (tiny_root / "texts" / "copy<b>&.md").write_text("---\nslug: tiny\n---\nAnother paragraph.\n", encoding="utf-8")
    lines: list[str] = []
    result = run_text(tiny_root / "texts" / "tiny.md", tiny_root.parent / "out", report=lines.append)
    warnings = [line for line in lines if line.startswith("warning: ")]
    assert any("slug 'tiny' is also the slug of texts/" in w for w in warnings), lines
    assert all("Fix:" in w and "\n" not in w for w in warnings)
    assert lines.index(warnings[-1]) < next(i for i, line in enumerate(lines) if line.startswith("Running "))
    assert result.failures == () and result.index.is_file()
    index = result.index.read_text(encoding="utf-8")
    shown = [html.escape(w.removeprefix("warning: ")) for w in warnings]
    assert all(f'<li class="warning">{w}</li>' in index for w in shown), "every warning is on the index page, escaped"
    assert f"{len(warnings)} warning" in index
    assert "copy<b>" not in index and "copy&lt;b&gt;&amp;.md" in index


@pytest.mark.slow
def test_a_run_without_warnings_has_no_warning_section(tiny_root):
    (tiny_root / "texts" / "tiny.md").write_text("One short paragraph. It has two sentences.\n", encoding="utf-8")
    result = run_text("tiny", tiny_root.parent / "out", report=lambda _: None)
    assert 'class="warnings"' not in result.index.read_text(encoding="utf-8")


@pytest.mark.slow
def test_each_lesson_starts_in_a_clean_kernel(tiny_root):
    leak = _lesson("Leak", "print('doc' in dir(), 'plt' in dir())")
    nbformat.write(leak, str(tiny_root / "notebooks" / "02_fails.ipynb"))
    result = run_text("tiny", tiny_root.parent / "out", report=lambda _: None)
    nb = nbformat.read(str(result.index.parent / "02_fails.ipynb"), as_version=4)
    assert nb.cells[-1].outputs[0].text == "False False\n", "names of the lesson before are gone"
    assert nb.cells[-1].execution_count == 3, "counted from 1 again: parameters, injected parameters, this cell"


@pytest.mark.slow
def test_refresh_of_an_unknown_lesson_is_an_error(tiny_root, capsys):
    assert main(["refresh", "nonexistent"]) == 2
    err = capsys.readouterr().err
    assert "nonexistent: no lesson notebook's name contains this" in err and "01_first" in err


@pytest.mark.slow
def test_refresh_keeps_a_failing_lesson_as_stored(tiny_root, monkeypatch):
    before = (tiny_root / "notebooks" / "02_fails.ipynb").read_bytes()
    monkeypatch.setenv("KIT_TEST_FAIL", "1")
    with pytest.raises(LessonError, match="1 lesson"):
        refresh(report=lambda _: None)
    assert (tiny_root / "notebooks" / "02_fails.ipynb").read_bytes() == before
    refreshed = nbformat.read(str(tiny_root / "notebooks" / "03_last.ipynb"), as_version=4)
    assert refreshed.cells[-1].outputs[0].text == "last lesson ran\n"
    assert sorted(p.name for p in (tiny_root / "notebooks").iterdir()) == ["01_first.ipynb", "02_fails.ipynb", "03_last.ipynb"]


@pytest.mark.slow
def test_two_runs_at_once_to_one_folder(tiny_root):
    """The second run fails at once with one line; the first one's output is complete and its own."""
    out, release = tiny_root.parent / "out", tiny_root / "release"
    first = _kit(tiny_root, "run", "--text", "tiny", "--out", str(out), env={"KIT_TEST_RELEASE": str(release)})
    try:
        deadline = time.monotonic() + 60
        while not list(out.parent.glob(".out.partial-*")) and time.monotonic() < deadline:
            time.sleep(0.1)
        second = _kit(tiny_root, "run", "--text", "tiny", "--out", str(out))
        _, err = second.communicate(timeout=120)
        assert second.returncode == 2
        assert err.strip().splitlines() == [
            f"error: {out}: another run of the kit is writing this folder right now. "
            "Fix: wait for it to finish, or choose another --out"
        ]
    finally:
        release.touch()  # the first run's lesson waits for this file
        first.communicate(timeout=120)
    assert first.returncode == 0
    assert sorted(p.name for p in out.parent.iterdir()) == ["checkout", "out"]
    assert len([p for p in out.iterdir() if p.suffix == ".html"]) == 4


@pytest.mark.slow
def test_ctrl_c_leaves_the_previous_complete_output(tiny_root):
    out = tiny_root.parent / "out"
    _earlier_run(out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    running = _kit(tiny_root, "run", "--text", "tiny", "--out", str(out), env={"KIT_TEST_PAUSE": "60"})
    deadline = time.monotonic() + 60
    while not (list(out.parent.glob(".out.partial-*")) and _kernel_started(running.pid)):
        assert time.monotonic() < deadline, "the run never started its kernel"
        time.sleep(0.2)
    time.sleep(2.0)  # the first lesson's cell is sleeping now
    running.send_signal(signal.SIGINT)
    stdout, stderr = running.communicate(timeout=60)
    assert running.returncode == 130
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert "KeyboardInterrupt caught in kernel" not in stdout + stderr, "no kernel noise on the terminal"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before, "the previous output, complete and untouched"
    assert sorted(p.name for p in out.parent.iterdir()) == ["checkout", "out"], "no partial folder, no lock left"
    assert not _kernel_started(running.pid)


def _kernel_started(pid: int) -> bool:
    """True while a kernel started by process ``pid`` is alive (kernels run in their own session)."""
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                environ = (proc / "environ").read_bytes()
            except OSError:
                continue
            if f"JPY_PARENT_PID={pid}".encode() in environ.split(b"\0"):
                return True
    return False


@pytest.mark.slow
def test_a_run_prints_no_kernel_warnings(tiny_root):
    """The kernel's start-up warnings (ipykernel: "Kernel is running over TCP without encryption")
    are not for the terminal: a normal run prints the kit's own progress lines only."""
    running = _kit(tiny_root, "run", "--text", "tiny", "--out", str(tiny_root.parent / "out"))
    stdout, stderr = running.communicate(timeout=300)
    assert running.returncode == 0, stderr
    assert "WARNING" not in stdout + stderr and "without encryption" not in stdout + stderr
    assert stderr == "", "nothing on stderr when every lesson ran"
