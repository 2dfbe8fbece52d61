"""The LLM extractor: asks the model for what the built-in reader could not read, and cross-checks.

The model points, the code copies: each table region is sent with every printed number
numbered (`⟦12:290⟧`), the model answers token ids per cell, and the values are copied
from the source by code. Prose figures come back as {name, value, quote} and count only
when the quote is in the source and holds the value (grounding); otherwise they are a
finding. Nothing here looks at the arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ... import fields as F
from ...report import Cell, Fact, Finding, Report, Section
from ...rules.common import fmt
from ..metadata import split_region
from ..numbers import Token, tokens
from ..sections import section_bounds
from .client import Asker, Call, load_prompt
from .grounding import find_quote, value_in
from .schemas import FactsAnswer, MetadataAnswer, table_answer_for

TABLE_SECTIONS = {"active": 2, "applications": 3, "appeals": 4}
TABLE_NAMES = {"active": "主动公开政府信息情况表", "applications": "收到和处理政府信息公开申请情况表", "appeals": "政府信息公开行政复议、行政诉讼情况表"}
CLAIMS = {"applications.none", "applications.all_concluded", "appeals.none"}  # stated in words, value 0
FACT_NAMES_HELP = """- applications.received：本年收到（受理）的政府信息公开申请件数
- applications.none：称未收到政府信息公开申请（value 填 0）
- applications.all_concluded：称所有申请均已办结（value 填 0）
- appeals.none：称未发生政府信息公开行政复议、行政诉讼（value 填 0）
- active.licensing / active.punishment / active.coercion：行政许可 / 行政处罚 / 行政强制 处理决定件数
- active.normative_docs.issued / .repealed / .in_force：行政规范性文件 本年制发 / 本年废止 / 现行有效 件数
- active.regulations.issued / .repealed / .in_force：规章 本年制发 / 本年废止 / 现行有效 件数
- appeals.review.total：因政府信息公开被申请行政复议的件数
- appeals.litigation：因政府信息公开被提起行政诉讼的件数
- active.fees：行政事业性收费金额（quote 中保留单位）
- proactive.total：主动公开信息总条数
- proactive.part:<类别名>：主动公开信息某一类的条数
- proactive.share:<类别名>：该类所占百分比（value 为百分数，如 65.93）"""


@dataclass(frozen=True)
class RowSpec:
    row: str  # the row id the model answers with
    label: str
    fields: tuple[str, ...]


def table_rows(table: str, template: str | None = F.TEMPLATE_2021) -> list[RowSpec]:
    if table == "active" and template == F.TEMPLATE_2019:
        return [RowSpec(row, label, tuple(F.active2019_id(row, c) for c in cols)) for row, label, cols in F.ACTIVE_ROWS_2019]
    if table == "active":
        return [RowSpec(row, label, tuple(F.active_id(row, c) for c in cols)) for row, label, cols in F.ACTIVE_ROWS_2021]
    if table == "applications":
        rows = F.application_rows(template or F.TEMPLATE_2021)
        return [RowSpec(row, label, tuple(F.application_id(row, c) for c in F.APPLICATION_COLUMNS)) for row, label in rows]
    return [RowSpec(g, F.APPEAL_GROUP_LABELS[g], tuple(F.appeal_id(g, c) for c in F.APPEAL_COLUMNS)) for g in F.APPEAL_GROUPS]


def _columns_help(table: str, template: str | None) -> str:
    if table == "active" and template == F.TEMPLATE_2019:
        return "2019年格式：规章、规范性文件三列：本年新制作数量、本年新公开数量、对外公开总数量；行政许可、其他对外管理服务事项、行政处罚、行政强制三列：上一年项目数量、本年增/减、处理决定数量；行政事业性收费两列：上一年项目数量、本年增/减；政府集中采购两列：采购项目数量、采购总金额"
    if table == "active":
        return "规章、行政规范性文件三列：本年制发件数、本年废止件数、现行有效件数；其余各行一列：本年处理决定数量（收费为本年收费金额，万元）"
    if table == "applications":
        return "每行七列：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他（法人或其他组织）、总计"
    return "每组五列：结果维持、结果纠正、其他结果、尚未审结、总计（原文中三组通常在同一行依次排列）"


def numbered(text: str, start: int, end: int) -> tuple[str, dict[int, Token]]:
    """The region with every printed value numbered in place: `行政许可 | ⟦3:290⟧ |`."""
    found = tokens(text, start, end)
    parts, pos, by_id = [], start, {}
    for i, tok in enumerate(found):
        parts.append(text[pos : tok.start])
        parts.append(f"⟦{i}:{tok.raw}⟧")
        by_id[i] = tok
        pos = tok.end
    parts.append(text[pos:end])
    return "".join(parts), by_id


def _same(a: Cell, b: Cell) -> bool:
    if a.value is None or b.value is None:
        return a.value is None and b.value is None
    return abs(a.value - b.value) < 1e-9


class LLMExtractor:
    def __init__(self, asker: Asker, policy: str):
        if policy not in ("auto", "always"):
            raise ValueError("policy is auto or always")
        self.asker, self.policy = asker, policy
        self.model = asker.config.model

    # --- what to ask ------------------------------------------------------------------------
    def enrich(self, report: Report) -> None:
        """Ask the model for the parts this policy covers and merge its answers into `report`."""
        unrecognized = not report.sections and not report.tables_found
        for table in TABLE_SECTIONS:
            if self.policy == "always" or self._incomplete(report, table):
                self._table(report, table)
        if self.policy == "always" or unrecognized or not report.organ or not report.year or len(report.sections) < 6:
            self._metadata(report)
        if self.policy == "always" or unrecognized:
            self._facts(report)

    def _unsure_fields(self, report: Report, table: str) -> set[str]:
        """Cells the built-in reader could not place: table or row not found, or a flagged row."""
        fields = {f for spec in table_rows(table, report.template) for f in spec.fields}
        if table not in report.tables_found:
            return fields
        flagged = {f for finding in report.findings if finding.rule == "table.row_alignment" for f in finding.fields}
        return {f for f in fields if f not in report.anchors or f in flagged}

    def _incomplete(self, report: Report, table: str) -> bool:
        fields = [f for spec in table_rows(table, report.template) for f in spec.fields]
        unreadable = any(report.cells[f].status == "unreadable" for f in fields if f in report.cells)
        return bool(self._unsure_fields(report, table)) or unreadable

    def _region(self, report: Report, table: str) -> tuple[int, int]:
        number = TABLE_SECTIONS[table]
        by_number = {s.number: s for s in report.sections}
        if table in report.tables_found:
            start, end = report.tables_found[table]
            if number in by_number and self._unsure_fields(report, table):
                start = min(start, by_number[number].start)  # a row above the first label read may be the missing one
            return start, end
        return section_bounds(report.sections, number, len(report.text))

    def _too_long(self, report: Report, part: str, start: int, end: int) -> bool:
        if end - start <= self.asker.config.max_region_chars:
            return False
        report.findings.append(Finding(
            "llm.region_too_long", "warning", [],
            f"{part}所在原文有{end - start}字，超过单次调用上限{self.asker.config.max_region_chars}字，未交给模型（未截断）",
            expected=self.asker.config.max_region_chars, actual=end - start, start=start, end=end, key=part,
        ))
        return True

    def _record(self, report: Report, calls: list[Call], error: str | None, part: str, span: tuple[int, int]) -> None:
        report.llm_calls.extend(calls)
        if error:
            report.findings.append(Finding(
                "llm.failed", "warning", [], f"模型未能完成「{part}」：{error}；保留内置读取器的结果",
                start=span[0], end=span[1], key=part,
            ))

    # --- tables -----------------------------------------------------------------------------
    def _table(self, report: Report, table: str) -> None:
        start, end = self._region(report, table)
        if self._too_long(report, table, start, end):
            return
        rendered, by_id = numbered(report.text, start, end)
        specs = table_rows(table, report.template)
        rows_help = "\n".join(f"- {s.row}：{s.label}（{len(s.fields)}列）" for s in specs)
        system = load_prompt("table_v1").replace("<<ROWS>>", f"{TABLE_NAMES[table]}。{_columns_help(table, report.template)}\n{rows_help}")
        model = table_answer_for({s.row: len(s.fields) for s in specs}, frozenset(by_id))
        answer, calls, error = self.asker.ask(f"table:{table}", "table_v1", system, f"任务: table {table}\n\n{rendered}", model)
        self._record(report, calls, error, f"table:{table}", (start, end))
        if answer is None:
            return
        extractor = f"llm:{self.model}/table_v1"
        theirs: dict[str, Cell] = {}
        by_row = {r.row: r.tokens for r in answer.rows}
        for spec in specs:
            for fid, tid in zip(spec.fields, by_row[spec.row]):
                tok = by_id.get(tid) if tid is not None else None
                if tok is None:
                    theirs[fid] = Cell(fid, None, extractor=extractor, status="blank")
                else:
                    status = "ok" if tok.kind == "number" else "unreadable"
                    theirs[fid] = Cell(fid, tok.value if status == "ok" else None, tok.start, tok.end, extractor, tok.raw, tok.unit, status)
        self._merge_table(report, table, theirs, (start, end), specs)

    def _merge_table(self, report: Report, table: str, theirs: dict[str, Cell], region: tuple[int, int], specs: list[RowSpec]) -> None:
        unsure = self._unsure_fields(report, table)
        taken: set[str] = set()
        for spec in specs:
            disagree = []
            for fid in spec.fields:
                ours, other = report.cells[fid], theirs[fid]
                if fid in unsure:
                    if other.value is not None or other.status == "unreadable":
                        report.cells[fid] = other  # the built-in reader could not place it; the model could
                        taken.add(fid)
                elif _same(ours, other):
                    ours.extractor = f"builtin+{other.extractor}"
                else:
                    ours.alt_value, ours.alt_extractor = other.value, other.extractor
                    disagree.append(fid)
            if disagree:
                first = report.cells[disagree[0]]
                start, end = (first.start, first.end) if first.start is not None else report.anchors.get(disagree[0], region)
                pairs = "；".join(f"「{F.label(f)}」内置读取器为{fmt(report.cells[f].value)}，模型为{fmt(theirs[f].value)}" for f in disagree)
                report.findings.append(Finding(
                    "extractors_disagree", "warning", disagree, f"两个读取器读法不同，请核对原文：{pairs}",
                    expected=[theirs[f].value for f in disagree], actual=[report.cells[f].value for f in disagree],
                    start=start, end=end,
                ))
        if taken and table not in report.tables_found:
            report.tables_found[table] = region
        # A row the model has placed is no longer ambiguous.
        report.findings = [
            f for f in report.findings
            if not (f.rule == "table.row_alignment" and f.fields and all(x in taken for x in f.fields))
        ]

    # --- prose figures ------------------------------------------------------------------------
    def _facts(self, report: Report) -> None:
        for start, end in self._prose_chunks(report):
            if self._too_long(report, "正文", start, end):
                continue
            system = load_prompt("facts_v1").replace("<<NAMES>>", FACT_NAMES_HELP)
            answer, calls, error = self.asker.ask("facts", "facts_v1", system, "任务: facts\n\n" + report.text[start:end], FactsAnswer)
            self._record(report, calls, error, "facts", (start, end))
            if answer is not None:
                for figure in answer.figures:
                    self._add_fact(report, figure.name, figure.value, figure.quote)

    def _prose_chunks(self, report: Report) -> list[tuple[int, int]]:
        """One chunk per section (split at paragraphs if long); the whole text if no section was found."""
        spans = [(s.start, s.end) for s in report.sections] or [(0, len(report.text))]
        limit = self.asker.config.max_region_chars
        chunks = []
        for start, end in spans:
            if not re.search(r"\d|未收到|办结|未发生", report.text[start:end]):
                continue
            while end - start > limit:
                cut = report.text.rfind("\n", start, start + limit)
                cut = start + limit if cut <= start else cut
                chunks.append((start, cut))
                start = cut
            chunks.append((start, end))
        return chunks

    def _add_fact(self, report: Report, name: str, value: float, quote: str) -> None:
        span = find_quote(report.text, quote)
        grounded = span is not None and (name in CLAIMS or value_in(report.text, span[0], span[1], value))
        if not grounded:
            reason = "原文中找不到该引文" if span is None else "引文中没有这个数字"
            report.findings.append(Finding(
                "llm.ungrounded", "warning", [name] if not name.startswith("proactive.") else [],
                f"模型称「{quote}」中有{name}={fmt(value)}，但{reason}，未采信",
                actual=value, start=span[0] if span else None, end=span[1] if span else None, key=f"{name}:{quote}"[:120],
            ))
            return
        start, end = span
        value = int(value) if float(value).is_integer() else value
        for fact in report.facts:
            if fact.name == name and fact.start < end and start < fact.end:
                fact.extractor = f"builtin+llm:{self.model}/facts_v1"
                return
        unit = "万元" if "万元" in quote else ("元" if name == "active.fees" and "元" in quote else None)
        report.facts.append(Fact(name, value, start, end, report.text[start:end], unit, f"llm:{self.model}/facts_v1"))
        report.facts.sort(key=lambda f: (f.start, f.name))

    # --- metadata and sections ----------------------------------------------------------------
    def _metadata(self, report: Report) -> None:
        text = report.text
        outline = "\n".join(line.strip() for line in text.splitlines() if 0 < len(line.strip()) <= 40)
        user = f"任务: metadata\n\n【开头】\n{text[:800]}\n\n【结尾】\n{text[-400:]}\n\n【短行】\n{outline}"
        if len(user) > self.asker.config.max_region_chars:
            user = user[: self.asker.config.max_region_chars]  # the outline is a hint; quotes are still checked against the whole text
        answer, calls, error = self.asker.ask("metadata", "metadata_v1", load_prompt("metadata_v1"), user, MetadataAnswer)
        self._record(report, calls, error, "metadata", (0, min(len(text), 200)))
        if answer is None:
            return
        organ = self._grounded_value(report, answer.organ.value, answer.organ.quote)
        if organ and not report.organ:
            report.organ, report.region = organ, split_region(organ)
        year = self._grounded_value(report, answer.year.value, answer.year.quote)
        if year and year.isdigit() and not report.year:
            report.year = int(year)
        published = answer.published.value
        if published and not report.published and answer.published.quote and find_quote(text, answer.published.quote):
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) and all(
                str(int(p)) in answer.published.quote for p in published.split("-")
            ):
                report.published = published
        present = {s.number for s in report.sections}
        for sq in answer.sections:
            span = find_quote(text, sq.quote)
            if sq.number not in present and span:
                report.sections.append(Section(sq.number, text[span[0] : span[1]].strip(), span[0], span[1]))
                present.add(sq.number)
        report.sections.sort(key=lambda s: s.start)
        for i, s in enumerate(report.sections):
            s.end = report.sections[i + 1].start if i + 1 < len(report.sections) else len(text)

    @staticmethod
    def _grounded_value(report: Report, value: str | None, quote: str | None) -> str | None:
        if not value or not quote or not find_quote(report.text, quote):
            return None
        squeezed = re.sub(r"\s+", "", value)
        return squeezed if squeezed in re.sub(r"\s+", "", quote) else None

