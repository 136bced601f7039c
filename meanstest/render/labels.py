"""Every label and message, in Chinese and English.

The engine speaks in codes with parameters; this module turns them into sentences
(the labels here, the sentences of reasons and warnings in `labels_messages`).
A test checks that every code has both languages, so a caseworker never meets a
half-translated screen.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal
from typing import Literal

from ..model import vocabulary
from ..money import fmt
from . import figures, labels_payroll, labels_temporary, labels_tools
from .labels_grades import grades_text
from .labels_messages import MESSAGES

Lang = Literal["zh", "en"]

__all__ = ["LABELS", "MESSAGES", "Lang", "default_lang", "label", "message"]


def _prefixed(prefix: str, labels: vocabulary.Labels) -> dict[str, tuple[str, str]]:
    """A vocabulary's labels under ``prefix.code`` (``status.dibao``)."""
    return {f"{prefix}.{code}": pair for code, pair in labels.items()}


# Parameters that are not money; every other Decimal is written as yuan to the fen.
_PLAIN = frozenset(
    {
        "multiplier",
        "months",
        "size",
        "count",
        "max",
        "reference_months",
        "age",
        "age_limit",
        "grade",
    }
)

LABELS: dict[str, tuple[str, str]] = {
    # (zh, en)
    "title": ("低保家庭经济状况核算", "Dibao means test"),
    "household": ("家庭", "Household"),
    "rules": ("规则", "Rules"),
    "as_of": ("核算日期", "Assessed on"),
    "area": ("城乡类别", "Area"),
    **vocabulary.AREA_LABELS,
    "size": ("共同生活家庭成员人数", "Household size"),
    "members": ("家庭成员", "Members"),
    "member": ("成员", "Member"),
    "name": ("姓名", "Name"),
    "relation": ("关系", "Relation"),
    "age": ("年龄", "Age"),
    "counted": ("计入", "Counted"),
    "notes": ("说明", "Notes"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "incomes": ("收入", "Income"),
    "type": ("类型", "Type"),
    "category": ("类别", "Category"),
    "amount": ("金额", "Amount"),
    "monthly": ("月均", "Monthly"),
    # An amount's unit, after the figure: 900.00 元/月, 900.00 yuan/month (never a bare
    # "/month": the unit is said as everywhere else, issue 15 review).
    "per_month": ("元/月", "yuan/month"),
    "per_year": ("元/年", "yuan/year"),
    "deductions": (
        "支出扣减（非生活性固定支出、转移性支出）",
        "Deductions (fixed non-living and transfer expenses)",
    ),
    "claimed": ("申报（月）", "Claimed"),
    "accepted": ("扣减（月）", "Deducted"),
    "result": ("结果", "Result"),
    "reason": ("理由", "Reason"),
    "summary": ("收入核算", "Income accounting"),
    "gross_monthly": ("家庭月收入", "Gross monthly income"),
    "exempt_monthly": ("不计入收入", "Not counted"),
    "deductions_monthly": ("扣减", "Deductions"),
    "counted_monthly": ("计入家庭月收入", "Counted monthly income"),
    "per_capita_monthly": ("家庭人均月收入", "Per-capita monthly income"),
    "standard_monthly": ("低保标准（每人每月）", "Dibao standard per person per month"),
    "edge_monthly": ("低保边缘标准（每人每月）", "Edge threshold per person per month"),
    "reference_months": ("收入计算期", "Income reference period"),
    "months": ("个月", "months"),
    "assets": ("财产状况", "Assets"),
    "test": ("项目", "Test"),
    "passed": ("符合", "pass"),
    "failed": ("不符合", "fail"),
    "status": ("认定结果", "Status"),
    "benefit": ("月救助金", "Monthly benefit"),
    "formula": ("计算", "Formula"),
    "rounding": ("取整", "Rounding"),
    "reasons": ("理由", "Reasons"),
    "thresholds": ("距离标准", "Distance to thresholds"),
    "warnings": ("提示", "Warnings"),
    "checks": ("需核实", "To check"),
    "trace": ("核算步骤", "Computation trace"),
    "step": ("步骤", "Step"),
    "key": ("规则键", "Rule key"),
    "value": ("值", "Value"),
    "since": ("起始日期", "Since"),
    "not_in_force": ("（未生效）", "(not in force)"),
    "no_differences": ("没有不同的规则值", "no values differ"),
    "source": ("依据", "Source"),
    "provisional": ("暂定值，无出处", "provisional, no source"),
    "provisional_sourced": ("暂定值，地方取值未确认", "provisional, the local value not confirmed"),
    "household_level": ("家庭", "household"),
    "level": ("层级", "Level"),
    "level.national": ("全国", "national"),
    "level.province": ("省", "province"),
    "level.city": ("市", "city"),
    "level.county": ("县", "county"),
    "level.proposal": ("方案", "proposal"),
    "level_adj.national": ("全国", "national"),
    "level_adj.province": ("省级", "provincial"),
    "level_adj.city": ("市级", "city"),
    "level_adj.county": ("县级", "county"),
    "level_adj.proposal": ("方案", "proposed"),
    "warning": ("提示", "warning"),
    "note": ("说明", "note"),
    "hidden_by": ("未使用，同一编号先找到", "not used: found first is"),
    "check_itself": ("规则文件的一致性检查", "the rule files' own check"),
    "found_in": ("来源目录", "From"),
    # `rules list`'s headings (English keeps its field names) and a file that does not load
    "rule_list.id": ("编号", "id"),
    "rule_list.level": ("层级", "level"),
    "rule_list.name": ("名称", "name"),
    "rule_list.extends": ("上级规则集", "extends"),
    "rule_list.file": ("文件", "file"),
    "rule_list.provisional": ("暂定值", "provisional"),
    "rule_list.from": ("来源目录", "From"),
    "rule_list.invalid": ("无效：", "invalid: "),
    "shipped": ("随附", "shipped"),
    "yuan": ("元", "yuan"),
    "display_rounding": (
        "金额显示保留到分（四舍五入）；救助金按规则取整。",
        "Amounts are shown to the fen (half up); the benefit is rounded as the rules say.",
    ),
    # comparisons
    "compare.title": ("方案比较", "Comparison"),
    "compare.caseload": ("各类家庭户数", "Caseload by status"),
    "compare.before": ("现行", "Before"),
    "compare.after": ("方案", "After"),
    "compare.change": ("变化", "Change"),
    "compare.transitions": ("认定结果变化", "Transitions"),
    "compare.cost": ("资金需求（元）", "Cost (yuan)"),
    "compare.monthly": ("每月", "Monthly"),
    "compare.annual": ("每年", "Annual"),
    "compare.difference": ("差额", "Difference"),
    "compare.gained": ("增加合计", "Total gains"),
    "compare.lost": ("减少合计", "Total losses"),
    "compare.movements": ("需要办理", "What changes"),
    "compare.households": ("户数", "Households"),
    "compare.largest": ("变化最大的家庭", "Largest changes"),
    "compare.line": ("行", "Line"),
    "compare.distribution": ("救助金变化分布", "Distribution of changes"),
    "compare.change_per_month": ("每月变化（元）", "Change per month (yuan)"),
    "compare.clipped": (
        "→：条形超出比例，已截断（按有变化的最大一档缩放）",
        "→: bar cut short (scaled to the largest bucket that changed)",
    ),
    "compare.errors": ("无法核算的记录", "Records that could not be assessed"),
    "movement.enters": ("新纳入", "enter"),
    "movement.leaves": ("退出", "leave"),
    "movement.phase_out": ("进入渐退", "go into phase-out"),
    "movement.gains": ("救助金增加", "get more"),
    "movement.loses": ("救助金减少", "get less"),
    "movement.same": ("不变", "unchanged"),
    "movement.error": ("错误", "errors"),
    # the vocabularies (`model.vocabulary`), each code under a prefix
    **_prefixed("status", vocabulary.STATUS_LABELS),
    **_prefixed("category", vocabulary.INCOME_CATEGORY_LABELS),
    **_prefixed("deduction", vocabulary.DEDUCTION_STATUS_LABELS),
    **_prefixed("relation", vocabulary.RELATION_LABELS),
    **_prefixed("disability", vocabulary.DISABILITY_CATEGORY_LABELS),
    **_prefixed("vehicle", vocabulary.VEHICLE_KIND_LABELS),
    **_prefixed("care", vocabulary.CARE_BAND_LABELS),
    **_prefixed("condition", vocabulary.MEMBER_CONDITION_LABELS),
    **_prefixed("stage", vocabulary.ROUNDING_STAGE_LABELS),
    **_prefixed("hardship", vocabulary.HARDSHIP_TYPE_LABELS),
    **_prefixed("cause", vocabulary.HARDSHIP_CAUSE_LABELS),
    **_prefixed("hexpense", vocabulary.HARDSHIP_EXPENSE_LABELS),
    # A member not counted: why (each status but resident), as a phrase.
    **{
        f"excluded.{code}": (f"{zh}，不计入", f"{en}, not counted")
        for code, (zh, en) in vocabulary.MEMBER_STATUS_LABELS.items()
        if code != "resident"
    },
    # A parent's conditions, and for each "not lasted long enough" and "since when?".
    **{
        f"parent.{code}{suffix}": (zh + zh_suffix, en + en_suffix)
        for code, (zh, en) in vocabulary.PARENT_CONDITION_LABELS.items()
        if code != "present"
        for suffix, zh_suffix, en_suffix in (
            ("", "", ""),
            ("_too_recent", "不满规定期限", " too recently"),
            ("_unknown_since", "（期限未知）", " (since when?)"),
        )
    },
    "parent.present": vocabulary.PARENT_CONDITION_LABELS["present"],
    # income line outcomes
    "income.counted": ("计入", "counted"),
    "income.exempt": ("不计入", "not counted"),
    "income.not_member": ("非家庭成员，不计", "not a household member"),
    "income.basis.minimum_wage": ("按最低工资推算", "imputed at the minimum wage"),
    # member exclusions besides the statuses'
    "excluded.resident": ("不计入", "not counted"),
    "excluded.tekun": ("特困人员，单独供养", "特困, supported separately"),
    # asset tests
    "asset.financial": ("金融资产", "financial assets"),
    "asset.vehicle": ("机动车辆", "vehicles"),
    "asset.housing": ("住房", "housing"),
    "asset.business": ("经营主体", "registered business"),
    "asset.other": ("其他财产", "other property"),
    # trace steps
    "step.membership": ("家庭成员认定", "household membership"),
    "step.income_item": ("收入项目", "income item"),
    "step.imputed_income": ("按最低工资推算收入", "income imputed at the minimum wage"),
    "step.deduction": ("支出扣减", "deduction"),
    "step.counted_income": ("计入收入", "counted income"),
    "step.standard": ("低保标准", "dibao standard"),
    "step.per_capita_income": ("人均收入", "per-capita income"),
    "step.asset_test": ("财产核查", "asset test"),
    "step.status": ("认定", "status"),
    "step.single_person": ("单人户施保", "single-person enrolment"),
    "step.benefit": ("救助金", "benefit"),
    "step.tekun": ("特困人员认定", "特困 test"),
    "step.top_up": ("分类施保", "extra support"),
    "step.phase_out": ("渐退", "phase-out"),
    "step.rigid_expenditure": ("刚性支出困难家庭", "rigid expenditure"),
    "step.unsupported_child": ("事实无人抚养儿童", "de-facto unsupported child"),
    "step.minimum_benefit": ("最低救助金额", "minimum benefit"),
    "step.tekun_support": ("特困供养标准", "特困 support standard"),
    # the ladder around dibao
    "tekun": ("特困人员", "Extremely poor (特困)"),
    "tekun.eligible": ("认定", "Result"),
    "tekun.yes": ("符合", "yes"),
    "tekun.no": ("不符合", "no"),
    "tekun.unknown": ("待核实", "to verify"),
    "condition.no_work_capacity": ("无劳动能力", "no capacity to work"),
    "condition.no_livelihood": ("无生活来源", "no livelihood"),
    "condition.no_supporter": ("无法定义务人或义务人无履行能力", "no able supporter"),
    "self_care": ("生活自理能力", "Self-care"),
    "tekun.basic": ("基本生活标准（月）", "Basic living (per month)"),
    "tekun.care": ("照料护理标准（月）", "Care (per month)"),
    "top_ups": ("分类施保", "Extra support (分类施保)"),
    "groups": ("类别", "Groups"),
    "top_up.paid": ("发放", "Paid"),
    "top_up.top_up": ("增发（月）", "Top-up (per month)"),
    "top_up.share": ("按差额", "share of the gap"),
    "top_up.full_standard": ("全额低保标准", "the full standard"),
    "tekun_support": ("特困供养金", "特困 support"),
    "support_monthly": ("月救助供养金合计", "Total support a month"),
    "support_mode": ("供养方式", "Support"),
    **_prefixed("support_mode", vocabulary.SUPPORT_MODE_LABELS),
    "phase_out": ("渐退", "Phase-out"),
    "rigid": ("刚性支出困难家庭", "Rigid-expenditure household"),
    "children": ("事实无人抚养儿童", "De-facto unsupported children"),
    "alternatives": ("两种计算方式比较", "Both methods compared"),
    "formula.tiered": ("分档：每人档次金额 × 人数", "tiered: the tier's amount per person × size"),
    "formula.phase_out": ("渐退期内按原救助金发放", "the current benefit, kept during phase-out"),
    "formula.top_ups": ("加分类施保", "plus extra support"),
    "formula.full_standard": ("加全额保障成员的补足", "plus the full standard for members paid it"),
    "single_person": ("可单人户施保", "may be enrolled alone"),
    # benefit formula and rounding
    "formula.household_gap": (
        "低保标准 × 人数 − 家庭计入月收入",
        "standard × size − counted monthly income",
    ),
    "formula.single_person_sum": (
        "Σ（低保标准 − 本人计入月收入）",
        "Σ (standard − the member's own counted monthly income)",
    ),
    "formula.none": ("不予救助", "no benefit"),
    "mode.half_up": ("四舍五入", "half up"),
    "mode.half_even": ("四舍六入五成双", "half even"),
    "mode.up": ("进位（远离零）", "up (away from zero)"),
    "mode.down": ("舍去（趋向零）", "down (toward zero)"),
    "mode.ceiling": ("向上取整", "ceiling"),
    "mode.floor": ("向下取整", "floor"),
    "unit.0.01": ("到分", "to the fen"),
    "unit.0.1": ("到角", "to the jiao"),
    "unit.1": ("到元", "to the yuan"),
    "disability": ("残疾", "disability"),
    "grade": ("级", "grade"),
    "serious_illness": ("重病", "serious illness"),
}


def label(key: str, lang: Lang) -> str:
    """Return a label in the language, or the key itself if none exists."""
    pair = LABELS.get(key)
    return key if pair is None else pair[lang == "en"]


# Parameters that are shares of a whole, written as percentages.
_PERCENT = frozenset({"share", "threshold"})


def _value(name: str, value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal) and name in _PERCENT:
        return figures.percent(value)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if name in _PLAIN else fmt(value)
    return str(value)


# Parameters whose values are codes (or comma-separated codes) with labels of their own.
_CODED = {
    "category": "disability.",
    "parents": "parent.",
    "tests": "asset.",
    "relation": "relation.",
    "condition": "condition.",
    "kinds": "vehicle.",
    "level": "level_adj.",
}

# Parameters that are rule values as the rule file writes them ("4560 yuan/year"): their
# units are said in the language (`labels_tools.in_units`).
_WRITTEN = {"value": "", "limit": ""}

# Temporary assistance keeps its vocabulary in a module of its own.
LABELS.update(labels_temporary.LABELS)
MESSAGES.update(labels_temporary.MESSAGES)
_CODED.update(labels_temporary.CODED)
# So do the rule tests and the words of complete Chinese output (issue 15).
LABELS.update(labels_tools.LABELS)
MESSAGES.update(labels_tools.MESSAGES)
# So do the payment roll, the publication list and the change of a renewal.
LABELS.update(labels_payroll.LABELS)
MESSAGES.update(labels_payroll.MESSAGES)


def _translated(name: str, text: str, lang: Lang) -> str:
    prefix = _CODED[name]
    return ("、" if lang == "zh" else ", ").join(
        label(prefix + part, lang) if prefix + part in LABELS else part for part in text.split(", ")
    )


def message(code: str, params: Mapping[str, object], lang: Lang) -> str:
    """Return the sentence for a reason or warning code.

    A case roll says the same few sentences over and over ("deducted in full", "aged
    47, able to work"), so sentences are kept by their code, language and parameters.
    Each parameter's type is part of the key: ``True == 1 == Decimal(1)`` in Python,
    but they are written "true", "1" and "1.00".
    """
    try:
        key = (code, lang, *[(name, type(value), value) for name, value in params.items()])
        cached = _SENTENCES.get(key)
    except TypeError:  # an unhashable parameter (a list): say it without the cache
        return _sentence(code, params, lang)
    if cached is None:
        if len(_SENTENCES) >= _SENTENCES_MAX:
            _SENTENCES.clear()
        cached = _SENTENCES[key] = _sentence(code, params, lang)
    return cached


# The common sentences come back within a few households; past this many the store
# is emptied, not grown, so memory stays flat over a long roll.
_SENTENCES_MAX = 4_096
_SENTENCES: dict[tuple[object, ...], str] = {}


def _sentence(code: str, params: Mapping[str, object], lang: Lang) -> str:
    pair = MESSAGES.get(code)
    if pair is None:
        return code
    values = {name: _value(name, value) for name, value in params.items()}
    values.update(figures.truthful(code, params))
    for name in _CODED.keys() & values.keys():
        values[name] = _translated(name, values[name], lang)
    for name in _WRITTEN.keys() & values.keys():  # a rule value as written: its unit too
        values[name] = labels_tools.in_units(values[name], lang)
    if "grades" in values:  # disability grades, as ``category:grade`` words
        values["grades"] = grades_text(values["grades"], lang)
    if lang == "en":
        return labels_tools.singular(pair[1].format_map(_Defaults(values)).strip())
    return pair[0].format_map(_Defaults(values)).strip()


class _Defaults(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """Chinese when the locale is Chinese, otherwise English."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
