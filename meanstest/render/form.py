"""The printable assessment form (家庭经济状况核算评估表): one HTML page for A4.

`meanstest check HOUSEHOLD --format html -o form.html` writes it; any browser prints it
(or saves it as PDF). The page is self-contained (inline CSS, no scripts, nothing
fetched) and made from a Jinja2 template with autoescaping (`templates/form.html.j2`),
so every text from the household or the rule files is escaped by the template engine.

The form shows what a county office files: the household and its members (names and
ID numbers masked unless asked), the income items counted or not, the deductions, the
accounting from gross to per-capita income against the standard, the asset tests, the
decision and benefit with its formula, the sections of the assistance ladder the result
carries (特困, 分类施保, 渐退, 刚性支出, 事实无人抚养儿童), the reasons, the rules with
their digest and the sources of the values used, the provisional values, and blanks
for the investigator, reviewer and approver. Every page carries the stamp: meanstest's
version, the rule set and its digest, the assessment date.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from functools import partial

import jinja2
from markupsafe import Markup

from .. import __version__
from ..model.result import Assessment, MemberResult
from ..model.sources import SourceRef
from ..money import fmt, to_fen
from ..ruleset.checks import BREACH_CODES
from . import common, temporary
from .basis import source_text, sources_used
from .figures import precise
from .json import threshold_message, warning_message
from .labels import Lang, label, message
from .labels_form import text
from .privacy import mask_id_number, mask_name

Row = list[str]
_NUMERALS = "一二三四五六七八九十"
# What a section may hold (the template tests each; a section sets those it has).
_PARTS = ("css", "pairs", "accounting", "table", "lines", "ordered")
_TEKUN_WORD = {True: "tekun.yes", False: "tekun.no", None: "tekun.unknown"}


def render(a: Assessment, lang: Lang, *, show_personal_data: bool = False) -> str:
    """Return the assessment form as one HTML document."""
    T = partial(text, lang=lang)
    rules_name = a.rules.name_zh if lang == "zh" else a.rules.name_en
    rules_id = f"（{a.rules.id}）" if lang == "zh" else f" ({a.rules.id})"
    stamp = {"version": __version__, "rules": f"{rules_name}{rules_id}",
             "digest": a.rules.digest, "date": a.rules.as_of.isoformat()}
    sections = [s for s in (
        _members(a, lang, show_personal_data), _checks(a, lang), _incomes(a, lang),
        _deductions(a, lang), _accounting(a, lang), _assets(a, lang), _outcome(a, lang),
        _reasons(a, lang), *_ladder(a, lang), _basis(a, lang, stamp), _warnings(a, lang),
    ) if s is not None]
    for n, section in enumerate(sections, start=2):
        section["heading"] = _numbered(n, str(section["heading"]), lang)
        for part in _PARTS:
            section.setdefault(part, None)
        # A table may run on to the next page between rows (its header repeats); the
        # accounting, the decision and short lists stay whole.
        table = section["table"]
        rows = table.get("rows") if isinstance(table, dict) else None
        section.setdefault("keep", not isinstance(rows, list) or len(rows) <= 6)
    footer = T("form.made_by", version=stamp["version"], rules=stamp["rules"],
               digest=stamp["digest"], date=stamp["date"])
    return _environment().get_template("form.html.j2").render(
        lang=lang, title=T("form.title"), scheme=T("form.scheme"),
        household_heading=_numbered(1, T("form.household"), lang),
        head=_head(a, lang), sections=sections, signoff=_signoff(lang, len(sections) + 2),
        masked=None if show_personal_data else T("form.masked"), footer=footer,
        page_stamp=_css_string(f"meanstest {__version__} · {a.rules.id} "
                               f"{a.rules.digest[:19]} · {stamp['date']}"),
        page_number=_css_string(T("form.page", page="\x00", pages="\x01")),
    ) + "\n"


@functools.cache
def _environment() -> jinja2.Environment:
    """The templates, every value escaped (as `render.html`'s, without the comparison
    that module needs: the form loads no more than it uses)."""
    return jinja2.Environment(loader=jinja2.PackageLoader("meanstest", "render/templates"),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


def _numbered(n: int, heading: str, lang: Lang) -> str:
    if lang == "zh":
        return f"{_numeral(n)}、{heading}"
    return f"{n}. {heading}"


def _numeral(n: int) -> str:
    """一 … 十, 十一 … 十九, 二十 …: the section numbers of a Chinese form."""
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, units = divmod(n, 10)
    head = "" if tens == 1 else _NUMERALS[tens - 1]
    return head + "十" + (_NUMERALS[units - 1] if units else "")


def _css_string(value: str) -> Markup:
    """A CSS string literal of any text: every character but letters, digits and a few
    marks written as a hex escape, so no data can end the string or the style sheet.
    The page counters stand in as U+0000 (page) and U+0001 (pages)."""
    parts = ['"']
    for char in value:
        if char == "\x00":
            parts.append('" counter(page) "')
        elif char == "\x01":
            parts.append('" counter(pages) "')
        elif char.isascii() and (char.isalnum() or char in " .:-()/"):
            parts.append(char)
        else:
            # Six hex digits and a space: CSS reads the space as the escape's end.
            parts.append(f"\\{ord(char):06x} ")
    parts.append('"')
    # Safe: the text is escaped for CSS above and holds no < or > (inside <style>).
    return Markup("".join(parts))  # noqa: S704


def _table(header: Iterable[str], rows: Iterable[Iterable[str]], numeric: Iterable[int] = (),
           widths: Iterable[str] = ()) -> dict[str, object]:
    return {"header": list(header), "rows": [list(r) for r in rows],
            "numeric": set(numeric), "widths": list(widths)}


def _head(a: Assessment, lang: Lang) -> dict[str, object]:
    T = partial(text, lang=lang)
    name = a.rules.name_zh if lang == "zh" else a.rules.name_en
    return {"cells": [
        (T("form.household_id"), a.household_id or "—"),
        (label("area", lang), label(a.area, lang)),
        (label("as_of", lang), a.rules.as_of.isoformat()),
        (T("form.rule_set"), f"{name}（{a.rules.id}）" if lang == "zh"
         else f"{name} ({a.rules.id})"),
        (label("size", lang), str(a.household_size)),
        (T("form.status"), label(f"status.{a.status}", lang)),
    ], "benefit": (T("form.support") if a.support_monthly != a.benefit_monthly
                   else T("form.benefit"), fmt(a.support_monthly), T("form.yuan_month"))}


def _member_notes(m: MemberResult, lang: Lang) -> str:
    L = partial(label, lang=lang)
    notes = []
    if not m.counted and m.excluded_because:
        notes.append(L(f"excluded.{m.excluded_because}"))
    if m.tekun is not None and m.tekun.eligible is not False:
        notes.append(f"{L('tekun')}：{L(_TEKUN_WORD[m.tekun.eligible])}" if lang == "zh"
                     else f"{L('tekun')}: {L(_TEKUN_WORD[m.tekun.eligible])}")
    if m.single_person and m.single_person_benefit is not None:
        notes.append(f"{L('single_person')} {fmt(m.single_person_benefit)}")
    if m.child is not None and m.child.flagged:
        notes.append(L("children"))
    return "；".join(notes) if lang == "zh" else "; ".join(notes)


def _members(a: Assessment, lang: Lang, show: bool) -> dict[str, object]:
    L = partial(label, lang=lang)

    def who(m: MemberResult) -> tuple[str, str]:
        if show:
            return m.name or "", m.id_number or ""
        return mask_name(m.name), mask_id_number(m.id_number)

    rows = [[m.id, *(part or "—" for part in who(m)), L(f"relation.{m.relation}"), str(m.age),
             L("yes") if m.counted else L("no"), _member_notes(m, lang)] for m in a.members]
    return {"heading": text("form.members", lang), "table": _table(
        [L("member"), L("name"), text("form.id_number", lang), L("relation"), L("age"),
         L("counted"), L("notes")], rows, numeric=(4,),
        widths=("9%", "11%", "22%", "11%", "6%", "10%", "31%"))}


def _checks(a: Assessment, lang: Lang) -> dict[str, object] | None:
    """Data to check (an ID number that disagrees with a birth date or age)."""
    lines = [warning_message(w.code, w.key, w.source, w.params, lang)
             for w in a.warnings if w.key is None]
    if not lines:
        return None
    return {"heading": text("form.checks", lang), "lines": lines, "css": "checks"}


def _incomes(a: Assessment, lang: Lang) -> dict[str, object]:
    L = partial(label, lang=lang)
    rows = [[str(i.item + 1), i.member or L("household_level"), a.type_label(i.type, lang),
             L(f"category.{i.category}"),
             f"{fmt(i.amount)} {L('per_month' if i.per == 'month' else 'per_year')}",
             fmt(i.monthly), common.income_outcome(a, i, lang)] for i in a.incomes]
    section: dict[str, object] = {"heading": text("form.incomes", lang)}
    if rows:
        section["table"] = _table(
            ["#", L("member"), L("type"), L("category"), L("amount"), L("monthly"),
             L("result")], rows, numeric=(0, 4, 5),
            widths=("5%", "9%", "25%", "14%", "17%", "12%", "18%"))
    else:
        section["lines"] = [text("form.none", lang)]
    return section


def _deductions(a: Assessment, lang: Lang) -> dict[str, object] | None:
    if not a.deductions:
        return None
    L = partial(label, lang=lang)
    sep = "；" if lang == "zh" else "; "
    rows = [[str(d.item + 1), d.member or L("household_level"), a.type_label(d.type, lang),
             fmt(d.claimed_monthly), fmt(d.accepted_monthly), L(f"deduction.{d.status}"),
             sep.join(message(r.code, r.params, lang) for r in d.reasons)]
            for d in a.deductions]
    return {"heading": text("form.deductions", lang), "table": _table(
        ["#", L("member"), L("type"), L("claimed"), L("accepted"), L("result"),
         L("reason")], rows, numeric=(0, 3, 4),
        widths=("5%", "9%", "22%", "11%", "11%", "10%", "32%"))}


def _accounting(a: Assessment, lang: Lang) -> dict[str, object]:
    """Gross → counted → per capita, against the standard (exact where the fen misleads)."""
    L = partial(label, lang=lang)
    inc = a.income
    per_capita = fmt(inc.per_capita_monthly)
    standard = fmt(a.standard_monthly)
    exact_order = (inc.per_capita_monthly > a.standard_monthly) - (
        inc.per_capita_monthly < a.standard_monthly)
    shown_order = (to_fen(inc.per_capita_monthly) > to_fen(a.standard_monthly)) - (
        to_fen(inc.per_capita_monthly) < to_fen(a.standard_monthly))
    if exact_order != shown_order:
        per_capita = precise(inc.per_capita_monthly)
    rows = [
        ("", L("gross_monthly"), fmt(inc.gross_monthly)),
        ("−", L("exempt_monthly"), fmt(inc.exempt_monthly)),
        ("−", L("deductions_monthly"), fmt(inc.deductions_monthly)),
        ("=", L("counted_monthly"), fmt(inc.counted_monthly)),
    ]
    if a.status != "tekun":  # a 特困 household is not tested for dibao: nothing to divide
        rows += [("÷", L("size"), str(a.household_size)),
                 ("=", L("per_capita_monthly"), per_capita)]
    rows.append(("", L("standard_monthly"), standard))
    rows += [("", L("edge_monthly"), fmt(t.per_capita_monthly)) for t in a.thresholds
             if t.name == "edge"]
    rows.append(("", L("reference_months"), f"{inc.reference_months} {L('months')}"))
    strong = {L("counted_monthly"), L("per_capita_monthly"), L("standard_monthly")}
    return {"heading": text("form.accounting", lang), "accounting": [
        {"op": op, "label": name, "value": value, "strong": name in strong}
        for op, name, value in rows], "unit": L("yuan")}


def _assets(a: Assessment, lang: Lang) -> dict[str, object] | None:
    if not a.asset_tests:
        return None
    L = partial(label, lang=lang)
    rows = [[L(f"asset.{t.name}"), L("passed") if t.passed else L("failed"),
             message(t.reason.code, t.reason.params, lang)] for t in a.asset_tests]
    return {"heading": text("form.assets", lang), "table": _table(
        [L("test"), L("result"), L("notes")], rows, widths=("20%", "12%", "68%"))}


def _ladder(a: Assessment, lang: Lang) -> list[dict[str, object]]:
    """The sections of the assistance ladder, each only when the result carries it."""
    L = partial(label, lang=lang)
    out: list[dict[str, object]] = []
    tekun = [m for m in a.members if m.tekun is not None and m.tekun.eligible is not False]
    if tekun:
        rows = []
        for m in tekun:
            t = m.tekun
            assert t is not None  # noqa: S101 - filtered above
            conditions = "；".join if lang == "zh" else "; ".join
            rows.append([m.id, L(_TEKUN_WORD[t.eligible]), conditions(
                f"{L(f'condition.{c.name}')}: {L(_TEKUN_WORD[c.met])}（"
                f"{message(c.reason.code, c.reason.params, lang)}）" for c in t.conditions),
                f"{L(f'care.{t.self_care}')}; {L(f'support_mode.{t.support_mode}')}",
                "—" if t.basic_monthly is None else fmt(t.basic_monthly),
                "—" if t.care_monthly is None else fmt(t.care_monthly)])
        out.append({"heading": L("tekun"), "table": _table(
            [L("member"), L("tekun.eligible"), L("notes"), L("self_care"), L("tekun.basic"),
             L("tekun.care")], rows, numeric=(4, 5),
            widths=("7%", "8%", "43%", "12%", "15%", "15%"))})
    ups = [m for m in a.members if m.top_up is not None]
    if ups:
        out.append({"heading": L("top_ups"), "table": _table(
            [L("member"), L("groups"), L("top_up.paid"), L("top_up.top_up")],
            [[m.id, common.group_names(m.top_up, lang), common.group_pay(m.top_up, lang),
              fmt(m.top_up.monthly)] for m in ups if m.top_up is not None], numeric=(3,),
            widths=("12%", "38%", "32%", "18%"))})
    if a.temporary_assistance is not None:
        hardship = a.temporary_assistance
        out.append({"heading": L("temporary"), "pairs": temporary.lines(hardship, lang),
                    "lines": temporary.reasons(hardship, lang), "css": "temporary",
                    "keep": False})
    items = []
    if a.phase_out is not None:
        p = a.phase_out
        items.append(text("form.phase_out_ended", lang, until=p.until) if p.ended else text(
            "form.phase_out", lang, months=p.months, start=p.start, until=p.until,
            monthly=fmt(p.monthly)))
    children = [m for m in a.members if m.child is not None and m.child.flagged is not False]
    items += [f"{L('children')} {m.id}: {message(m.child.reason.code, m.child.reason.params, lang)}"
              for m in children if m.child is not None]
    if items:
        out.append({"heading": L("phase_out") + " · " + L("rigid") if lang == "en" else
                    "渐退、刚性支出及儿童保障", "lines": items})
    return out


def _outcome(a: Assessment, lang: Lang) -> dict[str, object]:
    L = partial(label, lang=lang)
    per_month = text("form.yuan_month", lang)
    rows: list[tuple[str, str]] = [(L("status"), L(f"status.{a.status}"))]
    if a.status != "tekun":
        rows.append((L("benefit"), f"{fmt(a.benefit_monthly)} {per_month}"))
    tekun = common.tekun_support(a)
    if tekun:
        each = " + ".join(f"{member} {fmt(amount)}" for member, amount in tekun)
        each = f"（{each}）" if lang == "zh" else f" ({each})"
        rows.append((L("tekun_support"), f"{fmt(a.tekun_support_monthly)} {per_month}{each}"))
        rows.append((L("support_monthly"), f"{fmt(a.support_monthly)} {per_month}"))
    if a.benefit.method != "none":
        words, figures = common.formula(a, lang)
        rows.append((L("formula"), f"{words}\n{figures}".strip()))
    if a.benefit.rounding is not None:
        rows.append((L("rounding"), "\n".join(common.rounding(a, lang))))
    rows += [(L(f"formula.{k}"), fmt(v)) for k, v in a.benefit.alternatives.items()]
    if a.rigid is not None:
        rows.append((L("rigid"), message(a.rigid.reason.code, a.rigid.reason.params, lang)))
    return {"heading": text("form.outcome", lang), "pairs": rows, "css": "outcome"}


def _reasons(a: Assessment, lang: Lang) -> dict[str, object]:
    items = [message(r.code, r.params, lang) for r in a.reasons]
    items += [threshold_message(t.name, t.margin_monthly, lang) for t in a.thresholds]
    return {"heading": text("form.reasons", lang), "lines": items, "ordered": True}


def _basis(a: Assessment, lang: Lang, stamp: dict[str, str]) -> dict[str, object]:
    """The rule set, its digest and date, meanstest's version, and the documents the
    values used come from (provisional values, with their basis, are under `_warnings`)."""
    T = partial(text, lang=lang)
    pairs = [(T("form.rule_set"), f"{stamp['rules']} · {label('as_of', lang)} {stamp['date']}"),
             (T("form.digest"), stamp["digest"]), (T("form.version"), stamp["version"])]
    rows = [[source_text(source, lang), ", ".join(keys)] for source, keys in sources_used(a)
            if source is not None and source.id is not None and not source.provisional]
    return {"heading": T("form.basis"), "pairs": pairs, "css": "basis",
            "table": _table([T("form.source"), T("form.keys")], rows,
                            widths=("55%", "45%"))}


def _warnings(a: Assessment, lang: Lang) -> dict[str, object] | None:
    """The provisional and unofficial values used: key, value, and why."""
    rows = [[w.key, str(w.params.get("value", "")), _why(w.code, w.source, w.params, lang)]
            for w in a.warnings if w.key is not None]
    if not rows:
        return None
    L = partial(label, lang=lang)
    return {"heading": text("form.warnings", lang), "css": "warnings", "table": _table(
        [L("key"), L("value"), text("form.note", lang)], rows,
        widths=("30%", "17%", "53%"))}


def _why(code: str, source: SourceRef | None, params: Mapping[str, object],
         lang: Lang) -> str:
    """Why a value is warned of, short: it fails a check of the rules (the limit),
    provisional (with its note), or unofficial."""
    if code in BREACH_CODES.values():
        return warning_message(f"{code}_short", None, source, params, lang)
    if source is None or code == "township_limit_unsourced":
        return label(f"temporary.{code}", lang)
    if code == "provisional_value":
        # Unsourced: the note says why (source_text includes it); with a basis, the basis
        # is said and the note is left to the JSON and the trace, to keep to two pages.
        return source_text(source, lang)
    return warning_message("unofficial_source_short", None, source, {}, lang)


def _signoff(lang: Lang, n: int) -> dict[str, object]:
    T = partial(text, lang=lang)
    roles = []
    for role in ("investigator", "reviewer", "approver"):
        name = T(f"form.{role}")
        seal = f" {T('form.seal')}" if role == "approver" else ""
        if lang == "zh":
            roles.append({"heading": f"{name}{T('form.opinion')}",
                          "sign": f"{name}（{T('form.signature')}）：", "seal": seal,
                          "date": f"{T('form.date')}：{T('form.date_blank')}"})
        else:
            roles.append({"heading": f"{name}: {T('form.opinion').lower()}",
                          "sign": f"{T('form.signature')}:", "seal": seal,
                          "date": f"{T('form.date')}: {T('form.date_blank')}"})
    return {"heading": _numbered(n, T("form.signoff"), lang), "roles": roles}
