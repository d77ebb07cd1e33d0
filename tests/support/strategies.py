"""Hypothesis strategies shared by the tests of hostile input (issue 10)."""

from __future__ import annotations

from hypothesis import strategies as st

#: YAML values of every shape (null, booleans, numbers, text, dates, lists, mappings), for keys that
#: expect another one: whatever a hand-edited file may hold where the kit expects one type.
YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12) | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(min_size=1, max_size=6), inner, max_size=3),
    max_leaves=8,
)
