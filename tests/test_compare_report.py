"""Tests of issue 15's `meanstest compare` (points 10, 11 and the compare part of 7).

The city-wide roll (tests/fixtures/rules/citywide: a test city 439900 under Hunan with a
rural standard of 500 a month; county 439901 takes it, county 439902 has its own 550),
compared under tests/fixtures/proposals/city-rise-2027-07.yaml (the city's standard at
600 a month from 2027-07-01), assessed on 2027-07-15. No household has assets,
disabilities or deductions; farming income counts in full; edge line 1.5 × standard.

  id  county  members               counted  before                 after
  A1  439901  1, born 1960 (67)     100      dibao 500−100 = 400    dibao 600−100 = 500   +100
  A2  439901  adult, child (12)     1100     ≥ 1000, < 1500: edge   < 1200: dibao 100     +100
  B1  439902  1, born 1980          200      dibao 550−200 = 350    the same (own 550)       0

Monthly 750 → 950 (+200). The change is in force from July: July to December is 6
months of the 2027 budget year, so it costs 6 × 200 = +1200 this year (not 12 × 200).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

import meanstest
from meanstest.cli import cli
from meanstest.cli.env import Environment
from meanstest.compare import household_groups
from meanstest.model.household import parse_household

ROOT = Path(__file__).resolve().parent.parent
CITYWIDE = ROOT / "tests" / "fixtures" / "rules" / "citywide"
CITY_RISE = ROOT / "tests" / "fixtures" / "proposals" / "city-rise-2027-07.yaml"

_CLEAN_ENV: dict[str, str | None] = {
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANG": None,
    "LANGUAGE": None,
    "FORCE_COLOR": None,
}


def _member(mid: str, relation: str, born: str, **extra: Any) -> dict[str, Any]:
    return {"id": mid, "relation": relation, "birth_date": born, **extra}


A1 = {
    "id": "A1",
    "region": "439901",
    "area": "rural",
    "members": [_member("p1", "applicant", "1960-05-01", employment="farming")],
    "incomes": [{"type": "farming", "amount": "100", "per": "month"}],
}
A2 = {
    "id": "A2",
    "region": "439901",
    "area": "rural",
    "members": [
        _member("p1", "applicant", "1980-05-01", employment="farming"),
        _member("p2", "child", "2015-05-01"),
    ],
    "incomes": [{"type": "farming", "amount": "1100", "per": "month"}],
}
B1 = {
    "id": "B1",
    "region": "439902",
    "area": "rural",
    "members": [_member("p1", "applicant", "1980-05-01", employment="farming")],
    "incomes": [{"type": "farming", "amount": "200", "per": "month"}],
}


@pytest.fixture
def roll(tmp_path: Path) -> Path:
    path = tmp_path / "roll.jsonl"
    path.write_text("".join(json.dumps(h) + "\n" for h in (A1, A2, B1)), encoding="utf-8")
    return path


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="meanstest", env=_CLEAN_ENV)


def city(roll: Path, *args: object) -> Result:
    return run("compare", roll, "--rules-dir", CITYWIDE, "--proposal", CITY_RISE, *args)


def _json(result: Result, status: int = 0) -> dict[str, Any]:
    assert result.exit_code == status, (result.stderr, result.exception)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# ------------------------------------------------------------------ point 10


def test_city_proposal_applies_to_every_county_under_it(roll: Path) -> None:
    """A proposal extending the city reaches the households of both its counties: no
    error rows (before issue 15 every row was "not for this household's rules")."""
    data = _json(city(roll, "--on", "2027-07-15", "--format", "json"))
    assert data["errors"] == 0
    assert data["movements"] == {
        "enters": 1,
        "leaves": 0,
        "phase_out": 0,
        "gains": 1,
        "loses": 0,
        "same": 1,
        "error": 0,
    }
    # 400 + 0 + 350 = 750 before; 500 + 100 + 350 = 950 after
    assert data["cost"]["monthly_before"] == "750.00"
    assert data["cost"]["monthly_after"] == "950.00"
    assert data["cost"]["monthly_difference"] == "200.00"
    assert data["cost"]["annual_difference"] == "2400.00"  # a whole year at the new rate


def test_city_proposal_county_own_value_still_wins_and_is_noticed(roll: Path) -> None:
    """County B keeps its own 550 (its file overrides the city's, changed or not): B1 is
    unchanged, and the report says the proposal changes nothing for that household."""
    result = city(roll, "--on", "2027-07-15", "--format", "json")
    data = _json(result)
    assert data["notices"] == [
        "The proposal changes no rule value in force for 1 household (rule sets 439902): "
        "their own rules set those values, or the proposal's values are not in force on "
        "their dates."
    ]
    assert data["notices"][0] in result.stderr  # and on stderr, whatever the format


def test_mid_year_change_costs_the_rest_of_the_budget_year(roll: Path) -> None:
    """From 2027-07-01: July–December = 6 months; +200 a month → +1200 in 2027."""
    data = _json(city(roll, "--on", "2027-07-15", "--format", "json"))
    assert data["budget_year"] == {
        "difference": "1200.00",
        "periods": [{"year": 2027, "from_month": "2027-07", "months": 6, "households": 2}],
    }


def test_mid_year_change_on_the_yizhang_roll_costs_6_months(tmp_path: Path) -> None:
    """The main roll of tests/test_compare.py at 420 a month: +210 a month (H1 +40, H2
    +50, H4 +120). In force from 2027-07-01, assessed on 2027-07-15: 6 × 210 = 1260 in
    the budget year; from 2027-01-01 it is 12 × 210 = 2520."""
    from tests.test_compare import H1, H2, H3, H4, H5  # the same roll

    path = tmp_path / "roll.jsonl"
    path.write_text("".join(json.dumps(h) + "\n" for h in (H1, H2, H3, H4, H5)), encoding="utf-8")
    for start, months, total in (("2027-07-01", 6, "1260.00"), ("2027-01-01", 12, "2520.00")):
        data = _json(
            run(
                "compare",
                path,
                "--set",
                "dibao.standard.rural=420/month",
                "--from",
                start,
                "--on",
                "2027-07-15",
                "--format",
                "json",
            )
        )
        assert data["cost"]["monthly_difference"] == "210.00"
        assert data["budget_year"]["difference"] == total
        assert data["budget_year"]["periods"][0]["months"] == months


def test_not_in_force_on_the_assessment_date_is_an_error(roll: Path, tmp_path: Path) -> None:
    """Assessed on 2027-01-15, the July change is not in force: +0 everywhere would read
    as "costs nothing", so it is exit 1 naming both dates, and no report is written."""
    changes, page = tmp_path / "changes.csv", tmp_path / "report.html"
    result = city(
        roll, "--on", "2027-01-15", "--format", "csv", "--changes", changes, "--html", page
    )
    assert result.exit_code == 1, (result.stderr, result.exception)
    assert result.stdout == ""
    assert (
        "none of the proposal's values is in force on the assessment date (2027-01-15)"
        in result.stderr
    )
    assert "takes effect on 2027-07-01" in result.stderr
    assert "--on 2027-07-01" in result.stderr
    assert not changes.exists()
    assert not page.exists()


def test_not_in_force_error_in_chinese(roll: Path) -> None:
    result = city(roll, "--on", "2027-01-15", "--lang", "zh")
    assert result.exit_code == 1
    assert "方案调整的规则值在评估日（2027-01-15）均未生效" in result.stderr
    assert "2027-07-01" in result.stderr


def test_a_later_step_of_the_proposal_is_noticed_not_costed(roll: Path, tmp_path: Path) -> None:
    """A proposal with a second step from 2028-01-01: on 2027-07-15 only the first is
    costed (+200 a month, as above), and the report says the 2028 value is not."""
    text = CITY_RISE.read_text(encoding="utf-8").replace(
        "        note: a test proposal\n",
        "        note: a test proposal\n      - from: 2028-01-01\n        value: 650\n"
        "        provisional: true\n        note: a second step\n",
    )
    two_steps = tmp_path / "two-steps.yaml"
    two_steps.write_text(text, encoding="utf-8")
    data = _json(
        run(
            "compare",
            roll,
            "--rules-dir",
            CITYWIDE,
            "--proposal",
            two_steps,
            "--on",
            "2027-07-15",
            "--format",
            "json",
        )
    )
    assert data["cost"]["monthly_difference"] == "200.00"
    assert data["notices"][0] == (
        "The proposal's values from 2028-01-01 are not in force "
        "on the assessment date (2027-07-15) and are not costed "
        "in this report."
    )


def test_province_proposal_applies_to_every_county(roll: Path, tmp_path: Path) -> None:
    """A proposal extending Hunan (430000): the edge line at 1.05 × the standard from
    2027-07-01 reaches both test counties. A2: 1100 ≥ 1.05 × 1000 = 1050, so edge →
    not eligible; A1 and B1 stay dibao. Both rule sets list the change; no notice."""
    proposal = tmp_path / "hunan-edge.yaml"
    proposal.write_text(
        "schema: meanstest.rules/1\nid: hunan-edge\n"
        "name: {zh: 湖南低保边缘线调整, en: Hunan edge line at 1.05}\n"
        'level: proposal\nextends: "430000"\nparameters:\n  dibao.edge_multiplier:\n'
        "    values:\n      - from: 2027-07-01\n        value: 1.05\n"
        "        provisional: true\n        note: a test\n",
        encoding="utf-8",
    )
    data = _json(
        run(
            "compare",
            roll,
            "--rules-dir",
            CITYWIDE,
            "--proposal",
            proposal,
            "--on",
            "2027-07-15",
            "--format",
            "json",
        )
    )
    assert data["errors"] == 0
    assert data["caseload"]["edge"] == {"before": 1, "after": 0}
    assert data["caseload"]["not_eligible"] == {"before": 0, "after": 1}
    assert [(c["rule_set"], c["key"], c["before"], c["after"]) for c in data["rule_changes"]] == [
        ("439901+hunan-edge", "dibao.edge_multiplier", "1.5", "1.05"),
        ("439902+hunan-edge", "dibao.edge_multiplier", "1.5", "1.05"),
    ]
    assert data["notices"] == []


def test_error_rows_exit_3_with_the_report_written(roll: Path, tmp_path: Path) -> None:
    """A household of no known county is an error row: the run ends with exit 3, as
    batch does, and the summary still reports the others."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        roll.read_text(encoding="utf-8") + json.dumps(A1 | {"id": "Z9", "region": "439999"}) + "\n",
        encoding="utf-8",
    )
    data = _json(city(bad, "--on", "2027-07-15", "--format", "json"), status=3)
    assert data["errors"] == 1
    assert data["cost"]["monthly_difference"] == "200.00"
    assert (
        "1 household could not be compared (error rows); the totals leave them out."
        in data["notices"]
    )


