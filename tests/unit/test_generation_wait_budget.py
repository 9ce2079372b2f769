"""How long a generation request waits for its document before answering 202."""

from __future__ import annotations

import pytest

from resumecore_server.entrypoints.http.controllers.generations import wait_budget

# The mobile app's receive timeout (docs/mobile-client.md): it never polls a 202.
APP_RECEIVE_TIMEOUT_SECONDS = 30.0


def test_without_a_prefer_header_the_wait_ends_before_the_app_gives_up() -> None:
    assert 20.0 <= wait_budget(None) < APP_RECEIVE_TIMEOUT_SECONDS


@pytest.mark.parametrize(
    ("prefer", "seconds"),
    [
        ("wait=0", 0.0),
        ("wait=5", 5.0),
        ("respond-async, wait=2.5", 2.5),
        ("WAIT = 7", 7.0),
        ("wait=600", 60.0),
        ("handling=lenient", 25.0),
        ("", 25.0),
    ],
)
def test_prefer_wait_is_read_and_capped(prefer: str, seconds: float) -> None:
    assert wait_budget(prefer) == seconds
