"""The caseworker's view: rich tables for the terminal.

Renderers take a Console from the caller (never a global one), so tests render into
a StringIO at a fixed width and compare text.
"""

from __future__ import annotations

from functools import partial

from rich.console import Console, Group, RenderableType
from rich.text import Text

from ..model.result import Assessment
from ..money import fmt
from ..ruleset.checks import BREACH_CODES
from . import change, common, temporary
from .figures import accounting, against, lines
from .json import threshold_message, warning_message
from .labels import Lang, label, message
from .labels_tools import cite, trace_shown, trace_step
from .privacy import without_id_dates, without_personal_ids
from .rule_values import value_words
from .table_cells import TEKUN_WORD as _TEKUN_WORD
from .table_cells import add_row as _add
from .table_cells import member_notes as _member_notes
from .table_cells import plain_table as _table
from .table_cells import status_style as _status_style
from .table_cells import value_grid as _grid
from .text import colon, in_brackets, semicolon, visible, visible_lines


def renderables(a: Assessment, lang: Lang, *, trace: bool = False) -> list[RenderableType]:
    """Return the parts of the assessment screen, top to bottom.

    Args:
        a: the assessment.
        lang: the language of labels and messages.
        trace: include the step-by-step trace with rule keys and sources.

    ID numbers are never shown here, so neither is the birth date an ID number holds
    (`privacy.without_id_dates`), nor a member id that is an ID number (try17).
    """
    a = without_personal_ids(without_id_dates(a), names=False)
    parts = [_header(a, lang), _members(a, lang)]
    if any(w.key is None for w in a.warnings):
        parts.append(_checks(a, lang))
    if a.incomes:
        parts.append(_incomes(a, lang))
    if a.deductions:
        parts.append(_deductions(a, lang))
    parts.append(_summary(a, lang))
    if a.asset_tests:
        parts.append(_assets(a, lang))
    if any(m.tekun is not None and m.tekun.eligible is not False for m in a.members):
        parts.append(_tekun(a, lang))
    if any(m.top_up is not None for m in a.members):
        parts.append(_top_ups(a, lang))
    parts.append(_outcome(a, lang))
    if a.change is not None:
        parts.append(_change(a, lang))
    parts.append(_reasons(a, lang))
    if a.temporary_assistance is not None:
        parts.append(_temporary(a, lang))
    if a.warnings:
        parts.append(_warnings(a, lang))
    if trace:
        parts.append(_trace(a, lang))
    parts.append(Text(label("display_rounding", lang), style="dim"))
    return parts


def _header(a: Assessment, lang: Lang) -> RenderableType:
    L = partial(label, lang=lang)
    head = _grid()
    name = a.rules.name_zh if lang == "zh" else a.rules.name_en
    _add(head, L("household"), visible(a.household_id or "-"))
    _add(head, L("rules"), f"{visible(name)}{in_brackets(a.rules.id, lang)} {a.rules.digest[:19]}")
    _add(head, L("as_of"), a.rules.as_of.isoformat())
    _add(head, L("area"), L(a.area))
    _add(head, L("size"), str(a.household_size))
    return Group(Text(L("title"), style="bold underline"), head)


def _members(a: Assessment, lang: Lang) -> RenderableType:
    L = partial(label, lang=lang)
    table = _table(
        L("members"),
        L("member"),
        L("name"),
        L("relation"),
        L("age"),
        L("counted"),
        L("notes"),
        right=(3,),
    )
    for m in a.members:
        _add(
            table,
            visible(m.id),
            visible(m.name or ""),
            L(f"relation.{m.relation}"),
            str(m.age),
            L("yes") if m.counted else L("no"),
            _member_notes(m, L, lang),
        )
    return table


def _incomes(a: Assessment, lang: Lang) -> RenderableType:
    L = partial(label, lang=lang)
    table = _table(
        L("incomes"),
        "#",
        L("member"),
        L("type"),
        L("category"),
        L("amount"),
        L("monthly"),
        L("result"),
        right=(4, 5),
        keep=(0, 1),
    )
    for i in a.incomes:
        per = L("per_month" if i.per == "month" else "per_year")
        _add(
            table,
            str(i.item + 1),
            visible(i.member or L("household_level")),
            visible(a.type_label(i.type, lang)),
            L(f"category.{i.category}"),
            f"{fmt(i.amount)} {per}",
            fmt(i.monthly),
            common.income_outcome(a, i, lang),
        )
    return table


