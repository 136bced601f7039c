"""The vocabulary of rule keys: which keys a rule file may set and what each value is.

A rule file is data for policy staff, so its keys are dotted names that read like the
policy ("dibao.edge_multiplier", "deduction.medical.cap.per_person"). This
module is the one place that says which names exist and what type of value each takes;
the loader checks every value against it and reports the key and line on a mismatch.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from ..errors import Invalid
from ..model import vocabulary as V
from ..money import ROUNDING_MODES

# What each value may be: one checker per kind of value (`value_types.py`). The word for
# no limit, the disability categories and `Checker` are re-exported: they belong to the
# vocabulary that others import from here.
from .value_types import DISABILITY_CATEGORIES as DISABILITY_CATEGORIES  # noqa: PLC0414
from .value_types import UNLIMITED as UNLIMITED  # noqa: PLC0414
from .value_types import Checker as Checker  # noqa: PLC0414
from .value_types import (
    boolean,
    classified_group,
    count,
    disability_grades,
    list_of,
    money,
    months,
    one_of,
    or_unlimited,
    ratio,
    rounding_unit,
    share_of_income,
    single_person_bands,
    tiers,
)

# The words rule values may use, from the vocabularies (`model.vocabulary`).
MEMBER_STATUSES = V.codes(V.MemberStatus)  # resident first: the others may be excluded
ASSET_TYPES = V.codes(V.AssetType)
VEHICLE_KINDS = V.codes(V.VehicleKind)
INCOME_CATEGORIES = V.codes(V.IncomeCategory)
EXPENSE_KINDS = V.codes(V.ExpenseKind)
# Conditions a deduction may require of the member who bears the expense.
MEMBER_CONDITIONS = V.codes(V.MemberCondition)
ROUNDING_STAGES = V.codes(V.RoundingStage)

# A parent's condition for the de-facto unsupported child test (事实无人抚养儿童, S8 §1 and
# 民发〔2020〕125号): the absent ones (all but "present") are what rule lists name.
PARENT_CONDITIONS = tuple(c for c in V.codes(V.ParentCondition) if c != "present")
_PARENT_LISTS = ("min_months_for", "both_parents", "one_parent", "other_parent")
# The four groups the national text names (S1 Art. 12): rule files that set them used
# to write classified.GROUP.* keys; they are now groups like any other.
CLASSIFIED_GROUPS = V.codes(V.ClassifiedGroup)
CARE_BANDS = V.codes(V.CareBand)
# 特困 standards may differ by area and by support mode (集中 / 分散供养): a key may add
# an area, a mode, or both (tekun.basic.rural.institutional); the most specific wins.
SUPPORT_MODES = V.codes(V.SupportMode)
PLACES: tuple[tuple[str | None, str | None], ...] = (
    *((area, mode) for area in V.codes(V.Area) for mode in SUPPORT_MODES),
    *((None, mode) for mode in SUPPORT_MODES),
    *((area, None) for area in V.codes(V.Area)),
)


def place_key(base: str, area: str | None, mode: str | None) -> str:
    """The key of a 特困 standard for an area and a mode (either may be None)."""
    return ".".join(part for part in (base, area, mode) if part)


_TEKUN_BASES = ("tekun.basic", *(f"tekun.care.{band}" for band in CARE_BANDS))

STATIC_KEYS: dict[str, Checker] = {
    "household.excluded_statuses": list_of(*MEMBER_STATUSES[1:]),
    "income.reference_months": months,
    "dibao.standard.urban": money,
    "dibao.standard.rural": money,
    "dibao.edge_multiplier": ratio,
    "dibao.floor.urban": money,
    "dibao.floor.rural": money,
    "minimum_wage": money,
    "minimum_wage.previous_year": money,
    "benefit.minimum.per_person": money,
    "benefit.minimum.per_household": money,
    "single_person.enabled": boolean,
    "single_person.requires_edge": boolean,
    "single_person.disability_grades": disability_grades,
    "single_person.serious_illness": boolean,
    "single_person.bands": single_person_bands,
    "assets.financial.types": list_of(*ASSET_TYPES),
    "assets.financial.limit_months": or_unlimited(ratio),
    "assets.vehicle.allowed_kinds": list_of(*VEHICLE_KINDS),
    "assets.vehicle.livelihood_exempt": boolean,
    "assets.housing.max_count": or_unlimited(count),
    "assets.business.allowed": boolean,
    "assets.business.livelihood_exempt": boolean,
    "rounding.benefit.unit": rounding_unit,
    "rounding.benefit.mode": one_of(*ROUNDING_MODES),
    "rounding.stage": one_of(*ROUNDING_STAGES),
    "benefit.method": one_of(*V.codes(V.BenefitMethod)),
    "benefit.tiers": tiers,
    # 特困 (特困人员认定办法)
    "tekun.work_capacity.age_elderly": count,
    "tekun.work_capacity.age_minor_below": count,
    "tekun.work_capacity.disability_grades": disability_grades,
    "tekun.work_capacity.students_continue": boolean,
    "tekun.work_capacity.students_age_below": count,
    "tekun.supporter.unable_age": count,
    "tekun.supporter.unable_disability_grades": disability_grades,
    "tekun.supporter.unable_dibao_age": count,
    "single_person.unemployed_severely_disabled": boolean,
    "tekun.self_care.partial_max_failed": count,
    "tekun.in_dibao_household": one_of(*V.codes(V.TekunPlacement)),
    **{
        place_key(base, area, mode): money
        for base in _TEKUN_BASES
        for area, mode in ((None, None), *PLACES)
    },
    # 分类施保 (the groups are classified.groups.NAME)
    "classified.combine": one_of(*V.codes(V.ClassifiedCombine)),
    # 渐退
    "phase_out.months": months,
    "phase_out.ceiling": ratio,
    # 刚性支出困难家庭
    "rigid.enabled": boolean,
    "rigid.validity_months": months,
    "rigid.disposable_income.urban": money,
    "rigid.disposable_income.rural": money,
    "rigid.expenditure_ratio": share_of_income,
    # 事实无人抚养儿童
    "unsupported_child.age_below": count,
    "unsupported_child.severe_disability": disability_grades,
    "unsupported_child.min_months": count,
    "unsupported_child.min_months_for": list_of(*PARENT_CONDITIONS),
    "unsupported_child.both_parents": list_of(*PARENT_CONDITIONS),
    "unsupported_child.one_parent": list_of(*PARENT_CONDITIONS),
    "unsupported_child.other_parent": list_of(*PARENT_CONDITIONS),
}

# Keys whose values are lists of income or expense types declared in the rule files.
_INCOME_TYPE_LISTS = frozenset({"tekun.income.excluded_types", "tekun.income.excluded_assistance"})
_EXPENSE_TYPE_LISTS = frozenset({"rigid.expense_types"})

# Keys whose values are amounts with a unit (`amounts`): the bases each may be a share
# of; an empty tuple allows yuan/month and yuan/year only.
_CARE_BASES = ("tekun_basic", "minimum_wage", "minimum_wage_previous_year")
AMOUNT_KEYS: dict[str, tuple[str, ...]] = {
    "dibao.standard.urban": (),
    "dibao.standard.rural": (),
    "dibao.floor.urban": (),
    "dibao.floor.rural": (),
    "rigid.disposable_income.urban": (),
    "rigid.disposable_income.rural": (),
    "minimum_wage": (),
    "minimum_wage.previous_year": (),
    "benefit.minimum.per_person": ("standard",),
    "benefit.minimum.per_household": ("standard",),
    **{
        place_key("tekun.basic", area, mode): ("standard",)
        for area, mode in ((None, None), *PLACES)
    },
    **{
        place_key(f"tekun.care.{band}", area, mode): _CARE_BASES
        for band in CARE_BANDS
        for area, mode in ((None, None), *PLACES)
    },
}
_DEDUCTION_AMOUNTS = {
    "cap.per_item": (),
    "cap.per_person": (),
    "cap.per_household": (),
    "threshold": ("household_income",),
}

# Thresholds, and how a household's figure is compared with them. An upper limit is
# met "below" it (低于, strict) or "not_above" it (不高于); a lower limit "above" it
# (高于) or "not_below" it (不低于). The default is the national wording.
COMPARISONS = {"upper": ("below", "not_above"), "lower": ("above", "not_below")}
THRESHOLDS: dict[str, tuple[str, str]] = {  # key -> (kind of limit, default comparison)
    "dibao.standard.urban": ("upper", "below"),  # S1 Art. 9: 低于当地最低生活保障标准
    "dibao.standard.rural": ("upper", "below"),
    "dibao.edge_multiplier": ("upper", "below"),  # S2 Art. 8: 低于 1.5 倍
    "rigid.disposable_income.urban": ("upper", "below"),  # S4 Art. 4(2): 低于
    "rigid.disposable_income.rural": ("upper", "below"),
    "rigid.expenditure_ratio": ("lower", "above"),  # S4 Art. 4(4): 超过
    "assets.financial.limit_months": ("upper", "not_above"),  # within the limit
    "assets.housing.max_count": ("upper", "not_above"),
    "phase_out.ceiling": ("upper", "below"),
}

# Keys renamed when every amount got its unit, and 分类施保 groups that became one value
# each (issue 12): key -> (code, params) of the problem that says what to write instead.
_GROUP = "{members: {...}, pay: gap | full_standard, top_up: {amount: ..., unit: ...}}"
RENAMED: dict[str, tuple[str, dict[str, Any]]] = {
    "tekun.basic.monthly": ("key_renamed", {"key": "tekun.basic", "unit": "yuan/month"}),
    "tekun.basic.multiple_of_dibao": (
        "key_renamed",
        {"key": "tekun.basic", "unit": "share of standard"},
    ),
    **{
        f"tekun.care.{band}.monthly": (
            "key_renamed",
            {"key": f"tekun.care.{band}", "unit": "yuan/month"},
        )
        for band in CARE_BANDS
    },
    **{
        f"tekun.care.{band}.share_of_basic": (
            "key_renamed",
            {"key": f"tekun.care.{band}", "unit": "share of tekun_basic"},
        )
        for band in CARE_BANDS
    },
    **{
        f"classified.{group}.{old}": (
            "key_now_group",
            {"key": f"classified.groups.{group}", "group": _GROUP},
        )
        for group in CLASSIFIED_GROUPS
        for old in ("amount", "monthly", "share_of_standard")
    },
    "classified.elderly.age_from": (
        "key_now_group_members",
        {"key": "classified.groups.elderly", "members": "{age_from: 60}"},
    ),
    "classified.minor.age_below": (
        "key_now_group_members",
        {"key": "classified.groups.minor", "members": "{age_below: 18}"},
    ),
    "classified.severe_disability.grades": (
        "key_now_group_members",
        {"key": "classified.groups.severe_disability", "members": "{disability: {any: [1, 2]}}"},
    ),
}
_RENAMED_CAPS = {
    "cap.per_item_monthly": "cap.per_item",
    "cap.per_person_monthly": "cap.per_person",
    "cap.per_household_monthly": "cap.per_household",
}


def amount_bases(key: str) -> tuple[str, ...] | None:
    """The share bases an amount key allows (empty: yuan only), or None for other keys."""
    if key in AMOUNT_KEYS:
        return AMOUNT_KEYS[key]
    if key in ONE_OFF_KEYS:
        return ONE_OFF_KEYS[key]
    match = _DEDUCTION_KEY.match(key)
    if match and match["field"] in _DEDUCTION_AMOUNTS:
        return _DEDUCTION_AMOUNTS[match["field"]]
    return None


def is_one_off(key: str) -> bool:
    """Whether a key is a one-off amount (written in ``yuan``, not a rate)."""
    return key in ONE_OFF_KEYS


_INCOME_KEY = re.compile(r"^income\.counted\.(?P<type>[a-z][a-z0-9_]*)$")
GROUP_PREFIX = "classified.groups."
_GROUP_KEY = re.compile(r"^classified\.groups\.(?P<name>[a-z][a-z0-9_]{0,39})$")
_DEDUCTION_KEY = re.compile(r"^deduction\.(?P<type>[a-z][a-z0-9_]*)\.(?P<field>.+)$")
DEDUCTION_FIELDS: dict[str, Checker] = {
    "deductible": boolean,
    "requires": list_of(*MEMBER_CONDITIONS),
    "cap.per_item": or_unlimited(money),
    "cap.per_person": or_unlimited(money),
    "cap.per_household": or_unlimited(money),
    "cap.share_of_income": or_unlimited(share_of_income),
    # Only the part of the household's claims of the type above it is deducted.
    "threshold": money,
    # Only for a member whose disability certificate is of one of these grades (衡阳's
    # model, policy notes §13.2: "一、二级，或智力、精神三级").
    "disability_grades": disability_grades,
}


def checker_for(
    key: str, income_types: set[str] | dict[str, Any], expense_types: set[str] | dict[str, Any]
) -> Checker | Invalid:
    """Return the value checker for ``key``, or why the key is unknown."""
    if key in RENAMED:
        code, params = RENAMED[key]
        return Invalid(code, **params)
    if key in STATIC_KEYS:
        return STATIC_KEYS[key]
    if key in _INCOME_TYPE_LISTS:
        return list_of(*income_types)
    if key in _EXPENSE_TYPE_LISTS:
        return list_of(*expense_types)
    if key.startswith(GROUP_PREFIX):
        return classified_group if _GROUP_KEY.match(key) else Invalid("group_name")
    if match := _INCOME_KEY.match(key):
        if match["type"] in income_types:
            return boolean
        return Invalid("income_type_undeclared", type=match["type"])
    if match := _DEDUCTION_KEY.match(key):
        if match["type"] not in expense_types:
            return Invalid("expense_type_undeclared", type=match["type"])
        if match["field"] in DEDUCTION_FIELDS:
            return DEDUCTION_FIELDS[match["field"]]
        if match["field"] in _RENAMED_CAPS:
            return Invalid(
                "key_renamed",
                key=f"deduction.{match['type']}.{_RENAMED_CAPS[match['field']]}",
                unit="yuan/month or yuan/year",
            )
        return Invalid("deduction_field", type=match["type"], fields=list(DEDUCTION_FIELDS))
    return _unknown(key, [*income_types], [*expense_types])


def _unknown(key: str, income_types: list[str], expense_types: list[str]) -> Invalid:
    """Why a key is not known, as helpfully as its shape allows: the key it most likely
    means when one is close (a typo: ``phase_out.month``)."""
    for base in _TEKUN_BASES:
        if key.startswith(f"{base}."):
            return Invalid(
                "key_not_a_place",
                part=key.removeprefix(base + "."),
                base=base,
                modes=list(SUPPORT_MODES),
            )
    known = [
        *STATIC_KEYS,
        *_INCOME_TYPE_LISTS,
        *_EXPENSE_TYPE_LISTS,
        *(f"income.counted.{name}" for name in income_types),
        *(f"deduction.{name}.{field}" for name in expense_types for field in DEDUCTION_FIELDS),
    ]
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.85)
    if close:
        return Invalid("key_unknown_close", suggestion=close[0])
    return Invalid("key_unknown")


# Temporary assistance (临时救助) declares its keys in a module of its own; it is merged
# into the tables above once they exist.
from .temporary_keys import CAUSES as CAUSES  # noqa: E402, PLC0414 - re-exported
from .temporary_keys import HARDSHIP_EXPENSES as HARDSHIP_EXPENSES  # noqa: E402, PLC0414 - re-exported
from .temporary_keys import HARDSHIP_TYPES as HARDSHIP_TYPES  # noqa: E402, PLC0414 - re-exported
from .temporary_keys import ONE_OFF_KEYS as ONE_OFF_KEYS  # noqa: E402, PLC0414 - re-exported
from .temporary_keys import RATE_KEYS, TEMPORARY_KEYS, TEMPORARY_THRESHOLDS  # noqa: E402

STATIC_KEYS.update(TEMPORARY_KEYS)
AMOUNT_KEYS.update(RATE_KEYS)
THRESHOLDS.update(TEMPORARY_THRESHOLDS)

# Keys whose values are codes of a vocabulary (`model.vocabulary.VOCABULARIES`), by the
# vocabulary's name: a person reads them as the vocabulary's labels (the printed form
# shows 存款、有价证券, not [deposit, securities]). Rounding modes are money's own codes
# ("rounding_mode"; their labels are the renderer's).
CODE_VOCABULARIES: dict[str, str] = {
    "household.excluded_statuses": "member_status",
    "assets.financial.types": "asset_type",
    "assets.vehicle.allowed_kinds": "vehicle_kind",
    "rounding.benefit.mode": "rounding_mode",
    "rounding.stage": "rounding_stage",
    **{f"unsupported_child.{k}": "parent_condition" for k in _PARENT_LISTS},
    "temporary.expenditure.expense_types": "hardship_expense",
    "temporary.paid_first.types": "hardship_type",
    "benefit.method": "benefit_method",
    "tekun.in_dibao_household": "tekun_placement",
    "classified.combine": "classified_combine",
    "temporary.amount.per": "amount_per",
    # Lists of the income and expense types a rule set declares: their labels are the
    # rule files' (`RuleSet.income_types`, `expense_types`), given by whoever shows them.
    **dict.fromkeys(_INCOME_TYPE_LISTS, "income_type"),
    **dict.fromkeys(_EXPENSE_TYPE_LISTS, "expense_type"),
}

# The vocabularies whose labels a rule set declares, not `model.vocabulary`.
DECLARED_VOCABULARIES = ("income_type", "expense_type")


def code_vocabulary(key: str) -> str | None:
    """The vocabulary a key's codes come from (`CODE_VOCABULARIES`, and every
    ``deduction.<type>.requires``: member conditions), or None."""
    found = CODE_VOCABULARIES.get(key)
    if found is None and (match := _DEDUCTION_KEY.match(key)) and match["field"] == "requires":
        return "member_condition"
    return found
