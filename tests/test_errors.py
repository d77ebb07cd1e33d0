"""kit/errors.py: one family of errors, one place for "did you mean" hints, one error type per kind of input."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import kit
from kit import errors, sentiment
from kit.corpus.analyses import official_roles_regex
from kit.errors import (
    CodebookError,
    KitError,
    WordListError,
    close_matches,
    closest_match,
    did_you_mean_unit,
    suggestion,
    unknown_key_fix,
)
from kit.quotes.actor_groups import load_actors
from kit.quotes.cues import CUES_PATH, compiled_cues
from kit.quotes.mentions import validate_agreement

KIT = Path(kit.__file__).resolve().parent


def test_every_error_class_lives_in_errors_and_is_exported_by_the_package():
    classes = [obj for _, obj in inspect.getmembers(errors, inspect.isclass) if issubclass(obj, KitError)]
    assert len(classes) >= 9
    for cls in classes:
        assert cls.__module__ == "kit.errors"
        assert getattr(kit, cls.__name__) is cls, cls.__name__
    assert sentiment.SentimentError is errors.SentimentError


def test_no_module_but_errors_defines_a_kit_error_or_asks_difflib():
    for path in KIT.rglob("*.py"):
        if path.name == "errors.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imports |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert "difflib" not in imports, f"{path}: build hints with kit.errors.suggestion / close_matches"
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                assert not bases & {"KitError", "CodebookError", "TextError"}, f"{path}: {node.name}"


@pytest.mark.parametrize(
    "value, options, expected",
    [
        ("mcf", ["mfc", "generic"], "did you mean 'mfc'? "),
        ("generik", ["mfc", "generic"], "did you mean 'generic'? "),
        ("zzzz", ["mfc", "generic"], ""),
        (3, [], ""),
    ],
)
def test_suggestion_names_the_closest_option_or_nothing(value, options, expected):
    assert suggestion(value, options) == expected


def test_hint_helpers_agree_with_each_other():
    options = ["p01", "p02", "p10", "p01.s1"]
    assert closest_match("p1O", options) == close_matches("p1O", options, n=1)[0]
    assert unknown_key_fix("p1O", options, "use p01") == f"did you mean '{closest_match('p1O', options)}'?"
    assert unknown_key_fix("zzzz", options, "use p01") == "use p01"
    assert did_you_mean_unit("p1", options) == " (did you mean 'p01'?)"


def _broken(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_a_broken_cue_file_is_a_word_list_error_naming_file_and_key(tmp_path):
    good = CUES_PATH.read_text(encoding="utf-8")
    path = _broken(tmp_path, "cues.yml", good + "\nspeach_verbs: [said]\n")
    with pytest.raises(WordListError, match=r"cues\.yml.*unknown key.*speach_verbs"):
        compiled_cues(path)


def test_a_broken_actor_file_is_a_word_list_error_naming_the_group(tmp_path):
    path = _broken(tmp_path, "actors.yml", "actors:\n  - id: Police\n    label: Police\n    patterns: [police]\n")
    with pytest.raises(WordListError, match=r"actors\.yml: actors\[1\].*id 'Police'"):
        load_actors(path)


def test_a_broken_mentions_file_is_a_word_list_error_naming_the_key():
    with pytest.raises(WordListError, match=r"mentions\.yml.*missing key"):
        validate_agreement({"male_titles": ["Mr"]}, "mentions.yml")


def test_a_broken_officials_file_is_a_word_list_error_naming_the_key(tmp_path):
    path = _broken(tmp_path, "officials.yml", "official_roles: []\n")
    with pytest.raises(WordListError, match=r"officials\.yml.*'official_roles'"):
        official_roles_regex(path)


def test_word_list_errors_are_still_codebook_errors_for_older_callers():
    assert issubclass(WordListError, CodebookError)


def test_a_lone_surrogate_in_a_message_is_escaped():
    from kit.errors import KitError

    message = str(KitError("f.yml", "unknown key '\ud800'", "remove it"))
    assert "\\ud800" in message
    message.encode("utf-8")  # printable: no lone surrogate left
