"""The LLM extractor: asks the model for what the built-in reader could not read, and cross-checks.

The model points, the code copies: each table region is sent with every printed number
numbered (`⟦12:290⟧`), the model answers token ids per cell, or a piece of a token whose
digits are glued (`⟦7:6233440⟧` → offset 2, "33"), and the values are copied from the
source by code. Prose figures come back as {name, value, quote} and count only when the
quote is in the source, holds the value and names what it counts (grounding).

Where the two readers differ, both readings are kept: `value` is the reading of the reader
whose whole table satisfies the format's sums (extract/identities.py), and one finding
names every cell that differs. A row the built-in reader could not place is the model's,
whole, blanks included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ... import fields as F
from ...report import SPLIT, Cell, Fact, Finding, Report, Section
from ...rules.common import fmt
from ..digits import row_tokens
from ..identities import failing, table_identities
from ..metadata import split_region
from ..numbers import Token, tokens
from ..sections import section_bounds
from .client import Asker, Call, load_prompt
from .grounding import find_quote, names_its_subject, value_in
from .schemas import FactsAnswer, MetadataAnswer, Piece, RowPointer, table_answer_for

TABLE_PROMPT = "table_v2"
FORMAT_NAMES = {F.TEMPLATE_2021: "2021年格式（国办公开办函〔2021〕30号）", F.TEMPLATE_2019: "2019年格式（国办公开办函〔2019〕60号）"}

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


def rows_help(table: str, template: str | None) -> str:
    """The format, the table and its rows with their columns, all taken from fields.py."""
    template = template or F.TEMPLATE_2021
    lines = [f"格式：{FORMAT_NAMES[template]}。表：{TABLE_NAMES[table]}。"]
    for spec in table_rows(table, template):
        columns = "、".join(F.label(f).split("·", 1)[1] for f in spec.fields)
        lines.append(f"- {spec.row}：{spec.label}（{len(spec.fields)}列：{columns}）")
    return "\n".join(lines)


def numbered(text: str, start: int, end: int) -> tuple[str, dict[int, Token]]:
    """The region with every printed value numbered in place: `行政许可 | ⟦3:290⟧ |`.

    A digit run the next row's numbering is glued to (`00000002.其他`) is numbered without it.
    """
    found = row_tokens(text, start, end, tokens(text, start, end))
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


def _row_cells(spec: RowSpec, answer: RowPointer, by_id: dict[int, Token], extractor: str) -> list[Cell]:
    """The model's cells of one row, copied from the source: a whole token, a piece of a glued one, or blank."""
    out = []
    for fid, pointer in zip(spec.fields, answer.tokens):
        if pointer is None:
            out.append(Cell(fid, None, extractor=extractor, status="blank"))
        elif isinstance(pointer, Piece):
            tok = by_id[pointer.token]
            start = tok.start + pointer.offset
            out.append(Cell(fid, int(pointer.digits), start, start + len(pointer.digits), extractor, pointer.digits, None, "ok"))
        else:
            tok = by_id[pointer]
            status = "ok" if tok.kind == "number" else "unreadable"  # a marker or a percentage is not a count
            out.append(Cell(fid, tok.value if status == "ok" else None, tok.start, tok.end, extractor, tok.raw, tok.unit, status))
    return out


def _show(cells: list[Cell]) -> str:
    return "｜".join(fmt(c.value) for c in cells)


def _filled_finding(report: Report, specs: list[RowSpec], region: tuple[int, int]) -> Finding:
    """The rows the built-in reader could not settle, now read by the model: a person should look."""
    rows = "；".join(f"「{s.label}」读为 {_show([report.cells[f] for f in s.fields])}" for s in specs)
    fields = [f for s in specs for f in s.fields]
    start, end = report.anchors.get(fields[0], region)
    return Finding("llm.filled", "warning", fields, f"内置读取器无法确定的行由模型读取：{rows}，请核对原文",
                   start=start, end=end, key="/".join(s.row for s in specs))


