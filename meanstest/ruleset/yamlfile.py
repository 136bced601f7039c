"""Safe YAML loading that remembers where each key and item came from.

Rule files are data from other offices, so they are read with PyYAML's safe loader
only (no Python tags), duplicate keys are refused instead of silently overwritten,
and every mapping and sequence keeps the line and column of its entries, so a
validation error can point to ``file.yaml:42``.

Numbers are decimal: YAML 1.1 would read ``1:16:00`` as 4560 (base 60), ``012`` as 10
(octal) and ``0x1F`` as 31; such a scalar is refused, never read as a surprise. A date
that does not exist (``2021-02-29``, ``0000-01-01``) is refused with its place.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from ..errors import Problem, RuleFileError

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Position = tuple[int, int]


class MarkedDict(dict[Any, Any]):
    """A dict that knows the line and column of each key."""

    __slots__ = ("marks", "start")

    def __init__(self) -> None:
        super().__init__()
        self.marks: dict[Any, Position] = {}
        self.start: Position = (0, 0)


class MarkedList(list[Any]):
    """A list that knows the line and column of each item."""

    __slots__ = ("marks", "start")

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[Position] = []
        self.start: Position = (0, 0)


def _pos(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """The safe loader, with marked containers and duplicate-key checks."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> MarkedDict:
    loader.flatten_mapping(node)
    mapping = MarkedDict()
    mapping.start = _pos(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int):
            raise _LoadError(_pos(key_node), "key_not_plain")
        if key in mapping:
            raise _LoadError(_pos(key_node), "key_twice", key=str(key))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.marks[key] = _pos(key_node)
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> MarkedList:
    seq = MarkedList()
    seq.start = _pos(node)
    for child in node.value:
        seq.append(loader.construct_object(child, deep=True))
        seq.marks.append(_pos(child))
    return seq


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> Decimal:
    # Money and ratios must stay exact: 4560.50 is read as Decimal, never float.
    text = str(loader.construct_scalar(node)).replace("_", "")
    if "e" in text.lower() and text.lower().strip("+-.") not in ("inf", "nan"):
        # 6.0e+2 would be kept as Decimal('6.0E+2') and shown so: plain digits only.
        raise _LoadError(_pos(node), "number_plain_digits", text=text)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _LoadError(_pos(node), "not_finite", text=text) from None
    if not number.is_finite():
        raise _LoadError(_pos(node), "not_finite", text=text)
    return number


_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if not _DECIMAL_INT.fullmatch(text):
        raise _LoadError(_pos(node), "not_decimal", text=text)
    try:
        return int(text.replace("_", ""))
    except ValueError:  # past Python's 4,300-digit conversion limit
        raise _LoadError(_pos(node), "number_too_long_rule") from None


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        raise _LoadError(_pos(node), "not_real_date", text=str(node.value)) from None


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


class _LoadError(Exception):
    def __init__(self, pos: Position, code: str, **params: object) -> None:
        super().__init__(code)
        self.pos = pos
        self.code = code
        self.params = params


# The YAML parser's usual problems (libyaml's words, then PyYAML's), by how they begin,
# as codes said in both languages (in English in libyaml's words); another problem is
# said as the parser words it.
_YAML_CODES = {
    "did not find expected node content": "yaml_no_content",
    "expected the node content": "yaml_no_content",
    "mapping values are not allowed": "yaml_mapping_value",
    "could not find expected ':'": "yaml_expected_colon",
    "found a tab character": "yaml_tab",
    "found character '\\t'": "yaml_tab",
    "found character that cannot start any token": "yaml_bad_character",
    "found character": "yaml_bad_character",
    "did not find expected key": "yaml_indentation",
    "expected <block end>": "yaml_indentation",
    "did not find expected '-' indicator": "yaml_expected_dash",
    "found unexpected end of stream": "yaml_unexpected_end",
    "did not find expected ',' or ']'": "yaml_unclosed_list",
    "expected ',' or ']'": "yaml_unclosed_list",
    "did not find expected ',' or '}'": "yaml_unclosed_mapping",
    "expected ',' or '}'": "yaml_unclosed_mapping",
    "block sequence entries are not allowed": "yaml_sequence_here",
    "found unknown escape character": "yaml_bad_escape",
}


