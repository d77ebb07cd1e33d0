"""Benchmark: how the kit's time grows with the length of a text, from 1,000 to 1,000,000 words.

Texts of each size are built from the kit's own paragraphs (``bench/corpus.py``) and written as
text files with front matter, so ``load_text`` reads a real file. Every public analysis and
display function is timed on each size, then ``python -m kit run`` (every lesson, executed and
exported to HTML) on the sizes chosen for it. The script prints, per function, the time at each
size, the slope between consecutive sizes (log time ratio / log size ratio: 1.0 is linear, 2.0
quadratic) and the peak memory it allocated (tracemalloc, measured in a second call so that the
timing is not slowed by it); for ``kit run``, the wall time, the peak resident memory of its
largest process and the size of the largest lesson page. The adversarial 50 kB inputs of frame
coding (runs such as ``x-war,`` with no space) are timed too.

The exit status is 1 when a slope exceeds ``--max-slope`` (default 1.2) between two sizes of
at least 10,000 words whose times are both at least ``--min-seconds`` (shorter times are mostly
noise), or when an adversarial input takes more than ``--max-adversarial`` seconds.

Run from the repository root; a quick run (about a minute)::

    .venv/bin/python -m bench.bench_scaling --sizes 1k,10k --run-sizes 1k

The full run (an hour or more on 2 cores)::

    .venv/bin/python -m bench.bench_scaling --sizes 1k,10k,100k,1M --run-sizes 1k,10k,100k,1M

Figures measured on the development machine are in the README's performance table. The corpus
repeats the kit's paragraphs, so anything that caches by text would look better here than on a
real long text: the kit caches nothing by text content.
"""

from __future__ import annotations

import argparse
import math
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.corpus import corpus_paragraphs

ADVERSARIAL_UNITS = ("x-war,", "a-drone.", "1,2-drone", "a'troops.")
ADVERSARIAL_BYTES = 50_000


