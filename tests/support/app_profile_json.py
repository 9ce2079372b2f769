"""What the JobWise app sends for profiles: its ``toJson`` of what it parsed (mobile-client.md §4).

``as_app_resends`` is ``Profile.fromJson`` followed by ``toJson`` (the profile view's "Save
Changes", P4b); ``as_edit_screen_resends`` adds what the edit screen changes (P4a): the enhanced
summary sent as null, the languages as ``[]``, ``updated_at`` as local time without a zone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def _without_null_id(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if not (k == "id" and v is None)}


def _experience(e: dict[str, Any]) -> dict[str, Any]:
    return _without_null_id(
        {
            "id": e.get("id"),
            "title": e["title"],
            "company": e["company"],
            "location": e.get("location"),
            "start_date": e["start_date"],
            "end_date": e.get("end_date"),
            "is_current": e.get("is_current") or False,
            "description": e.get("description"),
            "enhanced_description": e.get("enhanced_description"),
            "achievements": list(e.get("achievements") or []),
            "technologies": list(e.get("technologies") or []),
            "employment_type": e.get("employment_type"),
            "industry": e.get("industry"),
        }
    )


def _education(e: dict[str, Any]) -> dict[str, Any]:
    gpa = e.get("gpa")
    return _without_null_id(
        {
            "id": e.get("id"),
            "institution": e["institution"],
            "degree": e["degree"],
            "field_of_study": e["field_of_study"],
            "start_date": e["start_date"],
            "end_date": e.get("end_date"),
            "is_current": e.get("is_current") or False,
            "gpa": float(gpa) if gpa is not None else None,
            "honors": list(e.get("honors") or []),
            "description": e.get("description"),
        }
    )


def _project(p: dict[str, Any]) -> dict[str, Any]:
    return _without_null_id(
        {
            "id": p.get("id"),
            "name": p["name"],
            "description": p["description"],
            "enhanced_description": p.get("enhanced_description"),
            "technologies": list(p.get("technologies") or []),
            "url": p.get("url"),
            "github_url": p.get("repository_url") or p.get("github_url"),
            "start_date": p.get("start_date"),
            "end_date": p.get("end_date"),
            "is_ongoing": p.get("is_ongoing") or False,
            "highlights": list(p.get("highlights") or []),
        }
    )


def _certification(c: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "name", "issuer", "date_obtained", "expiry_date", "credential_id")
    return _without_null_id({key: c.get(key) for key in keys})


def _app_time(value: str) -> str:
    """``DateTime.parse(x).toIso8601String()``: UTC values keep ``Z``, milliseconds shown."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
    micro = f"{parsed.microsecond:06d}"
    fraction = micro[:3] + (micro[3:] if parsed.microsecond % 1000 else "")
    return parsed.strftime("%Y-%m-%dT%H:%M:%S.") + fraction + "Z"


def as_app_resends(profile: dict[str, Any]) -> dict[str, Any]:
    """The body of the profile view's PUT (P4b): the parsed profile, re-serialised."""
    info = profile["personal_info"]
    skills = profile["skills"]
    return {
        "id": profile["id"],
        "user_id": profile["user_id"],
        "personal_info": {
            key: info.get(key)
            for key in ("full_name", "email", "phone", "location", "linkedin", "github", "website")
        },
        "professional_summary": profile.get("professional_summary"),
        "enhanced_professional_summary": profile.get("enhanced_professional_summary"),
        "experiences": [_experience(e) for e in profile.get("experiences") or []],
        "education": [_education(e) for e in profile.get("education") or []],
        "skills": {
            "technical": list(skills.get("technical") or []),
            "soft": list(skills.get("soft") or []),
            "languages": [
                {"name": x["name"], "proficiency": x["proficiency"]}
                for x in skills.get("languages") or []
            ],
            "certifications": [_certification(c) for c in skills.get("certifications") or []],
        },
        "projects": [_project(p) for p in profile.get("projects") or []],
        "custom_fields": dict(profile.get("custom_fields") or {}),
        "created_at": _app_time(profile["created_at"]),
        "updated_at": _app_time(profile["updated_at"]),
    }


def as_edit_screen_resends(profile: dict[str, Any]) -> dict[str, Any]:
    """The body of the edit screen's PUT (P4a)."""
    body = as_app_resends(profile)
    body["enhanced_professional_summary"] = None
    body["skills"]["languages"] = []
    body["updated_at"] = datetime.now().isoformat()
    return body
