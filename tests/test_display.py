"""Figures, the highlighted-text view and display tables (kit/display.py)."""

from __future__ import annotations

import html
import io
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
import seaborn as sns
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from kit import display
from kit.errors import KitError
from kit.text import from_string

MARK_RE = re.compile(
    r'<mark data-start="(\d+)" data-end="(\d+)" data-labels="([^"]*)" title="([^"]*)" style="[^"]*">(.*?)</mark>',
    re.S,
)
COLORBLIND = [to_hex(c) for c in sns.color_palette("colorblind")]


def marks(view):
    """(start, end, labels, tooltip, text) of every highlighted piece, unescaped."""
    return [
        (int(a), int(b), html.unescape(labels), html.unescape(tip), html.unescape(text))
        for a, b, labels, tip, text in MARK_RE.findall(view.data)
    ]


@pytest.fixture
def doc():
    return from_string("Troops moved north. Drones followed the troops.\n\nThe temple bell rang. Nobody spoke.")


def spans(*rows):
    return pd.DataFrame(rows, columns=["start", "end", "label"])


# ------------------------------------------------------------------ highlight


def test_every_highlighted_piece_is_the_body_at_its_offsets(oped):
    from kit import framing

    hits = framing.code(oped, "mfc")
    view = display.highlight(oped, hits, label_col="frame")
    pieces = marks(view)
    assert len(pieces) >= len(hits.drop_duplicates(["start", "end"])) > 0
    for start, end, _, _, text in pieces:
        assert oped.body[start:end] == text
    covered = {i for start, end, *_ in pieces for i in range(start, end)}
    wanted = {i for s, e in zip(hits["start"], hits["end"], strict=True) for i in range(s, e)}
    assert covered == wanted
    # the unhighlighted text is all there too: stripping the markup gives back every paragraph
    for p in oped.paragraphs:
        assert html.escape(p.text[:40]) in re.sub(r"<mark[^>]*>|</mark>", "", view.data)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # two overlapping spans -> three elementary pieces, the middle one carrying both labels
        ([(0, 10, "a"), (5, 15, "b")], [(0, 5, "a"), (5, 10, "a; b"), (10, 15, "b")]),
        # nested spans
        ([(0, 19, "outer"), (7, 12, "inner")], [(0, 7, "outer"), (7, 12, "outer; inner"), (12, 19, "outer")]),
        # the same span twice with two labels -> one piece, both labels
        ([(20, 26, "x"), (20, 26, "y")], [(20, 26, "x; y")]),
        # a span over a paragraph break is cut at the paragraph edges
        ([(40, 55, "z")], [(40, 47, "z"), (49, 55, "z")]),
        # rows without a span are skipped (e.g. rules of an explanation with no word)
        ([(-1, -1, "note"), (3, 3, "empty"), (0, 6, "w")], [(0, 6, "w")]),
        ([], []),
    ],
)
def test_overlaps_are_split_into_elementary_pieces(doc, rows, expected):
    pieces = marks(display.highlight(doc, spans(*rows)))
    assert [(a, b, labels) for a, b, labels, _, _ in pieces] == expected
    for a, b, labels, tip, text in pieces:
        assert text == doc.body[a:b]
        assert all(label in tip for label in labels.split("; "))


def test_script_in_text_labels_and_title_is_escaped():
    evil = from_string("Before <script>alert('body')</script> after & more.")
    start = evil.body.index("<script>")
    view = display.highlight(
        evil,
        spans((start, start + 8, "<script>alert('label')</script>"), (0, 6, 'say "hi"')),
        title="<script>alert('title')</script>",
        detail_col=None,
    )
    assert "<script>" not in view.data and "</script>" not in view.data
    assert "&lt;script&gt;</mark>alert(&#x27;body&#x27;)&lt;/script&gt;" in view.data
    assert "&lt;script&gt;alert(&#x27;label&#x27;)" in view.data
    assert "&lt;script&gt;alert(&#x27;title&#x27;)" in view.data
    assert "&amp; more" in view.data
    assert 'data-labels="say &quot;hi&quot;"' in view.data  # a quote cannot break out of an attribute
    pieces = marks(view)
    assert pieces[1][4] == "<script>" and pieces[1][2] == "<script>alert('label')</script>"


