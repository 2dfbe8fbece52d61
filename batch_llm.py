"""With the model: worker processes that each keep several reports waiting on the provider.

A model call is mostly waiting, but not only: the openai client, instructor and pydantic
spend 5–7 ms of CPU on each, and the built-in reader, the rules and the rows ~3 ms more on
each report. In threads of one process that CPU is serialized by the interpreter lock: one
core, whatever the concurrency. So the reports are read here as without the model, in
`jobs` worker processes, and each worker reads its share of the `llm_concurrency` reports at
once, in threads (with two more in hand, so a thread that finishes starts the next at once):
at most `llm_concurrency` reports are waiting on the provider in all. The circuit breaker and
the "same question is asked once" set are shared by the workers (extract/llm/shared.py);
each worker opens its own connection to the answer cache.

Reports come back in input order, whatever the number of workers or threads. Each worker
runs under the memory limit, with room for its threads. A report that outlives its deadline
(`file_timeout` plus the longest the model may take: every retry and re-ask of every part)
is that file's failure; the worker is killed, and the other reports it was reading are read
again by a fresh one. If a worker dies, the reports it was reading are read again one at a
time, so the one that kills it fails alone and the others are stored as they read.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any

from .batch import (MEMORY_REASON, STOP_SECONDS, BatchOptions, Item, Shape, _died, _shaped, as_report, decode_results, failure, read_one,
                    send_back, start_worker, stop_worker, tasks)
from .extract.llm.shared import context
from .report import Report
from .store.rows import ReportRows

if TYPE_CHECKING:
    from .extract.llm.extractor import LLMExtractor

THREAD_MB = 72  # address space a reading thread may reserve: its stack (8 MB) and a malloc arena (64 MB)
PARTS = 5  # at most five questions per report: three tables, the metadata, the facts
QUEUED = 2  # reports a worker holds beyond its threads: a thread that finishes starts the next at once, not after a round trip


def model_seconds(llm: LLMExtractor) -> float:
    """The longest the model may keep one report: every attempt of every part at its deadline, every Retry-After at its cap."""
    c = llm.asker.config
    per_part = (c.transport_retries + 1) * (c.reask + 1) * c.timeout + c.transport_retries * 60.0
    return PARTS * per_part * 2  # twice: a part may first wait for the same question asked for another report


def _worker_main(conn: Connection, options: BatchOptions, width: int, shape: Shape) -> None:
    start_worker(options.memory_mb + width * THREAD_MB if options.memory_mb else None)
    sending = threading.Lock()

    def read(seq: int, item: Item) -> None:
        report = read_one(item, options.max_bytes, options.llm)
        shaped = _shaped(shape, report)
        with sending:
            try:
                send_back(conn, seq, item, shaped, shape)
            except OSError:
                pass  # the writer has gone (the batch stopped)

    pool = ThreadPoolExecutor(max_workers=width)
    try:
        for task in tasks(conn):
            pool.submit(read, *task)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


class _Worker:
    def __init__(self, ctx: Any, options: BatchOptions, width: int, shape: Shape):
        self.width, self.shape = width, shape
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, options, width, shape), daemon=True)
        self.process.start()
        child.close()
        self.tasks: dict[int, tuple[Item, float]] = {}  # seq → (input, deadline)
        self.solo = False  # reading one suspect alone: nothing else until it is done
        self.retiring = False  # had a MemoryError: no new work; replaced once its reports are back

    def room(self) -> bool:
        return not self.retiring and not self.solo and len(self.tasks) < self.width + QUEUED

    def give(self, seq: int, item: Item, seconds: float, solo: bool = False) -> None:
        self.tasks[seq] = (item, time.monotonic() + seconds)
        self.solo = solo
        try:
            self.conn.send([(seq, item)])  # a list of tasks per message (batch.tasks)
        except OSError:  # it has just died: noticed when its pipe ends, and the task is read again
            pass

    def successor(self, ctx: Any, options: BatchOptions, kill: bool) -> _Worker:
        self.tasks.clear()
        self.stop(kill=kill)
        return _Worker(ctx, options, self.width, self.shape)

    def stop(self, kill: bool = False) -> None:
        stop_worker(self.process, self.conn, kill)


def in_model_workers(items: Iterable[Item], options: BatchOptions, shape: Shape = as_report) -> Iterator[Report | ReportRows | None]:
    """Each input's Report (or `shape` of it) in input order, and None whenever the next one is not ready yet."""
    assert options.llm is not None
    ctx = context()
    total = max(1, options.llm_concurrency)
    n = max(1, min(options.jobs, total))
    workers = [_Worker(ctx, options, total // n + (i < total % n), shape) for i in range(n)]
    seconds = options.file_timeout + model_seconds(options.llm)
    window = 4 * total + 32  # finished reports held back for order: bounded, so memory stays flat
    inputs = iter(items)  # drawn as a worker has room: never held as a list
    drawn = False
    again: deque[tuple[int, Item, bool]] = deque()  # (seq, input, read alone) to read again after its worker was lost
    done: dict[int, Report | ReportRows] = {}
    next_in = next_out = 0
    try:
        while not drawn or next_out < next_in:
            for w in workers:
                while w.room():
                    if again:  # first what a lost worker held; one to be read alone waits for an idle worker
                        seq, item, alone = again[0]
                        if alone and w.tasks:
                            break
                        again.popleft()
                    elif not drawn and next_in < next_out + window:
                        item = next(inputs, None)
                        if item is None:
                            drawn = True
                            break
                        seq, alone = next_in, False
                        next_in += 1
                    else:
                        break
                    w.give(seq, item, seconds, solo=alone)
                    if alone:
                        break
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            busy = [w for w in workers if w.tasks]
            if not busy:
                continue
            ready = set(wait([w.conn for w in busy], 0))
            if not ready:
                yield None  # about to wait: the writer commits now rather than hold its transaction open
                first = min(deadline for w in busy for _, deadline in w.tasks.values())
                ready = set(wait([w.conn for w in busy], min(STOP_SECONDS, max(0.0, first - time.monotonic()))))
            for i, w in enumerate(workers):
                if w.tasks:
                    workers[i] = _collect(w, w.conn in ready, done, again, ctx, options, seconds)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for w in workers:
            w.stop(kill=bool(w.tasks))


def _collect(w: _Worker, ready: bool, done: dict[int, Report | ReportRows], again: deque, ctx: Any,
             options: BatchOptions, seconds: float) -> _Worker:
    """Take what worker `w` has finished; returns it, or the fresh worker that replaces it."""
    if ready:
        try:
            [(seq, report)] = decode_results(w.conn.recv_bytes())
        except (EOFError, OSError):  # the worker died: killed by the OS, a crash in C code
            w.process.join()
            if len(w.tasks) == 1:
                [(seq, (item, _))] = w.tasks.items()
                done[seq] = w.shape(failure(item[0], _died(w.process.exitcode)))
            else:  # which report did it? each is read again alone: the culprit fails alone
                again.extend((seq, item, True) for seq, (item, _) in sorted(w.tasks.items()))
            return w.successor(ctx, options, kill=True)
        del w.tasks[seq]
        done[seq] = report
        w.solo = False
        if report.error == MEMORY_REASON:
            w.retiring = True  # after a MemoryError the heap may be fragmented: a fresh worker takes over
    else:
        now = time.monotonic()
        late = [seq for seq, (_, deadline) in w.tasks.items() if deadline <= now]
        if not late:
            return w
        for seq in late:
            item, _ = w.tasks.pop(seq)
            done[seq] = w.shape(failure(item[0], f"took longer than {seconds:g} s to read (--file-timeout and the model's deadlines); stopped"))
        again.extendleft((seq, item, False) for seq, (item, _) in sorted(w.tasks.items(), reverse=True))  # innocent: read again
        return w.successor(ctx, options, kill=True)
    if w.retiring and not w.tasks:
        return w.successor(ctx, options, kill=False)
    return w