def _deductions(a: Assessment, lang: Lang) -> RenderableType:
    L = partial(label, lang=lang)
    table = _table(
        L("deductions"),
        "#",
        L("member"),
        L("type"),
        L("claimed"),
        L("accepted"),
        L("result"),
        L("reason"),
        right=(3, 4),
        keep=(0, 1),
    )
    for d in a.deductions:
        why = semicolon(lang).join(message(r.code, r.params, lang) for r in d.reasons)
        _add(
            table,
            str(d.item + 1),
            visible(d.member or L("household_level")),
            visible(a.type_label(d.type, lang)),
            fmt(d.claimed_monthly),
            fmt(d.accepted_monthly),
            L(f"deduction.{d.status}"),
            why,
        )
    return table


def _summary(a: Assessment, lang: Lang) -> RenderableType:
    L = partial(label, lang=lang)
    inc = a.income
    table = _table(L("summary"), "", L("yuan"), right=(1,))
    shown = accounting(inc.per_capita_monthly, *lines(a))
    _add(table, L("gross_monthly"), shown(inc.gross_monthly))
    _add(table, f"− {L('exempt_monthly')}", shown(inc.exempt_monthly))
    _add(table, f"− {L('deductions_monthly')}", shown(inc.deductions_monthly))
    _add(table, Text(L("counted_monthly"), style="bold"), shown(inc.counted_monthly))
    if a.status != "tekun":  # a 特困 household is not tested for dibao: nothing to divide
        _add(table, f"÷ {L('size')}", str(a.household_size))
        _add(
            table,
            Text(L("per_capita_monthly"), style="bold"),
            against(inc.per_capita_monthly, *lines(a)),
        )
    _add(table, L("standard_monthly"), fmt(a.standard_monthly))
    for t in a.thresholds:
        if t.name == "edge":
            _add(table, L("edge_monthly"), fmt(t.per_capita_monthly))
    _add(table, L("reference_months"), f"{inc.reference_months} {L('months')}")
    return table


def _assets(a: Assessment, lang: Lang) -> RenderableType:
    L = partial(label, lang=lang)
    table = _table(L("assets"), L("test"), L("result"), L("notes"))
    for t in a.asset_tests:
        verdict = Text(
            L("passed") if t.passed else L("failed"), style="green" if t.passed else "red"
        )
        _add(table, L(f"asset.{t.name}"), verdict, message(t.reason.code, t.reason.params, lang))
    return table


def _outcome(a: Assessment, lang: Lang) -> RenderableType:
    L = partial(label, lang=lang)
    grid = _grid()
    _add(grid, L("status"), Text(L(f"status.{a.status}"), style=_status_style(a.status)))
    if a.status != "tekun":
        _add(grid, L("benefit"), Text(f"¥{fmt(a.benefit_monthly)}", style="bold"))
    tekun = common.tekun_support(a)
    if tekun:
        _add(grid, L("tekun_support"), Text(f"¥{fmt(a.tekun_support_monthly)}", style="bold"))
        _add(grid, "", " + ".join(f"{visible(member)} {fmt(amount)}" for member, amount in tekun))
        _add(grid, L("support_monthly"), Text(f"¥{fmt(a.support_monthly)}", style="bold"))
    if a.benefit.method != "none":
        _add(grid, L("formula"), "\n".join(common.formula(a, lang)))
    if a.benefit.rounding is not None:
        _add(grid, L("rounding"), "\n".join(common.rounding(a, lang)))
    if a.benefit.alternatives:
        _add(
            grid,
            L("alternatives"),
            "\n".join(
                f"{L(f'formula.{k}')}{colon(lang)}¥{fmt(v)}"
                for k, v in a.benefit.alternatives.items()
            ),
        )
    if a.rigid is not None:
        _add(grid, L("rigid"), message(a.rigid.reason.code, a.rigid.reason.params, lang))
    return grid


def _change(a: Assessment, lang: Lang) -> RenderableType:
    """A renewal: how the payment changes, and from which month."""
    assert a.change is not None  # noqa: S101 - shown only for a renewal
    grid = _grid()
    for name, value in change.lines(a.change, lang):
        _add(grid, name, value)
    return Group(
        Text(label("change", lang), style="bold"),
        grid,
        Text(f"• {change.sentence(a.change, lang)}"),
        Text(f"• {change.why(lang)}"),
    )


def _tekun(a: Assessment, lang: Lang) -> RenderableType:
    """One row per 特困 condition of each member who qualifies or is to verify."""
    L = partial(label, lang=lang)
    table = _table(L("tekun"), L("member"), L("test"), L("result"), L("notes"), keep=(0, 2))
    for m in a.members:
        t = m.tekun
        if t is None or t.eligible is False:
            continue
        for c in t.conditions:
            _add(
                table,
                visible(m.id),
                L(f"condition.{c.name}"),
                L(_TEKUN_WORD[c.met]),
                message(c.reason.code, c.reason.params, lang),
            )
        amounts = [
            f"{L('self_care')}{colon(lang)}{L(f'care.{t.self_care}')}",
            f"{L('support_mode')}{colon(lang)}{L(f'support_mode.{t.support_mode}')}",
        ]
        if t.basic_monthly is not None:
            amounts.append(f"{L('tekun.basic')} {fmt(t.basic_monthly)}")
        amounts.append(
            f"{L('tekun.care')} {'—' if t.care_monthly is None else fmt(t.care_monthly)}"
        )
        amounts += [message(n.code, n.params, lang) for n in t.notes]
        _add(
            table,
            visible(m.id),
            Text(L("tekun.eligible"), style="bold"),
            Text(L(_TEKUN_WORD[t.eligible]), style="bold"),
            semicolon(lang).join(amounts),
        )
    return table


