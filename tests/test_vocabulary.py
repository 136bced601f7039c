"""The vocabularies are defined once (meanstest/model/vocabulary.py), and everything derives.

Adding a code (a member status, an asset type ...) must touch vocabulary.py and its
labels only: these tests fail while a code has no label in either language, when a
place that names the codes of a vocabulary is not derived from it, and when a module
lists the codes of a vocabulary again, by hand.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any, get_args, get_type_hints

import pytest

from meanstest import compare
from meanstest.files import roll_columns, roll_hardship
from meanstest.model import contract, fields, hardship, household, result, vocabulary
from meanstest.model.vocabulary import VOCABULARIES, codes
from meanstest.render.labels import LABELS
from meanstest.ruleset import checks, keys, rulefile, views

PACKAGE = Path(vocabulary.__file__).resolve().parent.parent


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_vocabulary_every_code_has_both_labels(name: str) -> None:
    """Every code of every vocabulary has a Chinese and an English label, and only its
    codes have labels."""
    vocab = VOCABULARIES[name]
    assert vocab.codes, name
    assert len(set(vocab.codes)) == len(vocab.codes)
    missing = [c for c in vocab.codes if c not in vocab.labels]
    assert missing == []
    if name != "current_status":  # a part of the statuses, labelled as they are
        assert set(vocab.labels) == set(vocab.codes)
    empty = [c for c in vocab.codes if not all(text.strip() for text in vocab.labels[c])]
    assert empty == []


def _annotation(model: Any, field: str) -> object:
    """A pydantic field's type without ``| None`` and ``tuple[...]`` around it."""
    annotation = model.model_fields[field].annotation
    while get_args(annotation) and not isinstance(get_args(annotation)[0], str):
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    return annotation


@pytest.mark.parametrize(
    ("model", "field", "literal"),
    [
        (household.Household, "area", vocabulary.Area),
        (household.Member, "relation", vocabulary.Relation),
        (household.Member, "status", vocabulary.MemberStatus),
        (household.Member, "education", vocabulary.Education),
        (household.Member, "employment", vocabulary.Employment),
        (household.Member, "self_care_failed", vocabulary.SelfCareActivity),
        (household.Disability, "category", vocabulary.DisabilityCategory),
        (household.Supporter, "relation", vocabulary.Relation),
        (household.Parent, "condition", vocabulary.ParentCondition),
        (household.Income, "per", vocabulary.Period),
        (household.Income, "basis", vocabulary.IncomeBasis),
        (household.Expense, "per", vocabulary.Period),
        (household.Asset, "type", vocabulary.AssetType),
        (household.Asset, "kind", vocabulary.VehicleKind),
        (household.Current, "status", vocabulary.CurrentStatus),
        (hardship.Hardship, "type", vocabulary.HardshipType),
        (hardship.Hardship, "cause", vocabulary.HardshipCause),
        (hardship.HardshipExpense, "type", vocabulary.HardshipExpenseType),
        (hardship.PastPayment, "cause", vocabulary.HardshipCause),
        (rulefile.IncomeTypeDecl, "category", vocabulary.IncomeCategory),
        (rulefile.ExpenseTypeDecl, "kind", vocabulary.ExpenseKind),
    ],
)
def test_vocabulary_input_models_use_it(model: Any, field: str, literal: object) -> None:
    """The household and rule-file models validate against the vocabulary's own type."""
    assert _annotation(model, field) is literal


def test_vocabulary_current_statuses_are_statuses() -> None:
    """A renewal's current status is one of the statuses, and the eligible set too."""
    statuses = set(codes(vocabulary.Status))
    assert set(codes(vocabulary.CurrentStatus)) <= statuses
    assert set(vocabulary.ELIGIBLE) <= statuses


def test_vocabulary_output_contract_uses_it() -> None:
    """The output contract's words are the vocabulary's types (so is its JSON Schema)."""
    hints = {
        name: get_type_hints(record)
        for name, record in (
            ("assessment", contract.AssessmentOut),
            ("income", contract.IncomeItemOut),
            ("deduction", contract.DeductionOut),
            ("tekun", contract.TekunOut),
            ("top_up", contract.TopUpOut),
            ("temporary", contract.TemporaryOut),
        )
    }
    assert hints["assessment"]["status"] is vocabulary.Status
    assert hints["assessment"]["area"] is vocabulary.Area
    assert hints["income"]["per"] is vocabulary.Period
    assert get_args(hints["income"]["basis"])[0] is vocabulary.IncomeBasis
    assert hints["deduction"]["kind"] is vocabulary.ExpenseKind
    assert hints["deduction"]["status"] is vocabulary.DeductionStatus
    assert hints["tekun"]["self_care"] is vocabulary.CareBand
    assert hints["tekun"]["support_mode"] is vocabulary.SupportMode
    # A 分类施保 group is named by the rules (classified.groups.NAME), not a vocabulary.
    assert get_args(hints["top_up"]["groups"])[0] is str
    assert hints["temporary"]["type"] is vocabulary.HardshipType
    assert hints["temporary"]["cause"] is vocabulary.HardshipCause
    assert result.Status is vocabulary.Status
    assert result.ELIGIBLE is vocabulary.ELIGIBLE
    assert fields.MemberStatus is vocabulary.MemberStatus


