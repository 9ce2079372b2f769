"""Generation routes: ask for a resume or cover letter, follow it, read, cancel, delete."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, delete, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, HeaderParameter, JSONBody, QueryParameter
from litestar.response import ServerSentEvent, ServerSentEventMessage

from resumecore.model.document import DocumentType
from resumecore.model.generation import Generation, GenerationStatus
from resumecore.model.idempotency import IdempotencyKey
from resumecore.model.page import Page
from resumecore.model.principal import Principal
from resumecore.ports.generations import GenerationFilters
from resumecore.services.generations.manage import (
    CancelGeneration,
    DeleteGeneration,
    GetGeneration,
    ListGenerations,
    WatchGeneration,
)
from resumecore.services.generations.request import RequestGeneration
from resumecore_server.entrypoints.http.idempotency import IdempotencyKeyHeader, idempotency_key
from resumecore_server.entrypoints.http.openapi_declarations import also_answers
from resumecore_server.entrypoints.http.paging import Limit, Offset
from resumecore_server.entrypoints.http.schemas.generations import (
    CoverLetterRequest,
    GenerationList,
    GenerationView,
    Pagination,
    ResumeRequest,
    generation_view,
    stage_events,
)
from resumecore_server.entrypoints.http.security import provide_principal

AnyRequest = Request[Any, Any, Any]
# The mobile app never polls a 202 and gives up on a response after 30 s; a model-written
# document often takes longer than 10 s, so wait as long as the app does, with a margin.
DEFAULT_WAIT_SECONDS = 25.0
MAX_WAIT_SECONDS = 60.0
STILL_RUNNING = also_answers(
    202,
    GenerationView,
    "Still running when the wait budget ran out: follow Location (or the events stream).",
)
_PREFER_WAIT = re.compile(r"(?:^|[,;\s])wait\s*=\s*(\d+(?:\.\d+)?)", re.IGNORECASE)


Prefer = Annotated[
    str | None,
    HeaderParameter(
        name="Prefer",
        required=False,
        description="`wait=N` (RFC 7240): seconds to wait for the result before a 202, "
        f"default {DEFAULT_WAIT_SECONDS:g}, at most {MAX_WAIT_SECONDS:g}.",
    ),
]
LastEventId = Annotated[
    str | None,
    HeaderParameter(
        name="Last-Event-ID",
        required=False,
        description="The id of the last event received: the stream resumes after it.",
    ),
]


def wait_budget(prefer: str | None) -> float:
    """Seconds to wait for the result: ``Prefer: wait=N`` (RFC 7240), default 25, at most 60."""
    found = _PREFER_WAIT.search(prefer or "")
    return min(float(found[1]), MAX_WAIT_SECONDS) if found else DEFAULT_WAIT_SECONDS


def _list_operation_id(_: Any, __: Any, path: list[Any]) -> str:
    """One handler serves two paths; each needs its own operation id."""
    return "list_generation_history" if "history" in path else "list_generations"


class GenerationController(Controller):
    """Tailored resumes and cover letters (contract: Generation)."""

    path = "/api/v1/generations"
    tags = ["generations"]
    security = [{"BearerToken": []}]
    dependencies = {"principal": Provide(provide_principal)}

    @post("/resume", status_code=201, operation_id="generate_resume", responses=STILL_RUNNING)
    async def resume(
        self,
        request: AnyRequest,
        data: JSONBody[ResumeRequest],
        principal: NamedDependency[Principal],
        request_generation: NamedDependency[RequestGeneration],
        get_generation: NamedDependency[GetGeneration],
        prefer: Prefer = None,
        idempotency: IdempotencyKeyHeader = None,
    ) -> Response[GenerationView]:
        """A tailored resume: 201 when done within the wait budget, else 202 + Location."""
        key = await idempotency_key(request, idempotency)
        return await _requested(
            principal, "resume", data, key, wait_budget(prefer), request_generation, get_generation
        )

    @post(
        "/cover-letter",
        status_code=201,
        operation_id="generate_cover_letter",
        responses=STILL_RUNNING,
    )
    async def cover_letter(
        self,
        request: AnyRequest,
        data: JSONBody[CoverLetterRequest],
        principal: NamedDependency[Principal],
        request_generation: NamedDependency[RequestGeneration],
        get_generation: NamedDependency[GetGeneration],
        prefer: Prefer = None,
        idempotency: IdempotencyKeyHeader = None,
    ) -> Response[GenerationView]:
        """A tailored cover letter: 201 when done within the wait budget, else 202 + Location."""
        key = await idempotency_key(request, idempotency)
        wait = wait_budget(prefer)
        return await _requested(
            principal, "cover_letter", data, key, wait, request_generation, get_generation
        )

    @get(["", "/history"], operation_id=_list_operation_id)
    async def list_generations(
        self,
        principal: NamedDependency[Principal],
        list_generations: NamedDependency[ListGenerations],
        document_type: FromQuery[DocumentType | None] = None,
        job_id: Annotated[str | None, QueryParameter(max_length=64)] = None,
        status: FromQuery[GenerationStatus | None] = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> GenerationList:
        """The caller's generations, newest first (``/history``: the mobile app's name)."""
        filters = GenerationFilters(document_type=document_type, job_id=job_id, status=status)
        return _page(await list_generations(principal, filters, limit=limit, offset=offset))

    @get("/{generation_id:str}", operation_id="get_generation")
    async def read(
        self,
        generation_id: FromPath[str],
        principal: NamedDependency[Principal],
        get_generation: NamedDependency[GetGeneration],
    ) -> GenerationView:
        """One generation, with its stages and, once completed, its document."""
        return generation_view(await get_generation(principal, generation_id))

    @delete("/{generation_id:str}", status_code=204, operation_id="delete_generation")
    async def remove(
        self,
        generation_id: FromPath[str],
        principal: NamedDependency[Principal],
        delete_generation: NamedDependency[DeleteGeneration],
    ) -> None:
        """Delete it (a running one stops); its job or profile may be gone already."""
        await delete_generation(principal, generation_id)

    @post("/{generation_id:str}/cancel", status_code=200, operation_id="cancel_generation")
    async def cancel(
        self,
        generation_id: FromPath[str],
        principal: NamedDependency[Principal],
        cancel_generation: NamedDependency[CancelGeneration],
    ) -> GenerationView:
        """Stop a pending or running generation; 409 when it has already finished."""
        return generation_view(await cancel_generation(principal, generation_id))

    @get("/{generation_id:str}/events", operation_id="generation_events")
    async def events(
        self,
        generation_id: FromPath[str],
        principal: NamedDependency[Principal],
        get_generation: NamedDependency[GetGeneration],
        watch_generation: NamedDependency[WatchGeneration],
        last_event_id: LastEventId = None,
    ) -> ServerSentEvent:
        """Stage progress as Server-Sent Events until it finishes (``Last-Event-ID`` resumes).

        Events are ``stage`` (``{stage, status, error}``) with ids counting from 0, then one
        ``done`` (``{status, error}``; status ``deleted`` if it was deleted meanwhile).
        """
        await get_generation(principal, generation_id)  # 404 before the stream starts
        snapshots = watch_generation(principal, generation_id)
        return ServerSentEvent(_progress(snapshots, _last_event_number(last_event_id)))


async def _requested(
    principal: Principal,
    document_type: DocumentType,
    data: ResumeRequest | CoverLetterRequest,
    key: IdempotencyKey | None,
    wait: float,
    request_generation: RequestGeneration,
    get_generation: GetGeneration,
) -> Response[GenerationView]:
    requested = await request_generation(
        principal,
        document_type,
        data.job_id,
        data.options(),
        profile_id=data.profile_id,
        idempotency=key,
        writer_name=data.writer,
    )
    generation = await get_generation(principal, requested.generation.id, wait=wait)
    body = generation_view(generation, cache_hit=requested.reused)
    if generation.finished:
        return Response(body, status_code=201)
    location = f"/api/v1/generations/{generation.id}"
    return Response(body, status_code=202, headers={"Location": location})


def _page(page: Page[Generation]) -> GenerationList:
    return GenerationList(
        generations=[generation_view(g) for g in page.items],
        total=page.total,
        limit=page.limit,
        offset=page.offset,
        has_more=page.has_more,
        pagination=Pagination(
            limit=page.limit,
            offset=page.offset,
            total=page.total,
            has_more=page.has_more,
            hasMore=page.has_more,
        ),
    )


def _last_event_number(last_event_id: str | None) -> int:
    value = (last_event_id or "").strip()
    return int(value) if value.isdigit() and len(value) < 9 else -1


async def _progress(
    snapshots: AsyncIterator[Generation | None], last: int
) -> AsyncIterator[ServerSentEventMessage]:
    sent = last
    async for generation in snapshots:
        if generation is None:
            yield _message("done", {"status": "deleted", "error": None}, sent + 1)
            return
        events = stage_events(generation)
        for index in range(sent + 1, len(events)):
            name, data = events[index]
            yield _message(name, data, index)
        sent = max(sent, len(events) - 1)
        if generation.finished:
            done = {"status": generation.status, "error": generation.error}
            yield _message("done", done, max(sent + 1, len(events)))


def _message(event: str, data: dict[str, Any], event_id: int) -> ServerSentEventMessage:
    return ServerSentEventMessage(data=msgspec.json.encode(data).decode(), event=event, id=event_id)
