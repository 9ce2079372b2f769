"""The JobWise app's job calls (mobile-client.md §4, J1-J8), replayed as the app sends them.

Every response is read with the app's own casts (``tests/support/app_casts_jobs.py``): a value
the app would throw on fails here with its JSON path. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient

from tests.integration.test_http_profiles_flow import bearer
from tests.support.app_casts_jobs import (
    APPLICATION_STATUSES,
    assert_browse_job,
    assert_job,
    assert_job_list,
)

JOBS = "/api/v1/jobs"
# Seen in the field (mobile-client.md §0 #6); the parser finds no company in the first.
NO_COMPANY_POSTINGS = [
    "We are looking for a Python developer to join our platform team.",
    "Data Analyst\nSQL, Tableau, Excel\nBuild dashboards for the sales team.",
]


def save_from_browse(job: dict[str, Any]) -> dict[str, Any]:
    """``saveBrowseJob``'s body: bracketed keys only when non-null; lists and remote always."""
    body: dict[str, Any] = {"source": "imported", "title": job["title"], "company": job["company"]}
    for key in ("location", "description"):
        if job.get(key) is not None:
            body[key] = job[key]
    body["requirements"] = job.get("requirements") or []
    body["benefits"] = job.get("benefits") or []
    if job.get("salary_range") is not None:
        body["salary_range"] = job["salary_range"]
    body["remote"] = bool(job.get("remote"))
    return body


async def test_the_apps_job_calls_parse_with_the_apps_casts(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    headers = await bearer(client)

    # J1: paste (the text is trimmed and non-empty), including postings without a company.
    pasted = []
    for text in NO_COMPANY_POSTINGS:
        response = await client.post(
            JOBS, json={"source": "user_created", "raw_text": text.strip()}, headers=headers
        )
        assert response.status_code == 201, response.text
        assert_job(response.json())
        pasted.append(response.json())
    assert pasted[0]["company"] == ""

    # J5: browse, first page, "Remote only" off, then with the search fields filled.
    browse = await client.get(f"{JOBS}/browse?limit=20&offset=0&remote=false", headers=headers)
    assert browse.status_code == 200, browse.text
    assert_job_list(browse.json(), item=assert_browse_job)
    assert browse.json()["pagination"]["hasMore"] is True
    for query in ("query=engineer", "location=remote", "remote=true&query=data"):
        filtered = await client.get(
            f"{JOBS}/browse?limit=20&offset=0&remote=false&{query}", headers=headers
        )
        assert filtered.status_code == 200, filtered.text
        assert_job_list(filtered.json(), item=assert_browse_job)

    # J2: "Save" on every browse card of the first page.
    for job in browse.json()["jobs"]:
        saved = await client.post(JOBS, json=save_from_browse(job), headers=headers)
        assert saved.status_code == 201, saved.text
        assert_job(saved.json())
        assert saved.json()["source"] == "imported"
        assert saved.json()["remote"] == bool(job["remote"])

    # J4: the Jobs tab.
    listed = await client.get(f"{JOBS}?limit=20&offset=0", headers=headers)
    assert listed.status_code == 200, listed.text
    assert_job_list(listed.json())
    assert listed.json()["total"] == len(pasted) + len(browse.json()["jobs"])

    # J6, J7 (all three keys, from the optimistically edited job), J8.
    target = pasted[0]
    url = f"{JOBS}/{target['id']}"
    detail = await client.get(url, headers=headers)
    assert detail.status_code == 200
    assert_job(detail.json())
    for status in sorted(APPLICATION_STATUSES):
        body = {
            "parsed_keywords": detail.json()["parsed_keywords"],
            "status": detail.json()["status"],
            "application_status": status,
        }
        updated = await client.put(url, json=body, headers=headers)
        assert updated.status_code == 200, updated.text
        assert_job(updated.json())
        assert updated.json()["application_status"] == status
    assert (await client.delete(url, headers=headers)).status_code == 204
    assert (await client.get(url, headers=headers)).status_code == 404


# Pastes whose header lines run past a job's fields (J1): a posting open in thirty cities, a
# company line that runs on, a title repeated by a careers page.
CITIES = ", ".join(["Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt", "Stuttgart"] * 5)
LONG_HEADER_POSTINGS = {
    "location": f"Software Engineer\nAcme\nLocation: {CITIES}\n\nWe build APIs in Python.",
    "company": "Software Engineer\nCompany: " + "Very Long Name " * 20 + "Inc\nLocation: Berlin",
    "title": "Title: " + "Senior " * 60 + "Engineer\nCompany: Acme\n\nPython, SQL.",
}


async def test_a_paste_with_header_lines_longer_than_a_job_holds_is_still_added(
    client: AsyncTestClient,  # type: ignore[type-arg]
) -> None:
    headers = await bearer(client)
    for field, text in LONG_HEADER_POSTINGS.items():
        response = await client.post(
            JOBS, json={"source": "user_created", "raw_text": text}, headers=headers
        )
        assert response.status_code == 201, response.text
        job = response.json()
        assert_job(job)
        limit = 300 if field == "title" else 200
        assert 0 < len(job[field]) <= limit, job[field]
        assert job[field] in text, job[field]  # a cut of what was read, nothing added
        assert not job[field].endswith((",", " ")), job[field]
        assert f"{field}: cut to {limit} characters" in " ".join(job["parse_warnings"])

    # The Jobs tab lists them (J4).
    listed = await client.get(f"{JOBS}?limit=20&offset=0", headers=headers)
    assert listed.status_code == 200, listed.text
    assert_job_list(listed.json())
    assert listed.json()["total"] == len(LONG_HEADER_POSTINGS)
