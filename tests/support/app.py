"""Building the real app for tests: test settings, a fake clock, optional overrides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from resumecore_server.entrypoints.bootstrap import Application, build_application
from resumecore_server.entrypoints.settings import Settings
from tests.support.clock import FakeClock

TEST_SECRET = "test-secret-key-that-is-long-enough-0123456789"


def make_settings(data_dir: Path, database_url: str, **changes: Any) -> Settings:
    """Settings as a test run uses them: bcrypt cost 4, fixed secrets, a temp data dir."""
    base = Settings(
        environment="test",
        data_dir=str(data_dir),
        database_url=database_url,
        secret_key=TEST_SECRET,
        password_pepper="test-pepper",
        bcrypt_rounds=4,
        log_level="INFO",
    )
    import msgspec

    return msgspec.structs.replace(base, **changes).completed()


def make_application(
    data_dir: Path,
    database_url: str,
    clock: FakeClock | None = None,
    overrides: dict[Any, Any] | None = None,
    **changes: Any,
) -> Application:
    """The wired application on ``database_url`` (already migrated)."""
    return build_application(
        make_settings(data_dir, database_url, **changes), overrides, clock=clock or FakeClock()
    )
