"""The sources of the rule values a result used, for the printed documents.

The form lists the documents its values come from; the refusal cites the documents of
the rules that decided. Both group the rule keys by source, official documents first.
"""

from __future__ import annotations

from ..model.result import Assessment
from ..model.sources import SourceRef
from .labels import Lang, message
from .labels_form import text


def source_text(source: SourceRef | None, lang: Lang) -> str:
    """A rule value's source in one line: the document, or why it is provisional."""
    colon = "：" if lang == "zh" else ": "
    if source is None or source.id is None:
        note = (source.note_in(lang) if source is not None else None) or ""
        head = text("form.provisional", lang)
        return f"{head}{colon}{note}" if note else head
    doc = " ".join(p for p in (source.title or source.id, source.number, source.article) if p)
    if source.provisional:
        return text("form.provisional_basis", lang, basis=doc)
    if source.kind in ("news", "secondary"):
        why = text("form.unofficial", lang, kind=message(f"kind.{source.kind}", {}, lang))
        return f"{doc}（{why}）" if lang == "zh" else f"{doc} ({why})"
    return doc


def sources_used(a: Assessment) -> list[tuple[SourceRef | None, list[str]]]:
    """Each source of the rule values the assessment used, with their keys, in the order
    first used: official documents first, then the rest, provisional values last."""
    by_source: dict[SourceRef | None, list[str]] = {}
    seen: set[str] = set()
    keyed = [(s.key, s.source) for s in a.trace] + [(w.key, w.source) for w in a.warnings]
    for key, source in keyed:
        if key is None or key in seen:
            continue
        seen.add(key)
        by_source.setdefault(source, []).append(key)

    def rank(item: tuple[SourceRef | None, list[str]]) -> int:
        source = item[0]
        if source is None or source.id is None:
            return 3
        return 2 if source.provisional else 0 if source.kind in (None, "official") else 1

    return sorted(by_source.items(), key=rank)
