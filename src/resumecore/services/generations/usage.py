"""Use case: what a user spent on the language model, today and in all, against the budget."""

from __future__ import annotations

import msgspec

from resumecore.model.principal import Principal
from resumecore.ports.language_model import TokenUsage
from resumecore.ports.llm_usage import TokenLedger
from resumecore.ports.system import Clock
from resumecore.services.generations.writers import LLM, Writers


class LlmUsage(msgspec.Struct, frozen=True, kw_only=True):
    """Tokens spent today (UTC) and in all; ``available`` says whether a model is configured."""

    available: bool
    tokens_per_day: int
    today_tokens: int
    remaining_today: int
    total: TokenUsage


class GetLlmUsage:
    """The caller's language-model spending (generations and enhancements summed)."""

    def __init__(self, ledger: TokenLedger, writers: Writers, clock: Clock) -> None:
        self._ledger = ledger
        self._writers = writers
        self._clock = clock

    async def __call__(self, principal: Principal) -> LlmUsage:
        """Today's and all-time usage of ``principal``; no one else's is ever readable."""
        spent = await self._ledger.spent(principal.user_id, self._clock.now().date())
        total = await self._ledger.total(principal.user_id)
        budget = self._writers.tokens_per_day
        return LlmUsage(
            available=self._writers.has(LLM),
            tokens_per_day=budget,
            today_tokens=spent,
            remaining_today=max(0, budget - spent),
            total=total,
        )