def test_legend_lists_labels_in_order_of_first_appearance_with_counts(doc):
    view = display.highlight(doc, spans((20, 26, "security"), (0, 6, "security"), (54, 60, "culture")))
    legend = re.search(r'<div class="kit-legend"[^>]*>(.*?)</div>', view.data).group(1)
    entries = re.findall(r"<mark [^>]*>([^<]*)</mark> \((\d+)\)", legend)
    assert entries == [("security", "2"), ("culture", "1")]
    empty = display.highlight(doc, spans())
    assert "no highlighted spans" in empty.data and "<mark data-start" not in empty.data


def test_paragraph_ids_in_the_margin_and_title(doc):
    view = display.highlight(doc, spans((0, 6, "a")), title="My view")
    assert re.findall(r'<span class="kit-pid">(p\d+)</span>', view.data) == ["p01", "p02"]
    assert "<h4>My view</h4>" in view.data
    assert f"<h4>{doc.title}</h4>" in display.highlight(doc, spans()).data


def test_colours_and_tooltips(doc):
    view = display.highlight(doc, spans((0, 6, "a"), (20, 26, "b")), colors={"b": "#0072B2"})
    styles = dict(re.findall(r'data-labels="([^"]*)"[^>]*style="background-color:([^;]*);', view.data))
    assert styles["a"] == "rgba(230,159,0,0.45)"  # first free Okabe-Ito colour
    assert styles["b"] == "rgba(0,114,178,0.45)"
    table = pd.DataFrame({"start": [0], "end": [6], "frame": ["security"], "pattern": ["troop*"]})
    tip = marks(display.highlight(doc, table, label_col="frame", detail_col="pattern"))[0][3]
    assert tip == "security: troop*"
    with pytest.raises(KitError, match="not #RRGGBB"):
        display.highlight(doc, spans((0, 6, "a")), colors={"a": "red"})


def test_overlapping_labels_get_their_own_colour_and_legend_entry(doc):
    # a word scored by both lexicons must not look like a third, unexplained category
    view = display.highlight(doc, spans((0, 10, "a"), (5, 15, "b"), (20, 26, "a")))
    legend = re.search(r'<div class="kit-legend"[^>]*>(.*?)</div>', view.data).group(1)
    entries = re.findall(r'<mark style="background-color:([^;]*);[^>]*>([^<]*)</mark> \((\d+)\)', legend)
    assert [(label, count) for _, label, count in entries] == [("a", "2"), ("a &amp; b", "1"), ("b", "1")]
    legend_colour = {label: colour for colour, label, _ in entries}
    assert len(set(legend_colour.values())) == 3
    used = dict(re.findall(r'data-labels="([^"]*)"[^>]*style="background-color:([^;]*);', view.data))
    assert used == {"a": legend_colour["a"], "a; b": legend_colour["a &amp; b"], "b": legend_colour["b"]}
    assert "gradient" not in view.data  # stripped by JupyterLab's sanitiser: solid colours only


def test_highlight_is_deterministic_and_order_independent(doc):
    rows = [(0, 10, "a"), (5, 15, "b"), (20, 26, "c"), (54, 60, "a")]
    first = display.highlight(doc, spans(*rows)).data
    assert first == display.highlight(doc, spans(*rows)).data
    assert first == display.highlight(doc, spans(*reversed(rows))).data
    assert "0x" not in first  # no memory addresses or random ids


def test_highlight_does_not_mutate_its_input(doc):
    table = spans((5, 15, "b"), (0, 10, "a"))
    before = table.copy()
    display.highlight(doc, table)
    pd.testing.assert_frame_equal(table, before)


@pytest.mark.parametrize(
    ("table", "label_col", "message"),
    [
        (pd.DataFrame({"start": [0], "label": ["a"]}), "label", "lacks column.*end"),
        (pd.DataFrame({"start": [0], "end": [5], "frame": ["a"]}), "label", "lacks column.*label"),
        (pd.DataFrame({"start": [0], "end": [999], "label": ["a"]}), "label", "runs past the end"),
        (pd.DataFrame({"start": ["x"], "end": [5], "label": ["a"]}), "label", "no numeric start/end"),
        ([(0, 5, "a")], "label", "expected a DataFrame"),
    ],
)
def test_highlight_bad_input(doc, table, label_col, message):
    with pytest.raises(KitError, match=message):
        display.highlight(doc, table, label_col=label_col)


