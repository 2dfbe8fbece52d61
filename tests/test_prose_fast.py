"""The prose readers' fast paths find exactly what the general ones find.

Patterns tried only where their first words stand (extract/anchored.py) against plain `finditer`,
on the seeds and on word salads built to make matches overlap, chain and cross lines.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, SEED_NAMES, seed_text

from nianbao.extract import facts as FA
from nianbao.extract import metadata as MD
from nianbao.extract.anchored import alternatives, finditer_at, occurrences, positions, positions_by_last

# Each whole-text pattern read_facts tries at its first words only, with those words.
ANCHORED = [(p, FA._RECEIVING) for p in FA._RECEIVED] + [
    (FA._NONE_RECEIVED, FA._NOT), (FA._NO_APPEALS, FA._NOT), (FA._ALL_CONCLUDED, FA._ALL), (FA._FEES, [FA._FEES_WORD]),
]

WORDS = [
    "收到", "受理", "接到", "接收", "新收", "接收到", "未", "没有", "未收到", "没有接到", "所有", "全部", "均已", "均", "已全部",
    "按时", "办结", "申请", "政府信息公开", "依申请", "信息", "复议", "诉讼", "行政复议", "行政诉讼", "发生", "出现", "涉及",
    "许可", "件", "条", "个", "份", "宗", "0", "3", "12", "1,234", "2.5万", "千", " ", "\n", "。", ",", ";", "、",
    "镇", "乡", "街道", "我镇", "全镇", "安流镇", "五华县安流镇", "城关街道", "人民政府", "政府", "在", "共", "全年", "本年",
    "坚持", "积极", "年", "年度", "2024年", "2024年度", ":", "度", "x", "的",
]


def _salads(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(WORDS) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def _texts() -> list[str]:
    return [seed_text(s) for s in SEED_NAMES] + _salads(30000, 2026)


def _spans(found) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in found]


def test_every_anchored_pattern_begins_with_its_words():
    # What makes finditer_at exact: no match can start anywhere but at one of the words.
    for pattern, words in ANCHORED:
        assert pattern.pattern.startswith(alternatives(words))
    assert MD._ORGAN_FOLLOWED_BY == "(?=" + "|".join(MD._ORGAN_FOLLOWERS) + ")"
    assert MD._ORGAN_IN_PROSE.pattern.endswith(alternatives(MD._ORGAN_SUFFIXES) + ")" + MD._ORGAN_FOLLOWED_BY)


def test_positions_finds_every_occurrence_even_overlapping():
    assert positions("接收到收到", ["收到", "接收"]) == [0, 1, 3]
    assert positions("未未", ["未"]) == [0, 1]
    assert positions("申申申", ["申申"]) == [0, 1]  # a word overlapping itself
    assert positions("a.b", ["."]) == [1]  # a word is literal, not a pattern
    assert positions("abc", ["x"]) == []
    # Words that share a first character (接到 接收, 没 没有) are checked together where it stands.
    for words in (["收到", "接收", "未", "没有"], ["接到", "收到", "接收", "没", "没有", "申"], ["未"], ["接收", "接到"]):
        for text in _salads(3000, 1):
            start = len(text) // 3
            expected = sorted({m.start() for m in re.compile(f"(?={'|'.join(words)})").finditer(text, start)})
            assert positions(text, words, start) == expected, (words, text)


def test_facts_patterns_tried_at_their_words_match_as_finditer_does():
    matched = 0
    for text in _texts():
        for pattern, words in ANCHORED:
            expected = _spans(pattern.finditer(text))
            assert _spans(finditer_at(pattern, text, positions(text, words))) == expected, (pattern.pattern, text)
            matched += len(expected)
    assert matched > 3000  # the comparison was not vacuous


def test_organ_names_tried_before_their_endings_match_as_finditer_does():
    # organ_from_prose also passes over places whose preceding characters fail the look-behind
    # (metadata._name_may_start): full-width punctuation and other spaces are in these salads too.
    rng = random.Random(2027)
    pieces = WORDS + ["，", "：", "\t", "\u3000", "年度我镇", "。城关镇"]
    salads = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(10000)]
    matched = 0
    for text in _texts() + salads:
        expected = Counter(m["name"] for m in MD._ORGAN_IN_PROSE.finditer(text) if m["name"] not in MD._GENERIC)
        found = MD.organ_from_prose(text)
        assert found == (expected.most_common(1)[0][0] if expected else None), text
        starts = MD._organ_name_starts(text)
        assert _spans(finditer_at(MD._ORGAN_IN_PROSE, text, starts)) == _spans(MD._ORGAN_IN_PROSE.finditer(text)), text
        matched += sum(expected.values())
    assert matched > 3000
    # Every place a name can start is among them, even one finditer does not try (an earlier match covers it).
    for text in salads:
        assert {at for at in range(len(text)) if MD._ORGAN_IN_PROSE.match(text, at)} <= set(MD._organ_name_starts(text)), text


def test_occurrences_of_a_whole_word_are_its_positions():
    rng = random.Random(37)
    for word in ("行政事业性收费", "申申", "a"):
        pieces = [word, word[0], word[-1], word[:-1], "x", "\n"]
        for _ in range(3000):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
            start = rng.randint(0, len(text))
            assert occurrences(text, word, start) == positions(text, [word], start), (word, text, start)
    # The fees pattern tried where its word stands finds what finditer finds, in fee-like salads.
    pieces = ["行政事业性收费", "行政事业性收费0元", "行政事业性收费共", "行政", "收费", "0", "12", "1.5", "3千", "2亿", "元", "万元", " ", "\n", "。", "共", "x"]
    matched = 0
    for text in [seed_text(s) for s in SEED_NAMES] + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 20))) for _ in range(5000)]:
        expected = _spans(FA._FEES.finditer(text))
        assert _spans(finditer_at(FA._FEES, text, occurrences(text, FA._FEES_WORD))) == expected, text
        matched += len(expected)
    assert matched > 1000
    assert FA._FEES.pattern.startswith(alternatives([FA._FEES_WORD]))


def test_positions_found_by_last_characters_are_those_found_by_first_ones():
    # Words of several lengths ending alike (成文日期, 日期, 期), overlapping themselves and each other.
    for words in (MD._ISSUE_WORDS, ["收到", "接收", "未", "没有"], ["成文日期", "日期", "期", "期期"], ["接收", "新收", "收"]):
        pieces = list(words) + ["发布", "日", "期", "x", "收", "\n", "成文", "时间"]
        rng = random.Random(43)
        for _ in range(3000):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
            start = rng.randint(0, len(text))
            assert positions_by_last(text, words, start) == positions(text, words, start), (words, text, start)


def test_a_match_left_unreported_still_hides_the_one_it_overlaps():
    # finditer never returns overlapping matches: 接收 at 0 is found, so 收到 at 1 is not tried.
    pattern = re.compile(r"(?:接收|收到)到?申请")
    text = "接收到申请收到申请"
    assert _spans(finditer_at(pattern, text, positions(text, ["接收", "收到"]))) == _spans(pattern.finditer(text))
    assert [m.start() for m in finditer_at(pattern, text, [0, 1, 5])] == [0, 5]


def test_a_sentence_inside_a_table_states_no_document_count():
    # read_facts passes over such a sentence: every count in it would start inside the table.
    text = "规章 | 制发3件 | 废止1件\n本年度制发规范性文件2件。"
    row_end = text.index("\n")
    assert [(f.name, f.value) for f in FA._documents(text, [(0, row_end)])] == [("active.normative_docs.issued", 2)]
    assert [(f.name, f.value) for f in FA._documents(text, [(0, 1)])][:2] == [
        ("active.regulations.issued", 3), ("active.regulations.repealed", 1)]


def test_normalize_changes_each_character_as_a_lookup_table_does():
    from nianbao.extract.normalize import _REPLACEMENT, _TABLE, normalize

    assert not any(ch in to for to in _REPLACEMENT.values() for ch in _REPLACEMENT if ch != to)  # order-free
    pieces = [chr(code) for code in _TABLE] + ["\r\n", "\r", "\n", "a", "1", "政府", " ", "\r\u200b\n", "（二）", "，"]
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert normalize(text) == text.replace("\r\n", "\n").replace("\r", "\n").translate(_TABLE), repr(text)
    for stem in SEED_NAMES:
        text = seed_text(stem)
        assert normalize(text) == text.replace("\r\n", "\n").replace("\r", "\n").translate(_TABLE)


# --- OpenCC: a text with none of the characters its dictionaries change is not converted --------------
def _t2s():
    import opencc

    from nianbao.extract.t2s_keys import config_entries

    converter = opencc.OpenCC("t2s")
    return converter, config_entries(Path(converter.config))


def test_every_dictionary_key_that_converts_to_something_else_is_caught():
    from nianbao.extract import normalize as N

    converter, entries = _t2s()
    N.to_simplified("")  # builds the check
    assert N._MAY_CHANGE is not None and len(entries) > 5000
    changed = [key for key in entries if converter.convert(key) != key]
    assert len(changed) > 4000
    assert not [key for key in changed if not N._MAY_CHANGE.search(key)]


def test_a_text_without_those_characters_converts_to_itself():
    from nianbao.extract import normalize as N

    converter, _ = _t2s()
    N.to_simplified("")
    plain = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF and not N._MAY_CHANGE.match(chr(c))]
    assert len(plain) > 50000
    every = "".join(plain)
    assert converter.convert(every) == every
    rng = random.Random(3)
    for _ in range(300):
        text = "".join(rng.choice(plain) for _ in range(200))
        assert converter.convert(text) == text


def test_to_simplified_agrees_with_converting_every_text():
    import opencc

    from nianbao.extract import normalize as N

    def plain(text):  # to_simplified without the check
        converted = N._converter().convert(text)
        if converted == text:
            return None
        if len(converted) != len(text):
            converted = "".join(ch if len(c := N._converter().convert(ch)) != 1 else c for ch in text)
        return converted

    s2t = opencc.OpenCC("s2t").convert
    texts = [seed_text(s) for s in SEED_NAMES]
    texts += [s2t(t) for t in texts] + ["", "沈阳市", "瀋陽", "長", "深沈", "有序", "\U00020000"]
    rng = random.Random(5)
    keys = sorted(_t2s()[1])
    texts += ["".join(rng.choice([rng.choice(keys), "政府", "公开", "1", "\n"]) for _ in range(8)) for _ in range(3000)]
    converted = 0
    for text in texts:
        assert N.to_simplified(text) == plain(text), text
        converted += plain(text) is not None
    assert converted > 1000
    with pytest.raises(UnicodeEncodeError):  # a lone surrogate still goes to OpenCC, which cannot encode it
        N.to_simplified("政府\ud800")


def test_a_simplified_text_is_read_without_opencc_and_a_traditional_one_with_the_file_the_check_read():
    # A fresh interpreter, as a batch's worker: the first report (simplified) neither imports opencc nor
    # builds its converter; the first traditional one builds it from the t2s.json the check was derived from.
    script = textwrap.dedent("""
        import hashlib, json, sys
        from nianbao.pipeline import process_text
        from nianbao.extract import normalize as N, t2s_keys
        def run(text):
            return process_text("x.txt", hashlib.sha256(text.encode()).hexdigest(), text)
        simplified = run(sys.argv[1])
        loaded = "opencc" in sys.modules
        traditional = run(sys.argv[2])
        print(json.dumps([loaded, "opencc" in sys.modules, N._converter().config, str(t2s_keys.shipped_config()),
                          [simplified.display_text is None, traditional.display_text is not None,
                           simplified.text == traditional.text]]))
    """)
    import opencc

    seed = seed_text(SEED_NAMES[0])
    done = subprocess.run([sys.executable, "-c", script, seed, opencc.OpenCC("s2t").convert(seed)],
                          capture_output=True, text=True, timeout=120, check=True, cwd=ROOT)
    loaded_at_first, loaded_at_second, converter_config, shipped, converted = json.loads(done.stdout)
    assert (loaded_at_first, loaded_at_second) == (False, True)
    assert converted == [True, True, True]  # the traditional text was converted, to the seed's own text
    assert converter_config == shipped
    # … the very file OpenCC("t2s") reads (no t2s.json in the working directory), as before it was built lazily
    assert Path(opencc.OpenCC("t2s").config).resolve() == Path(shipped).resolve()


def test_without_the_shipped_config_the_converter_says_which_file_it_read(monkeypatch):
    import opencc

    from nianbao.extract import normalize as N
    from nianbao.extract import t2s_keys

    for name, value in (("_PREPARED", False), ("_T2S", None), ("_T2S_CONFIG", None), ("_MAY_CHANGE", None),
                        ("_TO_CHANGE_OR_T2S", None), ("_TO_CHANGE_OR_T2S_IN_BMP", None)):
        monkeypatch.setattr(N, name, value)  # a process that has read no text yet
    monkeypatch.setattr(t2s_keys, "shipped_config", lambda: None)
    s2t = opencc.OpenCC("s2t").convert
    texts = [seed_text(s) for s in SEED_NAMES]
    texts += [s2t(t) for t in texts] + ["瀋陽", "沈阳", "\U00020000政府"]
    for raw in texts:
        text = N.normalize(raw)
        assert N.normalized_and_simplified(raw) == (text, N.to_simplified(text))
    assert N._T2S is not None and N._T2S_CONFIG is None and N._MAY_CHANGE is not None  # built first, asked
    assert sum(N.to_simplified(N.normalize(t)) is not None for t in texts) >= len(SEED_NAMES)


def test_the_shipped_config_is_none_where_the_package_keeps_none(monkeypatch, tmp_path):
    import importlib.machinery
    import importlib.util

    from nianbao.extract import t2s_keys

    assert t2s_keys.shipped_config().name == "t2s.json"
    spec = importlib.machinery.ModuleSpec("opencc", None, is_package=True)
    spec.submodule_search_locations = [str(tmp_path)]  # a package without clib/share/opencc/t2s.json
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    assert t2s_keys.shipped_config() is None
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)  # no opencc at all
    assert t2s_keys.shipped_config() is None
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    assert t2s_keys.shipped_config() is not None
    (tmp_path / "t2s.json").write_text("{}", encoding="utf-8")  # OpenCC("t2s") would read this one
    assert t2s_keys.shipped_config() is None


def test_the_recorded_class_is_the_one_derived_from_the_installed_dictionaries():
    from nianbao.extract import t2s_keys

    converter, entries = _t2s()
    config = Path(converter.config)
    derived = "".join(sorted(t2s_keys.changing_characters(entries)))
    recorded = t2s_keys.recorded_characters(config)
    assert recorded in (None, derived)  # None: other dictionaries than t2s_changing.py was made from
    assert t2s_keys.may_change(config).pattern == "[" + re.escape(derived) + t2s_keys._OUTSIDE_BMP + "]"


def test_dictionaries_other_than_the_recorded_ones_are_read_themselves(tmp_path):
    from nianbao.extract import t2s_keys

    config = Path(_t2s()[0].config)
    for name in t2s_keys.file_hashes(config):
        (tmp_path / name).write_bytes((config.parent / name).read_bytes())
    assert t2s_keys.recorded_characters(tmp_path / config.name) == t2s_keys.recorded_characters(config)
    settings = (tmp_path / config.name).read_text(encoding="utf-8")
    (tmp_path / config.name).write_text(settings.replace('"TSPhrases.ocd2" }', '"TSPhrases.ocd2" }, { "type": "text", "file": "extra.txt" }'), encoding="utf-8")
    (tmp_path / "extra.txt").write_text("有序\t有续\n", encoding="utf-8")  # a made-up entry: 有序 now changes
    assert t2s_keys.recorded_characters(tmp_path / config.name) is None
    found = t2s_keys.may_change(tmp_path / config.name)
    assert found.search("有序") and not t2s_keys.may_change(config).search("有序")


def test_an_unknown_conversion_setting_turns_the_check_off(tmp_path, monkeypatch):
    from nianbao.extract import t2s_keys

    config = tmp_path / "t2s.json"
    config.write_text('{"name": "x", "segmentation": {"type": "mmseg"}, "conversion_chain": []}', encoding="utf-8")
    assert t2s_keys.may_change(config) is None
    config.write_text('{"conversion_chain": [{"dict": {"type": "marisa", "file": "x"}}]}', encoding="utf-8")
    assert t2s_keys.may_change(config) is None
    (tmp_path / "d.txt").write_text("長\t长\n有序\t有序\n", encoding="utf-8")
    config.write_text('{"conversion_chain": [{"dict": {"type": "text", "file": "d.txt"}}]}', encoding="utf-8")
    found = t2s_keys.may_change(config)
    assert found.search("長") and not found.search("有序")
    monkeypatch.setattr(t2s_keys, "_opencc_dict_tool", lambda: None)  # no tool to read the installed dictionaries
    config.write_text('{"conversion_chain": [{"dict": {"type": "ocd2", "file": "d.ocd2"}}]}', encoding="utf-8")
    assert t2s_keys.may_change(config) is None
    assert t2s_keys.may_change(tmp_path / "missing.json") is None


def test_sniff_passes_over_plain_text_without_looking_for_tags():
    from nianbao.load import _HTML_TAGS, sniff

    assert all(tag.startswith(b"<") for tag in _HTML_TAGS)  # what lets a text without < skip the search
    assert sniff("一、总体情况\n".encode(), Path("a.txt")) == "text"
    assert sniff(b"  <P>x</p>", Path("a.txt")) == "html"


def test_sniff_reading_the_suffix_only_where_it_decides_sniffs_as_before():
    from nianbao.load import _HTML_TAGS, sniff

    def as_before(data: bytes, suffix: str) -> str:  # sniff as it was, given the lowered suffix at once
        head = data[:4096].lstrip()
        if head.startswith(b"%PDF"):
            return "pdf"
        if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
            return "image"
        if data.startswith(b"PK\x03\x04"):
            return "docx" if b"word/" in data[:65536] or suffix == ".docx" else "zip"
        if any(tag in head[:2048].lower() for tag in _HTML_TAGS):
            return "html"
        if suffix in (".html", ".htm") and b"<" in head:
            return "html"
        return "text"

    pieces = [b"PK\x03\x04", b"word/", b"%PDF", b"<", b"<HTML", b"<p>", b"<div", b" ", b"\n", "政府".encode(), b"x" * 1500]
    names = ["a.txt", "a.HTML", "b.htm", "c.docx", "d.DOCX", "e.pdf", "noext", "f.tar.htm", ".htm"]
    rng = random.Random(41)
    kinds = Counter()
    for _ in range(20000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        name = rng.choice(names)
        expected = as_before(data, Path(name).suffix.lower())
        assert sniff(data, Path(name)) == expected, (data[:100], name)
        kinds[expected] += 1
    assert min(kinds[k] for k in ("docx", "zip", "html", "pdf", "text")) > 100, kinds


def test_the_issue_date_searched_at_its_words_is_the_one_search_finds():
    assert MD._ISSUE_DATE.pattern.startswith(alternatives(MD._ISSUED) + alternatives(MD._DATE_WORDS))
    assert set(MD._ISSUE_WORDS) == {a + b for a in MD._ISSUED for b in MD._DATE_WORDS}
    pieces = ["发布", "印发", "成文", "日期", "时间", ":", "：", " ", "\n", "2024年1月5日", "2023 年 12 月 31 日", "x", "发布日期:", "成文时间： 2024年3月1日"]
    rng = random.Random(11)
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        body = rng.randint(0, len(text))
        expected = MD._ISSUE_DATE.search(text, body)
        got = next(finditer_at(MD._ISSUE_DATE, text, positions(text, MD._ISSUED, body)), None)
        assert (got and got.span()) == (expected and expected.span()), text
        by_last = next(finditer_at(MD._ISSUE_DATE, text, positions_by_last(text, MD._ISSUE_WORDS, body)), None)
        assert (by_last and by_last.span()) == (expected and expected.span()), text
        found += expected is not None
    assert found > 1000


def test_a_key_word_far_from_its_line_end_is_never_in_a_heading():
    from nianbao.extract import sections as SE

    pieces = ["一、", "3.", "(三)", "（二）", "## ", " ", "\t", "*", "总体情况", "主动公开", "收到和处理政府信息公开申请情况",
              "行政复议", "主要问题及改进情况", "其他需要报告的事项", "政府信息", "的", "工作", "。", "\n"]
    rng = random.Random(13)
    skipped = 0
    for _ in range(20000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) + rng.choice(["", "x" * rng.randint(1, 70)])
        for number, keyword in SE._KEYWORDS.items():
            for hit in keyword.finditer(line):
                line_start = line.rfind("\n", 0, hit.start()) + 1
                line_end = line.find("\n", hit.end())
                line_end = len(line) if line_end < 0 else line_end
                if line_end - hit.start() > SE._MAX_TITLE_CHARS:  # find_sections passes over this hit
                    skipped += 1
                    assert SE._HEADING_LINE.match(line, line_start, line_end) is None, line
    assert skipped > 1000


def _heading_searched_again(line_title: str, number: int, numbered: bool) -> bool:
    """sections._is_heading as it was, looking for the section's key words in the title again."""
    from nianbao.extract import sections as SE

    title = line_title.strip().strip("*# \t")
    if len(title) > SE._MAX_HEADING_CHARS or not SE._KEYWORDS[number].search(title):
        return False
    if title.endswith(("。", ";", "；")):
        return False
    return numbered or title.startswith(SE._TITLE_STARTS[number])


