"""Tests of values below a minimum of the rules: Hunan's provincial minimum standards, and
the warning a result carries when it uses a provisional value that fails a check.

Yizhang's rural standard is 4560 yuan a year: sourced for 2021, carried forward
provisionally from 2022-01-01. Hunan's rural minimum (430000-hunan.yaml, secondary
sources, provisional) is 4300 a year from 2021-01-01, 5000 a year from 2023-01-01 and
485 a month (485 × 12 = 5820 a year) from 2025-01-01. So 4560 meets the minimum until
the end of 2022, and is below it from 2023-01-01: the rule set loads (the value is
provisional) and every result that uses the rural standard from then on warns.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, FIXTURES

from meanstest.api import assess_file
from meanstest.cli import cli
from meanstest.errors import RuleFileError
from meanstest.model.contract import validate_assessment
from meanstest.model.result import Assessment, Warning
from meanstest.render.json import to_json, warning_message
from meanstest.render.markdown import render as markdown
from meanstest.ruleset.load import load_rules

WIDOW = EXAMPLES / "yizhang-widow-diabetes.json"  # rural, region 431022
CHECKS = FIXTURES / "rules" / "checks"
URBAN_OK = CHECKS / "urban-monthly-ok.yaml"  # urban 400 a month (provisional) from 2023


def _assess(on: dt.date, rules: str | Path | None = None) -> Assessment:
    return assess_file(WIDOW, rules, on)


def _breaches(a: Assessment) -> list[Warning]:
    return [w for w in a.warnings if w.code == "below_minimum"]


# ------------------------------------------------------------------ the Hunan file


@pytest.mark.parametrize(
    ("on", "urban", "rural"),
    [
        (dt.date(2014, 1, 1), "330 yuan/month", "165 yuan/month"),
        (dt.date(2016, 1, 1), "420 yuan/month", "220 yuan/month"),
        (dt.date(2018, 1, 1), "430 yuan/month", "3200 yuan/year"),  # the lower band of 480/430
        (dt.date(2019, 7, 1), "500 yuan/month", "3700 yuan/year"),
        (dt.date(2020, 11, 1), "550 yuan/month", "3700 yuan/year"),
        (dt.date(2021, 1, 1), "550 yuan/month", "4300 yuan/year"),
        (dt.date(2023, 1, 1), "650 yuan/month", "5000 yuan/year"),
        (dt.date(2025, 1, 1), "740 yuan/month", "485 yuan/month"),
    ],
)
def test_hunan_minimums_by_date_in_their_published_units(
    on: dt.date, urban: str, rural: str
) -> None:
    """Hunan's minimums as policy.md §13.1 gives them, each in the unit it was published in."""
    rules = load_rules("430000").at(on)
    assert rules["dibao.floor.urban"].written == urban
    assert rules["dibao.floor.rural"].written == rural


def test_hunan_minimums_kept_as_exact_yearly_amounts() -> None:
    """165 a month is 1980 a year, 485 a month 5820: compared as yearly amounts."""
    rules = load_rules("430000")
    assert rules.at(dt.date(2014, 1, 1)).value("dibao.floor.rural") == 165 * 12
    assert rules.at(dt.date(2025, 1, 1)).value("dibao.floor.rural") == 485 * 12
    assert rules.at(dt.date(2023, 1, 1)).value("dibao.floor.rural") == 5000


def test_hunan_minimums_provisional_on_secondary_sources() -> None:
    """Every minimum cites a secondary source, stays provisional and has a note."""
    rules = load_rules("430000")
    for key in ("dibao.floor.urban", "dibao.floor.rural"):
        for entry in rules.series[key].entries:
            assert entry.source.provisional, (key, entry.start)
            assert entry.source.kind == "secondary", (key, entry.start)
            assert entry.source.note, (key, entry.start)
            assert entry.level == "province"
    notes = {e.source.note_in("en") for e in rules.series["dibao.floor.rural"].entries}
    assert any("湘民发〔2021〕4号" in (n or "") for n in notes)
    assert any("湘民发〔2014〕2号" in (n or "") for n in notes)


# ------------------------------------------------------------------ warnings in results


def test_result_before_2023_has_no_minimum_warning() -> None:
    """On 2022-06-01 the carried-forward 4560 is above the 4300 minimum: no warning."""
    assert _breaches(_assess(dt.date(2022, 6, 1))) == []


