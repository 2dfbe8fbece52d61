"""OCR provenance through normalization: marks keep pointing at the piece they were read from."""

from __future__ import annotations

from typing import Any

from .normalize import normalize


def marks_in_normalized(raw: str, marks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The marks' spans moved from the loader's text into the normalized text (normalize drops
    a CR before LF and zero-width characters; everything else keeps its length)."""
    if not marks or len(normalize(raw)) == len(raw):
        return list(marks)
    kept, count = [], 0
    for i, ch in enumerate(raw):
        kept.append(count)
        deleted = (ch == "\r" and raw[i + 1:i + 2] == "\n") or not normalize(ch)
        count += not deleted
    kept.append(count)
    return [{**m, "start": kept[m["start"]], "end": kept[m["end"]]} for m in marks]
