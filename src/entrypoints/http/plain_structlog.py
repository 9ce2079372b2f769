"""structlog, imported without rich and pygments: import it from here, never directly.

The package's ``__init__`` imports its developer console and traceback helpers, which import
rich (and through it pygments) whenever rich is installed, as it is beside Litestar: about
6 MB the server never uses, since its log lines are JSON (``request_log.configure_logging``).
While structlog is first imported, ``import rich`` is made to fail, so those helpers take their
plain fallbacks; a process that already imported rich (a developer's console) keeps it.
"""

from __future__ import annotations

import sys

_HIDE_RICH = "structlog" not in sys.modules and "rich" not in sys.modules
if _HIDE_RICH:
    sys.modules["rich"] = None  # type: ignore[assignment]  # None there: "import rich" fails
try:
    import structlog
finally:
    if _HIDE_RICH:
        del sys.modules["rich"]

__all__ = ["structlog"]
