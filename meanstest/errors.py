"""The one exception family of meanstest, and the problems it carries, as data.

Every error a user can cause is a `MeansTestError`. What it says is a **code** with
**parameters** (its headline, ``household_invalid``), and what is wrong where is a
tuple of `Problem` values, each a code with parameters and a location: a field path
(``members.1.birth_date``), a YAML key path with its line and column, or a column of a
case roll and its row. No sentence is written here: `meanstest.render.errors` holds the
templates of every code in Chinese and English and writes them in the user's language,
for the command line, batch error records and logs alike. ``str(exc)`` is the English
text, for logs, ``--debug`` and library users (the one import of the renderer from
here, done when the text is asked for).

Code that checks a value before its place is known (a rule-key checker, a cell reader)
raises `Invalid`, a ValueError with a code and parameters; the caller that knows the
place makes it a `Problem`. pydantic validators raise `pydantic_core.PydanticCustomError`
with the code as its type (`model.fields.invalid`), and `pydantic_problem` turns each of
pydantic's own errors into a `Problem` with pydantic's type as its code.
"""

from __future__ import annotations

import datetime as dt
import errno
import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, NamedTuple

Params = Mapping[str, object]
_NONE: Params = {}  # shared and never changed (a MappingProxyType would not pickle)


class Problem(NamedTuple):
    """One thing wrong at one place.

    Attributes:
        loc: where, as a dotted path (``members.1.birth_date``), a YAML key path, or the
            header of a case roll's column; empty when the whole input is meant.
        code: what is wrong (a key of `meanstest.render.errors`' templates).
        params: the values its sentence names (numbers, words, ids: data, not text).
        line: 1-based line in the file, when known.
        column: 1-based column in the file, when known.
        row: the row of a case roll (as a spreadsheet numbers it), when the problem
            was found in a household read from one.
    """

    loc: str
    code: str
    params: Params = _NONE
    line: int | None = None
    column: int | None = None
    row: int | None = None

    @property
    def msg(self) -> str:
        """What is wrong, in English (without the place)."""
        from .render.errors import problem_message  # noqa: PLC0415 - only for the text

        return problem_message(self, "en")

    def where(self) -> str:
        """Return ``loc`` with the line and column, when known (in English)."""
        if self.line is None:
            return self.loc
        pos = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{self.loc} ({pos})" if self.loc else pos


