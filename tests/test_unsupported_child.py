"""事实无人抚养儿童 (de-facto unsupported children), every condition and combination of the
national definition (issue 12, point 13), under the shipped national rules.

民发〔2019〕62号 §1 (S8), as amended by 民发〔2020〕125号 (from 2021-01-01 in the rules): a
child under 18 is a de-facto unsupported child when

- both parents are each in one of: 重残 severely disabled, 重病 seriously ill, 服刑在押
  imprisoned, 强制隔离戒毒 in compulsory drug rehabilitation, 被执行其他限制人身自由的措施
  under another restriction of liberty, 失联 out of contact, 被撤销监护资格 deprived of
  guardianship, 被遣送（驱逐）出境 deported (the last two added in 2020); or
- one parent is dead (死亡) or missing (失踪, declared by a court) and the other is in one
  of those eight.

Out of contact and the three kinds of detention count once they have lasted 6 months
(S8 §1). Two parents dead or missing make an orphan (孤儿), another scheme. 重残 is
grade 1–2 of any kind, or grade 3–4 intellectual or mental.

Every household here: a grandparent of 62 applying with a grandchild of 9 (p2), assessed
on 2021-12-01 under the shipped Yizhang rules (431022, which inherit the national values).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from meanstest.cli import cli
from meanstest.engine import assess
from meanstest.engine.context import Context, Tracer
from meanstest.engine.ladder import unsupported_children
from meanstest.model.household import parse_household
from meanstest.model.result import ChildFlag
from meanstest.render.labels import message
from meanstest.ruleset.load import load_rules
from meanstest.ruleset.model import RuleSet

ON = dt.date(2021, 12, 1)
LONG_AGO = "2021-01-15"  # 10 whole months before ON: ≥ 6
RECENT = "2021-10-01"  # 2 months before ON: < 6
SIX_MONTHS = "2021-06-01"  # exactly 6 whole months before ON: counts

# The eight conditions of the other parent (or of both), and the two of "one parent".
EIGHT = (
    "severely_disabled",
    "seriously_ill",
    "imprisoned",
    "compulsory_rehab",
    "restricted_liberty",
    "lost_contact",
    "guardianship_revoked",
    "deported",
)
LASTING = ("imprisoned", "compulsory_rehab", "restricted_liberty", "lost_contact")
GONE = ("dead", "missing")


@functools.cache
def _rules() -> RuleSet:
    return load_rules("431022")


def _absent(condition: str, since: str | None = LONG_AGO) -> dict[str, Any]:
    """An absent parent in a condition; a lasting one dated long enough ago."""
    parent: dict[str, Any] = {"condition": condition}
    if condition in LASTING and since is not None:
        parent["since"] = since
    return parent


def child_flag(
    *parents: dict[str, Any], others: tuple[dict[str, Any], ...] = (), on: dt.date = ON
) -> ChildFlag:
    """The flag of the grandchild p2 whose parents are given."""
    members = [
        {"id": "p1", "relation": "applicant", "age": 62},
        {"id": "p2", "relation": "grandchild", "age": 9, "parents": list(parents)},
        *others,
    ]
    hh = parse_household({"area": "rural", "members": members})
    rules_at = _rules().at(on)
    if on == ON:
        flag = next(m for m in assess(hh, rules_at).members if m.id == "p2").child
    else:  # before Yizhang's standard is in force: the child test alone
        ctx = Context(rules_at)
        flag = unsupported_children(hh, ctx, Tracer(ctx)).get("p2")
    assert flag is not None
    return flag


# ------------------------------------------------------------ both parents in the eight


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations_with_replacement(EIGHT, 2)))
def test_both_parents_in_any_of_the_eight_is_flagged(a: str, b: str) -> None:
    """父母双方均符合 one of the eight conditions (each its own, 36 pairings): flagged."""
    flag = child_flag(_absent(a), _absent(b))
    assert (flag.flagged, flag.reason.code) == (True, "child_unsupported")
    assert flag.reason.params == {"parents": f"{a}, {b}"}


# ------------------------------------------------- one dead or missing, the other in the eight


@pytest.mark.parametrize(
    ("gone", "other", "gone_first"),
    [(g, o, first) for g in GONE for o in EIGHT for first in (True, False)],
)
def test_one_parent_dead_or_missing_and_the_other_in_the_eight_is_flagged(
    gone: str, other: str, gone_first: bool
) -> None:
    """父母一方死亡或失踪，另一方符合 one of the eight (2 × 8 × both orders): flagged."""
    pair = (_absent(gone), _absent(other))
    flag = child_flag(*(pair if gone_first else pair[::-1]))
    assert flag.flagged is True
    assert flag.reason.code == "child_unsupported"


def test_one_parent_dead_and_the_other_seriously_ill_is_flagged() -> None:
    """The case the issue names: dead + 重病 was not flagged before (重病 was missing)."""
    flag = child_flag(_absent("dead"), _absent("seriously_ill"))
    assert flag.flagged is True
    assert message(flag.reason.code, flag.reason.params, "en") == (
        "parents: dead, seriously ill: a de-facto unsupported child"
    )
    assert message(flag.reason.code, flag.reason.params, "zh") == (
        "父母情况：死亡、重病，属于事实无人抚养儿童"
    )


# ------------------------------------------------------------------- not flagged


@pytest.mark.parametrize(
    ("a", "b"), [("dead", "dead"), ("dead", "missing"), ("missing", "missing")]
)
def test_both_parents_dead_or_missing_is_an_orphan_not_this_scheme(a: str, b: str) -> None:
    """Two parents dead or missing: an orphan (孤儿), not listed by S8 §1: not flagged."""
    flag = child_flag(_absent(a), _absent(b))
    assert (flag.flagged, flag.reason.code) == (False, "child_supported")


@pytest.mark.parametrize("condition", [*GONE, *EIGHT])
def test_the_other_parent_present_is_not_flagged(condition: str) -> None:
    """One parent present (and able), whatever the other's condition: not flagged."""
    flag = child_flag(_absent(condition), {"condition": "present"})
    assert (flag.flagged, flag.reason.code) == (False, "child_supported")


