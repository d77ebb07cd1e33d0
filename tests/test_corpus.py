"""Corpus mode (kit/corpus/): which texts, per-text results equal to the single-text functions,
results independent of the executor (serial, process pool, dask), sourcing summaries, bad input."""

from __future__ import annotations

import math
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit import paths
from kit.corpus import (
    ANALYSES,
    Corpus,
    SerialExecutor,
    analyse,
    frame_profiles,
    is_official,
    sentiment_summary,
    sourcing_summaries,
    sourcing_summary,
)
from kit.corpus.analyses import official_roles_regex
from kit.errors import KitError
from kit.text import from_string, list_texts

ALL_ANALYSES = tuple(sorted(ANALYSES))
SHIPPED = [str(paths.texts_dir() / p) for p in list_texts()["path"]]
# the news articles shipped in texts/news/ (every Markdown file but the folder's README), counted from the folder
NEWS_COUNT = sum(1 for p in (paths.texts_dir() / "news").glob("*.md") if p.name != "README.md")


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Equal tables; an empty table only needs the same columns (a stacked table's empty slice keeps
    the dtypes of the other texts' rows)."""
    if len(a) == 0 and len(b) == 0:
        assert list(a.columns) == list(b.columns)
        return
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_exact=True)


@pytest.fixture(scope="module")
def shipped_serial():
    return analyse(SHIPPED, ALL_ANALYSES, executor="serial")


# ---------------------------------------------------------------- which texts


def test_folder_plus_slug_in_order_without_readme():
    corpus = Corpus(["texts/news/", "oped"])
    names = [p.name for p in corpus.paths]
    assert len(corpus) == NEWS_COUNT + 1 and names[-1] == "oped.md"
    assert names[:-1] == sorted(names[:-1]) and "README.md" not in names
    assert corpus.problems.empty


def test_sources_resolve_from_the_checkout_whatever_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert NEWS_COUNT >= 18 and len(Corpus("texts/news/")) == NEWS_COUNT
    assert len(Corpus("texts/contrast/*.md")) == 3
    assert [p.name for p in Corpus(["oped", "texts/oped.md"]).paths] == ["oped.md"]  # one file, once


def test_a_corpus_holds_paths_and_loads_lazily():
    corpus = Corpus("texts/contrast/")
    docs = corpus.documents()
    first = next(docs)
    assert isinstance(first, kit.Document) and first.path == corpus.paths[0]


# ---------------------------------------------------------------- per-text results are the single-text results


def test_every_shipped_text_gets_what_the_single_text_functions_give(shipped_serial):
    assert shipped_serial.skipped.empty, shipped_serial.skipped.to_dict("records")
    slugs = shipped_serial["texts"]["text"].tolist()
    assert len(slugs) == len(SHIPPED) >= 22
    singles = {
        "frame_profile": kit.frame_profile,
        "frame_salience": lambda d: kit.salience(d, unit="paragraph"),
        "frame_hits": kit.code,
        "sentiment": kit.score,
        "sentiment_summary": sentiment_summary,
        "quotes": kit.quotes_table,
        "voices": kit.voices,
        "sourcing": sourcing_summary,
    }
    assert set(singles) | {"texts"} == set(ANALYSES)
    for path, slug in zip(SHIPPED, slugs, strict=True):
        doc = kit.load_text(path)
        assert doc.slug == slug
        for name, single in singles.items():
            _same(shipped_serial.of(name, slug), single(doc))


def test_tables_carry_text_first_and_the_unit_columns(shipped_serial):
    for name in ("texts", "sentiment_summary", "sourcing", "frame_salience", "sentiment", "quotes", "frame_hits"):
        table = shipped_serial[name]
        assert table.columns[0] == "text" and {"unit", "start", "end"} <= set(table.columns), name
    assert "passage" in shipped_serial["quotes"] and "passage" in shipped_serial["sentiment"]
    profiles = shipped_serial["frame_profile"]
    assert profiles["text"].iloc[0] == shipped_serial["texts"]["text"].iloc[0]
    coded = profiles[profiles.groupby("text")["hits"].transform("sum") > 0]
    shares = coded.groupby("text")["share"].sum()
    assert len(shares) > 10 and ((shares - 1).abs() < 1e-9).all()  # a coded text's frame shares add up to one


