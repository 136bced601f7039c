"""Hypothesis strategies for households in the contract format (`meanstest.household/1`).

Two families, both producing JSON-ready dicts (only str, int, float, bool, None, list
and dict, so ``json.dumps`` writes them as a caseworker's file would be written):

- `households()`: valid Yizhang households (region 431022, rural, assessed between
  2021-07-01 and 2026-12-31, 1–6 members with exactly one applicant and unique ids,
  items that refer to existing members or to none, the type vocabularies declared in
  rules/000000-national.yaml, money as ints or strings with at most two decimals).
  Every household it draws must parse and assess without error.
- `nearly_valid()`: a valid household with one mutation, drawn as ``(name, data)``;
  `MUTATIONS` lists the names. `bad_texts()` adds file-level damage (truncated JSON, a
  duplicate key, a bare NaN, deep nesting, a byte-order mark, GBK bytes).

Used by tests/test_fuzz.py, tests/test_properties.py and benchmarks/fuzz_long.py.
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from meanstest.model import vocabulary as V
from meanstest.model.vocabulary import codes

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT / "rules" / "000000-national.yaml"

REGION = "431022"
FIRST_DAY = dt.date(2021, 7, 1)
LAST_DAY = dt.date(2026, 12, 31)


def _vocabulary() -> tuple[tuple[str, ...], tuple[str, ...]]:
    with NATIONAL.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return tuple(data["income_types"]), tuple(data["expense_types"])


INCOME_TYPES, EXPENSE_TYPES = _vocabulary()
# The contract's vocabularies (a new code is drawn as soon as it is added there).
ASSET_TYPES = codes(V.AssetType)
VEHICLE_KINDS = codes(V.VehicleKind)
RELATIONS = tuple(r for r in codes(V.Relation) if r != "applicant")
EDUCATION = codes(V.Education)
EMPLOYMENT = codes(V.Employment)
STATUSES = tuple(s for s in codes(V.MemberStatus) if s != "resident")
DISABILITY = codes(V.DisabilityCategory)
SELF_CARE = codes(V.SelfCareActivity)
PARENT_CONDITIONS = codes(V.ParentCondition)
CURRENT_STATUSES = codes(V.CurrentStatus)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# Ids and names: letters, digits, Chinese, a few marks; never whitespace (the models
# strip it, which could make two ids equal) and never empty.
_ID_ALPHABET = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-_.#邓李王张小明红")


# ------------------------------------------------------------------ building blocks


def id_number_for(born: dt.date, region: str = REGION, serial: int = 0) -> str:
    """Return a resident ID number (GB 11643) with a correct check digit."""
    body = f"{region}{born:%Y%m%d}{serial % 1000:03d}"
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + _ID_CHECK[total % 11]


def wrong_check_digit(number: str) -> str:
    """Return ``number`` with a check digit that does not match."""
    return number[:17] + next(c for c in "0123456789X" if c != number[17])


def money_text(cents: int, form: int) -> int | str:
    """Write an amount of fen as the contract allows: an int, or a string with ≤ 2 decimals."""
    yuan, fen = divmod(cents, 100)
    if fen == 0 and form == 0:
        return yuan
    if fen == 0 and form == 1:
        return str(yuan)
    if fen % 10 == 0 and form == 2:
        return f"{yuan}.{fen // 10}"
    return f"{yuan}.{fen:02d}"


@st.composite
def money(draw: st.DrawFn, max_yuan: int = 200_000) -> int | str:
    """An amount in yuan, mostly where the thresholds are, sometimes up to ``max_yuan``.

    Yizhang's standard is 380 yuan a month (4,560 a year) per person, so most amounts
    are a month's or a year's income of a poor household.
    """
    cents = draw(
        st.one_of(
            st.integers(0, 600_00),
            st.integers(0, 12_000_00),
            st.integers(0, 100).map(lambda c: c * 1000),
            st.integers(0, max_yuan * 100),
        )
    )
    return money_text(min(cents, max_yuan * 100), draw(st.integers(0, 3)))


def dates(first: dt.date, last: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=first, max_value=last)


def _parents(others: list[str], on: dt.date) -> st.SearchStrategy[list[dict[str, Any]]]:
    """A child's parents: other members, or the condition of an absent parent."""
    absent = st.fixed_dictionaries(
        {"condition": st.sampled_from(PARENT_CONDITIONS)},
        optional={"since": dates(dt.date(2000, 1, 1), on).map(dt.date.isoformat)},
    )
    return st.lists(
        st.one_of(st.fixed_dictionaries({"member": st.sampled_from(others)}), absent), max_size=2
    )


