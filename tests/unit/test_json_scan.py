"""The raw-bytes JSON scan that runs before decoding (issue #10, medium 5 and 6)."""

from __future__ import annotations

import pytest

from resumecore_server.entrypoints.http.json_scan import (
    HAS_LONE_SURROGATE,
    HAS_NUL,
    MAX_JSON_DEPTH,
    TOO_DEEP,
    json_body_problem,
    text_problem,
)


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (nested(MAX_JSON_DEPTH), None),
        (nested(MAX_JSON_DEPTH + 1), TOO_DEEP),
        (b'{"a":' * 65 + b"1" + b"}" * 65, TOO_DEEP),
        (b'["' + b"[" * 500 + b'"]', None),  # brackets inside a string are text
        (b'["\\"' + b"[" * 500 + b'"]', None),  # ... also after an escaped quote
        (b"[" * 30 + b"]" * 30 + b"[" * 30 + b"]" * 30 + b"[" * 30 + b"]" * 30, None),  # wide
        (b'{"a":"x\\u0000y"}', HAS_NUL),
        (b'{"a":"\\\\u0000"}', None),  # an escaped backslash, then the text u0000
        (b'{"a":"\\\\\\u0000"}', HAS_NUL),
        (b'{"a":"\\ud83d\\ude00"}', None),  # a proper surrogate pair (an emoji)
        (b'{"a":"\\ud800"}', HAS_LONE_SURROGATE),
        (b'{"a":"\\ud800x"}', HAS_LONE_SURROGATE),
        (b'{"a":"\\ude00"}', HAS_LONE_SURROGATE),
        (b'{"a":"\\ud800\\u0041"}', HAS_LONE_SURROGATE),
        (b'{"a":"plain text", "b": [1, 2, {"c": null}]}', None),
        (b'{"a":"unterminated [[[', None),  # malformed: left to the decoder
    ],
)
def test_json_body_problem(raw: bytes, expected: str | None) -> None:
    assert json_body_problem(raw) == expected


def test_text_problem() -> None:
    assert text_problem("a\x00b") == HAS_NUL
    assert text_problem("a\ud800b") == HAS_LONE_SURROGATE
    assert text_problem("Ada Lovelace ✓") is None
