"""The options several commands share, as decorators, and the environment they pass.

Each shared option is declared once here (sqlite-utils' ``output_options``): ``--rules``,
``--rules-dir``, ``--on``, ``--lang`` and ``--format``. ``--lang`` sets the language on
the command's `Environment` rather than passing a parameter, so the funnel that renders
an error, and every renderer, speak the language the user asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

import click

from .env import Environment

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

# Passes the command's Environment as its first argument (made from the process's
# streams when the command line is run without one, as `main` does).
pass_env = click.make_pass_decorator(Environment, ensure=True)


def usage_error(env: Environment, code: str, /, **params: object) -> click.UsageError:
    """A usage error (exit 2) saying ``code`` in the user's language (a text from the input,
    a file name, with its control characters as escapes)."""
    from ..render.errors import message  # noqa: PLC0415 - only for the message
    from ..render.text import visible  # noqa: PLC0415

    return click.UsageError(message(code, params, env.lang, visible))


def bad_parameter(env: Environment, code: str, /, **params: object) -> click.BadParameter:
    """A bad option value (exit 2) saying ``code`` in the user's language."""
    from ..render.errors import message  # noqa: PLC0415 - only for the message

    return click.BadParameter(message(code, params, env.lang))


def parse_date(ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """Read an option's date (YYYY-MM-DD); a usage error (exit 2) when it is not one."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise bad_parameter(ctx.ensure_object(Environment), "option_date", value=value) from None


# Where `note_output` keeps the files a command was told to write (click shares a
# context's ``meta`` with the contexts nested in it, the group's included).
OUTPUTS = "meanstest.outputs"


def note_output(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Remember a file the command is to write, so that a run failing before it writes
    the file lets a program waiting on it (a named pipe) go (`files.placing.release_readers`).
    Eager, so that an option read after it and found wrong still finds it noted."""
    if value:
        ctx.meta.setdefault(OUTPUTS, []).append(value)
    return value


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(Environment).lang = value  # type: ignore[assignment]


rules_option = click.option(
    "--rules",
    "rules",
    metavar="ID|FILE",
    help="Rule set id (431022) or rule file; default: the household's region.",
)
# A user's own rule files (a county written with `rules new`), looked up by id before the
# shipped ones: repeatable, or several directories in MEANSTEST_RULES_DIR joined by the
# path separator (':' on Linux and macOS, ';' on Windows).
rules_dir_option = click.option(
    "--rules-dir",
    "rules_dirs",
    multiple=True,
    envvar="MEANSTEST_RULES_DIR",
    show_envvar=True,
    metavar="DIR",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A directory of your own rule files, searched by id (region, --rules, extends) "
    "before the shipped ones; repeat for more.",
)
on_option = click.option(
    "--on",
    "on",
    metavar="DATE",
    callback=parse_date,
    help="Assess with the rules in force on this date (YYYY-MM-DD).",
)


def on_option_saying(help_text: str) -> Decorator:
    """``--on`` with the help text of what the date does in a command that assesses no
    household (`rules show`, `rules diff`, `rules new`)."""
    return click.option("--on", "on", metavar="DATE", callback=parse_date, help=help_text)


lang_option = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    callback=_set_lang,
    expose_value=False,
    # Eager: the language is set before the other options are checked, so that a bad
    # value given before --lang (--month 9999-12 --lang zh) is refused in that language.
    is_eager=True,
    help="Language of labels and messages; default from the locale.",
)


def format_option(
    *formats: str, default: str | None = None, help_text: str | None = None
) -> Decorator:
    """``--format``, one of ``formats`` (passed to the command as ``fmt``)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(formats),
        default=default,
        show_default=default is not None,
        help=help_text,
    )


def refuse_overwriting(
    env: Environment, outputs: Mapping[str, str | None], inputs: Mapping[str, str | None]
) -> None:
    """Refuse, as a usage error (exit 2), an output path that would overwrite an input or
    another output: the same path, or the same file through a symbolic or hard link.

    Called before anything is read or written. Each mapping goes from what the user
    calls the path (an option, ``--html``, or a word of the error texts' ``file_role``,
    ``case_roll``) to the path; None and ``-`` (the standard streams) are no files.

    Raises:
        click.UsageError: an output path is an input's, or another output's.
    """
    from ..files.outputs import same_file  # noqa: PLC0415 - only for commands that write files

    def files(paths: Mapping[str, str | None]) -> list[tuple[str, str]]:
        return [(name, path) for name, path in paths.items() if path is not None and path != "-"]

    earlier: list[tuple[str, str]] = []
    for name, path in files(outputs):
        for other, other_path in [*files(inputs), *earlier]:
            if same_file(path, other_path):
                raise usage_error(
                    env,
                    "would_overwrite",
                    file_role=name,
                    path=path,
                    other_role=other,
                    other_path=other_path,
                )
        earlier.append((name, path))


def report_stream_for(
    env: Environment, report_path: str | None, output: str | None
) -> IO[str] | None:
    """Where the run report goes: None for a file (checked writable, and an earlier run's
    report removed, so that a report found after the run is this run's), or the stream
    ``-``, ``/dev/stdout`` or ``/dev/stderr`` names.

    Raises:
        click.UsageError: the report would go to standard output with the records.
        MeansTestError: the report's file cannot be written.
    """
    if not report_path:
        return None
    from ..batch.report import report_stream  # noqa: PLC0415

    stream = report_stream(report_path)
    if stream is None:
        from ..files.placing import clear_for_writing  # noqa: PLC0415

        clear_for_writing(report_path)
        return None
    if stream == "stdout" and output in (None, "-"):
        raise usage_error(env, "report_with_records", path=report_path)
    return env.stdout if stream == "stdout" else env.stderr
