"""``--help`` in Chinese under ``--lang zh`` (issue 15 point 2): meanstest's own help texts.

click's own words on a help page are `click_words`' (tests/test_click_words.py); these
tests are about the rest: every command's docstring and every option's help, said in
Chinese from `meanstest.cli.help_words.ZH` on copies of the commands.

The scan for English on a Chinese help page allows, and says why:

- option names (``--rules-dir``, ``-o``) and each parameter's choices, as typed
  (``[table|json]``), and the commands' names; not the metavars (``FILE``, ``ID|FILE``,
  ``INTEGER RANGE``) nor the usage line's ``[OPTIONS] COMMAND [ARGS]...``, which are
  Chinese (``文件``, ``编号|文件``, ``整数``, ``[选项] 命令 [参数]...``);
- codes, keys, ids, paths, dates: a run holding a digit, dot, slash, underscore or
  hyphen (``docs/batch.md``, ``meanstest.summary/1``, ``YYYY-MM-DD``), a text in
  backticks (```extends```); click's range is said in Chinese (``取值 1 至 256``, not
  ``1<=x<=256``, whose ``x`` is found);
- the examples, which are command lines (the words of the English docstring's example
  lines: ``--name-en "Guiyang County"``);
- the names of formats and tools, `NAMES`, and the placeholders of "N 项通过，M 项失败".
"""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from meanstest.cli import Environment, cli
from meanstest.cli.click_words import ZH as CLICK_ZH
from meanstest.cli.help_pages import SHORT_HELP_COLUMNS, columns, short_help, translated, wrap
from meanstest.cli.help_words import ZH, chinese

ROOT = Path(__file__).resolve().parent.parent

