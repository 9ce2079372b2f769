"""Start-up refusals in one line: what to do, not a framework traceback.

When the app cannot start for a reason the operator can fix (the database unreachable or not
migrated), a start-up hook raises ``StartupRefused``. The framework reports any start-up
failure to the server as a formatted traceback (about 150 lines through its own frames and the
database driver's), which buries the one line that says what to do. The wrapper below sends
the refusal's own message instead. Any other start-up failure keeps its traceback: that one is
a bug to read.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

# ASGI as the server speaks it, lifespan included (the framework's own types leave it out).
Message = MutableMapping[str, Any]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Any, Any, Any], Awaitable[None]]


class StartupRefused(RuntimeError):
    """The app will not start; the message says why and what to do, in one line."""


def refusals_in_one_line(app: ASGIApp) -> ASGIApp:
    """``app``, reporting a ``StartupRefused`` at start-up as its message alone."""

    async def app_with_short_refusals(scope: Message, receive: Any, send: Send) -> None:
        if scope["type"] != "lifespan":
            await app(scope, receive, send)
            return
        held: list[Message] = []

        async def hold_startup_failure(message: Message) -> None:
            if message["type"] == "lifespan.startup.failed":
                held.append(message)
            else:
                await send(message)

        try:
            await app(scope, receive, hold_startup_failure)
        except BaseException as failure:
            refusal = _refusal_in(failure)
            if refusal is None:
                await _send_all(send, held)
                raise
            await send({"type": "lifespan.startup.failed", "message": f"resumecore: {refusal}"})
        else:
            await _send_all(send, held)

    return app_with_short_refusals


async def _send_all(send: Send, messages: list[Message]) -> None:
    for message in messages:
        await send(message)


def _refusal_in(failure: BaseException) -> StartupRefused | None:
    # The framework runs start-up hooks in a task group, which wraps what they raise.
    if isinstance(failure, StartupRefused):
        return failure
    if isinstance(failure, BaseExceptionGroup):
        for inner in failure.exceptions:
            if (found := _refusal_in(inner)) is not None:
                return found
    return None
