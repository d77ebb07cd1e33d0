"""Running a plan over a corpus on any ``concurrent.futures.Executor``: batches, order, progress.

Texts are sent to the executor in **batches** (paths out, tables back): one ~250-word text costs a few
milliseconds, less than a process hop, so a pool pays only when each task carries many texts.
Results come back in corpus order whatever order the batches finish in, and at most a few batches per
worker are in flight, so memory stays bounded on any corpus size (the command streams them to disk).

The executor is chosen by ``executor=``:

- ``None`` (default): a local process pool over all cores, or in-process when the corpus is too small
  to fill two batches (a pool would cost more than it saves);
- ``"serial"``: in this process, one text after another;
- ``"processes"`` or a number ``n``: a local process pool (all cores, or ``n`` workers);
- ``"dask://HOST:PORT"`` (or ``tcp://...``): a running dask scheduler (extra ``scale``);
- any ``concurrent.futures.Executor``, for instance ``distributed.Client(...).get_executor()``; the
  kit uses it and leaves it open.

The results never depend on the executor or the number of workers: each text is analysed alone by
the same single-text functions.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kit.corpus.analyses import Plan, analyse_document
from kit.errors import KitError
from kit.framing import load_codebook
from kit.sentiment import load_overrides
from kit.text import load_text

#: Batches per worker when the batch size is chosen for you: enough to balance uneven texts.
BATCHES_PER_WORKER = 4
#: Largest batch chosen for you: keeps progress moving and a worker's memory small.
MAX_BATCH = 64
#: How long to wait for a dask scheduler to answer before saying it does not.
DASK_TIMEOUT_S = 3


@dataclass
class TextResult:
    """The tables of one text (or the one-line problem that made the run skip it)."""

    position: int
    path: str
    slug: str = ""
    n_words: int = 0
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    problem: str = ""


class SerialExecutor(Executor):
    """Runs each task at once in this process: the executor of small corpora, tests and lessons."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to the caller through the future, as a pool would
            future.set_exception(exc)
        return future


def analyse_batch(batch: Sequence[tuple[int, str]], plan: Plan) -> list[TextResult]:
    """Load and analyse a batch of ``(position, path)`` texts: what each worker runs.

    A text that does not load, or whose analysis meets bad input, becomes a result carrying the
    kit's one-line message instead of tables; any other exception is a bug and propagates.
    """
    results = []
    for position, path in batch:
        try:
            doc = load_text(Path(path))
            tables = analyse_document(doc, plan)
        except KitError as exc:
            results.append(TextResult(position, path, problem=str(exc)))
            continue
        results.append(TextResult(position, path, doc.slug, doc.n_words, tables))
    return results


def check_plan(plan: Plan) -> None:
    """Load the plan's data files once, here, so a broken codebook is one error, not one per text."""
    load_codebook(plan.codebook)
    if plan.overrides is not None:
        load_overrides(plan.overrides)


