"""Building the shared cache: Redis when RESUMECORE_REDIS_URL is set, else none at all."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from resumecore.ports.llm_usage import ReplyCache
from resumecore.ports.shared_cache import SharedCache
from resumecore_server.adapters.cache.no_cache import NoSharedCache
from resumecore_server.adapters.cache.reply_cache import SharedReplyCache
from resumecore_server.entrypoints.settings import Settings


def build_shared_cache(
    settings: Settings, closers: list[Callable[[], Awaitable[Any]]]
) -> SharedCache:
    """A ``RedisSharedCache`` on its own fast-failing client, or ``NoSharedCache``."""
    if not settings.redis_url:
        return NoSharedCache()
    # Imported here: only deployments with Redis pay for the client.
    from resumecore_server.adapters.cache.redis_cache import RedisSharedCache, cache_client  # noqa: PLC0415

    client = cache_client(settings.redis_url)
    closers.append(client.aclose)
    return RedisSharedCache(client, settings.cache_ttl_seconds)


def shared_replies(shared: SharedCache, durable: ReplyCache) -> ReplyCache:
    """The model reply cache, with the shared cache in front when there is one."""
    if isinstance(shared, NoSharedCache):
        return durable
    return SharedReplyCache(shared, durable)
