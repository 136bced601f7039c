"""Issue 15, point 1: the printable assessment form, as HTML (tests/test_browser.py prints it).

The form is self-contained and safe: one file, inline CSS, no script, nothing fetched,
every value from the household or the rules escaped; names and ID numbers masked unless
asked; every section it needs and none it does not; the stamp on it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import string
from pathlib import Path
from typing import Any

from conftest import EXAMPLES
from test_cli_env import FakeEnvironment, run

from meanstest import __version__
from meanstest.render.form_page import css_string as _css_string
from meanstest.render.form_page import numeral as _numeral
from meanstest.render.labels_form import FORM
from meanstest.ruleset.load import load_rules

WIDOW = EXAMPLES / "yizhang-widow-diabetes.json"
LADDER_RULES = EXAMPLES / "rules" / "yizhang-ladder-demo.yaml"


def _form(*args: object, stdin: bytes = b"", lang: str = "zh") -> str:
    env = FakeEnvironment(stdin=stdin, lang=lang)
    result = run(env, "check", *args, "--format", "html")
    assert result.exit_code == 0, result.output
    return env.out


def _visible(html: str) -> str:
    """The text of the body, tags dropped and entities left as they are."""
    body = html.split("<body>", 1)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_form_zh_has_every_section_of_the_worked_example() -> None:
    """Title, the household, members, income, deductions, accounting, assets, decision,
    reasons, rules and sources, provisional values and the sign-off, numbered 一 … 十一."""
    html = _form(WIDOW)
    text = _visible(html)
    for heading in (
        "一、基本情况",
        "二、家庭成员",
        "三、家庭收入",
        "四、支出扣减",
        "五、收入核算",
        "六、财产状况",
        "七、认定结果及救助金",
        "八、认定理由",
        "九、规则及依据",
        "十、暂定值及非正式出处",
        "十一、审核审批",
    ):
        assert heading in text, heading
    assert "家庭经济状况核算评估表" in text
    for role in ("调查人意见", "审核人意见", "审批人意见", "调查人（签字）", "日期"):
        assert role in text
    # The accounting, as hand-worked: 941.67 − 41.67 − 330.00 = 570.00; ÷ 3 = 190.00.
    assert re.search(
        r"家庭月收入 941\.67 − 不计入收入 41\.67 − 扣减 330\.00 = 计入家庭月收入 "
        r"570\.00 ÷ 共同生活家庭成员人数 3 = 家庭人均月收入 190\.00 "
        r"低保标准（每人每月） 380\.00",
        text,
    )
    assert "380.00 × 3 − 570.00 = 570.00" in text


def test_form_is_self_contained_a4_with_a_cjk_font_stack() -> None:
    """One file: inline CSS with @page A4 and the CJK fonts; no script, link or URL."""
    html = _form(WIDOW)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in html
    assert "size: A4" in html
    for font in (
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "Microsoft YaHei",
        "PingFang SC",
        "SimSun",
    ):
        assert font in html
    assert "break-inside: avoid" in html
    assert "<script" not in html.lower()
    assert not re.search(r"<link\b", html, re.IGNORECASE)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert not re.search(r"url\(", html)


def test_form_carries_the_stamp() -> None:
    """The rule set, its digest, the assessment date and meanstest's version, in the body
    and in each page's footer."""
    html = _form(WIDOW)
    assert load_rules("431022").at(dt.date(2021, 12, 1)).digest in html
    assert __version__ in _visible(html)
    assert "宜章县（431022）" in html
    assert "@bottom-left" in html
    assert "counter(page)" in html
    assert "counter(pages)" in html


def test_form_masks_personal_data_unless_asked(tmp_path: Path) -> None:
    """Names and ID numbers are masked by default (邓**, 431022********0042) and shown
    with --show-personal-data."""
    data: dict[str, Any] = json.loads(WIDOW.read_text(encoding="utf-8"))
    data["members"][0]["id_number"] = "431022198503020042"
    path = tmp_path / "h.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    masked = _form(path)
    assert "邓利兰" not in masked
    assert "431022198503020042" not in masked
    assert "431022********0042" in masked
    assert "姓名、身份证号已部分隐藏" in masked
    shown = _form(path, "--show-personal-data")
    assert "邓利兰" in shown
    assert "431022198503020042" in shown
    assert "已部分隐藏" not in shown