def test_jobs_give_the_same_results(roll: Path, tmp_path: Path) -> None:
    """--jobs 2 writes the same changes and the same summary as one process."""
    out1, out2 = tmp_path / "one.csv", tmp_path / "two.csv"
    one = _json(city(roll, "--on", "2027-07-15", "--format", "json", "--changes", out1))
    two = _json(
        city(roll, "--on", "2027-07-15", "--format", "json", "--changes", out2, "--jobs", "2")
    )
    assert one == two
    assert out1.read_text(encoding="utf-8") == out2.read_text(encoding="utf-8")


class _TerminalEnv(Environment):
    """An environment whose stderr is a terminal (a forced rich terminal console)."""

    def __init__(self) -> None:
        self.err_text = io.StringIO()
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
        super().__init__(
            stdin=io.BytesIO(),
            stdout=out,
            stderr=self.err_text,
            today=dt.date(2027, 7, 20),
            lang="en",
            console=lambda file, stderr: Console(file=file, stderr=stderr, force_terminal=True),
        )
        self.stderr_isatty = True


@pytest.mark.parametrize(("quiet", "shown"), [(False, True), (True, False)])
def test_progress_on_a_terminal_unless_quiet(roll: Path, quiet: bool, shown: bool) -> None:
    """The progress counter is drawn on a terminal's stderr; --quiet leaves it out."""
    env = _TerminalEnv()
    args = [
        "compare",
        str(roll),
        "--rules-dir",
        str(CITYWIDE),
        "--proposal",
        str(CITY_RISE),
        "--on",
        "2027-07-15",
        "--format",
        "json",
        *(["--quiet"] if quiet else []),
    ]
    result = CliRunner().invoke(cli, args, obj=env, env=_CLEAN_ENV)
    assert result.exit_code == 0, (result.output, result.exception)
    assert ("households compared" in env.err_text.getvalue()) is shown


