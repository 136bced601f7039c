"""Issue 15, point 2 (complete Chinese), the reviewer's last loose ends:

1. a rule file's `note` may be written in both languages (``{zh: ..., en: ...}``) and is
   then shown in the user's language on every output (a plain note in every language);
   the JSON record keeps the note a string, in the record's language;
3. the form (and the refusal) show the household's 乡镇 / 村 when given;
4. amounts are written with their unit, never a bare "/month", in both languages;
5. ``batch --month`` with a format that is not the payment roll is a usage error,
   whatever the month, in the user's language.

Expected texts are the rule files' and the labels' own words (tests/fixtures/rules/
notes-both-languages.yaml, rules/*.yaml), never copied from the program's output.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from meanstest.cli import cli
from meanstest.model.sources import Label, SourceRef
from meanstest.ruleset.load import load_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
WIDOW = EXAMPLES / "yizhang-widow-diabetes.json"  # dibao; uses several provisional values
MIGRANT = EXAMPLES / "yizhang-migrant-worker-not-eligible.json"  # refused
NOTES = ROOT / "tests" / "fixtures" / "rules" / "notes-both-languages.yaml"
ZH_NOTE = "测试用的说明，只在中文输出中出现"
EN_NOTE = "a note for the tests, shown only in English outputs"
PLAIN_NOTE = "只写了中文的说明"


def run(*args: object) -> Result:
    return CliRunner().invoke(
        cli,
        [str(a) for a in args],
        prog_name="meanstest",
        env={"COLUMNS": "1000", "LC_ALL": None, "LANG": None, "LANGUAGE": None},
    )


def _text(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


# ------------------------------------------------------------ 1. notes in both languages


def test_note_in_both_languages_is_kept_as_both() -> None:
    """The fixture's income.reference_months note is read as a Label of its two texts;
    the plain note of dibao.edge_multiplier stays one text."""
    rules = load_rules(NOTES)
    [entry] = rules.series["income.reference_months"].entries[-1:]
    assert entry.source.note == Label(ZH_NOTE, EN_NOTE)
    assert entry.source.note_in("zh") == ZH_NOTE
    assert entry.source.note_in("en") == EN_NOTE
    plain = rules.series["dibao.edge_multiplier"].entries[-1].source
    assert plain.note_in("zh") == plain.note_in("en") == PLAIN_NOTE


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_outputs_show_each_note_in_the_language(fmt: str) -> None:
    """Under --lang zh the Chinese note (and the plain one) is shown, never the English;
    under --lang en the English one (and the plain one), never the Chinese."""
    for lang, shown, hidden in (("zh", ZH_NOTE, EN_NOTE), ("en", EN_NOTE, ZH_NOTE)):
        result = run("check", WIDOW, "--rules", NOTES, "--lang", lang, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        out = _text(result.stdout) if fmt == "html" else result.stdout
        out = re.sub(r"\s+", "", out) if fmt == "table" else out  # a table wraps its cells
        want = (lambda t: re.sub(r"\s+", "", t)) if fmt == "table" else (lambda t: t)
        assert want(shown) in out, (lang, fmt)
        assert want(hidden) not in out, (lang, fmt)
        assert want(PLAIN_NOTE) in out, (lang, fmt)


def test_json_note_is_a_string_in_the_records_language() -> None:
    """The JSON record's warning sources keep `note` a string (contract: extend, never
    rename): the Chinese text in a zh record, the English in an en one."""
    for lang, expected in (("zh", ZH_NOTE), ("en", EN_NOTE)):
        result = run("check", WIDOW, "--rules", NOTES, "--lang", lang, "--format", "json")
        assert result.exit_code == 0, result.stderr
        record = json.loads(result.stdout)
        [warning] = [w for w in record["warnings"] if w["key"] == "income.reference_months"]
        assert warning["source"]["note"] == expected
        assert isinstance(warning["source"]["note"], str)
        assert expected in warning["message"]


def test_shipped_notes_are_chinese_on_the_chinese_form() -> None:
    """The reviewer's three notes, on the yizhang-widow form under --lang zh: their
    Chinese texts (rules/430000-hunan.yaml, rules/000000-national.yaml), not the English."""
    result = run("check", WIDOW, "--lang", "zh", "--format", "html")
    page = _text(result.stdout)
    assert "国家文件将期限交由地方规定；湖南的取值（6或12个月）无出处" in page
    assert "占位值，并非湖南的数值；省级限额尚无出处" in page
    assert "国家层面无取整规定" in page
    for english in (
        "the national text leaves the period",
        "placeholder, not Hunan",
        "no national rounding rule exists",
    ):
        assert english not in page, english


def test_every_shipped_note_shown_has_chinese() -> None:
    """Every value and check note of rules/*.yaml is written in both languages: each
    Chinese text has Chinese characters, each English one is the note as it was."""
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        rules = load_rules(path)
        for key, series in rules.series.items():
            for entry in series.entries:
                note = entry.source.note
                if note is None:
                    continue
                assert isinstance(note, Label), (path.name, key, note)
                assert re.search(r"[\u4e00-\u9fff]", note.zh), (path.name, key)
                assert re.search(r"[A-Za-z]{3}", note.en), (path.name, key)


def test_note_mapping_is_part_of_the_digest() -> None:
    """Either text of a note changes the rule digest (the JSON of a source without a
    language writes both); a plain note is written as before."""
    both = SourceRef(None, None, provisional=True, note=Label("甲", "a"))
    assert both.as_json() == {"provisional": True, "note": {"zh": "甲", "en": "a"}}
    assert both.as_json("zh")["note"] == "甲"
    assert both.as_json("en")["note"] == "a"
    plain = SourceRef(None, None, provisional=True, note="plain")
    assert plain.as_json() == plain.as_json("zh") == {"provisional": True, "note": "plain"}


def test_set_note_in_the_users_language() -> None:
    """`compare --set`'s values are provisional with the note 命令行设定：KEY=VALUE (zh)
    / set on the command line: KEY=VALUE (en)."""
    from meanstest.ruleset.load import overlay

    changed = overlay(load_rules("431022"), ["rounding.stage=member_benefit"], None)
    source = changed.series["rounding.stage"].entries[-1].source
    assert source.note_in("zh") == "命令行设定：rounding.stage=member_benefit"
    assert source.note_in("en") == "set on the command line: rounding.stage=member_benefit"


# ------------------------------------------------------------ 3. 乡镇 and 村


def _placed(tmp_path: Path, source: Path, **place: str) -> Path:
    data = json.loads(source.read_text(encoding="utf-8"))
    data.update(place)
    path = tmp_path / source.name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_form_shows_township_and_village(tmp_path: Path) -> None:
    """A household in 城关镇 城南村: both in the form's first part, labelled 乡镇（街道） /
    村（社区） in Chinese and Township / Village in English."""
    path = _placed(tmp_path, WIDOW, township="城关镇", village="城南村")
    zh = run("check", path, "--lang", "zh", "--format", "html").stdout
    en = run("check", path, "--lang", "en", "--format", "html").stdout
    assert "<th>乡镇（街道）</th><td>城关镇</td><th>村（社区）</th><td>城南村</td>" in zh
    assert "<th>Township</th><td>城关镇</td><th>Village</th><td>城南村</td>" in en


def test_form_without_a_place_has_no_place_cells() -> None:
    """The shipped example gives no township: no empty 乡镇 row on its form."""
    assert "乡镇（街道）" not in run("check", WIDOW, "--lang", "zh", "--format", "html").stdout


def test_form_with_township_only_shows_a_dash_for_the_village(tmp_path: Path) -> None:
    path = _placed(tmp_path, WIDOW, township="城关镇")
    zh = run("check", path, "--lang", "zh", "--format", "html").stdout
    assert "<th>乡镇（街道）</th><td>城关镇</td><th>村（社区）</th><td>—</td>" in zh


def test_refusal_names_the_place(tmp_path: Path) -> None:
    """The refusal's addressee line: 申请人：刘**（户编号 YZ-2021-0204，城关镇城南村） in
    Chinese, (household YZ-2021-0204, 城关镇, 城南村) in English."""
    path = _placed(tmp_path, MIGRANT, township="城关镇", village="城南村")
    zh = run("check", path, "--lang", "zh", "--format", "refusal").stdout
    en = run("check", path, "--lang", "en", "--format", "refusal").stdout
    assert "（户编号 YZ-2021-0204，城关镇城南村）" in zh
    assert "(household YZ-2021-0204, 城关镇, 城南村)" in en
    plain = run("check", MIGRANT, "--lang", "zh", "--format", "refusal").stdout
    assert "（户编号 YZ-2021-0204）" in plain


# ------------------------------------------------------------ 4. units


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_english_units_never_a_bare_per_month(fmt: str) -> None:
    """The widow's casual labour of 900 a month and scholarship of 500 a year are
    written 900.00 yuan/month and 500.00 yuan/year (as the benefit's 570.00 yuan/month),
    never "900.00 /month"; a per-month label reads "(per month)", not "Care/month".
    In Chinese: 900.00 元/月 and 500.00 元/年."""
    en = run("check", WIDOW, "--lang", "en", "--format", fmt).stdout
    zh = run("check", WIDOW, "--lang", "zh", "--format", fmt).stdout
    en, zh = (_text(en), _text(zh)) if fmt == "html" else (en, zh)
    assert "900.00 yuan/month" in en
    assert "500.00 yuan/year" in en
    assert "900.00 元/月" in zh
    assert "500.00 元/年" in zh
    # "/month" only after "yuan" or a ¥ figure (¥380.00/month in a sentence)
    bare = re.findall(r".{0,12}(?<!yuan)(?<![0-9])/(?:month|year)", en)
    assert bare == [], bare
    assert "/month" not in zh
    assert "/year" not in zh


def test_tekun_labels_say_per_month() -> None:
    """The 特困 columns read "Basic living (per month)" and "Care (per month)"."""
    from meanstest.render.labels import label
    from meanstest.render.labels_form import text

    assert label("tekun.basic", "en") == "Basic living (per month)"
    assert label("tekun.care", "en") == "Care (per month)"
    assert label("top_up.top_up", "en") == "Top-up (per month)"
    assert text("form.tekun_total", "en") == "Total (per month)"


# ------------------------------------------------------------ 5. batch --month


@pytest.mark.parametrize("month", ["2027-13", "2021-05", "9999-12", "soon"])
@pytest.mark.parametrize("fmt", ["notice", "csv", None])
def test_month_without_payroll_is_a_usage_error_whatever_its_value(
    month: str, fmt: str | None, tmp_path: Path
) -> None:
    """--month with --format notice (or csv, or no format: jsonl) is refused with exit 2
    naming --month, --format payroll and the format given, in either language; a bad
    month is not judged first, since no month is used."""
    roll = EXAMPLES / "batch" / "caseroll.jsonl"
    formats = ["--format", fmt] if fmt else []
    named = fmt or "jsonl"
    for lang, words in (
        ("zh", f"--month 只用于 --format payroll（发放花名册），--format {named} 不用月份"),
        (
            "en",
            f"--month is for --format payroll (the payment roll); --format {named} takes no month",
        ),
    ):
        result = run("batch", roll, *formats, "--month", month, "--lang", lang)
        assert result.exit_code == 2, result.output
        assert words in result.stderr, result.stderr
        assert "2000-01" not in result.stderr  # not the month's range


def test_month_with_payroll_is_still_checked() -> None:
    """With --format payroll a bad --month is still refused as a bad value (exit 2),
    named as the option, in the user's language."""
    roll = EXAMPLES / "batch" / "caseroll.jsonl"
    for lang, words in (("zh", "「2027-13」不是月份"), ("en", "'2027-13' is not a month")):
        result = run("batch", roll, "--format", "payroll", "--month", "2027-13", "--lang", lang)
        assert result.exit_code == 2
        assert "'--month'" in result.stderr
        assert words in result.stderr, result.stderr
