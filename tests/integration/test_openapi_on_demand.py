"""The OpenAPI document is built and finished on its first request, not at start-up."""

from __future__ import annotations

from pathlib import Path

import pytest
from litestar._openapi.plugin import OpenAPIPlugin
from litestar.testing import AsyncTestClient

from resumecore_server.entrypoints.http import app as app_module
from resumecore_server.entrypoints.http.app import create_app
from resumecore_server.entrypoints.http.openapi import finish_openapi
from tests.support.app import make_application


async def test_the_document_is_built_and_finished_on_its_first_request(
    tmp_path: Path, sqlite_only_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(make_application(tmp_path / "on-demand", sqlite_only_url))
    plugin = app.plugins.get(OpenAPIPlugin)
    assert plugin._openapi is None  # creating the app built nothing

    async with AsyncTestClient(app) as client:
        served = (await client.get("/schema/openapi.json")).json()

    assert plugin._openapi is not None
    assert "ProblemDetails" in served["components"]["schemas"]
    assert set(served["paths"]["/health"]["get"]["responses"]) == {"200", "400"}
    # The same document as finishing it while creating the app gives.
    monkeypatch.setattr(app_module, "finish_openapi_on_demand", finish_openapi)
    at_once = create_app(make_application(tmp_path / "at-once", sqlite_only_url))
    assert app.openapi_schema.to_schema() == at_once.openapi_schema.to_schema()
