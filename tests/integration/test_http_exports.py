"""Exports over HTTP on SQLite and PostgreSQL, with a fake renderer (tests/support/renderers).

The app's calls E1-E9 replayed with the app's casts (mobile-client.md §3 ExportedFile and
Template), the signed download without a token (forged, altered, expired, deleted, another
id), the errors (unknown or unfinished generation, template, options, missing format, a
renderer's RenderError), listings with filters, the job view grouped by date, and deletes.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from resumecore.services.exports.create import Renderers
from resumecore_server.adapters.render.markdown import MarkdownRenderer
from resumecore_server.entrypoints.http.controllers.exports import content_disposition
from tests.integration.http_helpers import Client, app_client, assert_problem
from tests.integration.test_http_generations import GENERATIONS, auth, user
from tests.support.clock import FakeClock
from tests.support.renderers import fake_renderers

EXPORTS = "/api/v1/exports"
BASE = "https://api.example.com"


def app(tmp_path: Path, database_url: str, renderers: Renderers | None = None, **kw: Any) -> Any:
    return app_client(
        tmp_path,
        database_url,
        overrides={Renderers: renderers or fake_renderers()},
        public_base_url=BASE,
        **kw,
    )


async def resume_generation(client: Client, who: dict[str, str]) -> str:
    made = await client.post(
        f"{GENERATIONS}/resume", json={"job_id": who["job"]}, headers=auth(who)
    )
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def exported_file(body: dict[str, Any]) -> dict[str, Any]:
    """The app's ExportedFile.fromJson casts (mobile-client.md §3)."""
    assert isinstance(body.get("export_id") or body["id"], str)
    for key in ("format", "template", "filename"):
        assert isinstance(body[key], str), key
    assert isinstance(body["file_size_bytes"], int)
    assert not isinstance(body["file_size_bytes"], bool)
    url = urlsplit(body["download_url"])
    assert url.scheme in {"http", "https"}
    assert url.netloc
    datetime.fromisoformat(body["created_at"])
    datetime.fromisoformat(body["expires_at"])
    for key in ("generation_id", "job_id"):
        assert isinstance(body[key], str | None)
    meta = body["metadata"]
    assert isinstance(meta, dict)
    for key in ("job_title", "company", "company_name"):
        assert isinstance(meta[key], str | None)
    return body


def template_casts(body: dict[str, Any]) -> None:
    """The app's Template model casts."""
    for key in ("id", "name", "description"):
        assert isinstance(body[key], str)
    assert isinstance(body.get("ats_score", 0), int)
    assert all(isinstance(i, str) for i in body.get("industries") or [])
    custom = body.get("supports_customization") or {}
    assert isinstance(custom.get("accent_color", False), bool)
    assert isinstance(custom.get("font_family", False), bool)
    assert isinstance(body.get("preview_url"), str | None)


def local(url: str) -> str:
    """The path and query of an absolute link (the test client serves every host)."""
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == BASE
    return f"{parts.path}?{parts.query}"


async def test_the_apps_template_lists_work(tmp_path: Path, database_url: str) -> None:
    async with app(tmp_path, database_url) as (client, _):
        ada = await user(client, "ada@example.com")
        templates = await client.get(f"{EXPORTS}/templates", headers=auth(ada))  # E1
        assert templates.status_code == 200
        ids = [t["id"] for t in templates.json()["templates"]]
        assert {"modern", "classic", "creative", "ats-optimized"} <= set(ids)
        for body in templates.json()["templates"]:
            template_casts(body)
        one = await client.get(f"{EXPORTS}/templates/classic", headers=auth(ada))  # E9
        assert one.status_code == 200
        template_casts(one.json())


