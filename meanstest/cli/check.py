"""`meanstest check`: assess one household and show the result, for caseworkers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import HouseholdInvalid, MeansTestError, RuleNotInForce
from .env import Environment
from .options import (
    format_option,
    lang_option,
    on_option,
    pass_env,
    rules_dir_option,
    rules_option,
)

if TYPE_CHECKING:
    from ..model.result import Assessment


@click.command()
@click.argument("household", type=click.Path(dir_okay=False, allow_dash=True))
@rules_option
@rules_dir_option
@on_option
@format_option("table", "json", "markdown", default="table", help_text="Output format.")
@lang_option
@click.option("--trace", is_flag=True, help="Show every step with its rule key and source.")
@click.option("--show-personal-data", is_flag=True,
              help="Show names and ID numbers unmasked in Markdown and JSON.")
@pass_env
def check(env: Environment, household: str, rules: str | None, rules_dirs: tuple[Path, ...],
          on: dt.date | None, fmt: str, trace: bool, show_personal_data: bool) -> None:
    """Assess one household from a JSON file (or - for stdin).

    Example:

        meanstest check examples/yizhang-widow-diabetes.json --lang en --trace
    """
    result = _assess(env, household, rules, rules_dirs, on)
    if fmt == "json":
        from ..render.json import dumps  # noqa: PLC0415 - JSON output never loads rich

        env.echo(dumps(result, env.lang, show_personal_data=show_personal_data))
    elif fmt == "markdown":
        from ..render.markdown import render  # noqa: PLC0415

        env.echo(render(result, env.lang, show_personal_data=show_personal_data))
    else:
        from ..render.table import render as render_table  # noqa: PLC0415

        render_table(result, env.console(), env.lang, trace=trace)


def _assess(env: Environment, household: str, rules: str | None,
            rules_dirs: tuple[Path, ...], on: dt.date | None) -> Assessment:
    """Read, validate and assess the household; errors name the file they came from."""
    from ..api import assess_household  # noqa: PLC0415 - pydantic loads only when run
    from ..files.json import decode_json  # noqa: PLC0415
    from ..model.household import parse_household  # noqa: PLC0415
    from ..ruleset.choose import RuleChooser  # noqa: PLC0415

    data = _read_input(env, household)
    try:
        parsed = parse_household(decode_json(data))
        return assess_household(parsed, RuleChooser(rules, search=rules_dirs), on, env.today)
    except (HouseholdInvalid, RuleNotInForce) as exc:
        exc.path = exc.path or (household if household != "-" else "<stdin>")
        raise


def _read_input(env: Environment, path: str) -> bytes:
    if path == "-":
        return env.stdin.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise MeansTestError(f"cannot read the file ({exc.strerror})", path=path) from None
