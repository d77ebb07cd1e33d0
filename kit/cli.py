"""Command line: ``python -m kit`` or ``framing-kit``.

Sub-commands::

    list                    the texts in texts/
    validate TEXT           check a text file (front matter, body) and print its structure
    summary [--text TEXT]   the structure of a text: parts, paragraphs, sentences, words
    pin [--text TEXT] [ID ...]
                            unit ids pinned to their words (p25.s2@3fa9c1), to paste into segments
    run [--text TEXT ...] [--out DIR] [--jobs N]
                            the main job: run every lesson on a text, write notebooks + HTML + index.html
                            (several --text: texts in parallel, one folder each)
    refresh                 maintainers: re-execute the lessons in place (stored outputs) and strip metadata
    exercises build         regenerate the student exercise notebooks from the solutions
    corpus [TEXTS...] [--out DIR] [--executor E] [--quiet] [--strict]
                            many texts at once: per-text and per-frame tables (CSV) and a report
    evaluate frames [--codebook mfc] [--split dev|heldout|all] [--text SLUG ...]
    evaluate quotes [--split dev|heldout|all] [--text SLUG ...]
                            validate a frame codebook against human coding, beside the human ceiling
"""

from __future__ import annotations

import argparse
import logging
import sys

import pandas as pd

import kit
from kit.errors import KitError
from kit.text import list_texts, load_text


def _print_table(df: pd.DataFrame, max_colwidth: int = 70) -> None:
    with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", max_colwidth):
        print(df.to_string(index=False))


def cmd_list(args: argparse.Namespace) -> int:
    _print_table(list_texts().drop(columns=["problem"]))
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    doc = load_text(args.text)
    meta = doc.metadata
    print(f"{doc.title}")
    print(f"{meta.get('outlet', '')} · {meta.get('date', '')} · {meta.get('genre', '')} · slug '{doc.slug}'")
    print(
        f"{len(doc.paragraphs)} body paragraphs, {len(doc.sentences)} sentences, {doc.n_words} words; "
        f"{len(meta.get('captions', []) or [])} captions kept as metadata"
    )
    print()
    table = doc.structure()
    table["text"] = table["text"].map(_shorten)
    _print_table(table)
    return 0


