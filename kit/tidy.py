"""Building the kit's tables from rows: one call that gives every number column its type as it builds.

``pd.DataFrame(rows).astype({...})`` copies every typed column once more after building the table;
on the many small tables of a corpus run (a few rows per text) that second pass was most of the cost of
making the table. :func:`table_of_rows` types the columns while it builds them and gives the same
table, including with no rows (typed columns keep their type, the others are ``object``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd


def table_of_rows(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], dtypes: Mapping[str, Any]) -> pd.DataFrame:
    """A DataFrame with ``columns`` in order, from ``rows`` (dicts), the columns in ``dtypes`` typed.

    >>> t = table_of_rows([{"unit": "p01", "start": 0, "score": 1}], ["unit", "start", "score"], {"start": "int64", "score": "float64"})
    >>> t[["start", "score"]].dtypes.astype(str).tolist(), table_of_rows([], ["unit", "start"], {"start": "int64"}).dtypes.astype(str).tolist()
    (['int64', 'float64'], ['object', 'int64'])
    """
    data: dict[str, Any] = {}
    for column in columns:
        values = [row[column] for row in rows]
        if column in dtypes:
            data[column] = np.array(values, dtype=dtypes[column])
        else:
            data[column] = values if values else np.array([], dtype=object)
    return pd.DataFrame(data, columns=list(columns))


def typed_columns(
    df: pd.DataFrame, ints: Sequence[str] = (), floats: Sequence[str] = (), bools: Sequence[str] = ()
) -> pd.DataFrame:
    """``df`` with the named columns cast in place to int64, float64 and bool (returned for chaining).

    >>> typed_columns(pd.DataFrame({"hits": [1.0]}), ints=("hits",))["hits"].dtype.name
    'int64'
    """
    for c in ints:
        df[c] = df[c].astype("int64")
    for c in floats:
        df[c] = df[c].astype("float64")
    for c in bools:
        df[c] = df[c].astype("bool")
    return df
