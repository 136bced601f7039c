"""Review 17a: a county's policy officer writes rule files with YAML only. The defects a
hostile review found in what such an officer meets, each with the rule file that showed
it; every expected line is counted by hand in the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from meanstest.cli import cli
from meanstest.errors import RuleFileError
from meanstest.ruleset.load import load_rules

# A made-up county on the shipped Chenzhou rules (999901 is not a real division code).
HEAD = """schema: meanstest.rules/1
id: "999901"
name: {zh: 虚构测试县, en: Fictional Test County}
level: county
extends: "431000"
sources:
  t: {title: 虚构测试文件}
parameters:
  dibao.standard.rural:
    description: {zh: 农村低保标准, en: Rural standard}
    unit: yuan/month
    values:
      - {from: 2026-01-01, value: 600, source: t}
"""  # 13 lines: a key appended starts on line 14


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "999901-test.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _refused(path: Path) -> RuleFileError:
    with pytest.raises(RuleFileError) as caught:
        load_rules(path)
    return caught.value


def _validate(path: Path, lang: str = "en") -> tuple[int, str]:
    result = CliRunner().invoke(
        cli,
        ["rules", "validate", str(path), "--lang", lang],
        env={"LANG": None, "LC_ALL": None},
    )
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stderr


# ------------------------------------------------------------ 1. a typo in a key


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("dibao.standard.rurel", "dibao.standard.rural"),
        ("phase_out.month", "phase_out.months"),
        ("benefit.minimum.perperson", "benefit.minimum.per_person"),
        ("income.reference_month", "income.reference_months"),
    ],
)
def test_unknown_key_suggests_the_close_match(tmp_path: Path, written: str, meant: str) -> None:
    """A misspelt key is named at its line (14) with the key it most likely means, in
    both languages: 'not a known rule key' alone leaves the officer to search the list."""
    text = HEAD + f"  {written}:\n    values:\n      - {{from: 2026-01-01, value: 6, source: t}}\n"
    error = _refused(_write(tmp_path, text))
    [problem] = error.problems
    assert (problem.code, problem.line) == ("key_unknown_close", 14)
    assert problem.params["suggestion"] == meant
    for lang in ("en", "zh"):
        code, stderr = _validate(tmp_path / "999901-test.yaml", lang)
        assert code == 1
        assert f"'{meant}'" in stderr or f"「{meant}」" in stderr


def test_unknown_key_far_from_every_key_has_no_suggestion(tmp_path: Path) -> None:
    """A key like no other is still refused at its line, without a wild guess."""
    text = HEAD + "  zzz.qqq:\n    values:\n      - {from: 2026-01-01, value: 6, source: t}\n"
    [problem] = _refused(_write(tmp_path, text)).problems
    assert (problem.code, problem.line) == ("key_unknown", 14)


# ------------------------------------------------------------ 2. an id written as a number


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        ('id: "999901"', "id: 999901", "id", 2),
        ('extends: "431000"', "extends: 431000", "extends", 5),
        ('extends: "431000"', 'extends: "../431000"', "extends", 5),
        ('extends: "431000"', 'extends: "rules/431000-chenzhou.yaml"', "extends", 5),
    ],
)
def test_id_or_extends_not_an_id_says_what_to_write(
    tmp_path: Path, old: str, new: str, field: str, line: int
) -> None:
    """`id: 999901` without quotes (the likeliest slip: the scaffold quotes it) and an
    `extends` that is a path are refused at their line with what to write, never as
    pydantic's 'Input should be a valid string' or a regular expression."""
    error = _refused(_write(tmp_path, HEAD.replace(old, new)))
    [problem] = error.problems
    assert (problem.loc, problem.code, problem.line) == (field, "rule_id_expected", line)
    for lang in ("en", "zh"):
        code, stderr = _validate(tmp_path / "999901-test.yaml", lang)
        assert code == 1
        assert "valid string" not in stderr
        assert "[0-9A-Za-z]" not in stderr
        assert '"431021"' in stderr


# ------------------------------------------------------------ 3. a file saved as GBK


