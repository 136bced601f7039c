"""The column and value vocabulary of the CSV/XLSX case-roll layout, in English and Chinese.

A case roll (台账) has one row per member; household columns repeat on each row (or
are left blank after the first, as merged cells export). This module only names
things: which header means which contract field, and which cell words mean which
contract value. `tabular` uses it to turn rows into household records.

The vocabulary is part of the input contract, so it is fixed here rather than read
from rule files: editing a label in a rule file must not break a county's spreadsheet.
Types outside it are still accepted through the English form ``income:<type>:<per>``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from ..model import vocabulary
from . import roll_hardship
from .roll_hardship import cell_words as _cell_words


def _words(labels: vocabulary.Labels) -> dict[str, str]:
    """code -> the Chinese label, the word a roll uses for it."""
    return {code: zh for code, (zh, _) in labels.items()}


# Household columns: the contract field, then the headers that name it.
HOUSEHOLD_FIELDS: dict[str, tuple[str, ...]] = {
    "household_id": ("household_id", "户编号", "家庭编号"),
    "region": ("region", "行政区划代码", "行政区划"),
    "area": ("area", "城乡类别", "城乡"),
    "assessed_on": ("assessed_on", "核算日期"),
    "current_status": ("current_status", "现救助类别"),
    "current_monthly_benefit": ("current_monthly_benefit", "现月救助金"),
    "current_since": ("current_since", "现救助起始日期"),
    "single_parent_family": ("single_parent_family", "单亲家庭"),
    # when the household's housing (the 住房套数 column) was bought, built or decorated
    "housing_acquired_on": ("housing_acquired_on", "住房购建或装修日期", "住房购建装修日期"),
    # where the household lives, for grouping payment rolls and publication lists
    "township": ("township", "乡镇（街道）", "乡镇", "街道", "乡镇街道"),
    "village": ("village", "村（社区）", "村", "社区", "村社区", "村居"),
    # temporary assistance: the household's hardship (roll_hardship)
    **roll_hardship.HARDSHIP_FIELDS,
}

# Member columns (one member per row).
MEMBER_FIELDS: dict[str, tuple[str, ...]] = {
    "member_id": ("member_id", "成员编号"),
    "name": ("name", "姓名"),
    "relation": ("relation", "与申请人关系", "关系"),
    "birth_date": ("birth_date", "出生日期"),
    "age": ("age", "年龄"),
    "id_number": ("id_number", "身份证号", "身份证号码"),
    "disability_category": ("disability_category", "残疾类别"),
    "disability_grade": ("disability_grade", "残疾等级"),
    "serious_illness": ("serious_illness", "重特大疾病"),
    "education": ("education", "受教育程度"),
    "employment": ("employment", "就业状况"),
    "status": ("status", "成员状态"),
    "self_care_failed": ("self_care_failed", "生活不能自理项目"),
    "tekun_support_mode": ("tekun_support_mode", "特困供养方式"),
}

# Income and expense types with the Chinese names a roll uses (the national labels).
INCOME_TYPES: dict[str, str] = {
    "wage": "工资收入",
    "casual_labour": "零工收入",
    "farming": "农业经营净收入",
    "business": "经营净收入",
    "interest_dividend": "利息股息",
    "rent": "租金收入",
    "collective_dividend": "集体分红",
    "pension": "离退休金",
    "unemployment_benefit": "失业保险金",
    "support_received": "赡养抚养扶养费",
    "compensation": "赔偿收入",
    "donation": "接受捐赠",
    "other": "其他收入",
    "veterans_benefit": "优待抚恤金",
    "family_planning_award": "计划生育奖励与扶助金",
    "scholarship": "奖学金",
    "bravery_award": "见义勇为奖励",
    "social_assistance": "政府发放的社会救助款物",
    "basic_pension": "城乡居民基本养老保险基础养老金",
}
EXPENSE_TYPES: dict[str, str] = {
    "medical": "自付医疗费用",
    "education": "教育支出",
    "disability_rehab": "残疾康复与辅具支出",
    "employment_cost": "必要的就业成本",
    "support_paid": "支付的赡养费",
    "social_insurance": "个人缴纳的社会保险费",
    "income_tax": "缴纳的税款",
}
# Asset columns hold a value in yuan, named by the asset type's label; vehicles have
# columns of their own (one per kind), and `housing`, last, holds the number of houses.
ASSET_TYPES: dict[str, str] = {
    **{
        code: zh
        for code, (zh, _) in vocabulary.ASSET_TYPE_LABELS.items()
        if code not in ("vehicle", "housing")
    },
    "housing": "住房套数",
}
VEHICLE_KINDS = _words(vocabulary.VEHICLE_KIND_LABELS)
PERIODS = _words(vocabulary.PERIOD_LABELS)
HOUSEHOLD_PREFIX_ZH = "家庭"  # 家庭农业经营净收入(年): an income of the household as a whole
LIVELIHOOD_ZH = "营生"  # 货车(营生): a vehicle or business used to make a living

# Cell words for enumerated fields: the Chinese label of each code (the word a roll is
# written with), then other words a roll may use; English values pass through unchanged.
VALUES: dict[str, dict[str, str]] = {
    "area": _cell_words(vocabulary.AREA_LABELS, {"城镇": "urban"}),
    "relation": _cell_words(
        vocabulary.RELATION_LABELS,
        {
            "本人": "applicant",
            "儿子": "child",
            "女儿": "child",
            "父亲": "parent",
            "母亲": "parent",
            "外祖父母": "grandparent",
            "外孙子女": "grandchild",
        },
    ),
    "education": _cell_words(vocabulary.EDUCATION_LABELS, {"未上学": "none"}),
    "employment": _cell_words(
        vocabulary.EMPLOYMENT_LABELS, {"务工": "employed", "无业": "unemployed"}
    ),
    # Art. 7 excludes the legally declared missing (宣告失踪) and clergy away 3 years or
    # more, not anyone out of touch or any cleric: the words say so.
    "status": _cell_words(
        vocabulary.MEMBER_STATUS_LABELS,
        {"在家": "resident", "宗教教职人员离家满3年": "clergy_away"},
    ),
    "disability_category": _cell_words(vocabulary.DISABILITY_CATEGORY_LABELS),
    "disability_grade": {"一级": "1", "二级": "2", "三级": "3", "四级": "4"},
    "self_care_failed": _cell_words(vocabulary.SELF_CARE_ACTIVITY_LABELS, {"上下床": "transfer"}),
    "tekun_support_mode": _cell_words(
        vocabulary.SUPPORT_MODE_LABELS, {"集中": "institutional", "分散": "at_home"}
    ),
    # A roll writes the current status short (低保边缘, not 低保边缘家庭); both are read.
    "current_status": {
        "低保边缘": "edge",
        "不符合": "not_eligible",
        "渐退": "phase_out",
        **_cell_words(
            {
                code: vocabulary.STATUS_LABELS[code]
                for code in vocabulary.codes(vocabulary.CurrentStatus)
            }
        ),
    },
    **roll_hardship.VALUES,
    # An income cell may hold, instead of an amount, the basis it is imputed on.
    "income_basis": _cell_words(vocabulary.INCOME_BASIS_LABELS, {"按最低工资": "minimum_wage"}),
}
INCOME_BASES = frozenset(vocabulary.codes(vocabulary.IncomeBasis))
TRUE_WORDS = frozenset({"是", "有", "yes", "y", "true", "1", "√"})
FALSE_WORDS = frozenset({"否", "无", "no", "n", "false", "0"})
LIST_SEPARATORS = re.compile(r"[;,、，；]\s*")

# The fields each kind of cell holds.
DATE_FIELDS = frozenset(
    {
        "assessed_on",
        "birth_date",
        "current_since",
        "housing_acquired_on",
        *roll_hardship.DATE_FIELDS,
    }
)
INT_FIELDS = frozenset({"age", "disability_grade", *roll_hardship.INT_FIELDS})
MONEY_FIELDS = frozenset({"current_monthly_benefit", *roll_hardship.MONEY_FIELDS})
FLAG_FIELDS = frozenset({"serious_illness", "single_parent_family", *roll_hardship.FLAG_FIELDS})


class Column(NamedTuple):
    """What one header means.

    Attributes:
        position: 0-based position in the row.
        header: the header as written in the file.
        scope: ``household`` or ``member``: whether the cell repeats on each row.
        kind: ``field``, ``income``, ``expense``, ``asset`` or ``vehicle``.
        name: the contract field, or the income/expense/asset type or vehicle kind.
        per: ``month`` or ``year`` for incomes and expenses.
        livelihood: the asset is used to make a living (``for_livelihood``).
    """

    position: int
    header: str
    scope: str
    kind: str
    name: str
    per: str | None = None
    livelihood: bool = False

    @property
    def key(self) -> tuple[str, str, str, str | None, bool]:
        """What the column fills; two columns with one key are a duplicate."""
        return (self.scope, self.kind, self.name, self.per, self.livelihood)


def normalize(header: str) -> str:
    """Fold a header to compare it: full-width forms, case and spaces do not matter."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", header)).lower()