def test_result_2023_warns_below_the_minimum_after_the_provisional_warning() -> None:
    """On 2023-06-01 the rural standard 4560 is below 2023's 5000: a below_minimum warning
    naming the minimum, its date and source, right after the value's own warning."""
    a = _assess(dt.date(2023, 6, 1))
    codes = [(w.code, w.key) for w in a.warnings]
    at = codes.index(("provisional_value", "dibao.standard.rural"))
    assert codes[at + 1] == ("below_minimum", "dibao.standard.rural")
    [warning] = _breaches(a)
    assert dict(warning.params) == {
        "value": "4560 yuan/year",
        "limit": "5000 yuan/year",
        "since": dt.date(2023, 1, 1),
        "check": "dibao.standard.rural >= dibao.floor.rural",
        "level": "province",
    }
    assert warning.source is not None
    assert warning.source.id == "hunan-minimum-2023-report"


def test_result_2026_warns_below_the_monthly_minimum() -> None:
    """On 2026-03-01 the minimum is 485 a month: the warning says so, and its yearly 5820."""
    [warning] = _breaches(_assess(dt.date(2026, 3, 1)))
    assert warning.params["limit"] == "485 yuan/month (= 5820 yuan/year)"
    assert warning.params["since"] == dt.date(2025, 1, 1)


def test_result_warning_sentences_in_both_languages() -> None:
    """The sentence names the key, the value, the minimum, its date, the check and source;
    in Chinese with the units in Chinese (issue 15, point 2: 4560 元/年)."""
    [w] = _breaches(_assess(dt.date(2023, 6, 1)))
    assert warning_message(w.code, w.key, w.source, w.params, "en") == (
        "dibao.standard.rural 4560 yuan/year is below the provincial minimum 5000 yuan/year "
        "in force since 2023-01-01 (check: dibao.standard.rural >= dibao.floor.rural; "
        "source: 县级民政部门问答（2023-09-04）). The value is provisional: confirm it."
    )
    assert warning_message(w.code, w.key, w.source, w.params, "zh") == (
        "dibao.standard.rural 为 4560 元/年，低于自 2023-01-01 起施行的省级最低标准 "
        "5000 元/年（检查：dibao.standard.rural >= dibao.floor.rural；出处：县级民政部门"
        "问答（2023-09-04））。该值为暂定值，请核实。"
    )


def test_result_only_warns_of_values_it_uses() -> None:
    """Under a set whose urban 400 a month (4800 a year) is below Hunan's urban 650 a month,
    a rural household uses only the rural standard: it is warned of that one alone."""
    a = _assess(dt.date(2023, 6, 1), URBAN_OK)
    assert [w.key for w in _breaches(a)] == ["dibao.standard.rural"]


def test_result_json_has_the_limit_and_validates() -> None:
    """The JSON warning carries code, key, the minimum's source, a message and the limit."""
    data = to_json(_assess(dt.date(2023, 6, 1)), "en")
    validate_assessment(json.loads(json.dumps(data)))
    [warning] = [w for w in data["warnings"] if w["code"] == "below_minimum"]
    assert warning["key"] == "dibao.standard.rural"
    assert warning["limit"] == {
        "value": "5000 yuan/year",
        "since": "2023-01-01",
        "check": "dibao.standard.rural >= dibao.floor.rural",
    }
    assert warning["source"] is not None
    assert warning["source"]["kind"] == "secondary"
    assert "4560 yuan/year is below the provincial minimum 5000" in warning["message"]


def test_result_markdown_lists_the_warning() -> None:
    """The Markdown case file lists the sentence among the warnings."""
    text = markdown(_assess(dt.date(2023, 6, 1)), "en")
    assert (
        "- dibao.standard.rural 4560 yuan/year is below the provincial minimum 5000 "
        "yuan/year in force since 2023-01-01"
    ) in text


