"""The manual coding in texts/annotations/ checked against the op-ed Document.

The checking logic lives here, independent of the kit's own loaders: ``frame_problems`` and
``quote_problems`` read a file and return a list of plain-language problems (empty when the file
is sound). Each is run on the committed file, and on corrupted copies written to ``tmp_path`` to
show it catches each kind of damage.
"""

from __future__ import annotations

import contextlib
import csv
import importlib.util
import io
import re
from pathlib import Path

import pytest
import yaml

from kit import paths, pins
from tests.support.mfc import MFC_IDS

FRAMES_CSV = paths.annotations_dir() / "oped_frames.csv"
QUOTES_YML = paths.annotations_dir() / "oped_quotes.yml"
MAKE_OFFSETS = paths.annotations_dir() / "make_offsets.py"

MFC_FRAMES = frozenset(MFC_IDS)
FRAMES_HEADER = ["unit", "fingerprint", "primary", "secondary", "coder", "note"]
QUOTE_KINDS = frozenset({"direct", "indirect", "mixed"})
QUOTE_KEYS = ("id", "kind", "unit", "start", "end", "text", "speaker", "speaker_mention", "cue")
TERM_KEYS = ("unit", "start", "end", "text")
TOP_KEYS = ("text", "annotator", "procedure", "quotes", "terms")
OPENING_MARKS = "“\""
CLOSING_MARKS = "”\""
ANY_MARK = "“”\""


# ------------------------------------------------------------------ checkers


def frame_problems(path: Path, doc) -> list[str]:
    """Problems in a frames CSV: header, one row per paragraph in order, valid frame ids, filled fields."""
    problems: list[str] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header != FRAMES_HEADER:
            return [f"header is {header!r}, expected {FRAMES_HEADER!r}"]
        rows = list(reader)
    expected_units = [p.id for p in doc.paragraphs]
    units = [row[0] if row else "" for row in rows]
    for number, row in enumerate(rows, start=2):
        if len(row) != len(FRAMES_HEADER):
            problems.append(f"line {number}: {len(row)} fields, expected {len(FRAMES_HEADER)}")
            continue
        unit, fingerprint, primary, secondary, coder, note = row
        if unit not in expected_units:
            problems.append(f"line {number}: unit {unit!r} is not a paragraph of the text")
        elif fingerprint != pins.unit_fingerprint(doc, unit):
            problems.append(f"line {number}: fingerprint {fingerprint!r} is not that of {unit}'s words")
        if primary not in MFC_FRAMES:
            problems.append(f"line {number}: primary frame {primary!r} is not one of the 15 ids")
        extra = secondary.split(";") if secondary else []
        for frame in extra:
            if frame not in MFC_FRAMES:
                problems.append(f"line {number}: secondary frame {frame!r} is not one of the 15 ids")
        if primary in extra:
            problems.append(f"line {number}: primary frame {primary!r} repeated as secondary")
        if len(set(extra)) != len(extra):
            problems.append(f"line {number}: a secondary frame is listed twice")
        if not re.fullmatch(r"coder-\d+", coder):
            problems.append(f"line {number}: coder {coder!r} is not of the form coder-N")
        if not note.strip():
            problems.append(f"line {number}: empty note (give the reason for the coding)")
    for unit in sorted(set(expected_units) - set(units)):
        problems.append(f"paragraph {unit} is not coded")
    for unit in sorted({u for u in units if units.count(u) > 1}):
        problems.append(f"paragraph {unit} is coded {units.count(unit)} times")
    if not problems and units != expected_units:
        problems.append("rows are not in paragraph order")
    return problems


def _sentence_at(doc, offset: int):
    return next((s for s in doc.sentences if s.start <= offset < s.end), None)


def _paragraph_at(doc, offset: int):
    return next((p for p in doc.paragraphs if p.start <= offset < p.end), None)


def _span_problems(where: str, record: dict, keys: tuple[str, ...], doc) -> list[str]:
    """Shared checks of a quote or term record: keys, offsets, text, unit."""
    if set(record) != set(keys):
        return [f"{where}: keys {sorted(record)}, expected {sorted(keys)}"]
    start, end, text = record["start"], record["end"], record["text"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(doc.body)):
        return [f"{where}: offsets {start!r}..{end!r} are not a non-empty span of the body"]
    problems = []
    if doc.body[start:end] != text:
        problems.append(f"{where}: body[{start}:{end}] is {doc.body[start:end]!r}, not the recorded text {text!r}")
    sentence = _sentence_at(doc, start)
    if sentence is None or sentence.id != record["unit"]:
        problems.append(f"{where}: unit {record['unit']!r} is not the sentence where the span starts")
    paragraph = _paragraph_at(doc, start)
    if paragraph is None or end > paragraph.end:
        problems.append(f"{where}: span crosses a paragraph boundary")
    return problems


