"""The roll template's notes sheet says how to fill in the housing date column (try18).

`template roll` gained the column 住房购建或装修日期 / housing_acquired_on in stop 18,
but its notes, the only help a caseworker filling in the workbook sees, said nothing of
it: not that it needs the number of houses beside it (a date alone is an error at its
cell), nor that a blank one is only asked to be checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from meanstest.cli import Environment, cli


@pytest.mark.parametrize(
    ("lang", "sheet", "column", "says"),
    [
        ("zh", "说明", "住房购建或装修日期", ("住房购建或装修日期", "须同时填写住房套数")),
        ("en", "notes", "housing_acquired_on", ("Housing date", "number of houses")),
    ],
)
def test_the_notes_explain_the_housing_date_column(
    tmp_path: Path, lang: str, sheet: str, column: str, says: tuple[str, ...]
) -> None:
    out = tmp_path / "roll.xlsx"
    result = CliRunner().invoke(
        cli, ["template", "roll", "--lang", lang, "-o", str(out)], obj=Environment(lang=lang)
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    header = [c.value for c in book.worksheets[0][1]]
    assert column in header
    notes = " ".join(str(row[0]) for row in book[sheet].iter_rows(values_only=True))
    for words in says:
        assert words in notes
