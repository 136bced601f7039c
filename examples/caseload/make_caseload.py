"""Write the synthetic Yizhang case roll used by the comparison examples.

    python examples/caseload/make_caseload.py > examples/caseload/yizhang-caseload.jsonl

A few hundred rural Yizhang (431022) households, seeded so the file is the same on every
run: mostly low-income farming and migrant-work families, with the elderly living
alone, disabled and seriously ill members, children at school, some savings, a few
vehicles. Names are made up; there are no ID numbers. The mix is meant to look like a
county's roll, not to match any real one.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any

SEED = 20261201
HOUSEHOLDS = 300
ASSESSED_ON = "2026-12-01"
_SURNAMES = "邓黄李刘陈王曾欧谢彭肖罗胡周吴"
_GIVEN = "建国秀英小明红梅德华春兰志强丽娟文"


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN)


def _birth(rng: random.Random, age: int) -> str:
    return f"{2026 - age}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def household(rng: random.Random, number: int) -> dict[str, Any]:  # noqa: PLR0912 - one branch per field
    """One household: members first, then incomes, expenses and assets that fit them."""
    size = rng.choices((1, 2, 3, 4, 5, 6), weights=(22, 24, 24, 18, 8, 4))[0]
    members: list[dict[str, Any]] = []
    if size == 1:
        age = rng.choice((rng.randint(62, 88), rng.randint(30, 59)))
        members.append(
            {
                "id": "p1",
                "name": _name(rng),
                "relation": "applicant",
                "birth_date": _birth(rng, age),
                "employment": "unable" if age >= 62 else "farming",
                "supporters": [{"relation": "child", "able_to_support": rng.random() < 0.5}],
            }
        )
    else:
        adult = rng.randint(28, 58)
        members.append(
            {
                "id": "p1",
                "name": _name(rng),
                "relation": "applicant",
                "birth_date": _birth(rng, adult),
                "employment": rng.choice(("farming", "employed", "unemployed")),
            }
        )
        if size >= 2 and rng.random() < 0.8:
            members.append(
                {
                    "id": "p2",
                    "name": _name(rng),
                    "relation": "spouse",
                    "birth_date": _birth(rng, adult + rng.randint(-3, 3)),
                    "employment": rng.choice(("farming", "employed", "unable")),
                }
            )
        while len(members) < size:
            index = len(members) + 1
            if rng.random() < 0.25:
                members.append(
                    {
                        "id": f"p{index}",
                        "relation": "parent",
                        "birth_date": _birth(rng, rng.randint(65, 85)),
                        "employment": "unable",
                    }
                )
            else:
                age = rng.randint(3, 20)
                child: dict[str, Any] = {
                    "id": f"p{index}",
                    "relation": "child",
                    "birth_date": _birth(rng, age),
                }
                if age >= 6:
                    child["education"] = (
                        "primary"
                        if age < 12
                        else "junior_secondary"
                        if age < 15
                        else "senior_secondary"
                    )
                members.append(child)
    for m in members:
        if rng.random() < 0.08:
            m["disability"] = {
                "category": rng.choice(("physical", "intellectual", "visual")),
                "grade": rng.randint(1, 4),
            }
        if rng.random() < 0.07:
            m["serious_illness"] = True
    # Monthly counted income per person, drawn around the standard (380-420 a month).
    per_capita = rng.choice((rng.uniform(80, 380), rng.uniform(300, 600), rng.uniform(500, 1400)))
    total = round(per_capita * len(members))
    earners = [m for m in members if m.get("employment") in ("employed", "farming")]
    incomes = []
    if earners:
        for m in earners:
            kind = "wage" if m["employment"] == "employed" else "farming"
            share = total // len(earners)
            incomes.append(
                {"member": m["id"], "type": kind, "amount": str(share * 12), "per": "year"}
            )
    else:
        incomes.append({"type": "support_received", "amount": str(total), "per": "month"})
    if any(m.get("relation") == "parent" or m.get("employment") == "unable" for m in members):
        incomes.append({"type": "basic_pension", "amount": "153", "per": "month"})
    expenses = []
    for m in members:
        if m.get("serious_illness"):
            expenses.append(
                {
                    "member": m["id"],
                    "type": "medical",
                    "amount": str(rng.randint(2000, 12000)),
                    "per": "year",
                }
            )
        if m.get("education") in ("junior_secondary", "senior_secondary") and rng.random() < 0.7:
            expenses.append(
                {
                    "member": m["id"],
                    "type": "education",
                    "amount": str(rng.randint(150, 450)),
                    "per": "month",
                }
            )
    assets: list[dict[str, Any]] = [{"type": "housing", "count": 1}]
    if rng.random() < 0.6:
        assets.append({"type": "deposit", "value": str(rng.randint(0, 12000) * len(members))})
    if rng.random() < 0.15:
        assets.append(
            {
                "type": "vehicle",
                "kind": rng.choice(("motorcycle", "tricycle", "car")),
                "value": "8000",
                "for_livelihood": rng.random() < 0.5,
            }
        )
    return {
        "id": f"YZ-2026-{number:04d}",
        "region": "431022",
        "area": "rural",
        "assessed_on": ASSESSED_ON,
        "members": members,
        "incomes": incomes,
        "expenses": expenses,
        "assets": assets,
    }


def main() -> None:
    """Write the case roll as JSON Lines to stdout."""
    rng = random.Random(SEED)  # noqa: S311 - a seeded, reproducible sample, not a secret
    for number in range(1, HOUSEHOLDS + 1):
        sys.stdout.write(json.dumps(household(rng, number), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
