"""Issue 15, the second review's defects (a fresh clone, worked as a new user would).

Each test names the defect it pins; the figures are worked by hand in the docstrings.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from openpyxl import Workbook

from meanstest import __version__
from meanstest.cli import cli


def _run(*args: object) -> Result:
    return CliRunner().invoke(
        cli,
        [str(a) for a in args],
        env={"LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None},
    )


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# ------------------------------------- defect 1: a script's formula cell read as a blank


def _roll_with_formula(path: Path, formula: str) -> None:
    """A two-person Yizhang 2021 roll written by a script (openpyxl): its wage cell holds
    a formula and, as openpyxl writes it, an empty ``<v/>``: no calculated value."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["household_id", "region", "area", "assessed_on", "member_id",
                  "relation", "age", "income:wage:month"])  # fmt: skip
    sheet.append(["H1", "431022", "rural", "2021-12-01", "p1", "applicant", 50, formula])
    sheet.append([None, None, None, None, "p2", "spouse", 48, None])
    book.save(path)


def test_xlsx_formula_with_an_empty_value_element_is_an_error_not_a_blank(
    tmp_path: Path,
) -> None:
    """A wage of =250*2 that no spreadsheet has calculated (openpyxl writes
    ``<f>250*2</f><v/>``) was read as a blank: no income, paid 2 × 380 = 760.00 instead
    of 2 × 380 − 500 = 260.00. It is an error record naming the cell and the formula,
    as a formula with no ``<v>`` at all already was; exit 3."""
    path = tmp_path / "roll.xlsx"
    _roll_with_formula(path, "=250*2")
    xml = _sheet_xml(path)
    assert "<f>250*2</f><v" in xml  # the empty value element is there
    result = _run("batch", path, "--quiet", "--detail", "full")
    assert result.exit_code == 3, result.output
    [record] = _jsonl(result.stdout)
    [error] = record["errors"]
    assert "cell H2" in error["msg"]
    assert "=250*2" in error["msg"]
    check = _run("check", path, "--id", "H1", "--format", "json")
    assert check.exit_code != 0
    assert "760.00" not in check.output


def _sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        return book.read("xl/worksheets/sheet1.xml").decode()


# ------------------------------- defect 2: `meanstest test` on a folder with no case passes


def test_test_command_finding_no_case_at_all_is_a_usage_error(tmp_path: Path) -> None:
    """A directory with no case file (empty, or only rule files and notes: a wrong path
    in a CI job) ran 0 cases and printed "0 passed, 0 failed" with exit 0: green in CI
    with nothing tested. As -k selecting nothing already is: exit 2, saying so, and no
    JUnit file; in Chinese under --lang zh."""
    (tmp_path / "notes.yaml").write_text("foo: bar\n", encoding="utf-8")
    report = tmp_path / "r.xml"
    result = _run("test", tmp_path, "--junit-xml", report)
    assert result.exit_code == 2, result.output
    assert "no case" in result.stderr
    assert "0 passed" not in result.stdout
    assert not report.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    zh = _run("test", empty, "--lang", "zh")
    assert zh.exit_code == 2
    assert "没有找到测试用例" in zh.stderr


# ---------------- defect 3: the accounting shows 380.00 ÷ 1 = 379.995 (point 9's case)


def _near_standard(tmp_path: Path) -> Path:
    """One person, Yizhang 2021 rural (standard 4560 a year = 380.00 a month), casual
    labour of 4559.94 a year: 4559.94 / 12 = 379.995 a month counted, per capita
    379.995 / 1 = 379.995 < 380.00, benefit 380 − 379.995 = 0.005 → 0.01."""
    household = {
        "id": "T-9",
        "region": "431022",
        "area": "rural",
        "assessed_on": "2021-12-01",
        "members": [{"id": "p1", "relation": "applicant", "age": 40}],
        "incomes": [{"member": "p1", "type": "casual_labour", "amount": "4559.94", "per": "year"}],
    }
    path = tmp_path / "h.json"
    path.write_text(json.dumps(household), encoding="utf-8")
    return path


