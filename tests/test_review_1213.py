"""Defects a reviewer found in issues 12 and 13, each with the rule file or change that
showed it; every expected figure or line is worked by hand in the test."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from meanstest.errors import RuleFileError
from meanstest.ruleset.amounts import Share
from meanstest.ruleset.load import load_rules, overlay

# A county on the shipped Hunan rules: standards 500 a month in both areas (provisional).
HEAD = """schema: meanstest.rules/1
id: "990900"
name: {zh: 测试县, en: Test County}
level: county
extends: "430000"
parameters:
  dibao.standard.urban:
    description: {zh: 城市低保标准, en: Urban standard}
    unit: yuan/month
    values:
      - {from: 2025-01-01, value: 800, provisional: true, note: test}
  dibao.standard.rural:
    description: {zh: 农村低保标准, en: Rural standard}
    unit: yuan/month
    values:
      - {from: 2025-01-01, value: 500, provisional: true, note: test}
"""  # 16 lines

GROUP = """  classified.groups.alone:
    description: {zh: 独居, en: living alone}
    values:
      - {from: 2025-01-01, provisional: true, note: t, value: {members: {living_alone: true},
         top_up: {amount: 50, unit: yuan/month}}}
"""  # the group's value on line 16 + 4 = 20


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "990900-test.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _refused(path: Path) -> RuleFileError:
    with pytest.raises(RuleFileError) as caught:
        load_rules(path)
    return caught.value


# ------------------------------------------------------------ 1. groups need combine


def test_groups_without_combine_are_a_load_error_at_the_group_line(tmp_path: Path) -> None:
    """Hunan and the national rules have no `classified.combine`: a county that adds a
    group and no combine rule is refused on load, at the line of the group's value
    (header 16 lines + 4 = line 20), in its own file."""
    path = _write(tmp_path, HEAD + GROUP)
    error = _refused(path)
    assert error.path == str(path)
    [problem] = error.problems
    assert (problem.code, problem.loc, problem.line) == (
        "group_needs_combine",
        "parameters.classified.groups.alone",
        20,
    )


def test_groups_with_combine_load(tmp_path: Path) -> None:
    """The same file with `classified.combine: highest` loads; the top-up is 50 × 12 =
    600 a year."""
    combine = """  classified.combine:
    description: {zh: 多类别合并, en: combine}
    values: [{from: 2025-01-01, value: highest, provisional: true, note: t}]
"""
    rules = load_rules(_write(tmp_path, HEAD + GROUP + combine))
    entry = rules.series["classified.groups.alone"].at(dt.date(2025, 6, 1))
    assert entry is not None


def test_groups_combine_starting_later_is_a_load_error(tmp_path: Path) -> None:
    """A combine rule from 2026 leaves the group's 2025 value without one: refused."""
    combine = """  classified.combine:
    description: {zh: 多类别合并, en: combine}
    values: [{from: 2026-01-01, value: highest, provisional: true, note: t}]
"""
    error = _refused(_write(tmp_path, HEAD + GROUP + combine))
    assert [p.code for p in error.problems] == ["group_needs_combine"]


# ------------------------------------------------------------ 2. --set takes every unit


