"""The words of rule errors: rule files, their YAML, keys and values, consistency
checks, rule sets and rule tests; code -> (zh, en). `errors` merges them into its
templates.
"""

from __future__ import annotations

from ..model import vocabulary

TEMPLATES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- rule sets
    "rule_not_in_force": (
        "规则集 {rule_set} 在 {on} 没有生效的「{key}」值；请在规则文件中补充该日"
        "期"
        "的值，或换一个核算日期",
        "rule set {rule_set} has no value of '{key}' in force on {on}; add a "
        "dated value to the rule file or assess on another date",
    ),
    "unknown_rule_set": (
        "没有 id 为「{id}」的规则文件（可用：{known}）；请把本县的规则文件放在 "
        "--rules-dir 或 MEANSTEST_RULES_DIR 指定的目录中，或使用 --rules 文件",
        "no rule file has the id '{id}' (known: {known}); keep a county's own "
        "rule files in a directory named by --rules-dir or MEANSTEST_RULES_DIR"
        ", or use --rules FILE",
    ),
    "unknown_rule_set_searched": (
        "没有 id 为「{id}」的规则文件（可用：{known}）；请把本县的规则文"
        "件"
        "放在 --rules-dir 或 MEANSTEST_RULES_DIR 指定的目录中（已查找："
        "{searched}，然后是随程序提供的规则），或使用 --rules 文件",
        "no rule file has the id '{id}' (known: {known}); keep a "
        "county's own rule files in a directory named by --rules-dir "
        "or MEANSTEST_RULES_DIR (searched: {searched}, then the "
        "shipped rules), or use --rules FILE",
    ),
    "extends_cycle": ("extends 形成循环：{chain}", "'extends' makes a cycle: {chain}"),
    "extends_leads_back": (
        "「{id}」又指回链中已有的文件",
        "'{id}' leads back to a file already in the chain",
    ),
    "file_name_id": (
        "文件名表示 id「{stem}」，文件中写的是「{id}」",
        "the file name says id '{stem}' but the file says '{id}'",
    ),
    "make_them_agree": ("请使二者一致", "make them agree"),
    "extends_too_deep": ("extends 超过 {max} 层文件", "'extends' is deeper than {max} files"),
    "extends_missing": (
        "文件所继承的规则集不存在",
        "the file extends a rule set that does not exist",
    ),
    "group_needs_combine": (
        "分类施保类别「{key}」自 {on} 起生效，但当时没有 classified.combine "
        "规则（成员属于多个类别时取最高还是相加）；请补充 classified.combine",
        "the 分类施保 group '{key}' is in force from {on} but no "
        "classified.combine rule is (highest or sum, for a member in "
        "two groups); add classified.combine",
    ),
    "minimum_above_maximum": (
        "{minimum}（{low}，{low_file} 第 {low_line} 行）高于 {maximum}（"
        "{high}，{high_file} 第 {high_line} 行），自 {on} 起",
        "{minimum} ({low}, {low_file} line {low_line}) is above "
        "{maximum} ({high}, {high_file} line {high_line}) from {on}",
    ),
    "checks_broken": ("规则集未通过一致性检查", "the rule set breaks its consistency checks"),
    "set_syntax": ("修改须写作 KEY=VALUE", "a change must look like KEY=VALUE"),
    "set_expected": ("应为 KEY=VALUE", "expected KEY=VALUE"),
    # ---------------------------------------------------------------- reading a file
    "cannot_read": ("无法读取{what}（{reason}）", "cannot read the {what} ({reason})"),
    "file_too_large": (
        "{what}超过 {limit:,} 字节的上限",
        "the {what} is larger than {limit:,} bytes, the limit for one {what}",
    ),
    "rule_file_invalid": ("规则文件无效", "the rule file is invalid"),
    "rule_file_not_utf8": ("规则文件不是有效的 UTF-8 编码", "the rule file is not valid UTF-8"),
    "invalid_byte": ("第 {offset} 字节不是有效的 UTF-8 编码", "invalid byte at offset {offset}"),
    "rule_file_not_mapping": (
        "规则文件应为键的映射（schema、id、name……）",
        "a rule file must be a mapping of keys (schema, id, name, ...)",
    ),
    "found_instead": ("实际是{yaml_kind}", "found {yaml_kind} instead"),
    "unknown_key": ("未知的键（拼写错误？）", "unknown key (a typo?)"),
    "rule_date_expected": (
        "应为日期，如 2021-01-01（YYYY-MM-DD）",
        "expected a date such as 2021-01-01 (YYYY-MM-DD)",
    ),
    "value_needs_source": (
        "规则值须注明出处（sources 中的键）或标明 provisional: true",
        "a value needs a source (a key under sources) or provisional: true",
    ),
    "provisional_needs_note": (
        "provisional: true 的值须有 note，说明数值从何而来、待核实什么",
        "a provisional value needs a note saying where it comes from and what is to be confirmed",
    ),
    "article_without_source": ("给出了 article 但没有 source", "article is given without a source"),
    # ---------------------------------------------------------------- YAML
    "yaml_invalid": ("文件不是有效的 YAML", "the file is not valid YAML"),
    "yaml_not_rules": ("文件不是有效的规则 YAML", "the file is not valid rule YAML"),
    "yaml_syntax": ("YAML 语法错误：{detail}", "{detail}"),
    "yaml_no_content": (
        "YAML 语法错误：此处应有内容（值缺失，或括号、引号没有闭合？）",
        "did not find expected node content",
    ),
    "yaml_mapping_value": (
        "YAML 语法错误：此处不能出现「键: 值」；含「: 」的文字请加引号",
        "mapping values are not allowed in this context",
    ),
    "yaml_expected_colon": (
        "YAML 语法错误：此处应有冒号「:」",
        "could not find expected ':'",
    ),
    "yaml_tab": (
        "YAML 语法错误：缩进中有制表符；请用空格缩进",
        "found a tab character that violates indentation",
    ),
    "yaml_bad_character": (
        "YAML 语法错误：这个字符不能出现在这里（如用制表符缩进，或值以 @、` 开头）；"
        "请用空格缩进，给文字加引号",
        "found character that cannot start any token",
    ),
    "yaml_indentation": (
        "YAML 语法错误：缩进不一致，此处应为一个键",
        "did not find expected key",
    ),
    "yaml_expected_dash": (
        "YAML 语法错误：此处应为以「- 」开头的列表项",
        "did not find expected '-' indicator",
    ),
    "yaml_unexpected_end": (
        "YAML 语法错误：文件意外结束（引号或括号没有闭合？）",
        "found unexpected end of stream",
    ),
    "yaml_unclosed_list": (
        "YAML 语法错误：列表缺少「,」或「]」",
        "did not find expected ',' or ']'",
    ),
    "yaml_unclosed_mapping": (
        "YAML 语法错误：映射缺少「,」或「}}」",
        "did not find expected ',' or '}}'",
    ),
    "yaml_sequence_here": (
        "YAML 语法错误：此处不能出现列表项「- 」",
        "block sequence entries are not allowed in this context",
    ),
    "yaml_bad_escape": (
        "YAML 语法错误：双引号字符串中有无法识别的转义「\\」",
        "found unknown escape character",
    ),
    "yaml_tag": (
        "规则文件中不允许使用 !!python 之类的标签",
        "tags such as !!python are not allowed in rule files",
    ),
    "key_not_plain": ("键必须是普通的词", "a key must be a plain word"),
    "key_twice": ("键「{key}」出现了两次", "the key '{key}' appears twice"),
    "not_finite": ("「{text}」不是有限的数", "'{text}' is not a finite number"),
    "not_decimal": (
        "「{text}」不是十进制数；请用十进制数字书写（YAML 会把 1:16:00 读作六十进制、0"
        "12 "
        "读作八进制、0x1F 读作十六进制）",
        "'{text}' is not a decimal number; write it in decimal digits (YAML would "
        "read 1:16:00 as base 60, 012 as octal, 0x1F as hexadecimal)",
    ),
    "number_too_long_rule": (
        "数字超过 4300 位，规则值不可能这么长",
        "a number has more than 4,300 digits; no rule value is that long",
    ),
    "not_real_date": ("「{text}」不是真实存在的日期", "'{text}' is not a real date"),
    "aliases_expand": (
        "别名展开后超过 {max:,} 个值（“十亿笑声”文件？）；请把值写出来",
        "aliases expand to more than {max:,} values (a 'billion laughs' "
        "file?); write the values out",
    ),
    "nested_too_deeply": ("嵌套层次过深", "values are nested too deeply"),
    # ---------------------------------------------------------------- 分类施保 groups, bands
    "words_list": ("应为以下各项组成的列表：{choices}", "expected a list of {choices}"),
    "word_unknown": ("「{word}」不是以下之一：{choices}", "'{word}' is not one of {choices}"),
    "age_expected": ("应为 0 到 130 之间的年龄", "expected an age from 0 to 130"),
    "condition_true": (
        "应为 true（条件无关紧要时请省略）",
        "expected true (leave the condition out when it does not matter)",
    ),
    "conditions_expected": (
        "应为成员须满足的条件，如 {{age_from: 60}}；可用：{known}",
        "expected the conditions a member meets, such as {{age_from: 60}}; known: {known}",
    ),
    "condition_unknown": (
        "「{name}」不是条件；可用：{known}",
        "'{name}' is not a condition; known: {known}",
    ),
    "ages_overlap": (
        "age_from 须小于 age_below（不能有年龄同时满足两者）",
        "age_from must be below age_below (no age is in both)",
    ),
    "group_expected": (
        "应为一个类别，如 {{members: {{age_from: 60}}, pay: gap, top_up: "
        "{{amount: 0.1, unit: share of standard}}}}",
        "expected a group such as {{members: {{age_from: 60}}, pay: gap, "
        "top_up: {{amount: 0.1, unit: share of standard}}}}",
    ),
    "group_field_unknown": (
        "「{field}」不是类别的字段；应为 members、pay、top_up",
        "'{field}' is not a field of a group; expected members, pay, top_up",
    ),
    "group_members_missing": (
        "请给出类别的成员：members: {{age_from: 60, ...}}",
        "give the members of the group: members: {{age_from: 60, ...}}",
    ),
    "group_pay": ("pay 应为 {allowed}", "pay: expected {allowed}"),
    "group_pays_nothing": (
        "该类别没有额外发放：请给出 top_up，或 pay: full_standard",
        "the group pays nothing extra: give a top_up, or pay: full_standard",
    ),
    "bands_expected": (
        "应为档次列表，如 [{{below: 2, pay: full_standard}}, {{below: 3, pay: "
        "{{amount: 0.5, unit: share of standard}}}}]",
        "expected a list of bands such as [{{below: 2, pay: full_standard}}, "
        "{{below: 3, pay: {{amount: 0.5, unit: share of standard}}}}]",
    ),
    "band_expected": (
        "第 {band} 档：应为映射，如 {{below: 2, pay: gap}}",
        "band {band}: expected a mapping such as {{below: 2, pay: gap}}",
    ),
    "band_field_unknown": (
        "第 {band} 档：「{field}」不是档次的字段；应为 below 或 not_above、pay、top_ups",
        "band {band}: '{field}' is not a field of a band; expected below "
        "or not_above, pay, top_ups",
    ),
    "band_ceiling_once": (
        "第 {band} 档：上限只写一次，写作 below: N（低于 N 倍标准）或 not_above: N（不高于）",
        "band {band}: give its ceiling once, as below: N (低于 N × the "
        "standard) or not_above: N (不高于)",
    ),
    "band_ceilings_increase": (
        "第 {band} 档：各档上限须逐档递增",
        "band {band}: the ceilings must increase from band to band",
    ),
    "band_pay_missing": (
        "第 {band} 档：请给出发放方式：pay: gap | full_standard | {{amount: ..., unit: ...}}",
        "band {band}: give what is paid: pay: gap | full_standard | {{amount: ..., unit: ...}}",
    ),
    "band_pay": (
        "第 {band} 档：pay 应为 gap、full_standard 或 {{amount: ..., unit: ...}}",
        "band {band}: pay: expected gap, full_standard or {{amount: ..., unit: ...}}",
    ),
    "band_top_ups": (
        "第 {band} 档：top_ups 应为 true 或 false",
        "band {band}: top_ups: expected true or false",
    ),
    # ---------------------------------------------------------------- keys and values
    "key_renamed": (
        "此键已改为 {key}（须写 unit: {unit}）",
        "this key is now {key} (with unit: {unit})",
    ),
    "key_now_group": (
        "此键已改为 {key}：一个类别 {group}",
        "this key is now {key}: a group {group}",
    ),
    "key_now_group_members": (
        "此键已改为 {key}（members: {members}）",
        "this key is now {key} (members: {members})",
    ),
    "key_not_a_place": (
        "「{part}」不是地区或供养方式：应为 {base}.AREA、{base}.MODE 或 "
        "{base}.AREA.MODE，AREA 为 urban 或 rural，MODE 为 {modes}",
        "'{part}' is not an area or a support mode: expected {base}.AREA, "
        "{base}.MODE or {base}.AREA.MODE, with AREA urban or rural and MODE "
        "{modes}",
    ),
    "group_name": (
        "类别名称由小写字母、数字和 _ 组成，以字母开头（classified.groups.students）",
        "a group's name is lower-case letters, digits and _, starting with a letter "
        "(classified.groups.students)",
    ),
    "income_type_undeclared": (
        "「{type}」不是已声明的收入类型（请在 income_types 下添加）",
        "'{type}' is not a declared income type (add it under income_types)",
    ),
    "expense_type_undeclared": (
        "「{type}」不是已声明的支出类型（请在 expense_types 下添加）",
        "'{type}' is not a declared expense type (add it under expense_types)",
    ),
    "deduction_field": (
        "应为 deduction.{type}.{{{fields}}} 之一",
        "expected one of deduction.{type}.{{{fields}}}",
    ),
    "key_unknown": (
        "不是已知的规则键（可用 `meanstest rules show 000000` 查看）",
        "not a known rule key (see `meanstest rules show 000000` for the keys)",
    ),
    "key_needs_description": (
        "新键须有 zh 和 en 的 description",
        "a new key needs a description with zh and en",
    ),
    "dates_increase": (
        "日期须递增：{date} 不晚于 {previous}",
        "dates must increase: {date} is not after {previous}",
    ),
    "comparison_not_threshold": ("只有阈值才有 comparison", "only a threshold has a comparison"),
    "comparison_upper": ("这是上限：应为 {allowed}", "this is an upper limit: expected {allowed}"),
    "comparison_lower": ("这是下限：应为 {allowed}", "this is a lower limit: expected {allowed}"),
    "source_undeclared": (
        "「{source}」未在 sources 中声明（已声明：{known}）",
        "'{source}' is not declared under sources (known: {known})",
    ),
    "number_expected": ("应为数字", "expected a number"),
    "finite_expected": ("应为有限的数", "expected a finite number"),
    "amount_negative": ("金额应为零或正数", "expected an amount of zero or more"),
    "amount_too_large": ("金额应小于 {limit:,} 元", "expected an amount below {limit:,} yuan"),
    "amount_fen": (
        "应为最多两位小数的金额（精确到分）",
        "expected yuan with at most two decimals (fen)",
    ),
    "ratio_range": ("应为 {low} 到 {high} 之间的数", "expected a number from {low} to {high}"),
    "whole_number": ("应为零或正整数", "expected a whole number of zero or more"),
    "months_range": (
        "应为 {low} 到 {high} 之间的整月数",
        "expected a whole number of months from {low} to {high}",
    ),
    "bool_expected": ("应为 true 或 false", "expected true or false"),
    "one_of": ("应为以下之一：{choices}", "expected one of {choices}"),
    "list_of": ("应为由以下各项组成的列表：{choices}", "expected a list of {choices}"),
    "word_not_in": ("「{word}」不在以下各项中：{choices}", "'{word}' is not one of {choices}"),
    "word_twice": ("列表中有一项出现了两次", "a word appears twice in the list"),
    "rounding_unit": ("应为 0.01、0.1 或 1", "expected 0.01, 0.1 or 1"),
    "grades_mapping": (
        "应为映射，如 {{any: [1, 2], intellectual: [3]}}",
        "expected a mapping such as {{any: [1, 2], intellectual: [3]}}",
    ),
    "grades_category": (
        "「{word}」不是 any，也不是残疾类别（{choices}）",
        "'{word}' is not 'any' or a disability category ({choices})",
    ),
    "grades_list": ("应为 1 到 4 级组成的列表", "expected a list of grades from 1 to 4"),
    "grades_empty": (
        "应至少列出一个残疾等级，如 {{any: [1, 2]}}",
        "expected at least one disability grade, such as {{any: [1, 2]}}",
    ),
    "tiers_expected": (
        "应为档次列表，如 [{{below_share: 0.5, per_person: {{amount: 200, unit: yuan/month}}}}]",
        "expected a list of tiers such as [{{below_share: 0.5, per_person: "
        "{{amount: 200, unit: yuan/month}}}}]",
    ),
    "burden_tiers_expected": (
        "应为档次列表，如 [{{burden_from: 0, amount: {{amount: 1, unit: share of standard}}}}]",
        "expected a list of tiers such as [{{burden_from: 0, amount: "
        "{{amount: 1, unit: share of standard}}}}]",
    ),
    "tier_keys": ("此档应有 {keys}", "expected {keys}"),
    "tier_increase": ("{key} 须逐档递增", "{key} must increase from tier to tier"),
    "unit_missing": (
        "请写明金额的单位：unit: {unit_forms}",
        "give the unit of the amount: unit: {unit_forms}",
    ),
    "set_unit_missing": (
        "请写明金额的单位，如 {key}=500/month（可用单位：{unit_forms}）；"
        "只写数字时，须用 --base ID 指明规则集，才沿用所改规则的单位",
        "give the unit of the amount, as in {key}=500/month (units: {unit_forms}); a bare "
        "number keeps the unit of the rule it changes only when --base ID names the rules",
    ),
    "unit_not_allowed": (
        "「{unit}」不是此金额的单位；应为以下之一：{units}",
        "'{unit}' is not a unit of this amount; expected one of {units}",
    ),
    "unit_not_an_amount": (
        "只有金额（元或比例）才有自己的单位",
        "only an amount (yuan or a share) has a unit of its own",
    ),
    "divides_by_zero": ("「{text}」除以零", "'{text}' divides by zero"),
    "share_expected": ("应为比例，如 0.2 或 1/6", "expected a share such as 0.2 or 1/6"),
    "share_range": ("应为 {low} 到 {high} 之间的比例", "expected a share from {low} to {high}"),
    "amount_structure": (
        "应为 {{amount: ..., unit: ...}}，如 {{amount: 440, unit: yuan/month}}",
        "expected {{amount: ..., unit: ...}}, e.g. {{amount: 440, unit: yuan/month}}",
    ),
    # ---------------------------------------------------------------- consistency checks
    "check_comparison": (
        "应为比较式，如 'dibao.standard.urban >= dibao.standard.rural'",
        "expected a comparison such as 'dibao.standard.urban >= dibao.standard.rural'",
    ),
    "check_operand": (
        "「{word}」既不是规则键也不是数字",
        "'{word}' is neither a rule key nor a number",
    ),
    "check_key_unknown": ("「{key}」不是已知的规则键", "'{key}' is not a known rule key"),
    "check_not_a_number": ("「{key}」不是数字", "'{key}' is not a number"),
    "check_fails": (
        "「{check}」在 {on} 不成立：{values}",
        "'{check}' does not hold on {on}: {values}",
    ),
    "check_fails_in_area": (
        "「{check}」在 {on}（{area}）不成立：{values}",
        "'{check}' does not hold on {on} ({area}): {values}",
    ),
    # ---------------------------------------------------------------- rule tests
    "case_file_not_utf8": (
        "用例文件不是有效的 UTF-8 编码（第 {byte} 字节）；请另存为 UTF-8",
        "the case file is not valid UTF-8 (byte {byte}); save it as UTF-8",
    ),
    "case_file_not_list": ("用例文件应为用例的列表", "a case file must be a list of cases"),
    "case_file_invalid": ("用例文件无效", "the case file is invalid"),
    "case_not_mapping": ("用例应为映射", "a case must be a mapping"),
    "case_missing": ("缺少 {keys}", "missing {keys}"),
    "case_unknown_keys": ("未知的键 {keys}", "unknown keys {keys}"),
    "case_date_expected": ("应为日期，如 2021-12-01", "expected a date such as 2021-12-01"),
    "case_expect_empty": ("至少应有一个要检查的值", "expected at least one value to check"),
}

WORDS: dict[str, dict[str, tuple[str, str]]] = {
    # the file a message is about
    "what": {
        "rule_file": ("规则文件", "rule file"),
        "case_file": ("用例文件", "case file"),
        "file": ("文件", "file"),
        "household_file": ("家庭数据文件", "household file"),
        "case_roll": ("台账", "case roll"),
    },
    # what a rule file was instead of a mapping
    "yaml_kind": {"list": ("列表", "a list"), "scalar": ("单个值", "a single value")},
    # the area a check is evaluated for
    "area": vocabulary.AREA_LABELS,
}
