"""The app as ``resumecore serve`` runs it: ``create_app``, its start-up heap frozen.

A server process holds about 160,000 objects once started (the framework, SQLAlchemy, the
skill vocabulary, ...), and a full garbage collection walks them all: about 0.2 s during which
every request in flight waits, so one such pause in a measurement is its p99. Almost none of
them ever becomes garbage, so once start-up is done they are collected once and moved out of
the collector's sight (``gc.freeze``): a full collection then walks only what requests
created, well under a millisecond. Tests build apps with ``create_app`` and freeze nothing.
"""

from __future__ import annotations

import gc

from litestar import Litestar

from resumecore_server.entrypoints.http.app import create_app


def create_served_app() -> Litestar:
    """``create_app`` from the environment, freezing the heap once start-up is done."""
    app = create_app()
    app.on_startup.append(freeze_start_up_heap)
    return app


async def freeze_start_up_heap() -> None:
    """Collect what start-up left behind, then exempt every live object from collection."""
    gc.collect()
    gc.freeze()
