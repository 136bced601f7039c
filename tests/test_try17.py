"""Defects found by trying stop 17's changes from a clean clone, as a new user would
(brief try17): each test failed before its fix."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from meanstest.cli import Environment, cli

ROOT = Path(__file__).parent.parent
ROLL = ROOT / "examples" / "batch" / "caseroll.jsonl"


def _run(args: list[str], lang: str = "en") -> tuple[int, str]:
    result = CliRunner().invoke(cli, args, obj=Environment(lang=lang), prog_name="meanstest")
    return result.exit_code, result.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "command",
    [
        ["template", "household"],
        ["template", "roll", "--format", "csv"],
        ["rules", "new", "431021", "--extends", "431000", "--name", "桂阳县", "--on", "2026-01-01"],
    ],
)
def test_a_command_that_never_replaces_a_file_writes_into_dev_null_unasked(
    command: list[str], lang: str
) -> None:
    """/dev/null holds nothing to lose: `template` and `rules new` write into it without
    --force, as every other command does. They said "the file exists; give --force to
    replace it" (exit 1), while --force then wrote into it and replaced nothing."""
    code, err = _run([*command, "-o", os.devnull], lang)
    assert code == 0, err
    assert Path(os.devnull).is_char_device()


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", [["template", "household"], ["template", "roll"]])
def test_a_folder_or_socket_is_not_offered_force(
    tmp_path: Path, command: list[str], lang: str
) -> None:
    """A folder or a socket named by `template -o` is refused as what it is (not a file),
    not as an existing file that --force would replace: --force then refused it too."""
    folder = tmp_path / "t.xlsx"
    folder.mkdir()
    code, err = _run([*command, "-o", str(folder)], lang)
    assert code == 1
    assert "--force" not in err
    assert ("not a regular file" in err) if lang == "en" else ("不是普通文件" in err), err
    where = tmp_path / "s.xlsx"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(where))
        code, err = _run([*command, "-o", str(where)], lang)
    assert code == 1
    assert "--force" not in err, err


def test_ctrl_c_before_the_records_run_is_exit_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while a run starts (rules loading, the input opening: the first few tenths
    of a second of `batch`) ended with click's "Aborted!" and exit 1; a pipeline reads
    130 as interrupted, 1 as bad input. Now 130, no output and no report."""
    from meanstest.files import inputs

    def interrupted(*_args: object, **_kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(inputs, "open_input", interrupted)
    out, report = tmp_path / "out.jsonl", tmp_path / "run.json"
    for lang in ("en", "zh"):
        code, err = _run(["batch", str(ROLL), "-q", "-o", str(out), "--report", str(report)], lang)
        assert code == 130, err
        assert "Aborted" not in err, err
        assert not out.exists()
        assert not report.exists()
        assert os.listdir(tmp_path) == []


def test_synth_help_prints_its_usage() -> None:
    """The brief's `python benchmarks/synth.py --help` gave a traceback
    (int('--help')); it prints how to run it."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "synth.py"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "synth.py 1000" in done.stdout
    assert done.stderr == ""


def test_a_signal_after_a_finished_run_in_the_console_process_changes_nothing() -> None:
    """In the `meanstest` process, a Ctrl-C after `batch`'s report was written (its frames
    unwinding, the interpreter shutting down with the handlers back at their defaults)
    killed a complete run: 3 of 40 random Ctrl-Cs of a 20,000-household run ended by
    SIGINT (130 in a shell) beside a report saying exit_status 0. Once the console
    script's run is done, what `past_interrupting` held off stays held off to the end."""
    program = (
        "import os, signal\n"
        "from meanstest.cli.exits import hold_to_exit, past_interrupting\n"
        "hold_to_exit()\n"
        "with past_interrupting():\n"
        "    pass\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "os.kill(os.getpid(), signal.SIGTERM)\n"
        "print('alive')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (0, "alive\n"), done.stderr
