"""The FileStore contract, on the local filesystem adapter, S3 (moto's server) and the fake.

Round trips, overwrites, missing keys, deletes, key validation (no path traversal); for the
local adapter also private modes (0700 folders, 0600 files) and atomic writes (no temp files
left, a failed write keeps the old file). The file-mode and temp-file tests are about the
local disk only, so they are not parametrised: S3 has no modes, and a PUT is atomic by itself.

The S3 adapter runs against moto in server mode on 127.0.0.1 (a real HTTP S3 API, one server
per module, a fresh bucket per test); it is skipped when boto3 or moto is not installed.
"""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from resumecore.ports.file_store import FileStore, InvalidFileKey
from resumecore_server.adapters.memory.file_store import MemoryFileStore
from resumecore_server.adapters.storage.local_files import LocalFileStore

_buckets = itertools.count()


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    pytest.importorskip("boto3", reason="the s3 extra is not installed")
    server_module = pytest.importorskip("moto.server", reason="moto[server] is not installed")
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(scope="module")
def s3_client(s3_endpoint: str) -> Iterator[Any]:
    from resumecore_server.adapters.storage.s3_files import make_s3_client

    client = make_s3_client(
        endpoint_url=s3_endpoint,
        region="us-east-1",
        access_key_id="test-key",
        secret_access_key="test-secret",
    )
    yield client
    client.close()


@pytest.fixture
def s3_bucket(s3_client: Any) -> str:
    bucket = f"resumecore-test-{next(_buckets)}"
    s3_client.create_bucket(Bucket=bucket)
    return bucket


@pytest.fixture(params=["local", "memory", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> FileStore:
    if request.param == "local":
        return LocalFileStore(tmp_path / "exports")
    if request.param == "s3":
        from resumecore_server.adapters.storage.s3_files import S3FileStore

        client = request.getfixturevalue("s3_client")
        return S3FileStore(client, request.getfixturevalue("s3_bucket"))
    return MemoryFileStore()


async def test_put_then_get_round_trips_bytes(store: FileStore) -> None:
    content = bytes(range(256)) * 10

    await store.put("user-1/file.pdf", content)

    assert await store.get("user-1/file.pdf") == content


async def test_a_missing_key_reads_none(store: FileStore) -> None:
    assert await store.get("user-1/nothing.pdf") is None


async def test_put_overwrites(store: FileStore) -> None:
    await store.put("a/b.md", b"old")
    await store.put("a/b.md", b"new")

    assert await store.get("a/b.md") == b"new"


async def test_delete_removes_and_is_idempotent(store: FileStore) -> None:
    await store.put("a/b.docx", b"x")

    await store.delete("a/b.docx")
    await store.delete("a/b.docx")

    assert await store.get("a/b.docx") is None


async def test_empty_files_are_kept(store: FileStore) -> None:
    await store.put("a/empty", b"")

    assert await store.get("a/empty") == b""


@pytest.mark.parametrize(
    "key",
    [
        "",
        "../escape",
        "a/../../escape",
        "/etc/passwd",
        "a//b",
        ".hidden",
        "a/.tmp-x",
        "a\\b",
        "a/b/",
        "a\x00b",
        "é",
        "x" * 200,
        "a/b/c/d/e",
    ],
)
async def test_keys_that_could_escape_are_refused(store: FileStore, key: str) -> None:
    for call in (store.put(key, b"x"), store.get(key), store.delete(key)):
        with pytest.raises(InvalidFileKey):
            await call


async def test_local_files_are_private_and_writes_leave_no_temp_files(tmp_path: Path) -> None:
    root = tmp_path / "exports"
    store = LocalFileStore(root)

    await store.put("user-1/file.pdf", b"secret")

    for folder in (root, root / "user-1"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "user-1" / "file.pdf").stat().st_mode) == 0o600
    assert sorted(p.name for p in (root / "user-1").iterdir()) == ["file.pdf"]


async def test_local_put_is_atomic_a_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = LocalFileStore(tmp_path / "exports")
    await store.put("u/f.pdf", b"old")

    def broken_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        await store.put("u/f.pdf", b"new")
    monkeypatch.undo()

    assert await store.get("u/f.pdf") == b"old"
    assert [p.name for p in (tmp_path / "exports" / "u").iterdir()] == ["f.pdf"]


async def test_local_store_tightens_a_loose_existing_folder(tmp_path: Path) -> None:
    root = tmp_path / "exports"
    root.mkdir(mode=0o755)
    root.chmod(0o755)

    await LocalFileStore(root).put("u/f", b"x")

    assert stat.S_IMODE(root.stat().st_mode) == 0o700


async def test_s3_objects_are_named_by_prefix_and_key(s3_client: Any, s3_bucket: str) -> None:
    from resumecore_server.adapters.storage.s3_files import S3FileStore

    await S3FileStore(s3_client, s3_bucket).put("user-1/file.pdf", b"secret")

    listed = s3_client.list_objects_v2(Bucket=s3_bucket)
    assert [item["Key"] for item in listed["Contents"]] == ["exports/user-1/file.pdf"]


async def test_s3_errors_other_than_a_missing_key_are_raised(s3_client: Any) -> None:
    from botocore.exceptions import ClientError

    from resumecore_server.adapters.storage.s3_files import S3FileStore

    store = S3FileStore(s3_client, "no-such-bucket")

    with pytest.raises(ClientError, match="NoSuchBucket"):
        await store.get("u/f.pdf")


def test_s3_needs_a_bucket(tmp_path: Path) -> None:
    from resumecore_server.entrypoints.settings import Settings

    env = {"RESUMECORE_DATA_DIR": str(tmp_path), "RESUMECORE_FILE_STORE": "s3"}
    with pytest.raises(ValueError, match="RESUMECORE_S3_BUCKET"):
        Settings.from_env(env)


async def test_bootstrap_wires_s3_when_asked(
    tmp_path: Path, s3_endpoint: str, s3_bucket: str
) -> None:
    from resumecore_server.adapters.storage.s3_files import S3FileStore
    from resumecore_server.entrypoints.bootstrap import build_application
    from tests.support.app import make_settings

    settings = make_settings(
        tmp_path,
        f"sqlite+aiosqlite:///{tmp_path}/x.db",
        file_store="s3",
        s3_bucket=s3_bucket,
        s3_endpoint_url=s3_endpoint,
        s3_region="us-east-1",
        s3_access_key_id="test-key",
        s3_secret_access_key="test-secret",
    )
    app = build_application(settings)
    try:
        store = app.resolve(FileStore)
        assert isinstance(store, S3FileStore)
        await store.put("u/f.md", b"wired")
        assert await store.get("u/f.md") == b"wired"
        assert "test-secret" not in repr(settings)
    finally:
        await app.aclose()
