"""Catalog pages in the shared cache: their keys, and reading and keeping them."""

from __future__ import annotations

import hashlib

import msgspec

from resumecore.model.job import Job
from resumecore.model.page import Page
from resumecore.ports.shared_cache import SharedCache

# The namespace of catalog pages: invalidated whenever the catalog changes.
CATALOG_PAGES = "catalog"
_decoder = msgspec.json.Decoder(Page[Job])


def page_key(
    version: str, q: str | None, *, limit: int, offset: int, location: str | None, remote_only: bool
) -> str:
    """The cache key of a catalog page: filters normalised as the search reads them."""
    # The search matches both texts case-insensitively and treats "" as no filter.
    filters = [(q or "").casefold(), (location or "").casefold(), remote_only, limit, offset]
    digest = hashlib.sha256(msgspec.json.encode(filters)).hexdigest()
    return f"{CATALOG_PAGES}:{version}:{digest}"


async def cached_page(cache: SharedCache, key: str) -> Page[Job] | None:
    """The page kept under ``key``; None if absent or unreadable."""
    raw = await cache.get(key)
    if raw is None:
        return None
    try:
        return _decoder.decode(raw)
    except msgspec.DecodeError:
        return None


async def keep_page(cache: SharedCache, key: str, page: Page[Job]) -> None:
    """Keep ``page`` under ``key`` for the cache's TTL."""
    await cache.set(key, msgspec.json.encode(page))
