"""Private data files: the data directory 0700, the SQLite database (and -wal/-shm) 0600.

The data directory holds the generated secrets, the SQLite database and the mail outbox
(live reset links), so nobody but the service's own user may read it. Applied at every
start-up, so a directory or database created earlier with a looser umask is tightened too.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sqlalchemy.engine import make_url

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def make_data_private(data_dir: Path, database_url: str) -> None:
    """Create or tighten the data directory and the SQLite database file (if SQLite)."""
    data_dir.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    data_dir.chmod(PRIVATE_DIR)
    for path in data_dir.iterdir():
        if path.is_file() and not path.is_symlink():
            path.chmod(PRIVATE_FILE)
    database = sqlite_file(database_url)
    if database is not None:
        private_sqlite_file(database)


def sqlite_file(database_url: str) -> Path | None:
    """The database file of a file-backed SQLite URL, else None (PostgreSQL, ``:memory:``)."""
    url = make_url(database_url)
    if not url.drivername.startswith("sqlite") or url.database in (None, "", ":memory:"):
        return None
    if str(url.database).startswith("file:"):
        return None  # URI filenames are the operator's business
    return Path(str(url.database))


def private_sqlite_file(database: Path) -> None:
    """Create ``database`` empty with mode 0600 if missing; chmod it and its companions 0600.

    SQLite gives the -wal and -shm files it creates later the database file's own mode.
    """
    database.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    for path in (database, *(Path(f"{database}{suffix}") for suffix in SQLITE_COMPANIONS)):
        with contextlib.suppress(FileNotFoundError):
            path.chmod(PRIVATE_FILE)
