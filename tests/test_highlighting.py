"""The highlighted-text views (kit/highlighting.py): pieces, escaping, legend, colours, long texts."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from kit import highlighting
from kit.errors import KitError
from kit.text import from_string
from tests.support.long_texts import long_doc

MARK_RE = re.compile(
    r'<mark data-start="(\d+)" data-end="(\d+)" data-labels="([^"]*)" title="([^"]*)" style="[^"]*">(.*?)</mark>',
    re.S,
)


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



def test_every_highlighted_piece_is_the_body_at_its_offsets(oped):
    from kit import framing

    hits = framing.code(oped, "mfc")
    view = highlighting.highlight(oped, hits, label_col="frame")
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
    pieces = marks(highlighting.highlight(doc, spans(*rows)))
    assert [(a, b, labels) for a, b, labels, _, _ in pieces] == expected
    for a, b, labels, tip, text in pieces:
        assert text == doc.body[a:b]
        assert all(label in tip for label in labels.split("; "))


def test_script_in_text_labels_and_title_is_escaped():
    evil = from_string("Before <script>alert('body')</script> after & more.")
    start = evil.body.index("<script>")
    view = highlighting.highlight(
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
    view = highlighting.highlight(doc, spans((20, 26, "security"), (0, 6, "security"), (54, 60, "culture")))
    legend = re.search(r'<div class="kit-legend"[^>]*>(.*?)</div>', view.data).group(1)
    entries = re.findall(r"<mark [^>]*>([^<]*)</mark> \((\d+)\)", legend)
    assert entries == [("security", "2"), ("culture", "1")]
    empty = highlighting.highlight(doc, spans())
    assert "no highlighted spans" in empty.data and "<mark data-start" not in empty.data


def test_paragraph_ids_in_the_margin_and_title(doc):
    view = highlighting.highlight(doc, spans((0, 6, "a")), title="My view")
    assert re.findall(r'<span class="kit-pid">(p\d+)</span>', view.data) == ["p01", "p02"]
    assert "<h4>My view</h4>" in view.data
    assert f"<h4>{doc.title}</h4>" in highlighting.highlight(doc, spans()).data


def test_colours_and_tooltips(doc):
    view = highlighting.highlight(doc, spans((0, 6, "a"), (20, 26, "b")), colors={"b": "#0072B2"})
    styles = dict(re.findall(r'data-labels="([^"]*)"[^>]*style="background-color:([^;]*);', view.data))
    assert styles["a"] == "rgba(230,159,0,0.45)"  # first free Okabe-Ito colour
    assert styles["b"] == "rgba(0,114,178,0.45)"
    table = pd.DataFrame({"start": [0], "end": [6], "frame": ["security"], "pattern": ["troop*"]})
    tip = marks(highlighting.highlight(doc, table, label_col="frame", detail_col="pattern"))[0][3]
    assert tip == "security: troop*"
    with pytest.raises(KitError, match="not #RRGGBB"):
        highlighting.highlight(doc, spans((0, 6, "a")), colors={"a": "red"})


def test_overlapping_labels_get_their_own_colour_and_legend_entry(doc):
    # a word scored by both lexicons must not look like a third, unexplained category
    view = highlighting.highlight(doc, spans((0, 10, "a"), (5, 15, "b"), (20, 26, "a")))
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
    first = highlighting.highlight(doc, spans(*rows)).data
    assert first == highlighting.highlight(doc, spans(*rows)).data
    assert first == highlighting.highlight(doc, spans(*reversed(rows))).data
    assert "0x" not in first  # no memory addresses or random ids


def test_highlight_does_not_mutate_its_input(doc):
    table = spans((5, 15, "b"), (0, 10, "a"))
    before = table.copy()
    highlighting.highlight(doc, table)
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
        highlighting.highlight(doc, table, label_col=label_col)


def test_wrappers_on_the_oped(oped):
    from kit import framing, quotes

    frames = highlighting.frames_html(oped)
    frame_ids = set(framing.code(oped, "mfc")["frame"])
    legend = re.search(r'<div class="kit-legend"[^>]*>(.*?)</div>', frames.data).group(1)
    shown = set(re.findall(r"<mark [^>]*>([^<]*)</mark>", legend))
    assert {frame for label in shown for frame in label.split(" &amp; ")} == frame_ids

    voices = highlighting.quotes_html(oped)
    speakers = {q.speaker for q in quotes.extract(oped)}
    assert {labels for _, _, labels, _, _ in marks(voices)} == speakers
    for start, end, _, _, text in marks(voices):
        assert oped.body[start:end] == text

    feeling = marks(highlighting.sentiment_html(oped))
    bizarre = [p for p in feeling if p[4] == "bizarre"]
    # the lesson's example: TextBlob rates "bizarre" positive, VADER negative
    assert bizarre and set(bizarre[0][2].split("; ")) == {"textblob +", "vader -"}


# ------------------------------------------------------------------ long texts stay bounded


def test_highlight_shows_the_first_paragraphs_and_counts_what_is_left_out():
    doc = long_doc(300)
    from kit import framing

    hits = framing.code(doc)
    full = highlighting.highlight(doc, hits, label_col="frame", max_chars=None)
    short = highlighting.highlight(doc, hits, label_col="frame", max_chars=2000)
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
    view = highlighting.highlight(doc, spans((0, 6, "w")), max_chars=3)
    assert view.data.count('class="kit-para"') == 1 and "Left out: 1 paragraph " in view.data


def test_sentiment_html_explains_only_the_paragraphs_shown():
    doc = long_doc(200)
    view = highlighting.sentiment_html(doc, max_chars=1500)
    assert "Left out" in view.data
    starts = [int(a) for a, *_ in MARK_RE.findall(view.data)]
    shown = [p for p in doc.paragraphs if p.end <= 1500]
    assert starts and max(starts) < shown[-1].end
    assert view.data.count(">good</mark>") == len(shown)  # one piece per paragraph shown, both lexicons in it


@pytest.mark.parametrize("kwargs", [{"colors": "#FF0000"}, {"colors": ["#FF0000"]}, {"max_chars": "100"}])
def test_bad_colours_or_length_get_the_kits_error(kwargs):
    doc = from_string("A short text.")
    spans = pd.DataFrame({"start": [0], "end": [1], "label": ["x"]})
    with pytest.raises(KitError):
        highlighting.highlight(doc, spans, **kwargs)
