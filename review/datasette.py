"""A datasette metadata file: table and column descriptions, labels and the facets review needs.

    nianbao metadata --db nianbao.db > metadata.json && datasette nianbao.db -m metadata.json
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

TABLES: dict[str, dict[str, Any]] = {
    "reports": {"description": "每个输入文件一行（失败的也在，附原因）。id 为文件内容的 sha256。", "facets": ["status", "year", "template", "kind"],
                "label_column": "organ", "columns": {"report_key": "跨版本识别同一报告：机关|年度"}},
    "report_text": {"description": "每份报告的全文（由 texts 解压）。", "label_column": "report_id",
                    "columns": {"text": "规范化后的全文，所有位置(span)都指向它", "display_text": "繁体原文（若曾转换为简体）"}},
    "texts": {"description": "全文以 zstd 压缩存放（较早版本写入的为 zlib）：请读 report_text 视图（nianbao_text 函数，"
                             "随 nianbao 安装的 datasette 插件提供），或在 Python 中用 nianbao.store.text.unpack_text(text, size)。"},
    "cells": {"description": "每个单元格一行：字段、数值（空白为 NULL）、原文印出的内容、位置、读取器。", "facets": ["field", "status", "extractor"],
              "columns": {"value": "数值；空白、缺失、不可读均为 NULL，绝不记为 0", "span_start": "在 report_text.text 中的起始位置",
                          "alt_value": "另一读取器读出的不同数值（交叉核对）"}},
    "findings": {"description": "发现的问题，供人工确认或排除。核对结果在重新抽取后保留。", "facets": ["rule", "severity", "status"],
                 "columns": {"fingerprint": "稳定编号：机关|年度＋规则＋字段", "status": "open 待核 / confirmed 已确认 / dismissed 已排除",
                             "fields": "涉及的字段（JSON 列表）", "expected": "按规则应为", "actual": "报告印为"}},
    "finding_rows": {"description": "findings 视图的存储（字段列表以 field_sets 编号存放）；请通过 findings 视图阅读和写入。"},
    "field_sets": {"description": "问题涉及的字段列表（JSON），每种只存一次。"},
    "report_data": {"description": "每份报告一行：单元格、章节、正文数字按规范顺序压缩存放（JSON）；请通过 cells、sections、facts 视图阅读。"},
    "field_slots": {"description": "各格式的字段顺序（report_data 按此顺序存放单元格）。"},
    "verdicts": {"description": "人工核对结果，以问题编号为键，抽取永不改动。"},
    "facts": {"description": "正文中写出的数字，附原文引文及位置。", "facets": ["name", "extractor"]},
    "sections": {"description": "找到的六个部分及其位置。", "facets": ["number"]},
    "fields": {"description": "规范字段编号与中文标签。", "label_column": "label", "facets": ["tbl", "template"]},
    "runs": {"description": "每次运行：时间、版本、数量、各阶段用时。", "facets": ["status"]},
    "llm_calls": {"description": "每次模型调用（含重问）：用量、延迟、是否命中缓存、错误。", "facets": ["part", "model", "cache_hit", "ok"]},
    "llm_cache": {"description": "模型答案缓存：同一问题不再付费重问。"},
    "organ_aliases": {"description": "跨年度匹配机关名称时人工指定的别名。"},
}


def metadata(db: Path) -> dict[str, Any]:
    return {
        "title": "nianbao 政府信息公开工作年度报告核对",
        "description": "由 nianbao 抽取和核对的年度报告数据。",
        "databases": {db.stem: {"tables": TABLES}},
    }
