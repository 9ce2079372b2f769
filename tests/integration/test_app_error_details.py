"""What the JobWise app shows for a rule violation (mobile-client.md §1, "Error text").

The app shows a problem's ``detail`` and never reads ``errors[]``, so a 422's ``detail`` must
say which field breaks which rule. Each request below is one the app sends with values its
forms let through (a date typed in a format the dialog does not convert, a LinkedIn address
without a scheme, a GPA on another scale). Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient

from resumecore.model.job_factory import NO_URL_FETCH
from tests.integration.test_app_profiles_casts import APP_HEADERS, PROFILES, new_profile_body
from tests.integration.test_http_profiles_flow import bearer

JOBS = "/api/v1/jobs"


def with_changes(**changes: Any) -> dict[str, Any]:
    """The edit screen's create body (P2) with ``changes`` applied to its parts."""
    body = new_profile_body()
    body["personal_info"] |= changes.pop("personal_info", {})
    body["experiences"][0] |= changes.pop("experience", {})
    body["education"][0] |= changes.pop("education", {})
    return body | changes


async def test_a_rejected_profile_save_names_the_field_and_the_rule(
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    headers = APP_HEADERS | await bearer(client)
    cases = [
        ({"experience": {"start_date": "03/2020"}}, "experiences[0].start_date", "YYYY-MM"),
        (
            {"personal_info": {"linkedin": "linkedin.com/in/grace"}},
            "personal_info.linkedin",
            "http",
        ),
        ({"education": {"gpa": 9.5}}, "education[0].gpa", "between 0 and 4"),
    ]
    for changes, field, rule in cases:
        response = await client.post(PROFILES, json=with_changes(**changes), headers=headers)
        assert response.status_code == 422, response.text
        problem = response.json()
        assert problem["errors"][0]["field"] == field
        assert field in problem["detail"], problem
        assert rule in problem["detail"], problem
        assert problem["detail"].startswith("The profile breaks its rules"), problem


async def test_a_rejected_item_or_job_change_names_the_field(
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    headers = APP_HEADERS | await bearer(client)
    created = await client.post(PROFILES, json=new_profile_body(), headers=headers)
    assert created.status_code == 201, created.text
    items = f"{PROFILES}/{created.json()['id']}/experiences"
    good = {"title": "Clerk", "company": "Acme", "start_date": "2020-01"}
    bulk = await client.post(items, json=[good, good | {"start_date": "Present"}], headers=headers)
    assert bulk.status_code == 422, bulk.text
    assert "[1] data.start_date: Use YYYY, YYYY-MM or YYYY-MM-DD." in bulk.json()["detail"]

    job = await client.post(
        JOBS, json={"source": "user_created", "raw_text": "Dev\nAcme"}, headers=headers
    )
    assert job.status_code == 201, job.text
    untitled = await client.put(f"{JOBS}/{job.json()['id']}", json={"title": ""}, headers=headers)
    assert untitled.status_code == 422, untitled.text
    assert untitled.json()["detail"].endswith(" title: This field is required.")


async def test_a_detail_that_already_says_why_is_not_repeated(
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    headers = APP_HEADERS | await bearer(client)
    by_url = await client.post(
        JOBS, json={"source": "url_import", "url": "https://example.com/j/1"}, headers=headers
    )
    assert by_url.status_code == 422, by_url.text
    assert by_url.json()["detail"] == NO_URL_FETCH