def test_gbk_rule_file_names_the_line_and_the_likely_encoding(tmp_path: Path) -> None:
    """A rule file saved in GBK (Notepad's default on a Chinese Windows): the first byte
    that is not UTF-8 is in 虚构测试县 on line 3; the message names the line and says
    to save the file as UTF-8, in both languages."""
    path = _write(tmp_path, HEAD.encode("gbk"))
    [problem] = _refused(path).problems
    assert (problem.code, problem.line) == ("not_utf8_gbk", 3)
    code, stderr = _validate(path)
    assert code == 1
    assert "line 3" in stderr
    assert "GBK" in stderr
    assert "UTF-8" in stderr
    code, stderr = _validate(path, "zh")
    assert "第 3 行" in stderr
    assert "GBK" in stderr


# ------------------------------------------------------------ 4. a control character


def test_control_character_is_named_at_its_line(tmp_path: Path) -> None:
    """A NUL byte in the value on line 13 (pasted from a database export): the error
    gives line 13, not the parser's '\\n in "<unicode string>", position 345'."""
    path = _write(tmp_path, HEAD.replace("value: 600", "value: 6\x0000"))
    [problem] = _refused(path).problems
    assert (problem.code, problem.line) == ("yaml_control_character", 13)
    for lang in ("en", "zh"):
        code, stderr = _validate(path, lang)
        assert code == 1
        assert "unicode string" not in stderr
        assert "\\n" not in stderr


# ------------------------------------------------------------ 5. a percentage as a number


@pytest.mark.parametrize(
    "key",
    ["rigid.expenditure_ratio", "deduction.medical.cap.share_of_income"],
)
def test_share_of_income_above_all_of_it_is_refused(tmp_path: Path, key: str) -> None:
    """'80%' written as 80 makes rigid expenditure need 80 times the income (no household
    ever meets it) and a cap of 80 times the income no cap: a share of income is from 0
    to 1 (0.8 for 80%), refused at the value's line (14 + 3 = 17)."""
    text = (
        HEAD
        + f"  {key}:\n    description: {{zh: 测试, en: test}}\n    values:\n"
        + "      - {from: 2026-01-01, value: 80, source: t}\n"
    )
    [problem] = _refused(_write(tmp_path, text)).problems
    assert (problem.code, problem.line) == ("share_of_income_range", 17)
    _code, stderr = _validate(tmp_path / "999901-test.yaml")
    assert "0.8" in stderr


@pytest.mark.parametrize("value", ["0.8", "1"])
def test_share_of_income_up_to_one_loads(tmp_path: Path, value: str) -> None:
    """0.8 (80%) and 1 (all the income, 超过家庭总收入) are shares of income."""
    text = (
        HEAD
        + "  rigid.expenditure_ratio:\n    description: {zh: 测试, en: test}\n    values:\n"
        + f"      - {{from: 2026-01-01, value: {value}, source: t}}\n"
    )
    load_rules(_write(tmp_path, text))


# ------------------------------------------------------------ 6. a file extending itself


def test_file_extending_its_own_id_says_so(tmp_path: Path) -> None:
    """`extends: "999901"` in the file whose id is 999901 (a copy-paste slip) is said to
    extend itself at line 5, not 'no rule file has the id 999901'."""
    path = _write(tmp_path, HEAD.replace('extends: "431000"', 'extends: "999901"'))
    error = _refused(path)
    [problem] = error.problems
    assert (problem.code, problem.line) == ("extends_itself", 5)


# ------------------------------------------------------------ 7. numbers with an exponent


@pytest.mark.parametrize("written", ["1e3", "6.0e+2", '"1e3"', "6E2"])
def test_number_with_an_exponent_is_refused(tmp_path: Path, written: str) -> None:
    """1e3 was read as 1000 and shown as '1e3 yuan/month' by `rules show` (6.0e+2 as
    '6.0E+2'): a rule value is written in plain digits, refused at line 13 otherwise."""
    path = _write(tmp_path, HEAD.replace("value: 600", f"value: {written}"))
    [problem] = _refused(path).problems
    assert problem.line == 13
    assert problem.code == "number_plain_digits"
    _code, stderr = _validate(path)
    assert "1000" in stderr or "digits" in stderr


def test_number_in_quotes_is_read_as_written(tmp_path: Path) -> None:
    """A number in quotes, "600", is 600 exactly, as money text in a household file."""
    rules = load_rules(_write(tmp_path, HEAD.replace("value: 600", 'value: "600"')))
    from decimal import Decimal

    assert rules.series["dibao.standard.rural"].entries[0].value == Decimal(7200)  # 600 × 12


