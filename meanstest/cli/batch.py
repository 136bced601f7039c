"""`meanstest batch`: assess a whole case roll, one output record per household.

The command wires the environment's streams and files to the streaming core in
`meanstest.batch`: it opens the input (`files.inputs`), opens the output
(`files.outputs`), runs the records through `batch.pool.run` and says how it went.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import ClosedStream
from .env import Environment
from .exits import Exit, ExitCode, terminate_cleanly
from .options import (
    bad_parameter,
    format_option,
    lang_option,
    on_option,
    pass_env,
    refuse_overwriting,
    rules_dir_option,
    rules_option,
    usage_error,
)

if TYPE_CHECKING:
    from ..batch.columnar_run import Tally
    from ..batch.core import Job, Output, Summary
    from ..files.inputs import Input
    from ..render.labels import Lang

_FORMATS = ("jsonl", "csv", "xlsx", "parquet")
# The paperwork made from a whole run: the payment roll and the publication list.
_PAPERS = ("payroll", "notice")


@click.command("batch")
@click.argument("input_path", metavar="[INPUT|-]", default="-",
                type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", metavar="FILE",
              help="Write here (atomically) instead of to standard output.")
@format_option(*_FORMATS, *_PAPERS, help_text=(
    "Output format; default from the -o suffix, else jsonl. payroll: the monthly payment "
    "roll (发放花名册); notice: the publication list (公示名单); both as a workbook "
    "(-o NAME.xlsx) or CSV (-o NAME.csv, or standard output)."))
@click.option("--month", metavar="YYYY-MM", callback=lambda c, _p, v: _month(c, v),
              help="--format payroll: the month paid; default: the assessment date's.")
@click.option("--input-format", type=click.Choice(_FORMATS),
              help="Input format; default from the suffix or the content.")
@click.option("--encoding", metavar="NAME",
              help="Encoding of a JSONL or CSV input (e.g. gbk); default: UTF-8 with or "
                   "without a BOM, else GBK with a note.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes; the output is the same for any number.")
@rules_option
@rules_dir_option
@on_option
@lang_option
@click.option("--detail", type=click.Choice(["summary", "full"]), default="summary",
              show_default=True, help="summary: meanstest.summary/1 records (the columnar "
              "engine); full: meanstest.assessment/1 with trace (JSON Lines only).")
@click.option("--report", "report_path", metavar="FILE",
              help="Write a run report (JSON: counts, engines, input SHA-256, rules) here.")
@click.option("--show-personal-data", is_flag=True,
              help="Write names and ID numbers unmasked in JSON Lines results.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, notes or summary.")
@pass_env
def batch(env: Environment, input_path: str, output: str | None, fmt: str | None,
          input_format: str | None, encoding: str | None, jobs: int, rules: str | None,
          rules_dirs: tuple[Path, ...], on: dt.date | None, detail: str,
          report_path: str | None, show_personal_data: bool, quiet: bool,
          month: str | None) -> None:
    """Assess a case roll (JSON Lines, CSV, XLSX or Parquet), one result per household.

    Output records keep the input order: a summary (or with --detail full the full
    assessment), or an error record naming the line and field of a household that
    cannot be assessed. Exit status 3 when any record was an error. See docs/batch.md
    for the layouts.

    Example:

        meanstest batch examples/batch/caseroll.jsonl -o results.jsonl --jobs 2
    """
    paper = fmt if fmt in _PAPERS else None
    if month is not None and paper != "payroll":
        raise usage_error(env, "month_needs_payroll")
    out_format = _output_format(env, None if paper else fmt, output)
    if paper and out_format == "jsonl":
        if _path(output) is not None:
            raise usage_error(env, "paper_output_name", format=fmt, output=output)
        out_format = "csv"  # a roll or a list is a sheet: CSV unless -o names a workbook
    refuse_overwriting(env, {"output_file": output},
                       {"input_file": input_path, "--rules": rules})
    if out_format == "xlsx" and _path(output) is None and env.stdout_isatty:
        raise usage_error(env, "xlsx_to_terminal")
    if detail == "full" and out_format != "jsonl" and not paper:
        raise usage_error(env, "detail_full_jsonl_only", format=out_format)
    started = dt.datetime.now().astimezone()
    tally, source = _run(env, input_path, _path(output), out_format,
                         input_format=input_format, encoding=encoding, jobs=jobs,
                         rules=rules, rules_dirs=rules_dirs, on=on, quiet=quiet,
                         detail=detail, show_personal_data=show_personal_data,
                         digest=bool(report_path), paper=(paper, month) if paper else None)
    if report_path:
        _write_report(tally, started, source, input_path, output, out_format, detail,
                      report_path)
    if not quiet:
        env.echo(summary_text(_summary(tally), env.lang, tally), err=True)
    if tally.errors:
        raise Exit(ExitCode.RECORD_ERRORS)


def _run(env: Environment, input_path: str, output: str | None, out_format: str, *,
         input_format: str | None, encoding: str | None, jobs: int, rules: str | None,
         rules_dirs: tuple[Path, ...] = (), on: dt.date | None, quiet: bool,
         detail: str = "summary", show_personal_data: bool = False,
         digest: bool = False,
         paper: tuple[str, str | None] | None = None) -> tuple[Tally, Input]:
    """Stream the input through the engine into the output; return the tally."""
    from ..batch.columnar_run import Tally  # noqa: PLC0415 - loads only when run
    from ..batch.core import Job  # noqa: PLC0415 - pydantic loads only when run
    from ..batch.runner import pieces  # noqa: PLC0415
    from ..errors import MeansTestError  # noqa: PLC0415
    from ..files.inputs import open_input  # noqa: PLC0415
    from ..ruleset.load import load_rules  # noqa: PLC0415

    # Bad rules stop the run before it starts.
    rule_set = load_rules(rules, search=rules_dirs) if rules else None
    source = open_input(input_path, input_format, encoding, stdin=env.stdin, digest=digest)
    if source.note and not quiet:
        from ..render.errors import message  # noqa: PLC0415

        env.echo(message(source.note, {}, env.lang), err=True)
    kind: Output = "jsonl" if out_format == "jsonl" else "dict" if (
        out_format == "parquet") else "row"
    job = Job(env.today, rule_set, on, env.lang, source.encoding or "utf-8", source.layout,
              "dict" if paper else kind, env.debug, show_personal_data,
              "full" if detail == "full" or paper else "summary", rules_dirs)
    summary = Tally()
    try:
        with source, terminate_cleanly(), \
                _sink(env, out_format, output, paper, show_personal_data) as sink, \
                _progress(env, source, enabled=not quiet and env.stderr_isatty) as advance:
            if paper:  # the paperwork is made of full records, outcome by outcome
                _paper_run(source, job, jobs, sink, summary, advance)
            for piece in () if paper else pieces(source, job, jobs):
                sink.add_piece(piece)
                summary.add(piece.tally)
                advance(piece.tally.records)
    except BrokenPipeError:
        env.reader_gone()
    except (KeyboardInterrupt, Exit) as stop:
        # Ctrl-C or SIGTERM: the temporary output file is already gone; say how far it got.
        code = stop.code if isinstance(stop, Exit) else 128 + signal.SIGINT
        kept = _WORDS[env.lang]["not_written" if output else "incomplete"]
        env.echo(_WORDS[env.lang]["interrupted"].format(n=summary.records) + kept, err=True)
        raise Exit(code) from None
    except ClosedStream as exc:  # standard output (or input) closed: which, and what to do
        raise MeansTestError("run_stopped_stdin_closed" if exc.code == "stdin_closed"
                             else "run_stopped_stdout_closed") from None
    except OSError as exc:  # a full disk, a vanished directory: a message, not a traceback
        raise MeansTestError("run_stopped_output_kept" if output else "run_stopped",
                             params={"reason": exc.strerror or str(exc)}) from None
    summary.skipped += source.skipped
    made = getattr(sink, "made", None)
    if made is not None and not quiet:
        env.echo("\n".join(made.notes), err=True)
    return summary, source


def _paper_run(source: Input, job: Job, jobs: int, sink: Any, tally: Tally,
               advance: Callable[[int], None]) -> None:
    """The payment roll or publication list: every record through the reference
    engine (full records), each outcome to the paper sink and the tally."""
    from ..batch.pool import run  # noqa: PLC0415 - pydantic loads only when run

    for outcome in run(source.records, job, jobs):
        sink.add(outcome)
        tally.records += 1
        tally.paths["reference"] += 1
        tally.count(outcome)
        advance(1)


def _sink(env: Environment, out_format: str, output: str | None,
          paper: tuple[str, str | None] | None,
          show_personal_data: bool) -> contextlib.AbstractContextManager[Any]:
    """The output: result records, or the payment roll or publication list made of them."""
    if paper is None:
        from ..files.outputs import open_sink  # noqa: PLC0415

        return open_sink(out_format, env.lang, output, env.stdout_bytes)
    from ..files.paperwork import Kind, open_paper_sink  # noqa: PLC0415

    kind: Kind = "payroll" if paper[0] == "payroll" else "notice"
    return open_paper_sink(kind, out_format, env.lang, output, env.stdout_bytes,
                           month=paper[1], show_personal_data=show_personal_data)


def _month(ctx: click.Context, value: str | None) -> str | None:
    """Check a --month value (YYYY-MM)."""
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(f"{value}-01")
    except ValueError:
        raise bad_parameter(ctx.ensure_object(Environment), "option_month",
                            value=value) from None
    return f"{day.year:04d}-{day.month:02d}"


def _path(output: str | None) -> str | None:
    return None if output in (None, "-") else output


def _output_format(env: Environment, fmt: str | None, output: str | None) -> str:
    """The output format: --format, else the -o suffix, else JSON Lines."""
    from ..files.outputs import format_for  # noqa: PLC0415

    implied = format_for(output)
    if fmt and implied and fmt != implied:
        raise usage_error(env, "format_not_output", format=fmt, output=output,
                          implied=implied)
    return fmt or implied or "jsonl"


def _no_progress(records: int = 1) -> None:
    """No progress to show (not a terminal, or --quiet)."""


@contextlib.contextmanager
def _progress(env: Environment, source: Input, *,
              enabled: bool) -> Iterator[Callable[[int], None]]:
    """Yield a function to call with each piece's records; a rich bar on a terminal."""
    if not enabled:
        yield _no_progress
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn  # noqa: PLC0415

    from ..render.labels import label  # noqa: PLC0415

    counted = label("progress.households", env.lang).replace("{n}", "{task.fields[households]:,}")
    columns = [TextColumn(counted), BarColumn(),
               TextColumn("{task.percentage:>3.0f}%" if source.size else ""),
               TimeElapsedColumn()]
    count = [0]
    # No redirection of sys.stdout/sys.stderr: the console writes through the
    # Environment, which writes to sys.stderr, so a redirected one would loop for ever.
    with Progress(*columns, console=env.console(stderr=True), transient=True,
                  redirect_stdout=False, redirect_stderr=False) as bar:
        task = bar.add_task("batch", total=source.size or None, households=0)

        def advance(records: int = 1) -> None:
            before = count[0]
            count[0] += records
            if count[0] // 256 != before // 256:
                bar.update(task, completed=source.position() if source.size else count[0],
                           households=count[0])

        yield advance


