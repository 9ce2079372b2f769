"""Fault: the data directory's disk is full (a real 16 MiB tmpfs holding the SQLite file and the
exports), and the same for the file store alone through an injected ENOSPC.

While full, an export and a profile write answer a problem with a clear status (507 Insufficient
Storage, code ``insufficient_storage``), never 500; no temporary or partial export file is left
and SQLite's integrity check passes; once space is freed both succeed and earlier data is intact.
Mounting needs root with CAP_SYS_ADMIN: without it the tmpfs test is skipped with a notice (also
under CI, where a container may lack the capability); the injected-error test always runs.
"""

from __future__ import annotations

import asyncio
import errno
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from resumecore.ports.file_store import FileStore
from resumecore_server.adapters.sql.migrate import upgrade
from resumecore_server.adapters.storage.local_files import LocalFileStore
from tests.integration.http_helpers import Client, app_client
from tests.integration.test_http_generations import auth, user

FULL = 507
LONG = "x" * 3000


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MiB tmpfs mounted on a fresh folder, unmounted afterwards."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True, check=False,
    )  # fmt: skip
    if mounted.returncode != 0:
        # Not a failure even under CI: a container may be root without CAP_SYS_ADMIN, and the
        # injected-ENOSPC test below covers the file store everywhere.
        message = f"cannot mount a tmpfs here ({mounted.stderr.decode().strip()})"
        pytest.skip(f"NOTICE: {message}: the real disk-full test did not run")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(folder: Path) -> Path:
    """Write zeros until the disk refuses (ENOSPC); returns the filler to delete later."""
    filler = folder / "filler"
    with filler.open("wb") as file, pytest.raises(OSError, match="No space left"):
        write_forever(file)
    return filler


def write_forever(file: BinaryIO) -> None:
    while True:
        file.write(b"\0" * 65536)
        file.flush()


def big_experiences() -> list[dict[str, str]]:
    """About 60 KB of new rows: more than any free page the database file still has."""
    return [
        {"title": f"Role {n}", "company": "Acme", "start_date": "2020-01", "description": LONG}
        for n in range(20)
    ]


async def export(client: Client, who: dict[str, str], generation_id: str) -> int:
    made = await client.post(
        "/api/v1/exports/markdown", json={"generation_id": generation_id}, headers=auth(who)
    )
    if made.status_code >= 400:
        assert made.headers["content-type"].startswith("application/problem+json"), made.text
    return made.status_code


async def test_a_full_data_disk_gives_clear_errors_and_corrupts_nothing(small_disk: Path) -> None:
    database = small_disk / "resumecore.db"
    url = f"sqlite+inline:///{database}"
    await asyncio.to_thread(upgrade, url)
    async with app_client(small_disk, url) as (client, _):
        who = await user(client, "ada@example.com")
        made = await client.post(
            "/api/v1/generations/resume", json={"job_id": who["job"]}, headers=auth(who)
        )
        assert made.status_code == 201, made.text
        generation_id = made.json()["id"]
        assert await export(client, who, generation_id) == 201
        filler = fill(small_disk)

        assert await export(client, who, generation_id) == FULL
        edit = await client.post(
            f"/api/v1/profiles/{who['profile']}/experiences", json=big_experiences(),
            headers=auth(who),
        )  # fmt: skip
        assert edit.status_code == FULL, edit.text
        assert edit.headers["content-type"].startswith("application/problem+json")
        leftovers = [p.name for p in (small_disk / "exports").rglob(".tmp-*")]
        assert leftovers == [], "a partial export file was left behind"

        filler.unlink()
        assert await export(client, who, generation_id) == 201
        again = await client.post(
            f"/api/v1/profiles/{who['profile']}/experiences", json=big_experiences(),
            headers=auth(who),
        )  # fmt: skip
        assert again.status_code == 201, again.text
        listed = await client.get("/api/v1/exports/files", headers=auth(who))
        assert listed.status_code == 200
        profile = await client.get(f"/api/v1/profiles/{who['profile']}", headers=auth(who))
        assert profile.status_code == 200
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


class FullFileStore(LocalFileStore):
    """The local store as it behaves on a full disk: the write itself fails with ENOSPC."""

    def _write(self, path: Path, content: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


async def test_an_export_onto_a_full_file_store_is_a_507_problem(
    tmp_path: Path, sqlite_only_url: str
) -> None:
    store = FullFileStore(tmp_path / "exports")
    async with app_client(tmp_path, sqlite_only_url, overrides={FileStore: store}) as (client, _):
        who = await user(client, "ada@example.com")
        made = await client.post(
            "/api/v1/generations/resume", json={"job_id": who["job"]}, headers=auth(who)
        )
        assert made.status_code == 201, made.text
        refused = await client.post(
            "/api/v1/exports/markdown", json={"generation_id": made.json()["id"]},
            headers=auth(who),
        )  # fmt: skip
        assert refused.status_code == FULL, refused.text
        assert refused.json()["type"] == "/problems/insufficient_storage"
        assert "Retry-After" in refused.headers
        files = await client.get("/api/v1/exports/files", headers=auth(who))
        assert files.json()["total"] == 0, "no export row without its file"
