"""Tests of the batch core (meanstest.batch): streaming, order, error records, processes.

Known results (tests/test_examples.py works them out by hand): the widow of
examples/yizhang-widow-diabetes.json (YZ-2021-0137) is `dibao` with 570.00 a month;
the couple of yizhang-couple-edge-household.json (YZ-2021-0202) is `edge` with 0.00.
tests/fixtures/batch/mixed.jsonl holds, by line: 1 the widow, 2 blank, 3 broken
JSON, 4 the widow without an id, 5 a couple with birth date 1974-02-30 for member 1,
6 spaces, 7 the couple, 8 a couple with region 999999.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, FIXTURES

from meanstest import assess_records, load_rules
from meanstest.batch.core import Assessor, Job, Summary
from meanstest.batch.pool import chunks, run
from meanstest.errors import MeansTestError
from meanstest.files.json import _stdlib_dumps, dumps_line
from meanstest.files.records import Record
from meanstest.model.contract import validate_error

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import synth

MIXED = FIXTURES / "batch" / "mixed.jsonl"
TODAY = dt.date(2022, 1, 1)


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines()


def _records(path: Path) -> list[Record]:
    return [Record(n, line) for n, line in enumerate(_lines(path), start=1) if line.strip()]


def test_assess_records_gives_known_results_in_input_order() -> None:
    """The widow is dibao 570.00 and the couple edge 0.00, in the order given."""
    widow = (EXAMPLES / "yizhang-widow-diabetes.json").read_text(encoding="utf-8")
    couple = json.loads((EXAMPLES / "yizhang-couple-edge-household.json").read_bytes())
    out = list(assess_records([widow, couple], today=TODAY))
    assert [(r["household_id"], r["status"], r["benefit_monthly"]) for r in out] == [
        ("YZ-2021-0137", "dibao", "570.00"),
        ("YZ-2021-0202", "edge", "0.00"),
    ]


def test_assess_records_matches_check_json() -> None:
    """A batch result is the very record `check --format json` writes (same to_json)."""
    from meanstest.api import assess_file
    from meanstest.render.json import to_json

    path = EXAMPLES / "yizhang-widow-diabetes.json"
    [record] = assess_records([path.read_bytes()], today=TODAY)
    assert record == json.loads(json.dumps(to_json(assess_file(path), "en")))


def test_assess_records_mixed_file_yields_one_record_per_nonblank_line() -> None:
    """Blank lines are skipped; every other line gives one record, in order, with its line."""
    out = list(assess_records(_lines(MIXED), today=TODAY))
    assert [(r.get("line"), r.get("status")) for r in out] == [
        (None, "dibao"),
        (3, None),
        (4, None),
        (5, None),
        (None, "edge"),
        (8, None),
    ]


def test_assess_records_error_records_name_line_and_field() -> None:
    """Error records follow meanstest.error/1 and name the field that is wrong."""
    errors = [
        r for r in assess_records(_lines(MIXED), today=TODAY) if r["schema"] == "meanstest.error/1"
    ]
    for record in errors:
        validate_error(record)
    by_line = {r["line"]: r for r in errors}
    assert by_line[3]["household_id"] is None
    assert "column" in by_line[3]["errors"][0]["msg"]
    assert by_line[4]["errors"][0]["loc"] == "id"
    assert by_line[5]["household_id"] == "BAD-BIRTH"
    assert [e["loc"] for e in by_line[5]["errors"]] == ["members.1.birth_date"]
    assert [e["loc"] for e in by_line[8]["errors"]] == ["region"]


def test_assess_records_blank_id_is_an_error() -> None:
    """An id of spaces counts as missing: batch needs an id to match results."""
    data = json.loads((EXAMPLES / "yizhang-widow-diabetes.json").read_bytes())
    [record] = assess_records([{**data, "id": "  "}], today=TODAY)
    assert record["schema"] == "meanstest.error/1"
    assert [e["loc"] for e in record["errors"]] == ["id"]


def test_assess_records_is_lazy() -> None:
    """Records are consumed one at a time: an endless source still yields results."""
    line = (EXAMPLES / "yizhang-widow-diabetes.json").read_bytes()
    endless = itertools.repeat(line)
    first = list(itertools.islice(assess_records(endless, today=TODAY), 3))
    assert [r["benefit_monthly"] for r in first] == ["570.00"] * 3


def test_assess_records_date_falls_back_to_today() -> None:
    """A household without assessed_on is assessed on `today`, which the caller fixes."""
    data = json.loads((EXAMPLES / "yizhang-widow-diabetes.json").read_bytes())
    del data["assessed_on"]
    [record] = assess_records([data], today=dt.date(2021, 11, 30))
    assert record["rules"]["as_of"] == "2021-11-30"
    [record] = assess_records([data], today=dt.date(2021, 11, 30), on=dt.date(2021, 10, 1))
    assert record["rules"]["as_of"] == "2021-10-01"


def test_assess_records_date_outside_rules_is_an_error_at_assessed_on() -> None:
    """A date with no rules in force gives an error record located at assessed_on."""
    data = json.loads((EXAMPLES / "yizhang-widow-diabetes.json").read_bytes())
    [record] = assess_records([{**data, "assessed_on": "2020-06-01"}], today=TODAY)
    assert [e["loc"] for e in record["errors"]] == ["assessed_on"]


def test_ruleset_pickles_and_runs_after_a_round_trip() -> None:
    """A loaded rule set survives pickling and assesses as before (what workers get)."""
    rules = pickle.loads(pickle.dumps(load_rules("431022")))  # noqa: S301 - our own bytes
    line = (EXAMPLES / "yizhang-widow-diabetes.json").read_bytes()
    [record] = assess_records([line], rules=rules, today=TODAY)
    assert record["benefit_monthly"] == "570.00"


def test_assessor_broken_rule_file_stops_the_run(tmp_path: Path) -> None:
    """A rule file that cannot be loaded is no record's fault: the run stops."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: meanstest.rules/1\nid: [\n", encoding="utf-8")
    line = (EXAMPLES / "yizhang-widow-diabetes.json").read_bytes()
    with pytest.raises(MeansTestError):
        list(assess_records([line], rules=bad, today=TODAY))


