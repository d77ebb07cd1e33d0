"""Frame coding with evidence, salience, dominant frames, profiles, to_generic, kit coding against the human reference (kit/framing.py)."""

from __future__ import annotations

import math
import re
import textwrap

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit import paths
from kit.agreement import agreement_table, cohen_kappa, confusion, krippendorff_alpha
from kit.errors import CodebookError, KitError, TextError
from kit.framing import (
    DOMINANT_COLUMNS,
    HIT_COLUMNS,
    PROFILE_COLUMNS,
    SALIENCE_COLUMNS,
    TIE_BREAK_RULE,
    clear_codebook_cache,
    code,
    dominant_frames,
    frame_profile,
    kit_coding,
    load_codebook,
    load_human_frames,
    reference_comparison,
    salience,
    to_generic,
)
from kit.text import WORD_RE, from_string, load_text

# ------------------------------------------------------------------ pattern semantics on a toy codebook

TOY = textwrap.dedent(
    """\
    name: toy
    version: "1"
    description: Toy codebook for the matching rules.
    source: Written for the tests.
    citation: None (test data).
    licence: MIT
    frames:
      - id: arms
        label: Arms
        description: Weapons.
        patterns: [drone*, fighter jet*, arms, arms deal*, military]
        exclude: [open arms]
      - id: air
        label: Air
        description: Things that fly.
        patterns: [jet*, drone strike*]
    """
)


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    path = tmp_path_factory.mktemp("cb") / "toy.yml"
    path.write_text(TOY, encoding="utf-8")
    return load_codebook(path)