def test_no_progress_when_stderr_is_not_a_terminal(roll: Path) -> None:
    result = city(roll, "--on", "2027-07-15", "--format", "json")
    assert "households compared" not in result.stderr


# ------------------------------------------------------------------ point 11 and 7


def test_json_title_stamp_and_rule_changes(roll: Path) -> None:
    """The title is the proposal's name; the stamp names both rule sets with their
    digests, the date and the version; the changed value is listed old → new."""
    data = _json(city(roll, "--on", "2027-07-15", "--format", "json"))
    assert data["title"] == "Test City rural standard at 600 a month from July 2027"
    stamp = data["stamp"]
    assert stamp["assessed_on"] == ["2027-07-15"]
    assert stamp["meanstest_version"] == meanstest.__version__
    assert [(p["before"]["id"], p["after"]["id"], p["households"]) for p in stamp["rules"]] == [
        ("439901", "439901+city-rise-2027-07", 2),
        ("439902", "439902+city-rise-2027-07", 1),
    ]
    for pair in stamp["rules"]:
        assert re.fullmatch(r"sha256:[0-9a-f]{32}", pair["before"]["digest"])
        assert pair["before"]["digest"] != pair["after"]["digest"]
    assert data["rule_changes"] == [
        {
            "rule_set": "439901+city-rise-2027-07",
            "key": "dibao.standard.rural",
            "unit": "yuan/month",
            "before": "500 yuan/month",
            "before_since": "2021-01-01",
            "after": "600 yuan/month",
            "after_since": "2027-07-01",
            # Both made-up figures are provisional in the fixtures (cmp18: now said).
            "before_provisional": True,
            "after_provisional": True,
        }
    ]