def test_wrappers_on_the_oped(oped):
    from kit import framing, quotes

    frames = display.frames_html(oped)
    frame_ids = set(framing.code(oped, "mfc")["frame"])
    legend = re.search(r'<div class="kit-legend"[^>]*>(.*?)</div>', frames.data).group(1)
    shown = set(re.findall(r"<mark [^>]*>([^<]*)</mark>", legend))
    assert {frame for label in shown for frame in label.split(" &amp; ")} == frame_ids

    voices = display.quotes_html(oped)
    speakers = {q.speaker for q in quotes.extract(oped)}
    assert {labels for _, _, labels, _, _ in marks(voices)} == speakers
    for start, end, _, _, text in marks(voices):
        assert oped.body[start:end] == text

    feeling = marks(display.sentiment_html(oped))
    bizarre = [p for p in feeling if p[4] == "bizarre"]
    # the lesson's example: TextBlob rates "bizarre" positive, VADER negative
    assert bizarre and set(bizarre[0][2].split("; ")) == {"textblob +", "vader -"}


# ------------------------------------------------------------------ show_table


@pytest.mark.parametrize(
    ("values", "digits", "expected"),
    [
        ([0.123456, 2.5551], 2, [0.12, 2.56]),
        ([-0.0001, 0.004], 2, [0.0, 0.0]),
        ([1.23456], 3, [1.235]),
        ([float("nan"), 1.0], 1, [None, 1.0]),
    ],
)
def test_show_table_rounds_a_copy(values, digits, expected):
    df = pd.DataFrame({"x": values, "n": range(len(values)), "s": ["a"] * len(values)})
    original = df.copy()
    shown = display.show_table(df, digits=digits)
    got = [None if pd.isna(v) else v for v in shown["x"]]
    assert got == expected
    assert all(str(v) != "-0.0" for v in shown["x"])
    assert shown["n"].tolist() == list(range(len(values))) and shown["s"].tolist() == original["s"].tolist()
    pd.testing.assert_frame_equal(df, original)


def test_show_table_rejects_non_tables():
    with pytest.raises(KitError, match="expected a DataFrame"):
        display.show_table([1.234])


# ------------------------------------------------------------------ figures


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
    (display.sentiment_arc, toy_scores),
    (display.lexicon_scatter, toy_scores),
    (display.frame_heatmap, toy_salience),
    (display.voices_bar, toy_voices),
    (display.segment_comparison, toy_comparison),
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


@pytest.mark.parametrize(("function", "data"), FIGURES + [(display.word_bar, lambda: pd.DataFrame({"word": ["a"], "count": [1]}))], ids=lambda f: getattr(f, "__name__", ""))
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

    fig = display.voices_bar(quotes.voices(from_string("Nobody is quoted here. The weather was fine.")))
    assert "no quotes" in fig.axes[0].texts[0].get_text()
    plt.close(fig)


MATH_NAMES = ["$$", r"$\foo$", "costs $5 and $6", "a $b$ c", "\\$x"]


