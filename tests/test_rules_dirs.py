"""Tests of a county's own rule files: found by region and by `extends` in the directories
a user names (`--rules-dir`, `MEANSTEST_RULES_DIR`), before the shipped rules; listed
with where they come from; cached by everything that decides their resolution; and
checked by `rules validate` for dates on which they cannot assess anyone.

The county is the one a policy officer starts with `meanstest rules new 431021 --extends
431000 --name 桂阳县 --on 2026-01-01 -o DIR/431021-guiyang.yaml`: every value copied from
Chenzhou (431000) as a provisional placeholder, the dibao standards left as commented
templates. Filled in here with a rural standard of 6000 yuan a year (500 a month) from
2026-01-01, at or above Hunan's minimum of 485 a month (5820 a year) from 2025.

The household (region 431021, rural, assessed 2026-03-01): two adults of working age,
one earning 600 a month, no assets, no deductions. Per capita 600 ÷ 2 = 300 < 500:
dibao, benefit 500 × 2 − 600 = 400.00.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import RULES

from meanstest.api import assess_file
from meanstest.cli import Environment, cli
from meanstest.errors import RuleFileError, UnknownRuleSet
from meanstest.ruleset.load import RuleLibrary, load_rules

TODAY = dt.date(2026, 3, 1)
HOUSEHOLD: dict[str, Any] = {
    "id": "GY-2026-0001",
    "region": "431021",
    "area": "rural",
    "assessed_on": "2026-03-01",
    "members": [
        {"id": "p1", "relation": "applicant", "birth_date": "1980-01-01"},
        {"id": "p2", "relation": "spouse", "birth_date": "1982-01-01"},
    ],
    "incomes": [{"member": "p1", "type": "wage", "amount": "600", "per": "month"}],
}
# What `rules new` writes for the rural standard, and the same filled in by the officer.
TEMPLATE = (
    "  # dibao.standard.rural:\n"
    "  #   description: {zh: 农村低保标准, en: Rural dibao standard}\n"
    "  #   unit: yuan/year\n  #   values:\n"
    "  #     - {from: 2026-01-01, value: ..., source: ...}\n"
)
FILLED = (
    "  dibao.standard.rural:\n"
    "    description: {zh: 农村低保标准, en: Rural dibao standard}\n"
    "    unit: yuan/year\n    values:\n"
    "      - {from: 2026-01-01, value: 6000, provisional: true, note: a test figure}\n"
)


class _Env(Environment):
    """An Environment over in-memory streams, today fixed at 2026-03-01, in English."""

    def __init__(self) -> None:
        self.out_bytes = io.BytesIO()
        self.err_text = io.StringIO()
        out = io.TextIOWrapper(self.out_bytes, encoding="utf-8", write_through=True)
        super().__init__(
            stdin=io.BytesIO(b""), stdout=out, stderr=self.err_text, today=TODAY, lang="en"
        )

    @property
    def out(self) -> str:
        """What the command wrote on stdout."""
        return self.out_bytes.getvalue().decode("utf-8")


def run(
    *args: object, env: dict[str, str | None] | None = None, obj: Environment | None = None
) -> Result:
    """Run the command line with no MEANSTEST_RULES_DIR unless ``env`` gives one."""
    return CliRunner().invoke(
        cli,
        [str(a) for a in args],
        obj=obj,
        env={
            "MEANSTEST_RULES_DIR": None,
            "LANG": None,
            "LC_ALL": None,
            "COLUMNS": "200",
            **(env or {}),
        },
    )


def _new_county(directory: Path, *, fill: bool = True) -> Path:
    """`rules new 431021` into ``directory``, its rural standard filled in (or not)."""
    path = directory / "431021-guiyang.yaml"
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
        "--on",
        "2026-01-01",
        "-o",
        path,
    )
    assert result.exit_code == 0, (result.output, result.exception)
    if fill:
        text = path.read_text(encoding="utf-8")
        assert TEMPLATE in text
        path.write_text(text.replace(TEMPLATE, FILLED), encoding="utf-8")
    return path


@pytest.fixture
def county_dir(tmp_path: Path) -> Path:
    """A user's rules directory holding the filled-in 431021 file."""
    directory = tmp_path / "rules"
    directory.mkdir()
    _new_county(directory)
    return directory


@pytest.fixture
def household(tmp_path: Path) -> Path:
    """The 431021 household file."""
    path = tmp_path / "guiyang.json"
    path.write_text(json.dumps(HOUSEHOLD, ensure_ascii=False), encoding="utf-8")
    return path


# ------------------------------------------------------------------ found by region


