"""Errors in the user's language, from their codes: the one place errors become text.

An error is data (`meanstest.errors`): a headline code and problems, each a code with
parameters and a place. `TEMPLATES` holds the sentence of every code in Chinese and
English, ``{name}`` naming a parameter (``{limit:,}`` writes 1,000,000); this module
and its two tables (`errors_rules` for rule files, `errors_input` for households,
case rolls and the command line) are everything that words an error. pydantic's own
error types are codes too (``missing``, ``greater_than_equal``), worded as pydantic
words them in English.

Parameters from the input (a file name, a header, a value) are shown with their
control characters as escapes on a terminal (`visible`), and as UTF-8 in records.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import STANDARD_INPUT, MeansTestError, Params, Problem, json_safe
from . import errors_input, errors_rulefile, errors_rules
from .privacy import masked_params
from .text import printable, visible

if TYPE_CHECKING:
    from ..model.contract import ErrorItemOut
    from .labels import Lang

Templates = dict[str, tuple[str, str]]  # code -> (zh, en)

TEMPLATES: Templates = {
    # pydantic's error types, worded as pydantic words them in English
    "missing": ("缺少此字段", "Field required"),
    "extra_forbidden": ("未知字段（拼写错误？）", "Extra inputs are not permitted"),
    "string_type": ("应为文本", "Input should be a valid string"),
    "string_too_short": (
        "至少 {min_length} 个字",
        "String should have at least {min_length} character{plural}",
    ),
    "string_too_long": (
        "最多 {max_length} 个字",
        "String should have at most {max_length} character{plural}",
    ),
    "string_pattern_mismatch": (
        "格式不正确（应符合 {pattern}）",
        "String should match pattern '{pattern}'",
    ),
    "int_type": ("应为整数", "Input should be a valid integer"),
    "int_parsing": (
        "应为整数",
        "Input should be a valid integer, unable to parse string as an integer",
    ),
    "int_from_float": (
        "应为整数",
        "Input should be a valid integer, got a number with a fractional part",
    ),
    "bool_type": ("应为 true 或 false", "Input should be a valid boolean"),
    "bool_parsing": (
        "应为 true 或 false",
        "Input should be a valid boolean, unable to interpret input",
    ),
    "float_type": ("应为数字", "Input should be a valid number"),
    "decimal_type": (
        "应为数字金额",
        "Decimal input should be an integer, float, string or Decimal object",
    ),
    "decimal_parsing": ("应为数字金额", "Input should be a valid decimal"),
    "decimal_max_places": (
        "最多 {decimal_places} 位小数",
        "Decimal input should have no more than {decimal_places} decimal place{plural}",
    ),
    "decimal_max_digits": (
        "数值过大（最多 {max_digits} 位数字）",
        "Decimal input should have no more than {max_digits} digit{plural} in total",
    ),
    "decimal_whole_digits": (
        "数值过大（整数部分最多 {whole_digits} 位）",
        "Decimal input should have no more than {whole_digits} "
        "digit{plural} before the decimal point",
    ),
    "finite_number": ("应为有限的数", "Input should be a finite number"),
    "greater_than_equal": ("应不小于 {ge}", "Input should be greater than or equal to {ge}"),
    "less_than_equal": ("应不大于 {le}", "Input should be less than or equal to {le}"),
    "greater_than": ("应大于 {gt}", "Input should be greater than {gt}"),
    "less_than": ("应小于 {lt}", "Input should be less than {lt}"),
    "literal_error": ("应为 {expected}", "Input should be {expected}"),
    "date_type": ("应为有效日期，如 2021-12-01", "Input should be a valid date"),
    "date_parsing": (
        "应为有效日期，如 2021-12-01",
        "Input should be a valid date in the format YYYY-MM-DD, {error}",
    ),
    "date_from_datetime_parsing": (
        "应为有效日期，如 2021-12-01",
        "Input should be a valid date or datetime, {error}",
    ),
    "date_from_datetime_inexact": (
        "应为有效日期，如 2021-12-01",
        "Datetimes provided to dates should have zero time - e.g. be exact dates",
    ),
    "model_type": (
        "应为对象 {{...}}（{class_name}）",
        "Input should be a valid dictionary or instance of {class_name}",
    ),
    "model_attributes_type": (
        "应为对象 {{...}}",
        "Input should be a valid dictionary or object to extract fields from",
    ),
    "dict_type": ("应为对象 {{...}}", "Input should be a valid dictionary"),
    "list_type": ("应为列表 [...]", "Input should be a valid list"),
    # Our models hold lists as tuples; a JSON user knows a list ([...]), not a tuple.
    "tuple_type": ("应为列表 [...]", "Input should be a valid list"),
    "too_short": (
        "至少应有 {min_length} 项（现有 {actual_length} 项）",
        "{field_type} should have at least "
        "{min_length} item{plural} after validation, "
        "not {actual_length}",
    ),
    "too_long": (
        "最多 {max_length} 项（现有 {actual_length} 项）",
        "{field_type} should have at most {max_length} "
        "item{plural} after validation, not {actual_length}",
    ),
    # a pydantic error without words of our own: pydantic's English, said as such
    "invalid": ("值无效（{detail}）", "{detail}"),
    # problems of any input
    "more_problems": ("另有 {count:,} 处问题未列出", "and {count:,} more problems"),
    "internal_error": (
        "程序内部错误（{kind}：{detail}）；请报告此问题",
        "internal error ({kind}: {detail}); please report it",
    ),
    **errors_rules.TEMPLATES,
    **errors_rulefile.TEMPLATES,
    **errors_input.TEMPLATES,
}

# Parameters whose values are words of a small vocabulary, each with its own text.
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    **errors_rules.WORDS,
    **errors_input.WORDS,
}

# Codes whose English has a plural (pydantic's, and a few of ours), and the parameter it
# counts.
_PLURAL_OF = {
    "string_too_short": "min_length",
    "string_too_long": "max_length",
    "decimal_max_places": "decimal_places",
    "decimal_max_digits": "max_digits",
    "decimal_whole_digits": "whole_digits",
    "too_short": "min_length",
    "too_long": "max_length",
    "roll_choose_id": "count",
    "roll_no_such_id": "count",
}
_LIST_SEPARATOR = {"zh": "、", "en": ", "}
# Parameters listing alternatives, written "a, b or c"; the forms a YAML value may take,
# written as YAML's documentation does, "a | b | c".
_ALTERNATIVES = frozenset({"allowed", "kinds", "modes"})
_OR = {"zh": " 或 ", "en": " or "}
_FORMS = frozenset({"unit_forms"})
_NOTHING = {"zh": "无", "en": "none"}


class _Values(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


def message(code: str, params: Params, lang: Lang, escape: Callable[[str], str] = str) -> str:
    """The sentence of a code, its parameters filled in (each text through ``escape``)."""
    params = masked_params(params)
    pair = TEMPLATES.get(code)
    if pair is None:  # a code without words (never one of ours: the tests check)
        detail = params.get("detail")
        return escape(str(detail)) if detail is not None else code
    values = _Values()
    for name, value in params.items():
        values[name] = _value(name, value, lang, escape)
    counted = _PLURAL_OF.get(code)
    if counted is not None:  # pydantic's English: "1 character", "2 characters"
        values["plural"] = "" if params.get(counted) == 1 else "s"
    try:
        return pair[lang == "en"].format_map(values)
    except (ValueError, TypeError, IndexError):  # a number given as text to {n:,}
        plain = _Values({k: str(v) for k, v in values.items()})
        return pair[lang == "en"].replace(":,}", "}").format_map(plain)


def _value(name: str, value: object, lang: Lang, escape: Callable[[str], str]) -> object:
    words = WORDS.get(name)
    if words is not None and isinstance(value, str) and value in words:
        return words[value][lang == "en"]
    if isinstance(value, list | tuple):
        if not value:
            return _NOTHING[lang]
        items = [escape(str(item)) for item in value]
        if name in _FORMS:
            return " | ".join(items)
        if name in _ALTERNATIVES and len(items) > 1:
            return _LIST_SEPARATOR[lang].join(items[:-1]) + _OR[lang] + items[-1]
        return _LIST_SEPARATOR[lang].join(items)
    if value is None:
        return _NOTHING[lang]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    if name == "expected" and lang == "zh" and isinstance(value, str):
        return escape(_chinese_choices(value))
    return escape(str(value))


_QUOTED_CHOICES = re.compile(r"^'[^']*'(?:, '[^']*')* or '[^']*'$")


def _chinese_choices(expected: str) -> str:
    """pydantic's English list of choices (``'a', 'b' or 'c'``) joined the Chinese way
    (``'a'、'b' 或 'c'``), each code of a vocabulary with its Chinese word, which a
    Chinese case roll may write instead (``'urban'（城市） 或 'rural'（农村）``); any
    other text as it is."""
    if not _QUOTED_CHOICES.match(expected):
        return expected
    head, last = expected.rsplit(" or ", 1)
    choices = [*head.split(", "), last]
    words = _vocabulary_words(frozenset(choice.strip("'") for choice in choices))
    if words:
        choices = [f"{choice}（{words[choice.strip(chr(39))]}）" for choice in choices]
    return "、".join(choices[:-1]) + " 或 " + choices[-1]


def _vocabulary_words(codes: frozenset[str]) -> dict[str, str]:
    """The Chinese word of each code, when the codes are exactly one vocabulary's."""
    from ..model.vocabulary import VOCABULARIES  # noqa: PLC0415 - only for such an error

    for vocabulary in VOCABULARIES.values():
        if frozenset(vocabulary.labels) == codes:
            return {code: zh for code, (zh, _) in vocabulary.labels.items()}
    return {}


