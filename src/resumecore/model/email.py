"""E-mail addresses: one normal form, so uniqueness is case-insensitive."""

from __future__ import annotations

import re

from resumecore.errors import InvalidValue

MAX_EMAIL_LENGTH = 254
# Deliberately loose: one @, a dotted domain, no spaces. Mail, not a regex, proves deliverability.
_EMAIL_SHAPE = re.compile(r"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$")


def normalize_email(raw: str) -> str:
    """Trim and lower-case an address without validating it (used for look-ups)."""
    return raw.strip().lower()


def parse_email(raw: str, *, field: str = "email") -> str:
    """Normalise an address and check its shape.

    Raises:
        InvalidValue: the address is empty, too long or not of the form local@domain.tld.
    """
    email = normalize_email(raw)
    if len(email) > MAX_EMAIL_LENGTH or not _EMAIL_SHAPE.match(email):
        raise InvalidValue.for_field(field, "invalid_email", "Enter a valid e-mail address.")
    return email