@pytest.mark.parametrize(
    ("setting", "key", "value", "unit"),
    [
        # 0.2 of the standard per person: a share, kept as the ratio 0.2 of `standard`.
        (
            "benefit.minimum.per_person=0.2 share of standard",
            "benefit.minimum.per_person",
            Share(Decimal("0.2"), "standard"),
            "share of standard",
        ),
        # 1/5 is the exact decimal 0.2.
        (
            "benefit.minimum.per_person=1/5 share of standard",
            "benefit.minimum.per_person",
            Share(Decimal("0.2"), "standard"),
            "share of standard",
        ),
        # Hunan's maximum is 6 × the standard; 8 × as a proposal.
        (
            "temporary.amount.maximum=8 share of standard",
            "temporary.amount.maximum",
            Share(Decimal(8), "standard"),
            "share of standard",
        ),
        # 500 a month = 6,000 a year, however the month is written.
        (
            "dibao.standard.rural=500 yuan/month",
            "dibao.standard.rural",
            Decimal(6000),
            "yuan/month",
        ),
        ("dibao.standard.rural=500/month", "dibao.standard.rural", Decimal(6000), "yuan/month"),
        ("dibao.standard.rural=6000 yuan/year", "dibao.standard.rural", Decimal(6000), "yuan/year"),
    ],
)
def test_set_takes_every_unit_a_rule_file_takes(
    setting: str, key: str, value: object, unit: str
) -> None:
    """`--set` reads `N/month`, `N yuan/month`, `N yuan/year` and `N share of BASE`."""
    changed = overlay(load_rules("431022"), [setting], dt.date(2027, 1, 1))
    entry = changed.series[key].at(dt.date(2027, 1, 1))
    assert entry is not None
    assert (entry.value, changed.series[key].unit) == (value, unit)


@pytest.mark.parametrize(
    ("setting", "code"),
    [
        # A standard is money, never a share.
        ("dibao.standard.rural=0.2 share of standard", "unit_not_allowed"),
        # temporary.amount.maximum may be a share of the standard only.
        ("temporary.amount.maximum=8 share of minimum_wage", "unit_not_allowed"),
        ("temporary.amount.maximum=abc", "share_expected"),
    ],
)
def test_set_unit_errors_name_the_set_text(setting: str, code: str) -> None:
    """A unit the key does not take is refused by the rule file's checker, and the
    problem names the `--set` text as written."""
    with pytest.raises(RuleFileError) as caught:
        overlay(load_rules("431022"), [setting], dt.date(2027, 1, 1))
    [problem] = caught.value.problems
    assert problem.code == code
    assert f"(--set {setting})" in problem.loc


# ------------------------------------------------------------ 3. temporary minimum ≤ maximum


def test_temporary_minimum_above_maximum_is_a_load_error(tmp_path: Path) -> None:
    """Hunan's maximum is 6 × the standard (430000-hunan.yaml); a county minimum of 8 ×
    is above it: refused at the county's line (16 + 3 = 19), naming both keys."""
    minimum = """  temporary.amount.minimum:
    unit: share of standard
    values: [{from: 2025-01-01, value: 8, provisional: true, note: t}]
"""
    error = _refused(_write(tmp_path, HEAD + minimum))
    [problem] = error.problems
    assert (problem.code, problem.line) == ("minimum_above_maximum", 19)
    assert (problem.params["minimum"], problem.params["maximum"]) == (
        "temporary.amount.minimum",
        "temporary.amount.maximum",
    )
    assert problem.params["high_file"] == "430000-hunan.yaml"


def test_temporary_minimum_equal_to_maximum_loads(tmp_path: Path) -> None:
    """A minimum of 6 × equals Hunan's maximum 6 ×: not above it, so it loads."""
    minimum = """  temporary.amount.minimum:
    unit: share of standard
    values: [{from: 2025-01-01, value: 6, provisional: true, note: t}]
"""
    rules = load_rules(_write(tmp_path, HEAD + minimum))
    assert rules.series["temporary.amount.minimum"].unit == "share of standard"


# ------------------------------------------------------------ 4. a provisional value says why


@pytest.mark.parametrize("note", ["", ', note: ""', ", note: '  '"])
def test_provisional_without_a_note_is_refused_at_its_line(tmp_path: Path, note: str) -> None:
    """`provisional: true` with no note, or an empty one, is refused at the value's line
    (16 + 3 = 19): the docs require a note saying where the figure comes from."""
    text = (
        HEAD
        + f"""  dibao.edge_multiplier:
    values:
      - {{from: 2025-01-01, value: 1.5, provisional: true{note}}}
"""
    )
    error = _refused(_write(tmp_path, text))
    [problem] = error.problems
    assert (problem.code, problem.line) == ("provisional_needs_note", 19)