def problem_message(problem: Problem, lang: Lang, escape: Callable[[str], str] = str) -> str:
    """What is wrong (without the place), with the row of a case roll before it."""
    text = message(problem.code, problem.params, lang, escape)
    if problem.row is None:
        return text
    return f"第 {problem.row} 行：{text}" if lang == "zh" else f"row {problem.row}: {text}"


def where(problem: Problem, lang: Lang) -> str:
    """The place of a problem: its location, with the line and column when known."""
    if lang == "en":
        return problem.where()
    if problem.line is None:
        return problem.loc
    pos = f"第 {problem.line} 行" + (f"第 {problem.column} 列" if problem.column else "")
    return f"{problem.loc}（{pos}）" if problem.loc else pos


def headline(error: MeansTestError, lang: Lang, escape: Callable[[str], str] = str) -> str:
    """What happened, in a sentence."""
    return message(error.code, error.params, lang, escape)


def english(error: MeansTestError) -> str:
    """The error as English text (``str(exc)``): the file, the headline, the problems."""
    head = headline(error, "en")
    lines = [f"{error.path}: {head}" if error.path else head]
    for problem in error.problems:
        place, text = problem.where(), problem_message(problem, "en")
        lines.append(f"  {place}: {text}" if place else f"  {text}")
    return "\n".join(lines)


