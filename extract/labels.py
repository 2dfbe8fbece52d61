"""The printed row labels the readers look for, as short key phrases that survive abbreviation.

Both readers use them: the text reader as whitespace-tolerant patterns (`spaced`), the grid
reader as phrases to find in a cell. Column labels come from `fields.py`.
"""

from __future__ import annotations

import re


def spaced(label: str) -> str:
    """A regex for `label` that tolerates whitespace between its characters."""
    return r"\s*".join(re.escape(ch) for ch in label)


# Row key phrases of the applications table (2021 format), in printed order.
APPLICATION_KEYWORDS_2021: list[tuple[str, str]] = [
    ("new", "本年新收"),
    ("carried_over", "上年结转"),
    ("granted", "予以公开"),
    ("partly_granted", "部分公开"),
    ("denied.state_secret", "国家秘密"),
    ("denied.law_prohibited", "行政法规禁止公开"),
    ("denied.security_stability", "三安全一稳定"),
    ("denied.third_party", "第三方合法权益"),
    ("denied.internal_affairs", "内部事务"),
    ("denied.process_info", "过程性信息"),
    ("denied.enforcement_file", "行政执法案卷"),
    ("denied.query_matter", "行政查询事项"),
    ("unavailable.not_held", "不掌握"),
    ("unavailable.needs_creation", "另行制作"),
    ("unavailable.unclear", "仍不明确"),
    ("not_processed.petition", "信访举报投诉"),
    ("not_processed.duplicate", "重复申请"),
    ("not_processed.publication", "公开出版物"),
    ("not_processed.excessive", "大量反复申请"),
    ("not_processed.reconfirm", "重新出具"),
    ("other.overdue_correction", "逾期不补正"),
    ("other.overdue_fee", "缴纳费用"),
    ("other.other", "其他"),
    ("total", "总计"),
    ("carried_forward", "结转下年度"),
]
# 2019: （六）其他处理 is one row with values, where 2021 has three sub-rows.
APPLICATION_KEYWORDS_2019: list[tuple[str, str]] = (
    [r for r in APPLICATION_KEYWORDS_2021 if not r[0].startswith("other.")][:20]
    + [("other.total_2019", "其他处理")]
    + APPLICATION_KEYWORDS_2021[-2:]
)

# Row key phrases of the active table; the rows and their columns are fields.ACTIVE_ROWS_*.
ACTIVE_KEYWORDS: dict[str, str] = {
    "regulations": "规章",
    "normative_docs": "规范性文件",  # 2019 prints 规范性文件, 2021 行政规范性文件
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "punishment": "行政处罚",
    "coercion": "行政强制",
    "fees": "行政事业性收费",
    "procurement": "政府集中采购",
}
