"""A fresh, hostile review of the whole tool from a data engineer's and a policy
officer's seat (review 16: batch pipelines, the two engines, compare, library use).

Each test is a defect found by using the tool as such a user would; the expected values
are worked by hand in the comments.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from meanstest.batch.arrow_api import assess_table
from meanstest.cli import Environment, cli

EXAMPLES = Path(__file__).parent.parent / "examples"
ROLL = EXAMPLES / "batch" / "caseroll.jsonl"


def _batch(args: list[str], out: Path) -> tuple[int, str, str]:
    """``meanstest batch ARGS -o OUT``: the exit status, OUT's text and stderr."""
    result = CliRunner().invoke(
        cli, ["batch", *args, "-o", str(out)], obj=Environment(lang="en"), prog_name="meanstest"
    )
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    return result.exit_code, text, result.stderr


# -- 1. a Parquet roll of one column of JSON text (docs/batch.md: "or one column of JSON
# text"; `assess_table` reads such a table, the file reader took the column for an
# unknown field of a household without id or members)


def test_a_parquet_roll_of_json_text_is_read_as_its_households(tmp_path: Path) -> None:
    lines = ROLL.read_text(encoding="utf-8").splitlines()
    shard = tmp_path / "roll.parquet"
    pq.write_table(pa.table({"household": pa.array(lines, pa.string())}), shard)
    code, out, _ = _batch([str(shard), "-q"], tmp_path / "a.jsonl")
    want_code, want, _ = _batch([str(ROLL), "-q"], tmp_path / "b.jsonl")
    assert (code, want_code) == (0, 0), out
    # The 9 households of the JSON Lines roll, the same records byte for byte (their
    # line is the row number, which for this roll is the line number).
    assert len(out.splitlines()) == 9
    assert out == want


