"""Rule tests: YAML cases that say what a household should get under a rule set.

Policy staff ship expected outcomes with every rule change. A case file is a list:

    - name: A four-person household with 9600 a year gets 720 a month.   # a sentence
      rules: "431022"          # a rule set id, or a rule file (relative to the case file)
      on: 2021-12-01           # the date whose rules apply
      household: {...}         # a meanstest.household/1 object, or the path of a JSON
                               # file holding one (relative to the case file)
      expect:                  # result values to check; only the listed ones are checked
        status: dibao
        benefit_monthly: "720.00"
        income: {counted_monthly: "800.00", per_capita_monthly: "200.00"}
        members: {p2: {counted: false}}      # list items by id (or name), or by index

Nested mappings in ``expect`` are joined into dotted paths (``income.counted_monthly``);
a path step is a field of the result, a key of a mapping, or an item of a list chosen
by its index or its ``id``/``name``. Money is compared as the contract writes it, a
string with two decimals ("570.00").
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from .engine import assess
from .errors import MeansTestError, Problem, RuleFileError
from .files.json import decode_json
from .model.household import parse_household
from .model.result import MemberResult
from .money import fmt
from .render.labels import Lang, message
from .render.privacy import mask_id_number, mask_known, mask_name
from .ruleset import yamlfile
from .ruleset.choose import RuleChooser, rules_ref
from .ruleset.rulefile import read_bounded

# A case file holds a few households in YAML; this bounds what one read may take.
MAX_CASE_FILE_BYTES = 10_000_000
REQUIRED = frozenset({"name", "rules", "on", "household", "expect"})
OPTIONAL = frozenset({"note"})
_MISSING = object()


class Case(NamedTuple):
    """One case and where it came from."""

    file: Path
    position: int  # 0-based place in the file
    data: Mapping[str, Any]

    @property
    def name(self) -> str:
        """The case's sentence."""
        return str(self.data.get("name", f"{self.file.name} case {self.position + 1}"))


class Outcome(NamedTuple):
    """What running a case found: no failures means it passed."""

    case: Case
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """Whether every expectation held."""
        return not self.failures


def load_cases(path: Path) -> list[Case]:
    """Read a case file; check each case's keys.

    Raises:
        RuleFileError: the file is not a list of well-formed cases.
    """
    raw = read_bounded(path, MAX_CASE_FILE_BYTES, "case_file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleFileError(
            "case_file_not_utf8", params={"byte": exc.start + 1}, path=str(path)
        ) from None
    data = yamlfile.load(text, str(path))
    if not isinstance(data, list):
        raise NotCaseFile("case_file_not_list", path=str(path))
    cases, problems = [], []
    for i, raw in enumerate(data):
        item = _on_key(raw)
        n = f"#{i + 1}"  # the case as a person counts it: the first is #1
        # Each problem at its line (the case's, or its key's): files hold dozens of cases.
        at = yamlfile.position(data, (i,)) or (None, None)
        if not isinstance(item, Mapping):
            problems.append(Problem(n, "case_not_mapping", {}, *at))
            continue
        missing, unknown = REQUIRED - set(item), set(item) - REQUIRED - OPTIONAL
        if missing:
            problems.append(Problem(n, "case_missing", {"keys": sorted(missing)}, *at))
        if unknown:
            first = min(yamlfile.position(data, (i, key)) or at for key in unknown)
            params = {"keys": sorted(unknown)}
            problems.append(Problem(n, "case_unknown_keys", params, *first))
        if not isinstance(item.get("on"), dt.date):
            on = yamlfile.position(data, (i, True if True in raw else "on")) or at
            problems.append(Problem(f"{n}.on", "case_date_expected", {}, *on))
        if "expect" in item and not item["expect"]:
            expect = yamlfile.position(data, (i, "expect")) or at
            problems.append(Problem(f"{n}.expect", "case_expect_empty", {}, *expect))
        cases.append(Case(path, i, item))
    if problems:
        raise RuleFileError("case_file_invalid", path=str(path), problems=tuple(problems))
    return cases


class NotCaseFile(RuleFileError):
    """A YAML file that is not a list of cases at all (a rule file, say): an error when
    it was named, skipped with a note when it was found in a directory."""


def _on_key(item: Any) -> Any:
    # YAML 1.1 reads a bare `on` as true; give the key back its name.
    if isinstance(item, Mapping) and True in item and "on" not in item:
        return {("on" if key is True else key): value for key, value in item.items()}
    return item


