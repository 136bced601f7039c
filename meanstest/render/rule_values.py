"""A rule value as a person reads it, in the language.

A rule file writes codes (``[deposit, securities]``, ``half_up``, ``true``); the JSON
record keeps them as written. The printed form shows them as the vocabulary's labels
(存款、有价证券 / deposits, securities; 四舍五入; 是), so a long list wraps between
words as any sentence does, and amounts in the language's units
(`labels_tools.in_units`). A structured value is shown as written, its amounts short
(``{burden_from: 0.5, amount: 3 share of standard}``).
Which vocabulary a key's codes come from is said once, in `ruleset.keys.code_vocabulary`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..model.vocabulary import VOCABULARIES
from ..money import ROUNDING_MODES
from ..ruleset.keys import DECLARED_VOCABULARIES, code_vocabulary
from ..ruleset.model import ExpenseType, IncomeType
from .labels import LABELS, Lang, label
from .labels_form import text
from .labels_tools import in_units

_JOIN = {"zh": "、", "en": ", "}
# An amount inside a structured value (`ruleset.amounts.structured`), written short.
_AMOUNT = re.compile(r"\{amount: ([^,{}]+), unit: ([^{}]+)\}")


def _labels(
    vocabulary: str, declared: Mapping[str, tuple[str, str]] | None
) -> Mapping[str, tuple[str, str]]:
    if vocabulary in DECLARED_VOCABULARIES:
        return declared or {}
    if vocabulary == "rounding_mode":
        return {mode: LABELS[f"mode.{mode}"] for mode in ROUNDING_MODES}
    return VOCABULARIES[vocabulary].labels


def declared_labels(
    *types: Mapping[str, IncomeType | ExpenseType],
) -> dict[str, tuple[str, str]]:
    """The labels of a rule set's declared income and expense types, for `value_words`."""
    return {code: (t.label.zh, t.label.en) for kinds in types for code, t in kinds.items()}


def code_words(
    key: str,
    written: str,
    lang: Lang,
    declared: Mapping[str, tuple[str, str]] | None = None,
) -> str | None:
    """A rule value that is a code, a list of codes or a boolean, in words (`value_words`);
    None for any other value, or codes with no label."""
    if written in ("true", "false"):
        return label("yes" if written == "true" else "no", lang)
    vocabulary = code_vocabulary(key)
    if vocabulary is None:
        return None
    listed = written.startswith("[") and written.endswith("]")
    codes = [c.strip() for c in written[1:-1].split(",")] if listed else [written]
    if listed and codes == [""]:
        return text("form.none", lang)
    labels = _labels(vocabulary, declared)
    if any(code not in labels for code in codes):
        return None
    return _JOIN[lang].join(labels[code][0 if lang == "zh" else 1] for code in codes)


def value_words(
    key: str,
    written: str,
    lang: Lang,
    declared: Mapping[str, tuple[str, str]] | None = None,
) -> str:
    """A rule value as written in the rule file, shown in words: codes as their labels
    joined with 、 (Chinese) or ", " (English), booleans as 是/否 (yes/no), amounts in
    the language's units. A value that is not all known codes is shown as written.
    ``declared``: the labels of the rule set's income and expense types
    (`declared_labels`), for the keys whose values are lists of them."""
    words = code_words(key, written, lang, declared)
    if words is not None:
        return words
    if code_vocabulary(key) is not None:
        return written
    if written.startswith(("{", "[{")):
        # A structured value stays as the rule file writes it (its field names are the
        # rule file's words, in either language), its amounts written short.
        return _AMOUNT.sub(r"\1 \2", written)
    return in_units(written, lang)
