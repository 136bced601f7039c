"""The sentences of results, in Chinese and English: the reasons of a status, the
warnings and the notes, code -> (zh, en), with ``{name}`` naming a parameter.
`render.labels` writes them (`labels.message`), and merges temporary assistance's.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # status reasons
    "below_standard": (
        "家庭人均收入 {per_capita} 元/月，低于低保标准 {standard} 元/月。",
        "Per-capita counted income ¥{per_capita}/month is below the dibao "
        "standard ¥{standard}/month.",
    ),
    "above_standard": (
        "家庭人均收入 {per_capita} 元/月，不低于低保标准 {standard} 元/月。",
        "Per-capita counted income ¥{per_capita}/month is not below the dibao "
        "standard ¥{standard}/month.",
    ),
    "below_edge": (
        "人均收入低于低保边缘标准 {edge} 元/月（低保标准的 {multiplier} 倍），为低保边缘家庭。",
        "Per-capita income is below the edge threshold ¥{edge}/month "
        "({multiplier} × the standard): an edge household.",
    ),
    "above_edge": (
        "人均收入不低于低保边缘标准 {edge} 元/月（低保标准的 {multiplier} 倍）。",
        "Per-capita income is not below the edge threshold ¥{edge}/month "
        "({multiplier} × the standard).",
    ),
    "within_standard": (
        "家庭人均收入 {per_capita} 元/月，不高于低保标准 {standard} 元/月。",
        "Per-capita counted income ¥{per_capita}/month is not above the dibao "
        "standard ¥{standard}/month.",
    ),
    "over_standard": (
        "家庭人均收入 {per_capita} 元/月，高于低保标准 {standard} 元/月。",
        "Per-capita counted income ¥{per_capita}/month is above the dibao "
        "standard ¥{standard}/month.",
    ),
    "within_edge": (
        "人均收入不高于低保边缘标准 {edge} 元/月（低保标准的 {multiplier} 倍），为低保边缘家庭。",
        "Per-capita income is not above the edge threshold ¥{edge}/month "
        "({multiplier} × the standard): an edge household.",
    ),
    "over_edge": (
        "人均收入高于低保边缘标准 {edge} 元/月（低保标准的 {multiplier} 倍）。",
        "Per-capita income is above the edge threshold ¥{edge}/month "
        "({multiplier} × the standard).",
    ),
    "gap_rounds_to_nothing": (
        "按精确收入认定为低保对象；差额 {before} 元按取整规则为 0 元，本月无救助金可发。",
        "Eligible on the exact figures; the gap of ¥{before} rounds to "
        "nothing under the rounding rule, so nothing is paid.",
    ),
    "minimum_benefit": (
        "差额 {before} 元低于最低救助金额，按 {after} 元发放。",
        "The gap of ¥{before} is below the minimum benefit: ¥{after} is paid.",
    ),
    "phase_out_ceiling": (
        "人均收入已达到 {limit} 元/月，超过渐退上限，不予渐退。",
        "Per-capita income has reached ¥{limit}/month, the phase-out ceiling: no phase-out.",
    ),
    "assets_failed": ("财产状况不符合规定：{tests}。", "The asset test failed: {tests}."),
    "single_person": (
        "成员 {member} 可单人户施保，月救助 {benefit} 元。",
        "Member {member} may be enrolled alone, ¥{benefit}/month.",
    ),
    "nothing_to_pay": (
        "按规则计算的救助金为 0（差额 {before} 元），不予纳入低保。",
        "The benefit under the rules comes to nothing (a gap of ¥{before}), "
        "so the household is not enrolled.",
    ),
    "all_tekun": (
        "家庭 {count} 名成员均为特困人员，按特困人员供养，不作低保核算。",
        "Every member ({count}) is 特困 and supported as such: no dibao test is made.",
    ),
    "single_person_below": (
        "成员 {member} 可单人户施保，月救助 {benefit} 元：家庭人均收入 "
        "{per_capita} 元/月，低于低保标准的 {multiplier} 倍（{limit} 元）。",
        "Member {member} may be enrolled alone, ¥{benefit}/month: the "
        "family's per-capita income ¥{per_capita}/month is below "
        "{multiplier} × the standard (¥{limit}).",
    ),
    "single_person_not_above": (
        "成员 {member} 可单人户施保，月救助 {benefit} 元：家庭人均收入 "
        "{per_capita} 元/月，不高于低保标准的 {multiplier} 倍"
        "（{limit} 元）。",
        "Member {member} may be enrolled alone, ¥{benefit}/month: the "
        "family's per-capita income ¥{per_capita}/month is not above "
        "{multiplier} × the standard (¥{limit}).",
    ),
    "phase_out": (
        "因就业收入超过标准，给予 {months} 个月渐退期，按原救助金 {benefit} 元发放至 {until}。",
        "Income rose above the standard through work: the benefit of ¥{benefit} "
        "continues for a {months}-month phase-out, until {until}.",
    ),
    "phase_out_ended": (
        "渐退期已于 {until} 结束，停发救助金。",
        "The phase-out ended in {until}; the benefit stops.",
    ),
    # 特困
    "tekun_elderly": ("年满 {age_limit} 周岁（{age} 岁）", "aged {age}, {age_limit} or over"),
    "tekun_minor": ("未满 {age_limit} 周岁（{age} 岁）", "aged {age}, under {age_limit}"),
    "tekun_student": ("{age} 岁，仍在校就读", "aged {age}, still at school"),
    "tekun_disabled": ("{category}残疾 {grade} 级", "{category} disability, grade {grade}"),
    "tekun_can_work": ("{age} 岁，有劳动能力", "aged {age}, able to work"),
    "tekun_income_over": (
        "本人收入 {income} 元/月，不低于低保标准 {standard} 元/月",
        "own income ¥{income}/month, not below the standard ¥{standard}",
    ),
    "tekun_income_under": (
        "本人收入 {income} 元/月，低于低保标准 {standard} 元/月",
        "own income ¥{income}/month, below the standard ¥{standard}",
    ),
    "tekun_property_over": ("本人财产不符合规定：{tests}", "own property over the limits: {tests}"),
    "tekun_household_means": (
        "家庭共有收入 {income} 元/月、共有财产 {count} 项未落实到个人，需核实本人份额",
        "household income ¥{income}/month and {count} property item(s) "
        "not attributed to a member: verify this member's share",
    ),
    "tekun_supporter_in_household": (
        "共同生活的 {supporter} 有履行能力",
        "co-resident {supporter} is able to support",
    ),
    "tekun_supporter_outside": (
        "义务人（{relation}）有履行能力",
        "a supporter ({relation}) is able to support",
    ),
    "tekun_supporters_unknown": ("未申报赡养、抚养、扶养义务人", "supporters not declared"),
    "tekun_supporter_maybe_tekun": (
        "同住的 {supporter} 可能也是特困人员（待核实），是则无履行能力",
        "co-resident {supporter} may be 特困 too (to verify), and then cannot support",
    ),
    "tekun_supporters_tekun": (
        "同住的 {supporter} 也是特困人员，无履行能力；户外无有能力的义务人",
        "co-resident {supporter} also 特困, so unable to support; no able supporter outside",
    ),
    "tekun_supporters_unable": ("{count} 名义务人均无履行能力", "all {count} supporters unable"),
    "tekun_no_supporters": ("无法定义务人", "no statutory supporter"),
    "tekun_care_not_set": (
        "规则未设照料护理标准（{key}）",
        "the rules have no care standard ({key})",
    ),
    "tekun_mode_assumed": (
        "未说明供养方式，按分散供养标准计算",
        "support mode not given: the at-home (分散供养) standard applies",
    ),
    # 刚性支出
    "rigid_not_set": (
        "规则缺少 {key}，未作刚性支出困难家庭认定",
        "not tested: the rules have no {key}",
    ),
    "rigid_income_over": (
        "人均收入 {per_capita} 元/月，不低于上年人均可支配收入 {limit} 元/月",
        "per-capita income ¥{per_capita}/month is not below last year's "
        "disposable income ¥{limit}/month",
    ),
    "rigid_met": (
        "刚性支出 {spent} 元/月，占家庭收入 {income} 元/月的比例 {share} 超过 {threshold}",
        "rigid expenditure ¥{spent}/month is {share} of income ¥{income}/month, above {threshold}",
    ),
    "rigid_income_above": (
        "人均收入 {per_capita} 元/月，高于上年人均可支配收入 {limit} 元/月",
        "per-capita income ¥{per_capita}/month is above last year's "
        "disposable income ¥{limit}/month",
    ),
    "rigid_met_not_below": (
        "刚性支出 {spent} 元/月，占家庭收入 {income} 元/月的比例 {share} 不低于 {threshold}",
        "rigid expenditure ¥{spent}/month is {share} of income "
        "¥{income}/month, not below {threshold}",
    ),
    "rigid_share_below": (
        "刚性支出 {spent} 元/月，占家庭收入 {income} 元/月的比例 {share} 低于 {threshold}",
        "rigid expenditure ¥{spent}/month is {share} of income ¥{income}/month, below {threshold}",
    ),
    "rigid_share_under": (
        "刚性支出 {spent} 元/月，占家庭收入 {income} 元/月的比例 {share} 未超过 {threshold}",
        "rigid expenditure ¥{spent}/month is {share} of income "
        "¥{income}/month, not above {threshold}",
    ),
    # 事实无人抚养儿童
    "child_unsupported": (
        "父母情况：{parents}，属于事实无人抚养儿童",
        "parents: {parents}: a de-facto unsupported child",
    ),
    "child_supported": (
        "父母情况：{parents}，不属于事实无人抚养儿童",
        "parents: {parents}: not a de-facto unsupported child",
    ),
    "single_person_own_income": (
        "成员 {member} 符合单人户施保条件，但本人收入 {income} 元/月不低于低保标准 "
        "{standard} 元/月，无差额可补。",
        "Member {member} qualifies for enrolment alone, but their own income "
        "¥{income}/month is not below the standard ¥{standard}/month: nothing to pay.",
    ),
    "single_person_may_apply": (
        "{member} 为成年无业重度残疾人，可作为单人户单独申请低保（待核实）。",
        "{member}, an adult severely disabled and without work, may "
        "apply alone as a single-person household (to verify).",
    ),
    "child_to_verify": (
        "父母情况：{parents}，是否属于事实无人抚养儿童待核实",
        "parents: {parents}: whether a de-facto unsupported child is to verify",
    ),
    # deductions
    "accepted": ("按规则全额扣减", "deducted in full"),
    "netted": ("转移性支出，从收入中扣除", "transfer expenditure, netted from income"),
    "not_member": ("{member} 不是计入的家庭成员", "{member} is not a counted member"),
    "not_deductible": ("本地规则不允许扣减（{key}）", "not deductible under these rules ({key})"),
    "no_rule": ("规则中没有此项扣减（{key}）", "the rules have no such deduction ({key})"),
    "needs_member": ("须指明成员（条件：{condition}）", "needs a member (condition: {condition})"),
    "condition_not_met": (
        "成员 {member} 不符合条件：{condition}",
        "member {member} does not meet the condition: {condition}",
    ),
    # a deduction limited to members with a disability of some grades ({grades}: said
    # by `labels_grades`)
    "grade_not_allowed": (
        "{member} 的残疾等级不在可扣减范围（{grades}）",
        "{member}'s disability grade is not one this deduction allows ({grades})",
    ),
    "grades_need_member": (
        "须指明持残疾证的成员（可扣减的残疾等级：{grades}）",
        "needs a member holding a disability certificate (grades this deduction allows: {grades})",
    ),
    "above_threshold": (
        "超过扣减起点 {start} 元/月的部分予以扣减，扣减 {allowed} 元/月",
        "only the part above the threshold ¥{start}/month is deducted: {allowed}/month",
    ),
    "below_threshold": (
        "家庭此类支出未超过扣减起点 {start} 元/月，不予扣减",
        "the household's claims of this type are within the threshold "
        "¥{start}/month: nothing deducted",
    ),
    "capped_per_item_monthly": (
        "单项上限，允许 {allowed} 元/月",
        "per-item cap, {allowed}/month allowed",
    ),
    "capped_per_person_monthly": (
        "每人上限 {cap} 元/月，允许 {allowed} 元/月",
        "per-person cap ¥{cap}/month, {allowed}/month allowed",
    ),
    "capped_per_household_monthly": (
        "每户上限 {cap} 元/月，允许 {allowed} 元/月",
        "per-household cap ¥{cap}/month, {allowed}/month allowed",
    ),
    "capped_share_of_income": (
        "不超过收入的 {share}，允许 {allowed} 元/月",
        "at most {share} of income, {allowed}/month allowed",
    ),
    # assets
    "financial_ok": (
        "人均 {per_capita} 元，不超过上限 {limit} 元（{months} 个月标准）",
        "¥{per_capita} per person, within the limit ¥{limit} ({months} months of the standard)",
    ),
    "financial_over": (
        "人均 {per_capita} 元，超过上限 {limit} 元（{months} 个月标准）",
        "¥{per_capita} per person, above the limit ¥{limit} ({months} months of the standard)",
    ),
    "financial_unlimited": ("人均 {per_capita} 元，无上限", "¥{per_capita} per person, no limit"),
    "vehicle_ok": ("车辆（{kinds}）不影响认定", "vehicles ({kinds}) allowed"),
    "vehicle_over": ("有不允许的车辆：{kinds}", "vehicles not allowed: {kinds}"),
    "housing_ok": ("住房 {count} 套，上限 {max} 套", "{count} house(s), at most {max}"),
    "housing_over": ("住房 {count} 套，超过上限 {max} 套", "{count} houses, more than {max}"),
    "business_ok": ("经营主体 {count} 个，允许", "{count} business(es), allowed"),
    "business_over": ("有登记注册的经营主体", "owns a registered business"),
    "not_tested": ("{types}：规则未设核查", "{types}: no test in the rules"),
    # thresholds
    "margin_below": (
        "家庭月收入比{name}线低 {amount} 元。",
        "Monthly household income is ¥{amount} below the {name} threshold.",
    ),
    # 以上 and 以下 include the number itself (民法典 第1259条): under 低于 the income must
    # fall by more than the distance (超过), under 不高于 by the distance itself.
    "margin_above": (
        "家庭月收入须再减少超过 {amount} 元，才低于{name}线。",
        "Would fall below the {name} threshold if monthly household income were "
        "more than ¥{amount} lower.",
    ),
    "margin_within": (
        "家庭月收入再减少 {amount} 元即不高于{name}线。",
        "Would be within the {name} threshold (not above it) if monthly household income "
        "were ¥{amount} lower.",
    ),
    "margin_at": (
        "家庭月收入恰好等于{name}线，不高于该线。",
        "Monthly household income is exactly at the {name} threshold, not above it.",
    ),
    "threshold.dibao": ("低保", "dibao"),
    "threshold.edge": ("低保边缘", "edge"),
    # warnings
    "provisional_value_sourced": (
        "暂定值：{key} = {value}，自 {since} 起；依据{basis}，地方取值未确认。{note}",
        "Provisional value: {key} = {value} since {since}; based on "
        "{basis}, the local value not confirmed. {note}",
    ),
    "provisional_value": (
        "暂定值（无出处）：{key} = {value}，自 {since} 起。{note}",
        "Provisional (unsourced) value: {key} = {value} since {since}. {note}",
    ),
    "unofficial_source": (
        "非正式文件出处：{key} {value}，出自{kind_label}（{title}）。",
        "Not from an official document: {key} {value} comes from a {kind_label} ({title}).",
    ),
    "unofficial_source_short": (
        "出自{kind_label}（{title}），非正式文件",
        "from a {kind_label} ({title}), not an official document",
    ),
    "id_number_birth_date": (
        "成员 {member} 的身份证号中的出生日期为 {id_birth_date}，"
        "与申报的出生日期 {birth_date} 不符；核算按申报的出生日期，请核实。",
        "Member {member}: the ID number gives the birth date "
        "{id_birth_date}, not the declared {birth_date}; the declared "
        "date is used. Check which is right.",
    ),
    "id_number_age": (
        "成员 {member} 的身份证号中的出生日期为 {id_birth_date}，核算日应为 {id_age} "
        "岁，与申报的年龄 {age} 岁不符；核算按申报的年龄，请核实。",
        "Member {member}: the ID number gives the birth date {id_birth_date}, "
        "aged {id_age} on the assessment date, not the declared age {age}; the "
        "declared age is used. Check which is right.",
    ),
    # the same with personal data masked: the ID number's birth date would unmask it
    "id_number_birth_date_masked": (
        "成员 {member} 的身份证号中的出生日期与申报的出生日期 "
        "{birth_date} 不符；核算按申报的出生日期，请核实。",
        "Member {member}: the birth date in the ID number "
        "disagrees with the declared {birth_date}; the declared "
        "date is used. Check which is right.",
    ),
    "id_number_age_masked": (
        "成员 {member} 的身份证号中的出生日期与申报的年龄 {age} 岁不符；核算按申报的年龄，请核实。",
        "Member {member}: the birth date in the ID number disagrees "
        "with the declared age {age}; the declared age is used. Check "
        "which is right.",
    ),
    # a consistency check that a provisional value fails (ruleset.checks.Breach)
    "below_minimum": (
        "{key} 为 {value}，低于{when}{level}最低标准 {limit}"
        "（检查：{check}；出处：{basis}）。该值为暂定值，请核实。",
        "{key} {value} is below the {level} minimum {limit}{when} (check: "
        "{check}; source: {basis}). The value is provisional: confirm it.",
    ),
    "not_above_limit": (
        "{key} 为 {value}，未高于{when}{level}下限 {limit}（应高于该值；"
        "检查：{check}；出处：{basis}）。该值为暂定值，请核实。",
        "{key} {value} is not above the {level} limit {limit}{when}, which "
        "it must exceed (check: {check}; source: {basis}). The value is "
        "provisional: confirm it.",
    ),
    "above_maximum": (
        "{key} 为 {value}，高于{when}{level}上限 {limit}"
        "（检查：{check}；出处：{basis}）。该值为暂定值，请核实。",
        "{key} {value} is above the {level} maximum {limit}{when} (check: "
        "{check}; source: {basis}). The value is provisional: confirm it.",
    ),
    "not_below_limit": (
        "{key} 为 {value}，未低于{when}{level}上限 {limit}（应低于该值；"
        "检查：{check}；出处：{basis}）。该值为暂定值，请核实。",
        "{key} {value} is not below the {level} limit {limit}{when}, which "
        "it must stay under (check: {check}; source: {basis}). The value is "
        "provisional: confirm it.",
    ),
    "not_as_required": (
        "{key} 为 {value}，不符合{when}{level}规定值 {limit}"
        "（检查：{check}；出处：{basis}）。该值为暂定值，请核实。",
        "{key} {value} is not the {level} value {limit} required{when} "
        "(check: {check}; source: {basis}). The value is provisional: "
        "confirm it.",
    ),
    "below_minimum_short": (
        "低于{when}{level}最低标准 {limit}（{basis}）",
        "below the {level} minimum {limit}{when} ({basis})",
    ),
    "not_above_limit_short": (
        "未高于{when}{level}下限 {limit}（{basis}）",
        "not above the {level} limit {limit}{when}, which it must exceed ({basis})",
    ),
    "above_maximum_short": (
        "高于{when}{level}上限 {limit}（{basis}）",
        "above the {level} maximum {limit}{when} ({basis})",
    ),
    "not_below_limit_short": (
        "未低于{when}{level}上限 {limit}（{basis}）",
        "not below the {level} limit {limit}{when}, which it must stay under ({basis})",
    ),
    "not_as_required_short": (
        "不符合{when}{level}规定值 {limit}（{basis}）",
        "not the {level} value {limit} required{when} ({basis})",
    ),
    # rules validate: dates with no dibao standard in force
    "no_standard": (
        "{dates} 没有生效的低保标准（{keys}）：此规则集无法核算任何家庭",
        "on {dates} no dibao standard is in force ({keys}): this rule set "
        "cannot assess a household",
    ),
    "no_standard_parent": (
        "{dates} 没有生效的低保标准（{keys}）：此规则集不能直接核算家庭，"
        "继承它的规则文件须规定标准",
        "on {dates} no dibao standard is in force ({keys}): this rule "
        "set cannot assess a household itself; a file that extends it "
        "must give one",
    ),
    "no_area_standard": (
        "{dates} 没有生效的{area}低保标准（{keys}）：无法核算{area}家庭",
        "on {dates} no {area} dibao standard is in force ({keys}): "
        "{area} households cannot be assessed",
    ),
    # {when} in the sentences above: since when the limit is in force (if it has a date)
    "limit_since": ("自 {since} 起施行的", " in force since {since}"),
    "kind.news": ("新闻报道", "news report"),
    "kind.secondary": ("二手资料", "secondary source"),
}
