"""Tests of `meanstest batch` through CliRunner: formats, exit codes, streams, atomic files.

The samples in examples/batch/ hold the nine example households; their known results
are in tests/test_examples.py (4 dibao, 1 dibao_single, 1 edge, 3 not_eligible; total
monthly benefit 720 + 440 + 460 + 570 + 380 = 2570.00). tests/fixtures/batch/mixed.jsonl
has 6 records (2 assessed, 4 errors) and 2 blank lines.
"""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLES, FIXTURES

from meanstest.cli import cli

SAMPLES = EXAMPLES / "batch"
MIXED = FIXTURES / "batch" / "mixed.jsonl"
ROLL_STATUSES = "dibao 4, dibao_single 1, edge 1, not_eligible 3, errors 0"


def run(*args: object, stdin: bytes | None = None) -> Result:
    """Invoke the command line in English, with the given arguments."""
    return CliRunner().invoke(
        cli,
        ["batch", *[str(a) for a in args], "--lang", "en"],
        input=stdin,
        env={"LANG": None, "LC_ALL": None},
    )


def _jsonl(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout_bytes.splitlines()]


def test_batch_jsonl_writes_records_to_stdout_and_summary_to_stderr() -> None:
    """Nine results on stdout in input order; the counts and total benefit on stderr."""
    result = run(SAMPLES / "caseroll.jsonl")
    assert result.exit_code == 0, result.stderr
    records = _jsonl(result)
    assert [r["household_id"] for r in records] == [
        json.loads(line)["id"]
        for line in (SAMPLES / "caseroll.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert ROLL_STATUSES in result.stderr
    assert "total monthly benefit 2,570.00 yuan" in result.stderr
    assert "schema" not in result.stderr


def test_batch_jsonl_line_matches_check_format_json() -> None:
    """With --detail full, the batch record of a household is the JSON `check --format
    json` prints."""
    example = EXAMPLES / "yizhang-widow-diabetes.json"
    check = CliRunner().invoke(cli, ["check", str(example), "--format", "json", "--lang", "en"])
    result = run("-", "--detail", "full", stdin=example.read_bytes().replace(b"\n", b" "))
    assert _jsonl(result) == [json.loads(check.stdout)]


def test_batch_mixed_input_exits_3_with_one_record_per_record() -> None:
    """Errors give error records (exit 3); blank lines are skipped and counted."""
    result = run(MIXED)
    assert result.exit_code == 3
    records = _jsonl(result)
    assert [r.get("status") or r["line"] for r in records] == ["dibao", 3, 4, 5, "edge", 8]
    assert "errors 4" in result.stderr
    assert "blank lines skipped 2" in result.stderr


def test_batch_quiet_prints_nothing_on_stderr() -> None:
    """--quiet drops the summary (and any note); the exit status still tells."""
    result = run(MIXED, "--quiet")
    assert result.exit_code == 3
    assert result.stderr == ""


def test_batch_stdin_is_read_when_no_input_is_given() -> None:
    """With no INPUT (or -), the roll comes from standard input."""
    result = run(stdin=(SAMPLES / "caseroll.jsonl").read_bytes())
    assert result.exit_code == 0
    assert len(_jsonl(result)) == 9


def test_batch_jobs_2_output_is_byte_identical_to_jobs_1() -> None:
    """--jobs 2 writes the very bytes --jobs 1 writes, for errors too."""
    one = run(MIXED, "--jobs", "1")
    two = run(MIXED, "--jobs", "2")
    assert one.stdout_bytes == two.stdout_bytes
    assert two.exit_code == 3


@pytest.mark.parametrize("sample", ["caseroll-zh.csv", "caseroll-en.csv", "caseroll.xlsx"])
def test_batch_case_roll_layouts_give_the_roll_results(sample: str) -> None:
    """Chinese and English CSV and the workbook give the same results as the JSONL roll."""
    want = [
        (r["household_id"], r["status"], r["benefit_monthly"])
        for r in _jsonl(run(SAMPLES / "caseroll.jsonl"))
    ]
    result = run(SAMPLES / sample)
    assert result.exit_code == 0, result.stdout
    assert [(r["household_id"], r["status"], r["benefit_monthly"]) for r in _jsonl(result)] == want
    assert "note:" not in result.stderr


def test_batch_gbk_csv_is_detected_and_said() -> None:
    """A GBK roll is read as GBK, with a note on stderr saying so."""
    result = run(SAMPLES / "caseroll-gbk.csv")
    assert result.exit_code == 0
    assert "not UTF-8; reading it as GBK" in result.stderr
    assert len(_jsonl(result)) == 9


def test_batch_gbk_csv_with_encoding_option_reads_without_a_note() -> None:
    """--encoding gbk reads the GBK roll silently."""
    result = run(SAMPLES / "caseroll-gbk.csv", "--encoding", "gbk")
    assert result.exit_code == 0
    assert "note:" not in result.stderr


def test_batch_bom_is_skipped_in_jsonl(tmp_path: Path) -> None:
    """A UTF-8 BOM before the first line does not spoil the first record."""
    roll = tmp_path / "bom.jsonl"
    roll.write_bytes(b"\xef\xbb\xbf" + (SAMPLES / "caseroll.jsonl").read_bytes())
    result = run(roll)
    assert result.exit_code == 0
    assert len(_jsonl(result)) == 9


def test_batch_gbk_jsonl_lines_are_errors_when_utf8_is_forced() -> None:
    """Forcing UTF-8 on GBK text gives error records that suggest --encoding gbk."""
    text = (SAMPLES / "caseroll.jsonl").read_text(encoding="utf-8")
    result = run("-", "--encoding", "utf-8", stdin=text.encode("gbk"))
    assert result.exit_code == 3
    assert all("--encoding gbk" in r["errors"][0]["msg"] for r in _jsonl(result))


def test_batch_csv_output_has_one_row_per_household() -> None:
    """CSV output: a header and one summary row per record, errors included."""
    result = run(MIXED, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [
        "household_id",
        "line",
        "status",
        "eligible",
        "household_size",
        "per_capita_monthly",
        "standard_monthly",
        "benefit_monthly",
        "support_monthly",
        "temporary_type",
        "temporary_eligible",
        "temporary_suggested",
        "temporary_approver",
        "warnings",
        "errors",
        "rules_id",
        "rules_digest",
        "assessed_on",
        "meanstest_version",
    ]
    assert rows[1][:13] == [
        "YZ-2021-0137",
        "1",
        "dibao",
        "true",
        "3",
        "190.00",
        "380.00",
        "570.00",
        "570.00",
        "",
        "",
        "",
        "",
    ]
    assert rows[3][:9] == ["", "4", "error", "", "", "", "", "", ""]
    assert rows[3][14].startswith("id: a household id is required")
    assert len(rows) == 1 + 6


def test_batch_xlsx_output_round_trips_through_openpyxl(tmp_path: Path) -> None:
    """-o x.xlsx writes a workbook whose rows hold the results, money as exact numbers."""
    from openpyxl import load_workbook

    out = tmp_path / "results.xlsx"
    result = run(SAMPLES / "caseroll.xlsx", "-o", out)
    assert result.exit_code == 0
    book = load_workbook(out, read_only=True)
    try:  # a read-only workbook holds its file open until closed
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    assert rows[0][:3] == ("household_id", "line", "status")
    widow = next(r for r in rows if r[0] == "YZ-2021-0137")
    assert widow[2:8] == ("dibao", True, 3, 190, 380, 570)
    assert sum(r[7] for r in rows[1:]) == 2570


def test_batch_output_file_is_written_atomically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that fails half-way leaves the old output file as it was, and no temp file."""
    import meanstest.batch.pool as core

    out = tmp_path / "results.jsonl"
    out.write_text("old\n", encoding="utf-8")
    real_run = core.run

    def failing_run(*args: Any, **kwargs: Any) -> Iterator[Any]:
        outcomes = real_run(*args, **kwargs)
        yield next(outcomes)
        raise RuntimeError("interrupted")

    monkeypatch.setattr(core, "run", failing_run)
    result = run(SAMPLES / "caseroll.jsonl", "-o", out, "--detail", "full")
    assert isinstance(result.exception, RuntimeError)
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["results.jsonl"]


def test_batch_output_file_replaces_the_old_one_when_done(tmp_path: Path) -> None:
    """A finished run replaces the output file whole; nothing is printed on stdout."""
    out = tmp_path / "results.jsonl"
    out.write_text("old\n", encoding="utf-8")
    result = run(SAMPLES / "caseroll.jsonl", "-o", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) == 9
    assert [p.name for p in tmp_path.iterdir()] == ["results.jsonl"]


def test_batch_format_follows_the_output_suffix(tmp_path: Path) -> None:
    """-o x.csv writes CSV without --format."""
    out = tmp_path / "results.csv"
    assert run(SAMPLES / "caseroll.jsonl", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("household_id,line,status")


def test_batch_format_contradicting_the_suffix_is_a_usage_error(tmp_path: Path) -> None:
    """--format csv with -o x.xlsx is refused with exit status 2."""
    result = run(SAMPLES / "caseroll.jsonl", "--format", "csv", "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 2
    assert "does not fit" in result.stderr


def test_batch_missing_input_file_exits_1() -> None:
    """An input that cannot be opened stops the run with exit status 1 and a message."""
    result = run("no-such-roll.jsonl")
    assert result.exit_code == 1
    assert "cannot read the file" in result.stderr


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("unknown-column.csv", "'colour' is not a column"),
        ("duplicate-column.csv", "fills the same field as"),
    ],
)
def test_batch_bad_case_roll_header_exits_1(fixture: str, message: str) -> None:
    """A header the layout does not know stops the run: a typo must not be ignored."""
    result = run(FIXTURES / "batch" / fixture)
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stdout == ""


def test_batch_bad_rules_exit_1_before_reading() -> None:
    """An unknown --rules id stops the run with exit status 1."""
    result = run(SAMPLES / "caseroll.jsonl", "--rules", "999999")
    assert result.exit_code == 1
    assert "999999" in result.stderr
    assert result.stdout == ""


def test_batch_summary_never_shows_personal_data() -> None:
    """Names and ID numbers stay out of stderr, whatever the records hold."""
    result = run(SAMPLES / "caseroll-zh.csv")
    assert result.exit_code == 0, result.stderr
    assert "total monthly benefit 2,570.00 yuan" in result.stderr  # the run went through
    for name in ("邓利兰", "张三", "431022198503"):
        assert name not in result.stderr


def test_batch_summary_in_chinese() -> None:
    """--lang zh gives the summary in Chinese."""
    result = CliRunner().invoke(cli, ["batch", str(SAMPLES / "caseroll.jsonl"), "--lang", "zh"])
    assert "共 9 条记录" in result.stderr
    assert "月救助金合计 2,570.00 元" in result.stderr


def test_batch_output_in_a_missing_directory_exits_1(tmp_path: Path) -> None:
    """An output path that cannot be created is a message and exit status 1."""
    result = run(SAMPLES / "caseroll.jsonl", "-o", tmp_path / "no-such-dir" / "out.jsonl")
    assert result.exit_code == 1
    assert "cannot write the output" in result.stderr


def _process(*args: str, **popen: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "meanstest", "batch", *args, "--lang", "en"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **popen,
    )


def _sigint_taken() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupted(tmp_path: Path, sig: int) -> tuple[subprocess.Popen[bytes], bytes]:
    """Start a run writing to tmp_path, send ``sig`` once it has begun; return its stderr."""
    out = tmp_path / "results.jsonl"
    # Ctrl-C as a terminal sends it: to a process that takes it. A test run started in
    # the background of a shell inherits SIGINT ignored, and so would the child.
    proc = _process("-", "-o", str(out), preexec_fn=_sigint_taken)
    assert proc.stdin is not None
    proc.stdin.write((SAMPLES / "caseroll.jsonl").read_bytes())
    proc.stdin.flush()
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".results.jsonl.*.partial")) and time.monotonic() < deadline:
        time.sleep(0.05)  # the run has started once its temporary file exists
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=30)
    return proc, stderr


def test_batch_sigterm_mid_run_leaves_no_output_file(tmp_path: Path) -> None:
    """A run killed with SIGTERM half-way removes its temporary file; no output appears."""
    proc, stderr = _interrupted(tmp_path, signal.SIGTERM)
    assert proc.returncode == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []
    assert b"interrupted after" in stderr, stderr
    assert b"no output file was written" in stderr, stderr


def test_batch_sigint_mid_run_leaves_no_output_file_and_says_how_far(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT) half-way: exit 130, no output file, and a message with the count."""
    proc, stderr = _interrupted(tmp_path, signal.SIGINT)
    assert proc.returncode == 128 + signal.SIGINT, (proc.returncode, stderr[-2000:])
    assert list(tmp_path.iterdir()) == []
    assert b"interrupted after" in stderr, stderr
    assert b"Traceback" not in stderr, stderr


def test_batch_stops_quietly_when_the_reader_goes_away(tmp_path: Path) -> None:
    """`meanstest batch | head -1`: no traceback when stdout closes early."""
    roll = tmp_path / "roll.jsonl"
    roll.write_bytes((SAMPLES / "caseroll.jsonl").read_bytes() * 200)  # ~2 MB of results
    proc = subprocess.Popen(
        [sys.executable, "-m", "meanstest", "batch", str(roll), "--quiet"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read()  # the only other pipe: reading it cannot block the child
    proc.stderr.close()
    proc.wait(timeout=60)
    assert b"Traceback" not in stderr
    assert proc.returncode == 128 + signal.SIGPIPE


def test_batch_full_disk_gives_a_message_not_a_traceback() -> None:
    """Output to a full device (/dev/full): exit 1, a one-line reason, no traceback."""
    with Path("/dev/full").open("wb") as full:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "meanstest",
                "batch",
                str(SAMPLES / "caseroll.jsonl"),
                "--lang",
                "en",
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert done.returncode == 1
    assert b"No space left on device" in done.stderr
    assert b"Traceback" not in done.stderr


def test_batch_masks_personal_data_unless_asked() -> None:
    """Full results name members masked (王**, 431022********0317) unless
    --show-personal-data."""
    masked = run(SAMPLES / "caseroll.jsonl", "--detail", "full")
    assert masked.exit_code == 0, masked.stderr
    record = next(r for r in _jsonl(masked) if r["household_id"] == "YZ-2021-0201")
    assert (record["members"][0]["name"], record["members"][0]["id_number"]) == (
        "王**",
        "431022********0317",
    )
    assert b"431022197804120317" not in masked.stdout_bytes
    shown = run(SAMPLES / "caseroll.jsonl", "--show-personal-data", "--detail", "full")
    record = next(r for r in _jsonl(shown) if r["household_id"] == "YZ-2021-0201")
    assert (record["members"][0]["name"], record["members"][0]["id_number"]) == (
        "王建国",
        "431022197804120317",
    )


def test_batch_csv_cell_over_the_csv_limit_is_a_clear_error(tmp_path: Path) -> None:
    """A row of 200,000 characters is an error record at row 2 that names the limit, and
    the household after it is still assessed (exit 3, no traceback; issue 10, kind 11)."""
    roll = tmp_path / "huge.csv"
    lines = (SAMPLES / "caseroll-en.csv").read_text(encoding="utf-8-sig").splitlines()
    roll.write_text(lines[0] + "\n" + "x" * 200_000 + "\n" + lines[1] + "\n", encoding="utf-8")
    result = run(roll, "--format", "jsonl", "--detail", "full")
    assert result.exit_code == 3, result.stderr
    error, after = _jsonl(result)
    assert error["schema"] == "meanstest.error/1"
    assert error["line"] == 2
    assert "longer than 100,000 characters" in error["errors"][0]["msg"]
    assert (after["schema"], after["household_id"]) == ("meanstest.assessment/1", "YZ-2021-0202")
    assert "Traceback" not in result.stderr


# ------------------------------------------------ spreadsheets: formulas, split rows

_ONE = (
    '{{"id":"{id}","region":"431022","area":"rural","assessed_on":"2021-12-01",'
    '"members":[{{"id":"p1","relation":"applicant","age":40}}]}}\n'
)


def test_batch_xlsx_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    """An id "=1+2" is written as the text =1+2, never as a formula Excel would run."""
    from openpyxl import load_workbook

    roll = tmp_path / "f.jsonl"
    roll.write_text(
        _ONE.format(id="=1+2") + _ONE.format(id='=HYPERLINK(\\"x\\")'), encoding="utf-8"
    )
    out = tmp_path / "f.xlsx"
    assert run(roll, "-o", out, "--quiet").exit_code == 0
    column = [(c.value, c.data_type) for c in load_workbook(out).active["A"]]
    assert column == [("household_id", "s"), ("=1+2", "s"), ('=HYPERLINK("x")', "s")]


def test_batch_csv_echoes_every_id_exactly(tmp_path: Path) -> None:
    """CSV is for pipelines: ids come back as given, even ones a spreadsheet would run
    (=1+2, @SUM(A1), -H3), so results join their records (contract §2). People open the
    .xlsx results, where text is text (the test above)."""
    roll = tmp_path / "f.jsonl"
    roll.write_text(
        _ONE.format(id="=1+2") + _ONE.format(id="@SUM(A1)") + _ONE.format(id="-H3"),
        encoding="utf-8",
    )
    result = run(roll, "--format", "csv", "--quiet")
    ids = [row[0] for row in csv.reader(io.StringIO(result.stdout))][1:]
    assert ids == ["=1+2", "@SUM(A1)", "-H3"]


def test_batch_xlsx_into_a_missing_folder_fails_before_reading(tmp_path: Path) -> None:
    """-o x.xlsx in a folder that does not exist: exit 1 at once, with one clean message."""
    result = run(SAMPLES / "caseroll.jsonl", "-o", tmp_path / "nowhere" / "x.xlsx")
    assert result.exit_code == 1
    assert "x.xlsx: cannot write the output" in result.stderr
    assert "records" not in result.stderr  # no summary: nothing was assessed
    assert "Exception ignored" not in result.stderr


_SPLIT = """household_id,region,area,assessed_on,member_id,relation,birth_date
H1,431022,rural,2021-12-01,p1,applicant,1970-01-01
H2,431022,rural,2021-12-01,p1,applicant,1971-01-01
H1,431022,rural,2021-12-01,p2,spouse,1972-01-01
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_household_rows_apart_are_an_error_record(tmp_path: Path, jobs: str) -> None:
    """H1's second member comes after H2: H1 was already assessed as one person, so the
    resumed rows are an error record naming the id column and row 4; exit 3."""
    roll = tmp_path / "split.csv"
    roll.write_text(_SPLIT, encoding="utf-8")
    result = run(roll, "--jobs", jobs)
    assert result.exit_code == 3
    records = _jsonl(result)
    assert [(r["household_id"], r.get("status", r["schema"])) for r in records] == [
        ("H1", "dibao"),
        ("H2", "dibao"),
        ("H1", "meanstest.error/1"),
    ]
    assert records[2]["line"] == 4
    assert records[2]["errors"][0]["loc"] == "household_id"
    assert records[2]["errors"][0]["msg"].startswith(
        "row 4: this household's rows resume here after other households"
    )


def test_batch_roll_without_a_header_names_no_personal_data(tmp_path: Path) -> None:
    """A roll whose first row is data: exit 1 saying the header is missing, and no name
    or ID number from the row on stderr."""
    rows = (SAMPLES / "caseroll-en.csv").read_text(encoding="utf-8").splitlines()[1:]
    roll = tmp_path / "nohdr.csv"
    roll.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run(roll)
    assert result.exit_code == 1
    assert "nohdr.csv: the case roll has no header row" in result.stderr
    assert "张三" not in result.stderr
    assert not re.search(r"\d{17}[\dX]", result.stderr), result.stderr


def test_batch_pretty_printed_household_is_one_clear_error() -> None:
    """A .json household over 24 lines is not 24 bad records: exit 1, one message that
    says what batch reads and points to `check`."""
    result = run(EXAMPLES / "yizhang-widow-diabetes.json")
    assert result.exit_code == 1
    assert "one JSON document written over several lines" in result.stderr
    assert "meanstest check FILE" in result.stderr
    assert result.stdout == ""
