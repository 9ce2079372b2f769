"""Driver errors become domain errors here, and only here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc

from resumecore.errors import Conflict, StorageUnavailable


@contextmanager
def translated_errors() -> Iterator[None]:
    """Map constraint violations to ``Conflict``, other DB failures to ``StorageUnavailable``.

    Messages never carry SQL or driver text, which can contain user data.
    """
    try:
        yield
    except sa_exc.IntegrityError as exc:
        raise Conflict("The change conflicts with existing data.") from exc
    except sa_exc.DBAPIError as exc:
        raise StorageUnavailable("The database is unavailable; try again shortly.") from exc
    except (OSError, ConnectionError) as exc:
        raise StorageUnavailable("The database is unavailable; try again shortly.") from exc
