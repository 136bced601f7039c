"""Templates to start from: a household JSON file, and a case roll (台账) as CSV or .xlsx.

`meanstest template household` prints a filled, valid household; `meanstest template
roll` writes the case-roll layout (`files.roll`, docs/batch.md) with headers in Chinese
or English and that same household as its example rows, so that a county starts from a
file meanstest reads. The workbook adds what a spreadsheet user expects:

- drop-down lists (data validation) for the enumerated cells: area, relation, member
  status, disability, serious illness (yes/no), education, employment, current status;
- amounts checked as numbers not below zero, dates shown as dates, ID numbers and
  household ids kept as text (a number cell keeps only 15 digits);
- four spare columns whose header cell is a drop-down of every other income, expense
  (per month or per year) and property column of the layout, to add what a household
  needs;
- a sheet of notes (说明), after the roll: `batch` reads only the first sheet.

The example household is the worked example of the README (a widow with diabetes and
two children at school, Yizhang 2021: benefit 570.00 a month) under other names, with
ID numbers whose check digits are right; `batch` reads the template back into it.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..model import vocabulary
from . import roll_columns as V
from .outputs import FIXED_TIME, _Reproducible
from .roll import roll_header, roll_rows

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

EXAMPLE_HOUSEHOLD: dict[str, Any] = {
    "id": "EXAMPLE-0001",
    "region": "431022",
    "area": "rural",
    "assessed_on": "2021-12-01",
    "members": [
        {
            "id": "p1",
            "name": "张丽",
            "relation": "applicant",
            "birth_date": "1985-03-02",
            "id_number": "431022198503020042",
            "serious_illness": True,
            "employment": "employed",
        },
        {
            "id": "p2",
            "name": "张小明",
            "relation": "child",
            "birth_date": "2009-06-11",
            "id_number": "431022200906110034",
            "education": "junior_secondary",
        },
        {
            "id": "p3",
            "name": "张小红",
            "relation": "child",
            "birth_date": "2013-09-01",
            "id_number": "431022201309010056",
            "education": "primary",
        },
    ],
    "incomes": [
        {"member": "p1", "type": "casual_labour", "amount": "900", "per": "month"},
        {"member": "p2", "type": "scholarship", "amount": "500", "per": "year"},
    ],
    "expenses": [
        {"member": "p1", "type": "medical", "amount": "3960", "per": "year"},
    ],
    "assets": [
        {"type": "deposit", "value": "3000"},
    ],
}

_Key = tuple[str, str, str, str | None, bool]


def _field(scope: str, name: str) -> _Key:
    return (scope, "field", name, None, False)


# The template's columns, in the order a caseworker fills them.
TEMPLATE_KEYS: tuple[_Key, ...] = (
    *(
        _field("household", n)
        for n in ("household_id", "region", "area", "assessed_on", "township", "village")
    ),
    *(
        _field("member", n)
        for n in (
            "member_id",
            "name",
            "relation",
            "birth_date",
            "age",
            "id_number",
            "disability_category",
            "disability_grade",
            "serious_illness",
            "education",
            "employment",
            "status",
            "self_care_failed",
        )
    ),
    ("member", "income", "wage", "month", False),
    ("member", "income", "casual_labour", "month", False),
    ("member", "income", "pension", "month", False),
    ("member", "income", "scholarship", "year", False),
    ("household", "income", "farming", "year", False),
    ("member", "expense", "medical", "year", False),
    ("member", "expense", "education", "year", False),
    ("household", "asset", "deposit", None, False),
    ("household", "asset", "housing", None, False),
    _field("household", "housing_acquired_on"),  # when the houses were bought or decorated
    ("household", "vehicle", "car", None, False),
    *(
        _field("household", n)
        for n in ("current_status", "current_monthly_benefit", "current_since")
    ),
)
SPARE_COLUMNS = 4
_LAST_ROW = 1000  # drop-downs and formats reach this far down

# Enumerated fields with a drop-down list, and the contract values it offers (in order).
_CHOICES: dict[str, tuple[str, ...]] = {
    "area": tuple(sorted(vocabulary.codes(vocabulary.Area))),  # rural first
    "relation": vocabulary.codes(vocabulary.Relation),
    "status": vocabulary.codes(vocabulary.MemberStatus),
    "disability_category": vocabulary.codes(vocabulary.DisabilityCategory),
    "disability_grade": ("1", "2", "3", "4"),
    "serious_illness": ("true", "false"),
    "education": vocabulary.codes(vocabulary.Education),
    "employment": vocabulary.codes(vocabulary.Employment),
    "current_status": vocabulary.codes(vocabulary.CurrentStatus),
}
# The Chinese word a roll writes for each value: the first the reader lists for it.
_ZH: dict[str, dict[str, str]] = {
    field: {en: zh for zh, en in reversed(words.items())} for field, words in V.VALUES.items()
}
_YES_NO = {"zh": {"true": "是", "false": "否"}, "en": {"true": "yes", "false": "no"}}
_MONEY_KINDS = frozenset({"income", "expense", "vehicle"})
_NOTES: dict[str, tuple[str, ...]] = {
    "zh": (
        "填写说明",
        "每位家庭成员一行；同一户的各行户编号相同（或只在第一行填写户编号，其余行留空）。",
        "户级列（户编号、行政区划代码、城乡类别、核算日期、家庭收入、财产、现救助情况）只需填在该户第一行。",
        "出生日期与年龄二选一；日期写作 2021-12-01。",
        "身份证号按文本填写（本表已设为文本格式），末位小写 x 按 X 读取。",
        "住房购建或装修日期：该户住房最近一次购买、新建或装修的日期，须同时填写住房套数；"
        "规则设有近期购建或装修住房不予纳入的，据此核查，未填写的提示核实。",
        "金额以元为单位，写数字，如 900 或 12.50；不要写千位分隔符或“元”。",
        "收入、支出列名中的（月）（年）表示该金额为每月或每年的数额；空白表示没有。",
        "需要其他收入、支出或财产项目时，在最右侧空白列的表头下拉选择列名。",
        "第二行起为示例家庭，核算结果为每月 570.00 元（宜章县 2021 年农村标准）；"
        "使用前删除或改写。",
        "核算：meanstest batch 台账.xlsx -o 核算结果.xlsx --lang zh；"
        "查一户：meanstest check 台账.xlsx --id 户编号",
    ),
    "en": (
        "How to fill in the roll",
        "One row per member; the rows of a household share its id (or give the id on the "
        "first row only and leave it blank below).",
        "Household columns (id, region, area, assessment date, household income, property, "
        "current assistance) need only the household's first row.",
        "Give a birth date or an age; write dates as 2021-12-01.",
        "ID numbers are text (the column is formatted as text); a lower-case x is read as X.",
        "Housing date: when the household's housing was last bought, built or decorated; "
        "give the number of houses with it. Rules that refuse housing acquired recently "
        "check it, and ask for it to be checked when it is blank.",
        "Amounts are yuan, as digits: 900 or 12.50, no thousands separators or units.",
        "Income and expense columns say whether the amount is per month or per year; a "
        "blank cell means none.",
        "For another income, expense or property item, pick its column in the header of "
        "one of the blank columns on the right.",
        "The rows below the header are an example household (570.00 a month, Yizhang 2021 "
        "rural standard); delete or overwrite them.",
        "Assess: meanstest batch roll.xlsx -o results.xlsx; one household: meanstest check "
        "roll.xlsx --id ID",
    ),
}


def household_template() -> dict[str, Any]:
    """The example household (a new copy: the caller may change it)."""
    import copy  # noqa: PLC0415

    return copy.deepcopy(EXAMPLE_HOUSEHOLD)


def template_columns() -> list[V.Column]:
    """The template's columns (positions as written)."""
    return [V.Column(i, "", *key) for i, key in enumerate(TEMPLATE_KEYS)]


