"""Tests of the one chooser of rules and date (`meanstest.ruleset.choose`).

Five callers assess households: `meanstest check`, the library (`meanstest.api`), batch
(`assess_records`), `compare` and the rule tests (`meanstest test`). Each must choose
the same rule set and the same date for the same household and options; the spies below
record what each handed to the engine.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, RULES

import meanstest.api
import meanstest.batch.core
import meanstest.cases
import meanstest.compare
from meanstest import assess_records
from meanstest.api import assess_household
from meanstest.cases import Case, CaseRunner
from meanstest.cli import cli
from meanstest.cli.env import Environment
from meanstest.compare import compare_households
from meanstest.errors import HouseholdInvalid, RuleFileError, UnknownRuleSet
from meanstest.model.household import Household, parse_household
from meanstest.ruleset.choose import (
    NoRegion,
    RuleChooser,
    UnknownRegion,
    assessment_date,
    rules_ref,
)
from meanstest.ruleset.load import RuleLibrary, load_rules

WIDOW = EXAMPLES / "yizhang-widow-diabetes.json"
LADDER_DEMO = EXAMPLES / "rules" / "yizhang-ladder-demo.yaml"
STANDARD_RISE = EXAMPLES / "proposals" / "standard-rise-2027.yaml"
TODAY = dt.date(2022, 3, 1)


class Choice(NamedTuple):
    """What a caller handed the engine: the rule set, the date and the values' digest."""

    rules: str
    on: dt.date
    digest: str