def test_stack_labels_each_row_with_its_text_across_empty_parts():
    from kit.corpus.tables import labelled, stack

    first = pd.DataFrame({"unit": ["s1", "s2"], "text": ["Yes.", "No."]})
    empty = first.iloc[0:0]
    last = pd.DataFrame({"unit": ["s1"], "text": ["Maybe."]})
    table = stack([first, empty, last, empty], ["a", "b", "c", "d"])
    assert list(table.columns) == ["text", "unit", "passage"]
    assert table["text"].tolist() == ["a", "a", "c"] and table["passage"].tolist() == ["Yes.", "No.", "Maybe."]
    assert table.index.tolist() == [0, 1, 2]
    nothing = stack([empty, empty], ["b", "d"])
    assert list(nothing.columns) == ["text", "unit", "passage"] and len(nothing) == 0
    assert nothing["text"].dtype == table["text"].dtype
    _same(labelled(last, "c"), table.iloc[2:].reset_index(drop=True))


def test_the_shortcuts_give_the_same_tables(shipped_serial):
    contrast = Corpus("texts/contrast/")
    slugs = [kit.load_text(p).slug for p in contrast.paths]
    want = shipped_serial["frame_profile"]
    _same(frame_profiles(contrast, executor="serial"), want[want["text"].isin(slugs)])
    want = shipped_serial["sourcing"]
    _same(sourcing_summaries(contrast, executor="serial"), want[want["text"].isin(slugs)])


# ---------------------------------------------------------------- independent of the executor


def test_serial_and_process_pool_agree_on_every_table(shipped_serial):
    with ProcessPoolExecutor(2) as pool:
        pooled = analyse(SHIPPED, ALL_ANALYSES, executor=pool, batch_size=3)  # several batches, any order
    for name in ALL_ANALYSES:
        _same(pooled[name], shipped_serial[name])


def test_batch_size_and_worker_count_change_nothing(shipped_serial):
    one_by_one = analyse(SHIPPED, ["frame_profile", "sourcing"], executor=SerialExecutor(), batch_size=1)
    three = analyse(SHIPPED, ["frame_profile", "sourcing"], executor=3, batch_size=5)
    for name in ("frame_profile", "sourcing"):
        _same(one_by_one[name], shipped_serial[name])
        _same(three[name], shipped_serial[name])


def test_dask_local_cluster_agrees_with_serial(shipped_serial):
    distributed = pytest.importorskip(
        "distributed", reason='dask is an optional extra: pip install -c constraints.txt -e ".[scale]" (CI installs it)'
    )
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        # a third of the shipped texts keeps the test short on a loaded machine; the pool test covers all
        on_dask = analyse(SHIPPED[::3], ALL_ANALYSES, executor=client.get_executor(), batch_size=2)
        by_address = analyse(
            SHIPPED[:4], ["frame_profile"], executor=cluster.scheduler_address.replace("tcp://", "dask://")
        )
    for name in ALL_ANALYSES:
        want = shipped_serial[name]
        _same(on_dask[name], want[want["text"].isin(on_dask["texts"]["text"])])
    assert on_dask["texts"]["text"].nunique() == len(SHIPPED[::3])
    want = shipped_serial["frame_profile"]
    _same(by_address["frame_profile"], want[want["text"].isin(by_address["frame_profile"]["text"])])


def test_a_dask_address_that_does_not_answer_fails_fast_in_one_line():
    pytest.importorskip("distributed", reason='dask is an optional extra: pip install -e ".[scale]"')
    import time

    t0 = time.perf_counter()
    with pytest.raises(KitError, match="no dask scheduler answers") as info:
        analyse(["oped"], ["texts"], executor="dask://127.0.0.1:9")
    assert time.perf_counter() - t0 < 20
    assert "\n" not in str(info.value) and "dask://127.0.0.1:9" in str(info.value)


