"""Issue #10, low 11 and low 16: job inputs that used to give a 500 or a baffling 422.

low 11: a job-schema document whose ``meta`` is not an object crashed the import (500).
low 16: a long pasted posting with over 100 requirement lines was refused with a 422 on
``requirements``, a field the user never sent; the parser's lists now keep their first 100
items and the job says so in ``parse_warnings``.
"""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from resumecore.model.parsed_limits import MAX_ITEMS
from tests.integration.http_helpers import assert_problem
from tests.integration.test_http_profiles_flow import bearer

JOBS = "/api/v1/jobs"


@pytest.mark.parametrize(
    ("meta", "field"),
    [
        (5, "meta"),
        (["resumecore"], "meta"),
        ("text", "meta"),
        ({"resumecore": 7}, "meta.resumecore"),
        ({"resumecore": ["nice_to_have"]}, "meta.resumecore"),
    ],
)
async def test_low_11_a_job_schema_meta_that_is_not_an_object_is_a_clear_422(
    client: AsyncTestClient,  # type: ignore[type-arg]
    meta: Any,
    field: str,
) -> None:
    headers = await bearer(client)

    response = await client.post(
        f"{JOBS}/import/job-schema", json={"title": "Baker", "meta": meta}, headers=headers
    )

    body = assert_problem(response, 422)
    assert field in body["detail"]
    assert [e["field"] for e in body["errors"]] == [field]
    assert (await client.get(JOBS, headers=headers)).json()["total"] == 0
    fine = await client.post(
        f"{JOBS}/import/job-schema", json={"title": "Baker", "meta": None}, headers=headers
    )
    assert fine.status_code == 201, fine.text


async def test_low_16_a_posting_with_over_100_requirement_lines_is_kept_with_a_warning(
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    headers = await bearer(client)
    lines = "\n".join(f"- Experience with system number {i}" for i in range(MAX_ITEMS + 40))
    posting = f"Platform Engineer\nAcme Corp\n\nRequirements:\n{lines}\n\nBenefits:\n- Pension\n"

    response = await client.post(
        JOBS, json={"source": "user_created", "raw_text": posting}, headers=headers
    )

    assert response.status_code == 201, response.text
    job = response.json()
    assert len(job["requirements"]) == MAX_ITEMS
    assert job["requirements"][0].endswith("system number 0")
    assert job["requirements"][-1].endswith(f"system number {MAX_ITEMS - 1}")
    assert job["parse_warnings"] == [
        f"requirements: kept the first {MAX_ITEMS} of {MAX_ITEMS + 40} items; "
        "the full posting is in description."
    ]
    assert f"system number {MAX_ITEMS + 39}" in job["description"]
    stored = (await client.get(f"{JOBS}/{job['id']}", headers=headers)).json()
    assert stored == job
