"""The household's flags, for stage A (`parse`): ``single_parent_family``.

A JSON ``true`` or ``false`` (pydantic's ``StrictBool``): the parser reads it as text,
``"true"`` as well as ``true``; a string brings quotes the line's marks then do not
account for (`parse`), so such a household goes to the reference engine. The flag
matters only to 分类施保 groups that name single-parent families (`groups`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import fields as f

if TYPE_CHECKING:
    from numpy.typing import NDArray

FLAGS: Final = ("single_parent_family",)


def flags(
    h: pa.StructArray,
) -> tuple[NDArray[np.bool_], dict[str, NDArray[np.int64]]]:
    """Whether each household's flags are valid (absent, true or false), and each flag
    as a column of 0 and 1 (absent: 0)."""
    ok = np.ones(len(h), dtype=np.bool_)
    columns = {}
    for name in FLAGS:
        value, valid = f.booleans(pc.struct_field(h, name))
        ok &= valid
        columns[name] = value.astype(np.int64)
    return ok, columns
