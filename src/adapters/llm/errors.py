"""openai's exceptions translated into the ``LanguageModelError`` family, with secrets removed.

Status codes decide, not exception classes, so a server's odd status still lands somewhere:
401/403 key rejected, 404 model not found, 429 rate limited, 408/409/5xx unavailable (the client
has already retried those), any other 4xx (400 above all: the server refused our request, e.g. a
``response_format`` it does not support or a prompt past its context) a plain
``LanguageModelError``, which writers treat like every other failure: fall back.

Messages quote at most a short, redacted piece of the server's error text: real servers echo
part of a wrong key back ("Incorrect API key provided: sk-ab…"), and a traceback must not carry
it, so the openai exception is never chained.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime

import openai

from resumecore.errors import (
    LanguageModelError,
    ModelKeyRejected,
    ModelNotFound,
    ModelRateLimited,
    ModelReplyInvalid,
    ModelUnavailable,
)

_KEY_LIKE = re.compile(r"(?:Bearer\s+\S+|\b(?:sk|gsk|xai)-[\w*.\-]{3,})", re.IGNORECASE)
_MAX_DETAIL = 300


def redact(text: str, secret: str) -> str:
    """``text`` without ``secret`` and without anything shaped like an API key or bearer token."""
    if secret:
        text = text.replace(secret, "***")
    return _KEY_LIKE.sub("***", text)


def translate(exc: openai.APIError, *, secret: str) -> LanguageModelError:
    """The domain error for an openai exception raised after the client's own retries."""
    if isinstance(exc, openai.APITimeoutError):
        return ModelUnavailable("the model server did not answer in time (retries exhausted)")
    if isinstance(exc, openai.APIConnectionError):
        return ModelUnavailable("could not reach the model server (retries exhausted)")
    if isinstance(exc, openai.APIResponseValidationError):
        return ModelReplyInvalid("the model server's response was not a chat completion")
    if not isinstance(exc, openai.APIStatusError):
        return LanguageModelError(f"the model server failed: {_detail(exc, secret) or 'no detail'}")
    return _from_status(exc, secret)


def _from_status(exc: openai.APIStatusError, secret: str) -> LanguageModelError:
    status = exc.status_code
    said = _detail(exc, secret)
    what = f"HTTP {status}" + (f": {said}" if said else "")
    if status in {401, 403}:
        return ModelKeyRejected(f"the model server refused the API key ({what})")
    if status == 404:
        return ModelNotFound(f"the model server does not know the model ({what})")
    if status == 429:
        return ModelRateLimited(
            f"the model server is rate limiting us ({what})",
            retry_after=retry_after_seconds(exc.response.headers),
        )
    if status in {408, 409} or status >= 500:
        return ModelUnavailable(f"the model server failed (retries exhausted; {what})")
    return LanguageModelError(f"the model server rejected the request ({what})")


def retry_after_seconds(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """The delay a 429 asked for: ``retry-after-ms``, else ``Retry-After`` (seconds or a date)."""
    lowered = {key.lower(): value for key, value in headers.items()}
    millis = _number(lowered.get("retry-after-ms"))
    if millis is not None:
        return millis / 1000
    value = lowered.get("retry-after")
    if value is None:
        return None
    seconds = _number(value)
    if seconds is not None:
        return seconds
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


def _number(value: str | None) -> float | None:
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) and number >= 0 else None


def _detail(exc: openai.APIError, secret: str) -> str:
    body = exc.body
    message = body.get("message") if isinstance(body, dict) else None
    text = message if isinstance(message, str) else ""
    return redact(" ".join(text.split()), secret)[:_MAX_DETAIL]
