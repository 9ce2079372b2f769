"""``make bench``: the LLM writer's own overhead, with a model server that answers in 0 ms.

The real ``OpenAiLanguageModel`` (openai client, structured output ``json_schema``) talks
in-process, through ``httpx2.ASGITransport``, to ``tests/support/fake_llm_server.py`` whose
responder computes its reply from the prompt at once. So what is timed is everything the LLM
path adds to the offline writer: building and redacting the prompt, the client's HTTP round
trip (no sockets), decoding and validating the reply, grounding every sentence, the repair
call, rebuilding the document, the reply cache and token ledger (in memory).

Paths, each timed per document over ``--rounds`` rounds, each round on a fresh reply cache:

- ``offline resume`` / ``offline letter``: ``OfflineWriter`` alone (the baselines);
- ``llm resume``: a faithful rewrite (``tests/support/llm_replies.faithful_resume``);
- ``llm resume+repair``: the first reply invents a claim, the repair call (4 messages) is
  faithful, so two model calls per resume;
- ``llm letter``: a letter body whose sentences cite the prompt's real fact ids;
- ``llm resume cached``: the same request twice on one cache, the second one timed.

Overhead = the path's p50 (p99) minus its baseline's p50 (p99); "model ms" is the time inside
the client call (openai client + ASGI + the fake), the rest is the writer's own work. Token
counts are the fake's: it counts whitespace-separated words, not model tokens. Prompt sizes
are also given in characters, with an estimate of tokens as characters / 4 (a rule of thumb
for English and JSON with the OpenAI tokenizers, not a measurement).

The profile is the eval "software" profile (18 items) plus three roles with four bullets each,
three projects, two degrees and two certifications: 40 items, counting experiences,
achievements (bullets), projects, education and certifications; skills and languages are not
counted (``profile_items`` would add them: 13 more).
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import itertools
import json
import re
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx2
from eval.tailoring_data import AT, DATA, load_job
from tests.support.clock import FakeClock
from tests.support.fake_llm_server import FakeLlmServer
from tests.support.llm_replies import faithful_resume, prompt_data

from resumecore.generation.llm.access import ModelAccess
from resumecore.generation.llm.writer import LlmWriter
from resumecore.generation.offline_writer import OfflineWriter
from resumecore.ids import ProfileId, UserId
from resumecore.model.document import CoverLetterOptions, ResumeOptions, WrittenDocument
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile
from resumecore.tailoring import ResumePlan, select_for_resume
from resumecore.tailoring.items import profile_items
from resumecore_server.adapters.llm.openai_model import OpenAiLanguageModel
from resumecore_server.adapters.memory.llm_usage import MemoryReplyCache, MemoryTokenLedger

JOB = "devops_bullets_remote_eu"
MODEL = "fake:ok"
INVENTED = "Cut cloud costs by 73% in one quarter."
CHARS_PER_TOKEN = 4
Responder = Callable[[dict[str, Any]], str]
Step = Callable[[], Awaitable[tuple[float, WrittenDocument]]]

EXTRA_EXPERIENCES: list[dict[str, Any]] = [
    {
        "title": "Site Reliability Engineer",
        "company": "Havelwerk Energy",
        "start_date": "2013-01",
        "end_date": "2014-08",
        "description": "Kept the metering platform on Linux and Ansible running around the clock.",
        "achievements": [
            "Automated server provisioning for 300 hosts with Ansible playbooks",
            "Cut paging alerts by half by tuning Nagios checks and thresholds",
            "Ran quarterly disaster recovery drills for the metering database",
            "Wrote Bash tooling that rotated TLS certificates without downtime",
        ],
    },
    {
        "title": "Build Engineer",
        "company": "Elbtal Games",
        "start_date": "2012-03",
        "end_date": "2012-12",
        "description": "Owned the Jenkins build farm for three console game studios.",
        "achievements": [
            "Brought nightly builds from 9 hours down to 2 with distributed Jenkins agents",
            "Moved build artifacts to Amazon S3 with lifecycle rules for old releases",
            "Added crash report symbol uploads to every release build",
            "Documented the release checklist used by 5 studios",
        ],
    },
    {
        "title": "IT Support Technician",
        "company": "Spreeblick Media",
        "start_date": "2011-01",
        "end_date": "2012-02",
        "description": "Supported 80 staff on macOS and Windows in a newsroom.",
        "achievements": [
            "Migrated the newsroom mail from a local Exchange server to Google Workspace",
            "Set up nightly backups of the editorial file server",
            "Kept the help desk queue under one day for a whole year",
            "Trained 15 editors on the new content management system",
        ],
    },
]
EXTRA_PROJECTS: list[dict[str, Any]] = [
    {
        "name": "kube-lint-action",
        "description": "A GitHub Action that lints Kubernetes manifests on every pull request.",
        "technologies": ["Kubernetes", "Go"],
        "start_date": "2022-06",
    },
    {
        "name": "pg-snapshot",
        "description": "Point-in-time PostgreSQL snapshots to object storage.",
        "technologies": ["PostgreSQL", "Python"],
        "start_date": "2021-01",
        "end_date": "2021-05",
    },
    {
        "name": "terraform-cost-report",
        "description": "A weekly cloud cost report generated from Terraform state.",
        "technologies": ["Terraform", "Python"],
        "start_date": "2023-09",
    },
]
EXTRA_EDUCATION: list[dict[str, Any]] = [
    {
        "institution": "Fernuniversität in Hagen",
        "degree": "MSc",
        "field_of_study": "Practical Computer Science",
        "start_date": "2015-10",
        "end_date": "2019-03",
    },
    {
        "institution": "Oberstufenzentrum Informations- und Medizintechnik",
        "degree": "Vocational diploma",
        "field_of_study": "IT Specialist for System Integration",
        "start_date": "2008-08",
        "end_date": "2011-06",
    },
]
EXTRA_CERTIFICATIONS: list[dict[str, Any]] = [
    {"name": "HashiCorp Certified: Terraform Associate", "issuer": "HashiCorp",
     "date_obtained": "2023-11"},
    {"name": "AWS Certified SysOps Administrator", "issuer": "Amazon Web Services",
     "date_obtained": "2021-06"},
]  # fmt: skip


def profile_40() -> Profile:
    """The software profile extended to 40 items (see the module's docstring); deterministic."""
    spec = json.loads((DATA / "profiles" / "software.json").read_text())
    content = copy.deepcopy(spec["content"])
    content["experiences"] += EXTRA_EXPERIENCES
    content["projects"] += EXTRA_PROJECTS
    content["education"] += EXTRA_EDUCATION
    content["skills"]["certifications"] += EXTRA_CERTIFICATIONS
    counter = itertools.count(1)
    return new_profile(
        ProfileId("bench-llm"), UserId("bench"), content, is_primary=True,
        new_id=lambda: f"bench-{next(counter)}", at=AT,
    )  # fmt: skip


def item_counts(profile: Profile) -> dict[str, int]:
    """The counted items by kind, plus ``total`` and, apart, what ``profile_items`` finds."""
    counts = {
        "experiences": len(profile.experiences),
        "achievements": sum(len(e.achievements) for e in profile.experiences),
        "projects": len(profile.projects),
        "education": len(profile.education),
        "certifications": len(profile.skills.certifications),
    }
    counts["total"] = sum(counts.values())
    counts["profile_items_with_skills"] = len(profile_items(profile, 0))
    return counts


# The fake's replies, computed from the request body it received.


def faithful(body: dict[str, Any]) -> str:
    return faithful_resume(prompt_data(body["messages"]))


def repaired(body: dict[str, Any]) -> str:
    """First call (2 messages): a claim no fact supports; the repair call (4): faithful."""
    messages = body["messages"]
    reply = json.loads(faithful_resume(prompt_data(messages)))
    if len(messages) == 2 and reply["roles"]:
        role = reply["roles"][0]
        role["bullets"].insert(0, {"text": INVENTED, "sources": [role["id"]]})
    return json.dumps(reply)


def letter(body: dict[str, Any]) -> str:
    """As many paragraphs as asked, each citing one role's heading and its bullets."""
    data = prompt_data(body["messages"])
    found = re.search(r"(\d+) paragraphs", data["task"])
    count = int(found.group(1)) if found else 3
    facts = {f["id"]: f["text"] for f in data["facts"]}
    roles = [key for key, text in facts.items() if "·" in text and ":" not in key]
    paragraphs = []
    for index in range(count):
        role = roles[index % len(roles)]
        title, company = facts[role].split(" · ")[:2]
        sentences = [{"text": f"I worked as {title} at {company}.", "sources": [role]}]
        for key in [k for k in facts if k.startswith(f"{role}:a")][:2]:
            text = facts[key]
            sentences.append({"text": f"I {text[0].lower()}{text[1:]}.", "sources": [key]})
        paragraphs.append({"sentences": sentences})
    return json.dumps({"paragraphs": paragraphs})


@dataclass
class Sample:
    """One timed document."""

    ms: float
    model_ms: float = 0.0
    calls: int = 0
    cache_hits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    writer: str = "offline"
    repaired: int = 0
    fallbacks: int = 0


@dataclass
class Path:
    """A measured path: its samples and the sizes of the prompts it sent."""

    name: str
    baseline: str | None
    samples: list[Sample] = field(default_factory=list)
    prompt_chars: list[int] = field(default_factory=list)  # per call of the first round
    prompt_words: list[int] = field(default_factory=list)  # as the fake counts them
    schema_chars: list[int] = field(default_factory=list)
    reply_chars: list[int] = field(default_factory=list)

    def percentile(self, attribute: str, q: float) -> float:
        values = sorted(getattr(s, attribute) for s in self.samples)
        if q == 0.5:
            return float(statistics.median(values))
        return float(values[min(len(values) - 1, int(q * len(values)))])

    def mean(self, attribute: str) -> float:
        return statistics.fmean(getattr(s, attribute) for s in self.samples)


class Bench:
    """The fake, one client for every LLM writer (as the app holds one), and the inputs."""

    def __init__(self) -> None:
        self.fake = FakeLlmServer()
        self.replies: list[int] = []
        self.model = OpenAiLanguageModel(
            model=MODEL,
            base_url="http://fake-llm/v1",
            api_key="sk-bench",
            http_client=httpx2.AsyncClient(transport=httpx2.ASGITransport(app=self.fake)),
        )
        self.profile = profile_40()
        self.job = load_job(JOB)
        self.plan: ResumePlan = select_for_resume(self.profile, self.job)
        self.offline = OfflineWriter()

    def respond_with(self, responder: Responder) -> None:
        def recorded(body: dict[str, Any]) -> str:
            reply = responder(body)
            self.replies.append(len(reply))
            return reply

        self.fake.responder = recorded

    def writer(self, cache: MemoryReplyCache | None = None) -> LlmWriter:
        needs = (self.model, cache or MemoryReplyCache(), MemoryTokenLedger(), FakeClock())
        return LlmWriter(ModelAccess(*needs, tokens_per_day=10**9))

    async def offline_resume(self) -> WrittenDocument:
        return await self.offline.write_resume(self.profile, self.job, self.plan, ResumeOptions())

    async def offline_letter(self) -> WrittenDocument:
        return await self.offline.write_cover_letter(
            self.profile, self.job, self.plan, CoverLetterOptions()
        )

    async def llm_resume(self) -> WrittenDocument:
        return await self.writer().write_resume(self.profile, self.job, self.plan, ResumeOptions())

    async def llm_letter(self) -> WrittenDocument:
        return await self.writer().write_cover_letter(
            self.profile, self.job, self.plan, CoverLetterOptions()
        )

    async def one_round(
        self, path: Path, step: Step, responder: Responder | None, keep: bool
    ) -> None:
        """One timed document of ``path``; the first kept round also records the prompt sizes."""
        if responder is not None:
            self.respond_with(responder)
        self.fake.requests.clear()
        self.replies.clear()
        ms, document = await step()
        if keep:
            path.samples.append(sample(ms, document))
            if len(path.samples) == 1:
                self.record_sizes(path)

    async def cached_resume(self) -> tuple[float, WrittenDocument]:
        """The same resume twice on one fresh cache; the second is timed."""
        writer = self.writer(MemoryReplyCache())
        await writer.write_resume(self.profile, self.job, self.plan, ResumeOptions())
        self.fake.requests.clear()
        found = await timed(
            lambda: writer.write_resume(self.profile, self.job, self.plan, ResumeOptions())
        )
        if self.fake.chat_requests():
            raise RuntimeError("the cached resume called the model")
        return found

    def record_sizes(self, path: Path) -> None:
        for request in self.fake.chat_requests():
            messages = request.body["messages"]
            texts = [str(m.get("content", "")) for m in messages]
            path.prompt_chars.append(sum(len(text) for text in texts))
            path.prompt_words.append(sum(len(text.split()) for text in texts))
            schema = request.body.get("response_format")
            path.schema_chars.append(len(json.dumps(schema, separators=(",", ":"))))
        path.reply_chars = list(self.replies)


async def timed(once: Callable[[], Awaitable[WrittenDocument]]) -> tuple[float, WrittenDocument]:
    start = time.perf_counter()
    document = await once()
    return (time.perf_counter() - start) * 1000, document


def sample(ms: float, document: WrittenDocument) -> Sample:
    provenance = document.provenance
    return Sample(
        ms=ms,
        model_ms=provenance.latency_ms,
        calls=provenance.model_calls,
        cache_hits=provenance.cache_hits,
        prompt_tokens=provenance.prompt_tokens,
        completion_tokens=provenance.completion_tokens,
        writer=provenance.writer,
        repaired=len(provenance.repaired),
        fallbacks=len(provenance.fallbacks),
    )


async def measure(rounds: int) -> tuple[Bench, list[Path]]:
    bench = Bench()
    paths = {
        name: Path(name, baseline)
        for name, baseline in (
            ("offline resume", None),
            ("llm resume", "offline resume"),
            ("llm resume+repair", "offline resume"),
            ("llm resume cached", "offline resume"),
            ("offline letter", None),
            ("llm letter", "offline letter"),
        )
    }
    plan: list[tuple[str, Step, Responder | None]] = [
        ("offline resume", lambda: timed(bench.offline_resume), None),
        ("llm resume", lambda: timed(bench.llm_resume), faithful),
        ("llm resume+repair", lambda: timed(bench.llm_resume), repaired),
        ("llm resume cached", bench.cached_resume, faithful),
        ("offline letter", lambda: timed(bench.offline_letter), None),
        ("llm letter", lambda: timed(bench.llm_letter), letter),
    ]
    try:
        # Every path once per round, so load on the machine falls on all of them alike; the
        # first round warms (schema building, first-call costs) and is not kept.
        for index in range(rounds + 1):
            for name, step, responder in plan:
                await bench.one_round(paths[name], step, responder, keep=index > 0)
    finally:
        await bench.model.aclose()
    check(paths)
    return bench, list(paths.values())


def check(paths: dict[str, Path]) -> None:
    """Each path did what it is named for; a bench of the wrong path is worse than none."""
    expected: dict[str, Callable[[Sample], bool]] = {
        "llm resume": lambda s: s.writer == "llm" and s.calls == 1 and not s.repaired,
        "llm resume+repair": lambda s: s.calls == 2 and s.repaired == 1 and not s.fallbacks,
        "llm resume cached": lambda s: s.calls == 0 and s.cache_hits == 1,
        "llm letter": lambda s: s.writer == "llm" and s.calls == 1 and not s.fallbacks,
    }
    for name, good in expected.items():
        bad = [s for s in paths[name].samples if not good(s)]
        if bad:
            raise RuntimeError(f"{name}: unexpected provenance {bad[0]}")


def summary(bench: Bench, paths: list[Path], rounds: int) -> dict[str, Any]:
    by_name = {p.name: p for p in paths}
    rows = []
    for path in paths:
        base = by_name[path.baseline] if path.baseline else None
        p50, p99 = path.percentile("ms", 0.5), path.percentile("ms", 0.99)
        row: dict[str, Any] = {
            "path": path.name,
            "documents": len(path.samples),
            "p50_ms": round(p50, 2),
            "p99_ms": round(p99, 2),
            "overhead_p50_ms": round(p50 - base.percentile("ms", 0.5), 2) if base else None,
            "overhead_p99_ms": round(p99 - base.percentile("ms", 0.99), 2) if base else None,
            "model_p50_ms": round(path.percentile("model_ms", 0.5), 2),
            "model_calls": path.mean("calls"),
            "prompt_tokens_fake": path.mean("prompt_tokens"),
            "completion_tokens_fake": path.mean("completion_tokens"),
            "prompt_chars": path.prompt_chars,
            "prompt_tokens_est": [c // CHARS_PER_TOKEN for c in path.prompt_chars],
            "prompt_words": path.prompt_words,
            "prompt_with_schema_tokens_est": [
                (c + s) // CHARS_PER_TOKEN
                for c, s in zip(path.prompt_chars, path.schema_chars, strict=True)
            ],
            "reply_tokens_est": [c // CHARS_PER_TOKEN for c in path.reply_chars],
            "schema_chars": path.schema_chars,
            "reply_chars": path.reply_chars,
        }
        rows.append(row)
    return {
        "rounds": rounds,
        "model": MODEL,
        "job": JOB,
        "profile_items": item_counts(bench.profile),
        "plan": {
            "experiences": len(bench.plan.experiences),
            "bullets": sum(len(e.bullet_ids) for e in bench.plan.experiences),
            "projects": len(bench.plan.project_ids),
        },
        "token_estimate": f"characters / {CHARS_PER_TOKEN}",
        "paths": rows,
    }


def print_table(result: dict[str, Any]) -> None:
    items = result["profile_items"]
    print(
        f"profile: {items['total']} items ({items['experiences']} experiences, "
        f"{items['achievements']} bullets, {items['projects']} projects, {items['education']} "
        f"education, {items['certifications']} certifications; skills not counted, "
        f"profile_items with skills: {items['profile_items_with_skills']}); job: {result['job']}; "
        f"plan: {result['plan']['experiences']} roles, {result['plan']['bullets']} bullets, "
        f"{result['plan']['projects']} projects"
    )
    print(f"{result['rounds']} rounds per path, fake server answering in 0 ms (in-process ASGI)")
    print(
        f"{'path':18} {'docs':>5} {'p50 ms':>8} {'p99 ms':>8} {'+p50 ms':>8} {'+p99 ms':>8} "
        f"{'model ms':>9} {'calls':>5} {'prompt tk':>9} {'compl tk':>8}"
    )
    for row in result["paths"]:
        plus50 = "" if row["overhead_p50_ms"] is None else f"{row['overhead_p50_ms']:8.2f}"
        plus99 = "" if row["overhead_p99_ms"] is None else f"{row['overhead_p99_ms']:8.2f}"
        print(
            f"{row['path']:18} {row['documents']:>5} {row['p50_ms']:>8.2f} {row['p99_ms']:>8.2f} "
            f"{plus50:>8} {plus99:>8} {row['model_p50_ms']:>9.2f} {row['model_calls']:>5.0f} "
            f"{row['prompt_tokens_fake']:>9.0f} {row['completion_tokens_fake']:>8.0f}"
        )
    print(
        "+p50/+p99: overhead over the offline baseline (the path's percentile minus the "
        "baseline's); model ms: p50 time inside the client call (client + ASGI + fake). "
        "Tokens: the fake's word counts, summed over the document's calls."
    )
    print()
    print("prompt sizes (first round, per model call)")
    print(
        f"{'path':18} {'call':>4} {'chars':>7} {'~tokens':>8} {'words':>6} "
        f"{'schema ch':>9} {'~tk+schema':>10} {'reply ch':>8} {'~reply tk':>9}"
    )
    for row in result["paths"]:
        for call, chars in enumerate(row["prompt_chars"]):
            print(
                f"{row['path']:18} {call + 1:>4} {chars:>7} {row['prompt_tokens_est'][call]:>8} "
                f"{row['prompt_words'][call]:>6} {row['schema_chars'][call]:>9} "
                f"{row['prompt_with_schema_tokens_est'][call]:>10} "
                f"{row['reply_chars'][call]:>8} {row['reply_tokens_est'][call]:>9}"
            )
    print(
        f"~tokens: characters / {CHARS_PER_TOKEN}, an estimate; chars: system + user (+ the "
        "repair turn's) message text; words: the fake's count of those; schema ch: the "
        "response_format JSON schema, which real servers also count as prompt (~tk+schema: "
        "both / 4); reply ch: the fake's reply text."
    )


async def main(rounds: int, as_json: bool) -> None:
    bench, paths = await measure(rounds)
    result = summary(bench, paths, rounds)
    if as_json:
        json.dump(result, sys.stdout, indent=2)
        print()
    else:
        print_table(result)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.rounds, arguments.json))
