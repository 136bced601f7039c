"""The descriptions of the fields of the schemes beside dibao, in Chinese and English.

Temporary assistance (临时救助) and the ladder (特困 support, 分类施保 groups): their
input and result fields, merged into `descriptions.FIELDS` (see that module).
"""

from __future__ import annotations

Text = tuple[str, str]  # (zh, en)

# Field name -> description, wherever the name appears.
SCHEME_FIELDS: dict[str, Text] = {
    # temporary assistance (临时救助)
    "hardship": ("突发困难（临时救助用）", "a sudden hardship, for temporary assistance"),
    "temporary_assistance": (
        "临时救助结果；输入有 hardship 时才有",
        "the temporary-assistance result; present when the input has a hardship",
    ),
    "cause": ("困难原因", "cause of the hardship"),
    "date": ("日期", "date"),
    "loss": ("财产损失（元，一次性合计）", "the loss in yuan (a one-off total)"),
    "period_months": ("支出计算的月数", "the months the expenses cover"),
    "covered": (
        "已获保险赔付、赔偿或其他救助（元）",
        "what insurance, compensation or other assistance already paid (yuan)",
    ),
    "insurance": ("保险赔付", "insurance paid"),
    "compensation": ("赔偿", "compensation paid"),
    "other_assistance": ("其他救助", "other assistance paid"),
    "payments": ("近 12 个月已获的临时救助", "temporary-assistance payments of the last 12 months"),
    "unemployment": ("失业情况（原因为失业时）", "unemployment (for the cause unemployment)"),
    "months_without_income": ("无收入的月数", "months without income"),
    "insured": ("是否参加失业保险", "insured against unemployment"),
    "burden": (
        "计入的损失和支出，扣除已获赔付",
        "the loss and expenses that count, less what was already covered",
    ),
    "burden_share": (
        "负担占计算期内家庭收入的比例",
        "the burden as a share of the household's income over the period",
    ),
    "persons": ("按人救助时的人数", "persons, when paid per person"),
    "minimum": ("救助金额下限（元）", "the smallest amount (yuan)"),
    "maximum": ("救助金额上限（元）", "the largest amount (yuan)"),
    "suggested": (
        "按县级分档给出的建议金额；由经办人在范围内确定时为 null",
        "the amount the county's tiers give; null when the caseworker chooses within the range",
    ),
    "tier": ("适用的档次（从 1 起）", "the tier that applied, from 1"),
    "approver": (
        "审批层级：township 乡镇、county 县级、case_by_case 一事一议",
        "who approves: township, county or case_by_case",
    ),
    "township_limit": ("乡镇审批金额上限", "the township's approval limit"),
    "paid_first": ("是否先行救助", "paid first, before the full procedure"),
    "reserve_fund": ("乡镇备用金", "the township's reserve fund"),
    "payments_counted": ("计入次数限制的已获救助", "past payments counted against the limit"),
    "payments_limit": ("同一原因的救助次数上限", "the most payments for the same cause"),
    "window_from": ("计入次数限制的最早日期", "the earliest payment date that counts"),
    "basis": (
        "收入无法核实时的计算依据：minimum_wage 按当地最低工资标准认定（与 amount 二选一）",
        "what an income that cannot be established is imputed on: minimum_wage (instead of amount)",
    ),
    "limit": (
        "该暂定值不符合的限值（一致性检查）",
        "the limit a provisional value fails (a consistency check)",
    ),
    "check": ("一致性检查", "the consistency check"),
    # the ladder: 特困 support and 分类施保 groups
    "township": (
        "乡镇（街道）：发放花名册、公示名单按其分组",
        "township or street office (乡镇/街道): rolls and lists group by it",
    ),
    "village": (
        "村（社区）：发放花名册、公示名单在乡镇内按其分组",
        "village or community (村/社区): rolls and lists group by it in its township",
    ),
    "change": (
        "复核时救助金的变动（输入含 current 时）",
        "how a renewal's payment changes (when the input has current)",
    ),
    "from_status": ("原救助类别（current.status）", "the current status (current.status)"),
    "to_status": ("本次认定结果", "the status now assessed"),
    "from_monthly": (
        "原月救助金（current.monthly_benefit）",
        "the current monthly benefit (current.monthly_benefit)",
    ),
    "to_monthly": (
        "本次核定的月低保金（不含特困供养金）",
        "the monthly benefit now assessed (特困 support apart)",
    ),
    "from_month": (
        "按新结果发放的首月（YYYY-MM）：决定（核算日期）的次月；渐退期已满的，为渐退末月的次月",
        "the first month paid the new way (YYYY-MM): the month after the decision "
        "(the assessment date); for a phase-out that ran out, the month after its "
        "last month",
    ),
    "single_parent_family": (
        "是否单亲家庭（分类施保按单亲家庭分类时）",
        "a single-parent family (for top-up groups that name them)",
    ),
    "tekun_support_mode": (
        "特困供养方式：institutional 集中供养、at_home 分散供养",
        "特困 support mode: institutional or at_home",
    ),
    "support_mode": (
        "供养方式：institutional 集中供养、at_home 分散供养",
        "support mode: institutional or at_home",
    ),
    "support_monthly": (
        "每月救助合计：低保金（含分类施保）加特困人员供养金",
        "everything paid a month: the dibao benefit (top-ups included) plus "
        "the 特困 members' support",
    ),
    "full_standard_monthly": (
        "分类施保成员按全额低保标准发放（而非分摊差额）所增加的金额（每月）",
        "what paying members of 分类施保 groups the full standard, "
        "instead of their share of the gap, adds (a month)",
    ),
    "full_standard": (
        "按全额低保标准发放时，比该成员分摊的差额多出的金额",
        "when a group pays the member the full standard: what that adds to their share",
    ),
}
