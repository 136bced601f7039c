"""The example counties (examples/rules/99000N-example-county-*.yaml): written only as data,
each a demonstration, each with rule tests, and usable as a new county with no Python.

The three files pretend to be counties a policy officer wrote (issue 12, point 15):
A (990001) a minimum benefit, per-member rounding and 分类施保 groups; B (990002) a
2×/3× single-person route, schooling costs above twice the household's income, rent and
a phase-out ceiling; C (990003) 特困 standards by area and support mode and imputed
migrant wages. Their rule tests (examples/rules/cases/, run by tests/test_cases.py) work
each expected value by hand; here we check what makes them examples to copy: every value
a provisional demonstration, every key the file sets used by some case, no Hunan minimum
broken, and a copy in a directory of one's own working as a new county by region.

The households assessed after the copy (each its county's household file, worked by hand
in the case files):

- A, a single-parent family on rural S = 600: counted 1200, three persons, a share of 200
  each; the undergraduate + 100, the 14-year-old + 90: 790.00.
- B, a grade-2 disabled member, the spouse earning 1800, three persons on rural S = 500:
  per capita 600, below 2 × 500 → the full standard alone: 500.00 (dibao_single).
- C, a 78-year-old in institutional support, rural S = 550: 1.5 × 550 = 825 basic + 1/10 of
  last year's minimum wage 1800 = 180 care: support 1005.00, status tekun, benefit 0.00.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import EXAMPLES, ROOT

from meanstest.cases import Case, CaseRunner, _household, load_cases
from meanstest.cli import cli
from meanstest.engine import assess
from meanstest.model.household import parse_household
from meanstest.model.result import Assessment
from meanstest.ruleset.checks import BREACH_CODES

RULES = EXAMPLES / "rules"
COUNTIES = sorted(RULES.glob("99000?-example-county-*.yaml"))
CASES = RULES / "cases"
HOUSEHOLDS = RULES / "households"
# county id -> (its household file, what it gets: status, benefit, support), by hand.
EXPECTED = {
    "990001": ("990001-single-parent-student.json", "dibao", "790.00", "790.00"),
    "990002": ("990002-disabled-member-alone.json", "dibao_single", "500.00", "500.00"),
    "990003": ("990003-tekun-elderly-institutional.json", "tekun", "0.00", "1005.00"),
}
NEW_ID = "990099"  # the id the copied county gets: a new county, not the example


def _data(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _cases_of(county: Path) -> Path:
    return CASES / county.name


def run(*args: object, env: dict[str, str | None] | None = None) -> Result:
    """The command line in-process, with no MEANSTEST_RULES_DIR unless ``env`` gives one."""
    return CliRunner().invoke(
        cli,
        [str(a) for a in args],
        env={
            "MEANSTEST_RULES_DIR": None,
            "LANG": None,
            "LC_ALL": None,
            "COLUMNS": "200",
            **(env or {}),
        },
    )


def test_example_counties_are_three_with_their_cases() -> None:
    """Three example counties ship, each with a rule-test file of its name, and the
    household file each README command assesses."""
    assert [p.name[:6] for p in COUNTIES] == ["990001", "990002", "990003"]
    for county in COUNTIES:
        assert _cases_of(county).is_file(), f"{county.name}: no examples/rules/cases file"
        assert len(load_cases(_cases_of(county))) >= 10, f"{county.name}: too few cases"
    for name, *_ in EXPECTED.values():
        assert (HOUSEHOLDS / name).is_file()


@pytest.mark.parametrize("county", COUNTIES, ids=[p.name for p in COUNTIES])
def test_example_county_is_a_demonstration(county: Path) -> None:
    """A county file says in its header that it is a demonstration, not a real county's
    figures; it is a county extending a shipped parent, cites no document, and every
    value is provisional with a note (none is sourced)."""
    text = county.read_text(encoding="utf-8")
    header = " ".join(
        line.removeprefix("#").strip() for line in text[: text.index("schema:")].splitlines()
    )
    assert "DEMONSTRATION" in header
    assert "not any real county's figure" in header
    assert "not a real division code" in header
    data = _data(county)
    assert data["id"] == county.name[:6]
    assert data["id"].startswith("99")
    assert data["level"] == "county"
    assert data["extends"] in ("430000", "431000")
    assert "演示" in data["name"]["zh"]
    assert "demonstration" in data["name"]["en"]
    assert "sources" not in data
    for key, decl in data["parameters"].items():
        assert decl.get("description"), f"{key}: no description"
        for entry in decl["values"]:
            assert entry.get("provisional") is True, f"{key} {entry['from']}: not provisional"
            assert entry.get("note"), f"{key} {entry['from']}: no note"
            assert "source" not in entry, key
            assert "article" not in entry, key


@pytest.mark.parametrize("county", COUNTIES, ids=[p.name for p in COUNTIES])
def test_example_county_cases_use_every_key_it_sets(county: Path) -> None:
    """Every key the county file sets is used by at least one of its rule tests (each
    such value is provisional, so a result that uses it warns of it), and no result warns
    that a value breaks one of Hunan's minimums (the examples are consistent with them)."""
    runner = CaseRunner()
    used: set[str] = set()
    for case in load_cases(_cases_of(county)):
        result = _assess(runner, case)
        assert result.rules.id == county.name[:6]
        used |= {w.key for w in result.warnings if w.code == "provisional_value"}
        breaches = [w for w in result.warnings if w.code in BREACH_CODES.values()]
        assert not breaches, (case.name, breaches)
    unused = set(_data(county)["parameters"]) - used
    assert not unused, f"{county.name}: keys no case uses: {sorted(unused)}"