_WORDS: dict[str, dict[str, str]] = {
    "en": {"records": "{n} records", "errors": "errors {n}", "internal": "internal errors "
           "{n} (a bug: please report it)", "skipped": "blank lines skipped {n}",
           "benefit": "total monthly benefit {amount} yuan",
           "support": "total paid a month, 特困 support included, {amount} yuan",
           "interrupted": "interrupted after {n} records; ",
           "not_written": "no output file was written",
           "incomplete": "the output on stdout is incomplete",
           "paths": "assessed by the columnar engine {columnar}, by the reference engine "
                    "{reference}"},
    "zh": {"records": "共 {n} 条记录", "errors": "错误 {n}", "internal": "内部错误 {n}（程序缺陷，"
           "请报告）", "skipped": "跳过空行 {n} 行", "benefit": "月救助金合计 {amount} 元",
           "support": "含特困供养金的月救助供养金合计 {amount} 元",
           "interrupted": "已处理 {n} 条记录后中断；", "not_written": "未写出输出文件",
           "incomplete": "标准输出中的结果不完整",
           "paths": "列式引擎核算 {columnar} 户，逐户引擎核算 {reference} 户"},
}


def summary_text(summary: Summary, lang: Lang, tally: Tally | None = None) -> str:
    """Say what a run gave: counts by status, errors, the total monthly benefit, and
    (given the tally) how many households each engine assessed."""
    from ..render.labels import label  # noqa: PLC0415

    words = _WORDS[lang]
    statuses = [s for s in summary.by_status if s not in ("error", "internal_error")]
    parts = [f"{label(f'status.{s}', lang) if lang == 'zh' else s} {summary.by_status[s]}"
             for s in sorted(statuses)]
    head = words["records"].format(n=summary.records)
    lines = [f"{head}: " + ", ".join([*parts, words["errors"].format(n=summary.errors)])]
    if summary.by_status["internal_error"]:
        lines.append(words["internal"].format(n=summary.by_status["internal_error"]))
    if summary.skipped:
        lines.append(words["skipped"].format(n=summary.skipped))
    lines.append(words["benefit"].format(amount=f"{summary.benefit_total:,.2f}"))
    if summary.support_total != summary.benefit_total:
        lines.append(words["support"].format(amount=f"{summary.support_total:,.2f}"))
    if tally is not None:
        lines.append(words["paths"].format(columnar=tally.paths["columnar"],
                                           reference=tally.paths["reference"]))
    return "\n".join(lines)


def _summary(tally: Tally) -> Summary:
    """The run summary of a tally (what `summary_text` says)."""
    from ..batch.core import Summary  # noqa: PLC0415

    return Summary(tally.records, tally.by_status, tally.benefit, tally.skipped,
                   tally.benefit + tally.extra_support)


def _write_report(tally: Tally, started: dt.datetime, source: Input, input_path: str,
                  output: str | None, out_format: str, detail: str, path: str) -> None:
    """Write the run report (`batch.report`) atomically."""
    import json  # noqa: PLC0415

    from ..batch.report import run_report  # noqa: PLC0415
    from ..files.outputs import atomic_file  # noqa: PLC0415

    report = run_report(
        tally, started=started, finished=dt.datetime.now().astimezone(),
        source={"path": input_path, "format": source.format,
                "sha256": source.digest() if source.digest else None},
        output={"path": output or "-", "format": out_format, "detail": detail})
    with atomic_file(path) as temp:
        temp.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
