"""Tests of the masking of names and ID numbers in shared output."""

from __future__ import annotations

import pytest

from meanstest.render.privacy import mask_id_number, mask_name


@pytest.mark.parametrize(("name", "masked"), [("邓利兰", "邓**"), ("李四", "李*")])
def test_mask_name_keeps_family_name(name: str, masked: str) -> None:
    """A name keeps its first character (the family name); the rest become stars."""
    assert mask_name(name) == masked


@pytest.mark.parametrize("empty", ["", None])
def test_mask_name_empty(empty: str | None) -> None:
    """No name masks to the empty string."""
    assert mask_name(empty) == ""


def test_mask_id_number_keeps_region_and_last_four() -> None:
    """An 18-character ID keeps its first 6 and last 4 characters, with 8 stars between."""
    masked = mask_id_number("43102219850302123X")
    assert masked == "431022********123X"
    assert len(masked) == 18


@pytest.mark.parametrize("empty", ["", None])
def test_mask_id_number_empty(empty: str | None) -> None:
    """No ID number masks to the empty string."""
    assert mask_id_number(empty) == ""
