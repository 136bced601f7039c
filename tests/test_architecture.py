"""The import directions of docs/architecture.md, checked on the source.

Every import of every module under meanstest/ is read with `ast` (imports inside
functions too, since heavy modules are imported lazily), resolved to a module name,
and checked against what its package may use. The rules are the picture of the
pipeline: the engine is pure, rendering never loads files, nothing imports the CLI.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "meanstest"

SHARED = ("meanstest.money", "meanstest.errors")
RULE_MODEL = (
    "meanstest.ruleset.model",
    "meanstest.ruleset.views",
    "meanstest.ruleset.keys",
    "meanstest.ruleset.checks",
    "meanstest.ruleset.build_views",
    "meanstest.ruleset.amounts",
    "meanstest.ruleset.temporary_keys",
    "meanstest.ruleset.blocks",
    "meanstest.ruleset.value_types",
)
LOADING = (
    "meanstest.ruleset.load",
    "meanstest.ruleset.resolve",
    "meanstest.ruleset.across",
    "meanstest.ruleset.cache",
    "meanstest.ruleset.rulefile",
    "meanstest.ruleset.yamlfile",
    "meanstest.ruleset.scaffold",
    "meanstest.ruleset.choose",
)

# package (a module name prefix) -> the meanstest modules it may import (prefixes)
ALLOWED: dict[str, tuple[str, ...]] = {
    # The two shared modules import nothing of meanstest, with one exception: an error is
    # data (codes and parameters), and ``str(exc)``, ``exc.message`` and ``Problem.msg``
    # are its English text, which only the renderer of errors writes. errors.py imports
    # it inside those three, when the text is asked for (logs, --debug, library users),
    # so that every module may raise errors without loading the renderer.
    "meanstest.errors": ("meanstest.render.errors",),
    "meanstest.money": (),
    "meanstest.model": ("meanstest.model", *SHARED),
    "meanstest.ruleset.model": (*RULE_MODEL, "meanstest.model", *SHARED),
    "meanstest.ruleset.views": (*RULE_MODEL, "meanstest.model", *SHARED),
    "meanstest.ruleset.keys": (*RULE_MODEL, "meanstest.model", *SHARED),
    "meanstest.ruleset.checks": (*RULE_MODEL, "meanstest.model", *SHARED),
    "meanstest.ruleset": ("meanstest.ruleset", "meanstest.model", *SHARED, "meanstest"),
    "meanstest.engine": ("meanstest.engine", *RULE_MODEL, "meanstest.model", *SHARED),
    "meanstest.render": (
        "meanstest.render",
        *RULE_MODEL,
        "meanstest.model",
        "meanstest.compare",
        *SHARED,
    ),
    "meanstest.compare": (
        "meanstest.engine",
        *RULE_MODEL,
        "meanstest.ruleset.choose",
        "meanstest.model",
        "meanstest.compare_parts",
        "meanstest.compare_totals",
        *SHARED,
    ),
    "meanstest.compare_parts": (*RULE_MODEL, "meanstest.model", *SHARED),
    # the running totals of compare's Summary (its types only from compare)
    "meanstest.compare_totals": ("meanstest.compare", "meanstest.compare_parts", *SHARED),
    "meanstest.files": (
        "meanstest.files",
        "meanstest.render",
        *RULE_MODEL,
        "meanstest.model",
        *SHARED,
    ),
    "meanstest.batch": (
        "meanstest.batch",
        "meanstest.files",
        "meanstest.render",
        "meanstest.engine",
        "meanstest.ruleset",
        "meanstest.model",
        "meanstest.compare",
        *SHARED,
        "meanstest",
    ),
    "meanstest.cases": (
        "meanstest.engine",
        "meanstest.ruleset",
        "meanstest.model",
        "meanstest.files",
        "meanstest.render",
        *SHARED,
    ),
    "meanstest.api": (
        "meanstest.engine",
        "meanstest.ruleset",
        "meanstest.model",
        "meanstest.files",
        *SHARED,
    ),
    "meanstest.cli": ("meanstest",),  # the command line may use everything
    "meanstest.__main__": ("meanstest",),  # `python -m meanstest`: the command line
}
# Third-party and standard modules a package must never import.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "meanstest.engine": (
        "yaml",
        "rich",
        "click",
        "pathlib",
        "os",
        "io",
        "openpyxl",
        "sys",
        "jinja2",
        "duckdb",
        "pyarrow",
    ),
    "meanstest.model": ("yaml", "rich", "click", "openpyxl", "jinja2"),
    "meanstest.ruleset.model": ("yaml", "rich", "click", "pathlib"),
    "meanstest.ruleset.views": ("yaml", "rich", "click", "pathlib"),
    "meanstest.render": ("yaml", "click", "openpyxl"),
}


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out.append((".".join(parts), path))
    return out


def _imports(module: str, path: Path) -> list[tuple[str, int]]:
    """Every module ``module`` imports, absolute, with the line of the import."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if node.module is not None:  # `from . import x` imports x, not the package
                found.append((target, node.lineno))
            # `from . import x` and `from .pkg import mod`: the names may be modules.
            found += [(f"{target}.{alias.name}", node.lineno) for alias in node.names]
    return found


