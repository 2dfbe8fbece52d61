"""JSON exactly as a `json.JSONEncoder`'s `encode` writes it, a few µs cheaper per call.

`JSONEncoder.encode` builds CPython's C encoder afresh on every call (two Python frames, a
markers dict, nine arguments): about 1 µs of the 1.8 a finding's list of fields costs, and a
report encodes a dozen small things (its findings' fields, its sections, its facts). Here the
C encoder is built once per encoder. It is the very function `encode` calls, so the text is the
same; only a structure that contains itself is no longer told apart (no markers): it fails with
RecursionError instead of ValueError, and nothing the store packs can contain itself.
tests/test_packed_storage.py checks the two agree on random structures.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import c_make_encoder, encode_basestring, encode_basestring_ascii
from typing import Any


def one_shot(encoder: json.JSONEncoder) -> Callable[[Any], str]:
    """`encoder.encode`, with the C encoder built once (`encoder.encode` itself where there is none)."""
    if c_make_encoder is None or encoder.indent is not None:
        return encoder.encode
    try:  # the arguments JSONEncoder.iterencode gives it (Python 3.11-3.13)
        write = c_make_encoder(
            None, encoder.default, encode_basestring_ascii if encoder.ensure_ascii else encode_basestring, None,
            encoder.key_separator, encoder.item_separator, encoder.sort_keys, encoder.skipkeys, encoder.allow_nan,
        )
    except TypeError:  # a Python whose C encoder takes other arguments
        return encoder.encode
    join = "".join

    def encode(value: Any) -> str:
        return join(write(value, 0))

    return encode