class CaseRunner:
    """Runs cases, loading each rule set once.

    A case names its rules and its date; they are chosen as for every other caller
    (`ruleset.choose`): a rule file relative to the case file (or to ``base``), the
    date ``on`` over the household's own.

    What it says about a case (its failures, and its `title`) shows names and ID
    numbers masked, as every other output does (a rule test's output lands in CI logs),
    unless ``show_personal_data``: an expected name or ID number, and the one found,
    are masked, and so is every member's name or ID number quoted anywhere.
    """

    def __init__(
        self,
        base: Path | None = None,
        search: Sequence[Path] = (),
        *,
        show_personal_data: bool = False,
        lang: Lang = "en",
    ) -> None:
        self.base = base
        self.lang = lang  # the language of what it says of a case
        self.search = tuple(search)  # a user's rule directories, looked in by id first
        self.show_personal_data = show_personal_data
        self._choosers: dict[tuple[str, Path], RuleChooser] = {}

    def title(self, case: Case) -> str:
        """The case's name as it may be shown: its members' names and ID numbers masked
        (unless personal data is shown)."""
        return self._private(case, case.name)

    def _private(self, case: Case, text: str) -> str:
        if self.show_personal_data:
            return text
        household = case.data.get("household")
        members = household.get("members") if isinstance(household, Mapping) else None
        people = [m for m in members if isinstance(m, Mapping)] if isinstance(members, list) else []
        return mask_known(
            text,
            [str(m["name"]) for m in people if m.get("name")],
            [str(m["id_number"]) for m in people if m.get("id_number")],
        )

    def _say(self, code: str, **params: object) -> str:
        # message() strips its sentence; a hint keeps the space that joins it on.
        text = message(code, params, self.lang)
        return f" {text}" if code.startswith("case.hint") and self.lang == "en" else text

    def _error(self, exc: MeansTestError) -> str:
        """Why a case could not be assessed, in the runner's language (``str(exc)`` in
        English: the file, the headline, the problems)."""
        if self.lang == "en":
            return str(exc)
        from .render.errors import headline, problem_message, where  # noqa: PLC0415

        head = headline(exc, self.lang)
        lines = [f"{exc.path}：{head}" if exc.path else head]
        lines += [
            f"  {where(p, self.lang)}：{problem_message(p, self.lang)}"
            if where(p, self.lang)
            else f"  {problem_message(p, self.lang)}"
            for p in exc.problems
        ]
        return "\n".join(lines)

    def _field(self, path: str, value: Any) -> Any:
        """An expected or found value, masked when its field is a name or an ID number."""
        field = path.rsplit(".", 1)[-1]
        if self.show_personal_data or not isinstance(value, str):
            return value
        if field == "name":
            return mask_name(value)
        if field == "id_number":
            return mask_id_number(value)
        return value

    def chooser(self, rules: str, near: Path) -> RuleChooser:
        """The chooser of the rule set a case names: an id, or a file near the case."""
        key = (rules, near)
        if key not in self._choosers:
            ref = rules_ref(rules, [near, *([self.base] if self.base else [])])
            self._choosers[key] = RuleChooser(ref, search=self.search)
        return self._choosers[key]

    def run(self, case: Case) -> Outcome:
        """Assess the case's household and compare each expected value."""
        data = case.data
        try:
            household = parse_household(_household(data["household"], case.file.parent))
            chooser = self.chooser(str(data["rules"]), case.file.parent)
            result = assess(household, chooser.rules_at(household, data["on"], data["on"]))
        except MeansTestError as exc:
            return Outcome(
                case,
                (self._private(case, self._say("case.could_not_assess", error=self._error(exc))),),
            )
        wrong = []
        for path, want in flatten(data["expect"]):
            got = resolve(result, path)
            if got is _MISSING:
                wrong.append(self._say("case.not_a_field", path=path))
                continue
            if isinstance(want, Count):
                if not hasattr(got, "__len__") or len(got) != want:
                    shown = len(got) if hasattr(got, "__len__") else got
                    wrong.append(self._say("case.count", path=path, want=want, got=_repr(shown)))
                continue
            shown, expected = _shown(got), _expected(want)
            if shown != expected or type(shown) is not type(expected):
                hint = (
                    self._say("case.hint_money")
                    if isinstance(got, Decimal) and not isinstance(want, str)
                    else ""
                )
                masked = (self._field(path, expected), self._field(path, shown))
                if masked[0] == masked[1]:
                    hint = self._say("case.hint_masked")
                wrong.append(
                    self._say(
                        "case.mismatch", path=path, want=_repr(masked[0]), got=_repr(masked[1])
                    )
                    + hint
                )
        return Outcome(case, tuple(self._private(case, text) for text in wrong))


