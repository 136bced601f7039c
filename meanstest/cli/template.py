"""`meanstest template`: files to start from, so that nobody writes JSON by hand.

``template household`` prints a filled, valid household file; ``template roll`` writes
the case-roll layout (台账) as .xlsx, with drop-down lists, or as CSV, with one example
household that `meanstest batch` reads back (`files.template`).
"""

from __future__ import annotations

import click

from .env import Environment
from .options import format_option, lang_option, note_output, pass_env, usage_error


@click.group()
@lang_option
def template() -> None:
    """Write a household file or a case roll to start from.

    Example:

        meanstest template roll --lang zh -o 台账.xlsx
    """


_FORCE_HELP = "With -o, replace an existing file."


def _refuse_existing(output: str | None, force: bool) -> None:
    """Never replace an existing file unasked (issue 15): a 台账 may hold a day's work."""
    if output not in (None, "-"):
        from ..files.placing import refuse_replacing  # noqa: PLC0415

        refuse_replacing(output, force=force)


@template.command("household")
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write to this file instead of stdout (never over an existing one unless --force).",
    callback=note_output,
    is_eager=True,
)
@click.option("--force", is_flag=True, help=_FORCE_HELP)
@lang_option
@pass_env
def household(env: Environment, output: str | None, force: bool) -> None:
    """A filled, valid household JSON file (the README's worked example, renamed).

    Example:

        meanstest template household -o household.json
    """
    import json  # noqa: PLC0415

    from ..files.template import household_template  # noqa: PLC0415

    _refuse_existing(output, force)
    text = json.dumps(household_template(), ensure_ascii=False, indent=2) + "\n"
    if output in (None, "-"):
        env.echo(text, nl=False)
        return
    from ..files.placing import atomic_file  # noqa: PLC0415

    with atomic_file(output) as temp:
        temp.write_text(text, encoding="utf-8")


@template.command("roll")
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write here (.xlsx or .csv; never over an existing file unless "
    "--force); default: CSV on standard output.",
    callback=note_output,
    is_eager=True,
)
@click.option("--force", is_flag=True, help=_FORCE_HELP)
@format_option("xlsx", "csv", help_text="Workbook or CSV; default from the -o suffix, else CSV.")
@lang_option
@pass_env
def roll(env: Environment, output: str | None, fmt: str | None, force: bool) -> None:
    """The case-roll layout with one example household: headers in the --lang language;
    the workbook has drop-down lists and a sheet of notes.

    Example:

        meanstest template roll --lang zh -o 台账.xlsx
    """
    from ..files.outputs import format_for  # noqa: PLC0415
    from ..files.placing import atomic_file  # noqa: PLC0415
    from ..files.template import write_csv, write_xlsx  # noqa: PLC0415

    path = None if output in (None, "-") else output
    implied = format_for(path)
    if path is not None and implied not in ("xlsx", "csv") and fmt is None:
        raise usage_error(env, "template_suffix", output=output)
    if fmt and implied and fmt != implied:
        raise usage_error(env, "format_not_output", format=fmt, output=output, implied=implied)
    chosen = fmt or implied or "csv"
    _refuse_existing(path, force)
    if path is None:
        if chosen == "xlsx":
            if env.stdout_isatty:
                raise usage_error(env, "xlsx_to_terminal")
            import tempfile  # noqa: PLC0415
            from pathlib import Path  # noqa: PLC0415

            with tempfile.TemporaryDirectory() as scratch:
                book = Path(scratch) / "roll.xlsx"
                write_xlsx(book, env.lang)
                env.stdout_bytes.write(book.read_bytes())
        else:
            write_csv(env.stdout_bytes, env.lang)
        env.stdout_bytes.flush()
        return
    with atomic_file(path) as temp:
        if chosen == "xlsx":
            write_xlsx(temp, env.lang)
        else:
            with temp.open("wb") as stream:
                write_csv(stream, env.lang)
