"""The JobWise app's sample calls (mobile-client.md §4, S1-S4), replayed as the app sends them
(Dio multipart, the file part ``application/octet-stream``), every response read with the
app's casts; and the inputs the upload refuses, each with a problem, never a 500.

Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from resumecore.model.user import public_number
from resumecore.samples.model import MAX_SAMPLE_BYTES, MAX_SAMPLES_PER_USER
from tests.support.app_casts_samples import assert_sample, assert_sample_list, dio_upload
from tests.support.clock import FakeClock

AUTH = "/api/v1/auth"
SAMPLES = "/api/v1/samples"
APP_HEADERS = {"Accept": "application/json"}
RESUME = (
    "Jonas Keller\nBackend engineer\n\n"
    "I build reliable web services. My teams ship weekly and I mentor new engineers.\n\n"
    "\u2022 Moved 60 services to Kubernetes\n\u2022 Wrote the on-call runbooks\n"
)
Client = AsyncTestClient[Litestar]


async def register(client: Client, email: str = "grace@example.com") -> dict[str, str]:
    response = await client.post(
        f"{AUTH}/register",
        json={"email": email, "password": "Correct horse 42", "full_name": "Grace Hopper"},
    )
    assert response.status_code == 201, response.text
    return {**APP_HEADERS, "Authorization": f"Bearer {response.json()['access_token']}"}


async def upload(
    client: Client, headers: dict[str, str], kind: str, name: str, content: bytes
) -> Any:
    body, content_type = dio_upload(kind, name, content)
    return await client.post(f"{SAMPLES}/upload", content=body, headers={**headers, **content_type})


async def test_the_apps_sample_calls_parse_with_the_apps_casts(
    client: Client, clock: FakeClock
) -> None:
    headers = await register(client)
    me = (await client.get(f"{AUTH}/me", headers=headers)).json()

    first = await upload(client, headers, "resume", "resume.txt", RESUME.encode())  # S2
    assert first.status_code == 201, first.text
    sample = first.json()
    assert_sample(sample)
    assert sample["user_id"] == public_number(me["id"])
    assert (sample["word_count"], sample["character_count"]) == (len(RESUME.split()), len(RESUME))
    assert sample["full_text"] == RESUME
    assert sample["is_active"] is True
    assert sample["writing_style"]["bullet_marker"] == "\u2022"
    assert sample["writing_style"]["first_person"] is True

    clock.advance(1)
    letter = await upload(client, headers, "cover_letter", "letter.txt", b"Dear team, I apply.")
    clock.advance(1)
    second = await upload(client, headers, "resume", "resume v2.txt", b"- Led the team\n")
    assert letter.status_code == second.status_code == 201

    listed = await client.get(SAMPLES, headers=headers)  # S1
    assert listed.status_code == 200
    assert_sample_list(listed.json())
    rows = listed.json()["samples"]
    assert listed.json()["total"] == 3
    assert [r["id"] for r in rows] == [second.json()["id"], letter.json()["id"], sample["id"]]
    assert [r["is_active"] for r in rows] == [True, True, False]
    assert all(r["full_text"] is None for r in rows)

    one = await client.get(f"{SAMPLES}/{sample['id']}", headers=headers)  # S3
    assert one.status_code == 200
    assert_sample(one.json())
    assert (one.json()["full_text"], one.json()["is_active"]) == (RESUME, False)

    gone = await client.delete(f"{SAMPLES}/{sample['id']}", headers=headers)  # S4
    assert (gone.status_code, gone.content) == (204, b"")
    missing = await client.get(f"{SAMPLES}/{sample['id']}", headers=headers)
    assert missing.status_code == 404
    assert (await client.get(SAMPLES, headers=headers)).json()["total"] == 2


async def test_another_users_sample_is_not_found(client: Client) -> None:
    owner = await register(client)
    other = await register(client, "ada@example.com")
    sample = (await upload(client, owner, "resume", "cv.txt", b"Hello")).json()

    assert (await client.get(f"{SAMPLES}/{sample['id']}", headers=other)).status_code == 404
    assert (await client.delete(f"{SAMPLES}/{sample['id']}", headers=other)).status_code == 404
    assert (await client.get(SAMPLES, headers=other)).json() == {"samples": [], "total": 0}
    assert (await client.get(f"{SAMPLES}/{sample['id']}", headers=owner)).status_code == 200


@pytest.mark.parametrize(
    ("kind", "name", "content", "status", "code"),
    [
        ("resume", "resume.pdf", b"%PDF-1.7", 422, "unsupported_file_type"),
        ("resume", "resume.txt.exe", b"hello", 422, "unsupported_file_type"),
        ("resume", "resume.txt", b"caf\xe9 au lait", 422, "not_utf8"),
        ("resume", "resume.txt", b" \n\t\r\n ", 422, "empty_sample"),
        ("resume", "resume.txt", b"", 422, "empty_sample"),
        ("resume", "resume.txt", b"a\x00b", 422, "not_text"),
        ("thesis", "resume.txt", b"hello", 422, "invalid_document_type"),
        ("resume", "big.txt", b"a" * (MAX_SAMPLE_BYTES + 1), 413, "content_too_large"),
        ("resume", "huge.txt", b"a" * (2 * MAX_SAMPLE_BYTES), 413, "http_413"),
    ],
)
async def test_bad_uploads_are_problems_never_500(
    client: Client, kind: str, name: str, content: bytes, status: int, code: str
) -> None:
    headers = await register(client)

    response = await upload(client, headers, kind, name, content)

    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"] == f"/problems/{code}"
    assert (await client.get(SAMPLES, headers=headers)).json()["total"] == 0


async def test_a_file_of_exactly_one_mebibyte_is_accepted(client: Client) -> None:
    headers = await register(client)
    content = (b"word " * (MAX_SAMPLE_BYTES // 5 + 1))[:MAX_SAMPLE_BYTES]

    response = await upload(client, headers, "resume", "big.txt", content)

    assert response.status_code == 201, response.text
    assert response.json()["character_count"] == MAX_SAMPLE_BYTES


async def test_untrusted_filenames_are_made_safe(client: Client) -> None:
    headers = await register(client)

    response = await upload(client, headers, "resume", "../../etc/\u202emy\u0007 cv.txt", b"hello")

    assert response.status_code == 201, response.text
    assert response.json()["original_filename"] == "my cv.txt"


async def test_the_per_user_cap_is_a_clear_conflict(client: Client) -> None:
    headers = await register(client)
    for n in range(MAX_SAMPLES_PER_USER):
        assert (await upload(client, headers, "resume", f"{n}.txt", b"hi")).status_code == 201

    refused = await upload(client, headers, "cover_letter", "one-more.txt", b"hi")

    assert refused.status_code == 409
    assert refused.json()["type"] == "/problems/sample_limit_reached"
    assert str(MAX_SAMPLES_PER_USER) in refused.json()["detail"]


async def test_a_missing_file_part_or_a_json_body_is_a_400_or_415(client: Client) -> None:
    headers = await register(client)
    no_file = (
        b'--b\r\ncontent-disposition: form-data; name="document_type"\r\n\r\nresume\r\n--b--\r\n'
    )
    response = await client.post(
        f"{SAMPLES}/upload",
        content=no_file,
        headers={**headers, "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code == 400, response.text
    as_text = await client.post(
        f"{SAMPLES}/upload", content=b"hello", headers={**headers, "Content-Type": "text/plain"}
    )
    assert as_text.status_code == 415


async def test_two_file_parts_are_a_400_that_names_no_python_type(client: Client) -> None:
    headers = await register(client)
    part = b'--b\r\ncontent-disposition: form-data; name="file"; filename="%s.txt"\r\n\r\nhi\r\n'
    kind = b'--b\r\ncontent-disposition: form-data; name="document_type"\r\n\r\nresume\r\n'
    body = kind + part % b"one" + part % b"two" + b"--b--\r\n"

    response = await client.post(
        f"{SAMPLES}/upload",
        content=body,
        headers={**headers, "Content-Type": "multipart/form-data; boundary=b"},
    )

    assert response.status_code == 400, response.text
    assert response.json()["detail"] == "'file': unsupported type: list."
    assert "<class" not in response.text


async def test_a_form_sent_to_the_upload_asks_for_multipart(client: Client) -> None:
    headers = await register(client)

    response = await client.post(
        f"{SAMPLES}/upload",
        content=b"document_type=resume",
        headers={**headers, "Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.status_code == 415, response.text
    assert response.json()["detail"] == "Send the request body as multipart/form-data."
