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

import contextlib
import copy
import importlib
import os
import signal
import sys
import types
from typing import Any, NoReturn

import click

from .. import __version__
from ..errors import ClosedStream, MeansTestError
from .click_words import speaking, translate
from .env import Environment, keep_standard_descriptors
from .exits import Exit, ExitCode, hold_to_exit
from .options import OUTPUTS, lang_option, note_output, pass_env

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


class _Context(click.Context):
    """The group's context: its usage line (a usage error before any command, such as
    ``meanstest --bogus``) written with Chinese punctuation in a Chinese run."""

    def make_formatter(self) -> click.HelpFormatter:
        """click's formatter, or in Chinese one writing 用法：and 选项：(`metavars`)."""
        if _in_chinese(self):
            from .metavars import ChineseUsageFormatter  # noqa: PLC0415 - only for Chinese

            return ChineseUsageFormatter(
                width=self.terminal_width, max_width=self.max_content_width
            )
        return super().make_formatter()


class _Funnel(click.Group):
    """The one place where library errors and exits become messages and exit codes; its
    commands are loaded when they are needed (`_COMMANDS`)."""

    context_class = _Context

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, sorted as click lists them."""
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called ``cmd_name``, its module imported now; None if none is. (A
        copy of this group made for a Chinese help page holds its commands' copies.)"""
        held = super().get_command(ctx, cmd_name)
        if held is not None or cmd_name not in _COMMANDS:
            return held
        module, attribute = _COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """The command to run, with its arguments; when it may show a help page, a copy
        of it (and of its subcommands): in Chinese, one saying its help in Chinese."""
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and _may_show_help(ctx, command, rest):
            if _in_chinese(ctx):
                from .help_pages import translated  # noqa: PLC0415 - only for a Chinese page

                return name, translated(command), rest
            return name, _with_own_help_option(command), rest
        if command is not None and _in_chinese(ctx):  # its usage errors in Chinese
            from .metavars import in_chinese  # noqa: PLC0415 - only for Chinese

            return name, in_chinese(command), rest
        return name, command, rest

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """The group's usage line after its name: ``[OPTIONS] COMMAND [ARGS]...``, in
        Chinese ``[选项] 命令 [参数]...``."""
        pieces = super().collect_usage_pieces(ctx)
        if _in_chinese(ctx):
            from .metavars import chinese  # noqa: PLC0415 - only for Chinese

            return [chinese(piece) for piece in pieces]
        return pieces

    def get_help(self, ctx: click.Context) -> str:
        """The group's own help page (``meanstest --help``), in the user's language:
        written from a copy, in Chinese one with the Chinese texts (`help_pages`), in
        English one with its own ``--help`` option (`_with_own_help_option`)."""
        if _in_chinese(ctx):
            from .help_pages import help_page  # noqa: PLC0415 - only for Chinese

            return help_page(self, ctx)
        return click.Group.get_help(_with_own_help_option(self), ctx)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; click's own words (usage errors, help) in the user's
        language, and an I/O error outside any command (writing ``--help`` to a full disk)
        a message as well, not a traceback."""
        env = kwargs.setdefault("obj", Environment())
        try:
            if isinstance(env, Environment):
                given = args[0] if args else kwargs.get("args")
                _hint_lang(env, sys.argv[1:] if given is None else list(given))
            with speaking(lambda: env.lang if isinstance(env, Environment) else "en"):
                return super().main(*args, **kwargs)
        except KeyboardInterrupt:  # Ctrl-C before click's own handling: 130 (try17)
            raise SystemExit(128 + signal.SIGINT) from None
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

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """The group's context: a Ctrl-C while its options are read exits 130, as one in a
        command does (`invoke`), not with click's "Aborted!" and 1."""
        given = list(args)
        try:
            ctx = super().make_context(info_name, args, parent, **extra)
        except KeyboardInterrupt:
            raise SystemExit(128 + signal.SIGINT) from None
        ctx.meta[_WORDS] = given
        return ctx

    def invoke(self, ctx: click.Context) -> Any:
        # A run that ended without writing its output file never opened a named pipe
        # given for it: the program reading it would wait for ever (try17).
        failed = True
        try:
            done = self._invoke(ctx)
            failed = False
            return done
        finally:
            # A command line click refused while reading it (an unknown option, an
            # option without its value) ran no option's callback: its outputs are read
            # from its words (try18).
            outputs = ctx.meta.get(OUTPUTS) or (
                _outputs_named(ctx, ctx.meta.get(_WORDS, [])) if failed else []
            )
            if outputs:
                from ..files.placing import release_readers  # noqa: PLC0415 - a file given

                release_readers(outputs, failed=failed)

    def _invoke(self, ctx: click.Context) -> Any:
        env = ctx.ensure_object(Environment)
        try:
            return super().invoke(ctx)
        except Exit as stop:
            raise SystemExit(stop.code) from None
        except KeyboardInterrupt:
            # Ctrl-C before a command's own handling (rules loading, an input opening):
            # 130 as for a run stopped later; click's own would be "Aborted!" and 1.
            raise SystemExit(128 + signal.SIGINT) from None
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


