"""Review 16, a caseworker's and an auditor's seat: wrong numbers and wrong sentences.

Every household is assessed under the shipped Yizhang rules (rules/431022-yizhang.yaml
on 2021-12-01: rural standard 4,560 yuan a year = 380.00 a month, edge 1.5 × = 570.00,
benefit rounded half up to the fen once on the household), or under an overlay that
changes one thing. Every expected figure is worked by hand below.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from meanstest.engine import assess
from meanstest.model.household import parse_household
from meanstest.model.result import Assessment
from meanstest.render.json import threshold_message
from meanstest.render.labels import message
from meanstest.ruleset.load import load_rules

ON = dt.date(2021, 12, 1)


def _household(size: int, income: str, per: str = "year") -> dict[str, Any]:
    members = [{"id": "p1", "relation": "applicant", "birth_date": "1980-01-01"}]
    members += [
        {"id": f"p{i}", "relation": "child", "birth_date": "2010-01-01", "education": "primary"}
        for i in range(2, size + 1)
    ]
    return {
        "area": "rural",
        "members": members,
        "incomes": [{"member": "p1", "type": "wage", "amount": income, "per": per}],
    }


def _assess(data: dict[str, Any], rules: Any = None) -> Assessment:
    at = (rules or load_rules("431022")).at(ON)
    return assess(parse_household(data), at)


# ------------------------------------------- defect 1: a half fen shared by three persons


@pytest.mark.parametrize(
    ("size", "income", "expected"),
    [
        # Three persons, wage 12,679.98 a year. Annual gap 4560 × 3 − 12679.98 = 1000.02;
        # a month 1000.02 / 12 = 83.335 exactly, half up to the fen: 83.34. The program
        # shared 83.335 among three (27.778333…, 34 digits), added the three shares back
        # (83.33499999…) and rounded that down to 83.33.
        (3, "12679.98", "83.34"),
        # Six persons (p1 and five children): 4560 × 6 − 27359.82 = 0.18 a year;
        # 0.18 / 12 = 0.015, half up 0.02 (the shares 0.0025 each are exact, so this one
        # was right; it stays right).
        (6, "27359.82", "0.02"),
        # Seven persons: 4560 × 7 − 30918.86 = 1001.14; / 12 = 83.428333…, 83.43.
        (7, "30918.86", "83.43"),
        # Seven persons, a half fen again: 4560 × 7 − 30919.86 = 1000.14; / 12 = 83.345,
        # half up 83.35 (the shares, 11.906428…, do not terminate).
        (7, "30919.86", "83.35"),
    ],
)
def test_a_gap_of_a_half_fen_rounds_half_up_whatever_the_household_size(
    size: int, income: str, expected: str
) -> None:
    result = _assess(_household(size, income))
    assert result.status == "dibao"
    assert result.benefit.monthly == Decimal(expected)


def test_an_exact_gap_is_not_shown_as_cut_off() -> None:
    # Three persons, 8,400 a year counted (the medical-expense example: 12,000 of wages
    # less 3,600 of medical costs): gap (13680 − 8400) / 12 = 440 exactly. Before
    # rounding it is 440, not 440.000…01 (shown "440.00… → 440.00", as if digits had
    # been cut off).
    result = _assess(_household(3, "8400"))
    assert result.benefit.monthly == Decimal("440.00")
    assert result.benefit.rounding is not None
    assert result.benefit.rounding.before == Decimal("440")


# ------------------------------- defect 2: the distance sentence follows the comparison


def test_margin_sentence_says_strictly_more_in_chinese() -> None:
    # Two persons with 800 a month: the dibao line is 380 × 2 = 760; under `below` the
    # income must fall under 760, i.e. by MORE than 40. "再低 40.00 元以上" reads, by the
    # Chinese legal convention (民法典 第1259条: 以上 includes the number itself), as 40
    # or more: at 40 lower (760) the household is still not below the line.
    zh = threshold_message("dibao", Decimal("-40"), "zh")
    assert "以上" not in zh
    assert "超过 40.00 元" in zh
    en = threshold_message("dibao", Decimal("-40"), "en")
    assert en == (
        "Would fall below the dibao threshold if monthly household income were "
        "more than ¥40.00 lower."
    )


def _not_above(tmp_path: Path) -> Any:
    """Yizhang with the standard and the edge compared 不高于 (not_above)."""
    path = tmp_path / "not-above.yaml"
    path.write_text(
        """schema: meanstest.rules/1
