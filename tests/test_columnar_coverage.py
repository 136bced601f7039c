"""What the columnar engine decides itself beyond the core fields (issue 14, point 2).

A county roll started from the roll template carries ``township`` and ``village`` in
every row; most of its households are renewals with a ``current`` status. Each test
here runs a roll through the columnar engine (`BlockRunner`, one block) and record by
record through the reference engine (`core.Assessor`): the records must be the same
bytes, in order, and the columnar engine must have decided the households it is meant
to cover (the path counts), so that the equality is about its own figures.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from meanstest.batch.columnar_run import BlockRunner, Piece
from meanstest.batch.core import Assessor, Job
from meanstest.cli import cli
from meanstest.files.records import Record
from meanstest.ruleset.load import load_rules

ROOT = Path(__file__).resolve().parent.parent
YIZHANG = ROOT / "rules" / "431022-yizhang.yaml"
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth  # noqa: E402 - benchmarks/synth.py, on the path above


def _line(h: Any) -> bytes:
    return json.dumps(h, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _both(roll: list[Any], output: str = "dict") -> tuple[Piece, list[Any]]:
    """The columnar piece of a roll, and the reference engine's outputs record by record."""
    job = Job(
        today=dt.date(2022, 1, 1), rules=load_rules(str(YIZHANG)), output=output, detail="summary"
    )
    data = b"".join(_line(h) for h in roll)
    piece = BlockRunner(job).run(data)
    reference = Assessor(job)
    expected = [
        reference.outcome(Record(i + 1, line)).output
        for i, line in enumerate(data.splitlines())
        if line.strip()
    ]
    return piece, expected


def _placed(n: int, seed: int) -> list[dict[str, Any]]:
    """A synthetic roll with a township and a village in every household."""
    roll = list(synth.households(n, seed=seed))
    for i, h in enumerate(roll):
        h["township"] = ("梅田镇", "玉溪镇", "黄沙镇")[i % 3]
        h["village"] = ("新村", "东风村", "沙坪村,二组")[i % 3]
    return roll


@pytest.mark.parametrize("output", ["dict", "row"])
def test_columnar_coverage_township_and_village_are_decided(output: str) -> None:
    """Households with a township and a village (the roll template's columns) are decided
    by the columnar engine, their summary records and CSV/XLSX rows the reference's.

    Neither field changes a figure, and no summary record or row echoes them: the 400
    households are the same records as without them, and the columnar engine decides as
    many of them as it does without them (all but those on a rounding edge)."""
    placed, plain = _placed(400, 5), list(synth.households(400, seed=5))
    piece, expected = _both(placed, output)
    assert piece.output == expected
    bare, _ = _both(plain, output)
    assert piece.output == bare.output
    assert piece.tally.paths == bare.tally.paths
    assert piece.tally.paths["columnar"] >= 395
    assert "keys" not in piece.tally.routes
    assert "fields" not in piece.tally.routes


@pytest.mark.parametrize(
    ("value", "decided"),
    [
        ("梅田镇", True),
        ("镇" * 60, True),  # the longest allowed
        ("梅,田,镇", True),  # commas inside a value are no separators
        ("（城关）街道", True),
        ("镇" * 61, False),  # too long: the reference's error record
        ("", False),  # too short
        (" 梅田镇", False),  # pydantic strips it: the reference decides what it keeps
        ("\u3000梅田镇", False),
        ("梅田镇\n", False),  # an escape in the line
        ("\u200b梅田镇", False),  # a format character at an end
        (None, False),  # null is valid, and left to the reference
        (3, False),  # not text: the reference's error record
        (["梅田镇"], False),
        ({"name": "梅田镇"}, False),
    ],
)
@pytest.mark.parametrize("field", ["township", "village"])
def test_columnar_coverage_places_checked_as_the_household_model(
    field: str, value: Any, decided: bool
) -> None:
    """A township or village is decided when it is text the household model keeps as it
    is (1 to 60 characters, nothing stripped); any other goes to the reference engine,
    whose record (a summary or an error record) is the same bytes."""
    h = {
        "id": "P1",
        "region": "431022",
        "area": "rural",
        "assessed_on": "2021-12-01",
        "members": [{"id": "p1", "relation": "applicant", "age": 40}],
        "incomes": [{"type": "wage", "amount": "300", "per": "month"}],
        field: value,
    }
    piece, expected = _both([h])
    assert piece.output == expected
    assert piece.tally.paths["columnar"] == (1 if decided else 0)


def test_columnar_coverage_batch_cli_places_roll(tmp_path: Path) -> None:
    """`meanstest batch` on a roll with places in every row: the columnar engine decides
    it (the run summary's counts), and the CSV equals that of the same roll without."""
    placed, plain = tmp_path / "placed.jsonl", tmp_path / "plain.jsonl"
    placed.write_bytes(b"".join(_line(h) for h in _placed(60, 3)))
    plain.write_bytes(b"".join(_line(h) for h in synth.households(60, seed=3)))
    runner = CliRunner()
    args = ["--format", "csv", "--lang", "en"]
    with_places = runner.invoke(cli, ["batch", str(placed), *args], env={"LC_ALL": None})
    without = runner.invoke(cli, ["batch", str(plain), *args], env={"LC_ALL": None})
    assert with_places.exit_code == without.exit_code == 0, with_places.stderr
    assert with_places.stdout_bytes == without.stdout_bytes
    assert "by the reference engine 0" in with_places.stderr