_SUPPORTERS = st.lists(
    st.fixed_dictionaries(
        {
            "relation": st.sampled_from(("child", "spouse", "parent", "sibling", "other")),
            "able_to_support": st.booleans(),
        },
        optional={"reason": st.text(max_size=10)},
    ),
    max_size=3,
)


@st.composite
def member(
    draw: st.DrawFn,
    member_id: str,
    relation: str,
    on: dt.date,
    others: list[str],
    *,
    supporters: bool,
) -> dict[str, Any]:
    """One member, with a random subset of the optional fields."""
    m: dict[str, Any] = {"id": member_id, "relation": relation}
    if draw(st.booleans()):
        m["name"] = draw(st.text(_ID_ALPHABET, min_size=1, max_size=8))
    if draw(st.integers(0, 3)):
        born = draw(dates(dt.date(1895, 1, 1), on))
        m["birth_date"] = born.isoformat()
        if draw(st.integers(0, 4)) == 0:
            m["id_number"] = id_number_for(born, serial=draw(st.integers(0, 999)))
    else:
        m["age"] = draw(st.integers(0, 110))
    # (field, drawn one time in n, strategy)
    optional: list[tuple[str, int, st.SearchStrategy[Any]]] = [
        (
            "disability",
            4,
            st.fixed_dictionaries(
                {"category": st.sampled_from(DISABILITY), "grade": st.integers(1, 4)}
            ),
        ),
        ("serious_illness", 4, st.booleans()),
        ("education", 2, st.sampled_from(EDUCATION)),
        ("employment", 2, st.sampled_from(EMPLOYMENT)),
        ("status", 6, st.sampled_from(("resident", *STATUSES))),
        ("self_care_failed", 6, st.lists(st.sampled_from(SELF_CARE), unique=True, max_size=6)),
    ]
    if supporters:
        optional.append(("supporters", 4, _SUPPORTERS))
    if others:
        optional.append(("parents", 6, _parents(others, on)))
    for field, one_in, strategy in optional:
        if draw(st.integers(1, one_in)) == 1:
            m[field] = draw(strategy)
    return m


def _member_ref(ids: list[str]) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), st.sampled_from(ids))


@st.composite
def income(
    draw: st.DrawFn,
    ids: list[str],
    types: tuple[str, ...] = INCOME_TYPES,
) -> dict[str, Any]:
    item: dict[str, Any] = {}
    ref = draw(_member_ref(ids))
    if ref is not None:
        item["member"] = ref
    item["type"] = draw(st.sampled_from(types))
    item["amount"] = draw(money())
    item["per"] = draw(st.sampled_from(("month", "year")))
    return item


@st.composite
def expense(
    draw: st.DrawFn,
    ids: list[str],
    types: tuple[str, ...] = EXPENSE_TYPES,
) -> dict[str, Any]:
    item: dict[str, Any] = {}
    ref = draw(_member_ref(ids))
    if ref is not None:
        item["member"] = ref
    item["type"] = draw(st.sampled_from(types))
    item["amount"] = draw(money(max_yuan=50_000))
    item["per"] = draw(st.sampled_from(("month", "year")))
    return item


@st.composite
def asset(draw: st.DrawFn, ids: list[str], on: dt.date | None = None) -> dict[str, Any]:
    """An asset; housing may be dated (``acquired_on``) up to 6 years before ``on``, and
    most often around 36 months before it (a county's recent-housing limit)."""
    kind = draw(st.sampled_from(ASSET_TYPES))
    item: dict[str, Any] = {"type": kind}
    if kind != "housing" or draw(st.booleans()):
        item["value"] = draw(money(max_yuan=draw(st.sampled_from((20_000, 2_000_000)))))
    if kind == "vehicle":
        item["kind"] = draw(st.sampled_from(VEHICLE_KINDS))
    if kind == "housing" and draw(st.booleans()):
        item["count"] = draw(st.integers(1, 3))
    if kind == "housing" and on is not None and draw(st.booleans()):
        item["acquired_on"] = draw(_acquired(on)).isoformat()
    if kind in ("vehicle", "business") and draw(st.booleans()):
        item["for_livelihood"] = draw(st.booleans())
    ref = draw(_member_ref(ids))
    if ref is not None and draw(st.booleans()):
        item["member"] = ref
    return item


def _acquired(on: dt.date) -> st.SearchStrategy[dt.date]:
    """A date up to 6 years before ``on``, often 35 to 37 months before it, on the day
    of ``on`` or a day either side (whole months at a boundary, month ends)."""
    months = on.year * 12 + on.month - 1

    def near(back: int, shift: int) -> dt.date:
        year, month = divmod(months - back, 12)
        day = min(on.day, calendar.monthrange(year, month + 1)[1])
        return max(dt.date(year, month + 1, day) + dt.timedelta(days=shift), dt.date(1, 1, 1))

    return st.one_of(
        dates(max(on - dt.timedelta(days=6 * 366), dt.date(1, 1, 1)), on),
        st.builds(near, st.integers(34, 38), st.integers(-1, 1)).filter(lambda d: d <= on),
    )


