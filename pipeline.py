"""One direction of flow: load → normalize → extract → check → (store).

`process_path` never raises for bad input: every input comes back as a Report, with
status "failed" and a one-line reason when it cannot be read as an annual report.
"""

from __future__ import annotations

import glob
import hashlib
import os
import stat
import time
import traceback
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from typing import TYPE_CHECKING

from .extract.builtin import extract_builtin
from .extract.implausible import refuse_implausible
from .extract.normalize import normalized_and_simplified
from .extract.ocr import marks_in_normalized
from .load import DEFAULT_MAX_BYTES, LoadError, load
from .report import Report
from .rules import run_rules

if TYPE_CHECKING:
    from .extract.llm.extractor import LLMExtractor

CHINESE_NUMBERS = "一二三四五六"
# In a folder, every file is read and sniffed by its content, except the assets a saved web page brings along.
SKIPPED_SUFFIXES = {".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".webp", ".woff", ".woff2", ".ttf", ".map", ".json", ".db", ".db-wal", ".db-shm"}


def process_text(
    source: str, sha256: str, raw_text: str, encoding: str | None = None, llm: LLMExtractor | None = None,
    kind: str = "text", ocr_marks: Sequence[dict] = (),
) -> Report:
    """Extract and check one report from its decoded text (with the model too, if `llm` is given).

    `kind` is what the loader read (text, html, docx, pdf, ocr, image): tables of the others arrive as grids.
    `ocr_marks` say where pieces of `raw_text` were read on scanned pages (load.scanned.OcrMark.to_json)."""
    timings: dict[str, float] = {}
    t = time.perf_counter()
    # normalize, and to_simplified of that (the same length, so spans point into the traditional text too), in one scan
    text, simplified = normalized_and_simplified(raw_text)
    report = Report(source=source, sha256=sha256, text=simplified or text, encoding=encoding, kind=kind)
    if simplified is not None:
        report.display_text = text
    report.ocr_marks = marks_in_normalized(raw_text, list(ocr_marks))
    timings["normalize"] = time.perf_counter() - t

    t = time.perf_counter()
    extract_builtin(report)
    timings["extract"] = time.perf_counter() - t

    if llm is not None:  # before the verdicts below: the model may read a layout the built-in reader cannot
        t = time.perf_counter()
        llm.enrich(report)
        timings["llm"] = time.perf_counter() - t

    refuse_implausible(report)  # after every reader, before the rules: no absurd value is checked or stored

    not_a_report = _not_a_report(report)
    if not_a_report:  # stored as the failure and its reason only: no null cells, no findings about them
        bare = Report(source=source, sha256=sha256, status="failed", error=not_a_report, encoding=encoding)
        bare.llm_calls, bare.timings = report.llm_calls, timings  # the model's usage is a log: kept
        return bare
    problem = _cut_off(report)  # a cut-off report keeps what it holds: its values were printed
    if problem:
        report.status, report.error = "failed", problem

    t = time.perf_counter()
    report.findings.extend(run_rules(report))
    timings["rules"] = time.perf_counter() - t
    report.timings.update(timings)
    return report


def _not_a_report(report: Report) -> str | None:
    if not report.sections and not report.tables_found:
        return "not a government information disclosure annual report: none of its six section headings or three tables found"
    return None


def _cut_off(report: Report) -> str | None:
    """A report that stops after section N (later sections and a table all missing) was cut off."""
    last = max((s.number for s in report.sections), default=0)
    missing_tables = [t for t in ("active", "applications", "appeals") if t not in report.tables_found]
    if 1 <= last < 5 and missing_tables:
        return (
            f"report cut off after section {CHINESE_NUMBERS[last - 1]}: sections "
            f"{'、'.join(CHINESE_NUMBERS[last:])} and table(s) {', '.join(missing_tables)} are missing"
        )
    return None


def process_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, llm: LLMExtractor | None = None) -> Report:
    """Load, extract and check one file; bad input becomes a failed Report, never an exception."""
    t = time.perf_counter()
    try:
        loaded = load(path, max_bytes)
    except LoadError as exc:
        return Report(source=source_name(path), sha256=sha_or_path(path), status="failed", error=str(exc))
    load_seconds = time.perf_counter() - t
    try:
        report = process_text(source_name(path), loaded.raw_sha256, loaded.text, loaded.encoding, llm, loaded.kind,
                              [m.to_json() for m in loaded.ocr_marks])
    except Exception as exc:  # noqa: BLE001 — a bug on one odd input must not stop a batch of hundreds
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return Report(
            source=source_name(path), sha256=loaded.raw_sha256, status="failed", encoding=loaded.encoding, kind=loaded.kind,
            error=f"internal error while reading this file ({type(exc).__name__}: {exc} at {Path(where.filename).name}:{where.lineno}); please report it",
        )
    report.kind = loaded.kind
    report.page_images = loaded.page_images
    report.timings["load"] = load_seconds
    return report


