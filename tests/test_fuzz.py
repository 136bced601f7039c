"""Fuzzing the household boundary: parse, assess and `check` never crash.

Valid households (tests/strategies.py) must parse and assess without any error.
Nearly valid ones (a valid household with one mutation) may be refused, but only with
a `MeansTestError`; anything else is a crash, reported with the input that caused it.
The command line must exit 0 or 1, never print a traceback, and on 1 print `error:` on
stderr and nothing on stdout; random bytes and random text are bad input (exit 1).

Bounded so the file runs in a few seconds; benchmarks/fuzz_long.py runs the same
strategies for as long as you like.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import REFUSED, REGION, bad_texts, households, nearly_valid

from meanstest.api import assess_household
from meanstest.cli import cli
from meanstest.engine import assess
from meanstest.errors import MeansTestError
from meanstest.files.json import decode_json
from meanstest.model.household import parse_household
from meanstest.ruleset.choose import RuleChooser
from meanstest.ruleset.load import load_rules
from meanstest.ruleset.model import RuleSet

TODAY = dt.date(2022, 1, 1)  # "today" for households without assessed_on
FUZZ = settings(
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(REGION)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _show(data: Any) -> str:
    if isinstance(data, bytes):
        return repr(data[:2000])
    return json.dumps(data, ensure_ascii=False, default=repr)[:4000]


def _crash(what: str, data: Any, exc: BaseException) -> None:
    pytest.fail(
        f"{what} raised {type(exc).__name__} (not a MeansTestError): {exc}\ninput: {_show(data)}",
        pytrace=False,
    )


def _assess_text(text: str | bytes) -> None:
    """The `check` path without the command line: decode, validate, pick rules, assess."""
    household = parse_household(decode_json(text))
    assess_household(household, RuleChooser(), None, TODAY)


# ------------------------------------------------------------------ library


@settings(FUZZ, max_examples=examples(120))
@given(households())
def test_valid_households_parse_and_assess_without_error(
    rules: RuleSet, data: dict[str, Any]
) -> None:
    """A valid household parses (from a dict and from JSON text) and assesses, no error at all."""
    try:
        from_dict = parse_household(data)
        from_text = parse_household(decode_json(json.dumps(data, ensure_ascii=False)))
        assert from_dict == from_text
        assert from_dict.assessed_on is not None
        result = assess(from_dict, rules.at(from_dict.assessed_on))
    except Exception as exc:
        pytest.fail(
            f"a valid household raised {type(exc).__name__}: {exc}\ninput: {_show(data)}",
            pytrace=False,
        )
    assert result.household_size <= len(data["members"])


@settings(FUZZ, max_examples=examples(250))
@given(nearly_valid())
def test_nearly_valid_households_raise_only_means_test_errors(case: tuple[str, Any]) -> None:
    """A household with one mutation is assessed or refused with a MeansTestError, never a crash.

    Both entry points: JSON text through decode_json, and the dict given to
    parse_household directly (where a float or NaN reaches the model as a float).
    """
    _, data = case
    for what, run in (
        ("JSON text", lambda: _assess_text(json.dumps(data, ensure_ascii=False))),
        ("dict", lambda: assess_household(parse_household(data), RuleChooser(), None, TODAY)),
    ):
        try:
            run()
        except MeansTestError:
            pass
        except Exception as exc:
            _crash(f"parse/assess from {what}", data, exc)


@settings(FUZZ, max_examples=examples(150))
@given(nearly_valid(REFUSED))
def test_mutations_that_break_the_contract_are_refused(case: tuple[str, Any]) -> None:
    """Mutations that break `meanstest.household/1` (or the rules it names) are refused.

    An unknown field, a wrong type, negative money, three decimals, NaN, a huge number,
    a bad date, a dangling reference, a duplicate id, an unknown type, a bad ID number,
    two applicants or none, ...: each must end in a MeansTestError, never an assessment.
    """
    name, data = case
    try:
        _assess_text(json.dumps(data, ensure_ascii=False))
    except MeansTestError:
        return
    except Exception as exc:
        _crash("parse/assess", data, exc)
    pytest.fail(f"the mutation {name!r} was accepted\ninput: {_show(data)}", pytrace=False)


@settings(FUZZ, max_examples=examples(100))
@given(bad_texts())
def test_damaged_files_are_refused_with_means_test_errors(case: tuple[str, bytes]) -> None:
    """A truncated file, a duplicate key, bare NaN, deep nesting, GBK, ... is a MeansTestError.

    A byte-order mark alone does not damage a file, so "bom" may assess (one at the end
    does). A strict prefix of a JSON object never parses, so "truncated" never may.
    """
    what, text = case
    try:
        _assess_text(text)
    except MeansTestError:
        return
    except Exception as exc:
        _crash(f"decode/parse/assess ({what})", text, exc)
    assert what == "bom", f"damaged file ({what}) accepted: {_show(text)}"


# ------------------------------------------------------------------ command line


def _check(workdir: Path, content: bytes) -> Result:
    path = workdir / "household.json"
    path.write_bytes(content)
    return CliRunner().invoke(
        cli,
        ["check", str(path), "--format", "json"],
        prog_name="meanstest",
        env={"LC_ALL": None, "LANG": None},
    )


def _assert_clean(result: Result, content: bytes) -> None:
    shown = _show(content)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"uncaught {type(result.exception).__name__}: {result.exception}\ninput: {shown}"
    )
    assert result.exit_code in (0, 1), f"exit {result.exit_code}\ninput: {shown}"
    assert "Traceback" not in result.stdout + result.stderr, f"traceback\ninput: {shown}"
    if result.exit_code == 1:
        assert result.stderr.startswith("error: "), f"stderr {result.stderr!r}\ninput: {shown}"
        assert result.stdout == "", f"stdout on error: {result.stdout[:300]!r}\ninput: {shown}"
    else:
        out = json.loads(result.stdout)
        assert out["schema"] == "meanstest.assessment/1"


# (the exit status the input must give, or None where either may be right, content)
_ANY_HOUSEHOLD = st.one_of(
    households().map(lambda h: (0, json.dumps(h, ensure_ascii=False).encode())),
    nearly_valid().map(
        lambda case: (
            1 if case[0] in REFUSED else None,
            json.dumps(case[1], ensure_ascii=False).encode(),
        )
    ),
    bad_texts().map(lambda case: (None if case[0] == "bom" else 1, case[1])),
)


@settings(FUZZ, max_examples=examples(80))
@given(case=_ANY_HOUSEHOLD)
def test_check_exits_0_or_1_without_traceback(
    workdir: Path, case: tuple[int | None, bytes]
) -> None:
    """`check FILE --format json` exits 0 (JSON on stdout) or 1 (`error:` on stderr
    only): 0 for a valid household, 1 for a refused mutation or a damaged file."""
    expected, content = case
    result = _check(workdir, content)
    _assert_clean(result, content)
    if expected is not None:
        assert result.exit_code == expected, f"exit {result.exit_code}\ninput: {_show(content)}"


@settings(FUZZ, max_examples=examples(40))
@given(
    content=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    )
)
def test_check_refuses_random_bytes_and_text(workdir: Path, content: bytes) -> None:
    """Random bytes or random text as a household file: exit 1 with `error:`, no traceback."""
    result = _check(workdir, content)
    _assert_clean(result, content)
    assert result.exit_code == 1, f"random input accepted: {content!r}"
