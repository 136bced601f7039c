"""The labels and sentences of a comparison report (issue 15) in Chinese and English:
key -> (zh, en), with ``{placeholders}``; `compare_report.report_label` says them."""

from __future__ import annotations

REPORT_LABELS: dict[str, tuple[str, str]] = {
    "progress": ("户已比较", "households compared"),
    "stamp": ("规则与版本", "Rules and version"),
    "assessed_on": ("评估日", "Assessment date"),
    "rules_before": ("现行规则", "Current rules"),
    "rules_after": ("方案规则", "Proposed rules"),
    "digest": ("摘要", "digest"),
    "version": ("meanstest 版本", "meanstest version"),
    "households": ("户数", "Households"),
    "rule_changes": ("方案调整的规则值", "Rule values the proposal changes"),
    "rule_set": ("规则集", "Rule set"),
    "key": ("规则键", "Key"),
    "old": ("现行值（起始日期）", "Current value (from)"),
    "new": ("方案值（起始日期）", "Proposed value (from)"),
    "not_in_force": ("未生效", "not in force"),
    "provisional": ("，暂定值", ", provisional"),
    # A --set change without --from: in force on every date, so no date to show.
    "no_start": ("不限起始日期", "no start date"),
    "schemes": (
        "按项目的户数、人数与支出（元/月）",
        "Households, persons and cost by scheme (yuan a month)",
    ),
    "scheme": ("项目", "Scheme"),
    "persons": ("人数", "Persons"),
    "monthly_before": ("现行", "Current"),
    "monthly_after": ("方案", "Proposed"),
    "monthly_change": ("月变化", "Change a month"),
    "scheme.dibao": ("低保（含渐退）", "Dibao (phase-out included)"),
    "scheme.dibao_single": ("单人户低保", "Single-person dibao"),
    "scheme.edge": ("低保边缘（不发放）", "Edge (not paid)"),
    "scheme.classified": ("分类施保", "分类施保 top-ups"),
    "scheme.tekun": ("特困供养", "特困 support"),
    "scheme.temporary": (
        "临时救助（一次性，合格户数；金额见下表）",
        "Temporary assistance (one-off; eligible households, sums below)",
    ),
    "budget_year": (
        "本预算年度成本（自生效月至12月）",
        "Cost for the rest of the budget year (effective month to December)",
    ),
    "budget_period": (
        "{first} 至 {year}-12（{months} 个月），{n} 户",
        "{first} to {year}-12 ({months} months), {n} households",
    ),
    "budget_total": ("预算年度支出变化合计", "Change in the budget year, total"),
    "groups": ("按群体（元/月）", "By group (yuan a month)"),
    "group": ("群体", "Group"),
    "group_year": ("本预算年度", "Budget year"),
    "enters": ("新纳入", "Enter"),
    "leaves": ("退出", "Leave"),
    "group.elderly": ("有60岁及以上老人", "With someone aged 60+"),
    "group.minors": ("有未成年人", "With a minor"),
    "group.severely_disabled": (
        "有重度残疾人（一、二级）",
        "With a severely disabled member (grade 1–2)",
    ),
    "group.size": ("{name} 人户", "{name}-person"),
    "group.township": ("乡镇：{name}", "Township: {name}"),
    "group.village": ("村：{name}", "Village: {name}"),
    "groups_no_places": (
        "名册未给出乡镇、村（township、village 列），未按地区分组。",
        "The roll gives no township or village (columns township, village): no breakdown by place.",
    ),
    "legend": (
        "图例：变化以中性颜色显示，增加表示支出增加，减少表示支出减少，不表示好坏。",
        "Legend: changes are shown in neutral colours: an increase is more spending, "
        "a decrease less; neither is marked as good or bad.",
    ),
    "made": (
        "共 {records} 条记录 · 报告生成于 {made}",
        "{records} records · report made on {made}",
    ),
    "legend.more": ("支出增加", "more spending"),
    "legend.less": ("支出减少", "less spending"),
    "notices": ("注意", "Please note"),
    "notice.pending": (
        "方案自 {dates} 起生效的规则值在评估日（{on}）尚未生效，未计入本报告。",
        "The proposal's values from {dates} are not in force on the assessment "
        "date ({on}) and are not costed in this report.",
    ),
    "notice.unreached": (
        "方案未改变 {n} 户在其评估日适用的任何规则值（规则集 {ids}）："
        "其规则自行规定了这些值，或方案的值在该日尚未生效。",
        "The proposal changes no rule value in force for {n} households "
        "(rule sets {ids}): their own rules set those values, or the "
        "proposal's values are not in force on their dates.",
    ),
    "notice.empty": (
        "名册中没有家庭记录，无可比较：以下各项均为 0。",
        "The roll holds no households, so there is nothing to compare: every figure below is 0.",
    ),
    "notice.errors": (
        "{n} 户无法比较（错误行），合计中不含这些家庭。",
        "{n} households could not be compared (error rows); the totals leave them out.",
    ),
}
