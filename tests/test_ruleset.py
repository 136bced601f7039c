"""Tests of rule files: every malformed file is refused with its path, key path and
line, and the shipped rule sets resolve to the right value on each date.

Broken rule files are named files in tests/fixtures/rules/bad/ (and a two-file cycle in
tests/fixtures/rules/cycle/); well-formed test rule sets are in tests/fixtures/rules/good/.
The line numbers below were counted by hand in each fixture (line 1 is the comment).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from meanstest.errors import MeansTestError, RuleFileError, RuleNotInForce
from meanstest.ruleset import yamlfile
from meanstest.ruleset.load import load_rules, shipped_rules_dir
from meanstest.ruleset.model import RuleSet

RULES = Path(__file__).parent / "fixtures" / "rules"
BAD = RULES / "bad"
CYCLE = RULES / "cycle"
GOOD = RULES / "good"
SHIPPED = Path(__file__).parent.parent / "rules"

EDGE = "parameters.dibao.edge_multiplier"

# file -> (key path of the problem, or None when the YAML itself is broken and no key
# path exists; a fragment of the error text; the 1-based line of the problem).
BAD_FILES: dict[str, tuple[str | None, str, int]] = {
    # line 9: `  dibao.edge_multipler:`
    "unknown-key.yaml": ("parameters.dibao.edge_multipler", "not a known rule key", 9),
    # line 8: `paramaters:`
    "unknown-top-level-key.yaml": ("paramaters", "unknown key", 8),
    # line 12: `        value: "high"`
    "wrong-type.yaml": (f"{EDGE}.values.0.value", "expected a number", 12),
    # line 14: `        value: 4560.125`
    "money-three-decimals.yaml": (
        "parameters.dibao.standard.rural.values.0.value",
        "two decimals",
        14,
    ),
    # line 14: `        value: 1e999` (checked before it is rounded to the fen)
    "money-huge.yaml": (
        "parameters.dibao.standard.rural.values.0.value",
        "expected an amount below 1,000,000,000,000 yuan",
        14,
    ),
    # line 14: the second `      - from: 2022-01-01`
    "dates-out-of-order.yaml": (f"{EDGE}.values.1.from", "dates must increase", 14),
    # line 14: the second `      - from: 2023-01-01`
    "duplicate-dates.yaml": (f"{EDGE}.values.1.from", "dates must increase", 14),
    # line 11: the entry `      - from: 2022-01-01` that has no source
    "no-source-not-provisional.yaml": (f"{EDGE}.values.0", "needs a source", 11),
    # line 13: `        source: S99`
    "undeclared-source.yaml": (f"{EDGE}.values.0.source", "'S99' is not declared", 13),
    # line 12: the second `  dibao.edge_multiplier:`
    "duplicate-key.yaml": (None, "'dibao.edge_multiplier' appears twice", 12),
    # line 7: `description: !!python/object/apply:os.system [...]`
    "python-tag.yaml": (None, "!!python", 7),
    # line 6: `  extends: "000000"` (the ':' that cannot start a mapping there)
    "not-yaml.yaml": (None, "YAML", 6),
    # line 9: `  dibao.standard.urban:` (no `unit:` under it)
    "standard-without-unit.yaml": ("parameters.dibao.standard.urban.unit", "yuan/year", 9),
    # line 9: `  income.counted.salary:`
    "undeclared-income-type.yaml": (
        "parameters.income.counted.salary",
        "'salary' is not a declared income type",
        9,
    ),
    # line 6: `extends: "999999"`
    "extends-missing.yaml": ("extends", "999999", 6),
    # line 9: `  tekun.basic:` (no `unit:` under it: a month's 500 or a year's?)
    "amount-without-unit.yaml": ("parameters.tekun.basic.unit", "give the unit", 9),
    # line 11: `    unit: share of standard` (a cap is yuan only)
    "amount-wrong-unit.yaml": (
        "parameters.deduction.medical.cap.per_person.unit",
        "not a unit of this amount",
        11,
    ),
    # line 9: `  tekun.basic.monthly:` (renamed when amounts got units)
    "renamed-key.yaml": ("parameters.tekun.basic.monthly", "this key is now tekun.basic", 9),
    # line 11: `    comparison: below` on a lower limit
    "comparison-wrong-kind.yaml": (
        "parameters.rigid.expenditure_ratio.comparison",
        "lower limit",
        11,
    ),
    # line 11: `    comparison: not_above` on a number of months
    "comparison-not-a-threshold.yaml": (
        "parameters.phase_out.months.comparison",
        "only a threshold",
        11,
    ),
    # line 13: `      - {from: 2022-01-01, value: "13/0", ...}`
    "share-divides-by-zero.yaml": ("parameters.tekun.basic.values.0.value", "divides by zero", 13),
    # line 14: `      - {from: 2023-01-01, value: 1.1, unit: share of standard, ...}`
    "value-unit-wrong.yaml": (
        "parameters.dibao.standard.rural.values.1.unit",
        "not a unit of this amount",
        14,
    ),
    # line 14: `        note:` written in both languages, its `en:` missing
    "note-without-english.yaml": (
        "parameters.dibao.edge_multiplier.values.0.note.en",
        "Field required",
        14,
    ),
    # line 14: `        note: [a, b]` (a text or {zh, en}, not a list)
    "note-not-a-text.yaml": (
        "parameters.dibao.edge_multiplier.values.0.note",
        "valid string",
        14,
    ),
    # line 14: `        note: {zh: ..., en: ..., fr: ...}`
    "note-unknown-language.yaml": (
        "parameters.dibao.edge_multiplier.values.0.note.fr",
        "unknown key",
        14,
    ),
    # line 13: `        unit: yuan/month` under a value of the edge multiplier
    "value-unit-not-an-amount.yaml": (
        "parameters.dibao.edge_multiplier.values.0.unit",
        "only an amount",
        13,
    ),
}


def _load_error(path: Path) -> RuleFileError:
    with pytest.raises(RuleFileError) as info:
        load_rules(path)
    return info.value


def _same_file(reported: str | None, expected: Path) -> bool:
    return reported is not None and Path(reported).resolve() == expected.resolve()


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_load_rules_bad_file_names_path_key_and_line(name: str) -> None:
    """Each broken rule file raises RuleFileError naming the file, the key path and the line."""
    loc, fragment, line = BAD_FILES[name]
    exc = _load_error(BAD / name)
    assert _same_file(exc.path, BAD / name), exc.path
    assert fragment in str(exc), str(exc)
    at = [(p.loc, p.line) for p in exc.problems]
    if loc is None:
        assert line in [p.line for p in exc.problems], at
    else:
        assert (loc, line) in at, at


def test_load_rules_not_a_mapping() -> None:
    """A rule file whose top level is a list is refused, naming the file."""
    exc = _load_error(BAD / "not-a-mapping.yaml")
    assert _same_file(exc.path, BAD / "not-a-mapping.yaml")
    assert "mapping" in exc.message


def test_load_rules_python_tag_never_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A !!python/object/apply:os.system tag is refused without calling os.system."""
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    _load_error(BAD / "python-tag.yaml")
    assert calls == []


