"""Help pages in Chinese: copies of the commands carrying `help_words`' texts, written
by a formatter that wraps Chinese by columns.

`translated` gives a COPY of a command with the Chinese texts, its parameters copied too
(and, for a group, its subcommands): the module-level commands are never changed, as
tests run many command lines in one process. The funnel (`meanstest.cli._Funnel`) uses
it only when the language is Chinese and a help page may be shown (``--help``, or a
group given no command), so an English run, or a Chinese one that asks no help, never
imports this module or the catalog.
"""

from __future__ import annotations

import copy
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Iterator

import click

from .help_words import chinese
from .metavars import ChineseContext as _UsageContext
from .metavars import ChineseUsageFormatter, in_chinese

# How wide (in a terminal's columns) a command's line in a group's list may be: an
# 80-column page leaves 65 or 66 after the names (click's reckoning for the English).
SHORT_HELP_COLUMNS = 64


def columns(text: str) -> int:
    """How many columns ``text`` takes in a terminal: two for a wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def short_help(zh_help: str) -> str:
    """The line a group lists for a command: the first sentence of its Chinese help, cut
    after its last clause that fits in `SHORT_HELP_COLUMNS` when it is longer (as click
    shortens an English one, with an ellipsis)."""
    first = zh_help.partition("\n\n")[0]
    end = first.find("。")
    sentence = first if end < 0 else first[: end + 1]
    if columns(sentence) <= SHORT_HELP_COLUMNS:
        return sentence
    cuts, depth = [], 0  # before a clause mark or an opening bracket, after a closing one
    for i, c in enumerate(sentence):
        if depth == 0 and c in "，；：（":
            cuts.append(i)
        depth += (c == "（") - (c == "）")
        if depth == 0 and c == "）":
            cuts.append(i + 1)
    fitting = [i for i in cuts if columns(sentence[:i]) + 4 <= SHORT_HELP_COLUMNS]
    return sentence[: fitting[-1] if fitting else SHORT_HELP_COLUMNS // 4] + "……"


# ---------------------------------------------------------------- wrapping by columns

# click wraps help at spaces and counts characters; a Chinese paragraph has no spaces and
# each character takes two columns, so click would cut an option's help inside a code
# ("n" / "otice") and write lines twice as wide as the page. `ChineseFormatter` wraps
# instead between any two CJK characters, never inside an ASCII word, never before a
# closing mark (，。）) or after an opening one (（“), counting columns.
_FILL = "\x01"  # follows each wide character while wrapping: len() then counts columns
_UNIT = re.compile(f"[^{_FILL}]{_FILL}|(?:[^{_FILL}](?!{_FILL}))+", re.S)
_CLOSING = frozenset("，。、；：！？）」』”’》…)]")
_OPENING = frozenset("（「『“‘《([")


def _widen(text: str) -> str:
    return "".join(f"{c}{_FILL}" if unicodedata.east_asian_width(c) in "WF" else c for c in text)


class _Wrapper(textwrap.TextWrapper):
    """textwrap's wrapper over text widened by `_FILL`: each wide character a chunk."""

    def _split(self, text: str) -> list[str]:
        chunks: list[str] = []
        for unit in (u for chunk in super()._split(text) for u in _UNIT.findall(chunk)):
            joins = chunks and not unit.isspace() and not chunks[-1].isspace()
            if joins and (unit[0] in _CLOSING or chunks[-1].rstrip(_FILL)[-1:] in _OPENING):
                chunks[-1] += unit
            else:
                chunks.append(unit)
        return chunks


def _paragraphs(text: str) -> Iterator[tuple[int, bool, str]]:
    """(indent, kept as written, text) of each paragraph, as click's wrap_text reads them:
    a paragraph whose first line is ``\b`` is kept as written."""
    lines: list[str] = []
    indent = 0
    for line in [*text.splitlines(), ""]:
        if line:
            if not lines:
                indent = len(line) - len(line.lstrip())
            lines.append(line if lines else line.lstrip())
        elif lines:
            if lines[0].strip() == "\b":
                yield indent, True, "\n".join(lines[1:])
            else:
                yield indent, False, " ".join(lines)
            lines = []