def test_county_not_found_without_its_directory_says_how(county_dir: Path, household: Path) -> None:
    """Without --rules-dir the region 431021 names no rule file: exit 1, and the message
    says where a county's own files go."""
    result = run("check", household)
    assert result.exit_code == 1
    assert "no rule file has the id '431021'" in result.stderr
    assert "--rules-dir or MEANSTEST_RULES_DIR" in result.stderr


def test_county_found_by_region_with_rules_dir(county_dir: Path, household: Path) -> None:
    """With --rules-dir the household's region finds the county: dibao, 400.00 a month."""
    result = run("check", household, "--rules-dir", county_dir, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["rules"]["id"] == "431021"
    assert (data["status"], data["benefit_monthly"]) == ("dibao", "400.00")


def test_county_found_by_region_with_the_environment_variable(
    county_dir: Path, household: Path
) -> None:
    """MEANSTEST_RULES_DIR does what --rules-dir does."""
    result = run(
        "check", household, "--format", "json", env={"MEANSTEST_RULES_DIR": str(county_dir)}
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["benefit_monthly"] == "400.00"


def test_environment_variable_holds_several_directories(
    county_dir: Path, household: Path, tmp_path: Path
) -> None:
    """MEANSTEST_RULES_DIR may name several directories, joined by the path separator."""
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(
        "check",
        household,
        "--format",
        "json",
        env={"MEANSTEST_RULES_DIR": os.pathsep.join([str(empty), str(county_dir)])},
    )
    assert result.exit_code == 0, result.stderr


def test_rules_dir_that_does_not_exist_is_a_usage_error(household: Path, tmp_path: Path) -> None:
    """--rules-dir naming no directory: exit 2, naming the option."""
    result = run("check", household, "--rules-dir", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "--rules-dir" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["check", "HOUSEHOLD", "--rules", "431021"],
        ["batch", "HOUSEHOLD_LINE", "--rules", "431021", "-q"],
        ["batch", "HOUSEHOLD_LINE", "--jobs", "2", "-q"],  # by region, in worker processes
        ["compare", "HOUSEHOLD_LINE", "--set", "dibao.edge_multiplier=1.2", "--format", "json"],
        ["rules", "show", "431021", "--on", "2026-03-01", "--format", "json"],
        ["rules", "diff", "431021", "431022", "--on", "2026-03-01", "--format", "json"],
        ["rules", "new", "431029", "--extends", "431021", "--name", "某县"],
    ],
)
def test_every_command_that_loads_rules_takes_rules_dir(
    command: list[str], county_dir: Path, household: Path, tmp_path: Path
) -> None:
    """check, batch, compare and rules show/diff/new find 431021 by id with --rules-dir
    (and fail without it)."""
    line = tmp_path / "roll.jsonl"
    line.write_text(json.dumps(HOUSEHOLD, ensure_ascii=False) + "\n", encoding="utf-8")
    args = [
        str(household) if a == "HOUSEHOLD" else str(line) if a == "HOUSEHOLD_LINE" else a
        for a in command
    ]
    without = run(*args)
    result = run(*args, "--rules-dir", county_dir)
    assert result.exit_code == 0, (result.stderr, result.exception)
    if command[0] == "compare":  # a household whose rules are not found is an error row
        assert json.loads(without.stdout)["errors"] == 1
        assert json.loads(result.stdout)["errors"] == 0
    elif "--jobs" in command:  # likewise in batch, exit 3
        assert without.exit_code == 3
        assert json.loads(without.stdout)["schema"] == "meanstest.error/1"
        assert json.loads(result.stdout)["benefit_monthly"] == "400.00"
    else:
        assert without.exit_code == 1, without.output
        assert "no rule file has the id '431021'" in without.stderr


def test_rule_tests_find_the_county_by_id(county_dir: Path, tmp_path: Path) -> None:
    """`meanstest test --rules-dir DIR CASES` runs a case naming rules 431021 by id."""
    cases = tmp_path / "431021-cases.yaml"
    cases.write_text(
        f"""- name: Two adults, one earning 600 a month, get 500 × 2 − 600 = 400.00
  rules: "431021"
  on: 2026-03-01
  household: {json.dumps(HOUSEHOLD, ensure_ascii=False)}
  expect: {{status: dibao, benefit_monthly: "400.00"}}
""",
        encoding="utf-8",
    )
    assert run("test", cases).exit_code == 1
    result = run("test", cases, "--rules-dir", county_dir)
    assert result.exit_code == 0, result.output
    assert "1 passed, 0 failed" in result.stdout


def test_library_takes_rules_dirs(county_dir: Path, household: Path) -> None:
    """assess_file(..., rules_dirs=[DIR]) finds the county as --rules-dir does."""
    assert assess_file(household, rules_dirs=[county_dir]).benefit_monthly == 400


# ------------------------------------------------------------------ found by extends


def _city(directory: Path, city: str, housing: int) -> None:
    """A user's own city file of id ``city``, extending Hunan, with its own housing limit."""
    (directory / f"{city}-city.yaml").write_text(
        f"""schema: meanstest.rules/1
id: "{city}"
name: {{zh: 测试市, en: Test City}}
level: city
extends: "430000"
parameters:
  assets.housing.max_count:
    values:
      - {{from: 2026-01-01, value: {housing}, provisional: true, note: a test figure}}
""",
        encoding="utf-8",
    )


def test_extends_found_in_another_rules_dir(tmp_path: Path) -> None:
    """A county in one directory extends a city kept in another: found when both are
    named, an error at `extends` when the city's directory is not."""
    counties, cities = tmp_path / "counties", tmp_path / "cities"
    counties.mkdir()
    cities.mkdir()
    _city(cities, "431098", housing=2)
    county = _new_county(counties)
    county.write_text(
        county.read_text(encoding="utf-8").replace('extends: "431000"', 'extends: "431098"'),
        encoding="utf-8",
    )
    rules = load_rules("431021", search=[counties, cities])
    assert rules.chain == ("000000", "430000", "431098", "431021")
    with pytest.raises(RuleFileError) as info:
        load_rules("431021", search=[counties])
    assert [p.loc for p in info.value.problems] == ["extends"]
    # `rules validate FILE` looks up what the file extends in --rules-dir too
    assert run("rules", "validate", county).exit_code == 1
    result = run("rules", "validate", county, "--rules-dir", cities)
    assert result.exit_code == 0, result.stderr
    assert "(000000 → 430000 → 431098 → 431021)" in result.stdout


def test_users_city_replaces_the_shipped_one_for_shipped_counties(tmp_path: Path) -> None:
    """A user's own 431000 (Chenzhou) is found first, also when the shipped Yizhang
    extends it: Yizhang's chain goes through the user's file (housing limit 2)."""
    mine = tmp_path / "rules"
    mine.mkdir()
    _city(mine, "431000", housing=2)
    rules = load_rules("431022", search=[mine])
    assert rules.chain == ("000000", "430000", "431000", "431022")
    assert str(mine / "431000-city.yaml") in rules.files
    assert rules.at(dt.date(2026, 3, 1)).value("assets.housing.max_count") == 2
    shipped = load_rules("431022")  # not named: the shipped city, housing limit 1
    assert shipped.at(dt.date(2026, 3, 1)).value("assets.housing.max_count") == 1


# ------------------------------------------------------------------ the cache


def test_cache_keys_on_the_directories_searched(tmp_path: Path) -> None:
    """The same file loaded with and without a user's directory is two cache entries:
    neither is given for the other (the rule cache is on in the tests)."""
    mine = tmp_path / "rules"
    mine.mkdir()
    _city(mine, "431000", housing=2)
    yizhang = RULES / "431022-yizhang.yaml"
    on = dt.date(2026, 3, 1)
    for _ in range(2):  # the second time from the cache
        assert load_rules(yizhang).at(on).value("assets.housing.max_count") == 1
        assert load_rules(yizhang, search=[mine]).at(on).value("assets.housing.max_count") == 2


def test_cache_entry_stale_when_a_user_file_is_removed(tmp_path: Path) -> None:
    """Loaded (and cached) through a user's city file, then the file is removed: the next
    load resolves again, through the shipped city."""
    mine = tmp_path / "rules"
    mine.mkdir()
    _city(mine, "431000", housing=2)
    on = dt.date(2026, 3, 1)
    assert load_rules("431022", search=[mine]).at(on).value("assets.housing.max_count") == 2
    (mine / "431000-city.yaml").unlink()
    assert load_rules("431022", search=[mine]).at(on).value("assets.housing.max_count") == 1


# ------------------------------------------------------------------ rules list


def test_rules_list_says_where_each_rule_set_comes_from(county_dir: Path) -> None:
    """`rules list --rules-dir DIR` lists the user's 431021 from DIR first, then the
    shipped files marked "shipped"."""
    result = run("rules", "list", "--rules-dir", county_dir)
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line[:6].isdigit()]
    assert rows[0].startswith("431021")
    assert str(county_dir.resolve()) in rows[0]
    assert [r.split()[0] for r in rows[1:]] == ["000000", "430000", "431000", "431022"]
    assert all(r.rstrip().endswith("shipped") for r in rows[1:])


