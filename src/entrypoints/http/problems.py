"""The one table from errors to RFC 9457 problem details, and the exception handlers."""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from resumecore.errors import (
    AuthenticationFailed,
    Conflict,
    ContentTooLarge,
    DomainError,
    InvalidToken,
    InvalidValue,
    NotFound,
    RateLimited,
    StorageFull,
    StorageUnavailable,
    VersionConflict,
)
from resumecore_server.entrypoints.http.plain_structlog import structlog

PROBLEM_JSON = "application/problem+json"
log = structlog.get_logger("resumecore.http")

# Most specific first: the first matching class decides the status and title.
STATUS_BY_ERROR: tuple[tuple[type[DomainError], int, str], ...] = (
    (NotFound, 404, "Not found"),
    (AuthenticationFailed, 401, "Unauthorized"),
    (InvalidToken, 400, "Invalid token"),
    (ContentTooLarge, 413, "Content too large"),
    (InvalidValue, 422, "Unprocessable content"),
    (VersionConflict, 412, "Precondition failed"),
    (Conflict, 409, "Conflict"),
    (RateLimited, 429, "Too many requests"),
    (StorageFull, 507, "Insufficient storage"),
    (StorageUnavailable, 503, "Service unavailable"),
)
BAD_REQUEST = "Bad request"
# Framework errors take the same title as a core error of their status, so a status reads one
# way whatever raised it (the 400 of a core error is the narrower "Invalid token").
_TITLE_BY_STATUS = {status: title for _, status, title in STATUS_BY_ERROR} | {400: BAD_REQUEST}


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    code: str,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[dict[str, Any]]:
    """A problem-details response."""
    body: dict[str, Any] = {
        "type": f"/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def domain_error_handler(_: Request[Any, Any, Any], exc: DomainError) -> Response[dict[str, Any]]:
    """Map a core error through ``STATUS_BY_ERROR``."""
    status, title = next(
        ((s, t) for kind, s, t in STATUS_BY_ERROR if isinstance(exc, kind)),
        (HTTP_500_INTERNAL_SERVER_ERROR, "Internal server error"),
    )
    headers: dict[str, str] = {}
    errors: list[dict[str, Any]] = []
    if isinstance(exc, AuthenticationFailed):
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(exc, RateLimited):
        headers["Retry-After"] = str(exc.retry_after)
    if isinstance(exc, StorageUnavailable):
        headers["Retry-After"] = "5"
    if isinstance(exc, VersionConflict) and exc.current_version is not None:
        headers["ETag"] = f'"{exc.current_version}"'
    detail = exc.message
    if isinstance(exc, InvalidValue):
        errors = [
            {k: v for k, v in (("field", e.field), ("index", e.index)) if v is not None}
            | {"code": e.code, "message": e.message}
            for e in exc.errors
        ]
        detail = _with_first_problem(exc)
    return problem(status, title, detail, code=exc.code, errors=errors, headers=headers)


def _with_first_problem(exc: InvalidValue) -> str:
    """The error's message followed by its first failing field and why.

    The mobile app shows a problem's ``detail`` and never reads ``errors[]``, so a summary
    such as "The profile breaks its rules" alone would not tell its user what to correct.
    """
    if not exc.errors or exc.errors[0].message in exc.message:
        return exc.message
    first = exc.errors[0]
    index = f"[{first.index}]" if first.index is not None else ""
    place = " ".join(part for part in (index, first.field) if part)
    reason = first.message if first.message.endswith((".", "!", "?")) else f"{first.message}."
    return f"{exc.message} {place}: {reason}" if place else f"{exc.message} {reason}"


def validation_handler(
    _: Request[Any, Any, Any], exc: ValidationException
) -> Response[dict[str, Any]]:
    """Malformed JSON, wrong types, unknown fields, over-long strings: 400."""
    problems = [
        _readable(str(item.get("key") or "body"), str(item.get("message", "")))
        for item in (exc.extra if isinstance(exc.extra, list) else [])
        if isinstance(item, dict)
    ]
    errors = [
        {"field": _field_of(key, message), "code": "invalid", "message": message}
        for key, message in problems
    ]
    # The decoder's own key, not the field named in ``errors``: a top-level unknown field is
    # already that field's name, and would be named twice ('x.x').
    detail = _in_words(*problems[0]) if problems else None
    if detail is None:
        malformed_json = str(exc.detail).startswith("JSON is malformed")
        detail = "The request body is not valid JSON." if malformed_json else MALFORMED
    return problem(400, BAD_REQUEST, detail, code="bad_request", errors=errors)


MALFORMED = "The request is malformed."
# What Litestar reports when a route's required body is absent: the text of a KeyError.
_ABSENT_BODY = ("data", "'data'")
NO_BODY = "The request needs a JSON body"


# A Python type in a decoder message, e.g. "Unsupported type: <class 'list'>".
_PYTHON_CLASS = re.compile(r"<class '(?:[\w.]*\.)?(\w+)'>")


def _readable(key: str, message: str) -> tuple[str, str]:
    """The decoder's (key, message), with an absent body said in words and no Python types."""
    if (key, message) == _ABSENT_BODY:
        return "body", NO_BODY
    return key, _PYTHON_CLASS.sub(r"\1", message)


_UNKNOWN_FIELD = re.compile(r"Object contains unknown field `([^`]*)`")
_MISSING_FIELD = re.compile(r"Object missing required field `([^`]*)`")


def _field_of(key: str, message: str) -> str:
    """The field itself when a body's top level lacks it or has it unknown, else the key."""
    found = _UNKNOWN_FIELD.fullmatch(message) or _MISSING_FIELD.fullmatch(message)
    return found[1] if found and key in {"data", "body"} else key


def _in_words(key: str, message: str) -> str | None:
    """The first problem of a malformed request as a sentence (the app shows only ``detail``)."""
    path = "" if key in {"data", "body"} else key
    for pattern, sentence in (
        (_UNKNOWN_FIELD, "'{}' is not a field this request accepts."),
        (_MISSING_FIELD, "'{}' is required."),
    ):
        found = pattern.match(message)
        if found:
            return sentence.format(f"{path}.{found[1]}" if path else found[1])
    words = message.replace("`", "").split(" - at ")[0].strip()
    if not words:
        return None
    return f"'{path}': {words[0].lower()}{words[1:]}." if path else f"{words}."


def malformed_body_handler(_: Request[Any, Any, Any], __: Exception) -> Response[dict[str, Any]]:
    """Bytes that are not UTF-8 inside a JSON body: a 400 like any other malformed JSON."""
    return problem(
        400, BAD_REQUEST, "The request body is not valid UTF-8 JSON.", code="bad_request"
    )


def http_error_handler(_: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    """Framework errors (404 route, 405, 413 body too large...) as problem details."""
    status = exc.status_code
    if status >= HTTP_500_INTERNAL_SERVER_ERROR:
        return internal_error_handler(_, exc)
    detail = exc.detail if status != 404 else "Not found"
    headers = dict(exc.headers or {})
    code = {400: "bad_request", 404: "not_found"}.get(status, f"http_{status}")
    return problem(status, _title(status), detail, code=code, headers=headers)


def internal_error_handler(
    request: Request[Any, Any, Any], exc: Exception
) -> Response[dict[str, Any]]:
    """Anything unexpected: logged with its traceback, answered without one."""
    log.error("unhandled_error", path=request.scope.get("path_template"), exc_info=exc)
    return problem(
        500, "Internal server error", "An unexpected error occurred.", code="internal_error"
    )


def _title(status: int) -> str:
    """The status's title, in sentence case like the core errors' titles."""
    if status in _TITLE_BY_STATUS:
        return _TITLE_BY_STATUS[status]
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        return "Error"
    return phrase[0] + phrase[1:].lower()
