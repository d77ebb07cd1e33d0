"""Corpus figures: frame profiles across texts, one text against the rest, sourcing side by side.

Same conventions as :mod:`kit.display` (seaborn, the ``cividis`` map and the colourblind palette, no
randomness, the caller shows or saves the figure: in a notebook, :func:`kit.display.show`); fonts are
larger, for a projector.

The heatmap groups texts instead of clustering them with a dendrogram (seaborn's ``clustermap``
needs SciPy, which the kit does not install): each text joins the group of its dominant frame, groups
follow the frames' overall weight in the corpus, and within a group texts follow their share of that
frame. A block of one colour down a column is a group of texts framed alike.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit.corpus.contrast import share_matrix
from kit.errors import KitError
from kit.figures import empty_figure

FONT = 12
HIGHLIGHT = "#D55E00"  # Okabe & Ito vermillion: the text held against the rest


def _figure(width: float, height: float):
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(width, height), layout="constrained")


def grouped_order(shares: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Texts grouped by dominant frame, and frames by mean share (largest first); ties keep table order."""
    frame_order = list(shares.mean(axis=0).sort_values(ascending=False, kind="stable").index)
    filled = shares[frame_order].fillna(0.0)
    rank = {f: i for i, f in enumerate(frame_order)}
    dominant = filled.idxmax(axis=1)
    coded = filled.sum(axis=1) > 0
    key = pd.DataFrame(
        {
            "coded": ~coded,
            "group": dominant.map(rank),
            "share": [-filled.at[t, dominant[t]] for t in filled.index],
        },
        index=filled.index,
    )
    texts = list(key.sort_values(["coded", "group", "share"], kind="stable").index)
    return texts, frame_order


def frame_profile_heatmap(profiles: pd.DataFrame, highlight: str | None = None, title: str | None = None):
    """Texts (rows) x frames (columns): each text's share of its frame hits, grouped by dominant frame.

    ``profiles`` is :func:`kit.corpus.frame_profiles`. Cells show percentages; an empty row is a text
    with no frame hits. ``highlight`` (a slug) is marked in the row labels.
    """
    if profiles.empty:
        raise KitError("frame_profile_heatmap", "the table has no rows", "pass kit.corpus.frame_profiles(corpus)")
    import seaborn as sns

    shares = share_matrix(profiles)
    texts, frames = grouped_order(shares)
    grid = shares.loc[texts, frames] * 100
    labels = profiles.drop_duplicates("frame").set_index("frame")["label"]
    fig, ax = _figure(max(8.0, 0.75 * len(frames) + 4), max(4.5, 0.42 * len(texts) + 2.5))
    text = grid.map(lambda v: "" if not np.isfinite(v) or v < 0.5 else f"{v:.0f}")
    sns.heatmap(
        grid,
        ax=ax,
        cmap="cividis",
        vmin=0,
        vmax=100,
        annot=text.to_numpy() if grid.size <= 1500 else False,
        fmt="",
        annot_kws={"fontsize": FONT - 2},
        linewidths=0.4,
        linecolor="white",
        cbar_kws={"label": "share of the text's frame hits (%)"},
    )
    ax.set_xticks(np.arange(len(frames)) + 0.5, [labels[f] for f in frames], rotation=40, ha="right", fontsize=FONT)
    ax.set_yticks(np.arange(len(texts)) + 0.5, texts, rotation=0, fontsize=FONT)
    for tick in ax.get_yticklabels():
        if tick.get_text() == highlight:
            tick.set_color(HIGHLIGHT)
            tick.set_fontweight("bold")
    ax.set_xlabel("frame (most used in the corpus first)", fontsize=FONT)
    ax.set_ylabel("text (grouped by dominant frame)", fontsize=FONT)
    ax.set_title(title or "Frame profiles across the corpus", fontsize=FONT + 2)
    return fig


def contrast_plot(profiles: pd.DataFrame, contrast: pd.DataFrame, text: str, title: str | None = None):
    """Each frame's share in ``text`` (large dot) against every other text (small dots).

    ``contrast`` is :func:`kit.corpus.contrast.hold_against` for ``text``; frames are sorted by the
    difference, so the over-used frames are on top. Dots are jittered by a fixed rule, not at random.
    """
    if contrast.empty:
        reason = contrast.attrs.get("reason", "no frames to compare")
        return empty_figure(title or f"{text} against the corpus", reason, "share of frame hits (%)", "frame")
    shares = share_matrix(profiles).dropna(how="any")
    order = contrast.sort_values("difference", ascending=False, kind="stable")
    fig, ax = _figure(11.5, max(4.5, 0.45 * len(order) + 1.5))
    others = shares.drop(index=text)
    offsets = np.linspace(-0.25, 0.25, len(others)) if len(others) > 1 else np.zeros(1)
    for y, frame in enumerate(order["frame"]):
        ax.scatter(
            others[frame] * 100, y + offsets, s=18, color="#56B4E9", alpha=0.8, label="other texts" if y == 0 else None
        )
        ax.scatter(shares.at[text, frame] * 100, y, s=120, color=HIGHLIGHT, zorder=3, label=text if y == 0 else None)
    ax.set_yticks(
        range(len(order)),
        [f"{lab}  (p = {p:.2f})" for lab, p in zip(order["label"], order["p_value"], strict=True)],
        fontsize=FONT - 1,
    )
    ax.invert_yaxis()
    ax.set_xlabel("share of the text's frame hits (%)", fontsize=FONT)
    ax.tick_params(axis="x", labelsize=FONT - 1)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=FONT - 1)
    n = int(order["n_texts"].iloc[0])
    ax.set_title(
        title
        or f"'{text}' against the other {n - 1} texts\n(exact permutation test; smallest possible p = {1 / n:.2f})",
        fontsize=FONT + 1,
    )
    return fig


def sourcing_plot(sourcing: pd.DataFrame, highlight: str | None = None, title: str | None = None):
    """Per text: the share of its words inside quotes, and the share of its speakers who are officials.

    ``sourcing`` is :func:`kit.corpus.sourcing_summaries`. Texts keep the table's order; a text with no
    named speaker has no bar on the right (no share to show), and its count of speakers is printed.
    """
    if sourcing.empty:
        raise KitError("sourcing_plot", "the table has no rows", "pass kit.corpus.sourcing_summaries(corpus)")
    import matplotlib.pyplot as plt

    texts = list(sourcing["text"])
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(12, max(4.5, 0.42 * len(texts) + 2)), sharey=True, layout="constrained"
    )
    colours = [HIGHLIGHT if t == highlight else "#0072B2" for t in texts]
    y = np.arange(len(texts))
    left.barh(y, sourcing["share_quoted_words"] * 100, color=colours)
    left.set_xlabel("words inside quotation marks (%)", fontsize=FONT)
    right.barh(y, sourcing["share_officials"].fillna(0) * 100, color=colours)
    for yi, (n, share) in enumerate(zip(sourcing["speakers"], sourcing["share_officials"], strict=True)):
        note = f"{n} speaker{'s' if n != 1 else ''}" if np.isfinite(share) else "no named speaker"
        right.text(102, yi, note, va="center", fontsize=FONT - 2)
    right.set_xlim(0, 150)
    right.set_xlabel("named speakers who are officials (%)", fontsize=FONT)
    left.set_yticks(y, texts, fontsize=FONT)
    left.invert_yaxis()
    for ax in (left, right):
        ax.tick_params(axis="x", labelsize=FONT - 1)
        ax.grid(axis="x", alpha=0.3)
    fig.suptitle(title or "Sourcing: how much is quoted, and who is quoted", fontsize=FONT + 2)
    return fig