def _between_marks(doc, start: int, end: int) -> bool:
    return start > 0 and doc.body[start - 1] in OPENING_MARKS and end < len(doc.body) and doc.body[end] in CLOSING_MARKS


def quote_problems(path: Path, doc) -> list[str]:
    """Problems in a quotes YAML file: schema, offsets, kinds, ids, quotation marks, overlaps."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != set(TOP_KEYS):
        return [f"top-level keys must be {list(TOP_KEYS)}"]
    problems: list[str] = []
    if data["text"] != doc.slug:
        problems.append(f"text is {data['text']!r}, expected {doc.slug!r}")
    quotes, terms = data["quotes"] or [], data["terms"] or []
    good_quotes = []
    for position, quote in enumerate(quotes):
        where = f"quote {quote.get('id', position)!r}" if isinstance(quote, dict) else f"quote {position}"
        if not isinstance(quote, dict):
            problems.append(f"{where}: not a mapping")
            continue
        span = _span_problems(where, quote, QUOTE_KEYS, doc)
        problems += span
        if span and ("keys" in span[0] or "offsets" in span[0]):
            continue
        good_quotes.append(quote)
        if quote["kind"] not in QUOTE_KINDS:
            problems.append(f"{where}: kind {quote['kind']!r} is not one of {sorted(QUOTE_KINDS)}")
        if not isinstance(quote["speaker"], str) or not quote["speaker"].strip():
            problems.append(f"{where}: no speaker")
        inner = doc.body[quote["start"] : quote["end"]]
        if quote["kind"] == "direct":
            if not _between_marks(doc, quote["start"], quote["end"]):
                problems.append(f"{where}: a direct quote must lie exactly between quotation marks")
            if any(mark in inner for mark in ANY_MARK):
                problems.append(f"{where}: a direct quote must not contain a quotation mark")
        if quote["kind"] == "mixed" and not any(mark in inner for mark in OPENING_MARKS):
            problems.append(f"{where}: a mixed quote must contain a quoted fragment")
        paragraph = _paragraph_at(doc, quote["start"])
        mention, cue = quote["speaker_mention"], quote["cue"]
        if mention is None or cue is None:
            # continuation: only a direct quote, right after a paragraph quoting the same speaker
            previous = [
                q for q in quotes
                if isinstance(q, dict) and isinstance(q.get("start"), int) and paragraph is not None
                and (p := _paragraph_at(doc, q["start"])) is not None and p.index == paragraph.index - 1
            ]
            if not (mention is None and cue is None and quote["kind"] == "direct"
                    and any(q.get("speaker") == quote["speaker"] for q in previous)):
                problems.append(f"{where}: no mention or cue, but not a continuation of the previous paragraph's speaker")
        elif paragraph is not None:
            for label, surface in (("speaker_mention", mention), ("cue", cue)):
                if surface not in paragraph.text:
                    problems.append(f"{where}: {label} {surface!r} does not occur in {paragraph.id}")
    ids = [q.get("id") for q in quotes if isinstance(q, dict)]
    for quote_id in sorted({i for i in ids if ids.count(i) > 1}, key=str):
        problems.append(f"quote id {quote_id!r} is used {ids.count(quote_id)} times")
    for quote_id in ids:
        if not (isinstance(quote_id, str) and re.fullmatch(r"q\d{2,}", quote_id)):
            problems.append(f"quote id {quote_id!r} is not of the form q01")
    starts = [q["start"] for q in good_quotes]
    if starts != sorted(starts):
        problems.append("quotes are not in order of start offset")
    ordered = sorted(good_quotes, key=lambda q: q["start"])
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after["start"] < before["end"]:
            problems.append(f"quotes {before['id']!r} and {after['id']!r} overlap")
    for position, term in enumerate(terms):
        where = f"term {position} ({term.get('text')!r})" if isinstance(term, dict) else f"term {position}"
        if not isinstance(term, dict):
            problems.append(f"{where}: not a mapping")
            continue
        span = _span_problems(where, term, TERM_KEYS, doc)
        problems += span
        if span and ("keys" in span[0] or "offsets" in span[0]):
            continue
        if not _between_marks(doc, term["start"], term["end"]):
            problems.append(f"{where}: a quoted term must lie exactly between quotation marks")
        for quote in good_quotes:
            overlaps = term["start"] < quote["end"] and quote["start"] < term["end"]
            nested = quote["start"] <= term["start"] and term["end"] <= quote["end"]
            if overlaps and (quote["kind"] != "indirect" or not nested):
                problems.append(f"{where}: overlaps quote {quote['id']!r}")
    return problems


# ------------------------------------------------------------------ helpers for corrupted copies


def _frame_rows() -> list[list[str]]:
    with FRAMES_CSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return path


def _quote_data() -> dict:
    return yaml.safe_load(QUOTES_YML.read_text(encoding="utf-8"))


def _quote(data: dict, paragraph: str) -> dict:
    return next(q for q in data["quotes"] if q["unit"].startswith(paragraph + "."))


def _resync(quote: dict, doc) -> None:
    quote["text"] = doc.body[quote["start"] : quote["end"]]


# ------------------------------------------------------------------ frames


def test_frames_file_passes_the_checker(oped):
    assert frame_problems(FRAMES_CSV, oped) == []


def test_frames_file_codes_28_paragraphs_with_one_coder(oped):
    rows = _frame_rows()[1:]
    assert [r[0] for r in rows] == [f"p{i:02d}" for i in range(1, 29)] == [p.id for p in oped.paragraphs]
    assert {r[4] for r in rows} == {"coder-1"}


def _drop(unit):
    return lambda rows: [r for r in rows if r[0] != unit]


def _set(unit, column, value):
    index = FRAMES_HEADER.index(column)

    def change(rows):
        return [r[:index] + [value] + r[index + 1 :] if r[0] == unit else r for r in rows]

    return change


FRAME_CORRUPTIONS = [
    ("paragraph missing", _drop("p17"), "paragraph p17 is not coded"),
    ("paragraph twice", lambda rows: rows + [rows[5]], "paragraph p05 is coded 2 times"),
    ("misspelt primary", _set("p12", "primary", "security_and_defence"), "primary frame 'security_and_defence'"),
    ("label instead of id", _set("p11", "primary", "External regulation"), "is not one of the 15 ids"),
    ("empty primary", _set("p03", "primary", ""), "primary frame ''"),
    ("unknown secondary", _set("p02", "secondary", "capacity_and_resources;energy"), "secondary frame 'energy'"),
    ("comma-joined secondary", _set("p16", "secondary", "economic,political"), "secondary frame 'economic,political'"),
    ("primary repeated", _set("p09", "secondary", "security_and_defense"), "repeated as secondary"),
    ("secondary twice", _set("p26", "secondary", "morality;morality"), "listed twice"),
    ("paragraph that does not exist", _set("p28", "unit", "p29"), "unit 'p29' is not a paragraph"),
    ("sentence id as unit", _set("p04", "unit", "p04.s1"), "is not a paragraph"),
    ("bad coder", _set("p01", "coder", "kit"), "coder 'kit'"),
    ("empty note", _set("p20", "note", " "), "empty note"),
    ("short row", lambda rows: [r[:3] if r[0] == "p08" else r for r in rows], "3 fields, expected 6"),
    ("fingerprint of another paragraph", _set("p05", "fingerprint", "0bda39"), "is not that of p05's words"),
    ("rows out of order", lambda rows: [rows[0], rows[2], rows[1], *rows[3:]], "not in paragraph order"),
    ("wrong header", lambda rows: [["paragraph", *rows[0][1:]], *rows[1:]], "header is"),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in FRAME_CORRUPTIONS], ids=[c[0] for c in FRAME_CORRUPTIONS])
def test_frame_checker_catches_a_corrupted_copy(tmp_path, oped, change, expected):
    path = _write_rows(tmp_path / "oped_frames.csv", change(_frame_rows()))
    problems = frame_problems(path, oped)
    assert any(expected in p for p in problems), problems


def test_frame_checker_accepts_an_untouched_copy(tmp_path, oped):
    """Control for the corruption cases: rewriting the rows unchanged yields no problem."""
    path = _write_rows(tmp_path / "oped_frames.csv", _frame_rows())
    assert frame_problems(path, oped) == []


@pytest.mark.parametrize(
    ("unit", "frame"),
    [
        ("p03", "cultural_identity"),  # the rat-king prophecy: religion, culture, ridicule
        ("p12", "security_and_defense"),  # request for arms and drone technology
        ("p13", "security_and_defense"),  # drones in the Ukraine-Russia war
        ("p14", "security_and_defense"),  # drones for a battlefield leg-up
        ("p16", "security_and_defense"),  # licensed drone production
        ("p17", "security_and_defense"),  # resistance drones drop explosives
        ("p18", "security_and_defense"),  # junta drones strike back
        ("p25", "security_and_defense"),  # satellite-imagery centre and military intelligence
        ("p26", "security_and_defense"),  # Russian arms since the coup
        ("p11", "external_regulation_and_reputation"),  # isolation and Western sanctions
    ],
)
def test_frames_follow_the_written_conventions(unit, frame):
    """The README's stated conventions (rat king = culture; arms, drones, intel = security) hold in the file."""
    row = next(r for r in _frame_rows()[1:] if r[0] == unit)
    assert row[2] == frame, row


