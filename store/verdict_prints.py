"""The fingerprints people have given verdicts, so a batch writes a finding without one by plain values.

A finding carries over the verdict a person gave its fingerprint (status as it stands, note, time),
looked up as it is written: three look-ups in `verdicts` per finding, ~5 µs of the writer's ~80 per
report. Verdicts are few (people give them) and change rarely, so a batch keeps their fingerprints:
a finding whose fingerprint is not among them is written as 'open' with no note, as the look-ups would
give; one that is, by the look-ups. They are read again when another connection has committed since
(`PRAGMA data_version` says so), and whenever this store's own connection writes one (`forget`, called by
TEMP triggers on `verdicts`: Store._watch_verdicts), and asked
for within the transaction the findings are written in, after it took the write lock: nobody else can
give a verdict until it ends.
"""

from __future__ import annotations

import sqlite3


class VerdictPrints:
    def __init__(self) -> None:
        self.prints: frozenset[str] | None = None
        self.version: int | None = None

    def now(self, conn: sqlite3.Connection) -> frozenset[str]:
        """The fingerprints with a verdict, as the open transaction sees them."""
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if self.prints is None or version != self.version:
            self.prints = frozenset(fp for (fp,) in conn.execute("SELECT fingerprint FROM verdicts"))
            self.version = version
        return self.prints

    def forget(self) -> None:
        """This store wrote a verdict (other connections' writes show in data_version; its own do not)."""
        self.prints = None
