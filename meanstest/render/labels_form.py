"""Labels of the printed documents (the assessment form and the written refusal), in
Chinese and English.

They live apart from `labels` because only the documents use them; `text` looks a key
up here first, then among the common labels, so that a document speaks in one voice.
"""

from __future__ import annotations

from .labels import LABELS, Lang, label
from .labels_tools import singular

FORM: dict[str, tuple[str, str]] = {
    # (zh, en)
    "form.title": ("家庭经济状况核算评估表", "Household Means-Test Assessment Form"),
    "form.scheme": ("最低生活保障", "Minimum living guarantee (dibao, 低保)"),
    "form.household": ("基本情况", "Household"),
    "form.members": ("家庭成员", "Members"),
    "form.incomes": ("家庭收入", "Income"),
    "form.deductions": ("支出扣减", "Deductions"),
    "form.accounting": ("收入核算", "Income accounting"),
    "form.assets": ("财产状况", "Assets"),
    "form.outcome": ("认定结果及救助金", "Decision and benefit"),
    "form.reasons": ("认定理由", "Reasons"),
    "form.basis": ("规则及依据", "Rules and sources"),
    "form.warnings": ("暂定值及非正式出处", "Provisional and unofficial values"),
    "form.checks": ("需核实事项", "To check"),
    "form.signoff": ("审核审批", "Sign-off"),
    "form.investigator": ("调查人", "Investigator"),
    "form.reviewer": ("审核人", "Reviewer"),
    "form.approver": ("审批人", "Approver"),
    "form.opinion": ("意见", "Opinion"),
    "form.signature": ("签字", "Signature"),
    "form.date": ("日期", "Date"),
    "form.date_blank": ("　　　年　　月　　日", "____ / ____ / ______"),
    "form.seal": ("（盖章）", "(seal)"),
    "form.id_number": ("身份证号", "ID number"),
    "form.rule_set": ("规则集", "Rule set"),
    "form.digest": ("规则摘要", "Rules digest"),
    "form.version": ("程序版本", "meanstest version"),
    "form.status": ("认定结果", "Status"),
    "form.benefit": ("月救助金", "Monthly benefit"),
    "form.support": ("每月救助合计", "Paid each month in all"),
    "form.yuan_month": ("元/月", "yuan/month"),
    "form.keys": ("规则键", "Rule keys"),
    "form.source": ("依据", "Source"),
    "form.provisional": ("暂定值，无出处", "provisional, no source"),
    "form.provisional_basis": (
        "暂定值，依据 {basis}，地方取值未确认",
        "provisional, based on {basis}; the local value not confirmed",
    ),
    "form.unofficial": ("非正式文件（{kind}）", "not an official document ({kind})"),
    "form.note": ("说明", "Note"),
    "form.masked": ("姓名、身份证号已部分隐藏。", "Names and ID numbers are partly masked. "),
    "form.made_by": (
        "本表由 meanstest {version} 按 {rules} 规则（{digest}）于 {date} 核算生成，可据以复核。",
        "Made by meanstest {version} under the rules of {rules} ({digest}) as "
        "of {date}; the figures can be reproduced from them.",
    ),
    "form.page": ("第 {page} 页 / 共 {pages} 页", "page {page} of {pages}"),
    "form.none": ("无", "none"),
    "form.ditto": ("同上", "as above"),
    "form.household_id": ("户编号", "Household id"),
    "form.township": ("乡镇（街道）", "Township"),
    "form.village": ("村（社区）", "Village"),
    "form.phase_out": (
        "渐退：{months} 个月，{start} 至 {until}，每月 {monthly} 元",
        "Phase-out: {months} months, {start} to {until}, {monthly} yuan a month",
    ),
    "form.phase_out_ended": ("渐退已于 {until} 结束", "The phase-out ended in {until}"),
    "form.children": ("事实无人抚养儿童", "De-facto unsupported children"),
    "form.tekun_total": ("合计（月）", "Total (per month)"),
    # the written refusal
    "refusal.title": (
        "不予批准最低生活保障告知书",
        "Notice of refusal of the minimum living guarantee",
    ),
    "refusal.to": (
        "申请人：{name}（户编号 {household}）",
        "To the applicant {name} (household {household})",
    ),
    "refusal.to_place": (
        "申请人：{name}（户编号 {household}，{place}）",
        "To the applicant {name} (household {household}, {place})",
    ),
    "refusal.body": (
        "你（户）申请最低生活保障一事，经调查核实和家庭经济状况核算，"
        "依据{rules}规则（核算日期 {date}），认定你户不符合最低生活保障条件，"
        "决定不予批准。",
        "Your household's application for the minimum living guarantee has "
        "been investigated and its means assessed under the rules of {rules} "
        "(as of {date}): the household does not meet the conditions, and the "
        "application is refused.",
    ),
    "refusal.reasons": ("理由如下：", "The reasons:"),
    "refusal.figures": (
        "核算结果：家庭月收入（计入）{counted} 元，共同生活家庭成员 {size} 人，"
        "家庭人均月收入 {per_capita} 元；当地低保标准每人每月 {standard} 元。",
        "The figures: counted household income {counted} yuan a month, "
        "{size} members, {per_capita} yuan a month per person; the local "
        "standard is {standard} yuan per person a month.",
    ),
    "refusal.other": ("认定结果：{status}。", "The household is assessed as: {status}."),
    "refusal.basis": ("依据：", "Rules and sources:"),
    "refusal.law": (
        "本告知书依照《最低生活保障审核确认办法》第二十一条书面告知并说明理由。",
        "This notice is given in writing with its reasons under Article 21 of "
        "the Measures for the Review and Confirmation of the Minimum Living "
        "Guarantee (最低生活保障审核确认办法).",
    ),
    "refusal.review": (
        "如对本决定不服，可以依法申请行政复议，或者依法提起行政诉讼。"
        "家庭情况发生变化的，可以重新提出申请。",
        "If you disagree with this decision, you may apply for administrative "
        "reconsideration or bring an administrative lawsuit, as the law "
        "provides. If your household's circumstances change, you may apply "
        "again.",
    ),
    "refusal.review_body": (
        "行政复议机关：＿＿＿＿＿＿＿＿＿＿＿＿",
        "Reconsideration body: ______________________",
    ),
    "refusal.issuer": ("（审批机关盖章）", "(seal of the approving authority)"),
    "refusal.date": ("　　　　年　　月　　日", "Date: ____ / ____ / ______"),
    "refusal.provisional": (
        "注意：本告知书所依据的规则中有 {count} 项暂定值或非正式出处（{keys}），发出前请核实。",
        "note: this refusal rests on {count} provisional or unofficial "
        "rule values ({keys}); confirm them before the notice is sent",
    ),
    "refusal.made_by": (
        "meanstest {version} · 规则 {rules} {digest} · 核算日期 {date}",
        "meanstest {version} · rules {rules} {digest} · assessed on {date}",
    ),
    "refusal.not_a_case": (
        "户 {household} 的认定结果为“{status}”，不是不予批准的情形，不出具不予批准告知书。",
        "Household {household} is assessed as '{status}': not a refusal, "
        "so no notice of refusal is written.",
    ),
}


def text(key: str, lang: Lang, **values: object) -> str:
    """A document label (or a common one) in the language, with its values filled in."""
    pair = FORM.get(key)
    if pair is None:
        return label(key, lang)
    words = pair[lang == "en"]
    if not values:
        return words
    return singular(words.format(**values)) if lang == "en" else words.format(**values)


__all__ = ["FORM", "LABELS", "text"]
