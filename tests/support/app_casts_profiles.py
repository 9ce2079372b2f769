"""The JobWise app's casts for auth and profile responses (shared/mobile-client.md §3).

Same rules as ``app_casts_jobs``: each ``assert_*`` reads a body as the app's ``fromJson`` does
and fails with the JSON path of the first value the app would throw on.
"""

from __future__ import annotations

from typing import Any

from tests.support.app_casts_jobs import (
    Check,
    _fail,
    assert_fields,
    opt_bool,
    opt_str,
    opt_str_list,
    req_bool,
    req_date,
    req_int,
    req_str,
)


def opt_int(value: Any, where: str) -> None:
    """``as int?`` (a double throws)."""
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        _fail(where, "as int?", value)


def opt_num(value: Any, where: str) -> None:
    """``(as num?)?.toDouble()``."""
    if value is not None and (not isinstance(value, int | float) or isinstance(value, bool)):
        _fail(where, "as num?", value)


def int_or_int_string(value: Any, where: str) -> None:
    """``user_id is int ? it : int.parse(as String)`` (decimal or 0x, int64)."""
    if isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63:
        return
    if isinstance(value, str):
        try:
            number = int(value, 16) if value.lower().startswith("0x") else int(value, 10)
        except ValueError:
            number = None
        if number is not None and -(2**63) <= number < 2**63:
            return
    _fail(where, "an int or an int.parse-able String", value)


def req_map(value: Any, where: str) -> None:
    """``as Map`` (REQ)."""
    if not isinstance(value, dict):
        _fail(where, "as Map (required)", value)


def opt_map(value: Any, where: str) -> None:
    """``as Map? ?? {}``."""
    if value is not None and not isinstance(value, dict):
        _fail(where, "as Map?", value)


def items_of(checks: dict[str, Check]) -> Check:
    """``(as List?)?.map((e) => Model.fromJson(e as Map))``."""

    def check(value: Any, where: str) -> None:
        if value is None:
            return
        if not isinstance(value, list):
            _fail(where, "as List?", value)
        for index, item in enumerate(value):
            assert_fields(item, checks, f"{where}[{index}]")

    return check


USER: dict[str, Check] = {
    "id": lambda v, w: None if isinstance(v, int | str) else _fail(w, "int or String", v),
    "email": req_str,
    "full_name": req_str,
    "is_active": opt_bool,
    "is_verified": opt_bool,
}
AUTH_RESPONSE: dict[str, Check] = {
    "access_token": req_str,
    "refresh_token": req_str,
    "token_type": opt_str,
    "expires_in": opt_int,
    "user": lambda v, w: assert_fields(v, USER, w),
}
PERSONAL_INFO: dict[str, Check] = {
    "full_name": req_str,
    "email": req_str,
    **dict.fromkeys(("phone", "location", "linkedin", "github", "website"), opt_str),
}
EXPERIENCE: dict[str, Check] = {
    "title": req_str,
    "company": req_str,
    "start_date": req_str,
    **dict.fromkeys(
        (
            *("id", "location", "end_date", "description", "enhanced_description"),
            *("employment_type", "industry"),
        ),
        opt_str,
    ),
    "is_current": opt_bool,
    "achievements": opt_str_list,
    "technologies": opt_str_list,
}
EDUCATION: dict[str, Check] = {
    **dict.fromkeys(("institution", "degree", "field_of_study", "start_date"), req_str),
    **dict.fromkeys(("id", "end_date", "description"), opt_str),
    "is_current": opt_bool,
    "gpa": opt_num,
    "honors": opt_str_list,
}
CERTIFICATION: dict[str, Check] = {
    **dict.fromkeys(("name", "issuer", "date_obtained"), req_str),
    **dict.fromkeys(("id", "expiry_date", "credential_id"), opt_str),
}
PROJECT: dict[str, Check] = {
    "name": req_str,
    "description": req_str,
    **dict.fromkeys(
        (
            *("id", "enhanced_description", "url", "start_date", "end_date"),
            *("repository_url", "github_url"),
        ),
        opt_str,
    ),
    "technologies": opt_str_list,
    "highlights": opt_str_list,
    "is_ongoing": opt_bool,
}
LANGUAGE: dict[str, Check] = {"name": req_str, "proficiency": req_str}
SKILLS: dict[str, Check] = {
    "technical": opt_str_list,
    "soft": opt_str_list,
    "languages": items_of(LANGUAGE),
    "certifications": items_of(CERTIFICATION),
}
PROFILE: dict[str, Check] = {
    "user_id": int_or_int_string,
    "id": req_str,
    "personal_info": lambda v, w: assert_fields(v, PERSONAL_INFO, w),
    "professional_summary": opt_str,
    "enhanced_professional_summary": opt_str,
    "experiences": items_of(EXPERIENCE),
    "education": items_of(EDUCATION),
    "projects": items_of(PROJECT),
    "skills": lambda v, w: assert_fields(v, SKILLS, w),
    "custom_fields": opt_map,
    "created_at": req_date,
    "updated_at": req_date,
}


def _int_map(value: Any, where: str) -> None:
    req_map(value, where)
    for key, number in value.items():
        req_int(number, f"{where}.{key}")


ANALYTICS: dict[str, Check] = {
    "profile_id": req_str,
    "completeness": _int_map,
    "statistics": req_map,
    "recommendations": opt_str_list,
}


def assert_auth_response(body: Any) -> None:
    """``AuthResponse.fromJson``."""
    assert_fields(body, AUTH_RESPONSE, "auth")


def assert_user(body: Any) -> None:
    """``User.fromJson`` (``/auth/me``)."""
    assert_fields(body, USER, "user")


def assert_profile(body: Any) -> None:
    """``Profile.fromJson``; ``user_id`` must also be a JSON integer within 53 bits."""
    assert_fields(body, PROFILE, "profile")
    user_id = body["user_id"]
    if not isinstance(user_id, int) or not 0 < user_id < 2**53:
        _fail("profile.user_id", "a JSON integer within 53 bits", user_id)


def assert_items(body: Any, checks: dict[str, Check], where: str = "body") -> None:
    """A bare array of items (``POST``/``PUT /profiles/{id}/<kind>``)."""
    items_of(checks)(body, where)
    if not isinstance(body, list):
        _fail(where, "as List (required)", body)


__all__ = [
    "ANALYTICS",
    "CERTIFICATION",
    "EDUCATION",
    "EXPERIENCE",
    "PROJECT",
    "SKILLS",
    "assert_auth_response",
    "assert_fields",
    "assert_items",
    "assert_profile",
    "assert_user",
    "req_bool",
]
