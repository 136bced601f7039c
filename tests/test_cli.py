"""Tests of the command line (contract §3): output, exit codes, stdout vs stderr, help.

Every command runs through click's CliRunner, which keeps stdout and stderr apart
(Click 8.2+), so each test can say where a message must go. The worked example is
examples/yizhang-widow-diabetes.json: dibao, benefit 570.00, 3 members, per-capita
190.00, standard 380.00 (Yizhang 2021 rural standard 4560 yuan/year).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from meanstest import __version__
from meanstest.cli import cli
from meanstest.errors import MeansTestError
from meanstest.model.contract import validate_assessment

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "yizhang-widow-diabetes.json"
SHIPPED_RULES = sorted((ROOT / "rules").glob("*.yaml"))
HOUSEHOLDS = Path(__file__).resolve().parent / "fixtures" / "households"
BAD_RULES = Path(__file__).resolve().parent / "fixtures" / "rules" / "bad"

FORMULA = "380.00 × 3 − 570.00 = 570.00"

# The locale variables default_lang reads, all unset, plus anything that would make
# rich write colour codes into the captured output.
_CLEAN_ENV: dict[str, str | None] = {
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANG": None,
    "LANGUAGE": None,
    "FORCE_COLOR": None,
}


def run(
    *args: object,
    stdin: bytes | None = None,
    env: dict[str, str | None] | None = None,
) -> Result:
    """Invoke the command line with ``args``; exceptions are kept in ``result.exception``."""
    return CliRunner().invoke(
        cli,
        [str(a) for a in args],
        input=stdin,
        prog_name="meanstest",
        env={**_CLEAN_ENV, **(env or {})},
    )


def _json(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# ------------------------------------------------------------------ check: the example


def test_check_table_en_shows_status_benefit_formula_and_warnings() -> None:
    """The English table of the example shows dibao, ¥570.00, the formula and a warnings section."""
    result = run("check", EXAMPLE, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert re.search(r"^Status\s+dibao\s*$", out, re.MULTILINE), out
    assert "570.00" in out
    assert FORMULA in out
    assert re.search(r"^Warnings\s*$", out, re.MULTILINE), out
    assert "dibao.standard.rural" in out.split("Warnings", 1)[1]
    assert result.stderr == ""


def test_check_table_zh_shows_status_benefit_formula_and_warnings() -> None:
    """The Chinese table of the example shows 低保, ¥570.00, the formula and the 提示 section."""
    result = run("check", EXAMPLE, "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert re.search(r"^认定结果\s+低保\s*$", out, re.MULTILINE), out
    assert "570.00" in out
    assert FORMULA in out
    assert re.search(r"^提示\s*$", out, re.MULTILINE), out
    assert "dibao.standard.rural" in out.split("提示", 1)[1]
    assert result.stderr == ""


def test_check_json_validates_against_assessment_schema() -> None:
    """--format json prints one meanstest.assessment/1 document with the expected figures."""
    result = run("check", EXAMPLE, "--format", "json")
    data = _json(result)
    out = validate_assessment(data)
    assert out["schema"] == "meanstest.assessment/1"
    assert data["status"] == "dibao"
    assert data["eligible"] is True
    assert data["benefit_monthly"] == "570.00"
    assert data["household_size"] == 3
    assert data["standard_monthly"] == "380.00"
    assert data["income"]["per_capita_monthly"] == "190.00"
    assert data["household_id"] == "YZ-2021-0137"
    assert result.stderr == ""


def test_check_markdown_masks_names() -> None:
    """Markdown output masks names (邓** rather than 邓利兰) by default."""
    result = run("check", EXAMPLE, "--format", "markdown", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert "邓**" in result.stdout
    for name in ("邓利兰", "邓小明", "邓小红"):
        assert name not in result.stdout


def test_check_markdown_show_personal_data_unmasks_names() -> None:
    """--show-personal-data prints the names in full in Markdown."""
    result = run("check", EXAMPLE, "--format", "markdown", "--lang", "en", "--show-personal-data")
    assert result.exit_code == 0, result.stderr
    for name in ("邓利兰", "邓小明", "邓小红"):
        assert name in result.stdout
    assert "邓**" not in result.stdout


def test_check_trace_shows_rule_keys() -> None:
    """--trace adds the computation trace with the rule key of each step."""
    plain = run("check", EXAMPLE, "--lang", "en")
    traced = run("check", EXAMPLE, "--lang", "en", "--trace")
    assert traced.exit_code == 0, traced.stderr
    assert "Computation trace" in traced.stdout
    assert "Computation trace" not in plain.stdout
    trace = traced.stdout.split("Computation trace", 1)[1]
    for key in (
        "dibao.standard.rural",
        "household.excluded_statuses",
        "income.counted.casual_labour",
        "benefit.method",
    ):
        assert key in trace, key


def test_check_on_date_used() -> None:
    """--on 2021-12-01 is accepted and becomes the rules' as_of date."""
    data = _json(run("check", EXAMPLE, "--on", "2021-12-01", "--format", "json"))
    assert data["rules"]["as_of"] == "2021-12-01"
    assert data["benefit_monthly"] == "570.00"


