"""kit/display.py, the one import of the lessons: it gives the figures, the highlighted views and the
classroom tables of kit/figures.py, kit/highlighting.py and kit/classroom_tables.py (tested there)."""

from __future__ import annotations

import types

import pytest

from kit import classroom_tables, display, figures, highlighting


@pytest.mark.parametrize("module", [figures, highlighting, classroom_tables], ids=lambda m: m.__name__)
def test_display_gives_the_same_objects_as_the_modules_behind_it(module):
    # the public names the module defines (functions by their __module__; constants have none)
    own = [
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and getattr(value, "__module__", module.__name__) == module.__name__
    ]
    assert own
    for name in own:
        assert name in display.__all__, name
        assert getattr(display, name) is getattr(module, name), name


def test_from_kit_display_import_keeps_working():
    from kit.display import (
        MAX_HIGHLIGHT_CHARS,
        PROJECTOR_FONTS,
        highlight,
        sentiment_arc,
        show,
        show_table,
        table_html,
        use_classroom_tables,
    )

    assert highlight is highlighting.highlight and MAX_HIGHLIGHT_CHARS is highlighting.MAX_HIGHLIGHT_CHARS
    assert sentiment_arc is figures.sentiment_arc and show is figures.show
    assert PROJECTOR_FONTS is figures.PROJECTOR_FONTS
    assert show_table is classroom_tables.show_table and table_html is classroom_tables.table_html
    assert use_classroom_tables is classroom_tables.use_classroom_tables
    assert sorted(display.__all__) == sorted({*display.__all__})
    assert all(hasattr(display, name) for name in display.__all__)