# Names of formats, standards and files that a Chinese text writes as they are.
NAMES = frozenset(
    {"JSON", "JSONL", "CSV", "XLSX", "Parquet", "HTML", "Markdown", "YAML", "CI", "GBK", "BOM"}
    | {"README", "meanstest", "gbk"}  # gbk: an encoding, as --encoding takes it
)
PHRASES = re.compile(r"JSON\s+Lines|JSON\s+Schema|JUnit\s+XML")  # names of two words
PLACEHOLDERS = frozenset({"N", "M"})  # "N 项通过，M 项失败", as `meanstest test` prints it
_RUN = re.compile(r"(?:--?)?[A-Za-z0-9][A-Za-z0-9_./:@+*\-]*")
_CODE_LIKE = re.compile(r"[\d_./\-*]")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _commands(
    command: click.Command = cli, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Each command of the module-level `cli` (itself first) with its path of names."""
    yield path, command
    if isinstance(command, click.Group):
        ctx = click.Context(command)  # no Environment: the module-level commands
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, name
            yield from _commands(sub, (*path, name))


PATHS = [path for path, _ in _commands()]


def _texts(command: click.Command) -> Iterator[tuple[str, str]]:
    """(what it is, the text) of each help text a command has: docstring, short help,
    epilog, and each parameter's help."""
    for what in ("help", "short_help", "epilog"):
        text = getattr(command, what)
        if text is not None:
            yield what, inspect.cleandoc(text)
    for param in command.params:
        text = getattr(param, "help", None)
        if text is not None:
            yield f"{param.name}.help", text


def _run(args: list[str], env: dict[str, str | None] | None = None) -> click.testing.Result:
    base: dict[str, str | None] = {"LC_ALL": None, "LANG": None, "LANGUAGE": None}
    return CliRunner().invoke(cli, args, prog_name="meanstest", env={**base, **(env or {})})


def _name(path: tuple[str, ...]) -> str:
    return " ".join(path) or "meanstest"


# ------------------------------------------------------------------------ the catalog


def test_every_help_text_of_every_command_has_chinese() -> None:
    """A new option, command or reworded docstring without its Chinese fails here."""
    missing = [
        f"{_name(path)} {what}: {text!r}"
        for path, command in _commands()
        for what, text in _texts(command)
        if text not in ZH and text not in CLICK_ZH
    ]
    assert missing == []
    assert len(PATHS) == 1 + 7 + 5 + 2  # meanstest, its commands, rules' and template's


def test_every_entry_is_a_text_of_the_code() -> None:
    """No stale entry: each English text of the catalog is still some help text."""
    used = {text for _, command in _commands() for _, text in _texts(command)}
    assert sorted(set(ZH) - used) == []


def test_the_chinese_keeps_options_examples_and_layout() -> None:
    """Each Chinese text names the options the English names, keeps the example lines
    (and ``\\b`` blocks) character for character, and as many paragraphs; a paragraph is
    one line (click joins a paragraph's lines with a space)."""
    option = re.compile(r"(?<![\w-])--?[a-z][a-z-]*")
    for english, zh in ZH.items():
        assert set(option.findall(zh)) == set(option.findall(english)), english
        assert zh.count("\n\n") == english.count("\n\n"), english
        assert zh.count("\b") == english.count("\b"), english
        examples = [line for line in english.splitlines() if line.startswith("    ")]
        assert examples == [line for line in zh.splitlines() if line.startswith("    ")]
        prose = [p for p in zh.split("\n\n") if not p.startswith(("    ", "\b"))]
        assert all("\n" not in p for p in prose), english
        assert _CJK.search(zh), english  # translated, not copied


def test_the_examples_say_example_in_chinese() -> None:
    for english, zh in ZH.items():
        assert ("Example:" in english) == ("示例：" in zh), english
        assert "Example" not in zh


def test_a_short_help_fits_the_command_list() -> None:
    """The line a group lists for a command is its first sentence, cut after a clause
    when it is wider than an 80-column page leaves (a CJK character takes two columns)."""
    for _, command in _commands():
        if command.help is not None:
            line = short_help(chinese(command.help))
            assert columns(line) <= SHORT_HELP_COLUMNS, line
    # 一份已填好、可通过校验的家庭 JSON 文件（即 README 中的算例，换了名字）。 is 66 columns:
    # the cut comes before the bracket, not inside it after 算例.
    long_one = "一份已填好、可通过校验的家庭 JSON 文件（即 README 中的算例，换了名字）。"
    assert short_help(long_one) == "一份已填好、可通过校验的家庭 JSON 文件……"
    assert short_help("列出、查看和校验规则文件。\n\n示例：") == "列出、查看和校验规则文件。"
    assert columns("低保 ok") == 7


# --------------------------------------------------------------- the pages in Chinese


def _allowed(path: tuple[str, ...], command: click.Command) -> set[str]:
    """The words a Chinese help page of ``command`` may hold as typed: its parameters'
    names and choices, the commands' names, and the words of its examples. Not its
    metavars (``FILE``, ``INTEGER RANGE``) nor the usage line's ``[OPTIONS]``: those are
    Chinese (``文件``, ``整数``, ``[选项]``), and a format (``YYYY-MM``) is code-like."""
    ctx = click.Context(command, info_name=path[-1] if path else "meanstest")
    words = set(NAMES | PLACEHOLDERS)
    pieces = list(path)
    for param in command.get_params(ctx):
        pieces += [*param.opts, *param.secondary_opts]
        if isinstance(param.type, click.Choice):
            pieces += [str(choice) for choice in param.type.choices]
    pieces += [name for name, _ in _commands_named()]
    for line in (command.help or "").splitlines():
        if line.startswith("    "):  # an example: a command line
            pieces.append(line)
    for piece in pieces:
        words |= set(re.findall(r"[A-Za-z]+", piece))
    return words


def _commands_named() -> list[tuple[str, click.Command]]:
    return [(path[-1], command) for path, command in _commands() if path]


def english_words(page: str, allowed: set[str]) -> list[str]:
    """The English words on a help page that are none of what may stay (module doc)."""
    page = PHRASES.sub(" ", page)
    page = re.sub(r"`[^`]*`", " ", page)  # a code
    found = []
    for run in _RUN.findall(page):
        if run.startswith("-"):  # an option, as typed
            continue
        word = run.strip(".:/-+@*")
        if not re.search("[A-Za-z]", word) or _CODE_LIKE.search(word):
            continue
        if word not in allowed:
            found.append(word)
    return found


def test_the_scan_finds_english() -> None:
    """The scan is not blind: English prose is found; codes, names and options are not."""
    allowed = {"FILE", "table", "json"}
    assert english_words("输出格式 --format [table|json] FILE", allowed) == []
    assert english_words("见 docs/batch.md，meanstest.summary/1，YYYY-MM-DD，`ok`", allowed) == []
    assert english_words("写入 JSON Lines 或 CSV，[默认：1；取值 1 至 256]", allowed | NAMES) == []
    assert english_words("[默认：1; 1<=x<=256]", allowed) == ["x"]  # click's own range
    assert english_words("用法：meanstest check [OPTIONS] HOUSEHOLD", {"meanstest", "check"}) == [
        "OPTIONS",
        "HOUSEHOLD",
    ]
    assert english_words("-j, --jobs INTEGER RANGE  --id ID", allowed) == [
        "INTEGER",
        "RANGE",
        "ID",
    ]
    assert english_words("Write to this file 或 stdout", allowed) == [
        "Write",
        "to",
        "this",
        "file",
        "stdout",
    ]
    found = english_words("Options: Show this message", allowed)
    assert found == ["Options", "Show", "this", "message"]


@pytest.mark.parametrize("path", PATHS, ids=_name)
def test_help_in_chinese_has_no_english_words(path: tuple[str, ...]) -> None:
    """``--help --lang zh`` of every command and group: Chinese but for what may stay."""
    command = dict(_commands())[path]
    result = _run([*path, "--help", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.startswith(f"用法：meanstest {' '.join(path)}".rstrip() + " [选项]")
    assert "选项：" in page
    assert "示例：" in page
    assert english_words(page, _allowed(path, command)) == []
    first = inspect.cleandoc(command.help or "").partition("\n")[0]
    assert first not in page  # the English docstring's first line is not there


def test_the_top_level_help_lists_the_commands_in_chinese() -> None:
    page = _run(["--help", "--lang", "zh"]).stdout
    assert "命令：" in page
    assert "  check     核算一户：读取 JSON 文件（- 表示标准输入），或台账中的一行。" in page
    assert "  --debug         出错时显示程序的调用栈。" in page
    assert "  --version       显示版本并退出。" in page  # click's text, declared in English
    assert "  -h, --help      显示本帮助并退出。" in page


def test_a_group_lists_its_subcommands_in_chinese() -> None:
    page = _run(["rules"], {"LC_ALL": "zh_CN.UTF-8"}).stderr  # no command: help, on stderr
    assert "  show      查看某一日期有效的规则值及其出处。" in page
    assert "  new       为新的县起草规则文件：各项本地取值均为暂定值……" in page
    page = _run(["template", "--help", "--lang", "zh"]).stdout
    assert "  household  一份已填好、可通过校验的家庭 JSON 文件……" in page


CHECK_ZH = re.compile(r"  -o, --output 文件 +写入此文件（要么完整写成，要么不写）")


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["check", "--help", "--lang", "zh"], None),
        (["check", "--lang=zh", "--help"], None),
        (["--lang", "zh", "check", "--help"], None),  # the group's --lang
        (["check", "-h"], {"LC_ALL": "zh_CN.UTF-8"}),  # the locale, with no --lang
        (["check", "--help"], {"LANG": "zh_CN.UTF-8"}),
        (["check", "--help", "--lang", "zh"], {"LC_ALL": "en_US.UTF-8"}),  # --lang first
    ],
)
def test_where_the_language_comes_from(args: list[str], env: dict[str, str | None]) -> None:
    result = _run(args, env)
    assert result.exit_code == 0, result.output
    assert CHECK_ZH.search(result.stdout), result.stdout
    assert "Write to this file" not in result.stdout


