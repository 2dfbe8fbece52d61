"""Whether the process that started a run is still running: how a run killed outright is told from a live one.

A run killed outright (kill -9, the OOM killer) stays `running` in `runs`: nothing of it was left to
say otherwise. Its reports are stored and, while their files are unchanged, never read again, so
unless a later run notices, they are never checked across years. A row that says `running` may also
be another user's batch, live at this moment: marking that one killed would have its later reports
never checked at all. So a run is taken as killed only when its process has **surely** ended, and
each run records the process that started it (`runs.process`): `place:pid:start`, where

- `place` is where that pid means that process: the host name, the boot (`boot_id`: a pid of
  another boot is not this boot's), and the PID and time namespaces (a container or `unshare` with
  the host's name has pids and start times of its own);
- `start` is when the process started (/proc/<pid>/stat's 22nd field, clock ticks since boot;
  empty where there is no /proc), so that a pid the system has since given to another process is
  not taken for the run's.

Surely gone means: the same place, and the pid names no process (the kernel says so to `kill(pid, 0)`,
not merely /proc, which `hidepid` hides other users' processes from), or a zombie, or a process that
started at another time. Anything else — another place (host, boot, namespace), a row written before
runs recorded their process, a mark that cannot be read — is never taken as gone. So a run of a
machine that was rebooted (a power cut) is not caught up here: `--force` reads its files again.
"""

from __future__ import annotations

import functools
import os
import socket


def _read(path: str) -> str:
    try:
        with open(path, encoding="ascii", errors="replace") as fh:
            return fh.read().strip()
    except OSError:
        return ""


@functools.cache
def _place() -> str:
    """Where a pid of this process's names a process: host, boot, PID and time namespaces ("" for any unknown)."""
    namespaces = []
    for kind in ("pid", "time"):
        try:
            namespaces.append(os.readlink(f"/proc/self/ns/{kind}"))
        except OSError:
            namespaces.append("")
    return "|".join([socket.gethostname(), _read("/proc/sys/kernel/random/boot_id"), *namespaces])


def _started(pid: int) -> str | None:
    """When process `pid` started (clock ticks since boot) as /proc says; None for a zombie; "" when /proc does
    not say (no /proc, or hidden from us: then the pid alone is asked)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except OSError:
        return ""
    # The command name (2nd field) is in parentheses and may hold spaces and ')': fields count after the last ')'.
    fields = stat[stat.rfind(b")") + 2 :].split()
    if fields[:1] in ([b"Z"], [b"X"]):  # killed, not yet waited for by its parent: ended all the same
        return None
    return fields[19].decode("ascii") if len(fields) > 19 else ""


def this_process() -> str:
    """The mark of the process calling it: place:pid:start."""
    pid = os.getpid()
    return f"{_place()}:{pid}:{_started(pid) or ''}"


def is_gone(mark: str | None) -> bool:
    """True only when the process `mark` names (this_process's form) has surely ended."""
    parts = mark.rsplit(":", 2) if mark else []
    if len(parts) != 3 or parts[0] != _place() or not (parts[1].isascii() and parts[1].isdigit()) or int(parts[1]) <= 0:
        return False
    pid, start = int(parts[1]), parts[2]
    started = _started(pid)
    if started is None:  # a zombie: ended
        return True
    if started:  # /proc shows a process with that pid: the run's only if it started when the run's did
        return bool(start) and started != start
    try:  # /proc does not say: the kernel does
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # there is one (another user's: EPERM): alive
        return False
    return False
