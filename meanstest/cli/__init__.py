"""The command line: a thin click layer over the library.

Commands parse options, call one library function and hand the result to a renderer.
All errors pass through one funnel (`_Funnel.invoke`), which turns a MeansTestError
into a message on stderr and exit status 1; `--debug` shows the traceback instead.
Heavy modules (pydantic, rich, PyYAML) are imported inside the commands that need
them, so `meanstest check --format json` never loads rich.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from .. import __version__
from ..errors import MeansTestError

if TYPE_CHECKING:
    from rich.console import Console

    from ..render.labels import Lang


class ExitCode(enum.IntEnum):
    """Exit statuses (contract §3)."""

    OK = 0  # done, whether or not the household is eligible
    BAD_INPUT = 1  # bad household or bad rules
    USAGE = 2  # click's usage errors
    RECORD_ERRORS = 3  # batch finished but some records were errors


def _fail(error: MeansTestError, lang: Lang) -> NoReturn:
    from ..render.errors import render  # noqa: PLC0415

    click.echo(render(error, lang), err=True)
    sys.exit(ExitCode.BAD_INPUT)


def _requested_lang(words: list[str]) -> str | None:
    """The value of a --lang option among a command's words, if any."""
    for i, word in enumerate(words):
        if word == "--lang" and i + 1 < len(words):
            return words[i + 1]
        if word.startswith("--lang="):
            return word.partition("=")[2]
    return None


