"""Strict JSON decoding for household input, and compact JSON Lines encoding.

Numbers become Decimal (a float never touches money), NaN and Infinity are refused,
and so is a key given twice in one object (JSON allows it; a typo must not silently
win). Every refusal carries the line and column of the offending lexeme.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..errors import HouseholdInvalid, Problem

# A JSON string lexeme, or a bare NaN/Infinity, or a structural character.
_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|(?P<const>-?Infinity|NaN)|(?P<punct>[{}\[\]:,])')


class Refused(str):
    """A record refused while it was read (a line past the size limit): decoding it
    raises an error that says why (a code and its parameters), so it becomes an error
    record at its line."""

    code: str
    params: Mapping[str, object]

    def __new__(cls, code: str, params: Mapping[str, object] | None = None) -> Refused:
        record = super().__new__(cls, "")
        record.code = code
        record.params = params or {}
        return record

    def __reduce__(self) -> tuple[type[Refused], tuple[str, Mapping[str, object]]]:
        return Refused, (self.code, self.params)


class _Refused(ValueError):
    def __init__(self, what: str, code: str, **params: object) -> None:
        super().__init__(code)
        self.what = what
        self.code = code
        self.params = params


def _reject_constant(name: str) -> None:
    raise _Refused("constant", "constant_not_number", name=name)


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    obj: dict[str, object] = {}
    for key, value in pairs:
        if key in obj:
            raise _Refused("duplicate", "key_twice_in_object", key=key)
        obj[key] = value
    return obj


# The json module's messages, as codes (any other is said as json writes it).
_JSON_CODES = {
    "Expecting value": "json_expecting_value",
    "Expecting ',' delimiter": "json_expecting_comma",
    "Expecting ':' delimiter": "json_expecting_colon",
    "Expecting property name enclosed in double quotes": "json_expecting_name",
    "Unterminated string starting at": "json_unterminated_string",
    "Extra data": "json_extra_data",
    "Invalid control character at": "json_control_character",
    "Invalid \\escape": "json_invalid_escape",
    "Invalid \\uXXXX escape": "json_invalid_escape",
    "Illegal trailing comma before end of object": "json_trailing_comma",
    "Illegal trailing comma before end of array": "json_trailing_comma",
}


def _syntax(msg: str) -> tuple[str, dict[str, object]]:
    code, params = _JSON_CODES.get(msg), dict[str, object]()
    if code is None:
        code, params = "json_syntax", {"detail": msg}
    return code, params


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _locate(text: str, what: str) -> tuple[int, int] | tuple[None, None]:
    """Find the first bare constant, or the first repeated key, in (already valid) JSON."""
    objects: list[set[str] | None] = []  # one key set per open object, None for arrays
    last_string: tuple[str, int] | None = None
    for match in _TOKEN.finditer(text):
        lexeme = match.group()
        if match["const"] and what == "constant":
            return _line_col(text, match.start())
        if match["punct"] is None:
            last_string = (lexeme, match.start()) if match["const"] is None else None
            continue
        if lexeme in "{[":
            objects.append(set() if lexeme == "{" else None)
        elif lexeme in "}]":
            if objects:
                objects.pop()
        elif lexeme == ":" and last_string and objects and objects[-1] is not None:
            key = json.loads(last_string[0])
            if key in objects[-1] and what == "duplicate":
                return _line_col(text, last_string[1])
            objects[-1].add(key)
        last_string = None
    return None, None


def decode_json(text: str | bytes) -> object:
    """Decode one JSON document strictly (see the module docstring).

    Raises:
        HouseholdInvalid: the text is not valid UTF-8 or not acceptable JSON, with
            the line and column where known.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise HouseholdInvalid(
                "json_not_utf8", problems=(Problem("", "invalid_byte", {"offset": exc.start}),)
            ) from None
    elif type(text) is Refused:
        raise HouseholdInvalid("record_not_read", problems=(Problem("", text.code, text.params),))
    text = text.removeprefix("\ufeff")
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_reject_constant,
            object_pairs_hook=_no_duplicate_keys,
        )
    except json.JSONDecodeError as exc:
        code, params = ("file_empty", {}) if not text.strip() else _syntax(exc.msg)
        raise HouseholdInvalid(
            "json_invalid", problems=(Problem("", code, params, line=exc.lineno, column=exc.colno),)
        ) from None
    except _Refused as exc:
        line, column = _locate(text, exc.what)
        raise HouseholdInvalid(
            "json_unacceptable", problems=(Problem("", exc.code, exc.params, line, column),)
        ) from None
    except RecursionError:
        raise HouseholdInvalid(
            "json_unacceptable", problems=(Problem("", "objects_nested_too_deeply"),)
        ) from None
    except ValueError:  # an integer past Python's 4,300-digit conversion limit
        raise HouseholdInvalid(
            "json_unacceptable", problems=(Problem("", "number_too_long"),)
        ) from None


# ------------------------------------------------------------------ encoding


def _stdlib_dumps(record: Any) -> bytes:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


try:
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency; this keeps it optional
    orjson = None  # type: ignore[assignment]


def dumps_line(record: Any) -> bytes:
    """Encode a record as one compact JSON line (UTF-8, Chinese kept readable).

    orjson writes the same bytes as ``json.dumps(ensure_ascii=False, separators=(",",
    ":"))`` for the values results hold, about ten times faster; whatever it refuses
    (dates, unpaired surrogates, huge integers) goes to the standard library, which
    writes it the stdlib way or fails the same way.
    """
    if orjson is not None:
        try:
            return orjson.dumps(record, option=_ORJSON_OPTIONS) + b"\n"
        except TypeError:
            pass
    return _stdlib_dumps(record) + b"\n"


_ORJSON_OPTIONS = (
    0 if orjson is None else orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
)