def test_every_shipped_and_example_rule_file_has_its_notes() -> None:
    """The shipped rules, examples and proposals still load with the note required."""
    root = Path(__file__).parent.parent
    files = [
        *(root / "rules").glob("*.yaml"),
        *(root / "examples" / "rules").glob("*.yaml"),
        *(root / "examples" / "proposals").glob("*.yaml"),
    ]
    assert len(files) >= 7  # 4 shipped, 3+ examples
    for path in files:
        load_rules(path)


# ------------------------------------------------------------ 5. a unit only where it fits


@pytest.mark.parametrize(
    ("key", "unit", "value"),
    [
        ("single_person.enabled", "yuan/month", "true"),  # a yes/no in yuan
        ("single_person.enabled", "days", "true"),  # a yes/no has no unit at all
        ("phase_out.months", "yuan/year", "6"),  # a count of months in yuan
    ],
)
def test_unit_on_a_key_that_is_not_an_amount_is_refused(
    tmp_path: Path, key: str, unit: str, value: str
) -> None:
    """The unit line is the key's third (16 + 3 = 19)."""
    text = (
        HEAD
        + f"""  {key}:
    description: {{zh: 测试, en: test}}
    unit: {unit}
    values: [{{from: 2025-01-01, value: {value}, provisional: true, note: t}}]
"""
    )
    error = _refused(_write(tmp_path, text))
    [problem] = error.problems
    assert (problem.code, problem.loc, problem.line) == (
        "unit_not_an_amount",
        f"parameters.{key}.unit",
        19,
    )


def test_a_count_may_say_what_it_counts(tmp_path: Path) -> None:
    """`unit: months` on a count (as the national file writes phase_out.months) loads."""
    text = (
        HEAD
        + """  phase_out.months:
    unit: months
    values: [{from: 2025-01-01, value: 3, provisional: true, note: t}]
"""
    )
    rules = load_rules(_write(tmp_path, text))
    assert rules.series["phase_out.months"].unit == "months"


# ------------------------------------------------------------ 6. a failing check has a line


def test_failing_check_names_the_line_of_the_value_that_breaks_it(tmp_path: Path) -> None:
    """A sourced rural standard of 300 a month from 2025 is below Hunan's 2025 minimum of
    485 (430000-hunan.yaml, `dibao.standard.rural >= dibao.floor.rural`): an error, at
    the line of the county's value (line 17 below), in the county's own file."""
    text = """schema: meanstest.rules/1
id: "990900"
name: {zh: 测试县, en: Test County}
level: county
extends: "430000"
sources:
  t: {title: 测试文件}
parameters:
  dibao.standard.urban:
    description: {zh: 城市低保标准, en: Urban standard}
    unit: yuan/month
    values: [{from: 2025-01-01, value: 800, provisional: true, note: t}]
  dibao.standard.rural:
    description: {zh: 农村低保标准, en: Rural standard}
    unit: yuan/month
    values:
      - {from: 2025-01-01, value: 300, source: t}
"""
    error = _refused(_write(tmp_path, text))
    assert error.code == "checks_broken"
    [problem] = error.problems
    assert (problem.code, problem.line) == ("check_fails", 17)
    assert problem.loc.startswith("checks.")
    assert "(" not in problem.loc


# ------------------------------------------------------------ 7/8. the guide's examples load

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
SKIP = "<!-- not a rule file"
_SOURCE = re.compile(r"source: ([A-Za-z0-9_-]+)")


def _guide_blocks() -> list[tuple[int, str]]:
    """Every ```yaml block of docs/rules.md not marked `<!-- not a rule file ... -->` just
    before it, with its line."""
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    out: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if line != "```yaml":
            continue
        before = "\n".join(lines[max(0, i - 3) : i])
        end = lines.index("```", i + 1)
        if SKIP not in before:
            out.append((i + 1, "\n".join(lines[i + 1 : end]) + "\n"))
    return out


