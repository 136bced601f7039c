"""Metavars, ``[OPTIONS]`` and click's ranges in Chinese under ``--lang zh``, on help
pages and in usage errors (`meanstest.cli.metavars`); English exactly as before.

``check``'s usage line: ``用法：meanstest check [选项] 家庭文件``; ``--jobs``'s range:
``[默认：1；取值 1 至 256]`` on the page, ``0 不符合要求（取值 1 至 256）。`` in the error.
"""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner, Result
from test_help_words import PATHS, _allowed, _commands, _name, english_words

from meanstest.cli import cli
from meanstest.cli.metavars import chinese, describe_range, in_chinese


def _run(*args: str) -> Result:
    env: dict[str, str | None] = {"LC_ALL": None, "LANG": None, "LANGUAGE": None}
    return CliRunner().invoke(cli, list(args), prog_name="meanstest", env=env)


def test_metavars_in_chinese() -> None:
    """Each word of a metavar in Chinese; formats and choices as typed."""
    assert chinese("[OPTIONS]") == "[选项]"
    assert chinese("COMMAND [ARGS]...") == "命令 [参数]..."
    assert chinese("ID|FILE") == "编号|文件"
    assert chinese("[INPUT|-]") == "[台账|-]"
    assert chinese("[FILES]...") == "[文件]..."
    assert chinese("KEY=VALUE") == "键=值"
    assert chinese("INTEGER RANGE") == "整数"
    assert (chinese("TEXT"), chinese("PATH"), chinese("DIR")) == ("文本", "路径", "文件夹")
    assert chinese("YYYY-MM") == "YYYY-MM"  # a format, typed as it is
    assert chinese("[zh|en]") == "[zh|en]"  # choices, typed as they are
    assert chinese("{household|assessment|summary}") == "{household|assessment|summary}"


def test_ranges_in_chinese() -> None:
    """click's ``1<=x<=256``, ``x>=1``, ``x<10``... in words."""
    assert describe_range(1, 256) == "取值 1 至 256"
    assert describe_range(1, None) == "取值不小于 1"
    assert describe_range(0, None, low_open=True) == "取值大于 0"
    assert describe_range(None, 10, high_open=True) == "取值小于 10"
    assert describe_range(None, 10) == "取值不大于 10"
    assert describe_range(0, 10, low_open=True) == "取值大于 0且不大于 10"


def test_the_copy_leaves_the_command_as_it_was() -> None:
    """`in_chinese` copies: the module-level command keeps its English metavars, so an
    English run after a Chinese one in the same process is English."""
    check = cli.get_command(click.Context(cli), "check")
    assert check is not None
    zh = in_chinese(check)
    ctx = click.Context(check, info_name="check")
    assert " ".join(zh.collect_usage_pieces(ctx)) == "[选项] 家庭文件"
    assert " ".join(check.collect_usage_pieces(ctx)) == "[OPTIONS] HOUSEHOLD"
    assert _run("check", "--lang", "zh").exit_code == 2
    assert "Usage: meanstest check [OPTIONS] HOUSEHOLD" in _run("check", "--lang", "en").output


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["check", "--lang", "zh"],
            "用法：meanstest check [选项] 家庭文件\n"
            "运行 'meanstest check --help' 查看帮助。\n\n"
            "错误：缺少参数 '家庭文件'。\n",
        ),
        (
            ["batch", "-j", "0", "--lang", "zh"],
            "用法：meanstest batch [选项] [台账|-]\n"
            "运行 'meanstest batch --help' 查看帮助。\n\n"
            "错误：'-j' / '--jobs' 的值无效：0 不符合要求（取值 1 至 256）。\n",
        ),
        (
            ["--bogus", "--lang", "zh"],
            "用法：meanstest [选项] 命令 [参数]...\n"
            "运行 'meanstest --help' 查看帮助。\n\n"
            "错误：没有选项 '--bogus'。\n",
        ),
        (
            ["rules", "shwo", "--lang", "zh"],
            "用法：meanstest rules [选项] 命令 [参数]...\n"
            "运行 'meanstest rules --help' 查看帮助。\n\n"
            "错误：没有命令 'shwo'。是否想用 'show'？\n",
        ),
        (
            ["rules", "show", "--lang", "zh"],
            "用法：meanstest rules show [选项] 编号|文件\n"
            "运行 'meanstest rules show --help' 查看帮助。\n\n"
            "错误：缺少参数 '编号|文件'。\n",
        ),
    ],
)
def test_usage_errors_in_chinese(args: list[str], said: str) -> None:
    """A usage error's usage line, its parameter's name and its range in Chinese, with a
    full-width colon after 用法 and no space after it."""
    result = _run(*args)
    assert result.exit_code == 2
    assert result.output == said


@pytest.mark.parametrize("path", PATHS, ids=_name)
def test_every_usage_error_in_chinese_has_no_english_words(path: tuple[str, ...]) -> None:
    """Every command and group given an unknown option under ``--lang zh``: the usage
    line and the error hold no English (``[OPTIONS]``, a metavar) but names and choices
    typed as they are (the scan of the help pages, tests/test_help_words.py)."""
    command = dict(_commands())[path]
    result = _run(*path, "--bogus", "--lang", "zh")
    assert result.exit_code == 2
    assert result.output.startswith(f"用法：meanstest {' '.join(path)}".rstrip() + " [选项]")
    assert english_words(result.output, _allowed(path, command)) == []


def test_a_range_on_a_chinese_help_page() -> None:
    """``--jobs``: 整数, and its default and range joined by ；, in Chinese words."""
    page = _run("batch", "--help", "--lang", "zh").stdout
    assert "  -j, --jobs 整数 " in page
    assert "[默认：1；取值 1 至 256]" in page.replace("\n", "").replace(" " * 34, "")


def test_english_help_and_errors_are_as_before() -> None:
    """English keeps click's words: [OPTIONS], INTEGER RANGE, 1<=x<=256."""
    page = _run("batch", "--help", "--lang", "en").stdout
    assert page.startswith("Usage: meanstest batch [OPTIONS] [INPUT|-]\n")
    assert "  -j, --jobs INTEGER RANGE        Worker processes;" in page
    assert "[default: 1; 1<=x<=256]" in page
    error = _run("batch", "-j", "0", "--lang", "en").output
    assert "Error: Invalid value for '-j' / '--jobs': 0 is not in the range 1<=x<=256." in error
