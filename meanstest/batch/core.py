"""Batch assessment: household records in, one result or error record out for each.

The core of `meanstest batch`, with no click and no files. It takes records (a line of
JSON, a decoded object, or the rows of a case roll) and yields, in input order, one
`meanstest.assessment/1` or `meanstest.error/1` record per record. A record that
cannot be assessed becomes an error record naming its line and field, and the stream
goes on; only a broken rule file stops it, because then no result could be trusted.

Everything a worker needs travels in one picklable `Job` (rule sets pickle), so
`--jobs N`, Dask and Spark run this same code and write the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..engine import assess
from ..errors import (
    HouseholdInvalid,
    MeansTestError,
    Problem,
    RuleFileError,
    RuleNotInForce,
    UnknownRuleSet,
    Unreadable,
)
from ..files.json import decode_json, dumps_line
from ..files.records import Outcome, Record
from ..files.roll import Layout, Tabular
from ..model.household import Household, parse_household
from ..money import fmt
from ..render.json import to_json
from ..render.rows import error_row, summary_row
from ..render.text import printable
from ..ruleset.choose import RuleChooser, assessment_date
from ..ruleset.model import RuleSet

if TYPE_CHECKING:
    from ..model.result import Assessment
    from ..render.labels import Lang

ERROR_SCHEMA = "meanstest.error/1"
Output = Literal["jsonl", "row", "dict"]


_ID_REQUIRED = "a household id is required in batch, to match each result to its record"


@dataclass(frozen=True)
class Job:
    """How to assess every record of a run; pickled once to each worker.

    Attributes:
        today: the date used when neither ``on`` nor the household gives one; resolved
            once per run, so that every record and every worker agree.
        rules: a loaded rule set, an id or file, or None for each household's region.
        on: the assessment date for every household (``--on``).
        lang: the language of messages in results.
        encoding: the encoding of JSON text given as bytes.
        layout: the case-roll columns, for records given as rows.
        output: ``jsonl`` (encoded lines), ``row`` (summary rows) or ``dict``.
        debug: let unexpected exceptions through instead of writing error records.
        show_personal_data: write names and ID numbers unmasked in results.
    """

    today: dt.date
    rules: str | Path | RuleSet | None = None
    on: dt.date | None = None
    lang: Lang = "en"
    encoding: str = "utf-8"
    layout: Layout | None = None
    output: Output = "dict"
    debug: bool = False
    show_personal_data: bool = False


class Assessor:
    """Assesses records one by one under a `Job`, keeping the rule sets it loads."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self._fixed = job.rules if isinstance(job.rules, RuleSet) else None
        self._chooser = RuleChooser(None if self._fixed else job.rules)  # type: ignore[arg-type]
        self._unknown: dict[str, str] = {}

    def process(self, records: Iterable[Record]) -> list[Outcome]:
        """Assess a chunk of records, in order."""
        return [self.outcome(record) for record in records]

    def outcome(self, record: Record) -> Outcome:
        """Assess one record into its output; errors become error records."""
        data: object = None
        where: Tabular | None = None
        try:
            data, where = self._decode(record.payload)
            household = _parse(data)
            assessment = assess(household, self.rule_set(household).at(
                assessment_date(household, self.job.on, self.job.today)))
            return self._result(assessment, record.line)
        except RuleFileError as exc:
            # A broken rule file is no fault of the record: stop the run.
            raise MeansTestError(str(exc)) from None
        except MeansTestError as exc:
            return self._error("error", self._id_of(data, record.payload), record.line,
                               self._items(exc, where))
        except Exception as exc:
            if self.job.debug:
                raise
            msg = f"internal error ({type(exc).__name__}: {exc}); please report it"
            return self._error("internal_error", self._id_of(data, record.payload),
                               record.line, [{"loc": "", "msg": msg}])

    def household(self, record: Record) -> Household | Unreadable:
        """Read one record into a validated household, or say why it cannot be read
        (with its id, when one can be read, and errors as an error record has them)."""
        data: object = None
        where: Tabular | None = None
        try:
            data, where = self._decode(record.payload)
            return _parse(data)
        except MeansTestError as exc:
            found = self._id_of(data, record.payload)
            return Unreadable(None if found is None else printable(found),
                              tuple(self._items(exc, where)))

    def rule_set(self, household: Household) -> RuleSet:
        """Return the rule set that applies to a household."""
        if self._fixed is not None:
            return self._fixed
        if self._chooser.fixed is None:
            if household.region is None:
                raise HouseholdInvalid("no region", problems=(Problem(
                    "region", "the household has no region; give one, or run with --rules"),))
            known = self._unknown.get(household.region)
            if known is not None:
                raise HouseholdInvalid("unknown region", problems=(Problem("region", known),))
        try:
            return self._chooser.for_household(household)
        except UnknownRuleSet as exc:
            if self._chooser.fixed is not None:
                raise MeansTestError(str(exc)) from None
            assert household.region is not None  # noqa: S101 - checked above
            self._unknown[household.region] = exc.message
            raise HouseholdInvalid("unknown region", problems=(
                Problem("region", exc.message),)) from None

    def _decode(self, payload: Any) -> tuple[object, Tabular | None]:
        if isinstance(payload, bytes):
            return decode_json(_text(payload, self.job.encoding)), None
        if isinstance(payload, str):
            return decode_json(payload), None
        if isinstance(payload, tuple):
            if self.job.layout is None:
                raise TypeError("case-roll rows need a Job with a layout")
            rows = self.job.layout.household(payload)
            return rows.data, rows
        return payload, None

    def _id_of(self, data: object, payload: Any) -> str | None:
        """The household id to echo in an error record, if one can be read."""
        if data is None and isinstance(payload, tuple) and self.job.layout is not None:
            return self.job.layout.household_id(payload[0][1])
        return _id_of(data)

    def _items(self, exc: MeansTestError, where: Tabular | None) -> list[dict[str, str]]:
        problems = exc.problems
        if not problems:
            # A date with no rules in force: the household's date, unless --on set it.
            dated = isinstance(exc, RuleNotInForce) and self.job.on is None
            problems = (Problem("assessed_on" if dated else "", exc.message),)
        items = []
        for problem in problems:
            p = where.relocate(problem) if where is not None else problem
            msg = p.msg if p.column is None else f"{p.msg} (column {p.column})"
            items.append({"loc": printable(p.loc), "msg": printable(msg)})
        return items

    def _result(self, a: Assessment, line: int) -> Outcome:
        benefit = fmt(a.benefit_monthly)
        if self.job.output == "row":
            return Outcome(a.status, benefit, summary_row(a, line))
        record = to_json(a, self.job.lang, show_personal_data=self.job.show_personal_data)
        if self.job.output == "dict":
            return Outcome(a.status, benefit, record)
        try:
            return Outcome(a.status, benefit, dumps_line(record))
        except UnicodeEncodeError:
            return self._error("error", a.household_id, line, [{"loc": "", "msg": (
                "the record holds text that cannot be written as UTF-8 (an unpaired "
                "surrogate escape such as \\ud800)")}])

    def _error(self, status: str, household_id: str | None, line: int,
               items: list[dict[str, str]]) -> Outcome:
        record = {"schema": ERROR_SCHEMA,
                  "household_id": None if household_id is None else printable(household_id),
                  "line": line, "errors": items}
        if self.job.output == "jsonl":
            return Outcome(status, "0.00", dumps_line(record))
        if self.job.output == "row":
            return Outcome(status, "0.00", error_row(record))
        return Outcome(status, "0.00", record)


