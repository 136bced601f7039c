"""`rules show` (issue 15, point 13): keys never split inside a word in the table, JSON
values typed as a program reads them, and `--on` described for what it does in
`rules show`, `rules diff` and `rules new`.

Yizhang (431022) on 2021-12-01 (rules/*.yaml): rural standard 4560 yuan/year (county);
a registered business not allowed (false, province); at most 1 house; 12 reference
months; 特困 basic support 1.3 × the standard (national).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from typing import Any

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from meanstest.cli import cli
from meanstest.render.key_table import DottedKey, _pieces
from meanstest.ruleset.load import load_rules

_CLEAN_ENV: dict[str, str | None] = {
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANG": None,
    "LANGUAGE": None,
    "FORCE_COLOR": None,
}
PROPOSAL = "examples/proposals/standard-rise-2027.yaml"
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def run(*args: str, columns: int = 80) -> Result:
    """Invoke the command line at a terminal width."""
    return CliRunner().invoke(
        cli, list(args), prog_name="meanstest", env={**_CLEAN_ENV, "COLUMNS": str(columns)}
    )


def _keys_in_first_column(text: str) -> list[str]:
    """The keys of a table's first column, a key wrapped over lines joined again: a
    fragment ending in a dot goes on in the next line's first column."""
    body = text.split("─\n", 1)[1].splitlines()
    keys: list[str] = []
    going_on = False
    for line in body:
        if not line or line[0] == " ":
            continue
        fragment = line.split(" ", 1)[0]
        if going_on:
            keys[-1] += fragment
        else:
            keys.append(fragment)
        going_on = fragment.endswith(".")
    return keys


@pytest.mark.parametrize("columns", [80, 100, 120])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rules_show_wraps_keys_only_after_dots(columns: int, lang: str) -> None:
    """At 80, 100 and 120 columns every key of 431022 is in the table whole, any line
    break in it after a dot, none cut short (no ellipsis)."""
    result = run("rules", "show", "431022", "--on", "2021-12-01", "--lang", lang, columns=columns)
    assert result.exit_code == 0, result.stderr
    assert "…" not in result.stdout
    keys = _keys_in_first_column(result.stdout)
    assert keys == sorted(load_rules("431022").series), keys
    wrapped = [
        line.split(" ", 1)[0]
        for line in result.stdout.splitlines()
        if line[:1].isalpha() and line.split(" ", 1)[0].endswith(".")
    ]
    if columns < 120:  # the long keys did wrap, after a dot
        assert wrapped


def _first_column(text: str) -> list[str]:
    """Every fragment of a table's first column, top to bottom (a line whose first
    column is blank has none)."""
    body = text.split("─\n", 1)[1].splitlines()
    return [line.split(" ", 1)[0] for line in body if line and line[0] != " "]


@pytest.mark.parametrize("columns", [40, 60, 100])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rules_show_never_cuts_a_key(columns: int, lang: str) -> None:
    """A key is what policy staff copy into a YAML file: at 40, 60 and 100 columns, in
    both languages, the key column read top to bottom is every key of 431022 whole, in
    order (nothing cut, no ellipsis), however narrow the terminal."""
    result = run("rules", "show", "431022", "--on", "2021-12-01", "--lang", lang, columns=columns)
    assert result.exit_code == 0, result.stderr
    keys = sorted(load_rules("431022").series)
    fragments = _first_column(result.stdout)
    assert "".join(fragments) == "".join(keys)
    assert not any("…" in fragment for fragment in fragments)
    if columns == 100:  # wide enough for every part: lines break only after dots
        parts = {p for key in keys for p in re.findall(r"[^.]*\.|[^.]+$", key)}
        for fragment in fragments:
            assert set(re.findall(r"[^.]*\.|[^.]+$", fragment)) <= parts, fragment


