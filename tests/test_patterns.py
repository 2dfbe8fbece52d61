"""The compiled-pattern cache (extract/patterns.py): a pattern read from the file is re.compile's own,
and anything unexpected about the file or its directory falls back to re.compile."""

from __future__ import annotations

import marshal
import multiprocessing
import os
import random
import re
from pathlib import Path

import pytest

from nianbao import fields as F
from nianbao.extract import patterns as P
from nianbao.extract import tables as T
from nianbao.extract.normalize import _TO_CHANGE

from conftest import SEED_NAMES, seed_text


def _no_re_compile(monkeypatch) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("re.compile called: the pattern was not taken from the file")

    monkeypatch.setattr(re, "compile", refuse)


def _calls_re_compile(monkeypatch) -> list[str]:
    calls: list[str] = []
    original = re.compile

    def counted(pattern, flags=0):
        calls.append(pattern)
        return original(pattern, flags)

    monkeypatch.setattr(re, "compile", counted)
    return calls


# The kinds of pattern the project sends through the cache (the real ones), and others with what an
# entry must carry besides the code: named groups (groupindex, lastgroup), flags given and inline.
_APPLICATIONS_2021 = T._APPLICATIONS[F.TEMPLATE_2021].plain.source
_SAMPLES: list[tuple[str, int]] = [
    (_APPLICATIONS_2021, 0),
    (T._APPLICATIONS[F.TEMPLATE_2019].plain.source, 0),
    *((T._plain_cells_source(ncols), 0) for ncols in (1, 3, 7)),
    (_TO_CHANGE.pattern[:-1] + "瀋陽\U00010000-\U0010ffff]", 0),
    (r"(?P<year>\d{4})\s*年(?:(?P<month>\d{1,2})月)?|(?P<word>[a-z]+)", 0),
    (r"^(?P<word>[a-z]+)\s+(\1)$", re.I | re.M),
    (r"(?sx)a.b | c  d  # comment", 0),
    (r"[\w-]+", re.A),
    (r"(?<![\d.,])(-)?(\d+)(?!\d)", 0),
]


def _texts(rng: random.Random) -> list[str]:
    texts = [seed_text(stem) for stem in SEED_NAMES]
    pieces = ["本年新收", "上年结转", "予以公开", "\t", "|", "\n", " ", "12", "0", "3", "—", "无", "件", "2021年3月",
              "瀋陽", "\U00010000", "abc", "ABC abc", "word Word", "a\nb", "c d", "-5", "1.5", "其他", "1.", "2、"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(400)]
    return texts


def _same_matches(cached: re.Pattern[str], expected: re.Pattern[str], texts: list[str]) -> None:
    assert cached is not expected  # (re.compile's own cache would hand back the very object)
    assert (cached.pattern, cached.flags, cached.groups, cached.groupindex) == (
        expected.pattern, expected.flags, expected.groups, expected.groupindex)
    assert cached == expected  # sre compares the flags, the pattern and every code word
    for text in texts:
        for m, n in zip(cached.finditer(text), expected.finditer(text), strict=True):
            assert (m.span(), m.regs, m.groups(), m.groupdict(), m.lastindex, m.lastgroup) == (
                n.span(), n.regs, n.groups(), n.groupdict(), n.lastindex, n.lastgroup)
        full, fuller = cached.fullmatch(text), expected.fullmatch(text)
        assert (full and full.regs) == (fuller and fuller.regs)


def test_a_pattern_read_from_the_file_is_the_one_re_compile_gives(tmp_path, monkeypatch):
    first = P.PatternCache(tmp_path)
    compiled_first = [first.compiled(pattern, flags) for pattern, flags in _SAMPLES]
    assert all(first.path(pattern, flags).is_file() for pattern, flags in _SAMPLES)
    later = P.PatternCache(tmp_path)  # another process: it reads the file
    with monkeypatch.context() as patched:
        _no_re_compile(patched)
        from_file = [later.compiled(pattern, flags) for pattern, flags in _SAMPLES]
    texts = _texts(random.Random(19))
    for (pattern, flags), cached, missed in zip(_SAMPLES, from_file, compiled_first):
        expected = re.compile(pattern, flags)
        assert missed == expected
        _same_matches(cached, expected, texts)


