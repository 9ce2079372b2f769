"""The composition root registers a LanguageModel only when one is configured."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumecore.ports.language_model import LanguageModel
from resumecore_server.adapters.llm.openai_model import OpenAiLanguageModel
from resumecore_server.entrypoints.bootstrap import build_application
from tests.support.app import make_settings


def url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path}/x.db"


async def test_no_model_is_registered_without_configuration(tmp_path: Path) -> None:
    app = build_application(make_settings(tmp_path, url(tmp_path)))
    with pytest.raises(Exception, match="LanguageModel"):
        app.resolve(LanguageModel)
    await app.aclose()


async def test_the_configured_model_is_the_openai_adapter_and_is_closed(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path,
        url(tmp_path),
        llm_base_url="http://127.0.0.1:11434/v1",
        llm_model="llama3.2",
        llm_structured_output="prompt_only",
    )
    app = build_application(settings)
    model = app.resolve(LanguageModel)
    # Metrics and tracing wrap the adapter; the model underneath is the OpenAI adapter.
    while not isinstance(model, OpenAiLanguageModel):
        model = getattr(model, "_inner", None) or model._model
    assert model.model == "llama3.2"
    assert model._mode == "prompt_only"
    assert model._client.is_closed() is False
    await app.aclose()
    assert model._client.is_closed() is True
