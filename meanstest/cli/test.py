"""`meanstest test`: run the rule tests, YAML cases that say what households should get."""

from __future__ import annotations

from pathlib import Path

import click

from .env import Environment
from .exits import Exit, ExitCode
from .options import pass_env, rules_dir_option


@click.command("test")
@click.argument("files", nargs=-1, type=click.Path(exists=True))
@click.option("-v", "--verbose", is_flag=True, help="List every case, not only failures.")
@click.option("--show-personal-data", is_flag=True,
              help="Show names and ID numbers unmasked in what the cases say.")
@rules_dir_option
@pass_env
def test_cases(env: Environment, files: tuple[str, ...], verbose: bool,
               rules_dirs: tuple[Path, ...], show_personal_data: bool) -> None:
    """Run rule tests: YAML cases that say what households should get.

    With no FILES, runs the cases shipped with the rules (rules/cases/). A case names
    its rules by id or file; ids are looked up in --rules-dir first. Exit status 1
    when a case fails.

    Example:

        meanstest test rules/cases/
    """
    from ..cases import CaseRunner, case_files, load_cases  # noqa: PLC0415
    from ..ruleset.load import shipped_rules_dir  # noqa: PLC0415

    runner = CaseRunner(base=Path.cwd(), search=rules_dirs,
                        show_personal_data=show_personal_data)
    passed = failed = 0
    for path in case_files(tuple(Path(f) for f in files), shipped_rules_dir() / "cases"):
        for case in load_cases(path):
            outcome = runner.run(case)
            if outcome.passed:
                passed += 1
                if verbose:
                    env.echo(f"ok    {path}: {runner.title(case)}")
                continue
            failed += 1
            env.echo(f"FAIL  {path}: {runner.title(case)}")
            for failure in outcome.failures:
                env.echo(f"        {failure}")
    env.echo(f"{passed} passed, {failed} failed")
    if failed:
        raise Exit(ExitCode.BAD_INPUT)