CASES = [
    # (text, expected [(frame, matched)] in output order)
    ("Drones and drone-makers.", [("arms", "Drones"), ("arms", "drone-makers")]),
    ("The fighter jets flew.", [("arms", "fighter jets"), ("air", "jets")]),
    ("FIGHTER JETS", [("arms", "FIGHTER JETS"), ("air", "JETS")]),
    ("A fighter, jets.", [("air", "jets")]),  # a phrase does not cross punctuation
    ("A fighter\n\njets.", [("air", "jets")]),  # nor a paragraph break
    ("The arms deal was signed.", [("arms", "arms deal")]),  # longest match wins, token counted once
    ("They sold arms.", [("arms", "arms")]),
    ("They welcomed him with open arms.", []),  # exclude pattern removes the hit
    ("Open arms, and arms for the army.", [("arms", "arms")]),  # only the overlapping hit is excluded
    ("The military’s budget", [("arms", "military’s")]),  # possessive of a whole word
    ("The military's budget", [("arms", "military's")]),
    ("He acted militarily.", []),  # a whole word is not a prefix
    ("Anti-drone guns and redrones.", []),  # globs match from the start of a token only
    ("A 2,000-drone fleet.", [("arms", "drone")]),  # the tokenizer ends a number at the hyphen
    ("In 2025.Drones flew.", [("arms", "Drones")]),  # a missing space after a year
    ("A drone strike hit.", [("air", "drone strike"), ("arms", "drone")]),  # frames are independent
    ("Jetlag and jetty.", [("air", "Jetlag"), ("air", "jetty")]),  # an over-broad stem matches anything
    ("Nothing to see here.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_pattern_rules(toy, text, expected):
    doc = from_string(text)
    hits = code(doc, toy)
    assert list(zip(hits["frame"], hits["matched"], strict=True)) == expected
    for row in hits.itertuples():
        assert doc.body[row.start : row.end] == row.matched


def test_hits_table_columns_and_units(toy):
    doc = from_string("Intro. The arms went by jet.\n\nA drone.")
    hits = code(doc, toy)
    assert list(hits.columns) == HIT_COLUMNS
    assert hits["unit"].tolist() == ["p01.s2", "p01.s2", "p02.s1"]
    assert hits["paragraph_id"].tolist() == ["p01", "p01", "p02"]
    assert hits["pattern"].tolist() == ["arms", "jet*", "drone*"]
    assert hits["label"].tolist() == ["Arms", "Air", "Arms"]


def test_hits_sorted_by_start_then_frame_id(toy):
    hits = code(from_string("Drone strikes and jets."), toy)
    assert list(zip(hits["start"], hits["frame"], hits["matched"], strict=True)) == [
        (0, "air", "Drone strikes"),
        (0, "arms", "Drone"),
        (18, "air", "jets"),
    ]


# ------------------------------------------------------------------ the shipped mfc codebook on words


@pytest.mark.parametrize(
    ("text", "frame", "expected"),
    [
        ("Troops fired missiles.", "security_and_defense", ["Troops", "missiles"]),
        ("A couple used a coupon.", "political", []),  # coup, coups: not coup*
        ("It is important.", "economic", []),  # import, imports: not import*
        ("The defendant appeared.", "security_and_defense", []),  # defend...: not defen*
        ("The policy failed.", "crime_and_punishment", []),  # police: not polic*
        ("He secured an agreement.", "security_and_defense", []),  # security: not secur*
        ("A heart attack.", "security_and_defense", []),  # excluded
        ("A think tank said so.", "security_and_defense", []),  # excluded
        ("The Security Council met.", "security_and_defense", []),  # excluded here ...
        ("The Security Council met.", "external_regulation_and_reputation", ["Security Council"]),  # ... counted here
        ("Ethnic armed groups fought.", "cultural_identity", []),  # an armed actor, not identity
        ("Ethnic minorities celebrated.", "cultural_identity", ["Ethnic"]),
        ("He told a Buddhist prophecy.", "cultural_identity", ["Buddhist", "prophecy"]),
        ("He told a Buddhist prophecy.", "morality", []),  # religion as belief is not morality
        ("They signed an MOU’s annex.", "external_regulation_and_reputation", ["MOU’s"]),
        ("The economist was sentenced.", "economic", []),  # a profession, not the economy
        ("The economy shrank.", "economic", ["economy"]),
        ("An utter lack of judicial independence.", "capacity_and_resources", []),  # "lack of" alone: any lack
        ("A lack of resources slowed the work.", "capacity_and_resources", ["lack of resources"]),
        ("It rejected the claim that it is a nuclear power.", "capacity_and_resources", []),  # a state, not energy
        ("Nuclear power keeps the lights on.", "capacity_and_resources", ["Nuclear power"]),
        ("He was jailed for inciting violence.", "crime_and_punishment", ["jailed", "inciting"]),
    ],
)
def test_mfc_patterns_on_words(text, frame, expected):
    hits = code(from_string(text))
    assert hits.loc[hits["frame"] == frame, "matched"].tolist() == expected


# ------------------------------------------------------------------ property: same as a naive reference

_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:[’'\-]\w+)*")


def _reference_hits(body: str, cb) -> set[tuple[int, int, str]]:
    """Brute force over tokens, pattern by pattern: slow, simple, independent of the compiled regex."""
    tokens = [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in _TOKEN.finditer(body)]

    def word_ok(word: str, tok: str) -> bool:
        if word.endswith("*"):
            return tok.startswith(word[:-1])
        return tok in (word, word + "'s")

    def matches(pattern: str):
        words = pattern.split()
        for i in range(len(tokens)):
            ok = True
            for k, w in enumerate(words):
                j = i + k
                if j >= len(tokens) or not word_ok(w, tokens[j][0]):
                    ok = False
                    break
                if k and not re.fullmatch(r"[ \t]+", body[tokens[j - 1][2] : tokens[j][1]]):
                    ok = False
                    break
            if ok:
                yield i, tokens[i][1], tokens[i + len(words) - 1][2], pattern

    out = set()
    for f in cb.frames:
        excluded = [(s, e) for p in f.exclude for _, s, e, _ in matches(p)]
        found = [
            (i, s, e, p)
            for p in f.patterns
            for i, s, e, p in matches(p)
            if not any(s < xe and xs < e for xs, xe in excluded)
        ]
        order = {p: n for n, p in enumerate(f.patterns)}
        found.sort(key=lambda h: (h[1], -(h[2] - h[1]), h[3].endswith("*"), -len(h[3].replace("*", "")), order[h[3]]))
        last = -1
        for _, s, e, _ in found:
            if s >= last:
                out.add((s, e, f.id))
                last = e
    return out


VOCAB = [
    "military", "Military’s", "militarily", "arms", "deal", "open", "fighter", "jets", "jet", "drone", "Drones",
    "drone-makers", "anti-drone", "coup", "couple", "important", "imports", "ethnic", "armed", "groups",
    "Buddha", "prophecy", "security", "council", "Security", "heart", "attack", "oil", "and", "gas", "the",
    "trade", "war", "crimes", "civilian", "government", "human", "rights", "2,000", "3.5", "rat", "king", "1999", "a1",
]
SEPS = [" ", " ", " ", ", ", ". ", "-", "’", "\n\n", " “", "” ", ".", ","]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(VOCAB), st.sampled_from(SEPS)), min_size=1, max_size=40))
def test_code_agrees_with_a_naive_reference_implementation(parts):
    text = "".join(w + s for w, s in parts).strip(" ,.-’“”\n") or "x"
    doc = from_string(text)
    cb = load_codebook("mfc")
    hits = code(doc, cb)
    got = set(zip(hits["start"], hits["end"], hits["frame"], strict=True))
    assert got == _reference_hits(doc.body, cb)
    for row in hits.itertuples():
        assert doc.body[row.start : row.end] == row.matched


