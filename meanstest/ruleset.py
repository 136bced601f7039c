"""Load rule files, resolve `extends` chains and pick the values in force on a date.

A rule file (`meanstest.rules/1`) holds dated series of values, each citing a source
or marked provisional. A county file extends its city, which extends the province,
which extends the national baseline; a child's series replaces its parent's from the
child's first date on, so earlier dates keep the parent's values. `RuleSet.at(date)`
gives the frozen `RulesAt` snapshot the engine reads.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import parameters as P
from .errors import Problem, RuleFileError, RuleNotInForce, UnknownRuleSet

SCHEMA = "meanstest.rules/1"
MAX_FILE_BYTES = 1_000_000
MAX_CHAIN = 8


# ---------------------------------------------------------------- file model


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Label(_Model):
    """A text in Chinese and English."""

    zh: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]


class SourceDecl(_Model):
    """A document that rule values cite."""

    title: Annotated[str, Field(min_length=1)]
    number: str | None = None
    issued_by: str | None = None
    date: dt.date | None = None
    effective: dt.date | None = None
    kind: Literal["official", "news", "secondary"] = "official"
    note: str | None = None


class DatedValue(_Model):
    """One value of a series, in force from a date until the next entry."""

    start: Annotated[dt.date, Field(alias="from")]
    value: Any
    source: str | None = None
    article: str | None = None
    provisional: bool = False
    note: str | None = None

    @model_validator(mode="after")
    def _provenance(self) -> DatedValue:
        if self.value is not None and self.source is None and not self.provisional:
            raise ValueError("a value needs a source (a key under sources) or provisional: true")
        if self.article is not None and self.source is None:
            raise ValueError("article is given without a source")
        return self


class ParameterDecl(_Model):
    """A rule key: what it means, its unit and its dated values."""

    description: Label | None = None
    unit: str | None = None
    values: Annotated[tuple[DatedValue, ...], Field(min_length=1)]


class IncomeTypeDecl(_Model):
    """An income type and its category under 审核确认办法 Art. 13."""

    category: Literal["wage", "business", "property", "transfer", "other"]
    label: Label


class ExpenseTypeDecl(_Model):
    """An expense type: netted transfer expenditure or a local fixed non-living deduction."""

    kind: Literal["transfer_expenditure", "fixed_non_living"]
    label: Label


class RuleFile(_Model):
    """One rule file, as written."""

    schema_: Annotated[Literal["meanstest.rules/1"], Field(alias="schema")]
    id: Annotated[str, Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z_-]{0,39}$")]
    name: Label
    level: Literal["national", "province", "city", "county", "proposal"]
    extends: str | None = None
    description: str | None = None
    sources: dict[str, SourceDecl] = Field(default_factory=dict)
    income_types: dict[str, IncomeTypeDecl] = Field(default_factory=dict)
    expense_types: dict[str, ExpenseTypeDecl] = Field(default_factory=dict)
    parameters: dict[str, ParameterDecl] = Field(default_factory=dict)


# ------------------------------------------------------------ resolved model


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a value comes from: a document (and article) or a provisional mark."""

    id: str | None
    title: str | None
    number: str | None = None
    article: str | None = None
    kind: str | None = None
    provisional: bool = False
    note: str | None = None

    def as_json(self) -> dict[str, Any]:
        """Return the reference as the result JSON writes it."""
        out: dict[str, Any] = {"provisional": self.provisional}
        for name in ("id", "title", "number", "article", "kind", "note"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    def short(self) -> str:
        """Return a one-line citation."""
        if self.id is None:
            return "provisional" + (f" ({self.note})" if self.note else "")
        text = self.title or self.id
        if self.number:
            text += f" {self.number}"
        if self.article:
            text += f" {self.article}"
        if self.provisional:
            text += " (provisional)"
        return text


@dataclass(frozen=True, slots=True)
class Entry:
    """A dated value after validation; ``value`` None ends the series."""

    start: dt.date
    value: Any
    written: str
    source: SourceRef
    file: str
    line: int | None


@dataclass(frozen=True, slots=True)
class Series:
    """All dated values of one key, oldest first."""

    key: str
    description: Label
    unit: str | None
    entries: tuple[Entry, ...]

    def at(self, on: dt.date) -> Entry | None:
        """Return the entry in force on a date, or None."""
        i = bisect.bisect_right([e.start for e in self.entries], on)
        if i == 0:
            return None
        entry = self.entries[i - 1]
        return None if entry.value is None else entry


@dataclass(frozen=True, slots=True)
class Param:
    """A rule value in force, with what the trace needs to cite it."""

    key: str
    value: Any
    written: str
    since: dt.date
    source: SourceRef
    description: Label

    @property
    def provisional(self) -> bool:
        """Whether the value is unsourced."""
        return self.source.provisional


@dataclass(frozen=True)
class RulesAt:
    """The rule values in force on one date: what the engine reads."""

    id: str
    name: Label
    on: dt.date
    params: Mapping[str, Param]
    income_types: Mapping[str, IncomeTypeDecl]
    expense_types: Mapping[str, ExpenseTypeDecl]
    digest: str

    def __getitem__(self, key: str) -> Param:
        try:
            return self.params[key]
        except KeyError:
            raise RuleNotInForce(key, self.on, rule_set=self.id) from None

    def value(self, key: str) -> Any:
        """Return the value of ``key`` in force."""
        return self[key].value


@dataclass(frozen=True)
class RuleSet:
    """A rule file with its `extends` chain resolved: every key's full series."""

    id: str
    name: Label
    level: str
    chain: tuple[str, ...]
    files: tuple[str, ...]
    sources: Mapping[str, SourceDecl]
    income_types: Mapping[str, IncomeTypeDecl]
    expense_types: Mapping[str, ExpenseTypeDecl]
    series: Mapping[str, Series]
    _snapshots: dict[dt.date, RulesAt] = field(default_factory=dict, compare=False, repr=False)

    def at(self, on: dt.date) -> RulesAt:
        """Return the values in force on ``on`` (cached per date)."""
        cached = self._snapshots.get(on)
        if cached is not None:
            return cached
        params: dict[str, Param] = {}
        for key, series in self.series.items():
            entry = series.at(on)
            if entry is not None:
                params[key] = Param(key, entry.value, entry.written, entry.start, entry.source,
                                    series.description)
        snapshot = RulesAt(self.id, self.name, on, params, self.income_types,
                           self.expense_types, _digest(self.id, params))
        self._snapshots[on] = snapshot
        return snapshot


def _digest(rule_set: str, params: Mapping[str, Param]) -> str:
    canon = {key: [p.written, p.since.isoformat(), p.source.as_json()]
             for key, p in sorted(params.items())}
    blob = json.dumps([rule_set, canon], ensure_ascii=False, sort_keys=True, default=str)
    return "sha256:" + hashlib.sha256(blob.encode()).hexdigest()[:32]


# ------------------------------------------------------------------- loading


def shipped_rules_dir() -> Path:
    """Return the directory of the rule files that ship with meanstest."""
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def _read(path: Path) -> tuple[RuleFile, Any]:
    from . import yamlfile  # noqa: PLC0415 - PyYAML only loads when a rule file is read

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleFileError(f"cannot read the rule file ({exc.strerror})", path=str(path)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise RuleFileError(f"the rule file is larger than {MAX_FILE_BYTES:,} bytes",
                            path=str(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleFileError("the rule file is not valid UTF-8", path=str(path), problems=(
            Problem("", f"invalid byte at offset {exc.start}"),)) from None
    data = yamlfile.load(text, str(path))
    if not isinstance(data, dict):
        raise RuleFileError("a rule file must be a mapping of keys (schema, id, name, ...)",
                            path=str(path))
    try:
        model = RuleFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = err["loc"]
            pos = yamlfile.position(data, loc)
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = "unknown key (a typo?)"
            problems.append(Problem(_yaml_path(loc), msg, *(pos or (None, None))))
        raise RuleFileError("the rule file is invalid", path=str(path),
                            problems=tuple(problems)) from None
    return model, data


def _yaml_path(loc: Iterable[Any]) -> str:
    parts = ["from" if part == "start" else str(part) for part in loc]
    return ".".join(parts)


class RuleLibrary:
    """Finds rule files by id in a directory (and the shipped one) and resolves them."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or shipped_rules_dir()
        self._cache: dict[Path, tuple[RuleFile, Any]] = {}

    def path_of(self, rule_id: str, near: Path | None = None) -> Path:
        """Return the file of a rule set id: ``<id>.yaml`` or ``<id>-<name>.yaml``."""
        dirs = [d for d in (near, self.directory) if d is not None]
        for directory in dirs:
            for candidate in (directory / f"{rule_id}.yaml",
                              *sorted(directory.glob(f"{rule_id}-*.yaml"))):
                if candidate.is_file():
                    return candidate
        known = ", ".join(self.ids()) or "none"
        raise UnknownRuleSet(f"no rule file has the id '{rule_id}' (known: {known}); "
                             "use --rules ID or --rules FILE")

    def ids(self) -> list[str]:
        """Return the ids of the rule files in the directory, by file name."""
        return sorted(p.name.removesuffix(".yaml").split("-", 1)[0]
                      for p in self.directory.glob("*.yaml"))

    def read(self, path: Path) -> tuple[RuleFile, Any]:
        """Read and validate one file (cached)."""
        path = path.resolve()
        if path not in self._cache:
            self._cache[path] = _read(path)
        return self._cache[path]

    def load(self, rule_id: str) -> RuleSet:
        """Load the rule set with this id."""
        return self.load_file(self.path_of(rule_id))

    def load_file(self, path: Path) -> RuleSet:
        """Load a rule file and the files it extends, and check they fit together."""
        chain: list[tuple[Path, RuleFile, Any]] = []
        current: Path | None = path
        while current is not None:
            model, data = self.read(current)
            if any(m.id == model.id for _, m, _ in chain):
                ids = " → ".join([*(m.id for _, m, _ in chain), model.id])
                raise RuleFileError(f"'extends' makes a cycle: {ids}", path=str(path))
            stem = current.name.removesuffix(".yaml").split("-", 1)[0]
            if current.parent == self.directory.resolve() and stem != model.id:
                raise RuleFileError(f"the file name says id '{stem}' but the file says "
                                    f"'{model.id}'", path=str(current),
                                    problems=(Problem("id", "make them agree",
                                                      *_pos(data, ("id",))),))
            chain.append((current, model, data))
            if len(chain) > MAX_CHAIN:
                raise RuleFileError(f"'extends' is deeper than {MAX_CHAIN} files", path=str(path))
            current = (self.path_of(model.extends, near=current.parent)
                       if model.extends else None)
        return _resolve(list(reversed(chain)))


def _pos(data: Any, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
    from . import yamlfile  # noqa: PLC0415

    return yamlfile.position(data, loc) or (None, None)


def _resolve(chain: list[tuple[Path, RuleFile, Any]]) -> RuleSet:
    """Merge a chain of files, root first, into one RuleSet."""
    sources: dict[str, SourceDecl] = {}
    income_types: dict[str, IncomeTypeDecl] = {}
    expense_types: dict[str, ExpenseTypeDecl] = {}
    series: dict[str, Series] = {}
    for path, model, data in chain:
        problems: list[Problem] = []
        sources.update(model.sources)
        income_types.update(model.income_types)
        expense_types.update(model.expense_types)
        for key, decl in model.parameters.items():
            here = ("parameters", key)
            checker = P.checker_for(key, income_types, expense_types)
            if isinstance(checker, str):
                problems.append(Problem(f"parameters.{key}", checker, *_pos(data, here)))
                continue
            parent = series.get(key)
            description = decl.description or (parent.description if parent else None)
            if description is None:
                problems.append(Problem(f"parameters.{key}", "a new key needs a description "
                                        "with zh and en", *_pos(data, here)))
                continue
            unit = decl.unit or (parent.unit if parent else None)
            entries = _entries(key, decl, unit, checker, sources, path, data, problems)
            if entries is None:
                continue
            kept = [e for e in parent.entries if e.start < entries[0].start] if parent else []
            series[key] = Series(key, description, unit, (*kept, *entries))
        if problems:
            raise RuleFileError("the rule file is invalid", path=str(path),
                                problems=tuple(problems))
    last = chain[-1][1]
    return RuleSet(
        id=last.id, name=last.name, level=last.level,
        chain=tuple(m.id for _, m, _ in chain), files=tuple(str(p) for p, _, _ in chain),
        sources=sources, income_types=income_types, expense_types=expense_types,
        series=series,
    )


def _entries(key: str, decl: ParameterDecl, unit: str | None, checker: P.Checker,
             sources: Mapping[str, SourceDecl], path: Path, data: Any,
             problems: list[Problem]) -> tuple[Entry, ...] | None:
    out: list[Entry] = []
    before = len(problems)
    if key in P.RATE_KEYS and unit not in P.RATE_UNITS:
        problems.append(Problem(f"parameters.{key}.unit",
                                f"expected one of {', '.join(P.RATE_UNITS)}",
                                *_pos(data, ("parameters", key))))
        return None
    for i, dated in enumerate(decl.values):
        here = ("parameters", key, "values", i)
        where = f"parameters.{key}.values.{i}"
        if out and dated.start <= out[-1].start:
            problems.append(Problem(f"{where}.from", f"dates must increase: {dated.start} is "
                                    f"not after {out[-1].start}", *_pos(data, (*here, "from"))))
            continue
        value = dated.value
        if value is not None:
            try:
                value = checker(value)
            except ValueError as exc:
                problems.append(Problem(f"{where}.value", str(exc),
                                        *_pos(data, (*here, "value"))))
                continue
            if key in P.RATE_KEYS and unit == "yuan/month":
                value = value * 12
        ref = _source_ref(dated, sources)
        if isinstance(ref, str):
            problems.append(Problem(f"{where}.source", ref, *_pos(data, (*here, "source"))))
            continue
        written = _written(dated.value, unit)
        line = _pos(data, here)[0]
        out.append(Entry(dated.start, value, written, ref, path.name, line))
    return tuple(out) if len(problems) == before else None


def _source_ref(dated: DatedValue, sources: Mapping[str, SourceDecl]) -> SourceRef | str:
    if dated.source is None:
        return SourceRef(None, None, provisional=True, note=dated.note)
    decl = sources.get(dated.source)
    if decl is None:
        known = ", ".join(sorted(sources)) or "none"
        return f"'{dated.source}' is not declared under sources (known: {known})"
    return SourceRef(dated.source, decl.title, decl.number, dated.article, decl.kind,
                     dated.provisional, dated.note)


def _written(value: Any, unit: str | None) -> str:
    if value is None:
        return "(ended)"
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        text = "[" + ", ".join(str(v) for v in value) + "]"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    else:
        text = str(value)
    if unit and not isinstance(value, bool | list | dict) and value != P.UNLIMITED:
        text += f" {unit}"
    return text


def load_rules(rule: str | Path, directory: Path | None = None) -> RuleSet:
    """Load a rule set by id (``431022``) or by path to a rule file."""
    library = RuleLibrary(directory)
    text = str(rule)
    if text.endswith((".yaml", ".yml")) or "/" in text or Path(text).is_file():
        return library.load_file(Path(text))
    return library.load(text)


def decimal_of(value: Any) -> Decimal:
    """Return a rule value as Decimal (rules give ints or Decimals)."""
    return value if isinstance(value, Decimal) else Decimal(value)
