"""Shared bounds of ``limit`` / ``offset`` query parameters on every list route.

Unbounded, an ``offset`` of 2**63 overflowed the drivers (a 500 on SQLite, a 503 on
PostgreSQL); declared here, out-of-range values are a 400 before any handler runs.
"""

from __future__ import annotations

from typing import Annotated

from litestar.params import QueryParameter

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000

Limit = Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, QueryParameter(ge=0, le=MAX_OFFSET)]