def test_one_parent_listed_only_is_not_flagged() -> None:
    """Only one parent declared: the pairing cannot be made, so not flagged."""
    assert child_flag(_absent("dead")).flagged is False


# --------------------------------------------------------------- six months


@pytest.mark.parametrize("condition", LASTING)
def test_lasting_condition_too_recent_is_not_flagged(condition: str) -> None:
    """Mother dead; father in a condition for 2 months (2021-10-01 → 2021-12-01) < 6:
    not yet; the reason says it is too recent."""
    flag = child_flag(_absent("dead"), _absent(condition, RECENT))
    assert (flag.flagged, flag.reason.code) == (False, "child_supported")
    assert flag.reason.params == {"parents": f"dead, {condition}_too_recent"}


@pytest.mark.parametrize("condition", LASTING)
def test_lasting_condition_of_exactly_six_months_is_flagged(condition: str) -> None:
    """2021-06-01 → 2021-12-01 is 6 whole months: "6 months or more" is met."""
    assert child_flag(_absent("dead"), _absent(condition, SIX_MONTHS)).flagged is True


@pytest.mark.parametrize("condition", LASTING)
def test_lasting_condition_without_a_date_is_to_verify(condition: str) -> None:
    """No `since`: whether 6 months have passed is unknown, so to verify, not a no."""
    flag = child_flag(_absent("dead"), _absent(condition, None))
    assert (flag.flagged, flag.reason.code) == (None, "child_to_verify")
    assert flag.reason.params == {"parents": f"dead, {condition}_unknown_since"}


@pytest.mark.parametrize(
    "condition", ["severely_disabled", "seriously_ill", "guardianship_revoked", "deported"]
)
def test_conditions_without_a_duration_need_no_date(condition: str) -> None:
    """重残, 重病, 被撤销监护资格 and 被遣送出境 have no 6-month requirement: no `since`
    needed (the ones that have it are listed in unsupported_child.min_months_for)."""
    flag = child_flag(_absent("dead"), {"condition": condition})
    assert flag.flagged is True


# ------------------------------------------------------------- a parent who is a member


def _father(**fields: Any) -> dict[str, Any]:
    return {"id": "p3", "relation": "child", "age": 35, **fields}


@pytest.mark.parametrize(
    ("fields", "condition"),
    [
        ({"status": "imprisoned"}, "imprisoned"),
        ({"status": "compulsory_rehab"}, "compulsory_rehab"),  # was reported as "imprisoned"
        ({"status": "missing"}, "missing"),
        ({"serious_illness": True}, "seriously_ill"),
        ({"disability": {"category": "physical", "grade": 2}}, "severely_disabled"),
        ({"disability": {"category": "mental", "grade": 4}}, "severely_disabled"),
    ],
)
def test_member_parent_condition_comes_from_their_own_fields(
    fields: dict[str, Any], condition: str
) -> None:
    """The father is a declared member (p3); his condition is read from his status,
    illness or disability. With the mother out of contact since 2021-01-15 (10 months),
    each of these qualifies, and the reason names his condition as the rules do."""
    father = _father(**fields)
    flag = child_flag(
        _absent("lost_contact"), {"member": "p3", "since": LONG_AGO}, others=(father,)
    )
    assert flag.flagged is True
    assert flag.reason.params == {"parents": f"lost_contact, {condition}"}


def test_member_parent_in_compulsory_rehab_is_not_called_imprisoned() -> None:
    """A father in compulsory drug rehabilitation (status compulsory_rehab) is reported
    as such, in both languages."""
    flag = child_flag(
        _absent("dead"),
        {"member": "p3", "since": LONG_AGO},
        others=(_father(status="compulsory_rehab"),),
    )
    assert message(flag.reason.code, flag.reason.params, "en") == (
        "parents: dead, in compulsory drug rehabilitation: a de-facto unsupported child"
    )
    assert message(flag.reason.code, flag.reason.params, "zh") == (
        "父母情况：死亡、强制隔离戒毒，属于事实无人抚养儿童"
    )


