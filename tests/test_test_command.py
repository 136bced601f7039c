"""`meanstest test` as policy staff and CI expect it from `openfisca test` (issue 15,
point 12): directories searched with non-case YAML skipped with a note, ``-k`` to pick
cases by name, ``--junit-xml`` for CI systems, and the summary "N passed, M failed".

Every case here is the one-person household of tests/test_rules_commands.py: rural
Yizhang (431022) on 2021-12-01, standard 4560 yuan/year = 380 a month, 200 a month of
farming income counted, so the benefit is 380 − 200 = 180.00 a month.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner, Result

from meanstest.cli import cli
from meanstest.render.junit import Ran, classname, junit_xml

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


def _case(name: str, benefit: str) -> str:
    return f"""\
- name: {name}
  rules: "431022"
  on: 2021-12-01
  household:
    area: rural
    members:
      - {{id: p1, relation: applicant, age: 45, employment: farming}}
    incomes:
      - {{type: farming, amount: "200", per: month}}
  expect:
    status: dibao
    benefit_monthly: "{benefit}"
"""


RIGHT = _case("Farming household gets 180", "180.00")
WRONG = _case("Farming household gets 190", "190.00")  # wrong on purpose: 180.00 is right
RULE_FILE = "id: '999999'\nlevel: county\nname: {zh: 测试县, en: Test County}\n"


def _tree(tmp_path: Path) -> Path:
    """cases/a.yaml (right), cases/more/b.yml (right, wrong), cases/rules.yaml (a rule
    file, not cases), cases/.hidden/c.yaml (wrong, in a hidden folder: never run)."""
    root = tmp_path / "cases"
    (root / "more").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.yaml").write_text(RIGHT, encoding="utf-8")
    (root / "more" / "b.yml").write_text(
        RIGHT.replace("180\n", "180 too\n") + WRONG, encoding="utf-8"
    )
    (root / "rules.yaml").write_text(RULE_FILE, encoding="utf-8")
    (root / ".hidden" / "c.yaml").write_text(WRONG, encoding="utf-8")
    return root


def test_directory_runs_subfolders_and_skips_non_case_yaml_with_a_note(tmp_path: Path) -> None:
    """A directory: a.yaml and more/b.yml run (3 cases: 2 right, 1 wrong), rules.yaml is
    skipped with a note on stderr, the hidden folder is not searched."""
    root = _tree(tmp_path)
    result = run("test", root)
    assert result.exit_code == 1, (result.output, result.exception)
    assert result.stdout.splitlines()[-1] == "2 passed, 1 failed"
    assert f"note: skipped {root / 'rules.yaml'}: not a case file" in result.stderr
    fails = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert fails == [f"FAIL  {root / 'more' / 'b.yml'}: Farming household gets 190"]
    assert ".hidden" not in result.output


def test_named_non_case_file_is_still_an_error(tmp_path: Path) -> None:
    """A rule file named on the command line was meant as a case file: exit 1, the message."""
    path = tmp_path / "rules.yaml"
    path.write_text(RULE_FILE, encoding="utf-8")
    result = run("test", path)
    assert result.exit_code == 1
    assert "a case file must be a list of cases" in result.stderr


def test_k_selects_by_name_substring_case_ignored(tmp_path: Path) -> None:
    """-k 'GETS 190' picks the one wrong case of three: 0 passed, 1 failed, 2 deselected."""
    root = _tree(tmp_path)
    result = run("test", root, "-k", "GETS 190")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "0 passed, 1 failed, 2 deselected (-k)"
    result = run("test", root, "-k", "180", "-v")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "2 passed, 0 failed, 1 deselected (-k)"
    assert sum(line.startswith("ok") for line in result.stdout.splitlines()) == 2


def test_k_selecting_nothing_is_a_usage_error(tmp_path: Path) -> None:
    """A -k that matches no case (a typo) must not pass as green in CI: exit 2, saying so."""
    root = _tree(tmp_path)
    result = run("test", root, "-k", "nothing like this", "--junit-xml", tmp_path / "r.xml")
    assert result.exit_code == 2
    assert "no case name contains 'nothing like this' (3 cases in the files run)" in (result.stderr)
    assert not (tmp_path / "r.xml").exists()


def test_junit_xml_counts_cases_and_says_expected_and_got(tmp_path: Path) -> None:
    """--junit-xml: one testsuite with tests=3 failures=1, a testcase per case named as
    the case, classname from the file, and the failure saying 190.00 expected, 180.00 got."""
    root = _tree(tmp_path)
    report = tmp_path / "report.xml"
    result = run("test", root, "--junit-xml", report)
    assert result.exit_code == 1
    tree = ET.parse(report)  # noqa: S314 - our own report; well-formed XML, or this raises
    suites = tree.getroot()
    assert suites.tag == "testsuites"
    (suite,) = suites.findall("testsuite")
    for element in (suites, suite):
        assert (element.get("tests"), element.get("failures"), element.get("errors")) == (
            "3",
            "1",
            "0",
        )
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [
        "Farming household gets 180",
        "Farming household gets 180 too",
        "Farming household gets 190",
    ]
    assert cases[1].get("file") == str(root / "more" / "b.yml")
    assert cases[1].get("classname", "").endswith("cases.more.b")
    assert [c.find("failure") is not None for c in cases] == [False, False, True]
    failure = cases[2].find("failure")
    assert failure is not None
    assert failure.get("message") == "benefit_monthly: expected '190.00', got '180.00'"
    assert "expected '190.00', got '180.00'" in (failure.text or "")
    assert all(float(c.get("time", "x")) >= 0 for c in cases)


def test_junit_xml_not_written_when_a_case_file_is_broken(tmp_path: Path) -> None:
    """A malformed case file stops the run (exit 1): the report is not written, and an
    old one is left as it was (whole or not at all)."""
    root = _tree(tmp_path)
    (root / "z-broken.yaml").write_text("- [unclosed\n", encoding="utf-8")
    report = tmp_path / "report.xml"
    report.write_text("old", encoding="utf-8")
    result = run("test", root, "--junit-xml", report)
    assert result.exit_code == 1
    assert report.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_junit_xml_escapes_what_xml_cannot_hold() -> None:
    """A case name with ESC and a form feed (a case file is untrusted) still gives a
    document that parses, showing them as escapes."""
    text = junit_xml([Ran("c/x.yaml", "bad \x1b[2J name\x0c", ("a: expected 1, got 2 <&>",), 0.5)])
    suite = ET.fromstring(text.split("\n", 1)[1]).find("testsuite")  # noqa: S314 - ours
    assert suite is not None
    case = suite.find("testcase")
    assert case is not None
    assert case.get("name") == "bad \\x1b[2J name\\x0c"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == "a: expected 1, got 2 <&>"
    assert classname("rules/cases/431022-income.yaml") == "rules.cases.431022-income"


def test_summary_and_failures_in_chinese(tmp_path: Path) -> None:
    """--lang zh: the summary, the word before a failed case and what it found are Chinese."""
    path = tmp_path / "cases.yaml"
    path.write_text(RIGHT + WRONG, encoding="utf-8")
    result = run("test", path, "--lang", "zh")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "1 项通过，1 项失败"
    assert f"失败  {path}: Farming household gets 190" in result.stdout
    assert "benefit_monthly：预期 '190.00'，实际 '180.00'" in result.stdout