def _accounting_lines(text: str, *words: str) -> dict[str, str]:
    """The figure at the end of each accounting line that starts with one of ``words``
    (table or Markdown), read from the text."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if "|" in line else None
        for word in words:
            if cells is not None and cells[0] == word:
                found[word] = cells[-1]
            elif cells is None and line.strip().startswith(word):
                found[word] = line.split()[-1]
    return found


def test_accounting_written_precisely_adds_up_as_shown(tmp_path: Path) -> None:
    """The per-capita income is written 379.995 (380.00 would not be below 380.00), so
    the counted income it is divided from must be 379.995 too: the table, the Markdown
    and the form printed "Counted monthly income 380.00 ÷ 1 = 379.995", arithmetic
    that is false as shown (the formula beside it already says 380.00 × 1 − 379.995)."""
    path = _near_standard(tmp_path)
    table = _run("check", path, "--lang", "en")
    got = _accounting_lines(
        table.stdout, "Gross monthly income", "Counted monthly income", "Per-capita monthly income"
    )
    assert got == {
        "Gross monthly income": "379.995",
        "Counted monthly income": "379.995",
        "Per-capita monthly income": "379.995",
    }, table.stdout
    markdown = _run("check", path, "--lang", "en", "--format", "markdown")
    got = _accounting_lines(
        markdown.stdout,
        "Gross monthly income",
        "Counted monthly income",
        "Per-capita monthly income",
    )
    assert set(got.values()) == {"379.995"}, got
    form = _run("check", path, "--lang", "zh", "--format", "html")
    assert form.exit_code == 0
    assert "380.00</td>" not in _rows_of(form.stdout, "计入家庭月收入")
    assert "379.995" in _rows_of(form.stdout, "计入家庭月收入")


def test_accounting_to_the_fen_when_the_fen_tells_the_truth(tmp_path: Path) -> None:
    """The worked example (900 − 330 counted, 570.00 / 3 = 190.00 per capita) keeps its
    figures to the fen: only a per-capita income the fen would misplace changes them."""
    example = Path(__file__).resolve().parent.parent / "examples" / "yizhang-widow-diabetes.json"
    table = _run("check", example, "--lang", "en")
    got = _accounting_lines(table.stdout, "Gross monthly income", "Counted monthly income")
    assert got == {"Gross monthly income": "941.67", "Counted monthly income": "570.00"}


def _rows_of(page: str, word: str) -> str:
    """The HTML of the table row that holds ``word``."""
    start = page.index(word)
    return page[page.rindex("<tr", 0, start) : page.index("</tr>", start)]


# -------------------------- defect 4: the schema's status description leaves out tekun


def _enums_with_descriptions(node: object) -> list[tuple[list[str], str]]:
    """Every (enum, description) pair of a JSON Schema, at any depth."""
    found: list[tuple[list[str], str]] = []
    if isinstance(node, dict):
        if "enum" in node and "description" in node:
            found.append(([str(v) for v in node["enum"]], str(node["description"])))
        for value in node.values():
            found += _enums_with_descriptions(value)
    elif isinstance(node, list):
        for value in node:
            found += _enums_with_descriptions(value)
    return found


def test_schema_status_descriptions_list_every_status() -> None:
    """The assessment's status description said "dibao, dibao_single, phase_out, edge,
    rigid_expenditure, not_eligible": tekun, a status the enum beside it holds, was
    missing. A description that lists an enum's codes lists all of them (zh and en)."""
    for name in ("assessment", "summary"):
        schema = json.loads(_run("schema", name).stdout)
        for enum, description in _enums_with_descriptions(schema):
            if "dibao_single" in description:
                missing = [code for code in enum if code not in description]
                assert not missing, (name, missing, description)


# ------------- defect 5: the printed form of a renewal does not say how the payment changes

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "yizhang-widow-diabetes.json"


def test_form_of_a_renewal_says_how_the_payment_changes_and_from_when(tmp_path: Path) -> None:
    """The worked example (570.00 a month: 380 × 3 − 570) given as a renewal of dibao at
    500.00 a month: the payment rises 500.00 → 570.00 from 2022-01, the month after the
    decision of 2021-12-01 (S2 Art. 21). The table, the Markdown and the JSON said so;
    the form, the page that is signed and filed, did not."""
    household = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    household["current"] = {"status": "dibao", "monthly_benefit": "500", "since": "2021-01-01"}
    path = tmp_path / "renewal.json"
    path.write_text(json.dumps(household, ensure_ascii=False), encoding="utf-8")
    zh = _run("check", path, "--format", "html", "--lang", "zh")
    assert zh.exit_code == 0, zh.output
    assert "增发：500.00 → 570.00" in zh.stdout
    assert "2022-01" in zh.stdout
    en = _run("check", path, "--format", "html", "--lang", "en")
    assert "500.00 → 570.00" in en.stdout
    assert "2022-01" in en.stdout
    plain = _run("check", EXAMPLE, "--format", "html", "--lang", "zh")
    assert "增发" not in plain.stdout  # not a renewal: no change shown


# ------------- defect 6: the compare report's "40 · 2026-11-30", a count and a date unlabelled


def test_compare_html_report_says_what_its_count_and_date_are(tmp_path: Path) -> None:
    """Under the title the HTML report printed "40 · 2026-11-30" (and "户数: 39" in
    the stamp below it): a number and a date with no word of what they are. They are
    the records read (39 compared and 1 error row here) and the day the report was
    made; the line says so, in the report's language."""
    caseload = Path(__file__).resolve().parent.parent / "examples" / "caseload"
    lines = (caseload / "yizhang-caseload.jsonl").read_text(encoding="utf-8").splitlines()
    roll = tmp_path / "roll.jsonl"
    roll.write_text("\n".join([*lines[:39], '{"id": "BAD"}']) + "\n", encoding="utf-8")
    for lang, words, made in (
        ("zh", "共 40 条记录", "报告生成于"),
        ("en", "40 records", "made on"),
    ):
        report = tmp_path / f"report-{lang}.html"
        result = _run(
            "compare", roll, "--set", "dibao.standard.rural=500/month",
            "--from", "2027-01-01", "--on", "2027-01-15", "--quiet", "--lang", lang,
            "--html", report,
        )  # fmt: skip
        assert result.exit_code == 3, result.output
        page = report.read_text(encoding="utf-8")
        line = page[page.index('<p class="muted">') : page.index("</p>", page.index("<h1>"))]
        assert words in line, line
        assert made in line, line


