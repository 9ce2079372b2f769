r"""Cheap checks on raw JSON bytes, run before any decoder sees them.

A decoder recursing 1,000 levels deep, or a NUL / lone surrogate reaching a database driver,
turns bad input into a 500 or an apparent outage; these scans turn it into a 400 instead.
They work on the raw bytes with C-speed regular expressions and skip string contents, so a
``"[[[["`` inside a string does not count as nesting and ``"\\u0000"`` (an escaped backslash)
is not a NUL.
"""

from __future__ import annotations

import re
from itertools import accumulate

MAX_JSON_DEPTH = 64
TOO_DEEP = "The JSON body is nested too deeply."
HAS_NUL = "Text may not contain NUL characters."
HAS_LONE_SURROGATE = "Text may not contain unpaired surrogate characters."

# A string holding a backslash escape: the only strings the NUL / surrogate rule reads.
_STRING_WITH_ESCAPE = re.compile(rb'"[^"\\]*\\.(?:[^"\\]|\\.)*"?', re.DOTALL)
_ESCAPE = re.compile(rb"\\(?:u([0-9a-fA-F]{4})|.)", re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
# How each bracket byte changes the depth (other bytes are removed before the walk).
_DEPTH_STEP = tuple(1 if byte in b"[{" else -1 for byte in range(256))


def json_body_problem(raw: bytes, max_depth: int = MAX_JSON_DEPTH) -> str | None:
    """Why ``raw`` must be refused (too deep, NUL, lone surrogate), or None when it may pass.

    Malformed JSON otherwise passes: the decoder reports it with its own message.
    """
    if b"\\u" in raw:
        for string in _STRING_WITH_ESCAPE.finditer(raw):
            problem = _escape_problem(string.group())
            if problem:
                return problem
    if raw.count(b"[") + raw.count(b"{") > max_depth and _depth(raw) > max_depth:
        return TOO_DEEP
    return None


def _depth(raw: bytes) -> int:
    """The deepest nesting of ``raw``'s brackets outside strings."""
    # Without its escapes, every quote in a body opens or closes a string: the text between
    # an even and the next odd quote is outside them (an unterminated string runs to the end).
    unescaped = _ESCAPE.sub(b"", raw) if b"\\" in raw else raw
    brackets = b"".join(unescaped.split(b'"')[::2]).translate(None, _NOT_BRACKETS)
    # One walk of running depths, all in C, so the cost is linear in the body whatever its
    # nesting (removing innermost pairs pass by pass read the body once per level: a 200 KB
    # body 100,000 levels deep held the event loop for minutes). In malformed JSON the walk
    # is exact up to the first bracket that does not match, where the decoder stops anyway.
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)


def _escape_problem(string_token: bytes) -> str | None:
    pending_high = False
    for escape in _ESCAPE.finditer(string_token):
        hex_digits = escape.group(1)
        code = int(hex_digits, 16) if hex_digits is not None else -1
        if pending_high and not 0xDC00 <= code <= 0xDFFF:
            return HAS_LONE_SURROGATE
        if pending_high:
            pending_high = False
            continue
        if code == 0:
            return HAS_NUL
        if 0xD800 <= code <= 0xDBFF:
            # Paired only if the very next bytes are the low half's escape.
            pending_high = string_token[escape.end() : escape.end() + 2] == b"\\u"
            if not pending_high:
                return HAS_LONE_SURROGATE
        elif 0xDC00 <= code <= 0xDFFF:
            return HAS_LONE_SURROGATE
    return HAS_LONE_SURROGATE if pending_high else None


def text_problem(text: str) -> str | None:
    """The same NUL / lone-surrogate rule for already-decoded text (paths, query strings)."""
    if "\x00" in text:
        return HAS_NUL
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return HAS_LONE_SURROGATE
    return None
