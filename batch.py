"""Many inputs at once: worker processes read and check, this process alone writes.

Each input is read in a worker process, so one file can never take the batch down with it:
a MemoryError (each worker runs under an address-space limit), a RecursionError, a hang
past `file_timeout` (the worker is killed and replaced) or a crash of the worker itself
becomes that file's stored failure with its reason, and the batch goes on. Reports come
back in input order whatever the number of workers, so `jobs=4` stores exactly what
`jobs=1` stores, in the same order. `jobs=1` still uses one worker process: a signal-based
alarm cannot stop C code (lxml, a regex) that never returns to the interpreter, and an
address-space limit on the main process would hit the writer too.

With the model (`llm`), each worker reads several reports at once, in threads, so that
`llm_concurrency` reports in all are waiting on the provider (batch_llm.py).

The single writer commits many reports per transaction (at most `commit_every` reports or
`commit_seconds` apart), so other writers (verdicts, serve) get in between commits; a report that
fails half-way (an error, Ctrl-C) is undone whole by the store (store/written.py), never left in half.
"""

from __future__ import annotations

import contextlib
import marshal
import math
import os
import pickle
import resource
import select
import signal
import sqlite3
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .load import DEFAULT_MAX_BYTES
from .extract.llm.shared import context as fork_context
from .pipeline import name_suffix, process_path, sha_or_path, source_name
from .report import Report
from .store.rows import ReportRows, report_rows, rows_from_values, rows_values

if TYPE_CHECKING:
    from .extract.llm.extractor import LLMExtractor
    from .store import Store

Item = tuple[Path, "str | None"]  # an input and, when it cannot even be opened, the problem
DEFAULT_FILE_TIMEOUT = 60.0  # a real report is read in well under a second
# Address space a worker may add on top of what it starts with. Address space, not memory: the OCR
# runtime alone reserves ~1.4 GB of it to read one scanned page (~0.7 GB resident), so under 1 GB every scan failed.
DEFAULT_MEMORY_MB = 2048


@dataclass
class BatchOptions:
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    max_bytes: int = DEFAULT_MAX_BYTES
    file_timeout: float = DEFAULT_FILE_TIMEOUT
    memory_mb: int | None = DEFAULT_MEMORY_MB
    llm: LLMExtractor | None = None
    llm_concurrency: int = 4
    force: bool = False  # read every file, even one unchanged since it was stored
    json_lines: bool = False  # also render each report's JSON (ReportRows.json_line), in the worker
    json_with_text: bool = False  # …with its normalized text

    def stamp(self) -> str:
        """The tool version and the options that change what is read: a file stored under another stamp is read again."""
        llm = "never"
        if self.llm is not None:
            config = self.llm.asker.config
            llm = f"{self.llm.policy}:{config.base_url or ''}:{config.model}"
        return f"{__version__}|max_bytes={self.max_bytes}|llm={llm}"


# --- one input, isolated -------------------------------------------------------------------
def read_one(item: Item, max_bytes: int, llm: LLMExtractor | None = None) -> Report:
    """One input's Report; whatever goes wrong becomes the failure with its reason."""
    path, problem = item
    if problem:
        return Report(source=source_name(path), sha256=sha_or_path(path), status="failed", error=problem)
    try:
        return process_path(path, max_bytes, llm)
    except (MemoryError, RecursionError) as exc:  # process_path turns other exceptions into failures itself
        return failure(path, _reason(exc))


def failure(path: Path, reason: str) -> Report:
    return Report(source=source_name(path), sha256=sha_or_path(path), status="failed", error=reason)


MEMORY_REASON = "needs more memory than one file may use (the per-file memory limit); not read"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, MemoryError):
        return MEMORY_REASON
    if isinstance(exc, RecursionError):
        return "nested too deeply to read (RecursionError); not read"
    return f"{type(exc).__name__}: {exc}"


# What a worker hands back: the Report itself (read_all), or the rows the store writes (run_batch),
# worked out in the worker so the one writer only executes SQL.
Shape = Callable[[Report], "Report | ReportRows"]


def as_report(report: Report) -> Report:
    return report


def _rows_shape(options: BatchOptions) -> Shape:
    return partial(report_rows, json_line=options.json_lines, with_text=options.json_with_text)  # picklable, for spawn


