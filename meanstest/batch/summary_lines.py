"""Summary records written column-wise, for the columnar engine: the same bytes as
`summary.summary_record` encoded by `files.json.dumps_line`, for a whole block at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import __version__
from .summary import INCOME_FIELDS, SUMMARY_SCHEMA

if TYPE_CHECKING:
    from numpy.typing import NDArray


def money_text(fen: NDArray[np.int64]) -> pa.Array:
    """Integer fen (not negative) as the contract writes money ("570.00")."""
    yuan = pc.cast(pa.array(fen // 100), pa.string())
    cents = pc.utf8_lpad(pc.cast(pa.array(fen % 100), pa.string()), 2, "0")
    return pc.binary_join_element_wise(yuan, cents, ".")


def half_up(numerator: NDArray[Any], denominator: NDArray[Any]) -> NDArray[np.int64]:
    """``numerator / denominator`` fen rounded half up to the fen, as `money.fmt` writes."""
    out: NDArray[np.int64] = ((2 * numerator + denominator) // (2 * denominator)).astype(np.int64)
    return out


def json_lines(hid: pa.Array, rules: pa.Array, figures: dict[str, Any]) -> pa.Array:
    """Summary records as JSON lines (each ending in a newline), built column-wise.

    ``figures`` holds the status (text), eligible and size (numpy), the money figures
    (integer fen) and the reason and warning lists (JSON text). Strings in a record need
    no escaping: the household id is plain text (no quote, backslash or control
    character reaches the columnar engine), the rest are words.
    """

    def text(values: Any) -> pa.Array:
        return pc.cast(pa.array(values), pa.string())

    eligible = pc.if_else(pa.array(figures["eligible"]), "true", "false")
    parts: list[Any] = [
        '{"schema":"' + SUMMARY_SCHEMA + '","household_id":"',
        hid,
        '","rules":',
        rules,
        ',"meanstest_version":"' + __version__ + '","status":"',
        figures["status"],
        '","eligible":',
        eligible,
        ',"household_size":',
        text(figures["size"]),
        ',"standard_monthly":"',
        money_text(figures["standard"]),
        '","income":{',
    ]
    for i, name in enumerate(INCOME_FIELDS):
        parts += [("" if i == 0 else '",') + f'"{name}":"', money_text(figures[name])]
    benefit = money_text(figures["benefit"])
    # No member is 特困 on the columnar path: everything paid is the benefit.
    parts += [
        '"},"benefit_monthly":"',
        benefit,
        '","support_monthly":"',
        benefit,
        '","reason_codes":',
        figures["reasons"],
        ',"warning_keys":',
        figures["warnings"],
        "}\n",
    ]
    return pc.binary_join_element_wise(*parts, "")
