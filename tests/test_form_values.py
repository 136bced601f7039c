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

from meanstest.render.rule_values import code_words, declared_labels, value_words
from meanstest.ruleset.keys import (
    CODE_VOCABULARIES,
    DEDUCTION_FIELDS,
    STATIC_KEYS,
    checker_for,
    code_vocabulary,
)
from meanstest.ruleset.load import load_rules

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


def _code_checkers() -> dict[str, tuple[str, ...]]:
    """Every rule key whose value is a code or a list of codes (a `one_of` or `list_of`
    checker), with the codes it accepts: the static keys (temporary assistance's too),
    a deduction's ``requires``, and the lists of the income and expense types the
    national rules declare."""
    national = load_rules("000000")
    types = (dict(national.income_types), dict(national.expense_types))
    candidates = {
        **STATIC_KEYS,
        **{f"deduction.medical.{field}": c for field, c in DEDUCTION_FIELDS.items()},
        **{
            key: checker_for(key, *types)
            for key in (
                "tekun.income.excluded_types",
                "tekun.income.excluded_assistance",
                "rigid.expense_types",
            )
        },
    }
    found = {}
    words = ("one_of.<locals>.check", "list_of.<locals>.check")
    for key, checker in candidates.items():
        if getattr(checker, "__qualname__", "") in words:
            found[key] = tuple(checker.__closure__[0].cell_contents)
    return found


def test_every_coded_key_has_its_vocabulary() -> None:
    """Each key named in CODE_VOCABULARIES exists; every key whose checker takes codes
    (benefit.method, rounding.stage, temporary.amount.per, tekun.income.excluded_types,
    deduction.<type>.requires, ...) is named there, and each code it accepts is shown
    with a label in both languages, a list of all of them in words: Chinese characters
    in Chinese, no code's underscore in either."""
    coded = _code_checkers()
    assert set(CODE_VOCABULARIES) <= set(coded), set(CODE_VOCABULARIES) - set(coded)
    national = load_rules("000000")
    declared = declared_labels(national.income_types, national.expense_types)
    assert {"benefit.method", "tekun.in_dibao_household", "classified.combine"} <= set(coded)
    assert {"temporary.amount.per", "rigid.expense_types", "rounding.stage"} <= set(coded)
    for key, codes in coded.items():
        assert code_vocabulary(key) is not None, key
        list_key = getattr(STATIC_KEYS.get(key), "__qualname__", "").startswith("list_of") or (
            key.endswith(("types", "requires", "assistance"))
        )
        for code in codes:
            written = f"[{code}]" if list_key else code
            for lang in ("zh", "en"):
                shown = code_words(key, written, lang, declared)
                assert shown is not None, (key, code, lang)
                assert "_" not in shown, (key, code, lang, shown)
                if lang == "zh":
                    assert re.search(r"[\u4e00-\u9fff]", shown), (key, code, shown)
        if list_key:
            every = "[" + ", ".join(codes) + "]"
            assert value_words(key, every, "zh", declared) != every, key


def test_code_values_in_words_on_the_form_and_in_rules_show() -> None:
    """The yizhang-widow form (zh and en) shows the provisional code values in words:
    存款、有价证券、商业保险现金价值 / deposits, securities, ...; 四舍五入 / half up;
    按户取整一次 / once, on the household benefit; `rules show` shows benefit.method as
    按差额发放 / the gap to the standard, never the codes."""
    widow = EXAMPLES / "yizhang-widow-diabetes.json"
    zh, en = _form(widow, lang="zh"), _form(widow, lang="en")
    rows_zh = {r[0]: r[1] for r in _warning_rows(zh)}
    rows_en = {r[0]: r[1] for r in _warning_rows(en)}
    assert rows_zh["assets.financial.types"] == "存款、有价证券、商业保险现金价值"
    assert rows_zh["rounding.benefit.mode"] == "四舍五入"
    assert rows_zh["rounding.stage"] == "按户取整一次"
    assert rows_en["rounding.stage"] == "once, on the household benefit"
    for html in (zh, en):
        for code in ("half_up", "household_benefit", "[deposit", "insurance]"):
            assert code not in html, code
    # (the table wraps a long value: its first words are on the key's line)
    for lang, words in (("zh", "按差额发放"), ("en", "the gap to")):
        env = FakeEnvironment(lang=lang)
        result = run(env, "rules", "show", "431022", "--on", "2022-01-01", "--lang", lang)
        assert result.exit_code == 0, result.output
        line = next(x for x in env.out.splitlines() if x.startswith("benefit.method"))
        assert words in line, line
        assert "household_benefit" not in env.out


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
