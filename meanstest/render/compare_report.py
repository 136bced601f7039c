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
from .labels_tools import in_units, singular

_LABELS: dict[str, tuple[str, str]] = {
    "progress": ("户已比较", "households compared"),
    "stamp": ("规则与版本", "Rules and version"),
    "assessed_on": ("评估日", "Assessment date"),
    "rules_before": ("现行规则", "Current rules"),
    "rules_after": ("方案规则", "Proposed rules"),
    "digest": ("摘要", "digest"),
    "version": ("meanstest 版本", "meanstest version"),
    "households": ("户数", "Households"),
    "rule_changes": ("方案调整的规则值", "Rule values the proposal changes"),
    "rule_set": ("规则集", "Rule set"),
    "key": ("规则键", "Key"),
    "old": ("现行值（起始日期）", "Current value (from)"),
    "new": ("方案值（起始日期）", "Proposed value (from)"),
    "not_in_force": ("未生效", "not in force"),
    "schemes": ("按项目的户数、人数与支出（元/月）",
                "Households, persons and cost by scheme (yuan a month)"),
    "scheme": ("项目", "Scheme"),
    "persons": ("人数", "Persons"),
    "monthly_before": ("现行", "Current"),
    "monthly_after": ("方案", "Proposed"),
    "monthly_change": ("月变化", "Change a month"),
    "scheme.dibao": ("低保（含渐退）", "Dibao (phase-out included)"),
    "scheme.dibao_single": ("单人户低保", "Single-person dibao"),
    "scheme.edge": ("低保边缘（不发放）", "Edge (not paid)"),
    "scheme.classified": ("分类施保", "分类施保 top-ups"),
    "scheme.tekun": ("特困供养", "特困 support"),
    "scheme.temporary": ("临时救助（一次性，合格户数；金额见下表）",
                         "Temporary assistance (one-off; eligible households, sums below)"),
    "budget_year": ("本预算年度成本（自生效月至12月）",
                    "Cost for the rest of the budget year (effective month to December)"),
    "budget_period": ("{first} 至 {year}-12（{months} 个月），{n} 户",
                      "{first} to {year}-12 ({months} months), {n} households"),
    "budget_total": ("预算年度支出变化合计", "Change in the budget year, total"),
    "groups": ("按群体（元/月）", "By group (yuan a month)"),
    "group": ("群体", "Group"),
    "group_year": ("本预算年度", "Budget year"),
    "enters": ("新纳入", "Enter"),
    "leaves": ("退出", "Leave"),
    "group.elderly": ("有60岁及以上老人", "With someone aged 60+"),
    "group.minors": ("有未成年人", "With a minor"),
    "group.severely_disabled": ("有重度残疾人（一、二级）", "With a severely disabled member "
                                "(grade 1–2)"),
    "group.size": ("{name} 人户", "{name}-person"),
    "group.township": ("乡镇：{name}", "Township: {name}"),
    "group.village": ("村：{name}", "Village: {name}"),
    "groups_no_places": ("名册未给出乡镇、村（township、village 列），未按地区分组。",
                         "The roll gives no township or village (columns township, village): "
                         "no breakdown by place."),
    "legend": ("图例：变化以中性颜色显示，增加表示支出增加，减少表示支出减少，不表示好坏。",
               "Legend: changes are shown in neutral colours: an increase is more spending, "
               "a decrease less; neither is marked as good or bad."),
    "legend.more": ("支出增加", "more spending"),
    "legend.less": ("支出减少", "less spending"),
    "notices": ("注意", "Please note"),
    "notice.pending": ("方案自 {dates} 起生效的规则值在评估日（{on}）尚未生效，未计入本报告。",
                       "The proposal's values from {dates} are not in force on the assessment "
                       "date ({on}) and are not costed in this report."),
    "notice.unreached": ("方案未改变 {n} 户在其评估日适用的任何规则值（规则集 {ids}）："
                         "其规则自行规定了这些值，或方案的值在该日尚未生效。",
                         "The proposal changes no rule value in force for {n} households "
                         "(rule sets {ids}): their own rules set those values, or the "
                         "proposal's values are not in force on their dates."),
    "notice.errors": ("{n} 户无法比较（错误行），合计中不含这些家庭。",
                      "{n} households could not be compared (error rows); the totals leave "
                      "them out."),
}


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
    params = ({"on": on, "dates": _dates(s.pending), "first": min(s.pending).isoformat()}
              if s.pending else {"on": on, "ids": ", ".join(sorted(s.unchanged))})
    return MeansTestError("compare_not_in_force" if s.pending else "compare_changes_nothing",
                          params=params)


