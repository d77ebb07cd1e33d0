"""The quote extractor measured against hand annotation (kit/quotes/evaluation.py): corpus splits,
the op-ed, floors from the held-out measurement, and the ``evaluate quotes`` command."""

from __future__ import annotations

import pytest

from kit import cli
from kit.errors import AnnotationError
from kit.quotes.evaluation import corpus_evaluation, quote_corpus


def test_corpus_splits_are_disjoint_and_cover_the_news_texts():
    dev, heldout = quote_corpus("dev"), quote_corpus("heldout")
    assert len(dev) >= 12 and len(heldout) >= 3
    assert not set(dev) & set(heldout)
    assert sorted(dev + heldout) == quote_corpus(None)
    with pytest.raises(AnnotationError, match="unknown split"):
        quote_corpus("test")


def test_oped_keeps_its_six_direct_quotes_with_the_right_speakers():
    summary = corpus_evaluation(["oped"]).summary.set_index("kind")
    direct = summary.loc["direct+mixed"]
    assert (direct["gold"], direct["predicted"], direct["matched"], direct["speaker_correct"]) == (6, 6, 6, 6)
    # the op-ed's reported statements: 6 of 8 found, all with the right speaker (no regression)
    indirect = summary.loc["indirect"]
    assert indirect["matched"] >= 6 and indirect["speaker_correct"] == indirect["matched"]