def _household(given: Any, near: Path) -> object:
    """The case's household: given inline, or read from a JSON file near the case file.

    Raises:
        MeansTestError: the file cannot be read or is not JSON.
    """
    if not isinstance(given, str):
        return given
    path = near / given
    try:
        return decode_json(path.read_bytes())
    except OSError as exc:
        raise MeansTestError(
            "cannot_read", params={"what": "household_file", "reason": exc.strerror}, path=str(path)
        ) from None


class Count(int):
    """An expected number of items: a list in ``expect`` lists all of them."""


def flatten(expect: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Yield (dotted path, expected leaf value) for a nested expect mapping.

    A list expects exactly its items (``warnings: []`` means none), so it also yields
    its length as a `Count`; an empty mapping below the top expects an empty one.
    """
    if isinstance(expect, Mapping) and (expect or not prefix):
        for key, value in expect.items():
            yield from flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(expect, Mapping):
        yield prefix, Count(0)
    elif isinstance(expect, list):
        yield prefix, Count(len(expect))
        for i, value in enumerate(expect):
            yield from flatten(value, f"{prefix}.{i}")
    else:
        yield prefix, expect


def _step(obj: Any, part: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(part, _MISSING)
    # A named tuple is a record (fields), not a list of items.
    if isinstance(obj, tuple | list) and not hasattr(obj, "_fields"):
        if part.isdigit():
            return obj[int(part)] if int(part) < len(obj) else _MISSING
        for item in obj:
            if part in (getattr(item, "id", None), getattr(item, "name", None)):
                return item
        return _MISSING
    return getattr(obj, part, _MISSING)


def resolve(result: Any, path: str) -> Any:
    """Follow a dotted path into a result; a sentinel when it leads nowhere."""
    obj = result
    for part in path.split("."):
        obj = _step(obj, part)
        if obj is _MISSING:
            return _MISSING
    return obj


def is_missing(value: Any) -> bool:
    """Whether ``resolve`` found nothing."""
    return value is _MISSING


def _repr(value: Any) -> str:
    """A value as a failure shows it: a member whole, its name and ID number too (they
    are masked in the text afterwards, unless personal data is shown)."""
    if isinstance(value, MemberResult):
        return value.described(personal=True)
    if type(value) is tuple:
        return "(" + ", ".join(map(_repr, value)) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def _shown(value: Any) -> Any:
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _expected(value: Any) -> Any:
    # An unquoted 570.00 in YAML reads as Decimal('570.00'); compare its text, so a bare
    # 570 (an int) is reported rather than silently taken as money.
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def case_files(paths: tuple[Path, ...], shipped: Path) -> list[Path]:
    """The case files to run: the paths given (files or folders), or the shipped ones."""
    return [path for path, _found in collect_case_files(paths, shipped)]


def collect_case_files(paths: tuple[Path, ...], shipped: Path) -> list[tuple[Path, bool]]:
    """The case files to run, each with whether it was found in a directory (rather
    than named): a directory is searched through its subdirectories, as ``openfisca
    test`` does, for ``*.yaml`` and ``*.yml`` files, in name order; hidden files and
    directories (``.git``) are left out."""
    out: list[tuple[Path, bool]] = []
    for target in paths or (shipped,):
        if not target.is_dir():
            out.append((target, False))
            continue
        found = []
        for folder, dirs, names in os.walk(target):  # symbolic links to folders not followed
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += [
                Path(folder) / n
                for n in names
                if n.endswith((".yaml", ".yml")) and not n.startswith(".")
            ]
        out += [(path, True) for path in sorted(found)]
    return out


def selected(case: Case, keyword: str | None) -> bool:
    """Whether ``-k KEYWORD`` selects a case: its name contains the keyword, case
    ignored (pytest's ``-k`` at its simplest); no keyword selects every case."""
    return keyword is None or keyword.casefold() in case.name.casefold()