id: cw16-not-above
name: {zh: 测试, en: test}
level: proposal
extends: "431022"
parameters:
  dibao.standard.rural:
    unit: yuan/year
    comparison: not_above
    values:
      - {from: 2021-01-01, value: 4560, provisional: true, note: test}
  dibao.edge_multiplier:
    comparison: not_above
    values:
      - {from: 2021-01-01, value: 1.5, provisional: true, note: test}
""",
        encoding="utf-8",
    )
    return load_rules(path)


def test_at_the_line_under_not_above_the_sentence_does_not_say_it_must_fall(
    tmp_path: Path,
) -> None:
    # One person with 380.00 a month under 不高于 380: eligible (380 is not above 380),
    # so "would fall below the dibao threshold if income were more than 0.00 lower"
    # contradicts the status: the household is at the line, within it.
    result = _assess(_household(1, "380", "month"), _not_above(tmp_path))
    assert result.status == "dibao"
    dibao = result.thresholds[0]
    assert dibao.margin_monthly == 0
    for lang in ("en", "zh"):
        text = threshold_message(dibao.name, dibao.margin_monthly, lang, dibao.comparison)
        assert text == message("margin_at", {"name": message("threshold.dibao", {}, lang)}, lang)
    en = threshold_message(dibao.name, dibao.margin_monthly, "en", dibao.comparison)
    assert "exactly at the dibao threshold" in en


def test_above_a_not_above_line_says_by_how_much_it_must_fall(tmp_path: Path) -> None:
    # One person with 570.01 a month under 不高于: the edge line is 570.00; 0.01 lower
    # (570.00) is within it, so "at least 0.01", not "more than 0.01".
    result = _assess(_household(1, "570.01", "month"), _not_above(tmp_path))
    assert result.status == "not_eligible"
    edge = result.thresholds[1]
    assert edge.margin_monthly == Decimal("-0.01")
    en = threshold_message(edge.name, edge.margin_monthly, "en", edge.comparison)
    assert en == (
        "Would be within the edge threshold (not above it) if monthly household income "
        "were ¥0.01 lower."
    )
    zh = threshold_message(edge.name, edge.margin_monthly, "zh", edge.comparison)
    assert zh == "家庭月收入再减少 0.01 元即不高于低保边缘线。"


def test_the_default_below_comparison_keeps_its_sentences() -> None:
    # Two persons with 800 a month (the couple example): 760 − 800 = −40 to the dibao
    # line, 1140 − 800 = 340 under the edge line.
    result = _assess(_household(2, "800", "month"))
    dibao, edge = result.thresholds
    assert (dibao.comparison, edge.comparison) == ("below", "below")
    assert threshold_message(edge.name, edge.margin_monthly, "en", edge.comparison) == (
        "Monthly household income is ¥340.00 below the edge threshold."
    )
    assert threshold_message(dibao.name, dibao.margin_monthly, "zh", dibao.comparison) == (
        "家庭月收入须再减少超过 40.00 元，才低于低保线。"
    )


# ----------------------- defect 3: the per-capita income beside the edge line, to the fen


def _edge_half_fen() -> Assessment:
    # Two persons with 1,139.99 a month: per capita 1139.99 / 2 = 569.995, below the
    # edge line 380 × 1.5 = 570.00, so an edge household. To the fen (half up) it shows
    # as 570.00 beside an edge line of 570.00, as if it were on the line (where it would
    # not be an edge household): it must be written exactly, 569.995.
    return _assess(_household(2, "1139.99", "month"))


def test_per_capita_on_the_edge_lines_fen_is_written_exactly() -> None:
    import io

    from rich.console import Console

    from meanstest.render import markdown, table

    a = _edge_half_fen()
    assert a.status == "edge"
    assert a.income.per_capita_monthly == Decimal("569.995")
    text = markdown.render(a, "en")
    assert "| Per-capita monthly income | 569.995 |" in text
    out = io.StringIO()
    table.render(a, Console(file=out, width=120, color_system=None), "en")
    screen = out.getvalue()
    assert "569.995" in screen
    assert "Per-capita monthly income                570.00" not in screen


def test_the_form_writes_it_exactly_too() -> None:
    from meanstest.render import form

    a = _edge_half_fen()
    page = form.render(a, "zh")
    assert "569.995" in page


# ------------------------- defect 4: the trace a caseworker reads (table and Markdown)


def _veteran() -> Assessment:
    # examples/yizhang-veteran-exempt-income.json: farming 3,600 a year (300.00 a month)
    # counted; veterans' benefit 400, basic pension 143 and assistance 110 a month not;
    # 2 persons, 150.00 each, under 380.00: dibao, 380 × 2 − 300 = 460.00. Both members
    # (66 and 64) may be 特困, each to verify (the other may support them).
    import json

    from conftest import EXAMPLES

    data = json.loads((EXAMPLES / "yizhang-veteran-exempt-income.json").read_text("utf-8"))
    return assess(parse_household(data), load_rules("431022").at(ON))


def test_a_tekun_result_to_verify_is_said_in_the_trace_not_a_dash() -> None:
    from meanstest.render.labels_tools import trace_value

    assert trace_value("tekun", None, "en") == "to verify"
    assert trace_value("tekun", None, "zh") == "待核实"
    assert trace_value("benefit", None, "en") == "—"


def test_the_markdown_trace_shows_each_value_and_the_member_it_is_about() -> None:
    from meanstest.render import markdown

    a = _veteran()
    assert a.benefit.monthly == Decimal("460.00")
    text = markdown.render(a, "en")
    trace = text[text.index("## Computation trace") :]
    assert "| Step | Rule key | Value | Source |" in trace
    assert "| dibao standard | `dibao.standard.rural` | 380.00 |" in trace
    assert "| 特困 test · p1 |  | to verify |  |" in trace
    assert "| 特困 test · p2 |  | to verify |  |" in trace
    assert "| benefit | `benefit.method` | 460.00 |" in trace
    # The income items as the Income table numbers them: #2 is the veterans' benefit.
    assert "| income item #2 | `income.counted.veterans_benefit` | no |" in trace


# --------------------------------- defect 5: percentages, half up and true to their line


def test_a_share_is_written_half_up_as_every_figure() -> None:
    # examples/temporary/yizhang-third-payment-same-cause.json: 15,000 to bear on 9,600 a
    # year of income is 15000 / 9600 = 1.5625 = 156.25 %, half up to one place 156.3 %
    # (it read 156.2 %, rounded half to even).
    text = message(
        "temp_burden",
        {
            "gross": Decimal("20000"),
            "covered": Decimal("5000"),
            "burden": Decimal("15000"),
            "share": Decimal("1.5625"),
            "months": 12,
        },
        "en",
    )
    assert "156.3%" in text


def test_a_share_just_above_its_line_is_not_written_as_the_line() -> None:
    # Rigid expenditure 12,502 a year on 25,000 of income: 12502 / 25000 = 0.50008, above
    # a line of 50 %. To one place it is "50%", and "50% … above 50%" says what is false
    # of the figures shown: it is written 50.008%.
    params = {
        "spent": Decimal("1041.83"),
        "income": Decimal("2083.33"),
        "share": Decimal("0.50008"),
        "threshold": Decimal("0.5"),
    }
    text = message("rigid_met", params, "en")
    assert "is 50.008% of income" in text
    assert text.endswith("above 50%")
    # Far from the line, one place is enough: 0.51667 → 51.7 %.
    assert "is 51.7% of income" in message(
        "rigid_met", {**params, "share": Decimal("0.51667")}, "en"
    )


# ------------------ defect 6: a phase-out in its last month does not go on "unchanged"


def test_a_phase_out_in_its_last_month_stops_from_the_month_after() -> None:
    # The phase-out example (examples/ladder/yizhang-phase-out-new-job.json) reviewed
    # again: 3 persons, wage 1,140 a month, per capita 380.00, not below 380.00; in
    # phase-out since the decision of 2022-04-01 at 570 a month. The phase-out is paid
    # from the month after that decision for 6 months (phase_out.months): 2022-05 to
    # 2022-10. Assessed on 2022-10-01, October is still paid (570.00), but this decision
    # applies from 2022-11, when nothing is paid: the payment stops from 2022-11. It read
    # "The benefit is unchanged at ¥570.00 (this assessment applies from 2022-11)";
    # the payment roll for 2022-11 already left the household out.
    data = {
        "area": "rural",
        "members": [
            {
                "id": "p1",
                "relation": "applicant",
                "birth_date": "1985-03-02",
                "employment": "employed",
            },
            {
                "id": "p2",
                "relation": "child",
                "birth_date": "2009-06-11",
                "education": "junior_secondary",
            },
            {"id": "p3", "relation": "child", "birth_date": "2013-09-01", "education": "primary"},
        ],
        "incomes": [{"member": "p1", "type": "wage", "amount": "1140", "per": "month"}],
        "current": {"status": "phase_out", "monthly_benefit": "570", "since": "2022-04-01"},
    }
    result = assess(parse_household(data), load_rules("431022").at(dt.date(2022, 10, 1)))
    assert result.status == "phase_out"
    assert result.benefit.monthly == Decimal("570.00")
    assert result.phase_out is not None
    assert (result.phase_out.until, result.phase_out.ended) == ("2022-10", False)
    change = result.change
    assert change is not None
    assert (change.kind, change.from_month) == ("stopped", "2022-11")
    assert (change.from_monthly, change.to_monthly) == (Decimal("570"), Decimal("0"))


def test_the_reason_beside_the_edge_sentence_writes_it_exactly_too() -> None:
    # The same household (569.995 per capita): its first reason said "Per-capita counted
    # income ¥570.00/month is not below the dibao standard ¥380.00/month" and its next
    # "Per-capita income is below the edge threshold ¥570.00/month": 570.00 below 570.00.
    a = _edge_half_fen()
    first, edge = (message(r.code, r.params, "en") for r in a.reasons[:2])
    assert first == (
        "Per-capita counted income ¥569.995/month is not below the dibao standard ¥380.00/month."
    )
    assert edge.startswith("Per-capita income is below the edge threshold ¥570.00/month")
    zh = message(a.reasons[0].code, a.reasons[0].params, "zh")
    assert zh == "家庭人均收入 569.995 元/月，不低于低保标准 380.00 元/月。"
    # Away from the edge line the fen is enough: the couple example, 400.00 per capita.
    couple = _assess(_household(2, "800", "month"))
    assert message(couple.reasons[0].code, couple.reasons[0].params, "en").startswith(
        "Per-capita counted income ¥400.00/month"
    )


# ------------------------- a member who qualifies alone, but whose own income leaves no gap


def _couple(own: str) -> dict[str, Any]:
    """The disabled-spouse example (p2 unemployed, physical disability grade 2), p1 earning
    380.00 a month and p2 ``own`` a month of other income."""
    return {
        "id": "SP",
        "region": "431022",
        "area": "rural",
        "assessed_on": "2021-12-01",
        "members": [
            {"id": "p1", "relation": "applicant", "birth_date": "1972-11-05"},
            {
                "id": "p2",
                "relation": "spouse",
                "birth_date": "1974-01-30",
                "employment": "unemployed",
                "disability": {"category": "physical", "grade": 2},
            },
        ],
        "incomes": [
            {"member": "p1", "type": "wage", "amount": "380", "per": "month"},
            {"member": "p2", "type": "other", "amount": own, "per": "month"},
        ],
    }


@pytest.mark.parametrize(
    ("own", "status", "codes"),
    [
        # 380 + 380 = 760 a month, 380.00 per person: not below the standard 380 (below is
        # strict), below the edge line 570: an edge household. p2 qualifies alone (grade 2),
        # but 380.00 − 380.00 = 0.00: nothing to pay, and the result says so.
        ("380", "edge", ["above_standard", "below_edge", "single_person_own_income"]),
        # 379.99: the gap is 0.01: enrolled alone for 0.01 a month (380 + 379.99 = 759.99,
        # per capita 379.995, which is below 380: a dibao household then, not alone).
        ("379.99", "dibao", ["below_standard"]),
        # 400: 780 a month, 390.00 per person: edge; p2's own 400 leaves no gap either.
        ("400", "edge", ["above_standard", "below_edge", "single_person_own_income"]),
    ],
)
def test_a_member_who_qualifies_alone_with_no_gap_is_told_why(
    own: str, status: str, codes: list[str], tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from meanstest.cli import cli

    result = _assess(_couple(own))
    assert result.status == status
    assert [r.code for r in result.reasons] == codes
    if "single_person_own_income" in codes:
        reason = result.reasons[-1]
        assert reason.params == {
            "member": "p2",
            "income": Decimal(own),
            "standard": Decimal("380"),
        }
        assert message(reason.code, reason.params, "en") == (
            f"Member p2 qualifies for enrolment alone, but their own income ¥{own}.00/month"
            " is not below the standard ¥380.00/month: nothing to pay."
        )
        assert message(reason.code, reason.params, "zh") == (
            f"成员 p2 符合单人户施保条件，但本人收入 {own}.00 元/月不低于低保标准 380.00 元/月，"
            "无差额可补。"
        )
    # The columnar engine (batch's summary records) gives the same codes.
    roll = tmp_path / "roll.jsonl"
    roll.write_text(json.dumps(_couple(own)) + "\n", encoding="utf-8")
    report = tmp_path / "run.json"
    out = CliRunner().invoke(cli, ["batch", str(roll), "--quiet", "--report", str(report)])
    assert json.loads(report.read_text(encoding="utf-8"))["by_path"]["columnar"] == 1
    summary = json.loads(out.stdout)
    assert summary["status"] == status
    assert summary["reason_codes"] == codes


def test_the_json_record_keeps_the_half_fen_before_rounding(tmp_path: Path) -> None:
    """Three persons, 12,679.98 a year: the gap (13,680 − 12,679.98) / 12 = 83.335 exactly,
    paid 83.34. The JSON record's ``before_rounding`` and the trace's ``before`` say
    83.335 (to the fen they read 83.34, the rounded figure, and hid the half fen); a
    whole-fen figure keeps its two places (the widow: 570.00)."""
    from click.testing import CliRunner

    from meanstest.cli import cli

    household = tmp_path / "h3.json"
    data = {**_household(3, "12679.98"), "region": "431022", "assessed_on": "2021-12-01"}
    household.write_text(json.dumps(data), encoding="utf-8")
    out = CliRunner().invoke(cli, ["check", str(household), "--format", "json", "--trace"])
    record = json.loads(out.stdout)
    assert record["benefit"]["before_rounding"] == "83.335"
    assert record["benefit_monthly"] == "83.34"
    step = next(s for s in record["trace"] if s["step"] == "benefit")
    assert (step["value"], step["inputs"]["before"]) == ("83.34", "83.335")
    widow = Path(__file__).resolve().parent.parent / "examples" / "yizhang-widow-diabetes.json"
    whole = CliRunner().invoke(cli, ["check", str(widow), "--format", "json"])
    assert json.loads(whole.stdout)["benefit"]["before_rounding"] == "570.00"
