"""Where a user stands with a job.

The status is the user's own record of their application, not a workflow the service enforces:
any status may follow any other (a user may skip steps, correct a mistake, or re-open a rejection).
Every change is kept in the job's ``status_history``.
"""

from __future__ import annotations

from typing import Literal

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
