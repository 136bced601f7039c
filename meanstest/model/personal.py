"""repr() without the personal data a member id may hold (try17).

A member id is `p1` in the contract, but a caseworker may write the member's name or ID
number as one; the outputs mask such an id (`render.privacy.without_personal_ids`), and
so does repr(), what logs and tracebacks show.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class _Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str | None: ...
    @property
    def id_number(self) -> str | None: ...


def masked_ids(text: str, members: Iterable[_Named]) -> str:
    """``text`` (a repr) with each member id that is a member's name or ID number, quoted
    as repr() quotes it, written ``'<masked>'``: the member's own id and every
    reference to it."""
    members = tuple(members)
    personal = {held for m in members for held in (m.name, m.id_number) if held}
    for member_id in sorted({m.id for m in members} & personal, key=len, reverse=True):
        text = text.replace(repr(member_id), "'<masked>'")
    return text
