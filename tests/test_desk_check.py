"""Issue 15, points 3 and 6 (the refusal): `check ROLL --id ID`, `-o`, `--format refusal`.

The example roll (examples/batch/caseroll-*.csv, .xlsx, .jsonl) holds 9 households.
YZ-2021-0203 is a couple: p1 earns 800.00 a month, p2 is severely disabled (physical,
grade 2) and out of work. Per capita 800.00 / 2 = 400.00 is not below the 380.00
standard, so the household is not eligible, but p2 may be enrolled alone: 380.00 −
0.00 = 380.00 a month (dibao_single).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES
from test_cli_env import FakeEnvironment, run

from meanstest import __version__
from meanstest.cli.batch import batch as batch_command

ROLLS = EXAMPLES / "batch"
WIDOW = EXAMPLES / "yizhang-widow-diabetes.json"


def _json(env: FakeEnvironment) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(env.out)
    return data


# ------------------------------------------------------------------ check --id


@pytest.mark.parametrize(
    "roll", ["caseroll-en.csv", "caseroll-zh.csv", "caseroll.xlsx", "caseroll.jsonl"]
)
def test_check_id_picks_one_household_of_a_roll(roll: str) -> None:
    """YZ-2021-0203 from every layout: dibao_single, 380.00 (hand-worked above)."""
    env = FakeEnvironment()
    result = run(env, "check", ROLLS / roll, "--id", "YZ-2021-0203", "--format", "json")
    assert result.exit_code == 0, result.output
    record = _json(env)
    assert (record["household_id"], record["status"], record["benefit_monthly"]) == (
        "YZ-2021-0203",
        "dibao_single",
        "380.00",
    )
    assert record["income"]["per_capita_monthly"] == "400.00"


def test_check_id_gives_what_batch_gives(tmp_path: Path) -> None:
    """The record `check --id` prints is the one `batch` writes for that household."""
    env = FakeEnvironment()
    assert (
        run(
            env, "check", ROLLS / "caseroll.xlsx", "--id", "YZ-2021-0208", "--format", "json"
        ).exit_code
        == 0
    )
    out = tmp_path / "all.jsonl"
    # Full records: with the columnar engine, batch writes summaries unless told.
    full = ["--detail", "full"] if any(p.name == "detail" for p in batch_command.params) else []
    assert (
        run(FakeEnvironment(), "batch", ROLLS / "caseroll.xlsx", "-o", out, "-q", *full).exit_code
        == 0
    )
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    (written,) = [r for r in records if r["household_id"] == "YZ-2021-0208"]
    assert _json(env) == written


def test_check_id_table_is_the_default_view() -> None:
    """Without --format the caseworker sees the table of that household."""
    env = FakeEnvironment()
    result = run(env, "check", ROLLS / "caseroll-zh.csv", "--id", "YZ-2021-0203", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert re.search(r"认定结果\s+单人户施保", env.out)


def test_check_unknown_id_says_how_many_households_the_roll_has() -> None:
    """An id the roll does not hold: exit 1, the roll's 9 households counted and named."""
    env = FakeEnvironment()
    result = run(env, "check", ROLLS / "caseroll-en.csv", "--id", "YZ-2099-0001")
    assert result.exit_code == 1
    assert "no household 'YZ-2099-0001' in the case roll: it holds 9 households" in env.err
    assert "YZ-2021-0202" in env.err
    assert env.out == ""


