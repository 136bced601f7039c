"""`meanstest check`: assess one household and show the result, for caseworkers.

The household comes from its JSON file, or from a case roll (CSV, .xlsx, JSON Lines or
Parquet) with ``--id``, read as `meanstest batch` reads it. The result is shown as a table, or
written as JSON, Markdown, the printable assessment form (``--format html``) or the
written refusal (``--format refusal``), to standard output or with ``-o`` to a file
(written whole or not at all).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from ..errors import HouseholdInvalid, MeansTestError, RuleNotInForce
from .env import Environment
from .options import (
    bad_parameter,
    format_option,
    lang_option,
    note_output,
    on_option,
    pass_env,
    rules_dir_option,
    rules_option,
    usage_error,
)

if TYPE_CHECKING:
    from ..model.household import Household
    from ..model.result import Assessment
    from ..render.labels import Lang


@click.command()
@click.argument("household", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--id",
    "household_id",
    metavar="ID",
    callback=lambda c, _p, v: _id(c, v),
    help=(
        "Check this household of a case roll (CSV, .xlsx, JSON Lines or Parquet, read as batch"
        " reads it)."
    ),
)
@click.option(
    "--encoding",
    metavar="NAME",
    help="Encoding of a CSV or JSON Lines roll (e.g. gbk); default: UTF-8, else GBK with a note.",
)
@rules_option
@rules_dir_option
@on_option
@format_option(
    "table",
    "json",
    "markdown",
    "html",
    "refusal",
    default="table",
    help_text="Output format: html is the printable assessment form, refusal the "
    "written refusal of a household that is not eligible.",
)
@lang_option
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write to this file (whole or not at all) instead of standard output.",
    callback=note_output,
    is_eager=True,
)
@click.option("--trace", is_flag=True, help="Show every step with its rule key and source.")
@click.option(
    "--show-personal-data",
    is_flag=True,
    help="Show names and ID numbers unmasked in Markdown, JSON, the form and the refusal.",
)
@pass_env
def check(
    env: Environment,
    household: str,
    household_id: str | None,
    encoding: str | None,
    rules: str | None,
    rules_dirs: tuple[Path, ...],
    on: dt.date | None,
    fmt: str,
    output: str | None,
    trace: bool,
    show_personal_data: bool,
) -> None:
    """Assess one household from a JSON file (or - for stdin), or one row of a case roll.

    Example:

        meanstest check examples/yizhang-widow-diabetes.json --lang en --trace

    \b
        meanstest check examples/batch/caseroll.xlsx --id YZ-2021-0203 \\
            --format html -o form.html
    """
    output = None if output in (None, "-") else output
    _check_output(env, household, output)
    result = _assess(env, household, household_id, encoding, rules, rules_dirs, on)
    if fmt == "table" and output is None:
        from ..render.table import render as render_table  # noqa: PLC0415

        render_table(result, env.console(), env.lang, trace=trace)
        return
    text = _render(env, result, fmt, trace=trace, show_personal_data=show_personal_data)
    if text is None:
        return
    if output is None:
        if fmt == "json":
            env.echo_data(text, nl=False)  # data stays UTF-8 whatever the terminal says
        else:
            env.echo(text, nl=False)
        return
    with env.output_file(output) as write:
        write(text)


def _id(ctx: click.Context, value: str | None) -> str | None:
    """An empty --id names no household: a usage error (exit 2), not a search."""
    if value is not None and not value.strip():
        raise bad_parameter(ctx.ensure_object(Environment), "option_id_empty")
    return value


def _check_output(env: Environment, household: str, output: str | None) -> None:
    """A usage error when the output file would overwrite the input."""
    if output is None or household == "-":
        return
    from ..files.outputs import same_file  # noqa: PLC0415

    if same_file(output, household):
        raise usage_error(env, "output_is_input")


def _render(
    env: Environment, result: Assessment, fmt: str, *, trace: bool, show_personal_data: bool
) -> str | None:
    """The result as the text to write, ending with a line break (None: nothing to
    write, and stderr says why)."""
    show = show_personal_data
    if fmt == "json":
        from ..render.json import dumps  # noqa: PLC0415 - JSON output never loads rich

        return dumps(result, env.lang, show_personal_data=show) + "\n"
    if fmt == "markdown":
        from ..render.markdown import render  # noqa: PLC0415

        return render(result, env.lang, show_personal_data=show) + "\n"
    if fmt == "html":
        from ..render.form import render as render_form  # noqa: PLC0415

        return render_form(result, env.lang, show_personal_data=show)
    if fmt == "refusal":
        from ..render.refusal import (  # noqa: PLC0415
            caseworker_note,
            not_a_refusal,
            render_refusal,
        )

        why = not_a_refusal(result, env.lang)
        if why is not None:
            env.echo(why, err=True)
            return None
        note = caseworker_note(result, env.lang)
        if note is not None:
            env.echo(note, err=True)
        # The notice goes to the applicant: Chinese unless --lang says otherwise, whatever
        # the locale (issue 15); the notes on stderr stay in the caseworker's language.
        given = click.get_current_context().get_parameter_source("lang")
        letter: Lang = env.lang if given not in (None, ParameterSource.DEFAULT) else "zh"
        return render_refusal(result, letter, show_personal_data=show)
    import io  # noqa: PLC0415 - the table, to a file: plain text at a fixed width

    from ..render.table import render as render_table  # noqa: PLC0415
    from .env import rich_console  # noqa: PLC0415

    buffer = io.StringIO()
    console = rich_console(buffer, False)
    console.width = 100
    render_table(result, console, env.lang, trace=trace)
    return buffer.getvalue()


def _assess(
    env: Environment,
    household: str,
    household_id: str | None,
    encoding: str | None,
    rules: str | None,
    rules_dirs: tuple[Path, ...],
    on: dt.date | None,
) -> Assessment:
    """Read, validate and assess the household; errors name the file they came from."""
    from ..api import assess_household  # noqa: PLC0415 - pydantic loads only when run
    from ..ruleset.choose import RuleChooser  # noqa: PLC0415

    parsed = _household(env, household, household_id, encoding)
    try:
        return assess_household(parsed, RuleChooser(rules, search=rules_dirs), on, env.today)
    except (HouseholdInvalid, RuleNotInForce) as exc:
        exc.path = exc.path or (household if household != "-" else "<stdin>")
        raise


# One household file (or standard input) is read with this bound, as one household of
# a JSON Lines roll is (files.inputs.MAX_LINE_BYTES): `check /dev/zero` stops there.
MAX_HOUSEHOLD_BYTES = 1 << 20


def _household(
    env: Environment, path: str, household_id: str | None, encoding: str | None
) -> Household:
    """The household of a JSON file, or the one with ``household_id`` of a case roll."""
    from ..files.json import decode_json  # noqa: PLC0415
    from ..files.kinds import is_roll  # noqa: PLC0415
    from ..model.household import parse_household  # noqa: PLC0415

    if is_roll(path) or (path == "-" and household_id is not None):
        from ..batch.pick import NoId, pick_household  # noqa: PLC0415 - only for rolls

        try:
            return pick_household(
                path,
                household_id,
                encoding=encoding,
                stdin=env.stdin,
                note=lambda text: env.echo(text, err=True),
                lang=env.lang,
            )
        except NoId as exc:
            raise usage_error(env, exc.code, **exc.params) from None
    if encoding is not None:
        raise usage_error(env, "encoding_for_rolls")
    try:
        parsed = parse_household(decode_json(_read_input(env, path)))
    except HouseholdInvalid as exc:
        exc.path = exc.path or (path if path != "-" else "<stdin>")
        raise
    if household_id is not None and parsed.id != household_id:
        raise MeansTestError(
            "household_other_id", params={"found": parsed.id, "id": household_id}, path=path
        )
    return parsed


def _read_input(env: Environment, path: str) -> bytes:
    if path == "-":
        data = env.read_stdin(MAX_HOUSEHOLD_BYTES + 1)
    else:
        try:
            with Path(path).open("rb") as stream:
                data = stream.read(MAX_HOUSEHOLD_BYTES + 1)
        except OSError as exc:
            raise MeansTestError(
                "cannot_read", params={"what": "file", "reason": exc.strerror}, path=path
            ) from None
    if len(data) > MAX_HOUSEHOLD_BYTES:
        raise HouseholdInvalid(
            "household_file_too_large",
            params={"max": MAX_HOUSEHOLD_BYTES},
            path=path if path != "-" else "<stdin>",
        )
    return data