def test_an_unknown_executor_is_one_clear_error():
    with pytest.raises(KitError, match="unknown executor 'threads'.*'serial'"):
        analyse(["oped"], ["texts"], executor="threads")


def test_an_unknown_analysis_names_the_ones_that_exist():
    with pytest.raises(KitError, match="unknown corpus analysis 'frames'.*frame_profile"):
        analyse(["oped"], ["frames"])


# ---------------------------------------------------------------- sourcing


@pytest.mark.parametrize(
    "speaker, description, official",
    [
        ("Vladimir Putin", "Russian President", True),
        ("Ann Lee", "a spokeswoman for the ministry", True),
        ("police", "", True),
        ("Tedros Adhanom Ghebreyesus", "WHO Director-General", True),
        ("Jason Tower", "Myanmar Country Director at the United States Institute of Peace", False),
        ("Bo Tan", "a baker", False),
        ("Generali", "an insurer", False),  # whole words only
        ("Sam Court", "", True),  # a known limit: a surname that is a role word counts
    ],
)
def test_is_official_reads_the_role_words(speaker, description, official):
    assert is_official(speaker, description) is official


def test_sourcing_summary_counts_quoted_words_and_speakers():
    doc = from_string(
        "“We will rebuild the bridge,” Mayor Ann Lee said. Bo Tan said the road was shut. “Shut,” he said."
    )
    row = sourcing_summary(doc).iloc[0]
    voices = kit.sentence_voices(doc)
    assert row["quoted_words"] == voices["quoted_words"].sum() > 0
    assert math.isclose(row["share_quoted_words"], row["quoted_words"] / doc.n_words)
    assert (row["speakers"], row["officials"], row["official_speakers"]) == (2, 1, "Ann Lee")
    assert row["share_officials"] == 0.5


def test_quoted_words_are_what_sentence_voices_counts_on_every_shipped_text(shipped_serial):
    for path in SHIPPED:
        doc = kit.load_text(path)
        assert (
            shipped_serial.of("sourcing", doc.slug)["quoted_words"].iloc[0]
            == kit.sentence_voices(doc)["quoted_words"].sum()
        )


def _sourcing_from_public_tables(doc: kit.Document) -> tuple:
    """The sourcing figures spelled out from kit.quotes_table, kit.voices and kit.sentence_voices."""
    quotes = kit.quotes_table(doc)
    named = sorted({s for s in quotes["speaker"] if s})
    who = kit.voices(doc).set_index("speaker")
    role_words = official_roles_regex()
    official = []
    for name in named:
        mentions = " ".join(sorted(set(quotes.loc[quotes["speaker"] == name, "speaker_mention"])))
        if role_words.search(f"{name} {who.at[name, 'description']} {mentions}"):
            official.append(name)
    direct = int((quotes["kind"] == "direct").sum())
    quoted = int(kit.sentence_voices(doc)["quoted_words"].sum())
    return len(quotes), direct, len(quotes) - direct, quoted, len(named), len(official), "; ".join(official)


def test_sourcing_summary_is_what_the_public_tables_give_on_every_shipped_text():
    columns = ["quotes", "direct_quotes", "reported_statements", "quoted_words"]
    columns += ["speakers", "officials", "official_speakers"]
    checked_officials = 0
    for path in SHIPPED:
        doc = kit.load_text(path)
        row = sourcing_summary(doc).iloc[0]
        want = _sourcing_from_public_tables(doc)
        assert tuple(row[c] for c in columns) == want, doc.slug
        checked_officials += want[5]
    assert checked_officials > 10  # the official rule was exercised, not only empty lists


