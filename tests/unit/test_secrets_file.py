"""The data directory's generated secrets (``entrypoints/secrets_file.py``)."""

from __future__ import annotations

import secrets
import stat
from pathlib import Path

import pytest

from resumecore_server.entrypoints.secrets_file import load_or_create_secret


def test_a_secret_is_created_once_private_and_then_read_back(tmp_path: Path) -> None:
    path = tmp_path / "data" / "secret_key"
    first = load_or_create_secret(path)
    assert len(first) == 128
    assert load_or_create_secret(path) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["secret_key"]  # no drafts left


def test_a_process_starting_while_another_generates_the_secret_gets_that_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server and a worker started together on a fresh data directory: the second looked while
    # the first had created the file but not yet written it, read it empty and refused to start
    # ("delete it to generate a new one": deleting it would have split the secret in two).
    path = tmp_path / "password_pepper"
    real_token_hex = secrets.token_hex
    seen_by_the_other: list[str] = []

    def token_hex_while_another_process_starts(nbytes: int) -> str:
        monkeypatch.setattr(secrets, "token_hex", real_token_hex)
        seen_by_the_other.append(load_or_create_secret(path))
        return real_token_hex(nbytes)

    monkeypatch.setattr(secrets, "token_hex", token_hex_while_another_process_starts)
    ours = load_or_create_secret(path)
    assert seen_by_the_other == [ours]
    assert path.read_text(encoding="ascii").strip() == ours


def test_an_empty_secret_file_is_refused_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "secret_key"
    path.write_text("", encoding="ascii")
    with pytest.raises(RuntimeError, match="is empty"):
        load_or_create_secret(path)
    assert path.read_text(encoding="ascii") == ""
