"""What reaches the database from odd inputs: no number can crash the store, a failure is stored
as its reason only, and every finding keeps its own fingerprint (so its verdict survives)."""

from __future__ import annotations


import pytest
import sqlite_utils
from conftest import run, seed_named
from typer.testing import CliRunner

from nianbao import cli
from nianbao.report import Finding, Report
from nianbao.store import Store

NEW_ROW = "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "t.db")
    yield s
    s.close()


def glued(digits: str) -> str:
    """Seed 004 with its natural-person count printed as a run of glued digits."""
    text = seed_named("004")
    assert NEW_ROW in text
    return text.replace(NEW_ROW, NEW_ROW.replace("| 1 | 0", f"| {digits} | 0", 1))


# --- no number crashes the store ------------------------------------------------------------
def test_a_run_of_24_glued_digits_is_refused_with_a_finding_not_stored(store):
    report = run(glued("123456789012345678901234"))
    cell = report.cells["applications.new.natural_person"]
    assert (cell.value, cell.status, cell.raw) == (None, "implausible", "123456789012345678901234")
    [finding] = [f for f in report.findings if f.rule == "plausibility.value_too_large"]
    assert finding.fields == ["applications.new.natural_person"] and "123456789012345678901234" in finding.message
    store.save(report)  # used to raise OverflowError: Python int too large to convert to SQLite INTEGER
    row = next(store.db.query("SELECT value, raw, status FROM cells WHERE field = 'applications.new.natural_person'"))
    assert row == {"value": None, "raw": "123456789012345678901234", "status": "implausible"}


def test_a_value_just_below_the_limit_is_still_read():
    report = run(glued("9999999999"))  # ten digits: absurd for a township, but printable; other rules judge it
    assert report.cells["applications.new.natural_person"].value == 9_999_999_999
    assert not [f for f in report.findings if f.rule == "plausibility.value_too_large"]


def test_thousands_of_digits_in_a_cell_and_in_the_prose_are_no_internal_error():
    digits = "7" * 5000  # int() refuses more than 4300 digits: it used to fail the report
    text = glued(digits).replace("共受理依申请公开1件", f"共受理依申请公开{digits}件")
    report = run(text)
    assert report.status == "ok", report.error
    assert report.cells["applications.new.natural_person"].value is None
    assert [f.quote for f in report.facts if f.name == "applications.received"] == ["收到1条依申请"]  # the sane one stays
    assert sorted(f.fields for f in report.findings if f.rule == "plausibility.value_too_large") == [
        [], ["applications.new.natural_person"]]  # a prose claim is not a table field


def test_the_store_refuses_an_absurd_value_whatever_reader_produced_it(store):
    report = run(seed_named("004"))
    report.cells["active.licensing"].value = 10**30  # e.g. a model's answer
    report.cells["active.punishment"].alt_value = 10**25
    store.save(report)
    values = {r["field"]: (r["value"], r["alt_value"]) for r in store.db.query(
        "SELECT field, value, alt_value FROM cells WHERE field IN ('active.licensing', 'active.punishment')")}
    assert values["active.licensing"] == (None, None) and values["active.punishment"][1] is None
    assert [f["fields"] for f in store.findings() if f["rule"] == "plausibility.value_too_large"] == ['["active.licensing"]']


