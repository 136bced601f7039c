"""Issue 15, the reviewer's defects (see CHANGELOG, Unreleased).

The household of defect 2 (/tmp/r15w/lx-mismatch.json): one person, Yizhang 2021,
rural, ID number 431022 19810101 001X (born 1981-01-01) but declared born 1981-02-01.
Masked, the ID shows as 431022********001X: its birth date would give back the eight
hidden digits, so a masked output must not show 1981-01-01 (nor an age from it).
"""

from __future__ import annotations

import json
import os
import re
import stat
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from test_cli_env import FakeEnvironment, run

from meanstest.render.figures import against, truthful
from meanstest.render.labels import message
from meanstest.render.labels_form import text

ID = "43102219810101001X"  # GB 11643: 431022 19810101 001, check digit X (lower-case in r15w)


def _household(**member: Any) -> dict[str, Any]:
    person = {
        "id": "p1",
        "name": "孙某某",
        "relation": "applicant",
        "id_number": ID,
        "birth_date": "1981-02-01",
        **member,
    }
    person = {k: v for k, v in person.items() if v is not None}
    return {
        "id": "T-995",
        "region": "431022",
        "area": "rural",
        "assessed_on": "2021-12-01",
        "members": [person],
        "incomes": [{"member": "p1", "type": "casual_labour", "amount": "4559.94", "per": "year"}],
    }


def _write(tmp_path: Path, data: dict[str, Any], name: str = "h.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# ------------------------------------------------- defect 2: the ID number's birth date


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["json", "table", "markdown", "html"])
def test_masked_outputs_never_show_the_id_numbers_birth_date(
    tmp_path: Path, fmt: str, lang: str
) -> None:
    """Masked (the default), every format says the ID number's birth date disagrees with
    the declared 1981-02-01, and shows neither 1981-01-01 nor the digits 19810101."""
    path = _write(tmp_path, _household())
    env = FakeEnvironment(lang=lang)
    out = tmp_path / f"out.{fmt}"
    assert run(env, "check", path, "--format", fmt, "--lang", lang, "-o", out).exit_code == 0
    text = re.sub(r"\s+", " ", out.read_text(encoding="utf-8"))
    assert "1981-01-01" not in text
    assert "19810101" not in text
    assert "1981-02-01" in text
    assert (
        "身份证号中的出生日期与申报的出生日期 1981-02-01 不符" in text
        if lang == "zh"
        else "the birth date in the ID number disagrees with the declared 1981-02-01" in text
    )


