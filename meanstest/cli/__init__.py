"""The command line: a thin click layer over the library.

Each command lives in its own module (`check`, `rules`, `batch`, `compare`, `test`,
`schema`, `template`) over the shared options of `options` and the `Environment` of `env`, which
holds everything a command may touch of the world. Commands parse options, call the
library and hand the result to a renderer; this module holds the group, and the one
funnel where errors become messages and exit codes: a `MeansTestError` is printed on
stderr in the user's language with exit status 1 (``--debug`` shows the traceback
instead), and an `Exit` ends the command with its status. An I/O error is never a
traceback either: the Environment names the stream or file that failed, and any other
(a closed standard input, a reader of stdout gone away) is turned into a message or a
quiet stop here.

Heavy modules (pydantic, rich, PyYAML) are imported inside the commands that need
them, so `meanstest check --format json` never loads rich. Nothing else in meanstest
imports this package: the library never depends on its command line.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import Any

import click

from .. import __version__
from ..errors import ClosedStream, MeansTestError
from .click_words import speaking
from .env import Environment, keep_standard_descriptors
from .exits import Exit, ExitCode
from .options import pass_env

__all__ = ["Environment", "Exit", "ExitCode", "cli", "main"]


# Each command, by name: the module under this package and the click command in it.
# A command's module is imported only when that command runs or help lists it, so
# `meanstest check` does not build the options of batch, compare... (~30 ms of start-up,
# measured with benchmarks/ab.py startup).
_COMMANDS = {
    "check": ("check", "check"),
    "rules": ("rules", "rules"),
    "batch": ("batch", "batch"),
    "compare": ("compare", "compare"),
    "test": ("test", "test_cases"),
    "schema": ("schema", "schema"),
    "template": ("template", "template"),
}


class _Funnel(click.Group):
    """The one place where library errors and exits become messages and exit codes; its
    commands are loaded when they are needed (`_COMMANDS`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, sorted as click lists them."""
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called ``cmd_name``, its module imported now; None if none is."""
        if cmd_name not in _COMMANDS:
            return None
        module, attribute = _COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
        return command

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; click's own words (usage errors, help) in the user's
        language, and an I/O error outside any command (writing ``--help`` to a full disk)
        a message as well, not a traceback."""
        env = kwargs.setdefault("obj", Environment())
        if isinstance(env, Environment):
            given = args[0] if args else kwargs.get("args")
            _hint_lang(env, sys.argv[1:] if given is None else list(given))
        try:
            with speaking(lambda: env.lang if isinstance(env, Environment) else "en"):
                return super().main(*args, **kwargs)
        except OSError as exc:
            from ..render.errors import render  # noqa: PLC0415 - only when there is one

            env = Environment()
            try:
                env.failed(exc, err=False)  # the help or usage text was for stdout
            except Exit as stop:  # its reader went away
                raise SystemExit(stop.code) from None
            except MeansTestError as error:
                env.echo(render(error, env.lang), err=True)
            raise SystemExit(ExitCode.BAD_INPUT) from None

    def invoke(self, ctx: click.Context) -> Any:
        env = ctx.ensure_object(Environment)
        try:
            return super().invoke(ctx)
        except Exit as stop:
            raise SystemExit(stop.code) from None
        except BrokenPipeError:
            if env.debug:
                raise
            try:
                env.reader_gone()  # the reader of stdout went away: stop quietly
            except Exit as stop:
                raise SystemExit(stop.code) from None
        except (MeansTestError, OSError) as exc:
            if env.debug:
                raise
            from ..render.errors import render  # noqa: PLC0415 - only when there is one

            env.echo(render(_as_error(exc), env.lang), err=True)
            # SystemExit, not click's ctx.exit: click would drop the error (and what it
            # holds, such as a half-written output stream) before the process ends.
            raise SystemExit(ExitCode.BAD_INPUT) from None


def _hint_lang(env: Environment, args: list[str]) -> None:
    """Take ``--lang`` from the arguments before click reads them, so that a usage error
    click finds first (``--bogus --lang zh``) is said in that language too; click still
    checks the value, and the option sets it again when it is read."""
    for i, arg in enumerate(args):
        if arg == "--":
            return
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else None
        if arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        if value in ("zh", "en"):
            env.lang = value  # type: ignore[assignment] # checked just above


def _as_error(exc: MeansTestError | OSError) -> MeansTestError:
    """An I/O error no command named (reading a closed standard input, say) as a message."""
    if isinstance(exc, MeansTestError):
        return exc
    if isinstance(exc, ClosedStream):  # its code says which stream, and what to do
        return MeansTestError(exc.code)
    path = None if exc.filename is None else str(exc.filename)
    return MeansTestError(
        "input_output_failed", params={"reason": exc.strerror or str(exc)}, path=path
    )


@click.group(cls=_Funnel, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
@click.version_option(__version__, prog_name="meanstest")
@pass_env
def cli(env: Environment, debug: bool) -> None:
    """Household means tests for China's minimum living guarantee (低保).

    Example:

        meanstest check examples/yizhang-widow-diabetes.json
    """
    env.debug = debug


def _skip_pydantic_plugins() -> None:
    """Tell pydantic that the command line uses no pydantic plugins.

    pydantic looks for plugins when it builds its first model, in a module that imports
    importlib.metadata (and with it email, socket, zipfile...) even when plugins are
    switched off: ~15 ms of a ~250 ms `check`. When plugins are off (as here, unless the
    user's environment says otherwise), that module is replaced by one that finds none,
    before pydantic loads it. Measured with benchmarks/check_startup.py.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    name = "pydantic.plugin._loader"
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] != "__all__" or name in sys.modules:
        return
    none_found = types.ModuleType(name, "No pydantic plugins: PYDANTIC_DISABLE_PLUGINS=__all__.")
    none_found.get_plugins = tuple  # type: ignore[attr-defined] # () for every model
    sys.modules[name] = none_found


def main() -> None:
    """Run the command line (the `meanstest` console script)."""
    _skip_pydantic_plugins()
    keep_standard_descriptors()
    cli(prog_name="meanstest")
