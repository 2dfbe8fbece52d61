"""Which reports the cross-year check compares, and with which report of the year before: found by index.

A report's partner is the latest extracted readable current report of the year before whose organ
is matched as the same (rules/history.py: the name it is matched as, its alias else its key, and
`name_pairs`). The check used to copy every such report in the database to temporary tables first,
~10 µs per stored report (23 ms after a batch of 2,000 into a new database, a second at 100,000).
Here only the organs printed in reports of the years concerned are read, from the (organ, year)
index, and each (name, year) group's partner is one look-up by that index: Python works per
organ name, not per stored report, and what grows with the database is a scan of that index in C.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from ..rules.history import organ_key, shorter_names

IN_SCOPE = "status = 'ok' AND current = 1"  # with an organ whose key is not empty and a year: what is compared


class Names:
    """The organs printed in the reports of some years, by the name each is matched as."""

    def __init__(self, conn: sqlite3.Connection, years: Iterable[Any], aliases: dict[str, str]) -> None:
        """`years`: those of the reports to check; with the years before and after, reckoned as SQLite reckons the
        partner's and the next year's (`year - 1`, `year + 1`), whatever a year was stored as."""
        self.of_organ: dict[str, str] = {}
        organs_of: dict[str, list[str]] = {}
        for (organ,) in conn.execute(
                "SELECT DISTINCT organ FROM reports WHERE organ IS NOT NULL AND year IN (SELECT value FROM json_each(?1) "
                "UNION ALL SELECT value - 1 FROM json_each(?1) UNION ALL SELECT value + 1 FROM json_each(?1))",
                [json.dumps(list(set(years)))]):
            key = organ_key(organ)
            if key:
                name = aliases.get(key, key)
                self.of_organ[organ] = name
                organs_of.setdefault(name, []).append(organ)
        self.organs_of = organs_of
        self.longer: dict[str, list[str]] = {}  # a name → the names that end with it after a place (`安流镇` ← `五华县安流镇`)
        for name in organs_of:
            for short in shorter_names(name):
                self.longer.setdefault(short, []).append(name)

    def matching(self, name: str) -> str:
        """The organs whose name is matched with `name` (as a pair of `name_pairs` over these names), as a JSON list."""
        names = [name, *(s for s in shorter_names(name) if s in self.organs_of), *self.longer.get(name, ())]
        return json.dumps(sorted({organ for n in names for organ in self.organs_of.get(n, ())}))


# The reports to check go to temp.xy_wanted (id, report_key, organ, year, had: cross-year findings now), each once.
INSERT_WANTED = "INSERT OR IGNORE INTO temp.xy_wanted SELECT id, report_key, organ, year, NULL FROM reports"
# Those of a group, by the (organ, year) index.
INSERT_GROUP = f"{INSERT_WANTED} WHERE organ = ? AND year = ? AND {IN_SCOPE}"
# The reports of the next year matched with a group's (one step: a partner's partners are not added).
INSERT_NEXT_YEAR = f"{INSERT_WANTED} WHERE organ IN (SELECT value FROM json_each(?)) AND year = ? + 1 AND {IN_SCOPE}"
# A group's partner: of the matched organs' reports of the year before, the latest extracted (rowid breaks a tie, as
# the check always ordered them: by extracted_at, then rowid).
PARTNER = ("SELECT id, organ, year, source FROM reports WHERE organ IN (SELECT value FROM json_each(?)) AND year = ? - 1 "
           f"AND {IN_SCOPE} ORDER BY extracted_at DESC, rowid DESC LIMIT 1")


# A cross-year finding, as every query of them says it: the partial index idx_finding_rows_history (schema.py),
# of their report ids, serves a query that holds this very term, so none reads every finding.
HISTORY = "rule LIKE 'history.%'"


def count_cross_year(conn: sqlite3.Connection) -> int:
    """How many cross-year findings are stored."""
    return int(conn.execute(f"SELECT COUNT(*) FROM finding_rows WHERE {HISTORY}").fetchone()[0])


def mark_had(conn: sqlite3.Connection) -> None:
    """Mark each report of temp.xy_wanted that has cross-year findings now (they go before new ones are written):
    from those findings when there are fewer of them than wanted reports, else report by report."""
    stored = count_cross_year(conn)
    if not stored:
        return
    if stored <= conn.execute("SELECT COUNT(*) FROM temp.xy_wanted").fetchone()[0]:
        conn.execute(f"UPDATE temp.xy_wanted SET had = 1 WHERE id IN (SELECT report_id FROM finding_rows WHERE {HISTORY})")
    else:
        conn.execute(f"UPDATE temp.xy_wanted SET had = 1 WHERE EXISTS (SELECT 1 FROM finding_rows WHERE report_id = xy_wanted.id AND {HISTORY})")
