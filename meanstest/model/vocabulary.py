"""The vocabularies of meanstest, each defined once, with its labels in Chinese and English.

A vocabulary is a `Literal` type, which pydantic checks in Rust and writes as an
``enum`` in the JSON Schema, and a table of labels, code -> (zh, en). Everything else
derives from the two: the household contract (`model.fields`, `model.household`,
`model.hardship`), the result and output contracts (`model.result`,
`model.contract`), the checkers of the rule keys (`ruleset.keys`), the words of a
case roll (`files.roll_columns`), the statuses a comparison counts (`compare`) and the
labels every renderer shows (`render.labels`).

To add a code (a member status, an asset type ...): add it to the Literal here and
give it its labels in both languages; then write the messages that mention it, if any
(`render/labels.py`). tests/test_vocabulary.py fails while a code has no label, and
when another module lists the codes of a vocabulary instead of deriving them.

Codes are extended, never renamed: households, rule files and results spell them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple, get_args

Labels = dict[str, tuple[str, str]]  # code -> (zh, en)


def codes(vocabulary: object) -> tuple[str, ...]:
    """The codes of a vocabulary's Literal type, in the order written."""
    return get_args(vocabulary)


# ------------------------------------------------------------ the household

Area = Literal["urban", "rural"]
AREA_LABELS: Labels = {"urban": ("城市", "urban"), "rural": ("农村", "rural")}

Relation = Literal[
    "applicant", "spouse", "child", "parent", "grandparent", "grandchild", "sibling", "other"
]
RELATION_LABELS: Labels = {
    "applicant": ("申请人", "applicant"),
    "spouse": ("配偶", "spouse"),
    "child": ("子女", "child"),
    "parent": ("父母", "parent"),
    "grandparent": ("祖父母", "grandparent"),
    "grandchild": ("孙子女", "grandchild"),
    "sibling": ("兄弟姐妹", "sibling"),
    "other": ("其他", "other"),
}

# Whether a member lives with the household (共同生活), or is one of those 审核确认办法
# Art. 7 leaves out of it.
MemberStatus = Literal["resident", "imprisoned", "compulsory_rehab", "missing", "clergy_away"]
MEMBER_STATUS_LABELS: Labels = {
    "resident": ("共同生活", "resident"),
    "imprisoned": ("服刑", "in prison"),
    "compulsory_rehab": ("强制隔离戒毒", "in compulsory rehab"),
    # the legally declared missing (宣告失踪), not anyone out of touch
    "missing": ("宣告失踪", "declared missing"),
    "clergy_away": ("宗教教职人员离家满三年", "clergy living away 3 years or more"),
}

Education = Literal[
    "none",
    "preschool",
    "primary",
    "junior_secondary",
    "senior_secondary",
    "vocational_secondary",
    "undergraduate",
    "postgraduate",
]
EDUCATION_LABELS: Labels = {
    "none": ("无", "none"),
    "preschool": ("学前", "preschool"),
    "primary": ("小学", "primary school"),
    "junior_secondary": ("初中", "junior secondary school"),
    "senior_secondary": ("高中", "senior secondary school"),
    "vocational_secondary": ("中职", "secondary vocational school"),
    "undergraduate": ("本科", "undergraduate"),
    "postgraduate": ("研究生", "postgraduate"),
}

Employment = Literal["employed", "self_employed", "farming", "unemployed", "retired", "unable"]
EMPLOYMENT_LABELS: Labels = {
    "employed": ("就业", "employed"),
    "self_employed": ("个体经营", "self-employed"),
    "farming": ("务农", "farming"),
    "unemployed": ("失业", "unemployed"),
    "retired": ("退休", "retired"),
    "unable": ("无劳动能力", "unable to work"),
}

DisabilityCategory = Literal[
    "visual", "hearing", "speech", "physical", "intellectual", "mental", "multiple"
]
DISABILITY_CATEGORY_LABELS: Labels = {
    "visual": ("视力", "visual"),
    "hearing": ("听力", "hearing"),
    "speech": ("言语", "speech"),
    "physical": ("肢体", "physical"),
    "intellectual": ("智力", "intellectual"),
    "mental": ("精神", "mental"),
    "multiple": ("多重", "multiple"),
}

