"""Labels and sentences of the payment roll (发放花名册), the publication list (公示名单)
and the payment change of a renewal, in Chinese and English (merged into `labels`).
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # (zh, en)
    # the payment change of a renewal
    "change": ("救助金变动", "Payment change"),
    "change.kind": ("变动情况", "Change"),
    "change.from_month": ("起始月份", "From"),
    "change.more": ("增发", "more"),
    "change.less": ("减发", "less"),
    "change.unchanged": ("不变", "unchanged"),
    "change.stopped": ("停发", "stopped"),
    "change.phase_out": ("渐退", "phase-out"),
    "change.started": ("新纳入", "started"),
    # the payment roll
    "payroll.month": ("发放月份", "Month paid"),
    "payroll.assessed": ("核算日期", "Assessed on"),
    # the month and dates of a roll with no household assessed (an empty roll, or one of
    # errors only) and no --month
    "payroll.none": ("无（没有核算结果）", "none (no household was assessed)"),
    "payroll.rules": ("核算规则", "Rules"),
    "payroll.version": ("程序版本", "meanstest version"),
    "payroll.unit": ("金额单位：元", "Amounts in yuan"),
    "payroll.masked": (
        "姓名、身份证号已部分隐去（--show-personal-data 显示全文）",
        "Names and ID numbers are masked (--show-personal-data shows them)",
    ),
    "payroll.shown": (
        "含完整姓名、身份证号：注意保管",
        "Names and ID numbers shown in full: keep this roll safe",
    ),
    "payroll.sheet": ("发放花名册", "payroll"),
    "payroll.errors_sheet": ("错误记录", "errors"),
    "payroll.not_paid_sheet": ("未列入发放", "not paid"),
    "payroll.none_given": ("（未填）", "(not given)"),
    "payroll.total": ("总计", "Total"),
    # the columns of the roll
    "col.no": ("序号", "No."),
    "col.township": ("乡镇（街道）", "Township"),
    "col.village": ("村（社区）", "Village"),
    "col.household_id": ("户编号", "Household"),
    "col.payee": ("户主（保障对象）", "Payee"),
    "col.id_number": ("身份证号", "ID number"),
    "col.status": ("保障类别", "Status"),
    "col.gap": ("差额救助金", "Gap"),
    "col.classified": ("分类施保金", "分类施保"),
    "col.tekun": ("特困供养金", "特困 support"),
    "col.total": ("月发放合计", "Total a month"),
    "col.ends": ("渐退末月", "Payment ends"),
    "col.change": ("变动情况", "Change"),
    "col.change_from": ("变动起始月", "Change from"),
    "col.notes": ("备注", "Notes"),
    "col.line": ("行号", "Line"),
    "col.errors": ("错误", "Errors"),
    "col.reason": ("原因", "Reason"),
    "col.household_size": ("家庭人数", "Household size"),
    "col.persons": ("保障人数", "Persons covered"),
    "notice.unnamed": ("（未填姓名）", "(no name given)"),
    "col.support": ("月保障金额", "Monthly amount"),
    # the publication list
    "notice.title": (
        "社会救助拟保障对象公示名单",
        "Publication list (公示名单): households proposed for assistance",
    ),
    "notice.sheet": ("公示名单", "notice"),
    "notice.not_listed_sheet": ("未列入公示", "not listed"),
    "notice.period": (
        "公示期 7 天（《最低生活保障审核确认办法》第十九条）",
        "Published for 7 days (审核确认办法 Art. 19)",
    ),
    "notice.dates": ("公示时间：____年__月__日至____年__月__日", "Published from ______ to ______"),
    "notice.contact": ("监督电话：____________", "Telephone for objections: ____________"),
    "notice.masked": ("姓名已作隐私处理", "Names are masked to protect privacy"),
    "notice.shown": ("姓名为全文", "Names are shown in full"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    # the payment change of a renewal; {month}: the first month paid the new way
    "change.more": (
        "救助金由 {from_amount} 元增加到 {to_amount} 元，自 {month} 起执行。",
        "The benefit rises from ¥{from_amount} to ¥{to_amount} from {month}.",
    ),
    "change.less": (
        "救助金由 {from_amount} 元减少到 {to_amount} 元，自 {month} 起执行。",
        "The benefit falls from ¥{from_amount} to ¥{to_amount} from {month}.",
    ),
    "change.unchanged": (
        "救助金 {to_amount} 元不变（{month} 起按本次核算）。",
        "The benefit is unchanged at ¥{to_amount} (this assessment applies from {month}).",
    ),
    "change.stopped": (
        "停发低保金（原每月 {from_amount} 元），自 {month} 起。",
        "The benefit of ¥{from_amount} a month stops from {month}.",
    ),
    "change.to_tekun": (
        "停发低保金（原每月 {from_amount} 元），自 {month} 起转为特困供养。",
        "Dibao of ¥{from_amount} a month stops from {month}: supported as 特困 instead.",
    ),
    "change.phase_out": (
        "进入渐退期：自 {month} 起每月 {to_amount} 元，至渐退期满。",
        "Phase-out: ¥{to_amount} a month from {month} until it ends.",
    ),
    "change.started": (
        "纳入低保：自 {month} 起每月 {to_amount} 元（原每月 {from_amount} 元）。",
        "Enrolled: ¥{to_amount} a month from {month} (was ¥{from_amount}).",
    ),
    "change.why_month": (
        "起始月份为决定（核算日期）的次月（审核确认办法第二十一条）。",
        "The month is the one after the decision (the assessment date), as "
        "审核确认办法 Art. 21 starts payment.",
    ),
    # titles and totals with figures
    "payroll.title": (
        "{month} 低保金、特困供养金发放花名册",
        "Payment roll for {month}: dibao and 特困 support",
    ),
    "payroll.subtotal": ("{name} 小计", "{name} subtotal"),
    "payroll.households": ("{name}（{count} 户）", "{name} ({count} households)"),
    "notice.summary": (
        "合计 {households} 户，保障 {persons} 人",
        "In all {households} households, {persons} persons covered",
    ),
    # notes on a row of the roll
    "payroll.zero": (
        "核定金额为 0.00 元：保留资格，本月无发放",
        "0.00: eligible, nothing to pay this month",
    ),
    "payroll.last_month": ("渐退最后一个月", "last month of phase-out"),
    "payroll.change_later": (
        "变动自 {month} 起执行，此前每月 {amount} 元",
        "the change applies from {month}; until then {amount} a month",
    ),
    # why a household is not on the roll
    "payroll.not_paid.phase_out_ended": ("渐退期已于 {until} 结束", "phase-out ended in {until}"),
    "payroll.not_paid.stopped": (
        "自 {month} 起停发（原每月 {amount} 元）",
        "stopped from {month} (was {amount} a month)",
    ),
    # notes on standard error after a roll
    "payroll.note.month": (
        "发放月份 {month}（核算日期 {first} 至 {last}）",
        "month paid {month} (assessed on {first} to {last})",
    ),
    "payroll.note.rows": (
        "列入花名册 {rows} 户，月发放合计 {total} 元",
        "{rows} households on the roll, {total} yuan in all",
    ),
    "payroll.note.zero": (
        "其中 {count} 户核定金额为 0.00 元（保留资格）",
        "{count} of them eligible with 0.00 to pay",
    ),
    "payroll.note.not_paid": (
        "未列入发放 {count} 户（不符合条件、渐退期满或停发，见“未列入发放”）",
        "{count} households not paid (not eligible, phase-out ended or "
        "stopped; see the not-paid sheet)",
    ),
    "payroll.note.later": (
        "{count} 户的变动自 {month} 之后才执行（决定作出的次月）："
        "花名册按新金额列出，本月应按原金额发放的，请核对备注或按 --month "
        "生成次月花名册",
        "{count} households' changes apply only after {month} (from the "
        "month after the decision): the roll lists their new amounts; "
        "check the notes, or make the roll for the next month (--month)",
    ),
    "payroll.note.other_month": (
        "发放月份 {month} 晚于核算月份：金额为核算日期规则下的结果",
        "the month {month} is after the month assessed: amounts are "
        "those of the rules on the assessment date",
    ),
    "notice.note.listed": (
        "列入公示名单 {households} 户，保障 {persons} 人",
        "{households} households on the list, {persons} persons covered",
    ),
    "notice.note.not_listed": (
        "未列入公示 {count} 户（见“未列入公示”）",
        "{count} households not listed (see the not-listed sheet)",
    ),
}
