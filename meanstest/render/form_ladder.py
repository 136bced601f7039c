"""The sections of the assessment form for the assistance ladder (see `form.py`).

特困, 分类施保 top-ups, temporary assistance, and phase-out with the unsupported-child
flags: each section only when the result carries it.
"""

from __future__ import annotations

from functools import partial

from ..model.result import Assessment
from ..money import fmt
from . import common, temporary
from .form_page import table
from .labels import Lang, label, message
from .labels_form import text
from .text import colon, semicolon

TEKUN_WORD = {True: "tekun.yes", False: "tekun.no", None: "tekun.unknown"}


def ladder(a: Assessment, lang: Lang) -> list[dict[str, object]]:
    """The sections of the assistance ladder, each only when the result carries it."""
    return [
        s
        for s in (
            _tekun(a, lang),
            _top_ups(a, lang),
            _temporary(a, lang),
            _phase_out_and_children(a, lang),
        )
        if s is not None
    ]


def _tekun(a: Assessment, lang: Lang) -> dict[str, object] | None:
    """特困: each member who is or may be 特困, with the conditions and standards."""
    L = partial(label, lang=lang)
    tekun = [m for m in a.members if m.tekun is not None and m.tekun.eligible is not False]
    if not tekun:
        return None
    rows = []
    for m in tekun:
        t = m.tekun
        assert t is not None  # noqa: S101 - filtered above
        conditions = "；".join if lang == "zh" else "; ".join
        rows.append(
            [
                m.id,
                L(TEKUN_WORD[t.eligible]),
                conditions(
                    f"{L(f'condition.{c.name}')}{colon(lang)}{L(TEKUN_WORD[c.met])}（"
                    f"{message(c.reason.code, c.reason.params, lang)}）"
                    for c in t.conditions
                ),
                semicolon(lang).join(
                    (L(f"care.{t.self_care}"), L(f"support_mode.{t.support_mode}"))
                ),
                "—" if t.basic_monthly is None else fmt(t.basic_monthly),
                "—" if t.care_monthly is None else fmt(t.care_monthly),
            ]
        )
    return {
        "heading": L("tekun"),
        "table": table(
            [
                L("member"),
                L("tekun.eligible"),
                L("notes"),
                L("self_care"),
                L("tekun.basic"),
                L("tekun.care"),
            ],
            rows,
            numeric=(4, 5),
            widths=("7%", "8%", "43%", "12%", "15%", "15%"),
        ),
    }


def _top_ups(a: Assessment, lang: Lang) -> dict[str, object] | None:
    """分类施保: each member's groups, what they are paid and the top-up."""
    L = partial(label, lang=lang)
    ups = [m for m in a.members if m.top_up is not None]
    if not ups:
        return None
    return {
        "heading": L("top_ups"),
        "table": table(
            [L("member"), L("groups"), L("top_up.paid"), L("top_up.top_up")],
            [
                [
                    m.id,
                    common.group_names(m.top_up, lang),
                    common.group_pay(m.top_up, lang),
                    fmt(m.top_up.monthly),
                ]
                for m in ups
                if m.top_up is not None
            ],
            numeric=(3,),
            widths=("12%", "38%", "32%", "18%"),
        ),
    }


def _temporary(a: Assessment, lang: Lang) -> dict[str, object] | None:
    """Temporary assistance, for a household with a hardship."""
    if a.temporary_assistance is None:
        return None
    L = partial(label, lang=lang)
    hardship = a.temporary_assistance
    return {
        "heading": L("temporary"),
        "pairs": temporary.lines(hardship, lang),
        "across": True,  # nine short pairs: two to a row keep the form to two pages
        "lines": temporary.reasons(hardship, lang),
        "css": "temporary",
        "keep": False,
    }


def _phase_out_and_children(a: Assessment, lang: Lang) -> dict[str, object] | None:
    """Phase-out, and the children whose parents cannot support them, as lines."""
    L = partial(label, lang=lang)
    items = []
    if a.phase_out is not None:
        p = a.phase_out
        items.append(
            text("form.phase_out_ended", lang, until=p.until)
            if p.ended
            else text(
                "form.phase_out",
                lang,
                months=p.months,
                start=p.start,
                until=p.until,
                monthly=fmt(p.monthly),
            )
        )
    children = [m for m in a.members if m.child is not None and m.child.flagged is not False]
    items += [
        f"{L('children')} {m.id}{colon(lang)}"
        f"{message(m.child.reason.code, m.child.reason.params, lang)}"
        for m in children
        if m.child is not None
    ]
    if not items:
        return None
    return {
        "heading": L("phase_out") + " · " + L("rigid")
        if lang == "en"
        else "渐退、刚性支出及儿童保障",
        "lines": items,
    }
