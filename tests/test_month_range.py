"""Issue 15 (loose end 3): months the tool cannot handle are refused clearly.

`batch --format payroll --month 9999-12` was accepted and made a roll for December 9999
from assessments of 2022. A payment roll pays a real month: --month takes 2000-01 to
2099-12 and refuses any other with a usage error (exit 2, contract §3), in the user's
language.

An assessment date near the end of the calendar made a traceback: a household entering
phase-out on 9999-12-01 is paid for 6 months from the month after the decision,
10000-01 to 10000-06, which month arithmetic on YYYY-MM text cannot hold. Such a date
is now a clear error (exit 1; in batch an error record, exit 3).
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from conftest import EXAMPLES
from test_payroll import ROLL, body, run, sheets

from meanstest.cli import cli

PHASE_OUT = EXAMPLES / "ladder" / "yizhang-phase-out-new-job.json"


def test_payroll_month_last_accepted(tmp_path: Path) -> None:
    """2099-12, the last month accepted, makes a roll with that month in its heading."""
    out = tmp_path / "roll.xlsx"
    result = run(ROLL, "--format", "payroll", "--month", "2099-12", "-o", out)
    assert result.exit_code == 3, result.output  # the roll's one bad record, as always
    heading = sheets(out)["payroll"][0][0]
    assert "2099-12" in heading
    assert body(sheets(out)["payroll"], "No.")  # households are paid


def test_payroll_month_after_the_range_is_a_usage_error() -> None:
    """9999-12 (the month of the report) and 2100-01 (the first after the range) are
    refused before anything is assessed, exit 2, saying the range."""
    for month in ("9999-12", "2100-01"):
        result = run(ROLL, "--format", "payroll", "--month", month)
        assert result.exit_code == 2, result.output
        assert (
            f"the month '{month}' is out of range: give a month from 2000-01 to 2099-12"
            in result.stderr
        )
    result = run(ROLL, "--format", "payroll", "--month", "9999-12", lang="zh")
    assert result.exit_code == 2
    assert "发放月份「9999-12」超出可用范围：应在 2000-01 至 2099-12 之间" in result.stderr


def test_payroll_month_before_the_range_is_a_usage_error() -> None:
    """1999-12 is refused as out of range (exit 2); 2000-01 passes the option and is
    refused only because the roll's households were assessed later (exit 1)."""
    result = run(ROLL, "--format", "payroll", "--month", "1999-12")
    assert result.exit_code == 2
    assert "out of range" in result.stderr
    result = run(ROLL, "--format", "payroll", "--month", "2000-01")
    assert result.exit_code == 1
    assert "the month 2000-01 is before the assessment date of 7 households" in result.stderr


def test_batch_help_says_the_range() -> None:
    result = CliRunner().invoke(cli, ["batch", "--help"])
    assert "the month paid, 2000-01 to 2099-12" in " ".join(result.stdout.split())


def _check(*args: str) -> Result:
    return CliRunner().invoke(
        cli, ["check", str(PHASE_OUT), *args], env={"LANG": None, "LC_ALL": None}
    )


def test_phase_out_at_the_end_of_the_calendar() -> None:
    """Decided 9999-06-01, the 6 months of phase-out run 9999-07 to 9999-12: assessed.
    Decided 9999-07-01 they would end in 10000-01: a clear error, no traceback."""
    result = _check("--on", "9999-06-01", "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert '"until": "9999-12"' in result.stdout
    for lang, said in (
        ("en", "6 month(s) after 9999-07-01 is beyond the year 9999: cannot assess"),
        ("zh", "9999-07-01 之后 6 个月已超出 9999 年，无法核算"),
    ):
        result = _check("--on", "9999-07-01", "--lang", lang)
        assert result.exit_code == 1
        assert said in result.stderr
        assert "Traceback" not in result.output


def test_batch_gives_an_error_record_for_a_date_off_the_calendar(tmp_path: Path) -> None:
    """In batch the household is an error record with the same code, and the run exits 3
    (some records were errors)."""
    roll = tmp_path / "roll.jsonl"
    household = json.loads(PHASE_OUT.read_text(encoding="utf-8"))
    roll.write_text(json.dumps(household, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(roll), "--on", "9999-12-01", "--lang", "en"])
    assert result.exit_code == 3, result.output
    assert '"code": "month_beyond_calendar"' in result.stdout.replace('":"', '": "')
