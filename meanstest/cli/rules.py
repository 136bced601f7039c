"""`meanstest rules`: list, show, compare, validate and start rule files (policy staff)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import MeansTestError
from .env import Environment
from .exits import Exit, ExitCode
from .options import (
    format_option,
    lang_option,
    note_output,
    on_option_saying,
    pass_env,
    refuse_overwriting,
    rules_dir_option,
    usage_error,
)

if TYPE_CHECKING:
    from ..ruleset.load import RuleLibrary
    from ..ruleset.model import RuleSet


# `rules show` and `rules diff`: what --format gives.
FORMAT_HELP = "table: for reading; json: each value typed, for a program."


@click.group()
@lang_option
def rules() -> None:
    """List, show, validate and compare rule files, and start one for a new county.

    Example:

        meanstest rules show 431022 --on 2021-12-01
    """


@rules.command("list")
@rules_dir_option
@lang_option
@pass_env
def rules_list(env: Environment, rules_dirs: tuple[Path, ...]) -> None:
    """List the rule sets: yours (--rules-dir) first, then the shipped ones.

    Example:

        meanstest rules list --rules-dir rules
    """
    from ..render.rules import (  # noqa: PLC0415 - rich loads only when run
        LIST_TABLE_WIDTH,
        Listed,
        rule_blocks,
        rule_list,
    )
    from ..ruleset.load import RuleLibrary  # noqa: PLC0415

    library = RuleLibrary(search=rules_dirs)
    shipped = library.directory.resolve()
    listed: list[Listed] = []
    for path, directory, hidden_by in library.files():
        origin = None if directory == shipped else str(directory)
        try:
            found: RuleSet | MeansTestError = library.load_file(path)
        except MeansTestError as exc:  # listed as invalid, with the others
            found = exc
        listed.append(Listed(path.name, origin, str(hidden_by) if hidden_by else None, found))
    console = env.console()
    narrow = console.width < LIST_TABLE_WIDTH
    console.print(rule_blocks(listed, env.lang) if narrow else rule_list(listed, env.lang))


@rules.command("show")
@click.argument("rule_id", metavar="ID|FILE")
@on_option_saying("Show the values in force on this date (YYYY-MM-DD); default today.")
@rules_dir_option
@lang_option
@format_option("table", "json", default="table", help_text=FORMAT_HELP)
@pass_env
def rules_show(
    env: Environment, rule_id: str, on: dt.date | None, rules_dirs: tuple[Path, ...], fmt: str
) -> None:
    """Show the values in force on a date, with their sources.

    Example:

        meanstest rules show 431022 --on 2021-12-01
    """
    from ..ruleset.load import load_rules  # noqa: PLC0415

    rule_set = load_rules(rule_id, search=rules_dirs)
    snapshot = rule_set.at(on or env.today)
    if fmt == "json":
        import json  # noqa: PLC0415

        from ..render.rules import snapshot_json  # noqa: PLC0415

        env.echo_data(
            json.dumps(snapshot_json(rule_set, snapshot, env.lang), ensure_ascii=False, indent=2)
        )
        return
    from ..render.rules import snapshot_table  # noqa: PLC0415

    env.console().print(snapshot_table(rule_set, snapshot, env.lang))


def _file_or_id(library: RuleLibrary, name: str) -> Path:
    """The file ``name`` names, or, when no such file exists and it is a rule-set id
    (``rules validate 431021 --rules-dir rules``), the file of that id."""
    import re  # noqa: PLC0415

    from ..ruleset.rulefile import RULE_ID  # noqa: PLC0415

    path = Path(name)
    if path.exists() or re.fullmatch(RULE_ID, name) is None:
        return path
    return library.path_of(name)


@rules.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@rules_dir_option
@lang_option
@pass_env
def rules_validate(env: Environment, files: tuple[str, ...], rules_dirs: tuple[Path, ...]) -> None:
    """Check rule files: keys, types, dates, sources, `extends` and consistency checks.

    A file that loads gets an ok line, then a warning for each provisional value below
    a minimum, and for the dates (today and each date a value changes) on which no
    dibao standard is in force, when it could not assess a household.

    Example:

        meanstest rules validate rules/*.yaml
    """
    from ..render.errors import render  # noqa: PLC0415
    from ..render.rules import breach_lines, gap_lines, validated  # noqa: PLC0415
    from ..ruleset.checks import standard_gaps  # noqa: PLC0415
    from ..ruleset.load import RuleLibrary  # noqa: PLC0415

    failed = 0
    library = RuleLibrary(search=rules_dirs)
    for name in files:
        try:
            rule_set = library.load_file(_file_or_id(library, name))
        except MeansTestError as exc:  # every file is checked: say each error, go on
            failed += 1
            env.echo(render(exc, env.lang), err=True)
            continue
        env.echo(validated(name, rule_set, env.lang))
        lines = [
            *gap_lines(standard_gaps(rule_set, env.today), rule_set.level, env.lang),
            *breach_lines(rule_set.breaches, env.lang),
        ]  # loads, but ...
        for line in lines:
            env.echo(f"  {line}")
    if failed:
        raise Exit(ExitCode.BAD_INPUT)


@rules.command("diff")
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@on_option_saying(
    "Compare the values the two rule sets have in force on this date (YYYY-MM-DD); default today."
)
@rules_dir_option
@lang_option
@format_option("table", "json", default="table", help_text=FORMAT_HELP)
@pass_env
def rules_diff(
    env: Environment,
    first: str,
    second: str,
    on: dt.date | None,
    rules_dirs: tuple[Path, ...],
    fmt: str,
) -> None:
    """Show the rule values that differ between two rule sets on a date, with sources.

    Example:

    \b
        meanstest rules diff 431022 examples/proposals/standard-rise-2027.yaml \\
            --on 2027-02-01
    """
    from ..compare import diff_rows  # noqa: PLC0415
    from ..ruleset.load import load_rules  # noqa: PLC0415

    day = on or env.today
    a, b = load_rules(first, search=rules_dirs), load_rules(second, search=rules_dirs)
    rows = diff_rows(a.at(day), b.at(day), env.lang)
    if fmt == "json":
        import json  # noqa: PLC0415

        from ..render.rules import diff_json  # noqa: PLC0415

        env.echo_data(json.dumps(diff_json(a.id, b.id, day, rows), ensure_ascii=False, indent=2))
        return
    from ..render.rule_values import declared_labels  # noqa: PLC0415
    from ..render.rules import diff_table  # noqa: PLC0415

    labels = declared_labels(a.income_types, a.expense_types) | declared_labels(
        b.income_types, b.expense_types
    )
    env.console().print(diff_table(a.id, b.id, day, rows, env.lang, labels))


@rules.command("new")
@click.argument("code")
@click.option(
    "--extends",
    "parent",
    required=True,
    metavar="ID",
    help="The rule set the new one extends (e.g. 431000 for a Chenzhou county).",
)
@click.option("--name", required=True, help="The name in Chinese, e.g. 桂阳县.")
@click.option("--name-en", help="The name in English (default: the Chinese name).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the file here instead of to stdout (never over an existing one unless --force).",
    callback=note_output,
    is_eager=True,
)
@click.option("--force", is_flag=True, help="With -o, replace an existing file.")
@on_option_saying(
    "Copy the parent's values in force on this date, and start the new "
    "file's values from it (YYYY-MM-DD); default today."
)
@rules_dir_option
@lang_option
@pass_env
def rules_new(
    env: Environment,
    code: str,
    parent: str,
    name: str,
    name_en: str | None,
    output: str | None,
    force: bool,
    on: dt.date | None,
    rules_dirs: tuple[Path, ...],
) -> None:
    """Start a rule file for a new county: every local value provisional, with what to fill in.

    Example:

    \b
        meanstest rules new 431021 --extends 431000 --name 桂阳县 \\
            --name-en "Guiyang County"
    """
    from ..ruleset.load import load_rules  # noqa: PLC0415
    from ..ruleset.scaffold import check_new_file, new_rule_file  # noqa: PLC0415

    try:  # before anything is read or written: a file `rules validate` would refuse
        check_new_file(code, name, name_en or name)
    except MeansTestError as exc:
        raise usage_error(env, exc.code, **exc.params) from None
    refuse_overwriting(env, {"-o": output}, {"--extends": parent})
    if output:
        # A rule file being drafted is policy staff's work: never overwritten unasked.
        from ..files.placing import refuse_replacing  # noqa: PLC0415

        refuse_replacing(output, force=force)
    base = load_rules(parent, search=rules_dirs)
    text = new_rule_file(code, base, name, name_en or name, on or env.today, env.lang)
    if output:
        with env.output_file(output) as write:
            write(text)
        from ..render.labels import message  # noqa: PLC0415

        env.echo(message("rules_new.written", {"path": output}, env.lang), err=True)
        from ..files.placing import written_in_place  # noqa: PLC0415

        folder = Path(output).resolve().parent
        kept = not written_in_place(Path(output))  # not /dev/null or a FIFO (try17)
        if kept and folder not in {d.resolve() for d in rules_dirs}:
            # Found by its id only where ids are looked up: say how, once.
            said = {"code": code, "folder": str(Path(output).parent)}
            env.echo(message("rules_new.use_by_id", said, env.lang), err=True)
    else:
        env.echo_data(text, nl=False)