def test_the_applications_table_as_one_pattern_reads_the_seeds_the_same_from_the_file(tmp_path, monkeypatch):
    # The biggest pattern of all, on the texts it is for: every seed's applications table from its first label.
    P.PatternCache(tmp_path).compiled(_APPLICATIONS_2021)
    with monkeypatch.context() as patched:
        _no_re_compile(patched)
        cached = P.PatternCache(tmp_path).compiled(_APPLICATIONS_2021)
    expected = re.compile(_APPLICATIONS_2021)
    first_label = T._APPLICATIONS[F.TEMPLATE_2021].labels[0][1]
    read = 0
    for stem in SEED_NAMES:
        text = seed_text(stem)
        for label in first_label.finditer(text):
            m, n = cached.match(text, label.end()), expected.match(text, label.end())
            assert (m and m.regs) == (n and n.regs), stem
            read += m is not None
    assert read >= 3


def test_flags_given_and_flags_inline_are_different_entries(tmp_path, monkeypatch):
    cache = P.PatternCache(tmp_path)
    assert cache.compiled("abc", re.I).match("ABC") and not cache.compiled("abc").match("ABC")
    cache.compiled("(?i)abc")
    later = P.PatternCache(tmp_path)
    with monkeypatch.context() as patched:
        _no_re_compile(patched)
        assert later.compiled("abc", re.I).match("ABC") and not later.compiled("abc").match("ABC")
        assert later.compiled("(?i)abc").match("ABC")  # (a third entry: its own pattern string)
    assert later.compiled("abc", re.IGNORECASE).flags == re.compile("abc", re.I).flags


def _corrupt(path: Path, how: str, pattern: str) -> None:
    data = path.read_bytes()
    if how == "code word changed":  # still a well-formed file, only its digest no longer fits: 年 reads 并
        head = len(P._FILE_MAGIC) + P._DIGEST_SIZE
        identity, (flags, code, *rest) = marshal.loads(data[head:])
        assert identity[1] == pattern and ord("年") in code
        changed = (flags, [ord("并") if word == ord("年") else word for word in code], *rest)
        path.write_bytes(data[:head] + marshal.dumps((identity, changed)))
    elif how == "flipped":
        at = len(data) - 7  # inside the last entry's code
        path.write_bytes(data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :])
    elif how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(b"not a cache file at all" * 10)


@pytest.mark.parametrize("how", ["code word changed", "flipped", "truncated", "empty", "garbage"])
def test_a_corrupt_file_is_ignored_and_written_again(tmp_path, monkeypatch, how):
    pattern = _SAMPLES[6][0]
    P.PatternCache(tmp_path).compiled(pattern)
    path = P.PatternCache(tmp_path).path(pattern)
    _corrupt(path, how, pattern)
    with monkeypatch.context() as patched:
        calls = _calls_re_compile(patched)
        found = P.PatternCache(tmp_path).compiled(pattern)
    assert calls == [pattern] and found == re.compile(pattern)
    with monkeypatch.context() as patched:  # the next process reads it again
        _no_re_compile(patched)
        found = P.PatternCache(tmp_path).compiled(pattern)
    assert found == re.compile(pattern)


def test_another_interpreters_file_is_not_read(tmp_path, monkeypatch):
    pattern = _SAMPLES[6][0]
    mine = P.PatternCache(tmp_path)
    mine.compiled(pattern)
    other_key = (*mine.key[:-1], mine.key[-1] + 1)
    other = P.PatternCache(tmp_path, key=other_key)
    assert other.path(pattern) != mine.path(pattern)  # each interpreter has its file …
    other.path(pattern).write_bytes(mine.path(pattern).read_bytes())  # … and another one's under its name is not read
    with monkeypatch.context() as patched:
        calls = _calls_re_compile(patched)
        found = P.PatternCache(tmp_path, key=other_key).compiled(pattern)
    assert calls == [pattern] and found == re.compile(pattern)


