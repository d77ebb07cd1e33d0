"""Figures and the highlighted-text view: the kit's evidence, shown.

Figures are seaborn/matplotlib ``Figure`` objects made through pyplot, so the notebook idiom
``kit.display.sentiment_arc(scores)`` followed by ``plt.show()`` works with the inline backend
(end the cell with ``plt.show()`` or assign the figure: a bare call as the last line of a cell
would display it twice).
Each has a title and labelled axes, uses the seaborn ``colorblind`` palette (the Okabe & Ito 2008
colours) or the ``cividis`` colour map (Nuñez et al. 2018), involves no randomness, and is never
shown here: the caller shows, saves or closes it. Stored notebook outputs should be PNG (nbval does
not compare PNG; SVG embeds a date).

:func:`highlight` renders a text with highlighted evidence spans (frame hits, quotes, sentiment
words) as HTML. Every piece of text and every label is escaped with :func:`html.escape`, the output
is byte-identical for the same input (no random ids), and overlapping spans are split into
elementary pieces that list all their labels in the tooltip.

Long texts stay readable and bounded: above a size a figure shows the top rows or bins and says
so in its title (paragraphs binned for the length chart, the most salient units in the heatmap,
the largest voices), and the highlighted view shows the first paragraphs up to ``max_chars``
characters with a count of what was left out. Every label drawn on a figure is escaped for
matplotlib's mathtext, so a name such as ``$$`` or ``$\\alpha$`` prints as written.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

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
#: Above this many sentences the sentiment arc drops its markers (they would hide the lines).
MAX_MARKERS = 400
#: Above this many paragraphs the sentiment arc draws no line per paragraph start.
MAX_PARAGRAPH_LINES = 200
#: The highlighted view shows paragraphs up to this many characters of the body by default
#: (about 8,000 words: a long report's first pages; the op-ed and the news articles fit whole).
MAX_HIGHLIGHT_CHARS = 50_000


# ------------------------------------------------------------------ helpers


def _require(df: Any, columns: Sequence[str], what: str, producer: str) -> pd.DataFrame:
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


def _require_rows(df: pd.DataFrame, what: str, producer: str) -> None:
    if df.empty:
        raise KitError(what, "the table has no rows, so there is nothing to plot", f"pass the output of {producer}")


def _plain(text: Any) -> str:
    """``text`` as matplotlib should print it: dollar signs escaped, so nothing is read as mathtext."""
    return str(text).replace("$", r"\$")


def _plain_all(texts: Iterable[Any]) -> list[str]:
    return [_plain(t) for t in texts]


def _empty_figure(title: str, message: str, xlabel: str, ylabel: str):
    """A readable figure for a table with no rows: the title, the axes' names and what is missing."""
    fig, ax = _figure(7.0, 2.6)
    ax.text(0.5, 0.5, _plain(message), ha="center", va="center", transform=ax.transAxes, fontsize=11, color="0.3")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(_plain(title))
    return fig


def _shown_of(n_shown: int, n_total: int, what: str) -> str:
    """The note a bounded figure adds to its title, e.g. "(the 40 most salient of 1,200 units)"."""
    return f"\n({what.format(shown=f'{n_shown:,}', total=f'{n_total:,}')})" if n_shown < n_total else ""


# Sizes for a projector at the back of a classroom (matplotlib's defaults are 10 pt, ticks 10 pt).
PROJECTOR_FONTS = {
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "legend.title_fontsize": 11,
    "figure.titlesize": 14,
}
SMALL_FONT = 10  # dense tick labels (one per paragraph or unit) and point labels
SMALLEST_FONT = 9  # numbers written inside heatmap cells and on bars


def projector_fonts(function):
    """Draw the figure of ``function`` with :data:`PROJECTOR_FONTS` (fonts are fixed when artists are made)."""
    import functools

    @functools.wraps(function)
    def drawn_for_projection(*args, **kwargs):
        import matplotlib.pyplot as plt

        with plt.rc_context(PROJECTOR_FONTS):
            return function(*args, **kwargs)

    return drawn_for_projection


def _figure(width: float = 9.0, height: float = 4.5):
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(width, height), layout="constrained")


def show(fig: Any, dpi: int = 110) -> None:
    """Display a figure in the notebook as a PNG and close it.

    Rendering to PNG here (instead of relying on the notebook's matplotlib backend) shows the
    figure the same way under JupyterLab, papermill and nbval, and closing it stops the inline
    backend from showing it a second time. nbval does not compare PNG bytes.
    """
    import io

    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    plt.close(fig)
    display(Image(data=buffer.getvalue(), format="png"))


