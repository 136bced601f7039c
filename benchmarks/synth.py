"""Seeded synthetic households in the contract format (`meanstest.household/1`).

The benchmark and the batch tests share this generator, so a run of N households is
the same every time for the same seed. Households are Yizhang (431022) rural cases
assessed between 2021-07-01 and 2022-06-30, with 1-6 members, several incomes,
expenses and assets each; names and ID numbers are made up (the ID numbers carry a
valid GB 11643 check digit, so validation does its full work).

With ``optional=True`` (``--optional`` on the command line) every household also
carries what a county's real roll carries beside the means test: ``township`` and
``village`` (the roll template's columns, so every row has them), and at a county
roll's rough frequencies a ``current`` status (a renewal: most of a roll is reviewed
each year), statutory ``supporters`` of an elderly applicant and a single-parent family.
They are drawn from a random stream of their own, so the households' other fields are
the same with or without them.

Run as a script to write JSON Lines: ``python benchmarks/synth.py 1000 > roll.jsonl``
(``python benchmarks/synth.py 1000 1 --optional`` for the optional fields).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from typing import Any

# Bump when the generator changes, so that cached rolls are made anew.
VERSION = 2

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗邓"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华兰红"
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_DATES = tuple(dt.date(2021, 7, 1) + dt.timedelta(days=30 * k) for k in range(12))
_INCOME_TYPES = (
    "wage",
    "casual_labour",
    "farming",
    "business",
    "pension",
    "rent",
    "support_received",
    "scholarship",
    "veterans_benefit",
    "social_assistance",
)
_EXPENSE_TYPES = ("medical", "education", "disability_rehab", "employment_cost", "social_insurance")
_EDUCATION = (
    "primary",
    "junior_secondary",
    "senior_secondary",
    "vocational_secondary",
    "undergraduate",
)
_ADULT_JOBS = ("employed", "self_employed", "farming", "unemployed", "unable")


def id_number(rng: random.Random, born: dt.date) -> str:
    """Return a made-up resident ID number (Yizhang prefix) with a valid check digit."""
    body = f"431022{born:%Y%m%d}{rng.randrange(1000):03d}"
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + _ID_CHECK[total % 11]


def _money(rng: random.Random, low: int, high: int) -> str | int:
    """An amount as the contract allows it: a string, sometimes with fen, or an integer."""
    whole = rng.randrange(low, high)
    pick = rng.random()
    if pick < 0.2:
        return whole
    if pick < 0.4:
        return f"{whole}.{rng.randrange(100):02d}"
    return str(whole)


def _member(rng: random.Random, index: int, on: dt.date, relation: str, age: int) -> dict[str, Any]:
    born = on - dt.timedelta(days=365 * age + rng.randrange(365))
    member: dict[str, Any] = {"id": f"p{index}", "relation": relation}
    if rng.random() < 0.7:
        member["name"] = rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN)
    if rng.random() < 0.1:
        member["age"] = age
    else:
        member["birth_date"] = born.isoformat()
        if rng.random() < 0.5:
            member["id_number"] = id_number(rng, born)
    if 6 <= age <= 22:
        member["education"] = rng.choice(_EDUCATION)
    elif 18 <= age < 65:
        member["employment"] = rng.choice(_ADULT_JOBS)
    elif age >= 65:
        member["employment"] = "retired"
    if rng.random() < 0.08:
        member["disability"] = {
            "category": rng.choice(("physical", "visual", "mental")),
            "grade": rng.randint(1, 4),
        }
    if rng.random() < 0.06:
        member["serious_illness"] = True
    return member


def household(rng: random.Random, number: int, seed: int) -> dict[str, Any]:
    """Return one synthetic household (a plain dict, as decoded from JSON)."""
    on = rng.choice(_DATES)
    size = rng.randint(1, 6)
    members = [_member(rng, 1, on, "applicant", rng.randint(25, 70))]
    for i in range(2, size + 1):
        relation = rng.choice(("spouse", "child", "child", "parent", "grandchild", "sibling"))
        age = rng.randint(0, 17) if relation in ("child", "grandchild") else rng.randint(20, 85)
        members.append(_member(rng, i, on, relation, age))
    if size > 1 and rng.random() < 0.05:
        members[-1]["status"] = "imprisoned"
    ids = [m["id"] for m in members]
    # One item per (member, type): what a case roll with typed columns can hold.
    earners = {(rng.choice(ids), rng.choice(_INCOME_TYPES)) for _ in range(rng.randint(1, 4))}
    incomes = [
        {"member": member, "type": kind, "amount": _money(rng, 50, 1500), "per": "month"}
        for member, kind in sorted(earners)
    ]
    if rng.random() < 0.5:
        incomes.append({"type": "farming", "amount": _money(rng, 500, 9000), "per": "year"})
    claims = {(rng.choice(ids), rng.choice(_EXPENSE_TYPES)) for _ in range(rng.randint(0, 3))}
    expenses = [
        {"member": member, "type": kind, "amount": _money(rng, 100, 6000), "per": "year"}
        for member, kind in sorted(claims)
    ]
    assets: list[dict[str, Any]] = [{"type": "deposit", "value": _money(rng, 0, 30000)}]
    if rng.random() < 0.6:
        assets.append({"type": "housing", "count": rng.choice((1, 1, 1, 2))})
    if rng.random() < 0.3:
        kind = rng.choice(("motorcycle", "tricycle", "car", "farm_machine"))
        assets.append(
            {
                "type": "vehicle",
                "kind": kind,
                "value": _money(rng, 1000, 60000),
                "for_livelihood": rng.random() < 0.3,
            }
        )
    record: dict[str, Any] = {
        "id": f"SYN{seed}-{number:07d}",
        "region": "431022",
        "area": "rural",
        "assessed_on": on.isoformat(),
        "members": members,
        "incomes": incomes,
    }
    if expenses:
        record["expenses"] = expenses
    record["assets"] = assets
    return record


_TOWNSHIPS = {
    "梅田镇": ("新村", "梅田村", "石门村"),
    "玉溪镇": ("东风村", "玉溪社区"),
    "黄沙镇": ("黄沙村", "沙坪村", "河边村"),
}
_CURRENT = ("dibao",) * 14 + ("dibao_single", "edge", "edge", "not_eligible", "phase_out")


def optional_fields(rng: random.Random, record: dict[str, Any]) -> dict[str, Any]:
    """The optional fields of a county roll (see the module docstring), in place."""
    township = rng.choice(sorted(_TOWNSHIPS))
    record["township"] = township
    record["village"] = rng.choice(_TOWNSHIPS[township])
    if rng.random() < 0.6:
        status = rng.choice(_CURRENT)
        current: dict[str, Any] = {"status": status}
        if status in ("dibao", "dibao_single", "phase_out"):
            current["monthly_benefit"] = _money(rng, 100, 1500)
        if status == "phase_out" or rng.random() < 0.3:
            on = dt.date.fromisoformat(record["assessed_on"])
            current["since"] = (on - dt.timedelta(days=rng.randint(30, 400))).isoformat()
        record["current"] = current
    applicant = record["members"][0]
    born = applicant.get("birth_date")
    age = applicant["age"] if born is None else int(record["assessed_on"][:4]) - int(born[:4])
    if rng.random() < 0.1 and age >= 60:
        applicant["supporters"] = [
            {"relation": "child", "able_to_support": rng.random() < 0.5}
            for _ in range(rng.randint(1, 2))
        ]
    if rng.random() < 0.03:
        record["single_parent_family"] = True
    return record


def households(n: int, seed: int = 1, *, optional: bool = False) -> Iterator[dict[str, Any]]:
    """Yield ``n`` synthetic households, the same ones for the same seed (``optional``:
    with the optional fields of a county roll)."""
    rng = random.Random(seed)  # noqa: S311 - made-up test data, not a secret
    more = random.Random(-seed)  # noqa: S311 - the optional fields' own stream
    for number in range(1, n + 1):
        record = household(rng, number, seed)
        yield optional_fields(more, record) if optional else record


def jsonl_lines(n: int, seed: int = 1, *, optional: bool = False) -> Iterator[str]:
    """Yield ``n`` synthetic households as JSON Lines (with the newline)."""
    for record in households(n, seed, optional=optional):
        yield json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):
        print("usage: python benchmarks/synth.py [COUNT [SEED]] [--optional] > roll.jsonl")
        print("  e.g. python benchmarks/synth.py 1000 > roll.jsonl (COUNT 1000, SEED 1)")
        sys.exit(0)
    args = [a for a in sys.argv[1:] if a != "--optional"]
    count = int(args[0]) if args else 1000
    seed_arg = int(args[1]) if len(args) > 1 else 1
    sys.stdout.writelines(jsonl_lines(count, seed_arg, optional="--optional" in sys.argv))