# The words of the command line (after the program's name), kept for `_outputs_named`.
_WORDS = "meanstest.words"


def _outputs_named(ctx: click.Context, words: list[str]) -> list[str]:
    """The output files (the options `note_output` notes: ``-o``, ``--report``, ...) that
    a command line names, read from its words: ``-o FILE``, ``--output=FILE``,
    ``-oFILE``. For a line click refused before it read any option, so that a named pipe
    given there is let go all the same; nothing if the command cannot be told."""
    command: click.Command = ctx.command
    rest: list[str] = []
    for at, word in enumerate(words):
        if isinstance(command, click.Group):
            if word in command.list_commands(ctx):
                found = command.get_command(ctx, word)
                if found is None:
                    return []
                command = found
            continue  # an option of the group, or its value
        rest = words[at:]
        break
    if isinstance(command, click.Group):
        return []
    names = [
        name
        for param in command.params
        if isinstance(param, click.Option) and param.callback is note_output
        for name in param.opts
    ]
    outputs = []
    for at, word in enumerate(rest):
        if word == "--":
            break
        for name in names:
            if word == name and at + 1 < len(rest):
                outputs.append(rest[at + 1])
            elif name.startswith("--") and word.startswith(name + "="):
                outputs.append(word[len(name) + 1 :])
            elif len(name) == 2 and word.startswith(name) and len(word) > 2:
                outputs.append(word[2:])
    return outputs


def _with_own_help_option(command: click.Command) -> click.Command:
    """A copy of ``command`` (and of a group's commands) that builds its ``--help``
    option afresh, in the language of this run. click keeps the first one a command
    built, with its text in the language of that moment: a Chinese run's (one that
    showed no help, and so ran the module-level command), in a process that runs many
    command lines, as tests do."""
    page = copy.copy(command)
    page._help_option = None
    if isinstance(command, click.Group) and isinstance(page, click.Group):
        page.commands = {name: _with_own_help_option(c) for name, c in command.commands.items()}
    return page


def _may_show_help(ctx: click.Context, command: click.Command, args: list[str]) -> bool:
    """Whether ``command`` run with ``args`` may show a help page (its own or a
    subcommand's): a help option among them (``-h`` also in ``-qh``), or no arguments to a
    command that then shows its help. Cheap, and never wrong the other way: a run that
    is not for help costs no copy."""
    if not args:
        return command.no_args_is_help
    for arg in args:
        if arg == "--":
            return False
        if arg in ctx.help_option_names or (arg[:1] == "-" and arg[1:2] != "-" and "h" in arg):
            return True
    return False


def _in_chinese(ctx: click.Context) -> bool:
    """Whether the command line speaks Chinese (``--lang zh``, or a Chinese locale)."""
    env = ctx.find_object(Environment)
    return env is not None and env.lang == "zh"


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


class _VersionLine(str):
    """click's version line, said in the language of the run: click words its default
    line once, when this module is imported, so `speaking` never meets it."""

    __slots__ = ()

    def __mod__(self, values: Any) -> str:
        ctx = click.get_current_context(silent=True)
        env = None if ctx is None else ctx.find_object(Environment)
        return str(translate(str(self), "en" if env is None else env.lang) % values)


@click.group(cls=_Funnel, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
@lang_option
@click.version_option(
    __version__, prog_name="meanstest", message=_VersionLine("%(prog)s, version %(version)s")
)
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
    hold_to_exit()
    try:
        cli(prog_name="meanstest")
    except SystemExit as stop:
        if stop.code == 128 + signal.SIGINT:
            _exit_interrupted()
        raise


def _exit_interrupted() -> NoReturn:
    """End a run stopped by Ctrl-C with status 130, always.

    CPython (3.11, 3.12) remembers a KeyboardInterrupt that passed through code run by
    an extension module's own evaluation (one raised during the import of numpy,
    pyarrow or DuckDB), and after finalization ends the process by SIGINT, whatever
    status the program chose: a caught Ctrl-C early in a run exited 130 or was killed
    by SIGINT (-2 to a parent in Python), by chance. Here the exit functions run and
    the streams are flushed as at a normal exit, then the process ends with 130.
    """
    import atexit  # noqa: PLC0415 - only on this way out

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(128 + signal.SIGINT)