@pytest.mark.parametrize("fmt", ["json", "markdown", "html"])
def test_shown_personal_data_shows_both_birth_dates(tmp_path: Path, fmt: str) -> None:
    """With --show-personal-data the warning may give both dates (and the whole ID)."""
    path = _write(tmp_path, _household())
    out = tmp_path / f"out.{fmt}"
    assert (
        run(
            FakeEnvironment(lang="zh"),
            "check",
            path,
            "--format",
            fmt,
            "--lang",
            "zh",
            "--show-personal-data",
            "-o",
            out,
        ).exit_code
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "身份证号中的出生日期为 1981-01-01" in text
    assert "1981-02-01" in text


def test_masked_age_warning_shows_only_the_declared_age(tmp_path: Path) -> None:
    """Declared aged 30 (no birth date): the ID says born 1981-01-01, which is 40 on
    2021-12-01 (2021 - 1981, the birthday passed). Masked: neither the date nor 40."""
    path = _write(tmp_path, _household(birth_date=None, age=30))
    env = FakeEnvironment()
    assert run(env, "check", path, "--format", "json").exit_code == 0
    (w,) = [w for w in json.loads(env.out)["warnings"] if w["code"] == "id_number_age"]
    assert w["message"] == (
        "Member p1: the birth date in the ID number disagrees with the "
        "declared age 30; the declared age is used. Check which is right."
    )
    env = FakeEnvironment()
    assert run(env, "check", path, "--format", "json", "--show-personal-data").exit_code == 0
    (w,) = [w for w in json.loads(env.out)["warnings"] if w["code"] == "id_number_age"]
    assert "1981-01-01, aged 40 on the assessment date, not the declared age 30" in w["message"]


def test_batch_records_mask_the_id_numbers_birth_date(tmp_path: Path) -> None:
    """Full batch records go through the same masking (and show it when asked)."""
    roll = tmp_path / "roll.jsonl"
    roll.write_text(json.dumps(_household(), ensure_ascii=False) + "\n", encoding="utf-8")
    env = FakeEnvironment()
    assert run(env, "batch", roll, "--detail", "full").exit_code == 0
    assert "1981-01-01" not in env.out
    assert "1981-02-01" in env.out
    env = FakeEnvironment()
    assert run(env, "batch", roll, "--detail", "full", "--show-personal-data").exit_code == 0
    assert "1981-01-01" in env.out


# ------------------------------------------------- defect 3: -o onto a FIFO or a link

WIDOW = Path(__file__).parent.parent / "examples" / "yizhang-widow-diabetes.json"


@pytest.mark.parametrize(
    "args",
    [
        ("check", WIDOW, "--format", "json"),
        ("template", "roll", "--format", "csv", "--force"),
        ("template", "household", "--force"),
    ],
)
def test_output_onto_a_fifo_is_written_in_place_and_kept(
    tmp_path: Path, args: tuple[Any, ...]
) -> None:
    """-o naming a FIFO (a named pipe another program reads): the output goes through it,
    as into a regular file, and the FIFO stays a FIFO (never replaced by a regular file,
    no temporary file beside it). It was refused until the review of stop 17 (issue 15's
    review refused it rather than replace it; writing in place is what Unix tools do)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    env = FakeEnvironment()
    result = run(env, *args, "-o", fifo)
    reader.join(timeout=30)
    assert result.exit_code == 0, env.err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]  # no temporary file left
    want = tmp_path / "want"
    assert run(FakeEnvironment(), *args, "-o", want).exit_code == 0
    assert got == [want.read_bytes()]


def test_output_onto_dev_null_is_written_and_kept() -> None:
    """-o /dev/null (a character device): the run is done, nothing kept, the device left a
    device (refused before; once found replaced by a regular file on a shared machine)."""
    env = FakeEnvironment()
    assert run(env, "check", WIDOW, "--format", "json", "-o", os.devnull).exit_code == 0
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


def test_output_onto_a_folder_is_refused(tmp_path: Path) -> None:
    """-o naming a folder: the same refusal, the folder untouched."""
    folder = tmp_path / "d"
    folder.mkdir()
    env = FakeEnvironment()
    assert run(env, "check", WIDOW, "-o", folder).exit_code == 1
    assert "not a regular file" in env.err
    assert folder.is_dir()


def test_output_through_a_symlink_writes_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    """-o naming a symbolic link: the file it points to gets the result; the link stays
    a link to it. A dangling link creates the file it names."""
    real = tmp_path / "real.json"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real.name)
    assert run(FakeEnvironment(), "check", WIDOW, "--format", "json", "-o", link).exit_code == 0
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["household_id"]
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to("new.json")
    assert run(FakeEnvironment(), "check", WIDOW, "--format", "json", "-o", dangling).exit_code == 0
    assert dangling.is_symlink()
    assert json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))["household_id"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dangling.json",
        "link.json",
        "new.json",
        "real.json",
    ]


# ------------------------------------------- defect 4: the refusal's provisional values

CAR = Path(__file__).parent.parent / "examples" / "yizhang-private-car-fails-asset-test.json"


def test_refusal_cites_no_provisional_value_and_is_chinese_by_default() -> None:
    """The private-car example is refused on assets.vehicle.allowed_kinds, a provisional
    placeholder with no source: the notice is in Chinese with no --lang although the
    caseworker's language is English, its 依据 cite only documents (S1 Art. 7 and the
    Yizhang report), never 暂定值 or the placeholder's English note; stderr lists the
    provisional keys in the caseworker's language."""
    env = FakeEnvironment(lang="en")  # an English locale
    assert run(env, "check", CAR, "--format", "refusal").exit_code == 0
    notice = env.out
    assert notice.startswith("不予批准最低生活保障告知书\n")
    basis = notice.split("依据：", 1)[1].split("本告知书", 1)[0]
    assert "　　一、最低生活保障审核确认办法 民发〔2021〕57号 第七条" in basis
    assert "暂定" not in notice
    assert "placeholder" not in notice
    assert "assets.vehicle.allowed_kinds" not in notice
    assert "assets.vehicle.allowed_kinds" in env.err
    assert "confirm them before the notice is sent" in env.err


