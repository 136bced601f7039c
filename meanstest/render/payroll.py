"""The monthly payment roll (发放花名册), made from a batch's result records.

One row per household with something to pay (``support_monthly`` above 0), one per
member for a single-person enrolment (单人户施保), and eligible households whose benefit
is 0.00, flagged; the amount split into the gap (差额), 分类施保 and 特困 support;
phase-out households with their last month; grouped by township and village when the
records give them, with subtotals and a total. Every other record is listed on a sheet
of its own (not paid, with why; errors), so that the roll never loses one.

The split: 分类施保 is the groups' top-ups plus what paying a member the full standard
adds (``benefit.top_ups_monthly + benefit.full_standard_monthly``); 特困 support is
``support_monthly - benefit_monthly``; the gap is the rest of the benefit, so the three
add up to what is paid (the benefit's rounding falls in the gap).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from .. import __version__
from ..errors import MeansTestError
from ..model.result import ELIGIBLE
from ..money import fmt
from .document import (
    Cell,
    Document,
    Record,
    Sheet,
    applicant,
    errors_sheet,
    is_error,
    persons,
    places,
)
from .labels import Lang, label, message

ZERO = Decimal(0)
_COLUMNS = (
    "no",
    "township",
    "village",
    "household_id",
    "payee",
    "id_number",
    "status",
    "persons",
    "gap",
    "classified",
    "tekun",
    "total",
    "ends",
    "change",
    "change_from",
    "notes",
)
_MONEY = slice(8, 12)  # gap, 分类施保, 特困, total


class Line(NamedTuple):
    """One row of the roll before it is numbered."""

    record: Record
    payee: Any
    persons: int
    amounts: tuple[Decimal, Decimal, Decimal]  # gap, 分类施保, 特困
    notes: list[str]


def default_month(records: Sequence[Record]) -> str:
    """The month of the latest assessment date (the month the roll pays)."""
    dates = [r["rules"]["as_of"] for r in records if not is_error(r)]
    return max(dates)[:7] if dates else ""


def _money(value: object) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else ZERO


def _split(r: Record) -> tuple[Decimal, Decimal, Decimal]:
    benefit = _money(r["benefit_monthly"])
    b = r["benefit"]
    classified = _money(b.get("top_ups_monthly")) + _money(b.get("full_standard_monthly"))
    return benefit - classified, classified, _money(r["support_monthly"]) - benefit


def _singles(r: Record, notes: list[str]) -> list[Line]:
    """A single-person enrolment: one row per member enrolled alone (and per 特困
    member); the last gap takes the household's rounding, so the rows add up."""
    lines: list[Line] = []
    for m in r["members"]:
        tekun = _money((m.get("tekun") or {}).get("support_monthly"))
        if not m.get("single_person") and not tekun:
            continue
        top = m.get("top_up") or {}
        gap = _money(m.get("single_person_benefit")).quantize(Decimal("0.01"))
        classified = _money(top.get("monthly")) + _money(top.get("full_standard"))
        lines.append(
            Line(r, m, 1, (gap if m.get("single_person") else ZERO, classified, tekun), list(notes))
        )
    gap, classified, tekun = _split(r)
    rest = (
        gap + classified - sum((x.amounts[0] + x.amounts[1] for x in lines), ZERO),
        tekun - sum((x.amounts[2] for x in lines), ZERO),
    )
    if not lines:
        return [Line(r, applicant(r), r["household_size"], (gap, classified, tekun), notes)]
    last = lines[-1]
    lines[-1] = last._replace(
        amounts=(last.amounts[0] + rest[0], last.amounts[1], last.amounts[2] + rest[1])
    )
    return lines


def _not_paid(r: Record, month: str, lang: Lang) -> str | None:
    """Why a result is not on the roll of the month, or None when it is."""
    change = r.get("change")
    phase = r.get("phase_out")
    if r["status"] == "phase_out" and phase and month > phase["until"]:
        return message("payroll.not_paid.phase_out_ended", {"until": phase["until"]}, lang)
    if _money(r["support_monthly"]) > 0 or r["status"] in ELIGIBLE:
        return None
    if change and change["kind"] == "stopped":
        return message(
            "payroll.not_paid.stopped",
            {"month": change["from_month"], "amount": change["from_monthly"]},
            lang,
        )
    reasons = r.get("reasons") or ()
    return "; ".join(x["message"] for x in reasons[:1]) or label(f"status.{r['status']}", lang)


