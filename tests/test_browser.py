"""The printed pages, in a real browser: the assessment form and the compare report.

Each page is printed to PDF by headless Chromium, as a caseworker's browser would print
it, and read back with poppler's `pdftotext` and `pdfinfo`: the key figures must be in
the printed text and the form must take the pages it was designed for (two A4 pages
for the worked example). The form's screenshot in the README (docs/form-zh.png) is
made here too, and rewritten only with ``MEANSTEST_UPDATE_GOLDEN=1``.

Without Chromium (or poppler) these tests skip, except under ``CI=true`` (.ci/run sets
it and installs the packages), where a missing browser is a failure.

The worked example is examples/yizhang-widow-diabetes.json: household YZ-2021-0137,
3 members, counted income 900.00 + 41.67 − 41.67 − 330.00 = 570.00 a month, per capita
190.00 against the 2021 rural standard 4560 / 12 = 380.00, benefit 380.00 × 3 − 570.00
= 570.00.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

from meanstest import __version__
from meanstest.cli import cli
from meanstest.ruleset.load import load_rules

WIDOW = EXAMPLES / "yizhang-widow-diabetes.json"
SCREENSHOT = ROOT / "docs" / "form-zh.png"
_TOOLS = {
    "chromium": next(
        (
            found
            for name in ("chromium", "chromium-browser", "google-chrome")
            if (found := shutil.which(name))
        ),
        None,
    ),
    "pdftotext": shutil.which("pdftotext"),
    "pdfinfo": shutil.which("pdfinfo"),
}
_MISSING = [name for name, path in _TOOLS.items() if path is None]
_IN_CI = os.environ.get("CI") == "true"

pytestmark = pytest.mark.skipif(
    bool(_MISSING) and not _IN_CI, reason=f"not installed: {', '.join(_MISSING)}"
)


def _tool(name: str) -> str:
    path = _TOOLS[name]
    assert path is not None, (
        f"{name} is not installed: CI needs chromium, fonts-noto-cjk "
        "and poppler-utils (.ci/run installs them)"
    )
    return path


def _chromium(page: Path, profile: Path, *flags: str) -> None:
    """Run headless Chromium on a local page with no network, sync or first-run work."""
    command = [
        _tool("chromium"),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *flags,
        page.resolve().as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def print_pdf(page: Path, tmp: Path) -> Path:
    """Print a page to PDF as a browser prints it (no header or footer of its own)."""
    pdf = tmp / (page.stem + ".pdf")
    _chromium(page, tmp / "profile", f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert pdf.is_file(), f"Chromium wrote no PDF for {page}"
    return pdf


def pdf_text(pdf: Path) -> str:
    """The PDF's text, spaces folded (a table cell's text may be spread over columns)."""
    done = subprocess.run(
        [_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return re.sub(r"\s+", " ", done.stdout.decode("utf-8"))


def pdf_pages(pdf: Path) -> int:
    """The number of pages pdfinfo counts."""
    done = subprocess.run(
        [_tool("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True, timeout=60
    )
    match = re.search(r"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
    assert match, done.stdout
    return int(match[1])


def _form(tmp: Path, *args: str, household: Path = WIDOW) -> Path:
    page = tmp / "form.html"
    result = CliRunner().invoke(
        cli,
        ["check", str(household), "--format", "html", "-o", str(page), *args],
        env={"LANG": None, "LC_ALL": None},
    )
    assert result.exit_code == 0, result.output
    return page


@pytest.fixture(scope="module")
def widow_zh(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The worked example's Chinese form and its PDF."""
    tmp = tmp_path_factory.mktemp("form-zh")
    page = _form(tmp, "--lang", "zh")
    return page, print_pdf(page, tmp)


def test_browser_form_zh_prints_the_key_figures(widow_zh: tuple[Path, Path]) -> None:
    """The printed Chinese form holds the household id, the benefit 570.00, the standard
    380.00, the per-capita income 190.00, the sign-off blanks and the stamp."""
    text = pdf_text(widow_zh[1])
    digest = load_rules("431022").at(dt.date(2021, 12, 1)).digest
    for expected in (
        "家庭经济状况核算评估表",
        "YZ-2021-0137",
        "570.00",
        "380.00",
        "190.00",
        "380.00 × 3 − 570.00 = 570.00",
        "调查人",
        "审核人",
        "审批人",
        "日期",
        f"meanstest {__version__}",
        digest[:19],
        "2021-12-01",
    ):
        assert expected in text, f"{expected!r} is not in the printed form"
    assert "邓利兰" not in text  # masked by default
    assert "邓**" in text


