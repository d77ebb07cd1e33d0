"""The command line (kit/cli.py): help, version, summary, validate, and one-line errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kit
from kit.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"media-framing-kit {kit.__version__}"


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("list", "summary", "validate", "run", "refresh", "exercises"):
        assert command in out


@pytest.mark.parametrize(
    "command",
    ["list", "summary", "pin", "validate", "run", "refresh", "exercises", "exercises build", "corpus", "evaluate",
     "evaluate frames", "evaluate quotes"],
)
def test_every_subcommand_help_has_a_description_and_the_documented_program_name(command, capsys):
    with pytest.raises(SystemExit) as info:
        main([*command.split(), "--help"])
    assert info.value.code == 0
    usage, _, rest = capsys.readouterr().out.partition("\n\n")
    assert usage.startswith(f"usage: python -m kit {command}")
    description = rest.split("\n\n")[0].strip()
    assert description and not description.startswith(("positional arguments", "options")), rest[:200]


def test_validate_takes_the_text_like_run_and_summary_and_keeps_the_old_form(capsys):
    assert main(["validate", "--text", "oped"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("OK: ") and captured.err == ""
    assert main(["validate", "oped"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("OK: ") and "validate --text SLUG" in captured.err


def test_summary_of_the_oped(capsys):
    assert main(["summary", "--text", "oped"]) == 0
    out = capsys.readouterr().out
    assert "28 body paragraphs, 46 sentences" in out
    assert "2 captions kept as metadata" in out
    assert "standfirst" in out and "caption" in out


def test_pin_prints_the_ids_the_oped_segments_are_written_with(capsys):
    from kit import pins
    from kit.text import load_text

    oped = load_text("oped")
    written = oped.metadata["segments"]["security_claims"]["units"]
    assert main(["pin", "--text", "oped", *[pins.split_pin(u)[0] for u in written]]) == 0
    assert capsys.readouterr().out.strip() == f"[{', '.join(written)}]"
    assert main(["pin", "--text", "oped"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(oped.paragraphs) + len(oped.sentences)
    assert lines[0].startswith(pins.pinned(oped, "p01") + " ") and "It was Min Aung Hlaing" in lines[0]


def test_pin_names_an_unknown_id_and_the_fix(capsys):
    assert main(["pin", "--text", "oped", "p3"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "p3: no such paragraph or sentence id" in err and "did you mean 'p03'" in err


def test_list_shows_the_oped(capsys):
    assert main(["list"]) == 0
    assert "oped" in capsys.readouterr().out


def test_validate_reports_one_line_and_exit_code_2(tmp_path, capsys):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: x\ntitel: y\n---\nBody.\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert err.startswith("error: ") and "bad.md:3: unknown front-matter key 'titel'" in err


def test_unknown_text_lists_available(capsys):
    assert main(["summary", "--text", "no-such-text"]) == 2
    assert "available texts:" in capsys.readouterr().err


def test_python_dash_m_kit_and_console_script():
    out = subprocess.run([sys.executable, "-m", "kit", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("media-framing-kit ")
    script = Path(sys.executable).with_name("framing-kit")
    script = str(script) if script.exists() else shutil.which("framing-kit")
    assert script, "the console script framing-kit is not installed (pip install -e .)"
    out = subprocess.run([script, "--help"], capture_output=True, text=True, check=True)
    assert "usage: python -m kit" in out.stdout


def test_evaluate_frames_prints_the_validation_and_the_ceiling(capsys):
    assert main(["evaluate", "frames", "--text", "oped"]) == 0
    out = capsys.readouterr().out
    assert "kit, all paragraphs" in out and "second coder (ceiling)" in out
    assert "security_and_defense" in out and "precision" in out and "cohen_kappa" in out


def test_evaluate_frames_bad_codebook_is_one_line(capsys):
    assert main(["evaluate", "frames", "--codebook", "mfcc", "--text", "oped"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "did you mean 'mfc'" in err
