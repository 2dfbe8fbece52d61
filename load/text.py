"""Decoding plain text (.txt, .md) whatever encoding it was saved in."""

from __future__ import annotations

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]

_ANY_BOM = tuple(bom for bom, _ in _BOMS)

_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_NOT_CONTROLS = bytes(b for b in range(256) if b not in _CONTROLS)


def _looks_binary(data: bytes) -> bool:
    # NUL bytes never occur in UTF-8/GB18030 text; control bytes other than \t\n\r\f are rare.
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    # Counted in C, not byte by byte: every other byte deleted leaves the control bytes alone, and
    # writing those few is cheaper than copying the text without them (~2.9 instead of 4.6 us for 8 kB).
    controls = len(sample.translate(None, _NOT_CONTROLS))
    return controls > len(sample) * _MAX_CONTROLS


_MAX_CONTROLS = 0.01  # the share of control bytes above which bytes are not text


def decode_text(data: bytes) -> tuple[str | None, str]:
    """Return (text, encoding name), or (None, "") when the bytes are not text."""
    if data.startswith(_ANY_BOM):  # (one check: most files have none)
        for bom, encoding in _BOMS:
            if data.startswith(bom):
                try:
                    return data.decode(encoding), encoding
                except UnicodeDecodeError:
                    return None, ""
    # _looks_binary's two tests on the control bytes found once: a NUL is looked for among those few
    # bytes, not in the whole sample (twice, as before)
    sample = data[:65536]
    controls = sample.translate(None, _NOT_CONTROLS)
    if b"\x00" in controls:
        return _utf16_without_bom(data)  # NUL bytes: UTF-16 text saved without its BOM, or binary
    if len(controls) > len(sample) * _MAX_CONTROLS:
        return None, ""
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # GB18030 decodes almost any byte string; only trust it when the result is mostly CJK text.
        if encoding == "gb18030" and not _mostly_cjk_or_ascii(text):
            break
        return text, encoding
    return _utf8_with_a_few_bad_bytes(data)


REPLACED = "+replaced:"  # `utf-8+replaced:3`: UTF-8 with 3 invalid byte sequences shown as U+FFFD
MAX_REPLACED = 16


def _utf8_with_a_few_bad_bytes(data: bytes) -> tuple[str | None, str]:
    """UTF-8 text but for a few invalid byte sequences (a damaged download, a bad copy): the text with
    each shown as U+FFFD, rather than the whole report lost as "binary". Only a few, and after GB18030
    failed: a file in another encoding is invalid UTF-8 at nearly every Chinese character. The encoding
    name says how many were replaced, and a rule (input.bytes_replaced) tells the reviewer where."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())  # less any printed U+FFFD
    if 0 < replaced <= MAX_REPLACED and replaced * 1000 <= len(data):
        return text, f"utf-8{REPLACED}{replaced}"
    return None, ""


def replaced_bytes(encoding: str | None) -> int:
    """How many invalid byte sequences decoding replaced (`_utf8_with_a_few_bad_bytes`); 0 for a clean text."""
    if encoding and REPLACED in encoding:
        return int(encoding.rsplit(":", 1)[1])
    return 0


def _utf16_without_bom(data: bytes) -> tuple[str | None, str]:
    """UTF-16 whose BOM was dropped: ASCII characters (digits, newlines) put a NUL in every other byte.
    Whichever byte order decodes to clean, mostly CJK or ASCII text wins; anything else is binary."""
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data[: len(data) // 2 * 2].decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text[:20000] and _mostly_cjk_or_ascii(text) and not _looks_binary(text[:20000].encode("utf-8")):
            return text, encoding
    return None, ""


def _mostly_cjk_or_ascii(text: str) -> bool:
    sample = text[:20000]
    good = sum(1 for ch in sample if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
    return good >= len(sample) * 0.9