def _assess(runner: CaseRunner, case: Case) -> Assessment:
    """The result a case checks (`CaseRunner.run` says only whether it passed)."""
    household = parse_household(_household(case.data["household"], case.file.parent))
    chooser = runner.chooser(str(case.data["rules"]), case.file.parent)
    return assess(household, chooser.rules_at(household, case.data["on"], case.data["on"]))


def test_example_counties_validate_without_warnings() -> None:
    """`meanstest rules validate` passes each county with no warning: a standard in force
    on every date it looks at, and no value below a minimum."""
    result = run("rules", "validate", *COUNTIES)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 3, lines
    assert all(line.startswith("ok ") for line in lines), lines


# --------------------------------------------------------- a new county, with no Python


def _as_new_county(county: Path, home: Path) -> tuple[Path, Path, Path]:
    """Copy an example as a policy officer would start a county from it: the rule file
    under a new id into ``home/rules``, its cases (naming the county by its id) into
    ``home/cases``, the household files beside them, and its household with the new
    region. Only text is edited: no Python is written or registered."""
    old = county.name[:6]
    rules_dir, cases_dir = home / "rules", home / "cases"
    rules_dir.mkdir()
    cases_dir.mkdir()
    shutil.copytree(HOUSEHOLDS, home / "households")
    text = county.read_text(encoding="utf-8")
    assert f'id: "{old}"' in text
    (rules_dir / f"{NEW_ID}-my-county.yaml").write_text(
        text.replace(f'id: "{old}"', f'id: "{NEW_ID}"'), encoding="utf-8"
    )
    cases = _cases_of(county).read_text(encoding="utf-8")
    assert f"rules: ../{county.name}" in cases
    (cases_dir / f"{NEW_ID}.yaml").write_text(
        cases.replace(f"rules: ../{county.name}", f'rules: "{NEW_ID}"'), encoding="utf-8"
    )
    name = EXPECTED[old][0]
    household = json.loads((HOUSEHOLDS / name).read_text(encoding="utf-8"))
    household["region"] = NEW_ID
    path = home / "household.json"
    path.write_text(json.dumps(household, ensure_ascii=False), encoding="utf-8")
    assert not list(home.rglob("*.py"))
    return rules_dir, cases_dir, path