def _palette(n: int) -> list[Any]:
    import seaborn as sns

    return sns.color_palette("colorblind", n_colors=max(n, 1))


# ------------------------------------------------------------------ figures


@projector_fonts
def sentiment_arc(scores: pd.DataFrame, title: str | None = None):
    """Sentence-by-sentence sentiment: TextBlob polarity and VADER compound in reading order.

    ``scores`` is :func:`kit.sentiment.score` at sentence level (Hutto & Gilbert 2014; TextBlob's
    pattern analyser). Dotted vertical lines mark paragraph starts, labelled with paragraph ids.
    """
    producer = "kit.sentiment.score(doc, unit='sentence')"
    df = _require(scores, ["unit", "paragraph_id", "textblob_polarity", "vader_compound"], "sentiment_arc", producer)
    title = title or "Sentiment arc: two lexicons, sentence by sentence"
    xlabel, ylabel = "sentence, in reading order (ticks: paragraph starts)", "score (-1 negative … +1 positive)"
    if df.empty:
        return _empty_figure(title, "no scored sentences to plot", xlabel, ylabel)
    fig, ax = _figure(10, 4.5)
    x = np.arange(len(df))
    colours = _palette(2)
    marker_size = 4 if len(df) <= MAX_MARKERS else 0  # thousands of markers hide the lines
    ax.plot(
        x,
        df["textblob_polarity"].to_numpy(float),
        marker="o",
        ms=marker_size,
        color=colours[0],
        label="TextBlob polarity",
    )
    ax.plot(
        x, df["vader_compound"].to_numpy(float), marker="s", ms=marker_size, color=colours[1], label="VADER compound"
    )
    ax.axhline(0, color="0.5", lw=0.8)
    paragraphs = df["paragraph_id"].astype(str).tolist()
    starts = [i for i, p in enumerate(paragraphs) if i == 0 or p != paragraphs[i - 1]]
    note = ""
    if len(starts) <= MAX_PARAGRAPH_LINES:
        for i in starts[1:]:
            ax.axvline(i - 0.5, color="0.8", lw=0.8, ls=":")
    else:
        note = f"\n({len(df):,} sentences in {len(starts):,} paragraphs: paragraph lines left out above {MAX_PARAGRAPH_LINES})"
    step = max(1, len(starts) // 14)  # keep the paragraph labels legible on long texts
    shown = starts[::step]
    ax.set_xticks(shown)
    ax.set_xticklabels(_plain_all(paragraphs[i] for i in shown), rotation=90, fontsize=SMALL_FONT)
    ax.set_xlim(-0.5, len(df) - 0.5)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(_plain(title) + note)
    ax.legend(loc="lower left", frameon=False)
    return fig


@projector_fonts
def lexicon_scatter(scores: pd.DataFrame, n_labels: int = 5, title: str | None = None):
    """TextBlob polarity (x) against VADER compound (y), one dot per unit, quadrant lines at 0.

    The ``n_labels`` units where the two lexicons differ most (|TextBlob - VADER|, ties broken by
    unit id) are labelled: they are the sentences worth reading word by word.
    """
    producer = "kit.sentiment.score(doc)"
    df = _require(scores, ["unit", "textblob_polarity", "vader_compound"], "lexicon_scatter", producer)
    title = title or "Do the lexicons agree? One dot per sentence"
    if df.empty:
        return _empty_figure(title, "no scored units to plot", "TextBlob polarity", "VADER compound")
    fig, ax = _figure(6.5, 6)
    tb = df["textblob_polarity"].to_numpy(float)
    vd = df["vader_compound"].to_numpy(float)
    colour = _palette(1)[0]
    ax.scatter(tb, vd, s=28, color=colour, edgecolor="white", linewidth=0.5)
    ax.axhline(0, color="0.5", lw=0.8)
    ax.axvline(0, color="0.5", lw=0.8)
    ax.plot([-1, 1], [-1, 1], color="0.8", lw=0.8, ls="--", label="the lexicons agree")
    gap = pd.DataFrame({"unit": df["unit"].astype(str).to_numpy(), "gap": np.abs(tb - vd), "x": tb, "y": vd})
    outliers = gap.sort_values(["gap", "unit"], ascending=[False, True], kind="stable").head(max(n_labels, 0))
    for row in outliers.itertuples():
        ax.annotate(_plain(row.unit), (row.x, row.y), xytext=(4, 4), textcoords="offset points", fontsize=SMALL_FONT)
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("TextBlob polarity")
    ax.set_ylabel("VADER compound")
    ax.set_title(_plain(title))
    ax.legend(loc="lower right", frameon=False)
    return fig


@projector_fonts
def frame_heatmap(salience: pd.DataFrame, title: str | None = None, annotate: bool = True, max_units: int = 60):
    """Frame salience as a heatmap: units (rows, reading order) x frames (columns), hits per 100 words.

    ``salience`` is :func:`kit.framing.salience` (Boydstun et al. 2014 frames). Frames keep the
    codebook order of the table; a unit with no words shows as an empty cell. A text with more
    than ``max_units`` units shows the ``max_units`` most salient ones (largest total hits per 100
    words, ties in reading order), still in reading order, and says so in the title.
    """
    producer = "kit.framing.salience(doc)"
    df = _require(salience, ["unit", "frame", "per_100_words"], "frame_heatmap", producer)
    title = title or "Frame salience: hits per 100 words"
    if df.empty:
        return _empty_figure(title, "no units to show", "frame", "unit")
    import seaborn as sns

    units = list(dict.fromkeys(df["unit"].astype(str)))
    frames = list(dict.fromkeys(df["frame"].astype(str)))
    grid = df.assign(unit=df["unit"].astype(str), frame=df["frame"].astype(str)).pivot_table(
        index="unit", columns="frame", values="per_100_words", aggfunc="sum", dropna=False
    )
    grid = grid.reindex(index=units, columns=frames).astype(float)
    n_units = len(units)
    if n_units > max_units:
        totals = np.nan_to_num(grid.to_numpy(), nan=0.0).sum(axis=1)
        keep = np.sort(np.argsort(-totals, kind="stable")[:max_units])  # most salient, back in reading order
        grid = grid.iloc[keep]
        units = [units[i] for i in keep]
    if "label" in df.columns:
        labels = df.drop_duplicates("frame").set_index(df["frame"].drop_duplicates().astype(str))["label"]
        grid.columns = [str(labels.get(f, f)) for f in frames]
    fig, ax = _figure(max(6.0, 0.7 * len(frames) + 3), max(4.0, 0.34 * len(units) + 2))
    # zeros are left blank so that the cells with hits stand out
    text = grid.map(lambda v: "" if not np.isfinite(v) or v == 0 else f"{v:.1f}")
    sns.heatmap(
        grid,
        ax=ax,
        cmap="cividis",
        annot=text.to_numpy() if annotate and grid.size <= 1200 else False,
        fmt="",
        xticklabels=False,
        yticklabels=False,
        annot_kws={"fontsize": SMALLEST_FONT},
        linewidths=0.3,
        linecolor="white",
        cbar_kws={"label": "frame hits per 100 words"},
    )
    ax.set_xlabel("frame")
    ax.set_ylabel("unit")
    note = _shown_of(len(units), n_units, "the {shown} most salient of {total} units, in reading order")
    ax.set_title(_plain(title) + note)
    ax.set_yticks(np.arange(len(units)) + 0.5, _plain_all(units), rotation=0, fontsize=SMALL_FONT)
    ax.set_xticks(np.arange(len(frames)) + 0.5, _plain_all(grid.columns), rotation=45, ha="right", fontsize=SMALL_FONT)
    return fig


@projector_fonts
def voices_bar(voices: pd.DataFrame, title: str | None = None, max_speakers: int = 25):
    """Share of quoted words per speaker, as horizontal bars (largest first).

    ``voices`` is :func:`kit.quotes.voices`; an empty speaker is shown as "(unattributed)". A
    text with no quotes gets a figure that says so. Above ``max_speakers`` speakers the largest
    are shown and the title counts the rest and their share.
    """
    producer = "kit.quotes.voices(doc)"
    df = _require(voices, ["speaker", "share_of_quoted_words"], "voices_bar", producer)
    title = title or "Who gets to speak? Share of quoted words"
    if df.empty:
        return _empty_figure(
            title, "no quotes found in this text: nobody speaks in it", "share of all quoted words", "speaker"
        )
    speakers = [s if isinstance(s, str) and s else "(unattributed)" for s in df["speaker"]]
    shares = df["share_of_quoted_words"].to_numpy(float)
    ranked = sorted(range(len(speakers)), key=lambda i: (-shares[i], speakers[i]))
    order, rest = ranked[:max_speakers], ranked[max_speakers:]
    note = ""
    if rest:
        note = f"\n(the {len(order)} largest of {len(ranked):,} speakers; the other {len(rest):,} hold {np.nansum(shares[rest]):.0%})"
    fig, ax = _figure(8, max(2.5, 0.5 * len(order) + 1.5))
    colours = _palette(len(order))
    y = np.arange(len(order))
    ax.barh(y, shares[order], color=[colours[i] for i in range(len(order))])
    ax.set_yticks(y)
    ax.set_yticklabels(_plain_all(speakers[i] for i in order))
    ax.invert_yaxis()
    for yi, value in zip(y, shares[order], strict=True):
        ax.annotate(f"{value:.0%}", (value, yi), xytext=(3, 0), textcoords="offset points", va="center", fontsize=SMALL_FONT)
    ax.set_xlim(0, max(1.0, float(np.nanmax(shares)) * 1.1) if len(shares) else 1.0)
    ax.set_xlabel("share of all quoted words")
    ax.set_ylabel("speaker")
    ax.set_title(_plain(title) + note)
    return fig


_FAMILY_TITLES = {
    "size": "size",
    "sentiment": "mean sentence sentiment",
    "frames": "frame hits per 100 words",
    "voices": "sourcing",
}


def _family(measure: str) -> str:
    if measure.startswith("frame:"):
        return "frames"
    if "textblob" in measure or "vader" in measure:
        return "sentiment"
    if measure in ("n_sentences", "n_words"):
        return "size"
    return "voices"


@projector_fonts
def segment_comparison(comparison: pd.DataFrame, title: str | None = None):
    """The :func:`kit.compare.compare` table as grouped bars, one panel per measure family.

    Families: size, sentiment, frames, voices (from the table's ``family`` column, or from the
    measure names). Bars are grouped by measure, one colour per segment.
    """
    producer = "kit.compare.compare(doc, a, b)"
    df = _require(comparison, ["segment", "measure", "value"], "segment_comparison", producer)
    if df.empty:
        return _empty_figure(title or "Segments compared", "no measures to compare", "measure", "value")
    df = df.copy()
    if "family" not in df.columns:
        df["family"] = df["measure"].map(_family)
    families = list(dict.fromkeys(df["family"]))
    segments = list(dict.fromkeys(df["segment"]))
    colours = _palette(len(segments))
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(
        len(families), 1, figsize=(9, 2.9 * len(families) + 0.8), layout="constrained", squeeze=False
    )
    width = 0.8 / max(len(segments), 1)
    for ax, family in zip(axes[:, 0], families, strict=True):
        part = df[df["family"] == family]
        measures = list(dict.fromkeys(part["measure"]))
        x = np.arange(len(measures))
        for k, seg in enumerate(segments):
            values = part[part["segment"] == seg].set_index("measure")["value"].reindex(measures).to_numpy(float)
            bars = ax.bar(
                x + (k - (len(segments) - 1) / 2) * width, values, width=width, color=colours[k], label=_plain(seg)
            )
            ax.bar_label(bars, fmt="%.3g", fontsize=SMALLEST_FONT, padding=1)
        names = _plain_all(str(m).removeprefix("frame:").removeprefix("mean_") for m in measures)
        if len(measures) > 3:
            ax.set_xticks(x, names, rotation=30, ha="right", fontsize=SMALL_FONT)
        else:
            ax.set_xticks(x, names, fontsize=SMALL_FONT)
        ax.margins(y=0.15)
        ax.axhline(0, color="0.5", lw=0.8)
        ax.set_title(_plain(_FAMILY_TITLES.get(family, family)), fontsize=10, loc="left")
        ax.set_ylabel("value")
        ax.set_xlabel("measure")
    axes[0, 0].legend(title="segment", frameon=False, loc="best")
    fig.suptitle(_plain(title or f"Segments compared: {' vs '.join(map(str, segments))}"))
    return fig


# ------------------------------------------------------------------ highlighted text


def _colour(index: int, hex_colour: str | None = None) -> tuple[str, str]:
    hex_colour = hex_colour or OKABE_ITO[index % len(OKABE_ITO)]
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{_ALPHA})", _BORDERS[(index // len(OKABE_ITO)) % len(_BORDERS)]


