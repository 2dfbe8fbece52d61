"""A 'model' that answers correctly, for the fake server: it reads the question the way nianbao sends it.

It de-numbers the region it is given and reads it with the built-in reader, then answers
with the token ids of the cells (tables), quotes from the text (facts), or the title and
headings (metadata). Tests that need a wrong answer script it on top of this one.
"""

from __future__ import annotations

import re

from fake_llm import Reply

from nianbao.extract.facts import read_facts
from nianbao.extract.llm.extractor import table_rows
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


def table_answer(table: str, rendered: str, template: str = "2021") -> dict:
    plain, starts = denumber(rendered)
    read = READERS[table](plain, 0, len(plain), template)
    rows = []
    for spec in table_rows(table, template):
        ids = []
        for fid in spec.fields:
            cell = read.cells.get(fid)
            ids.append(starts.get(cell.start) if cell is not None and cell.start is not None else None)
        rows.append({"row": spec.row, "tokens": ids})
    return {"rows": rows}


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


def correct(body: dict) -> Reply:
    task, text = question(body)
    if task.startswith("table "):
        system = body["messages"][0]["content"]
        template = "2019" if "2019年格式" in system or "other.total_2019" in system else "2021"
        return Reply(table_answer(task.split()[1], text, template))
    if task == "facts":
        return Reply(facts_answer(text))
    return Reply(metadata_answer(text))