def _header(column: V.Column, lang: str) -> str:
    return V.chinese_header(column) if lang == "zh" else V.english_header(column)


def write_csv(stream: IO[bytes], lang: str) -> None:
    """Write the roll template as CSV (UTF-8 with a BOM, which Excel needs for Chinese)."""
    columns = template_columns()
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(roll_header(columns, lang))
    writer.writerows(_example_rows(columns, lang))
    stream.write(("\ufeff" + text.getvalue()).encode("utf-8"))


def _example_rows(columns: Sequence[V.Column], lang: str) -> list[list[str]]:
    """The example household's rows, yes and no in the roll's words."""
    rows = roll_rows(EXAMPLE_HOUSEHOLD, columns, lang, repeat=False)
    for row in rows:
        for i, column in enumerate(columns):
            if column.name == "serious_illness" and row[i] in ("true", "false"):
                row[i] = _word("serious_illness", row[i], lang)
    return rows


def write_xlsx(path: Path, lang: str) -> None:
    """Write the roll template as a workbook: the roll, its drop-downs, then the notes."""
    from openpyxl import Workbook  # noqa: PLC0415 - only for Excel output
    from openpyxl.writer.excel import ExcelWriter  # noqa: PLC0415

    columns = template_columns()
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook has its sheet
    sheet.title = "台账" if lang == "zh" else "roll"
    _roll_sheet(sheet, columns, lang)
    lists = book.create_sheet("选项" if lang == "zh" else "lists")
    _validations(sheet, lists, columns, lang)
    lists.sheet_state = "hidden"
    notes = book.create_sheet("说明" if lang == "zh" else "notes")
    for line in _NOTES["zh" if lang == "zh" else "en"]:
        notes.append([line])
    notes.column_dimensions["A"].width = 110
    book.properties.created = book.properties.modified = FIXED_TIME
    archive = _Reproducible(path, "w", zipfile.ZIP_DEFLATED)
    try:
        ExcelWriter(book, archive).save()
    except BaseException:
        with contextlib.suppress(Exception):
            archive.close()
        raise


