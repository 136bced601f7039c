"""click's own words (usage errors, help headings) in the user's language.

click marks each of its messages for gettext (``from gettext import gettext as _`` in
each of its modules) and leaves the catalogs to the application. gettext would choose a
catalog by the process's locale, but meanstest's language is ``--lang`` (or the locale
when none is given), known only once the command line is read. So while the command
line runs, `speaking` gives each click module a ``_`` and an ``ngettext`` that ask the
`Environment` for its language and look the message up in `ZH`; afterwards click's own
functions are back. Option and command help texts are meanstest's: `help_words`.

`ZH` covers every message of click a user can meet: tests/test_click_words.py reads the
installed click's source and fails on a message it does not cover (a new click
release), except the ones for programmers listed in `NOT_FOR_USERS`.
"""

from __future__ import annotations

import gettext
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Each message of click (its English text, the gettext message id) in Chinese; the
# placeholders are click's (a translation may leave one out, never add one). A plural
# message is under its singular form's id.
ZH: dict[str, str] = {
    # Usage errors and what click prints around them.
    "Error: {message}": "错误：{message}",
    "Usage:": "用法：",  # a Chinese run's formatter writes it, with no space (`metavars`)
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?": "是否想用 {possibility}？",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Value must be an iterable.": "值必须是一组值。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
    "Aborted!": "已中止！",
    # Values of the types meanstest's options use.
    "{value!r} is not {choice}.": "{value!r} 不是可选值 {choice}。",
    "Choose from:\n\t{choices}": "可选值：\n\t{choices}",
    "Choice({choices})": "可选值（{choices}）",
    # {number_type} is the English name of click's type ("integer range"): left out.
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 不符合要求（{range}）。",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} 不是有效的是/否值。可用的值：{states}"
    ),
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{len_type} values are required, but {len_value} was given.": (
        "需要 {len_type} 个值，给了 {len_value} 个。"
    ),
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    # Help pages.
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "required": "必填",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "弃用提示：命令 {name!r} 已弃用。{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "弃用提示：{param_type} {name!r} 已弃用。{extra_message}"
    ),
    # Prompts and the progress bar's time (meanstest prompts for nothing today).
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不提示，直接确认。",
    "Press any key to continue...": "按任意键继续……",
    "Repeat for confirmation": "再输入一次以确认",
    "Error: The two entered values do not match.": "错误：两次输入的值不一致。",
    "Error: invalid input": "错误：输入无效",
    "d": "天",
}

# Plural messages (ngettext's plural form) whose placeholders differ from their singular
# form's; the others are said by the singular's text (Chinese has one form).
ZH_PLURAL: dict[str, str] = {
    "(Did you mean one of: {possibilities}?)": "（是否想用其中之一：{possibilities}？）",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选值之一：{choices}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合格式 {formats}。",
}

# click's messages for the programmer of a command line (a badly declared option, an
# unsupported shell or platform, an external editor), never met by a user of meanstest.
NOT_FOR_USERS: frozenset[str] = frozenset(
    {
        "Could not determine name for option with declarations {decls!r}",
        "No options defined but a name was passed ({name}). Did you mean to declare an "
        "argument instead? Did you mean to pass '--{name}'?",
        "Arguments take exactly one parameter declaration, got {length}: {decls}.",
        "Name '{name}' defined twice",
        "Boolean option {decl!r} cannot use the same flag for true/false.",
        "Invalid start character for option ({option})",
        "Couldn't detect Bash version, shell completion is not supported.",
        "Shell completion is not supported for Bash versions older than 4.4.",
        "Unknown color {colour!r}",
        "Unknown standard stream '{name}'",
        "Windows error: {error}",
        "{editor}: Editing failed",
        "{editor}: Editing failed: {e}",
    }
)


# What click writes itself, outside its messages, into an error under Chinese: the
# environment variable of an option ("'--rules-dir' (env var: 'X')"), and the "." it
# puts after "Missing argument 'HOUSEHOLD'" (and before "Choose from: ..."), and the
# space it puts between two sentences ("没有命令 'shwo'。 是否想用 'show'？").
_ENV_VAR = re.compile(r" \(env var: (.*?)\)")
_CJK = "[\u3000-\u9fff\uff00-\uffef]"
_FULL_STOP = re.compile(rf"(?<!\.)\.(?: (?={_CJK})|$)|(?<=。) (?={_CJK})")