def test_rat_king_paragraph_is_not_coded_security():
    row = next(r for r in _frame_rows()[1:] if r[0] == "p03")
    assert "security_and_defense" not in [row[2], *row[3].split(";")]


# ------------------------------------------------------------------ quotes


def test_quotes_file_passes_the_checker(oped):
    assert quote_problems(QUOTES_YML, oped) == []


def test_quotes_file_header():
    data = _quote_data()
    assert (data["text"], data["annotator"], data["procedure"]) == ("oped", "coder-1", "texts/annotations/README.md")
    assert (paths.repo_root() / data["procedure"]).is_file()


def _paired_marks(body: str) -> list[tuple[int, int]]:
    """(start, end) of the content of each “...” pair in the body."""
    pairs, opened = [], None
    for match in re.finditer("[“”]", body):
        if match.group() == "“":
            assert opened is None, f"nested opening mark at {match.start()}"
            opened = match.end()
        else:
            assert opened is not None, f"closing mark without opening at {match.start()}"
            pairs.append((opened, match.start()))
            opened = None
    assert opened is None, "unbalanced quotation marks in the body"
    return pairs


def test_every_quotation_mark_pair_is_a_direct_quote_or_a_term(oped):
    """Completeness: each “...” pair in the body is coded exactly once, as a direct quote or as a term."""
    data = _quote_data()
    coded = [(q["start"], q["end"]) for q in data["quotes"] if q["kind"] == "direct"]
    coded += [(t["start"], t["end"]) for t in data["terms"]]
    assert sorted(coded) == _paired_marks(oped.body)


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [(p, "indirect") for p in ("p03", "p04", "p05", "p12", "p18", "p21", "p25")]
    + [(p, "direct") for p in ("p06", "p07", "p15", "p16", "p22", "p23")],
)
def test_paragraph_has_a_quote_of_kind(paragraph, kind):
    data = _quote_data()
    assert any(q["unit"].startswith(paragraph + ".") and q["kind"] == kind for q in data["quotes"])


