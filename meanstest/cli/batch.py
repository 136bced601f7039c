"""`meanstest batch`: assess a whole case roll, one output record per household.

The command wires files and the terminal to the streaming core in `meanstest.batch`:
it opens the input (`inputs`), opens the output (`outputs`), runs the records through
`batch.run` and prints the summary. `meanstest.cli` builds and registers it with the
group's shared options.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from ..batch.core import Summary
    from ..files.inputs import Input
    from ..render.labels import Lang

_FORMATS = ("jsonl", "csv", "xlsx")
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def batch_command(rules_option: Decorator, on_option: Decorator,
                  lang_option: Decorator) -> click.Command:
    """Build the command with the group's shared options (`meanstest.cli` registers it).

    The options come in as arguments so that this module need not import `cli`,
    which imports it.
    """

    @click.command()
    @click.argument("input_path", metavar="[INPUT|-]", default="-",
                    type=click.Path(dir_okay=False, allow_dash=True))
    @click.option("-o", "--output", metavar="FILE",
                  help="Write here (atomically) instead of to standard output.")
    @click.option("--format", "fmt", type=click.Choice(_FORMATS),
                  help="Output format; default from the -o suffix, else jsonl.")
    @click.option("--input-format", type=click.Choice(_FORMATS),
                  help="Input format; default from the suffix or the content.")
    @click.option("--encoding", metavar="NAME",
                  help="Encoding of a JSONL or CSV input (e.g. gbk); default: UTF-8 with or "
                       "without a BOM, else GBK with a note.")
    @click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True,
                  help="Worker processes; the output is the same for any number.")
    @rules_option
    @on_option
    @lang_option
    @click.option("--show-personal-data", is_flag=True,
                  help="Write names and ID numbers unmasked in JSON Lines results.")
    @click.option("-q", "--quiet", is_flag=True, help="No progress bar, notes or summary.")
    def batch(input_path: str, output: str | None, fmt: str | None, input_format: str | None,
              encoding: str | None, jobs: int, rules: str | None, on: dt.date | None,
              lang: str | None, show_personal_data: bool, quiet: bool) -> None:
        """Assess a case roll (JSON Lines, CSV or XLSX), one result per household.

        Output records keep the input order: an assessment, or an error record naming
        the line and field of a household that cannot be assessed. Exit status 3 when
        any record was an error. See docs/batch.md for the layouts.

        Example:

            meanstest batch examples/batch/caseroll.jsonl -o results.jsonl --jobs 2
        """
        from . import ExitCode, _lang  # noqa: PLC0415 - the package imports this module

        out_format = _output_format(fmt, output, input_path)
        language = _lang(lang)
        debug = bool(click.get_current_context().find_root().params.get("debug"))
        summary = _run(input_path, _path(output), out_format, input_format=input_format,
                       encoding=encoding, jobs=jobs, rules=rules, on=on, lang=language,
                       quiet=quiet, debug=debug, show_personal_data=show_personal_data)
        if not quiet:
            click.echo(summary_text(summary, language), err=True)
        if summary.errors:
            sys.exit(ExitCode.RECORD_ERRORS)

    return batch


def _run(input_path: str, output: str | None, out_format: str, *, input_format: str | None,
         encoding: str | None, jobs: int, rules: str | None, on: dt.date | None, lang: Lang,
         quiet: bool, debug: bool, show_personal_data: bool = False) -> Summary:
    """Stream the input through the assessor into the output; return the summary."""
    from ..batch.core import Job, Summary  # noqa: PLC0415 - pydantic loads only when run
    from ..batch.pool import run  # noqa: PLC0415 - pydantic loads only when run
    from ..errors import MeansTestError  # noqa: PLC0415
    from ..files.inputs import open_input  # noqa: PLC0415
    from ..files.outputs import open_sink  # noqa: PLC0415
    from ..ruleset.load import load_rules  # noqa: PLC0415

    today = dt.date.today()
    rule_set = load_rules(rules) if rules else None  # bad rules stop the run before it starts
    source = open_input(input_path, input_format, encoding, stdin=sys.stdin.buffer)
    if source.note and not quiet:
        click.echo(source.note, err=True)
    job = Job(today, rule_set, on, lang, source.encoding or "utf-8", source.layout,
              "jsonl" if out_format == "jsonl" else "row", debug, show_personal_data)
    summary = Summary()
    try:
        with source, terminate_cleanly(), \
                open_sink(out_format, lang, output, sys.stdout.buffer) as sink, \
                _progress(source, enabled=not quiet and sys.stderr.isatty()) as advance:
            for outcome in run(source.records, job, jobs):
                sink.add(outcome)
                summary.add(outcome)
                advance()
    except BrokenPipeError:
        _reader_gone()
    except (KeyboardInterrupt, SystemExit) as stop:
        # Ctrl-C or SIGTERM: the temporary output file is already gone; say how far it got.
        code = stop.code if isinstance(stop, SystemExit) else 128 + signal.SIGINT
        kept = _WORDS[lang]["not_written" if output else "incomplete"]
        click.echo(_WORDS[lang]["interrupted"].format(n=summary.records) + kept, err=True)
        sys.exit(code if isinstance(code, int) else 1)
    except OSError as exc:  # a full disk, a vanished directory: a message, not a traceback
        kept = "; the output file was left as it was" if output else ""
        raise MeansTestError(f"the run stopped: {exc.strerror or exc}{kept}") from None
    summary.skipped = source.skipped
    return summary


def _reader_gone() -> NoReturn:
    """Stop quietly when the reader of stdout has gone (``| head``), as Unix tools do."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no flush error at exit
    sys.exit(128 + signal.SIGPIPE)