class _ErrorLine(str):
    """click's "Error: {message}" in Chinese, with what click writes around its
    translated words said in Chinese too (`_ENV_VAR`, `_FULL_STOP`)."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        message = kwargs.get("message")
        if isinstance(message, str):
            message = _ENV_VAR.sub(r"（环境变量 \1）", message)
            kwargs["message"] = _FULL_STOP.sub(lambda m: "" if m[0] == " " else "。", message)
        return str(self).format(*args, **kwargs)


# The kind of path click names in "{name} {filename!r} does not exist." (and the like):
# click words it when the option is built, at import, in English for meanstest's shared
# options; a command's own, when the first run that needs the command imports it, in
# that run's language, which may not be a later run's (in one process, as in tests).
_PATH_KINDS = {
    "zh": {"file": "文件", "directory": "文件夹", "path": "路径"},
    "en": {"文件": "File", "文件夹": "Directory", "路径": "Path"},
}


class _PathLine(str):
    """One of click's sentences about a path, its kind of path in the sentence's
    language (`_PATH_KINDS`)."""

    __slots__ = ("kinds",)
    kinds: dict[str, str]

    def format(self, *args: object, **kwargs: object) -> str:
        name = kwargs.get("name")
        if isinstance(name, str):
            kwargs["name"] = self.kinds.get(name.lower(), name)
        return str(self).format(*args, **kwargs)


def _path_line(message: str, lang: str) -> _PathLine:
    line = _PathLine(message)
    line.kinds = _PATH_KINDS["zh" if lang == "zh" else "en"]
    return line


def translate(message: str, lang: str) -> str:
    """``message`` (one of click's) in ``lang``: Chinese from `ZH` for ``zh``, else as is."""
    if message.startswith("{name} {filename!r} "):
        return _path_line(ZH.get(message, message) if lang == "zh" else message, lang)
    if lang != "zh":
        return message
    if message == "Error: {message}":
        return _ErrorLine(ZH[message])
    return ZH.get(message, message)


# click joins a list of values with ", " ("'table', 'json'"); a Chinese sentence lists
# them with the enumeration comma 、 ("'table'、'json'").
_LIST_FIELDS = ("choices", "choice", "possibilities", "possibility")
_ITEM_COMMA = re.compile(r"(?<=['\"]), (?=['\"])")


class _ListLine(str):
    """One of click's sentences with a list of values, listed the Chinese way."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        for field in _LIST_FIELDS:
            listed = kwargs.get(field)
            if isinstance(listed, str):
                kwargs[field] = _ITEM_COMMA.sub("、", listed)
        return str(self).format(*args, **kwargs)


def translate_plural(singular: str, plural: str, n: int, lang: str) -> str:
    """One of click's plural messages in ``lang``, for ``n`` things."""
    if lang != "zh":
        return singular if n == 1 else plural
    if n != 1 and plural in ZH_PLURAL:
        return _ListLine(ZH_PLURAL[plural])
    return _ListLine(ZH.get(singular, singular if n == 1 else plural))


def _click_modules() -> Iterator[object]:
    """The loaded click modules that took gettext's functions as their own names."""
    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            yield module


@contextmanager
def speaking(lang: Callable[[], str]) -> Iterator[None]:
    """While the block runs, click speaks the language ``lang()`` names when it speaks.

    ``lang`` is asked at each message, so ``--lang`` read halfway through the command
    line counts for every message after it. click's modules must be imported first.
    """

    def _(message: str) -> str:
        return translate(message, lang())

    def ngettext(singular: str, plural: str, n: int) -> str:
        return translate_plural(singular, plural, n, lang())

    ours: dict[str, object] = {"_": _, "ngettext": ngettext}
    theirs: dict[str, object] = {"_": gettext.gettext, "ngettext": gettext.ngettext}
    taken: list[tuple[object, str]] = []
    for module in _click_modules():
        for name, function in ours.items():
            if getattr(module, name, None) is theirs[name]:
                taken.append((module, name))
                setattr(module, name, function)
    try:
        yield
    finally:
        for module, name in taken:
            setattr(module, name, theirs[name])