def _as_rule_file(block: str, i: int) -> str:
    """A block as a whole rule file over Yizhang's rules: a whole file as it is, top-level
    sections (`parameters:`, `checks:`, ...) under a header, an indented key or check
    under its section; every source it cites declared."""
    if block.startswith("schema:"):
        return block
    sources = "".join(f"  {s}: {{title: {s}}}\n" for s in sorted(set(_SOURCE.findall(block))))
    head = (
        f"schema: meanstest.rules/1\nid: guide-{i}\nname: {{zh: 示例, en: Example}}\n"
        f'level: proposal\nextends: "431022"\n' + (f"sources:\n{sources}" if sources else "")
    )
    if block.startswith("  - id:"):
        return head + "checks:\n" + block
    if block.startswith("  "):
        return head + "parameters:\n" + block
    return head + block


def test_guide_has_the_blocks_the_review_found() -> None:
    """The blocks the reviewer found not loading are among those loaded: the rent cap
    (an unquoted note with a comma) and rigid.expenditure_ratio (a new key without its
    description)."""
    blocks = "".join(b for _, b in _guide_blocks())
    assert "deduction.rent.cap.per_household" in blocks
    assert "rigid.expenditure_ratio" in blocks
    assert len(_guide_blocks()) >= 14


@pytest.mark.parametrize(("line", "block"), _guide_blocks(), ids=lambda v: str(v)[:20])
def test_guide_yaml_block_loads(tmp_path: Path, line: int, block: str) -> None:
    """Every YAML block of the guide not marked as something else loads as a rule file
    (on top of Yizhang's rules), so the guide never shows a file that would not load."""
    path = tmp_path / f"guide-{line}.yaml"
    path.write_text(_as_rule_file(block, line), encoding="utf-8")
    load_rules(path)


# ------------------------------------------------------------ 11. 特困: no per-capita income


def _tekun_household(tmp_path: Path) -> Path:
    """YZ-2026-0034 of the shipped caseload: one 特困 member living alone, 286 a month of
    support received counted (439 gross − 153 exempt pension)."""
    roll = Path(__file__).resolve().parent.parent / "examples" / "caseload"
    line = next(
        x
        for x in (roll / "yizhang-caseload.jsonl").read_text(encoding="utf-8").splitlines()
        if '"YZ-2026-0034"' in x
    )
    path = tmp_path / "tekun.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    return path


def test_tekun_household_has_no_per_capita_income_in_json_csv_and_table(tmp_path: Path) -> None:
    """The guide says a 特困 household shows no per-capita income: JSON null (its
    counted 286.00 stays), CSV blank, no table line; before, per capita was 0.00."""
    from click.testing import CliRunner

    from meanstest.cli import cli

    path = _tekun_household(tmp_path)
    env = {"LANG": None, "LC_ALL": None}
    out = CliRunner().invoke(
        cli, ["batch", str(path), "--on", "2027-01-15", "--lang", "en"], env=env
    )
    assert out.exit_code == 0, out.stderr
    record = json.loads(out.stdout)
    assert record["status"] == "tekun"
    assert record["income"]["counted_monthly"] == "286.00"
    assert record["income"]["per_capita_monthly"] is None
    full = CliRunner().invoke(
        cli, ["batch", str(path), "--on", "2027-01-15", "--detail", "full", "--lang", "en"], env=env
    )
    assert json.loads(full.stdout)["income"]["per_capita_monthly"] is None
    parquet = tmp_path / "out.parquet"
    written = CliRunner().invoke(
        cli, ["batch", str(path), "--on", "2027-01-15", "-o", str(parquet), "--lang", "en"], env=env
    )
    assert written.exit_code == 0, written.stderr
    import pyarrow.parquet as pq

    assert pq.read_table(parquet).column("per_capita_monthly").to_pylist() == [None]
    csv_out = CliRunner().invoke(
        cli, ["batch", str(path), "--on", "2027-01-15", "--format", "csv", "--lang", "en"], env=env
    )
    header, row = list(csv.reader(io.StringIO(csv_out.stdout)))[:2]
    assert row[header.index("per_capita_monthly")] == ""
    table = CliRunner().invoke(
        cli,
        ["check", str(path), "--id", "YZ-2026-0034", "--on", "2027-01-15", "--lang", "en"],
        env=env,
    )
    assert table.exit_code == 0, table.stderr
    assert "Per-capita" not in table.stdout
    assert "per capita" not in table.stdout.lower()