def notices(s: Summary, lang: Lang) -> list[str]:
    """What a reader must know to read the figures right."""
    out = []
    if s.pending:
        out.append(report_label("notice.pending", lang, dates=_dates(s.pending),
                                on=_dates(s.dates)))
    if s.unchanged:
        out.append(report_label("notice.unreached", lang, n=sum(s.unchanged.values()),
                                ids=", ".join(sorted(s.unchanged))))
    if s.errors:
        out.append(report_label("notice.errors", lang, n=s.errors))
    return out


def stamp(s: Summary) -> dict[str, Any]:
    """The rule sets, digests and dates compared, and the meanstest version."""
    return {"rules": [{"before": {"id": a, "digest": da}, "after": {"id": b, "digest": db},
                       "households": n} for (a, da, b, db), n in sorted(s.pairs.items())],
            "assessed_on": [d.isoformat() for d in sorted(s.dates)],
            "meanstest_version": __version__}


def rule_changes(s: Summary) -> list[dict[str, Any]]:
    """The rule values the proposal changes on the assessment dates, one per rule set."""
    return [{"rule_set": rule_set, "key": v.key, "unit": v.unit,
             "before": v.before, "before_since": _iso(v.before_since),
             "after": v.after, "after_since": _iso(v.after_since)}
            for rule_set, v in s.value_changes]


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def schemes(s: Summary) -> dict[str, Any]:
    """Households, persons and monthly cost by scheme, before and after."""
    out: dict[str, Any] = {}
    before, after = s.schemes["before"], s.schemes["after"]
    for scheme in SCHEMES:
        row: dict[str, Any] = {"households_before": before.households[scheme],
                               "households_after": after.households[scheme]}
        if scheme != "edge":
            if scheme != "dibao":
                row["persons_before"] = before.persons[scheme]
                row["persons_after"] = after.persons[scheme]
            row |= {"monthly_before": fmt(before.monthly[scheme]),
                    "monthly_after": fmt(after.monthly[scheme]),
                    "monthly_difference": fmt(after.monthly[scheme] - before.monthly[scheme])}
        out[scheme] = row
    if s.temporary.cases:
        out["temporary"] = {"households_before": s.temporary.eligible["before"],
                            "households_after": s.temporary.eligible["after"]}
    return out


def budget_year(s: Summary) -> dict[str, Any]:
    """The cost of the change for the rest of each budget year (calendar year)."""
    return {"difference": fmt(s.year_difference),
            "periods": [{"year": year, "from_month": f"{year}-{13 - months:02d}",
                         "months": months, "households": n}
                        for (year, months), n in sorted(s.months.items())]}