class Invalid(ValueError):
    """A value that does not fit, said as a code and parameters.

    Raised by checkers that do not know where the value is (rule-key checkers, cell
    readers); their caller makes it a `Problem` at the place. ``at`` is a path below
    that place (``(1, "per_person")``: the second tier's per_person), when the value
    is a structure and the fault is inside it.
    """

    def __init__(self, code: str, /, *, at: tuple[str | int, ...] = (), **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params: Params = params
        self.at = at

    def inside(self, *parts: str | int) -> Invalid:
        """The same fault, placed below ``parts`` (an outer structure)."""
        return Invalid(self.code, at=(*parts, *self.at), **self.params)

    def problem(self, loc: str, line: int | None = None, column: int | None = None) -> Problem:
        """The fault as a problem at ``loc`` (and at its own path below it)."""
        below = ".".join(str(part) for part in self.at)
        place = f"{loc}.{below}" if loc and below else loc or below
        return Problem(place, self.code, self.params, line, column)

    def __str__(self) -> str:
        return self.problem("").msg


# The path of an error about standard input (``-``); said in the user's language when
# printed (render.errors).
STANDARD_INPUT = "standard input"


class MeansTestError(Exception):
    """Base of every error that bad input or bad rules can cause.

    Args:
        code: what happened (the headline), a key of the templates.
        params: the values the headline names.
        path: the file it is about, when there is one.
        problems: what is wrong where.
    """

    def __init__(
        self,
        code: str,
        *,
        params: Params | None = None,
        path: str | None = None,
        problems: tuple[Problem, ...] = (),
    ) -> None:
        super().__init__(code)
        self.code = code
        self.params: Params = params or _NONE
        self.path = path
        self.problems = problems

    @property
    def message(self) -> str:
        """The headline in English."""
        from .render.errors import headline  # noqa: PLC0415 - only for the text

        return headline(self, "en")

    def __str__(self) -> str:
        from .render.errors import english  # noqa: PLC0415 - only for the text

        return english(self)

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross process boundaries (a batch's workers): keep every field.
        return _restore, (type(self), self.code, dict(self.__dict__))


def _restore(kind: type[MeansTestError], code: str, fields: dict[str, Any]) -> MeansTestError:
    error = kind.__new__(kind)
    Exception.__init__(error, code)
    error.__dict__.update(fields)
    return error


class ClosedStream(OSError):
    """A standard stream that was closed when meanstest started (``<&-``, ``>&-``): an
    OSError, as a failing stream's is, and data: its ``code`` says which
    (``stdin_closed``, ``stdout_closed``), for the error that a reader of it raises."""

    def __init__(self, code: str) -> None:
        super().__init__(errno.EBADF, code)
        self.code = code


class HouseholdInvalid(MeansTestError):
    """A household file or record does not follow `meanstest.household/1`."""


class RuleFileError(MeansTestError):
    """A rule file is malformed, or a set of rule files does not fit together."""


class RuleNotInForce(MeansTestError):
    """A rule the assessment needs has no value in force on the assessment date."""

    def __init__(self, key: str, on: dt.date, *, rule_set: str) -> None:
        super().__init__(
            "rule_not_in_force", params={"rule_set": rule_set, "key": key, "on": on.isoformat()}
        )
        self.key = key
        self.on = on
        self.rule_set = rule_set


class UnknownRuleSet(MeansTestError):
    """No rule file has the requested id."""


class Unreadable(NamedTuple):
    """A record of a case roll that cannot be read into a household.

    Attributes:
        household_id: the record's id, when one can be read.
        errors: what is wrong, as a `meanstest.error/1` record says it (loc, msg in
            English, code and, where there are any, params).
        problems: the same, as problems (to say them in another language).
    """

    household_id: str | None
    errors: tuple[dict[str, Any], ...]
    problems: tuple[Problem, ...] = ()

    def __str__(self) -> str:
        return "; ".join(f"{e['loc']}: {e['msg']}" if e["loc"] else e["msg"] for e in self.errors)


# ------------------------------------------------------------ pydantic's errors

# pydantic's error types that meanstest says in its own words, in both languages (the
# templates in `meanstest.render.errors` have the same names). Any other becomes
# `invalid`, with pydantic's English sentence as its detail.
PYDANTIC_TYPES = frozenset(
    {
        "missing",
        "extra_forbidden",
        "string_type",
        "string_too_short",
        "string_too_long",
        "string_pattern_mismatch",
        "int_type",
        "int_parsing",
        "int_from_float",
        "bool_type",
        "bool_parsing",
        "float_type",
        "decimal_type",
        "decimal_parsing",
        "decimal_max_places",
        "decimal_max_digits",
        "decimal_whole_digits",
        "finite_number",
        "greater_than_equal",
        "less_than_equal",
        "greater_than",
        "less_than",
        "literal_error",
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
        "model_type",
        "model_attributes_type",
        "dict_type",
        "list_type",
        "tuple_type",
        "too_short",
        "too_long",
    }
)


def json_safe(value: object) -> object:
    """A parameter as JSON writes it: numbers, text, true/false, null, or lists of them
    (a Decimal or a date as its text)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Decimal | dt.date):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [json_safe(item) for item in items]
    return str(value)


def pydantic_problem(error: Mapping[str, Any], loc: str) -> Problem:
    """A problem from one of pydantic's error dicts (``ValidationError.errors()``).

    Our own validators raise ``PydanticCustomError(code, ..., params)``: the type is the
    code and the context its parameters. A cross-field check names the field it is
    about in the parameter ``at`` (``members.1.id``), which goes into the location.
    """
    code = error["type"]
    params = {name: json_safe(value) for name, value in (error.get("ctx") or {}).items()}
    at = params.pop("at", None)
    if at:
        loc = f"{loc}.{at}" if loc else str(at)
    if code not in PYDANTIC_TYPES and code in _pydantic_types():
        params = {"type": code, "detail": str(error.get("msg", ""))}
        code = "invalid"
    return Problem(loc, code, params)


def _pydantic_types() -> frozenset[str]:
    """Every error type pydantic has (any other type is one of our codes)."""
    global _ALL_PYDANTIC  # noqa: PLW0603 - read once, when a first error is met
    if _ALL_PYDANTIC is None:
        from typing import get_args  # noqa: PLC0415

        from pydantic_core.core_schema import ErrorType  # noqa: PLC0415 - loaded already

        _ALL_PYDANTIC = frozenset(get_args(ErrorType))
    return _ALL_PYDANTIC


_ALL_PYDANTIC: frozenset[str] | None = None