def _parse(data: object) -> Household:
    """Validate a household; batch also requires its id."""
    missing = isinstance(data, Mapping) and (data.get("id") is None or (
        isinstance(data["id"], str) and not data["id"].strip()))
    try:
        household = parse_household(data)
    except HouseholdInvalid as exc:
        if missing:
            exc.problems = (Problem("id", _ID_REQUIRED), *exc.problems)
        raise
    if missing:
        raise HouseholdInvalid(_ID_REQUIRED, problems=(Problem("id", _ID_REQUIRED),))
    return household


def _id_of(data: object) -> str | None:
    if isinstance(data, Mapping):
        value = data.get("id")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _text(line: bytes, encoding: str) -> str:
    try:
        return line.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = "is the input GBK? use --encoding gbk" if encoding.replace("-", "").lower() in (
            "utf8", "utf8sig") else "give the input's encoding with --encoding"
        raise HouseholdInvalid("undecodable", problems=(Problem(
            "", f"the line is not valid {encoding} (byte 0x{line[exc.start]:02x} at byte "
            f"{exc.start + 1}); {hint}"),)) from None


# ------------------------------------------------------------------ encoding


# -------------------------------------------------------------- summary rows


# ------------------------------------------------------------------- running


@dataclass
class Summary:
    """Counts by status, the total monthly benefit, and the errors of a run."""

    records: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    benefit_total: Decimal = Decimal(0)
    skipped: int = 0  # blank lines or rows, which are not records

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        self.records += 1
        self.by_status[outcome.status] += 1
        if outcome.benefit != "0.00":
            self.benefit_total += Decimal(outcome.benefit)

    @property
    def errors(self) -> int:
        """Records that could not be assessed (internal errors included)."""
        return self.by_status["error"] + self.by_status["internal_error"]


# --------------------------------------------------------------- library API


def assess_records(records: Iterable[Mapping[str, Any] | str | bytes], *,
                   rules: str | Path | RuleSet | None = None, on: dt.date | None = None,
                   today: dt.date | None = None, lang: Lang = "en",
                   first_line: int = 1,
                   show_personal_data: bool = False) -> Iterator[dict[str, Any]]:
    """Assess households one by one; yield one result or error record for each.

    Records are household objects (as decoded from JSON) or lines of JSON text;
    blank lines are skipped. Results are `meanstest.assessment/1` dicts, as
    ``check --format json`` gives; a record that cannot be assessed yields a
    `meanstest.error/1` dict with its line (counted from ``first_line``).

    Args:
        records: any iterable, consumed lazily (a file, a Dask or Spark partition).
        rules: a `RuleSet` (it pickles: load it once, ship it to workers), a rule set
            id or file, or None for each household's region.
        on: assess every household on this date.
        today: the date used when neither ``on`` nor the household gives one; pass
            it in a distributed run so that every partition agrees. Default: today.
        lang: the language of messages.
        first_line: the line number of the first record.
        show_personal_data: names and ID numbers unmasked (masked by default).

    Raises:
        MeansTestError: a rule file is broken (no record could be assessed).
    """
    job = Job(today=today or dt.date.today(), rules=rules, on=on, lang=lang,  # noqa: DTZ011
              show_personal_data=show_personal_data)
    assessor = Assessor(job)
    for line, payload in enumerate(records, start=first_line):
        if isinstance(payload, str | bytes) and not payload.strip():
            continue
        yield assessor.outcome(Record(line, payload)).output


def assess_partition(records: Iterable[Mapping[str, Any] | str | bytes],
                     **options: Any) -> list[dict[str, Any]]:
    """`assess_records` as a list, for a partition function that must return one.

    A persisted Dask bag reads each partition more than once, which an iterator
    would not survive. Takes the keyword options of `assess_records`.
    """
    return list(assess_records(records, **options))
