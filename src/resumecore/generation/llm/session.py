"""One document's calls to the model: cached, within the user's daily budget, accounted.

A reply is looked up by (prompt version, model, schema, messages) before the model is asked;
the messages are already redacted, so the key holds no personal data in clear. A call is made
only while the user's tokens today are under the budget; its usage is added to the ledger
whatever happens next, and summed here for the document's provenance.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TypeVar

import msgspec

from resumecore.errors import TokenBudgetExhausted
from resumecore.ids import UserId
from resumecore.ports.language_model import ChatMessage, LanguageModel, TokenUsage
from resumecore.ports.llm_usage import ReplyCache, TokenLedger
from resumecore.ports.system import Clock

T = TypeVar("T")


def reply_key(prompt_version: str, model: str, schema: str, messages: Sequence[ChatMessage]) -> str:
    """The cache key of a reply: a hash of everything that shaped it."""
    raw = msgspec.json.encode([prompt_version, model, schema, messages])
    return hashlib.sha256(raw).hexdigest()


def seconds_to_next_day(now: datetime) -> int:
    """Seconds until the next UTC midnight, when a daily budget starts again."""
    tomorrow = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1, int((tomorrow - now).total_seconds()))


async def ensure_budget(ledger: TokenLedger, user_id: UserId, now: datetime, budget: int) -> None:
    """Refuse when ``user_id`` spent ``budget`` tokens or more today (UTC).

    Raises:
        TokenBudgetExhausted: a 429 until the next UTC day; the caller makes no model call.
    """
    if await ledger.spent(user_id, now.date()) >= budget:
        raise TokenBudgetExhausted(
            f"Today's language-model budget ({budget} tokens) is spent; "
            "the offline writer is still available.",
            retry_after=seconds_to_next_day(now),
        )


class ModelSession:
    """Asks ``model`` on behalf of ``user_id``; sums usage, calls, cache hits and latency."""

    def __init__(
        self,
        model: LanguageModel,
        cache: ReplyCache,
        ledger: TokenLedger,
        clock: Clock,
        *,
        user_id: UserId,
        tokens_per_day: int,
        prompt_version: str,
    ) -> None:
        """Budget ``tokens_per_day`` for ``user_id``; replies keyed by ``prompt_version``."""
        self._model = model
        self._cache = cache
        self._ledger = ledger
        self._clock = clock
        self._user_id = user_id
        self._budget = tokens_per_day
        self.prompt_version = prompt_version
        self.usage = TokenUsage()
        self.calls = 0
        self.cache_hits = 0
        self.latency_ms = 0.0

    @property
    def model(self) -> str:
        """The model's configured name."""
        return self._model.model

    async def ask(
        self, messages: Sequence[ChatMessage], reply_type: type[T], *, schema: str, max_tokens: int
    ) -> tuple[T, str]:
        """The reply decoded as ``reply_type``, and its JSON (what a repair quotes back).

        Raises:
            TokenBudgetExhausted: the user's tokens for today are spent (no call is made).
            LanguageModelError: the model gave no usable reply.
        """
        key = reply_key(self.prompt_version, self.model, schema, messages)
        cached = await self._cache.get(key)
        if cached is not None:
            try:
                value = msgspec.json.decode(cached, type=reply_type)
            except msgspec.ValidationError:
                value = None  # a reply stored by an older shape: ask again
            if value is not None:
                self.cache_hits += 1
                return value, cached.decode()
        now = self._clock.now()
        await ensure_budget(self._ledger, self._user_id, now, self._budget)
        completion = await self._model.complete(
            messages, reply_type, schema_name=schema, max_tokens=max_tokens
        )
        self.calls += 1
        self.usage = self.usage + completion.usage
        self.latency_ms += completion.latency_ms
        await self._ledger.record(self._user_id, now.date(), completion.usage)
        encoded = msgspec.json.encode(completion.value)
        await self._cache.put(key, encoded)
        return completion.value, encoded.decode()
