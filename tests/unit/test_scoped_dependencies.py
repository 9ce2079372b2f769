"""Route groups offered only the dependencies they use get what the whole set would give them.

Every way a name reaches a handler is covered: a handler's own parameter, a provider declared on
a controller, on a router or on one handler that needs an app-level provider, and an app-level
provider that needs another. Each handler of the scoped app must resolve the same dependencies
and read the same query parameters as with every provider offered at the app layer, and answer
the same; a provider a group does not use must not reach it.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Litestar, Router, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromQuery
from litestar.testing import TestClient
from litestar.types import ControllerRouterHandler

from resumecore_server.entrypoints.http.scoped_dependencies import scoped_route_handlers


def _constant(value: str) -> Provide:
    def provider() -> str:
        return value

    return Provide(provider, sync_to_thread=False)


def _greeting(name: NamedDependency[str]) -> str:
    return f"hello {name}"


def _principal(token: NamedDependency[str]) -> str:
    return f"user of {token}"


APP_DEPENDENCIES = {
    "name": _constant("ada"),
    "token": _constant("t-1"),
    "unused": _constant("never asked"),
    "greeting": Provide(_greeting, sync_to_thread=False),  # needs "name"
}


class Profiles(Controller):
    path = "/profiles"
    dependencies = {"principal": Provide(_principal, sync_to_thread=False)}  # needs "token"

    @get("/")
    async def read(self, principal: NamedDependency[str], q: FromQuery[str] = "") -> dict[str, str]:
        return {"principal": principal, "q": q}


class Greetings(Controller):
    path = "/greetings"

    @get("/")
    async def greet(self, greeting: NamedDependency[str]) -> dict[str, str]:
        return {"greeting": greeting}


@get("/items", dependencies={"principal": Provide(_principal, sync_to_thread=False)})
async def items(principal: NamedDependency[str]) -> dict[str, str]:
    return {"principal": principal}


@get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@get("/named")
async def named(name: NamedDependency[str]) -> dict[str, str]:
    return {"name": name}


def groups() -> list[ControllerRouterHandler]:
    return [Profiles, Greetings, Router(path="/api", route_handlers=[items]), health, named]


def _app(handlers: list[ControllerRouterHandler], dependencies: dict[str, Provide]) -> Litestar:
    return Litestar(route_handlers=handlers, dependencies=dependencies, logging_config=None)


def _resolved(app: Litestar) -> dict[tuple[str, str], tuple[list[str], list[str]]]:
    # Per route and method: the dependencies the handler resolves and its query parameters.
    found: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for route in app.routes:
        handler_map: dict[str, Any] = getattr(route, "route_handler_map", {})
        for method, (_handler, model) in handler_map.items():
            keys = sorted(d.key for batch in model.dependency_batches for d in batch)
            query = sorted(p.field_name for p in model.expected_query_params)
            found[(route.path, method)] = (keys, query)
    return found


def test_each_handler_resolves_what_it_would_with_every_provider_offered() -> None:
    whole = _app(groups(), APP_DEPENDENCIES)
    scoped = _app(scoped_route_handlers(groups(), APP_DEPENDENCIES), {})
    assert _resolved(scoped) == _resolved(whole)
    assert _resolved(scoped)[("/profiles", "GET")] == (["principal", "token"], ["q"])
    assert _resolved(scoped)[("/greetings", "GET")] == (["greeting", "name"], [])


def test_the_scoped_app_answers_as_the_whole_one() -> None:
    paths = ["/profiles?q=x", "/greetings", "/api/items", "/health", "/named"]
    answers = []
    for app in (
        _app(groups(), APP_DEPENDENCIES),
        _app(scoped_route_handlers(groups(), APP_DEPENDENCIES), {}),
    ):
        with TestClient(app=app) as client:
            answers.append([client.get(path).json() for path in paths])
    assert answers[0] == answers[1]
    assert answers[1][0] == {"principal": "user of t-1", "q": "x"}
    assert answers[1][1] == {"greeting": "hello ada"}


def test_a_group_is_offered_only_what_it_uses() -> None:
    profiles, greetings, api, health_handler, named_handler = scoped_route_handlers(
        groups(), APP_DEPENDENCIES
    )
    assert isinstance(profiles, type)
    assert issubclass(profiles, Profiles)
    assert set(profiles.dependencies) == {"principal", "token"}
    assert isinstance(greetings, type)
    assert set(greetings.dependencies) == {"greeting", "name"}
    assert isinstance(api, Router)
    assert set(api.dependencies) == {"token"}
    assert health_handler is health  # nothing to offer: left as it is
    assert isinstance(named_handler, Router)
    assert set(named_handler.dependencies) == {"name"}
    # The shared classes are not changed: another app gets them as declared.
    assert set(Profiles.dependencies) == {"principal"}
