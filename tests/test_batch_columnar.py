"""`meanstest batch` on the columnar engine: summary records by default, the same records
and error records as the reference engine, in order, in every format, for any number of
worker processes under any start method, and a run report.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from meanstest.cli import cli
from meanstest.model.contract import validate_error
from meanstest.model.contract_summary import validate_summary

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "examples" / "batch"
MIXED = Path(__file__).resolve().parent / "fixtures" / "batch" / "mixed.jsonl"
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth  # noqa: E402 - benchmarks/synth.py, on the path above


def run(*args: object, stdin: bytes | None = None) -> Result:
    """Invoke `meanstest batch` in English."""
    return CliRunner().invoke(
        cli,
        ["batch", *[str(a) for a in args], "--lang", "en"],
        input=stdin,
        env={"LANG": None, "LC_ALL": None},
    )


def _jsonl(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.splitlines()]


def _shared(summary: Any, full: Any, path: str = "") -> list[str]:
    """The fields a summary shares with a full record whose values differ."""
    if isinstance(summary, dict):
        return [
            d for k, v in summary.items() if k in full for d in _shared(v, full[k], f"{path}.{k}")
        ]
    return [] if summary == full else [path]


@pytest.fixture(scope="module")
def roll(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic roll of 3,000 households, with an error record and a blank line."""
    lines = list(synth.jsonl_lines(3000, 11))
    lines[100] = lines[100].replace('"area":"rural"', '"area":"rural","areaa":1')
    lines[200] = "\n"
    path = tmp_path_factory.mktemp("roll") / "roll.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_batch_columnar_writes_summary_records_by_default() -> None:
    """Every default record is a meanstest.summary/1 (valid by its schema), in order."""
    result = run(SAMPLES / "caseroll.jsonl")
    assert result.exit_code == 0, result.stderr
    records = _jsonl(result.stdout_bytes)
    for record in records:
        validate_summary(record)
    assert [r["household_id"] for r in records] == [
        json.loads(line)["id"]
        for line in (SAMPLES / "caseroll.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert "assessed by the columnar engine 9, by the reference engine 0" in result.stderr


def test_batch_columnar_summary_never_disagrees_with_the_full_record(roll: Path) -> None:
    """For every household the fields a summary shares with the full record are equal,
    and its reason codes and warning keys are those of the full record, in order."""
    summary = _jsonl(run(roll).stdout_bytes)
    full = _jsonl(run(roll, "--detail", "full").stdout_bytes)
    assert len(summary) == len(full) == 2999
    for s, f in zip(summary, full, strict=True):
        if f["schema"] == "meanstest.error/1":
            assert s == f
            continue
        assert _shared({k: v for k, v in s.items() if k != "schema"}, f) == []
        assert s["reason_codes"] == [r["code"] for r in f["reasons"]]
        assert s["warning_keys"] == [w["key"] for w in f["warnings"]]


def test_batch_columnar_summary_of_temporary_assistance(tmp_path: Path) -> None:
    """A household with a hardship takes the reference path; its summary keeps the
    section's deciding fields, equal to the full record's, and its reasons' codes."""
    roll = ROOT / "examples" / "temporary" / "roll.jsonl"
    rules = ROOT / "examples" / "rules" / "yizhang-temporary-demo.yaml"
    report = tmp_path / "run.json"
    summary = _jsonl(run(roll, "--rules", rules, "--report", report).stdout_bytes)
    full = _jsonl(run(roll, "--rules", rules, "--detail", "full").stdout_bytes)
    assert len(summary) == len(full) == 4
    for s, f in zip(summary, full, strict=True):
        validate_summary(s)
        section = s["temporary_assistance"]
        assert set(section) == {
            "type",
            "cause",
            "date",
            "eligible",
            "per",
            "minimum",
            "maximum",
            "suggested",
            "approver",
            "paid_first",
            "reason_codes",
        }
        assert _shared({k: v for k, v in s.items() if k != "schema"}, f) == []
        assert section["reason_codes"] == [r["code"] for r in f["temporary_assistance"]["reasons"]]
    assert json.loads(report.read_text(encoding="utf-8"))["by_path"]["reference"] == 4


def test_batch_columnar_error_records_are_the_reference_engines() -> None:
    """Error records (and exit 3) are the same in summary and full runs."""
    summary, full = run(MIXED), run(MIXED, "--detail", "full")
    assert summary.exit_code == full.exit_code == 3
    errors = [r for r in _jsonl(summary.stdout_bytes) if r["schema"] == "meanstest.error/1"]
    assert errors == [r for r in _jsonl(full.stdout_bytes) if r["schema"] == "meanstest.error/1"]
    assert errors
    for record in errors:
        validate_error(record)


def _subprocess(*args: object, env: dict[str, str] | None = None) -> bytes:
    done = subprocess.run(
        [sys.executable, "-m", "meanstest", "batch", *[str(a) for a in args], "--quiet"],
        capture_output=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode in (0, 3), done.stderr
    return done.stdout


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_batch_columnar_jobs_give_the_same_bytes_under_spawn(roll: Path, fmt: str) -> None:
    """--jobs 1 and --jobs 2 (workers started by spawn, as on Windows and macOS) write
    byte-identical output."""
    one = _subprocess(roll, "--jobs", "1", "--format", fmt)
    two = _subprocess(roll, "--jobs", "2", "--format", fmt, env={"MEANSTEST_START_METHOD": "spawn"})
    assert one == two
    assert one.count(b"\n") >= 2999


def test_batch_columnar_report_counts_paths_and_hashes_the_input(
    roll: Path, tmp_path: Path
) -> None:
    """--report writes the counts by status and path, the input's SHA-256 and the rules."""
    report = tmp_path / "run.json"
    result = run(roll, "-o", tmp_path / "out.jsonl", "--report", report)
    assert result.exit_code == 3
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert doc["schema"] == "meanstest.run/1"
    assert doc["input"]["sha256"] == hashlib.sha256(roll.read_bytes()).hexdigest()
    assert (doc["records"], doc["blank_skipped"], doc["errors"]) == (2999, 1, 1)
    assert sum(doc["by_status"].values()) == 2999
    assert doc["by_path"]["columnar"] + doc["by_path"]["reference"] == 2999
    # The unknown key; and households whose benefit lies exactly on a rounding boundary
    # reached through a share the reference holds as a 34-digit decimal (`benefit`).
    assert doc["to_reference"]["keys"] == 1
    assert set(doc["to_reference"]) <= {"keys", "rounding"}
    assert {r["id"] for r in doc["rule_sets"]} == {"431022"}
    assert doc["started"] <= doc["finished"]


def test_batch_columnar_csv_rows_are_the_reference_rows(roll: Path, tmp_path: Path) -> None:
    """The CSV summary rows of the columnar engine are those the reference engine wrote."""
    from meanstest.batch.core import Assessor, Job
    from meanstest.files.outputs import CsvSink
    from meanstest.files.records import Record

    columnar = _subprocess(roll, "--format", "csv")
    reference = Assessor(Job(today=__import__("datetime").date.today(), output="row"))
    out = tmp_path / "reference.csv"
    with out.open("wb") as stream:
        sink = CsvSink(stream, "en")
        for number, line in enumerate(roll.read_bytes().splitlines(), start=1):
            if line.strip():
                sink.add(reference.outcome(Record(number, line)))
        sink.finish()
    assert columnar == out.read_bytes()


def test_batch_columnar_reads_and_writes_parquet(roll: Path, tmp_path: Path) -> None:
    """A Parquet roll gives the records of the same roll in JSON Lines; the Parquet
    output holds the summaries, money as exact decimals."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    households = list(synth.households(50, seed=3))
    for h in households:  # one Arrow type a column: money as text throughout
        for item in (*h["incomes"], *h.get("expenses", ()), *h["assets"]):
            for key in ("amount", "value"):
                if key in item:
                    item[key] = str(item[key])
    source = tmp_path / "roll.parquet"
    pq.write_table(pa.Table.from_pylist(households), source)
    as_jsonl = tmp_path / "roll.jsonl"
    as_jsonl.write_text(
        "".join(json.dumps(h, ensure_ascii=False) + "\n" for h in households), encoding="utf-8"
    )
    from_parquet = _jsonl(_subprocess(source))
    assert [r["household_id"] for r in from_parquet] == [h["id"] for h in households]
    assert from_parquet == _jsonl(_subprocess(as_jsonl))
    result = run(as_jsonl, "-o", tmp_path / "out.parquet")
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.num_rows == 50
    assert table.schema.field("benefit_monthly").type == pa.decimal128(16, 2)
    first = table.slice(0, 1).to_pylist()[0]
    assert str(first["benefit_monthly"]) == from_parquet[0]["benefit_monthly"]
    assert first["line"] == 1


def test_batch_columnar_failed_run_leaves_the_old_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A columnar run that fails half-way leaves the old output file, and no temp file."""
    from meanstest.batch import block_pool

    out = tmp_path / "results.jsonl"
    out.write_text("old\n", encoding="utf-8")
    real = block_pool.run_chunks

    def failing(*args: Any, **kwargs: Any) -> Iterator[Any]:
        yield next(real(*args, **kwargs))
        raise RuntimeError("interrupted")

    monkeypatch.setattr(block_pool, "run_chunks", failing)
    result = run(SAMPLES / "caseroll.jsonl", "-o", out)
    assert isinstance(result.exception, RuntimeError)
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["results.jsonl"]


def test_batch_columnar_reads_a_gbk_roll_as_the_reference(tmp_path: Path) -> None:
    """A GBK roll (read record by record) gives the records the reference engine gives."""
    roll = tmp_path / "gbk.jsonl"
    lines = list(synth.jsonl_lines(30, seed=9))
    lines[3] = lines[3].replace('"SYN9', '"宜章SYN9')
    roll.write_bytes("".join(lines).encode("gbk"))
    summary = run(roll, "--encoding", "gbk")
    assert summary.exit_code == 0, summary.stderr
    records = _jsonl(summary.stdout_bytes)
    assert records[3]["household_id"].startswith("宜章")
    full = _jsonl(run(roll, "--encoding", "gbk", "--detail", "full").stdout_bytes)
    assert [r["benefit_monthly"] for r in records] == [r["benefit_monthly"] for r in full]


def test_batch_columnar_detail_full_is_json_lines_only() -> None:
    """--detail full with a summary format is a usage error (exit 2)."""
    result = run(SAMPLES / "caseroll.jsonl", "--detail", "full", "--format", "csv")
    assert result.exit_code == 2
    assert "--detail full writes JSON Lines" in result.stderr


def test_batch_columnar_summary_holds_no_personal_data() -> None:
    """Summaries carry no names or ID numbers, masked or not."""
    result = run(SAMPLES / "caseroll.jsonl", "--show-personal-data")
    assert b"431022197804120317" not in result.stdout_bytes
    assert "王".encode() not in result.stdout_bytes


def test_assess_table_gives_the_batch_summaries_as_columns() -> None:
    """`assess_table` on a column of JSON lines (or a record batch of it) gives the rows
    `meanstest batch` writes as Parquet: the same summaries, money as decimals."""
    import datetime as dt

    import pyarrow as pa

    from meanstest.batch import assess_table

    lines = (SAMPLES / "caseroll.jsonl").read_text(encoding="utf-8").splitlines()
    lines.insert(2, '{"id": "BAD", "area": "rural"}')
    table = assess_table(pa.table({"household": lines}), today=dt.date(2022, 1, 1))
    rows = table.to_pylist()
    batch = _jsonl(run(SAMPLES / "caseroll.jsonl").stdout_bytes)
    good = [r for r in rows if r["status"] != "error"]
    assert [(r["household_id"], str(r["benefit_monthly"]), r["warning_keys"]) for r in good] == [
        (r["household_id"], r["benefit_monthly"], r["warning_keys"]) for r in batch
    ]
    bad = rows[2]
    assert (bad["household_id"], bad["status"], bad["line"]) == ("BAD", "error", 3)
    assert bad["errors"][0]["loc"] == "members"
    again = assess_table(pa.table({"household": lines}).to_batches()[0], today=dt.date(2022, 1, 1))
    assert again.equals(table)


def test_assess_table_reads_households_in_columns() -> None:
    """A table whose columns are the household's fields gives the same summaries as its
    rows written as JSON."""
    import datetime as dt

    import pyarrow as pa

    from meanstest.batch import assess_table

    households = list(synth.households(40, seed=8))
    for h in households:
        for item in (*h["incomes"], *h.get("expenses", ()), *h["assets"]):
            for key in ("amount", "value"):
                if key in item:
                    item[key] = str(item[key])
    columns = assess_table(pa.Table.from_pylist(households), today=dt.date(2022, 1, 1))
    texts = assess_table(
        pa.table({"h": [json.dumps(h, ensure_ascii=False) for h in households]}),
        today=dt.date(2022, 1, 1),
    )
    assert columns.equals(texts)


@pytest.mark.parametrize("proposal", ["standard-rise-2027.yaml", "education-deduction-cap.yaml"])
def test_compare_on_the_columnar_engine_is_the_reference_comparison(proposal: str) -> None:
    """`compare` on the columnar engine gives every change, and so every total, exactly
    as comparing each household with the reference engine did."""
    import datetime as dt

    from meanstest.batch.api import read_households
    from meanstest.batch.compare_jobs import Comparer
    from meanstest.batch.compare_run import compare_roll
    from meanstest.compare import Summary, compare_households
    from meanstest.render.compare import change_row, summary_json
    from meanstest.ruleset.choose import RuleChooser

    roll = str(ROOT / "examples" / "caseload" / "yizhang-caseload.jsonl")
    base = RuleChooser()
    proposed = base.changed(ROOT / "examples" / "proposals" / proposal)
    on, today = dt.date(2027, 1, 15), dt.date(2027, 1, 15)
    columnar = list(compare_roll(roll, None, Comparer(base, proposed, on, today)))
    reference = list(compare_households(read_households(roll), base, proposed, on, today))
    # The figures both engines give (issue 15's report parts, field by field, in
    # tests/test_compare_columnar.py).
    core = (
        "line",
        "household_id",
        "before_status",
        "after_status",
        "before_benefit",
        "after_benefit",
        "before_support",
        "after_support",
        "change",
        "movement",
        "error",
    )

    def figures(change: Any) -> list[Any]:
        row = change_row(change)
        return [row[name] for name in core]

    assert [figures(c) for c in columnar] == [figures(c) for c in reference]
    totals = []
    for changes in (columnar, reference):
        summary = Summary(top=5)
        for change in changes:
            summary.add(change)
        whole = summary_json(summary, "base", proposal)
        totals.append(
            [
                whole[k]
                for k in (
                    "records",
                    "errors",
                    "caseload",
                    "transitions",
                    "movements",
                    "cost",
                    "distribution",
                )
            ]
        )
    assert totals[0] == totals[1]


def test_columnar_parser_words_are_the_vocabulary() -> None:
    """The words the columnar parser knows (`batch.parse`) are the contract's, as
    `model.vocabulary` defines them once: a word added there and not here would send
    every household using it to the reference engine (correct, but slow)."""
    from meanstest.batch import parse
    from meanstest.model import vocabulary as v

    pairs = [
        (parse.RELATIONS, v.RELATION_LABELS),
        (parse.EDUCATION, v.EDUCATION_LABELS),
        (parse.EMPLOYMENT, v.EMPLOYMENT_LABELS),
        (parse.STATUSES, v.MEMBER_STATUS_LABELS),
        (parse.CATEGORIES, v.DISABILITY_CATEGORY_LABELS),
        (parse.SELF_CARE, v.SELF_CARE_ACTIVITY_LABELS),
        (parse.ASSET_TYPES, v.ASSET_TYPE_LABELS),
        (parse.KINDS, v.VEHICLE_KIND_LABELS),
    ]
    for words, labels in pairs:
        assert set(words) == set(labels)