def _shaped(shape: Shape, report: Report) -> Report | ReportRows:
    """`shape(report)`; a report that cannot be turned into rows is that file's failure, not the batch's."""
    try:
        return shape(report)
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:  # noqa: BLE001 — one odd report must not stop a batch
        return shape(failure(Path(report.source), f"could not be stored ({type(exc).__name__}: {exc}); please report it"))


# --- worker processes ------------------------------------------------------------------------
def start_worker(memory_mb: int | None) -> None:
    """What every worker process does first (here and in batch_llm.py)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle: it stops the batch cleanly
    # Fresh stream objects: forked while the progress bar's thread may hold stderr's lock, a worker
    # that wrote a warning through the inherited object could wait on that lock forever.
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 — for the life of the worker
    sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
    if memory_mb:
        _limit_memory(memory_mb)


def stop_worker(process: Any, conn: Connection, kill: bool = False) -> None:
    """End a worker process: asked to finish (None), or killed; its pipe closed either way."""
    ask_to_stop(process, conn, kill)
    wait_stopped(process, conn, kill)


def ask_to_stop(process: Any, conn: Connection, kill: bool = False) -> None:
    if kill:
        process.kill()
    else:
        try:
            conn.send(None)
        except OSError:
            pass


def wait_stopped(process: Any, conn: Connection, kill: bool = False) -> None:
    process.join(1 if not kill else None)
    if process.is_alive():
        process.kill()
        process.join()
    conn.close()


def task_lists(conn: Connection) -> Iterator[list[tuple[int, Item]]]:
    """The lists of (seq, item) tasks the writer sends a worker, one per message, until it sends None or goes."""
    while True:
        try:
            given = conn.recv()
        except (EOFError, OSError):
            return
        if given is None:
            return
        yield given


def tasks(conn: Connection) -> Iterator[tuple[int, Item]]:
    """The (seq, item) tasks the writer sends a worker (batch_llm.py), a list of them per message."""
    for given in task_lists(conn):
        yield from given


def send_back(conn: Connection, seq: int, item: Item, shaped: Report | ReportRows, shape: Shape) -> None:
    """Pass one result to the writer in a message of its own (`encode_results`); one too big or deep to pass
    is that file's failure."""
    try:
        conn.send_bytes(encode_results([(seq, shaped)]))
    except (MemoryError, RecursionError) as exc:
        conn.send_bytes(encode_results([(seq, shape(failure(item[0], _reason(exc))))]))


def _worker_main(conn: Connection, max_bytes: int, memory_mb: int | None, shape: Shape = as_report,
                 reading: Any = None) -> None:
    """Read the tasks as they come, and send the results back a group at a time (`_Held`); say in `reading`
    (shared memory) which file is being read and since when, or that results are being sent, so that the
    writer, which no longer learns it from each result, can still tell which file took too long or killed us."""
    start_worker(memory_mb)
    held = _Held(conn, shape, reading)
    for given in task_lists(conn):
        for seq, item in given:
            held.send_before(item)
            if reading is not None:  # the time first: a writer reading between the two sees the old task start later, never the new one earlier
                reading[1] = time.monotonic()
                reading[0] = seq
            report = read_one(item, max_bytes)
            held.add(seq, item, _shaped(shape, report))
            if report.error == MEMORY_REASON:
                held.send()
                return  # after a MemoryError the heap may be fragmented; a fresh worker takes over
        held.send()


SENDING, IDLE = -2.0, -1.0  # in a worker's `reading`: sending results; neither sending nor reading
# Kinds of input that can take seconds to read (a scan is read by OCR): what a worker holds is sent before it starts one.
SLOW_SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"})


