"""Who is calling: the authenticated user and the session their token belongs to."""

import msgspec

from resumecore.ids import SessionId, UserId


class Principal(msgspec.Struct, frozen=True, kw_only=True):
    """An authenticated caller."""

    user_id: UserId
    session_id: SessionId
