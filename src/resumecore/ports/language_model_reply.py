"""Local checks of a model's reply, shared by every ``LanguageModel`` implementation.

The port promises that a reply is validated here whatever the server claims, so the real adapter
and the in-memory fake must judge a reply the same way; both call these functions.
"""

from __future__ import annotations

import re
from typing import TypeVar

import msgspec

from resumecore.errors import ModelReplyInvalid

T = TypeVar("T")

# A whole reply inside one Markdown code fence, as chat models often answer when no JSON mode
# forces them not to: ```json\n{...}\n```
_FENCED = re.compile(
    r"\A\s*```[A-Za-z0-9_-]*[ \t]*\r?\n(?P<body>.*?)\r?\n?[ \t]*```\s*\Z", re.DOTALL
)


def strip_code_fence(text: str) -> str:
    """``text`` without a Markdown code fence around all of it (unchanged if there is none)."""
    match = _FENCED.match(text)
    return match.group("body") if match else text


def decode_json_reply(text: str, reply_type: type[T], *, allow_fence: bool) -> T:
    """``text`` decoded as JSON of ``reply_type``, or ``ModelReplyInvalid`` saying why not.

    ``allow_fence``: accept a reply wrapped in a code fence (for servers not held to JSON).
    The error message names the problem, not the reply itself (it may hold personal data).
    """
    body = strip_code_fence(text) if allow_fence else text
    if not body.strip():
        raise ModelReplyInvalid("the model's reply was empty")
    try:
        return msgspec.json.decode(body, type=reply_type)
    except msgspec.ValidationError as exc:
        raise ModelReplyInvalid(f"the model's reply has the wrong shape: {exc}") from None
    except msgspec.DecodeError as exc:
        raise ModelReplyInvalid(f"the model's reply is not valid JSON: {exc}") from None


def check_text_reply(text: str) -> str:
    """``text`` if it has any content; an empty or blank reply is ``ModelReplyInvalid``."""
    if not text.strip():
        raise ModelReplyInvalid("the model's reply was empty")
    return text