def test_check_id_of_a_bad_row_names_its_row_and_column(tmp_path: Path) -> None:
    """A household whose birth date cell is not a date: exit 1, the column as headed and
    the row, as batch's error record says it."""
    text = (ROLLS / "caseroll-zh.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    # Row 4 of the sheet (line 4 of the file) is YZ-2021-0203's first member.
    assert lines[3].startswith("YZ-2021-0203")
    lines[3] = lines[3].replace("1972-11-05", "1972-02-30")
    roll = tmp_path / "roll.csv"
    roll.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = FakeEnvironment()
    result = run(env, "check", roll, "--id", "YZ-2021-0203")
    assert result.exit_code == 1
    assert "the household at line or row 4 cannot be read" in env.err
    assert "出生日期" in env.err
    assert "row 4" in env.err


def test_check_roll_without_id(tmp_path: Path) -> None:
    """A roll of one household needs no --id; a roll of several is a usage error that
    lists some ids."""
    several = FakeEnvironment()
    result = run(several, "check", ROLLS / "caseroll-en.csv")
    assert result.exit_code == 2
    assert "holds 9 households; choose one with --id" in result.output
    one = tmp_path / "one.jsonl"
    one.write_text(
        json.dumps(json.loads(WIDOW.read_text(encoding="utf-8")), ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    env = FakeEnvironment()
    assert run(env, "check", one, "--format", "json").exit_code == 0
    assert _json(env)["benefit_monthly"] == "570.00"


def test_check_id_used_twice_is_an_error(tmp_path: Path) -> None:
    """Two JSON lines with one id: the id must name one household."""
    line = json.dumps(json.loads(WIDOW.read_text(encoding="utf-8")), ensure_ascii=False)
    roll = tmp_path / "twice.jsonl"
    roll.write_text(f"{line}\n{line}\n", encoding="utf-8")
    env = FakeEnvironment()
    assert run(env, "check", roll, "--id", "YZ-2021-0137").exit_code == 1
    assert "is used by 2 records of the case roll (lines or rows 1, 2)" in env.err


def test_check_id_from_stdin_reads_a_roll() -> None:
    """`check - --id` reads standard input as a roll (JSON Lines here)."""
    env = FakeEnvironment(stdin=(ROLLS / "caseroll.jsonl").read_bytes())
    assert run(env, "check", "-", "--id", "YZ-2021-0203", "--format", "json").exit_code == 0
    assert _json(env)["benefit_monthly"] == "380.00"


def test_check_id_with_a_household_file() -> None:
    """--id on a household JSON file must name its household."""
    good = FakeEnvironment()
    assert run(good, "check", WIDOW, "--id", "YZ-2021-0137", "--format", "json").exit_code == 0
    bad = FakeEnvironment()
    assert run(bad, "check", WIDOW, "--id", "YZ-1").exit_code == 1
    assert "the household in this file is 'YZ-2021-0137', not 'YZ-1'" in bad.err
    enc = FakeEnvironment()
    assert run(enc, "check", WIDOW, "--encoding", "gbk").exit_code == 2


def test_check_gbk_roll_is_read_with_a_note() -> None:
    """A GBK CSV roll is detected as batch detects it, with the note on stderr."""
    env = FakeEnvironment()
    assert (
        run(
            env, "check", ROLLS / "caseroll-gbk.csv", "--id", "YZ-2021-0203", "--format", "json"
        ).exit_code
        == 0
    )
    assert "reading it as GBK" in env.err
    assert _json(env)["benefit_monthly"] == "380.00"


# ------------------------------------------------------------------------- -o


@pytest.mark.parametrize(
    ("fmt", "start"),
    [("json", "{"), ("markdown", "# "), ("html", "<!DOCTYPE html>"), ("table", "")],
)
def test_check_output_file_for_every_format(tmp_path: Path, fmt: str, start: str) -> None:
    """-o FILE writes the output there (UTF-8) and nothing on stdout."""
    out = tmp_path / "out"
    env = FakeEnvironment()
    assert run(env, "check", WIDOW, "--format", fmt, "-o", out).exit_code == 0
    assert env.out == ""
    written = out.read_text(encoding="utf-8")
    assert written.startswith(start)
    assert "570.00" in written
    assert written.endswith("\n")


def test_check_output_onto_the_input_is_a_usage_error(tmp_path: Path) -> None:
    """-o naming the household file itself: exit 2, the file untouched."""
    household = tmp_path / "h.json"
    household.write_bytes(WIDOW.read_bytes())
    assert (
        run(FakeEnvironment(), "check", household, "-o", household, "--format", "json").exit_code
        == 2
    )
    assert household.read_bytes() == WIDOW.read_bytes()


# -------------------------------------------------------------------- refusal


_REFUSED = {
    "id": "YZ-2021-0150",
    "region": "431022",
    "area": "rural",
    "assessed_on": "2021-12-01",
    "members": [
        {"id": "p1", "name": "王建国", "relation": "applicant", "age": 50},
        {"id": "p2", "name": "李秀英", "relation": "spouse", "age": 48},
    ],
    "incomes": [{"member": "p1", "type": "wage", "amount": "1000", "per": "month"}],
}


def _refused(tmp_path: Path) -> Path:
    path = tmp_path / "refused.json"
    path.write_text(json.dumps(_REFUSED, ensure_ascii=False), encoding="utf-8")
    return path


def test_refusal_zh_states_decision_reasons_figures_sources_and_review(tmp_path: Path) -> None:
    """1000.00 a month for 2 is 500.00 per person, not below 380.00: refused. The notice
    (Chinese by default under --lang zh) says so with the figures, cites S2 Art. 21 and
    the rules used, names the right to review, masks the applicant's name, and carries
    the stamp; the provisional values go to the caseworker on stderr, not the notice."""
    env = FakeEnvironment(lang="zh")
    assert run(env, "check", _refused(tmp_path), "--format", "refusal").exit_code == 0
    notice = env.out
    assert notice.startswith("不予批准最低生活保障告知书\n")
    assert "申请人：王**（户编号 YZ-2021-0150）" in notice
    assert "决定不予批准" in notice
    assert "家庭人均收入 500.00 元/月，不低于低保标准 380.00 元/月。" in notice
    assert "家庭月收入（计入）1000.00 元，共同生活家庭成员 2 人" in notice
    assert "最低生活保障审核确认办法 民发〔2021〕57号 第八条（dibao.edge_multiplier）" in notice
    assert "第二十一条" in notice
    assert "行政复议" in notice
    assert "行政诉讼" in notice
    assert f"meanstest {__version__}" in notice
    assert "王建国" not in notice
    assert "暂定值或非正式出处" in env.err
    assert "dibao.standard.rural" in env.err


def test_refusal_en_and_personal_data(tmp_path: Path) -> None:
    """--lang en writes the English notice; --show-personal-data the name as given."""
    env = FakeEnvironment()
    assert (
        run(
            env,
            "check",
            _refused(tmp_path),
            "--format",
            "refusal",
            "--lang",
            "en",
            "--show-personal-data",
        ).exit_code
        == 0
    )
    notice = env.out
    assert notice.startswith("Notice of refusal of the minimum living guarantee\n")
    assert "To the applicant 王建国 (household YZ-2021-0150)" in notice
    assert "Per-capita counted income ¥500.00/month is not below the dibao" in notice
    assert "administrative" in notice


def test_refusal_of_an_edge_household_says_its_status(tmp_path: Path) -> None:
    """An edge household (per capita 400.00: not below 380.00, below 1.5 × 380.00 =
    570.00) is refused dibao, and the notice says it is an edge household."""
    data = dict(_REFUSED)
    data["incomes"] = [{"member": "p1", "type": "wage", "amount": "800", "per": "month"}]
    path = tmp_path / "edge.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    env = FakeEnvironment(lang="zh")
    assert run(env, "check", path, "--format", "refusal").exit_code == 0
    assert "认定结果：低保边缘家庭。" in env.out


def test_refusal_of_an_eligible_household_is_not_written(tmp_path: Path) -> None:
    """The worked example is on dibao: exit 0, nothing on stdout or in -o, a message on
    stderr saying it is not a refusal."""
    out = tmp_path / "notice.txt"
    env = FakeEnvironment(lang="zh")
    assert run(env, "check", WIDOW, "--format", "refusal", "-o", out).exit_code == 0
    assert env.out == ""
    assert not out.exists()
    assert "不是不予批准的情形" in env.err
    en = FakeEnvironment()
    assert run(en, "check", WIDOW, "--format", "refusal").exit_code == 0
    assert "not a refusal" in en.err


def test_refusal_to_a_file(tmp_path: Path) -> None:
    """-o writes the notice as UTF-8 text."""
    out = tmp_path / "notice.txt"
    env = FakeEnvironment(lang="zh")
    assert run(env, "check", _refused(tmp_path), "--format", "refusal", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("不予批准最低生活保障告知书")
    assert env.out == ""
