"""A last fresh look at issue 15's Chinese command line (point 2: complete Chinese).

Each test is a defect found by trying the command line as a Chinese caseworker would,
with ``--lang zh`` or a Chinese locale alone; English must stay exactly as it was.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from meanstest import __version__
from meanstest.cli import Environment, cli


def _run(
    args: list[str], lang: str | None = None, env: dict[str, str] | None = None
) -> tuple[int, str]:
    obj = Environment() if lang is None else Environment(lang=lang)  # type: ignore[arg-type]
    result = CliRunner().invoke(cli, args, obj=obj, env=env, prog_name="meanstest")
    return result.exit_code, result.output


def test_version_is_said_in_chinese() -> None:
    # click words its version line once, when the module is imported (in English).
    code, out = _run(["--lang", "zh", "--version"], lang="en")
    assert code == 0
    assert out == f"meanstest，版本 {__version__}\n"


def test_version_from_a_chinese_locale_alone() -> None:
    code, out = _run(["--version"], env={"LC_ALL": "zh_CN.UTF-8"})
    assert code == 0
    assert out == f"meanstest，版本 {__version__}\n"


def test_version_stays_english_in_english() -> None:
    code, out = _run(["--lang", "en", "--version"], lang="zh")
    assert code == 0
    assert out == f"meanstest, version {__version__}\n"


def test_a_missing_argument_ends_with_a_chinese_full_stop() -> None:
    # click writes "Missing argument 'HOUSEHOLD'." with the "." outside its message id.
    code, out = _run(["check", "--lang", "zh"], lang="en")
    assert code == 2
    assert out.endswith("错误：缺少参数 '家庭文件'。\n"), out


def test_a_missing_argument_is_unchanged_in_english() -> None:
    code, out = _run(["check", "--lang", "en"], lang="zh")
    assert code == 2
    assert out.endswith("Error: Missing argument 'HOUSEHOLD'.\n"), out


def test_a_yaml_syntax_error_is_explained_in_chinese(tmp_path: Path) -> None:
    # `foo: [` then the end of the file: the flow sequence is never closed.
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nfoo: [\n", encoding="utf-8")
    code, out = _run(["--lang", "zh", "rules", "validate", str(bad)], lang="en")
    assert code == 1
    assert "YAML 语法错误" in out
    assert "did not find" not in out, out
    assert "expected" not in out, out


def test_a_yaml_mapping_value_error_is_explained_in_chinese(tmp_path: Path) -> None:
    # `a: b: c` puts a mapping value where a plain scalar goes on.
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\na: b: c\n", encoding="utf-8")
    code, out = _run(["--lang", "zh", "rules", "validate", str(bad)], lang="en")
    assert code == 1
    assert "YAML 语法错误" in out
    assert "mapping values" not in out, out


def test_a_yaml_syntax_error_keeps_its_english_detail_in_english(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nfoo: [\n", encoding="utf-8")
    code, out = _run(["--lang", "en", "rules", "validate", str(bad)], lang="zh")
    assert code == 1
    assert "error: " in out
    assert "bad.yaml: the file is not valid YAML" in out


def test_the_usual_yaml_mistakes_each_have_a_chinese_sentence() -> None:
    # A rule file typed by hand: each text below is one mistake policy staff make.
    from meanstest.errors import RuleFileError
    from meanstest.render.errors_rules import TEMPLATES
    from meanstest.ruleset import yamlfile

    mistakes = {
        "a: [1, 2\n": "yaml_unclosed_list",  # the list is never closed
        "a: {b: 1\n": "yaml_unclosed_mapping",
        "a: 'open\n": "yaml_unexpected_end",  # a quote never closed
        "a: b: c\n": "yaml_mapping_value",
        "a:\n\tb: 1\n": "yaml_tab",  # libyaml does not say it is a tab: we do (review 17a)
        "a: @x\n": "yaml_bad_character",
        'a: "\\q"\n': "yaml_bad_escape",
        "a:\n  - 1\n  b: 2\n": "yaml_expected_dash",
    }
    for text, code in mistakes.items():
        with pytest.raises(RuleFileError) as caught:
            yamlfile.load(text, "r.yaml")
        (problem,) = caught.value.problems
        assert problem.code == code, (text, problem)
        zh, en = TEMPLATES[code]
        assert zh.startswith("YAML 语法错误：")
        assert "{" not in en.replace("{{", "")  # libyaml's own words, without a detail


def test_rules_list_speaks_chinese(tmp_path: Path) -> None:
    # Its headings were the English words id, level, name, extends, file, provisional;
    # each level national/province/city/county, each name also in English, and a file
    # that does not load "invalid: ..." with its reason in English.
    (tmp_path / "bad.yaml").write_text("id: x\nfoo: [\n", encoding="utf-8")
    code, out = _run(
        ["--lang", "zh", "rules", "list", "--rules-dir", str(tmp_path)],
        env={"COLUMNS": "200"},
    )
    assert code == 0
    heading = out.splitlines()[0].split()
    assert heading == ["编号", "层级", "名称", "上级规则集", "文件", "暂定值", "来源目录"]
    assert ["431022", "县", "宜章县", "431000", "431022-yizhang.yaml"] in [
        line.split()[:5] for line in out.splitlines()
    ]
    assert "无效：文件不是有效的 YAML" in out
    for english in (" national ", " county ", "Yizhang", "Hunan", "invalid", "provisional"):
        assert english not in out  # (the shipped files' names, 000000-national.yaml, stay)


def test_rules_list_in_english_is_unchanged() -> None:
    code, out = _run(["--lang", "en", "rules", "list"], env={"COLUMNS": "200"})
    assert code == 0
    heading = out.splitlines()[0].split()
    assert heading == ["id", "level", "name", "extends", "file", "provisional", "From"]
    assert ["431022", "county", "宜章县", "Yizhang", "County", "431000"] in [
        line.split()[:6] for line in out.splitlines()
    ]


NEW = ["rules", "new", "431099", "--extends", "431000", "--name", "测试县"]


def _run_split(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args, obj=Environment(lang="en"), prog_name="meanstest")
    return result.exit_code, result.stdout, result.stderr


def test_rules_new_says_what_it_wrote_in_chinese(tmp_path: Path) -> None:
    # It said "wrote ..." and "to use it by its id (431099), give --rules-dir ..." in English.
    out = tmp_path / "431099.yaml"
    code, _, err = _run_split(["--lang", "zh", *NEW, "-o", str(out)])
    assert code == 0
    assert err == (
        f"已写入 {out}\n"
        f"要按编号（431099）使用它，请给出 --rules-dir {tmp_path}，"
        "或把环境变量 MEANSTEST_RULES_DIR 设为该目录\n"
    )


def test_rules_new_says_what_it_wrote_in_english_as_before(tmp_path: Path) -> None:
    out = tmp_path / "431099.yaml"
    code, _, err = _run_split(["--lang", "en", *NEW, "-o", str(out)])
    assert code == 0
    assert err == (
        f"wrote {out}\n"
        f"to use it by its id (431099), give --rules-dir {tmp_path} "
        "or set MEANSTEST_RULES_DIR to that directory\n"
    )


def test_rules_new_writes_its_comments_in_chinese_under_lang_zh() -> None:
    # The draft's header and each "# Fill in from ..." were English for a Chinese officer.
    code, text, _ = _run_split(["--lang", "zh", *NEW, "--on", "2024-01-01"])
    assert code == 0
    comments = [line.strip() for line in text.splitlines() if line.strip().startswith("#")]
    assert comments[0] == (
        "# 测试县（431099）：由 `meanstest rules new` 于 2024-01-01 起草的规则文件。"
    )
    assert "# 依据：本县（或本市）每年的低保标准调整通知。" in comments
    assert "# 依据：本省或本市的家庭经济状况核算办法。" in comments
    assert not [c for c in comments if "Fill in" in c or "copied" in c or "the " in c]


def test_every_hint_of_rules_new_has_chinese() -> None:
    from meanstest.ruleset.scaffold import HINTS, HINTS_ZH

    assert [prefix for prefix, _ in HINTS] == list(HINTS_ZH)


def test_rules_new_in_english_keeps_its_english_comments() -> None:
    code, text, _ = _run_split(["--lang", "en", *NEW, "--on", "2024-01-01"])
    assert code == 0
    assert text.startswith(
        "# 测试县 (431099): rule file started with `meanstest rules new` on 2024-01-01.\n"
    )
    assert "  # Fill in from the province's or city's family economic-status" in text


ROLL = Path(__file__).parent.parent / "examples" / "batch" / "caseroll-zh.csv"


def test_a_bad_choice_in_a_chinese_roll_names_the_chinese_words(tmp_path: Path) -> None:
    # A caseworker's roll says 申请人, 配偶 ...; a mistyped relation (老板) was answered
    # with the codes alone: 应为 'applicant'、'spouse'、… 或 'other'.
    text = ROLL.read_text(encoding="utf-8-sig").replace(",申请人,", ",老板,", 1)
    roll = tmp_path / "roll.csv"
    roll.write_text(text, encoding="utf-8")
    code, _, out = _run_split(["--lang", "zh", "check", str(roll), "--id", "YZ-2021-0202"])
    assert code == 1, out
    assert (
        "应为 'applicant'（申请人）、'spouse'（配偶）、'child'（子女）、'parent'（父母）、"
        "'grandparent'（祖父母）、'grandchild'（孙子女）、'sibling'（兄弟姐妹）"
        " 或 'other'（其他）"
    ) in out


def test_a_bad_choice_is_said_in_english_as_before() -> None:
    from meanstest.errors import MeansTestError, Problem
    from meanstest.render.errors import render

    choices = "'urban' or 'rural'"
    error = MeansTestError(
        "household_invalid",
        problems=(Problem("area", "literal_error", {"expected": choices}),),
    )
    assert "area: Input should be 'urban' or 'rural'" in render(error, "en")
    assert "area：应为 'urban'（城市） 或 'rural'（农村）" in render(error, "zh")


def test_choices_that_are_no_vocabulary_keep_their_codes_in_chinese() -> None:
    from meanstest.render.errors import _chinese_choices

    assert _chinese_choices("'a', 'b' or 'urban'") == "'a'、'b' 或 'urban'"


EXAMPLE = Path(__file__).parent.parent / "examples" / "yizhang-widow-diabetes.json"


def test_a_missing_rules_dir_is_said_wholly_in_chinese() -> None:
    # It said "'--rules-dir' (env var: 'MEANSTEST_RULES_DIR') 的值无效：Directory '…' 不存在。"
    # (click writes the env var hint itself, and names the kind of path when the option
    # is built, at import, before the run's language is known).
    code, out = _run(["--lang", "zh", "check", str(EXAMPLE), "--rules-dir", "不存在的目录"])
    assert code == 2
    assert out.endswith(
        "错误：'--rules-dir'（环境变量 'MEANSTEST_RULES_DIR'） 的值无效："
        "文件夹 '不存在的目录' 不存在。\n"
    ), out


def test_a_missing_rules_dir_in_english_as_before() -> None:
    code, out = _run(["--lang", "en", "check", str(EXAMPLE), "--rules-dir", "nowhere"])
    assert code == 2
    assert out.endswith(
        "Error: Invalid value for '--rules-dir' (env var: 'MEANSTEST_RULES_DIR'): "
        "Directory 'nowhere' does not exist.\n"
    ), out


def test_a_missing_choice_argument_says_its_choices_after_a_chinese_full_stop() -> None:
    # click: "Missing argument '{household|...}'. Choose from: ..." with its own ". ".
    code, out = _run(["--lang", "zh", "schema"])
    assert code == 2
    assert "错误：缺少参数 '{household|assessment|summary}'。可选值：" in out, out


def _check_stdin(lang: str) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-m", "meanstest", "--lang", lang, "check", "-"],
        input=b"{bad",
        capture_output=True,
        check=False,
    )
    return result.returncode, result.stderr.decode()


def test_standard_input_is_named_in_chinese_by_check() -> None:
    # `check -` named it <stdin> (batch already said 标准输入).
    code, err = _check_stdin("zh")
    assert code == 1
    assert err.startswith("错误：标准输入：文件不是有效的 JSON"), err


def test_standard_input_is_named_in_english_by_check_as_before() -> None:
    code, err = _check_stdin("en")
    assert code == 1
    assert err.startswith("error: <stdin>: the file is not valid JSON"), err


def test_the_kind_of_path_follows_each_run_in_one_process() -> None:
    # A command's module is imported by the first run that needs it, and click words its
    # path types then: after a Chinese run, an English one said "路径 'x' does not exist."
    _, zh = _run(["--lang", "zh", "test", "nothere.yaml"])
    _, en = _run(["--lang", "en", "test", "nothere.yaml"])
    assert zh.endswith("错误：'[文件]...' 的值无效：路径 'nothere.yaml' 不存在。\n"), zh
    assert en.endswith(
        "Error: Invalid value for '[FILES]...': Path 'nothere.yaml' does not exist.\n"
    )


def test_did_you_mean_follows_a_chinese_full_stop_without_a_space() -> None:
    # click joins "No such command 'shwo'." and "Did you mean 'show'?" with a space.
    code, out = _run(["--lang", "zh", "rules", "shwo"])
    assert code == 2
    assert out.endswith("错误：没有命令 'shwo'。是否想用 'show'？\n"), out
    code, out = _run(["--lang", "zh", "compare", "x.csv", "--change"])
    assert out.endswith(
        "错误：没有选项 '--change'。（是否想用其中之一：'--changes'、'--lang'？）\n"
    )
