"""Batch exports over HTTP on SQLite and PostgreSQL: several generations in one ZIP.

The ZIP holds one file per generation under unique names; it is stored, listed and
downloaded like any export (``application/zip``). All or nothing: another user's id is a
404, an unfinished generation a 409, and neither leaves a record or a file behind.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.integration.http_helpers import Client, assert_problem
from tests.integration.test_http_exports import (
    EXPORTS,
    app,
    exported_file,
    local,
    resume_generation,
)
from tests.integration.test_http_generations import GENERATIONS, POSTING, auth, user

BATCH = f"{EXPORTS}/batch"


def stored_files(tmp_path: Path) -> list[Path]:
    return [p for p in tmp_path.rglob("*") if p.is_file() and "exports" in p.parts]


async def another_job(client: Client, who: dict[str, str], n: int) -> dict[str, str]:
    """``who`` with a further job at the same company (its generation is a new one)."""
    text = POSTING.replace("Senior Backend Engineer", f"Backend Engineer {n}")
    job = await client.post(
        "/api/v1/jobs", json={"source": "user_created", "raw_text": text}, headers=auth(who)
    )
    assert job.status_code == 201, job.text
    return {**who, "job": job.json()["id"]}


async def listed(client: Client, who: dict[str, str]) -> int:
    response = await client.get(f"{EXPORTS}/files", headers=auth(who))
    assert response.status_code == 200, response.text
    return int(response.json()["total"])


async def test_a_batch_is_one_zip_with_a_file_per_generation(
    tmp_path: Path, database_url: str
) -> None:
    async with app(tmp_path, database_url) as (client, _):
        ada = await user(client, "ada@example.com")
        generations = [await resume_generation(client, ada)]
        for n in (2, 3):
            generations.append(await resume_generation(client, await another_job(client, ada, n)))
        assert len(set(generations)) == 3
        response = await client.post(
            BATCH,
            json={
                "generation_ids": generations,
                "template": "classic",
                "format": "pdf",
                "options": {"accent_color": "green"},
            },
            headers=auth(ada),
        )
        assert response.status_code == 201, response.text
        body = exported_file(response.json())
        assert body["media_type"] == "application/zip"
        assert body["filename"].endswith(".zip")
        assert body["format"] == "pdf"
        assert body["generation_id"] == generations[0]

        downloaded = await client.get(local(body["download_url"]))
        assert downloaded.status_code == 200, downloaded.text
        assert downloaded.headers["content-type"].startswith("application/zip")
        assert len(downloaded.content) == body["file_size_bytes"]
        with zipfile.ZipFile(io.BytesIO(downloaded.content)) as archive:
            names = archive.namelist()
            contents = [archive.read(n) for n in names]
        assert names == [
            "resume-acme-analytics-2026-01-15.pdf",
            "resume-acme-analytics-2026-01-15-2.pdf",
            "resume-acme-analytics-2026-01-15-3.pdf",
        ]
        assert len(set(names)) == len(generations)
        for content in contents:
            assert content.startswith(b"%PDF-1.7\nclassic|Calibri|green\n")

        assert await listed(client, ada) == 1
        docx = await client.post(
            BATCH, json={"generation_ids": generations[:1], "format": "docx"}, headers=auth(ada)
        )
        assert docx.status_code == 201, docx.text
        with zipfile.ZipFile(
            io.BytesIO((await client.get(local(docx.json()["download_url"]))).content)
        ) as archive:
            assert archive.namelist() == ["resume-acme-analytics-2026-01-15.docx"]

        removed = await client.delete(f"{EXPORTS}/files/{body['id']}", headers=auth(ada))
        assert removed.status_code == 204
        assert (await client.get(local(body["download_url"]))).status_code == 404


async def test_another_users_id_is_a_404_and_nothing_is_stored(
    tmp_path: Path, database_url: str
) -> None:
    async with app(tmp_path, database_url) as (client, _):
        ada = await user(client, "ada@example.com")
        bob = await user(client, "bob@example.com")
        mine = await resume_generation(client, ada)
        theirs = await resume_generation(client, bob)
        before = stored_files(tmp_path)
        for ids in ([mine, theirs], [theirs], [mine, "no-such-generation"]):
            response = await client.post(
                BATCH, json={"generation_ids": ids, "format": "pdf"}, headers=auth(ada)
            )
            assert_problem(response, 404)
        assert await listed(client, ada) == 0
        assert stored_files(tmp_path) == before


async def test_a_pending_generation_is_a_409_and_nothing_is_stored(
    tmp_path: Path, database_url: str
) -> None:
    async with app(tmp_path, database_url) as (client, _):
        ada = await user(client, "ada@example.com")
        done = await resume_generation(client, ada)
        later = await another_job(client, ada, 2)
    async with app(tmp_path, database_url, generation_workers=0, wipe_first=False) as (
        client,
        _,
    ):
        login = await client.post(
            "/api/v1/auth/login",
            json={"email": "ada@example.com", "password": "correct horse battery"},
        )
        assert login.status_code == 200, login.text
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        pending = await client.post(
            f"{GENERATIONS}/resume", json={"job_id": later["job"]},
            headers={**headers, "Prefer": "wait=0"},
        )  # fmt: skip
        assert pending.status_code == 202, pending.text
        before = stored_files(tmp_path)
        response = await client.post(
            BATCH,
            json={"generation_ids": [done, pending.json()["id"]], "format": "pdf"},
            headers=headers,
        )
        assert_problem(response, 409)
        assert stored_files(tmp_path) == before
        listing = await client.get(f"{EXPORTS}/files", headers=headers)
        assert listing.json()["total"] == 0


async def test_bad_batches_are_refused(tmp_path: Path, database_url: str) -> None:
    async with app(tmp_path, database_url) as (client, _):
        ada = await user(client, "ada@example.com")
        generation = await resume_generation(client, ada)
        for body in (
            {"generation_ids": [], "format": "pdf"},
            {"generation_ids": [generation] * 21, "format": "pdf"},
            {"generation_ids": [generation], "format": "markdown"},
            {"generation_ids": [generation], "template": "nope"},
        ):
            response = await client.post(BATCH, json=body, headers=auth(ada))
            assert response.status_code in {400, 422}, (body, response.text)
        unauthenticated = await client.post(BATCH, json={"generation_ids": [generation]})
        assert unauthenticated.status_code == 401
        assert await listed(client, ada) == 0