# ------------------------------------------------------------------ the op-ed (required behaviour)


def test_every_oped_hit_is_the_text_at_its_offsets(oped):
    hits = code(oped)
    assert len(hits) > 50
    for row in hits.itertuples():
        assert oped.body[row.start : row.end] == row.matched
        assert oped.unit(row.unit).start <= row.start < row.end <= oped.unit(row.unit).end
        assert row.unit.startswith(row.paragraph_id + ".")


def test_rat_king_paragraph_is_cultural_identity_not_security(oped):
    dom = dominant_frames(oped).set_index("unit")
    assert dom.loc["p03", "dominant_frame"] == "cultural_identity"
    assert dom.loc["p03", "tied_with"] == ""
    s = salience(oped).query("unit == 'p03'").set_index("frame")
    assert s.loc["cultural_identity", "hits"] > s.loc["security_and_defense", "hits"]


@pytest.mark.parametrize("paragraph", ["p12", "p14", "p16", "p25", "p26", "p27"])
def test_arms_drones_jets_and_satellite_paragraphs_are_security(oped, paragraph):
    row = dominant_frames(oped).set_index("unit").loc[paragraph]
    assert row["dominant_frame"] == "security_and_defense"
    assert row["tied_with"] == "", "won outright, not by the tie-break"


def test_removing_the_rat_king_paragraph_shifts_the_profile(oped):
    everything = frame_profile(oped).set_index("frame")
    without = frame_profile(oped, units=[p.id for p in oped.paragraphs if p.id != "p03"]).set_index("frame")
    assert without.loc["cultural_identity", "share"] < everything.loc["cultural_identity", "share"]
    assert without.loc["security_and_defense", "share"] > everything.loc["security_and_defense", "share"]
    p03_hits = code(oped).query("paragraph_id == 'p03'")
    assert everything["hits"].sum() - without["hits"].sum() == len(p03_hits)
    assert everything.loc["cultural_identity", "n_words"] - without.loc["cultural_identity", "n_words"] == 74


# ------------------------------------------------------------------ salience and dominant frames


@pytest.mark.parametrize("unit", ["sentence", "paragraph", "document"])
def test_salience_has_a_row_for_every_unit_and_frame(oped, unit):
    cb = load_codebook("mfc")
    s = salience(oped, unit=unit)
    n_units = {"sentence": 46, "paragraph": 28, "document": 1}[unit]
    assert list(s.columns) == SALIENCE_COLUMNS
    assert len(s) == n_units * 15
    assert s.groupby("unit", sort=False)["frame"].apply(list).map(lambda f: f == cb.frame_ids).all()
    assert s["hits"].sum() == len(code(oped))
    expected = 100 * s["hits"] / s["n_words"]
    assert (s["per_100_words"] - expected).abs().max() < 1e-12
    assert (s.groupby("unit")["dominant"].sum() <= 1).all()


def test_salience_document_unit_is_the_slug(oped):
    s = salience(oped, unit="document")
    assert set(s["unit"]) == {"oped"}
    assert (s["start"] == 0).all() and (s["end"] == len(oped.body)).all()
    assert (s["n_words"] == oped.n_words).all()


