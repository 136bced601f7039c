"""A Ctrl-C that lands while a worker pool starts ends the run as a Ctrl-C
(`batch.workers.in_order`): CPython's executor could be left with a manager thread it
had made but not started, and its shutdown then raised "cannot join thread before it is
started", a traceback in place of the run's own end (try17: once in ~200 Ctrl-Cs of
``--jobs 2``). Here the Ctrl-C is made to land exactly there."""

from __future__ import annotations

import concurrent.futures.process as futures_process
import operator
from multiprocessing.connection import Connection
from typing import Any

import pytest

from meanstest.batch.workers import bind_to_parent, context, in_order


def _init(lifeline: Connection) -> None:
    bind_to_parent(lifeline)


def _pool(tasks: list[int]) -> list[int]:
    mp = context("meanstest.batch.workers", "spawn")
    return list(in_order(tasks, operator.neg, jobs=2, mp=mp, initializer=_init, initargs=()))


def test_ctrl_c_as_the_pool_starts_its_manager_thread_is_a_ctrl_c(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def interrupted(self: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(futures_process._ExecutorManagerThread, "start", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _pool([1, 2, 3])


def test_the_pool_still_gives_every_result_in_order() -> None:
    """The shutdown as before: every task's result, in the order the tasks went out."""
    assert _pool(list(range(7))) == [0, -1, -2, -3, -4, -5, -6]
