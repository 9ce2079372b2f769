"""Exports with the real renderers, as the app asks for them: the PDF and DOCX it downloads hold
every written line in order (the ATS re-check stored with each export says so too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumecore_server.adapters.render.extract import extract_text
from tests.integration.http_helpers import app_client
from tests.integration.test_http_exports import EXPORTS, exported_file, local
from tests.integration.test_http_generations import GENERATIONS, auth, user
from tests.unit.test_json_resume import assert_schema_valid


@pytest.mark.parametrize("file_format", ["pdf", "docx"])
async def test_the_downloaded_file_holds_the_generated_document(
    tmp_path: Path, database_url: str, file_format: str
) -> None:
    async with app_client(tmp_path, database_url, public_base_url="https://api.example.com") as (
        client,
        _,
    ):
        ada = await user(client, "ada@example.com")
        made = await client.post(
            f"{GENERATIONS}/resume", json={"job_id": ada["job"]}, headers=auth(ada)
        )
        generation = made.json()
        exported = await client.post(
            f"{EXPORTS}/{file_format}",
            json={
                "generation_id": generation["id"],
                "template": "modern",
                "format": file_format,
                "options": {"font_family": "Arial", "accent_color": "green"},
            },
            headers=auth(ada),
        )  # fmt: skip  (E2/E3 as the app sends them)
        assert exported.status_code == 201, exported.text
        body = exported_file(exported.json())
        check = exported.json()["ats_check"]
        assert check["passed"] is True, check
        assert check["lines_found"] == check["lines_expected"] > 10

        downloaded = await client.get(local(body["download_url"]))
        assert downloaded.status_code == 200
        text = " ".join(extract_text(downloaded.content, file_format).split()).casefold()
        for line in generation["content_text"].splitlines()[2:8]:
            assert " ".join(line.lstrip("- ").split()).casefold() in text


async def test_the_tailored_content_exports_as_json_resume(
    tmp_path: Path, database_url: str
) -> None:
    async with app_client(tmp_path, database_url, public_base_url="https://api.example.com") as (
        client,
        _,
    ):
        ada = await user(client, "ada@example.com")
        made = await client.post(
            f"{GENERATIONS}/resume",
            json={"job_id": ada["job"], "max_experiences": 2},
            headers=auth(ada),
        )
        generation = made.json()
        exported = await client.post(
            f"{EXPORTS}/json-resume", json={"generation_id": generation["id"]}, headers=auth(ada)
        )
        assert exported.status_code == 201, exported.text
        assert exported.json()["filename"].endswith(".json")
        downloaded = await client.get(local(exported.json()["download_url"]))
        assert downloaded.headers["content-type"].startswith("application/json")
        document = downloaded.json()
        assert_schema_valid(document)

        sections = generation["content_structured"]["sections"]
        shown = next(s for s in sections if s["kind"] == "experience")["entries"]
        assert len(document["work"]) == len(shown) <= 2
        for work, entry in zip(document["work"], shown, strict=True):
            assert work["position"] in entry["heading"]["text"]
            assert work["name"] in entry["heading"]["text"]
            bullets = [line["text"] for line in entry["lines"]]
            assert set(work.get("highlights", [])) <= set(bullets)


async def test_emoji_in_the_profile_or_a_pasted_posting_do_not_stop_a_pdf_export(
    tmp_path: Path, database_url: str
) -> None:
    # Phone keyboards and pasted postings bring emoji the bundled fonts lack; the app swallows
    # an export error and shows "Document exported successfully!" with no file behind it.
    async with app_client(tmp_path, database_url, public_base_url="https://api.example.com") as (
        client,
        _,
    ):
        ada = await user(client, "ada@example.com")
        summary = {
            "professional_summary": "Backend engineer 🚀 who ships 👩\u200d💻 and mentors ✨."
        }
        updated = await client.put(
            f"/api/v1/profiles/{ada['profile']}", json=summary, headers=auth(ada)
        )
        assert updated.status_code == 200, updated.text
        posting = "Senior Python Engineer\nRocket Labs 🌍\nBerlin\n\nPython, PostgreSQL, Docker"
        job = await client.post(
            "/api/v1/jobs", json={"source": "user_created", "raw_text": posting}, headers=auth(ada)
        )
        assert job.status_code == 201, job.text
        job_id, company = job.json()["id"], job.json()["company"]
        for kind, body, emoji, words in (
            ("resume", {"job_id": job_id, "include_summary": True}, "🚀", "Backend engineer"),
            ("cover-letter", {"job_id": job_id, "company_name": company}, "🌍", "Rocket Labs"),
        ):
            made = await client.post(f"{GENERATIONS}/{kind}", json=body, headers=auth(ada))
            assert made.status_code == 201, made.text
            assert emoji in made.json()["content_text"], made.json()["content_text"]
            exported = await client.post(
                f"{EXPORTS}/pdf",
                json={"generation_id": made.json()["id"], "template": "modern", "format": "pdf"},
                headers=auth(ada),
            )
            assert exported.status_code == 201, exported.text
            assert exported.json()["ats_check"]["passed"] is True, exported.json()["ats_check"]
            downloaded = await client.get(local(exported_file(exported.json())["download_url"]))
            text = " ".join(extract_text(downloaded.content, "pdf").split())
            assert emoji not in text
            assert words in text