def source_name(path: Path) -> str:
    """The path as a report's source is stored and printed: as it is, unless a part of it is not UTF-8
    (a GBK name from a zip unpacked on Linux): that part's bytes beyond ASCII are then written \\xNN, so
    SQLite, JSON and the terminal can take it, no UTF-8 name can be mistaken for it, and the same file
    gets the same name every run (its stamp is found)."""
    name = str(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "/".join(_part_name(part) for part in os.fsencode(path).split(b"/"))
    return name


def _part_name(part: bytes) -> str:
    try:
        return part.decode("utf-8")
    except UnicodeDecodeError:
        return part.decode("ascii", "backslashreplace")


def sha_or_path(path: Path) -> str:
    """The sha256 of the bytes when they can be read, else of the path (so a failure is still keyed)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        digest.update(b"unreadable:" + os.fsencode(path))
    return digest.hexdigest()


def expand_inputs(args: Iterable[str]) -> Iterator[tuple[Path, str | None]]:
    """Files, folders (recursively: report-like files) and globs → (path, problem or None).

    Lazily, so a batch of 100,000 files is never held as 100,000 paths: a folder is walked one
    sub-folder at a time, its names sorted and packed into one string (~15 bytes a name instead
    of a Path's ~400), in the order `sorted(folder.rglob("*"))` gives. Walk it twice (once to
    count for a progress bar, once to read) rather than keep it.
    """
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            for parent, name in _files_under(path):
                if name_suffix(name).lower() not in SKIPPED_SUFFIXES:
                    yield parent / name, None
        elif path.exists():
            yield path, None
        elif any(ch in arg for ch in "*?["):
            matches = _packed(sorted(glob.glob(arg, recursive=True)))
            if not matches:
                yield path, "no file matches this pattern"
            for m in _unpacked(matches):
                if Path(m).is_file():
                    yield Path(m), None
        else:
            yield path, "no such file or folder"


def count_inputs(args: Iterable[str]) -> int:
    """How many inputs `expand_inputs(args)` gives (a progress bar's total), without keeping them.
    A folder's files are counted by name, without a Path each (3 µs apiece: 6 of the 8 ms per 2,000 files)."""
    n = 0
    for arg in args:
        if Path(arg).is_dir():
            n += sum(1 for _, name in _files_under(Path(arg)) if name_suffix(name).lower() not in SKIPPED_SUFFIXES)
        else:
            n += sum(1 for _ in expand_inputs([arg]))
    return n


def name_suffix(name: str) -> str:
    """`Path(name).suffix`, without making a Path."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _files_under(folder: Path) -> Iterator[tuple[Path, str]]:
    """(folder, name) of each file under `folder` (not hidden by its own name) in `sorted(folder.rglob("*"))`
    order: names in each folder sorted, a sub-folder walked where its name sorts (as Path comparison does,
    part by part). Like rglob, symlinked folders are not entered and unreadable ones are passed over."""
    try:
        names, others = _listing(folder)
    except (PermissionError, FileNotFoundError, NotADirectoryError):
        return
    for name in _unpacked(names):
        if name not in others:  # a regular file, as the folder's own listing said: no stat needed
            if not name.startswith("."):
                yield folder, name
            continue
        child = folder / name
        try:
            mode = os.lstat(child).st_mode
            if stat.S_ISLNK(mode):
                mode = os.stat(child).st_mode  # a link to a file counts as that file (is_file follows links)
                if stat.S_ISDIR(mode):
                    continue
        except OSError:
            continue
        if stat.S_ISDIR(mode):
            yield from _files_under(child)
        elif stat.S_ISREG(mode) and not name.startswith("."):
            yield folder, name


def _listing(folder: Path) -> tuple[str, set[str]]:
    """(every name in `folder`, sorted and packed; the names that are not plain regular files).

    The folder's listing says which entries are regular files (d_type), so the walk, done twice per
    batch (count, then read), stats only folders, links and the rare entry of unknown type, not every
    file: 4,000 lstat calls fewer per 2,000 files. Only those few names are held as a set."""
    names: list[str] = []
    others: set[str] = set()
    with os.scandir(folder) as entries:
        for entry in entries:
            names.append(entry.name)
            try:
                regular = entry.is_file(follow_symlinks=False)  # from d_type; a stat only where the system gave none
            except OSError:
                regular = False
            if not regular:
                others.add(entry.name)
    return _packed(sorted(names)), others


def _packed(names: list[str]) -> str:
    """Many names as one string: a name is ~15 bytes in it, ~70 as a str object in a list."""
    return "\0".join(names)  # no file name contains NUL


def _unpacked(packed: str) -> Iterator[str]:
    start = 0
    while start < len(packed):
        end = packed.find("\0", start)
        end = len(packed) if end < 0 else end
        yield packed[start:end]
        start = end + 1
