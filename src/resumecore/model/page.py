"""A page of a listing with the real total."""

from __future__ import annotations

from typing import Generic, TypeVar

import msgspec

T = TypeVar("T")


class Page(msgspec.Struct, Generic[T], frozen=True, kw_only=True):
    """Items of one page, plus the total count of matching rows."""

    items: list[T]
    total: int
    limit: int
    offset: int

    @property
    def has_more(self) -> bool:
        """True when rows exist past this page."""
        return self.offset + len(self.items) < self.total