def _lookup() -> dict[str, tuple[str, str, str, str | None, bool]]:
    """Every known header (normalized) -> (scope, kind, name, per, livelihood)."""
    table: dict[str, tuple[str, str, str, str | None, bool]] = {}
    for fields, scope in ((HOUSEHOLD_FIELDS, "household"), (MEMBER_FIELDS, "member")):
        for name, headers in fields.items():
            for header in headers:
                table[normalize(header)] = (scope, "field", name, None, False)
    for kind, types in (("income", INCOME_TYPES), ("expense", EXPENSE_TYPES)):
        for name, zh in types.items():
            for per, per_zh in PERIODS.items():
                table[normalize(f"{zh}({per_zh})")] = ("member", kind, name, per, False)
                table[normalize(f"{HOUSEHOLD_PREFIX_ZH}{zh}({per_zh})")] = (
                    "household",
                    kind,
                    name,
                    per,
                    False,
                )
    for kind, names in (("asset", ASSET_TYPES), ("vehicle", VEHICLE_KINDS)):
        for name, zh in names.items():
            table[normalize(zh)] = ("household", kind, name, None, False)
            if name != "housing":
                table[normalize(f"{zh}({LIVELIHOOD_ZH})")] = ("household", kind, name, None, True)
    return table


_KNOWN = _lookup()
_TYPED = re.compile(r"^(household:)?(income|expense):([a-z][a-z0-9_]{0,39}):(month|year)$")
_ASSET = re.compile(r"^(asset|vehicle):([a-z][a-z0-9_]{0,39})(:livelihood)?$")


