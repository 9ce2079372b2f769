"""One DI path: every use case a handler asks for is in ``bootstrap.USE_CASES`` under the
handler's parameter name, with the type the handler declares."""

from __future__ import annotations

from pathlib import Path

from resumecore_server.entrypoints.bootstrap import USE_CASES, build_application
from resumecore_server.entrypoints.http.app import create_app
from tests.support.app import make_settings


def test_every_use_case_parameter_of_every_handler_is_registered_by_its_name(
    tmp_path: Path,
) -> None:
    app = create_app(
        build_application(make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path}/x.db"))
    )
    registered = {use_case: name for name, use_case in USE_CASES.items()}
    asked = 0
    for route in app.routes:
        for handler in getattr(route, "route_handlers", ()):
            for name, parameter in handler.parsed_fn_signature.parameters.items():
                use_case = parameter.annotation
                if use_case in registered:
                    asked += 1
                    assert registered[use_case] == name, (handler, name, use_case)
    assert asked > len(USE_CASES) // 2


def test_every_handler_resolves_each_use_case_it_names_and_reads_none_as_a_parameter(
    tmp_path: Path,
) -> None:
    # Each route group is offered only the providers it uses (scoped_dependencies.py): one it
    # names but is not offered would silently become a query parameter instead.
    app = create_app(
        build_application(make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path}/x.db"))
    )
    checked = 0
    for route in app.routes:
        for handler, model in getattr(route, "route_handler_map", {}).values():
            resolved = {d.key for batch in model.dependency_batches for d in batch}
            named = set(handler.parsed_fn_signature.parameters) & set(USE_CASES)
            assert named <= resolved, (route.path, named - resolved)
            read = model.expected_query_params | model.expected_header_params
            assert not {p.field_name for p in read} & set(USE_CASES), route.path
            checked += len(named)
    assert checked > len(USE_CASES) // 2
