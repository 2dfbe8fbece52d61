"""Each rule firing on an edited real report, and not firing where the report is consistent.

Edits are made to the seeds' own text so every test goes through the whole pipeline.
The seeds themselves (test_golden) are the main "does not fire" cases.
"""

from __future__ import annotations

from conftest import run, seed_named

from nianbao.report import Report
from nianbao.rules import RULES

S004_NEW = "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
S004_GRANTED = "(一)予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
S004_FORWARD = "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
S004_APPEALS = "1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"expected exactly one {old!r}"
    return text.replace(old, new)


def found(report: Report, rule: str) -> list:
    return [f for f in report.findings if f.rule == rule]


def s004(*edits: tuple[str, str]) -> Report:
    text = seed_named("004")
    for old, new in edits:
        text = edit(text, old, new)
    return run(text)


def test_every_rule_has_an_id_severity_description_and_basis():
    for r in RULES.values():
        assert r.severity in ("error", "warning", "info")
        assert r.description and r.basis


# --- arithmetic ------------------------------------------------------------------------
def test_row_total_fires_on_the_row_and_names_its_fields():
    report = s004((S004_NEW, S004_NEW.replace("| 0 | 1 |", "| 0 | 2 |")))
    [f] = [f for f in found(report, "applications.row_total") if "applications.new.total" in f.fields]
    assert (f.expected, f.actual, f.severity) == (1, 2, "error")
    assert len(f.fields) == 7 and report.text[f.start : f.end] == "2"


