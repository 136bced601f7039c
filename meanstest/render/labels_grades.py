"""Disability grades as a sentence says them, in Chinese and English.

A deduction a county limits to the severely disabled (``deduction.<type>.disability_grades``)
is refused with the grades it allows, which the engine gives as ``category:grade`` words
(``any:1, any:2, intellectual:3, mental:3``: ``any`` is every category). Said here as
"一、二级，或智力、精神三级" / "grade 1–2, or grade-3 intellectual or mental": the grades
of every category first, then the categories that share the same grades, together.
"""

from __future__ import annotations

from ..model.vocabulary import DISABILITY_CATEGORY_LABELS

_ZH_NUMBERS = "〇一二三四"


def grades_text(words: str, lang: str) -> str:
    """The grades of ``category:grade`` words (comma-separated) in the language; words
    it cannot read are said as they are."""
    by_category: dict[str, list[int]] = {}
    for word in filter(None, (w.strip() for w in words.split(","))):
        category, _, grade = word.partition(":")
        if not grade.isdigit() or not 0 < int(grade) < len(_ZH_NUMBERS):
            return words
        by_category.setdefault(category, []).append(int(grade))
    parts: list[str] = []
    if "any" in by_category:
        parts.append(_grades(sorted(by_category.pop("any")), (), lang))
    together: dict[tuple[int, ...], list[str]] = {}
    for category in [*DISABILITY_CATEGORY_LABELS, *sorted(by_category)]:
        if category in by_category:
            together.setdefault(tuple(sorted(by_category.pop(category))), []).append(category)
    parts += [_grades(list(grades), tuple(cats), lang) for grades, cats in together.items()]
    return ("，或" if lang == "zh" else ", or ").join(parts)


def _grades(grades: list[int], categories: tuple[str, ...], lang: str) -> str:
    """ "一、二级" / "grade 1–2"; with categories "智力、精神三级" / "grade-3 intellectual
    or mental"."""
    labels = [DISABILITY_CATEGORY_LABELS.get(c, (c, c))[lang == "en"] for c in categories]
    if lang == "zh":
        return "、".join(labels) + "、".join(_ZH_NUMBERS[g] for g in grades) + "级"
    run = len(grades) > 1 and grades == list(range(grades[0], grades[-1] + 1))
    if run:
        numbers = f"{grades[0]}–{grades[-1]}"
    else:
        numbers = ", ".join(map(str, grades[:-1])) + (" or " if len(grades) > 1 else "")
        numbers += str(grades[-1])
    if not labels:
        return f"grade {numbers}"
    named = ", ".join(labels[:-1]) + (" or " if len(labels) > 1 else "") + labels[-1]
    return f"grade-{numbers} {named}" if len(grades) == 1 else f"grade {numbers} {named}"
