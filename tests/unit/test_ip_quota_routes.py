"""Only handlers with an IP quota run the quota guard, and none names a quota without it."""

from __future__ import annotations

from litestar import Litestar, get

from resumecore_server.entrypoints.http.rate_limit import ip_quota, ip_quota_guard, unguarded_quotas


@get("/limited", **ip_quota("auth"), sync_to_thread=False)
def limited() -> str:
    return "ok"


@get("/free", sync_to_thread=False)
def free() -> str:
    return "ok"


@get("/forgot", opt={"ip_quota": "auth"}, sync_to_thread=False)
def forgot() -> str:
    return "ok"


def test_a_quota_declared_with_ip_quota_runs_the_guard_and_no_other_handler_does() -> None:
    app = Litestar(route_handlers=[limited, free], logging_config=None)
    handlers = {
        route.path: handler
        for route in app.routes
        for handler in getattr(route, "route_handlers", [])
        if "GET" in handler.http_methods  # not the OPTIONS handler Litestar adds
    }
    assert handlers["/limited"].opt["ip_quota"] == "auth"
    assert ip_quota_guard in handlers["/limited"].guards
    assert not handlers["/free"].guards
    assert unguarded_quotas(app) == []


def test_a_quota_named_only_in_opt_is_reported() -> None:
    app = Litestar(route_handlers=[limited, forgot], logging_config=None)
    assert unguarded_quotas(app) == ["['GET'] /forgot"]
