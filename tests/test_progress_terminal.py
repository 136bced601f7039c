"""The progress bars of `batch` and `compare` on a real terminal (a pseudo-terminal).

rich's live display swaps sys.stdout/sys.stderr for proxies that write to its console;
our console writes through the Environment to sys.stderr, so with the swap a bar wrote
into itself for ever (found by review: every run on a terminal hung). These runs give
stderr a pseudo-terminal, as a caseworker's shell does, and must finish.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROLL = ROOT / "examples" / "batch" / "caseroll.jsonl"

pty = pytest.importorskip("pty")


def _on_a_terminal(args: list[str], cwd: Path) -> tuple[int, bytes]:
    """Run meanstest with stderr on a pseudo-terminal; its status and what it showed."""
    leader, follower = pty.openpty()
    shown = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the follower closed: the run is over
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    env = dict(os.environ, COLUMNS="100", LINES="24")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "meanstest", *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=follower,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(follower)
        reader.join(timeout=10)
        os.close(leader)
    return done.returncode, bytes(shown)


def test_batch_with_a_bar_on_a_terminal_finishes(tmp_path: Path) -> None:
    """batch on a terminal shows its bar and writes every record (the example roll has
    8 households: 8 lines)."""
    out = tmp_path / "out.jsonl"
    status, shown = _on_a_terminal(["batch", str(ROLL), "-o", str(out), "--lang", "en"], tmp_path)
    assert status == 0, shown
    assert len(out.read_bytes().splitlines()) == len(ROLL.read_bytes().splitlines())
    assert b"households" in shown


def test_compare_with_a_counter_on_a_terminal_finishes(tmp_path: Path) -> None:
    """compare on a terminal finishes and writes its JSON report."""
    out = tmp_path / "changes.csv"
    status, shown = _on_a_terminal(
        [
            "compare",
            str(ROLL),
            "--set",
            "dibao.standard.rural=500/month",
            "--from",
            "2027-01-01",
            "--on",
            "2027-01-15",
            "--changes",
            str(out),
            "--lang",
            "en",
        ],
        tmp_path,
    )
    assert status in (0, 3), shown
    assert out.exists()
