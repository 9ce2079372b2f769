"""A handler's dependencies resolved one after another, not in a task group per batch.

Litestar resolves a handler's dependencies in batches (each after the batches it depends on)
and runs a batch of more than one in an anyio task group: a task per dependency. Ours hand back
ready singletons, except the caller's session check, so nothing in a batch ever waits on
another; yet the task group cost about 0.25 ms of CPU a request, a fifth of an authenticated
job create (measured in process, sequential against the task group, interleaved; the upstream
report is litestar-org/litestar#4563). Resolved in order, every batch still after the ones it
depends on, handlers get the same values, generator dependencies the same cleanup, and the
first error still propagates as itself.

Litestar has no setting for this, so ``KwargsModel.resolve_dependencies`` is replaced, once,
by ``create_app``; ``tests/unit/test_dependencies_in_order.py`` checks the method still exists
with the shape replaced here, so an upgrade that changes it fails loudly instead of silently.
"""

from __future__ import annotations

from typing import Any

from litestar._kwargs.cleanup import DependencyCleanupGroup
from litestar._kwargs.dependencies import resolve_dependency
from litestar._kwargs.kwargs_model import KwargsModel
from litestar.connection import ASGIConnection

# Litestar's own, kept for the shape check (tests/unit/test_dependencies_in_order.py).
LITESTAR_RESOLVE_DEPENDENCIES = KwargsModel.resolve_dependencies


async def resolve_in_order(
    model: KwargsModel, connection: ASGIConnection[Any, Any, Any, Any], kwargs: dict[str, Any]
) -> DependencyCleanupGroup:
    """Every dependency of ``model`` into ``kwargs``, batch after batch, one at a time."""
    cleanup_group = DependencyCleanupGroup()
    for batch in model.dependency_batches:
        for dependency in batch:
            await resolve_dependency(dependency, connection, kwargs, cleanup_group)
    return cleanup_group


def resolve_dependencies_in_order() -> None:
    """Make every Litestar handler of this process resolve its dependencies in order."""
    KwargsModel.resolve_dependencies = resolve_in_order  # type: ignore[method-assign,assignment]
