"""The assessment as Markdown, to paste into a case file.

Markdown is meant to be shared, so names and ID numbers are masked unless the
caller asks for them (``show_personal_data``). Every value is escaped (`text.markdown`):
an id or a rule file's title can never become a heading, a link, HTML or a table cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from ..model.result import Assessment
from ..money import fmt
from . import change, common, temporary
from .figures import accounting, against, lines
from .json import threshold_message, warning_message
from .labels import Lang, label, message
from .labels_tools import cite, trace_shown, trace_step
from .privacy import for_sharing, mask_id_number, mask_name
from .text import colon, comma, in_brackets, markdown_masked, semicolon, visible
from .text import markdown as md


class _Markup(str):
    """A cell that is already Markdown (escaped values, code spans): written as it is."""

    __slots__ = ()


def _row(*cells: str) -> str:
    return "| " + " | ".join(c if isinstance(c, _Markup) else md(c) for c in cells) + " |"


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    return [_row(*header), "|" + "|".join("---" for _ in header) + "|", *(_row(*r) for r in rows)]


def render(a: Assessment, lang: Lang, *, show_personal_data: bool = False) -> str:
    """Return the assessment as a Markdown document."""
    if not show_personal_data:
        a = for_sharing(a)
    L = partial(label, lang=lang)  # a short alias keeps the tables readable
    C = colon(lang)  # before a value: full width in Chinese
    out = _head(a, lang)
    out += _members(a, lang, show_personal_data)
    out += _items(a, lang)
    out += _accounting(a, lang)
    if a.asset_tests:
        out += ["", f"## {L('assets')}", ""]
        out += _table(
            (L("test"), L("result"), L("notes")),
            [
                (
                    L(f"asset.{t.name}"),
                    L("passed") if t.passed else L("failed"),
                    message(t.reason.code, t.reason.params, lang),
                )
                for t in a.asset_tests
            ],
        )
    out += _ladder(a, lang)
    if a.benefit.method != "none":
        out += [
            "",
            f"## {L('benefit')}",
            "",
            f"- {L('formula')}{C}{md(C.join(common.formula(a, lang)))}",
        ]
        if a.benefit.rounding is not None:
            out.append(f"- {L('rounding')}{C}{md(C.join(common.rounding(a, lang)))}")
        out += [f"- {L(f'formula.{k}')}{C}¥{fmt(v)}" for k, v in a.benefit.alternatives.items()]
    if a.rigid is not None:
        out += [
            "",
            f"## {L('rigid')}",
            "",
            f"- {md(message(a.rigid.reason.code, a.rigid.reason.params, lang))}",
        ]
    out += [*_change(a, lang), "", f"## {L('reasons')}", ""]
    out += [f"- {md(message(r.code, r.params, lang))}" for r in a.reasons]
    out += [
        f"- {md(threshold_message(t.name, t.margin_monthly, lang, t.comparison))}"
        for t in a.thresholds
    ]
    out += _temporary(a, lang)
    if a.warnings:
        out += ["", f"## {L('warnings')}", ""]
        out += [
            f"- {md(warning_message(w.code, w.key, w.source, w.params, lang, a.type_labels))}"
            for w in a.warnings
        ]
    out += ["", f"## {L('trace')}", ""]
    out += _table(
        (L("step"), L("key"), L("value"), L("source")),
        [
            (
                md(trace_step(s.step, s.inputs, lang)),
                _code(s.key) if s.key else "",
                md(trace_shown(s.step, s.value, lang)),
                cite(s.source, lang) if s.source else "",
            )
            for s in a.trace
        ],
    )
    out += ["", f"_{L('display_rounding')}_", ""]
    return "\n".join(out)


def _members(a: Assessment, lang: Lang, show_personal_data: bool) -> list[str]:
    """The members' table (names and ID numbers masked unless shown)."""
    L = partial(label, lang=lang)
    out: list[str] = []

    def who(n: str | None) -> str:
        return md(n or "") if show_personal_data else markdown_masked(mask_name(n))

    out += [f"## {L('members')}", ""]
    rows = []
    for m in a.members:
        notes = [] if m.counted else [L(f"excluded.{m.excluded_because}")]
        if m.single_person_benefit is not None:
            notes.append(f"{L('single_person')} {fmt(m.single_person_benefit)}")
        child = common.child_note(m, lang)
        if child is not None:
            notes.append(child)
        note = semicolon(lang).join(notes)
        ident = (
            md(m.id_number or "")
            if show_personal_data
            else markdown_masked(mask_id_number(m.id_number))
        )
        rows.append(
            (
                m.id,
                _Markup(who(m.name)),
                _Markup(ident),
                L(f"relation.{m.relation}"),
                str(m.age),
                L("yes") if m.counted else L("no"),
                note,
            )
        )
    out += _table(
        (L("member"), L("name"), L("id_number"), L("relation"), L("age"), L("counted"), L("notes")),
        rows,
    )
    return out


