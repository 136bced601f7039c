"""Small things found by the reviews of stop 17, fixed by the lead (the reviewers'
own tests are in test_review17b.py, test_privacy_review17.py and test_review17a.py)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from meanstest.batch.run_words import interrupted_text
from meanstest.cli import Environment, cli

ROLL = Path(__file__).parent.parent / "examples" / "batch" / "caseroll.jsonl"


def test_a_run_of_one_household_says_1_record(tmp_path: Path) -> None:
    one = tmp_path / "one.jsonl"
    one.write_text(ROLL.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["batch", str(one), "-o", str(tmp_path / "out.jsonl")],
        obj=Environment(lang="en"),
        prog_name="meanstest",
    )
    assert result.exit_code == 0
    # The first household of the example roll is an edge household (800 a month for
    # two: 400 each, above the 380 standard and below 1.5 × 380 = 570).
    assert result.stderr.startswith("1 record: edge 1, errors 0\n"), result.stderr
    two = tmp_path / "two.jsonl"
    two.write_text("\n".join(ROLL.read_text(encoding="utf-8").splitlines()[:2]) + "\n")
    result = CliRunner().invoke(
        cli, ["batch", str(two), "-o", str(tmp_path / "out2.jsonl")], obj=Environment(lang="en")
    )
    assert result.stderr.startswith("2 records: "), result.stderr


def test_an_interrupted_run_of_one_record_is_said_in_the_singular() -> None:
    assert interrupted_text(1, "en", to_file=True) == (
        "interrupted after 1 record; no output file was written"
    )
    assert interrupted_text(2, "en", to_file=False) == (
        "interrupted after 2 records; the output on stdout is incomplete"
    )
    assert interrupted_text(1, "zh", to_file=True) == "已处理 1 条记录后中断；未写出输出文件"


def test_a_table_into_a_file_has_no_spaces_at_line_ends(tmp_path: Path) -> None:
    """rich pads every line of a table to the table's width; in a file (or a pipe) those
    spaces are noise for diff and grep, so they are left out. The words are unchanged."""
    example = ROLL.parent.parent / "yizhang-widow-diabetes.json"
    result = CliRunner().invoke(cli, ["check", str(example)], obj=Environment(lang="en"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.endswith(" ")]
    # The result line of the worked example: 380 × 3 − 570 = 570.00 a month.
    assert any("570.00" in line for line in lines)


def test_a_signal_while_a_finished_run_reports_changes_nothing() -> None:
    """Once the output is in place, Ctrl-C or SIGTERM while the run report and summary are
    written is held off (a run found complete said exit 130 beside a report saying 0);
    the handlers are back afterwards."""
    import os
    import signal

    from meanstest.cli.exits import past_interrupting

    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    with past_interrupting():
        os.kill(os.getpid(), signal.SIGINT)  # ignored: no KeyboardInterrupt
        os.kill(os.getpid(), signal.SIGTERM)  # ignored: the process goes on
        reached = True
    assert reached
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before


def test_a_condition_the_rules_cannot_say_is_quoted_as_yaml(tmp_path: Path) -> None:
    """`requires: [{disability: {any: [1, 2]}}]` (a grade condition, which no key can say
    yet; review 17a): the message quotes it as the officer wrote it, in YAML's flow
    style, not as Python's {'disability': ...}."""
    rule_file = tmp_path / "999902-test.yaml"
    rule_file.write_text(
        "schema: meanstest.rules/1\n"
        'id: "999902"\n'
        "name: {zh: 虚构测试县, en: Fictional Test County}\n"
        "level: county\n"
        'extends: "431000"\n'
        "parameters:\n"
        "  deduction.medical.requires:\n"
        "    description: {zh: 扣减条件, en: Conditions}\n"
        "    values:\n"
        "      - {from: 2026-01-01, value: [{disability: {any: [1, 2]}}], provisional: true,"
        " note: test}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["rules", "validate", str(rule_file), "--lang", "en"])
    assert result.exit_code == 1
    assert (
        "(line 10, column 36): '{disability: {any: [1, 2]}}' is not one of employed, disabled,"
        in result.stderr
    ), result.stderr
    assert "'disability'" not in result.stderr


def test_a_case_file_problem_counts_the_cases_from_one(tmp_path: Path) -> None:
    """A case file's problem named the case by its index from 0 ('1' was the second case;
    review 17a); it is now '#2', as a person counts, with its line."""
    cases = tmp_path / "cases.yaml"
    case = (
        "- name: {name}\n"
        '  rules: "431022"\n'
        "  on: 2021-12-01\n"
        "  household: {{area: rural, members: [{{id: p1, relation: applicant, age: 40}}]}}\n"
    )
    cases.write_text(
        case.format(name="first") + "  expect: {status: dibao}\n" + case.format(name="second"),
        encoding="utf-8",
    )  # the second case (from line 6) has no expect
    result = CliRunner().invoke(cli, ["test", str(cases), "--lang", "en"])
    assert result.exit_code == 1
    assert "  #2 (line 6, column 3): missing expect" in result.stderr, result.stderr
