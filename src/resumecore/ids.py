"""Typed identifiers. All ids are server-generated UUID strings."""

from typing import NewType

UserId = NewType("UserId", str)
SessionId = NewType("SessionId", str)
ProfileId = NewType("ProfileId", str)
