"""The benchmark workloads: one request each, built from a seeded caller."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from tests.support.profiles import experience, full_profile

from bench.seed import PROFILE_SIZES, Caller

FIFTY_EXPERIENCES = [experience(i) for i in range(50)]
# A spare profile holds 5 experiences; three adds of 50 keep it under the 200 cap.
ADDS_PER_SPARE = 3
POSTING = """Senior Platform Engineer
Acme Analytics - Berlin, Germany (Hybrid)
Salary: EUR 75,000 - 90,000 per year

About the role
We are hiring a platform engineer to build and run the data platform behind our analytics
products: Python services, PostgreSQL and Kafka pipelines on Kubernetes in AWS.

What you will do
- Design, build and operate backend services in Python and Go
- Own our PostgreSQL clusters: schema changes, replication, backups and tuning
- Automate infrastructure with Terraform and keep our CI/CD pipelines fast

Requirements
- 5+ years of backend engineering with Python
- Production experience with PostgreSQL, Docker and Kubernetes
- Good written English; German is a plus

Nice to have
- Kafka, Redis, Grafana
- Experience mentoring engineers
"""


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    json: Any = None
    expect: int = 200


Workload = Callable[[Caller, int], Request]


def get_primary(caller: Caller, _: int) -> Request:
    return Request("GET", "/api/v1/profiles/me", caller.headers)


def get_not_modified(caller: Caller, _: int) -> Request:
    headers = {**caller.headers, "If-None-Match": '"1"'}
    return Request("GET", f"/api/v1/profiles/{caller.profile_id}", headers, expect=304)


def create_full_profile(caller: Caller, _: int) -> Request:
    return Request("POST", "/api/v1/profiles", caller.headers, full_profile(), 201)


def add_fifty_experiences(caller: Caller, n: int) -> Request:
    profile_id = caller.spare_profiles[(n // ADDS_PER_SPARE) % len(caller.spare_profiles)]
    path = f"/api/v1/profiles/{profile_id}/experiences"
    return Request("POST", path, caller.headers, FIFTY_EXPERIENCES, 201)


def put_one_experience(caller: Caller, n: int) -> Request:
    item = {**caller.experience, "title": f"Engineer {n}"}
    path = f"/api/v1/profiles/{caller.profile_id}/experiences"
    return Request("PUT", path, caller.headers, [item], 200)


def put_one_experience_in(items: int) -> Workload:
    """PUT one experience of the caller's profile of ``items`` items."""

    def put(caller: Caller, n: int) -> Request:
        profile_id, first = caller.sized_profiles.get(items, ("not-seeded", {}))
        path = f"/api/v1/profiles/{profile_id}/experiences"
        return Request("PUT", path, caller.headers, [{**first, "title": f"Engineer {n}"}], 200)

    put.__name__ = f"put_one_experience_in_{items}"
    return put


def create_job_from_text(caller: Caller, _: int) -> Request:
    return Request("POST", "/api/v1/jobs", caller.headers, {"raw_text": POSTING}, 201)


# The same job as typed fields (nothing parsed): the request path without the parser.
TYPED_JOB = {
    "title": "Senior Platform Engineer",
    "company": "Acme Analytics",
    "location": "Berlin, Germany",
    "description": POSTING,
    "requirements": ["5+ years of Python", "PostgreSQL", "Kubernetes on AWS"],
}


def create_job_from_fields(caller: Caller, _: int) -> Request:
    return Request("POST", "/api/v1/jobs", caller.headers, TYPED_JOB, 201)


def refused_add_to_full_profile(caller: Caller, _: int) -> Request:
    path = f"/api/v1/profiles/{caller.full_profile_id}/experiences"
    return Request("POST", path, caller.headers, FIFTY_EXPERIENCES, 422)


WORKLOADS: dict[str, Workload] = {
    "GET /profiles/me": get_primary,
    "GET /profiles/{id} If-None-Match (304)": get_not_modified,
    "POST /profiles (full profile)": create_full_profile,
    "POST /profiles/{id}/experiences (50)": add_fifty_experiences,
    "PUT /profiles/{id}/experiences (1)": put_one_experience,
    **{
        f"PUT /profiles/{{id}}/experiences (1 of {items:,} items)": put_one_experience_in(items)
        for items in PROFILE_SIZES
    },
    "POST /profiles/{id}/experiences (50, refused at 200)": refused_add_to_full_profile,
    "POST /jobs (from text)": create_job_from_text,
    "POST /jobs (typed fields)": create_job_from_fields,
}
# Workloads the framework's ceiling (bench/ceiling.py) is measured beside.
READS = ("GET /profiles/me", "GET /profiles/{id} If-None-Match (304)")


def sizes_used(names: Iterable[str]) -> tuple[int, ...]:
    """The profile sizes the named workloads edit (what to seed)."""
    return tuple(items for items in PROFILE_SIZES if any(f"{items:,} items" in n for n in names))


def per_caller_counter() -> Callable[[int], int]:
    """Request numbers per caller, so each caller walks its own spare profiles in order."""
    counters: dict[int, itertools.count[int]] = {}

    def next_for(caller_index: int) -> int:
        return next(counters.setdefault(caller_index, itertools.count()))

    return next_for
