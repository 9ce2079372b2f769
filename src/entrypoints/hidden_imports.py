"""Keeping installed-but-unused packages out of the server's memory.

Some libraries import an optional companion merely because it is installed: PyJWT imports
cryptography for RSA and EC keys, structlog imports rich (and pygments) for its developer
console, Litestar imports its pydantic plugin. This server signs HS256 tokens (hmac), logs JSON
and types its handlers with msgspec, so none of those is used, and together they hold about
30 MB. ``packages_hidden`` makes their import fail while such a library is first set up, so it
takes its documented "not installed" path. A package some other part of the process already
imported (pydantic by the LLM client, rich by a developer's console) is left alone.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def packages_hidden(*names: str) -> Iterator[None]:
    """While inside, ``import name`` raises ImportError for each of ``names`` not yet imported."""
    hidden = [name for name in names if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # None there: the import fails
    try:
        yield
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
