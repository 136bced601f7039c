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
    # Why (or how) the value is used: one text for every language, or a text in each.
    note: "str | Label | None" = None

    def note_in(self, lang: str) -> str | None:
        """The note in the language (``zh``, else English); a plain note in every one."""
        note = self.note
        if isinstance(note, Label):
            return note.zh if lang == "zh" else note.en
        return note

    def as_json(self, lang: str | None = None) -> dict[str, Any]:
        """Return the reference as the result JSON writes it: its note a text in the
        language. Without a language (the rule digest), a note in both languages is
        ``{"zh": ..., "en": ...}``, so either text changes the digest."""
        out: dict[str, Any] = {"provisional": self.provisional}
        for name in ("id", "title", "number", "article", "kind"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        note = self.note
        if note is not None:
            both = isinstance(note, Label) and not lang
            text = self.note_in(lang or "en")
            out["note"] = note._asdict() if both and isinstance(note, Label) else text
        return out

    def short(self) -> str:
        """Return a one-line citation (in English)."""
        note = self.note_in("en")
        if self.id is None:
            return "provisional" + (f" ({note})" if note else "")
        text = self.title or self.id
        if self.number:
            text += f" {self.number}"
        if self.article:
            text += f" {self.article}"
        if self.provisional:
            text += " (provisional)"
        return text
