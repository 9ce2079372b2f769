"""Server CPU of a repeat profile read, measured in process (no sockets, no client cost).

Builds the real app on a temporary SQLite file, registers, creates the benchmark profile, then
calls ``GET /api/v1/profiles/me`` straight through the ASGI app: once to fill the response
cache, then ``--reads`` times for the cached body and ``--reads`` times with ``If-None-Match``
(304). Reports CPU per request (``time.process_time``, so waiting is not counted) and, with
``--profile``, the top of a cProfile of each path. The log level is the bench server's
(``bench/server.py``: WARNING, so no access line per request) unless ``--log-level`` says
otherwise.

Run as ``python -m bench.read_cost [--reads N] [--profile] [--log-level INFO]``.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import pstats
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from litestar import Litestar
from tests.integration.test_http_profile_safety import profile_body
from tests.support.app import make_settings

from resumecore_server.adapters.sql.migrate import upgrade
from resumecore_server.entrypoints.bootstrap import build_application
from resumecore_server.entrypoints.http.app import create_app

PATH = "/api/v1/profiles/me"
Headers = list[tuple[bytes, bytes]]


async def call(app: Litestar, method: str, path: str, headers: Headers, body: bytes = b"") -> Any:
    """One request through the ASGI app; (status, response headers, body)."""
    sent: list[dict[str, Any]] = []
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive() -> dict[str, Any]:
        return pending.pop() if pending else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"bench"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    await app(scope, receive, send)  # type: ignore[arg-type]
    start = sent[0]
    payload = b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], dict(start["headers"]), payload


async def _signed_in(app: Litestar) -> Headers:
    """A new account with the benchmark profile; its bearer header."""
    account = {
        "email": "bench@example.com",
        "password": "correct horse battery staple",
        "full_name": "Ada",
    }
    json_type = [(b"content-type", b"application/json")]
    status, _, body = await call(
        app, "POST", "/api/v1/auth/register", json_type, json.dumps(account).encode()
    )
    assert status == 201, body
    bearer = [(b"authorization", f"Bearer {json.loads(body)['access_token']}".encode())]
    status, _, body = await call(
        app, "POST", "/api/v1/profiles", bearer + json_type, json.dumps(profile_body()).encode()
    )
    assert status == 201, body
    return bearer


BATCH = 100


async def _per_request_ms(
    reads: int, request: Callable[[], Awaitable[Any]]
) -> tuple[float, float, float]:
    """CPU ms per request: over all ``reads``, in the median batch and in the fastest batch.

    On a shared machine other processes inflate CPU time too (caches, a sibling thread on
    the core); the fastest batches of ``BATCH`` requests are the least disturbed, so compare
    those between two versions.
    """
    for _ in range(min(200, reads)):  # warm every lazy path first
        await request()
    batches = []
    for _ in range(max(1, reads // BATCH)):
        started = time.process_time()
        for _ in range(BATCH):
            await request()
        batches.append((time.process_time() - started) * 1000 / BATCH)
    return statistics.fmean(batches), statistics.median(batches), min(batches)


async def measure(folder: str, reads: int, profile: bool, log_level: str) -> None:
    """Print CPU per cached GET and per 304 on the migrated database in ``folder``."""
    if True:
        url = f"sqlite+inline:///{Path(folder) / 'bench.db'}"
        settings = make_settings(Path(folder), url, log_level=log_level)
        application = build_application(settings)
        app = create_app(application)
        async with app.lifespan():  # type: ignore[attr-defined]
            bearer = await _signed_in(app)
            status, headers, _ = await call(app, "GET", PATH, bearer)
            assert status == 200
            conditional = [*bearer, (b"if-none-match", headers[b"etag"])]

            async def cached() -> None:
                assert (await call(app, "GET", PATH, bearer))[0] == 200

            async def not_modified() -> None:
                assert (await call(app, "GET", PATH, conditional))[0] == 304

            for name, request in (("GET (cached body)", cached), ("GET 304", not_modified)):
                mean, median, fastest = await _per_request_ms(reads, request)
                print(
                    f"{name:18} {mean:.3f} ms CPU per request over {reads}"
                    f" (batches of {BATCH}: median {median:.3f}, fastest {fastest:.3f})"
                )
                if profile:
                    profiler = cProfile.Profile()
                    profiler.enable()
                    await _per_request_ms(reads, request)
                    profiler.disable()
                    stats = pstats.Stats(profiler).sort_stats("tottime")
                    stats.print_stats(40)
        await application.aclose()


def main() -> None:
    """Parse arguments and measure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reads", type=int, default=3000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--log-level", default="WARNING", help="default: the bench server's")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        upgrade(f"sqlite+inline:///{Path(folder) / 'bench.db'}")
        asyncio.run(measure(folder, arguments.reads, arguments.profile, arguments.log_level))


if __name__ == "__main__":
    main()
