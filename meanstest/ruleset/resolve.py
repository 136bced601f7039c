"""Resolve a chain of rule files (`extends`), root first, into one `RuleSet`.

Each file's series replace their parent's from the file's first date on; every value is
checked against its key (`keys.py`), its unit and its source, with the file, key and
line of each problem; then the rule set's consistency checks run. Finding and reading
the files is `load.py`'s.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import Invalid, Problem, RuleFileError
from . import amounts
from . import keys as P
from .across import across_keys
from .checks import Check, parse_check, run_checks
from .model import (
    Entry,
    ExpenseType,
    IncomeType,
    Label,
    RuleSet,
    Series,
    SourceInfo,
    SourceRef,
)

if TYPE_CHECKING:
    from .rulefile import CheckDecl, DatedValue, ParameterDecl, RuleFile


def position(data: Any, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """The line and column of ``loc`` in a rule file's YAML (None, None: not known)."""
    from . import yamlfile  # noqa: PLC0415

    return yamlfile.position(data, loc) or (None, None)


def _label(decl: Any) -> Label:
    return Label(decl.zh, decl.en)


def resolve(chain: list[tuple[Path, RuleFile, Any, str]], base: RuleSet | None = None) -> RuleSet:
    """Merge a chain of files, root first, into one RuleSet (on top of ``base`` if given)."""
    sources: dict[str, SourceInfo] = dict(base.sources) if base else {}
    income_types: dict[str, IncomeType] = dict(base.income_types) if base else {}
    expense_types: dict[str, ExpenseType] = dict(base.expense_types) if base else {}
    series: dict[str, Series] = dict(base.series) if base else {}
    checks: list[Check] = list(base.checks) if base else []
    for path, model, data, _ in chain:
        problems: list[Problem] = []
        sources.update({k: SourceInfo(v.title, v.number, v.kind) for k, v in model.sources.items()})
        income_types.update(
            {k: IncomeType(v.category, _label(v.label)) for k, v in model.income_types.items()}
        )
        expense_types.update(
            {k: ExpenseType(v.kind, _label(v.label)) for k, v in model.expense_types.items()}
        )
        for key, decl in model.parameters.items():
            found = _series(
                key,
                decl,
                (path, model.level),
                data,
                series.get(key),
                (income_types, expense_types),
                sources,
                problems,
            )
            if found is not None:
                series[key] = found
        checks += _checks(model, path.name, data, (income_types, expense_types), sources, problems)
        if problems:
            raise RuleFileError("rule_file_invalid", path=str(path), problems=tuple(problems))
    for path, _, _, _ in chain:
        problems = [p for name, p in across_keys(series) if name == path.name]
        if problems:
            raise RuleFileError("rule_file_invalid", path=str(path), problems=tuple(problems))
    return _rule_set(chain, base, income_types, expense_types, series, sources, checks)


def _series(
    key: str,
    decl: ParameterDecl,
    file: tuple[Path, str],
    data: Any,
    parent: Series | None,
    types: tuple[dict[str, IncomeType], dict[str, ExpenseType]],
    sources: Mapping[str, SourceInfo],
    problems: list[Problem],
) -> Series | None:
    """One key's series once this file's values replace its parent's from their first
    date on; None (with a problem recorded) when the key or its values are wrong."""
    path = file[0]
    here = ("parameters", key)
    checker = P.checker_for(key, *types)
    if isinstance(checker, Invalid):
        problems.append(checker.problem(f"parameters.{key}", *position(data, here)))
        return None
    description = (
        _label(decl.description) if decl.description else parent.description if parent else None
    )
    if description is None:
        problems.append(
            Problem(f"parameters.{key}", "key_needs_description", {}, *position(data, here))
        )
        return None
    # An amount says its unit in every file that gives it values: inherited, a
    # county's 500 would silently be read in its province's unit.
    inherit = parent is not None and (P.amount_bases(key) is None or path.name == "--set")
    unit = decl.unit or (parent.unit if parent and inherit else None)
    declared = decl.comparison or (parent.comparison if parent else None)
    entries = _entries(key, decl, unit, declared, checker, sources, file, data, problems)
    if entries is None:
        return None
    kept = [e for e in parent.entries if e.start < entries[0].start] if parent else []
    return Series(key, description, unit, (*kept, *entries), declared)


