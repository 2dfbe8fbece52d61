"""A batch writes a finding without a verdict by plain values (store/verdict_prints.py): it must carry over
every verdict exactly as the look-ups per finding do, however verdicts come and go between its transactions."""

from __future__ import annotations

import dataclasses
import json
import random
import sqlite3

import pytest
from conftest import run, seed_named
from test_store import everything

from nianbao.store import Store
from nianbao.store.rows import report_rows

PRINTS = [f"F{i:010x}" for i in range(6)]  # few fingerprints, so reports share them and verdicts meet them again


def _rows(rng: random.Random, n: int, start: int) -> list:
    base = report_rows(run(seed_named("004"), "004.txt"))
    finding = base.findings[0]
    out = []
    for i in range(start, start + n):
        prints = rng.sample(PRINTS, rng.randint(0, 3))
        findings = [(fp, *finding[1:3], json.dumps([f"f{rng.randint(0, 2)}"]), *finding[4:]) for fp in prints]
        out.append(dataclasses.replace(base, sha256=f"{i:064x}", source=f"{i}.txt", source_path=f"/x/{i % 7}.txt", findings=findings))
    return out


def _steps(rng: random.Random) -> list[tuple]:
    """Batches of reports, and between them verdicts given, changed or taken away on the fingerprints they share."""
    steps, n = [], 0
    for _ in range(rng.randint(3, 6)):
        size = rng.randint(1, 6)
        steps.append(("rows", _rows(rng, size, n)))
        n += size
        for _ in range(rng.randint(1, 2)):
            kind = rng.choice(["other", "own", "delete"])
            if kind == "other":  # another process (serve, review) gives or changes a verdict, even a NULL status
                steps.append(("other", rng.choice(PRINTS), rng.choice(["confirmed", "dismissed", None]), rng.choice([None, "注"]), "2026-01-02"))
            elif kind == "own":  # this store's own set_verdict
                steps.append(("own", rng.choice(PRINTS), rng.choice(["confirmed", "dismissed", "open"])))
            else:
                steps.append(("delete", rng.choice(PRINTS)))
    return steps


def _apply(store: Store, step: tuple, batch: bool) -> None:
    kind = step[0]
    if kind == "rows":
        if batch:
            with store.writing_many():
                store.begin()
                for row in step[1]:
                    store.save_rows(row)
                store.commit()
        else:
            for row in step[1]:
                store.save_rows(row)
    elif kind == "own":
        store.set_verdict(*step[1:])
    else:
        other = sqlite3.connect(store.path, isolation_level=None)
        if kind == "other":
            other.execute("INSERT OR REPLACE INTO verdicts (fingerprint, status, note, decided_at) VALUES (?, ?, ?, ?)", step[1:])
        else:
            other.execute("DELETE FROM verdicts WHERE fingerprint = ?", [step[1]])
        other.close()


@pytest.mark.parametrize("seed", range(40))
def test_a_batch_carries_verdicts_over_as_the_look_ups_per_finding_do(tmp_path, monkeypatch, seed):
    import nianbao.store as S

    monkeypatch.setattr(S, "now", lambda: "2026-01-01T00:00:00+00:00")
    rng = random.Random(seed)
    steps = _steps(rng)
    batch, plain = Store(tmp_path / "batch.db"), Store(tmp_path / "plain.db")
    try:
        for step in steps:
            _apply(batch, step, batch=True)  # one store all along: what it keeps must follow every change
            _apply(plain, step, batch=False)  # each report on its own, every verdict looked up
        assert everything(batch) == everything(plain)
    finally:
        batch.close()
        plain.close()