def parse_size(text: str) -> int:
    """``1k`` -> 1000, ``1M`` -> 1000000, ``2500`` -> 2500."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmM]?)\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"size {text!r}: write e.g. 1k, 10k, 100k or 1M")
    factor = {"": 1, "k": 1_000, "m": 1_000_000}[m.group(2).lower()]
    return int(float(m.group(1)) * factor)


def parse_sizes(text: str) -> list[int]:
    return sorted({parse_size(part) for part in text.split(",") if part.strip()}) if text.strip() else []


def write_text(folder: Path, n_words: int, seed: int = 20250318) -> Path:
    """A text file of about ``n_words`` words (the kit's paragraphs, shuffled), with front matter."""
    chosen = corpus_paragraphs(n_words, seed)
    slug = f"scaling-{n_words}"
    path = folder / f"{slug}.md"
    # Two disjoint segments that grow with the text: every tenth paragraph, from the first and the second.
    width = max(2, len(str(len(chosen))))
    units = {k: ", ".join(f"p{i:0{width}d}" for i in range(k, len(chosen) + 1, 10)) for k in (1, 2)}
    front = (
        f"---\ntitle: Scaling benchmark, {n_words:,} words\nslug: {slug}\ngenre: constructed\nconstructed: true\n"
        "segments:\n"
        f"  first_of_ten:\n    description: every tenth paragraph from p01\n    units: [{units[1]}]\n"
        f"  second_of_ten:\n    description: every tenth paragraph from p02\n    units: [{units[2]}]\n"
        "---\n\n"
    )
    path.write_text(front + "\n\n".join(chosen) + "\n", encoding="utf-8")
    return path


def functions() -> list[tuple[str, Callable[[Any, Path], Any]]]:
    """(name, call(doc, path)) for every public function worth timing, in lesson order."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from kit import compare, display, framing, quotes, sentiment, words
    from kit.text import forget_loaded_texts, load_text

    def figure(make: Callable[[Any], Any]) -> Callable[[Any, Path], Any]:
        """Make the figure and render it as the lessons do (PNG at 110 dpi)."""

        def draw(doc: Any, path: Path) -> None:
            import io

            fig = make(doc)
            fig.savefig(io.BytesIO(), format="png", dpi=110)
            plt.close(fig)

        return draw

    def segments(doc: Any) -> tuple[Any, Any]:
        return compare.resolve_segment(doc, "first_of_ten"), compare.resolve_segment(doc, "second_of_ten")

    return [
        ("load_text", lambda doc, path: (forget_loaded_texts(), load_text(path))),  # a cold load, not a kept one
        ("Document.table", lambda doc, path: doc.table()),
        ("Document.paragraph_table", lambda doc, path: doc.paragraph_table()),
        ("Document.structure", lambda doc, path: doc.structure()),
        ("words.word_frequencies", lambda doc, path: words.word_frequencies(doc, top=20)),
        ("words.kwic", lambda doc, path: words.kwic(doc, "drone*")),
        ("sentiment.score", lambda doc, path: sentiment.score(doc)),
        ("sentiment.score paragraph", lambda doc, path: sentiment.score(doc, unit="paragraph")),
        ("sentiment.disagreements", lambda doc, path: sentiment.disagreements(sentiment.score(doc))),
        ("sentiment.explain", lambda doc, path: sentiment.explain(doc, doc=doc)),
        ("sentiment.override_effect", lambda doc, path: sentiment.override_effect(doc, "military")),
        ("framing.code", lambda doc, path: framing.code(doc)),
        ("framing.salience", lambda doc, path: framing.salience(doc)),
        ("framing.dominant_frames", lambda doc, path: framing.dominant_frames(doc)),
        ("framing.to_generic", lambda doc, path: framing.to_generic(framing.code(doc))),
        ("quotes.quotes_table", lambda doc, path: quotes.quotes_table(doc)),
        ("quotes.quoted_terms", lambda doc, path: quotes.quoted_terms(doc)),
        ("quotes.voices", lambda doc, path: quotes.voices(doc)),
        ("quotes.sentence_voices", lambda doc, path: quotes.sentence_voices(doc)),
        ("quotes.actors", lambda doc, path: quotes.actors(doc)),
        ("compare.compare", lambda doc, path: compare.compare(doc, *segments(doc))),
        (
            "compare.difference_test",
            lambda doc, path: compare.difference_test(
                doc, *segments(doc), measure="vader_compound", n_permutations=1000, seed=1
            ),
        ),
        ("compare.ablation", lambda doc, path: compare.ablation(doc, segments(doc)[0])),
        ("display.paragraph_lengths", figure(lambda doc: display.paragraph_lengths(doc))),
        ("display.sentiment_arc", figure(lambda doc: display.sentiment_arc(sentiment.score(doc)))),
        ("display.lexicon_scatter", figure(lambda doc: display.lexicon_scatter(sentiment.score(doc)))),
        ("display.frame_heatmap", figure(lambda doc: display.frame_heatmap(framing.salience(doc)))),
        ("display.voices_bar", figure(lambda doc: display.voices_bar(quotes.voices(doc)))),
        ("display.frames_html", lambda doc, path: display.frames_html(doc)),
        ("display.sentiment_html", lambda doc, path: display.sentiment_html(doc)),
        ("display.quotes_html", lambda doc, path: display.quotes_html(doc)),
    ]


def time_call(call: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    call()
    return time.perf_counter() - t0


def peak_memory(call: Callable[[], Any]) -> int:
    """Peak bytes allocated by Python while ``call`` runs (tracemalloc)."""
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def slope(n1: int, t1: float, n2: int, t2: float) -> float:
    return math.log(t2 / t1) / math.log(n2 / n1) if t1 > 0 and t2 > 0 else float("nan")


def time_kit_run(path: Path, out: Path) -> tuple[float, float, int]:
    """Wall time and peak resident memory (largest process, MB) of ``python -m kit run``; largest HTML page."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t0 = time.perf_counter()\n"
        "r = subprocess.run([sys.executable, '-m', 'kit', 'run', '--text', sys.argv[1], '--out', sys.argv[2]],"
        " stdout=subprocess.DEVNULL)\n"
        "print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(path), str(out)], capture_output=True, text=True, check=True
    )
    seconds, max_rss_kb, code = done.stdout.split()
    if int(code):  # the probe passed kit run's own error output through on stderr
        raise SystemExit(f"kit run failed on {path} (exit {code}):\n{done.stderr[-4000:]}")
    pages = [p.stat().st_size for p in out.glob("*.html") if p.name != "index.html"]
    return float(seconds), int(max_rss_kb) / 1024, max(pages, default=0)


