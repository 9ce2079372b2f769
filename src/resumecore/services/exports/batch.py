"""Use case: render several of the caller's completed generations into one ZIP and keep it.

All or nothing: every generation is checked (the caller's, completed, fitting the template)
and rendered before anything is stored. Building the archive is stdlib computation on bytes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Sequence
from datetime import datetime

from resumecore.errors import Conflict, InvalidValue
from resumecore.exports.model import Export, export_filename
from resumecore.exports.templates import ExportFormat, RenderOptions, check_render_options
from resumecore.model.document import WrittenDocument
from resumecore.model.generation import Generation
from resumecore.model.principal import Principal
from resumecore.ports.file_store import FileStore
from resumecore.ports.system import Clock, IdGenerator
from resumecore.ports.telemetry import NO_TELEMETRY, Telemetry
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.exports.create import LinkedExport, Renderers
from resumecore.services.exports.links import ExportLinks, ExportPolicy
from resumecore.services.exports.steps import check_template, keep, render, renderer_for
from resumecore.services.generations.manage import load_owned_generation

MAX_BATCH = 20
ZIP_MEDIA_TYPE = "application/zip"
BATCH_FORMATS: tuple[ExportFormat, ...] = ("pdf", "docx")


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name`` with ``-2``, ``-3``... before its extension, not yet in ``taken``."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}{dot}{extension}"
    taken.add(candidate)
    return candidate


def build_zip(files: Sequence[tuple[str, bytes]], at: datetime) -> bytes:
    """A deflated ZIP of ``(name, content)`` pairs, every entry dated ``at``."""
    buffer = io.BytesIO()
    stamp = (max(at.year, 1980), at.month, at.day, at.hour, at.minute, at.second)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


class CreateBatchExport:
    """Render 1-20 completed generations with one template and store them as one ZIP."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        files: FileStore,
        renderers: Renderers,
        links: ExportLinks,
        policy: ExportPolicy,
        clock: Clock,
        ids: IdGenerator,
        telemetry: Telemetry = NO_TELEMETRY,
    ) -> None:
        self._telemetry = telemetry
        self._uow = uow
        self._files = files
        self._renderers = renderers
        self._links = links
        self._policy = policy
        self._clock = clock
        self._ids = ids

    async def __call__(
        self,
        principal: Principal,
        generation_ids: Sequence[str],
        template_id: str,
        export_format: ExportFormat,
        options: RenderOptions,
    ) -> LinkedExport:
        """The stored ZIP export. 404 any id not the caller's, 409 unfinished, 422 bad choice."""
        wanted = list(dict.fromkeys(generation_ids))  # one file per generation
        if not 1 <= len(wanted) <= MAX_BATCH:
            message = f"Send 1 to {MAX_BATCH} generation ids."
            raise InvalidValue.for_field("generation_ids", "batch_size", message)
        if export_format not in BATCH_FORMATS:
            message = "A batch export is made of PDF or DOCX files."
            raise InvalidValue.for_field("format", "format_unavailable", message)
        generations, jobs = await self._load(principal, wanted)
        documents = _completed(generations)
        check_template(template_id, [g.document_type for g in generations])
        check_render_options(options)
        renderer = renderer_for(self._renderers.by_format, export_format)
        now = self._clock.now()
        entries: list[tuple[str, bytes]] = []
        taken: set[str] = set()
        dropped: list[str] = []
        for generation, document in zip(generations, documents, strict=True):
            rendered = await render(renderer, document, template_id, options)
            extension = rendered.extension.lstrip(".") or export_format
            of_job = jobs.get(generation.id, ("", ""))[1]
            name = export_filename(generation.document_type, of_job, now, extension)
            entries.append((unique_name(name, taken), rendered.content))
            dropped.extend(rendered.dropped)
        first = generations[0]
        job_title, company = jobs.get(first.id, ("", ""))
        content = build_zip(entries, now)
        export_id = self._ids.new_id()
        export = Export(
            id=export_id,
            user_id=principal.user_id,
            generation_id=first.id,
            job_id=first.job_id,
            job_title=job_title,
            company=company,
            document_type=first.document_type,
            format=export_format,
            template=template_id,
            options=options,
            filename=f"exports-{export_format}-{now.date().isoformat()}.zip",
            media_type=ZIP_MEDIA_TYPE,
            file_size_bytes=len(content),
            page_count=None,
            checksum=hashlib.sha256(content).hexdigest(),
            dropped=tuple(dict.fromkeys(dropped)),
            storage_key=f"{principal.user_id}/{export_id}.zip",
            created_at=now,
            expires_at=now + self._policy.ttl,
        )
        await keep(self._uow, self._files, export, content)
        self._telemetry.export_made(export_format, batch=True)
        return LinkedExport(export=export, link=self._links.link(export.id))

    async def _load(
        self, principal: Principal, wanted: Sequence[str]
    ) -> tuple[list[Generation], dict[str, tuple[str, str]]]:
        """The generations (404 unless all are the caller's) and their jobs' (title, company)."""
        generations: list[Generation] = []
        jobs: dict[str, tuple[str, str]] = {}
        async with self._uow() as uow:
            for generation_id in wanted:
                generation = await load_owned_generation(uow, principal, generation_id)
                generations.append(generation)
                job = await uow.jobs.get(generation.job_id)
                if job is not None and job.user_id == principal.user_id:
                    jobs[generation.id] = (job.title, job.company)
        return generations, jobs


def _completed(generations: Sequence[Generation]) -> list[WrittenDocument]:
    """Every generation's document; 409 if one is not completed."""
    documents: list[WrittenDocument] = []
    for generation in generations:
        if generation.status != "completed" or generation.document is None:
            message = (
                f"The generation {generation.id} is {generation.status}; "
                "only completed ones can be exported."
            )
            raise Conflict(message, code="generation_not_completed")
        documents.append(generation.document)
    return documents
