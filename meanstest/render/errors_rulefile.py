"""The words of the mistakes a county's policy officer makes in a rule file (review
17a): a misspelt key, an id written as a number, a file saved in GBK, a percentage
written as a number...; code -> (zh, en). `errors` merges them into its templates.
"""

from __future__ import annotations

TEMPLATES: dict[str, tuple[str, str]] = {
    "key_unknown_close": (
        "不是已知的规则键；是否应为「{suggestion}」？",
        "not a known rule key; did you mean '{suggestion}'?",
    ),
    "rule_id_expected": (
        '应为规则集的 id，加引号写，如 "431021"（字母、数字、- 或 _；extends 写上级的 id，'
        "不写文件名或路径）",
        'expected a rule-set id in quotes, such as "431021" (letters, digits, - or _; '
        "extends names the parent's id, not its file or path)",
    ),
    "label_expected": (
        "应写中英文两种：「{{zh: 农村低保标准, en: Rural dibao standard}}」",
        "expected it in both languages: {{zh: 农村低保标准, en: Rural dibao standard}}",
    ),
    "not_utf8_gbk": (
        "文件似乎是 GBK 编码；请另存为 UTF-8（记事本：另存为，编码选 UTF-8）",
        "the file seems to be in GBK; save it as UTF-8 (Notepad: Save As, Encoding UTF-8)",
    ),
    "yaml_control_character": (
        "YAML 语法错误：文件中有控制字符 {code}（可能是从其他程序粘贴来的）；请删除它",
        "a control character {code} is in the file (pasted from another program?); delete it",
    ),
    "share_of_income_range": (
        "应为收入的比例，0 到 1 之间（80% 写作 0.8）",
        "expected a share of the income from 0 to 1 (80% is 0.8)",
    ),
    "number_plain_digits": (
        "「{text}」请用普通数字书写（如 1000，不写 1e3）",
        "write '{text}' in plain digits (1000, not 1e3)",
    ),
    "proposal_extends_nothing": (
        '调整方案须用 extends 写明它所修改的规则集（如 extends: "431022"）',
        'a proposal changes the rule set it extends: add extends with its id (extends: "431022")',
    ),
    "extends_itself": (
        "文件继承了它自己的 id；extends 应写上级（市、省）的 id",
        "the file extends its own id; extends names the parent's (the city's or province's)",
    ),
    "rule_file_empty": (
        "规则文件是空的（只有空行或注释）；可用 `meanstest rules new` 起草一个",
        "the rule file is empty (only blank lines or comments); `meanstest rules new` starts one",
    ),
    "percent_as_share": (
        "「{text}」：比例请写成小数，如 20% 写作 0.2",
        "'{text}': write a share as a decimal number, 20% as 0.2",
    ),
    "not_utf8_utf16": (
        "文件是 UTF-16 编码（记事本的“Unicode”）；请另存为 UTF-8",
        "the file is in UTF-16 (Notepad's 'Unicode'); save it as UTF-8",
    ),
    "values_empty": (
        "至少应有一个带日期的值：- {{from: 2026-01-01, value: ..., source: ...}}",
        "give at least one dated value: - {{from: 2026-01-01, value: ..., source: ...}}",
    ),
}
