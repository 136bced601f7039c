"""`batch --report RUN.json` for pipelines (issue 14, point 5; review 16): the report says
the run's exit status, a report that cannot be written stops the run before its output,
and a report found after a run is always this run's."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from conftest import ROOT

from meanstest.cli import cli

ROLL = ROOT / "examples" / "batch" / "caseroll.jsonl"  # 9 households, no error


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, ["batch", *[str(a) for a in args], "--lang", "en", "--quiet"])


def test_the_report_says_the_exit_status(tmp_path: Path) -> None:
    """0 for a clean run; 3 when a record is an error record, as the command exits."""
    report = tmp_path / "run.json"
    clean = run(ROLL, "-o", tmp_path / "a.jsonl", "--report", report)
    assert clean.exit_code == 0
    assert json.loads(report.read_text(encoding="utf-8"))["exit_status"] == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(ROLL.read_bytes() + b'{"id": "X", "members": 7}\n')
    failed = run(bad, "-o", tmp_path / "b.jsonl", "--report", report)
    assert failed.exit_code == 3
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert (doc["exit_status"], doc["errors"], doc["records"]) == (3, 1, 10)


def test_a_report_that_cannot_be_written_stops_the_run_before_its_output(
    tmp_path: Path,
) -> None:
    """A report in a folder that does not exist: exit 1 naming the report, and no output
    file (it used to be written in full, and the run failed after)."""
    out = tmp_path / "out.jsonl"
    result = run(ROLL, "-o", out, "--report", tmp_path / "no-such-folder" / "run.json")
    assert result.exit_code == 1
    assert "no-such-folder" in result.stderr
    assert "cannot write the output" in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_failed_run_leaves_no_old_report_behind(tmp_path: Path) -> None:
    """A run that fails (a rule file that does not load: exit 1) removes the report of the
    run before, so a pipeline never reads an old report as this run's."""
    report = tmp_path / "run.json"
    assert run(ROLL, "-o", tmp_path / "a.jsonl", "--report", report).exit_code == 0
    assert report.exists()
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    result = run(ROLL, "-o", tmp_path / "b.jsonl", "--rules", broken, "--report", report)
    assert result.exit_code == 1
    assert not report.exists()
    assert not (tmp_path / "b.jsonl").exists()


def test_the_report_may_not_be_the_input_or_the_output(tmp_path: Path) -> None:
    """--report naming the case roll or the output file is a usage error (exit 2), and
    both files are left as they were."""
    roll = tmp_path / "roll.jsonl"
    roll.write_bytes(ROLL.read_bytes())
    same_as_input = run(roll, "-o", tmp_path / "out.jsonl", "--report", roll)
    assert same_as_input.exit_code == 2
    assert "--report" in same_as_input.stderr
    assert roll.read_bytes() == ROLL.read_bytes()
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"kept\n")
    same_as_output = run(roll, "-o", out, "--report", out)
    assert same_as_output.exit_code == 2
    assert out.read_bytes() == b"kept\n"


def test_a_report_that_is_a_folder_is_refused_before_the_run(tmp_path: Path) -> None:
    """--report naming a folder: exit 1 before anything is written; the folder stays."""
    folder = tmp_path / "reports"
    folder.mkdir()
    out = tmp_path / "out.jsonl"
    result = run(ROLL, "-o", out, "--report", folder)
    assert result.exit_code == 1
    assert folder.is_dir()
    assert not out.exists()


def test_a_report_to_standard_output_while_the_records_go_to_a_file(tmp_path: Path) -> None:
    """``--report -`` and ``--report /dev/stdout`` write the report to standard output
    (records in a file): the file the shell sends standard output to is never removed
    or renamed over (a report path resolved through /dev/stdout removed it)."""
    for name in ("-", "/dev/stdout"):
        out = tmp_path / f"out{len(name)}.jsonl"
        result = run(ROLL, "-o", out, "--report", name)
        assert result.exit_code == 0, result.stderr
        doc = json.loads(result.stdout)
        assert (doc["schema"], doc["records"], doc["exit_status"]) == ("meanstest.run/1", 9, 0)
        assert len(out.read_bytes().splitlines()) == 9
    assert not (tmp_path / "-").exists()


def test_a_report_to_standard_output_with_the_records_is_a_usage_error() -> None:
    """Records and report both on standard output would mix: exit 2, nothing written."""
    result = run(ROLL, "--report", "-")
    assert result.exit_code == 2
    assert "--report '-' would write the run report to standard output, where the records" in (
        result.stderr
    )
    assert "give -o FILE for the records, or --report FILE.json" in result.stderr
    assert result.stdout == ""
    # The same in Chinese.
    result = CliRunner().invoke(
        cli, ["batch", str(ROLL), "--report", "/dev/stdout", "--lang", "zh"]
    )
    assert result.exit_code == 2
    assert "--report「/dev/stdout」会把运行报告写到标准输出" in result.stderr
