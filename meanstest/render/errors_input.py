"""The words of input errors: households, JSON, case rolls (CSV, XLSX), batch runs and
the command line; code -> (zh, en). `errors` merges them into its templates.
"""

from __future__ import annotations

from ..model import vocabulary

TEMPLATES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- the household
    "household_invalid": ("家庭数据不符合格式 meanstest.household/1",
                          "the household does not follow meanstest.household/1"),
    "not_an_object": ("家庭数据应为 JSON 对象，而不是{json_kind}",
                      "a household must be a JSON object, not {json_kind}"),
    "too_many_items": ("最多 {limit:,} 项（现有 {found:,} 项）",
                       "at most {limit:,} items (found {found:,})"),
    "money_text": ("应为以元计的金额，如 570 或 12.50",
                   "expected an amount in yuan such as 570 or 12.50"),
    "money_float": ("应为精确金额（JSON 数字或文本），不能是浮点数",
                    "expected an exact amount (a JSON number or a string), not a float"),
    "date_expected": ("应为 YYYY-MM-DD 格式的日期，如 2021-12-01",
                      "expected a date written as YYYY-MM-DD, such as 2021-12-01"),
    "id_number_shape": ("身份证号应为 17 位数字加校验位（共 18 位）",
                        "expected 17 digits and a check digit or X (18 characters)"),
    "id_number_check_digit": ("身份证号校验码不符（GB 11643）",
                              "the check digit does not match (GB 11643)"),
    "id_number_birth_date": ("身份证号中的出生日期无效",
                             "the birth date inside the ID number is not a real date"),
    "birth_date_or_age": ("出生日期和年龄只能填写一项", "give exactly one of birth_date and age"),
    "self_care_twice": ("同一项目列出了两次", "self_care_failed lists an activity twice"),
    "parent_member_or_condition": ("请填写 member（家庭成员 id）或 condition，二者只填一项",
                                   "give either member (a household member id) or condition"),
    "amount_or_basis": ("金额（及 per）和 basis 只能填写一项",
                        "give exactly one of amount (with per) and basis"),
    "per_needed": ("请为金额填写 month 或 year", "give month or year for the amount"),
    "kind_only_for_vehicles": ("只有车辆才填写 kind", "kind is only for vehicles"),
    "vehicle_needs_kind": ("车辆须填写 kind（{kinds}）", "a vehicle needs a kind: {kinds}"),
    "phase_out_since": ("请填写渐退开始的日期", "give the date the phase-out began"),
    "unemployment_needed": ("困难原因为失业时，请填写 months_without_income 和 insured",
                            "give months_without_income and insured for the cause "
                            "unemployment"),
    "unemployment_only": ("只有困难原因为失业时才填写", "only for the cause unemployment"),
    "id_used_twice": ("两名成员使用了同一 id「{id}」", "'{id}' is used by two members"),
    "one_applicant": ("应有且只有一名申请人（现有 {found} 名）",
                      "exactly one member must have relation 'applicant' (found {found})"),
    "no_such_member": ("没有 id 为「{id}」的成员", "no member has id '{id}'"),
    "no_other_member": ("没有其他 id 为「{id}」的成员", "no other member has id '{id}'"),
    # ---------------------------------------------------------------- under its rules
    "household_does_not_fit": ("家庭数据与规则集 {rule_set} 不符",
                               "the household does not fit rule set {rule_set}"),
    "after_assessment_date": ("{date} 晚于核算日期 {on}",
                              "{date} is after the assessment date {on}"),
    "unknown_income_type": ("未知收入类型「{type}」（可用：{known}）",
                            "unknown income type '{type}' (known: {known})"),
    "unknown_expense_type": ("未知支出类型「{type}」（可用：{known}）",
                             "unknown expense type '{type}' (known: {known})"),
    "basis_not_wage": ("{basis} 用于推算工资收入；「{type}」属于{category}，不是工资性收入",
                       "{basis} imputes wages; '{type}' is {category} income, not wage income"),
    "hardship_dates_after": ("困难情形的日期晚于核算日期",
                             "the hardship's dates are after the assessment date"),
    "payment_in_future": ("{date} 是将来的日期：晚于核算日期 {on}",
                          "{date} is in the future: after the assessment date {on}"),
    "no_region": ("家庭数据没有 region（行政区划代码）；请填写或使用 --rules",
                  "the household has no region; give one or use --rules"),
    "proposal_not_for_household": ("方案不适用于该家庭的规则",
                                   "the proposal is not for this household's rules"),
    "proposal_other_rules": ("方案修改的是规则集 {extended}；该家庭的规则是 {rule_set}",
                             "the proposal changes rule set {extended}; this household's rules "
                             "are {rule_set}"),
    # ---------------------------------------------------------------- batch records
    "id_required": ("批量核算须填写户编号，以便把结果与记录对应",
                    "a household id is required in batch, to match each result to its record"),
    "record_undecodable": ("记录无法解码", "the line cannot be decoded"),
    "line_not_decodable_utf8": ("该行不是有效的 {encoding} 编码（第 {at} 字节为 {byte}）；输入是 G"
                                "BK "
                                "吗？请用 --encoding gbk",
                                "the line is not valid {encoding} (byte {byte} at byte {at}); "
                                "is the input GBK? use --encoding gbk"),
    "line_not_decodable": ("该行不是有效的 {encoding} 编码（第 {at} 字节为 {byte}）；请用 "
                           "--encoding 指定输入的编码",
                           "the line is not valid {encoding} (byte {byte} at byte {at}); give "
                           "the input's encoding with --encoding"),
    "record_not_utf8": ("记录中有无法写成 UTF-8 的文本（未配对的代理转义，如 \\ud800）",
                        "the record holds text that cannot be written as UTF-8 (an unpaired "
                        "surrogate escape such as \\ud800)"),
    "worker_stopped": ("一个工作进程意外停止（被终止，或内存不足？）；本次运行不完整",
                       "a worker process stopped unexpectedly (killed, or out of memory?); the "
                       "run is incomplete"),
    "run_stopped": ("运行中止：{reason}", "the run stopped: {reason}"),
    "parquet_unreadable": ("无法读取 Parquet 文件（{reason}）",
                           "the Parquet file cannot be read ({reason})"),
    "detail_full_jsonl_only": ("--detail full 只写出 JSON Lines；{format} 输出为摘要行",
                               "--detail full writes JSON Lines; {format} output holds "
                               "summaries"),
    # compare (issue 15): a comparison that would show +0 for every household
    "compare_not_in_force": ("方案调整的规则值在评估日（{on}）均未生效，所有家庭都将显示 +0："
                             "方案自 {dates} 起生效。请用生效后的日期比较，例如 --on {first}",
                             "none of the proposal's values is in force on the assessment "
                             "date ({on}), so every household would show +0: the proposal "
                             "takes effect on {dates}. Compare on a date it is in force, e.g. "
                             "--on {first}"),
    "compare_changes_nothing": ("方案在评估日（{on}）没有改变这些家庭适用的任何规则值（规则集 "
                                "{ids}），所有家庭都将显示 +0",
                                "the proposal changes no rule value in force on the assessment "
                                "date ({on}) for these households' rules ({ids}), so every "
                                "household would show +0"),
    "run_stopped_output_kept": ("运行中止：{reason}；输出文件保持原样",
                                "the run stopped: {reason}; the output file was left as it was"),
    "changes_suffix": ("--changes 写出 .csv 或 .jsonl；请使用这两种扩展名之一命名文件",
                       "--changes writes .csv or .jsonl; name the file with one of those "
                       "endings"),
    "option_date": ("「{value}」不是日期，应如 2021-12-01",
                    "'{value}' is not a date like 2021-12-01"),
    "format_not_output": ("--format {format} 与输出文件名「{output}」（.{implied} 文件）不符",
                          "--format {format} does not fit the output file name '{output}' (a "
                          ".{implied} name)"),
    # batch --format payroll | notice (the payment roll and the publication list)
    "month_needs_payroll": ("--month 只用于 --format payroll", "--month is for --format payroll"),
    "paper_output_name": ("--format {format} 写出的是表格：输出文件名应以 .xlsx 或 .csv 结尾，"
                          "而不是「{output}」",
                          "--format {format} writes a sheet: name the output .xlsx or .csv, "
                          "not '{output}'"),
    "option_id_empty": ("为空：请给出户编号", "empty: give a household id"),
    "option_month": ("「{value}」不是月份，应如 2022-03", "'{value}' is not a month like 2022-03"),
    "payroll_month_before": ("发放月份 {month} 早于 {count} 户的核算日期（如 {household}："
                             "{date}）：花名册只能依据发放月份及以前的核算",
                             "the month {month} is before the assessment date of {count} "
                             "households (such as {household}: {date}): a roll pays from "
                             "assessments made by its month"),
    "output_is_input": ("输出文件就是输入文件；请换一个名字",
                        "the output file is the input file; choose another name"),
    "proposal_or_set": ("请给出 --proposal 文件，或至少一个 --set KEY=VALUE",
                        "give --proposal FILE or at least one --set KEY=VALUE"),
    "file_exists": ("文件已存在；请换一个名字，或用 --force 替换",
                    "the file exists; choose another name, or give --force to replace it"),
    # ---------------------------------------------------------------- JSON
    "json_invalid": ("文件不是有效的 JSON", "the file is not valid JSON"),
    "json_unacceptable": ("文件内容不符合要求的 JSON", "the file is not acceptable JSON"),
    "json_not_utf8": ("文件不是有效的 UTF-8 编码（可能是 GBK？）；请另存为 UTF-8",
                      "the file is not valid UTF-8 (GBK or another encoding?); save it as "
                      "UTF-8"),
    "record_not_read": ("记录未读取", "the record was not read"),
    "file_empty": ("文件为空", "the file is empty"),
    "json_expecting_value": ("此处应有一个值", "Expecting value"),
    "json_expecting_comma": ("此处应有逗号", "Expecting ',' delimiter"),
    "json_expecting_colon": ("此处应有冒号", "Expecting ':' delimiter"),
    "json_expecting_name": ("此处应有用双引号括起的键名",
                            "Expecting property name enclosed in double quotes"),
    "json_unterminated_string": ("字符串没有结束（缺少引号？）", "Unterminated string starting at"),
    "json_extra_data": ("JSON 结束后还有多余内容", "Extra data"),
    "json_control_character": ("字符串中有控制字符", "Invalid control character at"),
    "json_invalid_escape": ("无效的转义序列（\\）", "Invalid \\escape"),
    "json_trailing_comma": ("结尾多了一个逗号", "Illegal trailing comma"),
    "json_syntax": ("JSON 语法错误：{detail}", "{detail}"),
    "constant_not_number": ("{name} 不是有效数字（金额必须有限）",
                            "{name} is not a number (money must be finite)"),
    "key_twice_in_object": ("键「{key}」在同一对象中出现两次",
                            "the key '{key}' appears twice in one object"),
    "objects_nested_too_deeply": ("对象嵌套层次过深", "objects are nested too deeply"),
    "number_too_long": ("数字位数过多（超过 4300 位），不可能是金额",
                        "a number has more digits than any amount could (over 4,300)"),
    "line_too_long": ("该行超过 {max:,} 字节（一户数据的上限），未读取",
                      "the line is longer than {max:,} bytes, the limit for one household; it "
                      "was not read"),
    # ---------------------------------------------------------------- opening an input
    "cannot_write": ("无法写入输出（{reason}）", "cannot write the output ({reason})"),
    "output_not_a_file": ("已存在且不是普通文件（设备、管道或文件夹），不会被替换；请给出文件名",
                          "exists and is not a regular file (a device, a pipe or a folder); "
                          "it is not replaced: give a file name"),
    "encoding_unknown": ("「{name}」不是 Python 认识的编码",
                         "'{name}' is not an encoding Python knows"),
    "encoding_not_text": ("「{name}」不是文本编码（它把字节变成别的字节）；请给出台账所用的编码，"
                          "如 "
                          "utf-8 或 gbk",
                          "'{name}' is not a text encoding (it turns bytes into other bytes); "
                          "give the encoding the roll is written in, such as utf-8 or gbk"),
    "encoding_multibyte": ("「{name}」每个字符占多个字节，无法在此读取；请把台账另存为 UTF-8（Exce"
                           "l "
                           "中为“CSV UTF-8”）",
                           "'{name}' writes each character in several bytes and cannot be read "
                           "here; save the roll as UTF-8 (or CSV UTF-8 in Excel)"),
    "encoding_not_plain": ("「{name}」不能原样表示数字、字母和逗号，无法在此读取；请使用 utf-8、gb"
                           "k "
                           "或 gb18030 等编码",
                           "'{name}' does not write plain text (digits, letters, commas) as "
                           "itself and cannot be read here; give an encoding such as utf-8, gbk "
                           "or gb18030"),
    "json_over_lines": ("这是跨多行书写的一个 JSON 文档，不是 JSON Lines：batch 每行读取一户。单户"
                        "请用 `meanstest check 文件`；整本台账请每户写成一行",
                        "this is one JSON document written over several lines, not JSON "
                        "Lines: batch reads one household per line. For one household use "
                        "`meanstest check FILE`; for a roll, write each household on a line of "
                        "its own"),
    "no_stdin": ("没有可读取的标准输入", "no standard input to read"),
    "xls_old": ("无法读取旧版 .xls 工作簿；请把台账另存为 .xlsx 或 CSV",
                "old .xls workbooks cannot be read; save the roll as .xlsx or CSV"),
    "input_utf16": ("输入是 UTF-16 编码；请另存为 UTF-8（Excel 中为“CSV UTF-8”）",
                    "the input is UTF-16; save it as UTF-8 (or CSV UTF-8 in Excel)"),
    "input_nul_bytes": ("输入中有 NUL 字节（不带字节序标记的 UTF-16 或 UTF-32 就是这样）；请另存为 "
                        "UTF-8（Excel 中为“CSV UTF-8”）",
                        "the input holds NUL bytes, as UTF-16 or UTF-32 without a byte-order "
                        "mark does; save it as UTF-8 (or CSV UTF-8 in Excel)"),
    "input_not_utf8_nor_gbk": ("输入既不是 UTF-8 也不是 GBK；请用 --encoding 指定编码",
                               "the input is neither UTF-8 nor GBK; give its encoding with "
                               "--encoding"),
    "gbk_note": ("提示：输入不是 UTF-8 编码，按 GBK 读取（可用 --encoding 指定其他编码）",
                 "note: the input is not UTF-8; reading it as GBK (give --encoding to choose "
                 "another)"),
    "openpyxl_missing": ("读取 .xlsx 需要 openpyxl（pip install openpyxl）",
                         "reading .xlsx needs openpyxl (pip install openpyxl)"),
    "workbook_unreadable": ("无法读取工作簿（{kind}：{detail}）",
                            "the workbook cannot be read ({kind}: {detail})"),
    # ---------------------------------------------------------------- a sheet of a workbook
    "sheet_not_xml": ("无法读取工作簿：工作表「{sheet}」不是格式正确的 XML（{detail}）",
                      "the workbook cannot be read: the sheet '{sheet}' is not well-formed XML "
                      "({detail})"),
    "sheet_row_past_limit": ("无法读取工作簿：工作表中有编号为 {number} 的行，超过工作表最多 "
                             "{max:,} "
                             "行",
                             "the workbook cannot be read: the sheet has a row numbered "
                             "{number}, past the {max:,} rows a worksheet can have"),
    "sheet_row_order": ("无法读取工作簿：工作表在第 {last} 行之后又出现第 {number} 行",
                        "the workbook cannot be read: the sheet numbers a row {number} after "
                        "row {last}"),
    "sheet_bad_reference": ("无法读取工作簿：第 {number} 行的单元格位置「{reference}」不是单元格引"
                            "用",
                            "the workbook cannot be read: row {number} has a cell at "
                            "'{reference}', which is not a cell reference"),
    "sheet_cell_elsewhere": ("无法读取工作簿：第 {number} 行有一个位于 {reference} 的单元格",
                             "the workbook cannot be read: row {number} has a cell at "
                             "{reference}"),
    "sheet_too_many_cells": ("无法读取工作簿：第 {number} 行超过 {max:,} 个单元格",
                             "the workbook cannot be read: row {number} has more than {max:,} "
                             "cells"),
    "sheet_bad_row_number": ("无法读取工作簿：某行的编号是「{text}」",
                             "the workbook cannot be read: a row is numbered '{text}'"),
    "sheet_formula_no_value": ("工作表「{sheet}」的单元格 {cell} 是公式 {formula}，但没有计算结果"
                               "（工作簿"
                               "保存时未计算）——请在 Excel 中打开并保存，或直接填写数值",
                               "cell {cell} of sheet '{sheet}' holds the formula {formula} but "
                               "no value: the workbook was saved without calculating it — open "
                               "and save it in Excel, or type the value"),
    "sheet_cell_unreadable": ("单元格 {cell}（类型 {kind}，「{text}」）无法读取",
                              "cell {cell} (type {kind}, '{text}') cannot be read"),
    "sheet_not_a_number": ("单元格 {cell} 的值「{text}」无法读作数字",
                           "cell {cell} holds '{text}', which cannot be read as a number"),
    "sheet_not_finite": ("单元格 {cell} 的值为 {text}，不是有限的数",
                         "cell {cell} holds {text}, which is not a finite number"),
    "sheet_date_out_of_range": ("日期单元格 {cell} 的序号 {text} 超出了工作簿可表示的日期范围",
                                "cell {cell} is a date cell holding the serial number {text}, "
                                "outside the dates a workbook can hold"),
    "sheet_error_value": ("单元格 {cell} 是错误值 {text}，不是数值；请更正公式或直接填写数值",
                          "cell {cell} holds the error value {text}, not a value; correct its "
                          "formula or type the value"),
    # ---------------------------------------------------------------- CSV rows and cells
    "cell_too_long": ("单元格有 {length:,} 个字符，超过每个单元格 {max:,} 个字符的上限",
                      "the cell holds {length:,} characters, more than the {max:,} a cell may "
                      "hold"),
    "quote_not_closed": ("该单元格开头的引号（\"）在单元格结束处没有闭合；该单元格未读取，其后各行"
                         "照常"
                         "单独读取",
                         "the quote (\") that opens this cell is not closed where the cell "
                         "ends; the cell is not read, and the rows after it are read on their "
                         "own"),
    "row_too_long": ("该行超过 {max:,} 个字符，台账中不会有这么长的行；未读取",
                     "the row is longer than {max:,} characters, more than any row of a case "
                     "roll; it is not read"),
    "row_not_csv": ("该行无法按 CSV 读取；未读取", "the row cannot be read as CSV; it is not read"),
    "cell_time_of_day": ("日期单元格中有时间；请只填写日期",
                         "a date cell holds a time of day; give the date only"),
    "cell_number_not_date": ("单元格是数字 {number}，不是日期；请写作 2021-12-01、2021/12/1、"
                             "2021.12.1 或 2021年12月1日，或把单元格设为日期格式",
                             "the cell holds the number {number}, not a date; write it as "
                             "2021-12-01, 2021/12/1, 2021.12.1 or 2021年12月1日, or format the "
                             "cell as a date"),
    "cell_date_expected": ("应为日期：请写作 2021-12-01、2021/12/1、2021.12.1 或 2021年12月1日",
                           "expected a date: write it as 2021-12-01, 2021/12/1, 2021.12.1 or "
                           "2021年12月1日"),
    "cell_not_finite": ("数字单元格的值为 {value}，不是有限的数",
                        "the number cell holds {value}, which is not a finite number"),
    "cell_too_many_decimals": ("单元格的值 {value} 超过两位小数；请四舍五入到分，或把金额存为文本",
                               "the cell holds {value}, more than two decimals; round it to the "
                               "fen or store the amount as text"),
    "id_number_as_number": ("身份证号请存为文本：数字单元格只保留 15 位",
                            "store ID numbers as text: a number cell keeps only 15 digits"),
    "cell_not_in_encoding": ("文本不是文件所用的编码（GBK 文件？请用 --encoding gbk）",
                             "the text is not in the file's encoding (a GBK file? use "
                             "--encoding gbk)"),
    "cell_without_header": ("没有表头的列中有值", "a value in a column without a header"),
    "household_columns_differ": ("与第 {other} 行不同；同一户的家庭列必须一致",
                                 "differs from row {other}; household columns must agree"),
    "payment_parts": ("第 {n} 笔救助：应为“日期 原因 金额”（如 2021-03-05 火灾 1140），各笔之间用 "
                      "; "
                      "分隔",
                      "payment {n}: expected DATE CAUSE AMOUNT (e.g. 2021-03-05 火灾 1140), "
                      "entries separated by ;"),
    "payment_date": ("第 {n} 笔救助：「{date}」不是日期，应如 2021-03-05",
                     "payment {n}: '{date}' is not a date such as 2021-03-05"),
    # ---------------------------------------------------------------- the rows of a roll
    "rows_unreadable": ("台账行无法读取", "the rows cannot be read"),
    "rows_resume": ("该户的行在其他家庭之后再次出现，上方该户的行已在缺少这些行的情况下核算；请把"
                    "同一户"
                    "的行放在一起后重新运行",
                    "this household's rows resume here after other households; its rows "
                    "above were assessed without these — keep each household's rows together "
                    "and run again"),
    "header_repeated": ("该行重复了表头行（两本台账拼接在一起？），不是一户数据——请删除",
                        "this row repeats the header row (two rolls joined together?); it is "
                        "not a household — delete it"),
    "too_many_rows": ("该户一直延续到第 {last} 行，共 {total:,} 行，超过一户最多 {max} 名成员；户"
                      "编号"
                      "是否填在了正确的行？",
                      "this household goes on to row {last}, {total:,} rows, more than the "
                      "{max} members a household may have; is its id filled in on the right "
                      "rows?"),
    # ---------------------------------------------------------------- writing a roll
    "roll_member_asset": ("台账格式中没有某一成员财产的列",
                          "the layout has no column for an asset of one member"),
    "roll_two_items": ("同一{scope}有两项类型为 {type}、按{per}计的{kind}",
                       "two {scope} {kind}s of type {type} per {per}"),
    "roll_two_assets": ("有两项类型为 {type} 的财产", "two assets of type {type}"),
    "roll_no_columns_for": ("台账格式中没有 {fields} 的列",
                            "the layout has no columns for {fields}"),
    "roll_two_hardship_expenses": ("有两项类型为 {type} 的困难支出",
                                   "two hardship expenses of type {type}"),
    # ---------------------------------------------------------------- the header row
    "roll_no_header": ("台账没有表头行", "the case roll has no header row"),
    "roll_header_names_nothing": ("没有一个单元格是台账格式中的列名；第一行应为表头（户编号、姓名…"
                                  "…或 "
                                  "household_id、name……，见 docs/batch.md）",
                                  "no cell names a column of the case-roll layout; the first "
                                  "row must be the header (户编号, 姓名, … or household_id, name, "
                                  "…; see docs/batch.md)"),
    "roll_header_unreadable": ("台账的表头行无法读取", "the header row of the case roll cannot be "
                                                    "read"),
    "roll_not_a_column": ("「{header}」不是台账格式中的列（见 docs/batch.md）",
                          "'{header}' is not a column of the case-roll layout (see "
                          "docs/batch.md)"),
    "roll_same_field": ("「{header}」与「{other}」填写的是同一字段",
                        "'{header}' fills the same field as '{other}'"),
    "roll_needs_id_column": ("台账需要户编号列（户编号或 household_id）：靠它把成员行归为各户",
                             "the roll needs a household id column (户编号 or household_id): it "
                             "groups member rows into households"),
    "roll_second_header": ("第 {row} 行是第二个表头行，列与第一个表头不同（两本台账拼接在一起？）"
                           "；其下"
                           "各行无法按第一个表头读取——请使列一致，或分开读取两本台账",
                           "row {row} is a second header row, with other columns than the first "
                           "(two rolls joined together?); the rows below it cannot be read with "
                           "the first header — give them the same columns, or read the two "
                           "rolls apart"),
    # ---------------------------------------------------------------- one household of a roll
    "roll_choose_id": ("台账中有 {count:,} 户；请用 --id 选择一户（{ids}）",
                       "the case roll holds {count:,} household{plural}; choose one with --id "
                       "({ids})"),
    "roll_no_such_id": ("台账中没有户编号为「{id}」的家庭：台账中有 {count:,} 户（{ids}）",
                        "no household '{id}' in the case roll: it holds {count:,} "
                        "household{plural} ({ids})"),
    "roll_ids_unreadable": ("另有 {count:,} 户读不到能确定户编号的程度",
                            "{count:,} more could not be read far enough to tell their id"),
    "roll_id_twice": ("户编号「{id}」被台账中的 {count} 条记录使用（行或记录 {lines}）；"
                      "一个户编号只能指一户",
                      "the id '{id}' is used by {count} records of the case roll (lines or "
                      "rows {lines}); an id must name one household"),
    "roll_household_unreadable": ("第 {line} 行（或记录）的家庭无法读取",
                                  "the household at line or row {line} cannot be read"),
    "household_file_too_large": ("家庭数据文件超过 {max:,} 字节（一户数据的上限）",
                                 "the household file is larger than {max:,} bytes, the limit "
                                 "for one household"),
    "household_other_id": ("此文件中的家庭是「{found}」，不是「{id}」",
                           "the household in this file is '{found}', not '{id}'"),
    "encoding_for_rolls": ("--encoding 用于台账（CSV、JSON Lines）；家庭 JSON 文件总是 UTF-8",
                           "--encoding is for case rolls (CSV, JSON Lines); a household JSON "
                           "file is always UTF-8"),
    "nobody_counted": ("家庭中没有计入的成员：所有成员都因其状况被排除",
                       "no member of the household is counted: every member is excluded by "
                       "status"),
    "all_members_excluded": ("所有成员都因其状况被排除（{members}；household.excluded_statuses）："
                             "没有可核算的家庭",
                             "every member is excluded by status ({members}; "
                             "household.excluded_statuses): there is no household to assess"),
    # ---------------------------------------------------------------- files and streams
    "would_overwrite": ("{file_role}「{path}」会覆盖{other_role}「{other_path}」；请换一个名字",
                        "{file_role} '{path}' would overwrite {other_role} '{other_path}'; "
                        "choose another name"),
    "xlsx_to_terminal": ("--format xlsx 写出的是二进制工作簿，不是给终端看的文本：请用 -o "
                         "文件.xlsx（或把标准输出重定向到文件）",
                         "--format xlsx writes a binary workbook, not text for a terminal: "
                         "give -o FILE.xlsx (or redirect standard output to a file)"),
    "template_suffix": ("台账模板请命名为 .xlsx 或 .csv（不是「{output}」），或给出 --format",
                        "name the roll template .xlsx or .csv (not '{output}'), or give "
                        "--format"),
    "stdin_closed": ("标准输入已关闭；请给出文件，或通过标准输入提供数据",
                     "standard input is closed; give a file, or data on standard input"),
    "stdout_closed": ("标准输出已关闭，输出无处可写（命令有 -o 时请用 -o 文件）",
                      "standard output is closed; the output has nowhere to go (give -o FILE "
                      "where the command has it)"),
    "run_stopped_stdin_closed": ("运行中止：标准输入已关闭；请给出文件，或通过标准输入提供数据",
                                 "the run stopped: standard input is closed; give a file, or "
                                 "data on standard input"),
    "run_stopped_stdout_closed": ("运行中止：标准输出已关闭，输出无处可写（命令有 -o 时请用 "
                                  "-o 文件）",
                                  "the run stopped: standard output is closed; the output has "
                                  "nowhere to go (give -o FILE where the command has it)"),
    "cannot_read_stdin": ("无法读取标准输入（{reason}）", "cannot read standard input ({reason})"),
    "cannot_write_stdout": ("无法写入标准输出（{reason}）",
                            "cannot write to standard output ({reason})"),
    "cannot_write_kept": ("无法写入文件（{reason}）；文件保持原样",
                          "cannot write the file ({reason}); it was left as it was"),
    "input_output_failed": ("输入或输出失败（{reason}）", "input or output failed ({reason})"),
    "not_a_rule_set_id": ("代码「{code}」不是规则集 id：最多 40 个字母、数字、'-' 和 '_'，以字母或"
                          "数字开头，如 431021",
                          "the code '{code}' is not a rule-set id: up to 40 letters, digits, "
                          "'-' and '_', starting with a letter or digit, such as 431021"),
    "name_not_one_line": ("{option}「{text}」不是一行名称：为空，或含换行符或其他控制字符",
                          "{option} '{text}' is not a name on one line: it is empty or holds "
                          "a line break or another control character"),
}

_ROLES = {"output_file": ("输出文件", "the output file"),
          "input_file": ("输入文件", "the input file"),
          "case_roll": ("台账", "the case roll")}
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "category": vocabulary.INCOME_CATEGORY_LABELS,
    "per": vocabulary.PERIOD_LABELS,
    # what a column of a roll fills
    "scope": {"household": ("家庭", "household"), "member": ("成员", "member")},
    "kind": {"income": ("收入", "income"), "expense": ("支出", "expense")},
    # what a household was given as instead of an object
    # what the user calls a file (an option, ``--html``, stands for itself)
    "file_role": _ROLES,
    "other_role": _ROLES,
    "json_kind": {"array": ("数组", "an array"), "string": ("文本", "a string"),
                  "boolean": ("true 或 false", "true or false"), "null": ("null", "null"),
                  "number": ("数字", "a number")},
}