def _sections_trying_every_hit(text: str) -> list[tuple[int, str, int]]:
    """find_sections as it was before it passed over hits far from their line's end (and found its key words twice)."""
    from nianbao.extract import sections as SE

    found, pos = [], 0
    for number in range(1, 7):
        for hit in SE._KEYWORDS[number].finditer(text, pos):
            line_start = text.rfind("\n", 0, hit.start()) + 1
            line_end = text.find("\n", hit.end())
            m = SE._HEADING_LINE.match(text, line_start, len(text) if line_end < 0 else line_end)
            if m and _heading_searched_again(m["title"], number, m["num"] is not None):
                found.append((number, text[m.start() : m.end()].strip().strip("#* \t").strip(), m.start()))
                pos = m.end()
                break
    return found


def test_find_sections_finds_what_trying_every_hit_finds():
    from nianbao.extract import sections as SE
    from nianbao.extract.sections import find_sections

    lines = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
             "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "本年主动公开信息60条。", "行政复议1件", "(三)主要问题", "## 总体情况",
             "x" * 50 + "主动公开", "x" * 55 + "总体情况", "其他事项" + "y" * 57, "  收到申请" + "z" * 52, "二、主动公开" + " " * 45, "一、总体情况" + "*" * 56, ""]
    rng = random.Random(17)
    texts = [seed_text(s) for s in SEED_NAMES] + ["\n".join(rng.choice(lines) for _ in range(rng.randint(1, 14))) for _ in range(20000)]
    # Lines pieced from numbering, markup and key words in every order (a key word split by markup, at
    # the line's start or end, after a numeral): find_sections no longer looks for the key words in a title.
    pieces = ["一、", "十二.", "3.", "(三)", "（二）", "## ", "#", "**", "*", "> ", " ", "\t", "\u3000", "总体", "情况", "总体情况",
              "主动公开", "收到", "处理", "申请", "收到和处理申请", "行政复议", "行政诉讼", "主要问题", "问题及改进", "改进情况",
              "其他需要报告", "其他事项", "的", "x" * 9, "。", "；", ";"]
    texts += ["\n".join("".join(rng.choice(pieces) for _ in range(rng.randint(1, 9))) for _ in range(rng.randint(1, 12)))
              for _ in range(20000)]
    # What lets find_sections not look again: every key-word match begins with one of these characters,
    # and none of them is numbering, markup or white space.
    firsts = set("总主收处行问改其")
    assert not any(re.match(r"[ \t#*>\s一二三四五六七八九十\d、.,．(（)）]", ch) for ch in firsts)
    for text in texts[::8]:
        for keyword in SE._KEYWORDS.values():
            assert all(m.group(0)[0] in firsts for m in keyword.finditer(text)), (keyword.pattern, text)
    found = 0
    for text in texts:
        expected = _sections_trying_every_hit(text)
        assert [(s.number, s.title, s.start) for s in find_sections(text)] == expected, text
        found += len(expected)
    assert found > 40000


