"""``resumecore tailor PROFILE.json POSTING.txt``: the offline path, no database, no settings.

Prints the match report and the tailored plan (text, or ``--json``); ``--json-resume-out``
writes the tailored resume as JSON Resume. PROFILE.json is our profile JSON (it has
``personal_info``) or a JSON Resume document.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import Any

import msgspec

from resumecore import (
    InvalidValue,
    Job,
    Profile,
    build_profile,
    from_json_resume,
    generate_resume,
    match,
    parse_posting,
    tailor,
    to_json_resume,
)
from resumecore.tailoring import MatchReport, ResumePlan
from resumecore.tailoring.items import achievement_id, skill_id
from resumecore.tailoring.report import Evidence

INPUT_ERROR = 2


def run_tailor(
    profile_path: str, posting_path: str, *, as_json: bool, json_resume_out: str | None
) -> int:
    """Run the command; returns the exit code (2 for unreadable or invalid input)."""
    try:
        profile = read_profile(profile_path)
        job = parse_posting(Path(posting_path).read_text(encoding="utf-8"), job_id="posting")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return _refuse(f"cannot read input: {exc}")
    except InvalidValue as exc:
        fields = "; ".join(f"{e.field or e.code}: {e.message}" for e in exc.errors[:10])
        return _refuse(f"{exc.message}{' (' + fields + ')' if fields else ''}")
    report, plan = match(profile, job), tailor(profile, job)
    if json_resume_out:
        document = to_json_resume(profile, shown_in=generate_resume(profile, job))
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        try:
            Path(json_resume_out).write_text(text, encoding="utf-8")
        except OSError as exc:
            return _refuse(f"cannot write {json_resume_out}: {exc}")
    if as_json:
        body = {"posting": _posting(job), "match": report, "plan": plan}
        sys.stdout.write(msgspec.json.format(msgspec.json.encode(body)).decode() + "\n")
    else:
        sys.stdout.write(describe(profile, job, report, plan))
    return 0


def read_profile(path: str) -> Profile:
    """Our profile JSON, or a JSON Resume document (anything without ``personal_info``)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise InvalidValue("The profile file must hold a JSON object.", code="invalid_document")
    # Readable, stable ids: the output names items by them.
    counter = itertools.count(1)
    ids: dict[str, Any] = {"profile_id": "profile", "new_id": lambda: f"item-{next(counter)}"}
    if "personal_info" in data:
        return build_profile(data, **ids)
    return from_json_resume(data, **ids)


def describe(profile: Profile, job: Job, report: MatchReport, plan: ResumePlan) -> str:
    """The report and the plan as text a person reads."""
    names = _labels(profile)
    out = [f"{job.title}{' · ' + job.company if job.company else ''}"]
    out += [f"Match: {report.score:g}/100", "", "Requirements"]
    for requirement in report.requirements:
        kind = "" if requirement.kind == "required" else " (nice to have)"
        out.append(f"  {requirement.status:<8} {requirement.text}{kind}")
        out += [f"           ← {_evidence(names, e)}" for e in requirement.evidence[:2]]
    out.append(f"Matched skills: {', '.join(report.matched_skills) or '-'}")
    out += [f"Missing skills: {', '.join(report.missing_skills) or '-'}", "", "Tailored plan"]
    for n, experience in enumerate(plan.experiences, 1):
        out.append(f"  {n}. {names[experience.experience_id]} (relevance {experience.score:g})")
        out += [f"     - {bullet}" for bullet in experience.bullets]
    for title, shown in (
        ("Projects", [names[i] for i in plan.project_ids]),
        ("Technical skills", list(plan.technical_skills)),
        ("Soft skills", list(plan.soft_skills)),
        ("Certifications", [names[i] for i in plan.certification_ids]),
        ("Education", [names[i] for i in plan.education_ids]),
    ):
        if shown:
            out.append(f"  {title}: {', '.join(shown)}")
    return "\n".join(out) + "\n"


def _evidence(names: dict[str, str], evidence: Evidence) -> str:
    label = names.get(evidence.item_id, evidence.span)
    if evidence.span in label:
        return label
    span = evidence.span if len(evidence.span) <= 80 else evidence.span[:79] + "…"
    return f'{label}: "{span}"'


def _labels(profile: Profile) -> dict[str, str]:
    labels = {e.id: f"{e.title} · {e.company}" for e in profile.experiences}
    labels |= {
        achievement_id(e.id, i): text
        for e in profile.experiences
        for i, text in enumerate(e.achievements)
    }
    labels |= {p.id: p.name for p in profile.projects}
    labels |= {c.id: c.name for c in profile.skills.certifications}
    labels |= {e.id: f"{e.degree} · {e.institution}" for e in profile.education}
    skills = profile.skills
    names = [*skills.technical, *skills.soft, *(lang.name for lang in skills.languages)]
    return labels | {skill_id(name): name for name in names}


def _posting(job: Job) -> dict[str, Any]:
    return {
        "title": job.title,
        "company": job.company,
        "location": job.location,
        "required_skills": job.required_skills,
        "preferred_skills": job.preferred_skills,
    }


def _refuse(reason: str) -> int:
    print(f"resumecore tailor: {reason}", file=sys.stderr)
    return INPUT_ERROR
