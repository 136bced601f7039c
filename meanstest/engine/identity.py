"""Whether each member's ID number agrees with the birth date or age declared.

An 18-digit resident ID number holds its owner's birth date (GB 11643). When it
disagrees with the member's ``birth_date``, or gives another age on the assessment
date than the ``age`` declared, one of the two was written wrongly. Which one, the
caseworker knows and the calculator does not: the assessment uses the declared birth
date or age, and the result warns of the disagreement, the same way for both, so that
it is never passed over in silence.
"""

from __future__ import annotations

import datetime as dt

from ..model.fields import id_number_birth_date
from ..model.household import Household
from ..model.result import Warning


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def id_number_warnings(household: Household, on: dt.date) -> tuple[Warning, ...]:
    """One warning per member whose ID number's birth date disagrees with what is declared."""
    out: list[Warning] = []
    for m in household.members:
        if m.id_number is None:
            continue
        born = id_number_birth_date(m.id_number)
        if m.birth_date is not None and m.birth_date != born:
            out.append(
                Warning(
                    "id_number_birth_date",
                    None,
                    None,
                    {
                        "member": m.id,
                        "id_birth_date": born.isoformat(),
                        "birth_date": m.birth_date.isoformat(),
                    },
                )
            )
        elif m.birth_date is None and m.age is not None and _age(born, on) != m.age:
            out.append(
                Warning(
                    "id_number_age",
                    None,
                    None,
                    {
                        "member": m.id,
                        "id_birth_date": born.isoformat(),
                        "id_age": _age(born, on),
                        "age": m.age,
                    },
                )
            )
    return tuple(out)
