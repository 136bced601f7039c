"""The descriptions of every field of the JSON Schemas, in Chinese and English, in one place.

`meanstest schema household|assessment` prints the schema pydantic derives from the
models (`model.household`) and the record types (`model.contract`); `describe` then
writes each property's ``description`` ("中文 / English", what an editor shows on
hover) and ``x-description`` (``{"zh": …, "en": …}``, for tools that pick one
language) from the tables below. A field is looked up as ``Definition.field`` first,
then by its name alone (a name means the same wherever it appears, unless listed
with its definition). A test fails for a field without a description.
"""

from __future__ import annotations

from typing import Any

from .descriptions_schemes import SCHEME_FIELDS, Text

# Field name -> description, wherever the name appears.
FIELDS: dict[str, Text] = {
    # the household input
    "id": ("编号", "identifier"),
    "region": (
        "行政区划代码（6 位，GB/T 2260），决定适用的规则",
        "6-digit administrative division code (GB/T 2260): which rule set applies",
    ),
    "area": (
        "城乡类别：urban 城市、rural 农村，决定适用的低保标准",
        "urban or rural: which dibao standard applies",
    ),
    "assessed_on": (
        "核算日期：按该日有效的规则核算；--on 优先，缺省为当天",
        "assessment date: the rules in force that day apply; --on overrides; default today",
    ),
    "members": ("共同生活的家庭成员", "the co-resident family members"),
    "incomes": ("收入项目（收入计算期内）", "income items of the reference period"),
    "expenses": (
        "申报扣减的支出（非生活性固定支出、转移性支出）",
        "expenses claimed for deduction (fixed non-living and transfer expenses)",
    ),
    "assets": ("家庭财产", "property items"),
    "current": (
        "现享受的救助（复核用，可适用渐退）",
        "the current assistance, for renewals (enables phase-out)",
    ),
    "name": ("姓名", "name"),
    "relation": ("与申请人的关系", "relation to the applicant"),
    "birth_date": ("出生日期（与 age 二选一）", "birth date (give this or age)"),
    "age": ("年龄（核算日的周岁）", "age in whole years on the assessment date"),
    "id_number": (
        "居民身份证号（18 位，核对校验码；小写 x 按 X 读取）",
        "18-digit resident ID number, check digit validated (a lower-case x is read as X)",
    ),
    "disability": ("残疾人证：类别和等级", "disability certificate: category and grade"),
    "serious_illness": ("是否患重特大疾病", "recognised serious or catastrophic illness"),
    "education": ("全日制在读的学历层次", "full-time education"),
    "employment": ("就业状况", "employment"),
    "self_care_failed": (
        "不能自理的日常活动（特困人员生活自理能力评估）",
        "self-care activities the person cannot do (特困 self-care bands)",
    ),
    "supporters": (
        "户外的法定赡养、抚养、扶养义务人；空列表表示没有",
        "statutory supporters outside the household; an empty list means none",
    ),
    "parents": (
        "父母的情况（事实无人抚养儿童认定）",
        "the child's parents (the de-facto unsupported child test)",
    ),
    "category": ("类别", "category"),
    "grade": ("残疾等级，1 级最重", "disability grade, 1 the most severe"),
    "able_to_support": ("是否有履行义务的能力", "whether able to support"),
    "member": ("所属成员的编号；空表示整个家庭", "the member's id; none for the household"),
    "condition": ("不在户内的父母的情况", "the condition of a parent not in the household"),
    "since": ("起始日期", "since when"),
    "type": ("类型", "type"),
    "amount": ("金额（元）", "amount in yuan"),
    "per": (
        "期间：month 每月，year 每年（12 个月的收入计算期）",
        "period: month, or year (the 12-month reference period)",
    ),
    "value": ("价值（元）", "value in yuan"),
    "count": ("数量（住房为套数）", "how many (houses)"),
    "kind": ("种类", "kind"),
    "for_livelihood": ("是否用于维持生计", "used to make a living"),
    "monthly_benefit": ("月救助金（元）", "monthly benefit in yuan"),
    # the assessment result
    "schema": ("记录格式及版本", "the record's format and version"),
    "household_id": ("户编号（输入的 id）", "the household id of the input"),
    "rules": (
        "所用规则集、核算日期和规则内容摘要，可据以复核",
        "the rule set used, the date and a digest of its values, to reproduce the decision",
    ),
    "meanstest_version": (
        "生成本记录的 meanstest 版本",
        "the version of meanstest that made the record",
    ),
    "as_of": ("核算日期（所用规则的生效日期）", "the assessment date (the rules in force)"),
    "digest": ("规则内容的 SHA-256 摘要", "SHA-256 digest of the resolved rule values"),
    "household_size": ("计入的家庭成员人数", "members counted"),
    "standard_monthly": ("低保标准（每人每月，元）", "dibao standard per person per month, yuan"),
    "income": ("家庭收入核算（每月）", "the household's income, per month"),
    "reference_months": ("收入计算期（月数）", "income reference period in months"),
    "gross_monthly": ("家庭月收入合计", "gross monthly income"),
    "exempt_monthly": ("不计入的月收入", "monthly income not counted"),
    "deductions_monthly": ("扣减的月支出", "monthly expenses deducted"),
    "counted_monthly": ("计入的家庭月收入", "counted monthly income"),
    "per_capita_monthly": ("家庭人均月收入", "per-capita monthly income"),
    "floored_at_zero": ("扣减后收入是否按 0 计", "whether counted income was floored at zero"),
    "by_category": ("按收入类别（Art. 13 五类）的月收入", "monthly income by category"),
    "items": ("收入项目及是否计入", "income items and whether each counts"),
    "deductions": ("支出项目及扣减结果", "claimed expenses and what was deducted"),
    "index": ("在输入中的序号（从 0 起）", "position in the input, from 0"),
    "label": ("类型名称（所选语言）", "the type's name in the chosen language"),
    "monthly": ("月均金额（元）", "monthly amount in yuan"),
    "counted": ("是否计入", "whether it counts"),
    "reason": ("理由", "why"),
    "key": ("所用规则键", "the rule key used"),
    "claimed_monthly": ("申报金额（每月）", "claimed per month"),
    "accepted_monthly": ("扣减金额（每月）", "deducted per month"),
    "reasons": ("理由（代码和说明）", "reasons (code and sentence)"),
    "assets_ok": ("财产状况是否符合规定", "whether the property tests passed"),
    "assets_failed": ("不符合的财产项目", "the property tests that failed"),
    "asset_tests": ("各项财产核查", "each property test"),
    "test": ("核查项目", "the test"),
    "passed": ("是否符合", "whether it passed"),
    "code": ("代码（不随语言变化）", "code (the same in every language)"),
    "message": ("说明（所选语言）", "sentence in the chosen language"),
    "status": ("认定结果", "status"),
    "eligible": (
        "是否享受低保：dibao、dibao_single、phase_out（渐退期内照发）为是；"
        "否时救助金为 0.00；符合条件的家庭救助金也可能取整为 0.00，另有理由说明",
        "true when status is dibao, dibao_single or phase_out (paid until it "
        "ends); benefit 0.00 when not eligible; an eligible household's benefit "
        "can round to 0.00, with a reason",
    ),
    "benefit_monthly": (
        "月低保金（元，含分类施保）",
        "monthly dibao benefit in yuan, top-ups included",
    ),
    "benefit": ("救助金的计算", "how the benefit was computed"),
    "method": ("计算方法", "method"),
    "formula": ("计算公式及数字", "the formula with the household's figures"),
    "top_ups_monthly": ("分类施保（每月）", "classified top-ups per month"),
    "alternatives": ("另一种计算方法的金额", "the amount by the other method"),
    "inputs": ("计算所用的数字", "the figures used"),
    "before_rounding": ("取整前的金额", "the amount before rounding"),
    "rounding": ("规则规定的取整", "the rounding the rules state"),
    "unit": ("取整单位", "rounding unit"),
    "mode": ("取整方式", "rounding mode"),
    "stage": ("取整环节", "where the rounding is applied"),
    "own_counted_monthly": ("本人计入的月收入", "the member's own counted monthly income"),
    "excluded_because": ("不计入家庭人数的原因", "why not counted in the household"),
    "single_person": ("可否单人户施保", "may be enrolled alone"),
    "single_person_benefit": ("单人户施保的月救助金", "the monthly benefit enrolled alone"),
    "tekun": ("特困人员认定结果；未认定时为 null", "the 特困 result; null when not assessed"),
    "top_up": ("分类施保", "classified top-up (分类施保)"),
    "unsupported_child": ("事实无人抚养儿童认定", "the de-facto unsupported child test"),
    "flagged": ("是否认定（null 为待核实）", "flagged (null: to verify)"),
    "conditions": ("各项条件", "the conditions"),
    "met": ("是否符合（null 为待核实）", "met (null: to verify)"),
    "self_care": ("生活自理能力", "self-care band"),
    "basic_monthly": ("基本生活标准（每月）", "basic living standard per month"),
    "care_monthly": ("照料护理标准（每月）", "care standard per month"),
    "total_monthly": ("合计（每月）", "total per month"),
    "notes": ("说明", "notes"),
    "groups": ("分类施保的类别", "the top-up groups"),
    "thresholds": ("与低保、低保边缘标准的距离", "distance to the dibao and edge thresholds"),
    "household_monthly": ("全户标准（每月）", "the threshold for the household per month"),
    "margin_monthly": (
        "标准减计入收入：正数表示低于标准",
        "threshold minus counted income: positive means below it",
    ),
    "phase_out": ("渐退", "phase-out (渐退)"),
    "months": ("月数", "months"),
    "start": ("开始月份（YYYY-MM）", "first month (YYYY-MM)"),
    "until": ("截止月份（YYYY-MM）", "last month (YYYY-MM)"),
    "ended": ("是否已结束", "whether it has ended"),
    "rigid_expenditure": ("刚性支出困难家庭认定", "the rigid-expenditure household test"),
    "assessed": ("是否作了认定", "whether the test was made"),
    "expenditure_annual": ("刚性支出（每年）", "rigid expenditure per year"),
    "income_annual": ("家庭收入（每年）", "household income per year"),
    "share": ("支出占收入的比例", "expenditure as a share of income"),
    "threshold": ("规定的比例", "the share the rules set"),
    "valid_until": ("有效期至", "valid until"),
    "trace": (
        "核算步骤，各注明规则键和依据",
        "the computation steps, each with its rule key and source",
    ),
    "step": ("步骤", "step"),
    "source": ("依据", "source"),
    "warnings": (
        "提示：使用的暂定值、非正式出处，以及需核实的数据",
        "warnings: provisional or unofficial rule values used, and data to check",
    ),
    "display_rounding": ("金额的显示取整", "how amounts are rounded for display"),
    "provisional": ("是否为暂定值", "whether the value is provisional"),
    "title": ("文件名称", "document title"),
    "number": ("文号", "document number"),
    "article": ("条款", "article"),
    "note": ("备注", "note"),
    # temporary assistance and the ladder (descriptions_schemes.py)
    **SCHEME_FIELDS,
    "labels": ("分类施保类别的名称（所选语言）", "the groups' names in the chosen language"),
    "line": ("所在行（案卷首行）", "line (a roll's first row of the household)"),
    "errors": ("问题", "the problems"),
    "loc": ("位置：字段路径或列名", "where: a field path or a column header"),
    "msg": ("问题说明", "what is wrong"),
}