def cmd_pin(args: argparse.Namespace) -> int:
    from kit import pins

    doc = load_text(args.text)
    texts = pins.unit_texts(doc)
    unknown = [u for u in args.ids if pins.split_pin(u)[0] not in texts]
    if unknown:
        from kit.errors import did_you_mean_unit

        raise KitError(f"{doc.path or doc.slug}: {unknown[0]}", "no such paragraph or sentence id in this body",
                       f"use an id that exists{did_you_mean_unit(unknown[0], texts)}; list them with: pin --text {doc.slug}")
    if args.ids:
        print(f"[{', '.join(pins.pinned(doc, pins.split_pin(u)[0]) for u in args.ids)}]")
        return 0
    for unit, text in texts.items():
        print(f"{pins.pinned(doc, unit):<16} {' '.join(text.split()[:10])}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kit import validation

    if args.text_positional and args.text:
        raise SystemExit("error: give the text once: python -m kit validate --text SLUG")
    doc = load_text(args.text or args.text_positional or "oped")
    if args.text_positional:
        print("note: 'validate SLUG' still works; the form shared with run and summary is 'validate --text SLUG'",
              file=sys.stderr)
    found = validation.problems(doc)
    for line in found:
        print(f"error: {line}", file=sys.stderr)
    if found:
        return 2
    print(f"OK: {doc.path or doc.slug} loads as '{doc.slug}': {len(doc.paragraphs)} paragraphs, "
          f"{len(doc.sentences)} sentences, {doc.n_words} words.")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from kit.notebooks import run_many, run_text

    texts = args.text or ["oped"]
    many = len(texts) > 1
    results = run_many(texts, args.out, workers=args.jobs) if many else [run_text(texts[0], args.out)]
    failed = [f"{r.slug} {failure}" for r in results for failure in r.failures]
    for line in failed:
        print(f"failed: {line}", file=sys.stderr)
    return 1 if failed else 0


def cmd_refresh(args: argparse.Namespace) -> int:
    from kit.notebooks import lesson_paths, refresh

    lessons = lesson_paths()
    unknown = [o for o in args.only if not any(o in p.name for p in lessons)]
    if unknown:
        raise KitError(
            unknown[0], "no lesson notebook's name contains this",
            f"use part of a lesson's name: {', '.join(p.stem for p in lessons)}",
        )
    refresh([p for p in lessons if not args.only or any(o in p.name for o in args.only)])
    return 0


def cmd_exercises_build(args: argparse.Namespace) -> int:
    from kit.exercises import build

    for path in build():
        print(f"wrote {path}")
    return 0


def cmd_evaluate_frames(args: argparse.Namespace) -> int:
    from kit.frame_validation import validate_frames
    from kit.framing import lint_codebook

    for problem in lint_codebook(args.codebook):
        print(f"warning: {problem}")
    split = None if args.split == "all" else args.split
    result = validate_frames(args.text or None, codebook=args.codebook, split=split)
    where = ", ".join(args.text) if args.text else f"the news corpus, split {args.split}"
    print(f"Codebook '{result.codebook.name}' against human coding on {where}")
    print("(accuracy: code = reference primary frame; defensible: code in the reference's primary + secondary)")
    print()
    _print_table(result.summary.round(3))
    print()
    print("Per frame: the kit's dominant frame against the reference's primary frame "
          "(coder_f1: the second human coder's F1 on the doubly coded paragraphs)")
    _print_table(result.per_frame.drop(columns=["label"]).round(2))
    return 0


def cmd_evaluate_quotes(args: argparse.Namespace) -> int:
    from kit.quotes.evaluation import corpus_evaluation

    split = None if args.split == "all" else args.split
    result = corpus_evaluation(args.text or None, split=split)
    where = ", ".join(args.text) if args.text else f"the news corpus, split {args.split}"
    print(f"Quote extraction against hand annotation on {where} ({len(result.texts)} texts)")
    print("(a quote matches when half of the shorter span overlaps; a speaker is right when it names the")
    print(" annotated one; found_with_speaker: share of annotated quotes found with the right speaker)")
    print()
    _print_table(result.summary.round(3))
    print()
    print("Speaker accuracy of matched direct and mixed quotes, by the annotation's mention kind")
    _print_table(result.by_mention.round(3))
    return 0


# ---------------------------------------------------------------- corpus (kit/corpus/)
CORPUS_DEFAULT = ["texts/news/", "oped"]


def cmd_corpus(args: argparse.Namespace) -> int:
    from kit import paths
    from kit.corpus.report import write_corpus

    executor = int(args.executor) if args.executor and args.executor.isdigit() else args.executor
    run = write_corpus(
        args.texts or CORPUS_DEFAULT,
        args.out or paths.build_dir() / "corpus",
        codebook=args.codebook,
        executor=executor,
        batch_size=args.batch_size,
        progress=False if args.quiet else None,
        report=(lambda line: None) if args.quiet else print,
    )
    if args.quiet and len(run.skipped):
        for problem in run.skipped["problem"]:
            print(f"skipped: {problem}", file=sys.stderr)
    return 1 if args.strict and len(run.skipped) else 0


def add_corpus_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("corpus", help="many texts at once: tables per text and per frame, and an HTML report")
    p.add_argument("texts", nargs="*", help="folders, globs, slugs or paths (default: texts/news/ oped)")
    p.add_argument("--out", default=None, help="new or empty output folder (default: build/corpus)")
    p.add_argument("--codebook", default="mfc", help="frame codebook name or path (default: mfc)")
    p.add_argument("--executor", default=None,
                   help="serial, processes, a number of worker processes, or dask://HOST:PORT (default: all cores)")
    p.add_argument("--batch-size", type=int, default=None, help="texts per task (default: about 4 tasks per worker)")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no report lines (skipped texts still listed)")
    p.add_argument("--strict", action="store_true", help="exit with status 1 if any text was skipped")
    p.set_defaults(func=cmd_corpus)


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _described(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """Make every ``add_parser`` of ``sub`` show its one-line help as the description of its own --help."""
    add = sub.add_parser

    def add_parser(name: str, **kwargs):
        if "help" in kwargs and "description" not in kwargs:
            kwargs["description"] = kwargs["help"][:1].upper() + kwargs["help"][1:] + "."
        return add(name, **kwargs)

    sub.add_parser = add_parser  # type: ignore[method-assign]
    return sub


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kit",
        description="Media-framing teaching kit: analyse how a news text frames a story (offline).",
    )
    parser.add_argument("--version", action="version", version=f"media-framing-kit {kit.__version__}")
    sub = _described(parser.add_subparsers(dest="command", metavar="COMMAND"))

    p = sub.add_parser("list", help="list the texts in texts/")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("summary", help="print the structure of a text (body, captions, metadata)")
    p.add_argument("--text", default="oped", help="slug or path of the text (default: oped)")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("pin", help="print unit ids pinned to their words, to paste into segments or annotations")
    p.add_argument("--text", default="oped", help="slug or path of the text (default: oped)")
    p.add_argument("ids", nargs="*", metavar="ID", help="ids to pin (default: every paragraph and sentence)")
    p.set_defaults(func=cmd_pin)

    p = sub.add_parser("validate", help="check that a text file loads; print what is wrong if not")
    p.add_argument("--text", default=None, help="slug or path of the text (default: oped)")
    p.add_argument("text_positional", nargs="?", default=None, metavar="TEXT",
                   help="the older form, 'validate SLUG' (kept working; prefer --text)")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("run", help="the main job: run every lesson on a text and write HTML pages")
    p.add_argument(
        "--text", action="append", help="slug or path of the text (default: oped); repeat it to run several texts in parallel"
    )
    p.add_argument(
        "--out", default=None,
        help="output folder (default: build/<slug>/); with several texts, the folder that gets one <slug>/ per text",
    )
    p.add_argument("--jobs", type=int, default=None, help="texts run at once (default: one per core)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("refresh", help="maintainers: re-execute the lesson notebooks in place")
    p.add_argument("only", nargs="*", help="only notebooks whose file name contains one of these")
    p.set_defaults(func=cmd_refresh)

    p = sub.add_parser("exercises", help="exercise notebooks")
    ex = _described(p.add_subparsers(dest="exercises_command", metavar="ACTION", required=True))
    b = ex.add_parser("build", help="generate the student versions from the solution notebooks")
    b.set_defaults(func=cmd_exercises_build)

    add_corpus_parser(sub)

    p = sub.add_parser("evaluate", help="measure the kit against human annotations")
    ev = _described(p.add_subparsers(dest="evaluate_command", metavar="WHAT", required=True))
    f = ev.add_parser("frames", help="frame codebook against human frame coding (precision, recall, kappa, alpha)")
    f.add_argument("--codebook", default="mfc", help="codebook name or path (default: mfc)")
    f.add_argument("--split", default="dev", choices=["dev", "heldout", "all"],
                   help="which part of the news corpus (default: dev; read heldout once, after tuning)")
    f.add_argument("--text", nargs="+", default=None, metavar="SLUG",
                   help="these texts instead of the corpus, e.g. --text oped")
    f.set_defaults(func=cmd_evaluate_frames)
    q = ev.add_parser("quotes", help="quote extractor against hand-annotated quotes (precision, recall, speakers)")
    q.add_argument("--split", default="dev", choices=["dev", "heldout", "all"],
                   help="which part of the news corpus (default: dev; read heldout once, after tuning)")
    q.add_argument("--text", nargs="+", default=None, metavar="SLUG",
                   help="these texts instead of the corpus, e.g. --text oped")
    q.set_defaults(func=cmd_evaluate_quotes)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except KitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # A kernel killed by the interrupt can leave a finished cell-execution task whose error nobody
        # reads; asyncio would print its traceback at exit. The one line below is the whole story.
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        print("interrupted: output folders keep their previous complete content (or were not created)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
