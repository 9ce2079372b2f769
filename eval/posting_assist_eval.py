"""The world eval with the LLM assist: the same postings parsed by ``LlmPostingAssist``.

Runs only when a model is configured in the environment, as the server reads it:
``RESUMECORE_LLM_MODEL`` and ``RESUMECORE_LLM_BASE_URL`` and/or ``RESUMECORE_LLM_API_KEY``
(``RESUMECORE_LLM_STRUCTURED_OUTPUT`` optional). Replies are cached in memory for the run and
the token budget is unlimited; the calls and tokens spent are reported.
"""

from __future__ import annotations

import asyncio
import os

from resumecore.ids import UserId
from resumecore.ports.language_model import LanguageModel, TokenUsage
from resumecore.posting_assist.llm_assist import LlmPostingAssist
from resumecore.postings import ParsedPosting
from resumecore_server.adapters.memory.llm_usage import MemoryReplyCache, MemoryTokenLedger
from resumecore_server.adapters.system import SystemClock

EVAL_USER = UserId("posting-world-eval")


def model_from_environment() -> tuple[LanguageModel | None, str]:
    """The configured model, or None and why it is not there."""
    name = os.environ.get("RESUMECORE_LLM_MODEL", "")
    base_url = os.environ.get("RESUMECORE_LLM_BASE_URL", "")
    key = os.environ.get("RESUMECORE_LLM_API_KEY", "")
    if not name or not (base_url or key):
        return None, "set RESUMECORE_LLM_MODEL and RESUMECORE_LLM_BASE_URL and/or _API_KEY"
    try:
        from resumecore_server.adapters.llm.openai_model import OpenAiLanguageModel  # noqa: PLC0415
    except ImportError:
        return None, "the llm extra is not installed (pip install -e '.[llm]')"
    mode = os.environ.get("RESUMECORE_LLM_STRUCTURED_OUTPUT", "json_schema")
    model = OpenAiLanguageModel(
        model=name,
        base_url=base_url,
        api_key=key,
        structured_output=mode,  # type: ignore[arg-type]
    )
    return model, ""


def assisted_parses(
    model: LanguageModel, texts: list[str]
) -> tuple[dict[str, ParsedPosting], TokenUsage]:
    """Every text parsed through the assist (a few at a time, one event loop), and the cost."""
    return asyncio.run(_parse_all(model, texts))


async def _parse_all(
    model: LanguageModel, texts: list[str]
) -> tuple[dict[str, ParsedPosting], TokenUsage]:
    ledger = MemoryTokenLedger()
    assist = LlmPostingAssist(
        model, MemoryReplyCache(), ledger, SystemClock(), tokens_per_day=10**12
    )
    gate = asyncio.Semaphore(4)
    parsed: dict[str, ParsedPosting] = {}

    async def one(text: str) -> None:
        async with gate:
            parsed[text] = await assist.parse(text, user_id=EVAL_USER)

    try:
        await asyncio.gather(*(one(text) for text in dict.fromkeys(texts)))
    finally:
        close = getattr(model, "aclose", None)
        if close is not None:
            await close()
    return parsed, await ledger.total(EVAL_USER)
