"""Handlers' dependencies resolved in order, in the handler's own task (no task group).

The replacement must give what Litestar's own gives: nested dependencies after the ones they
need, generator dependencies cleaned up after the response, a dependency's error answered as
that error. And Litestar's method must still have the shape replaced, or an upgrade would
silently change what runs.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator

from litestar import get
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotAuthorizedException
from litestar.testing import create_test_client

from resumecore_server.entrypoints.http.dependencies_in_order import (
    LITESTAR_RESOLVE_DEPENDENCIES,
    resolve_dependencies_in_order,
)

tasks: dict[str, asyncio.Task[object] | None] = {}
cleaned: list[str] = []


async def first() -> int:
    tasks["first"] = asyncio.current_task()
    return 1


async def second() -> int:
    tasks["second"] = asyncio.current_task()
    return 2


async def both(first: NamedDependency[int], second: NamedDependency[int]) -> int:
    return first * 10 + second


async def opened() -> AsyncIterator[str]:
    yield "open"
    cleaned.append("opened")


async def refused() -> str:
    raise NotAuthorizedException("no")


@get("/values", dependencies={"both": Provide(both), "opened": Provide(opened)})
async def values(
    first: NamedDependency[int],
    second: NamedDependency[int],
    both: NamedDependency[int],
    opened: NamedDependency[str],
) -> dict[str, object]:
    here = asyncio.current_task()
    return {"both": both, "opened": opened, "same_task": tasks == {"first": here, "second": here}}


@get("/refused", dependencies={"refused": Provide(refused)})
async def refusing(first: NamedDependency[int], refused: NamedDependency[str]) -> str:
    return refused


def test_dependencies_arrive_in_order_in_the_handlers_task_and_clean_up() -> None:
    resolve_dependencies_in_order()
    tasks.clear()
    cleaned.clear()
    dependencies = {"first": Provide(first), "second": Provide(second)}
    # No logging configuration: the framework's default would set the root logger to INFO for
    # every later test of the session.
    served = create_test_client([values, refusing], dependencies=dependencies, logging_config=None)
    with served as client:
        answer = client.get("/values")
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"both": 12, "opened": "open", "same_task": True}
        assert cleaned == ["opened"]
        assert client.get("/refused").status_code == 401


def test_litestar_still_resolves_dependencies_as_replaced() -> None:
    parameters = list(inspect.signature(LITESTAR_RESOLVE_DEPENDENCIES).parameters)
    assert parameters == ["self", "connection", "kwargs"]
    source = inspect.getsource(LITESTAR_RESOLVE_DEPENDENCIES)
    assert "self.dependency_batches" in source
    assert "resolve_dependency(" in source
