"""Golden cases: run every case in tests/cases/, rules/cases/, examples/temporary/ and
examples/rules/cases/ (the example counties' rule tests) and compare each expectation.

The case format (a sentence, the rules, a date, a household, the expected fields) is
documented once, in meanstest/cases.py, which also runs `meanstest test`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from meanstest.cases import Case, CaseRunner, load_cases

REPO = Path(__file__).resolve().parent.parent
CASE_DIRS = (
    Path(__file__).resolve().parent / "cases",
    REPO / "rules" / "cases",
    REPO / "examples" / "temporary",
    REPO / "examples" / "rules" / "cases",
)
CASES = [case for d in CASE_DIRS for path in sorted(d.glob("*.yaml")) for case in load_cases(path)]
RUNNER = CaseRunner(base=REPO)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cases_golden(case: Case) -> None:
    """A golden case's household gets every result value its `expect` lists."""
    outcome = RUNNER.run(case)
    assert outcome.passed, (
        f"case {case.file.name}[{case.position}] {case.name!r}:\n  " + "\n  ".join(outcome.failures)
    )


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