def test_json_schemes_and_groups_worked_by_hand(roll: Path) -> None:
    """Schemes: dibao households 2 (A1, B1) → 3, 750 → 950 a month; one edge household
    (A2) before, none after. Groups: elderly = A1 (400 → 500), minors = A2 (0 → 100,
    enters), 1-person = A1 + B1 (750 → 850), 2-person = A2; each +100 a month and
    6 × 100 = +600 in the budget year. No township or village in the roll. Persons:
    dibao 1 (A1) + 1 (B1) = 2 before, + 2 (A2) = 4 after; edge 2 (A2) before, 0 after."""
    data = _json(city(roll, "--on", "2027-07-15", "--format", "json"))
    assert data["schemes"]["dibao"] == {
        "households_before": 2,
        "households_after": 3,
        "persons_before": 2,
        "persons_after": 4,
        "monthly_before": "750.00",
        "monthly_after": "950.00",
        "monthly_difference": "200.00",
    }
    assert data["schemes"]["edge"] == {
        "households_before": 1,
        "households_after": 0,
        "persons_before": 2,
        "persons_after": 0,
    }
    for scheme in ("dibao_single", "classified", "tekun"):
        assert data["schemes"][scheme]["monthly_difference"] == "0.00"
    assert "temporary" not in data["schemes"]  # no hardship in the roll
    assert data["groups"] == [
        {
            "group": "elderly",
            "households": 1,
            "monthly_before": "400.00",
            "monthly_after": "500.00",
            "monthly_difference": "100.00",
            "budget_year_difference": "600.00",
            "enters": 0,
            "leaves": 0,
        },
        {
            "group": "minors",
            "households": 1,
            "monthly_before": "0.00",
            "monthly_after": "100.00",
            "monthly_difference": "100.00",
            "budget_year_difference": "600.00",
            "enters": 1,
            "leaves": 0,
        },
        {
            "group": "size:1",
            "households": 2,
            "monthly_before": "750.00",
            "monthly_after": "850.00",
            "monthly_difference": "100.00",
            "budget_year_difference": "600.00",
            "enters": 0,
            "leaves": 0,
        },
        {
            "group": "size:2",
            "households": 1,
            "monthly_before": "0.00",
            "monthly_after": "100.00",
            "monthly_difference": "100.00",
            "budget_year_difference": "600.00",
            "enters": 1,
            "leaves": 0,
        },
    ]
    assert data["places"] is False


def test_changes_file_rows_carry_date_months_digests_and_groups(roll: Path, tmp_path: Path) -> None:
    out = tmp_path / "changes.csv"
    assert city(roll, "--on", "2027-07-15", "--changes", out, "--format", "json").exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [
        (
            r["household_id"],
            r["assessed_on"],
            r["months"],
            r["change_budget_year"],
            r["after_rules"],
            r["groups"],
        )
        for r in rows
    ] == [
        ("A1", "2027-07-15", "6", "600.00", "439901+city-rise-2027-07", "elderly size:1"),
        ("A2", "2027-07-15", "6", "600.00", "439901+city-rise-2027-07", "minors size:2"),
        # B1's rules do not change: a change (of 0) would be paid all year
        ("B1", "2027-07-15", "12", "0.00", "439902+city-rise-2027-07", "size:1"),
    ]
    assert all(re.fullmatch(r"sha256:[0-9a-f]{32}", r["before_digest"]) for r in rows)