def test_salience_counts_per_paragraph_match_the_hits(oped):
    s = salience(oped).set_index(["unit", "frame"])["hits"]
    counted = code(oped).groupby(["paragraph_id", "frame"]).size()
    for (pid, frame), n in counted.items():
        assert s[(pid, frame)] == n


@pytest.mark.parametrize(
    ("text", "dominant", "tied_with"),
    [
        ("The troops prayed at the temple.", "security_and_defense", "cultural_identity"),  # codebook order
        ("At the temple, troops prayed.", "security_and_defense", "cultural_identity"),  # not text order
        ("Troops, drones and a temple.", "security_and_defense", ""),
        ("A temple, a monk and troops.", "cultural_identity", ""),
        ("Nothing here.", "", ""),
    ],
)
def test_dominant_frame_and_tie_break(text, dominant, tied_with):
    row = dominant_frames(from_string(text), unit="document").iloc[0]
    assert row["dominant_frame"] == dominant
    assert row["tied_with"] == tied_with
    assert row["tie_break"] == (TIE_BREAK_RULE if tied_with else "")


TWO_FRAMES = textwrap.dedent(
    """\
    name: order
    version: "1"
    description: Two frames, for the tie-break.
    source: Tests.
    citation: None.
    licence: MIT
    frames:
      - id: {first}
        label: First
        description: One.
        patterns: [{first_word}]
      - id: {second}
        label: Second
        description: Two.
        patterns: [{second_word}]
    """
)


@pytest.mark.parametrize(("first", "second"), [("arms", "air"), ("air", "arms")])
def test_tie_break_follows_the_codebook_order(tmp_path, first, second):
    words = {"arms": "arms", "air": "jet*"}
    path = tmp_path / f"{first}_first.yml"
    path.write_text(
        TWO_FRAMES.format(first=first, second=second, first_word=words[first], second_word=words[second]),
        encoding="utf-8",
    )
    row = dominant_frames(from_string("Arms and a jet."), path, unit="document").iloc[0]
    assert (row["dominant_frame"], row["tied_with"], row["tie_break"]) == (first, second, TIE_BREAK_RULE)


def test_dominant_frames_table(oped):
    dom = dominant_frames(oped)
    assert list(dom.columns) == DOMINANT_COLUMNS
    assert dom["unit"].tolist() == [p.id for p in oped.paragraphs]
    s = salience(oped)
    top = s.groupby("unit")["hits"].max()
    assert (dom.set_index("unit")["hits"] == top).all()
    marked = s[s["dominant"]].set_index("unit")["frame"]
    has_hits = dom[dom["hits"] > 0].set_index("unit")["dominant_frame"]
    assert marked.sort_index().equals(has_hits.sort_index())


@pytest.mark.parametrize("unit", ["word", "Paragraph", ""])
def test_unknown_unit_level(unit):
    with pytest.raises(KitError, match="unknown unit"):
        salience(from_string("Troops."), unit=unit)


# ------------------------------------------------------------------ nothing to find


@pytest.mark.parametrize("text", ["Nothing to see here.", "Hello.\n\nGoodbye, then.", ""])
def test_no_hits_gives_empty_but_well_formed_tables(text):
    doc = from_string(text)
    hits = code(doc)
    assert hits.empty and list(hits.columns) == HIT_COLUMNS
    assert str(hits["start"].dtype) == "int64"
    s = salience(doc)
    assert list(s.columns) == SALIENCE_COLUMNS
    assert len(s) == 15 * len(doc.paragraphs)
    assert (s["hits"] == 0).all() and not s["dominant"].any()
    dom = dominant_frames(doc)
    assert list(dom.columns) == DOMINANT_COLUMNS
    assert (dom["dominant_frame"] == "").all()
    prof = frame_profile(doc)
    assert list(prof.columns) == PROFILE_COLUMNS
    assert (prof["hits"] == 0).all() and prof["share"].isna().all()
    assert to_generic(hits).empty
    assert (kit_coding(doc)["frame"] == "none").all()


# ------------------------------------------------------------------ frame_profile