class _Held:
    """A worker's finished results, sent to the writer in one message per list of tasks given together:
    one message per report cost the writer ~0.05 ms each in receiving, waking up and polling, and woke it
    (taking a core from a worker) once per report. What is held is sent before the worker starts a file of a
    kind that can be slow (SLOW_SUFFIXES), and before any file once it has waited HOLD_SECONDS: a finished
    report waits at most for one text or web page after it (a hostile one can take a second or more; if
    that one then times out or kills the worker, what was held is read again by its successor)."""

    def __init__(self, conn: Connection, shape: Shape, reading: Any = None):
        self.conn, self.shape, self.reading = conn, shape, reading
        self.results: list[tuple[int, Item, Report | ReportRows]] = []
        self.since = 0.0

    def add(self, seq: int, item: Item, shaped: Report | ReportRows) -> None:
        if not self.results:
            self.since = time.monotonic()
        self.results.append((seq, item, shaped))

    def send_before(self, item: Item) -> None:
        """Send what is held if the next file, `item`, may be slow to read, or what is held has waited long enough."""
        if self.results and (time.monotonic() - self.since >= HOLD_SECONDS or name_suffix(str(item[0])).lower() in SLOW_SUFFIXES):
            self.send()

    def send(self) -> None:
        results, self.results = self.results, []
        if not results:
            return
        if self.reading is not None:  # a death from here on is not the last file read's (the writer sorts it out)
            self.reading[0] = SENDING
        try:
            self.conn.send_bytes(encode_results([(seq, shaped) for seq, _, shaped in results]))
        except (MemoryError, RecursionError):  # one too big or deep to pass: each alone, and that one as a failure
            for seq, item, shaped in results:
                send_back(self.conn, seq, item, shaped, self.shape)
        if self.reading is not None:
            self.reading[0] = IDLE


def encode_results(results: list[tuple[int, Report | ReportRows]]) -> bytes:
    """A group of (seq, result) as the bytes a worker sends (here and in batch_llm.py): with marshal when every result is a ReportRows of
    plain values (per report 3.8 µs to write and 6.4 to read back, where pickle takes 13.8 and 8.8), else pickled.
    Both ends are the same interpreter, which is all marshal's format asks."""
    if all(type(shaped) is ReportRows for _, shaped in results):
        try:
            return b"M" + marshal.dumps([(seq, rows_values(shaped)) for seq, shaped in results])
        except ValueError:  # a value of a type marshal does not write (a subclass of str, say): pickle takes it
            pass
    # pickled as it is (Connection.send's pickler is for handles and sockets, which a report has none of)
    return b"P" + pickle.dumps(results, pickle.HIGHEST_PROTOCOL)


def decode_results(data: bytes) -> list[tuple[int, Report | ReportRows]]:
    body = memoryview(data)[1:]
    if data[:1] == b"M":
        return [(seq, rows_from_values(values)) for seq, values in marshal.loads(body)]
    return pickle.loads(body)


def _limit_memory(memory_mb: int) -> None:
    """Cap this process's address space at what it has now plus `memory_mb`."""
    try:
        with open("/proc/self/statm") as fh:
            current = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        current = 0
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = current + memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        pass  # not allowed here: the time limit still holds


# Tasks handed to a worker ahead of time. Three processes share two cores: when the writer is off the CPU
# for a few ms, a worker with one task in hand ran dry and slept (600 voluntary switches per 2,000 reports);
# with several in hand it reads on. 32, ~25 ms of reading, outlasts the writer's longest pause (a commit that
# checkpoints the WAL): 16 -> 32 took 2,000 reports from ~1,735 to ~1,850 reports/s. A pipe holds 32 paths easily.
QUEUED_PER_WORKER = 32
# …handed over eight at a time, and their results sent back together (_Held): a message costs the worker
# ~20 µs of CPU to receive and the writer more to take in, while eight reports in one cost little more than one.
# Per 2,000 reports: the writer's CPU 0.44 -> 0.33 s, the workers' 1.76 -> 1.66 s, the batch 1,580 -> 1,680 reports/s.
GIVEN_AT_ONCE = 8
HOLD_SECONDS = 0.05  # the longest a worker keeps finished results while it has more to read
SETTLE_SECONDS = 0.05  # how long the writer waits for a result before it commits and waits on
STOP_SECONDS = 0.5  # the longest the writer waits without looking at Ctrl-C


class _Ready:
    """Which of the workers' pipes have a result (or ended), by one poll object for the whole batch:
    multiprocessing.connection.wait builds, fills and closes a selector per call, about once per report
    in the one writer process. Same answer: every pipe with any event (data, end, error) is ready."""

    def __init__(self) -> None:
        self._poll = select.poll()
        self._by_fd: dict[int, Connection] = {}

    def wait(self, conns: list[Connection], timeout: float) -> set[Connection]:
        wanted = {c.fileno(): c for c in conns}  # a replaced worker's pipe may reuse its predecessor's number
        for fd in self._by_fd.keys() - wanted.keys():
            self._poll.unregister(fd)
        for fd in wanted.keys() - self._by_fd.keys():
            self._poll.register(fd, select.POLLIN)
        self._by_fd = wanted
        return {wanted[fd] for fd, _ in self._poll.poll(math.ceil(timeout * 1000))}  # ms, rounded up as selectors do


