"""click's own words in the user's language (issue 15 point 2: "the rest speaks Chinese").

Usage errors, the usage line and help headings come from click, which marks them for
gettext; `meanstest.cli.click_words` says them in Chinese under ``--lang zh``. The
catalog is checked against the installed click's source, so a click release with a new
message fails here rather than printing English to a Chinese user.
"""

from __future__ import annotations

import ast
import gettext
import re
import string
from pathlib import Path

import click
import click.core
import click.exceptions
import click.types
import pytest
from click.testing import CliRunner

from meanstest.cli import Environment, cli
from meanstest.cli.click_words import NOT_FOR_USERS, ZH, ZH_PLURAL, translate, translate_plural

EXAMPLE = Path(__file__).parent.parent / "examples" / "yizhang-widow-diabetes.json"
# click's English words a user meets in a usage error; none may reach a Chinese user.
ENGLISH = re.compile(r"Usage|Error|Invalid value|Try '|for help|Missing|No such|is not one of")


def _click_messages() -> tuple[set[str], set[tuple[str, str]]]:
    """Every message id the installed click passes to ``_`` and to ``ngettext``."""
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if node.func.id == "_" and len(texts) == 1:
                singles.add(texts[0])
            elif node.func.id == "ngettext" and len(texts) == 2:
                plurals.add((texts[0], texts[1]))
    return singles, plurals


def _fields(text: str) -> set[str]:
    """The placeholders of a message: str.format's ({name!r}) and %-style (%(prog)s)."""
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return names | set(re.findall(r"%\((\w+)\)s", text))


def test_every_message_of_click_a_user_can_meet_has_chinese() -> None:
    singles, plurals = _click_messages()
    assert len(singles) > 40  # the scan found click's messages
    assert len(plurals) >= 5
    missing = sorted(m for m in singles if m not in ZH and m not in NOT_FOR_USERS)
    assert missing == []
    assert sorted(s for s, _ in plurals if s not in ZH) == []


def test_the_chinese_keeps_every_placeholder_of_the_english() -> None:
    for english, chinese in ZH.items():  # only the English name of a type is left out
        assert _fields(chinese) <= _fields(english), english
        assert _fields(english) - _fields(chinese) <= {"number_type"}, english
    _, plurals = _click_messages()
    for singular, plural in plurals:
        assert _fields(translate_plural(singular, plural, 1, "zh")) <= _fields(singular)
        assert _fields(translate_plural(singular, plural, 2, "zh")) <= _fields(plural), plural
    assert set(ZH_PLURAL) <= {plural for _, plural in plurals}


def test_english_is_click_own() -> None:
    assert translate("Usage:", "en") == "Usage:"
    assert translate_plural(
        "{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 2, "en"
    ) == ("{value!r} is not one of {choices}.")
    assert translate("Usage:", "zh") == "用法："
    assert translate("a message click never wrote", "zh") == "a message click never wrote"


def _run(args: list[str], lang: str | None = None) -> tuple[int, str]:
    env = Environment() if lang is None else Environment(lang=lang)  # type: ignore[arg-type]
    result = CliRunner().invoke(cli, args, obj=env, prog_name="meanstest")
    return result.exit_code, result.output


def test_a_bad_choice_is_refused_in_chinese() -> None:
    code, out = _run(["check", str(EXAMPLE), "--format", "bogus", "--lang", "zh"])
    assert code == 2
    assert "错误：'--format' 的值无效：'bogus' 不是可选值之一：'table'" in out
    assert "用法：meanstest check [选项] 家庭文件" in out
    assert "运行 'meanstest check --help' 查看帮助。" in out
    assert not ENGLISH.search(out), out


def test_a_chinese_sentence_lists_values_with_the_enumeration_comma() -> None:
    # click joins the choices and the close matches with ", "; Chinese lists with 、.
    code, out = _run(["check", str(EXAMPLE), "--format", "bogus", "--lang", "zh"])
    assert code == 2
    assert "'table'、'json'、'markdown'、'html'、'refusal'。" in out
    code, out = _run(["check", "--re", "x", "--lang", "zh"])
    assert code == 2
    assert "（是否想用其中之一：'--help'、'--rules'、'--trace'？）" in out
    code, out = _run(["check", str(EXAMPLE), "--format", "bogus", "--lang", "en"], lang="zh")
    assert "one of 'table', 'json', 'markdown', 'html', 'refusal'." in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["check", "--bogus", "--lang", "zh"], "错误：没有选项 '--bogus'。"),  # before --lang
        (["check", "--lang=zh", "--bogus"], "错误：没有选项 '--bogus'。"),
        (["check", "--lang", "zh"], "错误：缺少参数 '家庭文件'"),
        (["chek", "--lang", "zh"], "错误：没有命令 'chek'。"),
        (
            ["batch", "--lang", "zh", "--jobs", "x", "-"],
            "错误：'-j' / '--jobs' 的值无效：'x' 不是有效的数字。",
        ),
        (["check", "--lang", "zh", "--format"], "错误：选项 '--format' 需要一个值。"),
        (["check", str(EXAMPLE), "extra", "--lang", "zh"], "错误：多余的参数（extra）"),
        (["check", "no-such-file.json", "--lang", "zh", "--rules-dir", "nowhere"], "不存在"),
    ],
)
def test_usage_errors_are_chinese_under_lang_zh(args: list[str], said: str) -> None:
    code, out = _run(args, lang="en")  # --lang counts over the locale's language
    assert code == 2
    assert said in out
    assert not ENGLISH.search(out), out


def test_the_locale_language_counts_when_no_lang_is_given() -> None:
    result = CliRunner().invoke(
        cli, ["check", "--bogus"], env={"LC_ALL": "zh_CN.UTF-8"}, prog_name="meanstest"
    )
    assert result.exit_code == 2
    assert "错误：没有选项 '--bogus'。" in result.output


def test_english_usage_errors_are_unchanged() -> None:
    code, out = _run(["check", str(EXAMPLE), "--format", "bogus", "--lang", "en"], lang="zh")
    assert code == 2
    assert "Error: Invalid value for '--format': 'bogus' is not one of 'table'" in out
    assert "Usage: meanstest check [OPTIONS] HOUSEHOLD" in out


def test_after_double_dash_lang_is_an_argument_not_the_option() -> None:
    code, out = _run(["check", "--bogus", "--", "--lang", "zh"], lang="en")
    assert code == 2
    assert "Error: No such option: '--bogus'" in out or "No such option '--bogus'" in out


def test_help_headings_are_chinese() -> None:
    # click builds a command's --help option (its text included) once and keeps it; a
    # process runs one command line, but the tests before this one ran others.
    command = cli.get_command(click.Context(cli), "check")
    assert command is not None
    command._help_option = None  # type: ignore[attr-defined]
    code, out = _run(["check", "--help", "--lang", "zh"], lang="en")
    assert code == 0
    assert out.startswith("用法：meanstest check [选项] 家庭文件")
    assert "选项：" in out
    assert "显示本帮助并退出。" in out
    assert "Options:" not in out
    assert "Show this message" not in out


def test_click_gets_its_own_functions_back() -> None:
    _run(["check", "--bogus", "--lang", "zh"])
    assert click.exceptions._ is gettext.gettext  # type: ignore[attr-defined]
    assert click.types.ngettext is gettext.ngettext  # type: ignore[attr-defined]
    assert click.core._ is gettext.gettext  # type: ignore[attr-defined]
