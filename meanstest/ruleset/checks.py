"""Consistency checks declared in rule files, run on load and on every proposal.

A check is a comparison of rule values that must hold on every date, written for
policy staff to read::

    checks:
      - id: county-not-below-province-floor
        description: {zh: 县级标准不低于省级指导标准, en: County standard not below the floor}
        require: dibao.standard.rural >= dibao.floor.rural

A side is a product of rule keys and numbers (``1.3 * dibao.standard.rural``); a
number may be an exact fraction (``1/6 * minimum_wage.previous_year``). Amounts are
compared exactly as yuan a year whatever unit a file wrote. A check that says
``{area}`` is checked for urban and rural alike, and there a share of the standard
counts as that share of the area's standard (``tekun.basic >= 1.3 * dibao.standard.{area}``);
a check that does not say it, but meets such a share, is checked for each area too.
A share of the minimum wage counts as that share of the wage in force. A check may
cite where its figures come from (``source``, ``article``, ``note``) and say from when
it applies (``from``).

A check is evaluated on each date where one of its values changes, whenever all its
keys are in force; a check whose keys never meet is silent. Its left side is the value
checked: when a check fails and every value on its left is sourced, the rule set is
wrong and does not load (an error naming the values and their sources); when one of
them is provisional, the rule set loads and the failure is kept as a `Breach` for the
dates it lasts, so that every result that uses the value warns of it (a county's
standard carried forward from an old year, below the province's new minimum). The same
holds for a proposal: a provisional proposed value (``--set``, a proposal file's
``provisional: true``) that fails a check warns on every result that uses it.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from ..errors import Invalid, Problem
from ..model.sources import Label, SourceRef
from ..model.vocabulary import Area, codes
from .amounts import Share
from .keys import amount_bases

if TYPE_CHECKING:
    from .model import Entry, RuleSet

_OPS: dict[str, Callable[[Fraction, Fraction], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}
_COMPARISON = re.compile(r"^\s*(?P<left>[^<>=]+?)\s*(?P<op>>=|<=|==|>|<)\s*(?P<right>[^<>=]+?)\s*$")
_KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_FRACTION = re.compile(r"^(?P<num>\d{1,12})/(?P<den>\d{1,12})$")
AREAS = tuple(sorted(codes(Area)))  # the order checks per area are listed in: rural first
# The keys whose values a share is of, by the share's base; a change of one of them can
# change a check's values, so checks are evaluated on their dates too.
_BASE_KEYS = {
    "minimum_wage": "minimum_wage",
    "minimum_wage_previous_year": "minimum_wage.previous_year",
    "tekun_basic": "tekun.basic",
}
_BASE_DATES = ("dibao.standard.rural", "dibao.standard.urban", *_BASE_KEYS.values())

Factor = str | Decimal | Fraction

# The warning of a result that uses a value failing a check, by the check's comparison:
# the value is below the minimum it must reach (>=), not above the limit it must exceed
# (>), above the maximum it must not pass (<=), not below the limit it must stay under
# (<), or not the value it must be (==).
BREACH_CODES = {
    ">=": "below_minimum",
    ">": "not_above_limit",
    "<=": "above_maximum",
    "<": "not_below_limit",
    "==": "not_as_required",
}


class Check(NamedTuple):
    """A parsed consistency check."""

    id: str
    description: Label
    left: tuple[Factor, ...]
    op: str
    right: tuple[Factor, ...]
    text: str
    file: str
    area: str | None = None  # for a check written per area ({area})
    source: SourceRef | None = None  # where its figures come from, when it cites one
    start: dt.date | None = None  # the first date it applies on (None: every date)
    level: str | None = None  # the level of the file that declares it
    line: int | None = None  # its line in that file

    @property
    def keys(self) -> tuple[str, ...]:
        """The rule keys the check reads."""
        return tuple(f for f in (*self.left, *self.right) if isinstance(f, str))


class Breach(NamedTuple):
    """A check that a provisional value fails, from ``start`` until ``end`` (None: on).

    ``value`` and ``limit`` are the two sides as the rule files write them (with the
    yearly figure they are compared as, when that differs); ``since`` is the date the
    limit has been in force from (None for a number in a check that applies always),
    ``source`` and ``level`` where it comes from.
    """

    check: str
    text: str
    op: str
    keys: tuple[str, ...]  # the checked keys (the left side's)
    value: str
    limit: str
    since: dt.date | None  # None for a limit of numbers only, in a check with no `from`
    source: SourceRef | None
    level: str | None
    start: dt.date
    end: dt.date | None
    area: str | None = None

    def covers(self, on: dt.date) -> bool:
        """Whether the breach lasts on the date ``on``."""
        return self.start <= on and (self.end is None or on < self.end)


def _side(text: str) -> tuple[Factor, ...] | Invalid:
    factors: list[Factor] = []
    for part in text.split("*"):
        word = part.strip()
        if _NUMBER.match(word):
            factors.append(Decimal(word))
        elif match := _FRACTION.match(word):
            if int(match["den"]) == 0:
                return Invalid("divides_by_zero", text=word)
            factors.append(Fraction(int(match["num"]), int(match["den"])))
        elif _KEY.match(word):
            factors.append(word)
        else:
            return Invalid("check_operand", word=word)
    return tuple(factors)


def parse_check(text: str, check_id: str, description: Label, file: str) -> list[Check] | Invalid:
    """Parse ``A op B``; return the check (one per area when it says ``{area}``), or
    what is wrong."""
    if "{area}" in text:
        out: list[Check] = []
        for area in AREAS:
            parsed = parse_check(text.replace("{area}", area), check_id, description, file)
            if isinstance(parsed, Invalid):
                return parsed
            # One check per area, named for it (tekun-basic-rural), so that a message
            # says which area's values break it.
            out += [c._replace(id=f"{check_id}-{area}", area=area) for c in parsed]
        return out
    match = _COMPARISON.match(text)
    if match is None:
        return Invalid("check_comparison")
    left, right = _side(match["left"]), _side(match["right"])
    if isinstance(left, Invalid):
        return left
    if isinstance(right, Invalid):
        return right
    return [Check(check_id, description, left, match["op"], right, text.strip(), file)]


class _NeedsArea(Exception):
    """A value is a share of the dibao standard, and the check names no area."""


class _NotANumber(Exception):
    """A check reads a value that is not a number (a list, a word, true or false)."""


def _dates(rule_set: RuleSet, check: Check) -> list[dt.date]:
    """The dates the check's values change on: its keys', and, when one of them is a
    share, those of the values a share can be of."""
    series = [rule_set.series[k] for k in check.keys if k in rule_set.series]
    if any(isinstance(e.value, Share) for s in series for e in s.entries):
        series += [rule_set.series[k] for k in _BASE_DATES if k in rule_set.series]
    dates = {e.start for s in series for e in s.entries}
    if check.start is not None:
        dates = {d for d in dates if d > check.start} | {check.start}
    return sorted(dates)


def _annual(rule_set: RuleSet, key: str, on: dt.date, area: str | None) -> Fraction | None:
    """A rule value on a date as an exact number (amounts in yuan a year), or None when
    it (or the value it is a share of) is not in force."""
    series = rule_set.series.get(key)
    entry = series.at(on) if series else None
    if entry is None:
        return None
    value = entry.value
    if isinstance(value, Share):
        if value.of == "standard":
            if area is None:
                raise _NeedsArea
            base = _annual(rule_set, f"dibao.standard.{area}", on, area)
        elif value.of in _BASE_KEYS:
            base = _annual(rule_set, _BASE_KEYS[value.of], on, area)
        else:  # a share of a household's own figure: nothing to compare it with here
            return None
        return None if base is None else base * Fraction(value.ratio)
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise _NotANumber(key)
    return Fraction(value)


def _product(factors: tuple[Factor, ...], values: Mapping[str, Fraction]) -> Fraction:
    total = Fraction(1)
    for f in factors:
        total *= values[f] if isinstance(f, str) else Fraction(f)
    return total


def _figure(number: Fraction) -> str:
    """An exact number as text: 5928, 0.5, or ≈3333.33 when it has no exact decimal."""
    exact = Decimal(number.numerator) / Decimal(number.denominator)
    if Fraction(exact) == number:
        return f"{exact.normalize():f}"
    return f"≈{exact.quantize(Decimal('0.01'))}"


def _side_text(
    factors: tuple[Factor, ...], entries: Mapping[str, Entry], values: Mapping[str, Fraction]
) -> str:
    """A side as the files write it; with its yearly figure when that reads differently
    (``485 yuan/month (= 5820 yuan/year)``, ``1.3 × 4560 yuan/year (= 5928 yuan/year)``)."""
    text = " × ".join(entries[f].written if isinstance(f, str) else str(f) for f in factors)
    money = any(isinstance(f, str) and amount_bases(f) is not None for f in factors)
    if len(factors) == 1 and (not money or text.endswith(" yuan/year")):
        return text  # read as it is compared
    total = _figure(_product(factors, values))
    return f"{text} (= {total} yuan/year)" if money else f"{text} (= {total})"


def run_checks(rule_set: RuleSet) -> tuple[tuple[Problem, ...], tuple[Breach, ...]]:
    """Evaluate every check of a rule set on every date its values change.

    Returns the errors (one per check: its first failure whose checked values are all
    sourced) and the breaches (failures where a checked value is provisional).
    """
    problems: list[Problem] = []
    breaches: list[Breach] = []
    for check in rule_set.checks:
        unknown = [k for k in check.keys if k not in rule_set.series]
        if any(not _KEY.match(k) for k in unknown):
            continue
        dates = _dates(rule_set, check)
        open_at: dict[str | None, int] = {}  # the check's last breach, by area
        for i, on in enumerate(dates):
            end = dates[i + 1] if i + 1 < len(dates) else None
            try:
                found = _evaluate(rule_set, check, on, end)
            except _NotANumber as exc:
                problems.append(
                    Problem(f"checks.{check.id}", "check_not_a_number", {"key": exc.args[0]})
                )
                break
            if isinstance(found, Problem):
                problems.append(found)
                break
            for breach in found:
                at = open_at.get(breach.area)
                if (
                    at is not None
                    and breaches[at].end == on
                    and breaches[at]._replace(start=on, end=end, since=breach.since) == breach
                ):
                    breaches[at] = breaches[at]._replace(end=end)  # the same failure goes on
                else:
                    open_at[breach.area] = len(breaches)
                    breaches.append(breach)
    return tuple(problems), tuple(breaches)


def _evaluate(
    rule_set: RuleSet, check: Check, on: dt.date, end: dt.date | None
) -> Problem | list[Breach]:
    """The check on one date: an error, or the breaches (none when it holds)."""
    try:
        failure = _failure(rule_set, check, check.area, on, end)
    except _NeedsArea:
        out: list[Breach] = []
        for area in AREAS:
            failure = _failure(rule_set, check, area, on, end)
            if isinstance(failure, Problem):
                return failure
            out += [failure] if failure is not None else []
        return out
    if isinstance(failure, Problem):
        return failure
    return [failure] if failure is not None else []


def _failure(
    rule_set: RuleSet, check: Check, area: str | None, on: dt.date, end: dt.date | None
) -> Problem | Breach | None:
    entries: dict[str, Entry] = {}
    values: dict[str, Fraction] = {}
    for key in check.keys:
        series = rule_set.series.get(key)
        entry = series.at(on) if series else None
        value = _annual(rule_set, key, on, area) if entry is not None else None
        if entry is None or value is None:
            return None  # a value not in force: nothing to check on this date
        entries[key], values[key] = entry, value
    if _OPS[check.op](_product(check.left, values), _product(check.right, values)):
        return None
    checked = [k for k in check.left if isinstance(k, str)]
    if all(not entries[k].source.provisional for k in checked):
        named = [f"{k} = {e.written} ({e.source.short()}, {e.file})" for k, e in entries.items()]
        # The line of the value that breaks it: the checked value most recently in force.
        breaking = max((entries[k] for k in checked), key=lambda e: e.start)
        line = breaking.line
        if area and check.area is None:  # a check that names no area, met by a share
            return Problem(
                f"checks.{check.id}",
                "check_fails_in_area",
                {
                    "check": check.text,
                    "on": on.isoformat(),
                    "area": area,
                    "values": named,
                    "file": breaking.file,
                },
                line,
            )
        return Problem(
            f"checks.{check.id}",
            "check_fails",
            {"check": check.text, "on": on.isoformat(), "values": named, "file": breaking.file},
            line,
        )
    limits = [entries[k] for k in check.right if isinstance(k, str)]
    # A limit of numbers only (edge multiplier > 1) is in force as long as the check is.
    since = max((e.start for e in limits), default=check.start)
    source = check.source or (limits[0].source if limits else None)
    level = limits[0].level if len(limits) == 1 and check.source is None else check.level
    return Breach(
        check.id,
        check.text,
        check.op,
        tuple(dict.fromkeys(checked)),
        _side_text(check.left, entries, values),
        _side_text(check.right, entries, values),
        since,
        source,
        level,
        on,
        end,
        area,
    )


# The keys without one of which a household of that area cannot be assessed.
STANDARDS = ("dibao.standard.rural", "dibao.standard.urban")


class Gap(NamedTuple):
    """Dates on which these dibao standards are not in force (`rules validate`)."""

    keys: tuple[str, ...]
    dates: tuple[dt.date, ...]


def standard_gaps(rule_set: RuleSet, today: dt.date) -> list[Gap]:
    """The dates a rule set has no dibao standard in force, by the standards missing.

    The dates looked at are today and, for a county or a proposal (the files meant to
    assess households), each date a value of its own file or a dibao standard changes:
    a county file started with `rules new` and its standard left to fill in has no
    standard on the date its values start.
    """
    dates = {today}
    if rule_set.level in ("county", "proposal"):
        own = rule_set.files[-1].replace("\\", "/").rsplit("/", 1)[-1]
        dates |= {
            e.start
            for key, series in rule_set.series.items()
            for e in series.entries
            if e.file == own or key in STANDARDS
        }
    gaps: dict[tuple[str, ...], list[dt.date]] = {}
    for on in sorted(d for d in dates if d > dt.date.min):
        missing = tuple(
            k for k in STANDARDS if k not in rule_set.series or rule_set.series[k].at(on) is None
        )
        if missing:
            gaps.setdefault(missing, []).append(on)
    return [Gap(keys, tuple(on)) for keys, on in gaps.items()]