def test_assessor_unexpected_exception_becomes_internal_error_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bug on one record gives an internal_error record, and the stream goes on."""
    from meanstest.batch import core

    calls = iter([ZeroDivisionError("boom")])

    def flaky(household: Any, rules: Any) -> Any:
        error = next(calls, None)
        if error is not None:
            raise error
        return real(household, rules)

    real = core.assess
    monkeypatch.setattr(core, "assess", flaky)
    line = (EXAMPLES / "yizhang-widow-diabetes.json").read_bytes()
    assessor = Assessor(Job(TODAY, output="jsonl"))
    first, second = assessor.process([Record(1, line), Record(2, line)])
    assert first.status == "internal_error"
    assert b"ZeroDivisionError" in first.output
    assert second.status == "dibao"


def test_assessor_invalid_utf8_line_is_an_error_record() -> None:
    """A line that is not UTF-8 gives an error record that suggests --encoding gbk."""
    line = '{"id": "X", "area": "农村"}'.encode("gbk")
    [out] = Assessor(Job(TODAY)).process([Record(7, line)])
    assert out.status == "error"
    assert out.output["line"] == 7
    assert "--encoding gbk" in out.output["errors"][0]["msg"]


def test_assessor_unpaired_surrogate_is_an_error_record() -> None:
    """Text that cannot be written as UTF-8 (a lone \\ud800 escape) gives an error record."""
    data = json.loads((EXAMPLES / "yizhang-widow-diabetes.json").read_bytes())
    data["members"][0]["name"] = "\ud800"
    [out] = Assessor(Job(TODAY, output="jsonl")).process([Record(1, data)])
    assert out.status == "error"
    assert json.loads(out.output)["household_id"] == "YZ-2021-0137"


def test_dumps_line_orjson_and_stdlib_write_the_same_bytes() -> None:
    """The fast encoder writes exactly what json.dumps writes, for real results."""
    lines = [line.encode() for line in synth.jsonl_lines(200, seed=5)]
    for record in assess_records(lines, today=TODAY):
        assert dumps_line(record) == _stdlib_dumps(record) + b"\n"


def test_run_jobs_two_gives_the_same_bytes_as_one() -> None:
    """Two worker processes write byte for byte what one process writes, in order."""
    records = [
        Record(n, line.encode()) for n, line in enumerate(synth.jsonl_lines(300, seed=3), start=1)
    ]
    records.insert(5, Record(999, b"{not json"))
    job = Job(TODAY, output="jsonl")
    one = b"".join(o.output for o in run(records, job, jobs=1, chunk=16))
    two = b"".join(o.output for o in run(records, job, jobs=2, chunk=16))
    assert one == two
    assert one.count(b"\n") == len(records)


def test_run_with_jobs_reads_ahead_a_bounded_number_of_records() -> None:
    """Workers get at most 3 x jobs chunks ahead of the writer: memory stays flat."""
    line = (EXAMPLES / "yizhang-widow-diabetes.json").read_bytes()
    read = [0]

    def source() -> Iterator[Record]:
        for n in itertools.count(1):
            read[0] = n
            yield Record(n, line)

    outcomes = run(source(), Job(TODAY, output="jsonl"), jobs=2, chunk=10)
    next(outcomes)
    assert read[0] <= 10 * (3 * 2 + 1)
    outcomes.close()


def test_chunks_keeps_every_record_in_order() -> None:
    """Chunking neither drops nor reorders records, whatever the sizes."""
    records = [Record(n, None) for n in range(23)]
    parts = list(chunks(records, 5))
    assert [len(p) for p in parts] == [5, 5, 5, 5, 3]
    assert [r for p in parts for r in p] == records


def test_summary_counts_statuses_errors_and_total_benefit() -> None:
    """The summary adds benefits exactly and counts internal errors as errors."""
    out = list(Assessor(Job(TODAY, output="jsonl")).process(_records(MIXED)))
    summary = Summary()
    for outcome in out:
        summary.add(outcome)
    assert summary.records == 6
    assert summary.errors == 4
    assert summary.by_status["dibao"] == 1
    assert str(summary.benefit_total) == "570.00"


def test_assess_records_masks_personal_data_unless_asked() -> None:
    """The library masks names and ID numbers too; show_personal_data=True shows them."""
    veterans = (EXAMPLES / "yizhang-veteran-exempt-income.json").read_bytes()
    [masked] = assess_records([veterans], today=TODAY)
    [shown] = assess_records([veterans], today=TODAY, show_personal_data=True)
    assert masked["members"][1]["id_number"] == "431022********0242"
    assert masked["members"][1]["name"] == "邓**"
    assert shown["members"][1]["id_number"] == "431022195709110242"