def test_check_table_lists_the_warning_in_the_warnings() -> None:
    """`check` on 2023-06-01 shows the rule key, the value and the minimum in the table."""
    result = CliRunner().invoke(
        cli, ["check", str(WIDOW), "--on", "2023-06-01", "--lang", "en"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("dibao.standard.rural")]
    assert len(rows) == 2  # provisional, then below the minimum
    assert "4560 yuan/year" in rows[1]
    assert (
        "below the provincial minimum 5000 yuan/year in force since 2023-01-01 "
        "(县级民政部门问答（2023-09-04）)"
    ) in rows[1]


# ------------------------------------------------------------------ rules show


def _show(rule: str, on: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["rules", "show", rule, "--on", on, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_rules_show_json_says_each_value_s_level() -> None:
    """Each value says the level it came from: national, province, county (and proposal)."""
    values = _show("431022", "2023-06-01")["values"]
    assert isinstance(values, dict)
    assert values["dibao.edge_multiplier"]["level"] == "national"
    assert values["dibao.floor.rural"]["level"] == "province"
    assert values["dibao.standard.rural"]["level"] == "county"
    proposal = _show(str(EXAMPLES / "proposals" / "standard-rise-2027.yaml"), "2027-06-01")
    proposed = proposal["values"]
    assert isinstance(proposed, dict)
    assert proposed["dibao.standard.rural"]["level"] == "proposal"


def test_rules_show_json_lists_the_breach_of_a_value() -> None:
    """A value below a minimum on the date lists it; one that is not has no such field."""
    values = _show("431022", "2023-06-01")["values"]
    assert isinstance(values, dict)
    [breach] = values["dibao.standard.rural"]["breaches"]
    assert (breach["code"], breach["limit"], breach["since"]) == (
        "below_minimum",
        "5000 yuan/year",
        "2023-01-01",
    )
    assert "breaches" not in values["dibao.floor.rural"]
    before = _show("431022", "2022-06-01")["values"]
    assert isinstance(before, dict)
    assert "breaches" not in before["dibao.standard.rural"]


# ------------------------------------------------------------------ a value's own unit


def _file(tmp_path: Path, values: str, unit: str = "    unit: yuan/year\n") -> Path:
    path = tmp_path / "own-unit.yaml"
    path.write_text(
        f"""schema: meanstest.rules/1
id: own-unit
name: {{zh: 单位, en: Units}}
level: county
extends: "000000"
parameters:
  dibao.standard.rural:
    description: {{zh: 农村低保标准, en: Rural dibao standard}}
{unit}    values:
{values}""",
        encoding="utf-8",
    )
    return path


def test_value_own_unit_overrides_the_key_s(tmp_path: Path) -> None:
    """A key in yuan a year with one value per month: 4560 a year, then 400 a month
    (400 × 12 = 4800 a year), each written in its own unit."""
    rules = load_rules(
        _file(
            tmp_path,
            (
                "      - {from: 2022-01-01, value: 4560, provisional: true, note: t}\n"
                "      - {from: 2023-01-01, value: 400, unit: yuan/month, provisional: true,"
                " note: t}\n"
            ),
        )
    )
    assert rules.at(dt.date(2022, 6, 1))["dibao.standard.rural"].written == "4560 yuan/year"
    assert rules.at(dt.date(2022, 6, 1)).value("dibao.standard.rural") == 4560
    assert rules.at(dt.date(2023, 6, 1))["dibao.standard.rural"].written == "400 yuan/month"
    assert rules.at(dt.date(2023, 6, 1)).value("dibao.standard.rural") == 4800


def test_value_own_units_need_no_key_unit(tmp_path: Path) -> None:
    """When every value says its unit, the key need not: 380 a month is 4560 a year."""
    monthly = (
        "      - {from: 2022-01-01, value: 380, unit: yuan/month, provisional: true, note: t}\n"
    )
    rules = load_rules(_file(tmp_path, monthly, unit=""))
    assert rules.at(dt.date(2022, 6, 1)).value("dibao.standard.rural") == 4560


def test_value_without_a_unit_where_the_key_has_none_is_an_error(tmp_path: Path) -> None:
    """One value with its unit does not give the others one: the key needs its unit."""
    with pytest.raises(RuleFileError) as info:
        load_rules(
            _file(
                tmp_path,
                (
                    "      - {from: 2022-01-01, value: 380, unit: yuan/month, provisional: true,"
                    " note: t}\n"
                    "      - {from: 2023-01-01, value: 4800, provisional: true, note: t}\n"
                ),
                unit="",
            )
        )
    assert [p.loc for p in info.value.problems] == ["parameters.dibao.standard.rural.unit"]


# ------------------------------------------------------------------ rules validate


def test_rules_validate_lists_each_breach_with_its_dates() -> None:
    """`rules validate` says ok for Yizhang, then each check its provisional value fails,
    with the dates: [2023-01-01 – 2025-01-01) at 5000 a year, [2025-01-01 – …) at 485 a
    month. Exit 0: the file loads."""
    result = CliRunner().invoke(
        cli, ["rules", "validate", "rules/431022-yizhang.yaml"], env={"LANG": "C", "LC_ALL": None}
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ok rules/431022-yizhang.yaml")
    # (and a note that Yizhang has no urban standard: see test_rules_dirs.py)
    warnings = [line for line in lines if line.startswith("  warning:")]
    assert warnings[0].startswith(
        "  warning: dibao.standard.rural 4560 yuan/year is below "
        "the provincial minimum 5000 yuan/year in force since "
        "2023-01-01"
    )
    assert warnings[0].endswith("[2023-01-01 – 2025-01-01)")
    assert "485 yuan/month (= 5820 yuan/year)" in warnings[1]
    assert warnings[1].endswith("[2025-01-01 – …)")
    assert len(warnings) == 2
