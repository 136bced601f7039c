"""Errors are data: every code meanstest raises has its words in both languages, in one
place (meanstest/render/errors.py and its two tables), and no sentence is written where
an error is raised.

The codes are collected from the source: the code argument of every call that makes a
problem or an error (`Problem`, `MeansTestError` and its kinds, `Invalid`, pydantic's
`invalid`, the readers' own exceptions and flawed cells), whether a literal or either
branch of a conditional, the codes assigned to a name ``code``, and the codes of tables
named ``_JSON_CODES``, ``_YAML_CODES`` and ``RENAMED``. A new error without its words, or
a sentence where a code belongs, fails here.
"""

from __future__ import annotations

import ast
import datetime as dt
import pickle
import string
from pathlib import Path
from typing import Any

import pytest
from pydantic_core import PydanticKnownError

import meanstest
from meanstest.errors import (
    PYDANTIC_TYPES,
    HouseholdInvalid,
    Invalid,
    MeansTestError,
    Problem,
    RuleFileError,
    RuleNotInForce,
)
from meanstest.render.errors import TEMPLATES, WORDS, message, record_item

PACKAGE = Path(meanstest.__file__).resolve().parent
# Callables that take a code, and the position of the code among their arguments.
CODE_ARGUMENT = {
    "Problem": 1,
    "MeansTestError": 0,
    "HouseholdInvalid": 0,
    "RuleFileError": 0,
    "UnknownRuleSet": 0,
    "Invalid": 0,
    "invalid": 0,
    "_LoadError": 1,
    "_Refused": 1,
    "_Unreadable": 0,
    "Flawed": 1,
    "Refused": 0,
    "usage_error": 1,
    "bad_parameter": 1,
    "NoId": 0,
    "ClosedStream": 0,
    "_Closed": 0,
    "NotCaseFile": 0,
    "__init__": 0,
    "_replace": None,  # an error's own __init__; a problem's new code
}
# Where a code may be assigned to a name ``code`` (not the engine's or the renderers'
# reason codes).
ERROR_PACKAGES = (
    "errors.py",
    "model/",
    "ruleset/",
    "files/",
    "batch/",
    "cli/",
    "cases.py",
    "compare.py",
    "api.py",
)
# Parameters that only pydantic's English names: its English detail ("invalid character
# in year"), the class of a list, the plural ending.
ENGLISH_ONLY = {"error", "field_type", "plural"}
_CODE = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _strings(node: ast.expr | None) -> list[ast.expr]:
    """The expressions a code argument may take: both branches of a conditional."""
    if isinstance(node, ast.IfExp):
        return [*_strings(node.body), *_strings(node.orelse)]
    if isinstance(node, ast.Tuple) and node.elts:  # (code, params)
        return _strings(node.elts[0])
    return [] if node is None else [node]