def column(index: int, header: str) -> Column | None:
    """Return what a header means, or None when it names nothing known."""
    folded = normalize(header)
    known = _KNOWN.get(folded)
    if known is not None:
        return Column(index, header, *known)
    typed = _TYPED.match(folded)
    if typed:
        scope = "household" if typed[1] else "member"
        return Column(index, header, scope, typed[2], typed[3], typed[4])
    asset = _ASSET.match(folded)
    if asset and (asset[1] == "asset" or asset[2] in VEHICLE_KINDS):
        if asset[2] == "housing" and asset[3]:
            return None
        return Column(index, header, "household", asset[1], asset[2], None, bool(asset[3]))
    return None


def english_header(col: Column) -> str:
    """Return the English header of what a column fills (for writing a roll)."""
    if col.kind == "field":
        return col.name
    if col.kind in ("income", "expense"):
        prefix = "household:" if col.scope == "household" else ""
        return f"{prefix}{col.kind}:{col.name}:{col.per}"
    return f"{col.kind}:{col.name}" + (":livelihood" if col.livelihood else "")


def chinese_header(col: Column) -> str:
    """Return the Chinese header of what a column fills, or English where none exists."""
    if col.kind == "field":
        names = HOUSEHOLD_FIELDS.get(col.name) or MEMBER_FIELDS[col.name]
        return names[1]
    if col.kind in ("income", "expense"):
        zh = (INCOME_TYPES if col.kind == "income" else EXPENSE_TYPES).get(col.name)
        if zh is None or col.per is None:
            return english_header(col)
        prefix = HOUSEHOLD_PREFIX_ZH if col.scope == "household" else ""
        return f"{prefix}{zh}({PERIODS[col.per]})"
    zh = (ASSET_TYPES if col.kind == "asset" else VEHICLE_KINDS).get(col.name)
    if zh is None:
        return english_header(col)
    return f"{zh}({LIVELIHOOD_ZH})" if col.livelihood else zh
