"""The strict YAML loader (kit/safe_yaml.py): what safe_load does, minus aliases and duplicate keys."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kit import safe_yaml
from kit.safe_yaml import AliasError, DuplicateKeyError, ValueConstructionError, safe_load


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [x, 'y', 2.5]\nc: {d: null, e: true}\n",
        "date: 2025-03-18\nwhen: 2025-03-18 10:00:00\n",
        "- one\n- two: 2\n  three: 3\n",
        "text: >-\n  folded\n  lines\n",
        "",
        "<<: {a: 1}\nb: 2\n",
    ],
)
def test_same_result_as_safe_load_on_plain_yaml(text):
    assert safe_load(text) == yaml.safe_load(text)


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.floats(allow_nan=False),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=20,
    )
)
def test_reads_whatever_safe_dump_writes_as_safe_load_does(value):
    dumped = yaml.safe_dump(value, allow_unicode=True)
    assert safe_load(dumped) == yaml.safe_load(dumped)


@pytest.mark.parametrize(
    ("text", "error", "line"),
    [
        ("a: &x 1\nb: *x\n", AliasError, 1),
        ("a: 1\nb: *x\n", AliasError, 2),  # an alias without its anchor is refused the same way
        ("a:\n  - &l [1, 2]\n", AliasError, 2),
        ("a: 1\nb: 2\na: 3\n", DuplicateKeyError, 3),
        ("outer:\n  k: 1\n  k: 2\n", DuplicateKeyError, 3),
        ("- {x: 1, x: 2}\n", DuplicateKeyError, 1),
        ("1: a\n1: b\n", DuplicateKeyError, 2),
        ("title: t\ndate: 2025-02-30\n", ValueConstructionError, 2),
        ("list:\n  - 2025-13-01\n", ValueConstructionError, 2),
    ],
)
def test_refused_with_the_line_of_the_problem(text, error, line):
    with pytest.raises(error) as info:
        safe_load(text)
    assert isinstance(info.value, yaml.MarkedYAMLError), "callers catching yaml.YAMLError keep working"
    assert info.value.problem_mark.line + 1 == line


def test_duplicate_key_names_both_lines():
    with pytest.raises(DuplicateKeyError) as info:
        safe_load("title: a\nother: b\ntitle: c\n")
    assert "'title'" in info.value.problem
    assert (info.value.context_mark.line, info.value.problem_mark.line) == (0, 2)


def test_equal_keys_in_different_mappings_are_fine():
    assert safe_load("a: {k: 1}\nb: {k: 2}\n") == {"a": {"k": 1}, "b": {"k": 2}}


def test_a_billion_laughs_is_refused_before_expanding():
    lines = ['a0: &a0 ["lol"]'] + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    with pytest.raises(AliasError):
        safe_load("\n".join(lines))


def test_compose_refuses_aliases_too():
    assert safe_yaml.compose("a: 1\n").value[0][0].value == "a"
    with pytest.raises(AliasError):
        safe_yaml.compose("a: &x 1\nb: *x\n")


def test_dates_are_still_dates():
    assert safe_load("d: 2025-03-18\n") == {"d": dt.date(2025, 3, 18)}


def _shipped_yaml() -> list:
    from kit import paths

    root = paths.repo_root()
    files = sorted((root / "kit").rglob("*.yml")) + sorted((root / "texts").rglob("*.yml"))
    texts = [(p, p.read_text(encoding="utf-8")) for p in files]
    for md in sorted((root / "texts").rglob("*.md")):
        raw = md.read_text(encoding="utf-8")
        if raw.startswith("---\n"):
            texts.append((md, raw[4:].split("\n---\n", 1)[0]))
    return texts


def test_every_shipped_yaml_reads_the_same_on_the_fast_and_the_pure_python_parser():
    """The C parser is only a faster route: every file and front matter the kit ships gives the same value."""
    shipped = _shipped_yaml()
    assert len(shipped) > 20
    for path, text in shipped:
        assert safe_load(text) == yaml.load(text, Loader=safe_yaml.StrictLoader), path


@pytest.mark.parametrize(
    "text",
    ["a: 1\na: 2\n", "a: &x [1]\nb: *x\n", "d: 2025-02-30\n", "a: [1\n", "a: 'unclosed\n", "a: \"bell \x07\"\n"],
    ids=["duplicate", "alias", "bad-date", "unclosed-list", "unclosed-quote", "control-char"],
)
def test_an_error_is_the_pure_python_parsers_error(text):
    with pytest.raises(yaml.YAMLError) as fast:
        safe_load(text)
    with pytest.raises(yaml.YAMLError) as pure:
        yaml.load(text, Loader=safe_yaml.StrictLoader)
    assert type(fast.value) is type(pure.value) and str(fast.value) == str(pure.value)