def _rule_for(module: str, table: dict[str, tuple[str, ...]]) -> str | None:
    prefixes = [p for p in table if module == p or module.startswith(p + ".")]
    return max(prefixes, key=len) if prefixes else None


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _is_module(name: str) -> bool:
    """Whether a meanstest name is a module or package (not a name inside one)."""
    parts = name.split(".")
    here = PACKAGE.parent.joinpath(*parts)
    return here.with_suffix(".py").is_file() or (here / "__init__.py").is_file()


MODULES = _modules()


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_architecture_import_directions(module: str, path: Path) -> None:
    """Each module imports only what its package may use (docs/architecture.md)."""
    allowed = ALLOWED[_rule_for(module, ALLOWED) or "meanstest.cli"]
    forbidden = FORBIDDEN.get(_rule_for(module, FORBIDDEN) or "", ())
    wrong = []
    for name, line in _imports(module, path):
        top = name.split(".")[0]
        if top == "meanstest":
            if not _is_module(name) or name == "meanstest":
                continue  # a name imported from a module, checked as that module
            if _within(name, ("meanstest.cli",)) and not _within(
                module, ("meanstest.cli", "meanstest.__main__")
            ):
                wrong.append(f"line {line}: {name} (nothing imports the command line)")
            elif not _within(name, allowed):
                wrong.append(f"line {line}: {name}")
        elif top in forbidden:
            wrong.append(f"line {line}: {name} (never in {_rule_for(module, FORBIDDEN)})")
    assert not wrong, f"{module} imports what its package may not use: " + "; ".join(wrong)


# Modules and functions still too long, each with the work that shortens it. The list
# may only shrink (a test below fails when an entry is no longer needed); it is empty
# since files.roll, files.inputs and render.labels were split (issue 11).
KNOWN_LONG: dict[str, str] = {}


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_architecture_modules_stay_small() -> None:
    """No module is over about 400 lines (docs/architecture.md says why this matters)."""
    big = [(m, n) for m, p in MODULES if (n := _lines(p)) > 450 and m not in KNOWN_LONG]
    assert not big, f"modules over 450 lines: {big}"


_REASON = re.compile(r"#.*\b(long|one place|on purpose|because|why)\b", re.IGNORECASE)


def test_architecture_functions_stay_short_or_say_why() -> None:
    """No function is over about 60 lines unless a comment at its top says why."""
    long = []
    for module, path in MODULES:
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                head = "\n".join(lines[node.lineno - 1 : node.lineno + 11])
                name = f"{module}.{node.name}"
                if length > 70 and not _REASON.search(head) and name not in KNOWN_LONG:
                    long.append(f"{name} ({length} lines)")
    assert not long, f"functions over 70 lines without a reason: {long}"


def test_architecture_known_long_list_is_current() -> None:
    """Every module or function in KNOWN_LONG still exists and is still long."""
    sizes = {m: _lines(p) for m, p in MODULES}
    for module, path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                sizes[f"{module}.{node.name}"] = (node.end_lineno or 0) - node.lineno + 1
    stale = [
        name for name in KNOWN_LONG if sizes.get(name, 0) <= (450 if name in dict(MODULES) else 70)
    ]
    assert not stale, f"no longer long, remove from KNOWN_LONG: {stale}"
