"""One soak client: a closed loop of mixed requests, and its own record of what was acknowledged.

Two clients share each account and profile, so If-Match conflicts and write races are real,
but each experience has one writer (the client that added it), so its final content is known.
The record keeps, per client: its experiences (id -> last acknowledged description, plus any
unacknowledged attempt), removed ids, jobs, generations and exports it was told exist, and every
profile version an acknowledged write produced.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

PROFILES = "/api/v1/profiles"
POSTING = """Platform Engineer {marker}
Acme Analytics - Berlin, Germany (Hybrid)

We are hiring an engineer to build our data platform in Python and PostgreSQL on Kubernetes.

Requirements
- 4+ years of Python and SQL
- PostgreSQL and Terraform in production
"""
MAYBE_REMOVED = "<removed, unacknowledged>"
# action -> weight; reads dominate, as for a real app.
MIX = {"read": 30, "put": 12, "patch": 12, "bulk": 12, "job": 8, "generate": 8, "export": 6}


def experience(title: str, description: str) -> dict[str, Any]:
    return {
        "title": title,
        "company": "Soak Corp",
        "start_date": "2020-01",
        "end_date": "2022-06",
        "description": description,
        "technologies": ["Python", "PostgreSQL"],
    }


@dataclass
class Owned:
    """An experience this client added: the last acknowledged description and a pending one."""

    title: str
    description: str
    pending: str | None = None


@dataclass
class Record:
    owned: dict[str, Owned] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)
    unsure_adds: set[str] = field(default_factory=set)  # titles sent without an answer
    jobs: list[str] = field(default_factory=list)
    generations: list[str] = field(default_factory=list)
    exports: list[str] = field(default_factory=list)
    write_versions: list[int] = field(default_factory=list)  # in the order acknowledged
    statuses: Counter[int] = field(default_factory=Counter)
    by_action: Counter[str] = field(default_factory=Counter)  # "action status"
    transport_errors: int = 0
    server_errors: list[str] = field(default_factory=list)


class SoakClient:
    def __init__(
        self,
        http: httpx.AsyncClient,
        name: str,
        headers: dict[str, str],
        profile_id: str,
        pdf: bool,
    ) -> None:
        self.http, self.name, self.headers, self.profile_id = http, name, headers, profile_id
        self.pdf = pdf
        self.record = Record()
        self.random = random.Random(name)
        self.sequence = 0
        self.version = 0
        self.action = "setup"

    async def call(self, method: str, path: str, **kw: Any) -> httpx.Response | None:
        headers = {**self.headers, **kw.pop("headers", {})}
        try:
            response = await self.http.request(method, path, headers=headers, **kw)
        except httpx.TransportError:
            self.record.transport_errors += 1
            return None
        self.record.statuses[response.status_code] += 1
        self.record.by_action[f"{self.action} {response.status_code}"] += 1
        if response.status_code >= 500:
            self.record.server_errors.append(f"{method} {path}: {response.status_code}")
        return response

    def _marker(self) -> str:
        self.sequence += 1
        return f"{self.name}-n{self.sequence}"

    def _acknowledged_write(self, response: httpx.Response) -> None:
        version = int(response.headers["ETag"].strip('W/"'))
        self.record.write_versions.append(version)
        self.version = max(self.version, version)

    async def step(self) -> None:
        self.action = self.random.choices(list(MIX), weights=list(MIX.values()))[0]
        await getattr(self, self.action)()

    async def read(self) -> None:
        got = await self.call("GET", f"{PROFILES}/{self.profile_id}")
        if got is not None and got.status_code == 200:
            self.version = max(self.version, int(got.headers["ETag"].strip('W/"')))
        await self.call("GET", "/api/v1/jobs", params={"limit": 5})

    def _pick_owned(self) -> str | None:
        return self.random.choice(sorted(self.record.owned)) if self.record.owned else None

    async def put(self) -> None:
        """PUT the whole experience with If-Match: 200, or 412 when the other client won."""
        item_id = self._pick_owned()
        if item_id is None:
            return await self.bulk()
        owned, text = self.record.owned[item_id], f"put {self._marker()}"
        owned.pending = text
        body = [{"id": item_id, **experience(owned.title, text)}]
        done = await self.call(
            "PUT", f"{PROFILES}/{self.profile_id}/experiences", json=body,
            headers={"If-Match": f'"{self.version}"'},
        )  # fmt: skip
        self._settle(owned, text, done)
        return None

    async def patch(self) -> None:
        """PATCH one field without If-Match: the server re-applies it over any race."""
        item_id = self._pick_owned()
        if item_id is None:
            return await self.bulk()
        owned, text = self.record.owned[item_id], f"patch {self._marker()}"
        owned.pending = text
        done = await self.call(
            "PATCH", f"{PROFILES}/{self.profile_id}/experiences/{item_id}",
            json={"description": text},
        )  # fmt: skip
        self._settle(owned, text, done)
        return None

    def _settle(self, owned: Owned, text: str, done: httpx.Response | None) -> None:
        if done is None:
            return  # unknown: the final state may hold either text
        if done.status_code == 200:
            owned.description, owned.pending = text, None
            self._acknowledged_write(done)
        elif done.status_code < 500:
            owned.pending = None  # refused (412 when the other client wrote first): unchanged
            if done.status_code == 412 and "ETag" in done.headers:
                self.version = int(done.headers["ETag"].strip('W/"'))

    async def bulk(self) -> None:
        """One operations batch: add two, update one, remove one (beyond the first three)."""
        titles = [f"exp {self._marker()}" for _ in range(2)]
        ops: list[dict[str, Any]] = [
            {"op": "add", "kind": "experience", "data": experience(t, "added")} for t in titles
        ]
        updated = self._pick_owned()
        text = f"bulk {self._marker()}"
        if updated is not None:
            ops.append({"op": "update", "kind": "experience", "id": updated,
                        "data": {"description": text}})  # fmt: skip
            self.record.owned[updated].pending = text
        removed = self._pick_owned() if len(self.record.owned) > 3 else None
        if removed is not None and removed != updated:
            ops.append({"op": "remove", "kind": "experience", "id": removed})
        else:
            removed = None
        done = await self.call(
            "POST", f"{PROFILES}/{self.profile_id}/operations", json={"operations": ops},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )  # fmt: skip
        if done is None or done.status_code >= 500:
            self.record.unsure_adds.update(titles)
            if removed is not None:
                self.record.owned[removed].pending = MAYBE_REMOVED
            return
        if updated is not None:
            self.record.owned[updated].pending = None
        if done.status_code != 200:
            return
        self._acknowledged_write(done)
        if updated is not None:
            self.record.owned[updated].description = text
        if removed is not None:
            del self.record.owned[removed]
            self.record.removed.add(removed)
        for item in done.json()["experiences"]:
            if item["title"] in titles:
                self.record.owned[item["id"]] = Owned(item["title"], "added")

    async def job(self) -> None:
        made = await self.call(
            "POST", "/api/v1/jobs", json={"raw_text": POSTING.format(marker=self._marker())},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )  # fmt: skip
        if made is not None and made.status_code == 201:
            self.record.jobs.append(made.json()["id"])

    async def generate(self) -> None:
        if not self.record.jobs:
            return await self.job()
        made = await self.call(
            "POST", "/api/v1/generations/resume",
            json={"job_id": self.random.choice(self.record.jobs), "profile_id": self.profile_id},
            headers={"Prefer": "wait=2"},
        )  # fmt: skip
        if made is not None and made.status_code in {201, 202}:
            self.record.generations.append(made.json()["id"])
        return None

    async def export(self) -> None:
        if not self.record.generations:
            return await self.generate()
        kind = "pdf" if self.pdf and self.random.random() < 0.5 else "markdown"
        made = await self.call(
            "POST", f"/api/v1/exports/{kind}",
            json={"generation_id": self.random.choice(self.record.generations)},
        )  # fmt: skip
        if made is not None and made.status_code == 201:
            self.record.exports.append(made.json()["id"])
        return None
