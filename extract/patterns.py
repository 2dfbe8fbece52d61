"""Big regular expressions compiled once per machine, not once per process: sre's compiled code kept on disk.

`re.compile` parses a pattern and generates sre's code in pure Python (~1 µs a character of pattern):
a few patterns here are thousands of characters, and every worker process of a batch paid ~30 ms for
them on its first report. Python keeps a module's bytecode in __pycache__ for the same reason; this
keeps what `re._compiler.compile` hands to `_sre.compile` (the flags, the code words, the groups and
their names) in one file per interpreter, and a later process calls `_sre.compile` with them (~0.1 ms).

What goes through it (the patterns that take > ~0.5 ms to compile; every other one uses re.compile):
- tables.py: the applications table as one pattern (~12,000 characters), and each plain row's cells;
- normalize.py: the class of characters to normalize or that OpenCC may change (and it within the BMP);
- t2s_keys.py: the class of characters OpenCC's dictionaries may change.

The result is the pattern `re.compile` gives, code word for code word:
- an entry is written only after the pattern built from it compared equal (flags, code, pattern) to
  `re.compile`'s, with the same groups and group names;
- the file is keyed by the exact interpreter (sys.version, the cache tag, `_sre.MAGIC`, `_sre.CODESIZE`),
  and each entry by its pattern string and flags; the file carries a digest of its contents, checked
  before anything in it is read.
Anything else (no entry, another interpreter's file, a corrupt or truncated file, an unreadable or
unwritable directory, a Python whose `re` internals differ) is `re.compile`, and the entry is written
when it can be: never an error, at most the old cost.

Where: $NIANBAO_CACHE_DIR, else $XDG_CACHE_HOME/nianbao, else ~/.cache/nianbao. Written atomically
(a temporary file, then os.replace): processes writing at once leave one of their files whole, and an
entry lost that way is written again by the next process that misses it.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import _sre

_FILE_MAGIC = b"nianbao-sre-1\n"
_DIGEST_SIZE = 32
_MAX_ENTRIES = 256  # past this (patterns of many older versions), the file starts again from this process's
_UNCACHED_FLAGS = re.DEBUG | re.LOCALE  # DEBUG prints while compiling; LOCALE's code depends on the locale

Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]  # _sre.compile's arguments after the pattern


def interpreter_key() -> tuple[str, str | None, int, int, int]:
    """What the code words depend on besides the pattern: the interpreter's exact build and sre's version."""
    return (sys.version, sys.implementation.cache_tag, _sre.MAGIC, _sre.CODESIZE, sys.maxunicode)


def default_directory() -> Path | None:
    """$NIANBAO_CACHE_DIR, else $XDG_CACHE_HOME/nianbao, else ~/.cache/nianbao (None when there is no home)."""
    if configured := os.environ.get("NIANBAO_CACHE_DIR"):
        return Path(configured)
    if xdg := os.environ.get("XDG_CACHE_HOME"):
        return Path(xdg) / "nianbao"
    try:
        return Path.home() / ".cache" / "nianbao"
    except (RuntimeError, KeyError):  # no home directory to be found
        return None


class PatternCache:
    """Compiled patterns of one directory's file for this interpreter, read at the first look-up."""

    def __init__(self, directory: Path | None, key: tuple[Any, ...] | None = None) -> None:
        self.key = interpreter_key() if key is None else key
        name = hashlib.sha256(repr(self.key).encode()).hexdigest()[:16]
        self.path = None if directory is None else directory / f"sre-{sys.implementation.cache_tag}-{name}.bin"
        self._entries: dict[tuple[str, int], bytes] | None = None  # (pattern, flags) → marshalled Entry
        self.writable = True  # False once a write failed: this process then stops trying

    def compiled(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """The pattern `re.compile(pattern, flags)` gives, from the file when it holds it."""
        flags = int(flags)
        if self.path is None or flags & _UNCACHED_FLAGS or not isinstance(pattern, str):
            return re.compile(pattern, flags)
        if self._entries is None:
            self._entries = _read(self.path, self.key)
        stored = self._entries.get((pattern, flags))
        if stored is not None:
            found = _from_entry(pattern, stored)
            if found is not None:
                return found
        compiled = re.compile(pattern, flags)
        entry = _entry(pattern, flags, compiled)
        if entry is not None:
            self._entries[pattern, flags] = entry
            if self.writable:
                self.writable = _write(self.path, self.key, {(pattern, flags): entry})
        return compiled


def _from_entry(pattern: str, stored: bytes) -> re.Pattern[str] | None:
    try:
        flags, code, groups, groupindex, indexgroup = marshal.loads(stored)
        return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    except (ValueError, TypeError, EOFError, RuntimeError, OverflowError):  # RuntimeError: sre refused the code
        return None


def _entry(pattern: str, flags: int, compiled: re.Pattern[str]) -> bytes | None:
    """What `re._compiler.compile` passes to `_sre.compile` for this pattern (see Lib/re/_compiler.py), if
    `_sre.compile` given it builds a pattern equal to `compiled` (code word for code word); else None."""
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(pattern, flags)
        code = [int(word) for word in _compiler._code(parsed, flags)]  # (some words are named int constants)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        args: Entry = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        rebuilt = _sre.compile(pattern, *args)
    except Exception:  # noqa: BLE001 — another Python's re internals: no entry, re.compile's pattern is used
        return None
    same = (rebuilt == compiled and rebuilt.flags == compiled.flags and rebuilt.groups == compiled.groups
            and rebuilt.groupindex == compiled.groupindex)
    return marshal.dumps(args) if same else None


def _read(path: Path, key: tuple[Any, ...]) -> dict[tuple[str, int], bytes]:
    """The file's entries, or none if it is missing, unreadable, corrupt or another interpreter's."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    head = len(_FILE_MAGIC)
    body = data[head + _DIGEST_SIZE :]
    if data[:head] != _FILE_MAGIC or hashlib.blake2b(body, digest_size=_DIGEST_SIZE).digest() != data[head : head + _DIGEST_SIZE]:
        return {}
    try:  # the digest matched: these are the bytes marshal.dumps wrote
        stored_key, entries = marshal.loads(body)
    except (ValueError, TypeError, EOFError):
        return {}
    if stored_key != key or not isinstance(entries, dict):
        return {}
    return entries


def _write(path: Path, key: tuple[Any, ...], new: dict[tuple[str, int], bytes]) -> bool:
    """Add `new` to the file as it is now on disk, atomically; False if the directory cannot be written."""
    entries = _read(path, key)
    if len(entries) + len(new) > _MAX_ENTRIES:
        entries = {}
    entries.update(new)
    body = marshal.dumps((key, entries))
    data = _FILE_MAGIC + hashlib.blake2b(body, digest_size=_DIGEST_SIZE).digest() + body
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return False
    return True


_DEFAULT: PatternCache | None = None


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the cache in default_directory() when it holds the pattern."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = PatternCache(default_directory())
    return _DEFAULT.compiled(pattern, flags)
