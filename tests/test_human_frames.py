"""Human frame coding read and checked against the body it was coded on (kit/human_frames.py)."""

from __future__ import annotations

import re
import textwrap

import pytest

from kit import paths
from kit.errors import AnnotationError
from kit.human_frames import load_human_frames, stale_frame_codings
from kit.text import load_text

HEADER = "unit,primary,secondary,coder,note\n"


def _human_file(tmp_path, rows: str, name: str = "oped_frames.csv"):
    path = tmp_path / name
    path.write_text(HEADER + textwrap.dedent(rows), encoding="utf-8")
    return path


def test_load_human_frames_reads_codings(tmp_path):
    path = _human_file(
        tmp_path,
        """\
        p01,external_regulation_and_reputation,political,ann,visit and anniversaries
        p03,cultural_identity,,ann,the prophecy
        p12,security_and_defense,external_regulation_and_reputation;political,ann,
        """,
    )
    df = load_human_frames("oped", path=path)
    assert df.columns[:5].tolist() == ["unit", "start", "end", "coder", "frame"]
    assert df["frame"].tolist() == ["external_regulation_and_reputation", "cultural_identity", "security_and_defense"]
    assert df["secondary"].tolist() == ["political", "", "external_regulation_and_reputation;political"]
    oped = load_text("oped")
    assert df.loc[1, "start"] == oped.unit("p03").start


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("p99,political,,ann,\n", [":2:", "unknown paragraph id 'p99'"]),
        ("p01,politics,,ann,\n", [":2:", "primary frame 'politics'", "did you mean 'political'"]),
        ("p01,political,securty,ann,\n", [":2:", "secondary frame 'securty'"]),
        ("p01,political,,ann,\np01,economic,,ann,\n", [":3:", "coded twice"]),
        ("p01,political,,,\n", [":2:", "coder column is empty"]),
        ("p03.s1,political,,ann,\n", ["unknown paragraph id"]),
    ],
)
def test_load_human_frames_rejects_bad_rows(tmp_path, rows, expected):
    path = _human_file(tmp_path, rows)
    with pytest.raises(AnnotationError) as info:
        load_human_frames("oped", path=path)
    for part in expected:
        assert part in str(info.value)
    assert str(path) in str(info.value)


def test_load_human_frames_missing_file_or_columns(tmp_path):
    with pytest.raises(AnnotationError, match="no frame coding file"):
        load_human_frames("oped", path=tmp_path / "none.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,frame,coder\np01,political,ann\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"missing column\(s\) \['primary', 'secondary', 'note'\]"):
        load_human_frames("oped", path=bad)


def test_a_coding_pinned_to_other_words_is_caught_or_left_out(tmp_path):
    from kit import pins

    oped = load_text("oped")
    path = tmp_path / "oped_frames.csv"
    path.write_text(
        "unit,fingerprint,primary,secondary,coder,note\n"
        f"p01,{pins.unit_fingerprint(oped, 'p01')},political,,ann,\n"
        f"p02,{pins.unit_fingerprint(oped, 'p03')},political,,ann,coded when p02 had the words p03 has now\n"
        "p03,000000,political,,ann,coded for words no paragraph has\n",
        encoding="utf-8",
    )
    with pytest.raises(AnnotationError, match=rf"{re.escape(str(path))}:3: 'p02@\w+' no longer names the words"):
        load_human_frames("oped", path=path)
    stale = stale_frame_codings(oped, path)
    assert list(stale) == ["p02", "p03"]
    assert "its words are now p03" in str(stale["p02"]) and "write p03@" in str(stale["p02"])
    assert "no unit of this body has its words" in str(stale["p03"])
    assert load_human_frames("oped", path=path, drop_stale=True)["unit"].tolist() == ["p01"]


def test_every_shipped_frame_coding_is_pinned_to_its_paragraphs():
    for path in sorted(paths.annotations_dir().rglob("*_frames.csv")):
        slug = path.name.removesuffix("_frames.csv")
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert "fingerprint" in header.split(","), f"{path} has no fingerprint column"
        assert stale_frame_codings(slug, path) == {}, path
