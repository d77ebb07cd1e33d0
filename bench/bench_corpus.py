"""Benchmark of corpus mode (``kit.corpus``): per-text overhead, and serial against a process pool.

Run from the repository root (``--texts`` short texts of about 250 words, default 200)::

    .venv/bin/python -m bench.bench_corpus --texts 1000

The short texts are written to a temporary folder, each made of paragraphs of the kit's own texts
(seeded shuffle, no downloads). Printed, as ratios within one run:

- the corpus's default analyses (texts, frame profile, sentiment summary, sourcing, quotes, voices)
  serial, in words/s and milliseconds per text;
- the same analyses called in a plain loop over Documents already loaded (what corpus mode adds);
- the same analyses on **one long text** holding all the short texts' paragraphs (how much the
  per-text cost eats: goal >= 0.5 for short / long);
- a process pool of 2 workers against serial (goal >= 1.7x);
- the peak resident memory of this process and of its pool workers;
- the peak resident memory of ``python -m kit corpus`` (the command, which streams its tables to disk)
  run serially in a child process on two corpus sizes (``--rss-texts``, default 500 and 1,000 short texts,
  both above the report's ``MAX_HEATMAP_TEXTS``, where it stops drawing a row per text, so the two
  measure the same work), and the straight line through the two extrapolated to 20,000 texts (target:
  under 1 GiB);
- what a 100,000-text archive of texts this long would take at the measured rates (one core, the pool
  of this machine, a dask cluster of N single-core workers), beside the same estimate at the issue's
  target rates (100,000 words/s per core, 1.7x on two workers).

Targets from the issue: >= 100,000 words/s for the full analyses on one core; >= 1.7x with two
workers. Measured on the development machine (2 cores shared with other jobs, load average 5-15, so
wall-clock figures swing by 3x between runs; the CPU-time line is the stable one), December 2026:

    --texts 1000: serial 188.7 ms per text wall (1,504 words/s); plain loop 1.37x faster than corpus mode
                  before the sourcing summary stopped re-extracting quotes; one long text 0.41;
                  pool of 2: 0.70x serial (the machine had no second core free); peak RSS 375 MiB
    --texts 100:  CPU 49.9-51.6 ms per 282-word text -> 5,469-5,651 words/s per core (target 100,000:
                  NOT met); short / long 0.30-0.48 by CPU time; pool of 2: 1.62x serial in the quieter
                  run, 0.53x in a busy one; peak RSS 137 MiB (pool workers 115 MiB)

    --texts 200 (quiet machine, load 0.1, after one extraction pass per text, tables typed while built
                  and front matter on the C YAML parser): CPU 31.1 ms per 286-word text -> 9,199
                  words/s per core (target 100,000: NOT met); plain loop 18,944 words/s (corpus mode
                  2.06x the loop, file loading included); short / long 0.47; pool of 2: 1.63x
                  serial (target 1.7x: NOT met); peak RSS 178 MiB (pool workers 150 MiB)

    --texts 200 (busy machine, load 6-7), before / after the tables are labelled once per table
                  instead of once per text (kit.corpus.tables.stack; cProfile: labelling the 6 x 200
                  per-text tables one by one was 27 % of corpus mode, loading the files 4 %): CPU
                  8,063 -> 11,120 words/s per core; plain loop 13,531 / 13,616 words/s, so corpus mode
                  1.68x -> 1.22x the loop over Documents loaded beforehand; against a loop that also
                  calls load_text, three interleaved runs each, 0.95x (min CPU 4.82 s against 5.06 s):
                  what is left is loading the files, not the corpus machinery

    --texts 200, two runs (load 2.4-3.9), with the command's memory and the archive estimates: CPU
                  10.0 ms per 288-word text -> 28,768 / 28,782 words/s per core (target 100,000: NOT
                  met); plain loop 35,984 / 36,088; short / long 0.33 / 0.32; pool of 2: 1.43x / 1.47x
                  serial (target 1.7x: NOT met); peak RSS 232 MiB (pool workers 182 MiB). The command,
                  serial: 222 MiB at 500 texts, 233 MiB at 1,000 -> 634 / 653 MiB extrapolated to
                  20,000 texts (target 1 GiB: met). Before its kept rows were joined every 256 texts
                  (kit.corpus.report.COMPACT_EVERY; one small DataFrame per text and table cost about
                  80 kB each): 211 / 235 / 274 / 351 MiB at 250 / 500 / 1,000 / 2,000 texts, about
                  1.8-2.1 GiB at 20,000 (NOT met); after: 233 / 252 MiB at 1,000 / 2,000. A 100,000-
                  text archive (28.8 million words): 16.7-17.2 min on one core (4.8 at the target
                  rate), 11.4-18.5 min on this machine's pool of 2 (2.8), 1.0-1.1 min on 16 dask
                  workers without scheduling cost (0.3).

Where the time goes (CPU per ~300-word news text, measured on texts/news/ and the op-ed): load 4.3 ms,
frame profile 3.2, sentiment summary 6.7, quotes 5.0, voices 10.2, sourcing about 15 ms. The cost is in
the single-text analyses (quote extraction runs once per quotes/voices/speakers call), not in the corpus
machinery, which adds the file loading (about 5 %) on top of a plain loop.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.corpus import paragraphs_of_kit_texts
from kit.corpus import DEFAULT_ANALYSES, Corpus, analyse
from kit.corpus.analyses import Plan, analyse_document
from kit.corpus.report import MAX_HEATMAP_TEXTS
from kit.text import from_string, load_text

TARGET_WORDS_PER_SECOND = 100_000
TARGET_POOL_SPEED_UP = 1.7
TARGET_SHORT_OVER_LONG = 0.5
TARGET_RSS_MIB = 1024
RSS_TEXTS = 20_000
ARCHIVE_TEXTS = 100_000
DASK_WORKERS = 16


def write_short_texts(folder: Path, n_texts: int, words_per_text: int = 250, seed: int = 20250318) -> list[str]:
    """``n_texts`` files of about ``words_per_text`` words each in ``folder``; returns their paragraphs."""
    pool = paragraphs_of_kit_texts()
    rng = random.Random(seed)
    everything = []
    for i in range(n_texts):
        chosen, words = [], 0
        while words < words_per_text:
            paragraph = rng.choice(pool)
            chosen.append(paragraph)
            words += len(paragraph.split())
        everything.extend(chosen)
        body = "\n\n".join(chosen)
        (folder / f"t{i:05d}.md").write_text(f"---\ntitle: Text {i}\nslug: t{i:05d}\n---\n\n{body}\n", encoding="utf-8")
    return everything


CPU: dict[str, float] = {}


def _timed(fn, name: str = "") -> float:
    """Wall time of ``fn()``; its CPU time in this process goes to ``CPU[name]`` (contention-free cost)."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    CPU[name] = time.process_time() - c0
    return time.perf_counter() - t0


