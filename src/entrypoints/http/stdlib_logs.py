"""Standard-library log records as the same JSON lines as the rest of the server's logs.

The domain and the adapters log through ``logging`` (the core imports only the standard
library); without a handler those records reached Python's last-resort handler: a bare
message and a multi-line traceback on stderr, between the JSON lines. One handler on the root
logger renders every such record with the server's own processors, one line each.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from resumecore_server.entrypoints.http.plain_structlog import structlog

if TYPE_CHECKING:
    from structlog.typing import Processor


class _StdoutHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stdout`` is when a record comes (as structlog's PrintLogger)."""

    @property
    def stream(self) -> TextIO:
        return sys.stdout

    @stream.setter
    def stream(self, _: TextIO) -> None:
        pass  # StreamHandler's constructor sets it; the current stdout is always used


def route_stdlib_logs(level: str, processors: Sequence[Processor]) -> None:
    """Render ``logging`` records at ``level`` and above as JSON lines on stdout.

    Loggers keep their levels (the root's is WARNING unless changed): this decides only how
    what is logged looks and how much of it the handler passes. ``processors`` run on each
    record's event dict before the JSON renderer (the chain ``configure_logging`` gives
    structlog). Calling it again replaces the handler.
    """
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=list(processors),
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.JSONRenderer(),
        ],
    )
    handler = _StdoutHandler()
    handler.setFormatter(formatter)
    handler.setLevel(level.upper())
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _StdoutHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
