"""A generated region: a city, its districts and their departments, three years of reports.

Every number printed is chosen here, so the tests know every sum, every late and missing
organ and every finding without asking the code under test. The reports are plain text in
the pipe layout of the seeds (national format 2021).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from nianbao import fields as F

CITY = "示例市"
DISTRICTS = ["东城区", "西城区", "南城区"]
DEPARTMENTS = ["财政局", "教育局"]
YEARS = [2022, 2023, 2024]


@dataclass
class Organ:
    name: str  # roster name
    parent: str | None
    level: str  # as typed in the roster CSV
    printed: str  # the name its reports print in their title
    aliases: tuple[str, ...] = ()

    @property
    def is_department(self) -> bool:
        return self.level == "部门"


@dataclass
class Printed:
    organ: Organ
    year: int
    cells: dict[str, int | float | None]  # every 2021 field: the printed value, None when left blank
    published: str | None  # ISO date of the sign-off line, None when the report prints none
    file: str
    true_new_natural: int | None = None  # when the row total of `new` was misprinted: the sum it should be

    def text(self) -> str:
        return report_text(self.organ.printed, self.year, self.cells, self.published)


@dataclass
class Region:
    organs: list[Organ]
    reports: list[Printed] = field(default_factory=list)
    failed: dict[tuple[str, int], str] = field(default_factory=dict)  # (organ, year) → file holding a broken download
    missing: set[tuple[str, int]] = field(default_factory=set)

    def organ(self, name: str) -> Organ:
        return next(o for o in self.organs if o.name == name)

    def report(self, organ: str, year: int) -> Printed:
        return next(r for r in self.reports if r.organ.name == organ and r.year == year)

    def roster_csv(self) -> str:
        lines = ["organ,parent,level,aliases"]
        lines += [f"{o.name},{o.parent or ''},{o.level},{';'.join(o.aliases)}" for o in self.organs]
        return "\n".join(lines) + "\n"

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for r in self.reports:
            (folder / r.file).write_text(r.text(), encoding="utf-8")
        for file in self.failed.values():
            (folder / file).write_text("<html><body>404 页面不存在</body></html>", encoding="utf-8")


def organs() -> list[Organ]:
    out = [Organ(CITY, None, "市", f"{CITY}人民政府")]
    out += [Organ(f"{CITY}{d}", CITY, "部门", f"{CITY}{d}") for d in DEPARTMENTS]
    for district in DISTRICTS:
        name = f"{CITY}{district}"
        out.append(Organ(name, CITY, "区", f"{name}人民政府"))
        for d in DEPARTMENTS:
            out.append(Organ(f"{name}{d}", name, "部门", f"{name}{d}"))
    # One department publishes under its new name; the roster lists that name as an alias.
    renamed = next(o for o in out if o.name == f"{CITY}西城区教育局")
    renamed.printed = f"{CITY}西城区教育体育局"
    renamed.aliases = (renamed.printed,)
    return out


LATE = {(f"{CITY}教育局", 2024): "2025-02-15", (f"{CITY}东城区", 2024): "2025-04-02"}  # 15 and 2 days late
NO_DATE = {(f"{CITY}西城区财政局", 2024)}
MISSING = {(f"{CITY}南城区教育局", 2024)}
FAILED = {(f"{CITY}南城区财政局", 2024)}
MISPRINTED = (f"{CITY}东城区财政局", 2024)  # row `new`: total printed one more than its parts
FEE_BLANK = (f"{CITY}东城区财政局", 2024)  # active.fees left blank
ALL_BLANK_2024 = "active.coercion"  # blank in every 2024 report
NO_REVIEWS = (f"{CITY}财政局", 2023)  # no 行政复议 at all: a zero denominator for its share corrected
SAME_NEW = [(f"{CITY}财政局", 2023), (f"{CITY}教育局", 2023)]  # the same number of new applications: a tie


def generate(seed: int = 13) -> Region:
    rng = random.Random(seed)
    region = Region(organs())
    region.missing = set(MISSING)
    for organ in region.organs:
        forward = {c: rng.randint(0, 2) for c in F.APPLICANT_COLUMNS}  # carried into the first year
        in_force = {"regulations": rng.randint(1, 5) if organ.level == "市" else 0, "normative_docs": rng.randint(0, 30)}
        for year in YEARS:
            key = (organ.name, year)
            cells, forward, in_force = _tables(rng, forward, in_force, organ.level == "市")
            if key in MISSING:
                continue
            if key in FAILED:
                region.failed[key] = f"{organ.name}{year}年报.html"
                continue
            if year == 2024:
                cells[ALL_BLANK_2024] = None
            if key == FEE_BLANK:
                cells["active.fees"] = None
            if key == NO_REVIEWS:
                cells |= {F.appeal_id("review", c): 0 for c in F.APPEAL_COLUMNS}
            printed = Printed(organ, year, cells, _published(organ, year), f"{organ.name}_{year}.txt")
            if key == MISPRINTED:
                printed.true_new_natural = cells["applications.new.total"]
                cells["applications.new.total"] += 1
            region.reports.append(printed)
    _tie(region)
    return region


def _tie(region: Region) -> None:
    """Give the SAME_NEW reports equal 本年新收 totals by adding granted natural-person applications to the smaller one."""
    a, b = (region.report(*k) for k in SAME_NEW)
    small, big = sorted((a, b), key=lambda r: r.cells["applications.new.total"])
    extra = big.cells["applications.new.total"] - small.cells["applications.new.total"]
    for row in ("new", "granted", "total"):
        for col in ("natural_person", "total"):
            small.cells[F.application_id(row, col)] += extra


def _published(organ: Organ, year: int) -> str | None:
    key = (organ.name, year)
    if key in NO_DATE:
        return None
    if key in LATE:
        return LATE[key]
    return f"{year + 1}-01-20" if organ.is_department else f"{year + 1}-03-20"


def _tables(rng: random.Random, carried_over: dict[str, int], in_force: dict[str, int], makes_rules: bool):
    """One year's consistent tables; returns (cells, carried forward, in force) for the next year.

    Only the city (设区的市) makes 规章: a district or department reporting one is a finding of its own.
    """
    cells: dict[str, int | float | None] = {}
    for row in ("regulations", "normative_docs"):
        issued = 0 if row == "regulations" and not makes_rules else rng.randint(0, 4)
        repealed = rng.randint(0, min(2, in_force[row]))
        now = in_force[row] + issued - repealed
        cells |= {F.active_id(row, "issued"): issued, F.active_id(row, "repealed"): repealed, F.active_id(row, "in_force"): now}
        in_force = {**in_force, row: now}
    for row in ("licensing", "punishment", "coercion"):
        cells[F.active_id(row)] = rng.randint(0, 400)
    cells[F.active_id("fees")] = round(rng.randint(0, 5000) / 100, 2)
    forward = {}
    for col in F.APPLICANT_COLUMNS:
        results = {row: (rng.randint(0, 6) if rng.random() < 0.4 else 0) for row in F.RESULT_ROWS_2021}
        total = sum(results.values())
        forward[col] = rng.randint(0, 2)
        new = total + forward[col] - carried_over[col]
        if new < 0:  # more carried in than handled: handle the surplus as granted
            results["granted"] -= new
            total -= new
            new = 0
        for row, v in results.items():
            cells[F.application_id(row, col)] = v
        cells |= {F.application_id("total", col): total, F.application_id("new", col): new,
                  F.application_id("carried_over", col): carried_over[col], F.application_id("carried_forward", col): forward[col]}
    for row in F.APPLICATION_ROW_IDS_2021:
        cells[F.application_id(row, "total")] = sum(cells[F.application_id(row, c)] for c in F.APPLICANT_COLUMNS)
    for group in F.APPEAL_GROUPS:
        parts = {c: (rng.randint(0, 3) if rng.random() < 0.5 else 0) for c in ("upheld", "corrected", "other", "pending")}
        cells |= {F.appeal_id(group, c): v for c, v in parts.items()}
        cells[F.appeal_id(group, "total")] = sum(parts.values())
    return cells, forward, in_force


def _v(value) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def report_text(organ: str, year: int, cells: dict, published: str | None) -> str:
    a = lambda f: _v(cells[f])  # noqa: E731
    active = [
        "第二十条第(一)项 | | | |",
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        *[f"{name} | {a(F.active_id(row, 'issued'))} | {a(F.active_id(row, 'repealed'))} | {a(F.active_id(row, 'in_force'))} |"
          for row, name in (("regulations", "规章"), ("normative_docs", "行政规范性文件"))],
        "第二十条第(五)项 | | | |", "信息内容 | 本年处理决定数量 | | |",
        f"行政许可 | {a('active.licensing')} | | |",
        "第二十条第(六)项 | | | |", "信息内容 | 本年处理决定数量 | | |",
        f"行政处罚 | {a('active.punishment')} | | |", f"行政强制 | {a('active.coercion')} | | |",
        "第二十条第(八)项 | | | |", "信息内容 | 本年收费金额(单位:万元) | | |",
        f"行政事业性收费 | {a('active.fees')} | | |",
    ]
    header = [
        "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | | | | | | |",
        "自然人 | 法人或其他组织 | 总计 | | | | | |",
        "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | | | |",
    ]
    labels = {
        "new": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
        "granted": "三、本年度办理结果 | (一)予以公开", "partly_granted": "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
        "total": "(七)总计", "carried_forward": "四、结转下年度继续办理",
    }
    groups = {"denied.state_secret": "(三)不予公开 | ", "unavailable.not_held": "(四)无法提供 | ",
              "not_processed.petition": "(五)不予处理 | ", "other.overdue_correction": "(六)其他处理 | "}
    rows = []
    for row, label in F.APPLICATION_ROWS_2021:
        name = labels.get(row) or groups.get(row, "") + label.split("）", 1)[-1]
        rows.append(f"{name} | " + " | ".join(a(F.application_id(row, c)) for c in F.APPLICATION_COLUMNS) + " |")
    appeals = [
        "行政复议 | 行政诉讼 | | | | | | | | | | | | | |",
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | | | | | | | | |",
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | | | | | |",
        " | ".join(a(F.appeal_id(g, c)) for g in F.APPEAL_GROUPS for c in F.APPEAL_COLUMNS) + " |",
    ]
    sign = [organ, f"{published[:4]}年{int(published[5:7])}月{int(published[8:10])}日"] if published else [organ]
    return "\n".join([
        f"{organ}{year}年政府信息公开工作年度报告",
        "一、总体情况",
        f"本年度，{organ}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。",
        "二、主动公开政府信息情况", *active,
        "三、收到和处理政府信息公开申请情况", *header, *rows,
        "四、政府信息公开行政复议、行政诉讼情况", *appeals,
        "五、存在的主要问题及改进情况",
        "公开内容的及时性有待提高，下一步将加强培训。",
        "六、其他需要报告的事项",
        "本机关未收取信息处理费。",
        *sign, "",
    ])