def _later(r: Record, month: str) -> bool:
    """Whether a renewal's change applies only after the month, so that the month pays
    the old amount (an unchanged payment has nothing to pay differently)."""
    change = r.get("change")
    return change is not None and change["from_month"] > month and change["kind"] != "unchanged"


def _notes(r: Record, month: str, lang: Lang) -> list[str]:
    notes = []
    if _money(r["support_monthly"]) == 0:
        notes.append(message("payroll.zero", {}, lang))
    phase = r.get("phase_out")
    if r["status"] == "phase_out" and phase and phase["until"] == month:
        notes.append(message("payroll.last_month", {}, lang))
    if _later(r, month):
        change = r["change"]
        notes.append(
            message(
                "payroll.change_later",
                {"month": change["from_month"], "amount": change["from_monthly"]},
                lang,
            )
        )
    return notes


def _lines(r: Record, month: str, lang: Lang) -> list[Line]:
    notes = _notes(r, month, lang)
    if r["status"] == "dibao_single":
        return _singles(r, notes)
    return [Line(r, applicant(r), persons(r), _split(r), notes)]


def _cells(no: int, line: Line, lang: Lang) -> list[Cell]:
    r, m = line.record, line.payee or {}
    change = r.get("change") or {}
    phase = r.get("phase_out") or {}
    gap, classified, tekun = line.amounts
    return [
        no,
        r.get("township") or "",
        r.get("village") or "",
        r.get("household_id") or "",
        m.get("name") or "",
        m.get("id_number") or "",
        label(f"status.{r['status']}", lang),
        line.persons,
        gap,
        classified,
        tekun,
        gap + classified + tekun,
        phase.get("until", "") if r["status"] == "phase_out" else "",
        label(f"change.{change['kind']}", lang) if change else "",
        change.get("from_month", ""),
        "; ".join(line.notes),
    ]


def _total(name: str, lines: Sequence[Line], lang: Lang) -> list[Cell]:
    households = len({id(x.record) for x in lines})
    text = message("payroll.households", {"name": name, "count": households}, lang)
    sums = [sum((x.amounts[i] for x in lines), ZERO) for i in range(3)]
    return [
        "",
        "",
        "",
        text,
        "",
        "",
        "",
        sum(x.persons for x in lines),
        *sums,
        sum(sums),
        "",
        "",
        "",
        "",
    ]


def payroll(
    records: Sequence[Record], month: str | None, lang: Lang, *, show_personal_data: bool = False
) -> Document:
    """Make the payment roll of a month (default: the month of the assessment date)."""
    results = [r for r in records if not is_error(r)]
    month = month or default_month(results)
    _check_month(month, results)
    paid: list[Line] = []
    not_paid: list[list[Cell]] = []
    for r in results:
        why = _not_paid(r, month, lang)
        if why is None:
            paid += _lines(r, month, lang)
        else:
            not_paid.append(
                [
                    r.get("household_id") or "",
                    r.get("township") or "",
                    r.get("village") or "",
                    label(f"status.{r['status']}", lang),
                    why,
                ]
            )
    rows, styles = _grouped(paid, lang)
    sheets = [
        Sheet(
            label("payroll.sheet", lang),
            _head(results, month, lang, show_personal_data),
            [label(f"col.{c}", lang) for c in _COLUMNS],
            rows,
            styles,
        )
    ]
    if not_paid:
        name = label("payroll.not_paid_sheet", lang)
        sheets.append(
            Sheet(
                name,
                [name],
                [
                    label(f"col.{c}", lang)
                    for c in ("household_id", "township", "village", "status", "reason")
                ],
                not_paid,
            )
        )
    errors = [r for r in records if is_error(r)]
    found = errors_sheet(errors, lang)
    if found is not None:
        sheets.append(found)
    notes = _notes_after(results, paid, not_paid, month, lang)
    return Document(sheets, notes, len(errors))


def _grouped(paid: Sequence[Line], lang: Lang) -> tuple[list[list[Cell]], list[str]]:
    """Number the rows by township and village, with subtotals and the total."""
    groups = places([x.record for x in paid])
    villages = any(v for _, v in groups)
    rows: list[list[Cell]] = []
    styles: list[str] = []
    no = 0
    for i, (township, village) in enumerate(groups):
        here = [
            x
            for x in paid
            if (x.record.get("township") or "", x.record.get("village") or "")
            == (township, village)
        ]
        for line in here:
            no += 1
            rows.append(_cells(no, line, lang))
            styles.append("")
        if villages:
            name = village or label("payroll.none_given", lang)
            rows.append(_total(message("payroll.subtotal", {"name": name}, lang), here, lang))
            styles.append("subtotal")
        last = i + 1 == len(groups) or groups[i + 1][0] != township
        if township and last:
            inside = [x for x in paid if (x.record.get("township") or "") == township]
            rows.append(_total(message("payroll.subtotal", {"name": township}, lang), inside, lang))
            styles.append("subtotal")
    rows.append(_total(label("payroll.total", lang), paid, lang))
    styles.append("total")
    return rows, styles


