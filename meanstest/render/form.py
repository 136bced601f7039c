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

from collections.abc import Mapping
from functools import partial

from .. import __version__
from ..model.result import Assessment, MemberResult
from ..model.sources import SourceRef
from ..money import fmt
from ..ruleset.checks import BREACH_CODES
from . import change, common
from .basis import source_text, sources_used
from .figures import accounting, against, lines
from .form_ladder import TEKUN_WORD as _TEKUN_WORD
from .form_ladder import ladder as _ladder
from .form_page import css_string as _css_string
from .form_page import environment as _environment
from .form_page import head as _head
from .form_page import numbered as _numbered
from .form_page import signoff as _signoff
from .form_page import table as _table
from .json import threshold_message, warning_message
from .labels import Lang, label, message
from .labels_form import text
from .privacy import for_sharing, mask_id_number, mask_name
from .rule_values import value_words

Row = list[str]
# What a section may hold (the template tests each; a section sets those it has).
# "across": the pairs two to a row (a long list of short pairs, as temporary assistance's).
_PARTS = ("css", "pairs", "across", "accounting", "table", "lines", "ordered")


def render(a: Assessment, lang: Lang, *, show_personal_data: bool = False) -> str:
    """Return the assessment form as one HTML document."""
    if not show_personal_data:
        a = for_sharing(a)
    T = partial(text, lang=lang)
    rules_name = a.rules.name_zh if lang == "zh" else a.rules.name_en
    rules_id = f"（{a.rules.id}）" if lang == "zh" else f" ({a.rules.id})"
    stamp = {
        "version": __version__,
        "rules": f"{rules_name}{rules_id}",
        "digest": a.rules.digest,
        "date": a.rules.as_of.isoformat(),
    }
    sections = [
        s
        for s in (
            _members(a, lang, show_personal_data),
            _checks(a, lang),
            _incomes(a, lang),
            _deductions(a, lang),
            _accounting(a, lang),
            _assets(a, lang),
            _outcome(a, lang),
            _reasons(a, lang),
            *_ladder(a, lang),
            _basis(a, lang, stamp),
            _warnings(a, lang),
        )
        if s is not None
    ]
    for n, section in enumerate(sections, start=2):
        section["heading"] = _numbered(n, str(section["heading"]), lang)
        for part in _PARTS:
            section.setdefault(part, None)
        # A table may run on to the next page between rows (its header repeats); the
        # accounting, the decision, short lists and short tables stay whole. A table of
        # long rows (the 特困 members' tests) is not short: kept whole, it would leave
        # most of a page blank before it and push the form onto a third page.
        table = section["table"]
        rows = table.get("rows") if isinstance(table, dict) else None
        section.setdefault("keep", not isinstance(rows, list) or _short(rows))
    footer = T(
        "form.made_by",
        version=stamp["version"],
        rules=stamp["rules"],
        digest=stamp["digest"],
        date=stamp["date"],
    )
    return (
        _environment()
        .get_template("form.html.j2")
        .render(
            lang=lang,
            title=T("form.title"),
            scheme=T("form.scheme"),
            household_heading=_numbered(1, T("form.household"), lang),
            head=_head(a, lang),
            sections=sections,
            signoff=_signoff(lang, len(sections) + 2),
            masked=None if show_personal_data else T("form.masked"),
            footer=footer,
            page_stamp=_css_string(
                f"meanstest {__version__} · {a.rules.id} {a.rules.digest[:19]} · {stamp['date']}"
            ),
            page_number=_css_string(T("form.page", page="\x00", pages="\x01")),
        )
        + "\n"
    )


