"""The arithmetic behind bench/bench_corpus.py's estimates (no timings: the bench prints those)."""

from __future__ import annotations

import pytest

from bench.bench_corpus import archive_minutes, extrapolate_rss


def test_rss_follows_the_line_through_two_measurements():
    # 200 MiB at 250 texts, 250 MiB at 500: 0.2 MiB per text, so 250 + 0.2 * 19,500 at 20,000 texts
    assert extrapolate_rss(250, 200.0, 500, 250.0, 20_000) == pytest.approx(4_150.0)
    assert extrapolate_rss(500, 250.0, 250, 200.0, 20_000) == pytest.approx(4_150.0)  # order does not matter


def test_rss_never_falls_with_more_texts():
    # a second measurement below the first is noise: the estimate stays at the larger one
    assert extrapolate_rss(250, 300.0, 500, 280.0, 20_000) == 300.0


def test_archive_minutes_is_words_over_rate():
    # 100,000 texts of 300 words at 100,000 words/s: 300 s
    assert archive_minutes(100_000, 300, 100_000) == pytest.approx(5.0)
    assert archive_minutes(100_000, 300, 200_000) == pytest.approx(2.5)
