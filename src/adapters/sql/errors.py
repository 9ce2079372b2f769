"""Driver errors become domain errors here, and only here."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc

from resumecore.errors import Conflict, InvalidValue, StorageFull, StorageUnavailable

log = logging.getLogger(__name__)
UNAVAILABLE = "The database is unavailable; try again shortly."
FULL = "The database has no space left for this change."
# SQLITE_FULL's message; PostgreSQL's disk_full SQLSTATE (class 53: insufficient resources).
_SQLITE_FULL = "database or disk is full"
_DISK_FULL_SQLSTATE = "53100"
# What drivers say when a value (not the database) is the problem: asyncpg's client-side
# conversion errors, PostgreSQL's "invalid byte sequence for encoding" / "character not in
# repertoire", an integer out of range.
_BAD_VALUE_MARKERS = (
    "invalid input for query argument",
    "invalid byte sequence",
    "not in repertoire",
    "out of range",
    "too large to convert",
)


@contextmanager
def translated_errors() -> Iterator[None]:
    """Map driver errors: constraints to ``Conflict``, bad values to ``InvalidValue``, else 503.

    A full disk is ``StorageFull`` (507); other DB failures become ``StorageUnavailable``.
    Messages never carry SQL or driver text, which can contain user data; a refused value is
    logged at WARNING with the error class and SQLSTATE only, so it is not mistaken for an outage.
    """
    try:
        yield
    except sa_exc.IntegrityError as exc:
        raise Conflict("The change conflicts with existing data.") from exc
    except sa_exc.DBAPIError as exc:
        if is_bad_value(exc):
            raise _refused(exc.orig) from exc
        if is_disk_full(exc):
            raise StorageFull(FULL) from exc
        raise StorageUnavailable(UNAVAILABLE) from exc
    except OverflowError as exc:  # sqlite3 binding an int beyond 64 bits
        raise _refused(exc) from exc
    except (OSError, ConnectionError) as exc:
        raise StorageUnavailable(UNAVAILABLE) from exc


def is_bad_value(exc: sa_exc.DBAPIError) -> bool:
    """True when the driver refused a value (SQLSTATE class 22, a data error), not the service."""
    if isinstance(exc, sa_exc.DataError):
        return True
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if isinstance(sqlstate, str) and sqlstate.startswith("22"):
        return True
    causes = (orig, getattr(orig, "__cause__", None))
    if any(isinstance(cause, (ValueError, OverflowError, UnicodeError)) for cause in causes):
        return True
    text = " ".join(str(cause) for cause in causes if cause is not None).lower()
    return any(marker in text for marker in _BAD_VALUE_MARKERS)


def is_disk_full(exc: sa_exc.DBAPIError) -> bool:
    """True when the database's disk has no space left (SQLITE_FULL, SQLSTATE 53100)."""
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    return sqlstate == _DISK_FULL_SQLSTATE or _SQLITE_FULL in str(orig).lower()


def _refused(cause: BaseException | None) -> InvalidValue:
    log.warning(
        "database refused a value: %s (sqlstate %s)",
        type(cause).__name__,
        getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None) or "-",
    )
    return InvalidValue("A value cannot be stored.", code="invalid_data")
