"""Figures (kit/figures.py): titles and labels, determinism, empty tables, mathtext, long texts, fonts."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
import seaborn as sns
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from kit import figures
from kit.errors import KitError
from kit.text import from_string
from tests.support.long_texts import long_doc

COLORBLIND = [to_hex(c) for c in sns.color_palette("colorblind")]


def toy_scores():
    return pd.DataFrame(
        {
            "unit": ["p01.s1", "p01.s2", "p02.s1", "p03.s1", "p03.s2"],
            "paragraph_id": ["p01", "p01", "p02", "p03", "p03"],
            "textblob_polarity": [0.4, 0.0, -0.2, 0.1, 0.9],
            "vader_compound": [-0.6, 0.0, -0.2, 0.1, 0.85],
        }
    )


def toy_salience():
    rows = []
    for unit in ("p01", "p02"):
        for frame, label in (("security", "Security"), ("culture", "Culture")):
            rows.append({"unit": unit, "frame": frame, "label": label, "per_100_words": 5.0 if unit == "p01" else 0.0})
    return pd.DataFrame(rows)


def toy_voices():
    return pd.DataFrame({"speaker": ["Ann", "", "Bo"], "share_of_quoted_words": [0.25, 0.05, 0.7]})


def toy_comparison():
    rows = []
    for measure, family in (("n_words", "size"), ("mean_vader_compound", "sentiment"), ("frame:security", "frames")):
        for seg, value in (("a", 1.0), ("b", 2.0)):
            rows.append({"segment": seg, "measure": measure, "family": family, "value": value})
    return pd.DataFrame(rows)


FIGURES = [
    (figures.sentiment_arc, toy_scores),
    (figures.lexicon_scatter, toy_scores),
    (figures.frame_heatmap, toy_salience),
    (figures.voices_bar, toy_voices),
    (figures.segment_comparison, toy_comparison),
]


def _titles_and_labels(fig):
    titles = [fig._suptitle.get_text()] if fig._suptitle is not None else []
    titles += [ax.get_title() or ax.get_title(loc="left") for ax in fig.axes]
    return titles


@pytest.mark.parametrize(("function", "data"), FIGURES, ids=lambda f: getattr(f, "__name__", ""))
def test_each_figure_has_a_title_and_labelled_axes(function, data):
    fig = function(data())
    try:
        assert isinstance(fig, Figure)
        assert any(t.strip() for t in _titles_and_labels(fig))
        plotting_axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
        for ax in plotting_axes:
            assert ax.get_xlabel().strip() and ax.get_ylabel().strip()
    finally:
        plt.close(fig)


@pytest.mark.parametrize(("function", "data"), FIGURES, ids=lambda f: getattr(f, "__name__", ""))
def test_figures_are_deterministic_pngs(function, data):
    images = []
    for _ in range(2):
        fig = function(data())
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=40)
        plt.close(fig)
        images.append(buffer.getvalue())
    assert images[0] == images[1]


@pytest.mark.parametrize(("function", "data"), FIGURES, ids=lambda f: getattr(f, "__name__", ""))
def test_figures_reject_wrong_tables(function, data):
    with pytest.raises(KitError, match="lacks column"):
        function(pd.DataFrame({"nothing": [1]}))


@pytest.mark.parametrize(("function", "data"), FIGURES + [(figures.word_bar, lambda: pd.DataFrame({"word": ["a"], "count": [1]}))], ids=lambda f: getattr(f, "__name__", ""))
def test_an_empty_table_draws_a_figure_that_says_so(function, data):
    fig = function(data().iloc[0:0], title="Empty on purpose")
    try:
        texts = [t.get_text() for ax in fig.axes for t in ax.texts]
        assert len(texts) == 1 and texts[0].startswith("no ")
        assert fig.axes[0].get_title() == "Empty on purpose"
        assert fig.axes[0].get_xlabel() and fig.axes[0].get_ylabel()
        fig.savefig(io.BytesIO(), format="png", dpi=40)
    finally:
        plt.close(fig)


def test_voices_bar_of_a_text_without_quotes():
    from kit import quotes

    fig = figures.voices_bar(quotes.voices(from_string("Nobody is quoted here. The weather was fine.")))
    assert "no quotes" in fig.axes[0].texts[0].get_text()
    plt.close(fig)


MATH_NAMES = ["$$", r"$\foo$", "costs $5 and $6", "a $b$ c", "\\$x"]


@pytest.mark.parametrize("name", MATH_NAMES)
def test_labels_with_dollar_signs_print_as_written(name):
    drawn = [
        figures.voices_bar(pd.DataFrame({"speaker": [name, "Bo"], "share_of_quoted_words": [0.6, 0.4]})),
        figures.word_bar(pd.DataFrame({"word": [name], "count": [3]}), title=name),
        figures.frame_heatmap(toy_salience().assign(label=name, unit=lambda d: d["unit"] + name)),
        figures.segment_comparison(toy_comparison().replace({"a": name})),
        figures.lexicon_scatter(toy_scores().assign(unit=name), title=name),
    ]
    for fig in drawn:
        fig.savefig(io.BytesIO(), format="png", dpi=40)  # mathtext would raise here on "$\foo$"
        shown = [t.get_text() for ax in fig.axes for t in [*ax.get_yticklabels(), *ax.get_xticklabels(), *ax.texts, ax.title]]
        shown += [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
        assert any(name.replace("$", r"\$") in t for t in shown)
        assert all(t.count("$") == t.count(r"\$") for t in shown)  # no dollar left to open mathtext
        plt.close(fig)


def test_sentiment_arc_lines_palette_and_paragraph_marks():
    fig = figures.sentiment_arc(toy_scores())
    ax = fig.axes[0]
    lines = [ln for ln in ax.get_lines() if ln.get_label() in ("TextBlob polarity", "VADER compound")]
    assert [to_hex(ln.get_color()) for ln in lines] == COLORBLIND[:2]
    assert list(lines[1].get_ydata()) == [-0.6, 0.0, -0.2, 0.1, 0.85]
    vertical = [ln for ln in ax.get_lines() if ln.get_linestyle() == ":"]
    assert sorted(ln.get_xdata()[0] for ln in vertical) == [1.5, 2.5]  # before p02 and p03
    assert [t.get_text() for t in ax.get_xticklabels()] == ["p01", "p02", "p03"]
    plt.close(fig)


def test_lexicon_scatter_labels_the_largest_disagreements():
    # |TextBlob - VADER|: p01.s1 1.0, p03.s2 0.05, the other three 0 (a tie broken by unit id)
    for n_labels, expected in ((2, ["p01.s1", "p03.s2"]), (4, ["p01.s1", "p03.s2", "p01.s2", "p02.s1"]), (0, [])):
        fig = figures.lexicon_scatter(toy_scores(), n_labels=n_labels)
        assert [t.get_text() for t in fig.axes[0].texts] == expected
        plt.close(fig)


def test_voices_bar_orders_speakers_and_names_the_unattributed():
    fig = figures.voices_bar(toy_voices())
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Bo", "Ann", "(unattributed)"]
    assert [round(p.get_width(), 2) for p in ax.patches] == [0.7, 0.25, 0.05]
    plt.close(fig)


def test_segment_comparison_has_one_panel_per_family():
    fig = figures.segment_comparison(toy_comparison())
    assert [ax.get_title(loc="left") for ax in fig.axes] == [
        "size",
        "mean sentence sentiment",
        "frame hits per 100 words",
    ]
    assert "a vs b" in fig._suptitle.get_text()
    heights = sorted(round(p.get_height(), 2) for p in fig.axes[0].patches)
    assert heights == [1.0, 2.0]
    plt.close(fig)


def test_frame_heatmap_grid_and_labels():
    fig = figures.frame_heatmap(toy_salience())
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["p01", "p02"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Security", "Culture"]
    annotations = [t.get_text() for t in ax.texts]
    assert annotations.count("5.0") == 2 and "0.0" not in annotations  # zeros left blank
    plt.close(fig)


def test_figures_on_the_oped(oped):
    from kit import compare, framing, quotes, sentiment

    scores = sentiment.score(oped)
    for fig in (
        figures.sentiment_arc(scores),
        figures.lexicon_scatter(scores),
        figures.frame_heatmap(framing.salience(oped, "mfc")),
        figures.voices_bar(quotes.voices(oped)),
        figures.segment_comparison(compare.compare(oped, "rat_king", "security_claims")),
    ):
        assert isinstance(fig, Figure) and any(t.strip() for t in _titles_and_labels(fig))
        plt.close(fig)
    arc = figures.sentiment_arc(scores)
    assert len([ln for ln in arc.axes[0].get_lines() if ln.get_linestyle() == ":"]) == len(oped.paragraphs) - 1
    plt.close(arc)


# ------------------------------------------------------------------ long texts stay bounded


def test_paragraph_lengths_bins_a_long_text_and_says_so():
    doc = long_doc(300)
    fig = figures.paragraph_lengths(doc, max_bars=50)
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    assert len(heights) == 50
    lengths = [p.n_words for p in doc.paragraphs]
    assert heights[0] == pytest.approx(sum(lengths[:6]) / 6)  # 300 paragraphs in bins of 6
    assert sum(h * 6 for h in heights) == pytest.approx(sum(lengths))
    assert "300 paragraphs in 50 bins" in ax.get_title()
    plt.close(fig)
    short = figures.paragraph_lengths(long_doc(12))
    assert len(short.axes[0].patches) == 12 and "bins" not in short.axes[0].get_title()
    plt.close(short)


def test_frame_heatmap_keeps_the_most_salient_units_in_reading_order():
    rows = []
    for i in range(100):
        for frame in ("security", "culture"):
            rows.append({"unit": f"p{i:03d}", "frame": frame, "per_100_words": float(i % 10 == 3) + (frame == "culture") * (i == 50)})
    fig = figures.frame_heatmap(pd.DataFrame(rows), max_units=11)
    ax = fig.axes[0]
    units = [t.get_text() for t in ax.get_yticklabels()]
    assert units == sorted(units) and len(units) == 11
    assert set(units) == {f"p{i:03d}" for i in range(100) if i % 10 == 3} | {"p050"}
    assert "the 11 most salient of 100 units" in ax.get_title()
    plt.close(fig)


def test_voices_bar_shows_the_largest_speakers_and_counts_the_rest():
    voices = pd.DataFrame({"speaker": [f"S{i:02d}" for i in range(30)], "share_of_quoted_words": [1 / 30] * 30})
    fig = figures.voices_bar(voices, max_speakers=10)
    ax = fig.axes[0]
    assert len(ax.patches) == 10
    assert "the other 20 hold 67%" in ax.get_title()
    plt.close(fig)


def test_figures_use_projector_fonts_without_changing_the_session(oped):
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    from kit import sentiment

    before = mpl.rcParams["font.size"]
    fig = figures.sentiment_arc(sentiment.score(oped))
    sizes = [t.get_fontsize() for ax in fig.axes for t in [*ax.get_xticklabels(), *ax.get_yticklabels()] if t.get_text()]
    assert sizes and min(sizes) >= figures.SMALL_FONT
    assert fig.axes[0].xaxis.label.get_fontsize() >= figures.PROJECTOR_FONTS["axes.labelsize"]
    plt.close(fig)
    assert mpl.rcParams["font.size"] == before  # the student's own figures keep their defaults
