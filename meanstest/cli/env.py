"""What a command may touch of the world, in one object it is given (httpie's `Environment`).

Commands read input, write output and messages, ask whether a stream is a terminal,
learn the language and today's date, and make rich consoles only through the
`Environment` on click's context, never through ``sys`` or the clock. The command line
builds the real one when it starts; a test builds one over in-memory streams with a
fixed date and language and runs any command against it::

    env = Environment(stdin=io.BytesIO(b"..."), stdout=out, stderr=err,
                      today=dt.date(2022, 1, 1), lang="en")
    CliRunner().invoke(cli, ["check", "-", "--format", "json"], obj=env)
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

import click

if TYPE_CHECKING:
    from rich.console import Console

    from ..render.labels import Lang

# Makes a console writing to a stream (None: the process's stdout, or its stderr when
# the flag is true).
ConsoleFactory = Callable[[IO[str] | None, bool], "Console"]


def rich_console(file: IO[str] | None, stderr: bool) -> Console:
    """The console for tables: data is never read as rich markup or emoji codes."""
    from rich.console import Console  # noqa: PLC0415 - rich loads only for terminal views

    return Console(file=file, stderr=stderr, highlight=False, markup=False, emoji=False)


def _isatty(stream: IO[str] | IO[bytes]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or closed
        return False


class Environment:
    """The streams, terminal facts, language and date a command runs with.

    Args (each defaults to the process's own):
        stdin: standard input, binary (households and case rolls are read as bytes).
        stdout: standard output, text; its binary side is ``stdout_bytes``, which
            defaults to ``stdout.buffer`` (batch writes encoded lines there).
        stderr: messages, text.
        today: the date "today" means (``--on``'s default and an undated household's).
        lang: the language of labels and messages; None means the locale's, read when
            first needed. ``--lang`` sets it.
        console: makes a rich console writing to a given stream (a test can fix its
            width); the default never reads data as rich markup.

    Attributes:
        stdin_isatty, stdout_isatty, stderr_isatty: whether each stream is a terminal.
        debug: ``--debug``: let errors show their traceback (set by the group).
    """

    def __init__(self, *, stdin: IO[bytes] | None = None, stdout: IO[str] | None = None,
                 stderr: IO[str] | None = None, stdout_bytes: IO[bytes] | None = None,
                 today: dt.date | None = None, lang: Lang | None = None,
                 console: ConsoleFactory | None = None) -> None:
        # Streams not given stay None inside: click.echo and rich then write to the
        # process's own, exactly as they did before there was an Environment (click
        # re-wraps a stdout whose encoding is misconfigured as ASCII, for one).
        self._stdout = stdout
        self._stderr = stderr
        self.stdin: IO[bytes] = stdin if stdin is not None else sys.stdin.buffer
        if stdout_bytes is None:
            stdout_bytes = getattr(self.stdout, "buffer", None)
        if stdout_bytes is None:
            raise TypeError("a text stdout without a .buffer needs stdout_bytes as well")
        self.stdout_bytes: IO[bytes] = stdout_bytes
        self.stdin_isatty = _isatty(self.stdin)
        self.stdout_isatty = _isatty(self.stdout)
        self.stderr_isatty = _isatty(self.stderr)
        self.today = today if today is not None else dt.date.today()
        self._lang = lang
        self._console = console or rich_console
        self.debug = False

    @property
    def stdout(self) -> IO[str]:
        """Standard output, text."""
        return self._stdout if self._stdout is not None else sys.stdout

    @property
    def stderr(self) -> IO[str]:
        """Messages, text."""
        return self._stderr if self._stderr is not None else sys.stderr

    @property
    def lang(self) -> Lang:
        """The language: ``--lang``, else the one given, else the locale's."""
        if self._lang is None:
            from ..render.labels import default_lang  # noqa: PLC0415 - read when needed

            self._lang = default_lang()
        return self._lang

    @lang.setter
    def lang(self, value: Lang) -> None:
        self._lang = value

    def echo(self, message: str = "", *, err: bool = False, nl: bool = True) -> None:
        """Write a line to stdout, or to stderr with ``err`` (as click.echo writes)."""
        click.echo(message, file=self._stderr if err else self._stdout, err=err, nl=nl)

    def console(self, *, stderr: bool = False) -> Console:
        """Return a rich console on stdout, or on stderr (progress bars)."""
        return self._console(self._stderr if stderr else self._stdout, stderr)