class _Worker:
    """A worker process and the tasks given to it, in the order it reads them (the first is being read or next)."""

    def __init__(self, ctx: Any, options: BatchOptions, shape: Shape):
        self.conn, child = ctx.Pipe()
        # which task it is reading and since when (time.monotonic): its results come a group at a time
        self.reading = ctx.RawArray("d", [IDLE, 0.0])
        self.process = ctx.Process(target=_worker_main, args=(child, options.max_bytes, options.memory_mb, shape, self.reading),
                                   daemon=True)
        self.process.start()
        child.close()
        self.tasks: deque[tuple[int, Item]] = deque()
        self.alone: set[int] = set()  # tasks given one per message: their results come one per message too
        self.since = 0.0  # when the writer last saw it take up work: given some while idle, or sending results

    def give(self, given: list[tuple[int, Item]]) -> None:
        """Hand over (seq, item) tasks in one message: a message costs the worker more than its few paths."""
        if not self.tasks:
            self.since = time.monotonic()
        self.tasks.extend(given)
        try:
            self.conn.send(given)
        except OSError:  # it has just quit or died: noticed when its pipe ends, and what it never started goes to its successor
            pass

    def deadline(self, timeout: float) -> float:
        """When the task it is reading has taken too long: from when it said it started that task, or
        from when the writer last saw it work, whichever is later."""
        seq, started = self.reading
        return max(self.since, started if self._given(seq) else 0.0) + timeout

    def give_alone(self, given: list[tuple[int, Item]]) -> None:
        """Hand over tasks one per message, so that each result comes back alone: after this worker's
        predecessor died sending a group, the one whose result kills the sender is then the one sent."""
        for task in given:
            self.alone.add(task[0])
            self.give([task])

    def stuck_on(self) -> tuple[int, Item] | None:
        """The task it was reading or sending alone when it went; None when it died sending a group (which
        of them is unknown: they are read again, each sent alone)."""
        seq = self.reading[0]
        if seq == SENDING:
            return self.tasks[0] if self.tasks[0][0] in self.alone else None
        return next((t for t in self.tasks if t[0] == seq), self.tasks[0])

    def _given(self, seq: float) -> bool:
        return bool(self.tasks) and self.tasks[0][0] <= seq <= self.tasks[-1][0]

    def finished(self, seq: int) -> None:
        """A task's result arrived (they come in the order given)."""
        while self.tasks and self.tasks[0][0] <= seq:
            self.alone.discard(self.tasks.popleft()[0])
        self.since = time.monotonic()

    def stop(self, kill: bool = False) -> None:
        stop_worker(self.process, self.conn, kill)


