"""meanstest's own help texts in Chinese (issue 15 point 2), for ``--help`` under ``--lang zh``.

click's own words (``Usage:``, ``Options``, ``Show this message and exit.``) are said by
`click_words`; this module holds the rest of a help page: each command's and group's
docstring, and each option's ``help=``. `ZH` goes from each text as the code writes it
(a docstring as `inspect.cleandoc` leaves it) to its Chinese. Option names, file names,
codes (``json``, ``payroll``), YYYY-MM-DD and the examples stay as they are; a Chinese
paragraph is one line (click rewraps it, and would join lines with a space), and an
example block keeps its layout (``\\b`` included).

`help_pages` makes the Chinese pages from it; this module is imported only when the
language is Chinese. tests/test_help_words.py walks every command and fails on a help
text with no Chinese here (a new option, a reworded docstring) and on an entry no
command uses any more.
"""

from __future__ import annotations

import inspect

from .click_words import ZH as CLICK_ZH

# The example blocks are code and stay as they are; "Example:" is 示例：.
ZH: dict[str, str] = {
    # meanstest (the group)
    "Household means tests for China's minimum living guarantee (低保).\n\n"
    "Example:\n\n"
    "    meanstest check examples/yizhang-widow-diabetes.json": (
        "最低生活保障（低保）家庭经济状况核算。\n\n"
        "示例：\n\n"
        "    meanstest check examples/yizhang-widow-diabetes.json"
    ),
    "Show the traceback of an error.": "出错时显示程序的调用栈。",
    # Options several commands share (cli/options.py)
    "Rule set id (431022) or rule file; default: the household's region.": (
        "规则集编号（如 431022）或规则文件；默认：按家庭所在地区。"
    ),
    "A directory of your own rule files, searched by id (region, --rules, extends) "
    "before the shipped ones; repeat for more.": (
        "自有规则文件所在的文件夹：按编号查找规则（地区、--rules、`extends`）时先于随附的"
        "规则；可重复给出多个。"
    ),
    "Assess with the rules in force on this date (YYYY-MM-DD).": (
        "按此日期（YYYY-MM-DD）有效的规则核算。"
    ),
    "Language of labels and messages; default from the locale.": (
        "标签和提示信息的语言；默认按系统的语言区域设置。"
    ),
    # meanstest check
    "Assess one household from a JSON file (or - for stdin), or one row of a case roll.\n\n"
    "Example:\n\n"
    "    meanstest check examples/yizhang-widow-diabetes.json --lang en --trace\n\n"
    "\b\n"
    "    meanstest check examples/batch/caseroll.xlsx --id YZ-2021-0203 \\\n"
    "        --format html -o form.html": (
        "核算一户：读取 JSON 文件（- 表示标准输入），或台账中的一行。\n\n"
        "示例：\n\n"
        "    meanstest check examples/yizhang-widow-diabetes.json --lang en --trace\n\n"
        "\b\n"
        "    meanstest check examples/batch/caseroll.xlsx --id YZ-2021-0203 \\\n"
        "        --format html -o form.html"
    ),
    "Check this household of a case roll (CSV, .xlsx, JSON Lines or Parquet, read as batch"
    " reads it).": (
        "核算台账（CSV、.xlsx、JSON Lines 或 Parquet，读法与 meanstest batch 相同）"
        "中户编号为此值的一户。"
    ),
    "Encoding of a CSV or JSON Lines roll (e.g. gbk); default: UTF-8, else GBK with a note.": (
        "CSV 或 JSON Lines 台账的编码（如 gbk）；默认 UTF-8，不是 UTF-8 时按 GBK 读取并给出提示。"
    ),
    "Output format: html is the printable assessment form, refusal the written refusal "
    "of a household that is not eligible.": (
        "输出格式：html 为可打印的家庭经济状况核算评估表，refusal 为给不符合条件家庭的"
        "不予批准告知书。"
    ),
    "Write to this file (whole or not at all) instead of standard output.": (
        "写入此文件（要么完整写成，要么不写），而不是标准输出。"
    ),
    "Show every step with its rule key and source.": "显示每个核算步骤及其规则键和出处。",
    "Show names and ID numbers unmasked in Markdown, JSON, the form and the refusal.": (
        "在 Markdown、JSON、核算评估表和不予批准告知书中显示完整的姓名和身份证号（不部分隐去）。"
    ),
    # meanstest batch
    "Assess a case roll (JSON Lines, CSV, XLSX or Parquet), one result per household.\n\n"
    "Output records keep the input order: a summary (or with --detail full the full\n"
    "assessment), or an error record naming the line and field of a household that\n"
    "cannot be assessed. Exit status 3 when any record was an error. See docs/batch.md\n"
    "for the layouts.\n\n"
    "Example:\n\n"
    "    meanstest batch examples/batch/caseroll.jsonl -o results.jsonl --jobs 2": (
        "核算一份台账（JSON Lines、CSV、XLSX 或 Parquet），每户一条结果。\n\n"
        "输出记录保持输入的顺序：每户一条汇总（加 --detail full 时为完整的核算结果），"
        "无法核算的户为一条错误记录，注明所在的行和字段。有错误记录时退出状态为 3。"
        "各格式的版式见 docs/batch.md。\n\n"
        "示例：\n\n"
        "    meanstest batch examples/batch/caseroll.jsonl -o results.jsonl --jobs 2"
    ),
    "Write here (atomically) instead of to standard output.": (
        "写入此文件（一次写成，不留半截文件），而不是标准输出。"
    ),
    "Output format; default from the -o suffix, else jsonl. payroll: the monthly payment "
    "roll (发放花名册); notice: the publication list (公示名单); both as a workbook "
    "(-o NAME.xlsx) or CSV (-o NAME.csv, or standard output).": (
        "输出格式；默认按 -o 的文件后缀，否则为 jsonl。payroll：每月的发放花名册；"
        "notice：公示名单；两者都可写成工作簿（-o 文件名.xlsx）或 CSV（-o 文件名.csv，"
        "或标准输出）。"
    ),
    "--format payroll: the month paid, 2000-01 to 2099-12; default: the assessment date's.": (
        "用于 --format payroll：发放的月份，2000-01 至 2099-12；默认为核算日期所在的月份。"
    ),
    "Input format; default from the suffix or the content.": (
        "输入格式；默认按文件后缀或内容判断。"
    ),
    "Encoding of a JSONL or CSV input (e.g. gbk); default: UTF-8 with or without a BOM, "
    "else GBK with a note.": (
        "JSONL 或 CSV 输入的编码（如 gbk）；默认 UTF-8（带或不带 BOM），不是 UTF-8 时按 "
        "GBK 读取并给出提示。"
    ),
    "Worker processes; the output is the same for any number.": (
        "工作进程数；无论多少个进程，输出都相同。"
    ),
    "summary: meanstest.summary/1 records (the columnar engine); full: "
    "meanstest.assessment/1 with trace (JSON Lines only).": (
        "summary：meanstest.summary/1 汇总记录（列式引擎）；full：带核算步骤的 "
        "meanstest.assessment/1 完整结果（仅限 JSON Lines）。"
    ),
    "Write a run report (JSON: counts, engines, input SHA-256, rules) here.": (
        "将运行报告（JSON：各项计数、所用引擎、输入的 SHA-256、规则）写入此文件。"
    ),
    "Write names and ID numbers unmasked in full records (--detail full), the payment"
    " roll and the publication list.": (
        "在完整结果（--detail full）、发放花名册和公示名单中写出完整的姓名和身份证号"
        "（不部分隐去）。"
    ),
    "No progress bar, notes or summary.": "不显示进度条、说明和汇总。",
    # meanstest compare
    "Compare a case roll under the current rules and a proposal.\n\n"
    "The report lists the rule values the proposal changes, the cost by scheme per month,\n"
    "per year and for the rest of the budget year, and the households by group. It is\n"
    "an error (exit 1) when none of the proposal's values is in force on the assessment\n"
    "date; exit status 3 when some households were error rows.\n\n"
    "Example:\n\n"
    "\b\n"
    "    meanstest compare examples/caseload/yizhang-caseload.jsonl \\\n"
    "        --proposal examples/proposals/standard-rise-2027.yaml --on 2027-01-15": (
        "按现行规则和调整方案分别核算一份台账，并加以比较。\n\n"
        "报告列出方案调整的规则值，各救助类别每月、每年和本预算年度余下月份的支出，"
        "以及按群体分列的户数。方案的值在核算日期都未生效时报错（退出状态 1）；"
        "有户为错误行时退出状态为 3。\n\n"
        "示例：\n\n"
        "\b\n"
        "    meanstest compare examples/caseload/yizhang-caseload.jsonl \\\n"
        "        --proposal examples/proposals/standard-rise-2027.yaml --on 2027-01-15"
    ),
    "A rule file that extends the current rules and changes some values.": (
        "调整方案：扩展现行规则、修改部分取值的规则文件。"
    ),
    "The current rules; default: each household's region.": (
        "现行规则；默认：各户所在地区的规则。"
    ),
    "A quick change, e.g. dibao.standard.rural=500/month (repeatable).": (
        "快速调整一个取值，如 dibao.standard.rural=500/month（可重复给出）。"
    ),
    "The date the --set changes take effect (default: always).": (
        "--set 调整的生效日期（默认：始终有效）。"
    ),
    "table or json: the summary; csv: one row a household.": (
        "table 或 json：汇总；csv：每户一行。"
    ),
    "Write the per-household changes here (.csv or .jsonl).": (
        "将每户的变化写入此文件（.csv 或 .jsonl）。"
    ),
    "Write a self-contained HTML report here.": "将 HTML 报告（单个文件，无需其他文件）写入此处。",
    "How many largest changes to list.": "列出变化最大的前多少户。",
    "Encoding of a JSONL or CSV roll (e.g. gbk); default: UTF-8, else GBK with a note.": (
        "JSONL 或 CSV 台账的编码（如 gbk）；默认 UTF-8，不是 UTF-8 时按 GBK 读取并给出提示。"
    ),
    "Worker processes; the results are the same for any number.": (
        "工作进程数；无论多少个进程，结果都相同。"
    ),
    "No progress bar or reading notes (warnings are always given).": (
        "不显示进度条和读取说明（警告总会给出）。"
    ),
    # meanstest rules
    "List, show, validate and compare rule files, and start one for a new county.\n\n"
    "Example:\n\n"
    "    meanstest rules show 431022 --on 2021-12-01": (
        "列出、查看、校验和比较规则文件，或为新的县新建规则文件。\n\n"
        "示例：\n\n"
        "    meanstest rules show 431022 --on 2021-12-01"
    ),
    "List the rule sets: yours (--rules-dir) first, then the shipped ones.\n\n"
    "Example:\n\n"
    "    meanstest rules list --rules-dir rules": (
        "列出规则集：先列自有的（--rules-dir），再列随附的。\n\n"
        "示例：\n\n"
        "    meanstest rules list --rules-dir rules"
    ),
    "Show the values in force on a date, with their sources.\n\n"
    "Example:\n\n"
    "    meanstest rules show 431022 --on 2021-12-01": (
        "查看某一日期有效的规则值及其出处。\n\n"
        "示例：\n\n"
        "    meanstest rules show 431022 --on 2021-12-01"
    ),
    "Show the values in force on this date (YYYY-MM-DD); default today.": (
        "查看此日期（YYYY-MM-DD）有效的取值；默认今天。"
    ),
    "Check rule files: keys, types, dates, sources, `extends` and consistency checks.\n\n"
    "A file that loads gets an ok line, then a warning for each provisional value below\n"
    "a minimum, and for the dates (today and each date a value changes) on which no\n"
    "dibao standard is in force, when it could not assess a household.\n\n"
    "Example:\n\n"
    "    meanstest rules validate rules/*.yaml": (
        "校验规则文件：规则键、类型、日期、出处、`extends` 和一致性检查。\n\n"
        "能加载的文件先得到一行 `ok`，然后对低于最低标准的每个暂定值给出提示，并列出没有"
        "生效的低保标准、因而无法核算家庭的日期（今天和每个取值变化的日期）。\n\n"
        "示例：\n\n"
        "    meanstest rules validate rules/*.yaml"
    ),
    "Show the rule values that differ between two rule sets on a date, with sources.\n\n"
    "Example:\n\n"
    "\b\n"
    "    meanstest rules diff 431022 examples/proposals/standard-rise-2027.yaml \\\n"
    "        --on 2027-02-01": (
        "列出两个规则集在某一日期取值不同的规则值及其出处。\n\n"
        "示例：\n\n"
        "\b\n"
        "    meanstest rules diff 431022 examples/proposals/standard-rise-2027.yaml \\\n"
        "        --on 2027-02-01"
    ),
    "Compare the values the two rule sets have in force on this date (YYYY-MM-DD); "
    "default today.": ("比较两个规则集在此日期（YYYY-MM-DD）有效的取值；默认今天。"),
    "Start a rule file for a new county: every local value provisional, with what to "
    "fill in.\n\n"
    "Example:\n\n"
    "\b\n"
    "    meanstest rules new 431021 --extends 431000 --name 桂阳县 \\\n"
    '        --name-en "Guiyang County"': (
        "为新的县起草规则文件：各项本地取值均为暂定值，并注明需要填写的内容。\n\n"
        "示例：\n\n"
        "\b\n"
        "    meanstest rules new 431021 --extends 431000 --name 桂阳县 \\\n"
        '        --name-en "Guiyang County"'
    ),
    "table: for reading; json: each value typed, for a program.": (
        "table：表格，供阅读；json：每个取值带类型，供程序读取。"
    ),
    "The rule set the new one extends (e.g. 431000 for a Chenzhou county).": (
        "新规则集所扩展的规则集（如郴州市下辖的县为 431000）。"
    ),
    "The name in Chinese, e.g. 桂阳县.": "中文名称，如 桂阳县。",
    "The name in English (default: the Chinese name).": "英文名称（默认：与中文名称相同）。",
    "Write the file here instead of to stdout (never over an existing one unless --force).": (
        "写入此文件，而不是标准输出（除非给出 --force，不覆盖已有的文件）。"
    ),
    "With -o, replace an existing file.": "与 -o 同用：替换已有的文件。",
    "Copy the parent's values in force on this date, and start the new file's values "
    "from it (YYYY-MM-DD); default today.": (
        "复制上级规则集在此日期（YYYY-MM-DD）有效的取值，新文件的取值自该日起施行；默认今天。"
    ),
    # meanstest test
    "Run rule tests: YAML cases that say what households should get.\n\n"
    "FILES are case files or directories; a directory is searched, with its\n"
    "subdirectories, for *.yaml and *.yml files, and a YAML file there that is not a\n"
    "list of cases (a rule file) is skipped with a note. With no FILES, runs the cases\n"
    "shipped with the rules (rules/cases/). A case names its rules by id or file; ids\n"
    'are looked up in --rules-dir first. Ends with "N passed, M failed"; exit status 1\n'
    "when a case fails, 2 when no case is found or -k selects none.\n\n"
    "Example:\n\n"
    "    meanstest test rules/cases/ -k E5 --junit-xml report.xml": (
        "运行规则测试：用 YAML 写成的用例，说明各户应得的结果。\n\n"
        "所给的文件为用例文件或文件夹；在文件夹及其子文件夹中查找 *.yaml 和 *.yml 文件，"
        "其中不是用例列表的 YAML 文件（规则文件）跳过并给出说明。不给文件时，运行随规则"
        "附带的用例（rules/cases/）。用例按编号或文件指明所用的规则；编号先在 --rules-dir "
        "中查找。最后输出“N 项通过，M 项失败”；有用例失败时退出状态为 1，找不到用例或 -k "
        "一个用例也没有选中时为 2。\n\n"
        "示例：\n\n"
        "    meanstest test rules/cases/ -k E5 --junit-xml report.xml"
    ),
    "Run only the cases whose name contains NAME (case ignored).": (
        "只运行名称包含此文字的用例（不区分大小写）。"
    ),
    "Also write the results as JUnit XML for CI systems (written whole, or not at all).": (
        "另将结果写成 JUnit XML，供持续集成（CI）系统读取（要么完整写成，要么不写）。"
    ),
    "List every case, not only failures.": "列出每个用例，而不只是失败的用例。",
    "Show names and ID numbers unmasked in what the cases say.": (
        "在用例的输出中显示完整的姓名和身份证号（不部分隐去）。"
    ),
    # meanstest schema
    "Print the JSON Schema of the household input, the assessment or the summary.\n\n"
    "Example:\n\n"
    "    meanstest schema household > household.schema.json": (
        "输出家庭输入文件、核算结果或汇总记录的 JSON Schema。\n\n"
        "示例：\n\n"
        "    meanstest schema household > household.schema.json"
    ),
    # meanstest template
    "Write a household file or a case roll to start from.\n\n"
    "Example:\n\n"
    "    meanstest template roll --lang zh -o 台账.xlsx": (
        "生成可以照着填写的家庭文件或台账。\n\n"
        "示例：\n\n"
        "    meanstest template roll --lang zh -o 台账.xlsx"
    ),
    "A filled, valid household JSON file (the README's worked example, renamed).\n\n"
    "Example:\n\n"
    "    meanstest template household -o household.json": (
        "一份已填好、可通过校验的家庭 JSON 文件（即 README 中的算例，换了名字）。\n\n"
        "示例：\n\n"
        "    meanstest template household -o household.json"
    ),
    "Write to this file instead of stdout (never over an existing one unless --force).": (
        "写入此文件，而不是标准输出（除非给出 --force，不覆盖已有的文件）。"
    ),
    "The case-roll layout with one example household: headers in the --lang language;\n"
    "the workbook has drop-down lists and a sheet of notes.\n\n"
    "Example:\n\n"
    "    meanstest template roll --lang zh -o 台账.xlsx": (
        "台账的版式，附一户示例：表头用 --lang 指定的语言；工作簿带下拉列表和一张填写说明。\n\n"
        "示例：\n\n"
        "    meanstest template roll --lang zh -o 台账.xlsx"
    ),
    "Write here (.xlsx or .csv; never over an existing file unless --force); default: "
    "CSV on standard output.": (
        "写入此文件（.xlsx 或 .csv；除非给出 --force，不覆盖已有的文件）；默认：以 CSV "
        "写到标准输出。"
    ),
    "Workbook or CSV; default from the -o suffix, else CSV.": (
        "工作簿或 CSV；默认按 -o 的文件后缀，否则为 CSV。"
    ),
}


def chinese(text: str) -> str:
    """A help text in Chinese: from `ZH`, else from click's own catalog (``--version``'s
    help is click's, fixed when the option was declared); as it is when neither has it
    (the test says which are missing)."""
    clean = inspect.cleandoc(text)
    return ZH.get(clean) or CLICK_ZH.get(clean) or text
