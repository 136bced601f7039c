"""Review 17b: is everything the README, the docs and the help texts say true?

A new user's read, command by command, from a fresh clone. Each test is a place where
the documentation and the tool disagreed, or where a user following it got stuck; the
expected values are worked by hand in the comments.
"""

from __future__ import annotations

import glob
import re
import shlex
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from meanstest.cli import cli
from meanstest.render.labels import LABELS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(
    command: click.Command = cli, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    """Each command of `cli` (itself first) with its path of names."""
    found = [(path, command)]
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, name
            found += _commands(sub, (*path, name))
    return found


PATHS = [path for path, _ in _commands()]


def _run(args: list[str], env: dict[str, str | None] | None = None) -> click.testing.Result:
    base: dict[str, str | None] = {"LC_ALL": None, "LANG": None, "LANGUAGE": None}
    return CliRunner().invoke(cli, args, prog_name="meanstest", env={**base, **(env or {})})


def _examples(page: str) -> list[list[str]]:
    """The example commands of a help page, each as the lines it is printed on."""
    _, found, rest = (
        page.partition("Example:\n") if "Example:" in page else (page.partition("示例：\n"))
    )
    assert found, page
    block = rest.split("\n\n\n")[0].split("Options:")[0].split("选项：")[0]
    commands: list[list[str]] = []
    continued = False
    for line in (raw.strip() for raw in block.splitlines()):
        if not line:
            continue
        if continued:
            commands[-1].append(line)
        else:
            commands.append([line])
        continued = line.endswith("\\")
    return commands


# -- 1. An example of a help page is printed so that it can be copied: in an 80-column
# terminal `rules diff`'s and `rules new`'s examples were wrapped as prose, their last
# option ("--on 2027-02-01", '"Guiyang County"') alone on the next line with no "\":
# pasted, the first line ran without it and the second was a command of its own.


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "meanstest")
def test_every_help_example_is_whole_lines_of_a_command(path: tuple[str, ...], lang: str) -> None:
    result = _run([*path, "--help", "--lang", lang], {"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    for command in _examples(result.stdout):
        assert command[0].startswith("meanstest "), (path, command)
        # Every line but the last ends in a continuation; nothing is cut mid-command.
        assert all(line.endswith("\\") for line in command[:-1]), (path, command)


# -- 2. Every example of every help page runs (exit 0) from a clone's root: `meanstest
# test --help`'s example, `meanstest test rules/cases/ -k 四口之家 ...`, selected no case
# (the shipped cases are named in English), so it stopped with exit 2: "no case name
# contains '四口之家' (41 cases in the files run)". And `check --help` named a roll,
# `roll.xlsx`, that no clone has.


def _example_commands() -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for path in PATHS:
        for lang in ("en", "zh"):
            page = _run([*path, "--help", "--lang", lang], {"COLUMNS": "200"}).stdout
            for command in _examples(page):
                text = " ".join(line.rstrip("\\").strip() for line in command)
                found.setdefault(text, " ".join(path) or "meanstest")
    return sorted((where, text) for text, where in found.items())


@pytest.mark.parametrize(("where", "example"), _example_commands())
def test_every_help_example_runs(
    where: str, example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("examples", "rules"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    words = shlex.split(example)
    assert words[0] == "meanstest", example
    if ">" in words:  # a shell redirection: the output goes to stdout here
        words = words[: words.index(">")]
    args: list[str] = []
    for word in words[1:]:
        args += sorted(glob.glob(word)) if "*" in word else [word]
    result = _run([*args, "--lang", "en"] if "--lang" not in args else args)
    assert result.exit_code == 0, (where, example, result.output)


def test_the_test_commands_example_selects_cases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rules").symlink_to(ROOT / "rules")
    monkeypatch.chdir(tmp_path)
    page = _run(["test", "--help", "--lang", "en"], {"COLUMNS": "200"}).stdout
    (example,) = _examples(page)
    result = _run([*shlex.split(example[0])[1:], "--lang", "en"])
    # E5's two cases (431022-policy-examples.yaml: "E5 without its medical deduction ..."
    # and "E5, the same household ..."): 2 passed, none failed, the 39 others deselected.
    assert result.exit_code == 0, result.output
    assert "2 passed, 0 failed" in result.output
    assert (tmp_path / "report.xml").is_file()


# -- 3. Every option says what it does: `rules show --format` and `rules diff --format`
# had no help text ("--format [table|json]  [default: table]", nothing else).


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "meanstest")
def test_every_option_has_a_help_text(path: tuple[str, ...]) -> None:
    command = dict(_commands())[path]
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, (path, param.opts)


# -- 4. `meanstest rules --help` (and the command list of `meanstest --help`) said "List,
# show and validate rule files": the group has five commands, diff and new too.


def test_the_rules_group_names_all_its_commands() -> None:
    page = _run(["rules", "--help", "--lang", "en"], {"COLUMNS": "200"}).stdout
    first = page.split("\n\n")[1]
    for word in ("List", "show", "validate", "compare", "new county"):
        assert word in first, first
    zh = _run(["rules", "--help", "--lang", "zh"], {"COLUMNS": "200"}).stdout
    for word in ("列出", "查看", "校验", "比较", "新建"):
        assert word in zh, zh


# -- 5. The README's glossary gives the Chinese term each output uses: it said 家庭收入
# （计入） for counted_monthly, 家庭人均收入 for per_capita_monthly and 差额救助金 for
# benefit_monthly, while the table, the form and the CSV say 计入家庭月收入, 家庭人均月
# 收入 and 月救助金 (差额救助金 is the payment roll's gap column, without 分类施保).


def _glossary() -> dict[str, str]:
    section = README.split("## Glossary", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|") for line in section.splitlines() if line.startswith("| `")]
    return {row[1].strip().strip("`").split("`")[0]: row[2] for row in rows}


@pytest.mark.parametrize(
    ("field", "label_key"),
    [
        ("counted_monthly", "counted_monthly"),
        ("per_capita_monthly", "per_capita_monthly"),
        ("benefit_monthly", "benefit"),
        ("support_monthly", "support_monthly"),
    ],
)
def test_the_glossary_uses_the_outputs_chinese_terms(field: str, label_key: str) -> None:
    zh = LABELS[label_key][0]
    assert zh in _glossary()[field], (field, zh)


# -- 6. The README's payroll paragraph said a --month before an assessment date is
# "refused with exit 2"; it is refused with exit 1 (docs/batch.md's exit table says so,
# and it is right: the month is a valid month, the roll's data make it wrong).


def test_the_readme_gives_the_payroll_months_exit_statuses() -> None:
    text = re.sub(r"\s+", " ", README)
    assert "another is refused with exit 2" not in text
    assert "before an assessment date is refused with exit 1" in text


# -- 7. docs/batch.md said a Parquet output has "the CSV's columns": it has the summary
# record's, which the CSV does not all have (gross_monthly, exempt_monthly, ...) and
# names otherwise (warning_keys for the CSV's warnings, rules_as_of for assessed_on).


def test_docs_batch_names_the_parquet_outputs_columns() -> None:
    from meanstest.files.parquet import summary_schema

    doc = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    section = doc.split("**Parquet** (`-o results.parquet`", 1)[1].split("A Parquet roll", 1)[0]
    named = re.findall(r"`([a-z_]+)`", section)
    columns = [name for name in summary_schema().names if not name.startswith("temporary_")]
    assert [n for n in columns if n not in named] == []
    assert "four `temporary_*`" in section
    assert sum(name.startswith("temporary_") for name in summary_schema().names) == 4


# -- 8. `batch --help`: --show-personal-data "Write names and ID numbers unmasked in JSON
# Lines results". A summary record (the default JSON Lines) holds no name at all; the
# option unmasks the full records (--detail full), the payment roll and the publication
# list (README: "Names and ID numbers are masked unless --show-personal-data").


def test_batch_show_personal_data_says_what_it_unmasks() -> None:
    batch = dict(_commands())[("batch",)]
    (option,) = [p for p in batch.params if "--show-personal-data" in p.opts]
    text = getattr(option, "help", "")
    for words in ("--detail full", "payment roll", "publication list"):
        assert words in text, text


# -- 9. The output records: docs/household.md names every input field, but of the ~200
# fields of `meanstest.assessment/1` (and the summary's `reason_codes`, `warning_keys`)
# no doc named `asset_tests`, `thresholds`, `benefit.before_rounding`, the members'
# 特困 figures and some 30 others; the schema describes each (in both languages), so
# docs/records.md is made from it and kept in step here (MEANSTEST_UPDATE_GOLDEN=1
# rewrites it).

RECORDS_DOC = ROOT / "docs" / "records.md"
RECORDS_INTRO = """\
# Output records (`meanstest.assessment/1`, `meanstest.summary/1`)

`meanstest check --format json` prints the full **assessment** record, and `meanstest
batch --detail full` writes one per household; `meanstest batch` writes the lean
**summary** record by default (see [batch.md](batch.md#two-engines-one-set-of-rules)).
`meanstest schema assessment` and `meanstest schema summary` print their JSON Schemas;
this page lists every field of both with the description the schema gives it (made from
the schemas and checked against them by `tests/test_review17b.py`). Money is a string
with two decimals (`"570.00"`); a summary and the full record of the same household
never disagree on a field they share. Contract §2 (`../shared/spec/contract.md`) says
which fields are required; the input is in [household.md](household.md), an error
record (`meanstest.error/1`) in [batch.md](batch.md#output).
"""


def _record_rows(kind: str) -> list[tuple[str, str, str]]:
    import json

    result = _run(["schema", kind])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    defs = schema.get("$defs", {})
    rows: dict[str, tuple[str, str]] = {}

    def resolved(node: dict[str, Any]) -> dict[str, Any]:
        ref = node.get("$ref")
        return defs[str(ref).rsplit("/", 1)[1]] if ref else node

    def walk(node: dict[str, Any], prefix: str) -> None:
        node = resolved(node)
        for option in node.get("anyOf", []):
            walk(option, prefix)
        if isinstance(node.get("items"), dict):
            walk(node["items"], prefix + "[]")
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            walk(extra, prefix + ".*")
        for name, prop in node.get("properties", {}).items():
            path = f"{prefix}.{name}" if prefix else name
            words = prop.get("x-description") or resolved(prop).get("x-description") or {}
            rows.setdefault(path, (words.get("zh", ""), words.get("en", "")))
            walk(prop, path)

    walk(schema, "")
    return [(path, zh, en) for path, (zh, en) in rows.items()]


def _records_doc() -> str:
    parts = [RECORDS_INTRO]
    for kind, title in (("assessment", "The assessment"), ("summary", "The summary")):
        parts.append(f"\n## {title} (`meanstest.{kind}/1`)\n\n| field | 中文 | meaning |\n")
        parts.append("|---|---|---|\n")
        for path, zh, en in _record_rows(kind):
            cells = [c.replace("|", "\\|").replace("\n", " ") for c in (zh, en)]
            parts.append(f"| `{path}` | {cells[0]} | {cells[1]} |\n")
    return "".join(parts)


# The page's generated part ends here; what follows it (compare's outputs) is written
# by hand, and kept when the generated part is rewritten.
GENERATED_END = "\n<!-- the part above is made from the schemas (tests/test_review17b.py) -->\n"


def test_docs_records_names_every_field_of_both_records() -> None:
    import os

    want = _records_doc()
    text = RECORDS_DOC.read_text(encoding="utf-8") if RECORDS_DOC.is_file() else ""
    generated, _, rest = text.partition(GENERATED_END)
    if os.environ.get("MEANSTEST_UPDATE_GOLDEN"):
        RECORDS_DOC.write_text(want + GENERATED_END + rest, encoding="utf-8")
        generated = want
    assert RECORDS_DOC.is_file(), "docs/records.md is missing: MEANSTEST_UPDATE_GOLDEN=1"
    assert generated == want, "docs/records.md is stale: MEANSTEST_UPDATE_GOLDEN=1"
    # The fields that no doc named before, each with its line.
    for field in ("asset_tests", "thresholds[].margin_monthly", "benefit.before_rounding"):
        assert f"| `{field}` |" in want
    assert "| `warning_keys` |" in want


# -- 10. docs/rules.md: "without a unit the value keeps the unit of the rule it changes".
# True with --base (the rule set named); without it `compare` checks the change against
# every shipped rule set first, and the national one has no dibao.standard.rural, so a
# bare `--set dibao.standard.rural=6000` stopped with "give the unit of the amount". The
# doc now says so; both halves are held here.


def test_a_bare_set_value_keeps_the_units_of_the_named_base(tmp_path: Path) -> None:
    import json

    roll = ROOT / "examples" / "batch" / "caseroll.jsonl"
    args = ["compare", str(roll), "--set", "dibao.standard.rural=6000", "--format", "json"]
    named = _run([*args, "--base", "431022", "-q", "--lang", "en"])
    assert named.exit_code == 0, named.output
    # 6000 in the key's unit, yuan/year: 500 a month (4560 a year was 380).
    [change] = json.loads(named.stdout)["rule_changes"]
    assert "6000 yuan/year" in json.dumps(change, ensure_ascii=False)
    unnamed = _run([*args, "-q", "--lang", "en"])
    assert unnamed.exit_code == 1
    assert "give the unit of the amount" in unnamed.stderr
    doc = re.sub(r"\s+", " ", (ROOT / "docs" / "rules.md").read_text(encoding="utf-8"))
    assert "keeps the unit of the rule it changes, which needs `--base ID`" in doc


# -- 11. The run report (`--report RUN.json`, `meanstest.run/1`) has no JSON Schema, and
# docs/batch.md described it in prose: a pipeline reading it found no name for
# `records`, `blank_skipped`, `by_status`, `rule_sets` (with `dates`) or
# `benefit_monthly_total`. Every key a run writes is now in the doc's table.


def _keys(value: object, prefix: str = "") -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            path = f"{prefix}.{key}" if prefix else key
            found.add(path)
            if key not in ("by_status", "by_path", "to_reference"):  # keyed by data
                found |= _keys(inner, path)
    elif isinstance(value, list):
        for inner in value:
            found |= _keys(inner, prefix + "[]")
    return found


def test_docs_batch_names_every_key_of_the_run_report(tmp_path: Path) -> None:
    import json

    report = tmp_path / "run.json"
    roll = ROOT / "examples" / "batch" / "caseroll.jsonl"
    out = tmp_path / "out.jsonl"
    result = _run(["batch", str(roll), "-o", str(out), "--report", str(report), "-q"])
    assert result.exit_code == 0, result.output
    keys = _keys(json.loads(report.read_text(encoding="utf-8")))
    doc = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    section = doc.split("**Run report**", 1)[1].split("\n## ", 1)[0]
    assert sorted(k for k in keys if f"`{k}`" not in section) == []


# -- 12. `compare`'s outputs: the `--changes` file's 21 columns (before_status,
# movement, before_support, ...) and the top-level fields of `compare --format json`
# (caseload, transitions, movements, cost, ...) were named by no doc but for the few
# the README lists (stamp, rule_changes, schemes, budget_year, groups, months,
# change_budget_year).


def test_docs_records_names_compares_columns_and_fields(tmp_path: Path) -> None:
    import json

    from meanstest.render.compare_rows import CHANGE_FIELDS

    text = RECORDS_DOC.read_text(encoding="utf-8").partition(GENERATED_END)[2]
    heads = " ".join(row.split(" | ")[0] for row in text.splitlines() if row.startswith("| `"))
    assert [name for name in CHANGE_FIELDS if f"`{name}`" not in heads] == []
    roll = ROOT / "examples" / "batch" / "caseroll.jsonl"
    args = ["compare", str(roll), "--set", "dibao.standard.rural=500/month", "-q"]
    result = _run([*args, "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert [key for key in summary if f"`{key}`" not in text] == []


# -- 13. docs/batch.md's case-roll layout lists the columns a roll may have: `township`
# 乡镇（街道） and `village` 村（社区）, which `meanstest template roll` writes after the
# date and the payment roll groups by, were missing from its table (the README and
# docs/household.md name them).


def test_docs_batch_layout_names_every_roll_column() -> None:
    from meanstest.files.roll_columns import HOUSEHOLD_FIELDS, MEMBER_FIELDS

    doc = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    layout = doc.split("### CSV and XLSX: the case-roll layout", 1)[1].split("\n## ", 1)[0]
    missing = [
        (english, chinese)
        for english, chinese, *_ in (*HOUSEHOLD_FIELDS.values(), *MEMBER_FIELDS.values())
        if f"`{english}`" not in layout or f"`{chinese}`" not in layout
    ]
    assert missing == []