def test_row_total_silent_when_row_adds_up():
    report = s004((S004_NEW, S004_NEW.replace("| 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "| 1 | 1 | 0 | 0 | 0 | 0 | 2 |")))
    assert not [f for f in found(report, "applications.row_total") if "applications.new.total" in f.fields]


def test_column_total_fires_per_column():
    report = s004((S004_GRANTED, S004_GRANTED.replace("| 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |")))
    columns = {f.fields[-1]: (f.expected, f.actual) for f in found(report, "applications.column_total")}
    assert columns == {"applications.total.natural_person": (0, 1), "applications.total.total": (0, 1)}


def test_balance_fires_when_carried_forward_breaks_it():
    report = s004((S004_FORWARD, S004_FORWARD.replace("| 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |")))
    got = {tuple(f.fields): (f.expected, f.actual) for f in found(report, "applications.balance")}
    assert got[("applications.new.natural_person", "applications.carried_over.natural_person",
                "applications.total.natural_person", "applications.carried_forward.natural_person")] == (1, 2)
    assert len(got) == 2  # natural_person and total


def test_appeals_group_total_fires():
    report = s004((S004_APPEALS, "1 | 0 | 0 | 0 | 2 |" + S004_APPEALS[len("1 | 0 | 0 | 0 | 1 |"):]))
    [f] = found(report, "appeals.group_total")
    assert f.fields[-1] == "appeals.review.total" and (f.expected, f.actual) == (1, 2)


# --- completeness ----------------------------------------------------------------------
def test_section_missing():
    report = s004(("五、存在的主要问题及改进情况\n", ""))
    [f] = found(report, "completeness.section_missing")
    assert "第五部分" in f.message and report.status == "ok"


def test_table_missing():
    text = seed_named("004")
    start = text.index("行政复议 | 行政诉讼")
    end = text.index("五、存在的主要问题")
    report = run(text[:start] + text[end:])
    [f] = found(report, "completeness.table_missing")
    assert f.severity == "error" and "行政复议" in f.message
    assert all(report.value(fid) is None for fid in report.cells if fid.startswith("appeals."))


def test_blank_cell_is_null_and_a_finding():
    report = s004(("行政处罚 | 24 |", "行政处罚 |  |"))
    assert report.value("active.punishment") is None
    [f] = found(report, "completeness.cell_blank")
    assert f.fields == ["active.punishment"] and f.severity == "warning"
    assert report.text[f.start : f.end] == "行政处罚"  # a blank prints nothing: the finding points at its row


def test_unreadable_cell_is_null_and_an_error():
    report = s004(("行政强制 | 0 |", "行政强制 | — |"))
    cell = report.cells["active.coercion"]
    assert (cell.value, cell.status, cell.raw) == (None, "unreadable", "—")
    [f] = found(report, "completeness.cell_unreadable")
    assert f.severity == "error" and report.text[f.start : f.end] == "—"


# --- prose -----------------------------------------------------------------------------
def test_applications_received_mismatch():
    report = s004(("安居镇收到1条依申请公开", "安居镇收到2条依申请公开"))
    [f] = found(report, "prose.applications_received")
    assert (f.expected, f.actual) == (1, 2)
    assert "收到2条" in report.text[f.start : f.end]


def test_no_applications_claim_against_nonzero_table():
    text = seed_named("002")
    row = "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t"
    report = run(edit(text, row, row.replace("\t\t0\t0\t0\t0\t0\t0\t0", "\t\t1\t0\t0\t0\t0\t0\t1")))
    [f] = found(report, "prose.no_applications")
    assert f.actual == 1 and "未收到" in f.message


def test_active_table_fee_in_yuan_compared_in_wan_yuan():
    same = s004(("本年度行政事业性收费0元", "本年度行政事业性收费5000元"), ("行政事业性收费 | 0 |", "行政事业性收费 | 0.5 |"))
    assert [f.fields for f in found(same, "prose.active_table")] == [["active.licensing"]]  # 5000元 = 0.5万元
    differ = s004(("本年度行政事业性收费0元", "本年度行政事业性收费5000元"))
    assert ["active.fees"] in [f.fields for f in found(differ, "prose.active_table")]


def test_punishment_and_coercion_agree_in_004():
    report = run(seed_named("004"))
    assert [f.fields for f in found(report, "prose.active_table")] == [["active.licensing"]]


def test_all_concluded_claim_against_carried_forward():
    claim = ("予以公开的1件。", "予以公开的1件。所有申请均已按时办结。")
    forward = (S004_FORWARD, S004_FORWARD.replace("| 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |"))
    assert found(s004(claim, forward), "prose.all_concluded")
    assert not found(s004(claim), "prose.all_concluded")


def test_no_appeals_claim_against_nonzero_table():
    claim = ("情况如下:", "情况如下:本年度未发生政府信息公开行政复议、行政诉讼案件。")
    [f] = found(s004(claim), "prose.no_appeals")
    assert f.fields == ["appeals.review.total"] and f.actual == 1
    zeros = edit(seed_named("001"), "暂无其他需要报告事项。", "本年度未发生政府信息公开行政复议、行政诉讼案件。")
    assert not found(run(zeros), "prose.no_appeals")


def test_parts_that_do_not_add_up():
    report = run(edit(seed_named("002"), "其中工作动态 56 条", "其中工作动态 57 条"))
    [f] = found(report, "prose.parts_sum")
    assert (f.expected, f.actual) == (69, 68)


def test_percentage_that_does_not_match_its_count():
    report = run(edit(seed_named("000"), "占比24.18%", "占比25.18%"))
    [f] = found(report, "prose.percentages")
    assert f.expected == 24.18 and f.actual == 25.18 and f.severity == "warning"


# --- dates -----------------------------------------------------------------------------
def test_title_year_against_statistics_period():
    report = run(edit(seed_named("003"), "白石山镇政府信息公开工作年度报告\n", "白石山镇2023年政府信息公开工作年度报告\n"))
    [f] = found(report, "dates.year_mismatch")
    assert "标题为2023年" in f.message and "统计时限为2024年" in f.message


def test_signed_before_the_year_ended():
    report = run(edit(seed_named("002"), "2025年1月9日", "2024年12月9日"))
    assert [f.key for f in found(report, "dates.year_mismatch")] == ["signed_early"]


def test_late_report_by_organ_kind():
    assert found(run(edit(seed_named("002"), "2025年1月9日", "2025年4月9日")), "dates.late")
    assert not found(run(edit(seed_named("002"), "2025年1月9日", "2025年3月15日")), "dates.late")
    department = edit(seed_named("002"), "# 米易县普威镇 2024 年", "# 米易县教育局 2024 年")
    department = edit(department, "米易县普威镇人民政府\n\n2025年1月9日", "米易县教育局\n\n2025年2月15日")
    [f] = found(run(department), "dates.late")
    assert f.expected == "2025-01-31"


def test_a_sign_off_date_that_is_no_real_day_is_an_error_not_a_crash():
    report = run(edit(seed_named("002"), "2025年1月9日", "2025年2月31日"))
    assert report.status == "ok" and report.published == "2025-02-31"  # printed as it is
    [f] = found(report, "dates.impossible")
    assert f.severity == "error" and f.actual == "2025-02-31" and report.text[f.start:f.end] == "2025年2月31日"
    assert not found(report, "dates.late") and not [f for f in found(report, "dates.year_mismatch") if f.key == "signed_early"]
    assert not found(run(edit(seed_named("002"), "2025年1月9日", "2024年2月29日")), "dates.impossible")  # a leap day is real
    assert not found(run(seed_named("002")), "dates.impossible")


# --- plausibility ----------------------------------------------------------------------
def test_counts_must_be_non_negative_integers():
    report = s004(("行政处罚 | 24 |", "行政处罚 | 2.5 |"))
    assert [f.fields for f in found(report, "plausibility.count_not_integer")] == [["active.punishment"]]
    assert not found(run(seed_named("004")), "plausibility.count_not_integer")


def test_township_reporting_regulations():
    regs = ("规章 | 0 | 0 | 0 |", "规章 | 1 | 0 | 1 |")
    [f] = found(s004(regs), "plausibility.regulations_low_level")
    assert "安居镇" in f.message
    city = run("成都市人民政府2024年政府信息公开工作年度报告\n" + edit(seed_named("004"), *regs))
    assert city.organ == "成都市人民政府" and not found(city, "plausibility.regulations_low_level")


def test_fee_that_looks_like_yuan():
    printed_yuan = s004(("行政事业性收费 | 0 |", "行政事业性收费 | 251000元 |"))
    assert printed_yuan.value("active.fees") == 251000
    [f] = found(printed_yuan, "plausibility.fee_unit")
    assert f.actual == "251000元"
    assert found(s004(("行政事业性收费 | 0 |", "行政事业性收费 | 5000 |")), "plausibility.fee_unit")
    assert not found(s004(("行政事业性收费 | 0 |", "行政事业性收费 | 3万元 |")), "plausibility.fee_unit")


# --- the reader's own finding -------------------------------------------------------------
def test_row_with_a_missing_value_is_flagged_not_guessed():
    text = edit(seed_named("000"), "一、本年新收政府信息公开申请数量\n\t3\n\t0\n", "一、本年新收政府信息公开申请数量\n\t3\n")
    report = run(text)
    [f] = found(report, "table.row_alignment")
    assert "applications.new.total" in f.fields and "6个数值" in f.message
    assert report.value("applications.new.total") is None


def test_blank_placed_by_tab_position():
    row = "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t"
    report = run(edit(seed_named("001"), row, "一、本年新收政府信息公开申请数量\t\t0\t\t0\t0\t0\t0\t0\t"))
    assert report.value("applications.new.commercial") is None
    assert report.value("applications.new.research") == 0 and report.value("applications.new.total") == 0
    assert not found(report, "table.row_alignment")
    assert [f.fields for f in found(report, "completeness.cell_blank")] == [["applications.new.commercial"]]


def test_an_administrative_review_application_is_not_a_disclosure_application():
    claim = ("情况如下:", "情况如下:本年度共收到行政复议申请2件，均已审结。")
    report = s004(claim)
    assert not found(report, "prose.applications_received")
    assert [f.value for f in report.facts_named("applications.received")] == [1, 1]  # the two real ones stay


def test_organ_levels():
    from nianbao.extract.metadata import organ_level

    assert [organ_level(n) for n in ("五华县安流镇", "朝阳区人民政府", "米易县人民政府", "广西壮族自治区人民政府",
                                     "上海市人民政府", "成都市人民政府", "蛟河市教育局")] == [
        "township", "county", "county", "province", "province", "government", "department"]
    district = run("北京市朝阳区人民政府2024年政府信息公开工作年度报告\n" + edit(seed_named("004"), "规章 | 0 | 0 | 0 |", "规章 | 1 | 0 | 1 |"))
    assert found(district, "plausibility.regulations_low_level")