# Where a name means something else in one definition.
SPECIFIC: dict[str, Text] = {
    "Household.id": (
        "户编号，输出记录原样带回（批量核算必填）",
        "the household id, echoed in every output record (required in batch)",
    ),
    "Member.id": ("成员编号，户内唯一", "member id, unique within the household"),
    "Member.status": (
        "成员状态：resident 共同生活；imprisoned、compulsory_rehab、missing、"
        "clergy_away 不计入家庭人数",
        "resident, or excluded from the household count: imprisoned, "
        "compulsory_rehab, missing, clergy_away",
    ),
    "Member.age": (
        "年龄（核算日的周岁；与 birth_date 二选一）",
        "age in whole years on the assessment date (give this or birth_date)",
    ),
    "Supporter.relation": ("义务人与本人的关系", "the supporter's relation to the person"),
    "Supporter.reason": ("无履行能力的原因", "why unable to support"),
    "Hardship.type": ("救助类型：emergency 急难型、expenditure 支出型", "emergency or expenditure"),
    "Hardship.expenses": (
        "困难带来的必需支出（医疗、教育等，计算期内合计）",
        "the essential expenses the hardship brings (total over the period)",
    ),
    "HardshipExpense.type": (
        "支出类型：medical、education、other",
        "expense type: medical, education, other",
    ),
    "TemporaryOut.type": (
        "救助类型：emergency 急难型、expenditure 支出型",
        "emergency or expenditure",
    ),
    "TemporaryOut.eligible": (
        "是否符合（规则未设所需取值时为 null）",
        "eligible (null when the rules in force cannot decide)",
    ),
    "TemporaryOut.reasons": ("理由", "reasons"),
    "TemporaryOut.per": ("按户（household）或按人（person）救助", "per household or per person"),
    "TemporaryOut.covered": ("已获赔付或救助（元）", "already covered (yuan)"),
    "PastPaymentOut.index": ("在 hardship.payments 中的序号", "position in hardship.payments"),
    "Parent.member": ("父母在户内时的成员编号", "the parent's member id, when in the household"),
    "Parent.since": ("该情况开始的日期（失联、服刑）", "since when (out of contact, imprisoned)"),
    "Disability.category": ("残疾类别", "disability category"),
    "Income.type": (
        "收入类型（全国词表或规则文件定义的类型）",
        "income type (the national vocabulary or one a rule file defines)",
    ),
    "Expense.type": ("支出类型", "expense type"),
    "Asset.type": ("财产类型", "asset type"),
    "Asset.kind": ("车辆种类", "vehicle kind"),
    "Asset.member": ("所属成员的编号；空表示整个家庭", "the member's id; none for the household"),
    "Asset.acquired_on": (
        "住房购买、新建或最近一次装修的日期（购建或装修时间）；规则可不予纳入近期购建的住房",
        "when the housing was bought, built or last decorated; rules may refuse housing "
        "acquired in the last months",
    ),
    "Current.status": ("现救助类别", "the current status"),
    "Current.since": ("现救助（或渐退）开始的日期", "when the current status (or phase-out) began"),
    "RulesOut.id": ("规则集编号（行政区划代码）", "rule set id (administrative division code)"),
    "RulesOut.name": ("规则集名称", "rule set name"),
    "AssessmentOut.status": (
        "认定结果：dibao、dibao_single、phase_out、tekun、edge、rigid_expenditure、not_eligible",
        "status: dibao, dibao_single, phase_out, tekun, edge, rigid_expenditure, not_eligible",
    ),
    "AssessmentOut.reasons": ("认定理由", "why: the reasons of the status"),
    "MemberOut.id": ("成员编号", "member id"),
    "MemberOut.name": (
        "姓名：默认打码（邓**），--show-personal-data 时显示",
        "name: masked (邓**) unless --show-personal-data",
    ),
    "MemberOut.id_number": (
        "身份证号：默认打码（431022********0134），--show-personal-data 时显示",
        "ID number: masked (431022********0134) unless --show-personal-data",
    ),
    "MemberOut.counted": ("是否计入家庭人数", "counted in the household"),
    "IncomeItemOut.member": ("所属成员；空为家庭共有", "the member; none for household income"),
    "IncomeItemOut.amount": ("申报金额（元）", "amount as given, yuan"),
    "IncomeItemOut.reason": (
        "counted 计入、exempt 不计入、not_member 非计入成员",
        "counted, exempt, or not_member",
    ),
    "IncomeItemOut.category": ("收入类别", "income category"),
    "IncomeItemOut.type": ("收入类型", "income type"),
    "DeductionOut.type": ("支出类型", "expense type"),
    "DeductionOut.kind": ("转移性支出或非生活性固定支出", "transfer or fixed non-living expense"),
    "DeductionOut.status": (
        "accepted 扣减、capped 部分扣减、refused 不予扣减",
        "accepted, capped or refused",
    ),
    "DeductionOut.member": ("所属成员；空为家庭", "the member; none for the household"),
    "DeductionOut.index": ("在 expenses 中的序号（从 0 起）", "position in expenses, from 0"),
    "IncomeItemOut.index": ("在 incomes 中的序号（从 0 起）", "position in incomes, from 0"),
    "ThresholdOut.name": ("dibao 低保或 edge 低保边缘", "dibao or edge"),
    "ThresholdOut.per_capita_monthly": ("标准（每人每月）", "the threshold per person per month"),
    "ConditionOut.name": ("条件", "the condition"),
    "TraceStepOut.value": ("该步骤的结果", "what the step gave"),
    "WarningOut.key": (
        "规则键；关于数据本身的提示为 null",
        "the rule key; null for a warning about the data itself",
    ),
    "AssetTestOut.test": (
        "核查项目：financial、vehicle、housing、housing_recent（近期购建或装修住房）、"
        "business、other",
        "the test: financial, vehicle, housing, housing_recent (housing acquired "
        "recently), business, other",
    ),
    "WarningOut.source": (
        "规则值的依据；关于数据本身的提示为 null",
        "the rule value's source; null for a warning about the data",
    ),
    "ChangeOut.kind": (
        "变动：more 增发、less 减发、unchanged 不变、stopped 停发、"
        "phase_out 进入渐退、started 新纳入",
        "more, less, unchanged, stopped, phase_out (enters phase-out) or "
        "started (paid now, not before)",
    ),
    "PhaseOutOut.monthly_benefit": (
        "渐退期内每月发放的救助金；渐退已结束时为 0.00",
        "what phase-out pays a month; 0.00 once it has ended",
    ),
    "PhaseOutOut.ended": (
        "渐退是否已结束（结束后不再按渐退发放）",
        "whether phase-out has ended (nothing is paid under it any more)",
    ),
    "PhaseOutOut.ended_by": (
        "结束原因：period 渐退期满、ceiling 人均收入达到渐退上限；仅在已结束时给出",
        "why it ended: period (its months ran out) or ceiling (income "
        "reached phase_out.ceiling); only when ended",
    ),
    "IncomeOut.per_capita_monthly": (
        "家庭人均月收入；特困供养户（status 为 tekun）不计算，为 null",
        "per-capita monthly income; null for a 特困 household "
        "(status tekun), which is not tested for dibao",
    ),
    "ErrorOut.line": (
        "出错记录所在行（案卷为该户首行）",
        "the line of the record (a roll's first row of the household)",
    ),
    "ErrorOut.household_id": (
        "出错记录的户编号；读不出时为 null",
        "the record's household id; null when it cannot be read",
    ),
    "LimitOut.value": ("限值", "the limit, as written"),
    "TekunOut.support_monthly": (
        "特困供养金（每月：基本生活标准加照料护理标准）",
        "特困 support a month (basic plus care)",
    ),
    "SourceOut.id": ("出处编号（规则文件 sources 中声明）", "source id (declared under sources:)"),
    "SourceOut.kind": (
        "出处类型：official 正式文件、news 新闻、secondary 二手资料",
        "kind: official, news or secondary",
    ),
    "SourceOut.note": ("说明（暂定值的理由）", "note (why provisional)"),
    # the lean record, meanstest.summary/1 (the full record's fields of the same names)
    "SummaryOut.reason_codes": (
        "完整结果中各项理由的代码，按顺序",
        "the codes of the full record's reasons, in order",
    ),
    "SummaryOut.warning_keys": (
        "完整结果中各项提示的规则键，按顺序",
        "the rule keys of the full record's warnings, in order",
    ),
    "SummaryTemporaryOut.reason_codes": (
        "完整结果中临时救助各项理由的代码，按顺序",
        "the codes of the temporary-assistance reasons of the full record, in order",
    ),
}

