"""``resumecore worker``: generation workers in a process of their own.

They run on any machine that reaches the database and share its queue with the servers'
embedded workers.
"""

from __future__ import annotations

import asyncio
import signal
import sys

from resumecore_server.entrypoints.bootstrap import build_application
from resumecore_server.entrypoints.http.request_log import configure_logging
from resumecore_server.entrypoints.settings import Settings
from resumecore_server.entrypoints.workers import WorkerPool


def run_workers(settings: Settings, count: int) -> int:
    """Work until SIGINT or SIGTERM; returns the exit code."""
    if not 1 <= count <= 32:
        print("resumecore: --workers must be between 1 and 32", file=sys.stderr)
        return 2
    asyncio.run(_serve(settings, count))
    return 0


async def _serve(settings: Settings, count: int) -> None:
    configure_logging(settings.log_level)  # the same JSON lines as the server's
    application = build_application(settings)
    pool = WorkerPool(application, count, name="worker-process")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await pool.start()
    print(f"resumecore: {count} generation workers running", file=sys.stderr)
    try:
        await stop.wait()
    finally:
        await pool.stop()
        await application.aclose()
