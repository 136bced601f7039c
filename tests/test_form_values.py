"""Issue 15, point 1 (loose end): the printed form's rule values in words, and its
provisional-values table kept short, so that the form prints on one or two A4 pages
(tests/test_browser.py counts the pages in Chromium).

A list of codes in a rule file (unsupported_child.both_parents: [severely_disabled,
seriously_ill, ...]) was shown as written, one long unbreakable word per code in a
narrow column: the yizhang-unsupported-child form printed on three pages.
"""

from __future__ import annotations

import re

from conftest import EXAMPLES
from test_cli_env import FakeEnvironment, run

from meanstest.model.vocabulary import VOCABULARIES
from meanstest.render.rule_values import value_words
from meanstest.ruleset.keys import CODE_VOCABULARIES, STATIC_KEYS

CHILD = EXAMPLES / "ladder" / "yizhang-unsupported-child.json"
FIRE = EXAMPLES / "temporary" / "yizhang-house-fire.json"
TEMPORARY_RULES = EXAMPLES / "rules" / "yizhang-temporary-demo.yaml"


def _form(*args: object, lang: str) -> str:
    env = FakeEnvironment(lang=lang)
    result = run(env, "check", *args, "--format", "html", "--lang", lang)
    assert result.exit_code == 0, result.output
    return env.out


def _warning_rows(html: str) -> list[list[str]]:
    """The cells of the provisional-values table, row by row."""
    section = html.split('class="flow warnings"', 1)[1].split("</section>", 1)[0]
    body = section.split("<tbody>", 1)[1]
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_code_lists_are_shown_as_labels_zh() -> None:
    """The eight parent conditions of the national list (民发〔2020〕125号) as the
    vocabulary's Chinese labels joined with 、, not as codes."""
    rows = {r[0]: r for r in _warning_rows(_form(CHILD, lang="zh"))}
    assert rows["unsupported_child.both_parents"][1] == (
        "重残、重病、服刑在押、强制隔离戒毒、被执行其他限制人身自由的措施、失联、"
        "被撤销监护资格、被遣送（驱逐）出境"
    )
    assert rows["assets.financial.types"][1] == "存款、有价证券、商业保险现金价值"
    assert rows["rounding.benefit.mode"][1] == "四舍五入"
    assert rows["rounding.stage"][1] == "按户取整一次"
    text = " ".join(" ".join(r) for r in rows.values())
    for code in ("severely_disabled", "deported", "deposit", "half_up", "household_benefit"):
        assert code not in text


def test_code_lists_are_shown_as_labels_en() -> None:
    """In English the labels are joined with ", " and wrap between words."""
    rows = {r[0]: r for r in _warning_rows(_form(CHILD, lang="en"))}
    assert rows["unsupported_child.other_parent"][1] == (
        "severely disabled, seriously ill, imprisoned, in compulsory drug rehabilitation, "
        "under another restriction of liberty, out of contact, deprived of guardianship, "
        "deported"
    )
    assert rows["assets.financial.types"][1] == (
        "deposits, securities, cash value of commercial insurance"
    )
    assert rows["rounding.benefit.mode"][1] == "half up"


def test_value_words() -> None:
    """Booleans as yes/no, an empty list as none, amounts in the language's units (in
    a structured value as written, only shorter), a code the vocabulary does not know
    as written."""
    assert value_words("temporary.approval.delegated", "true", "zh") == "是"
    assert value_words("temporary.approval.delegated", "false", "en") == "no"
    assert value_words("assets.financial.types", "[]", "zh") == "无"
    assert value_words("assets.financial.types", "[deposit, gold]", "zh") == "[deposit, gold]"
    tiers = "[{burden_from: 0, amount: {amount: 1, unit: share of standard}}]"
    for lang in ("zh", "en"):  # the rule file's own words, as written, amounts short
        assert value_words("temporary.amount.tiers", tiers, lang) == (
            "[{burden_from: 0, amount: 1 share of standard}]"
        )
    assert value_words("dibao.standard.rural", "4560 yuan/year", "zh") == "4560 元/年"


def test_a_deductions_required_conditions_are_shown_as_labels() -> None:
    """`deduction.<type>.requires` lists member conditions (every deduction type, so no
    fixed key in CODE_VOCABULARIES): in_education reads 在校就读 / in education, and a
    list of two is joined with 、 or ", " (found by the issue 15 review: `[in_education]`)."""
    assert value_words("deduction.education.requires", "[in_education]", "zh") == "在校就读"
    assert value_words("deduction.education.requires", "[in_education]", "en") == "in education"
    assert (
        value_words("deduction.employment_cost.requires", "[employed, disabled]", "zh")
        == "就业、残疾"
    )
    assert value_words("deduction.medical.deductible", "true", "en") == "yes"


def test_every_coded_key_has_its_vocabulary() -> None:
    """Each key named in CODE_VOCABULARIES exists, and every code its checker accepts
    has a label in the vocabulary named (a list of all of them is shown in words)."""
    for key, vocabulary in CODE_VOCABULARIES.items():
        assert key in STATIC_KEYS, key
        if vocabulary == "rounding_mode":
            continue
        codes = VOCABULARIES[vocabulary].codes
        accepted = [c for c in codes if _accepts(key, c)]
        assert accepted, key
        written = "[" + ", ".join(accepted) + "]"
        shown = value_words(key, written, "zh")
        assert shown != written, key
        assert "_" not in shown, (key, shown)


def _accepts(key: str, code: str) -> bool:
    checker = STATIC_KEYS[key]
    for value in ([code], code):
        try:
            checker(value)
        except Exception:  # noqa: S112 - the checker says no
            continue
        return True
    return False


def test_warnings_with_the_same_reason_are_listed_together() -> None:
    """Under the temporary-assistance demonstration rules, the three values from the
    same news report (the standard, the delegated approval, the township's reserve fund)
    are listed together, the reason written once and then 同上 ("as above")."""
    rows = _warning_rows(_form(FIRE, "--rules", TEMPORARY_RULES, lang="zh"))
    keys = [r[0] for r in rows]
    first = keys.index("dibao.standard.rural")
    assert keys[first : first + 3] == [
        "dibao.standard.rural",
        "temporary.approval.delegated",
        "temporary.reserve_fund.township",
    ]
    assert "新闻报道" in rows[first][2]
    assert [r[2] for r in rows[first + 1 : first + 3]] == ["同上", "同上"]
    notes = [r[2] for r in rows if r[2] != "同上"]
    assert len(notes) == len(set(notes))  # every reason said once
    assert rows[first + 1][1] == "是"  # true, in words


def test_sources_shown_alike_are_one_row() -> None:
    """The news report cited for three values is one row of the sources, its keys
    together."""
    html = _form(FIRE, "--rules", TEMPORARY_RULES, lang="en")
    section = re.split(r'class="\w+ basis"', html, maxsplit=1)[1].split("</section>", 1)[0]
    assert section.count("一枝一叶总关情") == 1
    assert (
        "dibao.standard.rural, temporary.approval.delegated, temporary.reserve_fund.township"
        in section
    )
