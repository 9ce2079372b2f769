"""The default ``DocumentWriter``: deterministic, offline, no keys, no model.

Everything written is the profile's own text or a fixed frame filled with profile facts and
the posting's title and company. Every line except the copied contact details, the person's
name and the caller's greeting name is checked with the grounding verifier before it is written
(``guard.py``), with the job's title and the company as the only other allowed words; what the
verifier refuses is replaced by a plainer candidate or left out. The pipeline should verify
with ``allowed_words`` plus, for those copied lines, the strings they copy.

"Today" is the month of ``profile.updated_at`` (``profile_view.py``): the same inputs give
byte-identical documents on any day and machine. ``custom_prompt`` is ignored.
"""

from __future__ import annotations

from resumecore.generation.cover_letter_writer import letter_company, write_cover_letter
from resumecore.generation.guard import Guard
from resumecore.generation.letter_context import LetterContext
from resumecore.generation.phrasing import tidy
from resumecore.generation.resume_writer import write_resume
from resumecore.generation.tone import phrases
from resumecore.model.document import CoverLetterOptions, ResumeOptions, WrittenDocument
from resumecore.model.job import Job
from resumecore.model.profile import Profile
from resumecore.ports.work import IN_PLACE, CpuWorkRunner
from resumecore.postings.vocabulary import SkillVocabulary, default_vocabulary
from resumecore.samples.style import WritingStyle
from resumecore.tailoring import ResumePlan, match_report


def allowed_words(job: Job, options: CoverLetterOptions | None = None) -> tuple[str, str]:
    """The words besides the profile's a document may use: the job title and the company."""
    company = letter_company(job, options) if options else tidy(job.company)
    return job.title, company or ""


class OfflineWriter:
    """Writes resumes and cover letters from profile facts with fixed English frames."""

    name = "offline"
    version = "offline-1"

    def __init__(
        self, vocabulary: SkillVocabulary | None = None, cpu: CpuWorkRunner | None = None
    ) -> None:
        """Use ``vocabulary`` for skills (the shipped one by default); write on ``cpu``'s workers.

        Without ``cpu`` (tests, tools, the library) the writing runs inline. A server passes
        one: writing for a 2,500-item profile takes ~1-2 s of CPU, which on the event loop
        would stall every other request of the process.
        """
        self._vocabulary = vocabulary or default_vocabulary()
        self._cpu = cpu or IN_PLACE

    async def write_resume(
        self,
        profile: Profile,
        job: Job,
        plan: ResumePlan,
        options: ResumeOptions,
        *,
        style: WritingStyle | None = None,
    ) -> WrittenDocument:
        """The plan rendered as a resume; bullets follow ``style``'s bullet length if given."""
        return await self._cpu.run(self._resume, profile, job, plan, options, style)

    async def write_cover_letter(
        self,
        profile: Profile,
        job: Job,
        plan: ResumePlan,
        options: CoverLetterOptions,
        *,
        style: WritingStyle | None = None,
    ) -> WrittenDocument:
        """A letter of at most ``options.max_paragraphs`` paragraphs (at least one).

        A ``style`` not in the first person quotes achievements whole rather than as "I ...".
        """
        return await self._cpu.run(self._letter, profile, job, plan, options, style)

    def _resume(
        self,
        profile: Profile,
        job: Job,
        plan: ResumePlan,
        options: ResumeOptions,
        style: WritingStyle | None,
    ) -> WrittenDocument:
        guard = Guard(profile, self._vocabulary, allowed_words(job))
        return write_resume(profile, plan, options, guard, style)

    def _letter(
        self,
        profile: Profile,
        job: Job,
        plan: ResumePlan,
        options: CoverLetterOptions,
        style: WritingStyle | None,
    ) -> WrittenDocument:
        allowed = allowed_words(job, options)
        ctx = LetterContext(
            profile=profile,
            plan=plan,
            report=match_report(profile, job, self._vocabulary),
            vocabulary=self._vocabulary,
            guard=Guard(profile, self._vocabulary, allowed),
            phrases=phrases(options.tone),
            company=allowed[1] or None,
            personal=style is None or style.first_person,
        )
        return write_cover_letter(ctx, job, tidy(profile.personal_info.full_name), options)