def test_table_shows_title_stamp_notice_legend_and_sections(roll: Path) -> None:
    result = city(roll, "--on", "2027-07-15")
    assert result.exit_code == 0, (result.stderr, result.exception)
    text = result.stdout
    assert "Comparison: Test City rural standard at 600 a month from July 2027" in text
    assert "Assessment date: 2027-07-15" in text
    assert "Current rules: 439901 sha256:" in text
    assert f"meanstest version: {meanstest.__version__}" in text
    assert "Please note" in text
    assert "neither is marked as good or bad" in " ".join(text.split())
    for heading in (
        "Rule values the proposal changes",
        "cost by scheme",
        "Cost for the rest of the budget year",
        "By group",
    ):
        assert heading in text
    assert "dibao.standard.rural" in text  # never split mid-word
    assert "+1200.00" in text


def test_table_in_chinese_is_titled_with_the_chinese_name(roll: Path) -> None:
    result = city(roll, "--on", "2027-07-15", "--lang", "zh")
    assert result.exit_code == 0, (result.stderr, result.exception)
    assert "测试市农村低保标准2027年7月起提至每月600元" in result.stdout
    assert "评估日：2027-07-15" in result.stdout
    assert "按群体" in result.stdout


def test_html_report_title_stamp_notice_and_neutral_colours(roll: Path, tmp_path: Path) -> None:
    """The page is titled by the proposal's name (not a file path), shows the date,
    both digests and the version, the notice, a legend, and colours a change only with
    the neutral classes (no green for more spending)."""
    page = tmp_path / "report.html"
    result = city(roll, "--on", "2027-07-15", "--format", "json", "--html", page)
    data = _json(result)
    html = page.read_text(encoding="utf-8")
    assert (
        "<title>Comparison: Test City rural standard at 600 a month from July 2027</title>" in html
    )
    assert str(CITY_RISE) not in html
    assert "Assessment date: 2027-07-15" in html
    for pair in data["stamp"]["rules"]:
        assert pair["before"]["digest"] in html
        assert pair["after"]["digest"] in html
    assert f"meanstest version: {meanstest.__version__}" in html
    assert 'class="notices"' in html
    assert 'class="legend"' in html
    assert 'class="more">+200.00' in html
    assert 'class="pos"' not in html
    assert "#070" not in html
    assert "Rule values the proposal changes (439901+city-rise-2027-07)" in html


# ------------------------------------------------------------------ household_groups


def test_household_groups_by_age_disability_size_and_place() -> None:
    """On 2027-07-15: born 1967-07-15 is 60 (elderly), born 2009-07-16 is 17 (a minor),
    a grade-2 certificate is severe; 6 members count as 5+; township and village when
    the household has them (read defensively: the fields come on another branch)."""
    members = [
        _member("p1", "applicant", "1967-07-15"),
        _member("p2", "child", "2009-07-16"),
        _member("p3", "spouse", "1970-01-01", disability={"category": "physical", "grade": 2}),
        *(_member(f"p{i}", "sibling", "1990-01-01") for i in range(4, 7)),
    ]
    household = parse_household(
        {"id": "G", "region": "431022", "area": "rural", "members": members}
    )
    on = dt.date(2027, 7, 15)
    assert household_groups(household, on) == ("elderly", "minors", "severely_disabled", "size:5+")
    placed = cast(
        Any, SimpleNamespace(members=household.members, township="梅田镇", village="石门村")
    )
    assert household_groups(placed, on)[-2:] == ("township:梅田镇", "village:梅田镇/石门村")
    # A day earlier p1 is 59 and p2 is 17: no longer elderly
    assert "elderly" not in household_groups(household, dt.date(2027, 7, 14))
    # grade 3 is not severe
    mild = parse_household(
        {
            "id": "M",
            "region": "431022",
            "area": "rural",
            "members": [
                _member(
                    "p1", "applicant", "1980-01-01", disability={"category": "physical", "grade": 3}
                )
            ],
        }
    )
    assert household_groups(mild, on) == ("size:1",)


# ------------------------------------------------------------------ schemes by hand

EXAMPLE_RULES = ROOT / "examples" / "rules"


def _one(tmp_path: Path, household: dict[str, Any]) -> Path:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(household) + "\n", encoding="utf-8")
    return path