@pytest.mark.parametrize("name", MATH_NAMES)
def test_labels_with_dollar_signs_print_as_written(name):
    figures = [
        display.voices_bar(pd.DataFrame({"speaker": [name, "Bo"], "share_of_quoted_words": [0.6, 0.4]})),
        display.word_bar(pd.DataFrame({"word": [name], "count": [3]}), title=name),
        display.frame_heatmap(toy_salience().assign(label=name, unit=lambda d: d["unit"] + name)),
        display.segment_comparison(toy_comparison().replace({"a": name})),
        display.lexicon_scatter(toy_scores().assign(unit=name), title=name),
    ]
    for fig in figures:
        fig.savefig(io.BytesIO(), format="png", dpi=40)  # mathtext would raise here on "$\foo$"
        shown = [t.get_text() for ax in fig.axes for t in [*ax.get_yticklabels(), *ax.get_xticklabels(), *ax.texts, ax.title]]
        shown += [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
        assert any(name.replace("$", r"\$") in t for t in shown)
        assert all(t.count("$") == t.count(r"\$") for t in shown)  # no dollar left to open mathtext
        plt.close(fig)


def test_sentiment_arc_lines_palette_and_paragraph_marks():
    fig = display.sentiment_arc(toy_scores())
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
        fig = display.lexicon_scatter(toy_scores(), n_labels=n_labels)
        assert [t.get_text() for t in fig.axes[0].texts] == expected
        plt.close(fig)


def test_voices_bar_orders_speakers_and_names_the_unattributed():
    fig = display.voices_bar(toy_voices())
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Bo", "Ann", "(unattributed)"]
    assert [round(p.get_width(), 2) for p in ax.patches] == [0.7, 0.25, 0.05]
    plt.close(fig)


def test_segment_comparison_has_one_panel_per_family():
    fig = display.segment_comparison(toy_comparison())
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
    fig = display.frame_heatmap(toy_salience())
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
        display.sentiment_arc(scores),
        display.lexicon_scatter(scores),
        display.frame_heatmap(framing.salience(oped, "mfc")),
        display.voices_bar(quotes.voices(oped)),
        display.segment_comparison(compare.compare(oped, "rat_king", "security_claims")),
    ):
        assert isinstance(fig, Figure) and any(t.strip() for t in _titles_and_labels(fig))
        plt.close(fig)
    arc = display.sentiment_arc(scores)
    assert len([ln for ln in arc.axes[0].get_lines() if ln.get_linestyle() == ":"]) == len(oped.paragraphs) - 1
    plt.close(arc)


# ------------------------------------------------------------------ table_html


def test_table_html_keeps_text_whole_and_left_aligned():
    sentence = "A sentence much longer than the fifty characters pandas shows by default, with <b>markup</b>."
    df = pd.DataFrame({"unit": ["p01.s1", "p01.s2"], "text": [sentence, "Short."], "score": [0.5, -0.25]})
    page = display.table_html(df)
    cells = re.findall(r"<td([^>]*)>(.*?)</td>", page)
    assert [c for _, c in cells] == ["p01.s1", html.escape(sentence), "0.50", "p01.s2", "Short.", "-0.25"]
    styles = [style for style, _ in cells]
    assert ["text-align:left" in s for s in styles] == [True, True, False] * 2
    assert ["white-space:normal" in s for s in styles] == [False, True, False] * 2  # only long text wraps
    headers = re.findall(r"<th([^>]*)>(\w*)</th>", page.partition("<tbody>")[0])
    assert headers == [
        ("", ""),
        (' style="text-align:left"', "unit"),
        (' style="text-align:left"', "text"),
        ("", "score"),
    ]
    assert "<b>" not in page  # still escaped


def test_table_html_lets_long_headers_break_and_counts_columns_after_truncated_rows():
    wide = pd.DataFrame({f"frame_number_{i}": [i] for i in range(30)} | {"note": ["words " * 20]})
    page = display.table_html(wide)
    assert "frame_<wbr>number_<wbr>29" in page
    assert page.count("<th>frame_") == 30  # no column dropped for width
    assert page.count('style="text-align:left;white-space:normal') == 1  # only the long-text column
    long = pd.DataFrame({"n": range(500), "text": ["x"] * 500})
    with pd.option_context("display.max_rows", 10, "display.min_rows", 4):
        page = display.table_html(long)
    assert "500 rows" in page
    assert page.count('<td style="text-align:left">') == 5  # short text: four rows and the "..." row


def test_dataframes_in_ipython_use_the_classroom_view():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        assert display.use_classroom_tables()
        data, _ = shell.display_formatter.format(pd.DataFrame({"text": ["words " * 20]}))
        assert "text-align:left" in data["text/html"]
    finally:
        shell.display_formatter.formatters["text/html"].pop(pd.DataFrame, None)
        InteractiveShell.clear_instance()


# ------------------------------------------------------------------ long texts stay bounded


def long_doc(n_paragraphs=300):
    paragraphs = [f"Paragraph {i} says that drones flew, a good sign. " + "Word " * (i % 7 + 3) + "end." for i in range(n_paragraphs)]
    return from_string("\n\n".join(paragraphs), slug="long")


