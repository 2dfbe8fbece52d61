"""A 'model' that answers correctly, for the fake server: it reads the question the way nianbao sends it.

It de-numbers the region it is given and reads it with the built-in reader, then answers
with the token ids of the cells (tables), quotes from the text (facts), or the title and
headings (metadata). Tests that need a wrong answer script it on top of this one.
"""

from __future__ import annotations

import re

from fake_llm import Reply

from nianbao.extract.digits import glued_row
from nianbao.extract.facts import read_facts
from nianbao.extract.llm.extractor import table_rows
from nianbao.extract.numbers import tokens
from nianbao.extract.metadata import find_title, organ_from_prose, organ_from_title
from nianbao.extract.sections import find_sections
from nianbao.extract.tables import read_active, read_appeals, read_applications

TOKEN = re.compile(r"⟦(\d+):([^⟧]*)⟧")
READERS = {"active": read_active, "applications": read_applications, "appeals": read_appeals}


def question(body: dict) -> tuple[str, str]:
    """(task line, the text after it) of the user message nianbao sent."""
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")  # ours; re-asks append more
    task, _, rest = user.partition("\n\n")
    return task.removeprefix("任务: ").strip(), rest


def denumber(rendered: str) -> tuple[str, dict[int, int]]:
    """The plain text, and for each token's start in it, its id."""
    plain, starts, pos = [], {}, 0
    length = 0
    for m in TOKEN.finditer(rendered):
        chunk = rendered[pos : m.start()]
        plain.append(chunk)
        length += len(chunk)
        starts[length] = int(m.group(1))
        plain.append(m.group(2))
        length += len(m.group(2))
        pos = m.end()
    plain.append(rendered[pos:])
    return "".join(plain), starts


def _pointer(spans: list[tuple[int, int, int]], start: int, end: int, plain: str) -> int | dict:
    """The id of the token printed exactly at [start, end), or the piece of the glued token that holds it."""
    for tok_start, tok_end, tid in spans:
        if tok_start <= start < tok_end:
            if (start, end) == (tok_start, tok_end):
                return tid
            return {"token": tid, "offset": start - tok_start, "digits": plain[start:end]}
    raise AssertionError(f"no numbered token at {start}")


def table_answer(table: str, rendered: str, template: str = "2021", truth: dict[str, list] | None = None) -> dict:
    """Every cell as the built-in reader reads the de-numbered region; glued digits as pieces of their token.

    `truth` (row id → values) is what a person reads in a glued row the built-in reader could not cut:
    the reading of that row's digits with those values, answered as pieces.
    """
    plain, _ = denumber(rendered)
    spans = _token_spans(rendered)
    read = READERS[table](plain, 0, len(plain), template)
    rows = []
    for spec in table_rows(table, template):
        cells = [read.cells.get(fid) for fid in spec.fields]
        if truth and spec.row in truth and cells[0] is not None and cells[0].status == "ambiguous":
            start, end = cells[0].start, cells[0].end
            glued = glued_row(plain, start, end, tokens(plain, start, end), spec.row, spec.label, list(spec.fields))
            [reading] = [r for r in glued.readings if list(r.values) == truth[spec.row]]
            rows.append({"row": spec.row, "tokens": [_pointer(spans, t.start, t.end, plain) for t in reading.tokens]})
            continue
        ids = []
        for cell in cells:
            printed = cell is not None and cell.start is not None and (cell.value is not None or cell.status == "unreadable")
            ids.append(_pointer(spans, cell.start, cell.end, plain) if printed else None)
        rows.append({"row": spec.row, "tokens": ids})
    return {"rows": rows}


def _token_spans(rendered: str) -> list[tuple[int, int, int]]:
    """(start, end, id) in the de-numbered text of each numbered token."""
    out, length, pos = [], 0, 0
    for m in TOKEN.finditer(rendered):
        length += m.start() - pos
        out.append((length, length + len(m.group(2)), int(m.group(1))))
        length += len(m.group(2))
        pos = m.end()
    return out


def facts_answer(text: str) -> dict:
    return {"figures": [{"name": f.name, "value": f.value, "quote": f.quote} for f in read_facts(text, [])]}