def test_schemes_split_the_dibao_gap_from_the_classified_top_up(tmp_path: Path) -> None:
    """Example County A (990001, rural standard 600 a month; a student in full-time
    senior secondary school gets a 分类施保 top-up of 100 a month; the gap is shared per
    member). Two members, 600 a month counted: gap 1200 − 600 = 600 (300 each) plus the
    student's 100 = 700. At 700 a month: 1400 − 600 = 800 plus 100 = 900. So dibao
    600 → 800 (two persons), 分类施保 100 → 100 (one person), +200 a month in all."""
    path = _one(
        tmp_path,
        {
            "id": "C1",
            "region": "990001",
            "area": "rural",
            "assessed_on": "2025-06-01",
            "members": [
                {"id": "p1", "relation": "applicant", "age": 45, "employment": "farming"},
                {"id": "p2", "relation": "child", "age": 16, "education": "senior_secondary"},
            ],
            "incomes": [{"type": "farming", "amount": "600", "per": "month"}],
        },
    )
    data = _json(
        run(
            "compare",
            path,
            "--rules-dir",
            EXAMPLE_RULES,
            "--base",
            "990001",
            "--set",
            "dibao.standard.rural=700/month",
            "--format",
            "json",
        )
    )
    schemes = data["schemes"]
    assert schemes["dibao"] == {
        "households_before": 1,
        "households_after": 1,
        "persons_before": 2,
        "persons_after": 2,
        "monthly_before": "600.00",
        "monthly_after": "800.00",
        "monthly_difference": "200.00",
    }
    assert schemes["classified"] == {
        "households_before": 1,
        "households_after": 1,
        "persons_before": 1,
        "persons_after": 1,
        "monthly_before": "100.00",
        "monthly_after": "100.00",
        "monthly_difference": "0.00",
    }
    assert data["cost"]["monthly_difference"] == "200.00"
    assert data["groups"][0]["group"] == "minors"


def test_schemes_count_tekun_support(tmp_path: Path) -> None:
    """Example County C (990003, rural standard 550 a month): a 78-year-old in an
    institution, fully self-caring, is 特困: basic 1.5 × 550 = 825 plus care 1/10 of
    last year's minimum wage 1800 = 180, 1005 a month. At a standard of 600: 1.5 × 600
    = 900 + 180 = 1080, +75 a month."""
    path = _one(
        tmp_path,
        {
            "id": "T1",
            "region": "990003",
            "area": "rural",
            "assessed_on": "2025-06-01",
            "members": [
                {
                    "id": "p1",
                    "relation": "applicant",
                    "age": 78,
                    "tekun_support_mode": "institutional",
                    "supporters": [],
                }
            ],
        },
    )
    data = _json(
        run(
            "compare",
            path,
            "--rules-dir",
            EXAMPLE_RULES,
            "--base",
            "990003",
            "--set",
            "dibao.standard.rural=600/month",
            "--format",
            "json",
        )
    )
    assert data["schemes"]["tekun"] == {
        "households_before": 1,
        "households_after": 1,
        "persons_before": 1,
        "persons_after": 1,
        "monthly_before": "1005.00",
        "monthly_after": "1080.00",
        "monthly_difference": "75.00",
    }
    assert [g["group"] for g in data["groups"]] == ["elderly", "size:1"]


def test_every_report_label_has_both_languages_and_the_same_placeholders() -> None:
    from meanstest.render.compare_report import _LABELS

    for key, (zh, en) in _LABELS.items():
        assert zh.strip(), key
        assert en.strip(), key
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), key


def test_changes_without_their_rules_never_raise_the_not_in_force_error() -> None:
    """A change from an engine that does not fill ``rules`` (None) cannot tell whether
    the rules differed: the error is not raised on a guess."""
    from decimal import Decimal

    from meanstest.compare import Change, Summary
    from meanstest.render.compare_report import not_in_force

    s = Summary()
    s.add(Change(1, "H1", "dibao", "dibao", Decimal(100), Decimal(100)))
    assert s.rules_unknown == 1
    assert not_in_force(s) is None


def test_jobs_warn_of_a_proposed_value_below_the_minimum_once() -> None:
    """420 a month is below Hunan's 485 (2025): with workers, the warning the main
    process cannot see by itself comes back from them, once, as with one process."""
    roll = ROOT / "examples" / "caseload" / "yizhang-caseload.jsonl"
    for jobs in ("1", "2"):
        result = run(
            "compare",
            roll,
            "--set",
            "dibao.standard.rural=420/month",
            "--on",
            "2027-08-01",
            "--format",
            "json",
            "--jobs",
            jobs,
        )
        assert result.exit_code == 0, (result.stderr, result.exception)
        assert result.stderr.count("is below the provincial minimum 485 yuan/month") == 1
