"""What a comparison report says beyond the counts (issue 15): its title, its stamp, the
rule values the proposal changes, the cost by scheme and for the rest of the budget
year, the households by group, and the notices that keep it from misleading.

Shared by the table and JSON (`render.compare`) and the HTML report (`render.html`),
so that each says the same; every sentence is here in Chinese and English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .. import __version__
from ..compare import SCHEMES, Summary, group_order
from ..errors import MeansTestError
from ..money import fmt
from .labels import Lang
from .labels_compare import REPORT_LABELS
from .labels_tools import in_units, singular
from .rule_values import code_words
from .text import colon, comma

# The labels and sentences are in `labels_compare`.
_LABELS = REPORT_LABELS


def report_label(key: str, lang: Lang, **params: object) -> str:
    """A label or sentence of the report in a language, its placeholders filled."""
    zh, en = _LABELS[key]
    return zh.format(**params) if lang == "zh" else singular(en.format(**params))


def _dates(dates: Iterable[dt.date]) -> str:
    return ", ".join(d.isoformat() for d in sorted(dates))


def not_in_force(s: Summary) -> MeansTestError | None:
    """The error of a comparison in which no household's rules differ on its date; None
    when some do, when no household could be assessed at all, or when some changes do
    not say which rules they were made under (it cannot be told then)."""
    if s.records == s.errors or s.rules_differ or s.rules_unknown:
        return None
    on = _dates(s.dates)
    params = (
        {"on": on, "dates": _dates(s.pending), "first": min(s.pending).isoformat()}
        if s.pending
        else {"on": on, "ids": ", ".join(sorted(s.unchanged))}
    )
    return MeansTestError(
        "compare_not_in_force" if s.pending else "compare_changes_nothing", params=params
    )


def notices(s: Summary, lang: Lang) -> list[str]:
    """What a reader must know to read the figures right."""
    out = []
    if not s.records:  # an empty report would read as "the proposal costs nothing"
        out.append(report_label("notice.empty", lang))
    if s.pending:
        out.append(
            report_label("notice.pending", lang, dates=_dates(s.pending), on=_dates(s.dates))
        )
    if s.unchanged:
        out.append(
            report_label(
                "notice.unreached",
                lang,
                n=sum(s.unchanged.values()),
                ids=", ".join(sorted(s.unchanged)),
            )
        )
    if s.errors:
        out.append(report_label("notice.errors", lang, n=s.errors))
    return out


def stamp(s: Summary) -> dict[str, Any]:
    """The rule sets, digests and dates compared, and the meanstest version."""
    return {
        "rules": [
            {"before": {"id": a, "digest": da}, "after": {"id": b, "digest": db}, "households": n}
            for (a, da, b, db), n in sorted(s.pairs.items())
        ],
        "assessed_on": [d.isoformat() for d in sorted(s.dates)],
        "meanstest_version": __version__,
    }


def rule_changes(s: Summary) -> list[dict[str, Any]]:
    """The rule values the proposal changes on the assessment dates, one per rule set."""
    return [
        {
            "rule_set": rule_set,
            "key": v.key,
            "unit": v.unit,
            "before": v.before,
            "before_since": _iso(v.before_since),
            "after": v.after,
            "after_since": _iso(v.after_since),
            "before_provisional": v.before_provisional,
            "after_provisional": v.after_provisional,
        }
        for rule_set, v in s.value_changes
    ]


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def schemes(s: Summary) -> dict[str, Any]:
    """Households, persons and monthly cost by scheme, before and after."""
    out: dict[str, Any] = {}
    before, after = s.schemes["before"], s.schemes["after"]
    for scheme in SCHEMES:
        row: dict[str, Any] = {
            "households_before": before.households[scheme],
            "households_after": after.households[scheme],
            "persons_before": before.persons[scheme],
            "persons_after": after.persons[scheme],
        }
        if scheme != "edge":
            row |= {
                "monthly_before": fmt(before.monthly[scheme]),
                "monthly_after": fmt(after.monthly[scheme]),
                "monthly_difference": fmt(after.monthly[scheme] - before.monthly[scheme]),
            }
        out[scheme] = row
    if s.temporary.cases:
        out["temporary"] = {
            "households_before": s.temporary.eligible["before"],
            "households_after": s.temporary.eligible["after"],
        }
    return out


def budget_year(s: Summary) -> dict[str, Any]:
    """The cost of the change for the rest of each budget year (calendar year)."""
    return {
        "difference": fmt(s.year_difference),
        "periods": [
            {
                "year": year,
                "from_month": f"{year}-{13 - months:02d}",
                "months": months,
                "households": n,
            }
            for (year, months), n in sorted(s.months.items())
        ],
    }


def groups(s: Summary) -> list[dict[str, Any]]:
    """The breakdown by group, in a fixed order."""
    return [
        {
            "group": key,
            "households": g.households,
            "monthly_before": fmt(g.before),
            "monthly_after": fmt(g.after),
            "monthly_difference": fmt(g.after - g.before),
            "budget_year_difference": fmt(g.year_difference),
            "enters": g.enters,
            "leaves": g.leaves,
        }
        for key, g in sorted(s.groups.items(), key=lambda kv: group_order(kv[0]))
    ]


def group_name(key: str, lang: Lang) -> str:
    """A group key as a reader reads it."""
    kind, _, name = key.partition(":")
    return report_label(f"group.{kind}", lang, name=name)


def signed(amount: Decimal) -> str:
    """A change with its sign, to the fen."""
    return ("+" if amount > 0 else "") + fmt(amount)


@dataclass
class Report:
    """What every form of the report shows besides the summary's own counts."""

    summary: Summary
    base: str
    proposal: str
    title: str
    lang: Lang
    made: dt.date
    notices: list[str] = field(default_factory=list)

    @classmethod
    def of(
        cls, s: Summary, base: str, proposal: str, title: str, lang: Lang, made: dt.date
    ) -> Report:
        """The report of a summary."""
        return cls(s, base, proposal, title, lang, made, notices(s, lang))

    def json(self) -> dict[str, Any]:
        """The issue-15 fields of the JSON summary."""
        s = self.summary
        return {
            "title": self.title,
            "stamp": stamp(s),
            "notices": self.notices,
            "rule_changes": rule_changes(s),
            "schemes": schemes(s),
            "budget_year": budget_year(s),
            "groups": groups(s),
            "places": any(k.startswith(("township:", "village:")) for k in s.groups),
        }

    def tables(self) -> list[Section]:
        """The sections as (heading, header, rows) for the table and the page."""
        return [
            _rule_changes_table(self.summary, self.lang),
            _schemes_table(self.summary, self.lang),
            _budget_year_table(self.summary, self.lang),
            _groups_table(self.summary, self.lang),
        ]

    def stamp_lines(self) -> list[str]:
        """The stamp as lines of text."""
        L = self.lang
        st = stamp(self.summary)
        C = colon(L)  # before a value: full width in Chinese
        dates = comma(L).join(st["assessed_on"]) or "-"
        lines = [f"{report_label('assessed_on', L)}{C}{dates}"]
        for pair in st["rules"]:
            households = f"{report_label('households', L)}{C}{pair['households']}"
            lines.append(
                f"{report_label('rules_before', L)}{C}{pair['before']['id']} "
                f"{pair['before']['digest']} · {report_label('rules_after', L)}{C}"
                f"{pair['after']['id']} {pair['after']['digest']}"
                + (f"（{households}）" if L == "zh" else f" ({households})")
            )
        lines.append(f"{report_label('version', L)}{C}{__version__}")
        return lines