def test_rules_list_marks_a_shipped_file_hidden_by_the_user_s(tmp_path: Path) -> None:
    """A user's 431000 is used instead of the shipped one: the shipped row says so."""
    mine = tmp_path / "rules"
    mine.mkdir()
    _city(mine, "431000", housing=2)
    result = run("rules", "list", "--rules-dir", mine)
    assert result.exit_code == 0, result.stderr
    [shipped] = [line for line in result.stdout.splitlines() if "431000-chenzhou.yaml" in line]
    assert "not used: found first is" in shipped
    assert str(mine.resolve() / "431000-city.yaml") in result.stdout


def test_library_files_in_lookup_order(tmp_path: Path) -> None:
    """RuleLibrary.files lists the user's directory first; a repeated id is marked."""
    mine = tmp_path / "rules"
    mine.mkdir()
    _city(mine, "431000", housing=2)
    files = RuleLibrary(search=[mine]).files()
    assert files[0][0].name == "431000-city.yaml"
    hidden = [(p.name, h.name if h else None) for p, _, h in files if h]
    assert hidden == [("431000-chenzhou.yaml", "431000-city.yaml")]


# ------------------------------------------------------------------ rules validate


def test_validate_says_the_new_file_cannot_assess_anything(tmp_path: Path) -> None:
    """The file `rules new` writes, its standards still commented out, loads (ok) but has
    no dibao standard on 2026-01-01 (its values' date) and 2026-03-01 (today): a warning."""
    path = _new_county(tmp_path, fill=False)
    env = _Env()
    result = run("rules", "validate", path, obj=env)
    assert result.exit_code == 0, result.output
    lines = env.out.splitlines()
    assert lines[0].startswith(f"ok {path}: rule set 431021")
    assert lines[1:] == [
        "  warning: on 2026-01-01 and 2026-03-01 no dibao standard is in force "
        "(dibao.standard.rural, dibao.standard.urban): this rule set cannot assess a "
        "household"
    ]


