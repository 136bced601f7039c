"""How a renewal's payment changes (issue 15 point 6): more, less, unchanged, stopped,
phase-out or started, and the month it applies from: the month after the decision
(S2 Art. 21; the assessment date stands for the decision).

The rules are the `ladder` fixture: rural standard 380.00 a month, phase-out 6 months,
edge line 1.5 × 380 = 570.00. Every household is one person unless said, so the
benefit is 380 − income.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from meanstest.cli import cli
from meanstest.engine import assess
from meanstest.engine.change import month_after
from meanstest.model.contract import validate_assessment
from meanstest.model.household import parse_household
from meanstest.model.result import Assessment, Change
from meanstest.render.json import to_json
from meanstest.render.markdown import render as markdown
from meanstest.ruleset.load import RuleLibrary
from meanstest.ruleset.model import RuleSet

ON = dt.date(2022, 3, 15)
LADDER = FIXTURES / "rules" / "ladder" / "ladder.yaml"


@functools.cache
def _rules() -> RuleSet:
    return RuleLibrary(FIXTURES / "rules" / "ladder").load("ladder")


def person(
    income: str | None, current: dict[str, Any] | None, *, type_: str = "wage", on: dt.date = ON
) -> Assessment:
    """One employed person of 40 with a monthly income, assessed on ``on``."""
    data: dict[str, Any] = {
        "area": "rural",
        "members": [{"id": "p1", "relation": "applicant", "age": 40, "employment": "employed"}],
    }
    if income is not None:
        data["incomes"] = [{"member": "p1", "type": type_, "amount": income, "per": "month"}]
    if current is not None:
        data["current"] = current
    return assess(parse_household(data), _rules().at(on))


def dibao(amount: str) -> dict[str, Any]:
    return {"status": "dibao", "monthly_benefit": amount, "since": "2021-06-01"}


@pytest.mark.parametrize(
    ("income", "current", "kind", "to"),
    [
        # 380 − 100 = 280.00 against 200.00 now: more
        ("100", dibao("200"), "more", "280.00"),
        # 280.00 against 300.00: less
        ("100", dibao("300"), "less", "280.00"),
        # 280.00 against 280.00: unchanged
        ("100", dibao("280"), "unchanged", "280.00"),
        # rent 1000 (not work): not eligible, no phase-out: stopped
        ("1000", dibao("200"), "stopped", "0.00"),
        # an edge household now on dibao at 280.00: started
        ("100", {"status": "edge"}, "started", "280.00"),
    ],
)
def test_change_kinds_from_the_month_after_the_decision(
    income: str, current: dict[str, Any], kind: str, to: str
) -> None:
    """Decided on 2022-03-15: every change applies from 2022-04."""
    result = person(income, current, type_="rent" if kind == "stopped" else "wage")
    assert result.change is not None
    assert (result.change.kind, f"{result.change.to_monthly:.2f}", result.change.from_month) == (
        kind,
        to,
        "2022-04",
    )


def test_change_enters_phase_out() -> None:
    """Wage 1000 (work): per capita 1000 over the standard, from dibao 200.00: phase-out at
    200.00 from 2022-04 (6 months, to 2022-09)."""
    result = person("1000", dibao("200"))
    assert result.status == "phase_out"
    assert result.change == Change(
        "phase_out",
        "dibao",
        "phase_out",
        result.change.from_monthly,
        result.change.to_monthly,
        "2022-04",
    )
    assert f"{result.change.to_monthly:.2f}" == "200.00"
    assert result.phase_out is not None
    assert result.phase_out.until == "2022-09"


def test_change_of_a_phase_out_that_ran_out_stops_after_its_last_month() -> None:
    """A phase-out from 2022-02 to 2022-07 reviewed on 2022-08-01 stopped from 2022-08,
    not 2022-09: nothing is paid after its last month."""
    result = person(
        "1000",
        {"status": "phase_out", "monthly_benefit": "300", "since": "2022-01-10"},
        on=dt.date(2022, 8, 1),
    )
    assert result.change is not None
    assert (result.change.kind, result.change.from_month) == ("stopped", "2022-08")


def test_change_across_the_year_end_and_none_without_current() -> None:
    """Decided on 2022-12-20, the change applies from 2023-01; no current, no change."""
    assert month_after(dt.date(2022, 12, 20)) == "2023-01"
    result = person("100", dibao("200"), on=dt.date(2022, 12, 20))
    assert result.change is not None
    assert result.change.from_month == "2023-01"
    assert person("100", None).change is None


def test_change_in_json_table_and_markdown() -> None:
    """The JSON record has a valid `change` section; Markdown and the table say it."""
    result = person("100", dibao("300"))
    record = to_json(result, "en")
    validate_assessment(record)
    assert record["change"] == {
        "kind": "less",
        "from_status": "dibao",
        "to_status": "dibao",
        "from_monthly": "300.00",
        "to_monthly": "280.00",
        "from_month": "2022-04",
        "message": "The benefit falls from ¥300.00 to ¥280.00 from 2022-04.",
    }
    assert to_json(result, "zh")["change"]["message"] == (
        "救助金由 300.00 元减少到 280.00 元，自 2022-04 起执行。"
    )
    assert "change" not in to_json(person("100", None), "en")
    text = markdown(result, "en")
    assert "## Payment change" in text
    assert "The benefit falls from ¥300.00 to ¥280.00 from 2022-04." in text


def test_change_through_check(tmp_path: Any) -> None:
    """`check` shows the change in the table (zh) and JSON."""
    path = tmp_path / "renewal.json"
    path.write_text(
        json.dumps(
            {
                "area": "rural",
                "assessed_on": "2022-03-15",
                "members": [
                    {"id": "p1", "relation": "applicant", "age": 40, "employment": "employed"}
                ],
                "incomes": [{"member": "p1", "type": "wage", "amount": "100", "per": "month"}],
                "current": dibao("200"),
            }
        ),
        encoding="utf-8",
    )
    runner = CliRunner()
    table = runner.invoke(
        cli, ["check", str(path), "--rules", str(LADDER), "--lang", "zh"], env={"COLUMNS": "200"}
    )
    assert "救助金由 200.00 元增加到 280.00 元，自 2022-04 起执行。" in table.stdout
    assert "起始月份为决定（核算日期）的次月" in table.stdout
    out = runner.invoke(cli, ["check", str(path), "--rules", str(LADDER), "--format", "json"])
    assert json.loads(out.stdout)["change"]["kind"] == "more"


def test_change_from_dibao_to_tekun_says_the_household_is_supported_as_tekun() -> None:
    """A person of 72, alone, no supporters, on dibao at 300.00: now 特困 (494.00 + 49.40
    = 543.40 support); dibao stops from 2022-04, and the sentence says 特困 follows."""
    data = {
        "area": "rural",
        "members": [{"id": "p1", "relation": "applicant", "age": 72, "supporters": []}],
        "current": dibao("300"),
    }
    result = assess(parse_household(data), _rules().at(ON))
    assert (result.status, f"{result.support_monthly:.2f}") == ("tekun", "543.40")
    record = to_json(result, "en")["change"]
    assert (record["kind"], record["to_status"], record["from_month"]) == (
        "stopped",
        "tekun",
        "2022-04",
    )
    assert record["message"] == (
        "Dibao of ¥300.00 a month stops from 2022-04: supported as 特困 instead."
    )
