"""The LLM writer: the offline document, with its summary, bullets or letter body rewritten.

The offline writer writes first (it is fast and always grounded); the model then rewrites the
parts that gain most from fitting the job, given only the tailoring selection as facts. Every
sentence it returns is verified; a part that fails twice keeps its offline text, and a model
that cannot answer (unreachable, rate limited, budget spent, nonsense) leaves the whole offline
document in place. ``provenance`` says which of these happened and what it cost.
"""

from __future__ import annotations

from typing import Any

import msgspec

from resumecore.generation.llm import parts
from resumecore.generation.llm.access import Ask, ModelAccess
from resumecore.generation.llm.prompt import (
    LETTER_TASK,
    PROMPT_VERSION,
    RESUME_TASK,
    LetterReply,
    ResumeReply,
    Sentence,
)
from resumecore.generation.offline_writer import OfflineWriter, allowed_words
from resumecore.model.document import (
    CoverLetterOptions,
    ResumeOptions,
    WrittenDocument,
)
from resumecore.model.job import Job
from resumecore.model.profile import Profile
from resumecore.ports.work import CpuWorkRunner
from resumecore.samples.style import WritingStyle
from resumecore.tailoring import ResumePlan

MAX_REQUIREMENTS = 8


class LlmWriter:
    """A ``DocumentWriter`` that has a language model rewrite the offline writer's text."""

    name = "llm"

    def __init__(self, access: ModelAccess, cpu: CpuWorkRunner | None = None) -> None:
        """Rewrite through ``access`` (the model, its cache, budget and ledger).

        The offline text it starts from is written on ``cpu``'s workers when given.
        """
        self._access = access
        self._offline = OfflineWriter(access.vocabulary, cpu)
        self.version = f"{PROMPT_VERSION}:{access.model.model}"

    async def write_resume(
        self,
        profile: Profile,
        job: Job,
        plan: ResumePlan,
        options: ResumeOptions,
        style: WritingStyle | None = None,
    ) -> WrittenDocument:
        """The offline resume with its summary and role bullets rewritten for the job."""
        offline = await self._offline.write_resume(profile, job, plan, options, style=style)
        roles = parts.role_lines(offline)
        owners = {
            role: {role, *(s for line in lines for s in line.sources)}
            for role, lines in roles.items()
        }
        summary = parts.summary_lines(offline)
        if summary:
            owners[parts.SUMMARY] = set()
        facts = parts.facts(offline)
        data = {
            "job": _job_data(job, allowed_words(job)[1]),
            "facts": _fact_list(facts),
            "summary": [line.text for line in summary],
            "roles": [
                {"id": role, "bullets": [line.sources[0] for line in lines if line.sources]}
                for role, lines in roles.items()
            ],
            **_style_data(style, options.custom_prompt),
        }

        def proposed(reply: ResumeReply) -> dict[str, list[Sentence]]:
            return {parts.SUMMARY: reply.summary} | {r.id: r.bullets for r in reply.roles}

        ask = Ask(RESUME_TASK, data, ResumeReply, proposed, owners, facts)
        outcome, session = await self._access.verified(profile, ask, allowed_words(job))
        if outcome is None:
            return session.stamped(offline)
        kept = {
            role: lines[: max(1, len(roles.get(role, [])))]
            for role, lines in outcome.parts.items()
            if role != parts.SUMMARY
        }
        written = parts.rebuilt(
            offline, summary=outcome.parts.get(parts.SUMMARY, [])[:3], roles=kept
        )
        return session.stamped(written, repaired=outcome.repaired, fallbacks=outcome.failed)

    async def write_cover_letter(
        self,
        profile: Profile,
        job: Job,
        plan: ResumePlan,
        options: CoverLetterOptions,
        style: WritingStyle | None = None,
    ) -> WrittenDocument:
        """The offline letter with its body written by the model for the job.

        The body is one part: if any paragraph still fails after the repair, the whole
        offline body is kept (a letter mixing two voices reads worse than either).
        """
        offline = await self._offline.write_cover_letter(profile, job, plan, options, style=style)
        resume = await self._offline.write_resume(profile, job, plan, ResumeOptions())
        company = allowed_words(job, options)[1]
        count = max(1, len(parts.body_paragraphs(offline)))
        facts = {**parts.facts(resume), "job": f"{job.title} {company}".strip()}
        data = {
            "job": _job_data(job, company),
            "facts": _fact_list(facts),
            "tone": options.tone or "professional",
            **_style_data(style, options.custom_prompt),
        }
        names = [f"{parts.LETTER}:{i}" for i in range(count)]

        def proposed(reply: LetterReply) -> dict[str, list[Sentence]]:
            return {name: p.sentences for name, p in zip(names, reply.paragraphs, strict=False)}

        task = LETTER_TASK.format(paragraphs=count)
        ask = Ask(task, data, LetterReply, proposed, {n: set() for n in names}, facts)
        manager = options.hiring_manager_name or ""
        allowed = (*allowed_words(job), company, manager)
        outcome, session = await self._access.verified(profile, ask, allowed)
        if outcome is None:
            return session.stamped(offline)
        if outcome.failed:
            return session.stamped(offline, fallbacks=(parts.LETTER,))
        body = [outcome.parts[name] for name in names]
        repaired = (parts.LETTER,) if outcome.repaired else ()
        return session.stamped(parts.rebuilt(offline, body=body), repaired=repaired)


def _job_data(job: Job, company: str) -> dict[str, Any]:
    return {
        "title": job.title,
        "company": company,
        "requirements": list(job.requirements[:MAX_REQUIREMENTS]),
        "skills": list(dict.fromkeys((*job.required_skills, *job.preferred_skills))),
    }


def _fact_list(facts: dict[str, str]) -> list[dict[str, str]]:
    return [{"id": key, "text": text} for key, text in facts.items()]


def _style_data(style: WritingStyle | None, notes: str | None) -> dict[str, Any]:
    return {"style": msgspec.to_builtins(style) if style else None, "notes": notes}
