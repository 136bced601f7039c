"""Masking of personal data in anything meant to be shared or logged."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model.result import Assessment

# Warnings that quote the birth date an ID number holds (engine.identity), and the
# parameters that quote it: with the ID masked (431022********001X), the date would
# give back the eight digits the mask hides.
ID_DATE_WARNINGS = frozenset({"id_number_birth_date", "id_number_age"})
_ID_DATE_PARAMS = frozenset({"id_birth_date", "id_age"})


def mask_name(name: str | None) -> str:
    """Keep the family name (first character): 邓利兰 → 邓**. A one-character name is
    all star (王 → *): keeping its first character would show it whole."""
    if not name:
        return ""
    if len(name) == 1:
        return "*"
    return name[0] + "*" * (len(name) - 1)


def mask_id_number(number: str | None) -> str:
    """Keep the region code and last four characters: 431022********1234."""
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_number(number: str) -> str:
    """A long number quoted in a message (a cell holding an ID number or a bank account
    as a number, columns shifted): 15 digits or more as an ID number (431022…1234),
    shorter ones (a phone number) all stars."""
    return mask_id_number(number) if len(number) >= 15 else "*" * len(number)


# The parameters of a problem that may quote personal data, and how each kind is masked:
# a problem says which kind its quoted value is in the parameter ``personal`` (set where
# the value is known to be one: `model.household` when a member reference is a member's
# name or ID number, `files.roll_cells` for a long number in a date cell).
PERSONAL_PARAMS = ("id", "number")
_MASKS = {"name": mask_name, "id_number": mask_id_number, "number": mask_number}


def masked_params(params: Mapping[str, object]) -> Mapping[str, object]:
    """A problem's parameters as every message and error record shows them: the value a
    ``personal`` marker names masked (邓利兰 → 邓**), the marker itself left out."""
    kind = params.get("personal")
    if kind is None:
        return params
    mask = _MASKS.get(str(kind), mask_number)
    return {
        name: mask(value) if name in PERSONAL_PARAMS and isinstance(value, str) else value
        for name, value in params.items()
        if name != "personal"
    }


def mask_known(text: str, names: Iterable[str], id_numbers: Iterable[str]) -> str:
    """Mask each of these names and ID numbers wherever it appears in a text (a message
    about a household, quoting what it holds): 邓利兰 → 邓**, 431022…1234 → 431022********1234.

    A one-character name is left as it is: its mask would show it whole.
    """
    masks = {number: mask_id_number(number) for number in id_numbers if number}
    masks |= {name: mask_name(name) for name in names if len(name) > 1}
    for known in sorted(masks, key=len, reverse=True):  # 邓利兰 before 邓利
        if known in text:
            text = text.replace(known, masks[known])
    return text


def without_id_dates(a: Assessment) -> Assessment:
    """The assessment with the ID number's birth date and age taken out of its warnings
    (issue 15 review): what every output shows unless personal data is asked for. The
    warning still says that the ID number disagrees, and shows the declared date or age
    (`render.json.warning_message` words the shorter sentence)."""
    if not any(w.code in ID_DATE_WARNINGS for w in a.warnings):
        return a
    return a._replace(
        warnings=tuple(
            w._replace(params={k: v for k, v in w.params.items() if k not in _ID_DATE_PARAMS})
            if w.code in ID_DATE_WARNINGS
            else w
            for w in a.warnings
        )
    )


def for_sharing(a: Assessment) -> Assessment:
    """The assessment as every output shows it unless personal data is asked for: no ID
    number's birth date in its warnings, no member id that is a name or an ID number."""
    return without_personal_ids(without_id_dates(a))


def without_personal_ids(a: Assessment, *, names: bool = True) -> Assessment:
    """The assessment with every member id that is a member's name or ID number masked
    as one (邓利兰 → 邓**, 431022********0034), wherever it names the member: the members,
    the items, the trace's inputs, the reasons. A caseworker's shortcut (ids are `p1` in
    the contract) must not undo the masking of the name beside it. The household id is
    left as given: it is the key a pipeline joins results on. The assessment itself when
    no id is such (nearly always). With ``names=False`` only the ids that are ID numbers
    (the caseworker's table, which shows names but never an ID number)."""
    named = {m.name for m in a.members if m.name} if names else set()
    numbers = {m.id_number for m in a.members if m.id_number}
    masks = {
        m.id: mask_id_number(m.id) if m.id in numbers else mask_name(m.id)
        for m in a.members
        if m.id in named or m.id in numbers
    }
    if not masks:
        return a
    return a._replace(
        **{
            field: _replaced(getattr(a, field), masks)
            for field in a._fields
            if field != "household_id"
        }
    )


def _replaced(value: object, masks: Mapping[str, str]) -> Any:
    """A value with each string that is a key of ``masks`` (whole, never a part of one)
    replaced, through named tuples, tuples, lists and mappings (keys too)."""
    if isinstance(value, str):
        return masks.get(value, value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*(_replaced(item, masks) for item in value))
    if isinstance(value, tuple | list):
        return type(value)(_replaced(item, masks) for item in value)
    if isinstance(value, Mapping):
        return {_replaced(k, masks): _replaced(v, masks) for k, v in value.items()}
    return value