def groups(s: Summary) -> list[dict[str, Any]]:
    """The breakdown by group, in a fixed order."""
    return [{"group": key, "households": g.households, "monthly_before": fmt(g.before),
             "monthly_after": fmt(g.after), "monthly_difference": fmt(g.after - g.before),
             "budget_year_difference": fmt(g.year_difference), "enters": g.enters,
             "leaves": g.leaves}
            for key, g in sorted(s.groups.items(), key=lambda kv: group_order(kv[0]))]


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
    def of(cls, s: Summary, base: str, proposal: str, title: str, lang: Lang,
           made: dt.date) -> Report:
        """The report of a summary."""
        return cls(s, base, proposal, title, lang, made, notices(s, lang))

    def json(self) -> dict[str, Any]:
        """The issue-15 fields of the JSON summary."""
        s = self.summary
        return {"title": self.title, "stamp": stamp(s), "notices": self.notices,
                "rule_changes": rule_changes(s), "schemes": schemes(s),
                "budget_year": budget_year(s), "groups": groups(s),
                "places": any(k.startswith(("township:", "village:")) for k in s.groups)}

    def tables(self) -> list[tuple[str, list[str], list[list[str]]]]:
        """The sections as (heading, header, rows) for the table and the page."""
        L = self.lang
        s = self.summary
        changes = rule_changes(s)
        sets = sorted({c["rule_set"] for c in changes})
        # The unit is in each value as written; one rule set is named in the heading.
        if len(sets) == 1:
            named = f"（{sets[0]}）" if L == "zh" else f" ({sets[0]})"
            out = [(report_label("rule_changes", L) + named,
                    [report_label(k, L) for k in ("key", "old", "new")],
                    [[c["key"], _value(c, "before", L), _value(c, "after", L)]
                     for c in changes])]
        else:
            out = [(report_label("rule_changes", L),
                    [report_label(k, L) for k in ("rule_set", "key", "old", "new")],
                    [[c["rule_set"], c["key"], _value(c, "before", L),
                      _value(c, "after", L)] for c in changes])]
        rows = []
        for scheme, row in schemes(s).items():
            persons = (f"{row['persons_before']} → {row['persons_after']}"
                       if "persons_before" in row else "")
            money = ([row["monthly_before"], row["monthly_after"],
                      signed(Decimal(row["monthly_difference"]))]
                     if "monthly_before" in row else ["", "", ""])
            rows.append([report_label(f"scheme.{scheme}", L),
                         f"{row['households_before']} → {row['households_after']}", persons,
                         *money])
        out.append((report_label("schemes", L),
                    [report_label(k, L) for k in ("scheme", "households", "persons",
                                                  "monthly_before", "monthly_after",
                                                  "monthly_change")], rows))
        year = budget_year(s)
        periods = [[report_label("budget_period", L, year=p["year"], first=p["from_month"],
                                 months=p["months"], n=p["households"]), ""]
                   for p in year["periods"]]
        periods.append([report_label("budget_total", L), signed(s.year_difference)])
        out.append((report_label("budget_year", L), ["", ""], periods))
        out.append((report_label("groups", L),
                    [report_label(k, L) for k in ("group", "households", "monthly_change",
                                                  "group_year", "enters", "leaves")],
                    [[group_name(g["group"], L), str(g["households"]),
                      signed(Decimal(g["monthly_difference"])),
                      signed(Decimal(g["budget_year_difference"])), str(g["enters"]),
                      str(g["leaves"])] for g in groups(s)]))
        return out

    def stamp_lines(self) -> list[str]:
        """The stamp as lines of text."""
        L = self.lang
        st = stamp(self.summary)
        lines = [f"{report_label('assessed_on', L)}: {', '.join(st['assessed_on']) or '-'}"]
        for pair in st["rules"]:
            lines.append(f"{report_label('rules_before', L)}: {pair['before']['id']} "
                         f"{pair['before']['digest']} · {report_label('rules_after', L)}: "
                         f"{pair['after']['id']} {pair['after']['digest']} "
                         f"({report_label('households', L)}: {pair['households']})")
        lines.append(f"{report_label('version', L)}: {__version__}")
        return lines


def _value(change: dict[str, Any], side: str, lang: Lang) -> str:
    if change[side] is None:
        return report_label("not_in_force", lang)
    # The value as written, its unit in the reader's language (4560 元/年).
    return f"{in_units(str(change[side]), lang)} ({change[side + '_since']})"
