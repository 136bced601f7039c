"""A hostile review of personal data in every output meant to be shared or logged.

The house rule: names and resident ID numbers are masked in anything meant to be shared
or logged, unless ``--show-personal-data``. The household below carries every kind of
personal data the contract lets it hold: names (Han, one character, a minority name with
·, a name in Latin letters), ID numbers (one with the check character X), and the free
text of a supporter's reason holding a phone number and another ID number.

The ID numbers were made by hand from GB 11643's weights (7 9 10 5 8 4 2 1 6 3 7 9 10 5
8 4 2) and check characters (1 0 X 9 8 7 6 5 4 3 2 by the sum mod 11):
43102219850302123 → sum mod 11 = 2 → X, so 43102219850302123X is valid. The masks:
邓利兰 → 邓** (the family name and a star a character); 43102219850302123X →
431022 + 8 stars + 123X.
"""

from __future__ import annotations

import copy
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result
from pydantic import ValidationError

import meanstest
from meanstest.cli import cli
from meanstest.errors import HouseholdInvalid
from meanstest.render.privacy import mask_name

NAME = "邓利兰"
ID_X = "43102219850302123X"  # valid (see the module's docstring)
ID_2 = "431022197001010034"  # all pass the checksum: test_review17_id_numbers_used_here_…
ID_3 = "431022200906110018"
ID_4 = "431022195501010023"
PHONE = "13812345678"
REASON_ID = "431022196001010048"
# What must never appear, masked or not, in a shared output: the full strings, and the
# birth dates the masks hide (the eight middle digits).
SECRETS = (
    NAME,
    "利兰",
    "阿依古丽",
    "买买提",
    "Mary",
    "Smith",
    ID_X,
    "19850302",
    "19700101",
    "20090611",
    "19550101",
    PHONE,
    REASON_ID,
    "邓小明",
)

HOUSEHOLD: dict[str, Any] = {
    "id": "YZ-PRIV-1",
    "region": "431022",
    "area": "rural",
    "assessed_on": "2021-12-01",
    "township": "城关镇",
    "village": "东门村",
    "members": [
        {
            "id": "p1",
            "name": NAME,
            "relation": "applicant",
            "birth_date": "1985-03-02",
            "id_number": ID_X,
            "serious_illness": True,
            "employment": "employed",
        },
        {"id": "p2", "name": "王", "relation": "spouse", "birth_date": "1970-01-01",
         "id_number": ID_2},
        {"id": "p3", "name": "阿依古丽·买买提", "relation": "child", "birth_date": "2009-06-11",
         "id_number": ID_3, "education": "junior_secondary"},
        {"id": "p4", "name": "Mary Smith", "relation": "parent", "birth_date": "1955-01-01",
         "id_number": ID_4,
         "supporters": [{"relation": "child", "able_to_support": False,
                         "reason": f"儿子邓小明 身份证{REASON_ID} 电话{PHONE}"}]},
    ],
    "incomes": [{"member": "p1", "type": "wage", "amount": "1200", "per": "month"}],
    "expenses": [{"member": "p1", "type": "medical", "amount": "3960", "per": "year"}],
    "assets": [{"type": "deposit", "value": "3000"}],
}  # fmt: skip


def _household(**changes: Any) -> dict[str, Any]:
    h = copy.deepcopy(HOUSEHOLD)
    h.update(changes)
    return h


