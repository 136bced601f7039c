"""The written refusal (不予批准最低生活保障告知书), as plain text to print or paste.

S2 Art. 21 requires a household that is refused to be told so in writing, with the
reasons. `meanstest check HOUSEHOLD --format refusal` writes that notice from the
result: the decision, the reasons of the status, the figures behind them, the rules
and the documents they come from (with the provisional values the caseworker must
confirm first), the applicant's right to ask for review, and blanks for the seal and
the date. Plain UTF-8 text, so any editor or word processor prints it as it is.

A household on dibao (dibao, dibao_single, phase_out) or supported as 特困 is not
refused: `not_a_refusal` says so, and the command writes nothing.
"""

from __future__ import annotations

import textwrap
from functools import partial

from .. import __version__
from ..model.result import Assessment
from ..money import fmt
from .basis import source_text, sources_used
from .figures import against, lines
from .labels import Lang, label, message
from .labels_form import text
from .privacy import mask_name, without_personal_ids

# Outcomes that are not a refusal of the application: the household (or a member
# alone) is paid dibao, or every member is supported as 特困.
NOT_REFUSED = frozenset({"dibao", "dibao_single", "phase_out", "tekun"})
# The steps whose rules decide a refusal: the standard, the income period, the status
# and the benefit; an asset test only when it failed.
_DECIDING = frozenset({"standard", "per_capita_income", "status", "benefit", "membership"})
_WIDTH = 78


def not_a_refusal(a: Assessment, lang: Lang) -> str | None:
    """Why no refusal is written for this result, or None when it is a refusal case."""
    if a.status not in NOT_REFUSED:
        return None
    return text(
        "refusal.not_a_case",
        lang,
        household=a.household_id or "—",
        status=label(f"status.{a.status}", lang),
    )


def caseworker_note(a: Assessment, lang: Lang) -> str | None:
    """What the caseworker must confirm before sending the notice (not in the notice: it
    is written to the applicant): the provisional or unofficial rule values used."""
    keys = list(dict.fromkeys(w.key for w in a.warnings if w.key))
    if not keys:
        return None
    return text("refusal.provisional", lang, count=len(keys), keys=", ".join(keys))


def render_refusal(a: Assessment, lang: Lang, *, show_personal_data: bool = False) -> str:
    """Return the notice of refusal as plain text (ending with a line break)."""
    T = partial(text, lang=lang)
    if not show_personal_data:
        a = without_personal_ids(a)
    out = _opening(a, lang, show_personal_data)
    for n, reason in enumerate(a.reasons, start=1):
        out += _item(n, message(reason.code, reason.params, lang), lang)
    out += [""]
    out += _paragraph(
        T(
            "refusal.figures",
            counted=fmt(a.income.counted_monthly),
            size=a.household_size,
            per_capita=_per_capita(a),
            standard=fmt(a.standard_monthly),
        ),
        lang,
    )
    if a.status != "not_eligible":
        out += _paragraph(T("refusal.other", status=label(f"status.{a.status}", lang)), lang)
    out += ["", T("refusal.basis")]
    for n, (source, keys) in enumerate(_deciding_sources(a, lang), start=1):
        out += _item(
            n,
            f"{source}（{', '.join(keys)}）" if lang == "zh" else f"{source} ({', '.join(keys)})",
            lang,
        )
    out += [""]
    for key in ("refusal.law", "refusal.review"):
        out += [*_paragraph(T(key), lang), ""]
    out += [
        T("refusal.review_body"),
        "",
        "",
        _right(T("refusal.issuer")),
        _right(T("refusal.date")),
        "",
        "",
        T(
            "refusal.made_by",
            version=__version__,
            rules=a.rules.id,
            digest=a.rules.digest,
            date=a.rules.as_of.isoformat(),
        ),
    ]
    return "\n".join(out) + "\n"


def _opening(a: Assessment, lang: Lang, show_personal_data: bool) -> list[str]:
    """The title, to whom, the decision under which rules, and the heading of reasons."""
    T = partial(text, lang=lang)
    rules = (
        f"{a.rules.name_zh if lang == 'zh' else a.rules.name_en}（{a.rules.id}）"
        if (lang == "zh")
        else f"{a.rules.name_en} ({a.rules.id})"
    )
    applicant = next((m for m in a.members if m.relation == "applicant"), None)
    name = "" if applicant is None else (applicant.name or "")
    if not show_personal_data:
        name = mask_name(name)
    # Where the household lives, when the roll says: 城关镇城南村 / Chengguan, Chengnan.
    place = ("" if lang == "zh" else ", ").join(p for p in (a.township, a.village) if p)
    out = [
        T("refusal.title"),
        "",
        T(
            "refusal.to_place" if place else "refusal.to",
            name=name or "—",
            household=a.household_id or "—",
            place=place,
        ),
        "",
    ]
    out += _paragraph(
        T("refusal.body", rules=rules, date=a.rules.as_of.isoformat())
        + (T("refusal.reasons") if lang == "zh" else ""),
        lang,
    )
    if lang == "en":
        out += ["", T("refusal.reasons")]
    out += [""]
    return out


def _per_capita(a: Assessment) -> str:
    """Per-capita income to the fen, or exactly where the fen would put it on the
    wrong side of the standard (a refusal must not say 380.00 is not below 380.00)."""
    return against(a.income.per_capita_monthly, *lines(a))  # compares amounts, not texts


def _deciding_sources(a: Assessment, lang: Lang) -> list[tuple[str, list[str]]]:
    """The documents of the rules that decided: one line per source, its keys listed.

    Provisional values (with no source, or on a cited basis only) are not a document to
    cite to the applicant: they are for the caseworker to confirm, on stderr
    (`caseworker_note`), and never in the notice (issue 15 review)."""
    deciding = {
        s.key
        for s in a.trace
        if s.key is not None
        and (s.step in _DECIDING or (s.step == "asset_test" and s.value is False))
    }
    out = []
    for source, keys in sources_used(a):
        if source is None or source.id is None or source.provisional:
            continue
        chosen = [k for k in keys if k in deciding]
        if chosen:
            out.append((source_text(source, lang), chosen))
    return out


def _paragraph(words: str, lang: Lang) -> list[str]:
    """A paragraph: Chinese indented two full-width spaces, English wrapped."""
    if lang == "zh":
        return ["　　" + words]
    return textwrap.wrap(words, _WIDTH) or [""]


def _item(n: int, words: str, lang: Lang) -> list[str]:
    if lang == "zh":
        numeral = "一二三四五六七八九十"[n - 1] if n <= 10 else str(n)
        return [f"　　{numeral}、{words}"]
    return textwrap.wrap(
        words, _WIDTH, initial_indent=f"  {n}. ", subsequent_indent=" " * (len(str(n)) + 4)
    )


def _right(words: str) -> str:
    return " " * 40 + words
