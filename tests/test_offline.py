"""The offline guarantee: no code path of the kit downloads anything or needs NLTK data.

pytest-socket (pyproject.toml) blocks the network for every test; conftest.py points NLTK_DATA at
an empty folder; CI also runs the suite in a network namespace with no route out. These tests add
two checks: the whole pipeline gives identical results when NLTK's data loader is made to fail, and
no module of the kit contains a download call.
"""

from __future__ import annotations

import re
import socket

import pandas as pd
import pytest
from pytest_socket import SocketConnectBlockedError

from kit import compare, framing, paths, quotes, sentiment, words
from kit.text import load_text


def _pipeline() -> dict[str, pd.DataFrame]:
    doc = load_text("oped")
    return {
        "sentences": doc.table(),
        "sentiment": sentiment.score(doc),
        "explain": sentiment.explain(doc.unit("p03.s1"), doc=doc),
        "frames": framing.code(doc),
        "salience": framing.salience(doc),
        "quotes": quotes.quotes_table(doc),
        "voices": quotes.voices(doc),
        "compare": compare.compare(doc, "rat_king", "security_claims"),
        "test": compare.difference_test(doc, "rat_king", "security_claims", n_permutations=200, seed=1),
        "kwic": words.kwic(doc, "drone*"),
    }


def test_pipeline_is_identical_without_nltk_data(monkeypatch):
    baseline = _pipeline()
    import nltk

    def refuse(*args, **kwargs):
        raise LookupError("NLTK data is not available on this machine")

    monkeypatch.setattr(nltk.data, "load", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)
    again = _pipeline()
    for name, table in baseline.items():
        pd.testing.assert_frame_equal(table, again[name], obj=name)


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_the_network_is_blocked_in_tests():
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


DOWNLOAD_CALLS = re.compile(
    r"nltk\.download|download_corpora|urllib\.request|import requests|from requests|http\.client|"
    r"hf_hub_download|from_pretrained|pip install"
)


def test_no_module_of_the_kit_downloads():
    offenders = []
    for path in sorted((paths.repo_root() / "kit").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if DOWNLOAD_CALLS.search(line):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert not offenders, offenders
