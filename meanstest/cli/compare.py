"""The `compare` command's work: read a case roll, compare, write the outputs."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import click

from ..batch.api import read_households
from ..compare import Summary, compare_households
from ..errors import MeansTestError
from ..render.compare import change_row, csv_text, summary_json
from ..render.labels import Lang
from ..ruleset.choose import RuleChooser
from .batch import terminate_cleanly


@contextmanager
def _atomic(path: str | None) -> Iterator[IO[str] | None]:
    """A text file written in full or not at all (a temporary file renamed at the end)."""
    if path is None:
        yield None
        return
    from ..files.outputs import atomic_file  # noqa: PLC0415 - batch's writer, loaded when used

    with atomic_file(path) as temp, temp.open("w", encoding="utf-8", newline="") as out:
        yield out


def run_compare(caseload: str, *, proposal: str | None, base: str | None,
                settings: tuple[str, ...], start: dt.date | None, on: dt.date | None,
                fmt: str, changes: str | None, html_file: str | None, top: int, lang: Lang,
                today: dt.date, encoding: str | None = None) -> None:
    """Compare the case roll and write what was asked for."""
    if changes is not None and not changes.endswith((".csv", ".jsonl", ".json")):
        raise MeansTestError("--changes writes .csv or .jsonl; name the file with one of "
                             "those endings", path=changes)
    base_chooser = RuleChooser(base)
    # A bad --set is an error of the whole run (exit 1), found here, before any record.
    proposal_chooser = base_chooser.changed(proposal, settings, start)
    summary = Summary(top=top)
    jsonl = changes is not None and changes.endswith((".jsonl", ".json"))
    # SIGTERM becomes SystemExit, so the files being written are removed, not left.
    with terminate_cleanly(), _atomic(changes) as out:
        if out is not None and not jsonl:
            out.write(csv_text([], header=True))
        if fmt == "csv":
            click.echo(csv_text([], header=True), nl=False)
        households = read_households(caseload, encoding, stdin=sys.stdin.buffer,
                                     note=lambda text: click.echo(text, err=True))
        for change in compare_households(households, base_chooser.for_household,
                                         proposal_chooser.for_household, on, today):
            summary.add(change)
            row = change_row(change)
            if out is not None:
                out.write(json.dumps(row, ensure_ascii=False) + "\n" if jsonl
                          else csv_text([row], header=False))
            if fmt == "csv":
                click.echo(csv_text([row], header=False), nl=False)
    base_name = base or "region"
    proposal_name = proposal or " ".join(settings)
    if html_file:
        from ..render.html import report  # noqa: PLC0415

        with terminate_cleanly(), _atomic(html_file) as page:
            assert page is not None  # noqa: S101
            page.write(report(summary, base_name, proposal_name, lang, today))
    if fmt == "json":
        click.echo(json.dumps(summary_json(summary, base_name, proposal_name),
                              ensure_ascii=False, indent=2))
    elif fmt == "table":
        from rich.console import Console  # noqa: PLC0415

        from ..render.compare import renderables  # noqa: PLC0415

        console = Console(highlight=False, markup=False, emoji=False)
        for part in renderables(summary, base_name, proposal_name, lang):
            console.print(part)
            console.print()
