"""The ``resumecore`` command as a user runs it: a real process, real exit codes and output."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

SERVE = [sys.executable, "-m", "resumecore_server.entrypoints.cli", "serve"]


def run(args: list[str], data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "RESUMECORE_DATA_DIR": str(data_dir), **env}
    return subprocess.run(
        [sys.executable, "-m", "resumecore_server.entrypoints.cli", *args],
        env=environment, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_migrate_creates_the_default_sqlite_database(tmp_path: Path) -> None:
    done = run(["migrate"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "database is up to date" in done.stderr
    with sqlite3.connect(tmp_path / "resumecore.db") as db:
        tables = {row[0] for row in db.execute("select name from sqlite_master")}
    assert {"users", "profiles", "jobs", "rankings", "alembic_version"} <= tables


@pytest.mark.parametrize(
    "url",
    [
        "mysql://admin:hunter2-secret@db.example/resumes",
        "postgresql+asyncpg://admin:hunter2-secret@127.0.0.1:1/resumes",
        "sqlite+aiosqlite:////nonexistent-dir/x.db",
    ],
)
@pytest.mark.parametrize("command", [["migrate"], ["serve", "--migrate", "--port", "9"]])
def test_a_database_that_cannot_be_migrated_is_one_line_without_traceback_or_password(
    tmp_path: Path, url: str, command: list[str]
) -> None:
    done = run(command, tmp_path, RESUMECORE_DATABASE_URL=url)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "hunter2" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith("resumecore: migrating ")
    assert " failed: " in lines[0]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("mysql://admin:hunter2-secret@db.example/resumes", "unsupported database URL driver"),
        ("admin:hunter2-secret@db.example", "the database URL is not a URL"),
    ],
)
@pytest.mark.parametrize("command", [["serve", "--port", "9", "--workers", "2"], ["worker"]])
def test_a_database_url_that_cannot_work_stops_serve_and_worker_with_one_line(
    tmp_path: Path, url: str, reason: str, command: list[str]
) -> None:
    # Without --migrate, each server process failed in its start-up with a traceback (and the
    # worker with SQLAlchemy's); the command now says why before starting any.
    done = run(command, tmp_path, RESUMECORE_DATABASE_URL=url)
    assert done.returncode == 2
    assert "hunter2" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"resumecore: RESUMECORE_DATABASE_URL: {reason}")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_against_an_unreachable_database_says_what_to_do_without_a_traceback(
    tmp_path: Path, workers: str
) -> None:
    # Each server process printed ~150 lines of framework and driver traceback before the line
    # that says what to do.
    url = "postgresql+asyncpg://admin:hunter2-secret@127.0.0.1:1/resumes"
    done = run(
        ["serve", "--port", "9", "--workers", workers], tmp_path, RESUMECORE_DATABASE_URL=url
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "hunter2" not in done.stderr
    refusals = [line for line in done.stderr.splitlines() if "resumecore: " in line]
    assert refusals
    assert all("the database is not reachable or not migrated" in line for line in refusals)
    assert len(done.stderr.splitlines()) <= 3 * int(workers) + 1, done.stderr


@pytest.mark.parametrize("command", [["migrate"], ["worker"]])
def test_a_data_dir_that_cannot_be_made_is_one_line(tmp_path: Path, command: list[str]) -> None:
    # The generated secrets are written there while the settings are read: a path under a
    # regular file ended in a traceback.
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    done = run(command, tmp_path / "a-file" / "data")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "resumecore: RESUMECORE_DATA_DIR cannot be used: "
        f"[Errno 20] Not a directory: '{tmp_path / 'a-file' / 'data'}'"
    ]


def test_serve_with_migrate_migrates_then_serves(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    environment = {**os.environ, "RESUMECORE_DATA_DIR": str(tmp_path)}
    server = subprocess.Popen(
        [*SERVE, "--migrate", "--port", str(port)],
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/health/ready", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert response.status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
