"""State the processes of one batch share: made before the worker processes are forked.

A batch with the model reads its reports in several worker processes (batch_llm.py), each
asking the model from several threads. The circuit breaker must count the provider's
failures of all of them, and a question being asked in one must not be asked again by
another: both live in shared memory (`multiprocessing` raw arrays, inherited on fork) under
one lock. In a single process they work the same, and where no shared memory can be made
(no writable /dev/shm or temporary directory) they fall back to this process's memory.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import threading
from typing import Any


def context() -> Any:
    """The fork context where there is one: the shared memory is inherited, nothing is pickled."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def lock() -> Any:
    try:
        return context().Lock()
    except OSError:  # no semaphores here: this process only
        return threading.Lock()


def value(ctype: Any, initial: Any) -> Any:
    try:
        return context().RawValue(ctype, initial)
    except OSError:  # no shared memory here: this process only
        return ctype(initial)


def array(ctype: Any, size: int) -> Any:
    try:
        return context().RawArray(ctype, size)
    except OSError:
        return (ctype * size)()


class SharedText:
    """A short string in shared memory (longer ones are cut, on a character boundary)."""

    def __init__(self, size: int):
        self._buf = array(ctypes.c_char, size)
        self._size = size

    def get(self) -> str:
        return self._buf.value.decode("utf-8", errors="ignore")

    def set(self, text: str) -> None:
        self._buf.value = self.cut(text, self._size).encode("utf-8")

    @staticmethod
    def cut(text: str, size: int) -> str:
        """`text` as it reads back from a buffer of `size` bytes."""
        return text.encode("utf-8")[: size - 1].decode("utf-8", errors="ignore")


class InFlight:
    """The questions (by cache key) being asked right now, by any process of the batch."""

    def __init__(self, slots: int = 1024):
        self._lock = lock()
        self._keys = array(ctypes.c_uint64, slots)  # 0 is a free slot

    @staticmethod
    def _code(key: str) -> int:
        return int(key[:16], 16) or 1

    def claim(self, key: str) -> bool:
        """True if the caller is now the one asking; False if another is asking already.

        With every slot taken (more questions at once than slots) the caller asks, unrecorded."""
        code = self._code(key)
        with self._lock:
            free = None
            for i, held in enumerate(self._keys):
                if held == code:
                    return False
                if held == 0 and free is None:
                    free = i
            if free is not None:
                self._keys[free] = code
            return True

    def busy(self, key: str) -> bool:
        code = self._code(key)
        with self._lock:
            return code in self._keys[:]

    def release(self, key: str) -> None:
        code = self._code(key)
        with self._lock:
            for i, held in enumerate(self._keys):
                if held == code:
                    self._keys[i] = 0
                    return