def _top_ups(a: Assessment, lang: Lang) -> RenderableType:
    L = partial(label, lang=lang)
    table = _table(
        L("top_ups"), L("member"), L("groups"), L("top_up.paid"), L("top_up.top_up"), right=(3,)
    )
    for m in a.members:
        if m.top_up is not None:
            _add(
                table,
                visible(m.id),
                common.group_names(m.top_up, lang),
                common.group_pay(m.top_up, lang),
                fmt(m.top_up.monthly),
            )
    return table


def _reasons(a: Assessment, lang: Lang) -> RenderableType:
    L = partial(label, lang=lang)
    lines = [f"• {visible(message(r.code, r.params, lang))}" for r in a.reasons]
    lines += [
        f"• {visible(threshold_message(t.name, t.margin_monthly, lang, t.comparison))}"
        for t in a.thresholds
    ]
    return Group(Text(L("reasons"), style="bold"), *(Text(x) for x in lines))


def _temporary(a: Assessment, lang: Lang) -> RenderableType:
    """临时救助: the figures, then why."""
    t = a.temporary_assistance
    assert t is not None  # noqa: S101 - called only when the section exists
    grid = _grid()
    for name, value in temporary.lines(t, lang):
        _add(grid, name, value)
    return Group(
        Text(label("temporary", lang), style="bold"),
        grid,
        *(Text(f"• {x}") for x in temporary.reasons(t, lang)),
    )


def _warnings(a: Assessment, lang: Lang) -> RenderableType:
    L = partial(label, lang=lang)
    table = _table(L("warnings"), L("key"), L("value"), L("source"), keep=(0,))
    table.title_style = "bold yellow"
    colon = "：" if lang == "zh" else ": "  # before a note, in the language's punctuation
    for w in a.warnings:
        if w.code in BREACH_CODES.values():  # fails a check: the limit, in red
            why = warning_message(f"{w.code}_short", None, w.source, w.params, lang)
            _add(
                table,
                w.key or "",
                value_words(w.key or "", str(w.params.get("value", "")), lang, a.type_labels),
                Text(why, style="red"),
            )
            continue
        if w.source is None:
            continue
        if w.code == "provisional_value" and w.source.id is None:
            note = w.source.note_in(lang)
            why = f"{L('provisional')}{colon}{note}" if note else L("provisional")
        elif w.code == "provisional_value":
            basis = " ".join(p for p in (w.source.title or w.source.id, w.source.article) if p)
            basis = f"（{basis}）" if lang == "zh" else f" ({basis})"
            note = w.source.note_in(lang)
            why = f"{L('provisional_sourced')}{basis}" + (f"{colon}{note}" if note else "")
        elif w.code == "township_limit_unsourced":
            why = label("temporary.township_limit_unsourced", lang)
        else:
            why = warning_message("unofficial_source_short", None, w.source, {}, lang)
        _add(
            table,
            w.key or "",
            value_words(w.key or "", str(w.params.get("value", "")), lang, a.type_labels),
            Text(visible_lines(why), style="yellow"),
        )
    return table


def _checks(a: Assessment, lang: Lang) -> RenderableType:
    """Warnings about the household's own data (an ID number against a birth date): the
    warnings that name no rule key."""
    lines = [
        f"• {visible(warning_message(w.code, w.key, w.source, w.params, lang))}"
        for w in a.warnings
        if w.key is None
    ]
    return Group(
        Text(label("checks", lang), style="bold yellow"), *(Text(x, style="yellow") for x in lines)
    )


def _trace(a: Assessment, lang: Lang) -> RenderableType:
    L = partial(label, lang=lang)
    table = _table(L("trace"), L("step"), L("key"), L("value"), L("source"), keep=(1,))
    for step in a.trace:
        _add(
            table,
            trace_step(step.step, step.inputs, lang),
            step.key or "",
            trace_shown(step.step, step.value, lang),
            cite(step.source, lang) if step.source else "",
        )
    return table


def render(a: Assessment, console: Console, lang: Lang, *, trace: bool = False) -> None:
    """Print the assessment screen to ``console``."""
    for part in renderables(a, lang, trace=trace):
        console.print(part)
        console.print()
