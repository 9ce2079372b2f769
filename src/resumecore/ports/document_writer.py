"""The port generation writes through: the offline writer by default, an LLM writer later."""

from __future__ import annotations

from typing import Protocol

from resumecore.model.document import CoverLetterOptions, ResumeOptions, WrittenDocument
from resumecore.model.job import Job
from resumecore.model.profile import Profile
from resumecore.samples.style import WritingStyle
from resumecore.tailoring import ResumePlan


class DocumentWriter(Protocol):
    """Writes a resume or a cover letter from a profile, a job and the tailoring plan.

    Everything written must be traceable to the profile (or, for the role and company, to the
    job): the pipeline's verify stage rejects any sentence with an unsupported claim. ``name``
    and ``version`` are recorded on every generation and are part of its cache key. ``style``
    is the measured style of the user's active writing sample of that document type, if any:
    a writer follows it in form only (length, person), never as a source of facts.
    """

    name: str
    version: str

    async def write_resume(
        self,
        profile: Profile,
        job: Job,
        plan: ResumePlan,
        options: ResumeOptions,
        *,
        style: WritingStyle | None = None,
    ) -> WrittenDocument:
        """A resume: the plan's items rendered as sections, within ``options``' limits."""
        ...

    async def write_cover_letter(
        self,
        profile: Profile,
        job: Job,
        plan: ResumePlan,
        options: CoverLetterOptions,
        *,
        style: WritingStyle | None = None,
    ) -> WrittenDocument:
        """A cover letter of at most ``options.max_paragraphs`` paragraphs."""
        ...
