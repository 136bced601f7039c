"""A Ctrl-C while a batch's workers start prints no traceback of the fork server.

The fork server ignores Ctrl-C only once it has imported the preloaded module (half a
second for ``meanstest.batch``); pressed before, it printed its KeyboardInterrupt
traceback under "interrupted after 0 records" (try18: 1 in 6 random Ctrl-Cs of a
4,000-household ``batch --jobs 2``). `workers.in_order` now starts it with Ctrl-C
ignored from its first instruction (the setting passes through exec)."""

from __future__ import annotations

import multiprocessing
import signal
import sys
from pathlib import Path

import pytest

from meanstest.batch import workers

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux")
    or "forkserver" not in multiprocessing.get_all_start_methods(),
    reason="a fork server, and /proc to look at it",
)


def _mask(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1], 16)
    raise AssertionError(field)


def test_the_fork_server_ignores_ctrl_c_from_its_start() -> None:
    """Read at once after the start, long before its preload (``meanstest.batch``) is
    imported: SIGINT (signal 2, bit 1 of the mask) is already ignored; and this process
    has its own Ctrl-C handling back, unblocked."""
    from multiprocessing import forkserver

    mp = multiprocessing.get_context("forkserver")
    mp.set_forkserver_preload(["meanstest.batch"])
    before = signal.getsignal(signal.SIGINT)
    workers._start_server_deaf_to_ctrl_c(mp)
    pid = forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
    assert pid is not None
    assert _mask(pid, "SigIgn") & (1 << (signal.SIGINT - 1))
    assert signal.getsignal(signal.SIGINT) is before
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())


def test_a_ctrl_c_while_a_task_is_submitted_comes_after_it() -> None:
    """Pressed inside, nothing is raised there (the submission completes, the started
    worker is the pool's); on leaving, the run's own handler has it: KeyboardInterrupt
    under Python's, a call of a handler of the run's own."""
    done: list[str] = []

    def submit() -> None:
        with workers._ctrl_c_held():
            signal.raise_signal(signal.SIGINT)
            done.append("submitted")

    with pytest.raises(KeyboardInterrupt):
        submit()
    assert done == ["submitted"]
    got: list[int] = []
    before = signal.signal(signal.SIGINT, lambda signum, _frame: got.append(signum))
    try:
        with workers._ctrl_c_held():
            signal.raise_signal(signal.SIGINT)
            assert got == []
        assert got == [signal.SIGINT]
    finally:
        signal.signal(signal.SIGINT, before)
