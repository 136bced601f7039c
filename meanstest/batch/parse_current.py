"""A renewal's ``current`` status, for stage A (`parse`) and stage B (`renewals`).

Most of a county's roll are renewals: households already on dibao (or edge ...)
reviewed again, whose ``current`` says what they get now (`model.household.Current`:
``status``, ``monthly_benefit``, ``since``; a ``phase_out`` status needs ``since``).
It is read as an object of three fields and checked as the model checks it; its quotes
and commas are counted as for the other objects (`parse`), so an unknown or repeated
key, or a value of another JSON kind, sends the household to the reference engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..model import vocabulary
from ..model.vocabulary import codes
from . import fields as f

if TYPE_CHECKING:
    from numpy.typing import NDArray

CURRENT_STATUSES: Final = codes(vocabulary.CurrentStatus)
# How the JSON parser reads ``current`` (see `parse.STRUCTURE`).
STRUCTURE: Final = {"status": "VARCHAR", "monthly_benefit": "JSON", "since": "VARCHAR"}
_PHASE_OUT: Final = CURRENT_STATUSES.index("phase_out")


def current(
    h: pa.StructArray,
) -> tuple[NDArray[np.int64], NDArray[np.bool_], dict[str, NDArray[np.int64]]]:
    """The quotes and commas inside each household's ``current`` (its own key is counted
    with the household's), whether it is valid (absent, or as the model reads it), and
    the columns stage B reads: ``current`` (the status's index in `CURRENT_STATUSES`,
    -1 when absent) and ``current_fen`` (the monthly benefit now, fen)."""
    c = pc.struct_field(h, "current")
    given = f.present(c)
    raw = {name: pc.struct_field(c, name) for name in STRUCTURE}
    present = {name: f.present(value) for name, value in raw.items()}
    status = f.code(raw["status"], CURRENT_STATUSES)
    fen, money_ok, money_string = f.money(raw["monthly_benefit"])
    _, since_ok = f.dates(raw["since"])
    keys = sum(p.astype(np.int64) for p in present.values())
    marks: NDArray[np.int64] = (
        2 * keys
        + np.maximum(keys - 1, 0)
        + 2 * ((status >= 0).astype(np.int64) + money_string + present["since"])
    )
    ok = ~given | (
        (status >= 0)
        & (~present["monthly_benefit"] | money_ok)
        & (~present["since"] | since_ok)
        & ((status != _PHASE_OUT) | present["since"])
    )
    columns = {
        "current": np.where(given, status, -1).astype(np.int64),
        "current_fen": np.where(given & present["monthly_benefit"], fen, 0).astype(np.int64),
    }
    return np.where(given, marks, 0), ok, columns