@pytest.mark.parametrize("seed", range(5))
def test_quoted_words_sweep_counts_what_the_definition_counts(seed):
    import random

    from kit.corpus.analyses import words_inside_spans
    from kit.text import Token

    rng = random.Random(seed)
    tokens, at = [], 0
    for _ in range(300):
        at += rng.randint(1, 3)
        width = rng.randint(1, 6)
        tokens.append(Token("w", at, at + width))
        at += width
    spans = []
    for _ in range(40):  # overlapping, nested, touching and empty spans, in no order
        a = rng.randint(0, at)
        spans.append((a, min(at, a + rng.choice([0, 2, 8, 40, 200]))))
    inside = sum(1 for t in tokens if any(a <= t.start and t.end <= b for a, b in spans))
    assert words_inside_spans(tokens, spans) == inside > 0
    assert words_inside_spans(list(reversed(tokens)), list(reversed(spans))) == inside


def test_a_text_with_no_quotes_has_no_share_of_officials():
    row = sourcing_summary(from_string("It rained all day in the valley.")).iloc[0]
    assert (row["quotes"], row["speakers"], row["quoted_words"]) == (0, 0, 0)
    assert math.isnan(row["share_officials"])


# ---------------------------------------------------------------- bad input


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.fixture
def messy_folder(tmp_path):
    folder = tmp_path / "coverage"
    folder.mkdir()
    good = "---\ntitle: Good\nslug: good\n---\n\nThe minister said the bridge would open in May.\n"
    _write(folder, "a_good.md", good.encode())
    _write(folder, "b_latin1.md", "---\ntitle: Caf\xe9\n---\n\nA caf\xe9 opened.\n".encode("latin-1"))
    _write(folder, "c_front.md", b"---\ntitle: [unclosed\n---\n\nWords here.\n")
    _write(folder, "d_empty.md", b"")
    _write(folder, "e_same_slug.md", good.replace("Good", "Copy").encode())
    _write(folder, "f_photo.png", b"\x89PNG\r\n\x1a\n")
    _write(folder, "README.md", b"# About this folder\n")
    return folder


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.rglob("*"))}


def test_bad_texts_are_skipped_with_one_line_each_and_nothing_is_written(messy_folder, tmp_path):
    before = _snapshot(messy_folder)
    result = analyse([messy_folder, tmp_path / "missing.md", "no-such-slug"], ["texts", "sourcing"], executor="serial")
    assert _snapshot(messy_folder) == before
    assert result["texts"]["text"].tolist() == ["good"]
    problems = dict(zip(result.skipped["source"].map(lambda s: Path(s).name), result.skipped["problem"], strict=True))
    assert set(problems) == {
        "f_photo.png",
        "missing.md",
        "no-such-slug",
        "b_latin1.md",
        "c_front.md",
        "d_empty.md",
        "e_same_slug.md",
    }
    assert "not a text file (.png)" in problems["f_photo.png"]
    assert "not UTF-8" in problems["b_latin1.md"] and "byte offset" in problems["b_latin1.md"]
    assert "c_front.md:2" in problems["c_front.md"]
    assert "empty" in problems["d_empty.md"]
    assert "slug 'good' is already used by" in problems["e_same_slug.md"] and "a_good.md" in problems["e_same_slug.md"]
    assert "no such text file or slug" in problems["no-such-slug"]
    for line in problems.values():
        assert "\n" not in line and "Fix:" in line


def test_a_bare_text_file_named_on_its_own_joins_the_corpus(tmp_path):
    """A file named on its own is read as load_text reads it, whatever its suffix (lesson 6 on a bare
    .txt article held against the corpus); a folder's non-.md files stay skipped (test above)."""
    bare = tmp_path / "bridge.txt"
    bare.write_text("The mayor said the bridge would reopen in May.\n", encoding="utf-8")
    result = analyse(["oped", bare], ["texts"], executor="serial")
    assert result["texts"]["text"].tolist() == ["oped", "bridge"]
    assert result.skipped.empty


def test_bad_texts_are_skipped_the_same_way_in_a_process_pool(messy_folder):
    serial = analyse([messy_folder], ["texts"], executor="serial")
    pooled = analyse([messy_folder], ["texts"], executor=2, batch_size=1)
    _same(pooled.skipped, serial.skipped)
    _same(pooled["texts"], serial["texts"])


