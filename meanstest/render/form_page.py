"""The page of the assessment form around its sections (see `form.py`).

The template environment, the numbering of the sections (一、二、… in Chinese), the
stamp written as a CSS string, the shape of a table, the household head of the form
and the sign-off blanks for the investigator, reviewer and approver.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from functools import partial

import jinja2
from markupsafe import Markup

from ..model.result import Assessment
from ..money import fmt
from .labels import Lang, label
from .labels_form import text

_NUMERALS = "一二三四五六七八九十"


@functools.cache
def environment() -> jinja2.Environment:
    """The templates, every value escaped (as `render.html`'s, without the comparison
    that module needs: the form loads no more than it uses)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("meanstest", "render/templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def numbered(n: int, heading: str, lang: Lang) -> str:
    if lang == "zh":
        return f"{numeral(n)}、{heading}"
    return f"{n}. {heading}"


def numeral(n: int) -> str:
    """一 … 十, 十一 … 十九, 二十 …: the section numbers of a Chinese form."""
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, units = divmod(n, 10)
    head = "" if tens == 1 else _NUMERALS[tens - 1]
    return head + "十" + (_NUMERALS[units - 1] if units else "")


def css_string(value: str) -> Markup:
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


def table(
    header: Iterable[str],
    rows: Iterable[Iterable[str]],
    numeric: Iterable[int] = (),
    widths: Iterable[str] = (),
) -> dict[str, object]:
    return {
        "header": list(header),
        "rows": [list(r) for r in rows],
        "numeric": set(numeric),
        "widths": list(widths),
    }


def head(a: Assessment, lang: Lang) -> dict[str, object]:
    T = partial(text, lang=lang)
    name = a.rules.name_zh if lang == "zh" else a.rules.name_en
    # The township and village when the household gives either (a pair of cells, so the
    # grid of two pairs a row stays whole).
    place = (
        [(T("form.township"), a.township or "—"), (T("form.village"), a.village or "—")]
        if a.township is not None or a.village is not None
        else []
    )
    return {
        "cells": [
            (T("form.household_id"), a.household_id or "—"),
            (label("area", lang), label(a.area, lang)),
            *place,
            (label("as_of", lang), a.rules.as_of.isoformat()),
            (
                T("form.rule_set"),
                f"{name}（{a.rules.id}）" if lang == "zh" else f"{name} ({a.rules.id})",
            ),
            (label("size", lang), str(a.household_size)),
            (T("form.status"), label(f"status.{a.status}", lang)),
        ],
        "benefit": (
            T("form.support") if a.support_monthly != a.benefit_monthly else T("form.benefit"),
            fmt(a.support_monthly),
            T("form.yuan_month"),
        ),
    }


def signoff(lang: Lang, n: int) -> dict[str, object]:
    T = partial(text, lang=lang)
    roles = []
    for role in ("investigator", "reviewer", "approver"):
        name = T(f"form.{role}")
        seal = f" {T('form.seal')}" if role == "approver" else ""
        if lang == "zh":
            roles.append(
                {
                    "heading": f"{name}{T('form.opinion')}",
                    "sign": f"{name}（{T('form.signature')}）：",
                    "seal": seal,
                    "date": f"{T('form.date')}：{T('form.date_blank')}",
                }
            )
        else:
            roles.append(
                {
                    "heading": f"{name}: {T('form.opinion').lower()}",
                    "sign": f"{T('form.signature')}:",
                    "seal": seal,
                    "date": f"{T('form.date')}: {T('form.date_blank')}",
                }
            )
    return {"heading": numbered(n, T("form.signoff"), lang), "roles": roles}
