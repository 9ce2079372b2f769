"""``adapters/sql/errors.py``: a value the database refuses is not an outage (#10, medium 6)."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import exc as sa_exc

from resumecore.errors import Conflict, InvalidValue, StorageFull, StorageUnavailable
from resumecore_server.adapters.sql.errors import translated_errors


class FakePgError(Exception):
    """What SQLAlchemy's asyncpg adapter wraps: the driver error with its SQLSTATE."""

    def __init__(self, message: str, sqlstate: str) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


def _raise(error: BaseException) -> None:
    with translated_errors():
        raise error


@pytest.mark.parametrize(
    "error",
    [
        sa_exc.DataError("SELECT", {}, ValueError("value out of int64 range")),
        sa_exc.DBAPIError("SELECT", {}, FakePgError("invalid byte sequence for 0x00", "22021")),
        sa_exc.DBAPIError("SELECT", {}, FakePgError("character not in repertoire", "22P05")),
        OverflowError("Python int too large to convert to SQLite INTEGER"),
    ],
)
def test_a_refused_value_is_invalid_and_logged_without_it(
    error: BaseException, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.WARNING, logger="resumecore_server.adapters.sql.errors"),
        pytest.raises(InvalidValue),
    ):
        _raise(error)
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert "0x00" not in record.getMessage()
    assert "int64" not in record.getMessage()


def test_an_outage_is_still_unavailable() -> None:
    refused = sa_exc.OperationalError("SELECT", {}, ConnectionRefusedError("connection refused"))
    with pytest.raises(StorageUnavailable):
        _raise(refused)
    with pytest.raises(StorageUnavailable):
        _raise(sa_exc.DBAPIError("SELECT", {}, FakePgError("server closed", "57P01")))


def test_a_constraint_is_a_conflict() -> None:
    with pytest.raises(Conflict):
        _raise(sa_exc.IntegrityError("INSERT", {}, FakePgError("duplicate key", "23505")))


@pytest.mark.parametrize(
    "error",
    [
        sa_exc.OperationalError("INSERT", {}, Exception("database or disk is full")),
        sa_exc.DBAPIError("INSERT", {}, FakePgError("could not extend file", "53100")),
    ],
)
def test_a_full_disk_is_storage_full_not_an_outage(error: BaseException) -> None:
    with pytest.raises(StorageFull):
        _raise(error)


def test_an_outage_is_not_a_full_disk() -> None:
    with pytest.raises(StorageUnavailable) as raised:
        _raise(sa_exc.DBAPIError("SELECT", {}, FakePgError("server closed", "57P01")))
    assert not isinstance(raised.value, StorageFull)
