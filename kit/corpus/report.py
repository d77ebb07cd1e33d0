"""``python -m kit corpus``: run a corpus and write its tables (CSV, Parquet with pyarrow) and a report.

Per-text tables are streamed to CSV as the batches come back, so the Documents of a large corpus are
never all in memory; the small tables the figures need (one row per text, or per text and frame) are
kept. The report (``index.html``) embeds its figures as PNG and loads nothing from the web.

Output goes through :func:`kit.outdir.building`: only into a folder the kit owns (new, empty, or
written by the kit before), built in a temporary sibling and swapped in when complete, under a lock,
so an interrupted run leaves the previous complete output. The folders the corpus reads from, and
``texts/``, ``notebooks/`` and ``exercises/``, are never written.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from kit import outdir
from kit.corpus.analyses import Plan
from kit.corpus.documents import PROBLEM_COLUMNS, Corpus
from kit.corpus.execute import run_plan
from kit.corpus.tables import labelled
from kit.errors import OutputError

#: Tables written per text (streamed) and those also kept for the figures and the report.
STREAMED = ("quotes", "voices")
KEPT = ("texts", "frame_profile", "sentiment_summary", "sourcing")
FILE_NAMES = {
    "texts": "texts.csv",
    "frame_profile": "frame_profiles.csv",
    "sentiment_summary": "sentiment.csv",
    "sourcing": "sourcing.csv",
    "quotes": "quotes.csv",
    "voices": "voices.csv",
}
#: Above this many texts the heatmap (one row per text) is left out of the report: it would be unreadable.
MAX_HEATMAP_TEXTS = 120
#: Texts' kept rows are joined into one table every this many texts (memory bounded on large corpora).
COMPACT_EVERY = 256


@dataclass
class CorpusRun:
    """What a corpus run wrote: the folder, the number of texts analysed, and the skipped ones."""

    out_dir: Path
    n_texts: int
    n_words: int
    skipped: pd.DataFrame


def check_out_dir(out_dir: Path, corpus: Corpus) -> Path:
    """The output folder, if the kit may write it (:func:`kit.outdir.check_target`), and not inside a
    folder this corpus reads from."""
    target = outdir.check_target(out_dir, corpus.paths)
    for folder in sorted({p.parent.resolve() for p in corpus.paths}):
        if target == folder or folder in target.parents:
            raise OutputError(out_dir, f"is inside {folder}, a folder this corpus reads", "pass --out build/corpus")
    return target


class _Tables:
    """CSV files appended text by text (the header once), beside the rows kept for the report."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.started: set[str] = set()
        # kept: one table per COMPACT_EVERY texts; recent: the texts' own tables since the last join
        self.kept: dict[str, list[pd.DataFrame]] = {name: [] for name in KEPT}
        self.recent: dict[str, list[pd.DataFrame]] = {name: [] for name in KEPT}

    def add(self, slug: str, tables: dict[str, pd.DataFrame]) -> None:
        for name, table in tables.items():
            part = labelled(table, slug)
            if name in self.kept and len(part):
                self.keep(name, part)
            if len(part) or name not in self.started:
                path = self.folder / FILE_NAMES[name]
                part.to_csv(
                    path, mode="a" if name in self.started else "w", header=name not in self.started, index=False
                )
                self.started.add(name)

    def keep(self, name: str, part: pd.DataFrame) -> None:
        """Keep a text's rows; every ``COMPACT_EVERY`` parts become one table (a small table's overhead
        is many times its rows, so thousands of them would hold most of the memory)."""
        parts, recent = self.kept[name], self.recent[name]
        recent.append(part)
        if len(recent) == COMPACT_EVERY:
            parts.append(pd.concat(recent, ignore_index=True))
            recent.clear()

    def table(self, name: str) -> pd.DataFrame:
        parts = self.kept[name] + self.recent[name]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def write_parquet(folder: Path) -> list[Path]:
    """A Parquet copy of every CSV when pyarrow is installed (it is not a dependency); else nothing."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return []
    written = []
    for csv in sorted(folder.glob("*.csv")):
        target = csv.with_suffix(".parquet")
        pd.read_csv(csv, keep_default_na=False, na_values=[""]).to_parquet(target, index=False)
        written.append(target)
    return written


def _png(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _figures(tables: _Tables) -> list[tuple[str, str]]:
    from kit.corpus import figures

    out = []
    profiles = tables.table("frame_profile")
    if len(profiles) and profiles["text"].nunique() <= MAX_HEATMAP_TEXTS:
        out.append(("Frame profiles across the corpus", _png(figures.frame_profile_heatmap(profiles))))
    sourcing = tables.table("sourcing")
    if len(sourcing) and len(sourcing) <= MAX_HEATMAP_TEXTS:
        out.append(("Sourcing", _png(figures.sourcing_plot(sourcing))))
    return out


def per_frame_summary(profiles: pd.DataFrame) -> pd.DataFrame:
    """One row per frame: mean share over the coded texts, texts using it, texts it dominates."""
    coded = profiles.dropna(subset=["share"])
    dominant = coded.loc[coded.groupby("text", sort=False)["hits"].idxmax()]
    dominant = dominant[dominant["hits"] > 0]["frame"].value_counts()
    summary = coded.groupby("frame", sort=False).agg(
        label=("label", "first"), mean_share=("share", "mean"), texts_using=("hits", lambda h: int((h > 0).sum()))
    )
    summary["texts_dominated"] = [int(dominant.get(f, 0)) for f in summary.index]
    return summary.reset_index().sort_values("mean_share", ascending=False, kind="stable")


def _report_html(
    corpus: Corpus, run: CorpusRun, figures: list[tuple[str, str]], frames: pd.DataFrame, per_text: pd.DataFrame
) -> str:
    skipped = (
        "<p>No text was skipped.</p>"
        if run.skipped.empty
        else f"<h2>Skipped ({len(run.skipped)})</h2>" + run.skipped.to_html(index=False, escape=True)
    )
    figs = "\n".join(
        f'<h2>{html.escape(title)}</h2>\n<img alt="{html.escape(title)}" src="data:image/png;base64,{data}">'
        for title, data in figures
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Corpus report: {html.escape(corpus.name)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;line-height:1.45}}
img{{max-width:100%}} table{{border-collapse:collapse;font-size:.9em}} td,th{{border:1px solid #ccc;padding:.2em .5em}}</style>
</head><body>
<h1>Corpus report</h1>
<p>{run.n_texts} texts, {run.n_words:,} words, from <code>{html.escape(corpus.name)}</code>.
Tables beside this page: {", ".join(f"<code>{n}</code>" for n in FILE_NAMES.values())}.</p>
{skipped}
{figs}
<h2>Frames across the corpus</h2>
{frames.round(3).to_html(index=False, escape=True)}
<h2>Texts</h2>
{per_text.round(3).to_html(index=False, escape=True)}
<p>Made by the media-framing teaching kit (<code>python -m kit corpus</code>), offline, on this machine.</p>
</body></html>
"""