async def test_the_apps_export_screens_work(tmp_path: Path, database_url: str) -> None:
    async with app(tmp_path, database_url) as (client, _):
        ada = await user(client, "ada@example.com")
        generation = await resume_generation(client, ada)

        pdf = await client.post(
            f"{EXPORTS}/pdf",
            json={
                "generation_id": generation,
                "template": "modern",
                "format": "pdf",
                "options": {"font_family": "Times New Roman", "accent_color": "purple"},
            },
            headers=auth(ada),
        )  # E2, exactly as the app sends it
        assert pdf.status_code == 201, pdf.text
        first = exported_file(pdf.json())
        assert first["id"] == first["export_id"]
        assert first["generation_id"] == generation
        assert first["job_id"] == ada["job"]
        assert (first["format"], first["template"], first["page_count"]) == ("pdf", "modern", 1)
        assert first["filename"] == "resume-acme-analytics-2026-01-15.pdf"
        assert first["metadata"]["company"] == "Acme Analytics"
        assert first["metadata"]["job_title"]
        assert first["dropped"] == []
        assert first["download_url"].startswith(f"{BASE}/api/v1/exports/files/{first['id']}/")
        assert first["expires_at"].startswith("2026-02-14")

        docx = await client.post(
            f"{EXPORTS}/docx",
            json={"generation_id": generation, "template": "ats-optimized", "format": "docx"},
            headers=auth(ada),
        )  # E3 (no options: no dropdown touched)
        assert docx.status_code == 201, docx.text
        exported_file(docx.json())
        markdown = await client.post(
            f"{EXPORTS}/markdown", json={"generation_id": generation, "template": "classic"},
            headers=auth(ada),
        )  # fmt: skip
        assert markdown.status_code == 201, markdown.text

        files = await client.get(f"{EXPORTS}/files?limit=50&offset=0", headers=auth(ada))  # E5
        assert files.status_code == 200
        listed = files.json()
        made = {first["id"], docx.json()["id"], markdown.json()["id"]}
        assert {e["id"] for e in listed["exports"]} == made  # same instant: order is by id
        assert (listed["total"], listed["has_more"]) == (3, False)
        for body in listed["exports"]:
            exported_file(body)

        job = await client.get(f"{EXPORTS}/files/job/{ada['job']}", headers=auth(ada))  # E6
        assert job.status_code == 200
        grouped = job.json()
        assert list(grouped["exports_by_date"]) == ["2026-01-15"]
        assert len(grouped["exports_by_date"]["2026-01-15"]) == 3
        for body in grouped["exports_by_date"]["2026-01-15"]:
            exported_file(body)
        assert grouped["total_exports"] == 3
        assert grouped["total_size_bytes"] == sum(e["file_size_bytes"] for e in listed["exports"])
        assert grouped["company"] == "Acme Analytics"

        link = await assert_downloads(client, ada, first)

        deleted = await client.delete(f"{EXPORTS}/files/{first['id']}", headers=auth(ada))  # E8
        assert deleted.status_code == 204
        assert (
            await client.get(f"{EXPORTS}/files/{first['id']}", headers=auth(ada))
        ).status_code == 404
        assert_problem(await client.get(local(link.json()["download_url"])), 404)
        after = await client.get(f"{EXPORTS}/files", headers=auth(ada))
        assert after.json()["total"] == 2


async def assert_downloads(client: Client, ada: dict[str, str], first: dict[str, Any]) -> Any:
    """E7: the link, then the bytes through it without a token, with the right headers."""
    link = await client.get(f"{EXPORTS}/files/{first['id']}/download", headers=auth(ada))
    assert link.status_code == 200  # E7: then a fresh Dio() GETs it, no token
    downloaded = await client.get(local(link.json()["download_url"]))
    assert downloaded.status_code == 200, downloaded.text
    assert downloaded.content.startswith(b"%PDF-1.7\nmodern|Times New Roman|purple\n")
    assert len(downloaded.content) == first["file_size_bytes"]
    assert downloaded.headers["content-type"] == "application/pdf"
    assert downloaded.headers["content-disposition"] == (
        'attachment; filename="resume-acme-analytics-2026-01-15.pdf"; '
        "filename*=UTF-8''resume-acme-analytics-2026-01-15.pdf"
    )
    checksum = hashlib.sha256(downloaded.content).hexdigest()
    assert downloaded.headers["etag"] == f'"{checksum}"'
    assert first["checksum"] == checksum
    assert downloaded.headers["cache-control"] == "private, no-store"
    return link


