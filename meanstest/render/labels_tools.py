"""Labels and messages of the tools around the assessment, in Chinese and English: the
rule tests (`meanstest test`), and the words of complete Chinese output (issue 15).

`labels` merges them into its tables, so `label` and `message` find them like any
other; they live here so that the vocabulary of these tools stays in one place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from ..model.sources import SourceRef
from ..money import fmt

LABELS: dict[str, tuple[str, str]] = {
    # (zh, en)
    # meanstest test: the word before each case, and the summary
    "case.ok": ("通过", "ok"),
    "case.fail": ("失败", "FAIL"),
    # batch: the label of an error row's status (status.* of results are in `labels`)
    "status.error": ("错误", "error"),
    # batch and compare: the progress bar on a terminal ({n}: how many so far)
    "progress.households": ("已核算 {n} 户", "{n} households"),
    # compare without --base: each household's own rules, by its region
    "compare.by_region": ("各户所在地现行规则", "region"),
    # the members' table of the Markdown case file
    "id_number": ("身份证号", "ID"),
    # rules diff: a side whose value is unsourced
    "provisional_word": ("暂定", "provisional"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    # meanstest test: the summary line, and what it says of the files and the selection
    "cases.summary": ("{passed} 项通过，{failed} 项失败", "{passed} passed, {failed} failed"),
    "cases.deselected": ("，{n} 项未选中（-k）", ", {n} deselected (-k)"),
    "cases.skipped": (
        "说明：已跳过 {path}：不是测试用例文件（不是用例列表）",
        "note: skipped {path}: not a case file (not a list of cases)",
    ),
    "cases.none_selected": (
        "没有名称包含“{keyword}”的用例（所运行的文件共有 {n} 个用例）",
        "no case name contains '{keyword}' ({n} cases in the files run)",
    ),
    "cases.none_found": (
        "没有找到测试用例（所给的文件和目录中没有用例文件）",
        "no case found (the files and directories given hold no case file)",
    ),
    "cases.junit_written": ("已写入 {path}", "wrote {path}"),
    # meanstest rules new -o FILE: what it wrote, and how its id is found
    "rules_new.written": ("已写入 {path}", "wrote {path}"),
    "rules_new.use_by_id": (
        "要按编号（{code}）使用它，请给出 --rules-dir {folder}，"
        "或把环境变量 MEANSTEST_RULES_DIR 设为该目录",
        "to use it by its id ({code}), give --rules-dir {folder} "
        "or set MEANSTEST_RULES_DIR to that directory",
    ),
    # what a case found wrong
    "case.not_a_field": ("{path}：结果中没有这一项", "{path}: not a field of the result"),
    "case.count": (
        "{path}：预期 {want} 项，实际 {got}",
        "{path}: expected {want} item(s), got {got}",
    ),
    "case.mismatch": ("{path}：预期 {want}，实际 {got}", "{path}: expected {want}, got {got}"),
    "case.hint_money": (
        "（金额请写成带两位小数并加引号的字符串）",
        " (write money as a quoted string with two decimals)",
    ),
    "case.hint_masked": (
        "（已遮蔽；加 --show-personal-data 可看出差别）",
        " (masked; --show-personal-data shows how they differ)",
    ),
    "case.could_not_assess": ("无法核算：{error}", "could not assess: {error}"),
}


# ------------------------------------------------------------------ words of Chinese output

# The units a rule value is written in (`ruleset.amounts`, `ruleset.keys`), in Chinese: a
# value shown to a person says "4560 元/年", not "4560 yuan/year". Every "years" unit of
# the rules is an age. The codes of the values themselves (true, half_up) stay codes.
_UNITS_ZH = {
    "yuan/month": "元/月",
    "yuan/year": "元/年",
    "yuan": "元",
    "months of the monthly standard": "个月的月低保标准",
    "months": "个月",
    "years": "岁",
}
_BASES_ZH = {
    "standard": "低保标准",
    "tekun_basic": "特困人员基本生活标准",
    "minimum_wage": "最低工资标准",
    "minimum_wage_previous_year": "上年度最低工资标准",
    "household_income": "家庭收入",
}
_COMPARISONS_ZH = {"below": "低于", "not above": "不高于", "above": "高于", "not below": "不低于"}
_AMOUNT = re.compile(
    r"(?<![\w.])(-?\d+(?:\.\d+)?(?:/\d+)?) (?:share of (\w+)|("
    + "|".join(sorted(map(re.escape, _UNITS_ZH), key=len, reverse=True))
    + r"))(?![\w/])"
)
_COMPARISON = re.compile(r", (not above|not below|below|above)$")
_ANNUAL = re.compile(r" \(= ([^()]*)\)")  # the value a year, after a monthly one


def in_units(text: str, lang: str) -> str:
    """A rule value as written (``4560 yuan/year``, ``1.3 share of standard``, ``485
    yuan/month (= 5820 yuan/year)``, ``4560 yuan/year, not above``) in the language:
    in Chinese ``4560 元/年``, ``低保标准 × 1.3``, ``4560 元/年，不高于``. English as is."""
    if lang != "zh":
        return text

    def unit(match: re.Match[str]) -> str:
        number, base, name = match.groups()
        if base is not None:
            return f"{_BASES_ZH.get(base, base)} × {number}"
        return f"{number} {_UNITS_ZH[name]}"

    text = _AMOUNT.sub(unit, text)
    text = _ANNUAL.sub(r"（= \1）", text)  # 485 元/月（= 5820 元/年）
    return _COMPARISON.sub(lambda m: f"，{_COMPARISONS_ZH[m.group(1)]}", text)


def cite(source: SourceRef, lang: str) -> str:
    """A one-line citation of a rule value's source in the language (`SourceRef.short`
    in English): 暂定（note） for an unsourced value, the document and （暂定） for a
    provisional one on a cited basis."""
    if lang != "zh":
        return source.short()
    if source.id is None:
        note = source.note_in("zh")
        return "暂定" + (f"（{note}）" if note else "")
    text = " ".join(p for p in (source.title or source.id, source.number, source.article) if p)
    return text + ("（暂定）" if source.provisional else "")


# Trace values that are codes, by step: the label each is shown with.
_TRACE_CODES = {"deduction": "deduction.", "status": "status.", "temporary_approver": "approver."}


def trace_value(step: str, value: object, lang: str) -> str | None:
    """A trace step's value that is a code or nothing, as shown to a person (扣减 for
    ``accepted``, 待核实 for a member's 特困 result not decided, — for none); None for a
    value shown as it is (money, a count)."""
    from .labels import label  # noqa: PLC0415 - labels merges this module's tables

    if value is None:
        return label("tekun.unknown", lang) if step == "tekun" else "—"  # type: ignore[arg-type]
    prefix = _TRACE_CODES.get(step)
    if prefix is not None and isinstance(value, str):
        return label(prefix + value, lang)  # type: ignore[arg-type]
    return None


def trace_shown(step: str, value: object, lang: str) -> str:
    """A trace step's value as the table and Markdown show it: money to the fen, yes or
    no, a code by its label."""
    from .labels import label  # noqa: PLC0415 - labels merges this module's tables

    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, bool):
        return label("yes" if value else "no", lang)  # type: ignore[arg-type]
    return trace_value(step, value, lang) or str(value)


def trace_step(step: str, inputs: Mapping[str, object], lang: str) -> str:
    """A trace step's name, with the member it is about (特困人员认定 · p1) or the item's
    number in the income or deductions table (收入项目 #2): a household's members each
    have a 特困 step, and its income items and deductions a step each."""
    from .labels import label  # noqa: PLC0415 - labels merges this module's tables

    name = label(f"step.{step}", lang)  # type: ignore[arg-type]
    member, item = inputs.get("member"), inputs.get("item")
    if isinstance(member, str) and member:
        return f"{name} · {member}"
    if isinstance(item, int) and not isinstance(item, bool):
        return f"{name} #{item + 1}"  # the tables number the items from 1
    return name


# "1 households" in an English sentence whose count is 1 (issue 15 review): the nouns
# counted in the payroll, notice and refusal sentences, plural possessive included.
_ONE = re.compile(r"(?<![\w.,])1 (household|member|person|record)s\b('?)")


def singular(words: str) -> str:
    """English with "1 households" as "1 household" ("1 households'" as "1 household's")."""
    if "1 " not in words:
        return words
    return _ONE.sub(lambda m: f"1 {m[1]}" + ("'s" if m[2] else ""), words)