# ------------------------------------------------------------ 8. an empty file


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_rule_file_says_it_is_empty(tmp_path: Path, text: str) -> None:
    """An empty file (saved before writing, or truncated) is said to be empty, not to
    'found a single value instead'."""
    error = _refused(_write(tmp_path, text))
    assert error.code == "rule_file_empty"
    code, stderr = _validate(tmp_path / "999901-test.yaml", "zh")
    assert code == 1
    assert "空" in stderr


# ------------------------------------------------------------ 9. how a source is declared


def test_new_county_file_shows_how_to_declare_a_source(tmp_path: Path) -> None:
    """`rules new` tells the officer to 'declare the document under sources' and cite it;
    the draft shows how (a commented declaration), and the filled-in draft loads."""
    out = tmp_path / "999901-test.yaml"
    result = CliRunner().invoke(
        cli,
        ["rules", "new", "999901", "--extends", "431000", "--name", "虚构测试县", "-o", str(out)],
        env={"LANG": None, "LC_ALL": None},
    )
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "#   county-notice-2026:" in text
    assert "#     title:" in text
    filled = text.replace("sources: {}", "sources:\n  county-notice-2026: {title: 虚构测试文件}")
    out.write_text(filled, encoding="utf-8")
    load_rules(out)


def test_guide_says_how_to_declare_a_source() -> None:
    """docs/rules.md has a section on declaring sources, with every field a source takes."""
    guide = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text(
        encoding="utf-8"
    )
    section = guide.split("## Sources (出处)", 1)[1].split("\n## ", 1)[0]
    for field in ("title:", "number:", "issued_by:", "date:", "effective:", "kind:", "article"):
        assert field in section, field


# ------------------------------------------------------------ 10. validate by id


def test_validate_takes_an_id_found_in_the_rules_directory(tmp_path: Path) -> None:
    """`rules validate 999901 --rules-dir DIR` (an officer who knows the id, as `rules
    show` takes it) checks DIR/999901-test.yaml; it said 'cannot read the rule file
    (No such file or directory)'. An id found nowhere says where it was looked for."""
    _write(tmp_path, HEAD)
    runner = CliRunner()
    env = {"LANG": None, "LC_ALL": None, "MEANSTEST_RULES_DIR": None}
    found = runner.invoke(
        cli, ["rules", "validate", "999901", "--rules-dir", str(tmp_path)], env=env
    )
    assert found.exit_code == 0, found.stderr
    assert found.stdout.startswith("ok 999901: rule set 999901 (000000 → 430000 → 431000")
    missing = runner.invoke(
        cli, ["rules", "validate", "999977", "--rules-dir", str(tmp_path)], env=env
    )
    assert missing.exit_code == 1
    assert "no rule file has the id '999977'" in missing.stderr


# ------------------------------------------------------------ 11. a name in one language


@pytest.mark.parametrize(
    ("old", "new", "loc", "line"),
    [
        (
            "name: {zh: 虚构测试县, en: Fictional Test County}",
            "name: 虚构测试县",
            "name",
            3,
        ),
        (
            "description: {zh: 农村低保标准, en: Rural standard}",
            "description: 农村低保标准",
            "parameters.dibao.standard.rural.description",
            10,
        ),
    ],
)
def test_name_in_one_language_says_to_write_both(
    tmp_path: Path, old: str, new: str, loc: str, line: int
) -> None:
    """`description: 农村低保标准` (one text, as a note may be) is refused at its line
    with the shape to write, {zh: ..., en: ...}; it said 'Input should be a valid
    dictionary or instance of Label', a class of the program."""
    path = _write(tmp_path, HEAD.replace(old, new))
    [problem] = _refused(path).problems
    assert (problem.loc, problem.code, problem.line) == (loc, "label_expected", line)
    for lang in ("en", "zh"):
        _code, stderr = _validate(path, lang)
        assert "Label" not in stderr
        assert "{zh: " in stderr


# ------------------------------------------------------------ 12. a rule-test case's line


def test_case_file_problems_name_their_line(tmp_path: Path) -> None:
    """A case file's mistakes said only the case's index ('1: unknown keys houshold'):
    in a file of 45 cases the officer had to count. Each now gives its line: the
    misspelt key `houshold` on line 9, the second case (missing its household) from
    line 7, and the first case's `on` that is not a date on line 3."""
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "- name: first\n"  # 1
        '  rules: "431022"\n'  # 2
        "  on: soon\n"  # 3
        "  household: h.json\n"  # 4
        "  expect: {status: dibao}\n"  # 5
        "\n"  # 6
        "- name: second\n"  # 7
        '  rules: "431022"\n'  # 8
        "  houshold: h.json\n"  # 9
        "  on: 2026-01-01\n"  # 10
        "  expect: {status: dibao}\n",  # 11
        encoding="utf-8",
    )
    from meanstest.cases import load_cases

    with pytest.raises(RuleFileError) as caught:
        load_cases(cases)
    lines = {(p.code, p.line) for p in caught.value.problems}
    assert lines == {
        ("case_date_expected", 3),
        ("case_missing", 7),
        ("case_unknown_keys", 9),
    }


