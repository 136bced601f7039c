"""`batch --detail full` runs on the reference engine alone: it does not load pyarrow,
DuckDB or numpy (~0.4 s of start-up on this machine for a small roll), while a summary
run, which uses the columnar engine, does. The probe's second case shows it can fail."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROLL = Path(__file__).parent.parent / "examples" / "batch" / "caseroll.jsonl"
_COLUMNAR = ("duckdb", "numpy", "pyarrow")


def _loaded_after(args: list[str], out: Path) -> list[str]:
    """Run `meanstest batch` in a fresh interpreter; the columnar packages it loaded."""
    probe = (
        "import sys\n"
        "from meanstest.cli import main\n"
        f"sys.argv = ['meanstest', 'batch', {str(ROLL)!r}, '-q', '-o', {str(out)!r}, *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit as stop:\n    assert not stop.code, stop.code\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({_COLUMNAR!r})), "
        "file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").count("\n") == 9  # the roll's nine households
    found: list[str] = ast.literal_eval(done.stderr.strip().splitlines()[-1])
    return found


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (["--detail", "full"], []),
        ([], list(_COLUMNAR)),
    ],
    ids=["full-records", "summaries"],
)
def test_only_the_columnar_engine_loads_the_columnar_packages(
    tmp_path: Path, args: list[str], loaded: list[str]
) -> None:
    assert _loaded_after(args, tmp_path / "out.jsonl") == loaded