def wrap(text: str, width: int, indent: str = "") -> str:
    """``text`` wrapped to ``width`` columns as click wraps help, paragraph by paragraph,
    with Chinese broken between characters (`_Wrapper`)."""
    out = []
    for extra, kept, paragraph in _paragraphs(text.expandtabs()):
        prefix = indent + " " * extra
        if kept:
            out.append("\n".join(prefix + line for line in paragraph.splitlines()))
            continue
        wrapper = _Wrapper(
            max(width, 2), initial_indent=prefix, subsequent_indent=prefix, replace_whitespace=False
        )
        out.append(wrapper.fill(_widen(paragraph)).replace(_FILL, ""))
    return "\n\n".join(out)


# The extras click writes after an option's help ("  [默认：1; 取值 1 至 256]"): joined by
# "; " in click's code, by "；" in a Chinese page.
_EXTRAS_SEPARATOR = re.compile(r"; (?=[^\[\]]*\]$)")


class ChineseFormatter(ChineseUsageFormatter):
    """click's help formatter, wrapping help texts and option lists by `wrap`, with
    Chinese punctuation (`ChineseUsageFormatter`)."""

    def write_text(self, text: str) -> None:
        """A help text, rewrapped by paragraph at the current indentation."""
        self.write(wrap(text, self.width, " " * self.current_indent))
        self.write("\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """Options or commands with their help, as click writes them (its code, with the
        second column wrapped by `wrap`)."""
        rows = list(rows)
        first_col = min(max((columns(first) for first, _ in rows), default=0), col_max)
        first_col += col_spacing
        for first, text in rows:
            second = _EXTRAS_SEPARATOR.sub("；", text)
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if columns(first) <= first_col - col_spacing:
                self.write(" " * (first_col - columns(first)))
            else:
                self.write("\n")
                self.write(" " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - 2, 10)).splitlines()
            self.write(f"{lines[0]}\n" if lines else "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class ChineseContext(_UsageContext):
    """The context of a command run in Chinese: its help is written by `ChineseFormatter`."""

    formatter_class = ChineseFormatter


def help_page(command: click.Command, ctx: click.Context) -> str:
    """``command``'s help page in Chinese (`translated`), written by `ChineseFormatter`:
    for the top-level group, whose context click made before the language was known."""
    page = translated(command)
    if isinstance(command, click.Group) and isinstance(page, click.Group):
        for name in command.list_commands(ctx):  # a group that loads its commands when asked
            sub = command.get_command(ctx, name)
            if sub is not None and name not in page.commands:
                page.commands[name] = translated(sub)
    formatter = ChineseFormatter(width=ctx.terminal_width, max_width=ctx.max_content_width)
    page.format_help(ctx, formatter)
    return formatter.getvalue().rstrip("\n")


# ---------------------------------------------------------------- the copies


def translated(command: click.Command) -> click.Command:
    """A copy of ``command`` saying its help in Chinese: its help, short help and epilog,
    each parameter's help (on copies of the parameters) and, for a group, each
    subcommand's; its usage line and metavars Chinese too (`metavars.in_chinese`).
    ``command`` is left as it was.

    The copy builds its own ``--help`` option (click caches one on each command, with
    its text in the language of the moment), so the original's is never one in Chinese.
    """
    return _with_chinese_texts(in_chinese(command))


def _with_chinese_texts(copied: click.Command) -> click.Command:
    """``copied`` (a copy, `in_chinese`'s) given the Chinese texts, its subcommands too."""
    if copied.help is not None:
        copied.help = chinese(copied.help)
    if copied.short_help is not None:
        copied.short_help = chinese(copied.short_help)
    elif copied.help is not None:
        copied.short_help = short_help(copied.help)
    if copied.epilog is not None:
        copied.epilog = chinese(copied.epilog)
    copied.params = [_translated_param(param) for param in copied.params]
    copied._help_option = None  # rebuilt in Chinese when asked
    copied.context_class = ChineseContext  # its help wrapped by columns
    if isinstance(copied, click.Group):
        copied.commands = {name: _with_chinese_texts(c) for name, c in copied.commands.items()}
    return copied


def _translated_param(param: click.Parameter) -> click.Parameter:
    help_text: str | None = getattr(param, "help", None)
    if help_text is None:
        return param
    copied = copy.copy(param)
    copied.help = chinese(help_text)
    return copied