def _items(a: Assessment, lang: Lang) -> list[str]:
    """The incomes' and the deductions' tables, when there are any."""
    L = partial(label, lang=lang)
    out: list[str] = []
    if a.incomes:
        out += ["", f"## {L('incomes')}", ""]
        out += _table(
            ("#", L("member"), L("type"), L("amount"), L("monthly"), L("result")),
            [
                (
                    str(i.item + 1),
                    i.member or L("household_level"),
                    a.type_label(i.type, lang),
                    f"{fmt(i.amount)} {L('per_month' if i.per == 'month' else 'per_year')}",
                    fmt(i.monthly),
                    common.income_outcome(a, i, lang),
                )
                for i in a.incomes
            ],
        )
    if a.deductions:
        out += ["", f"## {L('deductions')}", ""]
        out += _table(
            ("#", L("member"), L("type"), L("claimed"), L("accepted"), L("result"), L("reason")),
            [
                (
                    str(d.item + 1),
                    d.member or L("household_level"),
                    a.type_label(d.type, lang),
                    fmt(d.claimed_monthly),
                    fmt(d.accepted_monthly),
                    L(f"deduction.{d.status}"),
                    semicolon(lang).join(message(r.code, r.params, lang) for r in d.reasons),
                )
                for d in a.deductions
            ],
        )
    return out


def _code(text: str) -> _Markup:
    """A rule key as a code span; a key holding a backtick or a control character (which
    a code span cannot show) is written as escaped text instead."""
    if "`" in text or visible(text) != text:
        return _Markup(md(text))
    return _Markup(f"`{text}`")


def _head(a: Assessment, lang: Lang) -> list[str]:
    """The title and the outcome: status, benefit, 特困 support and the total."""
    L = partial(label, lang=lang)
    C = colon(lang)  # before a value: full width in Chinese
    name = a.rules.name_zh if lang == "zh" else a.rules.name_en
    out = [
        f"# {L('title')}{C}{md(a.household_id or '-')}",
        "",
        f"- {L('rules')}{C}{md(name)}{in_brackets(md(a.rules.id), lang)}"
        f"{comma(lang)}`{a.rules.digest}`",
        f"- {L('as_of')}{C}{a.rules.as_of.isoformat()}",
        f"- {L('area')}{C}{L(a.area)}",
        f"- {L('size')}{C}{a.household_size}",
        f"- **{L('status')}{C}{L('status.' + a.status)}**",
    ]
    if a.status != "tekun":
        out.append(f"- **{L('benefit')}{C}¥{fmt(a.benefit_monthly)}**")
    tekun = common.tekun_support(a)
    if tekun:
        each = " + ".join(f"{md(member)} {fmt(amount)}" for member, amount in tekun)
        out += [
            f"- **{L('tekun_support')}{C}¥{fmt(a.tekun_support_monthly)}**"
            + in_brackets(each, lang),
            f"- **{L('support_monthly')}{C}¥{fmt(a.support_monthly)}**",
        ]
    return [*out, ""]