def adversarial(report: Callable[[str], None], limit: float) -> bool:
    from kit import framing
    from kit.text import from_string

    framing.code(from_string("warm up the codebook"))
    ok = True
    report(f"\nadversarial inputs, {ADVERSARIAL_BYTES // 1000} kB each: framing.code (target < {limit} s)")
    for unit in ADVERSARIAL_UNITS:
        doc = from_string(unit * (ADVERSARIAL_BYTES // len(unit)))
        seconds = time_call(lambda doc=doc: framing.code(doc))
        ok &= seconds < limit
        report(f"  {unit!r:>12}: {seconds:.3f} s{'' if seconds < limit else '  <-- over target'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_scaling", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=parse_sizes("1k,10k,100k"),
        help="word counts for the functions, e.g. 1k,10k,100k,1M",
    )
    parser.add_argument(
        "--run-sizes",
        type=parse_sizes,
        default=parse_sizes("1k,10k"),
        help="word counts for python -m kit run ('' for none)",
    )
    parser.add_argument(
        "--only", action="append", default=[], help="time only functions whose name contains this (repeatable)"
    )
    parser.add_argument(
        "--no-memory", action="store_true", help="skip the second, memory-measuring call of each function"
    )
    parser.add_argument("--max-slope", type=float, default=1.2)
    parser.add_argument("--min-seconds", type=float, default=0.05)
    parser.add_argument("--max-adversarial", type=float, default=0.5)
    args = parser.parse_args(argv)
    report = print
    from kit.text import load_text

    chosen = [(n, f) for n, f in functions() if not args.only or any(o in n for o in args.only)]
    ok = True
    with tempfile.TemporaryDirectory(prefix="kit-scaling-") as tmp:
        folder = Path(tmp)
        sizes = sorted(set(args.sizes) | set(args.run_sizes))
        paths = {n: write_text(folder, n) for n in sizes}
        docs = {n: load_text(paths[n]) for n in args.sizes}
        for n in args.sizes:
            report(
                f"text of {n:,} words requested: {docs[n].n_words:,} words, {len(docs[n].paragraphs):,} paragraphs, {len(docs[n].sentences):,} sentences"
            )
        for _, fn in chosen:  # warm imports, codebooks and lexicons once, on the smallest text
            fn(docs[args.sizes[0]], paths[args.sizes[0]])
        header = "function".ljust(28) + "".join(f"{n:>12,}" for n in args.sizes) + "   slopes" + "   peak MB"
        report("\n" + header)
        for name, fn in chosen:
            times = []
            for n in args.sizes:
                doc, path = docs[n], paths[n]
                times.append(time_call(lambda doc=doc, path=path, fn=fn: fn(doc, path)))
            mem = (
                ""
                if args.no_memory
                else f"{peak_memory(lambda fn=fn: fn(docs[args.sizes[-1]], paths[args.sizes[-1]])) / 2**20:8.0f}"
            )
            slopes = []
            pairs = list(zip(args.sizes, times, strict=True))
            for (n1, t1), (n2, t2) in zip(pairs, pairs[1:], strict=False):
                s = slope(n1, t1, n2, t2)
                judged = n1 >= 10_000 and min(t1, t2) >= args.min_seconds
                flag = "!" if judged and s > args.max_slope else ("" if judged else "~")
                ok &= not (judged and s > args.max_slope)
                slopes.append(f"{s:.2f}{flag}")
            report(name.ljust(28) + "".join(f"{t:11.3f}s" for t in times) + "   " + " ".join(slopes) + "   " + mem)
        report("(slopes: '~' not judged: below 10,000 words or under the time floor; '!' above the limit)")
        ok &= adversarial(report, args.max_adversarial)
        if args.run_sizes:
            report("\npython -m kit run (every lesson executed and exported)")
            runs = []
            for n in args.run_sizes:
                seconds, rss, page = time_kit_run(paths[n], folder / f"build-{n}")
                runs.append((n, seconds))
                extra = f", slope {slope(*runs[-2], n, seconds):.2f}" if len(runs) > 1 else ""
                report(
                    f"  {n:>9,} words: {seconds:7.1f} s, peak {rss:,.0f} MB (largest process), largest lesson page {page / 1e6:.1f} MB{extra}"
                )
                if len(runs) > 1 and runs[-2][0] >= 10_000 and slope(*runs[-2], n, seconds) > args.max_slope:
                    ok = False
    report(
        "\nOK: every judged slope within the limit"
        if ok
        else "\nFAILED: a slope or an adversarial input is over its limit"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
