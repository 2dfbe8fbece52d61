"""Every seed against its hand-written golden expectation, cell for cell."""

from __future__ import annotations

from collections import Counter

from conftest import SEEDS, cell_diff, expected_cells, golden, run, seed_text, serious

from nianbao.extract.numbers import parse_number


def test_cells_match_golden(seed):
    report = run(seed_text(seed), str(SEEDS / f"{seed}.txt"))
    expected = expected_cells(golden(seed))
    actual = {fid: cell.value for fid, cell in report.cells.items()}
    diff = cell_diff(expected, actual)
    assert not diff, f"{seed}: cells differ from golden:\n{diff}"


def test_metadata_matches_golden(seed):
    g = golden(seed)
    report = run(seed_text(seed))
    got = {k: getattr(report, k) for k in ("organ", "region", "year", "published", "template", "status")}
    want = {k: g[k] for k in ("organ", "region", "year", "published", "template")} | {"status": "ok"}
    assert got == want
    assert [s.number for s in report.sections] == g["sections"]


def test_findings_match_golden(seed):
    """Exactly the errors and warnings the golden file lists: no more, no fewer."""
    report = run(seed_text(seed))
    want = {(f["rule"], f["severity"], tuple(f["fields"])) for f in golden(seed)["findings"]}
    assert serious(report) == want


def test_facts_match_golden(seed):
    report = run(seed_text(seed))
    want = Counter((name, value) for name, value in golden(seed)["facts"])
    got = Counter((f.name, f.value) for f in report.facts)
    assert got == want


def test_every_value_is_grounded_in_its_span(seed):
    """Provenance: the printed token at each cell's span reads back as the cell's value."""
    report = run(seed_text(seed))
    for fid, cell in report.cells.items():
        if cell.value is None:
            continue
        assert cell.start is not None and cell.extractor == "builtin", fid
        assert parse_number(report.text[cell.start : cell.end]) == cell.value, fid
    for fact in report.facts:
        assert report.text[fact.start : fact.end] == fact.quote


def test_seed_004_licensing_mismatch_is_an_error_pointing_at_the_prose():
    report = run(seed_text(next(s for s in [p.stem for p in SEEDS.glob("004*")])))
    [finding] = [f for f in report.findings if f.rule == "prose.active_table"]
    assert finding.severity == "error"
    assert (finding.expected, finding.actual) == (558, 290)
    assert report.text[finding.start : finding.end] == "行政许可558件"
