"""A CSV roll is read without openpyxl (and numpy, which openpyxl loads): `batch
--detail full` of a CSV roll loaded numpy after all (stop 18 took it out for JSON Lines),
because the header's column letters came from openpyxl (try18)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from openpyxl.utils.cell import get_column_letter

from meanstest.files.roll_cells import _LAST_LETTERED, column_letter

ROLL = Path(__file__).parent.parent / "examples" / "batch" / "caseroll-zh.csv"


def test_column_letters_are_the_spreadsheets() -> None:
    """A → 0, Z → 25, AA → 26, ZZ → 701, AAA → 702, XFD (Excel's last) → 16383, ZZZ →
    18277 (26 + 26² + 26³ = 18278 lettered columns); past it, the number."""
    assert [column_letter(i) for i in (0, 25, 26, 701, 702, 16383, 18277)] == [
        "A",
        "Z",
        "AA",
        "ZZ",
        "AAA",
        "XFD",
        "ZZZ",
    ]
    assert all(column_letter(i) == get_column_letter(i + 1) for i in range(_LAST_LETTERED))
    assert column_letter(_LAST_LETTERED) == "#18279"


def test_a_csv_roll_with_full_records_loads_no_spreadsheet_or_columnar_package(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out.jsonl"
    probe = (
        "import sys\n"
        "from meanstest.cli import main\n"
        f"sys.argv = ['meanstest', 'batch', {str(ROLL)!r}, '-q', '-o', {str(out)!r}, "
        "'--detail', 'full']\n"
        "try:\n    main()\nexcept SystemExit as stop:\n    assert not stop.code, stop.code\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'duckdb', 'numpy', 'pyarrow', 'openpyxl'}), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").count("\n") == 9  # the roll's nine households
    assert ast.literal_eval(done.stderr.strip().splitlines()[-1]) == []