def test_check_on_not_a_date_is_usage_error() -> None:
    """--on notadate exits 2 with a message on stderr that names the bad value."""
    result = run("check", EXAMPLE, "--on", "notadate")
    assert result.exit_code == 2
    assert "notadate" in result.stderr
    assert result.stdout == ""


def test_check_rules_id_used() -> None:
    """--rules 431022 picks that rule set explicitly."""
    data = _json(run("check", EXAMPLE, "--rules", "431022", "--format", "json"))
    assert data["rules"]["id"] == "431022"
    assert data["benefit_monthly"] == "570.00"


def test_check_rules_missing_id_exits_1() -> None:
    """--rules with an id no rule file has exits 1 with an error naming it on stderr."""
    result = run("check", EXAMPLE, "--rules", "999999")
    assert result.exit_code == 1
    assert result.stderr.startswith("error:"), result.stderr
    assert "999999" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_check_reads_stdin_with_dash() -> None:
    """`check -` reads the household from standard input."""
    result = run("check", "-", "--format", "json", stdin=EXAMPLE.read_bytes())
    data = _json(result)
    assert data["household_id"] == "YZ-2021-0137"
    assert data["benefit_monthly"] == "570.00"


def test_check_markup_in_name_printed_literally(tmp_path: Path) -> None:
    """A name containing rich markup is printed as typed, not styled or rejected."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["members"][0]["name"] = "[bold]x[/bold]"
    data["members"][1]["name"] = "[/red]y"
    path = tmp_path / "markup.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("check", path, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "[bold]x[/bold]" in result.stdout
    assert "[/red]y" in result.stdout


# ------------------------------------------------------------------ exit codes


def test_check_ineligible_household_exits_0(tmp_path: Path) -> None:
    """A household that is not eligible is a result, not an error: exit 0, benefit 0.00."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["incomes"].append({"member": "p1", "type": "wage", "amount": "5000", "per": "month"})
    path = tmp_path / "rich-household.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("check", path, "--format", "json")
    data = _json(result)
    assert data["status"] == "not_eligible"
    assert data["eligible"] is False
    assert data["benefit_monthly"] == "0.00"
    table = run("check", path, "--lang", "en")
    assert table.exit_code == 0, table.stderr
    assert "not eligible" in table.stdout


