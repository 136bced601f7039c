"""A printable document of sheets: what the payment roll and the publication list are made
of before `files.paperwork` writes them as a workbook or as CSV.

A sheet has a few heading lines (the first is its title), column headers, and rows of
cells; money cells are exact Decimals (written to the fen), and a row may be a subtotal
or the total (written in bold). Rows that are records of the input carry no style.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from .labels import Lang, label

Cell = str | int | Decimal | None
Record = Mapping[str, Any]  # a `meanstest.assessment/1` or `meanstest.error/1` record


class Sheet(NamedTuple):
    """One sheet: heading lines, column headers, rows, and which rows are (sub)totals."""

    name: str
    head: Sequence[str]
    columns: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    styles: Sequence[str] = ()  # per row: "" (a record), "subtotal" or "total"


class Document(NamedTuple):
    """The sheets of a document, and the notes to say on standard error."""

    sheets: Sequence[Sheet]
    notes: Sequence[str] = ()
    errors: int = 0  # records that could not be assessed (batch exits 3)


def is_error(record: Record) -> bool:
    """Whether a batch record is an error record (`meanstest.error/1`)."""
    return record.get("schema") == "meanstest.error/1"


_KEPT = (
    "schema",
    "household_id",
    "line",
    "errors",
    "rules",
    "status",
    "household_size",
    "benefit_monthly",
    "support_monthly",
    "phase_out",
    "change",
    "township",
    "village",
)
_MEMBER = (
    "id",
    "name",
    "id_number",
    "relation",
    "single_person",
    "single_person_benefit",
    "top_up",
)


def essentials(record: Record) -> dict[str, Any]:
    """What the roll and the list read of a record: a run keeps 20,000 of them until it
    ends, so the trace, the income items and the rest are let go as they arrive."""
    if is_error(record):
        return dict(record)
    kept = {k: record[k] for k in _KEPT if k in record}
    benefit = record.get("benefit") or {}
    kept["benefit"] = {
        k: benefit[k] for k in ("top_ups_monthly", "full_standard_monthly") if k in benefit
    }
    kept["reasons"] = [{"message": r["message"]} for r in (record.get("reasons") or ())[:1]]
    kept["members"] = [
        {
            **{k: m[k] for k in _MEMBER if k in m},
            "tekun": None
            if not m.get("tekun")
            else {
                "eligible": m["tekun"].get("eligible"),
                "support_monthly": m["tekun"].get("support_monthly"),
            },
        }
        for m in record.get("members") or ()
    ]
    return kept


def errors_sheet(records: Sequence[Record], lang: Lang) -> Sheet | None:
    """The records that could not be assessed, with their lines and problems."""
    colon = "：" if lang == "zh" else ": "  # the messages are in the run's language
    rows: list[list[Cell]] = [
        [
            r.get("line"),
            r.get("household_id") or "",
            "; ".join(
                f"{e['loc']}{colon}{e['msg']}" if e.get("loc") else str(e["msg"])
                for e in r.get("errors", ())
            ),
        ]
        for r in records
    ]
    if not rows:
        return None
    name = label("payroll.errors_sheet", lang)
    return Sheet(
        name,
        [name],
        [label("col.line", lang), label("col.household_id", lang), label("col.errors", lang)],
        rows,
    )


def applicant(record: Record) -> Mapping[str, Any] | None:
    """The applicant member of a result (the payee of a household row), if any."""
    members = record.get("members") or ()
    for m in members:
        if m.get("relation") == "applicant":
            found: Mapping[str, Any] = m
            return found
    return members[0] if members else None


def persons(record: Record) -> int:
    """The persons a result covers: the household (as assessed) or the members enrolled
    alone, and besides them every 特困 member supported on his own, whom the household's
    size leaves out (``excluded_because: tekun``); of a 特困 household, its 特困 members."""
    members = record.get("members") or ()
    tekun = [m for m in members if (m.get("tekun") or {}).get("eligible")]
    if record["status"] == "tekun":
        return len(tekun)
    apart = sum(1 for m in tekun if not m.get("counted"))
    if record["status"] == "dibao_single":
        return sum(1 for m in members if m.get("single_person")) + apart
    return int(record["household_size"]) + apart


def places(records: Sequence[Record]) -> list[tuple[str, str]]:
    """The (township, village) groups in the order each first appears, townships kept
    together: a roll lists a township's villages one after another."""
    townships: dict[str, dict[str, None]] = {}
    for r in records:
        townships.setdefault(r.get("township") or "", {})[r.get("village") or ""] = None
    return [(t, v) for t, villages in townships.items() for v in villages]
