"""The words of household errors: the household's fields, under its rules, batch records,
comparisons and the payment roll; code -> (zh, en). `errors_input` merges them.
"""

from __future__ import annotations

TEMPLATES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- the household
    "household_invalid": (
        "家庭数据不符合格式 meanstest.household/1",
        "the household does not follow meanstest.household/1",
    ),
    "not_an_object": (
        "家庭数据应为 JSON 对象，而不是{json_kind}",
        "a household must be a JSON object, not {json_kind}",
    ),
    "too_many_items": (
        "最多 {limit:,} 项（现有 {found:,} 项）",
        "at most {limit:,} items (found {found:,})",
    ),
    "money_text": (
        "应为以元计的金额，如 570 或 12.50",
        "expected an amount in yuan such as 570 or 12.50",
    ),
    "money_float": (
        "应为精确金额（JSON 数字或文本），不能是浮点数",
        "expected an exact amount (a JSON number or a string), not a float",
    ),
    "date_expected": (
        "应为 YYYY-MM-DD 格式的日期，如 2021-12-01",
        "expected a date written as YYYY-MM-DD, such as 2021-12-01",
    ),
    "id_number_shape": (
        "身份证号应为 17 位数字加校验位（共 18 位）",
        "expected 17 digits and a check digit or X (18 characters)",
    ),
    "id_number_check_digit": (
        "身份证号校验码不符（GB 11643）",
        "the check digit does not match (GB 11643)",
    ),
    "id_number_birth_date": (
        "身份证号中的出生日期无效",
        "the birth date inside the ID number is not a real date",
    ),
    "birth_date_or_age": ("出生日期和年龄只能填写一项", "give exactly one of birth_date and age"),
    "self_care_twice": ("同一项目列出了两次", "self_care_failed lists an activity twice"),
    "parent_member_or_condition": (
        "请填写 member（家庭成员 id）或 condition，二者只填一项",
        "give either member (a household member id) or condition",
    ),
    "amount_or_basis": (
        "金额（及 per）和 basis 只能填写一项",
        "give exactly one of amount (with per) and basis",
    ),
    "per_needed": ("请为金额填写 month 或 year", "give month or year for the amount"),
    "kind_only_for_vehicles": ("只有车辆才填写 kind", "kind is only for vehicles"),
    "acquired_on_only_for_housing": (
        "只有住房才填写 acquired_on（购建或装修日期）",
        "acquired_on (when bought, built or decorated) is only for housing",
    ),
    "vehicle_needs_kind": ("车辆须填写 kind（{kinds}）", "a vehicle needs a kind: {kinds}"),
    "phase_out_since": ("请填写渐退开始的日期", "give the date the phase-out began"),
    "unemployment_needed": (
        "困难原因为失业时，请填写 months_without_income 和 insured",
        "give months_without_income and insured for the cause unemployment",
    ),
    "unemployment_only": ("只有困难原因为失业时才填写", "only for the cause unemployment"),
    "id_used_twice": ("两名成员使用了同一 id「{id}」", "'{id}' is used by two members"),
    "one_applicant": (
        "应有且只有一名申请人（现有 {found} 名）",
        "exactly one member must have relation 'applicant' (found {found})",
    ),
    "no_such_member": ("没有 id 为「{id}」的成员", "no member has id '{id}'"),
    "no_other_member": ("没有其他 id 为「{id}」的成员", "no other member has id '{id}'"),
    # ---------------------------------------------------------------- under its rules
    "household_does_not_fit": (
        "家庭数据与规则集 {rule_set} 不符",
        "the household does not fit rule set {rule_set}",
    ),
    "after_assessment_date": (
        "{date} 晚于核算日期 {on}",
        "{date} is after the assessment date {on}",
    ),
    "unknown_income_type": (
        "未知收入类型「{type}」（可用：{known}）",
        "unknown income type '{type}' (known: {known})",
    ),
    "unknown_expense_type": (
        "未知支出类型「{type}」（可用：{known}）",
        "unknown expense type '{type}' (known: {known})",
    ),
    "basis_not_wage": (
        "{basis} 用于推算工资收入；「{type}」属于{category}，不是工资性收入",
        "{basis} imputes wages; '{type}' is {category} income, not wage income",
    ),
    "hardship_dates_after": (
        "困难情形的日期晚于核算日期",
        "the hardship's dates are after the assessment date",
    ),
    "payment_in_future": (
        "{date} 是将来的日期：晚于核算日期 {on}",
        "{date} is in the future: after the assessment date {on}",
    ),
    "no_region": (
        "家庭数据没有 region（行政区划代码）；请填写或使用 --rules",
        "the household has no region; give one or use --rules",
    ),
    "proposal_not_for_household": (
        "方案不适用于该家庭的规则",
        "the proposal is not for this household's rules",
    ),
    "proposal_other_rules": (
        "方案修改的是规则集 {extended}；该家庭的规则是 {rule_set}",
        "the proposal changes rule set {extended}; this household's rules are {rule_set}",
    ),
    # ---------------------------------------------------------------- batch records
    "id_required": (
        "批量核算须填写户编号，以便把结果与记录对应",
        "a household id is required in batch, to match each result to its record",
    ),
    "record_undecodable": ("记录无法解码", "the line cannot be decoded"),
    "line_not_decodable_utf8": (
        "该行不是有效的 {encoding} 编码（第 {at} 字节为 {byte}）；输入是 G"
        "BK "
        "吗？请用 --encoding gbk",
        "the line is not valid {encoding} (byte {byte} at byte {at}); "
        "is the input GBK? use --encoding gbk",
    ),
    "line_not_decodable": (
        "该行不是有效的 {encoding} 编码（第 {at} 字节为 {byte}）；请用 --encoding 指定输入的编码",
        "the line is not valid {encoding} (byte {byte} at byte {at}); give "
        "the input's encoding with --encoding",
    ),
    "record_not_utf8": (
        "记录中有无法写成 UTF-8 的文本（未配对的代理转义，如 \\ud800）",
        "the record holds text that cannot be written as UTF-8 (an unpaired "
        "surrogate escape such as \\ud800)",
    ),
    "worker_stopped": (
        "一个工作进程意外停止（被终止，或内存不足？）；本次运行不完整",
        "a worker process stopped unexpectedly (killed, or out of memory?); the run is incomplete",
    ),
    "run_stopped": ("运行中止：{reason}", "the run stopped: {reason}"),
    "parquet_unreadable": (
        "无法读取 Parquet 文件（{reason}）",
        "the Parquet file cannot be read ({reason})",
    ),
    "detail_full_jsonl_only": (
        "--detail full 只写出 JSON Lines；{format} 输出为摘要行",
        "--detail full writes JSON Lines; {format} output holds summaries",
    ),
    # compare (issue 15): a comparison that would show +0 for every household
    "compare_not_in_force": (
        "方案调整的规则值在评估日（{on}）均未生效，所有家庭都将显示 +0："
        "方案自 {dates} 起生效。请用生效后的日期比较，例如 --on {first}",
        "none of the proposal's values is in force on the assessment "
        "date ({on}), so every household would show +0: the proposal "
        "takes effect on {dates}. Compare on a date it is in force, e.g. "
        "--on {first}",
    ),
    "compare_changes_nothing": (
        "方案在评估日（{on}）没有改变这些家庭适用的任何规则值（规则集 {ids}），所有家庭都将显示 +0",
        "the proposal changes no rule value in force on the assessment "
        "date ({on}) for these households' rules ({ids}), so every "
        "household would show +0",
    ),
    "run_stopped_output_kept": (
        "运行中止：{reason}；输出文件保持原样",
        "the run stopped: {reason}; the output file was left as it was",
    ),
    "changes_suffix": (
        "--changes 写出 .csv 或 .jsonl；请使用这两种扩展名之一命名文件",
        "--changes writes .csv or .jsonl; name the file with one of those endings",
    ),
    "option_date": (
        "「{value}」不是日期，应如 2021-12-01",
        "'{value}' is not a date like 2021-12-01",
    ),
    "format_not_output": (
        "--format {format} 与输出文件名「{output}」（.{implied} 文件）不符",
        "--format {format} does not fit the output file name '{output}' (a .{implied} name)",
    ),
    # batch --format payroll | notice (the payment roll and the publication list)
    "month_needs_payroll": (
        "--month 只用于 --format payroll（发放花名册），--format {format} 不用月份",
        "--month is for --format payroll (the payment roll); --format {format} takes no month",
    ),
    "paper_output_name": (
        "--format {format} 写出的是表格：输出文件名应以 .xlsx 或 .csv 结尾，而不是「{output}」",
        "--format {format} writes a sheet: name the output .xlsx or .csv, not '{output}'",
    ),
    "option_id_empty": ("为空：请给出户编号", "empty: give a household id"),
    "option_month": ("「{value}」不是月份，应如 2022-03", "'{value}' is not a month like 2022-03"),
    "option_month_range": (
        "发放月份「{value}」超出可用范围：应在 {first} 至 {last} 之间",
        "the month '{value}' is out of range: give a month from {first} to {last}",
    ),
    "month_beyond_calendar": (
        "{day} 之后 {months} 个月已超出 9999 年，无法核算（核算日期是否有误？）",
        "{months} month(s) after {day} is beyond the year 9999: cannot assess (is the "
        "assessment date right?)",
    ),
    "payroll_month_before": (
        "发放月份 {month} 早于 {count} 户的核算日期（如 {household}："
        "{date}）：花名册只能依据发放月份及以前的核算",
        "the month {month} is before the assessment date of {count} "
        "households (such as {household}: {date}): a roll pays from "
        "assessments made by its month",
    ),
    "output_is_input": (
        "输出文件就是输入文件；请换一个名字",
        "the output file is the input file; choose another name",
    ),
    "proposal_or_set": (
        "请给出 --proposal 文件，或至少一个 --set KEY=VALUE",
        "give --proposal FILE or at least one --set KEY=VALUE",
    ),
    "file_exists": (
        "文件已存在；请换一个名字，或用 --force 替换",
        "the file exists; choose another name, or give --force to replace it",
    ),
}
