"""Starting the server imports no document renderer, console toolkit nor unused model library.

python-docx (lxml), pypdf, typst, rich and pygments, Litestar's pydantic plugin and PyJWT's
cryptography hold about 60 MB between them; a server that has not exported anything yet must
not carry them (issue #15, peak memory). The app is built and started (its ASGI lifespan) in a fresh
interpreter after migrating in another, as ``resumecore serve --migrate`` does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from resumecore_server.entrypoints.hidden_imports import packages_hidden

HEAVY = ("typst", "docx", "pypdf", "lxml", "rich", "pygments", "pydantic", "cryptography")

START_THE_APP = """
import asyncio, json, sys
from resumecore_server.entrypoints.http.app import create_app

async def start_and_stop():
    app = create_app()
    messages = asyncio.Queue()
    await messages.put({"type": "lifespan.startup"})
    replies = []
    async def send(message):
        replies.append(message["type"])
        if message["type"] == "lifespan.startup.complete":
            loaded = [name for name in HEAVY if name in sys.modules]
            print(json.dumps({"loaded": loaded, "replies": replies}))
            await messages.put({"type": "lifespan.shutdown"})
    scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
    await app(scope, messages.get, send)

HEAVY = %r
asyncio.run(start_and_stop())
"""


def test_starting_the_app_imports_no_renderer_nor_rich(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "RESUMECORE_DATA_DIR": str(tmp_path),
        "RESUMECORE_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/rc.db",
        "RESUMECORE_LOG_LEVEL": "WARNING",
    }
    migrated = subprocess.run(
        [sys.executable, "-m", "resumecore_server.entrypoints.cli", "migrate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert migrated.returncode == 0, migrated.stderr
    done = subprocess.run(
        [sys.executable, "-c", START_THE_APP % (HEAVY,)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    started = json.loads(done.stdout.strip().splitlines()[-1])
    assert started["replies"] == ["lifespan.startup.complete"]
    assert started["loaded"] == []


def test_a_hidden_package_cannot_be_imported_inside_and_can_after() -> None:
    name = "rc_unused_example"
    with packages_hidden(name), pytest.raises(ImportError):
        __import__(name)
    assert name not in sys.modules


def test_a_package_already_imported_is_left_alone() -> None:
    with packages_hidden("json"):
        assert sys.modules["json"] is not None
        __import__("json")
