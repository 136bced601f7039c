"""Golden cases: run every case in tests/cases/ and rules/cases/ and compare each expectation.

A case file is a YAML list of cases that policy staff can read and extend:

    - name: A four-person household with 9600 a year gets 720 a month.   # a sentence
      rules: "431022"          # a rule set id, or a rule file path relative to the repo
      on: 2021-12-01           # the date whose rules apply
      household: {...}         # a meanstest.household/1 object
      expect:                  # paths into the Assessment; only the listed ones are checked
        status: dibao
        benefit_monthly: "720.00"
        income: {counted_monthly: "800.00", per_capita_monthly: "200.00"}
        members: {p2: {counted: false}}      # list items by id or name, or by index
        deductions: [{status: refused}]

Nested mappings in ``expect`` are joined into dotted paths (``income.counted_monthly``).
A path step is an attribute of the result, a key of a mapping, or an item of a list
chosen by its index or by its ``id``/``name``. Money is compared as the contract writes
it: a string with two decimals ("570.00").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from meanstest.casefile import Case, CaseRunner, load_cases

REPO = Path(__file__).resolve().parent.parent
CASE_DIRS = (Path(__file__).resolve().parent / "cases", REPO / "rules" / "cases")
CASES = [case for d in CASE_DIRS for path in sorted(d.glob("*.yaml"))
         for case in load_cases(path)]
RUNNER = CaseRunner(base=REPO)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cases_golden(case: Case) -> None:
    """A golden case's household gets every result value its `expect` lists."""
    outcome = RUNNER.run(case)
    assert outcome.passed, (f"case {case.file.name}[{case.position}] {case.name!r}:\n  "
                            + "\n  ".join(outcome.failures))


def test_cases_files_are_well_formed() -> None:
    """Every case has a unique sentence as its name and something to check."""
    assert CASES, "no cases found"
    problems = []
    seen: dict[str, str] = {}
    for case in CASES:
        where = f"{case.file.name}[{case.position}]"
        name = case.data.get("name")
        if not (isinstance(name, str) and name[:1].isupper() and name.endswith(".")):
            problems.append(f"{where}: the name must be a full sentence")
        elif name in seen:
            problems.append(f"{where}: the name is also used by {seen[name]}")
        else:
            seen[name] = where
        if not case.data.get("expect"):
            problems.append(f"{where}: 'expect' lists nothing to check")
    assert not problems, "\n".join(problems)