def _code_arguments() -> list[tuple[str, int, ast.expr]]:
    """(module, line, expression) of every code given where an error is made."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = str(path.relative_to(PACKAGE.parent))
        if path.parent.name == "render" and path.name.startswith("errors"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (name := _name(node.func)) in CODE_ARGUMENT:
                at = CODE_ARGUMENT[name]
                argument = (
                    node.args[at]
                    if at is not None and len(node.args) > at
                    else next((k.value for k in node.keywords if k.arg == "code"), None)
                )
                found += [(module, node.lineno, e) for e in _strings(argument)]
            elif isinstance(node, ast.Assign) and any(
                module.removeprefix("meanstest/").startswith(p) for p in ERROR_PACKAGES
            ):
                targets = [t for t in node.targets if isinstance(t, ast.Name | ast.Tuple)]
                for target in targets:
                    names = target.elts if isinstance(target, ast.Tuple) else [target]
                    values = (
                        node.value.elts
                        if isinstance(node.value, ast.Tuple) and isinstance(target, ast.Tuple)
                        else [node.value]
                    )
                    for name_node, value in zip(names, values, strict=False):
                        if isinstance(name_node, ast.Name) and name_node.id == "code":
                            found += [(module, node.lineno, e) for e in _strings(value)]
                        if (
                            isinstance(name_node, ast.Name)
                            and name_node.id in ("_JSON_CODES", "_YAML_CODES")
                            and isinstance(value, ast.Dict)
                        ):  # json's and the YAML parser's messages, as codes
                            found += [
                                (module, node.lineno, v)
                                for v in value.values
                                if isinstance(v, ast.Constant)
                            ]
            elif (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and node.target.id == "RENAMED"
                and isinstance(node.value, ast.Dict)
            ):
                # renamed rule keys -> (code, params) of the problem that says so
                for value in node.value.values:
                    for item in [
                        value,
                        *([value.value] if isinstance(value, ast.DictComp) else []),
                    ]:
                        found += [
                            (module, node.lineno, e)
                            for e in _strings(item)
                            if isinstance(item, ast.Tuple)
                        ]
    return found


def _raised_codes() -> set[str]:
    codes = {
        e.value
        for _, _, e in _code_arguments()
        if isinstance(e, ast.Constant) and isinstance(e.value, str)
    }
    # The ID check returns its code (the member's validator raises it), and the note of an
    # input read as GBK is a code kept in a constant.
    codes |= {"id_number_shape", "id_number_check_digit", "id_number_birth_date", "gbk_note"}
    return codes


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_error_codes_collected() -> None:
    """The source scan finds codes of every kind of place (guards the scan itself)."""
    codes = _raised_codes()
    assert {"household_invalid", "missing_unused"} - codes == {"missing_unused"}
    assert {
        "rule_file_invalid",
        "unit_missing",
        "roll_not_a_column",
        "cell_too_long",
        "json_expecting_value",
        "row_too_long",
        "key_twice",
        "format_not_output",
        "comparison_upper",
        "comparison_lower",
        "sheet_formula_no_value",
        "line_too_long",
        "no_such_member",
    } <= codes


def test_error_codes_every_code_has_words_in_both_languages() -> None:
    """Every code raised anywhere has a template in Chinese and in English."""
    missing = sorted(_raised_codes() - TEMPLATES.keys())
    assert missing == []
    empty = [code for code, (zh, en) in TEMPLATES.items() if not zh.strip() or not en.strip()]
    assert empty == []


def test_error_codes_same_placeholders_in_both_languages() -> None:
    """The Chinese and English sentences of a code name the same parameters (but for the
    English-only words of pydantic's own sentences)."""
    differ = {
        code: (_placeholders(zh), _placeholders(en))
        for code, (zh, en) in TEMPLATES.items()
        if _placeholders(zh) != _placeholders(en) - ENGLISH_ONLY
    }
    assert differ == {}


def test_error_codes_every_template_is_used() -> None:
    """Every template is the words of a code meanstest raises (or of pydantic's)."""
    unused = sorted(
        TEMPLATES.keys() - _raised_codes() - PYDANTIC_TYPES - {"invalid", "rule_not_in_force"}
    )
    assert unused == []


def test_error_codes_no_sentence_where_a_code_belongs() -> None:
    """Where an error is made, its code is a code (snake_case), never a sentence or an
    f-string: the words are in the templates."""
    import re

    bad = [
        f"{module}:{line}"
        for module, line, e in _code_arguments()
        if isinstance(e, ast.JoinedStr)
        or (
            isinstance(e, ast.Constant)
            and isinstance(e.value, str)
            and not re.match(_CODE, e.value)
        )
    ]
    assert bad == []


# Where our English differs from pydantic's on purpose: the household's lists are held as
# tuples inside, and a user who wrote a JSON list is told a list is expected (review 16).
_OUR_ENGLISH = {"tuple_type": "Input should be a valid list"}


@pytest.mark.parametrize("code", sorted(PYDANTIC_TYPES))
def test_error_codes_pydantic_english_is_pydantics(code: str) -> None:
    """The English of each pydantic error type is pydantic's own sentence (but for the
    few in ``_OUR_ENGLISH``, which are ours, word for word)."""
    context: dict[str, Any] = {
        "min_length": 2,
        "max_length": 1,
        "pattern": "^x$",
        "decimal_places": 2,
        "max_digits": 1,
        "whole_digits": 3,
        "ge": 0,
        "le": 4,
        "gt": 1,
        "lt": 9,
        "expected": "'a' or 'b'",
        "error": "input is too short",
        "class_name": "Member",
        "field_type": "List",
        "actual_length": 0,
    }
    template = TEMPLATES[code][1]
    ctx = {name: value for name, value in context.items() if "{" + name in template}
    if "{field_type}" in template and code == "too_long":
        ctx["actual_length"] = 3
    expected = PydanticKnownError(code, ctx or None).message()  # type: ignore[arg-type]
    assert message(code, ctx, "en") == _OUR_ENGLISH.get(code, expected)


def test_error_codes_words_of_coded_parameters_in_both_languages() -> None:
    """A parameter whose value is a word (a JSON kind, a file) has that word's text in
    both languages."""
    empty = [
        (name, word)
        for name, words in WORDS.items()
        for word, (zh, en) in words.items()
        if not zh.strip() or not en.strip()
    ]
    assert empty == []


# ------------------------------------------------------------ the values themselves


def test_error_str_is_the_english_text() -> None:
    """str() of an error is its English text: file, headline, each problem at its place
    (with line and column, and a case roll's row)."""
    error = HouseholdInvalid(
        "household_invalid",
        path="h.json",
        problems=(
            Problem("members.0.age", "greater_than_equal", {"ge": 0}),
            Problem("", "json_expecting_value", {}, 3, 7),
            Problem("年龄", "int_type", row=4),
        ),
    )
    assert str(error) == (
        "h.json: the household does not follow meanstest.household/1\n"
        "  members.0.age: Input should be greater than or equal to 0\n"
        "  line 3, column 7: Expecting value\n"
        "  年龄: row 4: Input should be a valid integer"
    )
    assert error.message == "the household does not follow meanstest.household/1"


def test_error_pickles_whole() -> None:
    """An error crosses a process boundary (batch workers) with its code, parameters,
    file and problems; so do the errors with fields of their own."""
    error = RuleFileError(
        "rule_file_invalid",
        path="x.yaml",
        problems=(Problem("parameters.a", "key_unknown", line=2, column=1),),
    )
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert (type(again), again.code, again.path, again.problems) == (
        RuleFileError,
        "rule_file_invalid",
        "x.yaml",
        error.problems,
    )
    assert str(again) == str(error)
    blob = pickle.dumps(
        RuleNotInForce("dibao.standard.rural", dt.date(2020, 1, 1), rule_set="431022")
    )
    late = pickle.loads(blob)  # noqa: S301 - our own bytes
    assert (late.key, late.rule_set, late.params["on"]) == (
        "dibao.standard.rural",
        "431022",
        "2020-01-01",
    )


def test_invalid_places_its_problem_below_the_value() -> None:
    """A checker's fault inside a structure is placed below the value it was found in."""
    fault = Invalid("unit_missing", unit_forms=["yuan/month", "yuan/year"]).inside(1, "amount")
    problem = fault.problem("parameters.x.values.0.value", 12, 5)
    assert problem == Problem(
        "parameters.x.values.0.value.1.amount",
        "unit_missing",
        {"unit_forms": ["yuan/month", "yuan/year"]},
        12,
        5,
    )
    assert str(fault) == "give the unit of the amount: unit: yuan/month | yuan/year"
    assert isinstance(fault, ValueError)


def test_error_record_item_in_the_jobs_language() -> None:
    """An error record's item says the message in the run's language and carries the
    code, its parameters (as JSON writes them) and a case roll's row."""
    problem = Problem("年龄", "too_many_items", {"limit": 500, "found": 600}, row=3)
    assert record_item(problem, "en") == {
        "loc": "年龄",
        "msg": "row 3: at most 500 items (found 600)",
        "code": "too_many_items",
        "params": {"limit": 500, "found": 600},
        "row": 3,
    }
    assert record_item(problem, "zh")["msg"] == "第 3 行：最多 500 项（现有 600 项）"
    plain = record_item(Problem("", "file_empty", {}, 1, 1), "en")
    assert plain == {"loc": "", "msg": "the file is empty (column 1)", "code": "file_empty"}


def test_error_is_one_family() -> None:
    """Every error kind is a MeansTestError, with a code."""
    for kind in (HouseholdInvalid, RuleFileError):
        assert kind("household_invalid").code == "household_invalid"
        assert issubclass(kind, MeansTestError)