def _data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(WIDOW.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


@pytest.fixture
def spied(monkeypatch: pytest.MonkeyPatch) -> list[Choice]:
    """Record the rules every caller hands to the engine, then assess as usual."""
    seen: list[Choice] = []
    real = meanstest.api.assess

    def spy(household: Household, rules: Any) -> Any:
        seen.append(Choice(rules.id, rules.on, rules.digest))
        return real(household, rules)

    for module in (meanstest.api, meanstest.batch.core, meanstest.compare, meanstest.cases):
        monkeypatch.setattr(module, "assess", spy)
    return seen


def _by_check(data: dict[str, Any], rules: str | None, on: dt.date | None) -> None:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    env = Environment(
        stdin=io.BytesIO(json.dumps(data).encode()),
        stdout=out,
        stderr=io.StringIO(),
        today=TODAY,
        lang="en",
    )
    args = [
        "check",
        "-",
        "--format",
        "json",
        *(["--rules", rules] if rules else []),
        *(["--on", on.isoformat()] if on else []),
    ]
    result = CliRunner().invoke(cli, args, obj=env)
    assert result.exit_code == 0, (result.output, result.exception)


def _by_api(data: dict[str, Any], rules: str | None, on: dt.date | None) -> None:
    assess_household(parse_household(data), RuleChooser(rules), on, TODAY)


def _by_batch(data: dict[str, Any], rules: str | None, on: dt.date | None) -> None:
    [record] = assess_records([data], rules=rules, on=on, today=TODAY)
    assert record["schema"] == "meanstest.assessment/1", record


def _by_compare(data: dict[str, Any], rules: str | None, on: dt.date | None) -> None:
    chooser = RuleChooser(rules)  # the same rules both sides: one choice, made twice
    [change] = compare_households([(1, parse_household(data))], chooser, chooser, on, TODAY)
    assert change.error is None, change.error


def _by_case(data: dict[str, Any], rules: str | None, on: dt.date | None) -> None:
    case = Case(
        EXAMPLES / "cases.yaml",
        0,
        {
            "name": "A case.",
            "rules": rules,
            "on": on,
            "household": data,
            "expect": {"status": "dibao"},
        },
    )
    outcome = CaseRunner(base=EXAMPLES.parent).run(case)
    assert outcome.passed, outcome.failures


CALLERS = {
    "check": _by_check,
    "api": _by_api,
    "batch": _by_batch,
    "compare": _by_compare,
    "case": _by_case,
}

# (name, household changes, --rules, --on, the choice every caller must make)
SCENARIOS = [
    ("region-and-household-date", {}, None, None, ("431022", dt.date(2021, 12, 1))),
    ("undated-household-today", {"assessed_on": None}, None, None, ("431022", TODAY)),
    (
        "rules-file-and-on",
        {"region": None},
        str(LADDER_DEMO),
        dt.date(2021, 12, 15),
        ("yizhang-ladder-demo", dt.date(2021, 12, 15)),
    ),
    (
        "rules-id-over-region",
        {"region": "999999"},
        "431022",
        dt.date(2022, 1, 1),
        ("431022", dt.date(2022, 1, 1)),
    ),
]


# Every caller under every scenario it can express: a rule test always names its
# rules and its date, so it takes part where both are given.
_RUNS = [
    (caller, *scenario)
    for scenario in SCENARIOS
    for caller in sorted(CALLERS)
    if caller != "case" or (scenario[2] is not None and scenario[3] is not None)
]


@pytest.mark.parametrize(
    ("caller", "name", "changes", "rules", "on", "want"),
    _RUNS,
    ids=[f"{r[1]}-{r[0]}" for r in _RUNS],
)
def test_choose_every_caller_chooses_the_same_rules_and_date(
    spied: list[Choice],
    caller: str,
    name: str,
    changes: dict[str, Any],
    rules: str | None,
    on: dt.date | None,
    want: tuple[str, dt.date],
) -> None:
    """check, the library, batch, compare and the rule tests hand the engine the same
    rule set, date and digest for the same household and options."""
    del name
    CALLERS[caller](_data(**changes), rules, on)
    expected = load_rules(rules or "431022").at(want[1])
    assert set(spied) == {Choice(want[0], want[1], expected.digest)}


def test_choose_scenarios_cover_every_caller() -> None:
    """Each of the five callers takes part in the comparison above."""
    assert {run[0] for run in _RUNS} == set(CALLERS) == {"check", "api", "batch", "compare", "case"}


@pytest.mark.parametrize("region", [None, "999999"])
def test_choose_every_caller_refuses_a_household_without_rules(region: str | None) -> None:
    """No region, or a region with no rule file: the library raises the chooser's error,
    check exits 1, and batch and compare give an error row at `region`."""
    data = _data(region=region) if region else _data(region=None)
    error = UnknownRegion if region else NoRegion
    with pytest.raises(error):
        _by_api(data, None, None)
    [record] = assess_records([data], today=TODAY)
    assert [e["loc"] for e in record["errors"]] == ["region"]
    [change] = compare_households(
        [(1, parse_household(data))], RuleChooser(), RuleChooser(), None, TODAY
    )
    assert change.error is not None
    err = io.StringIO()
    env = Environment(
        stdin=io.BytesIO(json.dumps(data).encode()),
        stdout=io.StringIO(),
        stdout_bytes=io.BytesIO(),
        stderr=err,
        today=TODAY,
        lang="en",
    )
    result = CliRunner().invoke(cli, ["check", "-"], obj=env)
    assert result.exit_code == 1
    assert "region" in err.getvalue() or "999999" in err.getvalue()


# ------------------------------------------------------------------ the chooser itself


def test_choose_assessment_date_on_then_household_then_today() -> None:
    """--on wins over the household's date, which wins over today."""
    dated = parse_household(_data())
    undated = parse_household(_data(assessed_on=None))
    on = dt.date(2021, 6, 1)
    assert assessment_date(dated, on, TODAY) == on
    assert assessment_date(dated, None, TODAY) == dt.date(2021, 12, 1)
    assert assessment_date(undated, None, TODAY) == TODAY


def test_choose_unknown_region_is_looked_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A region with no rule file is looked for on disk once; later households get the
    same error from memory."""
    calls: list[str] = []
    real = RuleLibrary.load

    def counting(self: RuleLibrary, rule_id: str) -> Any:
        calls.append(rule_id)
        return real(self, rule_id)

    monkeypatch.setattr(RuleLibrary, "load", counting)
    chooser = RuleChooser()
    household = parse_household(_data(region="999999"))
    messages = []
    for _ in range(3):
        with pytest.raises(UnknownRegion) as caught:
            chooser.for_household(household)
        messages.append(caught.value.message)
    assert calls == ["999999"]
    assert len(set(messages)) == 1
    assert "no rule file has the id '999999'" in messages[0]
    assert isinstance(caught.value, UnknownRuleSet)


def test_choose_region_rule_set_loaded_once_per_region() -> None:
    """Two households of one region share one loaded rule set."""
    chooser = RuleChooser()
    one, two = (parse_household(_data(id=name)) for name in ("A", "B"))
    assert chooser.for_household(one) is chooser.for_household(two)


def test_choose_given_rule_set_is_used_as_it_is() -> None:
    """A loaded RuleSet (as a pipeline ships to its workers) is used without loading."""
    rule_set = load_rules("431022")
    household = parse_household(_data(region="999999"))
    assert RuleChooser(rule_set).for_household(household) is rule_set


def test_choose_unknown_fixed_rules_is_not_a_region_error() -> None:
    """--rules naming no rule file is UnknownRuleSet, not an error of the household's region."""
    with pytest.raises(UnknownRuleSet) as caught:
        RuleChooser("999999").for_household(parse_household(_data()))
    assert not isinstance(caught.value, UnknownRegion)


def test_choose_rules_ref_reads_files_relative_to_the_case(tmp_path: Path) -> None:
    """A rule file named in a case is found beside the case, else in the base directory;
    an id stays an id."""
    (tmp_path / "local.yaml").write_text("", encoding="utf-8")
    assert rules_ref("431022", [tmp_path]) == "431022"
    assert rules_ref("local.yaml", [tmp_path, RULES]) == tmp_path / "local.yaml"
    assert rules_ref("431022-yizhang.yaml", [tmp_path, RULES]) == RULES / "431022-yizhang.yaml"
    assert rules_ref("missing.yaml", [tmp_path, RULES]) == tmp_path / "missing.yaml"


# ------------------------------------------------------------------ proposals


def test_choose_proposal_applies_to_the_rule_set_it_extends() -> None:
    """A proposal extending 431022 gives a 431022 household the proposal's rules."""
    chooser = RuleChooser().changed(STANDARD_RISE)
    rule_set = chooser.for_household(parse_household(_data()))
    assert rule_set.id == "yizhang-standard-rise-2027"
    assert rule_set.chain[:-1] == load_rules("431022").chain


def test_choose_proposal_refuses_a_household_under_other_rules() -> None:
    """A household of another rule set (431000) is refused at `region`, naming both."""
    chooser = RuleChooser().changed(STANDARD_RISE)
    with pytest.raises(HouseholdInvalid) as caught:
        chooser.for_household(parse_household(_data(region="431000")))
    [problem] = caught.value.problems
    assert problem.loc == "region"
    assert "431022" in problem.msg
    assert "431000" in problem.msg


def test_choose_settings_checked_before_any_household() -> None:
    """A bad --set is refused when the chooser is built, against every shipped rule set."""
    with pytest.raises(RuleFileError):
        RuleChooser().changed(settings=["dibao.standard.rurall=420/month"])
    with pytest.raises(RuleFileError):
        RuleChooser("431022").changed(settings=["dibao.floor.rural=400/month"])


def test_choose_settings_overlay_made_once_per_rule_set() -> None:
    """The --set changes are applied once per rule set, on top of the proposal."""
    chooser = RuleChooser().changed(
        STANDARD_RISE, ["income.reference_months=6"], dt.date(2027, 1, 1)
    )
    one, two = (parse_household(_data(id=name)) for name in ("A", "B"))
    first = chooser.for_household(one)
    assert first is chooser.for_household(two)
    assert first.chain[-2] == "yizhang-standard-rise-2027"
    assert first.at(dt.date(2027, 2, 1)).value("income.reference_months") == 6
