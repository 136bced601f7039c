"""`meanstest test`: run the rule tests, YAML cases that say what households should get."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .env import Environment
from .exits import Exit, ExitCode
from .options import lang_option, pass_env, refuse_overwriting, rules_dir_option

if TYPE_CHECKING:
    from ..cases import Case, CaseRunner
    from ..render.junit import Ran


@click.command("test")
@click.argument("files", nargs=-1, type=click.Path(exists=True))
@click.option(
    "-k",
    "keyword",
    metavar="NAME",
    help="Run only the cases whose name contains NAME (case ignored).",
)
@click.option(
    "--junit-xml",
    "junit",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Also write the results as JUnit XML for CI systems (written whole, or not at all).",
)
@click.option("-v", "--verbose", is_flag=True, help="List every case, not only failures.")
@click.option(
    "--show-personal-data",
    is_flag=True,
    help="Show names and ID numbers unmasked in what the cases say.",
)
@rules_dir_option
@lang_option
@pass_env
def test_cases(
    env: Environment,
    files: tuple[str, ...],
    keyword: str | None,
    junit: str | None,
    verbose: bool,
    rules_dirs: tuple[Path, ...],
    show_personal_data: bool,
) -> None:
    """Run rule tests: YAML cases that say what households should get.

    FILES are case files or directories; a directory is searched, with its
    subdirectories, for *.yaml and *.yml files, and a YAML file there that is not a
    list of cases (a rule file) is skipped with a note. With no FILES, runs the cases
    shipped with the rules (rules/cases/). A case names its rules by id or file; ids
    are looked up in --rules-dir first. Ends with "N passed, M failed"; exit status 1
    when a case fails, 2 when no case is found or -k selects none.

    Example:

        meanstest test rules/cases/ -k E5 --junit-xml report.xml
    """
    from ..cases import CaseRunner, NotCaseFile, collect_case_files, load_cases, selected  # noqa: PLC0415
    from ..render.junit import junit_xml  # noqa: PLC0415
    from ..render.labels import message  # noqa: PLC0415
    from ..render.text import visible  # noqa: PLC0415
    from ..ruleset.load import shipped_rules_dir  # noqa: PLC0415

    lang = env.lang
    targets = tuple(Path(f) for f in files)
    for target in targets:  # the report never replaces a case file
        refuse_overwriting(env, {"--junit-xml": junit}, {"input_file": str(target)})
    runner = CaseRunner(
        base=Path.cwd(), search=rules_dirs, show_personal_data=show_personal_data, lang=lang
    )
    ran: list[Ran] = []
    deselected = 0
    for path, found in collect_case_files(targets, shipped_rules_dir() / "cases"):
        try:
            cases = load_cases(path)
        except NotCaseFile:
            if not found:  # named on the command line: it was meant to be a case file
                raise
            env.echo(message("cases.skipped", {"path": visible(str(path))}, lang), err=True)
            continue
        for case in cases:
            if not selected(case, keyword):
                deselected += 1
                continue
            ran.append(_run_case(env, runner, case, verbose=verbose))
    if keyword is not None and not ran:
        raise click.UsageError(
            message("cases.none_selected", {"keyword": visible(keyword), "n": deselected}, lang)
        )
    if keyword is None and not ran:  # nothing tested must not pass as green in CI
        raise click.UsageError(message("cases.none_found", {}, lang))
    if junit:
        with env.output_file(junit) as write:
            write(junit_xml(ran))
    failed = sum(1 for case in ran if case.failures)
    summary = message("cases.summary", {"passed": len(ran) - failed, "failed": failed}, lang)
    if keyword is not None:
        summary += message("cases.deselected", {"n": deselected}, lang)
    env.echo(summary)
    if failed:
        raise Exit(ExitCode.BAD_INPUT)


def _run_case(env: Environment, runner: CaseRunner, case: Case, *, verbose: bool) -> Ran:
    """Run one case, say how it went (an ok line only with -v), and return it as run."""
    from ..render.junit import Ran  # noqa: PLC0415
    from ..render.labels import label  # noqa: PLC0415

    start = time.perf_counter()
    outcome = runner.run(case)
    ran = Ran(str(case.file), runner.title(case), outcome.failures, time.perf_counter() - start)
    if outcome.passed and verbose:
        env.echo(f"{_word(label('case.ok', env.lang))}{case.file}: {runner.title(case)}")
    elif not outcome.passed:
        env.echo(f"{_word(label('case.fail', env.lang))}{case.file}: {runner.title(case)}")
        for failure in outcome.failures:
            env.echo(f"        {failure}")
    return ran


def _word(word: str) -> str:
    """The word before a case (ok, FAIL, 通过), padded to six columns (a Chinese
    character takes two), so that the paths line up."""
    width = sum(1 if ord(c) < 0x1100 else 2 for c in word)
    return word + " " * max(6 - width, 1)
