"""A ``ReplyCache`` with the shared cache in front of the durable one (read- and write-through)."""

from __future__ import annotations

from resumecore.ports.llm_usage import ReplyCache
from resumecore.ports.shared_cache import SharedCache

KIND = "llm-reply"


class SharedReplyCache:
    """Replies are read from the shared cache first, then from ``durable`` (filling the cache).

    Keys are content hashes of the whole prompt, so a reply is only ever found by a caller who
    sent the very same prompt: sharing it across users reveals nothing new.
    """

    def __init__(self, shared: SharedCache, durable: ReplyCache) -> None:
        self._shared = shared
        self._durable = durable

    async def get(self, key: str) -> bytes | None:
        """The shared copy, else the durable one (then shared)."""
        name = f"{KIND}:{key}"
        reply = await self._shared.get(name)
        if reply is not None:
            return reply
        reply = await self._durable.get(key)
        if reply is not None:
            await self._shared.set(name, reply)
        return reply

    async def put(self, key: str, reply: bytes) -> None:
        """Store durably, then share."""
        await self._durable.put(key, reply)
        await self._shared.set(f"{KIND}:{key}", reply)
