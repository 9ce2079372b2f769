"""The server's protocol when httptools is not installed: uvicorn's pure-Python h11 one.

h11 itself caps an incomplete request head (``h11_max_incomplete_event_size``, set by
``server_limits.uvicorn_limits``); the header deadline comes from ``HeaderDeadlineProtocol``.
"""

from __future__ import annotations

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from resumecore_server.entrypoints.http.header_deadline import HeaderDeadlineProtocol


class H11LimitsProtocol(HeaderDeadlineProtocol, H11Protocol):
    """uvicorn's h11 protocol plus a fixed deadline for each request's headers."""

    def awaiting_request_head(self) -> bool:
        """IDLE: h11 has not seen a complete request head yet (none, or only part of one)."""
        # uvicorn's h11 protocol reads a pipelined request only once the previous is answered.
        return self.conn.their_state is h11.IDLE