def _path(output: str | None) -> str | None:
    return None if output in (None, "-") else output


def _output_format(fmt: str | None, output: str | None, input_path: str) -> str:
    """The output format: --format, else the -o suffix, else JSON Lines."""
    from ..files.outputs import format_for  # noqa: PLC0415

    implied = format_for(output)
    if fmt and implied and fmt != implied:
        raise click.UsageError(f"--format {fmt} does not fit the output file name "
                               f"'{output}' (a .{implied} name)")
    if output not in (None, "-") and input_path != "-":
        from pathlib import Path  # noqa: PLC0415

        if Path(output).resolve() == Path(input_path).resolve():
            raise click.UsageError("the output file is the input file; choose another name")
    return fmt or implied or "jsonl"


@contextlib.contextmanager
def terminate_cleanly() -> Iterator[None]:
    """Turn SIGTERM into SystemExit, so that a partial output file is removed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum: int, _frame: Any) -> NoReturn:
        raise SystemExit(128 + signal.SIGTERM)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _progress(source: Input, *, enabled: bool) -> Iterator[Callable[[], None]]:
    """Yield a function to call per record; a rich bar on a terminal, else nothing."""
    if not enabled:
        yield lambda: None
        return
    from rich.console import Console  # noqa: PLC0415 - rich loads only for a terminal
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn  # noqa: PLC0415

    columns = [TextColumn("{task.fields[households]:,} households"), BarColumn(),
               TextColumn("{task.percentage:>3.0f}%" if source.size else ""),
               TimeElapsedColumn()]
    count = [0]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("batch", total=source.size or None, households=0)

        def advance() -> None:
            count[0] += 1
            if count[0] % 256 == 0:
                bar.update(task, completed=source.position() if source.size else count[0],
                           households=count[0])

        yield advance


_WORDS: dict[str, dict[str, str]] = {
    "en": {"records": "{n} records", "errors": "errors {n}", "internal": "internal errors "
           "{n} (a bug: please report it)", "skipped": "blank lines skipped {n}",
           "benefit": "total monthly benefit {amount} yuan",
           "interrupted": "interrupted after {n} records; ",
           "not_written": "no output file was written",
           "incomplete": "the output on stdout is incomplete"},
    "zh": {"records": "共 {n} 条记录", "errors": "错误 {n}", "internal": "内部错误 {n}（程序缺陷，"
           "请报告）", "skipped": "跳过空行 {n} 行", "benefit": "月救助金合计 {amount} 元",
           "interrupted": "已处理 {n} 条记录后中断；", "not_written": "未写出输出文件",
           "incomplete": "标准输出中的结果不完整"},
}


def summary_text(summary: Summary, lang: Lang) -> str:
    """Say what a run gave: counts by status, errors, the total monthly benefit."""
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
    return "\n".join(lines)
