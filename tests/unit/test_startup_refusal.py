"""A start-up refusal reaches the server as its one-line message; other failures keep theirs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar import Litestar

from resumecore_server.entrypoints.http.startup_refusal import StartupRefused, refusals_in_one_line


async def _start(hook: Callable[[], Any]) -> tuple[list[dict[str, Any]], BaseException | None]:
    app = refusals_in_one_line(Litestar(route_handlers=[], on_startup=[hook], logging_config=None))
    incoming = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    try:
        await app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, receive, send)
    except BaseException as failure:
        return sent, failure
    return sent, None


async def test_a_refusal_is_reported_as_its_message_alone() -> None:
    async def refuse() -> None:
        raise StartupRefused("the database is not reachable: run `resumecore migrate` first")

    sent, escaped = await _start(refuse)

    assert sent == [
        {
            "type": "lifespan.startup.failed",
            "message": "resumecore: the database is not reachable: run `resumecore migrate` first",
        }
    ]
    assert escaped is None


async def test_any_other_start_up_failure_keeps_its_traceback_and_is_raised() -> None:
    async def crash() -> None:
        raise ValueError("a bug")

    sent, escaped = await _start(crash)

    assert [message["type"] for message in sent] == ["lifespan.startup.failed"]
    assert "Traceback" in sent[0]["message"]
    assert "ValueError: a bug" in sent[0]["message"]
    assert escaped is not None


async def test_a_clean_start_and_stop_pass_through() -> None:
    async def fine() -> None:
        return None

    sent, escaped = await _start(fine)

    assert [m["type"] for m in sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert escaped is None


@pytest.mark.parametrize("kind", ["http", "websocket"])
async def test_requests_go_straight_to_the_app(kind: str) -> None:
    seen: list[str] = []

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen.append(scope["type"])

    await refusals_in_one_line(app)({"type": kind}, None, None)
    assert seen == [kind]
