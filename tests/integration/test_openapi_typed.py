"""The OpenAPI document stays fit for generating a client, operation by operation.

``tests/support/openapi_audit.py`` counts what a generator needs: typed success responses and
request bodies, a description and a unique summary on every operation, statuses the route can
really answer, the headers it honours and sends, and enums as named components.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from resumecore_server.entrypoints.http.app import create_app
from tests.support.app import make_application
from tests.support.openapi_audit import audit, counts, operations


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="resumecore-openapi-"))
    app = create_app(make_application(folder, f"sqlite+aiosqlite:///{folder}/unused.db"))
    return app.openapi_schema.to_schema()


@pytest.mark.parametrize(
    "finding",
    [
        "success_without_schema",
        "untyped_request_body",
        "without_description",
        "duplicate_summary",
        "status_not_possible",
        "header_not_declared",
        "inline_enum",
    ],
)
def test_no_operation_falls_short(document: dict[str, Any], finding: str) -> None:
    assert audit(document)[finding] == []


def _operation(document: dict[str, Any], operation_id: str) -> dict[str, Any]:
    return next(op for _, _, op in operations(document) if op["operationId"] == operation_id)


def _headers(operation: dict[str, Any]) -> set[str]:
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}


def test_statuses_are_those_of_the_route(document: dict[str, Any]) -> None:
    assert set(_operation(document, "health")["responses"]) == {"200", "400"}
    assert set(_operation(document, "health_ready")["responses"]) == {"200", "400", "503"}
    register = set(_operation(document, "register")["responses"])
    assert {"401", "404", "412", "304"}.isdisjoint(register)
    assert counts(document)["distinct status lists"] >= 20


def test_conditional_and_idempotency_headers_are_declared_where_honoured(
    document: dict[str, Any],
) -> None:
    assert "If-None-Match" in _headers(_operation(document, "get_profile"))
    assert "If-None-Match" in _headers(_operation(document, "get_primary_profile"))
    assert "If-Match" in _headers(_operation(document, "update_profile"))
    assert "If-Match" in _headers(_operation(document, "patch_experience_item"))
    assert "Idempotency-Key" in _headers(_operation(document, "create_profile"))
    assert "Idempotency-Key" in _headers(_operation(document, "generate_resume"))
    assert not _headers(_operation(document, "list_profiles"))
    found = counts(document)
    assert found["declared If-Match"] >= 30
    assert found["declared Idempotency-Key"] >= 10


def test_response_headers_are_declared_where_sent(document: dict[str, Any]) -> None:
    read = _operation(document, "get_profile")["responses"]
    assert read["200"]["headers"]["ETag"]["required"] is True
    assert "ETag" in read["304"]["headers"]
    assert "Location" in _operation(document, "generate_resume")["responses"]["202"]["headers"]
    assert "Retry-After" in _operation(document, "login")["responses"]["429"]["headers"]


def test_a_nullable_enum_is_one_component(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    reference = {"$ref": "#/components/schemas/EmploymentType"}
    assert schemas["Job"]["properties"]["employment_type"]["anyOf"] == [
        reference,
        {"type": "null"},
    ]
    assert reference in schemas["JobCreate"]["properties"]["employment_type"]["oneOf"]


def test_a_pasted_postings_limit_is_documented_as_the_parser_applies_it(
    document: dict[str, Any],
) -> None:
    # The wire takes up to 60,000 characters so that 50,001-60,000 get the parser's own 422.
    raw_text = document["components"]["schemas"]["JobCreate"]["properties"]["raw_text"]
    assert raw_text["maxLength"] == 60_000
    assert "50,000" in raw_text["description"]