@st.composite
def current(draw: st.DrawFn, on: dt.date) -> dict[str, Any]:
    status = draw(st.sampled_from(CURRENT_STATUSES))
    out: dict[str, Any] = {"status": status}
    if draw(st.integers(0, 3)):
        out["monthly_benefit"] = draw(money(max_yuan=5_000))
    if status == "phase_out" or draw(st.booleans()):
        out["since"] = draw(dates(on - dt.timedelta(days=600), on)).isoformat()
    return out


# ------------------------------------------------------------------ households


@st.composite
def households(
    draw: st.DrawFn,
    *,
    max_members: int = 6,
    with_current: bool = True,
    supporters: bool = True,
    max_items: int = 5,
    first_day: dt.date = FIRST_DAY,
    last_day: dt.date = LAST_DAY,
    income_types: tuple[str, ...] = INCOME_TYPES,
    expense_types: tuple[str, ...] = EXPENSE_TYPES,
    places: bool = False,
) -> dict[str, Any]:
    """A valid Yizhang household as a JSON-ready dict.

    Args:
        max_members: at most this many members (at least one, exactly one applicant; at
            least one lives in the household: a household whose every member is
            excluded by status is an error, tested apart).
        with_current: may carry ``current`` (renewals: enables phase-out, 渐退).
        supporters: may declare ``supporters``, which can make a member 特困 and so take
            them out of the household's count.
        max_items: at most this many incomes, expenses and assets each.
        first_day, last_day: the range of ``assessed_on``.
        income_types, expense_types: the types items are drawn from (the national
            vocabulary by default; another rule set may declare others).
        places: may give ``township`` and ``village`` (`place_names`).
    """
    on = draw(dates(first_day, last_day))
    n = draw(st.integers(1, max_members))
    ids = draw(
        st.lists(st.text(_ID_ALPHABET, min_size=1, max_size=6), min_size=n, max_size=n, unique=True)
    )
    applicant = draw(st.integers(0, n - 1))
    members = [
        draw(
            member(
                mid,
                "applicant" if i == applicant else draw(st.sampled_from(RELATIONS)),
                on,
                [o for o in ids if o != mid],
                supporters=supporters,
            )
        )
        for i, mid in enumerate(ids)
    ]
    if all(m.get("status", "resident") != "resident" for m in members):
        members[applicant].pop("status")
    h: dict[str, Any] = {}
    if draw(st.integers(0, 3)):
        h["id"] = draw(st.text(_ID_ALPHABET, min_size=1, max_size=12))
    h.update({"region": REGION, "area": "rural", "assessed_on": on.isoformat(), "members": members})
    for field, strategy in (
        ("incomes", income(ids, income_types)),
        ("expenses", expense(ids, expense_types)),
        ("assets", asset(ids, on)),
    ):
        items = draw(st.lists(strategy, max_size=max_items))
        empty_list: bool = draw(st.booleans())  # an empty list, or no field at all
        if items or empty_list:
            h[field] = items
    if with_current and draw(st.integers(0, 3)) == 0:
        h["current"] = draw(current(on))
    for name in ("township", "village") if places else ():
        if draw(st.integers(0, 2)):
            h[name] = draw(place_names())
    return h


_PLACE_ALPHABET = "梅田镇新村玉溪黄沙社区街道乡,.-·（）()ABC 0123"


@st.composite
def place_names(draw: st.DrawFn) -> str:
    """A valid ``township`` or ``village``: 1 to 60 characters once the spaces at either
    end are stripped (as the household model strips them), commas and brackets inside."""
    core = draw(st.text(_PLACE_ALPHABET, min_size=1, max_size=60).filter(lambda t: t.strip()))
    core = core.strip()
    pad = draw(st.sampled_from(("", " ", "\u3000", "\t")))
    return pad + core + draw(st.sampled_from(("", " ")))


