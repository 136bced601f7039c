"""The words of reading inputs: JSON, CSV and XLSX case rolls, their sheets, rows, header
and households, and writing a roll; code -> (zh, en). `errors_input` merges them.
"""

from __future__ import annotations

TEMPLATES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- JSON
    "json_invalid": ("文件不是有效的 JSON", "the file is not valid JSON"),
    "json_unacceptable": ("文件内容不符合要求的 JSON", "the file is not acceptable JSON"),
    "json_not_utf8": (
        "文件不是有效的 UTF-8 编码（可能是 GBK？）；请另存为 UTF-8",
        "the file is not valid UTF-8 (GBK or another encoding?); save it as UTF-8",
    ),
    "record_not_read": ("记录未读取", "the record was not read"),
    "file_empty": ("文件为空", "the file is empty"),
    "json_expecting_value": ("此处应有一个值", "Expecting value"),
    "json_expecting_comma": ("此处应有逗号", "Expecting ',' delimiter"),
    "json_expecting_colon": ("此处应有冒号", "Expecting ':' delimiter"),
    "json_expecting_name": (
        "此处应有用双引号括起的键名",
        "Expecting property name enclosed in double quotes",
    ),
    "json_unterminated_string": ("字符串没有结束（缺少引号？）", "Unterminated string starting at"),
    "json_extra_data": ("JSON 结束后还有多余内容", "Extra data"),
    "json_control_character": ("字符串中有控制字符", "Invalid control character at"),
    "json_invalid_escape": ("无效的转义序列（\\）", "Invalid \\escape"),
    "json_trailing_comma": ("结尾多了一个逗号", "Illegal trailing comma"),
    "json_syntax": ("JSON 语法错误：{detail}", "{detail}"),
    "constant_not_number": (
        "{name} 不是有效数字（金额必须有限）",
        "{name} is not a number (money must be finite)",
    ),
    "key_twice_in_object": (
        "键「{key}」在同一对象中出现两次",
        "the key '{key}' appears twice in one object",
    ),
    "objects_nested_too_deeply": ("对象嵌套层次过深", "objects are nested too deeply"),
    "number_too_long": (
        "数字位数过多（超过 4300 位），不可能是金额",
        "a number has more digits than any amount could (over 4,300)",
    ),
    "line_too_long": (
        "该行超过 {max:,} 字节（一户数据的上限），未读取",
        "the line is longer than {max:,} bytes, the limit for one household; it was not read",
    ),
    # ---------------------------------------------------------------- opening an input
    "cannot_write": ("无法写入输出（{reason}）", "cannot write the output ({reason})"),
    "output_not_a_file": (
        "已存在且不是普通文件（是文件夹或套接字等），不会被替换；请给出文件名",
        "exists and is not a regular file (a folder, a socket...); "
        "it is not replaced: give a file name",
    ),
    "encoding_unknown": (
        "「{name}」不是 Python 认识的编码",
        "'{name}' is not an encoding Python knows",
    ),
    "encoding_not_text": (
        "「{name}」不是文本编码（它把字节变成别的字节）；请给出台账所用的编码，如 utf-8 或 gbk",
        "'{name}' is not a text encoding (it turns bytes into other bytes); "
        "give the encoding the roll is written in, such as utf-8 or gbk",
    ),
    "encoding_multibyte": (
        "「{name}」每个字符占多个字节，无法在此读取；请把台账另存为 UTF-8（Excel 中为“CSV UTF-8”）",
        "'{name}' writes each character in several bytes and cannot be read "
        "here; save the roll as UTF-8 (or CSV UTF-8 in Excel)",
    ),
    "encoding_not_plain": (
        "「{name}」不能原样表示数字、字母和逗号，无法在此读取；请使用 utf-8、gbk 或 gb18030 等编码",
        "'{name}' does not write plain text (digits, letters, commas) as "
        "itself and cannot be read here; give an encoding such as utf-8, gbk "
        "or gb18030",
    ),
    "json_over_lines": (
        "这是跨多行书写的一个 JSON 文档，不是 JSON Lines：batch 每行读取一户。单户"
        "请用 `meanstest check 文件`；整本台账请每户写成一行",
        "this is one JSON document written over several lines, not JSON "
        "Lines: batch reads one household per line. For one household use "
        "`meanstest check FILE`; for a roll, write each household on a line of "
        "its own",
    ),
    "no_stdin": ("没有可读取的标准输入", "no standard input to read"),
    "xls_old": (
        "无法读取旧版 .xls 工作簿；请把台账另存为 .xlsx 或 CSV",
        "old .xls workbooks cannot be read; save the roll as .xlsx or CSV",
    ),
    "input_utf16": (
        "输入是 UTF-16 编码；请另存为 UTF-8（Excel 中为“CSV UTF-8”）",
        "the input is UTF-16; save it as UTF-8 (or CSV UTF-8 in Excel)",
    ),
    "input_nul_bytes": (
        "输入中有 NUL 字节（不带字节序标记的 UTF-16 或 UTF-32 就是这样）；请另存为 "
        "UTF-8（Excel 中为“CSV UTF-8”）",
        "the input holds NUL bytes, as UTF-16 or UTF-32 without a byte-order "
        "mark does; save it as UTF-8 (or CSV UTF-8 in Excel)",
    ),
    "input_not_utf8_nor_gbk": (
        "输入既不是 UTF-8 也不是 GBK；请用 --encoding 指定编码",
        "the input is neither UTF-8 nor GBK; give its encoding with --encoding",
    ),
    "gbk_note": (
        "提示：输入不是 UTF-8 编码，按 GBK 读取（可用 --encoding 指定其他编码）",
        "note: the input is not UTF-8; reading it as GBK (give --encoding to choose another)",
    ),
    "openpyxl_missing": (
        "读取 .xlsx 需要 openpyxl（pip install openpyxl）",
        "reading .xlsx needs openpyxl (pip install openpyxl)",
    ),
    "workbook_unreadable": (
        "无法读取工作簿（{kind}：{detail}）",
        "the workbook cannot be read ({kind}: {detail})",
    ),
    # ---------------------------------------------------------------- a sheet of a workbook
    "sheet_not_xml": (
        "无法读取工作簿：工作表「{sheet}」不是格式正确的 XML（{detail}）",
        "the workbook cannot be read: the sheet '{sheet}' is not well-formed XML ({detail})",
    ),
    "sheet_row_past_limit": (
        "无法读取工作簿：工作表中有编号为 {number} 的行，超过工作表最多 {max:,} 行",
        "the workbook cannot be read: the sheet has a row numbered "
        "{number}, past the {max:,} rows a worksheet can have",
    ),
    "sheet_row_order": (
        "无法读取工作簿：工作表在第 {last} 行之后又出现第 {number} 行",
        "the workbook cannot be read: the sheet numbers a row {number} after row {last}",
    ),
    "sheet_bad_reference": (
        "无法读取工作簿：第 {number} 行的单元格位置「{reference}」不是单元格引用",
        "the workbook cannot be read: row {number} has a cell at "
        "'{reference}', which is not a cell reference",
    ),
    "sheet_cell_elsewhere": (
        "无法读取工作簿：第 {number} 行有一个位于 {reference} 的单元格",
        "the workbook cannot be read: row {number} has a cell at {reference}",
    ),
    "sheet_too_many_cells": (
        "无法读取工作簿：第 {number} 行超过 {max:,} 个单元格",
        "the workbook cannot be read: row {number} has more than {max:,} cells",
    ),
    "sheet_bad_row_number": (
        "无法读取工作簿：某行的编号是「{text}」",
        "the workbook cannot be read: a row is numbered '{text}'",
    ),
    "sheet_formula_no_value": (
        "工作表「{sheet}」的单元格 {cell} 是公式 {formula}，但没有计算结果"
        "（工作簿"
        "保存时未计算）——请在 Excel 中打开并保存，或直接填写数值",
        "cell {cell} of sheet '{sheet}' holds the formula {formula} but "
        "no value: the workbook was saved without calculating it — open "
        "and save it in Excel, or type the value",
    ),
    "sheet_cell_unreadable": (
        "单元格 {cell}（类型 {kind}，「{text}」）无法读取",
        "cell {cell} (type {kind}, '{text}') cannot be read",
    ),
    "sheet_not_a_number": (
        "单元格 {cell} 的值「{text}」无法读作数字",
        "cell {cell} holds '{text}', which cannot be read as a number",
    ),
    "sheet_not_finite": (
        "单元格 {cell} 的值为 {text}，不是有限的数",
        "cell {cell} holds {text}, which is not a finite number",
    ),
    "sheet_date_out_of_range": (
        "日期单元格 {cell} 的序号 {text} 超出了工作簿可表示的日期范围",
        "cell {cell} is a date cell holding the serial number {text}, "
        "outside the dates a workbook can hold",
    ),
    "sheet_error_value": (
        "单元格 {cell} 是错误值 {text}，不是数值；请更正公式或直接填写数值",
        "cell {cell} holds the error value {text}, not a value; correct its "
        "formula or type the value",
    ),
    # ---------------------------------------------------------------- CSV rows and cells
    "cell_too_long": (
        "单元格有 {length:,} 个字符，超过每个单元格 {max:,} 个字符的上限",
        "the cell holds {length:,} characters, more than the {max:,} a cell may hold",
    ),
    "quote_not_closed": (
        '该单元格开头的引号（"）在单元格结束处没有闭合；该单元格未读取，其后各行照常单独读取',
        'the quote (") that opens this cell is not closed where the cell '
        "ends; the cell is not read, and the rows after it are read on their "
        "own",
    ),
    "row_too_long": (
        "该行超过 {max:,} 个字符，台账中不会有这么长的行；未读取",
        "the row is longer than {max:,} characters, more than any row of a case "
        "roll; it is not read",
    ),
    "row_not_csv": ("该行无法按 CSV 读取；未读取", "the row cannot be read as CSV; it is not read"),
    "cell_time_of_day": (
        "日期单元格中有时间；请只填写日期",
        "a date cell holds a time of day; give the date only",
    ),
    "cell_number_not_date": (
        "单元格是数字 {number}，不是日期；请写作 2021-12-01、2021/12/1、"
        "2021.12.1 或 2021年12月1日，或把单元格设为日期格式",
        "the cell holds the number {number}, not a date; write it as "
        "2021-12-01, 2021/12/1, 2021.12.1 or 2021年12月1日, or format the "
        "cell as a date",
    ),
    "cell_date_expected": (
        "应为日期：请写作 2021-12-01、2021/12/1、2021.12.1 或 2021年12月1日",
        "expected a date: write it as 2021-12-01, 2021/12/1, 2021.12.1 or 2021年12月1日",
    ),
    "cell_not_finite": (
        "数字单元格的值为 {value}，不是有限的数",
        "the number cell holds {value}, which is not a finite number",
    ),
    "cell_too_many_decimals": (
        "单元格的值 {value} 超过两位小数；请四舍五入到分，或把金额存为文本",
        "the cell holds {value}, more than two decimals; round it to the "
        "fen or store the amount as text",
    ),
    "id_number_as_number": (
        "身份证号请存为文本：数字单元格只保留 15 位",
        "store ID numbers as text: a number cell keeps only 15 digits",
    ),
    "cell_not_in_encoding": (
        "文本不是文件所用的编码（GBK 文件？请用 --encoding gbk）",
        "the text is not in the file's encoding (a GBK file? use --encoding gbk)",
    ),
    "cell_without_header": ("没有表头的列中有值", "a value in a column without a header"),
    "household_columns_differ": (
        "与第 {other} 行不同；同一户的家庭列必须一致",
        "differs from row {other}; household columns must agree",
    ),
    "payment_parts": (
        "第 {n} 笔救助：应为“日期 原因 金额”（如 2021-03-05 火灾 1140），各笔之间用分号“;”分隔",
        "payment {n}: expected DATE CAUSE AMOUNT (e.g. 2021-03-05 火灾 1140), "
        "entries separated by ;",
    ),
    "payment_date": (
        "第 {n} 笔救助：「{date}」不是日期，应如 2021-03-05",
        "payment {n}: '{date}' is not a date such as 2021-03-05",
    ),
    # ---------------------------------------------------------------- the rows of a roll
    "rows_unreadable": ("台账行无法读取", "the rows cannot be read"),
    "rows_resume": (
        "该户的行在其他家庭之后再次出现，上方该户的行已在缺少这些行的情况下核算；请把"
        "同一户"
        "的行放在一起后重新运行",
        "this household's rows resume here after other households; its rows "
        "above were assessed without these — keep each household's rows together "
        "and run again",
    ),
    "header_repeated": (
        "该行重复了表头行（两本台账拼接在一起？），不是一户数据——请删除",
        "this row repeats the header row (two rolls joined together?); it is "
        "not a household — delete it",
    ),
    "too_many_rows": (
        "该户一直延续到第 {last} 行，共 {total:,} 行，超过一户最多 {max} 名成员；户"
        "编号"
        "是否填在了正确的行？",
        "this household goes on to row {last}, {total:,} rows, more than the "
        "{max} members a household may have; is its id filled in on the right "
        "rows?",
    ),
    "housing_date_without_count": (
        "填写了住房购建或装修日期，但没有填写住房套数",
        "a housing date is given but no number of houses (住房套数)",
    ),
    # ---------------------------------------------------------------- writing a roll
    "roll_member_asset": (
        "台账格式中没有某一成员财产的列",
        "the layout has no column for an asset of one member",
    ),
    "roll_two_items": (
        "同一{scope}有两项类型为 {type}、按{per}计的{kind}",
        "two {scope} {kind}s of type {type} per {per}",
    ),
    "roll_two_assets": ("有两项类型为 {type} 的财产", "two assets of type {type}"),
    "roll_no_columns_for": (
        "台账格式中没有 {fields} 的列",
        "the layout has no columns for {fields}",
    ),
    "roll_two_hardship_expenses": (
        "有两项类型为 {type} 的困难支出",
        "two hardship expenses of type {type}",
    ),
    # ---------------------------------------------------------------- the header row
    "roll_no_header": ("台账没有表头行", "the case roll has no header row"),
    "roll_header_names_nothing": (
        "没有一个单元格是台账格式中的列名；第一行应为表头（户编号、姓名…"
        "…或 "
        "household_id、name……，见 docs/batch.md）",
        "no cell names a column of the case-roll layout; the first "
        "row must be the header (户编号, 姓名, … or household_id, name, "
        "…; see docs/batch.md)",
    ),
    "roll_header_unreadable": (
        "台账的表头行无法读取",
        "the header row of the case roll cannot be read",
    ),
    "roll_not_a_column": (
        "「{header}」不是台账格式中的列（见 docs/batch.md）",
        "'{header}' is not a column of the case-roll layout (see docs/batch.md)",
    ),
    "roll_same_field": (
        "「{header}」与「{other}」填写的是同一字段",
        "'{header}' fills the same field as '{other}'",
    ),
    "roll_needs_id_column": (
        "台账需要户编号列（户编号或 household_id）：靠它把成员行归为各户",
        "the roll needs a household id column (户编号 or household_id): it "
        "groups member rows into households",
    ),
    "roll_second_header": (
        "第 {row} 行是第二个表头行，列与第一个表头不同（两本台账拼接在一起？）"
        "；其下"
        "各行无法按第一个表头读取——请使列一致，或分开读取两本台账",
        "row {row} is a second header row, with other columns than the first "
        "(two rolls joined together?); the rows below it cannot be read with "
        "the first header — give them the same columns, or read the two "
        "rolls apart",
    ),
    # ---------------------------------------------------------------- one household of a roll
    "roll_choose_id": (
        "台账中有 {count:,} 户；请用 --id 选择一户（{ids}）",
        "the case roll holds {count:,} household{plural}; choose one with --id ({ids})",
    ),
    "roll_no_such_id": (
        "台账中没有户编号为「{id}」的家庭：台账中有 {count:,} 户（{ids}）",
        "no household '{id}' in the case roll: it holds {count:,} household{plural} ({ids})",
    ),
    "roll_ids_unreadable": (
        "另有 {count:,} 户读不到能确定户编号的程度",
        "{count:,} more could not be read far enough to tell their id",
    ),
    "roll_id_twice": (
        "户编号「{id}」被台账中的 {count} 条记录使用（行或记录 {lines}）；一个户编号只能指一户",
        "the id '{id}' is used by {count} records of the case roll (lines or "
        "rows {lines}); an id must name one household",
    ),
    "roll_household_unreadable": (
        "第 {line} 行（或记录）的家庭无法读取",
        "the household at line or row {line} cannot be read",
    ),
    "household_file_too_large": (
        "家庭数据文件超过 {max:,} 字节（一户数据的上限）",
        "the household file is larger than {max:,} bytes, the limit for one household",
    ),
    "household_other_id": (
        "此文件中的家庭是「{found}」，不是「{id}」",
        "the household in this file is '{found}', not '{id}'",
    ),
    "encoding_for_rolls": (
        "--encoding 用于台账（CSV、JSON Lines）；家庭 JSON 文件总是 UTF-8",
        "--encoding is for case rolls (CSV, JSON Lines); a household JSON file is always UTF-8",
    ),
    "nobody_counted": (
        "家庭中没有计入的成员：所有成员都因其状况被排除",
        "no member of the household is counted: every member is excluded by status",
    ),
    "all_members_excluded": (
        "所有成员都因其状况被排除（{members}；household.excluded_statuses）：没有可核算的家庭",
        "every member is excluded by status ({members}; "
        "household.excluded_statuses): there is no household to assess",
    ),
}
