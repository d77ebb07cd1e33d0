"""Tables built from rows (kit/tidy.py): the same table the two-step build gave, typed while built."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.tidy import table_of_rows

COLUMNS = ["unit", "start", "end", "score", "flag"]
DTYPES = {"start": "int64", "end": "int64", "score": "float64"}


@pytest.mark.parametrize("n_rows", [0, 1, 7])
def test_the_table_is_what_building_then_typing_gives(n_rows):
    rows = [{"unit": f"p{i:02d}", "start": i, "end": i + 3, "score": i / 2, "flag": i % 2 == 0} for i in range(n_rows)]
    expected = pd.DataFrame(rows, columns=COLUMNS).astype(DTYPES)
    pd.testing.assert_frame_equal(table_of_rows(rows, COLUMNS, DTYPES), expected)


def test_a_missing_value_in_an_integer_column_is_an_error_not_a_float():
    with pytest.raises((TypeError, ValueError)):
        table_of_rows([{"start": None}], ["start"], {"start": "int64"})