def _in_workers(items: Iterable[Item], options: BatchOptions, shape: Shape) -> Iterator[Report | ReportRows | None]:
    ctx = fork_context()
    n_workers = max(1, options.jobs)
    workers: list[_Worker] = []
    window = 2 * QUEUED_PER_WORKER * n_workers  # reports drawn but not yet stored: bounded, so memory stays flat
    done: dict[int, Report | ReportRows] = {}
    ready_of = _Ready()
    inputs = iter(items)  # drawn as a worker has room: never held as a list
    drawn = False  # every input handed out
    next_out = next_in = 0

    def next_list() -> list[tuple[int, Item]]:
        """The next list of up to GIVEN_AT_ONCE inputs for a worker (their results come back together); empty
        when there is none to give: every input drawn, or the window full."""
        nonlocal drawn, next_in
        given = []
        while len(given) < GIVEN_AT_ONCE and next_in < next_out + window:
            item = next(inputs, None)
            if item is None:
                drawn = True
                break
            given.append((next_in, item))
            next_in += 1
            if name_suffix(str(item[0])).lower() in SLOW_SUFFIXES:
                break  # a file that may take seconds (OCR) ends its list: eight scans are not one worker's while another idles
        return given

    def give_next(w: _Worker) -> bool:
        given = next_list()
        if given:
            w.give(given)
        return bool(given)

    def replace(i: int, kill: bool, leftover: list[tuple[int, Item]], alone: bool = False) -> None:
        """A fresh worker in place of worker i, given the tasks its predecessor never finished sending
        (`alone`: one per message)."""
        workers[i].stop(kill=kill)
        workers[i] = _Worker(ctx, options, shape)
        if alone:
            workers[i].give_alone(leftover)
            return
        for at in range(0, len(leftover), GIVEN_AT_ONCE):
            workers[i].give(leftover[at : at + GIVEN_AT_ONCE])

    try:
        for _ in range(n_workers):  # each forked once there is a first list for it, and given it at once: it reads
            first = next_list()       # while the next is forked (a re-run of unchanged files forks none)
            if not first:
                break
            workers.append(_Worker(ctx, options, shape))
            workers[-1].give(first)
        while not drawn or next_out < next_in:
            # topped up a list at a time round the workers, so each has work before any has its fill (given a
            # worker's fill first, the next one waited while the writer looked up the stamps of 500 more inputs)
            while not drawn:
                room = [w for w in workers if len(w.tasks) <= QUEUED_PER_WORKER - GIVEN_AT_ONCE]
                if not room or not all(give_next(w) for w in room):
                    break
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            busy = [w for w in workers if w.tasks]
            if not busy:
                continue
            timeout = max(0.0, min(w.deadline(options.file_timeout) for w in busy) - time.monotonic())
            ready = ready_of.wait([w.conn for w in busy], min(timeout, SETTLE_SECONDS))
            if not ready:
                yield None  # about to wait longer: the writer commits now rather than hold its transaction open
                # …in slices, so a Ctrl-C is seen (at the next None) while a long file is still being read
                timeout = max(0.0, min(w.deadline(options.file_timeout) for w in busy) - time.monotonic())
                ready = ready_of.wait([w.conn for w in busy], min(STOP_SECONDS, timeout))
            for i, w in enumerate(workers):
                if not w.tasks:
                    continue
                if w.conn in ready:
                    try:
                        got = decode_results(w.conn.recv_bytes())
                    except (EOFError, OSError):  # the worker died: killed by the OS, a crash in C code
                        w.process.join()
                        stuck = w.stuck_on()
                        if stuck is None:  # while sending a group: each of it read again and sent alone
                            replace(i, True, list(w.tasks), alone=True)
                            continue
                        done[stuck[0]] = shape(failure(stuck[1][0], _died(w.process.exitcode)))
                        # what it finished but had not sent yet is read again, with what it never started
                        replace(i, True, [t for t in w.tasks if t is not stuck])
                        continue
                    for got_seq, report in got:
                        done[got_seq] = report
                    w.finished(got[-1][0])
                    if report.error == MEMORY_REASON:  # that worker quits; a fresh one takes over what it had queued
                        replace(i, False, list(w.tasks))
                elif time.monotonic() >= w.deadline(options.file_timeout):
                    stuck = w.stuck_on() or w.tasks[0]  # (a send that long: the writer was not reading)
                    done[stuck[0]] = shape(failure(stuck[1][0], f"took longer than {options.file_timeout:g} s to read (--file-timeout); stopped"))
                    replace(i, True, [t for t in w.tasks if t is not stuck])
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:  # all asked first, then waited for: they exit (~3 ms each) side by side
        for w in workers:
            ask_to_stop(w.process, w.conn, kill=bool(w.tasks))
        for w in workers:
            wait_stopped(w.process, w.conn, kill=bool(w.tasks))