def extrapolate_rss(n1: int, rss1: float, n2: int, rss2: float, n_target: int) -> float:
    """RSS at ``n_target`` texts on the straight line through ``(n1, rss1)`` and ``(n2, rss2)``.

    A line falling with more texts is noise (memory does not shrink as texts are added): its slope is
    taken as zero, so the estimate is never below the larger of the two measurements.
    """
    per_text = max(0.0, (rss2 - rss1) / (n2 - n1))
    return max(rss1, rss2) + per_text * (n_target - max(n1, n2))


def archive_minutes(n_texts: int, words_per_text: float, words_per_second: float) -> float:
    """Minutes for ``n_texts`` texts of ``words_per_text`` words at ``words_per_second``."""
    return n_texts * words_per_text / words_per_second / 60


def command_peak_rss(paths: list[str], out: Path) -> float:
    """Peak resident memory (MiB) of ``python -m kit corpus PATHS --out OUT --executor serial --quiet``.

    The command runs under a small probe process, so ``RUSAGE_CHILDREN`` sees that one command alone.
    """
    probe = (
        "import resource, subprocess, sys\n"
        "cmd = [sys.executable, '-m', 'kit', 'corpus', *sys.argv[2:], '--out', sys.argv[1], '--executor', 'serial', '--quiet']\n"
        "r = subprocess.run(cmd)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(out), *paths], capture_output=True, text=True, check=True)
    max_rss_kb, code = done.stdout.split()
    if int(code):
        raise SystemExit(f"python -m kit corpus failed (exit {code}):\n{done.stderr[-4000:]}")
    return int(max_rss_kb) / 1024


def commands_peak_rss(sizes: tuple[int, int]) -> dict[int, float]:
    """Peak RSS (MiB) of the command on the first ``n`` of ``max(sizes)`` short texts, for each ``n``."""
    if min(sizes) <= MAX_HEATMAP_TEXTS:
        print(f"note: at {min(sizes)} texts the report draws a row per text (up to {MAX_HEATMAP_TEXTS}): not linear")
    with tempfile.TemporaryDirectory() as texts, tempfile.TemporaryDirectory() as outs:  # out may not be in texts
        write_short_texts(Path(texts), max(sizes))
        paths = [str(p) for p in Corpus(texts).paths]
        return {n: command_peak_rss(paths[:n], Path(outs) / f"out-{n}") for n in sorted(set(sizes))}


def main(n_texts: int = 200, workers: int = 2, rss_texts: tuple[int, int] = (500, 1000)) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paragraphs = write_short_texts(folder, n_texts)
        corpus = Corpus(folder)
        docs = [load_text(p) for p in corpus.paths]
        n_words = sum(d.n_words for d in docs)
        plan = Plan(DEFAULT_ANALYSES)
        analyse(corpus.paths[:4], DEFAULT_ANALYSES, executor="serial")  # warm caches: codebook, lexicons

        serial = _timed(lambda: analyse(corpus, DEFAULT_ANALYSES, executor="serial"), "serial")
        loop = _timed(lambda: [analyse_document(d, plan) for d in docs], "loop")
        long_doc = from_string("\n\n".join(paragraphs), slug="long")
        long_time = _timed(lambda: analyse_document(long_doc, plan), "long")
        with ProcessPoolExecutor(workers) as pool:
            analyse(corpus.paths[: 2 * workers], DEFAULT_ANALYSES, executor=pool, batch_size=1)  # start the workers
            pooled = _timed(lambda: analyse(corpus, DEFAULT_ANALYSES, executor=pool))
        peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # before the commands below
        command_rss = commands_peak_rss(rss_texts)
    rate = {"serial": n_words / serial, "loop": n_words / loop, "long": long_doc.n_words / long_time}
    rate["pool"] = n_words / pooled

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    print(
        f"corpus: {n_texts:,} texts, {n_words:,} words ({n_words / n_texts:.0f} per text); analyses {', '.join(DEFAULT_ANALYSES)}"
    )
    print(
        f"serial (kit.corpus, executor='serial'): {serial:.2f} s -> {rate['serial']:,.0f} words/s, "
        f"{1000 * serial / n_texts:.1f} ms per text (target {TARGET_WORDS_PER_SECOND:,}: "
        f"{verdict(rate['serial'] >= TARGET_WORDS_PER_SECOND)})"
    )
    print(
        f"plain loop over loaded Documents: {loop:.2f} s -> {rate['loop']:,.0f} words/s; "
        f"corpus mode costs {serial / loop:.2f}x the loop (loading each file included)"
    )
    print(
        f"one long text of {long_doc.n_words:,} words: {long_time:.2f} s -> {rate['long']:,.0f} words/s; "
        f"short / long = {rate['serial'] / rate['long']:.2f} (goal {TARGET_SHORT_OVER_LONG}: "
        f"{verdict(rate['serial'] / rate['long'] >= TARGET_SHORT_OVER_LONG)})"
    )
    speed_up = rate["pool"] / rate["serial"]
    print(
        f"process pool, {workers} workers: {pooled:.2f} s -> {rate['pool']:,.0f} words/s; "
        f"{speed_up:.2f}x serial (target {TARGET_POOL_SPEED_UP}x: {verdict(speed_up >= TARGET_POOL_SPEED_UP)})"
    )
    print(
        f"CPU time (this process; wall time above includes waiting for a busy machine): serial "
        f"{CPU['serial']:.2f} s -> {n_words / CPU['serial']:,.0f} words/s per core, "
        f"{1000 * CPU['serial'] / n_texts:.1f} ms per text; loop {n_words / CPU['loop']:,.0f} words/s; "
        f"long text {long_doc.n_words / CPU['long']:,.0f} words/s; short / long {CPU['long'] / CPU['serial']:.2f}"
    )
    print(f"peak RSS: this process {peak_self:,.0f} MiB, largest pool worker {peak_children:,.0f} MiB")
    (n1, rss1), (n2, rss2) = min(command_rss.items()), max(command_rss.items())
    rss_estimate = extrapolate_rss(n1, rss1, n2, rss2, RSS_TEXTS)
    print(
        f"python -m kit corpus (serial, tables streamed to disk): peak RSS {rss1:,.0f} MiB for {n1:,} texts, "
        f"{rss2:,.0f} MiB for {n2:,}; extrapolated to {RSS_TEXTS:,} texts: {rss_estimate:,.0f} MiB "
        f"(target < {TARGET_RSS_MIB:,} MiB: {verdict(rss_estimate < TARGET_RSS_MIB)})"
    )
    words_per_text = n_words / n_texts
    per_core = n_words / CPU["serial"]
    minutes = {
        "one core": archive_minutes(ARCHIVE_TEXTS, words_per_text, per_core),
        f"this machine, pool of {workers}": archive_minutes(ARCHIVE_TEXTS, words_per_text, rate["pool"]),
        f"dask, {DASK_WORKERS} single-core workers (no scheduling cost)": archive_minutes(
            ARCHIVE_TEXTS, words_per_text, per_core * DASK_WORKERS
        ),
    }
    targets = {
        "one core": archive_minutes(ARCHIVE_TEXTS, words_per_text, TARGET_WORDS_PER_SECOND),
        f"this machine, pool of {workers}": archive_minutes(
            ARCHIVE_TEXTS, words_per_text, TARGET_WORDS_PER_SECOND * TARGET_POOL_SPEED_UP
        ),
        f"dask, {DASK_WORKERS} single-core workers (no scheduling cost)": archive_minutes(
            ARCHIVE_TEXTS, words_per_text, TARGET_WORDS_PER_SECOND * DASK_WORKERS
        ),
    }
    print(
        f"a {ARCHIVE_TEXTS:,}-text archive ({ARCHIVE_TEXTS * words_per_text / 1e6:,.1f} million words) at the "
        "measured rate (CPU time per core; the pool's wall time) / at the target rate:"
    )
    for where, m in minutes.items():
        print(f"  {where}: {m:,.1f} min / target {targets[where]:,.1f} min ({verdict(m <= targets[where])})")
    return rate


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=200, help="number of short texts (default 200)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the pool (default 2)")
    parser.add_argument(
        "--rss-texts",
        type=lambda t: tuple(int(n) for n in t.split(",")),
        default=(500, 1000),
        help="two corpus sizes for the command's peak RSS, e.g. 500,1000 (default)",
    )
    args = parser.parse_args()
    main(args.texts, args.workers, args.rss_texts)
