"""A golden case for every layout quirk the reader handles beyond the seeds themselves.

Each case rewrites a real seed the way real reports arrive (CRLF, full-width digits,
zero-width and non-breaking spaces, spaces or pipes instead of tabs, labels split
across lines) and must give exactly the seed's hand-written golden cells and findings.
"""

from __future__ import annotations

import re

import pytest
from conftest import SEED_NAMES, cell_diff, expected_cells, golden, run, seed_text, serious

FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def full_width(text: str) -> str:
    return text.translate(FULL_WIDTH_DIGITS).replace("(", "（").replace(")", "）")


def invisible_noise(text: str) -> str:
    """Zero-width spaces inside labels and NBSP / ideographic spaces around cells."""
    text = text.replace("本年新收", "本年\u200b新收").replace("行政许可", "行政\ufeff许可")
    return text.replace("\t", "\u00a0\t\u3000")


def spaces_not_tabs(text: str) -> str:
    return text.replace("\t", "   ")


def pipes_not_tabs(text: str) -> str:
    return text.replace("\t", " | ")


def split_labels(text: str) -> str:
    for label in ("上年结转", "不掌握", "逾期不补正", "结转下年度", "行政处罚"):
        text = text.replace(label, "\n".join(label))
    return text


def markdown_separators(text: str) -> str:
    """GitHub-style tables: a |---| row under every header row (the active table restarts its header per group)."""
    return re.sub(r"(?m)^([ \t]*信息内容.*)$", r"\1\n|---|---|---|---|", text)


QUIRKS = [crlf, full_width, invisible_noise, spaces_not_tabs, pipes_not_tabs, split_labels, markdown_separators]


@pytest.mark.parametrize("quirk", QUIRKS, ids=lambda q: q.__name__)
@pytest.mark.parametrize("seed", SEED_NAMES)
def test_quirk_gives_the_golden_cells_and_findings(seed, quirk):
    report = run(quirk(seed_text(seed)))
    actual = {fid: cell.value for fid, cell in report.cells.items()}
    diff = cell_diff(expected_cells(golden(seed)), actual)
    assert not diff, f"{seed} with {quirk.__name__}:\n{diff}"
    want = {(f["rule"], f["severity"], tuple(f["fields"])) for f in golden(seed)["findings"]}
    assert serious(report) == want


def test_thousands_separators_and_units_in_cells():
    text = re.sub(r"行政许可 \| 290 \|", "行政许可 | 1,290 |", seed_text(SEED_NAMES[4]))
    report = run(text)
    assert report.value("active.licensing") == 1290
    assert report.text[report.cells["active.licensing"].start : report.cells["active.licensing"].end] == "1,290"
