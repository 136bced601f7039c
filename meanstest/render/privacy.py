"""Masking of personal data in anything meant to be shared or logged."""

from __future__ import annotations


def mask_name(name: str | None) -> str:
    """Keep the family name (first character): 邓利兰 → 邓**."""
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def mask_id_number(number: str | None) -> str:
    """Keep the region code and last four characters: 431022********1234."""
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
