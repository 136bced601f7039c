"""Tests of the labels and messages: both languages everywhere, every engine code covered.

The codes the engine can emit are collected from the source of meanstest/engine.py, so
a new `Reason("...")`, warning or trace step without a message or label fails here
before a caseworker meets an untranslated code on screen.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args, get_type_hints

import pytest
from pydantic import BaseModel

import meanstest.engine
from meanstest.model.contract import (
    AssetTestOut,
    DeductionOut,
    IncomeItemOut,
    SourceOut,
    WarningCode,
)
from meanstest.model.fields import MemberStatus, Relation
from meanstest.model.result import Status
from meanstest.model.vocabulary import VOCABULARIES
from meanstest.render.labels import LABELS, MESSAGES, default_lang, label, message
from meanstest.ruleset.checks import BREACH_CODES
from meanstest.ruleset.rulefile import IncomeTypeDecl

ENGINE_SOURCE = "\n".join(
    p.read_text(encoding="utf-8")
    for p in sorted(Path(meanstest.engine.__file__).parent.glob("*.py"))
)


def _literals(model: type[BaseModel] | type[Mapping[str, Any]], field: str) -> tuple[str, ...]:
    """The values of a Literal[...] (possibly optional) field of a pydantic model or of a
    TypedDict of the output contract."""
    if isinstance(model, type) and issubclass(model, BaseModel):
        annotation = model.model_fields[field].annotation
    else:
        annotation = get_type_hints(model)[field]
    values = get_args(annotation)
    if values and not all(isinstance(v, str) for v in values):  # Literal[...] | None
        values = tuple(v for arg in values for v in get_args(arg))
    return tuple(v for v in values if isinstance(v, str))


def _reason_codes() -> set[str]:
    """Codes passed to Reason(...): the literal first argument and any `else` alternative."""
    codes: set[str] = set()
    for match in re.finditer(r"Reason\(", ENGINE_SOURCE):
        head = re.split(r"[{)]", ENGINE_SOURCE[match.start() :], maxsplit=1)[0]
        codes.update(re.findall(r'(?:Reason\(\s*|\belse\s+)"(\w+)"', head))
    return codes


def _cap_codes() -> set[str]:
    """Codes the engine keeps in tables rather than writes at the call (the capped_<cap>
    codes of the caps loop, the threshold codes by comparison): every string in the
    module-level dicts named ``_*CODES`` or ``_CAPPED``."""
    codes: set[str] = set()
    for path in sorted(Path(meanstest.engine.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and re.fullmatch(r"_[A-Z_]*(CODES|CAPPED)", t.id)
                for t in node.targets
            ):
                values = node.value.values if isinstance(node.value, ast.Dict) else []
                codes.update(
                    c.value
                    for v in values
                    for c in ast.walk(v)
                    if isinstance(c, ast.Constant) and isinstance(c.value, str)
                )
    assert codes, "no code tables found in the engine"
    return codes


def _trace_steps() -> set[str]:
    return set(re.findall(r'trace\.add\(\s*"(\w+)"', ENGINE_SOURCE))


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# ------------------------------------------------------------------ both languages


def test_labels_have_zh_and_en() -> None:
    """Every LABELS entry has a non-empty Chinese and English text."""
    bad = [k for k, (zh, en) in LABELS.items() if not zh.strip() or not en.strip()]
    assert bad == []


def test_messages_have_zh_and_en() -> None:
    """Every MESSAGES entry has a non-empty Chinese and English text."""
    bad = [k for k, (zh, en) in MESSAGES.items() if not zh.strip() or not en.strip()]
    assert bad == []


def test_messages_same_placeholders_in_both_languages() -> None:
    """The Chinese and English text of a message use the same {placeholders}."""
    bad = {
        k: (_placeholders(zh), _placeholders(en))
        for k, (zh, en) in MESSAGES.items()
        if _placeholders(zh) != _placeholders(en)
    }
    assert bad == {}


# ------------------------------------------------------------------ engine codes


def test_engine_reason_codes_collected() -> None:
    """The source scan finds the reason codes it should (guards the scan itself)."""
    codes = _reason_codes() | _cap_codes()
    assert {
        "below_standard",
        "above_standard",
        "below_edge",
        "above_edge",
        "accepted",
        "netted",
        "financial_ok",
        "financial_over",
        "vehicle_ok",
        "vehicle_over",
        "not_tested",
        "capped_per_item_monthly",
        "capped_per_person_monthly",
        "capped_per_household_monthly",
        "capped_share_of_income",
    } <= codes


def test_engine_reason_codes_have_messages() -> None:
    """Every reason, deduction and asset code the engine can emit has a message."""
    missing = sorted((_reason_codes() | _cap_codes()) - MESSAGES.keys())
    assert missing == []


def test_engine_warning_codes_have_messages() -> None:
    """Every warning code the engine can emit, and each source kind it names, has a message."""
    codes = set(re.findall(r'Warning\(\s*"(\w+)"', ENGINE_SOURCE))
    assert codes >= {"provisional_value", "unofficial_source"}
    # A failed consistency check warns by its comparison; the table says it short.
    breaches = {*BREACH_CODES.values(), *(f"{c}_short" for c in BREACH_CODES.values())}
    kinds = {f"kind.{k}" for k in _literals(SourceOut, "kind") if k != "official"}
    assert sorted((codes | breaches | kinds) - MESSAGES.keys()) == []


def test_warning_codes_are_the_contract_codes() -> None:
    """The warning codes the engine can emit are exactly the contract's WarningCode."""
    codes = set(re.findall(r'Warning\(\s*"(\w+)"', ENGINE_SOURCE)) | set(BREACH_CODES.values())
    assert codes == set(get_args(WarningCode))


