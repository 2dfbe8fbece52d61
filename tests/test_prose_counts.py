"""The prose against every count the tables also hold: each phrasing firing when it disagrees, silent when it agrees.

Edits go into real reports (seed 004, the synthetic 2019 report) and run the whole pipeline.
"""

from __future__ import annotations

import pytest
from conftest import ROOT, run, seed_named

from nianbao.report import Report

S004_ACTIVE = "2024年,我镇共制发规章、行政规范性文件0件,废止0件,现行有效0件,"
S004_APPEALS = "情况如下:"  # section 四's only sentence: review 1 (维持 1), litigation 0 and 0
S004_OVERVIEW = "(三)政府信息管理情况:"


def with_sentence(anchor: str, sentence: str, text: str | None = None) -> Report:
    text = seed_named("004") if text is None else text
    assert text.count(anchor) == 1
    return run(text.replace(anchor, anchor + sentence))


def about(report: Report, rule: str) -> list[tuple[list[str], object, object]]:
    return [(f.fields, f.expected, f.actual) for f in report.findings if f.rule == rule]


# --- 规章 and 规范性文件: 制发, 废止, 现行有效 (the table prints 0 | 0 | 0 for both) -------------
@pytest.mark.parametrize(("sentence", "fact", "stated"), [
    ("本年度制发行政规范性文件2件。", "active.normative_docs.issued", 2),
    ("本年度废止规范性文件1件。", "active.normative_docs.repealed", 1),
    ("开展规范性文件清理，清理后现行有效规范性文件5件。", "active.normative_docs.in_force", 5),
    ("对规范性文件进行全面清理，共清理12件，其中保留7件，废止5件。", "active.normative_docs.repealed", 5),
    ("本年度共制发行政规范性文件0件，废止0件，现行有效3件。", "active.normative_docs.in_force", 3),
    ("本年度制发规章1件。", "active.regulations.issued", 1),
    ("制发规章0件，现行有效规章4件。", "active.regulations.in_force", 4),
])
def test_document_counts_that_differ_from_the_table_fire(sentence, fact, stated):
    report = with_sentence(S004_OVERVIEW, sentence)
    assert ([fact], stated, 0) in about(report, "prose.active_table")
    [finding] = [f for f in report.findings if f.rule == "prose.active_table" and f.fields == [fact]]
    quote = report.text[finding.start : finding.end]
    assert ("规章" if "regulations" in fact else "规范性文件") in quote and quote.endswith(f"{stated}件")  # names what it counts
    assert "主动公开表" in finding.message and str(stated) in finding.message


@pytest.mark.parametrize("sentence", [
    "本年度共制发行政规范性文件0件，废止0件，现行有效0件。",
    "开展规范性文件清理，清理后现行有效规范性文件0件。",
    "制发规章0件，制发行政规范性文件0件。",
    "进一步完善规章制度，制定工作方案3件。",  # 规章制度 is not 规章; 工作方案 not a normative document
    "制发规章、行政规范性文件3件。",  # two rows stated together: no single cell to compare
])
def test_document_counts_that_agree_or_name_no_single_row_stay_silent(sentence):
    report = with_sentence(S004_OVERVIEW, sentence)
    assert about(report, "prose.active_table") == [(["active.licensing"], 558, 290)]  # only the seed's own mismatch


def test_the_seeds_mixed_sentence_states_no_single_row():
    report = run(seed_named("004"))
    assert not [f for f in report.facts if f.name.startswith(("active.regulations", "active.normative_docs"))]


def test_the_2019_format_compares_issued_with_made():
    text = (ROOT / "golden" / "synthetic" / "synthetic_2019.txt").read_text(encoding="utf-8")
    anchor = "全年共收到政府信息公开申请13件。"
    agree = with_sentence(anchor, "本年制发规范性文件3件，废止1件。", text)
    assert not about(agree, "prose.active_table")  # 2019 prints no 废止 column: nothing to compare it with
    differ = with_sentence(anchor, "本年制发规范性文件4件。", text)
    assert about(differ, "prose.active_table") == [(["active2019.normative_docs.made"], 4, 3)]


# --- 许可, 处罚, 强制 in other words --------------------------------------------------------------
def test_decisions_phrased_as_documents_issued():
    assert about(with_sentence(S004_OVERVIEW, "全年作出行政处罚决定书24份。"), "prose.active_table") == [(["active.licensing"], 558, 290)]
    fired = about(with_sentence(S004_OVERVIEW, "全年作出行政处罚决定书25份。"), "prose.active_table")
    assert (["active.punishment"], 25, 24) in fired


# --- applications received -----------------------------------------------------------------------
@pytest.mark.parametrize("sentence", ["本年度共受理政府信息公开申请3件。", "全年新收政府信息公开申请3件。"])
def test_received_phrasings_fire(sentence):
    report = with_sentence(S004_OVERVIEW, sentence)
    assert (["applications.new.total"], 1, 3) in about(report, "prose.applications_received")


@pytest.mark.parametrize("sentence", ["本年度共受理政府信息公开申请1件。", "全年新收政府信息公开申请1件。"])
def test_received_phrasings_that_agree_stay_silent(sentence):
    assert not about(with_sentence(S004_OVERVIEW, sentence), "prose.applications_received")


# --- 行政复议 and 行政诉讼 (the table: review total 1, litigation 0 + 0) ----------------------------
@pytest.mark.parametrize(("sentence", "fields", "stated", "printed"), [
    ("本年度因政府信息公开被申请行政复议2件。", ["appeals.review.total"], 2, 1),
    ("被提起行政诉讼3起。", ["appeals.litigation_direct.total", "appeals.litigation_after_review.total"], 3, 0),
])
def test_appeal_counts_that_differ_fire(sentence, fields, stated, printed):
    report = with_sentence(S004_APPEALS, sentence)
    assert about(report, "prose.appeals") == [(fields, stated, printed)]


@pytest.mark.parametrize("sentence", [
    "本年度因政府信息公开被申请行政复议1件，被提起行政诉讼0件。",
    "行政复议、行政诉讼各0件。",  # both groups at once: no single count
])
def test_appeal_counts_that_agree_stay_silent(sentence):
    assert not about(with_sentence(S004_APPEALS, sentence), "prose.appeals")


def test_an_appeal_count_outside_section_four_must_be_about_disclosure():
    elsewhere = with_sentence(S004_OVERVIEW, "本镇协助办理行政复议案件30件。")
    assert not elsewhere.facts_named("appeals.review.total") and not about(elsewhere, "prose.appeals")
    disclosure = with_sentence(S004_OVERVIEW, "因政府信息公开引发行政复议30件。")
    assert about(disclosure, "prose.appeals") == [(["appeals.review.total"], 30, 1)]
