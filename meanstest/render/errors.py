"""Error messages in the user's language.

Errors are raised with English sentences (they are also what logs and error records
carry). For a Chinese-speaking user the command line renders them in Chinese: the
headline by the kind of error, and each problem by pydantic's error type or by the
phrases our own validators use; anything without a translation is shown as written,
so no detail is ever lost. Control characters from the input (a file name, a header, a
value quoted in a message) are shown as escapes, never sent to the terminal.
"""

from __future__ import annotations

import re

from ..errors import (
    HouseholdInvalid,
    MeansTestError,
    Problem,
    RuleFileError,
    RuleNotInForce,
    UnknownRuleSet,
)
from .labels import Lang
from .text import visible, visible_lines

_HEADLINES: tuple[tuple[type[MeansTestError], str], ...] = (
    (HouseholdInvalid, "家庭数据有误"),
    (RuleNotInForce, "规则在核算日期没有生效的值"),
    (RuleFileError, "规则文件有误"),
    (UnknownRuleSet, "找不到规则"),
)

# English phrase (a regular expression over the whole message) -> Chinese template.
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), zh) for pattern, zh in (
        (r"Field required", "缺少此字段"),
        (r"Extra inputs are not permitted|unknown key \(a typo\?\)", "未知字段（拼写错误？）"),
        (r"Input should be a valid string", "应为文本"),
        (r"Input should be a valid integer.*", "应为整数"),
        (r"Input should be a valid boolean.*", "应为 true 或 false"),
        (r"Input should be a valid (date|datetime).*", "应为有效日期，如 2021-12-01"),
        (r"Input should be a valid decimal.*|Decimal input should be.*", "应为数字金额"),
        (r"Input should be a valid dictionary.*|Input should be an object.*", "应为对象 {...}"),
        (r"Input should be a valid (list|tuple).*", "应为列表 [...]"),
        (r"Input should be greater than or equal to (\S+)", r"应不小于 \1"),
        (r"Input should be less than or equal to (\S+)", r"应不大于 \1"),
        (r"Decimal input should have no more than (\d+) decimal places?",
         r"最多 \1 位小数"),
        (r"Decimal input should have no more than (\d+) digits.*", "数值过大"),
        (r"List should have at least (\d+) items?.*", r"至少应有 \1 项"),
        (r"(List|Tuple) should have at most (\d+) items?.*", r"最多 \2 项"),
        (r"String should have at most (\d+) characters?", r"最多 \1 个字"),
        (r"String should have at least (\d+) characters?", r"至少 \1 个字"),
        (r"String should match pattern .*", "格式不正确"),
        (r"expected an amount in yuan such as 570 or 12\.50", "应为以元计的金额，如 570 或 12.50"),
        (r"give exactly one of birth_date and age", "出生日期和年龄只能填写一项"),
        (r"no member has id '(.+)'", r"没有 id 为「\1」的成员"),
        (r"no other member has id '(.+)'", r"没有其他 id 为「\1」的成员"),
        (r"'(.+)' is used by two members", r"两名成员使用了同一 id「\1」"),
        (r"exactly one member must have relation 'applicant' \(found (\d+)\)",
         r"应有且只有一名申请人（现有 \1 名）"),
        (r"the check digit does not match \(GB 11643\)", "身份证号校验码不符（GB 11643）"),
        (r"expected 17 digits and a check digit or X \(18 characters\)",
         "身份证号应为 17 位数字加校验位（共 18 位）"),
        (r"the birth date inside the ID number is not a real date", "身份证号中的出生日期无效"),
        (r"(.+) is after the assessment date (.+)", r"\1 晚于核算日期 \2"),
        (r"unknown income type '(.+?)' \(known: (.+)\)", r"未知收入类型「\1」（可用：\2）"),
        (r"unknown expense type '(.+?)' \(known: (.+)\)", r"未知支出类型「\1」（可用：\2）"),
        (r"the file is empty", "文件为空"),
        (r"invalid byte at offset (\d+)", r"第 \1 字节不是有效的 UTF-8 编码"),
        (r"the key '(.+)' appears twice in one object", r"键「\1」在同一对象中出现两次"),
        (r"(.+) is not a number \(money must be finite\)", r"\1 不是有效数字（金额必须有限）"),
        (r"a vehicle needs a kind: .*", "车辆须填写 kind（car、truck、motorcycle、tricycle 或 "
                                        "farm_machine）"),
        (r"expected a number", "应为数字"),
        (r"expected an amount below 1,000,000,000,000 yuan", "金额应小于 1 万亿元"),
        (r"expected yuan with at most two decimals \(fen\)", "应为最多两位小数的金额（精确到分）"),
        (r"a number has more digits than any amount could \(over 4,300\)",
         "数字位数过多（超过 4300 位），不可能是金额"),
        (r"row (\d+) cannot be read as CSV \((.+)\)", r"第 \1 行无法按 CSV 读取（\2）"),
        (r"the case roll has no header row", "台账没有表头行"),
        (r"this is one JSON document written over several lines, not JSON Lines.*",
         "这是跨多行书写的一个 JSON 文档，不是 JSON Lines：batch 每行读取一户。单户请用 "
         "`meanstest check 文件`；整本台账请每户写成一行"),
        (r"no cell names a column of the case-roll layout; .*",
         "没有一个单元格是台账格式中的列名；第一行应为表头（户编号、姓名……或 household_id、"
         "name……，见 docs/batch.md）"),
        (r"row (\d+): this household's rows resume here after other households; .*",
         r"第 \1 行：该户的行在其他家庭之后再次出现，上方该户的行已在缺少这些行的情况下核算；"
         "请把同一户的行放在一起后重新运行"),
        (r"expected true or false", "应为 true 或 false"),
        (r"Unterminated string starting at", "字符串没有结束（缺少引号？）"),
        (r"Expecting value", "此处应有一个值"),
        (r"Expecting ',' delimiter", "此处应有逗号"),
        (r"Expecting ':' delimiter", "此处应有冒号"),
        (r"Expecting property name enclosed in double quotes", "此处应有用双引号括起的键名"),
        (r"Extra data", "JSON 结束后还有多余内容"),
        (r"the household does not fit rule set (.+)", r"家庭数据与规则集 \1 不符"),
        (r"the rule file is invalid", "规则文件无效"),
        (r"the file is not valid YAML", "文件不是有效的 YAML"),
        (r"the file is not valid rule YAML", "文件不是有效的规则 YAML"),
        (r"the rule set breaks its consistency checks", "规则集未通过一致性检查"),
        (r"rule set (.+) has no value of '(.+)' in force on (.+); .*",
         r"规则集 \1 在 \3 没有生效的「\2」值；请在规则文件中补充该日期的值，或换一个核算日期"),
        (r"no rule file has the id '(.+?)' .*", r"没有 id 为「\1」的规则文件；请用 --rules 指定"),
        (r"the household has no region; give one or use --rules",
         "家庭数据没有 region（行政区划代码）；请填写或使用 --rules"),
        (r"cannot read the (?:file|case roll) \((.+)\)", r"无法读取文件（\1）"),
        (r"cannot write the file \((.+)\)", r"无法写入文件（\1）"),
        (r"the file is not valid UTF-8 \(GBK or another encoding\?\); save it as UTF-8",
         "文件不是有效的 UTF-8 编码（可能是 GBK？）；请另存为 UTF-8"),
        (r"a household must be a JSON object, not an array", "家庭数据应为 JSON 对象，而不是数组"),
        (r"a household must be a JSON object, not a string", "家庭数据应为 JSON 对象，而不是文本"),
        (r"a household must be a JSON object, not a number", "家庭数据应为 JSON 对象，而不是数字"),
        (r"a household must be a JSON object, not .+", "家庭数据应为 JSON 对象 {...}"),
        (r"Input should be (.+)", r"应为 \1"),
        (r"not a known rule key.*", "不是已知的规则键"),
        (r"a value needs a source .*",
         "规则值须注明出处（sources 中的键）或标明 provisional: true"),
        (r"dates must increase: (.+) is not after (.+)", r"日期须递增：\1 不晚于 \2"),
        # Hostile inputs (issue 10): dates, sizes, spreadsheet cells, rule-file numbers.
        (r"expected a date written as YYYY-MM-DD, such as 2021-12-01",
         "应为 YYYY-MM-DD 格式的日期，如 2021-12-01"),
        (r"expected a date such as 2021-01-01 \(YYYY-MM-DD\)",
         "应为日期，如 2021-01-01（YYYY-MM-DD）"),
        (r"at most ([\d,]+) items \(found ([\d,]+)\)", r"最多 \1 项（现有 \2 项）"),
        (r"and ([\d,]+) more problems", r"另有 \1 处问题未列出"),
        (r"the line is longer than ([\d,]+) bytes, the limit for one household; it was not "
         r"read", r"该行超过 \1 字节（一户数据的上限），未读取"),
        (r"the cell holds ([\d,]+) characters, more than the ([\d,]+) a cell may hold",
         r"单元格有 \1 个字符，超过每个单元格 \2 个字符的上限"),
        (r'the quote \(".*\) that opens this cell is not closed where the cell ends; .*',
         "该单元格开头的引号（\"）在单元格结束处没有闭合；该单元格未读取，其后各行照常单独读取"),
        (r"the row is longer than ([\d,]+) characters, more than any row of a case roll; .*",
         r"该行超过 \1 个字符，台账中不会有这么长的行；未读取"),
        (r"the row cannot be read as CSV; it is not read", "该行无法按 CSV 读取；未读取"),
        (r"the number cell holds (.+), which is not a finite (?:number|amount)",
         r"数字单元格的值为 \1，不是有限的数"),
        (r"cell (\w+) holds (.+), which is not a finite number",
         r"单元格 \1 的值为 \2，不是有限的数"),
        (r"cell (\w+) holds (.+), which cannot be read as a number",
         r"单元格 \1 的值 \2 无法读作数字"),
        (r"the cell holds the number (.+), not a date; .*",
         r"单元格是数字 \1，不是日期；请写作 2021-12-01、2021/12/1、2021.12.1 或 2021年12月1日，"
         "或把单元格设为日期格式"),
        (r"expected a date: write it as .*",
         "应为日期：请写作 2021-12-01、2021/12/1、2021.12.1 或 2021年12月1日"),
        (r"this row repeats the header row \(two rolls joined together\?\); .*",
         "该行重复了表头行（两本台账拼接在一起？），不是一户数据——请删除"),
        (r"this household goes on to row (\d+), ([\d,]+) rows, more than the (\d+) members .*",
         r"该户一直延续到第 \1 行，共 \2 行，超过一户最多 \3 名成员；户编号是否填在了正确的行？"),
        (r"row (\d+) is a second header row, with other columns than the first .*",
         r"第 \1 行是第二个表头行，列与第一个表头不同（两本台账拼接在一起？）；其下各行无法按"
         "第一个表头读取——请使列一致，或分开读取两本台账"),
        (r"cell (\w+) of sheet '(.*)' holds the formula (.+) but no value: .*",
         r"工作表「\2」的单元格 \1 是公式 \3，但没有计算结果（工作簿保存时未计算）——请在 Excel "
         "中打开并保存，或直接填写数值"),
        (r"cell (\w+) is a date cell holding the serial number (.+), outside the dates .*",
         r"日期单元格 \1 的序号 \2 超出了工作簿可表示的日期范围"),
        (r"cell (\w+) holds the error value (.+), not a value; .*",
         r"单元格 \1 是错误值 \2，不是数值；请更正公式或直接填写数值"),
        (r"cell (\w+) \((.+)\) cannot be read", r"单元格 \1（\2）无法读取"),
        (r"the workbook cannot be read: (.+)", r"无法读取工作簿：\1"),
        (r"'(.+)' is not a decimal number; .*",
         r"「\1」不是十进制数；请用十进制数字书写（YAML 会把 1:16:00 读作六十进制、012 读作八进制、"
         "0x1F 读作十六进制）"),
        (r"a number has more than 4,300 digits; no rule value is that long",
         "数字超过 4300 位，规则值不可能这么长"),
        (r"'(.+)' is not a real date", r"「\1」不是真实存在的日期"),
        (r"the rule file is larger than ([\d,]+) bytes, .*", r"规则文件超过 \1 字节的上限"),
        (r"the case file is larger than ([\d,]+) bytes, .*", r"用例文件超过 \1 字节的上限"),
        (r"cannot read the (?:rule|case) file \((.+)\)", r"无法读取文件（\1）"),
        (r"'(.+)' is not an encoding Python knows", r"「\1」不是 Python 认识的编码"),
        (r"'(.+)' is not a text encoding \(it turns bytes into other bytes\); .*",
         r"「\1」不是文本编码（它把字节变成别的字节）；请给出台账所用的编码，如 utf-8 或 gbk"),
        (r"'(.+)' writes each character in several bytes and cannot be read here; .*",
         r"「\1」每个字符占多个字节，无法在此读取；请把台账另存为 UTF-8（Excel 中为“CSV UTF-8”）"),
        (r"'(.+)' does not write plain text \(digits, letters, commas\) as itself .*",
         r"「\1」不能原样表示数字、字母和逗号，无法在此读取；请使用 utf-8、gbk 或 gb18030 等编码"),
        (r"the input holds NUL bytes, as UTF-16 or UTF-32 without a byte-order mark does; .*",
         "输入中有 NUL 字节（不带字节序标记的 UTF-16 或 UTF-32 就是这样）；请另存为 UTF-8"
         "（Excel 中为“CSV UTF-8”）"),
        (r"the input is UTF-16; save it as UTF-8.*",
         "输入是 UTF-16 编码；请另存为 UTF-8（Excel 中为“CSV UTF-8”）"),
        (r"the input is neither UTF-8 nor GBK; give its encoding with --encoding",
         "输入既不是 UTF-8 也不是 GBK；请用 --encoding 指定编码"),
        # Standard streams and output files (issue 10, kind 8).
        (r"cannot write to standard output \((.+)\)", r"无法写入标准输出（\1）"),
        (r"standard output is closed; .*",
         "标准输出已关闭，输出无处可写（命令有 -o 时请用 -o 文件）"),
        (r"standard input is closed; .*", "标准输入已关闭；请给出文件，或通过标准输入提供数据"),
        (r"cannot read standard input \((.+)\)", r"无法读取标准输入（\1）"),
        (r"cannot write the file \((.+)\); it was left as it was",
         r"无法写入文件（\1）；文件保持原样"),
        (r"the run stopped: (.+); the output file was left as it was",
         r"运行中止：\1；输出文件保持原样"),
        (r"the run stopped: (.+)", r"运行中止：\1"),
        (r"input or output failed \((.+)\)", r"输入或输出失败（\1）"),
        (r"the household file is larger than ([\d,]+) bytes, the limit for one household",
         r"家庭数据文件超过 \1 字节（一户数据的上限）"),
    ))