class _Funnel(click.Group):
    """The one place where library errors become messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        words = [*getattr(ctx, "_protected_args", []), *ctx.args]
        try:
            return super().invoke(ctx)
        except MeansTestError as exc:
            if ctx.params.get("debug"):
                raise
            _fail(exc, _lang(_requested_lang(words)))


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2021-12-01") from None


def _lang(value: str | None) -> Lang:
    if value in ("zh", "en"):
        return value  # type: ignore[return-value]
    from ..render.labels import default_lang  # noqa: PLC0415

    return default_lang()


rules_option = click.option(
    "--rules", "rules", metavar="ID|FILE",
    help="Rule set id (431022) or rule file; default: the household's region.")
on_option = click.option("--on", "on", metavar="DATE", callback=_date,
                         help="Assess with the rules in force on this date (YYYY-MM-DD).")
lang_option = click.option("--lang", type=click.Choice(["zh", "en"]),
                           help="Language of labels and messages; default from the locale.")


@click.group(cls=_Funnel, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
@click.version_option(__version__, prog_name="meanstest")
def cli(debug: bool) -> None:
    """Household means tests for China's minimum living guarantee (低保).

    Example:

        meanstest check examples/yizhang-widow-diabetes.json
    """
    del debug


@cli.command()
@click.argument("household", type=click.Path(dir_okay=False, allow_dash=True))
@rules_option
@on_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]),
              default="table", show_default=True, help="Output format.")
@lang_option
@click.option("--trace", is_flag=True, help="Show every step with its rule key and source.")
@click.option("--show-personal-data", is_flag=True,
              help="Show names and ID numbers unmasked in Markdown and JSON.")
def check(household: str, rules: str | None, on: dt.date | None, fmt: str, lang: str | None,
          trace: bool, show_personal_data: bool) -> None:
    """Assess one household from a JSON file (or - for stdin).

    Example:

        meanstest check examples/yizhang-widow-diabetes.json --lang en --trace
    """
    from ..api import assess_household  # noqa: PLC0415
    from ..errors import HouseholdInvalid, RuleNotInForce  # noqa: PLC0415
    from ..files.json import decode_json  # noqa: PLC0415
    from ..model.household import parse_household  # noqa: PLC0415
    from ..ruleset.choose import RuleChooser  # noqa: PLC0415

    data = _read_input(household)
    try:
        parsed = parse_household(decode_json(data))
        result = assess_household(parsed, RuleChooser(rules), on, dt.date.today())
    except (HouseholdInvalid, RuleNotInForce) as exc:
        exc.path = exc.path or (household if household != "-" else "<stdin>")
        raise
    language = _lang(lang)
    if fmt == "json":
        from ..render.json import dumps  # noqa: PLC0415

        click.echo(dumps(result, language, show_personal_data=show_personal_data))
    elif fmt == "markdown":
        from ..render.markdown import render  # noqa: PLC0415

        click.echo(render(result, language, show_personal_data=show_personal_data))
    else:
        from ..render.table import render as render_table  # noqa: PLC0415

        render_table(result, _console(), language, trace=trace)


def _console() -> Console:
    """The console for tables: data is never read as rich markup or emoji codes."""
    from rich.console import Console  # noqa: PLC0415 - rich loads only for table output

    return Console(highlight=False, markup=False, emoji=False)


def _read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise MeansTestError(f"cannot read the file ({exc.strerror})", path=path) from None


@cli.group()
def rules() -> None:
    """List, show and validate rule files.

    Example:

        meanstest rules show 431022 --on 2021-12-01
    """


@rules.command("list")
def rules_list() -> None:
    """List the shipped rule sets.

    Example:

        meanstest rules list
    """
    from ..render.rules import rule_list  # noqa: PLC0415
    from ..ruleset.load import RuleLibrary  # noqa: PLC0415

    library = RuleLibrary()
    _console().print(rule_list(library))


@rules.command("show")
@click.argument("rule_id", metavar="ID|FILE")
@on_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def rules_show(rule_id: str, on: dt.date | None, lang: str | None, fmt: str) -> None:
    """Show the values in force on a date, with their sources.

    Example:

        meanstest rules show 431022 --on 2021-12-01
    """
    from ..ruleset.load import load_rules  # noqa: PLC0415

    rule_set = load_rules(rule_id)
    snapshot = rule_set.at(on or dt.date.today())
    language = _lang(lang)
    if fmt == "json":
        import json  # noqa: PLC0415

        from ..render.rules import snapshot_json  # noqa: PLC0415

        click.echo(json.dumps(snapshot_json(rule_set, snapshot, language), ensure_ascii=False,
                              indent=2))
        return
    from ..render.rules import snapshot_table  # noqa: PLC0415

    _console().print(snapshot_table(rule_set, snapshot, language))


@rules.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def rules_validate(files: tuple[str, ...]) -> None:
    """Check rule files: keys, types, dates, sources and `extends`.

    Example:

        meanstest rules validate rules/*.yaml
    """
    from ..ruleset.load import RuleLibrary  # noqa: PLC0415

    failed = 0
    library = RuleLibrary()
    for name in files:
        try:
            rule_set = library.load_file(Path(name))
        except MeansTestError as exc:
            from ..render.errors import render  # noqa: PLC0415

            failed += 1
            click.echo(render(exc, _lang(None)), err=True)
            continue
        entries = [e for s in rule_set.series.values() for e in s.entries]
        provisional = sum(e.source.provisional for e in entries)
        click.echo(f"ok {name}: rule set {rule_set.id} ({' → '.join(rule_set.chain)}), "
                   f"{len(rule_set.series)} keys, {provisional} provisional values")
    if failed:
        sys.exit(ExitCode.BAD_INPUT)


@rules.command("diff")
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@on_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def rules_diff(first: str, second: str, on: dt.date | None, lang: str | None,
               fmt: str) -> None:
    """Show the rule values that differ between two rule sets on a date, with sources.

    Example:

        meanstest rules diff 431022 examples/proposals/standard-rise-2027.yaml --on 2027-02-01
    """
    from ..render.rules import diff_rows  # noqa: PLC0415
    from ..ruleset.load import load_rules  # noqa: PLC0415

    day = on or dt.date.today()
    a, b = load_rules(first), load_rules(second)
    rows = diff_rows(a.at(day), b.at(day))
    language = _lang(lang)
    if fmt == "json":
        import json  # noqa: PLC0415

        click.echo(json.dumps({"schema": "meanstest.rules-diff/1", "a": a.id, "b": b.id,
                               "as_of": day.isoformat(), "differences": rows},
                              ensure_ascii=False, indent=2))
        return
    from ..render.rules import diff_table  # noqa: PLC0415

    _console().print(diff_table(a.id, b.id, day, rows, language))


@rules.command("new")
@click.argument("code")
@click.option("--extends", "parent", required=True, metavar="ID",
              help="The rule set the new one extends (e.g. 431000 for a Chenzhou county).")
@click.option("--name", required=True, help="The name in Chinese, e.g. 桂阳县.")
@click.option("--name-en", help="The name in English (default: the Chinese name).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the file here instead of to stdout (never over an existing one "
                   "unless --force).")
@click.option("--force", is_flag=True, help="With -o, replace an existing file.")
@on_option
def rules_new(code: str, parent: str, name: str, name_en: str | None, output: str | None,
              force: bool, on: dt.date | None) -> None:
    """Start a rule file for a new county: every local value provisional, with what to fill in.

    Example:

        meanstest rules new 431021 --extends 431000 --name 桂阳县 --name-en "Guiyang County"
    """
    from ..ruleset.load import load_rules  # noqa: PLC0415
    from ..ruleset.scaffold import new_rule_file  # noqa: PLC0415

    if output and not force and Path(output).exists():
        # A rule file being drafted is policy staff's work: never overwritten unasked.
        raise MeansTestError("the file exists; choose another name, or give --force to "
                             "replace it", path=output)
    base = load_rules(parent)
    text = new_rule_file(code, base, name, name_en or name, on or dt.date.today())
    if output:
        from ..files.outputs import atomic_file  # noqa: PLC0415

        with atomic_file(output) as temp:
            temp.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@cli.command("test")
@click.argument("files", nargs=-1, type=click.Path(exists=True))
@click.option("-v", "--verbose", is_flag=True, help="List every case, not only failures.")
def test_cases(files: tuple[str, ...], verbose: bool) -> None:
    """Run rule tests: YAML cases that say what households should get.

    With no FILES, runs the cases shipped with the rules (rules/cases/). Exit status 1
    when a case fails.

    Example:

        meanstest test rules/cases/
    """
    from ..cases import CaseRunner, case_files, load_cases  # noqa: PLC0415
    from ..ruleset.load import shipped_rules_dir  # noqa: PLC0415

    runner = CaseRunner(base=Path.cwd())
    passed = failed = 0
    for path in case_files(tuple(Path(f) for f in files), shipped_rules_dir() / "cases"):
        for case in load_cases(path):
            outcome = runner.run(case)
            if outcome.passed:
                passed += 1
                if verbose:
                    click.echo(f"ok    {path}: {case.name}")
                continue
            failed += 1
            click.echo(f"FAIL  {path}: {case.name}")
            for failure in outcome.failures:
                click.echo(f"        {failure}")
    click.echo(f"{passed} passed, {failed} failed")
    if failed:
        sys.exit(ExitCode.BAD_INPUT)


@cli.command()
@click.argument("caseload", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--proposal", type=click.Path(exists=True, dir_okay=False),
              help="A rule file that extends the current rules and changes some values.")
@click.option("--base", metavar="ID|FILE",
              help="The current rules; default: each household's region.")
@click.option("--set", "settings", multiple=True, metavar="KEY=VALUE",
              help="A quick change, e.g. dibao.standard.rural=420/month (repeatable).")
@click.option("--from", "start", callback=_date, metavar="DATE",
              help="The date the --set changes take effect (default: always).")
@on_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="table or json: the summary; csv: one row a household.")
@click.option("--changes", type=click.Path(dir_okay=False),
              help="Write the per-household changes here (.csv or .jsonl).")
@click.option("--html", "html_file", type=click.Path(dir_okay=False),
              help="Write a self-contained HTML report here.")
@click.option("--top", default=10, show_default=True, help="How many largest changes to list.")
@click.option("--encoding", metavar="NAME",
              help="Encoding of a JSONL or CSV roll (e.g. gbk); default: UTF-8, else GBK "
                   "with a note.")
@lang_option
def compare(caseload: str, proposal: str | None, base: str | None, settings: tuple[str, ...],
            start: dt.date | None, on: dt.date | None, fmt: str, changes: str | None,
            html_file: str | None, top: int, encoding: str | None, lang: str | None) -> None:
    """Compare a case roll under the current rules and a proposal.

    Example:

    \b
        meanstest compare examples/caseload/yizhang-caseload.jsonl \\
            --proposal examples/proposals/standard-rise-2027.yaml --on 2027-01-15
    """
    from .compare import run_compare  # noqa: PLC0415

    if not proposal and not settings:
        raise click.UsageError("give --proposal FILE or at least one --set KEY=VALUE")
    run_compare(caseload, proposal=proposal, base=base, settings=settings, start=start,
                on=on, fmt=fmt, changes=changes, html_file=html_file, top=top,
                lang=_lang(lang), today=dt.date.today(), encoding=encoding)


@cli.command()
@click.argument("which", type=click.Choice(["household", "assessment"]))
def schema(which: str) -> None:
    """Print the JSON Schema of the household input or the assessment result.

    Example:

        meanstest schema household > household.schema.json
    """
    import json  # noqa: PLC0415

    if which == "household":
        from ..model.household import Household  # noqa: PLC0415

        document = Household.model_json_schema()
        document["$id"] = "meanstest.household/1"
    else:
        from ..model.contract import AssessmentOut, json_schema  # noqa: PLC0415

        document = json_schema(AssessmentOut)
        document["$id"] = "meanstest.assessment/1"
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def main() -> None:
    """Run the command line (the `meanstest` console script)."""
    # pydantic looks for plugins through importlib.metadata on first use, which costs
    # ~10 ms of start-up; the command line uses none, so it skips the search.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    cli(prog_name="meanstest")


# Registered last: the command module takes the shared options defined above.
from .batch import batch_command  # noqa: E402

cli.add_command(batch_command(rules_option, on_option, lang_option))
