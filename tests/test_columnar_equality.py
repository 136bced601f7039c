"""The columnar engine and the reference engine agree on every summary field.

For every shipped rule file (rules/), every example rule file (examples/rules/), every
proposal (examples/proposals/) and the engine and ladder test fixtures (deduction caps
of every kind, every rounding mode and stage, tiers, 分类施保, 特困 standards), hypothesis
draws case rolls: households of every field of the contract, households on or a few fen
from a line the rules draw (the standard, the edge multiplier, half a fen of gap, the
financial limit, a single-person gap), and nearly valid ones. Each roll goes through the
columnar engine as one block (`BlockRunner`) and, record by record, through the
reference engine (`core.Assessor`), and the two summary records (or error records) of
every household must be equal, field for field, in order.

Records the columnar engine sends to the reference are equal by construction; what
this proves is the households it decides itself. Each example says how many those
were (hypothesis `event`), and a separate test requires the columnar engine to decide
most of an ordinary roll.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import examples
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from strategies import at_a_line, current, households, nearly_valid

from meanstest.batch.columnar_run import BlockRunner
from meanstest.batch.core import Assessor, Job
from meanstest.files.records import Record
from meanstest.ruleset.load import load_rules
from meanstest.ruleset.model import RuleSet
from meanstest.ruleset.views import Rule

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "rules"
TODAY = dt.date(2022, 1, 1)
RULE_FILES = [
    *sorted((ROOT / "rules").glob("*.yaml")),
    *sorted((ROOT / "examples" / "rules").glob("*.yaml")),
    *sorted((ROOT / "examples" / "proposals").glob("*.yaml")),
    *sorted((FIXTURES / "engine").glob("*.yaml")),
    *sorted((FIXTURES / "ladder").glob("*.yaml")),
]
PROPERTY = settings(
    deadline=None,
    max_examples=examples(60),
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

sys.path.insert(0, str(ROOT / "benchmarks"))
# A township or village at or past the household model's limits (1 to 60 characters
# once stripped, text): the valid ones the columnar engine decides, the rest it routes.
ODD_PLACES: tuple[Any, ...] = (
    "镇" * 60,
    "镇" * 61,
    " " + "镇" * 60 + " ",
    "",
    "  ",
    "\u3000",
    "梅田镇\n",
    "梅田\\镇",
    '梅"田',
    "梅,田,镇",
    "\u200b梅田镇",
    None,
    3,
    True,
    ["梅田镇"],
    {"name": "梅田镇"},
)


@functools.cache
def _rules(path: Path) -> RuleSet:
    return load_rules(str(path), path.parent if "fixtures" in path.parts else None)


@functools.cache
def _runner(path: Path) -> tuple[BlockRunner, Assessor]:
    job = Job(today=TODAY, rules=_rules(path), output="dict", detail="summary")
    return BlockRunner(job), Assessor(job)


def _dates(rule_set: RuleSet) -> tuple[dt.date, dt.date]:
    """The years a rule set's values start in (a proposal's first date, if later)."""
    starts = [e.start for s in rule_set.series.values() for e in s.entries]
    last_start = max(starts)
    first = max(dt.date(2021, 7, 1), min(last_start, dt.date(2027, 1, 1)))
    return first, max(
        first, dt.date(2027, 12, 31) if last_start.year >= 2027 else dt.date(2026, 12, 31)
    )


def _types(rule_set: RuleSet) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(rule_set.income_types), tuple(rule_set.expense_types)


@st.composite
def _household_fields(draw: st.DrawFn, h: dict[str, Any], *, odd_place: bool) -> Any:
    """A household with a single-parent flag now and then (a boolean, or not), and with
    ``odd_place`` a township or village at or past its limits."""
    if draw(st.integers(0, 3)) == 0:
        h["single_parent_family"] = draw(st.sampled_from((True, False, "true", 1)))
    if odd_place:
        h[draw(st.sampled_from(("township", "village")))] = draw(st.sampled_from(ODD_PLACES))
    return h


@st.composite
def rolls(draw: st.DrawFn, path: Path) -> list[Any]:
    """A case roll for one rule set: ordinary, at-a-line and nearly valid households."""
    rule_set = _rules(path)
    first, last = _dates(rule_set)
    incomes, expenses = _types(rule_set)
    out: list[Any] = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(
            st.sampled_from(("plain", "common", "common", "line", "line", "nearly", "place"))
        )
        if kind in ("plain", "common", "place"):
            # "common": what the columnar engine decides itself, or mostly (no parents;
            # supporters, renewals with a current status, places, single-parent families);
            # "plain": every field of the contract; "place": a township or village at
            # or past its limits.
            h = draw(
                households(
                    first_day=first,
                    last_day=last,
                    income_types=incomes,
                    expense_types=expenses,
                    supporters=kind != "place",
                    places=True,
                )
            )
            if kind != "plain":
                for m in h["members"]:
                    m.pop("parents", None)
            out.append(draw(_household_fields(h, odd_place=kind == "place")))
        elif kind == "line":
            on = draw(st.dates(first, last))
            views = rule_set.at(on).views
            standard = views.dibao.standard["rural"]
            multiplier = views.dibao.edge_multiplier
            limit = views.assets.financial_limit_months
            if not isinstance(standard, Rule) or not isinstance(multiplier, Rule):
                continue
            counted = next((t for t in ("wage", "pension", "farming") if t in incomes), None)
            if counted is None:
                continue
            h = draw(
                at_a_line(
                    int(standard.value * 100),
                    multiplier.value,
                    limit.value if isinstance(limit, Rule) else None,
                    first_day=on,
                    last_day=on,
                    counted_type=counted,
                    income_types=incomes,
                    expense_types=expenses,
                )
            )
            if draw(st.booleans()):
                # A renewal on the line: phase-out turns on the standard and the edge.
                h["current"] = draw(current(on))
            out.append(h)
        else:
            out.append(draw(nearly_valid())[1])
    for i, h in enumerate(out):
        if isinstance(h, dict) and "id" not in h and draw(st.booleans()):
            h["id"] = f"H{i}"
    return out


def _line(h: Any) -> bytes:
    return (
        json.dumps(h, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
        + b"\n"
    )


def _compare(path: Path, roll: list[Any], *, events: bool = True) -> int:
    """Run a roll both ways; return how many households the columnar engine decided."""
    runner, reference = _runner(path)
    data = b"".join(_line(h) for h in roll)
    piece = runner.run(data)
    expected = [
        reference.outcome(Record(i + 1, line)).output
        for i, line in enumerate(data.splitlines())
        if line.strip()
    ]
    assert piece.output == expected
    for why in piece.tally.routes if events else ():
        event(f"to the reference: {why.split(':')[0]}")
    return piece.tally.paths["columnar"]


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.stem for p in RULE_FILES])
@PROPERTY
@given(data=st.data())
def test_columnar_equality_every_rule_file(path: Path, data: st.DataObject) -> None:
    """Every summary field of every household is the reference engine's, under every
    rule file."""
    roll = data.draw(rolls(path))
    decided = _compare(path, roll)
    event(f"columnar: {'all' if decided == len(roll) else 'some' if decided else 'none'}")


def test_columnar_equality_decides_an_ordinary_roll() -> None:
    """The columnar engine decides nearly every household of a synthetic roll itself,
    so the equality above is about its own figures, not the reference's."""
    import synth  # benchmarks/synth.py, on the path above

    roll = list(synth.households(400, seed=5))
    path = ROOT / "rules" / "431022-yizhang.yaml"
    decided = _compare(path, roll, events=False)
    assert decided >= 0.95 * len(roll)


