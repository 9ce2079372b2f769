"""Shared base classes for request and response bodies."""

import msgspec


class RequestBody(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Request bodies: unknown fields are a 400, so clients cannot set ids, owners or flags."""


class ResponseBody(msgspec.Struct, kw_only=True):
    """Response bodies: an explicit allow-list of fields."""


class MessageResponse(ResponseBody):
    """A human-readable confirmation."""

    message: str