# The activities of daily living a member cannot do alone (特困 self-care bands).
SelfCareActivity = Literal[
    "eating", "dressing", "transfer", "toileting", "walking_indoors", "bathing"
]
SELF_CARE_ACTIVITY_LABELS: Labels = {
    "eating": ("进食", "eating"),
    "dressing": ("穿衣", "dressing"),
    "transfer": ("转移", "getting in and out of bed"),
    "toileting": ("如厕", "toileting"),
    "walking_indoors": ("室内行走", "walking indoors"),
    "bathing": ("洗澡", "bathing"),
}

Period = Literal["month", "year"]
PERIOD_LABELS: Labels = {"month": ("月", "month"), "year": ("年", "year")}

AssetType = Literal["deposit", "securities", "insurance", "vehicle", "housing", "business", "other"]
ASSET_TYPE_LABELS: Labels = {
    "deposit": ("存款", "deposits"),
    "securities": ("有价证券", "securities"),
    "insurance": ("商业保险现金价值", "cash value of commercial insurance"),
    "vehicle": ("机动车辆", "vehicle"),
    "housing": ("住房", "housing"),
    "business": ("企业注册资本", "registered capital of a business"),
    "other": ("其他财产", "other property"),
}

VehicleKind = Literal["car", "truck", "motorcycle", "tricycle", "farm_machine"]
VEHICLE_KIND_LABELS: Labels = {
    "car": ("小汽车", "car"),
    "truck": ("货车", "truck"),
    "motorcycle": ("摩托车", "motorcycle"),
    "tricycle": ("三轮车", "tricycle"),
    "farm_machine": ("农用机械", "farm machine"),
}

# The basis an income item may be imputed on instead of an amount.
IncomeBasis = Literal["minimum_wage"]
INCOME_BASIS_LABELS: Labels = {"minimum_wage": ("最低工资", "minimum wage")}

# A child's parent (事实无人抚养儿童): present, or absent in one of the conditions of
# 民发〔2019〕62号 §1 as amended by 民发〔2020〕125号: 重残, 重病, 服刑在押, 强制隔离戒毒,
# 被执行其他限制人身自由的措施, 失联, 被撤销监护资格, 被遣送（驱逐）出境; and 死亡, 失踪.
ParentCondition = Literal[
    "present",
    "dead",
    "missing",
    "severely_disabled",
    "imprisoned",
    "lost_contact",
    "seriously_ill",
    "compulsory_rehab",
    "restricted_liberty",
    "guardianship_revoked",
    "deported",
]
PARENT_CONDITION_LABELS: Labels = {
    "present": ("在家且有抚养能力", "present"),
    "dead": ("死亡", "dead"),
    "missing": ("失踪", "missing"),
    "severely_disabled": ("重残", "severely disabled"),
    "seriously_ill": ("重病", "seriously ill"),
    "imprisoned": ("服刑在押", "imprisoned"),
    "compulsory_rehab": ("强制隔离戒毒", "in compulsory drug rehabilitation"),
    "restricted_liberty": ("被执行其他限制人身自由的措施", "under another restriction of liberty"),
    "lost_contact": ("失联", "out of contact"),
    "guardianship_revoked": ("被撤销监护资格", "deprived of guardianship"),
    "deported": ("被遣送（驱逐）出境", "deported"),
}

# ------------------------------------------------------------ temporary assistance

HardshipType = Literal["emergency", "expenditure"]
HARDSHIP_TYPE_LABELS: Labels = {
    "emergency": ("急难型", "emergency"),
    "expenditure": ("支出型", "expenditure"),
}

HardshipCause = Literal[
    "fire",
    "traffic_accident",
    "other_accident",
    "sudden_illness",
    "natural_disaster",
    "unemployment",
    "other",
]
HARDSHIP_CAUSE_LABELS: Labels = {
    "fire": ("火灾", "fire"),
    "traffic_accident": ("交通事故", "traffic accident"),
    "other_accident": ("其他意外事故", "other accident"),
    "sudden_illness": ("突发重大疾病", "sudden serious illness"),
    "natural_disaster": ("自然灾害", "natural disaster"),
    "unemployment": ("失业", "unemployment"),
    "other": ("其他特殊困难", "other special hardship"),
}

HardshipExpenseType = Literal["medical", "education", "other"]
HARDSHIP_EXPENSE_LABELS: Labels = {
    "medical": ("医疗费用", "medical costs"),
    "education": ("教育费用", "schooling costs"),
    "other": ("其他生活必需支出", "other essential costs"),
}

