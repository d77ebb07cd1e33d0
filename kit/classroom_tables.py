"""Tables for the classroom: numbers rounded where they are shown, and DataFrames that read on a projector.

:func:`show_table` rounds a copy of a table for display; :func:`table_html` is the HTML view the
kit gives every DataFrame inside IPython (text never truncated, text columns left-aligned and
wrapped). Importing this module (or :mod:`kit.display`, which re-exports it) registers that view
in a running IPython session.
"""

from __future__ import annotations

import re

import pandas as pd

from kit.errors import KitError


def show_table(df: pd.DataFrame, digits: int = 2) -> pd.DataFrame:
    """A copy of ``df`` for display: float columns rounded to ``digits`` (and -0.0 shown as 0.0).

    Numbers are rounded where they are shown, never where they are computed; the input is untouched.

    >>> show_table(pd.DataFrame({"x": [0.123456, -0.0001], "n": [1, 2]}))["x"].tolist()
    [0.12, 0.0]
    """
    if not isinstance(df, pd.DataFrame):
        raise KitError("show_table", f"expected a DataFrame, got {type(df).__name__}", "pass a pandas DataFrame")
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(digits) + 0.0
    return out


# ------------------------------------------------------------------ tables for the classroom

LONG_TEXT_STYLE = "text-align:left;white-space:normal;min-width:14em;max-width:36em"
SHORT_TEXT_STYLE = "text-align:left"
LONG_TEXT = 40  # characters: a text column with a longer value wraps in a column of its own width
_TD = re.compile(r"<td>(.*?)</td>", re.DOTALL)
_TH = re.compile(r"<th>([^<]*_[^<]*)</th>")
_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
_HEADER_ROW = re.compile(r"(<thead>\s*<tr[^>]*>)(.*?)(</tr>)", re.DOTALL)
_HEADER_CELL = re.compile(r"<th>(.*?)</th>", re.DOTALL)


def _column_styles(df: pd.DataFrame) -> list[str]:
    """The inline style of each column's cells: text left-aligned (long text wrapped), numbers as pandas."""
    styles = []
    for _, values in df.items():
        if pd.api.types.is_object_dtype(values.dtype) or pd.api.types.is_string_dtype(values.dtype):
            longest = values.map(lambda v: len(str(v))).max() if len(values) else 0
            styles.append(LONG_TEXT_STYLE if longest > LONG_TEXT else SHORT_TEXT_STYLE)
        else:
            styles.append("")
    return styles


def _style_row(row: re.Match, styles: list[str]) -> str:
    cells = iter(styles)

    def style(cell: re.Match) -> str:
        chosen = next(cells, "")
        return f'<td style="{chosen}">{cell.group(1)}</td>' if chosen else cell.group(0)

    return "<tr>" + _TD.sub(style, row.group(1)) + "</tr>"


def _align_headers(row: re.Match, n_index: int, styles: list[str]) -> str:
    """Left-align the header of every text column, so it sits above its text."""
    cells = iter([""] * n_index + styles)

    def align(cell: re.Match) -> str:
        return f'<th style="text-align:left">{cell.group(1)}</th>' if next(cells, "") else cell.group(0)

    return row.group(1) + _HEADER_CELL.sub(align, row.group(2)) + row.group(3)


def table_html(df: pd.DataFrame) -> str:
    """``df`` as HTML that reads on a projector: text never truncated, text columns left-aligned
    and wrapped, long ``snake_case`` headers allowed to break after their underscores.

    Rows are shortened as pandas does (``display.max_rows``, with the dimensions shown); every
    style is inline, so JupyterLab shows the same table whether the notebook is trusted or not.
    Inside IPython the kit registers this as the HTML view of every DataFrame (see
    :func:`use_classroom_tables`).

    >>> page = table_html(pd.DataFrame({"sentence": ["A long sentence that pandas would cut."], "n": [1]}))
    >>> "text-align:left" in page, "would cut.</td>" in page
    (True, True)
    """
    if not isinstance(df, pd.DataFrame):
        raise KitError("table_html", f"expected a DataFrame, got {type(df).__name__}", "pass a pandas DataFrame")
    with pd.option_context("display.max_colwidth", None, "display.max_columns", None):
        page = df._repr_html_() or ""
    if isinstance(df.columns, pd.MultiIndex):
        return page
    styles = _column_styles(df)
    head, sep, body = page.partition("<tbody>")
    head = _HEADER_ROW.sub(lambda row: _align_headers(row, df.index.nlevels, styles), head, count=1)
    head = _TH.sub(lambda m: "<th>" + m.group(1).replace("_", "_<wbr>") + "</th>", head)
    if sep:
        body = _ROW.sub(lambda row: _style_row(row, styles), body)
    return head + sep + body


def use_classroom_tables() -> bool:
    """Show every DataFrame in this IPython session with :func:`table_html`; False outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the kit
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)
    return True


use_classroom_tables()
