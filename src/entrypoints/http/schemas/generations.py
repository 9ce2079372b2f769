"""Generation bodies: requests (ranges checked here, 400) and the generation as clients read it.

The app reads ``document_type``, ``content_text`` (non-empty), ``ats_score``, and in the history
``id`` (a string), ``created_at`` (mobile-client.md G1-G7).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from msgspec import Meta

from resumecore.generation.policy import MAX_NAME, MAX_PROMPT
from resumecore.model.document import (
    CoverLetterOptions,
    Provenance,
    ResumeOptions,
    Section,
    Tone,
)
from resumecore.model.generation import AtsReport, Generation, Stage
from resumecore_server.entrypoints.http.schemas.common import RequestBody, ResponseBody

Id = Annotated[str, Meta(max_length=64)]
Prompt = Annotated[str, Meta(max_length=MAX_PROMPT)]
Name = Annotated[str, Meta(max_length=MAX_NAME)]


class ResumeRequest(RequestBody):
    """``POST /generations/resume``."""

    job_id: Id
    profile_id: Id | None = None
    max_experiences: Annotated[int, Meta(ge=1, le=10)] = 5
    max_projects: Annotated[int, Meta(ge=0, le=10)] = 3
    include_summary: bool = True
    custom_prompt: Prompt | None = None
    # None: the server's default (RESUMECORE_WRITER); "llm" needs a configured model.
    writer: Literal["offline", "llm"] | None = None

    def options(self) -> ResumeOptions:
        """The writer's options."""
        return ResumeOptions(
            max_experiences=self.max_experiences,
            max_projects=self.max_projects,
            include_summary=self.include_summary,
            custom_prompt=self.custom_prompt,
        )


class CoverLetterRequest(RequestBody):
    """``POST /generations/cover-letter``."""

    job_id: Id
    profile_id: Id | None = None
    company_name: Name | None = None
    hiring_manager_name: Name | None = None
    max_paragraphs: Annotated[int, Meta(ge=3, le=6)] = 4
    tone: Tone | None = None
    custom_prompt: Prompt | None = None
    # None: the server's default (RESUMECORE_WRITER); "llm" needs a configured model.
    writer: Literal["offline", "llm"] | None = None

    def options(self) -> CoverLetterOptions:
        """The writer's options (blank names count as not given)."""
        return CoverLetterOptions(
            company_name=(self.company_name or "").strip() or None,
            hiring_manager_name=(self.hiring_manager_name or "").strip() or None,
            max_paragraphs=self.max_paragraphs,
            tone=self.tone,
            custom_prompt=self.custom_prompt,
        )


class Structured(ResponseBody):
    """``content_structured``: sections of lines, each naming the profile items it came from."""

    sections: tuple[Section, ...]


class LlmMetadata(ResponseBody):
    """Which writer produced the result and at what cost (the offline writer costs nothing).

    ``provider`` is the writer asked for; ``written_by`` the one whose text it is
    (``offline`` when the model could not answer, with ``fallback_reason``); ``fallbacks``
    name the parts kept as the offline writer wrote them after failing verification.
    """

    provider: str
    written_by: str
    model: str | None
    prompt_version: str
    input_tokens: int
    output_tokens: int
    latency_ms: float | None
    model_latency_ms: float
    model_calls: int
    cache_hit: bool
    model_cache_hits: int
    repaired: tuple[str, ...]
    fallbacks: tuple[str, ...]
    fallback_reason: str | None


class GenerationView(ResponseBody):
    """A generation as clients read it."""

    id: str
    generation_id: str
    job_id: str
    profile_id: str
    profile_version: int
    job_version: int
    document_type: str
    status: str
    stages: tuple[Stage, ...]
    content_text: str | None
    content_structured: Structured | None
    ats_score: float | None
    ats_report: AtsReport | None
    options: ResumeOptions | CoverLetterOptions
    writer: str
    llm_metadata: LlmMetadata
    error: str | None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None


class Pagination(ResponseBody):
    """Page position (``hasMore`` is the key the app reads in job lists; kept alike here)."""

    limit: int
    offset: int
    total: int
    has_more: bool
    hasMore: bool  # noqa: N815 (the app's key)


class GenerationList(ResponseBody):
    """A page of generations, newest first."""

    generations: list[GenerationView]
    total: int
    limit: int
    offset: int
    has_more: bool
    pagination: Pagination


def generation_view(generation: Generation, *, cache_hit: bool = False) -> GenerationView:
    """``generation`` as clients read it."""
    document = generation.document
    provider, _, version = generation.writer.partition("/")
    made = document.provenance if document else Provenance(writer=provider)
    started = generation.stages[0].started_at
    finished = generation.completed_at
    latency = (finished - started).total_seconds() * 1000 if started and finished else None
    return GenerationView(
        id=generation.id,
        generation_id=generation.id,
        job_id=generation.job_id,
        profile_id=generation.profile_id,
        profile_version=generation.profile_version,
        job_version=generation.job_version,
        document_type=generation.document_type,
        status=generation.status,
        stages=generation.stages,
        content_text=document.text if document else None,
        content_structured=Structured(sections=document.sections) if document else None,
        ats_score=generation.ats_score,
        ats_report=generation.ats_report,
        options=generation.options,
        writer=generation.writer,
        llm_metadata=LlmMetadata(
            provider=provider,
            written_by=made.writer,
            model=made.model,
            prompt_version=made.prompt_version or version,
            input_tokens=made.prompt_tokens,
            output_tokens=made.completion_tokens,
            latency_ms=round(latency, 1) if latency is not None else None,
            model_latency_ms=made.latency_ms,
            model_calls=made.model_calls,
            cache_hit=cache_hit,
            model_cache_hits=made.cache_hits,
            repaired=made.repaired,
            fallbacks=made.fallbacks,
            fallback_reason=made.fallback_reason,
        ),
        error=generation.error,
        created_at=generation.created_at,
        updated_at=generation.updated_at,
        completed_at=generation.completed_at,
    )


def stage_events(generation: Generation) -> list[tuple[str, dict[str, Any]]]:
    """Every stage change so far, in order, as ``(event, data)``; ids are list positions."""
    events: list[tuple[str, dict[str, Any]]] = []
    for stage in generation.stages:
        if stage.started_at is not None:
            events.append(("stage", {"stage": stage.name, "status": "running"}))
        if stage.finished_at is not None and stage.status != "running":
            events.append(
                ("stage", {"stage": stage.name, "status": stage.status, "error": stage.error})
            )
    return events