def test_an_empty_folder_and_an_unmatched_glob_are_named(tmp_path):
    (tmp_path / "empty").mkdir()
    result = analyse([tmp_path / "empty", str(tmp_path / "nothing" / "*.md")], ["texts"], executor="serial")
    assert result["texts"].empty and result["texts"].columns[0] == "text"
    assert len(result.skipped) == 2 and result.skipped["problem"].str.contains("no .md text|matches no file").all()


def test_the_process_pool_is_only_the_default_when_it_can_pay():
    from kit.corpus.execute import open_executor

    with open_executor(None, 3) as (pool, workers):
        assert isinstance(pool, SerialExecutor) and workers == 1
    if (os.cpu_count() or 1) > 1:
        with open_executor(None, 1000) as (pool, workers):
            assert isinstance(pool, ProcessPoolExecutor) and workers > 1


def test_the_scale_extra_is_pinned_in_constraints():
    import re
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    root = paths.repo_root()
    extra = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    pinned = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (root / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    }
    names = {re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower() for d in extra["scale"]}
    assert names == {"dask", "pyarrow"} and {"dask", "distributed", "pyarrow"} <= pinned
    assert '-e ".[test,scale]"' in (root / ".ci" / "run").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the command


CONTRAST_AND_OPED = ["texts/contrast/", "oped"]


@pytest.fixture(scope="module")
def command_run(tmp_path_factory):
    """One ``kit corpus`` run over the contrast texts and the op-ed: (build folder, exit code, stdout)."""
    import contextlib
    import io

    from kit.cli import main

    build = tmp_path_factory.mktemp("command") / "build"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(["corpus", *CONTRAST_AND_OPED, "--out", str(build / "corpus"), "--executor", "serial", "--quiet"])
    return build, code, printed.getvalue()


def test_corpus_command_writes_tables_and_an_offline_report(command_run):
    build, code, printed = command_run
    out = build / "corpus"
    assert code == 0
    assert printed == ""  # --quiet: no bar, no lines
    names = {p.name for p in out.iterdir()}
    assert {"texts.csv", "frame_profiles.csv", "sentiment.csv", "sourcing.csv", "quotes.csv", "voices.csv"} <= names
    assert "index.html" in names and [p.name for p in build.iterdir()] == ["corpus"]
    want = analyse(CONTRAST_AND_OPED, ["frame_profile", "quotes"], executor="serial")
    written = pd.read_csv(out / "frame_profiles.csv")
    assert written["text"].tolist() == want["frame_profile"]["text"].tolist()
    assert written["hits"].tolist() == want["frame_profile"]["hits"].tolist()
    assert len(pd.read_csv(out / "quotes.csv")) == len(want["quotes"])
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "<script src=" not in page and "http" not in page.split("<body>")[1]


def test_kept_rows_joined_every_few_texts_give_the_same_report(command_run, tmp_path, monkeypatch):
    """The command joins the rows it keeps for the report every COMPACT_EVERY texts: same page, same files."""
    from kit.cli import main
    from kit.corpus import report

    monkeypatch.setattr(report, "COMPACT_EVERY", 2)  # 4 texts: two joined tables, then the report
    out = tmp_path / "corpus"
    assert main(["corpus", *CONTRAST_AND_OPED, "--out", str(out), "--executor", "serial", "--quiet"]) == 0
    before = command_run[0] / "corpus"
    for name in ["index.html", *sorted(p.name for p in before.glob("*.csv"))]:
        assert (out / name).read_bytes() == (before / name).read_bytes(), name