# ------------------------------------------------------------ 12. area checks warn for the area


def test_rural_household_is_warned_once_for_tekun_basic(tmp_path: Path) -> None:
    """特困 basic 5,100 a year is below 1.3 × the rural standard 380 (1.3 × 380 × 12 =
    5,928) and below 1.3 × the urban 800 (12,480): Hunan's check is written per area, so
    a rural 特困 elder gets one below_minimum warning for tekun.basic, the rural one."""
    from meanstest.engine import assess
    from meanstest.model.household import parse_household

    tekun = """  tekun.basic:
    description: {zh: 特困基本, en: tekun basic}
    unit: yuan/year
    values:
      - {from: 2025-01-01, value: 5100, provisional: true, note: test}
"""
    rules = load_rules(_write(tmp_path, HEAD.replace("value: 500", "value: 380") + tekun))
    household = parse_household(
        {
            "area": "rural",
            "members": [
                {
                    "id": "p1",
                    "relation": "applicant",
                    "age": 72,
                    "employment": "unable",
                    "supporters": [],
                }
            ],
            "incomes": [],
        }
    )
    result = assess(household, rules.at(dt.date(2025, 6, 1)))
    assert result.status == "tekun"
    warned = [w for w in result.warnings if w.code == "below_minimum" and w.key == "tekun.basic"]
    assert len(warned) == 1
    assert "dibao.standard.rural" in str(warned[0].params["check"])


# ------------------------------------------------------------ 13. an ended phase-out pays nothing


def test_phase_out_stopped_at_the_ceiling_shows_no_payment_in_json() -> None:
    """The `blocks_thresholds` ladder fixture: standard 380, ceiling 1.5 × (570). A
    one-person dibao household (paid 380) now earns 760 = 2 × 380 ≥ 570: phase-out is
    stopped, status not_eligible, so the JSON says ended (by the ceiling) and pays 0.00
    under phase-out, as its benefit_monthly 0.00 says; before, it showed 380.00."""
    from test_rule_blocks import _renewal, run

    from meanstest.render.json import to_json

    record = to_json(run(_renewal("760"), "blocks_thresholds"))
    assert record["status"] == "not_eligible"
    assert record["benefit_monthly"] == "0.00"
    assert record["phase_out"] is not None
    assert record["phase_out"]["ended"] is True
    assert record["phase_out"]["ended_by"] == "ceiling"
    assert record["phase_out"]["monthly_benefit"] == "0.00"


def test_phase_out_running_shows_its_payment_and_no_ended_by() -> None:
    """Per capita 456 = 1.2 × 380, below the ceiling 570: phase-out pays the 380 it paid,
    not ended, no `ended_by`."""
    from test_rule_blocks import _renewal, run

    from meanstest.render.json import to_json

    record = to_json(run(_renewal("456"), "blocks_thresholds"))
    assert record["phase_out"] is not None
    assert (record["status"], record["phase_out"]["monthly_benefit"]) == ("phase_out", "380.00")
    assert record["phase_out"]["ended"] is False
    assert "ended_by" not in record["phase_out"]


# ------------------------------------------------------------ 14. --lang on every rules command


