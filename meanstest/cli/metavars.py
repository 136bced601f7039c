"""The usage line and metavars in Chinese: ``用法：meanstest check [选项] 家庭文件``.

click writes what an option takes (its metavar: ``FILE``, ``ID|FILE``, click's type
names ``TEXT`` and ``INTEGER RANGE``), ``[OPTIONS]`` and ``COMMAND [ARGS]...`` on every
help page and every usage error, and an integer range as ``1<=x<=256``: words of the
code, not of click's gettext catalog, so `click_words` never meets them. Under Chinese
the funnel (`meanstest.cli._Funnel`) runs `in_chinese`'s copy of the command instead of
the module-level one: its metavars in Chinese (`ZH`), its ranges said in Chinese
(`ChineseIntRange`), and its context writing ``用法：`` and ``选项：`` with a full-width
colon (`ChineseContext`). The copies leave the module-level commands as they were (tests
run many command lines in one process), and an English run never imports this module.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import click

# Each word of a metavar (meanstest's own, click's type names and its usage pieces) in
# Chinese, in the terms `help_words` uses (编号, 文件夹, 台账). A word not here stays as
# written: a format such as YYYY-MM, or the choices of an option ([zh|en]), typed as is.
ZH: dict[str, str] = {
    # click's usage pieces
    "OPTIONS": "选项",
    "COMMAND": "命令",
    "ARGS": "参数",
    # meanstest's metavars
    "HOUSEHOLD": "家庭文件",  # check: a household's JSON file, or a roll with --id
    "CASELOAD": "台账",  # compare
    "INPUT": "台账",  # batch
    "FILE": "文件",
    "FILES": "文件",
    "DIR": "文件夹",
    "ID": "编号",
    "DATE": "日期",
    "NAME": "名称",
    "KEY": "键",
    "VALUE": "值",
    "CODE": "区划代码",  # rules new: the new county's code
    "A": "规则集甲",  # rules diff A B
    "B": "规则集乙",
    # click's type names, the metavar of an option that declares none
    "TEXT": "文本",
    "INTEGER": "整数",
    "INTEGER RANGE": "整数",
    "FLOAT": "数字",
    "FLOAT RANGE": "数字",
    "PATH": "路径",
    "FILENAME": "文件",
    "DIRECTORY": "文件夹",
    "BOOLEAN": "是/否",
}
_WORD = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9]*(?: RANGE)?(?![a-z])")


def chinese(metavar: str) -> str:
    """``metavar`` with each of its words in Chinese (`ZH`): ``[OPTIONS]`` → ``[选项]``,
    ``ID|FILE`` → ``编号|文件``, ``FILES...`` → ``文件...``; YYYY-MM and choices as they
    are."""
    return _WORD.sub(lambda m: ZH.get(m[0], m[0]), metavar)


# ---------------------------------------------------------------- ranges in Chinese


def describe_range(low: Any, high: Any, low_open: bool = False, high_open: bool = False) -> str:
    """An integer range in words: ``取值 1 至 256``, ``取值不小于 1``, ``取值大于 0``,
    ``取值不大于 256``; said after a default (``[默认：1；取值 1 至 256]``) and in an
    error (``0 不符合要求（取值 1 至 256）。``)."""
    if low is not None and high is not None and not low_open and not high_open:
        return f"取值 {low} 至 {high}"
    parts = []
    if low is not None:
        parts.append(f"大于 {low}" if low_open else f"不小于 {low}")
    if high is not None:
        parts.append(f"小于 {high}" if high_open else f"不大于 {high}")
    return "取值" + "且".join(parts)


class ChineseIntRange(click.IntRange):
    """click's integer range, its bounds said in Chinese on help pages (``[默认：1；
    取值 1 至 256]``) and in usage errors (``0 不符合要求（取值 1 至 256）。``)."""

    def _describe_range(self) -> str:
        return describe_range(self.min, self.max, self.min_open, self.max_open)


def _chinese_type(kind: click.ParamType[Any]) -> click.ParamType[Any]:
    if isinstance(kind, click.IntRange) and not isinstance(kind, ChineseIntRange):
        return ChineseIntRange(kind.min, kind.max, kind.min_open, kind.max_open, kind.clamp)
    return kind


# ---------------------------------------------------------------- the usage line


class ChineseUsageFormatter(click.HelpFormatter):
    """click's formatter with Chinese punctuation: ``用法：meanstest check …`` (no space
    after the full-width colon) and headings ``选项：``, ``命令：``; the extras after an
    option's help joined by ``；`` (``[默认：1；取值 1 至 256]``)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage line, after 用法："""
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        """A heading (选项, 命令) and a full-width colon."""
        self.write(f"{'':>{self.current_indent}}{heading}：\n")


class ChineseContext(click.Context):
    """The context of a command run in Chinese: its usage and help written by
    `ChineseUsageFormatter`."""

    formatter_class = ChineseUsageFormatter


def in_chinese(command: click.Command) -> click.Command:
    """A copy of ``command`` whose usage line and metavars are Chinese: ``[选项]``, each
    parameter's metavar (`chinese`) and range (`ChineseIntRange`) on copies of the
    parameters, and for a group its subcommands' copies and ``命令 [参数]...``.
    ``command`` is left as it was."""
    copied = copy.copy(command)
    if command.options_metavar:
        copied.options_metavar = chinese(command.options_metavar)
    ctx = click.Context(command)
    copied.params = [_param_in_chinese(param, ctx) for param in command.params]
    copied.context_class = _chinese_context(command.context_class)
    if isinstance(command, click.Group) and isinstance(copied, click.Group):
        copied.subcommand_metavar = chinese(command.subcommand_metavar)
        copied.commands = {name: in_chinese(sub) for name, sub in command.commands.items()}
    return copied


def _param_in_chinese(param: click.Parameter, ctx: click.Context) -> click.Parameter:
    if isinstance(param, click.Option) and (param.is_flag or param.count):
        return param  # takes no value: no metavar is written
    metavar = param.make_metavar(ctx)
    kind = _chinese_type(param.type)
    if chinese(metavar) == metavar and kind is param.type:
        return param
    copied = copy.copy(param)
    copied.metavar = chinese(metavar)
    copied.type = kind
    return copied


def _chinese_context(context_class: type[click.Context]) -> type[click.Context]:
    """The context class a Chinese copy runs in: ``context_class`` writing as
    `ChineseContext` does (a Chinese help page's own, `help_pages.ChineseContext`, as
    it is)."""
    if issubclass(context_class, ChineseContext):
        return context_class
    return ChineseContext
