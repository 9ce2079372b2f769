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