# ------------------------------------------------------------ rules and results

# Income categories of 审核确认办法 Art. 13; each income type of a rule file has one.
IncomeCategory = Literal["wage", "business", "property", "transfer", "other"]
INCOME_CATEGORY_LABELS: Labels = {
    "wage": ("工资性收入", "wage"),
    "business": ("经营净收入", "business"),
    "property": ("财产净收入", "property"),
    "transfer": ("转移净收入", "transfer"),
    "other": ("其他收入", "other"),
}

# How an expense type of a rule file counts: netted from income, or deducted.
ExpenseKind = Literal["transfer_expenditure", "fixed_non_living"]
EXPENSE_KIND_LABELS: Labels = {
    "transfer_expenditure": ("转移性支出", "transfer expenditure"),
    "fixed_non_living": ("非生活性固定支出", "fixed non-living expense"),
}

# What a deduction may require of the member who bears the expense.
MemberCondition = Literal["employed", "disabled", "serious_illness", "in_education"]
MEMBER_CONDITION_LABELS: Labels = {
    "employed": ("就业", "employed"),
    "disabled": ("残疾", "disabled"),
    "serious_illness": ("重病", "seriously ill"),
    "in_education": ("在校就读", "in education"),
}

Status = Literal[
    "dibao", "dibao_single", "phase_out", "tekun", "edge", "rigid_expenditure", "not_eligible"
]
STATUS_LABELS: Labels = {
    "dibao": ("低保", "dibao"),
    "dibao_single": ("单人户施保", "dibao, single-person enrolment"),
    "phase_out": ("低保渐退", "dibao, phasing out"),
    "tekun": ("特困供养", "特困 support"),
    "edge": ("低保边缘家庭", "edge household"),
    "rigid_expenditure": ("刚性支出困难家庭", "rigid-expenditure household"),
    "not_eligible": ("不符合条件", "not eligible"),
}
# The statuses on dibao. Contract §2 names dibao and dibao_single; phase_out is paid until
# it ends, so it counts as eligible: a pipeline that pays by `eligible` pays it. A `tekun`
# household (every counted member 特困) is not eligible for dibao: it is paid its
# members' 特困 support, in `support_monthly`.
ELIGIBLE: frozenset[str] = frozenset({"dibao", "dibao_single", "phase_out"})
# The statuses a household renewing its assistance may have now (`current.status`):
# those of `Status` one is enrolled under or assessed as, in the order the contract
# lists them (its labels are those of `Status`).
CurrentStatus = Literal["dibao", "dibao_single", "edge", "not_eligible", "phase_out"]

DeductionStatus = Literal["accepted", "capped", "refused"]
DEDUCTION_STATUS_LABELS: Labels = {
    "accepted": ("扣减", "accepted"),
    "capped": ("部分扣减", "capped"),
    "refused": ("不予扣减", "refused"),
}

# 特困 care bands: how much of the ability to look after oneself is lost.
CareBand = Literal["full_self_care", "partial", "full_loss"]
CARE_BAND_LABELS: Labels = {
    "full_self_care": ("具备生活自理能力", "full self-care"),
    "partial": ("部分丧失生活自理能力", "partly lost"),
    "full_loss": ("完全丧失生活自理能力", "fully lost"),
}

# How a 特困 member is supported (S1 Art. 19): in an institution (集中供养) or at home
# (分散供养); the rules may set different standards for each.
SupportMode = Literal["institutional", "at_home"]
SUPPORT_MODE_LABELS: Labels = {
    "institutional": ("集中供养", "institutional"),
    "at_home": ("分散供养", "at home"),
}

# 分类施保: the four groups the national text names (S1 Art. 12). Rule files name their
# groups (classified.groups.NAME); these are the names old keys are moved to.
ClassifiedGroup = Literal["elderly", "minor", "severe_disability", "serious_illness"]
# (Their labels are the rules': a rule file names and labels the groups it pays.)

# When the benefit is rounded: once for the household, or per member and then added.
RoundingStage = Literal["household_benefit", "member_benefit"]
ROUNDING_STAGE_LABELS: Labels = {
    "household_benefit": ("按户取整一次", "once, on the household benefit"),
    "member_benefit": ("按人取整后相加", "per member, then added"),
}

