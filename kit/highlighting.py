"""The highlighted-text views: a text's paragraphs as HTML with its evidence spans marked.

:func:`highlight` renders a text with highlighted evidence spans (frame hits, quotes, sentiment
words) as HTML. Every piece of text and every label is escaped with :func:`html.escape`, the output
is byte-identical for the same input (no random ids), and overlapping spans are split into
elementary pieces that list all their labels in the tooltip. :func:`frames_html`,
:func:`quotes_html`, :func:`sentiment_html` and :func:`segments_html` highlight one analysis each.

Long texts stay readable and bounded: the view shows the first paragraphs up to ``max_chars``
characters with a count of what was left out.

Importable from :mod:`kit.display` too, with the figures and the classroom tables.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from kit.display_checks import require_columns
from kit.errors import KitError
from kit.text import Document

#: Okabe & Ito (2008) colours, black left out (it hides text when used as a highlight).
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
#: Border styles that tell labels apart once the seven colours are used up.
_BORDERS = ("solid", "dashed", "dotted", "double")
#: Alpha of a highlight background, so that the text stays readable.
_ALPHA = 0.45
NO_LABEL = "(no label)"
#: Sentiment highlights: blues for positive, orange/vermillion for negative (Okabe-Ito).
SENTIMENT_COLOURS = {"textblob +": "#56B4E9", "vader +": "#0072B2", "textblob -": "#E69F00", "vader -": "#D55E00"}
#: The highlighted view shows paragraphs up to this many characters of the body by default
#: (about 8,000 words: a long report's first pages; the op-ed and the news articles fit whole).
MAX_HIGHLIGHT_CHARS = 50_000


def _colour(index: int, hex_colour: str | None = None) -> tuple[str, str]:
    hex_colour = hex_colour or OKABE_ITO[index % len(OKABE_ITO)]
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{_ALPHA})", _BORDERS[(index // len(OKABE_ITO)) % len(_BORDERS)]


def _clean_spans(doc: Document, spans: pd.DataFrame, label_col: str, detail_col: str | None) -> pd.DataFrame:
    columns = ["start", "end", label_col] + ([detail_col] if detail_col else [])
    df = require_columns(spans, columns, "highlight", "a table with start, end and a label column (e.g. kit.framing.code)")
    out = pd.DataFrame(
        {
            "start": pd.to_numeric(df["start"], errors="coerce"),
            "end": pd.to_numeric(df["end"], errors="coerce"),
            "label": [NO_LABEL if _blank(v) else str(v) for v in df[label_col]],
            "detail": [("" if _blank(v) else str(v)) for v in df[detail_col]] if detail_col else [""] * len(df),
        }
    )
    bad = out[out["start"].isna() | out["end"].isna()]
    if len(bad):
        raise KitError("highlight", f"row {bad.index[0]} has no numeric start/end", "give offsets into doc.body")
    out = out[(out["start"] >= 0) & (out["end"] > out["start"])]  # rules without a span (token "") are skipped
    out = out.astype({"start": int, "end": int})
    too_far = out[out["end"] > len(doc.body)]
    if len(too_far):
        row = too_far.iloc[0]
        raise KitError(
            "highlight",
            f"span {row['start']}-{row['end']} runs past the end of text '{doc.slug}' ({len(doc.body)} characters)",
            "use offsets into doc.body of this document",
        )
    return out.sort_values(["start", "end", "label", "detail"], kind="stable").reset_index(drop=True)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or str(value) == ""


def _pieces(start: int, end: int, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, list[int]]]:
    """Split [start, end) at every edge of ``spans`` (start, end, row); each piece lists the rows covering it.

    ``spans`` are the spans that overlap [start, end), in row order.
    """
    cuts = {start, end}
    for s, e, _ in spans:
        cuts.update((max(s, start), min(e, end)))
    edges = sorted(cuts)
    pieces = []
    for a, b in zip(edges, edges[1:], strict=False):
        pieces.append((a, b, [row for s, e, row in spans if s <= a and b <= e]))
    return pieces


def _spans_by_paragraph(doc: Document, clean: pd.DataFrame, n_paragraphs: int) -> list[list[tuple[int, int, int]]]:
    """For each of the first ``n_paragraphs`` paragraphs, the (start, end, row) of the spans overlapping it.

    One pass over the spans (each is placed in the paragraphs it overlaps, found by binary
    search), instead of filtering the whole table once per paragraph.
    """
    starts = np.array([p.start for p in doc.paragraphs[:n_paragraphs]], dtype=np.int64)
    ends = np.array([p.end for p in doc.paragraphs[:n_paragraphs]], dtype=np.int64)
    out: list[list[tuple[int, int, int]]] = [[] for _ in range(n_paragraphs)]
    if not n_paragraphs or clean.empty:
        return out
    span_starts = clean["start"].to_numpy(np.int64)
    span_ends = clean["end"].to_numpy(np.int64)
    first = np.searchsorted(ends, span_starts, side="right")  # first paragraph ending after the span starts
    last = np.searchsorted(starts, span_ends, side="left")  # paragraphs starting before the span ends
    for row, (s, e, i, j) in enumerate(
        zip(span_starts.tolist(), span_ends.tolist(), first.tolist(), last.tolist(), strict=True)
    ):
        for k in range(i, j):
            out[k].append((s, e, row))
    return out


def _shown_paragraphs(doc: Document, max_chars: int | None) -> int:
    """How many paragraphs, from the first, fit in ``max_chars`` characters (always at least one)."""
    if max_chars is not None and (isinstance(max_chars, bool) or not isinstance(max_chars, int)):
        raise KitError("highlight", f"max_chars must be a whole number or None, got {max_chars!r}", "pass e.g. 50000")
    if max_chars is None or not doc.paragraphs or doc.paragraphs[-1].end <= max_chars:
        return len(doc.paragraphs)
    ends = [p.end for p in doc.paragraphs]
    return max(1, bisect.bisect_right(ends, max_chars))


_STYLE = (
    "<style>"
    ".kit-hl{font-family:Georgia,serif;line-height:1.6;max-width:52em}"
    ".kit-hl .kit-para{display:flex;gap:.8em;margin:0 0 .6em 0}"
    ".kit-hl .kit-pid{flex:0 0 2.6em;color:#666;font-family:monospace;font-size:.8em;padding-top:.3em}"
    ".kit-hl mark{color:inherit;padding:0 1px;border-radius:2px}"
    "</style>"
)
# Everything a reader must see is in inline styles that JupyterLab's sanitiser keeps for untrusted
# notebooks (solid background colours, borders, margins); the <style> block above only adds layout.
_LEGEND_ENTRY_STYLE = "display:inline-block;margin:0 1.2em .3em 0;white-space:nowrap"
_LEGEND_STYLE = "margin:0 0 .8em 0;font-family:sans-serif;font-size:.9em;line-height:1.9"
COMBINED = " & "


def _mark_style(style: tuple[str, str]) -> str:
    colour, border = style
    return f"background-color:{colour};border-bottom:2px {border} #333"


def _piece_label(labels: list[str], rows: list[int]) -> str:
    """The label of a piece of text: one label, or every label covering it joined by `` & ``."""
    return COMBINED.join(dict.fromkeys(labels[r] for r in rows))


def _label_styles(labels: list[str], fixed: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """A colour and border for every label: fixed ones as given, the others in palette order.

    Single labels come first so that their colours do not depend on which combinations occur;
    combined labels (``a & b``) take the next free colours, each with its own legend entry.
    """
    singles = [label for label in labels if COMBINED not in label or label in fixed]
    combined = [label for label in labels if label not in singles]
    free = [label for label in singles if label not in fixed] + combined
    styles = {label: _colour(i) for i, label in enumerate(free)}
    styles.update({label: _colour(0, fixed[label]) for label in singles if label in fixed})
    return styles


def _legend_html(labels: list[str], styles: Mapping[str, tuple[str, str]], counts: Mapping[str, int]) -> str:
    esc = html.escape
    entries = [
        f'<span style="{_LEGEND_ENTRY_STYLE}"><mark style="{_mark_style(styles[label])}">{esc(label)}</mark>'
        f" ({counts[label]})</span>"
        for label in labels
    ] or [f'<span style="{_LEGEND_ENTRY_STYLE}">no highlighted spans</span>']
    return f'<div class="kit-legend" style="{_LEGEND_STYLE}"><b style="margin-right:1em">Legend</b>{"".join(entries)}</div>'


def _paragraph_pieces(
    doc: Document, clean: pd.DataFrame, labels: list[str], n_shown: int
) -> list[tuple[Any, list[tuple[int, int, list[int], str]]]]:
    """The first ``n_shown`` paragraphs with their pieces: (start, end, covering rows, piece label or '')."""
    out = []
    for p, overlapping in zip(doc.paragraphs[:n_shown], _spans_by_paragraph(doc, clean, n_shown), strict=True):
        pieces = [
            (a, b, rows, _piece_label(labels, rows) if rows else "")
            for a, b, rows in _pieces(p.start, p.end, overlapping)
        ]
        out.append((p, pieces))
    return out


def _mark_html(
    doc: Document, rows_of: tuple[list[str], list[str]], piece: tuple[int, int, list[int], str], style: tuple[str, str]
) -> str:
    esc = html.escape
    labels, details = rows_of
    a, b, rows, label = piece
    tips = list(dict.fromkeys(labels[r] + (f": {details[r]}" if details[r] else "") for r in rows))
    return (
        f'<mark data-start="{a}" data-end="{b}" data-labels="{esc(label.replace(COMBINED, "; "))}" '
        f'title="{esc("; ".join(tips))}" style="{_mark_style(style)}">{esc(doc.body[a:b])}</mark>'
    )


def highlight(
    doc: Document,
    spans: pd.DataFrame,
    label_col: str = "label",
    title: str | None = None,
    detail_col: str | None = None,
    colors: Mapping[str, str] | None = None,
    max_chars: int | None = MAX_HIGHLIGHT_CHARS,
):
    """The text's paragraphs as HTML with ``spans`` highlighted, coloured by label, with a legend.

    ``spans`` needs ``start`` and ``end`` (offsets into ``doc.body``) and ``label_col``: e.g.
    :func:`kit.framing.code` (``label_col="frame"``), :func:`kit.quotes.quotes_table`
    (``"speaker"``) or :func:`kit.sentiment.explain` of the document (``"lexicon"``). Rows without a
    span (start < 0 or end <= start) are skipped. Overlapping spans are split into elementary
    pieces; a piece covered by several labels gets the combined label ``a & b``, with a colour and a
    legend entry of its own, and lists every label in its tooltip. Colours are solid inline styles,
    so the page looks the same in JupyterLab (trusted or not), in the HTML export and in the lesson
    bundle. Each ``<mark>`` carries ``data-start``/``data-end``, the offsets of its text in
    ``doc.body``. ``detail_col`` adds that column's value to the tooltip. ``colors`` fixes the colour
    of some labels (``{"vader -": "#D55E00"}``); other labels take the Okabe-Ito colours in order
    of first appearance. All text is escaped. A long text is shown from its first paragraph up to
    ``max_chars`` characters of the body (at least one paragraph; ``None`` shows it all), and a
    note after the last paragraph counts the paragraphs, characters and highlighted spans left out;
    the legend counts the spans of the whole text for single labels, and the pieces shown for
    combined ones.
    Returns an ``IPython.display.HTML`` (its ``.data`` is the HTML string).

    >>> from kit.text import from_string
    >>> doc = from_string("A <b>bold</b> claim.")
    >>> view = highlight(doc, pd.DataFrame({"start": [2], "end": [13], "label": ["tag"]}))
    >>> '<mark data-start="2" data-end="13"' in view.data, "&lt;b&gt;bold&lt;/b&gt;" in view.data
    (True, True)
    """
    from IPython.display import HTML

    clean = _clean_spans(doc, spans, label_col, detail_col)
    fixed = _fixed_colours(colors)
    rows_of = (clean["label"].tolist(), clean["detail"].tolist())
    paragraphs = _paragraph_pieces(doc, clean, rows_of[0], _shown_paragraphs(doc, max_chars))
    labels, counts = _legend_labels(clean, paragraphs)
    styles = _label_styles(labels, fixed)

    out = [_STYLE, '<div class="kit-hl">']
    heading = title if title is not None else doc.title
    if heading:
        out.append(f"<h4>{html.escape(str(heading))}</h4>")
    out.append(_legend_html(labels, styles, counts))
    out += [_paragraph_html(doc, rows_of, p, pieces, styles) for p, pieces in paragraphs]
    if len(paragraphs) < len(doc.paragraphs):
        out.append(_left_out_note(doc, clean, len(paragraphs)))
    out.append("</div>")
    return HTML("".join(out))


def _fixed_colours(colors: Mapping[str, str] | None) -> dict[str, str]:
    """The colours a caller fixed for some labels, each checked to be ``#RRGGBB``."""
    if colors is not None and not isinstance(colors, Mapping):
        raise KitError("highlight", f"colors must map labels to colours, got {type(colors).__name__}",
                       "pass e.g. colors={'vader -': '#D55E00'}")
    fixed = dict(colors or {})
    for label, value in fixed.items():
        if not (isinstance(value, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", value)):
            raise KitError("highlight", f"colour {value!r} for label {label!r} is not #RRGGBB", "use e.g. '#0072B2'")
    return fixed


def _legend_labels(clean: pd.DataFrame, paragraphs: list[tuple[Any, list[Any]]]) -> tuple[list[str], dict[str, int]]:
    """The labels of the pieces shown, in order of first appearance, and the count the legend gives each:
    spans of the whole text for a single label, pieces shown for a combined one."""
    counts = {str(k): int(v) for k, v in clean["label"].value_counts().items()}
    singles = set(counts)
    labels: list[str] = []
    for _, pieces in paragraphs:
        for *_, label in pieces:
            if label and label not in labels:
                labels.append(label)
                if COMBINED in label and label not in counts:
                    counts[label] = 0
            if label and COMBINED in label and label not in singles:
                counts[label] += 1
    return labels, counts


def _paragraph_html(
    doc: Document, rows_of: tuple[list[str], list[str]], paragraph: Any, pieces: list[Any], styles: Mapping[str, Any]
) -> str:
    """One paragraph with its id and its pieces, highlighted ones as ``<mark>``."""
    parts = [
        _mark_html(doc, rows_of, piece, styles[piece[3]]) if piece[3] else html.escape(doc.body[piece[0] : piece[1]])
        for piece in pieces
    ]
    return f'<div class="kit-para"><span class="kit-pid">{html.escape(paragraph.id)}</span><p>{"".join(parts)}</p></div>'


def _left_out_note(doc: Document, clean: pd.DataFrame, n_shown: int) -> str:
    """The line after a shortened view: what was not shown, and how to show it."""
    last, rest = doc.paragraphs[n_shown - 1], doc.paragraphs[n_shown:]
    n_spans = int((clean["start"] >= rest[0].start).sum()) if len(clean) else 0
    spans = f", with {n_spans:,} highlighted span{'s' if n_spans != 1 else ''}," if n_spans else ""
    return (
        f'<p class="kit-more" style="font-family:sans-serif;font-size:.85em;color:#555">Shown: paragraphs {html.escape(doc.paragraphs[0].id)}–{html.escape(last.id)} '
        f"({last.end:,} of {len(doc.body):,} characters). Left out: {len(rest):,} paragraph{'s' if len(rest) != 1 else ''}"
        f" ({html.escape(rest[0].id)}–{html.escape(rest[-1].id)}){spans} not shown here; "
        "pass max_chars=None to show the whole text.</p>"
    )


def frames_html(
    doc: Document, codebook: str = "mfc", title: str | None = None, max_chars: int | None = MAX_HIGHLIGHT_CHARS
):
    """The text with every frame hit of ``codebook`` highlighted by frame (:func:`kit.framing.code`)."""
    from kit import framing

    hits = framing.code(doc, codebook)
    return highlight(
        doc,
        hits,
        label_col="frame",
        title=title or f"{doc.title}: frame hits ({codebook})",
        detail_col="pattern",
        max_chars=max_chars,
    )


def quotes_html(doc: Document, title: str | None = None, max_chars: int | None = MAX_HIGHLIGHT_CHARS):
    """The text with every quote highlighted by speaker (:func:`kit.quotes.quotes_table`)."""
    from kit import quotes

    table = quotes.quotes_table(doc)
    table = table.assign(speaker=[s if s else "(unattributed)" for s in table["speaker"]])
    return highlight(
        doc,
        table,
        label_col="speaker",
        title=title or f"{doc.title}: who says what",
        detail_col="kind",
        max_chars=max_chars,
    )


def sentiment_html(
    doc: Document, title: str | None = None, overrides: Any = None, max_chars: int | None = MAX_HIGHLIGHT_CHARS
):
    """The text with every word that moved a sentiment score highlighted (:func:`kit.sentiment.explain`).

    Only word and phrase contributions with a non-zero valence are shown (sentence-level rules such
    as VADER's normalisation are rows of ``explain`` without a word). Labels are lexicon and
    direction ("vader +", "textblob -"); the tooltip gives the valence after adjustments. Only the
    paragraphs shown (see ``max_chars`` in :func:`highlight`) are explained, so the legend counts
    the words of the part shown.
    """
    from kit import sentiment

    n_shown = _shown_paragraphs(doc, max_chars)
    if n_shown == len(doc.paragraphs):
        words = sentiment.explain(doc, doc=doc, overrides=overrides)
    else:
        words = pd.concat(
            [sentiment.explain(p, doc=doc, overrides=overrides) for p in doc.paragraphs[:n_shown]], ignore_index=True
        )
    if "kind" in words.columns:  # averaging / normalisation rows explain a sentence, not a word
        words = words[words["kind"].isin(["word", "phrase"])]
    valence = pd.to_numeric(words["valence"], errors="coerce").fillna(0.0)
    words, valence = words[valence != 0], valence[valence != 0]
    signs = np.where(valence > 0, "+", np.where(valence < 0, "-", "0"))
    words = words.assign(
        label=[f"{lex} {sign}" for lex, sign in zip(words["lexicon"], signs, strict=True)],
        detail=[f"{v:+.3f}" for v in valence],
    )
    return highlight(
        doc,
        words,
        label_col="label",
        title=title or f"{doc.title}: sentiment words",
        detail_col="detail",
        colors=SENTIMENT_COLOURS,
        max_chars=max_chars,
    )


def segments_html(
    doc: Document, segments: Sequence[Any], title: str | None = None, max_chars: int | None = MAX_HIGHLIGHT_CHARS
):
    """The text with the sentences of each segment (:class:`kit.segment.Segment`) highlighted by segment name."""
    rows = []
    for segment in segments:
        for sentence_id in segment.sentence_ids:
            unit = doc.unit(sentence_id)
            rows.append({"start": unit.start, "end": unit.end, "segment": segment.name, "unit": unit.id})
    spans = pd.DataFrame(rows, columns=["start", "end", "segment", "unit"])
    return highlight(
        doc, spans, label_col="segment", title=title or f"{doc.title}: segments", detail_col="unit", max_chars=max_chars
    )

