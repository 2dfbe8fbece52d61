"""The model as a true second reader, over real HTTP against tests/fake_llm.py.

It points inside glued tokens, its blanks are honoured, a row it reads replaces the built-in
reader's whole, a disagreement keeps both readings with the consistent one as the value, and a
prose figure whose quote does not name what it counts is rejected.
"""

from __future__ import annotations

import json

from conftest import ROOT, cell_diff, expected_cells, seed_named, serious
from fake_llm import FakeLLM, Reply
from llm_oracle import correct, question, table_answer

from nianbao import fields as F
from nianbao.extract.llm.client import Asker
from nianbao.extract.llm.config import LLMConfig
from nianbao.extract.llm.extractor import LLMExtractor
from nianbao.pipeline import process_text

GLUED = ROOT / "golden" / "glued"
GOLDEN = json.loads((GLUED / "glued_2021.json").read_text(encoding="utf-8"))
TEXT = (GLUED / "glued_2021.txt").read_text(encoding="utf-8")
# What a person reads in the rows the built-in reader cannot cut (golden "read_by_a_person"), by table and row id.
TRUTH = {
    "active": {"normative_docs": GOLDEN["read_by_a_person"]["active.normative_docs"]},
    "applications": {row.split(".", 1)[1]: values for row, values in GOLDEN["read_by_a_person"].items() if row.startswith("applications.")},
}
S004_NEW = "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
S004_GRANTED = "(一)予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"


def extractor(fake: FakeLLM, policy: str = "auto") -> LLMExtractor:
    config = LLMConfig(base_url=fake.base_url, api_key="test", model="fake-model", timeout=5.0, transport_retries=1, reask=2)
    return LLMExtractor(Asker(config), policy)


def run(text: str, llm: LLMExtractor | None):
    return process_text("t.txt", "0" * 64, text, None, llm)


def person_reads() -> dict:
    cells = expected_cells(GOLDEN)
    for row, values in GOLDEN["read_by_a_person"].items():
        table = F.table_of(row)
        columns = F.APPLICATION_COLUMNS if table == "applications" else ["issued", "repealed", "in_force"]
        for col, value in zip(columns, values, strict=True):
            cells[f"{row}.{col}"] = value
    return cells


def knows_the_glued_rows(body: dict) -> Reply:
    return correct(body, TRUTH)


def duplicated_spans(report) -> list:
    spans = [(c.start, c.end) for c in report.cells.values() if c.value is not None]
    return sorted({s for s in spans if spans.count(s) > 1})


# --- glued digits ---------------------------------------------------------------------------------
def test_a_correct_model_reads_the_glued_page_exactly_by_pointing_inside_tokens():
    for policy in ("auto", "always"):
        with FakeLLM(default=knows_the_glued_rows) as fake:
            report = run(TEXT, extractor(fake, policy))
            asked = [question(b)[0] for b in fake.requests if question(b)[0].startswith("table ")]
            sent = [json.dumps(b, ensure_ascii=False) for b in fake.requests]
        assert not cell_diff(person_reads(), {f: c.value for f, c in report.cells.items()}), policy
        assert not duplicated_spans(report)
        cell = report.cells["active.normative_docs.repealed"]
        assert (cell.value, report.text[cell.start : cell.end], cell.extractor) == (33, "33", "llm:fake-model/table_v2")
        both = report.cells["applications.new.total"]
        assert both.extractor == "builtin:split+llm:fake-model/table_v2"  # the cut both readers made
        if policy == "auto":  # the two tables the built-in reader was unsure of; appeals added up
            assert asked == ["table active", "table applications"]
            assert any("6｜2｜33440" in s for s in sent)  # the candidates were given to the model
    rows = {"applications.denied.process_info", "applications.unavailable.unclear"}
    assert serious(report) == {
        ("llm.filled", "warning", ("active.normative_docs.issued", "active.normative_docs.repealed", "active.normative_docs.in_force")),
        ("llm.filled", "warning", tuple(f"applications.{r}.{c}" for r in ("unavailable.unclear", "not_processed.petition",
                                                                          "not_processed.duplicate") for c in F.APPLICATION_COLUMNS)),
        # the printed errors are still found: 5+2 is not 8, 12+3 is not 16, and so the 总计 column
        *{("applications.row_total", "error", tuple(f"{r}.{c}" for c in F.APPLICATION_COLUMNS)) for r in rows},
        ("applications.column_total", "error",
         tuple(F.application_id(r, "total") for r in F.result_rows(F.TEMPLATE_2021)) + ("applications.total.total",)),
    }


def test_without_a_model_the_glued_page_leaves_the_uncertain_rows_null():
    report = run(TEXT, None)
    assert not cell_diff(expected_cells(GOLDEN), {f: c.value for f, c in report.cells.items()})


