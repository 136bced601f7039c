"""Tests of the command line's Environment: commands touch the world only through it.

A command run with a fake `Environment` (in-memory streams, a fixed date and language,
a console of fixed width) reads its stdin, writes to its streams and nowhere else, and
takes "today" and the language from it; exit statuses still come from the one funnel.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from typing import IO, Any

from click.testing import CliRunner, Result
from conftest import EXAMPLES, FIXTURES
from rich.console import Console

from meanstest.cli import Environment, Exit, ExitCode, cli

WIDOW = EXAMPLES / "yizhang-widow-diabetes.json"
TODAY = dt.date(2022, 3, 1)


class FakeEnvironment(Environment):
    """An Environment over in-memory streams; what a command wrote is read back as text."""

    def __init__(self, stdin: bytes = b"", **options: Any) -> None:
        self.out_bytes = io.BytesIO()
        self.err_text = io.StringIO()
        out = io.TextIOWrapper(self.out_bytes, encoding="utf-8", write_through=True)
        super().__init__(
            stdin=io.BytesIO(stdin),
            stdout=out,
            stderr=self.err_text,
            **{"today": TODAY, "lang": "en", **options},
        )

    @property
    def out(self) -> str:
        """Everything written to stdout, text and bytes."""
        self.stdout.flush()
        return self.out_bytes.getvalue().decode("utf-8")

    @property
    def err(self) -> str:
        """Everything written to stderr."""
        return self.err_text.getvalue()


def run(env: Environment, *args: object) -> Result:
    """Run the command line against ``env``, with no locale that could leak in."""
    return CliRunner().invoke(
        cli,
        [str(a) for a in args],
        obj=env,
        env={"LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None},
    )


def _undated() -> bytes:
    data = json.loads(WIDOW.read_text(encoding="utf-8"))
    del data["assessed_on"]
    return json.dumps(data, ensure_ascii=False).encode()


def test_env_check_reads_stdin_and_writes_only_to_its_streams() -> None:
    """`check -` reads the fake stdin and prints its JSON on the fake stdout; the real
    streams (CliRunner's) stay empty."""
    env = FakeEnvironment(stdin=WIDOW.read_bytes())
    result = run(env, "check", "-", "--format", "json")
    assert result.exit_code == 0, (env.err, result.exception)
    assert json.loads(env.out)["benefit_monthly"] == "570.00"
    assert env.err == ""
    assert result.stdout == ""
    assert result.stderr == ""


def test_env_today_dates_an_undated_household() -> None:
    """A household without assessed_on is assessed on the environment's today."""
    env = FakeEnvironment(stdin=_undated())
    assert run(env, "check", "-", "--format", "json").exit_code == 0
    assert json.loads(env.out)["rules"]["as_of"] == TODAY.isoformat()


def test_env_language_is_used_and_lang_option_overrides_it() -> None:
    """The environment's language speaks unless --lang says otherwise."""
    zh = FakeEnvironment(stdin=WIDOW.read_bytes(), lang="zh")
    assert run(zh, "check", "-", "--format", "json").exit_code == 0
    assert json.loads(zh.out)["rules"]["name"] == "宜章县"
    en = FakeEnvironment(stdin=WIDOW.read_bytes(), lang="zh")
    assert run(en, "check", "-", "--format", "json", "--lang", "en").exit_code == 0
    assert json.loads(en.out)["rules"]["name"] == "Yizhang County"


def test_env_error_goes_to_its_stderr_in_the_language_asked() -> None:
    """A bad household: exit 1, the message on the fake stderr, in the --lang language
    (the funnel reads it from the environment, not from the command's words)."""
    bad = (FIXTURES / "households" / "two-applicants.json").read_bytes()
    env = FakeEnvironment(stdin=bad, lang="en")
    result = run(env, "check", "-", "--lang", "zh")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert env.err.startswith("错误：标准输入：家庭数据不符合格式")
    assert env.out == ""
    assert result.stderr == ""


def test_env_console_factory_draws_the_table() -> None:
    """The table is drawn by the environment's console factory, at the width it sets."""
    made: list[Console] = []

    def narrow(file: IO[str] | None, stderr: bool) -> Console:
        console = Console(
            file=file,
            stderr=stderr,
            width=60,
            color_system=None,
            highlight=False,
            markup=False,
            emoji=False,
        )
        made.append(console)
        return console

    env = FakeEnvironment(stdin=WIDOW.read_bytes(), console=narrow)
    assert run(env, "check", "-").exit_code == 0
    assert len(made) == 1
    lines = env.out.splitlines()
    assert "Dibao means test" in lines[0]
    assert max(len(line) for line in lines) <= 60


def test_env_batch_writes_records_as_bytes_and_summary_to_stderr() -> None:
    """batch writes encoded lines to the binary side of the fake stdout, the summary to
    its stderr, and no progress bar (the fake stderr is no terminal)."""
    roll = (EXAMPLES / "batch" / "caseroll.jsonl").read_bytes()
    env = FakeEnvironment(stdin=roll)
    result = run(env, "batch", "-")
    assert result.exit_code == 0, (env.err, result.exception)
    records = [json.loads(line) for line in env.out.splitlines()]
    assert len(records) == 9
    assert env.err.startswith("9 records: dibao 4")
    assert not env.stderr_isatty


def test_env_batch_record_errors_exit_3_through_the_funnel() -> None:
    """Error records end the run with status 3 (an Exit the funnel maps)."""
    env = FakeEnvironment(stdin=(FIXTURES / "batch" / "mixed.jsonl").read_bytes())
    result = run(env, "batch", "-")
    assert result.exit_code == ExitCode.RECORD_ERRORS
    assert "errors 4" in env.err


def test_env_exit_is_a_base_exception_carrying_its_status() -> None:
    """Exit passes through `except Exception` (as SIGTERM's stop must) and holds its code."""
    assert not issubclass(Exit, Exception)
    assert Exit(3).code == 3


def test_env_default_is_the_process_streams() -> None:
    """Without arguments the environment is the process's own: its streams and today."""
    env = Environment()
    assert env.stdout is sys.stdout
    assert env.stderr is sys.stderr
    assert env.stdout_bytes is sys.stdout.buffer
    assert env.today == dt.date.today()  # noqa: DTZ011 - the local date, as the CLI means it


def test_env_check_json_never_imports_rich() -> None:
    """`meanstest check --format json` runs without loading rich (start-up stays lean)."""
    probe = (
        "import sys\n"
        "from meanstest.cli import main\n"
        f"sys.argv = ['meanstest', 'check', {str(WIDOW)!r}, '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit as stop:\n    assert not stop.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'rich')\n"
        "print(loaded, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "dibao"
    assert done.stderr.strip() == "[]"


def _probe_check(env: dict[str, str]) -> list[str]:
    """Run `meanstest check` in a fresh interpreter; the pydantic plugin loader modules
    and importlib.metadata, as loaded at the end."""
    probe = (
        "import sys\n"
        "from meanstest.cli import main\n"
        f"sys.argv = ['meanstest', 'check', {str(WIDOW)!r}, '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit as stop:\n    assert not stop.code\n"
        "import pydantic.plugin._loader as loader\n"
        "print(sorted(m for m in sys.modules if m == 'importlib.metadata'), "
        "loader.__doc__ is not None and 'No pydantic plugins' in loader.__doc__, "
        "file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "dibao"
    return done.stderr.strip().splitlines()


def test_env_check_skips_pydantic_plugin_discovery() -> None:
    """With plugins off (the command line's default) pydantic's plugin search, and the
    importlib.metadata it imports, are never loaded; a user who names plugins to switch
    off keeps pydantic's own loader (and its search)."""
    import os

    base = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    assert _probe_check(base) == ["[] True"]
    assert _probe_check({**base, "PYDANTIC_DISABLE_PLUGINS": "logfire"}) == [
        "['importlib.metadata'] False"
    ]


def test_env_command_modules_do_not_import_the_cli_package() -> None:
    """Each command module imports only the cli's leaf modules (env, exits, options, the
    help texts' catalogs), so the package imports its commands and nothing imports back:
    no cycle."""
    import ast
    from pathlib import Path

    import meanstest.cli

    # help_pages (Chinese help) reads help_words, which reads click_words, and metavars
    # (the usage line in Chinese)
    leaves = {"env", "exits", "options", "click_words", "help_words", "metavars"}
    for path in sorted(Path(meanstest.cli.__file__).parent.glob("*.py")):
        if path.name == "__init__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                assert node.module in leaves, f"{path.name} imports .{node.module or ''}"
