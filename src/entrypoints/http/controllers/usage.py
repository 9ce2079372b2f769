"""The caller's language-model usage: today's tokens against the daily budget, and in all."""

from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency, Provide

from resumecore.model.principal import Principal
from resumecore.services.generations.usage import GetLlmUsage, LlmUsage
from resumecore_server.entrypoints.http.security import provide_principal


class UsageController(Controller):
    """``GET /api/v1/usage/llm``: what generations and enhancements cost the caller."""

    path = "/api/v1/usage"
    tags = ["generations"]
    security = [{"BearerToken": []}]
    dependencies = {"principal": Provide(provide_principal)}

    @get("/llm", operation_id="llm_usage")
    async def llm_usage(
        self, principal: NamedDependency[Principal], get_llm_usage: NamedDependency[GetLlmUsage]
    ) -> LlmUsage:
        """Tokens spent today (UTC) and in all, the daily budget and what is left of it."""
        return await get_llm_usage(principal)
