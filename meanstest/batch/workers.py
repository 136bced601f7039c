"""Worker processes for a run: tasks out, results back in the order they went out.

Every pool of meanstest (batch's records on the reference engine, `pool`; the columnar
engine's chunks, `block_pool`; compare on either engine, `compare_run`, `compare_jobs`)
runs through `in_order`:

- at most ``in_flight × jobs`` tasks are out at once, so memory stays flat however long
  the input, and results come back in submission order, so the output is byte for byte
  the same for any number of workers;
- concurrent.futures rather than multiprocessing.Pool: its shutdown does not hang when a
  run stops while workers are sending results, and a worker that dies (killed, out of
  memory) fails the run (``worker_stopped``) instead of stalling it;
- workers end with the run: each holds the reading end of a pipe whose only writer is
  the main process, and a thread in the worker waits on it. When the main process ends
  in any way (``kill -9`` included), the pipe closes and the worker exits; then the fork
  server and the resource tracker, which live only as long as someone holds them, end
  too. Ctrl-C is left to the main process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from ..errors import MeansTestError

Task = TypeVar("Task")
Result = TypeVar("Result")


def context(preload: str, start_method: str | None = None) -> multiprocessing.context.BaseContext:
    """The start method asked for (``start_method``, else the environment variable
    ``MEANSTEST_START_METHOD``, as the tests force ``spawn``), else the fork server where
    there is one (workers never inherit the parent's threads; it imports the module
    ``preload`` once for them all), else ``spawn`` (Windows, macOS)."""
    method = start_method or os.environ.get("MEANSTEST_START_METHOD")
    if method:
        return multiprocessing.get_context(method)
    if "forkserver" in multiprocessing.get_all_start_methods():
        forkserver = multiprocessing.get_context("forkserver")
        forkserver.set_forkserver_preload([preload])
        return forkserver
    return multiprocessing.get_context("spawn")


def in_order(
    tasks: Iterable[Task],
    work: Callable[[Task], Result],
    *,
    jobs: int,
    mp: multiprocessing.context.BaseContext,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
    in_flight: int = 2,
    warm: bool = False,
) -> Iterator[Result]:
    """``work(task)`` for each task in ``jobs`` worker processes, in the tasks' order.

    Each worker runs ``initializer(*initargs, lifeline)`` first; it must call
    `bind_to_parent` with the lifeline. With ``warm``, every worker starts at once (the
    executor starts them on demand), while the first tasks are being read.

    Raises:
        MeansTestError: ``worker_stopped``, a worker process died.
    """
    _start_server_deaf_to_ctrl_c(mp)
    # The workers hold the reading end; only this process ever holds the writing end.
    lifeline, held = mp.Pipe(duplex=False)
    try:
        pool = ProcessPoolExecutor(
            jobs, mp_context=mp, initializer=initializer, initargs=(*initargs, lifeline)
        )
        window: deque[Future[Result]] = deque()
        try:
            if warm:
                for _ in range(jobs):
                    with _ctrl_c_held():
                        pool.submit(_started)
            for task in tasks:
                with _ctrl_c_held():
                    window.append(pool.submit(work, task))
                if len(window) >= in_flight * jobs:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        except BrokenProcessPool:
            raise MeansTestError("worker_stopped") from None
        finally:
            for pending in window:
                pending.cancel()
            _shut_down(pool)
    finally:
        # The workers have been joined; closing the pipe lets a straggler go as well.
        held.close()
        lifeline.close()


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold a Ctrl-C off while a task is submitted, and send it again after. A submission may
    start a worker process, which the pool counts only once it has started: a Ctrl-C in
    between left a worker the pool never waited for, and it printed a FileNotFoundError
    traceback reading its queues, gone with the run (try18: 2 in 12 interrupted runs).
    Only the main thread can set a handler; elsewhere nothing is held."""
    if threading.current_thread() is not threading.main_thread() or (
        signal.getsignal(signal.SIGINT) is None  # a handler set outside Python: kept
    ):
        yield
        return
    pressed: list[int] = []
    handler = signal.signal(signal.SIGINT, lambda signum, _frame: pressed.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, handler)
    if pressed:
        signal.raise_signal(signal.SIGINT)  # now to the run's own handler


def _start_server_deaf_to_ctrl_c(mp: multiprocessing.context.BaseContext) -> None:
    """Start the fork server (if ``mp`` uses one and it is not running) with Ctrl-C
    ignored, as the workers forked from it are. It ignores Ctrl-C itself only once it has
    imported the preloaded module, half a second: a Ctrl-C of the run then printed its
    KeyboardInterrupt traceback under "interrupted after 0 records" (try18). The setting
    passes to it through exec; here Ctrl-C is blocked meanwhile, so one pressed now
    still reaches the run once its handler is back."""
    if mp.get_start_method() != "forkserver" or threading.current_thread() is not (
        threading.main_thread()
    ):
        return
    from multiprocessing import forkserver  # noqa: PLC0415 - only with a fork server

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            forkserver.ensure_running()
        finally:
            signal.signal(signal.SIGINT, handler)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _shut_down(pool: ProcessPoolExecutor) -> None:
    """Wait for the pool's workers and its manager thread, as leaving ``with pool`` does.

    A Ctrl-C that lands inside ``submit`` after the executor made its manager thread but
    before it started it leaves a thread that cannot be joined: CPython's shutdown then
    raises "cannot join thread before it is started", and that traceback replaced the
    run's own end (130 and its message; seen once in ~200 Ctrl-Cs of ``--jobs 2``).
    There is nothing to wait for then; the workers end when the pipe to them closes.
    """
    try:
        pool.shutdown(wait=True)
    except RuntimeError:
        thread = getattr(pool, "_executor_manager_thread", None)
        if thread is None or thread.ident is not None:
            raise  # a started thread's failure is no such race: not ours to hide


def bind_to_parent(lifeline: Connection) -> None:
    """Make a worker process its parent's: Ctrl-C is left to the parent, and the worker
    exits when the parent has gone (the lifeline reads as closed). Called first by the
    initializer of every pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(
        target=_outlive_no_parent, args=(lifeline,), name="lifeline", daemon=True
    ).start()


def _outlive_no_parent(lifeline: Connection) -> None:
    """Wait until the main process has gone (the pipe reads as closed), then exit.

    Nothing is ever sent: the read returns only when the last writer, the main
    process, has closed its end or died.
    """
    with contextlib.suppress(EOFError, OSError):
        lifeline.recv_bytes()
    os._exit(1)


def _started() -> None:
    """A first task, that starts a worker process."""
