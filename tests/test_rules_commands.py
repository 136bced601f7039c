"""Tests of the rule tools for policy staff: `meanstest test`, `rules diff`, `rules new`, overlay().

Yizhang (431022) gives the rural standard as 4560 yuan/year (380 a month): sourced
(yizhang-news-2022) from 2021-01-01, carried forward provisionally from 2022-01-01.
The example proposal examples/proposals/standard-rise-2027.yaml extends 431022 and
sets 420 yuan/month (5040 a year) from 2027-01-01, provisional.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from meanstest.cli import cli
from meanstest.errors import RuleFileError
from meanstest.ruleset.load import load_rules, overlay

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_CASES = ROOT / "rules" / "cases"
STANDARD_RISE = ROOT / "examples" / "proposals" / "standard-rise-2027.yaml"
CARRIED_NOTE = "the 2021 figure carried forward; the standards for 2022 on are not sourced"
PROPOSAL_NOTE = "a proposal under discussion, not an adopted standard"

_CLEAN_ENV: dict[str, str | None] = {
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANG": None,
    "LANGUAGE": None,
    "FORCE_COLOR": None,
}


def run(*args: object) -> Result:
    """Invoke the command line; exceptions are kept in ``result.exception``."""
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="meanstest", env=_CLEAN_ENV)


# ------------------------------------------------------------------ meanstest test


def _shipped_case_count() -> int:
    """The number of cases in rules/cases/*.yaml, counted with PyYAML directly."""
    return sum(
        len(yaml.safe_load(p.read_text(encoding="utf-8")))
        for p in sorted(SHIPPED_CASES.glob("*.yaml"))
    )


def test_test_command_shipped_cases_pass() -> None:
    """`meanstest test` with no files runs every shipped case: exit 0, 'N passed, 0 failed'."""
    n = _shipped_case_count()
    assert n > 0
    result = run("test")
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stdout.splitlines()[-1] == f"{n} passed, 0 failed"
    assert "FAIL" not in result.stdout


def test_test_command_folder_argument() -> None:
    """`meanstest test rules/cases/` runs the same cases as no argument."""
    n = _shipped_case_count()
    result = run("test", SHIPPED_CASES)
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stdout.splitlines()[-1] == f"{n} passed, 0 failed"


def test_test_command_verbose_lists_each_case() -> None:
    """-v prints one 'ok' line per passing case."""
    path = SHIPPED_CASES / "431022-policy-examples.yaml"
    n = len(yaml.safe_load(path.read_text(encoding="utf-8")))
    result = run("test", path, "-v")
    assert result.exit_code == 0, (result.output, result.exception)
    ok = [line for line in result.stdout.splitlines() if line.startswith("ok")]
    assert len(ok) == n
    assert result.stdout.splitlines()[-1] == f"{n} passed, 0 failed"


_CASES = """\
# 1 person, 200 a month farming, 2021-12-01: 380 − 200 = 180.00.
- name: A one-person household with 200 a month gets 180 yuan.
  rules: "431022"
  on: 2021-12-01
  household:
    area: rural
    members:
      - {id: p1, relation: applicant, age: 45, employment: farming}
    incomes:
      - {type: farming, amount: "200", per: month}
  expect:
    status: dibao
    benefit_monthly: "180.00"

# Same household, but the expectation is wrong on purpose: 180.00 is right, not 190.00.
- name: A one-person household with 200 a month gets 190 yuan.
  rules: "431022"
  on: 2021-12-01
  household:
    area: rural
    members:
      - {id: p1, relation: applicant, age: 45, employment: farming}
    incomes:
      - {type: farming, amount: "200", per: month}
  expect:
    status: dibao
    benefit_monthly: "190.00"
"""


def test_test_command_wrong_expectation_fails(tmp_path: Path) -> None:
    """A case expecting 190.00 where 380 − 200 = 180.00: exit 1, FAIL with path, expected, got."""
    path = tmp_path / "mine" / "cases.yaml"
    path.parent.mkdir()
    path.write_text(_CASES, encoding="utf-8")
    result = run("test", path)
    assert result.exit_code == 1, (result.output, result.exception)
    out = result.stdout
    fail_lines = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert len(fail_lines) == 1, out
    assert "A one-person household with 200 a month gets 190 yuan." in fail_lines[0]
    assert "benefit_monthly: expected '190.00', got '180.00'" in out
    assert out.splitlines()[-1] == "1 passed, 1 failed"
    # the file as given, so two cases.yaml in different folders can be told apart
    assert str(path) in fail_lines[0], fail_lines[0]


def test_test_command_money_without_quotes_hint(tmp_path: Path) -> None:
    """An unquoted integer for money (180) fails with a hint to write '180.00'."""
    text = _CASES.split("# Same household", 1)[0].replace('"180.00"', "180")
    path = tmp_path / "cases.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("test", path)
    assert result.exit_code == 1
    assert "benefit_monthly: expected 180, got '180.00'" in result.stdout
    assert "quoted string with two decimals" in result.stdout


def test_test_command_unknown_field_fails(tmp_path: Path) -> None:
    """An expectation on a field the result does not have fails, naming the path."""
    text = _CASES.split("# Same household", 1)[0].replace("status: dibao", "stattus: dibao")
    path = tmp_path / "cases.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("test", path)
    assert result.exit_code == 1
    assert "stattus: not a field of the result" in result.stdout


def test_test_command_list_expects_exactly_its_items(tmp_path: Path) -> None:
    """`warnings: []` means no warnings: the 431022 result has some (the rural standard
    and more are provisional), so the case fails, naming the count it got."""
    text = _CASES.split("# Same household", 1)[0].replace(
        '    benefit_monthly: "180.00"\n', '    benefit_monthly: "180.00"\n    warnings: []\n'
    )
    path = tmp_path / "cases.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("test", path)
    assert result.exit_code == 1
    assert re.search(r"warnings: expected 0 item\(s\), got [1-9]\d*", result.stdout), result.stdout


def test_test_command_list_longer_than_expected_fails(tmp_path: Path) -> None:
    """A list expectation is the whole list: one reason listed where the result gives
    one passes; an extra expected reason fails on the count."""
    one = _CASES.split("# Same household", 1)[0].replace(
        "    status: dibao\n", "    status: dibao\n    reasons: [{code: below_standard}]\n"
    )
    path = tmp_path / "cases.yaml"
    path.write_text(one, encoding="utf-8")
    assert run("test", path).exit_code == 0
    path.write_text(
        one.replace("[{code: below_standard}]", "[{code: below_standard}, {code: below_edge}]"),
        encoding="utf-8",
    )
    result = run("test", path)
    assert result.exit_code == 1
    assert "reasons: expected 2 item(s), got 1" in result.stdout


def test_test_command_case_file_not_utf8_is_a_message(tmp_path: Path) -> None:
    """A case file saved as GBK: exit 1 with a message naming it, not a traceback."""
    path = tmp_path / "gbk-cases.yaml"
    path.write_bytes(_CASES.replace("A one-person", "一人户").replace("−", "-").encode("gbk"))
    result = run("test", path)
    assert result.exit_code == 1
    assert "gbk-cases.yaml: the case file is not valid UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("name: not a list\n", "a case file must be a list"),
        (
            "- name: Nothing checked.\n  rules: '431022'\n  on: 2021-12-01\n  household: {}\n"
            "  expect: {}\n",
            "expected at least one value to check",
        ),
        (
            "- name: No household.\n  rules: '431022'\n  on: 2021-12-01\n"
            "  expect: {status: dibao}\n",
            "missing household",
        ),
        (
            "- name: Extra key.\n  rules: '431022'\n  on: 2021-12-01\n  household: {}\n"
            "  expect: {status: dibao}\n  colour: red\n",
            "unknown keys colour",
        ),
        (
            "- name: Bad date.\n  rules: '431022'\n  on: soon\n  household: {}\n"
            "  expect: {status: dibao}\n",
            "expected a date",
        ),
        ("- [unclosed\n", "not valid YAML"),
    ],
)
def test_test_command_malformed_case_file(tmp_path: Path, text: str, words: str) -> None:
    """A malformed case file exits 1 with a message naming the file and what is wrong."""
    path = tmp_path / "broken-cases.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("test", path)
    assert result.exit_code == 1, (result.output, result.exception)
    assert not isinstance(result.exception, AssertionError | TypeError | KeyError)
    assert str(path) in result.stderr, result.stderr
    assert words in result.stderr, result.stderr


def test_test_command_missing_file_is_usage_error(tmp_path: Path) -> None:
    """A case file that does not exist is a usage error (exit 2) naming it."""
    result = run("test", tmp_path / "nowhere.yaml")
    assert result.exit_code == 2
    assert "nowhere.yaml" in result.stderr


# ------------------------------------------------------------------ rules diff


def _diff(on: str) -> dict[str, Any]:
    result = run("rules", "diff", "431022", STANDARD_RISE, "--on", on, "--format", "json")
    assert result.exit_code == 0, (result.output, result.exception)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_rules_diff_after_proposal_date_lists_the_rural_standard() -> None:
    """On 2027-02-01 the one difference is dibao.standard.rural: 4560 yuan/year, 500 yuan/month."""
    data = _diff("2027-02-01")
    assert data["schema"] == "meanstest.rules-diff/1"
    assert data["a"] == "431022"
    assert data["b"] == "yizhang-standard-rise-2027"
    assert data["as_of"] == "2027-02-01"
    assert data["differences"] == [
        {
            "key": "dibao.standard.rural",
            "a": {
                "value": "4560 yuan/year",
                "since": "2022-01-01",
                "source": {"provisional": True, "note": CARRIED_NOTE},
            },
            "b": {
                "value": "500 yuan/month",
                "since": "2027-01-01",
                "source": {"provisional": True, "note": PROPOSAL_NOTE},
            },
        }
    ]


def test_rules_diff_before_proposal_date_lists_nothing() -> None:
    """On 2026-12-01 both use 431022's carried-forward entry: same value and source, no rows."""
    # The proposal keeps 431022's entries dated before its own first date (2027-01-01),
    # so on 2026-12-01 both read the 2022-01-01 entry: 4560 yuan/year, same provisional note.
    data = _diff("2026-12-01")
    assert data["as_of"] == "2026-12-01"
    assert data["differences"] == []


def test_rules_diff_lists_keys_whose_source_differs(tmp_path: Path) -> None:
    """A proposal restating 4560 yuan/year with another note differs only in its source."""
    path = tmp_path / "restated.yaml"
    path.write_text(
        """schema: meanstest.rules/1
id: restated
name: {zh: 重述, en: Restated}
level: proposal
extends: "431022"
parameters:
  dibao.standard.rural:
    unit: yuan/year
    values:
      - {from: 2026-01-01, value: 4560, provisional: true, note: restated}
""",
        encoding="utf-8",
    )
    result = run("rules", "diff", "431022", path, "--on", "2026-06-01", "--format", "json")
    assert result.exit_code == 0, (result.output, result.exception)
    rows = json.loads(result.stdout)["differences"]
    assert rows == [
        {
            "key": "dibao.standard.rural",
            "a": {
                "value": "4560 yuan/year",
                "since": "2022-01-01",
                "source": {"provisional": True, "note": CARRIED_NOTE},
            },
            "b": {
                "value": "4560 yuan/year",
                "since": "2026-01-01",
                "source": {"provisional": True, "note": "restated"},
            },
        }
    ]


def test_rules_diff_table_names_both_values() -> None:
    """The table form shows the key and both written values."""
    result = run("rules", "diff", "431022", STANDARD_RISE, "--on", "2027-02-01", "--lang", "en")
    assert result.exit_code == 0, (result.output, result.exception)
    assert "dibao.standard.rural" in result.stdout
    assert "4560 yuan/year" in result.stdout
    assert "500 yuan/month" in result.stdout


# ------------------------------------------------------------------ rules new


@pytest.fixture
def new_file(tmp_path: Path) -> Path:
    """The file `meanstest rules new 431021 --extends 431000 --name 桂阳县 -o FILE` writes."""
    path = tmp_path / "431021-guiyang.yaml"
    result = run("rules", "new", "431021", "--extends", "431000", "--name", "桂阳县", "-o", path)
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stdout == ""
    return path


def test_rules_new_file_validates(new_file: Path) -> None:
    """`meanstest rules validate` accepts the new file, with its chain down to 431021."""
    result = run("rules", "validate", new_file)
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stdout.startswith(
        f"ok {new_file}: rule set 431021 (000000 → 430000 → 431000 → 431021)"
    )


def test_rules_new_every_value_provisional(new_file: Path) -> None:
    """Every value the new file sets is provisional, and it declares no sources."""
    data = yaml.safe_load(new_file.read_text(encoding="utf-8"))
    assert data["id"] == "431021"
    assert data["extends"] == "431000"
    assert data["name"]["zh"] == "桂阳县"
    assert data["sources"] == {}
    assert data["parameters"], "the file sets no values"
    for key, decl in data["parameters"].items():
        for entry in decl["values"]:
            assert entry.get("provisional") is True, key
            assert "source" not in entry, key
    rules = load_rules(new_file)
    mine = [(s.key, e) for s in rules.series.values() for e in s.entries if e.file == new_file.name]
    assert len(mine) == len(data["parameters"])
    assert all(e.source.provisional for _, e in mine)


def test_rules_new_fill_in_comment_before_each_key(new_file: Path) -> None:
    """Each key (and each commented template) follows a '# Fill in from ...' comment line."""
    lines = new_file.read_text(encoding="utf-8").splitlines()
    start = lines.index("parameters:")
    keys = [
        i
        for i, line in enumerate(lines)
        if i > start and re.match(r"^  (# )?[a-z][a-z0-9_.]+:$", line)
    ]
    assert keys
    for i in keys:
        assert lines[i - 1].startswith("  # Fill in from "), (lines[i - 1], lines[i])


def test_rules_new_standards_as_commented_templates(new_file: Path) -> None:
    """431000 has no dibao standards, so both are commented templates, not values."""
    text = new_file.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert "dibao.standard.rural" not in data["parameters"]
    assert "dibao.standard.urban" not in data["parameters"]
    for key in ("dibao.standard.rural", "dibao.standard.urban"):
        assert re.search(rf"^  # Fill in from .*\n  # {re.escape(key)}:$", text, re.MULTILINE), key
    assert "#   unit: yuan/year" in text


def test_rules_new_standards_copied_when_parent_has_them(tmp_path: Path) -> None:
    """Extending 431022, the rural standard is copied as 4560 yuan/year, provisional."""
    path = tmp_path / "431099-test.yaml"
    result = run(
        "rules",
        "new",
        "431099",
        "--extends",
        "431022",
        "--name",
        "测试县",
        "--on",
        "2027-01-01",
        "-o",
        path,
    )
    assert result.exit_code == 0, (result.output, result.exception)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rural = data["parameters"]["dibao.standard.rural"]
    assert rural["unit"] == "yuan/year"
    assert rural["values"][0]["value"] == 4560
    assert rural["values"][0]["provisional"] is True
    assert "dibao.standard.urban" not in data["parameters"]  # Yizhang has none
    assert run("rules", "validate", path).exit_code == 0


@pytest.mark.parametrize("name", ["桂阳县, 试点", "桂阳县 #1", "桂阳县: 试行"])
def test_rules_new_name_with_yaml_punctuation(tmp_path: Path, name: str) -> None:
    """A Chinese name with ', ', ' #' or ': ' is written so the file validates and reads back."""
    path = tmp_path / "431021-guiyang.yaml"
    result = run("rules", "new", "431021", "--extends", "431000", "--name", name, "-o", path)
    assert result.exit_code == 0, (result.output, result.exception)
    check = run("rules", "validate", path)
    assert check.exit_code == 0, check.stderr
    assert load_rules(path).name.zh == name


def test_rules_new_to_stdout() -> None:
    """Without -o the file text goes to stdout."""
    result = run(
        "rules",
        "new",
        "431021",
        "--extends",
        "431000",
        "--name",
        "桂阳县",
        "--name-en",
        "Guiyang County",
    )
    assert result.exit_code == 0, (result.output, result.exception)
    data = yaml.safe_load(result.stdout)
    assert data["name"] == {"zh": "桂阳县", "en": "Guiyang County"}


# ------------------------------------------------------------------ overlay()


def test_overlay_month_value_converted_to_annual() -> None:
    """dibao.standard.rural=420/month is 420 × 12 = 5040 a year, written '420 yuan/month'."""
    changed = overlay(load_rules("431022"), ["dibao.standard.rural=420/month"], dt.date(2027, 1, 1))
    param = changed.at(dt.date(2027, 1, 15))["dibao.standard.rural"]
    assert param.value == 5040
    assert param.written == "420 yuan/month"
    assert param.since == dt.date(2027, 1, 1)


def test_overlay_year_value_and_bare_value_kept_annual() -> None:
    """5040/year and a bare 5040 (the key's unit is yuan/year) are both 5040 a year."""
    base = load_rules("431022")
    for setting in ("dibao.standard.rural=5040/year", "dibao.standard.rural=5040"):
        changed = overlay(base, [setting], dt.date(2027, 1, 1))
        assert changed.at(dt.date(2027, 1, 15)).value("dibao.standard.rural") == 5040, setting


def test_overlay_leaves_earlier_dates_unchanged() -> None:
    """Before --from (2027-01-01) the base's values and sources are in force."""
    base = load_rules("431022")
    changed = overlay(base, ["dibao.standard.rural=420/month"], dt.date(2027, 1, 1))
    before = changed.at(dt.date(2026, 12, 31))["dibao.standard.rural"]
    assert before.value == 4560
    assert before.since == dt.date(2022, 1, 1)
    assert before.source.provisional is True
    assert before.source.note_in("en") == CARRIED_NOTE
    sourced = changed.at(dt.date(2021, 6, 1))["dibao.standard.rural"]
    assert sourced.value == 4560
    assert sourced.source.id == "yizhang-news-2022"
    # every value in force on 2026-12-31 is the base's (the digest differs: it names the set)
    assert changed.at(dt.date(2026, 12, 31)).params == base.at(dt.date(2026, 12, 31)).params


def test_overlay_without_date_applies_on_every_date() -> None:
    """With no --from the change is in force on every date, even 2021."""
    changed = overlay(load_rules("431022"), ["dibao.standard.rural=420/month"], None)
    assert changed.at(dt.date(2021, 6, 1)).value("dibao.standard.rural") == 5040


def test_overlay_values_provisional_with_set_note() -> None:
    """A --set value is provisional, with the note 'set on the command line: KEY=VALUE'
    (命令行设定：KEY=VALUE in Chinese)."""
    changed = overlay(
        load_rules("431022"),
        ["dibao.standard.rural=420/month", "dibao.edge_multiplier=1.6"],
        dt.date(2027, 1, 1),
    )
    on = changed.at(dt.date(2027, 1, 15))
    for key, setting in (
        ("dibao.standard.rural", "dibao.standard.rural=420/month"),
        ("dibao.edge_multiplier", "dibao.edge_multiplier=1.6"),
    ):
        source = on[key].source
        assert source.provisional is True, key
        assert source.id is None, key
        assert source.note_in("en") == f"set on the command line: {setting}", key
        assert source.note_in("zh") == f"命令行设定：{setting}", key
    assert on.value("dibao.edge_multiplier") == Decimal("1.6")


def test_overlay_leaves_base_untouched() -> None:
    """overlay() returns a new rule set; the base still has 4560 a year in 2027."""
    base = load_rules("431022")
    overlay(base, ["dibao.standard.rural=420/month"], dt.date(2027, 1, 1))
    assert base.at(dt.date(2027, 1, 15)).value("dibao.standard.rural") == 4560


def test_overlay_on_a_proposal_file() -> None:
    """A --set on top of the proposal changes another key and keeps the proposal's 500/month."""
    changed = overlay(load_rules(STANDARD_RISE), ["dibao.edge_multiplier=1.2"], dt.date(2027, 1, 1))
    on = changed.at(dt.date(2027, 1, 15))
    assert on.value("dibao.standard.rural") == 6000  # 500 × 12
    assert on["dibao.standard.rural"].source.note_in("en") == PROPOSAL_NOTE


@pytest.mark.parametrize(
    ("setting", "loc"),
    [
        ("dibao.standard.rurall=420", "dibao.standard.rurall"),
        ("dibao.standard.rural=abc", "dibao.standard.rural"),
        ("dibao.standard.rural=420.001/month", "dibao.standard.rural"),
        ("dibao.edge_multiplier=true", "dibao.edge_multiplier"),
    ],
)
def test_overlay_bad_setting_names_key(setting: str, loc: str) -> None:
    """An unknown key or a value of the wrong type is a RuleFileError at the key."""
    with pytest.raises(RuleFileError) as info:
        overlay(load_rules("431022"), [setting], dt.date(2027, 1, 1))
    # The key, and the change as the user wrote it.
    assert [p.loc for p in info.value.problems] == [f"{loc} (--set {setting})"], str(info.value)
    assert info.value.path == "--set"


def test_overlay_not_key_value_refused() -> None:
    """A setting without '=' is refused as 'expected KEY=VALUE'."""
    with pytest.raises(RuleFileError) as info:
        overlay(load_rules("431022"), ["dibao.standard.rural"], None)
    assert info.value.problems[0].msg == "expected KEY=VALUE"


def test_rules_new_never_overwrites_unless_forced(tmp_path: Path) -> None:
    """-o onto an existing file refuses (exit 1, the file untouched); --force replaces it."""
    path = tmp_path / "431021-guiyang.yaml"
    path.write_text("precious\n", encoding="utf-8")
    args = ("rules", "new", "431021", "--extends", "431000", "--name", "桂阳县", "-o", path)
    result = run(*args)
    assert result.exit_code == 1
    assert "431021-guiyang.yaml: the file exists" in result.stderr
    assert path.read_text(encoding="utf-8") == "precious\n"
    assert run(*args, "--force").exit_code == 0
    assert 'id: "431021"' in path.read_text(encoding="utf-8")


def test_rules_new_into_a_missing_folder_is_a_message(tmp_path: Path) -> None:
    """-o into a folder that does not exist: exit 1 naming the file, not a traceback."""
    path = tmp_path / "no-such-folder" / "x.yaml"
    result = run("rules", "new", "431021", "--extends", "431000", "--name", "桂阳县", "-o", path)
    assert result.exit_code == 1
    assert "x.yaml: cannot write the output" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "通过 {file}：规则集 431022（000000 → 430000 → 431000 → 431022），"),
        ("en", "ok {file}: rule set 431022 (000000 → 430000 → 431000 → 431022), "),
    ],
)
def test_rules_validate_says_ok_in_the_users_language(lang: str, said: str) -> None:
    """A good rule file: one line naming it, its chain, how many keys and provisional
    values (the review of issue 15 found it English under --lang zh)."""
    file = "rules/431022-yizhang.yaml"
    result = CliRunner().invoke(
        cli, ["rules", "validate", str(ROOT / file), "--lang", lang], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert said.format(file=ROOT / file) in result.stdout
