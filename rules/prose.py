"""The prose against the tables, and against itself."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .. import fields as F
from ..report import Fact, Finding, Number, Report
from . import rule
from .common import fact_finding, fmt, same
from .reading import reading

BASIS = "DOMAIN.md：正文与表格、正文各处应一致"
# Every active-table count the prose can state: the 2021 field ids (fields.py), so a new row is covered too.
DECISION_FACTS = list(F.ACTIVE_FIELDS_2021)
# The cell each fact states, in the 2019 format (no fee amount, no 废止 or 现行有效 column).
CELL_2019 = {
    "active.licensing": "active2019.licensing.decisions", "active.punishment": "active2019.punishment.decisions",
    "active.coercion": "active2019.coercion.decisions", "active.normative_docs.issued": "active2019.normative_docs.made",
    "active.regulations.issued": "active2019.regulations.made",
}
LITIGATION = [F.appeal_id("litigation_direct", "total"), F.appeal_id("litigation_after_review", "total")]
APPEAL_TOTALS = [F.appeal_id(g, "total") for g in F.APPEAL_GROUPS]
# The facts prose.appeals compares, with the cells it compares each with.
APPEAL_FACTS = (("appeals.review.total", [F.appeal_id("review", "total")], "行政复议总计"),
                ("appeals.litigation", LITIGATION, "行政诉讼两组总计之和"))
APPEAL_FACT_NAMES = [name for name, _, _ in APPEAL_FACTS]
PART, SHARE = "proactive.part:", "proactive.share:"


def _named(report: Report, name: str) -> list[Fact]:
    """The facts named `name`, in the report's order (report.facts_named, from the rules' reading)."""
    return reading(report).facts.get(name, [])


def _numbered(facts: list[Fact]) -> Iterator[tuple[Fact, str]]:
    """Each fact with a key that tells apart two sentences stating the same thing.

    For the facts of one name (a reading's), the key is f"{name}#{place}", place counted from 1:
    the comparisons loop with enumerate and make the key only for a finding (most facts agree)."""
    seen: dict[str, int] = {}
    for fact in facts:
        seen[fact.name] = seen.get(fact.name, 0) + 1
        yield fact, f"{fact.name}#{seen[fact.name]}"


@rule("prose.applications_received", "error", "正文所述收到申请数与申请表「本年新收」不一致", BASIS)
def applications_received(report: Report) -> Iterable[Finding]:
    stated = _named(report, "applications.received")
    # first what the prose says (usually nothing to check), then the table
    return _received_differs(report, stated) if stated else ()


def _received_differs(report: Report, stated: list[Fact]) -> Iterator[Finding]:
    new, carried = report.value("applications.new.total"), report.value("applications.carried_over.total")
    if new is None:
        return
    for place, fact in enumerate(stated, 1):
        # "受理申请N件" sometimes counts carried-over applications too; either reading is consistent.
        if same(fact.value, new) or (carried is not None and same(fact.value, new + carried)):
            continue
        yield fact_finding(
            fact, ["applications.new.total"],
            f"正文称「{fact.quote}」，申请表「本年新收」总计为{fmt(new)}", new, fact.value, f"{fact.name}#{place}",
        )


def _claims_zero(report: Report, claim: str, field: str, printed_as: str, unit: str = "") -> Iterable[Finding]:
    """A finding for each sentence claiming `field` is zero while the table prints more."""
    claims = _named(report, claim)
    if not claims:
        return ()
    value = report.value(field)
    if value is None or same(value, 0):
        return ()
    return [fact_finding(fact, [field], f"正文称「{fact.quote}」，但{printed_as}{fmt(value)}{unit}", 0, value, key)
            for fact, key in _numbered(claims)]


@rule("prose.no_applications", "error", "正文称未收到申请，但申请表「本年新收」不为0", BASIS)
def no_applications(report: Report) -> Iterable[Finding]:
    return _claims_zero(report, "applications.none", "applications.new.total", "申请表「本年新收」总计为")


@rule("prose.active_table", "error", "正文所述规章、规范性文件（制发、废止、现行有效）、行政许可、处罚、强制、收费数与主动公开表不一致", BASIS)
def active_table(report: Report) -> Iterable[Finding]:
    facts = reading(report).facts
    # the prose states none of them (most reports): told in C
    return () if facts.keys().isdisjoint(DECISION_FACTS) else _active_differs(report, facts)


def _active_differs(report: Report, facts: dict[str, list[Fact]]) -> Iterator[Finding]:
    for name in filter(facts.__contains__, DECISION_FACTS):  # those the prose states, in fields.py's order
        cell = CELL_2019.get(name) if report.template == F.TEMPLATE_2019 else name
        printed = report.value(cell) if cell else None
        if printed is None:
            continue
        for place, fact in enumerate(facts[name], 1):
            stated = fact.value / 10000 if fact.unit == "元" else fact.value  # the table column is 万元
            if same(round(stated, 6), round(printed, 6)):
                continue
            yield fact_finding(
                fact, [cell], f"正文称「{fact.quote}」，主动公开表「{F.label(cell)}」为{fmt(printed)}", stated, printed,
                f"{fact.name}#{place}",
            )


@rule("prose.appeals", "error", "正文所述政府信息公开行政复议、行政诉讼件数与复议诉讼表总计不一致", BASIS)
def appeals(report: Report) -> Iterable[Finding]:
    facts = reading(report).facts
    # the prose states neither (most reports): told in C
    return () if facts.keys().isdisjoint(APPEAL_FACT_NAMES) else _appeals_differ(report, facts)


def _appeals_differ(report: Report, facts: dict[str, list[Fact]]) -> Iterator[Finding]:
    for name, cells, what in APPEAL_FACTS:
        stated = facts.get(name)
        if not stated:
            continue
        printed = [report.value(c) for c in cells]
        if any(v is None for v in printed):
            continue
        total = sum(printed)  # type: ignore[arg-type]
        for place, fact in enumerate(stated, 1):
            if not same(fact.value, total):
                yield fact_finding(fact, list(cells), f"正文称「{fact.quote}」，复议诉讼表{what}为{fmt(total)}", fact.value, total,
                                   f"{fact.name}#{place}")


@rule("prose.all_concluded", "warning", "正文称申请均已办结，但有结转下年度继续办理的申请", BASIS)
def all_concluded(report: Report) -> Iterable[Finding]:
    return _claims_zero(report, "applications.all_concluded", "applications.carried_forward.total", "结转下年度继续办理", "件")


@rule("prose.no_appeals", "error", "正文称未发生行政复议、行政诉讼，但复议诉讼表不为0", BASIS)
def no_appeals(report: Report) -> Iterable[Finding]:
    claims = _named(report, "appeals.none")
    if not claims:
        return ()
    nonzero = [f for f in APPEAL_TOTALS if (report.value(f) or 0) > 0]
    if not nonzero:
        return ()
    actual = sum(report.value(f) for f in nonzero)
    return [fact_finding(fact, nonzero, f"正文称「{fact.quote}」，但复议诉讼表总计为{fmt(actual)}", 0, actual, key)
            for fact, key in _numbered(claims)]


def _proactive(report: Report) -> tuple[list[Fact], list[Fact]]:
    """The proactive parts' counts and their shares, each list in the report's order: the facts read once
    for both rules that ask (parts_sum, percentages), kept with the reading (reading.py)."""
    read = reading(report)
    if read.proactive is None:
        parts: list[Fact] = []
        shares: list[Fact] = []
        for fact in report.facts:
            if fact.name.startswith(PART):
                parts.append(fact)
            elif fact.name.startswith(SHARE):
                shares.append(fact)
        read.proactive = parts, shares
    return read.proactive


@rule("prose.parts_sum", "error", "正文所述主动公开总数与其分项之和不一致", BASIS)
def parts_sum(report: Report) -> Iterable[Finding]:
    totals = _named(report, "proactive.total")
    if not totals:
        return ()
    parts = _proactive(report)[0]
    if len(parts) < 2:
        return ()
    total, stated = totals[0], sum([p.value for p in parts])
    if same(total.value, stated):
        return ()
    listing = "＋".join(fmt(p.value) for p in parts)
    return [fact_finding(total, [], f"正文称「{total.quote}」，其分项{listing}＝{fmt(stated)}", stated, total.value, "proactive.total#1")]


@rule("prose.percentages", "warning", "正文所述占比与条数不符", BASIS)
def percentages(report: Report) -> Iterable[Finding]:
    totals = _named(report, "proactive.total")
    if not totals or not totals[0].value:
        return ()
    shares = _proactive(report)[1]
    # most reports: no share to judge
    return _shares_differ(report, totals[0].value, shares) if shares else ()


def _shares_differ(report: Report, total: Number, shares: list[Fact]) -> Iterator[Finding]:
    facts = reading(report).facts
    for share in shares:
        label = share.name[len(SHARE):]
        counted = facts.get(PART + label)  # the part's count: the last one the prose states, as it reads on
        if not counted:
            continue
        count = counted[-1].value
        decimals = len(share.quote.rstrip("%").partition(".")[2])
        expected = 100 * count / total
        if abs(expected - share.value) <= 10 ** -decimals + 1e-9:  # rounding or truncation both pass
            continue
        yield fact_finding(
            share, [], f"「{label}」{fmt(count)}条占{fmt(total)}条应为{expected:.{decimals}f}%，正文印为{share.quote}",
            round(expected, decimals), share.value, share.name,
        )
