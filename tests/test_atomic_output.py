"""An output file is written under a temporary name and renamed on success
(meanstest.files.placing.atomic_file): nothing of an interrupted run is left behind."""

from __future__ import annotations

import io
import os
import stat
import threading
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from meanstest.cli import Environment, cli
from meanstest.files import placing


def test_success_moves_the_file_into_place(tmp_path: Path) -> None:
    """The bytes written to the temporary path end up at the target; nothing else stays."""
    target = tmp_path / "results.jsonl"
    with placing.atomic_file(target) as temp:
        assert temp.parent == tmp_path
        assert temp.name.startswith(".results.jsonl.")
        assert temp.name.endswith(".partial")
        temp.write_bytes(b'{"id": "1"}\n')
    assert target.read_bytes() == b'{"id": "1"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.jsonl"]


def test_ctrl_c_the_moment_the_file_is_created_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C raised just after the temporary file exists (as a signal delivered to another
    thread can raise it in this one at any line) still removes it."""
    created = placing._created

    def then_interrupted(temp: Path, target: Path) -> bool:
        assert created(temp, target)
        raise KeyboardInterrupt

    monkeypatch.setattr(placing, "_created", then_interrupted)
    with pytest.raises(KeyboardInterrupt), placing.atomic_file(tmp_path / "out.csv"):
        pass  # never reached
    assert list(tmp_path.iterdir()) == []


def test_an_error_during_the_run_keeps_the_old_file(tmp_path: Path) -> None:
    """A failed run leaves the file that was there before, unchanged, and no temporary file."""
    target = tmp_path / "out.csv"
    target.write_bytes(b"old\n")

    def run() -> None:
        with placing.atomic_file(target) as temp:
            temp.write_bytes(b"half of the new\n")
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        run()
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_name_already_taken_is_passed_over_and_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the random name exists already (another run's temporary file), another name is
    drawn, and the other file is neither used nor removed, even when the run fails."""
    names = iter(["aaaaaaaa", "bbbbbbbb"])
    monkeypatch.setattr(placing.secrets, "token_hex", lambda _n: next(names))
    theirs = tmp_path / ".out.csv.aaaaaaaa.partial"
    theirs.write_bytes(b"another run's\n")
    used = []

    def run() -> None:
        with placing.atomic_file(tmp_path / "out.csv") as temp:
            used.append(temp.name)
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run()
    assert used == [".out.csv.bbbbbbbb.partial"]
    assert theirs.read_bytes() == b"another run's\n"
    assert [p.name for p in tmp_path.iterdir()] == [theirs.name]


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_the_result_has_the_mode_of_an_ordinary_file(tmp_path: Path) -> None:
    """The temporary file is private (0600) while written; the result follows the umask."""
    umask = os.umask(0o022)
    try:
        with placing.atomic_file(tmp_path / "r.jsonl") as temp:
            assert temp.stat().st_mode & 0o777 == 0o600
        assert (tmp_path / "r.jsonl").stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(umask)


@pytest.mark.parametrize("suffix", ["jsonl", "csv", "xlsx", "parquet"])
def test_batch_into_a_fifo_gives_what_a_file_gets(tmp_path: Path, suffix: str) -> None:
    """`batch -o PIPE.SUFFIX` with PIPE a FIFO another program reads: the records go
    through it in every output format (Parquet's writer seeks, so it is written aside
    and copied over whole); the FIFO stays a FIFO and no temporary file is left."""
    fifo = tmp_path / f"pipe.{suffix}"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code = _batch(["-o", str(fifo), "--report", os.devnull])
    reader.join(timeout=60)
    assert code == 0
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == [fifo.name]
    want = tmp_path / f"want.{suffix}"
    assert _batch(["-o", str(want)]) == 0
    if suffix == "xlsx":  # a zip written without seeking lays its entries out otherwise
        assert _sheet_rows(got[0]) == _sheet_rows(want.read_bytes())
    else:
        assert got == [want.read_bytes()]


def _batch(args: list[str]) -> int:
    roll = Path(__file__).parent.parent / "examples" / "batch" / "caseroll.jsonl"
    result = CliRunner().invoke(
        cli, ["batch", str(roll), "-q", *args], obj=Environment(lang="en"), prog_name="meanstest"
    )
    return result.exit_code


def _sheet_rows(data: bytes) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    rows = [tuple(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    assert len(rows) > 9  # a header and the nine households at least
    return rows
