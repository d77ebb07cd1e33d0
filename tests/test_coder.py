"""The hand-coding widget (kit/coder.py), driven from Python as a student would click it."""

from __future__ import annotations

import pandas as pd
import pytest

from kit import outdir, paths
from kit.agreement import krippendorff_alpha
from kit.checks import EXERCISE1_SENTENCES, check_coding
from kit.coder import CODER_COLUMNS, CSV_COLUMNS, Coder
from kit.errors import KitError, OutputError
from kit.framing import load_human_frames

UNITS = ["p01", "p02", "p03"]


@pytest.fixture
def coder(oped):
    return Coder(oped, "mfc", units=UNITS, coder="student-a")


def test_widget_shows_the_unit_text_and_every_frame(coder, oped):
    box = coder.widget
    w = coder.controls
    assert box.children[0] is w.heading
    assert "p01" in w.heading.value and "1 of 3" in w.heading.value
    assert oped.unit("p01").text.split()[0] in w.text.value
    frame_ids = [value for _, value in w.primary.options]
    assert frame_ids[0] is None and set(frame_ids[1:]) == set(coder.frames)
    assert w.previous.disabled and not w.next.disabled
    assert w.progress.value == "0 of 3 coded"


def test_choosing_values_and_clicking_next_records_codes(coder):
    w = coder.controls
    w.primary.value = "external_regulation_and_reputation"
    w.secondary.value = ("political",)
    w.note.value = "state visit"
    w.next.click()
    assert "p02" in w.heading.value and w.primary.value is None  # the next unit starts empty
    w.primary.value = "economic"
    w.next.click()
    w.primary.value = "cultural_identity"
    assert w.next.disabled
    assert w.progress.value == "3 of 3 coded"
    w.previous.click()
    assert w.primary.value == "economic"  # going back shows what was chosen
    table = coder.table()
    assert list(table.columns) == CODER_COLUMNS
    assert table["primary"].tolist() == ["external_regulation_and_reputation", "economic", "cultural_identity"]
    assert table.loc[0, "secondary"] == "political" and table.loc[0, "note"] == "state visit"
    assert coder.codes() == dict(zip(UNITS, table["primary"], strict=True))


def test_secondary_never_repeats_the_primary(coder):
    coder.code("p01", "political", ["political", "economic"])
    assert coder.table().loc[0, "secondary"] == "economic"


def test_table_offsets_trace_to_the_text(coder, oped):
    for row in coder.table().itertuples():
        assert oped.body[row.start:row.end] == oped.unit(row.unit).text


def test_saved_csv_reads_back_as_a_human_coding(coder, tmp_path, oped):
    coder.code_all({"p01": "political", "p02": "economic", "p03": "cultural_identity"})
    path = coder.save(tmp_path / "mine.csv")
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(CSV_COLUMNS)
    frames = load_human_frames("oped", "mfc", path=path)
    assert dict(zip(frames["unit"], frames["frame"], strict=True)) == coder.codes()
    assert set(frames["coder"]) == {"student-a"}


def test_save_refuses_incomplete_codes_and_kit_folders(coder, tmp_path):
    with pytest.raises(KitError, match="2 unit\\(s\\) have no primary frame yet: p02, p03"):
        coder.code("p01", "political")
        coder.save(tmp_path / "x.csv")
    coder.code_all({"p02": "economic", "p03": "morality"})
    folders = (paths.texts_dir(), paths.notebooks_dir() / "sub", paths.exercises_dir(), paths.PACKAGE_DIR)
    for folder in folders:
        with pytest.raises(OutputError, match=r"codes\.csv: refusing to write into \w+/, which holds the kit's sources"):
            coder.save(folder / "codes.csv")
        assert not (folder / "codes.csv").exists()


def test_save_follows_the_output_folder_rules_of_every_command(coder, tmp_path):
    """The rules of kit/outdir.py: a folder ``kit run`` built is replaced whole on its next run, so a
    file saved there would be lost (or block that run); a folder, a wrong type, an unwritable place
    get one line each; a missing folder is created, and the file is written all at once."""
    coder.code_all({"p01": "political", "p02": "economic", "p03": "morality"})
    with outdir.building(tmp_path / "build" / "oped") as staging:
        (staging / "index.html").write_text("a run's page", encoding="utf-8")
    with pytest.raises(OutputError, match=r"refusing to write into oped/, an output folder the kit replaces whole"):
        coder.save(tmp_path / "build" / "oped" / "sub" / "codes.csv")
    assert outdir.foreign_entries(tmp_path / "build" / "oped") == [], "the run's folder is as the run left it"
    with pytest.raises(OutputError, match=r"is a folder, not a file"):
        coder.save(tmp_path)
    with pytest.raises(OutputError, match=r"an output file is a path, got int"):
        coder.save(5)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match=r"a-file is a file, not a folder"):
        coder.save(tmp_path / "a-file" / "codes.csv")
    saved = coder.save(tmp_path / "new" / "folder" / "codes.csv")
    assert saved.read_text(encoding="utf-8").startswith(",".join(CSV_COLUMNS))
    assert sorted(p.name for p in saved.parent.iterdir()) == ["codes.csv"], "no temporary file left beside it"


def test_codings_feed_agreement_and_the_exercise_check(oped):
    mine = Coder(oped, units=EXERCISE1_SENTENCES, coder="me").code_all(dict.fromkeys(EXERCISE1_SENTENCES, "political"))
    assert check_coding(mine.codes()).passed
    other = Coder(oped, units=EXERCISE1_SENTENCES, coder="partner")
    other.code_all({u: ("political" if i % 2 else "economic") for i, u in enumerate(EXERCISE1_SENTENCES)})
    codings = pd.concat([mine.codings(), other.codings()], ignore_index=True)
    assert krippendorff_alpha(codings) == pytest.approx(krippendorff_alpha(codings.iloc[::-1]))


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"units": ["p9"]}, "'p9' is not a unit of 'oped' (did you mean 'p09'?)"),
        ({"units": []}, "no units to code"),
        ({"units": ["p01", "p01"]}, "a unit is listed twice"),
        ({"coder": ""}, "coder should be a non-empty name"),
        ({"codebook": "nope"}, "nope"),
    ],
)
def test_bad_arguments_get_one_clear_error(oped, kwargs, problem):
    with pytest.raises(KitError, match=problem.replace("(", "\\(").replace(")", "\\)").replace("?", "\\?")):
        Coder(oped, **kwargs)


def test_code_rejects_unknown_units_and_frames(coder):
    with pytest.raises(KitError, match="not among the units to code"):
        coder.code("p04", "political")
    with pytest.raises(KitError, match="'politics' is not a frame of the mfc codebook \\(did you mean 'political'\\?\\)"):
        coder.code("p01", "politics")


def test_without_widgets_the_coder_prints_what_is_left(coder):
    coder.code("p02", "economic")
    assert str(coder) == "Coder for 'oped' (mfc codebook): 1 of 3 coded; still to code: p01, p03"