def test_frame_profile_whole_document_matches_code(oped):
    prof = frame_profile(oped)
    counts = code(oped)["frame"].value_counts()
    for row in prof.itertuples():
        assert row.hits == counts.get(row.frame, 0)
    assert math.isclose(prof["share"].sum(), 1.0)
    assert (prof["n_words"] == oped.n_words).all()


def test_frame_profile_counts_overlapping_ids_once(oped):
    once = frame_profile(oped, units=["p03"])
    twice = frame_profile(oped, units=["p03", "p03.s1", "p03"])
    pd.testing.assert_frame_equal(once, twice)
    sentence = frame_profile(oped, units=["p03.s2"]).set_index("frame")
    assert sentence.loc["cultural_identity", "n_words"] == oped.unit("p03.s2").n_words


@pytest.mark.parametrize("bad", [["p99"], ["p03", "p3"], ["oped"]])
def test_frame_profile_unknown_unit(oped, bad):
    with pytest.raises(TextError, match="no unit"):
        frame_profile(oped, units=bad)


def test_nothing_mutates_the_document(oped):
    before = (oped.body, [p.text for p in oped.paragraphs], dict(oped.metadata))
    code(oped), salience(oped), dominant_frames(oped), frame_profile(oped, units=["p01"]), kit_coding(oped)
    assert (oped.body, [p.text for p in oped.paragraphs], dict(oped.metadata)) == before


def test_results_are_deterministic(oped):
    pd.testing.assert_frame_equal(code(oped), code(load_text("oped")))
    pd.testing.assert_frame_equal(salience(oped, unit="sentence"), salience(load_text("oped"), unit="sentence"))


# ------------------------------------------------------------------ to_generic


def test_to_generic_maps_hits_through_the_crosswalk():
    doc = from_string("Troops and a poll. The regime and sanctions.")
    hits = code(doc)
    mapped = to_generic(hits)
    assert list(mapped.columns) == [*HIT_COLUMNS, "mfc_frame"]
    pairs = sorted(zip(mapped["mfc_frame"], mapped["frame"], strict=True))
    assert ("security_and_defense", "conflict") in pairs
    assert ("political", "conflict") in pairs
    assert "public_opinion" not in set(mapped["mfc_frame"])  # no generic counterpart: dropped
    assert "poll" not in set(mapped["matched"])
    assert set(mapped["label"]) == {"Conflict"}


def test_to_generic_counts_a_span_once_per_generic_frame():
    hits = code(from_string("The Security Council met."))  # one span, external frame only
    assert len(to_generic(hits)) == 1
    doubled = pd.concat([hits, hits.assign(frame="political", label="Political")], ignore_index=True)
    assert len(to_generic(doubled)) == 1  # both mfc frames map to conflict: one hit


def test_to_generic_sums_salience(oped):
    s = salience(oped)
    g = to_generic(s)
    assert list(g.columns) == SALIENCE_COLUMNS
    assert len(g) == 28 * 5
    p26 = s[s["unit"] == "p26"].set_index("frame")["hits"]
    conflict = g[(g["unit"] == "p26") & (g["frame"] == "conflict")]["hits"].item()
    assert conflict == p26["security_and_defense"] + p26["political"] + p26["external_regulation_and_reputation"]


@pytest.mark.parametrize("bad", [pd.DataFrame({"x": [1]}), "hits", pd.DataFrame({"frame": ["conflict"]})])
def test_to_generic_rejects_other_tables(bad):
    with pytest.raises(CodebookError):
        to_generic(bad)


# ------------------------------------------------------------------ human coding and kit coding

HEADER = "unit,primary,secondary,coder,note\n"


def _human_file(tmp_path, rows: str, name: str = "oped_frames.csv"):
    path = tmp_path / name
    path.write_text(HEADER + textwrap.dedent(rows), encoding="utf-8")
    return path


def test_an_edited_oped_compares_the_paragraphs_that_still_match(tmp_path):
    from tests.support.edited_oped import with_paragraph_appended, with_sentence_inserted

    appended = reference_comparison(load_text(with_paragraph_appended(tmp_path / "a")))
    assert appended.codings is not None and appended.codings.groupby("coder")["unit"].nunique().tolist() == [28, 28]
    assert appended.left_out == ("p29: not in oped_frames.csv, so only the kit coded it",)
    assert agreement_table(appended.codings).loc[0, "n_units"] == 28
    inserted = reference_comparison(load_text(with_sentence_inserted(tmp_path / "b")))
    assert "p25" not in set(inserted.codings["unit"]) and inserted.codings["unit"].nunique() == 27
    (line,) = inserted.left_out
    assert "oped_frames.csv:26: 'p25@" in line and "Fix: re-code the paragraph" in line
    assert "1 paragraph(s) left out" in inserted.note