def test_browser_form_zh_takes_two_a4_pages(widow_zh: tuple[Path, Path]) -> None:
    """As designed: page 1 the household, income, accounting, assets and decision; page 2
    the rules, sources, provisional values and the sign-off. Each page carries the stamp
    and its number."""
    pdf = widow_zh[1]
    assert pdf_pages(pdf) == 2
    done = subprocess.run(
        [_tool("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True, timeout=60
    )
    width, height = map(float, re.findall(r"Page size:\s+([\d.]+) x ([\d.]+)", done.stdout)[0])
    assert (round(width), round(height)) == (595, 842)  # A4 in points (210 × 297 mm)
    text = pdf_text(pdf).replace(" ", "")  # pdftotext spaces CJK text as it likes
    assert "第2页/共2页" in text
    first, second = text.split("第1页/共2页")
    assert "认定结果及救助金" in first
    assert "审核审批" in second


def test_browser_form_en_prints_the_key_figures(tmp_path: Path) -> None:
    """The English form: the same figures, English labels, two pages."""
    pdf = print_pdf(_form(tmp_path, "--lang", "en"), tmp_path)
    text = pdf_text(pdf)
    for expected in (
        "Household Means-Test Assessment Form",
        "YZ-2021-0137",
        "570.00",
        "380.00",
        "Investigator",
        "Reviewer",
        "Approver",
        "page 1 of 2",
    ):
        assert expected in text, f"{expected!r} is not in the printed form"
    assert pdf_pages(pdf) == 2


# The longest forms of the examples (issue 15's loose ends; every example was measured in
# both languages, under the shipped rules and each demonstration overlay): the
# 事实无人抚养儿童 form, whose code lists in the provisional-values table printed it on three
# pages, and the temporary-assistance forms under the demonstration values, the longest
# (the sudden illness of a dibao household under the ladder's demonstration values fills
# the second page to its foot).
_LONGEST = (
    ("ladder/yizhang-unsupported-child.json", (), "zh"),
    (
        "temporary/yizhang-sudden-illness-dibao.json",
        ("--rules", "rules/yizhang-ladder-demo.yaml"),
        "en",
    ),
    (
        "temporary/yizhang-sudden-illness-dibao.json",
        ("--rules", "rules/yizhang-temporary-demo.yaml"),
        "en",
    ),
    ("temporary/yizhang-house-fire.json", ("--rules", "rules/yizhang-temporary-demo.yaml"), "zh"),
)


@pytest.mark.parametrize(("household", "rules", "lang"), _LONGEST)
def test_browser_longest_forms_print_on_two_pages(
    tmp_path: Path, household: str, rules: tuple[str, ...], lang: str
) -> None:
    """The longest example forms print on at most two A4 pages, the sign-off on the
    last."""
    extra = [str(EXAMPLES / a) if a.endswith(".yaml") else a for a in rules]
    page = _form(tmp_path, "--lang", lang, *extra, household=EXAMPLES / household)
    pdf = print_pdf(page, tmp_path)
    assert pdf_pages(pdf) <= 2
    text = pdf_text(pdf).replace(" ", "")
    last = text.rsplit("第1页/共2页" if lang == "zh" else "page1of2", 1)[-1]
    assert ("审批人" if lang == "zh" else "Approver") in last


def test_browser_form_shows_personal_data_only_when_asked(tmp_path: Path) -> None:
    """--show-personal-data prints the names as given."""
    pdf = print_pdf(_form(tmp_path, "--lang", "zh", "--show-personal-data"), tmp_path)
    assert "邓利兰" in pdf_text(pdf)


def test_browser_compare_report_prints_its_figures(tmp_path: Path) -> None:
    """`compare --html` prints in the browser with its figures: the 300 households of the
    example roll under the 2027 standard rise, the cost before and after and the
    difference, as `compare --format json` gives them."""
    roll = str(EXAMPLES / "caseload" / "yizhang-caseload.jsonl")
    proposal = str(EXAMPLES / "proposals" / "standard-rise-2027.yaml")
    args = ["compare", roll, "--proposal", proposal, "--on", "2027-01-15", "--lang", "en"]
    summary = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert summary.exit_code == 0, summary.output
    cost = json.loads(summary.stdout)["cost"]
    page = tmp_path / "compare.html"
    result = CliRunner().invoke(cli, [*args, "--html", str(page)])
    assert result.exit_code == 0, result.output
    text = pdf_text(print_pdf(page, tmp_path))
    data = json.loads(summary.stdout)
    # Issue 15: the proposal's name as title, the stamp, the budget year, the groups.
    for expected in (
        "Caseload by status",
        "Transitions",
        cost["monthly_before"],
        cost["monthly_after"],
        cost["monthly_difference"],
        cost["annual_difference"],
        "Yizhang rural standard at 500 a month",
        "Assessment date: 2027-01-15",
        data["stamp"]["rules"][0]["after"]["digest"],
        "Rule values the proposal changes",
        "dibao.standard.rural",
        "Cost for the rest of the budget year",
        data["budget_year"]["difference"],
        "By group",
        "Legend",
    ):
        assert expected in text, f"{expected!r} is not in the printed report"


def test_browser_form_screenshot(tmp_path: Path) -> None:
    """A PNG of the form's first screen, as the README shows it (docs/form-zh.png).

    The file in the repository is rewritten only with MEANSTEST_UPDATE_GOLDEN=1 (fonts
    and Chromium versions change pixels); otherwise the test checks that a screenshot
    can be made and that the README shows the committed one.
    """
    page = _form(tmp_path, "--lang", "zh")
    png = tmp_path / "form-zh.png"
    _chromium(
        page,
        tmp_path / "profile",
        f"--screenshot={png}",
        "--window-size=900,1250",
        "--hide-scrollbars",
    )
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 20_000  # a page of text and tables, not a blank
    if os.environ.get("MEANSTEST_UPDATE_GOLDEN") == "1":
        shutil.copyfile(png, SCREENSHOT)
    assert SCREENSHOT.is_file()
    assert "docs/form-zh.png" in (ROOT / "README.md").read_text(encoding="utf-8")
