"""An unreachable collector is said once, not on every batch (the exporter logs each retry)."""

from __future__ import annotations

import logging
import threading

EXPORTER_LOGGER = "opentelemetry.exporter.otlp.proto.http.trace_exporter"


class _FirstFailureOnly(logging.Filter):
    """Lets the first warning or error through, reworded; drops every later one."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._said = False

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        with self._lock:
            if self._said:
                return False
            self._said = True
        message = record.getMessage()
        record.msg = "trace export failing (further failures are not logged): %s"
        record.args = (message,)
        return True


def log_export_failures_once() -> None:
    """Install the filter on the OTLP exporter's logger (once per process)."""
    logger = logging.getLogger(EXPORTER_LOGGER)
    if not any(isinstance(f, _FirstFailureOnly) for f in logger.filters):
        logger.addFilter(_FirstFailureOnly())