def test_english_under_a_chinese_locale_with_lang_en() -> None:
    result = _run(["check", "--help", "--lang", "en"], {"LC_ALL": "zh_CN.UTF-8"})
    assert "  -o, --output FILE               Write to this file (whole or not at all)" in (
        result.stdout
    )
    assert not _CJK.search(result.stdout.replace("台账", ""))


# ----------------------------------------------------------- English, and the originals


def _english_pages() -> dict[tuple[str, ...], str]:
    return {path: _run([*path, "--help", "--lang", "en"]).stdout for path in PATHS}


def _snapshot() -> dict[tuple[str, ...], object]:
    """What a help page is made of, for each module-level command: its texts, its
    parameters (the objects themselves, and their help) and, for a group, its commands."""
    shot: dict[tuple[str, ...], object] = {}
    for path, command in _commands():
        commands = getattr(command, "commands", None)
        shot[path] = (
            list(_texts(command)),
            [id(param) for param in command.params],
            id(command.params),
            None if commands is None else {n: id(c) for n, c in commands.items()},
        )
    return shot


def test_english_help_is_unchanged_and_the_commands_are_not_mutated() -> None:
    """A Chinese run (help of every command, and a command run in Chinese) leaves every
    module-level command as it was, and English help as it was: no Chinese in it but the
    code's own (低保, 台账.xlsx, 桂阳县, 四口之家 in the examples)."""
    before, shot = _english_pages(), _snapshot()
    for path in PATHS:
        assert _run([*path, "--help", "--lang", "zh"]).exit_code == 0
    assert _run(["rules", "show", "431022", "--lang", "zh", "--on", "2021-12-01"]).exit_code == 0
    assert _snapshot() == shot
    assert _english_pages() == before
    for path, page in before.items():
        assert page.startswith("Usage: "), path
        assert "Options:" in page
        assert "Example:" in page
        command = dict(_commands())[path]
        for what, text in _texts(command):
            if what == "help":  # the English docstring's first sentence, as written
                assert text.partition("\n")[0].split(". ")[0][:40] in page, (path, text)
        english_cjk = "".join(_CJK.findall("".join(t for _, t in _texts(command))))
        assert set(_CJK.findall(page)) <= set(english_cjk), path
    # (click's own cache of a command's --help option may hold one built in a Chinese run
    # that showed no help, as `rules show` above: no page uses it, see the next tests.)


