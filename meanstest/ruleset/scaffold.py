"""A new county's rule file: every local value provisional, with what to fill in.

`meanstest rules new` writes one for policy staff to complete: the values of the rule
set it extends are copied in as provisional placeholders (so the file works at once and
every result says which values still need a source), each with a comment naming the
document the real figure comes from.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..errors import MeansTestError
from ..money import MONTHS_PER_YEAR
from .amounts import Amount, Share
from .blocks import Band, Group
from .model import Param, RuleSet
from .rulefile import RULE_ID

# Which local document each group of keys comes from, most specific prefix first. A key
# with no hint is not copied: the province's minimum standards (dibao.floor.*) are the
# province's to set, and a county file that copied them would hide the province's next.
HINTS: tuple[tuple[str, str], ...] = (
    (
        "dibao.standard.",
        "the yearly notice of this county's (or city's) dibao standards (低保标准调整通知)",
    ),
    ("income.reference_months", "the province's implementing rules of 最低生活保障审核确认办法"),
    (
        "assets.",
        "the province's or city's family economic-status assessment rules (家庭经济状况核算办法)",
    ),
    (
        "deduction.",
        "the county's 核算评估实施细则: its list and caps of non-living fixed expenditure",
    ),
    ("tekun.basic", "the notice of 特困 support standards (特困人员救助供养标准)"),
    ("tekun.care", "the notice of 特困 care standards by self-care band"),
    ("tekun.in_dibao_household", "the province's 特困 implementing rules"),
    ("classified.", "the province's or city's 分类施保 rules"),
    ("phase_out.", "the local rule on the phase-out period (渐退)"),
    (
        "rigid.disposable_income",
        "last year's statistical bulletin (统计公报), per-capita disposable income",
    ),
    ("rigid.expenditure_ratio", "the local rules for 刚性支出困难家庭"),
    ("benefit.", "the county's payment rules (差额 or 分档)"),
    (
        "temporary.expenditure.disposable_income",
        "last year's statistical bulletin (统计公报), per-capita disposable income",
    ),
    (
        "temporary.amount.",
        "the county's temporary-assistance measures (临时救助实施办法): its amounts and tiers",
    ),
    ("temporary.payments.", "the county's temporary-assistance measures: how often for one cause"),
    ("temporary.approval.", "the county's rules delegating approval to townships (审批权限下放)"),
    ("temporary.reserve_fund.", "the county's rules on township reserve funds (备用金)"),
    ("rounding.", "the county's payment rules, if they say how amounts are rounded"),
)
# The same documents in Chinese, by the same prefixes, for `rules new --lang zh`.
HINTS_ZH: dict[str, str] = {
    "dibao.standard.": "本县（或本市）每年的低保标准调整通知",
    "income.reference_months": "本省的最低生活保障审核确认办法实施细则",
    "assets.": "本省或本市的家庭经济状况核算办法",
    "deduction.": "本县的核算评估实施细则：其中非生活性刚性支出的项目和上限",
    "tekun.basic": "特困人员救助供养标准的通知",
    "tekun.care": "特困人员照料护理标准（按生活自理能力分档）的通知",
    "tekun.in_dibao_household": "本省的特困人员救助供养实施办法",
    "classified.": "本省或本市的分类施保规定",
    "phase_out.": "本地关于渐退期的规定",
    "rigid.disposable_income": "上一年的统计公报：居民人均可支配收入",
    "rigid.expenditure_ratio": "本地关于刚性支出困难家庭的规定",
    "benefit.": "本县的救助金发放规定（差额或分档）",
    "temporary.expenditure.disposable_income": "上一年的统计公报：居民人均可支配收入",
    "temporary.amount.": "本县的临时救助实施办法：救助金额和档次",
    "temporary.payments.": "本县的临时救助实施办法：同一事由可救助几次",
    "temporary.approval.": "本县关于把审批权限下放到乡镇（街道）的规定",
    "temporary.reserve_fund.": "本县关于乡镇（街道）临时救助备用金的规定",
    "rounding.": "本县的救助金发放规定（若规定了金额如何取整）",
}
# Keys every county file needs, written as commented templates when the base has none
# (with the description a key new to the chain must have).
ALWAYS = {
    "dibao.standard.rural": "{zh: 农村低保标准, en: Rural dibao standard}",
    "dibao.standard.urban": "{zh: 城市低保标准, en: Urban dibao standard}",
}


def _hint(key: str, lang: str = "en") -> str | None:
    for prefix, text in HINTS:
        if key.startswith(prefix):
            return HINTS_ZH[prefix] if lang == "zh" else text
    return None


def _yaml(value: Any, unit: str | None = None) -> str:
    """A rule value written back as YAML, as a policy officer would type it.

    An amount is kept as the exact annual yuan (or a share): written back in the unit
    its file gave it.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Share):
        return f'"{value.ratio}"' if isinstance(value.ratio, Fraction) else _yaml(value.ratio)
    if isinstance(value, Decimal):
        if unit == "yuan/month":
            value = value / MONTHS_PER_YEAR
        return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"
    if (
        isinstance(value, tuple)
        and value
        and isinstance(value[0], tuple)
        and len(value[0]) == 2
        and isinstance(value[0][0], Decimal)
    ):  # tiers
        return (
            "["
            + ", ".join(f"{{below_share: {_yaml(b)}, per_person: {_amount(a)}}}" for b, a in value)
            + "]"
        )
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):  # grades
        return "{" + ", ".join(f"{k}: [{', '.join(str(g) for g in gs)}]" for k, gs in value) + "}"
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _value(key: str, param: Param, unit: str | None) -> str:
    """A value in force written back: structured ones (groups, bands) as their file
    wrote them (in YAML flow style); temporary assistance's tiers as one-off amounts by
    burden; the others from their converted value."""
    value = param.value
    if isinstance(value, Group) or (
        isinstance(value, tuple) and value and isinstance(value[0], Band)
    ):
        return param.written
    if key == "temporary.amount.tiers":
        return (
            "["
            + ", ".join(f"{{burden_from: {_yaml(b)}, amount: {_one_off(a)}}}" for b, a in value)
            + "]"
        )
    return _yaml(value, unit)


