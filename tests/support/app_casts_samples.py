"""The JobWise app's casts for writing samples (shared/mobile-client.md §3 "Sample"), and the
multipart body its ``SamplesApiClient`` sends (Dio ``FormData``)."""

from __future__ import annotations

from typing import Any

from tests.support.app_casts_jobs import (
    Check,
    _fail,
    assert_fields,
    opt_bool,
    opt_str,
    req_date,
    req_int,
    req_str,
)
from tests.support.app_casts_profiles import opt_map

DIO_BOUNDARY = "--dio-boundary-3791034562"


def opt_date(value: Any, where: str) -> None:
    """``updated_at``: ``as String`` then ``DateTime.parse``, when not null."""
    if value is not None:
        req_date(value, where)


def document_type(value: Any, where: str) -> None:
    """``as String``; the UI groups 'resume' and 'cover_letter'."""
    if value not in {"resume", "cover_letter"}:
        _fail(where, "'resume' or 'cover_letter'", value)


SAMPLE: dict[str, Check] = {
    "id": req_str,
    "user_id": req_int,  # `as int`: a UUID or numeric string throws
    "document_type": document_type,
    "original_filename": req_str,
    "word_count": req_int,
    "character_count": req_int,
    "full_text": opt_str,
    "writing_style": opt_map,
    "is_active": opt_bool,
    "created_at": req_date,
    "updated_at": opt_date,
}


def assert_sample(body: Any, where: str = "sample") -> None:
    """``Sample.fromJson``."""
    assert_fields(body, SAMPLE, where)


def assert_sample_list(body: Any) -> None:
    """``data['samples'] as List`` (REQ), each a Sample."""
    if not isinstance(body, dict) or not isinstance(body.get("samples"), list):
        _fail("body.samples", "as List (required)", body)
    for index, item in enumerate(body["samples"]):
        assert_sample(item, f"samples[{index}]")


def dio_upload(document_type: str, filename: str, content: bytes) -> tuple[bytes, dict[str, str]]:
    """The body and content type of ``FormData({document_type, file: MultipartFile})``."""
    parts = [
        f"--{DIO_BOUNDARY}\r\n"
        f'content-disposition: form-data; name="document_type"\r\n\r\n'
        f"{document_type}\r\n".encode(),
        f"--{DIO_BOUNDARY}\r\n"
        f'content-disposition: form-data; name="file"; filename="{filename}"\r\n'
        "content-type: application/octet-stream\r\n\r\n".encode()
        + content
        + b"\r\n",
        f"--{DIO_BOUNDARY}--\r\n".encode(),
    ]
    return b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={DIO_BOUNDARY}"}
