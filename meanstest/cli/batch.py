"""`meanstest batch`: assess a whole case roll, one output record per household.

The command wires the environment's streams and files to the streaming core in
`meanstest.batch`: it opens the input (`files.inputs`), opens the output
(`files.outputs`), runs the records through `batch.pool.run` and says how it went.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import ClosedStream
from .env import Environment
from .exits import Exit, ExitCode, past_interrupting, terminate_cleanly
from .options import (
    bad_parameter,
    format_option,
    lang_option,
    note_output,
    on_option,
    pass_env,
    refuse_overwriting,
    report_stream_for,
    rules_dir_option,
    rules_option,
    usage_error,
)

if TYPE_CHECKING:
    from ..batch.core import Job, Output
    from ..batch.tally import Tally
    from ..files.inputs import Input
    from ..ruleset.model import RuleSet

_FORMATS = ("jsonl", "csv", "xlsx", "parquet")
# The paperwork made from a whole run: the payment roll and the publication list.
_PAPERS = ("payroll", "notice")


@click.command("batch")
@click.argument(
    "input_path", metavar="[INPUT|-]", default="-", type=click.Path(dir_okay=False, allow_dash=True)
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write here (atomically) instead of to standard output.",
    callback=note_output,
    is_eager=True,
)
@format_option(
    *_FORMATS,
    *_PAPERS,
    help_text=(
        "Output format; default from the -o suffix, else jsonl. payroll: the monthly payment "
        "roll (发放花名册); notice: the publication list (公示名单); both as a workbook "
        "(-o NAME.xlsx) or CSV (-o NAME.csv, or standard output)."
    ),
)
@click.option(
    "--month",
    metavar="YYYY-MM",
    help="--format payroll: the month paid, 2000-01 to 2099-12; default: the assessment date's.",
)
@click.option(
    "--input-format",
    type=click.Choice(_FORMATS),
    help="Input format; default from the suffix or the content.",
)
@click.option(
    "--encoding",
    metavar="NAME",
    help="Encoding of a JSONL or CSV input (e.g. gbk); default: UTF-8 with or "
    "without a BOM, else GBK with a note.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Worker processes; the output is the same for any number.",
)
@rules_option
@rules_dir_option
@on_option
@lang_option
@click.option(
    "--detail",
    type=click.Choice(["summary", "full"]),
    default="summary",
    show_default=True,
    help="summary: meanstest.summary/1 records (the columnar "
    "engine); full: meanstest.assessment/1 with trace (JSON Lines only).",
)
@click.option(
    "--report",
    "report_path",
    metavar="FILE",
    help="Write a run report (JSON: counts, engines, input SHA-256, rules) here.",
    callback=note_output,
    is_eager=True,
)
@click.option(
    "--show-personal-data",
    is_flag=True,
    help=(
        "Write names and ID numbers unmasked in full records (--detail full), the payment"
        " roll and the publication list."
    ),
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, notes or summary.")
@pass_env
def batch(
    env: Environment,
    input_path: str,
    output: str | None,
    fmt: str | None,
    input_format: str | None,
    encoding: str | None,
    jobs: int,
    rules: str | None,
    rules_dirs: tuple[Path, ...],
    on: dt.date | None,
    detail: str,
    report_path: str | None,
    show_personal_data: bool,
    quiet: bool,
    month: str | None,
) -> None:
    """Assess a case roll (JSON Lines, CSV, XLSX or Parquet), one result per household.

    Output records keep the input order: a summary (or with --detail full the full
    assessment), or an error record naming the line and field of a household that
    cannot be assessed. Exit status 3 when any record was an error. See docs/batch.md
    for the layouts.

    Example:

        meanstest batch examples/batch/caseroll.jsonl -o results.jsonl --jobs 2
    """
    paper = fmt if fmt in _PAPERS else None
    out_format = _checked_format(env, fmt, paper, month, output, input_path, rules, detail)
    refuse_overwriting(
        env,
        {"output_file": output, "--report": report_path},
        {"input_file": input_path, "--rules": rules},
    )
    month = _month(env, month)
    report_to = report_stream_for(env, report_path, output)
    started = dt.datetime.now().astimezone()
    tally, source = _run(
        env,
        input_path,
        _path(output),
        out_format,
        input_format=input_format,
        encoding=encoding,
        jobs=jobs,
        rules=rules,
        rules_dirs=rules_dirs,
        on=on,
        quiet=quiet,
        detail=detail,
        show_personal_data=show_personal_data,
        digest=bool(report_path),
        paper=(paper, month) if paper else None,
    )
    with past_interrupting():  # the output is in place: the run is done
        if report_path:
            from ..batch.report import write_report  # noqa: PLC0415

            where = (input_path, output, out_format, detail, report_path, report_to)
            write_report(tally, started, source, *where)
        if not quiet:
            from ..batch.run_words import summary_text, tally_summary  # noqa: PLC0415

            env.echo(summary_text(tally_summary(tally), env.lang, tally), err=True)
    if tally.errors:
        raise Exit(ExitCode.RECORD_ERRORS)


def _checked_format(
    env: Environment,
    fmt: str | None,
    paper: str | None,
    month: str | None,
    output: str | None,
    input_path: str,
    rules: str | None,
    detail: str,
) -> str:
    """The output format, once the options are found to agree."""
    out_format = _output_format(env, None if paper else fmt, output)
    if month is not None and paper != "payroll":
        # Whatever the month says: it is not used, so the option is the mistake (a roll
        # made as a notice with a month meant for the payroll), not its value.
        raise usage_error(env, "month_needs_payroll", format=fmt or out_format)
    if paper and out_format == "jsonl":
        if _path(output) is not None:
            raise usage_error(env, "paper_output_name", format=fmt, output=output)
        out_format = "csv"  # a roll or a list is a sheet: CSV unless -o names a workbook
    if out_format == "xlsx" and _path(output) is None and env.stdout_isatty:
        raise usage_error(env, "xlsx_to_terminal")
    if detail == "full" and out_format != "jsonl" and not paper:
        raise usage_error(env, "detail_full_jsonl_only", format=out_format)
    return out_format


def _run(
    env: Environment,
    input_path: str,
    output: str | None,
    out_format: str,
    *,
    input_format: str | None,
    encoding: str | None,
    jobs: int,
    rules: str | None,
    rules_dirs: tuple[Path, ...] = (),
    on: dt.date | None,
    quiet: bool,
    detail: str = "summary",
    show_personal_data: bool = False,
    digest: bool = False,
    paper: tuple[str, str | None] | None = None,
) -> tuple[Tally, Input]:
    """Stream the input through the engine into the output; return the tally."""
    from ..batch.tally import Tally  # noqa: PLC0415 - loads only when run
    from ..files.inputs import open_input  # noqa: PLC0415
    from ..ruleset.load import load_rules  # noqa: PLC0415

    # Bad rules stop the run before it starts.
    rule_set = load_rules(rules, search=rules_dirs) if rules else None
    source = open_input(input_path, input_format, encoding, stdin=env.stdin, digest=digest)
    if source.note and not quiet:
        from ..render.errors import message  # noqa: PLC0415

        env.echo(message(source.note, {}, env.lang), err=True)
    job = _job(
        env,
        rule_set,
        on,
        source,
        out_format,
        rules_dirs,
        detail=detail,
        paper=paper is not None,
        show_personal_data=show_personal_data,
    )
    summary = Tally()
    sink = _stream(
        env,
        source,
        job,
        jobs,
        summary,
        out_format,
        output,
        paper,
        show_personal_data=show_personal_data,
        quiet=quiet,
    )
    summary.skipped += source.skipped
    made = getattr(sink, "made", None)
    if made is not None and not quiet:
        env.echo("\n".join(made.notes), err=True)
    return summary, source


def _job(
    env: Environment,
    rule_set: RuleSet | None,
    on: dt.date | None,
    source: Input,
    out_format: str,
    rules_dirs: tuple[Path, ...],
    *,
    detail: str,
    paper: bool,
    show_personal_data: bool,
) -> Job:
    """What each record of the run is assessed with and written as."""
    from ..batch.core import Job  # noqa: PLC0415 - pydantic loads only when run

    kind: Output = (
        "jsonl" if out_format == "jsonl" else "dict" if (out_format == "parquet") else "row"
    )
    return Job(
        env.today,
        rule_set,
        on,
        env.lang,
        source.encoding or "utf-8",
        source.layout,
        "dict" if paper else kind,
        env.debug,
        show_personal_data,
        "full" if detail == "full" or paper else "summary",
        rules_dirs,
    )


def _stream(
    env: Environment,
    source: Input,
    job: Job,
    jobs: int,
    summary: Tally,
    out_format: str,
    output: str | None,
    paper: tuple[str, str | None] | None,
    *,
    show_personal_data: bool,
    quiet: bool,
) -> Any:
    """Run the records through the engine into the output, counting into ``summary``;
    return the output. An interruption, a closed stream or a failed write is a message,
    not a traceback."""
    from ..batch.runner import paper_run, pieces  # noqa: PLC0415
    from ..errors import MeansTestError  # noqa: PLC0415

    try:
        with (
            source,
            terminate_cleanly(),
            _sink(env, out_format, output, paper, show_personal_data) as sink,
            _progress(env, source, enabled=not quiet and env.stderr_isatty) as advance,
        ):
            if paper:  # the paperwork is made of full records, outcome by outcome
                paper_run(source, job, jobs, sink, summary, advance)
            for piece in () if paper else pieces(source, job, jobs):
                sink.add_piece(piece)
                summary.add(piece.tally)
                advance(piece.tally.records)
        return sink
    except BrokenPipeError:
        env.reader_gone()
    except (KeyboardInterrupt, Exit) as stop:
        # Ctrl-C or SIGTERM: the temporary output file is already gone; say how far it got.
        from ..batch.run_words import interrupted_text  # noqa: PLC0415

        code = stop.code if isinstance(stop, Exit) else 128 + signal.SIGINT
        env.echo(interrupted_text(summary.records, env.lang, to_file=bool(output)), err=True)
        raise Exit(code) from None
    except ClosedStream as exc:  # standard output (or input) closed: which, and what to do
        raise MeansTestError(
            "run_stopped_stdin_closed"
            if exc.code == "stdin_closed"
            else "run_stopped_stdout_closed"
        ) from None
    except OSError as exc:  # a full disk, a vanished directory: a message, not a traceback
        raise MeansTestError(
            "run_stopped_output_kept" if output else "run_stopped",
            params={"reason": exc.strerror or str(exc)},
        ) from None


def _sink(
    env: Environment,
    out_format: str,
    output: str | None,
    paper: tuple[str, str | None] | None,
    show_personal_data: bool,
) -> contextlib.AbstractContextManager[Any]:
    """The output: result records, or the payment roll or publication list made of them."""
    if paper is None:
        from ..files.outputs import open_sink  # noqa: PLC0415

        return open_sink(out_format, env.lang, output, env.stdout_bytes)
    from ..files.paperwork import Kind, open_paper_sink  # noqa: PLC0415

    kind: Kind = "payroll" if paper[0] == "payroll" else "notice"
    return open_paper_sink(
        kind,
        out_format,
        env.lang,
        output,
        env.stdout_bytes,
        month=paper[1],
        show_personal_data=show_personal_data,
    )


# The months a payment roll may be made for. A roll pays real months: one outside these is
# a typo (9999-12 for 2021-12), and the months after it (a phase-out's end, the month a
# change applies from) would run off the calendar at 9999-12.
FIRST_MONTH, LAST_MONTH = "2000-01", "2099-12"


def _month(env: Environment, value: str | None) -> str | None:
    """Check a --month value (YYYY-MM, from FIRST_MONTH to LAST_MONTH): once the format
    is known to use it (`_checked_format`), so a month given to a format that does not
    use one is refused as such whatever its value."""
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(f"{value}-01")
    except ValueError:
        error = bad_parameter(env, "option_month", value=value)
    else:
        month = f"{day.year:04d}-{day.month:02d}"
        if FIRST_MONTH <= month <= LAST_MONTH:
            return month
        error = bad_parameter(
            env, "option_month_range", value=value, first=FIRST_MONTH, last=LAST_MONTH
        )
    error.param_hint = "'--month'"  # named as click names an option a callback refuses
    raise error


def _path(output: str | None) -> str | None:
    return None if output in (None, "-") else output


def _output_format(env: Environment, fmt: str | None, output: str | None) -> str:
    """The output format: --format, else the -o suffix, else JSON Lines."""
    from ..files.outputs import format_for  # noqa: PLC0415

    implied = format_for(output)
    if fmt and implied and fmt != implied:
        raise usage_error(env, "format_not_output", format=fmt, output=output, implied=implied)
    return fmt or implied or "jsonl"


def _progress(
    env: Environment, source: Input, *, enabled: bool
) -> contextlib.AbstractContextManager[Callable[[int], None]]:
    """Yield a function to call with each piece's records; a rich bar on a terminal
    (`batch.progress`)."""
    from ..batch.progress import progress  # noqa: PLC0415

    return progress(lambda: env.console(stderr=True), env.lang, source, enabled=enabled)