def test_the_reference_comparison_of_the_oped_and_of_a_text_without_one(oped):
    full = reference_comparison(oped)
    assert (full.note, full.left_out) == ("28 paragraphs coded by coder-1, kit", ())
    assert agreement_table(full.codings).loc[0, "n_units"] == 28
    assert reference_comparison(oped, "generic").codings is None
    assert reference_comparison(from_string("One. Two.")).note.startswith("No reference coding of")


def test_kit_coding_format(oped):
    kc = kit_coding(oped)
    assert kc.columns.tolist() == ["unit", "start", "end", "coder", "frame"]
    assert (kc["coder"] == "kit").all()
    assert kc["unit"].tolist() == [p.id for p in oped.paragraphs]
    dom = dominant_frames(oped)
    assert kc["frame"].tolist() == [d or "none" for d in dom["dominant_frame"]]
    assert "none" in set(kc["frame"])  # p21 and p22 have no hits


def test_kit_versus_a_temporary_human_coding(oped, tmp_path):
    """The full path: a human file, the kit's coding, agreement. Values checked by hand below."""
    kc = kit_coding(oped)
    labels = dict(zip(kc["unit"], kc["frame"], strict=True))
    # Disagree with the kit on p01 and p02 only, and never say "none".
    human = {u: ("political" if u in ("p01", "p02") else lab) for u, lab in labels.items()}
    human = {u: ("other" if lab == "none" else lab) for u, lab in human.items()}
    path = _human_file(tmp_path, "".join(f"{u},{lab},,ann,\n" for u, lab in human.items()))
    codings = pd.concat([load_human_frames("oped", path=path), kc], ignore_index=True)
    table = agreement_table(codings).iloc[0]
    n_disagree = sum(human[u] != labels[u] for u in labels)
    assert table["n_units"] == 28
    assert math.isclose(table["percent_agreement"], (28 - n_disagree) / 28)
    assert math.isclose(table["cohen_kappa"], cohen_kappa(codings, "ann", "kit"))
    assert math.isclose(table["krippendorff_alpha"], krippendorff_alpha(codings))
    assert confusion(codings, "ann", "kit").to_numpy().trace() == 28 - n_disagree


def test_kit_versus_human_coding_of_the_oped(oped, capsys):
    """Kit vs the independent human coding of the op-ed: printed, not held to a threshold."""
    human = load_human_frames("oped")
    assert sorted(human["unit"]) == [p.id for p in oped.paragraphs], "every paragraph coded once"
    codings = pd.concat([human, kit_coding(oped)], ignore_index=True)
    table = agreement_table(codings)
    matrix = confusion(codings, human["coder"].iloc[0], "kit")
    with capsys.disabled():
        print("\nkit vs human frame coding of the op-ed (28 paragraphs):")
        print(table.round(3).to_string(index=False))
    row = table.iloc[0]
    assert row["n_units"] == 28
    assert math.isclose(row["percent_agreement"], matrix.to_numpy().trace() / 28)
    assert -1 <= row["cohen_kappa"] <= 1 and row["krippendorff_alpha"] <= 1


# ------------------------------------------------------------------ contrast texts

CONTRAST = {
    "security-report": "security_and_defense",
    "state-media": "external_regulation_and_reputation",
    "ridicule-column": "cultural_identity",
}


@pytest.fixture(scope="module")
def contrast_docs():
    return {slug: load_text(slug) for slug in CONTRAST}


@pytest.mark.parametrize("slug", list(CONTRAST))
def test_contrast_text_is_labelled_constructed_teaching_material(contrast_docs, slug):
    doc = contrast_docs[slug]
    meta = doc.metadata
    assert doc.path.parent == paths.texts_dir() / "contrast"
    assert meta["constructed"] is True and meta["genre"] == "constructed"
    assert meta["intended_frame"] == CONTRAST[slug]
    assert "fictional" in meta["outlet"]
    assert any("constructed teaching material" in note.lower() for note in meta["editorial_notes"])
    assert meta["licence"]
    assert 250 <= doc.n_words <= 500


