"""What a command may touch of the world, in one object it is given (httpie's `Environment`).

Commands read input, write output and messages, ask whether a stream is a terminal,
learn the language and today's date, and make rich consoles only through the
`Environment` on click's context, never through ``sys`` or the clock. The command line
builds the real one when it starts; a test builds one over in-memory streams with a
fixed date and language and runs any command against it::

    env = Environment(stdin=io.BytesIO(b"..."), stdout=out, stderr=err,
                      today=dt.date(2022, 1, 1), lang="en")
    CliRunner().invoke(cli, ["check", "-", "--format", "json"], obj=env)

It also owns what can go wrong with the world (issue 10, kinds 8 and 9):

- Text for people (tables, Markdown, messages) is written in the encoding its stream
  has, with stand-ins for the symbols that encoding lacks (¥ becomes ￥ in GBK, CNY in
  ASCII); data for programs (JSON, CSV, a rule file) is UTF-8 whatever the stream says,
  as batch's records are.
- A stream that fails (a full disk, ``>&-``, ``<&-``) or an output file that cannot be
  written becomes a `MeansTestError` naming it, which the funnel prints (exit 1); a
  reader of standard output that goes away (``| head``) ends the command quietly
  (status 141). Standard output that failed is pointed at the null device, so nothing
  half-written is tried again, and complained about, when the process ends.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, NoReturn, cast

import click

from ..errors import ClosedStream, MeansTestError
from .exits import Exit

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


class _Closed(io.RawIOBase):
    """Stands for a standard stream that was closed: reading or writing it fails with
    the code of the error that says so."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code

    def readable(self) -> bool:
        """Reading is allowed, and fails."""
        return True

    def writable(self) -> bool:
        """Writing is allowed, and fails."""
        return True

    def readinto(self, _buffer: object) -> int:
        """Fail: there is nothing to read from."""
        raise ClosedStream(self.code)

    def write(self, _data: object) -> int:
        """Fail: there is nowhere to write to."""
        raise ClosedStream(self.code)


def keep_standard_descriptors() -> None:
    """Hold each standard descriptor that was closed at start-up open on the null device.

    Otherwise the next file opened would take its number: an output file would become
    "standard output", and worker processes would write into it. Python has already
    made the stream None (and the Environment stands a failing stream in for it).
    """
    for fd, stream in ((0, sys.stdin), (1, sys.stdout), (2, sys.stderr)):
        if stream is None:
            with contextlib.suppress(OSError):
                held = os.open(os.devnull, os.O_RDWR)
                if held != fd:
                    os.dup2(held, fd)
                    os.close(held)


def _encoding(stream: object) -> str:
    return str(getattr(stream, "encoding", None) or "utf-8")


def _is_utf(encoding: str) -> bool:
    return encoding.lower().replace("_", "-").startswith("utf")


def _encodable(text: str, encoding: str) -> str:
    if _is_utf(encoding):
        return text
    from ..render.text import encodable  # noqa: PLC0415 - only for a stream that is not UTF-8

    return encodable(text, encoding)


