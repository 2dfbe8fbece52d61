"""The organ is read as printed: never a fragment like 度我镇 from "2024年度我镇…"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, SEED_NAMES, golden, run, seed_named, seed_text

from nianbao.extract.metadata import organ_from_prose

OTHER_GOLDENS = [ROOT / "golden" / "synthetic" / "synthetic_2019.txt", ROOT / "golden" / "glued" / "glued_2021.txt"]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_seed_gives_the_organ_its_golden_file_names(name):
    assert run(seed_text(name)).organ == golden(name)["organ"]


@pytest.mark.parametrize("path", OTHER_GOLDENS, ids=lambda p: p.stem)
def test_the_other_goldens_give_their_organ(path: Path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["organ"]
    assert run(path.read_text(encoding="utf-8")).organ == expected


@pytest.mark.parametrize(("sentence", "organ"), [
    ("2024年度我镇共收到政府信息公开申请1件。", None),
    ("2024年度本镇坚持依法公开。", None),
    ("2024年度安居镇收到申请1件。", "安居镇"),
    ("2024年，度假镇坚持公开。", "度假镇"),  # 度 begins a real name when 年 is not right before it
])
def test_du_of_nianDu_is_not_part_of_the_organ(sentence, organ):
    assert organ_from_prose(sentence) == organ


def test_a_report_that_says_2024年度我镇_gets_its_organ_from_where_it_is_named():
    text = seed_named("004")  # 安居镇: named only in the prose (no title, no sign-off)
    assert "2024年安居镇收到1条依申请公开" in text
    text = text.replace("2024年安居镇收到1条依申请公开", "2024年度安居镇收到1条依申请公开")
    text = text.replace("2024年,我镇认真贯彻", "2024年度我镇认真贯彻")
    assert run(text).organ == "安居镇"


def test_a_sentence_about_disclosure_is_not_a_title():
    text = "2024年度我镇共收到政府信息公开申请1件，均已按时办结。\n" + seed_named("004")
    report = run(text)
    assert report.title is None and report.organ == "安居镇"
