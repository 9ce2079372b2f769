"""Where the external services started by scripts/test.sh are, and what to do without them."""

from __future__ import annotations

import os

import pytest


def _required() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def service_url(name: str) -> str:
    """The URL in TEST_<NAME>_URL; skip loudly when absent, fail under CI=true."""
    url = os.environ.get(f"TEST_{name.upper()}_URL", "")
    if url:
        return url
    message = (
        f"TEST_{name.upper()}_URL is not set: {name} tests did not run. "
        "Run `make test` (scripts/test.sh starts PostgreSQL and Redis when installed)."
    )
    if _required():
        pytest.fail(f"CI=true but {message}")
    pytest.skip(f"NOTICE: {message}")
    return ""  # unreachable
