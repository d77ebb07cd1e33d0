"""Output folders the kit owns: it writes only where it may, and never leaves half a result.

Every command that writes a folder of results (``python -m kit run``, ``corpus``, ``exercises build``)
goes through :func:`building`:

1. **Only folders the kit owns.** The target must be missing, empty, or carry the kit's marker file
   (:data:`MARKER`), which the kit writes into every folder it builds. The repository's ``texts/``,
   ``notebooks/`` and ``exercises/`` (and anything inside them or above them), the kit's own package
   and any folder holding one of the run's inputs are refused with one line and the fix. The marker
   lists every name the kit wrote; a folder holding anything else (a file of yours, a notebook saved
   under another name) is refused too, so replacing the folder never deletes what the kit did not
   write. The one exception to the sources rule is a command's own generated folder inside them
   (``exercises/student/`` for ``exercises build``), named by the command with ``generated=``.
2. **Built beside, then swapped in.** Files are written into a temporary sibling folder
   (``.NAME.partial-*``); only when everything is written is it renamed to ``NAME``, and the previous
   output is removed. An interrupt or a failure removes the partial folder: what is left is the previous
   complete output, or nothing, never a mix of two runs.
3. **One writer at a time.** A lock file beside the folder (``.NAME.lock``, POSIX ``flock``) is held for
   the whole build; a second run to the same folder fails at once with one line saying so.

``replace_file`` gives single files (a refreshed notebook) the same all-or-nothing write;
:func:`check_file` and :func:`write_file` apply the same rules to one output file (a coder's CSV).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from kit import paths
from kit.errors import OutputError

#: The file that marks a folder as written by the kit (and so safe for the kit to replace).
MARKER = ".framing-kit-output"
MARKER_TEXT = (
    "This folder was written by the media-framing teaching kit (python -m kit run, corpus or exercises build).\n"
    "The kit replaces the whole folder on its next run, and refuses to while it holds files not listed below:\n"
    "keep your own files (and your saved copies of notebooks) elsewhere.\n"
)
#: The line of the marker file after which the names the kit wrote follow, one a line.
MANIFEST_HEADING = "Written by the kit:"
#: The fix of a refused ``--out`` folder (``python -m kit run`` and ``corpus``).
FIX_ELSEWHERE = "choose another --out folder, e.g. build/NAME (the default)"


def protected_folders() -> list[Path]:
    """Folders the kit never writes results into: the sources (texts, notebooks, exercises) and the package."""
    return [paths.texts_dir(), paths.notebooks_dir(), paths.exercises_dir(), paths.PACKAGE_DIR]


def _resolved(path: Path) -> Path:
    return Path(os.path.abspath(path)).resolve()


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_target(
    out_dir: str | Path,
    inputs: Iterable[str | Path] = (),
    generated: str | Path | None = None,
    fix_elsewhere: str | None = None,
) -> Path:
    """The resolved ``out_dir`` if the kit may (re)place it, else one :class:`OutputError` with the fix.

    ``generated`` is the calling command's own folder inside the kit's sources (``exercises/student/``):
    exactly that folder is not refused for being there. ``fix_elsewhere`` is the fix a refusal prints
    (default: :data:`FIX_ELSEWHERE`).
    """
    if not isinstance(out_dir, (str, os.PathLike)):
        raise OutputError(None, f"an output folder is a path, got {type(out_dir).__name__}", "pass e.g. build/oped")
    target = _resolved(Path(out_dir))
    fix_unmarked = fix_elsewhere or f"{FIX_ELSEWHERE}, or empty it first"
    fix_foreign = fix_elsewhere or f"move them out of it, or {FIX_ELSEWHERE}"
    fix_elsewhere = fix_elsewhere or FIX_ELSEWHERE
    exempt = generated is not None and target == _resolved(Path(generated))
    for folder in [] if exempt else protected_folders():
        folder = _resolved(folder)
        if _is_within(target, folder):
            raise OutputError(
                out_dir, f"refusing to write into {folder.name}/, which holds the kit's sources", fix_elsewhere
            )
        if _is_within(folder, target):
            raise OutputError(
                out_dir, f"refusing to replace a folder that holds the kit's {folder.name}/", fix_elsewhere
            )
    for source in inputs:
        source = _resolved(Path(source))
        if _is_within(source, target):
            raise OutputError(out_dir, f"the folder holds an input of this run ({source.name})", fix_elsewhere)
    if target.exists() or target.is_symlink():
        if not target.is_dir() or target.is_symlink():
            raise OutputError(out_dir, "exists and is not a folder", fix_elsewhere)
        marked = (target / MARKER).is_file()
        if not marked and any(target.iterdir()):
            raise OutputError(
                out_dir, f"the folder is not empty and was not written by the kit (no {MARKER} file)", fix_unmarked
            )
        foreign = foreign_entries(target) if marked else []
        if foreign:
            shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
            raise OutputError(
                out_dir, f"the folder holds {len(foreign)} file(s) the kit did not write ({shown})", fix_foreign
            )
    return target


def check_file(path: str | Path, fix: str = "write it elsewhere, e.g. build/NAME.ipynb") -> Path:
    """The resolved ``path`` of one output file the kit may write, else one :class:`OutputError` with ``fix``.

    Refused: a path in the kit's sources or package (:func:`protected_folders`); a path inside a folder
    the kit builds (it carries :data:`MARKER`), which the kit's next run replaces whole, so the file would
    be lost or the run refused; a path that is a folder.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise OutputError(None, f"an output file is a path, got {type(path).__name__}", fix)
    target = _resolved(Path(path))
    for folder in protected_folders():
        folder = _resolved(folder)
        if _is_within(target, folder):
            raise OutputError(path, f"refusing to write into {folder.name}/, which holds the kit's sources", fix)
    owner = next((folder for folder in target.parents if (folder / MARKER).is_file()), None)
    if owner is not None:
        raise OutputError(
            path,
            f"refusing to write into {owner.name}/, an output folder the kit replaces whole on its next run",
            fix,
        )
    if target.is_dir():
        raise OutputError(path, "is a folder, not a file", fix)
    return target


