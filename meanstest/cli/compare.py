"""The `compare` command's work: read a case roll, compare, write the outputs."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import click

from ..compare import Chooser, Summary, compare_households
from ..errors import HouseholdInvalid, MeansTestError, Problem, Unreadable
from ..model.household import Household
from ..render.compare import change_row, csv_text, summary_json
from ..render.labels import Lang
from ..ruleset.choose import RuleChooser
from ..ruleset.load import RuleLibrary, load_rules, overlay
from ..ruleset.model import RuleSet
from .batch import terminate_cleanly

Read = tuple[int, "Household | Unreadable"]


def read_households(path: str, encoding: str | None = None,
                    today: dt.date | None = None) -> Iterator[Read]:
    """Yield (line, household or the error that stops it) for each record of a case roll.

    The roll may be JSON Lines, CSV or .xlsx, read as `meanstest batch` reads it; blank
    lines are skipped, and every other record yields exactly once, in order.
    """
    from ..batch.core import Assessor, Job  # noqa: PLC0415
    from ..files.inputs import open_input  # noqa: PLC0415

    try:
        source = open_input(path, None, encoding, stdin=sys.stdin.buffer)
    except OSError as exc:
        raise MeansTestError(f"cannot read the case roll ({exc.strerror})", path=path) from None
    if source.note:  # e.g. the roll was read as GBK: say so, as batch does
        click.echo(source.note, err=True)
    reader = Assessor(Job(today or dt.date.min, encoding=source.encoding or "utf-8",
                          layout=source.layout))
    with source:
        for record in source.records:
            yield record.line, reader.household(record)


def _proposal_chooser(base: RuleChooser, proposal: str | None, settings: tuple[str, ...],
                      start: dt.date | None) -> Chooser:
    fixed = RuleChooser(proposal) if proposal else None
    cache: dict[str, RuleSet] = {}

    def choose(household: Household) -> RuleSet:
        rule_set = base.for_household(household)
        if fixed:
            proposed = fixed.for_household(household)
            # A proposal changes the rule set it extends: a household under other rules
            # (another county of the roll) would otherwise lose its own values.
            if proposed.chain[:-1] != rule_set.chain:
                changed = proposed.chain[-2] if len(proposed.chain) > 1 else "none"
                raise HouseholdInvalid("the proposal is not for this household's rules",
                                       problems=(Problem("region", (
                                           f"the proposal changes rule set {changed}; this "
                                           f"household's rules are {rule_set.id}")),))
            rule_set = proposed
        if not settings:
            return rule_set
        if rule_set.id not in cache:
            cache[rule_set.id] = overlay(rule_set, list(settings), start)
        return cache[rule_set.id]

    return choose


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
    proposal_chooser = _proposal_chooser(base_chooser, proposal, settings, start)
    if settings:
        # A bad --set is an error of the whole run (exit 1), found before any record is
        # read: against the rules named, or, with rules chosen by region, against every
        # shipped rule set (the change applies to whichever the roll's households use).
        targets = [proposal or base] if (proposal or base) else RuleLibrary().ids()
        for target in targets:
            overlay(load_rules(str(target)), list(settings), start)
    summary = Summary(top=top)
    jsonl = changes is not None and changes.endswith((".jsonl", ".json"))
    # SIGTERM becomes SystemExit, so the files being written are removed, not left.
    with terminate_cleanly(), _atomic(changes) as out:
        if out is not None and not jsonl:
            out.write(csv_text([], header=True))
        if fmt == "csv":
            click.echo(csv_text([], header=True), nl=False)
        for change in compare_households(read_households(caseload, encoding, today=today),
                                         base_chooser.for_household,
                                         proposal_chooser, on, today):
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
