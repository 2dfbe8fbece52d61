"""The deterministic rule engine.

A rule is a pure function from an extracted `Report` to findings, registered with an id, a
severity, a one-line Chinese description and the basis it comes from:

    @rule("prose.example", "error", "正文数字与表格不一致", "DOMAIN.md")
    def example(report):
        yield Finding(...)

(or it returns a list of findings: any iterable will do; an empty sequence is taken as none). A rule that most reports leave silent returns
() after its cheap test and leaves its findings to a generator (`return _found(report) if … else ()`):
a plain call that returns costs less than starting a generator that stops at once, ~two dozen times
per report.

What many rules look at (the table values, the cells not "ok", the facts by name) they take from
`reading(report)` (reading.py): `run_rules` reads each report once for all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..report import Finding, Report

Check = Callable[[Report], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # error | warning | info
    description: str  # one line, Chinese, for the reviewer
    basis: str  # where the rule comes from
    check: Check | None  # None: the finding is emitted by the extractor itself


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, description: str, basis: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        global _listed
        RULES[rule_id] = Rule(rule_id, severity, description, basis, check)
        _listed = None
        return check

    return register


def declare(rule_id: str, severity: str, description: str, basis: str) -> None:
    """Document a finding that an extractor emits, so `nianbao rules` lists it too."""
    global _listed
    RULES[rule_id] = Rule(rule_id, severity, description, basis, None)
    _listed = None


def run_rules(report: Report) -> list[Finding]:
    """Every rule's findings for one report (extractor findings already on it are kept)."""
    findings: list[Finding] = []
    keep(report)  # read once for all the rules (reading.py)
    try:
        for rule_id, severity, check in _checks():
            found = check(report)
            if not found:  # () from a silent rule (most of them, most reports): no iterator made for it
                continue
            for finding in found:
                finding.rule = rule_id
                finding.severity = finding.severity or severity
                findings.append(finding)
    finally:
        keep(None)
    return findings


def _checks() -> list[tuple[str, str, Check]]:
    """The rules that check a report, in RULES' order, as plain tuples: listed once, not picked out of
    RULES for every report (listed again whenever RULES has changed: rule() and declare() forget the list)."""
    global _listed
    if _listed is None:
        _listed = [(r.id, r.severity, r.check) for r in RULES.values() if r.check is not None]
    return _listed


_listed: list[tuple[str, str, Check]] | None = None  # RULES changes only through rule() and declare()


from .reading import keep  # noqa: E402
from . import arithmetic, completeness, dates, deadlines, history, encoding, ocr, page, plausibility, prose  # noqa: E402,F401  (registers rules)
