"""An output file is written under a temporary name and renamed on success
(meanstest.files.outputs.atomic_file): nothing of an interrupted run is left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from meanstest.files import outputs


def test_success_moves_the_file_into_place(tmp_path: Path) -> None:
    """The bytes written to the temporary path end up at the target; nothing else stays."""
    target = tmp_path / "results.jsonl"
    with outputs.atomic_file(target) as temp:
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
    created = outputs._created

    def then_interrupted(temp: Path, target: Path) -> bool:
        assert created(temp, target)
        raise KeyboardInterrupt

    monkeypatch.setattr(outputs, "_created", then_interrupted)
    with pytest.raises(KeyboardInterrupt), outputs.atomic_file(tmp_path / "out.csv"):
        pass  # never reached
    assert list(tmp_path.iterdir()) == []


def test_an_error_during_the_run_keeps_the_old_file(tmp_path: Path) -> None:
    """A failed run leaves the file that was there before, unchanged, and no temporary file."""
    target = tmp_path / "out.csv"
    target.write_bytes(b"old\n")

    def run() -> None:
        with outputs.atomic_file(target) as temp:
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
    monkeypatch.setattr(outputs.secrets, "token_hex", lambda _n: next(names))
    theirs = tmp_path / ".out.csv.aaaaaaaa.partial"
    theirs.write_bytes(b"another run's\n")
    used = []

    def run() -> None:
        with outputs.atomic_file(tmp_path / "out.csv") as temp:
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
        with outputs.atomic_file(tmp_path / "r.jsonl") as temp:
            assert temp.stat().st_mode & 0o777 == 0o600
        assert (tmp_path / "r.jsonl").stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(umask)
