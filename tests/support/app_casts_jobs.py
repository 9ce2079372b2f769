"""The JobWise app's casts for job responses, as assertions (shared/mobile-client.md §2-3).

Each ``assert_*`` checks one body exactly as the app's ``fromJson`` reads it and fails with the
JSON path of the first value the app would throw on. REQ keys must be present and of the type;
optional keys may be missing or null, but a present value of the wrong type still throws there.
Unlisted keys are ignored, as the app ignores them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

JOB_SOURCES = {"user_created", "indeed", "linkedin", "glassdoor", "mock", "imported", "url_import"}
JOB_STATUSES = {"active", "archived", "draft"}
APPLICATION_STATUSES = {
    "not_applied", "preparing", "applied", "interviewing",
    "offer_received", "rejected", "accepted", "withdrawn",
}  # fmt: skip
# Dart's DateTime.parse grammar (sdk/lib/core/date_time.dart).
DART_DATE_TIME = re.compile(
    r"^([+-]?\d{4,6})-?(\d\d)-?(\d\d)"
    r"(?:[ T](\d\d)(?::?(\d\d)(?::?(\d\d)(?:[.,](\d+))?)?)?"
    r"( ?[zZ]| ?([-+])(\d\d)(?::?(\d\d))?)?)?$"
)
Check = Callable[[Any, str], None]


def _fail(where: str, expected: str, value: Any) -> None:
    raise AssertionError(f"{where}: the app casts this {expected}, got {value!r}")


def req_str(value: Any, where: str) -> None:
    """``as String`` (REQ)."""
    if not isinstance(value, str):
        _fail(where, "as String (required)", value)


def opt_str(value: Any, where: str) -> None:
    """``as String?``."""
    if value is not None and not isinstance(value, str):
        _fail(where, "as String?", value)


def opt_str_list(value: Any, where: str) -> None:
    """``(as List?)?.map((e) => e as String)``."""
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        _fail(where, "as List? of String", value)


def opt_bool(value: Any, where: str) -> None:
    """``as bool? ?? false``."""
    if value is not None and not isinstance(value, bool):
        _fail(where, "as bool?", value)


def req_bool(value: Any, where: str) -> None:
    """``as bool`` (REQ)."""
    if not isinstance(value, bool):
        _fail(where, "as bool (required)", value)


def req_int(value: Any, where: str) -> None:
    """``as int``: a JSON integer (``1.0`` throws)."""
    if not isinstance(value, int) or isinstance(value, bool):
        _fail(where, "as int (required)", value)


def req_num(value: Any, where: str) -> None:
    """``(as num).toInt()`` (REQ)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        _fail(where, "as num (required)", value)


def req_date(value: Any, where: str) -> None:
    """``DateTime.parse(x as String)`` (REQ)."""
    if not isinstance(value, str) or not DART_DATE_TIME.match(value):
        _fail(where, "DateTime.parse(as String) (required)", value)


def enum(allowed: set[str], *, required: bool) -> Check:
    """``$enumDecode`` (REQ) or ``$enumDecodeNullable`` over ``allowed``."""

    def check(value: Any, where: str) -> None:
        if value is None and not required:
            return
        if value not in allowed:
            _fail(where, f"one of {sorted(allowed)}", value)

    return check


BROWSE_JOB: dict[str, Check] = {
    "id": req_str,
    "source": enum(JOB_SOURCES, required=True),
    "title": req_str,
    "company": req_str,
    "location": opt_str,
    "description": opt_str,
    "parsed_keywords": opt_str_list,
    "requirements": opt_str_list,
    "benefits": opt_str_list,
    "salary_range": opt_str,
    "remote": opt_bool,
}
JOB: dict[str, Check] = {
    **BROWSE_JOB,
    "user_id": opt_str,  # an int would be converted; resumecore sends strings
    "raw_text": opt_str,
    "status": enum(JOB_STATUSES, required=False),
    "application_status": enum(APPLICATION_STATUSES, required=False),
    "created_at": req_date,
    "updated_at": req_date,
}
PAGINATION: dict[str, Check] = {
    "hasMore": req_bool,
    "limit": req_num,
    "offset": req_num,
    "total": req_num,
}


def assert_fields(body: Any, checks: dict[str, Check], where: str) -> None:
    """``body`` is a JSON object and every listed key passes its cast."""
    if not isinstance(body, dict):
        _fail(where, "as Map", body)
    for key, check in checks.items():
        check(body.get(key), f"{where}.{key}")


def assert_job(body: Any, where: str = "job") -> None:
    """A ``Job`` (detail, create, update responses, list items)."""
    assert_fields(body, JOB, where)


def assert_browse_job(body: Any, where: str = "job") -> None:
    """A ``BrowseJob`` (catalog items)."""
    assert_fields(body, BROWSE_JOB, where)


def assert_job_list(body: Any, item: Callable[[Any, str], None] = assert_job) -> None:
    """A job list body: ``jobs`` (each ``item``), ``total`` int, ``pagination`` map."""
    if not isinstance(body, dict):
        _fail("body", "as Map", body)
    if not isinstance(body.get("jobs"), list):
        _fail("body.jobs", "as List (required)", body.get("jobs"))
    for index, job in enumerate(body["jobs"]):
        item(job, f"body.jobs[{index}]")
    req_int(body.get("total"), "body.total")
    assert_fields(body.get("pagination"), PAGINATION, "body.pagination")
