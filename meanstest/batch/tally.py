"""What a batch run counts (`Tally`) and hands on in order (`Piece`): light, so that
a run of full records (``batch --detail full``), which never uses the columnar engine,
does not load pyarrow and DuckDB for them (~0.4 s of start-up)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..files.records import Outcome
from ..money import FEN

_ERRORS = ("error", "internal_error")


@dataclass
class Tally:
    """What the records of a run (or of a block) gave."""

    records: int = 0
    skipped: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    paths: Counter[str] = field(default_factory=Counter)
    routes: Counter[str] = field(default_factory=Counter)
    benefit_fen: int = 0
    support_fen: int = 0  # what is paid beyond the benefit: the 特困 members' support
    rules: set[tuple[str, str, str]] = field(default_factory=set)  # (id, digest, as_of)

    def add(self, other: Tally) -> None:
        """Add another tally to this one."""
        self.records += other.records
        self.skipped += other.skipped
        self.by_status.update(other.by_status)
        self.paths.update(other.paths)
        self.routes.update(other.routes)
        self.benefit_fen += other.benefit_fen
        self.support_fen += other.support_fen
        self.rules |= other.rules

    @property
    def benefit(self) -> Decimal:
        """The total monthly benefit in yuan."""
        return Decimal(self.benefit_fen) * FEN

    @property
    def extra_support(self) -> Decimal:
        """The monthly 特困 support paid beyond the benefits, in yuan."""
        return Decimal(self.support_fen) * FEN

    def count(self, outcome: Outcome) -> None:
        """Count one reference outcome."""
        self.by_status[outcome.status] += 1
        self.benefit_fen += int(Decimal(outcome.benefit) * 100)
        if outcome.support is not None:
            self.support_fen += int(Decimal(outcome.support) * 100) - int(
                Decimal(outcome.benefit) * 100
            )
        if outcome.rules is not None:
            self.rules.add(outcome.rules)

    @property
    def errors(self) -> int:
        """Records that could not be assessed."""
        return sum(self.by_status[s] for s in _ERRORS)


@dataclass
class Piece:
    """The records of one block, in order, their tally and their input line numbers."""

    output: Any  # bytes (jsonl), list of rows (row), list of dicts (dict)
    tally: Tally
    lines: list[int] = field(default_factory=list)
