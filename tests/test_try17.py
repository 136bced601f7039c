"""Defects found by trying stop 17's changes from a clean clone, as a new user would
(brief try17): each test failed before its fix."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from meanstest.cli import Environment, cli

ROOT = Path(__file__).parent.parent
ROLL = ROOT / "examples" / "batch" / "caseroll.jsonl"


def _run(args: list[str], lang: str = "en") -> tuple[int, str]:
    result = CliRunner().invoke(cli, args, obj=Environment(lang=lang), prog_name="meanstest")
    return result.exit_code, result.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "command",
    [
        ["template", "household"],
        ["template", "roll", "--format", "csv"],
        ["rules", "new", "431021", "--extends", "431000", "--name", "桂阳县", "--on", "2026-01-01"],
    ],
)
def test_a_command_that_never_replaces_a_file_writes_into_dev_null_unasked(
    command: list[str], lang: str
) -> None:
    """/dev/null holds nothing to lose: `template` and `rules new` write into it without
    --force, as every other command does. They said "the file exists; give --force to
    replace it" (exit 1), while --force then wrote into it and replaced nothing."""
    code, err = _run([*command, "-o", os.devnull], lang)
    assert code == 0, err
    assert Path(os.devnull).is_char_device()


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", [["template", "household"], ["template", "roll"]])
def test_a_folder_or_socket_is_not_offered_force(
    tmp_path: Path, command: list[str], lang: str
) -> None:
    """A folder or a socket named by `template -o` is refused as what it is (not a file),
    not as an existing file that --force would replace: --force then refused it too."""
    folder = tmp_path / "t.xlsx"
    folder.mkdir()
    code, err = _run([*command, "-o", str(folder)], lang)
    assert code == 1
    assert "--force" not in err
    assert ("not a regular file" in err) if lang == "en" else ("不是普通文件" in err), err
    where = tmp_path / "s.xlsx"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(where))
        code, err = _run([*command, "-o", str(where)], lang)
    assert code == 1
    assert "--force" not in err, err


def test_ctrl_c_before_the_records_run_is_exit_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while a run starts (rules loading, the input opening: the first few tenths
    of a second of `batch`) ended with click's "Aborted!" and exit 1; a pipeline reads
    130 as interrupted, 1 as bad input. Now 130, no output and no report."""
    from meanstest.cli import batch

    def interrupted(*_args: object, **_kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "_run", interrupted)  # before the records stream
    out, report = tmp_path / "out.jsonl", tmp_path / "run.json"
    for lang in ("en", "zh"):
        code, err = _run(["batch", str(ROLL), "-q", "-o", str(out), "--report", str(report)], lang)
        assert code == 130, err
        assert "Aborted" not in err, err
        assert not out.exists()
        assert not report.exists()
        assert os.listdir(tmp_path) == []


def test_synth_help_prints_its_usage() -> None:
    """The brief's `python benchmarks/synth.py --help` gave a traceback
    (int('--help')); it prints how to run it."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "synth.py"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "synth.py 1000" in done.stdout
    assert done.stderr == ""


