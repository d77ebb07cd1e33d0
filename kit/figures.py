"""Figures: the kit's evidence drawn with seaborn and matplotlib.

Figures are seaborn/matplotlib ``Figure`` objects made through pyplot, so the notebook idiom
``kit.display.sentiment_arc(scores)`` followed by ``plt.show()`` works with the inline backend
(end the cell with ``plt.show()`` or assign the figure: a bare call as the last line of a cell
would display it twice).
Each has a title and labelled axes, uses the seaborn ``colorblind`` palette (the Okabe & Ito 2008
colours) or the ``cividis`` colour map (Nuñez et al. 2018), involves no randomness, and is never
shown here: the caller shows, saves or closes it (in a notebook, :func:`show`). Stored notebook
outputs should be PNG (nbval does not compare PNG; SVG embeds a date). Fonts are sized for a
projector (:data:`PROJECTOR_FONTS`).

Long texts stay readable and bounded: above a size a figure shows the top rows or bins and says
so in its title (paragraphs binned for the length chart, the most salient units in the heatmap,
the largest voices). Every label drawn on a figure is escaped for matplotlib's mathtext, so a name
such as ``$$`` or ``$\\alpha$`` prints as written.

Importable from :mod:`kit.display` too, with the highlighted-text views and the classroom tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from kit.display_checks import require_columns
from kit.text import Document

#: Above this many sentences the sentiment arc drops its markers (they would hide the lines).
MAX_MARKERS = 400
#: Above this many paragraphs the sentiment arc draws no line per paragraph start.
MAX_PARAGRAPH_LINES = 200


def _plain(text: Any) -> str:
    """``text`` as matplotlib should print it: dollar signs escaped, so nothing is read as mathtext."""
    return str(text).replace("$", r"\$")


def _plain_all(texts: Iterable[Any]) -> list[str]:
    return [_plain(t) for t in texts]


def empty_figure(title: str, message: str, xlabel: str, ylabel: str):
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
    df = require_columns(scores, ["unit", "paragraph_id", "textblob_polarity", "vader_compound"], "sentiment_arc", producer)
    title = title or "Sentiment arc: two lexicons, sentence by sentence"
    xlabel, ylabel = "sentence, in reading order (ticks: paragraph starts)", "score (-1 negative … +1 positive)"
    if df.empty:
        return empty_figure(title, "no scored sentences to plot", xlabel, ylabel)
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
    df = require_columns(scores, ["unit", "textblob_polarity", "vader_compound"], "lexicon_scatter", producer)
    title = title or "Do the lexicons agree? One dot per sentence"
    if df.empty:
        return empty_figure(title, "no scored units to plot", "TextBlob polarity", "VADER compound")
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
    df = require_columns(salience, ["unit", "frame", "per_100_words"], "frame_heatmap", producer)
    title = title or "Frame salience: hits per 100 words"
    if df.empty:
        return empty_figure(title, "no units to show", "frame", "unit")
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
    df = require_columns(voices, ["speaker", "share_of_quoted_words"], "voices_bar", producer)
    title = title or "Who gets to speak? Share of quoted words"
    if df.empty:
        return empty_figure(
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
    df = require_columns(comparison, ["segment", "measure", "value"], "segment_comparison", producer)
    if df.empty:
        return empty_figure(title or "Segments compared", "no measures to compare", "measure", "value")
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
        return empty_figure(title, "the text has no paragraphs", "paragraph", "words")
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
    table = require_columns(frequencies, ["word", "count"], "word_bar", "kit.words.word_frequencies")
    title = title or "Most frequent words"
    if table.empty:
        return empty_figure(
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