def _syntax_code(detail: str, text: str = "", mark: Any = None) -> str:
    """The code of the parser's problem ``detail``; ``yaml_syntax`` for one not listed.
    libyaml calls a tab that indents 'a character that cannot start any token': the
    character at ``mark`` in ``text`` tells it is a tab (`yaml_tab`, which says so)."""
    for start, code in _YAML_CODES.items():
        if detail.startswith(start):
            if code == "yaml_bad_character" and mark is not None:
                lines = text.split("\n")
                row = lines[mark.line] if 0 <= mark.line < len(lines) else ""
                if row[mark.column : mark.column + 1] == "\t":
                    return "yaml_tab"
            return code
    return "yaml_syntax"


def load(text: str, path: str) -> Any:
    """Parse YAML text safely into marked dicts and lists.

    Raises:
        RuleFileError: the text is not YAML, uses an unsafe tag or repeats a key.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        size = _expanded_size(node, {})
        if size > MAX_EXPANDED_NODES:
            raise _LoadError(_pos(node), "aliases_expand", max=MAX_EXPANDED_NODES)
        return loader.construct_document(node)
    except _LoadError as exc:
        raise RuleFileError(
            "yaml_not_rules", path=path, problems=(Problem("", exc.code, exc.params, *exc.pos),)
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        detail = exc.problem or str(exc)
        problem = (
            Problem("", "yaml_tag", {}, line, col)
            if "could not determine a constructor" in detail
            else Problem("", _syntax_code(detail, text, mark), {"detail": detail}, line, col)
        )
        raise RuleFileError("yaml_invalid", path=path, problems=(problem,)) from None
    except yaml.reader.ReaderError as exc:
        # A control character (a NUL pasted from a database export): its line, not the
        # reader's '<unicode string>, position N'.
        # libyaml counts the position in UTF-8 bytes, PyYAML's own reader in characters.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
        if _Base is yaml.SafeLoader:
            before = text[: exc.position]
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        problem = Problem("", "yaml_control_character", {"code": f"U+{exc.character:04X}"})
        raise RuleFileError(
            "yaml_invalid", path=path, problems=(problem._replace(line=line, column=column),)
        ) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(
            "yaml_invalid", path=path, problems=(Problem("", "yaml_syntax", {"detail": str(exc)}),)
        ) from None
    except RecursionError:
        raise RuleFileError(
            "yaml_not_rules", path=path, problems=(Problem("", "nested_too_deeply"),)
        ) from None
    finally:
        loader.dispose()


# A rule file has a few thousand values; aliases (`*name`) may repeat a block, but a
# file whose aliases multiply into more values than this is refused before building it.
MAX_EXPANDED_NODES = 200_000


def _expanded_size(node: yaml.Node, seen: dict[int, int]) -> int:
    """The number of values ``node`` stands for once every alias is expanded.

    Aliases share nodes, so the walk remembers each node's size: linear in the file,
    whatever the expansion.
    """
    known = seen.get(id(node))
    if known is not None:
        return known
    seen[id(node)] = 1  # a node that contains itself (a cycle) counts once here
    if isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, seen) + _expanded_size(v, seen) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(child, seen) for child in node.value)
    else:
        size = 1
    seen[id(node)] = min(size, MAX_EXPANDED_NODES + 1)
    return seen[id(node)]


def position(data: Any, loc: tuple[str | int, ...]) -> Position | None:
    """Return the line and column of the deepest part of ``loc`` found in ``data``."""
    found: Position | None = getattr(data, "start", None)
    node = data
    for part in loc:
        if isinstance(node, MarkedDict) and part in node:  # noqa: SIM114 - lets mypy narrow
            found = node.marks[part]
        elif isinstance(node, MarkedList) and isinstance(part, int) and 0 <= part < len(node):
            found = node.marks[part]
        else:
            break
        node = node[part]
    return found
