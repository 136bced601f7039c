"""Where an output file goes: written under a temporary name beside it and renamed
over it on success (`atomic_file`), or, for a FIFO or a device, written in place.

An interrupted or failed run leaves the old file (or no file) and never half of a new
one; a device (``/dev/null``) or a named pipe another program reads is never replaced
by a regular file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import MeansTestError


@contextlib.contextmanager
def atomic_file(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it onto ``path`` only on success.

    On any exception (Ctrl-C included) the temporary file is removed and ``path`` is
    left as it was. A symbolic link is kept: the file it points to is what is written
    (beside that file, then renamed onto it). A character device or a FIFO (``/dev/null``,
    a named pipe another program reads) is yielded itself and written in place: it can
    be neither replaced nor left half-written, and is never turned into a regular file.
    A folder or any other kind of file is refused (issue 15 review).

    Raises:
        MeansTestError: ``output_not_a_file``, or ``cannot_write``.
    """
    target = _regular_target(Path(path))
    if written_in_place(target):
        _opened_in_place.add(os.path.realpath(target))
        yield target
        return
    temp: Path | None = None
    try:
        # The name is held before the file exists, so Ctrl-C or SIGTERM at any point
        # finds it to remove. (Holding the signals back around mkstemp did not do: a
        # signal delivered to another thread, DuckDB's or the reader's, still raised in
        # this one between mkstemp and the assignment, and left the file behind.)
        for _ in range(100):
            temp = target.parent / f".{target.name}.{secrets.token_hex(4)}.partial"
            if _created(temp, target):
                break
            temp = None  # the name was someone else's
        else:
            raise MeansTestError(
                "cannot_write", params={"reason": "no free name"}, path=str(target)
            )
        yield temp
        umask = os.umask(0)
        os.umask(umask)
        temp.chmod(0o666 & ~umask)  # created 0600; a result file is an ordinary file
        with temp.open("rb+") as done:
            os.fsync(done.fileno())
        temp.replace(target)
    except BaseException:
        if temp is not None:
            temp.unlink(missing_ok=True)
        raise


def clear_for_writing(path: str | Path) -> None:
    """Before a run: find out that ``path`` can be written (its folder takes a new file;
    it is no folder), and remove the file an earlier run left there (a device or a
    FIFO is left as it is).

    For the run report: a report found after a run is then always this run's, and a
    report that cannot be written stops the run before its output is written.

    Raises:
        MeansTestError: ``output_not_a_file``, or ``cannot_write``.
    """
    target = _regular_target(Path(path))
    if written_in_place(target):
        if not os.access(target, os.W_OK):
            raise MeansTestError(
                "cannot_write", params={"reason": os.strerror(13)}, path=str(target)
            )
        return
    probe = target.parent / f".{target.name}.{secrets.token_hex(4)}.partial"
    if _created(probe, target):
        probe.unlink(missing_ok=True)
    target.unlink(missing_ok=True)


def refuse_replacing(path: str | Path, *, force: bool) -> None:
    """For a command that never replaces a file unasked (`template`, `rules new`): an
    existing file needs ``force``; a device or a FIFO is written into (nothing there is
    replaced), and a folder or a socket is refused as no file at all, ``force`` or not.

    Raises:
        MeansTestError: ``file_exists``, ``output_not_a_file`` or ``cannot_write``.
    """
    target = _regular_target(Path(path))
    if not force and os.path.lexists(path) and not written_in_place(target):
        raise MeansTestError("file_exists", path=str(path))


# The FIFOs and devices this process has been given to write (`atomic_file`), for
# `release_readers`.
_opened_in_place: set[str] = set()


def release_readers(paths: Iterable[str], *, failed: bool) -> None:
    """Let a program waiting on a named pipe given as an output go: open the pipe for
    writing, without waiting, and close it, so that its reader sees the end. For a run
    that ended without writing the pipe: one that failed (``failed``: before or while it
    wrote, which is harmless), or one that finished with nothing to write (a refusal
    notice of a household that was not refused). A pipe nobody reads, or a path that is
    no named pipe, is left alone; nothing here raises."""
    for path in paths:
        if not failed and os.path.realpath(path) in _opened_in_place:
            continue  # written and closed: its reader has had the end already
        try:
            if stat.S_ISFIFO(os.stat(path).st_mode):
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            continue  # no reader (ENXIO), or gone: nobody is waiting


def _created(temp: Path, target: Path) -> bool:
    """Create ``temp`` empty, mode 0600; False when the name is taken already.

    Raises:
        MeansTestError: ``cannot_write`` when the folder does not take a new file.
    """
    try:
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return False
    except OSError as exc:
        raise MeansTestError(
            "cannot_write", params={"reason": exc.strerror}, path=str(target)
        ) from None
    return True


def written_in_place(target: Path) -> bool:
    """Whether ``target`` is written in place (`atomic_file`): a character device or a
    FIFO."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _regular_target(path: Path) -> Path:
    """The file to write for ``path``: itself, or the file a symbolic link points to.

    Raises:
        MeansTestError: the path exists and is neither a regular file nor a character
            device or FIFO (``output_not_a_file``), or cannot be looked at (``cannot_write``).
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target  # a new file (or a link to one still to be made)
    except OSError as exc:  # a loop of links, a folder that cannot be read
        raise MeansTestError(
            "cannot_write", params={"reason": exc.strerror}, path=str(path)
        ) from None
    if not (stat.S_ISREG(mode) or stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        raise MeansTestError("output_not_a_file", path=str(path))
    return target
