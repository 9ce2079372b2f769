"""Building a Job from pasted text (parsed) and/or fields the user typed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import msgspec

from resumecore.errors import FieldError, InvalidValue
from resumecore.ids import UserId
from resumecore.model import rules
from resumecore.model.job import (
    EDITABLE,
    MAX_LINE_LENGTHS,
    MAX_RAW_TEXT,
    Job,
    JobSource,
    reconcile_remote,
)
from resumecore.model.parsed_limits import capped_lines, capped_lists
from resumecore.postings import ParsedPosting, parse_posting

CREATABLE = EDITABLE - {"application_status"} | {"raw_text"}
NO_URL_FETCH = "Fetching postings by URL is not supported; paste the text of the posting instead."


def parsed_fields(raw_text: str, posting: ParsedPosting | None = None) -> dict[str, Any]:
    """Job fields read from a posting; the user's own fields override these.

    ``posting`` is ``raw_text`` already parsed (e.g. with the LLM assist); parsed here if None.
    Lists longer than a job may hold keep their first items, and header lines longer than
    their field are shortened; ``parse_warnings`` says so.
    """
    posting = posting or parse_posting(raw_text)
    first_line = next(
        (line.strip() for line in posting.description.splitlines() if line.strip()), ""
    )
    salary = posting.salary
    lists, warnings = capped_lists(
        {
            "parsed_keywords": posting.skills,
            "requirements": posting.requirements,
            "nice_to_have": posting.nice_to_have,
            "responsibilities": posting.responsibilities,
            "benefits": posting.benefits,
            "required_skills": posting.required_skills,
            "preferred_skills": posting.preferred_skills,
            "unrecognised_skills": posting.unrecognised_skills,
        }
    )
    lines, line_warnings = capped_lines(
        {
            # A posting whose title cannot be found keeps its first line: taken, never invented.
            "title": posting.title or first_line or "Untitled position",
            "company": posting.company,
            "location": posting.location,
            "salary_range": salary.text if salary else None,
        },
        MAX_LINE_LENGTHS,
    )
    return {
        **lists,
        **lines,
        "parse_warnings": [*warnings, *line_warnings],
        "description": posting.description,
        "years_of_experience": posting.years_of_experience,
        "salary": (
            {
                "min": salary.min,
                "max": salary.max,
                "currency": salary.currency,
                "period": salary.period,
            }
            if salary
            else None
        ),
        "work_mode": posting.remote,
        "employment_type": posting.employment_type,
    }


def new_job(
    job_id: str,
    user_id: UserId,
    content: Mapping[str, Any],
    *,
    at: datetime,
    source: JobSource = "user_created",
    catalog_id: str | None = None,
    posting: ParsedPosting | None = None,
) -> Job:
    """A validated version-1 job from ``raw_text`` and/or structured fields.

    ``posting``, if given, is ``raw_text`` already parsed (it is not parsed again).

    Raises:
        InvalidValue: a ``url`` (nothing is fetched), neither text nor title, a read-only field,
            contradicting ``remote`` and ``work_mode``, or a broken rule.
    """
    content = checked_content(content)
    raw_text = content.get("raw_text")
    given = {k: v for k, v in content.items() if v is not None}
    parsed = parsed_fields(raw_text, posting) if raw_text else {}
    data = {**parsed, **given}
    # A warning about a list the user typed themselves no longer applies.
    data["parse_warnings"] = [
        w for w in parsed.get("parse_warnings", []) if w.partition(":")[0] not in given
    ]
    data["company"] = data.get("company") or ""
    reconcile_remote(data, remote=given.get("remote"), work_mode_given="work_mode" in given)
    data.update(
        id=job_id,
        user_id=user_id,
        source=source,
        catalog_id=catalog_id,
        created_at=at.isoformat(),
        updated_at=at.isoformat(),
    )
    try:
        job = msgspec.convert(data, Job)
    except msgspec.ValidationError as exc:
        problem = rules.decoding_problem(exc, "")
        raise InvalidValue(problem.message, errors=[problem]) from None
    return job.validated()


def checked_content(content: Mapping[str, Any]) -> dict[str, Any]:
    """``content`` without ``url``, once the checks that need no parsing pass.

    Raises:
        InvalidValue: a ``url`` (nothing is fetched), a read-only field, text over
            50,000 characters, neither text nor title.
    """
    if content.get("url"):
        # This service makes no outbound requests (no SSRF surface, no scraping).
        raise InvalidValue.for_field("url", "url_import_unsupported", NO_URL_FETCH)
    content = {k: v for k, v in content.items() if k != "url"}
    unknown = sorted(content.keys() - CREATABLE)
    if unknown:
        errors = [FieldError("read_only", "This field cannot be set.", f) for f in unknown]
        raise InvalidValue("Some fields cannot be set.", errors=errors)
    raw_text = content.get("raw_text")
    if raw_text is not None and len(raw_text) > MAX_RAW_TEXT:
        raise InvalidValue.for_field(
            "raw_text", "too_long", f"Use at most {MAX_RAW_TEXT} characters."
        )
    if not raw_text and not content.get("title"):
        raise InvalidValue.for_field(
            "title", "required", "Send raw_text (a pasted posting) or a title."
        )
    return content
