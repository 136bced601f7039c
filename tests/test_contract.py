"""Tests of the output contract: real records of every status follow the one declaration.

`model.contract` declares `meanstest.assessment/1` and `meanstest.error/1` once, as
TypedDicts; `render.json` builds the records as plain dicts, and the JSON Schema that
`meanstest schema assessment` prints is derived from the same types. These tests hold
the two sides together: records written by the batch stream (as JSON, the way a
pipeline reads them) validate strictly, for every status the engine can give.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import pytest
from conftest import EXAMPLES, FIXTURES
from pydantic import ValidationError

from meanstest import assess_records
from meanstest.model.contract import (
    AssessmentOut,
    ErrorOut,
    json_schema,
    validate_assessment,
    validate_error,
)
from meanstest.model.result import Status

LADDER_DEMO = EXAMPLES / "rules" / "yizhang-ladder-demo.yaml"
TIERED_DEMO = EXAMPLES / "rules" / "yizhang-tiered-demo.yaml"
TODAY = dt.date(2022, 1, 1)

# One household (and its rules) for each status, plus the ladder's optional parts.
_CASES: list[tuple[str, Path, Path | None]] = [
    ("dibao", EXAMPLES / "yizhang-widow-diabetes.json", None),
    ("dibao_single", EXAMPLES / "yizhang-disabled-spouse-single-person.json", None),
    ("edge", EXAMPLES / "yizhang-couple-edge-household.json", None),
    ("not_eligible", EXAMPLES / "yizhang-private-car-fails-asset-test.json", None),
    ("phase_out", EXAMPLES / "ladder" / "yizhang-phase-out-new-job.json", None),
    ("rigid_expenditure", EXAMPLES / "ladder" / "yizhang-rigid-expenditure-2025.json", LADDER_DEMO),
    ("tekun", EXAMPLES / "ladder" / "yizhang-tekun-elderly-alone.json", LADDER_DEMO),
    ("dibao", EXAMPLES / "ladder" / "yizhang-classified-top-ups.json", LADDER_DEMO),
    ("dibao", EXAMPLES / "yizhang-four-person-farming-family.json", TIERED_DEMO),
]


def _record(path: Path, rules: Path | None, lang: str, *, show: bool = False) -> Any:
    """The batch record of one household, as a pipeline reads it (JSON text, decoded)."""
    [record] = assess_records(
        [path.read_bytes()], rules=rules, today=TODAY, lang=lang, show_personal_data=show
    )
    return json.loads(json.dumps(record, ensure_ascii=False))


def test_contract_cases_cover_every_status() -> None:
    """The households below give every status of `meanstest.assessment/1`."""
    assert {status for status, _, _ in _CASES} == set(get_args(Status))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("status", "path", "rules"), _CASES, ids=[f"{s}-{p.stem}" for s, p, _ in _CASES]
)
def test_contract_record_of_each_status_validates(
    status: str, path: Path, rules: Path | None, lang: str
) -> None:
    """A real record of each status, in both languages, validates strictly against the schema."""
    data = _record(path, rules, lang)
    assert data["status"] == status
    validate_assessment(data)


def test_contract_unmasked_record_validates() -> None:
    """A record with personal data shown (names, ID numbers) still follows the schema."""
    data = _record(EXAMPLES / "yizhang-veteran-exempt-income.json", None, "zh", show=True)
    assert data["members"][0]["name"] == "黄国华"
    validate_assessment(data)


def test_contract_error_records_validate() -> None:
    """Every error record of the mixed roll (bad JSON, no id, bad date, unknown region)
    follows `meanstest.error/1`."""
    lines = (FIXTURES / "batch" / "mixed.jsonl").read_bytes().splitlines()
    errors = [r for r in assess_records(lines, today=TODAY) if r["schema"] == "meanstest.error/1"]
    assert len(errors) == 4
    for record in errors:
        validate_error(json.loads(json.dumps(record)))


@pytest.mark.parametrize("change", ["missing", "extra", "money", "status"])
def test_contract_validation_refuses_a_broken_record(change: str) -> None:
    """The check is not vacuous: a missing or unknown key, money not to the fen or an
    unknown status is refused."""
    data = copy.deepcopy(_record(EXAMPLES / "yizhang-widow-diabetes.json", None, "en"))
    if change == "missing":
        del data["benefit"]
    elif change == "extra":
        data["income"]["surplus"] = "1.00"
    elif change == "money":
        data["benefit_monthly"] = "570"
    else:
        data["status"] = "maybe"
    with pytest.raises(ValidationError):
        validate_assessment(data)


def test_contract_schema_names_required_fields_and_forbids_others() -> None:
    """The derived JSON Schema requires the contract's fields and allows no others."""
    schema = json_schema(AssessmentOut)
    assert schema["additionalProperties"] is False
    assert {
        "schema",
        "household_id",
        "rules",
        "status",
        "eligible",
        "benefit_monthly",
        "members",
        "reasons",
        "trace",
        "warnings",
    } <= set(schema["required"])
    assert schema["properties"]["schema"]["const"] == "meanstest.assessment/1"
    assert json_schema(ErrorOut)["required"] == ["schema", "household_id", "line", "errors"]


_LOADERS = (
    "meanstest.ruleset.load",
    "meanstest.ruleset.resolve",
    "meanstest.ruleset.across",
    "meanstest.ruleset.choose",
    "meanstest.ruleset.cache",
    "meanstest.ruleset.rulefile",
    "meanstest.ruleset.yamlfile",
    "yaml",
)


@pytest.mark.parametrize(
    "module",
    [
        "meanstest.model.result",
        "meanstest.model.contract",
        "meanstest.render.json",
        "meanstest.render.table",
        "meanstest.render.markdown",
        "meanstest.render.rules",
        "meanstest.render.compare",
        "meanstest.render.html",
        "meanstest.compare",
        "meanstest.render.form",
        "meanstest.render.refusal",
    ],
)
def test_contract_results_and_renderers_never_import_a_loader(module: str) -> None:
    """The result model, its renderers and the comparison depend on the resolved rule
    model only: importing one (in a fresh interpreter) loads no rule loader or YAML."""
    probe = f"import sys, {module}\nprint(sorted(m for m in {_LOADERS!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