def _amount(value: Amount) -> str:
    if isinstance(value, Share):
        return f"{{amount: {_yaml(value)}, unit: share of {value.of}}}"
    return f"{{amount: {_yaml(value, 'yuan/month')}, unit: yuan/month}}"


def check_new_file(code: str, name: str, name_en: str) -> None:
    """Refuse what a new rule file could not hold: a code that is not a rule-set id (the
    pattern rule files' ``id`` follows: a path such as ``../../x`` or a line break is
    not one), or a name with a line break or another control character.

    Raises:
        MeansTestError: saying which value, and what it may be.
    """
    if re.fullmatch(RULE_ID, code) is None:
        raise MeansTestError("not_a_rule_set_id", params={"code": code})
    for option, text in (("--name", name), ("--name-en", name_en)):
        if not text.strip() or any(
            unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs") for c in text
        ):
            raise MeansTestError("name_not_one_line", params={"option": option, "text": text})


def new_rule_file(
    code: str, base: RuleSet, name: str, name_en: str, on: dt.date, lang: str = "en"
) -> str:
    """Return the text of a new rule file extending ``base``, values from ``on``; its
    comments in ``lang`` (zh or en; the notes of its values are in both).

    Raises:
        MeansTestError: the code or a name cannot be written into a rule file
            (`check_new_file`).
    """
    check_new_file(code, name, name_en)
    snapshot = base.at(on)
    title = name.splitlines()[0] if name else code
    header = _header(title, code, base, on, lang)
    lines = [
        *header,
        "schema: meanstest.rules/1",
        f'id: "{code}"',
        f"name: {{zh: {_quoted(name)}, en: {_quoted(name_en)}}}",
        "level: county",
        f'extends: "{base.id}"',
        "",
        "sources: {}",
        *_sources_example(on, lang),
        "",
        "parameters:",
    ]
    keys = [k for k in sorted(base.series) if _hint(k)] + [
        k for k in ALWAYS if k not in base.series
    ]
    for key in keys:
        param = snapshot.params.get(key)
        hint = _hint(key, lang)
        lines.append(f"  # 依据：{hint}。" if lang == "zh" else f"  # Fill in from {hint}.")
        if param is None:
            # Not in force on the date: a template (a key new to the chain, with the
            # description it must have; one inherited, in its parent's unit).
            unit = base.series[key].unit if key in base.series else "yuan/year"
            lines += [
                f"  # {key}:",
                *([f"  #   description: {ALWAYS[key]}"] if key not in base.series else []),
                *([f"  #   unit: {unit}"] if unit else []),
                "  #   values:",
                f"  #     - {{from: {on.isoformat()}, value: ..., source: ...}}",
                "",
            ]
            continue
        unit = base.series[key].unit
        lines.append(f"  {key}:")
        if unit:
            lines.append(f"    unit: {unit}")
        lines += [
            "    values:",
            f"      - from: {on.isoformat()}",
            f"        value: {_value(key, param, unit)}",
            "        provisional: true",
            "        note:",
            f"          zh: 复制自 {base.id}，请改为本县的数值",
            f"          en: copied from {base.id}; replace with this county's figure",
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


def _header(title: str, code: str, base: RuleSet, on: dt.date, lang: str) -> list[str]:
    """The comment at the top of a new rule file: what it is and how to complete it."""
    return (
        [
            f"# {title}（{code}）：由 `meanstest rules new` 于 {on.isoformat()} 起草的规则文件。",
            "#",
            f"# 以下每个值都是从 {base.id}（{base.name.zh}）复制来的暂定占位值。请逐项找到",
            "# 其上方注明的文件，把文件中的数值填入 `value`，在 `sources` 下登记该文件并",
            "# 引用它（`source`、`article`），以代替 `provisional: true`。删除某个键即沿用",
            "# 上级规则集的值。",
        ]
        if lang == "zh"
        else [
            f"# {title} ({code}): rule file started with `meanstest rules new` on "
            f"{on.isoformat()}.",
            "#",
            f"# Every value below is copied from {base.id} ({base.name.zh}) as a provisional",
            "# placeholder. For each one, find the document named above it, put its figure in",
            "# `value`, declare the document under `sources` and cite it (`source`, `article`)",
            "# instead of `provisional: true`. Delete a key to inherit the parent's value.",
        ]
    )


def _sources_example(on: dt.date, lang: str) -> list[str]:
    """How a document is declared under `sources` (replacing `{}`) and cited, as a
    comment: the officer is told to declare one and must see the shape."""
    head = (
        ["# 登记文件时，把上面的 {} 换成（docs/rules.md「出处」一节列出全部字段）："]
        if lang == "zh"
        else ["# To declare a document, replace the {} above with (docs/rules.md, Sources):"]
    )
    return [
        *head,
        "# sources:",
        f"#   county-notice-{on.year}:",
        "#     title: ……（文件全称）" if lang == "zh" else "#     title: ... (the full title)",
        f"#     number: ……〔{on.year}〕1号",
        f"#     date: {on.isoformat()}",
        "#     kind: official",
        ("# 并在值中引用：" if lang == "zh" else "# and cite it in a value: ")
        + f"{{from: {on.isoformat()}, value: ..., "
        + f"source: county-notice-{on.year}, article: 第三条}}",
    ]


def _one_off(value: Amount) -> str:
    if isinstance(value, Share):
        return f"{{amount: {_yaml(value)}, unit: share of {value.of}}}"
    return f"{{amount: {_yaml(value, 'yuan')}, unit: yuan}}"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