@pytest.mark.parametrize("amount", ["0.005", "12.345", "1e2", "1.5e-1", "00012.30", "12.500", "-0"])
def test_columnar_equality_money_lexemes(amount: str) -> None:
    """Money written in every way JSON allows is read as the reference reads it."""
    base = {
        "id": "M",
        "region": "431022",
        "area": "rural",
        "assessed_on": "2021-12-01",
        "members": [{"id": "p1", "relation": "applicant", "age": 40}],
    }
    text = json.dumps(base)[:-1] + (
        f', "incomes": [{{"type": "wage", "amount": {amount}, "per": "month"}}]}}'
    )
    runner, reference = _runner(ROOT / "rules" / "431022-yizhang.yaml")
    piece = runner.run(text.encode() + b"\n")
    assert piece.output == [reference.outcome(Record(1, text.encode())).output]
    assert Decimal  # the amounts above are exact decimals, never floats


@pytest.mark.parametrize(
    ("county", "decided"),
    [
        ("990001-example-county-a", 0.9),
        ("990002-example-county-b", 0.0),
        ("990003-example-county-c", 0.95),
    ],
)
def test_columnar_equality_example_counties_decide_or_fall_back(
    county: str, decided: float
) -> None:
    """Under each example county's rules, on a day they are in force (2026-03-01), a
    synthetic roll is decided by the columnar engine (A: minimum benefit and extra
    分类施保 groups; C: 特困 standards by area and mode, the at-home ones cited) with
    every summary field the reference engine's; county B's single-person bands are
    not covered, so every household falls back to the reference engine (declared as
    "not covered", and equal by construction). County A's minimum benefit is a share of
    the standard the reference holds as an inexact decimal: a benefit that lands on a
    rounding edge from it goes to the reference too (17 of these 300)."""
    import synth  # benchmarks/synth.py, on the path above

    roll = list(synth.households(300, seed=7))
    for h in roll:
        h["assessed_on"] = "2026-03-01"
    path = ROOT / "examples" / "rules" / f"{county}.yaml"
    runner, _ = _runner(path)
    taken = _compare(path, roll, events=False)
    if decided:
        assert taken >= decided * len(roll)
    else:
        piece = runner.run(b"".join(_line(h) for h in roll))
        assert taken == 0
        assert set(piece.tally.routes) == {
            "not covered: a rule feature the columnar engine does not compute: "
            "views.single_person.bands"
        }
