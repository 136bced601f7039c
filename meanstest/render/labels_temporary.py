"""Labels and messages of temporary assistance (临时救助), in Chinese and English.

`labels` merges them into its tables, so `label` and `message` find them like any
other; they live here to keep the scheme's vocabulary in one place.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # (zh, en)
    "temporary": ("临时救助", "Temporary assistance (临时救助)"),
    "temporary.type": ("救助类型", "Type"),
    "temporary.cause": ("困难原因", "Cause"),
    "temporary.date": ("困难发生日期", "Date of the hardship"),
    "temporary.eligible": ("是否符合", "Eligible"),
    "temporary.burden": ("需自负的损失和支出", "Loss and expense not covered"),
    "temporary.covered": ("已获赔付或救助", "Already covered"),
    "temporary.range": ("救助金额范围", "Amount range"),
    "temporary.suggested": ("建议救助金额", "Suggested amount"),
    "temporary.approver": ("审批", "Approved by"),
    "temporary.paid_first": ("先行救助", "Paid first"),
    "temporary.payments": ("同一原因已获救助", "Payments for the same cause"),
    "temporary.reasons": ("说明", "Why"),
    "temporary.undecided": ("待核实", "to verify"),
    "temporary.none": ("—", "—"),
    "temporary.township_limit_unsourced": (
        "未有出处：暂以县级为审批机关",
        "not sourced: the county is named as approver",
    ),
    "temporary.caseworker": ("由经办人在范围内确定", "chosen within the range by the caseworker"),
    "approver.township": ("乡镇（街道）审批", "the township"),
    "approver.county": ("县级民政部门审批", "the county"),
    "approver.case_by_case": ("一事一议", "case by case (一事一议)"),
    "per.household": ("按户", "per household"),
    "per.person": ("按人", "per person"),
    "step.temporary": ("临时救助", "temporary assistance"),
    "step.temporary_cause": ("临时救助：困难原因", "temporary assistance: cause"),
    "step.temporary_unemployment": ("临时救助：失业情形", "temporary assistance: unemployment"),
    "step.temporary_income": ("临时救助：收入", "temporary assistance: income"),
    "step.temporary_payments": (
        "临时救助：同一原因救助次数",
        "temporary assistance: payments for the same cause",
    ),
    "step.temporary_amount": ("临时救助：金额", "temporary assistance: amount"),
    "step.temporary_approver": ("临时救助：审批", "temporary assistance: approval"),
    "step.temporary_paid_first": ("临时救助：先行救助", "temporary assistance: paid first"),
    # compare
    "compare.temporary": ("临时救助（一次性，元）", "Temporary assistance (one-off, yuan)"),
    "compare.temporary_cases": ("有困难情形的家庭", "Households with a hardship"),
    "compare.temporary_eligible": ("符合条件", "Eligible"),
    "compare.temporary_to_verify": ("待核实（规则未设所需值）", "To verify (a value not set)"),
    "compare.temporary_suggested": (
        "按建议金额（未分档按最低）",
        "At the suggested amounts (the minimum where no tier)",
    ),
    "compare.temporary_maximum": (
        "按最高金额（未分档时）",
        "At the maximum (where no tier suggests)",
    ),
}

MESSAGES: dict[str, tuple[str, str]] = {
    "temp_not_in_force": (
        "{date} 没有生效的临时救助规则。",
        "No temporary-assistance rules are in force on {date}.",
    ),
    "temp_not_set": ("规则缺少 {key}，此项待核实。", "The rules have no {key}: to verify."),
    "temp_cause_accepted": (
        "困难原因（{cause}）属于急难型临时救助的情形。",
        "The cause ({cause}) qualifies for emergency assistance.",
    ),
    "temp_cause_not_accepted": (
        "困难原因（{cause}）不属于本地规则所列急难型临时救助的情形（{key}）。",
        "The cause ({cause}) is not one the rules accept for emergency assistance ({key}).",
    ),
    "temp_unemployed_months": (
        "连续无收入 {months} 个月，满 {min} 个月。",
        "No income for {months} months: at least {min}.",
    ),
    "temp_unemployed_too_short": (
        "连续无收入 {months} 个月，不满 {min} 个月。",
        "No income for {months} months: fewer than {min}.",
    ),
    "temp_unemployed_insured": (
        "参加了失业保险，不属于此情形。",
        "Insured against unemployment: not this case.",
    ),
    "temp_unemployed_on_dibao": ("已纳入低保，不属于此情形。", "On dibao: not this case."),
    "temp_expenditure_not_in_force": (
        "{date} 没有生效的支出型临时救助规则。",
        "No expenditure-type rules are in force on {date}.",
    ),
    "temp_no_expense": (
        "没有计入的生活必需支出（{expense_types}）。",
        "No essential expense that counts ({expense_types}).",
    ),
    "temp_income_below": (
        "家庭人均收入 {per_capita} 元/月，低于上年度人均可支配收入 {limit} 元/月。",
        "Per-capita income ¥{per_capita}/month is below last year's "
        "per-capita disposable income ¥{limit}/month.",
    ),
    "temp_income_not_below": (
        "家庭人均收入 {per_capita} 元/月，不低于上年度人均可支配收入 {limit} 元/月。",
        "Per-capita income ¥{per_capita}/month is not below last year's "
        "per-capita disposable income ¥{limit}/month.",
    ),
    "temp_income_not_above": (
        "家庭人均收入 {per_capita} 元/月，不高于上年度人均可支配收入 {limit} 元/月。",
        "Per-capita income ¥{per_capita}/month is not above last year's "
        "per-capita disposable income ¥{limit}/month.",
    ),
    "temp_income_above": (
        "家庭人均收入 {per_capita} 元/月，高于上年度人均可支配收入 {limit} 元/月。",
        "Per-capita income ¥{per_capita}/month is above last year's "
        "per-capita disposable income ¥{limit}/month.",
    ),
    "temp_property_ok": ("家庭财产状况符合规定。", "Property meets the rules."),
    "temp_property_failed": (
        "家庭财产状况不符合规定：{tests}。",
        "Property fails the rules: {tests}.",
    ),
    "temp_no_amounts": (
        "未填写损失或支出金额，困难程度无法衡量。",
        "No loss or expense is given: the burden cannot be weighed.",
    ),
    "temp_fully_covered": (
        "损失和支出 {gross} 元已由保险、赔偿或其他救助（{covered} 元）全部覆盖。",
        "The loss and expense of ¥{gross} are fully covered by insurance, "
        "compensation or other assistance (¥{covered}).",
    ),
    "temp_burden": (
        "损失和支出 {gross} 元，扣除已获赔付或救助 {covered} 元，需自负 {burden} 元，"
        "为 {months} 个月家庭收入的 {share}。",
        "Loss and expense ¥{gross}, less ¥{covered} already covered: ¥{burden} "
        "to bear, {share} of {months} months of household income.",
    ),
    "temp_payments_within": (
        "自 {since} 起同一原因已获临时救助 {count} 次（上限 {max} 次）。",
        "{count} payment(s) for the same cause since {since} (at most {max}).",
    ),
    "temp_payments_limit": (
        "自 {since} 起同一原因已获临时救助 {count} 次，达到 {months} 个月内 {max} 次的上限。",
        "{count} payments for the same cause since {since}: the limit of "
        "{max} in {months} months is reached.",
    ),
    "temp_not_income": (
        "临时救助金属于政府发放的社会救助款物，不计入低保家庭收入（{key}）。",
        "Temporary assistance is government social assistance, not counted "
        "as income for dibao ({key}).",
    ),
    "temp_counted_as_income": (
        "注意：本规则将政府发放的社会救助款物计入家庭收入（{key}）。",
        "Note: these rules count government social assistance as income ({key}).",
    ),
    "temp_amount_not_set": (
        "规则未设临时救助金额（{key}），金额待定。",
        "The rules set no temporary-assistance amount ({key}).",
    ),
    "temp_range": (
        "救助金额 {minimum}–{maximum} 元（{per}，{persons} 人）。",
        "Amount ¥{minimum}–¥{maximum} ({per}, {persons} person(s)).",
    ),
    "temp_capped": ("每次救助不超过 {cap} 元。", "At most ¥{cap} a payment."),
    "temp_tier": (
        "按困难程度第 {tier} 档，建议救助 {suggested} 元。",
        "Tier {tier} by the burden: ¥{suggested} suggested.",
    ),
    "temp_clamped": (
        "档次金额 {before} 元调整到金额范围内：{after} 元。",
        "The tier's ¥{before} is brought within the range: ¥{after}.",
    ),
    "temp_caseworker_choice": (
        "本地规则未分档：由经办人在金额范围内确定。",
        "The rules set no tiers: the caseworker chooses within the range.",
    ),
    "temp_case_by_case": (
        "需自负 {burden} 元，超过 {limit} 元：一事一议，由县级研究确定。",
        "¥{burden} to bear, above ¥{limit}: decided case by case (一事一议) by the county.",
    ),
    "temp_larger_case": (
        "需自负 {burden} 元，超过最高救助金额 {maximum} 元；困难较大的可一事一议"
        "（规则未设金额界线）。",
        "¥{burden} to bear is above the largest payment ¥{maximum}; larger "
        "cases may be decided case by case (the rules set no line).",
    ),
    "temp_approver_county": ("由县级民政部门审批。", "Approved by the county."),
    "temp_approver_township": (
        "金额 {amount} 元不超过乡镇审批权限 {limit} 元，由乡镇（街道）审批。",
        "¥{amount} is within the township's limit of ¥{limit}: approved by the township.",
    ),
    "temp_approver_over_township": (
        "金额 {amount} 元超过乡镇审批权限 {limit} 元，由县级审批。",
        "¥{amount} is above the township's limit of ¥{limit}: approved by the county.",
    ),
    "temp_township_limit_unknown": (
        "审批权限已下放乡镇，但乡镇审批金额上限未有出处，暂由县级审批。",
        "Approval is delegated to townships, but the township's "
        "limit is not sourced: the county is named as approver.",
    ),
    "temp_paid_first": (
        "可先行救助，事后补齐手续。",
        "May be paid first, with the paperwork completed afterwards.",
    ),
    "temp_paid_first_reserve": (
        "可先行救助（由乡镇临时救助备用金支付，备用金不少于 {fund} 元），事后补齐手续。",
        "May be paid first from the township's reserve fund (at least "
        "¥{fund}), with the paperwork completed afterwards.",
    ),
    "temp_not_paid_first": (
        "按规定程序审核审批后发放，不先行救助。",
        "Paid after the full review and approval, not first.",
    ),
    # the warning when a township may approve but its limit is not sourced
    "township_limit_unsourced": (
        "乡镇审批金额上限（{key}）未有出处：结果暂以县级为审批机关。{note}",
        "The township approval limit ({key}) is not sourced: the "
        "county is named as approver until it is. {note}",
    ),
}

# Message parameters whose values are codes with labels of their own (see `labels`).
CODED: dict[str, str] = {"cause": "cause.", "per": "per.", "expense_types": "hexpense."}