def test_the_top_level_help_option_is_english_after_a_chinese_run() -> None:
    """click caches the group's --help option, with its text in the language of the run
    that built it; the group's page builds its own, so English stays English."""
    assert _run(["--lang", "zh", "--help"]).exit_code == 0
    page = _run(["--help", "--lang", "en"]).stdout
    assert "  -h, --help      Show this message and exit." in page
    assert "显示" not in page


def test_translated_is_a_copy() -> None:
    """`translated` copies the command, its parameters with help, and a group's commands."""
    from meanstest.cli.rules import rules

    zh = translated(rules)
    assert isinstance(zh, click.Group)
    assert zh is not rules
    assert zh.commands["show"] is not rules.commands["show"]
    argument = zh.commands["show"].params[0]  # no help, but a metavar in Chinese
    assert argument is not rules.commands["show"].params[0]
    assert (argument.metavar, rules.commands["show"].params[0].metavar) == ("编号|文件", "ID|FILE")
    option = zh.commands["show"].params[1]
    assert option is not rules.commands["show"].params[1]
    assert getattr(option, "help", None) == "查看此日期（YYYY-MM-DD）有效的取值；默认今天。"
    assert rules.help is not None
    assert rules.help.startswith("List, show, validate and compare")


def test_only_a_chinese_help_page_imports_the_catalog() -> None:
    """Start-up: an English run, or a Chinese run that shows no help page, never imports
    the catalog (a Chinese run copies its command with Chinese metavars, `metavars`)."""
    code = (
        "import sys\n"
        "from meanstest.cli import cli\n"
        "runs = (['check', '--help', '--lang', 'en'], ['schema', 'household', '--lang', 'zh'],\n"
        "        ['rules', 'show', '431022', '--lang', 'zh', '--on', '2021-12-01'])\n"
        "for args in runs:\n"
        "    try:\n"
        "        cli(args, prog_name='meanstest')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print({'meanstest.cli.help_words', 'meanstest.cli.help_pages'} & set(sys.modules))\n"
    )
    env = {**os.environ, "LC_ALL": "C"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "set()"


def test_environment_language_is_read_from_the_object() -> None:
    """A test's own Environment counts as the command line's does."""
    result = CliRunner().invoke(
        cli, ["schema", "--help"], obj=Environment(lang="zh"), prog_name="meanstest"
    )
    assert "输出家庭输入文件、核算结果或汇总记录的 JSON Schema。" in result.stdout


def test_a_help_flag_among_short_flags_is_a_help_page_in_chinese() -> None:
    """``-qh`` is ``-q -h`` to click: the page it shows is the Chinese one."""
    result = _run(["batch", "-qh", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "不显示进度条、说明和汇总。" in result.stdout


@pytest.mark.parametrize("path", PATHS, ids=_name)
def test_a_chinese_page_fits_80_columns(path: tuple[str, ...]) -> None:
    """Chinese is wrapped by columns (a CJK character takes two): no line of a page is
    wider than an 80-column terminal, as none of the English is."""
    page = _run([*path, "--help", "--lang", "zh"], {"COLUMNS": "80"}).stdout
    assert max(columns(line) for line in page.splitlines()) <= 80, page


def test_wrapping_never_cuts_a_code_or_starts_a_line_with_a_closing_mark() -> None:
    """click would cut the batch --format help inside "notice" (``n`` / ``otice``)."""
    page = _run(["batch", "--help", "--lang", "zh"], {"COLUMNS": "80"}).stdout
    assert "notice：公" in page or "notice：\n" in page
    text = "输出格式；默认按 -o 的文件后缀，否则为 jsonl。payroll：每月的发放花名册；"
    text += "notice：公示名单。"
    for width in range(10, 60):
        lines = wrap(text, width).splitlines()
        assert all(columns(line) <= width for line in lines), (width, lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
        words = re.findall(r"[A-Za-z]+", "\n".join(lines))
        assert words == ["o", "jsonl", "payroll", "notice"], (width, lines)
        assert not any(line[:1] in "，。；：）" for line in lines), (width, lines)
    # a \b block is kept as written, each line at its own indentation (as click keeps it)
    kept = "示例：\n\n\b\n    meanstest compare a.jsonl \\\n        --proposal b.yaml"
    assert wrap(kept, 20, "  ").splitlines() == [
        "  示例：",
        "",
        "      meanstest compare a.jsonl \\",
        "          --proposal b.yaml",
    ]


def test_english_help_after_a_chinese_run_that_showed_no_help() -> None:
    """A Chinese run that shows no help runs the module-level command, and click caches
    its --help option with the text of that moment (显示本帮助并退出。); an English
    help page later in the process is still English (the full suite found it so)."""
    example = ROOT / "examples" / "yizhang-widow-diabetes.json"
    assert _run(["check", str(example), "--lang", "zh", "--format", "json"]).exit_code == 0
    assert _run(["rules", "show", "431022", "--lang", "zh"]).exit_code == 0
    for path in (["check"], ["rules", "show"], []):
        page = _run([*path, "--help", "--lang", "en"]).stdout
        assert "Show this message and exit." in page, path
        assert "显示" not in page, path
