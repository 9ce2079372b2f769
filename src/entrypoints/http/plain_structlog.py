"""structlog, imported without rich and pygments: import it from here, never directly.

The package's ``__init__`` imports its developer console and traceback helpers, which import
rich (and through it pygments) whenever rich is installed, as it is beside Litestar: about
6 MB the server never uses, since its log lines are JSON (``request_log.configure_logging``).
Those helpers take their plain fallbacks instead (``entrypoints.hidden_imports``).
"""

from __future__ import annotations

from resumecore_server.entrypoints.hidden_imports import packages_hidden

with packages_hidden("rich"):
    import structlog

__all__ = ["structlog"]
