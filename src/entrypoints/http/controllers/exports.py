"""Export routes: templates, rendering generations to files, the caller's files, downloads.

Downloads go through a signed, expiring link (``/files/{id}/content``) that needs no token.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from litestar import Controller, Response, delete, get, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import PermissionDeniedException
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from resumecore.errors import InvalidValue, NotFound
from resumecore.exports.model import ExportFilters
from resumecore.exports.templates import TEMPLATES, ExportFormat, RenderOptions, Template, template
from resumecore.model.principal import Principal
from resumecore.services.exports.batch import CreateBatchExport
from resumecore.services.exports.create import CreateExport
from resumecore.services.exports.links import LinkRefused
from resumecore.services.exports.manage import (
    DeleteExport,
    DownloadLink,
    ExportsForJob,
    GetExport,
    ListExports,
    ReadExportFile,
)
from resumecore_server.entrypoints.http.paging import Limit, Offset
from resumecore_server.entrypoints.http.schemas.exports import (
    BatchExportRequest,
    DownloadView,
    ExportList,
    ExportRequest,
    ExportView,
    JobExportsView,
    TemplateList,
    export_view,
    job_exports_view,
)
from resumecore_server.entrypoints.http.security import provide_principal

PUBLIC: list[dict[str, list[str]]] = [{}]


class ExportController(Controller):
    """Rendered files of generations (contract: Exports)."""

    path = "/api/v1/exports"
    tags = ["exports"]
    security = [{"BearerToken": []}]
    dependencies = {"principal": Provide(provide_principal)}

    @get("/templates", operation_id="list_export_templates", security=PUBLIC)
    async def templates(self) -> TemplateList:
        """Every template (the app's Template model)."""
        return TemplateList(templates=list(TEMPLATES))

    @get("/templates/{template_id:str}", operation_id="get_export_template", security=PUBLIC)
    async def one_template(self, template_id: FromPath[str]) -> Template:
        """One template."""
        found = template(template_id)
        if found is None:
            raise NotFound("Template not found.")
        return found

    @post("/pdf", status_code=201, operation_id="export_pdf")
    async def pdf(
        self,
        data: JSONBody[ExportRequest],
        principal: NamedDependency[Principal],
        create_export: NamedDependency[CreateExport],
    ) -> ExportView:
        """Render a completed generation as PDF."""
        return await _create("pdf", data, principal, create_export)

    @post("/docx", status_code=201, operation_id="export_docx")
    async def docx(
        self,
        data: JSONBody[ExportRequest],
        principal: NamedDependency[Principal],
        create_export: NamedDependency[CreateExport],
    ) -> ExportView:
        """Render a completed generation as DOCX."""
        return await _create("docx", data, principal, create_export)

    @post("/markdown", status_code=201, operation_id="export_markdown")
    async def markdown(
        self,
        data: JSONBody[ExportRequest],
        principal: NamedDependency[Principal],
        create_export: NamedDependency[CreateExport],
    ) -> ExportView:
        """Render a completed generation as Markdown."""
        return await _create("markdown", data, principal, create_export)

    @post("/json-resume", status_code=201, operation_id="export_json_resume_of_generation")
    async def json_resume(
        self,
        data: JSONBody[ExportRequest],
        principal: NamedDependency[Principal],
        create_export: NamedDependency[CreateExport],
    ) -> ExportView:
        """The tailored content as a JSON Resume document (what the document shows)."""
        return await _create("json_resume", data, principal, create_export)

    @post("/batch", status_code=201, operation_id="export_batch")
    async def batch(
        self,
        data: JSONBody[BatchExportRequest],
        principal: NamedDependency[Principal],
        create_batch_export: NamedDependency[CreateBatchExport],
    ) -> ExportView:
        """Render 1-20 completed generations into one ZIP (all or nothing)."""
        options = data.options or RenderOptions()
        return export_view(
            await create_batch_export(
                principal, data.generation_ids, data.template, data.format, options
            )
        )

    @get("/files", operation_id="list_exports")
    async def files(
        self,
        principal: NamedDependency[Principal],
        list_exports: NamedDependency[ListExports],
        format: FromQuery[ExportFormat | None] = None,
        job_id: Annotated[str | None, QueryParameter(max_length=64)] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> ExportList:
        """The caller's live exports, newest first."""
        filters = ExportFilters(format=format, job_id=job_id)
        page = await list_exports(principal, filters, limit=limit, offset=offset)
        return ExportList(
            exports=[export_view(x) for x in page.items],
            total=page.total,
            limit=page.limit,
            offset=page.offset,
            has_more=page.has_more,
        )

    @get("/files/job/{job_id:str}", operation_id="list_job_exports")
    async def for_job(
        self,
        job_id: FromPath[str],
        principal: NamedDependency[Principal],
        exports_for_job: NamedDependency[ExportsForJob],
    ) -> JobExportsView:
        """A job's exports grouped by date (``YYYY-MM-DD``)."""
        return job_exports_view(await exports_for_job(principal, job_id))

    @get("/files/{export_id:str}", operation_id="get_export")
    async def read(
        self,
        export_id: FromPath[str],
        principal: NamedDependency[Principal],
        get_export: NamedDependency[GetExport],
    ) -> ExportView:
        """One export, with a fresh download link."""
        return export_view(await get_export(principal, export_id))

    @get("/files/{export_id:str}/download", operation_id="export_download_link")
    async def download(
        self,
        export_id: FromPath[str],
        principal: NamedDependency[Principal],
        download_link: NamedDependency[DownloadLink],
    ) -> DownloadView:
        """A signed link to the file that works without a token until ``expires_at``."""
        link = await download_link(principal, export_id)
        return DownloadView(download_url=link.url, expires_at=link.expires_at)

    @delete("/files/{export_id:str}", status_code=204, operation_id="delete_export")
    async def remove(
        self,
        export_id: FromPath[str],
        principal: NamedDependency[Principal],
        delete_export: NamedDependency[DeleteExport],
    ) -> None:
        """Delete the file and its record."""
        await delete_export(principal, export_id)

    @get(
        "/files/{export_id:str}/content",
        operation_id="export_content",
        security=PUBLIC,
        media_type="application/octet-stream",
    )
    async def content(
        self,
        export_id: FromPath[str],
        read_export_file: NamedDependency[ReadExportFile],
        expires: Annotated[str | None, QueryParameter(max_length=20)] = None,
        sig: Annotated[str | None, QueryParameter(max_length=128)] = None,
    ) -> Response[bytes]:
        """The file behind a signed link (no bearer token): 403 forged or expired, 404 gone."""
        try:
            found = await read_export_file(export_id, expires, sig)
        except LinkRefused as exc:
            raise PermissionDeniedException(detail=exc.message) from None
        export = found.export
        return Response(
            content=found.content,
            media_type=served_media_type(export.media_type),
            headers={
                "Content-Disposition": content_disposition(export.filename),
                "ETag": f'"{export.checksum}"',
                "Cache-Control": "private, no-store",
            },
        )


def served_media_type(stored: str) -> str:
    """The media type to hand Litestar for a stored file's type.

    Litestar appends ``; charset=utf-8`` to every ``text/*`` type itself, so a stored
    ``text/markdown; charset=utf-8`` is passed bare, or the header would name the charset twice.
    """
    bare = stored.split(";", 1)[0].strip()
    return bare if bare.startswith("text/") else stored


async def _create(
    route_format: ExportFormat,
    data: ExportRequest,
    principal: Principal,
    create_export: CreateExport,
) -> ExportView:
    if data.format is not None and data.format != route_format:
        message = f"This route makes {route_format} files; leave out format or send it."
        raise InvalidValue.for_field("format", "format_mismatch", message)
    options = data.options or RenderOptions()
    return export_view(
        await create_export(principal, data.generation_id, data.template, route_format, options)
    )


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII ``filename`` and the exact UTF-8 ``filename*`` (RFC 6266)."""
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