def test_load_rules_extends_cycle() -> None:
    """cycle-a extends cycle-b extends cycle-a: refused as a cycle at the `extends` line (6)."""
    exc = _load_error(CYCLE / "cycle-a.yaml")
    assert "cycle" in str(exc)
    assert _same_file(exc.path, CYCLE / "cycle-a.yaml") or _same_file(
        exc.path, CYCLE / "cycle-b.yaml"
    ), exc.path
    # Both files have `extends:` on line 6.
    assert ("extends", 6) in [(p.loc, p.line) for p in exc.problems], exc.problems


def test_rule_fixtures_all_covered() -> None:
    """Every file in tests/fixtures/rules/bad is in the table above."""
    assert {p.name for p in BAD.iterdir()} == {*BAD_FILES, "not-a-mapping.yaml", "python-tag.yaml"}


# ------------------------------------------------------------------ shipped rules


@pytest.mark.parametrize(
    ("rule_id", "chain"),
    [
        ("000000", ("000000",)),
        ("430000", ("000000", "430000")),
        ("431000", ("000000", "430000", "431000")),
        ("431022", ("000000", "430000", "431000", "431022")),
    ],
)
def test_load_rules_shipped_sets_load(rule_id: str, chain: tuple[str, ...]) -> None:
    """Each shipped rule set loads by id, with its `extends` chain root first."""
    rules = load_rules(rule_id)
    assert isinstance(rules, RuleSet)
    assert rules.id == rule_id
    assert rules.chain == chain
    assert rules.at(dt.date(2021, 12, 1)).id == rule_id