def _dask_executor(address: str) -> tuple[Executor, Any]:
    """A dask client's executor for ``address``, or one line saying what is wrong (within seconds)."""
    try:
        from distributed import Client
    except ImportError:
        raise KitError(
            address, "dask is not installed", "set up the kit with its 'scale' extra (README: 'Beyond one machine')"
        ) from None
    target = "tcp://" + address.split("://", 1)[1] if address.startswith("dask://") else address
    try:
        client = Client(target, timeout=DASK_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise KitError(
            address,
            f"no dask scheduler answers there within {DASK_TIMEOUT_S} s ({reason[:160]})",
            "start one (dask scheduler; dask worker tcp://HOST:8786) or check the host and port",
        ) from None
    return client.get_executor(), client


def _local_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def batch_size_for(n_texts: int, workers: int) -> int:
    """Texts per task: about four tasks per worker, at most ``MAX_BATCH`` texts each.

    >>> batch_size_for(1000, 2), batch_size_for(19, 2), batch_size_for(3, 8)
    (64, 3, 1)
    """
    return max(1, min(MAX_BATCH, math.ceil(n_texts / (max(workers, 1) * BATCHES_PER_WORKER))))


@contextlib.contextmanager
def open_executor(executor: Any, n_texts: int) -> Iterator[tuple[Executor, int]]:
    """The executor ``executor=`` names and its number of workers; closes what the kit opened."""
    if isinstance(executor, Executor):
        yield executor, getattr(executor, "_max_workers", None) or _local_workers()
        return
    client = None
    if executor is None:
        workers = _local_workers()
        small = n_texts < 2 * BATCHES_PER_WORKER or workers < 2
        chosen: Executor = SerialExecutor() if small else ProcessPoolExecutor(workers)
        workers = 1 if small else workers
    elif executor == "serial":
        chosen, workers = SerialExecutor(), 1
    elif executor == "processes" or (isinstance(executor, int) and not isinstance(executor, bool) and executor > 0):
        workers = _local_workers() if executor == "processes" else int(executor)
        chosen = ProcessPoolExecutor(workers)
    elif isinstance(executor, str) and "://" in executor:
        chosen, client = _dask_executor(executor)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
    else:
        raise KitError(
            None,
            f"unknown executor {executor!r}",
            "pass None, 'serial', 'processes', a number of worker processes, 'dask://HOST:PORT' "
            "or a concurrent.futures.Executor",
        )
    try:
        yield chosen, workers
    finally:
        chosen.shutdown(wait=True)  # pending batches were cancelled by _ordered
        if client is not None:
            client.close()


def _progress_bar(total: int, progress: bool | None, description: str) -> Any:
    """A tqdm bar (texts done, words/s, time left), or None when off.

    ``progress=None`` shows it only on a terminal; ``True`` uses ``tqdm.auto`` (a widget in a
    notebook). Lessons pass ``False``: a bar would change the outputs nbval compares.
    """
    show = sys.stderr.isatty() if progress is None else bool(progress)
    if not show or total == 0:
        return None
    if progress:
        from tqdm.auto import tqdm
    else:
        from tqdm import tqdm
    return tqdm(total=total, unit="text", desc=description, smoothing=0.1)


def run_plan(
    paths: Sequence[Path],
    plan: Plan,
    executor: Any = None,
    batch_size: int | None = None,
    progress: bool | None = None,
    description: str = "texts",
) -> Iterator[TextResult]:
    """Analyse every text, yielding results in the order of ``paths`` (duplicated slugs skipped).

    A later text whose slug an earlier one already uses is skipped with a one-line problem naming
    both files: tables are joined on the slug, so two texts may not share one.
    """
    check_plan(plan)
    items = [(i, str(p)) for i, p in enumerate(paths)]
    first_path: dict[str, str] = {}
    with open_executor(executor, len(items)) as (pool, workers):
        size = batch_size or batch_size_for(len(items), workers)
        batches = [items[i : i + size] for i in range(0, len(items), size)]
        bar = _progress_bar(len(items), progress, description)
        try:
            for result in _ordered(pool, batches, plan, max(2, 2 * workers), bar):
                if result.slug and result.slug in first_path:
                    result = TextResult(
                        result.position,
                        result.path,
                        problem=str(
                            KitError(
                                result.path,
                                f"slug '{result.slug}' is already used by {first_path[result.slug]}",
                                "give each text its own slug (front matter 'slug:'), or leave one copy out",
                            )
                        ),
                    )
                elif result.slug:
                    first_path[result.slug] = result.path
                yield result
        finally:
            if bar is not None:
                bar.close()


def _ordered(pool: Executor, batches: list, plan: Plan, window: int, bar: Any) -> Iterator[TextResult]:
    """Submit batches, at most ``window`` unconsumed at a time; yield their results in batch order."""
    pending: dict[Future, int] = {}
    finished: dict[int, list[TextResult]] = {}
    submitted = consumed = 0
    words, t0 = 0, time.perf_counter()
    try:
        while consumed < len(batches):
            while submitted < len(batches) and len(pending) + len(finished) < window:
                pending[pool.submit(analyse_batch, batches[submitted], plan)] = submitted
                submitted += 1
            if consumed in finished:
                yield from finished.pop(consumed)
                consumed += 1
                continue
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                index = pending.pop(future)
                finished[index] = future.result()
                if bar is not None:
                    words += sum(r.n_words for r in finished[index])
                    bar.set_postfix_str(f"{words / max(time.perf_counter() - t0, 1e-9):,.0f} words/s", refresh=False)
                    bar.update(len(finished[index]))
    finally:
        for future in pending:
            future.cancel()