# fixture -> where the error is: the field path, or the line (offset for bad bytes).
BROKEN_HOUSEHOLDS: dict[str, str] = {
    "age-and-birth-date.json": "members.1",
    "age-as-string.json": "members.1.age",
    "birth-date-after-assessment.json": "members.1.birth_date",
    "birth-date-impossible.json": "members.1.birth_date",
    "duplicate-json-key.json": "line 5",
    "empty-file.json": "line 1",
    "gbk-encoded.json": "offset 139",
    "id-number-bad-checksum.json": "members.0.id_number",
    "income-member-missing.json": "incomes.0.member",
    "income-type-unknown.json": "incomes.0.type",
    "invalid-utf8.json": "offset 139",
    "member-id-duplicate.json": "members.1.id",
    "money-huge.json": "incomes.0.amount",
    "money-infinity.json": "line 13",
    "money-nan.json": "line 13",
    "money-negative.json": "incomes.0.amount",
    "money-not-a-number.json": "incomes.0.amount",
    "money-three-decimals.json": "incomes.0.amount",
    "neither-age-nor-birth-date.json": "members.1",
    "no-members.json": "members",
    "not-an-object.json": "JSON object",  # the whole document is wrong: no path or line
    "relation-unknown.json": "members.1.relation",
    "truncated-json.json": "line 9",
    "two-applicants.json": "members",
    "unknown-field-memebers.json": "memebers",
}


def test_check_broken_fixture_table_covers_all_fixtures() -> None:
    """Every household fixture except the valid ones is in the table above."""
    names = {p.name for p in HOUSEHOLDS.glob("*.json") if not p.name.startswith("valid-")}
    assert names == set(BROKEN_HOUSEHOLDS)


@pytest.mark.parametrize("name", sorted(BROKEN_HOUSEHOLDS))
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_check_broken_household_exits_1_with_location(name: str, fmt: str) -> None:
    """A broken household exits 1, says `error:` and where on stderr, and prints no data."""
    result = run("check", HOUSEHOLDS / name, "--format", fmt, "--lang", "en")
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert result.stderr.startswith("error:"), result.stderr
    assert BROKEN_HOUSEHOLDS[name] in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("name", ["birth-date-after-assessment.json", "income-type-unknown.json"])
def test_check_rule_mismatch_error_names_file(name: str) -> None:
    """A household refused against the rules (not by the schema) also names its file."""
    result = run("check", HOUSEHOLDS / name)
    assert result.exit_code == 1
    assert name in result.stderr, result.stderr


def test_check_debug_lets_exception_propagate() -> None:
    """`meanstest --debug check` raises the MeansTestError instead of printing one line."""
    result = run("--debug", "check", HOUSEHOLDS / "money-nan.json")
    assert isinstance(result.exception, MeansTestError), repr(result.exception)
    assert not isinstance(result.exception, SystemExit)


def test_check_missing_file_clear_message(tmp_path: Path) -> None:
    """A household file that does not exist is bad input: exit 1, a message naming it."""
    missing = tmp_path / "no-such-household.json"
    result = run("check", missing)
    assert result.exit_code == 1
    assert "no-such-household.json" in result.stderr
    assert re.search(r"no such file|does not exist", result.stderr, re.IGNORECASE), result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_check_unknown_option_is_usage_error() -> None:
    """An unknown option exits 2 and names the option on stderr."""
    result = run("check", EXAMPLE, "--bogus")
    assert result.exit_code == 2
    assert "--bogus" in result.stderr
    assert result.stdout == ""


# ------------------------------------------------------------------ rules


def test_rules_list_shows_yizhang() -> None:
    """`rules list` exits 0 and lists the shipped rule set 431022."""
    result = run("rules", "list")
    assert result.exit_code == 0, result.stderr
    assert "431022" in result.stdout
    assert "431022-yizhang.yaml" in result.stdout


def test_rules_show_values_in_force() -> None:
    """`rules show 431022 --on 2021-12-01` lists dibao.standard.rural at 4560 yuan/year."""
    # 120 columns: at 80 the table folds long keys (dibao.standard.ru / ral).
    result = run("rules", "show", "431022", "--on", "2021-12-01", env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if "dibao.standard.rural" in x)
    assert "4560" in line
    assert " county " in line  # the level the value comes from


