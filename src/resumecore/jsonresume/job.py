"""A Job as a JSON Resume ``job-schema`` document, and back.

Mapping: ``type`` <-> employment_type ("Full-time", "Part-time", "Contract", "Temporary",
"Internship"); ``remote`` "Full"/"Hybrid"/"None" <-> work_mode remote/hybrid/onsite;
``qualifications`` <-> requirements; ``skills`` entries named "Required" and "Preferred" <->
required_skills and preferred_skills (on import, other entries' keywords count as required);
``location.address`` or city/region/countryCode <-> location; ``salary`` <-> salary_range;
``experience`` is kept as text. Fields the schema has no home for (nice_to_have, benefits,
parsed_keywords, years_of_experience, the salary amounts) travel in ``meta.resumecore``.
Tracking fields (application status, notes) are the user's, not the posting's: not exported.
"""

from __future__ import annotations

from typing import Any

import msgspec

from resumecore.errors import FieldError, InvalidValue
from resumecore.model.job import Job

TYPES = {
    "full_time": "Full-time",
    "part_time": "Part-time",
    "contract": "Contract",
    "temporary": "Temporary",
    "internship": "Internship",
}
REMOTE = {"remote": "Full", "hybrid": "Hybrid", "onsite": "None"}
META_FIELDS = ("nice_to_have", "benefits", "parsed_keywords", "years_of_experience", "salary")
STRINGS = ("title", "company", "type", "date", "description", "remote", "salary", "experience")
LISTS = ("responsibilities", "qualifications")


def job_to_schema(job: Job) -> dict[str, Any]:
    """The job as a job-schema document (empty fields left out)."""
    skills = [
        {"name": name, "keywords": list(keywords)}
        for name, keywords in (
            ("Required", job.required_skills),
            ("Preferred", job.preferred_skills),
        )
        if keywords
    ]
    document: dict[str, Any] = {
        "title": job.title,
        "company": job.company or None,
        "type": TYPES.get(job.employment_type or ""),
        "date": job.created_at.date().isoformat(),
        "description": job.description,
        "location": {"address": job.location} if job.location else None,
        "remote": REMOTE.get(job.work_mode or ""),
        "salary": job.salary_range,
        "responsibilities": list(job.responsibilities) or None,
        "qualifications": list(job.requirements) or None,
        "skills": skills or None,
        "meta": {"resumecore": msgspec.to_builtins({f: getattr(job, f) for f in META_FIELDS})},
    }
    return {key: value for key, value in document.items() if value is not None}


def job_from_schema(document: Any) -> dict[str, Any]:
    """Job content (for ``new_job``) from a job-schema document.

    Raises:
        InvalidValue: wrong types, with JSON paths, or no title.
    """
    _check_shape(document)
    location = document.get("location") or {}
    place = location.get("address") or ", ".join(
        str(location[k]) for k in ("city", "region", "countryCode") if location.get(k)
    )
    skills = document.get("skills") or []
    named = {str(s.get("name", "")).casefold(): s.get("keywords") or [] for s in skills}
    required = named.get("required") or [
        k
        for s in skills
        if str(s.get("name", "")).casefold() != "preferred"
        for k in s.get("keywords") or []
    ]
    kept = (document.get("meta") or {}).get("resumecore") or {}
    content = {
        "title": document.get("title"),
        "company": document.get("company"),
        "location": place or None,
        "description": document.get("description"),
        "employment_type": _reverse(TYPES, document.get("type")),
        "work_mode": _reverse(REMOTE, document.get("remote")),
        "salary_range": document.get("salary"),
        "responsibilities": document.get("responsibilities") or [],
        "requirements": document.get("qualifications") or [],
        "required_skills": required,
        "preferred_skills": named.get("preferred", []),
        **{f: kept[f] for f in META_FIELDS if isinstance(kept, dict) and f in kept},
    }
    return {key: value for key, value in content.items() if value not in (None, [])}


def _reverse(mapping: dict[str, str], value: Any) -> str | None:
    folded = str(value or "").replace("-", " ").casefold()
    return next((k for k, v in mapping.items() if v.replace("-", " ").casefold() == folded), None)


def _check_shape(document: Any) -> None:
    if not isinstance(document, dict):
        raise InvalidValue.for_field(
            "document", "invalid_type", "A job-schema document is an object."
        )
    errors = [
        FieldError("invalid_type", "Must be a string.", key)
        for key in STRINGS
        if key in document and not isinstance(document[key], str)
    ]
    errors += [
        FieldError("invalid_type", "Must be an array of strings.", key)
        for key in LISTS
        if key in document
        and not (isinstance(document[key], list) and all(isinstance(i, str) for i in document[key]))
    ]
    skills = document.get("skills", [])
    if not isinstance(skills, list) or not all(
        isinstance(s, dict) and isinstance(s.get("keywords", []), list) for s in skills
    ):
        errors.append(FieldError("invalid_type", "Must be an array of skill objects.", "skills"))
    if not isinstance(document.get("location", {}), dict):
        errors.append(FieldError("invalid_type", "Must be an object.", "location"))
    meta = document.get("meta")
    if meta is not None and not isinstance(meta, dict):
        errors.append(FieldError("invalid_type", "Must be an object.", "meta"))
    elif meta and meta.get("resumecore") is not None and not isinstance(meta["resumecore"], dict):
        errors.append(FieldError("invalid_type", "Must be an object.", "meta.resumecore"))
    if not errors and not str(document.get("title") or "").strip():
        errors.append(FieldError("required", "A job needs a title.", "title"))
    if errors:
        fields = ", ".join(str(e.field) for e in errors)
        raise InvalidValue(f"The document does not fit the job schema ({fields}).", errors=errors)
