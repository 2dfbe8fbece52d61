"""The three tables in the national layout, as rows of slots with their merged cells.

A slot is (text, rowspan, colspan, field): a label when `field` is None, else the
position of that field's value. The review page draws these with the extracted values;
the tests draw them with golden values to build HTML, DOCX and PDF copies of a report.
"""

from __future__ import annotations

from .. import fields as F

Slot = tuple[str, int, int, str | None]


def _label(text: str, rowspan: int = 1, colspan: int = 1) -> Slot:
    return (text, rowspan, colspan, None)


def _value(field: str, colspan: int = 1) -> Slot:
    return ("", 1, colspan, field)


def active(template: str) -> list[list[Slot]]:
    if template == F.TEMPLATE_2019:
        groups = [("第二十条第（一）项", ["regulations", "normative_docs"]), ("第二十条第（五）项", ["licensing", "other_services"]),
                  ("第二十条第（六）项", ["punishment", "coercion"]), ("第二十条第（八）项", ["fees"]), ("第二十条第（九）项", ["procurement"])]
        rows_by_id = {row: (name, cols) for row, name, cols in F.ACTIVE_ROWS_2019}
        out: list[list[Slot]] = []
        for title, rows in groups:
            cols = rows_by_id[rows[0]][1]
            last = 2 if len(cols) == 2 else 1  # a two-column group's last column spans the fourth
            out.append([_label(title, 1, 4)])
            out.append([_label("信息内容")] + [_label(F.ACTIVE_COLUMN_LABELS_2019[c], 1, last if i == len(cols) - 1 else 1) for i, c in enumerate(cols)])
            for row in rows:
                name, cols = rows_by_id[row]
                out.append([_label(name)] + [_value(F.active2019_id(row, c), 2 if len(cols) == 2 and i == 1 else 1) for i, c in enumerate(cols)])
        return out
    one = lambda name, row: [_label(name), _value(F.active_id(row), 3)]  # noqa: E731
    return [
        [_label("第二十条第（一）项", 1, 4)],
        [_label("信息内容"), _label("本年制发件数"), _label("本年废止件数"), _label("现行有效件数")],
        [_label("规章")] + [_value(F.active_id("regulations", c)) for c in ("issued", "repealed", "in_force")],
        [_label("行政规范性文件")] + [_value(F.active_id("normative_docs", c)) for c in ("issued", "repealed", "in_force")],
        [_label("第二十条第（五）项", 1, 4)],
        [_label("信息内容"), _label("本年处理决定数量", 1, 3)],
        one("行政许可", "licensing"),
        [_label("第二十条第（六）项", 1, 4)],
        [_label("信息内容"), _label("本年处理决定数量", 1, 3)],
        one("行政处罚", "punishment"),
        one("行政强制", "coercion"),
        [_label("第二十条第（八）项", 1, 4)],
        [_label("信息内容"), _label("本年收费金额（单位：万元）", 1, 3)],
        one("行政事业性收费", "fees"),
    ]


FULL_LABELS = {
    "partly_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "other.overdue_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other.overdue_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
}
GROUPS_2021 = [("（三）不予公开", 8), ("（四）无法提供", 3), ("（五）不予处理", 5), ("（六）其他处理", 3)]


def applications(template: str) -> list[list[Slot]]:
    labels = dict(F.application_rows(template))
    values = lambda row: [_value(F.application_id(row, c)) for c in F.APPLICATION_COLUMNS]  # noqa: E731
    groups = GROUPS_2021[:3] if template == F.TEMPLATE_2019 else GROUPS_2021
    result_rows = 2 + sum(size for _, size in groups) + (1 if template == F.TEMPLATE_2019 else 0) + 1
    out: list[list[Slot]] = [
        [_label("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), _label("申请人情况", 1, 7)],
        [_label("自然人", 2), _label("法人或其他组织", 1, 5), _label("总计", 2)],
        [_label("商业企业"), _label("科研机构"), _label("社会公益组织"), _label("法律服务机构"), _label("其他")],
        [_label(labels["new"], 1, 3)] + values("new"),
        [_label(labels["carried_over"], 1, 3)] + values("carried_over"),
        [_label("三、本年度办理结果", result_rows), _label("（一）予以公开", 1, 2)] + values("granted"),
        [_label(FULL_LABELS["partly_granted"], 1, 2)] + values("partly_granted"),
    ]
    rows = [r for r, _ in F.application_rows(template)][4:]
    i = 0
    for group, size in groups:
        for k in range(size):
            row = rows[i]
            name = FULL_LABELS.get(row) or labels[row].split("）", 1)[-1]
            out.append(([_label(group, size)] if k == 0 else []) + [_label(name)] + values(row))
            i += 1
    if template == F.TEMPLATE_2019:
        out.append([_label("（六）其他处理", 1, 2)] + values("other.total_2019"))
    out.append([_label("（七）总计", 1, 2)] + values("total"))
    out.append([_label(labels["carried_forward"], 1, 3)] + values("carried_forward"))
    return out


def appeals() -> list[list[Slot]]:
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        [_label("行政复议", 1, 5), _label("行政诉讼", 1, 10)],
        [_label(h, 2) for h in heads] + [_label("未经复议直接起诉", 1, 5), _label("复议后起诉", 1, 5)],
        [_label(h) for h in heads] + [_label(h) for h in heads],
        [_value(F.appeal_id(g, c)) for g in F.APPEAL_GROUPS for c in F.APPEAL_COLUMNS],
    ]


def tables(template: str) -> dict[str, list[list[Slot]]]:
    return {"active": active(template), "applications": applications(template), "appeals": appeals()}


def positions(rows: list[list[Slot]]) -> tuple[list[tuple[int, int, Slot]], int, int]:
    """Each slot with its grid row and column (rowspans push later slots right), and the grid's height and width."""
    taken: set[tuple[int, int]] = set()
    placed, width = [], 0
    for r, row in enumerate(rows):
        col = 0
        for slot in row:
            while (r, col) in taken:
                col += 1
            _, rowspan, colspan, _ = slot
            taken.update((r + dr, col + dc) for dr in range(rowspan) for dc in range(colspan))
            placed.append((r, col, slot))
            col += colspan
            width = max(width, col)
    return placed, len(rows), width