# ------------------------------------------------------------ 13. rules list, narrow


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("columns", [60, 80])
def test_rules_list_on_a_narrow_terminal_cuts_no_word(
    tmp_path: Path, lang: str, columns: int
) -> None:
    """At 80 columns (a terminal's default, and any output that is not one) `rules list`
    broke codes and names inside words ('nationa' / 'l', 'provisi' / 'onal', 'Fiction' /
    'al'): below 100 columns each rule set is a block, every id, level, file name and
    count whole on its line."""
    _write(tmp_path, HEAD)
    result = CliRunner().invoke(
        cli,
        ["rules", "list", "--rules-dir", str(tmp_path), "--lang", lang],
        env={"LANG": None, "LC_ALL": None, "COLUMNS": str(columns), "MEANSTEST_RULES_DIR": None},
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    words = result.stdout.split()
    level = {"en": ["county", "national", "province", "city"], "zh": ["县", "全国", "省", "市"]}
    for word in (
        "999901",
        "000000",
        "999901-test.yaml",
        "000000-national.yaml",
        "431022-yizhang.yaml",
        *level[lang],
    ):
        assert word in words, word
    assert ("Fictional" in words) == (lang == "en")
    # the user's file first, with the directory it comes from (folded when too long for
    # a line, never cut short)
    assert lines[0].split()[0] == "999901"
    assert str(tmp_path) in "".join(line.strip() for line in lines)


# ------------------------------------------------------------ 14. a tab; a percentage


def test_tab_used_to_indent_is_called_a_tab_in_english_too(tmp_path: Path) -> None:
    """libyaml calls a tab that indents 'found character that cannot start any token';
    the Chinese sentence guessed a tab, the English gave no hint. Line 11 begins with a
    tab: both languages now say it is a tab, at line 11."""
    path = _write(tmp_path, HEAD.replace("    unit: yuan/month", "\tunit: yuan/month"))
    [problem] = _refused(path).problems
    assert (problem.code, problem.line) == ("yaml_tab", 11)
    _code, stderr = _validate(path)
    assert "tab" in stderr
    _code, stderr = _validate(path, "zh")
    assert "制表符" in stderr


def test_percentage_says_to_write_a_decimal(tmp_path: Path) -> None:
    """`value: 150%` said only 'expected a number': a share is written 1.5 (line 17)."""
    text = (
        HEAD
        + "  dibao.edge_multiplier:\n    description: {zh: 测试, en: test}\n    values:\n"
        + "      - {from: 2026-01-01, value: 150%, source: t}\n"
    )
    [problem] = _refused(_write(tmp_path, text)).problems
    assert (problem.code, problem.line) == ("percent_as_share", 17)
    _code, stderr = _validate(tmp_path / "999901-test.yaml")
    assert "20% as 0.2" in stderr


# ------------------------------------------------------------ 15. UTF-16; no values


def test_utf16_rule_file_says_so(tmp_path: Path) -> None:
    """Notepad's 'Unicode' is UTF-16: 'invalid byte at offset 0' said nothing useful."""
    path = _write(tmp_path, HEAD.encode("utf-16"))
    [problem] = _refused(path).problems
    assert problem.code == "not_utf8_utf16"
    _code, stderr = _validate(path)
    assert "UTF-16" in stderr


def test_key_without_values_shows_a_dated_value(tmp_path: Path) -> None:
    """`values: []` said 'Tuple should have at least 1 item after validation, not 0' (a
    word of the program's insides): now the shape of a dated value, at line 12."""
    text = HEAD.replace(
        "    values:\n      - {from: 2026-01-01, value: 600, source: t}\n", "    values: []\n"
    )
    [problem] = _refused(_write(tmp_path, text)).problems
    assert (problem.code, problem.line) == ("values_empty", 12)
    _code, stderr = _validate(tmp_path / "999901-test.yaml")
    assert "Tuple" not in stderr
    assert "{from: 2026-01-01, value: ..." in stderr