@pytest.mark.parametrize("columns", [40, 50, 70])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rules_show_too_narrow_stacks_each_row(columns: int, lang: str) -> None:
    """Too narrow for the columns (rich would drop the value and source columns at 40,
    or cut a source into syllables at 70): each key on its own lines, then each value
    under it beside its heading; nothing dropped, every key whole."""
    result = run("rules", "show", "431022", "--on", "2021-12-01", "--lang", lang, columns=columns)
    assert result.exit_code == 0, result.stderr
    rules = load_rules("431022")
    in_force = rules.at(dt.date(2021, 12, 1)).params
    assert "".join(_first_column(result.stdout)) == "".join(sorted(rules.series))
    since, source = ("起始日期", "依据") if lang == "zh" else ("Since", "Source")
    lines = result.stdout.splitlines()
    assert sum(line.startswith(f"  {since} ") for line in lines) == len(in_force)
    assert sum(line.startswith(f"  {source} ") for line in lines) == len(rules.series)
    assert "  Value  4560 yuan/year" in result.stdout or "  值       4560 元/年" in result.stdout
    assert all(len(line) <= columns for line in lines if not _CJK.search(line))


def test_dotted_key_breaks_after_dots_then_underscores() -> None:
    """A key in a column 12 wide: after its dots, and a part wider than the column
    after its underscore; never cut."""
    console = Console(width=12, file=io.StringIO(), color_system=None)
    console.print(DottedKey("assets.business.livelihood_exempt"))
    assert console.file.getvalue().split() == ["assets.", "business.", "livelihood_", "exempt"]


def test_dotted_key_pieces() -> None:
    """How a part of a key breaks: whole when it fits, after underscores when not, a
    word wider than the column in slices as wide as the column."""
    assert _pieces("dibao.", 10) == ["dibao."]
    assert _pieces("livelihood_exempt", 12) == ["livelihood_", "exempt"]
    # livelihood_ is 11 characters: wider than 6, in slices of 6 and 5
    assert _pieces("livelihood_exempt", 6) == ["liveli", "hood_", "exempt"]


def test_rules_diff_never_cuts_a_key_at_40_columns() -> None:
    """`rules diff` keeps its keys whole the same way on a 40-column terminal."""
    result = run("rules", "diff", "431022", PROPOSAL, "--on", "2027-02-01", columns=40)
    assert result.exit_code == 0, result.stderr
    assert "".join(_first_column(result.stdout)) == "dibao.standard.rural"


def test_rules_diff_wraps_keys_only_after_dots() -> None:
    """`rules diff` keeps its keys whole the same way, at 60 columns."""
    result = run("rules", "diff", "431022", PROPOSAL, "--on", "2027-02-01", columns=60)
    assert result.exit_code == 0, result.stderr
    assert _keys_in_first_column(result.stdout) == ["dibao.standard.rural"]


def _values() -> dict[str, Any]:
    result = run("rules", "show", "431022", "--on", "2021-12-01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    values: dict[str, Any] = json.loads(result.stdout)["values"]
    return values


def test_rules_show_json_types_values() -> None:
    """Booleans are booleans, counts and months integers with their unit beside them,
    amounts and ratios exact decimals in strings with their unit, codes lists; the
    value as the rule file writes it is kept in `written`."""
    values = _values()
    business = values["assets.business.allowed"]
    assert business["value"] is False
    assert business["written"] == "false"
    assert "unit" not in business
    assert values["assets.housing.max_count"]["value"] == 1
    assert values["income.reference_months"]["value"] == 12
    assert values["income.reference_months"]["unit"] == "months"
    rural = values["dibao.standard.rural"]
    assert (rural["value"], rural["unit"], rural["written"]) == (
        "4560",
        "yuan/year",
        "4560 yuan/year",
    )
    assert values["tekun.basic"]["value"] == "1.3"
    assert values["tekun.basic"]["unit"] == "share of standard"
    assert values["assets.financial.types"]["value"] == ["deposit", "securities", "insurance"]
    assert values["benefit.method"]["value"] == "gap"
    for key, item in values.items():  # no boolean left as the text "true" or "false"
        assert item["value"] not in ("true", "false"), key


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ("show", "Show the values in force on this date"),
        ("diff", "Compare the values the two rule sets have in force on this date"),
        ("new", "Copy the parent's values in force on this date, and start the new file's"),
    ],
)
def test_rules_on_option_says_what_it_does(command: str, words: str) -> None:
    """`--on` of rules show/diff/new says what the date does there, not "Assess"."""
    result = run("rules", command, "--help", columns=200)
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if "--on" in x)
    assert words in " ".join(result.stdout.split()), result.stdout
    assert "Assess" not in line