def _per_text(tables: _Tables) -> pd.DataFrame:
    texts, sentiment, sourcing = tables.table("texts"), tables.table("sentiment_summary"), tables.table("sourcing")
    if texts.empty:
        return texts
    profiles = tables.table("frame_profile")
    top = profiles.loc[profiles.groupby("text", sort=False)["hits"].idxmax()].set_index("text")
    out = texts[["text", "title", "n_words"]].copy()
    out["dominant_frame"] = [top.at[t, "label"] if top.at[t, "hits"] > 0 else "" for t in out["text"]]
    out["vader_compound"] = sentiment["vader_compound"].to_numpy()
    for column in ("share_quoted_words", "speakers", "share_officials"):
        out[column] = sourcing[column].to_numpy()
    return out


def write_corpus(
    sources: Iterable[str | Path],
    out_dir: str | Path,
    codebook: str = "mfc",
    executor: Any = None,
    batch_size: int | None = None,
    progress: bool | None = None,
    report: Callable[[str], None] = print,
) -> CorpusRun:
    """Run the corpus and write its tables and ``index.html`` into ``out_dir`` (new or empty)."""
    corpus = Corpus(list(sources))
    final = check_out_dir(Path(out_dir), corpus)
    plan = Plan((*KEPT, *STREAMED), codebook)
    with outdir.building(final, inputs=corpus.paths) as work:
        tables = _Tables(work)
        skipped = list(corpus.problems.itertuples(index=False, name=None))
        n_texts = n_words = 0
        report(f"Analysing {len(corpus)} text file(s) from {corpus.name} -> {final}")
        for result in run_plan(corpus.paths, plan, executor, batch_size, progress, description="texts"):
            if result.problem:
                skipped.append((result.path, result.problem))
                continue
            tables.add(result.slug, result.tables)
            n_texts, n_words = n_texts + 1, n_words + result.n_words
        run = CorpusRun(final, n_texts, n_words, pd.DataFrame(skipped, columns=PROBLEM_COLUMNS))
        run.skipped.to_csv(work / "skipped.csv", index=False)
        write_parquet(work)
        frames = per_frame_summary(tables.table("frame_profile")) if n_texts else pd.DataFrame()
        page = _report_html(corpus, run, _figures(tables), frames, _per_text(tables))
        (work / "index.html").write_text(page, encoding="utf-8")
    for problem in run.skipped["problem"]:
        report(f"skipped: {problem}")
    report(f"{n_texts} text(s) analysed, {len(run.skipped)} skipped. Open {final / 'index.html'}")
    return run