# Floors set from the held-out measurement (``python -m kit evaluate quotes --split heldout``, December
# 2026: 4 texts, 22 annotated quotes; all kinds precision 0.889, recall 0.364, speaker accuracy 0.625;
# direct+mixed 1 of 1 found; indirect found with the right speaker 5 of 21 = 0.238), rounded down.
# The direct+mixed recall floor was re-measured on 6 held-out texts at commit 175b19c (part C of
# texts/news/README.md added 2 texts, 21 quotes, 9 of them direct or mixed): direct+mixed 8 of 10 found
# = 0.800; all kinds precision 0.870, recall 0.465, speaker accuracy 0.800; indirect found with the right
# speaker 10 of 33 = 0.303. Re-measured on 9 held-out texts at commit 3ff422a (part C complete: 5 texts,
# 76 quotes): direct+mixed 27 of 35 found = 0.771 (floor 0.77); all kinds precision 0.925, recall 0.500,
# speaker accuracy 0.776; indirect found with the right speaker 17 of 63 = 0.270. The other floors still
# hold and are kept. Re-measured on the same 9 texts after a cue that opens the sentence after a
# quotation's full stop stopped attributing it ("“...” He claimed that ..."): two held-out quotations
# that had been matched with another sentence's cue and the wrong speaker are no longer found, so
# direct+mixed falls from 28 to 26 of 35 = 0.743 (floor 0.74) while direct+mixed found with the right
# speaker rose from 22 to 23 of 35. With the cue verbs and auxiliaries added at the same time (commit
# 80faab1), indirect found with the right speaker is 22 of 63 = 0.349 (floor 0.30); all kinds precision
# 0.947 (floor 0.90), recall 0.551 (floor 0.50), speaker accuracy 0.833 (floor 0.80).
# Re-measured on the same 9 texts once after a round of tuning on the dev split only (that-only verbs
# with a clause of their own, time phrases between subject and verb, participle clauses as statements
# of their own, name particles, speakers outranking hearers as antecedents, roles with an "of" phrase):
# indirect found with the right speaker 28 of 63 = 0.444 (floor 0.44); all kinds precision 0.968,
# recall 0.622 (floor 0.60), speaker accuracy 0.869; direct+mixed unchanged (27 of 35, 25 right).
# Re-measured once on 12 held-out texts (part E of texts/news/README.md added 3 Voice of America
# articles, 21 quotes) after a round of tuning on the dev split only (roles and names between commas,
# places with lower-case words, passive cues with an agent, one-word complements, titles with "of"
# after a modifier, "from the <organisation>", family names first, "the commission" after the
# organisation): direct+mixed 30 of 37 found = 0.811 (floor 0.81), F1 0.896; indirect found with the
# right speaker 38 of 82 = 0.463 (floor 0.46); all kinds precision 0.950 (floor 0.94), recall 0.639
# (floor 0.63), speaker accuracy 0.868 (floor 0.86).
# Re-measured once on the same 12 texts after a round on the dev split only (verbs of judgement with an
# object and its complement, "both"/"all" opening a source phrase, a reported clause whose subject has an
# appositive, an acronym opening a sentence as speaker; actor-list rules that also added sentence words
# and organisation heads to the cue file): direct+mixed 31 of 37 found = 0.838 (floor 0.83), F1 0.912;
# all kinds 77 of 82 predicted matched, precision 0.939 (floor lowered to 0.93: one more false statement
# against one more found), recall 0.647 (floor 0.64), speaker accuracy 0.870; indirect found with the
# right speaker unchanged at 38 of 82 = 0.463.
# Re-measured on 15 held-out texts when part F of texts/news/README.md added 3 texts coded blind by
# coder-12 (33 quotes; the kit had never been run on them): direct+mixed 41 of 49 found = 0.837, F1 0.911,
# speaker accuracy 0.951; indirect found with the right speaker 45 of 103 = 0.437 (floor 0.43); all kinds
# precision 0.951 (floor 0.95), recall 0.645, speaker accuracy 0.857 (floor 0.85). On the 3 new texts
# alone: direct+mixed 10 of 12 found, all with the right speaker; indirect 11 of 21 found, 7 with the right
# speaker; no false statement.
# Re-measured 2026-12-08 after this session's rules (python -m kit evaluate quotes --split heldout): all
# kinds precision 0.991, recall 0.697, speaker accuracy 0.868; direct+mixed recall 0.837; indirect found
# with the right speaker 0.515. Not a clean held-out figure: the parenthetical-attribution span was
# checked against two held-out annotations (see the closing note), so the floors stay where they were.
# Re-measured on 18 held-out texts when part I added 3 texts coded blind by coder-15 (30 quotes; read once,
# never tuned on; the kit alone on them: direct+mixed 5 of 7 found, 3 with the right speaker, indirect 11
# of 23 found with the right speaker, precision 0.947): direct+mixed recall 46 of 56 = 0.821 (floor set
# to 0.82, rounded down), F1 0.902, speaker accuracy 0.913; all kinds precision 0.984, recall 0.681,
# speaker accuracy 0.855; indirect found with the right speaker 64 of 126 = 0.508. The other floors hold.
# They catch a regression, they are not targets: the target for reported speech found with the
# right speaker (0.60) is not met; direct+mixed F1 0.90 and speaker accuracy 0.85 are met on these texts.
HELDOUT_FLOORS = {
    ("all", "precision"): 0.95,
    ("all", "recall"): 0.64,
    ("all", "speaker_accuracy"): 0.85,
    ("direct+mixed", "recall"): 0.82,
    ("indirect", "found_with_speaker"): 0.43,
}


@pytest.fixture(scope="module")
def heldout():
    return corpus_evaluation(split="heldout").summary.set_index("kind")


@pytest.mark.parametrize(("kind", "measure"), list(HELDOUT_FLOORS), ids=[f"{k}-{m}" for k, m in HELDOUT_FLOORS])
def test_heldout_quality_stays_above_the_measured_floor(heldout, kind, measure):
    assert heldout.at[kind, measure] >= HELDOUT_FLOORS[kind, measure]


def test_by_mention_counts_add_up_to_the_matched_direct_quotes():
    result = corpus_evaluation(split="dev")
    assert result.by_mention["matched"].sum() == result.summary.set_index("kind").at["direct+mixed", "matched"]
    assert set(result.by_mention["mention_kind"]) <= {
        "name",
        "pronoun",
        "role",
        "organisation",
        "document",
        "continuation",
        "unknown",
    }


def test_evaluate_quotes_command_prints_the_table(capsys):
    assert cli.main(["evaluate", "quotes", "--text", "oped"]) == 0
    out = capsys.readouterr().out
    assert "direct+mixed" in out and "speaker_accuracy" in out and "found_with_speaker" in out


def test_evaluate_quotes_rejects_an_unknown_split():
    with pytest.raises(SystemExit):
        cli.main(["evaluate", "quotes", "--split", "test"])