# ------------- defect 7: the payroll and the publication list lack part of point 7's stamp


def test_payroll_and_notice_carry_the_whole_stamp(tmp_path: Path) -> None:
    """Point 7: the rule set id, its digest, the assessment date and meanstest's version
    on every result. The payroll's head had the rules and the date but no version; the
    publication list had none of the four. The shipped example roll: 9 households of
    Yizhang (431022), assessed 2021-07-20 to 2021-12-01, under one rule set."""
    roll = Path(__file__).resolve().parent.parent / "examples" / "batch" / "caseroll-en.csv"
    one = _run("check", roll, "--id", "YZ-2021-0203", "--format", "json")
    digest = json.loads(one.stdout)["rules"]["digest"]  # the roll's one rule set
    assert digest.startswith("sha256:")
    for fmt in ("payroll", "notice"):
        for lang, version_word in (("en", "meanstest version"), ("zh", "程序版本")):
            out = tmp_path / f"{fmt}-{lang}.csv"
            result = _run("batch", roll, "--format", fmt, "--lang", lang, "-o", out, "--quiet")
            assert result.exit_code == 0, result.output
            head = out.read_text(encoding="utf-8-sig").split("\n\n")[0]
            head = head[: head.index("\n1,")]  # the lines above the first row of the table
            for word in ("431022", digest, "2021-07-20", "2021-12-01", version_word):
                assert word in head, (fmt, word, head)
            assert __version__ in head


# ---------- defect 8: the refusal writes 1066.66… (a string comparison of the figures)


def test_refusal_writes_a_per_capita_income_to_the_fen_when_the_fen_is_true() -> None:
    """The migrant worker of the examples: 3200.00 counted a month for 3 persons is
    1066.666… per person, far above the standard of 380.00. The reasons said 1066.67,
    the figures line below them "1066.66… 元": the fen figures were compared as text
    ("1066.67" < "380.00"), which put 1066.67 on the wrong side of 380.00 and wrote it
    cut with an ellipsis. Only a per-capita income the fen would misplace is written
    precisely (379.995 beside 380.00, tests/test_review15.py)."""
    example = Path(__file__).resolve().parent.parent / "examples"
    result = _run(
        "check", example / "yizhang-migrant-worker-not-eligible.json", "--format", "refusal"
    )
    assert result.exit_code == 0, result.output
    assert "家庭人均月收入 1066.67 元" in result.stdout
    assert "1066.66…" not in result.stdout


# ------ defect 9: the payroll flags an unchanged renewal as a change to pay later


def test_payroll_does_not_flag_an_unchanged_renewal_as_a_later_change(tmp_path: Path) -> None:
    """The worked example (570.00 a month) renewed twice on 2021-12-01: U was paid
    570.00 (unchanged), M 500.00 (more: 500.00 → 570.00 from 2022-01). On the roll of
    2021-12 only M needs the note "applies from 2022-01; until then 500.00"; U's note
    said the same of an amount that does not change ("until then 570.00"), and the
    summary counted it among the households to pay at their old amount: 1, not 2."""
    household = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    rows = []
    for hid, paid in (("U", "570"), ("M", "500")):
        rows.append(
            {
                **household,
                "id": hid,
                "current": {"status": "dibao", "monthly_benefit": paid, "since": "2021-01-01"},
            }
        )
    roll = tmp_path / "roll.jsonl"
    roll.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    out = tmp_path / "roll.csv"
    result = _run("batch", roll, "--format", "payroll", "--lang", "en", "-o", out)
    assert result.exit_code == 0, result.output
    table = [row for row in out.read_text("utf-8-sig").splitlines() if row.count(",") > 3]
    lines = {row.split(",")[3]: row for row in table}
    assert lines["U"].endswith(",unchanged,2022-01,"), lines["U"]  # no note
    assert "until then 500.00" in lines["M"]
    assert "1 household's changes apply only after 2021-12" in result.stderr


# ------------------- defect 10: `check ROLL --id` says "reading it as GBK" in English


def test_check_on_a_gbk_roll_notes_it_in_the_language_asked() -> None:
    """`check caseroll-gbk.csv --id YZ-2021-0203 --lang zh` wrote its note "note: the
    input is not UTF-8; reading it as GBK" in English (batch wrote it in Chinese): the
    roll was opened without the language. Its household is the single-person enrolment
    of the example roll, 380.00 a month."""
    roll = Path(__file__).resolve().parent.parent / "examples" / "batch" / "caseroll-gbk.csv"
    result = _run("check", roll, "--id", "YZ-2021-0203", "--lang", "zh", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "按 GBK 读取" in result.stderr
    assert "reading it as GBK" not in result.stderr
    assert json.loads(result.stdout)["support_monthly"] == "380.00"