@st.composite
def near_the_line(draw: st.DrawFn) -> dict[str, Any]:
    """A household whose counted income is within a few fen a year of a line.

    Everyone is resident and declares no supporters (so no one is 特困 and taken out of
    the count), and there are no assets. Yizhang's rural standard is 4,560 yuan a year
    in every year the strategies use. Two shapes:

    - the household line: one household-level wage item a year of
      ``4560 × size − d`` yuan, ``d`` from 0.00 to 0.12;
    - a single-person line: a seriously ill member with their own wage of
      ``4560 − d`` yuan a year, in an edge household (household-level wage enough to
      put the household between the dibao line and 1.5 times it).
    """
    h = draw(households(max_members=4, with_current=False, supporters=False, max_items=0))
    for m in h["members"]:
        m.pop("status", None)
    size = len(h["members"])
    below = draw(st.integers(0, 12))
    if draw(st.booleans()):
        h["incomes"] = [
            {"type": "wage", "amount": money_text(4560_00 * size - below, 3), "per": "year"}
        ]
        return h
    ill = draw(st.sampled_from(h["members"]))
    ill["serious_illness"] = True
    own = 4560_00 - below
    # Household counted income = own + rest, anywhere in [line, 1.5 × line).
    total = draw(st.integers(max(own, 4560_00 * size), 6840_00 * size - 1))
    h["incomes"] = [
        {"member": ill["id"], "type": "wage", "amount": money_text(own, 3), "per": "year"}
    ]
    if total > own:
        h["incomes"].append({"type": "wage", "amount": money_text(total - own, 3), "per": "year"})
    return h


@st.composite
def at_a_line(
    draw: st.DrawFn,
    standard: int,
    multiplier: Decimal,
    limit_months: Decimal | None,
    *,
    first_day: dt.date = FIRST_DAY,
    last_day: dt.date = LAST_DAY,
    counted_type: str = "wage",
    income_types: tuple[str, ...] = INCOME_TYPES,
    expense_types: tuple[str, ...] = EXPENSE_TYPES,
) -> dict[str, Any]:
    """A household on, or within a few fen of, a line the rules draw.

    ``standard`` is the yearly standard in fen. The household (everyone resident, no
    supporters) has one household-level income of ``counted_type`` a year, so that its
    counted income is the dibao line (standard × size), the edge line (× the
    multiplier), a gap of half a fen a month, or a few fen either side; it may also have
    a seriously ill member whose own income is near the standard (single-person
    enrolment), a deposit exactly at the financial limit, and a few other items.
    """
    h = draw(
        households(
            max_members=4,
            with_current=False,
            supporters=False,
            max_items=2,
            first_day=first_day,
            last_day=last_day,
            income_types=income_types,
            expense_types=expense_types,
        )
    )
    for m in h["members"]:
        m.pop("status", None)
        m.pop("parents", None)
    n = len(h["members"])
    line = standard * n
    targets = [line, int(line * multiplier), line - 6, line - 18, line - 30, line + 6]
    target = max(0, draw(st.sampled_from(targets)) + draw(st.integers(-13, 13)))
    h["incomes"] = [
        *h.get("incomes", []),
        {"type": counted_type, "amount": money_text(target, 3), "per": "year"},
    ]
    if draw(st.booleans()):
        ill = draw(st.sampled_from(h["members"]))
        ill["serious_illness"] = True
        h["incomes"].append(
            {
                "member": ill["id"],
                "type": counted_type,
                "per": "year",
                "amount": money_text(max(0, standard + draw(st.integers(-13, 6))), 3),
            }
        )
    if limit_months is not None and draw(st.booleans()):
        at_limit = standard * limit_months * n / 12
        deposit = int(at_limit) + draw(st.sampled_from((0, 0, 1, -1)))
        h["assets"] = [{"type": "deposit", "value": money_text(max(deposit, 0), 3)}]
    return h


@st.composite
def renewals(draw: st.DrawFn) -> dict[str, Any]:
    """A renewal (`current` dibao or dibao_single) whose applicant now earns a wage.

    When the wage lifts the household above the line, phase-out (渐退) applies and
    pays ``current.monthly_benefit`` (0 when the field is left out).
    """
    h = draw(households(with_current=False))
    on = dt.date.fromisoformat(h["assessed_on"])
    applicant = next(m for m in h["members"] if m["relation"] == "applicant")
    applicant["employment"] = "employed"
    applicant.pop("status", None)
    h.setdefault("incomes", []).append(
        {
            "member": applicant["id"],
            "type": "wage",
            "per": "month",
            "amount": money_text(draw(st.integers(0, 3000_00)), draw(st.integers(0, 3))),
        }
    )
    h["current"] = draw(current(on))
    h["current"]["status"] = draw(st.sampled_from(("dibao", "dibao_single")))
    return h


