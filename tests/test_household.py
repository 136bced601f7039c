"""Tests of the household input boundary: decode_json, parse_household and the checks
the engine makes against the rules (meanstest.household/1).

Every broken household is a named file in tests/fixtures/households/, each a copy of
valid-yizhang.json (Yizhang, rural, assessed 2021-12-01, one applicant) with one thing
wrong, so a failure points at one behaviour.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meanstest.engine import assess
from meanstest.errors import HouseholdInvalid, MeansTestError, Problem
from meanstest.files.json import decode_json
from meanstest.model.fields import id_number_birth_date, id_number_problem
from meanstest.model.household import Household, Member, parse_household
from meanstest.money import fmt
from meanstest.ruleset.load import load_rules

FIXTURES = Path(__file__).parent / "fixtures" / "households"
ASSESSED_ON = dt.date(2021, 12, 1)


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def _parse(name: str) -> Household:
    return parse_household(decode_json(_read(name)))


def _matching(exc: MeansTestError, loc: str, fragment: str) -> list[Problem]:
    return [p for p in exc.problems if loc in p.loc and fragment in p.msg]


# file -> (loc substring, message fragment, line, column); line/column None when the
# error is about a field, not the JSON text.
BROKEN: dict[str, tuple[str, str, int | None, int | None]] = {
    # JSON text errors: no field path, but the line and column of the fault.
    # The file stops inside the string "chi... on line 9; the quote is column 30.
    "truncated-json.json": ("", "Unterminated string", 9, 30),
    "empty-file.json": ("", "the file is empty", 1, 1),
    # Field errors: the dotted path of the field.
    "unknown-field-memebers.json": ("memebers", "Extra inputs are not permitted", None, None),
    "age-as-string.json": ("members.1.age", "valid integer", None, None),
    "money-negative.json": ("incomes.0.amount", "greater than or equal to 0", None, None),
    "money-not-a-number.json": ("incomes.0.amount", "expected an amount in yuan", None, None),
    "money-three-decimals.json": ("incomes.0.amount", "2 decimal places", None, None),
    "money-huge.json": ("incomes.0.amount", "less than or equal to", None, None),
    "birth-date-impossible.json": ("members.1.birth_date", "date", None, None),
    "no-members.json": ("members", "at least 1 item", None, None),
    "member-id-duplicate.json": ("members.1.id", "used by two members", None, None),
    "income-member-missing.json": ("incomes.0.member", "no member has id 'p3'", None, None),
    "relation-unknown.json": ("members.1.relation", "'applicant'", None, None),
    "id-number-bad-checksum.json": ("members.0.id_number", "check digit", None, None),
    "age-and-birth-date.json": ("members.1", "exactly one of birth_date and age", None, None),
    "neither-age-nor-birth-date.json": (
        "members.1",
        "exactly one of birth_date and age",
        None,
        None,
    ),
    "two-applicants.json": (
        "members",
        "exactly one member must have relation 'applicant'",
        None,
        None,
    ),
    # Refused while decoding (the position is tested separately below).
    "money-nan.json": ("", "NaN is not a number", None, None),
    "money-infinity.json": ("", "Infinity is not a number", None, None),
    "duplicate-json-key.json": ("", "the key 'area' appears twice", None, None),
    # Bytes that are not UTF-8: the byte offset of the first bad byte. Offset 139 is
    # where the name 邓利兰 starts on line 7: lines 1-6 take 2+24+22+19+31+15 = 113
    # bytes, and `    {"id": "p1", "name": "` takes 26 more.
    "invalid-utf8.json": ("", "invalid byte at offset 139", None, None),
    "gbk-encoded.json": ("", "invalid byte at offset 139", None, None),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_household_fixture_rejected_with_location(name: str) -> None:
    """Each broken household fixture raises HouseholdInvalid naming its field path or line."""
    loc, fragment, line, column = BROKEN[name]
    with pytest.raises(HouseholdInvalid) as info:
        _parse(name)
    found = _matching(info.value, loc, fragment)
    assert found, f"no problem at '{loc}' saying '{fragment}': {info.value.problems}"
    if line is not None:
        assert (found[0].line, found[0].column) == (line, column)


def test_household_not_an_object_rejected() -> None:
    """A JSON array instead of an object is refused with a sentence saying what it got."""
    with pytest.raises(HouseholdInvalid, match="must be a JSON object, not an array"):
        _parse("not-an-object.json")


def test_household_encoding_error_suggests_utf8() -> None:
    """GBK-encoded text is refused with a message that names GBK and asks for UTF-8."""
    with pytest.raises(HouseholdInvalid) as info:
        _parse("gbk-encoded.json")
    assert "GBK" in info.value.message
    assert "UTF-8" in info.value.message


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("money-nan.json", 13),  # "amount": NaN on the income line 13
        ("money-infinity.json", 13),  # "amount": Infinity on line 13
        ("duplicate-json-key.json", 5),  # the second "area" is on line 5
    ],
)
def test_decode_json_refusal_has_line(name: str, line: int) -> None:
    """NaN, Infinity and duplicate keys are reported with the line where they occur."""
    with pytest.raises(HouseholdInvalid) as info:
        decode_json(_read(name))
    assert [p.line for p in info.value.problems] == [line]


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "-Infinity", "sNaN"])
def test_household_money_string_not_finite_rejected(amount: str) -> None:
    """Money written as the string "NaN" or "Infinity" is refused at incomes.0.amount."""
    data = decode_json(_read("valid-yizhang.json"))
    assert isinstance(data, dict)
    data["incomes"][0]["amount"] = amount
    with pytest.raises(HouseholdInvalid) as info:
        parse_household(data)
    assert _matching(info.value, "incomes.0.amount", "expected an amount in yuan")


# Detected by the engine against the rule set, not by the schema.
ENGINE_BROKEN: dict[str, tuple[str, str]] = {
    "income-type-unknown.json": ("incomes.0.type", "unknown income type 'salary'"),
    "birth-date-after-assessment.json": (
        "members.1.birth_date",
        "after the assessment date 2021-12-01",
    ),
}


@pytest.mark.parametrize("name", sorted(ENGINE_BROKEN))
def test_engine_assess_rejects_household_against_rules(name: str) -> None:
    """An unknown income type or a birth after assessed_on parses, but assess refuses it."""
    loc, fragment = ENGINE_BROKEN[name]
    household = _parse(name)
    with pytest.raises(HouseholdInvalid) as info:
        assess(household, load_rules("431022").at(ASSESSED_ON))
    assert _matching(info.value, loc, fragment), info.value.problems


def test_household_valid_base_accepted() -> None:
    """The base fixture every broken one is derived from parses and assesses."""
    household = _parse("valid-yizhang.json")
    result = assess(household, load_rules("431022").at(ASSESSED_ON))
    assert result.household_id == "YZ-TEST-0001"
    # 2 persons, casual labour 900 a month: 450 each, ≥ 380 and < 570 (1.5 × 380);
    # deposit 3000 / 2 = 1500 ≤ 24 × 380: an edge household, no benefit.
    assert fmt(result.income.per_capita_monthly) == "450.00"
    assert (result.status, fmt(result.benefit_monthly)) == ("edge", "0.00")


def test_household_utf8_bom_accepted() -> None:
    """A UTF-8 file that starts with a byte-order mark is accepted, as bytes and as text."""
    raw = _read("valid-with-bom.json")
    assert raw.startswith(b"\xef\xbb\xbf")
    expected = _parse("valid-yizhang.json")
    assert parse_household(decode_json(raw)) == expected
    assert parse_household(decode_json(raw.decode("utf-8"))) == expected
    assert expected.members[0].name == "邓利兰"


def test_household_fixtures_all_covered() -> None:
    """Every fixture file is used by a test here, so none is silently left out."""
    used = {
        *BROKEN,
        *ENGINE_BROKEN,
        "not-an-object.json",
        "valid-yizhang.json",
        "valid-with-bom.json",
    }
    assert {p.name for p in FIXTURES.iterdir()} == used


# ------------------------------------------------------------ resident ID numbers

# GB 11643 MOD 11-2: multiply the first 17 digits by the weights
#   7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum, take the sum mod 11 and look the check
#   character up in "10X98765432" (index 0 -> '1', 1 -> '0', 2 -> 'X', 3 -> '9', ...).
#
# 43102219850302124_ (Yizhang 431022, born 1985-03-02, sequence 124):
#   digits   4  3  1  0  2  2  1  9  8  5  0  3  0  2  1  2  4
#   weights  7  9 10  5  8  4  2  1  6  3  7  9 10  5  8  4  2
#   products 28 27 10 0 16  8  2  9 48 15  0 27  0 10  8  8  8
#   sum = 224; 224 mod 11 = 4 (11 x 20 = 220); "10X98765432"[4] = '8'
VALID_ID = "431022198503021248"
# Same person, sequence 123: the last product is 3 x 2 = 6, sum 222, 222 mod 11 = 2 -> 'X'.
VALID_ID_X = "43102219850302123X"
# Born "1985-02-30": digits 4 3 1 0 2 2 1 9 8 5 0 2 3 0 1 2 3, products
#   28 27 10 0 16 8 2 9 48 15 0 18 30 0 8 8 6, sum 233, 233 mod 11 = 2 (231) -> 'X':
#   the checksum is right, so only the date check can catch it.
BAD_DATE_ID = "43102219850230123X"


def test_id_number_problem_valid() -> None:
    """A hand-checked ID number (check digit 8) is valid."""
    assert id_number_problem(VALID_ID) is None


def test_id_number_problem_x_check_digit() -> None:
    """An ID number whose check character is X is valid; a lower-case x is not."""
    assert id_number_problem(VALID_ID_X) is None
    assert id_number_problem(VALID_ID_X.lower()) is not None


def test_id_number_problem_wrong_check_digit() -> None:
    """Changing the check digit (8 -> 7, or X -> 0) is reported as a check-digit mismatch."""
    assert id_number_problem(VALID_ID[:17] + "7") == "id_number_check_digit"
    assert id_number_problem(VALID_ID_X[:17] + "0") == "id_number_check_digit"


def test_id_number_problem_bad_embedded_date() -> None:
    """An ID number with a correct checksum but born on February 30 is invalid for its date."""
    assert id_number_problem(BAD_DATE_ID) == "id_number_birth_date"


_DIGITS = "0123456789"


@given(
    st.text(alphabet=_DIGITS, min_size=6, max_size=6),
    st.one_of(
        st.dates(dt.date(1000, 1, 1)).map(lambda d: d.strftime("%Y%m%d")),
        st.text(alphabet=_DIGITS, min_size=8, max_size=8),
    ),
    st.text(alphabet=_DIGITS, min_size=3, max_size=3),
    st.sampled_from(_DIGITS + "X"),
)
def test_id_number_check_agrees_with_python_stdnum(
    place: str, born_on: str, serial: str, check: str
) -> None:
    """Our GB 11643 check digit and birth date agree with python-stdnum's `cn.ric` (used
    as an oracle only: its `validate` also checks the birth place against its table of
    county codes, which our rule does not, since IDs keep the codes of abolished
    counties)."""
    ric = pytest.importorskip("stdnum.cn.ric")
    number = place + born_on + serial + check
    problem = id_number_problem(number)
    if check != ric.calc_check_digit(number):
        assert problem == "id_number_check_digit"
        return
    try:
        born = ric.get_birth_date(number)
    except ValueError:  # stdnum's InvalidComponent is a ValueError
        assert problem == "id_number_birth_date"
        return
    assert problem is None
    assert id_number_birth_date(number) == born


@pytest.mark.parametrize(
    "number",
    ["", "43102219850302124", "4310221985030212488", "43102219850302124A", "4310221985O302124X"],
)
def test_id_number_problem_bad_shape(number: str) -> None:
    """Wrong lengths, letters among the digits and check characters other than X are refused."""
    assert id_number_problem(number) == "id_number_shape"


def test_id_number_birth_date_that_differs_is_accepted_for_a_warning() -> None:
    """A valid ID number whose embedded birth date differs from birth_date is no longer
    refused: the household validates and the assessment warns (tests/test_desk_small.py)."""
    data: Any = decode_json(_read("valid-yizhang.json"))
    data["members"][0]["id_number"] = VALID_ID
    assert parse_household(data).members[0].id_number == VALID_ID  # born 1985-03-02: agrees
    data["members"][0]["birth_date"] = "1985-03-03"
    assert parse_household(data).members[0].birth_date == dt.date(1985, 3, 3)


def test_id_number_lower_case_x_is_read_as_x() -> None:
    """A lower-case x check character is accepted and written as X (GB 11643)."""
    data: Any = decode_json(_read("valid-yizhang.json"))
    data["members"][0]["id_number"] = VALID_ID_X.lower()
    assert parse_household(data).members[0].id_number == VALID_ID_X


# ------------------------------------------------------------------- ages


def _born(day: str) -> Member:
    return Member(id="p1", relation="applicant", birth_date=dt.date.fromisoformat(day))


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        ("1985-03-02", "2021-03-02", 36),  # birthday on the day: the year is complete
        ("1985-03-02", "2021-03-01", 35),  # the day before the birthday
        ("1985-03-02", "1985-03-02", 0),  # the day of birth
        ("1985-12-31", "2021-01-01", 35),  # year boundary
    ],
)
def test_member_age_on_birthday(born: str, on: str, age: int) -> None:
    """Age turns over on the birthday itself, not the day before."""
    assert _born(born).age_on(dt.date.fromisoformat(on)) == age


@pytest.mark.parametrize(
    ("on", "age"),
    [
        ("2021-02-28", 20),  # non-leap year: not yet 21 on 28 February
        ("2021-03-01", 21),  # ... 21 on 1 March
        ("2024-02-28", 23),  # leap year: the day before the real birthday
        ("2024-02-29", 24),  # the real birthday
    ],
)
def test_member_age_on_leap_day_birth(on: str, age: int) -> None:
    """Someone born on 29 February turns a year older on 1 March in non-leap years."""
    assert _born("2000-02-29").age_on(dt.date.fromisoformat(on)) == age


def test_member_age_on_given_age() -> None:
    """A member given by age (no birth date) has that age on any date."""
    member = Member(id="p1", relation="applicant", age=40)
    assert member.age_on(dt.date(2030, 1, 1)) == 40


# ------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("number", "string"),
    [
        ("900", '"900"'),
        ("900.5", '"900.50"'),
        ("12.34", '"12.34"'),
        ("0", '"0.00"'),
    ],
)
def test_household_money_number_equals_string(number: str, string: str) -> None:
    """An amount given as a JSON number and as a string gives the same Decimal."""
    template = _read("valid-yizhang.json").decode()
    as_number = _parse_text(template.replace('"amount": "900"', f'"amount": {number}'))
    as_string = _parse_text(template.replace('"amount": "900"', f'"amount": {string}'))
    a, b = as_number.incomes[0].amount, as_string.incomes[0].amount
    assert isinstance(a, Decimal)
    assert isinstance(b, Decimal)
    assert a == b == Decimal(number)


def _parse_text(text: str) -> Household:
    return parse_household(decode_json(text))


def _floats(value: object) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [f for v in value.values() for f in _floats(v)]
    if isinstance(value, list):
        return [f for v in value for f in _floats(v)]
    return []


def test_decode_json_never_float() -> None:
    """decode_json reads every JSON number with a fraction or exponent as Decimal, never float."""
    data = decode_json('{"a": 0.1, "b": [1.5e3, {"c": 12.0}], "d": 7, "e": 1e400}')
    assert data == {
        "a": Decimal("0.1"),
        "b": [Decimal("1500"), {"c": Decimal("12.0")}],
        "d": 7,
        "e": Decimal("1e400"),
    }
    assert _floats(data) == []
    assert isinstance(data["a"], Decimal)  # type: ignore[index]
    assert str(data["a"]) == "0.1"  # type: ignore[index] - exact, not 0.1000000000000000055


def test_household_money_decimal_exact() -> None:
    """0.1 + 0.2 yuan in the input sums to exactly 0.3 (no binary floating point)."""
    text = (
        _read("valid-yizhang.json")
        .decode()
        .replace(
            '{"member": "p1", "type": "casual_labour", "amount": "900", "per": "month"}',
            '{"member": "p1", "type": "casual_labour", "amount": 0.1, "per": "month"},\n'
            '    {"member": "p1", "type": "casual_labour", "amount": 0.2, "per": "month"}',
        )
    )
    household = _parse_text(text)
    assert sum(i.amount for i in household.incomes) == Decimal("0.3")
