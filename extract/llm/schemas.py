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


class RowPointer(BaseModel):
    row: str = Field(description="行编号，照抄提示中的英文行编号")
    tokens: list[int | None] = Field(description="该行每一列数值所在的编号，按列顺序；空白为 null")


class TableAnswer(BaseModel):
    rows: list[RowPointer]


def table_answer_for(columns: dict[str, int], token_ids: frozenset[int]) -> type[TableAnswer]:
    """A TableAnswer that accepts exactly these rows (id → column count) and these token ids."""

    class TableAnswerChecked(TableAnswer):
        @model_validator(mode="after")
        def _structure(self) -> Self:
            problems, used = [], set()
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
                    if t not in token_ids:
                        problems.append(f"token id {t} does not exist in the text")
                    elif t in used:
                        problems.append(f"token id {t} used for more than one cell")
                    used.add(t)
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
