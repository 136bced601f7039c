"""Complete Chinese (issue 15, point 2): every command's output under --lang zh, over
the shipped examples, holds no English words of the program's own.

Each output is scanned for runs of ASCII letters. What may stay is said here, kept
small and explicit:

- codes, ids, keys and file paths: a run holding a dot, an underscore, a slash, a
  digit or a hyphen (``dibao.standard.rural``, ``half_up``, ``p1``, ``YZ-2021-0137``,
  ``examples/rules/...``, ``sha256``), and the codes the contract fixes, which stay in
  their columns in every language (`CODES`);
- data: what the rule files and households say in their own words (a provisional
  value's note, a source's title, a case's name), removed before the scan (`_data`);
- options named as typed (``--rules-dir``), and the household's fields (``id``,
  ``region``) where an error names the field it is about.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from click.testing import CliRunner, Result

from meanstest.cli import cli
from meanstest.model.sources import Label
from meanstest.render.text import markdown
from meanstest.ruleset.load import load_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
HOUSEHOLDS = sorted(EXAMPLES.rglob("*.json"))
# The demonstration rules some examples are written for (README); others use their region's.
DEMO_RULES = {"ladder": "yizhang-ladder-demo.yaml", "income": "yizhang-income-demo.yaml"}


def _rules_for(path: Path) -> list[str]:
    if path.parent.name in DEMO_RULES:
        return ["--rules", str(EXAMPLES / "rules" / DEMO_RULES[path.parent.name])]
    if path.parent.name == "households":  # examples/rules/households/990001-...json
        return ["--rules", str(next((EXAMPLES / "rules").glob(f"{path.name[:6]}-*.yaml")))]
    return []


RULE_FILES = [
    *sorted((ROOT / "rules").glob("*.yaml")),
    *sorted((EXAMPLES / "rules").glob("*.yaml")),
    *sorted((EXAMPLES / "proposals").glob("*.yaml")),
]

# Codes the contract fixes, shown as they are in every language (statuses, flags and the
# rule values' codes of the shipped rules: asset types, vehicle kinds, rounding modes).
CODES = frozenset(
    {
        "dibao",
        "edge",
        "tekun",
        "true",
        "false",
        "none",
        "household",
        "employed",
        "disabled",
        "emergency",
        "expenditure",
        "medical",
        "education",
        "other",
        "full",
        "partial",
        "county",
        "township",  # who approves temporary assistance (temporary_approver)
        "enters",
        "leaves",
        "gains",
        "loses",
        "same",
        "error",  # compare's movements
        # the field names heading a code column in a Chinese sheet (its label column follows)
        "status",
        "eligible",
        "movement",
        "groups",
        "elderly",
        "minors",  # compare's groups column: group codes (severely_disabled, size:4)
        "meanstest",
        "sha",  # the program's name; the digest's algorithm (sha256:...)
    }
)
# A rule value as the rule file writes a list or a structure ([dead, missing], {members:
# {age_from: 60}, pay: gap}): the rule file's own codes and YAML keys.
_STRUCTURED = re.compile(r"\\?[\[{][ -~]*?[\]}](?![ -~]*[\]}])")
# A run of ASCII letters, with what joins the parts of a code, key, id or path.
_RUN = re.compile(r"(?:--)?[A-Za-z0-9][A-Za-z0-9_./:@+\-]*")
_CODE_LIKE = re.compile(r"[\d_./\-]")


def run(*args: object, columns: int = 1000) -> Result:
    """Invoke the command line at a width where no table wraps a sentence."""
    return CliRunner().invoke(
        cli,
        [str(a) for a in args],
        prog_name="meanstest",
        env={"COLUMNS": str(columns), "LC_ALL": None, "LANG": None, "LANGUAGE": None},
    )


@cache
def _fields() -> frozenset[str]:
    """The household's field names (id, region, members ...): an error names the field
    it is about as the JSON and the roll's English headers do."""
    from meanstest.model import hardship, household

    models = [
        household.Disability,
        household.Supporter,
        household.Parent,
        household.Member,
        household.Income,
        household.Expense,
        household.Asset,
        household.Current,
        household.Household,
        hardship.HardshipExpense,
        hardship.Covered,
        hardship.PastPayment,
        hardship.Unemployment,
        hardship.Hardship,
    ]
    return frozenset(name for model in models for name in model.model_fields)


@cache
def _data() -> tuple[str, ...]:
    """What the rule files say in their own words: notes, source titles, descriptions'
    English is never shown in Chinese, so only notes and titles; longest first, so a
    note is removed before a title inside it."""
    texts: set[str] = set()
    for path in RULE_FILES:
        rule_set = load_rules(path)
        for series in rule_set.series.values():
            for entry in series.entries:
                # A note in both languages is data only in Chinese: its English is found.
                note = entry.source.note
                note = note.zh if isinstance(note, Label) else note
                texts.update(t for t in (note, entry.source.title) if t)
        texts.add(rule_set.name.zh)  # 示例县A
    texts |= {markdown(t) for t in texts}  # as Markdown writes them
    return tuple(sorted(texts, key=len, reverse=True))


