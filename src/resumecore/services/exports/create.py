"""Use case: render one of the caller's completed generations to a file and keep it."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping

import msgspec

from resumecore.errors import Conflict
from resumecore.exports.json_resume import tailored_json_resume
from resumecore.exports.model import Export, export_filename
from resumecore.exports.recheck import FileCheck, recheck
from resumecore.exports.templates import ExportFormat, RenderOptions, check_render_options
from resumecore.ids import ProfileId
from resumecore.model.document import DocumentType, WrittenDocument
from resumecore.model.principal import Principal
from resumecore.model.profile import Profile
from resumecore.ports.file_store import FileStore
from resumecore.ports.renderer import FileReader, RenderedFile, Renderer
from resumecore.ports.system import Clock, IdGenerator
from resumecore.ports.telemetry import NO_TELEMETRY, Telemetry
from resumecore.ports.uow import UnitOfWorkFactory
from resumecore.services.exports.links import ExportLinks, ExportPolicy, SignedLink
from resumecore.services.exports.steps import check_template, keep, render, renderer_for
from resumecore.services.generations.manage import load_owned_generation


class Renderers:
    """The renderers this server has, by format (a format may be missing)."""

    def __init__(self, by_format: Mapping[str, Renderer]) -> None:
        self.by_format = dict(by_format)

    def get(self, export_format: str) -> Renderer | None:
        """The renderer for ``export_format``, or None."""
        return self.by_format.get(export_format)


class LinkedExport(msgspec.Struct, frozen=True, kw_only=True):
    """An export with a fresh signed download link."""

    export: Export
    link: SignedLink


log = logging.getLogger("resumecore.exports")


class CreateExport:
    """Render a completed generation with a template and store the file."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        files: FileStore,
        renderers: Renderers,
        links: ExportLinks,
        policy: ExportPolicy,
        clock: Clock,
        ids: IdGenerator,
        reader: FileReader,
        telemetry: Telemetry = NO_TELEMETRY,
    ) -> None:
        self._telemetry = telemetry
        self._uow = uow
        self._reader = reader
        self._files = files
        self._renderers = renderers
        self._links = links
        self._policy = policy
        self._clock = clock
        self._ids = ids

    async def __call__(
        self,
        principal: Principal,
        generation_id: str,
        template_id: str,
        export_format: ExportFormat,
        options: RenderOptions,
    ) -> LinkedExport:
        """The stored export. 404 unknown generation, 409 unfinished, 422 bad choice."""
        async with self._uow() as uow:
            generation = await load_owned_generation(uow, principal, generation_id)
            job = await uow.jobs.get(generation.job_id)
            profile = await uow.profiles.get(ProfileId(generation.profile_id))
        if generation.status != "completed" or generation.document is None:
            message = (
                f"The generation is {generation.status}; only a completed one can be exported."
            )
            raise Conflict(message, code="generation_not_completed")
        check_template(template_id, [generation.document_type])
        check_render_options(options)
        if export_format == "json_resume":
            rendered = _json_resume(profile, principal, generation.document)
            check = None  # data, not a page: nothing for a parser to re-read
        else:
            renderer = renderer_for(self._renderers.by_format, export_format)
            rendered = await render(renderer, generation.document, template_id, options)
            check = await self._recheck(generation.document, rendered, export_format)
        owned_job = job if job is not None and job.user_id == principal.user_id else None
        export = self._record(
            principal, generation.id, generation.job_id, generation.document_type,
            export_format, template_id, options, rendered,
            owned_job.title if owned_job else "", owned_job.company if owned_job else "", check,
        )  # fmt: skip
        await keep(self._uow, self._files, export, rendered.content)
        self._telemetry.export_made(export_format)
        return LinkedExport(export=export, link=self._links.link(export.id))

    async def _recheck(
        self, document: WrittenDocument, rendered: RenderedFile, export_format: ExportFormat
    ) -> FileCheck | None:
        """What a parser reads back from the file, against what was written."""
        try:
            text = await self._reader.text(rendered.content, export_format)
        except Exception:
            log.warning("export_recheck_unreadable", exc_info=True)
            return None
        titles = document.document_type == "resume"
        return recheck(
            document,
            text,
            with_titles=titles,
            left_out=rendered.dropped,
            left_out_symbols=rendered.left_out_symbols,
        )

    def _record(
        self,
        principal: Principal,
        generation_id: str,
        job_id: str,
        document_type: DocumentType,
        export_format: ExportFormat,
        template_id: str,
        options: RenderOptions,
        rendered: RenderedFile,
        job_title: str,
        company: str,
        ats_check: FileCheck | None,
    ) -> Export:
        now = self._clock.now()
        export_id = self._ids.new_id()
        extension = rendered.extension.lstrip(".") or export_format
        return Export(
            id=export_id,
            user_id=principal.user_id,
            generation_id=generation_id,
            job_id=job_id,
            job_title=job_title,
            company=company,
            document_type=document_type,
            format=export_format,
            template=template_id,
            options=options,
            filename=export_filename(document_type, company, now, extension),
            media_type=rendered.media_type,
            file_size_bytes=len(rendered.content),
            page_count=rendered.page_count,
            checksum=hashlib.sha256(rendered.content).hexdigest(),
            dropped=tuple(rendered.dropped),
            ats_check=ats_check,
            storage_key=f"{principal.user_id}/{export_id}.{export_format}",
            created_at=now,
            expires_at=now + self._policy.ttl,
        )


def _json_resume(
    profile: Profile | None, principal: Principal, document: WrittenDocument
) -> RenderedFile:
    """The tailored content as a JSON Resume document (from the profile it was written from)."""
    if profile is None or profile.user_id != principal.user_id:
        message = "The profile this was written from was deleted; export it as a file instead."
        raise Conflict(message, code="profile_deleted")
    content = msgspec.json.encode(tailored_json_resume(profile, document))
    return RenderedFile(
        content=content, media_type="application/json", extension="json", page_count=None
    )
