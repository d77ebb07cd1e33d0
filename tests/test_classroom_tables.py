"""Tables for the classroom (kit/classroom_tables.py): rounding a copy, the projector's HTML view."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from kit import classroom_tables
from kit.errors import KitError


@pytest.mark.parametrize(
    ("values", "digits", "expected"),
    [
        ([0.123456, 2.5551], 2, [0.12, 2.56]),
        ([-0.0001, 0.004], 2, [0.0, 0.0]),
        ([1.23456], 3, [1.235]),
        ([float("nan"), 1.0], 1, [None, 1.0]),
    ],
)
def test_show_table_rounds_a_copy(values, digits, expected):
    df = pd.DataFrame({"x": values, "n": range(len(values)), "s": ["a"] * len(values)})
    original = df.copy()
    shown = classroom_tables.show_table(df, digits=digits)
    got = [None if pd.isna(v) else v for v in shown["x"]]
    assert got == expected
    assert all(str(v) != "-0.0" for v in shown["x"])
    assert shown["n"].tolist() == list(range(len(values))) and shown["s"].tolist() == original["s"].tolist()
    pd.testing.assert_frame_equal(df, original)


def test_show_table_rejects_non_tables():
    with pytest.raises(KitError, match="expected a DataFrame"):
        classroom_tables.show_table([1.234])


# ------------------------------------------------------------------ table_html


def test_table_html_keeps_text_whole_and_left_aligned():
    sentence = "A sentence much longer than the fifty characters pandas shows by default, with <b>markup</b>."
    df = pd.DataFrame({"unit": ["p01.s1", "p01.s2"], "text": [sentence, "Short."], "score": [0.5, -0.25]})
    page = classroom_tables.table_html(df)
    cells = re.findall(r"<td([^>]*)>(.*?)</td>", page)
    assert [c for _, c in cells] == ["p01.s1", html.escape(sentence), "0.50", "p01.s2", "Short.", "-0.25"]
    styles = [style for style, _ in cells]
    assert ["text-align:left" in s for s in styles] == [True, True, False] * 2
    assert ["white-space:normal" in s for s in styles] == [False, True, False] * 2  # only long text wraps
    headers = re.findall(r"<th([^>]*)>(\w*)</th>", page.partition("<tbody>")[0])
    assert headers == [
        ("", ""),
        (' style="text-align:left"', "unit"),
        (' style="text-align:left"', "text"),
        ("", "score"),
    ]
    assert "<b>" not in page  # still escaped


def test_table_html_lets_long_headers_break_and_counts_columns_after_truncated_rows():
    wide = pd.DataFrame({f"frame_number_{i}": [i] for i in range(30)} | {"note": ["words " * 20]})
    page = classroom_tables.table_html(wide)
    assert "frame_<wbr>number_<wbr>29" in page
    assert page.count("<th>frame_") == 30  # no column dropped for width
    assert page.count('style="text-align:left;white-space:normal') == 1  # only the long-text column
    long = pd.DataFrame({"n": range(500), "text": ["x"] * 500})
    with pd.option_context("display.max_rows", 10, "display.min_rows", 4):
        page = classroom_tables.table_html(long)
    assert "500 rows" in page
    assert page.count('<td style="text-align:left">') == 5  # short text: four rows and the "..." row


def test_dataframes_in_ipython_use_the_classroom_view():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        assert classroom_tables.use_classroom_tables()
        data, _ = shell.display_formatter.format(pd.DataFrame({"text": ["words " * 20]}))
        assert "text-align:left" in data["text/html"]
    finally:
        shell.display_formatter.formatters["text/html"].pop(pd.DataFrame, None)
        InteractiveShell.clear_instance()