@pytest.mark.parametrize("paragraph", ["p01", "p02", "p08", "p09", "p10", "p11", "p13", "p14", "p17", "p19", "p20",
                                       "p24", "p26", "p27", "p28"])
def test_paragraph_without_a_voice_has_no_quote(paragraph):
    """Negative cases: unattributed hedges ('reportedly controls', 'there are fears') and the author's own words."""
    assert not any(q["unit"].startswith(paragraph + ".") for q in _quote_data()["quotes"])


@pytest.mark.parametrize("paragraph", ["p06", "p16", "p23"])
def test_multi_sentence_quotation_is_one_record(oped, paragraph):
    quotes = [q for q in _quote_data()["quotes"] if q["unit"].startswith(paragraph + ".")]
    assert len(quotes) == 1
    sentences = [s for s in oped.sentences if quotes[0]["start"] < s.end and s.start < quotes[0]["end"]]
    assert len(sentences) >= 2


@pytest.mark.parametrize(
    ("paragraph", "speaker", "mention"),
    [
        ("p06", "Aung Thu Nyein", "he"),  # pronoun resolved to the named source of p05
        ("p16", "Zachary Abuza", "Abuza"),  # surname only, resolved to the full name of p15
        ("p23", "Jason Tower", None),  # continuation paragraph, no cue
        ("p04", "Vladimir Putin", "he"),
    ],
)
def test_speaker_resolution(paragraph, speaker, mention):
    quote = _quote(_quote_data(), paragraph)
    assert (quote["speaker"], quote["speaker_mention"]) == (speaker, mention)


