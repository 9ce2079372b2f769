"""Litestar without the pydantic plugin it adds whenever pydantic is installed.

The plugin imports pydantic and pydantic-core (4.3 MB measured) for handlers typed with
pydantic models; this server's handlers use msgspec (``entrypoints.hidden_imports``).
"""

from __future__ import annotations

from typing import Any

from litestar import Litestar

from resumecore_server.entrypoints.hidden_imports import packages_hidden

# Litestar's pydantic plugin imports pydantic and pydantic-core. (Its attrs plugin is left: it
# holds about 0.1 MB.)
LITESTAR_UNUSED_PLUGIN_PACKAGES = ("pydantic",)


def litestar_without_unused_plugins(**config: Any) -> Litestar:
    """``Litestar(**config)``, without the pydantic plugin it would add itself."""
    with packages_hidden(*LITESTAR_UNUSED_PLUGIN_PACKAGES):
        return Litestar(**config)
