"""A named pipe (FIFO) given as an output file is closed for its reader however the run
ends: a run that fails, or finishes with nothing to write, never opened it, and the
program reading it waited for ever (try17's finding; `files.placing.release_readers`)."""

from __future__ import annotations

import os
import select
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from meanstest.cli import Environment, cli
from meanstest.files import placing

pytestmark = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not hasattr(select, "poll"), reason="named pipes, poll"
)

_EXAMPLES = Path(__file__).parent.parent / "examples"
# Admitted to dibao (570.00 a month): a refusal notice has nothing to say of her.
_WIDOW = _EXAMPLES / "yizhang-widow-diabetes.json"


class _Reader:
    """A program reading the FIFO to its end, in a thread that never holds pytest up.

    It is a reader from the moment it is made (the FIFO opened without waiting for a
    writer), so a run that lets its readers go finds it however soon it ends; then it
    waits (poll) for a writer's data or for the last writer to close."""

    def __init__(self, fifo: Path) -> None:
        self.got: list[bytes] = []
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(fifo,), daemon=True)
        self._thread.start()
        assert self._ready.wait(timeout=30)

    def _read(self, fifo: Path) -> None:
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        self._ready.set()
        chunks = []
        waiting = select.poll()
        waiting.register(fd, select.POLLIN)
        try:
            while True:
                waiting.poll()  # data, or every writer gone after one came
                try:
                    chunk = os.read(fd, 1 << 16)
                except BlockingIOError:
                    continue
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            os.close(fd)
        self.got.append(b"".join(chunks))

    def finished(self) -> bool:
        self._thread.join(timeout=30)
        return not self._thread.is_alive()


def _run(args: list[str]) -> int:
    result = CliRunner().invoke(cli, args, obj=Environment(lang="en"), prog_name="meanstest")
    return result.exit_code


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def test_a_refusal_notice_with_nothing_to_refuse_ends_the_reader(fifo: Path) -> None:
    """`check --format refusal` of an admitted household writes nothing (status 0): the
    reader sees the end at once, and reads nothing."""
    reader = _Reader(fifo)
    assert _run(["check", str(_WIDOW), "--format", "refusal", "-o", str(fifo)]) == 0
    assert reader.finished()
    assert reader.got == [b""]


def test_a_run_that_fails_before_writing_ends_the_reader(fifo: Path) -> None:
    """Rules that do not exist: status 2, before any output; the reader is let go."""
    reader = _Reader(fifo)
    roll = _EXAMPLES / "batch" / "caseroll.jsonl"
    code = _run(["batch", str(roll), "-q", "--rules", "999999", "-o", str(fifo)])
    assert code != 0
    assert reader.finished()
    assert reader.got == [b""]


def test_a_usage_error_after_the_output_option_ends_the_reader(fifo: Path) -> None:
    """An option read after ``-o`` and found wrong: the output was noted first (eager)."""
    reader = _Reader(fifo)
    assert _run(["check", str(_WIDOW), "-o", str(fifo), "--format", "nonsense"]) == 2
    assert reader.finished()
    assert reader.got == [b""]


@pytest.mark.parametrize(
    "words",
    [
        ["check", str(_WIDOW), "-o", "{fifo}", "--nonsense"],  # unknown option after -o
        ["check", str(_WIDOW), "--nonsense", "--output={fifo}"],  # ... before --output=
        ["batch", str(_WIDOW), "-o{fifo}", "--report"],  # an option without its value
        ["batch", str(_WIDOW), "--force", "--report", "{fifo}"],  # batch has no --force
        ["compare", str(_WIDOW), "--nonsense", "--html", "{fifo}"],
        ["template", "roll", "--nonsense", "-o", "{fifo}"],  # a command of a group
    ],
)
def test_a_command_line_refused_while_read_ends_the_reader(fifo: Path, words: list[str]) -> None:
    """click refuses these while reading the words, before any option's callback ran
    (so `note_output` never saw the pipe): usage error, status 2, and the reader is let
    go all the same; it waited for ever (try18)."""
    reader = _Reader(fifo)
    assert _run([w.replace("{fifo}", str(fifo)) for w in words]) == 2
    assert reader.finished()
    assert reader.got == [b""]


def test_a_written_pipe_gives_its_reader_the_whole_output(fifo: Path, tmp_path: Path) -> None:
    """The usual case is unchanged: the reader gets the JSON record, once, whole."""
    reader = _Reader(fifo)
    assert _run(["check", str(_WIDOW), "--format", "json", "-o", str(fifo)]) == 0
    assert reader.finished()
    want = tmp_path / "want.json"
    assert _run(["check", str(_WIDOW), "--format", "json", "-o", str(want)]) == 0
    assert reader.got == [want.read_bytes()]


def test_a_pipe_written_in_place_is_not_opened_again_after_success(
    fifo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a run that wrote the pipe, its reader has had the end: not another one (a
    reader that opens the pipe again for the next writer would read an empty one)."""
    reader = _Reader(fifo)
    with placing.atomic_file(fifo) as target, target.open("wb") as out:
        out.write(b"done\n")
    assert reader.finished()
    opened: list[object] = []
    monkeypatch.setattr(placing.os, "open", lambda *a, **k: opened.append(a))
    placing.release_readers([str(fifo)], failed=False)
    assert opened == []
    assert reader.got == [b"done\n"]


def test_nobody_reading_and_no_pipe_are_left_alone(fifo: Path, tmp_path: Path) -> None:
    """No reader (the open would fail with ENXIO), a regular file, a missing path: nothing
    raised, nothing created, the file untouched."""
    plain = tmp_path / "plain.txt"
    plain.write_text("kept")
    placing.release_readers([str(fifo), str(plain), str(tmp_path / "missing")], failed=True)
    assert plain.read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe", "plain.txt"]