def english_words(text: str, also_data: tuple[str, ...] = ()) -> list[str]:
    """The English words of the program's own in an output: runs of letters that are
    neither codes, ids, keys nor paths, outside the data (`_data`, ``also_data``)."""
    for data in (*also_data, *_data()):
        text = text.replace(data, " ")
    text = _STRUCTURED.sub(" ", text)
    words = []
    for run_ in _RUN.findall(text):
        if run_.startswith("-"):  # an option (--rules-dir) is named as it is typed
            continue
        word = run_.strip(".:/-+@")
        if word in ("yuan/month", "yuan/year"):  # a unit looks like a path, but is English
            words.append(word)
            continue
        if not re.search("[A-Za-z]", word) or _CODE_LIKE.search(word):
            continue
        if word.lower() in CODES or word in _fields():
            continue
        words.append(word)
    return words


def _html_text(page: str) -> str:
    """The text a reader sees on a page: no styles, scripts, tags or attributes."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _outputs() -> Iterator[tuple[str, str]]:
    """(what ran, its output) of every command in Chinese over the shipped examples."""
    for path in HOUSEHOLDS:
        name, rules = path.relative_to(EXAMPLES), _rules_for(path)
        for fmt in ("table", "markdown"):
            result = run("check", path, *rules, "--lang", "zh", "--format", fmt, "--trace")
            assert result.exit_code == 0, (name, result.stderr)
            yield f"check {name} {fmt}", result.stdout
        result = run("check", path, *rules, "--lang", "zh", "--format", "html")
        yield f"check {name} html", _html_text(result.stdout)
        result = run("check", path, *rules, "--lang", "zh", "--format", "refusal")
        yield f"check {name} refusal", result.stdout + result.stderr  # or why there is none
    for rules in ("431022", *[str(p) for p in sorted((EXAMPLES / "rules").glob("99*.yaml"))]):
        yield (
            f"rules show {rules}",
            run("rules", "show", rules, "--lang", "zh", "--on", "2025-06-01").stdout,
        )
    yield (
        "rules diff",
        run(
            "rules",
            "diff",
            "431022",
            EXAMPLES / "proposals" / "standard-rise-2027.yaml",
            "--lang",
            "zh",
            "--on",
            "2027-02-01",
        ).stdout,
    )
    yield "test", run("test", "--lang", "zh", "-v").stdout
    # A record's JSON messages and its sources' notes (the JSON record speaks the
    # language it is asked in, its codes apart).
    widow = EXAMPLES / "yizhang-widow-diabetes.json"
    result = run("check", widow, "--lang", "zh", "--format", "json")
    assert result.exit_code == 0, result.stderr
    yield "check json messages and notes", _json_messages(result.stdout)
    # Values set on the command line: compare's table and report in Chinese.
    roll = EXAMPLES / "caseload" / "yizhang-caseload.jsonl"
    changed = ["--set", "dibao.standard.rural=400/month", "--set", "rounding.stage=member_benefit"]
    result = run("compare", roll, *changed, "--on", "2027-06-01", "--lang", "zh")
    yield "compare --set", result.stdout + result.stderr


def _json_messages(text: str) -> str:
    """What a JSON record says to people: its messages and its sources' notes."""
    import json

    record = json.loads(text)
    said = [w["message"] for w in record["warnings"]]
    said += [w["source"]["note"] for w in record["warnings"] if (w["source"] or {}).get("note")]
    said += [s["source"]["note"] for s in record["trace"] if (s["source"] or {}).get("note")]
    return "\n".join(said)


def _batch_outputs(tmp: Path) -> Iterator[tuple[str, str]]:
    """Batch CSV and XLSX sheets in Chinese: headers and label cells (the code columns
    hold codes; the warnings column lists rule keys); the payment roll and the
    publication list."""
    from openpyxl import load_workbook

    for roll in (EXAMPLES / "batch" / "caseroll-zh.csv", EXAMPLES / "temporary" / "roll.jsonl"):
        result = run("batch", roll, "--lang", "zh", "--format", "csv")
        yield f"batch {roll.name} csv", result.stdout + result.stderr
        book = tmp / f"{roll.stem}.xlsx"
        run("batch", roll, "--lang", "zh", "-o", book)
        workbook = load_workbook(book, read_only=True)
        cells = [
            str(v)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for v in row
            if v is not None
        ]
        workbook.close()
        yield f"batch {roll.name} xlsx", "\n".join(cells)
        for paperwork in ("payroll", "notice"):  # the payment roll, the publication list
            result = run(
                "batch",
                roll,
                "--lang",
                "zh",
                "--format",
                paperwork,
                "-o",
                tmp / f"{roll.stem}-{paperwork}.csv",
            )
            text = (tmp / f"{roll.stem}-{paperwork}.csv").read_text(encoding="utf-8-sig")
            yield f"batch {roll.name} {paperwork}", text + result.stderr