def _member_notes(m: MemberResult, lang: Lang) -> str:
    L = partial(label, lang=lang)
    notes = []
    if not m.counted and m.excluded_because:
        notes.append(L(f"excluded.{m.excluded_because}"))
    if m.tekun is not None and m.tekun.eligible is not False:
        notes.append(
            f"{L('tekun')}：{L(_TEKUN_WORD[m.tekun.eligible])}"
            if lang == "zh"
            else f"{L('tekun')}: {L(_TEKUN_WORD[m.tekun.eligible])}"
        )
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

    rows = [
        [
            m.id,
            *(part or "—" for part in who(m)),
            L(f"relation.{m.relation}"),
            str(m.age),
            L("yes") if m.counted else L("no"),
            _member_notes(m, lang),
        ]
        for m in a.members
    ]
    return {
        "heading": text("form.members", lang),
        "table": _table(
            [
                L("member"),
                L("name"),
                text("form.id_number", lang),
                L("relation"),
                L("age"),
                L("counted"),
                L("notes"),
            ],
            rows,
            numeric=(4,),
            widths=("9%", "11%", "22%", "11%", "6%", "10%", "31%"),
        ),
    }


def _checks(a: Assessment, lang: Lang) -> dict[str, object] | None:
    """Data to check (an ID number that disagrees with a birth date or age)."""
    lines = [
        warning_message(w.code, w.key, w.source, w.params, lang)
        for w in a.warnings
        if w.key is None
    ]
    if not lines:
        return None
    return {"heading": text("form.checks", lang), "lines": lines, "css": "checks"}


def _incomes(a: Assessment, lang: Lang) -> dict[str, object]:
    L = partial(label, lang=lang)
    rows = [
        [
            str(i.item + 1),
            i.member or L("household_level"),
            a.type_label(i.type, lang),
            L(f"category.{i.category}"),
            f"{fmt(i.amount)} {L('per_month' if i.per == 'month' else 'per_year')}",
            fmt(i.monthly),
            common.income_outcome(a, i, lang),
        ]
        for i in a.incomes
    ]
    section: dict[str, object] = {"heading": text("form.incomes", lang)}
    if rows:
        section["table"] = _table(
            ["#", L("member"), L("type"), L("category"), L("amount"), L("monthly"), L("result")],
            rows,
            numeric=(0, 4, 5),
            widths=("5%", "9%", "25%", "14%", "17%", "12%", "18%"),
        )
    else:
        section["lines"] = [text("form.none", lang)]
    return section


def _deductions(a: Assessment, lang: Lang) -> dict[str, object] | None:
    if not a.deductions:
        return None
    L = partial(label, lang=lang)
    sep = "；" if lang == "zh" else "; "
    rows = [
        [
            str(d.item + 1),
            d.member or L("household_level"),
            a.type_label(d.type, lang),
            fmt(d.claimed_monthly),
            fmt(d.accepted_monthly),
            L(f"deduction.{d.status}"),
            sep.join(message(r.code, r.params, lang) for r in d.reasons),
        ]
        for d in a.deductions
    ]
    return {
        "heading": text("form.deductions", lang),
        "table": _table(
            ["#", L("member"), L("type"), L("claimed"), L("accepted"), L("result"), L("reason")],
            rows,
            numeric=(0, 3, 4),
            widths=("5%", "9%", "22%", "11%", "11%", "10%", "32%"),
        ),
    }


def _accounting(a: Assessment, lang: Lang) -> dict[str, object]:
    """Gross → counted → per capita, against the standard (exact where the fen misleads)."""
    L = partial(label, lang=lang)
    inc = a.income
    per_capita = against(inc.per_capita_monthly, *lines(a))
    standard = fmt(a.standard_monthly)
    shown = accounting(inc.per_capita_monthly, *lines(a))  # adds up as shown
    rows = [
        ("", L("gross_monthly"), shown(inc.gross_monthly)),
        ("−", L("exempt_monthly"), shown(inc.exempt_monthly)),
        ("−", L("deductions_monthly"), shown(inc.deductions_monthly)),
        ("=", L("counted_monthly"), shown(inc.counted_monthly)),
    ]
    if a.status != "tekun":  # a 特困 household is not tested for dibao: nothing to divide
        rows += [
            ("÷", L("size"), str(a.household_size)),
            ("=", L("per_capita_monthly"), per_capita),
        ]
    rows.append(("", L("standard_monthly"), standard))
    rows += [
        ("", L("edge_monthly"), fmt(t.per_capita_monthly)) for t in a.thresholds if t.name == "edge"
    ]
    rows.append(("", L("reference_months"), f"{inc.reference_months} {L('months')}"))
    strong = {L("counted_monthly"), L("per_capita_monthly"), L("standard_monthly")}
    return {
        "heading": text("form.accounting", lang),
        "accounting": [
            {"op": op, "label": name, "value": value, "strong": name in strong}
            for op, name, value in rows
        ],
        "unit": L("yuan"),
    }


