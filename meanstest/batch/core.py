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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from ..engine import assess
from ..errors import (
    HouseholdInvalid,
    MeansTestError,
    Problem,
    RuleFileError,
    RuleNotInForce,
    Unreadable,
)
from ..files.json import decode_json, dumps_line
from ..files.records import Outcome, Record
from ..files.roll import Layout, Tabular
from ..model.household import Household, parse_household
from ..money import fmt
from ..render.errors import headline_problem, record_item
from ..render.json import to_json
from ..render.rows import error_row, summary_row
from ..render.text import printable
from ..ruleset.choose import NoRegion, RuleChooser, UnknownRegion
from ..ruleset.model import RuleSet
from .summary import summary_record

if TYPE_CHECKING:
    from ..model.contract import AssessmentOut, ErrorOut
    from ..model.contract_summary import SummaryOut
    from ..model.result import Assessment
    from ..render.labels import Lang

ERROR_SCHEMA: Final = "meanstest.error/1"
Output = Literal["jsonl", "row", "dict"]
Detail = Literal["full", "summary"]


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
        detail: ``full`` (`meanstest.assessment/1` records) or ``summary``
            (`meanstest.summary/1`, what the columnar engine writes).
        rules_dirs: directories of the user's own rule files, searched by id first.
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
    detail: Detail = "full"
    rules_dirs: tuple[Path, ...] = ()


class Assessor:
    """Assesses records one by one under a `Job`, keeping the rule sets it loads.

    The rules and the date of each household are chosen by `ruleset.choose`, as for
    every other caller; a region with no rule file is looked up once per process.
    """

    def __init__(self, job: Job) -> None:
        self.job = job
        self._chooser = RuleChooser(job.rules, search=job.rules_dirs)

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
            rules = self._chooser.rules_at(household, self.job.on, self.job.today)
            return self._result(assess(household, rules), record.line)
        except RuleFileError:
            raise  # a broken rule file is no fault of the record: stop the run
        except MeansTestError as exc:
            return self._error(
                "error", self._id_of(data, record.payload), record.line, self._problems(exc, where)
            )
        except Exception as exc:
            if self.job.debug:
                raise
            internal = Problem(
                "", "internal_error", {"kind": type(exc).__name__, "detail": str(exc)}
            )
            return self._error(
                "internal_error", self._id_of(data, record.payload), record.line, (internal,)
            )

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
            problems = self._problems(exc, where)
            items = tuple(dict(record_item(p, self.job.lang)) for p in problems)
            return Unreadable(None if found is None else printable(found), items, problems)

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

    def _problems(self, exc: MeansTestError, where: Tabular | None) -> tuple[Problem, ...]:
        """What is wrong, each problem at its place in the record (a case roll's row and
        column, for a household read from one)."""
        problems = exc.problems or (self._problem(exc),)
        if where is None:
            return problems
        return tuple(where.relocate(problem) for problem in problems)

    def _problem(self, exc: MeansTestError) -> Problem:
        """The field an error with no problems of its own is about, in a record."""
        if isinstance(exc, NoRegion | UnknownRegion):
            return headline_problem(exc, "region")
        # A date with no rules in force: the household's date, unless --on set it.
        dated = isinstance(exc, RuleNotInForce) and self.job.on is None
        return headline_problem(exc, "assessed_on" if dated else "")

    def _result(self, a: Assessment, line: int) -> Outcome:
        benefit = fmt(a.benefit_monthly)
        support = fmt(a.support_monthly)
        used = (a.rules.id, a.rules.digest, a.rules.as_of.isoformat())
        if self.job.output == "row":
            return Outcome(a.status, benefit, summary_row(a, line), support, used)
        record: AssessmentOut | SummaryOut = (
            summary_record(a, self.job.lang)
            if self.job.detail == "summary"
            else to_json(a, self.job.lang, show_personal_data=self.job.show_personal_data)
        )
        if self.job.output == "dict":
            return Outcome(a.status, benefit, record, support, used)
        try:
            return Outcome(a.status, benefit, dumps_line(record), support, used)
        except UnicodeEncodeError:
            return self._error("error", a.household_id, line, (Problem("", "record_not_utf8"),))

    def _error(
        self, status: str, household_id: str | None, line: int, problems: tuple[Problem, ...]
    ) -> Outcome:
        record: ErrorOut = {
            "schema": ERROR_SCHEMA,
            "household_id": None if household_id is None else printable(household_id),
            "line": line,
            "errors": [record_item(p, self.job.lang) for p in problems],
        }
        if self.job.output == "jsonl":
            return Outcome(status, "0.00", dumps_line(record))
        if self.job.output == "row":
            return Outcome(status, "0.00", error_row(record))
        return Outcome(status, "0.00", record)


def _parse(data: object) -> Household:
    """Validate a household; batch also requires its id."""
    missing = isinstance(data, Mapping) and (
        data.get("id") is None or (isinstance(data["id"], str) and not data["id"].strip())
    )
    try:
        household = parse_household(data)
    except HouseholdInvalid as exc:
        if missing:
            exc.problems = (Problem("id", "id_required"), *exc.problems)
        raise
    if missing:
        raise HouseholdInvalid("id_required", problems=(Problem("id", "id_required"),))
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
        utf8 = encoding.replace("-", "").lower() in ("utf8", "utf8sig")
        raise HouseholdInvalid(
            "record_undecodable",
            problems=(
                Problem(
                    "",
                    "line_not_decodable_utf8" if utf8 else "line_not_decodable",
                    {"encoding": encoding, "byte": f"0x{line[exc.start]:02x}", "at": exc.start + 1},
                ),
            ),
        ) from None


@dataclass
class Summary:
    """Counts by status, the total monthly benefit, and the errors of a run."""

    records: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    benefit_total: Decimal = Decimal(0)
    skipped: int = 0  # blank lines or rows, which are not records
    support_total: Decimal = Decimal(0)  # everything paid: the 特困 support added

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        self.records += 1
        self.by_status[outcome.status] += 1
        if outcome.benefit != "0.00":
            self.benefit_total += Decimal(outcome.benefit)
        support = outcome.benefit if outcome.support is None else outcome.support
        if support != "0.00":
            self.support_total += Decimal(support)

    @property
    def errors(self) -> int:
        """Records that could not be assessed (internal errors included)."""
        return self.by_status["error"] + self.by_status["internal_error"]