def _settle(report: Report, table: str, theirs: dict[str, Cell], differ: list[str], region: tuple[int, int]) -> Finding:
    """Keep both readings; `value` is the one whose whole table satisfies the format's sums; name every cell that differs."""
    identities = table_identities(table, report.template)
    fields = [f for spec in table_rows(table, report.template) for f in spec.fields]
    ours_ok = not failing(identities, {f: report.cells[f].value for f in fields})
    theirs_ok = not failing(identities, {f: theirs[f].value for f in fields})
    blanks = any(theirs[f].value is None and report.cells[f].value is not None for f in differ)
    take_model = theirs_ok and not ours_ok and not blanks  # a model's blank never wins by making a sum unknowable
    pairs = "；".join(f"「{F.label(f)}」内置读取器为{fmt(report.cells[f].value)}，模型为{fmt(theirs[f].value)}" for f in differ)
    expected, actual = [theirs[f].value for f in differ], [report.cells[f].value for f in differ]
    for fid in differ:
        ours, other = report.cells[fid], theirs[fid]
        if take_model:
            other.alt_value, other.alt_extractor = ours.value, ours.extractor
            report.cells[fid] = other
        else:
            ours.alt_value, ours.alt_extractor = other.value, other.extractor
    if take_model:
        verdict, severity = "模型的读法使全表合计成立，内置读取器的不成立：存模型的值，内置读取器的值存于旁", "warning"
    elif ours_ok and not theirs_ok:
        verdict, severity = "内置读取器的读法使全表合计成立，模型的不成立：存内置读取器的值，模型的值存于旁", "warning"
    else:
        verdict, severity = "表中合计关系不能判定哪一种读法对：暂存内置读取器的值，模型的值存于旁", "error"
    first = next((report.cells[f] for f in differ if report.cells[f].start is not None), None)
    start, end = (first.start, first.end) if first else report.anchors.get(differ[0], region)
    return Finding("extractors_disagree", severity, differ, f"两个读取器读法不同，请核对原文：{pairs}。{verdict}",
                   expected=expected, actual=actual, start=start, end=end, key=table)


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
            if self.policy == "always" or self.unsure_reason(report, table):
                self._table(report, table)
        if self.policy == "always" or unrecognized or not report.organ or not report.year or len(report.sections) < 6:
            self._metadata(report)
        if self.policy == "always" or unrecognized:
            self._facts(report)

    def _unsure_fields(self, report: Report, table: str) -> set[str]:
        """Cells the built-in reader could not place: table or row not found, a row in doubt, digits it could not cut."""
        fields = {f for spec in table_rows(table, report.template) for f in spec.fields}
        if table not in report.tables_found:
            return fields
        flagged = {f for finding in report.findings
                   if finding.rule.startswith("table.") and finding.severity in ("error", "warning") for f in finding.fields}
        return {f for f in fields if f not in report.anchors or f in flagged
                or (f in report.cells and report.cells[f].status == "ambiguous")}

    def unsure_reason(self, report: Report, table: str) -> str | None:
        """Why the built-in reading of this table needs a second reader (auto asks then), or None."""
        if table in report.unsure_tables:
            return report.unsure_tables[table]
        if self._unsure_fields(report, table):
            return "行缺失或位置不确定"
        fields = [f for spec in table_rows(table, report.template) for f in spec.fields if f in report.cells]
        if any(report.cells[f].status == "unreadable" for f in fields):
            return "单元格印有非数字内容"
        values = {f: report.cells[f].value for f in fields}
        for identity in failing(table_identities(table, report.template), values):
            if any(report.cells[f].extractor == SPLIT for f in identity.fields):
                return f"{identity.what}合计不符，且其中有从连写数字拆分的值"  # a different cut could explain it
        return None

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
        system = load_prompt(TABLE_PROMPT).replace("<<ROWS>>", rows_help(table, report.template))
        doubts = self._doubts(report, table)
        user = f"任务: table {table}\n\n{rendered}" + (f"\n\n【内置读取器的疑问】\n{doubts}" if doubts else "")
        model = table_answer_for({s.row: len(s.fields) for s in specs}, {i: t.raw for i, t in by_id.items()})
        answer, calls, error = self.asker.ask(f"table:{table}", TABLE_PROMPT, system, user, model)
        self._record(report, calls, error, f"table:{table}", (start, end))
        if answer is None:
            return
        extractor = f"llm:{self.model}/{TABLE_PROMPT}"
        by_row = {r.row: r for r in answer.rows}
        theirs = {fid: cell for spec in specs for fid, cell in zip(spec.fields, _row_cells(spec, by_row[spec.row], by_id, extractor))}
        self._merge_table(report, table, theirs, (start, end), specs)

    @staticmethod
    def _doubts(report: Report, table: str) -> str:
        """What the built-in reader could not settle in this table (e.g. the candidate cuts of glued digits)."""
        return "\n".join(f.message for f in report.findings
                         if f.rule.startswith("table.") and f.severity == "error" and f.fields and F.table_of(f.fields[0]) == table)

    def _merge_table(self, report: Report, table: str, theirs: dict[str, Cell], region: tuple[int, int], specs: list[RowSpec]) -> None:
        unsure = self._unsure_fields(report, table)
        replaced = [spec for spec in specs if any(f in unsure for f in spec.fields)]
        filled = [spec for spec in replaced if any(not _same(report.cells[f], theirs[f]) for f in spec.fields)]
        for spec in replaced:  # the model's row, whole: its blanks too, so no span lands in two cells
            for fid in spec.fields:
                ours, other = report.cells[fid], theirs[fid]
                if ours.value is not None and not _same(ours, other):
                    other.alt_value, other.alt_extractor = ours.value, ours.extractor
                report.cells[fid] = other
        if any(report.cells[f].value is not None for spec in replaced for f in spec.fields) and table not in report.tables_found:
            report.tables_found[table] = region
        done = {f for spec in replaced for f in spec.fields}
        # A row the model has read is no longer in doubt; what it read is told below.
        report.findings = [f for f in report.findings
                           if not (f.rule.startswith("table.") and f.severity != "info" and f.fields and all(x in done for x in f.fields))]
        if filled:
            report.findings.append(_filled_finding(report, filled, region))
        differ = []
        for spec in specs:
            if spec in replaced:
                continue
            for fid in spec.fields:
                ours, other = report.cells[fid], theirs[fid]
                if _same(ours, other):
                    if ours.value is not None or ours.status != "blank":
                        ours.extractor = f"{ours.extractor}+{other.extractor}"
                else:
                    differ.append(fid)
        if differ:
            report.findings.append(_settle(report, table, theirs, differ, region))

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
        subject = names_its_subject(name, quote)
        grounded = span is not None and subject and (name in CLAIMS or value_in(report.text, span[0], span[1], value))
        if not grounded:
            reason = "原文中找不到该引文" if span is None else ("引文没有说明所计何事（如「许可」「复议」）" if not subject else "引文中没有这个数字")
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