def test_corpus_command_writes_a_parquet_twin_of_every_table_with_pyarrow(command_run):
    pytest.importorskip("pyarrow", reason='Parquet output needs pyarrow, in the scale extra: pip install -e ".[scale]"')
    out = command_run[0] / "corpus"
    csvs = sorted(out.glob("*.csv"))
    assert [p.stem for p in sorted(out.glob("*.parquet"))] == [p.stem for p in csvs]
    for csv in csvs:
        from_csv = pd.read_csv(csv, keep_default_na=False, na_values=[""])
        from_parquet = pd.read_parquet(csv.with_suffix(".parquet"))
        assert list(from_parquet.columns) == list(from_csv.columns), csv.name
        pd.testing.assert_frame_equal(from_parquet, from_csv, check_dtype=False, obj=csv.name)
    want = analyse(CONTRAST_AND_OPED, ["frame_profile"], executor="serial")["frame_profile"]
    profiles = pd.read_parquet(out / "frame_profiles.parquet")
    assert profiles["text"].tolist() == want["text"].tolist()
    assert profiles["hits"].tolist() == want["hits"].tolist()
    assert profiles["share"].tolist() == pytest.approx(want["share"].tolist())


def test_without_pyarrow_no_parquet_is_written(tmp_path, monkeypatch):
    import sys

    from kit.corpus.report import write_parquet

    pd.DataFrame({"text": ["a"], "hits": [1]}).to_csv(tmp_path / "t.csv", index=False)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    assert write_parquet(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_corpus_command_refuses_a_folder_it_does_not_own(tmp_path, capsys):
    from kit.cli import main

    taken = tmp_path / "notes"
    taken.mkdir()
    (taken / "mine.txt").write_text("keep me", encoding="utf-8")
    assert main(["corpus", "oped", "--out", str(taken), "--quiet"]) == 2
    assert "not empty and was not written by the kit" in capsys.readouterr().err
    assert [p.name for p in taken.iterdir()] == ["mine.txt"]
    assert main(["corpus", "oped", "--out", str(paths.texts_dir() / "out"), "--quiet"]) == 2
    assert "refusing to write into texts/" in capsys.readouterr().err
    assert not (paths.texts_dir() / "out").exists()
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.md").write_text("---\ntitle: A\n---\n\nThe mayor said the road was shut.\n", encoding="utf-8")
    assert main(["corpus", str(archive), "--out", str(archive / "results"), "--quiet"]) == 2
    assert "a folder this corpus reads" in capsys.readouterr().err and not (archive / "results").exists()


def test_corpus_command_replaces_its_own_output(tmp_path):
    from kit.cli import main

    out = tmp_path / "corpus"
    assert main(["corpus", "oped", "--out", str(out), "--executor", "serial", "--quiet"]) == 0
    assert main(["corpus", "texts/contrast/", "--out", str(out), "--executor", "serial", "--quiet"]) == 0
    assert pd.read_csv(out / "texts.csv")["text"].tolist() == ["ridicule-column", "security-report", "state-media"]


def test_corpus_command_lists_skipped_texts_and_is_strict_only_when_asked(messy_folder, tmp_path, capsys):
    from kit.cli import main

    before = _snapshot(messy_folder)
    assert main(["corpus", str(messy_folder), "--out", str(tmp_path / "a"), "--executor", "serial"]) == 0
    out = capsys.readouterr().out
    assert out.count("skipped: ") == 5 and "1 text(s) analysed, 5 skipped" in out
    assert main(["corpus", str(messy_folder), "--out", str(tmp_path / "b"), "--quiet", "--strict"]) == 1
    assert capsys.readouterr().err.count("skipped: ") == 5
    assert len(pd.read_csv(tmp_path / "b" / "skipped.csv")) == 5
    assert _snapshot(messy_folder) == before


def test_progress_bar_shows_texts_and_words_per_second_only_when_asked(capsys):
    analyse("texts/contrast/", ["texts"], executor="serial", progress=True)
    bar = capsys.readouterr().err
    assert "3/3" in bar and "words/s" in bar
    analyse("texts/contrast/", ["texts"], executor="serial", progress=False)
    analyse("texts/contrast/", ["texts"], executor="serial")  # not a terminal here: off
    assert capsys.readouterr().err == ""


# ---------------------------------------------------------------- lesson 6 on a second corpus


@pytest.mark.slow
def test_lesson_6_runs_through_papermill_on_the_contrast_corpus(tmp_path):
    """The parameters drive the lesson: another corpus and another held text, nothing of the default left."""
    from kit.notebooks import execute

    lesson = paths.notebooks_dir() / "06_comparing_texts.ipynb"
    out = tmp_path / "06.ipynb"
    nb = execute(lesson, out, {"text": "texts/contrast/state_media.md", "corpus": ["texts/contrast/"]})
    printed = "\n".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    assert "(slug 'state-media')" in printed and "against 2 other texts; 0 skipped" in printed
    assert "ridicule-column" in printed and "security-report" in printed
    assert "oped" not in printed and "avenatti" not in printed


# ---------------------------------------------------------------- one text against the rest, and the figures


def _profiles(shares: dict[str, dict[str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"text": t, "frame": f, "label": f.title(), "hits": round(10 * s), "share": s}
            for t, row in shares.items()
            for f, s in row.items()
        ]
    )


def test_hold_against_is_an_exact_permutation_test_over_texts():
    from kit.corpus.contrast import hold_against

    shares = {t: {"war": w, "law": 1 - w} for t, w in [("a", 0.9), ("b", 0.5), ("c", 0.4), ("d", 0.3), ("e", 0.2)]}
    table = hold_against(_profiles(shares), "a").set_index("frame")
    assert table.loc["war", "p_value"] == 1 / 5 == table.loc["war", "min_p"]  # the most extreme of five texts
    assert table.loc["war", "rank"] == 1 and table.loc["law", "rank"] == 5
    assert math.isclose(table.loc["war", "others_mean"], (0.5 + 0.4 + 0.3 + 0.2) / 4)
    assert math.isclose(table.loc["war", "difference"], 0.9 - 0.35)
    middle = hold_against(_profiles(shares), "c").set_index("frame")
    # c is 0.4 - 0.475 = -0.075 from the others; only b (0.5 - 0.45 = 0.05) is closer: 4 of 5 are as far out
    assert math.isclose(middle.loc["war", "p_value"], 4 / 5)


def test_hold_against_says_what_it_cannot_compare():
    from kit.corpus.contrast import CONTRAST_COLUMNS, hold_against, reading_notes
    from kit.corpus.figures import contrast_plot

    shares = {"a": {"war": 1.0}, "b": {"war": 1.0}}
    with pytest.raises(KitError, match="not in the corpus"):
        hold_against(_profiles(shares), "zzz")
    with pytest.raises(KitError, match="only 2 texts"):
        hold_against(_profiles(shares), "a")
    nothing = _profiles({"a": {"war": 0.5}, "b": {"war": 0.5}, "c": {"war": 0.5}})
    nothing.loc[nothing["text"] == "a", "share"] = float("nan")
    empty = hold_against(nothing, "a")  # a text with no frame hits: an empty table that says why
    assert empty.empty and list(empty.columns) == list(CONTRAST_COLUMNS)
    assert "no frame hits" in empty.attrs["reason"]
    assert reading_notes(empty) == empty.attrs["reason"]
    import matplotlib

    matplotlib.use("Agg")
    fig = contrast_plot(nothing, empty, "a")
    assert "no frame hits" in " ".join(t.get_text() for ax in fig.axes for t in ax.texts)


def test_heatmap_groups_texts_by_dominant_frame_and_marks_the_chosen_one(shipped_serial):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from kit.corpus import figures
    from kit.corpus.contrast import share_matrix

    shares = share_matrix(
        _profiles({"x": {"war": 0.2, "law": 0.8}, "y": {"war": 0.9, "law": 0.1}, "z": {"war": 0.6, "law": 0.4}})
    )
    assert figures.grouped_order(shares) == (["y", "z", "x"], ["war", "law"])
    fig = figures.frame_profile_heatmap(shipped_serial["frame_profile"], highlight="oped")
    ax = fig.axes[0]
    marked = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert marked == ["oped"] and len(ax.get_yticklabels()) == len(SHIPPED)
    plt.close(fig)
    fig = figures.sourcing_plot(shipped_serial["sourcing"], highlight="oped")
    assert len(fig.axes) == 2
    plt.close(fig)