@st.composite
def tekun_near_the_standard(draw: st.DrawFn) -> dict[str, Any]:
    """A household of people who may all be 特困, one with own income near the standard.

    Every member is 70 or over or under 18 (so no one is a co-resident supporter, Art. 8)
    and declares no supporter outside; one has a pension a little below 380 a month and
    a medical expense. All are 特困 and supported apart, so no one is counted in the
    household's dibao until that member's income reaches the standard.
    """
    on = draw(dates(FIRST_DAY, LAST_DAY))
    n = draw(st.integers(1, 3))
    members: list[dict[str, Any]] = [
        {
            "id": f"p{i + 1}",
            "relation": "applicant" if i == 0 else "other",
            "age": draw(st.one_of(st.integers(70, 100), st.integers(0, 17))),
            "supporters": [],
        }
        for i in range(n)
    ]
    person = draw(st.sampled_from(members))["id"]
    return {
        "region": REGION,
        "area": "rural",
        "assessed_on": on.isoformat(),
        "members": members,
        "incomes": [
            {
                "member": person,
                "type": "pension",
                "per": "month",
                "amount": money_text(380_00 - draw(st.integers(1, 60_00)), 3),
            }
        ],
        "expenses": [
            {
                "member": person,
                "type": "medical",
                "per": "month",
                "amount": money_text(draw(st.integers(0, 200_00)), 3),
            }
        ],
    }


# ------------------------------------------------------------------ nearly valid

Mutator = Callable[[st.DrawFn, dict[str, Any]], Any]