def _rule_set(
    chain: list[tuple[Path, RuleFile, Any, str]],
    base: RuleSet | None,
    income_types: dict[str, IncomeType],
    expense_types: dict[str, ExpenseType],
    series: dict[str, Series],
    sources: dict[str, SourceInfo],
    checks: list[Check],
) -> RuleSet:
    """The merged rule set, once its consistency checks pass (with the breaches of
    provisional values kept)."""
    last = chain[-1][1]
    rule_set = RuleSet(
        id=last.id,
        name=_label(last.name),
        level=last.level,
        chain=(*(base.chain if base else ()), *(m.id for _, m, _, _ in chain)),
        files=(*(base.files if base else ()), *(str(p) for p, _, _, _ in chain)),
        income_types=income_types,
        expense_types=expense_types,
        series=series,
        inputs=(*(base.inputs if base else ()), *((str(p), d) for p, _, _, d in chain)),
        sources=sources,
        checks=tuple(checks),
    )
    violations, breaches = run_checks(rule_set)
    if violations:
        violations = tuple(_at_line(v, chain[-1][0].name, rule_set.checks) for v in violations)
        raise RuleFileError("checks_broken", path=str(chain[-1][0]), problems=violations)
    return dataclasses.replace(rule_set, breaches=breaches) if breaches else rule_set


def _at_line(problem: Problem, here: str, checks: tuple[Check, ...]) -> Problem:
    """A failing check's problem at a line of the file reported (``here``): the line of
    the value that breaks it when that value is in this file, else the check's own line
    when the check is, else none (the message names each value's file)."""
    params = dict(problem.params)
    file = params.pop("file", here)
    if file == here:
        return problem._replace(params=params)
    own = next((c for c in checks if f"checks.{c.id}" == problem.loc), None)
    line = own.line if own is not None and own.file == here else None
    return problem._replace(params=params, line=line)


def _checks(
    model: RuleFile,
    file: str,
    data: Any,
    types: tuple[Mapping[str, IncomeType], Mapping[str, ExpenseType]],
    sources: Mapping[str, SourceInfo],
    problems: list[Problem],
) -> list[Check]:
    """The file's own checks; a problem for each naming an unknown key or source."""
    out: list[Check] = []
    for i, check in enumerate(model.checks):
        parsed = parse_check(check.require, check.id, _label(check.description), file)
        if not isinstance(parsed, Invalid):
            unknown = [
                k
                for c in parsed
                for k in c.keys
                if isinstance(P.checker_for(k, dict(types[0]), dict(types[1])), Invalid)
            ]
            parsed = Invalid("check_key_unknown", key=unknown[0]) if unknown else parsed
        if isinstance(parsed, Invalid):
            problems.append(
                parsed.problem(f"checks.{i}.require", *position(data, ("checks", i, "require")))
            )
            continue
        ref = _source_ref(check, sources)
        if isinstance(ref, Invalid):
            problems.append(
                ref.problem(f"checks.{i}.source", *position(data, ("checks", i, "source")))
            )
            continue
        out += [
            c._replace(
                source=ref if check.source or check.note else None,
                start=check.start,
                level=model.level,
                line=position(data, ("checks", i))[0],
            )
            for c in parsed
        ]
    return out


def _entries(
    key: str,
    decl: ParameterDecl,
    unit: str | None,
    declared: str | None,
    checker: P.Checker,
    sources: Mapping[str, SourceInfo],
    file: tuple[Path, str],
    data: Any,
    problems: list[Problem],
) -> tuple[Entry, ...] | None:
    path, level = file
    out: list[Entry] = []
    before = len(problems)
    bases = P.amount_bases(key)
    one_off = P.is_one_off(key)
    if not _unit_fits(key, decl, unit, data, problems, counts=_counts(checker)):
        return None
    comparison = _comparison(key, declared, data, problems)
    if comparison is False:
        return None
    for i, dated in enumerate(decl.values):
        here = ("parameters", key, "values", i)
        where = f"parameters.{key}.values.{i}"
        if out and dated.start <= out[-1].start:
            problems.append(
                Problem(
                    f"{where}.from",
                    "dates_increase",
                    {"date": dated.start.isoformat(), "previous": out[-1].start.isoformat()},
                    *position(data, (*here, "from")),
                )
            )
            continue
        own_unit = amounts.own_unit_problem(dated.unit, bases, one_off=one_off)
        if own_unit is not None:
            problems.append(own_unit.problem(f"{where}.unit", *position(data, (*here, "unit"))))
            continue
        value, value_unit = dated.value, dated.unit or unit
        if value is not None:
            try:
                value = _checked(value, value_unit, bases, checker)
            except Invalid as exc:
                problems.append(
                    exc.problem(f"{where}.value", *position(data, (*here, "value", *exc.at)))
                )
                continue
        ref = _source_ref(dated, sources)
        if isinstance(ref, Invalid):
            problems.append(ref.problem(f"{where}.source", *position(data, (*here, "source"))))
            continue
        written = _written(dated.value, value_unit)
        if comparison is not None and declared is not None:
            written += f", {comparison.replace('_', ' ')}"
        line = position(data, here)[0]
        out.append(Entry(dated.start, value, written, ref, path.name, line, comparison, level))
    return tuple(out) if len(problems) == before else None


