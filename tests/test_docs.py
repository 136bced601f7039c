"""The README stays true: its sample output, its commands and the CI command."""

from __future__ import annotations

import os
import re

import click
import pytest
from click.testing import CliRunner
from conftest import ROOT

from meanstest.cli import cli

README = ROOT / "README.md"
START, END = "<!-- check-output:start -->", "<!-- check-output:end -->"


def _check_output() -> str:
    result = CliRunner().invoke(
        cli,
        ["check", "examples/yizhang-widow-diabetes.json", "--lang", "en"],
        env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"},
    )
    assert result.exit_code == 0, result.stderr
    return "\n".join(line.rstrip() for line in result.stdout.rstrip().splitlines())


def test_readme_sample_output_matches_check() -> None:
    """The table shown in the README is what `check` prints today (width 100)."""
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(START)
    _, tail = rest.split(END)
    block = f"{START}\n```text\n{_check_output()}\n```\n{END}"
    if os.environ.get("MEANSTEST_UPDATE_GOLDEN"):
        README.write_text(head + block + tail, encoding="utf-8")
    assert START + rest.split(END)[0] + END == block, (
        "README sample output is stale: rerun with MEANSTEST_UPDATE_GOLDEN=1"
    )


def test_readme_mentions_every_command() -> None:
    """Every command and subcommand of the CLI appears in the README."""
    text = README.read_text(encoding="utf-8")
    names = []
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        sub = getattr(command, "commands", None)
        names += [f"{name} {s}" for s in sub] if sub else [name]
    missing = [n for n in names if f"meanstest {n}" not in text]
    assert not missing, f"commands missing from README: {missing}"


def test_readme_quick_start_has_two_commands_and_ci_runs_the_test_one() -> None:
    """The quick start has exactly two commands, and .ci/run runs the second verbatim."""
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start")[1].split("\n## ")[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick)
    assert len(commands) == 2, commands
    assert "meanstest check examples/" in commands[0]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("proposal", ["standard-rise-2027", "education-deduction-cap"])
def test_readme_comparison_output_matches_compare(proposal: str) -> None:
    """The comparison shown in the README for each example proposal is today's output."""
    args = [
        "compare",
        "examples/caseload/yizhang-caseload.jsonl",
        "--proposal",
        f"examples/proposals/{proposal}.yaml",
        "--on",
        "2027-01-15",
        "--top",
        "3",
    ]
    result = CliRunner().invoke(
        cli, [*args, "--lang", "en"], env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    )
    assert result.exit_code == 0, result.stderr
    shown = "\n".join(line.rstrip() for line in result.stdout.rstrip().splitlines())
    text = README.read_text(encoding="utf-8")
    start = text.index("```text\n", text.index(f"--proposal examples/proposals/{proposal}.yaml"))
    block = text[start + len("```text\n") : text.index("\n```", start + 8)]
    assert block == shown, f"README comparison for {proposal} is stale"
