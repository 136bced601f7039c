"""docs/household.md, the household file for contract readers, names every field that
`meanstest schema household` has, and the schema holds the fields issue 12 and 13 added
(single_parent_family, tekun_support_mode, incomes[].basis, hardship, the parents'
conditions): a field added to the model without a line in the docs fails here."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from click.testing import CliRunner
from conftest import ROOT

from meanstest.cli import cli
from meanstest.ruleset.keys import PARENT_CONDITIONS

DOC = ROOT / "docs" / "household.md"


def _schema() -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["schema", "household"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert isinstance(schema, dict)
    return schema


def _target(node: dict[str, Any], defs: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """The definition a property leads to (through a list or an optional), and the path
    suffix that says how ("[]" for a list item)."""
    for option in node.get("anyOf", [node]):
        if option.get("type") == "array" and "$ref" in option.get("items", {}):
            return defs[option["items"]["$ref"].rsplit("/", 1)[1]], "[]"
        if "$ref" in option:
            return defs[option["$ref"].rsplit("/", 1)[1]], ""
    return None, ""


def paths(node: dict[str, Any], defs: dict[str, Any], prefix: str = "") -> Iterator[str]:
    """Every field path of the schema: `members[].parents[].condition`, …"""
    for name, prop in node["properties"].items():
        path = f"{prefix}{name}"
        yield path
        inner, suffix = _target(prop, defs)
        if inner is not None and "properties" in inner:
            yield from paths(inner, defs, f"{path}{suffix}.")


def test_household_doc_names_every_schema_field() -> None:
    """Each field path of the household schema is written (in backticks) in
    docs/household.md, and the doc names no field the schema does not have."""
    schema = _schema()
    every = set(paths(schema, schema["$defs"]))
    text = DOC.read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_]+(?:\[\])?(?:\.[a-z_]+(?:\[\])?)*)`", text))
    missing = sorted(every - named)
    assert not missing, f"schema fields not in docs/household.md: {missing}"
    written = {
        n
        for n in named
        if n.split(".")[0].removesuffix("[]") in schema["properties"]
        and ("." in n or n in schema["properties"])
    }
    assert written <= every, sorted(written - every)


def test_schema_household_has_the_new_input_fields() -> None:
    """The schema has single_parent_family, members[].tekun_support_mode,
    incomes[].basis, hardship, and the parents' conditions: every condition the rules
    may name (`unsupported_child.*` lists), plus `present`."""
    schema = _schema()
    every = set(paths(schema, schema["$defs"]))
    assert {
        "single_parent_family",
        "members[].tekun_support_mode",
        "incomes[].basis",
        "hardship",
        "hardship.payments[].cause",
        "members[].parents[].condition",
        "members[].parents[].since",
    } <= every
    condition = schema["$defs"]["Parent"]["properties"]["condition"]
    enum = next(o["enum"] for o in condition["anyOf"] if "enum" in o)
    assert set(enum) == {"present", *PARENT_CONDITIONS}
