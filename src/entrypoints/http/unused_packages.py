"""Keeping installed-but-unused packages out of the server's memory.

Some libraries import an optional companion merely because it is installed: structlog imports
rich (and pygments) for its developer console; Litestar imports its pydantic plugin (with
pydantic-core) for handlers typed with pydantic models. This server's handlers use msgspec and
its logs are JSON, so neither is used; together they hold about 10 MB (measured: 5.5 and 4.3).
``packages_hidden`` makes their import fail while such a library is first set up, so it takes
its documented "not installed" path. A package some other part of the process already imported
(pydantic by the LLM client, rich by a developer's console) is left alone and used as before.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from litestar import Litestar

# Litestar's pydantic plugin imports pydantic and pydantic-core. (Its attrs plugin is left: it
# holds about 0.1 MB.)
LITESTAR_UNUSED_PLUGIN_PACKAGES = ("pydantic",)


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


def litestar_without_unused_plugins(**config: Any) -> Litestar:
    """``Litestar(**config)``, without the pydantic plugin it would add itself."""
    with packages_hidden(*LITESTAR_UNUSED_PLUGIN_PACKAGES):
        return Litestar(**config)