def test_pieces_that_do_not_cover_the_token_exactly_are_refused_and_reasked():
    first = [True]

    def careless(body):
        task, text = question(body)
        if task == "table active" and first[0]:
            first[0] = False
            answer = table_answer("active", text.split("\n\n【", 1)[0], "2021", TRUTH["active"])
            row = next(r for r in answer["rows"] if r["row"] == "normative_docs")
            row["tokens"][2] = {**row["tokens"][2], "digits": "44"}  # drops the last 0 of 6233440
            return Reply(answer)
        return knows_the_glued_rows(body)

    with FakeLLM(default=careless) as fake:
        report = run(TEXT, extractor(fake))
        reask = [b for b in fake.requests if question(b)[0] == "table active"][-1]
    assert "must cover it exactly" in json.dumps(reask["messages"], ensure_ascii=False)
    assert [c.ok for c in report.llm_calls if c.part == "table:active"] == [False, True]
    assert [report.value(f"active.normative_docs.{c}") for c in ("issued", "repealed", "in_force")] == [62, 33, 440]


def test_a_piece_with_a_leading_zero_or_that_is_not_there_is_refused():
    from nianbao.extract.llm.schemas import table_answer_for

    model = table_answer_for({"r": 3}, {0: "6233440", 1: "12.5"})
    bad = [
        [{"token": 0, "offset": 0, "digits": "62"}, {"token": 0, "offset": 2, "digits": "33"}, {"token": 0, "offset": 5, "digits": "40"}],  # skips a 4
        [{"token": 0, "offset": 0, "digits": "6"}, {"token": 0, "offset": 1, "digits": "23"}, {"token": 0, "offset": 4, "digits": "440"}],
        [{"token": 0, "offset": 0, "digits": "623344"}, {"token": 0, "offset": 6, "digits": "0"}, 0],
        [{"token": 1, "offset": 0, "digits": "12"}, None, None],
        [{"token": 0, "offset": 0, "digits": "62"}, {"token": 0, "offset": 2, "digits": "3344"}, {"token": 0, "offset": 6, "digits": "00"}],
    ]
    for tokens in bad:
        try:
            model.model_validate({"rows": [{"row": "r", "tokens": tokens}]})
        except ValueError:
            continue
        raise AssertionError(f"accepted {tokens}")
    good = [{"token": 0, "offset": 0, "digits": "62"}, {"token": 0, "offset": 2, "digits": "33"}, {"token": 0, "offset": 4, "digits": "440"}]
    assert model.model_validate({"rows": [{"row": "r", "tokens": good}]})


# --- blanks and whole rows ------------------------------------------------------------------------
def test_the_models_blanks_are_honoured_and_a_flagged_row_is_replaced_whole():
    text = seed_named("004").replace(S004_NEW, "一、本年新收政府信息公开申请数量 1 1")

    def with_blanks(body):
        task, rendered = question(body)
        if task != "table applications":
            return correct(body)
        answer = table_answer("applications", rendered)
        line = next(line for line in rendered.splitlines() if "本年新收" in line)
        first, second = [int(t) for t in __import__("re").findall(r"⟦(\d+):", line)]
        answer["rows"][0]["tokens"] = [first, None, None, None, None, None, second]
        return Reply(answer)

    before = run(text, None)
    assert before.cells["applications.new.total"].value is None  # the built-in reader could not place the second 1
    with FakeLLM(default=with_blanks) as fake:
        report = run(text, extractor(fake))
    new = [report.cells[F.application_id("new", c)] for c in F.APPLICATION_COLUMNS]
    assert [c.value for c in new] == [1, None, None, None, None, None, 1]
    assert new[1].status == "blank" and all(c.extractor == "llm:fake-model/table_v2" for c in new)
    assert not duplicated_spans(report)
    assert not [f for f in report.findings if f.rule.startswith("table.") and f.severity != "info"]


def test_a_model_blank_where_the_builtin_reader_read_a_number_is_a_disagreement_not_a_deletion():
    def blanks_licensing(body):
        task, rendered = question(body)
        if task == "table active":
            answer = table_answer("active", rendered)
            next(r for r in answer["rows"] if r["row"] == "licensing")["tokens"] = [None]
            return Reply(answer)
        return correct(body)

    with FakeLLM(default=blanks_licensing) as fake:
        report = run(seed_named("004"), extractor(fake, "always"))
    cell = report.cells["active.licensing"]
    assert (cell.value, cell.alt_value, cell.alt_extractor) == (290, None, "llm:fake-model/table_v2")
    [f] = [f for f in report.findings if f.rule == "extractors_disagree"]
    assert f.fields == ["active.licensing"] and f.severity == "error"


