"""The OpenAPI document, built and finished when it is first asked for, not at start-up.

Litestar builds the document on first use; finishing it (``openapi.finish_openapi``) at app
creation built it there: about 3.5 MB of schema objects (5.5 MB resident) in every server
process, whether or not anyone reads ``/schema``. Here the app's OpenAPI plugin finishes the
document right after building it, on the first request for it (or the first read of
``app.openapi_schema``), so an app's document is the same either way.
"""

from __future__ import annotations

from litestar import Litestar
from litestar._openapi.plugin import OpenAPIPlugin  # Litestar's own; not re-exported
from litestar.openapi.spec import OpenAPI

from resumecore_server.entrypoints.http.openapi import finish_openapi


class _FinishedOnBuild(OpenAPIPlugin):
    """Litestar's OpenAPI plugin, finishing the document once it is built."""

    __slots__ = ()

    def _build_openapi(self) -> OpenAPI:
        # Kept before finishing: finish_openapi reads app.openapi_schema, which is this.
        self._openapi = super()._build_openapi()
        finish_openapi(self.app)
        return self._openapi


def finish_openapi_on_demand(app: Litestar) -> None:
    """Have ``app`` finish its OpenAPI document when the document is first built."""
    plugin = app.plugins.get(OpenAPIPlugin)
    # Same slots and no state of its own: only the build step changes.
    plugin.__class__ = _FinishedOnBuild
