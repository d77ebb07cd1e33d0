"""Figures, the highlighted-text view and the classroom tables: the kit's evidence, shown.

One import for a notebook (``from kit import display``) with three modules behind it:

- :mod:`kit.figures`: the seaborn/matplotlib figures (:func:`sentiment_arc`, :func:`lexicon_scatter`,
  :func:`frame_heatmap`, :func:`voices_bar`, :func:`segment_comparison`, :func:`paragraph_lengths`,
  :func:`word_bar`), :func:`show` for a notebook, and the projector fonts. Each has a title and
  labelled axes, uses the seaborn ``colorblind`` palette (the Okabe & Ito 2008 colours) or the
  ``cividis`` colour map (Nuñez et al. 2018), involves no randomness, and is never shown there: the
  caller shows, saves or closes it.
- :mod:`kit.highlighting`: :func:`highlight` renders a text with highlighted evidence spans (frame
  hits, quotes, sentiment words) as escaped, byte-identical HTML, overlapping spans split into
  elementary pieces; :func:`frames_html`, :func:`quotes_html`, :func:`sentiment_html` and
  :func:`segments_html` highlight one analysis each.
- :mod:`kit.classroom_tables`: :func:`show_table` (numbers rounded where they are shown) and
  :func:`table_html`, the HTML view of every DataFrame inside IPython, registered when this module
  is imported (:func:`use_classroom_tables`).

Long texts stay readable and bounded: above a size a figure shows the top rows or bins and says
so in its title, and the highlighted view shows the first paragraphs up to ``max_chars``
characters with a count of what was left out. Every public name of the three modules is
importable from here, so ``from kit.display import highlight`` and ``display.show_table(df)`` keep
working.
"""

from __future__ import annotations

from kit.classroom_tables import (
    LONG_TEXT,
    LONG_TEXT_STYLE,
    SHORT_TEXT_STYLE,
    show_table,
    table_html,
    use_classroom_tables,
)
from kit.figures import (
    MAX_MARKERS,
    MAX_PARAGRAPH_LINES,
    PROJECTOR_FONTS,
    SMALL_FONT,
    SMALLEST_FONT,
    empty_figure,
    frame_heatmap,
    lexicon_scatter,
    paragraph_lengths,
    projector_fonts,
    segment_comparison,
    sentiment_arc,
    show,
    voices_bar,
    word_bar,
)
from kit.highlighting import (
    COMBINED,
    MAX_HIGHLIGHT_CHARS,
    NO_LABEL,
    OKABE_ITO,
    SENTIMENT_COLOURS,
    frames_html,
    highlight,
    quotes_html,
    segments_html,
    sentiment_html,
)

__all__ = [
    "COMBINED",
    "LONG_TEXT",
    "LONG_TEXT_STYLE",
    "MAX_HIGHLIGHT_CHARS",
    "MAX_MARKERS",
    "MAX_PARAGRAPH_LINES",
    "NO_LABEL",
    "OKABE_ITO",
    "PROJECTOR_FONTS",
    "SENTIMENT_COLOURS",
    "SHORT_TEXT_STYLE",
    "SMALLEST_FONT",
    "SMALL_FONT",
    "empty_figure",
    "frame_heatmap",
    "frames_html",
    "highlight",
    "lexicon_scatter",
    "paragraph_lengths",
    "projector_fonts",
    "quotes_html",
    "segment_comparison",
    "segments_html",
    "sentiment_arc",
    "sentiment_html",
    "show",
    "show_table",
    "table_html",
    "use_classroom_tables",
    "voices_bar",
    "word_bar",
]