def test_rules_show_json_sources() -> None:
    """`rules show --format json` gives each value its source, news and provisional marked."""
    data = _json(run("rules", "show", "431022", "--on", "2021-12-01", "--format", "json"))
    values = data["values"]
    assert values["dibao.standard.rural"]["source"]["kind"] == "news"
    assert values["dibao.standard.rural"]["source"]["provisional"] is False
    assert values["income.reference_months"]["source"]["provisional"] is True
    assert data["as_of"] == "2021-12-01"


def test_rules_show_before_rules_in_force_exits_0() -> None:
    """On a date before any value, `rules show` still exits 0 and marks keys not in force."""
    result = run("rules", "show", "431022", "--on", "2020-01-01", env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if "dibao.standard.rural" in x)
    assert "not in force" in line


def test_rules_validate_shipped_files_ok() -> None:
    """`rules validate rules/*.yaml` exits 0 with one ok line per file."""
    result = run("rules", "validate", *SHIPPED_RULES)
    assert result.exit_code == 0, result.stderr
    for path in SHIPPED_RULES:
        assert path.name in result.stdout
    assert result.stderr == ""


# file -> the line of the problem (counted by hand; see tests/test_ruleset.py).
BAD_RULE_LINES: dict[str, int] = {
    "note-not-a-text.yaml": 14,
    "note-unknown-language.yaml": 14,
    "note-without-english.yaml": 14,
    "dates-out-of-order.yaml": 14,
    "duplicate-dates.yaml": 14,
    "duplicate-key.yaml": 12,
    "extends-missing.yaml": 6,
    "money-huge.yaml": 14,
    "money-three-decimals.yaml": 14,
    "no-source-not-provisional.yaml": 11,
    "not-a-mapping.yaml": 2,  # the list that should be a mapping starts on line 2
    "not-yaml.yaml": 6,
    "python-tag.yaml": 7,
    "standard-without-unit.yaml": 9,
    "undeclared-income-type.yaml": 9,
    "undeclared-source.yaml": 13,
    "unknown-key.yaml": 9,
    "unknown-top-level-key.yaml": 8,
    "wrong-type.yaml": 12,
    "amount-without-unit.yaml": 9,
    "amount-wrong-unit.yaml": 11,
    "renamed-key.yaml": 9,
    "comparison-wrong-kind.yaml": 11,
    "comparison-not-a-threshold.yaml": 11,
    "share-divides-by-zero.yaml": 13,
    "value-unit-wrong.yaml": 14,
    "value-unit-not-an-amount.yaml": 13,
}


def test_check_integer_past_pythons_digit_limit_is_bad_input(tmp_path: Path) -> None:
    """An integer of 5,000 digits (past Python's 4,300 for int()) is refused with a
    message and exit 1, not a traceback."""
    path = tmp_path / "huge-number.json"
    path.write_text(
        '{"area": "rural", "members": [{"id": "p1", "relation": "applicant", '
        f'"age": {"1" * 5000}}}]}}',
        encoding="utf-8",
    )
    result = run("check", path)
    assert result.exit_code == 1
    assert "huge-number.json: the file is not acceptable JSON" in result.stderr
    assert "more digits than any amount could" in result.stderr
    assert "Traceback" not in result.stderr


def test_rules_validate_bad_table_covers_all_fixtures() -> None:
    """Every file in tests/fixtures/rules/bad is in the table above."""
    assert {p.name for p in BAD_RULES.iterdir()} == set(BAD_RULE_LINES)


