"""The hostile battery: good reports mixed with hostile files in one folder, one `nianbao extract`.

Every good report is stored with its values, every bad file is a stored failure with its clear
reason, no traceback is printed, and the whole run stays within a fixed memory ceiling (the
extract process runs under an address-space limit: expanding a span bomb or inflating the zip
bomb would raise MemoryError there). Time is measured by bench/hostile.py, not asserted here.
"""

from __future__ import annotations

import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

from hostile_files import OK, build

ADDRESS_SPACE = 2 << 30  # 2 GiB of virtual memory for the whole extract process (it peaks near 200 MB resident)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def test_good_reports_are_stored_and_every_hostile_file_is_a_failure_with_its_reason(tmp_path):
    folder = tmp_path / "downloads"
    expected = build(folder, zip_bomb_mb=100, big_text_mb=50)
    db = tmp_path / "battery.db"
    done = subprocess.run(
        [sys.executable, "-m", "nianbao.cli", "extract", str(folder), "--db", str(db)],
        capture_output=True, text=True, preexec_fn=_limit_memory, timeout=600,
    )
    assert "Traceback" not in done.stderr + done.stdout, done.stderr[-3000:]
    assert done.returncode == 1  # some inputs failed; the batch itself finished
    stored = {Path(source).name: (status, error, values) for source, status, error, values in sqlite3.connect(db).execute(
        "SELECT source, status, error, (SELECT COUNT(*) FROM cells c WHERE c.report_id = reports.id AND c.value IS NOT NULL) FROM reports")}
    assert set(stored) == set(expected)
    for name, want in expected.items():
        status, error, values = stored[name]
        if want == OK:
            assert (status, error) == ("ok", None) and values >= 199, (name, status, error, values)
        else:
            assert status == "failed" and error.startswith(want), (name, error)
            assert values == 0, name  # a failure is stored as its reason only
    for name, want in expected.items():  # each failure was also said on stderr, in one line naming the file
        if want != OK:
            assert any(line.startswith("failed ") and name in line and want in line for line in done.stderr.splitlines()), name