async def test_listing_filters_by_format_and_job(tmp_path: Path, database_url: str) -> None:
    clock = FakeClock()
    days = 100 * 86400  # the access token must outlive the days the clock moves
    async with app(tmp_path, database_url, clock=clock, access_token_ttl_seconds=days) as (
        client,
        _,
    ):
        ada = await user(client, "ada@example.com")
        generation = await resume_generation(client, ada)
        body = {"generation_id": generation, "template": "modern"}
        made = []
        for route in ("pdf", "docx", "pdf"):
            clock.advance(86400)
            response = await client.post(f"{EXPORTS}/{route}", json=body, headers=auth(ada))
            assert response.status_code == 201, response.text
            made.append(response.json()["id"])

        pdfs = await client.get(f"{EXPORTS}/files?format=pdf", headers=auth(ada))
        assert [e["id"] for e in pdfs.json()["exports"]] == [made[2], made[0]]
        paged = await client.get(f"{EXPORTS}/files?limit=1&offset=1", headers=auth(ada))
        assert [e["id"] for e in paged.json()["exports"]] == [made[1]]
        assert (paged.json()["total"], paged.json()["has_more"]) == (3, True)
        other = await client.get(f"{EXPORTS}/files?job_id=nope", headers=auth(ada))
        assert other.json()["total"] == 0
        job = await client.get(f"{EXPORTS}/files/job/{ada['job']}", headers=auth(ada))
        assert list(job.json()["exports_by_date"]) == ["2026-01-18", "2026-01-17", "2026-01-16"]

        clock.advance(28 * 86400 + 3600)  # the first export has expired, the others not yet
        login = {"email": "ada@example.com", "password": "correct horse battery"}
        token = (await client.post("/api/v1/auth/login", json=login)).json()["access_token"]
        ada = {"Authorization": f"Bearer {token}"}  # the first session has expired too
        left = await client.get(f"{EXPORTS}/files", headers=ada)
        assert left.status_code == 200, left.text
        assert left.json()["total"] == 2
        gone = await client.get(f"{EXPORTS}/files/{made[0]}", headers=ada)
        assert_problem(gone, 404)


async def test_signed_links_refuse_forgery_alteration_expiry_and_other_ids(
    tmp_path: Path, database_url: str
) -> None:
    clock = FakeClock()
    async with app(tmp_path, database_url, clock=clock) as (client, _):
        ada = await user(client, "ada@example.com")
        bob = await user(client, "bob@example.com")
        generation = await resume_generation(client, ada)
        body = {"generation_id": generation, "template": "modern"}
        mine = (await client.post(f"{EXPORTS}/pdf", json=body, headers=auth(ada))).json()
        also = (await client.post(f"{EXPORTS}/docx", json=body, headers=auth(ada))).json()
        url = local(mine["download_url"])
        path, query = url.split("?")
        params = {k: v[0] for k, v in parse_qs(query).items()}
        assert set(params) == {"expires", "sig"}

        assert (await client.get(url)).status_code == 200
        # Bob holding a valid link of Ada's can only ever get that one file.
        assert (await client.get(url, headers=auth(bob))).status_code == 200
        forged = {
            "sig zeroed": f"{path}?expires={params['expires']}&sig={'0' * 64}",
            "sig missing": f"{path}?expires={params['expires']}",
            "nothing": path,
            "expiry moved": f"{path}?expires={int(params['expires']) + 3600}&sig={params['sig']}",
            "expiry not a number": f"{path}?expires=abc&sig={params['sig']}",
            "other id": f"{path.replace(mine['id'], also['id'])}?{query}",
            "sig truncated": f"{path}?expires={params['expires']}&sig={params['sig'][:-2]}",
        }
        for name, bad in forged.items():
            response = await client.get(bad)
            assert_problem(response, 403)
            assert response.content.find(b"%PDF") == -1, name

        clock.advance(15 * 60)
        assert_problem(await client.get(url), 403)
        fresh = await client.get(f"{EXPORTS}/files/{mine['id']}/download", headers=auth(ada))
        assert (await client.get(local(fresh.json()["download_url"]))).status_code == 200
        assert fresh.json()["expires_at"].startswith("2026-01-15T12:30")


async def test_cors_lets_the_web_build_fetch_a_download(tmp_path: Path, database_url: str) -> None:
    origin = "https://app.example.com"
    async with app(tmp_path, database_url, cors_origins=origin) as (client, _):
        ada = await user(client, "ada@example.com")
        generation = await resume_generation(client, ada)
        made = await client.post(
            f"{EXPORTS}/pdf", json={"generation_id": generation, "template": "modern"},
            headers=auth(ada),
        )  # fmt: skip
        response = await client.get(local(made.json()["download_url"]), headers={"Origin": origin})
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == origin
        # The web build reads the file name from Content-Disposition: it must be exposed.
        exposed = response.headers["access-control-expose-headers"].lower()
        assert "content-disposition" in exposed