def test_rules_at_yizhang_rural_standard_2021() -> None:
    """431022's rural standard on 2021-12-01 is 4560 yuan a year, sourced to a news article."""
    param = load_rules("431022").at(dt.date(2021, 12, 1))["dibao.standard.rural"]
    assert param.value == Decimal(4560)
    assert isinstance(param.value, Decimal)
    assert param.since == dt.date(2021, 1, 1)
    assert param.source.kind == "news"
    assert param.source.id == "yizhang-news-2022"
    assert not param.provisional


def test_rules_at_picks_entry_in_force() -> None:
    """On an entry's `from` date that entry applies; the day before, the previous one."""
    rules = load_rules("431022")
    before = rules.at(dt.date(2021, 12, 31))["dibao.standard.rural"]
    on = rules.at(dt.date(2022, 1, 1))["dibao.standard.rural"]
    assert (before.since, before.provisional) == (dt.date(2021, 1, 1), False)
    assert (on.since, on.provisional) == (dt.date(2022, 1, 1), True)
    assert on.value == Decimal(4560)


def test_rules_at_before_first_date_not_in_force() -> None:
    """Before a series' first date the key is absent and RulesAt[key] raises RuleNotInForce."""
    on = dt.date(2020, 12, 31)
    rules = load_rules("431022").at(on)
    assert "dibao.standard.rural" not in rules.params
    with pytest.raises(RuleNotInForce) as info:
        rules["dibao.standard.rural"]
    assert isinstance(info.value, MeansTestError)
    assert (info.value.key, info.value.on) == ("dibao.standard.rural", on)
    assert "dibao.standard.rural" in str(info.value)
    assert "2020-12-31" in str(info.value)


def test_rules_at_null_ends_series() -> None:
    """`value: null` ends a series: from that date the key is not in force."""
    rules = load_rules(GOOD / "ended-series.yaml")
    assert rules.at(dt.date(2023, 12, 31))["dibao.standard.rural"].value == Decimal(4560)
    with pytest.raises(RuleNotInForce):
        rules.at(dt.date(2024, 1, 1))["dibao.standard.rural"]
    assert rules.at(dt.date(2024, 12, 31))["income.counted.scholarship"].value is False
    assert "income.counted.scholarship" not in rules.at(dt.date(2025, 1, 1)).params


def test_ruleset_child_series_replaces_parent_from_child_first_date() -> None:
    """A child's series applies from its first date; the parent's earlier values remain."""
    rules = load_rules(GOOD / "monthly-standard.yaml")
    assert rules.chain == ("000000", "430000", "431000", "431022", "test-monthly-standard")
    in_2021 = rules.at(dt.date(2021, 12, 1))["dibao.standard.rural"]
    in_2022 = rules.at(dt.date(2022, 12, 31))["dibao.standard.rural"]
    in_2023 = rules.at(dt.date(2023, 1, 1))["dibao.standard.rural"]
    assert (in_2021.value, in_2021.source.kind) == (Decimal(4560), "news")  # Yizhang's
    assert (in_2022.value, in_2022.provisional) == (Decimal(4560), True)  # Yizhang's
    assert in_2023.since == dt.date(2023, 1, 1)  # the child's
    assert rules.at(dt.date(2020, 12, 31)).params.get("dibao.standard.rural") is None


def test_rules_at_monthly_unit_annualised() -> None:
    """A standard given in yuan/month is held as the annual amount (400.50 x 12 = 4806.00)."""
    param = load_rules(GOOD / "monthly-standard.yaml").at(dt.date(2023, 6, 1))[
        "dibao.standard.rural"
    ]
    assert param.value == Decimal("4806.00")
    assert isinstance(param.value, Decimal)
    assert "yuan/month" in param.written


@pytest.mark.parametrize(
    ("on", "provisional", "source_id"),
    [
        (dt.date(2023, 5, 1), False, "S2"),  # S2 Art. 13, during the 14th Five-Year Plan
        (dt.date(2026, 3, 1), True, None),  # after 2025: carried forward, unsourced
    ],
)
def test_rules_at_basic_pension_not_counted(
    on: dt.date, provisional: bool, source_id: str | None
) -> None:
    """The basic pension is not counted in 2023 (S2) nor in 2026 (provisional)."""
    param = load_rules("431022").at(on)["income.counted.basic_pension"]
    assert param.value is False
    assert param.provisional is provisional
    assert param.source.id == source_id


