"""Where a household lives, for stage A (`parse`): ``township`` and ``village``.

Both are optional free text (`model.household.Household`: 1 to 60 characters once
pydantic has stripped white space at either end). No figure depends on them and no
summary, CSV or XLSX record of the reference engine echoes them, so the columnar engine
only checks them and counts their quotes and commas; the full records and the paperwork
(``--format payroll`` / ``notice``) that do echo them are the reference engine's.

A value checked here is a JSON string of at most 60 characters with nothing pydantic
would strip or that is doubtful at either end (`fields.plain_text`); anything else (a
``null``, a number, an empty or a padded string) makes the household's fields or marks
disagree, and the reference engine says what it says of it, as for every other field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import fields as f

if TYPE_CHECKING:
    from numpy.typing import NDArray

PLACES: Final = ("township", "village")
LONGEST: Final = 60  # characters, as `model.household.Household` says


def places(
    h: pa.StructArray,
) -> tuple[NDArray[np.int64], NDArray[np.bool_], dict[str, pa.Array]]:
    """The quotes and commas the values of ``township`` and ``village`` account for,
    whether each household's are valid (absent, or text the reference keeps as it is),
    and their text (null when absent; `compare_run` groups by them)."""
    n = len(h)
    marks = np.zeros(n, dtype=np.int64)
    ok = np.ones(n, dtype=np.bool_)
    texts = {}
    for name in PLACES:
        value = pc.struct_field(h, name)
        is_string, inner = f.json_string(value)
        marks += 2 * is_string.astype(np.int64) + f.commas(inner)
        ok &= ~f.present(value) | (is_string & f.plain_text(inner, LONGEST))
        texts[name] = inner
    return marks, ok, texts
