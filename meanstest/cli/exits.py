"""How a command ends: the exit statuses, and the one exception that carries one.

A command never calls ``sys.exit``: it finishes (status 0), raises a `MeansTestError`
(status 1, with its message), or raises `Exit` with a status; the group's funnel turns
each into the process's exit status. SIGTERM becomes an `Exit` too, so that the files a
command is writing are removed on the way out.
"""

from __future__ import annotations

import contextlib
import enum
import signal
import threading
from collections.abc import Iterator
from typing import Any, NoReturn


class ExitCode(enum.IntEnum):
    """Exit statuses (contract §3)."""

    OK = 0  # done, whether or not the household is eligible
    BAD_INPUT = 1  # bad household or bad rules
    USAGE = 2  # click's usage errors
    RECORD_ERRORS = 3  # batch finished but some records were errors


class Exit(BaseException):
    """Stop the command with this exit status (the funnel makes it the process's).

    A BaseException, like SystemExit and KeyboardInterrupt, so that a stop by SIGTERM
    passes through the ``except Exception`` that turns a bug in one record into an error
    record, and reaches the command.
    """

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@contextlib.contextmanager
def terminate_cleanly() -> Iterator[None]:
    """Turn SIGTERM into `Exit`, so that a partial output file is removed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum: int, _frame: Any) -> NoReturn:
        raise Exit(128 + signal.SIGTERM)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# Whether the process ends with the command (the console script): see `hold_to_exit`.
_HOLD = {"to_exit": False}


def hold_to_exit() -> None:
    """In the console script's process: what `past_interrupting` holds off stays held off
    until the process ends. After the block a finished run's frames still unwind and the
    interpreter shuts down (with the handlers back at their defaults), and a Ctrl-C then
    killed a complete run beside a report saying exit status 0 (try17)."""
    _HOLD["to_exit"] = True


@contextlib.contextmanager
def past_interrupting() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM off while a finished run reports: its output is in place,
    so a signal then would only turn a complete run's exit status into 130 or 143 beside
    a run report saying 0. Both are back as they were after the block (main thread only),
    unless the process ends with the command (`hold_to_exit`).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in () if _HOLD["to_exit"] else previous.items():
            signal.signal(sig, handler)
