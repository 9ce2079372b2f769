"""The LLM writer: the offline document, with its summary, bullets or letter body rewritten.

The offline writer writes first (it is fast and always grounded); the model then rewrites the
parts that gain most from fitting the job, given only the tailoring selection as facts. Every
sentence it returns is verified; a part that fails twice keeps its offline text, and a model
that cannot answer (unreachable, rate limited, budget spent, nonsense) leaves the whole offline
document in place. ``provenance`` says which of these happened and what it cost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import msgspec

from resumecore.errors import LanguageModelError, TokenBudgetExhausted
from resumecore.generation.document import (
    CoverLetterOptions,
    Provenance,
    ResumeOptions,
    WrittenDocument,
)
from resumecore.generation.llm import parts
from resumecore.generation.llm.checks import SentenceChecker
from resumecore.generation.llm.prompt import (
    LETTER_TASK,
    PROMPT_VERSION,
    RESUME_TASK,
    LetterReply,
    ResumeReply,
    Sentence,
)
from resumecore.generation.llm.redaction import Redactor
from resumecore.generation.llm.rewrite import Outcome, Rewrite
from resumecore.generation.llm.session import ModelSession
from resumecore.generation.offline_writer import OfflineWriter, allowed_words
from resumecore.model.job import Job
from resumecore.model.profile import Profile
from resumecore.ports.language_model import LanguageModel
from resumecore.ports.llm_usage import ReplyCache, TokenLedger
from resumecore.ports.system import Clock
from resumecore.postings.vocabulary import SkillVocabulary, default_vocabulary
from resumecore.samples.style import WritingStyle
from resumecore.tailoring import ResumePlan
from resumecore.tailoring.grounding import GroundingChecker

MAX_TOKENS = 1500
MAX_REQUIREMENTS = 8
R = TypeVar("R")


@dataclass(frozen=True)
class Ask(Generic[R]):
    """One rewrite: the task, its data, the reply shape, and the parts expected back.

    ``owners`` maps each part to the ids its sentences must cite one of (empty: any fact);
    ``facts`` are the citable ids and their texts.
    """

    task: str
    data: dict[str, Any]
    reply_type: type[R]
    proposed: Callable[[R], dict[str, list[Sentence]]]
    owners: dict[str, set[str]]
    facts: dict[str, str]


@dataclass
class Session:
    """The model session of one document, and why it failed if it did."""

    model: ModelSession
    failure: str | None = None


class LlmWriter:
    """A ``DocumentWriter`` that has a language model rewrite the offline writer's text."""

    name = "llm"

    def __init__(
        self,
        model: LanguageModel,
        cache: ReplyCache,
        ledger: TokenLedger,
        clock: Clock,
        *,
        tokens_per_day: int,
        redact: bool = True,
        vocabulary: SkillVocabulary | None = None,
    ) -> None:
        """Rewrite with ``model``, at most ``tokens_per_day`` per user, redacting by default."""
        self._model = model
        self._cache = cache
        self._ledger = ledger
        self._clock = clock
        self._budget = tokens_per_day
        self._redact = redact
        self._vocabulary = vocabulary or default_vocabulary()
        self._offline = OfflineWriter(self._vocabulary)
        self.version = f"{PROMPT_VERSION}:{model.model}"

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
        outcome, session = await self._ask(profile, job, ask)
        if outcome is None:
            return _with(offline, session)
        kept = {
            role: lines[: max(1, len(roles.get(role, [])))]
            for role, lines in outcome.parts.items()
            if role != parts.SUMMARY
        }
        written = parts.rebuilt(
            offline, summary=outcome.parts.get(parts.SUMMARY, [])[:3], roles=kept
        )
        return _with(written, session, repaired=outcome.repaired, fallbacks=outcome.failed)

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
        outcome, session = await self._ask(profile, job, ask, extra=(company, manager))
        if outcome is None:
            return _with(offline, session)
        if outcome.failed:
            return _with(offline, session, fallbacks=(parts.LETTER,))
        body = [outcome.parts[name] for name in names]
        repaired = (parts.LETTER,) if outcome.repaired else ()
        return _with(parts.rebuilt(offline, body=body), session, repaired=repaired)

    async def _ask(
        self, profile: Profile, job: Job, ask: Ask[Any], *, extra: tuple[str, ...] = ()
    ) -> tuple[Outcome | None, Session]:
        """The verified outcome, or None (the reason in the session) if the model failed."""
        allowed = tuple(a for a in (*allowed_words(job), *extra) if a)
        grounding = GroundingChecker(profile, self._vocabulary, allowed=allowed)
        session = Session(
            ModelSession(
                self._model,
                self._cache,
                self._ledger,
                self._clock,
                user_id=profile.user_id,
                tokens_per_day=self._budget,
                prompt_version=PROMPT_VERSION,
            )
        )
        redactor = Redactor(profile, enabled=self._redact)
        rewrite = Rewrite(
            session.model, redactor, SentenceChecker(ask.facts, grounding), max_tokens=MAX_TOKENS
        )
        try:
            outcome = await rewrite.run(
                ask.task, ask.data, ask.reply_type, ask.proposed, ask.owners
            )
        except (LanguageModelError, TokenBudgetExhausted) as exc:
            session.failure = _reason(exc)
            return None, session
        return outcome, session


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


def _reason(exc: LanguageModelError | TokenBudgetExhausted) -> str:
    if isinstance(exc, TokenBudgetExhausted):
        return "Today's language-model token budget is spent."
    return f"The language model gave no usable reply ({exc.code})."


def _with(document: WrittenDocument, session: Session, **changes: Any) -> WrittenDocument:
    model = session.model
    provenance = Provenance(
        writer="offline" if session.failure else "llm",
        model=model.model,
        prompt_version=model.prompt_version,
        prompt_tokens=model.usage.prompt_tokens,
        completion_tokens=model.usage.completion_tokens,
        latency_ms=round(model.latency_ms, 1),
        model_calls=model.calls,
        cache_hits=model.cache_hits,
        fallback_reason=session.failure,
        **changes,
    )
    return msgspec.structs.replace(document, provenance=provenance)
