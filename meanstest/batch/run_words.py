"""What `meanstest batch` says on standard error, in both languages: the summary of a
run (counts by status, errors, the total monthly benefit, the engines) and the words of
an interrupted run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..render.labels import Lang
    from .core import Summary
    from .tally import Tally

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "records": "{n} records",
        "errors": "errors {n}",
        "internal": "internal errors {n} (a bug: please report it)",
        "skipped": "blank lines skipped {n}",
        "benefit": "total monthly benefit {amount} yuan",
        "support": "total paid a month, 特困 support included, {amount} yuan",
        "interrupted": "interrupted after {n} records; ",
        "not_written": "no output file was written",
        "incomplete": "the output on stdout is incomplete",
        "paths": "assessed by the columnar engine {columnar}, by the reference engine {reference}",
    },
    "zh": {
        "records": "共 {n} 条记录",
        "errors": "错误 {n}",
        "internal": "内部错误 {n}（程序缺陷，请报告）",
        "skipped": "跳过空行 {n} 行",
        "benefit": "月救助金合计 {amount} 元",
        "support": "含特困供养金的月救助供养金合计 {amount} 元",
        "interrupted": "已处理 {n} 条记录后中断；",
        "not_written": "未写出输出文件",
        "incomplete": "标准输出中的结果不完整",
        "paths": "列式引擎核算 {columnar} 户，逐户引擎核算 {reference} 户",
    },
}


def summary_text(summary: Summary, lang: Lang, tally: Tally | None = None) -> str:
    """Say what a run gave: counts by status, errors, the total monthly benefit, and
    (given the tally) how many households each engine assessed."""
    from ..render.labels import label  # noqa: PLC0415

    words = WORDS[lang]
    statuses = [s for s in summary.by_status if s not in ("error", "internal_error")]
    parts = [
        f"{label(f'status.{s}', lang) if lang == 'zh' else s} {summary.by_status[s]}"
        for s in sorted(statuses)
    ]
    head = words["records"].format(n=summary.records)
    colon, comma = ("：", "，") if lang == "zh" else (": ", ", ")  # Chinese punctuation
    lines = [f"{head}{colon}" + comma.join([*parts, words["errors"].format(n=summary.errors)])]
    if summary.by_status["internal_error"]:
        lines.append(words["internal"].format(n=summary.by_status["internal_error"]))
    if summary.skipped:
        lines.append(words["skipped"].format(n=summary.skipped))
    lines.append(words["benefit"].format(amount=f"{summary.benefit_total:,.2f}"))
    if summary.support_total != summary.benefit_total:
        lines.append(words["support"].format(amount=f"{summary.support_total:,.2f}"))
    if tally is not None:
        lines.append(
            words["paths"].format(
                columnar=tally.paths["columnar"], reference=tally.paths["reference"]
            )
        )
    text = "\n".join(lines)
    if lang == "zh":
        return text
    from ..render.labels_tools import singular  # noqa: PLC0415

    return singular(text)


def interrupted_text(records: int, lang: Lang, *, to_file: bool) -> str:
    """Say how far an interrupted run got, and what became of its output."""
    words = WORDS[lang]
    text = (
        words["interrupted"].format(n=records) + words["not_written" if to_file else "incomplete"]
    )
    if lang == "zh":
        return text
    from ..render.labels_tools import singular  # noqa: PLC0415

    return singular(text)


def tally_summary(tally: Tally) -> Summary:
    """The run summary of a tally (what `summary_text` says)."""
    from .core import Summary  # noqa: PLC0415

    return Summary(
        tally.records,
        tally.by_status,
        tally.benefit,
        tally.skipped,
        tally.benefit + tally.extra_support,
    )
