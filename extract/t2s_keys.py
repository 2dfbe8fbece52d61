"""Which characters can make OpenCC's t2s conversion change a text, read from its dictionaries as installed.

OpenCC converts by looking up, at each position, the longest key of its dictionaries that starts
there and writing that key's value; where no key starts, it copies the character. A key whose every
value is the key itself writes what it read. So a text in which no other key occurs converts to
itself, and converting it can be skipped. Each such "changing" key occurring needs each of its
characters to occur: the class built here holds every single-character changing key and at least
one character of every longer one (plus lone surrogates and everything beyond the BMP, which go to
OpenCC as before), so a text with none of its characters converts to itself.

Reading the dictionaries (`opencc_dict` exports each .ocd2) and building the class took ~50 ms,
paid by every worker process; so the class derived from the dictionaries this project was built
with is kept in t2s_changing.py, with their sha256, and used only when the installed files hash
the same. Other dictionaries are read at the first conversion. Anything unexpected (no `opencc_dict` tool beside
the library, a dictionary type or config key not known here) gives None: then every text is
converted, as without this module.

Regenerate t2s_changing.py after an OpenCC upgrade: `python -m nianbao.extract.t2s_keys`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import subprocess
from collections import Counter
from pathlib import Path

from .patterns import compiled

Dictionary = dict[str, set[str]]  # key → every value any of the config's dictionaries gives it
ASTRAL = "\U00010000-\U0010ffff"  # the planes beyond the BMP, as a class range
_OUTSIDE_BMP = "\ud800-\udfff" + ASTRAL  # lone surrogates and the astral planes: always converted


def may_change(config: Path) -> re.Pattern[str] | None:
    """A pattern that finds a character in every text the conversion `config` (a t2s.json) changes."""
    try:
        chars = recorded_characters(config)
        if chars is None:
            entries = config_entries(config)
            chars = None if entries is None else "".join(sorted(changing_characters(entries)))
    except (OSError, ValueError, KeyError, TypeError, subprocess.SubprocessError):
        return None
    if chars is None:
        return None
    return compiled("[" + re.escape(chars) + _OUTSIDE_BMP + "]")  # ~3 ms with re.compile (patterns.py)


def changing_characters(entries: Dictionary) -> set[str]:
    """Every single-character changing key, and for each longer changing key without one of those,
    one of its characters: the one most such keys share (沈 for 沈溺, 深沈, 沈思 …)."""
    changing = [key for key, values in entries.items() if values != {key}]
    chars = {key for key in changing if len(key) == 1}
    uncovered = [key for key in changing if len(key) > 1 and not chars.intersection(key)]
    while uncovered:
        counts = Counter(ch for key in uncovered for ch in set(key))
        best = min(counts, key=lambda ch: (-counts[ch], ch))
        chars.add(best)
        uncovered = [key for key in uncovered if best not in key]
    return {ch for ch in chars if ord(ch) < 0x10000}  # the rest of Unicode is in the class as one range


def recorded_characters(config: Path) -> str | None:
    """The class kept in t2s_changing.py, if `config` and its dictionaries are the files it was derived from."""
    try:
        from .t2s_changing import CHARACTERS, FILES
    except ImportError:
        return None
    return CHARACTERS if file_hashes(config) == FILES else None


def file_hashes(config: Path) -> dict[str, str] | None:
    """sha256 of the config and each dictionary it names, by file name; None if it is not readable here."""
    specs = _dictionary_specs(config)
    if specs is None:
        return None
    names = [config.name, *(spec["file"] for spec in specs)]
    return {name: hashlib.sha256((config.parent / name).read_bytes()).hexdigest() for name in names}


_STEPS = ("normalization", "conversion_chain")
_KNOWN_KEYS = {"name", *_STEPS}


def _dictionary_specs(config: Path) -> list[dict] | None:
    """The config's dictionaries (groups opened up), or None if it holds something not read here."""
    settings = json.loads(config.read_text(encoding="utf-8"))
    if set(settings) - _KNOWN_KEYS:
        return None  # e.g. a segmentation dictionary: not read here, so not vouched for
    specs: list[dict] = []
    pending = []
    for step in _STEPS:
        for conversion in settings.get(step, []):
            if set(conversion) != {"dict"}:
                return None
            pending.append(conversion["dict"])
    while pending:
        spec = pending.pop(0)
        if spec["type"] == "group":
            pending[:0] = spec["dicts"]
        elif spec["type"] in ("ocd2", "text"):
            specs.append(spec)
        else:
            return None
    return specs


def config_entries(config: Path) -> Dictionary | None:
    """Every key of the config's dictionaries with every value they give it."""
    specs = _dictionary_specs(config)
    if specs is None:
        return None
    entries: Dictionary = {}
    for spec in specs:
        path = config.parent / spec["file"]
        if spec["type"] == "text":
            listing = path.read_text(encoding="utf-8")
        else:
            tool = _opencc_dict_tool()
            if tool is None:
                return None
            listing = subprocess.run(
                [str(tool), "-i", str(path), "-o", "/dev/stdout", "-f", "ocd2", "-t", "text"],
                capture_output=True, check=True, timeout=60,
            ).stdout.decode("utf-8")
        for line in listing.splitlines():
            if line:
                key, values = line.split("\t", 1)
                entries.setdefault(key, set()).update(values.split(" "))
    return entries


def shipped_config() -> Path | None:
    """The t2s.json inside the installed opencc package, found without importing it (that loads OpenCC's
    library, ~1.5 ms, which a simplified text never needs): the file OpenCC("t2s") reads. None if the
    package keeps it elsewhere, or if a t2s.json stands in the working directory (OpenCC("t2s") reads
    that one): then the caller asks a converter which file it read."""
    if Path("t2s.json").is_file():
        return None
    try:
        spec = importlib.util.find_spec("opencc")
    except (ImportError, ValueError):
        return None
    for location in (spec.submodule_search_locations or []) if spec else []:
        config = Path(location) / "clib" / "share" / "opencc" / "t2s.json"
        if config.is_file():
            return config
    return None


def _opencc_dict_tool() -> Path | None:
    import opencc

    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    return tool if tool.is_file() else None


def _write_recorded(config: Path, out: Path) -> None:
    entries = config_entries(config)
    hashes = file_hashes(config)
    if entries is None or hashes is None:
        raise SystemExit(f"{config}: its dictionaries cannot be read here")
    chars = "".join(sorted(changing_characters(entries)))
    lines = [
        '"""The characters t2s_keys.py derives from OpenCC\'s t2s dictionaries, for the files hashed below.',
        "",
        "Generated by `python -m nianbao.extract.t2s_keys`; used only while the installed files hash the same.",
        '"""',
        "",
        "FILES = {",
        *(f'    "{name}": "{digest}",' for name, digest in hashes.items()),
        "}",
        "CHARACTERS = (",
        *(f"    {chars[i : i + 80]!r}" for i in range(0, len(chars), 80)),
        ")",
        "",
    ]
    out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    import opencc

    _write_recorded(Path(opencc.OpenCC("t2s").config), Path(__file__).with_name("t2s_changing.py"))
