"""RESUMECORE_PARSER_LLM_ASSIST: CreateJob gets the assist only when it is turned on."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumecore.posting_assist.llm_assist import LlmPostingAssist
from resumecore.services.jobs.manage import CreateJob, ImportJobSchema
from resumecore_server.entrypoints.bootstrap import build_application
from tests.support.app import make_settings

MODEL = {"llm_base_url": "http://127.0.0.1:9/v1", "llm_model": "local"}


@pytest.mark.parametrize(
    ("options", "assisted"),
    [({}, False), (MODEL, False), ({**MODEL, "parser_llm_assist": True}, True)],
)
async def test_create_job_is_assisted_only_when_turned_on(
    tmp_path: Path, options: dict[str, object], assisted: bool
) -> None:
    settings = make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path}/x.db", **options)
    app = build_application(settings)
    create = app.resolve(CreateJob)
    assert isinstance(create._assist, LlmPostingAssist) is assisted
    assert app.resolve(CreateJob) is create  # still one singleton
    assert app.resolve(ImportJobSchema)._create is create
    await app.aclose()