def _items(h: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every object in the household that a mutation can touch, with its kind."""
    out: list[tuple[str, dict[str, Any]]] = [("household", h)]
    for m in h["members"]:
        out.append(("member", m))
        if "disability" in m:
            out.append(("disability", m["disability"]))
        out += [("supporter", s) for s in m.get("supporters", ())]
    for field in ("incomes", "expenses", "assets"):
        out += [(field, item) for item in h.get(field, ())]
    if "current" in h:
        out.append(("current", h["current"]))
    return out


def _money_slots(h: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    slots = [(i, "amount") for f in ("incomes", "expenses") for i in h.get(f, ())]
    slots += [(a, "value") for a in h.get("assets", ())]
    if "current" in h:
        slots.append((h["current"], "monthly_benefit"))
    return slots


@st.composite
def _money_slot(draw: st.DrawFn, h: dict[str, Any]) -> tuple[dict[str, Any], str]:
    slots = _money_slots(h)
    if not slots:
        h.setdefault("incomes", []).append({"type": "wage", "amount": "100", "per": "month"})
        slots = _money_slots(h)
    slot: tuple[dict[str, Any], str] = draw(st.sampled_from(slots))
    return slot


_REQUIRED = {
    "household": ("area", "members"),
    "member": ("id", "relation", "birth_date", "age"),
    "disability": ("category", "grade"),
    "supporter": ("relation", "able_to_support"),
    "incomes": ("type", "amount", "per"),
    "expenses": ("type", "amount", "per"),
    "assets": ("type", "kind"),
    "current": ("status", "since"),
}

_WRONG_TYPES: dict[str, list[tuple[str, Any]]] = {
    "household": [
        ("area", 1),
        ("members", {}),
        ("members", "p1"),
        ("incomes", {}),
        ("region", 431022),
        ("assessed_on", 20211201),
        ("id", 12),
        ("current", "dibao"),
        ("assets", None),
    ],
    "member": [
        ("age", "45"),
        ("age", 45.0),
        ("age", True),
        ("serious_illness", "yes"),
        ("serious_illness", 1),
        ("id", 7),
        ("relation", None),
        ("disability", "1级"),
        ("birth_date", 19850302),
        ("self_care_failed", "eating"),
        ("supporters", {"relation": "child"}),
        ("name", ["a"]),
    ],
    "disability": [("grade", "2"), ("grade", 2.0), ("grade", True), ("category", 3)],
    "supporter": [("able_to_support", "no"), ("relation", 1)],
    "incomes": [
        ("amount", True),
        ("amount", [100]),
        ("amount", {"v": 1}),
        ("per", 12),
        ("type", 3),
        ("member", 1),
    ],
    "expenses": [("amount", None), ("per", ["month"])],
    "assets": [("value", False), ("count", "2"), ("count", 2.0), ("for_livelihood", "yes")],
    "current": [("monthly_benefit", "about 500"), ("since", 2021)],
}


def _pick_member(draw: st.DrawFn, h: dict[str, Any], *, dated: bool = False) -> dict[str, Any]:
    """A member; with ``dated`` their age and ID number removed, ready for a birth date."""
    m: dict[str, Any] = draw(st.sampled_from(h["members"]))
    if dated:
        m.pop("age", None)
        m.pop("id_number", None)
    return m


def _remove_required(draw: st.DrawFn, h: dict[str, Any]) -> Any:
    kind, obj = draw(st.sampled_from([x for x in _items(h) if x[0] in _REQUIRED]))
    present = [k for k in _REQUIRED[kind] if k in obj]
    if present:
        del obj[draw(st.sampled_from(present))]
    return h


def _unknown_field(draw: st.DrawFn, h: dict[str, Any]) -> Any:
    _, obj = draw(st.sampled_from(_items(h)))
    key = draw(st.sampled_from(("colour", "Amount", "memeber", "备注", "amount ", "_x")))
    obj[key] = draw(st.sampled_from((1, "x", None, [], {})))
    return h


def _wrong_type(draw: st.DrawFn, h: dict[str, Any]) -> Any:
    choices = [(obj, k, v) for kind, obj in _items(h) for k, v in _WRONG_TYPES[kind]]
    obj, key, value = draw(st.sampled_from(choices))
    obj[key] = value
    return h


def _set_money(values: tuple[Any, ...]) -> Mutator:
    def mutate(draw: st.DrawFn, h: dict[str, Any]) -> Any:
        obj, key = draw(_money_slot(h))
        obj[key] = draw(st.sampled_from(values))
        return h

    return mutate


def _huge_number(draw: st.DrawFn, h: dict[str, Any]) -> Any:
    target = draw(st.sampled_from(("money", "age", "grade", "count")))
    huge = draw(
        st.sampled_from(
            (10**30, 10**12, "9" * 400, "1" + "0" * 40, 1e308, "1000000000000.00", 2**63)
        )
    )
    if target == "money":
        obj, key = draw(_money_slot(h))
        obj[key] = huge
    elif target == "age":
        m = _pick_member(draw, h, dated=True)
        m.pop("birth_date", None)
        m["age"] = huge if isinstance(huge, int) else 10**20
    elif target == "grade":
        _pick_member(draw, h)["disability"] = {"category": "visual", "grade": 10**20}
    else:
        h.setdefault("assets", []).append({"type": "housing", "count": 10**15})
    return h


def _bad_date(draw: st.DrawFn, h: dict[str, Any]) -> Any:
    bad = draw(
        st.sampled_from(
            (
                "2021-02-30",
                "2021-13-01",
                "yesterday",
                "",
                "0000-00-00",
                "2021/07/01",
                "21-07-01",
                "2021-07-01T25:00",
                "２０２１-07-01",
            )
        )
    )
    where = draw(st.sampled_from(("assessed_on", "birth_date", "since", "acquired_on")))
    if where == "assessed_on":
        h["assessed_on"] = bad
    elif where == "acquired_on":
        h.setdefault("assets", []).append({"type": "housing", "acquired_on": bad})
    elif where == "birth_date":
        _pick_member(draw, h, dated=True)["birth_date"] = bad
    else:
        h["current"] = {"status": "phase_out", "since": bad}
    return h


def _date_out_of_range(draw: st.DrawFn, h: dict[str, Any]) -> Any:
    where = draw(
        st.sampled_from(("before_rules", "born_after", "far_future", "ancient", "acquired_after"))
    )
    if where == "acquired_after":
        later = dt.timedelta(days=draw(st.integers(1, 4000)))
        acquired = (dt.date.fromisoformat(h["assessed_on"]) + later).isoformat()
        h.setdefault("assets", []).append({"type": "housing", "acquired_on": acquired})
    elif where == "before_rules":
        h["assessed_on"] = draw(dates(dt.date(1, 1, 1), dt.date(2021, 6, 30))).isoformat()
    elif where == "born_after":
        later = dt.timedelta(days=draw(st.integers(1, 4000)))
        _pick_member(draw, h, dated=True)["birth_date"] = (
            dt.date.fromisoformat(h["assessed_on"]) + later
        ).isoformat()
    elif where == "far_future":
        h["assessed_on"] = "9999-12-31"
    else:
        _pick_member(draw, h, dated=True)["birth_date"] = "0001-01-01"
    return h


def _dangling_member(draw: st.DrawFn, h: dict[str, Any]) -> Any:
    ids = [m["id"] for m in h["members"]]
    ghost = draw(st.sampled_from(("nobody", "P1", "", " ")))
    ghost = ghost if ghost.strip() not in ids else "nobody-" + "x" * 7
    where = draw(st.sampled_from(("incomes", "expenses", "assets", "parents")))
    if where == "incomes":
        h.setdefault("incomes", []).append(
            {"member": ghost, "type": "wage", "amount": "1", "per": "month"}
        )
    elif where == "expenses":
        h.setdefault("expenses", []).append(
            {"member": ghost, "type": "medical", "amount": 1, "per": "year"}
        )
    elif where == "assets":
        h.setdefault("assets", []).append({"member": ghost, "type": "deposit", "value": 1})
    else:
        _pick_member(draw, h)["parents"] = [{"member": ghost}]
    return h


def _duplicate_member_id(draw: st.DrawFn, h: dict[str, Any]) -> Any:
    copied = copy.deepcopy(_pick_member(draw, h))
    copied["relation"] = "other"
    h["members"].insert(draw(st.integers(0, len(h["members"]))), copied)
    return h


def _unknown_type(draw: st.DrawFn, h: dict[str, Any]) -> Any:
    field = draw(st.sampled_from(("incomes", "expenses")))
    bad = draw(
        st.sampled_from(("lottery", "WAGE", "wa ge", "工资", "salary", "x" * 41, "dibao_benefit"))
    )
    h.setdefault(field, []).append({"type": bad, "amount": 10, "per": "month"})
    return h


def _bad_id_number(draw: st.DrawFn, h: dict[str, Any]) -> Any:
    born = dt.date(1980, 2, 29)
    good = id_number_for(born)
    m = _pick_member(draw, h, dated=True)
    m["birth_date"] = born.isoformat()
    m["id_number"] = draw(
        st.sampled_from(
            (
                wrong_check_digit(good),
                good[:17],
                good + "1",
                good[:17] + "x",
                "43102219810229001X",
                "一" * 18,
                "43102219800229001" + "Ⅹ",
            )
        )
    )
    return h


def _applicants(draw: st.DrawFn, h: dict[str, Any]) -> Any:
    if draw(st.booleans()) or len(h["members"]) == 1:
        h["members"].append({"id": "second-" + "a" * 5, "relation": "applicant", "age": 40})
    else:
        for m in h["members"]:
            if m["relation"] == "applicant":
                m["relation"] = "spouse"
    return h


def _set(field: str, values: tuple[Any, ...]) -> Mutator:
    def mutate(draw: st.DrawFn, h: dict[str, Any]) -> Any:
        h[field] = draw(st.sampled_from(values))
        return h

    return mutate


def _not_an_object(draw: st.DrawFn, h: dict[str, Any]) -> Any:
    return draw(st.sampled_from(([h], "household", None, 42, True, [])))


def _bad_enum(draw: st.DrawFn, h: dict[str, Any]) -> Any:
    choices: list[tuple[dict[str, Any], str, Any]] = []
    for m in h["members"]:
        choices += [
            (m, "relation", "friend"),
            (m, "education", "phd"),
            (m, "status", "dead"),
            (m, "employment", "student"),
            (m, "self_care_failed", ["eating"] * 2),
            (m, "self_care_failed", ["flying"]),
        ]
    choices += [(a, "type", "gold") for a in h.get("assets", ())]
    choices += [(i, "per", "week") for i in h.get("incomes", ())]
    choices += [(h, "current", {"status": "tekun"}), (h, "current", {"status": "phase_out"})]
    obj, key, value = draw(st.sampled_from(choices))
    obj[key] = value
    return h


def _bad_nested(draw: st.DrawFn, h: dict[str, Any]) -> Any:
    choice = draw(st.integers(0, 5))
    m = _pick_member(draw, h)
    if choice == 0:
        h.setdefault("assets", []).append({"type": "deposit", "kind": "car", "value": 1})
    elif choice == 1:
        h.setdefault("assets", []).append({"type": "vehicle", "value": 1})
    elif choice == 2:
        m["parents"] = [{"condition": "dead"}] * 3
    elif choice == 3:
        m["parents"] = [{"member": h["members"][0]["id"], "condition": "dead"}]
    elif choice == 4:
        m["parents"] = [{"member": m["id"]}]
    else:
        m["age"] = 30
        m["birth_date"] = "1990-01-01"
    return h


def _too_many(draw: st.DrawFn, h: dict[str, Any]) -> Any:
    what = draw(st.sampled_from(("members", "id", "name")))
    if what == "members":
        h["members"] += [{"id": f"m{i}", "relation": "other", "age": 1} for i in range(51)]
    elif what == "id":
        _pick_member(draw, h)["id"] = "x" * 41
    else:
        _pick_member(draw, h)["name"] = "名" * 61
    return h


_MUTATORS: dict[str, Mutator] = {
    "remove_required": _remove_required,
    "unknown_field": _unknown_field,
    "wrong_type": _wrong_type,
    "negative_money": _set_money((-1, "-0.01", "-100", -5000)),
    "three_decimals": _set_money(("12.345", "0.001", "100.001", "1.105", "0.0001")),
    "nan_or_infinity": _set_money(
        (
            "NaN",
            "Infinity",
            "-Infinity",
            "nan",
            "inf",
            "sNaN",
            float("nan"),
            float("inf"),
            float("-inf"),
        )
    ),
    "huge_number": _huge_number,
    "bad_date": _bad_date,
    "date_out_of_range": _date_out_of_range,
    "dangling_member": _dangling_member,
    "duplicate_member_id": _duplicate_member_id,
    "unknown_type": _unknown_type,
    "bad_id_number": _bad_id_number,
    "applicants": _applicants,
    "bad_region": _set(
        "region", ("43102", "4310221", "999999", "abcdef", "", "431022 x", "４３１０２２")
    ),
    # Yizhang has no urban standard: "urban" is valid input the rules cannot assess.
    "urban_area": _set("area", ("urban", "Rural", "city", "农村")),
    "not_an_object": _not_an_object,
    "odd_money_text": _set_money(
        (
            "1e3",
            "1_000",
            " 12 ",
            "١٢",
            "１２",
            "𝟏𝟐",
            "+5",
            "0x10",
            "12.",
            ".5",
            "00012.30",
            "-0",
            "",
            "100.000",
            "1.10000",
        )
    ),
    "float_money": _set_money((12.5, 0.1, 100.0, 1e-2, 3.14159)),
    "bad_enum": _bad_enum,
    "bad_nested": _bad_nested,
    "too_many": _too_many,
}

MUTATIONS = tuple(_MUTATORS)

# Mutations that must always be refused (a HouseholdInvalid, or for a date or region
# out of range a RuleNotInForce or UnknownRuleSet); the others may leave a valid
# household. A float is refused when a dict is validated directly, but JSON text parses
# every number to Decimal, so a float amount with ≤ 2 decimals is fine in a file.
REFUSED = frozenset(MUTATIONS) - {
    "remove_required",
    "date_out_of_range",
    "odd_money_text",
    "float_money",
}


@st.composite
def nearly_valid(
    draw: st.DrawFn,
    mutations: tuple[str, ...] | frozenset[str] = MUTATIONS,
) -> tuple[str, Any]:
    """A valid household with one mutation: ``(mutation name, JSON-ready data)``.

    Args:
        mutations: the mutations to choose from (default: all of `MUTATIONS`).
    """
    h = copy.deepcopy(draw(households()))
    name = draw(st.sampled_from(sorted(mutations)))
    return name, _MUTATORS[name](draw, h)


@st.composite
def bad_texts(draw: st.DrawFn) -> tuple[str, bytes]:
    """A damaged household file: ``(what, bytes)``."""
    h = draw(households())
    text = json.dumps(h, ensure_ascii=False, indent=draw(st.sampled_from((None, 2))))
    what = draw(
        st.sampled_from(
            (
                "truncated",
                "duplicate_key",
                "bare_nan",
                "deep",
                "bom",
                "gbk",
                "trailing_comma",
                "empty",
                "two_documents",
                "comment",
                "single_quotes",
                "lone_surrogate",
            )
        )
    )
    if what == "truncated":
        out = text[: draw(st.integers(0, max(0, len(text) - 1)))].encode()
    elif what == "duplicate_key":
        out = text.replace('"area": "rural"', '"area": "rural", "area": "urban"', 1).encode()
    elif what == "bare_nan":
        out = text.replace('"members":', '"x": NaN, "members":', 1).encode()
    elif what == "deep":
        depth = draw(st.sampled_from((100, 5000, 200_000)))
        out = ('{"id": ' + "[" * depth + "]" * depth + "}").encode()
    elif what == "bom":
        out = ("\ufeff" + text).encode() + draw(st.sampled_from((b"", b"\xef\xbb\xbf")))
    elif what == "gbk":
        out = json.dumps({**h, "id": "宜章县低保户"}, ensure_ascii=False).encode("gbk", "replace")
    elif what == "trailing_comma":
        out = (text.rstrip("}").rstrip() + ",}").encode()
    elif what == "empty":
        out = draw(st.sampled_from((b"", b" ", b"\n\n", b"\xef\xbb\xbf")))
    elif what == "two_documents":
        out = (text + "\n" + text).encode()
    elif what == "comment":
        out = ("// household\n" + text).encode()
    elif what == "single_quotes":
        out = text.replace('"', "'").encode()
    else:
        out = text.replace('"members"', '"\\ud800": 1, "members"', 1).encode()
    return what, out


__all__ = [
    "EXPENSE_TYPES",
    "FIRST_DAY",
    "INCOME_TYPES",
    "LAST_DAY",
    "MUTATIONS",
    "REFUSED",
    "REGION",
    "at_a_line",
    "bad_texts",
    "current",
    "households",
    "id_number_for",
    "money",
    "money_text",
    "near_the_line",
    "nearly_valid",
    "place_names",
    "renewals",
    "tekun_near_the_standard",
]
