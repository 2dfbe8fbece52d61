"""Dates are matched whole: one date is never found inside another."""

from __future__ import annotations

from conftest import run, seed_named

from nianbao.rules.dates import date_span


def test_a_date_is_not_found_inside_a_longer_one():
    assert date_span("印发于2024年12月11日。", "2024-12-01") == (None, None)
    assert date_span("12024年1月1日", "2024-01-01") == (None, None)
    assert date_span("见2024-12-10", "2024-12-01") == (None, None)
    assert date_span("见2024.12.1.5", "2024-12-01") == (None, None)


def test_the_whole_date_is_found_where_it_stands():
    text = "2024年12月11日印发，2024年12月1日公布。"
    start, end = date_span(text, "2024-12-01")
    assert text[start:end] == "2024年12月1日"
    assert date_span("落款 2024 年 12 月 01 日", "2024-12-01") != (None, None)
    text = "发布于2024/12/1。"
    start, end = date_span(text, "2024-12-01")
    assert text[start:end] == "2024/12/1"


def test_the_late_finding_points_at_the_date_itself():
    report = run(seed_named("004") + "\n发布日期：2025年12月11日\n")
    [late] = [f for f in report.findings if f.rule == "dates.late"]
    assert report.text[late.start : late.end] == "2025年12月11日"
