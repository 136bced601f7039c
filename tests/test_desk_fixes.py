"""Issue 15 (loose end 4): what a caseworker met trying the desk commands afresh.

A file name mistyped under ``--lang zh`` was refused half in English: 无法读取文件（No
such file or directory）. The common reasons the system gives for a file it cannot read
or write are now said in Chinese; English keeps the system's words.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from meanstest.cli import cli


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env={"LANG": None, "LC_ALL": None})
    return result.exit_code, result.stderr


def test_a_missing_file_is_refused_in_chinese(tmp_path: Path) -> None:
    missing = str(tmp_path / "没有.json")
    code, said = _run("check", missing, "--lang", "zh")
    assert code == 1
    assert said.strip() == f"错误：{missing}：无法读取文件（文件或文件夹不存在）"
    code, said = _run("check", missing, "--lang", "en")
    assert code == 1
    assert said.strip() == f"error: {missing}: cannot read the file (No such file or directory)"


def test_an_output_in_a_missing_folder_is_refused_in_chinese(tmp_path: Path) -> None:
    out = str(tmp_path / "无此文件夹" / "form.html")
    household = str(Path(__file__).parent.parent / "examples" / "yizhang-widow-diabetes.json")
    code, said = _run("check", household, "--format", "html", "-o", out, "--lang", "zh")
    assert code == 1
    assert "文件或文件夹不存在" in said
    assert "No such file" not in said