def test_a_parquet_roll_of_json_text_keeps_bad_rows_as_error_records(tmp_path: Path) -> None:
    first = ROLL.read_text(encoding="utf-8").splitlines()[0]
    shard = tmp_path / "roll.parquet"
    rows = [first, "{not json", None, first.replace('"YZ-2021-0202"', '"SECOND"')]
    pq.write_table(pa.table({"json": pa.array(rows, pa.large_string())}), shard)
    code, out, _ = _batch([str(shard), "-q"], tmp_path / "out.jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 3
    # Nothing dropped, nothing reordered: row 2 is not JSON, row 3 is null.
    assert [r["schema"] for r in records] == [
        "meanstest.summary/1",
        "meanstest.error/1",
        "meanstest.error/1",
        "meanstest.summary/1",
    ]
    assert [r.get("line") for r in records] == [None, 2, 3, None]
    assert records[3]["household_id"] == "SECOND"


# -- 4. the Dask example's `line`: each partition of JSON lines was numbered from 1 (and
# its blank lines dropped before numbering), so an error record named a line of the
# partition, not of the file; `meanstest batch` names the file's line


def _dask_example() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "dask_caseroll", EXAMPLES / "batch" / "dask_caseroll.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_dask_example_names_the_files_lines(tmp_path: Path) -> None:
    import datetime as dt
    import os

    if os.environ.get("CI") != "true":
        pytest.importorskip("dask")
        pytest.importorskip("distributed")
    lines = ROLL.read_text(encoding="utf-8").splitlines()
    # Line 4 blank, line 9 not JSON: the 2 kB blocks put them in later partitions.
    roll = [*lines[:3], "", *lines[3:7], "{not json", *lines[7:]]
    path = tmp_path / "roll.jsonl"
    path.write_text("\n".join(roll) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    _dask_example().assess_roll(str(path), str(out), today=dt.date(2022, 1, 1))  # type: ignore[attr-defined]
    rows = [
        row
        for part in sorted(out.glob("part-*.parquet"))
        for row in pq.read_table(part).to_pylist()
    ]
    # Every line but the blank one, with its line in the file, as `meanstest batch` says.
    assert [r["line"] for r in rows] == [1, 2, 3, 5, 6, 7, 8, 9, 10, 11]
    assert rows[7]["status"] == "error"
    code, text, _ = _batch([str(path), "-q", "--on", "2022-01-01"], tmp_path / "b.jsonl")
    assert code == 3
    assert json.loads(text.splitlines()[7])["line"] == 9


# -- 3. the HTML report's caseload chart: the status names under the bars ran into each
# other ("dibao, single-person enrolment特困 support" in chromium's screenshot)


def _label_width(text: str) -> float:
    """Roughly how wide a text is at the report's 11 px: a CJK character 11 px, another
    6.2 px (the mean width of a Latin letter in a sans-serif face)."""
    return sum(11 if ord(c) > 0x2E80 else 6.2 for c in text)


def test_the_caseload_charts_labels_fit_under_their_bars() -> None:
    import re

    from meanstest.render.html import _bars

    names = [
        "dibao",
        "dibao, single-person enrolment",
        "特困 support",
        "edge household",
        "not eligible",
    ]
    svg = str(_bars([(n, [3, 4]) for n in names], [("Before", "#8aa"), ("After", "#36c")]))
    # 5 groups in 640 − 40 px: 120 px each, 112 px without the gap between groups.
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert " ".join(lines) == " ".join(names)  # every word, in order
    assert all(_label_width(line) <= 112 for line in lines), lines
    # The label's lines stay inside the picture.
    height = int(re.search(r'height="(\d+)"', svg).group(1))  # type: ignore[union-attr]
    ys = [float(y) for y in re.findall(r'<tspan x="[^"]*" y="([0-9.]+)"', svg)]
    assert max(ys) <= height - 16  # above the legend's row


# -- 1. Parquet output: an error row's meanstest_version was null where the CSV's row
# (docs/batch.md: Parquet has "the CSV's columns") says which version wrote it


def test_a_parquet_error_row_says_which_version_wrote_it(tmp_path: Path) -> None:
    from meanstest import __version__

    roll = tmp_path / "roll.jsonl"
    roll.write_text('{"id": "BAD"}\n', encoding="utf-8")
    code, _, _ = _batch([str(roll), "-q"], tmp_path / "out.csv")
    assert code == 3
    pq_out = tmp_path / "out.parquet"
    code = (
        CliRunner()
        .invoke(cli, ["batch", str(roll), "-q", "-o", str(pq_out)], obj=Environment(lang="en"))
        .exit_code
    )
    assert code == 3
    (row,) = pq.read_table(pq_out).to_pylist()
    import csv

    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as f:
        (csv_row,) = list(csv.reader(f))[1:]
    assert row["status"] == "error"
    assert row["meanstest_version"] == csv_row[-1] == __version__


# -- 1. a roll whose households were assessed on many different days (as a real roll
# is: one application a day) ran at about 50 households a second: the columnar engine
# rebuilt every rule array of every snapshot so far each time it added one day's
# snapshot, so the work grew with the square of the number of days (300 households on
# 258 days: 5.8 s; 1,500 on 790 days: 82 s, against 2.6 s with --detail full)


def test_the_rule_arrays_are_built_once_for_a_block_of_many_days(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import datetime as dt

    from meanstest.batch import assess_table
    from meanstest.batch.rule_arrays import Rules

    builds = []
    build = Rules._build

    def counted(self: Rules) -> None:
        builds.append(len(self.rows))
        build(self)

    monkeypatch.setattr(Rules, "_build", counted)
    first = json.loads(ROLL.read_text(encoding="utf-8").splitlines()[0])
    days = [dt.date(2021, 7, 1) + dt.timedelta(days=k) for k in range(60)]
    texts = [
        json.dumps({**first, "id": f"D{k}", "assessed_on": d.isoformat()}, ensure_ascii=False)
        for k, d in enumerate(days)
    ]
    rows = assess_table(pa.table({"household": texts}), rules="431022").to_pylist()
    # 60 households, one a day: each its own snapshot, the arrays built once for all.
    assert builds == [60]
    # YZ-2021-0202 on every day from 2021-07-01: 2 members, wage 800 → per capita 400,
    # not below the standard 380 and below 1.5 × 380 = 570: an edge household.
    assert [(r["household_id"], r["status"], str(r["per_capita_monthly"])) for r in rows] == [
        (f"D{k}", "edge", "400.00") for k in range(60)
    ]
    assert [r["rules_as_of"] for r in rows] == [d.isoformat() for d in days]


# -- 1./2. JSON Lines written by Python's json.dumps or pandas' to_json (their default
# writes every Chinese character as a \u escape) all went to the reference engine
# (docs/batch.md called such lines "rare"): 15,000 households took 6.9 s instead of 2.4 s


def test_escaped_chinese_names_stay_on_the_columnar_path(tmp_path: Path) -> None:
    households = [json.loads(line) for line in ROLL.read_text(encoding="utf-8").splitlines()]
    escaped = tmp_path / "escaped.jsonl"
    escaped.write_text("".join(json.dumps(h) + "\n" for h in households), encoding="utf-8")
    assert "\\u" in escaped.read_text(encoding="utf-8")  # 张三 as \u5f20\u4e09
    report = tmp_path / "run.json"
    code, out, _ = _batch([str(escaped), "-q", "--report", str(report)], tmp_path / "a.jsonl")
    _, want, _ = _batch([str(ROLL), "-q"], tmp_path / "b.jsonl")
    assert code == 0
    assert out == want  # the same records, byte for byte
    # The 9 households of the sample roll all take the columnar path unescaped.
    assert json.loads(report.read_text(encoding="utf-8"))["by_path"] == {
        "columnar": 9,
        "reference": 0,
    }


def test_escapes_that_are_not_plain_characters_still_go_to_the_reference(
    tmp_path: Path,
) -> None:
    first = json.loads(ROLL.read_text(encoding="utf-8").splitlines()[0])
    text = json.dumps({**first, "id": "ID"}, ensure_ascii=False)
    lines = [
        text.replace('"ID"', '"A\\u0041"'),  # ASCII: AA
        text.replace('"ID"', '"B\\\\u00e9"'),  # a backslash, then u00e9
        text.replace('"ID"', '"C\\ud83d\\ude00"'),  # 😀 as a surrogate pair
        text.replace('"ID"', '"D\\u00e9"'),  # é: the columnar path reads Dé
        text.replace('"ID"', '"E\\u00e9\\nE"'),  # é and a newline
    ]
    roll = tmp_path / "roll.jsonl"
    roll.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = tmp_path / "run.json"
    code, out, _ = _batch([str(roll), "-q", "--report", str(report)], tmp_path / "a.jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["household_id"] for r in records] == ["AA", "B\\u00e9", "C😀", "Dé", "Eé\nE"]
    # Only Dé is read by the columnar engine: every other line has an escape that is
    # not of a character beyond ASCII (A, \\, a surrogate, \n).
    assert json.loads(report.read_text(encoding="utf-8"))["by_path"] == {
        "columnar": 1,
        "reference": 4,
    }


# -- 1. `check ROLL.parquet --id ID`: batch reads a Parquet roll, check said "the file is
# not valid UTF-8 (GBK or another encoding?)" (it took the roll for one household's JSON)


def test_check_picks_a_household_out_of_a_parquet_roll(tmp_path: Path) -> None:
    households = [json.loads(line) for line in ROLL.read_text(encoding="utf-8").splitlines()]
    shard = tmp_path / "roll.parquet"
    # pa.array infers the columns from every household (from_pylist: from the first).
    pq.write_table(pa.Table.from_struct_array(pa.array(households)), shard)
    result = CliRunner().invoke(
        cli,
        ["check", str(shard), "--id", "YZ-2021-0137", "--format", "json"],
        obj=Environment(lang="en"),
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    # YZ-2021-0137: 3 persons; casual labour 900 a month counted, the scholarship 500 a
    # year exempt, the seriously ill applicant's medical costs 3,960 a year = 330 a month
    # deducted: counted 900 − 330 = 570, per capita 190 < 380: dibao, the gap
    # 3 × 380 − 570 = 570.
    assert record["status"] == "dibao"
    assert record["income"]["deductions_monthly"] == "330.00"
    assert record["income"]["per_capita_monthly"] == "190.00"
    assert record["benefit_monthly"] == "570.00"


# -- a Parquet roll (or Arrow table) of one column of JSON as bytes: Spark's BinaryType,
# or a `bytes` column from pandas, holds the same UTF-8 text as a string column would


@pytest.mark.parametrize("kind", [pa.binary(), pa.large_binary()])
def test_a_parquet_roll_of_json_bytes_is_read_as_json_text(tmp_path: Path, kind: Any) -> None:
    lines = ROLL.read_text(encoding="utf-8").splitlines()
    rows = [line.encode("utf-8") for line in lines[:3]] + [b"\xff{bad", None, b"  "]
    shard = tmp_path / "roll.parquet"
    pq.write_table(pa.table({"household": pa.array(rows, kind)}), shard)
    code, out, _ = _batch([str(shard), "-q"], tmp_path / "a.jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    # Three households as from the JSON Lines roll; rows 4 (not UTF-8) and 5 (null) each
    # an error record in its place; row 6, blank, is skipped as a blank line of JSON
    # Lines is (and as a blank row of a string column is).
    assert code == 3
    want_code, want, _ = _batch([str(ROLL), "-q"], tmp_path / "b.jsonl")
    assert want_code == 0
    assert out.splitlines()[:3] == want.splitlines()[:3]
    assert [r["schema"] for r in records[3:]] == ["meanstest.error/1"] * 2
    assert [r["line"] for r in records[3:]] == [4, 5]
    assert "utf-8" in records[3]["errors"][0]["msg"]
    # The library function reads the same column of bytes alike.
    table = assess_table(pa.table({"household": pa.array(rows[:3], kind)}))
    assert table.column("household_id").to_pylist() == [
        json.loads(line)["id"] for line in lines[:3]
    ]
