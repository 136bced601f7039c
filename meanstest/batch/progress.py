"""The progress bar of `meanstest batch` on a terminal: households assessed, and the
share of the input read (a rich bar on standard error, redrawn every 256 records).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from ..files.inputs import Input
    from ..render.labels import Lang


def no_progress(records: int = 1) -> None:
    """No progress to show (not a terminal, or --quiet)."""


@contextlib.contextmanager
def progress(
    console: Callable[[], Console], lang: Lang, source: Input, *, enabled: bool
) -> Iterator[Callable[[int], None]]:
    """Yield a function to call with each piece's records; a rich bar on a terminal
    (on the console ``console()`` gives, asked for only when ``enabled``)."""
    if not enabled:
        yield no_progress
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn  # noqa: PLC0415

    from ..render.labels import label  # noqa: PLC0415

    counted = label("progress.households", lang).replace("{n}", "{task.fields[households]:,}")
    columns = [
        TextColumn(counted),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%" if source.size else ""),
        TimeElapsedColumn(),
    ]
    count = [0]
    # No redirection of sys.stdout/sys.stderr: the console writes through the
    # Environment, which writes to sys.stderr, so a redirected one would loop for ever.
    with Progress(
        *columns, console=console(), transient=True, redirect_stdout=False, redirect_stderr=False
    ) as bar:
        task = bar.add_task("batch", total=source.size or None, households=0)

        def advance(records: int = 1) -> None:
            before = count[0]
            count[0] += records
            if count[0] // 256 != before // 256:
                bar.update(
                    task,
                    completed=source.position() if source.size else count[0],
                    households=count[0],
                )

        yield advance