def test_threshold_messages_exist() -> None:
    """The distance-to-threshold sentences and the threshold names have messages."""
    needed = {"margin_below", "margin_above", "threshold.dibao", "threshold.edge"}
    assert sorted(needed - MESSAGES.keys()) == []


# ------------------------------------------------------------------ labels for codes


@pytest.mark.parametrize(
    ("prefix", "values"),
    [
        ("status", get_args(Status)),
        ("relation", get_args(Relation)),
        ("category", _literals(IncomeTypeDecl, "category")),
        ("excluded", tuple(s for s in get_args(MemberStatus) if s != "resident")),
        ("income", _literals(IncomeItemOut, "reason")),
        ("deduction", _literals(DeductionOut, "status")),
        *(
            (prefix, VOCABULARIES[name].codes)
            for prefix, name in (
                ("disability", "disability_category"),
                ("vehicle", "vehicle_kind"),
                ("care", "care_band"),
                ("support_mode", "support_mode"),
                ("condition", "member_condition"),
                ("stage", "rounding_stage"),
                ("hardship", "hardship_type"),
                ("cause", "hardship_cause"),
                ("hexpense", "hardship_expense"),
                ("parent", "parent_condition"),
            )
        ),
    ],
)
def test_code_vocabulary_has_labels(prefix: str, values: tuple[str, ...]) -> None:
    """Every code a renderer labels (status, relation, income category, exclusion, line
    outcome, and the vocabularies of `model.vocabulary`) has a label."""
    assert values
    missing = [f"{prefix}.{v}" for v in values if f"{prefix}.{v}" not in LABELS]
    assert missing == []


def test_trace_steps_have_labels() -> None:
    """Every trace step name the engine records has a step.<name> label."""
    steps = _trace_steps()
    assert {"membership", "standard", "status", "benefit"} <= steps
    assert sorted(f"step.{s}" for s in steps if f"step.{s}" not in LABELS) == []


def test_asset_tests_have_labels() -> None:
    """Every asset test the engine runs has an asset.<name> label."""
    names = set(re.findall(r'AssetTest\(\s*"(\w+)"', ENGINE_SOURCE))
    assert {"financial", "vehicle", "housing", "business", "other"} <= names
    assert sorted(f"asset.{n}" for n in names if f"asset.{n}" not in LABELS) == []
    assert _literals(AssetTestOut, "test") == ()  # free text in the schema: nothing to add


def test_label_unknown_key_returns_key() -> None:
    """label() falls back to the key itself, so a missing label is visible, not a crash."""
    assert label("no.such.label", "zh") == "no.such.label"
    assert label("status.dibao", "zh") == "低保"
    assert label("status.dibao", "en") == "dibao"


# ------------------------------------------------------------------ default language


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LC_ALL": "zh_TW"}, "zh"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh"),
        ({}, "en"),
    ],
)
def test_default_lang_from_locale(environ: dict[str, str], lang: str) -> None:
    """default_lang follows LC_ALL, then LANG: Chinese for zh_*, English otherwise or unset."""
    assert default_lang(environ) == lang


# ------------------------------------------------------------------ formatting


def test_message_money_two_places() -> None:
    """Decimal money in a message is written to the fen: 190 → 190.00, 41.666 → 41.67."""
    text = message(
        "below_standard", {"per_capita": Decimal("190"), "standard": Decimal("380.5")}, "en"
    )
    assert "¥190.00/month" in text
    assert "¥380.50/month" in text
    zh = message("margin_below", {"name": "低保", "amount": Decimal("41.666")}, "zh")
    assert "41.67 元" in zh


def test_message_ratio_plain() -> None:
    """A ratio is written as is (1.50 → 1.5) and a share as a percentage (0.30 → 30%)."""
    text = message("below_edge", {"edge": Decimal("570"), "multiplier": Decimal("1.50")}, "en")
    assert "¥570.00/month" in text
    assert "(1.5 × the standard)" in text
    share = message(
        "capped_share_of_income", {"share": Decimal("0.30"), "allowed": Decimal("100")}, "en"
    )
    assert "at most 30% of income" in share
    assert "100.00/month" in share
    months = message(
        "financial_ok",
        {"per_capita": Decimal("1000"), "limit": Decimal("9120"), "months": Decimal("24")},
        "zh",
    )
    assert "（24 个月标准）" in months
    assert "9120.00 元" in months


def test_message_kept_sentences_tell_equal_values_of_other_types_apart() -> None:
    """Sentences are kept by their parameters, and 1 == True == Decimal(1) in Python:
    each must still be written its own way (1, true, ¥1.00), in either order asked."""
    count = message("housing_ok", {"count": 1, "max": 1}, "en")
    flag = message("housing_ok", {"count": True, "max": 1}, "en")
    money = message("margin_below", {"name": "dibao", "amount": Decimal(1)}, "en")
    whole = message("margin_below", {"name": "dibao", "amount": 1}, "en")
    assert count == "1 house(s), at most 1"
    assert flag == "true house(s), at most 1"
    assert money == "Monthly household income is ¥1.00 below the dibao threshold."
    assert whole == "Monthly household income is ¥1 below the dibao threshold."
    assert message("housing_ok", {"count": 1, "max": 1}, "zh") == "住房 1 套，上限 1 套"


def test_message_with_an_unhashable_parameter_is_still_said() -> None:
    """A list parameter cannot key the kept sentences; the sentence is made anyway."""
    assert message("housing_ok", {"count": [2], "max": 1}, "en") == "[2] house(s), at most 1"