def render(error: MeansTestError, lang: Lang) -> str:
    """The error as the command line prints it, in the user's language."""
    path = visible(error.path) if error.path else None
    if path in (STANDARD_INPUT, "<stdin>") and lang == "zh":  # <stdin>: check's word
        path = "标准输入"
    head = headline(error, lang, visible)
    colon = "：" if lang == "zh" else ": "
    prefix = "错误：" if lang == "zh" else "error: "
    lines = [f"{prefix}{path}{colon}{head}" if path else f"{prefix}{head}"]
    for problem in error.problems:
        place = visible(where(problem, lang))
        text = problem_message(problem, lang, visible)
        lines.append(f"  {place}{colon}{text}" if place else f"  {text}")
    return "\n".join(lines)


def record_item(problem: Problem, lang: Lang) -> ErrorItemOut:
    """A problem as an error record writes it (`meanstest.error/1`): its place, its
    message in the language, its code and (when it has any) its parameters."""
    text = problem_message(problem, lang)
    if problem.column is not None:
        text += f"（第 {problem.column} 列）" if lang == "zh" else f" (column {problem.column})"
    item: ErrorItemOut = {
        "loc": printable(problem.loc),
        "msg": printable(text),
        "code": problem.code,
    }
    params = masked_params(problem.params)
    if params:
        item["params"] = {name: _printable(json_safe(value)) for name, value in params.items()}
    if problem.row is not None:
        item["row"] = problem.row
    return item


def _printable(value: object) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list):
        return [_printable(item) for item in value]
    return value


def headline_problem(error: MeansTestError, loc: str = "") -> Problem:
    """An error without problems of its own, as one problem (for an error record)."""
    return Problem(loc, error.code, error.params)


__all__ = [
    "TEMPLATES",
    "WORDS",
    "english",
    "headline",
    "headline_problem",
    "message",
    "problem_message",
    "record_item",
    "render",
    "where",
]
