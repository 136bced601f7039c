"""The records a batch streams: one input record, and what it gave."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    pass


class Record(NamedTuple):
    """One input record.

    Attributes:
        line: where it starts in the input (1-based line, or first row of a case roll).
        payload: JSON text (str or bytes), a decoded object, or case-roll rows.
    """

    line: int
    payload: Any


class Outcome(NamedTuple):
    """What one record gave.

    Attributes:
        status: the assessment status, ``error``, or ``internal_error`` (a bug).
        benefit: the monthly benefit as written in the result ("0.00" for errors).
        output: the encoded JSON line, the summary row, or the record dict.
        support: everything paid a month (``support_monthly``: the benefit plus the 特困
            members' support), as written; None: the same as ``benefit``.
        rules: the rule set, its digest and the date an assessment used (None for an
            error record).
    """

    status: str
    benefit: str
    output: Any
    support: str | None = None
    rules: tuple[str, str, str] | None = None  # rule set id, digest, date (the run report)