@pytest.mark.parametrize(
    ("derived", "literal"),
    [
        (keys.MEMBER_STATUSES, vocabulary.MemberStatus),
        (keys.ASSET_TYPES, vocabulary.AssetType),
        (keys.VEHICLE_KINDS, vocabulary.VehicleKind),
        (keys.DISABILITY_CATEGORIES, vocabulary.DisabilityCategory),
        (keys.INCOME_CATEGORIES, vocabulary.IncomeCategory),
        (keys.EXPENSE_KINDS, vocabulary.ExpenseKind),
        (keys.MEMBER_CONDITIONS, vocabulary.MemberCondition),
        (keys.ROUNDING_STAGES, vocabulary.RoundingStage),
        (keys.CARE_BANDS, vocabulary.CareBand),
        (keys.CLASSIFIED_GROUPS, vocabulary.ClassifiedGroup),
        (("present", *keys.PARENT_CONDITIONS), vocabulary.ParentCondition),
        (keys.HARDSHIP_TYPES, vocabulary.HardshipType),
        (keys.CAUSES, vocabulary.HardshipCause),
        (keys.HARDSHIP_EXPENSES, vocabulary.HardshipExpenseType),
        (views.AREAS, vocabulary.Area),
        (tuple(sorted(checks.AREAS, reverse=True)), vocabulary.Area),
        (compare.STATUSES, vocabulary.Status),
    ],
)
def test_vocabulary_rule_keys_and_comparisons_use_it(
    derived: tuple[str, ...], literal: object
) -> None:
    """The words rule values may use, and the statuses a comparison counts, are the
    vocabulary's codes in its order."""
    assert derived == codes(literal)


@pytest.mark.parametrize(
    ("prefix", "name"),
    [
        ("status", "status"),
        ("category", "income_category"),
        ("deduction", "deduction_status"),
        ("relation", "relation"),
        ("disability", "disability_category"),
        ("vehicle", "vehicle_kind"),
        ("care", "care_band"),
        ("support_mode", "support_mode"),
        ("condition", "member_condition"),
        ("stage", "rounding_stage"),
        ("hardship", "hardship_type"),
        ("cause", "hardship_cause"),
        ("hexpense", "hardship_expense"),
        ("parent", "parent_condition"),
    ],
)
def test_vocabulary_labels_are_the_renderers_labels(prefix: str, name: str) -> None:
    """What the renderers show for a code (``status.dibao``) is the vocabulary's label."""
    vocab = VOCABULARIES[name]
    assert {c: LABELS[f"{prefix}.{c}"] for c in vocab.codes} == dict(vocab.labels)


def test_vocabulary_exclusions_and_areas_are_labelled() -> None:
    """A member left out is labelled by its status; an area by the area's label."""
    for code, (zh, en) in vocabulary.MEMBER_STATUS_LABELS.items():
        if code != "resident":
            assert LABELS[f"excluded.{code}"] == (f"{zh}，不计入", f"{en}, not counted")
    assert {c: LABELS[c] for c in codes(vocabulary.Area)} == vocabulary.AREA_LABELS


@pytest.mark.parametrize(
    ("field", "name"),
    [
        ("area", "area"),
        ("relation", "relation"),
        ("education", "education"),
        ("employment", "employment"),
        ("status", "member_status"),
        ("disability_category", "disability_category"),
        ("self_care_failed", "self_care_activity"),
        ("current_status", "current_status"),
        ("hardship_type", "hardship_type"),
        ("hardship_cause", "hardship_cause"),
        ("income_basis", "income_basis"),
    ],
)
def test_vocabulary_roll_words_are_its_labels(field: str, name: str) -> None:
    """A case roll reads each code's Chinese label (and other words besides), and writes
    a code as its label (the first word listed), unless the roll has a shorter one."""
    vocab = VOCABULARIES[name]
    words = roll_columns.VALUES[field]
    assert {
        zh: code for code, (zh, _) in vocab.labels.items() if code in vocab.codes
    }.items() <= words.items()
    assert set(words.values()) == set(vocab.codes)
    assert roll_hardship.CAUSE_WORDS is roll_columns.VALUES["hardship_cause"]


def test_vocabulary_roll_columns_are_named_by_its_labels() -> None:
    """A vehicle column is named by the kind's label, an asset column by the type's."""
    kinds = {c: zh for c, (zh, _) in vocabulary.VEHICLE_KIND_LABELS.items()}
    assert kinds == roll_columns.VEHICLE_KINDS
    assets = {c: zh for c, (zh, _) in vocabulary.ASSET_TYPE_LABELS.items()}
    assert roll_columns.ASSET_TYPES.items() - {("housing", "住房套数")} <= assets.items()


# ------------------------------------------------------------ no list written twice


def _string_sets(tree: ast.AST) -> list[tuple[int, frozenset[str]]]:
    """Every tuple, list, set or Literal[...] of two or more string constants, with its
    line. (A dict keyed by code is a table of what each code does, not a list.)"""
    found = []
    for node in ast.walk(tree):
        items: list[ast.expr] = []
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items = list(node.elts)
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id == "Literal"
            and isinstance(node.slice, ast.Tuple)
        ):
            items = list(node.slice.elts)
        words = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
        if len(words) >= 2 and len(words) == len(items):
            found.append((node.lineno, frozenset(words)))
    return found


def test_vocabulary_codes_are_listed_only_in_vocabulary_py() -> None:
    """No module but vocabulary.py writes out the codes of a vocabulary (all of them, or
    all but one): each derives them with `vocabulary.codes`, so a new code reaches it."""
    sets = {name: frozenset(v.codes) for name, v in VOCABULARIES.items() if len(v.codes) >= 2}
    written = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "vocabulary.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, words in _string_sets(tree):
            for name, code_set in sets.items():
                if (
                    len(code_set - words) <= 1
                    and words <= code_set
                    and len(words) >= 2
                    and (len(words) >= len(code_set) - 1 > 1 or words == code_set)
                ):
                    written.append(f"{path.relative_to(PACKAGE.parent)}:{line} ({name})")
    assert written == []