def test_a_share_is_looked_for_only_where_its_zhan_is():
    # _proactive scans for shares only when the window holds 占, which every share match contains.
    assert "条[^。\\d%]{0,3}?占(?:比)?" in FA._SHARE_ITEM.pattern
    text = "主动公开信息10条,其中工作动态6条,占比60%,通知公告4条,占比40%。"
    shares = [f for f in FA._proactive(text, [], len(text)) if f.name.startswith("proactive.share")]
    assert [(f.name, f.value) for f in shares] == [("proactive.share:工作动态", 60.0), ("proactive.share:通知公告", 40.0)]


def test_shares_tried_before_their_tiao_are_those_finditer_finds():
    # Counts glued to each other and to percentages, spaces (also full-width and newlines) between a
    # count and its 条, other digits (Arabic-Indic too: \d is any decimal) and windows cut anywhere.
    pieces = ["60", "6", "0", "65.93", "2.20", "٣", " ", "　", "\n", "条", "占", "占比", "%", ",", "。",
              "工作动态", "类信息", "共发布", "其中", "x", "占总公开信息的", "60条,占比65.93%", "条占", "条,占比",
              "22 条,占 24.18 %", "7\n条占比7.69%"]
    rng = random.Random(23)
    texts = [seed_text(s) for s in SEED_NAMES] + [
        "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(30000)]
    matched = 0
    for text in texts:
        start = rng.randint(0, len(text) // 3)
        end = rng.choice([len(text), rng.randint(start, len(text))])
        expected = _spans(FA._SHARE_ITEM.finditer(text, start, end))
        assert _spans(FA._shares(text, start, end)) == expected, (text, start, end)
        matched += len(expected)
    assert matched > 3000


def test_a_sentence_found_within_its_line_is_the_one_found_across_the_text():
    rng = random.Random(19)
    for _ in range(20000):
        text = "".join(rng.choice(["。", "\n", "规章", "x", "政府", " ", "。\n"]) for _ in range(rng.randint(1, 25)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        ends = [i for i in (text.find("。", end), text.find("\n", end)) if i >= 0]
        expected = (max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1, min(ends, default=len(text)))
        assert FA._sentence_around(text, start, end) == expected, (text, start, end)


def test_reading_a_file_by_its_descriptor_keeps_every_outcome_of_stat_then_read(tmp_path):
    # load.read_bytes opens, fstats and reads once; the general way stats the path, then reads it.
    from nianbao.load import LoadError, _stat_then_read, read_bytes

    def outcome(read, path, limit):
        try:
            return read(path, limit)
        except LoadError as exc:
            return str(exc)

    rng = random.Random(23)
    paths = [tmp_path / "missing.txt", tmp_path, tmp_path / "no" / "parent.txt"]
    (tmp_path / "dangling").symlink_to(tmp_path / "gone")
    paths.append(tmp_path / "dangling")
    for i in range(40):
        path = tmp_path / f"f{i}.txt"
        path.write_bytes(rng.randbytes(rng.choice([0, 1, rng.randint(2, 300_000), rng.randint(65535, 65537)])))
        paths.append(path)
    failures = 0
    for path in paths:
        for limit in (0, 1, 4096, 65535, 65536, 65537, 10**6, 20 * 1024 * 1024, rng.randint(0, 300_000)):
            expected = outcome(_stat_then_read, path, limit)
            assert outcome(read_bytes, path, limit) == expected, (path, limit)
            failures += isinstance(expected, str)
    assert failures > 40  # too large, missing, a folder, a dangling link: every reason was compared


def test_a_pipe_whose_first_read_is_short_is_read_to_its_end(tmp_path):
    # read_bytes takes a short first read followed by an empty one for a whole small file; from a pipe
    # a short read is only what the writer has written so far, and the rest must still be read.
    import os
    import threading
    import time

    from nianbao.load import read_bytes

    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    pieces = ["一、总体情况\n".encode(), b"x" * 70_000, "二、主动公开\n".encode()]

    def write():
        with open(fifo, "wb", buffering=0) as out:
            for piece in pieces:
                out.write(piece)
                time.sleep(0.05)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert read_bytes(fifo, 20 * 1024 * 1024) == b"".join(pieces)
    finally:
        writer.join()


def test_the_period_searched_at_its_word_is_the_one_search_finds():
    assert MD._PERIOD.pattern.startswith(alternatives(MD._COUNTED))
    pieces = ["统计", "统计期限", "时限", "期", "统", "计", "为", " ", "\n", "。", "2024年1月1日", "2023 年 1 月 1 日", "2024年12月31日",
              "x", "至", "统计时间:2024年1月1日"]
    rng = random.Random(29)
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        expected = MD._PERIOD.search(text)
        got = next(finditer_at(MD._PERIOD, text, positions(text, MD._COUNTED)), None)
        assert (got and got.span()) == (expected and expected.span()), text
        found += expected is not None
    assert found > 1000


def test_a_label_without_verbs_at_its_ends_is_not_searched():
    pieces = [*FA._LEADING_VERBS, "工作动态", "类", "信息", " ", "\n", "共发布", "x", "公", "开"]
    rng = random.Random(31)
    changed = 0
    for _ in range(20000):
        label = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        expected = FA._VERBS.sub("", label)
        assert FA._without_verbs(label) == expected, label
        changed += expected != label
    assert changed > 5000


def _documents_searching_every_clause(text: str, skip: list[tuple[int, int]]) -> list:
    """_documents as it was before clauses without 规 were passed over (and tables tested with any())."""
    facts = []
    for sentence_start, sentence_end in FA._sentences_naming_documents(text):
        if any(s <= sentence_start and sentence_end <= e for s, e in skip):
            continue
        kind, at = None, None
        for clause in FA._CLAUSE.finditer(text, sentence_start, sentence_end):
            named = {k: m for k, p in FA._DOC_KINDS.items() if (m := p.search(text, clause.start(), clause.end()))}
            if len(named) > 1:
                kind, at = None, None
                continue
            if named:
                (kind, m), = named.items()
                at = m.start()
            if kind is None:
                continue
            for m in FA._DOC_COUNT.finditer(text, clause.start(), clause.end()):
                if all(not (s <= m.start() < e) for s, e in skip):
                    start = min(at, m.start())
                    facts.append((f"active.{kind}.{FA._DOC_VERBS[m['verb']]}", FA.parse_number(m["n"]), start, m.end()))
    return facts


def test_document_counts_read_only_in_clauses_naming_a_kind_are_the_ones_every_clause_gives():
    assert all(p.pattern.startswith("规") for p in FA._DOC_KINDS.values())  # what lets a clause without 规 pass
    pieces = ["规章", "规章制度", "规范性文件", "行政规范性文件", "规", "制发", "废止", "现行有效", "保留", "印发", "3件", "0件", "12条",
              "2 部", ",", "，", ";", "、", "。", "\n", "本年", "x", " | "]
    rng = random.Random(37)
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        a, b = sorted(rng.randint(0, len(text)) for _ in range(2))
        sentences = FA._sentences_naming_documents(text)  # a table exactly as long as a sentence, or one longer
        row = [rng.choice(sentences)] if sentences else []
        row = [(s - rng.randint(0, 1), e + rng.randint(0, 1)) for s, e in row]
        skip = rng.choice([[], [(a, b)], [(0, a), (b, len(text))], row, row + [(a, b)]])
        expected = _documents_searching_every_clause(text, skip)
        assert [(f.name, f.value, f.start, f.end) for f in FA._documents(text, skip)] == expected, (text, skip)
        found += len(expected)
    assert found > 2000


def test_normalizing_and_checking_for_traditional_characters_in_one_scan_agrees_with_the_two_steps():
    import opencc

    from nianbao.extract import normalize as N

    converter, entries = _t2s()
    N.to_simplified("")
    union, to_change, may_change = N._TO_CHANGE_OR_T2S, N._TO_CHANGE, N._MAY_CHANGE
    every = [chr(c) for c in range(0x10000)] + ["\U00020000", "\U0010ffff"]
    assert all(bool(union.match(ch)) == bool(to_change.match(ch) or may_change.match(ch)) for ch in every)
    # What makes one scan enough: nothing normalize writes is a character OpenCC may change.
    assert not any(may_change.search(to) for to in N._REPLACEMENT.values()) and not may_change.search("\n")
    s2t = opencc.OpenCC("s2t").convert
    seeds = [seed_text(s) for s in SEED_NAMES]
    traditional = sorted(key for key in entries if converter.convert(key) != key)
    pieces = [*N._REPLACEMENT, "\r\n", "\r", "\n", "政府", "公开", "1", " ", "（二）", "，"]
    rng = random.Random(41)
    texts = seeds + [s2t(t) for t in seeds] + ["", "\r", "瀋陽", "\u200b長\r\n", "沈阳"]
    texts += ["".join(rng.choice([rng.choice(pieces), rng.choice(pieces), rng.choice(traditional)]) for _ in range(rng.randint(0, 12)))
              for _ in range(5000)]
    converted = 0
    for raw in texts:
        text = N.normalize(raw)
        expected = (text, N.to_simplified(text))
        assert N.normalized_and_simplified(raw) == expected, raw
        converted += expected[1] is not None
    assert converted > 1000


def test_a_text_with_nothing_beyond_the_bmp_is_scanned_without_the_astral_range():
    from nianbao.extract import normalize as N

    N.to_simplified("")
    union, in_bmp = N._TO_CHANGE_OR_T2S, N._TO_CHANGE_OR_T2S_IN_BMP
    assert in_bmp is not None
    assert all(bool(union.match(chr(c))) == bool(in_bmp.match(chr(c))) for c in range(0x10000))
    assert union.match("\U00010000") and union.match("\U0010ffff") and not in_bmp.match("\U00020000")
    # _narrow: sure of "nothing beyond U+FFFF" for each width a str is stored in, never for a text holding one.
    rng = random.Random(47)
    alphabets = ["ab\n", "abé\xff", "政府\u3000（", "\ud800政", "政\U00020000", "a\U0010ffff"]
    for _ in range(3000):
        text = "".join(rng.choice(rng.choice(alphabets)) for _ in range(rng.randint(0, 50)))
        assert N._narrow(text) == (max(text, default="a") <= "\uffff"), repr(text)

    class Text(str):  # another layout: a size the rule cannot explain counts as wide
        pass

    assert not N._narrow(Text("政府"))
    # Texts beyond the BMP and beside it: one scan still finds what the two steps find.
    pieces = ["政府", "\U00020000", "𤋮", "瀋陽", "，", "\u200b", "\r\n", "1", "\U0010ffff"]  # (OpenCC refuses lone surrogates)
    for _ in range(3000):
        raw = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        text = N.normalize(raw)
        assert N.normalized_and_simplified(raw) == (text, N.to_simplified(text)), repr(raw)


def test_the_sub_heading_tried_before_its_parenthesis_is_the_one_search_finds():
    # Blank lines and other white space before the parenthesis, both parentheses, numbers that are not
    # a sub-heading's, and windows starting and ending anywhere (in white space, on a parenthesis).
    pieces = ["(", "（", ")", "）", "二", "三", "一", "十", " ", "\t", "\u3000", "\n", "\n\n", "x", "政府", "(二)", "\n(三)",
              "\n （ 四 ）", "2"]
    rng = random.Random(29)
    texts = [seed_text(s) for s in SEED_NAMES] + [
        "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(30000)]
    found = 0
    for text in texts:
        start = rng.choice([0, rng.randint(0, len(text))])
        end = rng.choice([len(text), rng.randint(start, len(text))])
        expected = FA._SUBSECTION.search(text, start, end)
        got = FA._subsection(text, start, end)
        assert (got and got.span()) == (expected and expected.span()), (text, start, end)
        found += expected is not None
    assert found > 3000


def test_control_bytes_counted_by_keeping_them_are_those_deleting_them_leaves_out():
    from nianbao.load import text as LT

    assert set(LT._CONTROLS) | set(LT._NOT_CONTROLS) == set(range(256)) and not set(LT._CONTROLS) & set(LT._NOT_CONTROLS)
    rng = random.Random(31)
    for _ in range(3000):
        data = bytes(rng.choice([rng.randrange(256), rng.randrange(32), 10, 0xe6]) for _ in range(rng.randint(0, 300)))
        controls = len(data) - len(data.translate(None, LT._CONTROLS))
        assert len(data.translate(None, LT._NOT_CONTROLS)) == controls
        assert LT._looks_binary(data) == (b"\x00" in data or controls > len(data) * 0.01), data


def test_decoding_finds_the_control_bytes_once_and_decides_as_before():
    # decode_text looks for NUL among the control bytes _looks_binary counts, instead of in the whole
    # sample before counting them: the same decision on texts, UTF-16 without BOM, binaries, damaged UTF-8.
    from nianbao.load import text as LT

    def as_before(data: bytes) -> tuple[str | None, str]:
        if data.startswith(LT._ANY_BOM):
            return LT.decode_text(data)  # (unchanged: a BOM decides)
        if b"\x00" in data[:65536]:
            return LT._utf16_without_bom(data)
        if LT._looks_binary(data):
            return None, ""
        for encoding in ("utf-8", "gb18030"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if encoding == "gb18030" and not LT._mostly_cjk_or_ascii(text):
                break
            return text, encoding
        return LT._utf8_with_a_few_bad_bytes(data)

    words = ["一、总体情况", "政府信息公开", "12", "abc", "\n", "\t", "\r\n", "\f", " "]
    pieces = [w.encode("utf-8") for w in words] + [w.encode("gb18030") for w in words] + [
        w.encode("utf-16-le") for w in words] + [b"\x00", b"\x01", b"\x1b", b"\x08", b"\x0b", b"\x1f", b"\xff", b"\x80"]
    rng = random.Random(31)
    outcomes = Counter()
    for _ in range(10000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        if rng.random() < 0.5:  # mostly one encoding, as files are, with a stray piece
            kind = rng.choice([0, 9, 18])
            data = b"".join(rng.choice(pieces[kind : kind + 9]) for _ in range(rng.randint(0, 300))) + rng.choice(pieces)
        if rng.random() < 0.05:
            data = data * rng.randint(50, 500)  # past the 64 kB sample
        if rng.random() < 0.05:  # about the 1 % of control bytes that makes bytes binary, the file longer than the sample or not
            data = bytearray("2024年 report 政府信息公开\n".encode() * rng.randint(1, 5000))
            for _ in range(int(min(len(data), 65536) * rng.uniform(0.017, 0.025))):
                at = rng.randrange(min(len(data), 65536))
                data[at] = 1 if data[at] < 0x80 else data[at]  # (in place of an ASCII byte: still UTF-8)
            data = bytes(data)
        expected = as_before(data)
        assert LT.decode_text(data) == expected, data[:200]
        outcomes[expected[1].split("+")[0] or "binary"] += 1
    assert min(outcomes[k] for k in ("utf-8", "gb18030", "utf-16-le", "binary")) > 100, outcomes


def test_the_title_read_with_its_look_ahead_and_split_names_what_it_named_before():
    # _TITLE's look-ahead after the lazy organ turns away places where the rest cannot begin; and the
    # title's white space goes by str.split (str.isspace), which is what re's \s is.
    assert "(?P<organ>.*?)(?=[\\s关\\d度政])" in MD._TITLE.pattern
    plain = re.compile(MD._TITLE.pattern.replace("(?=[\\s关\\d度政])", ""))
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert "".join(every.split()) == re.sub(r"\s+", "", every)

    def as_before(title: str) -> tuple[str | None, int | None]:
        m = plain.match(re.sub(r"\s+", "", title))
        if not m:
            return None, None
        year = m["y1"] or m["y2"]
        organ = m["organ"].strip() or None
        if organ and (MD._NOT_A_NAME.search(organ) or organ in MD._GENERIC):
            organ = None
        return organ, int(year) if year else None

    pieces = ["2024", "2024年", "2024 年度", "年度", "年", "度", "关于", " ", "\t", "\u3000", "\n", "政府信息公开", "政府", "信息公开",
              "五华县安流镇", "我镇", "人民政府", "办公室", "工作", "年度报告", "的", "1", "12345", "x", "，", "关"]
    rng = random.Random(47)
    titles = [seed_text(s)[:80] for s in SEED_NAMES] + [
        "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(30000)]
    named = 0
    for title in titles:
        for text in (title, "".join(title.split())):
            expected = plain.match(text)
            got = MD._TITLE.match(text)
            assert (got and (got.span(), got.groupdict())) == (expected and (expected.span(), expected.groupdict())), text
        organ, year = as_before(title)
        assert MD.organ_from_title(title) == (organ, year), title
        named += organ is not None
    assert named > 3000
