"""The raw-bytes JSON scan that runs before decoding (issue #10, medium 5 and 6)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumecore_server.entrypoints.http.json_scan import (
    HAS_LONE_SURROGATE,
    HAS_NUL,
    MAX_JSON_DEPTH,
    TOO_DEEP,
    json_body_problem,
    text_problem,
)
from tests.support.stopwatch import stopwatch


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


def _deepest(value: object) -> int:
    if isinstance(value, list):
        return 1 + max(map(_deepest, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_deepest, value.values()), default=0)
    return 0


def _strings(value: object) -> list[str]:
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [*value, *(s for v in value.values() for s in _strings(v))]
    return [value] if isinstance(value, str) else []


def _has_lone_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


_TEXT = st.text(
    st.sampled_from(
        ["a", '"', "\\", "[", "]", "{", "}", "\x00", "\ud800", "\udc00", "é", "😀", "u"]
    )
)
_JSON = st.recursive(
    st.none() | st.integers() | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=40,
)


@given(_JSON, st.booleans())
def test_the_scan_reads_any_json_body_as_its_decoded_value_says(
    value: object, ascii_only: bool
) -> None:
    # Escaped (\\u....) or raw UTF-8 text; a lone surrogate can only be sent escaped.
    strings = _strings(value)
    ascii_only = ascii_only or any(map(_has_lone_surrogate, strings))
    raw = json.dumps(value, ensure_ascii=ascii_only).encode()
    # What the body says once decoded: two lone halves written side by side ("\ud800\udc00")
    # are escaped as one valid pair, which a JSON decoder reads as U+10000.
    sent = _strings(json.loads(raw))
    if any("\x00" in s or _has_lone_surrogate(s) for s in sent):
        assert json_body_problem(raw, max_depth=3) in {HAS_NUL, HAS_LONE_SURROGATE}
    elif _deepest(value) > 3:
        assert json_body_problem(raw, max_depth=3) == TOO_DEEP
    else:
        assert json_body_problem(raw, max_depth=3) is None


def test_an_escaped_surrogate_pair_is_one_valid_character() -> None:
    # Found by the property above: the pair decodes to U+10000, no lone surrogate.
    assert json_body_problem(b'{"\\ud800\\udc00": null}', max_depth=3) is None
    assert json_body_problem(b'{"\\ud800": null}', max_depth=3) == HAS_LONE_SURROGATE


@pytest.mark.parametrize(
    ("raw", "depth"),
    [
        (b"[[[]", 3),  # unclosed: the deepest point counts
        (b"[[]]]" + b"[" * 5, 4),  # a stray closer lowers the count, then an unclosed run
        (b"[}{]" * 2, 1),  # mismatched pairs are walked bracket by bracket
        (b'[["]"]]', 2),  # a bracket inside a string is text
    ],
)
def test_malformed_bodies_are_measured_as_deep_as_they_reach(raw: bytes, depth: int) -> None:
    assert json_body_problem(raw, max_depth=depth) is None
    assert json_body_problem(raw, max_depth=depth - 1) == TOO_DEEP


@pytest.mark.parametrize(
    "raw",
    [nested(50_000), b'{"a":' * 50_000 + b"1" + b"}" * 50_000, b"[" * 100_000],
)
@pytest.mark.alone
def test_a_very_deep_body_is_refused_in_linear_time(raw: bytes) -> None:
    # The scan runs on the event loop before any handler: time quadratic in the depth (one
    # read of the body per level) would stall the whole server on one small request.
    with stopwatch() as took:
        assert json_body_problem(raw) == TOO_DEEP
    assert took.seconds < 1.0