def test_quotes_file_is_what_make_offsets_prints():
    """The committed YAML and the script recording the coder's decisions have not drifted apart."""
    spec = importlib.util.spec_from_file_location("make_offsets", MAKE_OFFSETS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        module.main()
    assert out.getvalue() == QUOTES_YML.read_text(encoding="utf-8")


def _shift(paragraph, delta_start, delta_end, resync=False):
    def change(data, doc):
        quote = _quote(data, paragraph)
        quote["start"] += delta_start
        quote["end"] += delta_end
        if resync:
            _resync(quote, doc)

    return change


def _set_field(paragraph, key, value):
    def change(data, doc):
        _quote(data, paragraph)[key] = value

    return change


def _term(index, **fields):
    def change(data, doc):
        data["terms"][index].update(fields)
        if "text" not in fields:
            data["terms"][index]["text"] = doc.body[data["terms"][index]["start"] : data["terms"][index]["end"]]

    return change


QUOTE_CORRUPTIONS = [
    ("offsets off by one", _shift("p15", 1, 1), "not the recorded text"),
    ("direct quote takes its marks", _shift("p22", -1, 1, resync=True), "exactly between quotation marks"),
    ("direct quote cut short", _shift("p07", 0, -20, resync=True), "exactly between quotation marks"),
    ("indirect marked direct", _set_field("p05", "kind", "direct"), "exactly between quotation marks"),
    ("unknown kind", _set_field("p12", "kind", "paraphrase"), "kind 'paraphrase'"),
    ("term as quote kind", _set_field("p04", "kind", "term"), "kind 'term'"),
    ("duplicate id", _set_field("p16", "id", "q01"), "used 2 times"),
    ("bad id", _set_field("p21", "id", "Q-11"), "not of the form q01"),
    ("wrong unit", _set_field("p25", "unit", "p25.s1"), "not the sentence where the span starts"),
    ("empty speaker", _set_field("p18", "speaker", " "), "no speaker"),
    ("mention not in paragraph", _set_field("p16", "speaker_mention", "Tower"), "speaker_mention 'Tower'"),
    ("cue not in paragraph", _set_field("p05", "cue", "claimed"), "cue 'claimed'"),
    ("continuation without a previous quote", _set_field("p15", "cue", None), "not a continuation"),
    ("continuation of another speaker", _set_field("p23", "speaker", "Zachary Abuza"), "not a continuation"),
    ("empty span", _shift("p04", 0, -130), "not a non-empty span"),
    ("span past the body", _shift("p25", 0, 10_000), "not a non-empty span"),
    ("missing key", lambda data, doc: _quote(data, "p06").pop("cue"), "keys"),
    ("quotes overlap", _shift("p03", 0, 30, resync=True), "overlap"),
    ("span across paragraphs", _shift("p05", 0, 4, resync=True), "crosses a paragraph boundary"),
    ("out of order", lambda data, doc: data["quotes"].reverse(), "not in order"),
    ("term overlapping a direct quote", _term(0, start=1434, end=1723, unit="p06.s1"), "overlaps quote"),
    ("term without its marks", _term(2, start=1084, end=1094), "exactly between quotation marks"),
    ("term text edited", _term(0, text="friendly ties"), "not the recorded text"),
    ("wrong text slug", lambda data, doc: data.update(text="other"), "text is 'other'"),
    ("extra top-level key", lambda data, doc: data.update(notes="x"), "top-level keys"),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in QUOTE_CORRUPTIONS], ids=[c[0] for c in QUOTE_CORRUPTIONS])
def test_quote_checker_catches_a_corrupted_copy(tmp_path, oped, change, expected):
    data = _quote_data()
    change(data, oped)
    path = tmp_path / "oped_quotes.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = quote_problems(path, oped)
    assert any(expected in p for p in problems), problems


def test_quote_checker_accepts_an_untouched_copy(tmp_path, oped):
    """Control for the corruption cases: a re-dumped, unchanged copy yields no problem."""
    path = tmp_path / "oped_quotes.yml"
    path.write_text(yaml.safe_dump(_quote_data(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert quote_problems(path, oped) == []


def test_term_nested_in_a_reported_statement_is_allowed_but_not_in_a_direct_quote(tmp_path, oped):
    """p03's “king” sits inside Min Aung Hlaing's reported tale; the same term inside a direct quote is an error."""
    data = _quote_data()
    tale = next(q for q in data["quotes"] if q["unit"] == "p03.s2")
    assert any(tale["start"] <= t["start"] and t["end"] <= tale["end"] for t in data["terms"])
    for quote in data["quotes"]:
        if quote["unit"] == "p03.s2":
            quote["kind"] = "direct"
    path = tmp_path / "oped_quotes.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert any("overlaps quote" in p for p in quote_problems(path, oped))