def test_member_parent_grade_3_physical_disability_is_present() -> None:
    """Grade 3 physical is not 重残 (only mental or intellectual grades 3–4 are): the
    father is present, so the child is not flagged."""
    flag = child_flag(
        _absent("dead"),
        {"member": "p3"},
        others=(_father(disability={"category": "physical", "grade": 3}),),
    )
    assert flag.flagged is False
    assert flag.reason.params == {"parents": "dead, present"}


def test_member_parent_in_two_conditions_qualifies_by_either() -> None:
    """The father is in prison for 2 months only (too recent) and seriously ill: 重病
    needs no duration, so the child is flagged by it."""
    flag = child_flag(
        _absent("dead"),
        {"member": "p3", "since": RECENT},
        others=(_father(status="imprisoned", serious_illness=True),),
    )
    assert flag.flagged is True
    assert flag.reason.params == {"parents": "dead, seriously_ill"}


def test_member_parent_in_prison_for_a_short_time_only_is_too_recent() -> None:
    """In prison for 2 months and nothing else: not flagged, too recent."""
    flag = child_flag(
        _absent("dead"), {"member": "p3", "since": RECENT}, others=(_father(status="imprisoned"),)
    )
    assert flag.flagged is False
    assert flag.reason.params == {"parents": "dead, imprisoned_too_recent"}


# ------------------------------------------------------------------ the amendment's date


@pytest.mark.parametrize("condition", ["guardianship_revoked", "deported"])
def test_conditions_added_in_2020_are_not_listed_before_2021(condition: str) -> None:
    """On 2020-12-01 the rules hold S8's six conditions only (the 2020 notice's two are
    in force from 2021-01-01): mother dead, father deported → not flagged then."""
    flag = child_flag(_absent("dead"), {"condition": condition}, on=dt.date(2020, 12, 1))
    assert flag.flagged is False


@pytest.mark.parametrize("condition", ["guardianship_revoked", "deported"])
def test_conditions_added_in_2020_warn_that_their_source_is_secondary(condition: str) -> None:
    """The amendment is read from a provincial notice that reports it: the values are
    provisional, and a result that uses them says so."""
    hh = parse_household(
        {
            "area": "rural",
            "members": [
                {"id": "p1", "relation": "applicant", "age": 62},
                {
                    "id": "p2",
                    "relation": "grandchild",
                    "age": 9,
                    "parents": [{"condition": "dead"}, {"condition": condition}],
                },
            ],
        }
    )
    warned = {w.key for w in assess(hh, _rules().at(ON)).warnings}
    assert {"unsupported_child.other_parent", "unsupported_child.both_parents"} <= warned


# ------------------------------------------------------------- check and batch


def _cli(*args: object, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(
        cli,
        [str(a) for a in args],
        input=stdin,
        prog_name="meanstest",
        env={"LC_ALL": None, "LANG": None, "LANGUAGE": None, "LC_MESSAGES": None, "COLUMNS": "200"},
    )


_DEAD_AND_ILL = {
    "id": "UC-1",
    "region": "431022",
    "area": "rural",
    "assessed_on": "2021-12-01",
    "members": [
        {"id": "p1", "relation": "applicant", "age": 62},
        {
            "id": "p2",
            "relation": "grandchild",
            "age": 9,
            "parents": [{"condition": "dead"}, {"condition": "seriously_ill"}],
        },
    ],
}


@pytest.mark.parametrize(
    ("fmt", "lang", "expected"),
    [
        ("table", "en", "parents: dead, seriously ill: a de-facto unsupported child"),
        ("table", "zh", "父母情况：死亡、重病，属于事实无人抚养儿童"),
        ("markdown", "en", "parents: dead, seriously ill: a de-facto unsupported child"),
        ("markdown", "zh", "父母情况：死亡、重病，属于事实无人抚养儿童"),
    ],
)
def test_check_shows_the_parents_conditions(
    tmp_path: Path, fmt: str, lang: str, expected: str
) -> None:
    """Mother dead, father seriously ill: the member notes say so, in both languages."""
    path = tmp_path / "child.json"
    path.write_text(json.dumps(_DEAD_AND_ILL), encoding="utf-8")
    result = _cli("check", path, "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert "".join(expected.split()) in "".join(result.stdout.split())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_check_json_and_batch_flag_the_child(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "child.json"
    path.write_text(json.dumps(_DEAD_AND_ILL), encoding="utf-8")
    record = json.loads(_cli("check", path, "--format", "json", "--lang", lang).stdout)
    assert record["members"][1]["unsupported_child"]["flagged"] is True
    roll = tmp_path / "roll.jsonl"
    roll.write_text(json.dumps(_DEAD_AND_ILL) + "\n", encoding="utf-8")
    result = _cli("batch", roll, "--quiet", "--lang", lang, "--detail", "full")
    assert result.exit_code == 0, result.stderr
    [line] = result.stdout.splitlines()
    assert (
        json.loads(line)["members"][1]["unsupported_child"]
        == record["members"][1]["unsupported_child"]
    )