def test_refusal_in_english_only_when_asked() -> None:
    """--lang en still writes the English notice, with no provisional value either."""
    env = FakeEnvironment(lang="zh")
    assert run(env, "check", CAR, "--format", "refusal", "--lang", "en").exit_code == 0
    assert env.out.startswith("Notice of refusal of the minimum living guarantee\n")
    assert "placeholder" not in env.out
    assert "Provisional" not in env.out


# ------------------------------------------ defect 5: 379.995 beside a standard of 380.00


def _t995(tmp_path: Path) -> Path:
    """One person, 4,559.94 a year under Yizhang 2021 (4560 a year: 380.00 a month):
    4559.94 / 12 = 379.995 per capita, below 380.00 by 0.005, so dibao; the benefit
    380.00 − 379.995 = 0.005, rounded half up to 0.01."""
    return _write(tmp_path, _household(id_number=None, birth_date=None, age=40), "t995.json")


@pytest.mark.parametrize(
    ("fmt", "lang", "row"),
    [
        ("table", "en", "Per-capita monthly income 379.995"),
        ("markdown", "en", "| Per-capita monthly income | 379.995 |"),
        ("markdown", "zh", "| 家庭人均月收入 | 379.995 |"),
        ("html", "zh", "379.995"),
    ],
)
def test_per_capita_beside_the_standard_is_shown_precisely(
    tmp_path: Path, fmt: str, lang: str, row: str
) -> None:
    """The accounting shows 379.995 (not 380.00) beside the standard 380.00, and the
    dibao margin is 0.005 (not ¥0.01, twice the distance)."""
    out = tmp_path / f"out.{fmt}"
    assert (
        run(
            FakeEnvironment(lang=lang),
            "check",
            _t995(tmp_path),
            "--format",
            fmt,
            "--lang",
            lang,
            "-o",
            out,
        ).exit_code
        == 0
    )
    text = re.sub(r"[ \t]+", " ", out.read_text(encoding="utf-8"))
    assert row in text
    assert "380.00" in text  # the standard, to the fen
    if fmt != "html":
        assert (
            "Monthly household income is ¥0.005 below the dibao threshold." in text
            if lang == "en"
            else "家庭月收入比低保线低 0.005 元。" in text
        )


def test_per_capita_to_the_fen_when_the_fen_is_true() -> None:
    """The worked example's 190.00 beside 380.00 stays to the fen; a margin of whole
    fen (190.00 × 3 = 570.00 below 1140.00) is unchanged."""
    assert against(Decimal("190"), Decimal("380")) == "190.00"
    assert against(Decimal("379.995"), Decimal("380")) == "379.995"
    assert against(Decimal("380.004"), Decimal("380")) == "380.004"
    assert against(Decimal("379.994"), Decimal("380")) == "379.99"
    assert truthful("margin_below", {"amount": Decimal("0.005")}) == {"amount": "0.005"}
    assert truthful("margin_below", {"amount": Decimal("190.005")}) == {}


# ------------------------------------------------------------ defect 6: small things


def test_english_counts_of_one_are_singular() -> None:
    """ "(1 households)" is "(1 household)"; 21 stays plural; the refusal's 1 member too."""
    assert message("payroll.households", {"name": "青山村", "count": 1}, "en") == (
        "青山村 (1 household)"
    )
    assert message("payroll.households", {"name": "青山村", "count": 21}, "en") == (
        "青山村 (21 households)"
    )
    assert message("notice.summary", {"households": 1, "persons": 1}, "en") == (
        "In all 1 household, 1 person covered"
    )
    assert "1 member," in text(
        "refusal.figures", "en", counted="1000.00", size=1, per_capita="1000.00", standard="380.00"
    )
    assert message("payroll.households", {"name": "青山村", "count": 1}, "zh") == "青山村（1 户）"


@pytest.mark.parametrize("value", ["", "  "])
def test_check_with_an_empty_id_is_a_usage_error(tmp_path: Path, value: str) -> None:
    """--id "" names no household: exit 2 (usage), saying the option is empty."""
    roll = tmp_path / "roll.jsonl"
    roll.write_text(json.dumps(_household(), ensure_ascii=False) + "\n", encoding="utf-8")
    env = FakeEnvironment()
    result = run(env, "check", roll, "--id", value)
    assert result.exit_code == 2
    assert "empty: give a household id" in result.output + env.err