def _clean_spans(doc: Document, spans: pd.DataFrame, label_col: str, detail_col: str | None) -> pd.DataFrame:
    columns = ["start", "end", label_col] + ([detail_col] if detail_col else [])
    df = _require(spans, columns, "highlight", "a table with start, end and a label column (e.g. kit.framing.code)")
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
    fixed = dict(colors or {})
    for label, value in fixed.items():
        if not (isinstance(value, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", value)):
            raise KitError("highlight", f"colour {value!r} for label {label!r} is not #RRGGBB", "use e.g. '#0072B2'")
    rows_of = (clean["label"].tolist(), clean["detail"].tolist())
    paragraphs = _paragraph_pieces(doc, clean, rows_of[0], _shown_paragraphs(doc, max_chars))
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
    styles = _label_styles(labels, fixed)

    out = [_STYLE, '<div class="kit-hl">']
    heading = title if title is not None else doc.title
    if heading:
        out.append(f"<h4>{html.escape(str(heading))}</h4>")
    out.append(_legend_html(labels, styles, counts))
    for p, pieces in paragraphs:
        parts = [
            _mark_html(doc, rows_of, piece, styles[piece[3]])
            if piece[3]
            else html.escape(doc.body[piece[0] : piece[1]])
            for piece in pieces
        ]
        out.append(
            f'<div class="kit-para"><span class="kit-pid">{html.escape(p.id)}</span><p>{"".join(parts)}</p></div>'
        )
    if len(paragraphs) < len(doc.paragraphs):
        out.append(_left_out_note(doc, clean, len(paragraphs)))
    out.append("</div>")
    return HTML("".join(out))


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


@projector_fonts
def paragraph_lengths(doc: Document, title: str | None = None, max_bars: int = 80):
    """Bar chart of words per paragraph, in reading order (the shape of the text).

    A text of more than ``max_bars`` paragraphs is shown in ``max_bars`` bins of consecutive
    paragraphs, each bar the mean words per paragraph of its bin, and the title says so.
    """
    ids = [p.id for p in doc.paragraphs]
    lengths = np.array([p.n_words for p in doc.paragraphs], dtype=float)
    title = title or f"Words per paragraph: {doc.slug}"
    if not ids:
        return _empty_figure(title, "the text has no paragraphs", "paragraph", "words")
    fig, ax = _figure(9.0, 3.2)
    if len(ids) <= max_bars:
        ax.bar(range(len(ids)), lengths, color=_palette(1)[0])
        ax.set_xticks(range(len(ids)), _plain_all(ids), rotation=90, fontsize=SMALL_FONT)
        ax.set_xlabel("paragraph")
        ax.set_ylabel("words")
        ax.set_title(_plain(title))
        return fig
    edges = np.linspace(0, len(ids), max_bars + 1).round().astype(int)
    means = [lengths[a:b].mean() for a, b in zip(edges[:-1], edges[1:], strict=True)]
    ax.bar(range(max_bars), means, width=1.0, color=_palette(1)[0], edgecolor="white", linewidth=0.3)
    ticks = list(range(0, max_bars, max(1, max_bars // 16)))
    ax.set_xticks(ticks, _plain_all(ids[edges[i]] for i in ticks), rotation=90, fontsize=SMALL_FONT)
    ax.set_xlabel(
        f"paragraphs in reading order, {max_bars} bins of about {len(ids) / max_bars:.0f} (ticks: first paragraph of a bin)"
    )
    ax.set_ylabel("mean words per paragraph")
    ax.set_title(_plain(title) + f"\n({len(ids):,} paragraphs in {max_bars} bins)")
    return fig


@projector_fonts
def word_bar(frequencies: pd.DataFrame, title: str | None = None):
    """Horizontal bar chart of :func:`kit.words.word_frequencies`, most frequent at the top."""
    table = _require(frequencies, ["word", "count"], "word_bar", "kit.words.word_frequencies")
    title = title or "Most frequent words"
    if table.empty:
        return _empty_figure(
            title, "no words to count (all are stopwords, numbers or too short)", "occurrences", "word"
        )
    fig, ax = _figure(7.0, 0.3 * len(table) + 1.2)
    ax.barh(range(len(table)), table["count"], color=_palette(1)[0])
    ax.set_yticks(range(len(table)), _plain_all(table["word"]))
    ax.invert_yaxis()
    ax.set_xlabel("occurrences")
    ax.set_ylabel("word")
    ax.set_title(_plain(title))
    return fig


# ------------------------------------------------------------------ tables


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