def _assets(a: Assessment, lang: Lang) -> dict[str, object] | None:
    if not a.asset_tests:
        return None
    L = partial(label, lang=lang)
    rows = [
        [
            L(f"asset.{t.name}"),
            L("passed") if t.passed else L("failed"),
            message(t.reason.code, t.reason.params, lang),
        ]
        for t in a.asset_tests
    ]
    return {
        "heading": text("form.assets", lang),
        "table": _table([L("test"), L("result"), L("notes")], rows, widths=("20%", "12%", "68%")),
    }


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
    if a.change is not None:  # a renewal: how the payment changes, and from which month
        (kind, how), (when, month) = change.lines(a.change, lang)
        since = f"（{when} {month}）" if lang == "zh" else f" ({when} {month})"
        rows.append((kind, f"{how}{since}"))
    return {"heading": text("form.outcome", lang), "pairs": rows, "css": "outcome"}


def _reasons(a: Assessment, lang: Lang) -> dict[str, object]:
    items = [message(r.code, r.params, lang) for r in a.reasons]
    items += [threshold_message(t.name, t.margin_monthly, lang, t.comparison) for t in a.thresholds]
    return {"heading": text("form.reasons", lang), "lines": items, "ordered": True}


def _basis(a: Assessment, lang: Lang, stamp: dict[str, str]) -> dict[str, object]:
    """The rule set, its digest and date, meanstest's version, and the documents the
    values used come from (provisional values, with their basis, are under `_warnings`)."""
    T = partial(text, lang=lang)
    pairs = [
        (T("form.rule_set"), f"{stamp['rules']} · {label('as_of', lang)} {stamp['date']}"),
        (T("form.digest"), stamp["digest"]),
        (T("form.version"), stamp["version"]),
    ]
    # Sources that differ only in what the form does not show (a page, a link) are one
    # row: the same document listed three times would only take room.
    by_text: dict[str, list[str]] = {}
    for source, keys in sources_used(a):
        if source is not None and source.id is not None and not source.provisional:
            by_text.setdefault(source_text(source, lang), []).extend(keys)
    rows = [[doc, ", ".join(keys)] for doc, keys in by_text.items()]
    return {
        "heading": T("form.basis"),
        "pairs": pairs,
        "css": "basis",
        "table": _table([T("form.source"), T("form.keys")], rows, widths=("55%", "45%")),
    }


def _warnings(a: Assessment, lang: Lang) -> dict[str, object] | None:
    """The provisional and unofficial values used: key, value, and why."""
    rows = [
        [
            w.key,
            value_words(w.key, str(w.params.get("value", "")), lang, a.type_labels),
            _why(w.code, w.source, w.params, lang),
        ]
        for w in a.warnings
        if w.key is not None
    ]
    if not rows:
        return None
    L = partial(label, lang=lang)
    # Values warned of for the same reason are listed together, the reason said once
    # (then 同上, "ditto"): the same basis often covers many values, and said each time
    # it would push the form onto a third page.
    notes = list(dict.fromkeys(row[2] for row in rows))
    rows.sort(key=lambda row: notes.index(row[2]))
    ditto = text("form.ditto", lang)
    rows = [
        [*row[:2], ditto] if i and row[2] == rows[i - 1][2] else row for i, row in enumerate(rows)
    ]
    return {
        "heading": text("form.warnings", lang),
        "css": "warnings",
        "table": _table(
            [L("key"), L("value"), text("form.note", lang)], rows, widths=("26%", "24%", "50%")
        ),
    }


def _short(rows: list[list[str]]) -> bool:
    """Whether a table is short enough to move to the next page whole: at most six
    rows of at most 240 characters together."""
    return len(rows) <= 6 and sum(len(cell) for row in rows for cell in row) <= 240


def _why(code: str, source: SourceRef | None, params: Mapping[str, object], lang: Lang) -> str:
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
