"""Who is calling: the authenticated user and the session their token belongs to."""

import msgspec

from resumecore.ids import SessionId, UserId
from resumecore.model.user import public_number


class Principal(msgspec.Struct, frozen=True, kw_only=True):
    """An authenticated caller."""

    user_id: UserId
    session_id: SessionId

    @property
    def user_number(self) -> int:
        """The caller's public integer number (``Profile.user_id`` on the wire)."""
        return public_number(self.user_id)
