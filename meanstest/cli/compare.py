"""`meanstest compare`: a case roll under the current rules and a proposal (policy staff).

The command checks its options, lets `ruleset.choose` build the two choosers (the
proposal's checks included), streams the roll through `compare.compare_households` and
writes what was asked for: the summary as a table or JSON, every household's change as
CSV, a --changes file, an HTML report.
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
from .exits import terminate_cleanly
from .options import (
    format_option,
    lang_option,
    on_option,
    parse_date,
    pass_env,
    refuse_overwriting,
    rules_dir_option,
    usage_error,
)

if TYPE_CHECKING:
    from ..compare import Summary
    from ..ruleset.choose import Chooser


@click.command()
@click.argument("caseload", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--proposal", type=click.Path(exists=True, dir_okay=False),
              help="A rule file that extends the current rules and changes some values.")
@click.option("--base", metavar="ID|FILE",
              help="The current rules; default: each household's region.")
@rules_dir_option
@click.option("--set", "settings", multiple=True, metavar="KEY=VALUE",
              help="A quick change, e.g. dibao.standard.rural=500/month (repeatable).")
@click.option("--from", "start", callback=parse_date, metavar="DATE",
              help="The date the --set changes take effect (default: always).")
@on_option
@format_option("table", "json", "csv", default="table",
               help_text="table or json: the summary; csv: one row a household.")
@click.option("--changes", type=click.Path(dir_okay=False),
              help="Write the per-household changes here (.csv or .jsonl).")
@click.option("--html", "html_file", type=click.Path(dir_okay=False),
              help="Write a self-contained HTML report here.")
@click.option("--top", default=10, show_default=True, help="How many largest changes to list.")
@click.option("--encoding", metavar="NAME",
              help="Encoding of a JSONL or CSV roll (e.g. gbk); default: UTF-8, else GBK "
                   "with a note.")
@lang_option
@pass_env
def compare(env: Environment, caseload: str, proposal: str | None, base: str | None,
            rules_dirs: tuple[Path, ...], settings: tuple[str, ...], start: dt.date | None,
            on: dt.date | None, fmt: str, changes: str | None, html_file: str | None,
            top: int, encoding: str | None) -> None:
    """Compare a case roll under the current rules and a proposal.

    Example:

    \b
        meanstest compare examples/caseload/yizhang-caseload.jsonl \\
            --proposal examples/proposals/standard-rise-2027.yaml --on 2027-01-15
    """
    from ..ruleset.choose import RuleChooser  # noqa: PLC0415 - pydantic loads only when run

    if not proposal and not settings:
        raise usage_error(env, "proposal_or_set")
    # Before anything is read or written: a report never replaces the roll or the rules.
    refuse_overwriting(env, {"--changes": changes, "--html": html_file},
                       {"case_roll": caseload, "--proposal": proposal, "--base": base})
    if changes is not None and not changes.endswith((".csv", ".jsonl", ".json")):
        raise MeansTestError("changes_suffix", path=changes)
    base_rules = RuleChooser(base, search=rules_dirs)
    # A bad --set is an error of the whole run (exit 1), found here, before any record.
    proposed = base_rules.changed(proposal, settings, start)
    summary = _compare(env, caseload, base_rules, proposed, on=on, fmt=fmt, changes=changes,
                       top=top, encoding=encoding)
    breaches = proposed.new_breaches()
    if breaches:  # a proposed value below a minimum: say so, as every result it gave does
        from ..render.rules import breach_lines  # noqa: PLC0415

        for line in breach_lines(breaches, env.lang):
            env.echo(line, err=True)
    _report(env, summary, base or "region", proposal or " ".join(settings), fmt=fmt,
            html_file=html_file)


def _compare(env: Environment, caseload: str, base: Chooser, proposed: Chooser, *,
             on: dt.date | None, fmt: str, changes: str | None, top: int,
             encoding: str | None) -> Summary:
    """Compare every household of the roll; write each change as it comes."""
    from ..batch.compare_run import compare_roll  # noqa: PLC0415 - the columnar engine
    from ..compare import Summary  # noqa: PLC0415
    from ..render.compare import change_row, csv_text  # noqa: PLC0415

    summary = Summary(top=top)
    jsonl = changes is not None and changes.endswith((".jsonl", ".json"))
    # SIGTERM stops the run as an Exit, so the files being written are removed, not left.
    with terminate_cleanly(), _atomic(env, changes) as out:
        if out is not None and not jsonl:
            out(csv_text([], header=True))
        if fmt == "csv":
            env.echo_data(csv_text([], header=True), nl=False)
        for change in compare_roll(caseload, encoding, base, proposed, on, env.today,
                                   stdin=env.stdin, lang=env.lang,
                                   note=lambda text: env.echo(text, err=True)):
            summary.add(change)
            row = change_row(change, env.lang)
            if out is not None:
                out(json.dumps(row, ensure_ascii=False) + "\n" if jsonl
                    else csv_text([row], header=False))
            if fmt == "csv":
                env.echo_data(csv_text([row], header=False), nl=False)
    return summary


def _report(env: Environment, summary: Summary, base_name: str, proposal_name: str, *,
            fmt: str, html_file: str | None) -> None:
    """Write the summary: the HTML report, and the table or JSON on stdout."""
    if html_file:
        from ..render.html import report  # noqa: PLC0415

        with terminate_cleanly(), env.output_file(html_file) as page:
            page(report(summary, base_name, proposal_name, env.lang, env.today))
    if fmt == "json":
        from ..render.compare import summary_json  # noqa: PLC0415

        env.echo_data(json.dumps(summary_json(summary, base_name, proposal_name, env.lang),
                                 ensure_ascii=False, indent=2))
    elif fmt == "table":
        from ..render.compare import renderables  # noqa: PLC0415 - rich loads only here

        console = env.console()
        for part in renderables(summary, base_name, proposal_name, env.lang):
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
