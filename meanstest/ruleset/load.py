"""Load rule files, resolve `extends` chains and pick the values in force on a date.

A rule file (`meanstest.rules/1`) holds dated series of values, each citing a source
or marked provisional. A county file extends its city, which extends the province,
which extends the national baseline; a child's series replaces its parent's from the
child's first date on, so earlier dates keep the parent's values. `RuleSet.at(date)`
gives the frozen `RulesAt` snapshot the engine reads. This module finds and reads the
files; `resolve.py` merges a chain of them into one `RuleSet` and validates it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem, RuleFileError, UnknownRuleSet
from . import keys as P
from .model import RuleSet

if TYPE_CHECKING:
    from . import cache as rulecache
    from .rulefile import RuleFile

SCHEMA = "meanstest.rules/1"
MAX_CHAIN = 8


# ------------------------------------------------------------ resolved model


# ------------------------------------------------------------------- loading


def shipped_rules_dir() -> Path:
    """Return the directory of the rule files that ship with meanstest."""
    here = Path(__file__).resolve().parent.parent  # the meanstest package
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


class RuleLibrary:
    """Finds rule files by id and resolves them.

    An id (a region, ``--rules ID``, ``extends``) is looked up in the directories of
    ``search`` (a user's own: ``--rules-dir``), then beside the file that names it, then
    in ``directory`` (default: the shipped rules): a user's file of an id replaces others.
    """

    def __init__(self, directory: Path | None = None, search: Sequence[Path] = ()) -> None:
        self.directory = directory or shipped_rules_dir()
        self.search = tuple(search)
        self._cache: dict[Path, tuple[RuleFile, Any, str]] = {}

    @property
    def directories(self) -> tuple[Path, ...]:
        """The directories ids are looked up in, in order (the shipped one last)."""
        return (*self.search, self.directory)

    def path_of(self, rule_id: str, near: Path | None = None) -> Path:
        """Return the file of a rule set id: ``<id>.yaml`` or ``<id>-<name>.yaml``."""
        dirs = [*self.search, *([near] if near is not None else []), self.directory]
        for directory in dirs:
            for candidate in (
                directory / f"{rule_id}.yaml",
                *sorted(directory.glob(f"{rule_id}-*.yaml")),
            ):
                if candidate.is_file():
                    return candidate
        params = {"id": rule_id, "known": self.ids()}
        if self.search:
            raise UnknownRuleSet(
                "unknown_rule_set_searched",
                params={**params, "searched": [str(d) for d in self.search]},
            )
        raise UnknownRuleSet("unknown_rule_set", params=params)

    def ids(self) -> list[str]:
        """Return the ids of the rule files in every directory, by file name."""
        return sorted({_stem(p) for p, _, _ in self.files()})

    def files(self) -> list[tuple[Path, Path, Path | None]]:
        """Every rule file of the directories, in lookup order: (file, its directory,
        the file of the same id found first when this one is hidden by it, else None)."""
        out: list[tuple[Path, Path, Path | None]] = []
        first: dict[str, Path] = {}
        for directory in dict.fromkeys(d.resolve() for d in self.directories):
            for path in sorted(directory.glob("*.yaml")):
                stem = _stem(path)
                hidden_by = first.get(stem)
                out.append((path, directory, hidden_by))
                first.setdefault(stem, path)
        return out

    def read(self, path: Path) -> tuple[RuleFile, Any, str]:
        """Read and validate one file; return its model, marked data and content hash."""
        from .rulefile import read_rule_file  # noqa: PLC0415 - only when parsing YAML

        key = path.resolve()
        if key not in self._cache:
            # Errors name the file as the user gave it (or as it was found), never the
            # resolved absolute path: the same file is named one way in every message.
            self._cache[key] = read_rule_file(path)
        return self._cache[key]

    def load(self, rule_id: str) -> RuleSet:
        """Load the rule set with this id."""
        return self.load_file(self.path_of(rule_id))

    def load_file(self, path: Path) -> RuleSet:
        """Load a rule file and the files it extends, and check they fit together.

        A resolved rule set is cached on disk (see `rulecache`), keyed by the content
        of every file in its chain and used only while each `extends` id is still found
        in the same file, so an unchanged set skips parsing and validation.
        """
        from . import cache as rulecache  # noqa: PLC0415

        cached = rulecache.get(path, self.directories)
        if cached is not None:
            rule_set, lookups = cached
            if all(self._found(rule_id, Path(near)) == found for rule_id, near, found in lookups):
                return rule_set
        rule_set, lookups = self._load_file(path)
        rulecache.put(path, self.directories, rule_set, lookups)
        return rule_set

    def _found(self, rule_id: str, near: Path) -> str | None:
        """The file an `extends` id is found in now, or None."""
        try:
            return str(self.path_of(rule_id, near=near))
        except UnknownRuleSet:
            return None

    def _load_file(self, path: Path) -> tuple[RuleSet, tuple[rulecache.Lookup, ...]]:
        """Resolve a chain; return the rule set and each `extends` lookup it made."""
        chain: list[tuple[Path, RuleFile, Any, str]] = []
        lookups: list[rulecache.Lookup] = []
        current: Path | None = path
        while current is not None:
            model, data, digest = self.read(current)
            if any(m.id == model.id for _, m, _, _ in chain):
                ids = [*(m.id for _, m, _, _ in chain), model.id]
                _, child, child_data, _ = chain[-1]
                raise RuleFileError(
                    "extends_cycle",
                    params={"chain": " → ".join(ids)},
                    path=str(chain[-1][0]),
                    problems=(
                        Problem(
                            "extends",
                            "extends_leads_back",
                            {"id": child.extends},
                            *_pos(child_data, ("extends",)),
                        ),
                    ),
                )
            stem = _stem(current)
            if (
                current.resolve().parent in {d.resolve() for d in self.directories}
                and stem != model.id
                # A proposal named by its path (--proposal FILE) is never looked up by
                # id, so it may keep its own name in a directory of rule files.
                and not (current == path and model.level == "proposal")
            ):
                raise RuleFileError(
                    "file_name_id",
                    params={"stem": stem, "id": model.id},
                    path=str(current),
                    problems=(Problem("id", "make_them_agree", {}, *_pos(data, ("id",))),),
                )
            if model.level == "proposal" and model.extends is None:
                # A proposal changes the rules it extends: without them it has nothing
                # to change, and each of its keys would be refused as new instead.
                raise RuleFileError(
                    "rule_file_invalid",
                    path=str(current),
                    problems=(
                        Problem("level", "proposal_extends_nothing", {}, *_pos(data, ("level",))),
                    ),
                )
            chain.append((current, model, data, digest))
            if len(chain) > MAX_CHAIN:
                raise RuleFileError("extends_too_deep", params={"max": MAX_CHAIN}, path=str(path))
            if model.extends is None:
                break
            if model.extends == model.id:
                raise RuleFileError(
                    "extends_cycle",
                    params={"chain": f"{model.id} → {model.id}"},
                    path=str(current),
                    problems=(Problem("extends", "extends_itself", {}, *_pos(data, ("extends",))),),
                )
            try:
                found = self.path_of(model.extends, near=current.parent)
            except UnknownRuleSet as exc:
                raise RuleFileError(
                    "extends_missing",
                    path=str(current),
                    problems=(Problem("extends", exc.code, exc.params, *_pos(data, ("extends",))),),
                ) from None
            lookups.append((model.extends, str(current.parent), str(found)))
            current = found
        return _resolve(list(reversed(chain))), tuple(lookups)


def _stem(path: Path) -> str:
    """The id a rule file's name gives: ``431022`` of ``431022-yizhang.yaml``."""
    return path.name.removesuffix(".yaml").split("-", 1)[0]


def load_rules(
    rule: str | Path, directory: Path | None = None, search: Sequence[Path] = ()
) -> RuleSet:
    """Load a rule set by id (``431022``) or by path to a rule file.

    An id, and every id a file ``extends``, is looked up in the directories of
    ``search`` first, then in ``directory`` (default: the shipped rules).
    """
    library = RuleLibrary(directory, search)
    text = str(rule)
    if text.endswith((".yaml", ".yml")) or "/" in text or Path(text).is_file():
        return library.load_file(Path(text))
    return library.load(text)


def overlay(base: RuleSet, settings: list[str], start: dt.date | None = None) -> RuleSet:
    """Return ``base`` with quick changes (``--set KEY=VALUE``) in force from ``start``.

    A value is read as YAML (``5040``, ``[deposit, securities]``, ``true``); an amount
    may carry any unit a rule file takes (``420/month`` or ``420 yuan/month``,
    ``5040/year`` or ``5040 yuan/year``, ``0.2 share of standard``, ``1/6 share of
    minimum_wage``; ``2000yuan`` for a one-off sum), checked as in a rule file,
    else it keeps the unit of the rule it changes (a share stays a share); a one-off
    amount the base does not have yet is in yuan. Without ``start`` the value applies
    on every date. The changes are validated like a rule file and marked provisional.

    Raises:
        RuleFileError: a setting names an unknown key or a value of the wrong type.
    """
    from . import yamlfile  # noqa: PLC0415
    from .rulefile import RuleFile  # noqa: PLC0415

    parameters: dict[str, Any] = {}
    for setting in settings:
        key, sep, text = setting.partition("=")
        key, text = key.strip(), text.strip()
        if not sep or not key or not text:
            raise RuleFileError(
                "set_syntax", path="--set", problems=(Problem(setting, "set_expected"),)
            )
        unit = None
        written = _SET_UNIT.match(text) if P.amount_bases(key) is not None else None
        if written is not None and written["unit"] != "yuan":
            # Every unit a rule file takes: `420/month`, `420 yuan/month`,
            # `5040 yuan/year`, `0.2 share of standard`; checked as a file's would be.
            unit = written["unit"]
            text, unit = written["number"], "yuan" + unit if unit.startswith("/") else unit
        if P.is_one_off(key) and unit is None and (text.endswith("yuan") or key not in base.series):
            # A one-off sum (a payment, a limit): `2000` or `2000yuan` for a new key.
            text, unit = text.removesuffix("yuan").strip(), "yuan"
        value = yamlfile.load(text, f"--set {key}")
        entry = {
            "from": start or dt.date.min,
            "value": value,
            "provisional": True,
            "note": {"zh": f"命令行设定：{setting}", "en": f"set on the command line: {setting}"},
        }
        parameters[key] = {"values": [entry], **({"unit": unit} if unit else {})}
        if key not in base.series:  # a key the base does not have yet needs a label
            parameters[key]["description"] = {"zh": key, "en": key}
    data = {
        "schema": "meanstest.rules/1",
        "id": f"{base.id}-changed",
        "name": {"zh": f"{base.name.zh}（调整）", "en": f"{base.name.en} (changed)"},
        "level": "proposal",
        "parameters": parameters,
    }
    model = RuleFile.model_validate(data)
    try:
        return _resolve([(Path("--set"), model, data, "")], base=base)
    except RuleFileError as exc:
        exc.problems = tuple(_named(p, settings) for p in exc.problems)
        raise


# A --set value with its unit: `420/month`, `420 yuan/month`, `0.2 share of standard`,
# `1/6 share of minimum_wage`, `2000yuan` (a one-off sum); a sign is read, so that
# `-5/month` is refused as the negative amount it is, not as one without a unit (try18).
_SET_UNIT = re.compile(
    r"^(?P<number>-?[0-9][0-9./]*?)\s*"
    r"(?P<unit>yuan/month|yuan/year|/month|/year|yuan|share of [a-z_]+)$"
)


def _named(problem: Problem, settings: list[str]) -> Problem:
    """A problem of a --set change, its place named by the change as the user wrote it."""
    loc = problem.loc.removeprefix("parameters.").replace(".values.0.value", "", 1)
    for setting in settings:
        key = setting.partition("=")[0].strip()
        if loc == key or loc.startswith(f"{key}."):
            if problem.code == "unit_missing":  # said as a --set change is written
                params = {**problem.params, "key": key}
                problem = problem._replace(code="set_unit_missing", params=params)
            return problem._replace(loc=f"{loc} (--set {setting.strip()})")
    return problem._replace(loc=loc)


# Resolving is needed only when files are read, not when a cached set is served (every
# `check` after the first): loaded on first use, it stays out of start-up.
def _pos(data: Any, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
    from .resolve import position  # noqa: PLC0415

    return position(data, loc)


def _resolve(chain: list[tuple[Path, RuleFile, Any, str]], base: RuleSet | None = None) -> RuleSet:
    from .resolve import resolve  # noqa: PLC0415

    return resolve(chain, base=base)