def _accounting(a: Assessment, lang: Lang) -> list[str]:
    """The income accounting; a 特困 household is not tested for dibao, so nothing is
    divided."""
    L = partial(label, lang=lang)
    inc = a.income
    shown = accounting(inc.per_capita_monthly, *lines(a))
    rows = [
        (L("gross_monthly"), shown(inc.gross_monthly)),
        (L("exempt_monthly"), shown(inc.exempt_monthly)),
        (L("deductions_monthly"), shown(inc.deductions_monthly)),
        (L("counted_monthly"), shown(inc.counted_monthly)),
    ]
    if a.status != "tekun":
        rows.append((L("per_capita_monthly"), against(inc.per_capita_monthly, *lines(a))))
    rows.append((L("standard_monthly"), fmt(a.standard_monthly)))
    return ["", f"## {L('summary')}", "", *_table(("", L("yuan")), rows)]


def _ladder(a: Assessment, lang: Lang) -> list[str]:
    """The 特困 and 分类施保 sections, when any member has them."""
    L = partial(label, lang=lang)
    C = colon(lang)  # before a value: full width in Chinese
    out: list[str] = []
    tekun = [m for m in a.members if m.tekun is not None and m.tekun.eligible is not False]
    if tekun:
        out += ["", f"## {L('tekun')}", ""]
        word = {True: L("tekun.yes"), False: L("tekun.no"), None: L("tekun.unknown")}
        conditions = ("no_work_capacity", "no_livelihood", "no_supporter")
        out += _table(
            (
                L("member"),
                L("tekun.eligible"),
                *(L(f"condition.{c}") for c in conditions),
                L("self_care"),
                L("support_mode"),
                L("tekun.basic"),
                L("tekun.care"),
            ),
            [
                (
                    m.id,
                    word[m.tekun.eligible],
                    *(
                        f"{word[c.met]}{C}{message(c.reason.code, c.reason.params, lang)}"
                        for c in m.tekun.conditions
                    ),
                    L(f"care.{m.tekun.self_care}"),
                    L(f"support_mode.{m.tekun.support_mode}"),
                    "" if m.tekun.basic_monthly is None else fmt(m.tekun.basic_monthly),
                    "—" if m.tekun.care_monthly is None else fmt(m.tekun.care_monthly),
                )
                for m in tekun
                if m.tekun is not None
            ],
        )
        out += [
            f"- {md(message(n.code, n.params, lang))}{in_brackets(md(m.id), lang)}"
            for m in tekun
            if m.tekun is not None
            for n in m.tekun.notes
        ]
    ups = [m for m in a.members if m.top_up is not None]
    if ups:
        out += ["", f"## {L('top_ups')}", ""]
        out += _table(
            (L("member"), L("groups"), L("top_up.paid"), L("top_up.top_up")),
            [
                (
                    m.id,
                    common.group_names(m.top_up, lang),
                    common.group_pay(m.top_up, lang),
                    fmt(m.top_up.monthly),
                )
                for m in ups
                if m.top_up is not None
            ],
        )
    return out


def _change(a: Assessment, lang: Lang) -> list[str]:
    """A renewal: how the payment changes, and from which month."""
    if a.change is None:
        return []
    out = ["", f"## {label('change', lang)}", ""]
    out += _table(("", ""), change.lines(a.change, lang))
    return [*out, "", f"- {md(change.sentence(a.change, lang))}", f"- {md(change.why(lang))}"]


def _temporary(a: Assessment, lang: Lang) -> list[str]:
    """The temporary-assistance section, when the household has a hardship."""
    t = a.temporary_assistance
    if t is None:
        return []
    out = ["", f"## {label('temporary', lang)}", ""]
    out += _table(("", ""), temporary.lines(t, lang))
    out += ["", *(f"- {md(x)}" for x in temporary.reasons(t, lang))]
    return out
