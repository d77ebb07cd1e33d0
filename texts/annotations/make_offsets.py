"""Print ``oped_quotes.yml`` from the coder's decisions, with offsets computed from the Document.

The coder writes down, for each quote, the sentence where its content starts and the exact
content words; this script finds the character offsets in ``load_text("oped").body``, checks
that ``body[start:end] == text``, that the speaker mention and the cue occur in the paragraph
(or, for a continuation paragraph, in the previous one) and that every direct quote sits
exactly between a pair of quotation marks, and prints the YAML to stdout. It reads ``texts/``
only and never writes a file: redirect its output yourself.

    .venv/bin/python texts/annotations/make_offsets.py > texts/annotations/oped_quotes.yml

The YAML file is the annotation of record; this script documents how its offsets were made.
The procedure the decisions follow is in ``texts/annotations/README.md`` (section "Quotes").
"""

from __future__ import annotations

import json
import re
import sys

import yaml

from kit.text import load_text

OPENING, CLOSING = "“\"", "”\""

# (kind, unit where the content starts, content text, speaker, speaker mention, cue)
QUOTES = [
    ("indirect", "p03.s1",
     "the relations between Myanmar and Russia today mean a prophecy told by the Buddha thousands of years ago "
     "has now came true",
     "Min Aung Hlaing", "the Myanmar junta boss", "presented Putin with an obscure story"),
    ("indirect", "p03.s2",
     "a rat king made offerings to the Buddha and that in 2,000 years it would become Russia’s “king”",
     "Min Aung Hlaing", "Hlaing", "tells"),
    ("indirect", "p04.s1",
     "the ties between the two countries, and how bilateral trade between the two countries has increased by "
     "40 percent in the past year",
     "Vladimir Putin", "he", "hailed"),
    ("indirect", "p05.s1",
     "the embattled junta boss was given a much-needed boost both personally and economically after his visit "
     "to the Kremlin",
     "Aung Thu Nyein", "Aung Thu Nyein", "told"),
    ("direct", "p06.s1", None, "Aung Thu Nyein", "he", "said"),
    ("direct", "p07.s1", None, "Aung Thu Nyein", "he", "added"),
    ("indirect", "p12.s1", "additional arms, including special drone technology",
     "junta officials", "junta officials", "reportedly asked"),
    ("direct", "p15.s1", None, "Zachary Abuza", "Zachary Abuza", "said"),
    ("direct", "p16.s1", None, "Zachary Abuza", "Abuza", "added"),
    ("indirect", "p18.s1",
     "allowing them to strike back against the pro-democracy resistance, and according to rights groups, civilians",
     "rights groups", "rights groups", "according to"),
    ("indirect", "p21.s1",
     "if it wasn’t for General Hlaing’s visit to China, a high-level visit to Moscow may never have happened",
     "one expert", "one expert", "according to"),
    ("direct", "p22.s1", None, "Jason Tower", "Jason Tower", "said"),
    ("direct", "p23.s1", None, "Jason Tower", None, None),  # continuation paragraph: no cue, no mention
    ("indirect", "p25.s2",
     "a satellite imagery analysis centre had been established in Myanmar with the help of Russia",
     "Vladimir Putin", "Putin", "revealed"),
]

# Quoted terms and scare quotes: (unit, text between the marks)
TERMS = [
    ("p01.s2", "friendly relations"),
    ("p03.s2", "king"),
    ("p03.s2", "rat king"),
]


def _direct_span(body: str, sentence) -> tuple[int, int]:
    """Content strictly between the opening mark at/after the sentence start and its closing mark."""
    start = min(i for i in (body.find(c, sentence.start) for c in OPENING) if i >= 0) + 1
    end = min(i for i in (body.find(c, start) for c in CLOSING) if i >= 0)
    return start, end


def _locate(doc, unit: str, text: str) -> tuple[int, int]:
    """Offsets of ``text`` starting inside sentence ``unit``; it must occur once in that sentence."""
    sentence = doc.unit(unit)
    paragraph = doc.unit(sentence.paragraph_id)
    hits = [i for i in range(sentence.start, sentence.end) if doc.body.startswith(text, i)]
    if len(hits) != 1:
        raise SystemExit(f"{unit}: {text!r} found {len(hits)} times in the sentence; make it unique")
    start = hits[0]
    if start + len(text) > paragraph.end:
        raise SystemExit(f"{unit}: {text!r} runs past its paragraph")
    return start, start + len(text)


def build(doc) -> tuple[list[dict], list[dict]]:
    """Return the quote and term records with verified offsets."""
    body = doc.body
    quotes = []
    for kind, unit, text, speaker, mention, cue in QUOTES:
        if kind == "direct":
            start, end = _direct_span(body, doc.unit(unit))
        else:
            start, end = _locate(doc, unit, text)
        assert body[start:end] == (text if text is not None else body[start:end])
        paragraph = doc.unit(doc.unit(unit).paragraph_id)
        if mention is None:  # continuation: the mention lives in the previous paragraph
            previous = doc.paragraphs[paragraph.index - 2]  # index is 1-based
            assert speaker in previous.text, (unit, speaker)
        else:
            assert mention in paragraph.text, (unit, mention)
            assert cue in paragraph.text, (unit, cue)
        quotes.append({"kind": kind, "unit": unit, "start": start, "end": end, "text": body[start:end],
                       "speaker": speaker, "speaker_mention": mention, "cue": cue})
    quotes.sort(key=lambda q: q["start"])
    for number, quote in enumerate(quotes, start=1):
        quote["id"] = f"q{number:02d}"
    terms = []
    for unit, text in TERMS:
        start, end = _locate(doc, unit, f"“{text}”")
        terms.append({"unit": unit, "start": start + 1, "end": end - 1, "text": text})
    terms.sort(key=lambda t: t["start"])
    return quotes, terms


def render(quotes: list[dict], terms: list[dict]) -> str:
    """YAML in the fixed field order of the annotation format (strings JSON-quoted, valid YAML)."""

    def scalar(value, key=""):
        if value is None:
            return "null"
        if not isinstance(value, str):
            return str(value)
        plain = key != "text" and re.fullmatch(r"[A-Za-z][A-Za-z0-9 .-]*", value) and yaml.safe_load(value) == value
        return value if plain else json.dumps(value, ensure_ascii=False)

    lines = [
        "# Reference annotation of direct quotes, reported statements and quoted terms in texts/oped.md.",
        "# Procedure and definitions: texts/annotations/README.md (section \"Quotes\").",
        "# Offsets are into load_text(\"oped\").body; body[start:end] == text for every record.",
        "# Generated by texts/annotations/make_offsets.py (which also records the coder's decisions).",
        "text: oped",
        "annotator: coder-1",
        "procedure: texts/annotations/README.md",
        "quotes:",
    ]
    for q in quotes:
        lines.append(f"  - id: {q['id']}")
        for key in ("kind", "unit", "start", "end", "text", "speaker", "speaker_mention", "cue"):
            lines.append(f"    {key}: {scalar(q[key], key)}")
    lines.append("terms:")
    for t in terms:
        inner = ", ".join(f"{key}: {scalar(t[key], key)}" for key in ("unit", "start", "end", "text"))
        lines.append(f"  - {{{inner}}}")
    return "\n".join(lines) + "\n"


def main() -> None:
    doc = load_text("oped")
    quotes, terms = build(doc)
    text = render(quotes, terms)
    parsed = yaml.safe_load(text)  # the printed YAML must round-trip to the same records
    assert parsed["quotes"] == quotes
    assert parsed["terms"] == terms
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