@pytest.mark.parametrize("county", COUNTIES, ids=[p.name for p in COUNTIES])
def test_example_county_copied_as_a_new_county_needs_no_python(
    county: Path, tmp_path: Path
) -> None:
    """An example copied into a directory of one's own under a new id validates, passes
    its rule tests with the county named by its id (--rules-dir), and assesses its
    household, found by region, to the hand-worked result (--rules-dir and
    MEANSTEST_RULES_DIR alike)."""
    rules_dir, cases_dir, household = _as_new_county(county, tmp_path)
    validated = run("rules", "validate", rules_dir / f"{NEW_ID}-my-county.yaml")
    assert validated.exit_code == 0, validated.output
    assert f"rule set {NEW_ID}" in validated.output
    tested = run("test", cases_dir, "--rules-dir", rules_dir)
    assert tested.exit_code == 0, tested.output
    count = len(load_cases(_cases_of(county)))
    assert tested.output.splitlines()[-1] == f"{count} passed, 0 failed"
    _, status, benefit, support = EXPECTED[county.name[:6]]
    for how in (
        {"args": ("--rules-dir", rules_dir), "env": {}},
        {"args": (), "env": {"MEANSTEST_RULES_DIR": str(rules_dir)}},
    ):
        checked = run("check", household, "--format", "json", *how["args"], env=how["env"])
        assert checked.exit_code == 0, checked.stderr
        data = json.loads(checked.stdout)
        assert data["rules"]["id"] == NEW_ID
        assert (data["status"], data["benefit_monthly"], data["support_monthly"]) == (
            status,
            benefit,
            support,
        )
    # Without the directory the region names no rule file, and the message says where
    # a county's own files go.
    lost = run("check", household)
    assert lost.exit_code == 1
    assert f"no rule file has the id '{NEW_ID}'" in lost.stderr


def test_example_county_copied_runs_from_the_shell(tmp_path: Path) -> None:
    """The same in fresh processes, as a policy officer types it, from a directory
    outside the repository: `meanstest test` and `meanstest batch` of a roll (CSV out)
    with the copied county B found by region through MEANSTEST_RULES_DIR."""
    county = RULES / "990002-example-county-b.yaml"
    rules_dir, cases_dir, household = _as_new_county(county, tmp_path)
    roll = tmp_path / "roll.jsonl"
    roll.write_text(household.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    env = {**os.environ, "MEANSTEST_RULES_DIR": str(rules_dir), "LANG": "C.UTF-8"}

    def shell(*args: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "meanstest", *map(str, args)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            timeout=120,
        )

    tested = shell("test", cases_dir)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert tested.stdout.endswith(" passed, 0 failed\n")
    batch = shell("batch", roll, "--format", "csv", "--quiet", "--lang", "en")
    assert batch.returncode == 0, batch.stderr
    rows = list(csv.DictReader(io.StringIO(batch.stdout)))
    assert [(r["status"], r["benefit_monthly"]) for r in rows] == [("dibao_single", "500.00")]


# ------------------------------------------------------------------------- the docs


def _readme_commands() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Write a county as data")[1].split("\n## ")[0]
    block = re.findall(r"```sh\n(.+?)\n```", section, flags=re.DOTALL)
    assert len(block) == 1, block
    lines = block[0].replace("\\\n", " ").splitlines()  # join continued lines
    return [shlex.split(line, comments=True) for line in lines]


def test_readme_county_commands_run_and_say_what_the_prose_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each command of the README's "Write a county as data" section runs (from the
    repository), and the three households get what the prose under it says (worked in
    this module's docstring): 790.00, 500.00 alone, 特困 support 1005.00."""
    monkeypatch.chdir(ROOT)
    commands = _readme_commands()
    assert commands[0] == [
        "meanstest",
        "rules",
        "validate",
        *(str(p.relative_to(ROOT)) for p in COUNTIES),
    ], commands
    assert commands[1] == ["meanstest", "test", "examples/rules/cases/"], commands
    assert [c[:2] for c in commands[2:]] == [["meanstest", "check"]] * 3, commands
    got = []
    for command in commands:
        args = command[1:] + (["--format", "json"] if command[1] == "check" else [])
        result = run(*args)
        assert result.exit_code == 0, (command, result.output)
        if command[1] == "check":
            data = json.loads(result.stdout)
            got.append(
                (
                    data["rules"]["id"],
                    data["status"],
                    data["benefit_monthly"],
                    data["support_monthly"],
                )
            )
    assert got == [(county, *outcome[1:]) for county, outcome in EXPECTED.items()]


def test_rules_guide_links_each_example_and_its_cases() -> None:
    """docs/rules.md links every example county and its rule tests, and every relative
    link of the guide leads to a file that exists."""
    guide = ROOT / "docs" / "rules.md"
    links = re.findall(r"\]\((\.\./[^)#]+)\)", guide.read_text(encoding="utf-8"))
    for county in COUNTIES:
        assert f"../examples/rules/{county.name}" in links
        assert f"../examples/rules/cases/{county.name}" in links
    missing = [link for link in links if not (guide.parent / link).is_file()]
    assert not missing, missing