def _value(change: dict[str, Any], side: str, lang: Lang) -> str:
    if change[side] is None:
        return report_label("not_in_force", lang)
    # The value as written, its unit in the reader's language (4560 元/年), codes as
    # their labels (按户).
    written = str(change[side])
    words = code_words(change["key"], written, lang) or in_units(written, lang)
    since = change[side + "_since"]
    if since == dt.date.min.isoformat():  # `--set` without `--from` (JSON keeps the date)
        since = report_label("no_start", lang)
    # An unsourced value is said to be one, as every result using it warns.
    mark = report_label("provisional", lang) if change[side + "_provisional"] else ""
    return f"{words}（{since}{mark}）" if lang == "zh" else f"{words} ({since}{mark})"


# The sections of `Report.tables`, one step each.
Section = tuple[str, list[str], list[list[str]]]


def _rule_changes_table(s: Summary, L: Lang) -> Section:
    changes = rule_changes(s)
    sets = sorted({c["rule_set"] for c in changes})
    # The unit is in each value as written; one rule set is named in the heading.
    if len(sets) == 1:
        named = f"（{sets[0]}）" if L == "zh" else f" ({sets[0]})"
        return (
            report_label("rule_changes", L) + named,
            [report_label(k, L) for k in ("key", "old", "new")],
            [[c["key"], _value(c, "before", L), _value(c, "after", L)] for c in changes],
        )
    return (
        report_label("rule_changes", L),
        [report_label(k, L) for k in ("rule_set", "key", "old", "new")],
        [[c["rule_set"], c["key"], _value(c, "before", L), _value(c, "after", L)] for c in changes],
    )


def _schemes_table(s: Summary, L: Lang) -> Section:
    rows = []
    for scheme, row in schemes(s).items():
        persons = (
            f"{row['persons_before']} → {row['persons_after']}" if "persons_before" in row else ""
        )
        money = (
            [
                row["monthly_before"],
                row["monthly_after"],
                signed(Decimal(row["monthly_difference"])),
            ]
            if "monthly_before" in row
            else ["", "", ""]
        )
        rows.append(
            [
                report_label(f"scheme.{scheme}", L),
                f"{row['households_before']} → {row['households_after']}",
                persons,
                *money,
            ]
        )
    return (
        report_label("schemes", L),
        [
            report_label(k, L)
            for k in (
                "scheme",
                "households",
                "persons",
                "monthly_before",
                "monthly_after",
                "monthly_change",
            )
        ],
        rows,
    )


def _budget_year_table(s: Summary, L: Lang) -> Section:
    year = budget_year(s)
    periods = [
        [
            report_label(
                "budget_period",
                L,
                year=p["year"],
                first=p["from_month"],
                months=p["months"],
                n=p["households"],
            ),
            "",
        ]
        for p in year["periods"]
    ]
    periods.append([report_label("budget_total", L), signed(s.year_difference)])
    return (report_label("budget_year", L), ["", ""], periods)


def _groups_table(s: Summary, L: Lang) -> Section:
    return (
        report_label("groups", L),
        [
            report_label(k, L)
            for k in ("group", "households", "monthly_change", "group_year", "enters", "leaves")
        ],
        [
            [
                group_name(g["group"], L),
                str(g["households"]),
                signed(Decimal(g["monthly_difference"])),
                signed(Decimal(g["budget_year_difference"])),
                str(g["enters"]),
                str(g["leaves"]),
            ]
            for g in groups(s)
        ],
    )
