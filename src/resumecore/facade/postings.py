"""A job posting from pasted text, as the job every tailoring function takes."""

from __future__ import annotations

from datetime import datetime

from resumecore.errors import InvalidValue
from resumecore.facade import defaults
from resumecore.ids import UserId
from resumecore.model.job import Job
from resumecore.model.job_factory import new_job
from resumecore.postings import ParsedPosting

Posting = Job | ParsedPosting | str


def parse_posting(
    text: str,
    *,
    at: datetime | None = None,
    job_id: str | None = None,
    user_id: str | None = None,
) -> Job:
    r"""Parse a pasted job posting into a ``Job``: title, company, requirements, skills, pay.

    Offline and deterministic: every field is read from the text, never invented. ``at``
    (aware, default now in UTC) is when it was saved; tailoring counts a current role's
    months up to it.

    Raises:
        InvalidValue: text that is not a ``str``, blank, or over 50,000 characters;
            ``naive_datetime``.

    >>> job = parse_posting(
    ...     "Backend Engineer at Acme\n\n"
    ...     "Requirements:\n- 3+ years of Python\n- PostgreSQL and Docker\n"
    ... )
    >>> job.title, job.company, job.required_skills
    ('Backend Engineer', 'Acme', ('Python', 'PostgreSQL', 'Docker'))
    """
    if not isinstance(text, str):
        message = "The posting must be text (str); decode bytes first: data.decode('utf-8')."
        raise InvalidValue.for_field("text", "invalid_type", message)
    if not text.strip():
        raise InvalidValue.for_field("text", "required", "The posting is empty: pass its text.")
    return new_job(
        job_id or defaults.new_id(),
        UserId(user_id or defaults.LOCAL_USER),
        {"raw_text": text},
        at=defaults.moment(at),
    )


def as_job(posting: Posting) -> Job:
    """``posting`` as a ``Job``: text is parsed, a ``ParsedPosting`` is not parsed again."""
    if isinstance(posting, Job):
        return posting
    if isinstance(posting, str):
        return parse_posting(posting)
    return new_job(
        defaults.new_id(),
        defaults.LOCAL_USER,
        {"raw_text": posting.description},
        at=defaults.moment(None),
        posting=posting,
    )