def test_paragraph_lengths_bins_a_long_text_and_says_so():
    doc = long_doc(300)
    fig = display.paragraph_lengths(doc, max_bars=50)
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    assert len(heights) == 50
    lengths = [p.n_words for p in doc.paragraphs]
    assert heights[0] == pytest.approx(sum(lengths[:6]) / 6)  # 300 paragraphs in bins of 6
    assert sum(h * 6 for h in heights) == pytest.approx(sum(lengths))
    assert "300 paragraphs in 50 bins" in ax.get_title()
    plt.close(fig)
    short = display.paragraph_lengths(long_doc(12))
    assert len(short.axes[0].patches) == 12 and "bins" not in short.axes[0].get_title()
    plt.close(short)


def test_frame_heatmap_keeps_the_most_salient_units_in_reading_order():
    rows = []
    for i in range(100):
        for frame in ("security", "culture"):
            rows.append({"unit": f"p{i:03d}", "frame": frame, "per_100_words": float(i % 10 == 3) + (frame == "culture") * (i == 50)})
    fig = display.frame_heatmap(pd.DataFrame(rows), max_units=11)
    ax = fig.axes[0]
    units = [t.get_text() for t in ax.get_yticklabels()]
    assert units == sorted(units) and len(units) == 11
    assert set(units) == {f"p{i:03d}" for i in range(100) if i % 10 == 3} | {"p050"}
    assert "the 11 most salient of 100 units" in ax.get_title()
    plt.close(fig)


def test_voices_bar_shows_the_largest_speakers_and_counts_the_rest():
    voices = pd.DataFrame({"speaker": [f"S{i:02d}" for i in range(30)], "share_of_quoted_words": [1 / 30] * 30})
    fig = display.voices_bar(voices, max_speakers=10)
    ax = fig.axes[0]
    assert len(ax.patches) == 10
    assert "the other 20 hold 67%" in ax.get_title()
    plt.close(fig)


def test_highlight_shows_the_first_paragraphs_and_counts_what_is_left_out():
    doc = long_doc(300)
    from kit import framing

    hits = framing.code(doc)
    full = display.highlight(doc, hits, label_col="frame", max_chars=None)
    short = display.highlight(doc, hits, label_col="frame", max_chars=2000)
    shown = [p for p in doc.paragraphs if p.end <= 2000]
    assert short.data.count('class="kit-para"') == len(shown) < len(doc.paragraphs)
    assert full.data.count('class="kit-para"') == len(doc.paragraphs) and "Left out" not in full.data
    left_out = [h for h in hits["start"] if h >= doc.paragraphs[len(shown)].start]
    assert f"Left out: {len(doc.paragraphs) - len(shown)} paragraphs" in short.data
    assert f"with {len(left_out)} highlighted spans" in short.data
    # what is shown is exactly the start of the full view
    assert short.data.split('<p class="kit-more"')[0] == full.data.split('<div class="kit-para"><span class="kit-pid">' + doc.paragraphs[len(shown)].id)[0]
    assert len(short.data) < len(full.data) / 5


def test_highlight_always_shows_at_least_one_paragraph(doc):
    view = display.highlight(doc, spans((0, 6, "w")), max_chars=3)
    assert view.data.count('class="kit-para"') == 1 and "Left out: 1 paragraph " in view.data


def test_sentiment_html_explains_only_the_paragraphs_shown():
    doc = long_doc(200)
    view = display.sentiment_html(doc, max_chars=1500)
    assert "Left out" in view.data
    starts = [int(a) for a, *_ in MARK_RE.findall(view.data)]
    shown = [p for p in doc.paragraphs if p.end <= 1500]
    assert starts and max(starts) < shown[-1].end
    assert view.data.count(">good</mark>") == len(shown)  # one piece per paragraph shown, both lexicons in it


def test_figures_use_projector_fonts_without_changing_the_session(oped):
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    from kit import sentiment

    before = mpl.rcParams["font.size"]
    fig = display.sentiment_arc(sentiment.score(oped))
    sizes = [t.get_fontsize() for ax in fig.axes for t in [*ax.get_xticklabels(), *ax.get_yticklabels()] if t.get_text()]
    assert sizes and min(sizes) >= display.SMALL_FONT
    assert fig.axes[0].xaxis.label.get_fontsize() >= display.PROJECTOR_FONTS["axes.labelsize"]
    plt.close(fig)
    assert mpl.rcParams["font.size"] == before  # the student's own figures keep their defaults