def metadata_answer(text: str) -> dict:
    head = text.split("【开头】\n", 1)[1].split("\n\n【结尾】", 1)[0]
    outline = text.split("【短行】\n", 1)[1]
    title = find_title(head, len(head) if "总体情况" not in head[:60] else 0)
    answer: dict = {"organ": {}, "year": {}, "published": {}, "sections": []}
    if title:
        organ, year = organ_from_title(title[0])
        answer["organ"] = {"value": organ, "quote": title[0]}
        if year:
            answer["year"] = {"value": str(year), "quote": title[0]}
    elif organ_from_prose(head):
        organ = organ_from_prose(head)
        answer["organ"] = {"value": organ, "quote": organ}
    answer["sections"] = [{"number": s.number, "quote": s.title} for s in find_sections(outline)]
    return answer


def correct(body: dict, truth: dict[str, dict[str, list]] | None = None) -> Reply:
    """The right answer; `truth` (table → row → values) reads the glued rows a person can read and the code cannot."""
    task, text = question(body)
    if task.startswith("table "):
        system = body["messages"][0]["content"]
        template = "2019" if "2019年格式" in system else "2021"
        table = task.split()[1]
        region = text.split("\n\n【内置读取器的疑问】", 1)[0]
        return Reply(table_answer(table, region, template, (truth or {}).get(table)))
    if task == "facts":
        return Reply(facts_answer(text))
    return Reply(metadata_answer(text))


# --- a model that knows the hand-written golden values -----------------------------------------------
def _grid_cells(region: str) -> list[list[str]]:
    """The region's grid lines that hold a numbered token, each as its cells (bars inside cells are ¦)."""
    lines = [[c.strip() for c in line.split("|")[:-1]] for line in region.splitlines() if TOKEN.search(line)]
    return [cells for cells in lines if cells]


def _cell_is(cell: str, value: object) -> bool:
    from nianbao.extract.numbers import parse_number

    if value is None:
        return cell == ""
    m = TOKEN.fullmatch(cell)
    return bool(m) and parse_number(m.group(2)) == value


def _places(grid: list[list[str]], values: list) -> list[tuple[int, int, list[str]]]:
    """Every run of cells (along a line, or down a column of equally wide lines) printing exactly `values`."""
    n, found = len(values), []
    for i, cells in enumerate(grid):  # along a line
        for j in range(len(cells) - n + 1):
            if all(_cell_is(c, v) for c, v in zip(cells[j : j + n], values, strict=True)):
                found.append((i, j, cells[j : j + n]))
    for i in range(len(grid) - n + 1):  # down a column: a table printed the other way round
        block = grid[i : i + n]
        if len({len(cells) for cells in block}) == 1:
            for j in range(len(block[0])):
                column = [cells[j] for cells in block]
                if all(_cell_is(c, v) for c, v in zip(column, values, strict=True)):
                    found.append((len(grid) + j, i, column))
    return found


def _ids(cells: list[str]) -> list[int]:
    return [int(m.group(1)) for c in cells if (m := TOKEN.fullmatch(c))]


def golden_table_answer(table: str, region: str, template: str, golden: dict[str, object]) -> dict:
    """Each row as the printed cells that hold the golden values, taken in printed order, never reusing a cell.

    Nothing of nianbao's readers is used: the rows are found by the values a person wrote down,
    so this model is right exactly where the golden file is.
    """
    grid = _grid_cells(region)
    rows, after, used = [], (-1, -1), set()
    for spec in table_rows(table, template):
        values = [golden[f] for f in spec.fields]
        places = [p for p in _places(grid, values) if (p[0], p[1]) > after and not used & set(_ids(p[2]))]
        assert places, f"{table}.{spec.row}: {values} printed nowhere after {after}"
        line, start, cells = min(places)
        after = (line, start + len(values) - 1)
        ids = [int(TOKEN.fullmatch(c).group(1)) if c else None for c in cells]  # type: ignore[union-attr]
        used |= {i for i in ids if i is not None}
        rows.append({"row": spec.row, "tokens": ids})
    return {"rows": rows}


def knows_the_golden(golden: dict[str, object]):
    """A correct model for a hand-labelled page: tables from the golden values, the rest as `correct` answers."""

    def answer(body: dict) -> Reply:
        task, text = question(body)
        if not task.startswith("table "):
            return correct(body)
        template = "2019" if "2019年格式" in body["messages"][0]["content"] else "2021"
        region = text.split("\n\n【内置读取器的疑问】", 1)[0]
        return Reply(golden_table_answer(task.split()[1], region, template, golden))

    return answer