@pytest.mark.parametrize("slug", list(CONTRAST))
def test_contrast_text_has_exactly_two_valid_segments(contrast_docs, slug):
    doc = contrast_docs[slug]
    segments = doc.metadata["segments"]
    assert len(segments) == 2
    from kit import pins

    units = []
    for seg in segments.values():
        assert seg["description"]
        kept, stale = pins.check(doc, seg["units"])
        assert stale == [], "every pinned id still names the words it was pinned to"
        units.append([doc.unit(uid) for uid in kept])  # raises for an unknown id
    a, b = ({u.start for u in chosen} for chosen in units)
    assert not a & b, "the two segments contrast different parts of the text"


@pytest.mark.parametrize("slug", list(CONTRAST))
def test_contrast_text_has_quotes_and_a_reported_statement(contrast_docs, slug):
    body = contrast_docs[slug].body
    quotes = re.findall(r"“[^”]+”", body)
    assert len(quotes) >= 2
    assert re.search(r"”,? (said [A-Z]|[A-Z][\w ]+ said)|[A-Z][\w ]+, an? [^:]+, said: “", body)
    assert re.search(r"according to [\w ]+|\b[A-Z]\w* said that ", body)


@pytest.mark.parametrize("slug", list(CONTRAST))
def test_contrast_text_leads_with_its_intended_frame(contrast_docs, slug):
    s = salience(contrast_docs[slug], unit="document").sort_values(["hits", "frame"], ascending=[False, True])
    assert s.iloc[0]["frame"] == CONTRAST[slug]
    assert s.iloc[0]["hits"] > s.iloc[1]["hits"], "first outright, not by the tie-break"
    assert s.iloc[0]["dominant"]


@pytest.mark.parametrize("frame", list(CONTRAST.values()))
def test_each_frame_is_most_salient_in_the_text_built_for_it(contrast_docs, frame):
    per_text = {
        slug: salience(doc, unit="document").set_index("frame").loc[frame, "per_100_words"]
        for slug, doc in contrast_docs.items()
    }
    assert max(per_text, key=per_text.get) == next(s for s, f in CONTRAST.items() if f == frame)


# ---------------------------------------------------------------- token starts in long runs

@pytest.mark.parametrize("unit", ["x-war,", "a-drone.", "1,2-drone", "a'troops.", "2,000-drone ", "x-war, anti-drone war "])
def test_long_joined_runs_are_coded_consistently(unit):
    # These runs used to take seconds per 50 kB (every check re-read the text from its start).
    # After its first copy a run is periodic, so its hit count grows by the same amount per copy,
    # and every hit starts where the tokenizer starts a token of the whole text.
    counts = {}
    for n in (30, 300, 3000):
        doc = from_string(unit * n)
        hits = code(doc)
        assert set(hits["start"]) <= {t.start for t in doc.tokens} | {m.start() for m in WORD_RE.finditer(doc.body)}
        counts[n] = len(hits)
    assert counts[3000] - counts[300] == 10 * (counts[300] - counts[30])


def test_clear_codebook_cache_makes_the_next_load_compile_afresh():
    first = load_codebook("mfc")
    assert load_codebook("mfc") is first  # cached per file and modification time
    clear_codebook_cache()
    again = load_codebook("mfc")
    assert again is not first
    assert [f.id for f in again.frames] == [f.id for f in first.frames]


def test_a_pattern_with_a_dotted_capital_i_matches_in_any_case(tmp_path):
    """``"İ".lower()`` is two characters; the pattern is still one token, and matches either case."""
    path = tmp_path / "places.yml"
    path.write_text(
        TWO_FRAMES.format(first="place", second="other", first_word="İstanbul", second_word="zzz*"), encoding="utf-8"
    )
    hits = code(from_string("İstanbul and istanbul, then İstanbul port."), path)
    assert hits["matched"].tolist() == ["İstanbul", "istanbul", "İstanbul"]
    assert hits["frame"].tolist() == ["place"] * 3
