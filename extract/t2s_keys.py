"""Which characters can make OpenCC's t2s conversion change a text, read from its dictionaries as installed.

OpenCC converts by looking up, at each position, the longest key of its dictionaries that starts
there and writing that key's value; where no key starts, it copies the character. A key whose every
value is the key itself writes what it read. So a text in which no other key occurs converts to
itself, and converting it can be skipped. Each such "changing" key occurring needs each of its
characters to occur: the class built here holds every single-character changing key and at least
one character of every longer one (plus lone surrogates and everything beyond the BMP, which go to
OpenCC as before), so a text with none of its characters converts to itself.

Anything unexpected (no `opencc_dict` tool beside the library, a dictionary type or config key not
known here) gives None: then every text is converted, as without this module.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from pathlib import Path

Dictionary = dict[str, set[str]]  # key → every value any of the config's dictionaries gives it


def may_change(config: Path) -> re.Pattern[str] | None:
    """A pattern that finds a character in every text the conversion `config` (a t2s.json) changes."""
    try:
        entries = _config_entries(config)
    except (OSError, ValueError, KeyError, TypeError, subprocess.SubprocessError):
        return None
    if entries is None:
        return None
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(changing_characters(entries))) + "\ud800-\udfff\U00010000-\U0010ffff]")


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


_STEPS = ("normalization", "conversion_chain")
_KNOWN_KEYS = {"name", *_STEPS}


def _config_entries(config: Path) -> Dictionary | None:
    settings = json.loads(config.read_text(encoding="utf-8"))
    if set(settings) - _KNOWN_KEYS:
        return None  # e.g. a segmentation dictionary: not read here, so not vouched for
    entries: Dictionary = {}
    for step in _STEPS:
        for conversion in settings.get(step, []):
            if set(conversion) != {"dict"} or not _read_dict(conversion["dict"], config.parent, entries):
                return None
    return entries


def _read_dict(spec: dict, folder: Path, entries: Dictionary) -> bool:
    if spec["type"] == "group":
        return all(_read_dict(inner, folder, entries) for inner in spec["dicts"])
    if spec["type"] == "ocd2":
        tool = _opencc_dict_tool()
        if tool is None:
            return False
        listing = subprocess.run(
            [str(tool), "-i", str(folder / spec["file"]), "-o", "/dev/stdout", "-f", "ocd2", "-t", "text"],
            capture_output=True, check=True, timeout=60,
        ).stdout.decode("utf-8")
    elif spec["type"] == "text":
        listing = (folder / spec["file"]).read_text(encoding="utf-8")
    else:
        return False
    for line in listing.splitlines():
        if line:
            key, values = line.split("\t", 1)
            entries.setdefault(key, set()).update(values.split(" "))
    return True


def _opencc_dict_tool() -> Path | None:
    import opencc

    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    return tool if tool.is_file() else None