_ROW = re.compile(r"row (\d+): (.+)", re.DOTALL)

_HOUSEHOLD_HEADLINES = {
    "the file is not valid JSON": "文件不是有效的 JSON",
    "the file is not acceptable JSON": "文件内容不符合要求的 JSON",
    "the household does not follow meanstest.household/1":
        "家庭数据不符合格式 meanstest.household/1",
    "the record was not read": "记录未读取",
    "the rows cannot be read": "台账行无法读取",
}


def _phrase(text: str) -> str | None:
    for pattern, zh in _PHRASES:
        match = pattern.fullmatch(text)
        if match:
            return match.expand(zh)
    row = _ROW.fullmatch(text)  # a case roll's "row 5: <problem>"
    if row:
        inner = _phrase(row[2])
        return None if inner is None else f"第 {row[1]} 行：{inner}"
    return None


def _where(problem: Problem) -> str:
    if problem.line is None:
        return problem.loc
    pos = f"第 {problem.line} 行" + (f"第 {problem.column} 列" if problem.column else "")
    return f"{problem.loc}（{pos}）" if problem.loc else pos


def render(error: MeansTestError, lang: Lang) -> str:
    """The error as the command line prints it, in the user's language."""
    path = visible(error.path) if error.path else None
    if lang != "zh":
        message = visible_lines(error.message)
        lines = [f"error: {path}: {message}" if path else f"error: {message}"]
        for problem in error.problems:
            where, msg = visible(problem.where()), visible_lines(problem.msg)
            lines.append(f"  {where}: {msg}" if where else f"  {msg}")
        return "\n".join(lines)
    headline = _HOUSEHOLD_HEADLINES.get(error.message) or _phrase(error.message) or next(
        (zh for kind, zh in _HEADLINES if isinstance(error, kind)), "输入有误")
    shown_head = visible_lines(headline)
    lines = [f"错误：{path}：{shown_head}" if path else f"错误：{shown_head}"]
    if headline not in (_HOUSEHOLD_HEADLINES.get(error.message), _phrase(error.message)):
        lines.append(f"  （{visible_lines(error.message)}）")
    for problem in error.problems:
        text = _phrase(problem.msg)
        shown = visible_lines(text if text else problem.msg)
        where = visible(_where(problem))
        lines.append(f"  {where}：{shown}" if where else f"  {shown}")
    return "\n".join(lines)
