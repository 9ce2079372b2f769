"""Writing-sample routes (mobile-client S1-S4): upload a ``.txt``, list, read, delete.

The upload is the one multipart route (``body_guard.MULTIPART_PATHS``); its body may exceed
the app-wide limit by the multipart framing, so a 1 MiB file still arrives and a larger one
is a 413 either from the framework (whole body) or from the upload rules (the file).
"""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, delete, get, post
from litestar.di import NamedDependency, Provide
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath

from resumecore.model.principal import Principal
from resumecore.samples.model import MAX_SAMPLE_BYTES
from resumecore.services.samples.manage import DeleteSample, GetSample, ListSamples
from resumecore.services.samples.upload import UploadSample
from resumecore_server.entrypoints.http.schemas.samples import (
    SampleList,
    SampleUpload,
    SampleView,
    sample_view,
)
from resumecore_server.entrypoints.http.security import provide_principal

# Room for the boundaries, part headers and the document_type field around a 1 MiB file.
MULTIPART_OVERHEAD = 16 * 1024


class SampleController(Controller):
    """The caller's writing samples (contract: Samples)."""

    path = "/api/v1/samples"
    tags = ["samples"]
    security = [{"BearerToken": []}]
    dependencies = {"principal": Provide(provide_principal)}

    @post(
        "/upload",
        status_code=201,
        operation_id="upload_sample",
        request_max_body_size=MAX_SAMPLE_BYTES + MULTIPART_OVERHEAD,
    )
    async def upload(
        self,
        data: Annotated[SampleUpload, Body(media_type=RequestEncodingType.MULTI_PART)],
        principal: NamedDependency[Principal],
        upload_sample: NamedDependency[UploadSample],
    ) -> SampleView:
        """Store a ``.txt`` sample; it becomes the active one of its type."""
        content = await data.file.read(MAX_SAMPLE_BYTES + 1)
        sample = await upload_sample(
            principal, data.document_type, data.file.filename or "", content
        )
        return sample_view(sample, principal.user_number)

    @get("", operation_id="list_samples")
    async def index(
        self, principal: NamedDependency[Principal], list_samples: NamedDependency[ListSamples]
    ) -> SampleList:
        """Every sample of the caller, newest first, without ``full_text``."""
        samples = await list_samples(principal)
        views = [sample_view(s, principal.user_number) for s in samples]
        return SampleList(samples=views, total=len(views))

    @get("/{sample_id:str}", operation_id="get_sample")
    async def read(
        self,
        sample_id: FromPath[str],
        principal: NamedDependency[Principal],
        get_sample: NamedDependency[GetSample],
    ) -> SampleView:
        """One sample with ``full_text``; another user's is a 404."""
        return sample_view(await get_sample(principal, sample_id), principal.user_number)

    @delete("/{sample_id:str}", status_code=204, operation_id="delete_sample")
    async def remove(
        self,
        sample_id: FromPath[str],
        principal: NamedDependency[Principal],
        delete_sample: NamedDependency[DeleteSample],
    ) -> None:
        """Delete one sample; another user's is a 404."""
        await delete_sample(principal, sample_id)