def _died(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else str(-exitcode)
        hint = " (killed: probably out of memory)" if name == "SIGKILL" else ""
        return f"the process reading this file died with {name}{hint}; not read"
    return f"the process reading this file stopped unexpectedly (exit code {exitcode}); not read"


def _stream(items: Iterable[Item], options: BatchOptions, shape: Shape = as_report) -> Iterator[Report | ReportRows | None]:
    """Each input's Report (or `shape` of it) in input order, and None whenever the next one is not ready yet."""
    if options.llm is not None:
        from .batch_llm import in_model_workers  # it builds on this module

        return in_model_workers(items, options, shape)
    return _in_workers(items, options, shape)


def read_all(items: Iterable[Item], options: BatchOptions) -> Iterator[Report]:
    """Each input's Report, in input order."""
    stream = _stream(items, options)
    try:
        yield from (r for r in stream if r is not None)
    finally:
        stream.close()


# --- the writer --------------------------------------------------------------------------
@dataclass
class BatchResult:
    status: str = "interrupted"  # done | interrupted | failed
    stats: Counter = field(default_factory=Counter)
    stage_seconds: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    error: str | None = None
    run_id: int | None = None  # the reports this run stored are those with this run_id in the database


class _StopFlag:
    """Ctrl-C sets a flag the writer checks between reports, so a report is never half-written."""

    def __init__(self) -> None:
        self.raised = False
        self._previous: Any = None

    def __enter__(self) -> _StopFlag:  # noqa: PYI034
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        if self.raised:  # a second Ctrl-C: the person means it
            raise KeyboardInterrupt
        self.raised = True

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def run_batch(
    items: Iterable[Item],
    store: Store | None,
    options: BatchOptions,
    argv: list[str] | None = None,
    on_report: Callable[[ReportRows], None] | None = None,
    after: Callable[[Store, int | None], int] | None = None,
    on_skipped: Callable[[int], None] | None = None,
    commit_every: int = 200,
    commit_seconds: float = 0.5,
    total: int | None = None,
) -> BatchResult:
    """Read, check and store every input; the run is recorded in the database with its outcome.

    `items` is drawn lazily (a generator such as `expand_inputs` is never turned into a list)
    and nothing is kept per input once its report is stored: memory stays flat however many
    inputs there are. `total` is how many inputs there are, for the run's record (a sized `items`
    gives its own; else the inputs drawn are counted).
    `after(store, run_id)` runs once a batch is done (the region's deadline check); its count is stats["late"].
    """
    result = BatchResult()
    result.run_id = store.start_run(argv or []) if store else None
    result.stats["skipped"] = 0
    started = time.perf_counter()
    drawn = _Counted(items)
    stamps = _Stamps()
    to_read = _changed(drawn, store, options, stamps, result.stats, on_skipped, result.run_id)
    try:
        with _StopFlag() as stop:
            reports = _stream(to_read, options, _rows_shape(options))
            try:
                with store.writing_many() if store else contextlib.nullcontext():
                    _write(reports, store, result, stamps, on_report, stop, commit_every, commit_seconds)
            finally:
                reports.close()  # stops the workers (or threads) now, not when garbage-collected
        result.status = "interrupted" if stop.raised else "done"
    except KeyboardInterrupt:
        result.status = "interrupted"
    except sqlite3.Error as exc:  # locked, full disk, not a database: every report committed so far stays whole
        result.status, result.error = "failed", str(exc)
    finally:
        result.seconds = time.perf_counter() - started
        if store and result.status == "done":
            result.stats["history"] = store.check_run_across_years(result.run_id)
            if after:
                result.stats["late"] = after(store, result.run_id)
        if store and result.run_id is not None:
            n_inputs = total if total is not None else len(items) if isinstance(items, Sized) else drawn.n
            try:
                store.finish_run(result.run_id, result.status, _run_row(n_inputs, result))
            except sqlite3.Error:
                pass  # after a write failure this may fail too; the reports stay whole
    return result


class _Counted:
    """The inputs, counted as they are drawn."""

    def __init__(self, items: Iterable[Item]):
        self.items, self.n = items, 0

    def __iter__(self) -> Iterator[Item]:
        for item in self.items:
            self.n += 1
            yield item


class _Stamps:
    """The stamps of the inputs on their way through the readers: put when an input is drawn, taken
    when its report is written, so only the inputs in flight are held (not one per input of the batch)."""

    def __init__(self) -> None:
        self._by_source: dict[str, list] = {}  # source → [stamp, inputs in flight with it]

    def put(self, source: str, stamp: tuple[int, int, str]) -> None:
        entry = self._by_source.setdefault(source, [stamp, 0])
        entry[0] = stamp
        entry[1] += 1

    def take(self, source: str) -> tuple[int, int, str] | None:
        entry = self._by_source.get(source)
        if entry is None:
            return None
        entry[1] -= 1
        if entry[1] <= 0:
            del self._by_source[source]
        return entry[0]

    def __len__(self) -> int:
        return len(self._by_source)


STAMP_CHUNK = 500  # inputs whose stored stamps are looked up in one query
# …but the first few alone, so the workers (idle until then) get their first files after a few stat calls, not 500
FIRST_STAMP_CHUNK = 2 * GIVEN_AT_ONCE


def _changed(items: Iterable[Item], store: Store | None, options: BatchOptions, stamps: _Stamps, stats: Counter,
             on_skipped: Callable[[int], None] | None, run_id: int | None) -> Iterator[Item]:
    """The inputs to read, lazily, each with the stamp (size, mtime, options) it will be stored with put in `stamps`.

    A file whose size and modification time (to the nanosecond) are those stored with its
    current version, read by this version with these options, and read successfully, is
    not read again: its bytes are taken as unchanged without reading them (`force` reads all).
    Stored stamps are looked up a chunk of inputs at a time (by the indexed source path), never
    loaded whole; a version this run stored itself does not count, as if looked up before the run.
    """
    stamp = options.stamp()
    look_up = store is not None and not options.force
    for chunk in _chunks(items, STAMP_CHUNK, first=min(FIRST_STAMP_CHUNK, STAMP_CHUNK)):
        stats_of: dict[int, tuple[int, int, str]] = {}
        names: dict[int, str] = {}  # as a report's source (source_name)
        absolute: dict[int, str] = {}  # as stored in reports.source_path
        for i, (path, problem) in enumerate(chunk):
            if problem is None:
                try:
                    st = path.stat()
                except OSError:
                    continue
                stats_of[i] = (st.st_size, st.st_mtime_ns, stamp)
                names[i] = source_name(path)
                absolute[i] = os.path.abspath(names[i])
        known = store.stamps_of(list(absolute.values()), run_id) if look_up and stats_of else {}
        skipped = 0
        for i, item in enumerate(chunk):
            now = stats_of.get(i)
            if now is not None:
                if known.get(absolute[i]) == now:
                    skipped += 1
                    continue
                stamps.put(names[i], now)
            yield item
        if skipped:
            stats["skipped"] += skipped
            if on_skipped:
                on_skipped(skipped)


def _chunks(items: Iterable[Item], size: int, first: int | None = None) -> Iterator[list[Item]]:
    """`items` in lists of `size` (the first of `first`)."""
    chunk: list[Item] = []
    wanted = first or size
    for item in items:
        chunk.append(item)
        if len(chunk) >= wanted:
            yield chunk
            chunk, wanted = [], size
    if chunk:
        yield chunk


def _write(reports: Iterator[ReportRows | None], store: Store | None, result: BatchResult, stamps: _Stamps, on_report, stop: _StopFlag,
           commit_every: int, commit_seconds: float) -> None:
    stats, stages = result.stats, result.stage_seconds
    pending = 0
    last_commit = time.monotonic()
    try:
        for report in reports:
            if report is None:  # the next report is not ready: commit, so other writers get in while we wait
                if store:
                    store.commit()
                pending, last_commit = 0, time.monotonic()
                if stop.raised:  # Ctrl-C while a file is still being read: stop now, not when it is done
                    break
                continue
            stamp = stamps.take(report.source)
            if store:
                store.begin()
                try:
                    store.save_rows(report, result.run_id, stamp)  # whole or not at all: a failure undoes this report only
                except (sqlite3.Error, KeyboardInterrupt):
                    raise
                except Exception as exc:  # noqa: BLE001 — a report the store cannot take is that file's failure, not the batch's
                    report = report_rows(failure(Path(report.source), f"could not be stored ({type(exc).__name__}: {exc}); please report it"))
                    store.save_rows(report, result.run_id, stamp)
                pending += 1
                if pending >= commit_every or time.monotonic() - last_commit >= commit_seconds:
                    store.commit()
                    pending, last_commit = 0, time.monotonic()
            _count(report, stats, stages)
            if on_report:
                on_report(report)
            if stop.raised:
                break
    finally:
        if store:  # every report saved so far is whole (a half-saved one was rolled back): keep them
            store.commit()


def _count(report: ReportRows, stats: Counter, stages: Counter) -> None:
    stats["ok" if report.status == "ok" else "failed"] += 1
    for severity, n in report.counts.items():  # as Counter.update, without a dict per report
        if n:
            stats[severity] += n
    for stage, seconds in report.timings.items():
        stages[stage] += seconds
    stats["llm_calls"] += report.llm_made
    stats["llm_cache_hits"] += report.llm_cache_hits


def _run_row(n_inputs: int, result: BatchResult) -> dict[str, Any]:
    import json

    s = result.stats
    return {
        "n_inputs": n_inputs, "n_ok": s["ok"], "n_failed": s["failed"],
        "n_errors": s["error"], "n_warnings": s["warning"], "n_info": s["info"],
        "seconds": round(result.seconds, 3),
        "timings": json.dumps({k: round(v, 4) for k, v in result.stage_seconds.items()}),
    }