def write_file(path: str | Path, content: str, fix: str) -> Path:
    """Write one output file all at once (:func:`replace_file`) where :func:`check_file` allows, creating
    its folder; every refusal or failure is one :class:`OutputError` naming ``path`` and ``fix``."""
    target = check_file(path, fix)
    _make_parent(target, path)
    try:
        replace_file(target, content)
    except OSError as exc:
        raise OutputError(path, f"cannot write the file ({exc.strerror})", "choose a folder you can write to") from None
    return Path(path)


def marker_text(names: Iterable[str]) -> str:
    """The marker file's content: what the folder is, then every name the kit wrote into it."""
    return MARKER_TEXT + MANIFEST_HEADING + "\n" + "".join(f"{name}\n" for name in sorted(names))


def foreign_entries(folder: Path) -> list[str]:
    """Names in a marked ``folder`` that its marker does not list: files somebody else put there.

    A marker written before the kit listed its files (no :data:`MANIFEST_HEADING` line) lists nothing
    and vouches for the whole folder, as it did then.
    """
    lines = (folder / MARKER).read_text(encoding="utf-8", errors="replace").splitlines()
    if MANIFEST_HEADING not in lines:
        return []
    written = set(lines[lines.index(MANIFEST_HEADING) + 1 :]) | {MARKER}
    return sorted(p.name for p in folder.iterdir() if p.name not in written)


@contextlib.contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold the lock of ``target`` (the file ``.NAME.lock`` beside it) or fail at once if another run holds it."""
    lock_path = target.parent / f".{target.name}.lock"
    while True:
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(
                target, f"cannot write there ({exc.strerror})", "choose a folder you can write to"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputError(
                target,
                "another run of the kit is writing this folder right now",
                "wait for it to finish, or choose another --out",
            ) from None
        # the holder before us may have removed the file after we opened it: then lock the new one
        if os.path.exists(lock_path) and os.stat(lock_path).st_ino == os.fstat(fd).st_ino:
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock_path)
        os.close(fd)


def _make_parent(target: Path, out_dir: str | Path) -> None:
    existing = next((p for p in target.parents if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise OutputError(out_dir, f"{existing} is a file, not a folder", "choose a folder you can write to")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            out_dir, f"cannot create the folder ({exc.strerror})", "choose a folder you can write to"
        ) from None
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise OutputError(
            out_dir, f"cannot write in {target.parent} (permission denied)", "choose a folder you can write to"
        )


def _remove_leftovers(target: Path) -> None:
    """Partial or old folders left by a run that was killed (SIGKILL, power cut) before it could clean up."""
    for stale in target.parent.glob(f".{target.name}.partial-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in target.parent.glob(f".{target.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _swap_in(staging: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.replace(target, old / target.name)
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def building(
    out_dir: str | Path,
    inputs: Iterable[str | Path] = (),
    generated: str | Path | None = None,
    fix_elsewhere: str | None = None,
) -> Iterator[Path]:
    """Yield an empty staging folder to write into; on success it replaces ``out_dir`` whole.

    On any exception (a failed lesson, Ctrl-C) the staging folder is removed and ``out_dir`` keeps its
    previous complete content. The checks of :func:`check_target` (with ``generated`` and
    ``fix_elsewhere`` passed on) run first, the lock is held throughout.
    """
    inputs = list(inputs)
    target = check_target(out_dir, inputs, generated, fix_elsewhere)
    _make_parent(target, out_dir)
    with locked(target):
        check_target(out_dir, inputs, generated, fix_elsewhere)  # again, under the lock: another run may have changed it
        _remove_leftovers(target)
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=target.parent))
        except OSError as exc:
            raise OutputError(
                out_dir, f"cannot write there ({exc.strerror})", "choose a folder you can write to"
            ) from None
        try:
            os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private; results are for reading
            (staging / MARKER).write_text(marker_text([]), encoding="utf-8")
            yield staging
            (staging / MARKER).write_text(marker_text(p.name for p in staging.iterdir() if p.name != MARKER),
                                          encoding="utf-8")
            _swap_in(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def replace_file(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` all at once: a temporary file beside it, then an atomic rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def is_owned(folder: Path) -> bool:
    """True if ``folder`` carries the kit's marker file."""
    return (Path(folder) / MARKER).is_file()
