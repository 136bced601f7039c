"""`meanstest compare`: a case roll under the current rules and a proposal (policy staff).

The command checks its options, lets `ruleset.choose` build the two choosers (the
proposal's checks included), streams the roll through `compare.compare_households` and
writes what was asked for: the summary as a table or JSON, every household's change as
CSV, a --changes file, an HTML report.

It never misleads (issue 15): a proposal none of whose values is in force on the
assessment date is an error naming the dates (exit 1, nothing written: a report of
+0 everywhere would read as "costs nothing"); values only some households meet, or
that come later, are warned of on stderr and in every report; error rows end the run
with exit 3, as in batch.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import MeansTestError
from .env import Environment
from .exits import Exit, ExitCode, terminate_cleanly
from .options import (
    format_option,
    lang_option,
    note_output,
    on_option,
    parse_date,
    pass_env,
    refuse_overwriting,
    rules_dir_option,
    usage_error,
)

if TYPE_CHECKING:
    from ..compare import Change, Summary
    from ..render.compare_report import Report
    from ..ruleset.checks import Breach
    from ..ruleset.choose import Chooser, ProposalChooser


@click.command()
@click.argument("caseload", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--proposal",
    type=click.Path(exists=True, dir_okay=False),
    help="A rule file that extends the current rules and changes some values.",
)
@click.option(
    "--base", metavar="ID|FILE", help="The current rules; default: each household's region."
)
@rules_dir_option
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="KEY=VALUE",
    help="A quick change, e.g. dibao.standard.rural=500/month (repeatable).",
)
@click.option(
    "--from",
    "start",
    callback=parse_date,
    metavar="DATE",
    help="The date the --set changes take effect (default: always).",
)
@on_option
@format_option(
    "table",
    "json",
    "csv",
    default="table",
    help_text="table or json: the summary; csv: one row a household.",
)
@click.option(
    "--changes",
    type=click.Path(dir_okay=False),
    help="Write the per-household changes here (.csv or .jsonl).",
    callback=note_output,
    is_eager=True,
)
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False),
    help="Write a self-contained HTML report here.",
    callback=note_output,
    is_eager=True,
)
@click.option("--top", default=10, show_default=True, help="How many largest changes to list.")
@click.option(
    "--encoding",
    metavar="NAME",
    help="Encoding of a JSONL or CSV roll (e.g. gbk); default: UTF-8, else GBK with a note.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Worker processes; the results are the same for any number.",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="No progress bar or reading notes (warnings are always given).",
)
@lang_option
@pass_env
def compare(
    env: Environment,
    caseload: str,
    proposal: str | None,
    base: str | None,
    rules_dirs: tuple[Path, ...],
    settings: tuple[str, ...],
    start: dt.date | None,
    on: dt.date | None,
    fmt: str,
    changes: str | None,
    html_file: str | None,
    top: int,
    encoding: str | None,
    jobs: int,
    quiet: bool,
) -> None:
    """Compare a case roll under the current rules and a proposal.

    The report lists the rule values the proposal changes, the cost by scheme per month,
    per year and for the rest of the budget year, and the households by group. It is
    an error (exit 1) when none of the proposal's values is in force on the assessment
    date; exit status 3 when some households were error rows.

    Example:

    \b
        meanstest compare examples/caseload/yizhang-caseload.jsonl \\
            --proposal examples/proposals/standard-rise-2027.yaml --on 2027-01-15
    """
    from ..ruleset.choose import RuleChooser  # noqa: PLC0415 - pydantic loads only when run

    _check_arguments(env, caseload, proposal, base, settings, changes, html_file)
    base_rules = RuleChooser(base, search=rules_dirs)
    # A bad --set is an error of the whole run (exit 1), found here, before any record.
    proposed = base_rules.changed(proposal, settings, start)
    found: list[Breach] = []
    summary = _compare(
        env,
        caseload,
        base_rules,
        proposed,
        on=on,
        fmt=fmt,
        changes=changes,
        top=top,
        encoding=encoding,
        jobs=jobs,
        quiet=quiet,
        breaches=found,
    )
    _say_breaches(env, found if jobs > 1 else proposed.new_breaches())
    report = _report_of(env, summary, base or "region", proposal or " ".join(settings), proposed)
    for notice in report.notices:  # also in every report: never only on a terminal
        env.echo(notice, err=True)
    _report(env, report, fmt=fmt, html_file=html_file)
    if summary.errors:
        raise Exit(ExitCode.RECORD_ERRORS)


def _check_arguments(
    env: Environment,
    caseload: str,
    proposal: str | None,
    base: str | None,
    settings: tuple[str, ...],
    changes: str | None,
    html_file: str | None,
) -> None:
    """Refuse a run without a proposal, or one whose reports would replace its inputs."""
    if not proposal and not settings:
        raise usage_error(env, "proposal_or_set")
    # Before anything is read or written: a report never replaces the roll or the rules.
    refuse_overwriting(
        env,
        {"--changes": changes, "--html": html_file},
        {"case_roll": caseload, "--proposal": proposal, "--base": base},
    )
    if changes is not None and not changes.endswith((".csv", ".jsonl", ".json")):
        raise MeansTestError("changes_suffix", path=changes)


def _say_breaches(env: Environment, breaches: list[Breach]) -> None:
    """A proposed value below a minimum: say so, as every result it gave does."""
    if breaches:
        from ..render.rules import breach_lines  # noqa: PLC0415

        for line in breach_lines(breaches, env.lang):
            env.echo(line, err=True)


def _compare(
    env: Environment,
    caseload: str,
    base: Chooser,
    proposed: ProposalChooser,
    *,
    on: dt.date | None,
    fmt: str,
    changes: str | None,
    top: int,
    encoding: str | None,
    jobs: int,
    quiet: bool,
    breaches: list[Breach],
) -> Summary:
    """Compare every household of the roll; write each change as it comes.

    CSV for stdout is held back until a household is met whose rules differ, so that a
    comparison found to change nothing prints nothing before its error.
    """
    from ..batch.compare_jobs import Comparer  # noqa: PLC0415
    from ..compare import Summary  # noqa: PLC0415
    from ..render.compare import change_row, csv_text  # noqa: PLC0415
    from ..render.compare_report import not_in_force  # noqa: PLC0415

    summary = Summary(top=top)
    jsonl = changes is not None and changes.endswith((".jsonl", ".json"))
    held: list[str] | None = [csv_text([], header=True, lang=env.lang)] if fmt == "csv" else None
    # SIGTERM stops the run as an Exit, so the files being written are removed, not left.
    with (
        terminate_cleanly(),
        _atomic(env, changes) as out,
        _progress(env, enabled=not quiet and env.stderr_isatty) as advance,
    ):
        if out is not None and not jsonl:
            out(csv_text([], header=True, lang=env.lang))
        comparer = Comparer(base, proposed, on, env.today)
        for change in _route()(
            caseload,
            encoding,
            comparer,
            jobs,
            stdin=env.stdin,
            breaches=breaches,
            note=None if quiet else (lambda text: env.echo(text, err=True)),
            lang=env.lang,
        ):
            summary.add(change)
            advance()
            if out is None and fmt != "csv":
                continue
            row = change_row(change, env.lang)
            row_text = (
                csv_text([row], header=False, lang=env.lang) if fmt == "csv" or not jsonl else ""
            )
            if out is not None:
                out(json.dumps(row, ensure_ascii=False) + "\n" if jsonl else row_text)
            if held is not None:
                held.append(row_text)
                if summary.rules_differ:  # from here on, rows are printed as they come
                    env.echo_data("".join(held), nl=False)
                    held = None
            elif fmt == "csv":
                env.echo_data(row_text, nl=False)
        error = not_in_force(summary)
        if error is not None:  # raised inside: the --changes file is not written either
            raise error
        if held:
            env.echo_data("".join(held), nl=False)
    return summary


def _route() -> Callable[..., Iterator[Change]]:
    """The columnar comparison (`batch.compare_run`: the households it does not cover
    compared by the reference engine), or the reference comparison alone
    (`batch.compare_jobs`) when MEANSTEST_COMPARE_ENGINE=reference (for the tests)."""
    from ..batch import compare_jobs, compare_run  # noqa: PLC0415

    if compare_run.engine() == "reference":
        return compare_jobs.compare_roll
    return compare_run.compare_roll


@contextmanager
def _progress(env: Environment, *, enabled: bool) -> Iterator[Callable[[], None]]:
    """Yield a function to call per household; a rich counter on a terminal (stderr)."""
    if not enabled:
        yield lambda: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn  # noqa: PLC0415

    from ..render.compare_report import report_label  # noqa: PLC0415

    words = report_label("progress", env.lang)
    count = [0]
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.fields[households]:,} " + words),
        TimeElapsedColumn(),
        console=env.console(stderr=True),
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as bar:  # see batch's bar: no loop back
        task = bar.add_task("compare", total=None, households=0)

        def advance() -> None:
            count[0] += 1
            if count[0] % 128 == 0:
                bar.update(task, households=count[0])

        yield advance


def _report_of(
    env: Environment,
    summary: Summary,
    base_name: str,
    proposal_name: str,
    proposed: ProposalChooser,
) -> Report:
    """What every report shows: the title, the stamp and the notices."""
    from ..render.compare_report import Report  # noqa: PLC0415

    name = proposed.name()
    title = proposal_name if name is None else (name.zh if env.lang == "zh" else name.en)
    return Report.of(summary, base_name, proposal_name, title, env.lang, env.today)


def _report(env: Environment, report: Report, *, fmt: str, html_file: str | None) -> None:
    """Write the summary: the HTML report, and the table or JSON on stdout.

    With no --base (``region``: each household's own rules), the JSON says the code
    ``region``; the table and the report say it in the user's language."""
    from ..render.labels import label  # noqa: PLC0415

    base = label("compare.by_region", env.lang) if report.base == "region" else report.base
    if html_file:
        from ..render.html import report as html_report  # noqa: PLC0415

        with terminate_cleanly(), env.output_file(html_file) as page:
            page(
                html_report(report.summary, base, report.proposal, report.lang, report.made, report)
            )
    if fmt == "json":
        from ..render.compare import summary_json  # noqa: PLC0415

        env.echo_data(
            json.dumps(
                summary_json(report.summary, report.base, report.proposal, report.lang, report),
                ensure_ascii=False,
                indent=2,
            )
        )
    elif fmt == "table":
        from ..render.compare import renderables  # noqa: PLC0415 - rich loads only here

        console = env.console()
        for part in renderables(report.summary, base, report.proposal, report.lang, report):
            console.print(part)
            console.print()


@contextmanager
def _atomic(env: Environment, path: str | None) -> Iterator[Callable[[str], object] | None]:
    """Write to a text file in full or not at all, or to nothing when there is no path."""
    if path is None:
        yield None
        return
    with env.output_file(path) as write:
        yield write
