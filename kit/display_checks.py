"""Checks the kit's displays make of the tables they are given: a DataFrame with the columns they read.

A figure or a highlighted view that is handed the wrong table says which function's output it
expects, instead of failing deep inside pandas or matplotlib.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from kit.errors import KitError


def require_columns(df: Any, columns: Sequence[str], what: str, producer: str) -> pd.DataFrame:
    """``df`` itself if it is a DataFrame with ``columns``; else a :class:`KitError` naming ``producer``."""
    if not isinstance(df, pd.DataFrame):
        raise KitError(what, f"expected a DataFrame, got {type(df).__name__}", f"pass the output of {producer}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KitError(
            what,
            f"the table lacks column(s) {', '.join(missing)}",
            f"pass the output of {producer} (columns {', '.join(columns)})",
        )
    return df