def _roll_sheet(sheet: Worksheet, columns: Sequence[V.Column], lang: str) -> None:
    """The header, the example rows (typed cells), widths and formats."""
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    header = [*roll_header(columns, lang), *([None] * SPARE_COLUMNS)]
    sheet.append(header)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E8E8E8")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in _example_rows(columns, lang):
        sheet.append([_typed(c, value) for c, value in zip(columns, row, strict=True)])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        width = max(len(_header(column, lang)) * (2.1 if lang == "zh" else 1.1), 8)
        sheet.column_dimensions[letter].width = min(max(width, 10), 30)
        fmt = _number_format(column)
        if fmt is not None:
            # The column's style (for what is typed later) and the example's cells; no
            # empty cells are made, which `batch` would count as blank rows.
            sheet.column_dimensions[letter].number_format = fmt
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = fmt
    for index in range(len(columns) + 1, len(columns) + SPARE_COLUMNS + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "B2"


def _number_format(column: V.Column) -> str | None:
    if column.kind == "field" and column.name in (
        "household_id",
        "id_number",
        "member_id",
        "region",
    ):
        return "@"  # text: long digit strings keep every digit
    if column.kind == "field" and column.name in V.DATE_FIELDS:
        return "yyyy-mm-dd"
    if (
        column.kind in _MONEY_KINDS
        or column.name in V.MONEY_FIELDS
        or (column.kind == "asset" and column.name != "housing")
    ):
        return "0.00"
    return None


def _typed(column: V.Column, value: str) -> object:
    """A cell as a spreadsheet holds it: dates as dates, amounts as numbers, else text."""
    if value == "":
        return None
    if column.kind == "field" and column.name in V.DATE_FIELDS:
        return dt.date.fromisoformat(value)
    if _number_format(column) == "0.00" or (column.kind == "asset" and column.name == "housing"):
        return Decimal(value)
    return value


def _validations(
    sheet: Worksheet, lists: Worksheet, columns: Sequence[V.Column], lang: str
) -> None:
    """Drop-down lists for the enumerated columns, number checks for the amounts, and a
    drop-down of the layout's other columns in the spare header cells."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    zh = lang == "zh"
    source = _Lists(lists)
    for index, column in enumerate(columns, start=1):
        where = f"{get_column_letter(index)}2:{get_column_letter(index)}{_LAST_ROW}"
        if column.kind == "field" and column.name in _CHOICES:
            words = [_word(column.name, v, lang) for v in _CHOICES[column.name]]
            check = DataValidation(
                type="list",
                formula1=source.add(words),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="选项" if zh else "Choice",
                error="请从下拉列表中选择" if zh else "Choose from the list",
            )
        elif column.kind == "asset" and column.name == "housing":
            check = DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
                error="住房套数为整数" if zh else "A whole number of houses",
            )
        elif _number_format(column) == "0.00":
            check = DataValidation(
                type="decimal",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
                error="金额为不小于 0 的数字（元）" if zh else "An amount in yuan, 0 or more",
            )
        else:
            continue
        sheet.add_data_validation(check)
        check.add(where)
    used = {c.key for c in columns}
    others = [
        V.chinese_header(c) if zh else V.english_header(c)
        for c in _layout_columns()
        if c.key not in used
    ]
    first = get_column_letter(len(columns) + 1)
    last = get_column_letter(len(columns) + SPARE_COLUMNS)
    spare = DataValidation(
        type="list",
        formula1=source.add(others),
        allow_blank=True,
        showInputMessage=True,
        promptTitle="增加一列" if zh else "Add a column",
        prompt="选择要增加的收入、支出或财产列"
        if zh
        else "Pick an income, expense or property column to add",
    )
    sheet.add_data_validation(spare)
    spare.add(f"{first}1:{last}1")


def _word(field: str, value: str, lang: str) -> str:
    if field == "serious_illness":
        return _YES_NO["zh" if lang == "zh" else "en"][value]
    if lang == "zh":
        if field == "disability_grade":
            return _ZH[field].get(value, value)
        return _ZH.get(field, {}).get(value, value)
    return value


class _Lists:
    """The hidden sheet the drop-downs take their words from, a column per list (no
    255-character limit of an inline list, no quoting of commas)."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.columns = 0

    def add(self, words: Sequence[str]) -> str:
        """Write a list in the next column; return the formula of its cells."""
        from openpyxl.utils import get_column_letter, quote_sheetname  # noqa: PLC0415

        self.columns += 1
        for row, word in enumerate(words, start=1):
            self.sheet.cell(row=row, column=self.columns, value=word)
        letter = get_column_letter(self.columns)
        return f"{quote_sheetname(self.sheet.title)}!${letter}$1:${letter}${len(words)}"


def _layout_columns() -> list[V.Column]:
    """Every typed column of the layout: incomes and expenses by period, member and
    household, then property."""
    out: list[V.Column] = []
    for kind, types in (("income", V.INCOME_TYPES), ("expense", V.EXPENSE_TYPES)):
        for scope in ("member", "household"):
            for name in types:
                for per in V.PERIODS:
                    out.append(V.Column(0, "", scope, kind, name, per))
    for name in V.ASSET_TYPES:
        out.append(V.Column(0, "", "household", "asset", name, None))
        if name != "housing":
            out.append(V.Column(0, "", "household", "asset", name, None, True))
    for name in V.VEHICLE_KINDS:
        out.append(V.Column(0, "", "household", "vehicle", name, None))
        out.append(V.Column(0, "", "household", "vehicle", name, None, True))
    return out