def test_rules_at_digest_stable_across_loads(tmp_path: Path) -> None:
    """The digest is the same for two loads, and for an identical copy of the file elsewhere."""
    on = dt.date(2021, 12, 1)
    first = load_rules("431022").at(on).digest
    assert first == load_rules("431022").at(on).digest
    assert first.startswith("sha256:")
    copy = tmp_path / "431022-yizhang.yaml"
    shutil.copy(SHIPPED / "431022-yizhang.yaml", copy)
    assert load_rules(copy).at(on).digest == first


def test_rules_at_digest_changes_with_value(tmp_path: Path) -> None:
    """Changing one value in a rule file changes the digest of the date it is in force."""
    on = dt.date(2021, 12, 1)
    text = (SHIPPED / "431022-yizhang.yaml").read_text(encoding="utf-8")
    assert "value: 4560\n" in text
    changed = tmp_path / "431022-yizhang.yaml"
    changed.write_text(text.replace("value: 4560\n", "value: 4561\n", 1), encoding="utf-8")
    rules = load_rules(changed).at(on)
    assert rules["dibao.standard.rural"].value == Decimal(4561)
    assert rules.digest != load_rules("431022").at(on).digest


def test_rules_at_digest_differs_between_dates_with_different_values() -> None:
    """Two dates whose rules differ (a new rural-standard entry) have different digests."""
    rules = load_rules("431022")
    assert rules.at(dt.date(2021, 12, 1)).digest != rules.at(dt.date(2022, 6, 1)).digest
    assert rules.at(dt.date(2021, 12, 1)).digest == rules.at(dt.date(2021, 12, 2)).digest


def test_yamlfile_floats_are_decimal() -> None:
    """YAML floats are read as exact Decimals (1.5 -> Decimal('1.5'), 0.1 stays 0.1)."""
    data = yamlfile.load("a: 1.5\nb: 0.1\nc: [4560.50, 1_000.25]\nd: 7\n", "test.yaml")
    assert data == {
        "a": Decimal("1.5"),
        "b": Decimal("0.1"),
        "c": [Decimal("4560.50"), Decimal("1000.25")],
        "d": 7,
    }
    assert all(isinstance(data[k], Decimal) for k in ("a", "b"))
    assert str(data["b"]) == "0.1"
    edge = load_rules("000000").at(dt.date(2021, 12, 1))["dibao.edge_multiplier"].value
    assert isinstance(edge, Decimal)
    assert edge == Decimal("1.5")


@pytest.mark.parametrize("text", [".nan", ".inf", "-.inf"])
def test_yamlfile_non_finite_float_refused(text: str) -> None:
    """YAML's .nan and .inf are refused as rule values, with the line."""
    with pytest.raises(RuleFileError) as info:
        yamlfile.load(f"a: 1\nb: {text}\n", "test.yaml")
    assert [p.line for p in info.value.problems] == [2]


def test_rule_cache_directory_is_the_platforms_user_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without MEANSTEST_CACHE_DIR the cache is `meanstest` in the user's cache directory
    (platformdirs: $XDG_CACHE_HOME on Linux); MEANSTEST_CACHE_DIR moves it and
    MEANSTEST_NO_CACHE turns it off; a directory others may write to is never used."""
    from meanstest.ruleset import cache

    monkeypatch.delenv("MEANSTEST_CACHE_DIR", raising=False)
    monkeypatch.delenv("MEANSTEST_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert cache._directory() == tmp_path / "xdg" / "meanstest"
    monkeypatch.setenv("MEANSTEST_CACHE_DIR", str(tmp_path / "mine"))
    assert cache._directory() == tmp_path / "mine"
    monkeypatch.setenv("MEANSTEST_NO_CACHE", "1")
    assert cache._directory() is None
    monkeypatch.delenv("MEANSTEST_NO_CACHE")
    rule_set = load_rules("431022")
    shipped = shipped_rules_dir()
    cache.put(tmp_path / "x.yaml", [shipped], rule_set, ())
    assert (tmp_path / "mine").stat().st_mode & 0o777 == 0o700
    assert cache.get(tmp_path / "x.yaml", [shipped]) is not None
    (tmp_path / "mine").chmod(0o777)  # now others could have written there: ignored
    assert cache.get(tmp_path / "x.yaml", [shipped]) is None
