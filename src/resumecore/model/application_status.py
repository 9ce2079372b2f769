"""Where a user stands with a job, and which moves between states are allowed."""

from __future__ import annotations

from typing import Literal

from resumecore.errors import FieldError, InvalidValue

ApplicationStatus = Literal[
    "not_applied",
    "preparing",
    "applied",
    "interviewing",
    "offer_received",
    "accepted",
    "rejected",
    "withdrawn",
]

# Any state may go to "withdrawn"; an offer can only be accepted once received.
TRANSITIONS: dict[str, frozenset[str]] = {
    "not_applied": frozenset({"preparing", "applied"}),
    "preparing": frozenset({"not_applied", "applied"}),
    "applied": frozenset({"interviewing", "offer_received", "rejected"}),
    "interviewing": frozenset({"offer_received", "rejected"}),
    "offer_received": frozenset({"accepted", "rejected"}),
    "accepted": frozenset(),
    "rejected": frozenset(),
    "withdrawn": frozenset({"preparing", "applied"}),
}


def check_transition(current: str, target: str) -> None:
    """Raise ``InvalidValue`` (naming both states) unless ``current -> target`` is allowed."""
    if target in {current, "withdrawn"} or target in TRANSITIONS[current]:
        return
    message = f"An application cannot go from '{current}' to '{target}'."
    raise InvalidValue(
        message,
        errors=[FieldError("invalid_transition", message, "application_status")],
        code="invalid_transition",
    )
