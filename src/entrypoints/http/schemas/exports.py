"""Export bodies: the request the app sends and the ExportedFile it reads (mobile-client E1-E9).

The app reads ``export_id ?? id`` (str), format, template, filename (str), file_size_bytes
(int), download_url (absolute, fetchable without a token), created_at, expires_at, and
``metadata['job_title' | 'company' | 'company_name']``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from msgspec import Meta

from resumecore.exports.recheck import FileCheck
from resumecore.exports.templates import ExportFormat, RenderOptions, Template
from resumecore.services.exports.create import LinkedExport
from resumecore.services.exports.manage import JobExports
from resumecore_server.entrypoints.http.schemas.common import RequestBody, ResponseBody

Id = Annotated[str, Meta(max_length=64)]
TemplateId = Annotated[str, Meta(max_length=64)]


class ExportRequest(RequestBody):
    """``POST /exports/{pdf,docx,markdown}``; ``format``, when sent, must match the route."""

    generation_id: Id
    template: TemplateId = "modern"
    format: ExportFormat | None = None
    options: RenderOptions | None = None


class BatchExportRequest(RequestBody):
    """``POST /exports/batch``: 1-20 generations, one template, PDF or DOCX files in a ZIP."""

    generation_ids: Annotated[list[Id], Meta(min_length=1, max_length=20)]
    template: TemplateId = "modern"
    format: Literal["pdf", "docx"] = "pdf"
    options: RenderOptions | None = None


class TemplateList(ResponseBody):
    """``GET /exports/templates``."""

    templates: list[Template]


class ExportMetadata(ResponseBody):
    """What the app's screens show beside a file."""

    job_title: str
    company: str
    company_name: str


class ExportView(ResponseBody):
    """An ExportedFile as the app reads it (``id`` and ``export_id`` are the same)."""

    id: str
    export_id: str
    generation_id: str
    job_id: str
    document_type: str
    format: str
    template: str
    options: RenderOptions
    filename: str
    media_type: str
    file_size_bytes: int
    page_count: int | None
    checksum: str
    dropped: list[str]
    ats_check: FileCheck | None
    download_url: str
    download_url_expires_at: datetime
    created_at: datetime
    expires_at: datetime
    metadata: ExportMetadata


class ExportList(ResponseBody):
    """``GET /exports/files``."""

    exports: list[ExportView]
    total: int
    limit: int
    offset: int
    has_more: bool


class JobExportsView(ResponseBody):
    """``GET /exports/files/job/{job_id}``."""

    job_id: str
    job_title: str
    company: str
    exports_by_date: dict[str, list[ExportView]]
    total_exports: int
    total_size_bytes: int


class DownloadView(ResponseBody):
    """``GET /exports/files/{id}/download``: a signed link that needs no token."""

    download_url: str
    expires_at: datetime


def export_view(linked: LinkedExport) -> ExportView:
    """The body of one export."""
    e = linked.export
    return ExportView(
        id=e.id,
        export_id=e.id,
        generation_id=e.generation_id,
        job_id=e.job_id,
        document_type=e.document_type,
        format=e.format,
        template=e.template,
        options=e.options,
        filename=e.filename,
        media_type=e.media_type,
        file_size_bytes=e.file_size_bytes,
        page_count=e.page_count,
        checksum=e.checksum,
        dropped=list(e.dropped),
        ats_check=e.ats_check,
        download_url=linked.link.url,
        download_url_expires_at=linked.link.expires_at,
        created_at=e.created_at,
        expires_at=e.expires_at,
        metadata=ExportMetadata(job_title=e.job_title, company=e.company, company_name=e.company),
    )


def job_exports_view(found: JobExports) -> JobExportsView:
    """The body of a job's exports."""
    return JobExportsView(
        job_id=found.job_id,
        job_title=found.job_title,
        company=found.company,
        exports_by_date={
            day: [export_view(x) for x in items] for day, items in found.by_date.items()
        },
        total_exports=found.total_exports,
        total_size_bytes=found.total_size_bytes,
    )
