"""Canonical field ids of the national format (国办公开办函〔2021〕30号), as in DOMAIN.md.

Every name that leaves the code (JSON, database, findings) is one of these ids.
"""

from __future__ import annotations

TEMPLATE_2021 = "2021"
TEMPLATE_2019 = "2019"  # 国办公开办函〔2019〕60号: reports on 2019 and 2020

# --- table "active" (第二十条) ---------------------------------------------------------
ACTIVE_ROWS_2021: list[tuple[str, str, tuple[str, ...]]] = [
    # (row id, printed label, column suffixes)
    ("regulations", "规章", ("issued", "repealed", "in_force")),
    ("normative_docs", "行政规范性文件", ("issued", "repealed", "in_force")),
    ("licensing", "行政许可", ("",)),
    ("punishment", "行政处罚", ("",)),
    ("coercion", "行政强制", ("",)),
    ("fees", "行政事业性收费", ("",)),
]
ACTIVE_COLUMN_LABELS = {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数"}
# The header over the one value column of the other rows.
ACTIVE_SINGLE_COLUMN_LABELS = {
    "licensing": "本年处理决定数量", "punishment": "本年处理决定数量", "coercion": "本年处理决定数量",
    "fees": "本年收费金额（万元）",
}


def active_id(row: str, col: str = "") -> str:
    return f"active.{row}.{col}" if col else f"active.{row}"


ACTIVE_FIELDS_2021 = [active_id(row, col) for row, _, cols in ACTIVE_ROWS_2021 for col in cols]

# --- table "applications" ----------------------------------------------------------------
APPLICANT_COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]
APPLICATION_COLUMNS = APPLICANT_COLUMNS + ["total"]
APPLICATION_COLUMN_LABELS = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_welfare": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}

# (row id, full printed label)
APPLICATION_ROWS_2021: list[tuple[str, str]] = [
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("granted", "三（一）予以公开"),
    ("partly_granted", "三（二）部分公开"),
    ("denied.state_secret", "三（三）1.属于国家秘密"),
    ("denied.law_prohibited", "三（三）2.其他法律行政法规禁止公开"),
    ("denied.security_stability", "三（三）3.危及“三安全一稳定”"),
    ("denied.third_party", "三（三）4.保护第三方合法权益"),
    ("denied.internal_affairs", "三（三）5.属于三类内部事务信息"),
    ("denied.process_info", "三（三）6.属于四类过程性信息"),
    ("denied.enforcement_file", "三（三）7.属于行政执法案卷"),
    ("denied.query_matter", "三（三）8.属于行政查询事项"),
    ("unavailable.not_held", "三（四）1.本机关不掌握相关政府信息"),
    ("unavailable.needs_creation", "三（四）2.没有现成信息需要另行制作"),
    ("unavailable.unclear", "三（四）3.补正后申请内容仍不明确"),
    ("not_processed.petition", "三（五）1.信访举报投诉类申请"),
    ("not_processed.duplicate", "三（五）2.重复申请"),
    ("not_processed.publication", "三（五）3.要求提供公开出版物"),
    ("not_processed.excessive", "三（五）4.无正当理由大量反复申请"),
    ("not_processed.reconfirm", "三（五）5.要求行政机关确认或重新出具已获取信息"),
    ("other.overdue_correction", "三（六）1.申请人无正当理由逾期不补正"),
    ("other.overdue_fee", "三（六）2.申请人逾期未按收费通知要求缴纳费用"),
    ("other.other", "三（六）3.其他"),
    ("total", "三（七）总计"),
    ("carried_forward", "四、结转下年度继续办理"),
]
APPLICATION_ROW_IDS_2021 = [row for row, _ in APPLICATION_ROWS_2021]
# The 21 result rows whose sum is 三（七）总计: from `granted` to `other.other`.
RESULT_ROWS_2021 = APPLICATION_ROW_IDS_2021[2:23]


def application_id(row: str, col: str) -> str:
    return f"applications.{row}.{col}"


APPLICATION_FIELDS_2021 = [application_id(r, c) for r in APPLICATION_ROW_IDS_2021 for c in APPLICATION_COLUMNS]

# --- table "appeals" ---------------------------------------------------------------------
APPEAL_GROUPS = ["review", "litigation_direct", "litigation_after_review"]
APPEAL_GROUP_LABELS = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼·未经复议直接起诉",
    "litigation_after_review": "行政诉讼·复议后起诉",
}
APPEAL_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]
APPEAL_COLUMN_LABELS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结", "total": "总计"}


def appeal_id(group: str, col: str) -> str:
    return f"appeals.{group}.{col}"


APPEAL_FIELDS = [appeal_id(g, c) for g in APPEAL_GROUPS for c in APPEAL_COLUMNS]

FIELDS_2021 = ACTIVE_FIELDS_2021 + APPLICATION_FIELDS_2021 + APPEAL_FIELDS