@pytest.mark.parametrize("where", ["under a file", "none"])
def test_no_usable_directory_means_re_compile_and_no_error(tmp_path, monkeypatch, where):
    (tmp_path / "a file").write_text("x")
    directory = tmp_path / "a file" / "cache" if where == "under a file" else None
    cache = P.PatternCache(directory)
    expected = [re.compile(pattern, flags) for pattern, flags in _SAMPLES[4:]]
    with monkeypatch.context() as patched:
        calls = _calls_re_compile(patched)
        found = [cache.compiled(pattern, flags) for pattern, flags in _SAMPLES[4:]]
    assert found == expected and len(calls) == len(_SAMPLES[4:])
    assert not (tmp_path / "a file").is_dir()
    assert cache.writable is False  # (under a file: one failed write, and the process stops trying)


def test_what_cannot_be_cached_goes_to_re_compile(tmp_path, capsys):
    cache = P.PatternCache(tmp_path)
    assert cache.compiled(rb"\d+").match(b"12")  # bytes
    assert cache.compiled(rb"\w+", re.LOCALE).match(b"ab")  # the code depends on the locale
    assert cache.compiled("ab", re.DEBUG).match("ab") and "LITERAL" in capsys.readouterr().out  # it prints
    with pytest.raises(re.error):
        cache.compiled("(unclosed")  # re.compile's own error
    assert not list(tmp_path.iterdir())


def test_an_entry_that_would_not_rebuild_re_compiles_pattern_is_not_written(tmp_path, monkeypatch):
    from re import _compiler

    original = _compiler._code

    def off_by_one(parsed, flags):  # a Python whose internals differ from what patterns.py reads
        code = original(parsed, flags)
        return [word + 1 if word == ord("x") else word for word in code]

    expected = re.compile("axb")  # (in re's own cache: re.compile gives it while _code is patched)
    monkeypatch.setattr(_compiler, "_code", off_by_one)
    cache = P.PatternCache(tmp_path)
    assert cache.compiled("axb") is expected
    assert cache.compiled("axb").match("axb")
    monkeypatch.setattr(_compiler, "_code", original)
    assert not list(tmp_path.iterdir())
    assert P.PatternCache(tmp_path).compiled("axb").match("axb")


def test_where_the_cache_is(tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert P.default_directory() == tmp_path / "mine"
    monkeypatch.delenv("NIANBAO_CACHE_DIR")
    assert P.default_directory() == tmp_path / "xdg" / "nianbao"
    monkeypatch.setenv("XDG_CACHE_HOME", "")
    assert P.default_directory() == tmp_path / "home" / ".cache" / "nianbao"
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path / "mine"))
    monkeypatch.setattr(P, "_DEFAULT", None)
    P.compiled(_SAMPLES[7][0])
    assert [p.name for p in (tmp_path / "mine").iterdir()] == [P.PatternCache(tmp_path).path(_SAMPLES[7][0]).name]


def _compile_many(args: tuple[str, int]) -> list[str]:
    directory, seed = args
    rng = random.Random(seed)
    sources = [f"(?P<n{i}>{rng.choice('abc')}+)[0-9]{{{i % 5 + 1}}}" for i in range(40)]
    for _ in range(3):
        cache = P.PatternCache(Path(directory))
        for source in rng.sample(sources, len(sources)):
            assert cache.compiled(source) == re.compile(source)
    return sources


def test_processes_writing_at_once_leave_every_file_whole(tmp_path, monkeypatch):
    with multiprocessing.get_context("fork").Pool(4) as pool:
        written = pool.map(_compile_many, [(str(tmp_path), seed) for seed in range(8)])
    sources = sorted({source for found in written for source in found})
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(P.PatternCache(tmp_path).path(source).name for source in sources)  # no temporary file left
    expected = [re.compile(source) for source in sources]
    with monkeypatch.context() as patched:
        _no_re_compile(patched)  # none lost to another process's write
        cache = P.PatternCache(tmp_path)
        found = [cache.compiled(source) for source in sources]
    assert found == expected


