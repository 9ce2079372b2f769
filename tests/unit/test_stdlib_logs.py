"""Records of the standard ``logging`` module come out as the server's JSON lines."""

from __future__ import annotations

import json
import logging

import pytest

from resumecore.ports.tracing import bound_request_id
from resumecore_server.entrypoints.http.request_log import configure_logging


def _chained_failure() -> None:
    try:
        raise ConnectionRefusedError(111, "Connection refused")
    except ConnectionRefusedError as exc:
        raise RuntimeError("The database is unavailable") from exc


def test_a_warning_with_a_chained_traceback_is_one_json_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("WARNING")
    configure_logging("WARNING")  # again, as every app build does: still one handler
    try:
        _chained_failure()
    except RuntimeError:
        with bound_request_id("req-1"):
            logging.getLogger("resumecore.worker").warning("worker_claim_failed", exc_info=True)

    lines = capsys.readouterr().out.splitlines()

    assert len(lines) == 1, lines
    record = json.loads(lines[0])
    assert record["event"] == "worker_claim_failed"
    assert record["level"] == "warning"
    assert record["request_id"] == "req-1"
    assert "ConnectionRefusedError" in record["exception"]
    assert "direct cause" in record["exception"]
    assert record["exception"].count("Traceback") == 2


def test_records_under_the_level_are_not_written(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("ERROR")
    logging.getLogger("resumecore.cache").warning("cache_unavailable")
    logging.getLogger("resumecore.cache").error("cache_broken")
    configure_logging("WARNING")

    lines = capsys.readouterr().out.splitlines()

    assert [json.loads(line)["event"] for line in lines] == ["cache_broken"]
