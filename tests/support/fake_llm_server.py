"""A fake OpenAI-compatible chat server: a plain ASGI app, served in-process or by uvicorn.

``POST /v1/chat/completions`` (or ``/chat/completions``). The request's ``model`` picks a
scenario; options after ``;`` become response headers of error answers::

    fake:ok (or any other name)  a reply (see below)
    fake:<status>[x<n>]          answer <status> to the first n attempts of each call (every
                                 attempt without x<n>), then reply; an attempt is counted by the
                                 client's x-stainless-retry-count header. 429 carries
                                 retry-after-ms: 10 unless options say otherwise, e.g.
                                 fake:429x1;retry-after=7 or fake:429;retry-after-ms=250
    fake:slow=<seconds>          wait, then reply
    fake:length                  half a reply, finish_reason "length"
    fake:truncated               half a reply, finish_reason null
    fake:badjson                 "{not json", finish_reason "stop"
    fake:wrongshape              "[]"
    fake:fenced                  the reply inside a ```json fence
    fake:empty                   content ""
    fake:refusal                 content null, a refusal
    fake:nousage                 a reply without a usage object

The reply is the next canned one (``enqueue`` or ``POST /_fake/enqueue {"content": ...}``),
else the smallest JSON instance of the requested schema (from ``response_format`` or, for
json_object / prompt_only requests, the schema after "JSON schema:" in the prompt), else a
fixed text. Usage counts words. Every request is recorded (``requests``, ``GET /_fake/requests``).
No streaming.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from tests.support.schema_instance import smallest_instance

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

FIXED_TEXT = "This is the fake model's reply."
_STATUS = re.compile(r"fake:(?P<status>[1-5]\d\d)(?:x(?P<times>\d+))?")
_SCHEMA_MARKER = "JSON schema:\n"


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake saw it: path, lower-cased headers, parsed JSON body."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]


class FakeLlmServer:
    """The ASGI app; one instance per test (or ``reset`` between tests)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._canned: deque[str] = deque()
        self.requests: list[RecordedRequest] = []
        # Answers computed from the request (after queued replies), e.g. a rewrite that cites
        # the ids the prompt carried; None: the smallest instance of the requested schema.
        self.responder: Callable[[dict[str, Any]], str] | None = None

    def enqueue(self, *contents: str) -> None:
        """Queue exact reply texts; each successful reply takes the oldest."""
        with self._lock:
            self._canned.extend(contents)

    def reset(self) -> None:
        """Forget queued replies and recorded requests."""
        with self._lock:
            self._canned.clear()
            self.requests.clear()
            self.responder = None

    def chat_requests(self) -> list[RecordedRequest]:
        """The recorded chat-completion requests (not the ``/_fake`` ones)."""
        return [request for request in self.requests if request.path.endswith("/completions")]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        raw = b""
        while True:
            message = await receive()
            raw += message.get("body", b"")
            if not message.get("more_body"):
                break
        body = json.loads(raw) if raw.strip() else {}
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        path, method = scope["path"], scope["method"]
        with self._lock:
            self.requests.append(RecordedRequest(path, headers, body))
        if method == "POST" and path in {"/v1/chat/completions", "/chat/completions"}:
            status, extra, answer = await self._chat(body, headers)
        elif method == "POST" and path == "/_fake/enqueue":
            self.enqueue(str(body["content"]))
            status, extra, answer = 200, {}, {"queued": True}
        elif method == "GET" and path == "/_fake/requests":
            recorded = [r.__dict__ for r in self.chat_requests()]
            status, extra, answer = 200, {}, {"requests": recorded}
        else:
            status, extra, answer = 404, {}, _error("no such route", "not_found")
        await _respond(send, status, extra, answer)

    async def _chat(
        self, body: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        model = str(body.get("model", ""))
        scenario, *options = model.split(";")
        failed = self._failure(scenario, options, headers)
        if failed is not None:
            return failed
        if scenario.startswith("fake:slow="):
            await asyncio.sleep(float(scenario.removeprefix("fake:slow=")))
        content: str | None = self._content(body)
        finish: str | None = "stop"
        refusal = None
        if scenario == "fake:length":
            content, finish = (content or "")[: len(content or "") // 2], "length"
        elif scenario == "fake:truncated":
            content, finish = (content or "")[: len(content or "") // 2], None
        elif scenario == "fake:badjson":
            content = "{not json"
        elif scenario == "fake:wrongshape":
            content = "[]"
        elif scenario == "fake:fenced":
            content = f"```json\n{content}\n```"
        elif scenario == "fake:empty":
            content = ""
        elif scenario == "fake:refusal":
            content, refusal = None, "I can't help with that."
        return 200, {}, _completion(body, model, content, finish, refusal, scenario)

    def _failure(
        self, scenario: str, options: list[str], headers: dict[str, str]
    ) -> tuple[int, dict[str, str], dict[str, Any]] | None:
        match = _STATUS.fullmatch(scenario)
        if match is None:
            return None
        attempt = int(headers.get("x-stainless-retry-count", "0"))
        times = match.group("times")
        if times is not None and attempt >= int(times):
            return None
        status = int(match.group("status"))
        extra = dict(option.split("=", 1) for option in options if "=" in option)
        if status == 429 and not extra:
            extra = {"retry-after-ms": "10"}
        key = headers.get("authorization", "").removeprefix("Bearer ")
        # Real servers echo (part of) a wrong key: the adapter must not pass it on.
        message = f"Incorrect API key provided: {key}" if status == 401 else f"fake {status}"
        return status, extra, _error(message, f"fake_{status}")

    def _content(self, body: dict[str, Any]) -> str:
        with self._lock:
            if self._canned:
                return self._canned.popleft()
        if self.responder is not None:
            return self.responder(body)
        schema = _requested_schema(body)
        if schema is None:
            return FIXED_TEXT
        return json.dumps(smallest_instance(schema), separators=(",", ":"))


def _requested_schema(body: dict[str, Any]) -> dict[str, Any] | None:
    response_format = body.get("response_format") or {}
    if response_format.get("type") == "json_schema":
        schema: dict[str, Any] = response_format["json_schema"]["schema"]
        return schema
    for message in body.get("messages", []):
        text = str(message.get("content", ""))
        if _SCHEMA_MARKER in text:
            found, _ = json.JSONDecoder().raw_decode(text.split(_SCHEMA_MARKER, 1)[1])
            return dict(found)
    return {"type": "object"} if response_format.get("type") == "json_object" else None


def _completion(
    body: dict[str, Any],
    model: str,
    content: str | None,
    finish: str | None,
    refusal: str | None,
    scenario: str,
) -> dict[str, Any]:
    prompt_words = sum(len(str(m.get("content", "")).split()) for m in body.get("messages", []))
    reply_words = len((content or "").split())
    answer: dict[str, Any] = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
                "finish_reason": finish,
            }
        ],
    }
    if scenario != "fake:nousage":
        answer["usage"] = {
            "prompt_tokens": prompt_words,
            "completion_tokens": reply_words,
            "total_tokens": prompt_words + reply_words,
        }
    return answer


def _error(message: str, code: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": "fake_error", "param": None, "code": code}}


async def _respond(send: Send, status: int, extra: dict[str, str], answer: object) -> None:
    payload = json.dumps(answer).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(payload))]
    headers += [(k.encode(), v.encode()) for k, v in extra.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