def _wage(member: str) -> dict[str, str]:
    return {"member": member, "type": "wage", "amount": "1", "per": "month"}


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def _invoke(*args: object, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(
        cli, [str(a) for a in args], input=stdin, env={"LANG": None, "LC_ALL": None}
    )


def _roll(tmp_path: Path, *households: dict[str, Any]) -> Path:
    path = tmp_path / "roll.jsonl"
    path.write_text(
        "".join(json.dumps(h, ensure_ascii=False) + "\n" for h in households), encoding="utf-8"
    )
    return path


def _xlsx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def test_review17_id_numbers_used_here_are_valid() -> None:
    """The fixture's ID numbers pass the checksum, so the household is assessed."""
    result = _invoke("check", "-", "--format", "json", stdin=json.dumps(HOUSEHOLD).encode())
    assert result.exit_code == 0, result.stderr


# --- What is masked already: a sweep of every output, kept as a guard --------------------


@pytest.mark.parametrize("fmt", ["json", "markdown", "html", "refusal"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("wage", ["1200", "9000"])
def test_review17_check_shared_formats_show_no_personal_data(
    fmt: str, lang: str, wage: str
) -> None:
    """check's shared formats (JSON, Markdown, the form, the refusal) hold none of the
    names, ID numbers, birth dates an ID hides, nor the supporter's free text; a wage of
    9,000 a month is far above the standard, so that the refusal is written."""
    household = _household(incomes=[{"member": "p1", "type": "wage", "amount": wage,
                                     "per": "month"}])  # fmt: skip
    result = _invoke(
        "check", "-", "--format", fmt, "--lang", lang, "--trace",
        stdin=json.dumps(household).encode(),
    )  # fmt: skip
    assert result.exit_code in (0, 2), result.stderr
    assert _leaks(result.stdout + result.stderr) == []


def test_review17_check_json_masks_every_kind_of_name() -> None:
    """Han 邓利兰 → 邓**; 阿依古丽·买买提 (8 characters with the ·) → 阿 and 7 stars;
    Mary Smith (10 characters with the space) → M and 9 stars; IDs keep 6 + 4."""
    result = _invoke("check", "-", "--format", "json", stdin=json.dumps(HOUSEHOLD).encode())
    members = json.loads(result.stdout)["members"]
    assert [(m["name"], m["id_number"]) for m in members] == [
        ("邓**", "431022********123X"),
        ("*", "431022********0034"),
        ("阿*******", "431022********0018"),
        ("M*********", "431022********0023"),
    ]


@pytest.mark.parametrize(
    ("fmt", "suffix", "detail"),
    [("jsonl", "jsonl", "summary"), ("jsonl", "jsonl", "full"), ("csv", "csv", "summary"),
     ("xlsx", "xlsx", "summary"), ("parquet", "parquet", "summary"),
     ("payroll", "xlsx", ""), ("notice", "xlsx", ""), ("payroll", "csv", ""),
     ("notice", "csv", "")],
)  # fmt: skip
def test_review17_batch_outputs_show_no_personal_data(
    tmp_path: Path, fmt: str, suffix: str, detail: str
) -> None:
    """Every batch output, the run report and stderr hold no name or ID number, for a
    household assessed and for error records that quote a member reference holding a
    name or an ID number (fixed here)."""
    by_name = _household(id="E1", incomes=[_wage(NAME)])
    by_id = _household(id="E2", incomes=[_wage(ID_X)])
    roll = _roll(tmp_path, HOUSEHOLD, by_name, by_id)
    out = tmp_path / f"out.{suffix}"
    report = tmp_path / "run.json"
    args = ["batch", roll, "-o", out, "--format", fmt, "--report", report, "--lang", "en"]
    if detail:
        args += ["--detail", detail]
    result = _invoke(*args)
    assert result.exit_code == 3, result.stderr
    if suffix == "xlsx":
        text = _xlsx_text(out)
    elif suffix == "parquet":
        text = json.dumps(pq.read_table(out).to_pylist(), ensure_ascii=False, default=str)
    else:
        text = out.read_text(encoding="utf-8-sig")
    assert _leaks(text + report.read_text(encoding="utf-8") + result.stderr) == []


def test_review17_compare_outputs_show_no_personal_data(tmp_path: Path) -> None:
    """compare's summary (table, JSON, CSV), changes file and HTML report hold no name
    or ID number, including the error row of a reference that holds a name."""
    by_name = _household(id="E1", incomes=[_wage(NAME)])
    roll = _roll(tmp_path, HOUSEHOLD, by_name)
    seen = ""
    for fmt in ("table", "json", "csv"):
        for changes in ("changes.csv", "changes.jsonl"):
            result = _invoke(
                "compare", roll, "--set", "dibao.standard.rural=500/month", "--format", fmt,
                "--changes", tmp_path / changes, "--html", tmp_path / "report.html",
                "--lang", "en",
            )  # fmt: skip
            assert result.exit_code == 3, result.stderr
            seen += result.stdout + result.stderr
            seen += (tmp_path / changes).read_text(encoding="utf-8-sig")
            seen += (tmp_path / "report.html").read_text(encoding="utf-8")
    assert _leaks(seen) == []


# --- Defects found by the review ---------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "reference", "masked"),
    [
        ("incomes", NAME, "邓**"),
        ("incomes", ID_X, "431022********123X"),
        ("parents", NAME, "邓**"),
    ],
)
def test_review17_error_quoting_a_member_reference_masks_a_name_or_id(
    tmp_path: Path, where: str, reference: str, masked: str
) -> None:
    """A member reference written as the member's name or ID number (a caseworker's
    slip) is quoted masked in the batch error record, its params, check's message and
    the library's exception: before, `no member has id '邓利兰'` went into logs."""
    if where == "incomes":
        household = _household(incomes=[_wage(reference)])
    else:
        household = _household()
        household["members"][2]["parents"] = [{"member": reference}]
    result = _invoke("batch", _roll(tmp_path, household), "--lang", "en")
    assert result.exit_code == 3, result.stderr
    (error,) = json.loads(result.stdout)["errors"]
    assert masked in error["msg"]
    assert error["params"]["id"] == masked
    assert reference not in result.stdout
    for lang in ("en", "zh"):
        check = _invoke("check", "-", "--lang", lang, stdin=json.dumps(household).encode())
        assert check.exit_code == 1
        assert masked in check.stderr
        assert reference not in check.stderr
    with pytest.raises(HouseholdInvalid) as caught:
        meanstest.parse_household(household)
    assert reference not in str(caught.value)
    assert masked in str(caught.value)


def test_review17_member_reference_that_is_no_personal_data_is_quoted_whole(
    tmp_path: Path,
) -> None:
    """A reference that is no member's name or ID number (p9) is quoted as written: it
    is an id, and the message must help find it."""
    household = _household(incomes=[_wage("p9")])
    result = _invoke("batch", _roll(tmp_path, household), "--lang", "en")
    (error,) = json.loads(result.stdout)["errors"]
    assert error["msg"] == "no member has id 'p9'"
    assert error["params"] == {"id": "p9"}


def test_review17_member_id_used_twice_that_is_a_name_is_masked(tmp_path: Path) -> None:
    """Two members given the id 邓利兰 (p1's name): the message says 邓** twice-used."""
    household = _household()
    household["members"][0]["id"] = NAME
    household["members"][1]["id"] = NAME
    household["incomes"] = []
    household["expenses"] = []
    result = _invoke("batch", _roll(tmp_path, household), "--lang", "en")
    (error,) = json.loads(result.stdout)["errors"]
    assert error["msg"] == "'邓**' is used by two members"
    assert NAME not in result.stdout


def test_review17_xlsx_id_number_in_a_date_column_is_not_echoed(tmp_path: Path) -> None:
    """An ID number stored as a number in the birth-date column (columns shifted) was
    echoed in the error (`the cell holds the number 43102219850302120`): fifteen of its
    digits and the birth date. A number that long is no date serial: it is quoted
    masked, region and last four kept, as an ID number."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["household_id", "region", "area", "assessed_on", "member_id", "name",
                  "relation", "birth_date"])  # fmt: skip
    sheet.append(["X1", "431022", "rural", "2021-10-15", "p1", NAME, "applicant",
                  431022198503021234])  # fmt: skip
    sheet.append(["X2", "431022", "rural", "2021-10-15", "p1", NAME, "applicant", 44300])
    path = tmp_path / "roll.xlsx"
    book.save(path)
    result = _invoke("batch", path, "--lang", "en")
    assert result.exit_code == 3, result.stderr
    shifted, serial = (json.loads(line) for line in result.stdout.splitlines())
    (problem,) = shifted["errors"]
    assert problem["code"] == "cell_number_not_date"
    assert "19850302" not in json.dumps(problem)
    assert problem["params"]["number"].startswith("431022*")
    # A date serial (44300, a short number) is still quoted: it helps, and it is no ID.
    assert serial["errors"][0]["params"]["number"] == "44300"


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("４３１０２２１９８５０３０２１２３Ｘ", ID_X),  # full-width digits and Ｘ
        ("４３１０２２１９８５０３０２１２３X", ID_X),
        ("４３１０２２１９８５０３０２１２３ｘ", ID_X),
    ],
)
def test_review17_full_width_id_number_is_read_as_ascii(given: str, kept: str) -> None:
    """A full-width ID number (typed with a Chinese input method) is the same ID: it is
    read as ASCII, so every output writes and masks one form (431022********123X)."""
    household = _household()
    household["members"][0]["id_number"] = given
    parsed = meanstest.parse_household(household)
    assert parsed.members[0].id_number == kept
    result = _invoke("check", "-", "--format", "json", stdin=json.dumps(household).encode())
    assert json.loads(result.stdout)["members"][0]["id_number"] == "431022********123X"


@pytest.mark.parametrize(
    "given",
    [
        "4310221985030212²X",  # a superscript two: str.isdigit() says digit, int() refuses
        "٤٣١٠٢٢١٩٨٥٠٣٠٢١٢٣X",  # Arabic-Indic digits
    ],
)
def test_review17_other_digits_in_an_id_number_are_a_shape_error(given: str) -> None:
    """Digits of other scripts are refused as id_number_shape, with our sentence: before,
    a superscript gave Python's `invalid literal for int() with base 10`, at members.0."""
    household = _household()
    household["members"][0]["id_number"] = given
    with pytest.raises(HouseholdInvalid) as caught:
        meanstest.parse_household(household)
    (problem,) = caught.value.problems
    assert (problem.loc, problem.code) == ("members.0.id_number", "id_number_shape")


@pytest.mark.parametrize(("name", "masked"), [("王", "*"), ("李四", "李*"), ("邓利兰", "邓**")])
def test_review17_one_character_name_is_masked_whole(name: str, masked: str) -> None:
    """A one-character name masked as 王* showed it whole (the star only hid nothing);
    it becomes a single star. Longer names keep the family name."""
    assert mask_name(name) == masked


def test_review17_repr_of_results_and_households_hides_personal_data(tmp_path: Path) -> None:
    """repr() is what logs and tracebacks show: an Assessment's members and a parsed
    household give no name, ID number or supporter's text; the values are still there."""
    path = tmp_path / "household.json"
    path.write_text(json.dumps(HOUSEHOLD), encoding="utf-8")
    result = meanstest.assess_file(path)
    assert _leaks(repr(result)) == []
    assert result.members[0].name == NAME
    assert result.members[0].id_number == ID_X
    household = meanstest.parse_household(HOUSEHOLD)
    assert _leaks(repr(household)) == []
    assert household.members[0].name == NAME


def test_review17_pydantic_error_of_the_public_model_does_not_quote_the_input() -> None:
    """`meanstest.Household.model_validate` raises pydantic's ValidationError, whose text
    quoted the input (`input_value=['邓利兰', '431022…']`): it no longer does."""
    household = _household()
    household["members"][0]["name"] = [NAME, ID_X]
    with pytest.raises(ValidationError) as caught:
        meanstest.Household.model_validate(household)
    assert _leaks(str(caught.value)) == []


def test_review17_assess_table_shows_no_personal_data() -> None:
    """The streaming function's table (docs/batch.md) holds no name or ID number, also
    for an error row quoting a reference written as a name."""
    by_name = _household(id="E1", incomes=[_wage(NAME)])
    table = pa.table({"h": [json.dumps(HOUSEHOLD), json.dumps(by_name)]})
    out = meanstest.assess_table(table)
    assert _leaks(json.dumps(out.to_pylist(), ensure_ascii=False, default=str)) == []


def _named_by_personal_data() -> dict[str, Any]:
    """p1's id is her name, p2's id his ID number (a caseworker's shortcut)."""
    household = _household()
    household["members"][0]["id"] = NAME
    household["members"][1]["id"] = ID_2
    household["incomes"] = [_wage(NAME), {**_wage(ID_2), "amount": "100"}]
    household["expenses"] = [{"member": NAME, "type": "medical", "amount": "3960", "per": "year"}]
    return household


@pytest.mark.parametrize("fmt", ["json", "markdown", "html", "refusal"])
def test_review17_member_id_that_is_a_name_or_id_number_is_masked(fmt: str) -> None:
    """A member id that is a member's name or ID number was written whole beside the
    masked name (`"id": "邓利兰", "name": "邓**"`) and in the trace's inputs: it is
    masked as what it is, everywhere the record names the member (邓**,
    431022********0034); --show-personal-data writes it as given."""
    household = _named_by_personal_data()
    if fmt == "refusal":  # 9,000 a month: far above the standard, refused
        household["incomes"][0]["amount"] = "9000"
    stdin = json.dumps(household).encode()
    masked = _invoke("check", "-", "--format", fmt, "--trace", "--lang", "en", stdin=stdin)
    assert masked.exit_code == 0, masked.stderr
    assert _leaks(masked.stdout) == []
    assert ID_2 not in masked.stdout
    if fmt == "json":
        record = json.loads(masked.stdout)
        assert [m["id"] for m in record["members"]][:2] == ["邓**", "431022********0034"]
    shown = _invoke(
        "check", "-", "--format", fmt, "--show-personal-data", "--lang", "en", stdin=stdin
    )
    assert NAME in shown.stdout


def test_review17_batch_full_record_masks_a_member_id_that_is_a_name(tmp_path: Path) -> None:
    """The same in batch's full records (and so in the paperwork made from them); the
    household id is left as given: it is the key a pipeline joins results on."""
    household = _named_by_personal_data()
    result = _invoke("batch", _roll(tmp_path, household), "--detail", "full", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert _leaks(result.stdout) == []
    assert ID_2 not in result.stdout
    assert json.loads(result.stdout)["household_id"] == "YZ-PRIV-1"