# --- disagreement: the consistent table's reading is the value --------------------------------------
def swap_in_row(table: str, row: str, a: int, b: int):
    def answer(body):
        task, rendered = question(body)
        if task == f"table {table}":
            got = table_answer(table, rendered)
            tokens = next(r for r in got["rows"] if r["row"] == row)["tokens"]
            tokens[a], tokens[b] = tokens[b], tokens[a]
            return Reply(got)
        return correct(body)
    return answer


def test_when_only_the_models_table_adds_up_its_reading_is_the_value_and_both_are_kept():
    # The office printed 予以公开 as 0 | 1 (natural person 0, company 1): the columns no longer add up.
    text = seed_named("004").replace(S004_GRANTED, "(一)予以公开 | 0 | 1 | 0 | 0 | 0 | 0 | 1 |")
    with FakeLLM(default=swap_in_row("applications", "granted", 0, 1)) as fake:
        report = run(text, extractor(fake, "always"))
    natural, company = report.cells["applications.granted.natural_person"], report.cells["applications.granted.commercial"]
    assert (natural.value, natural.alt_value, natural.extractor, natural.alt_extractor) == (1, 0, "llm:fake-model/table_v2", "builtin")
    assert (company.value, company.alt_value) == (0, 1)
    [f] = [f for f in report.findings if f.rule == "extractors_disagree"]
    assert f.fields == ["applications.granted.natural_person", "applications.granted.commercial"]
    assert f.severity == "warning" and "模型的读法使全表合计成立" in f.message
    assert (f.expected, f.actual) == ([1, 0], [0, 1])


def test_when_only_the_builtin_table_adds_up_its_reading_stays_and_the_models_is_kept_beside_it():
    with FakeLLM(default=swap_in_row("applications", "new", 0, 1)) as fake:
        report = run(seed_named("004"), extractor(fake, "always"))
    cell = report.cells["applications.new.natural_person"]
    assert (cell.value, cell.alt_value, cell.extractor) == (1, 0, "builtin")
    [f] = [f for f in report.findings if f.rule == "extractors_disagree"]
    assert f.severity == "warning" and "内置读取器的读法使全表合计成立" in f.message
    assert f.fields == ["applications.new.natural_person", "applications.new.commercial"]


# --- facts tied to their quotes -------------------------------------------------------------------
def test_a_fact_whose_quote_does_not_name_what_it_counts_is_rejected():
    figures = [
        {"name": "active.licensing", "value": 24, "quote": "行政处罚24件"},  # in the source, holds 24, but counts 处罚
        {"name": "appeals.review.total", "value": 1, "quote": "2024年安居镇收到1条依申请公开"},  # not a review count
        {"name": "active.punishment", "value": 24, "quote": "行政处罚24件"},  # grounded
    ]

    def answer(body):
        task, text = question(body)
        return Reply({"figures": figures}) if task == "facts" and "行政处罚24件" in text else correct(body)

    with FakeLLM(default=answer) as fake:
        report = run(seed_named("004"), extractor(fake, "always"))
    rejected = [f for f in report.findings if f.rule == "llm.ungrounded"]
    assert sorted((f.fields[0], f.actual) for f in rejected) == [("active.licensing", 24), ("appeals.review.total", 1)]
    assert all("引文没有说明所计何事" in f.message for f in rejected)
    assert not [f for f in report.facts if f.name == "appeals.review.total"]


# --- the prompt names the format ------------------------------------------------------------------
def test_the_prompt_names_the_detected_format_and_its_rows_and_columns():
    synthetic = (ROOT / "golden" / "synthetic" / "synthetic_2019.txt").read_text(encoding="utf-8")
    with FakeLLM(default=correct) as fake:
        run(seed_named("004"), extractor(fake, "always"))
        run(synthetic, extractor(fake, "always"))
        systems = {(question(b)[0], "2019" if "2019年格式" in b["messages"][0]["content"] else "2021"): b["messages"][0]["content"]
                   for b in fake.requests if question(b)[0].startswith("table ")}
    applications_2021 = systems[("table applications", "2021")]
    assert "国办公开办函〔2021〕30号" in applications_2021
    assert "- other.overdue_fee：三（六）2.申请人逾期未按收费通知要求缴纳费用（7列：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）" in applications_2021
    active_2019 = systems[("table active", "2019")]
    assert "国办公开办函〔2019〕60号" in active_2019 and "- procurement：政府集中采购（2列：采购项目数量、采购总金额）" in active_2019
    assert "other.total_2019" in systems[("table applications", "2019")] and "other.overdue_fee" not in systems[("table applications", "2019")]
