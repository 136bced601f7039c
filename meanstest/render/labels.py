"""Every label and message, in Chinese and English.

The engine speaks in codes with parameters; this module turns them into sentences.
A test checks that every code has both languages, so a caseworker never meets a
half-translated screen.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal
from typing import Literal

from ..money import fmt
from . import figures, labels_temporary

Lang = Literal["zh", "en"]

# Parameters that are not money; every other Decimal is written as yuan to the fen.
_PLAIN = frozenset({"multiplier", "months", "size", "count", "max", "reference_months",
                    "age", "age_limit", "grade"})

LABELS: dict[str, tuple[str, str]] = {
    # (zh, en)
    "title": ("低保家庭经济状况核算", "Dibao means test"),
    "household": ("家庭", "Household"),
    "rules": ("规则", "Rules"),
    "as_of": ("核算日期", "Assessed on"),
    "area": ("城乡类别", "Area"),
    "urban": ("城市", "urban"),
    "rural": ("农村", "rural"),
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
    "per_month": ("元/月", "/month"),
    "per_year": ("元/年", "/year"),
    "deductions": ("支出扣减（非生活性固定支出、转移性支出）",
                   "Deductions (fixed non-living and transfer expenses)"),
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
    "shipped": ("随附", "shipped"),
    "yuan": ("元", "yuan"),
    "display_rounding": ("金额显示保留到分（四舍五入）；救助金按规则取整。",
                         "Amounts are shown to the fen (half up); the benefit is rounded as "
                         "the rules say."),
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
    "compare.errors": ("无法核算的记录", "Records that could not be assessed"),
    "movement.enters": ("新纳入", "enter"),
    "movement.leaves": ("退出", "leave"),
    "movement.phase_out": ("进入渐退", "go into phase-out"),
    "movement.gains": ("救助金增加", "get more"),
    "movement.loses": ("救助金减少", "get less"),
    "movement.same": ("不变", "unchanged"),
    "movement.error": ("错误", "errors"),
    # statuses
    "status.dibao": ("低保", "dibao"),
    "status.dibao_single": ("单人户施保", "dibao, single-person enrolment"),
    "status.edge": ("低保边缘家庭", "edge household"),
    "status.rigid_expenditure": ("刚性支出困难家庭", "rigid-expenditure household"),
    "status.not_eligible": ("不符合条件", "not eligible"),
    "status.phase_out": ("低保渐退", "dibao, phasing out"),
    "status.tekun": ("特困供养", "特困 support"),
    # income categories
    "category.wage": ("工资性收入", "wage"),
    "category.business": ("经营净收入", "business"),
    "category.property": ("财产净收入", "property"),
    "category.transfer": ("转移净收入", "transfer"),
    "category.other": ("其他收入", "other"),
    # income line outcomes
    "income.counted": ("计入", "counted"),
    "income.exempt": ("不计入", "not counted"),
    "income.not_member": ("非家庭成员，不计", "not a household member"),
    "income.basis.minimum_wage": ("按最低工资推算", "imputed at the minimum wage"),
    # deduction statuses
    "deduction.accepted": ("扣减", "accepted"),
    "deduction.capped": ("部分扣减", "capped"),
    "deduction.refused": ("不予扣减", "refused"),
    # relations
    "relation.applicant": ("申请人", "applicant"),
    "relation.spouse": ("配偶", "spouse"),
    "relation.child": ("子女", "child"),
    "relation.parent": ("父母", "parent"),
    "relation.grandparent": ("祖父母", "grandparent"),
    "relation.grandchild": ("孙子女", "grandchild"),
    "relation.sibling": ("兄弟姐妹", "sibling"),
    "relation.other": ("其他", "other"),
    # member exclusions
    "excluded.imprisoned": ("服刑，不计入", "in prison, not counted"),
    "excluded.compulsory_rehab": ("强制隔离戒毒，不计入", "in compulsory rehab, not counted"),
    "excluded.missing": ("宣告失踪，不计入", "declared missing, not counted"),
    "excluded.clergy_away": ("宗教教职人员离家满三年，不计入",
                             "clergy living away 3 years or more, not counted"),
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
    "care.full_self_care": ("具备生活自理能力", "full self-care"),
    "care.partial": ("部分丧失生活自理能力", "partly lost"),
    "care.full_loss": ("完全丧失生活自理能力", "fully lost"),
    "tekun.basic": ("基本生活标准（月）", "Basic living/month"),
    "tekun.care": ("照料护理标准（月）", "Care/month"),
    "top_ups": ("分类施保", "Extra support (分类施保)"),
    "groups": ("类别", "Groups"),
    "top_up.paid": ("发放", "Paid"),
    "top_up.top_up": ("增发（月）", "Top-up/month"),
    "top_up.share": ("按差额", "share of the gap"),
    "top_up.full_standard": ("全额低保标准", "the full standard"),
    "tekun_support": ("特困供养金", "特困 support"),
    "support_monthly": ("月救助供养金合计", "Total support a month"),
    "support_mode": ("供养方式", "Support"),
    "support_mode.institutional": ("集中供养", "institutional"),
    "support_mode.at_home": ("分散供养", "at home"),
    "phase_out": ("渐退", "Phase-out"),
    "rigid": ("刚性支出困难家庭", "Rigid-expenditure household"),
    "children": ("事实无人抚养儿童", "De-facto unsupported children"),
    "alternatives": ("两种计算方式比较", "Both methods compared"),
    "formula.tiered": ("分档：每人档次金额 × 人数", "tiered: the tier's amount per person × size"),
    "formula.phase_out": ("渐退期内按原救助金发放", "the current benefit, kept during phase-out"),
    "formula.top_ups": ("加分类施保", "plus extra support"),
    "formula.full_standard": ("加全额保障成员的补足", "plus the full standard for members "
                              "paid it"),
    "single_person": ("可单人户施保", "may be enrolled alone"),
    # benefit formula and rounding
    "formula.household_gap": ("低保标准 × 人数 − 家庭计入月收入",
                              "standard × size − counted monthly income"),
    "formula.single_person_sum": ("Σ（低保标准 − 本人计入月收入）",
                                  "Σ (standard − the member's own counted monthly income)"),
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
    "stage.household_benefit": ("按户取整一次", "once, on the household benefit"),
    "stage.member_benefit": ("按人取整后相加", "per member, then added"),
    "disability": ("残疾", "disability"),
    "disability.visual": ("视力", "visual"),
    "disability.hearing": ("听力", "hearing"),
    "disability.speech": ("言语", "speech"),
    "disability.physical": ("肢体", "physical"),
    "disability.intellectual": ("智力", "intellectual"),
    "disability.mental": ("精神", "mental"),
    "disability.multiple": ("多重", "multiple"),
    "parent.present": ("在家且有抚养能力", "present"),
    # A parent's conditions, and for each "not lasted long enough" and "since when?".
    **{f"parent.{code}{suffix}": (zh + zh_suffix, en + en_suffix)
       for code, (zh, en) in {
           "dead": ("死亡", "dead"),
           "missing": ("失踪", "missing"),
           "severely_disabled": ("重残", "severely disabled"),
           "seriously_ill": ("重病", "seriously ill"),
           "imprisoned": ("服刑在押", "imprisoned"),
           "compulsory_rehab": ("强制隔离戒毒", "in compulsory drug rehabilitation"),
           "restricted_liberty": ("被执行其他限制人身自由的措施",
                                  "under another restriction of liberty"),
           "lost_contact": ("失联", "out of contact"),
           "guardianship_revoked": ("被撤销监护资格", "deprived of guardianship"),
           "deported": ("被遣送（驱逐）出境", "deported"),
       }.items()
       for suffix, zh_suffix, en_suffix in (("", "", ""),
                                            ("_too_recent", "不满规定期限", " too recently"),
                                            ("_unknown_since", "（期限未知）",
                                             " (since when?)"))},
    "vehicle.car": ("小汽车", "car"),
    "vehicle.truck": ("货车", "truck"),
    "vehicle.motorcycle": ("摩托车", "motorcycle"),
    "vehicle.tricycle": ("三轮车", "tricycle"),
    "vehicle.farm_machine": ("农用机械", "farm machine"),
    "condition.employed": ("就业", "employed"),
    "condition.disabled": ("残疾", "disabled"),
    "condition.serious_illness": ("重病", "seriously ill"),
    "condition.in_education": ("在校就读", "in education"),
    "grade": ("级", "grade"),
    "serious_illness": ("重病", "serious illness"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    # status reasons
    "below_standard": ("家庭人均收入 {per_capita} 元/月，低于低保标准 {standard} 元/月。",
                       "Per-capita counted income ¥{per_capita}/month is below the dibao "
                       "standard ¥{standard}/month."),
    "above_standard": ("家庭人均收入 {per_capita} 元/月，不低于低保标准 {standard} 元/月。",
                       "Per-capita counted income ¥{per_capita}/month is not below the dibao "
                       "standard ¥{standard}/month."),
    "below_edge": ("人均收入低于低保边缘标准 {edge} 元/月（低保标准的 {multiplier} 倍），"
                   "为低保边缘家庭。",
                   "Per-capita income is below the edge threshold ¥{edge}/month "
                   "({multiplier} × the standard): an edge household."),
    "above_edge": ("人均收入不低于低保边缘标准 {edge} 元/月（低保标准的 {multiplier} 倍）。",
                   "Per-capita income is not below the edge threshold ¥{edge}/month "
                   "({multiplier} × the standard)."),
    "within_standard": ("家庭人均收入 {per_capita} 元/月，不高于低保标准 {standard} 元/月。",
                        "Per-capita counted income ¥{per_capita}/month is not above the dibao "
                        "standard ¥{standard}/month."),
    "over_standard": ("家庭人均收入 {per_capita} 元/月，高于低保标准 {standard} 元/月。",
                      "Per-capita counted income ¥{per_capita}/month is above the dibao "
                      "standard ¥{standard}/month."),
    "within_edge": ("人均收入不高于低保边缘标准 {edge} 元/月（低保标准的 {multiplier} 倍），"
                    "为低保边缘家庭。",
                    "Per-capita income is not above the edge threshold ¥{edge}/month "
                    "({multiplier} × the standard): an edge household."),
    "over_edge": ("人均收入高于低保边缘标准 {edge} 元/月（低保标准的 {multiplier} 倍）。",
                  "Per-capita income is above the edge threshold ¥{edge}/month "
                  "({multiplier} × the standard)."),
    "gap_rounds_to_nothing": ("按精确收入认定为低保对象；差额 {before} 元按取整规则为 0 元，"
                              "本月无救助金可发。",
                              "Eligible on the exact figures; the gap of ¥{before} rounds to "
                              "nothing under the rounding rule, so nothing is paid."),
    "minimum_benefit": ("差额 {before} 元低于最低救助金额，按 {after} 元发放。",
                        "The gap of ¥{before} is below the minimum benefit: ¥{after} is "
                        "paid."),
    "phase_out_ceiling": ("人均收入已达到 {limit} 元/月，超过渐退上限，不予渐退。",
                          "Per-capita income has reached ¥{limit}/month, the phase-out "
                          "ceiling: no phase-out."),
    "assets_failed": ("财产状况不符合规定：{tests}。", "The asset test failed: {tests}."),
    "single_person": ("成员 {member} 可单人户施保，月救助 {benefit} 元。",
                      "Member {member} may be enrolled alone, ¥{benefit}/month."),
    "nothing_to_pay": ("按规则计算的救助金为 0（差额 {before} 元），不予纳入低保。",
                       "The benefit under the rules comes to nothing (a gap of ¥{before}), "
                       "so the household is not enrolled."),
    "all_tekun": ("家庭 {count} 名成员均为特困人员，按特困人员供养，不作低保核算。",
                  "Every member ({count}) is 特困 and supported as such: no dibao test is "
                  "made."),
    "single_person_below": ("成员 {member} 可单人户施保，月救助 {benefit} 元：家庭人均收入 "
                            "{per_capita} 元/月，低于低保标准的 {multiplier} 倍（{limit} 元）。",
                            "Member {member} may be enrolled alone, ¥{benefit}/month: the "
                            "family's per-capita income ¥{per_capita}/month is below "
                            "{multiplier} × the standard (¥{limit})."),
    "single_person_not_above": ("成员 {member} 可单人户施保，月救助 {benefit} 元：家庭人均收入 "
                                "{per_capita} 元/月，不高于低保标准的 {multiplier} 倍"
                                "（{limit} 元）。",
                                "Member {member} may be enrolled alone, ¥{benefit}/month: the "
                                "family's per-capita income ¥{per_capita}/month is not above "
                                "{multiplier} × the standard (¥{limit})."),
    "phase_out": ("因就业收入超过标准，给予 {months} 个月渐退期，"
                  "按原救助金 {benefit} 元发放至 {until}。",
                  "Income rose above the standard through work: the benefit of ¥{benefit} "
                  "continues for a {months}-month phase-out, until {until}."),
    "phase_out_ended": ("渐退期已于 {until} 结束，停发救助金。",
                        "The phase-out ended in {until}; the benefit stops."),
    # 特困
    "tekun_elderly": ("年满 {age_limit} 周岁（{age} 岁）", "aged {age}, {age_limit} or over"),
    "tekun_minor": ("未满 {age_limit} 周岁（{age} 岁）", "aged {age}, under {age_limit}"),
    "tekun_student": ("{age} 岁，仍在校就读", "aged {age}, still at school"),
    "tekun_disabled": ("{category}残疾 {grade} 级", "{category} disability, grade {grade}"),
    "tekun_can_work": ("{age} 岁，有劳动能力", "aged {age}, able to work"),
    "tekun_income_over": ("本人收入 {income} 元/月，不低于低保标准 {standard} 元/月",
                          "own income ¥{income}/month, not below the standard ¥{standard}"),
    "tekun_income_under": ("本人收入 {income} 元/月，低于低保标准 {standard} 元/月",
                           "own income ¥{income}/month, below the standard ¥{standard}"),
    "tekun_property_over": ("本人财产不符合规定：{tests}", "own property over the limits: {tests}"),
    "tekun_household_means": ("家庭共有收入 {income} 元/月、共有财产 {count} 项未落实到个人，"
                              "需核实本人份额",
                              "household income ¥{income}/month and {count} property item(s) "
                              "not attributed to a member: verify this member's share"),
    "tekun_supporter_in_household": ("共同生活的 {supporter} 有履行能力",
                                     "co-resident {supporter} is able to support"),
    "tekun_supporter_outside": ("义务人（{relation}）有履行能力",
                                "a supporter ({relation}) is able to support"),
    "tekun_supporters_unknown": ("未申报赡养、抚养、扶养义务人", "supporters not declared"),
    "tekun_supporter_maybe_tekun": ("同住的 {supporter} 可能也是特困人员（待核实），是则无履行能力",
                                    "co-resident {supporter} may be 特困 too (to verify), "
                                    "and then cannot support"),
    "tekun_supporters_tekun": ("同住的 {supporter} 也是特困人员，无履行能力；户外无有能力的义务人",
                               "co-resident {supporter} also 特困, so unable to support; "
                               "no able supporter outside"),
    "tekun_supporters_unable": ("{count} 名义务人均无履行能力", "all {count} supporters unable"),
    "tekun_no_supporters": ("无法定义务人", "no statutory supporter"),
    "tekun_care_not_set": ("规则未设照料护理标准（{key}）",
                           "the rules have no care standard ({key})"),
    "tekun_mode_assumed": ("未说明供养方式，按分散供养标准计算",
                           "support mode not given: the at-home (分散供养) standard applies"),
    # 刚性支出
    "rigid_not_set": ("规则缺少 {key}，未作刚性支出困难家庭认定",
                      "not tested: the rules have no {key}"),
    "rigid_income_over": ("人均收入 {per_capita} 元/月，不低于上年人均可支配收入 {limit} 元/月",
                          "per-capita income ¥{per_capita}/month is not below last year's "
                          "disposable income ¥{limit}/month"),
    "rigid_met": ("刚性支出 {spent} 元/月，占家庭收入 {income} 元/月的比例 {share} "
                  "超过 {threshold}",
                  "rigid expenditure ¥{spent}/month is {share} of income ¥{income}/month, "
                  "above {threshold}"),
    "rigid_income_above": ("人均收入 {per_capita} 元/月，高于上年人均可支配收入 {limit} 元/月",
                           "per-capita income ¥{per_capita}/month is above last year's "
                           "disposable income ¥{limit}/month"),
    "rigid_met_not_below": ("刚性支出 {spent} 元/月，占家庭收入 {income} 元/月的比例 {share} "
                            "不低于 {threshold}",
                            "rigid expenditure ¥{spent}/month is {share} of income "
                            "¥{income}/month, not below {threshold}"),
    "rigid_share_below": ("刚性支出 {spent} 元/月，占家庭收入 {income} 元/月的比例 {share} 低于 "
                          "{threshold}",
                          "rigid expenditure ¥{spent}/month is {share} of income "
                          "¥{income}/month, below {threshold}"),
    "rigid_share_under": ("刚性支出 {spent} 元/月，占家庭收入 {income} 元/月的比例 {share} 未超过 "
                          "{threshold}",
                          "rigid expenditure ¥{spent}/month is {share} of income "
                          "¥{income}/month, not above {threshold}"),
    # 事实无人抚养儿童
    "child_unsupported": ("父母情况：{parents}，属于事实无人抚养儿童",
                          "parents: {parents}: a de-facto unsupported child"),
    "child_supported": ("父母情况：{parents}，不属于事实无人抚养儿童",
                        "parents: {parents}: not a de-facto unsupported child"),
    "single_person_may_apply": ("{member} 为成年无业重度残疾人，"
                                "可作为单人户单独申请低保（待核实）。",
                                "{member}, an adult severely disabled and without work, may "
                                "apply alone as a single-person household (to verify)."),
    "child_to_verify": ("父母情况：{parents}，是否属于事实无人抚养儿童待核实",
                        "parents: {parents}: whether a de-facto unsupported child is to "
                        "verify"),
    # deductions
    "accepted": ("按规则全额扣减", "deducted in full"),
    "netted": ("转移性支出，从收入中扣除", "transfer expenditure, netted from income"),
    "not_member": ("{member} 不是计入的家庭成员", "{member} is not a counted member"),
    "not_deductible": ("本地规则不允许扣减（{key}）", "not deductible under these rules ({key})"),
    "no_rule": ("规则中没有此项扣减（{key}）", "the rules have no such deduction ({key})"),
    "needs_member": ("须指明成员（条件：{condition}）",
                     "needs a member (condition: {condition})"),
    "condition_not_met": ("成员 {member} 不符合条件：{condition}",
                          "member {member} does not meet the condition: {condition}"),
    "above_threshold": ("超过扣减起点 {start} 元/月的部分予以扣减，扣减 {allowed} 元/月",
                        "only the part above the threshold ¥{start}/month is deducted: "
                        "{allowed}/month"),
    "below_threshold": ("家庭此类支出未超过扣减起点 {start} 元/月，不予扣减",
                        "the household's claims of this type are within the threshold "
                        "¥{start}/month: nothing deducted"),
    "capped_per_item_monthly": ("单项上限，允许 {allowed} 元/月",
                                "per-item cap, {allowed}/month allowed"),
    "capped_per_person_monthly": ("每人上限 {cap} 元/月，允许 {allowed} 元/月",
                                  "per-person cap ¥{cap}/month, {allowed}/month allowed"),
    "capped_per_household_monthly": ("每户上限 {cap} 元/月，允许 {allowed} 元/月",
                                     "per-household cap ¥{cap}/month, {allowed}/month allowed"),
    "capped_share_of_income": ("不超过收入的 {share}，允许 {allowed} 元/月",
                               "at most {share} of income, {allowed}/month allowed"),
    # assets
    "financial_ok": ("人均 {per_capita} 元，不超过上限 {limit} 元（{months} 个月标准）",
                     "¥{per_capita} per person, within the limit ¥{limit} ({months} months "
                     "of the standard)"),
    "financial_over": ("人均 {per_capita} 元，超过上限 {limit} 元（{months} 个月标准）",
                       "¥{per_capita} per person, above the limit ¥{limit} ({months} months "
                       "of the standard)"),
    "financial_unlimited": ("人均 {per_capita} 元，无上限", "¥{per_capita} per person, no limit"),
    "vehicle_ok": ("车辆（{kinds}）不影响认定", "vehicles ({kinds}) allowed"),
    "vehicle_over": ("有不允许的车辆：{kinds}", "vehicles not allowed: {kinds}"),
    "housing_ok": ("住房 {count} 套，上限 {max} 套", "{count} house(s), at most {max}"),
    "housing_over": ("住房 {count} 套，超过上限 {max} 套", "{count} houses, more than {max}"),
    "business_ok": ("经营主体 {count} 个，允许", "{count} business(es), allowed"),
    "business_over": ("有登记注册的经营主体", "owns a registered business"),
    "not_tested": ("{types}：规则未设核查", "{types}: no test in the rules"),
    # thresholds
    "margin_below": ("家庭月收入比{name}线低 {amount} 元。",
                     "Monthly household income is ¥{amount} below the {name} threshold."),
    "margin_above": ("家庭月收入再低 {amount} 元以上即可达到{name}线以下。",
                     "Would fall below the {name} threshold if monthly household income were "
                     "more than ¥{amount} lower."),
    "threshold.dibao": ("低保", "dibao"),
    "threshold.edge": ("低保边缘", "edge"),
    # warnings
    "provisional_value_sourced": ("暂定值：{key} = {value}，自 {since} 起；依据{basis}，"
                                  "地方取值未确认。{note}",
                                  "Provisional value: {key} = {value} since {since}; based on "
                                  "{basis}, the local value not confirmed. {note}"),
    "provisional_value": ("暂定值（无出处）：{key} = {value}，自 {since} 起。{note}",
                          "Provisional (unsourced) value: {key} = {value} since {since}. {note}"),
    "unofficial_source": ("非正式文件出处：{key} {value}，出自{kind_label}（{title}）。",
                          "Not from an official document: {key} {value} comes from a "
                          "{kind_label} ({title})."),
    "unofficial_source_short": ("出自{kind_label}（{title}），非正式文件",
                                "from a {kind_label} ({title}), not an official document"),
    "id_number_birth_date": ("成员 {member} 的身份证号中的出生日期为 {id_birth_date}，"
                             "与申报的出生日期 {birth_date} 不符；核算按申报的出生日期，请核实。",
                             "Member {member}: the ID number gives the birth date "
                             "{id_birth_date}, not the declared {birth_date}; the declared "
                             "date is used. Check which is right."),
    "id_number_age": ("成员 {member} 的身份证号中的出生日期为 {id_birth_date}，核算日应为 {id_age} "
                      "岁，与申报的年龄 {age} 岁不符；核算按申报的年龄，请核实。",
                      "Member {member}: the ID number gives the birth date {id_birth_date}, "
                      "aged {id_age} on the assessment date, not the declared age {age}; the "
                      "declared age is used. Check which is right."),
    # a consistency check that a provisional value fails (ruleset.checks.Breach)
    "below_minimum": ("{key} 为 {value}，低于{when}{level}最低标准 {limit}"
                      "（检查：{check}；出处：{basis}）。该值为暂定值，请核实。",
                      "{key} {value} is below the {level} minimum {limit}{when} (check: "
                      "{check}; source: {basis}). The value is provisional: confirm it."),
    "not_above_limit": ("{key} 为 {value}，未高于{when}{level}下限 {limit}（应高于该值；"
                        "检查：{check}；出处：{basis}）。该值为暂定值，请核实。",
                        "{key} {value} is not above the {level} limit {limit}{when}, which "
                        "it must exceed (check: {check}; source: {basis}). The value is "
                        "provisional: confirm it."),
    "above_maximum": ("{key} 为 {value}，高于{when}{level}上限 {limit}"
                      "（检查：{check}；出处：{basis}）。该值为暂定值，请核实。",
                      "{key} {value} is above the {level} maximum {limit}{when} (check: "
                      "{check}; source: {basis}). The value is provisional: confirm it."),
    "not_below_limit": ("{key} 为 {value}，未低于{when}{level}上限 {limit}（应低于该值；"
                        "检查：{check}；出处：{basis}）。该值为暂定值，请核实。",
                        "{key} {value} is not below the {level} limit {limit}{when}, which "
                        "it must stay under (check: {check}; source: {basis}). The value is "
                        "provisional: confirm it."),
    "not_as_required": ("{key} 为 {value}，不符合{when}{level}规定值 {limit}"
                        "（检查：{check}；出处：{basis}）。该值为暂定值，请核实。",
                        "{key} {value} is not the {level} value {limit} required{when} "
                        "(check: {check}; source: {basis}). The value is provisional: "
                        "confirm it."),
    "below_minimum_short": ("低于{when}{level}最低标准 {limit}（{basis}）",
                            "below the {level} minimum {limit}{when} ({basis})"),
    "not_above_limit_short": ("未高于{when}{level}下限 {limit}（{basis}）",
                              "not above the {level} limit {limit}{when}, which it must "
                              "exceed ({basis})"),
    "above_maximum_short": ("高于{when}{level}上限 {limit}（{basis}）",
                            "above the {level} maximum {limit}{when} ({basis})"),
    "not_below_limit_short": ("未低于{when}{level}上限 {limit}（{basis}）",
                              "not below the {level} limit {limit}{when}, which it must stay "
                              "under ({basis})"),
    "not_as_required_short": ("不符合{when}{level}规定值 {limit}（{basis}）",
                              "not the {level} value {limit} required{when} ({basis})"),
    # rules validate: dates with no dibao standard in force
    "no_standard": ("{dates} 没有生效的低保标准（{keys}）：此规则集无法核算任何家庭",
                    "on {dates} no dibao standard is in force ({keys}): this rule set "
                    "cannot assess a household"),
    "no_standard_parent": ("{dates} 没有生效的低保标准（{keys}）：此规则集不能直接核算家庭，"
                           "继承它的规则文件须规定标准",
                           "on {dates} no dibao standard is in force ({keys}): this rule "
                           "set cannot assess a household itself; a file that extends it "
                           "must give one"),
    "no_area_standard": ("{dates} 没有生效的{area}低保标准（{keys}）：无法核算{area}家庭",
                         "on {dates} no {area} dibao standard is in force ({keys}): "
                         "{area} households cannot be assessed"),
    # {when} in the sentences above: since when the limit is in force (if it has a date)
    "limit_since": ("自 {since} 起施行的", " in force since {since}"),
    "kind.news": ("新闻报道", "news report"),
    "kind.secondary": ("二手资料", "secondary source"),
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
        return f"{(value * 100).quantize(Decimal('0.1')).normalize():f}%"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if name in _PLAIN else fmt(value)
    return str(value)


# Parameters whose values are codes (or comma-separated codes) with labels of their own.
_CODED = {"category": "disability.", "parents": "parent.", "tests": "asset.",
          "relation": "relation.", "condition": "condition.", "kinds": "vehicle.",
          "level": "level_adj."}

# Temporary assistance keeps its vocabulary in a module of its own.
LABELS.update(labels_temporary.LABELS)
MESSAGES.update(labels_temporary.MESSAGES)
_CODED.update(labels_temporary.CODED)


def _translated(name: str, text: str, lang: Lang) -> str:
    prefix = _CODED[name]
    return ", ".join(label(prefix + part, lang) if prefix + part in LABELS else part
                     for part in text.split(", "))


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
    return pair[lang == "en"].format_map(_Defaults(values)).strip()


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