def _template_outputs(tmp: Path) -> Iterator[tuple[str, str]]:
    """The case-roll template in Chinese: its headers, example row and lists."""
    from openpyxl import load_workbook

    book = tmp / "台账.xlsx"
    result = run("template", "roll", "--lang", "zh", "-o", book)
    assert result.exit_code == 0, result.stderr
    workbook = load_workbook(book, read_only=True)
    cells = [
        str(v)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for v in row
        if v is not None
    ]
    workbook.close()
    text = "\n".join(cells) + result.stderr
    # The notes sheet shows commands as typed (meanstest batch 台账.xlsx -o ... --lang zh)
    # and the ID number's check digit x / X: the program's words, not English.
    text = re.sub(r"meanstest [^；\n]*", " ", text)
    yield "template roll", re.sub(r"(?<![A-Za-z])[xX](?![A-Za-z])", " ", text)


def _compare_outputs(tmp: Path) -> Iterator[tuple[str, str]]:
    """compare's table, CSV and HTML report in Chinese for each example proposal."""
    roll = EXAMPLES / "caseload" / "yizhang-caseload.jsonl"
    for proposal in sorted((EXAMPLES / "proposals").glob("*.yaml")):
        page = tmp / f"{proposal.stem}.html"
        table = run(
            "compare",
            roll,
            "--proposal",
            proposal,
            "--on",
            "2027-06-01",
            "--lang",
            "zh",
            "--html",
            page,
        )
        yield f"compare {proposal.name} table", table.stdout + table.stderr
        yield f"compare {proposal.name} html", _html_text(page.read_text(encoding="utf-8"))
        rows = run(
            "compare",
            roll,
            "--proposal",
            proposal,
            "--on",
            "2027-06-01",
            "--lang",
            "zh",
            "--format",
            "csv",
        ).stdout
        yield f"compare {proposal.name} csv", rows


def _case_names() -> tuple[str, ...]:
    import yaml

    names = []
    for path in (ROOT / "rules" / "cases").glob("*.yaml"):
        names += [str(case["name"]) for case in yaml.safe_load(path.read_text("utf-8"))]
    return tuple(sorted(names, key=len, reverse=True))


def _report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{what}: {sorted(set(words))}" for what, words in found.items())


def test_every_command_speaks_chinese(tmp_path: Path) -> None:
    """check (table, Markdown, trace, form with its provisional-values table and the
    rule files' notes, refusal; a --set value's note), rules show/diff, test, batch
    (CSV, XLSX, payroll, notice), compare (table, CSV, HTML), template roll in Chinese:
    no English word of our own. The rule values' codes (gap, deposit, half_up ...) are
    no longer allowed: they are shown as their labels (issue 15 review)."""
    names = _case_names()
    found = {}
    outputs = [
        *_outputs(),
        *_batch_outputs(tmp_path),
        *_compare_outputs(tmp_path),
        *_template_outputs(tmp_path),
    ]
    for what, text in outputs:
        assert text.strip(), what  # each ran and said something
        words = english_words(text, names)
        if words:
            found[what] = words
    assert not found, _report(found)


def test_the_scan_finds_english() -> None:
    """The scan is not blind: an English sentence is found, codes and keys are not."""
    assert english_words("认定结果 dibao，规则键 dibao.standard.rural = 4560 yuan/year") == [
        "yuan/year"
    ]
    assert english_words("规则 4560 yuan each year") == ["yuan", "each", "year"]
    assert english_words("值 [dead, missing] {members: {age_from: 60}, pay: gap}") == []
    assert english_words("p1 YZ-2021-0137 half_up sha256:abc true") == []


def test_batch_error_messages_in_chinese() -> None:
    """The error records of a roll with bad records (bad JSON, no id, a bad date, an
    unknown region ...), in Chinese: as JSON Lines messages and in the CSV's 错误 column."""
    roll = ROOT / "tests" / "fixtures" / "batch" / "mixed.jsonl"
    result = run("batch", roll, "--lang", "zh", "--format", "jsonl")
    messages = re.findall(r'"msg": ?"([^"]*)"', result.stdout)
    assert len(messages) >= 3
    assert not english_words(" ".join(messages)), messages
    rows = run("batch", roll, "--lang", "zh", "--format", "csv")
    errors = [row["错误"] for row in csv.DictReader(io.StringIO(rows.stdout)) if row["错误"]]
    assert len(errors) == len(messages)
    assert not english_words(" ".join(errors)), errors