def test_validate_filled_in_file_notes_only_the_missing_urban_standard(county_dir: Path) -> None:
    """With its rural standard filled in, the new county can assess rural households: only
    a note that urban ones cannot be."""
    env = _Env()
    result = run("rules", "validate", county_dir / "431021-guiyang.yaml", obj=env)
    assert result.exit_code == 0, result.output
    assert env.out.splitlines()[1:] == [
        "  note: on 2026-01-01 and 2026-03-01 no urban dibao standard is in force "
        "(dibao.standard.urban): urban households cannot be assessed"
    ]


def test_validate_parent_files_are_only_noted() -> None:
    """Hunan and Chenzhou set no standard: a note that the files extending them must; the
    national baseline, which never has one, is not told."""
    env = _Env()
    result = run(
        "rules", "validate", RULES / "000000-national.yaml", RULES / "431000-chenzhou.yaml", obj=env
    )
    assert result.exit_code == 0, result.output
    lines = env.out.splitlines()
    assert lines[0].startswith("ok ")
    assert lines[1].startswith("ok ")  # nothing said of 000000
    assert lines[2] == (
        "  note: on 2026-03-01 no dibao standard is in force (dibao.standard.rural, "
        "dibao.standard.urban): this rule set cannot assess a household itself; a file "
        "that extends it must give one"
    )


def test_rules_new_says_how_to_find_the_file_by_id(tmp_path: Path) -> None:
    """Writing into a directory not searched, `rules new` says how to use it by id."""
    path = tmp_path / "431021-guiyang.yaml"
    result = run("rules", "new", "431021", "--extends", "431000", "--name", "桂阳县", "-o", path)
    assert result.exit_code == 0
    assert f"give --rules-dir {tmp_path}" in result.stderr
    again = run(
        "rules",
        "new",
        "431021",
        "--extends",
        "431000",
        "--name",
        "桂阳县",
        "-o",
        path,
        "--force",
        "--rules-dir",
        tmp_path,
    )
    assert "--rules-dir" not in again.stderr


def test_unknown_id_names_the_directories_searched(tmp_path: Path) -> None:
    """An id found nowhere: the message names the user's directories searched."""
    with pytest.raises(UnknownRuleSet) as info:
        RuleLibrary(search=[tmp_path]).path_of("431021")
    assert f"(searched: {tmp_path}, then the shipped rules)" in info.value.message


def test_cache_entry_stale_when_a_user_file_is_added(tmp_path: Path) -> None:
    """Loaded (and cached) with an empty user directory, then a city file of id 431000 is
    put there: the next load resolves again, through the user's city (housing limit 2)."""
    mine = tmp_path / "rules"
    mine.mkdir()
    on = dt.date(2026, 3, 1)
    assert load_rules("431022", search=[mine]).at(on).value("assets.housing.max_count") == 1
    _city(mine, "431000", housing=2)
    assert load_rules("431022", search=[mine]).at(on).value("assets.housing.max_count") == 2