def test_form_escapes_every_value(tmp_path: Path) -> None:
    """A household id and a name holding markup are written as text, never as HTML."""
    data: dict[str, Any] = json.loads(WIDOW.read_text(encoding="utf-8"))
    data["id"] = '<b>x</b>"</style><script>alert(1)</script>'
    data["members"][0]["name"] = "<img src=x onerror=alert(1)>"
    path = tmp_path / "h.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    html = _form(path, "--show-personal-data")
    assert "<script" not in html.lower()
    assert "<img" not in html
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_form_css_strings_cannot_end_the_style_sheet() -> None:
    """A CSS string of any text holds no quote, angle bracket or line break of its own."""
    css = str(_css_string('"}</style><script>\n'))
    assert css.startswith('"')
    assert css.endswith('"')
    inner = css[1:-1]
    assert not set(inner) & set('"<>\n;{}')
    assert _css_string("第 \x00 页") == '"\\007b2c  " counter(page) " \\009875 "'


def test_form_english() -> None:
    """--lang en: English headings and the sign-off in English."""
    text = _visible(_form(WIDOW, lang="en"))
    for expected in (
        "Household Means-Test Assessment Form",
        "1. Household",
        "2. Members",
        "Income accounting",
        "Decision and benefit",
        "Rules and sources",
        "Investigator: opinion",
        "Reviewer: opinion",
        "Approver: opinion",
        "Signature:",
        "570.00 yuan/month",
    ):
        assert expected in text, expected
    assert "页" not in text


def test_form_sections_follow_the_result() -> None:
    """The 分类施保 section appears when the result has top-ups; the worked example has
    none, and no 特困 member, so neither section is there."""
    widow = _visible(_form(WIDOW))
    assert "分类施保" not in widow
    assert "特困人员 p" not in widow
    household = EXAMPLES / "ladder" / "yizhang-classified-top-ups.json"
    ups = _visible(_form(household, "--rules", LADDER_RULES))
    assert "分类施保" in ups
    env = FakeEnvironment()
    assert run(env, "check", household, "--rules", LADDER_RULES, "--format", "json").exit_code == 0
    assert json.loads(env.out)["benefit_monthly"] in ups  # as the JSON result says
    tekun = _visible(
        _form(EXAMPLES / "ladder" / "yizhang-tekun-elderly-alone.json", "--rules", LADDER_RULES)
    )
    assert "特困人员" in tekun
    assert "基本生活标准（月）" in tekun
    # 特困 as the household's outcome: no per-capita line, the support paid instead:
    # basic 1.3 × 380.00 = 494.00, care (partly lost self-care) 0.3 × 494.00 = 148.20,
    # together 642.20 a month.
    assert "特困供养金 642.20 元/月（p1 642.20）" in tekun
    assert "家庭人均月收入" not in tekun.split("认定结果及救助金")[0]


def test_form_says_what_to_check(tmp_path: Path) -> None:
    """An ID number that disagrees with the birth date is listed under 需核实事项, with
    the declared date only: the ID number's (1985-03-03) would unmask it (issue 15
    review)."""
    data: dict[str, Any] = json.loads(WIDOW.read_text(encoding="utf-8"))
    # 431022 19850303 012: products 28 27 10 0 16 8 2 9 48 15 0 27 0 15 0 4 4 = 213;
    # 213 mod 11 = 4 -> check digit 8.
    data["members"][0]["id_number"] = "431022198503030128"
    path = tmp_path / "h.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    text = _visible(_form(path))
    assert "需核实事项" in text
    assert "与申报的出生日期 1985-03-02 不符" in text
    assert "1985-03-03" not in text


def test_numerals_of_section_headings() -> None:
    """一 … 十, 十一, 十九, 二十, 二十一."""
    assert [_numeral(n) for n in (1, 10, 11, 19, 20, 21)] == [
        "一",
        "十",
        "十一",
        "十九",
        "二十",
        "二十一",
    ]


def test_document_labels_have_both_languages_with_the_same_placeholders() -> None:
    """Every label of the form and the refusal has Chinese and English text, and the
    two name the same {placeholders}."""
    for key, (zh, en) in FORM.items():
        assert zh.strip(), key
        assert en.strip(), key
        names = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in (zh, en)]
        assert names[0] == names[1], key


def test_form_shows_a_provisional_value_below_the_provinces_minimum() -> None:
    """On 2023-06-01 Yizhang's carried-forward 4560 a year is below Hunan's 2023 minimum
    of 5000 (tests/test_minimums.py): the form says so in its provisional values."""
    text = _visible(_form(WIDOW, "--on", "2023-06-01"))
    section = text.split("暂定值及非正式出处", 1)[1]
    assert "低于自 2023-01-01 起施行的省级最低标准 5000" in section
