"""The app ``resumecore serve`` runs, with the posting parser's data built before it is imported.

The parser compiles its skill vocabulary into one large regex and reads its list of towns on
first use, and every server process holds both: the offline writer is built with the
vocabulary at start-up and the catalog is parsed when the server starts. Building them frees
nearly as much memory as they keep (the vocabulary alone: 26 MB resident for 12 MB kept). Built
before the framework and the app are imported, that freed memory is reused by those imports
instead of staying resident beside them: a started server measured 99-100 MB resident instead
of 110 MB (``python -m bench.run``, SQLite, one worker).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resumecore.postings import parse_posting

if TYPE_CHECKING:
    from resumecore_server.entrypoints.http.startup_refusal import ASGIApp

# Reaches each part of the parser that loads data on first use: skills, a town with its
# district, a country, pay.
WARM_UP_POSTING = """Senior Data Engineer
Acme Analytics GmbH - Hamburg-Altona, Germany (Hybrid)
Salary: EUR 70,000 - 85,000 per year

We build data pipelines in Python, SQL and Kubernetes on AWS.
Requirements:
- 5+ years of experience with PostgreSQL and Airflow
"""


def create_served_app() -> ASGIApp:
    """``served_app.create_served_app``, after the parser's data (see the module docstring).

    Start-up refusals (the database unreachable) are reported in one line (``startup_refusal``).
    """
    warm_parser()
    # Imported only now, after the parser's data, so that it reuses what building them freed.
    from resumecore_server.entrypoints.http.served_app import (  # noqa: PLC0415
        create_served_app as served,
    )
    from resumecore_server.entrypoints.http.startup_refusal import (  # noqa: PLC0415
        refusals_in_one_line,
    )

    return refusals_in_one_line(served())


def warm_parser() -> None:
    """Build and read everything the posting parser loads on first use."""
    parse_posting(WARM_UP_POSTING)
