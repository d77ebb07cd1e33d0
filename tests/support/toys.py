"""Toy analyses for the tests of segments, their comparison and the difference test.

Toy documents with hand-set scores, frame hits and quotes (tables of the shapes the analysis modules
return), put in place of :data:`kit.segment.ANALYSES` by the ``toy_modules`` fixture, check the
arithmetic on data small enough to verify by hand.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from kit import segment
from kit.text import from_string

#: kit.segment, where every step looks up ANALYSES at call time.
SEGMENTS = segment

TOY_TEXT = (
    "Alpha drones fly. Beta drones land. Gamma rests.\n\n“We win now,” said Ann. Delta cats sleep. Echo cats purr."
)
# sentence ids: p01.s1 p01.s2 p01.s3 | p02.s1 p02.s2 p02.s3 ; words 3 3 2 | 5 3 3
TOY_VADER = {"p01.s1": 0.1, "p01.s2": 0.2, "p01.s3": 0.3, "p02.s1": 0.4, "p02.s2": 0.5, "p02.s3": 0.6}
TOY_TEXTBLOB = {"p01.s1": -0.5, "p01.s2": 0.0, "p01.s3": 0.5, "p02.s1": 1.0, "p02.s2": 1.0, "p02.s3": 1.0}


def toy_doc(segments_meta=None):
    meta = {"segments": segments_meta} if segments_meta is not None else {}
    return from_string(TOY_TEXT, slug="toy", **meta)


def fake_scores(doc):
    rows = []
    for s in doc.sentences:
        rows.append(
            {
                "unit": s.id,
                "paragraph_id": s.paragraph_id,
                "start": s.start,
                "end": s.end,
                "n_words": s.n_words,
                "text": s.text,
                "textblob_polarity": TOY_TEXTBLOB[s.id],
                "textblob_subjectivity": 0.5,
                "vader_compound": TOY_VADER[s.id],
                "vader_pos": 0.0,
                "vader_neu": 1.0,
                "vader_neg": 0.0,
                "reason": "",
                "overrides": "",
            }
        )
    return pd.DataFrame(rows)


def fake_hits(doc, codebook="toy"):
    """'security' on every 'drones', 'culture' on every 'cats' (word spans found in the body)."""
    rows = []
    for s in doc.sentences:
        for t in s.tokens:
            frame = {"drones": "security", "cats": "culture"}.get(t.text)
            if frame:
                rows.append(
                    {
                        "unit": s.id,
                        "paragraph_id": s.paragraph_id,
                        "frame": frame,
                        "label": frame.title(),
                        "pattern": t.text,
                        "matched": t.text,
                        "start": t.start,
                        "end": t.end,
                    }
                )
    return pd.DataFrame(rows, columns=["unit", "paragraph_id", "frame", "label", "pattern", "matched", "start", "end"])


def fake_quotes(doc):
    start = doc.body.index("We win now,")
    return [SimpleNamespace(kind="direct", start=start, end=start + len("We win now,"), speaker="Ann", unit="p02.s1")]


def fake_profile(doc, codebook, units):
    hits = fake_hits(doc)
    if units is not None:
        hits = hits[hits["unit"].isin(units)]
    rows = []
    total = len(hits)
    for frame in ("security", "culture", "economy"):
        n = int((hits["frame"] == frame).sum())
        rows.append({"frame": frame, "label": frame.title(), "hits": n, "share": n / total, "n_words": 19})
    return pd.DataFrame(rows)



@pytest.fixture
def toy_modules(monkeypatch):
    """Replace the analysis modules with toy tables of their contracted shape."""
    dominant = {"p01.s1": "security", "p01.s2": "security", "p02.s2": "culture", "p02.s3": "culture"}
    toys = SEGMENTS.Analyses(
        sentence_scores=fake_scores,
        frame_hits=fake_hits,
        frame_order=lambda codebook: ("security", "economy", "culture"),
        dominant_frames=lambda doc, codebook: pd.DataFrame(
            {"unit": [s.id for s in doc.sentences], "dominant_frame": [dominant.get(s.id, "") for s in doc.sentences]}
        ),
        quotes=fake_quotes,
        frame_profile=fake_profile,
    )
    monkeypatch.setattr(SEGMENTS, "ANALYSES", toys)
