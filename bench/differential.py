"""Differential fuzzing: generated report texts through two checkouts' pipelines, every output compared.

    python bench/differential.py OLD_PYTHON NEW_PYTHON [--seed 1] [--seconds 120] [--kinds cells,prose,...]
                                 [--minimise] [--save DIR]

OLD_PYTHON and NEW_PYTHON are the interpreters of two venvs with nianbao installed (e.g. a checkout
of the release before a speed-up and the current one). Each runs this file with `--serve` as one
long-lived process: texts go in as JSON lines, and out comes everything a report would store or
print: the report from process_text and its stored rows from report_rows (timings left out). The
texts are mutants of golden/*.txt (and of --corpus items) made with a fixed seed: mostly inside the
table regions (emptied cells, markers, units and magnitudes, signs, fractions, thousands separators,
numbering, separators swapped or removed, broken labels, rows with extra or missing cells, rows near
the fast row reader's length limit), some in the prose the facts and metadata readers read, and in
the characters (CRLF, full-width digits, traditional and astral characters, HTML entities).

Prints, per kind of mutation, how many texts were compared and how many differed, and each
difference's first differing field. With --minimise, a differing text is shrunk (lines, then
characters) while it still differs, and saved to --save as a differential-corpus item
(`f_<hash>.json`). Exit 1 when any text differed.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- the server side (runs in either venv)

def _jsonable(x):
    if dataclasses.is_dataclass(x):
        return {k: _jsonable(v) for k, v in dataclasses.asdict(x).items()}
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if isinstance(x, bytes):
        import zlib
        if x[:4] == b"\x28\xb5\x2f\xfd":  # a zstd frame: the text as nianbao stores it since session 19
            import zstandard
            return "bytes:" + zstandard.ZstdDecompressor().decompress(x).decode("utf-8", "replace")
        try:
            return "bytes:" + zlib.decompress(x).decode("utf-8", "replace")  # the text, whatever zlib level stored it
        except zlib.error:
            return "raw:" + x.decode("utf-8", "replace")
    if isinstance(x, float) and (x != x or x in (float("inf"), float("-inf"))):
        return str(x)
    return x


def _outcome(item: dict) -> dict:
    """What diffcheck.py compares for one text: the report and its stored rows, or the exception."""
    from nianbao.pipeline import process_text
    from nianbao.store.rows import report_rows

    try:
        r = process_text("fuzz/item.txt", "0" * 64, item["raw_text"], item.get("encoding"), None,
                         item.get("kind", "text"), item.get("ocr_marks", []))
    except Exception as exc:  # noqa: BLE001
        return {"exception": f"{type(exc).__name__}: {exc}"}
    out = {"report": _jsonable({k: v for k, v in dataclasses.asdict(r).items() if k not in ("timings", "llm_calls", "page_images")})}
    try:
        rows = report_rows(r, json_line=True, with_text=True)
        out["rows"] = _jsonable({k: v for k, v in dataclasses.asdict(rows).items() if k not in ("seconds", "timings")})
    except Exception as exc:  # noqa: BLE001
        out["rows_exception"] = f"{type(exc).__name__}: {exc}"
    return out


def serve() -> None:
    for line in sys.stdin:
        out = _outcome(json.loads(line))
        sys.stdout.write(json.dumps(out, ensure_ascii=True, sort_keys=True, default=str) + "\n")  # lone surrogates survive the pipe
        sys.stdout.flush()


class Pipeline:
    """One venv's pipeline as a long-lived process: a text in, its outcome (a JSON line) out."""

    def __init__(self, python: str, cwd: Path):
        self.proc = subprocess.Popen([os.path.abspath(python), os.path.abspath(__file__), "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     cwd=cwd, text=True, encoding="utf-8", errors="surrogatepass", bufsize=1)

    def run(self, item: dict) -> str:
        self.proc.stdin.write(json.dumps(item, ensure_ascii=True) + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline()

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


# ---------------------------------------------------------------- the texts

MARKERS = ["—", "–", "-", "--", "/", "\\", "无", "空", "*", "——", "－", "―", "…", "0"]
UNITS = ["件", "万", "千", "亿", "元", "万元", "%", "条", "个", "项", "次", "份", " 件", "\n件", "\t万", "千米"]
SEPS = ["\t", " | ", "|", " ", "  ", "\n", "\n\t", "\t\t", "", "　", "\r\n", " \n ", "||"]
NUMBERING = ["1.", "2、", "（3）", "(4)", "第5", "6 .", "7 、", "8.  ", "2024年", "12月", "3项", "9.属于", "10、其他"]
TRAD = "發國與會當這過還來時對們個說學樣裡後問麼從實現體點長開門關頭應動種經幾書車記處證權條覆復議審結調據數總計決務訴訟許強製費範規財"
RARE = "麤龘靐齾爩鱻灪籲鬱釁鑿纜鸞驪讞灩癰齉" + "\U00020000\U0002a6d6\U0002b734\U00020bb7\U0002f800\U0002f8a6" + "\uf900\uf91d\ufa0c\ufa2d"
ENTITIES = ["&nbsp;", "&amp;", "&lt;", "&gt;", "&#12345;", "&#x4e00;", "&quot;", "&emsp;", "&ensp;", "<br>", "<td>", "</td>"]
FULL = str.maketrans("0123456789", "０１２３４５６７８９")

# A table cell: digits (perhaps with what a printer adds) standing between separators or line ends.
_CELL = re.compile(r"(?<=[\t|\n ])[0-9][0-9,.]*(?=[\t|\n ]|$)")
_LABELED_ROW = re.compile(r"(?m)^[^\n\d]{0,40}[\u4e00-\u9fff)）][^\n\d]{0,20}?(?:[\t| ]+\d+)+[\t| ]*$")
_DIGITS = re.compile(r"\d+")
_CJK_PAIR = re.compile(r"([\u4e00-\u9fff])(?=[\u4e00-\u9fff])")


def table_region(text: str) -> tuple[int, int]:
    """Roughly where the tables are: from section 二's table to section 五 (the whole text if not found)."""
    a = text.find("第二十条")
    a = a if a >= 0 else text.find("二、")
    b = text.find("五、", a + 1 if a >= 0 else 0)
    return (max(a, 0), b if b > 0 else len(text))


def in_tables(text: str, rng: random.Random, p: float, pattern: re.Pattern[str], repl) -> str:
    a, b = table_region(text)
    mid = pattern.sub(lambda m: repl(m) if rng.random() < p else m.group(0), text[a:b])
    return text[:a] + mid + text[b:]


def mutate_cells(text: str, rng: random.Random) -> str:
    """Cell values: emptied, markers alone or beside digits, units, signs, fractions, separators, numbering."""
    p = rng.choice([0.02, 0.05, 0.15, 0.4])
    choices = [
        lambda m: "",
        lambda m: rng.choice(MARKERS),
        lambda m: rng.choice(MARKERS) + m.group(0),
        lambda m: m.group(0) + rng.choice(MARKERS),
        lambda m: m.group(0) + rng.choice(UNITS),
        lambda m: rng.choice(["-", "+", "−", "－", "—"]) + m.group(0),
        lambda m: m.group(0) + rng.choice([".5", ".0", ".", ".00", "/2", "½"]),
        lambda m: rng.choice(["1,234", "12,34", "1,2345", "123,456,789", "0,5", ",5", "5,", "1，234", "1.234.5"]),
        lambda m: rng.choice(NUMBERING) + rng.choice(["", " ", "\t"]) + m.group(0),
        lambda m: m.group(0) + rng.choice(["", " ", "\t", "\n"]) + rng.choice(NUMBERING),
        lambda m: str(rng.choice([0, 1, 7, 10, 99, 100, 999, 1000, 1001, 65535, 10**9, 10**12, 10**15, 10**17, 10**18, 10**19, 2**63, 2**64])),
        lambda m: "0" + m.group(0),
        lambda m: m.group(0).translate(FULL),
        lambda m: "9" * rng.choice([17, 18, 19, 20, 25]),
        lambda m: rng.choice(["万", "亿", "千", "%", "件"]),
        lambda m: m.group(0) + rng.choice(SEPS) + m.group(0),
        lambda m: rng.choice(ENTITIES) + m.group(0),
    ]
    kinds = rng.sample(choices, rng.randint(1, 4))
    return in_tables(text, rng, p, _CELL, lambda m: rng.choice(kinds)(m))


def mutate_separators(text: str, rng: random.Random) -> str:
    """Separators swapped: tab, pipe, spaces, newlines, none (glued digits)."""
    p = rng.choice([0.05, 0.2, 0.6, 1.0])
    to = rng.sample(SEPS, rng.randint(1, 3))
    sep = re.compile(rng.choice([r"\t", r"\n\t?", r" \| ", r"(?<=\d)[\t\n| ]+(?=\d)", r"[\t|]", r"\n"]))
    return in_tables(text, rng, p, sep, lambda m: rng.choice(to))


def mutate_labels(text: str, rng: random.Random) -> str:
    """Labels broken by spaces, newlines, full-width spaces, tabs; or a character dropped."""
    p = rng.choice([0.02, 0.08, 0.3])
    brk = rng.sample(["\n", " ", "　", "\t", "  ", "\n\n", " | "], rng.randint(1, 3))
    if rng.random() < 0.2:
        return in_tables(text, rng, p / 3, _CJK_PAIR, lambda m: "")
    return in_tables(text, rng, p, _CJK_PAIR, lambda m: m.group(1) + rng.choice(brk))


def mutate_rows(text: str, rng: random.Random) -> str:
    """Rows with extra or missing cells, very long rows (the fast reader's 600-character limit), digits at the ends."""
    rows = list(_LABELED_ROW.finditer(text))
    if not rows:
        rows = [m for m in re.finditer(r"(?m)^.*\d.*$", text)]
    if not rows:
        return text
    out = text
    for m in sorted(rng.sample(rows, min(len(rows), rng.randint(1, 4))), key=lambda m: -m.start()):
        row = m.group(0)
        op = rng.randrange(7)
        if op == 0:  # an extra cell
            row = row + rng.choice(["\t", " ", "|", "\n"]) + str(rng.randint(0, 200))
        elif op == 1:  # a cell less
            nums = list(_DIGITS.finditer(row))
            if nums:
                d = rng.choice(nums)
                row = row[: d.start()] + row[d.end():]
        elif op == 2:  # padded near the fast reader's limit
            n = rng.choice([540, 580, 590, 595, 598, 599, 600, 601, 602, 605, 620, 700])
            label_end = (_DIGITS.search(row) or re.search("$", row)).start()
            pad = rng.choice(["说", " ", "明", "　", "\t", "x"]) * max(0, n - len(row))
            row = row[:label_end] + pad + row[label_end:]
        elif op == 3:  # digits at the row's ends
            row = str(rng.randint(0, 99)) + row if rng.random() < 0.5 else row + str(rng.randint(0, 99))
        elif op == 4:  # the row twice
            row = row + "\n" + row
        elif op == 5:  # cells joined by no separator
            row = re.sub(r"(?<=\d)[\t| ]+(?=\d)", "", row)
        else:  # cells moved to their own lines
            row = re.sub(r"[\t|]+", "\n", row)
        out = out[: m.start()] + row + out[m.end():]
    return out


def mutate_chars(text: str, rng: random.Random) -> str:
    """Characters: CRLF, full-width digits, traditional (rare, astral, compatibility), HTML entities, zero-width."""
    op = rng.randrange(8)
    if op == 0:
        return text.replace("\n", "\r\n") if rng.random() < 0.7 else text.replace("\n", "\r")
    if op == 1:
        p = rng.choice([0.1, 0.5, 1.0])
        return re.sub(r"\d", lambda m: m.group(0).translate(FULL) if rng.random() < p else m.group(0), text)
    if op == 2:  # traditional characters in
        pool = TRAD + RARE
        n = rng.randint(1, 12)
        chars = list(text)
        for _ in range(n):
            i = rng.randrange(len(chars) + 1)
            chars.insert(i, rng.choice(pool))
        return "".join(chars)
    if op == 3:  # simplified characters swapped for traditional ones, everywhere
        pairs = [("发", "發"), ("国", "國"), ("与", "與"), ("会", "會"), ("开", "開"), ("处", "處"), ("条", "條"), ("复", "復"),
                 ("议", "議"), ("审", "審"), ("结", "結"), ("数", "數"), ("总", "總"), ("计", "計"), ("决", "決"), ("诉", "訴"),
                 ("讼", "訟"), ("规", "規"), ("范", "範"), ("费", "費"), ("务", "務"), ("请", "請"), ("于", "於"), ("关", "關")]
        for a, b in rng.sample(pairs, rng.randint(1, len(pairs))):
            text = text.replace(a, b)
        return text
    if op == 4:
        ents = rng.sample(ENTITIES, 3)
        return re.sub(r"[\t ]", lambda m: rng.choice(ents) if rng.random() < 0.1 else m.group(0), text)
    if op == 5:
        zw = ["\u200b", "\ufeff", "\u00ad", "\u00a0", "\u3000", "\u2002", "\u202f", "\x0b", "\x0c", "\x1c", "\u2028", "\x85"]
        return re.sub(r"[\t \n]|(?<=\d)", lambda m: m.group(0) + rng.choice(zw) if rng.random() < 0.05 else m.group(0), text)
    if op == 6:  # full-width punctuation and letters, which normalize maps
        table = str.maketrans({",": "，", ":": "：", "(": "（", ")": "）", ".": "．", "|": "｜", "%": "％", "-": "－", "/": "／", " ": "　"})
        return "".join(c.translate(table) if rng.random() < 0.3 else c for c in text)
    # lone surrogates and odd code points
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(["\ud800", "\udfff", "\U0010ffff", "\x00", "\ufffd", "\U0001f600"]))
    return "".join(chars)


def mutate_prose(text: str, rng: random.Random) -> str:
    """The sentences the facts and metadata readers read: counts, received applications, dates, title, organ, year."""
    sentences = [
        "本年度共收到政府信息公开申请{n}件。", "全年受理依申请公开{n}件，", "共接到申请{n}宗，均已按时办结。", "未收到政府信息公开申请。",
        "新收申请{n} 件", "收到申请{n}万件。", "制发规章{n}件，废止{m}件，现行有效{k}件。", "本年制发行政规范性文件{n}件，废止{m}件；现行有效{k}件。",
        "清理后现行有效规范性文件{n}件。", "行政许可{n}件，行政处罚{m}件，行政强制{k}件。", "行政事业性收费{n}万元。", "行政事业性收费{n}元。",
        "未发生行政复议、行政诉讼案件。", "没有涉及行政复议的情况。", "行政复议{n}件，行政诉讼{m}起。", "所有申请均已按时办结。",
        "全部申请已全部办结。", "全年主动公开政府信息{n}条，其中工作动态{m}条，通知公告{k}条。",
        "主动公开信息{n}条，工作动态{m}条，占{p}%；通知公告{k}条，占比{q}%。", "发布日期：{y}年{mo}月{d}日", "成文日期: {y} 年 {mo} 月 {d} 日",
        "印发时间：{y}年{mo}月{d}日", "\n{y}年{mo}月{d}日\n", "统计期限为{y}年1月1日至{y}年12月31日。", "{y}年度，", "某某镇人民政府",
        "某某县某某镇坚持", "2024年度我镇", "某某街道认真", "某某乡在", "没有收到申请", "受理行政复议申请{n}件",
    ]
    def fill(s: str) -> str:
        num = lambda: rng.choice([str(rng.randint(0, 30)), str(rng.randint(0, 5000)), "1,234", "2万", "1.5万", "0", "３", "12.5"])  # noqa: E731
        return s.format(n=num(), m=num(), k=num(), p=rng.randint(0, 100), q=rng.randint(0, 100),
                        y=rng.choice([2019, 2020, 2021, 2022, 2023, 2024, 2025, 1999, 2099, 202]),
                        mo=rng.choice([1, 2, 3, 4, 12, 13, 0]), d=rng.choice([1, 15, 30, 31, 32, 0]))
    op = rng.randrange(5)
    if op <= 1:  # sentences inserted at line ends, or inside a table region
        lines = text.split("\n")
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(lines))
            lines[i] = lines[i] + fill(rng.choice(sentences)) if op == 0 else fill(rng.choice(sentences)) + "\n" + lines[i]
        return "\n".join(lines)
    if op == 2:  # prose numbers changed
        return re.sub(r"(\d+)(?=\s*[件条个份宗起次])", lambda m: str(max(0, int(m.group(1)) + rng.choice([-1, 1, 10, 1000]))) if rng.random() < 0.4 else m.group(0), text)
    if op == 3:  # title, organ, year, date at the ends
        head = rng.choice(["", "2024年度", "2023年", "某某县人民政府办公室", "某某市某某区某某街道办事处", "關於", "\n\n", "# "])
        tail = rng.choice(["", "\n某某镇人民政府\n2025年1月31日", "\n2025年2月1日", "\n2025年3月31日", "\n2025年4月1日", "\n发布日期：2025-01-20", "\n2025年13月1日"])
        first = text.split("\n", 1)
        title = re.sub(r"\d{4}", lambda m: str(rng.choice([2019, 2021, 2024, 2025, 1899, 9999])), first[0]) if rng.random() < 0.5 else first[0]
        return head + title + ("\n" + first[1] if len(first) > 1 else "") + tail
    # section headings renumbered or broken
    heads = ["一、", "二、", "三、", "四、", "五、", "六、"]
    alt = ["1、", "2.", "（二）", "(三)", "四 、", "五．", "六,", "第六", "", "\n"]
    for h in rng.sample(heads, rng.randint(1, 3)):
        text = text.replace(h, rng.choice(alt + [h + "\n", "# " + h, "**" + h]), 1)
    return text


def mutate_cut(text: str, rng: random.Random) -> str:
    """The text cut, or a piece of it repeated or dropped (a region's ends move)."""
    a, b = sorted(rng.randrange(len(text) + 1) for _ in range(2))
    op = rng.randrange(3)
    if op == 0:
        return text[:b]
    if op == 1:
        return text[:a] + text[b:]
    return text[:b] + text[a:b] + text[b:]


def mutate_structure(text: str, rng: random.Random) -> str:
    """Whole parts moved: the other format's sign phrases, a section or table twice, sections swapped or dropped."""
    op = rng.randrange(5)
    if op == 0:  # a 2019 sign phrase in a 2021 report (or 2021's in a 2019 one): the field ids change
        phrase = rng.choice(["本年新制作", "本年新公开", "上一年项目数量", "政府集中采购", "对外公开总数量", "其他处理", "逾期不补正", "缴纳费用"])
        i = rng.randrange(len(text) + 1)
        return text[:i] + phrase + text[i:]
    heads = [m.start() for m in re.finditer(r"(?m)^[ \t#*]*[一二三四五六][、.]", text)] + [len(text)]
    if len(heads) < 3:
        return text + "\n" + text if op == 1 else text
    k = rng.randrange(len(heads) - 1)
    part = text[heads[k] : heads[k + 1]]
    if op == 1:  # a section twice
        return text[: heads[k + 1]] + part + text[heads[k + 1] :]
    if op == 2:  # a section dropped
        return text[: heads[k]] + text[heads[k + 1] :]
    if op == 3 and k + 2 < len(heads):  # two sections swapped
        nxt = text[heads[k + 1] : heads[k + 2]]
        return text[: heads[k]] + nxt + part + text[heads[k + 2] :]
    return text + "\n" + text[: rng.randrange(len(text))]  # the report and a cut copy of it


KINDS = {"cells": mutate_cells, "separators": mutate_separators, "labels": mutate_labels, "rows": mutate_rows,
         "chars": mutate_chars, "prose": mutate_prose, "cut": mutate_cut,
         "structure": mutate_structure}
WEIGHTS = {"cells": 5, "separators": 3, "labels": 2, "rows": 3, "chars": 2, "prose": 3, "cut": 1, "structure": 2, "mixed": 3}


def seeds(corpus: Path | None, kinds: tuple[str, ...] = ("text", "html", "docx", "pdf")) -> list[dict]:
    """The texts to mutate: golden/*.txt and the corpus items of `kinds` (what a loader read: grids for all but text)."""
    items = [{"raw_text": p.read_text(encoding="utf-8"), "encoding": "utf-8", "kind": "text", "ocr_marks": []}
             for p in sorted((ROOT / "golden").rglob("*.txt"))] if "text" in kinds else []
    if corpus and corpus.is_dir():
        for p in sorted(corpus.glob("*.json")):
            item = json.loads(p.read_text(encoding="utf-8"))
            if item.get("kind") in kinds and len(item["raw_text"]) > 200:
                items.append(item)
    return items


def mutant(items: list[dict], rng: random.Random) -> tuple[str, dict]:
    base = items[rng.randrange(len(items))] if rng.random() < 0.5 else items[rng.randrange(min(len(items), 7))]  # golden half the time
    kind = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    text = base["raw_text"]
    for name in (rng.sample(list(KINDS), rng.randint(2, 4)) if kind == "mixed" else [kind]):
        text = KINDS[name](text, rng)
    return kind, {**base, "raw_text": text}


# ---------------------------------------------------------------- comparing and shrinking

def first_difference(a, b, path: str = "") -> str:
    if type(a) is not type(b):
        return f"{path}: {str(a)[:160]} != {str(b)[:160]}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                return first_difference(a.get(k), b.get(k), f"{path}.{k}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return first_difference(x, y, f"{path}[{i}]")
    return f"{path}: {str(a)[:160]} != {str(b)[:160]}"


def minimise(item: dict, differs) -> dict:
    """Shrink the text while `differs` holds: drop chunks of lines, then of characters (ddmin-style)."""
    for unit in ("lines", "chars"):
        parts = item["raw_text"].split("\n") if unit == "lines" else list(item["raw_text"])
        join = "\n".join if unit == "lines" else "".join
        n = 2
        while len(parts) >= 2:
            size = max(1, len(parts) // n)
            shrunk = False
            for i in range(0, len(parts), size):
                trial = parts[:i] + parts[i + size:]
                if trial and differs({**item, "raw_text": join(trial)}):
                    parts, shrunk = trial, True
                    n = max(n - 1, 2)
                    break
            if not shrunk:
                if size == 1:
                    break
                n = min(len(parts), n * 2)
        item = {**item, "raw_text": join(parts)}
    return item


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old_python")
    parser.add_argument("new_python")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=120, help="stop generating after this long")
    parser.add_argument("--count", type=int, default=10**9, help="stop after this many texts")
    parser.add_argument("--kinds", default=",".join(WEIGHTS), help="mutation kinds to draw from")
    parser.add_argument("--corpus", type=Path, help="a folder of corpus items (JSON: raw_text, encoding, kind, ocr_marks) to mutate too")
    parser.add_argument("--base-kinds", default="text,html,docx,pdf", help="which loaders' texts to mutate")
    parser.add_argument("--slow", type=float, default=2.0, help="report a text either pipeline takes longer than this on")
    parser.add_argument("--minimise", action="store_true", help="shrink each new kind of difference")
    parser.add_argument("--save", type=Path, help="write each minimised difference here as f_<hash>.json")
    args = parser.parse_args()
    for k in [k for k in WEIGHTS if k not in args.kinds.split(",")]:
        del WEIGHTS[k]

    rng = random.Random(args.seed)
    items = seeds(args.corpus, tuple(args.base_kinds.split(",")))
    cwd = Path(f"/tmp/differential-{os.getpid()}")
    cwd.mkdir(exist_ok=True)  # both processes in one directory: source_path (an absolute path) is the same
    old, new = Pipeline(args.old_python, cwd), Pipeline(args.new_python, cwd)
    counts, differ, seen, slow = Counter(), Counter(), {}, 0
    started = time.perf_counter()
    try:
        while time.perf_counter() - started < args.seconds and sum(counts.values()) < args.count:
            kind, item = mutant(items, rng)
            counts[kind] += 1
            t0 = time.perf_counter()
            a = old.run(item)
            t1 = time.perf_counter()
            b = new.run(item)
            t2 = time.perf_counter()
            if max(t1 - t0, t2 - t1) > args.slow:  # a fast path that backtracks is a difference too
                slow += 1
                name = f"slow_{args.seed}_{sum(counts.values())}.json"
                (cwd / name).write_text(json.dumps(item, ensure_ascii=True), encoding="utf-8")
                print(f"SLOW ({kind}) old {t1 - t0:.2f} s, new {t2 - t1:.2f} s: {cwd / name}", flush=True)
            if a == b:
                continue
            differ[kind] += 1
            where = first_difference(json.loads(a), json.loads(b))
            key = re.sub(r"\[\d+\]|: .*", "", where)
            if key in seen:
                continue
            seen[key] = where
            print(f"DIFF ({kind}) {where}", flush=True)
            if args.minimise:
                def differs(trial: dict, key: str = key) -> bool:
                    x, y = old.run(trial), new.run(trial)
                    return x != y and re.sub(r"\[\d+\]|: .*", "", first_difference(json.loads(x), json.loads(y))) == key
                small = minimise(item, differs)
                print("  minimal text:", json.dumps(small["raw_text"], ensure_ascii=False)[:600], flush=True)
                print("  ", first_difference(json.loads(old.run(small)), json.loads(new.run(small))), flush=True)
                if args.save:
                    data = json.dumps({"raw_text": small["raw_text"], "encoding": small.get("encoding"), "kind": small.get("kind", "text"),
                                       "ocr_marks": small.get("ocr_marks", [])}, ensure_ascii=False, sort_keys=True)
                    path = args.save / f"f_{hashlib.sha1(data.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}.json"
                    path.write_text(data, encoding="utf-8", errors="surrogatepass")
                    print("   saved", path, flush=True)
    finally:
        old.close()
        new.close()
    total = sum(counts.values())
    print(f"{total} texts in {time.perf_counter() - started:.0f} s (seed {args.seed}), {slow} slower than {args.slow} s:")
    for kind in WEIGHTS:
        print(f"  {kind:11s} {counts[kind]:6d} compared, {differ[kind]:4d} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        sys.exit(main())
