"""A tailored resume and cover letter from the offline writer: deterministic, no keys.

The writer's methods are coroutines; the plain functions run them with ``asyncio.run`` and
so refuse to run inside an event loop, where the ``_async`` variants are awaited instead.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any, TypeVar, get_args

from resumecore.errors import InvalidValue
from resumecore.facade.postings import Posting, as_job
from resumecore.generation.offline_writer import OfflineWriter
from resumecore.model.document import (
    CoverLetterOptions,
    ResumeOptions,
    Tone,
    WrittenDocument,
)
from resumecore.model.profile import Profile
from resumecore.tailoring import select_for_resume

MAX_BULLETS = 4  # as the server's generations use
T = TypeVar("T")


async def generate_resume_async(
    profile: Profile,
    posting: Posting,
    *,
    max_experiences: int = 5,
    max_projects: int = 3,
    max_bullets: int = MAX_BULLETS,
    include_summary: bool = True,
) -> WrittenDocument:
    """``generate_resume`` for code already inside an event loop."""
    job = as_job(posting)
    options = ResumeOptions(
        max_experiences=max_experiences,
        max_projects=max_projects,
        include_summary=include_summary,
    )
    plan = select_for_resume(profile, job, max_experiences, max_projects, max_bullets)
    return await OfflineWriter().write_resume(profile, job, plan, options)


async def generate_cover_letter_async(
    profile: Profile,
    posting: Posting,
    *,
    company_name: str | None = None,
    hiring_manager_name: str | None = None,
    max_paragraphs: int = 4,
    tone: Tone | None = None,
) -> WrittenDocument:
    """``generate_cover_letter`` for code already inside an event loop."""
    if tone is not None and tone not in get_args(Tone):
        message = f"Use one of {', '.join(get_args(Tone))} (or None for the default)."
        raise InvalidValue.for_field("tone", "invalid_choice", message)
    job = as_job(posting)
    options = CoverLetterOptions(
        company_name=company_name,
        hiring_manager_name=hiring_manager_name,
        max_paragraphs=max_paragraphs,
        tone=tone,
    )
    plan = select_for_resume(profile, job, max_bullets=MAX_BULLETS)
    return await OfflineWriter().write_cover_letter(profile, job, plan, options)


def generate_resume(
    profile: Profile,
    posting: Posting,
    *,
    max_experiences: int = 5,
    max_projects: int = 3,
    max_bullets: int = MAX_BULLETS,
    include_summary: bool = True,
) -> WrittenDocument:
    r"""A resume tailored to ``posting``, written offline from the profile's own facts.

    Each experience shows its ``max_bullets`` most relevant bullets.
    Every line names the profile items it rests on (``document.lines()[i].sources``);
    ``document.text`` is the plain text. The same inputs give the same document.

    Raises:
        RuntimeError: called inside a running event loop (await
            ``generate_resume_async`` there).

    >>> from resumecore import build_profile
    >>> ada = build_profile({
    ...     "personal_info": {"full_name": "Ada Lovelace", "email": "ada@example.com"},
    ...     "skills": {"technical": ["Python", "SQL"]},
    ...     "experiences": [{
    ...         "title": "Engineer", "company": "Acme", "start_date": "2020-01",
    ...         "end_date": "2024-06", "achievements": ["Built Python data pipelines"],
    ...     }],
    ... })
    >>> resume = generate_resume(ada, "Python Developer\n\nRequirements:\n- Python\n")
    >>> [section.kind for section in resume.sections]
    ['header', 'summary', 'skills', 'experience']
    >>> "- Built Python data pipelines" in resume.text
    True
    """
    return _run(
        generate_resume_async(
            profile,
            posting,
            max_experiences=max_experiences,
            max_projects=max_projects,
            max_bullets=max_bullets,
            include_summary=include_summary,
        )
    )


def generate_cover_letter(
    profile: Profile,
    posting: Posting,
    *,
    company_name: str | None = None,
    hiring_manager_name: str | None = None,
    max_paragraphs: int = 4,
    tone: Tone | None = None,
) -> WrittenDocument:
    r"""A cover letter for ``posting`` of at most ``max_paragraphs`` paragraphs, offline.

    ``company_name`` overrides the posting's company; ``tone`` is ``professional``,
    ``enthusiastic`` or ``concise``.

    Raises:
        InvalidValue: ``tone`` is none of the three.
        RuntimeError: called inside a running event loop (await
            ``generate_cover_letter_async`` there).

    >>> from resumecore import build_profile
    >>> ada = build_profile({
    ...     "personal_info": {"full_name": "Ada Lovelace"},
    ...     "skills": {"technical": ["Python"]},
    ...     "experiences": [{
    ...         "title": "Engineer", "company": "Acme", "start_date": "2020-01",
    ...         "end_date": "2024-06", "achievements": ["Built Python data pipelines"],
    ...     }],
    ... })
    >>> letter = generate_cover_letter(
    ...     ada, "Python Developer at Initech\n\nRequirements:\n- Python\n",
    ...     hiring_manager_name="Sam",
    ... )
    >>> letter.text.splitlines()[:3]  # the sender's block, then the greeting
    ['Ada Lovelace', '', 'Dear Sam,']
    >>> "Initech" in letter.text, letter.text.rstrip().endswith("Ada Lovelace")
    (True, True)
    """
    return _run(
        generate_cover_letter_async(
            profile,
            posting,
            company_name=company_name,
            hiring_manager_name=hiring_manager_name,
            max_paragraphs=max_paragraphs,
            tone=tone,
        )
    )


def _run(work: Coroutine[Any, Any, T]) -> T:
    import asyncio  # noqa: PLC0415 - only writing needs it; keeps `import resumecore` light

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    work.close()  # never started: closing it avoids a "never awaited" warning
    raise RuntimeError(
        "This runs the writer with asyncio.run, which cannot run inside an event loop; "
        "await generate_resume_async / generate_cover_letter_async instead."
    )