def test_every_rules_subcommand_takes_lang() -> None:
    """list, show, validate, diff and new all take the shared --lang option."""
    import click

    from meanstest.cli.rules import rules

    assert isinstance(rules, click.Group)
    for name, command in rules.commands.items():
        options = {o for p in command.params for o in p.opts}
        assert "--lang" in options, name


def test_rules_validate_speaks_chinese_with_lang_zh(tmp_path: Path) -> None:
    """`rules validate FILE --lang zh` gives the groups error in Chinese."""
    from click.testing import CliRunner

    from meanstest.cli import cli

    path = _write(tmp_path, HEAD + GROUP)
    result = CliRunner().invoke(
        cli, ["rules", "validate", str(path), "--lang", "zh"], env={"LANG": None, "LC_ALL": None}
    )
    assert result.exit_code == 1
    assert "规则文件无效" in result.stderr
    assert "classified.combine" in result.stderr


# ------------------------------------------------------------ 15. the path as given


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # YAML: the mapping on line 3 is never closed.
        ('schema: meanstest.rules/1\nid: "990900"\nname: {zh: a, en: b\n', "yaml_invalid"),
        # pydantic: `parameters` is a list, not a mapping.
        (
            'schema: meanstest.rules/1\nid: "990900"\nname: {zh: a, en: b}\nlevel: county\n'
            'extends: "430000"\nparameters: []\n',
            "rule_file_invalid",
        ),
        # an undeclared source.
        (
            'schema: meanstest.rules/1\nid: "990900"\nname: {zh: a, en: b}\nlevel: county\n'
            'extends: "430000"\nparameters:\n  dibao.edge_multiplier:\n'
            "    values: [{from: 2025-01-01, value: 1.5, source: nope}]\n",
            "rule_file_invalid",
        ),
    ],
)
def test_rule_file_errors_name_the_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, code: str
) -> None:
    """A file given as `sub/990900-test.yaml` is named so in every kind of error, never
    as the absolute path."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "990900-test.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RuleFileError) as caught:
        load_rules("sub/990900-test.yaml")
    assert (caught.value.code, caught.value.path) == (code, "sub/990900-test.yaml")


# ------------------------------------------------------------ zh: choices joined the Chinese way


def test_chinese_enum_errors_join_choices_with_dun_and_huo(tmp_path: Path) -> None:
    """Under --lang zh a wrong `comparison` lists the four choices with 、 and 或, not
    English commas and "or"; the English message keeps pydantic's wording."""
    from meanstest.render.errors import problem_message

    text = (
        HEAD
        + """  dibao.edge_multiplier:
    comparison: bogus
    values: [{from: 2025-01-01, value: 1.5, provisional: true, note: t}]
"""
    )
    error = _refused(_write(tmp_path, text))
    [problem] = error.problems
    assert problem_message(problem, "zh") == ("应为 'below'、'not_above'、'above' 或 'not_below'")
    assert problem_message(problem, "en") == (
        "Input should be 'below', 'not_above', 'above' or 'not_below'"
    )


def test_chinese_hardship_type_error_uses_huo(tmp_path: Path) -> None:
    """A household's hardship type `bogus` under --lang zh: 应为 'emergency'（急难型） 或
    'expenditure'（支出型） (each code with its Chinese word, review of issue 15)."""
    from click.testing import CliRunner

    from meanstest.cli import cli

    example = Path(__file__).resolve().parent.parent / "examples" / "temporary"
    data = json.loads((example / "yizhang-house-fire.json").read_text(encoding="utf-8"))
    data["hardship"]["type"] = "bogus"
    path = tmp_path / "h.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["check", str(path), "--lang", "zh"], env={"LANG": None, "LC_ALL": None}
    )
    assert result.exit_code == 1
    assert "hardship.type：应为 'emergency'（急难型） 或 'expenditure'（支出型）" in result.stderr
