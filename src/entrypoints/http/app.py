"""The Litestar application factory."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme

from resumecore.errors import DomainError, StorageUnavailable
from resumecore.ports.throttle import AttemptCounter
from resumecore.ports.tracing import Tracer
from resumecore.services.jobs.catalog import SeedCatalog
from resumecore_server.entrypoints.bootstrap import (
    USE_CASES,
    Application,
    build_application,
    http_telemetry,
)
from resumecore_server.entrypoints.http.body_guard import GuardedRequest, InputGuard
from resumecore_server.entrypoints.http.controllers.auth import AuthController
from resumecore_server.entrypoints.http.controllers.enhance import EnhanceController
from resumecore_server.entrypoints.http.controllers.exports import ExportController
from resumecore_server.entrypoints.http.controllers.generations import GenerationController
from resumecore_server.entrypoints.http.controllers.health import health, ready
from resumecore_server.entrypoints.http.controllers.jobs import JobController
from resumecore_server.entrypoints.http.controllers.profile_items import ITEM_ROUTERS
from resumecore_server.entrypoints.http.controllers.profile_parts import ProfilePartsController
from resumecore_server.entrypoints.http.controllers.profiles import ProfileController
from resumecore_server.entrypoints.http.controllers.rankings import RankingController
from resumecore_server.entrypoints.http.controllers.samples import SampleController
from resumecore_server.entrypoints.http.controllers.usage import UsageController
from resumecore_server.entrypoints.http.cors import cors_config
from resumecore_server.entrypoints.http.dependencies_in_order import resolve_dependencies_in_order
from resumecore_server.entrypoints.http.metrics import http_metrics_middleware, metrics_route
from resumecore_server.entrypoints.http.openapi_on_demand import finish_openapi_on_demand
from resumecore_server.entrypoints.http.problems import (
    domain_error_handler,
    http_error_handler,
    internal_error_handler,
    malformed_body_handler,
    validation_handler,
)
from resumecore_server.entrypoints.http.profile_reads import profile_reads
from resumecore_server.entrypoints.http.rate_limit import (
    IP_QUOTA_GUARD,
    ClientAddress,
    IpQuotaGuard,
    parse_networks,
    provide_client_ip,
    unguarded_quotas,
)
from resumecore_server.entrypoints.http.readiness import readiness_checks
from resumecore_server.entrypoints.http.request_log import configure_logging, request_log_middleware
from resumecore_server.entrypoints.http.reset_page import reset_page
from resumecore_server.entrypoints.http.scoped_dependencies import scoped_route_handlers
from resumecore_server.entrypoints.http.security_headers import add_security_headers
from resumecore_server.entrypoints.http.startup_refusal import StartupRefused
from resumecore_server.entrypoints.http.unused_packages import litestar_without_unused_plugins
from resumecore_server.entrypoints.settings import Settings
from resumecore_server.entrypoints.workers import WorkerPool


def create_app(application: Application | None = None) -> Litestar:
    """Build the HTTP app on ``application`` (wired from the environment when omitted)."""
    application = application or build_application(Settings.from_env())
    settings = application.settings
    configure_logging(settings.log_level)
    resolve_dependencies_in_order()
    telemetry = http_telemetry(application)
    dependencies = {
        name: _provide(application.resolve(use_case)) for name, use_case in USE_CASES.items()
    }
    workers = WorkerPool(application, settings.generation_workers)
    dependencies["readiness"] = _provide(readiness_checks(application, workers))
    dependencies["profile_reads"] = _provide(profile_reads(application))
    client_address = ClientAddress(
        parse_networks(settings.trusted_proxies) if settings.trust_forwarded_for else ()
    )
    dependencies["client_ip"] = provide_client_ip(client_address)
    dependencies["secure_cookies"] = _provide(settings.environment != "development")
    guard = IpQuotaGuard(
        application.resolve(AttemptCounter),
        settings.ip_requests_per_minute,
        client_address=client_address,
        telemetry=telemetry,
    )
    app = litestar_without_unused_plugins(
        route_handlers=scoped_route_handlers(
            [
                AuthController,
                ProfileController,
                ProfilePartsController,
                *ITEM_ROUTERS,
                EnhanceController,
                UsageController,
                JobController,
                RankingController,
                GenerationController,
                ExportController,
                SampleController,
                health,
                ready,
                reset_page,
                metrics_route(telemetry, settings.metrics_token),
            ],
            dependencies,
        ),
        # Only handlers with a quota run it (``rate_limit.ip_quota``); they find it here.
        state=State({IP_QUOTA_GUARD: guard}),
        exception_handlers={
            DomainError: domain_error_handler,
            ValidationException: validation_handler,
            UnicodeDecodeError: malformed_body_handler,
            HTTPException: http_error_handler,
            Exception: internal_error_handler,
        },
        request_max_body_size=settings.max_body_bytes,
        cors_config=cors_config(settings.cors_origins, settings.environment),
        before_send=[add_security_headers],
        # 415 for non-JSON bodies, 400 for NUL / lone surrogates / over-deep JSON (issue #10).
        middleware=[InputGuard()],
        request_class=GuardedRequest,
        openapi_config=OpenAPIConfig(
            title="resumecore",
            version="1.0.0",
            path="/schema",
            use_handler_docstrings=True,
            render_plugins=[ScalarRenderPlugin(), SwaggerRenderPlugin(path="/swagger")],
            components=Components(
                security_schemes={
                    "BearerToken": SecurityScheme(type="http", scheme="bearer", bearer_format="JWT")
                }
            ),
        ),
        on_startup=[_seeding(application.resolve(SeedCatalog)), workers.start],
        on_shutdown=[workers.stop, application.aclose],
        debug=False,
        logging_config=None,
    )
    if unguarded := unguarded_quotas(app):
        msg = f"routes with an IP quota must use rate_limit.ip_quota(): {unguarded}"
        raise RuntimeError(msg)
    finish_openapi_on_demand(app)
    # Wrapping the whole ASGI handler (not route middleware) logs unmatched paths (404/405) too.
    app.asgi_handler = request_log_middleware(app.asgi_handler, application.resolve(Tracer))
    app.asgi_handler = http_metrics_middleware(app.asgi_handler, telemetry)
    return app


def _seeding(seed: SeedCatalog) -> Any:
    async def seed_catalog() -> None:
        try:
            await seed()
        except StorageUnavailable as exc:
            # Start-up must say what to do, not show a driver traceback.
            msg = "the database is not reachable or not migrated: run `resumecore migrate` first"
            raise StartupRefused(msg) from exc

    return seed_catalog


def _provide(instance: Any) -> Provide:
    def provider() -> Any:
        return instance

    # Sync and not sent to a thread: handing back a ready instance awaits nothing.
    return Provide(provider, use_cache=True, sync_to_thread=False)