async def test_what_cannot_be_exported_is_refused(tmp_path: Path, database_url: str) -> None:
    async with app(tmp_path, database_url, fake_renderers("pdf")) as (client, _):
        ada = await user(client, "ada@example.com")
        generation = await resume_generation(client, ada)
        ok = {"generation_id": generation, "template": "modern"}

        cases: list[tuple[str, dict[str, Any], int]] = [
            ("pdf", {**ok, "generation_id": "00000000-0000-4000-8000-000000000000"}, 404),
            ("pdf", {**ok, "template": "fancy"}, 422),
            ("pdf", {**ok, "format": "docx"}, 422),
            ("pdf", {**ok, "options": {"font_size": 40}}, 422),
            ("pdf", {**ok, "options": {"accent_color": "<script>"}}, 400),
            ("pdf", {**ok, "options": {"css": "body{}"}}, 400),
            ("pdf", {**ok, "owner": "me"}, 400),
            ("docx", ok, 422),
        ]
        for route, body, status in cases:
            response = await client.post(f"{EXPORTS}/{route}", json=body, headers=auth(ada))
            assert_problem(response, status)
        missing = await client.post(f"{EXPORTS}/docx", json=ok, headers=auth(ada))
        assert "DOCX export is not available on this server." in missing.text
        assert (await client.post(f"{EXPORTS}/pdf", json=ok)).status_code == 401
        listed = await client.get(f"{EXPORTS}/files", headers=auth(ada))
        assert listed.json()["total"] == 0
        assert_problem(await client.get(f"{EXPORTS}/templates/fancy", headers=auth(ada)), 404)


async def test_an_unfinished_generation_is_a_conflict(tmp_path: Path, database_url: str) -> None:
    async with app(tmp_path, database_url, generation_workers=0) as (client, _):
        ada = await user(client, "ada@example.com")
        pending = await client.post(
            f"{GENERATIONS}/resume", json={"job_id": ada["job"]},
            headers={**auth(ada), "Prefer": "wait=0"},
        )  # fmt: skip
        assert pending.status_code == 202
        response = await client.post(
            f"{EXPORTS}/pdf", json={"generation_id": pending.json()["id"], "template": "modern"},
            headers=auth(ada),
        )  # fmt: skip
        assert_problem(response, 409)


async def test_a_render_error_is_a_422_with_its_message(tmp_path: Path, database_url: str) -> None:
    failing = fake_renderers(fail_with="The font Arial cannot draw 'ꙮ' (experience 1).")
    async with app(tmp_path, database_url, failing) as (client, application):
        ada = await user(client, "ada@example.com")
        generation = await resume_generation(client, ada)
        response = await client.post(
            f"{EXPORTS}/pdf", json={"generation_id": generation, "template": "modern"},
            headers=auth(ada),
        )  # fmt: skip
        body = assert_problem(response, 422)
        assert body["detail"] == "The font Arial cannot draw 'ꙮ' (experience 1)."
        exports_dir = Path(application.settings.data_dir) / "exports"
        assert not exports_dir.exists() or not any(exports_dir.rglob("*.pdf"))


async def test_files_are_stored_privately_and_removed_on_delete(
    tmp_path: Path, database_url: str
) -> None:
    async with app(tmp_path, database_url) as (client, application):
        ada = await user(client, "ada@example.com")
        generation = await resume_generation(client, ada)
        made = await client.post(
            f"{EXPORTS}/pdf", json={"generation_id": generation, "template": "modern"},
            headers=auth(ada),
        )  # fmt: skip
        stored = list((Path(application.settings.data_dir) / "exports").rglob("*.pdf"))
        assert len(stored) == 1
        assert stored[0].stat().st_mode & 0o077 == 0
        assert stored[0].stat().st_size == made.json()["file_size_bytes"]

        await client.delete(f"{EXPORTS}/files/{made.json()['id']}", headers=auth(ada))
        assert not stored[0].exists()


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("resume.pdf", "attachment; filename=\"resume.pdf\"; filename*=UTF-8''resume.pdf"),
        ('a"b\\c.pdf', "attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%5Cc.pdf"),
        (
            "résumé.pdf",
            "attachment; filename=\"r_sum_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf",
        ),
    ],
)
def test_content_disposition_follows_rfc_6266(filename: str, expected: str) -> None:
    assert content_disposition(filename) == expected


async def test_the_real_markdown_renderer_exports_and_downloads(
    tmp_path: Path, database_url: str
) -> None:
    renderers = Renderers({"markdown": MarkdownRenderer()})
    async with app(tmp_path, database_url, renderers) as (client, _):
        ada = await user(client, "ada@example.com")
        generation = await resume_generation(client, ada)
        made = await client.post(
            f"{EXPORTS}/markdown",
            json={"generation_id": generation, "template": "modern"},
            headers=auth(ada),
        )
        assert made.status_code == 201, made.text
        body = exported_file(made.json())
        assert body["filename"].endswith(".md")
        downloaded = await client.get(local(body["download_url"]))
        assert downloaded.status_code == 200
        assert downloaded.headers["content-type"] == "text/markdown; charset=utf-8"
        assert len(downloaded.content) == body["file_size_bytes"] > 0
        downloaded.content.decode("utf-8")
