"""The graded tailoring fixtures: loading profiles, jobs and grades (tests/data/tailoring)."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from resumecore.ids import ProfileId, UserId
from resumecore.model.job import Job
from resumecore.model.job_factory import new_job
from resumecore.model.profile import Profile
from resumecore.model.profile_revision import new_profile

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "tailoring"
HELDOUT = DATA / "heldout"
SECOND_GRADER = DATA / "second_grader"
AT = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class Case:
    """One graded (profile, job) pair: item id -> grade 0-3."""

    profile: Profile
    job: Job
    name: str
    grades: dict[str, int]


def labels(profile: Profile) -> dict[str, str]:
    """Item id -> the stable label the grade files use (``exp:Company#2``, ``skill:SQL``...)."""
    out: dict[str, str] = {}
    for exp in profile.experiences:
        out[exp.id] = f"exp:{exp.company}"
        out.update(
            {f"{exp.id}:a{i}": f"exp:{exp.company}#{i}" for i in range(len(exp.achievements))}
        )
    out.update({p.id: f"proj:{p.name}" for p in profile.projects})
    out.update({c.id: f"cert:{c.name}" for c in profile.skills.certifications})
    out.update({e.id: f"edu:{e.institution}" for e in profile.education})
    skills = [*profile.skills.technical, *profile.skills.soft]
    skills += [language.name for language in profile.skills.languages]
    out.update({f"skill:{name}": f"skill:{name}" for name in skills})
    return out


def load_profile(name: str, data: Path = DATA) -> tuple[Profile, dict[str, Any]]:
    """The profile in ``profiles/<name>.json`` (ids ``<name>-1``, ``-2``...) and its spec."""
    spec: dict[str, Any] = json.loads((data / "profiles" / f"{name}.json").read_text())
    counter = itertools.count(1)
    profile = new_profile(
        ProfileId(name), UserId("eval"), spec["content"], is_primary=True,
        new_id=lambda: f"{name}-{next(counter)}", at=AT,
    )  # fmt: skip
    return profile, spec


def load_job(name: str, data: Path = DATA) -> Job:
    """The job parsed from ``jobs/<name>.json``, created at ``AT``."""
    raw = json.loads((data / "jobs" / f"{name}.json").read_text())["raw_text"]
    return new_job(name, UserId("eval"), {"raw_text": raw}, at=AT)


def _graded(profile: Profile, grades: dict[str, list[int]], where: str) -> dict[str, str]:
    by_id = labels(profile)
    if set(by_id.values()) != set(grades) or len(by_id) != len(grades):
        raise ValueError(f"{where}: grades and items differ")
    return by_id


def load_cases(data: Path = DATA) -> list[Case]:
    """Every graded pair; raises ``ValueError`` if an item lacks a grade or a grade is unused."""
    cases = []
    for path in sorted((data / "profiles").glob("*.json")):
        profile, spec = load_profile(path.stem, data)
        by_id = _graded(profile, spec["grades"], path.name)
        for index, job_name in enumerate(spec["jobs"]):
            grades = {item_id: spec["grades"][label][index] for item_id, label in by_id.items()}
            cases.append(Case(profile, load_job(job_name, data), f"{path.stem}/{job_name}", grades))
    return cases


def regraded(cases: list[Case], grader: Path = SECOND_GRADER) -> list[Case]:
    """The same cases with another grader's grades (``<grader>/<profile>.json``)."""
    out = []
    for case in cases:
        profile_name, job_name = case.name.split("/")
        spec = json.loads((grader / f"{profile_name}.json").read_text())
        by_id = _graded(case.profile, spec["grades"], f"{grader.name}/{profile_name}")
        index = spec["jobs"].index(job_name)
        grades = {item_id: spec["grades"][by_id[item_id]][index] for item_id in case.grades}
        out.append(replace(case, grades=grades))
    return out