# How the benefit is computed (benefit.method): the gap to the standard, or tiers.
BenefitMethod = Literal["gap", "tiered"]
BENEFIT_METHOD_LABELS: Labels = {
    "gap": ("按差额发放", "the gap to the standard"),
    "tiered": ("分档发放", "by tiers"),
}
# Whether a 特困 member of a dibao household is supported apart (tekun.in_dibao_household).
TekunPlacement = Literal["separate", "included"]
TEKUN_PLACEMENT_LABELS: Labels = {
    "separate": ("单独供养，不计入家庭", "supported apart, not counted in the household"),
    "included": ("计入家庭", "counted in the household"),
}
# How a member in several 分类施保 groups is paid (classified.combine).
ClassifiedCombine = Literal["highest", "sum"]
CLASSIFIED_COMBINE_LABELS: Labels = {
    "highest": ("取最高一项", "the highest one"),
    "sum": ("各项相加", "all added"),
}
# Whether a temporary-assistance amount is per household or per person (temporary.amount.per).
AmountPer = Literal["household", "person"]
AMOUNT_PER_LABELS: Labels = {
    "household": ("按户", "per household"),
    "person": ("按人", "per person"),
}


class Vocabulary(NamedTuple):
    """A vocabulary: its Literal type and its labels (tests and tools read them here)."""

    literal: object
    labels: Mapping[str, tuple[str, str]]

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes, in the order written."""
        return codes(self.literal)


VOCABULARIES: dict[str, Vocabulary] = {
    "area": Vocabulary(Area, AREA_LABELS),
    "relation": Vocabulary(Relation, RELATION_LABELS),
    "member_status": Vocabulary(MemberStatus, MEMBER_STATUS_LABELS),
    "education": Vocabulary(Education, EDUCATION_LABELS),
    "employment": Vocabulary(Employment, EMPLOYMENT_LABELS),
    "disability_category": Vocabulary(DisabilityCategory, DISABILITY_CATEGORY_LABELS),
    "self_care_activity": Vocabulary(SelfCareActivity, SELF_CARE_ACTIVITY_LABELS),
    "period": Vocabulary(Period, PERIOD_LABELS),
    "asset_type": Vocabulary(AssetType, ASSET_TYPE_LABELS),
    "vehicle_kind": Vocabulary(VehicleKind, VEHICLE_KIND_LABELS),
    "income_basis": Vocabulary(IncomeBasis, INCOME_BASIS_LABELS),
    "parent_condition": Vocabulary(ParentCondition, PARENT_CONDITION_LABELS),
    "hardship_type": Vocabulary(HardshipType, HARDSHIP_TYPE_LABELS),
    "hardship_cause": Vocabulary(HardshipCause, HARDSHIP_CAUSE_LABELS),
    "hardship_expense": Vocabulary(HardshipExpenseType, HARDSHIP_EXPENSE_LABELS),
    "income_category": Vocabulary(IncomeCategory, INCOME_CATEGORY_LABELS),
    "expense_kind": Vocabulary(ExpenseKind, EXPENSE_KIND_LABELS),
    "member_condition": Vocabulary(MemberCondition, MEMBER_CONDITION_LABELS),
    "status": Vocabulary(Status, STATUS_LABELS),
    "current_status": Vocabulary(CurrentStatus, STATUS_LABELS),
    "deduction_status": Vocabulary(DeductionStatus, DEDUCTION_STATUS_LABELS),
    "care_band": Vocabulary(CareBand, CARE_BAND_LABELS),
    "support_mode": Vocabulary(SupportMode, SUPPORT_MODE_LABELS),
    "rounding_stage": Vocabulary(RoundingStage, ROUNDING_STAGE_LABELS),
    "benefit_method": Vocabulary(BenefitMethod, BENEFIT_METHOD_LABELS),
    "tekun_placement": Vocabulary(TekunPlacement, TEKUN_PLACEMENT_LABELS),
    "classified_combine": Vocabulary(ClassifiedCombine, CLASSIFIED_COMBINE_LABELS),
    "amount_per": Vocabulary(AmountPer, AMOUNT_PER_LABELS),
}

# How a renewal's payment changes (`engine.change`, ``change.kind`` in the record):
# phase_out: enters phase-out; stopped: paid dibao before, not now; started: not paid
# before, paid now; more, less, unchanged: the benefit against the current one.
ChangeKind = Literal["more", "less", "unchanged", "stopped", "phase_out", "started"]