def _discard(stream: object) -> None:
    """Point a failed stream's descriptor at the null device: what it still buffers is
    written there when the process ends, instead of failing again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # no descriptor
        fileno = getattr(stream, "fileno")  # noqa: B009 - a stream may lack one
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fileno())
        os.close(null)


class _Text:
    """A text stream for rich: writes what the stream's encoding can hold, and turns a
    failure into the Environment's message. The stream is looked up at each write."""

    def __init__(self, env: Environment, *, err: bool) -> None:
        self._env = env
        self._err = err

    @property
    def _stream(self) -> IO[str]:
        return self._env.stderr if self._err else self._env.stdout

    @property
    def encoding(self) -> str:
        """The encoding of the stream (rich draws ASCII boxes for one that is not UTF)."""
        return _encoding(self._stream)

    def write(self, text: str) -> int:
        """Write the text, with stand-ins for what the encoding lacks."""
        stream = self._stream
        try:
            return stream.write(_encodable(text, _encoding(stream)))
        except OSError as exc:
            self._env.failed(exc, err=self._err)
            return 0

    def flush(self) -> None:
        """Flush the stream."""
        try:
            self._stream.flush()
        except OSError as exc:
            self._env.failed(exc, err=self._err)

    def isatty(self) -> bool:
        """Whether the stream is a terminal."""
        return _isatty(self._stream)

    def fileno(self) -> int:
        """The stream's descriptor."""
        return self._stream.fileno()


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

    def __init__(
        self,
        *,
        stdin: IO[bytes] | None = None,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        stdout_bytes: IO[bytes] | None = None,
        today: dt.date | None = None,
        lang: Lang | None = None,
        console: ConsoleFactory | None = None,
    ) -> None:
        # Streams not given stay None inside and are looked up when used, so that they
        # are the process's own at that moment (click's test runner swaps them). A
        # standard stream closed at start-up (None in sys) is one that fails when used.
        self._stdout = stdout
        self._stderr = stderr
        if stdin is None:
            stdin = (
                sys.stdin.buffer
                if sys.stdin is not None
                else io.BufferedReader(_Closed("stdin_closed"))
            )
        self.stdin: IO[bytes] = stdin
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
        if self._stdout is not None:
            return self._stdout
        if sys.stdout is None:  # closed at start-up (>&-)
            closed = cast("IO[bytes]", _Closed("stdout_closed"))
            self._stdout = io.TextIOWrapper(closed, encoding="utf-8", write_through=True)
            return self._stdout
        return sys.stdout

    @property
    def stderr(self) -> IO[str]:
        """Messages, text (closed at start-up: messages go nowhere)."""
        if self._stderr is not None:
            return self._stderr
        return sys.stderr if sys.stderr is not None else io.StringIO()

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
        """Write text for people to stdout, or to stderr with ``err`` (as click.echo
        writes), in the stream's encoding: a symbol it lacks becomes a stand-in."""
        stream = self.stderr if err else self.stdout
        try:
            click.echo(_encodable(message, _encoding(stream)), file=stream, nl=nl)
        except OSError as exc:
            self.failed(exc, err=err)

    def echo_data(self, text: str, *, nl: bool = True) -> None:
        """Write data for programs (JSON, CSV, a rule file) to stdout, in UTF-8 whatever
        the stream's encoding says: the data stays exact, as batch's records do."""
        if _is_utf(_encoding(self.stdout)):
            self.echo(text, nl=nl)
            return
        try:
            self.stdout.flush()
            self.stdout_bytes.write((text + "\n" if nl else text).encode("utf-8"))
            self.stdout_bytes.flush()
        except OSError as exc:
            self.failed(exc, err=False)

    def read_stdin(self, limit: int) -> bytes:
        """Read standard input, at most ``limit`` bytes; a failure is a message naming it."""
        try:
            return self.stdin.read(limit)
        except ClosedStream as exc:
            raise MeansTestError(exc.code) from None
        except OSError as exc:
            raise MeansTestError(
                "cannot_read_stdin", params={"reason": exc.strerror or str(exc)}
            ) from None

    def console(self, *, stderr: bool = False) -> Console:
        """Return a rich console on stdout, or on stderr (progress bars): it writes in
        the stream's encoding, and a failure to write is a message."""
        return self._console(cast("IO[str]", _Text(self, err=stderr)), stderr)

    def failed(self, exc: OSError, *, err: bool) -> None:
        """Deal with a failure to write to stdout, or to stderr with ``err``.

        A message that cannot be written to stderr has nowhere else to go: it is
        dropped (the exit status still tells). Standard output that failed is pointed at
        the null device and the failure raised as a message; a reader that went away
        ends the command quietly.

        Raises:
            Exit: the reader of standard output went away (status 141).
            MeansTestError: standard output is closed, or writing it failed.
        """
        if err:
            _discard(self.stderr)
            return
        if isinstance(exc, BrokenPipeError):
            self.reader_gone()
        _discard(self.stdout)
        if isinstance(exc, ClosedStream):
            raise MeansTestError(exc.code) from None
        raise MeansTestError(
            "cannot_write_stdout", params={"reason": exc.strerror or str(exc)}
        ) from None

    def reader_gone(self) -> NoReturn:
        """Stop quietly when the reader of stdout has gone (``| head``), as Unix tools do.

        Raises:
            Exit: always, with status 141 (128 + SIGPIPE).
        """
        _discard(self.stdout_bytes)  # no flush error at exit
        raise Exit(128 + signal.SIGPIPE)

    @contextlib.contextmanager
    def output_file(self, path: str) -> Iterator[Callable[[str], object]]:
        """Yield a function that writes text to a UTF-8 file, in full or not at all.

        The file is written under a temporary name and renamed at the end (see
        `files.placing.atomic_file`); if writing it fails (a full disk), the file is
        left as it was and the failure is a message naming it.

        Raises:
            MeansTestError: the file cannot be written.
        """
        from ..files.placing import atomic_file  # noqa: PLC0415 - loaded when a file is written

        def failed(exc: OSError) -> MeansTestError:
            return MeansTestError(
                "cannot_write_kept", params={"reason": exc.strerror or str(exc)}, path=path
            )

        def write(text: str) -> object:
            try:
                return out.write(text)
            except OSError as exc:
                raise failed(exc) from None

        writing = True
        try:
            with atomic_file(path) as temp, temp.open("w", encoding="utf-8", newline="") as out:
                yield write
                writing = False  # what fails from here is closing, syncing or renaming
        except OSError as exc:
            if writing:  # not the file's failure: another's, in the command's own work
                raise
            raise failed(exc) from None
