"""The income-rules example (examples/income/) gives the hand-worked result under its
demonstration overlay, examples/rules/yizhang-income-demo.yaml (extends the shipped
Yizhang rules; every value it adds is provisional).

Values in force on 2021-12-01: rural standard 4560 a year = 380 a month; edge 1.5 ×;
minimum wage 1700 a month (demo); schooling costs of a member in education deducted
above 2 × the household's income before deductions (demo, 衡阳's pattern), no cap; rent
deducted, at most 300 a month a household (demo).
"""

from __future__ import annotations

from pathlib import Path

from meanstest.api import assess_file
from meanstest.money import fmt

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "rules" / "yizhang-income-demo.yaml"


def test_migrant_wage_imputed_with_schooling_and_rent() -> None:
    """3 persons. p1 works away, wage not established: 1700 a month imputed. Income
    before deductions 1700; schooling threshold 2 × 1700 = 3400; p3's schooling 48000 a
    year = 4000 a month: 600 deducted; rent 400 capped at 300. Deductions 900; counted
    1700 − 900 = 800; per capita 266.67 < 380 → dibao; 380 × 3 − 800 = 340.00."""
    result = assess_file(
        ROOT / "examples" / "income" / "yizhang-migrant-wage-imputed.json", rules=DEMO
    )
    assert [(line.basis, fmt(line.monthly)) for line in result.incomes] == [
        ("minimum_wage", "1700.00")
    ]
    assert [fmt(d.accepted_monthly) for d in result.deductions] == ["600.00", "300.00"]
    inc = result.income
    assert [
        fmt(v)
        for v in (
            inc.gross_monthly,
            inc.deductions_monthly,
            inc.counted_monthly,
            inc.per_capita_monthly,
        )
    ] == ["1700.00", "900.00", "800.00", "266.67"]
    assert (result.status, fmt(result.benefit_monthly)) == ("dibao", "340.00")
    assert "minimum_wage" in {w.key for w in result.warnings}  # a demonstration value