# Definition (the record types and models) -> description.
DEFINITIONS: dict[str, Text] = {
    "Household": ("一户家庭（meanstest.household/1）", "one household (meanstest.household/1)"),
    "Member": ("共同生活的家庭成员", "a co-resident family member"),
    "Disability": ("残疾人证", "a disability certificate"),
    "Supporter": ("户外的法定义务人", "a statutory supporter outside the household"),
    "Parent": ("父母之一", "a parent"),
    "Income": ("收入项目", "an income item"),
    "Expense": ("申报扣减的支出", "an expense claimed for deduction"),
    "Asset": ("财产项目", "a property item"),
    "Current": ("现享受的救助", "the current assistance"),
    "ChangeOut": ("复核时救助金的变动及起始月份", "how a renewal's payment changes, and from when"),
    "AssessmentOut": (
        "一户的核算结果（meanstest.assessment/1）",
        "the result of assessing one household (meanstest.assessment/1)",
    ),
    "ErrorOut": (
        "无法核算的记录（meanstest.error/1）",
        "a record that could not be assessed (meanstest.error/1)",
    ),
    "SummaryOut": (
        "一户的核算结果摘要（meanstest.summary/1，batch 的缺省输出）",
        "the lean result of one household (meanstest.summary/1, what batch writes by default)",
    ),
}


def _text(zh: str, en: str) -> dict[str, Any]:
    return {"description": f"{zh} / {en}", "x-description": {"zh": zh, "en": en}}


def field_text(definition: str, field: str) -> Text | None:
    """The (zh, en) description of a field of a definition, or None when there is none."""
    return SPECIFIC.get(f"{definition}.{field}") or FIELDS.get(field)


def describe(document: dict[str, Any]) -> dict[str, Any]:
    """Write the descriptions into a JSON Schema document (changed in place, returned)."""
    parts = [(document.get("title", ""), document)]
    parts += list(document.get("$defs", {}).items())
    for name, part in parts:
        whole = DEFINITIONS.get(name)
        if whole is not None:
            part.update(_text(*whole))
        for field, schema in part.get("properties", {}).items():
            found = field_text(name, field)
            if found is not None:
                schema.update(_text(*found))
    return document
