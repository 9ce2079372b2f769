"""Limits of generation: option ranges, quotas, and the cache key of a request."""

from __future__ import annotations

import hashlib

import msgspec

from resumecore.errors import FieldError, InvalidValue
from resumecore.model.document import CoverLetterOptions, ResumeOptions

MAX_PROMPT = 2000
MAX_NAME = 200


class GenerationPolicy(msgspec.Struct, frozen=True, kw_only=True):
    """Per-user limits (from settings) and how long a request may wait for its result."""

    per_hour: int = 30
    concurrent: int = 2
    max_attempts: int = 3
    lease_seconds: float = 30.0


def check_options(options: ResumeOptions | CoverLetterOptions) -> None:
    """``InvalidValue`` naming every option out of its range."""
    found: list[FieldError] = []
    if isinstance(options, ResumeOptions):
        ranges = {"max_experiences": (1, 10), "max_projects": (0, 10)}
    else:
        ranges = {"max_paragraphs": (3, 6)}
        for name in ("company_name", "hiring_manager_name"):
            value = getattr(options, name)
            if value is not None and len(value) > MAX_NAME:
                found.append(FieldError("too_long", f"Use at most {MAX_NAME} characters.", name))
    for name, (low, high) in ranges.items():
        if not low <= getattr(options, name) <= high:
            found.append(FieldError("out_of_range", f"Use {low} to {high}.", name))
    if options.custom_prompt is not None and len(options.custom_prompt) > MAX_PROMPT:
        found.append(
            FieldError("too_long", f"Use at most {MAX_PROMPT} characters.", "custom_prompt")
        )
    if found:
        raise InvalidValue("Some options are out of range.", errors=found)


def cache_key(
    *,
    document_type: str,
    profile_id: str,
    profile_version: int,
    job_id: str,
    job_version: int,
    options: ResumeOptions | CoverLetterOptions,
    writer: str,
    sample_id: str | None = None,
) -> str:
    """Equal for requests that must give the same document.

    Same inputs and versions, options, writer, and active writing sample (its style shapes
    the text).
    """
    inputs = [document_type, profile_id, profile_version, job_id, job_version, options, writer]
    parts = msgspec.json.encode([*inputs, sample_id] if sample_id else inputs)
    return hashlib.sha256(parts).hexdigest()
