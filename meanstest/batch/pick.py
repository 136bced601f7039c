"""One household out of a case roll, for `meanstest check ROLL --id ID`.

A caseworker keeps the roll (台账) as a spreadsheet and should never have to write JSON
to check one family: the roll is read exactly as `meanstest batch` reads it (JSON
Lines, CSV or .xlsx, the same columns, encodings and cell rules, `read_households`),
and the household with the id asked for is returned, validated. A household whose rows
cannot be read is an error naming the row and column, as the batch error record would;
an id the roll does not hold is an error saying how many households it does hold.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, TYPE_CHECKING

from ..errors import STANDARD_INPUT, HouseholdInvalid, MeansTestError, Problem, Unreadable
from .api import read_households

if TYPE_CHECKING:
    from ..model.household import Household
    from ..render.labels import Lang

# How many of a roll's ids an error names (a roll may hold thousands).
_SHOWN_IDS = 5


class NoId(MeansTestError):
    """The roll holds several households and no --id chose one (a usage error)."""


def pick_household(
    path: str,
    household_id: str | None,
    *,
    encoding: str | None = None,
    stdin: IO[bytes] | None = None,
    note: Callable[[str], None] | None = None,
    lang: Lang = "en",
) -> Household:
    """Return the household with ``household_id`` from a case roll.

    With no id, a roll of exactly one household gives that one.

    Raises:
        HouseholdInvalid: the household's record cannot be read (its row and column).
        NoId: no id was given and the roll holds several households.
        MeansTestError: the roll cannot be read, holds no such id, or holds it twice.
    """
    found: list[tuple[int, Household | Unreadable]] = []
    ids: list[str] = []
    unreadable = 0
    for line, item in read_households(path, encoding, stdin=stdin, note=note, lang=lang):
        hid = item.household_id if isinstance(item, Unreadable) else item.id
        if hid is None:
            unreadable += 1
            continue
        ids.append(hid)
        if household_id is None or hid == household_id:
            found.append((line, item))
    where = STANDARD_INPUT if path == "-" else path
    shown = [*ids[:_SHOWN_IDS], *(["…"] if len(ids) > _SHOWN_IDS else [])]
    if household_id is None and len(found) != 1:
        raise NoId("roll_choose_id", params={"count": len(ids), "ids": shown}, path=where)
    if not found:
        raise MeansTestError(
            "roll_no_such_id",
            params={"id": household_id, "count": len(ids), "ids": shown},
            path=where,
            problems=(
                (Problem("", "roll_ids_unreadable", {"count": unreadable}),) if unreadable else ()
            ),
        )
    if len(found) > 1:
        raise MeansTestError(
            "roll_id_twice",
            params={"id": household_id, "count": len(found), "lines": [line for line, _ in found]},
            path=where,
        )
    line, item = found[0]
    if isinstance(item, Unreadable):
        raise HouseholdInvalid(
            "roll_household_unreadable", params={"line": line}, path=where, problems=item.problems
        )
    return item
