"""The publication list (公示名单, S2 Art. 19), made from a batch's result records.

The households proposed for assistance (dibao, single-person enrolment, phase-out and
特困) with their size (the family members listed), the persons covered, status and
monthly amount, names masked unless the caller asks,
grouped by township and village when the records give them. The households not listed
and the records that could not be assessed have sheets of their own, so that no record
is lost; only the first sheet is for posting.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..model.result import ELIGIBLE
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
from .payroll import stamp

LISTED = ELIGIBLE | {"tekun"}
_COLUMNS = (
    "no",
    "township",
    "village",
    "household_id",
    "payee",
    "household_size",
    "persons",
    "status",
    "support",
)


def _covered_names(r: Record, lang: Lang) -> str:
    """Who the row covers: the applicant for a household, the members enrolled alone for
    a single-person enrolment (单人户施保), the 特困 members for 特困 support, so the
    names agree with the persons counted (`document.persons`) and with the payment roll."""
    members = r.get("members") or ()
    if r["status"] == "dibao_single":
        covered = [m for m in members if m.get("single_person")]
    elif r["status"] == "tekun":
        covered = [m for m in members if (m.get("tekun") or {}).get("eligible")]
    else:
        found = applicant(r)
        covered = [found] if found is not None else []
    unnamed = label("notice.unnamed", lang)
    return ("、" if lang == "zh" else ", ").join(m.get("name") or unnamed for m in covered)


def notice(records: Sequence[Record], lang: Lang, *, show_personal_data: bool = False) -> Document:
    """Make the publication list of a batch's results."""
    results = [r for r in records if not is_error(r)]
    listed = [r for r in results if r["status"] in LISTED]
    rows: list[list[Cell]] = []
    for township, village in places(listed):
        rows += [
            [
                "",
                township,
                village,
                r.get("household_id") or "",
                _covered_names(r, lang),
                len(r.get("members") or ()) or r["household_size"],
                persons(r),
                label(f"status.{r['status']}", lang),
                Decimal(r["support_monthly"]),
            ]
            for r in listed
            if (r.get("township") or "", r.get("village") or "") == (township, village)
        ]
    for no, row in enumerate(rows, start=1):
        row[0] = no
    covered = sum(persons(r) for r in listed)
    summary = message("notice.summary", {"households": len(listed), "persons": covered}, lang)
    total = sum((Decimal(r["support_monthly"]) for r in listed), Decimal(0))
    head = [
        label("notice.title", lang),
        label("notice.period", lang),
        label("notice.dates", lang),
        label("notice.contact", lang),
        label("notice.shown" if show_personal_data else "notice.masked", lang),
        *stamp(results, lang),
        label("payroll.unit", lang),
    ]
    sheets = [
        Sheet(
            label("notice.sheet", lang),
            head,
            [label(f"col.{c}", lang) for c in _COLUMNS],
            [*rows, ["", "", "", summary, "", None, covered, "", total]],
            [*([""] * len(rows)), "total"],
        )
    ]
    others = [
        [r.get("household_id") or "", label(f"status.{r['status']}", lang)]
        for r in results
        if r["status"] not in LISTED
    ]
    if others:
        name = label("notice.not_listed_sheet", lang)
        sheets.append(
            Sheet(
                name, [name], [label("col.household_id", lang), label("col.status", lang)], others
            )
        )
    errors = [r for r in records if is_error(r)]
    found = errors_sheet(errors, lang)
    if found is not None:
        sheets.append(found)
    notes = [message("notice.note.listed", {"households": len(listed), "persons": covered}, lang)]
    if others:
        notes.append(message("notice.note.not_listed", {"count": len(others)}, lang))
    return Document(sheets, notes, len(errors))
