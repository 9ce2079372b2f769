"""The server's protocol: uvicorn's httptools one (llhttp, in C) with our connection limits.

Unlike h11, llhttp puts no bound on a request head: a client could send headers without end
(httptools keeps an unfinished header value in memory). ``HttpToolsLimitsProtocol`` counts
the bytes received while a head is incomplete and answers 431 and closes past
``MAX_HEADER_BYTES``; a read that completes a head is counted only if it could have carried
more than the cap, and then by the parsed head, so a large body never counts. The bytes of a
pipelined request's head read with the previous request's body go uncounted: the cap may be
passed by at most one read.
"""

from __future__ import annotations

import json

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from resumecore_server.entrypoints.http.header_deadline import (
    MAX_HEADER_BYTES,
    HeaderDeadlineProtocol,
)
from resumecore_server.entrypoints.http.security_headers import NOSNIFF

_TOO_LARGE = "Request head too large."


class RequestHeadTooLargeError(Exception):
    """Raised from the parser's callback to stop parsing a refused request."""


class HttpToolsLimitsProtocol(HeaderDeadlineProtocol, HttpToolsProtocol):
    """uvicorn's httptools protocol plus a header deadline and a cap on the request head."""

    _head_open = True  # between the end of a request (or the connection) and its next head
    _head_bytes = 0  # received while the current head was open

    def data_received(self, data: bytes) -> None:
        """Feed the parser, refusing a head that grows past the cap."""
        if self._head_open:
            self._head_bytes += len(data)
        super().data_received(data)
        # Still counted: no head was completed by this read (completing one resets the count).
        if self._head_bytes > MAX_HEADER_BYTES and not self.transport.is_closing():
            self._refuse_head()

    def on_headers_complete(self) -> None:
        """Stop the deadline, and refuse a head over the cap that came in one read."""
        self._head_open = False
        if self._head_bytes > MAX_HEADER_BYTES and self._parsed_head_bytes() > MAX_HEADER_BYTES:
            self._refuse_head()
            raise RequestHeadTooLargeError  # the parser stops; no request reaches the app
        self._head_bytes = 0
        self._disarm_header_deadline()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        """What follows is the next request's head."""
        super().on_message_complete()
        self._head_open = True
        if self.cycle is not None and self.cycle.response_complete:
            self._arm_header_deadline()  # answered before its body ended: time the next head now

    def awaiting_request_head(self) -> bool:
        """No head is complete beyond the requests answered (answers go in order)."""
        return self._head_open and (self.cycle is None or self.cycle.response_complete)

    def send_400_response(self, msg: str) -> None:
        """Answer an unparsable request with a problem and close, unless it was refused already."""
        if not self.transport.is_closing():
            self._answer_and_close(400, "bad_request", "Bad request", msg)

    def _parsed_head_bytes(self) -> int:
        """A lower bound of the head's size: its target, header names and values, separators."""
        return len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)

    def _refuse_head(self) -> None:
        self.logger.warning("Request head over %d bytes refused.", MAX_HEADER_BYTES)
        self._answer_and_close(431, "http_431", "Request header fields too large", _TOO_LARGE)

    def _answer_and_close(self, status: int, code: str, title: str, detail: str) -> None:
        """A problem answered before any request reaches the app, shaped as the app's are."""
        body = json.dumps(
            {"type": f"/problems/{code}", "title": title, "status": status, "detail": detail}
        ).encode()
        headers = [*self.server_state.default_headers, (NOSNIFF[0].encode(), NOSNIFF[1].encode())]
        self.transport.write(
            STATUS_LINE[status]
            + b"".join(name + b": " + value + b"\r\n" for name, value in headers)
            + b"content-type: application/problem+json\r\n"
            + b"content-length: %d\r\nconnection: close\r\n\r\n" % len(body)
            + body
        )
        self.transport.close()