def _counts(checker: P.Checker) -> bool:
    """Whether a key's values are numbers (a count, a ratio): it takes 1."""
    try:
        checker(1)
    except (Invalid, TypeError, ValueError):
        return False
    return True


def _unit_fits(
    key: str,
    decl: ParameterDecl,
    unit: str | None,
    data: Any,
    problems: list[Problem],
    *,
    counts: bool = False,
) -> bool:
    """Whether an amount key's values have a unit its bases allow (else a problem).

    ``counts``: the key's values are numbers, which may say what they count; a word
    among them (``unlimited``, or ``24,000`` mistyped) is for the value's own check, at
    its line, not a fault of the unit (try17)."""
    bases = P.amount_bases(key)
    if (
        bases is None
        and decl.unit is not None
        and (
            _money_unit(decl.unit)
            or (
                not counts
                and any(isinstance(d.value, bool | str | list | dict) for d in decl.values)
            )
        )
    ):
        # A yes/no, a word, a list, or a count in yuan: a unit that says nothing true.
        # (A count may say what it counts: `unit: years`, `unit: months`.)
        problems.append(
            Problem(
                f"parameters.{key}.unit",
                "unit_not_an_amount",
                {},
                *position(data, ("parameters", key, "unit")),
            )
        )
        return False
    # `null` has no unit, and a value may give its own.
    unitless = all(dated.value is None or dated.unit for dated in decl.values)
    if (
        bases is not None
        and not unitless
        and (wrong := amounts.unit_problem(unit, bases, one_off=P.is_one_off(key)))
    ):
        # An amount without its unit would be read in the wrong one, twelve times off.
        at: tuple[str, ...] = ("parameters", key, "unit") if decl.unit else ("parameters", key)
        problems.append(wrong.problem(f"parameters.{key}.unit", *position(data, at)))
        return False
    return True


def _money_unit(unit: str) -> bool:
    """Whether a unit is one of money's: yuan, yuan/month, yuan/year, share of BASE."""
    return unit in (*amounts.YUAN_UNITS, amounts.ONE_OFF_UNIT) or unit.startswith("share of")


def _checked(
    value: Any, value_unit: str | None, bases: tuple[str, ...] | None, checker: P.Checker
) -> Any:
    """A value as its key's checker reads it, an amount in its unit.

    Raises:
        Invalid: the value does not fit the key.
    """
    return (
        checker(value)
        if bases is None or value_unit is None
        else (
            checker(value) if value == P.UNLIMITED else amounts.amount(value, value_unit, checker)
        )
    )


def _comparison(
    key: str, declared: str | None, data: Any, problems: list[Problem]
) -> str | Literal[False] | None:
    """The comparison of a threshold key (declared, or the default), None for other keys,
    False when the declared one does not fit (a problem is recorded)."""
    threshold = P.THRESHOLDS.get(key)
    if threshold is None:
        if declared is not None:
            problems.append(
                Problem(
                    f"parameters.{key}.comparison",
                    "comparison_not_threshold",
                    {},
                    *position(data, ("parameters", key, "comparison")),
                )
            )
            return False
        return None
    kind, default = threshold
    allowed = P.COMPARISONS[kind]
    if declared is not None and declared not in allowed:
        code = "comparison_upper" if kind == "upper" else "comparison_lower"
        problems.append(
            Problem(
                f"parameters.{key}.comparison",
                code,
                {"allowed": list(allowed)},
                *position(data, ("parameters", key, "comparison")),
            )
        )
        return False
    return declared or default


def _source_ref(
    dated: DatedValue | CheckDecl, sources: Mapping[str, SourceInfo]
) -> SourceRef | Invalid:
    if dated.source is None:
        return SourceRef(None, None, provisional=True, note=_note(dated.note))
    decl = sources.get(dated.source)
    if decl is None:
        return Invalid("source_undeclared", source=dated.source, known=sorted(sources))
    return SourceRef(
        dated.source,
        decl.title,
        decl.number,
        dated.article,
        decl.kind,
        dated.provisional,
        _note(dated.note),
    )


def _note(note: Any) -> str | Label | None:
    """A rule file's note as the rule model keeps it: a text, or a `Label` for one
    written in both languages."""
    return note if note is None or isinstance(note, str) else _label(note)


def _written(value: Any, unit: str | None) -> str:
    if value is None:
        return "(ended)"
    text = _flow(value)
    if unit and not isinstance(value, bool | list | dict) and value != P.UNLIMITED:
        text += f" {unit}"
    return text


def _flow(value: Any) -> str:
    """A value as YAML's flow style writes it: ``{members: {age_from: 60}, pay: gap}``,
    tiers as a list of mappings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return str(value)
