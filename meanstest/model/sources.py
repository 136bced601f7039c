"""Bilingual labels and the sources of rule values: shared by the rule model and results.

A result cites the source of every rule value it used, so these small values belong to
the model that both sides read, not to the rule loader.
"""

# No `from __future__ import annotations` here: pydantic models and NamedTuples would
# then evaluate every annotation from its text at import, which cost `meanstest check`
# ~5 ms of start-up across these modules (issue 11, measured with benchmarks/ab.py).

from typing import Any, NamedTuple


class Label(NamedTuple):
    """A text in Chinese and English."""

    zh: str
    en: str


class SourceRef(NamedTuple):
    """Where a value comes from: a document (and article) or a provisional mark."""

    id: str | None
    title: str | None
    number: str | None = None
    article: str | None = None
    kind: str | None = None
    provisional: bool = False
    note: str | None = None

    def as_json(self) -> dict[str, Any]:
        """Return the reference as the result JSON writes it."""
        out: dict[str, Any] = {"provisional": self.provisional}
        for name in ("id", "title", "number", "article", "kind", "note"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    def short(self) -> str:
        """Return a one-line citation."""
        if self.id is None:
            return "provisional" + (f" ({self.note})" if self.note else "")
        text = self.title or self.id
        if self.number:
            text += f" {self.number}"
        if self.article:
            text += f" {self.article}"
        if self.provisional:
            text += " (provisional)"
        return text
