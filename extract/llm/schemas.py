"""What the model must answer: the response models (the contract), validated structurally only.

Validation checks shapes, types and that every token id exists; it never looks at what
the numbers add up to. The valid ids differ per call, so each call gets its own subclass
whose validator closes over them (the JSON schema, and so the cache key, stays the same).
"""

from __future__ import annotations

import re
from typing import Self

from pydantic import BaseModel, Field, model_validator

FACT_NAME = re.compile(
    r"^(applications\.received|applications\.none|applications\.all_concluded|appeals\.none|"
    r"appeals\.review\.total|appeals\.litigation|"
    r"active\.licensing|active\.punishment|active\.coercion|active\.fees|"
    r"active\.(?:regulations|normative_docs)\.(?:issued|repealed|in_force)|"
    r"proactive\.total|proactive\.part:.+|proactive\.share:.+)$"
)


_WHOLE_NUMBER = re.compile(r"0|[1-9]\d*")


class Piece(BaseModel):
    """Part of one printed token whose digits are glued: ⟦7:6233440⟧ read as 62 | 33 | 440."""

    token: int = Field(description="编号")
    offset: int = Field(description="所取数字在该编号印出内容中的起始位置，从0数起")
    digits: str = Field(description="所取的数字，逐字照抄")


class RowPointer(BaseModel):
    row: str = Field(description="行编号，照抄提示中的英文行编号")
    tokens: list[int | Piece | None] = Field(description="该行每一列：数值所在的编号；连写数字取其一段时给 {token, offset, digits}；空白为 null")


class TableAnswer(BaseModel):
    rows: list[RowPointer]


def _piece_problems(pieces: dict[int, list[Piece]], raws: dict[int, str], whole: set[int]) -> list[str]:
    """A glued token is read only whole, or cut into pieces that tile it exactly: no digit dropped or read twice."""
    problems = []
    for tid, parts in pieces.items():
        raw = raws[tid]
        if tid in whole:
            problems.append(f"token id {tid} used whole and in pieces")
            continue
        if not raw.isdigit():
            problems.append(f"token id {tid} ({raw}) is not a run of digits and cannot be cut")
            continue
        pos, problem = 0, None
        for p in sorted(parts, key=lambda p: p.offset):
            if p.offset < 0 or raw[p.offset : p.offset + len(p.digits)] != p.digits:
                problem = f"token id {tid} has no {p.digits!r} at offset {p.offset} (it prints {raw})"
            elif not _WHOLE_NUMBER.fullmatch(p.digits):
                problem = f"{p.digits!r} at offset {p.offset} of token id {tid} is not a whole number (leading zero)"
            elif p.offset != pos:
                problem = f"the pieces of token id {tid} ({raw}) must cover it exactly, without gaps or overlaps"
            if problem:
                break
            pos = p.offset + len(p.digits)
        if problem is None and pos != len(raw):
            problem = f"the pieces of token id {tid} ({raw}) must cover it exactly, without gaps or overlaps"
        if problem:
            problems.append(problem)
    return problems


def table_answer_for(columns: dict[str, int], raws: dict[int, str]) -> type[TableAnswer]:
    """A TableAnswer that accepts exactly these rows (id → column count) and these tokens (id → printed text)."""

    class TableAnswerChecked(TableAnswer):
        @model_validator(mode="after")
        def _structure(self) -> Self:
            problems, used = [], set()
            pieces: dict[int, list[Piece]] = {}
            seen = [r.row for r in self.rows]
            unknown = [r for r in seen if r not in columns]
            if unknown:
                problems.append(f"unknown row ids {unknown}; use only {list(columns)}")
            missing = [r for r in columns if r not in seen]
            if missing:
                problems.append(f"rows missing: {missing}")
            for r in self.rows:
                if r.row in columns and len(r.tokens) != columns[r.row]:
                    problems.append(f"row {r.row} needs {columns[r.row]} token ids, got {len(r.tokens)}")
                for t in r.tokens:
                    if t is None:
                        continue
                    tid = t.token if isinstance(t, Piece) else t
                    if tid not in raws:
                        problems.append(f"token id {tid} does not exist in the text")
                    elif isinstance(t, Piece):
                        pieces.setdefault(tid, []).append(t)
                    elif t in used:
                        problems.append(f"token id {t} used for more than one cell")
                    else:
                        used.add(t)
            problems += _piece_problems(pieces, raws, used)
            if problems:
                raise ValueError("; ".join(problems))
            return self

    TableAnswerChecked.__name__ = TableAnswerChecked.__qualname__ = "TableAnswer"
    return TableAnswerChecked


class StatedFigure(BaseModel):
    name: str = Field(description="名称，见提示")
    value: float = Field(description="原文印出的数字")
    quote: str = Field(description="原文中包含该数字的连续片段，逐字照抄")

    @model_validator(mode="after")
    def _known_name(self) -> Self:
        if not FACT_NAME.match(self.name):
            raise ValueError(f"unknown figure name {self.name!r}")
        return self


class FactsAnswer(BaseModel):
    figures: list[StatedFigure]


class Quoted(BaseModel):
    value: str | None = None
    quote: str | None = None


class SectionQuote(BaseModel):
    number: int = Field(ge=1, le=6)
    quote: str


class MetadataAnswer(BaseModel):
    organ: Quoted = Quoted()
    year: Quoted = Quoted()
    published: Quoted = Quoted()
    sections: list[SectionQuote] = []