def test_a_signal_after_a_finished_run_in_the_console_process_changes_nothing() -> None:
    """In the `meanstest` process, a Ctrl-C after `batch`'s report was written (its frames
    unwinding, the interpreter shutting down with the handlers back at their defaults)
    killed a complete run: 3 of 40 random Ctrl-Cs of a 20,000-household run ended by
    SIGINT (130 in a shell) beside a report saying exit_status 0. Once the console
    script's run is done, what `past_interrupting` held off stays held off to the end."""
    program = (
        "import os, signal\n"
        "from meanstest.cli.exits import hold_to_exit, past_interrupting\n"
        "hold_to_exit()\n"
        "with past_interrupting():\n"
        "    pass\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "os.kill(os.getpid(), signal.SIGTERM)\n"
        "print('alive')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (0, "alive\n"), done.stderr


WIDOW = ROOT / "examples" / "yizhang-widow-diabetes.json"
# A valid resident ID number for the widow's son p2, born 2009-06-11 (GB 11643: the
# weighted sum of 43102220090611012 is 233, 233 mod 11 = 2, check character "2").
SON_ID = "431022200906110122"


def _household_with(**changes: object) -> dict[str, object]:

    household = json.loads(WIDOW.read_text(encoding="utf-8"))
    household.update(changes)
    return household


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_table_shows_no_id_number_written_as_a_member_id(tmp_path: Path, lang: str) -> None:
    """SECURITY.md: the caseworker's table shows names but no ID numbers. A member whose
    id is their ID number (the shortcut the privacy review masks in shared outputs) had
    it shown whole in the members, incomes and trace rows of the table."""

    household = _household_with()
    members = household["members"]
    assert isinstance(members, list)
    members[1] |= {"id": SON_ID, "id_number": SON_ID}
    incomes = household["incomes"]
    assert isinstance(incomes, list)
    incomes[1]["member"] = SON_ID
    path = tmp_path / "h.json"
    path.write_text(json.dumps(household, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "table.txt"
    code, err = _run(["check", str(path), "--trace", "-o", str(out)], lang)
    assert code == 0, err
    table = out.read_text(encoding="utf-8")
    assert SON_ID not in table
    assert "20090611" not in table
    assert "431022********0122" in table
    assert "邓小明" in table  # the names are the caseworker's own to see


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("reference", "shown", "hidden"),
    [
        ("邓丽兰", "邓**", "丽兰"),  # a misspelt name: no member's name, a name still
        ("431022198503021070", "431022********1070", "19850302"),  # an ID number's typo
        ("13812345678", "***********", "13812345678"),  # a phone number
    ],
)
def test_a_reference_that_is_personal_data_but_no_members_is_masked(
    tmp_path: Path, lang: str, reference: str, shown: str, hidden: str
) -> None:
    """The privacy review masked a member reference that is a member's name or ID number,
    but quoted any other whole: a misspelt name (邓丽兰 for 邓利兰), an ID number with one
    digit wrong (its birth date) or a phone number went into error records and messages.
    A reference in the shape of one (any non-ASCII letter; 7 digits or more) is masked."""

    household = _household_with()
    incomes = household["incomes"]
    assert isinstance(incomes, list)
    incomes[0]["member"] = reference
    roll = tmp_path / "roll.jsonl"
    roll.write_text(json.dumps(household, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, err = _run(["batch", str(roll), "-q", "-o", str(out)], lang)
    assert code == 3, err
    record = out.read_text(encoding="utf-8")
    assert hidden not in record
    assert shown in record
    code, err = _run(["check", str(roll), "--id", "YZ-2021-0137"], lang)
    assert code == 1
    assert hidden not in err
    assert shown in err


def test_a_plain_member_reference_is_still_quoted_whole(tmp_path: Path) -> None:
    """An id in the contract's shape (p9, m-12) is quoted as written: it is how the
    caseworker finds the slip."""

    household = _household_with()
    incomes = household["incomes"]
    assert isinstance(incomes, list)
    incomes[0]["member"] = "m-12"
    roll = tmp_path / "roll.jsonl"
    roll.write_text(json.dumps(household, ensure_ascii=False) + "\n", encoding="utf-8")
    code, err = _run(["check", str(roll), "--id", "YZ-2021-0137"])
    assert code == 1
    assert "no member has id 'm-12'" in err


@pytest.mark.parametrize("where", ["parse_args", "_hint_lang"])
def test_ctrl_c_while_the_command_line_is_read_is_exit_130(
    monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A Ctrl-C while the group reads its options (1 of 40 random Ctrl-Cs, 0.125 s into a
    run) still ended with click's "Aborted!" and exit 1: 130 too."""
    import click

    import meanstest.cli as cli_package

    def interrupted(*_args: object, **_kwargs: object) -> object:
        raise KeyboardInterrupt

    if where == "parse_args":
        monkeypatch.setattr(click.Group, "parse_args", interrupted)
    else:
        monkeypatch.setattr(cli_package, "_hint_lang", interrupted)
    result = CliRunner().invoke(cli, ["batch", str(ROLL)], prog_name="meanstest")
    assert result.exit_code == 130, result.output
    assert "Aborted" not in result.output


def _new_county_file(tmp_path: Path, old: str, new: str) -> Path:
    """The file `rules new` writes for Guiyang (431021), with one value changed."""
    draft = tmp_path / "431021.yaml"
    start = ["rules", "new", "431021", "--extends", "431000", "--name", "桂阳县"]
    code, err = _run([*start, "--on", "2026-01-01", "-o", str(draft)])
    assert code == 0, err
    text = draft.read_text(encoding="utf-8")
    assert old in text
    draft.write_text(text.replace(old, new, 1), encoding="utf-8")
    return draft


def test_unlimited_under_a_count_unit_is_accepted(tmp_path: Path) -> None:
    """`rules new` writes `assets.financial.limit_months` with `unit: months of the monthly
    standard`; its documented word `unlimited` was refused at the unit line ("only an
    amount (yuan or a share) has a unit of its own"), as if the unit were the mistake."""
    draft = _new_county_file(tmp_path, "        value: 24\n", "        value: unlimited\n")
    code, err = _run(["rules", "validate", str(draft)])
    assert code == 0, err


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("written", ["24,000", "150%", "2.4e1", "二十四"])
def test_a_mistyped_count_is_named_at_its_value_not_its_unit(
    tmp_path: Path, written: str, lang: str
) -> None:
    """A count the officer mistypes (24,000; 150%; 2.4e1; 二十四) under the unit `rules new`
    wrote was reported at the unit line, which is right: the value's line is named."""
    draft = _new_county_file(tmp_path, "        value: 24\n", f"        value: {written}\n")
    code, err = _run(["rules", "validate", str(draft)], lang)
    assert code == 1
    assert "limit_months.values.0.value" in err, err
    assert ".unit" not in err, err
    line = 1 + draft.read_text(encoding="utf-8").split(f"value: {written}")[0].count("\n")
    assert (f"line {line}," if lang == "en" else f"第 {line} 行") in err, err


def test_a_unit_on_a_yes_no_key_is_still_refused(tmp_path: Path) -> None:
    """What the check is for stays: a unit on a yes/no rule says nothing true."""
    draft = _new_county_file(
        tmp_path,
        "  assets.business.allowed:\n    values:",
        "  assets.business.allowed:\n    unit: months\n    values:",
    )
    code, err = _run(["rules", "validate", str(draft)])
    assert code == 1
    assert "assets.business.allowed.unit" in err
    assert "only an amount" in err


def test_repr_hides_a_member_id_that_is_a_name_or_id_number(tmp_path: Path) -> None:
    """The privacy review kept names and ID numbers out of repr() (what logs and
    tracebacks show), but a member id that is one (the shortcut it masks in outputs)
    was still written whole: as the member's id and in every item naming the member,
    in repr() and str() of a Household, its Member and an Assessment."""
    from meanstest import assess_file, parse_household

    household = _household_with()
    members = household["members"]
    incomes = household["incomes"]
    expenses = household["expenses"]
    assert isinstance(members, list)
    assert isinstance(incomes, list)
    assert isinstance(expenses, list)
    members[0]["id"] = "邓利兰"  # the applicant's id is her name
    members[1] |= {"id": SON_ID, "id_number": SON_ID}  # the son's is his ID number
    incomes[0]["member"], incomes[1]["member"] = "邓利兰", SON_ID
    expenses[0]["member"] = "邓利兰"
    path = tmp_path / "h.json"
    path.write_text(json.dumps(household, ensure_ascii=False), encoding="utf-8")
    parsed = parse_household(household)
    assessment = assess_file(path)
    shown = [repr(parsed), str(parsed), repr(parsed.members[0]), str(parsed.members[1])]
    shown.append(repr(assessment))
    for text in shown:
        assert "利兰" not in text, text
        assert "20090611" not in text, text
    assert "id='p3'" in repr(parsed)  # any other id as given
    # A member result alone masks its own id (it does not know the others' names).
    assert repr(assessment.members[1]).startswith("MemberResult(id='<masked>'")
    assert parsed.members[0].id == "邓利兰"  # the fields still hold the values


def test_rules_new_into_dev_null_gives_no_rules_dir_hint() -> None:
    """`rules new -o /dev/null` said "to use it by its id (431021), give --rules-dir
    /dev": the hint is for a rule file that stays in a folder."""
    start = ["rules", "new", "431021", "--extends", "431000", "--name", "桂阳县"]
    code, err = _run([*start, "--on", "2026-01-01", "-o", os.devnull])
    assert code == 0, err
    assert "--rules-dir" not in err, err
