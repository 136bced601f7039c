"""Children whose parents cannot support them (事实无人抚养儿童), flagged beside dibao.

The test does nothing when the scheme is not in force (its rules are in the
``unsupported_child`` view).
"""

from __future__ import annotations

import datetime as dt

from ..model.household import Household, Member
from ..model.result import ChildFlag, Reason
from ..ruleset.views import Missing, Rule, UnsupportedChildView
from .context import Context, Tracer, whole_months
from .status import disability_qualifies

# A member's own status that is a parent's condition (审核确认办法 Art. 7's statuses;
# a member declared missing, 宣告失踪, is S8's 失踪).
_STATUS_CONDITIONS = {
    "imprisoned": "imprisoned",
    "compulsory_rehab": "compulsory_rehab",
    "missing": "missing",
}
_TOO_RECENT = "_too_recent"
_UNKNOWN_SINCE = "_unknown_since"


def unsupported_children(household: Household, ctx: Context, trace: Tracer) -> dict[str, ChildFlag]:
    """Flag children whose parents cannot support them (事实无人抚养儿童).

    Each parent is in one or more conditions (a member parent may be severely disabled
    and seriously ill); the child qualifies when some pairing of the two parents'
    conditions is one the rules list: both in ``both_parents``, or one in ``one_parent``
    and the other in ``other_parent``.
    """
    rules = ctx.rules.unsupported_child
    if rules is None:
        return {}
    on = ctx.on
    by_id = {m.id: m for m in household.members}
    below = ctx.use(rules.age_below)
    out: dict[str, ChildFlag] = {}
    for child in household.members:
        if child.parents is None or child.age_on(on) >= below:
            continue
        parents = [
            _parent_conditions(
                by_id[p.member] if p.member else None, p.condition, p.since, ctx, rules
            )
            for p in child.parents
        ]
        flagged, shown, rule = _qualifies(parents, ctx, rules)
        code = (
            "child_unsupported"
            if flagged
            else "child_to_verify"
            if flagged is None
            else "child_supported"
        )
        out[child.id] = ChildFlag(flagged, Reason(code, {"parents": ", ".join(shown) or "-"}))
        trace.add("unsupported_child", rule, flagged, member=child.id, parents=shown)
    return out


def _parent_conditions(
    member: Member | None,
    condition: str | None,
    since: dt.date | None,
    ctx: Context,
    rules: UnsupportedChildView,
) -> tuple[str, ...]:
    """A parent's conditions: an absent parent's as declared; a member's from their own
    status, disability and illness (``present`` when none applies).

    A condition that must last (``min_months_for``) and has not lasted ``min_months`` is
    ``<condition>_too_recent``; one whose start is not given ``<condition>_unknown_since``.
    """
    if member is None:
        assert condition is not None  # noqa: S101 - the model requires member or condition
        found: list[str] = [condition]
    else:
        found = []
        if member.status in _STATUS_CONDITIONS:
            found.append(_STATUS_CONDITIONS[member.status])
        if disability_qualifies(member, ctx.use(rules.severe_disability)):
            found.append("severely_disabled")
        if member.serious_illness:
            found.append("seriously_ill")
        if not found:
            return ("present",)
    lasting = ctx.use(rules.min_months_for)
    out = []
    for c in found:
        suffix = ""
        if c in lasting:
            if since is None:
                suffix = _UNKNOWN_SINCE
            elif whole_months(since, ctx.on) < ctx.use(rules.min_months):
                suffix = _TOO_RECENT
        out.append(c + suffix)
    return tuple(out)


def _qualifies(
    parents: list[tuple[str, ...]], ctx: Context, rules: UnsupportedChildView
) -> tuple[bool | None, list[str], Rule[object] | Missing | None]:
    """Whether the parents' conditions qualify (None: only a start date not given decides),
    the condition shown for each parent, and the rule that decided."""
    if len(parents) != 2:  # one parent declared: the other's condition is not known
        return False, [p[0] for p in parents], None
    both = ctx.use(rules.both_parents)
    one = ctx.use(rules.one_parent)
    other = ctx.use(rules.other_parent)
    first, second = parents
    undecided: list[str] | None = None
    for a in first:
        for b in second:
            if a in both and b in both:
                return True, [a, b], rules.both_parents
            if (a in one and b in other) or (b in one and a in other):
                return True, [a, b], rules.other_parent
            if undecided is None and _pairs(
                a.removesuffix(_UNKNOWN_SINCE), b.removesuffix(_UNKNOWN_SINCE), both, one, other
            ):
                undecided = [a, b]
    if undecided is not None:  # it qualifies if the condition has lasted: to verify
        return None, undecided, rules.min_months
    shown = [first[0], second[0]]
    if any(c.endswith(_TOO_RECENT) for c in (*first, *second)):
        return False, shown, rules.min_months
    # Not a pairing the rules list: the list of the other parent's conditions decided
    # when one parent is dead or missing (two such parents make an orphan, 孤儿, a
    # scheme of its own), else the list for both parents.
    settled = [c for c in (*first, *second) if c in one]
    if len(settled) == 1:
        return False, shown, rules.other_parent
    return False, shown, rules.one_parent if settled else rules.both_parents


def _pairs(
    a: str, b: str, both: frozenset[str], one: frozenset[str], other: frozenset[str]
) -> bool:
    return (a in both and b in both) or (a in one and b in other) or (b in one and a in other)
