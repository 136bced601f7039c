"""The rule file as written: pydantic models of `meanstest.rules/1`, and reading one.

Only this module knows the YAML layout; `ruleset` turns a validated file into plain
frozen values. It is imported only when a rule file is actually parsed (not when the
resolved rules come from the cache), since building these models costs start-up time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    model_validator,
)

from ..errors import Problem, RuleFileError, pydantic_problem
from ..model.fields import invalid
from ..model.vocabulary import ExpenseKind, IncomeCategory
from . import yamlfile

MAX_FILE_BYTES = 1_000_000
# What a rule set's id (and so `extends`) may be: a name, never a path or two lines.
RULE_ID = r"^[0-9A-Za-z][0-9A-Za-z_-]{0,39}$"


def _date(value: object) -> object:
    """A date is a YAML date (2021-01-01) or that text in quotes, never a number:
    pydantic alone would read ``from: 0`` as 1970-01-01."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return value.strip()
    raise invalid("rule_date_expected")


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
Date = Annotated[dt.date, BeforeValidator(_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Label(_Model):
    """A text in Chinese and English."""

    zh: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]


def _note_kind(value: object) -> str:
    return "both" if isinstance(value, dict) else "text"


# A note: one text shown in every language (policy staff may write only Chinese), or
# `{zh: ..., en: ...}`, both required, each shown in its language.
Note = Annotated[
    Annotated[str, Tag("text")] | Annotated[Label, Tag("both")],
    Discriminator(_note_kind),
]


def note_written(note: str | Label | None) -> bool:
    """Whether a note says something (a provisional value must say why)."""
    if isinstance(note, Label):
        return bool(note.zh.strip() and note.en.strip())
    return bool((note or "").strip())


class SourceDecl(_Model):
    """A document that rule values cite."""

    title: Annotated[str, Field(min_length=1)]
    number: str | None = None
    issued_by: str | None = None
    date: Date | None = None
    effective: Date | None = None
    kind: Literal["official", "news", "secondary"] = "official"
    note: Note | None = None


class DatedValue(_Model):
    """One value of a series, in force from a date until the next entry."""

    start: Annotated[Date, Field(alias="from")]
    value: Any
    source: str | None = None
    article: str | None = None
    provisional: bool = False
    note: Note | None = None
    # An amount's unit for this value only, when it differs from the key's (a standard
    # published per month one year and per year the next).
    unit: str | None = None

    @model_validator(mode="after")
    def _provenance(self) -> DatedValue:
        if self.value is not None and self.source is None and not self.provisional:
            raise invalid("value_needs_source")
        if self.article is not None and self.source is None:
            raise invalid("article_without_source")
        if self.provisional and not note_written(self.note):
            raise invalid("provisional_needs_note")
        return self


class ParameterDecl(_Model):
    """A rule key: what it means, its unit, how a threshold compares, its dated values."""

    description: Label | None = None
    unit: str | None = None
    # For a threshold: whether the household's figure must be strictly below it (低于) or
    # may equal it (不高于), above it (高于) or not below it (不低于). Default: as the
    # national text words it (keys.THRESHOLDS).
    comparison: Literal["below", "not_above", "above", "not_below"] | None = None
    values: Annotated[tuple[DatedValue, ...], Field(min_length=1)]


class IncomeTypeDecl(_Model):
    """An income type and its category under 审核确认办法 Art. 13."""

    category: IncomeCategory
    label: Label


class ExpenseTypeDecl(_Model):
    """An expense type: netted transfer expenditure or a local fixed non-living deduction."""

    kind: ExpenseKind
    label: Label


class CheckDecl(_Model):
    """A consistency check: a comparison of rule values that must hold on every date."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,59}$")]
    description: Label
    require: Annotated[str, Field(min_length=3, max_length=200)]
    # Where the check's figures (a multiple, a share) come from, and from when it applies.
    start: Annotated[dt.date | None, Field(alias="from")] = None
    source: str | None = None
    article: str | None = None
    provisional: bool = False
    note: Note | None = None

    @model_validator(mode="after")
    def _article(self) -> CheckDecl:
        if self.article is not None and self.source is None:
            raise invalid("article_without_source")
        if self.provisional and not note_written(self.note):
            raise invalid("provisional_needs_note")
        return self


class RuleFile(_Model):
    """One rule file, as written."""

    schema_: Annotated[Literal["meanstest.rules/1"], Field(alias="schema")]
    id: Annotated[str, Field(pattern=RULE_ID)]
    name: Label
    level: Literal["national", "province", "city", "county", "proposal"]
    # An id, never a path: `extends` cannot reach files outside the rule directories.
    extends: Annotated[str, Field(pattern=RULE_ID)] | None = None
    description: str | None = None
    sources: dict[str, SourceDecl] = Field(default_factory=dict)
    income_types: dict[str, IncomeTypeDecl] = Field(default_factory=dict)
    expense_types: dict[str, ExpenseTypeDecl] = Field(default_factory=dict)
    parameters: dict[str, ParameterDecl] = Field(default_factory=dict)
    checks: tuple[CheckDecl, ...] = ()


def _kind(data: object) -> str:
    return "list" if isinstance(data, list) else "scalar"


def read_rule_file(path: Path) -> tuple[RuleFile, Any, str]:
    """Read, parse and validate one rule file; return the model and the marked data."""
    raw = read_bounded(path, MAX_FILE_BYTES, "rule_file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleFileError(
            "rule_file_not_utf8", path=str(path), problems=(_not_utf8(raw, exc.start),)
        ) from None
    data = yamlfile.load(text, str(path))
    if data is None:  # nothing but blanks and comments
        raise RuleFileError("rule_file_empty", path=str(path))
    if not isinstance(data, dict):
        raise RuleFileError(
            "rule_file_not_mapping",
            path=str(path),
            problems=(
                Problem(
                    "",
                    "found_instead",
                    {"yaml_kind": _kind(data)},
                    *(getattr(data, "start", None) or (1, 1)),
                ),
            ),
        )
    try:
        model = RuleFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        errors = exc.errors(include_url=False)
        for err in errors:
            loc = err["loc"]
            if err["type"] == "too_short" and any(
                len(e["loc"]) > len(loc) and e["loc"][: len(loc)] == loc for e in errors
            ):
                continue  # the items below failed: only they are the problem
            line, column = yamlfile.position(data, loc) or (None, None)
            problem = _file_problem(err, pydantic_problem(err, _yaml_path(loc)))
            problems.append(problem._replace(line=line, column=column))
        raise RuleFileError("rule_file_invalid", path=str(path), problems=tuple(problems)) from None
    return model, data, hashlib.sha256(raw).hexdigest()


def _file_problem(err: Any, problem: Problem) -> Problem:
    """A pydantic problem in a rule file, said as a policy officer can act on it."""
    loc = err["loc"]
    if loc in (("id",), ("extends",)) and err["type"] in _NOT_AN_ID:
        # `id: 431021` unquoted is a number; `extends: ../431000` a path.
        return problem._replace(code="rule_id_expected", params={})
    if err["type"] == "model_type" and (err.get("ctx") or {}).get("class_name") == "Label":
        # `description: 农村低保标准`: a name is needed in both languages.
        return problem._replace(code="label_expected", params={})
    if problem.code == "extra_forbidden":
        return problem._replace(code="unknown_key")
    if err["type"] == "too_short" and loc[-1:] == ("values",):
        return problem._replace(code="values_empty", params={})  # `values: []`
    return problem


def _not_utf8(raw: bytes, offset: int) -> Problem:
    """Where a file stops being UTF-8, and whether it reads as GBK (Notepad's default on
    a Chinese Windows, and Excel's for text)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode"
        return Problem("", "not_utf8_utf16", {}, 1, 1)
    line = raw[:offset].count(b"\n") + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    try:
        raw.decode("gbk")
    except UnicodeDecodeError:
        return Problem("", "invalid_byte", {"offset": offset}, line, column)
    return Problem("", "not_utf8_gbk", {}, line, column)


_NOT_AN_ID = frozenset({"string_type", "string_pattern_mismatch"})


def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """Read a file of at most ``limit`` bytes; read no more than that of a longer one.
    ``what`` names the file in a message: ``rule_file`` or ``case_file``.

    A device or a pipe named as a file (``--rules /dev/zero``) stops at the limit
    instead of filling the memory.

    Raises:
        RuleFileError: the file cannot be read, or is longer than the limit.
    """
    try:
        with path.open("rb") as stream:
            raw = stream.read(limit + 1)
    except OSError as exc:
        raise RuleFileError(
            "cannot_read", params={"what": what, "reason": exc.strerror}, path=str(path)
        ) from None
    if len(raw) > limit:
        raise RuleFileError("file_too_large", params={"what": what, "limit": limit}, path=str(path))
    return raw


_TAGS = ("text", "both")


def _yaml_path(loc: Iterable[Any]) -> str:
    # A note's form (`text` or `both`) is pydantic's tag, not a place in the file.
    loc = list(loc)
    loc = [p for i, p in enumerate(loc) if not (p in _TAGS and i and loc[i - 1] == "note")]
    parts = ["from" if part == "start" else str(part) for part in loc]
    return ".".join(parts)
