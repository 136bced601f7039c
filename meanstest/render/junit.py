"""Rule-test results as JUnit XML, the report CI systems read (`meanstest test --junit-xml`).

The layout is the one pytest writes and GitLab, Jenkins, GitHub's test reporters and
Azure read: a ``testsuites`` root holding one ``testsuite`` with the counts (tests,
failures, errors, skipped, time), and a ``testcase`` per case, its ``classname`` the
case file as a dotted name (``rules.cases.431022-income``), its ``file`` the path, and
for a failed case a ``failure`` whose ``message`` says what was expected and what was
got (every failed expectation, one a line, in its text).

Case names and failures come from case files (untrusted): characters XML 1.0 cannot
hold, and control characters, are written as visible escapes (``\\x1b``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import PurePath
from typing import NamedTuple

from .text import visible, visible_lines

# What XML 1.0 cannot hold even as a character reference (visible() escapes the rest).
_NOT_XML = re.compile("[\ufffe\uffff]")


class Ran(NamedTuple):
    """One case as run: where it is, what it is called, and what failed (none: passed)."""

    file: str
    name: str
    failures: tuple[str, ...]
    seconds: float


def _text(text: str, *, lines: bool = False) -> str:
    shown = visible_lines(text) if lines else visible(text)
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", shown)


def classname(file: str) -> str:
    """A case file as the dotted name CI systems group by: its path without the suffix,
    folders joined by dots (``rules/cases/431022-income.yaml`` → ``rules.cases.431022-income``)."""
    path = PurePath(file)
    parts = [p for p in path.with_suffix("").parts if p not in ("/", "\\", ".", "..")]
    return ".".join(parts) or path.name


def junit_xml(cases: Iterable[Ran], suite: str = "meanstest") -> str:
    """The JUnit XML document for the cases run, as text (UTF-8, with its declaration)."""
    ran = list(cases)
    failed = sum(1 for case in ran if case.failures)
    total = f"{sum(case.seconds for case in ran):.3f}"
    counts = {
        "tests": str(len(ran)),
        "failures": str(failed),
        "errors": "0",
        "skipped": "0",
        "time": total,
    }
    root = ET.Element("testsuites", {"name": suite, **counts})
    testsuite = ET.SubElement(root, "testsuite", {"name": suite, **counts})
    for case in ran:
        testcase = ET.SubElement(
            testsuite,
            "testcase",
            {
                "classname": _text(classname(case.file)),
                "name": _text(case.name),
                "file": _text(case.file),
                "time": f"{case.seconds:.3f}",
            },
        )
        if case.failures:
            failure = ET.SubElement(
                testcase,
                "failure",
                {"message": _text("; ".join(case.failures)), "type": "AssertionError"},
            )
            failure.text = _text("\n".join(case.failures), lines=True)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'