# --- the 2019 format -----------------------------------------------------------------------
ACTIVE_ROWS_2019: list[tuple[str, str, tuple[str, ...]]] = [
    ("regulations", "规章", ("made", "published", "total")),
    ("normative_docs", "规范性文件", ("made", "published", "total")),
    ("licensing", "行政许可", ("prev_items", "change", "decisions")),
    ("other_services", "其他对外管理服务事项", ("prev_items", "change", "decisions")),
    ("punishment", "行政处罚", ("prev_items", "change", "decisions")),
    ("coercion", "行政强制", ("prev_items", "change", "decisions")),
    ("fees", "行政事业性收费", ("prev_items", "change")),
    ("procurement", "政府集中采购", ("items", "amount")),
]
ACTIVE_COLUMN_LABELS_2019 = {
    "made": "本年新制作数量", "published": "本年新公开数量", "total": "对外公开总数量",
    "prev_items": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量",
    "items": "采购项目数量", "amount": "采购总金额",
}


def active2019_id(row: str, col: str) -> str:
    return f"active2019.{row}.{col}"


ACTIVE_FIELDS_2019 = [active2019_id(row, col) for row, _, cols in ACTIVE_ROWS_2019 for col in cols]
# （六）其他处理 is one row in 2019: the three 2021 `other.*` rows are replaced by `other.total_2019`.
APPLICATION_ROWS_2019: list[tuple[str, str]] = (
    [r for r in APPLICATION_ROWS_2021 if not r[0].startswith("other.")][:20]
    + [("other.total_2019", "三（六）其他处理")]
    + APPLICATION_ROWS_2021[-2:]
)
APPLICATION_ROW_IDS_2019 = [row for row, _ in APPLICATION_ROWS_2019]
RESULT_ROWS_2019 = APPLICATION_ROW_IDS_2019[2:21]
APPLICATION_FIELDS_2019 = [application_id(r, c) for r in APPLICATION_ROW_IDS_2019 for c in APPLICATION_COLUMNS]
FIELDS_2019 = ACTIVE_FIELDS_2019 + APPLICATION_FIELDS_2019 + APPEAL_FIELDS


def _labels_2021() -> dict[str, str]:
    labels: dict[str, str] = {}
    for row, label, cols in ACTIVE_ROWS_2021:
        for col in cols:
            suffix = ACTIVE_COLUMN_LABELS[col] if col else ACTIVE_SINGLE_COLUMN_LABELS[row]
            labels[active_id(row, col)] = f"{label}·{suffix}"
    for row, label in APPLICATION_ROWS_2021:
        for col in APPLICATION_COLUMNS:
            labels[application_id(row, col)] = f"{label}·{APPLICATION_COLUMN_LABELS[col]}"
    for group in APPEAL_GROUPS:
        for col in APPEAL_COLUMNS:
            labels[appeal_id(group, col)] = f"{APPEAL_GROUP_LABELS[group]}·{APPEAL_COLUMN_LABELS[col]}"
    return labels


LABELS_2021 = _labels_2021()


def _labels_2019() -> dict[str, str]:
    labels = {f"active2019.{row}.{col}": f"{name}·{ACTIVE_COLUMN_LABELS_2019[col]}" for row, name, cols in ACTIVE_ROWS_2019 for col in cols}
    for row, name in APPLICATION_ROWS_2019:
        for col in APPLICATION_COLUMNS:
            labels[application_id(row, col)] = f"{name}·{APPLICATION_COLUMN_LABELS[col]}"
    return labels


LABELS = LABELS_2021 | _labels_2019()

# Fields that may hold a decimal; every other field is a count (an integer).
DECIMAL_FIELDS = {"active.fees", "active2019.procurement.amount"}
# Counts that may be negative: 本年增/减.
SIGNED_FIELDS = {active2019_id(row, "change") for row, _, cols in ACTIVE_ROWS_2019 if "change" in cols}


FIELD_SETS = {TEMPLATE_2021: frozenset(FIELDS_2021), TEMPLATE_2019: frozenset(FIELDS_2019)}  # for quick membership checks


def fields_for(template: str) -> list[str]:
    """The canonical field ids of a template, in table order."""
    if template == TEMPLATE_2021:
        return FIELDS_2021
    if template == TEMPLATE_2019:
        return FIELDS_2019
    raise ValueError(f"unknown template {template!r}")


def application_rows(template: str) -> list[tuple[str, str]]:
    return APPLICATION_ROWS_2019 if template == TEMPLATE_2019 else APPLICATION_ROWS_2021


def result_rows(template: str) -> list[str]:
    """The result rows whose sum is 三（七）总计."""
    return RESULT_ROWS_2019 if template == TEMPLATE_2019 else RESULT_ROWS_2021


def label(field: str) -> str:
    return LABELS.get(field, field)


def table_of(field: str) -> str:
    """The table a field belongs to: active, applications or appeals (both templates)."""
    table = field.split(".", 1)[0]
    return "active" if table == "active2019" else table
