"""When each organ's report is due, and whether it came late.

《政府信息公开条例》第四十九条: the departments of governments at county level and above
publish by 31 January, and those governments' own reports are published by 31 March, of
the following year. Townships, 街道 and local rules differ: they have no default here and
are set per level (or per organ) in the roster. Lateness is judged only on a date the
report (or its page) prints; with no date, it is unknown, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

BASIS = "《中华人民共和国政府信息公开条例》第四十九条"

# level → (Chinese name, default deadline MM-DD of the following year or None)
LEVELS: dict[str, tuple[str, str | None]] = {
    "province": ("省级人民政府", "03-31"),
    "city": ("设区的市级人民政府", "03-31"),
    "county": ("县级人民政府（含市辖区、县级市）", "03-31"),
    "department": ("县级以上人民政府部门", "01-31"),
    "township": ("乡镇人民政府", None),
    "subdistrict": ("街道办事处", None),
}
_LEVEL_WORDS = {
    "省": "province", "省级": "province", "省政府": "province", "自治区": "province",
    "市": "city", "市级": "city", "地级市": "city", "设区的市": "city", "市政府": "city",
    "县": "county", "县级": "county", "区": "county", "县区": "county", "县级市": "county", "旗": "county", "district": "county",
    "部门": "department", "县级以上部门": "department", "政府部门": "department", "dept": "department",
    "乡镇": "township", "乡": "township", "镇": "township", "town": "township",
    "街道": "subdistrict", "街道办": "subdistrict", "街道办事处": "subdistrict",
}


def level_key(level: str) -> str:
    """A level as typed (`县`, `区`, `部门`, `county` …) → its key; a local level is kept as typed."""
    level = level.strip()
    return _LEVEL_WORDS.get(level) or _LEVEL_WORDS.get(level.lower()) or (level.lower() if level.lower() in LEVELS else level)


def level_name(level: str) -> str:
    return LEVELS[level][0] if level in LEVELS else level


def parse_deadline(text: str) -> str | None:
    """`01-31`, `1-31`, `1/31`, `1月31日` → `01-31`; None if it is not a real month and day."""
    m = re.fullmatch(r"\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*", text)
    if not m:
        return None
    month, day = int(m[1]), int(m[2])
    try:
        date(2024, month, day)  # a leap year: 02-29 is a real deadline in some years
    except ValueError:
        return None
    return f"{month:02d}-{day:02d}"


@dataclass(frozen=True)
class Deadline:
    day: date | None  # None: no deadline known for this organ's level
    origin: str  # where it comes from, in Chinese: the regulation, the roster's level setting, the organ's row


def deadline_for(level: str, year: int, organ_deadline: str | None = None, level_deadlines: dict[str, str] | None = None) -> Deadline:
    """The day the report on `year` is due (in year + 1)."""
    setting, origin = organ_deadline, "名册中该机关的期限"
    if setting is None and level_deadlines and level in level_deadlines:
        setting, origin = level_deadlines[level], f"名册中「{level_name(level)}」一级的期限"
    if setting is None and level in LEVELS and LEVELS[level][1]:
        setting, origin = LEVELS[level][1], f"{BASIS}（{level_name(level)}）"
    if setting is None:
        return Deadline(None, f"「{level_name(level)}」一级没有法定默认期限，请在名册中设置")
    month, day = (int(x) for x in setting.split("-"))
    if (month, day) == (2, 29) and not _leap(year + 1):
        day = 28
    return Deadline(date(year + 1, month, day), origin)


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


@dataclass(frozen=True)
class Lateness:
    state: str  # late | on_time | date_unknown | deadline_unknown
    days: int | None = None  # days late (when late)

    @property
    def late(self) -> bool | None:
        return {"late": True, "on_time": False}.get(self.state)


def lateness(published: str | None, deadline: Deadline) -> Lateness:
    if deadline.day is None:
        return Lateness("deadline_unknown")
    if not published:
        return Lateness("date_unknown")
    try:
        day = date.fromisoformat(published)
    except ValueError:
        return Lateness("date_unknown")
    if day > deadline.day:
        return Lateness("late", (day - deadline.day).days)
    return Lateness("on_time")


LATENESS_NAMES = {"late": "逾期", "on_time": "按期", "date_unknown": "发布日期不详，无法判断", "deadline_unknown": "未设期限，无法判断"}