def test_a_file_named_for_one_pattern_holding_another_is_not_read(tmp_path, monkeypatch):
    cache = P.PatternCache(tmp_path)
    cache.compiled("a+b")
    cache.path("a+c").write_bytes(cache.path("a+b").read_bytes())
    cache.path("a+b", re.I).write_bytes(cache.path("a+b").read_bytes())
    with monkeypatch.context() as patched:
        calls = _calls_re_compile(patched)
        found = [cache.compiled("a+c").match("aac"), cache.compiled("a+b", re.I).match("AAB")]
    assert calls == ["a+c", "a+b"] and all(found)


def test_past_the_limit_the_oldest_files_are_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(P, "_MAX_FILES", 3)
    cache = P.PatternCache(tmp_path)
    old = [f"old{i}[0-9]+" for i in range(3)]
    for age, source in enumerate(old):
        cache.compiled(source)
        os.utime(cache.path(source), ns=(age * 10**9, age * 10**9))  # written long ago, oldest first
    (tmp_path / "someone else's.bin").write_bytes(b"x")  # not the cache's: left alone
    cache.compiled("new0[0-9]+")
    cache.compiled("new1[0-9]+")
    kept = {p.name for p in tmp_path.iterdir()}
    assert kept == {cache.path(s).name for s in (old[2], "new0[0-9]+", "new1[0-9]+")} | {"someone else's.bin"}


def _planted(directory: Path, asked: str, other: str) -> None:
    """Write, as anyone able to write `directory` could, a whole file for `asked` holding another pattern's code."""
    cache = P.PatternCache(directory)
    P._write(cache.path(asked), (cache.key, asked, 0), P._entry(other, 0, re.compile(other)))


@pytest.mark.parametrize("how", ["group-writable", "world-writable", "another user's"])
def test_a_directory_others_can_write_is_not_used(tmp_path, monkeypatch, how):
    """(found by the session-19 review) a planted file would make a pattern match otherwise than re.compile's."""
    shared = tmp_path / "shared"
    shared.mkdir()
    asked, other = r"(\d+)\s*件", r"(\d)\d*\s*件"  # the same groups; reads 123件 as 123, and as 1
    _planted(shared, asked, other)  # a whole, digest-true file
    assert P.PatternCache(shared).compiled(asked).match("123件").group(1) == "1"  # trusted while the directory is private
    os.chmod(shared, {"group-writable": 0o775, "world-writable": 0o777, "another user's": 0o755}[how])
    if how == "another user's":
        monkeypatch.setattr(os, "geteuid", lambda: os.stat(shared).st_uid + 1)
    cache = P.PatternCache(shared)
    assert cache.directory is None and not cache.writable
    found = cache.compiled(asked)
    assert found == re.compile(asked) and found.match("123件").group(1) == "123"


def test_a_private_directory_of_ones_own_is_used_and_made_private(tmp_path):
    made = tmp_path / "new" / "cache"
    cache = P.PatternCache(made)
    assert cache.directory == made and os.stat(made).st_mode & 0o777 == 0o700 & ~_umask()
    cache.compiled("own[0-9]+")
    assert cache.path("own[0-9]+").is_file()
    # what the review planted, in one's own directory, is the same trust as Python's own __pycache__
    os.chmod(made, 0o755)
    assert P.PatternCache(made).directory == made


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_writers_leftover_temporary_file_is_removed_once_old(tmp_path):
    cache = P.PatternCache(tmp_path)
    stale, fresh = tmp_path / f"{P._PREFIX}x.bin.abc.tmp", tmp_path / f"{P._PREFIX}y.bin.def.tmp"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"being written")
    os.utime(stale, ns=(0, 0))
    cache.compiled("prune[0-9]+")
    assert not stale.exists() and fresh.exists()
