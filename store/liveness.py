"""Whether the process that started a run is still running: how a run killed outright is told from a live one.

A run killed outright (kill -9, the OOM killer, a power cut) stays `running` in `runs`: nothing of it
was left to say otherwise. Its reports are stored and, while their files are unchanged, never read
again, so unless a later run notices, they are never checked across years. A row that says `running`
may also be another user's batch, live at this moment: only a run whose process is surely gone is
taken as killed. So each run records the process that started it (`runs.process`):
`host:pid:start`, where `start` is when that process started (Linux: /proc/<pid>/stat's 22nd field, in
clock ticks since boot; empty where there is no /proc), so that a pid the system has since given to
another process is not taken for the run's.

Surely gone means: the same host, and no process with that pid, or one with that pid that started at
another time. Another host's run, a row written before runs recorded their process, or a mark that
cannot be read is never taken as gone.
"""

from __future__ import annotations

import os
import socket


def _started(pid: int) -> str | None:
    """When process `pid` started (clock ticks since boot) as /proc says; "" without /proc; None if no such process."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except FileNotFoundError:
        return None if os.path.isdir("/proc/self") else ""
    except OSError:
        return ""
    # The command name (2nd field) is in parentheses and may hold spaces and ')': fields count after the last ')'.
    fields = stat[stat.rfind(b")") + 2 :].split()
    if fields[:1] in ([b"Z"], [b"X"]):  # killed, not yet waited for by its parent: ended all the same
        return None
    return fields[19].decode("ascii") if len(fields) > 19 else ""


def this_process() -> str:
    """The mark of the process calling it: host:pid:start."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_started(pid) or ''}"


def is_gone(mark: str | None) -> bool:
    """True only when the process `mark` names (this_process's form) has surely ended."""
    parts = mark.rsplit(":", 2) if mark else []
    if len(parts) != 3 or parts[0] != socket.gethostname() or not parts[1].isdigit() or int(parts[1]) <= 0:
        return False
    pid, start = int(parts[1]), parts[2]
    started = _started(pid)
    if started is None:  # no such process
        return True
    if started and start:  # a process with that pid: the run's only if it started when the run's did
        return started != start
    try:  # no /proc: the pid alone says it
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # there is one (another user's): alive
        return False
    return False
