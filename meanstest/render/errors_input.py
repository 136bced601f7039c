"""The words of input errors: households, JSON, case rolls (CSV, XLSX), batch runs and
the command line; code -> (zh, en). `errors` merges them into its templates. Households'
words live in `errors_household`, reading inputs and case rolls in `errors_roll`; the
files and streams of the command line here.
"""

from __future__ import annotations

from ..model import vocabulary
from . import errors_household, errors_roll

TEMPLATES: dict[str, tuple[str, str]] = {
    **errors_household.TEMPLATES,
    **errors_roll.TEMPLATES,
    # ---------------------------------------------------------------- files and streams
    "would_overwrite": (
        "{file_role}「{path}」会覆盖{other_role}「{other_path}」；请换一个名字",
        "{file_role} '{path}' would overwrite {other_role} '{other_path}'; choose another name",
    ),
    "report_with_records": (
        "--report「{path}」会把运行报告写到标准输出，而记录也写到那里，两者会混在一起："
        "请用 -o 文件 写出记录，或把报告写到文件（--report 报告.json）",
        "--report '{path}' would write the run report to standard output, where the records "
        "go too, mixing the two: give -o FILE for the records, or --report FILE.json",
    ),
    "xlsx_to_terminal": (
        "--format xlsx 写出的是二进制工作簿，不是给终端看的文本：请用 -o "
        "文件.xlsx（或把标准输出重定向到文件）",
        "--format xlsx writes a binary workbook, not text for a terminal: "
        "give -o FILE.xlsx (or redirect standard output to a file)",
    ),
    "template_suffix": (
        "台账模板请命名为 .xlsx 或 .csv（不是「{output}」），或给出 --format",
        "name the roll template .xlsx or .csv (not '{output}'), or give --format",
    ),
    "stdin_closed": (
        "标准输入已关闭；请给出文件，或通过标准输入提供数据",
        "standard input is closed; give a file, or data on standard input",
    ),
    "stdout_closed": (
        "标准输出已关闭，输出无处可写（命令有 -o 时请用 -o 文件）",
        "standard output is closed; the output has nowhere to go (give -o FILE "
        "where the command has it)",
    ),
    "run_stopped_stdin_closed": (
        "运行中止：标准输入已关闭；请给出文件，或通过标准输入提供数据",
        "the run stopped: standard input is closed; give a file, or data on standard input",
    ),
    "run_stopped_stdout_closed": (
        "运行中止：标准输出已关闭，输出无处可写（命令有 -o 时请用 -o 文件）",
        "the run stopped: standard output is closed; the output has "
        "nowhere to go (give -o FILE where the command has it)",
    ),
    "cannot_read_stdin": ("无法读取标准输入（{reason}）", "cannot read standard input ({reason})"),
    "cannot_write_stdout": (
        "无法写入标准输出（{reason}）",
        "cannot write to standard output ({reason})",
    ),
    "cannot_write_kept": (
        "无法写入文件（{reason}）；文件保持原样",
        "cannot write the file ({reason}); it was left as it was",
    ),
    "input_output_failed": ("输入或输出失败（{reason}）", "input or output failed ({reason})"),
    "not_a_rule_set_id": (
        "代码「{code}」不是规则集 id：最多 40 个字母、数字、'-' 和 '_'，以字母或"
        "数字开头，如 431021",
        "the code '{code}' is not a rule-set id: up to 40 letters, digits, "
        "'-' and '_', starting with a letter or digit, such as 431021",
    ),
    "name_not_one_line": (
        "{option}「{text}」不是一行名称：为空，或含换行符或其他控制字符",
        "{option} '{text}' is not a name on one line: it is empty or holds "
        "a line break or another control character",
    ),
}

_ROLES = {
    "output_file": ("输出文件", "the output file"),
    "input_file": ("输入文件", "the input file"),
    "case_roll": ("台账", "the case roll"),
}
# Why the system could not read or write a file (``OSError.strerror``, in English on
# Linux and macOS): the common reasons in Chinese; any other is shown as the system says.
_OS_REASONS = {
    "No such file or directory": ("文件或文件夹不存在", "No such file or directory"),
    "Permission denied": ("没有权限", "Permission denied"),
    "Is a directory": ("这是一个文件夹", "Is a directory"),
    "Not a directory": ("路径中有一段不是文件夹", "Not a directory"),
    "No space left on device": ("磁盘已满", "No space left on device"),
    "Read-only file system": ("文件系统只读", "Read-only file system"),
    "File name too long": ("文件名过长", "File name too long"),
    "Disk quota exceeded": ("超出磁盘配额", "Disk quota exceeded"),
    "Broken pipe": ("管道已断开", "Broken pipe"),
    "Operation not permitted": ("不允许该操作", "Operation not permitted"),
}
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "reason": _OS_REASONS,
    "category": vocabulary.INCOME_CATEGORY_LABELS,
    "per": vocabulary.PERIOD_LABELS,
    # what a column of a roll fills
    "scope": {"household": ("家庭", "household"), "member": ("成员", "member")},
    "kind": {"income": ("收入", "income"), "expense": ("支出", "expense")},
    # what a household was given as instead of an object
    # what the user calls a file (an option, ``--html``, stands for itself)
    "file_role": _ROLES,
    "other_role": _ROLES,
    "json_kind": {
        "array": ("数组", "an array"),
        "string": ("文本", "a string"),
        "boolean": ("true 或 false", "true or false"),
        "null": ("null", "null"),
        "number": ("数字", "a number"),
    },
}
