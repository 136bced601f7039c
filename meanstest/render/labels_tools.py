"""Labels and messages of the tools around the assessment, in Chinese and English: the
rule tests (`meanstest test`), and the words of complete Chinese output (issue 15).

`labels` merges them into its tables, so `label` and `message` find them like any
other; they live here so that the vocabulary of these tools stays in one place.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # (zh, en)
    # meanstest test: the word before each case, and the summary
    "case.ok": ("通过", "ok"),
    "case.fail": ("失败", "FAIL"),
    # batch: the label of an error row's status (status.* of results are in `labels`)
    "status.error": ("错误", "error"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    # meanstest test: the summary line, and what it says of the files and the selection
    "cases.summary": ("{passed} 项通过，{failed} 项失败", "{passed} passed, {failed} failed"),
    "cases.deselected": ("，{n} 项未选中（-k）", ", {n} deselected (-k)"),
    "cases.skipped": ("说明：已跳过 {path}：不是测试用例文件（不是用例列表）",
                      "note: skipped {path}: not a case file (not a list of cases)"),
    "cases.none_selected": ("没有名称包含“{keyword}”的用例（所运行的文件共有 {n} 个用例）",
                            "no case name contains '{keyword}' ({n} cases in the files run)"),
    "cases.junit_written": ("已写入 {path}", "wrote {path}"),
    # what a case found wrong
    "case.not_a_field": ("{path}：结果中没有这一项", "{path}: not a field of the result"),
    "case.count": ("{path}：预期 {want} 项，实际 {got}",
                   "{path}: expected {want} item(s), got {got}"),
    "case.mismatch": ("{path}：预期 {want}，实际 {got}", "{path}: expected {want}, got {got}"),
    "case.hint_money": ("（金额请写成带两位小数并加引号的字符串）",
                        " (write money as a quoted string with two decimals)"),
    "case.hint_masked": ("（已遮蔽；加 --show-personal-data 可看出差别）",
                         " (masked; --show-personal-data shows how they differ)"),
    "case.could_not_assess": ("无法核算：{error}", "could not assess: {error}"),
}