@pytest.mark.parametrize("name", sorted(BAD_RULE_LINES))
def test_rules_validate_bad_file_names_file_and_line(name: str) -> None:
    """`rules validate` on a broken rule file exits 1, naming the file and line on stderr."""
    result = run("rules", "validate", BAD_RULES / name)
    assert result.exit_code == 1, result.stdout
    assert result.stderr.startswith("error:"), result.stderr
    assert name in result.stderr
    assert re.search(rf"\bline {BAD_RULE_LINES[name]}\b", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# ------------------------------------------------------------------ schema


@pytest.mark.parametrize(
    ("which", "schema_id"),
    [("household", "meanstest.household/1"), ("assessment", "meanstest.assessment/1")],
)
def test_schema_prints_json_schema_with_id(which: str, schema_id: str) -> None:
    """`schema household|assessment` prints a JSON Schema document carrying its $id."""
    data = _json(run("schema", which))
    assert data["$id"] == schema_id
    assert data["type"] == "object"
    assert data["properties"]


# ------------------------------------------------------------------ help and version


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [prefix]
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            paths += _command_paths(command, (*prefix, name))
        else:
            paths.append((*prefix, name))
    return paths


@pytest.mark.parametrize("path", _command_paths(cli), ids=lambda p: " ".join(p) or "meanstest")
def test_help_every_command_has_example(path: tuple[str, ...]) -> None:
    """`--help` works for every command and subcommand, and each has an Example: block."""
    result = run(*path, "--help")
    assert result.exit_code == 0, result.stderr
    assert "Usage:" in result.stdout
    assert "Example:" in result.stdout, result.stdout


def test_version_python_m() -> None:
    """`python -m meanstest --version` exits 0 and prints the package version."""
    done = subprocess.run(
        [sys.executable, "-m", "meanstest", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert __version__ in done.stdout
    assert "meanstest" in done.stdout


# ------------------------------------------------------------------ language


def test_check_default_lang_chinese_from_locale() -> None:
    """With LANG=zh_CN.UTF-8 and no --lang the table is in Chinese."""
    result = run("check", EXAMPLE, env={"LANG": "zh_CN.UTF-8"})
    assert result.exit_code == 0, result.stderr
    assert "低保家庭经济状况核算" in result.stdout
    assert re.search(r"^认定结果\s+低保\s*$", result.stdout, re.MULTILINE), result.stdout


def test_check_default_lang_english_from_locale() -> None:
    """With LANG=en_US.UTF-8 and no --lang the table is in English."""
    result = run("check", EXAMPLE, env={"LANG": "en_US.UTF-8"})
    assert result.exit_code == 0, result.stderr
    assert "Dibao means test" in result.stdout
    assert re.search(r"^Status\s+dibao\s*$", result.stdout, re.MULTILINE), result.stdout
    assert "认定结果" not in result.stdout


def test_installed_command_finds_shipped_rules_from_any_directory(tmp_path: Path) -> None:
    """`python -m meanstest` run outside the repository still finds the shipped rule files."""
    example = ROOT / "examples" / "yizhang-widow-diabetes.json"
    done = subprocess.run(
        [sys.executable, "-m", "meanstest", "check", str(example), "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MEANSTEST_NO_CACHE": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["benefit_monthly"] == "570.00"


# ------------------------------------------------------------------ personal data

VETERANS = ROOT / "examples" / "yizhang-veteran-exempt-income.json"


def test_check_json_masks_names_and_id_numbers_by_default() -> None:
    """Contract §1: an ID number is never printed unmasked unless the user asks.
    黄国华, 431022195503070134 → 黄**, 431022 + 8 stars + 0134."""
    out = run("check", VETERANS, "--format", "json").stdout
    data = json.loads(out)
    p1 = data["members"][0]
    assert (p1["name"], p1["id_number"]) == ("黄**", "431022********0134")
    assert "431022195503070134" not in out
    assert "黄国华" not in out


def test_check_json_show_personal_data_writes_them_unmasked() -> None:
    """--show-personal-data is the user asking: names and ID numbers as given."""
    data = _json(run("check", VETERANS, "--format", "json", "--show-personal-data"))
    p1 = data["members"][0]
    assert (p1["name"], p1["id_number"]) == ("黄国华", "431022195503070134")


def test_check_json_writes_money_in_the_trace_with_two_decimals() -> None:
    """The standard step's annual figure is money: 4560 yuan a year → "4560.00"."""
    data = _json(run("check", EXAMPLE, "--format", "json"))
    step = next(s for s in data["trace"] if s["step"] == "standard")
    assert step["inputs"] == {"annual": "4560.00"}
    assert step["value"] == "380.00"  # 4560 / 12
