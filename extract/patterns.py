"""Big regular expressions compiled once per machine, not once per process: sre's compiled code kept on disk.

`re.compile` parses a pattern and generates sre's code in pure Python (~1 µs a character of pattern):
a few patterns here are thousands of characters, and every worker process of a batch paid ~30 ms for
them on its first report. Python keeps a module's bytecode in __pycache__ for the same reason; this
keeps what `re._compiler.compile` hands to `_sre.compile` (the flags, the code words, the groups and
their names) in a file per pattern and interpreter, and a later process calls `_sre.compile` with them
(~0.1 ms for the biggest).

What goes through it (the patterns that take > ~0.5 ms to compile; every other one uses re.compile):
- tables.py: the applications table as one pattern (~12,000 characters), and each plain row's cells;
- normalize.py: the class of characters to normalize or that OpenCC may change (and it within the BMP);
- t2s_keys.py: the class of characters OpenCC's dictionaries may change.

The result is the pattern `re.compile` gives, code word for code word:
- a file is written only after the pattern built from what it holds compared equal (flags, code,
  pattern) to `re.compile`'s, with the same groups and group names;
- it holds the exact interpreter it was made by (sys.version, the cache tag, `_sre.MAGIC`,
  `_sre.CODESIZE`, sys.maxunicode) and the whole pattern and flags, all compared when it is read, and
  a digest of its contents, checked before anything in it is unmarshalled.
Anything else (no file, another interpreter's or pattern's, a corrupt or truncated one, an unreadable
or unwritable directory, a Python whose `re` internals differ) is `re.compile`, and the file is written
when it can be: never an error, at most the old cost.

Where: $NIANBAO_CACHE_DIR, else $XDG_CACHE_HOME/nianbao, else ~/.cache/nianbao. One file per pattern, so
a process reads only what it uses and processes writing at once never lose each other's work: each
file is written atomically (a temporary file, then os.replace). Patterns of older versions are left
behind; past _MAX_FILES the oldest written are removed. The directory is used only if it is this user's
and no one else can write to it (a file is trusted to hold re.compile's pattern: its digest says only that
it is whole), as Python trusts its own __pycache__.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from stat import S_ISDIR
from typing import Any

import _sre

_FILE_MAGIC = b"nianbao-sre-1\n"
_DIGEST_SIZE = 32
_PREFIX = f"sre-{sys.implementation.cache_tag}-"
_MAX_FILES = 200  # ~10 MB at most: a few versions' worth of the patterns above
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
    """Compiled patterns kept in one directory for one interpreter."""

    def __init__(self, directory: Path | None, key: tuple[Any, ...] | None = None) -> None:
        self.directory = _own(directory) if directory is not None else None
        self.key = interpreter_key() if key is None else key
        self._key_bytes = repr(self.key).encode()
        self.writable = self.directory is not None  # False once a write failed: this process then stops trying

    def path(self, pattern: str, flags: int = 0) -> Path:
        """The file that holds `pattern` compiled with `flags` by this interpreter."""
        assert self.directory is not None
        digest = hashlib.blake2b(self._key_bytes, digest_size=16)
        digest.update(b"%d\0" % flags)
        digest.update(pattern.encode("utf-8", "surrogatepass"))  # (a class may hold a lone surrogate's range)
        return self.directory / f"{_PREFIX}{digest.hexdigest()}.bin"

    def compiled(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """The pattern `re.compile(pattern, flags)` gives, from its file when there is one."""
        flags = int(flags)
        if self.directory is None or flags & _UNCACHED_FLAGS or not isinstance(pattern, str):
            return re.compile(pattern, flags)
        path = self.path(pattern, flags)
        args = _read(path, (self.key, pattern, flags))
        if args is not None:
            try:
                return _sre.compile(pattern, *args)
            except (TypeError, ValueError, RuntimeError, OverflowError):  # RuntimeError: sre refused the code
                pass
        compiled = re.compile(pattern, flags)
        if self.writable and (args := _entry(pattern, flags, compiled)) is not None:
            self.writable = _write(path, (self.key, pattern, flags), args)
        return compiled


def _own(directory: Path) -> Path | None:
    """`directory` (made if missing, for its owner alone) if it is this user's and no one else can write to it;
    else None. A file there is trusted to hold what re.compile gives (its digest says only that it is whole):
    one another user planted in a shared or world-writable directory could make a pattern match otherwise."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = directory.stat()
    except OSError:
        return None
    me = os.geteuid() if hasattr(os, "geteuid") else st.st_uid
    if not S_ISDIR(st.st_mode) or st.st_uid != me or st.st_mode & 0o022:
        return None
    return directory


def _entry(pattern: str, flags: int, compiled: re.Pattern[str]) -> Entry | None:
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
    return args if same else None


def _read(path: Path, identity: tuple[Any, ...]) -> Entry | None:
    """The arguments the file holds, if it is whole and was written for exactly `identity`."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_FILE_MAGIC)
    body = data[head + _DIGEST_SIZE :]
    if data[:head] != _FILE_MAGIC or hashlib.blake2b(body, digest_size=_DIGEST_SIZE).digest() != data[head : head + _DIGEST_SIZE]:
        return None
    try:  # the digest matched: these are the bytes marshal.dumps wrote
        stored_identity, args = marshal.loads(body)
    except (ValueError, TypeError, EOFError):
        return None
    return args if stored_identity == identity else None


def _write(path: Path, identity: tuple[Any, ...], args: Entry) -> bool:
    """Write the file atomically; False if the directory cannot be written."""
    body = marshal.dumps((identity, args))
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
    _prune(path.parent)
    return True


def _prune(directory: Path) -> None:
    """Remove the oldest written files past _MAX_FILES (patterns of older versions, mostly), and the temporary
    files of writers killed before their os.replace (older than an hour: none is being written still)."""
    try:
        entries = [entry for entry in os.scandir(directory) if entry.name.startswith(_PREFIX)]
        files = [(entry.stat().st_mtime_ns, entry.path) for entry in entries if entry.name.endswith(".bin")]
        for _, old in sorted(files)[: max(0, len(files) - _MAX_FILES)]:
            os.unlink(old)
        an_hour_ago = time.time_ns() - 3600 * 10**9
        for entry in entries:
            if entry.name.endswith(".tmp") and entry.stat().st_mtime_ns < an_hour_ago:
                os.unlink(entry.path)
    except OSError:  # another process removed it first, or the directory is not ours to clean
        pass


_DEFAULT: PatternCache | None = None


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the cache in default_directory() when it holds the pattern."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = PatternCache(default_directory())
    return _DEFAULT.compiled(pattern, flags)
