"""Rows grouped by household: exact sums, counts and firsts, with numpy.

The flat tables of `parse` hold each household's rows together and in order (members,
incomes, …, as the lists list them), so a household's rows are one slice. Sums are
differences of a running total: numpy's integer cumsum wraps around on overflow, and
the difference of two wrapped totals is still the exact sum of the slice whenever that
sum fits in 64 bits (the columnar engine sends a household whose amounts could exceed
that to the reference engine). No float ever enters: money is integer fen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray


class Segments:
    """Rows whose household index (``keys``, ascending) says which slice they are in."""

    def __init__(self, keys: NDArray[np.int64], n: int) -> None:
        self.keys = keys
        self.n = n
        self.bounds = np.searchsorted(keys, np.arange(n + 1, dtype=np.int64))

    def sum(self, values: NDArray[np.int64]) -> NDArray[np.int64]:
        """The sum of each household's values (exact; see the module docstring)."""
        total = np.zeros(
            len(values) + 1, dtype=values.dtype if values.dtype == object else np.int64
        )
        np.cumsum(values, out=total[1:])
        out: NDArray[np.int64] = total[self.bounds[1:]] - total[self.bounds[:-1]]
        return out

    def count(self, mask: NDArray[np.bool_]) -> NDArray[np.int64]:
        """How many of each household's rows are true."""
        out: NDArray[np.int64] = np.bincount(self.keys[mask], minlength=self.n).astype(np.int64)
        return out

    def any(self, mask: NDArray[np.bool_]) -> NDArray[np.bool_]:
        """Whether any of each household's rows is true."""
        return self.count(mask) > 0

    def all(self, mask: NDArray[np.bool_]) -> NDArray[np.bool_]:
        """Whether all of each household's rows are true (true with no rows)."""
        out: NDArray[np.bool_] = self.count(~mask) == 0
        return out

    def max(self, values: NDArray[np.int64], empty: int) -> NDArray[np.int64]:
        """The largest of each household's values (``empty`` with no rows)."""
        out = np.full(self.n, empty, dtype=np.int64)
        np.maximum.at(out, self.keys, values)
        return out

    def first(self, mask: NDArray[np.bool_]) -> NDArray[np.int64]:
        """The index of each household's first true row, -1 when none."""
        rows = np.flatnonzero(mask)
        out = np.full(self.n, -1, dtype=np.int64)
        if len(rows):
            keys = self.keys[rows]
            starts = np.concatenate(([True], keys[1:] != keys[:-1]))
            out[keys[starts]] = rows[starts]
        return out

    def spread(self, values: NDArray[np.int64]) -> NDArray[np.int64]:
        """A per-household value for each row."""
        out: NDArray[np.int64] = values[self.keys]
        return out


def running(values: NDArray[np.int64], groups: NDArray[np.int64]) -> NDArray[np.int64]:
    """The running sum of ``values`` within each group, in row order (groups may
    interleave: rows keep their order within a group)."""
    order = np.argsort(groups, kind="stable")
    sorted_values = values[order]
    sorted_groups = groups[order]
    total = np.cumsum(sorted_values)
    starts = np.concatenate(([True], sorted_groups[1:] != sorted_groups[:-1]))
    before = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
    offset = total[before] - sorted_values[before]
    out = np.empty_like(values)
    out[order] = total - offset
    return out


def guard(*factors: NDArray[np.int64] | int) -> bool:
    """Whether the product of arrays with these values stays within 62 bits."""
    bound = 1
    for factor in factors:
        top = (
            abs(int(factor))
            if isinstance(factor, int)
            else (int(np.abs(factor).max()) if len(factor) else 0)
        )
        bound *= max(top, 1)
    return bound < 2**62


def product(*factors: NDArray[np.int64] | int) -> NDArray[np.int64]:
    """The exact product: int64 where it fits, Python integers (object) where it may not."""
    exact = guard(*factors)
    out: NDArray[np.int64] | int = 1
    for factor in factors:
        out = out * (factor if exact or isinstance(factor, int) else factor.astype(object))
    assert not isinstance(out, int)  # noqa: S101 - at least one factor is an array
    return out


def sum_by(keys: NDArray[np.int64], values: NDArray[np.int64], n: int) -> NDArray[np.int64]:
    """The exact sum of ``values`` for each key from 0 to n-1 (rows with key < 0 left out)."""
    taken = keys >= 0
    order = np.argsort(keys[taken], kind="stable")
    return Segments(keys[taken][order], n).sum(values[taken][order])


def _mixers(count: int) -> NDArray[np.int64]:
    """Fixed odd 64-bit multipliers (splitmix64), to hash a row of small integers."""
    out, state = [], 0x9E3779B97F4A7C15
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) % 2**64
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % 2**64
        z = (z ^ (z >> 31)) | 1
        out.append(z - 2**64 if z >= 2**63 else z)
    return np.array(out, dtype=np.int64)


_WEIGHTS = _mixers(64)


def patterns(rows: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The distinct rows of a matrix, and which of them each row is.

    Rows are told apart by a 64-bit hash (fast), then checked to be equal to their
    pattern; should two different rows ever share a hash, the exact (slower) way is
    taken instead.
    """
    if rows.shape[1] > len(_WEIGHTS) or not len(rows):
        found, which = np.unique(rows, axis=0, return_inverse=True)
        return which.reshape(-1), found
    hashed = (rows + 1) @ _WEIGHTS[: rows.shape[1]]
    _, first, which = np.unique(hashed, return_index=True, return_inverse=True)
    found = rows[first]
    if not (found[which] == rows).all():
        found, which = np.unique(rows, axis=0, return_inverse=True)
    return which.reshape(-1), found
