"""Text from untrusted input, made safe to write.

Household files, case rolls and rule files come from many hands (SECURITY.md). A name,
an id or a source title may hold characters that a terminal obeys rather than shows:
ESC and the C1 controls start escape sequences (clear the screen, colour text, set the
window title), a carriage return overwrites the line, and the bidirectional overrides
reorder what is read. Output for people shows such characters as escapes (``\\x1b``,
``\\u202e``) instead, and Markdown output also escapes what Markdown would read as
markup, so that a value is always shown as the text it is.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, the line and paragraph separators, the bidirectional
# marks, embeddings, overrides and isolates, and unpaired surrogates (undecodable bytes).
_UNSAFE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff"
)
_HIDDEN = re.compile(f"[\t\n{_UNSAFE}]")
_HIDDEN_IN_LINES = re.compile(f"[{_UNSAFE}]")
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

# What CommonMark (and GitHub's tables, strikethrough and math) read as markup inside a
# line. An underscore inside a word is never emphasis, so it is left alone there.
_MARKDOWN = re.compile(r"[\\`*\[\]<>|&~$]|(?<!\w)_|_(?!\w)")


def printable(text: str) -> str:
    """Text that can be written as UTF-8: unpaired surrogates shown as escapes."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    short = _SHORT.get(char)
    if short is not None:
        return short
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Show every control character of one value as an escape (``\\x1b``, ``\\n``).

    For a value that is one line by nature: an id, a name, a file name, a rule value.
    """
    if _HIDDEN.search(text) is None:
        return text
    return _HIDDEN.sub(_escape, text)


def visible_lines(text: str) -> str:
    """Like `visible`, but keep tabs and line breaks: for text laid out in lines."""
    if _HIDDEN_IN_LINES.search(text) is None:
        return text
    return _HIDDEN_IN_LINES.sub(_escape, text)


def markdown(text: str) -> str:
    """One value as Markdown inline text: shown exactly, never read as markup.

    Control characters and line breaks become escapes first (a value cannot start a
    heading, a list or a table row of its own), then every character Markdown would
    read as markup (``|``, ``*``, ``<``, ``[`` …) is backslash-escaped, so HTML, links
    and table cells cannot be forged.
    """
    return _MARKDOWN.sub(lambda m: "\\" + m.group(), visible(text))


def markdown_masked(text: str) -> str:
    """A masked value (邓**) as Markdown: the stars stay as they are, the rest escaped.

    A run of stars with nothing after it cannot open emphasis, so the mask reads as
    written in the raw Markdown too.
    """
    return "*".join(markdown(part) for part in text.split("*"))


# Symbols the renderers write, and what stands for each where an output encoding lacks
# it (GBK has no ¥ or −; ASCII has none of them), best first.
_STAND_INS = {
    "−": ("-",),
    "¥": ("￥", "CNY "),
    "×": ("x",),
    "÷": ("/",),
    "…": ("...",),
    "—": ("-",),
    "–": ("-",),
    "•": ("*",),
    "→": ("->",),
    "↓": ("v",),
    "↔": ("<->",),
    "─": ("-",),
    "█": ("#",),
    "·": (".",),
    "≥": (">=",),
    "≤": ("<=",),
}


def encodable(text: str, encoding: str) -> str:
    """Text that ``encoding`` can write: a symbol it lacks becomes a stand-in (¥ → ￥ in
    GBK, CNY in ASCII), any other character it lacks an escape (\\u90d3).

    For output to a stream that is not UTF-8 (issue 10, kind 9: a Chinese Windows console
    redirected to a file is GBK); an unknown encoding leaves the text as it is.
    """
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        pass
    except LookupError:
        return text
    else:
        return text
    out = []
    for char in text:
        try:
            char.encode(encoding)
        except UnicodeEncodeError:
            out.append(_stand_in(char, encoding))
        else:
            out.append(char)
    return "".join(out)


def _stand_in(char: str, encoding: str) -> str:
    for candidate in _STAND_INS.get(char, ()):
        try:
            candidate.encode(encoding)
        except UnicodeEncodeError:
            continue
        return candidate
    return char.encode("ascii", "backslashreplace").decode("ascii")


def colon(lang: str) -> str:
    """What follows a label before its value: a full-width colon in Chinese (a Chinese
    sentence takes Chinese punctuation, with no space after it), ``": "`` in English."""
    return "：" if lang == "zh" else ": "


def comma(lang: str) -> str:
    """What separates the items of a list in a sentence: ``，`` in Chinese, ``", "`` in
    English."""
    return "，" if lang == "zh" else ", "


def semicolon(lang: str) -> str:
    """What separates two clauses: ``；`` in Chinese, ``"; "`` in English."""
    return "；" if lang == "zh" else "; "


def in_brackets(text: str, lang: str) -> str:
    """``text`` in brackets after what it explains: ``（text）`` in Chinese (full width,
    no space before), ``" (text)"`` in English."""
    return f"（{text}）" if lang == "zh" else f" ({text})"