def test_a_batch_goes_on_past_a_report_with_glued_digits(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_glued.txt").write_text(glued("1" * 24), encoding="utf-8")
    (folder / "b_good.txt").write_text(seed_named("003"), encoding="utf-8")
    db = tmp_path / "out.db"
    result = CliRunner().invoke(cli.app, ["extract", str(folder), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert sqlite_utils.Database(db)["reports"].count == 2


# --- a failure is its reason only -----------------------------------------------------------
def test_a_file_that_is_not_a_report_is_stored_as_its_failure_only(store):
    report = run("今天天气晴朗，全市召开安全生产工作会议。\n" * 20)
    assert (report.status, report.cells, report.findings, report.facts) == ("failed", {}, [], [])
    assert report.error.startswith("not a government information disclosure annual report")
    store.save(report)
    counts = {t: store.db[t].count for t in ("reports", "cells", "sections", "facts", "findings")}
    assert counts == {"reports": 1, "cells": 0, "sections": 0, "facts": 0, "findings": 0}
    row = next(store.db.query("SELECT status, error, n_errors, n_warnings FROM reports"))
    assert row["status"] == "failed" and row["error"] == report.error and (row["n_errors"], row["n_warnings"]) == (0, 0)


def test_a_cut_off_report_keeps_what_it_printed():
    text = seed_named("004")
    report = run(text[: text.index("四、政府信息公开行政复议")])
    assert report.status == "failed" and report.value("active.licensing") == 290


# --- one fingerprint per finding ------------------------------------------------------------
def without_sections(text: str, *headings: str) -> str:
    for heading in headings:
        assert heading in text
        text = text.replace(heading, "")
    return text


def test_two_missing_sections_are_two_stored_findings(store):
    report = run(without_sections(seed_named("004"), "五、存在的主要问题及改进情况", "六、其他需要报告的事项"))
    missing = [f for f in report.findings if f.rule == "completeness.section_missing"]
    assert len(missing) == 2
    store.save(report)
    stored = [f for f in store.findings() if f["rule"] == "completeness.section_missing"]
    assert sorted(f["message"] for f in stored) == sorted(f.message for f in missing)


def test_a_verdict_follows_its_own_missing_section_across_versions(store):
    text = seed_named("004")
    five, six = "五、存在的主要问题及改进情况", "六、其他需要报告的事项"
    store.save(run(without_sections(text, five, six), "v1.txt"))
    v1 = {f["message"][:6]: f for f in store.findings() if f["rule"] == "completeness.section_missing"}
    store.set_verdict(v1["未找到第六部"]["fingerprint"], "dismissed", "第六部分写在附件里")
    store.save(run(without_sections(text, five), "v2.txt"))  # section 六 restored, 五 still missing
    [v2] = [f for f in store.findings() if f["rule"] == "completeness.section_missing" and f["report_id"] != v1["未找到第六部"]["report_id"]]
    assert v2["message"].startswith("未找到第五部分")
    assert (v2["fingerprint"], v2["status"]) == (v1["未找到第五部"]["fingerprint"], "open")  # the verdict on 六 is not moved to 五


def test_findings_alike_in_everything_still_get_distinct_stable_fingerprints():
    from nianbao.store import fingerprints

    same = [Finding("x.rule", "warning", ["active.licensing"], "甲"), Finding("x.rule", "warning", ["active.licensing"], "乙")]
    first = fingerprints("安居镇|2024", same)
    assert len(set(first)) == 2 and first == fingerprints("安居镇|2024", same)


def _refused_alike(fast, slow, value):
    try:
        expected = slow(value)
    except (TypeError, ValueError, UnicodeEncodeError) as exc:
        with pytest.raises(type(exc)) as raised:
            fast(value)
        assert str(raised.value) == str(exc)
    else:
        assert fast(value) == expected


def test_fingerprints_are_the_general_fingerprint_on_random_findings():
    import random

    from nianbao.store.rows import fingerprint, fingerprints

    def one_by_one(key, findings):  # the definition: each finding's basis, numbered until distinct
        out: list[str] = []
        for f in findings:
            ordinal = 0
            while (fp := fingerprint(key, f, ordinal)) in out:
                ordinal += 1
            out.append(fp)
        return out

    rng = random.Random(17)
    for _ in range(1000):
        key = rng.choice(["安居镇|2024", "x.txt", "", "a|b", "\ud800镇|2024"])
        findings = [Finding(rng.choice(["x.rule", "y", "规则"]), "warning", rng.choice([["b", "a"], ["a"], [], ["甲", "a,b"]]), "m",
                            key=rng.choice(["", "", "1", "句子：甲", "\udc80"])) for _ in range(rng.randrange(6))]
        _refused_alike(lambda fs: fingerprints(key, fs), lambda fs: one_by_one(key, fs), findings)


def test_report_key_is_the_organ_as_the_two_regexes_left_it_on_random_organs():
    import random
    import re
    import sys

    from nianbao.store.rows import report_key

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\s", chr(c))]  # every character \s takes
    assert spaces == [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    pieces = ["人民政府", "政府", "人民", "府", "政", "镇", "X", "\n", "$", " ", "\u3000", *spaces]
    rng = random.Random(17)
    for _ in range(5000):
        organ = "".join(rng.choice(pieces) for _ in range(rng.randrange(7)))
        report = Report(source="dir/a.txt", sha256="0" * 64, organ=organ, year=rng.choice([2024, None, 0]))
        expected = (re.sub("(人民政府|政府)$", "", re.sub(r"\s+", "", organ)) + f"|{report.year}") if organ and report.year else "a.txt"
        assert report_key(report) == expected, organ


def test_a_sources_absolute_path_is_what_abspath_gives_on_random_paths():
    import os
    import random

    from nianbao.store.rows import absolute

    rng = random.Random(17)
    for _ in range(5000):
        path = "".join(rng.choice(["/", "/", "//", "a", "年报", ".", "..", ".b", "c.", " "]) for _ in range(rng.randrange(8)))
        assert absolute(path) == os.path.abspath(path), path


ODD_VALUES = [None, 0, -3, 10**40, True, False, 1.5, float("nan"), float("inf"), "二十", "a\"\\\n", [1, None], {"甲": 1}, (1, 2)]


@pytest.mark.parametrize("value", ODD_VALUES)
def test_a_findings_expected_and_actual_are_written_as_json_would(value):
    import json

    from nianbao.store.rows import _value_json

    assert _value_json(value) == json.dumps(value, ensure_ascii=False)


def test_a_reports_rows_cross_from_a_worker_to_the_writer_whole():
    import pickle

    from nianbao.store.rows import report_rows

    report = run(seed_named("004"), "004.txt")
    for rows in (report_rows(report, json_line=True), report_rows(Report(source="x.txt", sha256="0" * 64, status="failed", error="empty file"))):
        again = pickle.loads(pickle.dumps(rows))
        assert again == rows and again.__dict__ == rows.__dict__