def _check_month(month: str, results: Sequence[Record]) -> None:
    later = [r for r in results if r["rules"]["as_of"][:7] > month]
    if later:
        raise MeansTestError(
            "payroll_month_before",
            params={
                "month": month,
                "count": len(later),
                "household": later[0].get("household_id"),
                "date": later[0]["rules"]["as_of"],
            },
        )


def _head(results: Sequence[Record], month: str, lang: Lang, shown: bool) -> list[str]:
    colon = "：" if lang == "zh" else ": "
    shown_month = month or label("payroll.none", lang)
    return [
        message("payroll.title", {"month": shown_month}, lang),
        f"{label('payroll.month', lang)}{colon}{shown_month}",
        *stamp(results, lang),
        label("payroll.shown" if shown else "payroll.masked", lang),
        label("payroll.unit", lang),
    ]


def stamp(results: Sequence[Record], lang: Lang) -> list[str]:
    """What made the paperwork (issue 15, point 7): the assessment dates, each rule set
    with its digest, and meanstest's version, one line each. When more than one rule set
    (or one rule set under two digests: its values changed between the dates) made the
    households' figures, each line says the dates it was used on."""
    dates = sorted({r["rules"]["as_of"] for r in results})
    used: dict[str, set[str]] = {}
    for r in results:
        rules = r["rules"]
        line = f"{rules['id']} {rules['name']}"
        used.setdefault(line + f"\0{rules['digest']}", set()).add(rules["as_of"])
    colon = "：" if lang == "zh" else ": "
    return [
        f"{label('payroll.assessed', lang)}{colon}{_span(dates, lang)}",
        *(
            f"{label('payroll.rules', lang)}{colon}{_rules_line(key, on, len(used) > 1, lang)}"
            for key, on in sorted(used.items(), key=lambda item: (min(item[1]), item[0]))
        ),
        f"{label('payroll.version', lang)}{colon}{__version__}",
    ]


def _span(dates: Sequence[str], lang: Lang) -> str:
    """``first – last`` of sorted dates, the one date, or "none"."""
    if not dates:
        return label("payroll.none", lang)
    return f"{dates[0]} – {dates[-1]}" if len(dates) > 1 else dates[0]


def _rules_line(key: str, on: set[str], several: bool, lang: Lang) -> str:
    """``431022 宜章县（sha256:…）``, with ``；2021-12-01 – 2022-03-01`` inside the
    brackets when the paperwork has several rule lines."""
    name, digest = key.split("\0")
    inside = digest
    if several:
        inside += ("；" if lang == "zh" else "; ") + _span(sorted(on), lang)
    return f"{name}（{inside}）" if lang == "zh" else f"{name} ({inside})"


def _notes_after(
    results: Sequence[Record],
    paid: Sequence[Line],
    not_paid: Sequence[object],
    month: str,
    lang: Lang,
) -> list[str]:
    """What to say on standard error after writing the roll."""
    households = {id(x.record): x.record for x in paid}
    total = sum((sum(x.amounts, ZERO) for x in paid), ZERO)
    dates = sorted(r["rules"]["as_of"] for r in results)
    notes = []
    if dates:
        notes.append(
            message(
                "payroll.note.month", {"month": month, "first": dates[0], "last": dates[-1]}, lang
            )
        )
        if month > dates[-1][:7]:
            notes.append(message("payroll.note.other_month", {"month": month}, lang))
    notes.append(message("payroll.note.rows", {"rows": len(households), "total": fmt(total)}, lang))
    zero = sum(1 for r in households.values() if _money(r["support_monthly"]) == 0)
    if zero:
        notes.append(message("payroll.note.zero", {"count": zero}, lang))
    if not_paid:
        notes.append(message("payroll.note.not_paid", {"count": len(not_paid)}, lang))
    later = sum(1 for r in households.values() if _later(r, month))
    if later:
        notes.append(message("payroll.note.later", {"count": later, "month": month}, lang))
    return notes
