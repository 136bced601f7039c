"""Chinese punctuation in Chinese sentences: a full-width colon, comma, semicolon and
brackets (：，；（）) after Chinese words, as Chinese typography writes them; ASCII
punctuation only inside codes, field paths, file names, options and numbers, and in what
programs read (CSV rows, the drop-down values of the roll template, JSON).

Two scans: every Chinese text of the catalogs (labels, messages, errors, batch's words,
click's words, help texts), and every output of the command line in Chinese over the
shipped examples (test_zh_complete's), less the sheets programs read.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_help_words import PATHS, _name
from test_zh_complete import _batch_outputs, _compare_outputs, _data, _outputs, run

from meanstest.batch.run_words import summary_text
from meanstest.render.labels_tools import in_units
from meanstest.render.text import colon, comma, in_brackets, semicolon

ROOT = Path(__file__).resolve().parent.parent
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"  # ideographs and CJK punctuation
# An ASCII colon, comma or semicolon right after a Chinese character (or after a space
# after one); an ASCII bracket opened after a Chinese word, or closed before one.
ASCII_AFTER_CJK = re.compile(rf"[{_CJK}] ?[:,;]|[\u4e00-\u9fff] ?\(|\) ?[\u4e00-\u9fff]")

# The catalogs of Chinese text, by module: each a dict whose values are (zh, en) pairs,
# {"zh": {...}} dicts of words, or Chinese texts (click's and the help texts).
CATALOGS = {
    "meanstest.render.labels": ("LABELS", "MESSAGES"),
    "meanstest.render.labels_compare": ("REPORT_LABELS",),
    "meanstest.render.labels_form": ("FORM",),
    "meanstest.render.labels_payroll": ("LABELS", "MESSAGES"),
    "meanstest.render.labels_temporary": ("LABELS", "MESSAGES"),
    "meanstest.render.labels_tools": ("LABELS", "MESSAGES"),
    "meanstest.render.errors": ("TEMPLATES", "WORDS"),
    "meanstest.render.errors_household": ("TEMPLATES",),
    "meanstest.render.errors_input": ("TEMPLATES", "WORDS"),
    "meanstest.render.errors_roll": ("TEMPLATES",),
    "meanstest.render.errors_rules": ("TEMPLATES",),
    "meanstest.batch.run_words": ("WORDS",),
    "meanstest.cli.click_words": ("ZH", "ZH_PLURAL"),
    "meanstest.cli.help_words": ("ZH",),
}

# Where ASCII punctuation after a Chinese character is right: what a user types, quoted
# (YAML's syntax in the explanations of YAML mistakes, 「键: 值」, 「,」 or 「]」; the
# separator of a roll's payments, 分号“;”): characters to type, not the sentence's.
QUOTED_SYNTAX = re.compile(r"「[^」]*」|“[;,:]”")


def chinese_texts() -> Iterator[tuple[str, str]]:
    """(where, text) of each Chinese text of the catalogs."""
    for module_name, names in CATALOGS.items():
        module = importlib.import_module(module_name)
        for name in names:
            for key, value in getattr(module, name).items():
                where = f"{module_name}.{name}[{str(key)[:40]!r}]"
                if isinstance(value, tuple):
                    yield where, value[0]
                elif isinstance(value, dict):
                    for inner, text in value.items():
                        if isinstance(text, tuple):
                            yield f"{where}[{inner}]", text[0]
                        elif key == "zh":
                            yield f"{where}[{inner}]", text
                else:
                    yield where, value


def ascii_after_cjk(text: str) -> list[str]:
    """Each place in ``text`` where ASCII punctuation follows a Chinese character, with
    a little of what is around it."""
    text = QUOTED_SYNTAX.sub("「」", text)
    return [text[max(m.start() - 8, 0) : m.end() + 8] for m in ASCII_AFTER_CJK.finditer(text)]


def test_the_catalogs_are_many() -> None:
    """The scan reads the catalogs: over a thousand Chinese texts."""
    assert sum(1 for _ in chinese_texts()) > 1000


def test_every_chinese_text_of_the_catalogs_has_chinese_punctuation() -> None:
    """A Chinese label, message, error, batch line, click word or help text with an
    ASCII colon, comma or semicolon after a Chinese character (or brackets around a
    Chinese word) fails here: a new one added later too."""
    found = {where: places for where, text in chinese_texts() if (places := ascii_after_cjk(text))}
    assert found == {}


def test_the_scan_finds_ascii_punctuation() -> None:
    """The scan is not blind: "共 9 条记录: ", "提示: ", "宜章县 (431022)", "重残, 重残"
    are found; YAML syntax quoted in 「」, codes, options and formulas are not."""
    assert ascii_after_cjk("共 9 条记录: 低保 1") == ["共 9 条记录: 低保 1"]
    assert ascii_after_cjk("提示: dibao.standard.rural")
    assert ascii_after_cjk("宜章县 (431022)")
    assert ascii_after_cjk("父母情况：重残, 重残")
    assert ascii_after_cjk("（占位值）, 到元")
    assert ascii_after_cjk("YAML 语法错误：此处不能出现「键: 值」；含「: 」的文字请加引号") == []
    assert ascii_after_cjk("计算：Σ（低保标准 − 本人计入月收入）：(380.00 − 0.00) = 380") == []
    assert ascii_after_cjk("见 docs/batch.md，--rules-dir DIR，sha256:3e6f，p1,p2") == []


def test_punctuation_helpers() -> None:
    """The helpers renderers punctuate with: full width in Chinese, ASCII in English."""
    assert (colon("zh"), comma("zh"), semicolon("zh")) == ("：", "，", "；")
    assert (colon("en"), comma("en"), semicolon("en")) == (": ", ", ", "; ")
    assert "宜章县" + in_brackets("431022", "zh") == "宜章县（431022）"
    assert "Yizhang" + in_brackets("431022", "en") == "Yizhang (431022)"
    # A monthly value with its value a year: the bracket is Chinese, the figures as are.
    assert in_units("485 yuan/month (= 5820 yuan/year)", "zh") == "485 元/月（= 5820 元/年）"
    assert in_units("485 yuan/month (= 5820 yuan/year)", "en") == (
        "485 yuan/month (= 5820 yuan/year)"
    )


def test_batch_summary_line_in_chinese_punctuation() -> None:
    """batch's summary on standard error: "共 4 条记录：低保 1，…，错误 0" (it was
    "共 4 条记录: 低保 1, …"); English unchanged."""
    from collections import Counter
    from decimal import Decimal

    from meanstest.batch.core import Summary

    statuses = Counter({"dibao": 1, "edge": 2, "not_eligible": 1})
    summary = Summary(4, statuses, Decimal("570.00"), 0, Decimal("570.00"))
    zh = summary_text(summary, "zh").splitlines()[0]
    assert zh == "共 4 条记录：低保 1，低保边缘家庭 2，不符合条件 1，错误 0"
    en = summary_text(summary, "en").splitlines()[0]
    assert en == "4 records: dibao 1, edge 2, not_eligible 1, errors 0"


# What programs read, left out of the scan of outputs: CSV rows, whose commas separate
# the cells, and the sheets' cells (a header such as 低保标准(月), and the template's
# drop-down values such as 工资收入(月), are read back by `batch`).
_SHEETS = re.compile(r" (csv|xlsx|payroll|notice)$")


def test_every_chinese_output_has_chinese_punctuation(tmp_path: Path) -> None:
    """check (table, Markdown, form, refusal), rules show/diff, test, compare (table and
    HTML report) and batch's notes and summary in Chinese, over the shipped examples:
    no ASCII colon, comma or semicolon after a Chinese word of the program's own (the
    rule files' notes and titles are data, as written, and left out)."""
    outputs = [*_outputs(), *_compare_outputs(tmp_path)]
    outputs = [(what, text) for what, text in outputs if not _SHEETS.search(what)]
    for what, text in _batch_outputs(tmp_path):
        if what.endswith(("payroll", "notice")):  # the header's lines of one cell each
            lines = [line for line in text.splitlines() if "," not in line]
            outputs.append((what, "\n".join(lines)))
        if what.endswith(" csv"):  # the run's notes and summary, not its rows
            roll = ROOT / "examples" / "batch" / what.split()[1]
            if not roll.exists():
                roll = ROOT / "examples" / "temporary" / what.split()[1]
            outputs.append((f"{what} stderr", run("batch", roll, "--lang", "zh").stderr))
    found: dict[str, list[str]] = {}
    for what, said in outputs:
        text = said
        for data in _data():
            text = text.replace(data, " ")
        places = ascii_after_cjk(text)
        if places:
            found[what] = sorted(set(places))
    assert "batch caseroll-zh.csv csv stderr" in dict(outputs)  # the summary was read
    assert "核算规则：" in dict(outputs)["batch caseroll-zh.csv payroll"]  # the header too
    assert found == {}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_batch_summary_on_standard_error(lang: str) -> None:
    """The summary a caseworker reads after a batch run, from the command line."""
    roll = ROOT / "examples" / "batch" / "caseroll-zh.csv"
    result = run("batch", roll, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    head = "共 9 条记录：低保 4，" if lang == "zh" else "9 records: dibao 4, "
    assert head in result.stderr


@pytest.mark.parametrize("path", PATHS, ids=_name)
def test_every_chinese_help_page_has_chinese_punctuation(path: tuple[str, ...]) -> None:
    """``--help --lang zh``: 用法：, 选项：, 命令：, the extras [默认：1；取值 1 至 256] and every
    help text in Chinese punctuation."""
    page = run(*path, "--help", "--lang", "zh").stdout
    assert page.startswith("用法：meanstest")
    assert ascii_after_cjk(page) == []
