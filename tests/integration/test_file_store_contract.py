"""The FileStore contract, on the local filesystem adapter and the in-memory fake.

Round trips, overwrites, missing keys, deletes, key validation (no path traversal); for the
local adapter also private modes (0700 folders, 0600 files) and atomic writes (no temp files
left, a failed write keeps the old file).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from adapters.memory.file_store import MemoryFileStore
from adapters.storage.local_files import LocalFileStore
from resumecore.ports.file_store import FileStore, InvalidFileKey


@pytest.fixture(params=["local", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> FileStore:
    if request.param == "local":
        return LocalFileStore(tmp_path / "exports")
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
