"""Text from untrusted input, made safe to write."""

from __future__ import annotations


def printable(text: str) -> str:
    """Text that can be written as UTF-8: unpaired surrogates shown as escapes."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text
